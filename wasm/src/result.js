// The JavaScript half of `Checker.check`: it checks the options' shape and
// builds the result objects from one array of numbers and one string, so a
// check crosses the WebAssembly boundary twice instead of paying for JSON
// both ways. The Rust half is `wasm/src/result.rs`; the two must read and
// write fields in the same order.

const OPTION_NAMES = ["format", "platforms", "offsets"];

const NO_PLATFORMS = Object.freeze([]);

/**
 * Reads `Checker.check`'s options and throws for a value that is not of the
 * documented shape. Returns `undefined` when they equal those `memo` (one per
 * checker) last saw, which is every call from an editor; otherwise remembers
 * them in `memo` and returns them as the array `[format, offsets,
 * ...platforms]`, every item a string except an absent format or offsets
 * (`null`), for the module to read item by item: no separator or quoting that
 * a value could contain.
 */
export function readOptions(options, memo) {
  let format = null;
  let platforms = NO_PLATFORMS;
  let offsets = null;
  if (options !== undefined && options !== null) {
    if (typeof options !== "object" || Array.isArray(options)) {
      throw new Error("options must be a plain object");
    }
    // `for…in` with an own-property test reads the names without the array `Object.keys` makes.
    for (const name in options) {
      if (Object.prototype.hasOwnProperty.call(options, name) && !OPTION_NAMES.includes(name)) {
        throw new Error(`invalid options: unknown field \`${name}\`, expected one of \`format\`, \`platforms\`, \`offsets\``);
      }
    }
    const text = (value, name) => {
      if (value === undefined || value === null) return null;
      if (typeof value !== "string") throw new Error(`invalid options: \`${name}\` must be a string`);
      return value;
    };
    format = text(options.format, "format");
    offsets = text(options.offsets, "offsets");
    if (options.platforms !== undefined && options.platforms !== null) {
      platforms = options.platforms;
      if (!Array.isArray(platforms) || platforms.some((platform) => typeof platform !== "string")) {
        throw new Error("invalid options: `platforms` must be an array of strings");
      }
    }
  }
  const seen = memo.platforms;
  if (
    seen !== undefined &&
    format === memo.format &&
    offsets === memo.offsets &&
    platforms.length === seen.length &&
    platforms.every((platform, i) => platform === seen[i])
  ) {
    return undefined;
  }
  // A copy: the caller may change its array between calls.
  memo.platforms = platforms.slice();
  memo.format = format;
  memo.offsets = offsets;
  return [format, offsets, ...platforms];
}

/** The names results repeat, in the module's order (`names` in `result.rs`). */
let NAMES = [];

/** Takes the names results repeat, one per line; called once when the module starts. */
export function defineNames(joined) {
  NAMES = joined.split("\n");
}

/**
 * Reads what `check` wrote, front to back. A class with its position in
 * fields: closures over shared counters took V8 half as long again.
 */
class ResultReader {
  constructor(numbers, strings) {
    this.numbers = numbers;
    this.strings = strings;
    this.number = 0;
    this.position = 0;
  }

  next() {
    return this.numbers[this.number++];
  }

  string() {
    const length = this.numbers[this.number++];
    if (length < 0) return NAMES[-1 - length];
    const start = this.position;
    this.position = start + length;
    return this.strings.slice(start, this.position);
  }

  stringList() {
    const items = new Array(this.next());
    for (let i = 0; i < items.length; i++) items[i] = this.string();
    return items;
  }

  fixes() {
    const fixes = new Array(this.next());
    for (let i = 0; i < fixes.length; i++) {
      const title = this.string();
      const safe = this.next() === 1;
      const edits = new Array(this.next());
      for (let j = 0; j < edits.length; j++) {
        edits[j] = { start: this.next(), end: this.next(), replacement: this.string() };
      }
      fixes[i] = { title, safe, edits };
    }
    return fixes;
  }

  diagnostic() {
    return {
      rule: this.string(),
      category: this.string(),
      severity: this.string(),
      message: this.string(),
      help: this.string(),
      start: this.next(),
      end: this.next(),
      line: this.next(),
      column: this.next(),
      end_line: this.next(),
      end_column: this.next(),
      fixes: this.fixes(),
    };
  }

  platform() {
    const platform = this.string();
    const unit = this.string();
    const length = this.next();
    const limit = this.next();
    const remaining = this.next();
    const valid = this.next() === 1;
    const hashtags = this.next();
    const mentions = this.next();
    const links = this.next();
    const offset = this.next();
    const fold = offset < 0 ? null : offset;
    const bytes = this.next();
    // Each shape written whole, so objects are not reshaped by adding `bytes` later.
    return bytes < 0
      ? { platform, unit, length, limit, remaining, valid, hashtags, mentions, links, fold }
      : { platform, unit, length, limit, remaining, valid, hashtags, mentions, links, fold, bytes };
  }
}

/** Builds `{diagnostics, platforms, entities}` from what `check` wrote. */
export function decodeResult(numbers, strings) {
  const reader = new ResultReader(numbers, strings);
  const diagnostics = new Array(reader.next());
  for (let i = 0; i < diagnostics.length; i++) diagnostics[i] = reader.diagnostic();
  const platforms = new Array(reader.next());
  for (let i = 0; i < platforms.length; i++) platforms[i] = reader.platform();
  const entities = {
    hashtags: reader.stringList(),
    mentions: reader.stringList(),
    urls: reader.stringList(),
    cashtags: reader.stringList(),
  };
  return { diagnostics, platforms, entities };
}
