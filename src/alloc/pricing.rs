//! Every pair a group may use, and the exact optimum over all of them.
//!
//! A group may live at any site within the cutoff and its own commute limit that the employer
//! rule allows (with a cost matrix: any pair the matrix lists within its limits). The optimum
//! is over all those pairs, not only over the arcs the solver starts from: `nearest_k` is a
//! speed setting that never changes the objective.
//!
//! The solver starts from each group's `nearest_k` nearest sites, solves the flow problem, and
//! prices every other pair in range with the duals: a pair whose reduced cost
//! `cost + site_price − group_price` is negative would lower the objective, so it enters, and
//! the problem is solved again, until no pair enters. The duals are then feasible over every
//! pair in range, and `Σ people·group_price − Σ beds·site_price` is a lower bound on every
//! allocation over those pairs (weak duality), equal to the objective: the proof of
//! optimality that the checker verifies on its own enumeration of the pairs.
//!
//! With keep-together groups the answer is whole groups and may lie above that bound by a gap.
//! Any allocation that puts `n` people on a pair of reduced cost `r` costs at least
//! `bound + r·n` (`n` is 1, or the whole group for a group that must stay together), so only
//! pairs with `r·n` below the gap could give a better answer. They enter and the search runs
//! once more (keeping the better answer), until no pair qualifies. When the search stops at its
//! node or work limit, its answer is not proven on its own arcs either, so it runs once more
//! on every pair in range.
//!
//! A pair's cost is the distance in whole metres measured by [`distance_m`](crate::alloc::arcs::distance_m) (or the matrix
//! value); a pair is in range when that distance is at most the limit, so a group 10,000.4 m
//! away is within a 10 km cutoff and one 10,000.5 m away is not.

use super::allocation::{Allocation, Duals};
use super::arcs::{PointIndex, Reach, distance_m};
use super::instance::{Arc, Employers, Instance, km_to_m};
use super::keep_together;
use super::reasons::Reason;
use crate::error::Result;
use crate::model::{CostMatrix, LonLat, Scenario};
use rayon::prelude::*;

/// Every (group, site) pair of an instance that the rules allow, enumerated on demand: from an
/// R-tree over the instance's sites, or from the cost matrix's rows.
pub struct InRange<'a> {
    /// Where each group is.
    group_location: Vec<LonLat>,
    /// Per group: the farthest it may commute in whole metres (the cutoff or its own
    /// `max_commute_km`, whichever is shorter; with a cost matrix only its own limit).
    limit_m: Vec<Option<u32>>,
    /// Where each instance site is.
    site_location: Vec<LonLat>,
    employers: Employers,
    source: Source<'a>,
}

enum Source<'a> {
    /// Great-circle distances: an index of the instance's sites.
    Points(PointIndex),
    /// A cost matrix; `local` maps a dataset site to the instance's site.
    Matrix {
        matrix: &'a CostMatrix,
        local: Vec<Option<u32>>,
        cutoff: Option<i64>,
    },
}

impl<'a> InRange<'a> {
    /// The pairs of the instance's groups and sites under the scenario's rules.
    pub fn new(scenario: &Scenario, matrix: Option<&'a CostMatrix>, inst: &Instance) -> Self {
        let data = &scenario.dataset;
        let allocation = &scenario.settings.allocation;
        let cutoff = km_to_m(allocation.cutoff_km);
        let site_location: Vec<LonLat> =
            inst.sites.iter().map(|&i| data.sites[i].location).collect();
        let group_location = inst
            .groups
            .iter()
            .map(|&g| data.demand[g].location)
            .collect();
        let own = |g: usize| data.demand[g].max_commute_km.map(km_to_m);
        let (limit_m, source) = match matrix {
            None => (
                inst.groups
                    .iter()
                    .map(|&g| Some(own(g).map_or(cutoff, |m| m.min(cutoff))))
                    .collect(),
                Source::Points(PointIndex::new(&site_location)),
            ),
            Some(matrix) => {
                let mut local = vec![None; data.sites.len()];
                for (l, &i) in inst.sites.iter().enumerate() {
                    local[i] = Some(l as u32);
                }
                (
                    inst.groups.iter().map(|&g| own(g)).collect(),
                    Source::Matrix {
                        matrix,
                        local,
                        cutoff: allocation.matrix_arcs.cutoff,
                    },
                )
            }
        };
        InRange {
            group_location,
            limit_m,
            site_location,
            employers: Employers::of(scenario, &inst.sites),
            source,
        }
    }

