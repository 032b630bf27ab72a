//! Site selection (选址): which candidate projects to build under a budget, so that commutes
//! plus the unhoused penalty are as low as they can be.
//!
//! # The problem
//!
//! Candidates (sites with status `candidate`, see [`candidates()`](crate::plan::candidates())) may be opened; standing
//! supply is always open. A set of candidates is **feasible** when its net cost is within the
//! budget and every town with a minimum (`[plan] min_beds`) has that many beds at the plan
//! standard, counting standing supply and the opened candidates. Its **value** is the exact
//! allocation objective Σ cost·x + Σ unhoused_cost·u with those candidates open. The plan is
//! the feasible set of least value; ties go to the lower net cost, then to the candidates
//! first in the file.
//!
//! The net cost of a set is its construction cost less what its projects are paid once built:
//! each as if it passed expert review ([`crate::subsidy::subsidy_for`]), and, where a
//! programme has a pool, after that pool is shared among the standing eligible projects and
//! the set ([`crate::subsidy::BuiltPolicy`]), exactly as `dormplan subsidy` would pay them with
//! the set built. Building into a short pool lowers what everyone in it is paid, so a set's
//! net cost is not the sum of its projects' own; the sum of their net costs before pools
//! ([`Choice::net`](crate::plan::Choice::net)) is a lower bound of it, which is what the arithmetic checks and the
//! search's pruning use.
//!
//! The arcs are every pair in range of every site that could exist (the standing supply and
//! every plannable candidate), and an unopened candidate simply has no beds. So a group's
//! options do not depend on the choice, and opening a project never makes the objective worse.
//! As `dormplan allocate` is optimal over every pair in range too, a set's allocation here has
//! the objective `allocate` finds for the same sites. The baseline (no candidate built) is
//! evaluated the same way, so the two compare.
//!
//! # The method
//!
//! 1. Plain arithmetic first: a town whose minimum cannot be reached even with all its
//!    candidates, or minimums whose cheapest fulfilment is over budget, make the plan
//!    infeasible, said in a planner's words.
//! 2. The mixed-integer program of [`mip`](crate::plan::mip) (good_lp; microlp, or HiGHS with the `highs`
//!    feature) proposes a set. Its budget row counts net costs before pools; when no search
//!    follows and a pool makes the proposal too dear, the program is cut and solved again
//!    ([`mip::solve_mip_within_pools`](crate::plan::mip::solve_mip_within_pools)).
//! 3. That set is evaluated exactly on the flow engine ([`crate::alloc::solve()`]).
//! 4. With at most [`exact::MAX_CHOICES`](crate::plan::exact::MAX_CHOICES) candidates, the exact search of [`exact`](crate::plan::exact) starts from
//!    that set and proves it optimal, or finds the better set that the solver's tolerances
//!    hid.
//! 5. Beyond that, steps 2–4 give way to Benders decomposition ([`benders`](crate::plan::benders)): a master
//!    program over the build decisions alone, cut by the flow engine's duals after each
//!    allocation it prices, which proves its plan optimal or stops at a fixed amount of work
//!    with the best plan found and the master's bound ([`Method`](crate::plan::Method) chooses otherwise).
//! 6. The chosen set's allocation goes through the independent checker.
//!
//! When the exact search follows, the program models keep-together groups like everyone
//! else ([`KeepTogether::Relaxed`](crate::plan::KeepTogether::Relaxed)): the search enforces them exactly, with the flow engine's
//! branch and bound, on every set it evaluates. On the Cixi sample this makes the program
//! 4–60 times faster with microlp (0.25–0.45 s instead of 1.1–17 s, depending on the budget)
//! and 1–10 times with HiGHS, and its choice was the optimal set at every budget tried. The
//! program alone ([`Method::Program`](crate::plan::Method::Program)) carries a binary per keep-together arc
//! ([`KeepTogether::Whole`](crate::plan::KeepTogether::Whole)), since nothing else would enforce them; Benders decomposition
//! solves each allocation it may choose with keep-together groups whole on the flow engine.
//!
//! Among sets of the same objective, the exact search prefers the lower net cost, then the
//! candidates first in the file; Benders decomposition keeps the first such set it finds.

