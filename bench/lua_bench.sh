#!/usr/bin/env bash
# Lua corpus benchmark: articles/s of `dateline run` streaming every article's body through Lua,
# against the same Lua loop over the bodies preloaded in a plain table, a plain Python word count
# over the raw files, peak RSS at 10k vs 100k articles, and `dateline run -e 'print(1)'` startup.
#
#   bench/lua_bench.sh                    # 10k and 100k articles
#   SIZES="10000" bench/lua_bench.sh      # just 10k
#   DATELINE_BIN=/path/to/dateline bench/lua_bench.sh    # skip the release build
#   MODES="tokens" bench/lua_bench.sh     # one count only (tokens, split, gmatch)
#
# Corpora and databases go to $BENCH_DIR (default /tmp/dateline-bench), shared with store_bench.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${BENCH_DIR:-/tmp/dateline-bench}
SIZES=${SIZES:-"10000 100000"}
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
rss_kb() { awk '/Maximum resident set size/ {print $6}' "$1"; }

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$2"; }

MODES=${MODES:-"tokens split gmatch"}
echo "Throughput: articles/s by wall time (whole process, startup included) and by CPU time (os.clock /"
echo "process_time; the streamed loop's CPU includes the scan's producer thread). Ratios use CPU time,"
echo "which is not distorted by other processes competing for the cores. Counts: tokens = Dateline's word"
echo "tokens (Lua: text.word_count; Python: one regular expression with the same rules); split ="
echo "whitespace-separated words counted by one C call (Lua: s:gsub('%S+', ''); Python: len(text.split()));"
echo "gmatch = whitespace words with one interpreter iteration per word (Python: a for loop over split())."
echo "Python reads the raw files; Lua streams the stored bodies of the non-duplicate articles."
echo
printf "| articles | count | stream wall s | stream CPU s | stream art/s (CPU) | preloaded CPU s | stream/preloaded speed | python CPU s (wall s) | python files/s (CPU) | stream vs python speed | peak RSS stream MB | peak RSS preloaded MB |\n"
printf "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
declare -A RSS
for n in $SIZES; do
    corpus="$DATA/corpus-$n"
    if [ ! -f "$corpus/.complete" ]; then
        rm -rf "$corpus"
        python3 "$ROOT/bench/gen_corpus.py" --out "$corpus" --count "$n" >&2
        touch "$corpus/.complete"
    fi
    files=$(find "$corpus" -name '*.txt' | wc -l)
    db="$DATA/lua-$n.sqlite"
    if [ ! -f "$db.complete" ]; then
        rm -f "$db" "$db-wal" "$db-shm"
        echo "== ingesting $n articles into $db" >&2
        "$BIN" ingest "$corpus" --db "$db" --quiet >&2
        touch "$db.complete"
    fi
    # Warm the page cache once so every variant reads from memory.
    "$BIN" run --db "$db" --lib "$ROOT/bench" "$ROOT/bench/lua_bench_scan.lua" split >/dev/null
    find "$corpus" -name '*.txt' -exec cat {} + > /dev/null

    for mode in $MODES; do
        t0=$(now)
        /usr/bin/time -v -o "$DATA/lua-time-$n.txt" "$BIN" run --db "$db" --lib "$ROOT/bench" "$ROOT/bench/lua_bench_scan.lua" "$mode" > "$DATA/lua-scan-$n.txt"
        t1=$(now)
        wall=$(calc "round($t1-$t0, 3)")
        articles=$(field articles "$DATA/lua-scan-$n.txt")
        cpu=$(field cpu "$DATA/lua-scan-$n.txt")
        rss_stream=$(calc "round($(rss_kb "$DATA/lua-time-$n.txt")/1024, 1)")
        RSS[$n]=$rss_stream

        /usr/bin/time -v -o "$DATA/lua-time-pre-$n.txt" "$BIN" run --db "$db" --lib "$ROOT/bench" "$ROOT/bench/lua_bench_preloaded.lua" "$mode" > "$DATA/lua-pre-$n.txt"
        pre=$(field cpu "$DATA/lua-pre-$n.txt")
        rss_pre=$(calc "round($(rss_kb "$DATA/lua-time-pre-$n.txt")/1024, 1)")

        pymode=$mode; [ "$mode" = gmatch ] && pymode=loop
        python3 "$ROOT/bench/lua_bench_count.py" "$corpus" "$pymode" > "$DATA/lua-py-$n.txt"
        py_wall=$(field wall "$DATA/lua-py-$n.txt"); py_cpu=$(field cpu "$DATA/lua-py-$n.txt")

        # Speeds in items per CPU-second: Lua articles/s over Python files/s.
        printf "| %s | %s | %s | %s | %s | %s | %s | %s (%s) | %s | %s | %s | %s |\n" "$n" "$mode" "$wall" "$cpu" \
            "$(calc "round($articles/$cpu)")" "$pre" "$(calc "round($pre/$cpu, 2)")" "$py_cpu" "$py_wall" \
            "$(calc "round($files/$py_cpu)")" "$(calc "round(($articles/$cpu)/($files/$py_cpu), 2)")" "$rss_stream" "$rss_pre"
        echo "   $(cat "$DATA/lua-scan-$n.txt") | $(cat "$DATA/lua-pre-$n.txt") | $(cat "$DATA/lua-py-$n.txt")" >&2
    done
done

set -- $SIZES
if [ $# -ge 2 ]; then
    echo
    echo "Streaming peak RSS: ${RSS[$1]} MB at $1 articles, ${RSS[$2]} MB at $2 articles (ratio $(calc "round(${RSS[$2]}/${RSS[$1]}, 2)"))."
fi

echo
echo "Startup (\`dateline run -e 'print(1)'\`):"
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 3 --runs 30 --style basic -N "$BIN run -e 'print(1)'" 2>&1 | grep -E "Time|Range"
else
    t0=$(now); for _ in $(seq 20); do "$BIN" run -e 'print(1)' > /dev/null; done; t1=$(now)
    echo "  mean $(calc "round(($t1-$t0)/20*1000, 1)") ms over 20 runs"
fi
