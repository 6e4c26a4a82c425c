// Times benchmark cases 1 (typical post) and 2 (10 KB Markdown article)
// through the WebAssembly module in Node. Prints JSON like the native
// `report --cases`. Run via benches/wasm-vs-native.sh.
import { readFileSync } from "node:fs";
import { initSync, Checker, platforms } from "../../wasm/pkg/postlint_wasm.js";

initSync({ module: readFileSync(new URL("../../wasm/pkg/postlint_wasm_bg.wasm", import.meta.url)) });
const [typicalPost, article] = JSON.parse(readFileSync(0, "utf8"));
const checker = new Checker();
const options = { platforms: platforms().map((platform) => platform.name) };

/** Fastest of ten 200 ms rounds, as the native report times its cases. */
function timePerRun(work) {
  let fastest = Infinity;
  for (let round = 0; round < 10; round++) {
    let runs = 0;
    const started = performance.now();
    while (performance.now() - started < 200 || runs < 3) {
      work();
      runs++;
    }
    fastest = Math.min(fastest, ((performance.now() - started) * 1000) / runs);
  }
  return fastest;
}

const post = timePerRun(() => checker.check(typicalPost, options));
const markdown = timePerRun(() => checker.check(article, { ...options, format: "markdown" }));
console.log(JSON.stringify({ typical_post_us: Number(post.toFixed(2)), article_10kb_us: Number(markdown.toFixed(2)) }));
