//! Every pair a group may use, and the exact optimum over all of them.
//!
//! A group may live at any site within the cutoff and its own commute limit that the employer
//! rule allows (with a cost matrix: any pair the matrix lists within its limits). The optimum
//! is over all those pairs, not only over the arcs the solver starts from: `nearest_k` is a
//! speed setting that never changes the objective.
//!
//! The solver starts from each group's `nearest_k` nearest sites, solves the flow problem, and
//! prices every other pair in range with the duals: a pair whose reduced cost
//! `cost + site_price − group_price` is negative would lower the objective, so it enters (at
//! most `ENTER_PER_GROUP` (8) per group in a round, those of least reduced cost), and the
//! problem is solved again, until no pair enters. The duals are then feasible over every
//! pair in range, and `Σ people·group_price − Σ beds·site_price` is a lower bound on every
//! allocation over those pairs (weak duality), equal to the objective: the proof of
//! optimality that the checker verifies on its own enumeration of the pairs.
//!
//! The engine's simplices stay alive from round to round ([`crate::flow::Resumable`]): the
//! entering pairs go into them at zero outside the tree (the arcs keep their new places in
//! each group's order by cost and site), and each solve after the first pivots on from the
//! last optimum's basis, so the last round's prices are where it starts and the pivots of a
//! round are about what the pairs that entered change, with no network built again. The
//! groups that may split are settled the same way, their first solve starting from where the
//! keep-together search put them when that makes a basis.
//!
//! With keep-together groups the answer is whole groups and may lie above that bound by a gap.
//! Any allocation that puts `n` people on a pair of reduced cost `r` costs at least
//! `bound + r·n` (`n` is 1, or the whole group for a group that must stay together), so only
//! pairs with `r·n` below the gap could give a better answer. They enter and the search runs
//! once more (keeping the better answer), until no pair qualifies. When the search stops at its
//! node or work limit, its answer is not proven on its own arcs either: its lower bound becomes
//! the smaller of the search's and the least any pair outside its arcs could add to the flow
//! bound, and the groups that may split are solved again over every pair in range, those that
//! must stay together kept where the search put them (should that leave room for a whole group
//! out at less than its unhoused cost, the search runs once more on every pair in range).
//!
//! A pair's cost is the distance in whole metres measured by [`distance_m`](crate::alloc::arcs::distance_m) (or the matrix
//! value); a pair is in range when that distance is at most the limit, so a group 10,000.4 m
//! away is within a 10 km cutoff and one 10,000.5 m away is not.

use super::allocation::{Allocation, Duals};
use super::arcs::{PointIndex, PricedIndex, Reach, distance_m, metres_between, unit_vector};
use super::instance::{Arc, Employers, Instance, km_to_m};
use super::keep_together;
use super::reasons::Reason;
use crate::error::Result;
use crate::flow::TransportSolution;
use crate::model::{CostMatrix, LonLat, Scenario};
use rayon::prelude::*;

/// The sites' prices, indexed for [`InRange::each_under`].
pub struct Prices<'p> {
    site_price: &'p [i64],
    /// With great-circle distances, the sites any group may use (all but enterprise
    /// dormitories) by place and price.
    index: Option<PricedIndex>,
}

/// Groups' prices, indexed for [`InRange::each_group_under`]: the groups by place and minus
/// their price.
pub struct GroupPrices(PricedIndex);

