//! The primal network simplex method on a spanning-tree basis.
//!
//! The basis is a spanning tree rooted at one node, stored the way the LEMON library's
//! network simplex stores it: for every node its parent, the tree arc to the parent and that
//! arc's direction, the node's successor and predecessor in a preorder walk of the tree
//! ("thread"), the size of its subtree and the last node of its subtree in that walk. With these a
//! pivot touches only the cycle it pushes flow around and the subtree it moves, never the
//! whole tree.
//!
//! Entering arcs are chosen by block search: the arcs are scanned in blocks of about √m, and
//! the most negative reduced cost of a block enters as soon as a block has one. The leaving arc
//! is the last blocking arc met when walking the cycle from its apex, which keeps the tree
//! strongly feasible and rules out cycling (Cunningham's rule; see below).
//!
//! Block search reads every arc again and again and takes most of the time, so arcs are stored
//! sorted by tail in compressed rows: the scan reads each arc's head and cost (as `i32` when
//! every cost fits, otherwise `i64`), the tail's potential once per tail, and the arc's state
//! only for tails with an arc that can be saturated. Callers' arc order is restored in
//! [`Simplex::flows`].
//!
//! Capacities and potentials are `i64`. The caller ([`super::Network`] or
//! [`super::transport`]) checks the bounds of [`super::limits`] first, and within them no
//! reduced cost, potential or flow can overflow (for potentials, see invariant 4 below).
//!
//! # Invariants of the basis
//!
//! Before and after every pivot, with `n` nodes, the reduced cost of an arc `e` defined as
//! `cost[e] + pot[source[e]] − pot[target[e]]`, and the *room towards the root* of a node
//! `v ≠ root` defined as `cap − flow` of its tree arc `pred[v]` if that arc points up
//! (`dir[v] = UP`, from `v` to `parent[v]`) and its `flow` if it points down (`DOWN`, from
//! `parent[v]` to `v`):
//!
//! 1. **Spanning tree.** Following `parent` from any node reaches `root`, whose parent is
//!    `NONE`. For `v ≠ root`, `pred[v]` joins `v` and `parent[v]` in the direction `dir[v]`,
//!    and these `n − 1` arcs are exactly the arcs in state `TREE`.
//! 2. **Thread.** `thread` is a preorder walk of that tree, closed into one cycle (the last
//!    node's successor is `root`), and `rev_thread` is its inverse. The subtree of `v` is the
//!    `succ_num[v]` nodes that start at `v` in the walk, and `last_succ[v]` is the last of them.
//! 3. **Feasible flow.** Every arc has `0 ≤ flow ≤ cap`; an arc in state `LOWER` carries 0 and
//!    one in state `UPPER` carries `cap`. Every node's outflow minus inflow is its supply: the
//!    star basis meets the supplies and a pivot only moves flow round a cycle.
//! 4. **Potentials.** Every tree arc has reduced cost 0. Potentials are defined up to one
//!    constant; the root's is not held at zero ([`Simplex::potentials`] subtracts it) but
//!    stays within ±[`POT_DRIFT`] (2⁶¹) between pivots. Relative to the root's, a potential
//!    is a sum of costs along a tree path, which the bounds of [`super::limits`] keep below
//!    2⁶⁰ in magnitude; a pivot moves the root's potential by at most one reduced cost
//!    (below 2⁶¹ + 2⁵⁸) before bringing it back. So every potential stays below
//!    2⁶² + 2⁶⁰ + 2⁵⁸ < 2⁶³ in magnitude, and no reduced cost, nor a partial sum of one,
//!    leaves `i64`.
//! 5. **Strong feasibility.** Every node `v ≠ root` has positive room towards the root, so a
//!    positive amount of flow can be sent from any node to the root along its tree path. NetworkArc
//!    by arc: a tree arc with zero flow points up, towards the root; a tree arc at its
//!    capacity points down, away from it; and no tree arc has capacity zero.
//!
//! When no arc prices negative — an arc in state `LOWER` has reduced cost ≥ 0 and one in state
//! `UPPER` has reduced cost ≤ 0 — the flow is optimal and the potentials are optimal duals.
//! `Simplex::check_tree` and `Simplex::check_optimal`, compiled for tests only, verify all of
//! this.
//!
//! ## The first basis
//!
//! [`StarProblem`] hangs every node from the root by its own star arc, whose flow the node's
//! supply fixes. The star is strongly feasible if each star arc points up (node → root,
//! flow = supply) when the supply is zero or positive, with a capacity above that flow, and
//! points down (root → node, flow = −supply > 0) when the supply is negative. A node without
//! supply thus gets an upward arc of positive capacity. [`super::Network`] orients its
//! artificial arcs this way with capacity [`limits::UNBOUNDED`]; in [`super::transport`] every
//! star arc points up, a group's with unbounded capacity and a site's with its beds, which are
//! positive for every site the simplex sees.
//!
//! ## A basis from a flow
//!
//! A re-solve after a few arcs were added can start where the last solve ended instead
//! ([`Simplex::with_flow`], [`solve_from`]): the caller hands over a flow, typically the last
//! optimum with the new arcs at zero, and the first basis is built around it.
//!
//! - The flow must lie within every arc's bounds and meet every supply but the root's.
//! - The arcs strictly between their bounds (*free* arcs) join the tree; they must form a
//!   forest. Every other arc rests at a bound: `LOWER` at flow 0, `UPPER` at its capacity. A
//!   flow the simplex itself returned has this property: its free arcs were tree arcs.
//! - Each part of the forest that does not hold the root is hung from it by the star arc of its
//!   lowest node whose star arc has room towards the root: one pointing up below its capacity
//!   (at flow 0: carrying more, it would be free and in the root's part already) or one
//!   pointing down with flow on it. If a part has none, there is no such basis.
//! - Parents, directions and the thread follow from a depth-first walk from the root, and the
//!   potentials from the costs of the tree arcs (invariant 4 holds as for any tree).
//!
//! The tree is strongly feasible: a free arc has room both ways, and each star arc chosen has
//! room towards the root by choice. If the flow fails any of this, the star basis is used
//! instead, so a bad start costs time, never correctness. In [`super::transport`] the start
//! always fits when it is an optimum of the same groups and sites on fewer arcs: a part without
//! the sink holds a group (a site with occupants is joined to them by free arcs, and one
//! without hangs by its own arc to the sink at flow 0), whose unhoused arc carries nothing and
//! has unbounded room. The basis may differ from the last solve's final one (which may have
//! held arcs at a bound), so some degenerate pivots may follow before the entering arcs do.
//!
//! ## Arcs and nodes added to a solved problem
//!
//! [`Simplex::insert`] adds arcs at flow 0 outside the tree (state `LOWER`), which keeps every
//! invariant: the tree, the flows and the potentials do not change, and a new arc carries
//! nothing. A new node comes as a leaf hung from the root by its own arc pointing up, which
//! carries the node's supply with room to spare (strong feasibility) and whose cost sets the
//! node's potential (invariant 4). The compressed rows are rebuilt with each new arc at the end
//! of its tail's row, and the tree arcs renumbered. So after an optimum only the new arcs can
//! price negative, and the next solve costs their pivots and one scan.
//!
//! ## How Cunningham's rule keeps it
//!
//! The entering arc closes a cycle `W` with the tree. Orient `W` the way flow will be pushed
//! (along the entering arc at its lower bound, against it at its upper) and start it at the
//! apex `join`, the deepest common ancestor of the arc's ends: `W` runs down the tree from the
//! apex to `first`, crosses the entering arc to `second`, and climbs from `second` back to the
//! apex. Each arc of `W` has a room along `W` (`cap − flow` if `W` follows it, `flow` if `W`
//! opposes it); `delta` is the smallest, and the arcs with that room are *blocking*. The
//! leaving arc `f` is the last blocking arc of `W`. [`Simplex::pivot`] finds it by scanning up
//! from `first` keeping strictly smaller rooms (the lowest of equal rooms on that side, the
//! last of them along `W`), then letting the entering arc win ties with that side, then
//! scanning up from `second` keeping smaller or equal rooms (the highest, again the last along
//! `W`).
//!
//! Push `delta` round `W` and drop `f`. What is left of `W` is a path through the apex, so in
//! the new tree a node on `W` after `f` reaches the root by following `W` forwards to the
//! apex, and a node on `W` before `f` by following it backwards; nodes off `W` reach `W` by
//! their old tree arcs, whose flows and orientation do not change.
//!
//! - An arc of `W` after `f` is not blocking (`f` is the last), so its room along `W` was
//!   more than `delta` and is still positive after the push.
//! - An arc of `W` before `f` has received `delta` along `W`, which it can give back: its room
//!   against `W` is now at least `delta`, positive when `delta > 0`.
//! - When `delta = 0` no arc of `W` climbing from `second` can block: `W` follows each of them
//!   towards the root, and by strong feasibility each has positive room that way. So `f` is
//!   the entering arc itself or lies on the way down from the apex to `first`, and the arcs
//!   before it are on that way down too: `W` runs them away from the root, and their old
//!   positive room towards the root is their room against `W`.
//!
//! So every node keeps positive room towards the root.
//!
//! ## Why there is no cycling
//!
//! A pivot with `delta > 0` lowers the cost by `delta × |reduced cost of the entering arc|`.
//! A pivot with `delta = 0` (degenerate) leaves the flow and the cost as they are, and either
//! only moves a zero-capacity entering arc to its other bound, leaving the tree as it is, or,
//! by the last point above, cuts the subtree holding `first` and re-hangs it by the entering
//! arc. Making that arc's reduced cost zero then raises the potentials of the moved subtree,
//! and of no other node, by `|reduced cost|` relative to the root: at its lower bound the arc
//! leaves `first` with a negative reduced cost, at its upper bound it enters `first` with a
//! positive one. So with every pivot that changes the tree the pair
//! (cost, −Σ over all `v` of `pot[v] − pot[root]`) falls strictly in lexicographic order, and no
//! pivot raises it. A basis (the tree and the bounds of the other arcs) fixes the flow and,
//! through the tree, the potentials; if it came back, only bound moves of zero-capacity arcs
//! could lie between, and with the tree, and so the reduced costs, fixed each such arc moves
//! one way only. So no basis repeats, and as there are finitely many the method ends.

use super::limits;

/// NetworkArc state: nonbasic at its upper bound (flow = capacity).
const UPPER: i8 = -1;
/// NetworkArc state: in the spanning tree.
const TREE: i8 = 0;
/// NetworkArc state: nonbasic at its lower bound (flow = 0).
const LOWER: i8 = 1;

/// Tree arc direction: the arc runs from the node up to its parent.
const UP: i8 = 1;
/// Tree arc direction: the arc runs from the parent down to the node.
const DOWN: i8 = -1;

/// No node (the root's parent) or no arc.
const NONE: u32 = u32::MAX;

/// How far the root's potential may drift from zero before every potential is shifted back.
const POT_DRIFT: i64 = 1 << 61;

/// An arc as callers hand it over.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ArcEnds {
    pub source: u32,
    pub target: u32,
    pub cost: i64,
}

/// How arc costs are stored: `i32` halves the bytes block search streams when every cost
/// fits, `i64` otherwise.
pub(crate) trait CostInt: Copy + Default + Send + Sync + 'static {
    fn get(self) -> i64;
    fn from_i64(c: i64) -> Option<Self>;
}

