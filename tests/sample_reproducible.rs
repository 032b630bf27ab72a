//! The embedded Cixi sample (`data/cixi/`) is exactly what its generator writes, and its
//! figures are the city's: 446,000 m² of migrant apartments, 814,000 m² of enterprise
//! dormitories, 129,500 m² of them built since 2013, and 131,200 beds on the baseline
//! scenario's basis.
//!
//! Everything but the first test reads the committed files (GeoJSON through the `geojson`
//! crate, scenarios through `toml`) and counts beds with dormplan's own capacity model, so a
//! change to either the data or the scenario that breaks the calibration fails here.

// The generator is an example program; its `main` is not called from here.
#[allow(dead_code)]
#[path = "../examples/gen_cixi.rs"]
mod generator;

use dormplan::capacity;
use dormplan::model::{Area, ExpertReview, Fen, Settings, Site, SiteKind, SiteStatus};
use geo::{Centroid, Distance, Haversine};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The seed's figures (慈溪市新市民服务中心's reply, section 七).
const APARTMENT_M2: u64 = 446_000;
const DORMITORY_M2: u64 = 814_000;
const SINCE_2013_M2: u64 = 129_500;
const RESIDENTS_2020: u64 = 131_200;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

#[test]
fn committed_files_are_the_generators_output() {
    let sample = generator::generate();
    let report = generator::check(&sample);
    assert!(
        report.failures.is_empty(),
        "the generator's own check fails: {:?}",
        report.failures
    );
    let out = generator::render(&sample);
    let names: Vec<&str> = out.names().collect();
    assert_eq!(names, ["towns.csv", "sites.geojson", "demand.csv"]);
    for name in names {
        let path = root().join("data/cixi").join(name);
        let committed = read(&path);
        let fresh = String::from_utf8_lossy(out.get(name).unwrap_or_default());
        if committed != fresh {
            let line = committed
                .lines()
                .zip(fresh.lines())
                .position(|(a, b)| a != b)
                .map_or_else(|| "its length".to_string(), |i| format!("line {}", i + 1));
            panic!(
                "data/cixi/{name} differs from the generator's output at {line}; \
                 regenerate with `cargo run --example gen_cixi -- data/cixi`"
            );
        }
    }
}

/// The towns file: code → index, in file order.
fn towns() -> BTreeMap<String, (usize, geo::Point<f64>)> {
    let mut reader = csv::Reader::from_path(root().join("data/cixi/towns.csv")).expect("towns");
    let mut towns = BTreeMap::new();
    for (i, row) in reader.deserialize().enumerate() {
        let row: BTreeMap<String, String> = row.expect("a towns row");
        let coord = |k: &str| row[k].parse::<f64>().expect("a coordinate");
        towns.insert(
            row["code"].clone(),
            (i, geo::Point::new(coord("lon"), coord("lat"))),
        );
    }
    towns
}

