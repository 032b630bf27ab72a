//! `dormplan subsidy SCENARIO`: every rental-housing project's eligibility, amount, binding cap
//! and reasons under each programme of the scenario's policy, with totals by town, year and
//! kind (eligible and potential apart), as a terminal report and four CSV files.

use crate::diag::{Code, Location, Problem, Problems};
use crate::error::{Error, Result};
use crate::io::Outputs;
use crate::model::Loaded;
use crate::model::policy::{Policy, Programme};
use crate::report::subsidy::{subsidy_outputs, subsidy_text};
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
    out: &mut dyn std::io::Write,
) -> super::Outcome {
    let loaded = crate::io::load_base(path).map_err(Error::Input)?;
    let SubsidyReport { text, outputs } = SubsidyReport::build(&loaded, options)?;
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
        out,
        dest,
        || outputs,
        &Problems::default(),
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
}

impl SubsidyReport {
    /// Evaluates the scenario's policy and renders the report.
    ///
    /// Fails (bad input, exit code 2) when the scenario names no policy, the policy has no
    /// programme, or `options.programme` names none of them.
    pub fn build(loaded: &Loaded, options: &SubsidyOptions) -> Result<SubsidyReport> {
        let scenario = &loaded.scenario;
        let policy = scenario.policy.as_ref().ok_or_else(|| {
            input_error(
                Problem::new(
                    Code::MISSING_VALUE,
                    &scenario.path,
                    Location::Key("data.policy".into()),
                )
                .field("policy")
                .expected(
                    "a policy file to take the subsidy rules from, e.g. \
                     policy = \"../data/policy/ningbo-rental-pilot.toml\" under [data]",
                ),
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

        Ok(SubsidyReport {
            text: subsidy_text(loaded, policy, &outcomes),
            outputs: subsidy_outputs(&outcomes, data, &scenario.settings.subsidy),
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
                .found(format!("policy \"{}\" with no programme", policy.name))
                .expected("at least one [[programme]] in the policy file"),
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
                    .expected(format!(
                        "one of the policy's programmes: {}",
                        ids.join(", ")
                    )),
            ))
        }
    }
}
