// The page: wires the draft editor, the checking worker, the problem list, the platform
// cards and the settings together. Nothing here talks to a network: the worker loads the
// wasm module from this origin once, and settings live in localStorage.

import { CheckerClient } from "./checker-client.js";
import { el, renderMarkdown } from "./dom.js";
import { DEFAULT_PACKS, PACKS } from "./guideline.js";
import { diffRange, HighlightEditor, shiftRange } from "./highlight.js";
import { History } from "./history.js";
import { renderCards } from "./platform-cards.js";
import { plural, renderProblems, SEVERITY_LABELS, summarize } from "./problems.js";
import { EXAMPLE_GUIDELINE, SAMPLE_DRAFT } from "./sample.js";

const CHECK_DELAY_MS = 150;
const GUIDELINE_DELAY_MS = 400;
const SAVE_DELAY_MS = 300;
const STORAGE_KEY = "postlint-web-demo/v1";
const DEFAULTS = {
  draft: "",
  format: "text",
  platforms: ["x", "instagram", "linkedin"],
  packs: DEFAULT_PACKS,
  guideline: "",
};

const PACK_INFO = {
  ethics: ["Ethics and dignity", "Pity and saviour framing, sensationalism, health and suicide wording"],
  inclusion: ["Inclusive language", "Gendered, ableist, racialised and outdated terms"],
  privacy: ["Privacy", "E-mail addresses and other personal data"],
  disclosure: ["Ad disclosure", "Sponsorship without a clear advertising label"],
  accessibility: ["Accessibility", "Fancy letters, lowercase hashtags, missing alt text, “click here”"],
  branding: ["Branding", "Your names spelled your way (set them in your guideline)"],
  hashtags: ["Hashtags", "Required, banned and too many hashtags"],
  length: ["Length", "Each platform’s limits"],
  style: ["Style", "Readability hints"],
  es: ["Spanish (es)", "Inclusive and respectful wording in Spanish"],
};

const $ = (id) => document.getElementById(id);
const ui = {
  draft: $("draft"),
  format: $("format"),
  sample: $("sample"),
  undo: $("undo"),
  status: $("status"),
  announcer: $("announcer"),
  popover: $("popover"),
  problems: $("problems"),
  problemsEmpty: $("problems-empty"),
  problemTotal: $("problem-total"),
  platformList: $("platform-list"),
  cards: $("cards"),
  changePlatforms: $("change-platforms"),
  packList: $("pack-list"),
  packNote: $("pack-note"),
  guideline: $("guideline"),
  guidelineFile: $("guideline-file"),
  guidelineExample: $("guideline-example"),
  guidelineClear: $("guideline-clear"),
  guidelineStatus: $("guideline-status"),
  loadError: $("load-error"),
  version: $("version"),
  forget: $("forget"),
  explain: $("explain"),
  explainTitle: $("explain-title"),
  explainBody: $("explain-body"),
  explainClose: $("explain-close"),
};

// ---------------------------------------------------------------- settings

function loadSettings() {
  let saved = {};
  try {
    saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}") ?? {};
  } catch {
    /* storage disabled or corrupt: start fresh */
  }
  const strings = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === "string") : null);
  return {
    draft: typeof saved.draft === "string" ? saved.draft : DEFAULTS.draft,
    format: saved.format === "markdown" ? "markdown" : "text",
    platforms: strings(saved.platforms) ?? DEFAULTS.platforms,
    packs: strings(saved.packs)?.filter((p) => PACKS.includes(p)) ?? DEFAULTS.packs,
    guideline: typeof saved.guideline === "string" ? saved.guideline : DEFAULTS.guideline,
  };
}

const settings = loadSettings();
let saveTimer = 0;
function saveSoon() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    settings.draft = ui.draft.value;
    settings.guideline = ui.guideline.value;
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
    } catch {
      /* private browsing or full storage: the page still works, it just forgets */
    }
  }, SAVE_DELAY_MS);
}

// ---------------------------------------------------------------- state

const state = {
  ready: false,
  facts: new Map(), // platform name → platforms() entry
  checkedText: "", // the text the current diagnostics belong to
  diagnostics: [], // from the last check, each with a `key`
  metrics: [], // check().platforms
  lastSummary: "",
  configured: null, // the worker's last "configured" answer
};

