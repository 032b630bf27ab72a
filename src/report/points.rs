//! The points a routing engine needs to make a cost matrix: every demand group and every site,
//! `id,lon,lat`, in the datum the engine takes (WGS84 for OSRM and Valhalla, GCJ-02 for Amap and
//! Tencent). See `docs/cost-matrix.md`.

use crate::catalogue::{Lang, words};
use crate::io::Outputs;
use crate::model::{Crs, Loaded, LonLat};
use crate::numbers::int;
use crate::report::map::lon_lat_text;
use serde::Serialize;
use std::io::Write;

/// The groups' points: the sources of a matrix, its `demand_id`s.
pub const DEMAND_CSV: &str = "points_demand.csv";
/// The sites' points: the destinations of a matrix, its `site_id`s.
pub const SITES_CSV: &str = "points_sites.csv";

#[derive(Serialize, Default)]
struct PointRow<'a> {
    id: &'a str,
    lon: String,
    lat: String,
}

/// A point in `crs`, with six decimals (about 0.1 m).
fn row(id: &str, p: LonLat, crs: Crs) -> PointRow<'_> {
    let (lon, lat) = lon_lat_text(p, crs);
    PointRow { id, lon, lat }
}

/// `points_demand.csv` and `points_sites.csv`: every group and every site of the data (the
/// supply, candidates and the rest: a plan may open any of them), in file order.
pub fn points_outputs(loaded: &Loaded, crs: Crs, mut out: Outputs) -> Outputs {
    let data = &loaded.scenario.dataset;
    out.add_csv(
        DEMAND_CSV,
        data.demand.iter().map(|g| row(&g.id, g.location, crs)),
    );
    out.add_csv(
        SITES_CSV,
        data.sites.iter().map(|s| row(&s.id, s.location, crs)),
    );
    out
}

/// What was (or would be) written, and what to do next.
pub fn print_points(
    out: &mut dyn Write,
    lang: Lang,
    loaded: &Loaded,
    crs: Crs,
) -> std::io::Result<()> {
    let data = &loaded.scenario.dataset;
    let datum = crs.name();
    let engines = match crs {
        Crs::Wgs84 => words::ENGINES_WGS84,
        Crs::Gcj02 => words::ENGINES_GCJ02,
    }
    .get(lang);
    let (groups, sites) = (int(data.demand.len() as u64), int(data.sites.len() as u64));
    writeln!(
        out,
        "{}",
        words::POINTS_WRITTEN.fill(
            lang,
            &[
                ("groups", &groups),
                ("demand_csv", &DEMAND_CSV),
                ("sites", &sites),
                ("sites_csv", &SITES_CSV),
                ("datum", &datum),
                ("engines", &engines),
            ]
        )
    )?;
    writeln!(out, "{}", words::POINTS_NEXT.get(lang))
}
