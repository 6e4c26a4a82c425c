#!/usr/bin/env bash
# Runs every test of postlint, installing what the tests need.
# Usage: bash .ci/test.sh    (the README's test command; .ci/run calls it)
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
failures=()

step() {
  local name="$1"
  shift
  echo
  echo "=== $name"
  local started=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "--- ok: $name ($((SECONDS - started)) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "--- FAILED: $name ($((SECONDS - started)) s)"
  fi
}

step "wasm toolchain" bash -c 'rustup target add wasm32-unknown-unknown >/dev/null'
step "format" cargo fmt --all -- --check
step "clippy" cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy (wasm)" cargo clippy -p postlint-wasm --target wasm32-unknown-unknown --locked -- -D warnings
step "SARIF schema" bash cli/scripts/fetch-sarif-schema.sh
step "tests" cargo test --workspace --locked
step "wasm package" bash wasm/build.sh
step "wasm tests (node)" node --test wasm/tests/
step "chromium" bash -c 'command -v chromium >/dev/null || { apt-get update -q && apt-get install -y -q --no-install-recommends chromium; }'
step "web demo (headless Chromium)" bash -c 'bash web-demo/build.sh && npm ci --prefix web-demo/tests --no-audit --no-fund && node --test web-demo/tests/'

echo
if [ "$failed" -gt 0 ]; then
  echo "failed steps: ${failures[*]}"
fi
echo "ci: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
