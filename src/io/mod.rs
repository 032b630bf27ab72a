//! Reading inputs (CSV, GeoJSON, TOML) into validated domain types, and writing outputs.
//!
//! Each reader turns private serde row structs into the types of [`crate::model`] after
//! validating every value, and reports every problem it finds (see [`crate::diag`]) rather
//! than stopping at the first. The entry points are [`load_scenario`](crate::io::load_scenario) and [`load_variants`](crate::io::load_variants).

/// Chinese names of the input columns.
mod aliases;
/// The `[allocation]` table: limits, penalty, cost matrix and cost unit.
mod allocation;
/// The boundary layer and the points outside it.
mod boundary;
/// What the columns of tables hold: identifiers and plain decimals.
mod columns;
/// Reading a cost matrix against its dataset.
mod cost_matrix;
/// Coordinate systems: GCJ-02 to WGS84.
mod crs;
/// Reading demand groups.
mod demand;
/// SHA-256 of input files.
pub mod digest;
/// Parsing and bounding single values.
mod fields;
/// How much dormplan reads before it calls an input too large.
pub mod limits;
/// Writing a run's files all at once or not at all.
pub mod output;
/// Reading policy files.
mod policy;
/// CSV and GeoJSON records with their locations.
mod records;
/// Reading scenario files and their data.
mod scenario;
/// `FILE#VARIANT` on the command line.
mod scenario_ref;
/// Reading sites.
mod sites;
/// Decoding text files (UTF-8, and a hint for GBK).
mod text;
/// Walking TOML with located problems.
mod toml_walk;
/// Reading towns, and the town index of the readers.
mod towns;
/// A scenario with its variants, with problems named by variant.
mod variants;
/// A run's CSV tables as one Excel workbook.
pub mod workbook;

pub use crs::{from_wgs84, parse_crs, to_wgs84};
pub use limits::Limits;
pub use output::Outputs;
pub use policy::{DEFAULT_STANDARD_MAX_M2, DEFAULT_STANDARD_MIN_M2, load_policy};
pub use scenario::{defaults, load_base, load_scenario, load_variants, load_without_matrix};
pub use scenario_ref::{ScenarioRef, load_both};
pub use variants::load_base_and_variants;
