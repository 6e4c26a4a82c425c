// Unit tests of guideline.js (combining pack choices with a user's guideline), run in
// Node against the same WebAssembly module the page loads.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { composeGuideline, guidelineError, hasOwnExtends, packOfRule } from "../guideline.js";
import { buildSite, SITE } from "./helpers.mjs";

let Checker;

before(async () => {
  buildSite();
  const module = await import(join(SITE, "pkg", "postlint_wasm.js"));
  module.initSync({ module: readFileSync(join(SITE, "pkg", "postlint_wasm_bg.wasm")) });
  Checker = module.Checker;
}, { timeout: 900_000 });

const activePacks = (toml) =>
  [...new Set(new Checker(toml).rules().filter((r) => r.severity !== "off").map((r) => packOfRule(r.id)))]
    .filter(Boolean)
    .sort();

test("without a guideline, the ticked packs become extends", () => {
  const { toml, lineMap, ownExtends } = composeGuideline("", ["style", "inclusion"]);
  assert.equal(toml, 'extends = ["inclusion", "style"]\n');
  assert.deepEqual(lineMap, [0]);
  assert.equal(ownExtends, false);
  assert.deepEqual(activePacks(toml), ["inclusion", "style"]);
  assert.deepEqual(activePacks(composeGuideline("", []).toml), []);
});

test("a guideline without extends gets one line on top; its errors keep their line numbers", () => {
  const user = '[brand]\nnames = ["Harbor"]\n\n[hashtags]\nmax = "many"\n';
  const composed = composeGuideline(user, ["hashtags"]);
  assert.equal(composed.toml.split("\n")[0], 'extends = ["hashtags"]');
  assert.throws(
    () => new Checker(composed.toml),
    (e) => {
      const error = guidelineError(e, composed.lineMap);
      assert.equal(error.line, 5);
      assert.equal(error.column, 7);
      assert.equal(error.key, "hashtags.max");
      assert.doesNotMatch(error.message, /postlint\.toml/);
      return true;
    },
  );
});

test("unticked packs a guideline loads are turned off inside its own [severity] table", () => {
  const user = 'extends = ["default"]\n\n[severity]\n"style" = "info"\n"inclusion.gendered-greeting" = "error"\n\n[allow]\nterms = ["x"]\n';
  assert.equal(hasOwnExtends(user), true);
  const composed = composeGuideline(user, ["ethics", "inclusion"], ["style", "privacy"]);
  // One [severity] table only; the user's "style" line replaced in place, "privacy" added.
  assert.equal(composed.toml.match(/\[severity\]/g).length, 1);
  assert.match(composed.toml, /\[severity\]\n"privacy" = "off"\n"style" = "off"\n"inclusion.gendered-greeting" = "error"/);
  assert.deepEqual(composed.lineMap.slice(0, 6), [1, 2, 3, 0, 4, 5]);
  const active = activePacks(composed.toml);
  assert.ok(!active.includes("style") && !active.includes("privacy"));
  assert.ok(active.includes("inclusion") && active.includes("ethics"));
});

test("without a [severity] table, one is appended after the user's text", () => {
  const composed = composeGuideline('language = "es"\n', ["ethics"], ["es"]);
  assert.equal(composed.toml, 'extends = ["ethics"]\nlanguage = "es"\n\n[severity]\n"es" = "off"\n');
  assert.deepEqual(activePacks(composed.toml), ["ethics"]);
});

test("an error past the last line is counted from the user's last line", () => {
  const composed = composeGuideline("platforms = [\n", []);
  const error = guidelineError({ message: "postlint.toml:3:1: unclosed array", line: 3, column: 1 }, composed.lineMap);
  assert.equal(error.line, 2);
  assert.equal(error.message, "unclosed array");
});
