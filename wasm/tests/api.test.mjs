// The JavaScript API of the WebAssembly package: run with `node --test wasm/tests/`
// after `bash wasm/build.sh`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { initSync, Checker, platforms, version, __panicForTests } from "../pkg/postlint_wasm.js";

const exports = initSync({ module: readFileSync(new URL("../pkg/postlint_wasm_bg.wasm", import.meta.url)) });

test("offsets are UTF-16 code units, with lines and columns", () => {
  const checker = new Checker();
  const text = "😀 ok\nà hey guys";
  const [found] = checker.check(text).diagnostics;
  assert.equal(found.rule, "inclusion.gendered-greeting");
  assert.equal(text.slice(found.start, found.end), "hey guys");
  assert.deepEqual([found.line, found.column, found.end_line, found.end_column], [2, 3, 2, 11]);
  const bytes = checker.check(text, { offsets: "utf8" }).diagnostics[0];
  assert.equal(bytes.start, Buffer.byteLength("😀 ok\nà "));
});

test("options are read again whenever they change, and bad ones are never remembered", () => {
  const checker = new Checker();
  const other = new Checker();
  const names = (result) => result.platforms.map((metrics) => metrics.platform);
  const platforms = ["x"];
  assert.deepEqual(names(checker.check("hi", { platforms })), ["x"]);
  platforms.push("bluesky"); // the same array, changed in place
  assert.deepEqual(names(checker.check("hi", { platforms })), ["x", "bluesky"]);
  // Each checker remembers its own.
  assert.deepEqual(names(other.check("hi", { platforms: ["threads"] })), ["threads"]);
  assert.deepEqual(names(checker.check("hi", { platforms })), ["x", "bluesky"]);
  // The same bad options throw on every call, and good ones work after them.
  for (let i = 0; i < 2; i++) {
    assert.throws(() => checker.check("hi", { platforms: ["myspace"] }), /unknown platform `myspace`/);
  }
  assert.deepEqual(names(checker.check("hi", { platforms })), ["x", "bluesky"]);
  // A change of offsets or format alone is seen.
  const text = "😀 hey guys";
  assert.equal(checker.check(text, { platforms }).diagnostics[0].start, 3);
  assert.equal(checker.check(text, { platforms, offsets: "utf8" }).diagnostics[0].start, 5);
  assert.equal(checker.check("`hey guys`", { platforms }).diagnostics.length, 1);
  assert.equal(checker.check("`hey guys`", { platforms, format: "markdown" }).diagnostics.length, 0);
  assert.equal(checker.check("`hey guys`").diagnostics.length, 1);
});

test("the same field names as the CLI's JSON", () => {
  const [found] = new Checker().check("Hey guys").diagnostics;
  for (const field of ["rule", "category", "severity", "message", "help", "start", "end", "line", "column", "fixes"]) {
    assert.ok(field in found, field);
  }
  assert.deepEqual(Object.keys(found.fixes[0]), ["title", "safe", "edits"]);
});

test("applyFix applies a fix in UTF-16 offsets", () => {
  const checker = new Checker();
  const text = "🎉🎉 Hey guys, the chairman spoke!!!";
  const { diagnostics } = checker.check(text);
  const chairman = diagnostics.find((d) => d.rule === "inclusion.gendered-job-title");
  assert.equal(checker.applyFix(text, chairman.fixes[0]), "🎉🎉 Hey guys, the chair spoke!!!");
  assert.throws(() => checker.applyFix("short", chairman.fixes[0]), /does not fit the text/);
});