    /// Calls `f` with every pair of group `g` that the rules allow and that costs less than
    /// `below` (in the instance's cost unit), as an arc of the instance.
    pub fn each_below(&self, inst: &Instance, g: usize, below: i64, mut f: impl FnMut(Arc)) {
        let location = self.group_location[g];
        let limit = self.limit_m[g];
        let group = inst.groups[g];
        match &self.source {
            Source::Points(index) => {
                let limit = limit.unwrap_or(u32::MAX);
                // Costs are metres: nothing at `below` metres or more is wanted.
                let max = u32::try_from(below.saturating_sub(1).max(0)).unwrap_or(u32::MAX);
                for (s, metres) in index.within(location, limit.min(max)) {
                    if self.employers.allows(g, s) {
                        f(Arc {
                            group: g as u32,
                            site: s as u32,
                            cost: i64::from(metres),
                            metres,
                        });
                    }
                }
            }
            Source::Matrix {
                matrix,
                local,
                cutoff,
            } => {
                for (site, cost) in matrix.of_group(group) {
                    let Some(s) = local.get(site).copied().flatten() else {
                        continue;
                    };
                    if cost >= below || cutoff.is_some_and(|c| cost > c) {
                        continue;
                    }
                    if !self.employers.allows(g, s as usize) {
                        continue;
                    }
                    let metres = distance_m(location, self.site_location[s as usize]);
                    if limit.is_some_and(|m| metres > m) {
                        continue;
                    }
                    f(Arc {
                        group: g as u32,
                        site: s,
                        cost,
                        metres,
                    });
                }
            }
        }
    }

    /// How many sites group `g` may use.
    pub fn count(&self, inst: &Instance, g: usize) -> usize {
        let mut n = 0;
        self.each_below(inst, g, i64::MAX, |_| n += 1);
        n
    }

    /// Whether group `g` may use the dataset's site `site`.
    pub fn contains(&self, inst: &Instance, g: usize, site: usize) -> bool {
        let mut found = false;
        self.each_below(inst, g, i64::MAX, |a| {
            found |= inst.sites[a.site as usize] == site;
        });
        found
    }

    /// Adds to the instance every pair it lacks: each group's arcs become all the sites it may
    /// use (for a plan, whose choices are evaluated on sub-instances of one instance).
    pub fn complete(&self, inst: &mut Instance) {
        let added: Vec<Vec<Arc>> = (0..inst.groups.len())
            .into_par_iter()
            .map(|g| {
                let have = sites_of(inst, g);
                let mut new = Vec::new();
                self.each_below(inst, g, i64::MAX, |a| {
                    if have.binary_search(&a.site).is_err() {
                        new.push(a);
                    }
                });
                new
            })
            .collect();
        add_arcs(inst, added);
    }
}

/// The sites of group `g`'s arcs, sorted.
fn sites_of(inst: &Instance, g: usize) -> Vec<u32> {
    let mut sites: Vec<u32> = inst.arcs_of(g).iter().map(|a| a.site).collect();
    sites.sort_unstable();
    sites
}

/// Adds each group's new arcs (none already present) to the instance, keeping every group's
/// arcs ordered by cost, then site.
fn add_arcs(inst: &mut Instance, added: Vec<Vec<Arc>>) {
    if added.iter().all(Vec::is_empty) {
        return;
    }
    let total = inst.arcs.len() + added.iter().map(Vec::len).sum::<usize>();
    let mut arcs = Vec::with_capacity(total);
    let mut start = Vec::with_capacity(inst.start.len());
    for (g, new) in added.into_iter().enumerate() {
        start.push(arcs.len());
        let from = arcs.len();
        arcs.extend_from_slice(inst.arcs_of(g));
        arcs.extend(new);
        arcs[from..].sort_unstable_by_key(|a| (a.cost, a.site));
    }
    start.push(arcs.len());
    inst.arcs = arcs;
    inst.start = start;
}

