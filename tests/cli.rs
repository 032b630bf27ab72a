//! The `dormplan` binary on small scenarios in temporary folders.

mod common;

use common::{Fixture, dormplan, show, text};

#[test]
fn check_passes_on_good_input() {
    let f = Fixture::new();
    f.write();
    let o = dormplan(&["check", "scenario.toml"], f.path());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let out = text(&o.stdout);
    assert!(out.contains("check passed: 0 errors"), "{out}");
    // The summary: beds at 9 m² by town and kind, people by town.
    assert!(out.contains("330282001 甲镇"), "{out}");
    assert!(out.contains("132"), "{out}");
    assert!(out.contains("150"), "{out}");
}

#[test]
fn check_fails_with_every_error_listed() {
    let f = Fixture::new().edit("sites.csv", "S2,Beta", "S1,Beta").edit(
        "demand.csv",
        "D1,330282001,120",
        "D1,330282001,lots",
    );
    f.write();
    let o = dormplan(&["check", "scenario.toml"], f.path());
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    let out = text(&o.stdout);
    assert!(
        out.contains("error[DUPLICATE_ID] sites.csv:3 field id"),
        "{out}"
    );
    assert!(
        out.contains("error[NOT_A_NUMBER] demand.csv:2 field people"),
        "{out}"
    );
    assert!(out.contains("check failed: 2 error(s)"), "{out}");
}

#[test]
fn check_of_a_missing_scenario_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = dormplan(&["check", "absent.toml"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(text(&o.stderr).contains("FILE_UNREADABLE"), "{}", show(&o));
}

#[test]
fn bad_arguments_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = dormplan(&["capacity", "s.toml", "--standard", "abc"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    let o = dormplan(&["frobnicate"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
}

#[test]
fn a_gbk_file_is_named_with_the_fix() {
    let demand = common::DEMAND.replace("330282002", "乙镇");
    let (gbk, _, _) = encoding_rs::GBK.encode(&demand);
    let f = Fixture::new().set("demand.csv", gbk);
    f.write();
    let o = dormplan(&["check", "scenario.toml"], f.path());
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    let out = text(&o.stdout);
    assert!(out.contains("error[NOT_UTF8] demand.csv:3"), "{out}");
    assert!(out.contains("looks like GBK"), "{out}");
    assert!(out.contains("'CSV UTF-8'"), "{out}");
}

#[test]
fn capacity_prints_towns_with_hand_computed_numbers() {
    // S1: 800 m² residential → 100 / 88 / 80 beds at 8 / 9 / 10 m². S2: 500 m² × 0.8 = 400 m²
    // → 50 / 44 / 40. S3 is a candidate and not counted. Demand 120 and 30.
    let f = Fixture::new();
    f.write();
    let o = dormplan(&["capacity", "scenario.toml"], f.path());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let out = text(&o.stdout);
    let row = |code: &str| {
        out.lines()
            .find(|l| l.contains(code))
            .unwrap_or_else(|| panic!("no row {code} in\n{out}"))
            .split(['│', '┆'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    // code, town, sites, residential, @8, @9 (plan), @10, demand, shortfall, coverage
    assert_eq!(
        row("330282001"),
        [
            "330282001",
            "甲镇 Jiazhen",
            "1",
            "800",
            "100",
            "88",
            "80",
            "120",
            "32",
            "73.3%"
        ]
    );
    assert_eq!(
        row("330282002"),
        [
            "330282002",
            "乙镇 Yizhen",
            "1",
            "400",
            "50",
            "44",
            "40",
            "30",
            "0",
            "146.7%"
        ]
    );
    assert_eq!(
        row("total"),
        [
            "total", "2", "1,200", "150", "132", "120", "150", "32", "88.0%"
        ]
    );
    assert!(out.contains("No over-occupied sites"), "{out}");
}

#[test]
fn capacity_at_another_standard() {
    let f = Fixture::new();
    f.write();
    let o = dormplan(&["capacity", "scenario.toml", "--standard", "10"], f.path());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let out = text(&o.stdout);
    let total = out.lines().find(|l| l.contains("total")).unwrap();
    assert!(total.contains("120"), "{out}");
    assert!(out.contains("Plan at 10 m² per person"), "{out}");
}

#[test]
fn capacity_shows_over_occupied_sites_and_warnings() {
    // 800 m² allow 100 beds at 8 m²; 120 are declared.
    let f = Fixture::new().edit("sites.csv", "1000,800,,", "1000,800,120,");
    f.write();
    let o = dormplan(&["capacity", "scenario.toml"], f.path());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let out = text(&o.stdout);
    assert!(out.contains("Over-occupied sites"), "{out}");
    assert!(out.contains("6.67"), "{out}");
    assert!(
        out.contains("warning[OVER_OCCUPIED] sites.csv:2 field beds"),
        "{out}"
    );
}

#[test]
fn capacity_writes_csv_files() {
    let f = Fixture::new();
    f.write();
    let o = dormplan(&["capacity", "scenario.toml", "-o", "out"], f.path());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let towns = std::fs::read_to_string(f.path().join("out/capacity_towns.csv")).unwrap();
    assert_eq!(
        towns,
        "town_code,name_zh,name_en,sites,gross_m2,residential_m2,beds_floor,beds_plan,\
         beds_ceiling,demand,shortfall,coverage_pct\n\
         330282001,甲镇,Jiazhen,1,1000.00,800.00,100,88,80,120,32,73.3\n\
         330282002,乙镇,Yizhen,1,500.00,400.00,50,44,40,30,0,146.7\n"
    );
    let sites = std::fs::read_to_string(f.path().join("out/capacity_sites.csv")).unwrap();
    let lines: Vec<&str> = sites.lines().collect();
    assert_eq!(lines.len(), 4, "{sites}");
    assert_eq!(
        lines[3],
        "S3,Gamma new build,330282002,rental_new_build,candidate,false,2000.00,1600.00,,200,177,160,false"
    );
}

#[test]
fn a_failing_run_writes_nothing() {
    let f = Fixture::new().edit("sites.csv", "1000,800,,", "1000,1200,,");
    f.write();
    let o = dormplan(&["capacity", "scenario.toml", "-o", "out"], f.path());
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(
        text(&o.stderr).contains("RESIDENTIAL_ABOVE_GROSS"),
        "{}",
        show(&o)
    );
    assert!(!f.path().join("out").exists(), "an output folder was made");
    // An existing folder stays empty.
    std::fs::create_dir(f.path().join("out")).unwrap();
    let o = dormplan(&["capacity", "scenario.toml", "-o", "out"], f.path());
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert_eq!(std::fs::read_dir(f.path().join("out")).unwrap().count(), 0);
}

#[test]
fn two_runs_give_identical_bytes() {
    let f = Fixture::new().append(
        "scenario.toml",
        "\n[[variant]]\nname = \"ten\"\nstandard = { plan_m2_per_person = 10 }\n",
    );
    f.write();
    let run = || {
        let o = dormplan(
            &["capacity", "scenario.toml", "--sites", "-o", "out"],
            f.path(),
        );
        assert_eq!(o.status.code(), Some(0), "{}", show(&o));
        let sites = std::fs::read(f.path().join("out/capacity_sites.csv")).unwrap();
        let towns = std::fs::read(f.path().join("out/capacity_towns.csv")).unwrap();
        let check = dormplan(&["check", "scenario.toml"], f.path());
        (o.stdout, sites, towns, check.stdout)
    };
    let first = run();
    let second = run();
    assert!(first == second, "outputs differ between runs");
}
