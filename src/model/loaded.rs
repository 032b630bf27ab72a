//! A scenario as loaded: the validated inputs and the warnings they raised.

use super::{CostMatrix, Scenario};
use crate::diag::Problems;
use std::path::PathBuf;

/// A scenario that loaded without errors, with the warnings its inputs raised (over-occupied
/// sites and the like). Every report shows the warnings.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The scenario.
    pub scenario: Scenario,
    /// Warnings (never errors).
    pub warnings: Problems,
    /// The scenario's cost matrix (`[allocation].cost_matrix`), validated against its data.
    pub cost_matrix: Option<CostMatrix>,
    /// Every file the scenario was read from: the scenario file, then the towns, sites and
    /// demand tables, the policy and the cost matrix when it names them. Outputs may never
    /// replace any of them.
    pub inputs: Vec<PathBuf>,
}
