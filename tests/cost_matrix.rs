//! Cost matrices as routing engines give them: travel times in seconds with fractions and
//! `null` pairs, labels that follow the matrix's unit, limits applied to matrix costs, settings
//! in the wrong unit refused, and `dormplan points` writing what an engine needs.

mod common;

use common::{Fixture, csv_rows, csv_text, dormplan, show, text};
use dormplan::diag::{Code, Location};
use dormplan::io::load_scenario;
use std::path::Path;

const TOWNS: &str = "code,name_zh,name_en,lon,lat\n330282001,甲镇,Jiazhen,121.20,30.20\n";

/// S1 and S2 have 10 beds, S3 5 (residential m² at 8 m² per person).
const SITES: &str = "\
id,name,town,kind,status,gross_m2,residential_m2,lon,lat
S1,Near,330282001,migrant_apartment,existing,100,80,121.201,30.200
S2,Middle,330282001,migrant_apartment,existing,100,80,121.210,30.200
S3,Small,330282001,migrant_apartment,existing,50,40,121.220,30.200
";

const DEMAND: &str = "\
id,town,people,lon,lat,max_commute_km
A,330282001,12,121.200,30.200,
B,330282001,8,121.205,30.200,
C,330282001,5,121.215,30.200,
";

/// Travel times as a router gives them: fractions, `null` for unreachable pairs, and an empty
/// cost. A may use S1 (600.4 s) and S2 (1111.45 s: rounded once, to 1111, never to 1111.5 and
/// then 1112); B only S2 (899.5 s, half away from zero: 900); C nothing.
const SECONDS: &str = "\
demand_id,site_id,cost
A,S1,600.4
A,S2,1111.45
A,S3,null
B,S1,NULL
B,S2,899.5
B,S3,
C,S1,null
C,S2, Null
C,S3,null
";

/// The common scenario (its towns, sites and demand replaced) at 8 m² per person, on travel
/// times.
const ALLOCATION: &str = "
[allocation]
cost_matrix = \"costs.csv\"
cost_unit = \"seconds\"
unhoused_penalty_s = 3600
";

fn seconds_fixture() -> Fixture {
    Fixture::new()
        .set("towns.csv", TOWNS)
        .set("sites.csv", SITES)
        .set("demand.csv", DEMAND)
        .set("costs.csv", SECONDS)
        .edit("scenario.toml", "= 9.0", "= 8.0")
        .append("scenario.toml", ALLOCATION)
}

/// (group, site, people) of every placement in `allocations.csv` of the folder `out`.
fn placements(f: &Fixture, out: &str) -> Vec<(String, String, String)> {
    csv_rows(&f.path().join(out).join("allocations.csv"))
        .into_iter()
        .map(|r| (r["group"].clone(), r["site"].clone(), r["people"].clone()))
        .collect()
}

/// The rows [`placements`] expects.
fn placed(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    rows.iter()
        .map(|&(g, s, p)| (g.into(), s.into(), p.into()))
        .collect()
}

/// Runs `dormplan ARGS` in the fixture's folder; exit 0 expected. Returns stdout.
fn run_ok(f: &Fixture, args: &[&str]) -> String {
    f.write();
    let out = dormplan(args, f.path());
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    text(&out.stdout)
}

fn header(path: &Path) -> String {
    csv_text(path).lines().next().unwrap_or("").to_string()
}