/// Benders decomposition on the flow engine's duals, for plans with many candidates.
pub mod benders;
/// Candidate projects, their beds, subsidy and net cost, and why one cannot be planned.
pub mod candidates;
/// The budget curve: the plan solved again at a fixed set of budgets around its own.
pub mod curve;
/// The exact search over sets of candidates on the flow engine.
pub mod exact;
/// The mixed-integer program (microlp or HiGHS) and its backends.
pub mod mip;
/// The selection problem of a scenario: choices, needs, evaluation.
pub mod selection;

pub use candidates::{Candidate, Unplannable, candidates};
pub use mip::{Backend, KeepTogether, MipOutcome, ModelSize, solver_panic_is_caught};
pub use selection::{BudgetRow, Choice, Selection, TownNeed};

use crate::alloc::keep_together::NODE_LIMIT;
use crate::alloc::{self, Allocation, Instance};
use crate::capacity;
use crate::catalogue::Lang;
use crate::error::{Error, Result};
use crate::model::Loaded;
use crate::model::{Fen, Scenario, Site, find_town};
use crate::numbers::int;
use crate::subsidy::{self, BuiltPolicy, BuiltSubsidy};
use std::collections::BTreeSet;
use std::sync::atomic::AtomicU64;

/// Options of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanOptions {
    /// Use this budget instead of the scenario's `[plan] budget_yuan`.
    pub budget: Option<Fen>,
    /// The solver for the mixed-integer program.
    pub backend: Backend,
    /// How the program treats keep-together groups; `None`: relaxed when the exact search
    /// follows (it enforces them), whole otherwise.
    pub keep_together: Option<KeepTogether>,
    /// Most flow problems the keep-together search solves for each allocation the plan
    /// evaluates ([`NODE_LIMIT`] by default; see [`alloc::solve_with_limit`]).
    pub node_limit: u64,
    /// How to choose; `None`: the exact search up to [`exact::MAX_CHOICES`] candidates,
    /// Benders decomposition beyond.
    pub method: Option<Method>,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            budget: None,
            backend: Backend::default_for_build(),
            keep_together: None,
            node_limit: NODE_LIMIT,
            method: None,
        }
    }
}

/// How the plan is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A set is proposed and the exact search over candidate sets ([`exact`]) proves it
    /// optimal or finds a better one: for up to [`exact::MAX_CHOICES`] candidates. The
    /// mixed-integer program proposes with a native solver or when its keep-together rule is
    /// given ([`PlanOptions::keep_together`]); with microlp, Benders decomposition proposes
    /// ([`BendersStart`]), which on the sample's demand with 12 candidates takes 0.05 s
    /// against microlp's 0.46 s for the program.
    Search,
    /// Benders decomposition on the flow engine's duals ([`benders`]): beyond
    /// [`exact::MAX_CHOICES`] candidates.
    Benders,
    /// The mixed-integer program alone, keep-together groups whole; its bound is the
    /// solver's.
    Program,
}

impl Method {
    /// The spelling used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Search => "search",
            Method::Benders => "benders",
            Method::Program => "program",
        }
    }

    /// Parses the spelling used on the command line.
    pub fn parse(s: &str) -> Option<Method> {
        [Method::Search, Method::Benders, Method::Program]
            .into_iter()
            .find(|m| m.as_str() == s.trim().to_ascii_lowercase())
    }
}

/// What the mixed-integer program proposed, and what its proposal is worth exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// The solver's outcome.
    pub outcome: MipOutcome,
    /// Exact objective of the proposed set.
    pub exact_objective: i128,
    /// The proposed set is the plan.
    pub is_plan: bool,
}

/// The set Benders decomposition proposed for the exact search to start from (see
/// [`Method::Search`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BendersStart {
    /// Master programs solved.
    pub masters: u64,
    /// Flow solves, each giving a cut.
    pub cuts: u64,
    /// Sets whose allocation was solved exactly.
    pub evaluations: u64,
    /// The proposed set is the plan.
    pub is_plan: bool,
}

