#!/usr/bin/env bash
# Compares benchmark cases 1 and 2 natively and through the WebAssembly module
# in Node (same inputs, default guideline, every platform). Target: within 2×.
# Usage: bash benches/wasm-vs-native.sh   (builds what it needs)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f wasm/pkg/postlint_wasm_bg.wasm ] || bash wasm/build.sh
cargo build --release -q -p postlint-benches --bin report --bin inputs
# Alternate native and WebAssembly rounds and keep each one's fastest, so a noisy
# stretch of the machine does not land on one side only.
target/release/inputs > target/bench-inputs.json
native=() wasm=()
for round in 1 2 3; do
  native+=("$(target/release/report --cases)")
  wasm+=("$(node benches/wasm/bench.mjs < target/bench-inputs.json)")
done
python3 - "${native[*]}" "${wasm[*]}" <<'PY'
import json, sys
def fastest(runs):
    runs = [json.loads(run) for run in runs.replace("} {", "}\n{").splitlines()]
    return {key: min(run[key] for run in runs) for key in runs[0]}
native, wasm = fastest(sys.argv[1]), fastest(sys.argv[2])
print("| case | native | WebAssembly (Node) | ratio |")
print("| --- | --- | --- | --- |")
for key, name in [("typical_post_us", "typical post"), ("article_10kb_us", "10 KB Markdown article")]:
    print(f"| {name} | {native[key]:.1f} µs | {wasm[key]:.1f} µs | {wasm[key] / native[key]:.2f}× |")
PY
