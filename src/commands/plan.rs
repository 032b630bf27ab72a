//! `dormplan plan SCENARIO`: which candidate projects to build under the budget, what they
//! cost and add, and what the allocation gains, as a terminal report and CSV files.

use super::{Destination, Outcome, finish};
use crate::error::{Error, Result};
use crate::io::{Outputs, load_base};
use crate::model::{Crs, Fen, Loaded};
use crate::plan::{self, Backend, Method, Plan, PlanOptions};
use crate::report::plan::PlanView;
use std::io::Write;
use std::path::{Path, PathBuf};

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
    /// Show the stage on stderr (the binary asks for it only when stderr is a terminal).
    pub progress: bool,
}

/// Reads the scenario, plans it, prints the report and, with an output folder, writes the
/// files (all or none). An infeasible plan is [`Error::Infeasible`] (exit code 1).
pub fn plan(path: &Path, opts: &PlanCommandOptions, out: &mut dyn Write) -> Outcome {
    let stages = super::progress::Stages::new("plan", opts.progress);
    stages.stage("reading the scenario");
    let loaded = load_base(path).map_err(Error::Input)?;
    stages.stage("choosing the projects and allocating");
    let PlanReport { text, outputs, .. } = PlanReport::build(&loaded, opts)?;
    stages.stage("writing");
    finish(
        out,
        Destination::new("plan", opts.out_dir.as_deref(), opts.plain_csv, [&loaded])
            .arg(path.display())
            .option("--budget", opts.budget)
            .option("--solver", opts.backend)
            .arg("--out-crs")
            .arg(opts.out_crs),
        || outputs,
        &loaded.warnings,
        |out| {
            // The spinner goes before the report.
            drop(stages);
            out.write_all(text.as_bytes())
        },
    )
}

/// The rendered plan: terminal text and files.
#[derive(Debug)]
pub struct PlanReport {
    /// The plan itself.
    pub plan: Plan,
    /// The terminal report (without the input warnings).
    pub text: String,
    /// `plan_projects.csv`, `plan_summary.csv`, `plan_towns.csv`.
    pub outputs: Outputs,
}

impl PlanReport {
    /// Plans the scenario and renders the report.
    pub fn build(loaded: &Loaded, opts: &PlanCommandOptions) -> Result<PlanReport> {
        let backend = opts.backend.unwrap_or(Backend::default_for_build());
        let plan = plan::choose(
            loaded,
            &PlanOptions {
                budget: opts.budget,
                backend,
                keep_together: None,
                method: opts.method,
                ..PlanOptions::default()
            },
        )?;
        let view = PlanView::new(loaded, &plan, opts.budget.is_some());
        let text = view.text();
        let outputs = view.outputs(opts.out_crs);
        Ok(PlanReport {
            plan,
            text,
            outputs,
        })
    }
}