/// How the plan's optimality is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proof {
    /// The exact search over candidate sets finished: the bound is exact.
    Exact {
        /// Sets whose allocation the search solved exactly.
        evaluations: u64,
        /// Sets it bounded by one flow solve.
        relaxations: u64,
    },
    /// The exact search stopped at its limit; the bound is the least over what it left open.
    Partial {
        /// Sets whose allocation the search solved exactly.
        evaluations: u64,
        /// Sets it bounded by one flow solve.
        relaxations: u64,
    },
    /// Benders decomposition ([`benders`]) finished: the bound is its master program's,
    /// rounded down.
    Benders {
        /// Master programs solved.
        masters: u64,
        /// Flow solves, each giving a cut.
        cuts: u64,
        /// Sets whose allocation was solved exactly (with keep-together groups whole).
        evaluations: u64,
    },
    /// Benders decomposition stopped at its limit ([`benders::MAX_MASTERS`]); the bound is
    /// its last master program's.
    BendersPartial {
        /// Master programs solved.
        masters: u64,
        /// Flow solves, each giving a cut.
        cuts: u64,
        /// Sets whose allocation was solved exactly.
        evaluations: u64,
    },
    /// The bound is the mixed-integer program's, rounded down.
    Solver,
}

/// The chosen plan.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Every candidate of the scenario, in file order.
    pub candidates: Vec<Candidate>,
    /// Per candidate (same order): chosen to be built.
    pub chosen: Vec<bool>,
    /// The budget planned with (`None`: unlimited).
    pub budget: Option<Fen>,
    /// Towns' minimum beds, with standing beds.
    pub needs: Vec<TownNeed>,
    /// The allocation problem with the chosen candidates built.
    pub instance: Instance,
    /// Its exact, checked allocation.
    pub allocation: Allocation,
    /// The allocation problem without any candidate.
    pub baseline_instance: Instance,
    /// Its exact, checked allocation.
    pub baseline: Allocation,
    /// The solver of the mixed-integer program, or of Benders decomposition's master (always
    /// microlp).
    pub backend: Backend,
    /// What the mixed-integer program proposed (`None`: Benders decomposition chose the plan,
    /// or proposed where the exact search started, without it).
    pub mip: Option<Proposal>,
    /// What Benders decomposition proposed for the exact search to start from (`None`: the
    /// search started from the program's proposal, or did not run).
    pub benders_start: Option<BendersStart>,
    /// A proven lower bound on the objective of every feasible plan (`None`: not known).
    pub bound: Option<i128>,
    /// How the bound was obtained.
    pub proof: Proof,
    /// What the candidates are paid with the chosen ones built, and how each pool's money
    /// moves; `None` when no programme has a pool (each chosen project is then paid its claim).
    pub pools: Option<BuiltSubsidy>,
}

impl Proof {
    /// The spelling used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Proof::Exact { .. } => "exact_search",
            Proof::Partial { .. } => "partial_search",
            Proof::Benders { .. } => "benders",
            Proof::BendersPartial { .. } => "partial_benders",
            Proof::Solver => "solver_bound",
        }
    }

    /// Master programs Benders decomposition solved (`None`: another method).
    pub fn masters(self) -> Option<u64> {
        match self {
            Proof::Benders { masters, .. } | Proof::BendersPartial { masters, .. } => Some(masters),
            _ => None,
        }
    }

    /// Sets solved exactly and sets bounded by one flow solve: by the exact search, or by
    /// Benders decomposition (its exact allocations and its flow cuts); `None` for the
    /// program alone.
    pub fn work(self) -> Option<(u64, u64)> {
        match self {
            Proof::Exact {
                evaluations,
                relaxations,
            }
            | Proof::Partial {
                evaluations,
                relaxations,
            } => Some((evaluations, relaxations)),
            Proof::Benders {
                cuts, evaluations, ..
            }
            | Proof::BendersPartial {
                cuts, evaluations, ..
            } => Some((evaluations, cuts)),
            Proof::Solver => None,
        }
    }
}

impl Plan {
    /// The chosen candidates.
    pub fn chosen(&self) -> impl Iterator<Item = &Candidate> {
        self.candidates
            .iter()
            .zip(&self.chosen)
            .filter(|(_, c)| **c)
            .map(|(c, _)| c)
    }

