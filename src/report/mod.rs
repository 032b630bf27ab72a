//! Reports for people: terminal tables, and each command's result rendered as text and files.

/// The allocation summary and its CSV and GeoJSON files (`allocate`, `plan`).
pub mod allocation;
/// The capacity report and its CSV files.
pub mod capacity;
/// What `check` shows of a scenario that loaded.
pub mod check;
/// The shortage explained: the terminal report, `explain.csv`, allocate's best changes.
pub mod explain;
/// The HTML report: one self-contained page with map, charts and tables.
pub mod html;
/// Map layers: GeoJSON in the datum a run writes, saying which.
pub mod map;
/// Sweep, comparison and ranking tables and CSV files.
pub mod metrics;
/// The report page printed to PDF by a headless Chromium found on the machine.
pub mod pdf;
/// The plan report and its CSV files.
pub mod plan;
/// The points of groups and sites for a routing engine (`points`).
pub mod points;
/// The record of a run in its output folder (`run.json`).
pub mod run_manifest;
/// The starter files of `dormplan init`.
pub mod starter;
/// The subsidy report and its CSV files.
pub mod subsidy;
/// What each CSV table holds, in Chinese and English.
pub mod tables;
/// Terminal tables and problem lists.
pub mod terminal;