#[test]
fn a_matrix_in_seconds_with_fractions_and_nulls_is_allocated_and_labelled_in_seconds() {
    let f = seconds_fixture();
    let stdout = run_ok(&f, &["allocate", "scenario.toml", "-o", "out"]);
    let out = f.path().join("out");

    // The report speaks of seconds, never of metres.
    for said in [
        "costs in seconds of travel time from the cost matrix, every pair it lists",
        "in minutes of travel time; housing one more person saves the unhoused penalty of \
         60 min less their commute",
        "km are great-circle distances",
    ] {
        assert!(stdout.contains(said), "{said:?} not in\n{stdout}");
    }
    assert!(!stdout.contains("metre"), "{stdout}");
    assert!(!stdout.contains(" m less"), "{stdout}");
    // A: 10 × 600 + 2 × 1111; B: 8 × 900; C, with no arc, 5 × 3600.
    assert!(
        stdout.contains("Objective 33422 (proven optimal)"),
        "{stdout}"
    );

    // The columns of costs carry the unit.
    assert_eq!(
        header(&out.join("allocations.csv")),
        "group,group_town,site,site_town,people,metres,cost_s,spare_bed"
    );
    assert_eq!(
        placements(&f, "out"),
        placed(&[("A", "S1", "10"), ("A", "S2", "2"), ("B", "S2", "8")]),
        "the null pairs (S3, B-S1, C) are no arcs"
    );
    let costs: Vec<String> = csv_rows(&out.join("allocations.csv"))
        .into_iter()
        .map(|r| r["cost_s"].clone())
        .collect();
    assert_eq!(costs, ["600", "1111", "900"], "rounded once");
    assert!(header(&out.join("sites.csv")).ends_with(",shadow_price_min"));
    let sites = csv_rows(&out.join("sites.csv"));
    // One more bed at S1 moves one of A from S2: 1111 − 600 s = 511 s, 8.52 min.
    assert_eq!(sites[0]["shadow_price_min"], "8.52");
    let geojson = std::fs::read_to_string(out.join("sites.geojson")).expect("sites.geojson");
    assert!(geojson.contains("\"shadow_price_min\":8.52"), "{geojson}");
    assert!(!geojson.contains("\"shadow_price_km\""), "{geojson}");
    let unhoused = csv_rows(&out.join("unhoused.csv"));
    assert_eq!(unhoused.len(), 1);
    assert_eq!(
        (
            unhoused[0]["group"].as_str(),
            unhoused[0]["reason"].as_str()
        ),
        ("C", "NO_SITE_IN_RANGE")
    );
}

#[test]
fn check_and_rank_say_seconds_and_minutes() {
    let f = seconds_fixture();
    let stdout = run_ok(&f, &["check", "scenario.toml"]);
    assert!(
        stdout.contains("cost matrix of 3 pairs in seconds"),
        "the null pairs are not entries\n{stdout}"
    );

    let stdout = run_ok(
        &f,
        &["rank", "scenario.toml", "--by", "shadow_price", "-o", "r"],
    );
    assert!(
        stdout.contains("shadow price: minutes of travel time the allocation would save"),
        "{stdout}"
    );
    assert!(stdout.contains("(objective decrease ÷ 60)"), "{stdout}");
    assert!(!stdout.contains("km of commute"), "{stdout}");
    let path = f.path().join("r").join("rank_sites.csv");
    assert!(header(&path).ends_with(",mean_commute_km,shadow_price_min"));
    // 511 s is 8.52 minutes.
    assert_eq!(csv_rows(&path)[0]["shadow_price_min"], "8.52");
}

#[test]
fn a_run_on_metres_keeps_its_labels() {
    let f = seconds_fixture()
        .edit("scenario.toml", "cost_unit = \"seconds\"\n", "")
        .edit("scenario.toml", "unhoused_penalty_s", "unhoused_penalty_m");
    let stdout = run_ok(&f, &["allocate", "scenario.toml", "-o", "out"]);
    assert!(
        stdout.contains("costs in metres of commute from the cost matrix"),
        "{stdout}"
    );
    assert!(
        stdout.contains("the unhoused penalty of 3.6 km less their commute"),
        "{stdout}"
    );
    let out = f.path().join("out");
    assert!(header(&out.join("allocations.csv")).ends_with(",metres,cost,spare_bed"));
    assert!(header(&out.join("sites.csv")).ends_with(",shadow_price_km"));
}

