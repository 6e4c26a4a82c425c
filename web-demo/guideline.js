// Builds the guideline TOML the checker compiles from the page's pack checkboxes and
// the organisation's own guideline text.
//
// Pure functions, no DOM and no wasm: the worker imports this module, and the tests can
// run it in Node.
//
// The page never edits what the user wrote. It adds lines around it:
//   - when the user's guideline has no top-level `extends`, a first line
//     `extends = [<ticked packs>]` (a guideline without `extends` means "default", so
//     the checkboxes simply decide which packs load);
//   - for a pack that is loaded (by the user's `extends`, or by `language = "es"`) but
//     unticked, a `"<pack>" = "off"` line in the `[severity]` table — inside the user's
//     own `[severity]` table when there is one (TOML forbids defining a table twice), or in
//     a new table appended at the end.
// Every generated line is recorded in a line map so that an error the checker reports at a
// line of the combined text is shown at the matching line of the user's text.

/** The built-in packs, in the order the page lists them. */
export const PACKS = [
  "ethics",
  "inclusion",
  "privacy",
  "disclosure",
  "accessibility",
  "branding",
  "hashtags",
  "length",
  "style",
  "es",
];

/** The packs `extends = ["default"]` stands for (everything but the language packs). */
export const DEFAULT_PACKS = PACKS.filter((p) => p !== "es");

const TABLE_HEADER = /^\s*\[/;
const EXTENDS_KEY = /^\s*(?:extends|"extends"|'extends')\s*=/;
const SEVERITY_HEADER = /^\s*\[\s*(?:severity|"severity"|'severity')\s*\]\s*(?:#.*)?$/;

/** Splits text into lines the way TOML counts them (LF or CRLF; a final newline ends the last line). */
function splitLines(text) {
  const body = text.replace(/\r?\n$/, "");
  return body === "" ? [] : body.split(/\r?\n/);
}

/** True when the guideline sets `extends` itself, before its first table. */
export function hasOwnExtends(userToml) {
  for (const line of splitLines(userToml)) {
    if (TABLE_HEADER.test(line)) return false;
    if (EXTENDS_KEY.test(line)) return true;
  }
  return false;
}

/** The pack a built-in rule id belongs to (`inclusion.gendered-greeting` → `inclusion`), or null. */
export function packOfRule(ruleId) {
  const prefix = ruleId.split(".", 1)[0];
  return PACKS.includes(prefix) ? prefix : null;
}

/**
 * Combines the pack choices with the user's guideline.
 *
 * @param {string} userToml   the organisation's guideline ("" for none)
 * @param {string[]} chosen   ticked packs
 * @param {string[]} turnOff  loaded packs to switch off through `[severity]`
 * @returns {{toml: string, lineMap: number[], ownExtends: boolean}}
 *   `lineMap[i]` is the user's 1-based line for combined line i+1, or 0 for a generated line.
 */
export function composeGuideline(userToml, chosen, turnOff = []) {
  const user = splitLines(userToml);
  const ownExtends = hasOwnExtends(userToml);
  /** @type {{text: string, from: number}[]} */
  const out = [];

  if (!ownExtends) {
    const list = PACKS.filter((p) => chosen.includes(p)).map((p) => JSON.stringify(p));
    out.push({ text: `extends = [${list.join(", ")}]`, from: 0 });
  }
  user.forEach((text, i) => out.push({ text, from: i + 1 }));

  const off = PACKS.filter((p) => turnOff.includes(p));
  if (off.length > 0) {
    const header = out.findIndex((l) => l.from > 0 && SEVERITY_HEADER.test(l.text));
    if (header === -1) {
      out.push({ text: "", from: 0 }, { text: "[severity]", from: 0 });
      for (const p of off) out.push({ text: `"${p}" = "off"`, from: 0 });
    } else {
      // Inside the user's table: replace a line that already sets this pack (a key may
      // appear only once), otherwise add one right after the header.
      let end = header + 1;
      while (end < out.length && !TABLE_HEADER.test(out[end].text)) end++;
      const added = [];
      for (const p of off) {
        const key = new RegExp(`^\\s*(?:${p}|"${p}"|'${p}')\\s*=`);
        const existing = out.slice(header + 1, end).find((l) => key.test(l.text));
        if (existing) existing.text = `"${p}" = "off"`;
        else added.push({ text: `"${p}" = "off"`, from: 0 });
      }
      out.splice(header + 1, 0, ...added);
    }
  }

  return { toml: out.map((l) => l.text).join("\n") + "\n", lineMap: out.map((l) => l.from), ownExtends };
}

/**
 * Turns an Error thrown by `new Checker(toml)` into `{line, column, message, key}` in the
 * user's terms. `line` is null when the error is in a line the page generated.
 */
export function guidelineError(error, lineMap) {
  const raw = String(error?.message ?? error);
  // "postlint.toml:3:1: key `severity.x`: unknown rule" → "key `severity.x`: unknown rule"
  const message = raw.replace(/^[^:\n]*:\d+:\d+:\s*/, "");
  const generatedLine = Number.isInteger(error?.line) ? error.line : null;
  let line = null;
  if (generatedLine !== null) {
    const mapped = lineMap[generatedLine - 1];
    if (mapped === undefined) {
      // Past the last line (an error at the end of the text): count on from the user's last line.
      let last = lineMap.length - 1;
      while (last >= 0 && lineMap[last] === 0) last--;
      line = last < 0 ? null : lineMap[last] + (generatedLine - (last + 1));
    } else {
      line = mapped || null;
    }
  }
  return {
    line,
    column: line === null ? null : (error?.column ?? null),
    key: error?.key ?? null,
    message,
  };
}
