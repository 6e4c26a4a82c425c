// The page's side of the checking worker: request/response over postMessage, plus the
// ways loading can fail (a missing module, a broken wasm file, a very slow start), all of
// which end in `onFatal` so the page can say so instead of "loading" forever.

const START_TIMEOUT_MS = 20000;

export class CheckerClient {
  /**
   * @param {{onReady(info), onFatal(message)}} handlers
   */
  constructor({ onReady, onFatal }) {
    this.pending = new Map();
    this.nextId = 1;
    this.ready = false;
    this.dead = false;
    const fail = (message) => {
      if (this.dead) return;
      this.dead = true;
      clearTimeout(this.timer);
      for (const resolve of this.pending.values()) resolve({ type: "failed", message });
      this.pending.clear();
      onFatal(message);
    };

    try {
      this.worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "postlint" });
    } catch (e) {
      queueMicrotask(() => fail(`This browser cannot run the checker (${e.message}).`));
      return;
    }
    this.timer = setTimeout(() => {
      if (!this.ready) fail("The checker took too long to start. Reload the page to try again.");
    }, START_TIMEOUT_MS);

    this.worker.addEventListener("message", (event) => {
      const message = event.data;
      if (message.type === "ready") {
        this.ready = true;
        clearTimeout(this.timer);
        onReady(message);
        return;
      }
      if (message.type === "fatal") {
        fail(message.message);
        return;
      }
      const resolve = this.pending.get(message.id);
      if (resolve) {
        this.pending.delete(message.id);
        resolve(message);
      }
    });
    // A module worker whose script or imports fail to load reports only a bare error event.
    this.worker.addEventListener("error", (event) => {
      event.preventDefault();
      fail(
        event.message
          ? `The checker stopped: ${event.message}`
          : "The checker module could not be loaded (pkg/postlint_wasm.js). If you are running the page yourself, build it with web-demo/build.sh.",
      );
    });
    this.worker.addEventListener("messageerror", () => fail("The checker sent a message the page could not read."));
  }

  /** Sends a message; resolves with the worker's answer. */
  request(message) {
    if (this.dead) return Promise.resolve({ type: "failed", message: "The checker is not available." });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ ...message, id });
    });
  }
}
