//! `dormplan allocate SCENARIO -o DIR`: who lives where. Solves the allocation exactly, checks
//! it independently, prints a summary by town and writes the allocation as CSV and GeoJSON.

use super::{Destination, Outcome, finish};
use crate::alloc;
use crate::error::Error;
use crate::figures::AllocationFigures;
use crate::io::load_base;
use crate::model::Crs;
use crate::report::allocation::{allocation_outputs, print_summary};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Options of `dormplan allocate`.
#[derive(Debug, Clone, Default)]
pub struct AllocateOptions {
    /// Write the output files into this folder.
    pub out_dir: Option<PathBuf>,
    /// The datum of the coordinates written: the map layers and `unhoused.csv` (`--out-crs`).
    pub out_crs: Crs,
    /// Write CSV files as plain UTF-8, without the byte-order mark that Excel and WPS need
    /// (`--plain-csv`).
    pub plain_csv: bool,
    /// Show the stage on stderr (the binary asks for it only when stderr is a terminal).
    pub progress: bool,
}

/// Reads the scenario, allocates, checks, prints the summary and writes the files (all or
/// none).
pub fn allocate(path: &Path, opts: &AllocateOptions, out: &mut dyn Write) -> Outcome {
    let stages = super::progress::Stages::new("allocate", opts.progress);
    stages.stage("reading the scenario");
    let loaded = load_base(path).map_err(Error::Input)?;
    stages.stage("allocating and checking");
    let (inst, alloc) = alloc::allocate_supply(&loaded)?;
    let summary = AllocationFigures::of(&loaded.scenario, &inst, &alloc);
    stages.stage("writing");
    finish(
        out,
        Destination::new(
            "allocate",
            opts.out_dir.as_deref(),
            opts.plain_csv,
            [&loaded],
        )
        .arg(path.display())
        .arg("--out-crs")
        .arg(opts.out_crs),
        || allocation_outputs(&loaded, &inst, &alloc, &summary, opts.out_crs),
        &loaded.warnings,
        |out| {
            // The spinner goes before the report.
            drop(stages);
            print_summary(out, &loaded, &inst, &alloc, &summary)
        },
    )
}