impl CostInt for i32 {
    #[inline(always)]
    fn get(self) -> i64 {
        self as i64
    }
    fn from_i64(c: i64) -> Option<i32> {
        i32::try_from(c).ok()
    }
}

impl CostInt for i64 {
    #[inline(always)]
    fn get(self) -> i64 {
        self
    }
    fn from_i64(c: i64) -> Option<i64> {
        Some(c)
    }
}

/// A node of the path whose subtree is re-rooted during a pivot, with its values before the pivot.
#[derive(Clone, Copy, Debug)]
struct PathNode {
    /// The node.
    node: u32,
    /// Its `last_succ` before the pivot.
    last: u32,
    /// Its `succ_num` before the pivot.
    size: u32,
    /// Predecessor in the thread before the pivot.
    rev: u32,
    /// Successor of `last` in the thread before the pivot.
    after_last: u32,
}

/// What a solve gives back: flows in the caller's arc order and potentials with the root's at
/// zero (reduced cost `cost + pot[source] - pot[target]`).
pub(crate) struct Solved {
    pub flow: Vec<i64>,
    pub pot: Vec<i64>,
}

/// What a first basis is built from, besides the arcs: each node's supply and star arc (an
/// internal arc index; the root's entry is not read).
struct Basis {
    supply: Vec<i64>,
    star: Vec<u32>,
}

/// A network with its first basis: every node other than `root` hangs from the root by the
/// arc `star[node]` (an index into `arcs`), which must join that node and the root and, for
/// the basis to be strongly feasible, point up when the node's supply is zero or positive
/// (see "The first basis" in the module documentation).
pub(crate) struct StarProblem {
    /// Number of nodes, the root included.
    pub node_count: usize,
    /// The root of the first tree.
    pub root: u32,
    /// The arcs, in the caller's order.
    pub arcs: Vec<ArcEnds>,
    /// Capacity of each arc.
    pub cap: Vec<i64>,
    /// Supply of each node; the root's is not read (the star arcs carry what the others need).
    pub supply: Vec<i64>,
    /// The star arc of each node other than the root.
    pub star: Vec<u32>,
}

impl StarProblem {
    /// An empty problem on `node_count` nodes whose last is the root, with room for `arcs`
    /// arcs; supplies start at zero.
    pub fn new(node_count: usize, arcs: usize) -> StarProblem {
        StarProblem {
            node_count,
            root: node_count.saturating_sub(1) as u32,
            arcs: Vec::with_capacity(arcs),
            cap: Vec::with_capacity(arcs),
            supply: vec![0; node_count],
            star: vec![0; node_count.saturating_sub(1)],
        }
    }

    /// Adds an arc.
    pub fn add_arc(&mut self, source: u32, target: u32, cost: i64, cap: i64) {
        self.arcs.push(ArcEnds {
            source,
            target,
            cost,
        });
        self.cap.push(cap);
    }

    /// Adds the arc that holds `node` to the root in the first basis: from the node to the root
    /// if `upward`, else from the root to the node.
    pub fn add_star_arc(&mut self, node: u32, upward: bool, cost: i64, cap: i64) {
        self.star[node as usize] = self.arcs.len() as u32;
        let root = self.root;
        if upward {
            self.add_arc(node, root, cost, cap);
        } else {
            self.add_arc(root, node, cost, cap);
        }
    }
}

/// Watches a solve: it is shown the first basis, the basis after every pivot and the final
/// one. `()` watches nothing and compiles to nothing; tests pass an observer that checks the
/// invariants of the basis as the simplex runs.
pub(crate) trait Observer {
    /// The first basis, before any pivot.
    fn start<C: CostInt>(&mut self, _simplex: &Simplex<C>) {}
    /// The basis after a pivot (counted in `pivots`).
    fn pivoted<C: CostInt>(&mut self, _simplex: &Simplex<C>) {}
    /// The final basis, when no arc prices negative.
    fn finish<C: CostInt>(&mut self, _simplex: &Simplex<C>) {}
}

impl Observer for () {}

/// Solves from a star basis (see [`Simplex::with_star`]), storing costs as `i32` when they all
/// fit. `None` if the star basis is not feasible.
///
/// With `marginal`, the potentials are the root distances of [`Simplex::root_distances`].
pub(crate) fn solve_from_star(
    problem: StarProblem,
    marginal: bool,
    observer: &mut impl Observer,
) -> Option<Solved> {
    let (mut live, _) = Live::start(problem, None)?;
    live.solve(observer);
    Some(live.solved(marginal))
}

/// Where a warm solve starts: a flow in the caller's arc order, and optionally the arcs of a
/// spanning tree that carries it (typically the last solve's final basis, with the arcs added
/// since outside it).
#[derive(Clone, Copy)]
pub(crate) struct Start<'a> {
    pub flow: &'a [i64],
    pub tree: Option<&'a [bool]>,
}

/// A problem in the simplex with its current basis, kept between solves so that arcs can be
/// added and the problem solved again from where the last solve ended
/// ([`Live::insert`]). Costs are stored as `i32` when they all fit, as `i64` otherwise.
pub(crate) enum Live {
    Narrow(Simplex<i32>),
    Wide(Simplex<i64>),
}

/// Runs `$body` with `$s` bound to the simplex inside a [`Live`], whichever its cost type.
macro_rules! with_simplex {
    ($live:expr, $s:ident => $body:expr) => {
        match $live {
            Live::Narrow($s) => $body,
            Live::Wide($s) => $body,
        }
    };
}

impl Live {
    /// The problem with its first basis: the one that carries `start` when given and it fits
    /// (see [`Simplex::with_flow`] and [`Simplex::with_basis`]), else the star basis. Also
    /// whether it started from `start`. `None` if the star basis is not feasible.
    pub fn start(problem: StarProblem, start: Option<Start<'_>>) -> Option<(Live, bool)> {
        fn started<C: CostInt>(
            problem: StarProblem,
            start: Option<Start<'_>>,
        ) -> Option<(Simplex<C>, bool)> {
            let started = match start {
                None => Ok(Simplex::<C>::with_star(problem)?),
                Some(Start { flow, tree: None }) => Simplex::<C>::with_flow(problem, flow)?,
                Some(Start {
                    flow,
                    tree: Some(tree),
                }) => Simplex::<C>::with_basis(problem, flow, tree)?,
            };
            Some(match started {
                Ok(s) => (s, start.is_some()),
                Err(s) => (s, false),
            })
        }
        if problem.arcs.iter().all(|a| i32::from_i64(a.cost).is_some()) {
            started(problem, start).map(|(s, warm)| (Live::Narrow(s), warm))
        } else {
            started(problem, start).map(|(s, warm)| (Live::Wide(s), warm))
        }
    }

    /// Pivots until no arc prices negative ([`Simplex::solve`]).
    pub fn solve(&mut self, observer: &mut impl Observer) {
        with_simplex!(self, s => s.solve(observer))
    }

    /// What the solve gave, in the caller's arc order; with `marginal`, the potentials are
    /// [`Simplex::root_distances`].
    pub fn solved(&self, marginal: bool) -> Solved {
        with_simplex!(self, s => Solved {
            flow: s.flows(),
            pot: if marginal {
                s.root_distances()
            } else {
                s.potentials()
            },
        })
    }

    /// Pivots made so far, over every solve.
    pub fn pivots(&self) -> u64 {
        with_simplex!(self, s => s.pivots)
    }

    /// The flow on arc `e` and whether it is in the tree. Arcs are numbered as the caller
    /// listed them, which for a [`Live`] that takes inserted arcs is by tail (see
    /// [`Live::insert`]).
    pub fn arc(&self, e: usize) -> (i64, bool) {
        with_simplex!(self, s => {
            debug_assert!(s.external.is_empty());
            (s.flow[e], s.state[e] == TREE)
        })
    }

    /// [`Simplex::root_distances`].
    pub fn root_distances(&self) -> Vec<i64> {
        with_simplex!(self, s => s.root_distances())
    }

    /// Whether [`Live::insert`] can add to this problem: the caller listed its arcs by tail,
    /// so the simplex numbers them as the caller did.
    pub fn takes_inserts(&self) -> bool {
        with_simplex!(self, s => s.external.is_empty())
    }

    /// Whether an arc of this cost can be inserted: the cost fits the simplex's cost type.
    pub fn fits(&self, cost: i64) -> bool {
        fn fits_in<C: CostInt>(_: &Simplex<C>, cost: i64) -> bool {
            C::from_i64(cost).is_some()
        }
        with_simplex!(self, s => fits_in(s, cost))
    }

    /// [`Simplex::insert`].
    pub fn insert(&mut self, leaves: &[Leaf], arcs: &[ArcEnds], cap: &[i64]) -> Option<Inserted> {
        with_simplex!(self, s => s.insert(leaves, arcs, cap))
    }

    /// The number of nodes, the root included.
    pub fn nodes(&self) -> usize {
        with_simplex!(self, s => s.pot.len())
    }
}

/// A node [`Simplex::insert`] adds below the root: its supply, and the cost and capacity of its
/// arc to the root.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Leaf {
    pub supply: i64,
    pub cost: i64,
    pub cap: i64,
}

/// Where [`Simplex::insert`] put the arcs: the new number of every arc the simplex had, the
/// number of each arc inserted, in the order given, and of each new leaf's arc to the root.
pub(crate) struct Inserted {
    pub moved: Vec<u32>,
    pub placed: Vec<u32>,
    pub leaves: Vec<u32>,
}

/// The smallest of `value(0..len)` with the first position where it occurs; `(0, 0)` when
/// none is negative.
///
/// Four independent minima keep the loop from waiting on one compare-and-select chain.
#[inline(always)]
fn lanes_min(len: usize, value: impl Fn(usize) -> i64) -> (i64, usize) {
    let mut min = [0i64; 4];
    let mut at = [0usize; 4];
    let mut i = 0;
    while i + 4 <= len {
        for lane in 0..4 {
            let c = value(i + lane);
            if c < min[lane] {
                min[lane] = c;
                at[lane] = i + lane;
            }
        }
        i += 4;
    }
    while i < len {
        let c = value(i);
        if c < min[0] {
            min[0] = c;
            at[0] = i;
        }
        i += 1;
    }
    let mut best = (0i64, 0usize);
    for lane in 0..4 {
        if (min[lane], at[lane]) < best {
            best = (min[lane], at[lane]);
        }
    }
    best
}

