//! The rules a programme applies, in words, so that every report states the reading it used.

use crate::catalogue::{Lang, words};
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

/// A share in parts per 10,000 as a percentage: 10,000 → `100%`, 8,250 → `82.5%`.
pub fn parts_percent(parts: u16) -> String {
    let p = i64::from(parts);
    let (whole, frac) = (p / 100, p % 100);
    match frac {
        0 => format!("{whole}%"),
        f if f % 10 == 0 => format!("{whole}.{}%", f / 10),
        f => format!("{whole}.{f:02}%"),
    }
}

/// The conversion rule in words, e.g. `conversions from commercial, office, industrial,
/// farm_houses (open list: others go to the review); idle before conversion required`.
pub fn conversions(programme: &Programme, lang: Lang) -> String {
    let rule = &programme.conversion;
    let list = if rule.sources.is_empty() {
        words::NO_SOURCE_NAMED.get(lang).to_string()
    } else {
        rule.sources.join(", ")
    };
    let closed = if rule.closed {
        words::CLOSED_LIST
    } else {
        words::OPEN_LIST
    }
    .get(lang);
    let idle = if rule.require_idle {
        words::IDLE_REQUIRED
    } else {
        words::IDLE_NOT_REQUIRED
    }
    .get(lang);
    words::CONVERSIONS_FROM.fill(
        lang,
        &[("list", &list), ("closed", &closed), ("idle", &idle)],
    )
}

/// Every setting of a programme as `(setting, value)`, in the spelling of policy files: what
/// `subsidy_reading.csv` lists so that a reader knows which reading produced the figures.
pub fn settings(programme: &Programme) -> Vec<(&'static str, String)> {
    let p = programme;
    let mut out = vec![
        ("source", p.source.clone()),
        ("years.from", p.year_from.to_string()),
        ("years.to", p.year_to.to_string()),
        ("years.basis", p.year_basis.as_str().to_string()),
        ("area_basis", p.area_basis.as_str().to_string()),
        ("require_expert_review", p.require_expert_review.to_string()),
        (
            "require_safety_for",
            p.require_safety_for
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(";"),
        ),
        ("conversions.sources", p.conversion.sources.join(";")),
        ("conversions.closed", p.conversion.closed.to_string()),
        (
            "conversions.require_idle",
            p.conversion.require_idle.to_string(),
        ),
        (
            "rounding",
            match p.rounding {
                Rounding::Fen => "fen",
                Rounding::Yuan => "yuan",
            }
            .to_string(),
        ),
    ];
    for r in &p.rates {
        out.push(("rates.kind", r.kind.as_str().to_string()));
        out.push(("rates.yuan_per_m2", r.rate_per_m2.to_string()));
        out.push((
            "rates.cost_share_cap",
            r.cost_share_cap
                .map(|c| crate::numbers::fixed(c.per_ten_thousand(), 4, false))
                .unwrap_or_default(),
        ));
    }
    if let Some(pool) = p.pool {
        out.push(("pool.total_yuan", pool.total.to_string()));
        out.push(("pool.rule", pool_rule_name(pool.rule).to_string()));
    }
    out
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
pub fn cost_share_reading(programme: &Programme, lang: Lang) -> String {
    let (capped, uncapped): (Vec<&KindRate>, Vec<&KindRate>) = programme
        .rates
        .iter()
        .partition(|r| r.cost_share_cap.is_some());
    let mut parts: Vec<String> = capped
        .iter()
        .filter_map(|r| {
            r.cost_share_cap.map(|c| {
                let kind = words::code_name(r.kind.as_str(), lang);
                words::COST_SHARE_CAP_ON
                    .fill(lang, &[("share", &share_percent(c)), ("kind", &kind)])
            })
        })
        .collect();
    if !uncapped.is_empty() {
        let kinds = words::joined(
            lang,
            uncapped
                .iter()
                .map(|r| words::code_name(r.kind.as_str(), lang)),
        );
        parts.push(words::NO_COST_SHARE_CAP_ON.fill(lang, &[("kinds", &kinds)]));
    }
    if parts.is_empty() {
        words::NO_KIND_COVERED.get(lang).to_string()
    } else {
        parts.join(words::CLAUSE_SEPARATOR.get(lang))
    }
}

/// The per-project rounding rule in words.
pub fn rounding_rule(rounding: Rounding, lang: Lang) -> &'static str {
    match rounding {
        Rounding::Fen => words::ROUNDED_TO_FEN,
        Rounding::Yuan => words::ROUNDED_TO_YUAN,
    }
    .get(lang)
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
pub fn window(programme: &Programme, lang: Lang) -> String {
    let phrase = match programme.year_basis {
        YearBasis::Completion => words::WINDOW_COMPLETED,
        YearBasis::Start => words::WINDOW_STARTED,
        YearBasis::Overlap => words::WINDOW_UNDER_CONSTRUCTION,
    };
    phrase.fill(
        lang,
        &[("from", &programme.year_from), ("to", &programme.year_to)],
    )
}

/// The gates in words, e.g. `expert review passed; structurally and fire safe: rental_conversion`.
pub fn gates(programme: &Programme, lang: Lang) -> String {
    let mut parts = Vec::new();
    if programme.require_expert_review {
        parts.push(words::GATE_REVIEW.get(lang).to_string());
    }
    if !programme.require_safety_for.is_empty() {
        let kinds = words::joined(
            lang,
            programme
                .require_safety_for
                .iter()
                .map(|k| words::code_name(k.as_str(), lang)),
        );
        parts.push(words::GATE_SAFETY.fill(lang, &[("kinds", &kinds)]));
    }
    if parts.is_empty() {
        words::NONE.get(lang).to_string()
    } else {
        parts.join(words::CLAUSE_SEPARATOR.get(lang))
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
