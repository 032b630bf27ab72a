//! Reading inputs (CSV, GeoJSON, TOML) into validated domain types, and writing outputs.

pub mod output;

pub use output::Outputs;
