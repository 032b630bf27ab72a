//! `dormplan sweep SCENARIO`: the base and every `[[variant]]` allocated in parallel and shown
//! in one table, base first and then the variants in file order, whatever the number of threads
//! or the order in which they finish.

use super::Outcome;
use super::finish;
use crate::diag::{Location, Problem, Problems};
use crate::error::{Error, Result};
use crate::io::{Outputs, load_scenario, load_variants};
use crate::metrics::{self, Measure, ScenarioMetrics, Solver, scenario_solver};
use crate::model::Loaded;
use crate::report::terminal;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Options of `dormplan sweep`.
#[derive(Debug, Clone, Default)]
pub struct SweepOptions {
    /// Write `sweep.csv` and `sweep_towns.csv` here.
    pub out_dir: Option<PathBuf>,
    /// Run on this many threads (a pool of its own); rayon's default pool when `None`.
    pub threads: Option<usize>,
    /// Show a progress bar on stderr (the binary asks for it only when stderr is a terminal).
    pub progress: bool,
}

/// How each scenario of a sweep is allocated: by its plan when it has a budget, else on its
/// supply (see [`scenario_solver`]).
pub const SWEEP_SOLVER: &Solver = &scenario_solver;

/// Loads the base and every variant, measures them in parallel, prints the table and, with an
/// output folder, writes `sweep.csv` and `sweep_towns.csv` (all or none). Bad input in any
/// variant stops the sweep before anything runs, with every problem named by its variant.
pub fn sweep(path: &Path, opts: &SweepOptions, out: &mut dyn Write) -> Outcome {
    let scenarios = load_all(path)?;
    let metrics = run(&scenarios, opts)?;
    let warnings = Problems::merged(scenarios.iter().flat_map(|l| l.warnings.0.iter().cloned()));
    let report = |out: &mut dyn Write| print_table(out, path, &metrics);
    finish(
        out,
        opts.out_dir.as_deref(),
        || csv_outputs(&metrics),
        &warnings,
        report,
    )
}

/// The base, then the variants in file order.
fn load_all(path: &Path) -> Result<Vec<Loaded>> {
    match (load_scenario(path), load_variants(path)) {
        (Ok(base), Ok(variants)) => Ok(std::iter::once(base).chain(variants).collect()),
        (base, variants) => {
            let all = [base.err(), variants.err()].into_iter().flatten();
            let named = name_variants(path, all.flat_map(|p| p.0).collect());
            Err(Error::Input(Problems::merged(named.into_iter())))
        }
    }
}

