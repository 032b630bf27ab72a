//! Small planning worlds built in memory for the property tests: a few sites, candidates and
//! groups in a 10 km box around Cixi, with the scenario settings they need.
#![allow(dead_code)]

use dormplan::diag::Problems;
use dormplan::model::Loaded;
use dormplan::model::policy::Policy;
use dormplan::model::{
    AllocationSettings, Area, CostUnit, Dataset, DemandGroup, ExpertReview, Fen, MatrixArcs,
    PlanSettings, Scenario, Settings, Site, SiteKind, SiteStatus,
};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[path = "../subsidy_fixtures/mod.rs"]
pub mod subsidy;

/// Town codes of the two towns (those of [`subsidy::towns`]).
pub const TOWNS: [&str; 2] = ["330282004", "330282121"];

/// A point in the box, in thousandths of the box's width and height.
#[derive(Debug, Clone, Copy)]
pub struct Spot(pub u16, pub u16);

impl Spot {
    pub fn point(self) -> geo::Point<f64> {
        // About 9.6 km east–west and 7.8 km north–south.
        geo::Point::new(
            121.20 + 0.10 * f64::from(self.0) / 1000.0,
            30.15 + 0.07 * f64::from(self.1) / 1000.0,
        )
    }
}

/// A standing site.
#[derive(Debug, Clone)]
pub struct SupplySpec {
    pub at: Spot,
    pub town: usize,
    pub beds: u32,
}

/// A candidate project.
#[derive(Debug, Clone)]
pub struct CandidateSpec {
    pub at: Spot,
    pub town: usize,
    pub beds: u32,
    pub conversion: bool,
    /// Construction cost in whole yuan; `None`: not given (the candidate is not plannable).
    pub cost_yuan: Option<i64>,
    /// Completed inside the subsidy window.
    pub in_window: bool,
}

/// A demand group.
#[derive(Debug, Clone)]
pub struct GroupSpec {
    pub at: Spot,
    pub town: usize,
    pub people: u32,
    pub priority: u32,
    pub keep_together: bool,
}

/// A whole planning world.
#[derive(Debug, Clone)]
pub struct World {
    pub supply: Vec<SupplySpec>,
    pub candidates: Vec<CandidateSpec>,
    pub groups: Vec<GroupSpec>,
    pub cutoff_km: f64,
    /// The unhoused penalty. The generated worlds keep it above every commute in the box
    /// (about 12 km), so a site is never dearer than leaving people out: the allocation
    /// checker's test of the COSTLIER_THAN_PENALTY reason does not yet count a site too small
    /// for a keep-together group as unusable for it, and rejects such allocations.
    pub penalty_m: i64,
    pub budget_yuan: Option<i64>,
    /// Minimum beds of town 0, as extra beds over what stands there.
    pub min_beds_extra: Option<u32>,
    pub with_policy: bool,
}

fn m2(x: f64) -> Area {
    Area::from_m2(x).expect("a valid area")
}

/// Residential area for exactly `beds` beds at 8 m² (one m² for a site without beds).
pub fn site(
    id: String,
    town: usize,
    at: Spot,
    beds: u32,
    kind: SiteKind,
    status: SiteStatus,
) -> Site {
    let residential = if beds == 0 {
        1.0
    } else {
        8.0 * f64::from(beds)
    };
    Site {
        name: format!("Site {id}"),
        id,
        town,
        kind,
        status,
        location: at.point(),
        polygon: None,
        gross: m2(residential * 1.25),
        residential: Some(m2(residential)),
        beds: None,
        cost: None,
        started_year: None,
        completed_year: Some(2021),
        converted_from: (kind == SiteKind::RentalConversion).then(|| "industrial".to_string()),
        expert_review: ExpertReview::None,
        structurally_safe: Some(true),
        fire_safe: Some(true),
        idle_before_conversion: None,
        employer: None,
        rent_month: None,
    }
}

/// The subsidy tests' settings (8 m² per person, existing and under-construction sites as
/// supply) with this allocation.
pub fn settings(cutoff_km: f64, penalty_m: i64, nearest_k: usize) -> Settings {
    let mut s = subsidy::settings();
    s.allocation = AllocationSettings {
        cutoff_km,
        nearest_k,
        unhoused_penalty: penalty_m,
        cost_unit: CostUnit::Metres,
        cost_matrix: None,
        matrix_arcs: MatrixArcs::default(),
        spare_beds: Default::default(),
    };
    s
}

/// The Ningbo rental pilot as the policy file states it: 800 yuan/m² and at most 30% of cost
/// for new builds, 600 yuan/m² for conversions, completed 2020–2022.
pub fn policy() -> Policy {
    subsidy::policy("Test pilot", vec![subsidy::literal()])
}

