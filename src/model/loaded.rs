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
    /// demand tables, and the boundary layer, the policy and the cost matrix when it names
    /// them (and the matrix was read). Outputs may never replace any of them.
    pub inputs: Vec<Input>,
}

/// A file a scenario was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// What the file holds.
    pub role: InputRole,
    /// The path dormplan opened: as given on the command line for the scenario file, the
    /// scenario's folder joined with the path it names for the others.
    pub path: PathBuf,
}

/// What an input file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputRole {
    /// The scenario TOML file.
    Scenario,
    /// The towns table.
    Towns,
    /// The sites table.
    Sites,
    /// The demand table.
    Demand,
    /// The policy TOML file.
    Policy,
    /// The boundary layer.
    Boundary,
    /// The cost matrix.
    CostMatrix,
}

impl InputRole {
    /// The spelling used in `run.json` and the workbook.
    pub fn as_str(self) -> &'static str {
        match self {
            InputRole::Scenario => "scenario",
            InputRole::Towns => "towns",
            InputRole::Sites => "sites",
            InputRole::Demand => "demand",
            InputRole::Policy => "policy",
            InputRole::Boundary => "boundary",
            InputRole::CostMatrix => "cost_matrix",
        }
    }
}

impl Loaded {
    /// The paths of [`Loaded::inputs`].
    pub fn input_paths(&self) -> impl Iterator<Item = &std::path::Path> {
        self.inputs.iter().map(|i| i.path.as_path())
    }
}
