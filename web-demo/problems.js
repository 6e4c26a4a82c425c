// The side list: problems grouped by category, with counts, one button per fix.

import { el } from "./dom.js";

export const CATEGORIES = {
  ethics: "Ethics and dignity",
  inclusion: "Inclusive language",
  privacy: "Privacy",
  disclosure: "Ad disclosure",
  accessibility: "Accessibility",
  branding: "Branding",
  hashtags: "Hashtags",
  length: "Length",
  style: "Style",
};

export const SEVERITY_LABELS = { error: "Error", warning: "Warning", info: "Suggestion" };
const SEVERITY_ICONS = { error: "!", warning: "▲", info: "i" };

/** "3 problems: 1 error, 2 warnings" — for the live region and the panel heading. */
export function summarize(diagnostics) {
  const n = diagnostics.length;
  if (n === 0) return "No problems found.";
  const by = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) by[d.severity] = (by[d.severity] ?? 0) + 1;
  const parts = [];
  if (by.error) parts.push(plural(by.error, "error"));
  if (by.warning) parts.push(plural(by.warning, "warning"));
  if (by.info) parts.push(plural(by.info, "suggestion"));
  return `${plural(n, "problem")}: ${parts.join(", ")}.`;
}

export function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Renders the list. Diagnostics carry a `key` (their index in the last result).
 * Keyboard focus inside the list survives re-rendering: it returns to the same control of
 * the same problem, or to the problem now at the same place (after a fix removed one).
 *
 * @param {HTMLElement} container
 * @param {object[]} diagnostics
 * @param {string} text  the checked text, for quoting what each problem is about
 * @param {{onJump(d), onFix(d, fix), onExplain(d)}} actions
 */
export function renderProblems(container, diagnostics, text, actions) {
  const memo = focusMemo(container);

  const groups = new Map();
  for (const d of diagnostics) {
    if (!groups.has(d.category)) groups.set(d.category, []);
    groups.get(d.category).push(d);
  }
  const order = [...Object.keys(CATEGORIES), ...[...groups.keys()].filter((c) => !(c in CATEGORIES))];

  const sections = [];
  for (const category of order) {
    const items = groups.get(category);
    if (!items) continue;
    const name = CATEGORIES[category] ?? category;
    const headingId = `group-${category}`;
    sections.push(
      el(
        "section",
        { className: "group", dataset: { category }, ariaLabelledby: headingId },
        el(
          "h3",
          { id: headingId },
          el("span", {}, name),
          el("span", { className: "pill", ariaLabel: plural(items.length, "problem") }, String(items.length)),
        ),
        el("ul", { className: "problem-list" }, items.map((d) => item(d, text, actions))),
      ),
    );
  }
  container.replaceChildren(...sections);
  memo.restore(container);
}

function item(d, text, actions) {
  const id = `problem-${d.key}`;
  const quoted = excerpt(text.slice(d.start, d.end));
  const fixes = d.fixes.map((fix) =>
    el("button", { type: "button", className: "fix", dataset: { focus: `fix:${fix.title}` }, onclick: () => actions.onFix(d, fix) }, fix.title),
  );
  return el(
    "li",
    { className: "problem", dataset: { severity: d.severity, key: String(d.key), focusId: `${d.rule}@${d.start}` } },
    el(
      "button",
      {
        type: "button",
        className: "jump",
        dataset: { focus: "jump" },
        ariaDescribedby: `${id}-help`,
        onclick: () => actions.onJump(d),
      },
      el("span", { className: `sev sev-${d.severity}`, ariaHidden: "true" }, SEVERITY_ICONS[d.severity] ?? "•"),
      el(
        "span",
        { className: "jump-text" },
        el("span", { className: "visually-hidden" }, `${SEVERITY_LABELS[d.severity] ?? d.severity}: `),
        el("span", { className: "msg" }, d.message),
        quoted && d.message.includes(quoted) ? null : el("span", { className: "quote" }, `“${quoted}”`),
        el("span", { className: "where" }, `Line ${d.line}`),
      ),
    ),
    el(
      "div",
      { className: "details" },
      d.help ? el("p", { className: "help", id: `${id}-help` }, d.help) : null,
      fixes.length ? el("div", { className: "fixes", role: "group", ariaLabel: "Fixes" }, fixes) : null,
      el(
        "p",
        { className: "meta" },
        el("span", { className: `sev-label sev-${d.severity}` }, SEVERITY_LABELS[d.severity] ?? d.severity),
        " · ",
        el("code", { className: "rule-id" }, d.rule),
        " · ",
        el(
          "button",
          { type: "button", className: "link", dataset: { focus: "why" }, onclick: () => actions.onExplain(d), ariaLabel: `Why? About ${d.rule}` },
          "Why?",
        ),
      ),
    ),
  );
}

/** A short quote of the flagged text: one line, at most ~48 characters. */
function excerpt(s) {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > 48 ? `${flat.slice(0, 46)}…` : flat;
}

function focusMemo(container) {
  const active = document.activeElement;
  if (!active || !container.contains(active)) return { restore() {} };
  const li = active.closest("li.problem");
  const all = [...container.querySelectorAll("li.problem")];
  const index = all.indexOf(li);
  const focusId = li?.dataset.focusId;
  const control = active.dataset.focus;
  return {
    restore(root) {
      const items = [...root.querySelectorAll("li.problem")];
      let target = items.find((x) => x.dataset.focusId === focusId);
      let node = target && [...target.querySelectorAll("[data-focus]")].find((b) => b.dataset.focus === control);
      if (!node) {
        target = items[Math.min(index, items.length - 1)];
        node = target?.querySelector("button.jump");
      }
      // Nothing left to focus in the list: the panel's heading (tabindex=-1) keeps focus
      // near, instead of dropping it to the top of the page.
      (node ?? document.getElementById("problems-heading"))?.focus({ preventScroll: false });
    },
  };
}