/// A matrix in metres (road distances) for the limits: A lists S1 at 3 km, S2 at 500 m and S3
/// at 200 m; B, whose own limit is 0.5 km as the crow flies, lists S1 (about 0.4 km away) and
/// S3 (about 1.4 km away).
fn metres_fixture(limits: &str) -> Fixture {
    seconds_fixture()
        .set(
            "demand.csv",
            DEMAND.replace("121.205,30.200,", "121.205,30.200,0.5"),
        )
        .set(
            "costs.csv",
            "demand_id,site_id,cost\nA,S1,3000\nA,S2,500\nA,S3,200\nB,S1,450\nB,S3,1500\n",
        )
        .edit(
            "scenario.toml",
            "cost_unit = \"seconds\"\nunhoused_penalty_s = 3600\n",
            limits,
        )
}

#[test]
fn a_cutoff_limits_a_matrix_in_its_unit_and_nearest_k_changes_nothing() {
    // Within 1 km (matrix metres) A may use S3 (200 m) and S2 (500 m), not S1 (3 km); B's own
    // 0.5 km as the crow flies keeps S3 out of its reach. Starting from each group's one
    // cheapest pair, the solver prices S2 in for A: the answer is the same.
    let everything = placed(&[("A", "S3", "5"), ("A", "S2", "7"), ("B", "S1", "8")]);
    for (limits, said) in [
        ("cutoff_km = 1.0\n", "the pairs within 1000 m"),
        (
            "cutoff_km = 1.0\nnearest_k = 1\n",
            "the pairs within 1000 m, solved from each group's 1 cheapest",
        ),
    ] {
        let f = metres_fixture(limits);
        let stdout = run_ok(&f, &["allocate", "scenario.toml", "-o", "out"]);
        assert!(stdout.contains(said), "{stdout}");
        assert_eq!(placements(&f, "out"), everything, "{limits}");
        let unhoused = csv_rows(&f.path().join("out").join("unhoused.csv"));
        let why: Vec<(&str, &str)> = unhoused
            .iter()
            .map(|r| (r["group"].as_str(), r["reason"].as_str()))
            .collect();
        assert_eq!(why, [("C", "NO_SITE_IN_RANGE")], "{limits}");
    }

    // Within 300 m A may use S3 alone (5 beds), and B nothing.
    let f = metres_fixture("cutoff_km = 0.3\n");
    run_ok(&f, &["allocate", "scenario.toml", "-o", "out"]);
    assert_eq!(placements(&f, "out"), placed(&[("A", "S3", "5")]));
    let unhoused = csv_rows(&f.path().join("out").join("unhoused.csv"));
    let why: Vec<(&str, &str)> = unhoused
        .iter()
        .map(|r| (r["group"].as_str(), r["reason"].as_str()))
        .collect();
    assert_eq!(
        why,
        [
            ("A", "RANGE_FULL"),
            ("B", "NO_SITE_IN_RANGE"),
            ("C", "NO_SITE_IN_RANGE")
        ]
    );

    let f = metres_fixture("");
    run_ok(&f, &["allocate", "scenario.toml", "-o", "out"]);
    assert_eq!(placements(&f, "out"), everything);
}

