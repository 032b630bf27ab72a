//! What a set of built candidates is paid ([`BuiltPolicy`]), checked against `evaluate` on the
//! sites as `dormplan subsidy` would be given them with that set built: unbuilt candidates
//! removed, built ones reviewed (and safe where safety was not stated). Every set of six
//! candidates, for pro-rata and beds-per-yuan pools that bind always, sometimes or never.

mod subsidy_fixtures;

use dormplan::figures::add_fen;
use dormplan::model::policy::{Policy, PoolRule, Programme, Rounding};
use dormplan::model::{ExpertReview, Fen, Site, SiteKind, SiteStatus};
use dormplan::subsidy::{BuiltPolicy, Eligibility, ProjectSubsidy, evaluate_policy, subsidy_for};
use subsidy_fixtures::*;

fn at(id: &str, kind: SiteKind, status: SiteStatus, gross_m2: f64, cost_yuan: i64) -> Site {
    let mut s = site(id, kind);
    s.status = status;
    s.gross = m2(gross_m2);
    s.cost = Some(yuan(cost_yuan));
    s
}

/// Standing: two eligible projects (one a conversion), one potential (review pending), one
/// ineligible (outside the window) and a migrant apartment. Candidates: four that would be
/// paid (review not applied, pending, passed; a conversion whose safety is not stated), with
/// requests and beds per yuan all different, one whose review failed and one that is not safe.
fn sites() -> Vec<Site> {
    use SiteKind::{MigrantApartment, RentalConversion as Conv, RentalNewBuild as New};
    use SiteStatus::{Candidate as Cand, Existing, UnderConstruction};
    let mut s = vec![
        at("A", New, Existing, 1_000.0, 5_000_000),
        at("B", Conv, Existing, 700.0, 2_000_000),
        at("C1", New, Cand, 400.0, 3_000_000),
        at("P", New, UnderConstruction, 900.0, 4_000_000),
        at("C2", Conv, Cand, 300.0, 900_000),
        at("C3", New, Cand, 650.0, 1_200_000),
        at("M", MigrantApartment, Existing, 2_000.0, 1),
        at("C4", New, Cand, 500.0, 2_000_000),
        at("X", New, Existing, 800.0, 3_000_000),
        at("F", New, Cand, 800.0, 3_000_000),
        at("U", Conv, Cand, 800.0, 3_000_000),
    ];
    s[2].expert_review = ExpertReview::None;
    s[3].expert_review = ExpertReview::Pending;
    s[4].expert_review = ExpertReview::Pending;
    s[4].structurally_safe = None;
    s[4].fire_safe = None;
    s[7].expert_review = ExpertReview::None;
    s[8].completed_year = Some(2019);
    s[9].expert_review = ExpertReview::Failed;
    s[10].structurally_safe = Some(false);
    s[10].fire_safe = Some(false);
    s
}

fn candidates(sites: &[Site]) -> Vec<usize> {
    (0..sites.len())
        .filter(|&i| sites[i].status == SiteStatus::Candidate)
        .collect()
}

fn set(mask: u32, n: usize) -> Vec<bool> {
    (0..n).map(|c| mask & (1 << c) != 0).collect()
}

/// The sites as `dormplan subsidy` would be given them with `built` built.
fn as_built(sites: &[Site], cands: &[usize], built: &[bool]) -> Vec<Site> {
    sites
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match cands.iter().position(|&c| c == i) {
            None => Some(s.clone()),
            Some(c) if built.get(c) == Some(&true) => {
                let mut s = s.clone();
                if s.expert_review != ExpertReview::Failed {
                    s.expert_review = ExpertReview::Passed;
                }
                s.structurally_safe = s.structurally_safe.or(Some(true));
                s.fire_safe = s.fire_safe.or(Some(true));
                Some(s)
            }
            Some(_) => None,
        })
        .collect()
}

/// What the standing (not candidate) eligible projects of one programme are paid.
fn standing_paid(projects: &[ProjectSubsidy], sites: &[Site]) -> Fen {
    projects
        .iter()
        .filter(|p| p.eligibility == Eligibility::Eligible)
        .filter(|p| sites[p.site].status != SiteStatus::Candidate)
        .map(|p| p.amount)
        .sum()
}

