//! The library's error type and the exit code each kind maps to.

use crate::diag::Problems;
use std::path::PathBuf;

/// Why a command could not produce its result.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input has errors; every one is listed.
    #[error("the input has {} error(s):\n{}", .0.errors().count(), .0)]
    Input(Problems),
    /// The problem as posed cannot be solved (a plan over budget, a minimum that cannot be met).
    #[error("infeasible: {0}")]
    Infeasible(String),
    /// The independent checker rejected a solution. This is a bug in dormplan: please report it
    /// with the scenario.
    #[error("internal check failed (please report this with your scenario): {0}")]
    Checker(String),
    /// An output file could not be written.
    #[error("cannot write {path}: {source}")]
    Output {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
}

impl Error {
    /// The process exit code: 2 for bad input, 1 for infeasible or failed checks.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_) | Error::Output { .. } => 2,
            Error::Infeasible(_) | Error::Checker(_) => 1,
        }
    }
}

/// A result with dormplan's error.
pub type Result<T> = std::result::Result<T, Error>;