/// A network simplex problem with its current basis (see the module documentation for the
/// invariants the fields keep together between pivots).
///
/// Nodes are `0..n`, one of them the root; arcs are numbered internally in order of their tail,
/// `0..m`.
pub(crate) struct Simplex<C: CostInt> {
    /// Tail of each arc. Never decreases with the arc index, so the arcs leaving `u` are
    /// `first_out[u]..first_out[u + 1]`.
    source: Vec<u32>,
    /// Head of each arc.
    target: Vec<u32>,
    /// Cost per unit of flow of each arc; every cost fits `C`.
    cost: Vec<C>,
    /// Compressed rows: `n + 1` offsets, non-decreasing from `first_out[0] = 0` to
    /// `first_out[n] = m`.
    first_out: Vec<u32>,
    /// Whether every arc leaving the node has capacity [`limits::UNBOUNDED`], which no flow
    /// reaches within [`super::limits`], so none of them is ever at its upper bound and block
    /// search need not read their states. Fixed when the problem is built.
    open_tail: Vec<bool>,
    /// The caller's index of each internal arc, a permutation of `0..m`; empty when the caller
    /// listed arcs by tail already, meaning the identity.
    external: Vec<u32>,
    /// Capacity of each arc, in `0..=limits::UNBOUNDED`; the lower bound is always zero.
    cap: Vec<i64>,
    /// Flow on each arc, in `0..=cap`: 0 in state `LOWER`, `cap` in state `UPPER`. Each node's
    /// outflow minus inflow is its supply.
    flow: Vec<i64>,
    /// `LOWER`, `TREE` or `UPPER`. Exactly the `n − 1` arcs `pred[v]`, `v ≠ root`, are `TREE`.
    /// The values are chosen so that `state × reduced cost` is negative exactly for an arc
    /// whose entry would lower the cost, and zero for tree arcs.
    state: Vec<i8>,
    /// Node potentials: the reduced cost of arc `e` is `cost[e] + pot[source[e]] −
    /// pot[target[e]]`, zero on every tree arc. Defined up to one constant; the root's moves
    /// when a pivot shifts the side of the entering arc that holds the root, and is brought
    /// back to zero whenever it leaves ±[`POT_DRIFT`].
    pot: Vec<i64>,
    /// Parent of each node in the tree; `NONE` for the root and only for it. Following
    /// parents from any node reaches the root.
    parent: Vec<u32>,
    /// The tree arc joining each node to its parent (`NONE` for the root); its state is `TREE`.
    pred: Vec<u32>,
    /// Direction of `pred[v]`: `UP` if it runs from `v` to `parent[v]`, `DOWN` if from
    /// `parent[v]` to `v`. Strong feasibility: an `UP` arc carries less than its capacity and
    /// a `DOWN` arc carries positive flow. Meaningless for the root.
    dir: Vec<i8>,
    /// Successor of each node in a preorder walk of the tree that starts at the root; the last
    /// node's successor is the root, so the walk is one cycle through all nodes.
    thread: Vec<u32>,
    /// Predecessor in that walk: `rev_thread[thread[v]] = v`.
    rev_thread: Vec<u32>,
    /// Number of nodes in each node's subtree, itself included; `n` for the root. The subtree
    /// of `v` is the `succ_num[v]` nodes of the walk from `v` on. Every proper ancestor of a
    /// node has a larger count, which [`Simplex::join`] relies on.
    succ_num: Vec<u32>,
    /// Last node of each node's subtree in the walk (the node itself for a leaf); its
    /// successor is the first node after the subtree.
    last_succ: Vec<u32>,
    /// The root of the tree; it never changes (the artificial root of a [`super::Network`],
    /// the sink of a transport part).
    root: u32,
    /// Scratch space of [`Simplex::update_tree`] for the path it re-roots, kept to reuse its
    /// allocation; holds nothing between pivots.
    path: Vec<PathNode>,
    /// Number of pivots made, for tests and benchmarks.
    pub pivots: u64,
}

impl<C: CostInt> Simplex<C> {
    /// The problem with its star basis. The flow on each star arc is what the node's supply
    /// forces; all other arcs start at flow 0.
    ///
    /// Returns `None` if some star arc would need a flow outside `0..=cap`, or a cost does not
    /// fit `C`.
    pub fn with_star(problem: StarProblem) -> Option<Simplex<C>> {
        let (mut s, basis) = Simplex::without_basis(problem)?;
        s.star_basis(&basis).then_some(s)
    }

    /// The problem with a basis built from a given flow (see "A basis from a flow" in the
    /// module documentation); `flow` is in the caller's arc order.
    ///
    /// Returns `Err` with the problem's star basis instead if the flow does not fit: its
    /// length is wrong, a flow lies outside `0..=cap`, a node other than the root does not
    /// meet its supply, the arcs strictly between their bounds contain a cycle, or a part of
    /// them away from the root has no star arc with room towards the root. `None` if the star
    /// basis is not feasible either, or a cost does not fit `C`.
    pub fn with_flow(problem: StarProblem, flow: &[i64]) -> Option<Result<Simplex<C>, Simplex<C>>> {
        let (mut s, basis) = Simplex::without_basis(problem)?;
        if s.flow_basis(&basis, flow, None) {
            return Some(Ok(s));
        }
        s.star_basis(&basis).then_some(Err(s))
    }

    /// [`Simplex::with_flow`], with the arcs `tree` (in the caller's order) in the tree as
    /// well as the arcs strictly between their bounds: a basis the last solve ended on stays
    /// that basis, so its potentials are optimal and only the arcs added since can enter.
    /// Falls back to the basis [`Simplex::with_flow`] builds when those arcs make no strongly
    /// feasible spanning tree, and to the star basis when that fails too.
    pub fn with_basis(
        problem: StarProblem,
        flow: &[i64],
        tree: &[bool],
    ) -> Option<Result<Simplex<C>, Simplex<C>>> {
        let (mut s, basis) = Simplex::without_basis(problem)?;
        if s.flow_basis(&basis, flow, Some(tree)) || s.flow_basis(&basis, flow, None) {
            return Some(Ok(s));
        }
        s.star_basis(&basis).then_some(Err(s))
    }

    /// The arcs of the problem in compressed rows, with no basis yet, and what a basis is
    /// built from. `None` if a cost does not fit `C`.
    fn without_basis(problem: StarProblem) -> Option<(Simplex<C>, Basis)> {
        let StarProblem {
            node_count: n,
            root,
            arcs,
            cap,
            supply,
            star,
        } = problem;
        let m = arcs.len();
        // Counting sort by tail; stable, so arcs of one tail keep the caller's order.
        let mut first_out = vec![0u32; n + 1];
        for a in &arcs {
            first_out[a.source as usize + 1] += 1;
        }
        for u in 0..n {
            first_out[u + 1] += first_out[u];
        }
        // Callers that already list arcs by tail (the allocation problem does) skip the
        // permutation: `external` stays empty and means the identity.
        let sorted = arcs.windows(2).all(|w| w[0].source <= w[1].source);
        let (mut external, mut internal) = (Vec::new(), Vec::new());
        if !sorted {
            let mut fill = first_out.clone();
            external = vec![0u32; m];
            internal = vec![0u32; m];
            for (i, a) in arcs.iter().enumerate() {
                let e = fill[a.source as usize];
                fill[a.source as usize] += 1;
                external[e as usize] = i as u32;
                internal[i] = e;
            }
        }
        let ext = |e: usize| if sorted { e } else { external[e] as usize };
        let cost = (0..m)
            .map(|e| C::from_i64(arcs[ext(e)].cost))
            .collect::<Option<Vec<C>>>()?;
        let mut open_tail = vec![true; n];
        for (a, &c) in arcs.iter().zip(&cap) {
            if c < limits::UNBOUNDED {
                open_tail[a.source as usize] = false;
            }
        }
        let source = (0..m).map(|e| arcs[ext(e)].source).collect();
        let target = (0..m).map(|e| arcs[ext(e)].target).collect();
        let cap = if sorted {
            cap
        } else {
            (0..m).map(|e| cap[ext(e)]).collect()
        };
        let star = star
            .iter()
            .map(|&e| if sorted { e } else { internal[e as usize] })
            .collect();
        let s = Simplex {
            open_tail,
            source,
            target,
            cost,
            first_out,
            cap,
            external,
            flow: vec![0; m],
            state: vec![LOWER; m],
            pot: vec![0; n],
            parent: vec![root; n],
            pred: vec![NONE; n],
            dir: vec![UP; n],
            thread: vec![NONE; n],
            rev_thread: vec![NONE; n],
            succ_num: vec![1; n],
            last_succ: vec![NONE; n],
            root,
            path: Vec::new(),
            pivots: 0,
        };
        Some((s, Basis { supply, star }))
    }

    /// Sets the star basis: every node a leaf below the root on its star arc, all other arcs
    /// at flow 0. False if some star arc does not join its node and the root, or would need a
    /// flow outside `0..=cap`.
    fn star_basis(&mut self, basis: &Basis) -> bool {
        let (n, root) = (self.pot.len(), self.root);
        let r = root as usize;
        self.flow.fill(0);
        self.state.fill(LOWER);
        self.parent.fill(root);
        self.parent[r] = NONE;
        self.pred.fill(NONE);
        self.succ_num.fill(1);
        self.succ_num[r] = n as u32;
        // Preorder: the root, then every other node in index order, each a leaf.
        let mut prev = root;
        for u in (0..n as u32).filter(|&u| u != root) {
            let ui = u as usize;
            let e = basis.star[ui] as usize;
            let (dir, f) = if self.source[e] == u && self.target[e] == root {
                (UP, basis.supply[ui])
            } else if self.source[e] == root && self.target[e] == u {
                (DOWN, -basis.supply[ui])
            } else {
                return false;
            };
            if f < 0 || f > self.cap[e] {
                return false;
            }
            self.flow[e] = f;
            self.state[e] = TREE;
            self.pred[ui] = e as u32;
            self.dir[ui] = dir;
            // A tree arc has reduced cost 0: cost + pot[source] - pot[target] = 0.
            let c = self.cost[e].get();
            self.pot[ui] = if dir == UP { -c } else { c };
            self.last_succ[ui] = u;
            self.link(prev, u);
            prev = u;
        }
        self.pot[r] = 0;
        self.link(prev, root);
        self.last_succ[r] = prev;
        true
    }

    /// Sets a basis that carries `flow` (in the caller's arc order): the tree is the arcs
    /// strictly between their bounds, with each part of them that does not reach the root
    /// hung from it by the star arc of its lowest node that has room towards the root. With
    /// `tree` (in the caller's arc order), the arcs it marks join the tree too. False,
    /// leaving a basis that must be replaced, if the flow does not fit (see
    /// [`Simplex::with_flow`]) or the marked arcs close a cycle.
    fn flow_basis(&mut self, basis: &Basis, flow: &[i64], tree: Option<&[bool]>) -> bool {
        let (n, m, root) = (self.pot.len(), self.target.len(), self.root);
        if flow.len() != m || tree.is_some_and(|t| t.len() != m) {
            return false;
        }
        let marked = |e: usize| {
            tree.is_some_and(|t| {
                if self.external.is_empty() {
                    t[e]
                } else {
                    t[self.external[e] as usize]
                }
            })
        };
        // Flows in bounds, and every node but the root meets its supply (the root then does
        // too: the balances sum to zero).
        let mut net = vec![0i128; n];
        for e in 0..m {
            let f = if self.external.is_empty() {
                flow[e]
            } else {
                flow[self.external[e] as usize]
            };
            if !(0..=self.cap[e]).contains(&f) {
                return false;
            }
            self.flow[e] = f;
            net[self.source[e] as usize] += i128::from(f);
            net[self.target[e] as usize] -= i128::from(f);
        }
        if (0..n).any(|v| v != root as usize && net[v] != i128::from(basis.supply[v])) {
            return false;
        }
        // The free arcs must be a forest.
        let mut sets = super::UnionFind::new(n);
        for e in 0..m {
            let f = self.flow[e];
            self.state[e] = if f == 0 && !marked(e) {
                LOWER
            } else if f == self.cap[e] && !marked(e) {
                UPPER
            } else {
                let (u, v) = (self.source[e] as usize, self.target[e] as usize);
                if !sets.union(u, v) {
                    return false;
                }
                TREE
            };
        }
        // Each other part hangs from the root by a star arc with room towards the root: at
        // flow 0 pointing up (a free star arc would have joined the root's part already), or
        // carrying flow pointing down.
        for v in (0..n).filter(|&v| v != root as usize) {
            if sets.find(v) == sets.find(root as usize) {
                continue;
            }
            let e = basis.star[v] as usize;
            let (f, c) = (self.flow[e], self.cap[e]);
            let room = if self.source[e] as usize == v && self.target[e] == root {
                c - f
            } else if self.source[e] == root && self.target[e] as usize == v {
                f
            } else {
                return false;
            };
            if room > 0 {
                self.state[e] = TREE;
                sets.union(v, root as usize);
            }
        }
        if (0..n).any(|v| sets.find(v) != sets.find(root as usize)) {
            return false;
        }
        self.tree_from_states()
    }

