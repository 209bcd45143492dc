#!/usr/bin/env bash
# Run the benchmarks (not part of the test suite). Extra arguments go to each
# benchmark, e.g. scripts/bench.sh --sizes 100000 for a quick run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${TCEX_BENCH_PYTHON:-}"
if [ -z "$PYTHON" ]; then
    for candidate in "$ROOT/.tox/py311/bin/python" "$ROOT/.tools/bin/python"; do
        if [ -x "$candidate" ]; then PYTHON="$candidate"; break; fi
    done
fi
if [ -z "$PYTHON" ]; then
    source "$ROOT/scripts/bootstrap.sh"
    PYTHON="$TOOLS/bin/python"
fi
cd "$ROOT"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
echo "== batch build and serialize ($PYTHON)"
"$PYTHON" bench/bench_batch.py "$@"
for extra in bench/bench_submit.py; do
    if [ -f "$extra" ]; then
        echo "== $(basename "$extra" .py)"
        "$PYTHON" "$extra" || echo "$extra failed" >&2
    fi
done
