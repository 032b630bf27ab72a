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
pub use plan::{PlanCommandOptions, plan};
pub use points::{PointsOptions, points};
pub use rank::{RankOptions, rank};
pub use subsidy::{SubsidyOptions, subsidy};
pub use sweep::{SweepOptions, sweep};

use crate::diag::{Location, Problems};
use crate::io::Outputs;
use crate::io::workbook::{Table, workbook};
use crate::report::tables::table_description;
use crate::report::terminal::{WARNINGS_IN_FULL, print_warnings_summary};
use std::io::Write;
use std::path::{Path, PathBuf};

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

/// Where a command writes its files (`-o DIR`), how (`--plain-csv`), which files it must never
/// replace (its inputs), and its command line, for the workbook's first sheet.
pub(crate) struct Destination<'a> {
    dir: Option<&'a Path>,
    plain_csv: bool,
    inputs: &'a [PathBuf],
    command: &'static str,
    arguments: Vec<String>,
}

impl<'a> Destination<'a> {
    /// The files of `dormplan COMMAND`, for the run that read `inputs`.
    pub(crate) fn new(
        command: &'static str,
        dir: Option<&'a Path>,
        plain_csv: bool,
        inputs: &'a [PathBuf],
    ) -> Destination<'a> {
        Destination {
            dir,
            plain_csv,
            inputs,
            command,
            arguments: Vec::new(),
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

    /// The workbook's name: `COMMAND.xlsx`.
    fn workbook_name(&self) -> String {
        format!("{}.xlsx", self.command)
    }

    /// The workbook of `outputs`' tables, its first sheet saying what produced it.
    fn workbook(&self, outputs: &Outputs) -> crate::Result<Vec<u8>> {
        let quoted = |a: &String| {
            if a.is_empty() || a.contains(char::is_whitespace) {
                format!("\"{a}\"")
            } else {
                a.clone()
            }
        };
        let command_line = std::iter::once(format!("dormplan {}", self.command))
            .chain(self.arguments.iter().map(quoted))
            .collect::<Vec<_>>()
            .join(" ");
        let mut facts = vec![
            (
                "程序 Program",
                format!("dormplan {}", env!("CARGO_PKG_VERSION")),
            ),
            ("命令 Command", command_line),
        ];
        let mut seen = Vec::new();
        for input in self.inputs {
            if !seen.contains(&input) {
                seen.push(input);
                facts.push(("输入 Input", input.display().to_string()));
            }
        }
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
            let book = dest.workbook(&outputs)?;
            if !dest.plain_csv {
                outputs.mark_tables_as_utf8();
            }
            outputs.add(dest.workbook_name(), book);
            let names: Vec<String> = outputs.names().map(str::to_string).collect();
            let removed = outputs.write_to(dir, dest.inputs)?;
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