    /// Parents, tree arcs, thread, subtrees and potentials of the tree formed by the arcs in
    /// state `TREE`, which must be a spanning tree: walked depth first from the root. False if
    /// it is not one, or some node lacks room towards the root.
    fn tree_from_states(&mut self) -> bool {
        let (n, m, root) = (self.pot.len(), self.target.len(), self.root);
        // Tree arcs by node, in compressed rows.
        let mut start = vec![0u32; n + 1];
        let tree = (0..m).filter(|&e| self.state[e] == TREE);
        for e in tree.clone() {
            start[self.source[e] as usize + 1] += 1;
            start[self.target[e] as usize + 1] += 1;
        }
        if tree.clone().count() != n - 1 {
            return false;
        }
        for v in 0..n {
            start[v + 1] += start[v];
        }
        let mut fill = start.clone();
        let mut adj = vec![0u32; 2 * (n - 1)];
        for e in tree {
            for v in [self.source[e], self.target[e]] {
                adj[fill[v as usize] as usize] = e as u32;
                fill[v as usize] += 1;
            }
        }
        // Depth first from the root: a stack gives a preorder whose subtrees are contiguous.
        self.parent.fill(NONE);
        self.pred.fill(NONE);
        let mut order = Vec::with_capacity(n);
        let mut stack = vec![root];
        self.pot[root as usize] = 0;
        while let Some(u) = stack.pop() {
            order.push(u);
            for &e in &adj[start[u as usize] as usize..start[u as usize + 1] as usize] {
                if self.pred[u as usize] == e {
                    continue;
                }
                let (src, tgt) = (self.source[e as usize], self.target[e as usize]);
                let (v, dir) = if src == u { (tgt, DOWN) } else { (src, UP) };
                let vi = v as usize;
                if v == root || self.pred[vi] != NONE {
                    // Reached twice: a cycle.
                    return false;
                }
                self.parent[vi] = u;
                self.pred[vi] = e;
                self.dir[vi] = dir;
                // A tree arc has reduced cost 0: cost + pot[source] - pot[target] = 0.
                let c = self.cost[e as usize].get();
                self.pot[vi] = self.pot[u as usize] + if dir == UP { -c } else { c };
                if self.room(v, UP) <= 0 {
                    return false;
                }
                stack.push(v);
            }
        }
        if order.len() != n {
            return false;
        }
        for w in order.windows(2) {
            self.link(w[0], w[1]);
        }
        self.link(order[n - 1], root);
        self.succ_num.fill(1);
        for &v in order[1..].iter().rev() {
            let p = self.parent[v as usize] as usize;
            self.succ_num[p] += self.succ_num[v as usize];
        }
        for (i, &v) in order.iter().enumerate() {
            self.last_succ[v as usize] = order[i + self.succ_num[v as usize] as usize - 1];
        }
        true
    }

    /// Adds nodes and arcs, keeping the basis: the tree, the flows and the potentials of the
    /// old nodes and arcs stay as they are, and every invariant with them. A solve then starts
    /// where the last one ended, and after an optimum only the new arcs can price negative.
    ///
    /// - Each of `leaves` becomes a new node, numbered from the old node count on in the
    ///   order given, hung from the root as a leaf by a new arc to the root that carries its
    ///   supply. That arc points up with room to spare (`0 ≤ supply < cap`), so the tree stays
    ///   strongly feasible, and the leaf's potential makes its reduced cost zero.
    /// - Each of `arcs` (capacity `cap`) joins two nodes, old or new, at flow 0 outside the
    ///   tree (`LOWER`): it carries nothing, so every supply is still met.
    ///
    /// The arcs keep compressed rows: each new arc goes at the end of its tail's row and the
    /// arcs of later tails move up. `None`, changing nothing, when the caller's arcs were not
    /// listed by tail (the simplex numbers arcs as the caller did only then), an arc's ends
    /// are not two distinct nodes, a capacity lies outside `0..=limits::UNBOUNDED`, a leaf's
    /// supply does not fit below its arc's capacity, or a cost does not fit `C`.
    pub fn insert(&mut self, leaves: &[Leaf], arcs: &[ArcEnds], cap: &[i64]) -> Option<Inserted> {
        let (old_n, m, root) = (self.pot.len(), self.target.len(), self.root);
        let n = old_n + leaves.len();
        let fits = arcs.len() == cap.len()
            && self.external.is_empty()
            && n < NONE as usize
            && arcs.iter().zip(cap).all(|(a, &c)| {
                (a.source as usize) < n
                    && (a.target as usize) < n
                    && a.source != a.target
                    && (0..=limits::UNBOUNDED).contains(&c)
            })
            && leaves
                .iter()
                .all(|l| 0 <= l.supply && l.supply < l.cap && l.cap <= limits::UNBOUNDED);
        let costs = arcs
            .iter()
            .map(|a| a.cost)
            .chain(leaves.iter().map(|l| l.cost));
        let cost = costs.map(C::from_i64).collect::<Option<Vec<C>>>();
        let (true, Some(cost)) = (fits, cost) else {
            return None;
        };
        // The leaves' arcs come after the caller's.
        let stars = (old_n..n).zip(leaves).map(|(v, l)| ArcEnds {
            source: v as u32,
            target: root,
            cost: l.cost,
        });
        let all: Vec<ArcEnds> = arcs.iter().copied().chain(stars).collect();
        let cap: Vec<i64> = cap
            .iter()
            .copied()
            .chain(leaves.iter().map(|l| l.cap))
            .collect();
        // New nodes start with empty rows at the end.
        self.first_out.resize(n + 1, m as u32);
        self.open_tail.resize(n, true);
        self.pot.resize(n, 0);
        self.parent.resize(n, root);
        self.pred.resize(n, NONE);
        self.dir.resize(n, UP);
        self.thread.resize(n, NONE);
        self.rev_thread.resize(n, NONE);
        self.succ_num.resize(n, 1);
        self.last_succ.resize(n, NONE);
        // before[u]: how many new arcs have a tail below u, so the row of u moves up by that.
        let mut before = vec![0u32; n + 1];
        for a in &all {
            before[a.source as usize + 1] += 1;
        }
        for u in 0..n {
            before[u + 1] += before[u];
        }
        let mut fill: Vec<u32> = (0..n).map(|u| self.first_out[u + 1] + before[u]).collect();
        let mut placed: Vec<u32> = all
            .iter()
            .map(|a| {
                let at = fill[a.source as usize];
                fill[a.source as usize] += 1;
                at
            })
            .collect();
        let moved: Vec<u32> = (0..m)
            .map(|e| e as u32 + before[self.source[e] as usize])
            .collect();
        let total = m + all.len();
        fn spread<T: Copy + Default>(
            old: &[T],
            moved: &[u32],
            new: impl Iterator<Item = T>,
            placed: &[u32],
            total: usize,
        ) -> Vec<T> {
            let mut out = vec![T::default(); total];
            for (&x, &to) in old.iter().zip(moved) {
                out[to as usize] = x;
            }
            for (x, &to) in new.zip(placed) {
                out[to as usize] = x;
            }
            out
        }
        let sources = all.iter().map(|a| a.source);
        self.source = spread(&self.source, &moved, sources, &placed, total);
        let targets = all.iter().map(|a| a.target);
        self.target = spread(&self.target, &moved, targets, &placed, total);
        self.cost = spread(&self.cost, &moved, cost.into_iter(), &placed, total);
        self.cap = spread(&self.cap, &moved, cap.iter().copied(), &placed, total);
        let zeros = std::iter::repeat(0);
        self.flow = spread(&self.flow, &moved, zeros, &placed, total);
        let lower = std::iter::repeat(LOWER);
        self.state = spread(&self.state, &moved, lower, &placed, total);
        for (u, first) in self.first_out.iter_mut().enumerate() {
            *first += before[u];
        }
        for (a, &c) in all.iter().zip(&cap) {
            if c < limits::UNBOUNDED {
                self.open_tail[a.source as usize] = false;
            }
        }
        for e in self.pred.iter_mut().filter(|e| **e != NONE) {
            *e = moved[*e as usize];
        }
        // Each leaf hangs from the root, first in the walk after it.
        let leaf_arcs = placed.split_off(arcs.len());
        for (i, (leaf, &e)) in leaves.iter().zip(&leaf_arcs).enumerate() {
            let (v, e) = (old_n + i, e as usize);
            self.flow[e] = leaf.supply;
            self.state[e] = TREE;
            self.pred[v] = e as u32;
            // cost + pot[v] − pot[root] = 0.
            self.pot[v] = self.pot[root as usize] - leaf.cost;
            self.last_succ[v] = v as u32;
            let after = self.thread[root as usize];
            self.link(root, v as u32);
            self.link(v as u32, after);
            if self.last_succ[root as usize] == root {
                self.last_succ[root as usize] = v as u32;
            }
            self.succ_num[root as usize] += 1;
        }
        Some(Inserted {
            moved,
            placed,
            leaves: leaf_arcs,
        })
    }

    /// Pivots until no arc has a negative reduced cost, showing `observer` every basis.
    ///
    /// Block search reads blocks of √m arcs (at least 10, at most m), resuming each search
    /// where the last one stopped.
    pub fn solve(&mut self, observer: &mut impl Observer) {
        observer.start(self);
        let m = self.target.len();
        if m > 0 {
            let block = ((m as f64).sqrt() as usize).max(10).min(m);
            let mut next = 0;
            while let Some(e) = self.find_entering(&mut next, block) {
                self.pivot(e);
                self.pivots += 1;
                observer.pivoted(self);
            }
        }
        observer.finish(self);
    }

