//! Solving an [`Instance`] exactly, with groups that must stay together (keep-together): the
//! exact min-cost flow, and branch and bound on top of it.
//!
//! Without keep-together groups the problem is a transportation problem whose optimum is
//! integral, and one flow solve gives it. A keep-together group must be housed whole in one
//! site or not at all. The flow relaxation may split such a group; then the search branches on
//! it: one child per site that still has room for the whole group (the group is placed there
//! and the site's beds reduced) and one child where the group stays unhoused. Each child is
//! again a flow problem, so every node is solved exactly and fast; a node whose flow objective
//! is no better than the best whole-group solution found is cut. The options of a branch are
//! exhaustive, so the search is exact; it stops early only at a node or work limit, and then
//! says how far from proven its answer is.
//!
//! A node is not solved from scratch: the flow of its parent is repaired warm by shortest
//! paths (the private module `alloc::warm`) and stepped back by undoing the repair, so a node
//! costs what its change reaches rather than a whole solve. The answer is then solved again
//! by the engine, which must agree with the warm objective, for its flow and prices.

use super::allocation::{Allocation, Duals, Placement};
use super::instance::Instance;
use super::reasons::reason;
use super::warm::{Mark, Warm};
use crate::error::{Error, Result};
use crate::flow::{Transport, TransportArc, TransportSolution};

/// The most flow problems the keep-together search solves before it settles for the best
/// answer found (and reports the gap). It never stops before it has an answer: its first
/// dive, which fixes one more group at each node, reaches one within a node per
/// keep-together group.
pub const NODE_LIMIT: u64 = 20_000;

/// The most work the keep-together search does before it settles for the best answer found
/// (and reports the gap), in the warm re-solver's units: nodes settled and arcs looked at by
/// its shortest-path searches. About a second and a half on a 2-core server of the 2020s; a
/// count rather than a clock, so that the answer is the same on every machine. On a city's
/// instance the node limit comes first; on 20,000 groups and 2,000 sites a node can cost a
/// few million.
pub const WORK_LIMIT: u64 = 100_000_000;

/// A keep-together group decided by the search: housed whole along an arc, or unhoused.
#[derive(Debug, Clone, Copy)]
struct Fix {
    group: usize,
    /// The arc (index into [`Instance::arcs`]) the group is placed on; `None`: unhoused.
    arc: Option<usize>,
}

/// Solves the instance exactly (up to [`NODE_LIMIT`] flow problems and [`WORK_LIMIT`]).
pub fn solve(inst: &Instance) -> Result<Allocation> {
    solve_with_limit(inst, NODE_LIMIT)
}

/// [`solve`] with another node limit than [`NODE_LIMIT`]: the search settles for the best
/// answer found once it has solved `node_limit` flow problems (and found an answer). A small
/// limit makes the stopped search, and what follows it, quick to reach in tests.
pub fn solve_with_limit(inst: &Instance, node_limit: u64) -> Result<Allocation> {
    let arcs = inst.flow_arcs();
    let root = solve_fixed(inst, &arcs, &[])?;
    search(inst, &arcs, root, node_limit)
}

/// [`solve_with_limit`] from the flow problem of the instance already solved (`arcs` are the
/// instance's, as [`Instance::flow_arcs`] gives them).
pub(super) fn solve_from_root(
    inst: &Instance,
    arcs: &[TransportArc],
    sol: TransportSolution,
    node_limit: u64,
) -> Result<Allocation> {
    let root = Fixed {
        people: inst.people.clone(),
        total: sol.objective,
        sol,
    };
    search(inst, arcs, root, node_limit)
}

