// A textarea with a highlight layer behind it.
//
// The layer (the "mirror") is a div with exactly the textarea's font, padding and wrapping,
// holding the same text in transparent ink, with <mark> elements where problems are. The
// textarea sits on top with a transparent background, so the marks show through behind
// the real, editable text.
//
// The mirror is in the normal flow and the textarea is stretched over it: the box grows
// with the text, the textarea never scrolls, and the two cannot drift apart. Offsets are
// UTF-16 code units, the unit of both JavaScript strings and postlint's wasm module.

/**
 * Where one edit changed a text: the common prefix and suffix of the old and new text.
 * Returns `{start, oldEnd, newEnd}`: old[start, oldEnd) became new[start, newEnd).
 */
export function diffRange(oldText, newText) {
  const max = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let suffix = 0;
  while (
    suffix < max - start &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  return { start, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

/**
 * Moves ranges after an edit so highlights stay on their words while the next check runs.
 * A range that the edit touches is dropped (`null`): its words changed, the next check decides.
 */
export function shiftRange(range, edit) {
  const delta = edit.newEnd - edit.oldEnd;
  if (range.end <= edit.start && !(range.start === range.end && range.start === edit.start)) return range;
  if (range.start >= edit.oldEnd) return { ...range, start: range.start + delta, end: range.end + delta };
  return null;
}

export class HighlightEditor {
  /**
   * @param {HTMLElement} root  a wrapper holding one `.mirror` div and one textarea
   */
  constructor(root) {
    this.root = root;
    this.textarea = root.querySelector("textarea");
    this.mirror = root.querySelector(".mirror");
    /** @type {{start:number,end:number,severity:string,rule:string,key:number}[]} */
    this.ranges = [];
    /** @type {{offset:number,label:string}[]} */
    this.folds = [];
    /** @type {{line:number}|null} */
    this.lineMark = null;
    this.text = this.textarea.value;
    // The textarea must never scroll: its box is the mirror's. If the browser scrolls it
    // anyway (e.g. while the caret reaches a new last line before the mirror grows), undo it.
    this.textarea.addEventListener("scroll", () => {
      this.textarea.scrollTop = 0;
      this.textarea.scrollLeft = 0;
    });
    this.render();
  }

  /** Sets the problem ranges to highlight, for the current text. */
  setRanges(ranges, folds = []) {
    this.ranges = ranges;
    this.folds = folds;
    this.render();
  }

  /** Highlights one whole line (1-based), or none. */
  setLineMark(line) {
    this.lineMark = line ? { line } : null;
    this.render();
  }

  /**
   * Called after the textarea's value changed (typing, or the page setting it). Shifts the
   * highlights past the edit and re-renders at once, so the layer never lags the text.
   */
  textChanged() {
    const value = this.textarea.value;
    if (value === this.text) return;
    const edit = diffRange(this.text, value);
    this.text = value;
    this.ranges = this.ranges.map((r) => shiftRange(r, edit)).filter(Boolean);
    this.folds = this.folds.map((f) => shiftRange({ ...f, start: f.offset, end: f.offset }, edit))
      .filter(Boolean)
      .map((f) => ({ offset: f.start, label: f.label }));
    this.render();
  }

  /** Replaces the whole text (not through typing). */
  setText(value) {
    this.textarea.value = value;
    this.textChanged();
  }

  /** Rebuilds the mirror: text split at every range boundary, nested marks outermost first. */
  render() {
    const text = this.text;
    const ranges = this.ranges
      .filter((r) => r.start >= 0 && r.end <= text.length && r.start <= r.end)
      .sort((a, b) => a.start - b.start || b.end - a.end || a.key - b.key);
    const points = new Set([0, text.length]);
    for (const r of ranges) points.add(r.start).add(r.end);
    const folds = new Map();
    for (const f of this.folds) {
      if (f.offset <= 0 || f.offset >= text.length) continue;
      points.add(f.offset);
      folds.set(f.offset, folds.has(f.offset) ? `${folds.get(f.offset)}, ${f.label}` : f.label);
    }
    if (this.lineMark) {
      const [start, end] = lineBounds(text, this.lineMark.line);
      if (start !== null) {
        points.add(start).add(end);
        this.lineRange = { start, end };
      }
    } else {
      this.lineRange = null;
    }
    const cuts = [...points].sort((a, b) => a - b);

    const fragment = document.createDocumentFragment();
    for (let i = 0; i < cuts.length; i++) {
      const at = cuts[i];
      if (folds.has(at)) fragment.append(foldMarker(folds.get(at)));
      // Empty ranges (a problem at a position, not a span) get a zero-width mark.
      for (const r of ranges) if (r.start === at && r.end === at) fragment.append(markFor(r, true));
      const next = cuts[i + 1];
      if (next === undefined || next === at) continue;
      let node = document.createTextNode(text.slice(at, next));
      const covering = ranges.filter((r) => r.start <= at && r.end >= next && r.start < r.end);
      for (let j = covering.length - 1; j >= 0; j--) {
        const mark = markFor(covering[j], false);
        mark.append(node);
        node = mark;
      }
      if (this.lineRange && this.lineRange.start <= at && this.lineRange.end >= next) {
        const line = document.createElement("span");
        line.className = "line-mark";
        line.append(node);
        node = line;
      }
      fragment.append(node);
    }
    // A trailing newline needs something after it to give the mirror its last, empty line.
    fragment.append("\u200b");
    this.mirror.replaceChildren(fragment);
  }

  /** The marks for a range key, in text order. */
  marksFor(key) {
    return [...this.mirror.querySelectorAll(`mark[data-key="${key}"]`)];
  }

  /** The innermost range under a viewport point, or null (for hover on the textarea). */
  rangeAt(x, y) {
    let best = null;
    for (const mark of this.mirror.querySelectorAll("mark[data-key]")) {
      for (const rect of mark.getClientRects()) {
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) {
          const range = this.ranges.find((r) => r.key === Number(mark.dataset.key));
          if (range && (!best || range.end - range.start < best.end - best.start)) best = range;
        }
      }
    }
    return best;
  }

  /** The innermost range containing a caret position, or null. */
  rangeAtOffset(offset) {
    let best = null;
    for (const r of this.ranges) {
      if (r.start <= offset && offset <= r.end && (!best || r.end - r.start < best.end - best.start)) best = r;
    }
    return best;
  }

  /** Selects a range in the textarea and scrolls the page so it is visible. */
  select(start, end) {
    const ta = this.textarea;
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(start, end);
    const target = this.mirror.querySelector(`[data-start="${start}"]`) ?? this.caretProbe(start);
    target?.scrollIntoView({ block: "center", behavior: prefersReducedMotion() ? "auto" : "smooth" });
  }

  /** An element at an offset, for scrolling to a place that has no mark (e.g. a TOML line). */
  caretProbe(offset) {
    const probe = document.createElement("span");
    const walker = document.createTreeWalker(this.mirror, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (seen + node.length >= offset) {
        node.splitText(offset - seen).before(probe);
        // The probe is gone at the next render; scrolling only needs it for a moment.
        queueMicrotask(() => this.render());
        return probe;
      }
      seen += node.length;
    }
    return null;
  }
}

function markFor(range, empty) {
  const mark = document.createElement("mark");
  mark.dataset.rule = range.rule;
  mark.dataset.severity = range.severity;
  mark.dataset.key = String(range.key);
  mark.dataset.start = String(range.start);
  if (empty) mark.className = "empty";
  return mark;
}

function foldMarker(label) {
  const marker = document.createElement("span");
  marker.className = "fold-marker";
  marker.dataset.fold = label;
  return marker;
}

/** [start, end) of a 1-based line, or [null, null]. */
function lineBounds(text, line) {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf("\n", start);
    if (next === -1) return [null, null];
    start = next + 1;
  }
  let end = text.indexOf("\n", start);
  if (end === -1) end = text.length;
  return [start, end];
}

export function prefersReducedMotion() {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}
