//! Policy rules files: the per-person standard's range and subsidy programmes.

use crate::model::Standard;

/// A validated policy file.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Display name.
    pub name: String,
    /// Lowest allowed area per person: declared beds below it are over-occupied.
    pub standard_min: Standard,
    /// Highest standard of the policy range.
    pub standard_max: Standard,
}
