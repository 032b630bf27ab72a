//! `dormplan report SCENARIO -o DIR`: the report a committee reads. Allocates the scenario
//! (by its plan when it has a budget, with the budget curve), evaluates its subsidy policy and
//! measures its variants, then writes `report.html` (one self-contained page, see
//! [`crate::report::html`]) beside every CSV and GeoJSON file of the allocation, the plan,
//! the subsidy and the variants, the workbook `report.xlsx` and `run.json`; with `--pdf`, also
//! `report.pdf`, printed by Chromium or Chrome.

use super::sweep::SWEEP_SOLVER;
use super::{Console, Destination, Outcome, finish, summary_json};
use crate::alloc;
use crate::catalogue::{Lang, report as say, words};
use crate::error::{Error, Result};
use crate::figures::AllocationFigures;
use crate::io::{Outputs, ScenarioRef, load_base_and_variants};
use crate::metrics::{self, ScenarioMetrics};
use crate::model::{Crs, Fen, Loaded};
use crate::plan::{self, Backend, Plan, PlanOptions};
use crate::report::allocation::{AllocationSummary, Solved, allocation_outputs};
use crate::report::html::{self, ReportData, ReportParts, SubsidyFigures, fen_of_text};
use crate::report::metrics::sweep_outputs;
use crate::report::pdf;
use crate::report::plan::PlanView;
use crate::report::subsidy::SubsidySummary;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

use super::subsidy::{SubsidyOptions, SubsidyReport};

/// The page's file name.
pub const REPORT_HTML: &str = "report.html";
/// The printed page's file name.
pub const REPORT_PDF: &str = "report.pdf";

/// Options of `dormplan report`.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// The folder the page and its files go into.
    pub out_dir: PathBuf,
    /// The solver of the plan's mixed-integer program; the build's default when `None`.
    pub backend: Option<Backend>,
    /// Also print the page to `report.pdf` with Chromium or Chrome.
    pub pdf: bool,
    /// Write CSV files as plain UTF-8, without the byte-order mark (`--plain-csv`).
    pub plain_csv: bool,
}

/// `report --json`'s `summary`: the allocation's, and the files of the page.
#[derive(serde::Serialize)]
struct ReportSummary {
    /// The allocation shown (the plan's, when the scenario has a budget).
    allocation: AllocationSummary,
    /// The page, relative to the output folder.
    report: &'static str,
}

/// What the scenario's allocation is: its plan's, or its supply's.
enum Shown {
    Planned(Box<Plan>),
    Supply(Box<(alloc::Instance, alloc::Allocation)>),
}

