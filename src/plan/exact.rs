//! The exact search over sets of candidates, on the flow engine.
//!
//! Opening a candidate only adds beds (the arcs do not change, see [`Selection`]), so the
//! allocation objective of a set is never below that of any larger set. That gives a lower
//! bound for every branch: with some candidates decided and the rest open, no completion does
//! better than the allocation with all the undecided ones open. The search branches on one
//! candidate at a time (opened first, then closed), those that gain the most in the cut of
//! the plan it starts from first (file order without one), and cuts a branch when
//!
//! - even its cheapest completion is over the budget, or even opening all the rest leaves a
//!   town short of its minimum; or
//! - its bound is worse than the best set found; or, equal to it, when its cheapest completion
//!   costs more than the best set.
//!
//! The cheapest completion is counted on net costs before pools ([`Choice::net`](crate::plan::Choice::net)): a
//! pool only ever pays less than the claims, so that sum is a lower bound of every
//! completion's net cost after pools, and a branch it cuts holds no set within the budget and
//! none cheaper than the best. A set itself is within the budget when its net cost after pools
//! ([`Selection::net_cost`](crate::plan::Selection::net_cost)) is, so the search stays exact with pools.
//!
//! A flow bound also gives a cut ([`FlowCut`](crate::plan::selection::FlowCut)): a plane under the flow bound of every set,
//! exact at the set it was taken at. Before a branch is bounded by a flow solve, the cuts of
//! the bounds solved so far, and those Benders decomposition found before the search, are
//! tried at it; when the highest already cuts the branch, no flow is solved. A cut is taken
//! at the branch's completions within the budget (net costs before pools, a lower bound of
//! every completion's): the decided candidates as decided, and of the undecided ones those
//! that gain the most per yuan while the budget lasts, the last one in part — a fractional
//! knapsack, whose value is below the cut at every completion within the budget. (Taking every
//! undecided candidate open, which ignores the budget, gives a lower value still: a cut's
//! coefficients are never positive.) On 12 candidates of the plan series, with the order above,
//! this leaves 19 sets to bound by a flow solve instead of 518.
//!
//! Every node is one exact allocation ([`crate::alloc::solve()`]), so no floating-point
//! tolerance enters. Among sets with the same objective the search prefers the one with the
//! lower net cost, then the one whose opened candidates come first in the file, so that a
//! project that changes nothing is not built and the answer does not depend on the solver.

use super::selection::{FlowCut, Selection};
use crate::error::Result;
use std::collections::{BTreeMap, VecDeque};

/// Most candidates the exact search takes on.
pub const MAX_CHOICES: usize = 24;

/// Most allocations the exact search solves before it stops with what it has.
pub const MAX_EVALUATIONS: u64 = 2_000;

/// Most flow bounds the exact search computes before it stops with what it has.
pub const MAX_RELAXATIONS: u64 = 20_000;

/// Most cuts kept for bounding branches without a flow solve (each costs one sum over the
/// candidates per branch).
const MAX_PLANES: usize = 256;

/// A set of candidates with its exact allocation objective.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scored {
    /// Which choices are open.
    pub open: Vec<bool>,
    /// Exact allocation objective.
    pub objective: i128,
    /// A proven lower bound on the objective of this set (equal to `objective` unless the
    /// keep-together search stopped at its node limit).
    pub bound: i128,
    /// Net cost in fen, after pools ([`Selection::net_cost`]).
    pub net: i128,
}

impl Scored {
    /// The order of preference: objective, then net cost, then the opened candidates' file
    /// positions.
    fn key(&self) -> (i128, i128, Vec<usize>) {
        let opened = self
            .open
            .iter()
            .enumerate()
            .filter(|(_, o)| **o)
            .map(|(i, _)| i)
            .collect();
        (self.objective, self.net, opened)
    }

    /// True when `self` is preferred to `other`.
    pub fn beats(&self, other: &Scored) -> bool {
        self.key() < other.key()
    }
}

