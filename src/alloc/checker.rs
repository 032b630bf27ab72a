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
    fn reasons(&mut self, usable: &dyn Fn(&Site) -> bool, considered: &dyn Fn(&Site) -> bool) {
        let inst = self.inst;
        let data = &self.scenario.dataset;
        let full = |s: u32| self.alloc.occupants[s as usize] >= inst.capacity[s as usize];
        let mut faults = Vec::new();
        for g in 0..inst.groups.len() {
            let Some(reason) = self.alloc.reasons[g] else {
                continue;
            };
            let group = &data.demand[inst.groups[g]];
            let limit = self.limit_m(group);
            let in_range = |i: usize, site: &Site| match self.matrix {
                Some(m) => m.cost(inst.groups[g], i).is_some(),
                None => great_circle_m(group.location, site.location) + DISTANCE_SLACK_M <= limit,
            };
            let near: Vec<&Site> = data
                .sites
                .iter()
                .enumerate()
                .filter(|(i, s)| {
                    usable(s) && capacity::beds(s, &self.scenario.settings) > 0 && in_range(*i, s)
                })
                .map(|(_, s)| s)
                .collect();
            if let Some(fault) = self.choices_complete(g, usable, considered) {
                faults.push(fault);
            }
            let holds = match reason {
                Reason::NoSiteInRange => near.is_empty(),
                Reason::EmployerOnly => {
                    !near.is_empty()
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
    /// every usable, allowed site the matrix lists for it. Otherwise: every usable, allowed
    /// site in range that is nearer than the `k`-th nearest allowed site in range among the
    /// sites the arcs were chosen from (`considered`; for a plan, the supply and every
    /// candidate it could open, so that a group's options do not depend on the choice).
    fn choices_complete(
        &self,
        g: usize,
        usable: &dyn Fn(&Site) -> bool,
        considered: &dyn Fn(&Site) -> bool,
    ) -> Option<String> {
        let inst = self.inst;
        let data = &self.scenario.dataset;
        let settings = &self.scenario.settings;
        let group = &data.demand[inst.groups[g]];
        let offered: Vec<usize> = inst
            .arcs_of(g)
            .iter()
            .map(|a| inst.sites[a.site as usize])
            .collect();
        let allowed = |s: &Site| {
            capacity::beds(s, settings) > 0 && employer_allows(s, group.employer.as_deref())
        };
        let missed = match self.matrix {
            Some(m) => data
                .sites
                .iter()
                .enumerate()
                .find(|&(i, s)| {
                    usable(s)
                        && allowed(s)
                        && m.cost(inst.groups[g], i).is_some()
                        && !offered.contains(&i)
                })
                .map(|(_, s)| s),
            None => {
                let limit = self.limit_m(group);
                // Generous about the range here, strict below, so that rounding at the limit
                // never makes a fault.
                let mut near: Vec<(u32, usize)> = data
                    .sites
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| considered(s) && allowed(s))
                    .map(|(i, s)| (great_circle_m(group.location, s.location), i))
                    .filter(|&(d, _)| d <= limit + DISTANCE_SLACK_M)
                    .collect();
                near.sort_unstable();
                let k = settings.allocation.nearest_k;
                let kth = near.get(k.wrapping_sub(1)).map_or(u32::MAX, |&(d, _)| d);
                near.iter()
                    .find(|&&(d, i)| {
                        d + DISTANCE_SLACK_M < kth
                            && d + DISTANCE_SLACK_M <= limit
                            && usable(&data.sites[i])
                            && !offered.contains(&i)
                    })
                    .map(|&(_, i)| &data.sites[i])
            }
        };
        missed.map(|site| {
            format!(
                "group {}: site {} is in range and allowed but was not among its choices",
                group.id, site.id
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

/// An enterprise dormitory with an employer takes only that employer's workers.
fn employer_allows(site: &Site, employer: Option<&str>) -> bool {
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
