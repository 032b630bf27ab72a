//! Planning cases written out by hand: why a candidate cannot be planned, a project that
//! pays for itself, and more candidates than the exact search takes.

mod plan_fixtures;

use dormplan::alloc::Reason;
use dormplan::model::policy::{Pool, PoolRule};
use dormplan::model::{Area, ExpertReview, Fen, Site, SiteKind, SiteStatus};
use dormplan::plan::{
    self, KeepTogether, Method, PlanOptions, Proof, Unplannable, candidates, exact,
};
use dormplan::subsidy;
use plan_fixtures::{CandidateSpec, GroupSpec, Spot, SupplySpec, World};
use std::sync::atomic::{AtomicU64, Ordering};

fn candidate(at: Spot, beds: u32, cost_yuan: Option<i64>) -> CandidateSpec {
    CandidateSpec {
        at,
        town: 0,
        beds,
        conversion: false,
        cost_yuan,
        in_window: true,
    }
}

fn world(candidates: Vec<CandidateSpec>, budget_yuan: Option<i64>) -> World {
    World {
        supply: vec![SupplySpec {
            at: Spot(500, 500),
            town: 0,
            beds: 10,
        }],
        candidates,
        groups: vec![GroupSpec {
            at: Spot(500, 500),
            town: 0,
            people: 40,
            priority: 0,
            keep_together: false,
        }],
        cutoff_km: 12.0,
        penalty_m: 20_000,
        budget_yuan,
        min_beds_extra: None,
        with_policy: true,
    }
}

#[test]
fn each_reason_a_candidate_cannot_be_planned() {
    type Change = fn(&mut dormplan::model::Loaded);
    let cases: [(&str, Change, Option<Unplannable>); 5] = [
        ("plannable", |_| {}, None),
        (
            "no cost",
            |l| std::sync::Arc::make_mut(&mut l.scenario.dataset).sites[1].cost = None,
            Some(Unplannable::NoCost),
        ),
        (
            "no beds at the standard",
            |l| {
                let s = &mut std::sync::Arc::make_mut(&mut l.scenario.dataset).sites[1];
                s.beds = Some(0);
            },
            Some(Unplannable::NoBeds),
        ),
        (
            "kind left out",
            |l| {
                l.scenario.settings.standard.include_kind = vec![SiteKind::MigrantApartment];
            },
            Some(Unplannable::KindExcluded),
        ),
        (
            "candidates counted as supply",
            |l| {
                l.scenario
                    .settings
                    .standard
                    .include_status
                    .push(SiteStatus::Candidate);
            },
            Some(Unplannable::CountedAsSupply),
        ),
    ];
    for (name, change, want) in cases {
        let mut loaded = world(vec![candidate(Spot(510, 500), 30, Some(1_000_000))], None).loaded();
        change(&mut loaded);
        let c = candidates(&loaded.scenario);
        assert_eq!(c.len(), 1, "{name}");
        assert_eq!(c[0].unplannable, want, "{name}");
        let p = plan::choose(&loaded, &PlanOptions::default()).expect(name);
        assert_eq!(p.chosen().count(), usize::from(want.is_none()), "{name}");
    }
}

#[test]
fn a_conversion_that_pays_for_itself_is_built_on_a_zero_budget() {
    // 20 beds: 160 m² residential, 200 m² gross; 600 yuan/m² = 120,000 yuan of subsidy
    // against a cost of 50,000: the city gains 70,000 by building it.
    let mut c = candidate(Spot(505, 500), 20, Some(50_000));
    c.conversion = true;
    let loaded = world(vec![c], Some(0)).loaded();
    let p = plan::choose(&loaded, &PlanOptions::default()).expect("a plan");
    assert_eq!(p.chosen().count(), 1);
    assert_eq!(p.net_cost().0, (50_000 - 120_000) * 100);
    assert_eq!(p.subsidy().0, 120_000 * 100);
    assert_eq!(p.beds_added(), 20);
}

#[test]
fn counting_the_flow_problems_solved_changes_nothing_of_the_plan() {
    // Three candidates, money for two: the search must solve flow problems to choose.
    let cands = (0..3)
        .map(|i| {
            candidate(
                Spot(400 + 40 * i, 520),
                10,
                Some(100_000 + 1_000 * i as i64),
            )
        })
        .collect();
    let loaded = world(cands, Some(200_000)).loaded();
    let solved = AtomicU64::new(0);
    let counted = plan::choose_counting(&loaded, &PlanOptions::default(), &solved).expect("a plan");
    let plain = plan::choose(&loaded, &PlanOptions::default()).expect("a plan");
    assert!(solved.load(Ordering::Relaxed) > 0, "nothing was counted");
    assert_eq!(counted.chosen().count(), plain.chosen().count());
    assert_eq!(counted.net_cost(), plain.net_cost());
    assert_eq!(counted.objective(), plain.objective());
}

