//! Site selection as a mixed-integer program, modelled with good_lp and solved by microlp (the
//! default, pure Rust) or HiGHS (cargo feature `highs`).
//!
//! ```text
//! minimise   Σ cost[a]·flow[a] + Σ unhoused_cost[g]·u[g]
//! subject to Σ_{a from g} flow[a] + u[g] = people[g]           every group
//!            Σ_{a into s} flow[a] ≤ beds[s]·open[s]             every site (open = 1 if standing)
//!            flow[a] ≤ min(people[g], beds[s])·open[s]          arcs into candidates
//!            Σ net[c]·open[c] ≤ budget                          when there is a budget
//!            standing[t] + Σ_{c in t} beds[c]·open[c] ≥ need[t] towns with a minimum
//!            open[c] ∈ {0, 1};  u ≥ 0
//!            flow[a] = x[a] ≥ 0                                 ordinary groups
//!            flow[a] = people[g]·z[a], z[a] ∈ {0, 1}            keep-together groups
//! ```
//!
//! For a keep-together group `u[g] ≥ 0` with binary `z` means at most one arc is used, and
//! then for all of the group. With [`KeepTogether::Relaxed`] keep-together groups get a
//! continuous `x` like everyone else: the program is then a relaxation (its optimum a lower
//! bound on the plan's), for use when the exact search enforces keep-together afterwards. The per-arc rows into candidates are implied by the site rows
//! for whole solutions but make the relaxation much tighter (a half-open site cannot take a
//! whole group's worth of people on each arc), which is what lets branch and bound finish.
//!
//! Solvers work in floating point with tolerances (microlp, for one, prunes nodes within a
//! relative 10⁻⁹ of its incumbent, which on an objective of 10¹⁰ is ten units), so the
//! program's answer is a proposal: [`super::plan`] evaluates it exactly and confirms it.
//!
//! # Pools
//!
//! The budget row counts each candidate's net cost before pools ([`Choice::net`](crate::plan::Choice::net)), which is
//! never above what a set costs once pools are shared, so the program is a relaxation: it
//! loses no set within the budget, but may propose one that a short pool makes too dear.
//! [`solve_mip_within_pools`](crate::plan::mip::solve_mip_within_pools) then adds a cut that every set within the budget meets and the
//! proposal does not, and solves again:
//!
//! - when every pool is shared pro rata, the budget row with each pool's payments to new
//!   projects bounded by their tangent at the proposal
//!   ([`Selection::pool_budget_row`](crate::plan::Selection::pool_budget_row)): a
//!   pool `P` with standing requests `E` pays new projects that request `x` in all
//!   `T(x) = x` while `E + x ≤ P`, else `P·x / (E + x)`, concave in `x`, so the tangent is
//!   above it for every set;
//! - otherwise (a pool shared by beds per yuan, or a tangent that the proposal meets because
//!   of rounding), a row that excludes exactly the proposed set.

use super::selection::{BudgetRow, Selection};
use crate::error::{Error, Result};
use good_lp::{
    Constraint, Expression, ProblemVariables, Solution, SolverModel, Variable, constraint, variable,
};
use std::fmt;

/// The solver behind the mixed-integer program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Backend {
    /// microlp: pure Rust, always built.
    Microlp,
    /// HiGHS: built with the cargo feature `highs` (needs CMake and a C++ compiler).
    Highs,
}

impl Backend {
    /// HiGHS when built with it, else microlp.
    pub const fn default_for_build() -> Backend {
        if cfg!(feature = "highs") {
            Backend::Highs
        } else {
            Backend::Microlp
        }
    }

