"""Runs one generated allocation instance through dormplan, OR-Tools and PuLP+CBC.

Called by compare.sh, which builds the examples and sets up the virtual environment. For each
size it writes the instance with `write_instance`, solves it with `solve_instance` (dormplan's
engine; the time is the solve alone), with OR-Tools' SimpleMinCostFlow (the time is `solve()`
alone) and, for S and M, with PuLP+CBC (the time is `prob.solve()`, which includes PuLP writing
the model for CBC). It prints a table and exits with status 1 if any two optima differ.
"""

import argparse
import os
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EXAMPLES = os.path.join(ROOT, "target", "release", "examples")


def read_dimacs(path):
    """Supplies (0-based nodes) and arc arrays (tails, heads, capacities, costs)."""
    nodes = 0
    with open(path) as f:
        for line in f:
            if line.startswith("p "):
                nodes = int(line.split()[2])
                break
    rows = pd.read_csv(path, sep=" ", header=None, names=list("tuvwxy"), comment="c",
                       skiprows=0, engine="c", dtype=str)
    kind = rows["t"]
    n = rows[kind == "n"]
    a = rows[kind == "a"]
    supply = np.zeros(nodes, dtype=np.int64)
    supply[n["u"].astype(np.int64).to_numpy() - 1] = n["v"].astype(np.int64).to_numpy()
    tails = a["u"].astype(np.int64).to_numpy() - 1
    heads = a["v"].astype(np.int64).to_numpy() - 1
    caps = a["x"].astype(np.int64).to_numpy()
    costs = a["y"].astype(np.int64).to_numpy()
    return supply, tails, heads, caps, costs


def run_dormplan(path):
    out = subprocess.run([os.path.join(EXAMPLES, "solve_instance"), path],
                         check=True, capture_output=True, text=True).stdout
    values = dict(line.split("=", 1) for line in out.split())
    return float(values["solve_seconds"]), int(values["objective"]), values


def run_ortools(supply, tails, heads, caps, costs):
    from ortools.graph.python import min_cost_flow

    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    smcf.set_nodes_supplies(np.arange(len(supply)), supply)
    start = time.perf_counter()
    status = smcf.solve()
    seconds = time.perf_counter() - start
    if status != smcf.OPTIMAL:
        raise RuntimeError(f"OR-Tools status {status}")
    return seconds, int(smcf.optimal_cost())


def run_cbc(supply, tails, heads, caps, costs):
    import pulp

    prob = pulp.LpProblem("allocation", pulp.LpMinimize)
    x = [pulp.LpVariable(f"x{i}", 0, int(c)) for i, c in enumerate(caps)]
    prob += pulp.LpAffineExpression(zip(x, costs.tolist()))
    out = [[] for _ in supply]
    for i, (t, h) in enumerate(zip(tails.tolist(), heads.tolist())):
        out[t].append((x[i], 1))
        out[h].append((x[i], -1))
    for v, terms in enumerate(out):
        prob += pulp.LpAffineExpression(terms) == int(supply[v]), f"node{v}"
    start = time.perf_counter()
    prob.solve(pulp.PULP_CBC_CMD(msg=False))
    seconds = time.perf_counter() - start
    if pulp.LpStatus[prob.status] != "Optimal":
        raise RuntimeError(f"CBC status {pulp.LpStatus[prob.status]}")
    objective = sum(int(round(v.varValue)) * int(c) for v, c in zip(x, costs.tolist()))
    return seconds, objective


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", default=["S", "M", "L"])
    parser.add_argument("--seed", default="1")
    parser.add_argument("--cbc", default="S,M", help="sizes to run CBC on (comma-separated)")
    args = parser.parse_args()
    cbc_sizes = {s.strip().upper() for s in args.cbc.split(",") if s.strip()}

    os.makedirs(os.path.join(HERE, "out"), exist_ok=True)
    rows = []
    mismatch = False
    for size in args.sizes:
        size = size.upper()
        path = os.path.join(HERE, "out", f"{size}-{args.seed}.min")
        with open(path, "w") as f:
            subprocess.run([os.path.join(EXAMPLES, "write_instance"), size, args.seed],
                           check=True, stdout=f)
        load = open("/proc/loadavg").read().split()[0]
        dp_s, dp_obj, dp = run_dormplan(path)
        data = read_dimacs(path)
        arcs = len(data[1])
        or_s, or_obj = run_ortools(*data)
        cbc = run_cbc(*data) if size in cbc_sizes else None
        objectives = {dp_obj, or_obj} | ({cbc[1]} if cbc else set())
        same = len(objectives) == 1
        mismatch |= not same
        rows.append({
            "size": size,
            "arcs": arcs,
            "dormplan s": f"{dp_s:.3f}",
            "OR-Tools s": f"{or_s:.3f}",
            "OR/dormplan": f"{or_s / dp_s:.1f}x",
            "CBC s": f"{cbc[0]:.2f}" if cbc else "-",
            "CBC/dormplan": f"{cbc[0] / dp_s:.0f}x" if cbc else "-",
            "objective": str(dp_obj),
            "equal": "yes" if same else f"NO: OR-Tools {or_obj}, CBC {cbc[1] if cbc else '-'}",
            "dormplan peak RSS MB": f"{int(dp['peak_rss_kb']) / 1024:.0f}",
            "parts": dp["parts"],
            "load (1 min)": load,
        })
        print(f"{size}: dormplan {dp_s:.3f} s, OR-Tools {or_s:.3f} s"
              + (f", CBC {cbc[0]:.2f} s" if cbc else ""), file=sys.stderr, flush=True)

    load = open("/proc/loadavg").read().split()[:3]
    print(f"load average after the runs: {' '.join(load)}")
    print(pd.DataFrame(rows).to_markdown(index=False) if _has_tabulate() else pd.DataFrame(rows)
          .to_string(index=False))
    if mismatch:
        print("objectives differ", file=sys.stderr)
        sys.exit(1)


def _has_tabulate():
    try:
        import tabulate  # noqa: F401
        return True
    except ImportError:
        return False


if __name__ == "__main__":
    main()
