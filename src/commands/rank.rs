//! `dormplan rank SCENARIO`: the sites of each town ranked by one measure, with all five shown:
//! net cost per bed, subsidy per bed, utilisation, mean commute of the residents and shadow
//! price. The scenario may be a variant, written `FILE#VARIANT` as for `compare`.

use super::{Console, Destination, Outcome, finish, summary_json};
use crate::catalogue::problems as say;
use crate::catalogue::words;
use crate::diag::{Code, Location, Problem, Problems};
use crate::error::Error;
use crate::io::ScenarioRef;
use crate::metrics::{self, RankKey};
use crate::model::Town;
use crate::report::metrics::{rank_outputs, rank_report};
use std::io::Write;
use std::path::PathBuf;

/// Options of `dormplan rank`.
#[derive(Debug, Clone, Default)]
pub struct RankOptions {
    /// Only this town (code, Chinese name or pinyin/English name).
    pub town: Option<String>,
    /// The measure to rank by.
    pub by: RankKey,
    /// Write `rank_sites.csv` here.
    pub out_dir: Option<PathBuf>,
    /// Write CSV files as plain UTF-8, without the byte-order mark that Excel and WPS need
    /// (`--plain-csv`).
    pub plain_csv: bool,
}

/// `rank --json`'s `summary`: what was ranked (the ranking is `tables.rank_sites`).
#[derive(serde::Serialize)]
struct RankSummary<'a> {
    /// The scenario as given.
    scenario: &'a str,
    /// The town asked for, if one.
    town: Option<&'a str>,
    /// The measure ranked by.
    by: &'a str,
}

/// Allocates the scenario, ranks the sites of each town (or of one) and prints them; with an
/// output folder, writes `rank_sites.csv`.
pub fn rank(scenario: &ScenarioRef, opts: &RankOptions, console: &mut Console) -> Outcome {
    console.stage("rank", words::STAGE_READING);
    let loaded = scenario.load()?;
    let lang = console.lang_for(loaded.scenario.settings.lang);
    let only = town_option(
        scenario,
        &loaded.scenario.dataset.towns,
        opts.town.as_deref(),
    )?;
    console.stage("rank", words::STAGE_MEASURING);
    let metrics = metrics::measure(&loaded)?;
    let ranking = metrics::rank_by_town(&metrics, opts.by, only);
    let report =
        |out: &mut dyn Write| rank_report(out, lang, scenario, &metrics, opts.by, &ranking);
    finish(
        console,
        lang,
        Destination::new("rank", opts.out_dir.as_deref(), opts.plain_csv, [&loaded])
            .arg(&scenario.label)
            .option("--town", opts.town.as_ref())
            .option("--by", Some(opts.by.as_str())),
        |start| rank_outputs(&metrics, &ranking, start),
        || {
            summary_json(&RankSummary {
                scenario: &scenario.label,
                town: opts.town.as_deref(),
                by: opts.by.as_str(),
            })
        },
        &loaded.warnings,
        report,
    )
}

/// The town `--town` names, when given: one of the scenario's, by code or name; an error
/// naming what was given when it names none or several.
pub(crate) fn town_option(
    scenario: &ScenarioRef,
    towns: &[Town],
    query: Option<&str>,
) -> Result<Option<usize>, Error> {
    let Some(q) = query else {
        return Ok(None);
    };
    match crate::model::towns_named(towns, q).as_slice() {
        [one] => Ok(Some(*one)),
        [] => Err(unknown_town(scenario, q, towns)),
        many => Err(ambiguous_town(scenario, q, towns, many)),
    }
}

/// `--town` names several towns.
fn ambiguous_town(scenario: &ScenarioRef, query: &str, towns: &[Town], many: &[usize]) -> Error {
    let named: Vec<String> = many
        .iter()
        .map(|&i| format!("{} ({})", towns[i].name_zh, towns[i].code))
        .collect();
    let p = Problem::new(Code::AMBIGUOUS_TOWN, &scenario.path, Location::File)
        .field("--town")
        .found(say::NAMES_TOWNS.with_said(vec![
            ("key", format!("\"{query}\"").into()),
            ("towns", say::and_names(named)),
        ]))
        .expected(say::ONE_TOWN_CODE_OR_NAME);
    Error::Input(Problems(vec![p]))
}

/// `--town` names no town of the scenario.
fn unknown_town(scenario: &ScenarioRef, query: &str, towns: &[Town]) -> Error {
    let n = towns.len();
    let expected = match towns.first() {
        Some(t) => say::TOWN_OF_SCENARIO_EG.with(&[
            ("n", &n),
            ("code", &t.code),
            ("zh", &t.name_zh),
            ("en", &t.name_en),
        ]),
        None => say::TOWN_OF_SCENARIO.with(&[("n", &n)]),
    };
    let p = Problem::new(Code::UNKNOWN_TOWN, &scenario.path, Location::File)
        .field("--town")
        .found(format!("\"{query}\""))
        .expected(expected);
    Error::Input(Problems(vec![p]))
}