    /// The spelling used on the command line and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Microlp => "microlp",
            Backend::Highs => "highs",
        }
    }

    /// Parses the spelling used on the command line.
    pub fn parse(s: &str) -> Option<Backend> {
        [Backend::Microlp, Backend::Highs]
            .into_iter()
            .find(|b| b.as_str() == s.trim().to_ascii_lowercase())
    }

    /// True when this build of dormplan includes the backend.
    pub fn is_available(self) -> bool {
        match self {
            Backend::Microlp => true,
            Backend::Highs => cfg!(feature = "highs"),
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the program treats keep-together groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeepTogether {
    /// A binary per arc: the group lives along one arc or is unhoused. The program's optimum
    /// is the plan's (within the solver's tolerances).
    Whole,
    /// Continuous like everyone else: the program's optimum is a lower bound, and the
    /// allocation of its choice is left to the flow engine's branch and bound.
    Relaxed,
}

impl KeepTogether {
    /// The spelling used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            KeepTogether::Whole => "whole",
            KeepTogether::Relaxed => "relaxed",
        }
    }
}

/// What the solver returned.
#[derive(Debug, Clone, PartialEq)]
pub struct MipOutcome {
    /// The solver used.
    pub backend: Backend,
    /// How keep-together groups were modelled.
    pub keep_together: KeepTogether,
    /// Which choices it opens.
    pub open: Vec<bool>,
    /// Its objective value (floating point).
    pub objective: f64,
    /// The best bound it proved, when it reports one.
    pub bound: Option<f64>,
    /// The solver says it proved optimality (within its tolerances).
    pub proven: bool,
    /// Size of the program: variables, of which integer, and rows.
    pub size: ModelSize,
    /// Cuts added because a proposal broke the budget once pools were shared (see
    /// [`solve_mip_within_pools`]); 0 when it was solved once.
    pub pool_cuts: usize,
}

/// A row added to the program after a proposal broke the budget once pools were shared. Each
/// is met by every set within the budget after pools.
#[derive(Debug, Clone, PartialEq)]
pub enum PoolCut {
    /// A budget row in fen, on the choices.
    Budget(BudgetRow),
    /// No set but this one (`open[i]` for choice `i`).
    Exclude(Vec<bool>),
}

/// Most cuts [`solve_mip_within_pools`] adds before it gives up.
pub const MAX_POOL_CUTS: usize = 30;

/// Slack added to a tangent row's limit, in fen, so that floating-point error in its
/// coefficients cannot make it exclude a set within the budget. A proposal over the budget by
/// no more than this (the rounding of pool shares) is excluded by name instead.
const TANGENT_SLACK_FEN: f64 = 100.0;

/// Size of the mixed-integer program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ModelSize {
    /// Variables.
    pub variables: usize,
    /// Of them, binary.
    pub binaries: usize,
    /// Constraints.
    pub rows: usize,
}

/// How the people of an arc enter the program.
#[derive(Debug, Clone, Copy)]
enum Flow {
    /// An ordinary group: people on the arc, continuous.
    Part(Variable),
    /// A keep-together group: 1 if the whole group lives there.
    Whole(Variable),
}

/// The program's variables, with one function per constraint family.
struct SelectionModel<'s, 'a> {
    sel: &'s Selection<'a>,
    vars: ProblemVariables,
    /// Variables created so far: a variable's column in the solver is its creation order.
    columns: usize,
    binaries: usize,
    /// Per choice: its open variable and column.
    open: Vec<(Variable, usize)>,
    /// Per instance site: the open variable of a candidate.
    site_open: Vec<Option<Variable>>,
    /// Per arc of the instance.
    flow: Vec<Flow>,
    /// Per group: unhoused people.
    unhoused: Vec<Variable>,
}

impl<'s, 'a> SelectionModel<'s, 'a> {
    fn new(sel: &'s Selection<'a>, keep_together: KeepTogether) -> Self {
        let inst = sel.inst;
        let mut m = SelectionModel {
            sel,
            vars: ProblemVariables::new(),
            columns: 0,
            binaries: 0,
            open: Vec::with_capacity(sel.choices.len()),
            site_open: vec![None; inst.sites.len()],
            flow: Vec::with_capacity(inst.arcs.len()),
            unhoused: Vec::with_capacity(inst.groups.len()),
        };
        for c in &sel.choices {
            let v = m.binary();
            m.open.push((v, m.columns - 1));
            m.site_open[c.site] = Some(v);
        }
        for a in &inst.arcs {
            let whole = keep_together == KeepTogether::Whole;
            let f = if whole && inst.keep_together[a.group as usize] {
                Flow::Whole(m.binary())
            } else {
                Flow::Part(m.add(variable().min(0)))
            };
            m.flow.push(f);
        }
        for _ in 0..inst.groups.len() {
            let u = m.add(variable().min(0));
            m.unhoused.push(u);
        }
        m
    }