/// Measures every scenario on the requested threads, with a progress bar when asked. The first
/// failure (in sweep order) is returned with the name of its variant.
fn run(scenarios: &[Loaded], opts: &SweepOptions) -> Result<Vec<ScenarioMetrics>> {
    let bar = if opts.progress {
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

fn print_table(
    out: &mut dyn Write,
    path: &Path,
    metrics: &[ScenarioMetrics],
) -> std::io::Result<()> {
    let mut header = vec!["variant", "standard m²"];
    header.extend(Measure::ALL.iter().map(|m| m.label()));
    let mut numeric = vec![false, true];
    numeric.extend([true; Measure::ALL.len()]);
    let mut t = terminal::table(&header, &numeric);
    for m in metrics {
        let mut row = vec![label(m), m.standard.to_string()];
        row.extend(Measure::ALL.iter().map(|x| x.show(&m.total)));
        t.add_row(row);
    }
    let name = metrics.first().map_or("", |m| m.name.as_str());
    writeln!(
        out,
        "Sweep: {name} ({}), base and {} variant(s)",
        path.display(),
        metrics.len().saturating_sub(1)
    )?;
    writeln!(out, "{t}")?;
    writeln!(out, "{}", metrics::NOTES)?;
    if metrics.iter().any(|m| !m.proven) {
        writeln!(
            out,
            "* the keep-together search stopped at its node limit: best allocation found, not \
             proven optimal."
        )?;
    }
    Ok(())
}

fn label(m: &ScenarioMetrics) -> String {
    let star = if m.proven { "" } else { " *" };
    format!("{}{star}", m.label())
}

fn csv_outputs(metrics: &[ScenarioMetrics]) -> Outputs {
    let columns = Measure::ALL.iter().map(|m| m.column().to_string());
    let header: Vec<String> = ["variant", "standard_m2"]
        .into_iter()
        .map(String::from)
        .chain(columns.clone())
        .collect();
    let mut totals = vec![header];
    let header: Vec<String> = ["variant", "town_code", "town"]
        .into_iter()
        .map(String::from)
        .chain(columns)
        .collect();
    let mut towns = vec![header];
    for m in metrics {
        let mut row = vec![m.label().to_string(), m.standard.to_string()];
        row.extend(Measure::ALL.iter().map(|x| x.csv(&m.total)));
        totals.push(row);
        for t in &m.towns {
            let mut row = vec![m.label().to_string(), t.code.clone(), t.name_zh.clone()];
            row.extend(Measure::ALL.iter().map(|x| x.csv(&t.figures)));
            towns.push(row);
        }
    }
    let mut out = Outputs::new();
    out.add_csv("sweep.csv", totals);
    out.add_csv("sweep_towns.csv", towns);
    out
}

/// What a `[[variant]]` block is called and which files it names itself.
struct VariantFiles {
    name: String,
    files: Vec<PathBuf>,
}

/// Adds the variant's name to every problem that belongs to one variant: those in its own keys
/// (`variant[i].…`) and those in files that only it names. A sweep stops on any of them, and
/// the name is what a planner looks for in a file of many variants.
fn name_variants(path: &Path, problems: Vec<Problem>) -> Vec<Problem> {
    let Some((base_files, variants)) = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .map(|doc| variant_files(&doc))
    else {
        return problems;
    };
    let names = |p: &Problem| -> Vec<&str> {
        if let Some(i) = p.location.key().and_then(variant_index) {
            return variants
                .get(i)
                .map(|v| v.name.as_str())
                .into_iter()
                .collect();
        }
        if base_files.iter().any(|f| names_file(f, &p.file)) {
            return Vec::new();
        }
        let by = variants
            .iter()
            .filter(|v| v.files.iter().any(|f| names_file(f, &p.file)));
        by.map(|v| v.name.as_str()).collect()
    };
    problems
        .into_iter()
        .map(|mut p| {
            let list = names(&p);
            if !list.is_empty() {
                let tag = format!("variant \"{}\"", list.join("\", \""));
                p.location = tagged(p.location, &tag);
            }
            p
        })
        .collect()
}

/// The base's data files and each variant's name and own data files.
fn variant_files(doc: &toml::Table) -> (Vec<PathBuf>, Vec<VariantFiles>) {
    fn files(t: &toml::Table) -> Vec<PathBuf> {
        let data = t.get("data").and_then(|d| d.as_table());
        let data = ["towns", "sites", "demand", "policy"]
            .into_iter()
            .filter_map(|k| data.and_then(|d| d.get(k)).and_then(|v| v.as_str()));
        let matrix = t
            .get("allocation")
            .and_then(|a| a.get("cost_matrix"))
            .and_then(|v| v.as_str());
        data.chain(matrix).map(PathBuf::from).collect()
    }
    let blocks = doc.get("variant").and_then(|v| v.as_array());
    let variants = blocks
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, v)| {
            let t = v.as_table();
            VariantFiles {
                name: t
                    .and_then(|t| t.get("name"))
                    .and_then(|n| n.as_str())
                    .map_or_else(|| format!("variant[{i}]"), |n| n.trim().to_string()),
                files: t.map(files).unwrap_or_default(),
            }
        })
        .collect();
    (files(doc), variants)
}

/// `i` of a key path `variant[i]…`.
fn variant_index(key: &str) -> Option<usize> {
    let rest = key.strip_prefix("variant[")?;
    let (i, _) = rest.split_once(']')?;
    i.parse().ok()
}

/// True when `problem_file` is the file a scenario names as `written`: readers report paths
/// resolved against the scenario's folder with `..` folded, so compare the tail.
fn names_file(written: &Path, problem_file: &Path) -> bool {
    let tail: PathBuf = written
        .components()
        .skip_while(|c| matches!(c, Component::ParentDir | Component::CurDir))
        .collect();
    !tail.as_os_str().is_empty() && problem_file.ends_with(&tail)
}

/// The location with `tag` added where it shows.
fn tagged(location: Location, tag: &str) -> Location {
    match location {
        Location::File => Location::Key(tag.to_string()),
        Location::Line(line) => Location::KeyAt {
            key: tag.to_string(),
            line,
        },
        Location::Feature(i) => Location::Key(format!("feature #{i}, {tag}")),
        Location::Key(k) => Location::Key(format!("{k}, {tag}")),
        Location::KeyAt { key, line } => Location::KeyAt {
            key: format!("{key}, {tag}"),
            line,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_keys_and_files_are_recognised() {
        assert_eq!(
            variant_index("variant[3].standard.plan_m2_per_person"),
            Some(3)
        );
        assert_eq!(variant_index("variant[12]"), Some(12));
        assert_eq!(variant_index("standard.plan_m2_per_person"), None);
        assert!(names_file(
            Path::new("../data/cixi/towns.csv"),
            Path::new("data/cixi/towns.csv")
        ));
        assert!(names_file(Path::new("/x/p.toml"), Path::new("/x/p.toml")));
        assert!(!names_file(
            Path::new("../data/a.csv"),
            Path::new("data/b.csv")
        ));
    }
}
