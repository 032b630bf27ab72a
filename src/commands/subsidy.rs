//! `dormplan subsidy SCENARIO`: every rental-housing project's eligibility, amount, binding cap
//! and reasons under each programme of the scenario's policy, with totals by town, year and
//! kind (eligible and potential apart), as a terminal report and four CSV files.

use crate::catalogue::{Said, problems as say};
use crate::diag::{Code, Location, Problem, Problems};
use crate::error::{Error, Result};
use crate::io::Outputs;
use crate::model::Loaded;
use crate::model::policy::{Policy, Programme};
use crate::report::subsidy::{SubsidySummary, subsidy_outputs, subsidy_text};
use crate::subsidy::{self, ProgrammeOutcome};

/// Options of `dormplan subsidy`.
#[derive(Debug, Clone, Default)]
pub struct SubsidyOptions {
    /// Only this programme (by id); every programme of the policy when `None`.
    pub programme: Option<String>,
    /// Also write the CSV files into this folder.
    pub out_dir: Option<std::path::PathBuf>,
    /// Write CSV files as plain UTF-8, without the byte-order mark that Excel and WPS need
    /// (`--plain-csv`).
    pub plain_csv: bool,
    /// List every site, so that kinds a programme does not cover appear as
    /// `KIND_NOT_COVERED` rows.
    pub all_kinds: bool,
}

/// Reads the scenario, prints the subsidy report to `out` and, with an output folder, writes
/// the four CSV files (all or none).
pub fn subsidy(
    path: &std::path::Path,
    options: &SubsidyOptions,
    console: &mut super::Console,
) -> super::Outcome {
    let loaded = crate::io::load_base(path).map_err(Error::Input)?;
    let lang = console.lang_for(loaded.scenario.settings.lang);
    let SubsidyReport {
        text,
        outputs,
        summary,
    } = SubsidyReport::build_with(&loaded, options, console.mode == super::Mode::Json, lang)?;
    let mut dest = super::Destination::new(
        "subsidy",
        options.out_dir.as_deref(),
        options.plain_csv,
        [&loaded],
    )
    .arg(path.display())
    .option("--programme", options.programme.as_ref());
    if options.all_kinds {
        dest = dest.arg("--all-kinds");
    }
    super::finish(
        console,
        lang,
        dest,
        |mut start| {
            start.append(outputs);
            start
        },
        || super::summary_json(&summary),
        &loaded.warnings,
        |out| out.write_all(text.as_bytes()),
    )
}

/// The rendered report: terminal text and the CSV files for `-o DIR`.
#[derive(Debug)]
pub struct SubsidyReport {
    /// The terminal report.
    pub text: String,
    /// `subsidy_projects.csv`, `subsidy_by_town.csv`, `subsidy_by_year.csv`,
    /// `subsidy_by_kind.csv`.
    pub outputs: Outputs,
    /// The totals of each programme, for `--json`'s `summary`.
    pub summary: SubsidySummary,
}

impl SubsidyReport {
    /// Evaluates the scenario's policy and renders the report.
    ///
    /// Fails (bad input, exit code 2) when the scenario names no policy, the policy has no
    /// programme, or `options.programme` names none of them.
    pub fn build(loaded: &Loaded, options: &SubsidyOptions) -> Result<SubsidyReport> {
        SubsidyReport::build_with(loaded, options, false, crate::catalogue::Lang::En)
    }

    /// [`SubsidyReport::build`] with the report in `lang`, keeping the tables' rows for `--json`
    /// too when `json_rows`.
    pub fn build_with(
        loaded: &Loaded,
        options: &SubsidyOptions,
        json_rows: bool,
        lang: crate::catalogue::Lang,
    ) -> Result<SubsidyReport> {
        let scenario = &loaded.scenario;
        let policy = scenario.policy.as_ref().ok_or_else(|| {
            input_error(
                Problem::new(
                    Code::MISSING_VALUE,
                    &scenario.path,
                    Location::Key("data.policy".into()),
                )
                .field("policy")
                .expected(say::POLICY_FOR_SUBSIDY),
            )
        })?;
        let programmes = select(policy, options, &scenario.path)?;
        let data = &scenario.dataset;
        let outcomes: Vec<ProgrammeOutcome> = programmes
            .into_iter()
            .map(|p| {
                let listing = if options.all_kinds {
                    subsidy::Listing::EveryKind
                } else {
                    subsidy::Listing::Projects
                };
                subsidy::evaluate_listing(&data.sites, &scenario.settings, p, listing)
            })
            .collect();

        let mut start = Outputs::new();
        if json_rows {
            start.keep_json_rows();
        }
        Ok(SubsidyReport {
            text: subsidy_text(loaded, policy, &outcomes, lang),
            outputs: subsidy_outputs(&outcomes, data, &scenario.settings.subsidy, start),
            summary: SubsidySummary::of(&outcomes),
        })
    }
}

fn input_error(p: Problem) -> Error {
    Error::Input(Problems(vec![p]))
}

/// The programmes to evaluate, in file order.
fn select<'a>(
    policy: &'a Policy,
    options: &SubsidyOptions,
    scenario: &std::path::Path,
) -> Result<Vec<&'a Programme>> {
    let key = || Location::Key("data.policy".into());
    if policy.programmes.is_empty() {
        return Err(input_error(
            Problem::new(Code::BAD_SETTING, scenario, key())
                .field("programme")
                .found(
                    say::POLICY_WITHOUT_PROGRAMME
                        .with(&[("name", &format!("\"{}\"", policy.name))]),
                )
                .expected(say::PROGRAMME_IN_POLICY),
        ));
    }
    let Some(wanted) = &options.programme else {
        return Ok(policy.programmes.iter().collect());
    };
    match policy.programmes.iter().find(|p| &p.id == wanted) {
        Some(p) => Ok(vec![p]),
        None => {
            let ids: Vec<&str> = policy.programmes.iter().map(|p| p.id.as_str()).collect();
            Err(input_error(
                Problem::new(Code::UNKNOWN_VALUE, scenario, key())
                    .field("programme")
                    .found(format!("\"{wanted}\""))
                    .expected(say::ONE_OF_PROGRAMMES.with_said(vec![("ids", Said::names(ids))])),
            ))
        }
    }
}