/// The answer from the solved root: the root's flow when it keeps every group together, else
/// the search's.
fn search(
    inst: &Instance,
    arcs: &[TransportArc],
    root: Fixed,
    node_limit: u64,
) -> Result<Allocation> {
    let mut search = Search {
        inst,
        kept: (0..inst.groups.len())
            .filter(|&g| inst.keep_together[g] && inst.people[g] > 0)
            .collect(),
        best: None,
        nodes: 0,
        node_limit,
        open_bound: None,
    };
    if search
        .most_split(&root.people, &root.sol.flow, &root.sol.unhoused)
        .is_none()
    {
        // The flow keeps every group together: it is the answer, proven.
        return Ok(assemble(inst, &[], &root.sol, root.total, root.total, 1));
    }
    let mut warm = Warm::new(inst, &root.sol)?;
    search.run(&mut warm)?;
    let (total, mut fixes, pinned) = search.best.take().ok_or_else(|| {
        Error::Internal("the keep-together search found no allocation".to_string())
    })?;
    // The answer is solved again from scratch by the engine, for its flow and its prices; the
    // warm objective must agree. The engine's flow, of the same cost, may split a group the
    // warm flow kept whole; then those groups are pinned where the warm flow put them.
    let mut again = solve_fixed(inst, arcs, &fixes)?;
    if search
        .most_split(&again.people, &again.sol.flow, &again.sol.unhoused)
        .is_some()
    {
        fixes.extend(pinned);
        again = solve_fixed(inst, arcs, &fixes)?;
    }
    if again.total != total {
        return Err(Error::Internal(format!(
            "keep-together search: the warm objective {total} differs from the engine's {}",
            again.total
        )));
    }
    let mut nodes = search.nodes;
    let (objective, fixes, sol) = if search.open_bound.is_some() {
        polish(inst, arcs, (total, fixes, again.sol), &mut nodes)?
    } else {
        (total, fixes, again.sol)
    };
    let bound = search.open_bound.map_or(objective, |b| b.min(objective));
    Ok(assemble(inst, &fixes, &sol, objective, bound, nodes))
}

/// The flow problem of a node: the instance with the fixed groups placed (or left out) and
/// their people and beds taken away, solved.
struct Fixed {
    /// People left to place, per group (0 for fixed groups).
    people: Vec<i64>,
    /// The node's whole objective: the flow's plus the fixed groups'.
    total: i128,
    sol: TransportSolution,
}

fn solve_fixed(inst: &Instance, arcs: &[TransportArc], fixes: &[Fix]) -> Result<Fixed> {
    let mut people = inst.people.clone();
    let mut capacity = inst.capacity.clone();
    let mut fixed_cost: i128 = 0;
    for f in fixes {
        let p = people[f.group];
        people[f.group] = 0;
        fixed_cost += match f.arc {
            Some(a) => {
                let arc = inst.arcs[a];
                capacity[arc.site as usize] -= p;
                i128::from(arc.cost) * i128::from(p)
            }
            None => i128::from(inst.unhoused_cost[f.group]) * i128::from(p),
        };
    }
    let sol = Transport {
        people: &people,
        unhoused_cost: &inst.unhoused_cost,
        capacity: &capacity,
        arcs,
    }
    .solve()
    .map_err(Error::from)?;
    Ok(Fixed {
        total: sol.objective + fixed_cost,
        people,
        sol,
    })
}