    /// Exact allocation objective of the plan.
    pub fn objective(&self) -> i128 {
        self.allocation.objective
    }

    /// Objective minus bound (`None` when no bound is known).
    pub fn gap(&self) -> Option<i128> {
        self.bound.map(|b| (self.objective() - b).max(0))
    }

    /// Positions of the chosen candidates in [`Plan::candidates`].
    fn chosen_positions(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.candidates.len()).filter(|&i| self.chosen.get(i) == Some(&true))
    }

    /// The subsidy counted for candidate `i`: for a chosen one, what it is paid with the plan
    /// built, after pools; for the others, what it would claim before pools
    /// ([`Candidate::subsidy`]). The two agree when no programme has a pool.
    pub fn subsidy_of(&self, i: usize) -> Fen {
        let claim = self
            .candidates
            .get(i)
            .map_or(Fen::ZERO, |c| c.subsidy.total);
        match &self.pools {
            Some(p) if self.chosen.get(i) == Some(&true) => p.paid.get(i).copied().unwrap_or(claim),
            _ => claim,
        }
    }

    /// Net cost of candidate `i` on [`Plan::subsidy_of`]; `None` without a cost.
    pub fn net_cost_of(&self, i: usize) -> Option<Fen> {
        let cost = self.candidates.get(i)?.cost?;
        Some(subsidy::net_cost(cost, self.subsidy_of(i)))
    }

    /// Net cost of the chosen projects, after pools: what the budget is checked against.
    pub fn net_cost(&self) -> Fen {
        self.chosen_positions()
            .filter_map(|i| self.net_cost_of(i))
            .sum()
    }

    /// Construction cost of the chosen projects.
    pub fn construction_cost(&self) -> Fen {
        self.chosen().filter_map(|c| c.cost).sum()
    }

    /// Subsidy the chosen projects are paid with the plan built, after pools.
    pub fn subsidy(&self) -> Fen {
        self.chosen_positions().map(|i| self.subsidy_of(i)).sum()
    }

    /// Beds the chosen projects add at the plan standard.
    pub fn beds_added(&self) -> i64 {
        self.chosen().map(|c| c.beds).sum()
    }

    /// Dataset indices of the sites the plan's allocation could use: the scenario's supply
    /// (with sites that have no bed at the standard) and the chosen projects, ascending.
    pub fn usable_sites(&self, scenario: &Scenario) -> Vec<usize> {
        let chosen: BTreeSet<usize> = self.chosen().map(|c| c.site).collect();
        scenario
            .dataset
            .sites
            .iter()
            .enumerate()
            .filter(|(i, s)| capacity::in_supply(s, &scenario.settings) || chosen.contains(i))
            .map(|(i, _)| i)
            .collect()
    }

    /// Beds the chosen projects add in one town (by index), given the scenario's sites.
    pub fn beds_added_in(&self, town: usize, sites: &[Site]) -> i64 {
        self.chosen()
            .filter(|c| sites.get(c.site).is_some_and(|s| s.town == town))
            .map(|c| c.beds)
            .sum()
    }
}

/// The plan's allocation in the form sweeps and comparisons take: plans the scenario with the
/// default options (the scenario's budget, the build's solver), then returns the allocation
/// problem with the chosen projects built, its checked allocation, and the dataset indices of
/// the sites it could use (standing supply and the chosen projects, ascending).
pub fn planned_allocation(loaded: &Loaded) -> Result<(Instance, Allocation, Vec<usize>)> {
    let p = choose(loaded, &PlanOptions::default())?;
    let usable = p.usable_sites(&loaded.scenario);
    Ok((p.instance, p.allocation, usable))
}

/// The site-selection problem of a scenario, before a budget is applied.
#[derive(Debug, Clone)]
pub struct PlanProblem<'a> {
    /// Every candidate, in file order.
    pub candidates: Vec<Candidate>,
    /// The planning instance: standing supply and every plannable candidate.
    pub instance: Instance,
    /// The plannable candidates as choices of the instance.
    pub choices: Vec<Choice>,
    /// The towns' minimum beds.
    pub needs: Vec<TownNeed>,
    /// What the policy pays once a set of candidates is built, over [`PlanProblem::candidates`];
    /// `None` when no programme has a pool.
    pub pools: Option<BuiltPolicy<'a>>,
}