test("applyFix reads any object of a fix's shape and refuses others by name", () => {
  const checker = new Checker();
  const text = "Hey guys, the chairman spoke";
  const edit = (start, end, replacement) => ({ start, end, replacement });
  // No fix, or one without edits, leaves the text as it is; other properties are ignored.
  for (const nothing of [undefined, null, {}, { edits: [] }]) assert.equal(checker.applyFix(text, nothing), text);
  assert.equal(checker.applyFix(text, { title: 1, edits: [{ ...edit(0, 3, "Hi"), note: true }] }), "Hi guys, the chairman spoke");
  // Edits in any order, offsets written any way a whole number can be.
  assert.equal(checker.applyFix(text, { edits: [edit(4, 8, "all"), edit(-0, 3.0, "Hi")] }), "Hi all, the chairman spoke");
  assert.equal(checker.applyFix(text, { edits: [edit(28, 28, "!")] }), `${text}!`);
  assert.throws(() => checker.applyFix(text, { edits: [edit(0, 5e9, "")] }), /^Error: fix edit 0\.\.5000000000 does not fit the text \(28 UTF-16 units\)/);
  assert.throws(() => checker.applyFix(text, { edits: [edit(5, 3, "")] }), /fix edit 5\.\.3 does not fit/);
  assert.throws(() => checker.applyFix(text, { edits: [edit(2 ** 60, 1e300, "")] }), /fix edit 1152921504606846976\.\.a number of 2\^64 or more does not fit/);
  for (const fix of ["x", 5, true, [], [[edit(0, 3, "Hi")]], () => {}]) {
    assert.throws(() => checker.applyFix(text, fix), /^Error: fix must be a plain object$/, String(fix));
  }
  for (const edits of [null, "x", {}, 3]) {
    assert.throws(() => checker.applyFix(text, { edits }), /^Error: invalid fix: `edits` must be an array$/, String(edits));
  }
  for (const bad of [null, "x", [0, 3, "Hi"]]) {
    assert.throws(() => checker.applyFix(text, { edits: [edit(0, 3, "Hi"), bad] }), /^Error: invalid fix: `edits\[1\]` must be an object with `start`, `end` and `replacement`$/);
  }
  const offset = (name) => new RegExp(`^Error: invalid fix: \`edits\\[0\\]\\.${name}\` must be a whole number of UTF-16 code units, 0 or more$`);
  for (const bad of [undefined, null, "0", 0.5, -1, NaN, Infinity, 1n]) {
    assert.throws(() => checker.applyFix(text, { edits: [edit(bad, 3, "Hi")] }), offset("start"), String(bad));
    assert.throws(() => checker.applyFix(text, { edits: [edit(0, bad, "Hi")] }), offset("end"), String(bad));
  }
  for (const bad of [undefined, null, 7, ["Hi"]]) {
    assert.throws(() => checker.applyFix(text, { edits: [edit(0, 3, bad)] }), /^Error: invalid fix: `edits\[0\]\.replacement` must be a string$/);
  }
  // An exception from a getter comes through as it is.
  const throwing = { get edits() { throw new Error("getter failed"); } };
  assert.throws(() => checker.applyFix(text, throwing), /^Error: getter failed$/);
});

test("platforms, entities and markdown", () => {
  const checker = new Checker();
  const text = "Hi 👋 #WorldHealthDay @who https://example.org/x $TICK";
  const result = checker.check(text, { platforms: ["x", "mastodon:1000"] });
  assert.deepEqual(result.platforms.map((p) => [p.platform, p.limit]), [["x", 280], ["mastodon", 1000]]);
  assert.equal(result.platforms[0].length, 3 + 2 + 1 + 15 + 1 + 4 + 1 + 23 + 1 + 5);
  assert.deepEqual(result.entities, { hashtags: ["WorldHealthDay"], mentions: ["who"], urls: ["https://example.org/x"], cashtags: ["TICK"] });
  const markdown = checker.check("`hey guys` and hey guys", { format: "markdown" });
  assert.equal(markdown.diagnostics.length, 1);
  assert.ok(platforms().some((p) => p.name === "instagram" && p.hashtagCap === 5));
});

test("a bad guideline throws an Error with line, column and key", () => {
  assert.throws(() => new Checker("[hashtags]\nmax = \"three\"\n"), (error) => {
    assert.ok(error instanceof Error);
    assert.match(error.message, /^postlint\.toml:2:7: key `hashtags\.max`/);
    assert.deepEqual([error.line, error.column, error.key], [2, 7, "hashtags.max"]);
    return true;
  });
  assert.throws(() => new Checker("extends = [\"team.toml\"]"), /no files/);
});

test("invalid options are rejected with a message", () => {
  const checker = new Checker();
  assert.throws(() => checker.check("hi", { format: "html" }), /invalid format `html`/);
  assert.throws(() => checker.check("hi", { platforms: ["myspace"] }), /unknown platform `myspace`/);
  assert.throws(() => checker.check("hi", { offsets: "utf32" }), /invalid offsets/);
  assert.throws(() => checker.check("hi", { formt: "text" }), /unknown field `formt`/);
  assert.throws(() => checker.check("hi", "x"), /options must be a plain object/);
  assert.throws(() => checker.check("hi", { platforms: "x" }), /`platforms` must be an array of strings/);
  assert.throws(() => checker.check("hi", { format: 1 }), /`format` must be a string/);
  assert.throws(() => checker.check("hi", { offsets: 8 }), /`offsets` must be a string/);
  assert.throws(() => checker.check("hi", { platforms: ["x", 1] }), /`platforms` must be an array of strings/);
  // A bad list does not replace the platforms remembered from the last check.
  assert.throws(() => checker.check("hi", { platforms: ["x", "myspace"] }), /unknown platform/);
  assert.deepEqual(checker.check("hi", { platforms: ["bluesky"] }).platforms.map((p) => p.platform), ["bluesky"]);
  assert.deepEqual(checker.check("hi", { platforms: [] }).platforms, []);
  assert.deepEqual(checker.check("hi", {}).platforms, []);
  // Values are read whole: no separator inside them can split or hide one.
  assert.throws(() => checker.check("hi", { platforms: ["x,bluesky"] }), /unknown platform `x,bluesky`/);
  assert.throws(() => checker.check("hi", { platforms: [""] }), /unknown platform ``/);
  assert.throws(() => checker.check("hi", { format: "" }), /invalid format ``/);
  assert.throws(() => checker.check("hi", { format: "text\nmarkdown" }), /invalid format/);
});

