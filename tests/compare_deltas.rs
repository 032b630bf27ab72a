//! `dormplan compare` on a scenario small enough to work out by hand, and on a scenario against
//! itself.

mod common;

use common::Fixture;
use common::{csv_rows, dormplan, is_zero, show};
use std::collections::BTreeMap;
use std::path::Path;

/// Two towns 29 km apart (farther than the 10 km cutoff, so nobody crosses). S2 and S3 are
/// candidate projects that the scenario counts as supply, so their net cost is the scenario's
/// (a standing site's cost is spent and never counted).
/// 甲镇: S1 a migrant apartment without a cost, S2 a new build (cost 2,000,000, review passed:
/// paid min(800 × 1000, 30% × 2,000,000) = 600,000, eligible), 800 m² residential each, and
/// 150 people. 乙镇: S3 a conversion (cost 1,000,000, review pending: 600 × 500 = 300,000 under
/// the lenient policy, potential), 400 m² residential, and 60 people.
const SITES: &str = "\
id,name,town,kind,status,gross_m2,residential_m2,cost_yuan,completed_year,converted_from,expert_review,safety_ok,lon,lat
S1,Alpha apartments,330282001,migrant_apartment,existing,1000,800,,,,,,121.20,30.21
S2,Beta new build,330282001,rental_new_build,candidate,1000,800,2000000,2021,,passed,,121.20,30.21
S3,Gamma conversion,330282002,rental_conversion,candidate,500,400,1000000,2022,industrial,pending,yes,121.50,30.22
";

const TOWNS: &str = "\
code,name_zh,name_en,lon,lat
330282001,甲镇,Jiazhen,121.20,30.20
330282002,乙镇,Yizhen,121.50,30.20
";

const DEMAND: &str = "\
id,town,people,lon,lat
D1,330282001,150,121.20,30.20
D2,330282002,60,121.50,30.20
";

fn policy(conversion_cap: &str) -> String {
    format!(
        "{}\n[programme.rates.rental_conversion]\nyuan_per_m2 = 600\n{conversion_cap}\n",
        common::POLICY
    )
}

/// At 8 m² under the lenient policy; the variant `strict-10` plans at 10 m² and caps
/// conversions at 20% of cost (S3: 200,000).
const SCENARIO: &str = r#"name = "Hand check"

[data]
towns = "towns.csv"
sites = "sites.csv"
demand = "demand.csv"
policy = "lenient.toml"

[standard]
plan_m2_per_person = 8
include_kind = ["migrant_apartment", "rental_new_build", "rental_conversion"]
include_status = ["existing", "under_construction", "candidate"]

[allocation]
cutoff_km = 10

[[variant]]
name = "strict-10"
data = { policy = "strict.toml" }
standard = { plan_m2_per_person = 10 }
"#;

fn fixture() -> Fixture {
    let f = Fixture::new()
        .set("towns.csv", TOWNS)
        .set("sites.csv", SITES)
        .set("demand.csv", DEMAND)
        .set("lenient.toml", policy(""))
        .set("strict.toml", policy("cost_share_cap = 0.20"))
        .set("scenario.toml", SCENARIO);
    f.write();
    f
}

/// (a, b, b − a) of each measure, from `compare_totals.csv`.
fn totals(dir: &Path) -> BTreeMap<String, [String; 3]> {
    csv_rows(&dir.join("compare_totals.csv"))
        .into_iter()
        .map(|r| {
            let m = r["measure"].clone();
            (m, [r["a"].clone(), r["b"].clone(), r["b_minus_a"].clone()])
        })
        .collect()
}

/// (town code, measure) → (a, b, b − a), from `compare_towns.csv`.
fn towns(dir: &Path) -> BTreeMap<(String, String), [String; 3]> {
    csv_rows(&dir.join("compare_towns.csv"))
        .into_iter()
        .map(|r| {
            let key = (r["town_code"].clone(), r["measure"].clone());
            (
                key,
                [r["a"].clone(), r["b"].clone(), r["b_minus_a"].clone()],
            )
        })
        .collect()
}

fn triple(a: &str, b: &str, d: &str) -> [String; 3] {
    [a.to_string(), b.to_string(), d.to_string()]
}

