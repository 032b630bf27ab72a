//! dormplan: a planner for concentrated housing of migrant workers (新市民集中居住).
//!
//! It counts beds under the 8–10 m²-per-person standard, allocates resident groups to sites
//! with an exact min-cost-flow engine, estimates rental-housing subsidies and plans which
//! projects to build under a budget. The core modules ([`capacity`], and those for allocation,
//! subsidy and planning) take validated in-memory values and never touch files; [`io`] reads and
//! writes; [`commands`] ties them together for the binary.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod alloc;
pub mod capacity;
pub mod commands;
pub mod diag;
pub mod error;
pub mod figures;
pub mod flow;
pub mod io;
pub mod metrics;
pub mod model;
pub mod numbers;
pub mod plan;
pub mod report;
pub mod subsidy;
pub mod synth;

pub use error::{Error, Result};
