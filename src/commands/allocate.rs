//! `dormplan allocate SCENARIO -o DIR`: who lives where. Solves the allocation exactly, checks
//! it independently, prints a summary by town (ending with each town's best change, see
//! [`crate::explain`]) and writes the allocation as CSV and GeoJSON.

use super::{Console, Destination, Mode, Outcome, finish, summary_json};
use crate::alloc;
use crate::catalogue::words;
use crate::error::Error;
use crate::explain::{Basis, explain_counting};
use crate::figures::AllocationFigures;
use crate::io::load_base;
use crate::model::Crs;
use crate::numbers::int;
use crate::report::allocation::{AllocationSummary, Solved, allocation_outputs, print_summary};
use crate::report::explain::print_best_changes;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

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
}

/// Reads the scenario, allocates, checks, prints the summary and writes the files (all or
/// The most arcs an allocation may have for its report to try each town's best change (each a
/// whole solve of the supply): the sample has about 6,300; a province (hundreds of thousands)
/// is left to `dormplan explain`.
pub const BEST_CHANGES_MAX_ARCS: usize = 100_000;

/// The most work, arcs times the flow problems its keep-together search solved, an allocation
/// may have taken for its report to try each town's best change: each change costs about as
/// much again. The sample, with its few keep-together groups, takes a handful of flow
/// problems; with every group kept together its search solves some 19,000, and the changes
/// are left to `dormplan explain` (a measure of work, not of time, so that the same inputs
/// print the same report on every machine).
pub const BEST_CHANGES_MAX_WORK: u64 = 10_000_000;

/// none).
pub fn allocate(path: &Path, opts: &AllocateOptions, console: &mut Console) -> Outcome {
    console.stage("allocate", words::STAGE_READING);
    let loaded = load_base(path).map_err(Error::Input)?;
    let lang = console.lang_for(loaded.scenario.settings.lang);
    let (inst, alloc) = alloc::solve_supply_staged(&loaded, &mut |step| {
        let what = match step {
            alloc::Step::Arcs => words::STAGE_ARCS,
            alloc::Step::Solving => words::STAGE_SOLVING,
            alloc::Step::Checking => words::STAGE_CHECKING,
        };
        console.stage("allocate", what);
    })?;
    let figures = AllocationFigures::of(&loaded.scenario, &inst, &alloc);
    let solved = Solved::new(&loaded, &inst, &alloc, &figures);
    // The report's last lines solve the supply again once per change (a few allocations, in
    // parallel); only the report shows them, so --quiet and --json do not pay for them.
    // On a large instance each change costs a whole solve: the report then points to
    // `dormplan explain` instead of running it unasked.
    let wanted = console.mode == Mode::Report && figures.total().unhoused > 0;
    let work = inst.arcs.len() as u64 * alloc.nodes.max(1);
    let best_changes =
        if wanted && inst.arcs.len() <= BEST_CHANGES_MAX_ARCS && work <= BEST_CHANGES_MAX_WORK {
            let done = AtomicU64::new(0);
            Some(
                console.counting("allocate", words::STAGE_EXPLAINING, &done, || {
                    explain_counting(&loaded, Basis::Supply, &done)
                })?,
            )
        } else {
            None
        };
    let skipped = wanted && best_changes.is_none();
    finish(
        console,
        lang,
        Destination::new(
            "allocate",
            opts.out_dir.as_deref(),
            opts.plain_csv,
            [&loaded],
        )
        .arg(path.display())
        .arg("--out-crs")
        .arg(opts.out_crs)
        .checked_by(|| alloc::check_supply(&loaded, &inst, &alloc)),
        |start| allocation_outputs(&solved, opts.out_crs, lang, start),
        || summary_json(&AllocationSummary::of(&loaded, &inst, &alloc, &figures)),
        &loaded.warnings,
        |out| {
            print_summary(out, lang, &solved)?;
            match &best_changes {
                Some(e) => print_best_changes(out, lang, &loaded, e),
                None if skipped => {
                    writeln!(out)?;
                    let line = if inst.arcs.len() > BEST_CHANGES_MAX_ARCS {
                        words::BEST_CHANGES_SKIPPED
                            .fill(lang, &[("arcs", &int(inst.arcs.len() as u64))])
                    } else {
                        words::BEST_CHANGES_SKIPPED_SEARCH
                            .fill(lang, &[("nodes", &int(alloc.nodes))])
                    };
                    writeln!(out, "{line}")
                }
                None => Ok(()),
            }
        },
    )
}
