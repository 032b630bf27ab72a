//! The site-selection problem in numbers: the planning instance, the candidates it may open,
//! the budget and the towns' minimum beds; and the allocation instance of one choice.

use crate::alloc::{Allocation, Instance, solve_with_limit};
use crate::error::{Error, Result};
use crate::flow::{Network, Transport, TransportArc};
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
        let arcs = self.bound_arcs();
        let sol = Transport {
            people: &inst.people,
            unhoused_cost: &inst.unhoused_cost,
            capacity: &capacity,
            arcs: &arcs,
        }
        .solve()
        .map_err(Error::from)?;
        let cut = self.cut_from_group_prices(&arcs, &sol.group_price);
        Ok((sol.objective, cut))
    }

    /// The cut of the **strong** relaxation at `share`: each choice's beds scaled by
    /// `share[i]`, and each arc into it carrying at most `share[i]` of what it could carry
    /// open (`min(people, beds)`, whole people), which is the linear relaxation of
    /// [`mip`](super::mip)'s program with the build decisions fixed at `share`. One min-cost flow
    /// with arc capacities ([`Network`]) gives its value and the groups' prices; the cut of those
    /// prices (every site filled best first at them) holds for every choice and touches the
    /// strong relaxation at `share` (up to whole beds).
    ///
    /// [`Selection::relaxed_cut_at`] scales the beds alone, so at a fractional point its
    /// flow value is the weak relaxation's, and cutting planes from it converge to a bound
    /// below the strong one; at a whole choice the two agree.
    pub fn strong_cut_at(&self, share: &[f64]) -> Result<(i128, FlowCut)> {
        self.count();
        let inst = self.inst;
        let (groups, sites) = (inst.people.len(), inst.sites.len());
        let mut scale = vec![1.0f64; sites];
        for (c, &f) in self.choices.iter().zip(share) {
            scale[c.site] = f.clamp(0.0, 1.0);
        }
        let arcs = self.bound_arcs();
        let sink = (groups + sites) as u32;
        let mut supply = inst.people.clone();
        supply.resize(groups + sites, 0);
        supply.push(-inst.people.iter().sum::<i64>());
        let mut network = Network::new(supply);
        for (g, (&n, &cost)) in inst.people.iter().zip(&inst.unhoused_cost).enumerate() {
            network.add_arc(g as u32, sink, n, cost);
        }
        for a in &arcs {
            let (g, s) = (a.group as usize, a.site as usize);
            let most = inst.people[g].min(inst.capacity[s]) as f64 * scale[s];
            network.add_arc(a.group, (groups + s) as u32, most.round() as i64, a.cost);
        }
        for (s, beds) in self.capacity_at(share).into_iter().enumerate() {
            network.add_arc((groups + s) as u32, sink, beds, 0);
        }
        let sol = network.solve().map_err(Error::from)?;
        if sol.status != crate::flow::FlowStatus::Optimal {
            return Err(Error::Internal(
                "the strong relaxation of a plan has no flow, though every group may stay unhoused"
                    .into(),
            ));
        }
        let at_sink = sol.potential[sink as usize];
        let u: Vec<i64> = (0..groups)
            .map(|g| (sol.potential[g] - at_sink).min(inst.unhoused_cost[g]))
            .collect();
        Ok((sol.cost, self.cut_from_group_prices(&arcs, &u)))
    }

    /// The arcs of the flow bounds: the instance's, less those of keep-together groups to
    /// sites too small for them (a keep-together group never lives there, so the bound is
    /// still below the exact objective, and closer).
    fn bound_arcs(&self) -> Vec<TransportArc> {
        let inst = self.inst;
        inst.flow_arcs()
            .into_iter()
            .filter(|a| {
                let g = a.group as usize;
                !inst.keep_together[g] || inst.people[g] <= inst.capacity[a.site as usize]
            })
            .collect()
    }

    /// The cut of group prices `u` (each at most its unhoused cost), with every site's beds
    /// filled best first at those prices: a Lagrangian bound with the groups' rows priced
    /// out, valid for every choice whatever `u` is.
    fn cut_from_group_prices(&self, arcs: &[TransportArc], u: &[i64]) -> FlowCut {
        let inst = self.inst;
        let mut gains: Vec<Vec<(i64, i64)>> = vec![Vec::new(); inst.sites.len()];
        for a in arcs {
            let g = a.group as usize;
            let gain = u[g] - a.cost;
            if gain > 0 {
                gains[a.site as usize].push((gain, inst.people[g]));
            }
        }
        let mut fill: Vec<i128> = gains
            .iter_mut()
            .zip(&inst.capacity)
            .map(|(gains, &beds)| best_fill(beds, gains))
            .collect();
        let groups: i128 = inst
            .people
            .iter()
            .zip(u)
            .map(|(&n, &u)| i128::from(n) * i128::from(u))
            .sum();
        let coefficients: Vec<i128> = self
            .choices
            .iter()
            .map(|c| -std::mem::take(&mut fill[c.site]))
            .collect();
        FlowCut {
            constant: groups - fill.iter().sum::<i128>(),
            coefficients,
        }
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
/// It is a Lagrangian bound: price each group's row (its people housed or unhoused) at `u[g]`,
/// at most its unhoused cost, and what is left splits by site. A site's beds can then gain at
/// most the fill of its beds best first with the groups' gains `u[g] − cost` (each arc at
/// most the group's people), so for *any* such prices and any choice the objective is at
/// least `Σ people·u − Σ fill` over the sites open. Only which candidates are open changes
/// with the choice, so the bound is linear in it. With the optimal prices of a flow solve
/// (the transportation problem's duals, [`crate::flow`], or the strong relaxation's,
/// [`Selection::strong_cut_at`]) it meets the flow value where it was solved.
///
/// A site's fill is never more than `beds·p` for the site's dual price `p`, so the cut is
/// never below the plain duality bound `Σ people·u − Σ capacity·p`, and tighter away from
/// where it was taken: it counts a candidate's beds only as far as people would move there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowCut {
    /// `Σ people·u − Σ fill` over the groups and the standing sites.
    pub constant: i128,
    /// Per choice: minus the most its beds can gain (never positive: opening never makes
    /// things worse).
    pub coefficients: Vec<i128>,
}