/// The committed sites, as dormplan's domain type (built here from the GeoJSON properties).
fn sites() -> Vec<Site> {
    let towns = towns();
    let text = read(&root().join("data/cixi/sites.geojson"));
    let geojson::GeoJson::FeatureCollection(fc) = text.parse().expect("valid GeoJSON") else {
        panic!("sites.geojson is not a FeatureCollection");
    };
    fc.features
        .iter()
        .map(|f| {
            let text = |k: &str| f.property(k).and_then(|v| v.as_str()).map(str::to_string);
            let int = |k: &str| f.property(k).and_then(|v| v.as_u64());
            let area = |m2: u64| Area::from_centi_m2(m2 as i64 * 100);
            let id = text("id").expect("id");
            let geometry = f.geometry.as_ref().expect("a geometry");
            let shape = geo::Geometry::<f64>::try_from(&geometry.value).expect("a geo shape");
            let (town, centre) = towns[&text("town").expect("town")];
            let location = shape.centroid().expect("a centroid");
            // Every site is within a few km of its town's approximate centroid.
            let km = Haversine.distance(location, centre) / 1000.0;
            assert!(km < 5.0, "{id} is {km:.1} km from its town");
            Site {
                name: text("name").expect("name"),
                town,
                kind: SiteKind::parse(&text("kind").expect("kind")).expect("a kind"),
                status: SiteStatus::parse(&text("status").expect("status")).expect("a status"),
                location,
                polygon: None,
                gross: area(int("gross_m2").expect("gross_m2")),
                residential: int("residential_m2").map(area),
                beds: int("beds").map(|b| u32::try_from(b).expect("beds")),
                cost: int("cost_yuan").map(|y| Fen(y as i64 * 100)),
                started_year: int("started_year").map(|y| y as i32),
                completed_year: int("completed_year").map(|y| y as i32),
                converted_from: text("converted_from"),
                expert_review: text("expert_review")
                    .map(|r| ExpertReview::parse(&r).expect("a review state"))
                    .unwrap_or_default(),
                structurally_safe: f.property("safety_ok").and_then(|v| v.as_bool()),
                fire_safe: f.property("safety_ok").and_then(|v| v.as_bool()),
                idle_before_conversion: None,
                employer: text("employer"),
                rent_month: int("rent_yuan_month").map(|r| Fen(r as i64 * 100)),
                id,
            }
        })
        .collect()
}

/// A scenario file's settings, read with `toml` (only the keys the sample's scenarios use; the
/// others keep the generator's defaults).
fn scenario(name: &str) -> (toml::Table, Settings) {
    let table: toml::Table = read(&root().join("scenarios").join(name))
        .parse()
        .expect("valid TOML");
    let std = table["standard"].as_table().expect("[standard]");
    let words = |key: &str| -> Vec<String> {
        std[key]
            .as_array()
            .expect("a list")
            .iter()
            .map(|v| v.as_str().expect("a word").to_string())
            .collect()
    };
    let mut settings = generator::settings(
        std["plan_m2_per_person"].as_float().expect("a standard"),
        std["usable_ratio"].as_float().expect("a ratio"),
        table
            .get("as_of_year")
            .and_then(|v| v.as_integer())
            .map(|y| y as i32),
        words("include_kind")
            .iter()
            .map(|w| SiteKind::parse(w).expect("a kind"))
            .collect(),
    );
    settings.standard.include_status = words("include_status")
        .iter()
        .map(|w| SiteStatus::parse(w).expect("a status"))
        .collect();
    (table, settings)
}

#[test]
fn stock_at_the_end_of_2020_matches_the_reply_exactly() {
    let sites = sites();
    let stock: Vec<&Site> = sites
        .iter()
        .filter(|s| {
            !s.kind.is_rental()
                && s.status == SiteStatus::Existing
                && s.completed_year.is_some_and(|y| y <= 2020)
        })
        .collect();
    let m2 = |pred: &dyn Fn(&Site) -> bool| -> u64 {
        let total: Area = stock.iter().filter(|s| pred(s)).map(|s| s.gross).sum();
        (total.units() / Area::UNITS_PER_M2) as u64
    };
    assert_eq!(m2(&|s| s.kind == SiteKind::MigrantApartment), APARTMENT_M2);
    assert_eq!(
        m2(&|s| s.kind == SiteKind::EnterpriseDormitory),
        DORMITORY_M2
    );
    assert_eq!(
        m2(&|s| s.completed_year.is_some_and(|y| y >= 2013)),
        SINCE_2013_M2
    );
    for s in &stock {
        assert!(
            s.completed_year.is_some(),
            "{} has no completion year",
            s.id
        );
        if s.kind == SiteKind::EnterpriseDormitory {
            assert!(s.employer.is_some(), "{} has no employer", s.id);
        }
    }
}

