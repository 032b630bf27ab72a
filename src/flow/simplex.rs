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
//! strongly feasible and rules out cycling (Cunningham's rule).
//!
//! Block search reads every arc again and again and takes most of the time, so arcs are stored
//! sorted by tail in compressed rows: the scan reads each arc's head and cost (as `i32` when
//! every cost fits, otherwise `i64`), the tail's potential once per tail, and the arc's state
//! only for tails with an arc that can be saturated. Callers' arc order is restored in
//! [`Simplex::flows`].
//!
//! Capacities and potentials are `i64`. The caller ([`super::Network`] or
//! [`super::transport`]) checks the bounds of [`super::limits`] first, and within them no
//! reduced cost, potential or flow can overflow.

use super::limits;

/// Arc state: nonbasic at its upper bound (flow = capacity).
const UPPER: i8 = -1;
/// Arc state: in the spanning tree.
const TREE: i8 = 0;
/// Arc state: nonbasic at its lower bound (flow = 0).
const LOWER: i8 = 1;

/// Tree arc direction: the arc runs from the node up to its parent.
const UP: i8 = 1;
/// Tree arc direction: the arc runs from the parent down to the node.
const DOWN: i8 = -1;

/// No node (the root's parent) or no arc.
const NONE: u32 = u32::MAX;

/// An arc as callers hand it over.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ArcEnds {
    pub source: u32,
    pub target: u32,
    pub cost: i64,
}

/// How arc costs are stored: `i32` halves the bytes block search streams when every cost
/// fits, `i64` otherwise.
pub(crate) trait CostInt: Copy + Send + Sync + 'static {
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
    node: u32,
    last: u32,
    size: u32,
    /// Predecessor in the thread before the pivot.
    rev: u32,
    /// Successor of `last` in the thread before the pivot.
    after_last: u32,
}

/// What a solve gives back: flows in the caller's arc order, potentials with the root's at
/// zero (reduced cost `cost + pot[source] - pot[target]`), and the number of pivots.
pub(crate) struct Solved {
    pub flow: Vec<i64>,
    pub pot: Vec<i64>,
    pub pivots: u64,
}

