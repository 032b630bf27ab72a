//! The allocation problem as a transportation problem with an unhoused option.
//!
//! Groups `g` of `people[g]` go to sites `s` along given arcs at `cost` per person, or stay
//! unhoused at `unhoused_cost[g]` per person:
//!
//! ```text
//! minimise   Σ cost[a]·x[a] + Σ unhoused_cost[g]·u[g]
//! subject to Σ_{a from g} x[a] + u[g] = people[g]      for every group
//!            Σ_{a into s} x[a]        ≤ capacity[s]    for every site
//!            x, u ≥ 0
//! ```
//!
//! As a network: groups supply their people; each site drains into a sink `T` by an arc of
//! capacity `capacity[s]` and cost 0; each group also drains straight into `T` at its unhoused
//! cost. `T` is the root of the simplex's spanning tree, and the first basis is the one where
//! everybody is unhoused: no artificial arcs and no big-M costs.
//!
//! Groups and sites joined by arcs form connected parts that share nothing but `T`, and `T`
//! does not couple them (it takes any amount), so each part is solved on its own, in
//! parallel, and the results are put back in input order. A part's answer does not depend on
//! the others, so the result is the same whatever the number of threads.
//!
//! # Prices
//!
//! The solution carries LP duals. `site_price[s]` is the site's shadow price: exactly how much
//! the objective falls if the site gets one more bed (zero when it has spare beds).
//! `group_price[g]` is exactly how much it falls if group `g` has one person fewer (for a
//! group without people: what one person would cost). They satisfy
//! `group_price[g] ≤ unhoused_cost[g]`, `group_price[g] − site_price[s] ≤ cost` on every arc,
//! `site_price ≥ 0`, and strong duality:
//! `objective = Σ people[g]·group_price[g] − Σ capacity[s]·site_price[s]`.
//!
//! Transportation problems are highly degenerate, and the potentials of an optimal basis are
//! then only one of many dual solutions: one that may price a bed by what the *last* bed was
//! worth rather than what the *next* one would be. So after the simplex, the potentials are
//! replaced by shortest-path distances from the sink in the residual network (Dijkstra on
//! reduced costs), which are also optimal duals and are exactly those marginal values.
//!
//! # Warm starts
//!
//! [`Transport::solve_from`] takes a flow per arc (any feasible flow; usually the optimum of
//! the same groups and sites on fewer arcs, the arcs added since at zero) and starts each
//! part's simplex from a basis that carries it instead of from everybody unhoused. The arcs
//! strictly between their bounds (arcs with people on them, unhoused arcs of groups with
//! people out, and sites' arcs to `T` with some beds free) form the tree, completed to a
//! spanning tree rooted at `T`: every other piece hangs from `T` by the unhoused arc of one of
//! its groups (or, for a lone site, by its arc to `T`) at zero flow, which points towards the
//! root and keeps the tree strongly feasible. An optimum the engine returned always makes such
//! a basis, also when the new arcs merged parts (the union of trees that meet only at `T` is
//! a tree). A start that does not (people or beds exceeded, a negative flow, or arcs with
//! people on them that close a cycle, as two groups sharing two sites can) makes its part
//! start from everybody unhoused: the answer is the same optimum, only found more slowly.
//! [`TransportSolution::warm_parts`] counts the parts that started warm.
//! [`Transport::solve_from_basis`] also takes the last solve's final basis
//! ([`TransportSolution::basis`]: which arcs were in its tree), carried to the new arcs: the
//! simplex then starts on that very tree, whose prices were optimal, so only the arcs added
//! since can enter; when the carried tree does not fit, the basis is built from the flow alone.
//! Each part is built from the start independently, so the result still does not depend on
//! the number of threads.
//!
//! Pricing adds arcs round after round, and building every part again each round costs more
//! than the pivots on a large instance. [`Transport::solve_resumable`] keeps each part's
//! simplex, and [`Resumable::resolve`] inserts the new arcs into it at zero, outside the tree
//! (a group or site outside every part before becomes a leaf of the part its new arc reaches,
//! hung from the sink by its own arc), and pivots on from the last basis. A round that would
//! join two parts, or bring in a part of its own, builds the problem again from the carried
//! flow and basis instead. Which way a round goes depends on the arcs alone, so the answer
//! still does not depend on the number of threads.

use super::simplex::{self, StarProblem};
use super::{FlowError, UnionFind, check_cost, check_total, limits};
use rayon::prelude::*;

/// A permitted assignment: people of `group` may live at `site` at `cost` each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransportArc {
    /// Group index.
    pub group: u32,
    /// Site index.
    pub site: u32,
    /// Cost per person (for dormplan, commute metres).
    pub cost: i64,
}

/// A transportation problem with an unhoused option, borrowed from the caller.
#[derive(Debug, Clone, Copy)]
pub struct Transport<'a> {
    /// People in each group (≥ 0).
    pub people: &'a [i64],
    /// Cost per person left unhoused, per group.
    pub unhoused_cost: &'a [i64],
    /// Beds at each site (≥ 0).
    pub capacity: &'a [i64],
    /// The permitted assignments. Several arcs may join the same group and site.
    pub arcs: &'a [TransportArc],
}

/// An optimal allocation with its prices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportSolution {
    /// People sent along each arc, in the order of [`Transport::arcs`].
    pub flow: Vec<i64>,
    /// People of each group left unhoused.
    pub unhoused: Vec<i64>,
    /// The minimum of Σ cost·x + Σ unhoused_cost·u.
    pub objective: i128,
    /// Objective decrease if the site had one more bed (≥ 0).
    pub site_price: Vec<i64>,
    /// Objective decrease if the group had one person fewer.
    pub group_price: Vec<i64>,
    /// Number of independent parts that needed the simplex.
    pub parts: usize,
    /// Simplex pivots over all parts.
    pub pivots: u64,
    /// Parts whose simplex started from the flow given to [`Transport::solve_from`]; the
    /// others started from everybody unhoused.
    pub warm_parts: usize,
    /// The final basis, for [`Transport::solve_from_basis`] to start from.
    pub basis: TransportBasis,
}

/// Which arcs are in the spanning tree of a final basis (see "Warm starts" in the module
/// documentation): per arc of [`Transport::arcs`], per group its unhoused arc, per site its
/// arc to the sink. A group or site outside every part has none in the tree.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TransportBasis {
    /// Per arc.
    pub arcs: Vec<bool>,
    /// Per group: its unhoused arc.
    pub unhoused: Vec<bool>,
    /// Per site: its arc to the sink.
    pub sink: Vec<bool>,
}

/// One connected part: its groups and sites (global indices, ascending when found by
/// [`Transport::parts`]; a [`Resumable`] appends those that join later) and its arcs.
struct Part {
    groups: Vec<u32>,
    sites: Vec<u32>,
    arcs: Vec<u32>,
}

/// What solving one part gives back, in the part's local order.
struct PartResult {
    flow: Vec<i64>,
    unhoused: Vec<i64>,
    group_price: Vec<i64>,
    site_price: Vec<i64>,
    pivots: u64,
    warm: bool,
    /// Tree flags of the part's arcs, groups' unhoused arcs and sites' sink arcs.
    tree: Vec<bool>,
    unhoused_tree: Vec<bool>,
    sink_tree: Vec<bool>,
}

/// Where a warm solve starts: people per arc, and the basis they came with, if any.
#[derive(Clone, Copy)]
struct WarmStart<'a> {
    flow: &'a [i64],
    basis: Option<&'a TransportBasis>,
}

