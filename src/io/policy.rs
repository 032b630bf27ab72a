//! The policy file: the per-person standard's range and the subsidy programmes.

use super::fields::{Sign, bounds};
use super::toml_walk::{self, Cx, Item, Tbl};
use crate::catalogue::problems as say;
use crate::diag::{Code, Location, Problem, Problems};
use crate::model::policy::{
    AreaBasis, ConversionRule, KindRate, Policy, Pool, PoolRule, Programme, Rounding, YearBasis,
};
use crate::model::{Fen, Ratio, SiteKind, Standard};
use std::collections::BTreeMap;
use std::path::Path;

/// The standard's range when a policy file does not state it (Cixi: 8–10 m² per person).
pub const DEFAULT_STANDARD_MIN_M2: f64 = 8.0;
/// See [`DEFAULT_STANDARD_MIN_M2`].
pub const DEFAULT_STANDARD_MAX_M2: f64 = 10.0;

/// Reads and validates a policy file on its own.
pub fn load_policy(path: &Path) -> Result<Policy, Problems> {
    let mut problems = Vec::new();
    let policy = read_policy(path, &mut problems);
    let mut problems = Problems(problems);
    problems.sort();
    match policy {
        Some(p) if !problems.has_errors() => Ok(p),
        _ => Err(problems),
    }
}

