//! Writes the plan series of the benchmarks: scenarios on the Cixi sample's towns, demand and
//! standing sites with N synthetic candidate projects each.
//!
//! ```text
//! cargo run --release --example write_plan_series -- [OUT] [SEED] [N...]
//! ```
//!
//! OUT defaults to `benches/out`, SEED to 1 and the Ns to 12 30 60 120 240. For each N it
//! writes `OUT/plan-N/` with `scenario.toml`, `towns.csv` and `demand.csv` (the sample's, as
//! they are), `sites.geojson` (the sample's sites that stand or are being built, without its
//! own candidates, then the N candidates) and `policy.toml` (the sample's literal reading of
//! the rental pilot, which has no pool).
//!
//! The candidates are new-build rental projects (status `candidate`) of 4,000–16,000 m² gross,
//! with declared beds at 8.5–10.5 m² of residential area a bed, 4,000–4,500 yuan/m² of
//! construction cost and completion planned for 2022 (inside the pilot's window, so each is
//! netted its subsidy), placed 0.3–2.5 km from a demand group drawn in proportion to its
//! people and given that group's town. One stream of draws makes all of them, so the
//! candidates of a smaller N are the first of a larger one's. `[plan] budget_yuan` is 30 % of
//! the candidates' total net cost, rounded down to a million yuan, so that it affords roughly
//! a quarter to a third of them; `[plan] min_beds` asks the town with the most candidate beds
//! (and, from 30 candidates, the second) for its standing beds plus the beds of its smallest
//! candidate, so at least one must be built there. The same SEED gives the same files.

use dormplan::capacity;
use dormplan::io::load_scenario;
use dormplan::plan::PlanProblem;
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Kilometres per degree of latitude, and of longitude at Cixi's latitude (≈30.2°N), as the
/// sample's generator has them.
const KM_PER_DEG_LAT: f64 = 111.32;
const KM_PER_DEG_LON: f64 = 96.21;
/// Nothing north of this latitude: beyond it lies Hangzhou Bay.
const MAX_LAT: f64 = 30.32;
/// Share of the candidates' total net cost that the budget is.
const BUDGET_SHARE: f64 = 0.30;

/// A demand group of the sample, as far as placing candidates needs it.
struct Group {
    town: String,
    people: u32,
    lon: f64,
    lat: f64,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = PathBuf::from(args.first().map_or("benches/out", String::as_str));
    let seed = match args.get(1).map(|s| s.parse::<u64>()) {
        None => 1,
        Some(Ok(s)) => s,
        Some(Err(_)) => return usage("SEED must be a non-negative integer"),
    };
    let sizes: Result<Vec<usize>, _> = args.iter().skip(2).map(|s| s.parse()).collect();
    let Ok(mut sizes) = sizes else {
        return usage("each N must be a whole number");
    };
    if sizes.is_empty() {
        sizes = vec![12, 30, 60, 120, 240];
    }
    match write_series(&out, seed, &sizes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("write_plan_series: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("{message}\nusage: write_plan_series [OUT] [SEED] [N...]");
    ExitCode::from(2)
}

type Failure = Box<dyn std::error::Error>;

fn write_series(out: &Path, seed: u64, sizes: &[usize]) -> Result<(), Failure> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = root.join("data/cixi");
    let towns = std::fs::read_to_string(sample.join("towns.csv"))?;
    let demand = std::fs::read_to_string(sample.join("demand.csv"))?;
    let policy = std::fs::read_to_string(root.join("data/policy/ningbo-rental-pilot.toml"))?;
    let standing = standing_sites(&std::fs::read_to_string(sample.join("sites.geojson"))?)?;
    let groups = read_groups(&sample.join("demand.csv"))?;
    let most = sizes.iter().copied().max().unwrap_or(0);
    let candidates = draw_candidates(&groups, most, seed)?;
    for &n in sizes {
        let dir = out.join(format!("plan-{n}"));
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("towns.csv"), &towns)?;
        std::fs::write(dir.join("demand.csv"), &demand)?;
        std::fs::write(dir.join("policy.toml"), &policy)?;
        let mut sites = String::from("{\"type\":\"FeatureCollection\",\"features\":[\n");
        let features: Vec<String> = standing
            .iter()
            .chain(&candidates[..n])
            .map(Value::to_string)
            .collect();
        sites.push_str(&features.join(",\n"));
        sites.push_str("\n]}\n");
        std::fs::write(dir.join("sites.geojson"), sites)?;
        // The budget and the minimums come from dormplan's own beds and net costs: write the
        // scenario without them, read it back, then write it whole.
        let scenario = dir.join("scenario.toml");
        std::fs::write(&scenario, scenario_toml(n, seed, None))?;
        let plan = plan_section(&scenario, n)?;
        std::fs::write(&scenario, scenario_toml(n, seed, Some(&plan)))?;
        eprintln!(
            "{}: {n} candidates; {}",
            dir.display(),
            plan.replace('\n', " ")
        );
    }
    Ok(())
}

/// The sample's sites that are not candidates, as GeoJSON features in file order.
fn standing_sites(geojson: &str) -> Result<Vec<Value>, Failure> {
    let collection: Value = serde_json::from_str(geojson)?;
    let features = collection["features"]
        .as_array()
        .ok_or("the sample's sites.geojson has no features")?;
    Ok(features
        .iter()
        .filter(|f| f["properties"]["status"] != "candidate")
        .cloned()
        .collect())
}

