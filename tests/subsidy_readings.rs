//! Every reading of the subsidy text that is a policy setting, one row per case, evaluated under
//! both shipped policy files (the literal and the strict reading) with the amounts worked out
//! by hand in the comments.
//!
//! The default project (see `subsidy_fixtures::site`): standing, 1,000 m² gross (800 m²
//! residential at the usable ratio 0.8), cost 10,000,000 yuan, started 2020 and completed 2021,
//! review passed, structurally and fire safe; a conversion was `industrial`, its idle state not
//! recorded. Under both files a new build is paid 800 × 1,000 = 800,000 yuan (30% of cost,
//! 3,000,000, does not bind) and a conversion 600 × 1,000 = 600,000.

mod subsidy_fixtures;

use dormplan::io::load_policy;
use dormplan::model::policy::{AreaBasis, Programme, YearBasis};
use dormplan::model::{Area, ExpertReview, Fen, Site, SiteStatus};
use dormplan::subsidy::{Concern, Condition, Eligibility, evaluate};
use std::path::Path;
use subsidy_fixtures::*;

use Condition::*;
use Eligibility::{Eligible, Ineligible, Potential};

/// What the engine must say about a project under one reading.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expect {
    eligibility: Eligibility,
    amount: Fen,
    failed: Vec<Condition>,
    pending: Vec<Condition>,
    concerns: Vec<Concern>,
}

fn paid(amount: Fen) -> Expect {
    Expect {
        eligibility: Eligible,
        amount,
        failed: vec![],
        pending: vec![],
        concerns: vec![],
    }
}

fn open(amount: Fen, pending: Vec<Condition>) -> Expect {
    Expect {
        eligibility: Potential,
        pending,
        ..paid(amount)
    }
}

fn refused(failed: Vec<Condition>) -> Expect {
    Expect {
        eligibility: Ineligible,
        amount: Fen::ZERO,
        failed,
        ..paid(Fen::ZERO)
    }
}

struct Row {
    name: &'static str,
    site: Site,
    /// A change to the shipped programme (the setting under test).
    setting: fn(&mut Programme),
    literal: Expect,
    strict: Expect,
}

fn row(name: &'static str, site: Site, setting: fn(&mut Programme), both: Expect) -> Row {
    Row {
        name,
        site,
        setting,
        literal: both.clone(),
        strict: both,
    }
}

fn shipped(_: &mut Programme) {}

fn by_start(p: &mut Programme) {
    p.year_basis = YearBasis::Start;
}

fn by_overlap(p: &mut Programme) {
    p.year_basis = YearBasis::Overlap;
}

fn closed_list(p: &mut Programme) {
    p.conversion.closed = true;
}

fn residential_area(p: &mut Programme) {
    p.area_basis = AreaBasis::Residential;
}

fn years(started: Option<i32>, completed: Option<i32>) -> impl FnOnce(&mut Site) {
    move |s: &mut Site| {
        s.started_year = started;
        s.completed_year = completed;
    }
}

