//! Allocation of resident groups to sites: the arcs, the problem, its exact solution, the
//! reasons for everyone unhoused, and an independent check of every answer.

/// The allocation type: placements, the unhoused, shadow prices.
pub mod allocation;
/// Who may live where: the nearest sites in range from an R-tree, or a cost matrix.
pub mod arcs;
/// The independent check every allocation passes before anything is written.
pub mod checker;
/// What stood between an unhoused group and the nearest free bed.
pub mod evidence;
/// The problem in numbers: groups, sites, arcs and unhoused costs.
pub mod instance;
/// The exact solve, with branch and bound for groups that must stay together.
pub mod keep_together;
/// Every pair a group may use, and the exact optimum over all of them.
pub mod pricing;
/// Priority by residence-permit points: lexicographic ranks in the unhoused cost.
pub mod priority;
/// Why each unhoused person is unhoused.
pub mod reasons;
/// Spare dormitory beds shared with other employers' workers, after the normal allocation.
pub mod spare;
/// The keep-together search's flow relaxation, re-solved warm after each decision.
mod warm;

pub use allocation::{Allocation, Duals, Placement, Spare};
pub use checker::check_allocation;
pub use instance::{Arc, Instance};
pub use keep_together::{solve, solve_with_limit};
pub use pricing::{InRange, solve_in_range};
pub use reasons::Reason;

use crate::error::Result;
use crate::flow::FlowError;
use crate::model::Loaded;
use crate::model::Site;

/// The steps of an allocation, as [`allocate_staged`] announces them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Building the instance: the (group, site) pairs in range and their costs.
    Arcs,
    /// Solving: the flow engine, and the keep-together search when a group must stay whole.
    Solving,
    /// The independent check.
    Checking,
}

/// Builds, solves and checks the allocation of a loaded scenario over the sites `usable`
/// accepts (the scenario's supply for `allocate`; supply plus opened candidates for `plan`).
pub fn allocate_with(
    loaded: &Loaded,
    usable: &dyn Fn(&Site) -> bool,
) -> Result<(Instance, Allocation)> {
    allocate_staged(loaded, usable, &mut |_| {})
}

/// [`allocate_with`], saying to `step` which step begins.
pub fn allocate_staged(
    loaded: &Loaded,
    usable: &dyn Fn(&Site) -> bool,
    step: &mut dyn FnMut(Step),
) -> Result<(Instance, Allocation)> {
    let (inst, alloc) = solve_staged(loaded, usable, step)?;
    step(Step::Checking);
    check_allocation(
        &loaded.scenario,
        loaded.cost_matrix.as_ref(),
        &inst,
        &alloc,
        usable,
    )?;
    Ok((inst, alloc))
}

/// [`allocate_staged`] without the check: the allocation is not to be shown until
/// [`check_allocation`] has passed it (for `allocate`, which checks while its files are
/// built: [`check_supply`]).
pub fn solve_staged(
    loaded: &Loaded,
    usable: &dyn Fn(&Site) -> bool,
    step: &mut dyn FnMut(Step),
) -> Result<(Instance, Allocation)> {
    let scenario = &loaded.scenario;
    let matrix = loaded.cost_matrix.as_ref();
    step(Step::Arcs);
    let mut inst = Instance::build_with(scenario, matrix, usable)?;
    let pairs = InRange::new(scenario, matrix, &inst);
    step(Step::Solving);
    let alloc = solve_in_range(&mut inst, &pairs, keep_together::NODE_LIMIT)?;
    let alloc = spare::share_spare_beds(
        scenario,
        &mut inst,
        &pairs,
        alloc,
        keep_together::NODE_LIMIT,
    )?;
    Ok((inst, alloc))
}

/// [`solve_staged`] over the scenario's supply: the allocation to check with
/// [`check_supply`].
pub fn solve_supply_staged(
    loaded: &Loaded,
    step: &mut dyn FnMut(Step),
) -> Result<(Instance, Allocation)> {
    let settings = &loaded.scenario.settings;
    solve_staged(
        loaded,
        &|site| crate::capacity::in_supply(site, settings),
        step,
    )
}

/// [`check_allocation`] of an allocation over the scenario's supply
/// ([`solve_supply_staged`]).
pub fn check_supply(loaded: &Loaded, inst: &Instance, alloc: &Allocation) -> Result<()> {
    let settings = &loaded.scenario.settings;
    check_allocation(
        &loaded.scenario,
        loaded.cost_matrix.as_ref(),
        inst,
        alloc,
        &|site| crate::capacity::in_supply(site, settings),
    )
}

/// Builds, solves and checks the allocation of a loaded scenario over its supply.
pub fn allocate_supply(loaded: &Loaded) -> Result<(Instance, Allocation)> {
    allocate_supply_staged(loaded, &mut |_| {})
}

/// [`allocate_supply`], saying to `step` which step begins.
pub fn allocate_supply_staged(
    loaded: &Loaded,
    step: &mut dyn FnMut(Step),
) -> Result<(Instance, Allocation)> {
    let settings = &loaded.scenario.settings;
    allocate_staged(
        loaded,
        &|site| crate::capacity::in_supply(site, settings),
        step,
    )
}

/// A refusal of the flow engine as dormplan reports it: amounts and costs beyond the engine's
/// exact range come from absurd input ([`crate::Error::TooLarge`]); anything else means dormplan built
/// a network wrongly ([`crate::Error::Engine`]).
impl From<FlowError> for crate::Error {
    fn from(e: FlowError) -> crate::Error {
        match e {
            FlowError::CostTooLarge { .. }
            | FlowError::AmountOutOfRange { .. }
            | FlowError::TotalOutOfRange { .. }
            | FlowError::TooLarge(_) => {
                crate::Error::TooLarge(format!("the allocation network ({e})"))
            }
            FlowError::NodeOutOfRange { .. } | FlowError::LengthMismatch { .. } => {
                crate::Error::Engine(Box::new(e))
            }
        }
    }
}
