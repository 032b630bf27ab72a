//! The shortage explained (缺口解读): per town, the people unhoused, the beds short within the
//! cutoff, and the single change of a fixed set that would house the most of them, each change
//! evaluated exactly by solving the whole scenario again with it applied.
//!
//! # The figures of a town
//!
//! People count in the town of their group (where they work), as in every allocation table.
//! **Beds short within the cutoff** are the town's unhoused people whose group can reach at
//! least one site it may use, every one of them full (reasons `RANGE_FULL` and
//! `NO_ROOM_FOR_WHOLE_GROUP`): one more bed within their reach would house one of them. The
//! other unhoused people have no site of their own within the cutoff (`NO_SITE_IN_RANGE`,
//! `EMPLOYER_ONLY`), or every free bed costs more than the unhoused penalty
//! (`COSTLIER_THAN_PENALTY`): beds nearby are not what they lack.
//!
//! # The changes
//!
//! A documented, fixed set, in this order ([`candidate_changes`](crate::explain::candidate_changes)):
//!
//! 1. **A wider cutoff**: the cutoff raised by each step of [`CUTOFF_STEPS_KM`](crate::explain::CUTOFF_STEPS_KM) (great-circle
//!    arcs only: with a cost matrix the cutoff is a limit on the matrix's own costs, and no
//!    step is tried).
//! 2. **The standard at the other end of the policy range**: the floor of the range when the
//!    scenario plans above it, else the ceiling (a scenario at the floor learns what the
//!    ceiling would cost it: fewer beds, a negative gain).
//! 3. **Building a named candidate** (status `candidate`), each on its own: it stands, with the
//!    status `existing` (or `under_construction` when the scenario leaves `existing` out).
//!    Offered when the scenario counts candidates' kind, does not count candidates as supply
//!    already, the candidate has beds at the plan standard, and it is due by the scenario's
//!    `as_of_year` (a project due later could not stand by then). In a plan, a candidate the
//!    plan builds already is not offered; one it does not build is built on top of what the
//!    budget buys.
//! 4. **A larger budget** (plans only): `[plan] budget_yuan` raised by each step of
//!    [`BUDGET_STEPS_PERCENT`](crate::explain::BUDGET_STEPS_PERCENT) of itself, in whole yuan.
//! 5. **Sharing a named employer's spare dormitory beds** (`share_spare_beds`, see
//!    [`crate::alloc::spare`]): the employers whose dormitories have free beds in the
//!    scenario's own solution and do not share yet, each on its own, at most
//!    [`SHARE_EMPLOYERS_MAX`](crate::explain::SHARE_EMPLOYERS_MAX), those with the most free beds first.
//!
//! Every change is applied to a copy of the scenario and solved exactly as the scenario asks
//! ([`Basis`](crate::explain::Basis)), in parallel; a plan that a change makes infeasible is reported as such.
//!
//! # The best change of a town
//!
//! For a ladder (cutoff, budget), the step that houses the most of the town's people, ties to
//! the smallest step. Then among the changes, the one that houses the most of the town's
//! people; ties go to the one that houses the most people overall, then to the first in the
//! order above (candidates in file order). A town has no best change when none houses any
//! more of its people.

use crate::alloc::{Allocation, Instance, Reason};
use crate::capacity;
use crate::error::{Error, Result};
use crate::figures::AllocationFigures;
use crate::metrics::{self, UsableSites};
use crate::model::{Fen, Loaded, SiteKind, SiteStatus, SpareBeds, Standard};
use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

/// How far the cutoff is widened, km: each step is tried.
pub const CUTOFF_STEPS_KM: [u32; 3] = [2, 5, 10];

/// The most employers whose spare dormitory beds are tried, shared one employer at a time.
pub const SHARE_EMPLOYERS_MAX: usize = 10;

/// How much a plan's budget is raised, in percent of itself: each step is tried.
pub const BUDGET_STEPS_PERCENT: [u32; 3] = [10, 25, 50];

