// The draft's own undo history.
//
// Setting `textarea.value` from script (applying a fix, loading the sample) wipes or
// corrupts the browser's native undo stack, so the page keeps its own and handles
// Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y itself. Typing is grouped into steps the way editors do
// it: a new step after a pause, or when the kind of edit changes (typing → deleting).

const PAUSE_MS = 1000;
const LIMIT = 200;

export class History {
  constructor() {
    /** @type {{text:string, selectionStart:number, selectionEnd:number, label:string}[]} */
    this.undoStack = [];
    this.redoStack = [];
    this.lastKind = null;
    this.lastTime = 0;
  }

  /**
   * Records the state before a typed edit; consecutive edits of one kind share one step.
   * @param {{text:string, selectionStart:number, selectionEnd:number}} before
   * @param {string} inputType  the `beforeinput` event's inputType
   */
  typing(before, inputType) {
    const typed = inputType === "insertText" || inputType === "insertCompositionText";
    const kind = inputType.startsWith("delete") ? "delete" : typed ? "type" : inputType;
    const now = Date.now();
    const continues = kind === this.lastKind && (kind === "type" || kind === "delete") && now - this.lastTime < PAUSE_MS;
    if (!continues) this.push({ ...before, label: "typing" });
    this.lastKind = kind;
    this.lastTime = now;
  }

  /** Records the state before a change made by the page (a fix, the sample, …). */
  change(before, label) {
    this.push({ ...before, label });
    this.lastKind = null;
  }

  push(state) {
    this.undoStack.push(state);
    if (this.undoStack.length > LIMIT) this.undoStack.shift();
    this.redoStack = [];
  }

  /** Returns the state to restore, or null; `current` goes to the redo stack. */
  undo(current) {
    const state = this.undoStack.pop();
    if (!state) return null;
    this.redoStack.push({ ...current, label: state.label });
    this.lastKind = null;
    return state;
  }

  redo(current) {
    const state = this.redoStack.pop();
    if (!state) return null;
    this.undoStack.push({ ...current, label: state.label });
    this.lastKind = null;
    return state;
  }

  get canUndo() {
    return this.undoStack.length > 0;
  }

  /** What Undo would undo, for the button's description. */
  get undoLabel() {
    return this.undoStack.at(-1)?.label ?? "";
  }
}
