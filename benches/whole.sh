#!/usr/bin/env bash
# Times whole dormplan commands beside a peer doing the same job, in the same run, and checks
# that both reach the same optimum:
#
#   - `dormplan allocate SCENARIO -o DIR` beside benches/ortools_allocate.py (pandas, scipy's
#     KD-tree for arcs from points, OR-Tools' SimpleMinCostFlow), on the synthetic S, M and L
#     scenarios given as points and as a cost matrix (examples/write_scenario.rs);
#   - `dormplan plan SCENARIO -o DIR` beside benches/highs_plan.py (the same mixed-integer
#     program in HiGHS), on the Cixi sample with 12 to 240 candidate projects
#     (examples/write_plan_series.rs); the HiGHS script reads the instance that
#     examples/export_plan_model.rs writes, timed apart.
#
#   benches/whole.sh [--alloc S,M,L] [--kinds points,matrix] [--plan 12,30,60,120,240]
#                    [--timeout SECONDS]
#
# An empty list skips that part (e.g. --plan ""). Each command runs under GNU time -v and
# timeout (default 300 s; a run stopped by it is shown as "> 300 s"). Instances are written once
# into benches/out/ (ignored by git). Needs python3 (3.11+) and PyPI the first time: it creates
# benches/.venv. Exits non-zero if any two optima differ.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
venv="$here/.venv"

if [ ! -x "$venv/bin/python" ] ||
    ! "$venv/bin/python" -c "import ortools, pandas, pyarrow, scipy, highspy" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
    "$venv/bin/pip" install --quiet ortools pulp pandas tabulate pyarrow scipy highspy
fi

(cd "$root" && cargo build --release --quiet --bin dormplan --example write_scenario \
    --example write_plan_series --example export_plan_model)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)," \
    "$(free -g | awk '/Mem:/ {print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "versions: $("$venv/bin/python" -c 'import ortools, highspy, pandas, scipy, sys
print("python", sys.version.split()[0], "ortools", ortools.__version__, "highspy",
      __import__("importlib.metadata").metadata.version("highspy"), "pandas",
      pandas.__version__, "scipy", scipy.__version__)')"
exec "$venv/bin/python" "$here/whole.py" "$@"
