//! `dormplan compare A B`: two scenarios side by side, totals and per-town differences B − A.
//!
//! Each side is a scenario file (its base) or one of its variants, written `FILE#VARIANT`:
//!
//! ```text
//! dormplan compare scenarios/cixi-2020.toml scenarios/cixi-2022-expansion.toml
//! dormplan compare scenarios/cixi-standard-sweep.toml#standard-8 scenarios/cixi-standard-sweep.toml#standard-10
//! ```
//!
//! The text after the last `#` names the variant (unless it contains a path separator, so a
//! folder with `#` in its name still works). The same syntax names the scenario of `rank`.

use super::{Console, Destination, Outcome, finish, summary_json};
use crate::catalogue::words;
use crate::diag::Problems;
use crate::io::{ScenarioRef, load_both};
use crate::metrics;
use crate::report::metrics::{compare_outputs, compare_report};
use std::io::Write;
use std::path::PathBuf;

/// Options of `dormplan compare`.
#[derive(Debug, Clone, Default)]
pub struct CompareOptions {
    /// Write `compare_totals.csv` and `compare_towns.csv` here.
    pub out_dir: Option<PathBuf>,
    /// Write CSV files as plain UTF-8, without the byte-order mark that Excel and WPS need
    /// (`--plain-csv`).
    pub plain_csv: bool,
}

/// `compare --json`'s `summary`: the two sides as given (the differences are
/// `tables.compare_totals` and `tables.compare_towns`).
#[derive(serde::Serialize)]
struct CompareSummary<'a> {
    /// The first scenario.
    a: &'a str,
    /// The second.
    b: &'a str,
}

/// Measures A and B (in parallel), prints their totals and per-town differences and, with an
/// output folder, writes the two CSV files (all or none).
pub fn compare(
    a: &ScenarioRef,
    b: &ScenarioRef,
    opts: &CompareOptions,
    console: &mut Console,
) -> Outcome {
    console.stage("compare", words::STAGE_READING);
    let loaded = load_both(a, b)?;
    let lang = console.lang_for(loaded[0].scenario.settings.lang);
    console.stage("compare", words::STAGE_MEASURING);
    let (ma, mb) = rayon::join(
        || metrics::measure(&loaded[0]),
        || metrics::measure(&loaded[1]),
    );
    let (ma, mb) = (ma?, mb?);
    let cmp = metrics::differences(&ma, &mb);
    let warnings = Problems::merged(loaded.iter().flat_map(|l| l.warnings.0.iter().cloned()));
    let report = |out: &mut dyn Write| compare_report(out, lang, [(a, &ma), (b, &mb)], &cmp);
    finish(
        console,
        lang,
        Destination::new("compare", opts.out_dir.as_deref(), opts.plain_csv, &loaded)
            .arg(&a.label)
            .arg(&b.label),
        |start| compare_outputs(&cmp, start),
        || {
            summary_json(&CompareSummary {
                a: &a.label,
                b: &b.label,
            })
        },
        &warnings,
        report,
    )
}
