//! Reading inputs (CSV, GeoJSON, TOML) into validated domain types, and writing outputs.

pub mod output;

pub use output::Outputs;

use crate::diag::Problems;
use crate::model::Scenario;

/// A scenario that loaded without errors, with the warnings its inputs raised (over-occupied
/// sites and the like). Every report shows the warnings.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The scenario.
    pub scenario: Scenario,
    /// Warnings (never errors).
    pub warnings: Problems,
}