impl Transport<'_> {
    /// Finds an optimal allocation.
    pub fn solve(&self) -> Result<TransportSolution, FlowError> {
        self.solve_warm(None)
    }

    /// Finds an optimal allocation, starting each part's simplex from the basis that carries
    /// `start_flow` (people per arc, in the order of [`Transport::arcs`]) instead of from
    /// everybody unhoused; see "Warm starts" in the module documentation. A start that does
    /// not fit a part (people or beds exceeded, a negative flow, or arcs with people on them
    /// that close a cycle) only makes that part start cold: the answer is optimal either way.
    pub fn solve_from(&self, start_flow: &[i64]) -> Result<TransportSolution, FlowError> {
        self.solve_from_start(start_flow, None)
    }

    /// [`Transport::solve_from`], starting from `basis` as well: the final basis of a solve of
    /// the same groups and sites ([`TransportSolution::basis`]), carried to this problem's
    /// arcs (`start_flow` being that solve's flow, the arcs added since at zero and outside the
    /// tree). The simplex then starts on that basis, whose prices were optimal, so only the
    /// arcs added since can enter; a basis that does not fit is rebuilt from the flow alone.
    pub fn solve_from_basis(
        &self,
        start_flow: &[i64],
        basis: &TransportBasis,
    ) -> Result<TransportSolution, FlowError> {
        self.solve_from_start(start_flow, Some(basis))
    }

    /// [`Transport::solve_from`] or [`Transport::solve_from_basis`], once the lengths of the
    /// start are checked against the problem's.
    fn solve_from_start(
        &self,
        start_flow: &[i64],
        basis: Option<&TransportBasis>,
    ) -> Result<TransportSolution, FlowError> {
        self.check_start(start_flow, basis)?;
        self.solve_warm(Some(WarmStart {
            flow: start_flow,
            basis,
        }))
    }

    /// Whether the lengths of a start fit the problem.
    fn check_start(
        &self,
        start_flow: &[i64],
        basis: Option<&TransportBasis>,
    ) -> Result<(), FlowError> {
        let (arcs, groups, sites) = (self.arcs.len(), self.people.len(), self.capacity.len());
        let mut lengths = vec![("start flows", arcs, start_flow.len())];
        if let Some(b) = basis {
            lengths.push(("basis arcs", arcs, b.arcs.len()));
            lengths.push(("basis groups", groups, b.unhoused.len()));
            lengths.push(("basis sites", sites, b.sink.len()));
        }
        for (what, expected, found) in lengths {
            if expected != found {
                return Err(FlowError::LengthMismatch {
                    what,
                    expected,
                    found,
                });
            }
        }
        Ok(())
    }

    /// [`Transport::solve_from`] (from everybody unhoused without `start_flow`), keeping the
    /// parts' simplices so that arcs can be added and the problem solved again from where
    /// this solve ended ([`Resumable::resolve`]).
    pub fn solve_resumable(
        &self,
        start_flow: Option<&[i64]>,
    ) -> Result<(TransportSolution, Resumable), FlowError> {
        if let Some(flow) = start_flow {
            self.check_start(flow, None)?;
        }
        let start = start_flow.map(|flow| WarmStart { flow, basis: None });
        let (solution, resumable) = self.solve_parts(start, true)?;
        Ok((
            solution,
            resumable.unwrap_or_else(|| unreachable!("kept when asked")),
        ))
    }

    fn solve_warm(&self, start: Option<WarmStart<'_>>) -> Result<TransportSolution, FlowError> {
        self.solve_parts(start, false).map(|(solution, _)| solution)
    }

    /// Solves every part, from `start` when given, keeping the parts' simplices for
    /// [`Resumable::resolve`] when `keep`.
    fn solve_parts(
        &self,
        start: Option<WarmStart<'_>>,
        keep: bool,
    ) -> Result<(TransportSolution, Option<Resumable>), FlowError> {
        self.validate()?;
        let (parts, local) = self.parts();
        let (results, live): (Vec<PartResult>, Vec<Option<LivePart>>) = parts
            .par_iter()
            .map(|p| {
                let mut live = self.live_part(p, &local, start);
                live.live.solve(&mut ());
                let result = live.result(p);
                (result, keep.then_some(live))
            })
            .unzip();
        let solution = self.assemble(&parts, &results);
        let resumable = keep.then(|| Resumable::new(self, parts, local, live));
        Ok((solution, resumable))
    }

    /// The whole solution from its parts' results, with the prices of groups and sites
    /// outside every part.
    fn assemble(&self, parts: &[Part], results: &[PartResult]) -> TransportSolution {
        let (ng, ns) = (self.people.len(), self.capacity.len());
        let mut flow = vec![0i64; self.arcs.len()];
        let mut unhoused = self.people.to_vec();
        let mut group_price = self.unhoused_cost.to_vec();
        let mut site_price = vec![0i64; ns];
        let mut in_part = vec![false; ng];
        let mut basis = TransportBasis {
            arcs: vec![false; self.arcs.len()],
            unhoused: vec![false; ng],
            sink: vec![false; ns],
        };
        let (mut pivots, mut warm_parts) = (0, 0);
        for (part, r) in parts.iter().zip(results) {
            for (i, &a) in part.arcs.iter().enumerate() {
                flow[a as usize] = r.flow[i];
                basis.arcs[a as usize] = r.tree[i];
            }
            for (i, &g) in part.groups.iter().enumerate() {
                unhoused[g as usize] = r.unhoused[i];
                group_price[g as usize] = r.group_price[i];
                basis.unhoused[g as usize] = r.unhoused_tree[i];
                in_part[g as usize] = true;
            }
            for (i, &s) in part.sites.iter().enumerate() {
                site_price[s as usize] = r.site_price[i];
                basis.sink[s as usize] = r.sink_tree[i];
            }
            pivots += r.pivots;
            warm_parts += usize::from(r.warm);
        }
        self.complete_prices(&in_part, &mut group_price, &mut site_price);

        let housed: i128 = self
            .arcs
            .par_iter()
            .zip(&flow)
            .map(|(a, &x)| a.cost as i128 * x as i128)
            .sum();
        let out: i128 = self
            .unhoused_cost
            .iter()
            .zip(&unhoused)
            .map(|(&c, &u)| c as i128 * u as i128)
            .sum();
        let objective = housed + out;
        TransportSolution {
            flow,
            unhoused,
            objective,
            site_price,
            group_price,
            parts: parts.len(),
            pivots,
            warm_parts,
            basis,
        }
    }

    fn validate(&self) -> Result<(), FlowError> {
        let (ng, ns) = (self.people.len(), self.capacity.len());
        if self.unhoused_cost.len() != ng {
            return Err(FlowError::LengthMismatch {
                what: "unhoused costs",
                expected: ng,
                found: self.unhoused_cost.len(),
            });
        }
        let nodes = ng + ns + 1;
        if nodes >= u32::MAX as usize || self.arcs.len() + nodes >= u32::MAX as usize {
            return Err(FlowError::TooLarge(nodes + self.arcs.len()));
        }
        for &p in self.people {
            if !(0..=limits::MAX_AMOUNT).contains(&p) {
                return Err(FlowError::AmountOutOfRange { value: p });
            }
        }
        // The sink's demand is the negative of this, so it is bounded too.
        check_total("people", self.people.iter().map(|&p| p as i128).sum())?;
        for &c in self.capacity {
            if !(0..=limits::MAX_AMOUNT).contains(&c) {
                return Err(FlowError::AmountOutOfRange { value: c });
            }
        }
        for &c in self.unhoused_cost {
            check_cost(c, nodes)?;
        }
        for (i, a) in self.arcs.iter().enumerate() {
            if a.group as usize >= ng {
                return Err(FlowError::NodeOutOfRange {
                    arc: i,
                    node: a.group as usize,
                    count: ng,
                });
            }
            if a.site as usize >= ns {
                return Err(FlowError::NodeOutOfRange {
                    arc: i,
                    node: a.site as usize,
                    count: ns,
                });
            }
            check_cost(a.cost, nodes)?;
        }
        Ok(())
    }

    /// Whether an arc can carry anyone: its group has people and its site has beds. Other arcs
    /// stay at zero and do not join parts.
    fn usable(&self, a: &TransportArc) -> bool {
        self.people[a.group as usize] > 0 && self.capacity[a.site as usize] > 0
    }

    /// The connected parts of the group–site graph over usable arcs, in order of their lowest
    /// group index; parts without arcs are left out. Also gives each group (index `g`) and
    /// site (index `groups + s`) its position in its part's list.
    fn parts(&self) -> (Vec<Part>, Vec<u32>) {
        let ng = self.people.len();
        let mut uf = UnionFind::new(ng + self.capacity.len());
        for a in self.arcs.iter().filter(|a| self.usable(a)) {
            uf.union(a.group as usize, ng + a.site as usize);
        }
        // Number the parts by first appearance of a group with a usable arc.
        let mut part_of_root = vec![u32::MAX; uf.len()];
        let mut parts: Vec<Part> = Vec::new();
        let mut arc_part = vec![u32::MAX; self.arcs.len()];
        for (i, a) in self.arcs.iter().enumerate() {
            if self.usable(a) {
                let r = uf.find(a.group as usize);
                arc_part[i] = r as u32;
            }
        }
        let mut has_arc = vec![false; uf.len()];
        let mut local = vec![u32::MAX; uf.len()];
        for &r in arc_part.iter().filter(|&&r| r != u32::MAX) {
            has_arc[r as usize] = true;
        }
        for (node, slot) in local.iter_mut().enumerate() {
            let r = uf.find(node);
            if !has_arc[r] {
                continue;
            }
            if part_of_root[r] == u32::MAX {
                part_of_root[r] = parts.len() as u32;
                parts.push(Part {
                    groups: Vec::new(),
                    sites: Vec::new(),
                    arcs: Vec::new(),
                });
            }
            let p = &mut parts[part_of_root[r] as usize];
            if node < ng {
                *slot = p.groups.len() as u32;
                p.groups.push(node as u32);
            } else {
                *slot = p.sites.len() as u32;
                p.sites.push((node - ng) as u32);
            }
        }
        for (i, &r) in arc_part.iter().enumerate() {
            if r != u32::MAX {
                parts[part_of_root[r as usize] as usize].arcs.push(i as u32);
            }
        }
        (parts, local)
    }

    /// Solves one part, from the basis that carries `start` (people per arc of the whole
    /// problem) when given and it fits, showing `observer` every basis of the simplex.
    #[cfg(test)]
    fn solve_part(
        &self,
        part: &Part,
        local: &[u32],
        start: Option<WarmStart<'_>>,
        observer: &mut impl simplex::Observer,
    ) -> PartResult {
        let mut live = self.live_part(part, local, start);
        live.live.solve(observer);
        live.result(part)
    }

    /// One part in the simplex, with the basis that carries `start` (people per arc of the
    /// whole problem) when given and it fits, else everybody unhoused.
    fn live_part(&self, part: &Part, local: &[u32], start: Option<WarmStart<'_>>) -> LivePart {
        let (ng, ns, m) = (part.groups.len(), part.sites.len(), part.arcs.len());
        let n = ng + ns;
        // Part-local ids: groups 0..ng and sites ng..n in input order; `local` maps a global
        // group (or site, offset by the number of groups) to it.
        let gs = self.people.len();
        let ends: Vec<(u32, u32)> = part
            .arcs
            .iter()
            .map(|&a| {
                let a = &self.arcs[a as usize];
                (
                    local[a.group as usize],
                    ng as u32 + local[gs + a.site as usize],
                )
            })
            .collect();
        let layout = Layout::breadth_first(n, ng, &ends);
        // The simplex numbers nodes in breadth-first order, so that a subtree, which is a
        // neighbourhood on the map, sits close together in memory.
        let id = &layout.new_id;
        // Arcs go to the simplex already in order of their tail (sites, then groups), so it
        // need not sort them: each site's arc to the sink, then each group's arcs to sites
        // followed by its unhoused arc.
        let mut problem = StarProblem::new(n + 1, m + n);
        for &old in layout.order.iter().filter(|&&old| old as usize >= ng) {
            let s = part.sites[old as usize - ng] as usize;
            problem.add_star_arc(id[old as usize], true, 0, self.capacity[s]);
        }
        let mut at = vec![0u32; m];
        let mut next = layout.arc_order.iter().peekable();
        while let Some(&first) = next.peek() {
            let g = ends[*first as usize].0;
            while let Some(&&i) = next.peek().filter(|&&&i| ends[i as usize].0 == g) {
                next.next();
                let s = ends[i as usize].1;
                at[i as usize] = problem.arcs.len() as u32;
                let cost = self.arcs[part.arcs[i as usize] as usize].cost;
                // Uncapacitated: a group cannot send more than its people anyway, and a bound
                // here would let the arc sit at it with a negative reduced cost, spoiling the
                // prices (the allocation LP has no such bound, so its duals have no term for
                // one).
                problem.add_arc(id[g as usize], id[s as usize], cost, limits::UNBOUNDED);
            }
            let global = part.groups[g as usize] as usize;
            let new = id[g as usize];
            problem.add_star_arc(new, true, self.unhoused_cost[global], limits::UNBOUNDED);
            problem.supply[new as usize] = self.people[global];
        }
        drop(ends);
        problem.supply[n] = -self.people_of(part);
        let tree = start.and_then(|w| w.basis).map(|basis| {
            // The basis's arcs in the simplex's order: the part's arcs, and each node's star
            // arc (a group's unhoused arc, a site's arc to the sink).
            let mut tree = vec![false; problem.arcs.len()];
            for (i, &a) in part.arcs.iter().enumerate() {
                tree[at[i] as usize] = basis.arcs[a as usize];
            }
            for (g, &global) in part.groups.iter().enumerate() {
                tree[problem.star[id[g] as usize] as usize] = basis.unhoused[global as usize];
            }
            for (s, &global) in part.sites.iter().enumerate() {
                tree[problem.star[id[ng + s] as usize] as usize] = basis.sink[global as usize];
            }
            tree
        });
        let start = start.map(|WarmStart { flow, .. }| {
            // The part's flow in the simplex's arc order: the given people on each arc, its
            // occupants on a site's arc to the sink and its unhoused on a group's. Sums are
            // taken wide; one that does not fit becomes −1, which the simplex rejects.
            let mut first = vec![0i64; problem.arcs.len()];
            let mut out = vec![0i128; n];
            for (i, &a) in part.arcs.iter().enumerate() {
                let x = flow[a as usize];
                first[at[i] as usize] = x;
                let arc = &problem.arcs[at[i] as usize];
                out[arc.source as usize] += i128::from(x);
                out[arc.target as usize] -= i128::from(x);
            }
            for (v, out) in out.into_iter().enumerate() {
                let e = problem.star[v] as usize;
                // A site sends on what it receives; a group leaves unhoused what it does
                // not send.
                first[e] = i64::try_from(problem.supply[v] as i128 - out).unwrap_or(-1);
            }
            first
        });
        let star = problem.star.clone();
        let start = start.as_deref().map(|flow| simplex::Start {
            flow,
            tree: tree.as_deref(),
        });
        let (live, warm) = simplex::Live::start(problem, start)
            .unwrap_or_else(|| unreachable!("the all-unhoused basis is always feasible"));
        LivePart {
            live,
            at,
            id: layout.new_id,
            star,
            warm,
            pivots_before: 0,
        }
    }

    /// People in a part's groups.
    fn people_of(&self, part: &Part) -> i64 {
        part.groups.iter().map(|&g| self.people[g as usize]).sum()
    }

    /// Prices for groups and sites outside every part, with the same meaning as inside: a
    /// group with people but no usable arc is wholly unhoused, so one person fewer saves its
    /// unhoused cost; a site without beds gains, from one bed, what its best group with people
    /// would save by moving one person there; a group without people is priced at what one
    /// person would cost it, which keeps the duals feasible.
    fn complete_prices(&self, in_part: &[bool], group_price: &mut [i64], site_price: &mut [i64]) {
        for a in self.arcs {
            let (g, s) = (a.group as usize, a.site as usize);
            if self.capacity[s] == 0 && self.people[g] > 0 {
                site_price[s] = site_price[s].max(group_price[g] - a.cost);
            }
        }
        for a in self.arcs {
            let g = a.group as usize;
            if !in_part[g] && self.people[g] == 0 {
                let via = a.cost + site_price[a.site as usize];
                group_price[g] = group_price[g].min(via);
            }
        }
    }
}

