//! dormplan's exact min-cost-flow engine.
//!
//! Two entry points share one primal network simplex with block-search pivoting:
//!
//! - [`Network`](crate::flow::Network): a general directed network with node supplies and arcs `(from, to, capacity,
//!   cost)`, lower bounds zero. Its [`Solution`](crate::flow::Solution) gives the flow on every arc, a potential per
//!   node and the total cost, or says the supplies cannot be met.
//! - [`Transport`](crate::flow::Transport): dormplan's allocation problem, resident groups sent to sites or left
//!   unhoused at a per-person cost. It splits the problem into independent parts, solves them in
//!   parallel and reports each site's shadow price (see [`transport`](crate::flow::transport)).
//!
//! Everything is integral and exact: flows, potentials and costs are integers, an optimal flow
//! is integral, and the result does not depend on the number of threads.
//!
//! # Bounds
//!
//! Inputs are checked against [`limits`](crate::flow::limits) before solving, so no arithmetic inside can
//! overflow; out-of-range inputs give a [`FlowError`](crate::flow::FlowError), never a wrapped number.

/// The primal network simplex on a spanning-tree basis.
mod simplex;
/// The transportation problem (groups to sites) on the engine, in parallel parts.
pub mod transport;

pub use transport::{Resumable, Transport, TransportArc, TransportBasis, TransportSolution, carry};

use simplex::StarProblem;

/// Disjoint sets with path halving and union by size.
pub(crate) struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    pub(crate) fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.parent.len()
    }

    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] as usize != x {
            let p = self.parent[x] as usize;
            self.parent[x] = self.parent[p];
            x = p;
        }
        x
    }

    /// Joins the sets of `a` and `b`; false if they were one set already.
    pub(crate) fn union(&mut self, a: usize, b: usize) -> bool {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return false;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a as u32;
        self.size[a] += self.size[b];
        true
    }
}

/// The ranges of numbers the engine accepts.
///
/// With `n` nodes (the network's nodes, or a transportation problem's groups + sites + 1),
/// every cost must satisfy `|cost| × (n + 2) ≤ MAX_COST_SCALE` (2⁵⁸ ≈ 2.9 × 10¹⁷). Node
/// potentials are sums of costs along a tree path, so they then stay far inside `i64`. For the
/// largest instances dormplan plans for (220,000 nodes) this allows costs up to about
/// 1.3 × 10¹².
///
/// Capacities, supplies and group sizes must lie in `0..=MAX_AMOUNT` (2⁶⁰ ≈ 1.15 × 10¹⁸; a
/// supply may be negative down to `-MAX_AMOUNT`), and so must their totals: for a
/// [`Network`], the sum of the positive supplies and all capacities (give an arc that needs no
/// bound the total supply as its capacity), and the sum of the negative supplies down to
/// `-MAX_AMOUNT`; for a [`Transport`], the sum of the people, whose negative is the demand of
/// its sink. Within these no flow the engine computes exceeds `MAX_AMOUNT`.
pub mod limits {
    /// Upper bound on `|cost| × (nodes + 2)`.
    pub const MAX_COST_SCALE: i64 = 1 << 58;
    /// Upper bound on the magnitude of any capacity, supply or total.
    pub const MAX_AMOUNT: i64 = 1 << 60;
    /// The capacity the engine gives arcs that need none; above any feasible flow.
    pub(crate) const UNBOUNDED: i64 = 1 << 61;
}

/// Why the engine refused an input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FlowError {
    /// An arc names a node (or group, or site) that does not exist.
    #[error("arc {arc} refers to node {node}, but there are only {count}")]
    NodeOutOfRange {
        /// Index of the arc.
        arc: usize,
        /// The node, group or site index it names.
        node: usize,
        /// How many there are.
        count: usize,
    },
    /// A cost is too large for the network's size (see [`limits`]).
    #[error(
        "cost {cost} is too large for a network of {nodes} nodes (|cost| × (nodes + 2) must be at most 2^58)"
    )]
    CostTooLarge {
        /// The cost.
        cost: i64,
        /// Number of nodes.
        nodes: usize,
    },
    /// A capacity, supply or group size is negative where it must not be, or too large.
    #[error("amount {value} is out of range (0 to 2^60)")]
    AmountOutOfRange {
        /// The amount.
        value: i64,
    },
    /// The positive supplies, capacities or people, or the negative supplies, add up to more
    /// than [`limits::MAX_AMOUNT`] in magnitude.
    #[error("{what} add up to {total}, more than 2^60 in magnitude")]
    TotalOutOfRange {
        /// What was added up.
        what: &'static str,
        /// The sum.
        total: i128,
    },
    /// The input arrays disagree in length.
    #[error("{what}: expected {expected} values, found {found}")]
    LengthMismatch {
        /// Which array.
        what: &'static str,
        /// The length it should have.
        expected: usize,
        /// Its length.
        found: usize,
    },
    /// More nodes than 32-bit indices allow.
    #[error("too many nodes: {0}")]
    TooLarge(usize),
}

