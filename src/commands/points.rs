//! `dormplan points SCENARIO [--crs wgs84|gcj02] -o DIR`: the points of the scenario's groups
//! and sites, for a routing engine that makes its cost matrix.

use super::{Console, Destination, Outcome, finish, summary_json};
use crate::error::Error;
use crate::io::load_without_matrix;
use crate::model::Crs;
use crate::report::points::{points_outputs, print_points};
use std::path::{Path, PathBuf};

/// Options of `dormplan points`.
#[derive(Debug, Clone, Default)]
pub struct PointsOptions {
    /// The datum to write: WGS84 (OSRM, Valhalla) or GCJ-02 (Amap, Tencent).
    pub crs: Crs,
    /// Write the files into this folder.
    pub out_dir: Option<PathBuf>,
    /// Write CSV files without the byte-order mark (`--plain-csv`).
    pub plain_csv: bool,
}

/// `points --json`'s `summary` (the points are `tables.points_demand` and
/// `tables.points_sites`).
#[derive(serde::Serialize)]
struct PointsSummary {
    /// The datum of the points.
    crs: String,
    /// Demand groups.
    groups: usize,
    /// Sites.
    sites: usize,
}

/// Reads the scenario (not its cost matrix, which the points are for), prints what the files
/// hold and writes them (all or none).
pub fn points(path: &Path, opts: &PointsOptions, console: &mut Console) -> Outcome {
    let loaded = load_without_matrix(path).map_err(Error::Input)?;
    let lang = console.lang_for(loaded.scenario.settings.lang);
    let data = &loaded.scenario.dataset;
    finish(
        console,
        lang,
        Destination::new("points", opts.out_dir.as_deref(), opts.plain_csv, [&loaded])
            .arg(path.display())
            .arg("--crs")
            .arg(opts.crs),
        |start| points_outputs(&loaded, opts.crs, start),
        || {
            summary_json(&PointsSummary {
                crs: opts.crs.to_string(),
                groups: data.demand.len(),
                sites: data.sites.len(),
            })
        },
        &loaded.warnings,
        |out| print_points(out, lang, &loaded, opts.crs),
    )
}