/// Reads a policy file, pushing problems; `None` when it has errors.
pub(crate) fn read_policy(path: &Path, problems: &mut Vec<Problem>) -> Option<Policy> {
    let text = super::text::read_text(path, problems)?;
    let root = toml_walk::parse(path, &text, problems)?;
    let before = problems.len();
    let mut cx = Cx {
        file: path,
        problems,
    };
    let mut top = Item::root(&root).table(&mut cx)?;
    let name = match top.get("name") {
        Some(i) => i.text(&mut cx).map(str::to_string),
        None => Some(file_stem(path)),
    };
    let (min, max, source) = match top.get("standard") {
        Some(item) => item
            .table(&mut cx)
            .map(|t| standard(&mut cx, t))
            .unwrap_or((None, None, None)),
        None => (
            Standard::from_m2(DEFAULT_STANDARD_MIN_M2),
            Standard::from_m2(DEFAULT_STANDARD_MAX_M2),
            None,
        ),
    };
    let mut programmes = Vec::new();
    if let Some(list) = top.get("programme").and_then(|i| i.array(&mut cx)) {
        let mut ids: BTreeMap<String, u64> = BTreeMap::new();
        for item in list {
            let Some(t) = item.table(&mut cx) else {
                continue;
            };
            if let Some(p) = programme(&mut cx, t) {
                if let Some(first) = ids.get(&p.id) {
                    item.report(
                        &mut cx,
                        Code::DUPLICATE_ID,
                        format!("{:?}", p.id),
                        say::UNIQUE_PROGRAMME_ID.with(&[("first", first)]),
                    );
                } else {
                    ids.insert(p.id.clone(), item.line());
                }
                programmes.push(p);
            }
        }
    }
    if top.get("programme").is_none() {
        cx.problems.push(
            Problem::new(Code::NO_PROGRAMME, path, Location::File)
                .found(say::NO_PROGRAMME_FOUND)
                .expected(say::PROGRAMME_FOR_SUBSIDY),
        );
    }
    top.finish(&mut cx);
    let failed = cx.problems[before..]
        .iter()
        .any(|p| p.severity() == crate::diag::Severity::Error);
    if failed {
        return None;
    }
    Some(Policy {
        name: name?,
        standard_source: source,
        standard_min: min?,
        standard_max: max?,
        programmes,
    })
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A standard in m² per person, within what [`Standard`] holds (0.01–1000).
pub(crate) fn standard_at(cx: &mut Cx<'_>, item: &Item<'_>) -> Option<Standard> {
    let m2 = item.number(cx, Sign::Positive, 1000.0)?;
    let s = Standard::from_m2(m2);
    if s.is_none() {
        item.report(
            cx,
            Code::BAD_SETTING,
            format!("{m2}"),
            say::M2_PER_PERSON_RANGE,
        );
    }
    s
}

fn standard(
    cx: &mut Cx<'_>,
    mut t: Tbl<'_>,
) -> (Option<Standard>, Option<Standard>, Option<String>) {
    let min_item = t.require(cx, "min_m2_per_person");
    let max_item = t.require(cx, "max_m2_per_person");
    let min = min_item.as_ref().and_then(|i| standard_at(cx, i));
    let max = max_item.as_ref().and_then(|i| standard_at(cx, i));
    let source = t.get("source").and_then(|i| i.text(cx)).map(str::to_string);
    if let (Some(lo), Some(hi), Some(item)) = (min, max, &max_item)
        && lo > hi
    {
        item.report(
            cx,
            Code::BAD_SETTING,
            say::MIN_ABOVE_MAX.with(&[("min", &lo), ("max", &hi)]),
            say::MIN_AT_MOST_MAX,
        );
        t.finish(cx);
        return (None, None, source);
    }
    t.finish(cx);
    (min, max, source)
}

fn programme(cx: &mut Cx<'_>, mut t: Tbl<'_>) -> Option<Programme> {
    let id = t
        .require(cx, "id")
        .and_then(|i| i.text(cx))
        .map(str::to_string);
    let name = match t.get("name") {
        Some(i) => i.text(cx).map(str::to_string),
        None => id.clone(),
    };
    let source = t
        .require(cx, "source")
        .and_then(|i| i.text(cx))
        .map(str::to_string);
    let years = t.require(cx, "years").and_then(|i| i.table(cx));
    let years = years.and_then(|y| year_window(cx, y));
    let require_expert_review = t
        .get("require_expert_review")
        .map_or(Some(false), |i| i.bool(cx));
    let kinds = SiteKind::ALL.map(SiteKind::as_str);
    let mut require_safety_for = Vec::new();
    let mut safety_ok = true;
    if let Some(list) = t.get("require_safety_for").and_then(|i| i.array(cx)) {
        for item in list {
            match item.word(cx, SiteKind::parse, Code::UNKNOWN_KIND, &kinds) {
                Some(k) if !require_safety_for.contains(&k) => require_safety_for.push(k),
                Some(_) => {}
                None => safety_ok = false,
            }
        }
    }
    let rounding = match t.get("rounding") {
        Some(i) => i.word(
            cx,
            |s| match s {
                "fen" => Some(Rounding::Fen),
                "yuan" => Some(Rounding::Yuan),
                _ => None,
            },
            Code::UNKNOWN_VALUE,
            &["fen", "yuan"],
        ),
        None => Some(Rounding::Fen),
    };
    let area_basis = match t.get("area_basis") {
        Some(i) => i.word(
            cx,
            |s| match s {
                "gross" => Some(AreaBasis::Gross),
                "residential" => Some(AreaBasis::Residential),
                _ => None,
            },
            Code::UNKNOWN_VALUE,
            &["gross", "residential"],
        ),
        None => Some(AreaBasis::Gross),
    };
    let conversion = match t.get("conversions") {
        Some(i) => i.table(cx).and_then(|c| conversions(cx, c)),
        None => Some(ConversionRule::default()),
    };
    let rates = t.require(cx, "rates").and_then(|i| i.table(cx));
    let rates = rates.and_then(|r| kind_rates(cx, r));
    // Ok(None): no pool; Err: a pool with problems (already reported).
    let pool = match t.get("pool") {
        Some(i) => i.table(cx).and_then(|p| pool(cx, p)).map(Some).ok_or(()),
        None => Ok(None),
    };
    t.finish(cx);
    let (year_from, year_to, year_basis) = years?;
    if !safety_ok {
        return None;
    }
    Some(Programme {
        id: id?,
        name: name?,
        source: source?,
        year_from,
        year_to,
        year_basis,
        area_basis: area_basis?,
        conversion: conversion?,
        rates: rates?,
        require_expert_review: require_expert_review?,
        require_safety_for,
        pool: pool.ok()?,
        rounding: rounding?,
    })
}

fn year_window(cx: &mut Cx<'_>, mut t: Tbl<'_>) -> Option<(i32, i32, YearBasis)> {
    let from_item = t.require(cx, "from");
    let from = from_item.as_ref().and_then(|i| i.year(cx));
    let to_item = t.require(cx, "to");
    let to = to_item.as_ref().and_then(|i| i.year(cx));
    let basis = match t.get("basis") {
        Some(i) => i.word(
            cx,
            |s| match s {
                "completion" => Some(YearBasis::Completion),
                "start" => Some(YearBasis::Start),
                "overlap" => Some(YearBasis::Overlap),
                _ => None,
            },
            Code::UNKNOWN_VALUE,
            &["completion", "start", "overlap"],
        ),
        None => Some(YearBasis::Completion),
    };
    t.finish(cx);
    let (from, to) = (from?, to?);
    if from > to {
        if let Some(item) = &to_item {
            item.report(
                cx,
                Code::BAD_SETTING,
                say::FROM_TO.with(&[("from", &from), ("to", &to)]),
                say::WINDOW_FROM_TO,
            );
        }
        return None;
    }
    Some((from, to, basis?))
}

fn kind_rates(cx: &mut Cx<'_>, t: Tbl<'_>) -> Option<Vec<KindRate>> {
    let kinds = SiteKind::ALL.map(SiteKind::as_str);
    let mut rates = Vec::new();
    let mut ok = true;
    for (key, item) in t.entries() {
        let Some(kind) = SiteKind::parse(key) else {
            item.report(
                cx,
                Code::UNKNOWN_KIND,
                format!("{key:?}"),
                super::fields::one_of(kinds),
            );
            ok = false;
            continue;
        };
        let Some(mut r) = item.table(cx) else {
            ok = false;
            continue;
        };
        let rate = r.require(cx, "yuan_per_m2").and_then(|i| {
            let x = i.number(cx, Sign::NonNegative, bounds::RATE_YUAN_PER_M2)?;
            Some(Fen(hundredths_down(cx, &i, x)))
        });
        let cap = match r.get("cost_share_cap") {
            Some(i) => ratio(cx, &i).map(Some),
            None => Some(None),
        };
        r.finish(cx);
        match (rate, cap) {
            (Some(rate_per_m2), Some(cost_share_cap)) => rates.push(KindRate {
                kind,
                rate_per_m2,
                cost_share_cap,
            }),
            _ => ok = false,
        }
    }
    if rates.is_empty() && ok {
        t.item()
            .report(cx, Code::BAD_SETTING, say::NO_RATES, say::RATE_TABLE);
        return None;
    }
    rates.sort_by_key(|r| r.kind);
    ok.then_some(rates)
}

/// An amount in yuan as whole fen, rounded down with an `EXTRA_DECIMALS` warning when it has
/// more than two decimals.
fn hundredths_down(cx: &mut Cx<'_>, item: &Item<'_>, x: f64) -> i64 {
    decimals_down(cx, item, x, 2)
}

/// `x` in units of `10^-places`, rounded down, with an `EXTRA_DECIMALS` warning when digits
/// were dropped.
pub(crate) fn decimals_down(cx: &mut Cx<'_>, item: &Item<'_>, x: f64, places: u32) -> i64 {
    let (units, dropped) = super::fields::decimal_down("", x, places);
    if dropped {
        item.report(
            cx,
            Code::EXTRA_DECIMALS,
            format!("{x}"),
            super::fields::kept_decimals(units, places),
        );
    }
    units
}

/// What conversions may have been converted from: `[programme.conversions]`.
fn conversions(cx: &mut Cx<'_>, mut t: Tbl<'_>) -> Option<ConversionRule> {
    let default = ConversionRule::default();
    let sources = match t.get("sources") {
        Some(i) => i.array(cx).map(|list| {
            let mut out: Vec<String> = Vec::new();
            for item in list {
                if let Some(s) = item.text(cx) {
                    let s = crate::model::policy::canonical_source(s);
                    if !s.is_empty() && !out.contains(&s) {
                        out.push(s);
                    }
                }
            }
            out
        }),
        None => Some(default.sources),
    };
    let closed = t.get("closed").map_or(Some(default.closed), |i| i.bool(cx));
    let require_idle = t
        .get("require_idle")
        .map_or(Some(default.require_idle), |i| i.bool(cx));
    t.finish(cx);
    Some(ConversionRule {
        sources: sources?,
        closed: closed?,
        require_idle: require_idle?,
    })
}

/// A share in (0, 1], kept to 1/10,000 and rounded down.
pub(crate) fn ratio(cx: &mut Cx<'_>, item: &Item<'_>) -> Option<Ratio> {
    let x = item.number(cx, Sign::Positive, f64::MAX)?;
    // Below the smallest share dormplan keeps, rounding down would give zero: the value is
    // refused as it stands, without an EXTRA_DECIMALS warning that would call it "kept".
    let r = if x.is_finite() && (0.0001..=1.0).contains(&x) {
        Ratio::from_per_ten_thousand(decimals_down(cx, item, x, 4))
    } else {
        None
    };
    if r.is_none() {
        item.report(cx, Code::BAD_SETTING, format!("{x}"), say::SHARE_RANGE);
    }
    r
}

fn pool(cx: &mut Cx<'_>, mut t: Tbl<'_>) -> Option<Pool> {
    let total = t.require(cx, "total_yuan").and_then(|i| {
        let x = i.number(cx, Sign::NonNegative, bounds::BUDGET_YUAN)?;
        Some(Fen(hundredths_down(cx, &i, x)))
    });
    let rule = match t.get("rule") {
        Some(i) => i.word(
            cx,
            |s| match s {
                "pro_rata" => Some(PoolRule::ProRata),
                "beds_per_yuan" => Some(PoolRule::BedsPerYuan),
                _ => None,
            },
            Code::UNKNOWN_VALUE,
            &["pro_rata", "beds_per_yuan"],
        ),
        None => Some(PoolRule::ProRata),
    };
    t.finish(cx);
    Some(Pool {
        total: total?,
        rule: rule?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Policy, Problems> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("policy.toml");
        std::fs::write(&path, text).unwrap();
        load_policy(&path)
    }

    const NINGBO: &str = r#"
name = "Ningbo rental-market pilot"

[standard]
min_m2_per_person = 8
max_m2_per_person = 10
source = "慈党〔2012〕22号"

[[programme]]
id = "ningbo-rental-pilot"
name = "中央财政支持住房租赁市场发展试点奖补"
source = "甬建发〔2021〕20号"
years = { from = 2020, to = 2022, basis = "completion" }
require_expert_review = true
require_safety_for = ["rental_conversion"]
rounding = "yuan"

[programme.rates.rental_new_build]
yuan_per_m2 = 800
cost_share_cap = 0.30

[programme.rates.rental_conversion]
yuan_per_m2 = 600

[programme.pool]
total_yuan = 50000000
rule = "beds_per_yuan"
"#;

    #[test]
    fn reads_the_documented_example() {
        let p = load(NINGBO).unwrap();
        assert_eq!(p.standard_min, Standard::from_m2(8.0).unwrap());
        assert_eq!(p.standard_source.as_deref(), Some("慈党〔2012〕22号"));
        let prog = &p.programmes[0];
        assert_eq!((prog.year_from, prog.year_to), (2020, 2022));
        assert_eq!(prog.rounding, Rounding::Yuan);
        assert!(prog.require_expert_review);
        assert_eq!(prog.require_safety_for, vec![SiteKind::RentalConversion]);
        let nb = prog.rate_for(SiteKind::RentalNewBuild).unwrap();
        assert_eq!(nb.rate_per_m2, Fen(80_000));
        assert_eq!(nb.cost_share_cap, Ratio::from_fraction(0.3));
        let conv = prog.rate_for(SiteKind::RentalConversion).unwrap();
        assert_eq!(conv.cost_share_cap, None);
        assert_eq!(
            prog.pool,
            Some(Pool {
                total: Fen(5_000_000_000),
                rule: PoolRule::BedsPerYuan
            })
        );
    }

    #[test]
    fn reports_every_problem_with_its_key() {
        let bad = NINGBO
            .replace("to = 2022", "to = 2019")
            .replace("yuan_per_m2 = 600", "yuan_per_m2 = -600")
            .replace("cost_share_cap = 0.30", "cost_share_cap = 1.5")
            .replace("[\"rental_conversion\"]", "[\"rental_convrsion\"]")
            .replace("max_m2_per_person = 10", "max_m2_per_person = 7");
        let problems = load(&bad).unwrap_err();
        let keys: Vec<(Code, &str)> = problems
            .0
            .iter()
            .map(|p| (p.code, p.location.key().unwrap_or("")))
            .collect();
        for want in [
            (Code::BAD_SETTING, "programme[0].years.to"),
            (
                Code::NEGATIVE,
                "programme[0].rates.rental_conversion.yuan_per_m2",
            ),
            (
                Code::BAD_SETTING,
                "programme[0].rates.rental_new_build.cost_share_cap",
            ),
            (Code::UNKNOWN_KIND, "programme[0].require_safety_for[0]"),
            (Code::BAD_SETTING, "standard.max_m2_per_person"),
        ] {
            assert!(keys.contains(&want), "{want:?} not in {keys:?}");
        }
    }

    #[test]
    fn reads_every_reading_setting() {
        let text = NINGBO
            .replace("basis = \"completion\"", "basis = \"overlap\"")
            .replace(
                "rounding = \"yuan\"",
                "rounding = \"yuan\"\narea_basis = \"residential\"\n\
                 conversions = { sources = [\"Office\", \"厂房\"], closed = true, require_idle = true }",
            )
            .replace("yuan_per_m2 = 600", "yuan_per_m2 = 600.009");
        let policy = load(&text).unwrap();
        let p = &policy.programmes[0];
        assert_eq!(p.year_basis, YearBasis::Overlap);
        assert_eq!(p.area_basis, AreaBasis::Residential);
        assert_eq!(
            p.conversion,
            ConversionRule {
                sources: vec!["office".into(), "industrial".into()],
                closed: true,
                require_idle: true,
            }
        );
        // 600.009 yuan is kept as 600.00, down (a warning, not an error).
        let conv = p.rate_for(SiteKind::RentalConversion).unwrap();
        assert_eq!(conv.rate_per_m2, Fen(60_000));
        let defaults = load(NINGBO).unwrap();
        assert_eq!(defaults.programmes[0].conversion, ConversionRule::default());
        assert_eq!(defaults.programmes[0].area_basis, AreaBasis::Gross);
    }

    #[test]
    fn extra_decimals_in_a_policy_are_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("policy.toml");
        std::fs::write(
            &path,
            NINGBO.replace("cost_share_cap = 0.30", "cost_share_cap = 0.33335"),
        )
        .unwrap();
        let mut problems = Vec::new();
        let policy = read_policy(&path, &mut problems).expect("a policy");
        let cap = policy.programmes[0]
            .rate_for(SiteKind::RentalNewBuild)
            .and_then(|r| r.cost_share_cap);
        assert_eq!(cap, Ratio::from_per_ten_thousand(3333));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].code, Code::EXTRA_DECIMALS);
    }

    #[test]
    fn duplicate_programme_ids_are_refused() {
        let twice = format!(
            "{NINGBO}\n[[programme]]\nid = \"ningbo-rental-pilot\"\nsource = \"x\"\n\
             years = {{ from = 2020, to = 2022 }}\nrates.rental_new_build.yuan_per_m2 = 1\n"
        );
        let problems = load(&twice).unwrap_err();
        assert!(
            problems
                .0
                .iter()
                .any(|p| p.code == Code::DUPLICATE_ID && p.location.key() == Some("programme[1]")),
            "{problems}"
        );
    }
}
