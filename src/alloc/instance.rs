//! The allocation problem of one scenario, in numbers: groups with people and unhoused costs,
//! sites with beds, and the arcs that say who may live where at what cost.

use super::arcs::{self, GroupPoints, Reach, SitePoints};
use super::priority;
use crate::capacity;
use crate::error::{Error, Result};
use crate::model::CostMatrix;
use crate::model::{Scenario, Site, SiteKind};
use std::collections::BTreeMap;

/// A permitted assignment in an [`Instance`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arc {
    /// Index into [`Instance::groups`].
    pub group: u32,
    /// Index into [`Instance::sites`].
    pub site: u32,
    /// Cost per person, in the scenario's cost unit: commute metres, or the cost matrix's
    /// value.
    pub cost: i64,
    /// Great-circle distance in whole metres.
    pub metres: u32,
}

/// The allocation problem of a scenario.
///
/// Minimise Σ cost·x + Σ unhoused_cost·u subject to each group's people = housed + unhoused and
/// each site's occupants ≤ its beds at the scenario's standard.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    /// Dataset index of each group (every demand group, in file order).
    pub groups: Vec<usize>,
    /// People of each group, after demand growth.
    pub people: Vec<i64>,
    /// Cost of leaving one person of each group unhoused.
    pub unhoused_cost: Vec<i64>,
    /// Whether each group must be housed in one site or not at all.
    pub keep_together: Vec<bool>,
    /// Priority rank of each group: 0 for the lowest priority points in the scenario, one more
    /// for each higher distinct value.
    pub rank: Vec<u32>,
    /// Dataset index of each site that can take people (beds > 0), in file order.
    pub sites: Vec<usize>,
    /// Beds of each site at the scenario's standard.
    pub capacity: Vec<i64>,
    /// Arcs ordered by group, then cost, then site.
    pub arcs: Vec<Arc>,
    /// `arcs[start[g]..start[g + 1]]` are group `g`'s arcs.
    pub start: Vec<usize>,
    /// What each group could reach (for the reasons of the unhoused).
    pub reach: Vec<Reach>,
    /// The extra unhoused cost per priority rank: one more than the costliest arc, so that a
    /// higher-priority person is never left out for a lower-priority one who takes a bed the
    /// first could have had.
    pub priority_step: i64,
}

impl Instance {
    /// An instance with no group and no site, for tests of what lies above the allocation.
    #[cfg(test)]
    pub(crate) fn empty() -> Instance {
        Instance {
            groups: vec![],
            people: vec![],
            unhoused_cost: vec![],
            keep_together: vec![],
            rank: vec![],
            sites: vec![],
            capacity: vec![],
            arcs: vec![],
            start: vec![0],
            reach: vec![],
            priority_step: 1,
        }
    }

    /// The arcs of group `g`.
    pub fn arcs_of(&self, g: usize) -> &[Arc] {
        &self.arcs[self.start[g]..self.start[g + 1]]
    }

    /// The arcs as the flow engine takes them.
    pub fn flow_arcs(&self) -> Vec<crate::flow::TransportArc> {
        use rayon::prelude::*;
        self.arcs
            .par_iter()
            .map(|a| crate::flow::TransportArc {
                group: a.group,
                site: a.site,
                cost: a.cost,
            })
            .collect()
    }

    /// The flow relaxation of the instance solved: every group may split (exact when none
    /// must stay together), with its prices.
    pub fn solve_flow(&self) -> Result<crate::flow::TransportSolution> {
        self.solve_flow_with(&self.people, &self.capacity)
    }

    /// [`Instance::solve_flow`] with other people per group and beds per site (groups and
    /// beds already decided taken out).
    pub fn solve_flow_with(
        &self,
        people: &[i64],
        capacity: &[i64],
    ) -> Result<crate::flow::TransportSolution> {
        self.solve_flow_from(people, capacity, None)
    }

