//! The boundary layer (`data.boundary`): the area a scenario covers, and the sites and groups
//! that lie outside it.
//!
//! The layer is a GeoJSON FeatureCollection of Polygon and MultiPolygon features, read into one
//! WGS84 MultiPolygon (a county may be one area or several; islands and reclaimed land are
//! common). Its properties are free (a name, an administrative code…) and not read.

use super::records::{self, RowCx};
use crate::catalogue::{Phrase, problems as say};
use crate::diag::{Code, Location, Problem, Severity};
use crate::model::{Crs, LonLat};
use geo::{Closest, ClosestPoint, Contains, Distance, Haversine, MultiPolygon};
use std::path::Path;

/// Reads the boundary layer at `path`, its coordinates in `crs`, as one WGS84 MultiPolygon.
/// `None` when the file has errors (all pushed) or holds no area.
pub(crate) fn read_boundary(
    path: &Path,
    crs: Crs,
    problems: &mut Vec<Problem>,
) -> Option<MultiPolygon<f64>> {
    let before = problems.len();
    let text = super::text::read_text(path, problems)?;
    let features = records::feature_list(path, &text, problems)?;
    let mut polygons = Vec::new();
    for (i, value) in features.into_iter().enumerate() {
        let loc = Location::Feature(i);
        let Some((_, Ok(geometry))) = records::split_feature(path, &loc, value, problems) else {
            continue;
        };
        let mut cx = RowCx::new(path, loc, problems);
        let Some(geometry) = geometry else {
            cx.report(
                Code::BAD_GEOMETRY,
                "geometry",
                say::NO_GEOMETRY,
                say::POLYGON_ONLY,
            );
            continue;
        };
        if !matches!(
            geometry,
            geo::Geometry::Polygon(_) | geo::Geometry::MultiPolygon(_)
        ) {
            let name = records::geometry_name(&geometry);
            cx.report(Code::BAD_GEOMETRY, "geometry", name, say::POLYGON_ONLY);
            continue;
        }
        if let Some(area) = cx.place_geometry(&geometry, crs).and_then(|p| p.polygon) {
            polygons.extend(area);
        }
    }
    let failed = problems[before..]
        .iter()
        .any(|p| p.severity() == Severity::Error);
    if polygons.is_empty() && !failed {
        problems.push(
            Problem::new(Code::BAD_GEOMETRY, path, Location::File)
                .found(say::NO_AREA)
                .expected(say::BOUNDARY_FEATURES),
        );
        return None;
    }
    (!failed).then(|| MultiPolygon::new(polygons))
}

/// A point outside a boundary: how far, in km, and the nearest point of the boundary.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Outside {
    /// Great-circle distance to `nearest`, km.
    pub km: f64,
    /// The point of the boundary nearest to the point (nearest in degrees of longitude and
    /// latitude, which at a county's scale differs from the nearest on the ground by far less
    /// than the tenth of a kilometre the warning shows).
    pub nearest: LonLat,
}

/// `None` when `point` lies inside `boundary` (or on its edge), else how far outside.
pub(crate) fn outside(boundary: &MultiPolygon<f64>, point: LonLat) -> Option<Outside> {
    if boundary.contains(&point) {
        return None;
    }
    let nearest = match boundary.closest_point(&point) {
        // On an edge: `contains` leaves the edge out, the boundary takes it in.
        Closest::Intersection(_) => return None,
        Closest::SinglePoint(p) => p,
        // Only for an empty boundary, which the reader never gives.
        Closest::Indeterminate => return None,
    };
    Some(Outside {
        km: Haversine.distance(point, nearest) / 1000.0,
        nearest,
    })
}

/// `OUTSIDE_BOUNDARY` for a site or group (`what`, `id`) at `loc` of `file` that lies outside
/// `boundary` (read from `boundary_file`).
pub(crate) fn warn_outside(
    boundary: (&MultiPolygon<f64>, &Path),
    (file, loc): (&Path, &Location),
    (what, id): (Phrase, &str),
    point: LonLat,
) -> Option<Problem> {
    let out = outside(boundary.0, point)?;
    Some(
        Problem::new(Code::OUTSIDE_BOUNDARY, file, loc.clone())
            .field("lon,lat")
            .found(say::KM_OUTSIDE.with_said(vec![
                ("what", what.into()),
                ("id", id.into()),
                ("km", format!("{:.1}", out.km).into()),
                ("lon", format!("{:.4}", out.nearest.x()).into()),
                ("lat", format!("{:.4}", out.nearest.y()).into()),
            ]))
            .expected(say::INSIDE_BOUNDARY.with(&[("file", &boundary.1.display())])),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Point, polygon};

    fn square() -> MultiPolygon<f64> {
        MultiPolygon::new(vec![polygon![
            (x: 121.0, y: 30.0),
            (x: 121.1, y: 30.0),
            (x: 121.1, y: 30.1),
            (x: 121.0, y: 30.1),
            (x: 121.0, y: 30.0),
        ]])
    }

    #[test]
    fn a_point_inside_or_on_the_edge_is_not_outside() {
        assert_eq!(outside(&square(), Point::new(121.05, 30.05)), None);
        assert_eq!(outside(&square(), Point::new(121.1, 30.05)), None);
    }

    #[test]
    fn a_point_outside_is_measured_to_the_nearest_edge() {
        // 0.01° of longitude east of the square's east edge, at 30.05°N: about 0.96 km.
        let out = outside(&square(), Point::new(121.11, 30.05)).expect("outside");
        assert!((out.km - 0.963).abs() < 0.01, "{out:?}");
        assert!((out.nearest.x() - 121.1).abs() < 1e-9);
        assert!((out.nearest.y() - 30.05).abs() < 1e-9);
    }
}