fn read_groups(path: &Path) -> Result<Vec<Group>, Failure> {
    let mut reader = csv::Reader::from_path(path)?;
    let header = reader.headers()?.clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or(format!("demand.csv has no column {name}"))
    };
    let (town, people, lon, lat) = (
        column("town")?,
        column("people")?,
        column("lon")?,
        column("lat")?,
    );
    let mut groups = Vec::new();
    for row in reader.records() {
        let row = row?;
        groups.push(Group {
            town: row[town].to_string(),
            people: row[people].parse()?,
            lon: row[lon].parse()?,
            lat: row[lat].parse()?,
        });
    }
    Ok(groups)
}

/// `count` candidate projects as GeoJSON features.
fn draw_candidates(groups: &[Group], count: usize, seed: u64) -> Result<Vec<Value>, Failure> {
    let mut rng = Pcg64::seed_from_u64(seed);
    let pick = WeightedIndex::new(groups.iter().map(|g| g.people))?;
    let mut features = Vec::with_capacity(count);
    for i in 1..=count {
        let g = &groups[pick.sample(&mut rng)];
        let (lon, lat) = near(&mut rng, g, 0.3, 2.5);
        let gross: u64 = rng.random_range(4_000..=16_000);
        let residential = (gross as f64 * rng.random_range(0.80..0.86)).round() as u64;
        let beds = (residential as f64 / rng.random_range(8.5..10.5)).floor() as u64;
        let cost = (gross as f64 * rng.random_range(4_000.0..4_500.0)).round() as u64;
        let rent = rng.random_range(50..=90) * 10;
        features.push(json!({
            "type": "Feature",
            "properties": {
                "id": format!("PC{i:04}"),
                "name": format!("候选租赁住房项目{i}号（拟建）"),
                "town": g.town,
                "kind": "rental_new_build",
                "status": "candidate",
                "gross_m2": gross,
                "residential_m2": residential,
                "beds": beds,
                "cost_yuan": cost,
                "completed_year": 2022,
                "expert_review": "pending",
                "rent_yuan_month": rent,
            },
            "geometry": {"type": "Point", "coordinates": [round6(lon), round6(lat)]},
        }));
    }
    Ok(features)
}

/// A point between `min_km` and `max_km` from the group, uniformly over the ring, never out
/// in the bay.
fn near(rng: &mut Pcg64, g: &Group, min_km: f64, max_km: f64) -> (f64, f64) {
    loop {
        let dx: f64 = rng.random_range(-max_km..max_km);
        let dy: f64 = rng.random_range(-max_km..max_km);
        let r2 = dx * dx + dy * dy;
        if r2 > max_km * max_km || r2 < min_km * min_km {
            continue;
        }
        let (lon, lat) = (g.lon + dx / KM_PER_DEG_LON, g.lat + dy / KM_PER_DEG_LAT);
        if lat <= MAX_LAT {
            return (lon, lat);
        }
    }
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn scenario_toml(n: usize, seed: u64, plan: Option<&str>) -> String {
    let mut s = format!(
        "name = \"Cixi sample with {n} synthetic candidate projects, seed {seed}\"\n\
         as_of_year = 2022\n\
         \n[data]\ntowns = \"towns.csv\"\nsites = \"sites.geojson\"\ndemand = \"demand.csv\"\n\
         policy = \"policy.toml\"\ncrs = \"wgs84\"\n\
         \n[standard]\nplan_m2_per_person = 8.0\nusable_ratio = 0.8333\n\
         include_status = [\"existing\", \"under_construction\"]\n\
         include_kind = [\"enterprise_dormitory\", \"migrant_apartment\", \"rental_new_build\", \
         \"rental_conversion\"]\n\
         \n[allocation]\ncutoff_km = 10.0\nnearest_k = 30\nunhoused_penalty_m = 100000\n"
    );
    if let Some(plan) = plan {
        s.push_str("\n[plan]\n");
        s.push_str(plan);
    }
    s
}

/// The `[plan]` lines: the budget and the towns' minimum beds.
fn plan_section(scenario: &Path, n: usize) -> Result<String, Failure> {
    let loaded = load_scenario(scenario).map_err(|p| format!("{p:?}"))?;
    let problem = PlanProblem::of(&loaded)?;
    let s = &loaded.scenario;
    let total_net: i64 = problem.choices.iter().map(|c| c.net).sum();
    let budget_yuan = (total_net as f64 * BUDGET_SHARE / 100.0 / 1e6).floor() as i64 * 1_000_000;

    let mut standing: BTreeMap<usize, i64> = BTreeMap::new();
    for site in &s.dataset.sites {
        if capacity::in_supply(site, &s.settings) {
            *standing.entry(site.town).or_default() += capacity::beds(site, &s.settings) as i64;
        }
    }
    // Per town: its candidates' beds in all, and its smallest candidate's.
    let mut offered: BTreeMap<usize, (i64, i64)> = BTreeMap::new();
    for c in &problem.choices {
        let e = offered.entry(c.town).or_insert((0, i64::MAX));
        *e = (e.0 + c.beds, e.1.min(c.beds));
    }
    let mut towns: Vec<(usize, (i64, i64))> = offered.into_iter().collect();
    towns.sort_by_key(|&(t, (all, _))| (std::cmp::Reverse(all), t));
    towns.truncate(if n >= 30 { 2 } else { 1 });
    towns.sort_by_key(|&(t, _)| t);
    let minimums: Vec<String> = towns
        .iter()
        .map(|&(t, (_, smallest))| {
            let need = standing.get(&t).copied().unwrap_or(0) + smallest;
            format!("\"{}\" = {need}", s.dataset.towns[t].code)
        })
        .collect();
    let mut plan = String::new();
    writeln!(plan, "budget_yuan = {budget_yuan}")?;
    writeln!(plan, "min_beds = {{ {} }}", minimums.join(", "))?;
    Ok(plan)
}
