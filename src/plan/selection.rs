//! The site-selection problem in numbers: the planning instance, the candidates it may open,
//! the budget and the towns' minimum beds; and the allocation instance of one choice.

use crate::alloc::{Allocation, Instance, solve_with_limit};
use crate::error::{Error, Result};
use crate::flow::{Transport, TransportArc};
use crate::subsidy::BuiltPolicy;
use std::sync::atomic::{AtomicU64, Ordering};

/// A candidate that a plan may open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// Index into the plan's candidate list ([`super::Plan::candidates`]).
    pub candidate: usize,
    /// Index into the planning instance's sites.
    pub site: usize,
    /// Net cost in fen before pools (may be negative): construction cost less the claim of
    /// [`crate::subsidy::subsidy_for`]. A pool only ever pays less than the claims, so the sum
    /// of these over a set is a lower bound of the set's net cost after pools
    /// ([`Selection::net_cost`]): what prunes the search and proves a minimum unaffordable.
    pub net: i64,
    /// Beds at the plan standard.
    pub beds: i64,
    /// Index of its town in the dataset.
    pub town: usize,
}

/// A town's minimum beds after planning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TownNeed {
    /// Index of the town in the dataset.
    pub town: usize,
    /// Beds the town must have.
    pub need: i64,
    /// Beds standing in its supply.
    pub standing: i64,
}

/// The selection problem: choose which [`Choice`]s to open.
///
/// Minimise the allocation objective of [`Selection::inst`] with every unopened candidate
/// closed, subject to the net cost of the opened ([`Selection::net_cost`], after pools) ≤
/// budget and, per town, standing beds + beds opened ≥ need.
///
/// The instance's arcs are those of the scenario with every plannable candidate built, so a
/// group's options do not depend on the choice: opening a project only adds beds, and the
/// objective never gets worse when more is opened. The exact search relies on that.
#[derive(Debug, Clone)]
pub struct Selection<'a> {
    /// The planning instance: standing supply and every plannable candidate.
    pub inst: &'a Instance,
    /// The candidates that may be opened, in file order.
    pub choices: Vec<Choice>,
    /// The budget for net cost in fen; `None`: unlimited.
    pub budget: Option<i64>,
    /// Minimum beds of towns (only towns with a minimum).
    pub needs: Vec<TownNeed>,
    /// What the policy pays once a set is built, over the plan's candidates
    /// ([`Choice::candidate`] indexes its candidates); `None` when no programme has a pool, so
    /// that every built candidate is paid its claim and [`Choice::net`] is exact.
    pub pools: Option<&'a BuiltPolicy<'a>>,
    /// Most flow problems the keep-together search solves per allocation
    /// ([`crate::alloc::keep_together::NODE_LIMIT`] unless the plan's options say otherwise).
    pub node_limit: u64,
    /// Counts the allocations and flow bounds solved, for whoever shows progress (`None`:
    /// not counted). Counting never changes what is chosen.
    pub solved: Option<&'a AtomicU64>,
}

/// A row `Σ coefficients[j]·open[j] ≤ limit` (fen) on the choices.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetRow {
    /// Per choice.
    pub coefficients: Vec<f64>,
    /// The right-hand side.
    pub limit: f64,
}

impl BudgetRow {
    /// The row's left-hand side for a choice.
    pub fn value(&self, open: &[bool]) -> f64 {
        self.coefficients
            .iter()
            .zip(open)
            .filter(|(_, o)| **o)
            .map(|(c, _)| c)
            .sum()
    }
}