/// Improves a whole-group answer that the search, stopped at its node limit, may have left
/// with an obvious gain: a keep-together group out while a site it may use has room for all of
/// it at less than its unhoused cost. Such a group is placed there (at its cheapest such site),
/// every other keep-together group pinned where it is, and the rest re-solved; the objective
/// falls strictly each time, so this ends. Without it the group's reason (a site with room
/// costs more than the penalty) would be false. A search that finished leaves nothing to do.
fn polish(
    inst: &Instance,
    arcs: &[TransportArc],
    best: (i128, Vec<Fix>, TransportSolution),
    nodes: &mut u64,
) -> Result<(i128, Vec<Fix>, TransportSolution)> {
    let (mut total, mut fixes, mut sol) = best;
    loop {
        let (flow, unhoused) = whole_flows(inst, &fixes, &sol);
        let mut free = inst.capacity.clone();
        for (a, arc) in inst.arcs.iter().enumerate() {
            free[arc.site as usize] -= flow[a];
        }
        let gain = (0..inst.groups.len())
            .filter(|&g| inst.keep_together[g] && inst.people[g] > 0)
            .filter(|&g| unhoused[g] == inst.people[g])
            .find_map(|g| {
                (inst.start[g]..inst.start[g + 1])
                    .filter(|&a| {
                        let arc = inst.arcs[a];
                        free[arc.site as usize] >= inst.people[g]
                            && arc.cost < inst.unhoused_cost[g]
                    })
                    .min_by_key(|&a| (inst.arcs[a].cost, a))
                    .map(|a| (g, a))
            });
        let Some((g, a)) = gain else {
            return Ok((total, fixes, sol));
        };
        // Pin every keep-together group as it is, and place `g`.
        let pinned: Vec<Fix> = (0..inst.groups.len())
            .filter(|&h| inst.keep_together[h] && inst.people[h] > 0)
            .map(|h| {
                if h == g {
                    return Fix {
                        group: h,
                        arc: Some(a),
                    };
                }
                let arc = (inst.start[h]..inst.start[h + 1]).find(|&b| flow[b] > 0);
                Fix { group: h, arc }
            })
            .collect();
        *nodes += 1;
        let next = solve_fixed(inst, arcs, &pinned)?;
        if next.total >= total {
            // Cannot happen (the old answer with `g` moved in is feasible and cheaper), but a
            // polish must never make the answer worse.
            return Ok((total, fixes, sol));
        }
        (total, fixes, sol) = (next.total, pinned, next.sol);
    }
}

/// The whole flow of an answer: its fixed groups' placements added to the flow's.
fn whole_flows(inst: &Instance, fixes: &[Fix], sol: &TransportSolution) -> (Vec<i64>, Vec<i64>) {
    let mut flow = sol.flow.clone();
    let mut unhoused = sol.unhoused.clone();
    for f in fixes {
        match f.arc {
            Some(a) => flow[a] += inst.people[f.group],
            None => unhoused[f.group] += inst.people[f.group],
        }
    }
    (flow, unhoused)
}

struct Search<'a> {
    inst: &'a Instance,
    /// The keep-together groups with people.
    kept: Vec<usize>,
    /// The best whole-group answer: its objective, its decisions, and where its flow put the
    /// other keep-together groups (each whole).
    best: Option<(i128, Vec<Fix>, Vec<Fix>)>,
    nodes: u64,
    node_limit: u64,
    /// The least bound of the nodes left open when a limit stopped the search.
    open_bound: Option<i128>,
}

/// A node of the search with children still to visit: the group it branches on, its children
/// (most promising first), the next one to visit, the node's objective (a lower bound for all
/// of its children) and the warm state's mark before the node's own decision.
struct Frame {
    group: usize,
    children: Vec<Option<usize>>,
    next: usize,
    total: i128,
    entry: Option<Mark>,
}

