//! The scenario's `[allocation]` table: the arcs' limits, the unhoused penalty, the cost
//! matrix and the unit its costs are in.
//!
//! A setting whose name carries a unit (`unhoused_penalty_m`, `cutoff_s`) must carry the
//! unit costs are counted in: a penalty in metres beside a matrix of travel times would weigh
//! an unhoused person against the wrong thing, so it is an error, never a silent conversion.

use super::fields::{Sign, bounds};
use super::toml_walk::{Cx, Item, Tbl};
use crate::catalogue::{Said, problems as say, words};
use crate::diag::Code;
use crate::diag::Location;
use crate::model::{AllocationSettings, CostUnit, MatrixArcs, SpareBeds};
use std::path::PathBuf;

/// Distance cutoff for great-circle arcs, km, when the scenario gives none.
const CUTOFF_KM: f64 = 10.0;
/// Where the solver starts when the scenario does not say: each group's 8 nearest sites (with a
/// cost matrix, its 8 cheapest pairs). It prices in the other pairs, so this sets only speed.
const NEAREST_K: usize = 8;
/// Cost of one unhoused person, in the cost unit, when the scenario gives none: 100 km of
/// commute, or about 28 hours of travel time; either far above any commute, so that a bed
/// within reach is always used.
const UNHOUSED_PENALTY: i64 = 100_000;

/// Largest cutoff, km.
const MAX_CUTOFF_KM: f64 = 1_000.0;
/// Most nearest sites per group.
const MAX_NEAREST_K: u64 = 100_000;
/// Largest unhoused penalty or cutoff in the cost unit (a matrix's costs go as high).
const MAX_COST: u64 = bounds::MATRIX_COST;

/// The settings of a scenario without an `[allocation]` table.
pub(super) fn default_allocation() -> AllocationSettings {
    AllocationSettings {
        cutoff_km: CUTOFF_KM,
        nearest_k: NEAREST_K,
        unhoused_penalty: UNHOUSED_PENALTY,
        cost_unit: CostUnit::Metres,
        cost_matrix: None,
        matrix_arcs: MatrixArcs::default(),
        spare_beds: SpareBeds::Kept,
    }
}

/// The employers `share_spare_beds` names, each with where it is named (checked against the
/// sites once they are read).
pub(super) type SpareNames = Vec<(String, Location)>;

