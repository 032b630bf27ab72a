//! The map layers of `allocate` and `plan`: sites keep the polygons they were given, a layer of
//! demand groups adds up to the towns' totals, `unhoused.csv` says where each group is, and
//! `--out-crs gcj02` converts every coordinate of them all.

mod common;

use common::{Fixture, csv_rows, dormplan, show, text};
use dormplan::io::from_wgs84;
use dormplan::model::Crs;
use geo::{Centroid, Distance, Haversine};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Sites given as a Point (S1), a Polygon with a hole (S2) and a MultiPolygon of two parts
/// (S3), their vertices written with more decimals than dormplan rounds points to.
const SITES: &str = r#"{"type": "FeatureCollection", "features": [
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.2010123456, 30.2010987654]},
  "properties": {"id": "S1", "name": "Point", "town": "330282001", "kind": "migrant_apartment",
                 "status": "existing", "gross_m2": 500, "residential_m2": 400}},
 {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [
    [[121.3000012345, 30.2000054321], [121.3020098765, 30.2000054321], [121.3020098765, 30.2015011111], [121.3000012345, 30.2015011111], [121.3000012345, 30.2000054321]],
    [[121.3005, 30.2005], [121.3010, 30.2005], [121.3010, 30.2010], [121.3005, 30.2005]]]},
  "properties": {"id": "S2", "name": "Polygon", "town": "330282002", "kind": "migrant_apartment",
                 "status": "existing", "gross_m2": 300, "residential_m2": 240}},
 {"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": [
    [[[121.2100000001, 30.2100000002], [121.2110000003, 30.2100000002], [121.2110000003, 30.2110000004], [121.2100000001, 30.2100000002]]],
    [[[121.2120000005, 30.2100000002], [121.2130000007, 30.2100000002], [121.2130000007, 30.2110000004], [121.2120000005, 30.2100000002]]]]},
  "properties": {"id": "S3", "name": "Two parts", "town": "330282001", "kind": "rental_new_build",
                 "status": "existing", "gross_m2": 200, "residential_m2": 160, "cost_yuan": 1000000}}
]}"#;

/// Five groups, more people than beds, one of them out of every site's reach.
const DEMAND: &str = "\
id,town,people,lon,lat,priority
D1,330282001,60,121.200321,30.200654,10
D2,330282001,25,121.210987,30.209876,0
D3,330282002,45,121.300123,30.199987,0
D4,330282002,8,121.305555,30.205555,5
D5,330282002,7,121.700001,30.500002,0
";

fn fixture() -> Fixture {
    Fixture::new()
        .set("sites.geojson", SITES)
        .set("demand.csv", DEMAND)
        .edit("scenario.toml", "sites.csv", "sites.geojson")
}

/// Runs dormplan in the fixture's folder; it must succeed.
fn run_ok(f: &Fixture, args: &[&str]) {
    f.write();
    let out = dormplan(args, f.path());
    assert!(out.status.success(), "{args:?}: {}", show(&out));
}

fn layer(dir: &Path, name: &str) -> Value {
    let bytes = std::fs::read(dir.join(name)).expect("a layer");
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "{name} has no BOM");
    let value: Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(value["type"], "FeatureCollection", "{name}");
    value
}

fn features(layer: &Value) -> &[Value] {
    layer["features"].as_array().expect("features")
}

/// The features of a layer by their `id` property.
fn by_id(layer: &Value) -> BTreeMap<String, Value> {
    features(layer)
        .iter()
        .map(|f| {
            let id = f["properties"]["id"].as_str().expect("an id").to_string();
            (id, f.clone())
        })
        .collect()
}

/// Every number of a JSON value, depth first (a geometry's coordinates, in order).
fn numbers(v: &Value) -> Vec<f64> {
    match v {
        Value::Number(n) => vec![n.as_f64().unwrap()],
        Value::Array(items) => items.iter().flat_map(numbers).collect(),
        _ => Vec::new(),
    }
}

fn input_geometry(id: &str) -> Value {
    let input: Value = serde_json::from_str(SITES).unwrap();
    let feature = features(&input)
        .iter()
        .find(|f| f["properties"]["id"] == id)
        .expect("an input site")
        .clone();
    feature["geometry"].clone()
}

