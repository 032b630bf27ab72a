//! The plan against exhaustive enumeration: on small random worlds, the chosen set of
//! candidates has the least exact allocation objective of every set within the budget and the
//! towns' minimums (ties: the least net cost), whichever way the program models keep-together
//! groups; with them whole, the mixed-integer program alone reaches the same optimum. With a
//! pool that a standing project draws on too, a set's net cost is what `evaluate` pays it on
//! the sites with that set built, and the plan is still the best set within the budget.
//! Benders decomposition, which plans with many candidates use, reaches the same optimum.

mod plan_fixtures;

use dormplan::Error;
use dormplan::alloc::{self, Instance};
use dormplan::model::policy::{Pool, PoolRule};
use dormplan::model::{ExpertReview, Fen, Loaded};
use dormplan::model::{Site, SiteKind, SiteStatus};
use dormplan::plan::{self, Backend, KeepTogether, Method, PlanOptions, Proof};
use dormplan::subsidy::{Eligibility, evaluate_policy};
use plan_fixtures::{Spot, TOWNS, world};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// A candidate as the oracle sees it, computed without the planner's code.
struct Option_ {
    id: String,
    cost_fen: i64,
    beds: i64,
    town: usize,
}

/// Every candidate with a cost (the fixtures give every candidate beds).
fn options(loaded: &Loaded) -> Vec<Option_> {
    let sc = &loaded.scenario;
    sc.dataset
        .sites
        .iter()
        .filter(|s| s.status == SiteStatus::Candidate)
        .filter_map(|s| {
            let cost = s.cost?;
            let beds = dormplan::capacity::beds(s, &sc.settings) as i64;
            Some(Option_ {
                id: s.id.clone(),
                cost_fen: cost.0,
                beds,
                town: s.town,
            })
        })
        .collect()
}

/// Net cost of building `ids`: their cost less what the subsidy engine pays them on the sites
/// as they would be with that set built (the other candidates removed; the built ones, which
/// have not applied for review, reviewed), every pool shared among whoever is eligible then.
fn net_built(loaded: &Loaded, chosen: &[&Option_]) -> i128 {
    let sc = &loaded.scenario;
    let ids: BTreeSet<&str> = chosen.iter().map(|o| o.id.as_str()).collect();
    let cost: i128 = chosen.iter().map(|o| i128::from(o.cost_fen)).sum();
    let Some(policy) = &sc.policy else {
        return cost;
    };
    let sites: Vec<Site> = sc
        .dataset
        .sites
        .iter()
        .filter(|s| s.status != SiteStatus::Candidate || ids.contains(s.id.as_str()))
        .map(|s| {
            let mut s = s.clone();
            if s.status == SiteStatus::Candidate {
                s.expert_review = ExpertReview::Passed;
            }
            s
        })
        .collect();
    let paid: i128 = evaluate_policy(&sites, &sc.settings, policy)
        .iter()
        .flat_map(|o| &o.projects)
        .filter(|p| p.eligibility == Eligibility::Eligible)
        .filter(|p| sites[p.site].status == SiteStatus::Candidate)
        .map(|p| i128::from(p.amount.0))
        .sum();
    cost - paid
}

/// One feasible set with its exact objective.
struct Evaluated {
    ids: BTreeSet<String>,
    objective: i128,
    net: i128,
}

/// Every set within the budget and the minimum, evaluated on an instance built for that set
/// alone, with the unhoused costs of the instance with every candidate (so objectives
/// compare).
fn enumerate(loaded: &Loaded) -> Vec<Evaluated> {
    let sc = &loaded.scenario;
    let opts = options(loaded);
    let all: BTreeSet<&str> = opts.iter().map(|o| o.id.as_str()).collect();
    let standing = |s: &Site| s.status == SiteStatus::Existing;
    let full = Instance::build_with(sc, None, |s| standing(s) || all.contains(s.id.as_str()))
        .expect("the full instance");
    let need = sc
        .settings
        .plan
        .min_beds
        .get(TOWNS[0])
        .map(|&n| i64::from(n));
    let standing_town0: i64 = sc
        .dataset
        .sites
        .iter()
        .filter(|s| standing(s) && s.town == 0)
        .map(|s| dormplan::capacity::beds(s, &sc.settings) as i64)
        .sum();
    let mut out = Vec::new();
    for mask in 0u32..(1 << opts.len()) {
        let chosen: Vec<&Option_> = opts
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, o)| o)
            .collect();
        let net = net_built(loaded, &chosen);
        if sc
            .settings
            .plan
            .budget
            .is_some_and(|b| net > i128::from(b.0))
        {
            continue;
        }
        let town0: i64 = chosen.iter().filter(|o| o.town == 0).map(|o| o.beds).sum();
        if need.is_some_and(|n| standing_town0 + town0 < n) {
            continue;
        }
        let ids: BTreeSet<String> = chosen.iter().map(|o| o.id.clone()).collect();
        let mut inst = Instance::build_with(sc, None, |s| standing(s) || ids.contains(&s.id))
            .expect("an instance");
        inst.unhoused_cost = full.unhoused_cost.clone();
        inst.priority_step = full.priority_step;
        let a = alloc::solve(&inst).expect("an allocation");
        assert!(a.is_proven(), "the keep-together search hit its limit");
        out.push(Evaluated {
            ids,
            objective: a.objective,
            net,
        });
    }
    out
}

