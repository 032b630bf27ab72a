//! One row per clause of the subsidy rule: the project, the programme, and what the engine must
//! say about it (status, amount, request, binding cap, failed and open conditions).

mod subsidy_fixtures;

use dormplan::model::policy::{Programme, Rounding, YearBasis};
use dormplan::model::{ExpertReview, Fen, Site, SiteKind, SiteStatus};
use dormplan::subsidy::{Cap, Condition, Eligibility, ProjectSubsidy, evaluate};
use subsidy_fixtures::*;

use Condition::*;
use Eligibility::{Eligible, Ineligible, Potential, Unfunded};

struct Row {
    name: &'static str,
    programme: Programme,
    site: Site,
    eligibility: Eligibility,
    /// What is paid (eligible) or would be paid (potential); 0 when ineligible.
    amount: Fen,
    /// What the caps allow before any pool.
    request: Option<Fen>,
    binding: Option<Cap>,
    failed: Vec<Condition>,
    pending: Vec<Condition>,
}

fn eligible(name: &'static str, p: Programme, site: Site, amount: Fen, cap: Cap) -> Row {
    Row {
        name,
        programme: p,
        site,
        eligibility: Eligible,
        amount,
        request: Some(amount),
        binding: Some(cap),
        failed: vec![],
        pending: vec![],
    }
}

fn ineligible(
    name: &'static str,
    p: Programme,
    site: Site,
    request: Option<Fen>,
    binding: Option<Cap>,
    failed: Vec<Condition>,
) -> Row {
    Row {
        name,
        programme: p,
        site,
        eligibility: Ineligible,
        amount: Fen::ZERO,
        request,
        binding,
        failed,
        pending: vec![],
    }
}

fn potential(name: &'static str, p: Programme, site: Site, pending: Vec<Condition>) -> Row {
    // The default new build and conversion would get 800,000 and 600,000 yuan (RATE binds).
    let request = match site.kind {
        SiteKind::RentalNewBuild => yuan(800_000),
        _ => yuan(600_000),
    };
    Row {
        name,
        programme: p,
        site,
        eligibility: Potential,
        amount: request,
        request: Some(request),
        binding: Some(Cap::Rate),
        failed: vec![],
        pending,
    }
}

