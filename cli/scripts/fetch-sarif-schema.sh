#!/usr/bin/env bash
# Puts the official SARIF 2.1.0 JSON schema in postlint's cache, for the
# SARIF test (tests/tests/cli_formats.rs), which validates against it when it
# is there and falls back to its own structural checks when it is not.
#
# The schema is OASIS's (SARIF 2.1.0, errata 01, "rtm.5"); it is not kept in
# this repository. It comes from the npm package @microsoft/jest-sarif (MIT),
# which ships a copy. Needs npm and the npm registry; does nothing if the file
# is already cached.
set -euo pipefail
cache="${XDG_CACHE_HOME:-$HOME/.cache}/postlint"
target="$cache/sarif-schema-2.1.0.json"
if [ -s "$target" ]; then
  echo "SARIF schema: $target (cached)"
  exit 0
fi
command -v npm >/dev/null || { echo "SARIF schema: npm not found; the test will use its own checks"; exit 0; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null)
tar -xzf "$work"/microsoft-jest-sarif-*.tgz -C "$work" package/lib/schemas/sarif-2.1.0-rtm.5.json
mkdir -p "$cache"
mv "$work/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$target"
echo "SARIF schema: $target"
