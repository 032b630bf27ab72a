//! `dormplan plan SCENARIO`: which candidate projects to build under the budget, what they
//! cost and add, and what the allocation gains, as a terminal report and CSV files.

use super::{Console, Destination, Outcome, finish, summary_json};
use crate::catalogue::words;
use crate::error::{Error, Result};
use crate::io::load_base;
use crate::model::{Crs, Fen, Loaded};
use crate::plan::{self, Backend, Method, Plan, PlanOptions};
use crate::report::plan::PlanView;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

/// Options of `dormplan plan`.
#[derive(Debug, Clone, Default)]
pub struct PlanCommandOptions {
    /// Use this budget (net of subsidy) instead of the scenario's.
    pub budget: Option<Fen>,
    /// The solver for the mixed-integer program; the build's default when `None`.
    pub backend: Option<Backend>,
    /// How to choose; by the number of candidates when `None` ([`PlanOptions::method`]).
    pub method: Option<Method>,
    /// Write the CSV files here.
    pub out_dir: Option<PathBuf>,
    /// The datum of the coordinates written: the map layers and `unhoused.csv` (`--out-crs`).
    pub out_crs: Crs,
    /// Write CSV files as plain UTF-8, without the byte-order mark that Excel and WPS need
    /// (`--plain-csv`).
    pub plain_csv: bool,
}

/// Reads the scenario, plans it, prints the report and, with an output folder, writes the
/// files (all or none). An infeasible plan is [`Error::Infeasible`] (exit code 1).
pub fn plan(path: &Path, opts: &PlanCommandOptions, console: &mut Console) -> Outcome {
    console.stage("plan", words::STAGE_READING);
    let loaded = load_base(path).map_err(Error::Input)?;
    let lang = console.lang_for(loaded.scenario.settings.lang);
    let solved = AtomicU64::new(0);
    let plan = console.counting("plan", words::STAGE_CHOOSING, &solved, || {
        choose(&loaded, opts, &solved)
    })?;
    let view = PlanView::new(&loaded, &plan, opts.budget.is_some());
    finish(
        console,
        lang,
        Destination::new("plan", opts.out_dir.as_deref(), opts.plain_csv, [&loaded])
            .arg(path.display())
            .option("--budget", opts.budget)
            .option("--solver", opts.backend)
            .arg("--out-crs")
            .arg(opts.out_crs),
        |start| view.outputs(opts.out_crs, lang, start),
        || summary_json(&view.summary()),
        &loaded.warnings,
        |out| out.write_all(view.text(lang).as_bytes()),
    )
}

/// Plans the scenario with the command's options.
fn choose(loaded: &Loaded, opts: &PlanCommandOptions, solved: &AtomicU64) -> Result<Plan> {
    let backend = opts.backend.unwrap_or(Backend::default_for_build());
    plan::choose_counting(
        loaded,
        &PlanOptions {
            budget: opts.budget,
            backend,
            keep_together: None,
            method: opts.method,
            ..PlanOptions::default()
        },
        solved,
    )
}
