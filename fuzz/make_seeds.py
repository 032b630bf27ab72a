#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/seeds/<target>/ from the base files of fuzz/src/lib.rs
(the test fixture) and a few dozen rows of the Cixi sample in data/cixi/.

Run from anywhere: python3 fuzz/make_seeds.py. The seeds are committed; rerun this only to
change them on purpose. Every seed stays under 20 kB.
"""

import json
import re
import shutil
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
ROOT = FUZZ.parent
SEEDS = FUZZ / "seeds"
CIXI = ROOT / "data" / "cixi"
POLICIES = ROOT / "data" / "policy"

# The base files, read from the harness so the two never drift apart.
LIB = (FUZZ / "src" / "lib.rs").read_text(encoding="utf-8")


def const(name: str) -> str:
    """A `pub const NAME: &str` of fuzz/src/lib.rs, as plain or raw string literal."""
    m = re.search(r'pub const %s: &str = r#"(.*?)"#;' % name, LIB, re.S)
    if m:
        return m.group(1)
    m = re.search(r'pub const %s: &str = "\\\n(.*?)";' % name, LIB, re.S)
    return m.group(1).replace('\\"', '"')


TOWNS_CSV = const("TOWNS_CSV")
TOWNS_GEOJSON = const("TOWNS_GEOJSON")
SITES_CSV = const("SITES_CSV")
SITES_GEOJSON = const("SITES_GEOJSON")
DEMAND_CSV = const("DEMAND_CSV")
DEMAND_GEOJSON = const("DEMAND_GEOJSON")
COSTS_CSV = const("COSTS_CSV")
POLICY = const("POLICY")


def scenario(towns="towns.csv", sites="sites.csv", demand="demand.csv", costs=False, top="",
             extra=""):
    """The harness's scenario (`base::scenario`), with `top` keys before its tables and `extra`
    tables before its variant."""
    matrix = '\n[allocation]\ncost_matrix = "costs.csv"\n' if costs else ""
    return f"""name = "Test"
{top}
[data]
towns = "{towns}"
sites = "{sites}"
demand = "{demand}"
policy = "policy.toml"

[standard]
plan_m2_per_person = 9.0
usable_ratio = 0.8
{matrix}{extra}
[[variant]]
name = "ten"
standard = {{ plan_m2_per_person = 10.0 }}
"""


# Sites and groups with every column, over the fixture's two towns.
SITES_ALL_CSV = """\
id,name,town,kind,status,gross_m2,residential_m2,beds,cost_yuan,started_year,completed_year,converted_from,expert_review,structurally_safe,fire_safe,safety_ok,idle_before_conversion,employer,rent_yuan_month,lon,lat
S1,Alpha apartments,330282001,migrant_apartment,existing,1000,800,90,,,2015,,,,,,,,450,121.201,30.201
S2,Beta dorm,乙镇,enterprise_dormitory,existing,500,,40,,,2010,,,,,,,Beta Ltd,0,121.301,30.201
S3,Gamma new build,yizhen,rental_new_build,candidate,2000,1600,,5000000,2021,2022,,passed,yes,yes,,,,800,121.302,30.202
S4,Delta conversion,Jiazhen,rental_conversion,under_construction,1200.55,,,2400000.125,2020,2021,工业厂房,pending,,,是,y,,600,121.205,30.199
S5,Epsilon,330282002,rental_conversion,existing,900,700,,,2019,2020,warehouse,failed,true,false,,no,,,121.31,30.21
"""

DEMAND_ALL_CSV = """\
id,town,people,lon,lat,employer,priority,keep_together,max_commute_km
D1,330282001,120,121.2,30.2,,10,false,
D2,330282002,30,121.3,30.2,Beta Ltd,0,true,5
D3,甲镇,45,121.21,30.21,,250,yes,
D4,yizhen,7,121.29,30.19,,0,,0.5
"""

COSTS_FULL_CSV = """\
demand_id,site_id,cost
D1,S1,250
D1,S2,11000
D1,S3,9000
D2,S1,12000
D2,S2,300
D2,S3,400
"""

POOL_POLICY = """\
name = "Pooled policy"

[standard]
min_m2_per_person = 8.5
max_m2_per_person = 12
source = "test"