    fn add(&mut self, def: good_lp::VariableDefinition) -> Variable {
        self.columns += 1;
        self.vars.add(def)
    }

    fn binary(&mut self) -> Variable {
        self.binaries += 1;
        self.add(variable().binary())
    }

    /// People on arc `a`, as an expression.
    fn people_on(&self, a: usize) -> Expression {
        let inst = self.sel.inst;
        match self.flow[a] {
            Flow::Part(x) => x.into(),
            Flow::Whole(z) => z * inst.people[inst.arcs[a].group as usize] as f64,
        }
    }

    fn objective(&self) -> Expression {
        let inst = self.sel.inst;
        let mut e = Expression::with_capacity(self.flow.len() + self.unhoused.len());
        for (a, arc) in inst.arcs.iter().enumerate() {
            e += self.people_on(a) * arc.cost as f64;
        }
        for (u, &c) in self.unhoused.iter().zip(&inst.unhoused_cost) {
            e.add_mul(c as f64, *u);
        }
        e
    }

    /// Everyone in a group is housed along one of its arcs or unhoused.
    fn group_rows(&self) -> Vec<Constraint> {
        let inst = self.sel.inst;
        (0..inst.groups.len())
            .map(|g| {
                let mut e: Expression = self.unhoused[g].into();
                for a in inst.start[g]..inst.start[g + 1] {
                    e += self.people_on(a);
                }
                constraint!(e == inst.people[g] as f64)
            })
            .collect()
    }

    /// No site holds more than its beds; a candidate's beds count only when it is opened.
    fn site_rows(&self) -> Vec<Constraint> {
        let inst = self.sel.inst;
        let mut rows: Vec<Expression> = vec![Expression::default(); inst.sites.len()];
        let mut reached = vec![false; inst.sites.len()];
        for (a, arc) in inst.arcs.iter().enumerate() {
            rows[arc.site as usize] += self.people_on(a);
            reached[arc.site as usize] = true;
        }
        // A site no arc reaches needs no row.
        rows.into_iter()
            .enumerate()
            .filter(|&(s, _)| reached[s])
            .map(|(s, e)| {
                let beds = inst.capacity[s] as f64;
                match self.site_open[s] {
                    Some(y) => constraint!(e <= y * beds),
                    None => constraint!(e <= beds),
                }
            })
            .collect()
    }

    /// Nobody lives in a candidate that is not opened, arc by arc.
    fn link_rows(&self) -> Vec<Constraint> {
        let inst = self.sel.inst;
        inst.arcs
            .iter()
            .enumerate()
            .filter_map(|(a, arc)| {
                let y = self.site_open[arc.site as usize]?;
                Some(match self.flow[a] {
                    Flow::Part(x) => {
                        let most =
                            inst.people[arc.group as usize].min(inst.capacity[arc.site as usize]);
                        constraint!(x <= y * most as f64)
                    }
                    Flow::Whole(z) => constraint!(z <= y),
                })
            })
            .collect()
    }

    fn rows(&self, cuts: &[PoolCut]) -> Vec<Constraint> {
        let mut rows = self.group_rows();
        rows.extend(self.site_rows());
        rows.extend(self.link_rows());
        let open: Vec<Variable> = self.open.iter().map(|(v, _)| *v).collect();
        rows.extend(choice_rows(self.sel, &open, cuts));
        rows
    }
}

