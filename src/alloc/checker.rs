//! An independent check of every allocation, run before anything is written.
//!
//! It re-derives what it can from the scenario itself rather than from the solver's working
//! data: beds from floor areas, distances with its own great-circle formula, employer rules
//! from the names, people after growth from the demand file. A failure is a bug in dormplan,
//! reported as [`Error::Checker`](crate::Error::Checker).

use super::allocation::{Allocation, Duals, Spare};
use super::arcs::distance_m;
use super::instance::{Instance, km_to_m};
use super::reasons::Reason;
use super::spare::on_spare_bed;
use crate::capacity;
use crate::error::{Error, Result};
use crate::model::CostMatrix;
use crate::model::{DemandGroup, LonLat, Scenario, Site, SiteKind};
use rayon::prelude::*;
use rstar::RTree;
use rstar::primitives::GeomWithData;

/// Metres of slack between the solver's distances and the checker's own (both round to the
/// metre; the two formulas differ by far less than this).
const DISTANCE_SLACK_M: u32 = 2;

/// Checks `alloc` against the scenario: capacity at the standard, conservation of people,
/// only allowed arcs, keep-together groups whole, priority order, the proof that the objective
/// is optimal over every pair in range (not only the arcs the solver worked on), the reasons
/// of the unhoused over every site they may reach, and the objective recomputed. `usable` says
/// which sites could take people (the scenario's supply; for a plan, with the chosen
/// candidates).
pub fn check_allocation(
    scenario: &Scenario,
    matrix: Option<&CostMatrix>,
    inst: &Instance,
    alloc: &Allocation,
    usable: &dyn Fn(&Site) -> bool,
) -> Result<()> {
    let env = Env::new(scenario, matrix.is_some(), inst, usable);
    let mut faults = Vec::new();
    match &alloc.spare {
        None => {
            let mut c = Checker::new(scenario, matrix, inst, alloc, None);
            c.all(&env, usable);
            faults = c.faults;
        }
        Some(spare) => {
            // Each stage on its own: stage 1 as an allocation without sharing, then the whole
            // under the sharing rule, then stage 2's proof.
            let shared: Vec<bool> = scenario
                .dataset
                .sites
                .iter()
                .map(|s| super::spare::shares(scenario, s))
                .collect();
            let first = first_stage(scenario, inst, alloc, spare);
            let mut c = Checker::new(scenario, matrix, inst, &first, None);
            c.all(&env, usable);
            faults.extend(c.faults.into_iter().map(|f| format!("stage 1: {f}")));
            let mut c = Checker::new(scenario, matrix, inst, alloc, Some(&shared));
            c.sites(usable);
            c.groups();
            c.arcs();
            c.reasons(&env);
            c.objective();
            c.second_stage(&env, &first, spare);
            faults.extend(c.faults);
        }
    }
    if faults.is_empty() {
        Ok(())
    } else {
        let n = faults.len();
        faults.truncate(10);
        Err(Error::Checker(format!(
            "{n} violation(s): {}",
            faults.join("; ")
        )))
    }
}

/// Stage 1 of an allocation with spare beds shared: every placement but those in another
/// employer's dormitory, whose people count as unhoused, with stage 1's own figures.
fn first_stage(
    scenario: &Scenario,
    inst: &Instance,
    alloc: &Allocation,
    spare: &Spare,
) -> Allocation {
    let data = &scenario.dataset;
    let mut unhoused = alloc.unhoused.clone();
    let mut occupants = vec![0i64; inst.sites.len()];
    let mut placements = Vec::new();
    for p in &alloc.placements {
        let group = &data.demand[inst.groups[p.group as usize]];
        let site = &data.sites[inst.sites[p.site as usize]];
        if on_spare_bed(site, group.employer.as_deref()) {
            unhoused[p.group as usize] += p.people;
        } else {
            occupants[p.site as usize] += p.people;
            placements.push(*p);
        }
    }
    Allocation {
        placements,
        unhoused,
        reasons: spare.first_reasons.clone(),
        occupants,
        shadow_price: alloc.shadow_price.clone(),
        objective: spare.first_objective,
        bound: spare.first_bound,
        nodes: alloc.nodes,
        duals: alloc.duals.clone(),
        spare: None,
    }
}

