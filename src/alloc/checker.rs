//! An independent check of every allocation, run before anything is written.
//!
//! It re-derives what it can from the scenario itself rather than from the solver's working
//! data: beds from floor areas, distances with its own great-circle formula, employer rules
//! from the names, people after growth from the demand file. A failure is a bug in dormplan,
//! reported as [`Error::Checker`](crate::Error::Checker).

use super::allocation::Allocation;
use super::instance::{Instance, km_to_m};
use super::reasons::Reason;
use crate::capacity;
use crate::error::{Error, Result};
use crate::model::CostMatrix;
use crate::model::{DemandGroup, LonLat, Scenario, Site, SiteKind};
use rstar::RTree;
use rstar::primitives::GeomWithData;

/// Metres of slack between the solver's distances and the checker's own (both round to the
/// metre; the two formulas differ by far less than this).
const DISTANCE_SLACK_M: u32 = 2;

/// Checks `alloc` against the scenario: capacity at the standard, conservation of people,
/// only allowed arcs, keep-together groups whole, priority order, the reasons of the
/// unhoused (and that nobody unhoused missed a site it should have been offered), and the
/// objective recomputed. `usable` says which sites could take people (the scenario's supply),
/// and the arcs were chosen among those.
pub fn check_allocation(
    scenario: &Scenario,
    matrix: Option<&CostMatrix>,
    inst: &Instance,
    alloc: &Allocation,
    usable: &dyn Fn(&Site) -> bool,
) -> Result<()> {
    check_allocation_with(scenario, matrix, inst, alloc, usable, usable)
}

/// [`check_allocation`] for arcs chosen among a wider set of sites than those that can take people:
/// a plan picks each group's nearest sites among the supply and every candidate it could
/// open (`considered`), while only the supply and the opened candidates are `usable`.
pub fn check_allocation_with(
    scenario: &Scenario,
    matrix: Option<&CostMatrix>,
    inst: &Instance,
    alloc: &Allocation,
    usable: &dyn Fn(&Site) -> bool,
    considered: &dyn Fn(&Site) -> bool,
) -> Result<()> {
    let mut c = Checker {
        scenario,
        matrix,
        inst,
        alloc,
        faults: Vec::new(),
    };
    c.sites(usable);
    c.groups();
    c.arcs();
    c.priority();
    c.reasons(usable, considered);
    c.objective();
    if c.faults.is_empty() {
        Ok(())
    } else {
        let n = c.faults.len();
        c.faults.truncate(10);
        Err(Error::Checker(format!(
            "{n} violation(s): {}",
            c.faults.join("; ")
        )))
    }
}

struct Checker<'a> {
    scenario: &'a Scenario,
    matrix: Option<&'a CostMatrix>,
    inst: &'a Instance,
    alloc: &'a Allocation,
    faults: Vec<String>,
}

impl<'a> Checker<'a> {
    fn fault(&mut self, s: String) {
        self.faults.push(s);
    }