    /// [`Instance::solve_flow_with`], starting the engine from `start` (people per arc, in
    /// the order of [`Instance::arcs`]) when given: a previous optimum, with arcs added since
    /// at zero, saves most of the work (see [`crate::flow::Transport::solve_from`]).
    pub fn solve_flow_from(
        &self,
        people: &[i64],
        capacity: &[i64],
        start: Option<&[i64]>,
    ) -> Result<crate::flow::TransportSolution> {
        let arcs = self.flow_arcs();
        let transport = self.transport(people, capacity, &arcs);
        match start {
            None => transport.solve(),
            Some(flow) => transport.solve_from(flow),
        }
        .map_err(Error::from)
    }

    /// [`Instance::solve_flow_from`], keeping the engine's simplices so that the instance can
    /// be solved again after arcs were added ([`Instance::resolve_flow`]).
    pub fn solve_flow_resumable(
        &self,
        people: &[i64],
        capacity: &[i64],
        start: Option<&[i64]>,
    ) -> Result<(crate::flow::TransportSolution, crate::flow::Resumable)> {
        let arcs = self.flow_arcs();
        let transport = self.transport(people, capacity, &arcs);
        transport.solve_resumable(start).map_err(Error::from)
    }

    /// Solves the instance again after arcs were added, the old ones moved to `moved`, from
    /// where `resumable` ended (`last` being that solution; see
    /// [`crate::flow::Resumable::resolve`]). `people` and `capacity` are the ones it was
    /// solved with.
    pub fn resolve_flow(
        &self,
        resumable: &mut crate::flow::Resumable,
        people: &[i64],
        capacity: &[i64],
        last: &crate::flow::TransportSolution,
        moved: &[usize],
    ) -> Result<crate::flow::TransportSolution> {
        let arcs = self.flow_arcs();
        let transport = self.transport(people, capacity, &arcs);
        resumable
            .resolve(&transport, moved, last)
            .map_err(Error::from)
    }

    /// The instance as the flow engine takes it, with these people and beds.
    fn transport<'a>(
        &'a self,
        people: &'a [i64],
        capacity: &'a [i64],
        arcs: &'a [crate::flow::TransportArc],
    ) -> crate::flow::Transport<'a> {
        crate::flow::Transport {
            people,
            unhoused_cost: &self.unhoused_cost,
            capacity,
            arcs,
        }
    }

    /// Builds the problem for the sites in the scenario's supply (see
    /// [`capacity::in_supply`]).
    pub fn build(scenario: &Scenario, matrix: Option<&CostMatrix>) -> Result<Instance> {
        let settings = &scenario.settings;
        Instance::build_with(scenario, matrix, |site| capacity::in_supply(site, settings))
    }

    /// Builds the problem for the sites that `include` accepts (planning adds candidates).
    pub fn build_with(
        scenario: &Scenario,
        matrix: Option<&CostMatrix>,
        include: impl Fn(&Site) -> bool,
    ) -> Result<Instance> {
        let data = &scenario.dataset;
        let settings = &scenario.settings;
        let mut sites = Vec::new();
        let mut capacity = Vec::new();
        for (i, site) in data.sites.iter().enumerate() {
            let beds = capacity::beds(site, settings);
            if include(site) && beds > 0 {
                sites.push(i);
                capacity.push(to_i64(beds)?);
            }
        }
        let groups: Vec<usize> = (0..data.demand.len()).collect();
        let people = data
            .demand
            .iter()
            .map(|g| to_i64(g.grown(settings.demand_growth)))
            .collect::<Result<Vec<_>>>()?;
        let keep_together = data.demand.iter().map(|g| g.keep_together).collect();
        let rank = priority::ranks(data.demand.iter().map(|g| g.priority));

        let employers = Employers::of(scenario, &sites);
        let (arcs, start, reach) = match matrix {
            None => distance_arcs(scenario, &sites, &employers)?,
            Some(m) => matrix_arcs(scenario, m, &sites, &employers),
        };
        let priority_step = costliest_pair(scenario, matrix, &sites) + 1;
        let penalty = settings.allocation.unhoused_penalty;
        let unhoused_cost = priority::unhoused_costs(&rank, priority_step, penalty)?;
        Ok(Instance {
            groups,
            people,
            unhoused_cost,
            keep_together,
            rank,
            sites,
            capacity,
            arcs,
            start,
            reach,
            priority_step,
        })
    }
}