const editor = new HighlightEditor($("draft-editor"));
const guidelineEditor = new HighlightEditor($("guideline-editor"));
const history = new History();

ui.draft.value = settings.draft;
editor.textChanged();
ui.guideline.value = settings.guideline;
guidelineEditor.textChanged();
ui.format.value = settings.format;

const client = new CheckerClient({ onReady, onFatal });

function onReady(info) {
  state.ready = true;
  for (const fact of info.platforms) state.facts.set(fact.name, fact);
  settings.platforms = settings.platforms.filter((p) => state.facts.has(p));
  ui.version.textContent = `postlint ${info.version}`;
  renderPlatformChoices();
  renderPackChoices(info.packRuleCounts);
  configure().then(() => runCheck());
}

function onFatal(message) {
  state.ready = false;
  ui.loadError.hidden = false;
  ui.loadError.replaceChildren(
    el("strong", {}, "The checker could not start. "),
    message,
    " Your draft is safe in the editor; reload the page to try again.",
  );
  ui.status.textContent = "The checker is not available.";
}

// ---------------------------------------------------------------- checking

let checkTimer = 0;
let checking = false;
let checkAgain = false;

function scheduleCheck(delay = CHECK_DELAY_MS) {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(runCheck, delay);
}

/** One check in flight at a time; edits made meanwhile trigger one more when it returns. */
async function runCheck() {
  if (!state.ready) return;
  if (checking) {
    checkAgain = true;
    return;
  }
  checking = true;
  const answer = await client.request({
    type: "check",
    text: ui.draft.value,
    format: settings.format,
    platforms: settings.platforms,
  });
  checking = false;
  if (answer.type === "result") showResult(answer.text, answer.result);
  else if (answer.message) ui.status.textContent = `The check failed: ${answer.message}`;
  if (checkAgain) {
    checkAgain = false;
    runCheck();
  }
}

function showResult(checkedText, result) {
  const text = ui.draft.value;
  // If the user typed while the worker checked, move the results onto the current text.
  const edit = checkedText === text ? null : diffRange(checkedText, text);
  const move = (r) => (edit ? shiftRange(r, edit) : r);
  // An empty draft has nothing to fix (a guideline's "required hashtag" would be noise).
  const hasText = text.trim() !== "";
  const diagnostics = hasText
    ? result.diagnostics
        .map((d, key) => ({ ...d, key }))
        .map(move)
        .filter(Boolean)
    : [];

  state.checkedText = checkedText;
  state.diagnostics = diagnostics;
  state.metrics = result.platforms.map((m) => {
    if (m.fold == null) return m;
    const moved = move({ start: m.fold, end: m.fold });
    return { ...m, fold: moved ? moved.start : null };
  });

  // Editor text was already shifted on input; replace the ranges with the fresh ones.
  editor.text = text;
  editor.setRanges(
    diagnostics.map(({ start, end, severity, rule, key }) => ({ start, end, severity, rule, key })),
    state.metrics
      .filter((m) => m.fold != null)
      .map((m) => ({ offset: m.fold, label: state.facts.get(m.platform)?.displayName ?? m.platform })),
  );
  renderProblems(ui.problems, diagnostics, text, { onJump: jumpTo, onFix: applyFix, onExplain: explain });
  renderCards(ui.cards, state.facts, state.metrics, text);

  ui.problemsEmpty.hidden = diagnostics.length > 0;
  ui.problemsEmpty.textContent = hasText
    ? "No problems found. Check the platform cards below before you publish."
    : "Paste a draft, or try the sample, to see what to improve.";
  ui.problemTotal.hidden = diagnostics.length === 0;
  ui.problemTotal.textContent = String(diagnostics.length);
  ui.problemTotal.setAttribute("aria-label", plural(diagnostics.length, "problem"));

  // The live region speaks only when the summary changes, not on every keystroke.
  const summary = hasText ? summarize(diagnostics) : "Paste or type a draft to check it.";
  if (summary !== state.lastSummary) {
    state.lastSummary = summary;
    ui.status.textContent = summary;
  }
  refreshPopover();
}

/** Current position of a diagnostic (the editor keeps them moving with the text). */
function currentRange(d) {
  return editor.ranges.find((r) => r.key === d.key) ?? null;
}

// ---------------------------------------------------------------- editing

function snapshot() {
  return { text: ui.draft.value, selectionStart: ui.draft.selectionStart, selectionEnd: ui.draft.selectionEnd };
}