impl<'a> PlanProblem<'a> {
    /// Builds the problem of a loaded scenario.
    pub fn of(loaded: &'a Loaded) -> Result<PlanProblem<'a>> {
        let scenario = &loaded.scenario;
        let settings = &scenario.settings;
        let cands = candidates(scenario);
        let plannable: BTreeSet<&str> = cands
            .iter()
            .filter(|c| c.is_plannable())
            .map(|c| scenario.dataset.sites[c.site].id.as_str())
            .collect();
        let matrix = loaded.cost_matrix.as_ref();
        let mut instance = Instance::build_with(scenario, matrix, |site| {
            capacity::in_supply(site, settings) || plannable.contains(site.id.as_str())
        })?;
        // Every choice is evaluated on this instance less the unopened candidates, so each
        // group gets every site it may use: its nearest few among all the candidates could
        // leave out a standing site that is in range.
        alloc::InRange::new(scenario, matrix, &instance).complete(&mut instance);
        let choices = choices(&cands, &instance, scenario);
        let needs = needs(scenario)?;
        let sites: Vec<usize> = cands.iter().map(|c| c.site).collect();
        let pools = scenario
            .policy
            .as_ref()
            .map(|p| BuiltPolicy::new(&scenario.dataset.sites, settings, p, &sites))
            .filter(BuiltPolicy::has_pool);
        Ok(PlanProblem {
            candidates: cands,
            instance,
            choices,
            needs,
            pools,
        })
    }

    /// The selection under a budget (`None`: unlimited).
    pub fn selection(&self, budget: Option<Fen>) -> Selection<'_> {
        Selection {
            inst: &self.instance,
            choices: self.choices.clone(),
            budget: budget.map(|b| b.0),
            needs: self.needs.clone(),
            pools: self.pools.as_ref(),
            node_limit: NODE_LIMIT,
            solved: None,
        }
    }
}

/// Plans the scenario: chooses the candidates, then allocates with them built.
///
/// Fails with [`Error::Infeasible`] when no set of candidates meets the towns' minimum beds
/// within the budget.
pub fn choose(loaded: &Loaded, options: &PlanOptions) -> Result<Plan> {
    choose_counting(loaded, options, &AtomicU64::new(0))
}

