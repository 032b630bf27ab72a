//! Writes a synthetic instance of `dormplan::synth` as a scenario with a cost matrix: towns,
//! sites, demand groups, `costs.csv` (each group's arcs with their metres) and `scenario.toml`.
//!
//! ```text
//! cargo run --release --example write_scenario -- [--points] [--keep-together PCT] GROUPS SITES DIR [SEED]
//! ```
//!
//! With `--points` there is no cost matrix: the scenario gives only the points, and dormplan
//! builds the arcs itself (every allowed site within 15 km, great-circle metres, solved from
//! its default `nearest_k`).
//! SEED defaults to 1. The M and L sizes of the benchmarks are 20000 2000 and 200000 20000
//! (about 600,000 and 6,000,000 matrix rows). Towns are the cells of a 10 km grid over the map
//! (so every site and group is within 7.1 km of its town's point); an enterprise dormitory's
//! employer is `E<n>`; a site's residential area is 8 m² per bed of the instance, its gross
//! area the same; a group's priority is its unhoused weight less one (0–2). With
//! `--keep-together PCT`, PCT in every hundred groups must be housed in one site or not at all.

use dormplan::model::LonLat;
use dormplan::synth;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Grid cells of 10 km, in degrees at the synthetic map's latitude.
const CELL_LAT: f64 = 10.0 / 111.195;

