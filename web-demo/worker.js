// The checking worker: loads the postlint WebAssembly module once and answers the page's
// messages. Checking runs here, off the main thread, so typing never waits for it.
//
// Messages in (each carries an `id`, echoed in the answer):
//   {type: "configure", guideline, packs}         compile a checker
//   {type: "check", text, format, platforms}     check a draft
//   {type: "explain", rule}                      a rule's documentation (Markdown)
// Messages out:
//   {type: "ready", version, platforms, packRuleCounts}  once the module is loaded
//   {type: "fatal", message}                             the module could not load
//   {type: "configured" | "result" | "explained" | "failed", id, …}

import init, { Checker, platforms, version } from "./pkg/postlint_wasm.js";
import { PACKS, composeGuideline, guidelineError, packOfRule } from "./guideline.js";

let checker = null;
/** The last configuration, to rebuild the checker after an internal error. */
let lastConfig = { guideline: "", packs: [] };

/** Rules per pack and in total: `{packs: {ethics: {loaded, active}}, custom}`. */
function summarize(rules) {
  const packs = Object.fromEntries(PACKS.map((p) => [p, { loaded: 0, active: 0 }]));
  let custom = 0;
  for (const rule of rules) {
    const pack = packOfRule(rule.id);
    if (pack === null) {
      if (rule.severity !== "off") custom++;
      continue;
    }
    packs[pack].loaded++;
    if (rule.severity !== "off") packs[pack].active++;
  }
  return { packs, custom };
}

/**
 * Compiles the page's pack choices with the user's guideline. See guideline.js for how the
 * two are combined; this needs two passes because only the compiled guideline knows which
 * packs the user's file loads, and `"<pack>" = "off"` is an error for a pack not loaded.
 */
function configure({ guideline = "", packs = [] }) {
  lastConfig = { guideline, packs };
  const chosen = PACKS.filter((p) => packs.includes(p));
  let error = null;
  let user = guideline;

  let composed = composeGuideline(user, chosen);
  let compiled;
  try {
    compiled = new Checker(composed.toml);
  } catch (e) {
    error = guidelineError(e, composed.lineMap);
    // Keep checking with the ticked packs alone until the guideline is fixed.
    user = "";
    composed = composeGuideline("", chosen);
    compiled = new Checker(composed.toml);
  }

  const loaded = summarize(compiled.rules());
  const turnOff = PACKS.filter((p) => loaded.packs[p].loaded > 0 && !chosen.includes(p));
  if (turnOff.length > 0) {
    const second = composeGuideline(user, chosen, turnOff);
    try {
      const next = new Checker(second.toml);
      compiled.free();
      compiled = next;
    } catch (e) {
      error ??= guidelineError(e, second.lineMap);
    }
  }

  checker?.free();
  checker = compiled;
  const effective = summarize(checker.rules());
  return {
    error,
    ownExtends: error === null && composed.ownExtends,
    // Which packs the user's file loads (meaningful when it has its own `extends`).
    loadedPacks: PACKS.filter((p) => loaded.packs[p].loaded > 0),
    activeRules: Object.fromEntries(PACKS.map((p) => [p, effective.packs[p].active])),
    customRules: effective.custom,
  };
}

function check({ text, format, platforms: targets }) {
  const started = performance.now();
  try {
    const result = checker.check(text, { format, platforms: targets });
    return { type: "result", text, result, ms: performance.now() - started };
  } catch (e) {
    // A panic inside the module ("postlint internal error: …"): rebuild the checker so
    // the next keystroke works again, and tell the page.
    try {
      configure(lastConfig);
    } catch {
      /* the page shows the first error */
    }
    return { type: "failed", message: String(e?.message ?? e) };
  }
}

const ready = init()
  .then(() => {
    const all = new Checker(`extends = ${JSON.stringify(PACKS)}`);
    const counts = summarize(all.rules());
    all.free();
    checker = new Checker();
    postMessage({
      type: "ready",
      version: version(),
      platforms: platforms(),
      packRuleCounts: Object.fromEntries(PACKS.map((p) => [p, counts.packs[p].loaded])),
    });
    return true;
  })
  .catch((e) => {
    postMessage({ type: "fatal", message: `The checker could not start: ${e?.message ?? e}` });
    return false;
  });

self.onmessage = async (event) => {
  const message = event.data;
  if (!(await ready)) return;
  const { id } = message;
  try {
    switch (message.type) {
      case "configure":
        postMessage({ type: "configured", id, ...configure(message) });
        break;
      case "check":
        postMessage({ id, ...check(message) });
        break;
      case "explain":
        postMessage({ type: "explained", id, rule: message.rule, markdown: checker.explain(message.rule) });
        break;
      default:
        postMessage({ type: "failed", id, message: `unknown message ${message.type}` });
    }
  } catch (e) {
    postMessage({ type: "failed", id, message: String(e?.message ?? e) });
  }
};