[[programme]]
id = "pilot"
name = "Pilot"
source = "test"
years = { from = 2019, to = 2023, basis = "overlap" }
area_basis = "residential"
require_expert_review = false
require_safety_for = ["rental_conversion", "migrant_apartment"]
rounding = "yuan"

[programme.conversions]
sources = ["commercial", "office"]
closed = true
require_idle = true

[programme.rates.rental_new_build]
yuan_per_m2 = 800
cost_share_cap = 0.30

[programme.rates.rental_conversion]
yuan_per_m2 = 600
cost_share_cap = 0.5

[programme.rates.migrant_apartment]
yuan_per_m2 = 100

[programme.pool]
total_yuan = 1000000
rule = "beds_per_yuan"

[[programme]]
id = "second"
source = "test"
years = { from = 2020, to = 2020, basis = "start" }

[programme.rates.enterprise_dormitory]
yuan_per_m2 = 50.5

[programme.pool]
total_yuan = 0
"""

# Every scenario key the harness's scenario leaves out, in three parts: top-level keys, tables,
# and a variant.
ALL_TOP = """\
as_of_year = 2022
demand_growth = 1.25
description = "Every key"
"""

ALL_TABLES = """\

[allocation]
cutoff_km = 20.0
nearest_k = 2
unhoused_penalty_m = 100000

[subsidy]
review_pass_rate = 0.8
award_share = 0.95

[plan]
budget_yuan = 3000000
min_beds = { "330282001" = 50, "乙镇" = 10 }
"""

ALL_VARIANT = """\

