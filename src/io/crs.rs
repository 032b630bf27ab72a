//! Coordinate reference systems: GCJ-02 (the datum of Chinese web maps) to WGS84.
//!
//! GCJ-02 is WGS84 shifted by a published, deliberately irregular offset of a few hundred
//! metres. The forward formula is public; its inverse has no closed form, so it is solved by
//! fixed-point iteration (the `undrift_gps` crate, accurate to about 1e-7°, ≈1 cm). Outside
//! mainland China the offset is zero and points pass unchanged.

use crate::model::Crs;

/// The WGS84 longitude/latitude of a point given in `crs`.
pub fn to_wgs84(lon: f64, lat: f64, crs: Crs) -> (f64, f64) {
    match crs {
        Crs::Wgs84 => (lon, lat),
        Crs::Gcj02 => {
            let (lat, lon) = undrift_gps::gcj_to_wgs(lat, lon);
            (lon, lat)
        }
    }
}

/// A WGS84 longitude/latitude in `crs`: the datum a routing engine or map service takes
/// (OSRM and Valhalla on OpenStreetMap: WGS84; Amap and Tencent: GCJ-02).
pub fn from_wgs84(lon: f64, lat: f64, crs: Crs) -> (f64, f64) {
    match crs {
        Crs::Wgs84 => (lon, lat),
        Crs::Gcj02 => {
            let (lat, lon) = undrift_gps::wgs_to_gcj(lat, lon);
            (lon, lat)
        }
    }
}

/// Parses the spelling used in scenario files and on the command line (any case).
pub fn parse_crs(s: &str) -> Option<Crs> {
    let s = s.trim().to_ascii_lowercase();
    [Crs::Wgs84, Crs::Gcj02]
        .into_iter()
        .find(|crs| crs.as_str() == s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Distance, Haversine, Point};

    fn metres(a: (f64, f64), b: (f64, f64)) -> f64 {
        Haversine.distance(Point::new(a.0, a.1), Point::new(b.0, b.1))
    }

    #[test]
    fn beijing_railway_station_is_restored_to_wgs84() {
        // A published control pair (WGS84 39.90105 N 116.42079 E ↔ GCJ-02 39.90245 N
        // 116.42703 E), given to 5 decimals (≈1 m).
        let wgs = to_wgs84(116.42703, 39.90245, Crs::Gcj02);
        assert!(metres(wgs, (116.42079, 39.90105)) < 3.0, "{wgs:?}");
    }

    #[test]
    fn inverse_round_trips_the_forward_offset_in_cixi() {
        for &(lon, lat) in &[(121.2665, 30.1696), (121.0, 30.3), (121.45, 30.05)] {
            let (glat, glon) = undrift_gps::wgs_to_gcj(lat, lon);
            // The offset itself is hundreds of metres…
            assert!(metres((glon, glat), (lon, lat)) > 100.0);
            // …and the inverse removes it to well under a metre.
            let back = to_wgs84(glon, glat, Crs::Gcj02);
            assert!(metres(back, (lon, lat)) < 0.05, "{back:?}");
            assert_eq!(from_wgs84(lon, lat, Crs::Gcj02), (glon, glat));
            assert_eq!(from_wgs84(lon, lat, Crs::Wgs84), (lon, lat));
        }
    }

    #[test]
    fn wgs84_and_points_outside_china_pass_unchanged() {
        assert_eq!(to_wgs84(121.2, 30.2, Crs::Wgs84), (121.2, 30.2));
        assert_eq!(to_wgs84(2.35, 48.85, Crs::Gcj02), (2.35, 48.85));
        assert_eq!(parse_crs("GCJ02"), Some(Crs::Gcj02));
        assert_eq!(parse_crs("bd09"), None);
    }
}