/// [`choose`], counting in `solved` the allocations and flow bounds solved as it goes (for a
/// progress display; the plan is the same).
pub fn choose_counting(loaded: &Loaded, options: &PlanOptions, solved: &AtomicU64) -> Result<Plan> {
    let scenario = &loaded.scenario;
    let budget = options.budget.or(scenario.settings.plan.budget);
    let problem = PlanProblem::of(loaded)?;
    let cands = &problem.candidates;
    let sel = Selection {
        node_limit: options.node_limit,
        solved: Some(solved),
        ..problem.selection(budget)
    };
    check_needs(&sel, cands, scenario)?;
    check_budget_for_needs(&sel, cands, scenario)?;

    let method = options
        .method
        .unwrap_or(if sel.choices.len() <= exact::MAX_CHOICES {
            Method::Search
        } else {
            Method::Benders
        });
    let infeasible = || {
        Error::Infeasible(
            "no set of candidates meets every town's minimum beds within the budget".into(),
        )
    };
    let mut benders_start = None;
    let (best, bound, proof, mip) = match method {
        // With microlp, whose branch and bound is slow on the whole allocation program, the
        // search starts from Benders decomposition's plan instead of the program's, unless
        // the program's handling of keep-together groups was asked for.
        Method::Search
            if options.backend == Backend::Microlp && options.keep_together.is_none() =>
        {
            let mut start = benders::decompose(&sel)?;
            let planes = std::mem::take(&mut start.planes);
            let found = exact::search(&sel, start.best.clone(), planes)?;
            let proof = search_proof(&found);
            let best = found.best.ok_or_else(infeasible)?;
            // Both bounds hold for every plan, so the higher one is reported (should the
            // search stop at its limit, Benders decomposition may have proven more); never
            // above the plan's own objective, whatever the master's tolerance.
            // (`None` orders below every bound, so the higher of the two is their `max`.)
            let bound = found.bound.max(start.bound).map(|b| b.min(best.objective));
            benders_start = Some(BendersStart {
                masters: start.masters,
                cuts: start.cuts,
                evaluations: start.evaluations,
                is_plan: start.best.is_some_and(|b| b.open == best.open),
            });
            (best, bound, proof, None)
        }
        Method::Benders => {
            let found = benders::decompose(&sel)?;
            let proof = if found.complete {
                Proof::Benders {
                    masters: found.masters,
                    cuts: found.cuts,
                    evaluations: found.evaluations,
                }
            } else {
                Proof::BendersPartial {
                    masters: found.masters,
                    cuts: found.cuts,
                    evaluations: found.evaluations,
                }
            };
            let best = found.best.ok_or_else(infeasible)?;
            (best, found.bound, proof, None)
        }
        Method::Search | Method::Program => {
            let searched = method == Method::Search;
            let keep_together = options.keep_together.unwrap_or(if searched {
                KeepTogether::Relaxed
            } else {
                KeepTogether::Whole
            });
            // The search needs only a proposal; without it, the program's choice must be
            // within the budget after pools.
            let solve = if searched {
                mip::solve_mip
            } else {
                mip::solve_mip_within_pools
            };
            let mip = solve(&sel, options.backend, keep_together).map_err(|e| match e {
                Error::Infeasible(m) => Error::Infeasible(format!(
                    "{m}; no set of candidates meets every town's minimum beds within the budget"
                )),
                other => other,
            })?;
            let proposal = sel.evaluate(&mip.open)?;
            let proposed = exact::Scored {
                open: mip.open.clone(),
                objective: proposal.objective,
                bound: proposal.bound,
                net: sel.net_cost(&mip.open),
            };
            let (best, bound, proof) = if searched {
                let incumbent = sel.is_feasible(&mip.open).then(|| proposed.clone());
                let found = exact::search(&sel, incumbent, Vec::new())?;
                let proof = search_proof(&found);
                (found.best.ok_or_else(infeasible)?, found.bound, proof)
            } else {
                if !sel.is_feasible(&mip.open) {
                    return Err(Error::Solver {
                        backend: mip.backend.as_str(),
                        message: "it proposed candidates that break the budget or a town's \
                                  minimum"
                            .to_string(),
                    });
                }
                // The objective is a whole number, so any bound may be rounded up; round
                // down instead, to leave room for the solver's tolerance.
                let bound = mip
                    .bound
                    .filter(|b| b.is_finite())
                    .map(|b| (b.floor() as i128).min(proposed.bound));
                (proposed.clone(), bound, Proof::Solver)
            };
            let proposal = Proposal {
                is_plan: best.open == mip.open,
                exact_objective: proposed.objective,
                outcome: mip,
            };
            (best, bound, proof, Some(proposal))
        }
    };

    let chosen_ids: BTreeSet<&str> = sel
        .choices
        .iter()
        .zip(&best.open)
        .filter(|(_, o)| **o)
        .map(|(c, _)| scenario.dataset.sites[cands[c.candidate].site].id.as_str())
        .collect();
    let (instance, allocation) = allocate_open(loaded, &sel, &best.open, &chosen_ids)?;
    let none = vec![false; sel.choices.len()];
    let (baseline_instance, baseline) = allocate_open(loaded, &sel, &none, &BTreeSet::new())?;
    let mut chosen = vec![false; cands.len()];
    for (c, &o) in sel.choices.iter().zip(&best.open) {
        chosen[c.candidate] = o;
    }
    let needs = sel.needs.clone();
    let pools = problem.pools.as_ref().map(|p| p.subsidy(&chosen));
    Ok(Plan {
        candidates: problem.candidates,
        chosen,
        budget,
        needs,
        instance,
        allocation,
        baseline_instance,
        baseline,
        // Benders decomposition's master is always microlp's.
        backend: if mip.is_none() {
            Backend::Microlp
        } else {
            options.backend
        },
        mip,
        benders_start,
        bound,
        proof,
        pools,
    })
}

