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
pub use rank::{RankOptions, rank};
pub use subsidy::{SubsidyOptions, subsidy};
pub use sweep::{SweepOptions, sweep};

use crate::diag::{Location, Problems};
use crate::io::Outputs;
use crate::report::terminal::{WARNINGS_IN_FULL, print_warnings_summary};
use std::borrow::Borrow;
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

/// The end of every command: when there is a folder, builds the files and writes them (all or
/// none); then prints the report, the warnings and what was written. Without a folder the
/// files are never built.
pub(crate) fn finish<O: Borrow<Outputs>>(
    out: &mut dyn Write,
    dir: Option<&Path>,
    inputs: &[PathBuf],
    outputs: impl FnOnce() -> O,
    warnings: &Problems,
    report: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Outcome {
    let has_warnings = warnings.warnings().next().is_some();
    let written = match dir {
        Some(dir) => {
            let outputs = outputs();
            let names = |o: &Outputs| o.names().map(str::to_string).collect::<Vec<_>>();
            let (names, removed) = if has_warnings {
                // Every warning in a file beside the results, however many the report shows.
                let mut all = outputs.borrow().clone();
                all.add_csv("warnings.csv", warning_rows(warnings));
                (names(&all), all.write_to(dir, inputs)?)
            } else {
                let outputs = outputs.borrow();
                (names(outputs), outputs.write_to(dir, inputs)?)
            };
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