/// A part's simplex, kept with what maps the part to it.
struct LivePart {
    live: simplex::Live,
    /// The simplex's arc for each of the part's arcs (in the order of [`Part::arcs`]).
    at: Vec<u32>,
    /// The simplex's node for each part-local node (groups, then sites).
    id: Vec<u32>,
    /// Each simplex node's star arc (the root's entry is not read): a group's unhoused arc, a
    /// site's arc to the sink.
    star: Vec<u32>,
    /// Whether the first basis carried the start.
    warm: bool,
    /// Pivots made before the last solve.
    pivots_before: u64,
}

impl LivePart {
    /// The part's answer, in its local order, from the simplex's current basis.
    fn result(&mut self, part: &Part) -> PartResult {
        let (ng, n) = (part.groups.len(), part.groups.len() + part.sites.len());
        let live = &self.live;
        // The prices (a shortest-path search) and the arcs' flows at once.
        let (pot, (flow, tree)) = rayon::join(
            || live.root_distances(),
            || {
                self.at
                    .par_iter()
                    .map(|&e| live.arc(e as usize))
                    .unzip::<_, _, Vec<i64>, Vec<bool>>()
            },
        );
        let node = |v: usize| self.id[v] as usize;
        let star = |v: usize| live.arc(self.star[node(v)] as usize);
        let pivots = live.pivots() - self.pivots_before;
        self.pivots_before = live.pivots();
        PartResult {
            flow,
            tree,
            unhoused: (0..ng).map(|g| star(g).0).collect(),
            unhoused_tree: (0..ng).map(|g| star(g).1).collect(),
            sink_tree: (ng..n).map(|s| star(s).1).collect(),
            group_price: (0..ng).map(|g| -pot[node(g)]).collect(),
            site_price: (ng..n).map(|s| (-pot[node(s)]).max(0)).collect(),
            pivots,
            warm: self.warm,
        }
    }
}

