#!/usr/bin/env bash
# Compares benchmark cases 1 and 2 natively and through the WebAssembly module
# in Node (same inputs, default guideline, every platform). Target: within 2×.
# Usage: bash benches/wasm-vs-native.sh   (builds what it needs)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f wasm/pkg/postlint_wasm_bg.wasm ] || bash wasm/build.sh
cargo build --release -q -p postlint-benches --bin report --bin inputs
native=$(target/release/report --cases)
wasm=$(target/release/inputs | node benches/wasm/bench.mjs)
python3 - "$native" "$wasm" <<'PY'
import json, sys
native, wasm = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print("| case | native | WebAssembly (Node) | ratio |")
print("| --- | --- | --- | --- |")
for key, name in [("typical_post_us", "typical post"), ("article_10kb_us", "10 KB Markdown article")]:
    print(f"| {name} | {native[key]:.1f} µs | {wasm[key]:.1f} µs | {wasm[key] / native[key]:.2f}× |")
PY