/// A bound on the cost of any pair a group may use: the longest commute any group may make,
/// or the costliest entry of the cost matrix to one of `sites` within the matrix cutoff. (The
/// solver starts from a few arcs per group and adds others; the priority step must exceed
/// every pair's cost, not only the first arcs'.)
fn costliest_pair(scenario: &Scenario, matrix: Option<&CostMatrix>, sites: &[usize]) -> i64 {
    let data = &scenario.dataset;
    let allocation = &scenario.settings.allocation;
    match matrix {
        None => {
            let cutoff = km_to_m(allocation.cutoff_km);
            let longest = data
                .demand
                .iter()
                .map(|g| {
                    g.max_commute_km
                        .map_or(cutoff, |km| km_to_m(km).min(cutoff))
                })
                .max()
                .unwrap_or(0);
            i64::from(longest)
        }
        Some(m) => {
            let mut listed = vec![false; data.sites.len()];
            for &i in sites {
                listed[i] = true;
            }
            let cutoff = allocation.matrix_arcs.cutoff;
            m.iter()
                .filter(|&(_, site, cost)| {
                    listed.get(site) == Some(&true) && cutoff.is_none_or(|c| cost <= c)
                })
                .map(|(_, _, cost)| cost)
                .max()
                .unwrap_or(0)
        }
    }
}

fn to_i64(x: u64) -> Result<i64> {
    i64::try_from(x).map_err(|_| too_large("a count of people or beds"))
}

fn too_large(what: &str) -> Error {
    Error::TooLarge(what.to_string())
}

/// Employers as small numbers: a dormitory's restriction and a group's employer are compared
/// as ids, not strings.
pub(super) struct Employers {
    /// Per instance site: the employer an enterprise dormitory is restricted to.
    site: Vec<Option<u32>>,
    /// Per group: its employer's id, when that employer has a dormitory.
    group: Vec<Option<u32>>,
}

impl Employers {
    pub(super) fn of(scenario: &Scenario, sites: &[usize]) -> Employers {
        let data = &scenario.dataset;
        let mut ids: BTreeMap<&str, u32> = BTreeMap::new();
        let site = sites
            .iter()
            .map(|&i| {
                let s = &data.sites[i];
                match (&s.employer, s.kind) {
                    (Some(e), SiteKind::EnterpriseDormitory) => {
                        let next = ids.len() as u32;
                        Some(*ids.entry(e.as_str()).or_insert(next))
                    }
                    _ => None,
                }
            })
            .collect();
        let group = data
            .demand
            .iter()
            .map(|g| g.employer.as_deref().and_then(|e| ids.get(e).copied()))
            .collect();
        Employers { site, group }
    }

    /// Whether group `g` may live at instance site `s`.
    pub(super) fn allows(&self, g: usize, s: usize) -> bool {
        match self.site[s] {
            None => true,
            Some(e) => self.group[g] == Some(e),
        }
    }

    /// The employer to whose workers instance site `s` is restricted (an enterprise
    /// dormitory's), as a number shared with [`Employers::of_group`].
    pub(super) fn of_site(&self, s: usize) -> Option<u32> {
        self.site[s]
    }

    /// Group `g`'s employer, when that employer has a dormitory among the instance's sites.
    pub(super) fn of_group(&self, g: usize) -> Option<u32> {
        self.group[g]
    }

    /// Whether instance site `s` is a dormitory of an employer other than group `g`'s.
    pub(super) fn outsider(&self, g: usize, s: usize) -> bool {
        self.site[s].is_some_and(|e| self.group[g] != Some(e))
    }
}

type Built = (Vec<Arc>, Vec<usize>, Vec<Reach>);

