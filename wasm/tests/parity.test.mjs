// Same answers as native: the CLI (UTF-8 byte offsets) and the WebAssembly
// module (UTF-16 offsets) must report the same diagnostics and metrics for
// every draft in parity-drafts.jsonl, after offset conversion.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { initSync, Checker } from "../pkg/postlint_wasm.js";

initSync({ module: readFileSync(new URL("../pkg/postlint_wasm_bg.wasm", import.meta.url)) });

const root = new URL("../../", import.meta.url).pathname;
const binary = process.env.POSTLINT_BIN ?? `${root}target/debug/postlint`;
const draftsPath = new URL("./parity-drafts.jsonl", import.meta.url).pathname;

/** UTF-8 byte offset → UTF-16 offset in `text`. */
function utf16(text, byteOffset) {
  return Buffer.from(text, "utf8").subarray(0, byteOffset).toString("utf8").length;
}

test("native and WebAssembly agree on every draft", { skip: !existsSync(binary) && `no native binary at ${binary}` }, () => {
  const lines = readFileSync(draftsPath, "utf8").split("\n").filter((line) => line.trim());
  const native = execFileSync(binary, ["check", "--isolated", "--input-format", "jsonl", "--format", "jsonl", "--fail-on", "never", draftsPath], { encoding: "utf8" })
    .split("\n").filter((line) => line.trim()).map((line) => JSON.parse(line));
  assert.equal(native.length, lines.length);
  const checker = new Checker();
  let compared = 0;
  for (const [index, line] of lines.entries()) {
    const draft = JSON.parse(line);
    const platforms = draft.platform === undefined ? [] : [].concat(draft.platform);
    const wasm = checker.check(draft.text, { format: draft.format ?? "text", platforms });
    const expected = native[index];
    assert.equal(wasm.diagnostics.length, expected.diagnostics.length, `${draft.id}: number of diagnostics`);
    for (const [n, ours] of wasm.diagnostics.entries()) {
      const theirs = expected.diagnostics[n];
      const converted = {
        ...theirs,
        start: utf16(draft.text, theirs.start),
        end: utf16(draft.text, theirs.end),
        fixes: theirs.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, start: utf16(draft.text, edit.start), end: utf16(draft.text, edit.end) })) })),
      };
      // Columns differ by unit (characters natively, UTF-16 units in JavaScript).
      delete converted.column; delete converted.end_column;
      const mine = { ...ours };
      delete mine.column; delete mine.end_column;
      assert.deepEqual(mine, converted, `${draft.id}: diagnostic ${n}`);
      compared++;
    }
    const nativePlatforms = expected.platforms.map((p) => ({ ...p, fold: p.fold === null ? null : utf16(draft.text, p.fold) }));
    assert.deepEqual(wasm.platforms, nativePlatforms, `${draft.id}: platforms`);
    assert.deepEqual(wasm.entities, expected.entities, `${draft.id}: entities`);
  }
  console.log(`compared ${compared} diagnostics over ${lines.length} drafts`);
  assert.ok(compared >= 30);
});