/// Whose sites a group may use: the employer rule, or the spare beds of other employers'
/// dormitories that share them (`shares` per instance site), or either.
#[derive(Debug, Clone, Copy)]
pub enum Who<'s> {
    /// Any site but another employer's dormitory.
    Employer,
    /// Only other employers' dormitories that share their spare beds.
    Outsider(&'s [bool]),
    /// Either of the two.
    Either(&'s [bool]),
}

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
    /// Great-circle distances.
    Points {
        /// An index of the instance's sites.
        sites: PointIndex,
        /// The enterprise dormitories of each employer (numbered as [`Employers`] numbers
        /// them), so that pricing from a group meets only its own employer's.
        dormitories: Vec<Vec<u32>>,
        /// The farthest any group may commute, in whole metres.
        farthest: u32,
    },
    /// A cost matrix; `local` maps a dataset site to the instance's site.
    Matrix {
        matrix: &'a CostMatrix,
        local: Vec<Option<u32>>,
        cutoff: Option<i64>,
        /// Each instance site on the unit sphere ([`unit_vector`]), for the distances of the
        /// pairs a round meets.
        site_unit: Vec<[f64; 3]>,
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
        let employers = Employers::of(scenario, &inst.sites);
        let (limit_m, source) = match matrix {
            None => {
                let limit_m: Vec<Option<u32>> = inst
                    .groups
                    .iter()
                    .map(|&g| Some(own(g).map_or(cutoff, |m| m.min(cutoff))))
                    .collect();
                let mut dormitories: Vec<Vec<u32>> = Vec::new();
                for s in 0..site_location.len() {
                    if let Some(e) = employers.of_site(s) {
                        let e = e as usize;
                        if dormitories.len() <= e {
                            dormitories.resize_with(e + 1, Vec::new);
                        }
                        dormitories[e].push(s as u32);
                    }
                }
                let source = Source::Points {
                    sites: PointIndex::new(&site_location),
                    dormitories,
                    farthest: limit_m.iter().flatten().copied().max().unwrap_or(0),
                };
                (limit_m, source)
            }
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
                        site_unit: site_location.iter().map(|&p| unit_vector(p)).collect(),
                    },
                )
            }
        };
        InRange {
            group_location,
            limit_m,
            site_location,
            employers,
            source,
        }
    }

    /// Calls `f` with every pair of group `g` that the rules allow and that costs less than
    /// `below` (in the instance's cost unit), as an arc of the instance.
    pub fn each_below(&self, inst: &Instance, g: usize, below: i64, f: impl FnMut(Arc)) {
        self.each_of(inst, g, below, Who::Employer, f);
    }

    /// [`InRange::each_below`] over the sites `who` lets group `g` use.
    pub fn each_of(&self, inst: &Instance, g: usize, below: i64, who: Who<'_>, f: impl FnMut(Arc)) {
        self.each_where(inst, g, below, who, |_, _| true, f);
    }

    /// [`InRange::each_of`], only the pairs (site, cost) that `also` accepts, asked before
    /// anything else is measured of them.
    fn each_where(
        &self,
        inst: &Instance,
        g: usize,
        below: i64,
        who: Who<'_>,
        also: impl Fn(usize, i64) -> bool,
        mut f: impl FnMut(Arc),
    ) {
        let allows = |s: usize| match who {
            Who::Employer => self.employers.allows(g, s),
            Who::Outsider(shares) => shares[s] && self.employers.outsider(g, s),
            Who::Either(shares) => {
                self.employers.allows(g, s) || (shares[s] && self.employers.outsider(g, s))
            }
        };
        let location = self.group_location[g];
        let limit = self.limit_m[g];
        let group = inst.groups[g];
        match &self.source {
            Source::Points { sites: index, .. } => {
                let limit = limit.unwrap_or(u32::MAX);
                // Costs are metres: nothing at `below` metres or more is wanted.
                let max = u32::try_from(below.saturating_sub(1).max(0)).unwrap_or(u32::MAX);
                for (s, metres) in index.within(location, limit.min(max)) {
                    if allows(s) && also(s, i64::from(metres)) {
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
                site_unit,
            } => {
                let here = unit_vector(location);
                for (site, cost) in matrix.of_group(group) {
                    let Some(s) = local.get(site).copied().flatten() else {
                        continue;
                    };
                    if cost >= below || cutoff.is_some_and(|c| cost > c) {
                        continue;
                    }
                    if !allows(s as usize) || !also(s as usize, cost) {
                        continue;
                    }
                    let metres = metres_between(&here, &site_unit[s as usize]);
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

    /// The sites' prices ready for [`InRange::each_under`]: with great-circle distances, an
    /// index of the sites by place and price together.
    pub fn prices<'p>(&self, site_price: &'p [i64]) -> Prices<'p> {
        // Enterprise dormitories are left out, so that a search from a group does not meet
        // every other employer's dormitory with beds free nearby; its own employer's are
        // listed apart (`Source::Points::dormitories`).
        let index = matches!(self.source, Source::Points { .. }).then(|| {
            PricedIndex::new(&self.site_location, |s| {
                self.employers.of_site(s).is_none().then_some(site_price[s])
            })
        });
        Prices { site_price, index }
    }

    /// Calls `f` with every pair of group `g` that the rules allow (the employer rule) whose
    /// cost plus its site's price is below `below`: the pairs of [`InRange::each_below`] that
    /// could enter at a group price of `below`, found without visiting the others when the
    /// distances are great-circle ones.
    pub fn each_under(
        &self,
        inst: &Instance,
        g: usize,
        prices: &Prices<'_>,
        below: i64,
        mut f: impl FnMut(Arc),
    ) {
        let p = prices.site_price;
        let (Some(index), Source::Points { dormitories, .. }) = (&prices.index, &self.source)
        else {
            // Prices are never negative, so nothing at `below` or more qualifies; the price is
            // asked before the great-circle distance is measured.
            let under =
                |s: usize, cost: i64| i128::from(cost) + i128::from(p[s]) < i128::from(below);
            return self.each_where(inst, g, below, Who::Employer, under, f);
        };
        let limit = self.limit_m[g].unwrap_or(u32::MAX);
        let here = self.group_location[g];
        let arc = |s: usize, metres: u32| Arc {
            group: g as u32,
            site: s as u32,
            cost: i64::from(metres),
            metres,
        };
        for (s, metres) in index.cheaper_than(here, limit, below) {
            f(arc(s, metres));
        }
        let own = self
            .employers
            .of_group(g)
            .and_then(|e| dormitories.get(e as usize));
        for &s in own.into_iter().flatten() {
            let s = s as usize;
            let metres = distance_m(here, self.site_location[s]);
            if metres <= limit && i128::from(metres) + i128::from(p[s]) < i128::from(below) {
                f(arc(s, metres));
            }
        }
    }

    /// The groups to which `price` gives a price, indexed by place and by minus that price for
    /// [`InRange::each_group_under`]; `None` when the pairs come from a cost matrix, whose
    /// rows are by group.
    pub fn group_prices(&self, price: impl Fn(usize) -> Option<i64>) -> Option<GroupPrices> {
        let Source::Points { .. } = &self.source else {
            return None;
        };
        Some(GroupPrices(PricedIndex::new(&self.group_location, |g| {
            price(g).map(i64::saturating_neg)
        })))
    }

    /// Calls `f` with every pair of instance site `s` and a group that the rules allow (the
    /// employer rule) whose cost plus `site_price` is below the group's price in `groups`
    /// ([`InRange::group_prices`]), as an arc: the pairs with a negative reduced cost among
    /// those [`InRange::each_below`] gives, seen from the site.
    pub fn each_group_under(
        &self,
        s: usize,
        groups: &GroupPrices,
        site_price: i64,
        mut f: impl FnMut(Arc),
    ) {
        let Source::Points { farthest, .. } = &self.source else {
            return;
        };
        // cost + site_price < price  ⇔  cost + (−price) < −site_price
        let below = site_price.saturating_neg();
        let near = groups
            .0
            .cheaper_than(self.site_location[s], *farthest, below);
        for (g, metres) in near {
            if self.limit_m[g].is_some_and(|m| metres <= m) && self.employers.allows(g, s) {
                f(Arc {
                    group: g as u32,
                    site: s as u32,
                    cost: i64::from(metres),
                    metres,
                });
            }
        }
    }

    /// How many sites group `g` may use.
    pub fn count(&self, inst: &Instance, g: usize) -> usize {
        self.count_of(inst, g, Who::Employer)
    }

    /// How many sites `who` lets group `g` use.
    pub fn count_of(&self, inst: &Instance, g: usize, who: Who<'_>) -> usize {
        let mut n = 0;
        self.each_of(inst, g, i64::MAX, who, |_| n += 1);
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
/// arcs ordered by cost, then site. Gives the new index of every arc the instance had.
pub(super) fn add_arcs(inst: &mut Instance, added: Vec<Vec<Arc>>) -> Vec<usize> {
    if added.iter().all(Vec::is_empty) {
        return (0..inst.arcs.len()).collect();
    }
    let total = inst.arcs.len() + added.iter().map(Vec::len).sum::<usize>();
    let mut arcs = Vec::with_capacity(total);
    let mut start = Vec::with_capacity(inst.start.len());
    let mut moved = vec![0; inst.arcs.len()];
    for (g, new) in added.into_iter().enumerate() {
        start.push(arcs.len());
        let from = arcs.len();
        let old = inst.start[g]..inst.start[g + 1];
        if new.is_empty() {
            // Most groups take nothing in a round: their arcs move as they are.
            for (i, to) in old.clone().zip(from..) {
                moved[i] = to;
            }
            arcs.extend_from_slice(&inst.arcs[old]);
            continue;
        }
        // Old arcs carry their index, new ones none; a group's sites are distinct, so the
        // order by (cost, site) is total.
        let mut merged: Vec<(Arc, Option<usize>)> = old
            .map(|i| (inst.arcs[i], Some(i)))
            .chain(new.into_iter().map(|a| (a, None)))
            .collect();
        merged.sort_unstable_by_key(|(a, _)| (a.cost, a.site));
        for (i, (a, old)) in merged.into_iter().enumerate() {
            if let Some(old) = old {
                moved[old] = from + i;
            }
            arcs.push(a);
        }
    }
    start.push(arcs.len());
    inst.arcs = arcs;
    inst.start = start;
    moved
}

/// Solves the instance exactly over every pair in range (see the module's documentation),
/// adding to its arcs the pairs that entered, with the duals that prove the bound and every
/// unhoused group's reason judged over all the sites it may use.
pub fn solve_in_range(
    inst: &mut Instance,
    pairs: &InRange<'_>,
    node_limit: u64,
) -> Result<Allocation> {
    // The flow bound over every pair: solve, price, repeat, each solve starting from the last
    // optimum and its basis with the entering pairs added at zero, outside the tree.
    // After the first round only the pairs whose prices moved against them are priced again.
    let (mut sol, mut engine) = inst.solve_flow_resumable(&inst.people, &inst.capacity, None)?;
    let mut last: Option<(TransportSolution, Vec<bool>)> = None;
    let root = loop {
        let since = last
            .as_ref()
            .and_then(|(before, short)| entering_since(inst, pairs, before, short, &sol));
        let entering = match since {
            Some(e) => e,
            None => entering(
                inst,
                pairs,
                &inst.people,
                &sol.site_price,
                &sol.group_price,
                0,
            ),
        };
        if entering.none() {
            break sol;
        }
        let Entering { arcs, cut_short } = entering;
        let moved = add_arcs(inst, arcs);
        let next = inst.resolve_flow(&mut engine, &inst.people, &inst.capacity, &sol, &moved)?;
        let before = std::mem::replace(&mut sol, next);
        last = Some((before, cut_short));
    };
    drop(engine);
    let duals = Duals {
        site_price: root.site_price.clone(),
        group_price: root.group_price.clone(),
        bound: root.objective,
    };
    let mut alloc = keep_together::solve_from_root(inst, &inst.flow_arcs(), root, node_limit)?;
    loop {
        // Only a proven answer is worth proving over every pair this way: a search stopped
        // at its limit has a gap of its own, and is bounded below instead.
        let gap = alloc.objective - duals.bound;
        if gap <= 0 || !alloc.is_proven() {
            break;
        }
        let more = entering(
            inst,
            pairs,
            &inst.people,
            &duals.site_price,
            &duals.group_price,
            gap,
        );
        if more.none() {
            break;
        }
        add_arcs(inst, more.arcs);
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
        // A search stopped at its limit bounds only the answers on its arcs. An answer that
        // puts n people on a pair outside them costs at least the flow bound plus n times
        // the pair's reduced cost, so the lower bound over every pair is the smaller of the
        // two.
        let reach = alloc.bound - duals.bound;
        let outside = cheapest_outside(inst, pairs, &duals, reach);
        alloc.bound = alloc.bound.min(duals.bound + outside).max(duals.bound);
        // Its groups that may split are optimal on its arcs only: they are solved again over
        // every pair in range, the groups that must stay together kept where the search put
        // them.
        alloc = settle_splittable(inst, pairs, alloc)?;
        if whole_group_could_move(inst, pairs, &alloc) {
            // Beds that moved left room for a whole group out at less than its unhoused cost:
            // the search runs once more on every pair, and its answer is kept with the better
            // of the two bounds.
            pairs.complete(inst);
            let again = keep_together::solve_with_limit(inst, node_limit)?;
            let bound = again.bound.max(alloc.bound).min(again.objective);
            alloc = again;
            alloc.bound = bound;
        }
    }
    alloc.reasons = (0..inst.groups.len())
        .into_par_iter()
        .map(|g| {
            (alloc.unhoused[g] > 0).then(|| reason(inst, pairs, g, &alloc.occupants, Who::Employer))
        })
        .collect();
    alloc.duals = duals;
    Ok(alloc)
}

/// The pairs that enter in one round of pricing, per group.
struct Entering {
    /// Per group, the pairs that enter.
    arcs: Vec<Vec<Arc>>,
    /// Per group, true when more pairs qualified than [`ENTER_PER_GROUP`] and only those of
    /// least reduced cost entered: the next round prices the group in full again.
    cut_short: Vec<bool>,
}

impl Entering {
    fn none(&self) -> bool {
        self.arcs.iter().all(Vec::is_empty)
    }
}

/// Most pairs one group takes in a round of pricing that proves the flow bound: those of least
/// reduced cost (cost and site price; ties to the lower site number).
///
/// A first solve on few arcs leaves many groups unhoused at their unhoused cost, and at that
/// price nearly every pair in range has a negative reduced cost: on 200,000 groups and 20,000
/// sites from the 5 nearest, 4.5 million pairs entered the first round, and each later round
/// paid for all of them. Taking the best few per group and pricing again (partial pricing) is
/// as exact, since rounds go on until no pair enters; there the solve ends on 1.9 million arcs
/// instead of 5.6 million, and the whole `allocate` took 17.1–17.5 s and 0.6 GB instead of
/// 25.5–26.5 s and 1.0 GB (from the 30 nearest, 19.2–20.9 s either way).
const ENTER_PER_GROUP: usize = 8;

/// Per group, the pairs not among its arcs that could lower the objective: reduced cost below
/// zero (`gap` 0; at most [`ENTER_PER_GROUP`] of them), or, with a gap between an answer and
/// the flow bound, reduced cost times the people the pair would take below the gap (all).
fn entering(
    inst: &Instance,
    pairs: &InRange<'_>,
    people: &[i64],
    site_price: &[i64],
    group_price: &[i64],
    gap: i128,
) -> Entering {
    let prices = pairs.prices(site_price);
    let (arcs, cut_short) = (0..inst.groups.len())
        .into_par_iter()
        .map(|g| entering_of(inst, pairs, g, people, &prices, group_price, gap))
        .unzip();
    Entering { arcs, cut_short }
}

/// [`entering`] for group `g`.
fn entering_of(
    inst: &Instance,
    pairs: &InRange<'_>,
    g: usize,
    people: &[i64],
    prices: &Prices<'_>,
    group_price: &[i64],
    gap: i128,
) -> (Vec<Arc>, bool) {
    let mut new = Vec::new();
    if people[g] <= 0 {
        return (new, false);
    }
    let need = if inst.keep_together[g] {
        inst.people[g]
    } else {
        1
    };
    let v = group_price[g];
    // A pair qualifies only when `r = cost + site_price − v` is below the gap (or zero), so
    // its cost plus its site's price is below `v + gap`.
    let below =
        i64::try_from((i128::from(v) + gap.max(0)).min(i128::from(i64::MAX))).unwrap_or(i64::MAX);
    let mut have: Option<Vec<u32>> = None;
    pairs.each_under(inst, g, prices, below, |a| {
        let s = a.site as usize;
        let r = i128::from(a.cost) + i128::from(prices.site_price[s]) - i128::from(v);
        // In the flow problem any pair may take people; in the whole-group answer a group that
        // must stay together needs a site with beds for all of it.
        let qualifies = if gap <= 0 {
            r < 0
        } else {
            (!inst.keep_together[g] || inst.capacity[s] >= need) && r * i128::from(need) < gap
        };
        if qualifies {
            let have = have.get_or_insert_with(|| sites_of(inst, g));
            if have.binary_search(&a.site).is_err() {
                new.push(a);
            }
        }
    });
    // Only the pairs of least reduced cost enter (the group's price is the same for all).
    let cut_short = gap <= 0 && new.len() > ENTER_PER_GROUP;
    if cut_short {
        new.select_nth_unstable_by_key(ENTER_PER_GROUP, |a| {
            (
                a.cost.saturating_add(prices.site_price[a.site as usize]),
                a.site,
            )
        });
        new.truncate(ENTER_PER_GROUP);
    }
    (new, cut_short)
}

/// The pairs with a negative reduced cost at the prices `now`, when every pair outside the
/// instance's arcs had none at the prices `before`, except those of the groups `cut_short`
/// marks (the last round's pricing let every other such pair in). A pair's reduced cost
/// `cost + site_price − group_price` can only have fallen below zero if its group's price
/// rose or its site's fell, so only those pairs are priced: every pair of a group whose price
/// rose or that was cut short, and, seen from each site whose price fell, its pairs with the
/// other groups. `None` when the pairs come from a cost matrix (whose rows cannot be read by
/// site).
///
/// Both searches go through R-trees over place and price together ([`InRange::prices`],
/// [`InRange::group_prices`]), which skip whole regions where even the nearest place at the
/// lowest price is too dear. On 200,000 groups and 20,000 sites, a round after the first
/// prices 4,000–8,000 sites and 40,000–75,000 groups in 0.1–0.3 s; a plain range search to
/// each group's price took 0.5–1.0 s, most of it on other employers' dormitories with beds
/// free, which no search from a group now meets.
fn entering_since(
    inst: &Instance,
    pairs: &InRange<'_>,
    before: &TransportSolution,
    cut_short: &[bool],
    now: &TransportSolution,
) -> Option<Entering> {
    let people = &inst.people;
    let (p, v) = (&now.site_price, &now.group_price);
    let rose: Vec<bool> = (0..inst.groups.len())
        .map(|g| people[g] > 0 && (v[g] > before.group_price[g] || cut_short[g]))
        .collect();
    let fell: Vec<usize> = (0..inst.sites.len())
        .filter(|&s| p[s] < before.site_price[s])
        .collect();
    let groups = pairs.group_prices(|g| (people[g] > 0 && !rose[g]).then_some(v[g]))?;
    let mut found: Vec<Arc> = fell
        .par_iter()
        .flat_map_iter(|&s| {
            let mut near = Vec::new();
            pairs.each_group_under(s, &groups, p[s], |a| near.push(a));
            near
        })
        .collect();
    let prices = pairs.prices(p);
    let (mut arcs, cut_short): (Vec<Vec<Arc>>, Vec<bool>) = (0..inst.groups.len())
        .into_par_iter()
        .map(|g| {
            if rose[g] {
                entering_of(inst, pairs, g, people, &prices, v, 0)
            } else {
                (Vec::new(), false)
            }
        })
        .unzip();
    found.sort_unstable_by_key(|a| (a.group, a.site));
    for a in found {
        let g = a.group as usize;
        if inst.arcs_of(g).iter().all(|b| b.site != a.site) {
            arcs[g].push(a);
        }
    }
    Some(Entering { arcs, cut_short })
}

/// The least that putting people on a pair outside the instance's arcs adds to the flow
/// bound (reduced cost times the people the pair must take: one, or a whole group), looking
/// no farther than `reach` (anything at `reach` or more is returned as `reach`).
fn cheapest_outside(inst: &Instance, pairs: &InRange<'_>, duals: &Duals, reach: i128) -> i128 {
    let prices = pairs.prices(&duals.site_price);
    (0..inst.groups.len())
        .into_par_iter()
        .filter(|&g| inst.people[g] > 0)
        .map(|g| {
            let v = duals.group_price[g];
            let need = if inst.keep_together[g] {
                inst.people[g]
            } else {
                1
            };
            let below = i64::try_from((i128::from(v) + reach).min(i128::from(i64::MAX)))
                .unwrap_or(i64::MAX);
            let have = sites_of(inst, g);
            let mut least = reach;
            pairs.each_under(inst, g, &prices, below, |a| {
                let s = a.site as usize;
                if (inst.keep_together[g] && inst.capacity[s] < need)
                    || have.binary_search(&a.site).is_ok()
                {
                    return;
                }
                let r = i128::from(a.cost) + i128::from(duals.site_price[s]) - i128::from(v);
                least = least.min(r * i128::from(need));
            });
            least
        })
        .min()
        .unwrap_or(reach)
}

/// The allocation with the groups that must stay together where `alloc` put them and every
/// other group solved again over every pair in range (the flow problem of the rest, priced
/// until no pair enters). Its objective is at most `alloc`'s.
fn settle_splittable(
    inst: &mut Instance,
    pairs: &InRange<'_>,
    alloc: Allocation,
) -> Result<Allocation> {
    let n = inst.groups.len();
    let kept: Vec<bool> = (0..n)
        .map(|g| inst.keep_together[g] && inst.people[g] > 0)
        .collect();
    let mut capacity = inst.capacity.clone();
    let mut placed_at: Vec<Option<(u32, i64)>> = vec![None; n];
    let mut fixed_cost: i128 = 0;
    for p in &alloc.placements {
        let g = p.group as usize;
        if kept[g] {
            capacity[p.site as usize] -= p.people;
            fixed_cost += i128::from(p.cost) * i128::from(p.people);
            placed_at[g] = Some((p.site, p.people));
        }
    }
    for g in (0..n).filter(|&g| kept[g]) {
        fixed_cost += i128::from(alloc.unhoused[g]) * i128::from(inst.unhoused_cost[g]);
    }
    let people: Vec<i64> = (0..n)
        .map(|g| if kept[g] { 0 } else { inst.people[g] })
        .collect();
    // The search's placements of the groups that may split fit this problem and are often
    // close to its optimum: the first solve starts from them (from scratch when they do not
    // make a basis), each later one from the last optimum.
    let mut first = vec![0i64; inst.arcs.len()];
    for p in alloc.placements.iter().filter(|p| !kept[p.group as usize]) {
        let g = p.group as usize;
        if let Some(i) = inst.arcs_of(g).iter().position(|a| a.site == p.site) {
            first[inst.start[g] + i] += p.people;
        }
    }
    let mut rounds = 1;
    let (mut sol, mut engine) = inst.solve_flow_resumable(&people, &capacity, Some(&first))?;
    let sol = loop {
        let entering = entering(inst, pairs, &people, &sol.site_price, &sol.group_price, 0);
        if entering.none() {
            break sol;
        }
        rounds += 1;
        let moved = add_arcs(inst, entering.arcs);
        sol = inst.resolve_flow(&mut engine, &people, &capacity, &sol, &moved)?;
    };
    drop(engine);
    let mut placements = Vec::new();
    let mut occupants = vec![0i64; inst.sites.len()];
    for (a, arc) in inst.arcs.iter().enumerate() {
        let g = arc.group as usize;
        let people = match placed_at[g] {
            Some((site, people)) if kept[g] && site == arc.site => people,
            _ => sol.flow[a],
        };
        if people > 0 {
            occupants[arc.site as usize] += people;
            placements.push(super::Placement {
                group: arc.group,
                site: arc.site,
                people,
                cost: arc.cost,
                metres: arc.metres,
            });
        }
    }
    let unhoused = (0..n)
        .map(|g| {
            if kept[g] {
                alloc.unhoused[g]
            } else {
                sol.unhoused[g]
            }
        })
        .collect();
    let objective = fixed_cost + sol.objective;
    Ok(Allocation {
        placements,
        unhoused,
        reasons: alloc.reasons,
        occupants,
        shadow_price: sol.site_price,
        objective,
        bound: alloc.bound.min(objective),
        nodes: alloc.nodes + rounds,
        duals: alloc.duals,
        spare: None,
    })
}

/// Whether a group that must stay together is out while a site it may use has room for all
/// of it at less than its unhoused cost.
fn whole_group_could_move(inst: &Instance, pairs: &InRange<'_>, alloc: &Allocation) -> bool {
    (0..inst.groups.len())
        .filter(|&g| inst.keep_together[g] && inst.people[g] > 0)
        .filter(|&g| alloc.unhoused[g] == inst.people[g])
        .any(|g| {
            let mut room = false;
            pairs.each_below(inst, g, inst.unhoused_cost[g], |a| {
                let s = a.site as usize;
                room |= inst.capacity[s] - alloc.occupants[s] >= inst.people[g];
            });
            room
        })
}

/// Why group `g` has unhoused people, judged over every site `who` lets it use: none in range
/// or only other employers' (from the arc builder's reach, unless `who` opens dormitories that
/// share), every one full, none with room for the whole group, or room only at a cost above
/// the penalty.
pub(super) fn reason(
    inst: &Instance,
    pairs: &InRange<'_>,
    g: usize,
    occupants: &[i64],
    who: Who<'_>,
) -> Reason {
    match (inst.reach[g], who) {
        (Reach::NoSiteInRange, _) => return Reason::NoSiteInRange,
        (Reach::EmployerOnly, Who::Employer) => return Reason::EmployerOnly,
        _ => {}
    }
    let need = if inst.keep_together[g] {
        inst.people[g]
    } else {
        1
    };
    let (mut any, mut any_free, mut room) = (false, false, false);
    pairs.each_of(inst, g, i64::MAX, who, |a| {
        let free = inst.capacity[a.site as usize] - occupants[a.site as usize];
        any = true;
        any_free |= free > 0;
        room |= free >= need;
    });
    if !any {
        Reason::EmployerOnly
    } else if !any_free {
        Reason::RangeFull
    } else if room {
        Reason::CostlierThanPenalty
    } else {
        Reason::NoRoomForWholeGroup
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::carry;

    fn arc(group: u32, site: u32, cost: i64) -> Arc {
        Arc {
            group,
            site,
            cost,
            metres: cost as u32,
        }
    }

    /// Three groups and four sites; group 2 starts without arcs.
    fn small() -> Instance {
        Instance {
            groups: vec![0, 1, 2],
            people: vec![5, 8, 3],
            unhoused_cost: vec![100, 100, 100],
            keep_together: vec![false; 3],
            rank: vec![0; 3],
            sites: vec![0, 1, 2, 3],
            capacity: vec![4, 6, 9, 2],
            arcs: vec![arc(0, 2, 10), arc(0, 0, 30), arc(1, 1, 5)],
            start: vec![0, 2, 3, 3],
            reach: vec![Reach::Reachable; 3],
            priority_step: 31,
        }
    }

    #[test]
    fn flows_follow_their_arcs_when_arcs_are_added() {
        let mut inst = small();
        let before = inst.arcs.clone();
        let flow = [4, 1, 7];
        let added = vec![
            vec![arc(0, 3, 20), arc(0, 1, 10)],
            vec![],
            vec![arc(2, 0, 1)],
        ];
        let moved = add_arcs(&mut inst, added);
        assert_eq!(inst.start, [0, 4, 5, 6]);
        let order: Vec<(u32, u32)> = inst.arcs.iter().map(|a| (a.group, a.site)).collect();
        // By cost, then site: site 1 and site 2 both cost 10 for group 0.
        assert_eq!(order, [(0, 1), (0, 2), (0, 3), (0, 0), (1, 1), (2, 0)]);
        assert_eq!(moved, [1, 3, 4]);
        for (i, a) in before.iter().enumerate() {
            assert_eq!(inst.arcs[moved[i]], *a);
        }
        assert_eq!(carry(&flow, &moved, inst.arcs.len()), [0, 4, 0, 1, 7, 0]);
    }

    #[test]
    fn the_solve_after_arcs_entered_starts_from_the_last_optimum() {
        let mut inst = small();
        let first = inst.solve_flow().unwrap();
        let added = vec![
            vec![arc(0, 3, 1), arc(0, 1, 2)],
            vec![arc(1, 2, 1)],
            vec![arc(2, 0, 1)],
        ];
        let moved = add_arcs(&mut inst, added);
        let start = carry(&first.flow, &moved, inst.arcs.len());
        let warm = inst
            .solve_flow_from(&inst.people, &inst.capacity, Some(&start))
            .unwrap();
        let cold = inst.solve_flow().unwrap();
        assert!(warm.parts > 0);
        assert_eq!(warm.warm_parts, warm.parts);
        assert_eq!(warm.objective, cold.objective);
        assert!(warm.objective < first.objective);
    }
}