#[test]
fn beyond_the_exact_search_the_solver_bound_is_reported() {
    // One more candidate than the exact search takes, with money for all but the last two:
    // each has 2 beds and a subsidy of 16,000 (800 yuan/m² of 20 m²), and the i-th costs
    // 100,000 + 1,000·i, so it nets 84,000 + 1,000·i.
    let n = exact::MAX_CHOICES + 1;
    let cands = (0..n)
        .map(|i| {
            candidate(
                Spot(400 + 8 * i as u16, 520),
                2,
                Some(100_000 + 1_000 * i as i64),
            )
        })
        .collect();
    let net_all: i64 = (0..n as i64).map(|i| 84_000 + 1_000 * i).sum();
    let budget = net_all - (84_000 + 1_000 * (n as i64 - 1)) - (84_000 + 1_000 * (n as i64 - 2));
    let mut w = world(cands, Some(budget));
    // A keep-together group of 5 by the candidates: the program holds it whole.
    w.groups.push(GroupSpec {
        at: Spot(450, 520),
        town: 0,
        people: 5,
        priority: 0,
        keep_together: true,
    });
    let loaded = w.loaded();
    let program = PlanOptions {
        method: Some(Method::Program),
        ..PlanOptions::default()
    };
    let p = plan::choose(&loaded, &program).expect("a plan");
    assert_eq!(p.proof, Proof::Solver);
    let proposal = p.mip.as_ref().expect("the program's proposal");
    assert_eq!(proposal.outcome.keep_together, KeepTogether::Whole);
    assert!(p.net_cost().0 <= budget * 100);
    // 45 people: 10 stand and 18 new candidates house the other 35.
    assert!(p.chosen().count() >= 18);
    let bound = p.bound.expect("the solver's bound");
    assert!(bound <= p.objective());
    assert_eq!(p.allocation.unhoused.iter().sum::<i64>(), 0);

    // By default, beyond the exact search, Benders decomposition proves its plan optimal: no
    // worse than the program's, and housing everyone.
    let b = plan::choose(&loaded, &PlanOptions::default()).expect("a plan");
    assert!(matches!(b.proof, Proof::Benders { .. }), "{:?}", b.proof);
    assert!(b.mip.is_none());
    assert_eq!(b.bound, Some(b.objective()));
    assert!(b.objective() <= p.objective());
    assert!(b.net_cost().0 <= budget * 100);
    assert_eq!(b.allocation.unhoused.iter().sum::<i64>(), 0);
}

#[test]
fn people_near_only_an_unbuilt_candidate_have_no_site_in_range() {
    // The standing site is 9 km away, beyond the 3 km cutoff; the candidate is next door but
    // there is no money for it.
    let mut w = world(
        vec![candidate(Spot(505, 500), 30, Some(1_000_000))],
        Some(0),
    );
    w.supply[0].at = Spot(1000, 1000);
    w.cutoff_km = 3.0;
    let loaded = w.loaded();
    let p = plan::choose(&loaded, &PlanOptions::default()).expect("a plan");
    assert_eq!(p.chosen().count(), 0);
    assert_eq!(p.allocation.unhoused, vec![40]);
    assert_eq!(p.allocation.reasons, vec![Some(Reason::NoSiteInRange)]);
    // With the money, the candidate houses 30 of them.
    let p = plan::choose(
        &loaded,
        &PlanOptions {
            budget: Some(Fen(2_000_000 * 100)),
            ..PlanOptions::default()
        },
    )
    .expect("a plan");
    assert_eq!(p.allocation.unhoused, vec![10]);
    assert_eq!(p.allocation.reasons, vec![Some(Reason::RangeFull)]);
    assert_eq!(p.baseline.reasons, vec![Some(Reason::NoSiteInRange)]);
}

#[test]
fn the_planned_allocation_can_use_supply_and_the_chosen_projects() {
    // Two candidates, money for one: the nearer one (C0) is built.
    let cands = vec![
        candidate(Spot(505, 500), 30, Some(1_000_000)),
        candidate(Spot(900, 900), 30, Some(1_000_000)),
    ];
    let loaded = world(cands, Some(1_000_000)).loaded();
    let (inst, alloc, usable) = plan::planned_allocation(&loaded).expect("a plan");
    let ids: Vec<&str> = usable
        .iter()
        .map(|&i| loaded.scenario.dataset.sites[i].id.as_str())
        .collect();
    assert_eq!(ids, ["S0", "C0"]);
    assert_eq!(inst.sites, usable);
    assert_eq!(alloc.unhoused, vec![0]);
}