/// What the checker finds once about the sites: which may take people, their index, and the
/// instance's index of each.
struct Env {
    /// Per dataset site: it may take people and has a bed at the standard.
    takes: Vec<bool>,
    /// Per dataset site: its index in the instance.
    local: Vec<Option<u32>>,
    /// The checker's own index of the sites that take people (without a cost matrix).
    index: Option<SiteIndex>,
    /// Per instance site: its beds at the standard, recomputed from its floor area.
    beds: Vec<i64>,
}

impl Env {
    fn new(
        scenario: &Scenario,
        matrix: bool,
        inst: &Instance,
        usable: &dyn Fn(&Site) -> bool,
    ) -> Env {
        let data = &scenario.dataset;
        let settings = &scenario.settings;
        let takes: Vec<bool> = data
            .sites
            .iter()
            .map(|s| usable(s) && capacity::beds(s, settings) > 0)
            .collect();
        let mut local = vec![None; data.sites.len()];
        for (l, &i) in inst.sites.iter().enumerate() {
            local[i] = Some(l as u32);
        }
        let index = (!matrix).then(|| SiteIndex::new(&data.sites, |i| takes[i]));
        let beds = inst
            .sites
            .iter()
            .map(|&i| capacity::beds(&data.sites[i], settings) as i64)
            .collect();
        Env {
            takes,
            local,
            index,
            beds,
        }
    }
}

/// A site in range of a group, as the checker finds it.
struct Near {
    /// Dataset index.
    site: usize,
    /// Instance index.
    local: Option<u32>,
    /// Cost per person.
    cost: i64,
    /// The employer rule lets the group live there.
    allowed: bool,
    /// It is another employer's dormitory that shares its spare beds.
    outsider: bool,
}

struct Checker<'a> {
    scenario: &'a Scenario,
    matrix: Option<&'a CostMatrix>,
    inst: &'a Instance,
    alloc: &'a Allocation,
    /// Per dataset site, with spare beds shared: its employer's dormitory shares them, so
    /// other workers may live there too (stage 2). `None`: the employer rule alone.
    shared: Option<&'a [bool]>,
    faults: Vec<String>,
}

