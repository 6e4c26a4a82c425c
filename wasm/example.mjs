// example.mjs — run with: node wasm/example.mjs (after bash wasm/build.sh)
import { readFileSync } from "node:fs";
import { initSync, Checker, version } from "./pkg/postlint_wasm.js";

initSync({ module: readFileSync(new URL("./pkg/postlint_wasm_bg.wasm", import.meta.url)) });
// In a browser: `import init, { Checker } from "./pkg/postlint_wasm.js"; await init();`

const checker = new Checker(`
platforms = ["x", "instagram"]
[hashtags]
required = ["#HarborHealth"]
`);
const text = "Hey guys 👋 our clinic opens Monday!!! #harborhealth";
const { diagnostics, platforms } = checker.check(text, { format: "text" });
for (const d of diagnostics) {
  console.log(`${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message}`);
  console.log("  ", JSON.stringify(text.slice(d.start, d.end)), "→", d.fixes[0]?.title ?? "no fix");
}
for (const p of platforms) console.log(`${p.platform}: ${p.length}/${p.limit} ${p.valid ? "fits" : "too long"}`);
console.log(checker.applyFix(text, diagnostics[0].fixes[0]));
console.log("postlint", version());
