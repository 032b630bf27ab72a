//! The budget curve of the 2022 expansion sample: the plan solved again at fractions of its
//! budget of 60 million yuan, where Zhouxiang (周巷镇) must reach 15,800 beds.

use dormplan::Error;
use dormplan::figures::AllocationFigures;
use dormplan::io::load_base;
use dormplan::model::{Fen, Loaded};
use dormplan::plan::curve::{BudgetPoint, budget_curve};
use dormplan::plan::{self, Plan, PlanOptions};
use std::path::Path;
use std::sync::OnceLock;

const BUDGET: Fen = Fen(6_000_000_000);

fn sample() -> Loaded {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/cixi-2022-expansion.toml");
    load_base(&path).expect("the sample loads")
}

fn curve(loaded: &Loaded) -> Vec<BudgetPoint> {
    budget_curve(loaded, &PlanOptions::default()).expect("the curve is solved")
}

/// The sample and its curve, solved once for the tests that only read them.
fn sample_curve() -> &'static (Loaded, Vec<BudgetPoint>) {
    static CURVE: OnceLock<(Loaded, Vec<BudgetPoint>)> = OnceLock::new();
    CURVE.get_or_init(|| {
        let loaded = sample();
        let points = curve(&loaded);
        (loaded, points)
    })
}

fn chosen_ids(loaded: &Loaded, plan: &Plan) -> Vec<String> {
    let sites = &loaded.scenario.dataset.sites;
    plan.chosen().map(|c| sites[c.site].id.clone()).collect()
}

fn housed(loaded: &Loaded, plan: &Plan) -> u64 {
    AllocationFigures::of(&loaded.scenario, &plan.instance, &plan.allocation)
        .total()
        .housed
}

/// The point says what `plan` says: the same projects, people housed, net cost and objective.
fn assert_is_plan(loaded: &Loaded, point: &BudgetPoint, plan: &Plan) {
    let at = point.budget.whole_yuan_grouped();
    assert!(point.feasible, "{at}: {:?}", point.why_infeasible);
    assert_eq!(
        point.chosen.as_deref(),
        Some(&chosen_ids(loaded, plan)[..]),
        "{at}"
    );
    assert_eq!(point.projects, Some(plan.chosen().count()), "{at}");
    assert_eq!(point.beds_added, Some(plan.beds_added()), "{at}");
    assert_eq!(point.housed, Some(housed(loaded, plan)), "{at}");
    assert_eq!(point.net_cost, Some(plan.net_cost()), "{at}");
    assert_eq!(point.objective, Some(plan.objective()), "{at}");
    assert_eq!(point.bound, plan.bound, "{at}");
}

#[test]
fn the_budgets_are_the_documented_multiples_of_the_scenarios() {
    let budgets: Vec<Fen> = sample_curve().1.iter().map(|p| p.budget).collect();
    let expected: Vec<Fen> = [0, 1, 2, 3, 4, 5, 6, 8]
        .map(|q| Fen(BUDGET.0 / 4 * q))
        .to_vec();
    assert_eq!(budgets, expected);
}

#[test]
fn more_money_never_raises_the_objective_and_no_plan_spends_beyond_its_budget() {
    let points = &sample_curve().1;
    let feasible: Vec<&BudgetPoint> = points.iter().filter(|p| p.feasible).collect();
    assert!(feasible.len() >= 2, "{points:#?}");
    for p in &feasible {
        let net = p.net_cost.expect("a feasible point has a net cost");
        assert!(net <= p.budget, "{} > {}", net.0, p.budget.0);
        assert_eq!(p.proven_optimal, Some(true), "{p:#?}");
    }
    for w in feasible.windows(2) {
        assert!(
            w[1].objective <= w[0].objective,
            "{:?} at {} yuan, {:?} at {} yuan",
            w[0].objective,
            w[0].budget,
            w[1].objective,
            w[1].budget
        );
        assert!(w[1].housed >= w[0].housed, "{:#?}", w);
    }
}

#[test]
fn each_point_is_the_plan_chosen_again_at_its_budget() {
    let (loaded, points) = sample_curve();
    for point in points {
        let options = PlanOptions {
            budget: Some(point.budget),
            ..PlanOptions::default()
        };
        match plan::choose(loaded, &options) {
            Ok(plan) => assert_is_plan(loaded, point, &plan),
            Err(Error::Infeasible(why)) => {
                assert!(!point.feasible, "{point:#?}");
                assert_eq!(point.why_infeasible.as_deref(), Some(why.as_str()));
            }
            Err(e) => panic!("{}: {e}", point.budget),
        }
    }
}

