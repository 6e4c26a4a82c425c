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

/** Builds `{diagnostics, platforms, entities}` from what `check` wrote. */
export function decodeResult(numbers, strings) {
  let number = 0;
  let position = 0;
  const next = () => numbers[number++];
  const string = () => {
    const length = numbers[number++];
    if (length < 0) return NAMES[-1 - length];
    const value = strings.slice(position, position + length);
    position += length;
    return value;
  };
  const list = (item) => {
    const items = new Array(next());
    for (let i = 0; i < items.length; i++) items[i] = item();
    return items;
  };
  const edit = () => ({ start: next(), end: next(), replacement: string() });
  const fix = () => ({ title: string(), safe: next() === 1, edits: list(edit) });
  const diagnostic = () => ({
    rule: string(),
    category: string(),
    severity: string(),
    message: string(),
    help: string(),
    start: next(),
    end: next(),
    line: next(),
    column: next(),
    end_line: next(),
    end_column: next(),
    fixes: list(fix),
  });
  const platform = () => {
    const metrics = {
      platform: string(),
      unit: string(),
      length: next(),
      limit: next(),
      remaining: next(),
      valid: next() === 1,
      hashtags: next(),
      mentions: next(),
      links: next(),
      fold: null,
    };
    const fold = next();
    if (fold >= 0) metrics.fold = fold;
    const bytes = next();
    if (bytes >= 0) metrics.bytes = bytes;
    return metrics;
  };
  const diagnostics = list(diagnostic);
  const platforms = list(platform);
  const entities = { hashtags: list(string), mentions: list(string), urls: list(string), cashtags: list(string) };
  return { diagnostics, platforms, entities };
}