/// One change to a scenario that may house more people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// The cutoff raised by this many km.
    WiderCutoff {
        /// km added to `cutoff_km`.
        extra_km: u32,
    },
    /// Plan at this standard, the other end of the policy range.
    OtherStandard {
        /// m² per person.
        standard: Standard,
    },
    /// This candidate project built (index into the dataset's sites).
    BuildCandidate {
        /// Index into the dataset's sites.
        site: usize,
    },
    /// The plan's budget raised by this much.
    RaiseBudget {
        /// Added to `[plan] budget_yuan`.
        extra: Fen,
    },
    /// The spare beds of one employer's dormitories shared (`share_spare_beds`), the employer
    /// named by one of its dormitories.
    ShareSpareBeds {
        /// Index into the dataset's sites: the employer's dormitory with the most free beds.
        dormitory: usize,
    },
}

impl Change {
    /// The code of the change's kind, the same in every language (`explain.csv`'s `change`).
    pub fn code(self) -> &'static str {
        match self {
            Change::WiderCutoff { .. } => "wider_cutoff",
            Change::OtherStandard { .. } => "other_standard",
            Change::BuildCandidate { .. } => "build_candidate",
            Change::RaiseBudget { .. } => "raise_budget",
            Change::ShareSpareBeds { .. } => "share_spare_beds",
        }
    }

    /// The employer whose spare dormitory beds the change shares (`None` for other changes).
    pub fn employer(self, loaded: &Loaded) -> Option<&str> {
        match self {
            Change::ShareSpareBeds { dormitory } => loaded
                .scenario
                .dataset
                .sites
                .get(dormitory)
                .and_then(|s| s.employer.as_deref()),
            _ => None,
        }
    }

    /// The scenario with the change applied.
    pub fn apply(self, loaded: &Loaded) -> Loaded {
        let mut changed = loaded.clone();
        let settings = &mut changed.scenario.settings;
        match self {
            Change::WiderCutoff { extra_km } => {
                settings.allocation.cutoff_km += f64::from(extra_km);
            }
            Change::OtherStandard { standard } => settings.standard.plan = standard,
            Change::BuildCandidate { site } => {
                let status = standing_status(&settings.standard.include_status);
                let mut data = (*changed.scenario.dataset).clone();
                if let (Some(s), Some(status)) = (data.sites.get_mut(site), status) {
                    s.status = status;
                }
                changed.scenario.dataset = std::sync::Arc::new(data);
            }
            Change::RaiseBudget { extra } => {
                settings.plan.budget = settings.plan.budget.map(|b| b + extra);
            }
            Change::ShareSpareBeds { .. } => {
                let employer = self.employer(loaded).map(str::to_string);
                let spare = &mut settings.allocation.spare_beds;
                match (employer, &mut *spare) {
                    (None, _) | (_, SpareBeds::All) => {}
                    (Some(e), SpareBeds::Of(names)) => {
                        names.insert(e);
                    }
                    (Some(e), SpareBeds::Kept) => *spare = SpareBeds::Of([e].into()),
                }
            }
        }
        changed
    }
}

/// The status a built candidate takes: `existing`, or `under_construction` when the scenario
/// leaves `existing` out; `None` when it counts neither.
fn standing_status(included: &[SiteStatus]) -> Option<SiteStatus> {
    [SiteStatus::Existing, SiteStatus::UnderConstruction]
        .into_iter()
        .find(|s| included.contains(s))
}

/// How a scenario is solved, before and after each change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Its supply, as `dormplan allocate` allocates it.
    Supply,
    /// Its plan, as `dormplan plan` chooses it (a scenario with `[plan] budget_yuan`).
    Plan,
}

impl Basis {
    /// What the scenario asks for: its plan when it has a budget, else its supply (the rule of
    /// [`metrics::scenario_solver`]).
    pub fn of(loaded: &Loaded) -> Basis {
        if loaded.scenario.settings.plan.budget.is_some() {
            Basis::Plan
        } else {
            Basis::Supply
        }
    }

    fn solve(self, loaded: &Loaded) -> Result<(Instance, Allocation, UsableSites)> {
        match self {
            Basis::Supply => metrics::supply_solver(loaded),
            Basis::Plan => crate::plan::planned_allocation(loaded),
        }
    }
}