#[test]
fn the_scenarios_own_budget_is_marked_and_is_the_plain_plan() {
    let (loaded, points) = sample_curve();
    let marked: Vec<&BudgetPoint> = points.iter().filter(|p| p.is_scenario_budget).collect();
    assert_eq!(marked.len(), 1, "{points:#?}");
    assert_eq!(marked[0].budget, BUDGET);
    let plain = plan::choose(loaded, &PlanOptions::default()).expect("the sample plans");
    assert_is_plan(loaded, marked[0], &plain);
}

#[test]
fn a_budget_given_in_the_options_is_the_one_the_curve_is_drawn_around() {
    let loaded = sample();
    let options = PlanOptions {
        budget: Some(Fen(4_000_000_000)),
        ..PlanOptions::default()
    };
    let points = budget_curve(&loaded, &options).expect("the curve is solved");
    assert_eq!(points.len(), 8);
    assert_eq!(points.last().map(|p| p.budget), Some(Fen(8_000_000_000)));
    let marked: Vec<Fen> = points
        .iter()
        .filter(|p| p.is_scenario_budget)
        .map(|p| p.budget)
        .collect();
    assert_eq!(marked, [Fen(4_000_000_000)]);
}

#[test]
fn nothing_to_spend_is_infeasible_where_a_town_needs_a_project() {
    let points = &sample_curve().1;
    let zero = &points[0];
    assert_eq!(zero.budget, Fen::ZERO);
    assert!(!zero.feasible);
    let why = zero.why_infeasible.as_deref().unwrap_or_default();
    assert!(why.contains("minimum beds"), "{why}");
    assert_eq!(
        (
            zero.chosen.as_ref(),
            zero.housed,
            zero.net_cost,
            zero.objective
        ),
        (None, None, None, None)
    );
    assert!(points[1..].iter().all(|p| p.feasible), "{points:#?}");
}

#[test]
fn nothing_to_spend_builds_nothing_without_a_minimum() {
    let mut loaded = sample();
    loaded.scenario.settings.plan.min_beds.clear();
    let points = curve(&loaded);
    let zero = &points[0];
    assert_eq!(zero.budget, Fen::ZERO);
    assert_eq!(zero.projects, Some(0), "{zero:#?}");
    assert_eq!(zero.chosen.as_deref(), Some(&[][..]));
    assert_eq!(zero.net_cost, Some(Fen::ZERO));
    let plain = plan::choose(&loaded, &PlanOptions::default()).expect("the sample plans");
    let baseline =
        AllocationFigures::of(&loaded.scenario, &plain.baseline_instance, &plain.baseline);
    assert_eq!(zero.housed, Some(baseline.total().housed));
    assert_eq!(zero.objective, Some(plain.baseline.objective));
}

#[test]
fn without_a_budget_the_curve_is_drawn_around_what_the_plan_spends() {
    let mut loaded = sample();
    loaded.scenario.settings.plan.budget = None;
    let unlimited = plan::choose(&loaded, &PlanOptions::default()).expect("the sample plans");
    let spent = unlimited.net_cost();
    assert!(spent > BUDGET, "more than the budget buys more");
    let points = curve(&loaded);
    let marked: Vec<&BudgetPoint> = points.iter().filter(|p| p.is_scenario_budget).collect();
    assert_eq!(marked.len(), 1, "{points:#?}");
    assert_eq!(marked[0].budget, spent);
    assert_is_plan(&loaded, marked[0], &unlimited);
    // Beyond what the plan spends without a budget, money buys nothing more.
    for p in points.iter().filter(|p| p.budget > spent) {
        assert_eq!(p.objective, marked[0].objective, "{p:#?}");
        assert_eq!(p.chosen, marked[0].chosen, "{p:#?}");
    }
}

#[test]
fn the_curve_is_the_same_every_time() {
    let (loaded, points) = sample_curve();
    let a = serde_json::to_string(points).expect("serialises");
    let b = serde_json::to_string(&curve(loaded)).expect("serialises");
    assert_eq!(a, b);
    assert!(a.contains(r#""budget_yuan":"60000000.00""#), "{a}");
}

#[test]
fn a_minimum_no_money_can_meet_makes_every_point_infeasible_or_fails_without_a_budget() {
    let mut loaded = sample();
    // More beds than Zhouxiang has with every candidate built.
    loaded
        .scenario
        .settings
        .plan
        .min_beds
        .insert("330282121".into(), 1_000_000);
    let points = curve(&loaded);
    assert_eq!(points.len(), 8);
    assert!(points.iter().all(|p| !p.feasible), "{points:#?}");
    loaded.scenario.settings.plan.budget = None;
    match budget_curve(&loaded, &PlanOptions::default()) {
        Err(Error::Infeasible(why)) => assert!(why.contains("周巷镇"), "{why}"),
        other => panic!("{other:?}"),
    }
}
