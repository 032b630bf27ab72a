//! Spare dormitory beds shared, as a policy choice (`[allocation] share_spare_beds`).
//!
//! The policy as written keeps an enterprise dormitory for its employer's workers. A scenario
//! may let the dormitories of some employers (or all) take other workers once their own are
//! housed, so that a planner sees what sharing would do. Own workers come strictly first, so
//! the allocation has two stages, each exact:
//!
//! 1. **The normal allocation**, over every pair in range under the employer rule, exactly as
//!    without sharing ([`crate::alloc::solve_in_range`]). Every dormitory's own workers are
//!    placed here, and nothing later moves them.
//! 2. **The spare beds.** The beds a sharing dormitory still has free are offered to the
//!    people stage 1 left unhoused who work for another employer (or for none): the same
//!    problem (commute cost, unhoused cost with priority, keep-together groups whole, the
//!    cutoff and each group's own limit) over every such pair in range, and only those pairs.
//!
//! A stage-2 placement is therefore exactly a placement of a worker in another employer's
//! dormitory. The allocation's objective is the total over both stages; its lower bound is the
//! objective less both stages' gaps (zero unless a keep-together search stopped at its limit).
//! The reason of everyone still unhoused is judged over every site they may use under sharing:
//! the sites of stage 1 and the sharing dormitories of other employers.
//!
//! The checker verifies each stage on its own ([`crate::alloc::checker`]): stage 1 with its
//! own prices, as an allocation without sharing; stage 2 against the beds stage 1 left free,
//! with prices that prove it optimal over every pair of an unhoused worker and a sharing
//! dormitory in range.

use super::allocation::{Allocation, Duals, Spare};
use super::instance::Instance;
use super::keep_together;
use super::pricing::{InRange, Who, add_arcs, reason};
use crate::error::Result;
use crate::model::{Scenario, Site, SiteKind};
use rayon::prelude::*;

/// Whether `site` is a dormitory whose spare beds the scenario shares.
pub fn shares(scenario: &Scenario, site: &Site) -> bool {
    site.kind == SiteKind::EnterpriseDormitory
        && site
            .employer
            .as_deref()
            .is_some_and(|e| scenario.settings.allocation.spare_beds.shares(e))
}

/// Whether a placement of group `group`'s people at `site` uses another employer's
/// dormitory: a spare bed shared (the employer rule allows no other placement there).
pub fn on_spare_bed(site: &Site, group_employer: Option<&str>) -> bool {
    site.kind == SiteKind::EnterpriseDormitory
        && site
            .employer
            .as_deref()
            .is_some_and(|e| group_employer != Some(e))
}

/// People on shared spare beds per dormitory (dataset site index), most first (ties in file
/// order).
pub fn housed_on_spare_beds(
    scenario: &Scenario,
    inst: &Instance,
    alloc: &Allocation,
) -> Vec<(usize, i64)> {
    let data = &scenario.dataset;
    let mut people = std::collections::BTreeMap::new();
    for p in &alloc.placements {
        let group = &data.demand[inst.groups[p.group as usize]];
        let i = inst.sites[p.site as usize];
        if on_spare_bed(&data.sites[i], group.employer.as_deref()) {
            *people.entry(i).or_insert(0) += p.people;
        }
    }
    let mut by_site: Vec<(usize, i64)> = people.into_iter().collect();
    by_site.sort_by_key(|&(i, n)| (std::cmp::Reverse(n), i));
    by_site
}

/// People on shared spare beds in all; `None` when the allocation shares no beds (the
/// scenario's `share_spare_beds` is off).
pub fn total_on_spare_beds(
    scenario: &Scenario,
    inst: &Instance,
    alloc: &Allocation,
) -> Option<i64> {
    alloc.spare.is_some().then(|| {
        housed_on_spare_beds(scenario, inst, alloc)
            .iter()
            .map(|&(_, n)| n)
            .sum()
    })
}