/// What the search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The best set (`None` when no set is feasible).
    pub best: Option<Scored>,
    /// A proven lower bound on the objective of every feasible set.
    pub bound: Option<i128>,
    /// Sets whose allocation was solved exactly.
    pub evaluations: u64,
    /// Sets bounded by one flow solve.
    pub relaxations: u64,
    /// False when the search stopped at [`MAX_EVALUATIONS`]: `best` is then the best found
    /// and `bound` says how far from proven it is.
    pub complete: bool,
}

struct Search<'s, 'a> {
    sel: &'s Selection<'a>,
    /// Exact objective and its proven bound, per set evaluated.
    exact: BTreeMap<Vec<bool>, (i128, i128)>,
    /// Flow bound (keep-together groups may split), per set.
    relaxed: BTreeMap<Vec<bool>, i128>,
    /// The cuts the last [`MAX_PLANES`] flow bounds gave: planes under the flow bound of
    /// every set.
    planes: VecDeque<FlowCut>,
    /// Cuts found before the search (Benders decomposition's), kept throughout.
    seeds: Vec<FlowCut>,
    /// Each choice's place in the order the search decides them: a node at depth `k` has
    /// decided the choices ranked below `k`.
    rank: Vec<usize>,
    best: Option<Scored>,
    /// Least bound over the branches closed so far.
    bound: Option<i128>,
}

impl Search<'_, '_> {
    fn evaluate(&mut self, open: &[bool]) -> Result<(i128, i128)> {
        if let Some(&v) = self.exact.get(open) {
            return Ok(v);
        }
        let alloc = self.sel.evaluate(open)?;
        let v = (alloc.objective, alloc.bound);
        self.exact.insert(open.to_vec(), v);
        Ok(v)
    }

    /// The best bound known for a set without the keep-together search: the exact one if it
    /// was solved, else the highest of the cuts found so far when that already cuts the
    /// branch (no completion, having fewer candidates open, lies below it), else one flow
    /// solve, which adds its cut.
    fn cheap_bound(&mut self, open: &[bool], k: usize, cheapest: i128) -> Result<i128> {
        if let Some(&(_, b)) = self.exact.get(open) {
            return Ok(b);
        }
        if let Some(&b) = self.relaxed.get(open) {
            return Ok(b);
        }
        let planes = self
            .seeds
            .iter()
            .chain(&self.planes)
            .map(|c| self.over_completions(c, open, k))
            .max();
        if let Some(b) = planes.filter(|&b| self.cuts(b, cheapest)) {
            return Ok(b);
        }
        let (b, plane) = self.sel.relaxed_cut(open)?;
        self.relaxed.insert(open.to_vec(), b);
        if self.planes.len() == MAX_PLANES {
            self.planes.pop_front();
        }
        self.planes.push_back(plane);
        Ok(b)
    }

    /// A lower bound of `cut` over the completions of the branch (the first `k` choices
    /// decided as in `open`) that are within the budget: the decided part at its value, and
    /// of the undecided, those with no net cost or a negative one all opened, the others
    /// taken by what they gain per yuan while the budget before pools lasts, the last one in
    /// part (a fractional knapsack, rounded in the bound's favour of being low). Never below
    /// the cut's value with every undecided choice open.
    fn over_completions(&self, cut: &FlowCut, open: &[bool], k: usize) -> i128 {
        let choices = &self.sel.choices;
        let mut value = cut.constant;
        let mut left = self.sel.budget.map(i128::from);
        let mut items: Vec<(i128, i128)> = Vec::new();
        for (i, (&c, choice)) in cut.coefficients.iter().zip(choices).enumerate() {
            let net = i128::from(choice.net);
            if self.rank[i] < k {
                if open[i] {
                    value += c;
                    left = left.map(|l| l - net);
                }
            } else if c < 0 {
                if net <= 0 || left.is_none() {
                    value += c;
                    left = left.map(|l| l - net);
                } else {
                    items.push((-c, net));
                }
            }
        }
        let Some(mut left) = left else {
            return value;
        };
        // Most gain per yuan first: a/b before c/d when a·d > c·b.
        items.sort_unstable_by(|&(a, b), &(c, d)| (c * b).cmp(&(a * d)));
        for (gain, net) in items {
            if left <= 0 {
                break;
            }
            if net <= left {
                value -= gain;
                left -= net;
            } else {
                // gain·left/net, rounded up.
                value -= (gain * left + net - 1) / net;
                break;
            }
        }
        value
    }

