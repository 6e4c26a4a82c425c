#!/usr/bin/env bash
# Makes web-demo/ a complete static site: builds the WebAssembly package when it is
# missing or older than the Rust sources, then copies what the page loads into
# web-demo/pkg/ (gitignored). Afterwards, web-demo/ can be served by any static host.
# Usage: bash web-demo/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# One build at a time: the test files run in parallel and each makes sure the site is built.
if command -v flock >/dev/null 2>&1; then
  exec 9>"${TMPDIR:-/tmp}/postlint-web-demo-build.lock"
  flock 9
fi

pkg=wasm/pkg
stale=""
if [ ! -f "$pkg/postlint_wasm.js" ] || [ ! -f "$pkg/postlint_wasm_bg.wasm" ]; then
  stale="wasm/pkg is missing"
else
  # Anything that goes into the module: Rust code, embedded packs and word lists, manifests.
  newer=$(find core wasm/src Cargo.toml Cargo.lock wasm/Cargo.toml \
            -type f \( -name '*.rs' -o -name '*.js' -o -name '*.toml' -o -name '*.txt' -o -name '*.tsv' -o -name '*.json' -o -name 'Cargo.lock' \) \
            -newer "$pkg/postlint_wasm_bg.wasm" -print -quit 2>/dev/null || true)
  if [ -n "$newer" ]; then stale="$newer is newer than wasm/pkg"; fi
fi

if [ -n "$stale" ]; then
  echo "web-demo: building the WebAssembly package ($stale)"
  bash wasm/build.sh
fi

rm -rf web-demo/pkg
mkdir -p web-demo/pkg
# The glue, the module and the glue's own snippets (the JavaScript half of `check`).
cp -r "$pkg/postlint_wasm.js" "$pkg/postlint_wasm_bg.wasm" "$pkg/snippets" web-demo/pkg/
echo "web-demo: site ready in web-demo/ ($(du -sh web-demo/pkg | cut -f1) of WebAssembly and glue in web-demo/pkg)"