/// Checks every set of candidates against `evaluate` on the sites as built: each candidate's
/// pay, the standing projects' pay with and without the set, the pool, and the tangent bound.
fn check_every_set(policy: &Policy) {
    let (sites, settings) = (sites(), settings());
    let cands = candidates(&sites);
    let n = cands.len();
    let model = BuiltPolicy::new(&sites, &settings, policy, &cands);
    let unbuilt = as_built(&sites, &cands, &[]);
    let alone = evaluate_policy(&unbuilt, &settings, policy);
    let pooled: Vec<usize> = (0..policy.programmes.len())
        .filter(|&k| policy.programmes[k].pool.is_some())
        .collect();
    for mask in 0u32..(1 << n) {
        let built = set(mask, n);
        let got = model.subsidy(&built);
        let filtered = as_built(&sites, &cands, &built);
        let outcomes = evaluate_policy(&filtered, &settings, policy);
        for (c, &i) in cands.iter().enumerate() {
            let want: Fen = outcomes
                .iter()
                .flat_map(|o| &o.projects)
                .filter(|p| filtered[p.site].id == sites[i].id)
                .filter(|p| p.eligibility == Eligibility::Eligible)
                .map(|p| p.amount)
                .sum();
            assert_eq!(got.paid[c], want, "{} in set {mask:b}", sites[i].id);
        }
        assert_eq!(got.pools.len(), pooled.len());
        for (shift, &k) in got.pools.iter().zip(&pooled) {
            assert_eq!(shift.programme, k);
            let with = standing_paid(&outcomes[k].projects, &filtered);
            assert_eq!(shift.standing_with, with, "set {mask:b}");
            let without = standing_paid(&alone[k].projects, &unbuilt);
            assert_eq!(shift.standing_without, without);
            assert_eq!(Some(shift.shared), outcomes[k].pool, "set {mask:b}");
            assert_eq!(
                add_fen(shift.standing_with, shift.built_paid),
                shift.shared.granted
            );
        }
        let Some(bound) = model.paid_bound(&built) else {
            continue;
        };
        // Tight at its own set, but for the fen (or yuan) each new share loses to rounding.
        let rounding = 100.0 * (n * pooled.len()) as f64;
        let (here, paid) = (bound.at(&built), got.total().0 as f64);
        assert!(
            here >= paid - 1e-3 && here <= paid + rounding,
            "bound {here} at its own set, paid {paid} (set {mask:b})"
        );
        for other in 0u32..(1 << n) {
            let other_set = set(other, n);
            let paid = model.subsidy(&other_set).total().0 as f64;
            assert!(
                bound.at(&other_set) >= paid - 1e-3,
                "the tangent at {mask:b} is below what {other:b} is paid"
            );
        }
    }
}

fn with_pool(total_yuan: i64, rule: PoolRule, rounding: Rounding) -> Programme {
    let mut p = pooled(yuan(total_yuan), rule);
    p.rounding = rounding;
    p
}

/// The standing eligible projects request 1,220,000 yuan (A 800,000, B 420,000): pools that
/// bind whatever is built, that bind only with some candidates built, and that never bind.
const POOLS_YUAN: [i64; 3] = [700_000, 1_300_000, 100_000_000];

#[test]
fn pro_rata_pays_what_subsidy_pays_for_every_set() {
    for total in POOLS_YUAN {
        for rounding in [Rounding::Fen, Rounding::Yuan] {
            let p = with_pool(total, PoolRule::ProRata, rounding);
            check_every_set(&policy("pro rata", vec![p]));
        }
    }
}

#[test]
fn beds_per_yuan_pays_what_subsidy_pays_for_every_set() {
    for total in POOLS_YUAN {
        for rounding in [Rounding::Fen, Rounding::Yuan] {
            let p = with_pool(total, PoolRule::BedsPerYuan, rounding);
            let policy = policy("beds per yuan", vec![p]);
            check_every_set(&policy);
            let (sites, settings) = (sites(), settings());
            let model = BuiltPolicy::new(&sites, &settings, &policy, &candidates(&sites));
            assert_eq!(model.paid_bound(&[true; 6]), None, "no tangent bound");
        }
    }
}

#[test]
fn programmes_with_and_without_pools_add_up() {
    let mut free = literal();
    free.id = "free".into();
    check_every_set(&policy(
        "three",
        vec![
            free.clone(),
            with_pool(1_000_000, PoolRule::ProRata, Rounding::Yuan),
            with_pool(900_000, PoolRule::BedsPerYuan, Rounding::Fen),
        ],
    ));
    check_every_set(&policy(
        "two",
        vec![free, with_pool(1_000_000, PoolRule::ProRata, Rounding::Fen)],
    ));
}

#[test]
fn claims_are_subsidy_for_and_nothing_is_paid_unbuilt() {
    let (sites, settings) = (sites(), settings());
    let cands = candidates(&sites);
    let policy = policy("two", vec![pooled(Fen(1), PoolRule::ProRata), literal()]);
    let model = BuiltPolicy::new(&sites, &settings, &policy, &cands);
    assert!(model.has_pool());
    assert_eq!(model.candidates(), 6);
    let want: Vec<Fen> = cands
        .iter()
        .map(|&i| subsidy_for(&sites[i], &settings, &policy).total)
        .collect();
    assert_eq!(model.claims(), want);
    // C1: 320,000 yuan per programme (800 × 400 m², under 30% of 3,000,000); the failed review
    // and the unsafe conversion claim nothing.
    assert_eq!(model.claims()[0], yuan(2 * 320_000));
    assert_eq!(&model.claims()[4..], [Fen::ZERO, Fen::ZERO]);
    let none = model.subsidy(&[]);
    assert_eq!(none.paid, vec![Fen::ZERO; 6]);
    assert_eq!(none.pools[0].standing_loss(), Fen::ZERO);
    assert_eq!(none.pools[0].built_requested, Fen::ZERO);
    // With all built, a pool of one fen pays nobody anything and keeps its fen; the other
    // programme pays C1 its request.
    let all = model.subsidy(&[true; 6]);
    assert_eq!(all.paid[0], yuan(320_000));
    let shift = all.pools[0];
    assert_eq!(
        (shift.standing_with, shift.built_paid),
        (Fen::ZERO, Fen::ZERO)
    );
    assert_eq!(shift.shared.unallocated, Fen(1));
    // Without a pool, each built candidate is paid its claim.
    let mut free = policy.clone();
    free.programmes[0].pool = None;
    let model = BuiltPolicy::new(&sites, &settings, &free, &cands);
    assert!(!model.has_pool());
    assert_eq!(model.subsidy(&[true; 6]).paid, want);
}
