//! The commands of the `dormplan` binary, as library functions that take parsed options and a
//! terminal writer and return the exit status. The binary only parses arguments and calls these.

/// `dormplan allocate`.
pub mod allocate;
/// `dormplan capacity`.
pub mod capacity;
/// `dormplan check`.
pub mod check;
/// `dormplan compare`.
pub mod compare;
/// `dormplan init`.
pub mod init;
/// `dormplan plan`.
pub mod plan;
/// `dormplan points`.
pub mod points;
/// `dormplan rank`.
pub mod rank;
/// `dormplan subsidy`.
pub mod subsidy;
/// `dormplan sweep`.
pub mod sweep;

pub use crate::io::ScenarioRef;
/// A spinner on stderr with the stage a long command is at.
mod progress;

pub use allocate::{AllocateOptions, allocate};
pub use capacity::{CapacityOptions, capacity};
pub use check::check;
pub use compare::{CompareOptions, compare};
pub use init::{InitOptions, init};
pub use plan::{PlanCommandOptions, plan};
pub use points::{PointsOptions, points};
pub use rank::{RankOptions, rank};
pub use subsidy::{SubsidyOptions, subsidy};
pub use sweep::{SweepOptions, sweep};

use crate::diag::{Code, Location, Problem, Problems};
use crate::io::Outputs;
use crate::io::workbook::{Table, workbook};
use crate::model::{Loaded, Standard};
use crate::report::run_manifest::{RUN_JSON, RunManifest, RunTime, SOURCE_DATE_EPOCH, input_paths};
use crate::report::tables::table_description;
use crate::report::terminal::{WARNINGS_IN_FULL, print_warnings_summary};
use std::io::Write;
use std::path::Path;

/// How a command that ran to the end came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything as asked (exit code 0).
    Success,
    /// The command ran but its answer is "no": a check found errors (exit code 1).
    Failed,
}

impl Status {
    /// The process exit code.
    pub fn exit_code(self) -> u8 {
        match self {
            Status::Success => 0,
            Status::Failed => 1,
        }
    }
}

/// Why a command stopped.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// dormplan's own error: bad input, infeasible, an output that cannot be written.
    #[error(transparent)]
    Dormplan(#[from] crate::Error),
    /// The report could not be written to the terminal (or pipe).
    #[error("cannot write the report")]
    Terminal(#[from] std::io::Error),
}

impl CommandError {
    /// The process exit code. A closed pipe (`dormplan capacity … | head`) is not a failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            CommandError::Dormplan(e) => e.exit_code(),
            CommandError::Terminal(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
            CommandError::Terminal(_) => 2,
        }
    }
}

/// What every command returns.
pub type Outcome = std::result::Result<Status, CommandError>;

/// One row of `warnings.csv`.
#[derive(serde::Serialize, Default)]
struct WarningRow {
    code: String,
    file: String,
    place: String,
    field: String,
    found: String,
    expected: String,
}

/// Every warning as a row of `warnings.csv`, in the report's order.
fn warning_rows(warnings: &Problems) -> impl Iterator<Item = WarningRow> + '_ {
    warnings.warnings().map(|p| WarningRow {
        code: p.code.to_string(),
        file: p.file.display().to_string(),
        place: match &p.location {
            Location::File => String::new(),
            Location::Line(n) => format!("line {n}"),
            Location::Feature(i) => format!("feature {i}"),
            Location::Key(k) => format!("key {k}"),
            Location::KeyAt { key, line } => format!("line {line} key {key}"),
        },
        field: p.field.clone().unwrap_or_default(),
        found: p.found.clone(),
        expected: p.expected.clone(),
    })
}

/// Where a command writes its files (`-o DIR`), how (`--plain-csv`), the scenarios it read
/// (whose inputs it must never replace), and its command line, for `run.json` and the
/// workbook's first sheet.
pub(crate) struct Destination<'a> {
    dir: Option<&'a Path>,
    plain_csv: bool,
    scenarios: Vec<&'a Loaded>,
    command: &'static str,
    arguments: Vec<String>,
    standard: Option<Standard>,
}

