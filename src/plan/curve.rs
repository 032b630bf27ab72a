//! The budget curve (预算曲线): the plan solved again at a fixed set of budgets around the one
//! it is made with, so that a report can draw people housed and net cost against the budget.
//!
//! # The budgets
//!
//! The **reference budget** is the one the plan is made with:
//! [`PlanOptions::budget`](crate::plan::PlanOptions::budget) when given, else the scenario's
//! `[plan] budget_yuan`. The curve is solved at the reference times each of
//! [`BUDGET_QUARTERS`](crate::plan::curve::BUDGET_QUARTERS) quarters (0, ¼, ½, ¾, 1, 1¼, 1½ and
//! 2 times), each rounded down to the fen, duplicates removed, in ascending order
//! ([`curve_budgets`](crate::plan::curve::curve_budgets)). The point at the reference itself is
//! marked ([`BudgetPoint`](crate::plan::curve::BudgetPoint)`::is_scenario_budget`).
//!
//! A scenario without a budget (unlimited) has none to take fractions of: its plan is chosen
//! first without one, and the reference is what that plan spends, its net cost after pools (0
//! when that is negative). It is the least budget within which that plan can be chosen, so the
//! curve rises to it and stays flat beyond; the point at the reference is the one marked as the
//! scenario's.
//!
//! # Infeasible budgets
//!
//! Where no set of candidates meets every town's minimum beds within a budget (a minimum that
//! needs a project cannot be met with nothing to spend), the plan fails with
//! [`Error::Infeasible`](crate::Error::Infeasible); on the curve that budget is a point marked
//! infeasible, with the reason and without figures, and the other budgets are solved as
//! usual. Any other error fails the whole curve, as does an infeasible plan without a budget
//! (no budget can help it).
//!
//! Each point is exactly the plan [`choose`](crate::plan::choose) makes at its budget, with the
//! other options as given; the budgets are solved in parallel, and the curve is the same
//! whatever order they finish in.

use super::{Plan, PlanOptions, choose};
use crate::error::{Error, Result};
use crate::figures::AllocationFigures;
use crate::model::{Fen, Loaded};
use rayon::prelude::*;
use serde::{Serialize, Serializer};
use std::fmt::Display;

/// The curve's budgets, in quarters of the reference budget: 0, ¼, ½, ¾, 1, 1¼, 1½, 2.
pub const BUDGET_QUARTERS: [i64; 8] = [0, 1, 2, 3, 4, 5, 6, 8];

/// The plan at one budget of the curve. Money is written in yuan with two decimals, and the
/// objective and its bound as whole numbers in text, as the plan's own files write them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BudgetPoint {
    /// The budget, net of subsidy.
    #[serde(rename = "budget_yuan", serialize_with = "text")]
    pub budget: Fen,
    /// This is the budget the plan is made with (see the [module](self) for a scenario
    /// without one).
    pub is_scenario_budget: bool,
    /// Some set of candidates meets every town's minimum beds within the budget. When not,
    /// every figure below is absent.
    pub feasible: bool,
    /// Why the budget is infeasible, in the plan's words (English).
    pub why_infeasible: Option<String>,
    /// Site ids of the projects chosen, in file order.
    #[serde(rename = "chosen_sites", serialize_with = "joined")]
    pub chosen: Option<Vec<String>>,
    /// How many projects are chosen.
    pub projects: Option<usize>,
    /// Beds the chosen projects add at the plan standard.
    pub beds_added: Option<i64>,
    /// Net cost of the chosen projects after pools ([`Plan::net_cost`]).
    #[serde(rename = "net_cost_yuan", serialize_with = "opt_text")]
    pub net_cost: Option<Fen>,
    /// People housed with the chosen projects built.
    pub housed: Option<u64>,
    /// People left unhoused.
    pub unhoused: Option<u64>,
    /// The exact allocation objective ([`Plan::objective`]).
    #[serde(serialize_with = "opt_text")]
    pub objective: Option<i128>,
    /// Its lower bound, when known ([`Plan::bound`]).
    #[serde(serialize_with = "opt_text")]
    pub bound: Option<i128>,
    /// Objective minus bound, when a bound is known ([`Plan::gap`]).
    #[serde(serialize_with = "opt_text")]
    pub gap: Option<i128>,
    /// The gap is zero: no set of candidates within the budget does better.
    pub proven_optimal: Option<bool>,
    /// How optimality is known ([`Proof::as_str`](crate::plan::Proof::as_str)).
    pub proof: Option<&'static str>,
}