impl FlowCut {
    /// The bound at a point of the relaxation (each choice open by `share[i]`).
    pub fn value_at(&self, share: &[f64]) -> f64 {
        self.constant as f64
            + self
                .coefficients
                .iter()
                .zip(share)
                .map(|(&c, &f)| c as f64 * f)
                .sum::<f64>()
    }

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

    /// [`selection`] with site 2 a candidate too, and the four choices of the two.
    fn two_candidates(inst: &Instance) -> (Selection<'_>, Vec<Vec<bool>>) {
        let mut sel = selection(inst);
        sel.choices.push(Choice {
            candidate: 1,
            site: 2,
            net: 100,
            beds: 4,
            town: 0,
        });
        let all = (0..4).map(|m| vec![m & 1 != 0, m & 2 != 0]).collect();
        (sel, all)
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
        let (sel, all) = two_candidates(&inst);
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
    fn a_strong_cut_holds_at_every_choice_and_is_never_below_the_weak_one() {
        let inst = instance();
        let (sel, all) = two_candidates(&inst);
        let whole =
            |y: &[bool]| -> Vec<f64> { y.iter().map(|&o| f64::from(u8::from(o))).collect() };
        for y in &all {
            let (strong, _) = sel.strong_cut_at(&whole(y)).expect("a flow");
            assert_eq!(strong, sel.relaxed_cut(y).expect("a flow").0, "at {y:?}");
        }
        let steps = [0.0, 0.25, 0.5, 0.75, 1.0];
        for a in steps {
            for b in steps {
                let share = [a, b];
                let (strong, cut) = sel.strong_cut_at(&share).expect("a flow");
                let (weak, _) = sel.relaxed_cut_at(&share).expect("a flow");
                assert!(strong >= weak, "at {share:?}: {strong} < {weak}");
                for y in &all {
                    let exact = sel.evaluate(y).expect("an allocation").objective;
                    assert!(cut.value(y) <= exact, "cut at {share:?} above {y:?}");
                }
            }
        }
    }

    #[test]
    fn a_half_built_candidate_takes_half_of_each_group_in_the_strong_relaxation() {
        // One group of 100 and one candidate of 200 beds, 10 away; unhoused costs 1,000 each.
        // Half built, the weak relaxation houses all 100 in its 100 beds; the strong one lets
        // the arc carry half of the 100 it could carry built, and prices the rest unhoused.
        let inst = Instance {
            groups: vec![0],
            people: vec![100],
            unhoused_cost: vec![1_000],
            keep_together: vec![false],
            rank: vec![0],
            sites: vec![0],
            capacity: vec![200],
            arcs: vec![Arc {
                group: 0,
                site: 0,
                cost: 10,
                metres: 10,
            }],
            start: vec![0, 1],
            reach: vec![Reach::Reachable],
            priority_step: 1,
        };
        let mut sel = selection(&inst);
        sel.choices[0].site = 0;
        sel.choices[0].beds = 200;
        let (weak, _) = sel.relaxed_cut_at(&[0.5]).expect("a flow");
        let (strong, cut) = sel.strong_cut_at(&[0.5]).expect("a flow");
        assert_eq!(weak, 100 * 10);
        assert_eq!(strong, 50 * 10 + 50 * 1_000);
        // The cut touches the strong relaxation there, and the exact objective when built or not.
        assert_eq!(cut.value_at(&[0.5]), strong as f64);
        assert_eq!(cut.value(&[true]), 100 * 10);
        assert_eq!(cut.value(&[false]), 100 * 1_000);
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