    fn site(&self, s: u32) -> &'a Site {
        &self.scenario.dataset.sites[self.inst.sites[s as usize]]
    }

    /// The farthest a group may commute, in metres: the scenario's cutoff, or the group's own
    /// `max_commute_km` when that is shorter.
    fn limit_m(&self, group: &DemandGroup) -> u32 {
        let cutoff = km_to_m(self.scenario.settings.allocation.cutoff_km);
        group
            .max_commute_km
            .map_or(cutoff, |km| km_to_m(km).min(cutoff))
    }

    /// With a cost matrix: whether a pair of `cost` is within the matrix cutoff and the group's
    /// own `max_commute_km`, great-circle by the checker's own formula, with `slack` metres
    /// given to the answer (negative: taken from it).
    fn matrix_in_range(&self, group: &DemandGroup, site: &Site, cost: i64, slack: i64) -> bool {
        let limits = self.scenario.settings.allocation.matrix_arcs;
        if limits.cutoff.is_some_and(|c| cost > c) {
            return false;
        }
        group.max_commute_km.is_none_or(|km| {
            let metres = i64::from(great_circle_m(group.location, site.location));
            metres <= i64::from(km_to_m(km)) + slack
        })
    }

    /// Occupants per site recomputed from the placements; each within beds at the standard.
    fn sites(&mut self, usable: &dyn Fn(&Site) -> bool) {
        let settings = &self.scenario.settings;
        let mut occupants = vec![0i64; self.inst.sites.len()];
        for p in &self.alloc.placements {
            if p.people <= 0 {
                self.fault(format!("a placement of {} people", p.people));
            }
            occupants[p.site as usize] += p.people;
        }
        if occupants != self.alloc.occupants {
            self.fault("site occupants do not add up from the placements".into());
        }
        for (s, &occ) in occupants.iter().enumerate() {
            let site = self.site(s as u32);
            if occ == 0 {
                continue;
            }
            if !usable(site) {
                self.fault(format!(
                    "site {} is not available but houses {occ}",
                    site.id
                ));
            }
            // The standard itself: occupants × m² per person within the residential area.
            let residential = site.residential_area(&settings.standard);
            let need = occ as i128 * i128::from(settings.standard.plan.area().units());
            if need > i128::from(residential.units()) {
                self.fault(format!(
                    "site {} houses {occ} in {} m², below {} m² per person",
                    site.id, residential, settings.standard.plan
                ));
            }
            if site.beds.is_some_and(|b| occ > i64::from(b)) {
                self.fault(format!(
                    "site {} houses {occ}, above its declared beds",
                    site.id
                ));
            }
        }
    }

    /// Every group's people are housed or unhoused, none twice; keep-together groups whole.
    fn groups(&mut self) {
        let demand = &self.scenario.dataset.demand;
        let growth = self.scenario.settings.demand_growth;
        let mut housed = vec![0i64; demand.len()];
        let mut sites_used = vec![0usize; demand.len()];
        for p in &self.alloc.placements {
            let g = self.inst.groups[p.group as usize];
            housed[g] += p.people;
            sites_used[g] += 1;
        }
        for (i, &g) in self.inst.groups.iter().enumerate() {
            let group = &demand[g];
            let want = group.grown(growth) as i64;
            let out = self.alloc.unhoused[i];
            if out < 0 || housed[g] + out != want {
                self.fault(format!(
                    "group {}: {} housed + {out} unhoused ≠ {want} people",
                    group.id, housed[g]
                ));
            }
            if group.keep_together && (sites_used[g] > 1 || (housed[g] > 0 && out > 0)) {
                self.fault(format!("keep-together group {} is split", group.id));
            }
            if (out > 0) != self.alloc.reasons[i].is_some() {
                self.fault(format!(
                    "group {}: unhoused people and reason disagree",
                    group.id
                ));
            }
        }
    }

    /// Only allowed arcs: within the cutoff and commute limit (or in the cost matrix), and an
    /// enterprise dormitory only for its employer's workers.
    fn arcs(&mut self) {
        for p in &self.alloc.placements {
            let group = &self.scenario.dataset.demand[self.inst.groups[p.group as usize]];
            let site = self.site(p.site);
            let metres = great_circle_m(group.location, site.location);
            if metres.abs_diff(p.metres) > DISTANCE_SLACK_M {
                self.fault(format!(
                    "{}→{}: {} m reported, {metres} m measured",
                    group.id, site.id, p.metres
                ));
            }
            if !employer_allows(site, group.employer.as_deref()) {
                self.fault(format!(
                    "{} is not allowed in dormitory {}",
                    group.id, site.id
                ));
            }
            match self.matrix {
                Some(m) => {
                    let cost = m.cost(
                        self.inst.groups[p.group as usize],
                        self.inst.sites[p.site as usize],
                    );
                    if cost != Some(p.cost) {
                        self.fault(format!(
                            "{}→{} is not in the cost matrix at {}",
                            group.id, site.id, p.cost
                        ));
                    }
                    if !self.matrix_in_range(group, site, p.cost, DISTANCE_SLACK_M as i64) {
                        self.fault(format!(
                            "{}→{}: cost {} or {metres} m is beyond the limits",
                            group.id, site.id, p.cost
                        ));
                    }
                }
                None => {
                    let limit = self.limit_m(group);
                    if metres > limit + DISTANCE_SLACK_M {
                        self.fault(format!(
                            "{}→{}: {metres} m is beyond {limit} m",
                            group.id, site.id
                        ));
                    }
                    if p.cost != i64::from(p.metres) {
                        self.fault(format!(
                            "{}→{}: cost is not the distance",
                            group.id, site.id
                        ));
                    }
                }
            }
        }
    }

    /// Higher priority first: no unhoused person of a splittable group could take the bed of
    /// a lower-priority splittable group's member at a site it may use, and unhoused costs
    /// rise with priority points.
    fn priority(&mut self) {
        let inst = self.inst;
        let demand = &self.scenario.dataset.demand;
        let mut order: Vec<usize> = (0..inst.groups.len()).collect();
        order.sort_by_key(|&g| demand[inst.groups[g]].priority);
        for w in order.windows(2) {
            let (a, b) = (w[0], w[1]);
            let (pa, pb) = (
                demand[inst.groups[a]].priority,
                demand[inst.groups[b]].priority,
            );
            let (ca, cb) = (inst.unhoused_cost[a], inst.unhoused_cost[b]);
            if (pa < pb && ca >= cb) || (pa == pb && ca != cb) {
                self.fault(format!(
                    "unhoused costs do not follow priority points ({pa}, {pb})"
                ));
            }
        }
        // Lowest priority rank among splittable occupants of each site.
        let mut lowest = vec![u32::MAX; inst.sites.len()];
        for p in &self.alloc.placements {
            if !inst.keep_together[p.group as usize] {
                let r = &mut lowest[p.site as usize];
                *r = (*r).min(inst.rank[p.group as usize]);
            }
        }
        for g in 0..inst.groups.len() {
            if self.alloc.unhoused[g] == 0 || inst.keep_together[g] {
                continue;
            }
            for a in inst.arcs_of(g) {
                if lowest[a.site as usize] < inst.rank[g] {
                    let id = &demand[inst.groups[g]].id;
                    self.fault(format!(
                        "group {id} is left out while lower-priority people live at {}",
                        self.site(a.site).id
                    ));
                    break;
                }
            }
        }
    }

    /// Each reason holds on the scenario's data.
    ///
    /// The sites in range of an unhoused group come from the matrix row, or from an R-tree over
    /// the sites (built here, once), never from a scan of every site: the check grows with the
    /// unhoused groups times the sites near each, not times all sites.
    fn reasons(&mut self, usable: &dyn Fn(&Site) -> bool, considered: &dyn Fn(&Site) -> bool) {
        let inst = self.inst;
        let data = &self.scenario.dataset;
        let settings = &self.scenario.settings;
        let full = |s: u32| self.alloc.occupants[s as usize] >= inst.capacity[s as usize];
        // Per dataset site, computed once: may it take people, were arcs chosen among it, and
        // has it any bed at the standard.
        let is_usable: Vec<bool> = data.sites.iter().map(usable).collect();
        let is_considered: Vec<bool> = data.sites.iter().map(considered).collect();
        let has_beds: Vec<bool> = data
            .sites
            .iter()
            .map(|s| capacity::beds(s, settings) > 0)
            .collect();
        let index = match self.matrix {
            Some(_) => None,
            None => Some(SiteIndex::new(&data.sites, |i| {
                has_beds[i] && (is_usable[i] || is_considered[i])
            })),
        };
        let mut faults = Vec::new();
        for g in 0..inst.groups.len() {
            let Some(reason) = self.alloc.reasons[g] else {
                continue;
            };
            let group = &data.demand[inst.groups[g]];
            let limit = self.limit_m(group);
            // Sites with beds that the group's arcs could have used, with their distance (or
            // cost), generous by the slack about the range; each use below gives the answer
            // the benefit of that slack.
            let allowed = |i: usize| employer_allows(&data.sites[i], group.employer.as_deref());
            let slack = i64::from(DISTANCE_SLACK_M);
            let around: Vec<(u32, usize)> = match (self.matrix, &index) {
                (Some(m), _) => m
                    .of_group(inst.groups[g])
                    .filter(|&(i, cost)| {
                        has_beds.get(i) == Some(&true)
                            && self.matrix_in_range(group, &data.sites[i], cost, slack)
                    })
                    // Costs are at most bounds::MATRIX_COST, below u32::MAX.
                    .map(|(i, cost)| (cost as u32, i))
                    .collect(),
                (None, Some(index)) => {
                    // Nearest first, up to the range, and no farther than needed: past the
                    // k-th allowed site among those the arcs were chosen from (nothing beyond
                    // it can have been missed) once a usable, allowed site is seen (which
                    // settles the reasons about range and employers).
                    let k = settings.allocation.nearest_k;
                    let (mut counted, mut settled) = (0usize, false);
                    let mut kth = None;
                    let mut out = Vec::new();
                    for (d, i) in index.nearest(group.location) {
                        if d > limit + DISTANCE_SLACK_M
                            || (settled && kth.is_some_and(|kth: u32| d > kth))
                        {
                            break;
                        }
                        out.push((d, i));
                        if is_considered[i] && allowed(i) {
                            counted += 1;
                            if counted == k {
                                kth = Some(d);
                            }
                        }
                        settled |= is_usable[i] && allowed(i) && d + DISTANCE_SLACK_M <= limit;
                    }
                    out
                }
                (None, None) => Vec::new(),
            };
            let in_range = |d: u32, i: usize| match self.matrix {
                Some(_) => self.matrix_in_range(group, &data.sites[i], i64::from(d), -slack),
                None => d + DISTANCE_SLACK_M <= limit,
            };
            let near: Vec<&Site> = around
                .iter()
                .filter(|&&(d, i)| is_usable[i] && in_range(d, i))
                .map(|&(_, i)| &data.sites[i])
                .collect();
            if let Some(fault) =
                self.choices_complete(g, &around, &is_usable, &is_considered, &allowed)
            {
                faults.push(fault);
            }
            let holds = match reason {
                Reason::NoSiteInRange => near.is_empty(),
                // A site within the range, generous by the slack (a site the arc builder
                // measured at the limit may measure a metre or two beyond it here), and none
                // clearly within it that the group may use.
                Reason::EmployerOnly => {
                    around.iter().any(|&(_, i)| is_usable[i])
                        && near
                            .iter()
                            .all(|s| !employer_allows(s, group.employer.as_deref()))
                }
                Reason::RangeFull => inst.arcs_of(g).iter().all(|a| full(a.site)),
                Reason::NoRoomForWholeGroup => {
                    inst.keep_together[g]
                        && inst.arcs_of(g).iter().all(|a| {
                            inst.capacity[a.site as usize] - self.alloc.occupants[a.site as usize]
                                < inst.people[g]
                        })
                }
                // Every site with room for the people left out (all of them, for a group that
                // must stay together) costs at least the penalty.
                Reason::CostlierThanPenalty => inst.arcs_of(g).iter().all(|a| {
                    let free =
                        inst.capacity[a.site as usize] - self.alloc.occupants[a.site as usize];
                    let need = if inst.keep_together[g] {
                        inst.people[g]
                    } else {
                        1
                    };
                    free < need || a.cost >= inst.unhoused_cost[g]
                }),
            };
            if !holds {
                faults.push(format!("group {}: reason {reason} does not hold", group.id));
            }
        }
        self.faults.extend(faults);
    }

    /// A group left (partly) unhoused was offered every site it should have been, so that
    /// "every site in range is full" cannot hide a site the arcs missed. With a cost matrix:
    /// every usable, allowed site the matrix lists for it within the limits, cheaper than the
    /// `k`-th cheapest allowed one when `nearest_k` is set. Otherwise: every usable, allowed
    /// site in range that is nearer than the `k`-th nearest allowed site in range among the
    /// sites the arcs were chosen from (`considered`; for a plan, the supply and every
    /// candidate it could open, so that a group's options do not depend on the choice).
    /// `around` holds the sites with beds near the group (see [`Checker::reasons`]).
    fn choices_complete(
        &self,
        g: usize,
        around: &[(u32, usize)],
        is_usable: &[bool],
        is_considered: &[bool],
        allowed: &dyn Fn(usize) -> bool,
    ) -> Option<String> {
        let inst = self.inst;
        let data = &self.scenario.dataset;
        let group = &data.demand[inst.groups[g]];
        let mut offered: Vec<usize> = inst
            .arcs_of(g)
            .iter()
            .map(|a| inst.sites[a.site as usize])
            .collect();
        offered.sort_unstable();
        let not_offered = |i: &usize| offered.binary_search(i).is_err();
        // The sites the arcs were chosen among, nearest (or cheapest) first, and the distance
        // (or cost) of the k-th: every site clearly nearer had to be offered.
        let listed = |k: Option<usize>| {
            let mut near: Vec<(u32, usize)> = around
                .iter()
                .copied()
                .filter(|&(_, i)| is_considered[i] && allowed(i))
                .collect();
            near.sort_unstable();
            let kth = k.and_then(|k| near.get(k.wrapping_sub(1)).map(|&(d, _)| d));
            (near, kth.unwrap_or(u32::MAX))
        };
        let settings = &self.scenario.settings.allocation;
        let missed = match self.matrix {
            Some(_) => {
                let slack = -i64::from(DISTANCE_SLACK_M);
                let (listed, kth) = listed(settings.matrix_arcs.nearest_k);
                listed
                    .iter()
                    .find(|&&(cost, i)| {
                        cost < kth
                            && is_usable[i]
                            && not_offered(&i)
                            && self.matrix_in_range(group, &data.sites[i], i64::from(cost), slack)
                    })
                    .map(|&(_, i)| i)
            }
            None => {
                let limit = self.limit_m(group);
                let (near, kth) = listed(Some(settings.nearest_k));
                near.iter()
                    .find(|&&(d, i)| {
                        d + DISTANCE_SLACK_M < kth
                            && d + DISTANCE_SLACK_M <= limit
                            && is_usable[i]
                            && not_offered(&i)
                    })
                    .map(|&(_, i)| i)
            }
        };
        missed.map(|i| {
            format!(
                "group {}: site {} is in range and allowed but was not among its choices",
                group.id, data.sites[i].id
            )
        })
    }

    /// The objective recomputed from placements and unhoused people.
    fn objective(&mut self) {
        let commute: i128 = self
            .alloc
            .placements
            .iter()
            .map(|p| i128::from(p.cost) * i128::from(p.people))
            .sum();
        let out: i128 = self
            .alloc
            .unhoused
            .iter()
            .zip(&self.inst.unhoused_cost)
            .map(|(&u, &c)| i128::from(u) * i128::from(c))
            .sum();
        if commute + out != self.alloc.objective {
            self.fault(format!(
                "objective {} reported, {} recomputed",
                self.alloc.objective,
                commute + out
            ));
        }
        if self.alloc.bound > self.alloc.objective {
            self.fault("the lower bound is above the objective".into());
        }
    }
}