/// A solved transportation problem whose parts stay in the simplex, so that arcs can be added
/// and the problem solved again from where it ended ([`Resumable::resolve`]): what pricing
/// does round after round. Made by [`Transport::solve_resumable`].
pub struct Resumable {
    parts: Vec<Part>,
    live: Vec<LivePart>,
    /// Each group's (index `g`) and site's (index `groups + s`) position in its part's list.
    local: Vec<u32>,
    /// Each group's and site's part (same indices), `u32::MAX` outside every part.
    part_of: Vec<u32>,
    people: Vec<i64>,
    unhoused_cost: Vec<i64>,
    capacity: Vec<i64>,
    /// The number of arcs of the problem last solved.
    arcs: usize,
    /// [`fingerprint`] of its arcs.
    fingerprint: u64,
}

impl Resumable {
    fn new(t: &Transport, parts: Vec<Part>, local: Vec<u32>, live: Vec<Option<LivePart>>) -> Self {
        let ng = t.people.len();
        let mut part_of = vec![u32::MAX; local.len()];
        for (p, part) in parts.iter().enumerate() {
            for &g in &part.groups {
                part_of[g as usize] = p as u32;
            }
            for &s in &part.sites {
                part_of[ng + s as usize] = p as u32;
            }
        }
        Resumable {
            parts,
            live: live.into_iter().flatten().collect(),
            local,
            part_of,
            people: t.people.to_vec(),
            unhoused_cost: t.unhoused_cost.to_vec(),
            capacity: t.capacity.to_vec(),
            arcs: t.arcs.len(),
            fingerprint: fingerprint(t.arcs.par_iter()),
        }
    }

    /// Solves `t` again: the problem last solved (`last` its solution) with arcs added, its
    /// old arcs moved to `moved` (the new index of each). Each part takes its new arcs into
    /// its simplex at zero, outside the tree, and pivots on from its last basis, so a round
    /// costs its pivots and not a rebuild. When that cannot be done (the people, beds or
    /// unhoused costs differ, an old arc is not at `moved` as it was, a new arc joins two
    /// parts or two groups or sites outside every part, or a cost no longer fits the part's
    /// cost type) the problem is built again
    /// and solved from `last`'s flow and basis carried to the new arcs
    /// ([`Transport::solve_from_basis`]). Either way the answer is an optimum of `t`, and
    /// `self` is left ready for the next round.
    pub fn resolve(
        &mut self,
        t: &Transport,
        moved: &[usize],
        last: &TransportSolution,
    ) -> Result<TransportSolution, FlowError> {
        self.resolve_observed(t, moved, last, &())
    }

    /// [`Resumable::resolve`], showing `observer` every basis of the simplices kept.
    fn resolve_observed(
        &mut self,
        t: &Transport,
        moved: &[usize],
        last: &TransportSolution,
        observer: &(impl simplex::Observer + Clone + Send + Sync),
    ) -> Result<TransportSolution, FlowError> {
        t.validate()?;
        let lengths = [
            ("moved arcs", moved.len()),
            ("last flows", last.flow.len()),
            ("last basis arcs", last.basis.arcs.len()),
        ];
        if let Some(&(what, found)) = lengths.iter().find(|(_, found)| *found != self.arcs) {
            return Err(FlowError::LengthMismatch {
                what,
                expected: self.arcs,
                found,
            });
        }
        match self.growth(t, moved) {
            Some((growth, added)) => Ok(self.insert_and_solve(t, moved, growth, added, observer)),
            None => {
                let flow = carry(&last.flow, moved, t.arcs.len());
                let basis = TransportBasis {
                    arcs: carry(&last.basis.arcs, moved, t.arcs.len()),
                    ..last.basis.clone()
                };
                t.check_start(&flow, Some(&basis))?;
                let start = WarmStart {
                    flow: &flow,
                    basis: Some(&basis),
                };
                let (solution, fresh) = t.solve_parts(Some(start), true)?;
                *self = fresh.unwrap_or_else(|| unreachable!("kept when asked"));
                Ok(solution)
            }
        }
    }

