//! Figures of an allocation per site and per town: occupancy, housed and unhoused people,
//! commutes. Shared by `allocate`, `plan`, `sweep` and `compare`.

use super::allocation::Allocation;
use super::instance::Instance;
use super::reasons::Reason;
use crate::model::Scenario;
use std::collections::BTreeMap;

/// One site's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteFigures {
    /// Index into [`Instance::sites`].
    pub site: usize,
    /// Beds at the standard.
    pub beds: i64,
    /// Occupants.
    pub occupants: i64,
    /// Residential m² per occupant (`None` when empty).
    pub m2_per_person: Option<f64>,
    /// Shadow price: objective decrease per extra bed.
    pub shadow_price: i64,
    /// People-weighted mean commute of the residents, km (`None` when empty).
    pub mean_commute_km: Option<f64>,
}

/// One town's figures (groups count where they work, beds where the sites are).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TownFigures {
    /// People of the town's groups.
    pub demand: i64,
    /// Of them, housed.
    pub housed: i64,
    /// Of them, unhoused.
    pub unhoused: i64,
    /// Beds of the town's sites at the standard.
    pub beds: i64,
    /// Occupants of the town's sites.
    pub occupants: i64,
    /// People-weighted mean commute of the town's housed people, km.
    pub mean_commute_km: Option<f64>,
    /// 95th percentile of the town's housed people's commutes, km.
    pub p95_commute_km: Option<f64>,
    /// Unhoused people by reason.
    pub by_reason: BTreeMap<Reason, i64>,
}

/// Figures of a whole allocation.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Per instance site.
    pub sites: Vec<SiteFigures>,
    /// Per town of the dataset (same order).
    pub towns: Vec<TownFigures>,
    /// All towns together.
    pub total: TownFigures,
}

impl Summary {
    /// Computes the figures of `alloc`.
    pub fn of(scenario: &Scenario, inst: &Instance, alloc: &Allocation) -> Summary {
        let data = &scenario.dataset;
        let n_towns = data.towns.len();
        let mut towns = vec![TownFigures::default(); n_towns];
        let mut total = TownFigures::default();
        // Commutes of housed people, per town and overall: (metres, people).
        let mut trips: Vec<Vec<(u32, i64)>> = vec![Vec::new(); n_towns];
        let mut site_metres = vec![0i128; inst.sites.len()];
        for p in &alloc.placements {
            let town = data.demand[inst.groups[p.group as usize]].town;
            trips[town].push((p.metres, p.people));
            site_metres[p.site as usize] += i128::from(p.metres) * i128::from(p.people);
        }
        for (g, &d) in inst.groups.iter().enumerate() {
            let t = &mut towns[data.demand[d].town];
            t.demand += inst.people[g];
            t.unhoused += alloc.unhoused[g];
            t.housed += inst.people[g] - alloc.unhoused[g];
            if let Some(r) = alloc.reasons[g] {
                *t.by_reason.entry(r).or_default() += alloc.unhoused[g];
            }
        }
        let sites = (0..inst.sites.len())
            .map(|s| {
                let site = &data.sites[inst.sites[s]];
                let occ = alloc.occupants[s];
                let t = &mut towns[site.town];
                t.beds += inst.capacity[s];
                t.occupants += occ;
                SiteFigures {
                    site: s,
                    beds: inst.capacity[s],
                    occupants: occ,
                    m2_per_person: site
                        .residential_area(&scenario.settings.standard)
                        .per_person(occ as u64),
                    shadow_price: alloc.shadow_price[s],
                    mean_commute_km: (occ > 0).then(|| site_metres[s] as f64 / occ as f64 / 1000.0),
                }
            })
            .collect();
        for (t, list) in towns.iter_mut().zip(&trips) {
            (t.mean_commute_km, t.p95_commute_km) = commute_stats(list.clone());
        }
        for t in &towns {
            total.demand += t.demand;
            total.housed += t.housed;
            total.unhoused += t.unhoused;
            total.beds += t.beds;
            total.occupants += t.occupants;
            for (r, n) in &t.by_reason {
                *total.by_reason.entry(*r).or_default() += n;
            }
        }
        (total.mean_commute_km, total.p95_commute_km) = commute_stats(trips.concat());
        Summary {
            sites,
            towns,
            total,
        }
    }
}

/// People-weighted mean and 95th percentile (the commute that 95 % of people do not exceed)
/// in km, from (metres, people) pairs.
fn commute_stats(mut trips: Vec<(u32, i64)>) -> (Option<f64>, Option<f64>) {
    let people: i64 = trips.iter().map(|t| t.1).sum();
    if people <= 0 {
        return (None, None);
    }
    let metres: i128 = trips
        .iter()
        .map(|&(m, p)| i128::from(m) * i128::from(p))
        .sum();
    trips.sort_unstable();
    // The smallest commute whose cumulative people reach ⌈0.95 × people⌉.
    let rank = (people * 95 + 99) / 100;
    let mut seen = 0;
    let mut p95 = 0;
    for (m, p) in trips {
        seen += p;
        if seen >= rank {
            p95 = m;
            break;
        }
    }
    (
        Some(metres as f64 / people as f64 / 1000.0),
        Some(f64::from(p95) / 1000.0),
    )
}

#[cfg(test)]
mod tests {
    use super::commute_stats;

    #[test]
    fn percentile_is_weighted_by_people() {
        // 94 people at 1 km, 6 at 9 km: the 95th person commutes 9 km.
        let (mean, p95) = commute_stats(vec![(1000, 94), (9000, 6)]);
        assert_eq!(p95, Some(9.0));
        assert!((mean.unwrap() - 1.48).abs() < 1e-9);
        let (_, p95) = commute_stats(vec![(1000, 95), (9000, 5)]);
        assert_eq!(p95, Some(1.0));
        assert_eq!(commute_stats(vec![]), (None, None));
    }
}
