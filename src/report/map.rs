//! Map layers: GeoJSON feature collections in the datum a run writes (`--out-crs`: WGS84, or
//! GCJ-02 for Amap and Tencent tiles), each saying which; and the coordinates of CSV tables in
//! the same datum.
//!
//! dormplan computes in WGS84. Every coordinate is converted on the way out, points and
//! polygon vertices alike, so that a layer overlays the tiles of its datum as it is.

use crate::io::from_wgs84;
use crate::model::{Crs, LonLat};

/// The top-level member of every FeatureCollection dormplan writes that names its datum:
/// `"WGS84"` or `"GCJ-02"`. RFC 7946 (§6.1) allows such foreign members, and GIS programs
/// (QGIS, GDAL) pass over members they do not know; it dropped the old `crs` member, which
/// has no code for GCJ-02.
pub const CRS_MEMBER: &str = "crs_name";

/// A point as a GeoJSON position in `crs`, rounded to six decimals (about 0.1 m) to keep files
/// small and stable.
pub(crate) fn position(p: LonLat, crs: Crs) -> Vec<f64> {
    let (lon, lat) = from_wgs84(p.x(), p.y(), crs);
    let r = |x: f64| (x * 1e6).round() / 1e6;
    vec![r(lon), r(lat)]
}

/// A point as the `lon` and `lat` text of a CSV table in `crs`, with six decimals.
pub(crate) fn lon_lat_text(p: LonLat, crs: Crs) -> (String, String) {
    let (lon, lat) = from_wgs84(p.x(), p.y(), crs);
    (format!("{lon:.6}"), format!("{lat:.6}"))
}

/// A footprint in `crs`, vertex for vertex and not rounded (so that WGS84 gives back the
/// input's own numbers): a Polygon, or a MultiPolygon when it has more than one part.
pub(crate) fn footprint(shape: &geo::MultiPolygon<f64>, crs: Crs) -> geojson::GeometryValue {
    let ring = |ring: &geo::LineString<f64>| -> Vec<Vec<f64>> {
        ring.coords()
            .map(|c| {
                let (lon, lat) = from_wgs84(c.x, c.y, crs);
                vec![lon, lat]
            })
            .collect()
    };
    let rings = |p: &geo::Polygon<f64>| -> Vec<Vec<Vec<f64>>> {
        std::iter::once(p.exterior())
            .chain(p.interiors())
            .map(ring)
            .collect()
    };
    match shape.0.as_slice() {
        [one] => geojson::GeometryValue::new_polygon(rings(one)),
        parts => geojson::GeometryValue::new_multi_polygon(parts.iter().map(rings)),
    }
}

/// A feature's properties, in the order given.
pub(crate) fn properties(pairs: Vec<(&str, serde_json::Value)>) -> geojson::JsonObject {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// A feature of `geometry` with `props`.
pub(crate) fn feature(
    geometry: geojson::GeometryValue,
    props: geojson::JsonObject,
) -> geojson::Feature {
    geojson::Feature {
        geometry: Some(geojson::Geometry::new(geometry)),
        properties: Some(props),
        ..Default::default()
    }
}

/// The file of a layer: a FeatureCollection naming its datum in [`CRS_MEMBER`], on one line
/// and a newline, the text `geojson::FeatureCollection` writes. The features are written as
/// they come, so that a layer of a million points never stands in memory as objects.
pub(crate) fn collection(
    features: impl IntoIterator<Item = geojson::Feature>,
    crs: Crs,
) -> Vec<u8> {
    let mut out = br#"{"type":"FeatureCollection","features":["#.to_vec();
    for (i, f) in features.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        // Writing JSON into memory fails only on values JSON cannot hold; a feature of
        // strings and finite numbers has none.
        serde_json::to_writer(&mut out, &f).expect("a feature serialises");
    }
    out.extend_from_slice(b"],");
    serde_json::to_writer(&mut out, CRS_MEMBER).expect("a string serialises");
    out.push(b':');
    serde_json::to_writer(&mut out, crs.name()).expect("a string serialises");
    out.extend_from_slice(b"}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square() -> geo::MultiPolygon<f64> {
        let ring = vec![
            (121.2000001, 30.2),
            (121.21, 30.2),
            (121.21, 30.21),
            (121.2000001, 30.2),
        ];
        geo::MultiPolygon::new(vec![geo::Polygon::new(ring.into(), vec![])])
    }

    #[test]
    fn a_footprint_keeps_every_vertex_and_moves_each_to_the_datum() {
        let wgs = footprint(&square(), Crs::Wgs84);
        let geojson::GeometryValue::Polygon { coordinates } = &wgs else {
            panic!("one part is a Polygon: {wgs:?}");
        };
        let first = coordinates[0][0].as_slice();
        assert_eq!(first, [121.2000001, 30.2], "not rounded");
        let gcj = footprint(&square(), Crs::Gcj02);
        let geojson::GeometryValue::Polygon { coordinates: moved } = &gcj else {
            panic!("{gcj:?}");
        };
        for (a, b) in coordinates[0].iter().zip(&moved[0]) {
            let (lon, lat) = from_wgs84(a[0], a[1], Crs::Gcj02);
            assert_eq!(b.as_slice(), [lon, lat]);
            assert!(
                (lon - a[0]).abs() > 1e-4,
                "GCJ-02 moves Cixi by hundreds of metres"
            );
        }
        let two = geo::MultiPolygon::new(vec![square().0[0].clone(), square().0[0].clone()]);
        assert!(matches!(
            footprint(&two, Crs::Wgs84),
            geojson::GeometryValue::MultiPolygon { .. }
        ));
    }

    #[test]
    fn a_layer_names_its_datum() {
        for crs in [Crs::Wgs84, Crs::Gcj02] {
            let text = String::from_utf8(collection([], crs)).unwrap();
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(value[CRS_MEMBER], crs.name());
            assert_eq!(value["type"], "FeatureCollection");
        }
    }
}
