"""The allocation of a dormplan scenario as a short OR-Tools script: the peer of the whole
`dormplan allocate SCENARIO -o DIR` in benches/whole.sh.

    ortools_allocate.py SCENARIO OUT_DIR

Reads the scenario's sites and demand CSVs (and its cost matrix, when it names one) with pandas
on the pyarrow engine, builds the same network as dormplan, solves it with OR-Tools'
SimpleMinCostFlow and writes OUT_DIR/flows.csv (group, site, people; site empty for the
unhoused). Prints `objective=N` and the seconds of each step on stdout.

It models what dormplan's allocation instance holds (src/alloc/instance.rs, arcs.rs,
priority.rs), for the scenarios that examples/write_scenario.rs writes (CSV files, no demand
growth, no keep-together or per-group commute limits, residential area given):

- a site takes people when its status and kind are in the scenario's `include_*` lists and it
  has a bed: beds = floor(residential m² / plan m² per person), capped by declared beds;
- an enterprise dormitory with an employer takes only that employer's groups;
- with a cost matrix, every matrix entry of a usable, allowed site is an arc at its cost;
- with points, every allowed site within `cutoff_km` is an arc (dormplan's optimum is over
  every pair in range; `nearest_k` only says where its solver starts), by great-circle metres
  on a sphere of 6,371,008.8 m, computed as dormplan does (unit vectors, squared chord summed
  x, y, z, then 2R·asin(chord/2) rounded half away from zero). A KD-tree (scipy) finds each
  group's sites within the cutoff's chord;
- priority points become ranks (0 for the lowest value present), and a person of a group left
  unhoused costs `unhoused_penalty_m + rank × (costliest pair + 1)`, the costliest pair being
  the cutoff in metres (points) or the costliest matrix entry of a usable site.
"""

import os
import sys
import time
import tomllib

import numpy as np
import pandas as pd

EARTH_RADIUS_M = 6_371_008.8
DEFAULT_STATUS = ["existing", "under_construction"]
DEFAULT_KINDS = ["enterprise_dormitory", "migrant_apartment", "rental_new_build",
                 "rental_conversion"]


def read_csv(path, **kwargs):
    return pd.read_csv(path, engine="pyarrow", **kwargs)


def unit_vectors(lon, lat):
    lon, lat = np.radians(lon), np.radians(lat)
    return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=1)


def metres(a, b):
    """Whole metres between unit vectors, as dormplan's arc builder computes them."""
    d = a - b
    d2 = d[..., 0] * d[..., 0] + d[..., 1] * d[..., 1] + d[..., 2] * d[..., 2]
    m = 2.0 * EARTH_RADIUS_M * np.arcsin(np.minimum(np.sqrt(d2) / 2.0, 1.0))
    whole = np.floor(m)
    return (whole + (m - whole >= 0.5)).astype(np.int64)


def load(scenario):
    with open(scenario, "rb") as f:
        spec = tomllib.load(f)
    base = os.path.dirname(os.path.abspath(scenario))
    data = spec["data"]
    standard = spec.get("standard", {})
    alloc = spec.get("allocation", {})
    plan_m2 = float(standard.get("plan_m2_per_person", 8.0))
    status = standard.get("include_status", DEFAULT_STATUS)
    kinds = standard.get("include_kind", DEFAULT_KINDS)

    sites = read_csv(os.path.join(base, data["sites"]), dtype={"employer": str, "id": str})
    beds = np.floor(sites["residential_m2"].to_numpy(float) / plan_m2).astype(np.int64)
    if "beds" in sites:
        declared = sites["beds"].to_numpy(float)
        beds = np.where(np.isnan(declared), beds, np.minimum(beds, np.nan_to_num(declared)))
    usable = sites["status"].isin(status) & sites["kind"].isin(kinds) & (beds > 0)
    sites = sites[usable.to_numpy()].reset_index(drop=True)
    beds = beds[usable.to_numpy()].astype(np.int64)

    demand = read_csv(os.path.join(base, data["demand"]),
                      dtype={"employer": str, "id": str})
    people = demand["people"].to_numpy(np.int64)
    points = demand["priority"].fillna(0).to_numpy(np.int64) if "priority" in demand else \
        np.zeros(len(demand), np.int64)
    rank = np.searchsorted(np.unique(points), points)

    # Employers as codes shared by sites and groups; -1: none.
    site_emp = sites["employer"].where(sites["kind"] == "enterprise_dormitory")
    codes = pd.Index(pd.concat([site_emp, demand.get("employer", pd.Series(dtype=str))])
                     .dropna().unique())
    site_emp = np.where(site_emp.isna(), -1, codes.get_indexer(site_emp.fillna("")))
    group_emp = demand["employer"] if "employer" in demand else pd.Series([None] * len(demand))
    group_emp = np.where(group_emp.isna(), -2, codes.get_indexer(group_emp.fillna("")))
    return spec, alloc, sites, beds, demand, people, rank, site_emp, group_emp, base


