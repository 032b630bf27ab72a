//! The supply and demand of a scenario's data, per town: beds at a standard, floor areas,
//! groups and people; the counts `capacity`, `check` and `plan` read.

use super::{Tally, TownTallies};
use crate::capacity::{beds, beds_at, in_supply};
use crate::model::{Area, Scenario, Settings, Site, SiteKind, Standard};
use std::collections::BTreeMap;

/// Beds of one site at the three standards of the policy range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteCapacity {
    /// Index into the dataset's sites.
    pub site: usize,
    /// Counted as supply (status, kind and as-of year included by the scenario).
    pub counted: bool,
    /// Residential floor area used.
    pub residential: Area,
    /// Beds at the policy floor (most beds allowed).
    pub beds_floor: u64,
    /// Beds at the planning standard.
    pub beds_plan: u64,
    /// Beds at the policy ceiling.
    pub beds_ceiling: u64,
    /// Declared beds give less than the floor per person.
    pub over_occupied: bool,
}

/// Beds per site and per town at the plan standard and at the ends of the policy range, with
/// the demand of each town.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapacityAtStandards {
    /// The standard planned at.
    pub plan: Standard,
    /// The policy floor.
    pub floor: Standard,
    /// The policy ceiling.
    pub ceiling: Standard,
    /// Every site, in file order.
    pub sites: Vec<SiteCapacity>,
    /// The supply counted (sites, floor area, beds at the floor) and demand, per town.
    pub at_floor: TownTallies,
    /// The same with beds at the plan standard.
    pub at_plan: TownTallies,
    /// The same with beds at the ceiling.
    pub at_ceiling: TownTallies,
}

impl CapacityAtStandards {
    /// Counts the scenario's supply at its standards, planning at `standard` when given.
    pub fn of(scenario: &Scenario, standard: Option<Standard>) -> CapacityAtStandards {
        let mut settings: Settings = scenario.settings.clone();
        if let Some(s) = standard {
            settings.standard.plan = s;
        }
        let st = &settings.standard;
        let sites = scenario
            .dataset
            .sites
            .iter()
            .enumerate()
            .map(|(i, s)| site_capacity(i, s, &settings))
            .collect();
        CapacityAtStandards {
            plan: st.plan,
            floor: st.floor,
            ceiling: st.ceiling,
            sites,
            at_floor: supply_and_demand(scenario, &settings, st.floor),
            at_plan: supply_and_demand(scenario, &settings, st.plan),
            at_ceiling: supply_and_demand(scenario, &settings, st.ceiling),
        }
    }
}

/// People not covered by beds at the plan standard in their own town, summed over towns: a
/// surplus in one town does not cover another's shortfall here (allocation, which may cross
/// town lines, decides that).
pub fn shortfall(towns: &TownTallies) -> u64 {
    towns.towns.iter().map(Tally::shortfall).sum()
}

/// The scenario's supply (sites, floor areas, beds at `standard`) and demand (groups, people
/// after growth), per town.
pub fn supply_and_demand(
    scenario: &Scenario,
    settings: &Settings,
    standard: Standard,
) -> TownTallies {
    let data = &scenario.dataset;
    let mut tallies = TownTallies::new(data.towns.len());
    for site in data.sites.iter().filter(|s| in_supply(s, settings)) {
        tallies.towns[site.town].add_supply(site, settings, beds_at(site, settings, standard));
    }
    for g in &data.demand {
        let t = &mut tallies.towns[g.town];
        t.groups += 1;
        t.demand += g.grown(settings.demand_growth);
    }
    tallies.sum_towns();
    tallies
}

/// The scenario's supply at its plan standard by town and kind (the towns in file order).
pub fn supply_by_town_and_kind(scenario: &Scenario) -> BTreeMap<(usize, SiteKind), Tally> {
    let settings = &scenario.settings;
    let mut by: BTreeMap<(usize, SiteKind), Tally> = BTreeMap::new();
    for s in scenario
        .dataset
        .sites
        .iter()
        .filter(|s| in_supply(s, settings))
    {
        by.entry((s.town, s.kind))
            .or_default()
            .add_supply(s, settings, beds(s, settings));
    }
    by
}

fn site_capacity(i: usize, s: &Site, set: &Settings) -> SiteCapacity {
    let st = &set.standard;
    SiteCapacity {
        site: i,
        counted: in_supply(s, set),
        residential: s.residential_area(&set.standard),
        beds_floor: beds_at(s, set, st.floor),
        beds_plan: beds_at(s, set, st.plan),
        beds_ceiling: beds_at(s, set, st.ceiling),
        over_occupied: s.is_over_occupied(&set.standard),
    }
}
