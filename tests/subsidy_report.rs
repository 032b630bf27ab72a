//! The `dormplan subsidy` report: errors in planner language, the stated rounding and reading,
//! warnings first, CSVs that add up, and byte-identical output whatever the site order.

mod common;
mod subsidy_fixtures;

use dormplan::Error;
use dormplan::commands::subsidy::{SubsidyOptions, SubsidyReport};
use dormplan::diag::{Code, Location, Problem, Problems};
use dormplan::model::policy::Programme;
use dormplan::model::{ExpertReview, Site, SiteKind};
use std::path::Path;
use subsidy_fixtures::*;

fn sites() -> Vec<Site> {
    vec![
        Site {
            town: 1,
            ..new_build("S-03")
        },
        Site {
            cost: Some(yuan(1_000_000)),
            ..conversion("S-01")
        },
        Site {
            expert_review: ExpertReview::Pending,
            ..new_build("S-02")
        },
        Site {
            completed_year: Some(2019),
            town: 1,
            ..conversion("S-04")
        },
        site("S-00", SiteKind::EnterpriseDormitory),
    ]
}

fn report(sites: Vec<Site>, programmes: Vec<Programme>, warnings: Problems) -> SubsidyReport {
    let loaded = loaded(sites, Some(policy("test policy", programmes)), warnings);
    SubsidyReport::build(&loaded, &SubsidyOptions::default()).expect("a report")
}

fn csv_records(report: &SubsidyReport, name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = report
        .outputs
        .get(name)
        .unwrap_or_else(|| panic!("{name} missing"));
    common::csv_table(bytes)
}

fn input_problem(e: Error) -> Problem {
    match e {
        Error::Input(Problems(mut ps)) if ps.len() == 1 => ps.remove(0),
        other => panic!("expected one input problem, got {other:?}"),
    }
}

#[test]
fn a_scenario_without_policy_is_told_where_to_name_one() {
    let loaded = loaded(sites(), None, Problems::default());
    let err = SubsidyReport::build(&loaded, &SubsidyOptions::default()).expect_err("no policy");
    assert_eq!(err.exit_code(), 2);
    let message = err.to_string();
    let p = input_problem(err);
    assert_eq!(p.code, Code::MISSING_VALUE);
    assert_eq!(p.location, Location::Key("data.policy".into()));
    assert!(message.contains("policy file"), "{message}");
}

#[test]
fn an_empty_policy_or_unknown_programme_is_an_input_error() {
    let empty = loaded(sites(), Some(policy("empty", vec![])), Problems::default());
    let p = input_problem(
        SubsidyReport::build(&empty, &SubsidyOptions::default()).expect_err("no programme"),
    );
    assert_eq!(p.code, Code::BAD_SETTING);

    let one = loaded(
        sites(),
        Some(policy("one", vec![literal()])),
        Problems::default(),
    );
    let options = SubsidyOptions {
        programme: Some("nope".into()),
        ..SubsidyOptions::default()
    };
    let p = input_problem(SubsidyReport::build(&one, &options).expect_err("unknown programme"));
    assert_eq!(p.code, Code::UNKNOWN_VALUE);
    assert!(
        p.expected.to_string().contains("ningbo-rental-pilot"),
        "{}",
        p.expected
    );
}

#[test]
fn the_report_states_rounding_and_reading_and_leaves_warnings_to_stderr() {
    let warning = Problem::new(
        Code::OVER_OCCUPIED,
        Path::new("sites.csv"),
        Location::Line(7),
    )
    .field("beds")
    .found("120 beds in 800.00 m²")
    .expected("at most 100 beds at 8 m² per person");
    let r = report(sites(), vec![literal()], Problems(vec![warning]));
    let text = &r.text;
    // Warnings are printed on stderr by every command, not in the report.
    assert!(!text.contains("OVER_OCCUPIED"), "{text}");
    assert!(
        text.contains("== 中央财政支持住房租赁市场发展试点奖补"),
        "the programme:\n{text}"
    );
    assert!(
        text.contains("each project's amount is rounded down to the fen"),
        "{text}"
    );
    assert!(
        text.contains(
            "cost-share cap 30% on rental_new_build; no cost-share cap on rental_conversion"
        ),
        "{text}"
    );
    assert!(
        text.contains("OUTSIDE_WINDOW: the year is outside"),
        "{text}"
    );

    let strict = report(sites(), vec![strict()], Problems::default());
    assert!(
        strict.text.contains(
            "cost-share cap 30% on rental_new_build; cost-share cap 30% on rental_conversion"
        ),
        "{}",
        strict.text
    );
}

#[test]
fn csv_rows_are_ordered_by_id_and_totals_add_up() {
    let r = report(sites(), vec![literal()], Problems::default());
    let names: Vec<_> = r.outputs.names().collect();
    assert_eq!(
        names,
        [
            "subsidy_projects.csv",
            "subsidy_by_town.csv",
            "subsidy_by_year.csv",
            "subsidy_by_kind.csv",
            "subsidy_reading.csv"
        ]
    );
    let (header, rows) = csv_records(&r, "subsidy_projects.csv");
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let ids: Vec<&str> = rows
        .iter()
        .map(|row| row[col("site_id")].as_str())
        .collect();
    // The enterprise dormitory is no rental-housing project.
    assert_eq!(ids, ["S-01", "S-02", "S-03", "S-04"]);
    let statuses: Vec<&str> = rows
        .iter()
        .map(|row| row[col("eligibility")].as_str())
        .collect();
    assert_eq!(
        statuses,
        ["eligible", "potential", "eligible", "ineligible"]
    );
    assert_eq!(rows[3][col("failed")], "OUTSIDE_WINDOW");
    assert_eq!(rows[0][col("cost_share_cap")], "");
    assert_eq!(rows[2][col("cost_share_cap")], "30%");
    assert!(rows.iter().all(|row| row[col("rounding")] == "down_to_fen"));

    // Sum of eligible project amounts, in fen, from the projects file.
    let fen = |s: &str| -> i64 { s.replace('.', "").parse().expect("an amount") };
    let eligible: i64 = rows
        .iter()
        .filter(|row| row[col("eligibility")] == "eligible")
        .map(|row| fen(&row[col("amount_yuan")]))
        .sum();
    assert_eq!(eligible, yuan(600_000 + 800_000).0);
    for file in [
        "subsidy_by_town.csv",
        "subsidy_by_year.csv",
        "subsidy_by_kind.csv",
    ] {
        let (h, rows) = csv_records(&r, file);
        let c = h
            .iter()
            .position(|x| x == "eligible_yuan")
            .expect("eligible_yuan");
        let p = h
            .iter()
            .position(|x| x == "potential_yuan")
            .expect("potential_yuan");
        let sum: i64 = rows.iter().map(|row| fen(&row[c])).sum();
        let potential: i64 = rows.iter().map(|row| fen(&row[p])).sum();
        assert_eq!((sum, potential), (eligible, yuan(800_000).0), "{file}");
    }
}

#[test]
fn output_is_identical_whatever_the_site_order() {
    let forward = report(sites(), vec![literal(), strict()], Problems::default());
    let mut reversed_sites = sites();
    reversed_sites.reverse();
    let reversed = report(
        reversed_sites,
        vec![literal(), strict()],
        Problems::default(),
    );
    assert_eq!(forward.text, reversed.text);
    for name in forward.outputs.names() {
        assert_eq!(
            forward.outputs.get(name),
            reversed.outputs.get(name),
            "{name}"
        );
    }
}
