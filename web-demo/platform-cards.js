// One card per chosen platform: length against the limit, what is left, hashtags and
// mentions against the caps, and where the feed's "… more" fold cuts the post.

import { el } from "./dom.js";

const UNIT_NOTES = {
  weighted: "X’s weighted count",
  graphemes: "characters as you see them",
  characters: "characters",
  utf16: "characters",
  bytes: "bytes",
};

/**
 * @param {HTMLElement} container
 * @param {object[]} facts     platforms() facts, by name
 * @param {object[]} metrics   check().platforms
 * @param {string} text        the checked text (for the fold preview)
 */
export function renderCards(container, facts, metrics, text) {
  const cards = metrics.map((m) => card(facts.get(m.platform) ?? {}, m, text));
  if (cards.length === 0) {
    cards.push(el("p", { className: "empty-note" }, "No platform chosen: choose where you will post under Settings."));
  }
  container.replaceChildren(...cards);
}

function card(fact, m, text) {
  const over = !m.valid || m.remaining < 0;
  const share = m.limit > 0 ? m.length / m.limit : 0;
  const state = over ? "over" : share >= 0.9 ? "near" : "ok";
  const name = fact.displayName ?? m.platform;

  const bar = el("div", { className: "bar", ariaHidden: "true" }, el("span", { className: "fill" }));
  bar.firstChild.style.setProperty("--fill", `${Math.min(100, share * 100).toFixed(1)}%`);

  const verdict = over
    ? el("span", { className: "verdict over" }, `Too long by ${m.length - m.limit}`)
    : el("span", { className: "verdict ok" }, "Fits");

  const facts = el("ul", { className: "facts" });
  const cap = fact.hashtagCap;
  const hashtagsOver = cap != null && m.hashtags > cap;
  facts.append(
    el(
      "li",
      { className: hashtagsOver ? "over" : "" },
      el("span", { className: "k" }, "Hashtags"),
      el("span", { className: "v" }, cap != null ? `${m.hashtags} of ${cap} max` : String(m.hashtags)),
    ),
    el("li", {}, el("span", { className: "k" }, "Mentions"), el("span", { className: "v" }, String(m.mentions))),
    el("li", {}, el("span", { className: "k" }, "Links"), el("span", { className: "v" }, String(m.links))),
  );

  const children = [
    el("div", { className: "card-head" }, el("h3", {}, name), verdict),
    el(
      "p",
      { className: "count-line" },
      el("span", { className: "count" }, `${m.length}/${m.limit}`),
      " ",
      el("span", { className: "unit" }, UNIT_NOTES[m.unit] ?? m.unit),
    ),
    el(
      "div",
      { className: "bar-row" },
      bar,
      el("span", { className: "remaining" }, over ? `${m.length - m.limit} over` : `${m.remaining} left`),
    ),
    facts,
  ];
  if (fact.fold != null) children.push(foldNote(m.fold, text));

  return el("article", { className: `card ${state}`, dataset: { platform: m.platform }, ariaLabel: name }, ...children);
}

/** "Before ‘… more’: …the last words shown" — what readers see before they tap. */
function foldNote(fold, text) {
  if (fold == null) {
    return el("p", { className: "fold" }, "The whole post shows before “… more”.");
  }
  const before = text.slice(Math.max(0, fold - 60), fold).replace(/\s+/g, " ").trim();
  const words = before.split(" ");
  const tail = words.slice(Math.max(0, words.length - 6)).join(" ");
  return el(
    "p",
    { className: "fold" },
    el("span", { className: "fold-key", ariaHidden: "true" }),
    "“… more” after: ",
    el("q", {}, `…${tail}`),
  );
}