fn close(a: &[f64], b: &[f64], tolerance: f64) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tolerance)
}

#[test]
fn sites_given_as_polygons_come_back_vertex_for_vertex_and_points_stay_points() {
    let f = fixture();
    run_ok(&f, &["allocate", "scenario.toml", "-o", "out"]);
    let sites = layer(&f.path().join("out"), "sites.geojson");
    assert_eq!(sites["crs_name"], "WGS84");
    let sites = by_id(&sites);
    assert_eq!(sites.len(), 3);
    for (id, kind) in [("S1", "Point"), ("S2", "Polygon"), ("S3", "MultiPolygon")] {
        let given = input_geometry(id);
        let written = &sites[id]["geometry"];
        assert_eq!(written["type"], kind, "{id}");
        let (a, b) = (
            numbers(&written["coordinates"]),
            numbers(&given["coordinates"]),
        );
        assert!(a.len() >= 2, "{id}");
        // Points are rounded to six decimals; a footprint's vertices are kept as read.
        let tolerance = if kind == "Point" { 5e-7 } else { 1e-9 };
        assert!(close(&a, &b, tolerance), "{id}: {a:?} vs {b:?}");
        // The point distances are measured from: the footprint's centroid, the point itself.
        let given: geojson::Geometry = serde_json::from_value(given).unwrap();
        let shape = geo::Geometry::<f64>::try_from(&given.value).unwrap();
        let centroid = shape.centroid().unwrap();
        let props = &sites[id]["properties"];
        let at = [
            props["lon"].as_f64().unwrap(),
            props["lat"].as_f64().unwrap(),
        ];
        assert!(
            close(&at, &[centroid.x(), centroid.y()], 5e-7),
            "{id}: {at:?}"
        );
    }
}

#[test]
fn the_groups_layer_adds_up_to_the_demand_and_the_towns() {
    let f = fixture();
    run_ok(&f, &["allocate", "scenario.toml", "-o", "out"]);
    let out = f.path().join("out");
    let groups = layer(&out, "groups.geojson");
    assert_eq!(groups["crs_name"], "WGS84");
    let groups = by_id(&groups);
    let demand: Vec<(String, String, i64)> = DEMAND
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (cells[0].into(), cells[1].into(), cells[2].parse().unwrap())
        })
        .collect();
    assert_eq!(groups.len(), demand.len(), "one feature per group");
    let mut by_town: BTreeMap<String, [i64; 3]> = BTreeMap::new();
    let mut any_unhoused = false;
    for (id, town, people) in &demand {
        let g = &groups[id];
        assert_eq!(g["geometry"]["type"], "Point");
        let p = &g["properties"];
        let n = |k: &str| p[k].as_i64().unwrap_or_else(|| panic!("{id} {k}"));
        assert_eq!(p["town"].as_str(), Some(town.as_str()));
        assert_eq!(n("people"), *people, "{id}");
        assert_eq!(n("housed") + n("unhoused"), *people, "{id}");
        let unhoused = n("unhoused") > 0;
        any_unhoused |= unhoused;
        for key in ["reason", "explanation", "explanation_zh"] {
            let words = p[key].as_str().unwrap_or_default();
            assert_eq!(!words.is_empty(), unhoused, "{id} {key}: {p}");
        }
        let t = by_town.entry(town.clone()).or_default();
        for (i, key) in ["people", "housed", "unhoused"].into_iter().enumerate() {
            t[i] += n(key);
        }
    }
    assert!(any_unhoused, "the fixture leaves people out");
    assert_eq!(groups["D5"]["properties"]["reason"], "NO_SITE_IN_RANGE");
    for row in csv_rows(&out.join("towns.csv")) {
        let t = by_town.get(&row["code"]).copied().unwrap_or_default();
        let totals: Vec<String> = t.iter().map(i64::to_string).collect();
        assert_eq!(
            [&row["demand"], &row["housed"], &row["unhoused"]],
            [&totals[0], &totals[1], &totals[2]],
            "town {}",
            row["code"]
        );
    }
    // The unhoused of the layer are those of unhoused.csv, with the same reasons.
    let listed: Vec<(String, String, String)> = csv_rows(&out.join("unhoused.csv"))
        .into_iter()
        .map(|r| (r["group"].clone(), r["people"].clone(), r["reason"].clone()))
        .collect();
    let layered: Vec<(String, String, String)> = demand
        .iter()
        .map(|(id, _, _)| &groups[id]["properties"])
        .filter(|p| p["unhoused"].as_i64() > Some(0))
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap().to_string();
            (s("id"), p["unhoused"].to_string(), s("reason"))
        })
        .collect();
    assert_eq!(layered, listed);
}

