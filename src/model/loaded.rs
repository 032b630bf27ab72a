//! A scenario as loaded: the validated inputs and the warnings they raised.

use super::{CostMatrix, Scenario};
use crate::diag::Problems;

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
}