#[test]
fn beyond_the_exact_search_the_program_is_cut_until_the_pool_leaves_it_within_budget() {
    // 30 people with nowhere to go within the 3 km cutoff but two candidates next door (the 10
    // standing beds are theirs too) and 23 more candidates 6 km away that are no use to them:
    // more than the exact search takes. A: 30 beds (300 m² gross), cost 1,000,000, claims
    // min(800 × 300, 30% × 1,000,000) = 240,000, nets 760,000 before pools. B: 20 beds, cost
    // 700,000, claims min(800 × 200, 210,000) = 160,000, nets 540,000. Budget 780,000: A or B.
    let mut cands = vec![
        candidate(Spot(505, 500), 30, Some(1_000_000)),
        candidate(Spot(495, 500), 20, Some(700_000)),
    ];
    cands.extend(
        (0..exact::MAX_CHOICES - 1).map(|i| candidate(Spot(8 * i as u16, 0), 2, Some(100_000))),
    );
    let mut w = world(cands, Some(780_000));
    w.cutoff_km = 3.0;
    w.groups[0].people = 40;
    let mut loaded = w.loaded();
    let program = PlanOptions {
        method: Some(Method::Program),
        ..PlanOptions::default()
    };
    let pool_cuts = |p: &plan::Plan| p.mip.as_ref().map(|m| m.outcome.pool_cuts);
    // Without a pool the program's choice, A, is the plan: everyone housed.
    let p = plan::choose(&loaded, &program).expect("a plan");
    assert_eq!(p.chosen().map(|c| c.site).collect::<Vec<_>>(), [1]);
    assert_eq!(pool_cuts(&p), Some(0));

    // A standing project, reviewed, with no bed to offer, requests 1,000,000 yuan (800 yuan ×
    // 1,250 m²) from a pool of 1,050,000 shared pro rata. Built, A would get 240,000 ×
    // 1,050,000 / 1,240,000 = 203,225.80 yuan and net 796,774.20, over the budget; B gets
    // 160,000 × 1,050,000 / 1,160,000 = 144,827.58 and nets 555,172.42.
    let mut standing = loaded.scenario.dataset.sites[1].clone();
    standing.id = "R".into();
    standing.status = SiteStatus::Existing;
    standing.expert_review = ExpertReview::Passed;
    standing.gross = Area::from_m2(1_250.0).unwrap();
    standing.beds = Some(0);
    standing.cost = Some(Fen(10_000_000 * 100));
    std::sync::Arc::make_mut(&mut loaded.scenario.dataset)
        .sites
        .push(standing);
    let policy = loaded.scenario.policy.as_mut().expect("a policy");
    policy.programmes[0].pool = Some(Pool {
        total: Fen(1_050_000 * 100),
        rule: PoolRule::ProRata,
    });
    let p = plan::choose(&loaded, &program).expect("a plan");
    assert_eq!(p.proof, Proof::Solver);
    // The tangent at A: a pool P with standing requests E pays new requests x in all
    // P·x / (E + x), whose slope at A's 240,000 is P·E / (E + x)² = 0.683; A's row is then
    // 1,000,000 − 0.683 × 240,000 = 836,104 against 780,000 + 203,226 − 0.683 × 240,000 =
    // 819,331 yuan, so one cut leaves B.
    assert_eq!(pool_cuts(&p), Some(1));
    // Benders decomposition meets the same cut and chooses the same.
    let b = plan::choose(&loaded, &PlanOptions::default()).expect("a plan");
    assert!(matches!(b.proof, Proof::Benders { .. }), "{:?}", b.proof);
    assert_eq!(b.chosen().map(|c| c.site).collect::<Vec<_>>(), [2]);
    assert_eq!(b.net_cost(), Fen(55_517_242));
    assert_eq!(p.chosen().map(|c| c.site).collect::<Vec<_>>(), [2]);
    assert_eq!(p.net_cost(), Fen(55_517_242));
    assert_eq!(p.allocation.unhoused, vec![10]);
    let pool = &p.pools.as_ref().expect("the pool's figures").pools[0];
    assert_eq!(pool.built_paid, Fen(14_482_758));

    // What `dormplan subsidy` pays with the plan built: the unchosen candidates removed, the
    // chosen one reviewed.
    let sites = &loaded.scenario.dataset.sites;
    let built: Vec<Site> = sites
        .iter()
        .filter(|s| s.status != SiteStatus::Candidate || s.id == "C1")
        .map(|s| Site {
            expert_review: ExpertReview::Passed,
            ..s.clone()
        })
        .collect();
    let policy = loaded.scenario.policy.as_ref().unwrap();
    let outcomes = subsidy::evaluate_policy(&built, &loaded.scenario.settings, policy);
    let c1 = outcomes[0]
        .projects
        .iter()
        .find(|s| built[s.site].id == "C1")
        .expect("C1 judged");
    assert_eq!(c1.amount, pool.built_paid);
}