/// The changes tried on a scenario, in the documented order (see the module's notes).
/// `usable` lists the sites the scenario's own solution could use (a plan's built candidates
/// among them); `free` the free beds of each instance site of that solution (`inst.sites`).
pub fn candidate_changes(
    loaded: &Loaded,
    basis: Basis,
    usable: &[usize],
    inst: &Instance,
    free: &[i64],
) -> Vec<Change> {
    let settings = &loaded.scenario.settings;
    let mut changes = Vec::new();
    let great_circle = loaded.cost_matrix.is_none() && settings.allocation.cost_matrix.is_none();
    if great_circle {
        changes.extend(
            CUTOFF_STEPS_KM
                .iter()
                .map(|&extra_km| Change::WiderCutoff { extra_km }),
        );
    }
    let range = &settings.standard;
    let other = if range.plan > range.floor {
        range.floor
    } else {
        range.ceiling
    };
    if other != range.plan {
        changes.push(Change::OtherStandard { standard: other });
    }
    let buildable = |i: usize| {
        let site = &loaded.scenario.dataset.sites[i];
        let due = match (settings.as_of_year, site.completed_year) {
            (Some(as_of), Some(done)) => done <= as_of,
            _ => true,
        };
        site.status == SiteStatus::Candidate
            && !range.include_status.contains(&SiteStatus::Candidate)
            && standing_status(&range.include_status).is_some()
            && range.include_kind.contains(&site.kind)
            && capacity::beds(site, settings) > 0
            && due
            && usable.binary_search(&i).is_err()
    };
    changes.extend(
        (0..loaded.scenario.dataset.sites.len())
            .filter(|&i| buildable(i))
            .map(|site| Change::BuildCandidate { site }),
    );
    if let (Basis::Plan, Some(budget)) = (basis, settings.plan.budget) {
        changes.extend(BUDGET_STEPS_PERCENT.iter().filter_map(|&p| {
            let whole_yuan = budget.0 / 100 * i64::from(p) / 100;
            (whole_yuan > 0).then_some(Change::RaiseBudget {
                extra: Fen(whole_yuan * 100),
            })
        }));
    }
    changes.extend(sharing_employers(loaded, inst, free));
    changes
}

/// The employers whose dormitories have free beds and do not share them yet: at most
/// [`SHARE_EMPLOYERS_MAX`], those with the most free beds first (ties by name), each named by
/// its dormitory with the most free beds (ties to the first in file order).
fn sharing_employers(loaded: &Loaded, inst: &Instance, free: &[i64]) -> Vec<Change> {
    let data = &loaded.scenario.dataset;
    let spare = &loaded.scenario.settings.allocation.spare_beds;
    // Per employer: free beds in all, and its dormitory with the most.
    let mut by: std::collections::BTreeMap<&str, (i64, usize, i64)> = Default::default();
    for (s, &i) in inst.sites.iter().enumerate() {
        let site = &data.sites[i];
        let (Some(e), SiteKind::EnterpriseDormitory) = (site.employer.as_deref(), site.kind) else {
            continue;
        };
        let f = free.get(s).copied().unwrap_or(0);
        if f <= 0 || spare.shares(e) {
            continue;
        }
        let entry = by.entry(e).or_insert((0, i, f));
        entry.0 += f;
        if f > entry.2 || (f == entry.2 && i < entry.1) {
            (entry.1, entry.2) = (i, f);
        }
    }
    let mut employers: Vec<(&str, i64, usize)> =
        by.into_iter().map(|(e, (f, i, _))| (e, f, i)).collect();
    employers.sort_by_key(|&(e, f, _)| (std::cmp::Reverse(f), e));
    employers
        .into_iter()
        .take(SHARE_EMPLOYERS_MAX)
        .map(|(_, _, dormitory)| Change::ShareSpareBeds { dormitory })
        .collect()
}