    /// Block search: the arc of most negative reduced cost in the first block, starting at
    /// `next`, that has one.
    #[inline(never)]
    fn find_entering(&self, next: &mut usize, block: usize) -> Option<usize> {
        let m = self.target.len();
        let (pot, target, cost, state) = (&self.pot, &self.target, &self.cost, &self.state);
        let mut best = usize::MAX;
        let mut min = 0i64;
        let mut left = block;
        let mut e = *next;
        let mut u = self.source[e] as usize;
        let mut scanned = 0;
        while scanned < m {
            // The arcs of tail u from e on, up to the end of the block or of the whole scan.
            let end = (self.first_out[u + 1] as usize)
                .min(e + left)
                .min(e + (m - scanned));
            let (pu, target, cost) = (pot[u], &target[e..end], &cost[e..end]);
            let len = target.len().min(cost.len());
            let rc = |i: usize| cost[i].get() + pu - pot[target[i] as usize];
            let (c, i) = if self.open_tail[u] {
                // No arc here can be at its upper bound, and tree arcs have reduced cost 0,
                // so the reduced cost is the pricing value and the state need not be read.
                lanes_min(len, rc)
            } else {
                let state = &state[e..end];
                lanes_min(len.min(state.len()), |i| state[i] as i64 * rc(i))
            };
            if c < min {
                min = c;
                best = e + i;
            }
            let done = end - e;
            scanned += done;
            left -= done;
            e = end;
            if e == m {
                e = 0;
            }
            if left == 0 {
                if min < 0 {
                    *next = e;
                    return Some(best);
                }
                left = block;
            }
            if e == self.first_out[u + 1] as usize || e == 0 {
                u = self.source[e] as usize;
            }
        }
        if min < 0 {
            *next = e;
            return Some(best);
        }
        None
    }

    /// The apex of the cycle the entering arc closes: the deepest common ancestor.
    #[inline(never)]
    fn join(&self, mut u: u32, mut v: u32) -> u32 {
        while u != v {
            if self.succ_num[u as usize] < self.succ_num[v as usize] {
                u = self.parent[u as usize];
            } else {
                v = self.parent[v as usize];
            }
        }
        u
    }

    /// Brings arc `e_in`, which prices negative, into the basis: pushes as much flow as the
    /// tree allows round the cycle it closes and, unless the arc itself blocks, swaps it for
    /// the last blocking arc of the cycle (Cunningham's rule; see the module documentation).
    #[inline(never)]
    fn pivot(&mut self, e_in: usize) {
        let (source, target) = (self.source[e_in], self.target[e_in]);
        let join = self.join(source, target);
        // Flow goes round the cycle first → (entering arc) → second → up to join → down to first.
        let (first, second) = if self.state[e_in] == LOWER {
            (source, target)
        } else {
            (target, source)
        };
        let mut delta = self.cap[e_in];
        let mut side = 0u8;
        let mut u_out = NONE;
        // On the way down to `first` the cycle follows DOWN arcs and opposes UP arcs. Ties go
        // to the blocking arc met last from the apex: strict on this side, inclusive on the
        // other, which is what keeps the tree strongly feasible.
        let mut u = first;
        while u != join {
            let d = self.room(u, DOWN);
            if d < delta {
                delta = d;
                u_out = u;
                side = 1;
            }
            u = self.parent[u as usize];
        }
        let mut u = second;
        while u != join {
            let d = self.room(u, UP);
            if d <= delta {
                delta = d;
                u_out = u;
                side = 2;
            }
            u = self.parent[u as usize];
        }

        if delta > 0 {
            let val = self.state[e_in] as i64 * delta;
            self.flow[e_in] += val;
            self.add_flow_up_to(source, join, -val);
            self.add_flow_up_to(target, join, val);
        }

        if side == 0 {
            // The entering arc blocks itself: it just moves to its other bound.
            self.state[e_in] = -self.state[e_in];
            return;
        }
        let (u_in, v_in) = if side == 1 {
            (first, second)
        } else {
            (second, first)
        };
        let e_out = self.pred[u_out as usize] as usize;
        self.state[e_in] = TREE;
        self.state[e_out] = if self.flow[e_out] == 0 { LOWER } else { UPPER };
        self.update_tree(e_in, u_in, v_in, u_out, join);
    }

    /// How much more flow the tree arc above `u` can take from a cycle that crosses it in
    /// direction `along` (UP: from `u` to its parent): up to its capacity if the arc points
    /// that way, down to zero if it points against it.
    fn room(&self, u: u32, along: i8) -> i64 {
        let e = self.pred[u as usize] as usize;
        if self.dir[u as usize] == along {
            self.cap[e] - self.flow[e]
        } else {
            self.flow[e]
        }
    }

    /// Sends `val` up the tree from `u` to `top` (negative `val`: down from `top` to `u`).
    fn add_flow_up_to(&mut self, mut u: u32, top: u32, val: i64) {
        while u != top {
            let e = self.pred[u as usize] as usize;
            self.flow[e] += self.dir[u as usize] as i64 * val;
            u = self.parent[u as usize];
        }
    }

    /// After a subtree of `size` nodes left (`change` = −size, wrapping) or joined
    /// (`change` = size) the thread below `from`: ancestors of `from` whose subtree ended at
    /// `old_last` now end at `new_last`, and those below `join` change size. Above `join`
    /// the subtree is both cut and re-hung, so sizes there do not change.
    fn fix_ancestors(&mut self, from: u32, old_last: u32, new_last: u32, join: u32, change: u32) {
        let mut x = from;
        while x != NONE && self.last_succ[x as usize] == old_last {
            self.last_succ[x as usize] = new_last;
            x = self.parent[x as usize];
        }
        let mut x = from;
        while x != join {
            let n = &mut self.succ_num[x as usize];
            *n = n.wrapping_add(change);
            x = self.parent[x as usize];
        }
    }

    fn link(&mut self, a: u32, b: u32) {
        self.thread[a as usize] = b;
        self.rev_thread[b as usize] = a;
    }

    /// Replaces tree arc `pred[u_out]` by `e_in`: the subtree of `u_out` is cut off, re-rooted
    /// at `u_in` and hung below `v_in`.
    #[inline(never)]
    fn update_tree(&mut self, e_in: usize, u_in: u32, v_in: u32, u_out: u32, join: u32) {
        let old_parent = self.parent[u_out as usize];
        let size = self.succ_num[u_out as usize];
        let last_out = self.last_succ[u_out as usize];

        // The path u_in = w0, w1, …, wk = u_out, with the values the relinking needs.
        let mut path = std::mem::take(&mut self.path);
        path.clear();
        let mut w = u_in;
        loop {
            let wi = w as usize;
            path.push(PathNode {
                node: w,
                last: self.last_succ[wi],
                size: self.succ_num[wi],
                rev: self.rev_thread[wi],
                after_last: self.thread[self.last_succ[wi] as usize],
            });
            if w == u_out {
                break;
            }
            w = self.parent[wi];
        }

        // Cut the subtree of u_out out of the thread.
        let before = self.rev_thread[u_out as usize];
        let after = self.thread[last_out as usize];
        self.link(before, after);
        self.fix_ancestors(old_parent, last_out, before, join, size.wrapping_neg());

        // Re-root: the new preorder is R0 R1 … Rk where Ri is the old subtree of wi without
        // that of w(i-1). Ri is wi, the part of its subtree before w(i-1) (ending at the old
        // thread predecessor of w(i-1)), then the part after the old last node of w(i-1).
        let mut end = path[0].last;
        for i in 1..path.len() {
            let (prev, cur) = (path[i - 1], path[i]);
            self.link(end, cur.node);
            if prev.last != cur.last {
                self.link(prev.rev, prev.after_last);
                end = cur.last;
            } else {
                end = prev.rev;
            }
        }
        let new_last = end;

        // Hang the re-rooted subtree right after v_in, as its first child.
        let next = self.thread[v_in as usize];
        self.link(v_in, u_in);
        self.link(new_last, next);

        // Parents and tree arcs along the path turn round.
        for i in (1..path.len()).rev() {
            let (below, w) = (path[i - 1].node as usize, path[i].node as usize);
            self.pred[w] = self.pred[below];
            self.dir[w] = -self.dir[below];
            self.parent[w] = below as u32;
            self.succ_num[w] = size - path[i - 1].size;
            self.last_succ[w] = new_last;
        }
        let w0 = u_in as usize;
        self.parent[w0] = v_in;
        self.pred[w0] = e_in as u32;
        self.dir[w0] = if self.source[e_in] == u_in { UP } else { DOWN };
        self.succ_num[w0] = size;
        self.last_succ[w0] = new_last;

        self.fix_ancestors(v_in, v_in, new_last, join, size);
        self.path = path;

        self.shift_potentials(e_in, u_in, v_in, size, new_last);
    }

    /// Makes the new tree arc's reduced cost zero by shifting the potentials of one side of it:
    /// the moved subtree, or everything else when that is smaller (potentials are only defined
    /// up to a constant), then, if the root's potential has drifted beyond [`POT_DRIFT`],
    /// everything back so that it is zero.
    #[inline(never)]
    fn shift_potentials(&mut self, e_in: usize, u_in: u32, v_in: u32, size: u32, new_last: u32) {
        let c = self.cost[e_in].get();
        let (pu, pv) = (self.pot[u_in as usize], self.pot[v_in as usize]);
        let sigma = if self.source[e_in] == u_in {
            pv - pu - c
        } else {
            pv - pu + c
        };
        let n = self.pot.len() as u32;
        if size <= n / 2 {
            let mut u = u_in;
            for _ in 0..size {
                self.pot[u as usize] += sigma;
                u = self.thread[u as usize];
            }
        } else {
            let mut u = self.thread[new_last as usize];
            for _ in 0..n - size {
                self.pot[u as usize] -= sigma;
                u = self.thread[u as usize];
            }
            // The root was on that side. Left alone, its potential would drift without bound
            // over many pivots and, with costs near the limits, leave i64.
            let base = self.pot[self.root as usize];
            if base.abs() > POT_DRIFT {
                self.pot.iter_mut().for_each(|p| *p -= base);
            }
        }
    }

    /// Flow on every arc, in the caller's order.
    pub fn flows(&self) -> Vec<i64> {
        if self.external.is_empty() {
            return self.flow.clone();
        }
        let mut flow = vec![0; self.flow.len()];
        for (e, &i) in self.external.iter().enumerate() {
            flow[i as usize] = self.flow[e];
        }
        flow
    }

    /// Node potentials with the root's set to zero, in the simplex's own sign: the reduced
    /// cost of an arc is `cost + pot[source] - pot[target]`.
    pub fn potentials(&self) -> Vec<i64> {
        let base = self.pot[self.root as usize];
        self.pot.iter().map(|p| p - base).collect()
    }