    /// What `t` adds to each part: its usable arcs that are new (not the image of an old arc
    /// under `moved`), and the groups and sites outside every part that those arcs bring in.
    /// `None` when they cannot go into the kept simplices: the people, beds or unhoused costs
    /// differ, an old arc is not at its new place as it was, a new arc joins two parts or two
    /// nodes outside every part, or a cost does not fit a part's cost type. With the growth,
    /// the [`fingerprint`] of the new arcs (all of them, usable or not).
    fn growth(&self, t: &Transport, moved: &[usize]) -> Option<(Vec<Growth>, u64)> {
        let same = t.people == self.people.as_slice()
            && t.capacity == self.capacity.as_slice()
            && t.unhoused_cost == self.unhoused_cost.as_slice();
        if !same {
            return None;
        }
        let mut old = vec![false; t.arcs.len()];
        for &to in moved {
            if to >= old.len() || std::mem::replace(&mut old[to], true) {
                return None;
            }
        }
        let ng = t.people.len();
        // Every old arc must be where `moved` says, as it was: the same group, site and cost
        // (compared by a sum of hashes of the arcs, which an arc out of place would change).
        let same_arcs = fingerprint(moved.par_iter().map(|&to| &t.arcs[to])) == self.fingerprint
            && self.live.iter().all(|live| live.live.takes_inserts());
        if !same_arcs {
            return None;
        }
        let mut part_of = self.part_of.clone();
        let mut growth = vec![Growth::default(); self.parts.len()];
        let mut added = 0u64;
        for (i, a) in t.arcs.iter().enumerate() {
            if old[i] {
                continue;
            }
            added = added.wrapping_add(arc_hash(a));
            if !t.usable(a) {
                continue;
            }
            let (g, s) = (a.group as usize, ng + a.site as usize);
            let p = match (part_of[g], part_of[s]) {
                (u32::MAX, u32::MAX) => return None,
                (p, u32::MAX) => {
                    part_of[s] = p;
                    growth[p as usize].sites.push(a.site);
                    p
                }
                (u32::MAX, p) => {
                    part_of[g] = p;
                    growth[p as usize].groups.push(a.group);
                    if !self.live[p as usize].live.fits(t.unhoused_cost[g]) {
                        return None;
                    }
                    p
                }
                (p, q) if p != q => return None,
                (p, _) => p,
            };
            if !self.live[p as usize].live.fits(a.cost) {
                return None;
            }
            growth[p as usize].arcs.push(i as u32);
        }
        Some((growth, added))
    }

    /// Renumbers the parts' arcs by `moved`, adds each part's growth to it and its simplex,
    /// and solves the parts that grew.
    fn insert_and_solve(
        &mut self,
        t: &Transport,
        moved: &[usize],
        growth: Vec<Growth>,
        added: u64,
        observer: &(impl simplex::Observer + Clone + Send + Sync),
    ) -> TransportSolution {
        let ng = t.people.len();
        // New groups and sites join their part's lists; each becomes a leaf of the simplex,
        // numbered after its nodes, groups first.
        let mut leaves = Vec::with_capacity(growth.len());
        for (p, grown) in growth.iter().enumerate() {
            let (part, live) = (&mut self.parts[p], &mut self.live[p]);
            let mut next = live.live.nodes() as u32;
            let mut ids = Vec::new();
            let mut of_part = Vec::new();
            for &g in &grown.groups {
                self.local[g as usize] = part.groups.len() as u32;
                self.part_of[g as usize] = p as u32;
                part.groups.push(g);
                ids.push(next);
                next += 1;
                of_part.push(simplex::Leaf {
                    supply: t.people[g as usize],
                    cost: t.unhoused_cost[g as usize],
                    cap: limits::UNBOUNDED,
                });
            }
            // Groups come before sites in `id`.
            let at = part.groups.len() - grown.groups.len();
            live.id.splice(at..at, ids);
            for &s in &grown.sites {
                self.local[ng + s as usize] = part.sites.len() as u32;
                self.part_of[ng + s as usize] = p as u32;
                part.sites.push(s);
                live.id.push(next);
                next += 1;
                of_part.push(simplex::Leaf {
                    supply: 0,
                    cost: 0,
                    cap: t.capacity[s as usize],
                });
            }
            leaves.push(of_part);
        }
        let local = &self.local;
        let results: Vec<PartResult> = self
            .parts
            .par_iter_mut()
            .zip(self.live.par_iter_mut())
            .zip(growth.into_par_iter().zip(leaves))
            .map(|((part, live), (grown, leaves))| {
                for a in &mut part.arcs {
                    *a = moved[*a as usize] as u32;
                }
                if grown.arcs.is_empty() {
                    return live.result(part);
                }
                let groups = part.groups.len() as u32;
                let ends: Vec<simplex::ArcEnds> = grown
                    .arcs
                    .iter()
                    .map(|&i| {
                        let a = &t.arcs[i as usize];
                        let g = local[a.group as usize];
                        let s = groups + local[ng + a.site as usize];
                        simplex::ArcEnds {
                            source: live.id[g as usize],
                            target: live.id[s as usize],
                            cost: a.cost,
                        }
                    })
                    .collect();
                let cap = vec![limits::UNBOUNDED; ends.len()];
                let first_leaf = live.live.nodes();
                let inserted = live
                    .live
                    .insert(&leaves, &ends, &cap)
                    .unwrap_or_else(|| unreachable!("checked by Resumable::growth"));
                let to = |e: &mut u32| {
                    if *e != u32::MAX {
                        *e = inserted.moved[*e as usize];
                    }
                };
                live.at.iter_mut().for_each(to);
                live.star.iter_mut().for_each(to);
                // The root has no star arc.
                live.star.resize(first_leaf + leaves.len(), u32::MAX);
                live.star[first_leaf..].copy_from_slice(&inserted.leaves);
                live.at.extend(inserted.placed);
                part.arcs.extend(grown.arcs);
                live.live.solve(&mut observer.clone());
                live.warm = true;
                live.result(part)
            })
            .collect();
        self.arcs = t.arcs.len();
        // The old arcs' fingerprint was checked in `growth`; the new ones add theirs.
        self.fingerprint = self.fingerprint.wrapping_add(added);
        t.assemble(&self.parts, &results)
    }
}

/// A sum of hashes of the arcs (group, site and cost each), the same in any order: two lists
/// that differ in an arc differ here but by a chance of about 2⁻⁶⁴.
fn fingerprint<'a>(arcs: impl ParallelIterator<Item = &'a TransportArc>) -> u64 {
    arcs.map(arc_hash).reduce(|| 0u64, u64::wrapping_add)
}