[[variant]]
name = "gcj"
data = { crs = "gcj02", towns_crs = "wgs84" }
allocation = { cutoff_km = 2.5, nearest_k = 1, unhoused_penalty_m = 5000 }
standard = { include_status = ["existing", "under_construction", "candidate"], include_kind = ["rental_new_build", "migrant_apartment"] }
"""


def all_keys() -> str:
    return scenario(top=ALL_TOP, extra=ALL_TABLES) + ALL_VARIANT


def cixi_towns_csv() -> str:
    return (CIXI / "towns.csv").read_text(encoding="utf-8")


def cixi_towns_geojson() -> str:
    """The Cixi towns as GeoJSON points."""
    lines = cixi_towns_csv().splitlines()
    head = lines[0].split(",")
    feats = []
    for line in lines[1:]:
        row = dict(zip(head, line.split(",")))
        lon, lat = float(row.pop("lon")), float(row.pop("lat"))
        feats.append(json.dumps({"type": "Feature", "properties": row,
                                 "geometry": {"type": "Point", "coordinates": [lon, lat]}},
                                ensure_ascii=False))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(feats) + "\n]}\n"


def cixi_sites_geojson(step=8) -> str:
    """Every `step`-th site of the sample (one feature per line in the file)."""
    lines = (CIXI / "sites.geojson").read_text(encoding="utf-8").splitlines()
    feats = [l.rstrip(",") for l in lines if l.startswith('{"type":"Feature"')]
    picked = feats[::step]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(picked) + "\n]}\n"


def cixi_demand_csv(step=14) -> str:
    lines = (CIXI / "demand.csv").read_text(encoding="utf-8").splitlines()
    return "\n".join([lines[0]] + lines[1::step]) + "\n"


def cixi_scenario(name: str) -> str:
    """A sample scenario reading the files beside it."""
    text = (ROOT / "scenarios" / name).read_text(encoding="utf-8")
    text = text.replace("../data/cixi/towns.csv", "towns.csv")
    text = text.replace("../data/cixi/sites.geojson", "sites.geojson")
    text = text.replace("../data/cixi/demand.csv", "demand.csv")
    return re.sub(r'"\.\./data/policy/[^"]+"', '"policy.toml"', text)


def policy(name: str) -> str:
    return (POLICIES / name).read_text(encoding="utf-8")


def bundle(files) -> bytes:
    """A pipeline input: each file as a section `=== NAME`."""
    out = ""
    for name, text in files:
        out += f"=== {name}\n{text}"
        if not text.endswith("\n"):
            out += "\n"
    return out.encode("utf-8")


CSV, GEOJSON = b"\x00", b"\x01"


def seeds():
    u = lambda s: s.encode("utf-8")
    crlf = lambda s: s.replace("\n", "\r\n")
    return {
        "towns": {
            "fixture.csv": CSV + u(TOWNS_CSV),
            "fixture.geojson": GEOJSON + u(TOWNS_GEOJSON),
            "cixi.csv": CSV + u(cixi_towns_csv()),
            "cixi-points.geojson": GEOJSON + u(cixi_towns_geojson()),
            "bom-crlf.csv": CSV + b"\xef\xbb\xbf" + u(crlf(TOWNS_CSV.replace("lat\n", "lat,kind\n")
                                                          .replace("30.20\n", "30.20,town\n"))),
        },
        "sites": {
            "fixture.csv": CSV + u(SITES_CSV),
            "fixture.geojson": GEOJSON + u(SITES_GEOJSON),
            "all-columns.csv": CSV + u(SITES_ALL_CSV),
            "cixi.geojson": GEOJSON + u(cixi_sites_geojson()),
        },
        "demand": {
            "fixture.csv": u(DEMAND_CSV),
            "all-columns.csv": u(DEMAND_ALL_CSV),
            "cixi.csv": u(cixi_demand_csv()),
        },
        "cost_matrix": {
            "fixture.csv": u(COSTS_CSV),
            "full.csv": u(COSTS_FULL_CSV),
            "header-only.csv": u("demand_id,site_id,cost\n"),
        },
        "scenario": {
            "fixture.toml": u(scenario()),
            "geojson-costs.toml": u(scenario("towns.geojson", "sites.geojson", "demand.geojson",
                                             costs=True)),
            "all-keys.toml": u(all_keys()),
            "cixi-2022-expansion.toml": u(cixi_scenario("cixi-2022-expansion.toml")),
            "cixi-standard-sweep.toml": u(cixi_scenario("cixi-standard-sweep.toml")),
        },
        "policy": {
            "fixture.toml": u(POLICY),
            "ningbo-rental-pilot.toml": u(policy("ningbo-rental-pilot.toml")),
            "ningbo-rental-pilot-strict.toml": u(policy("ningbo-rental-pilot-strict.toml")),
            "pool.toml": u(POOL_POLICY),
        },
        "pipeline": {
            "fixture": bundle([
                ("scenario.toml", scenario()),
                ("policy.toml", POLICY),
                ("towns.csv", TOWNS_CSV),
                ("sites.csv", SITES_CSV),
                ("demand.csv", DEMAND_CSV),
            ]),
            "geojson-costs": bundle([
                ("scenario.toml", scenario("towns.geojson", "sites.geojson", "demand.geojson",
                                           costs=True)),
                ("policy.toml", POLICY),
                ("towns.geojson", TOWNS_GEOJSON),
                ("sites.geojson", SITES_GEOJSON),
                ("demand.geojson", DEMAND_GEOJSON),
                ("costs.csv", COSTS_FULL_CSV),
            ]),
            "all-columns": bundle([
                ("scenario.toml", all_keys()),
                ("policy.toml", POOL_POLICY),
                ("towns.csv", TOWNS_CSV),
                ("sites.csv", SITES_ALL_CSV),
                ("demand.csv", DEMAND_ALL_CSV),
            ]),
            "cixi": bundle([
                ("scenario.toml", cixi_scenario("cixi-2022-expansion.toml")
                 + '\n[[variant]]\nname = "standard-10"\nstandard = { plan_m2_per_person = 10.0 }\n'),
                ("policy.toml", policy("ningbo-rental-pilot.toml")),
                ("towns.csv", cixi_towns_csv()),
                ("sites.geojson", cixi_sites_geojson(step=10)),
                ("demand.csv", cixi_demand_csv(step=16)),
            ]),
        },
    }


def main():
    for target, files in seeds().items():
        d = SEEDS / target
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
        for name, data in files.items():
            assert len(data) < 20_000, f"{target}/{name} is {len(data)} bytes"
            (d / name).write_bytes(data)
    print(f"wrote {sum(len(f) for f in seeds().values())} seeds under {SEEDS}")


if __name__ == "__main__":
    main()