/// Stage 2: offers the beds that sharing dormitories have free after `first` (the normal
/// allocation of `inst`) to the people it left unhoused who work elsewhere. Returns `first`
/// unchanged when the scenario shares nothing; else the allocation of both stages (stage 2
/// may house nobody), with stage 2's pairs added to `inst`'s arcs and the reasons of the
/// unhoused judged under sharing.
pub fn share_spare_beds(
    scenario: &Scenario,
    inst: &mut Instance,
    pairs: &InRange<'_>,
    first: Allocation,
    node_limit: u64,
) -> Result<Allocation> {
    if !scenario.settings.allocation.spare_beds.any() {
        return Ok(first);
    }
    let data = &scenario.dataset;
    let shared: Vec<bool> = inst
        .sites
        .iter()
        .map(|&i| shares(scenario, &data.sites[i]))
        .collect();
    let capacity: Vec<i64> = (0..inst.sites.len())
        .map(|s| {
            if shared[s] {
                inst.capacity[s] - first.occupants[s]
            } else {
                0
            }
        })
        .collect();
    let people = first.unhoused.clone();
    let open: Vec<bool> = capacity.iter().map(|&c| c > 0).collect();
    let added: Vec<Vec<super::Arc>> = (0..inst.groups.len())
        .into_par_iter()
        .map(|g| {
            let mut arcs = Vec::new();
            if people[g] > 0 {
                pairs.each_of(inst, g, i64::MAX, Who::Outsider(&open), |a| arcs.push(a));
                arcs.sort_unstable_by_key(|a| (a.cost, a.site));
            }
            arcs
        })
        .collect();
    let mut start = Vec::with_capacity(inst.groups.len() + 1);
    let mut arcs = Vec::new();
    for a in &added {
        start.push(arcs.len());
        arcs.extend_from_slice(a);
    }
    start.push(arcs.len());
    let second_inst = Instance {
        groups: inst.groups.clone(),
        people,
        unhoused_cost: inst.unhoused_cost.clone(),
        keep_together: inst.keep_together.clone(),
        rank: inst.rank.clone(),
        sites: inst.sites.clone(),
        capacity,
        arcs,
        start,
        reach: inst.reach.clone(),
        priority_step: inst.priority_step,
    };
    let root = second_inst.solve_flow()?;
    let duals = Duals {
        site_price: root.site_price.clone(),
        group_price: root.group_price.clone(),
        bound: root.objective,
    };
    let second =
        keep_together::solve_from_root(&second_inst, &second_inst.flow_arcs(), root, node_limit)?;
    drop(second_inst);
    add_arcs(inst, added);
    Ok(combine(inst, pairs, &shared, first, second, duals))
}

/// The allocation of both stages; the reasons of the unhoused judged over the sites of stage 1
/// and the `shared` dormitories.
fn combine(
    inst: &Instance,
    pairs: &InRange<'_>,
    shared: &[bool],
    first: Allocation,
    second: Allocation,
    duals: Duals,
) -> Allocation {
    let mut placements = first.placements;
    placements.extend(second.placements);
    placements.sort_by_key(|p| (p.group, p.cost, p.site));
    let occupants: Vec<i64> = first
        .occupants
        .iter()
        .zip(&second.occupants)
        .map(|(a, b)| a + b)
        .collect();
    // The people stage 1 left out cost their unhoused cost there; stage 2 houses some of them.
    let offered: i128 = first
        .unhoused
        .iter()
        .zip(&inst.unhoused_cost)
        .map(|(&u, &c)| i128::from(u) * i128::from(c))
        .sum();
    let objective = first.objective - offered + second.objective;
    let gaps = (first.objective - first.bound) + (second.objective - second.bound);
    let unhoused = second.unhoused;
    let reasons = (0..inst.groups.len())
        .map(|g| (unhoused[g] > 0).then(|| reason(inst, pairs, g, &occupants, Who::Either(shared))))
        .collect();
    Allocation {
        placements,
        unhoused,
        reasons,
        occupants,
        shadow_price: first.shadow_price,
        objective,
        bound: objective - gaps,
        nodes: first.nodes + second.nodes,
        duals: first.duals,
        spare: Some(Box::new(Spare {
            first_objective: first.objective,
            first_bound: first.bound,
            first_reasons: first.reasons,
            objective: second.objective,
            bound: second.bound,
            duals,
        })),
    }
}