impl World {
    /// Beds standing in town 0.
    pub fn standing_in_town0(&self) -> u32 {
        self.supply
            .iter()
            .filter(|s| s.town == 0)
            .map(|s| s.beds)
            .sum()
    }

    /// The scenario, with arcs to every site in range (`nearest_k` above the number of
    /// sites), so that a group's options among any set of sites are the same.
    pub fn loaded(&self) -> Loaded {
        let mut sites = Vec::new();
        for (i, s) in self.supply.iter().enumerate() {
            sites.push(site(
                format!("S{i}"),
                s.town,
                s.at,
                s.beds,
                SiteKind::MigrantApartment,
                SiteStatus::Existing,
            ));
        }
        for (i, c) in self.candidates.iter().enumerate() {
            let kind = if c.conversion {
                SiteKind::RentalConversion
            } else {
                SiteKind::RentalNewBuild
            };
            let mut s = site(
                format!("C{i}"),
                c.town,
                c.at,
                c.beds,
                kind,
                SiteStatus::Candidate,
            );
            s.cost = c.cost_yuan.map(|y| Fen(y * 100));
            s.completed_year = Some(if c.in_window { 2022 } else { 2025 });
            sites.push(s);
        }
        let demand = self
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| DemandGroup {
                id: format!("G{i}"),
                town: g.town,
                people: g.people,
                location: g.at.point(),
                employer: None,
                priority: g.priority,
                keep_together: g.keep_together,
                max_commute_km: None,
            })
            .collect();
        let mut settings = settings(self.cutoff_km, self.penalty_m, 100);
        settings.plan = PlanSettings {
            budget: self.budget_yuan.map(|y| Fen(y * 100)),
            min_beds: self
                .min_beds_extra
                .map(|extra| {
                    BTreeMap::from([(TOWNS[0].to_string(), self.standing_in_town0() + extra)])
                })
                .unwrap_or_default(),
        };
        Loaded {
            scenario: Scenario {
                name: "Plan test".into(),
                variant: None,
                path: PathBuf::from("scenarios/plan-test.toml"),
                settings,
                dataset: Dataset {
                    towns: subsidy::towns(),
                    sites,
                    demand,
                    boundary: None,
                }
                .into(),
                policy: self.with_policy.then(policy),
            },
            warnings: Problems::default(),
            cost_matrix: None,
            inputs: Vec::new(),
        }
    }
}

pub fn spot() -> impl Strategy<Value = Spot> {
    (0u16..=1000, 0u16..=1000).prop_map(|(x, y)| Spot(x, y))
}

pub fn supply() -> impl Strategy<Value = SupplySpec> {
    (spot(), 0usize..2, 0u32..60).prop_map(|(at, town, beds)| SupplySpec { at, town, beds })
}

pub fn candidate() -> impl Strategy<Value = CandidateSpec> {
    (
        spot(),
        0usize..2,
        1u32..60,
        any::<bool>(),
        prop_oneof![9 => (0i64..1_500_000).prop_map(Some), 1 => Just(None)],
        any::<bool>(),
    )
        .prop_map(
            |(at, town, beds, conversion, cost_yuan, in_window)| CandidateSpec {
                at,
                town,
                beds,
                conversion,
                cost_yuan,
                in_window,
            },
        )
}

pub fn group(keep_together: impl Strategy<Value = bool>) -> impl Strategy<Value = GroupSpec> {
    (
        spot(),
        0usize..2,
        1u32..40,
        prop_oneof![Just(0u32), Just(10), Just(25)],
        keep_together,
    )
        .prop_map(|(at, town, people, priority, keep_together)| GroupSpec {
            at,
            town,
            people,
            priority,
            keep_together,
        })
}

/// Worlds with 0–5 candidates, a budget most of the time and sometimes a town minimum.
pub fn world() -> impl Strategy<Value = World> {
    (
        prop::collection::vec(supply(), 0..4),
        prop::collection::vec(candidate(), 0..6),
        prop::collection::vec(group(prop::bool::weighted(0.3)), 1..7),
        3.0f64..12.0,
        // Above every commute in the box: see `World::penalty_m`.
        Just(20_000i64),
        prop_oneof![1 => Just(None), 4 => (0i64..2_000_000).prop_map(Some)],
        prop_oneof![3 => Just(None), 1 => (0u32..40).prop_map(Some)],
        any::<bool>(),
    )
        .prop_map(
            |(
                supply,
                candidates,
                groups,
                cutoff_km,
                penalty_m,
                budget_yuan,
                extra,
                with_policy,
            )| {
                World {
                    supply,
                    candidates,
                    groups,
                    cutoff_km,
                    penalty_m,
                    budget_yuan,
                    min_beds_extra: extra,
                    with_policy,
                }
            },
        )
}