#[test]
fn hand_checked_deltas_between_base_and_variant() {
    let f = fixture();
    let o = dormplan(
        &[
            "compare",
            "scenario.toml",
            "scenario.toml#strict-10",
            "-o",
            "out",
        ],
        f.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let out = f.path().join("out");
    let t = totals(&out);
    // Beds: 甲镇 100 + 100 at 8 m², 80 + 80 at 10 m²; 乙镇 50, then 40.
    assert_eq!(t["beds"], triple("250", "200", "-50"));
    // 甲镇's 150 people fit either way; 乙镇 houses 50 of 60, then 40.
    assert_eq!(t["housed"], triple("200", "190", "-10"));
    assert_eq!(t["unhoused"], triple("10", "20", "10"));
    // 200 / 210 = 95.2%, 190 / 210 = 90.5%.
    assert_eq!(t["housed_pct"], triple("95.2", "90.5", "-4.7"));
    // S2 is paid 600,000 under both policies; S3's potential 300,000 falls to 200,000.
    assert_eq!(
        t["subsidy_eligible_yuan"],
        triple("600000.00", "600000.00", "0.00")
    );
    assert_eq!(
        t["subsidy_potential_yuan"],
        triple("300000.00", "200000.00", "-100000.00")
    );
    // Net cost: (2,000,000 − 600,000) + (1,000,000 − 300,000 or 200,000); S1 has no cost.
    assert_eq!(
        t["net_cost_yuan"],
        triple("2100000.00", "2200000.00", "100000.00")
    );
    // Per bed of the costed sites: 2,100,000 / 150 and 2,200,000 / 120 (rounded down).
    assert_eq!(
        t["net_cost_per_bed_yuan"],
        triple("14000.00", "18333.33", "4333.33")
    );

    let w = towns(&out);
    let at = |code: &str, m: &str| w[&(code.to_string(), m.to_string())].clone();
    assert_eq!(at("330282001", "beds"), triple("200", "160", "-40"));
    assert_eq!(at("330282002", "beds"), triple("50", "40", "-10"));
    assert_eq!(at("330282001", "housed"), triple("150", "150", "0"));
    assert_eq!(at("330282002", "unhoused"), triple("10", "20", "10"));
    // 1,400,000 / 100 → / 80; 700,000 / 50 → 800,000 / 40.
    assert_eq!(
        at("330282001", "net_cost_per_bed_yuan"),
        triple("14000.00", "17500.00", "3500.00")
    );
    assert_eq!(
        at("330282002", "net_cost_per_bed_yuan"),
        triple("14000.00", "20000.00", "6000.00")
    );
    assert_eq!(
        at("330282002", "subsidy_potential_yuan"),
        triple("300000.00", "200000.00", "-100000.00")
    );
    // Everyone housed commutes the same distance within a town whatever the standard.
    for code in ["330282001", "330282002"] {
        let [a, b, d] = at(code, "mean_commute_km");
        assert_eq!((a == b, d.as_str()), (true, "0.000"), "{code}");
    }
    // The overall mean weighs the towns by people housed: 150 and 50, then 150 and 40.
    let km = |s: &str| s.parse::<f64>().expect("km");
    let (m1, m2) = (
        km(&at("330282001", "mean_commute_km")[0]),
        km(&at("330282002", "mean_commute_km")[0]),
    );
    assert!(m2 > m1 * 1.5, "乙镇's site is twice as far: {m1} {m2}");
    let [a, b, _] = t["mean_commute_km"].clone();
    assert!(
        (km(&a) - (150.0 * m1 + 50.0 * m2) / 200.0).abs() < 0.0015,
        "{a}"
    );
    assert!(
        (km(&b) - (150.0 * m1 + 40.0 * m2) / 190.0).abs() < 0.0015,
        "{b}"
    );

    let text = String::from_utf8_lossy(&o.stdout);
    let beds: Vec<&str> = text
        .lines()
        .find(|l| l.starts_with("│ beds "))
        .map(|l| l.split(['│', '┆']).map(str::trim).collect())
        .unwrap_or_default();
    assert_eq!(beds, ["", "beds", "250", "200", "-50", ""], "{text}");
}

#[test]
fn a_scenario_against_itself_differs_in_nothing() {
    let f = fixture();
    for side in ["scenario.toml", "scenario.toml#strict-10"] {
        let o = dormplan(&["compare", side, side, "-o", "out"], f.path());
        assert_eq!(o.status.code(), Some(0), "{}", show(&o));
        let out = f.path().join("out");
        for (m, [a, b, d]) in totals(&out) {
            assert_eq!(a, b, "{side} {m}");
            assert!(is_zero(&d), "{side} {m}: {d}");
        }
        let towns = towns(&out);
        assert_eq!(towns.len(), 2 * 11, "two towns × every measure");
        for ((code, m), [a, b, d]) in towns {
            assert_eq!(a, b, "{side} {code} {m}");
            // A measure that does not exist (no one housed, no costed beds) has no difference.
            assert!(
                is_zero(&d) || (a.is_empty() && d.is_empty()),
                "{side} {code} {m}: {d}"
            );
        }
    }
}

#[test]
fn the_sample_against_itself_differs_in_nothing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scenario = root.join("scenarios/cixi-2022-expansion.toml");
    let scenario = scenario.to_str().expect("a UTF-8 path");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let o = dormplan(&["compare", scenario, scenario, "-o", "out"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let out = dir.path().join("out");
    let t = totals(&out);
    assert_ne!(
        t["net_cost_yuan"][0], "0.00",
        "the sample has costed projects"
    );
    for (m, [a, b, d]) in t {
        assert_eq!(a, b, "{m}");
        assert!(
            matches!(d.as_str(), "0" | "0.0" | "0.000" | "0.00"),
            "{m}: {d}"
        );
    }
    for ((code, m), [a, b, d]) in towns(&out) {
        assert_eq!(a, b, "{code} {m}");
        assert!(is_zero(&d) || a.is_empty(), "{code} {m}: {d}");
    }
}

#[test]
fn an_unknown_variant_is_bad_input_that_lists_the_names() {
    let f = fixture();
    let o = dormplan(
        &[
            "compare",
            "scenario.toml",
            "scenario.toml#strict-11",
            "-o",
            "out",
        ],
        f.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "dormplan: the input has 1 error(s):\n\
         error[UNKNOWN_VALUE] scenario.toml [variant] field name: found \"strict-11\"; expected \
         one of the scenario's variants: strict-10\n\n"
    );
    assert!(!f.path().join("out").exists(), "nothing is written");
}