impl Search<'_> {
    /// Depth first, most promising child first; every node is the warm flow with one more
    /// group decided, undone on the way back.
    fn run(&mut self, warm: &mut Warm) -> Result<()> {
        let mut fixes: Vec<Fix> = Vec::new();
        let mut frames: Vec<Frame> = Vec::new();
        if let Some(frame) = self.visit(warm, &fixes, None) {
            frames.push(frame);
        }
        while let Some(top) = frames.last_mut() {
            let pruned = self.best.as_ref().is_some_and(|b| top.total >= b.0);
            if pruned || top.next == top.children.len() {
                let entry = top.entry;
                frames.pop();
                if let Some(mark) = entry {
                    warm.undo(mark);
                    fixes.pop();
                }
                continue;
            }
            let spent = self.nodes >= self.node_limit || warm.work >= WORK_LIMIT;
            if spent && self.best.is_some() {
                // Bounds grow with depth, so the shallowest open node has the least; every
                // node on the path still has children to visit or was pruned above.
                let best = self.best.as_ref().map_or(i128::MAX, |b| b.0);
                self.open_bound = frames
                    .iter()
                    .filter(|f| f.next < f.children.len() && f.total < best)
                    .map(|f| f.total)
                    .min()
                    .or(Some(best));
                return Ok(());
            }
            let (group, arc) = (top.group, top.children[top.next]);
            top.next += 1;
            let mark = warm.mark();
            warm.fix(group, arc)?;
            fixes.push(Fix { group, arc });
            match self.visit(warm, &fixes, Some(mark)) {
                Some(frame) => frames.push(frame),
                None => {
                    warm.undo(mark);
                    fixes.pop();
                }
            }
        }
        Ok(())
    }

    /// Counts the node the warm state is at; records it when it keeps every group together,
    /// or returns its frame when it splits one and is not cut.
    fn visit(&mut self, warm: &Warm, fixes: &[Fix], entry: Option<Mark>) -> Option<Frame> {
        let inst = self.inst;
        self.nodes += 1;
        let total = warm.total();
        if self.best.as_ref().is_some_and(|b| total >= b.0) {
            return None;
        }
        let Some(g) = self.most_split(&warm.people, &warm.flow, &warm.unhoused) else {
            // Every undecided keep-together group is whole here, but another flow of the same
            // cost might split one: they are pinned where they are, so that the engine's
            // solve of the answer keeps them whole too.
            let pinned = self
                .kept
                .iter()
                .filter(|&&h| warm.people[h] > 0)
                .map(|&h| Fix {
                    group: h,
                    arc: (inst.start[h]..inst.start[h + 1]).find(|&a| warm.flow[a] > 0),
                });
            self.best = Some((total, fixes.to_vec(), pinned.collect()));
            return None;
        };
        // Children by the share of the group the flow put there, largest first.
        let mut children: Vec<(i64, Option<usize>)> = (inst.start[g]..inst.start[g + 1])
            .filter(|&a| warm.cap[inst.arcs[a].site as usize] >= warm.people[g])
            .map(|a| (warm.flow[a], Some(a)))
            .collect();
        children.push((warm.unhoused[g], None));
        children.sort_by_key(|&(share, a)| (std::cmp::Reverse(share), a));
        Some(Frame {
            group: g,
            children: children.into_iter().map(|c| c.1).collect(),
            next: 0,
            total,
            entry,
        })
    }

    /// The keep-together group with the most people that the flow split (ties: lowest index).
    fn most_split(&self, people: &[i64], flow: &[i64], unhoused: &[i64]) -> Option<usize> {
        let inst = self.inst;
        self.kept
            .iter()
            .copied()
            .filter(|&g| people[g] > 0)
            .filter(|&g| {
                let used = (inst.start[g]..inst.start[g + 1])
                    .filter(|&a| flow[a] > 0)
                    .count()
                    + usize::from(unhoused[g] > 0);
                used > 1
            })
            .max_by_key(|&g| (people[g], std::cmp::Reverse(g)))
    }
}