/** Sets the draft from the page (fix, sample, undo) and checks it at once. */
function setDraft(text, selectionStart, selectionEnd = selectionStart, focus = false) {
  ui.draft.value = text;
  if (focus) ui.draft.focus({ preventScroll: true });
  ui.draft.setSelectionRange(selectionStart, selectionEnd);
  editor.textChanged();
  draftChanged(0);
}

function draftChanged(delay) {
  ui.undo.disabled = !history.canUndo;
  ui.undo.title = history.canUndo ? `Undo ${history.undoLabel} (Ctrl+Z)` : "Nothing to undo";
  saveSoon();
  scheduleCheck(delay);
}

function applyFix(d, fix, { fromPopover = false } = {}) {
  const text = ui.draft.value;
  // Fix offsets belong to the checked text; move them onto the current text if it changed.
  let edits = fix.edits;
  if (text !== state.checkedText) {
    const change = diffRange(state.checkedText, text);
    edits = edits.map((e) => shiftRange(e, change));
    if (edits.some((e) => e === null)) {
      announce("The text changed under this fix; checking again.");
      scheduleCheck(0);
      return;
    }
  }
  history.change(snapshot(), `“${fix.title}”`);
  let result = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, e.start) + e.replacement + result.slice(e.end);
  }
  const first = [...edits].sort((a, b) => a.start - b.start)[0];
  const caret = first ? first.start + first.replacement.length : ui.draft.selectionStart;
  hidePopover();
  setDraft(result, caret, caret, fromPopover);
  announce(`Applied: ${fix.title}. Undo with Ctrl+Z or the Undo button.`);
}

function undo() {
  const before = history.undo(snapshot());
  if (!before) return;
  setDraft(before.text, before.selectionStart, before.selectionEnd);
  announce("Undone.");
}

function redo() {
  const after = history.redo(snapshot());
  if (!after) return;
  setDraft(after.text, after.selectionStart, after.selectionEnd);
  announce("Redone.");
}

function announce(message) {
  // Clear first so the same message twice is read twice.
  ui.announcer.textContent = "";
  requestAnimationFrame(() => (ui.announcer.textContent = message));
}

ui.draft.addEventListener("beforeinput", (event) => {
  if (event.inputType === "historyUndo" || event.inputType === "historyRedo") {
    event.preventDefault();
    if (event.inputType === "historyUndo") undo();
    else redo();
    return;
  }
  history.typing(snapshot(), event.inputType);
});

ui.draft.addEventListener("input", () => {
  editor.textChanged();
  hidePopover();
  draftChanged(CHECK_DELAY_MS);
});

ui.draft.addEventListener("keydown", (event) => {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && !event.altKey && key === "z") {
    event.preventDefault();
    if (event.shiftKey) redo();
    else undo();
  } else if (mod && !event.altKey && key === "y") {
    event.preventDefault();
    redo();
  } else if (event.key === "F8") {
    event.preventDefault();
    goToProblem(event.shiftKey ? -1 : 1);
  } else if (event.key === "Escape" && !ui.popover.hidden) {
    event.preventDefault();
    hidePopover();
  }
});

// Moving the caret into a problem (arrows, Home/End, a click) shows its details.
const NAVIGATION_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);
ui.draft.addEventListener("keyup", (event) => {
  if (NAVIGATION_KEYS.has(event.key)) showPopoverAtCaret();
});
ui.draft.addEventListener("click", () => showPopoverAtCaret());

ui.undo.addEventListener("click", undo);

ui.sample.addEventListener("click", () => {
  if (ui.draft.value === SAMPLE_DRAFT) return;
  history.change(snapshot(), "loading the sample");
  setDraft(SAMPLE_DRAFT, 0, 0, true);
  ui.draft.scrollIntoView({ block: "nearest" });
  announce("Sample draft loaded. Undo brings your text back.");
});

ui.format.addEventListener("change", () => {
  settings.format = ui.format.value === "markdown" ? "markdown" : "text";
  saveSoon();
  runCheck();
});

