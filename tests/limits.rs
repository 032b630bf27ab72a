//! Reading limits: each one stops a read with `TOO_LARGE` at the right place, can be raised
//! with its environment variable, and a bad variable is refused before anything is read.

mod common;

use common::{Fixture, show, text};
use std::process::Command;

/// Runs `dormplan check` on the fixture with one environment variable set (a check that finds
/// an error exits with 1).
fn check_with(f: &Fixture, var: &str, value: &str) -> std::process::Output {
    let path = f.write();
    Command::new(env!("CARGO_BIN_EXE_dormplan"))
        .args(["check", path.to_str().expect("a UTF-8 path")])
        .env(var, value)
        .output()
        .expect("running dormplan")
}

fn says(o: &std::process::Output, line: &str) -> bool {
    text(&o.stdout).lines().any(|l| l.contains(line))
}

#[test]
fn too_many_rows_is_named_at_the_first_row_past_the_limit() {
    let f = Fixture::new();
    let o = check_with(&f, "DORMPLAN_MAX_ROWS", "1");
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(
        says(&o, "error[TOO_LARGE]") && says(&o, "demand.csv:3: found more than 1 rows"),
        "{}",
        show(&o)
    );
    let o = check_with(&f, "DORMPLAN_MAX_ROWS", "3");
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
}

#[test]
fn nesting_beyond_the_limit_is_refused_before_parsing() {
    let deep = format!(
        "{{\"type\": \"FeatureCollection\", \"features\": \n{}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let f = Fixture::new().set("sites.geojson", deep).edit(
        "scenario.toml",
        "sites.csv",
        "sites.geojson",
    );
    let o = check_with(&f, "DORMPLAN_MAX_NESTING", "64");
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(
        says(&o, "sites.geojson:2: found brackets nested 65 deep"),
        "{}",
        show(&o)
    );
    // TOML is counted too, outside strings and comments.
    let f = Fixture::new().append("scenario.toml", "\n# [[[[\n[x]\ny = [[[[1]]]]\n");
    let o = check_with(&f, "DORMPLAN_MAX_NESTING", "3");
    assert!(
        says(&o, "scenario.toml:14: found brackets nested 4 deep"),
        "{}",
        show(&o)
    );
}

#[test]
fn a_file_or_a_line_beyond_the_limit() {
    let mut big = String::from(common::DEMAND);
    let row = "D9,330282002,1,121.3,30.2\n";
    while big.len() < 1_200_000 {
        big.push_str(row);
    }
    let f = Fixture::new().set("demand.csv", &big);
    let o = check_with(&f, "DORMPLAN_MAX_FILE_MB", "1");
    assert!(
        says(
            &o,
            "demand.csv: found a file of 2 MB; expected at most 1 MB"
        ),
        "{}",
        show(&o)
    );
    let long = common::SITES.replace("Alpha apartments", &"A".repeat(5_000));
    let f = Fixture::new().set("sites.csv", long);
    let o = check_with(&f, "DORMPLAN_MAX_LINE_KB", "4");
    assert!(says(&o, "sites.csv:2: found a line of"), "{}", show(&o));
}

#[test]
fn a_bad_limit_is_refused_before_anything_is_read() {
    let f = Fixture::new();
    let o = check_with(&f, "DORMPLAN_MAX_ROWS", "-5");
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(
        text(&o.stderr).contains("DORMPLAN_MAX_ROWS=\"-5\""),
        "{}",
        show(&o)
    );
    assert!(o.stdout.is_empty(), "{}", show(&o));
}

#[test]
fn a_table_whose_rows_are_all_rejected_is_not_called_empty() {
    let f = Fixture::new().set(
        "demand.csv",
        "id,town,people,lon,lat\nD1,330282001,-3,121.2,30.2\n",
    );
    let o = check_with(&f, "DORMPLAN_MAX_ROWS", "10");
    assert!(
        says(&o, "error[NEGATIVE]") || says(&o, "error[NOT_POSITIVE]"),
        "{}",
        show(&o)
    );
    assert!(!says(&o, "EMPTY_FILE"), "{}", show(&o));
}

#[test]
fn totals_beyond_what_exact_sums_hold_are_refused() {
    // Each site is within its bounds (1,000,000 m²); 10,001 of them pass the total floor area
    // one scenario may hold, so sums by town or kind could not be trusted.
    let mut sites = String::from("id,name,town,kind,status,gross_m2,lon,lat\n");
    for i in 0..10_001 {
        sites.push_str(&format!(
            "S{i},Block {i},330282001,migrant_apartment,existing,1000000,121.201,30.201\n"
        ));
    }
    let f = Fixture::new().set("sites.csv", sites);
    let o = check_with(&f, "DORMPLAN_MAX_ROWS", "100000");
    assert!(
        says(&o, "error[TOO_LARGE]")
            && says(
                &o,
                "sites.csv: found 10001000000 m² of gross floor area in all"
            ),
        "{}",
        show(&o)
    );
}