impl<'a> Checker<'a> {
    fn new(
        scenario: &'a Scenario,
        matrix: Option<&'a CostMatrix>,
        inst: &'a Instance,
        alloc: &'a Allocation,
        shared: Option<&'a [bool]>,
    ) -> Checker<'a> {
        Checker {
            scenario,
            matrix,
            inst,
            alloc,
            shared,
            faults: Vec::new(),
        }
    }

    /// Every check of an allocation in one stage.
    fn all(&mut self, env: &Env, usable: &dyn Fn(&Site) -> bool) {
        self.sites(usable);
        self.groups();
        self.arcs();
        self.priority();
        self.certificate(env);
        self.reasons(env);
        self.objective();
    }

    /// Whether group `group` may live at dataset site `i` on a shared spare bed (another
    /// employer's dormitory that shares).
    fn outsider(&self, i: usize, group: &DemandGroup) -> bool {
        self.shared.is_some_and(|shared| {
            shared[i] && on_spare_bed(&self.scenario.dataset.sites[i], group.employer.as_deref())
        })
    }
    fn fault(&mut self, s: String) {
        self.faults.push(s);
    }

    fn site(&self, s: u32) -> &'a Site {
        &self.scenario.dataset.sites[self.inst.sites[s as usize]]
    }

    /// The farthest a group may commute, in metres: the scenario's cutoff, or the group's own
    /// `max_commute_km` when that is shorter.
    fn limit_m(&self, group: &DemandGroup) -> u32 {
        let cutoff = km_to_m(self.scenario.settings.allocation.cutoff_km);
        group
            .max_commute_km
            .map_or(cutoff, |km| km_to_m(km).min(cutoff))
    }

    /// With a cost matrix: whether a pair of `cost` is within the matrix cutoff and the group's
    /// own `max_commute_km`, great-circle by the checker's own formula, with `slack` metres
    /// given to the answer (negative: taken from it).
    fn matrix_in_range(&self, group: &DemandGroup, site: &Site, cost: i64, slack: i64) -> bool {
        let limits = self.scenario.settings.allocation.matrix_arcs;
        if limits.cutoff.is_some_and(|c| cost > c) {
            return false;
        }
        group.max_commute_km.is_none_or(|km| {
            let metres = i64::from(great_circle_m(group.location, site.location));
            metres <= i64::from(km_to_m(km)) + slack
        })
    }

    /// Occupants per site recomputed from the placements; each within beds at the standard.
    fn sites(&mut self, usable: &dyn Fn(&Site) -> bool) {
        let settings = &self.scenario.settings;
        let mut occupants = vec![0i64; self.inst.sites.len()];
        for p in &self.alloc.placements {
            if p.people <= 0 {
                self.fault(format!("a placement of {} people", p.people));
            }
            occupants[p.site as usize] += p.people;
        }
        if occupants != self.alloc.occupants {
            self.fault("site occupants do not add up from the placements".into());
        }
        for (s, &occ) in occupants.iter().enumerate() {
            let site = self.site(s as u32);
            if occ == 0 {
                continue;
            }
            if !usable(site) {
                self.fault(format!(
                    "site {} is not available but houses {occ}",
                    site.id
                ));
            }
            // The standard itself: occupants × m² per person within the residential area.
            let residential = site.residential_area(&settings.standard);
            let need = occ as i128 * i128::from(settings.standard.plan.area().units());
            if need > i128::from(residential.units()) {
                self.fault(format!(
                    "site {} houses {occ} in {} m², below {} m² per person",
                    site.id, residential, settings.standard.plan
                ));
            }
            if site.beds.is_some_and(|b| occ > i64::from(b)) {
                self.fault(format!(
                    "site {} houses {occ}, above its declared beds",
                    site.id
                ));
            }
        }
    }

    /// Every group's people are housed or unhoused, none twice; keep-together groups whole.
    fn groups(&mut self) {
        let demand = &self.scenario.dataset.demand;
        let growth = self.scenario.settings.demand_growth;
        let mut housed = vec![0i64; demand.len()];
        let mut sites_used = vec![0usize; demand.len()];
        for p in &self.alloc.placements {
            let g = self.inst.groups[p.group as usize];
            housed[g] += p.people;
            sites_used[g] += 1;
        }
        for (i, &g) in self.inst.groups.iter().enumerate() {
            let group = &demand[g];
            let want = group.grown(growth) as i64;
            let out = self.alloc.unhoused[i];
            if out < 0 || housed[g] + out != want {
                self.fault(format!(
                    "group {}: {} housed + {out} unhoused ≠ {want} people",
                    group.id, housed[g]
                ));
            }
            if group.keep_together && (sites_used[g] > 1 || (housed[g] > 0 && out > 0)) {
                self.fault(format!("keep-together group {} is split", group.id));
            }
            if (out > 0) != self.alloc.reasons[i].is_some() {
                self.fault(format!(
                    "group {}: unhoused people and reason disagree",
                    group.id
                ));
            }
        }
    }

    /// Only allowed arcs: within the cutoff and commute limit (or in the cost matrix), and an
    /// enterprise dormitory only for its employer's workers.
    fn arcs(&mut self) {
        for p in &self.alloc.placements {
            let group = &self.scenario.dataset.demand[self.inst.groups[p.group as usize]];
            let site = self.site(p.site);
            let metres = great_circle_m(group.location, site.location);
            if metres.abs_diff(p.metres) > DISTANCE_SLACK_M {
                self.fault(format!(
                    "{}→{}: {} m reported, {metres} m measured",
                    group.id, site.id, p.metres
                ));
            }
            let i = self.inst.sites[p.site as usize];
            if !employer_allows(site, group.employer.as_deref()) && !self.outsider(i, group) {
                self.fault(format!(
                    "{} is not allowed in dormitory {}",
                    group.id, site.id
                ));
            }
            match self.matrix {
                Some(m) => {
                    let cost = m.cost(
                        self.inst.groups[p.group as usize],
                        self.inst.sites[p.site as usize],
                    );
                    if cost != Some(p.cost) {
                        self.fault(format!(
                            "{}→{} is not in the cost matrix at {}",
                            group.id, site.id, p.cost
                        ));
                    }
                    if !self.matrix_in_range(group, site, p.cost, DISTANCE_SLACK_M as i64) {
                        self.fault(format!(
                            "{}→{}: cost {} or {metres} m is beyond the limits",
                            group.id, site.id, p.cost
                        ));
                    }
                }
                None => {
                    let limit = self.limit_m(group);
                    if metres > limit + DISTANCE_SLACK_M {
                        self.fault(format!(
                            "{}→{}: {metres} m is beyond {limit} m",
                            group.id, site.id
                        ));
                    }
                    if p.cost != i64::from(p.metres) {
                        self.fault(format!(
                            "{}→{}: cost is not the distance",
                            group.id, site.id
                        ));
                    }
                }
            }
        }
    }

    /// Unhoused costs rise with priority points (that nobody unhoused could take a
    /// lower-priority person's bed is checked with the reasons, over every site in range).
    fn priority(&mut self) {
        let inst = self.inst;
        let demand = &self.scenario.dataset.demand;
        let mut order: Vec<usize> = (0..inst.groups.len()).collect();
        order.sort_by_key(|&g| demand[inst.groups[g]].priority);
        for w in order.windows(2) {
            let (a, b) = (w[0], w[1]);
            let (pa, pb) = (
                demand[inst.groups[a]].priority,
                demand[inst.groups[b]].priority,
            );
            let (ca, cb) = (inst.unhoused_cost[a], inst.unhoused_cost[b]);
            if (pa < pb && ca >= cb) || (pa == pb && ca != cb) {
                self.fault(format!(
                    "unhoused costs do not follow priority points ({pa}, {pb})"
                ));
            }
        }
    }

    /// The sites in range of group `g` (instance index `g`) that cost less than `below`, with
    /// beds and usable, of any employer: from the matrix row, or from the checker's own R-tree
    /// nearest first, never from a scan of every site. A pair's cost is the arc builder's
    /// distance (the definition of a cost, which [`Checker::arcs`] holds against the checker's
    /// own formula on every placement) or the matrix value.
    fn pairs_of(&self, env: &Env, g: usize, below: i64) -> Vec<Near> {
        let data = &self.scenario.dataset;
        let group = &data.demand[self.inst.groups[g]];
        let near = |i: usize, cost: i64| {
            let allowed = employer_allows(&data.sites[i], group.employer.as_deref());
            Near {
                local: env.local[i],
                cost,
                allowed,
                outsider: !allowed && self.outsider(i, group),
                site: i,
            }
        };
        let own = group.max_commute_km.map(km_to_m);
        let mut out = Vec::new();
        match (self.matrix, &env.index) {
            (Some(m), _) => {
                let cutoff = self.scenario.settings.allocation.matrix_arcs.cutoff;
                for (i, cost) in m.of_group(self.inst.groups[g]) {
                    if env.takes.get(i) != Some(&true)
                        || cost >= below
                        || cutoff.is_some_and(|c| cost > c)
                    {
                        continue;
                    }
                    // The distance matters only under the group's own limit.
                    let within = |m| distance_m(group.location, data.sites[i].location) <= m;
                    if own.is_none_or(within) {
                        out.push(near(i, cost));
                    }
                }
            }
            (None, Some(index)) => {
                let limit = self.limit_m(group);
                let reach = u32::try_from(below.saturating_sub(1).max(0))
                    .unwrap_or(u32::MAX)
                    .min(limit);
                let around = reach.saturating_add(DISTANCE_SLACK_M);
                for (i, metres) in index.within_measured(group.location, around) {
                    if metres <= limit && i64::from(metres) < below {
                        out.push(near(i, i64::from(metres)));
                    }
                }
            }
            (None, None) => {}
        }
        out
    }

    /// The proof of optimality over every pair in range: the allocation's prices are feasible
    /// duals of the flow problem over all the pairs (a pair of negative reduced cost would
    /// lower the objective), the bound they prove is the one stated, and without keep-together
    /// groups it equals the objective. With keep-together groups, every pair the solver never
    /// considered adds, for the people it would take, at least the difference between the
    /// reported lower bound and the flow bound, so no answer using it is below that bound (when
    /// the answer is proven, none is better). Beds and people are recomputed here.
    fn certificate(&mut self, env: &Env) {
        let inst = self.inst;
        let data = &self.scenario.dataset;
        let settings = &self.scenario.settings;
        let d = &self.alloc.duals;
        if d.site_price.len() != inst.sites.len() || d.group_price.len() != inst.groups.len() {
            self.fault("no prices prove the objective optimal over every pair in range".into());
            return;
        }
        let beds = &env.beds;
        let people: Vec<i64> = inst
            .groups
            .iter()
            .map(|&g| data.demand[g].grown(settings.demand_growth) as i64)
            .collect();
        let Some(bound) = proven_bound(d, &people, beds, &inst.unhoused_cost) else {
            self.fault("the prices are not feasible: a negative bed price or a group priced above its unhoused cost".into());
            return;
        };
        if bound != d.bound {
            self.fault(format!(
                "the prices prove {bound}, not the {} stated",
                d.bound
            ));
        }
        if bound > self.alloc.bound {
            self.fault(format!(
                "the prices prove {bound}, above the lower bound {} reported",
                self.alloc.bound
            ));
        }
        let kept = (0..inst.groups.len()).any(|g| inst.keep_together[g] && people[g] > 0);
        let objective = self.alloc.objective;
        if !kept && bound != objective {
            self.fault(format!(
                "the objective {objective} is not the bound {bound} proven over every pair in range"
            ));
        }
        // Every pair outside the solver's arcs must add at least this much to the flow bound
        // for any answer that uses it: the reported lower bound (the objective, when proven)
        // then holds over every pair in range.
        let gap = (self.alloc.bound - bound).max(0);
        let faults: Vec<String> = (0..inst.groups.len())
            .into_par_iter()
            .filter_map(|g| {
                let v = d.group_price[g];
                let below = i64::try_from((i128::from(v) + gap).min(i128::from(i64::MAX)))
                    .unwrap_or(i64::MAX);
                let need = if inst.keep_together[g] { people[g] } else { 1 };
                let id = &data.demand[inst.groups[g]].id;
                for n in self.pairs_of(env, g, below) {
                    if !n.allowed {
                        continue;
                    }
                    let Some(s) = n.local else {
                        return Some(format!(
                            "site {} may take people but is not in the instance",
                            data.sites[n.site].id
                        ));
                    };
                    let s = s as usize;
                    let r = i128::from(n.cost) + i128::from(d.site_price[s]) - i128::from(v);
                    if r < 0 {
                        return Some(format!(
                            "{id}→{}: the pair would lower the objective (reduced cost {r})",
                            data.sites[n.site].id
                        ));
                    }
                    let could = gap > 0
                        && r * i128::from(need) < gap
                        && (!inst.keep_together[g] || beds[s] >= need);
                    if could && !inst.arcs_of(g).iter().any(|a| a.site as usize == s) {
                        return Some(format!(
                            "{id}→{}: an answer using the pair could fall below the stated bound, and the solver never considered it",
                            data.sites[n.site].id
                        ));
                    }
                }
                None
            })
            .collect();
        self.faults.extend(faults);
    }

    /// Each reason holds over every site the group may reach, and no unhoused person of a
    /// splittable group could take the bed of a lower-priority splittable group's member.
    fn reasons(&mut self, env: &Env) {
        let inst = self.inst;
        let data = &self.scenario.dataset;
        let free = |s: u32| env.beds[s as usize] - self.alloc.occupants[s as usize];
        // Lowest priority rank among splittable occupants of each site, and among those on
        // shared spare beds (an outsider may displace only them: own workers come first).
        let mut lowest = vec![u32::MAX; inst.sites.len()];
        let mut lowest_spare = vec![u32::MAX; inst.sites.len()];
        for p in &self.alloc.placements {
            if !inst.keep_together[p.group as usize] {
                let rank = inst.rank[p.group as usize];
                let r = &mut lowest[p.site as usize];
                *r = (*r).min(rank);
                let group = &data.demand[inst.groups[p.group as usize]];
                if on_spare_bed(self.site(p.site), group.employer.as_deref()) {
                    let r = &mut lowest_spare[p.site as usize];
                    *r = (*r).min(rank);
                }
            }
        }
        let faults: Vec<String> = (0..inst.groups.len())
            .into_par_iter()
            .filter_map(|g| {
                let reason = self.alloc.reasons[g]?;
                let group = &data.demand[inst.groups[g]];
                let around = self.pairs_of(env, g, i64::MAX);
                let mine: Vec<(u32, i64)> = around
                    .iter()
                    .filter(|n| n.allowed || n.outsider)
                    .filter_map(|n| n.local.map(|s| (s, n.cost)))
                    .collect();
                let displaced = around
                    .iter()
                    .filter_map(|n| {
                        let s = n.local? as usize;
                        let below = if n.allowed {
                            lowest[s]
                        } else if n.outsider {
                            lowest_spare[s]
                        } else {
                            return None;
                        };
                        (below < inst.rank[g]).then_some((s as u32, n.cost))
                    })
                    .next();
                if let (false, Some((s, _))) = (inst.keep_together[g], displaced) {
                    return Some(format!(
                        "group {} is left out while lower-priority people live at {}",
                        group.id,
                        self.site(s).id
                    ));
                }
                let need = if inst.keep_together[g] {
                    inst.people[g]
                } else {
                    1
                };
                let holds = match reason {
                    Reason::NoSiteInRange => around.is_empty(),
                    Reason::EmployerOnly => !around.is_empty() && mine.is_empty(),
                    Reason::RangeFull => mine.iter().all(|&(s, _)| free(s) <= 0),
                    Reason::NoRoomForWholeGroup => {
                        inst.keep_together[g] && mine.iter().all(|&(s, _)| free(s) < need)
                    }
                    // Every site with room for the people left out (all of them, for a group
                    // that must stay together) costs at least the penalty.
                    Reason::CostlierThanPenalty => mine
                        .iter()
                        .all(|&(s, cost)| free(s) < need || cost >= inst.unhoused_cost[g]),
                };
                (!holds).then(|| format!("group {}: reason {reason} does not hold", group.id))
            })
            .collect();
        self.faults.extend(faults);
    }

    /// Stage 2 of an allocation with spare beds shared, against `first` (stage 1 as the
    /// checker split it off): its objective recomputed; prices feasible over every pair of a
    /// group stage 1 left people out of and a sharing dormitory with beds stage 1 left free
    /// (each bed and person recounted here), proving the bound stated, equal to the objective
    /// without keep-together groups; with them, every such pair among the solver's arcs; and
    /// the whole's bound as the objective less both stages' gaps.
    fn second_stage(&mut self, env: &Env, first: &Allocation, spare: &Spare) {
        let inst = self.inst;
        let data = &self.scenario.dataset;
        let d = &spare.duals;
        let alloc = self.alloc;
        let commute: i128 = alloc
            .placements
            .iter()
            .filter(|p| {
                let group = &data.demand[inst.groups[p.group as usize]];
                on_spare_bed(self.site(p.site), group.employer.as_deref())
            })
            .map(|p| i128::from(p.cost) * i128::from(p.people))
            .sum();
        let out: i128 = alloc
            .unhoused
            .iter()
            .zip(&inst.unhoused_cost)
            .map(|(&u, &c)| i128::from(u) * i128::from(c))
            .sum();
        if commute + out != spare.objective {
            self.fault(format!(
                "stage 2: objective {} reported, {} recomputed",
                spare.objective,
                commute + out
            ));
        }
        let gaps = (spare.first_objective - spare.first_bound) + (spare.objective - spare.bound);
        if spare.bound > spare.objective || alloc.bound != alloc.objective - gaps {
            self.fault("stage 2: the lower bounds do not add up".into());
        }
        if d.site_price.len() != inst.sites.len() || d.group_price.len() != inst.groups.len() {
            self.fault("stage 2: no prices prove it optimal".into());
            return;
        }
        let shared = self.shared.unwrap_or(&[]);
        // Beds stage 1 left free in the sharing dormitories; none elsewhere.
        let free: Vec<i64> = (0..inst.sites.len())
            .map(|s| {
                if shared.get(inst.sites[s]) == Some(&true) {
                    (env.beds[s] - first.occupants[s]).max(0)
                } else {
                    0
                }
            })
            .collect();
        let people = &first.unhoused;
        let Some(bound) = proven_bound(d, people, &free, &inst.unhoused_cost) else {
            self.fault("stage 2: the prices are not feasible".into());
            return;
        };
        if bound != d.bound || bound > spare.bound {
            self.fault(format!(
                "stage 2: the prices prove {bound}, not the {} stated or above the bound {}",
                d.bound, spare.bound
            ));
        }
        let kept = (0..inst.groups.len()).any(|g| inst.keep_together[g] && people[g] > 0);
        if !kept && bound != spare.objective {
            self.fault(format!(
                "stage 2: the objective {} is not the bound {bound} proven",
                spare.objective
            ));
        }
        let faults: Vec<String> = (0..inst.groups.len())
            .into_par_iter()
            .filter(|&g| people[g] > 0)
            .filter_map(|g| {
                let v = d.group_price[g];
                let id = &data.demand[inst.groups[g]].id;
                for n in self.pairs_of(env, g, i64::MAX) {
                    let Some(s) = n.local.map(|s| s as usize) else {
                        continue;
                    };
                    if !n.outsider || free[s] <= 0 {
                        continue;
                    }
                    let r = i128::from(n.cost) + i128::from(d.site_price[s]) - i128::from(v);
                    if r < 0 {
                        return Some(format!(
                            "stage 2: {id}→{} would lower the objective (reduced cost {r})",
                            data.sites[n.site].id
                        ));
                    }
                    if kept && !inst.arcs_of(g).iter().any(|a| a.site as usize == s) {
                        return Some(format!(
                            "stage 2: {id}→{} was never considered",
                            data.sites[n.site].id
                        ));
                    }
                }
                None
            })
            .collect();
        self.faults.extend(faults);
    }

    /// The objective recomputed from placements and unhoused people.
    fn objective(&mut self) {
        let commute: i128 = self
            .alloc
            .placements
            .iter()
            .map(|p| i128::from(p.cost) * i128::from(p.people))
            .sum();
        let out: i128 = self
            .alloc
            .unhoused
            .iter()
            .zip(&self.inst.unhoused_cost)
            .map(|(&u, &c)| i128::from(u) * i128::from(c))
            .sum();
        if commute + out != self.alloc.objective {
            self.fault(format!(
                "objective {} reported, {} recomputed",
                self.alloc.objective,
                commute + out
            ));
        }
        if self.alloc.bound > self.alloc.objective {
            self.fault("the lower bound is above the objective".into());
        }
    }
}

