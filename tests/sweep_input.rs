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
    for expected in [
        "error[NOT_POSITIVE] scenario.toml:18 [variant[1].standard.plan_m2_per_person, variant \
         \"broken\"] field plan_m2_per_person: found the integer -3; expected a number greater \
         than 0",
        "error[BAD_SETTING] scenario.toml:19 [variant[1].allocation.cutoff_km, variant \
         \"broken\"] field cutoff_km: found text \"far\"; expected a number",
    ] {
        assert!(lines.contains(&expected), "{expected}\nnot in\n{err}");
    }
    // What follows names the system's own error, which differs between systems.
    let missing = "error[FILE_UNREADABLE] missing.csv [variant \"elsewhere\"]: found ";
    assert!(
        lines.iter().any(|l| l.starts_with(missing)),
        "{missing}\nnot in\n{err}"
    );
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
    let text = common::csv_text(&f.path().join("out/sweep.csv"));
    let variants: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert_eq!(variants, ["base", "zeta", "alpha"]);
    // zeta at 10 m²: 80 + 40 beds. Demand doubles in alpha (120 + 30 people, twice), and
    // each group fills the site next to it: nobody commutes the 9.7 km from 甲镇 to S2.
    assert_eq!(
        text,
        "variant,standard_m2,beds,demand,housed,unhoused,housed_pct,mean_commute_km,\
         p95_commute_km,subsidy_eligible_yuan,subsidy_potential_yuan,net_cost_yuan,\
         net_cost_per_bed_yuan\n\
         base,9,132,150,132,18,88.0,1.161,9.707,0.00,0.00,0.00,\n\
         zeta,10,120,150,120,30,80.0,0.944,9.707,0.00,0.00,0.00,\n\
         alpha,9,132,300,132,168,44.0,0.147,0.147,0.00,0.00,0.00,\n"
    );
}
