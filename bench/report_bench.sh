#!/usr/bin/env bash
# Report benchmark: what rendering the briefing (Scripts/briefing.lua) costs on top of the script's
# own work, on the synthetic corpus. For each output format it runs the whole briefing and reads the
# report's own timer (DATELINE_REPORT_TIMING: appendix lookups + render + atomic write, after the
# script has finished), and compares wall times: html against json (the cheapest renderer) and
# against the script with the report module made a no-op (what the script costs alone).
#
#   bench/report_bench.sh                         # 100k articles
#   SIZES="10000 100000" bench/report_bench.sh
#   DATELINE_BIN=/path/to/dateline bench/report_bench.sh    # skip the release build
#
# Corpora go to $BENCH_DIR (default /tmp/dateline-bench), shared with the other benchmarks.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${BENCH_DIR:-/tmp/dateline-bench}
SIZES=${SIZES:-"100000"}
ROUNDS=${ROUNDS:-3}
mkdir -p "$DATA"

if [ -z "${DATELINE_BIN:-}" ]; then
    echo "== building release (swift build -c release --scratch-path $ROOT/.build-release)" >&2
    swift build -c release --scratch-path "$ROOT/.build-release" --product dateline >&2
    BIN="$ROOT/.build-release/release/dateline"
else
    BIN="$DATELINE_BIN"
fi

now() { date +%s.%N; }
calc() { python3 -c "print($1)"; }
median() { python3 -c "import statistics,sys; print(round(statistics.median(float(x) for x in sys.argv[1:]), 3))" "$@"; }

# The same briefing with every report function a no-op (loaded from Scripts/ by require): the
# script's own work only.
NOOP='for name in pairs(report) do report[name] = function() end end; require("briefing")'
cd "$ROOT"

OUT="$DATA/report-out"
mkdir -p "$OUT"
printf "| articles | script alone s | json s | html s | md s | text s | html - script alone s | html - json s | report timer html s (lookups / render+write) | html KB | appendix articles |\n"
printf "|---|---|---|---|---|---|---|---|---|---|---|\n"
for n in $SIZES; do
    corpus="$DATA/corpus-$n"
    if [ ! -f "$corpus/.complete" ]; then
        rm -rf "$corpus"
        python3 "$ROOT/bench/gen_corpus.py" --out "$corpus" --count "$n" >&2
        touch "$corpus/.complete"
    fi
    db="$DATA/report-$n.sqlite"
    if [ ! -f "$db.complete" ]; then
        rm -f "$db" "$db-wal" "$db-shm"
        echo "== ingesting $n articles into $db" >&2
        "$BIN" ingest "$corpus" --db "$db" --quiet >&2
        touch "$db.complete"
    fi

    declare -A WALL=()
    for fmt in noop json html md text; do
        times=()
        for _ in $(seq "$ROUNDS"); do
            log="$OUT/$fmt.log"
            t0=$(now)
            if [ "$fmt" = noop ]; then
                "$BIN" run --db "$db" -e "$NOOP" > "$OUT/noop.out" 2> "$log"
            else
                DATELINE_REPORT_TIMING=1 "$BIN" run --db "$db" --output "$OUT/briefing.$fmt" \
                    "$ROOT/Scripts/briefing.lua" > /dev/null 2> "$log"
            fi
            t1=$(now)
            times+=("$(calc "$t1-$t0")")
            if [ "$fmt" != noop ]; then grep '^report-timing' "$log" >&2; fi
        done
        WALL[$fmt]=$(median "${times[@]}")
    done
    timing=$(grep '^report-timing' "$OUT/html.log")
    resolve=$(sed 's/.*resolve_s=\([0-9.]*\).*/\1/' <<< "$timing")
    render=$(sed 's/.*render_write_s=\([0-9.]*\).*/\1/' <<< "$timing")
    total=$(sed 's/.*total_s=\([0-9.]*\).*/\1/' <<< "$timing")
    articles=$(sed 's/.*articles=\([0-9]*\).*/\1/' <<< "$timing")
    kb=$(calc "round($(stat -c %s "$OUT/briefing.html")/1024)")
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s (%s / %s) | %s | %s |\n" "$n" \
        "${WALL[noop]}" "${WALL[json]}" "${WALL[html]}" "${WALL[md]}" "${WALL[text]}" \
        "$(calc "round(${WALL[html]}-${WALL[noop]}, 3)")" "$(calc "round(${WALL[html]}-${WALL[json]}, 3)")" \
        "$total" "$resolve" "$render" "$kb" "$articles"
done
