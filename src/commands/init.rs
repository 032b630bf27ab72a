//! `dormplan init DIR`: a starter scenario, policy and three template tables for a new city,
//! written all together or not at all, and never over a file that is there.

use super::{Outcome, Status};
use crate::report::starter::{print_starter, starter_outputs};
use std::io::Write;
use std::path::Path;

/// Options of `dormplan init`.
#[derive(Debug, Clone, Default)]
pub struct InitOptions {
    /// Write the tables as plain UTF-8, without the byte-order mark that Excel and WPS need
    /// (`--plain-csv`).
    pub plain_csv: bool,
}

/// Writes the starter files into `dir` (created when missing) and says what to do next. A file
/// already there stops it before anything is written (`FILE_EXISTS`, exit code 2).
pub fn init(dir: &Path, opts: &InitOptions, out: &mut dyn Write) -> Outcome {
    let mut files = starter_outputs();
    if !opts.plain_csv {
        files.mark_tables_as_utf8();
    }
    files.write_new(dir)?;
    print_starter(out, dir)?;
    Ok(Status::Success)
}
