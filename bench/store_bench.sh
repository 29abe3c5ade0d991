#!/usr/bin/env bash
# Store benchmark: ingest rate (articles/s, MB/s, CPU per article), database size per article and
# search latency (p50/p99) on deterministic synthetic corpora, compared with the sqlite3 shell alone
# loading the same raw texts into an FTS5 table; on corpora up to 20k articles also the CPU cost of
# each ingest stage (parse / prepare / write, `StoreBench split`).
#
#   bench/store_bench.sh                 # 10k and 100k articles
#   SIZES="10000" bench/store_bench.sh   # just 10k
#
# Databases go to $BENCH_DIR (default /tmp/dateline-bench); corpora to $CORPUS_DIR (default
# $BENCH_DIR) and are reused. DATELINE_BIN / STOREBENCH_BIN skip the builds.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${BENCH_DIR:-/tmp/dateline-bench}
CORPORA=${CORPUS_DIR:-$DATA}
SIZES=${SIZES:-"10000 100000"}
ROUNDS=${ROUNDS:-20}
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

printf "| articles | corpus MB | load | ingest s | articles/s | MB/s | ingest CPU ms/article | sqlite3 FTS5 s | sqlite3 articles/s | ratio | DB bytes/article | re-ingest (unchanged) s | search p50 ms | search p99 ms |\n"
printf "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
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
    rm -f "$db" "$db-wal" "$db-shm"
    before=$(load)
    t0=$(now)
    /usr/bin/time -f "%U %S" -o "$DATA/time-$n.txt" "$BIN" ingest "$corpus" --db "$db" --quiet >&2
    t1=$(now)
    ingest=$(calc "round($t1-$t0, 2)")
    rate=$(calc "round($n/($t1-$t0))")
    mbps=$(calc "round($bytes/1048576/($t1-$t0), 1)")
    cpu=$(calc "round(sum(map(float, open('$DATA/time-$n.txt').read().split()[-2:]))*1000/$n, 2)")
    t0=$(now); "$BIN" ingest "$corpus" --db "$db" --quiet >&2; t1=$(now)
    again=$(calc "round($t1-$t0, 2)")
    sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
    dbbytes=$(stat -c %s "$db")
    per=$(calc "round($dbbytes/$n)")

    shell="$DATA/shell-$n.sqlite"
    rm -f "$shell"
    t0=$(now)
    sqlite3 "$shell" "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2');
                      INSERT INTO t(body) SELECT CAST(data AS TEXT) FROM fsdir('$corpus') WHERE name LIKE '%.txt';"
    t1=$(now)
    shelltime=$(calc "round($t1-$t0, 2)")
    shellrate=$(calc "round($n/($t1-$t0))")
    ratio=$(calc "round(($n/$ingest)/($n/$shelltime), 2)")

    "$STOREBENCH" search "$db" "$ROUNDS" > "$DATA/search-$n.tsv"
    p50=$(grep '^SEARCH' "$DATA/search-$n.tsv" | sed 's/.*p50_ms=\([0-9.]*\).*/\1/')
    p99=$(grep '^SEARCH' "$DATA/search-$n.tsv" | sed 's/.*p99_ms=\([0-9.]*\).*/\1/')
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n" \
        "$n" "$mb" "$before" "$ingest" "$rate" "$mbps" "$cpu" "$shelltime" "$shellrate" "$ratio" "$per" "$again" "$p50" "$p99"
    cat "$DATA/search-$n.tsv" >&2
    if [ "$n" -le 20000 ]; then
        # Stage by stage on the same files (keeps every parsed article in memory: small corpora only).
        "$STOREBENCH" split "$corpus" | tee "$DATA/split-$n.txt" >&2
    fi
done
