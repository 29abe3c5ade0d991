#!/usr/bin/env bash
# Parser throughput benchmark: builds `dateline-bench` (release) and runs `parse` over the seed
# pages (or the files given), printing median articles/s and MB/s and the decode+split baseline.
#   bench/parse_bench.sh [--rounds N] [--min-articles M] [FILES...]
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=.build-release
swift build -c release --scratch-path "$SCRATCH" --product dateline-bench >&2
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/dateline-bench"
opts=()
files=()
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds|--min-articles) opts+=("$1" "$2"); shift 2 ;;
        *) files+=("$1"); shift ;;
    esac
done
[ ${#files[@]} -eq 0 ] && files=(seeds/*.txt)
[ ${#opts[@]} -eq 0 ] && opts=(--rounds 5)
echo "machine: $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
exec "$BIN" parse "${opts[@]}" "${files[@]}"
