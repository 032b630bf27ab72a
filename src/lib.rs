//! dormplan: a planner for concentrated housing of migrant workers (新市民集中居住).
//!
//! It counts beds under the 8–10 m²-per-person standard, allocates resident groups to sites
//! with an exact min-cost-flow engine, estimates rental-housing subsidies and plans which
//! projects to build under a budget. The core modules ([`capacity`], and those for allocation,
//! subsidy and planning) take validated in-memory values and never touch files; [`io`] reads and
//! writes; [`commands`] ties them together for the binary.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// Allocation of resident groups to sites: arcs, priority, keep-together, reasons, the checker.
pub mod alloc;
/// Beds under the per-person standard, and what counts as supply.
pub mod capacity;
/// Every word a person reads, in Chinese and English.
pub mod catalogue;
/// The commands of the binary: load, compute, render, write.
pub mod commands;
/// Problems found in the input, with their codes and locations.
pub mod diag;
/// The library's error kinds and their exit codes.
pub mod error;
/// The shortage of each town explained: the change of a fixed set that houses the most.
pub mod explain;
/// The one tally of figures per town and in total that every command reads.
pub mod figures;
/// The exact min-cost-flow engine (network simplex).
pub mod flow;
/// Reading inputs into validated model values; writing output files all at once.
pub mod io;
/// Scenario metrics: measure, sweep, compare and rank scenarios.
pub mod metrics;
/// Validated domain types: towns, sites, demand, scenarios, policies, money, areas.
pub mod model;
/// How numbers and money are written for people.
pub mod numbers;
/// Site selection: which candidate projects to build under a budget.
pub mod plan;
/// Results rendered for people: terminal tables, CSV and GeoJSON.
pub mod report;
/// The rental-housing subsidy rules: eligibility, amounts, caps, pools, net cost.
pub mod subsidy;
/// Synthetic benchmark cities for the engine's benches and tests.
pub mod synth;

pub use error::{Error, Result};