/// An arc of a [`Network`]: flow from `from` to `to`, between 0 and `capacity`, at `cost` per
/// unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetworkArc {
    /// Tail node.
    pub from: u32,
    /// Head node.
    pub to: u32,
    /// Largest flow allowed (the lower bound is zero).
    pub capacity: i64,
    /// Cost per unit of flow.
    pub cost: i64,
}

/// A min-cost-flow problem: node supplies (positive) and demands (negative), and arcs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Network {
    /// Supply of each node: positive sends flow out, negative takes flow in.
    pub supply: Vec<i64>,
    /// The arcs.
    pub arcs: Vec<NetworkArc>,
}

/// Whether a problem has an optimal flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowStatus {
    /// The flow is feasible and of least cost.
    Optimal,
    /// No flow meets every supply and demand within the capacities (this includes supplies
    /// that do not sum to zero).
    Infeasible,
}

/// The result of [`Network::solve`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    /// Optimal or infeasible. When infeasible, the other fields hold no meaning.
    pub status: FlowStatus,
    /// Flow on each arc, in the order of [`Network::arcs`].
    pub flow: Vec<i64>,
    /// A dual price per node (the LP dual of its flow-conservation row), defined up to a constant
    /// within each connected part. With reduced cost `cost − potential[from] + potential[to]`,
    /// an arc with flow below capacity has reduced cost ≥ 0 and an arc with positive flow has
    /// reduced cost ≤ 0.
    pub potential: Vec<i64>,
    /// Total cost Σ cost × flow.
    pub cost: i128,
}

impl Network {
    /// A network with these supplies and no arcs.
    pub fn new(supply: Vec<i64>) -> Network {
        Network {
            supply,
            arcs: Vec::new(),
        }
    }

    /// Adds an arc and returns its index.
    pub fn add_arc(&mut self, from: u32, to: u32, capacity: i64, cost: i64) -> usize {
        self.arcs.push(NetworkArc {
            from,
            to,
            capacity,
            cost,
        });
        self.arcs.len() - 1
    }

    /// Solves the problem to optimality.
    ///
    /// The initial basis joins every node to an artificial root by an arc whose cost is larger
    /// than any path of real arcs; an optimum that still uses one of those arcs proves the
    /// problem infeasible.
    pub fn solve(&self) -> Result<Solution, FlowError> {
        self.solve_observed(&mut ())
    }

    /// [`Network::solve`], showing `observer` every basis of the simplex.
    fn solve_observed(&self, observer: &mut impl simplex::Observer) -> Result<Solution, FlowError> {
        let n = self.supply.len();
        let m = self.arcs.len();
        if n >= (u32::MAX as usize) - 1 || n + m >= (u32::MAX as usize) - 1 {
            return Err(FlowError::TooLarge(n + m));
        }
        let (mut supplied, mut demanded) = (0i128, 0i128);
        for &s in &self.supply {
            if !(-limits::MAX_AMOUNT..=limits::MAX_AMOUNT).contains(&s) {
                return Err(FlowError::AmountOutOfRange { value: s });
            }
            if s > 0 {
                supplied += s as i128;
            } else {
                demanded += s as i128;
            }
        }
        check_total("positive supplies", supplied)?;
        check_total("negative supplies", demanded)?;
        let mut max_cost = 0i64;
        let mut total = supplied;
        for (i, a) in self.arcs.iter().enumerate() {
            for node in [a.from, a.to] {
                if node as usize >= n {
                    return Err(FlowError::NodeOutOfRange {
                        arc: i,
                        node: node as usize,
                        count: n,
                    });
                }
            }
            if !(0..=limits::MAX_AMOUNT).contains(&a.capacity) {
                return Err(FlowError::AmountOutOfRange { value: a.capacity });
            }
            total += a.capacity as i128;
            check_cost(a.cost, n)?;
            max_cost = max_cost.max(a.cost.abs());
        }
        // No flow in any basis exceeds the supplies plus all capacities, so this bound keeps
        // every flow, and every artificial arc, clear of overflow and saturation.
        check_total("positive supplies and capacities", total)?;
        let infeasible = || Solution {
            status: FlowStatus::Infeasible,
            flow: vec![0; m],
            potential: vec![0; n],
            cost: 0,
        };
        if supplied + demanded != 0 {
            return Ok(infeasible());
        }

        // Artificial arcs cost more than any simple path of real arcs.
        let art = (max_cost + 1) * (n as i64 + 1);
        let mut problem = StarProblem::new(n + 1, m + n);
        for a in &self.arcs {
            problem.add_arc(a.from, a.to, a.cost, a.capacity);
        }
        for (u, &s) in self.supply.iter().enumerate() {
            // Supply leaves towards the root, demand comes from it; a node with neither gets
            // an upward arc so that the tree is strongly feasible.
            problem.add_star_arc(u as u32, s >= 0, art, limits::UNBOUNDED);
            problem.supply[u] = s;
        }
        let Some(solved) = simplex::solve_from_star(problem, false, observer) else {
            return Ok(infeasible());
        };
        if solved.flow[m..].iter().any(|&f| f != 0) {
            return Ok(infeasible());
        }
        let pot = solved.pot;
        let mut flow = solved.flow;
        flow.truncate(m);
        let cost = self
            .arcs
            .iter()
            .zip(&flow)
            .map(|(a, &f)| a.cost as i128 * f as i128)
            .sum();
        Ok(Solution {
            status: FlowStatus::Optimal,
            flow,
            potential: pot[..n].iter().map(|p| -p).collect(),
            cost,
        })
    }
}