fn rows() -> Vec<Row> {
    let nb_full = yuan(800_000);
    let cv_full = yuan(600_000);
    vec![
        // --- years.basis = completion (shipped): boundary years ---
        row(
            "completed 2019",
            nb(years(Some(2018), Some(2019))),
            shipped,
            refused(vec![OutsideWindow]),
        ),
        row(
            "completed 2020",
            nb(years(Some(2019), Some(2020))),
            shipped,
            paid(nb_full),
        ),
        row(
            "completed 2022",
            nb(years(Some(2021), Some(2022))),
            shipped,
            paid(nb_full),
        ),
        row(
            "completed 2023",
            nb(years(Some(2022), Some(2023))),
            shipped,
            refused(vec![OutsideWindow]),
        ),
        // Started 2019, completed 2023: out by completion and by start, in by overlap.
        row(
            "2019–2023 by completion",
            nb(years(Some(2019), Some(2023))),
            shipped,
            refused(vec![OutsideWindow]),
        ),
        row(
            "2019–2023 by start",
            nb(years(Some(2019), Some(2023))),
            by_start,
            refused(vec![OutsideWindow]),
        ),
        row(
            "2019–2023 by overlap",
            nb(years(Some(2019), Some(2023))),
            by_overlap,
            paid(nb_full),
        ),
        // --- years.basis = start ---
        row(
            "started 2020 by start",
            nb(years(Some(2020), Some(2023))),
            by_start,
            paid(nb_full),
        ),
        row(
            "started 2022 by start",
            nb(years(Some(2022), Some(2024))),
            by_start,
            paid(nb_full),
        ),
        row(
            "started 2023 by start",
            nb(years(Some(2023), Some(2024))),
            by_start,
            refused(vec![OutsideWindow]),
        ),
        row(
            "no start year, standing, by start",
            nb(years(None, Some(2021))),
            by_start,
            refused(vec![NoYear]),
        ),
        // --- years.basis = overlap ---
        row(
            "2015–2019 by overlap",
            nb(years(Some(2015), Some(2019))),
            by_overlap,
            refused(vec![OutsideWindow]),
        ),
        row(
            "2018–2020 by overlap",
            nb(years(Some(2018), Some(2020))),
            by_overlap,
            paid(nb_full),
        ),
        row(
            "2022–2025 by overlap",
            nb(years(Some(2022), Some(2025))),
            by_overlap,
            paid(nb_full),
        ),
        row(
            "started 2023 by overlap",
            nb(years(Some(2023), Some(2025))),
            by_overlap,
            refused(vec![OutsideWindow]),
        ),
        // Standing, started 2019, completion not recorded: it may have been finished before 2020.
        row(
            "standing, started 2019, no completion",
            nb(years(Some(2019), None)),
            by_overlap,
            refused(vec![NoYear]),
        ),
        // Under construction since 2019: still going, so under construction in the window.
        row(
            "building since 2019, by overlap",
            nb(|s| {
                years(Some(2019), None)(s);
                s.status = SiteStatus::UnderConstruction;
            }),
            by_overlap,
            paid(nb_full),
        ),
        row(
            "completed 2021 only, by overlap",
            nb(years(None, Some(2021))),
            by_overlap,
            paid(nb_full),
        ),
        // --- a project not yet built without a year is open, a standing one fails ---
        row(
            "candidate without years",
            nb(|s| {
                years(None, None)(s);
                s.status = SiteStatus::Candidate;
                s.expert_review = ExpertReview::None;
            }),
            shipped,
            open(nb_full, vec![NoYear, ReviewNotApplied]),
        ),
        row(
            "standing without years",
            nb(years(None, None)),
            shipped,
            refused(vec![NoYear]),
        ),
        // --- conversions.sources: open list (shipped) and closed ---
        row(
            "from a school, review passed, open list",
            cv(|s| s.converted_from = Some("school".into())),
            shipped,
            paid(cv_full),
        ),
        row(
            "from a school, review pending, open list",
            cv(|s| {
                s.converted_from = Some("school".into());
                s.expert_review = ExpertReview::Pending;
            }),
            shipped,
            open(cv_full, vec![SourceUnlisted, IdleUnknown, ReviewPending]),
        ),
        row(
            "from a school, closed list",
            cv(|s| s.converted_from = Some("school".into())),
            closed_list,
            refused(vec![SourceNotAllowed]),
        ),
        row(
            "from 工业厂房, closed list",
            cv(|s| s.converted_from = Some("工业厂房".into())),
            closed_list,
            paid(cv_full),
        ),
        row(
            "from Office, closed list",
            cv(|s| s.converted_from = Some("Office".into())),
            closed_list,
            paid(cv_full),
        ),
        // --- conversions.require_idle (shipped: required) ---
        row(
            "not idle",
            cv(|s| s.idle_before_conversion = Some(false)),
            shipped,
            refused(vec![NotIdle]),
        ),
        row(
            "idle unknown, review passed",
            cv(|_| {}),
            shipped,
            paid(cv_full),
        ),
        row(
            "idle unknown, review pending",
            cv(|s| s.expert_review = ExpertReview::Pending),
            shipped,
            open(cv_full, vec![IdleUnknown, ReviewPending]),
        ),
        row(
            "idle, review pending",
            cv(|s| {
                s.idle_before_conversion = Some(true);
                s.expert_review = ExpertReview::Pending;
            }),
            shipped,
            open(cv_full, vec![ReviewPending]),
        ),
        row(
            "idle not required",
            cv(|s| s.idle_before_conversion = Some(false)),
            |p| p.conversion.require_idle = false,
            paid(cv_full),
        ),
        // --- area_basis ---
        // 800 × 820.5 m² declared residential = 656,400.00.
        row(
            "new build on residential area",
            nb(|s| s.residential = Some(Area::from_centi_m2(82_050))),
            residential_area,
            paid(yuan(656_400)),
        ),
        // 600 × (1,000 × 0.8 = 800 m²) = 480,000.00.
        row(
            "conversion on residential area",
            cv(|_| {}),
            residential_area,
            paid(yuan(480_000)),
        ),
        // --- structural and fire safety apart ---
        row(
            "fire safety unknown",
            cv(|s| s.fire_safe = None),
            shipped,
            open(cv_full, vec![FireSafetyUnknown]),
        ),
        row(
            "not fire safe",
            cv(|s| s.fire_safe = Some(false)),
            shipped,
            refused(vec![NotFireSafe]),
        ),
        row(
            "not structurally safe",
            cv(|s| s.structurally_safe = Some(false)),
            shipped,
            refused(vec![NotStructurallySafe]),
        ),
        // --- values with three (and four) decimals, kept exactly ---
        // 600 × 1,234.567 = 740,740.20 (literal). Strict: 30% × 10,000,000 = 3,000,000: rate binds.
        row(
            "1,234.567 m² conversion",
            cv(|s| s.gross = Area::from_units(12_345_670)),
            shipped,
            paid(Fen(74_074_020)),
        ),
        // 800 × 1,000.0005 = 800,000.40; 30% × 10,000,000 does not bind.
        row(
            "1,000.0005 m² new build",
            nb(|s| s.gross = Area::from_units(10_000_005)),
            shipped,
            paid(Fen(80_000_040)),
        ),
        // Cost 2,000,000.09 (2,000,000.095 as read, rounded down): literal pays the rate,
        // 740,740.20; strict min(740,740.20, 30% × 2,000,000.09 = 600,000.027) = 600,000.02.
        Row {
            name: "1,234.567 m² conversion costing 2,000,000.09",
            site: cv(|s| {
                s.gross = Area::from_units(12_345_670);
                s.cost = Some(Fen(200_000_009));
            }),
            setting: shipped,
            literal: paid(Fen(74_074_020)),
            strict: paid(Fen(60_000_002)),
        },
        // --- what a reviewer would question ---
        // Cost 500,000: literal pays 600,000 (above cost); strict caps at 150,000.
        Row {
            name: "conversion cheaper than its subsidy",
            site: cv(|s| s.cost = Some(yuan(500_000))),
            setting: shipped,
            literal: Expect {
                concerns: vec![Concern::AboveCost],
                ..paid(cv_full)
            },
            strict: paid(yuan(150_000)),
        },
        Row {
            name: "conversion without a cost",
            site: cv(|s| s.cost = None),
            setting: shipped,
            literal: Expect {
                concerns: vec![Concern::CostMissing],
                ..paid(cv_full)
            },
            strict: refused(vec![MissingCost]),
        },
        Row {
            name: "conversion at zero cost",
            site: cv(|s| s.cost = Some(Fen::ZERO)),
            setting: shipped,
            literal: Expect {
                concerns: vec![Concern::AboveCost],
                ..paid(cv_full)
            },
            strict: refused(vec![ZeroCost]),
        },
    ]
}

