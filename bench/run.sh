#!/usr/bin/env bash
# Runs the benchmark suite and writes .build/bench/results.json and results.md.
#
#   bench/run.sh                      every part (what `make bench` runs)
#   ONLY=engine,parse bench/run.sh    some parts: engine, cars, inbox, old, parse, scripts
#   RUNS=5 bench/run.sh               repetitions of the parts compared with peers (default 3)
#
# The parts `engine` and `parse` run alternately with their peers, so a slow phase of a shared
# machine hits both sides alike. The peers are SpiffWorkflow (installed from PyPI into
# .build/bench/venv) and SQLite's own commit rate, measured by the peer scripts of the shared
# benchmark folder beside the repository (BENCH_PEERS=DIR names another folder). Without those
# scripts the peer figures are left out, and the run prints a warning.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.build/bench"
raw="$out/raw"
scratch="$out/swift"
peers="${BENCH_PEERS:-$root/../shared/bench}"
only="${ONLY:-engine,cars,inbox,old,parse,scripts}"
runs="${RUNS:-3}"
spiff_instances="${SPIFF_N:-2000}"
python="${PYTHON:-python3}"
spiff_version="3.2.0"

wants() { [[ ",$only," == *",$1,"* ]]; }

for part in ${only//,/ }; do
    case "$part" in
        engine|cars|inbox|old|parse|scripts) ;;
        *) echo "bench: unknown part '$part' in ONLY; use engine, cars, inbox, old, parse or scripts" >&2; exit 2 ;;
    esac
done
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
    echo "bench: RUNS must be a positive whole number, got '$runs'" >&2
    exit 2
fi

rm -rf "$raw"
mkdir -p "$raw"

echo "== building the release binaries (with testing enabled, for the inbox screen) in $scratch"
swift build -c release --scratch-path "$scratch" -Xswiftc -enable-testing -Xswiftc -DINBOX_TESTABLE
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"

have_peers=false
if { wants engine || wants parse; } && [ -f "$peers/spiff_bench.py" ]; then
    venv="$out/venv"
    if ! "$venv/bin/python" -c "import SpiffWorkflow" 2>/dev/null; then
        echo "== installing SpiffWorkflow $spiff_version into $venv"
        "$python" -m venv "$venv"
        "$venv/bin/pip" install --quiet "SpiffWorkflow==$spiff_version"
    fi
    have_peers=true
elif wants engine || wants parse; then
    echo "bench: peer scripts not found in $peers; SpiffWorkflow and SQLite figures are left out" >&2
fi

# Machine facts and load, for the record.
{
    echo "{"
    echo "  \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
    echo "  \"cpu\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\","
    echo "  \"cores\": $(nproc),"
    echo "  \"memory_gib\": $(awk '/MemTotal/ {printf "%.1f", $2 / 1048576}' /proc/meminfo),"
    echo "  \"kernel\": \"$(uname -r)\","
    echo "  \"swift\": \"$(swift --version 2>/dev/null | head -1 | sed 's/"/\\"/g')\","
    echo "  \"sqlite\": \"$(sqlite3 --version 2>/dev/null | cut -d' ' -f1)\","
    echo "  \"load_before\": \"$(cut -d' ' -f1-3 /proc/loadavg)\","
    echo "  \"command\": \"make bench ONLY=$only RUNS=$runs\""
    echo "}"
} > "$raw/machine.json"

work="$out/work"
mkdir -p "$work"
bench() { "$bin/bpmn-bench" "$@" --bpmn-inbox "$bin/bpmn-inbox" --peers "$peers" --work-dir "$work"; }

if wants engine; then
    for run in $(seq 1 "$runs"); do
        echo "== engine, run $run of $runs"
        bench engine --json "$raw/engine-$run.json" > /dev/null
        if $have_peers; then
            "$out/venv/bin/python" "$peers/spiff_bench.py" --modes e2e --runs 1 --n "$spiff_instances" \
                --db-dir "$work" --json-out "$raw/spiff-$run.json"
            "$python" "$peers/sqlite_limit.py" --runs 1 --modes wal_full,wal_normal --commits 5000 --batches 50 \
                --dir "$work" --json-out "$raw/sqlite-$run.json"
        fi
    done
fi

if wants parse; then
    for run in $(seq 1 "$runs"); do
        echo "== parse, run $run of $runs"
        bench parse --json "$raw/parse-$run.json" > /dev/null
        if $have_peers; then
            (cd "$peers" && "$out/venv/bin/python" parse_bench.py --runs 1 --iters 200 --json-out "$raw/spiff-parse-$run.json")
        fi
    done
fi

for part in cars inbox old scripts; do
    if wants "$part"; then
        echo "== $part"
        bench "$part" --json "$raw/$part-1.json" > /dev/null
    fi
done

sed -i "s|\"command\"|\"load_after\": \"$(cut -d' ' -f1-3 /proc/loadavg)\",\n  \"command\"|" "$raw/machine.json"
"$python" "$root/bench/aggregate.py" "$raw" "$out/results.json" "$out/results.md"
echo "== wrote $out/results.json and $out/results.md"