/// The rows on the choices alone (`open[i]`, the binary of choice `i`): the budget, each
/// town's minimum, and the cuts.
fn choice_rows(sel: &Selection, open: &[Variable], cuts: &[PoolCut]) -> Vec<Constraint> {
    let mut rows: Vec<Constraint> = budget_row(sel, open).into_iter().collect();
    rows.extend(min_beds_rows(sel, open));
    rows.extend(cut_rows(open, cuts));
    rows
}

/// Net cost of the opened candidates within the budget (in yuan, so that coefficients
/// stay moderate; the choice is re-checked in fen).
fn budget_row(sel: &Selection, open: &[Variable]) -> Option<Constraint> {
    let budget = sel.budget?;
    let mut e = Expression::default();
    for (c, y) in sel.choices.iter().zip(open) {
        e.add_mul(c.net as f64 / 100.0, *y);
    }
    Some(constraint!(e <= budget as f64 / 100.0))
}

/// Each town with a minimum reaches it.
fn min_beds_rows(sel: &Selection, open: &[Variable]) -> Vec<Constraint> {
    sel.needs
        .iter()
        .map(|n| {
            let mut e = Expression::from(n.standing as f64);
            for (c, y) in sel.choices.iter().zip(open) {
                if c.town == n.town {
                    e.add_mul(c.beds as f64, *y);
                }
            }
            constraint!(e >= n.need as f64)
        })
        .collect()
}

/// The cuts, with the budget rows in yuan like [`budget_row`].
fn cut_rows(open: &[Variable], cuts: &[PoolCut]) -> Vec<Constraint> {
    cuts.iter()
        .map(|cut| match cut {
            PoolCut::Budget(row) => {
                let mut e = Expression::default();
                for (&a, y) in row.coefficients.iter().zip(open) {
                    e.add_mul(a / 100.0, *y);
                }
                constraint!(e <= row.limit / 100.0)
            }
            PoolCut::Exclude(set) => {
                // Σ_{i in set} (1 − y_i) + Σ_{i not in set} y_i ≥ 1
                let mut e = Expression::default();
                let mut opened = 0.0;
                for (&o, y) in set.iter().zip(open) {
                    if o {
                        e.add_mul(-1.0, *y);
                        opened += 1.0;
                    } else {
                        e.add_mul(1.0, *y);
                    }
                }
                constraint!(e >= 1.0 - opened)
            }
        })
        .collect()
}

/// Builds the program for `sel` and solves it with `backend`. Its budget row counts net costs
/// before pools: with a pool, its choice may be over the budget (see
/// [`solve_mip_within_pools`]).
pub fn solve_mip(
    sel: &Selection,
    backend: Backend,
    keep_together: KeepTogether,
) -> Result<MipOutcome> {
    solve_with_cuts(sel, backend, keep_together, &[])
}

/// Solves the program and, while its choice breaks the budget once pools are shared
/// ([`Selection::within_budget`]), adds a cut ([`PoolCut`]) and solves again. The cuts lose no
/// set within the budget, so the last solve's bound still holds for every feasible plan.
///
/// Fails with [`Error::Solver`] when [`MAX_POOL_CUTS`] cuts do not bring a choice within the
/// budget; with the solver's infeasibility when the cuts leave no set.
pub fn solve_mip_within_pools(
    sel: &Selection,
    backend: Backend,
    keep_together: KeepTogether,
) -> Result<MipOutcome> {
    let mut cuts: Vec<PoolCut> = Vec::new();
    loop {
        let mut out = solve_with_cuts(sel, backend, keep_together, &cuts)?;
        out.pool_cuts = cuts.len();
        if sel.pools.is_none() || sel.within_budget(&out.open) {
            return Ok(out);
        }
        if cuts.len() >= MAX_POOL_CUTS {
            return Err(solver_error(
                backend,
                format!(
                    "after {MAX_POOL_CUTS} cuts its choice still breaks the budget once the \
                     subsidy pools are shared; try fewer candidates (at most {} are searched \
                     exactly) or a larger budget",
                    super::exact::MAX_CHOICES
                ),
            ));
        }
        let cut = cut_for(sel, &out.open, &cuts);
        cuts.push(cut);
    }
}

