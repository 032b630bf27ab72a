//! The figures of one scenario, computed once and shared by `sweep`, `compare` and `rank`.

use crate::alloc::{self, Allocation, Instance};
use crate::error::Result;
use crate::figures::{AllocationFigures, SiteFigures, Tally, add_fen, per_bed};
use crate::model::Loaded;
use crate::model::{CostUnit, Fen, Site, SiteKind, SiteStatus, Standard};
use crate::subsidy::{self, Eligibility};

/// Adds a site's beds, occupants and subsidy and, when it is a project to build (a candidate
/// that the plan builds or that the scenario counts as supply) with a cost, its net cost: what
/// the scenario's new projects cost the city, the same figure `dormplan plan` reports for the
/// projects it chooses. Standing sites' construction costs are spent already and not counted.
fn add_site(t: &mut Tally, s: &SiteMetrics) {
    t.sites += 1;
    t.beds += s.beds;
    t.occupants += s.occupants;
    t.subsidy_eligible = add_fen(t.subsidy_eligible, s.subsidy_eligible);
    t.subsidy_potential = add_fen(t.subsidy_potential, s.subsidy_potential);
    let to_build = s.status == SiteStatus::Candidate;
    if let (true, Some(cost), Some(net)) = (to_build, s.cost, s.net_cost()) {
        t.costed_sites += 1;
        t.costed_beds += s.beds;
        t.cost = add_fen(t.cost, cost);
        t.net_cost = add_fen(t.net_cost, net);
    }
}

/// Takes the people of an allocation's tally (demand, housed, unhoused, commutes).
fn set_people(t: &mut Tally, people: &Tally) {
    t.groups = people.groups;
    t.demand = people.demand;
    t.housed = people.housed;
    t.unhoused = people.unhoused;
    t.unhoused_by_reason = people.unhoused_by_reason.clone();
    t.person_metres = people.person_metres;
    t.p95_commute_m = people.p95_commute_m;
}

/// One site the allocation may use, with what it costs, what it is paid and how it is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteMetrics {
    /// Index into the dataset's sites.
    pub site: usize,
    /// Site id.
    pub id: String,
    /// Site name.
    pub name: String,
    /// Index into [`ScenarioMetrics::towns`] (the dataset's town order).
    pub town: usize,
    /// Kind.
    pub kind: SiteKind,
    /// Status.
    pub status: SiteStatus,
    /// Beds at the scenario's standard.
    pub beds: u64,
    /// People placed here.
    pub occupants: u64,
    /// People-weighted mean commute of its residents, whole metres (`None` when empty).
    pub mean_commute_m: Option<u64>,
    /// How much the allocation objective would fall with one more bed here, in the objective's
    /// unit (metres of commute; a cost matrix's own unit when the scenario has one). Housing one
    /// more person who is otherwise unhoused saves the unhoused penalty less the commute.
    pub shadow_price: i64,
    /// Construction cost, when given.
    pub cost: Option<Fen>,
    /// Subsidy as an eligible project, summed over the policy's programmes.
    pub subsidy_eligible: Fen,
    /// Subsidy as a potential project (open conditions), summed over the programmes.
    pub subsidy_potential: Fen,
}

impl SiteMetrics {
    /// Eligible and potential subsidy together.
    pub fn subsidy(&self) -> Fen {
        add_fen(self.subsidy_eligible, self.subsidy_potential)
    }

    /// Construction cost less subsidy ([`subsidy::net_cost`] on
    /// [`subsidy::PoolBasis::AfterPools`]: eligible and potential); `None` without a cost.
    pub fn net_cost(&self) -> Option<Fen> {
        self.cost.map(|c| subsidy::net_cost(c, self.subsidy()))
    }

    /// Net cost per bed, rounded down to the fen; `None` without a cost or without beds.
    pub fn net_cost_per_bed(&self) -> Option<Fen> {
        self.net_cost().and_then(|n| per_bed(n, self.beds))
    }

    /// Subsidy per bed, rounded down to the fen; `None` without beds.
    pub fn subsidy_per_bed(&self) -> Option<Fen> {
        per_bed(self.subsidy(), self.beds)
    }

    /// Occupants per 1,000 beds, rounded half up; `None` without beds.
    pub fn utilisation_tenths(&self) -> Option<u64> {
        crate::numbers::percent_tenths(self.occupants, self.beds)
    }
}

/// A town and its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TownMetrics {
    /// NBS code (the key that matches towns across scenarios).
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// Pinyin or English name.
    pub name_en: String,
    /// Its figures.
    pub figures: Tally,
}

/// Every figure of one scenario (its base or one variant) that sweeps, comparisons and
/// rankings show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioMetrics {
    /// The scenario's display name.
    pub name: String,
    /// The variant's name, `None` for the base.
    pub variant: Option<String>,
    /// The standard planned at.
    pub standard: Standard,
    /// The unit of shadow prices: metres, or a cost matrix's seconds.
    pub cost_unit: CostUnit,
    /// False when the keep-together search stopped at its node or work limit (the allocation
    /// is then the best found, not proven optimal).
    pub proven: bool,
    /// Every town of the dataset, in file order.
    pub towns: Vec<TownMetrics>,
    /// All towns together.
    pub total: Tally,
    /// The sites the allocation may use, in dataset order.
    pub sites: Vec<SiteMetrics>,
}

