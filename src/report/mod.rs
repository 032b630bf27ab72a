//! Reports for people: terminal tables, and each command's result rendered as text and files.

pub mod allocation;
pub mod capacity;
pub mod check;
pub mod metrics;
pub mod plan;
pub mod subsidy;
pub mod terminal;