/// One arc's term of [`fingerprint`]: splitmix64's finaliser over the arc's fields.
fn arc_hash(a: &TransportArc) -> u64 {
    let mut x = (u64::from(a.group) << 32 | u64::from(a.site)) ^ (a.cost as u64).rotate_left(17);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// What a round adds to one part (see [`Resumable::growth`]): arcs, and groups and sites
/// outside every part before.
#[derive(Clone, Default)]
struct Growth {
    arcs: Vec<u32>,
    groups: Vec<u32>,
    sites: Vec<u32>,
}

/// `values` of the arcs before they moved to `moved` (the new index of each), on the `len`
/// arcs after; the others get the default (no people, not in the tree).
pub fn carry<T: Copy + Default>(values: &[T], moved: &[usize], len: usize) -> Vec<T> {
    let mut out = vec![T::default(); len];
    for (&x, &to) in values.iter().zip(moved) {
        out[to] = x;
    }
    out
}

/// The order in which a part's nodes and arcs are handed to the simplex.
struct Layout {
    /// Part-local node ids in breadth-first order.
    order: Vec<u32>,
    /// Position of each part-local node in `order`.
    new_id: Vec<u32>,
    /// Group–site arcs (indices into the part's arcs) grouped by their group in `order`,
    /// keeping the input order within a group.
    arc_order: Vec<u32>,
}

impl Layout {
    /// Breadth-first over the bipartite graph of `n` nodes (groups below `groups`, then sites)
    /// with arcs `(group, site)`, starting from the lowest-numbered unvisited node. New ids
    /// put the sites first, then the groups, each in breadth-first order: block search looks
    /// up the potential of every arc's site, and a compact site range stays in cache.
    fn breadth_first(n: usize, groups: usize, ends: &[(u32, u32)]) -> Layout {
        // Adjacency in compressed rows: for each node, the arcs touching it.
        let mut start = vec![0u32; n + 1];
        for &(g, s) in ends {
            start[g as usize + 1] += 1;
            start[s as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut adj = vec![0u32; 2 * ends.len()];
        for (i, &(g, s)) in ends.iter().enumerate() {
            for v in [g, s] {
                adj[fill[v as usize] as usize] = i as u32;
                fill[v as usize] += 1;
            }
        }
        const UNSEEN: u32 = u32::MAX;
        let mut new_id = vec![UNSEEN; n];
        let mut order = Vec::with_capacity(n);
        let mut arc_order = Vec::with_capacity(ends.len());
        for first in 0..n {
            if new_id[first] != UNSEEN {
                continue;
            }
            new_id[first] = order.len() as u32;
            order.push(first as u32);
            let mut head = order.len() - 1;
            while head < order.len() {
                let u = order[head] as usize;
                head += 1;
                for &i in &adj[start[u] as usize..start[u + 1] as usize] {
                    let (g, s) = ends[i as usize];
                    if g as usize == u {
                        arc_order.push(i);
                    }
                    let v = if g as usize == u { s } else { g } as usize;
                    if new_id[v] == UNSEEN {
                        new_id[v] = order.len() as u32;
                        order.push(v as u32);
                    }
                }
            }
        }
        let (mut next_site, mut next_group) = (0u32, (n - groups) as u32);
        for &v in &order {
            let next = if (v as usize) < groups {
                &mut next_group
            } else {
                &mut next_site
            };
            new_id[v as usize] = *next;
            *next += 1;
        }
        Layout {
            order,
            new_id,
            arc_order,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::simplex::testing::{Lcg, TreeCheck};
    use super::*;

    /// What makes a random instance hard.
    #[derive(Clone, Copy, Debug)]
    enum Kind {
        /// Commutes up to 20 km, groups of up to 80, beds for about 85 % of the people.
        Plain,
        /// Groups and sites of 0 to 2, with exactly as many beds as people.
        Degenerate,
        /// Costs 0 to 3 and one unhoused cost for all: ties everywhere.
        Ties,
        /// Costs as large as [`limits::MAX_COST_SCALE`] allows, beyond `i32`.
        LargeCosts,
    }

    /// A random instance: `people`, `unhoused_cost`, `capacity`, `arcs`.
    type Instance = (Vec<i64>, Vec<i64>, Vec<i64>, Vec<TransportArc>);

    /// Groups reach up to eight random sites, some twice; some groups have no people and
    /// some sites no beds.
    fn instance(kind: Kind, groups: usize, sites: usize, seed: u64) -> Instance {
        let mut rng = Lcg(seed);
        let nodes = (groups + sites + 1) as i64;
        let max_cost = match kind {
            Kind::Ties => 3,
            Kind::LargeCosts => limits::MAX_COST_SCALE / (nodes + 2),
            Kind::Plain | Kind::Degenerate => 20_000,
        };
        let size = |rng: &mut Lcg| match kind {
            Kind::Degenerate => rng.range(0, 2),
            _ if rng.percent(5) => 0,
            _ => rng.range(1, 80),
        };
        let people: Vec<i64> = (0..groups).map(|_| size(&mut rng)).collect();
        let mut capacity: Vec<i64> = (0..sites).map(|_| size(&mut rng)).collect();
        let (housed, beds) = (people.iter().sum::<i64>(), capacity.iter().sum::<i64>());
        if let Kind::Degenerate = kind {
            // Move beds between sites until there are exactly as many as people.
            let mut excess = beds - housed;
            while excess != 0 {
                let s = rng.below(sites as u64) as usize;
                let step = excess.signum().min(capacity[s]);
                capacity[s] -= step;
                excess -= step;
            }
        } else {
            let scale = |c: i64| c as i128 * 85 * housed as i128 / (100 * beds.max(1)) as i128;
            capacity.iter_mut().for_each(|c| *c = scale(*c) as i64);
        }
        let unhoused_cost = (0..groups)
            .map(|_| match kind {
                Kind::Ties => 4,
                _ => rng.range(max_cost / 2, max_cost),
            })
            .collect();
        let mut arcs = Vec::new();
        for g in 0..groups as u32 {
            for _ in 0..rng.range(1, 8) {
                let site = rng.below(sites as u64) as u32;
                let cost = rng.range(0, max_cost);
                arcs.push(TransportArc {
                    group: g,
                    site,
                    cost,
                });
            }
        }
        (people, unhoused_cost, capacity, arcs)
    }

    /// Solves every part of the instance with the basis checked every `every` pivots, and
    /// checks the whole solution against its duals. Gives the pivots and the degenerate ones.
    fn solve_checked(label: &str, instance: &Instance, every: u64) -> (u64, u64) {
        let (people, unhoused_cost, capacity, arcs) = instance;
        let t = Transport {
            people,
            unhoused_cost,
            capacity,
            arcs,
        };
        t.validate().unwrap();
        let (parts, local) = t.parts();
        let (mut pivots, mut degenerate) = (0, 0);
        for (i, part) in parts.iter().enumerate() {
            let mut check = TreeCheck::new(format!("{label}, part {i}"), every);
            t.solve_part(part, &local, None, &mut check);
            pivots += check.pivots;
            degenerate += check.degenerate;
        }
        let solution = t.solve().unwrap();
        assert_eq!(solution.pivots, pivots);
        check_duals(&t, &solution);
        (pivots, degenerate)
    }

    /// The allocation is feasible and its prices are feasible duals with the same objective,
    /// which proves both optimal.
    fn check_duals(t: &Transport, x: &TransportSolution) {
        let mut sent = x.unhoused.clone();
        let mut taken = vec![0i64; t.capacity.len()];
        for (a, &f) in t.arcs.iter().zip(&x.flow) {
            assert!(f >= 0);
            sent[a.group as usize] += f;
            taken[a.site as usize] += f;
            let reduced = a.cost - x.group_price[a.group as usize] + x.site_price[a.site as usize];
            assert!(reduced >= 0, "arc {a:?} prices negative");
        }
        assert_eq!(sent, t.people);
        assert!(taken.iter().zip(t.capacity).all(|(&n, &c)| n <= c));
        assert!(x.unhoused.iter().all(|&u| u >= 0));
        assert!(x.site_price.iter().all(|&p| p >= 0));
        assert!(
            x.group_price
                .iter()
                .zip(t.unhoused_cost)
                .all(|(p, c)| p <= c)
        );
        let dual = t
            .people
            .iter()
            .zip(&x.group_price)
            .map(|(&n, &p)| n as i128 * p as i128);
        let beds = t
            .capacity
            .iter()
            .zip(&x.site_price)
            .map(|(&c, &p)| c as i128 * p as i128);
        assert_eq!(x.objective, dual.sum::<i128>() - beds.sum::<i128>());
    }

    /// The optimum on the first arcs of every group (one to three), and the whole instance
    /// with the arcs of each group in reverse order and that optimum's flow on them (the
    /// others at zero), as a re-solve after pricing sees them.
    fn warm_pair(instance: &Instance, seed: u64) -> (Instance, Vec<i64>, TransportBasis) {
        let (people, unhoused_cost, capacity, arcs) = instance;
        let mut rng = Lcg(seed);
        let mut first = Vec::new();
        let mut rest = Vec::new();
        let mut taken = 0;
        for (i, a) in arcs.iter().enumerate() {
            if i > 0 && arcs[i - 1].group != a.group {
                taken = 0;
            }
            if taken < 1 + rng.below(3) {
                first.push(i);
                taken += 1;
            } else {
                rest.push(i);
            }
        }
        let fewer: Vec<TransportArc> = first.iter().map(|&i| arcs[i]).collect();
        let before = Transport {
            people,
            unhoused_cost,
            capacity,
            arcs: &fewer,
        }
        .solve()
        .unwrap();
        let mut flow_of = vec![0i64; arcs.len()];
        let mut tree_of = vec![false; arcs.len()];
        for (k, &i) in first.iter().enumerate() {
            flow_of[i] = before.flow[k];
            tree_of[i] = before.basis.arcs[k];
        }
        let mut order: Vec<usize> = (0..arcs.len()).collect();
        order.sort_by_key(|&i| (arcs[i].group, std::cmp::Reverse(i)));
        let all = order.iter().map(|&i| arcs[i]).collect();
        let start = order.iter().map(|&i| flow_of[i]).collect();
        let basis = TransportBasis {
            arcs: order.iter().map(|&i| tree_of[i]).collect(),
            ..before.basis
        };
        (
            (people.clone(), unhoused_cost.clone(), capacity.clone(), all),
            start,
            basis,
        )
    }

    #[test]
    fn a_warm_start_from_a_previous_optimum_reaches_the_cold_optimum() {
        let kinds = [Kind::Plain, Kind::Degenerate, Kind::Ties, Kind::LargeCosts];
        let (mut pivots_warm, mut pivots_cold, mut pivots_basis) = (0, 0, 0);
        for (groups, sites, seeds) in [(150, 50, 0..6), (600, 200, 6..8), (1500, 499, 8..9)] {
            for seed in seeds {
                for kind in kinds {
                    let label = format!("{kind:?} {groups} × {sites}, seed {seed}");
                    let (whole, start, basis) =
                        warm_pair(&instance(kind, groups, sites, seed), seed);
                    let (people, unhoused_cost, capacity, arcs) = &whole;
                    let t = Transport {
                        people,
                        unhoused_cost,
                        capacity,
                        arcs,
                    };
                    let cold = t.solve().unwrap();
                    let warm = t.solve_from(&start).unwrap();
                    assert_eq!(warm.objective, cold.objective, "{label}");
                    check_duals(&t, &warm);
                    // A previous optimum always makes a basis, in every part.
                    assert_eq!(warm.warm_parts, warm.parts, "{label}");
                    assert_eq!(cold.warm_parts, 0, "{label}");
                    // The first basis is a strongly feasible tree that carries the start, and
                    // every later one stays so.
                    let (parts, local) = t.parts();
                    let mut pivots = 0;
                    for (i, part) in parts.iter().enumerate() {
                        let mut check = TreeCheck::new(format!("{label}, part {i}"), 1);
                        let from = WarmStart {
                            flow: &start,
                            basis: None,
                        };
                        let r = t.solve_part(part, &local, Some(from), &mut check);
                        assert!(r.warm, "{label}, part {i}");
                        pivots += check.pivots;
                    }
                    assert_eq!(pivots, warm.pivots, "{label}");
                    // From the last optimum's basis as well: the same optimum, from a
                    // strongly feasible first tree, and the basis it ends on is a spanning
                    // tree of every part.
                    let kept = t.solve_from_basis(&start, &basis).unwrap();
                    assert_eq!(kept.objective, cold.objective, "{label}");
                    check_duals(&t, &kept);
                    assert_eq!(kept.warm_parts, kept.parts, "{label}");
                    for (i, part) in parts.iter().enumerate() {
                        let mut check = TreeCheck::new(format!("{label}, part {i}, basis"), 1);
                        let from = WarmStart {
                            flow: &start,
                            basis: Some(&basis),
                        };
                        t.solve_part(part, &local, Some(from), &mut check);
                        let in_tree = part.arcs.iter().filter(|&&a| kept.basis.arcs[a as usize]);
                        let stars = part
                            .groups
                            .iter()
                            .filter(|&&g| kept.basis.unhoused[g as usize]);
                        let sinks = part.sites.iter().filter(|&&s| kept.basis.sink[s as usize]);
                        assert_eq!(
                            in_tree.count() + stars.count() + sinks.count(),
                            part.groups.len() + part.sites.len(),
                            "{label}, part {i}: a spanning tree has one arc per node but the root"
                        );
                    }
                    pivots_basis += kept.pivots;
                    // The same answer with one thread as with many.
                    let pool = rayon::ThreadPoolBuilder::new()
                        .num_threads(1)
                        .build()
                        .unwrap();
                    assert_eq!(pool.install(|| t.solve_from(&start)).unwrap(), warm);
                    pivots_warm += warm.pivots;
                    pivots_cold += cold.pivots;
                }
            }
        }
        assert!(
            pivots_warm < pivots_cold,
            "{pivots_warm} pivots warm, {pivots_cold} cold"
        );
        assert!(
            pivots_basis < pivots_warm,
            "{pivots_basis} pivots from the basis, {pivots_warm} from the flow alone"
        );
    }

    /// The instance's arcs in three stages (every arc a random stage), for rounds of pricing:
    /// the arcs of stages up to `upto`, each group's in reverse order of the instance's, and
    /// the place of each arc of the stages before `upto` among them.
    fn staged(instance: &Instance, seed: u64, upto: u64) -> (Vec<TransportArc>, Vec<usize>) {
        let arcs = &instance.3;
        let mut rng = Lcg(seed);
        let stage: Vec<u64> = arcs.iter().map(|_| rng.below(3)).collect();
        let order = |upto: u64| {
            let mut order: Vec<usize> = (0..arcs.len()).filter(|&i| stage[i] <= upto).collect();
            order.sort_by_key(|&i| (arcs[i].group, std::cmp::Reverse(i)));
            order
        };
        let (now, before) = (order(upto), order(upto.saturating_sub(1)));
        let mut at = vec![usize::MAX; arcs.len()];
        for (k, &i) in now.iter().enumerate() {
            at[i] = k;
        }
        (
            now.iter().map(|&i| arcs[i]).collect(),
            before.iter().map(|&i| at[i]).collect(),
        )
    }

    /// The instance's groups and sites with these arcs.
    fn with_arcs<'a>(instance: &'a Instance, arcs: &'a [TransportArc]) -> Transport<'a> {
        Transport {
            people: &instance.0,
            unhoused_cost: &instance.1,
            capacity: &instance.2,
            arcs,
        }
    }

    #[test]
    fn a_resumed_solve_with_arcs_added_reaches_the_cold_optimum() {
        let kinds = [Kind::Plain, Kind::Degenerate, Kind::Ties, Kind::LargeCosts];
        let (mut kept, mut rebuilt, mut joined) = (0, 0, 0);
        let (mut pivots_kept, mut pivots_cold) = (0, 0);
        for (groups, sites, seeds) in [(150, 50, 0..8), (600, 200, 8..10)] {
            for seed in seeds {
                for kind in kinds {
                    let label = format!("{kind:?} {groups} × {sites}, seed {seed}");
                    let instance = instance(kind, groups, sites, seed);
                    let rounds = |observer: &TreeCheck| {
                        let (first, _) = staged(&instance, seed, 0);
                        let (mut last, mut resumable) =
                            with_arcs(&instance, &first).solve_resumable(None).unwrap();
                        let mut solutions = Vec::new();
                        for upto in 1..3 {
                            let (arcs, moved) = staged(&instance, seed, upto);
                            let t = with_arcs(&instance, &arcs);
                            let growth = resumable.growth(&t, &moved);
                            let grew = growth.as_ref().map(|(g, _)| {
                                g.iter().map(|g| g.groups.len() + g.sites.len()).sum()
                            });
                            last = resumable
                                .resolve_observed(&t, &moved, &last, observer)
                                .unwrap();
                            solutions.push((arcs, last.clone(), grew));
                        }
                        solutions
                    };
                    let check = TreeCheck::new(label.clone(), 1);
                    let solutions = rounds(&check);
                    for (round, (arcs, x, grew)) in solutions.iter().enumerate() {
                        let label = format!("{label}, round {round}");
                        let t = with_arcs(&instance, arcs);
                        let cold = t.solve().unwrap();
                        assert_eq!(x.objective, cold.objective, "{label}");
                        check_duals(&t, x);
                        // The basis returned is a spanning tree of every part.
                        let in_tree = x.basis.arcs.iter().filter(|&&b| b).count()
                            + x.basis.unhoused.iter().filter(|&&b| b).count()
                            + x.basis.sink.iter().filter(|&&b| b).count();
                        let (parts, _) = t.parts();
                        let nodes: usize =
                            parts.iter().map(|p| p.groups.len() + p.sites.len()).sum();
                        assert_eq!(in_tree, nodes, "{label}");
                        match grew {
                            Some(grew) => {
                                kept += 1;
                                joined += grew;
                                pivots_kept += x.pivots;
                                pivots_cold += cold.pivots;
                            }
                            None => rebuilt += 1,
                        }
                    }
                    // The same answers with one thread as with many.
                    let pool = rayon::ThreadPoolBuilder::new()
                        .num_threads(1)
                        .build()
                        .unwrap();
                    let alone = pool.install(|| rounds(&check));
                    let answers =
                        |s: &[(Vec<TransportArc>, TransportSolution, Option<usize>)]| {
                            s.iter().map(|(_, x, _)| x.clone()).collect::<Vec<_>>()
                        };
                    assert_eq!(answers(&alone), answers(&solutions), "{label}");
                }
            }
        }
        // Both ways are taken, groups and sites outside every part join one, and resuming
        // saves work.
        assert!(kept > 20 && rebuilt > 10, "{kept} kept, {rebuilt} rebuilt");
        assert!(joined > 20, "{joined} groups and sites joined a part");
        assert!(
            pivots_kept < pivots_cold,
            "{pivots_kept} pivots resumed, {pivots_cold} cold"
        );
    }

    #[test]
    fn a_resume_with_other_people_or_beds_solves_from_the_carried_flow() {
        let instance = instance(Kind::Plain, 150, 50, 3);
        let (people, unhoused_cost, capacity, _) = &instance;
        let (first, _) = staged(&instance, 3, 0);
        let t = Transport {
            people,
            unhoused_cost,
            capacity,
            arcs: &first,
        };
        let (last, mut resumable) = t.solve_resumable(None).unwrap();
        let (arcs, moved) = staged(&instance, 3, 1);
        let fewer_beds: Vec<i64> = capacity.iter().map(|&c| c / 2).collect();
        let changed = Transport {
            capacity: &fewer_beds,
            arcs: &arcs,
            ..t
        };
        assert!(resumable.growth(&changed, &moved).is_none());
        let x = resumable.resolve(&changed, &moved, &last).unwrap();
        assert_eq!(x.objective, changed.solve().unwrap().objective);
        check_duals(&changed, &x);
        assert!(matches!(
            resumable.resolve(&changed, &moved[1..], &x),
            Err(FlowError::LengthMismatch { .. })
        ));
        // An old arc that is not at its new place as it was (here, dearer) is noticed too.
        let (mut more, moved) = staged(&instance, 3, 2);
        let t = Transport {
            arcs: &arcs,
            ..changed
        };
        let mut resumable = t.solve_resumable(None).unwrap().1;
        let last = t.solve().unwrap();
        let a = moved[0];
        more[a].cost += 1_000;
        let dearer = Transport {
            arcs: &more,
            ..changed
        };
        assert!(resumable.growth(&dearer, &moved).is_none());
        let x = resumable.resolve(&dearer, &moved, &last).unwrap();
        assert_eq!(x.objective, dearer.solve().unwrap().objective);
        check_duals(&dearer, &x);
    }

    #[test]
    fn start_flows_that_do_not_fit_start_cold() {
        // Two groups of 4 and two sites of 5 beds, every group at every site.
        let (people, unhoused_cost, capacity) = ([4, 4], [100, 100], [5, 5]);
        let arcs: Vec<TransportArc> = [(0, 0, 1), (0, 1, 2), (1, 0, 2), (1, 1, 1)]
            .map(|(group, site, cost)| TransportArc { group, site, cost })
            .to_vec();
        let t = Transport {
            people: &people,
            unhoused_cost: &unhoused_cost,
            capacity: &capacity,
            arcs: &arcs,
        };
        let cold = t.solve().unwrap();
        assert_eq!(cold.objective, 8);
        for (what, start, warm) in [
            ("a basis", [4, 0, 0, 0], 1),
            ("the optimum", [4, 0, 0, 4], 1),
            ("a cycle g0–s0–g1–s1", [2, 2, 2, 2], 0),
            ("more than a group's people", [3, 2, 0, 0], 0),
            ("more than a site's beds", [4, 0, 2, 0], 0),
            ("a negative flow", [-1, 0, 0, 0], 0),
        ] {
            let x = t.solve_from(&start).unwrap();
            assert_eq!(x.warm_parts, warm, "{what}");
            assert_eq!(x.objective, cold.objective, "{what}");
            check_duals(&t, &x);
        }
        assert!(matches!(
            t.solve_from(&[0, 0, 0]),
            Err(FlowError::LengthMismatch { found: 3, .. })
        ));
    }

    /// The basis checked in full after every pivot (every fifth on the largest) on instances
    /// of 200 to 2,000 nodes.
    #[test]
    fn every_basis_is_a_strongly_feasible_tree_on_random_allocations() {
        let kinds = [Kind::Plain, Kind::Degenerate, Kind::Ties, Kind::LargeCosts];
        let (mut pivots, mut degenerate) = (0, 0);
        for (groups, sites, seeds, every) in [
            (150, 50, 0..3, 1),
            (600, 200, 3..5, 1),
            (1500, 499, 5..6, 5),
        ] {
            for seed in seeds {
                for kind in kinds {
                    let label = format!("{kind:?} {groups} × {sites}, seed {seed}");
                    let instance = instance(kind, groups, sites, seed);
                    let (p, d) = solve_checked(&label, &instance, every);
                    pivots += p;
                    degenerate += d;
                }
            }
        }
        // Degenerate pivots are the ones strong feasibility is about.
        assert!(
            degenerate * 20 > pivots,
            "{degenerate} of {pivots} pivots degenerate"
        );
    }
}