#[test]
fn unhoused_csv_says_where_each_group_is_as_the_demand_file_does() {
    let f = fixture();
    run_ok(&f, &["allocate", "scenario.toml", "-o", "out"]);
    let rows = csv_rows(&f.path().join("out/unhoused.csv"));
    assert!(rows.len() >= 2, "{rows:?}");
    for row in rows {
        let input = DEMAND
            .lines()
            .find(|l| l.starts_with(&format!("{},", row["group"])))
            .expect("a group of the demand file");
        let cells: Vec<f64> = input
            .split(',')
            .skip(3)
            .take(2)
            .map(|c| c.parse().unwrap())
            .collect();
        let written: Vec<f64> = ["lon", "lat"].map(|k| row[k].parse().unwrap()).to_vec();
        assert!(close(&written, &cells, 1e-9), "{row:?}");
    }
}

/// Every coordinate of a run's layers and of `unhoused.csv`, in file order.
fn coordinates(dir: &Path) -> BTreeMap<String, Vec<[f64; 2]>> {
    let mut all = BTreeMap::new();
    for name in ["flows.geojson", "sites.geojson", "groups.geojson"] {
        let mut points = Vec::new();
        for f in features(&layer(dir, name)) {
            let xy = numbers(&f["geometry"]["coordinates"]);
            points.extend(xy.chunks(2).map(|c| [c[0], c[1]]));
            if let (Some(lon), Some(lat)) = (
                f["properties"]["lon"].as_f64(),
                f["properties"]["lat"].as_f64(),
            ) {
                points.push([lon, lat]);
            }
        }
        all.insert(name.to_string(), points);
    }
    let unhoused = csv_rows(&dir.join("unhoused.csv"))
        .iter()
        .map(|r| ["lon", "lat"].map(|k| r[k].parse().unwrap()))
        .collect();
    all.insert("unhoused.csv".into(), unhoused);
    all
}

/// The same run in WGS84 and in GCJ-02: every coordinate of the second is the first's
/// converted, within the rounding of points to six decimals (0.1 m), and moved tens to hundreds
/// of metres; everything else is the same.
fn check_gcj02_is_wgs84_converted(args: &[&str]) {
    let f = fixture();
    let mut wgs = args.to_vec();
    wgs.extend(["-o", "wgs"]);
    run_ok(&f, &wgs);
    let mut gcj = args.to_vec();
    gcj.extend(["-o", "gcj", "--out-crs", "gcj02"]);
    run_ok(&f, &gcj);
    let (w, g) = (f.path().join("wgs"), f.path().join("gcj"));
    for name in ["flows.geojson", "sites.geojson", "groups.geojson"] {
        assert_eq!(layer(&g, name)["crs_name"], "GCJ-02", "{name}");
    }
    let (cw, cg) = (coordinates(&w), coordinates(&g));
    for (name, points) in &cw {
        assert_eq!(points.len(), cg[name].len(), "{name}");
        assert!(!points.is_empty(), "{name}");
        for (a, b) in points.iter().zip(&cg[name]) {
            let (lon, lat) = from_wgs84(a[0], a[1], Crs::Gcj02);
            assert!(close(b, &[lon, lat], 1.1e-6), "{name}: {a:?} → {b:?}");
            let metres = Haversine.distance(geo::Point::from(*a), geo::Point::from(*b));
            assert!((10.0..1000.0).contains(&metres), "{name}: {metres} m");
        }
    }
    // Only the coordinates differ.
    for name in ["allocations.csv", "sites.csv", "towns.csv"] {
        assert_eq!(
            std::fs::read(w.join(name)).unwrap(),
            std::fs::read(g.join(name)).unwrap(),
            "{name}"
        );
    }
    let strip = |dir: &Path| -> Vec<Value> {
        features(&layer(dir, "groups.geojson"))
            .iter()
            .map(|f| f["properties"].clone())
            .collect()
    };
    assert_eq!(strip(&w), strip(&g));
    let run: Value = serde_json::from_slice(&std::fs::read(g.join("run.json")).unwrap()).unwrap();
    let command: Vec<&str> = run["command"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        command.windows(2).any(|w| w == ["--out-crs", "gcj02"]),
        "{command:?}"
    );
    let run: Value = serde_json::from_slice(&std::fs::read(w.join("run.json")).unwrap()).unwrap();
    assert!(
        run["command"]
            .to_string()
            .contains("\"--out-crs\",\"wgs84\""),
        "{run}"
    );
}

