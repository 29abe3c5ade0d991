#!/usr/bin/env bash
# Parser cost in instructions per article, counted by valgrind's callgrind: repeatable to the
# instruction whatever else the machine is doing (wall and CPU seconds on a shared 2-core machine
# swing by ±30%). Prints the parse workload and the decode+split baseline measured in the same run,
# and their ratio; with BASE_BENCH, also another build's figures and the ratio between the builds.
#
#   bench/parse_instructions.sh [--min-articles N] [FILES...]        # default: 200 passes over seeds/*.txt
#   BASE_BENCH=/path/to/other/dateline-bench bench/parse_instructions.sh
#
# Counts include one warm-up round (dateline-bench always runs one), so each workload runs 2N articles.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "parse_instructions.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
SCRATCH=.build-release
swift build -c release --scratch-path "$SCRATCH" --product dateline-bench >&2
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/dateline-bench"
min=200
files=()
while [ $# -gt 0 ]; do
    case "$1" in
        --min-articles) min="$2"; shift 2 ;;
        *) files+=("$1"); shift ;;
    esac
done
[ ${#files[@]} -eq 0 ] && files=(seeds/*.txt)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# Prints "parse_instructions baseline_instructions articles" for one dateline-bench binary.
count() {
    # valgrind 3.19 cannot read the DWARF 5 that swiftc writes: count on a copy without debug info.
    cp "$1" "$work/bench" && strip -g "$work/bench"
    local out="$work/callgrind.out"
    valgrind --tool=callgrind --callgrind-out-file="$out" "$work/bench" parse --rounds 1 --min-articles "$min" "${files[@]}" > "$work/run.txt" 2>/dev/null
    local articles; articles=$(sed -n 's/.* \([0-9]*\) articles per round.*/\1/p' "$work/run.txt")
    callgrind_annotate --inclusive=yes "$out" 2>/dev/null | swift demangle --simplified > "$work/annotate.txt"
    local parse base
    parse=$(grep -E ":parseRound\(_:paths:passes:parser:\)" "$work/annotate.txt" | head -1 | awk '{gsub(",", "", $1); print $1}')
    base=$(grep -E ":baselineRound\(_:paths:passes:decoder:\)" "$work/annotate.txt" | head -1 | awk '{gsub(",", "", $1); print $1}')
    echo "$parse $base $((articles * 2))"
}

report() {
    read -r parse base articles <<< "$2"
    python3 -c "
p, b, n = $parse, $base, $articles
print(f'$1: parse {p / n / 1e6:.3f} M instructions/article, baseline (decode + split) {b / n / 1e6:.3f} M/article, parse/baseline {p / b:.1f}x')"
}

echo "files: ${#files[@]}; $min articles per round (plus a warm-up round); $(date -u +%Y-%m-%dT%H:%MZ)"
this=$(count "$BIN")
report "this build" "$this"
if [ -n "${BASE_BENCH:-}" ]; then
    other=$(count "$BASE_BENCH")
    report "BASE_BENCH" "$other"
    read -r p1 _ n1 <<< "$this"; read -r p2 _ n2 <<< "$other"
    python3 -c "print(f'this build needs {($p1 / $n1) / ($p2 / $n2):.2f}x the instructions of BASE_BENCH per article ({($p2 / $n2) / ($p1 / $n1):.2f}x fewer)')"
fi