/// The checker's own spatial index of sites: an R-tree over points on the unit sphere, whose
/// straight-line (chord) order is the great-circle order, so sites come out nearest first;
/// each distance is then the checker's own great-circle formula. (Independent of the arc
/// builder's index.)
struct SiteIndex {
    tree: RTree<GeomWithData<[f64; 3], usize>>,
    sites: Vec<LonLat>,
}

/// A point on the unit sphere.
fn unit(p: LonLat) -> [f64; 3] {
    let (lon, lat) = (p.x().to_radians(), p.y().to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

impl SiteIndex {
    /// An index over the sites `keep` says (by dataset index).
    fn new(sites: &[Site], keep: impl Fn(usize) -> bool) -> SiteIndex {
        let points = (0..sites.len())
            .filter(|&i| keep(i))
            .map(|i| GeomWithData::new(unit(sites[i].location), i))
            .collect();
        SiteIndex {
            tree: RTree::bulk_load(points),
            sites: sites.iter().map(|s| s.location).collect(),
        }
    }

    /// The indexed sites nearest `from` first, with their great-circle distance in metres.
    fn nearest(&self, from: LonLat) -> impl Iterator<Item = (u32, usize)> + '_ {
        self.tree
            .nearest_neighbor_iter(&unit(from))
            .map(move |p| (great_circle_m(from, self.sites[p.data]), p.data))
    }
}

/// An enterprise dormitory with an employer takes only that employer's workers.
pub(super) fn employer_allows(site: &Site, employer: Option<&str>) -> bool {
    match (&site.employer, site.kind) {
        (Some(e), SiteKind::EnterpriseDormitory) => employer == Some(e.as_str()),
        _ => true,
    }
}

/// Haversine distance on the mean Earth radius, in whole metres: the checker's own formula,
/// independent of the arc builder's chord-based one.
fn great_circle_m(a: LonLat, b: LonLat) -> u32 {
    const R: f64 = 6_371_008.8;
    let (la1, la2) = (a.y().to_radians(), b.y().to_radians());
    let dlat = la2 - la1;
    let dlon = (b.x() - a.x()).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    (2.0 * R * h.sqrt().min(1.0).asin()).round() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sites come out of the index nearest first by the checker's own distance, all of them,
    /// also across the antimeridian and near a pole.
    #[test]
    fn the_index_gives_sites_nearest_first() {
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for (lon0, lat0, span) in [(121.2, 30.2, 0.5), (179.9, 10.0, 0.4), (10.0, 89.8, 0.3)] {
            let sites: Vec<LonLat> = (0..300)
                .map(|_| {
                    let lon = lon0 + (next() - 0.5) * span;
                    let lon = if lon > 180.0 { lon - 360.0 } else { lon };
                    LonLat::new(lon, (lat0 + (next() - 0.5) * span).min(90.0))
                })
                .collect();
            let tree = RTree::bulk_load(
                sites
                    .iter()
                    .enumerate()
                    .map(|(i, p)| GeomWithData::new(unit(*p), i))
                    .collect(),
            );
            let index = SiteIndex {
                tree,
                sites: sites.clone(),
            };
            let from = LonLat::new(lon0, lat0);
            let got: Vec<u32> = index.nearest(from).map(|(d, _)| d).collect();
            let mut want: Vec<u32> = sites.iter().map(|&p| great_circle_m(from, p)).collect();
            want.sort_unstable();
            assert_eq!(got.len(), sites.len());
            // Nearest first, up to a metre of rounding between the two formulas' order.
            assert!(got.windows(2).all(|w| w[0] <= w[1] + 1), "{lon0},{lat0}");
            let mut sorted = got.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, want);
        }
    }
}
