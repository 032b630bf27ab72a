//! Validated domain types: towns, sites, demand groups, scenarios.
//!
//! Values of these types are built only by the readers in [`crate::io`] (or by tests), after
//! validation. Code that receives them never re-checks for negative areas, unknown towns and the
//! like: the invariants documented on each type hold.

/// Floor areas, ratios and standards, exact to 0.01 m².
mod area;
/// A validated commute/cost matrix from a routing engine.
mod cost_matrix;
/// What allocation costs are counted in: metres or seconds, with their words.
mod cost_unit;
/// Demand groups: people who need a bed, where they work.
mod demand;
/// A scenario as loaded, with its warnings and cost matrix.
mod loaded;
/// Money exact to the fen.
mod money;
/// Policy rules: the standard's range and subsidy programmes.
pub mod policy;
/// Scenarios: data, policy and settings.
mod scenario;
/// Sites: buildings and projects, their residential area and over-occupancy.
mod site;
/// Towns and the one rule for naming a town.
mod town;

pub use area::{Area, Ratio, Standard};
pub use cost_matrix::CostMatrix;
pub use cost_unit::CostUnit;
pub use demand::DemandGroup;
pub use loaded::{Input, InputRole, Loaded};
pub use money::Fen;
pub use scenario::{
    AllocationSettings, Crs, Dataset, MatrixArcs, PlanSettings, Scenario, Settings, SpareBeds,
    StandardSettings, SubsidySettings,
};
pub use site::{ExpertReview, Site, SiteKind, SiteStatus};
pub use town::{Town, find_town, pinyin_key, towns_named};

/// A WGS84 longitude/latitude pair in degrees (x = longitude, y = latitude).
pub type LonLat = geo::Point<f64>;
