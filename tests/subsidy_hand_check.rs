//! Three projects of the kind the Cixi sample holds, checked by hand: a new build where the 30%
//! cost cap binds, a new build where 800 yuan/m² binds, and a conversion under both readings.
//! Beds: residential = 80% of gross (the test settings), at 8 m² per person, rounded down.

mod subsidy_fixtures;

use dormplan::commands::subsidy::{SubsidyOptions, SubsidyReport};
use dormplan::diag::Problems;
use dormplan::model::{Fen, Site};
use dormplan::subsidy::{Cap, Eligibility, evaluate};
use subsidy_fixtures::*;

/// 浒山 new build: 12,480.50 m², cost 28,600,000 yuan, completed 2021, review passed.
fn hushan_new_build() -> Site {
    Site {
        name: "浒山新市民公寓".into(),
        gross: m2(12_480.50),
        cost: Some(yuan(28_600_000)),
        ..new_build("R-01")
    }
}

/// 周巷 new build: 6,350.25 m², cost 42,000,000 yuan, completed 2021, review passed.
fn zhouxiang_new_build() -> Site {
    Site {
        name: "周巷人才公寓".into(),
        town: 1,
        gross: m2(6_350.25),
        cost: Some(yuan(42_000_000)),
        ..new_build("R-02")
    }
}

/// 浒山 factory converted to rental housing: 3,205.60 m², cost 5,400,000 yuan, completed 2022,
/// structurally and fire safe, review passed.
fn hushan_conversion() -> Site {
    Site {
        name: "浒山厂房改建租赁住房".into(),
        gross: m2(3_205.60),
        cost: Some(yuan(5_400_000)),
        completed_year: Some(2022),
        ..conversion("R-03")
    }
}

fn sites() -> Vec<Site> {
    vec![
        hushan_new_build(),
        zhouxiang_new_build(),
        hushan_conversion(),
    ]
}

/// (amount, binding cap, beds, per bed) of each project, in site order.
fn results(
    programme: &dormplan::model::policy::Programme,
) -> Vec<(Fen, Option<Cap>, u64, Option<Fen>)> {
    let sites = sites();
    let outcome = evaluate(&sites, &settings(), programme);
    assert!(
        outcome
            .projects
            .iter()
            .all(|p| p.eligibility == Eligibility::Eligible)
    );
    outcome
        .projects
        .iter()
        .map(|p| (p.amount, p.binding, p.beds, p.per_bed))
        .collect()
}

#[test]
fn literal_reading_by_hand() {
    assert_eq!(
        results(&literal()),
        [
            // rate 800 × 12,480.50 = 9,984,400.00; 30% × 28,600,000 = 8,580,000.00 → 30%
            // binds. Beds ⌊12,480.50 × 0.8 / 8⌋ = ⌊1,248.05⌋ = 1,248; 8,580,000 / 1,248 = 6,875.00.
            (
                Fen(858_000_000),
                Some(Cap::CostShare),
                1_248,
                Some(Fen(687_500))
            ),
            // rate 800 × 6,350.25 = 5,080,200.00; 30% × 42,000,000 = 12,600,000.00 → rate
            // binds. Beds ⌊5,080.20 / 8⌋ = 635; 5,080,200 / 635 = 8,000.3149… → 8,000.31.
            (Fen(508_020_000), Some(Cap::Rate), 635, Some(Fen(800_031))),
            // rate 600 × 3,205.60 = 1,923,360.00, no cost cap on conversions.
            // Beds ⌊2,564.48 / 8⌋ = 320; 1,923,360 / 320 = 6,010.50.
            (Fen(192_336_000), Some(Cap::Rate), 320, Some(Fen(601_050))),
        ]
    );
}

#[test]
fn strict_reading_by_hand() {
    let strict = results(&strict());
    // New builds are unchanged by the reading.
    assert_eq!(strict[..2], results(&literal())[..2]);
    // min(600 × 3,205.60 = 1,923,360.00, 30% × 5,400,000 = 1,620,000.00) → 30% binds;
    // 1,620,000 / 320 = 5,062.50 per bed.
    assert_eq!(
        strict[2],
        (
            Fen(162_000_000),
            Some(Cap::CostShare),
            320,
            Some(Fen(506_250))
        )
    );
}

/// The totals in the CSV files agree with the sums by hand.
#[test]
fn report_totals_by_hand() {
    let totals = |programme| {
        let loaded = loaded(
            sites(),
            Some(policy("hand check", vec![programme])),
            Problems::default(),
        );
        let report = SubsidyReport::build(&loaded, &SubsidyOptions::default()).expect("a report");
        let csv = report.outputs.get("subsidy_by_town.csv").expect("by town");
        String::from_utf8(csv.to_vec()).expect("UTF-8")
    };
    // The file with 浒山's eligible total; 周巷's 5,080,200.00 is the same in both readings.
    let by_town = |hushan_yuan: &str| {
        format!(
            "programme,town_code,town,eligible_projects,eligible_yuan,potential_projects,\
             potential_yuan,expected_yuan,ceiling_yuan,unfunded_projects,ineligible_projects,\
             ineligible_request_yuan\n\
             ningbo-rental-pilot,330282004,浒山街道,2,{hushan_yuan},0,0.00,{hushan_yuan},\
             {hushan_yuan},0,0,0.00\n\
             ningbo-rental-pilot,330282121,周巷镇,1,5080200.00,0,0.00,5080200.00,5080200.00,0,0,\
             0.00\n"
        )
    };
    // Literal: 浒山 8,580,000.00 + 1,923,360.00 = 10,503,360.00.
    assert_eq!(totals(literal()), by_town("10503360.00"));
    // Strict: 浒山 8,580,000.00 + 1,620,000.00 = 10,200,000.00.
    assert_eq!(totals(strict()), by_town("10200000.00"));
}