#[test]
fn baseline_scenario_houses_the_replys_131_200_people() {
    let sites = sites();
    let (_, settings) = scenario("cixi-2020.toml");
    let supply: Vec<&Site> = sites
        .iter()
        .filter(|s| capacity::in_supply(s, &settings))
        .collect();
    let beds: u64 = supply.iter().map(|s| capacity::beds(s, &settings)).sum();
    let gross: Area = supply.iter().map(|s| s.gross).sum();
    assert_eq!(
        gross,
        Area::from_centi_m2(126_000_000),
        "the baseline counts 1,260,000 m²"
    );
    assert!(
        beds.abs_diff(RESIDENTS_2020) * 1000 <= RESIDENTS_2020 * 5,
        "{beds} beds, not within 0.5% of {RESIDENTS_2020}"
    );
    // PROVENANCE.md quotes the measured figure; keep it true.
    let quoted = format!("{},{:03}", beds / 1000, beds % 1000);
    let provenance = read(&root().join("data/cixi/PROVENANCE.md"));
    assert!(
        provenance.contains(&quoted),
        "PROVENANCE.md should quote {quoted} beds"
    );
    // Over-occupied sites are in the sample to be reported, but the beds cap never lets them
    // count more than the area allows, so they do not inflate the figure.
    let over = supply
        .iter()
        .filter(|s| s.is_over_occupied(&settings.standard))
        .count();
    assert!((2..=4).contains(&over), "{over} over-occupied sites");
}

#[test]
fn expansion_minimum_for_zhouxiang_needs_a_candidate_within_budget() {
    let sites = sites();
    let towns = towns();
    for name in ["cixi-2022-expansion.toml", "cixi-strict-subsidy.toml"] {
        let (table, settings) = scenario(name);
        let plan = table["plan"].as_table().expect("[plan]");
        let budget = plan["budget_yuan"].as_integer().expect("a budget") as u64;
        let min_beds = plan["min_beds"].as_table().expect("min_beds");
        assert_eq!(min_beds.len(), 1, "{name}: one town with a minimum");
        for (code, min) in min_beds {
            let min = min.as_integer().expect("beds") as u64;
            let (town, _) = towns[code];
            let here = || sites.iter().filter(move |s| s.town == town);
            let standing: u64 = here()
                .filter(|s| capacity::in_supply(s, &settings))
                .map(|s| capacity::beds(s, &settings))
                .sum();
            let candidates: Vec<&Site> = here()
                .filter(|s| s.status == SiteStatus::Candidate)
                .collect();
            let possible: u64 = candidates
                .iter()
                .map(|s| capacity::beds(s, &settings))
                .sum();
            assert!(min > standing, "{name}: {code} already has {standing} beds");
            assert!(
                min <= standing + possible,
                "{name}: {code} cannot reach {min}"
            );
            let cheapest = candidates
                .iter()
                .filter_map(|s| s.cost)
                .min()
                .expect("a costed candidate");
            assert!(
                cheapest.0 as u64 <= budget * 100,
                "{name}: nothing affordable"
            );
            // The description quotes the standing beds; keep it true.
            let quoted = format!("{},{:03}", standing / 1000, standing % 1000);
            let description = table["description"].as_str().unwrap_or_default();
            if name == "cixi-2022-expansion.toml" {
                assert!(
                    description.contains(&quoted),
                    "{name} should quote {quoted} beds"
                );
            }
        }
    }
}

#[test]
fn scenarios_point_at_the_sample() {
    for entry in std::fs::read_dir(root().join("scenarios")).expect("scenarios/") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let table: toml::Table = read(&path).parse().expect("valid TOML");
        assert!(table.contains_key("name") && table.contains_key("description"));
        let data = table["data"].as_table().expect("[data]");
        for key in ["towns", "sites", "demand"] {
            let file = path
                .parent()
                .expect("a folder")
                .join(data[key].as_str().expect("a path"));
            assert!(
                file.is_file(),
                "{}: {key} = {}",
                path.display(),
                file.display()
            );
        }
    }
}
