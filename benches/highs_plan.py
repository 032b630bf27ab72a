"""The plan of a dormplan scenario as a HiGHS mixed-integer program: the peer of the whole
`dormplan plan SCENARIO -o DIR` in benches/whole.sh.

    highs_plan.py MODEL.json OUT_DIR

MODEL.json is the planning instance that examples/export_plan_model.rs writes (the scenario's
groups, sites, arcs with their costs and the candidates with every candidate built; the budget
and the towns' minimum beds). The program is the one of src/plan/mip.rs with keep-together
groups whole (a binary per arc of such a group):

    minimise   Σ cost[a]·flow[a] + Σ unhoused_cost[g]·u[g]
    subject to Σ_{a from g} flow[a] + u[g] = people[g]            every group
               Σ_{a into s} flow[a] ≤ beds[s]·open[s]              every site reached
               flow[a] ≤ min(people[g], beds[s])·open[s]           arcs into candidates
               Σ net[c]·open[c] ≤ budget  (yuan)                   when there is a budget
               standing[t] + Σ_{c in t} beds[c]·open[c] ≥ need[t]  towns with a minimum
               open ∈ {0, 1}; u ≥ 0; flow = x ≥ 0, or people[g]·z with z ∈ {0, 1}

solved to a relative gap of 0 with HiGHS (highspy). Writes OUT_DIR/chosen.csv (the instance
sites opened) and prints `objective=N` (the solution's objective rounded to a whole number)
and the seconds of each step. Models with a subsidy pool are refused: the export does not
describe pools.
"""

import json
import os
import sys
import time

import highspy
import numpy as np
from scipy import sparse


def main():
    path, out_dir = sys.argv[1], sys.argv[2]
    times = {}
    t = time.perf_counter()
    with open(path) as f:
        m = json.load(f)
    if m["pools"]:
        sys.exit("the model has a subsidy pool, which this program does not model")
    people = np.array(m["groups"]["people"], dtype=np.int64)
    unhoused = np.array(m["groups"]["unhoused_cost"], dtype=np.float64)
    whole = np.array(m["groups"]["keep_together"], dtype=bool)
    beds = np.array(m["sites"]["capacity"], dtype=np.int64)
    ag = np.array(m["arcs"]["group"], dtype=np.int64)
    asite = np.array(m["arcs"]["site"], dtype=np.int64)
    acost = np.array(m["arcs"]["cost"], dtype=np.float64)
    choices = m["choices"]
    times["read"] = time.perf_counter() - t

    t = time.perf_counter()
    ng, ns, na, nc = len(people), len(beds), len(ag), len(choices)
    # Columns: open[c] (nc), flow[a] (na), u[g] (ng). A whole arc's column is z, and its
    # people per unit is the group's people.
    open_of_site = np.full(ns, -1)
    for c, ch in enumerate(choices):
        open_of_site[ch["site"]] = c
    arc_whole = whole[ag]
    per_unit = np.where(arc_whole, people[ag], 1).astype(np.float64)
    flow0, u0 = nc, nc + na
    ncols = nc + na + ng
    cost = np.concatenate([np.zeros(nc), acost * per_unit, unhoused])
    lower = np.zeros(ncols)
    upper = np.concatenate([np.ones(nc), np.where(arc_whole, 1.0, np.inf), np.full(ng, np.inf)])
    integrality = np.zeros(ncols, dtype=np.int32)
    integrality[:nc] = 1
    integrality[flow0:u0][arc_whole] = 1

    rows, cols, vals, lo, hi = [], [], [], [], []
    nrow = 0

    def add_rows(r, c, v, row_lo, row_hi):
        nonlocal nrow
        rows.append(np.asarray(r) + nrow)
        cols.append(np.asarray(c))
        vals.append(np.asarray(v, dtype=np.float64))
        lo.append(np.asarray(row_lo, dtype=np.float64))
        hi.append(np.asarray(row_hi, dtype=np.float64))
        nrow += len(row_lo)

    # Groups: Σ flow + u = people.
    add_rows(np.concatenate([ag, np.arange(ng)]),
             np.concatenate([flow0 + np.arange(na), u0 + np.arange(ng)]),
             np.concatenate([per_unit, np.ones(ng)]), people, people)
    # Sites reached by an arc: Σ flow − beds·open ≤ 0 (candidates) or ≤ beds (standing).
    reached = np.unique(asite)
    row_of = np.full(ns, -1)
    row_of[reached] = np.arange(len(reached))
    cand = open_of_site[reached] >= 0
    add_rows(np.concatenate([row_of[asite], np.nonzero(cand)[0]]),
             np.concatenate([flow0 + np.arange(na), open_of_site[reached][cand]]),
             np.concatenate([per_unit, -beds[reached][cand].astype(np.float64)]),
             np.full(len(reached), -np.inf), np.where(cand, 0.0, beds[reached]))
    # Arcs into candidates: flow − min(people, beds)·open ≤ 0, or z − open ≤ 0.
    into = np.nonzero(open_of_site[asite] >= 0)[0]
    most = np.where(arc_whole[into], 1.0, np.minimum(people[ag[into]], beds[asite[into]]))
    k = np.arange(len(into))
    add_rows(np.concatenate([k, k]),
             np.concatenate([flow0 + into, open_of_site[asite[into]]]),
             np.concatenate([np.ones(len(into)), -most]),
             np.full(len(into), -np.inf), np.zeros(len(into)))
    # Budget, in yuan.
    if m["budget_fen"] is not None and nc:
        add_rows(np.zeros(nc, dtype=np.int64), np.arange(nc),
                 [ch["net"] / 100.0 for ch in choices], [-np.inf], [m["budget_fen"] / 100.0])
    # Towns' minimum beds.
    for need in m["needs"]:
        in_town = [c for c, ch in enumerate(choices) if ch["town"] == need["town"]]
        add_rows(np.zeros(len(in_town), dtype=np.int64), in_town,
                 [choices[c]["beds"] for c in in_town],
                 [need["need"] - need["standing"]], [np.inf])

    a = sparse.csc_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                          shape=(nrow, ncols))
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = ncols, nrow
    lp.col_cost_, lp.col_lower_, lp.col_upper_ = cost, lower, upper
    lp.row_lower_, lp.row_upper_ = np.concatenate(lo), np.concatenate(hi)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = a.indptr, a.indices, a.data
    lp.integrality_ = [highspy.HighsVarType(int(i)) for i in integrality]
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1e-6)
    h.passModel(lp)
    times["build"] = time.perf_counter() - t

    t = time.perf_counter()
    h.run()
    status = h.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        sys.exit(f"HiGHS status {h.modelStatusToString(status)}")
    times["solve"] = time.perf_counter() - t

    t = time.perf_counter()
    x = np.array(h.getSolution().col_value)
    opened = np.round(x[:nc]) > 0
    objective = int(round(float(np.dot(cost, x))))
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "chosen.csv"), "w") as f:
        f.write("choice,site,net_fen,beds\n")
        for c in np.nonzero(opened)[0]:
            ch = choices[c]
            f.write(f"{c},{ch['site']},{ch['net']},{ch['beds']}\n")
    times["write"] = time.perf_counter() - t
    print(f"objective={objective} opened={int(opened.sum())} columns={ncols} rows={nrow} "
          f"binaries={int(integrality.sum())} "
          + " ".join(f"{k}_s={v:.3f}" for k, v in times.items()))


if __name__ == "__main__":
    main()