/// The cut that excludes `open`, a choice over the budget after pools: the tangent budget row
/// when it excludes `open` by more than its slack and was not tried on it before, else `open`
/// by name.
pub(super) fn cut_for(sel: &Selection, open: &[bool], before: &[PoolCut]) -> PoolCut {
    let row = sel.pool_budget_row(open).map(|mut row| {
        row.limit += TANGENT_SLACK_FEN;
        row
    });
    match row {
        Some(row)
            if row.value(open) > row.limit
                && !before
                    .iter()
                    .any(|c| matches!(c, PoolCut::Budget(r) if r.value(open) > r.limit)) =>
        {
            PoolCut::Budget(row)
        }
        _ => PoolCut::Exclude(open.to_vec()),
    }
}

/// Builds the program for `sel` with `cuts` and solves it with `backend`.
fn solve_with_cuts(
    sel: &Selection,
    backend: Backend,
    keep_together: KeepTogether,
    cuts: &[PoolCut],
) -> Result<MipOutcome> {
    let model = SelectionModel::new(sel, keep_together);
    let objective = model.objective();
    let rows = model.rows(cuts);
    let size = ModelSize {
        variables: model.columns,
        binaries: model.binaries,
        rows: rows.len(),
    };
    let open_cols: Vec<(Variable, usize)> = model.open.clone();
    let vars = model.vars;
    let solved = match backend {
        Backend::Microlp => microlp(vars, &objective, rows, &open_cols)?,
        Backend::Highs => highs(vars, &objective, rows, &open_cols)?,
    }
    .ok_or_else(|| solver_error(backend, "no choice meets every constraint"))?;
    Ok(MipOutcome {
        backend,
        keep_together,
        open: solved.open,
        objective: solved.objective,
        bound: solved.bound,
        proven: solved.proven,
        size,
        pool_cuts: 0,
    })
}

/// What a solver returned for a program's binaries.
struct Solved {
    /// Per binary of interest: set.
    open: Vec<bool>,
    /// Objective value.
    objective: f64,
    /// Best bound, when reported.
    bound: Option<f64>,
    /// Proven optimal (within tolerances).
    proven: bool,
}

pub(super) fn solver_error(backend: Backend, e: impl fmt::Display) -> Error {
    Error::Solver {
        backend: backend.as_str(),
        message: e.to_string(),
    }
}

fn microlp(
    vars: ProblemVariables,
    objective: &Expression,
    rows: Vec<Constraint>,
    open: &[(Variable, usize)],
) -> Result<Option<Solved>> {
    // microlp asserts, when a value is read, that an integer variable is within 1e-5 of a
    // whole number, while its own search accepts solutions within that same tolerance: on a
    // rare instance the read can panic. A planner gets a solver error instead of a crash.
    let run = || -> Result<Option<Solved>> {
        let solution = match vars
            .minimise(objective.clone())
            .using(good_lp::microlp)
            .with_all(rows)
            .solve()
        {
            Ok(solution) => solution,
            Err(good_lp::ResolutionError::Infeasible) => return Ok(None),
            Err(e) => return Err(solver_error(Backend::Microlp, e)),
        };
        let chosen = open.iter().map(|(v, _)| solution.value(*v) > 0.5).collect();
        let value = solution.eval(objective);
        let proven = matches!(solution.status(), good_lp::SolutionStatus::Optimal);
        let bound = solution.into_inner().stats().best_bound;
        Ok(Some(Solved {
            open: chosen,
            objective: value,
            bound,
            proven,
        }))
    };
    caught_quietly(run).unwrap_or_else(|| {
        Err(solver_error(
            Backend::Microlp,
            "it stopped on an internal numerical check; try --solver highs",
        ))
    })
}

