#!/usr/bin/env bash
# A/B comparison of ingest builds (or settings) on one corpus: runs each variant in turn, ROUNDS
# times, each into a new database, and prints per variant the median wall, CPU (user + system) and
# system time, and the median of its per-round ratios to the first variant (paired rounds cancel the
# machine's drift, which on a shared machine is larger than most single changes).
#
#   bench/ab_ingest.sh CORPUS ROUNDS LABEL=BINARY[,NAME=VALUE...] ...
#   bench/ab_ingest.sh /tmp/dateline-bench/corpus-10000 10 base=/tmp/dl-old new=.build-release/release/dateline
#   bench/ab_ingest.sh /tmp/dateline-bench/corpus-10000 10 plain=./dateline nice0=./dateline,DATELINE_WORKER_NICE=0
#
# Environment settings after the binary apply to that variant only. Databases go to $BENCH_DIR
# (default /tmp/dateline-bench); per-run figures to $BENCH_DIR/ab-runs.txt.
set -euo pipefail
if [ $# -lt 3 ]; then
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
corpus=$1; rounds=$2; shift 2
[ -d "$corpus" ] || [ -f "$corpus" ] || { echo "ab_ingest: $corpus: no such corpus" >&2; exit 2; }
DATA=${BENCH_DIR:-/tmp/dateline-bench}
mkdir -p "$DATA"
runs="$DATA/ab-runs.txt"
: > "$runs"
db="$DATA/ab.sqlite"
for round in $(seq 1 "$rounds"); do
    for spec in "$@"; do
        label=${spec%%=*}
        rest=${spec#*=}
        IFS=',' read -r -a parts <<< "$rest"
        bin=${parts[0]}
        [ -x "$bin" ] || { echo "ab_ingest: $bin: not an executable" >&2; exit 2; }
        rm -f "$db" "$db-wal" "$db-shm"
        env "${parts[@]:1}" /usr/bin/time -f "%e %U %S" -o "$DATA/ab-time.txt" "$bin" ingest "$corpus" --db "$db" --quiet > /dev/null 2>&1
        echo "$label $(cat "$DATA/ab-time.txt")" | tee -a "$runs" >&2
    done
done
python3 - "$runs" <<'EOF'
import collections, statistics, sys
runs = collections.defaultdict(list)
order = []
for line in open(sys.argv[1]):
    label, wall, user, system = line.split()
    runs[label].append((float(wall), float(user) + float(system), float(system)))
    if label not in order:
        order.append(label)
base = runs[order[0]]
print("| variant | rounds | wall s (median) | CPU s (median) | sys s (median) | wall / first (median of pairs) | CPU / first |")
print("|---|---|---|---|---|---|---|")
for label in order:
    v = runs[label]
    pairs = range(min(len(v), len(base)))
    print(f"| {label} | {len(v)} | {statistics.median(x[0] for x in v):.3f} | {statistics.median(x[1] for x in v):.3f} "
          f"| {statistics.median(x[2] for x in v):.3f} | {statistics.median(v[i][0] / base[i][0] for i in pairs):.3f} "
          f"| {statistics.median(v[i][1] / base[i][1] for i in pairs):.3f} |")
EOF