/// Every feasible set, the plan with `options` and the least objective; `None` (after
/// checking that the plan is infeasible too) when no set is feasible.
fn plan_and_enumerate(
    loaded: &Loaded,
    options: &PlanOptions,
) -> Result<Option<(Vec<Evaluated>, plan::Plan, i128)>, TestCaseError> {
    let sets = enumerate(loaded);
    let result = plan::choose(loaded, options);
    let Some(best) = sets.iter().map(|s| s.objective).min() else {
        prop_assert!(
            matches!(result, Err(Error::Infeasible(_))),
            "no set is feasible, yet the plan gave {:?}",
            result.map(|p| p.objective())
        );
        return Ok(None);
    };
    match result {
        Ok(p) => Ok(Some((sets, p, best))),
        Err(e) => Err(TestCaseError::fail(format!("a feasible world failed: {e}"))),
    }
}

/// The enumerated set the plan chose (failing when it is not a feasible set).
fn chosen_set<'s>(
    loaded: &Loaded,
    sets: &'s [Evaluated],
    p: &plan::Plan,
) -> Result<&'s Evaluated, TestCaseError> {
    let chosen: BTreeSet<String> = p
        .chosen()
        .map(|c| loaded.scenario.dataset.sites[c.site].id.clone())
        .collect();
    sets.iter()
        .find(|s| s.ids == chosen)
        .ok_or_else(|| TestCaseError::fail(format!("the plan {chosen:?} is not feasible")))
}

fn check_plan(
    world: &plan_fixtures::World,
    backend: Backend,
    keep_together: KeepTogether,
) -> Result<(), TestCaseError> {
    check_loaded(&world.loaded(), backend, keep_together)
}

fn check_loaded(
    loaded: &Loaded,
    backend: Backend,
    keep_together: KeepTogether,
) -> Result<(), TestCaseError> {
    let pooled = loaded
        .scenario
        .policy
        .as_ref()
        .is_some_and(|p| p.programmes.iter().any(|g| g.pool.is_some()));
    let options = PlanOptions {
        budget: None,
        backend,
        keep_together: Some(keep_together),
        ..PlanOptions::default()
    };
    let Some((sets, p, best)) = plan_and_enumerate(loaded, &options)? else {
        return Ok(());
    };
    let cheapest = sets
        .iter()
        .filter(|s| s.objective == best)
        .map(|s| s.net)
        .min()
        .expect("an optimal set");
    let mine = chosen_set(loaded, &sets, &p)?;
    prop_assert_eq!(p.objective(), best, "plan objective against enumeration");
    prop_assert_eq!(mine.objective, best, "the chosen set's own objective");
    prop_assert_eq!(mine.net, cheapest, "ties go to the least net cost");
    prop_assert_eq!(i128::from(p.net_cost().0), cheapest);
    let exact = matches!(p.proof, Proof::Exact { .. });
    prop_assert!(exact, "the exact search finished");
    prop_assert_eq!(p.bound, Some(best));
    // The program on its own reaches the same optimum (up to its tolerances); relaxed, a
    // lower bound. Its budget row counts subsidy before pools, so with a pool it is always a
    // relaxation.
    let proposal = p.mip.as_ref().expect("the program's proposal");
    if proposal.outcome.proven && pooled {
        let tol = 1e-6 * (best as f64).abs() + 1e-3;
        prop_assert!(proposal.outcome.objective <= best as f64 + tol);
    } else if proposal.outcome.proven {
        let tol = 1e-6 * (best as f64).abs() + 1e-3;
        let mip = proposal.outcome.objective;
        match keep_together {
            KeepTogether::Whole => {
                prop_assert!(
                    (mip - best as f64).abs() <= tol,
                    "program objective {mip} against enumeration {best}"
                );
                prop_assert_eq!(proposal.exact_objective, best);
            }
            KeepTogether::Relaxed => {
                prop_assert!(mip <= best as f64 + tol, "relaxed {mip} above {best}");
            }
        }
    }
    // Keep-together groups are whole in the plan's allocation.
    for g in 0..p.instance.groups.len() {
        if p.instance.keep_together[g] {
            let sites = p
                .allocation
                .placements
                .iter()
                .filter(|pl| pl.group as usize == g)
                .count();
            prop_assert!(sites <= 1 && (sites == 0 || p.allocation.unhoused[g] == 0));
        }
    }
    Ok(())
}