/// What one change does, measured by the re-solve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeEffect {
    /// The change (for a ladder, its best step for the town).
    pub change: Change,
    /// People of the town housed beyond the scenario's own solution (negative: fewer), and the
    /// same over all towns; `None` when the changed plan is infeasible.
    pub gain: Option<(i64, i64)>,
}

impl ChangeEffect {
    /// People of the town it houses beyond the scenario's own solution.
    pub fn town_gain(&self) -> Option<i64> {
        self.gain.map(|g| g.0)
    }

    /// People of every town it houses beyond the scenario's own solution.
    pub fn total_gain(&self) -> Option<i64> {
        self.gain.map(|g| g.1)
    }
}

/// One town's shortage and the changes that would shrink it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TownShortage {
    /// Index into the dataset's towns.
    pub town: usize,
    /// People needing a bed.
    pub demand: u64,
    /// Of them, housed.
    pub housed: u64,
    /// Of them, unhoused.
    pub unhoused: u64,
    /// Of the unhoused, those whose every site in reach is full (see the module's notes).
    pub beds_short: u64,
    /// Every change tried, one per kind of ladder (its best step) and one per candidate, in the
    /// documented order.
    pub changes: Vec<ChangeEffect>,
    /// Position in `changes` of the change that houses the most of the town's people; `None`
    /// when none houses any more.
    pub best: Option<usize>,
}

impl TownShortage {
    /// The best change, when one houses more of the town's people.
    pub fn best_change(&self) -> Option<&ChangeEffect> {
        self.best.and_then(|i| self.changes.get(i))
    }
}

/// The whole explanation of a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// How the scenario and its changes were solved.
    pub basis: Basis,
    /// Every town of the dataset, in its order.
    pub towns: Vec<TownShortage>,
    /// Every change solved, with the people it houses per town (`None`: an infeasible plan).
    pub solved: Vec<(Change, Option<Vec<u64>>)>,
}

impl Explanation {
    /// The towns a report shows: the one asked for (by index), else every town with unhoused
    /// people.
    pub fn shown(&self, only: Option<usize>) -> impl Iterator<Item = &TownShortage> {
        self.towns.iter().filter(move |t| match only {
            Some(o) => t.town == o,
            None => t.unhoused > 0,
        })
    }
}

/// Explains the shortage of every town of the scenario, solved as it asks ([`Basis::of`]).
pub fn explain_shortage(loaded: &Loaded) -> Result<Explanation> {
    explain_on(loaded, Basis::of(loaded))
}

/// Explains the shortage of every town, solving the scenario and every change on `basis`.
pub fn explain_on(loaded: &Loaded, basis: Basis) -> Result<Explanation> {
    explain_counting(loaded, basis, &AtomicU64::new(0))
}

/// [`explain_on`], counting in `done` the changes solved so far, for whoever shows progress
/// (counting never changes what is found).
pub fn explain_counting(loaded: &Loaded, basis: Basis, done: &AtomicU64) -> Result<Explanation> {
    let (inst, alloc, usable) = basis.solve(loaded)?;
    let base = AllocationFigures::of(&loaded.scenario, &inst, &alloc);
    let free: Vec<i64> = (0..inst.sites.len())
        .map(|s| inst.capacity[s] - alloc.occupants[s])
        .collect();
    let changes = candidate_changes(loaded, basis, &usable, &inst, &free);
    let results: Vec<Result<Option<Vec<u64>>>> = changes
        .par_iter()
        .map(|c| {
            let housed = housed_with(&c.apply(loaded), basis);
            done.fetch_add(1, Ordering::Relaxed);
            housed
        })
        .collect();
    // The first error in the changes' order, whichever thread met it first.
    let mut solved = Vec::with_capacity(changes.len());
    for (c, r) in changes.into_iter().zip(results) {
        solved.push((c, r?));
    }
    let towns = base
        .towns
        .towns
        .iter()
        .enumerate()
        .map(|(t, f)| {
            let short = |r: Reason| f.unhoused_by_reason.get(&r).copied().unwrap_or(0);
            let changes = town_changes(t, f.housed, base.total().housed, &solved);
            TownShortage {
                town: t,
                demand: f.demand,
                housed: f.housed,
                unhoused: f.unhoused,
                beds_short: short(Reason::RangeFull) + short(Reason::NoRoomForWholeGroup),
                best: best_of(&changes),
                changes,
            }
        })
        .collect();
    Ok(Explanation {
        basis,
        towns,
        solved,
    })
}

