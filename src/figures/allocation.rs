//! Figures of an allocation per site and per town: occupancy, housed and unhoused people,
//! commutes. Shared by `allocate`, `plan`, `sweep`, `compare` and `rank`.

use super::{Tally, TownTallies, commute_p95, mean_km, mean_m};
use crate::alloc::{Allocation, Instance};
use crate::model::Scenario;

/// One site's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteFigures {
    /// Index into [`Instance::sites`].
    pub site: usize,
    /// Beds at the standard.
    pub beds: u64,
    /// Occupants.
    pub occupants: u64,
    /// Residential m² per occupant (`None` when empty).
    pub m2_per_person: Option<f64>,
    /// Shadow price: objective decrease per extra bed.
    pub shadow_price: i64,
    /// Σ commute × people of the residents.
    pub person_metres: u128,
}

impl SiteFigures {
    /// People-weighted mean commute of the residents in whole metres, rounded half up
    /// (`None` when empty).
    pub fn mean_commute_m(&self) -> Option<u64> {
        mean_m(self.person_metres, self.occupants)
    }

    /// The same in km.
    pub fn mean_commute_km(&self) -> Option<f64> {
        mean_km(self.person_metres, self.occupants)
    }
}

/// Figures of a whole allocation.
#[derive(Debug, Clone, PartialEq)]
pub struct AllocationFigures {
    /// Per instance site.
    pub sites: Vec<SiteFigures>,
    /// Per town of the dataset (same order), and all towns together.
    pub towns: TownTallies,
}

impl AllocationFigures {
    /// Computes the figures of `alloc`: the instance's sites (their beds and occupants) and
    /// every group (demand, housed, unhoused by reason, commutes).
    pub fn of(scenario: &Scenario, inst: &Instance, alloc: &Allocation) -> AllocationFigures {
        let data = &scenario.dataset;
        let mut tallies = TownTallies::new(data.towns.len());
        // Commutes of housed people, per town: (metres, people).
        let mut trips: Vec<Vec<(u32, u64)>> = vec![Vec::new(); data.towns.len()];
        let mut site_metres = vec![0u128; inst.sites.len()];
        for p in &alloc.placements {
            let town = data.demand[inst.groups[p.group as usize]].town;
            let people = count(p.people);
            trips[town].push((p.metres, people));
            let pm = u128::from(p.metres) * u128::from(people);
            site_metres[p.site as usize] += pm;
            tallies.towns[town].person_metres += pm;
        }
        for (g, &d) in inst.groups.iter().enumerate() {
            let t = &mut tallies.towns[data.demand[d].town];
            t.groups += 1;
            t.demand += count(inst.people[g]);
            t.unhoused += count(alloc.unhoused[g]);
            t.housed += count(inst.people[g] - alloc.unhoused[g]);
            if let Some(r) = alloc.reasons[g] {
                *t.unhoused_by_reason.entry(r).or_default() += count(alloc.unhoused[g]);
            }
        }
        let sites = (0..inst.sites.len())
            .map(|s| {
                let site = &data.sites[inst.sites[s]];
                let (beds, occupants) = (count(inst.capacity[s]), count(alloc.occupants[s]));
                let t = &mut tallies.towns[site.town];
                t.sites += 1;
                t.beds += beds;
                t.occupants += occupants;
                SiteFigures {
                    site: s,
                    beds,
                    occupants,
                    m2_per_person: site
                        .residential_area(&scenario.settings.standard)
                        .per_person(occupants),
                    shadow_price: alloc.shadow_price[s],
                    person_metres: site_metres[s],
                }
            })
            .collect();
        for (t, list) in tallies.towns.iter_mut().zip(&trips) {
            t.p95_commute_m = commute_p95(list.clone());
        }
        tallies.total.p95_commute_m = commute_p95(trips.concat());
        tallies.sum_towns();
        AllocationFigures {
            sites,
            towns: tallies,
        }
    }

    /// All towns together.
    pub fn total(&self) -> &Tally {
        &self.towns.total
    }
}

/// A count from the engine's `i64` (never negative in a checked allocation).
fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}
