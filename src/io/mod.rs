//! Reading inputs (CSV, GeoJSON, TOML) into validated domain types, and writing outputs.
//!
//! Each reader turns private serde row structs into the types of [`crate::model`] after
//! validating every value, and reports every problem it finds (see [`crate::diag`]) rather
//! than stopping at the first. The entry points are [`load_scenario`] and [`load_variants`].

mod cost_matrix;
mod crs;
mod demand;
mod fields;
pub mod output;
mod policy;
mod records;
mod scenario;
mod scenario_ref;
mod sites;
mod text;
mod toml_walk;
mod towns;
mod variants;

pub use output::Outputs;
pub use policy::{DEFAULT_STANDARD_MAX_M2, DEFAULT_STANDARD_MIN_M2, load_policy};
pub use scenario::{defaults, load_scenario, load_variants};
pub use scenario_ref::{ScenarioRef, load_both};
pub use variants::load_base_and_variants;