/// People housed per town with the scenario solved on `basis`; `None` when it is an infeasible
/// plan.
fn housed_with(loaded: &Loaded, basis: Basis) -> Result<Option<Vec<u64>>> {
    match basis.solve(loaded) {
        Ok((inst, alloc, _)) => {
            let f = AllocationFigures::of(&loaded.scenario, &inst, &alloc);
            Ok(Some(f.towns.towns.iter().map(|t| t.housed).collect()))
        }
        Err(Error::Infeasible(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The changes of town `t`: each ladder's best step for the town, and every other change.
fn town_changes(
    t: usize,
    housed: u64,
    housed_total: u64,
    solved: &[(Change, Option<Vec<u64>>)],
) -> Vec<ChangeEffect> {
    let diff = |after: u64, before: u64| {
        i64::try_from(after).unwrap_or(i64::MAX) - i64::try_from(before).unwrap_or(i64::MAX)
    };
    let effects = solved.iter().map(|(change, towns)| ChangeEffect {
        change: *change,
        gain: towns.as_ref().map(|h| {
            let town = h.get(t).copied().unwrap_or(0);
            (diff(town, housed), diff(h.iter().sum(), housed_total))
        }),
    });
    let mut out: Vec<ChangeEffect> = Vec::new();
    for e in effects {
        let same_ladder = |o: &ChangeEffect| {
            o.change.code() == e.change.code()
                && matches!(
                    e.change,
                    Change::WiderCutoff { .. } | Change::RaiseBudget { .. }
                )
        };
        match out.iter_mut().find(|o| same_ladder(o)) {
            // Steps come smallest first: a later step replaces only by housing more.
            Some(kept)
                if e.town_gain().unwrap_or(i64::MIN) > kept.town_gain().unwrap_or(i64::MIN) =>
            {
                *kept = e
            }
            Some(_) => {}
            None => out.push(e),
        }
    }
    out
}

/// The change that houses the most of the town's people, ties to the most overall, then to the
/// first; `None` when none houses more.
fn best_of(changes: &[ChangeEffect]) -> Option<usize> {
    changes
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.gain.filter(|g| g.0 > 0).map(|g| (g, i)))
        .max_by_key(|&((town, total), i)| (town, total, std::cmp::Reverse(i)))
        .map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn effect(change: Change, gain: Option<(i64, i64)>) -> ChangeEffect {
        ChangeEffect { change, gain }
    }

    #[test]
    fn ladders_keep_their_smallest_step_that_houses_the_most() {
        let solved = vec![
            (Change::WiderCutoff { extra_km: 2 }, Some(vec![5, 10])),
            (Change::WiderCutoff { extra_km: 5 }, Some(vec![7, 10])),
            (Change::WiderCutoff { extra_km: 10 }, Some(vec![7, 12])),
            (Change::BuildCandidate { site: 3 }, None),
        ];
        let changes = town_changes(0, 4, 14, &solved);
        assert_eq!(
            changes,
            vec![
                effect(Change::WiderCutoff { extra_km: 5 }, Some((3, 3))),
                effect(Change::BuildCandidate { site: 3 }, None),
            ]
        );
        assert_eq!(best_of(&changes), Some(0));
    }

    #[test]
    fn ties_go_to_the_most_overall_then_to_the_first() {
        let a = Change::BuildCandidate { site: 1 };
        let b = Change::BuildCandidate { site: 2 };
        let c = Change::BuildCandidate { site: 3 };
        let changes = [
            effect(a, Some((5, 5))),
            effect(b, Some((5, 9))),
            effect(c, Some((5, 9))),
        ];
        assert_eq!(best_of(&changes), Some(1));
        assert_eq!(best_of(&[effect(a, Some((0, 9))), effect(b, None)]), None);
    }
}