/// Turns a loaded scenario into a checked allocation and the sites it could use.
/// [`supply_solver`] allocates over the scenario's supply; planning, which opens candidate
/// projects, passes a solver that allocates over the supply and the projects it chose.
pub type Solver = dyn Fn(&Loaded) -> Result<(Instance, Allocation, UsableSites)> + Sync;

/// Which sites of the dataset an allocation could use (dataset indices, ascending).
pub type UsableSites = Vec<usize>;

/// The scenario's supply: what `dormplan allocate` uses.
pub fn supply_solver(loaded: &Loaded) -> Result<(Instance, Allocation, UsableSites)> {
    let settings = &loaded.scenario.settings;
    let (inst, alloc) = alloc::allocate_supply(loaded)?;
    let usable = loaded
        .scenario
        .dataset
        .sites
        .iter()
        .enumerate()
        .filter(|(_, s)| crate::capacity::in_supply(s, settings))
        .map(|(i, _)| i)
        .collect();
    Ok((inst, alloc, usable))
}

/// Allocates the scenario as it asks ([`scenario_solver`]) and measures it.
pub fn measure(loaded: &Loaded) -> Result<ScenarioMetrics> {
    measure_with(loaded, &scenario_solver)
}

/// What a scenario asks for: with a planning budget (`[plan] budget_yuan`), the plan's
/// allocation with the chosen projects built ([`crate::plan::planned_allocation`]); without
/// one, its supply ([`supply_solver`]). So a variant that changes the budget is compared by
/// what that budget builds.
pub fn scenario_solver(loaded: &Loaded) -> Result<(Instance, Allocation, UsableSites)> {
    if loaded.scenario.settings.plan.budget.is_some() {
        crate::plan::planned_allocation(loaded)
    } else {
        supply_solver(loaded)
    }
}

/// Allocates the scenario with `solver` and measures it.
pub fn measure_with(loaded: &Loaded, solver: &Solver) -> Result<ScenarioMetrics> {
    let (inst, alloc, usable) = solver(loaded)?;
    Ok(ScenarioMetrics::of(loaded, &usable, &inst, &alloc))
}

impl ScenarioMetrics {
    /// The figures of a solved allocation. `usable` lists the sites it could use (dataset
    /// indices); sites without beds at the standard are among them (their cost still counts)
    /// even though the allocation leaves them out.
    pub fn of(
        loaded: &Loaded,
        usable: &[usize],
        inst: &Instance,
        alloc: &Allocation,
    ) -> ScenarioMetrics {
        let scenario = &loaded.scenario;
        let data = &scenario.dataset;
        let summary = AllocationFigures::of(scenario, inst, alloc);
        let (eligible, potential) = subsidies(loaded, usable);
        // Instance position of each dataset site the allocation uses.
        let mut slot = vec![None; data.sites.len()];
        for (k, &i) in inst.sites.iter().enumerate() {
            if let Some(s) = slot.get_mut(i) {
                *s = Some(k);
            }
        }
        let sites: Vec<SiteMetrics> = usable
            .iter()
            .filter_map(|&i| data.sites.get(i).map(|s| (i, s)))
            .map(|(i, s)| {
                let used = slot[i].and_then(|k| summary.sites.get(k));
                site_metrics(i, s, used, eligible[i], potential[i])
            })
            .collect();

        let mut towns: Vec<TownMetrics> = data
            .towns
            .iter()
            .map(|t| TownMetrics {
                code: t.code.clone(),
                name_zh: t.name_zh.clone(),
                name_en: t.name_en.clone(),
                figures: Tally::default(),
            })
            .collect();
        let mut total = Tally::default();
        for s in &sites {
            if let Some(t) = towns.get_mut(s.town) {
                add_site(&mut t.figures, s);
            }
            add_site(&mut total, s);
        }
        for (t, f) in towns.iter_mut().zip(&summary.towns.towns) {
            set_people(&mut t.figures, f);
        }
        set_people(&mut total, summary.total());

        ScenarioMetrics {
            name: scenario.name.clone(),
            variant: scenario.variant.clone(),
            standard: scenario.settings.standard.plan,
            cost_unit: scenario.settings.allocation.cost_unit,
            proven: alloc.is_proven(),
            towns,
            total,
            sites,
        }
    }

    /// The variant's name, or `base`.
    pub fn label(&self) -> &str {
        self.variant.as_deref().unwrap_or("base")
    }
}

fn site_metrics(
    i: usize,
    s: &Site,
    used: Option<&SiteFigures>,
    eligible: Fen,
    potential: Fen,
) -> SiteMetrics {
    SiteMetrics {
        site: i,
        id: s.id.clone(),
        name: s.name.clone(),
        town: s.town,
        kind: s.kind,
        status: s.status,
        beds: used.map_or(0, |f| f.beds),
        occupants: used.map_or(0, |f| f.occupants),
        mean_commute_m: used.and_then(SiteFigures::mean_commute_m),
        shadow_price: used.map_or(0, |f| f.shadow_price),
        cost: s.cost,
        subsidy_eligible: eligible,
        subsidy_potential: potential,
    }
}

