//! Validated domain types: towns, sites, demand groups, scenarios.
//!
//! Values of these types are built only by the readers in [`crate::io`] (or by tests), after
//! validation. Code that receives them never re-checks for negative areas, unknown towns and the
//! like: the invariants documented on each type hold.

mod area;
mod cost_matrix;
mod demand;
mod loaded;
mod money;
pub mod policy;
mod scenario;
mod site;
mod town;

pub use area::{Area, Ratio, Standard};
pub use cost_matrix::CostMatrix;
pub use demand::DemandGroup;
pub use loaded::Loaded;
pub use money::Fen;
pub use scenario::{
    AllocationSettings, Crs, Dataset, PlanSettings, Scenario, Settings, StandardSettings,
};
pub use site::{ExpertReview, Site, SiteKind, SiteStatus};
pub use town::{Town, find_town, pinyin_key};

/// A WGS84 longitude/latitude pair in degrees (x = longitude, y = latitude).
pub type LonLat = geo::Point<f64>;