/// The checker's own spatial index of sites: an R-tree over points on the unit sphere, whose
/// straight-line (chord) order is the great-circle order, so sites come out nearest first;
/// each distance is then the checker's own great-circle formula. (Independent of the arc
/// builder's index.)
struct SiteIndex {
    tree: RTree<GeomWithData<[f64; 3], usize>>,
}

/// A point on the unit sphere, as the arc builder puts it there (so that a pair's cost,
/// measured from these, is the arc builder's [`distance_m`] to the bit).
fn unit(p: LonLat) -> [f64; 3] {
    super::arcs::unit_vector(p)
}

impl SiteIndex {
    /// An index over the sites `keep` says (by dataset index).
    fn new(sites: &[Site], keep: impl Fn(usize) -> bool) -> SiteIndex {
        let points = (0..sites.len())
            .filter(|&i| keep(i))
            .map(|i| GeomWithData::new(unit(sites[i].location), i))
            .collect();
        SiteIndex {
            tree: RTree::bulk_load(points),
        }
    }

    /// The indexed sites within about `metres` of `from` (a range query on the chord, with
    /// a metre to spare: callers compare each distance), in no particular order, each with its
    /// [`distance_m`] from `from` (measured from the points the index holds on the sphere).
    fn within_measured(
        &self,
        from: LonLat,
        metres: u32,
    ) -> impl Iterator<Item = (usize, u32)> + '_ {
        const R: f64 = 6_371_008.8;
        let angle = ((f64::from(metres) + 1.0) / R).min(std::f64::consts::PI);
        let chord = 2.0 * (angle / 2.0).sin();
        let here = unit(from);
        self.tree
            .locate_within_distance(here, chord * chord * (1.0 + 1e-9) + 1e-18)
            .map(move |p| (p.data, super::arcs::metres_between(p.geom(), &here)))
    }
}