def matrix_arcs(path, sites, demand, site_emp, group_emp):
    m = read_csv(path, dtype={"demand_id": str, "site_id": str})
    g = pd.Index(demand["id"]).get_indexer(m["demand_id"])
    s = pd.Index(sites["id"]).get_indexer(m["site_id"])
    cost = m["cost"].to_numpy(np.int64)
    keep = (s >= 0) & (g >= 0)
    g, s, cost = g[keep], s[keep], cost[keep]
    costliest = int(cost.max()) if len(cost) else 0
    allowed = (site_emp[s] == -1) | (site_emp[s] == group_emp[g])
    return g[allowed], s[allowed], cost[allowed], costliest


def within_arcs(sites, demand, site_emp, group_emp, cutoff_m):
    from scipy.spatial import cKDTree

    sv = unit_vectors(sites["lon"].to_numpy(float), sites["lat"].to_numpy(float))
    gv = unit_vectors(demand["lon"].to_numpy(float), demand["lat"].to_numpy(float))
    # A little more than the chord of the cutoff plus half a metre (a pair 10,000.3 m away
    # rounds to 10,000 and is inside a 10 km cutoff): the exact test is on whole metres below.
    bound = 2.0 * np.sin((cutoff_m + 0.5) / (2.0 * EARTH_RADIUS_M)) * (1 + 1e-9) + 1e-12
    pairs = cKDTree(gv).sparse_distance_matrix(cKDTree(sv), bound, output_type="ndarray")
    g, s = pairs["i"].astype(np.int64), pairs["j"].astype(np.int64)
    m = metres(gv[g], sv[s])
    ok = (m <= cutoff_m) & ((site_emp[s] == -1) | (site_emp[s] == group_emp[g]))
    g, s, c = g[ok], s[ok], m[ok]
    order = np.lexsort((s, c, g))
    return g[order], s[order], c[order]


def main():
    scenario, out_dir = sys.argv[1], sys.argv[2]
    times = {}
    t = time.perf_counter()
    spec, alloc, sites, beds, demand, people, rank, site_emp, group_emp, base = load(scenario)
    times["read"] = time.perf_counter() - t

    t = time.perf_counter()
    if "cost_matrix" in alloc:
        g, s, cost, costliest = matrix_arcs(os.path.join(base, alloc["cost_matrix"]), sites,
                                            demand, site_emp, group_emp)
        t_read_matrix = time.perf_counter() - t
        times["read"] += t_read_matrix
        t = time.perf_counter()
    else:
        cutoff = int(round(float(alloc.get("cutoff_km", 10.0)) * 1000))
        g, s, cost = within_arcs(sites, demand, site_emp, group_emp, cutoff)
        costliest = cutoff
    times["arcs"] = time.perf_counter() - t

    t = time.perf_counter()
    from ortools.graph.python import min_cost_flow

    penalty = int(alloc.get("unhoused_penalty_m", 100_000))
    step = costliest + 1
    unhoused = penalty + rank * step
    ng, ns = len(people), len(beds)
    sink = ng + ns
    tails = np.concatenate([g, ng + np.arange(ns), np.arange(ng)])
    heads = np.concatenate([ng + s, np.full(ns, sink), np.full(ng, sink)])
    caps = np.concatenate([people[g], beds, people])
    costs = np.concatenate([cost, np.zeros(ns, np.int64), unhoused])
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supply = np.concatenate([people, np.zeros(ns, np.int64), [-people.sum()]])
    smcf.set_nodes_supplies(np.arange(sink + 1), supply)
    times["build"] = time.perf_counter() - t

    t = time.perf_counter()
    status = smcf.solve()
    if status != smcf.OPTIMAL:
        sys.exit(f"OR-Tools status {status}")
    times["solve"] = time.perf_counter() - t

    t = time.perf_counter()
    flows = smcf.flows(np.arange(len(tails)))
    na = len(g)
    housed = flows[:na] > 0
    left = flows[na + ns:] > 0
    table = pd.DataFrame({
        "group": np.concatenate([demand["id"].to_numpy()[g[housed]],
                                 demand["id"].to_numpy()[left]]),
        "site": np.concatenate([sites["id"].to_numpy()[s[housed]],
                                np.full(left.sum(), "", dtype=object)]),
        "people": np.concatenate([flows[:na][housed], flows[na + ns:][left]]),
    })
    os.makedirs(out_dir, exist_ok=True)
    table.to_csv(os.path.join(out_dir, "flows.csv"), index=False)
    times["write"] = time.perf_counter() - t

    print(f"objective={smcf.optimal_cost()} arcs={na} "
          + " ".join(f"{k}_s={v:.3f}" for k, v in times.items()))


if __name__ == "__main__":
    main()
