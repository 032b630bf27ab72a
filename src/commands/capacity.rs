//! `dormplan capacity SCENARIO`: beds per site and per town at the planning standard and at
//! the ends of the policy range; supply against demand per town; over-occupied sites.

use super::{Console, Destination, Outcome, finish, summary_json};
use crate::figures::CapacityAtStandards;
use crate::io::load_base;
use crate::model::Standard;
use crate::report::capacity::CapacityView;
use std::path::{Path, PathBuf};

/// Options of `dormplan capacity`.
#[derive(Debug, Clone, Default)]
pub struct CapacityOptions {
    /// Plan at this standard instead of the scenario's.
    pub standard: Option<Standard>,
    /// Write `capacity_sites.csv` and `capacity_towns.csv` here.
    pub out_dir: Option<PathBuf>,
    /// Write CSV files as plain UTF-8, without the byte-order mark that Excel and WPS need
    /// (`--plain-csv`).
    pub plain_csv: bool,
    /// Print the per-site table on the terminal too (it is always in the CSV).
    pub by_site: bool,
}

/// Reads the scenario, prints the capacity report to `out` and, with an output folder, writes
/// the CSV files (all or none). Bad input is returned as [`crate::Error::Input`] with every
/// problem, and nothing is written.
pub fn capacity(path: &Path, opts: &CapacityOptions, console: &mut Console) -> Outcome {
    let loaded = load_base(path).map_err(crate::Error::Input)?;
    let lang = console.lang_for(loaded.scenario.settings.lang);
    let counts = CapacityAtStandards::of(&loaded.scenario, opts.standard);
    let view = CapacityView {
        counts: &counts,
        loaded: &loaded,
    };
    finish(
        console,
        lang,
        Destination::new(
            "capacity",
            opts.out_dir.as_deref(),
            opts.plain_csv,
            [&loaded],
        )
        .arg(path.display())
        .option("--standard", opts.standard)
        .standard(opts.standard),
        |start| view.to_outputs(start),
        || summary_json(&view.summary()),
        &loaded.warnings,
        |out| view.print(out, lang, opts.by_site),
    )
}
