//! Scenarios side by side: the figures of one scenario ([`ScenarioMetrics`](crate::metrics::ScenarioMetrics), computed once by
//! [`measure()`](crate::metrics::measure)), sweeps over its variants ([`measure_all`](crate::metrics::measure_all)), differences between two
//! ([`differences()`](crate::metrics::differences)) and sites ranked within each town ([`rank_by_town`](crate::metrics::rank_by_town)).
//!
//! # What the figures mean
//!
//! - **Beds, occupants, subsidy and cost** count where the sites are; **demand, housed,
//!   unhoused and commutes** count where people work (their group's town).
//! - The sites counted are those the allocation may use: the scenario's supply (or the supply
//!   and the projects a plan opens, through a [`Solver`](crate::metrics::Solver)).
//! - **Subsidy** is evaluated over every site of the dataset, exactly as `dormplan subsidy`
//!   does (so pools are shared among the same projects), then summed over the counted sites:
//!   *eligible* is what is paid, *potential* what would be paid once open conditions (review,
//!   safety) are settled.
//! - **Net cost** ([`crate::subsidy::net_cost`], after pools) is construction cost less
//!   subsidy over the candidate projects built — by the plan, or counted as supply — so that a
//!   sweep reports the same net cost as `dormplan plan` for the same plan whenever no pool is
//!   short (planning nets before pools); **net cost per bed** divides it by those
//!   sites' beds, rounded down to the fen. Sites without a cost (most dormitories) are left out
//!   of both rather than counted as free.
//! - **Shadow price** is how much the allocation objective falls with one more bed at a site:
//!   the scenario's cost unit ([`CostUnit`](crate::model::CostUnit): metres of commute, or a
//!   cost matrix's seconds); housing someone otherwise
//!   unhoused saves the unhoused penalty less their commute.
//!
//! All money is exact in fen and all commutes in whole metres, so differences are exact and
//! the same inputs give the same figures whatever the number of threads.

/// Differences between two scenarios, in total and by town.
pub mod delta;
/// The measures sweeps and comparisons show, with their units.
pub mod measures;
/// Sites ranked within each town by one measure.
pub mod rank;
/// The metrics of one scenario, computed once.
pub mod scenario;
/// Many scenarios measured in parallel, in input order.
pub mod sweep;

pub use delta::{Comparison, Row, TownRows, differences};
pub use measures::{Measure, Unit, notes};
pub use rank::{RankKey, TownRanking, rank_by_town};
pub use scenario::{
    ScenarioMetrics, SiteMetrics, Solver, TownMetrics, UsableSites, measure, measure_with,
    scenario_solver, supply_solver,
};
pub use sweep::measure_all;