fn shipped_programme(file: &str) -> Programme {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/policy")
        .join(file);
    let policy = load_policy(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    policy.programmes.into_iter().next().expect("a programme")
}

#[test]
fn every_reading_under_both_shipped_files() {
    let mut failures = Vec::new();
    for row in rows() {
        for (file, want) in [
            ("ningbo-rental-pilot.toml", &row.literal),
            ("ningbo-rental-pilot-strict.toml", &row.strict),
        ] {
            let mut programme = shipped_programme(file);
            (row.setting)(&mut programme);
            let outcome = evaluate(std::slice::from_ref(&row.site), &settings(), &programme);
            let p = &outcome.projects[0];
            let got = Expect {
                eligibility: p.eligibility,
                amount: p.amount,
                failed: p.failed.clone(),
                pending: p.pending.clone(),
                concerns: p.concerns.clone(),
            };
            if &got != want {
                failures.push(format!(
                    "{} under {file}:\n  want {want:?}\n  got  {got:?}",
                    row.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Expected amounts: eligible × award share; potential × review pass rate × award share; each
/// rounded down to the fen.
#[test]
fn expected_amounts_apply_the_pass_rate_and_award_share() {
    let programme = shipped_programme("ningbo-rental-pilot.toml");
    let mut settings = settings();
    settings.subsidy.review_pass_rate = 8_000; // 80%
    settings.subsidy.award_share = 9_000; // 90%
    let sites = vec![
        // Eligible 800,000 → × 0.9 = 720,000.
        new_build("A"),
        // Potential 800,000 → × 0.8 × 0.9 = 576,000.
        Site {
            expert_review: ExpertReview::Pending,
            ..new_build("B")
        },
        // Potential 800,000.40 (1,000.0005 m²) → 80,000,040 × 0.72 = 57,600,028.8 → 57,600,028 fen.
        Site {
            expert_review: ExpertReview::Pending,
            gross: Area::from_units(10_000_005),
            ..new_build("C")
        },
        // Ineligible: nothing expected.
        Site {
            completed_year: Some(2019),
            ..new_build("D")
        },
    ];
    let outcome = evaluate(&sites, &settings, &programme);
    let expected: Vec<Fen> = outcome.projects.iter().map(|p| p.expected).collect();
    assert_eq!(
        expected,
        [yuan(720_000), yuan(576_000), Fen(57_600_028), Fen::ZERO]
    );
    let all = &outcome.totals.all;
    assert_eq!(all.subsidy_eligible, yuan(800_000)); // certain
    assert_eq!(all.subsidy(), Fen(80_000_000 + 80_000_000 + 80_000_040)); // ceiling
    assert_eq!(
        all.subsidy_expected,
        Fen(72_000_000 + 57_600_000 + 57_600_028)
    );
}

mod common;

/// Read from a file, 1,234.567 m² is kept exactly (no warning) and paid 740,740.20 under the
/// literal file; a cost of 2,000,000.095 and an area of 1,000.00005 m² have more decimals than
/// dormplan keeps: rounded down, each with an `EXTRA_DECIMALS` warning naming site and field.
/// The strict file then caps C1 at 30% × 2,000,000.09 = 600,000.027 → 600,000.02, and C2
/// (1,000.0000 m², cost 10,000,000) is paid 600 × 1,000 = 600,000.00.
#[test]
fn decimals_in_a_sites_file_are_kept_or_rounded_down_with_a_warning() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (file, c1) in [
        ("ningbo-rental-pilot.toml", "740740.20"),
        ("ningbo-rental-pilot-strict.toml", "600000.02"),
    ] {
        let policy = root.join("data/policy").join(file);
        let fx = common::Fixture::new()
            .set(
                "sites.csv",
                "id,name,town,kind,status,gross_m2,cost_yuan,completed_year,converted_from,\
                 expert_review,safety_ok,lon,lat\n\
                 C1,One,330282001,rental_conversion,existing,1234.567,2000000.095,2021,office,\
                 passed,yes,121.201,30.201\n\
                 C2,Two,330282001,rental_conversion,existing,1000.00005,10000000,2021,office,\
                 passed,yes,121.201,30.201\n",
            )
            .edit(
                "scenario.toml",
                "demand = \"demand.csv\"",
                &format!(
                    "demand = \"demand.csv\"\npolicy = {:?}",
                    policy.display().to_string()
                ),
            );
        let scenario = fx.write();
        let out = fx.path().join("out");
        let o = common::dormplan(
            &[
                "subsidy",
                scenario.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ],
            fx.path(),
        );
        assert_eq!(o.status.code(), Some(0), "{}", common::show(&o));
        let text =
            String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
        assert!(
            text.contains("warning[EXTRA_DECIMALS]")
                && text.contains("field cost_yuan: found \"2000000.095\""),
            "{text}"
        );
        assert!(
            text.contains("field gross_m2: found \"1000.00005\""),
            "{text}"
        );
        assert!(!text.contains("found \"1234.567\""), "{text}");
        let rows = common::csv_rows(&out.join("subsidy_projects.csv"));
        let amount = |id: &str| {
            rows.iter()
                .find(|r| r["site_id"] == id)
                .map(|r| r["amount_yuan"].clone())
                .expect(id)
        };
        assert_eq!(amount("C1"), c1, "{file}");
        assert_eq!(amount("C2"), "600000.00", "{file}");
    }
}