    fn close(&mut self, bound: i128) {
        self.bound = Some(self.bound.map_or(bound, |b| b.min(bound)));
    }

    /// True when no completion of a branch with this bound and cheapest cost can beat the
    /// best set.
    fn cuts(&self, bound: i128, cheapest: i128) -> bool {
        self.best.as_ref().is_some_and(|best| {
            bound > best.objective || (bound == best.objective && cheapest > best.net)
        })
    }

    fn offer(&mut self, s: Scored) {
        if self.best.as_ref().is_none_or(|b| s.beats(b)) {
            self.best = Some(s);
        }
    }

    fn at_limit(&self) -> bool {
        self.exact.len() as u64 >= MAX_EVALUATIONS || self.relaxed.len() as u64 >= MAX_RELAXATIONS
    }
}

/// The order in which the search decides the choices: by what each gains in the seed cut
/// highest at the incumbent, most first (the choices that move the bounds most are decided
/// while the tree is small), ties in file order; file order when there is no such cut. The
/// order changes only how fast the search ends, never what it finds.
fn decision_order(sel: &Selection, incumbent: Option<&Scored>, seeds: &[FlowCut]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..sel.choices.len()).collect();
    if let Some(cut) = incumbent.and_then(|inc| seeds.iter().max_by_key(|c| c.value(&inc.open))) {
        // Coefficients are minus the gains: the most negative first.
        order.sort_by_key(|&i| (cut.coefficients[i], i));
    }
    order
}

/// A node of the search: the first `k` choices decided as in `open[..k]`, the rest open,
/// with a bound that holds for it (its parent's).
struct Node {
    k: usize,
    open: Vec<bool>,
    parent: Option<i128>,
}

