//! `dormplan sweep` on bad variants: every problem named by its variant, exit code 2, nothing
//! written; and on good ones, the variants in file order.

mod common;

use common::Fixture;
use common::{dormplan, show};

const VARIANTS: &str = r#"
[[variant]]
name = "zeta"
standard = { plan_m2_per_person = 10 }

[[variant]]
name = "broken"
standard = { plan_m2_per_person = -3 }
allocation = { cutoff_km = "far" }

[[variant]]
name = "elsewhere"
data = { demand = "missing.csv" }
"#;

#[test]
fn a_bad_variant_stops_the_sweep_with_every_problem_named() {
    let f = Fixture::new().append("scenario.toml", VARIANTS);
    f.write();
    let o = dormplan(&["sweep", "scenario.toml", "-o", "out"], f.path());
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error[")).collect();
    assert_eq!(lines.len(), 3, "{err}");
    for needle in ["plan_m2_per_person", "cutoff_km"] {
        let line = lines
            .iter()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("a problem with {needle}: {err}"));
        assert!(line.contains("variant \"broken\""), "{line}");
    }
    let missing = lines
        .iter()
        .find(|l| l.contains("missing.csv"))
        .unwrap_or_else(|| panic!("the missing file: {err}"));
    assert!(missing.contains("variant \"elsewhere\""), "{missing}");
    assert!(!err.contains("variant \"zeta\""), "{err}");
    assert!(!f.path().join("out").exists(), "nothing is written");
}

#[test]
fn variants_come_in_file_order_after_the_base() {
    let f = Fixture::new().append(
        "scenario.toml",
        r#"
[[variant]]
name = "zeta"
standard = { plan_m2_per_person = 10 }

[[variant]]
name = "alpha"
demand_growth = 2.0
"#,
    );
    f.write();
    let o = dormplan(&["sweep", "scenario.toml", "-o", "out"], f.path());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let text = std::fs::read_to_string(f.path().join("out/sweep.csv")).expect("written");
    let variants: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert_eq!(variants, ["base", "zeta", "alpha"]);
    // Demand doubles in alpha (120 + 30 people, twice).
    let demand: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(3))
        .collect();
    assert_eq!(demand, ["150", "150", "300"]);
}