/// Benders decomposition (what plans with more candidates than the exact search takes use)
/// on the same worlds: the least objective of every feasible set, proven. Among sets of the
/// same objective it may choose any.
fn check_benders(loaded: &Loaded) -> Result<(), TestCaseError> {
    let options = PlanOptions {
        budget: None,
        method: Some(Method::Benders),
        ..PlanOptions::default()
    };
    let Some((sets, p, best)) = plan_and_enumerate(loaded, &options)? else {
        return Ok(());
    };
    let mine = chosen_set(loaded, &sets, &p)?;
    prop_assert_eq!(p.objective(), best, "Benders objective against enumeration");
    prop_assert_eq!(mine.objective, best, "the chosen set's own objective");
    prop_assert_eq!(i128::from(p.net_cost().0), mine.net);
    prop_assert!(
        matches!(p.proof, Proof::Benders { .. }),
        "finished: {:?}",
        p.proof
    );
    prop_assert_eq!(p.bound, Some(best));
    prop_assert!(p.mip.is_none());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn plan_equals_enumeration(w in world()) {
        check_plan(&w, Backend::Microlp, KeepTogether::Relaxed)?;
        check_plan(&w, Backend::Microlp, KeepTogether::Whole)?;
    }

    #[test]
    fn benders_equals_enumeration(w in world()) {
        check_benders(&w.loaded())?;
    }

    #[test]
    fn benders_equals_enumeration_with_a_pool(
        w in world(),
        standing_m2 in 0u32..1_500,
        pool_yuan in 0i64..2_000_000,
        beds_per_yuan in any::<bool>(),
    ) {
        check_benders(&with_pool(&w, standing_m2, pool_yuan, beds_per_yuan))?;
    }

    #[test]
    fn plan_equals_enumeration_with_a_pool(
        w in world(),
        standing_m2 in 0u32..1_500,
        pool_yuan in 0i64..2_000_000,
        beds_per_yuan in any::<bool>(),
    ) {
        let loaded = with_pool(&w, standing_m2, pool_yuan, beds_per_yuan);
        check_loaded(&loaded, Backend::Microlp, KeepTogether::Relaxed)?;
    }
}

/// The world with the policy (always) given a pool, and a standing rental project with no bed,
/// reviewed, that requests 800 yuan per m² of `standing_m2` from it.
fn with_pool(
    w: &plan_fixtures::World,
    standing_m2: u32,
    pool_yuan: i64,
    beds_per_yuan: bool,
) -> Loaded {
    let mut w = w.clone();
    w.with_policy = true;
    let mut loaded = w.loaded();
    let mut standing = plan_fixtures::site(
        "R".into(),
        0,
        Spot(0, 0),
        1,
        SiteKind::RentalNewBuild,
        SiteStatus::Existing,
    );
    standing.gross = dormplan::model::Area::from_m2(f64::from(standing_m2.max(1))).unwrap();
    standing.beds = Some(0);
    standing.cost = Some(Fen(1_000_000_000_000));
    standing.expert_review = ExpertReview::Passed;
    std::sync::Arc::make_mut(&mut loaded.scenario.dataset)
        .sites
        .push(standing);
    let policy = loaded.scenario.policy.as_mut().expect("a policy");
    policy.programmes[0].pool = Some(Pool {
        total: Fen(pool_yuan * 100),
        rule: if beds_per_yuan {
            PoolRule::BedsPerYuan
        } else {
            PoolRule::ProRata
        },
    });
    loaded
}

#[cfg(feature = "highs")]
proptest! {
    #![proptest_config(ProptestConfig::with_cases(80))]

    #[test]
    fn plan_equals_enumeration_with_highs(w in world()) {
        check_plan(&w, Backend::Highs, KeepTogether::Relaxed)?;
        check_plan(&w, Backend::Highs, KeepTogether::Whole)?;
    }
}
