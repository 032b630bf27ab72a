//! Solving an [`Instance`]: the exact min-cost flow, and branch and bound on top of it for
//! groups that must stay together.
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

use super::instance::Instance;
use crate::error::{Error, Result};
use crate::flow::{Transport, TransportArc, TransportSolution};

/// Why people of a group are unhoused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// No site at all lies within the cutoff and the group's own commute limit.
    NoSiteInRange,
    /// The only sites in range are other employers' dormitories.
    EmployerOnly,
    /// Every site the group may use is full.
    RangeFull,
    /// A keep-together group: no site it may use has room for the whole group.
    NoRoomForWholeGroup,
    /// Sites with room are reachable, but each costs more per person than the unhoused
    /// penalty (raise `unhoused_penalty_m`, or check the cost matrix).
    CostlierThanPenalty,
}

impl Reason {
    /// Every reason, in a stable order.
    pub const ALL: [Reason; 5] = [
        Reason::NoSiteInRange,
        Reason::EmployerOnly,
        Reason::RangeFull,
        Reason::NoRoomForWholeGroup,
        Reason::CostlierThanPenalty,
    ];

    /// The code printed in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NoSiteInRange => "NO_SITE_IN_RANGE",
            Reason::EmployerOnly => "EMPLOYER_ONLY",
            Reason::RangeFull => "RANGE_FULL",
            Reason::NoRoomForWholeGroup => "NO_ROOM_FOR_WHOLE_GROUP",
            Reason::CostlierThanPenalty => "COSTLIER_THAN_PENALTY",
        }
    }

    /// A sentence for a planner.
    pub fn explain(self) -> &'static str {
        match self {
            Reason::NoSiteInRange => "no site within the cutoff or the group's commute limit",
            Reason::EmployerOnly => "only other employers' dormitories are in range",
            Reason::RangeFull => "every site in range is full",
            Reason::NoRoomForWholeGroup => {
                "the group must stay together and no site in range has room for all of it"
            }
            Reason::CostlierThanPenalty => {
                "sites in range have room, but cost more per person than the unhoused penalty"
            }
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// People of one group placed at one site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// Index into [`Instance::groups`].
    pub group: u32,
    /// Index into [`Instance::sites`].
    pub site: u32,
    /// People placed.
    pub people: i64,
    /// Cost per person on this arc.
    pub cost: i64,
    /// Commute in whole metres.
    pub metres: u32,
}

/// An optimal allocation of an [`Instance`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    /// Placements, ordered by group, then by the group's arc order (cost, then site).
    pub placements: Vec<Placement>,
    /// People of each group left unhoused.
    pub unhoused: Vec<i64>,
    /// Why, for each group with unhoused people.
    pub reasons: Vec<Option<Reason>>,
    /// Occupants of each site.
    pub occupants: Vec<i64>,
    /// Shadow price of each site: how much the objective falls with one more bed there (from
    /// the flow problem of the final search node when keep-together groups were branched on).
    pub shadow_price: Vec<i64>,
    /// Σ cost·x + Σ unhoused_cost·u.
    pub objective: i128,
    /// A proven lower bound on the objective: equal to it unless the search hit its node limit.
    pub bound: i128,
    /// Flow problems solved (1 when no keep-together group was split).
    pub nodes: u64,
}

impl Allocation {
    /// True when the objective is proven optimal.
    pub fn is_proven(&self) -> bool {
        self.bound == self.objective
    }
}

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
        Error::Checker("the keep-together search found no allocation".to_string())
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
        .map_err(|e| Error::Infeasible(format!("the allocation cannot be solved exactly: {e}")))?;
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

/// Why group `g` has unhoused people, given the sites' occupants.
pub fn reason(inst: &Instance, g: usize, occupants: &[i64]) -> Reason {
    use super::arcs::Reach;
    match inst.reach[g] {
        Reach::NoSiteInRange => return Reason::NoSiteInRange,
        Reach::EmployerOnly => return Reason::EmployerOnly,
        Reach::Reachable => {}
    }
    let free = |s: u32| inst.capacity[s as usize] - occupants[s as usize];
    let arcs = inst.arcs_of(g);
    if arcs.iter().all(|a| free(a.site) <= 0) {
        return Reason::RangeFull;
    }
    // Room for the people still out: one bed for a splittable group, all of them for a group
    // that must stay together.
    let need = if inst.keep_together[g] {
        inst.people[g]
    } else {
        1
    };
    if arcs.iter().any(|a| free(a.site) >= need) {
        Reason::CostlierThanPenalty
    } else {
        Reason::NoRoomForWholeGroup
    }
}
