//! The library's error type and the exit code each kind maps to.
//!
//! | kind | exit code |
//! |---|---|
//! | [`Error::Input`], [`Error::TooLarge`], [`Error::Output`]: bad input or an output that cannot be written | 2 |
//! | [`Error::Infeasible`]: the problem as posed has no answer | 1 |
//! | [`Error::Solver`], [`Error::Engine`], [`Error::Checker`], [`Error::Internal`]: dormplan could not finish | 3 |

use crate::diag::Problems;
use std::path::PathBuf;

/// Why a command could not produce its result.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input has errors; every one is listed.
    #[error("the input has {} error(s):\n{}", .0.errors().count(), .0)]
    Input(Problems),
    /// A value of the input is too large for exact integer arithmetic (a sum of people, beds
    /// or costs beyond `i64`): the input is valid field by field but absurd as a whole.
    #[error("{0} is too large for exact arithmetic; check the input for absurd values")]
    TooLarge(String),
    /// The problem as posed cannot be solved (a plan over budget, a minimum that cannot be met).
    #[error("infeasible: {0}")]
    Infeasible(String),
    /// A mixed-integer solver failed (not: proved the program infeasible).
    #[error("the {backend} solver failed on the site-selection program: {message}")]
    Solver {
        /// The backend, as `--solver` names it.
        backend: &'static str,
        /// What it reported.
        message: String,
    },
    /// The flow engine refused a network that dormplan built. This is a bug in dormplan: please
    /// report it with the scenario.
    #[error("internal fault in the flow engine (please report this with your scenario)")]
    Engine(#[source] Box<dyn std::error::Error + Send + Sync + 'static>),
    /// The independent checker rejected a solution. This is a bug in dormplan: please report it
    /// with the scenario.
    #[error("internal check failed (please report this with your scenario): {0}")]
    Checker(String),
    /// Any other internal fault (a bug in dormplan; please report it with the scenario).
    #[error("internal fault (please report this with your scenario): {0}")]
    Internal(String),
    /// An output file could not be written.
    #[error("cannot write {}", .path.display())]
    Output {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The process exit code: 2 for bad input, 1 for an infeasible problem, 3 when dormplan
    /// itself could not finish (a solver failure or an internal fault).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_) | Error::TooLarge(_) | Error::Output { .. } => 2,
            Error::Infeasible(_) => 1,
            Error::Solver { .. } | Error::Engine(_) | Error::Checker(_) | Error::Internal(_) => 3,
        }
    }
}

/// A result with dormplan's error.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn a_cause_is_kept_once() {
        let e = Error::Output {
            path: PathBuf::from("out/towns.csv"),
            source: std::io::Error::from(std::io::ErrorKind::NotADirectory),
        };
        // The message names the file; the operating system's reason is the source, once.
        assert_eq!(e.to_string(), "cannot write out/towns.csv");
        assert!(e.source().is_some());
        assert_eq!(e.exit_code(), 2);
    }

    #[test]
    fn each_kind_has_its_exit_code() {
        assert_eq!(Error::Infeasible("x".into()).exit_code(), 1);
        assert_eq!(Error::TooLarge("x".into()).exit_code(), 2);
        let solver = Error::Solver {
            backend: "microlp",
            message: "x".into(),
        };
        assert_eq!(solver.exit_code(), 3);
        assert!(solver.to_string().contains("microlp"));
        assert_eq!(Error::Checker("x".into()).exit_code(), 3);
        assert_eq!(Error::Internal("x".into()).exit_code(), 3);
    }
}
