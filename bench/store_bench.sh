#!/usr/bin/env bash
# Store benchmark: ingest rate (articles/s, MB/s, CPU per article), database size per article and
# search latency (p50/p99) on deterministic synthetic corpora, compared with the sqlite3 shell alone
# loading the same raw texts into an FTS5 table; on corpora up to 20k articles also the CPU cost of
# each ingest stage (parse / prepare / write, `StoreBench split`).
#
#   bench/store_bench.sh                 # 10k and 100k articles
#   SIZES="10000" bench/store_bench.sh   # just 10k
#   PAIRS=5 bench/store_bench.sh         # alternate 5 ingest / shell pairs per size (default 3)
#
# The machine is shared and its speed drifts by tens of percent within minutes, so each size runs
# PAIRS alternating pairs (our ingest, then the shell, each into a new database) and reports medians:
# ingest s, shell s and the ratio of the two medians, plus the range of the per-pair ratios.
#
# Databases go to $BENCH_DIR (default /tmp/dateline-bench); corpora to $CORPUS_DIR (default
# $BENCH_DIR) and are reused. DATELINE_BIN / STOREBENCH_BIN skip the builds.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${BENCH_DIR:-/tmp/dateline-bench}
CORPORA=${CORPUS_DIR:-$DATA}
SIZES=${SIZES:-"10000 100000"}
ROUNDS=${ROUNDS:-20}
PAIRS=${PAIRS:-3}
mkdir -p "$DATA" "$CORPORA"

if [ -z "${DATELINE_BIN:-}" ]; then
    echo "== building release (swift build -c release --scratch-path $ROOT/.build-release)" >&2
    swift build -c release --scratch-path "$ROOT/.build-release" --product dateline >&2
fi
BIN=${DATELINE_BIN:-"$ROOT/.build-release/release/dateline"}
if [ -z "${STOREBENCH_BIN:-}" ]; then
    (cd "$ROOT/bench/StoreBench" && swift build -c release --scratch-path "$ROOT/.build-release-storebench" >&2)
fi
STOREBENCH=${STOREBENCH_BIN:-"$ROOT/.build-release-storebench/release/StoreBench"}

now() { date +%s.%N; }
calc() { python3 -c "print($1)"; }
load() { cut -d' ' -f1 /proc/loadavg; }

median() { python3 -c "import statistics, sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }

printf "| articles | corpus MB | load | pairs | ingest s (median) | articles/s | MB/s | ingest CPU ms/article | sqlite3 FTS5 s (median) | sqlite3 articles/s | ratio of medians | per-pair ratios | DB bytes/article | re-ingest (unchanged) s | search p50 ms | search p99 ms |\n"
printf "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
for n in $SIZES; do
    corpus="$CORPORA/corpus-$n"
    if [ ! -f "$corpus/.complete" ]; then
        rm -rf "$corpus"
        python3 "$ROOT/bench/gen_corpus.py" --out "$corpus" --count "$n" >&2
        touch "$corpus/.complete"
    fi
    bytes=$(find "$corpus" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
    mb=$(calc "round($bytes/1048576, 1)")
    find "$corpus" -name '*.txt' -print0 | xargs -0 cat > /dev/null # same page cache state for both loaders
    sync

    db="$DATA/store-$n.sqlite"
    shell="$DATA/shell-$n.sqlite"
    before=$(load)
    ingests=(); shells=(); cpus=(); ratios=()
    for pair in $(seq 1 "$PAIRS"); do
        rm -f "$db" "$db-wal" "$db-shm"
        t0=$(now)
        /usr/bin/time -f "%U %S" -o "$DATA/time-$n.txt" "$BIN" ingest "$corpus" --db "$db" --quiet >&2
        t1=$(now)
        ingest=$(calc "$t1-$t0")
        cpus+=("$(calc "sum(map(float, open('$DATA/time-$n.txt').read().split()[-2:]))*1000/$n")")
        rm -f "$shell"
        t0=$(now)
        sqlite3 "$shell" "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2');
                          INSERT INTO t(body) SELECT CAST(data AS TEXT) FROM fsdir('$corpus') WHERE name LIKE '%.txt';"
        t1=$(now)
        shelltime=$(calc "$t1-$t0")
        ingests+=("$ingest"); shells+=("$shelltime"); ratios+=("$(calc "round($shelltime/$ingest, 2)")")
        echo "PAIR $n $pair ingest_s=$(calc "round($ingest, 2)") shell_s=$(calc "round($shelltime, 2)") ratio=${ratios[-1]}" >&2
    done
    ingest=$(calc "round($(median "${ingests[@]}"), 2)")
    shelltime=$(calc "round($(median "${shells[@]}"), 2)")
    cpu=$(calc "round($(median "${cpus[@]}"), 2)")
    rate=$(calc "round($n/$ingest)")
    mbps=$(calc "round($bytes/1048576/$ingest, 1)")
    shellrate=$(calc "round($n/$shelltime)")
    ratio=$(calc "round($shelltime/$ingest, 2)")
    range=$(python3 -c "import sys; r=sorted(float(x) for x in sys.argv[1:]); print(f'{r[0]:.2f}-{r[-1]:.2f}')" "${ratios[@]}")
    t0=$(now); "$BIN" ingest "$corpus" --db "$db" --quiet >&2; t1=$(now)
    again=$(calc "round($t1-$t0, 2)")
    sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
    dbbytes=$(stat -c %s "$db")
    per=$(calc "round($dbbytes/$n)")

    "$STOREBENCH" search "$db" "$ROUNDS" > "$DATA/search-$n.tsv"
    p50=$(grep '^SEARCH' "$DATA/search-$n.tsv" | sed 's/.*p50_ms=\([0-9.]*\).*/\1/')
    p99=$(grep '^SEARCH' "$DATA/search-$n.tsv" | sed 's/.*p99_ms=\([0-9.]*\).*/\1/')
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n" \
        "$n" "$mb" "$before" "$PAIRS" "$ingest" "$rate" "$mbps" "$cpu" "$shelltime" "$shellrate" "$ratio" "$range" "$per" "$again" "$p50" "$p99"
    cat "$DATA/search-$n.tsv" >&2
    if [ "$n" -le 20000 ]; then
        # Stage by stage on the same files (keeps every parsed article in memory: small corpora only).
        "$STOREBENCH" split "$corpus" | tee "$DATA/split-$n.txt" >&2
    fi
done