#[test]
fn allocate_with_out_crs_gcj02_converts_every_coordinate() {
    check_gcj02_is_wgs84_converted(&["allocate", "scenario.toml"]);
}

#[test]
fn plan_with_out_crs_gcj02_converts_every_coordinate() {
    check_gcj02_is_wgs84_converted(&["plan", "scenario.toml", "--budget", "0"]);
}

#[test]
fn an_unknown_datum_is_refused_and_nothing_is_written() {
    let f = fixture();
    f.write();
    for command in ["allocate", "plan"] {
        let out = dormplan(
            &[command, "scenario.toml", "-o", "out", "--out-crs", "bd09"],
            f.path(),
        );
        assert_eq!(out.status.code(), Some(2), "{}", show(&out));
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("--out-crs")
                && stderr.contains("\"bd09\" is not a datum: expected wgs84 or gcj02"),
            "{stderr}"
        );
        assert!(!f.path().join("out").exists());
    }
}

/// On the Cixi sample, each unhoused group's nearest free bed in `unhoused.csv` is, by brute
/// force over `sites.geojson` (every site with its capacity, occupants and point) measured
/// with geo's haversine, the nearest site with room: no site with room is nearer.
#[test]
fn the_nearest_free_bed_of_each_unhoused_group_is_the_nearest_site_with_room() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("a folder");
    let out = tmp.path().join("out");
    let o = dormplan(
        &[
            "allocate",
            "scenarios/cixi-2020.toml",
            "-o",
            out.to_str().expect("UTF-8"),
        ],
        root,
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let sites = layer(&out, "sites.geojson");
    let with_room: Vec<(String, geo::Point)> = features(&sites)
        .iter()
        .filter(|s| s["properties"]["capacity"].as_i64() > s["properties"]["occupants"].as_i64())
        .map(|s| {
            let p = &s["properties"];
            let point = geo::Point::new(p["lon"].as_f64().unwrap(), p["lat"].as_f64().unwrap());
            (p["id"].as_str().unwrap().to_string(), point)
        })
        .collect();
    assert!(!with_room.is_empty());
    let unhoused = csv_rows(&out.join("unhoused.csv"));
    assert!(unhoused.len() > 50, "the sample leaves many groups out");
    for row in &unhoused {
        let here = geo::Point::new(row["lon"].parse().unwrap(), row["lat"].parse().unwrap());
        let km: f64 = row["nearest_free_km"].parse().expect("a distance");
        let nearest = with_room
            .iter()
            .map(|(id, p)| (Haversine.distance(here, *p) / 1000.0, id))
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .expect("a site with room");
        // A site outside the supply (a candidate not built) is not in `sites.geojson`: none
        // there with room is nearer. Otherwise the site named is the nearest there with room. The two formulas
        // differ by well under a metre at these distances; the rest is the rounding to whole
        // metres and to the coordinates' six decimals.
        let in_supply = with_room
            .iter()
            .any(|(id, _)| *id == row["nearest_free_site"]);
        if !in_supply {
            assert!(
                nearest.0 > km - 0.003,
                "{}: {km} km, {nearest:?}",
                row["group"]
            );
        } else {
            assert!(
                (nearest.0 - km).abs() < 0.003,
                "{}: {km} km, brute force {nearest:?}",
                row["group"]
            );
            let named = with_room
                .iter()
                .find(|(id, _)| *id == row["nearest_free_site"])
                .expect("named");
            assert!((Haversine.distance(here, named.1) / 1000.0 - nearest.0).abs() < 0.003);
        }
        assert!(
            row["explanation"].contains(&row["nearest_free_site"]),
            "{row:?}"
        );
    }
}
