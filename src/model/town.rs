//! Towns (镇/街道): the town-level units that capacity and demand are summed over.

use super::LonLat;

/// A town-level unit (镇 or 街道), identified by its statistical division code.
#[derive(Debug, Clone, PartialEq)]
pub struct Town {
    /// Division code, e.g. `330282121` (周巷镇).
    pub code: String,
    /// Chinese name, e.g. `周巷镇`.
    pub name_zh: String,
    /// Pinyin or English name, e.g. `Zhouxiang`.
    pub name_en: String,
    /// Representative point (centroid of the polygon when one is given), WGS84.
    pub centroid: LonLat,
    /// Boundary, when the towns file has one (WGS84).
    pub polygon: Option<geo::MultiPolygon<f64>>,
}