function goToProblem(direction) {
  const ranges = [...editor.ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  if (ranges.length === 0) {
    announce("No problems.");
    return;
  }
  const caret = ui.draft.selectionStart;
  const target =
    direction > 0
      ? (ranges.find((r) => r.start > caret) ?? ranges[0])
      : (ranges.findLast((r) => r.start < caret) ?? ranges.at(-1));
  editor.select(target.start, target.end);
  showPopover(target.key, "caret");
  const d = state.diagnostics.find((x) => x.key === target.key);
  if (d) announce(`${SEVERITY_LABELS[d.severity]}: ${d.message}`);
}

function jumpTo(d) {
  const range = currentRange(d);
  if (!range) return;
  editor.select(range.start, range.end);
  showPopover(d.key, "caret");
}

// ---------------------------------------------------------------- the details popover

const popover = { key: null, mode: null, hideTimer: 0 };

function showPopover(key, mode, pointer = null) {
  const d = state.diagnostics.find((x) => x.key === key);
  const marks = editor.marksFor(key);
  if (!d || marks.length === 0) return hidePopover();
  clearTimeout(popover.hideTimer);
  if (popover.key !== key) {
    ui.popover.replaceChildren(
      el(
        "div",
        { className: "popover-head" },
        el("span", { className: `sev-label sev-${d.severity}` }, SEVERITY_LABELS[d.severity] ?? d.severity),
        el("code", { className: "rule-id" }, d.rule),
      ),
      el("p", { className: "msg", id: "popover-message" }, d.message),
      d.help ? el("p", { className: "help" }, d.help) : null,
      d.fixes.length
        ? el(
            "div",
            { className: "fixes", role: "group", ariaLabel: "Fixes" },
            d.fixes.map((fix) =>
              el("button", { type: "button", className: "fix", onclick: () => applyFix(d, fix, { fromPopover: true }) }, fix.title),
            ),
          )
        : null,
    );
  }
  popover.key = key;
  popover.mode = mode;
  ui.popover.hidden = false;
  ui.draft.setAttribute("aria-describedby", "popover-message editor-hint status");
  place(marks, pointer);
}

/** Puts the popover under the line of the mark nearest the pointer (or the first line). */
function place(marks, pointer) {
  const rects = marks.flatMap((m) => [...m.getClientRects()]);
  if (rects.length === 0) return;
  let rect = rects[0];
  if (pointer) {
    rect = rects.find((r) => pointer.y >= r.top && pointer.y <= r.bottom) ?? rect;
  }
  const panel = ui.popover.offsetParent?.getBoundingClientRect() ?? { left: 0, top: 0, width: innerWidth };
  const width = ui.popover.offsetWidth;
  const left = Math.max(8, Math.min(rect.left - panel.left, panel.width - width - 8));
  ui.popover.style.setProperty("--x", `${left}px`);
  ui.popover.style.setProperty("--y", `${rect.bottom - panel.top + 6}px`);
}

function hidePopover() {
  clearTimeout(popover.hideTimer);
  if (ui.popover.hidden) return;
  const hadFocus = ui.popover.contains(document.activeElement);
  ui.popover.hidden = true;
  popover.key = null;
  popover.mode = null;
  ui.draft.setAttribute("aria-describedby", "editor-hint status");
  if (hadFocus) ui.draft.focus({ preventScroll: true });
}

function hideSoon() {
  clearTimeout(popover.hideTimer);
  popover.hideTimer = setTimeout(hidePopover, 250);
}

/** After a re-check the marks are new elements: keep the popover on its problem, or close it. */
function refreshPopover() {
  if (ui.popover.hidden || popover.key === null) return;
  if (!editor.ranges.some((r) => r.key === popover.key)) return hidePopover();
  const key = popover.key;
  popover.key = null; // force the content to be rebuilt from the fresh diagnostic
  showPopover(key, popover.mode);
}

function showPopoverAtCaret() {
  const { selectionStart, selectionEnd } = ui.draft;
  const range = editor.rangeAtOffset(selectionStart);
  if (range && (selectionStart === selectionEnd || (range.start === selectionStart && range.end === selectionEnd))) {
    showPopover(range.key, "caret");
  } else if (popover.mode === "caret") {
    hidePopover();
  }
}

// Hover: the marks are behind the textarea, so find the one under the pointer by geometry.
let hoverFrame = 0;
ui.draft.addEventListener("mousemove", (event) => {
  cancelAnimationFrame(hoverFrame);
  const point = { x: event.clientX, y: event.clientY };
  hoverFrame = requestAnimationFrame(() => {
    const range = editor.rangeAt(point.x, point.y);
    if (range) {
      if (popover.key !== range.key || popover.mode !== "caret") showPopover(range.key, "hover", point);
      else clearTimeout(popover.hideTimer);
    } else if (popover.mode === "hover") {
      hideSoon();
    }
  });
});
ui.draft.addEventListener("mouseleave", () => {
  cancelAnimationFrame(hoverFrame);
  if (popover.mode === "hover") hideSoon();
});
ui.popover.addEventListener("mouseenter", () => clearTimeout(popover.hideTimer));
ui.popover.addEventListener("mouseleave", () => {
  if (popover.mode === "hover") hideSoon();
});
ui.popover.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    event.preventDefault();
    hidePopover();
  }
});
// Leaving the editor and its popover with the keyboard closes the popover.
for (const node of [ui.draft, ui.popover]) {
  node.addEventListener("focusout", (event) => {
    const next = event.relatedTarget;
    if (popover.mode === "caret" && next && !ui.popover.contains(next) && next !== ui.draft) hidePopover();
  });
}
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !ui.popover.hidden && !ui.explain.open) hidePopover();
});
addEventListener("resize", () => {
  if (!ui.popover.hidden && popover.key !== null) place(editor.marksFor(popover.key), null);
});