    /// Optimal potentials that are shortest-path distances from the root in the residual
    /// network (root at zero): `pot[v]` is the cheapest cost of sending one more unit from
    /// the root to `v`. Where the optimum is degenerate the basis's potentials are one of
    /// several valid duals; these are the ones that price the next unit. Falls back to the
    /// basis's potentials if some node cannot be reached.
    ///
    /// Dijkstra's algorithm runs on reduced costs, which are non-negative on every residual arc
    /// at optimality.
    pub fn root_distances(&self) -> Vec<i64> {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        let n = self.pot.len();
        let m = self.target.len();
        let rc = |e: usize| {
            self.cost[e].get() + self.pot[self.source[e] as usize]
                - self.pot[self.target[e] as usize]
        };
        // Arcs with flow, by head: they can be walked backwards.
        let mut first_in = vec![0u32; n + 1];
        for e in (0..m).filter(|&e| self.flow[e] > 0) {
            first_in[self.target[e] as usize + 1] += 1;
        }
        for v in 0..n {
            first_in[v + 1] += first_in[v];
        }
        let mut fill = first_in.clone();
        let mut back = vec![0u32; first_in[n] as usize];
        for e in (0..m).filter(|&e| self.flow[e] > 0) {
            let v = self.target[e] as usize;
            back[fill[v] as usize] = e as u32;
            fill[v] += 1;
        }
        let mut dist = vec![i64::MAX; n];
        let mut heap = BinaryHeap::new();
        dist[self.root as usize] = 0;
        heap.push(Reverse((0i64, self.root)));
        while let Some(Reverse((d, u))) = heap.pop() {
            let u = u as usize;
            if d > dist[u] {
                continue;
            }
            let forward = (self.first_out[u]..self.first_out[u + 1])
                .map(|e| e as usize)
                .filter(|&e| self.flow[e] < self.cap[e])
                .map(|e| (self.target[e], rc(e)));
            let backward = back[first_in[u] as usize..first_in[u + 1] as usize]
                .iter()
                .map(|&e| (self.source[e as usize], -rc(e as usize)));
            for (v, w) in forward.chain(backward) {
                let nd = d + w.max(0);
                if nd < dist[v as usize] {
                    dist[v as usize] = nd;
                    heap.push(Reverse((nd, v)));
                }
            }
        }
        if dist.contains(&i64::MAX) {
            return self.potentials();
        }
        let base = self.pot[self.root as usize];
        (0..n).map(|v| dist[v] + self.pot[v] - base).collect()
    }
}

/// The invariants of the module documentation, checked in full; for tests. O(n + m) each.
#[cfg(test)]
impl<C: CostInt> Simplex<C> {
    /// Reduced cost of arc `e`.
    fn reduced_cost(&self, e: usize) -> i64 {
        self.cost[e].get() + self.pot[self.source[e] as usize] - self.pot[self.target[e] as usize]
    }

    /// Checks invariants 1, 2, 4 and 5 and the bounds of 3: the arcs are stored in compressed
    /// rows; `parent` is a tree rooted at `root` whose arcs `pred` with directions `dir` are
    /// exactly the arcs in state `TREE`; `thread` is a preorder walk of it with `rev_thread`
    /// its inverse and `succ_num`, `last_succ` the sizes and ends of the subtrees; every flow
    /// lies within its bounds and agrees with its arc's state; tree arcs have reduced cost
    /// zero; and every node has positive room towards the root (strong feasibility). Flow
    /// conservation needs the supplies, which the simplex does not keep: [`testing::TreeCheck`]
    /// checks it.
    pub fn check_tree(&self) -> Result<(), String> {
        let (n, m) = (self.pot.len(), self.target.len());
        for (what, len, want) in [
            ("parent", self.parent.len(), n),
            ("pred", self.pred.len(), n),
            ("dir", self.dir.len(), n),
            ("thread", self.thread.len(), n),
            ("rev_thread", self.rev_thread.len(), n),
            ("succ_num", self.succ_num.len(), n),
            ("last_succ", self.last_succ.len(), n),
            ("open_tail", self.open_tail.len(), n),
            ("first_out", self.first_out.len(), n + 1),
            ("source", self.source.len(), m),
            ("cost", self.cost.len(), m),
            ("cap", self.cap.len(), m),
            ("flow", self.flow.len(), m),
            ("state", self.state.len(), m),
        ] {
            if len != want {
                return Err(format!("{what} has {len} entries, expected {want}"));
            }
        }
        if self.root as usize >= n {
            return Err(format!("root {} is not a node", self.root));
        }
        let base = self.pot[self.root as usize];
        if base.abs() > POT_DRIFT {
            return Err(format!(
                "the root's potential {base} has drifted beyond 2^61"
            ));
        }
        self.check_arcs()?;
        let order = self.check_thread()?;
        self.check_subtrees(&order)?;
        self.check_tree_arcs()
    }

    /// Compressed rows, `open_tail`, `external`, and every arc's flow against its bounds and
    /// state; the number of arcs in state `TREE`.
    fn check_arcs(&self) -> Result<(), String> {
        let (n, m) = (self.pot.len(), self.target.len());
        if self.first_out[0] != 0 || self.first_out[n] as usize != m {
            return Err("first_out does not span the arcs".into());
        }
        for u in 0..n {
            let row = self.first_out[u] as usize..self.first_out[u + 1] as usize;
            if row.start > row.end {
                return Err(format!("first_out decreases at node {u}"));
            }
            if let Some(e) = row.clone().find(|&e| self.source[e] as usize != u) {
                return Err(format!(
                    "arc {e} is in the row of node {u} but leaves {}",
                    self.source[e]
                ));
            }
            let open = row.clone().all(|e| self.cap[e] >= limits::UNBOUNDED);
            if self.open_tail[u] != open {
                return Err(format!("open_tail of node {u} is wrong"));
            }
        }
        if let Some(e) = self.target.iter().position(|&v| v as usize >= n) {
            return Err(format!(
                "arc {e} enters node {}, which does not exist",
                self.target[e]
            ));
        }
        if !self.external.is_empty() {
            let mut seen = vec![false; m];
            for &i in &self.external {
                if i as usize >= m || std::mem::replace(&mut seen[i as usize], true) {
                    return Err("external is not a permutation of the arcs".into());
                }
            }
        }
        let mut tree = 0;
        for e in 0..m {
            let (f, c) = (self.flow[e], self.cap[e]);
            if !(0..=limits::UNBOUNDED).contains(&c) {
                return Err(format!("arc {e} has capacity {c}"));
            }
            if !(0..=c).contains(&f) {
                return Err(format!("arc {e} carries {f}, outside 0..={c}"));
            }
            match self.state[e] {
                LOWER if f != 0 => {
                    return Err(format!("arc {e} is at its lower bound but carries {f}"));
                }
                UPPER if f != c => {
                    return Err(format!("arc {e} is at its upper bound {c} but carries {f}"));
                }
                LOWER | UPPER => {}
                TREE => tree += 1,
                other => return Err(format!("arc {e} has state {other}")),
            }
        }
        if tree != n - 1 {
            return Err(format!(
                "{tree} arcs are in state TREE; a spanning tree has {}",
                n - 1
            ));
        }
        Ok(())
    }

    /// The thread as one cycle through all nodes from the root, with `rev_thread` its
    /// inverse; gives the nodes in thread order.
    fn check_thread(&self) -> Result<Vec<u32>, String> {
        let n = self.pot.len();
        let mut seen = vec![false; n];
        let mut order = Vec::with_capacity(n);
        let mut u = self.root;
        for step in 0..n {
            if u as usize >= n || std::mem::replace(&mut seen[u as usize], true) {
                return Err(format!(
                    "thread leaves the nodes or revisits {u} at step {step}"
                ));
            }
            order.push(u);
            let next = self.thread[u as usize];
            if next as usize >= n || self.rev_thread[next as usize] != u {
                return Err(format!("rev_thread of {next} is not {u}"));
            }
            u = next;
        }
        if u != self.root {
            return Err("thread does not close into one cycle through all nodes".into());
        }
        Ok(order)
    }

    /// That `parent` is a tree walked in preorder by `order`, and `succ_num` and `last_succ`
    /// its subtrees' sizes and last nodes.
    fn check_subtrees(&self, order: &[u32]) -> Result<(), String> {
        let n = order.len();
        if self.parent[self.root as usize] != NONE {
            return Err("the root has a parent".into());
        }
        // In a preorder walk each node's parent is on the path from the root to the node
        // before it; that path is kept on a stack, and a node leaves it when the walk leaves
        // its subtree, at which point the node before is the subtree's last.
        let mut position = vec![0u32; n];
        let mut last = vec![NONE; n];
        let mut stack = vec![self.root];
        for (i, pair) in order.windows(2).enumerate() {
            let (before, v) = (pair[0], pair[1]);
            position[v as usize] = i as u32 + 1;
            let p = self.parent[v as usize];
            while let Some(&top) = stack.last().filter(|&&top| top != p) {
                last[top as usize] = before;
                stack.pop();
            }
            if stack.is_empty() {
                return Err(format!(
                    "thread is not a preorder of the tree: node {v} follows {before}, but its \
                     parent {p} is not {before} or one of its ancestors"
                ));
            }
            stack.push(v);
        }
        for &x in &stack {
            last[x as usize] = order[n - 1];
        }
        for v in 0..n {
            let size = position[last[v] as usize] - position[v] + 1;
            if self.succ_num[v] != size {
                return Err(format!(
                    "succ_num of {v} is {}, its subtree has {size} nodes",
                    self.succ_num[v]
                ));
            }
            if self.last_succ[v] != last[v] {
                return Err(format!(
                    "last_succ of {v} is {}, its subtree ends at {}",
                    self.last_succ[v], last[v]
                ));
            }
        }
        Ok(())
    }

    /// Each node's tree arc: joins it to its parent in the stated direction, is in state
    /// `TREE`, has reduced cost zero and positive room towards the root.
    fn check_tree_arcs(&self) -> Result<(), String> {
        for v in (0..self.pot.len()).filter(|&v| v != self.root as usize) {
            let e = self.pred[v] as usize;
            if e >= self.target.len() {
                return Err(format!("node {v} has no tree arc"));
            }
            let (src, tgt, p) = (self.source[e], self.target[e], self.parent[v]);
            let (joins, way) = match self.dir[v] {
                UP => (src as usize == v && tgt == p, "up"),
                DOWN => (src == p && tgt as usize == v, "down"),
                _ => (false, "nowhere"),
            };
            if !joins {
                return Err(format!(
                    "tree arc {e} ({src} → {tgt}) of node {v} does not run {way} to its parent {p}"
                ));
            }
            if self.state[e] != TREE {
                return Err(format!("tree arc {e} of node {v} is not in state TREE"));
            }
            let rc = self.reduced_cost(e);
            if rc != 0 {
                return Err(format!("tree arc {e} of node {v} has reduced cost {rc}"));
            }
            if self.room(v as u32, UP) <= 0 {
                return Err(format!(
                    "not strongly feasible: tree arc {e} of node {v} points {way} with flow {} \
                     of {}, so no flow can go from {v} towards the root",
                    self.flow[e], self.cap[e]
                ));
            }
        }
        Ok(())
    }

