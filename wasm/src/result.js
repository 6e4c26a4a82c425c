// The JavaScript half of `Checker.check`: it checks the options' shape and
// builds the result objects from one array of numbers and one string, so a
// check crosses the WebAssembly boundary twice instead of paying for JSON
// both ways. The Rust half is `wasm/src/result.rs`; the two must read and
// write fields in the same order.

const OPTION_NAMES = ["format", "platforms", "offsets"];

/**
 * Returns `Checker.check`'s options as the JSON text `[format, platforms,
 * offsets]` (nulls and an empty list for what is not given), which the module
 * parses only when it differs from the last call's; throws for a value that
 * is not of the documented shape.
 */
export function encodeOptions(options) {
  if (options === undefined || options === null) return "[null,[],null]";
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new Error("options must be a plain object");
  }
  for (const name of Object.keys(options)) {
    if (!OPTION_NAMES.includes(name)) {
      throw new Error(`invalid options: unknown field \`${name}\`, expected one of \`format\`, \`platforms\`, \`offsets\``);
    }
  }
  const { format, platforms, offsets } = options;
  const text = (value, name) => {
    if (value === undefined || value === null) return null;
    if (typeof value !== "string") throw new Error(`invalid options: \`${name}\` must be a string`);
    return value;
  };
  if (platforms !== undefined && platforms !== null) {
    if (!Array.isArray(platforms) || platforms.some((platform) => typeof platform !== "string")) {
      throw new Error("invalid options: `platforms` must be an array of strings");
    }
  }
  return JSON.stringify([text(format, "format"), platforms ?? [], text(offsets, "offsets")]);
}

/** Builds `{diagnostics, platforms, entities}` from what `check` wrote. */
export function decodeResult(numbers, strings) {
  let number = 0;
  let position = 0;
  const next = () => numbers[number++];
  const string = () => {
    const length = numbers[number++];
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