// ---------------------------------------------------------------- platforms

function renderPlatformChoices() {
  const chips = [...state.facts.values()].map((fact) => {
    const input = el("input", {
      type: "checkbox",
      value: fact.name,
      checked: settings.platforms.includes(fact.name),
      onchange: () => {
        const chosen = new Set(
          [...ui.platformList.querySelectorAll("input:checked")].map((x) => x.value),
        );
        settings.platforms = [...state.facts.keys()].filter((name) => chosen.has(name));
        saveSoon();
        runCheck();
      },
    });
    return el("label", { className: "chip" }, input, el("span", {}, fact.displayName));
  });
  ui.platformList.replaceChildren(...chips);
}

ui.changePlatforms.addEventListener("click", () => {
  const first = ui.platformList.querySelector("input:checked") ?? ui.platformList.querySelector("input");
  $("platform-choices").scrollIntoView({ block: "center", behavior: "smooth" });
  first?.focus({ preventScroll: true });
});

// ---------------------------------------------------------------- packs and guideline

function renderPackChoices(counts) {
  const rows = PACKS.map((pack) => {
    const [name, description] = PACK_INFO[pack] ?? [pack, ""];
    const id = `pack-${pack}`;
    const input = el("input", {
      type: "checkbox",
      id,
      value: pack,
      checked: settings.packs.includes(pack),
      ariaDescribedby: `${id}-desc`,
      onchange: () => {
        const chosen = new Set([...ui.packList.querySelectorAll("input:checked")].map((x) => x.value));
        settings.packs = PACKS.filter((p) => chosen.has(p));
        saveSoon();
        configure().then(() => runCheck());
      },
    });
    const count = counts[pack] ? ` · ${plural(counts[pack], "rule")}` : "";
    return el(
      "div",
      { className: "pack", dataset: { pack } },
      input,
      el("label", { htmlFor: id, className: "pack-name" }, name),
      el("p", { className: "pack-desc", id: `${id}-desc` }, description, count, el("span", { className: "pack-state" })),
    );
  });
  ui.packList.replaceChildren(...rows);
}

let configureSeq = 0;
/** Compiles the packs and guideline in the worker, then shows what the guideline did. */
async function configure() {
  const seq = ++configureSeq;
  const answer = await client.request({ type: "configure", guideline: ui.guideline.value, packs: settings.packs });
  if (seq !== configureSeq || answer.type !== "configured") return;
  state.configured = answer;
  updatePackChoices(answer);
  showGuidelineStatus(answer);
}

function updatePackChoices(answer) {
  ui.packNote.textContent = answer.ownExtends
    ? "Your guideline chooses its packs with “extends”. Untick a pack to turn it off here; packs it does not include are greyed out."
    : "Untick a pack to skip its checks.";
  for (const row of ui.packList.querySelectorAll(".pack")) {
    const pack = row.dataset.pack;
    const input = row.querySelector("input");
    const note = row.querySelector(".pack-state");
    const excluded = answer.ownExtends && !answer.loadedPacks.includes(pack);
    input.disabled = excluded;
    input.checked = !excluded && settings.packs.includes(pack);
    row.classList.toggle("excluded", excluded);
    note.textContent = excluded ? " — not included by your guideline" : "";
  }
}