/// What an exact search proved: all of it, or as much as it had when it stopped.
fn search_proof(found: &exact::Found) -> Proof {
    let (evaluations, relaxations) = (found.evaluations, found.relaxations);
    if found.complete {
        Proof::Exact {
            evaluations,
            relaxations,
        }
    } else {
        Proof::Partial {
            evaluations,
            relaxations,
        }
    }
}

/// The plannable candidates as choices of the planning instance.
fn choices(cands: &[Candidate], inst: &Instance, scenario: &Scenario) -> Vec<Choice> {
    let mut local = vec![usize::MAX; scenario.dataset.sites.len()];
    for (l, &i) in inst.sites.iter().enumerate() {
        local[i] = l;
    }
    cands
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is_plannable() && local[c.site] != usize::MAX)
        .map(|(i, c)| Choice {
            candidate: i,
            site: local[c.site],
            net: c.net_cost.map_or(0, |f| f.0),
            beds: c.beds,
            town: scenario.dataset.sites[c.site].town,
        })
        .collect()
}

/// The towns' minimum beds with the beds standing in each.
fn needs(scenario: &Scenario) -> Result<Vec<TownNeed>> {
    let data = &scenario.dataset;
    let settings = &scenario.settings;
    let supply = crate::figures::supply_and_demand(scenario, settings, settings.standard.plan);
    settings
        .plan
        .min_beds
        .iter()
        .map(|(code, &need)| {
            let town = find_town(&data.towns, code).ok_or_else(|| {
                Error::Infeasible(format!(
                    "a minimum of {} beds is set for town {code}, which is not in the towns file",
                    int(u64::from(need))
                ))
            })?;
            let standing = supply.towns[town].beds;
            Ok(TownNeed {
                town,
                need: i64::from(need),
                standing: i64::try_from(standing).unwrap_or(i64::MAX),
            })
        })
        .collect()
}

fn town_label(scenario: &Scenario, town: usize) -> String {
    scenario.dataset.towns.get(town).map_or_else(
        || format!("#{town}"),
        |t| format!("{} ({})", t.name_zh, t.code),
    )
}

/// Every town's minimum must be reachable with all its plannable candidates built.
fn check_needs(sel: &Selection, cands: &[Candidate], scenario: &Scenario) -> Result<()> {
    let mut short = Vec::new();
    for n in &sel.needs {
        let mine: Vec<&Choice> = sel.choices.iter().filter(|c| c.town == n.town).collect();
        let most: i64 = mine.iter().map(|c| c.beds).sum();
        if n.standing + most >= n.need {
            continue;
        }
        let left_out: Vec<String> = cands
            .iter()
            .filter(|c| scenario.dataset.sites[c.site].town == n.town)
            .filter_map(|c| {
                let why = c.unplannable?;
                Some(format!(
                    "{} {}",
                    scenario.dataset.sites[c.site].id,
                    why.explain(Lang::En)
                ))
            })
            .collect();
        let mut msg = format!(
            "Town {} needs {} beds; {} stand and its {} plannable candidate(s) add at most {}",
            town_label(scenario, n.town),
            int(n.need as u64),
            int(n.standing.max(0) as u64),
            mine.len(),
            int(most.max(0) as u64),
        );
        if !left_out.is_empty() {
            msg.push_str(&format!(" (not plannable: {})", left_out.join("; ")));
        }
        short.push(msg);
    }
    if short.is_empty() {
        Ok(())
    } else {
        Err(Error::Infeasible(short.join(". ")))
    }
}

/// Most candidates in one town for which the cheapest way to meet its minimum is found by
/// trying every subset.
const MAX_TOWN_SUBSETS: usize = 20;