impl<'a> Destination<'a> {
    /// The files of `dormplan COMMAND`, for the run that read `scenarios`.
    pub(crate) fn new(
        command: &'static str,
        dir: Option<&'a Path>,
        plain_csv: bool,
        scenarios: impl IntoIterator<Item = &'a Loaded>,
    ) -> Destination<'a> {
        Destination {
            dir,
            plain_csv,
            scenarios: scenarios.into_iter().collect(),
            command,
            arguments: Vec::new(),
            standard: None,
        }
    }

    /// Adds an argument of the command line, as the person typed it.
    pub(crate) fn arg(mut self, argument: impl std::fmt::Display) -> Destination<'a> {
        self.arguments.push(argument.to_string());
        self
    }

    /// Adds `FLAG VALUE` to the command line when there is a value.
    pub(crate) fn option(
        self,
        flag: &str,
        value: Option<impl std::fmt::Display>,
    ) -> Destination<'a> {
        match value {
            Some(v) => self.arg(flag).arg(v),
            None => self,
        }
    }

    /// The standard given on the command line, which replaces the scenario's in the record.
    pub(crate) fn standard(mut self, standard: Option<Standard>) -> Destination<'a> {
        self.standard = standard;
        self
    }

    /// The workbook's name: `COMMAND.xlsx`.
    fn workbook_name(&self) -> String {
        format!("{}.xlsx", self.command)
    }

    /// The record of the run (`run.json`), at the time `SOURCE_DATE_EPOCH` gives, else now.
    fn manifest(&self) -> crate::Result<RunManifest> {
        let time = RunTime::from_env().map_err(|message| {
            let problem = Problem::new(
                Code::BAD_SETTING,
                Path::new(SOURCE_DATE_EPOCH),
                Location::File,
            )
            .found(message)
            .expected(
                "whole seconds since 1970-01-01 UTC (e.g. 1700000000), or the variable unset",
            );
            crate::Error::Input(Problems(vec![problem]))
        })?;
        let mut command = vec![self.command.to_string()];
        command.extend(self.arguments.iter().cloned());
        if self.plain_csv {
            command.push("--plain-csv".into());
        }
        RunManifest::of(command, &self.scenarios, self.standard, time)
    }

    /// The workbook of `outputs`' tables, its first sheet saying what produced it.
    fn workbook(&self, outputs: &Outputs, manifest: &RunManifest) -> crate::Result<Vec<u8>> {
        let mut facts = manifest.facts();
        facts.push((
            "CSV 文件 CSV files",
            if self.plain_csv {
                "UTF-8，无 BOM (--plain-csv) / UTF-8 without a byte-order mark (--plain-csv)"
            } else {
                "UTF-8，带 BOM（Excel、WPS 可直接打开）/ UTF-8 with a byte-order mark (opens in Excel and WPS as it is)"
            }
            .to_string(),
        ));
        facts.push((
            "数字格式 Number formats",
            "按列名设定，数值与 CSV 相同（见 docs/formats.md）/ by column name; values as in the CSV (see docs/formats.md)".to_string(),
        ));
        let tables: Vec<Table> = outputs
            .tables()
            .map(|(file, csv)| Table {
                file,
                csv,
                about: table_description(file),
            })
            .collect();
        workbook(&facts, &tables)
    }
}

/// The end of every command: when there is a folder, builds the files, adds `warnings.csv`
/// and the workbook, and writes them (all or none); then prints the report, the warnings and
/// what was written. Without a folder the files are never built.
pub(crate) fn finish(
    out: &mut dyn Write,
    dest: Destination,
    outputs: impl FnOnce() -> Outputs,
    warnings: &Problems,
    report: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Outcome {
    let dir = dest.dir;
    let written = match dir {
        Some(dir) => {
            let mut outputs = outputs();
            if warnings.warnings().next().is_some() {
                // Every warning in a file beside the results, however many the report shows.
                outputs.add_csv("warnings.csv", warning_rows(warnings));
            }
            let manifest = dest.manifest()?;
            let book = dest.workbook(&outputs, &manifest)?;
            if !dest.plain_csv {
                outputs.mark_tables_as_utf8();
            }
            outputs.add(dest.workbook_name(), book);
            outputs.add(RUN_JSON, manifest.to_json());
            let names: Vec<String> = outputs.names().map(str::to_string).collect();
            let removed = outputs.write_to(dir, &input_paths(&dest.scenarios))?;
            Some((dir, names, removed))
        }
        None => None,
    };
    report(out)?;
    let where_all = match dir {
        Some(dir) => format!("Every warning is in {}", dir.join("warnings.csv").display()),
        None => "Every warning: `dormplan check SCENARIO`, or -o DIR for warnings.csv".into(),
    };
    print_warnings_summary(out, warnings, WARNINGS_IN_FULL, &where_all)?;
    if let Some((dir, names, removed)) = written {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let list = |names: &[&str]| match names {
            [a, b] => format!("{a} and {b}"),
            _ => names.join(", "),
        };
        writeln!(out, "\nWrote {} in {}", list(&names), dir.display())?;
        if !removed.is_empty() {
            let removed: Vec<&str> = removed.iter().map(String::as_str).collect();
            writeln!(
                out,
                "Removed {} there, written by an earlier dormplan run and not by this one",
                list(&removed)
            )?;
        }
    }
    Ok(Status::Success)
}
