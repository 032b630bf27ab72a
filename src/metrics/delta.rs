//! Two scenarios side by side: every measure for A and B and the difference B − A, in total and
//! per town.

use super::measures::Measure;
use super::scenario::{ScenarioMetrics, TownMetrics};
use crate::figures::Tally;
use std::collections::BTreeMap;

/// One measure in A and B.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// The measure.
    pub measure: Measure,
    /// Its value in A (base unit), `None` when it does not exist there.
    pub a: Option<i64>,
    /// Its value in B.
    pub b: Option<i64>,
}

impl Row {
    fn of(measure: Measure, a: &Tally, b: &Tally) -> Row {
        Row {
            measure,
            a: measure.of(a),
            b: measure.of(b),
        }
    }

    /// B − A; `None` when either is missing.
    pub fn delta(&self) -> Option<i64> {
        Some(self.b?.saturating_sub(self.a?))
    }
}

/// A town in both scenarios (matched by code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TownRows {
    /// Town code.
    pub code: String,
    /// Chinese name (from A when the town is in A).
    pub name_zh: String,
    /// Pinyin or English name.
    pub name_en: String,
    /// Present in A.
    pub in_a: bool,
    /// Present in B.
    pub in_b: bool,
    /// One row per measure, in [`Measure::ALL`] order.
    pub rows: Vec<Row>,
}

/// A comparison of two scenarios.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// Totals, one row per measure in [`Measure::ALL`] order.
    pub totals: Vec<Row>,
    /// Towns: A's in its order, then those only B has, in B's order. A town missing from one
    /// side counts as having nothing there.
    pub towns: Vec<TownRows>,
}

/// Compares A and B.
pub fn differences(a: &ScenarioMetrics, b: &ScenarioMetrics) -> Comparison {
    let rows = |fa: &Tally, fb: &Tally| {
        Measure::ALL
            .iter()
            .map(|&m| Row::of(m, fa, fb))
            .collect::<Vec<_>>()
    };
    let none = Tally::default();
    let by_code = |m: &'_ ScenarioMetrics| -> BTreeMap<String, usize> {
        let codes = m.towns.iter().enumerate().map(|(i, t)| (t.code.clone(), i));
        codes.collect()
    };
    let (in_a, in_b) = (by_code(a), by_code(b));
    let only_b = b.towns.iter().filter(|t| !in_a.contains_key(&t.code));
    let towns = a
        .towns
        .iter()
        .chain(only_b)
        .map(|t: &TownMetrics| {
            let ta = in_a.get(&t.code).map(|&i| &a.towns[i].figures);
            let tb = in_b.get(&t.code).map(|&i| &b.towns[i].figures);
            TownRows {
                code: t.code.clone(),
                name_zh: t.name_zh.clone(),
                name_en: t.name_en.clone(),
                in_a: ta.is_some(),
                in_b: tb.is_some(),
                rows: rows(ta.unwrap_or(&none), tb.unwrap_or(&none)),
            }
        })
        .collect();
    Comparison {
        totals: rows(&a.total, &b.total),
        towns,
    }
}
