#!/usr/bin/env bash
# Builds the CLI and the throughput report with profile-guided optimization
# and compares the report's batch with the plain release build's.
#
# The profile comes from `train` (benches/src/bin/train.rs): the repository's
# labelled drafts, generated posts, the typical post and the article — never
# the ../shared corpus the batch is measured on. Needs `llvm-profdata` of the
# same LLVM major version as rustc (Debian: `apt-get install llvm-22`; rustup:
# `rustup component add llvm-tools`).
#
# Usage: bash benches/pgo.sh [pairs]   (pairs of alternating batch runs, default 5)
# Output: target/pgo/use/<host>/release/{postlint,report}
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-5}
host=$(rustc -vV | sed -n 's/^host: //p')
llvm=$(rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
profdata=""
for candidate in "llvm-profdata-$llvm" llvm-profdata \
  "$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"; do
  if command -v "$candidate" >/dev/null && "$candidate" --version 2>/dev/null | grep -q "version $llvm\."; then
    profdata=$candidate
    break
  fi
done
if [ -z "$profdata" ]; then
  echo "pgo.sh: no llvm-profdata for LLVM $llvm (rustc's); install llvm-$llvm or rustup's llvm-tools" >&2
  exit 1
fi
root=$PWD/target/pgo
rm -rf "$root/profiles"
# `--target` keeps the flags off build scripts, which would write profiles of their own.
build() { RUSTFLAGS="$1" cargo build --release --locked -q --target "$host" --target-dir "$2" \
  -p postlint-cli -p postlint-benches --bin postlint --bin report --bin train; }
build "-Cprofile-generate=$root/profiles" "$root/generate"
"$root/generate/$host/release/train" "$root/train.jsonl"
"$root/generate/$host/release/postlint" check -q --input-format jsonl --format jsonl -p x -p bluesky -p instagram \
  "$root/train.jsonl" >/dev/null || true
"$root/generate/$host/release/postlint" check -q --input-format jsonl -p x "$root/train.jsonl" >/dev/null || true
"$profdata" merge -o "$root/merged.profdata" "$root/profiles"
build "-Cprofile-use=$root/merged.profdata" "$root/use"
cargo build --release --locked -q -p postlint-benches --bin report
for pair in $(seq "$pairs"); do
  plain=$(target/release/report --batch | awk '{print $2}')
  guided=$("$root/use/$host/release/report" --batch | awk '{print $2}')
  echo "pair $pair: release $plain MB/s, profile-guided $guided MB/s"
done
echo "profile-guided binaries: $root/use/$host/release/postlint, …/report"
