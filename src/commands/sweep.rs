//! `dormplan sweep SCENARIO`: the base and every `[[variant]]` allocated in parallel and shown
//! in one table, base first and then the variants in file order, whatever the number of threads
//! or the order in which they finish.

use super::{Console, Destination, Outcome, finish, summary_json};
use crate::diag::Problems;
use crate::error::{Error, Result};
use crate::io::load_base_and_variants;
use crate::metrics::{self, ScenarioMetrics, Solver, scenario_solver};
use crate::model::Loaded;
use crate::report::metrics::{sweep_outputs, sweep_report};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Options of `dormplan sweep`.
#[derive(Debug, Clone, Default)]
pub struct SweepOptions {
    /// Write `sweep.csv` and `sweep_towns.csv` here.
    pub out_dir: Option<PathBuf>,
    /// Write CSV files as plain UTF-8, without the byte-order mark that Excel and WPS need
    /// (`--plain-csv`).
    pub plain_csv: bool,
    /// Run on this many threads (a pool of its own); rayon's default pool when `None`.
    pub threads: Option<usize>,
}

/// How each scenario of a sweep is allocated: by its plan when it has a budget, else on its
/// supply (see [`scenario_solver`]).
pub const SWEEP_SOLVER: &Solver = &scenario_solver;

/// `sweep --json`'s `summary` (the figures are `tables.sweep` and `tables.sweep_towns`).
#[derive(serde::Serialize)]
struct SweepSummary {
    /// Scenarios allocated: the base and each variant.
    scenarios: usize,
}

/// Loads the base and every variant, measures them in parallel, prints the table and, with an
/// output folder, writes `sweep.csv` and `sweep_towns.csv` (all or none). Bad input in any
/// variant stops the sweep before anything runs, with every problem named by its variant.
pub fn sweep(path: &Path, opts: &SweepOptions, console: &mut Console) -> Outcome {
    let scenarios = load_base_and_variants(path).map_err(Error::Input)?;
    let metrics = run(&scenarios, opts, console.shows_progress())?;
    let warnings = Problems::merged(scenarios.iter().flat_map(|l| l.warnings.0.iter().cloned()));
    let lang = console.lang_for(scenarios[0].scenario.settings.lang);
    let report = |out: &mut dyn Write| sweep_report(out, lang, path, &metrics);
    finish(
        console,
        lang,
        Destination::new("sweep", opts.out_dir.as_deref(), opts.plain_csv, &scenarios)
            .arg(path.display()),
        |start| sweep_outputs(&metrics, start),
        || {
            summary_json(&SweepSummary {
                scenarios: metrics.len(),
            })
        },
        &warnings,
        report,
    )
}

/// Measures every scenario on the requested threads, with a progress bar when asked. The first
/// failure (in sweep order) is returned with the name of its variant.
fn run(scenarios: &[Loaded], opts: &SweepOptions, progress: bool) -> Result<Vec<ScenarioMetrics>> {
    let bar = if progress {
        let bar = ProgressBar::new(scenarios.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("sweep {bar:30} {pos}/{len} {elapsed}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let done = |_: usize| bar.inc(1);
    let measure = || metrics::measure_all(scenarios, SWEEP_SOLVER, &done);
    let pool = opts.threads.map(|n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("dormplan-sweep-{i}"))
            .build()
    });
    let results = match pool {
        Some(Ok(pool)) => pool.install(measure),
        // A pool that cannot start (the system refuses threads) changes speed, not results:
        // run on the global pool instead.
        Some(Err(_)) | None => measure(),
    };
    bar.finish_and_clear();
    results
        .into_iter()
        .zip(scenarios)
        .map(|(r, l)| r.map_err(|e| in_variant(e, &l.scenario.variant)))
        .collect()
}

/// Names the variant in an allocation failure.
fn in_variant(e: Error, variant: &Option<String>) -> Error {
    let Some(v) = variant else {
        return e;
    };
    match e {
        Error::Infeasible(m) => Error::Infeasible(format!("variant {v}: {m}")),
        Error::Checker(m) => Error::Checker(format!("variant {v}: {m}")),
        Error::Internal(m) => Error::Internal(format!("variant {v}: {m}")),
        Error::TooLarge(m) => Error::TooLarge(format!("in variant {v}, {m}")),
        other => other,
    }
}
