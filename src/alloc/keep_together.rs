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
//! exhaustive, so the search is exact; it stops early only at a node limit, and then says how
//! far from proven its answer is.

use super::allocation::{Allocation, Placement};
use super::instance::Instance;
use super::reasons::reason;
use crate::error::{Error, Result};
use crate::flow::{Transport, TransportArc, TransportSolution};

/// The most flow problems the keep-together search solves before it settles for the best
/// answer found (and reports the gap). It never stops before it has an answer: its first
/// dive, which fixes one more group at each node, reaches one within a node per
/// keep-together group.
pub const NODE_LIMIT: u64 = 20_000;

/// A keep-together group decided by the search: housed whole along an arc, or unhoused.
#[derive(Debug, Clone, Copy)]
struct Fix {
    group: usize,
    /// The arc (index into [`Instance::arcs`]) the group is placed on; `None`: unhoused.
    arc: Option<usize>,
}

/// Solves the instance exactly (up to [`NODE_LIMIT`] flow problems).
pub fn solve(inst: &Instance) -> Result<Allocation> {
    solve_with_limit(inst, NODE_LIMIT)
}

/// [`solve`] with another node limit than [`NODE_LIMIT`]: the search settles for the best
/// answer found once it has solved `node_limit` flow problems (and found an answer). A small
/// limit makes the stopped search, and what follows it, quick to reach in tests.
pub fn solve_with_limit(inst: &Instance, node_limit: u64) -> Result<Allocation> {
    let arcs = inst.flow_arcs();
    let mut search = Search {
        inst,
        arcs: &arcs,
        best: None,
        nodes: 0,
        open_bound: None,
    };
    let mut stack: Vec<(Vec<Fix>, i128)> = vec![(Vec::new(), i128::MIN)];
    while let Some((fixes, parent_bound)) = stack.pop() {
        if search.best.as_ref().is_some_and(|b| parent_bound >= b.0) {
            continue;
        }
        // Until a whole-group answer is found nothing is cut, so the search dives and finds
        // one within a node per keep-together group; it stops only with one in hand.
        if search.nodes >= node_limit && search.best.is_some() {
            let lb = stack
                .iter()
                .map(|s| s.1)
                .chain([parent_bound])
                .min()
                .unwrap_or(parent_bound);
            search.open_bound = Some(lb);
            break;
        }
        search.node(fixes, &mut stack)?;
    }
    let best = search.best.ok_or_else(|| {
        Error::Internal("the keep-together search found no allocation".to_string())
    })?;
    let (objective, fixes, sol) = if search.open_bound.is_some() {
        polish(inst, &arcs, best, &mut search.nodes)?
    } else {
        best
    };
    let bound = search.open_bound.map_or(objective, |b| b.min(objective));
    Ok(assemble(inst, &fixes, &sol, objective, bound, search.nodes))
}

/// The flow problem of a node: the instance with the fixed groups placed (or left out) and
/// their people and beds taken away, solved.
struct Fixed {
    /// People left to place, per group (0 for fixed groups).
    people: Vec<i64>,
    /// Beds left, per site.
    capacity: Vec<i64>,
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
        capacity,
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
    arcs: &'a [TransportArc],
    best: Option<(i128, Vec<Fix>, TransportSolution)>,
    nodes: u64,
    open_bound: Option<i128>,
}

impl Search<'_> {
    /// Solves the flow problem with `fixes` applied; records a whole-group solution or pushes
    /// the children of the split group with the most people.
    fn node(&mut self, fixes: Vec<Fix>, stack: &mut Vec<(Vec<Fix>, i128)>) -> Result<()> {
        let inst = self.inst;
        self.nodes += 1;
        let Fixed {
            people,
            capacity,
            total,
            sol,
        } = solve_fixed(inst, self.arcs, &fixes)?;
        if self.best.as_ref().is_some_and(|b| total >= b.0) {
            return Ok(());
        }
        let Some(g) = self.most_split(&people, &sol) else {
            self.best = Some((total, fixes, sol));
            return Ok(());
        };
        // Children, least promising pushed first so the most promising is searched next.
        let mut children: Vec<(i64, Option<usize>)> = (inst.start[g]..inst.start[g + 1])
            .filter(|&a| capacity[inst.arcs[a].site as usize] >= people[g])
            .map(|a| (sol.flow[a], Some(a)))
            .collect();
        children.push((sol.unhoused[g], None));
        children.sort_by_key(|&(share, a)| (share, std::cmp::Reverse(a)));
        for (_, arc) in children {
            let mut f = fixes.clone();
            f.push(Fix { group: g, arc });
            stack.push((f, total));
        }
        Ok(())
    }

    /// The keep-together group with the most people that the flow split (ties: lowest index).
    fn most_split(&self, people: &[i64], sol: &TransportSolution) -> Option<usize> {
        let inst = self.inst;
        (0..inst.groups.len())
            .filter(|&g| inst.keep_together[g] && people[g] > 0)
            .filter(|&g| {
                let used = (inst.start[g]..inst.start[g + 1])
                    .filter(|&a| sol.flow[a] > 0)
                    .count()
                    + usize::from(sol.unhoused[g] > 0);
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
    }
}
