//! `dormplan explain SCENARIO`: per town, the people unhoused, the beds short within the cutoff
//! and the one change of a fixed set that would house the most of them, each change solved
//! again exactly (see [`crate::explain`]). The scenario may be a variant, `FILE#VARIANT`.

use super::rank::town_option;
use super::{Console, Destination, Outcome, finish, summary_json};
use crate::catalogue::words;
use crate::explain::{self, Basis, Explanation};
use crate::io::ScenarioRef;
use crate::report::explain::{explain_outputs, explain_report};
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;

/// Options of `dormplan explain`.
#[derive(Debug, Clone, Default)]
pub struct ExplainOptions {
    /// Only this town (code, Chinese name or pinyin/English name).
    pub town: Option<String>,
    /// Write `explain.csv` here.
    pub out_dir: Option<PathBuf>,
    /// Write CSV files as plain UTF-8, without the byte-order mark that Excel and WPS need
    /// (`--plain-csv`).
    pub plain_csv: bool,
}

/// `explain --json`'s `summary`: what was solved and each town's best change (every change is
/// in `tables.explain`).
#[derive(serde::Serialize)]
struct ExplainSummary<'a> {
    /// The scenario as given.
    scenario: &'a str,
    /// The town asked for, if one.
    town: Option<&'a str>,
    /// `supply` or `plan`: how the scenario and each change were solved.
    basis: &'static str,
    /// Changes solved.
    changes_solved: usize,
    /// The towns shown, each with its best change.
    towns: Vec<TownSummary<'a>>,
}

/// A town in `explain --json`'s `summary`.
#[derive(serde::Serialize)]
struct TownSummary<'a> {
    town_code: &'a str,
    unhoused: u64,
    beds_short: u64,
    /// The code of the best change (`wider_cutoff`, …); `null` when none houses more.
    best_change: Option<&'static str>,
    /// Its words, in the run's language.
    best_change_said: Option<String>,
    housed_gain: Option<i64>,
    housed_gain_total: Option<i64>,
}

/// Loads the scenario, solves it and every change, prints each town's shortage (or one town's)
/// and, with an output folder, writes `explain.csv`.
pub fn explain(scenario: &ScenarioRef, opts: &ExplainOptions, console: &mut Console) -> Outcome {
    console.stage("explain", words::STAGE_READING);
    let loaded = scenario.load()?;
    let lang = console.lang_for(loaded.scenario.settings.lang);
    let only = town_option(
        scenario,
        &loaded.scenario.dataset.towns,
        opts.town.as_deref(),
    )?;
    let done = AtomicU64::new(0);
    let expl = console.counting("explain", words::STAGE_EXPLAINING, &done, || {
        explain::explain_counting(&loaded, Basis::of(&loaded), &done)
    })?;
    let summary = || summary_json(&summary(&loaded, scenario, opts, &expl, only, lang));
    finish(
        console,
        lang,
        Destination::new(
            "explain",
            opts.out_dir.as_deref(),
            opts.plain_csv,
            [&loaded],
        )
        .arg(&scenario.label)
        .option("--town", opts.town.as_ref()),
        |start| explain_outputs(&loaded, &expl, only, start),
        summary,
        &loaded.warnings,
        |out| explain_report(out, lang, &loaded, &expl, only),
    )
}

fn summary<'a>(
    loaded: &'a crate::model::Loaded,
    scenario: &'a ScenarioRef,
    opts: &'a ExplainOptions,
    expl: &'a Explanation,
    only: Option<usize>,
    lang: crate::catalogue::Lang,
) -> ExplainSummary<'a> {
    let towns = &loaded.scenario.dataset.towns;
    ExplainSummary {
        scenario: &scenario.label,
        town: opts.town.as_deref(),
        basis: match expl.basis {
            Basis::Supply => "supply",
            Basis::Plan => "plan",
        },
        changes_solved: expl.solved.len(),
        towns: expl
            .shown(only)
            .map(|t| {
                let best = t.best_change();
                TownSummary {
                    town_code: towns.get(t.town).map_or("", |t| t.code.as_str()),
                    unhoused: t.unhoused,
                    beds_short: t.beds_short,
                    best_change: best.map(|b| b.change.code()),
                    best_change_said: best
                        .map(|b| crate::report::explain::change_words(b.change, loaded, lang)),
                    housed_gain: best.and_then(|b| b.town_gain()),
                    housed_gain_total: best.and_then(|b| b.total_gain()),
                }
            })
            .collect(),
    }
}