/// Reads `[allocation]`, with the cost matrix's path resolved by `resolve`, and the employers
/// `share_spare_beds` names; `None` when a setting is wrong (every problem is pushed).
pub(super) fn allocation(
    cx: &mut Cx<'_>,
    mut t: Tbl<'_>,
    resolve: impl Fn(&str) -> PathBuf,
) -> Option<(AllocationSettings, SpareNames)> {
    let cutoff_km = t.get("cutoff_km");
    let cutoff_km_value = cutoff_km
        .as_ref()
        .map(|i| i.number(cx, Sign::Positive, MAX_CUTOFF_KM));
    let nearest_k = t.get("nearest_k").map(|i| {
        i.whole(cx, Sign::Positive, MAX_NEAREST_K)
            .map(|k| k as usize)
    });
    let unit_item = t.get("cost_unit");
    let unit = match &unit_item {
        Some(i) => {
            let valid = CostUnit::ALL.map(CostUnit::as_str);
            i.word(cx, CostUnit::parse, Code::UNKNOWN_VALUE, &valid)
        }
        None => Some(CostUnit::Metres),
    };
    let cost_matrix = t.get("cost_matrix").map(|i| i.text(cx).map(&resolve));
    let penalty_m = in_unit(&mut t, cx, "unhoused_penalty_m", CostUnit::Metres);
    let penalty_s = in_unit(&mut t, cx, "unhoused_penalty_s", CostUnit::Seconds);
    let cutoff_s = in_unit(&mut t, cx, "cutoff_s", CostUnit::Seconds);
    let spare = t.get("share_spare_beds").map(|i| spare_beds(cx, &i));
    t.finish(cx);

    let unit = unit?;
    let matrix = match cost_matrix {
        Some(p) => Some(p?),
        None => None,
    };
    // Settings that cannot go with the unit, whatever their value.
    let mut refused: Vec<(&Item<'_>, Said, Said)> = Vec::new();
    if unit == CostUnit::Seconds && matrix.is_none() {
        refused.extend(unit_item.as_ref().map(|i| {
            (
                i,
                say::SECONDS_WITHOUT_MATRIX.into(),
                say::MATRIX_FOR_SECONDS.into(),
            )
        }));
    }
    // A cutoff in km limits a matrix in metres, never one in seconds.
    if unit == CostUnit::Seconds && matrix.is_some() {
        refused.extend(cutoff_km.as_ref().map(|i| {
            (
                i,
                say::WITH_MATRIX_IN_SECONDS.with(&[("key", &i.field())]),
                say::CUTOFF_IN_SECONDS.into(),
            )
        }));
    }
    let mut ok = refused.is_empty();
    for (item, found, expected) in refused {
        item.report(cx, Code::BAD_SETTING, found, expected);
    }
    for s in [&penalty_m, &penalty_s, &cutoff_s].into_iter().flatten() {
        ok &= s.agrees(cx, unit);
    }
    let penalty = match unit {
        CostUnit::Metres => penalty_m,
        CostUnit::Seconds => penalty_s,
    };
    let unhoused_penalty = match penalty {
        Some(s) => s.value?,
        None => UNHOUSED_PENALTY,
    };
    let cutoff_km = match cutoff_km_value {
        Some(v) => Some(v?),
        None => None,
    };
    // Where the solver starts, with distances and with a cost matrix alike: each group's
    // cheapest pairs; it prices in the others, so the optimum is over every pair either way.
    let nearest_k = match nearest_k {
        Some(v) => v?,
        None => NEAREST_K,
    };
    let cutoff_s = match cutoff_s {
        Some(s) => Some(s.value?),
        None => None,
    };
    let matrix_arcs = MatrixArcs {
        cutoff: match unit {
            // Whole metres, rounded: costs are whole.
            CostUnit::Metres => cutoff_km.map(|km| (km * 1000.0).round() as i64),
            CostUnit::Seconds => cutoff_s,
        },
        nearest_k: Some(nearest_k),
    };
    let (spare_beds, names) = match spare {
        Some(s) => s?,
        None => (SpareBeds::Kept, Vec::new()),
    };
    ok.then(|| {
        (
            AllocationSettings {
                cutoff_km: cutoff_km.unwrap_or(CUTOFF_KM),
                nearest_k,
                unhoused_penalty,
                cost_unit: unit,
                cost_matrix: matrix,
                matrix_arcs,
                spare_beds,
            },
            names,
        )
    })
}

/// `share_spare_beds`: `true` (every employer's dormitories), `false`, or a list of employers.
fn spare_beds(cx: &mut Cx<'_>, item: &Item<'_>) -> Option<(SpareBeds, SpareNames)> {
    if item.is_bool() {
        let all = item.bool(cx)?;
        let spare = if all { SpareBeds::All } else { SpareBeds::Kept };
        return Some((spare, Vec::new()));
    }
    let list = item.array(cx)?;
    let mut names = Vec::new();
    let mut ok = true;
    for i in list {
        match i.text(cx) {
            Some(name) => names.push((name.trim().to_string(), i.location())),
            None => ok = false,
        }
    }
    let set = names.iter().map(|(n, _)| n.clone()).collect();
    ok.then_some((SpareBeds::Of(set), names))
}

/// The setting `key` of `t`, in `unit`, when given.
fn in_unit<'n>(
    t: &mut Tbl<'n>,
    cx: &mut Cx<'_>,
    key: &'static str,
    unit: CostUnit,
) -> Option<UnitSetting<'n>> {
    t.get(key).map(|item| {
        let value = item.whole(cx, Sign::Positive, MAX_COST).map(|v| v as i64);
        UnitSetting { item, unit, value }
    })
}

/// A setting whose name says its unit (`unhoused_penalty_m`, `cutoff_s`), with its value when
/// valid.
struct UnitSetting<'n> {
    item: Item<'n>,
    unit: CostUnit,
    value: Option<i64>,
}

/// A cost unit's name in a message: metres, seconds.
fn unit_name(unit: CostUnit) -> Said {
    match unit {
        CostUnit::Metres => words::UNIT_METRES.into(),
        CostUnit::Seconds => words::UNIT_SECONDS.into(),
    }
}

impl UnitSetting<'_> {
    /// True when the setting's unit is the cost unit; else `BAD_SETTING`, naming the key to use.
    fn agrees(&self, cx: &mut Cx<'_>, unit: CostUnit) -> bool {
        if self.unit == unit {
            return true;
        }
        let key = self.item.field();
        let stem = key.strip_suffix(self.unit.key_suffix()).unwrap_or(&key);
        let instead = match (stem, unit) {
            ("cutoff", CostUnit::Metres) => "cutoff_km".to_string(),
            _ => format!("{stem}{}", unit.key_suffix()),
        };
        self.item.report(
            cx,
            Code::BAD_SETTING,
            say::SETTING_IN_UNIT.with_said(vec![
                ("key", key.clone().into()),
                ("unit", unit_name(self.unit)),
                ("costs", unit_name(unit)),
                ("code", unit.to_string().into()),
            ]),
            say::SETTING_INSTEAD
                .with_said(vec![("key", instead.into()), ("unit", unit_name(unit))]),
        );
        false
    }
}
