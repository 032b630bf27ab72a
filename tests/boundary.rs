//! The boundary layer (`data.boundary`): read into the dataset in WGS84, and every site and
//! group outside it warned about (`OUTSIDE_BOUNDARY`) with how far outside; the Cixi sample
//! lies wholly inside its county.

mod common;

use common::Fixture;
use dormplan::diag::{Code, Location};
use dormplan::io::{load_scenario, load_variants, to_wgs84};
use dormplan::model::{Crs, Loaded};
use geo::{Area, CoordsIter, MultiPolygon};
use std::path::{Path, PathBuf};

/// A square of 0.1° around 甲镇 (121.20, 30.20): the fixture's S1 and D1 lie inside it,
/// 乙镇's S2, S3 and D2 (121.30) 0.05° (about 4.8 km) east of its east edge.
const SQUARE: &str = r#"{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"name": "square"}, "geometry": {"type": "Polygon",
  "coordinates": [[[121.15, 30.15], [121.25, 30.15], [121.25, 30.25], [121.15, 30.25], [121.15, 30.15]]]}}
]}"#;

fn with_boundary(boundary: &str, crs: Option<&str>) -> Fixture {
    let key = match crs {
        Some(c) => format!("boundary = \"boundary.geojson\"\nboundary_crs = \"{c}\""),
        None => "boundary = \"boundary.geojson\"".to_string(),
    };
    Fixture::new().set("boundary.geojson", boundary).edit(
        "scenario.toml",
        "demand = \"demand.csv\"",
        &format!("demand = \"demand.csv\"\n{key}"),
    )
}

fn outside_warnings(f: &Fixture) -> Vec<(String, Location, String)> {
    let loaded = load_scenario(&f.write()).expect("the fixture loads");
    loaded
        .warnings
        .warnings()
        .filter(|p| p.code == Code::OUTSIDE_BOUNDARY)
        .map(|p| {
            let file = p.file.file_name().unwrap_or_default();
            (
                file.to_string_lossy().into_owned(),
                p.location.clone(),
                p.to_string(),
            )
        })
        .collect()
}

#[test]
fn points_outside_the_boundary_are_warned_about_and_points_inside_are_not() {
    let warnings = outside_warnings(&with_boundary(SQUARE, None));
    let places: Vec<(&str, &Location)> = warnings.iter().map(|(f, l, _)| (f.as_str(), l)).collect();
    assert_eq!(
        places,
        [
            ("demand.csv", &Location::Line(3)),
            ("sites.csv", &Location::Line(3)),
            ("sites.csv", &Location::Line(4)),
        ],
        "{warnings:#?}"
    );
    let (_, _, s2) = &warnings[1];
    assert!(
        s2.contains(
            "site S2 4.9 km outside the boundary (nearest boundary point 121.2500, 30.2010)"
        ),
        "{s2}"
    );
    assert!(s2.contains("boundary.geojson"), "{s2}");
    let (_, _, d2) = &warnings[0];
    assert!(d2.contains("group D2 4.8 km outside"), "{d2}");
}

fn boundary_of(loaded: &Loaded) -> &MultiPolygon<f64> {
    let boundary = loaded.scenario.dataset.boundary.as_ref();
    boundary.expect("a boundary")
}

#[test]
fn a_boundary_around_everything_gives_no_warning_and_is_kept_in_the_dataset() {
    let around_all = SQUARE.replace("121.25", "121.35");
    let f = with_boundary(&around_all, None);
    assert!(outside_warnings(&f).is_empty());
    let loaded = load_scenario(&f.write()).expect("the fixture loads");
    let boundary = boundary_of(&loaded);
    assert_eq!(boundary.0.len(), 1);
    assert!((boundary.unsigned_area() - 0.02).abs() < 1e-12);
    let roles: Vec<&str> = loaded.inputs.iter().map(|i| i.role.as_str()).collect();
    assert!(roles.contains(&"boundary"), "{roles:?}");
}

#[test]
fn a_boundary_in_gcj02_is_read_into_wgs84() {
    let f = with_boundary(SQUARE, Some("gcj02"));
    let loaded = load_scenario(&f.write()).expect("the fixture loads");
    let boundary = boundary_of(&loaded);
    let first = boundary.coords_iter().next().expect("a corner");
    let (lon, lat) = to_wgs84(121.15, 30.15, Crs::Gcj02);
    assert_eq!((first.x, first.y), (lon, lat));
    assert!(
        (first.x - 121.15).abs() > 1e-3,
        "the datum shift is applied"
    );
}

#[test]
fn without_a_boundary_nothing_is_outside() {
    let loaded = load_scenario(&Fixture::new().write()).expect("the fixture loads");
    assert!(loaded.scenario.dataset.boundary.is_none());
    assert!(
        loaded
            .warnings
            .warnings()
            .all(|p| p.code != Code::OUTSIDE_BOUNDARY)
    );
}

fn sample_scenarios() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("scenarios/")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn the_cixi_sample_lies_inside_its_county() {
    let scenarios = sample_scenarios();
    assert!(scenarios.len() >= 4);
    for path in scenarios {
        let loaded = load_scenario(&path).expect("the sample loads");
        let boundary = loaded.scenario.dataset.boundary.as_ref();
        assert!(boundary.is_some(), "{} names no boundary", path.display());
        let outside: Vec<String> = loaded
            .warnings
            .warnings()
            .filter(|p| p.code == Code::OUTSIDE_BOUNDARY)
            .map(|p| p.to_string())
            .collect();
        assert!(
            outside.is_empty(),
            "{}:\n{}",
            path.display(),
            outside.join("\n")
        );
        for variant in load_variants(&path).expect("the variants load") {
            assert!(
                variant
                    .warnings
                    .warnings()
                    .all(|p| p.code != Code::OUTSIDE_BOUNDARY)
            );
        }
    }
}