impl BudgetPoint {
    /// The point of the plan made at `budget`.
    fn of(loaded: &Loaded, budget: Fen, is_scenario_budget: bool, plan: &Plan) -> BudgetPoint {
        let figures = AllocationFigures::of(&loaded.scenario, &plan.instance, &plan.allocation);
        let sites = &loaded.scenario.dataset.sites;
        BudgetPoint {
            budget,
            is_scenario_budget,
            feasible: true,
            why_infeasible: None,
            chosen: Some(plan.chosen().map(|c| sites[c.site].id.clone()).collect()),
            projects: Some(plan.chosen().count()),
            beds_added: Some(plan.beds_added()),
            net_cost: Some(plan.net_cost()),
            housed: Some(figures.total().housed),
            unhoused: Some(figures.total().unhoused),
            objective: Some(plan.objective()),
            bound: plan.bound,
            gap: plan.gap(),
            proven_optimal: Some(plan.gap() == Some(0)),
            proof: Some(plan.proof.as_str()),
        }
    }

    /// The point of a budget at which no plan is feasible, for `why`.
    fn infeasible(budget: Fen, is_scenario_budget: bool, why: String) -> BudgetPoint {
        BudgetPoint {
            budget,
            is_scenario_budget,
            feasible: false,
            why_infeasible: Some(why),
            chosen: None,
            projects: None,
            beds_added: None,
            net_cost: None,
            housed: None,
            unhoused: None,
            objective: None,
            bound: None,
            gap: None,
            proven_optimal: None,
            proof: None,
        }
    }
}

/// The budgets of the curve around `reference`: `reference` times each of
/// [`BUDGET_QUARTERS`] quarters, rounded down to the fen, without duplicates, ascending.
pub fn curve_budgets(reference: Fen) -> Vec<Fen> {
    let mut budgets: Vec<Fen> = BUDGET_QUARTERS
        .iter()
        .map(|&q| {
            let fen = i128::from(reference.0) * i128::from(q) / 4;
            Fen(i64::try_from(fen).unwrap_or(if fen < 0 { i64::MIN } else { i64::MAX }))
        })
        .collect();
    budgets.sort();
    budgets.dedup();
    budgets
}

/// The budget curve of a loaded scenario: the plan [`choose`] makes at each of the curve's
/// budgets (see the [module](self)), with `options` but for the budget, solved in parallel on
/// the current rayon pool, in ascending order of budget.
///
/// A budget at which the plan is infeasible is a point marked infeasible. Fails on any other
/// error of a plan, and with [`Error::Infeasible`] when the scenario has no budget and its
/// plan is infeasible.
pub fn budget_curve(loaded: &Loaded, options: &PlanOptions) -> Result<Vec<BudgetPoint>> {
    let reference = match options.budget.or(loaded.scenario.settings.plan.budget) {
        Some(budget) => budget,
        None => choose(loaded, options)?.net_cost().max(Fen::ZERO),
    };
    curve_budgets(reference)
        .into_par_iter()
        .map(|budget| {
            let is_scenario_budget = budget == reference;
            let at = PlanOptions {
                budget: Some(budget),
                ..*options
            };
            match choose(loaded, &at) {
                Ok(plan) => Ok(BudgetPoint::of(loaded, budget, is_scenario_budget, &plan)),
                Err(Error::Infeasible(why)) => {
                    Ok(BudgetPoint::infeasible(budget, is_scenario_budget, why))
                }
                Err(e) => Err(e),
            }
        })
        .collect()
}

/// Writes a value as its text: money as yuan with two decimals, large integers in full.
fn text<S: Serializer, T: Display>(value: &T, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(value)
}

/// [`text`], or nothing.
fn opt_text<S: Serializer, T: Display>(
    value: &Option<T>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.collect_str(v),
        None => s.serialize_none(),
    }
}

/// Site ids separated by `;`, as other lists in the outputs are, or nothing.
fn joined<S: Serializer>(ids: &Option<Vec<String>>, s: S) -> std::result::Result<S::Ok, S::Error> {
    opt_text(&ids.as_ref().map(|ids| ids.join(";")), s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_are_quarters_rounded_down_sorted_and_distinct() {
        let cases: [(&str, i64, &[i64]); 4] = [
            (
                "sixty million yuan",
                6_000_000_000,
                &[
                    0,
                    1_500_000_000,
                    3_000_000_000,
                    4_500_000_000,
                    6_000_000_000,
                    7_500_000_000,
                    9_000_000_000,
                    12_000_000_000,
                ],
            ),
            ("a fen: ¼, ½ and ¾ round down to 0", 1, &[0, 1, 2]),
            ("three fen", 3, &[0, 1, 2, 3, 4, 6]),
            ("nothing to spend", 0, &[0]),
        ];
        for (name, reference, expected) in cases {
            let got: Vec<i64> = curve_budgets(Fen(reference)).iter().map(|f| f.0).collect();
            assert_eq!(got, expected, "{name}");
        }
    }

    #[test]
    fn an_infeasible_point_has_no_figures_and_writes_empty_fields() {
        let p = BudgetPoint::infeasible(Fen(150), true, "short".into());
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["budget_yuan"], "1.50");
        assert_eq!(json["feasible"], false);
        assert!(json["chosen_sites"].is_null());
        assert!(json["housed"].is_null() && json["net_cost_yuan"].is_null());
    }
}