/// The lower bound that prices prove on every allocation of `people` to `beds` (weak duality:
/// `Σ people·group_price − Σ beds·site_price`), or `None` when they are not feasible duals: a
/// negative bed price, or a group priced above its unhoused cost.
fn proven_bound(d: &Duals, people: &[i64], beds: &[i64], unhoused_cost: &[i64]) -> Option<i128> {
    let feasible = d.site_price.iter().all(|&p| p >= 0)
        && d.group_price.iter().zip(unhoused_cost).all(|(v, u)| v <= u);
    feasible.then(|| {
        let paid: i128 = people
            .iter()
            .zip(&d.group_price)
            .map(|(&p, &v)| i128::from(p) * i128::from(v))
            .sum();
        let worth: i128 = beds
            .iter()
            .zip(&d.site_price)
            .map(|(&b, &p)| i128::from(b) * i128::from(p))
            .sum();
        paid - worth
    })
}

/// An enterprise dormitory with an employer takes only that employer's workers.
pub(super) fn employer_allows(site: &Site, employer: Option<&str>) -> bool {
    match (&site.employer, site.kind) {
        (Some(e), SiteKind::EnterpriseDormitory) => employer == Some(e.as_str()),
        _ => true,
    }
}

/// Haversine distance on the mean Earth radius, in whole metres: the checker's own formula,
/// independent of the arc builder's chord-based one.
fn great_circle_m(a: LonLat, b: LonLat) -> u32 {
    const R: f64 = 6_371_008.8;
    let (la1, la2) = (a.y().to_radians(), b.y().to_radians());
    let dlat = la2 - la1;
    let dlon = (b.x() - a.x()).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    (2.0 * R * h.sqrt().min(1.0).asin()).round() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The range query finds every site within the distance by the checker's own formula,
    /// and nothing more than a metre or two beyond it, also across the antimeridian and near
    /// a pole.
    #[test]
    fn the_index_finds_every_site_within_a_distance() {
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for (lon0, lat0, span) in [(121.2, 30.2, 0.5), (179.9, 10.0, 0.4), (10.0, 89.8, 0.3)] {
            let sites: Vec<LonLat> = (0..300)
                .map(|_| {
                    let lon = lon0 + (next() - 0.5) * span;
                    let lon = if lon > 180.0 { lon - 360.0 } else { lon };
                    LonLat::new(lon, (lat0 + (next() - 0.5) * span).min(90.0))
                })
                .collect();
            let tree = RTree::bulk_load(
                sites
                    .iter()
                    .enumerate()
                    .map(|(i, p)| GeomWithData::new(unit(*p), i))
                    .collect(),
            );
            let index = SiteIndex { tree };
            let from = LonLat::new(lon0, lat0);
            for metres in [0, 1_000, 5_000, 12_000, 100_000] {
                let measured: Vec<(usize, u32)> = index.within_measured(from, metres).collect();
                for &(i, m) in &measured {
                    assert_eq!(m, distance_m(from, sites[i]));
                }
                let mut got: Vec<usize> = measured.iter().map(|&(i, _)| i).collect();
                got.sort_unstable();
                let want: Vec<usize> = (0..sites.len())
                    .filter(|&i| great_circle_m(from, sites[i]) <= metres)
                    .collect();
                assert!(
                    want.iter().all(|i| got.binary_search(i).is_ok()),
                    "{lon0},{lat0} {metres}"
                );
                assert!(
                    got.iter()
                        .all(|&i| great_circle_m(from, sites[i]) <= metres + 2),
                    "{lon0},{lat0} {metres}"
                );
            }
        }
    }
}
