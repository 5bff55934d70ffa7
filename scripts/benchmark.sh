#!/usr/bin/env bash
# Measures, on a fresh clone of this repository: the cold build, `swift run grade` after editing
# one exercise file, and a full `swift run grade --solutions`. Prints one line per figure.
set -euo pipefail
source_repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone --quiet "$source_repo" "$work/workbook"
cd "$work/workbook"

seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(seconds)" 'BEGIN { printf "%.1f", b - a }'; }

start=$(seconds)
swift build --build-tests >/dev/null 2>&1
echo "cold build (swift build --build-tests, fresh clone): $(elapsed "$start") s"

swift run grade >/dev/null 2>&1 || true
file=$(ls Exercises/*/*.swift | head -n 1)
echo "// edited" >>"$file"
start=$(seconds)
swift run grade >/dev/null 2>&1 || true
echo "swift run grade after editing $file: $(elapsed "$start") s"

start=$(seconds)
swift run grade --solutions >/dev/null 2>&1
echo "swift run grade --solutions (all exercises): $(elapsed "$start") s"
