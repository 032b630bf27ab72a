//! Values built in code for the subsidy tests: a settings block, the two readings of the Ningbo
//! programme, and sites with sensible defaults that each test changes one field of.
#![allow(dead_code)]

use dormplan::diag::Problems;
use dormplan::model::Loaded;
use dormplan::model::policy::{
    AreaBasis, ConversionRule, KindRate, Policy, Pool, PoolRule, Programme, Rounding, YearBasis,
};
use dormplan::model::{
    AllocationSettings, Area, CostUnit, Dataset, ExpertReview, Fen, MatrixArcs, PlanSettings,
    Ratio, Scenario, Settings, Site, SiteKind, SiteStatus, Standard, StandardSettings,
    SubsidySettings, Town,
};
use std::path::PathBuf;

/// Square metres, exactly (`m2(123.45)` is 12,345 hundredths).
pub fn m2(x: f64) -> Area {
    Area::from_m2(x).expect("a valid test area")
}

/// Whole yuan in fen.
pub fn yuan(x: i64) -> Fen {
    Fen(x * 100)
}

pub fn ratio(x: f64) -> Ratio {
    Ratio::from_fraction(x).expect("a valid test ratio")
}

/// Plan at 8 m² per person; residential area is 80% of gross where not declared, so a
/// 1,000 m² site holds ⌊800 / 8⌋ = 100 beds.
pub fn settings() -> Settings {
    let std = |x| Standard::from_m2(x).expect("a valid standard");
    Settings {
        as_of_year: None,
        standard: StandardSettings {
            plan: std(8.0),
            floor: std(8.0),
            ceiling: std(10.0),
            usable_ratio: ratio(0.8),
            include_status: vec![SiteStatus::Existing, SiteStatus::UnderConstruction],
            include_kind: SiteKind::ALL.to_vec(),
        },
        allocation: AllocationSettings {
            cutoff_km: 10.0,
            nearest_k: 30,
            unhoused_penalty: 100_000,
            cost_unit: CostUnit::Metres,
            cost_matrix: None,
            matrix_arcs: MatrixArcs::default(),
            spare_beds: Default::default(),
        },
        plan: PlanSettings::default(),
        demand_growth: 1.0,
        subsidy: SubsidySettings::default(),
        lang: None,
    }
}

/// A rate for a kind, with or without a cost-share cap.
pub fn rate(kind: SiteKind, yuan_per_m2: i64, cap: Option<f64>) -> KindRate {
    KindRate {
        kind,
        rate_per_m2: yuan(yuan_per_m2),
        cost_share_cap: cap.map(ratio),
    }
}

/// 甬建发〔2021〕20号 read literally: 800 yuan/m² capped at 30% of cost for new builds,
/// 600 yuan/m² for conversions; completed 2020–2022; review passed; conversions safe.
pub fn literal() -> Programme {
    Programme {
        id: "ningbo-rental-pilot".into(),
        name: "中央财政支持住房租赁市场发展试点奖补".into(),
        source: "甬建发〔2021〕20号".into(),
        year_from: 2020,
        year_to: 2022,
        year_basis: YearBasis::Completion,
        area_basis: AreaBasis::Gross,
        conversion: ConversionRule::default(),
        rates: vec![
            rate(SiteKind::RentalNewBuild, 800, Some(0.30)),
            rate(SiteKind::RentalConversion, 600, None),
        ],
        require_expert_review: true,
        require_safety_for: vec![SiteKind::RentalConversion],
        pool: None,
        rounding: Rounding::Fen,
    }
}

/// The same with the 30% cap on conversions too.
pub fn strict() -> Programme {
    let mut p = literal();
    p.rates[1].cost_share_cap = Some(ratio(0.30));
    p
}

/// The literal programme with a pool.
pub fn pooled(total: Fen, rule: PoolRule) -> Programme {
    let mut p = literal();
    p.pool = Some(Pool { total, rule });
    p
}

/// A standing site of `kind` that meets every condition of [`literal`]: 1,000 m² gross
/// (100 beds at 8 m²), cost 10,000,000 yuan, completed 2021, review passed, safe.
pub fn site(id: &str, kind: SiteKind) -> Site {
    Site {
        id: id.into(),
        name: format!("项目{id}"),
        town: 0,
        kind,
        status: SiteStatus::Existing,
        location: geo::Point::new(121.24, 30.17),
        polygon: None,
        gross: m2(1000.0),
        residential: None,
        beds: None,
        cost: Some(yuan(10_000_000)),
        started_year: Some(2020),
        completed_year: Some(2021),
        converted_from: (kind == SiteKind::RentalConversion).then(|| "industrial".to_string()),
        expert_review: ExpertReview::Passed,
        structurally_safe: Some(true),
        fire_safe: Some(true),
        idle_before_conversion: None,
        employer: None,
        rent_month: None,
    }
}

/// Applies `f` to a default standing new build.
pub fn nb(f: impl FnOnce(&mut Site)) -> Site {
    let mut s = new_build("P1");
    f(&mut s);
    s
}

/// Applies `f` to a default standing conversion.
pub fn cv(f: impl FnOnce(&mut Site)) -> Site {
    let mut s = conversion("P1");
    f(&mut s);
    s
}

pub fn new_build(id: &str) -> Site {
    site(id, SiteKind::RentalNewBuild)
}

pub fn conversion(id: &str) -> Site {
    site(id, SiteKind::RentalConversion)
}

/// Two Cixi towns: 浒山街道 (index 0) and 周巷镇 (index 1).
pub fn towns() -> Vec<Town> {
    let town = |code: &str, zh: &str, en: &str, lon, lat| Town {
        code: code.into(),
        name_zh: zh.into(),
        name_en: en.into(),
        centroid: geo::Point::new(lon, lat),
        polygon: None,
    };
    vec![
        town("330282004", "浒山街道", "Hushan", 121.25, 30.17),
        town("330282121", "周巷镇", "Zhouxiang", 121.15, 30.17),
    ]
}

pub fn policy(name: &str, programmes: Vec<Programme>) -> Policy {
    Policy {
        name: name.into(),
        standard_source: Some("慈党〔2012〕22号".into()),
        standard_min: Standard::from_m2(8.0).expect("8 m²"),
        standard_max: Standard::from_m2(10.0).expect("10 m²"),
        programmes,
    }
}

/// A loaded scenario over `sites` with the given policy and warnings.
pub fn loaded(sites: Vec<Site>, policy: Option<Policy>, warnings: Problems) -> Loaded {
    Loaded {
        scenario: Scenario {
            name: "Subsidy test".into(),
            variant: None,
            path: PathBuf::from("scenarios/subsidy-test.toml"),
            settings: settings(),
            dataset: Dataset {
                towns: towns(),
                sites,
                demand: Vec::new(),
                boundary: None,
            }
            .into(),
            policy,
        },
        warnings,
        cost_matrix: None,
        inputs: Vec::new(),
    }
}