#[test]
fn a_matrix_is_solved_from_each_groups_8_cheapest_by_default_and_prices_in_the_rest() {
    // Twelve apartments of 10 beds listed for 110 people at 100 m, 200 m, … 1,200 m. The
    // default start is the 8 cheapest (80 beds); pricing brings in the next three, and the
    // dearest stays empty.
    let sites: String = (1..=12)
        .map(|i| {
            let lon = 121.200 + 0.001 * f64::from(i);
            format!(
                "S{i},Apartment {i},330282001,migrant_apartment,existing,100,80,{lon:.3},30.200\n"
            )
        })
        .collect();
    let costs: String = (1..=12).map(|i| format!("A,S{i},{}\n", 100 * i)).collect();
    let f = seconds_fixture()
        .set(
            "sites.csv",
            format!("id,name,town,kind,status,gross_m2,residential_m2,lon,lat\n{sites}"),
        )
        .set(
            "demand.csv",
            "id,town,people,lon,lat,max_commute_km\nA,330282001,110,121.200,30.200,\n",
        )
        .set("costs.csv", format!("demand_id,site_id,cost\n{costs}"))
        .edit(
            "scenario.toml",
            "cost_unit = \"seconds\"\nunhoused_penalty_s = 3600\n",
            "",
        );
    let stdout = run_ok(&f, &["allocate", "scenario.toml", "-o", "out"]);
    assert!(
        stdout.contains("12 arcs (costs in metres of commute from the cost matrix, every pair it lists, solved from each group's 8 cheapest)"),
        "{stdout}"
    );
    // S1 to S11 full, S12 empty.
    let expected: Vec<(String, String, String)> = (1..=11)
        .map(|i| ("A".to_string(), format!("S{i}"), "10".to_string()))
        .collect();
    assert_eq!(placements(&f, "out"), expected);
}

#[test]
fn a_cutoff_in_seconds_limits_travel_times() {
    // 1000 s keeps A's S2 (1111 s) out: A has 10 beds, two of it stay out for the range.
    let f = seconds_fixture().append("scenario.toml", "cutoff_s = 1000\n");
    let loaded = load_scenario(&f.write()).expect("a valid scenario");
    let alloc = &loaded.scenario.settings.allocation;
    assert_eq!(alloc.matrix_arcs.cutoff, Some(1000));
    assert_eq!(alloc.unhoused_penalty, 3600);
    let stdout = run_ok(&f, &["allocate", "scenario.toml", "-o", "out"]);
    assert!(stdout.contains("the pairs within 1000 s"), "{stdout}");
    let rows = csv_rows(&f.path().join("out").join("allocations.csv"));
    assert!(rows.iter().all(|r| r["cost_s"] != "1111"), "{rows:?}");
}

/// The one problem of the scenario in `f`: its code, key and what it says.
fn the_problem(f: &Fixture) -> (Code, String, String) {
    let problems = load_scenario(&f.write()).expect_err("a bad setting");
    let errors: Vec<_> = problems.errors().collect();
    assert_eq!(errors.len(), 1, "{problems}");
    let p = errors[0];
    let key = match &p.location {
        Location::KeyAt { key, .. } => key.clone(),
        other => panic!("a key, not {other:?}"),
    };
    (p.code, key, format!("{} / {}", p.found, p.expected))
}

#[test]
fn settings_in_another_unit_than_the_costs_are_refused() {
    // (what the scenario says, the key named, words the message must hold)
    let cases: [(&str, &str, &str, &[&str]); 5] = [
        (
            "kilometres beside seconds",
            "unhoused_penalty_s = 3600\n",
            "allocation.cutoff_km",
            &["cutoff_km with a cost matrix in seconds", "cutoff_s"],
        ),
        (
            "a penalty in metres beside seconds",
            "unhoused_penalty_s = 3600\n",
            "allocation.unhoused_penalty_m",
            &["unhoused_penalty_m, in metres", "unhoused_penalty_s"],
        ),
        (
            "a cutoff in seconds beside metres",
            "cost_unit = \"seconds\"\nunhoused_penalty_s = 3600\n",
            "allocation.cutoff_s",
            &["cutoff_s, in seconds", "cutoff_km"],
        ),
        (
            "seconds without a matrix",
            "cost_matrix = \"costs.csv\"\n",
            "allocation.cost_unit",
            &["without a cost_matrix"],
        ),
        (
            "an unknown unit",
            "cost_unit = \"seconds\"\n",
            "allocation.cost_unit",
            &["\"minutes\"", "metres, seconds"],
        ),
    ];
    let replacement = [
        "unhoused_penalty_s = 3600\ncutoff_km = 10\n",
        "unhoused_penalty_m = 3600\n",
        "cutoff_s = 900\n",
        "",
        "cost_unit = \"minutes\"\n",
    ];
    for ((about, from, key, words), to) in cases.into_iter().zip(replacement) {
        let f = seconds_fixture().edit("scenario.toml", from, to);
        let (code, named, said) = the_problem(&f);
        let expected = if about == "an unknown unit" {
            Code::UNKNOWN_VALUE
        } else {
            Code::BAD_SETTING
        };
        assert_eq!((code, named.as_str()), (expected, key), "{about}: {said}");
        for w in words {
            assert!(said.contains(w), "{about}: {w:?} not in {said}");
        }
    }
}

