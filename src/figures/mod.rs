//! The one tally of figures that every command reads: per town and for a whole scenario, in
//! integers (sites, m², beds, people, person-metres of commute, fen).
//!
//! Supply (sites, floor area, beds, occupants, subsidy and cost) counts where the sites are;
//! demand (groups, people, housed, unhoused, commutes) counts where people work, in the town of
//! their group. A [`Tally`](crate::figures::Tally) is filled by whoever knows the part it counts — `capacity` and
//! `check` the supply and demand of the data, an allocation the people housed, the subsidy
//! rules the projects of a programme, scenario metrics the money — and every figure a report derives (a mean, a share, a per-bed amount) is
//! computed here, once.

/// Figures of an allocation per site and per town.
pub mod allocation;
/// Supply and demand per town; capacity at the three standards.
pub mod supply;

pub use allocation::{AllocationFigures, SiteFigures};
pub use supply::{
    CapacityAtStandards, SiteCapacity, shortfall, supply_and_demand, supply_by_town_and_kind,
};

use crate::alloc::Reason;
use crate::model::{Area, Fen, Settings, Site};
use std::collections::BTreeMap;

/// Integer totals of a town, of a town and kind, or of a whole scenario.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Sites counted.
    pub sites: u64,
    /// Their gross floor area.
    pub gross: Area,
    /// Their residential floor area.
    pub residential: Area,
    /// Their beds at the standard the tally was taken at.
    pub beds: u64,
    /// People placed in them.
    pub occupants: u64,
    /// Demand groups.
    pub groups: u64,
    /// People needing a bed (after demand growth).
    pub demand: u64,
    /// Of them, housed.
    pub housed: u64,
    /// Of them, unhoused.
    pub unhoused: u64,
    /// Unhoused people by reason.
    pub unhoused_by_reason: BTreeMap<Reason, u64>,
    /// Σ commute × people over the housed, in the objective's unit (metres of great-circle
    /// distance, or a cost matrix's unit).
    pub person_metres: u128,
    /// 95th percentile of the housed people's commutes (the smallest commute that 95 % of
    /// them do not exceed); `None` when nobody is housed.
    pub p95_commute_m: Option<u32>,
    /// Subsidy the sites are paid as eligible projects (after any pool).
    pub subsidy_eligible: Fen,
    /// Subsidy the sites would be paid once their open conditions are settled (pool-adjusted).
    pub subsidy_potential: Fen,
    /// Expected subsidy under the scenario's review pass rate and award share: the middle of
    /// the range from the certain amount (`subsidy_eligible`) to the ceiling (eligible +
    /// potential).
    pub subsidy_expected: Fen,
    /// Projects a subsidy programme pays (eligible).
    pub eligible_projects: u64,
    /// Projects it would pay once their open conditions are settled (potential).
    pub potential_projects: u64,
    /// Projects that meet every condition but that a spent pool pays nothing (unfunded).
    pub unfunded_projects: u64,
    /// Projects it does not pay (ineligible).
    pub ineligible_projects: u64,
    /// What the ineligible projects would request if every condition were met (where known).
    pub ineligible_request: Fen,
    /// Sites whose net cost is counted (see [`crate::subsidy::net_cost`]).
    pub costed_sites: u64,
    /// Their beds.
    pub costed_beds: u64,
    /// Their construction cost.
    pub cost: Fen,
    /// Their net cost.
    pub net_cost: Fen,
}

impl Tally {
    /// Counts a site of the supply: one site, its floor areas and `beds`.
    pub fn add_supply(&mut self, site: &Site, settings: &Settings, beds: u64) {
        self.sites += 1;
        self.gross += site.gross;
        self.residential += site.residential_area(&settings.standard);
        self.beds += beds;
    }

    /// Adds every figure of `other` (the 95th percentile is not additive: it is left as it
    /// is, and set from the commutes themselves by [`commute_p95`]).
    pub fn add(&mut self, other: &Tally) {
        self.sites += other.sites;
        self.gross += other.gross;
        self.residential += other.residential;
        self.beds += other.beds;
        self.occupants += other.occupants;
        self.groups += other.groups;
        self.demand += other.demand;
        self.housed += other.housed;
        self.unhoused += other.unhoused;
        for (r, n) in &other.unhoused_by_reason {
            *self.unhoused_by_reason.entry(*r).or_default() += n;
        }
        self.person_metres += other.person_metres;
        self.subsidy_eligible = add_fen(self.subsidy_eligible, other.subsidy_eligible);
        self.subsidy_potential = add_fen(self.subsidy_potential, other.subsidy_potential);
        self.eligible_projects += other.eligible_projects;
        self.potential_projects += other.potential_projects;
        self.unfunded_projects += other.unfunded_projects;
        self.subsidy_expected = add_fen(self.subsidy_expected, other.subsidy_expected);
        self.ineligible_projects += other.ineligible_projects;
        self.ineligible_request = add_fen(self.ineligible_request, other.ineligible_request);
        self.costed_sites += other.costed_sites;
        self.costed_beds += other.costed_beds;
        self.cost = add_fen(self.cost, other.cost);
        self.net_cost = add_fen(self.net_cost, other.net_cost);
    }

    /// People-weighted mean commute of the housed, in whole metres rounded half up; `None`
    /// when nobody is housed.
    pub fn mean_commute_m(&self) -> Option<u64> {
        mean_m(self.person_metres, self.housed)
    }