function showGuidelineStatus(answer) {
  const { error } = answer;
  guidelineEditor.setLineMark(error?.line ?? null);
  if (error) {
    const where = error.line ? `Line ${error.line}, column ${error.column}: ` : "In the pack choices this page adds: ";
    const parts = [
      el("p", { className: "guideline-error", role: "alert" }, el("strong", {}, where), error.message),
    ];
    if (error.line) {
      parts.push(
        el(
          "button",
          { type: "button", className: "button small", onclick: () => goToGuidelineLine(error.line, error.column) },
          `Go to line ${error.line}`,
        ),
      );
    }
    parts.push(el("p", { className: "hint" }, "Until this is fixed, drafts are checked with the ticked packs only."));
    ui.guidelineStatus.replaceChildren(...parts);
    return;
  }
  if (ui.guideline.value.trim() === "") {
    ui.guidelineStatus.replaceChildren();
    return;
  }
  const active = Object.values(answer.activeRules).reduce((a, b) => a + b, 0) + answer.customRules;
  const own = answer.customRules ? `, ${answer.customRules} of them your own` : "";
  ui.guidelineStatus.replaceChildren(
    el("p", { className: "guideline-ok" }, `Guideline applied: ${plural(active, "rule")} active${own}.`),
  );
}

function goToGuidelineLine(line, column) {
  const lines = ui.guideline.value.split("\n");
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  const col = Math.max(0, Math.min((column ?? 1) - 1, (lines[line - 1] ?? "").length));
  guidelineEditor.select(offset + col, offset + col);
}

let guidelineTimer = 0;
function guidelineChanged(delay) {
  saveSoon();
  clearTimeout(guidelineTimer);
  guidelineTimer = setTimeout(() => configure().then(() => runCheck()), delay);
}

ui.guideline.addEventListener("input", () => {
  guidelineEditor.textChanged();
  guidelineChanged(GUIDELINE_DELAY_MS);
});

function setGuideline(text) {
  ui.guideline.value = text;
  guidelineEditor.textChanged();
  guidelineChanged(0);
}

ui.guidelineFile.addEventListener("change", async () => {
  const file = ui.guidelineFile.files?.[0];
  if (!file) return;
  // Read locally; the file never leaves the browser.
  setGuideline(await file.text());
  ui.guidelineFile.value = "";
  announce(`Loaded ${file.name}.`);
});
ui.guidelineExample.addEventListener("click", () => {
  setGuideline(EXAMPLE_GUIDELINE);
  ui.guideline.focus();
});
ui.guidelineClear.addEventListener("click", () => setGuideline(""));

// ---------------------------------------------------------------- rule documentation

async function explain(d) {
  const answer = await client.request({ type: "explain", rule: d.rule });
  if (answer.type !== "explained") return;
  ui.explainTitle.textContent = d.rule;
  ui.explainBody.replaceChildren(renderMarkdown(answer.markdown));
  ui.explain.showModal();
  ui.explainBody.scrollTop = 0;
}
ui.explainClose.addEventListener("click", () => ui.explain.close());
ui.explain.addEventListener("click", (event) => {
  // A click on the backdrop (outside the dialog box) closes it.
  if (event.target === ui.explain) ui.explain.close();
});

// ---------------------------------------------------------------- forget

ui.forget.addEventListener("click", () => {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    /* nothing stored */
  }
  clearTimeout(saveTimer);
  history.change(snapshot(), "forgetting the draft");
  Object.assign(settings, structuredClone(DEFAULTS));
  ui.format.value = settings.format;
  ui.guideline.value = "";
  guidelineEditor.textChanged();
  ui.draft.value = "";
  editor.textChanged();
  ui.undo.disabled = !history.canUndo;
  if (state.ready) {
    renderPlatformChoices();
    for (const input of ui.packList.querySelectorAll("input")) input.checked = settings.packs.includes(input.value);
    configure().then(() => runCheck());
  }
  // Saving again would store the defaults; the next change does that anyway.
  clearTimeout(saveTimer);
  announce("Your draft and settings were removed from this browser. Undo brings the draft back.");
});

// Tell boot.js that every module loaded and ran (it reports a page whose scripts never started).
window.postlintStarted = true;