#[test]
fn bad_costs_are_named_with_file_line_field_found_and_expected() {
    let cases = [
        ("-1.5", Code::NEGATIVE, "a number of 0 or more"),
        ("NaN", Code::NOT_FINITE, "a finite number"),
        ("inf", Code::NOT_FINITE, "a finite number"),
        ("1e10", Code::ABSURD_VALUE, "at most 1,000,000,000"),
        ("12 s", Code::NOT_A_NUMBER, "a number such as"),
    ];
    for (cost, code, expected) in cases {
        let f = seconds_fixture().set(
            "costs.csv",
            format!("demand_id,site_id,cost\nA,S1,600\nB,S2,{cost}\n"),
        );
        let problems = load_scenario(&f.write()).expect_err("a bad cost");
        let p = problems.errors().next().expect("an error");
        assert_eq!(p.code, code, "{cost}: {problems}");
        assert!(p.file.ends_with("costs.csv"), "{p}");
        assert_eq!(p.location, Location::Line(3), "{p}");
        assert_eq!(p.field.as_deref(), Some("cost"), "{p}");
        assert_eq!(p.found, format!("{cost:?}"), "{p}");
        assert!(p.expected.to_string().contains(expected), "{p}");
    }
}

#[test]
fn points_are_written_for_a_router_in_either_datum() {
    // The scenario names a matrix that does not exist yet: the points are what it is made from.
    let f = seconds_fixture().remove("costs.csv");
    let stdout = run_ok(&f, &["points", "scenario.toml", "-o", "wgs"]);
    assert!(stdout.contains("3 demand groups"), "{stdout}");
    assert!(stdout.contains("in WGS84"), "{stdout}");
    let demand = csv_text(&f.path().join("wgs").join("points_demand.csv"));
    assert_eq!(
        demand,
        "id,lon,lat\nA,121.200000,30.200000\nB,121.205000,30.200000\nC,121.215000,30.200000\n"
    );
    let sites = csv_rows(&f.path().join("wgs").join("points_sites.csv"));
    assert_eq!(sites.len(), 3);
    assert_eq!(sites[2]["id"], "S3");
    assert!(f.path().join("wgs").join("points.xlsx").exists());

    let stdout = run_ok(
        &f,
        &["points", "scenario.toml", "--crs", "gcj02", "-o", "gcj"],
    );
    assert!(stdout.contains("in GCJ-02"), "{stdout}");
    let gcj = csv_rows(&f.path().join("gcj").join("points_demand.csv"));
    let lon: f64 = gcj[0]["lon"].parse().expect("a longitude");
    let lat: f64 = gcj[0]["lat"].parse().expect("a latitude");
    // In Cixi, GCJ-02 lies some hundreds of metres from WGS84.
    let (dx, dy) = ((lon - 121.2) * 96_000.0, (lat - 30.2) * 111_000.0);
    let shift = (dx * dx + dy * dy).sqrt();
    assert!((100.0..1000.0).contains(&shift), "{shift} m");

    let bad = dormplan(&["points", "scenario.toml", "--crs", "bd09"], f.path());
    assert_eq!(bad.status.code(), Some(2), "{}", show(&bad));
    assert!(
        text(&bad.stderr).contains("wgs84 or gcj02"),
        "{}",
        show(&bad)
    );
}
