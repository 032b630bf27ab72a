//! The rules a programme applies, in words, so that every report states the reading it used.

use crate::model::policy::{KindRate, PoolRule, Programme, Rounding, YearBasis};
use crate::model::{Ratio, SiteKind};

/// A ratio as a percentage without needless decimals: 0.30 → `30%`, 0.3333 → `33.33%`.
pub fn share_percent(r: Ratio) -> String {
    let p = r.per_ten_thousand();
    let (whole, frac) = (p / 100, p % 100);
    match frac {
        0 => format!("{whole}%"),
        f if f % 10 == 0 => format!("{whole}.{}%", f / 10),
        f => format!("{whole}.{f:02}%"),
    }
}

/// The kinds a programme caps by a share of construction cost.
pub fn cost_share_capped(programme: &Programme) -> Vec<SiteKind> {
    programme
        .rates
        .iter()
        .filter(|r| r.cost_share_cap.is_some())
        .map(|r| r.kind)
        .collect()
}

/// Which kinds carry a cost-share cap, e.g. `cost-share cap 30% on rental_new_build; none on
/// rental_conversion`.
pub fn cost_share_reading(programme: &Programme) -> String {
    let (capped, uncapped): (Vec<&KindRate>, Vec<&KindRate>) = programme
        .rates
        .iter()
        .partition(|r| r.cost_share_cap.is_some());
    let mut parts: Vec<String> = capped
        .iter()
        .filter_map(|r| {
            r.cost_share_cap
                .map(|c| format!("cost-share cap {} on {}", share_percent(c), r.kind))
        })
        .collect();
    if !uncapped.is_empty() {
        let kinds: Vec<&str> = uncapped.iter().map(|r| r.kind.as_str()).collect();
        parts.push(format!("no cost-share cap on {}", kinds.join(", ")));
    }
    if parts.is_empty() {
        "no kind is covered".to_string()
    } else {
        parts.join("; ")
    }
}

/// The per-project rounding rule in words.
pub fn rounding_rule(rounding: Rounding) -> &'static str {
    match rounding {
        Rounding::Fen => "each project's amount is rounded down to the fen (分)",
        Rounding::Yuan => "each project's amount is rounded down to the whole yuan",
    }
}

/// The spelling of a rounding rule used in files and CSVs.
pub fn rounding_name(rounding: Rounding) -> &'static str {
    match rounding {
        Rounding::Fen => "down_to_fen",
        Rounding::Yuan => "down_to_yuan",
    }
}

/// The spelling of a pool rule used in files and reports.
pub fn pool_rule_name(rule: PoolRule) -> &'static str {
    match rule {
        PoolRule::ProRata => "pro_rata",
        PoolRule::BedsPerYuan => "beds_per_yuan",
    }
}

/// The window in words, e.g. `projects completed 2020–2022`.
pub fn window(programme: &Programme) -> String {
    let verb = match programme.year_basis {
        YearBasis::Completion => "completed",
        YearBasis::Start => "started",
    };
    format!(
        "projects {verb} {}–{}",
        programme.year_from, programme.year_to
    )
}

/// The gates in words, e.g. `expert review passed; structurally and fire safe: rental_conversion`.
pub fn gates(programme: &Programme) -> String {
    let mut parts = Vec::new();
    if programme.require_expert_review {
        parts.push("expert review passed".to_string());
    }
    if !programme.require_safety_for.is_empty() {
        let kinds: Vec<&str> = programme
            .require_safety_for
            .iter()
            .map(|k| k.as_str())
            .collect();
        parts.push(format!("structurally and fire safe: {}", kinds.join(", ")));
    }
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_drop_needless_decimals() {
        let r = |x| Ratio::from_fraction(x).unwrap();
        assert_eq!(share_percent(r(0.30)), "30%");
        assert_eq!(share_percent(r(0.125)), "12.5%");
        assert_eq!(share_percent(r(0.3333)), "33.33%");
        assert_eq!(share_percent(r(0.0105)), "1.05%");
    }
}