/// Checks that a total lies within `±MAX_AMOUNT`.
fn check_total(what: &'static str, total: i128) -> Result<(), FlowError> {
    if total.abs() > limits::MAX_AMOUNT as i128 {
        return Err(FlowError::TotalOutOfRange { what, total });
    }
    Ok(())
}

/// Checks `|cost| × (nodes + 2) ≤ MAX_COST_SCALE`.
fn check_cost(cost: i64, nodes: usize) -> Result<(), FlowError> {
    let scale = (nodes as i64).saturating_add(2);
    match cost.checked_abs().and_then(|c| c.checked_mul(scale)) {
        Some(v) if v <= limits::MAX_COST_SCALE => Ok(()),
        _ => Err(FlowError::CostTooLarge { cost, nodes }),
    }
}

#[cfg(test)]
mod tests {
    use super::simplex::testing::{Lcg, TreeCheck};
    use super::*;

    /// A random network of `n` nodes and `5n + 2n` arcs. Capacities are 0 to 20, a fifth of
    /// them zero, and costs lie in `-max_cost..=max_cost`; two nodes in three have no supply,
    /// and the supplies add up to zero. A ring of dear arcs both ways round all nodes, each
    /// able to carry all the supply, makes the network feasible.
    fn network(n: usize, max_cost: i64, seed: u64) -> Network {
        let mut rng = Lcg(seed);
        let mut supply: Vec<i64> = (0..n)
            .map(|_| {
                if rng.percent(67) {
                    0
                } else {
                    rng.range(-30, 30)
                }
            })
            .collect();
        supply[n - 1] -= supply.iter().sum::<i64>();
        let total = supply.iter().filter(|&&s| s > 0).sum::<i64>();
        let mut net = Network::new(supply);
        for _ in 0..5 * n {
            let (u, v) = (rng.below(n as u64) as u32, rng.below(n as u64) as u32);
            let capacity = if rng.percent(20) { 0 } else { rng.range(1, 20) };
            net.add_arc(u, v, capacity, rng.range(-max_cost, max_cost));
        }
        for u in 0..n as u32 {
            let v = (u + 1) % n as u32;
            net.add_arc(u, v, total, max_cost);
            net.add_arc(v, u, total, max_cost);
        }
        net
    }

    /// The basis checked in full after every pivot (every tenth on the largest) on general
    /// networks of 200 and 1,000 nodes: arcs at both bounds, zero capacities, negative costs,
    /// ties, costs beyond `i32`, and artificial arcs pointing both ways.
    #[test]
    fn every_basis_is_a_strongly_feasible_tree_on_random_networks() {
        let mut degenerate = 0;
        for (n, seeds, every) in [(200, 0..4, 1), (1000, 4..5, 10)] {
            let large = limits::MAX_COST_SCALE / (n as i64 + 2);
            for seed in seeds {
                for max_cost in [2, 50, large] {
                    let net = network(n, max_cost, seed);
                    let label = format!("{n} nodes, costs up to {max_cost}, seed {seed}");
                    let mut check = TreeCheck::new(label, every);
                    let solution = net.solve_observed(&mut check).unwrap();
                    assert_eq!(solution, net.solve().unwrap());
                    degenerate += check.degenerate;
                    assert_eq!(solution.status, FlowStatus::Optimal);
                    check_optimal(&net, &solution);
                }
            }
        }
        assert!(degenerate > 100, "only {degenerate} degenerate pivots");
    }

    /// The flow meets the supplies within the capacities, and the potentials price every arc
    /// as the documentation of [`Solution::potential`] says.
    fn check_optimal(net: &Network, x: &Solution) {
        let mut net_out = net.supply.clone();
        let mut cost = 0i128;
        for (a, &f) in net.arcs.iter().zip(&x.flow) {
            assert!((0..=a.capacity).contains(&f));
            net_out[a.from as usize] -= f;
            net_out[a.to as usize] += f;
            cost += a.cost as i128 * f as i128;
            let reduced = a.cost - x.potential[a.from as usize] + x.potential[a.to as usize];
            assert!(f == a.capacity || reduced >= 0, "{a:?} with flow {f}");
            assert!(f == 0 || reduced <= 0, "{a:?} with flow {f}");
        }
        assert!(net_out.iter().all(|&b| b == 0));
        assert_eq!(cost, x.cost);
    }
}