/// Eligible and potential subsidy of every dataset site, summed over the policy's programmes
/// (zero without a policy).
///
/// A scenario measured by its plan counts what `dormplan plan` counts: the chosen candidates
/// (the usable candidates that are not standing supply) built and taken as reviewed, the others
/// not there, and each pool shared among the standing projects and the chosen ones
/// ([`subsidy::BuiltPolicy`]); so its net cost is the plan's to the fen, pools or not.
/// Otherwise every site of the dataset is evaluated as `dormplan subsidy` does, so that pools
/// are shared among the same projects and the amounts agree with that report.
fn subsidies(loaded: &Loaded, usable: &[usize]) -> (Vec<Fen>, Vec<Fen>) {
    let scenario = &loaded.scenario;
    let (sites, settings) = (&scenario.dataset.sites, &scenario.settings);
    let n = sites.len();
    let mut eligible = vec![Fen::ZERO; n];
    let mut potential = vec![Fen::ZERO; n];
    let Some(policy) = &scenario.policy else {
        return (eligible, potential);
    };
    let mut add = |site: usize, e: Eligibility, amount: Fen| {
        let slot = match e {
            Eligibility::Eligible => eligible.get_mut(site),
            Eligibility::Potential => potential.get_mut(site),
            Eligibility::Unfunded | Eligibility::Ineligible => None,
        };
        if let Some(x) = slot {
            *x = add_fen(*x, amount);
        }
    };
    let planned = settings.plan.budget.is_some();
    let outcomes = subsidy::evaluate_policy(sites, settings, policy);
    if !planned {
        for p in outcomes.iter().flat_map(|o| &o.projects) {
            add(p.site, p.eligibility, p.amount);
        }
        return (eligible, potential);
    }
    let is_candidate: Vec<bool> = sites
        .iter()
        .map(|s| s.status == SiteStatus::Candidate && !crate::capacity::in_supply(s, settings))
        .collect();
    let candidates: Vec<usize> = (0..n).filter(|&i| is_candidate[i]).collect();
    let mut is_usable = vec![false; n];
    for &i in usable {
        if let Some(u) = is_usable.get_mut(i) {
            *u = true;
        }
    }
    let built: Vec<bool> = candidates.iter().map(|&i| is_usable[i]).collect();
    let model = subsidy::BuiltPolicy::new(sites, settings, policy, &candidates);
    let paid = model.subsidy(&built);
    // Standing projects of programmes without a pool are paid as they stand; those of pooled
    // programmes as the pool is shared with the plan built; the chosen candidates what the
    // plan counts for them, kept apart as eligible or potential by their review as it stands.
    let mut reviewed = vec![false; n];
    for o in &outcomes {
        for p in &o.projects {
            if is_candidate[p.site] {
                reviewed[p.site] |= p.eligibility == Eligibility::Eligible;
            } else if o.programme.pool.is_none() {
                add(p.site, p.eligibility, p.amount);
            }
        }
    }
    for &(site, e, amount) in &paid.standing {
        add(site, e, amount);
    }
    for (c, &i) in candidates.iter().enumerate() {
        let e = if reviewed[i] {
            Eligibility::Eligible
        } else {
            Eligibility::Potential
        };
        add(i, e, paid.paid[c]);
    }
    (eligible, potential)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn net_cost_needs_a_cost() {
        let mut s = SiteMetrics {
            site: 0,
            id: "S".into(),
            name: "S".into(),
            town: 0,
            kind: SiteKind::RentalNewBuild,
            status: SiteStatus::Existing,
            beds: 10,
            occupants: 5,
            mean_commute_m: None,
            shadow_price: 0,
            cost: None,
            subsidy_eligible: Fen(300),
            subsidy_potential: Fen(200),
        };
        assert_eq!(s.net_cost(), None);
        assert_eq!(s.net_cost_per_bed(), None);
        assert_eq!(s.subsidy_per_bed(), Some(Fen(50)));
        assert_eq!(s.utilisation_tenths(), Some(500));
        s.cost = Some(Fen(10_500));
        assert_eq!(s.net_cost(), Some(Fen(10_000)));
        assert_eq!(s.net_cost_per_bed(), Some(Fen(1_000)));
        // A standing site's cost is spent: its subsidy counts, its net cost does not.
        let mut f = Tally::default();
        add_site(&mut f, &s);
        assert_eq!(
            (f.costed_beds, f.net_cost, f.subsidy()),
            (0, Fen(0), Fen(500))
        );
        // A candidate project built counts.
        s.status = SiteStatus::Candidate;
        let mut f = Tally::default();
        add_site(&mut f, &s);
        assert_eq!(
            (f.costed_beds, f.net_cost, f.subsidy()),
            (10, Fen(10_000), Fen(500))
        );
    }
}