/// The towns' minimums must be affordable: each town's candidates serve only that town's
/// minimum, so the cheapest way to meet them all is the sum of each town's cheapest way.
/// Net costs before pools are counted: they are a lower bound of every set's net cost after
/// pools, so a minimum found unaffordable here is unaffordable.
fn check_budget_for_needs(sel: &Selection, cands: &[Candidate], scenario: &Scenario) -> Result<()> {
    let Some(budget) = sel.budget else {
        return Ok(());
    };
    // Candidates in towns without a minimum: only those that pay for themselves lower the
    // cheapest total.
    let mut total: i128 = sel
        .choices
        .iter()
        .filter(|c| sel.needs.iter().all(|n| n.town != c.town))
        .map(|c| i128::from(c.net.min(0)))
        .sum();
    let mut picked = Vec::new();
    for n in &sel.needs {
        let mine: Vec<&Choice> = sel.choices.iter().filter(|c| c.town == n.town).collect();
        if mine.len() > MAX_TOWN_SUBSETS {
            return Ok(());
        }
        let mut cheapest: Option<(i128, u32)> = None;
        for mask in 0u32..(1u32 << mine.len()) {
            let (net, beds) = mine
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .fold((0i128, 0i64), |(n, b), (_, c)| {
                    (n + i128::from(c.net), b + c.beds)
                });
            if n.standing + beds >= n.need && cheapest.is_none_or(|(best, _)| net < best) {
                cheapest = Some((net, mask));
            }
        }
        if let Some((net, mask)) = cheapest {
            total += net;
            for (i, c) in mine.iter().enumerate() {
                if mask & (1 << i) != 0 && n.standing < n.need {
                    picked.push(scenario.dataset.sites[cands[c.candidate].site].id.clone());
                }
            }
        }
    }
    if total <= i128::from(budget) {
        return Ok(());
    }
    Err(Error::Infeasible(format!(
        "the towns' minimum beds cannot be met within the budget of {} yuan: the cheapest way \
         ({}) costs {} yuan net of subsidy",
        Fen(budget).whole_yuan_grouped(),
        picked.join(", "),
        Fen(i64::try_from(total).unwrap_or(i64::MAX)).whole_yuan_grouped(),
    )))
}

/// The exact, checked allocation with the chosen candidates open.
fn allocate_open(
    loaded: &Loaded,
    sel: &Selection,
    open: &[bool],
    chosen_ids: &BTreeSet<&str>,
) -> Result<(Instance, Allocation)> {
    let scenario = &loaded.scenario;
    let matrix = loaded.cost_matrix.as_ref();
    let settings = &scenario.settings;
    let usable =
        |site: &Site| capacity::in_supply(site, settings) || chosen_ids.contains(site.id.as_str());
    let mut inst = sel.instance_for(open);
    fix_reach(scenario, matrix, &mut inst, &usable)?;
    let pairs = alloc::InRange::new(scenario, matrix, &inst);
    let allocation = alloc::solve_in_range(&mut inst, &pairs, sel.node_limit)?;
    // The plan is chosen on the normal allocation; spare beds are shared afterwards, with and
    // without the plan alike.
    let allocation =
        alloc::spare::share_spare_beds(scenario, &mut inst, &pairs, allocation, sel.node_limit)?;
    alloc::check_allocation(scenario, matrix, &inst, &allocation, &usable)?;
    Ok((inst, allocation))
}

/// A group without arcs among the open sites says what it can reach among them (as
/// `allocate` would), so that its unhoused people get the right reason: one whose every arc led
/// to unopened candidates has lost them, and one that reached only another employer's
/// dormitory may have reached it among the candidates (an unbuilt one is not in range of
/// anything).
fn fix_reach(
    scenario: &Scenario,
    matrix: Option<&crate::model::CostMatrix>,
    inst: &mut Instance,
    usable: &dyn Fn(&Site) -> bool,
) -> Result<()> {
    // A group with no site in range among every candidate has none among the built ones.
    let lost: Vec<usize> = (0..inst.groups.len())
        .filter(|&g| {
            inst.arcs_of(g).is_empty() && inst.reach[g] != alloc::arcs::Reach::NoSiteInRange
        })
        .collect();
    if lost.is_empty() {
        return Ok(());
    }
    let standing = Instance::build_with(scenario, matrix, usable)?;
    for g in lost {
        inst.reach[g] = standing.reach[g];
    }
    Ok(())
}