impl Selection<'_> {
    /// Net cost of a choice (`open[i]` for `choices[i]`), exactly: construction cost less what
    /// the opened candidates are paid once built, each pool shared with the standing projects
    /// ([`BuiltPolicy::subsidy`]). Never below the sum of their [`Choice::net`].
    pub fn net_cost(&self, open: &[bool]) -> i128 {
        let before: i128 = self.opened(open).map(|c| i128::from(c.net)).sum();
        before + self.withheld(open)
    }

    /// What the pools withhold from the opened candidates: their claims less what they are
    /// paid once built (zero without a pool; never negative).
    pub fn withheld(&self, open: &[bool]) -> i128 {
        let Some(pools) = self.pools else {
            return 0;
        };
        let built = self.built(open);
        let paid = pools.subsidy(&built).paid;
        (0..built.len())
            .filter(|&c| built[c])
            .map(|c| i128::from(pools.claims()[c].0) - i128::from(paid[c].0))
            .sum()
    }

    /// The plan's candidates a choice builds (`built[c]` for [`Choice::candidate`] `c`); empty
    /// without pools.
    fn built(&self, open: &[bool]) -> Vec<bool> {
        let mut built = vec![false; self.pools.map_or(0, BuiltPolicy::candidates)];
        for (c, _) in self.choices.iter().zip(open).filter(|(_, o)| **o) {
            if let Some(b) = built.get_mut(c.candidate) {
                *b = true;
            }
        }
        built
    }

    /// A budget row that every choice within the budget after pools meets, and that `open`
    /// breaks when its net cost after pools, rounding aside, is over the budget: the net cost
    /// with each pro-rata pool's payments bounded by their tangent at `open`
    /// ([`BuiltPolicy::paid_bound`]). `None` without a budget or a pool, or when a pool is
    /// shared in order of beds per yuan.
    pub fn pool_budget_row(&self, open: &[bool]) -> Option<BudgetRow> {
        let budget = self.budget?;
        let pools = self.pools?;
        let bound = pools.paid_bound(&self.built(open))?;
        // Net after pools = Σ (net + claim) − paid ≥ Σ (net + claim − per_candidate) − constant.
        let coefficients = self
            .choices
            .iter()
            .map(|c| {
                let claim = pools.claims().get(c.candidate).map_or(0, |f| f.0);
                let per = bound.per_candidate.get(c.candidate).copied().unwrap_or(0.0);
                c.net as f64 + claim as f64 - per
            })
            .collect();
        Some(BudgetRow {
            coefficients,
            limit: budget as f64 + bound.constant,
        })
    }

    /// Beds added by a choice.
    pub fn beds_added(&self, open: &[bool]) -> i64 {
        self.opened(open).map(|c| c.beds).sum()
    }

    fn opened<'s>(&'s self, open: &'s [bool]) -> impl Iterator<Item = &'s Choice> + 's {
        self.choices
            .iter()
            .zip(open)
            .filter(|(_, o)| **o)
            .map(|(c, _)| c)
    }

    /// True when the choice's net cost is within the budget.
    pub fn within_budget(&self, open: &[bool]) -> bool {
        self.budget
            .is_none_or(|b| self.net_cost(open) <= i128::from(b))
    }

    /// Towns whose minimum the choice leaves unmet.
    pub fn unmet(&self, open: &[bool]) -> Vec<&TownNeed> {
        self.needs
            .iter()
            .filter(|n| {
                let added: i64 = self
                    .opened(open)
                    .filter(|c| c.town == n.town)
                    .map(|c| c.beds)
                    .sum();
                n.standing + added < n.need
            })
            .collect()
    }

    /// True when the choice is within the budget and meets every town's minimum.
    pub fn is_feasible(&self, open: &[bool]) -> bool {
        self.within_budget(open) && self.unmet(open).is_empty()
    }

    /// Which instance sites are open: standing supply always, candidates as chosen.
    pub fn open_sites(&self, open: &[bool]) -> Vec<bool> {
        let mut sites = vec![true; self.inst.sites.len()];
        for (c, &o) in self.choices.iter().zip(open) {
            sites[c.site] = o;
        }
        sites
    }

    /// The allocation instance of a choice: the planning instance without the unopened
    /// candidates (their sites and arcs removed).
    pub fn instance_for(&self, open: &[bool]) -> Instance {
        restrict(self.inst, &self.open_sites(open))
    }

    /// The exact allocation of a choice.
    pub fn evaluate(&self, open: &[bool]) -> Result<Allocation> {
        self.count();
        solve_with_limit(&self.instance_for(open), self.node_limit)
    }

    /// Counts one more flow problem solved.
    fn count(&self) {
        if let Some(solved) = self.solved {
            solved.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// A lower bound on the allocation objective of a choice, from one flow solve: the
    /// allocation with keep-together groups allowed to split (exact when none is split).
    pub fn relaxed(&self, open: &[bool]) -> Result<i128> {
        self.count();
        let sol = self.instance_for(open).solve_flow()?;
        Ok(sol.objective)
    }

    /// A flow bound of a choice with the cut it gives on every other choice ([`FlowCut`]):
    /// one flow solve on the planning instance, the unopened candidates with no beds and
    /// without the arcs of keep-together groups to sites too small for them (so it is at
    /// least [`Selection::relaxed`], and at most the exact objective).
    pub fn relaxed_cut(&self, open: &[bool]) -> Result<(i128, FlowCut)> {
        let share: Vec<f64> = open.iter().map(|&o| if o { 1.0 } else { 0.0 }).collect();
        self.relaxed_cut_at(&share)
    }

    /// [`Selection::relaxed_cut`] with each choice's beds scaled by `share[i]` (in 0..=1,
    /// rounded to whole beds): the cut holds for every choice whatever the point it is
    /// taken at.
    pub fn relaxed_cut_at(&self, share: &[f64]) -> Result<(i128, FlowCut)> {
        self.count();
        let capacity = self.capacity_at(share);
        let inst = self.inst;
        // A keep-together group never lives at a site with fewer beds than it has people, so
        // those arcs can go: the flow value is still below the exact objective, and closer.
        let arcs: Vec<TransportArc> = inst
            .flow_arcs()
            .into_iter()
            .filter(|a| {
                let g = a.group as usize;
                !inst.keep_together[g] || inst.people[g] <= inst.capacity[a.site as usize]
            })
            .collect();
        let sol = Transport {
            people: &inst.people,
            unhoused_cost: &inst.unhoused_cost,
            capacity: &capacity,
            arcs: &arcs,
        }
        .solve()
        .map_err(Error::from)?;
        let cut = self.cut_from_prices(&arcs, &sol.group_price, &sol.site_price);
        Ok((sol.objective, cut))
    }

    /// The planning instance's beds with each choice's scaled by `share[i]` (whole beds).
    fn capacity_at(&self, share: &[f64]) -> Vec<i64> {
        let mut capacity = self.inst.capacity.clone();
        for (c, &f) in self.choices.iter().zip(share) {
            let beds = capacity[c.site] as f64 * f.clamp(0.0, 1.0);
            capacity[c.site] = beds.round() as i64;
        }
        capacity
    }

    /// The cut of feasible prices `u` (groups) and `p` (sites) of the flow problem.
    fn cut_from_prices(&self, arcs: &[TransportArc], u: &[i64], p: &[i64]) -> FlowCut {
        let inst = self.inst;
        let mut choice_of = vec![usize::MAX; inst.sites.len()];
        for (i, c) in self.choices.iter().enumerate() {
            choice_of[c.site] = i;
        }
        // What each arc into a candidate would gain per person at these group prices.
        let mut gains: Vec<Vec<(i64, i64)>> = vec![Vec::new(); self.choices.len()];
        for a in arcs {
            let i = choice_of[a.site as usize];
            let g = a.group as usize;
            let gain = u[g] - a.cost;
            if i != usize::MAX && gain > 0 {
                gains[i].push((gain, inst.people[g]));
            }
        }
        let groups: i128 = inst
            .people
            .iter()
            .zip(u)
            .map(|(&n, &u)| i128::from(n) * i128::from(u))
            .sum();
        let standing: i128 = (0..inst.sites.len())
            .filter(|&s| choice_of[s] == usize::MAX)
            .map(|s| i128::from(inst.capacity[s]) * i128::from(p[s]))
            .sum();
        let coefficients = self
            .choices
            .iter()
            .zip(&mut gains)
            .map(|(c, gains)| -best_fill(inst.capacity[c.site], gains))
            .collect();
        FlowCut {
            constant: groups - standing,
            coefficients,
        }
    }
}

/// The most `beds` people can gain, each arc offering `people` at `gain` each, taken best
/// first (a fractional knapsack; whole numbers throughout).
fn best_fill(beds: i64, gains: &mut [(i64, i64)]) -> i128 {
    gains.sort_unstable_by_key(|g| std::cmp::Reverse(g.0));
    let mut left = beds.max(0);
    let mut total = 0i128;
    for &(gain, people) in gains.iter() {
        if left == 0 {
            break;
        }
        let take = people.min(left);
        total += i128::from(take) * i128::from(gain);
        left -= take;
    }
    total
}

/// A lower bound on the flow objective of every choice, exact at the choice it was taken at:
/// `constant + Σ coefficient[i]·open[i]` (choices in [`Selection::choices`] order).
///
/// It comes from the duals of the transportation problem ([`crate::flow`]): any prices
/// `u` (per group) and `p ≥ 0` (per site) with `u[g] ≤ unhoused_cost[g]` and
/// `u[g] − p[s] ≤ cost` on every arc bound the objective of *any* capacities from below by
/// `Σ people·u − Σ capacity·p` (weak duality), and an optimal pair meets it (strong duality).
/// Only the capacities change with the choice, so the bound is linear in it.
///
/// A candidate's coefficient is not `−beds·p` but minus the most its beds can gain at the
/// group prices: its beds filled best first with the groups' gains `u[g] − cost` (the dual of
/// `x[g→c] ≤ people[g]·open[c]`, which changes nothing for a whole choice and counts a
/// candidate's beds only as far as people would move there). It is never more than `beds·p`,
/// so the cut is as tight where it is taken and tighter elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowCut {
    /// `Σ people·u − Σ capacity·p` over the groups and the standing sites.
    pub constant: i128,
    /// Per choice: minus the most its beds can gain (never positive: opening never makes
    /// things worse).
    pub coefficients: Vec<i128>,
}