/// Reads the scenario and its variants, solves, draws the page (with `--pdf`, prints it from a
/// scratch copy) and writes it with every file beside it, all or none.
pub fn report(scenario: &ScenarioRef, opts: &ReportOptions, console: &mut Console) -> Outcome {
    console.stage("report", words::STAGE_READING);
    // A file's base comes with its variants (charted side by side); `FILE#VARIANT` alone.
    let scenarios = match &scenario.variant {
        Some(_) => vec![scenario.load()?],
        None => load_base_and_variants(&scenario.path).map_err(Error::Input)?,
    };
    let loaded = &scenarios[0];
    let lang = console.lang_for(loaded.scenario.settings.lang);
    let plan_options = PlanOptions {
        backend: opts.backend.unwrap_or(Backend::default_for_build()),
        ..PlanOptions::default()
    };
    let has_plan = loaded.scenario.settings.plan.budget.is_some();
    let shown = if has_plan {
        let solved = AtomicU64::new(0);
        let planned = console.counting("report", words::STAGE_CHOOSING, &solved, || {
            plan::choose_counting(loaded, &plan_options, &solved)
        })?;
        Shown::Planned(Box::new(planned))
    } else {
        console.stage("report", words::STAGE_SOLVING);
        let (inst, alloc) = alloc::allocate_supply_staged(loaded, &mut |_| {})?;
        Shown::Supply(Box::new((inst, alloc)))
    };
    let curve = if has_plan {
        console.stage("report", say::STAGE_BUDGET_CURVE);
        Some(plan::curve::budget_curve(loaded, &plan_options)?)
    } else {
        None
    };
    let subsidy = if loaded.scenario.policy.is_some() {
        Some(SubsidyReport::build_with(
            loaded,
            &SubsidyOptions::default(),
            true,
            lang,
        )?)
    } else {
        None
    };
    let variants = if scenarios.len() > 1 {
        console.stage("report", words::STAGE_MEASURING);
        Some(measure(&scenarios)?)
    } else {
        None
    };
    console.stage("report", say::STAGE_DRAWING);

    let view = match &shown {
        Shown::Planned(plan) => Some(PlanView::new(loaded, plan, false)),
        Shown::Supply(_) => None,
    };
    let supply_figures = match &shown {
        Shown::Supply(pair) => Some(AllocationFigures::of(&loaded.scenario, &pair.0, &pair.1)),
        Shown::Planned(_) => None,
    };
    let (solved, planned_sites) = match (&view, &shown, &supply_figures) {
        (Some(v), Shown::Planned(plan), _) => (v.solved(), plan.chosen().map(|c| c.site).collect()),
        (None, Shown::Supply(pair), Some(f)) => {
            (Solved::new(loaded, &pair.0, &pair.1, f), Vec::new())
        }
        _ => unreachable!("a plan has its view, a supply allocation its figures"),
    };
    let mut dest = Destination::new(
        "report",
        Some(opts.out_dir.as_path()),
        opts.plain_csv,
        &scenarios,
    )
    .arg(&scenario.label)
    .option("--solver", opts.backend);
    if opts.pdf {
        dest = dest.arg("--pdf");
    }
    let run = dest.record()?;
    let summary = AllocationSummary::of(loaded, solved.inst, solved.alloc, solved.figures);
    let totals = subsidy.as_ref().map(|s| totals(&s.summary));
    let mut outputs = Outputs::new();
    outputs.keep_json_rows();
    let mut outputs = match &view {
        Some(v) => v.outputs(Crs::Wgs84, lang, outputs),
        None => allocation_outputs(&solved, Crs::Wgs84, lang, outputs),
    };
    if let Some(s) = subsidy {
        outputs.append(s.outputs);
    }
    if let Some(v) = &variants {
        outputs = sweep_outputs(v, outputs);
    }
    let data = ReportData::of(ReportParts {
        solved: &solved,
        planned_sites,
        outputs: &outputs,
        subsidy: totals,
        budget_curve: curve,
        variants: variants.as_deref(),
        run,
        lang,
    });
    let page = html::page(&data, loaded, &outputs);
    // The PDF is printed from a scratch copy of the page and joins the other files, so that
    // the folder is still written all at once or not at all.
    let printed = if opts.pdf {
        match pdf::find_browser() {
            Some(browser) => Some(print(&browser, &page, &opts.out_dir, lang)?),
            None => None,
        }
    } else {
        None
    };
    let no_browser = opts.pdf && printed.is_none();
    outputs.add(REPORT_HTML, page.into_bytes());
    let with_pdf = printed.is_some();
    if let Some(bytes) = printed {
        outputs.add(REPORT_PDF, bytes);
    }
    let status = finish(
        console,
        lang,
        dest,
        |_| outputs,
        || {
            summary_json(&ReportSummary {
                allocation: summary,
                report: REPORT_HTML,
            })
        },
        &loaded.warnings,
        |out| {
            writeln!(
                out,
                "{}",
                say::R_WROTE_REPORT
                    .fill(lang, &[("file", &opts.out_dir.join(REPORT_HTML).display())])
            )?;
            if with_pdf {
                writeln!(
                    out,
                    "{}",
                    say::R_WROTE_PDF
                        .fill(lang, &[("file", &opts.out_dir.join(REPORT_PDF).display())])
                )?;
            }
            Ok(())
        },
    )?;
    if no_browser {
        writeln!(console.err, "{}", say::R_NO_BROWSER.get(lang))?;
    }
    Ok(status)
}

/// The base and every variant, measured in parallel as `sweep` does.
fn measure(scenarios: &[Loaded]) -> Result<Vec<ScenarioMetrics>> {
    metrics::measure_all(scenarios, SWEEP_SOLVER, &|_| {})
        .into_iter()
        .collect()
}

/// Every programme's subsidy together (the summary's exact yuan, read back as fen).
fn totals(summary: &SubsidySummary) -> SubsidyFigures {
    let sum = |f: fn(&crate::report::subsidy::ProgrammeSummary) -> &str| -> Fen {
        summary
            .programmes
            .iter()
            .map(|p| fen_of_text(f(p)).unwrap_or(Fen(0)))
            .sum()
    };
    SubsidyFigures {
        certain_yuan: sum(|p| &p.certain_yuan).to_string(),
        expected_yuan: sum(|p| &p.expected_yuan).to_string(),
        ceiling_yuan: sum(|p| &p.ceiling_yuan).to_string(),
        eligible_projects: summary.programmes.iter().map(|p| p.eligible_projects).sum(),
        potential_projects: summary
            .programmes
            .iter()
            .map(|p| p.potential_projects)
            .sum(),
    }
}

/// The page printed to PDF by `browser`, from a scratch folder; a failure is an output error
/// naming `report.pdf` in `dir`, with the browser's own words.
fn print(browser: &Path, page: &str, dir: &Path, lang: Lang) -> Result<Vec<u8>> {
    let failed = |source: std::io::Error| Error::Output {
        path: dir.join(REPORT_PDF),
        source,
    };
    let scratch = tempfile::tempdir().map_err(failed)?;
    let (html, pdf) = (
        scratch.path().join(REPORT_HTML),
        scratch.path().join(REPORT_PDF),
    );
    std::fs::write(&html, page).map_err(failed)?;
    pdf::print_pdf(browser, &html, &pdf).map_err(|e| {
        let mut error = e.to_string();
        let mut cause = std::error::Error::source(&e);
        while let Some(c) = cause {
            error.push_str(&format!(": {c}"));
            cause = c.source();
        }
        failed(std::io::Error::other(say::R_PDF_FAILED.fill(
            lang,
            &[("browser", &browser.display()), ("error", &error)],
        )))
    })?;
    std::fs::read(&pdf).map_err(failed)
}