/// A network with its first basis: every node other than `root` hangs from the root by the
/// arc `star[node]` (an index into `arcs`), which must join that node and the root.
pub(crate) struct StarProblem {
    pub node_count: usize,
    pub root: u32,
    pub arcs: Vec<ArcEnds>,
    pub cap: Vec<i64>,
    pub supply: Vec<i64>,
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

/// Solves from a star basis (see [`Simplex::with_star`]), storing costs as `i32` when they all
/// fit. `None` if the star basis is not feasible.
///
/// With `marginal`, the potentials are the root distances of [`Simplex::root_distances`].
pub(crate) fn solve_from_star(problem: StarProblem, marginal: bool) -> Option<Solved> {
    fn run<C: CostInt>(mut s: Simplex<C>, marginal: bool) -> Solved {
        s.solve();
        Solved {
            flow: s.flows(),
            pot: if marginal {
                s.root_distances()
            } else {
                s.potentials()
            },
            pivots: s.pivots,
        }
    }
    if problem.arcs.iter().all(|a| i32::try_from(a.cost).is_ok()) {
        Simplex::<i32>::with_star(problem).map(|s| run(s, marginal))
    } else {
        Simplex::<i64>::with_star(problem).map(|s| run(s, marginal))
    }
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

/// A network simplex problem with its current basis. Node `root` carries the tree's root.
///
/// Arcs are numbered internally in order of their tail (`first_out[u]..first_out[u + 1]` leave
/// `u`); `external[e]` is the caller's index of internal arc `e` (empty when the caller's arcs
/// were already in that order).
pub(crate) struct Simplex<C: CostInt> {
    source: Vec<u32>,
    target: Vec<u32>,
    cost: Vec<C>,
    first_out: Vec<u32>,
    /// Whether every arc leaving the node is unbounded ([`limits::UNBOUNDED`]), which no flow
    /// reaches, so none of them is ever at its upper bound.
    open_tail: Vec<bool>,
    external: Vec<u32>,
    cap: Vec<i64>,
    flow: Vec<i64>,
    state: Vec<i8>,
    pot: Vec<i64>,
    parent: Vec<u32>,
    pred: Vec<u32>,
    dir: Vec<i8>,
    thread: Vec<u32>,
    rev_thread: Vec<u32>,
    succ_num: Vec<u32>,
    last_succ: Vec<u32>,
    root: u32,
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
        let mut s = Simplex {
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
        let r = root as usize;
        s.parent[r] = NONE;
        s.succ_num[r] = n as u32;
        // Preorder: the root, then every other node in index order, each a leaf.
        let mut prev = root;
        for u in (0..n as u32).filter(|&u| u != root) {
            let ui = u as usize;
            let e = if sorted {
                star[ui]
            } else {
                internal[star[ui] as usize]
            };
            let ends = arcs[star[ui] as usize];
            let (dir, f) = if ends.source == u && ends.target == root {
                (UP, supply[ui])
            } else if ends.source == root && ends.target == u {
                (DOWN, -supply[ui])
            } else {
                return None;
            };
            if f < 0 || f > s.cap[e as usize] {
                return None;
            }
            s.flow[e as usize] = f;
            s.state[e as usize] = TREE;
            s.pred[ui] = e;
            s.dir[ui] = dir;
            // A tree arc has reduced cost 0: cost + pot[source] - pot[target] = 0.
            s.pot[ui] = if dir == UP { -ends.cost } else { ends.cost };
            s.last_succ[ui] = u;
            s.thread[prev as usize] = u;
            s.rev_thread[ui] = prev;
            prev = u;
        }
        s.thread[prev as usize] = root;
        s.rev_thread[r] = prev;
        s.last_succ[r] = prev;
        Some(s)
    }

    /// Pivots until no arc has a negative reduced cost.
    pub fn solve(&mut self) {
        let m = self.target.len();
        if m == 0 {
            return;
        }
        let block = ((m as f64).sqrt() as usize).max(10).min(m);
        let mut next = 0;
        while let Some(e) = self.find_entering(&mut next, block) {
            self.pivot(e);
            self.pivots += 1;
        }
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
    /// up to a constant).
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

    /// Whether the basis is a consistent spanning tree; for tests.
    #[cfg(test)]
    pub fn check_tree(&self) -> Result<(), String> {
        let n = self.pot.len();
        let mut seen = vec![false; n];
        let mut u = self.root;
        for i in 0..n {
            let ui = u as usize;
            if seen[ui] {
                return Err(format!("thread revisits {u} at step {i}"));
            }
            seen[ui] = true;
            let next = self.thread[ui];
            if self.rev_thread[next as usize] != u {
                return Err(format!("rev_thread of {next} is not {u}"));
            }
            u = next;
        }
        if u != self.root {
            return Err("thread is not one cycle".into());
        }
        for v in 0..n as u32 {
            let vi = v as usize;
            if v == self.root {
                continue;
            }
            let e = self.pred[vi] as usize;
            let (src, tgt) = (self.source[e], self.target[e]);
            let p = self.parent[vi];
            let ok = if self.dir[vi] == UP {
                src == v && tgt == p
            } else {
                src == p && tgt == v
            };
            if !ok || self.state[e] != TREE {
                return Err(format!("bad tree arc at {v}"));
            }
            if self.cost[e].get() + self.pot[src as usize] - self.pot[tgt as usize] != 0 {
                return Err(format!("tree arc {e} has non-zero reduced cost"));
            }
            // Subtree of v: succ_num nodes from v in the thread, ending at last_succ.
            let mut w = v;
            for _ in 1..self.succ_num[vi] {
                w = self.thread[w as usize];
            }
            if w != self.last_succ[vi] {
                return Err(format!("last_succ of {v} is wrong"));
            }
            let mut a = self.thread[w as usize];
            // The node after the subtree must not descend from v.
            while a != NONE && a != self.root {
                if a == v {
                    return Err(format!("subtree of {v} is too small"));
                }
                a = self.parent[a as usize];
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic pseudo-random sequence for building test networks.
    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
    }

    #[test]
    fn every_pivot_leaves_a_consistent_tree() {
        let mut rng = Lcg(7);
        for _ in 0..200 {
            let n = 2 + rng.below(12) as u32;
            let root = n;
            let mut arcs = Vec::new();
            let mut cap = Vec::new();
            for _ in 0..rng.below(40) {
                let (u, v) = (rng.below(n as u64) as u32, rng.below(n as u64) as u32);
                if u != v {
                    arcs.push(ArcEnds {
                        source: u,
                        target: v,
                        cost: rng.below(21) as i64 - 5,
                    });
                    cap.push(rng.below(6) as i64);
                }
            }
            let mut supply: Vec<i64> = (0..n).map(|_| rng.below(7) as i64 - 3).collect();
            supply.push(-supply.iter().sum::<i64>());
            let mut star = Vec::new();
            for u in 0..n {
                star.push(arcs.len() as u32);
                let (source, target) = if supply[u as usize] >= 0 {
                    (u, root)
                } else {
                    (root, u)
                };
                arcs.push(ArcEnds {
                    source,
                    target,
                    cost: 1000,
                });
                cap.push(1 << 40);
            }
            let problem = StarProblem {
                node_count: n as usize + 1,
                root,
                arcs,
                cap,
                supply,
                star,
            };
            let mut s = Simplex::<i64>::with_star(problem).unwrap();
            s.check_tree().unwrap();
            let m = s.target.len();
            let mut next = 0;
            while let Some(e) = s.find_entering(&mut next, 3.min(m)) {
                s.pivot(e);
                s.check_tree().unwrap();
            }
            // Optimality: reduced costs have the right sign at each bound.
            for e in 0..m {
                let rc = s.cost[e] + s.pot[s.source[e] as usize] - s.pot[s.target[e] as usize];
                assert!(s.state[e] as i64 * rc >= 0);
                assert!(s.flow[e] >= 0 && s.flow[e] <= s.cap[e]);
            }
        }
    }
}