    /// The same in km, for tables that print km with a few decimals.
    pub fn mean_commute_km(&self) -> Option<f64> {
        mean_km(self.person_metres, self.housed)
    }

    /// The 95th percentile in km.
    pub fn p95_commute_km(&self) -> Option<f64> {
        self.p95_commute_m.map(|m| f64::from(m) / 1000.0)
    }

    /// People not covered by the beds: demand − beds, or 0.
    pub fn shortfall(&self) -> u64 {
        self.demand.saturating_sub(self.beds)
    }

    /// Housed people per 1,000 of demand, rounded half up (`None` without demand).
    pub fn housed_share_tenths(&self) -> Option<u64> {
        crate::numbers::percent_tenths(self.housed, self.demand)
    }

    /// Eligible and potential subsidy together.
    pub fn subsidy(&self) -> Fen {
        add_fen(self.subsidy_eligible, self.subsidy_potential)
    }

    /// Net cost per bed of the costed sites, rounded down to the fen; `None` without beds.
    pub fn net_cost_per_bed(&self) -> Option<Fen> {
        per_bed(self.net_cost, self.costed_beds)
    }
}

/// Per-town tallies (in the dataset's town order) and their total.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TownTallies {
    /// One per town of the dataset.
    pub towns: Vec<Tally>,
    /// All towns together.
    pub total: Tally,
}

impl TownTallies {
    /// Empty tallies for `n` towns.
    pub fn new(n: usize) -> TownTallies {
        TownTallies {
            towns: vec![Tally::default(); n],
            total: Tally::default(),
        }
    }

    /// Sets the total to the sum of the towns (the 95th percentile of the total is kept).
    pub fn sum_towns(&mut self) {
        let p95 = self.total.p95_commute_m;
        let mut total = Tally::default();
        self.towns.iter().for_each(|t| total.add(t));
        total.p95_commute_m = p95;
        self.total = total;
    }
}

/// People-weighted mean in whole metres, rounded half up.
pub fn mean_m(person_metres: u128, people: u64) -> Option<u64> {
    (people > 0).then(|| {
        let p = u128::from(people);
        u64::try_from((person_metres * 2 + p) / (2 * p)).unwrap_or(u64::MAX)
    })
}

/// People-weighted mean in km.
pub fn mean_km(person_metres: u128, people: u64) -> Option<f64> {
    (people > 0).then(|| person_metres as f64 / people as f64 / 1000.0)
}

/// The smallest commute whose cumulative people reach ⌈0.95 × people⌉, from (metres, people)
/// pairs; `None` when nobody is housed.
pub fn commute_p95(mut trips: Vec<(u32, u64)>) -> Option<u32> {
    let people: u64 = trips.iter().map(|t| t.1).sum();
    if people == 0 {
        return None;
    }
    trips.sort_unstable();
    let rank = (people * 95).div_ceil(100);
    let mut seen = 0;
    trips.into_iter().find_map(|(m, p)| {
        seen += p;
        (seen >= rank).then_some(m)
    })
}

/// Money adds saturate: absurd inputs give an absurd figure, never a wrapped one or a panic.
pub fn add_fen(a: Fen, b: Fen) -> Fen {
    Fen(a.0.saturating_add(b.0))
}

/// `amount / beds` rounded down to the fen; `None` without beds.
pub fn per_bed(amount: Fen, beds: u64) -> Option<Fen> {
    let beds = i64::try_from(beds).ok().filter(|&b| b > 0)?;
    Some(Fen(amount.0.div_euclid(beds)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_is_weighted_by_people() {
        // 94 people at 1 km, 6 at 9 km: the 95th person commutes 9 km.
        assert_eq!(commute_p95(vec![(1000, 94), (9000, 6)]), Some(9000));
        assert_eq!(commute_p95(vec![(1000, 95), (9000, 5)]), Some(1000));
        assert_eq!(commute_p95(vec![]), None);
        let km = mean_km(1000 * 94 + 9000 * 6, 100).unwrap();
        assert!((km - 1.48).abs() < 1e-9);
        assert_eq!(mean_m(1000 * 94 + 9000 * 6, 100), Some(1480));
    }

    #[test]
    fn means_round_half_up_in_whole_metres() {
        assert_eq!(mean_m(3, 2), Some(2));
        assert_eq!(mean_m(5, 4), Some(1));
        assert_eq!(mean_m(7, 4), Some(2));
        assert_eq!(mean_m(7, 0), None);
    }

    #[test]
    fn per_bed_rounds_down_and_needs_beds() {
        assert_eq!(per_bed(Fen(1000), 3), Some(Fen(333)));
        assert_eq!(per_bed(Fen(-1000), 3), Some(Fen(-334)));
        assert_eq!(per_bed(Fen(1000), 0), None);
    }

    #[test]
    fn totals_add_every_figure() {
        let mut a = Tally {
            beds: 10,
            demand: 12,
            housed: 10,
            unhoused: 2,
            person_metres: 5000,
            ..Tally::default()
        };
        a.unhoused_by_reason.insert(Reason::RangeFull, 2);
        let mut all = TownTallies::new(2);
        all.towns[0] = a.clone();
        all.towns[1] = a;
        all.sum_towns();
        assert_eq!(all.total.beds, 20);
        assert_eq!(all.total.shortfall(), 4);
        assert_eq!(all.total.unhoused_by_reason[&Reason::RangeFull], 4);
        assert_eq!(all.total.mean_commute_m(), Some(500));
        assert_eq!(all.total.housed_share_tenths(), Some(833));
    }
}