/// Arcs to the k nearest allowed sites within the cutoff and each group's own commute limit.
fn distance_arcs(scenario: &Scenario, sites: &[usize], employers: &Employers) -> Result<Built> {
    let data = &scenario.dataset;
    let alloc = &scenario.settings.allocation;
    let site_location: Vec<_> = sites.iter().map(|&i| data.sites[i].location).collect();
    let group_location: Vec<_> = data.demand.iter().map(|g| g.location).collect();
    let max_commute: Vec<Option<u32>> = data
        .demand
        .iter()
        .map(|g| g.max_commute_km.map(km_to_m))
        .collect();
    let built = arcs::nearest_sites(
        SitePoints {
            location: &site_location,
            employer: &employers.site,
        },
        GroupPoints {
            location: &group_location,
            employer: &employers.group,
            max_commute_m: &max_commute,
        },
        alloc.nearest_k,
        km_to_m(alloc.cutoff_km),
    )
    // Validated coordinates and counts never trip the builder's checks.
    .map_err(|e| Error::Internal(format!("arc builder: {e}")))?;
    let arcs = built
        .arcs
        .iter()
        .map(|a| Arc {
            group: a.group,
            site: a.site,
            cost: i64::from(a.metres),
            metres: a.metres,
        })
        .collect();
    Ok((arcs, built.start, built.reach))
}

/// Kilometres to whole metres, rounded (validated settings are far below u32's range).
pub(crate) fn km_to_m(km: f64) -> u32 {
    (km * 1000.0).round().clamp(0.0, f64::from(u32::MAX)) as u32
}

/// Arcs from a cost matrix: every entry whose site can take people, whose employer rule allows
/// the group, within the scenario's matrix cutoff (in the matrix's unit) and the group's own
/// `max_commute_km` (great-circle), and among the group's `nearest_k` cheapest such entries
/// when the scenario sets it ([`MatrixArcs`](crate::model::MatrixArcs)).
fn matrix_arcs(
    scenario: &Scenario,
    matrix: &CostMatrix,
    sites: &[usize],
    employers: &Employers,
) -> Built {
    let data = &scenario.dataset;
    let limits = scenario.settings.allocation.matrix_arcs;
    // Each site's index among `sites`, when it is one of them.
    let mut local: Vec<Option<u32>> = vec![None; data.sites.len()];
    for (l, &i) in sites.iter().enumerate() {
        local[i] = Some(l as u32);
    }
    // Each instance site on the unit sphere, converted once: a matrix lists many pairs per site.
    let site_unit: Vec<[f64; 3]> = sites
        .iter()
        .map(|&i| arcs::unit_vector(data.sites[i].location))
        .collect();
    let mut arcs = Vec::new();
    let mut start = Vec::with_capacity(data.demand.len() + 1);
    let mut reach = Vec::with_capacity(data.demand.len());
    for g in 0..data.demand.len() {
        start.push(arcs.len());
        let group = &data.demand[g];
        let here = arcs::unit_vector(group.location);
        let max_commute = group.max_commute_km.map(km_to_m);
        let mut any = false;
        let from = arcs.len();
        for (site, cost) in matrix.of_group(g) {
            let Some(s) = local.get(site).copied().flatten() else {
                continue;
            };
            if limits.cutoff.is_some_and(|c| cost > c) {
                continue;
            }
            let metres = arcs::metres_between(&here, &site_unit[s as usize]);
            if max_commute.is_some_and(|m| metres > m) {
                continue;
            }
            any = true;
            if employers.allows(g, s as usize) {
                arcs.push(Arc {
                    group: g as u32,
                    site: s,
                    cost,
                    metres,
                });
            }
        }
        arcs[from..].sort_by_key(|a| (a.cost, a.site));
        if let Some(k) = limits.nearest_k {
            arcs.truncate(from + k.min(arcs.len() - from));
        }
        reach.push(match (any, arcs.len() > from) {
            (_, true) => Reach::Reachable,
            (true, false) => Reach::EmployerOnly,
            (false, false) => Reach::NoSiteInRange,
        });
    }
    start.push(arcs.len());
    (arcs, start, reach)
}
