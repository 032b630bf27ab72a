#!/usr/bin/env python3
"""Writes a scenario where supply is short, so that most demand groups are unhoused: the case in
which dormplan's independent checker once scanned every site for every unhoused group.

    benches/allocate_short.py OUT_DIR [--groups N] [--sites M] [--seed S]

Then time the whole command, e.g.:

    /usr/bin/time -f "%e s %M KB" target/release/dormplan allocate OUT_DIR/scenario.toml

Towns, sites and groups are spread over a 60 × 60 km square around Cixi; each site has 20 beds
at 8 m² per person and each group 50 people, so most of the groups cannot be housed.
"""
import argparse
import os
import random

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--groups", type=int, default=100_000)
p.add_argument("--sites", type=int, default=2_000)
p.add_argument("--seed", type=int, default=1)
a = p.parse_args()
rng = random.Random(a.seed)
os.makedirs(a.out, exist_ok=True)
LON, LAT, SPAN = 121.0, 30.0, 0.6
towns = [(f"T{t:02d}", LON + (t % 5 + 0.5) * SPAN / 5, LAT + (t // 5 + 0.5) * SPAN / 5) for t in range(25)]


def town_of(lon, lat):
    col = min(4, int((lon - LON) / SPAN * 5))
    row = min(4, int((lat - LAT) / SPAN * 5))
    return towns[row * 5 + col][0]


with open(os.path.join(a.out, "towns.csv"), "w") as f:
    f.write("code,name_zh,name_en,lon,lat\n")
    for code, lon, lat in towns:
        f.write(f"{code},镇{code},Town{code},{lon:.6f},{lat:.6f}\n")
with open(os.path.join(a.out, "sites.csv"), "w") as f:
    f.write("id,name,town,kind,status,gross_m2,residential_m2,lon,lat\n")
    for i in range(a.sites):
        lon, lat = LON + rng.random() * SPAN, LAT + rng.random() * SPAN
        f.write(f"S{i},Site {i},{town_of(lon, lat)},migrant_apartment,existing,200,160,{lon:.6f},{lat:.6f}\n")
with open(os.path.join(a.out, "demand.csv"), "w") as f:
    f.write("id,town,people,lon,lat\n")
    for g in range(a.groups):
        lon, lat = LON + rng.random() * SPAN, LAT + rng.random() * SPAN
        f.write(f"G{g},{town_of(lon, lat)},50,{lon:.6f},{lat:.6f}\n")
with open(os.path.join(a.out, "scenario.toml"), "w") as f:
    f.write('name = "Short supply"\n[data]\ntowns = "towns.csv"\nsites = "sites.csv"\ndemand = "demand.csv"\n')
    f.write("[standard]\nplan_m2_per_person = 8\n[allocation]\ncutoff_km = 10\nnearest_k = 30\n")