/// Solves the instance exactly over every pair in range (see the module's documentation),
/// adding to its arcs the pairs that entered, with the duals that prove the bound and every
/// unhoused group's reason judged over all the sites it may use.
pub fn solve_in_range(
    inst: &mut Instance,
    pairs: &InRange<'_>,
    node_limit: u64,
) -> Result<Allocation> {
    // The flow bound over every pair: solve, price, repeat.
    let root = loop {
        let sol = inst.solve_flow()?;
        let entering = entering(inst, pairs, &sol.site_price, &sol.group_price, 0);
        if entering.iter().all(Vec::is_empty) {
            break sol;
        }
        add_arcs(inst, entering);
    };
    let duals = Duals {
        site_price: root.site_price.clone(),
        group_price: root.group_price.clone(),
        bound: root.objective,
    };
    let mut alloc = keep_together::solve_from_root(inst, &inst.flow_arcs(), root, node_limit)?;
    loop {
        let gap = alloc.objective - duals.bound;
        if gap <= 0 {
            break;
        }
        let more = entering(inst, pairs, &duals.site_price, &duals.group_price, gap);
        if more.iter().all(Vec::is_empty) {
            break;
        }
        add_arcs(inst, more);
        // Every pair still left out costs at least the current answer's objective, so the
        // search's bound on the larger instance, capped by that objective, bounds everything.
        // A search stopped at its node limit may do worse with more arcs: the better answer
        // is kept (both use only arcs the instance now has).
        let again = keep_together::solve_with_limit(inst, node_limit)?;
        let bound = again.bound.min(alloc.objective).max(duals.bound);
        if again.objective < alloc.objective {
            alloc = again;
        }
        alloc.bound = bound.min(alloc.objective);
    }
    if !alloc.is_proven() {
        // A search stopped at its limit proves nothing about the pairs it never saw: its
        // answer's groups that may split are optimal on its arcs only, so one of them could be
        // left out while a pair outside would house it. Then the search runs once more on
        // every pair, and its answer is kept with the better of the two bounds.
        pairs.complete(inst);
        let again = keep_together::solve_with_limit(inst, node_limit)?;
        let bound = again.bound.max(alloc.bound).min(again.objective);
        alloc = again;
        alloc.bound = bound;
    }
    alloc.reasons = (0..inst.groups.len())
        .map(|g| (alloc.unhoused[g] > 0).then(|| reason(inst, pairs, g, &alloc.occupants)))
        .collect();
    alloc.duals = duals;
    Ok(alloc)
}

/// Per group, the pairs not among its arcs that could lower the objective: reduced cost below
/// zero (`gap` 0), or, with a gap between an answer and the flow bound, reduced cost times the
/// people the pair would take below the gap.
fn entering(
    inst: &Instance,
    pairs: &InRange<'_>,
    site_price: &[i64],
    group_price: &[i64],
    gap: i128,
) -> Vec<Vec<Arc>> {
    (0..inst.groups.len())
        .into_par_iter()
        .map(|g| {
            let mut new = Vec::new();
            if inst.people[g] <= 0 {
                return new;
            }
            let need = if inst.keep_together[g] {
                inst.people[g]
            } else {
                1
            };
            let v = group_price[g];
            // r ≥ cost − v (prices of beds are never negative), so nothing at v + gap or more
            // can qualify.
            let below =
                i64::try_from((i128::from(v) + gap).min(i128::from(i64::MAX))).unwrap_or(i64::MAX);
            let mut have: Option<Vec<u32>> = None;
            pairs.each_below(inst, g, below, |a| {
                let s = a.site as usize;
                let r = i128::from(a.cost) + i128::from(site_price[s]) - i128::from(v);
                // In the flow problem any pair may take people; in the whole-group answer a
                // group that must stay together needs a site with beds for all of it.
                let qualifies = if gap <= 0 {
                    r < 0
                } else {
                    (!inst.keep_together[g] || inst.capacity[s] >= need)
                        && r * i128::from(need) < gap
                };
                if qualifies {
                    let have = have.get_or_insert_with(|| sites_of(inst, g));
                    if have.binary_search(&a.site).is_err() {
                        new.push(a);
                    }
                }
            });
            new
        })
        .collect()
}

/// Why group `g` has unhoused people, judged over every site it may use: none in range or
/// only other employers' (from the arc builder's reach), every one full, none with room for
/// the whole group, or room only at a cost above the penalty.
fn reason(inst: &Instance, pairs: &InRange<'_>, g: usize, occupants: &[i64]) -> Reason {
    match inst.reach[g] {
        Reach::NoSiteInRange => return Reason::NoSiteInRange,
        Reach::EmployerOnly => return Reason::EmployerOnly,
        Reach::Reachable => {}
    }
    let need = if inst.keep_together[g] {
        inst.people[g]
    } else {
        1
    };
    let (mut any_free, mut room) = (false, false);
    pairs.each_below(inst, g, i64::MAX, |a| {
        let free = inst.capacity[a.site as usize] - occupants[a.site as usize];
        any_free |= free > 0;
        room |= free >= need;
    });
    if !any_free {
        Reason::RangeFull
    } else if room {
        Reason::CostlierThanPenalty
    } else {
        Reason::NoRoomForWholeGroup
    }
}
