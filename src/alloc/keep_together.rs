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
/// answer found (and reports the gap).
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
        if search.nodes >= NODE_LIMIT {
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
    let (objective, fixes, sol) = search.best.ok_or_else(|| {
        Error::Internal("the keep-together search found no allocation".to_string())
    })?;
    let bound = search.open_bound.map_or(objective, |b| b.min(objective));
    Ok(assemble(inst, &fixes, &sol, objective, bound, search.nodes))
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
        let mut people = inst.people.clone();
        let mut capacity = inst.capacity.clone();
        let mut fixed_cost: i128 = 0;
        for f in &fixes {
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
            arcs: self.arcs,
        }
        .solve()
        .map_err(Error::from)?;
        let total = sol.objective + fixed_cost;
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
    let mut flow = sol.flow.clone();
    let mut unhoused = sol.unhoused.clone();
    for f in fixes {
        match f.arc {
            Some(a) => flow[a] += inst.people[f.group],
            None => unhoused[f.group] += inst.people[f.group],
        }
    }
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
