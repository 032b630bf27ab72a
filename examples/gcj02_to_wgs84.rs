//! Converts a GeoJSON FeatureCollection from GCJ-02 (the datum of Chinese web maps) to WGS84,
//! with dormplan's own converter (`dormplan::io::to_wgs84`, the one its readers use for
//! `crs = "gcj02"`).
//!
//! ```text
//! cargo run --example gcj02_to_wgs84 -- IN.geojson OUT.geojson
//! ```
//!
//! Every position of every geometry is converted and written with six decimals (about 0.1 m);
//! properties are kept as they are, except a `crs` property, which becomes `"wgs84"`. One
//! feature a line. `data/cixi/boundary.geojson` was made this way from the county boundary in
//! GCJ-02 (see `data/cixi/PROVENANCE.md`).

use dormplan::io::to_wgs84;
use dormplan::model::Crs;
use serde_json::Value;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: gcj02_to_wgs84 IN.geojson OUT.geojson");
        return ExitCode::from(2);
    };
    match convert_file(input, output) {
        Ok(n) => {
            eprintln!("{n} positions converted to WGS84: {output}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gcj02_to_wgs84: {e}");
            ExitCode::FAILURE
        }
    }
}

fn convert_file(input: &str, output: &str) -> Result<usize, String> {
    let text = std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| format!("{input}: {e}"))?;
    let Some(features) = doc.get("features").and_then(Value::as_array) else {
        return Err(format!("{input}: not a FeatureCollection"));
    };
    let mut count = 0;
    let mut lines = Vec::new();
    for f in features {
        let mut f = f.clone();
        if let Some(g) = f.get_mut("geometry").and_then(|g| g.get_mut("coordinates")) {
            count += convert(g);
        }
        if let Some(crs) = f.get_mut("properties").and_then(|p| p.get_mut("crs")) {
            *crs = Value::from("wgs84");
        }
        lines.push(serde_json::to_string(&f).map_err(|e| e.to_string())?);
    }
    let out = format!(
        "{{\"type\": \"FeatureCollection\", \"features\": [\n{}\n]}}\n",
        lines.join(",\n")
    );
    std::fs::write(output, out).map_err(|e| format!("{output}: {e}"))?;
    Ok(count)
}

/// Converts every `[lon, lat]` position inside `coords`, in place; the number converted.
fn convert(coords: &mut Value) -> usize {
    let Value::Array(items) = coords else {
        return 0;
    };
    if let [Value::Number(lon), Value::Number(lat), ..] = items.as_slice()
        && let (Some(lon), Some(lat)) = (lon.as_f64(), lat.as_f64())
    {
        let (lon, lat) = to_wgs84(lon, lat, Crs::Gcj02);
        let six = |x: f64| Value::from((x * 1e6).round() / 1e6);
        items[0] = six(lon);
        items[1] = six(lat);
        return 1;
    }
    items.iter_mut().map(convert).sum()
}
