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

impl Town {
    /// Whether `query` names this town, by the one rule every input and option uses: its code
    /// or Chinese name as written, or its pinyin name in any case (surrounding spaces ignored).
    pub fn is_named(&self, query: &str) -> bool {
        let q = query.trim();
        self.code == q || self.name_zh == q || pinyin_key(&self.name_en) == pinyin_key(q)
    }
}

/// How a pinyin (or English) town name is compared: in any case.
pub fn pinyin_key(name: &str) -> String {
    name.to_lowercase()
}

/// Every town, in file order, that `query` names (see [`Town::is_named`]): more than one when
/// it is the code of one and the name of another.
pub fn towns_named(towns: &[Town], query: &str) -> Vec<usize> {
    (0..towns.len())
        .filter(|&i| towns[i].is_named(query))
        .collect()
}

/// The one town that `query` names; `None` when it names none or more than one (see
/// [`towns_named`] to tell the two apart).
pub fn find_town(towns: &[Town], query: &str) -> Option<usize> {
    match towns_named(towns, query).as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_town_is_named_by_code_chinese_name_or_pinyin_in_any_case() {
        let town = |code: &str, zh: &str, en: &str| Town {
            code: code.into(),
            name_zh: zh.into(),
            name_en: en.into(),
            centroid: LonLat::new(121.2, 30.2),
            polygon: None,
        };
        let towns = [
            town("330282121", "周巷镇", "Zhouxiang"),
            town("330282123", "龙山镇", "Longshan"),
        ];
        for q in ["330282123", "龙山镇", "longshan", " LONGSHAN "] {
            assert_eq!(find_town(&towns, q), Some(1), "{q}");
        }
        assert_eq!(find_town(&towns, "Longshan Town"), None);
        assert_eq!(find_town(&towns, "330282"), None);
        // The code of one town written as the pinyin name of another names both.
        let towns = [
            town("330282121", "周巷镇", "Zhouxiang"),
            town("330282123", "龙山镇", "330282121"),
        ];
        assert_eq!(towns_named(&towns, "330282121"), vec![0, 1]);
        assert_eq!(find_town(&towns, "330282121"), None);
    }
}