test("strings with any characters come back whole", () => {
  const checker = new Checker(`[[rules]]
id = "team.slogan"
category = "branding"
message = "Say {suggestion}, not {match}."
terms = ["naïve 😀 slogan"]
suggest = ["Ünïcödé ☃ 𝄞"]
`);
  const text = "a naïve 😀 slogan #Ünï 𝄞 @b€ https://example.org/ä";
  const { diagnostics, entities } = checker.check(text);
  const found = diagnostics.find((d) => d.rule === "team.slogan");
  assert.equal(text.slice(found.start, found.end), "naïve 😀 slogan");
  assert.equal(found.fixes[0].edits[0].replacement, "Ünïcödé ☃ 𝄞");
  assert.match(found.message, /naïve 😀 slogan/);
  assert.deepEqual(entities.hashtags, ["Ünï"]);
});

test("the Node build loads with require()", () => {
  const require = createRequire(import.meta.url);
  const node = require("../pkg-node/postlint_wasm.js");
  const result = new node.Checker().check("Hey guys #a", { platforms: ["x"] });
  assert.equal(result.diagnostics[0].rule, "inclusion.gendered-greeting");
  assert.equal(result.platforms[0].length, 11);
});

test("rules, explain and version", () => {
  const checker = new Checker("[severity]\nstyle = \"off\"\n");
  const rules = checker.rules();
  assert.ok(rules.length > 100);
  assert.equal(rules.find((rule) => rule.id === "style.repeated-exclamation").severity, "off");
  assert.match(checker.explain("inclusion.gendered-greeting"), /^# inclusion\.gendered-greeting/);
  assert.throws(() => checker.explain("nope"), /unknown rule/);
  assert.match(version(), /^\d+\.\d+\.\d+$/);
});

test("rules() and platforms() give plain objects with the documented fields", () => {
  const types = (object) => Object.fromEntries(Object.entries(object).map(([key, value]) => [key, value === null ? "null" : typeof value]));
  const rules = new Checker("[severity]\nstyle = \"off\"\n").rules();
  const exclamation = rules.find((rule) => rule.id === "style.repeated-exclamation");
  assert.equal(Object.getPrototypeOf(exclamation), Object.prototype);
  assert.deepEqual(types(exclamation), {
    id: "string", category: "string", severity: "string", defaultSeverity: "string", summary: "string", fixable: "boolean", sureness: "string",
  });
  assert.deepEqual([exclamation.category, exclamation.severity, exclamation.sureness], ["style", "off", "certain"]);
  assert.ok(["error", "warning", "info"].includes(exclamation.defaultSeverity));
  const facts = platforms();
  assert.ok(Array.isArray(facts));
  const instagram = facts.find((p) => p.name === "instagram");
  // Alphabetical, the order the JSON they once went through gave.
  assert.deepEqual(types(instagram), { displayName: "string", fold: "number", hashtagCap: "number", limit: "number", name: "string", unit: "string" });
  assert.deepEqual(facts.find((p) => p.name === "x"), { displayName: "X", fold: null, hashtagCap: null, limit: 280, name: "x", unit: "weighted" });
  assert.deepEqual(JSON.parse(JSON.stringify(facts)), facts);
});

test("memory stays flat over 100,000 checks with one checker", () => {
  const checker = new Checker();
  const text = "Hey guys 👋 the chairman of mankind spoke!!! #worldhealthday https://example.org";
  const options = { platforms: ["x", "instagram", "bluesky"] };
  // Warm up past the one-time caches: detectors compile on first use, and the
  // term automaton is rebuilt faster once 1 MB of text has been searched.
  for (let i = 0; i < 20_000; i++) checker.check(text, options);
  const before = exports.memory.buffer.byteLength;
  const started = performance.now();
  for (let i = 0; i < 100_000; i++) checker.check(text, options);
  const seconds = (performance.now() - started) / 1000;
  const after = exports.memory.buffer.byteLength;
  console.log(`memory: ${before} bytes before, ${after} after 100,000 checks (${(100_000 / seconds).toFixed(0)} checks/s)`);
  assert.equal(after, before);
});

// Last: a panic may leave the module unusable.
test("a Rust panic reaches JavaScript as an Error with a message", () => {
  assert.throws(() => __panicForTests(), /postlint internal error: [^]*a test asked for a panic/);
});