fn main() -> std::io::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let points = args.iter().any(|a| a == "--points");
    args.retain(|a| a != "--points");
    let keep_percent = match args.iter().position(|a| a == "--keep-together") {
        Some(i) => {
            let pct = args.get(i + 1).and_then(|s| s.parse::<u32>().ok());
            let Some(pct) = pct.filter(|p| *p <= 100) else {
                eprintln!("--keep-together takes a whole percentage from 0 to 100");
                std::process::exit(2);
            };
            args.drain(i..i + 2);
            pct
        }
        None => 0,
    };
    let number = |i: usize| args.get(i).and_then(|s| s.parse::<usize>().ok());
    let (Some(groups), Some(sites), Some(dir)) = (number(0), number(1), args.get(2)) else {
        eprintln!("usage: write_scenario [--points] [--keep-together PCT] GROUPS SITES DIR [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(3).map_or(Some(1), |s| s.parse::<u64>().ok());
    let Some(seed) = seed else {
        eprintln!("SEED must be a non-negative integer");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    std::fs::create_dir_all(dir)?;
    let inst = synth::generate_with(groups, sites, seed);
    let grid = Grid::over(inst.site_location.iter().chain(&inst.group_location));

    let mut out = writer(dir, "towns.csv")?;
    writeln!(out, "code,name_zh,name_en,lon,lat")?;
    for (code, (lon, lat)) in grid.cells() {
        writeln!(out, "T{code},镇{code},Town{code},{lon:.6},{lat:.6}")?;
    }
    out.flush()?;

    let mut out = writer(dir, "sites.csv")?;
    writeln!(
        out,
        "id,name,town,kind,status,gross_m2,residential_m2,employer,lon,lat"
    )?;
    for (i, p) in inst.site_location.iter().enumerate() {
        let (kind, employer) = match inst.site_employer[i] {
            Some(e) => ("enterprise_dormitory", format!("E{e}")),
            None => ("migrant_apartment", String::new()),
        };
        let m2 = inst.capacity[i].max(1) * 8;
        let (town, lonlat) = grid.place(p);
        writeln!(
            out,
            "S{i},Site {i},{town},{kind},existing,{m2},{m2},{employer},{lonlat}"
        )?;
    }
    out.flush()?;

    let mut out = writer(dir, "demand.csv")?;
    writeln!(
        out,
        "id,town,people,employer,priority,keep_together,lon,lat"
    )?;
    for (g, p) in inst.group_location.iter().enumerate() {
        let employer = inst.group_employer[g].map_or(String::new(), |e| format!("E{e}"));
        let priority = inst.unhoused_cost[g] / synth::PENALTY - 1;
        let (town, lonlat) = grid.place(p);
        let people = inst.people[g];
        // Every group whose index falls in the first PCT of each hundred keeps together: an even
        // spread over the map, the same on every run.
        let keep = (g * 37 % 100) < keep_percent as usize;
        writeln!(
            out,
            "G{g},{town},{people},{employer},{priority},{keep},{lonlat}"
        )?;
    }
    out.flush()?;

    if !points {
        let mut out = writer(dir, "costs.csv")?;
        writeln!(out, "demand_id,site_id,cost")?;
        for a in &inst.arcs {
            writeln!(out, "G{},S{},{}", a.group, a.site, a.cost)?;
        }
        out.flush()?;
    }

    let mut out = writer(dir, "scenario.toml")?;
    write!(
        out,
        "name = \"Synthetic {groups} groups x {sites} sites, seed {seed}\"\n\
         \n[data]\ntowns = \"towns.csv\"\nsites = \"sites.csv\"\ndemand = \"demand.csv\"\n\
         \n[standard]\nplan_m2_per_person = 8.0\n\
         \n[allocation]\ncutoff_km = {}\nunhoused_penalty_m = {}\n",
        synth::CUTOFF_M / 1000,
        synth::PENALTY
    )?;
    if !points {
        writeln!(out, "cost_matrix = \"costs.csv\"")?;
    }
    out.flush()?;
    let rows = if points { 0 } else { inst.arcs.len() };
    eprintln!(
        "{}: {groups} groups, {sites} sites, {rows} matrix rows",
        dir.display()
    );
    Ok(())
}

fn writer(dir: &Path, name: &str) -> std::io::Result<BufWriter<File>> {
    Ok(BufWriter::with_capacity(
        1 << 20,
        File::create(dir.join(name))?,
    ))
}

/// The 10 km cells over a set of points; a cell's town is named by its row and column.
struct Grid {
    lon0: f64,
    lat0: f64,
    cell_lon: f64,
    cols: usize,
    rows: usize,
}

impl Grid {
    fn over<'a>(points: impl Iterator<Item = &'a LonLat>) -> Grid {
        let (mut lon0, mut lat0, mut lon1, mut lat1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in points {
            (lon0, lat0) = (lon0.min(p.x()), lat0.min(p.y()));
            (lon1, lat1) = (lon1.max(p.x()), lat1.max(p.y()));
        }
        if lon0 > lon1 {
            (lon0, lat0, lon1, lat1) = (121.0, 30.0, 121.0, 30.0);
        }
        let cell_lon = CELL_LAT / lat0.to_radians().cos();
        Grid {
            lon0,
            lat0,
            cell_lon,
            cols: ((lon1 - lon0) / cell_lon) as usize + 1,
            rows: ((lat1 - lat0) / CELL_LAT) as usize + 1,
        }
    }

    /// The code of the town of `p`, and `p` as `lon,lat`.
    fn place(&self, p: &LonLat) -> (String, String) {
        let col = (((p.x() - self.lon0) / self.cell_lon) as usize).min(self.cols - 1);
        let row = (((p.y() - self.lat0) / CELL_LAT) as usize).min(self.rows - 1);
        (
            format!("T{row}-{col}"),
            format!("{:.6},{:.6}", p.x(), p.y()),
        )
    }

    /// Each cell's name and centre.
    fn cells(&self) -> impl Iterator<Item = (String, (f64, f64))> + '_ {
        (0..self.rows).flat_map(move |row| {
            (0..self.cols).map(move |col| {
                let lon = self.lon0 + (col as f64 + 0.5) * self.cell_lon;
                let lat = self.lat0 + (row as f64 + 0.5) * CELL_LAT;
                (format!("{row}-{col}"), (lon, lat))
            })
        })
    }
}
