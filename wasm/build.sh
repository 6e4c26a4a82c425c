#!/usr/bin/env bash
# Builds the WebAssembly package offline, from the package registries only:
#   wasm/pkg       ES module for the web (also loads in Node with initSync)
#   wasm/pkg-node  CommonJS build for Node (require)
# Installs the wasm32 target and the wasm-bindgen CLI matching Cargo.lock when missing.
# Usage: bash wasm/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true

# The CLI must be exactly the wasm-bindgen version in Cargo.lock.
wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$wanted" ]; then
  echo "installing wasm-bindgen-cli $wanted (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "=$wanted" --locked 2>/dev/null \
    || cargo install wasm-bindgen-cli --version "=$wanted"
fi

cargo build --locked -p postlint-wasm --target wasm32-unknown-unknown --profile wasm-release
module=target/wasm32-unknown-unknown/wasm-release/postlint_wasm.wasm

rm -rf wasm/pkg wasm/pkg-node
wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir wasm/pkg "$module"
wasm-bindgen --target nodejs --remove-name-section --remove-producers-section --out-dir wasm/pkg-node "$module"

version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
cat > wasm/pkg/package.json <<JSON
{
  "name": "postlint",
  "version": "$version",
  "description": "Checks social-media drafts against an organisation's guidelines, in the browser or Node.",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "postlint_wasm.js",
  "types": "postlint_wasm.d.ts",
  "files": ["postlint_wasm.js", "postlint_wasm.d.ts", "postlint_wasm_bg.wasm", "postlint_wasm_bg.wasm.d.ts", "snippets/", "README.md"],
  "sideEffects": ["./snippets/*"]
}
JSON
cat > wasm/pkg-node/package.json <<JSON
{
  "name": "postlint-node",
  "version": "$version",
  "license": "MIT OR Apache-2.0",
  "main": "postlint_wasm.js",
  "types": "postlint_wasm.d.ts"
}
JSON
cp wasm/README.md wasm/pkg/README.md
cp wasm/README.md wasm/pkg-node/README.md

raw=$(wc -c < wasm/pkg/postlint_wasm_bg.wasm)
gz=$(gzip -9 -c wasm/pkg/postlint_wasm_bg.wasm | wc -c)
echo "wasm/pkg/postlint_wasm_bg.wasm: $raw bytes raw, $gz bytes gzip -9"
