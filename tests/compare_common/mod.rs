//! Running the binary and reading its CSV outputs, for the sweep, compare and rank tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `dormplan` with `args` in `cwd`.
pub fn dormplan(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dormplan"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("running dormplan")
}

/// Exit code, stdout and stderr, for assertion messages.
pub fn show(o: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}--- stderr\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A CSV file as rows of named fields.
pub fn csv_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).expect("a CSV output");
    let header = r.headers().expect("a header").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("a CSV record");
            header
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// True for a difference of zero as written in CSV (whole, 1, 2 or 3 decimals).
pub fn is_zero(d: &str) -> bool {
    matches!(d, "0" | "0.0" | "0.00" | "0.000")
}
