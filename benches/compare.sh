#!/usr/bin/env bash
# Compares dormplan's flow engine with OR-Tools' SimpleMinCostFlow and PuLP+CBC on the same
# generated instances, and checks that all reach the same optimum.
#
#   benches/compare.sh [SIZES...] [--seed N] [--cbc S,M]
#
# SIZES default to "S M L"; CBC runs on S and M only unless --cbc says otherwise. Needs
# python3 (3.9+) and network access to PyPI the first time: it creates benches/.venv and
# installs ortools and pulp there. Instances go to benches/out/. Exits non-zero if any two
# optima differ.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
venv="$here/.venv"

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import ortools, pulp, pandas, tabulate" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
    "$venv/bin/pip" install --quiet ortools pulp pandas tabulate
fi

(cd "$root" && cargo build --release --quiet --example write_instance --example solve_instance)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$venv/bin/python" "$here/compare.py" "$@"
