//! `dormplan init DIR`: a starter scenario, policy and three template tables for a new city,
//! written all together or not at all, and never over a file that is there.

use super::{Console, JSON_SCHEMA, Mode, Outcome, Status};
use crate::report::starter::{print_starter, starter_names, starter_outputs};
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
pub fn init(dir: &Path, opts: &InitOptions, console: &mut Console) -> Outcome {
    let mut files = starter_outputs();
    if !opts.plain_csv {
        files.mark_tables_as_utf8();
    }
    files.write_new(dir)?;
    let lang = console.lang_for(None);
    let out = &mut *console.out;
    match console.mode {
        Mode::Report => print_starter(out, lang, dir)?,
        Mode::Quiet => {}
        Mode::Json => {
            let names: Vec<&str> = starter_names().collect();
            let doc = serde_json::json!({
                "schema": JSON_SCHEMA,
                "command": "init",
                "lang": lang,
                "files": {"dir": dir.display().to_string(), "written": names, "removed": []},
            });
            serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::other)?;
            writeln!(out)?;
        }
    }
    Ok(Status::Success)
}