impl FlowCut {
    /// The bound at a choice.
    pub fn value(&self, open: &[bool]) -> i128 {
        self.constant
            + self
                .coefficients
                .iter()
                .zip(open)
                .filter(|(_, o)| **o)
                .map(|(c, _)| *c)
                .sum::<i128>()
    }
}

/// `inst` with only the sites `keep` marks: their arcs kept in order, indices renumbered.
/// Unhoused costs (and the priority step) stay those of `inst`, so objectives compare.
pub fn restrict(inst: &Instance, keep: &[bool]) -> Instance {
    let mut new_index = vec![u32::MAX; inst.sites.len()];
    let mut sites = Vec::new();
    let mut capacity = Vec::new();
    for (s, &k) in keep.iter().enumerate() {
        if k {
            new_index[s] = sites.len() as u32;
            sites.push(inst.sites[s]);
            capacity.push(inst.capacity[s]);
        }
    }
    let mut arcs = Vec::with_capacity(inst.arcs.len());
    let mut start = Vec::with_capacity(inst.start.len());
    for g in 0..inst.groups.len() {
        start.push(arcs.len());
        for a in inst.arcs_of(g) {
            let s = new_index[a.site as usize];
            if s != u32::MAX {
                arcs.push(crate::alloc::Arc { site: s, ..*a });
            }
        }
    }
    start.push(arcs.len());
    Instance {
        groups: inst.groups.clone(),
        people: inst.people.clone(),
        unhoused_cost: inst.unhoused_cost.clone(),
        keep_together: inst.keep_together.clone(),
        rank: inst.rank.clone(),
        sites,
        capacity,
        arcs,
        start,
        reach: inst.reach.clone(),
        priority_step: inst.priority_step,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alloc::Arc;
    use crate::alloc::arcs::Reach;

    /// Two groups, three sites (site 1 a candidate): group 0 reaches sites 0 and 1, group 1
    /// reaches sites 1 and 2.
    fn instance() -> Instance {
        let arc = |group, site, cost| Arc {
            group,
            site,
            cost,
            metres: cost as u32,
        };
        Instance {
            groups: vec![0, 1],
            people: vec![5, 7],
            unhoused_cost: vec![100, 200],
            keep_together: vec![false, true],
            rank: vec![0, 1],
            sites: vec![0, 1, 2],
            capacity: vec![3, 10, 4],
            arcs: vec![arc(0, 1, 10), arc(0, 0, 20), arc(1, 1, 5), arc(1, 2, 30)],
            start: vec![0, 2, 4],
            reach: vec![Reach::Reachable; 2],
            priority_step: 31,
        }
    }

    fn selection(inst: &Instance) -> Selection<'_> {
        Selection {
            inst,
            choices: vec![Choice {
                candidate: 0,
                site: 1,
                net: 500,
                beds: 10,
                town: 0,
            }],
            budget: Some(400),
            needs: vec![TownNeed {
                town: 0,
                need: 12,
                standing: 3,
            }],
            pools: None,
            node_limit: crate::alloc::keep_together::NODE_LIMIT,
            solved: None,
        }
    }

    #[test]
    fn a_closed_candidate_loses_its_site_and_arcs() {
        let inst = instance();
        let r = restrict(&inst, &[true, false, true]);
        assert_eq!(r.sites, vec![0, 2]);
        assert_eq!(r.capacity, vec![3, 4]);
        let kept: Vec<(u32, u32, i64)> = r.arcs.iter().map(|a| (a.group, a.site, a.cost)).collect();
        assert_eq!(kept, vec![(0, 0, 20), (1, 1, 30)]);
        assert_eq!(r.start, vec![0, 1, 2]);
        assert_eq!(r.unhoused_cost, inst.unhoused_cost);
        assert_eq!(r.priority_step, inst.priority_step);
        assert_eq!(restrict(&inst, &[true; 3]), inst);
    }

    #[test]
    fn budget_and_minimum_are_checked_exactly() {
        let inst = instance();
        let sel = selection(&inst);
        assert_eq!(sel.net_cost(&[true]), 500);
        assert!(!sel.within_budget(&[true]));
        assert!(sel.within_budget(&[false]));
        assert_eq!(sel.unmet(&[false]).len(), 1);
        assert!(sel.unmet(&[true]).is_empty());
        assert!(!sel.is_feasible(&[true]) && !sel.is_feasible(&[false]));
        assert_eq!(sel.open_sites(&[false]), vec![true, false, true]);
    }

    #[test]
    fn a_flow_cut_is_below_the_flow_value_everywhere_and_touches_it_where_taken() {
        // Two candidates (sites 1 and 2) of a three-site instance, so that cuts taken at each
        // of the four choices can be checked at every other.
        let inst = instance();
        let mut sel = selection(&inst);
        sel.choices.push(Choice {
            candidate: 1,
            site: 2,
            net: 100,
            beds: 4,
            town: 0,
        });
        let all: Vec<Vec<bool>> = (0..4).map(|m| vec![m & 1 != 0, m & 2 != 0]).collect();
        let flow: Vec<i128> = all
            .iter()
            .map(|y| sel.relaxed_cut(y).expect("a flow").0)
            .collect();
        for at in &all {
            let (value, cut) = sel.relaxed_cut(at).expect("a flow");
            assert!(sel.relaxed(at).expect("a flow") <= value);
            assert!(value <= sel.evaluate(at).expect("an allocation").objective);
            assert_eq!(cut.value(at), value, "tight at {at:?}");
            assert!(cut.coefficients.iter().all(|&c| c <= 0));
            for (y, &f) in all.iter().zip(&flow) {
                assert!(cut.value(y) <= f, "cut at {at:?} above {y:?}");
            }
        }
        // The group of 7 that must stay together cannot use site 2 (4 beds): without that
        // arc, with only site 2 open to it besides the closed site 1, it is unhoused whole.
        let (value, _) = sel.relaxed_cut(&[false, true]).expect("a flow");
        assert!(value > sel.relaxed(&[false, true]).expect("a flow"));
    }

    #[test]
    fn the_best_fill_takes_the_largest_gains_first() {
        let mut gains = [(3, 10), (9, 2), (5, 4)];
        assert_eq!(best_fill(5, &mut gains), 9 * 2 + 5 * 3);
        assert_eq!(best_fill(100, &mut gains), 9 * 2 + 5 * 4 + 3 * 10);
        assert_eq!(best_fill(0, &mut gains), 0);
    }

    #[test]
    fn flow_bound_is_below_the_exact_objective() {
        let inst = instance();
        let sel = selection(&inst);
        for open in [[true], [false]] {
            let exact = sel.evaluate(&open).expect("an allocation");
            let relaxed = sel.relaxed(&open).expect("a flow");
            assert!(
                relaxed <= exact.objective,
                "{relaxed} > {}",
                exact.objective
            );
        }
        // With the candidate open, the keep-together group of 7 fits whole in its 10 beds and
        // group 0 takes the other 3 there (10 each) and 2 at site 0 (20 each).
        assert_eq!(
            sel.evaluate(&[true]).expect("an allocation").objective,
            7 * 5 + 3 * 10 + 2 * 20
        );
    }
}