thread_local! {
    /// Set while this thread runs a solver whose panics dormplan turns into errors.
    static PANIC_CAUGHT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True while the current thread runs a solver whose panics the library catches and reports as
/// [`Error::Solver`]. A panic hook may stay quiet then: the `dormplan` binary's does, so that a
/// planner sees the solver error and not a panic message. The library installs no hook.
pub fn solver_panic_is_caught() -> bool {
    PANIC_CAUGHT.with(|caught| caught.get())
}

/// Runs `f`, returning `None` if it panicked; [`solver_panic_is_caught`] is true meanwhile.
pub(super) fn caught_quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    let was = PANIC_CAUGHT.with(|caught| caught.replace(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    PANIC_CAUGHT.with(|caught| caught.set(was));
    outcome
}

#[cfg(not(feature = "highs"))]
fn highs(
    _: ProblemVariables,
    _: &Expression,
    _: Vec<Constraint>,
    _: &[(Variable, usize)],
) -> Result<Option<Solved>> {
    Err(solver_error(
        Backend::Highs,
        "this build of dormplan does not include HiGHS (build with --features highs)",
    ))
}

/// HiGHS through good_lp's model, solved directly so that the dual bound can be read.
#[cfg(feature = "highs")]
fn highs(
    vars: ProblemVariables,
    objective: &Expression,
    rows: Vec<Constraint>,
    open: &[(Variable, usize)],
) -> Result<Option<Solved>> {
    use highs::HighsModelStatus as S;
    let fail = |e: &dyn fmt::Debug| solver_error(Backend::Highs, format!("{e:?}"));
    let problem = vars
        .minimise(objective.clone())
        .using(good_lp::highs)
        .with_all(rows);
    let mut model = problem.try_into_inner().map_err(|e| fail(&e))?;
    model.make_quiet();
    // Gap tolerances off: stop only when the bound meets the incumbent. One thread keeps
    // the search, and so the reported figures, the same run after run.
    model
        .try_set_option("mip_rel_gap", 0.0)
        .map_err(|e| fail(&e))?;
    model.try_set_option("threads", 1).map_err(|e| fail(&e))?;
    let solved = model.try_solve().map_err(|e| fail(&e))?;
    let proven = match solved.status() {
        S::Optimal => true,
        S::ReachedTimeLimit | S::ReachedIterationLimit | S::ReachedSolutionLimit => false,
        S::Infeasible | S::UnboundedOrInfeasible => return Ok(None),
        other => return Err(fail(&other)),
    };
    let columns = solved.get_solution().columns().to_vec();
    let chosen = open
        .iter()
        .map(|&(_, col)| columns.get(col).is_some_and(|&v| v > 0.5))
        .collect();
    let bound = solved.double_info_value(c"mip_dual_bound").ok();
    Ok(Some(Solved {
        open: chosen,
        objective: solved.objective_value(),
        bound: bound.filter(|b| b.is_finite()),
        proven,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backends_parse_and_say_whether_they_are_built() {
        assert_eq!(Backend::parse("microlp"), Some(Backend::Microlp));
        assert_eq!(Backend::parse(" HiGHS "), Some(Backend::Highs));
        assert_eq!(Backend::parse("cbc"), None);
        assert!(Backend::Microlp.is_available());
        assert_eq!(Backend::Highs.is_available(), cfg!(feature = "highs"));
        assert!(Backend::default_for_build().is_available());
    }

    #[test]
    fn a_solver_panic_becomes_none_and_leaves_the_thread_as_it_was() {
        assert_eq!(caught_quietly(|| 7), Some(7));
        let panicked: Option<()> = caught_quietly(|| panic!("numerical check"));
        assert_eq!(panicked, None);
        assert!(!solver_panic_is_caught());
        // Nested use restores the outer state, not "false".
        let nested = caught_quietly(|| {
            let inner: Option<()> = caught_quietly(|| panic!("inner"));
            (inner, solver_panic_is_caught())
        });
        assert_eq!(nested, Some((None, true)));
    }
}