/// Searches every set of candidates for the best feasible one, starting from `incumbent` (a
/// feasible set already evaluated, such as the mixed-integer program's) and from `seeds`,
/// cuts found before the search (Benders decomposition's), which bound its branches beside
/// its own.
///
/// A branch is first bounded by one flow solve; the keep-together search runs only for a
/// set that is itself feasible (it may become the best) or when that bound does not cut.
pub fn search(sel: &Selection, incumbent: Option<Scored>, seeds: Vec<FlowCut>) -> Result<Found> {
    let n = sel.choices.len();
    let order = decision_order(sel, incumbent.as_ref(), &seeds);
    let mut rank = vec![0; n];
    for (place, &i) in order.iter().enumerate() {
        rank[i] = place;
    }
    let mut s = Search {
        sel,
        exact: BTreeMap::new(),
        relaxed: BTreeMap::new(),
        planes: VecDeque::new(),
        seeds,
        rank,
        best: None,
        bound: None,
    };
    if let Some(inc) = incumbent {
        s.exact.insert(inc.open.clone(), (inc.objective, inc.bound));
        s.offer(inc);
    }
    let budget = sel.budget.map(i128::from);
    let mut stack = vec![Node {
        k: 0,
        open: vec![true; n],
        parent: None,
    }];
    let mut complete = true;
    let mut unbounded = false;
    while let Some(Node { k, open, parent }) = stack.pop() {
        if s.at_limit() {
            complete = false;
            match parent {
                Some(b) => s.close(b),
                None => unbounded = true,
            }
            continue;
        }
        // The cheapest completion takes every undecided candidate with a negative net cost; net
        // costs before pools, a lower bound of the completions' net costs after pools.
        let cheapest: i128 = (0..n)
            .map(|i| {
                let net = i128::from(sel.choices[i].net);
                match (s.rank[i] < k, open[i]) {
                    (true, true) => net,
                    (true, false) => 0,
                    (false, _) => net.min(0),
                }
            })
            .sum();
        if budget.is_some_and(|b| cheapest > b) || !sel.unmet(&open).is_empty() {
            continue;
        }
        let mut bound = s.cheap_bound(&open, k, cheapest)?;
        if s.cuts(bound, cheapest) {
            s.close(bound);
            continue;
        }
        let net = sel.net_cost(&open);
        let within = budget.is_none_or(|b| net <= b);
        if within {
            let (objective, exact_bound) = s.evaluate(&open)?;
            bound = exact_bound;
            if s.cuts(bound, cheapest) {
                s.close(bound);
                continue;
            }
            s.offer(Scored {
                open: open.clone(),
                objective,
                bound,
                net,
            });
        }
        if k == n {
            // A leaf is one set. Over the budget (which only a pool can make a set whose
            // cheapest completion is within it), it holds no plan, so it bounds nothing.
            if within {
                s.close(bound);
            }
            continue;
        }
        let mut closed = open.clone();
        closed[order[k]] = false;
        for open in [closed, open] {
            stack.push(Node {
                k: k + 1,
                open,
                parent: Some(bound),
            });
        }
    }
    let bound = match (&s.best, s.bound) {
        _ if unbounded => None,
        (Some(b), Some(l)) => Some(l.min(b.bound)),
        (Some(b), None) => Some(b.bound),
        (None, l) => l,
    };
    Ok(Found {
        best: s.best,
        bound,
        evaluations: s.exact.len() as u64,
        relaxations: s.relaxed.len() as u64,
        complete,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scored(open: &[bool], objective: i128, net: i128) -> Scored {
        Scored {
            open: open.to_vec(),
            objective,
            bound: objective,
            net,
        }
    }

    #[test]
    fn a_cut_over_a_branchs_completions_counts_the_budget() {
        use crate::alloc::Instance;
        use crate::plan::selection::Choice;
        let inst = Instance::empty();
        let choice = |candidate, net| Choice {
            candidate,
            site: candidate,
            net,
            beds: 1,
            town: 0,
        };
        let sel = Selection {
            inst: &inst,
            choices: vec![choice(0, 30), choice(1, 20), choice(2, 10), choice(3, -5)],
            budget: Some(40),
            needs: vec![],
            pools: None,
            node_limit: 1,
            solved: None,
        };
        let cut = FlowCut {
            constant: 1_000,
            coefficients: vec![-90, -40, -30, -10],
        };
        let search = Search {
            sel: &sel,
            exact: BTreeMap::new(),
            relaxed: BTreeMap::new(),
            planes: VecDeque::new(),
            seeds: vec![],
            rank: (0..4).collect(),
            best: None,
            bound: None,
        };
        let all: Vec<Vec<bool>> = (0..16)
            .map(|m| (0..4).map(|i| m >> i & 1 != 0).collect())
            .collect();
        let within = |y: &[bool]| sel.net_cost(y) <= 40;
        for k in 0..=4 {
            for open in &all {
                // The branch: the first k as in `open`, the rest open.
                let branch: Vec<bool> = (0..4).map(|i| i >= k || open[i]).collect();
                let bound = search.over_completions(&cut, &branch, k);
                assert!(
                    bound >= cut.value(&branch),
                    "never below every undecided one open"
                );
                let completions = all
                    .iter()
                    .filter(|z| (0..k).all(|i| z[i] == branch[i]) && within(z));
                for z in completions {
                    assert!(
                        bound <= cut.value(z),
                        "k {k}, {branch:?}: {bound} above {z:?}"
                    );
                }
            }
        }
        // Nothing decided: the cheap choice 3 opened, then 0 and 2 (3 a fen), then a quarter
        // of 1 for the 5 fen left.
        assert_eq!(
            search.over_completions(&cut, &[true; 4], 0),
            1_000 - 10 - 90 - 30 - 10
        );
        assert_eq!(cut.value(&[true; 4]), 1_000 - 170);
    }

    #[test]
    fn preference_is_objective_then_net_cost_then_file_order() {
        let a = scored(&[true, false], 100, 50);
        assert!(
            scored(&[false, true], 99, 900).beats(&a),
            "lower objective wins"
        );
        assert!(
            scored(&[false, true], 100, 40).beats(&a),
            "then lower net cost"
        );
        assert!(
            !scored(&[false, true], 100, 50).beats(&a),
            "then earlier candidates"
        );
        assert!(a.beats(&scored(&[false, true], 100, 50)));
        assert!(!a.beats(&a));
    }
}