/// Builds the allocation from the best node: its fixes plus its flow.
fn assemble(
    inst: &Instance,
    fixes: &[Fix],
    sol: &TransportSolution,
    objective: i128,
    bound: i128,
    nodes: u64,
) -> Allocation {
    let (flow, unhoused) = whole_flows(inst, fixes, sol);
    let mut occupants = vec![0i64; inst.sites.len()];
    let mut placements = Vec::new();
    for (a, arc) in inst.arcs.iter().enumerate() {
        if flow[a] > 0 {
            occupants[arc.site as usize] += flow[a];
            placements.push(Placement {
                group: arc.group,
                site: arc.site,
                people: flow[a],
                cost: arc.cost,
                metres: arc.metres,
            });
        }
    }
    let reasons = (0..inst.groups.len())
        .map(|g| (unhoused[g] > 0).then(|| reason(inst, g, &occupants)))
        .collect();
    Allocation {
        placements,
        unhoused,
        reasons,
        occupants,
        shadow_price: sol.site_price.clone(),
        objective,
        bound,
        nodes,
        duals: Duals::default(),
        spare: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alloc::arcs::Reach;
    use crate::alloc::warm::{Mark, Warm};
    use crate::alloc::{Arc, Instance};
    use proptest::prelude::*;

    /// A random instance: every group keep-together, reaching up to four of the sites at costs
    /// with many ties (degenerate, as commutes are), beds from short to ample.
    fn instance(
        people: Vec<i64>,
        capacity: Vec<i64>,
        reach: Vec<Vec<(usize, i64)>>,
        unhoused_cost: i64,
    ) -> Instance {
        let groups = people.len();
        let sites = capacity.len();
        let mut arcs: Vec<Arc> = Vec::new();
        let mut start = vec![0usize];
        for (g, options) in reach.iter().enumerate().take(groups) {
            let mut mine: Vec<Arc> = options
                .iter()
                .map(|&(site, cost)| Arc {
                    group: g as u32,
                    site: (site % sites) as u32,
                    cost,
                    metres: cost as u32,
                })
                .collect();
            mine.sort_by_key(|a| (a.cost, a.site));
            mine.dedup_by_key(|a| a.site);
            arcs.extend(mine);
            start.push(arcs.len());
        }
        Instance {
            groups: (0..groups).collect(),
            people,
            unhoused_cost: vec![unhoused_cost; groups],
            keep_together: vec![true; groups],
            rank: vec![0; groups],
            sites: (0..sites).collect(),
            capacity,
            arcs,
            start,
            reach: vec![Reach::Reachable; groups],
            priority_step: 0,
        }
    }

    /// A decision the state allows for group `g`: the `pick`-th of its sites with room for it,
    /// or unhoused when `pick` passes them.
    fn decision(warm: &Warm, inst: &Instance, g: usize, pick: usize) -> Option<usize> {
        let room: Vec<usize> = (inst.start[g]..inst.start[g + 1])
            .filter(|&a| warm.cap[inst.arcs[a].site as usize] >= warm.people[g])
            .collect();
        room.get(pick % (room.len() + 1)).copied()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// After every decision, and after stepping back, the warm flow has the objective of
        /// the engine's solve from scratch, and prices that prove it optimal.
        #[test]
        fn warm_repairs_agree_with_solves_from_scratch(
            people in proptest::collection::vec(1i64..40, 2..40),
            capacity in proptest::collection::vec(0i64..80, 1..12),
            reach in proptest::collection::vec(
                proptest::collection::vec((0usize..12, 0i64..6), 0..5), 40),
            unhoused_cost in 3i64..12,
            steps in proptest::collection::vec((0usize..1_000, 0usize..8, any::<bool>()), 1..25),
        ) {
            let groups = people.len();
            let inst = instance(people, capacity, reach, unhoused_cost);
            let arcs = inst.flow_arcs();
            let root = solve_fixed(&inst, &arcs, &[]).unwrap();
            let mut warm = Warm::new(&inst, &root.sol).unwrap();
            let mut fixes: Vec<Fix> = Vec::new();
            let mut marks: Vec<Mark> = Vec::new();
            for (which, pick, back) in steps {
                if back && !marks.is_empty() {
                    warm.undo(marks.pop().unwrap());
                    fixes.pop();
                } else {
                    let open: Vec<usize> =
                        (0..groups).filter(|&g| warm.people[g] > 0).collect();
                    if open.is_empty() {
                        continue;
                    }
                    let g = open[which % open.len()];
                    let arc = decision(&warm, &inst, g, pick);
                    marks.push(warm.mark());
                    warm.fix(g, arc).unwrap();
                    fixes.push(Fix { group: g, arc });
                }
                let fresh = solve_fixed(&inst, &arcs, &fixes).unwrap();
                prop_assert_eq!(warm.total(), fresh.total);
                prop_assert!(warm.is_optimal());
                let unhoused: i64 = warm.unhoused.iter().sum();
                let placed: i64 = warm.flow.iter().sum();
                prop_assert_eq!(unhoused + placed, warm.people.iter().sum::<i64>());
            }
        }
    }
}
