#!/usr/bin/env bash
# Fingerprints the CLI's output over the whole benchmark corpus
# (../shared/corpus/posts.jsonl), every platform, as plain text and as
# Markdown: a change meant only to make checking faster must leave both
# fingerprints as they were (at the end of the tenth session: text
# 222440718724e67f, markdown c0b732c6b35f9d96).
# Usage: bash benches/corpus-output.sh [path/to/postlint]   (default: builds target/release/postlint)
set -uo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus/posts.jsonl
if [ ! -f "$corpus" ]; then
  echo "skipped: $corpus is not there" >&2
  exit 0
fi
bin="${1:-}"
if [ -z "$bin" ]; then
  cargo build --release -q -p postlint-cli || exit 1
  bin=target/release/postlint
fi
platforms=()
for platform in x bluesky mastodon threads instagram tiktok linkedin facebook youtube youtube-title pinterest pinterest-title; do
  platforms+=(-p "$platform")
done
# Findings make the CLI exit 1; only its output counts here. Both read standard
# input, so the fingerprints do not depend on where the corpus is.
text=$("$bin" check "${platforms[@]}" --input-format jsonl --format jsonl - <"$corpus" 2>/dev/null | sha256sum | cut -c1-16)
markdown=$(python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    post = json.loads(line)
    post["format"] = "markdown"
    print(json.dumps(post))
' "$corpus" | "$bin" check "${platforms[@]}" --input-format jsonl --format jsonl - 2>/dev/null | sha256sum | cut -c1-16)
echo "text $text markdown $markdown"
