//! Allocation of resident groups to sites: the arcs, the problem, its exact solution, the
//! reasons for everyone unhoused, and an independent check of every answer.

pub mod arcs;
pub mod checker;
pub mod instance;
pub mod solve;
pub mod summary;

pub use checker::{check, check_with};
pub use instance::{Arc, Instance};
pub use solve::{Allocation, Placement, Reason, solve};
pub use summary::{SiteFigures, Summary, TownFigures};

use crate::error::Result;
use crate::model::Loaded;
use crate::model::Site;

/// Builds, solves and checks the allocation of a loaded scenario over the sites `usable`
/// accepts (the scenario's supply for `allocate`; supply plus opened candidates for `plan`).
pub fn allocate_with(
    loaded: &Loaded,
    usable: &dyn Fn(&Site) -> bool,
) -> Result<(Instance, Allocation)> {
    let scenario = &loaded.scenario;
    let matrix = loaded.cost_matrix.as_ref();
    let inst = Instance::build_with(scenario, matrix, usable)?;
    let alloc = solve(&inst)?;
    check(scenario, matrix, &inst, &alloc, usable)?;
    Ok((inst, alloc))
}

/// Builds, solves and checks the allocation of a loaded scenario over its supply.
pub fn allocate(loaded: &Loaded) -> Result<(Instance, Allocation)> {
    let settings = &loaded.scenario.settings;
    allocate_with(loaded, &|site| crate::capacity::in_supply(site, settings))
}