fn rows() -> Vec<Row> {
    let rate_nb = Some(yuan(800_000));
    let start_basis = || {
        let mut p = literal();
        p.year_basis = YearBasis::Start;
        p
    };
    let no_review = || {
        let mut p = literal();
        p.require_expert_review = false;
        p
    };
    let new_builds_only = || {
        let mut p = literal();
        p.rates.retain(|r| r.kind == SiteKind::RentalNewBuild);
        p
    };
    vec![
        // --- window: 2020年至2022年建设的租赁住房项目 (completion year) ---
        ineligible(
            "completed 2019 is before the window",
            literal(),
            nb(|s| s.completed_year = Some(2019)),
            rate_nb,
            Some(Cap::Rate),
            vec![OutsideWindow],
        ),
        eligible(
            "completed 2020 opens the window",
            literal(),
            nb(|s| s.completed_year = Some(2020)),
            yuan(800_000),
            Cap::Rate,
        ),
        eligible(
            "completed 2022 closes the window",
            literal(),
            nb(|s| s.completed_year = Some(2022)),
            yuan(800_000),
            Cap::Rate,
        ),
        ineligible(
            "completed 2023 is after the window",
            literal(),
            nb(|s| s.completed_year = Some(2023)),
            rate_nb,
            Some(Cap::Rate),
            vec![OutsideWindow],
        ),
        ineligible(
            "no completion year",
            literal(),
            nb(|s| s.completed_year = None),
            rate_nb,
            Some(Cap::Rate),
            vec![NoYear],
        ),
        // --- start-year basis: the start year counts, completion does not ---
        ineligible(
            "start basis: started 2019, completed 2021",
            start_basis(),
            nb(|s| s.started_year = Some(2019)),
            rate_nb,
            Some(Cap::Rate),
            vec![OutsideWindow],
        ),
        eligible(
            "start basis: started 2022, completed 2024",
            start_basis(),
            nb(|s| {
                s.started_year = Some(2022);
                s.completed_year = Some(2024)
            }),
            yuan(800_000),
            Cap::Rate,
        ),
        ineligible(
            "start basis: no start year",
            start_basis(),
            nb(|s| s.started_year = None),
            rate_nb,
            Some(Cap::Rate),
            vec![NoYear],
        ),
        // --- 最高800元/平方米且不超过建设成本的30% ---
        // 1,000 m² × 800 = 800,000 < 30% × 10,000,000 = 3,000,000
        eligible(
            "800/m² binds a costly new build",
            literal(),
            nb(|_| {}),
            yuan(800_000),
            Cap::Rate,
        ),
        // 30% × 2,000,000 = 600,000 < 1,000 m² × 800 = 800,000
        eligible(
            "30% of cost binds a cheap new build",
            literal(),
            nb(|s| s.cost = Some(yuan(2_000_000))),
            yuan(600_000),
            Cap::CostShare,
        ),
        // 1,500 m² × 800 = 1,200,000 = 30% × 4,000,000
        eligible(
            "rate and cost share exactly equal",
            literal(),
            nb(|s| {
                s.gross = m2(1500.0);
                s.cost = Some(yuan(4_000_000))
            }),
            yuan(1_200_000),
            Cap::RateEqualsCostShare,
        ),
        // 30% × 2,666,666.67 = 800,000.001: the cap is a thousandth of a fen above the rate, so
        // RATE binds alone (exact comparison, not after rounding).
        eligible(
            "cost share a fraction of a fen above the rate",
            literal(),
            nb(|s| s.cost = Some(Fen(266_666_667))),
            yuan(800_000),
            Cap::Rate,
        ),
        // --- 给予改建项目最高600元/平方米: both readings of the 30% cap ---
        // literal: 1,000 m² × 600 = 600,000, no cost cap even on a cheap conversion
        eligible(
            "cheap conversion, literal reading: rate only",
            literal(),
            cv(|s| s.cost = Some(yuan(1_000_000))),
            yuan(600_000),
            Cap::Rate,
        ),
        // strict: 30% × 1,000,000 = 300,000 < 600,000
        eligible(
            "cheap conversion, strict reading: 30% binds",
            strict(),
            cv(|s| s.cost = Some(yuan(1_000_000))),
            yuan(300_000),
            Cap::CostShare,
        ),
        eligible(
            "costly conversion, strict reading: rate binds",
            strict(),
            cv(|_| {}),
            yuan(600_000),
            Cap::Rate,
        ),
        eligible(
            "conversion without cost, literal reading: cost not needed",
            literal(),
            cv(|s| s.cost = None),
            yuan(600_000),
            Cap::Rate,
        ),
        ineligible(
            "conversion without cost, strict reading",
            strict(),
            cv(|s| s.cost = None),
            None,
            None,
            vec![MissingCost],
        ),
        // --- 通过专家评审 ---
        potential(
            "review pending",
            literal(),
            nb(|s| s.expert_review = ExpertReview::Pending),
            vec![ReviewPending],
        ),
        ineligible(
            "review failed",
            literal(),
            nb(|s| s.expert_review = ExpertReview::Failed),
            rate_nb,
            Some(Cap::Rate),
            vec![ReviewNotPassed],
        ),
        potential(
            "no review yet, candidate",
            literal(),
            nb(|s| {
                s.expert_review = ExpertReview::None;
                s.status = SiteStatus::Candidate
            }),
            vec![ReviewNotApplied],
        ),
        potential(
            "no review yet, under construction",
            literal(),
            nb(|s| {
                s.expert_review = ExpertReview::None;
                s.status = SiteStatus::UnderConstruction
            }),
            vec![ReviewNotApplied],
        ),
        ineligible(
            "no review, standing building",
            literal(),
            nb(|s| s.expert_review = ExpertReview::None),
            rate_nb,
            Some(Cap::Rate),
            vec![ReviewNotApplied],
        ),
        eligible(
            "review not required: a failed review does not matter",
            no_review(),
            nb(|s| s.expert_review = ExpertReview::Failed),
            yuan(800_000),
            Cap::Rate,
        ),
        // --- 在满足结构安全、消防安全的前提下 (conversions only) ---
        potential(
            "conversion, safety not stated",
            literal(),
            cv(|s| {
                s.structurally_safe = None;
                s.fire_safe = None
            }),
            vec![StructuralSafetyUnknown, FireSafetyUnknown],
        ),
        ineligible(
            "conversion, not safe",
            literal(),
            cv(|s| {
                s.structurally_safe = Some(false);
                s.fire_safe = Some(false)
            }),
            Some(yuan(600_000)),
            Some(Cap::Rate),
            vec![NotStructurallySafe, NotFireSafe],
        ),
        eligible(
            "new build, safety not required",
            literal(),
            nb(|s| {
                s.structurally_safe = Some(false);
                s.fire_safe = Some(false)
            }),
            yuan(800_000),
            Cap::Rate,
        ),
        Row {
            pending: vec![ReviewPending, StructuralSafetyUnknown, FireSafetyUnknown],
            ..potential(
                "conversion, review pending and safety not stated",
                literal(),
                cv(|s| {
                    s.structurally_safe = None;
                    s.fire_safe = None;
                    s.expert_review = ExpertReview::Pending
                }),
                vec![],
            )
        },
        // --- construction cost for the 30% cap ---
        ineligible(
            "new build, zero cost",
            literal(),
            nb(|s| s.cost = Some(Fen::ZERO)),
            None,
            None,
            vec![ZeroCost],
        ),
        ineligible(
            "new build, cost missing",
            literal(),
            nb(|s| s.cost = None),
            None,
            None,
            vec![MissingCost],
        ),
        // --- only the kinds the programme pays for ---
        ineligible(
            "conversion under a new-builds-only programme",
            new_builds_only(),
            cv(|_| {}),
            None,
            None,
            vec![KindNotCovered],
        ),
        // --- every failed condition is reported, in check order; open ones apart ---
        Row {
            pending: vec![ReviewPending],
            ..ineligible(
                "too early, unsafe and without cost",
                strict(),
                cv(|s| {
                    s.completed_year = Some(2019);
                    s.expert_review = ExpertReview::Pending;
                    s.structurally_safe = Some(false);
                    s.fire_safe = Some(false);
                    s.cost = None;
                }),
                None,
                None,
                vec![OutsideWindow, NotStructurallySafe, NotFireSafe, MissingCost],
            )
        },
        // --- exact fen: rate (fen/m²) × area (0.01 m²) / 100 and cost × ratio / 10,000, down ---
        // 600 yuan × 123.45 m² = 74,070.00 yuan exactly
        eligible(
            "fractional area, whole result",
            literal(),
            cv(|s| s.gross = m2(123.45)),
            Fen(7_407_000),
            Cap::Rate,
        ),
        // 333.33 yuan = 33,333 fen; × 12,345 / 100 = 4,114,958.85 fen → 4,114,958 fen
        eligible(
            "fractional area, fen rounded down",
            rated(33_333, Rounding::Fen),
            cv(|s| s.gross = m2(123.45)),
            Fen(4_114_958),
            Cap::Rate,
        ),
        // the same rounded down to the yuan: 41,149.58 → 41,149.00
        eligible(
            "fractional area, yuan rounded down",
            rated(33_333, Rounding::Yuan),
            cv(|s| s.gross = m2(123.45)),
            Fen(4_114_900),
            Cap::Rate,
        ),
        // 0.01 m² at 800 yuan/m² = 8 yuan
        eligible(
            "a hundredth of a square metre",
            literal(),
            nb(|s| s.gross = m2(0.01)),
            Fen(800),
            Cap::Rate,
        ),
        // 30% × 1,234,567.89 yuan = 123,456,789 × 3,000 / 10,000 = 37,037,036.7 fen → 37,037,036
        eligible(
            "cost share rounded down to the fen",
            literal(),
            nb(|s| s.cost = Some(Fen(123_456_789))),
            Fen(37_037_036),
            Cap::CostShare,
        ),
    ]
}