    /// [`Simplex::check_tree`], and that the basis is optimal: no arc prices negative, so
    /// every arc at its lower bound has reduced cost ≥ 0 and every arc at its upper bound
    /// reduced cost ≤ 0.
    pub fn check_optimal(&self) -> Result<(), String> {
        self.check_tree()?;
        for e in 0..self.target.len() {
            let rc = self.reduced_cost(e);
            match self.state[e] {
                LOWER if rc < 0 => {
                    return Err(format!("arc {e} at its lower bound has reduced cost {rc}"));
                }
                UPPER if rc > 0 => {
                    return Err(format!("arc {e} at its upper bound has reduced cost {rc}"));
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Tools for the flow engine's tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::{CostInt, Observer, Simplex};

    /// A deterministic pseudo-random sequence for building test networks.
    pub(crate) struct Lcg(pub u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }

        /// Uniform in `0..n` (62 random bits).
        pub fn below(&mut self, n: u64) -> u64 {
            ((self.next() << 31) | self.next()) % n
        }

        /// Uniform in `lo..=hi`.
        pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
            lo + self.below((hi - lo) as u64 + 1) as i64
        }

        /// True `percent` times in a hundred.
        pub fn percent(&mut self, percent: u64) -> bool {
            self.below(100) < percent
        }
    }

    /// What a pivot must improve: the cost, or at equal cost the potentials.
    #[derive(PartialEq, Clone)]
    struct Progress {
        /// Each node's tree arc.
        tree: Vec<u32>,
        /// Σ cost × flow.
        cost: i128,
        /// Σ over nodes of potential minus the root's.
        potential: i128,
    }

    /// An [`Observer`] that checks the simplex as it runs, and panics, naming the instance
    /// and the pivot, at the first thing wrong:
    ///
    /// - the first basis, every `every`-th and the last: `Simplex::check_tree`, and that every
    ///   node's outflow minus inflow is still what the first basis gave it (its supply);
    /// - the last: `Simplex::check_optimal`;
    /// - every pivot: progress as the module documentation argues it, that a pivot which
    ///   changes the tree lowers the cost, or keeps it and raises the potentials' sum, and
    ///   that one which does not change the tree raises neither.
    #[derive(Clone)]
    pub(crate) struct TreeCheck {
        label: String,
        every: u64,
        supply: Vec<i128>,
        last: Option<Progress>,
        /// Pivots that changed the tree without changing the cost.
        pub degenerate: u64,
        /// Pivots seen.
        pub pivots: u64,
    }

    impl TreeCheck {
        /// Checks in full every `every` pivots.
        pub fn new(label: impl Into<String>, every: u64) -> TreeCheck {
            TreeCheck {
                label: label.into(),
                every: every.max(1),
                supply: Vec::new(),
                last: None,
                degenerate: 0,
                pivots: 0,
            }
        }

        fn fail(&self, what: &str, error: String) -> ! {
            panic!("{}, {what} (pivot {}): {error}", self.label, self.pivots)
        }

        fn check<C: CostInt>(&mut self, s: &Simplex<C>, what: &str) {
            if let Err(e) = s.check_tree() {
                self.fail(what, e);
            }
            let net = balance(s);
            if let Some(v) = (0..net.len()).find(|&v| net[v] != self.supply[v]) {
                self.fail(what, format!("node {v} no longer meets its supply"));
            }
        }
    }

    /// Each node's outflow minus inflow.
    fn balance<C: CostInt>(s: &Simplex<C>) -> Vec<i128> {
        let mut net = vec![0i128; s.pot.len()];
        for e in 0..s.target.len() {
            net[s.source[e] as usize] += s.flow[e] as i128;
            net[s.target[e] as usize] -= s.flow[e] as i128;
        }
        net
    }

    /// The tree, the cost and the potentials' sum of the basis.
    fn progress<C: CostInt>(s: &Simplex<C>) -> Progress {
        let root = s.pot[s.root as usize] as i128;
        Progress {
            tree: s.pred.clone(),
            cost: (0..s.target.len())
                .map(|e| s.cost[e].get() as i128 * s.flow[e] as i128)
                .sum(),
            potential: s.pot.iter().map(|&p| p as i128 - root).sum(),
        }
    }

    impl Observer for TreeCheck {
        fn start<C: CostInt>(&mut self, s: &Simplex<C>) {
            self.supply = balance(s);
            self.check(s, "first basis");
            self.last = Some(progress(s));
        }

        fn pivoted<C: CostInt>(&mut self, s: &Simplex<C>) {
            self.pivots += 1;
            let last = self.last.replace(progress(s)).unwrap();
            let now = self.last.as_ref().unwrap();
            let fine = if now.tree != last.tree {
                let degenerate = now.cost == last.cost;
                self.degenerate += degenerate as u64;
                now.cost < last.cost || degenerate && now.potential > last.potential
            } else {
                now.cost <= last.cost && now.potential == last.potential
            };
            if !fine {
                self.fail(
                    "pivot",
                    "no progress: a cycle of bases would be possible".into(),
                );
            }
            if self.pivots.is_multiple_of(self.every) {
                self.check(s, "after a pivot");
            }
        }

        fn finish<C: CostInt>(&mut self, s: &Simplex<C>) {
            self.check(s, "last basis");
            if let Err(e) = s.check_optimal() {
                self.fail("last basis", e);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{Lcg, TreeCheck};
    use super::*;

    /// A small random network with a star basis as [`super::super::Network`] builds it: arcs
    /// with small capacities (zero too) and costs (negative too), supplies with many zeros,
    /// and a root joined to every node by an expensive arc pointing up for a node without
    /// demand and down for one with.
    fn small_network(rng: &mut Lcg) -> StarProblem {
        let n = 2 + rng.below(12) as u32;
        let mut problem = StarProblem::new(n as usize + 1, 0);
        for _ in 0..rng.below(40) {
            let (u, v) = (rng.below(n as u64) as u32, rng.below(n as u64) as u32);
            if u != v {
                problem.add_arc(u, v, rng.range(-5, 15), rng.range(0, 5));
            }
        }
        for u in 0..n {
            let supply = rng.range(-3, 3);
            problem.supply[u as usize] = supply;
            problem.add_star_arc(u, supply >= 0, 1000, 1 << 40);
        }
        problem
    }

    /// Pivots with a block of three arcs, to vary the pivots from those `solve` would make.
    fn solve_in_small_blocks(s: &mut Simplex<i64>, check: &mut TreeCheck) {
        check.start(s);
        let mut next = 0;
        while let Some(e) = s.find_entering(&mut next, 3.min(s.target.len())) {
            s.pivot(e);
            s.pivots += 1;
            check.pivoted(s);
        }
        check.finish(s);
    }

    #[test]
    fn every_pivot_leaves_a_strongly_feasible_tree() {
        let mut rng = Lcg(7);
        let mut degenerate = 0;
        for i in 0..300 {
            let problem = small_network(&mut rng);
            let mut check = TreeCheck::new(format!("network {i}"), 1);
            if i % 2 == 0 {
                let mut s = Simplex::<i64>::with_star(problem).unwrap();
                solve_in_small_blocks(&mut s, &mut check);
            } else {
                solve_from_star(problem, false, &mut check).unwrap();
            }
            degenerate += check.degenerate;
        }
        assert!(degenerate > 100, "only {degenerate} degenerate pivots");
    }

    /// A solved basis of a small network that took a few pivots, and its first basis.
    fn example() -> (Simplex<i64>, Simplex<i64>) {
        (0..)
            .find_map(|seed| {
                let problem = || small_network(&mut Lcg(seed));
                let mut solved = Simplex::<i64>::with_star(problem()).unwrap();
                solved.solve(&mut TreeCheck::new("example", 1));
                let first = Simplex::<i64>::with_star(problem()).unwrap();
                (solved.pivots >= 5 && solved.pot.len() >= 8).then_some((first, solved))
            })
            .unwrap()
    }

    #[test]
    fn corrupted_trees_are_rejected() {
        let (first, solved) = example();
        let (n, m) = (solved.pot.len(), solved.target.len());
        let root = solved.root as usize;
        let nodes = || (0..n).filter(move |&v| v != root);
        // A node below another node than the root, and a node with children.
        let deep = nodes()
            .find(|&v| solved.parent[v] as usize != root)
            .unwrap();
        let inner = nodes().find(|&v| solved.succ_num[v] > 1).unwrap();
        let leaf = nodes().find(|&v| solved.succ_num[v] == 1).unwrap();
        let lower = (0..m)
            .find(|&e| solved.state[e] == LOWER && solved.cap[e] > 0)
            .unwrap();
        type Corrupt = Box<dyn Fn(&mut Simplex<i64>)>;
        let edit: Vec<(&str, Corrupt)> = vec![
            (
                "rev_thread",
                Box::new(move |s| s.thread[root] = s.thread[s.thread[root] as usize]),
            ),
            ("succ_num", Box::new(move |s| s.parent[deep] = s.root)),
            ("succ_num", Box::new(move |s| s.succ_num[inner] += 1)),
            (
                "last_succ",
                Box::new(move |s| s.last_succ[inner] = inner as u32),
            ),
            (
                "the root has a parent",
                Box::new(move |s| s.parent[root] = leaf as u32),
            ),
            (
                "does not run",
                Box::new(move |s| s.dir[leaf] = -s.dir[leaf]),
            ),
            (
                "reduced cost 1",
                Box::new(move |s| s.pot[leaf] += s.dir[leaf] as i64),
            ),
            (
                "outside",
                Box::new(move |s| {
                    let e = s.pred[leaf] as usize;
                    s.flow[e] = s.cap[e] + 1;
                }),
            ),
            (
                "not strongly feasible",
                Box::new(move |s| {
                    let e = s.pred[leaf] as usize;
                    s.flow[e] = if s.dir[leaf] == UP { s.cap[e] } else { 0 };
                }),
            ),
            (
                "lower bound but carries 1",
                Box::new(move |s| s.flow[lower] = 1),
            ),
            (
                "arcs are in state TREE",
                Box::new(move |s| s.state[lower] = TREE),
            ),
        ];
        for (expected, corrupt) in edit {
            let mut s = example().1;
            assert_eq!(s.check_tree(), Ok(()));
            corrupt(&mut s);
            let error = s.check_tree().unwrap_err();
            assert!(
                error.contains(expected),
                "expected {expected:?}, got {error:?}"
            );
        }
        // The first basis is a sound tree, but not an optimal one.
        assert_eq!(first.check_tree(), Ok(()));
        let error = first.check_optimal().unwrap_err();
        assert!(
            error.contains("at its lower bound has reduced cost -"),
            "{error}"
        );
        assert_eq!(solved.check_optimal(), Ok(()));
    }

    #[test]
    fn a_star_that_is_not_strongly_feasible_is_rejected() {
        // A node without supply hung from the root by an arc pointing down carries no flow on
        // it, so it has no room towards the root; so does one hung by an arc of capacity zero.
        for (upward, cap) in [(false, 10), (true, 0)] {
            let mut problem = StarProblem::new(3, 3);
            problem.add_arc(0, 1, 1, 5);
            problem.add_star_arc(0, true, 100, 10);
            problem.add_star_arc(1, upward, 100, cap);
            let s = Simplex::<i64>::with_star(problem).unwrap();
            let error = s.check_tree().unwrap_err();
            assert!(error.contains("not strongly feasible"), "{error}");
        }
    }

    /// Σ cost × flow of a basis.
    fn total_cost(s: &Simplex<i64>) -> i128 {
        (0..s.target.len())
            .map(|e| s.cost[e] as i128 * s.flow[e] as i128)
            .sum()
    }

    /// [`small_network`] with up to ten more random arcs after its own.
    fn with_more_arcs(seed: u64) -> StarProblem {
        let mut rng = Lcg(seed);
        let mut problem = small_network(&mut rng);
        let n = problem.node_count as u64 - 1;
        for _ in 0..rng.below(11) {
            let (u, v) = (rng.below(n) as u32, rng.below(n) as u32);
            if u != v {
                problem.add_arc(u, v, rng.range(-8, 15), rng.range(0, 5));
            }
        }
        problem
    }

    #[test]
    fn a_warm_start_from_an_optimum_with_arcs_added_reaches_the_cold_optimum() {
        let (mut warm, mut cold, mut pivots_warm, mut pivots_cold) = (0, 0, 0, 0);
        for seed in 0..400 {
            let label = format!("network {seed}");
            // The optimum of the network without the added arcs, which come last.
            let fewer = small_network(&mut Lcg(seed));
            let mut before = Simplex::<i64>::with_star(fewer).unwrap();
            before.solve(&mut ());
            let mut start = before.flows();
            let problem = with_more_arcs(seed);
            let supply = problem.supply.clone();
            start.resize(problem.arcs.len(), 0);
            let mut scratch = Simplex::<i64>::with_star(with_more_arcs(seed)).unwrap();
            scratch.solve(&mut TreeCheck::new(format!("{label}, cold"), 1));
            let (mut s, started_warm) = match Simplex::<i64>::with_flow(problem, &start).unwrap() {
                Ok(s) => {
                    warm += 1;
                    // The first basis carries the start flow and meets the supplies.
                    assert_eq!(s.flows(), start, "{label}");
                    let net = testing_balance(&s);
                    for v in (0..net.len()).filter(|&v| v != s.root as usize) {
                        assert_eq!(net[v], supply[v] as i128, "{label}, node {v}");
                    }
                    (s, true)
                }
                Err(s) => {
                    cold += 1;
                    (s, false)
                }
            };
            // TreeCheck checks the first basis as a strongly feasible tree and the last as
            // optimal.
            s.solve(&mut TreeCheck::new(format!("{label}, warm"), 1));
            assert_eq!(total_cost(&s), total_cost(&scratch), "{label}");
            if started_warm {
                pivots_warm += s.pivots;
                pivots_cold += scratch.pivots;
            }
        }
        // Most optima make a basis (some leave a node with demand whose star arc carries
        // nothing cut off from the root by saturated arcs), and starting from them saves work.
        assert!(warm > 2 * cold, "{warm} warm starts, {cold} cold");
        assert!(
            pivots_warm < pivots_cold,
            "{pivots_warm} pivots warm, {pivots_cold} cold"
        );
    }

    /// `problem` with its arcs listed by tail (stable), as [`Simplex::insert`] needs them.
    fn by_tail(problem: StarProblem) -> StarProblem {
        let mut order: Vec<usize> = (0..problem.arcs.len()).collect();
        order.sort_by_key(|&i| problem.arcs[i].source);
        let mut at = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            at[old] = new as u32;
        }
        StarProblem {
            arcs: order.iter().map(|&i| problem.arcs[i]).collect(),
            cap: order.iter().map(|&i| problem.cap[i]).collect(),
            star: problem.star.iter().map(|&e| at[e as usize]).collect(),
            ..problem
        }
    }

    #[test]
    fn nodes_and_arcs_inserted_after_an_optimum_lead_on_to_the_cold_optimum() {
        let (mut leaves_added, mut pivots_on, mut pivots_cold) = (0, 0, 0);
        for seed in 0..400 {
            let label = format!("network {seed}");
            let mut rng = Lcg(seed);
            let problem = by_tail(small_network(&mut rng));
            let (n, root) = (problem.node_count, problem.root);
            let mut whole = StarProblem {
                arcs: problem.arcs.clone(),
                cap: problem.cap.clone(),
                supply: problem.supply.clone(),
                star: problem.star.clone(),
                ..problem
            };
            let mut s = Simplex::<i64>::with_star(problem).unwrap();
            s.solve(&mut TreeCheck::new(format!("{label}, before"), 1));
            // New leaves with supply, and new arcs among old and new nodes, some with
            // negative costs.
            let leaves: Vec<Leaf> = (0..rng.below(3))
                .map(|_| Leaf {
                    supply: rng.range(0, 3),
                    cost: 1000,
                    cap: 1 << 40,
                })
                .collect();
            let nodes = (n + leaves.len()) as u64;
            let mut arcs = Vec::new();
            let mut cap = Vec::new();
            for _ in 0..rng.below(11) {
                let (u, v) = (rng.below(nodes) as u32, rng.below(nodes) as u32);
                if u != v && u != root && v != root {
                    arcs.push(ArcEnds {
                        source: u,
                        target: v,
                        cost: rng.range(-8, 15),
                    });
                    cap.push(rng.range(0, 5));
                }
            }
            let inserted = s.insert(&leaves, &arcs, &cap).unwrap();
            assert_eq!(inserted.placed.len(), arcs.len(), "{label}");
            leaves_added += leaves.len();
            // The basis is still a strongly feasible tree, which the check sees first.
            let before = s.pivots;
            s.solve(&mut TreeCheck::new(format!("{label}, after"), 1));
            pivots_on += s.pivots - before;
            // The same network built whole, the leaves hung from the root by their arcs.
            whole.node_count += leaves.len();
            whole.supply.resize(whole.node_count, 0);
            whole.star.resize(whole.node_count, 0);
            for (a, &c) in arcs.iter().zip(&cap) {
                whole.add_arc(a.source, a.target, a.cost, c);
            }
            for (i, leaf) in leaves.iter().enumerate() {
                let v = n + i;
                whole.supply[v] = leaf.supply;
                whole.add_star_arc(v as u32, true, leaf.cost, leaf.cap);
            }
            let mut cold = Simplex::<i64>::with_star(whole).unwrap();
            cold.solve(&mut TreeCheck::new(format!("{label}, cold"), 1));
            pivots_cold += cold.pivots;
            assert_eq!(total_cost(&s), total_cost(&cold), "{label}");
        }
        assert!(leaves_added > 200, "{leaves_added} leaves added");
        assert!(
            pivots_on < pivots_cold,
            "{pivots_on} pivots after inserting, {pivots_cold} cold"
        );
    }

    #[test]
    fn arcs_are_not_inserted_where_they_do_not_fit() {
        let mut rng = Lcg(7);
        let problem = by_tail(small_network(&mut rng));
        let n = problem.node_count as u32;
        let mut s = Simplex::<i32>::with_star(problem).unwrap();
        let arc = |source, target, cost| ArcEnds {
            source,
            target,
            cost,
        };
        let leaf = |supply, cap| Leaf {
            supply,
            cost: 0,
            cap,
        };
        let before = (s.source.clone(), s.pot.len());
        for (what, leaves, arcs, cap) in [
            ("a loop", vec![], vec![arc(0, 0, 1)], vec![1]),
            (
                "a node beyond the last",
                vec![],
                vec![arc(0, n, 1)],
                vec![1],
            ),
            (
                "a cost beyond i32",
                vec![],
                vec![arc(0, 1, 1 << 40)],
                vec![1],
            ),
            ("a negative capacity", vec![], vec![arc(0, 1, 1)], vec![-1]),
            ("capacities missing", vec![], vec![arc(0, 1, 1)], vec![]),
            ("a leaf at its capacity", vec![leaf(3, 3)], vec![], vec![]),
            ("a leaf with demand", vec![leaf(-1, 3)], vec![], vec![]),
        ] {
            assert!(s.insert(&leaves, &arcs, &cap).is_none(), "{what}");
            assert_eq!((s.source.clone(), s.pot.len()), before, "{what}");
        }
        // Arcs the caller did not list by tail are numbered otherwise inside the simplex.
        let mut unsorted = Simplex::<i64>::with_star(small_network(&mut Lcg(3))).unwrap();
        assert!(!unsorted.external.is_empty());
        assert!(unsorted.insert(&[], &[arc(0, 1, 1)], &[1]).is_none());
    }

    /// Each node's outflow minus inflow.
    fn testing_balance(s: &Simplex<i64>) -> Vec<i128> {
        let mut net = vec![0i128; s.pot.len()];
        for e in 0..s.target.len() {
            net[s.source[e] as usize] += s.flow[e] as i128;
            net[s.target[e] as usize] -= s.flow[e] as i128;
        }
        net
    }

    #[test]
    fn start_flows_that_make_no_basis_fall_back_to_the_star() {
        // Nodes 0, 1, 2 and the root 3: node 0 supplies 2, node 1 demands 2, node 2 neither.
        let problem = || {
            let mut p = StarProblem::new(4, 8);
            p.add_arc(0, 1, 1, 2);
            p.add_arc(1, 2, 1, 5);
            p.add_arc(2, 0, 1, 5);
            p.add_arc(0, 2, 3, 5);
            p.supply[0] = 2;
            p.supply[1] = -2;
            p.add_star_arc(0, true, 100, 10);
            p.add_star_arc(1, false, 100, 10);
            p.add_star_arc(2, true, 100, 10);
            p
        };
        // Arcs 0→1, 1→2, 2→0, 0→2, then the star arcs of 0 (up), 1 (down) and 2 (up).
        let starts: [(&str, Vec<i64>); 6] = [
            ("fits", vec![0, 0, 0, 0, 2, 2, 0]),
            ("cycle 0→1→2→0", vec![1, 1, 1, 0, 2, 2, 0]),
            ("flow above a capacity", vec![0, 0, 6, 6, 2, 2, 0]),
            ("negative flow", vec![2, -1, -1, 0, -1, -1, 0]),
            ("supply not met", vec![1, 0, 0, 0, 0, 0, 0]),
            ("too short", vec![0, 0, 0, 0, 2, 2]),
        ];
        for (what, start) in starts {
            let s = Simplex::<i64>::with_flow(problem(), &start).unwrap();
            let mut s = match s {
                Ok(s) => {
                    assert_eq!(what, "fits");
                    assert_eq!(s.flows(), start);
                    s
                }
                Err(s) => {
                    assert_ne!(what, "fits");
                    // The star basis: every node a leaf below the root.
                    assert!((0..3).all(|v| s.parent[v] == 3), "{what}");
                    s
                }
            };
            s.solve(&mut TreeCheck::new(what, 1));
            assert_eq!(total_cost(&s), 2, "{what}");
        }
        // Arc 0→1 saturated leaves node 1 alone, and its star arc points down with no flow:
        // no room towards the root, so no basis.
        let s = Simplex::<i64>::with_flow(problem(), &[2, 0, 0, 0, 0, 0, 0]).unwrap();
        let Err(mut s) = s else {
            panic!("a node cut off from the root without room on its star arc was hung");
        };
        s.solve(&mut TreeCheck::new("cut off", 1));
        assert_eq!(total_cost(&s), 2);
        // Its capacity raised, the same flow leaves arc 0→1 free and makes a basis.
        let mut roomy = problem();
        roomy.cap[0] = 3;
        assert!(
            Simplex::<i64>::with_flow(roomy, &[2, 0, 0, 0, 0, 0, 0])
                .unwrap()
                .is_ok()
        );
    }

    #[test]
    #[should_panic(expected = "no longer meets its supply")]
    fn the_tree_check_notices_flow_that_does_not_meet_the_supplies() {
        let (_, mut solved) = example();
        let mut check = TreeCheck::new("example", 1);
        check.start(&solved);
        // One unit more from a parent down to its child on their tree arc: still within bounds
        // and strongly feasible, but neither node meets its supply any more.
        let v = (0..solved.pot.len())
            .filter(|&v| v != solved.root as usize)
            .find(|&v| solved.room(v as u32, DOWN) > 0)
            .unwrap();
        let e = solved.pred[v] as usize;
        solved.flow[e] -= solved.dir[v] as i64;
        check.finish(&solved);
    }

    #[test]
    #[should_panic(expected = "no progress")]
    fn the_tree_check_notices_a_pivot_that_makes_things_worse() {
        let (first, solved) = example();
        let mut check = TreeCheck::new("example", 1);
        check.start(&solved);
        check.pivoted(&first);
    }
}