/// The literal programme with conversions paid `fen` per m² and the given rounding.
fn rated(fen: i64, rounding: Rounding) -> Programme {
    let mut p = literal();
    p.rates[1].rate_per_m2 = Fen(fen);
    p.rounding = rounding;
    p
}

fn only(projects: &[ProjectSubsidy]) -> &ProjectSubsidy {
    assert_eq!(projects.len(), 1, "one project expected: {projects:?}");
    &projects[0]
}

#[test]
fn every_clause() {
    let settings = settings();
    let mut failures = Vec::new();
    for row in rows() {
        let sites = [row.site.clone()];
        let outcome = evaluate(&sites, &settings, &row.programme);
        let p = only(&outcome.projects);
        let got = (
            p.eligibility,
            p.amount,
            p.request,
            p.binding,
            &p.failed,
            &p.pending,
        );
        let want = (
            row.eligibility,
            row.amount,
            row.request,
            row.binding,
            &row.failed,
            &row.pending,
        );
        if got != want {
            failures.push(format!("{}:\n   got  {got:?}\n   want {want:?}", row.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} row(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn per_bed_at_the_plan_standard() {
    let settings = settings();
    let programme = literal();
    // 1,000 m² × 80% usable / 8 m² = 100 beds; 800,000 yuan / 100 = 8,000 yuan per bed.
    let plain = new_build("A");
    // Declared beds cap capacity: 30 beds → 26,666.66 yuan per bed (rounded down to the fen).
    let few = Site {
        beds: Some(30),
        ..new_build("B")
    };
    let none = Site {
        beds: Some(0),
        ..new_build("C")
    };
    let failed = Site {
        expert_review: ExpertReview::Failed,
        ..new_build("D")
    };
    let outcome = evaluate(&[plain, few, none, failed], &settings, &programme);
    let per_bed: Vec<_> = outcome
        .projects
        .iter()
        .map(|p| (p.beds, p.per_bed))
        .collect();
    assert_eq!(
        per_bed,
        vec![
            (100, Some(yuan(8_000))),
            (30, Some(Fen(2_666_666))),
            (0, None),
            (100, None),
        ]
    );
}

#[test]
fn sites_the_programme_does_not_consider_are_left_out() {
    let sites = [
        site("D1", SiteKind::EnterpriseDormitory),
        site("M1", SiteKind::MigrantApartment),
        new_build("N1"),
        conversion("C1"),
    ];
    let programme = literal();
    let outcome = evaluate(&sites, &settings(), &programme);
    let ids: Vec<_> = outcome
        .projects
        .iter()
        .map(|p| sites[p.site].id.as_str())
        .collect();
    assert_eq!(ids, ["N1", "C1"]);
    // A programme that pays migrant apartments considers them, and reports rental kinds it
    // leaves out as not covered.
    let mut apartments = literal();
    apartments.rates = vec![rate(SiteKind::MigrantApartment, 300, None)];
    let outcome = evaluate(&sites, &settings(), &apartments);
    let got: Vec<_> = outcome
        .projects
        .iter()
        .map(|p| (sites[p.site].id.as_str(), p.eligibility, p.amount))
        .collect();
    assert_eq!(
        got,
        [
            ("M1", Eligible, yuan(300_000)),
            ("N1", Ineligible, Fen::ZERO),
            ("C1", Ineligible, Fen::ZERO),
        ]
    );
}

#[test]
fn totals_keep_eligible_and_potential_apart() {
    let sites = vec![
        new_build("A"), // eligible 800,000
        Site {
            town: 1,
            ..conversion("B")
        }, // eligible 600,000
        Site {
            expert_review: ExpertReview::Pending,
            ..new_build("C")
        }, // potential 800,000
        Site {
            completed_year: Some(2023),
            town: 1,
            ..new_build("D")
        }, // ineligible
        Site {
            completed_year: Some(2020),
            cost: Some(yuan(2_000_000)),
            ..new_build("E")
        }, // 600,000
    ];
    let programme = literal();
    let outcome = evaluate(&sites, &settings(), &programme);
    let t = &outcome.totals;
    assert_eq!(t.all.eligible_projects, 3);
    assert_eq!(t.all.subsidy_eligible, yuan(2_000_000));
    assert_eq!(t.all.potential_projects, 1);
    assert_eq!(t.all.subsidy_potential, yuan(800_000));
    assert_eq!(t.all.ineligible_projects, 1);
    assert_eq!(t.all.ineligible_request, yuan(800_000));
    let town0 = &t.by_town[&0];
    assert_eq!(
        (town0.eligible_projects, town0.subsidy_eligible),
        (2, yuan(1_400_000))
    );
    assert_eq!(
        (town0.potential_projects, town0.subsidy_potential),
        (1, yuan(800_000))
    );
    let town1 = &t.by_town[&1];
    assert_eq!((town1.eligible_projects, town1.ineligible_projects), (1, 1));
    assert_eq!(t.by_year[&Some(2020)].subsidy_eligible, yuan(600_000));
    assert_eq!(t.by_year[&Some(2021)].subsidy_eligible, yuan(1_400_000));
    assert_eq!(t.by_year[&Some(2023)].ineligible_projects, 1);
    assert_eq!(
        t.by_kind[&SiteKind::RentalConversion].subsidy_eligible,
        yuan(600_000)
    );
    assert_eq!(
        t.by_kind[&SiteKind::RentalNewBuild].subsidy_eligible,
        yuan(1_400_000)
    );
    // Every breakdown adds up to the whole.
    for rows in [
        t.by_town.values().collect::<Vec<_>>(),
        t.by_year.values().collect(),
        t.by_kind.values().collect(),
    ] {
        let sum: i64 = rows
            .iter()
            .map(|r| r.subsidy_eligible.0 + r.subsidy_potential.0)
            .sum();
        assert_eq!(sum, t.all.subsidy_eligible.0 + t.all.subsidy_potential.0);
    }
}

// --- pools ---

/// Three eligible projects requesting 800,000 (A), 600,000 (B) and 400,000 (C) yuan, and a
/// potential one (D, review pending) that would request 800,000.
fn pool_sites() -> Vec<Site> {
    vec![
        new_build("A"),  // 100 beds, 8,000 yuan per bed
        conversion("B"), // 100 beds, 6,000 yuan per bed
        Site {
            gross: m2(500.0),
            ..new_build("C")
        }, // 50 beds, 8,000 yuan per bed
        Site {
            expert_review: ExpertReview::Pending,
            ..new_build("D")
        },
    ]
}

fn amounts(outcome: &dormplan::subsidy::ProgrammeOutcome) -> Vec<(Fen, Option<Cap>)> {
    outcome
        .projects
        .iter()
        .map(|p| (p.amount, p.binding))
        .collect()
}

/// Evaluates [`pool_sites`] under `programme` and checks what every pool must satisfy.
fn shared(programme: &Programme) -> dormplan::subsidy::ProgrammeOutcome<'_> {
    let outcome = evaluate(&pool_sites(), &settings(), programme);
    assert_pool_invariants(&outcome);
    outcome
}

fn assert_pool_invariants(outcome: &dormplan::subsidy::ProgrammeOutcome) {
    let pool = outcome.pool.expect("a pool");
    let paid: i64 = outcome
        .projects
        .iter()
        .filter(|p| p.eligibility == Eligible)
        .map(|p| p.amount.0)
        .sum();
    assert!(
        paid <= pool.total.0,
        "paid {paid} from a pool of {}",
        pool.total
    );
    assert_eq!(Fen(paid), pool.granted);
    assert_eq!(pool.granted.0 + pool.unallocated.0, pool.total.0);
    for p in &outcome.projects {
        assert!(
            Some(p.amount) <= p.request,
            "{p:?} paid more than its request"
        );
    }
}

#[test]
fn pool_shared_pro_rata() {
    use dormplan::model::policy::PoolRule;
    let programme = pooled(yuan(1_000_000), PoolRule::ProRata);
    let outcome = shared(&programme);
    // Each share is ⌊request × 100,000,000 / 180,000,000⌋ fen:
    //   A 80,000,000 × 10/18 = 44,444,444.4 → 44,444,444
    //   B 60,000,000 × 10/18 = 33,333,333.3 → 33,333,333
    //   C 40,000,000 × 10/18 = 22,222,222.2 → 22,222,222
    // One fen stays in the pool. D is potential: it shares what the eligible leave, by the same
    // rule: ⌊80,000,000 × 1 / 80,000,000⌋ = 1 fen.
    assert_eq!(
        amounts(&outcome),
        [
            (Fen(44_444_444), Some(Cap::Pool)),
            (Fen(33_333_333), Some(Cap::Pool)),
            (Fen(22_222_222), Some(Cap::Pool)),
            (Fen(1), Some(Cap::Pool)),
        ]
    );
    let pool = outcome.pool.unwrap();
    assert_eq!(
        (pool.requested, pool.unallocated, pool.short),
        (yuan(1_800_000), Fen(1), true)
    );
    assert_eq!(
        (pool.potential_requested, pool.potential_granted),
        (yuan(800_000), Fen(1))
    );
    assert_eq!(outcome.totals.all.subsidy_potential, Fen(1));
    // The ceiling (eligible + potential) never exceeds the pool.
    assert_eq!(
        outcome.totals.all.subsidy_eligible.0 + outcome.totals.all.subsidy_potential.0,
        pool.total.0
    );
}

#[test]
fn pool_shared_pro_rata_rounds_each_share_down_to_the_yuan() {
    use dormplan::model::policy::PoolRule;
    let mut programme = pooled(yuan(1_000_000), PoolRule::ProRata);
    programme.rounding = Rounding::Yuan;
    let outcome = shared(&programme);
    // 444,444.44 → 444,444; 333,333.33 → 333,333; 222,222.22 → 222,222; 1 yuan stays.
    let paid: Vec<_> = amounts(&outcome).into_iter().take(3).map(|a| a.0).collect();
    assert_eq!(paid, [yuan(444_444), yuan(333_333), yuan(222_222)]);
    assert_eq!(outcome.pool.unwrap().unallocated, yuan(1));
}

#[test]
fn pool_shared_by_beds_per_yuan() {
    use dormplan::model::policy::PoolRule;
    let programme = pooled(yuan(1_000_000), PoolRule::BedsPerYuan);
    let outcome = shared(&programme);
    // B gives most beds per yuan (1 per 6,000) and is paid in full: 400,000 left. A and C tie
    // at 1 bed per 8,000 yuan; A comes first by id, does not fit, and gets the 400,000 left;
    // C gets nothing and is unfunded, not eligible. Nothing is left for the potential D.
    assert_eq!(
        amounts(&outcome),
        [
            (yuan(400_000), Some(Cap::Pool)),
            (yuan(600_000), Some(Cap::Rate)),
            (Fen::ZERO, Some(Cap::Pool)),
            (Fen::ZERO, Some(Cap::Pool)),
        ]
    );
    let status: Vec<_> = outcome.projects.iter().map(|p| p.eligibility).collect();
    assert_eq!(status, [Eligible, Eligible, Unfunded, Potential]);
    let all = &outcome.totals.all;
    assert_eq!((all.eligible_projects, all.unfunded_projects), (2, 1));
    assert_eq!(outcome.pool.unwrap().unallocated, Fen::ZERO);
}

#[test]
fn pool_larger_than_requests_binds_nobody() {
    use dormplan::model::policy::PoolRule;
    for rule in [PoolRule::ProRata, PoolRule::BedsPerYuan] {
        // 1,800,000 requested by the eligible, 800,000 by the potential D.
        let programme = pooled(yuan(2_600_000), rule);
        let outcome = shared(&programme);
        assert!(
            outcome
                .projects
                .iter()
                .all(|p| p.binding != Some(Cap::Pool))
        );
        let pool = outcome.pool.unwrap();
        assert_eq!(
            (pool.granted, pool.unallocated, pool.short),
            (yuan(1_800_000), yuan(800_000), false)
        );
        assert_eq!(pool.potential_granted, yuan(800_000));
    }
}

// --- subsidy_for: what planning nets off a candidate's cost ---

#[test]
fn subsidy_for_assumes_review_passes_and_ignores_pools() {
    use dormplan::model::policy::PoolRule;
    use dormplan::subsidy::subsidy_for;
    let settings = settings();
    let literal_policy = policy("literal", vec![literal()]);
    let candidate = Site {
        status: SiteStatus::Candidate,
        expert_review: ExpertReview::None,
        structurally_safe: None,
        fire_safe: None,
        idle_before_conversion: None,
        completed_year: Some(2022),
        ..conversion("K1")
    };
    // Review not applied for and safety not yet confirmed are taken as settled.
    let s = subsidy_for(&candidate, &settings, &literal_policy);
    assert_eq!((s.total, s.per_bed), (yuan(600_000), Some(yuan(6_000))));
    assert_eq!(s.claims.len(), 1);
    assert!(!s.claims[0].pooled);
    // The strict reading caps the same candidate at 30% of a 1,000,000 yuan cost.
    let cheap = Site {
        cost: Some(yuan(1_000_000)),
        ..candidate.clone()
    };
    let strict_policy = policy("strict", vec![strict()]);
    assert_eq!(
        subsidy_for(&cheap, &settings, &strict_policy).total,
        yuan(300_000)
    );
    // A standing building that never applied is counted as if it passed.
    let standing = Site {
        expert_review: ExpertReview::None,
        ..new_build("E1")
    };
    assert_eq!(
        subsidy_for(&standing, &settings, &literal_policy).total,
        yuan(800_000)
    );
    // A failed review, an unsafe conversion or a year outside the window give nothing.
    for site in [
        Site {
            expert_review: ExpertReview::Failed,
            ..candidate.clone()
        },
        Site {
            structurally_safe: Some(false),
            fire_safe: Some(false),
            idle_before_conversion: None,
            ..candidate.clone()
        },
        Site {
            completed_year: Some(2024),
            ..candidate.clone()
        },
        site("D1", SiteKind::EnterpriseDormitory),
    ] {
        let s = subsidy_for(&site, &settings, &literal_policy);
        assert_eq!((s.total, s.claims.len()), (Fen::ZERO, 0), "{}", site.id);
    }
    // A pool, however small, does not cut the amount; the claim says it is pooled.
    let tiny_pool = policy("pooled", vec![pooled(yuan(1), PoolRule::ProRata)]);
    let s = subsidy_for(&candidate, &settings, &tiny_pool);
    assert_eq!(s.total, yuan(600_000));
    assert!(s.claims[0].pooled);
    // Independent programmes add up.
    let mut second = literal();
    second.id = "county-top-up".into();
    second.rates = vec![rate(SiteKind::RentalConversion, 100, None)];
    second.require_expert_review = false;
    let both = policy("two programmes", vec![literal(), second]);
    let s = subsidy_for(&candidate, &settings, &both);
    assert_eq!(s.total, yuan(700_000));
    let per: Vec<_> = s.claims.iter().map(|c| (c.programme, c.amount)).collect();
    assert_eq!(per, [(0, yuan(600_000)), (1, yuan(100_000))]);
}
