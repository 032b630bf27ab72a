//! Plans with many candidates: Benders decomposition on the flow engine's duals.
//!
//! The allocation's flow value is convex in the sites' capacities, and every flow solve's
//! duals give a plane under it that touches it at the choice solved ([`FlowCut`](crate::plan::selection::FlowCut)). So the plan
//! splits in two:
//!
//! - a small **master program** over the build decisions alone: minimise `θ` subject to
//!   `θ ≥` every cut found so far, the budget, the towns' minimums and the pool cuts — one
//!   binary per candidate and one continuous variable, whatever the number of groups and arcs;
//! - the **flow engine**, which prices the master's choice exactly: one flow solve gives its
//!   flow value and a new cut, and the exact allocation (with keep-together groups whole) is
//!   solved for a choice that may beat the best so far.
//!
//! The steps:
//!
//! 1. Cuts at "everything open" and "nothing open"; then the master's **linear relaxation**,
//!    solved to the strong relaxation's optimum (that of [`mip`](crate::plan::mip)'s program with the
//!    build decisions continuous): each fractional point is cut with
//!    [`Selection::strong_cut_at`](crate::plan::selection::Selection::strong_cut_at), whose
//!    flow scales the arcs into a part-built candidate as well as its beds, and the points cut
//!    lie halfway between the master's optimum and the previous such point (in-out
//!    separation, which keeps the cuts from chasing the relaxation's many equal optima). It
//!    ends when the master's bound and the least flow value of the points cut are within
//!    0.01 % of each other, or when neither has moved by 0.001 % in five rounds: cheap cuts
//!    that shape the master, and a bound on every plan.
//! 2. **Integer masters**, each asked for its best choice among those its cuts put below the
//!    best plan found (a row `θ ≤ best − 1`). A choice over the budget once pools are shared
//!    gets the same pool cut as the plain program ([`mip`](crate::plan::mip)); a feasible one is priced.
//!    When no choice is left below the best, the best is optimal. The masters look **near the
//!    best plan first** (local branching): while a share of the work lasts ([`NEAR_WORK`](crate::plan::benders::NEAR_WORK)), a
//!    row keeps them within [`NEAR_RADIUS`](crate::plan::benders::NEAR_RADIUS) candidates opened or closed differently from it,
//!    where a master is small work and its proposals tend to be good; a better plan found
//!    there moves the neighbourhood to it. A neighbourhood with no choice left below the best
//!    is excluded from every later master by the opposite row, so the proof stays exact; the
//!    bound is taken only from masters over every choice not yet excluded.
//! 3. Whenever a better plan is found, a **local search** opens one more candidate or swaps
//!    one for another while that helps, pricing only the moves whose cuts leave room. Its cuts
//!    wait in a pool; one joins the master only when it would have excluded the master's
//!    choice (a master with every cut grows slow).
//!
//! Keep-together groups: the flow bound drops their arcs to sites too small for them, and
//! when the exact objective of a choice is still above its flow value, the cut is **lifted**
//! by the gap (`lift`), which says for the choice and all its subsets what naming them would.
//! A choice the cuts still put below the best once it is known exactly is excluded by name.
//!
//! The master is built for microlp directly (the `highs` feature does not change it): it is
//! small, and microlp's options let its branch and bound stop at a number of nodes. Its bound
//! is the solver's, rounded down, so a proof is as exact as the solver's tolerances (microlp
//! prunes within a relative 10⁻⁹). The method stops with the best plan and the last master's
//! bound after [`MAX_WORK`](crate::plan::benders::MAX_WORK): branch-and-bound nodes, each
//! weighed by the size of the master it was solved in, a limit on work rather than time, so
//! that the same inputs give the same plan on every machine.

use super::exact::Scored;
use super::mip::{self, Backend, PoolCut};
use super::selection::{FlowCut, Selection};
use crate::error::Result;

/// Most master programs solved before the method stops with what it has.
pub const MAX_MASTERS: u64 = 1_000;

/// Most linear relaxations of the master solved before the integer master takes over.
const MAX_RELAXED: usize = 200;

/// Most work the integer masters may do together before the method stops with what it
/// has, counted as branch-and-bound nodes times the size of the master they were solved in
/// (its variables times its rows): a limit on work that, unlike one on time, stops the same
/// inputs at the same place on every machine, and that lets a larger master solve fewer nodes
/// (each costs more). About 100,000 nodes of a master with 60 candidates and 50 rows.
pub const MAX_WORK: u64 = 300_000_000;

/// How far from the best plan the first integer masters look: choices that open or close at
/// most this many candidates differently (the Hamming distance of the build decisions).
pub const NEAR_RADIUS: usize = 4;

/// Most of [`MAX_WORK`] the masters near the best plan may do together; the rest is left to
/// masters over every choice, which give the bound. On the plan series (seeds 1 and 2, 60,
/// 120 and 240 candidates), an eighth of it found HiGHS's optimum on 120 candidates of seed 1
/// and 60 of seed 2, which the masters over every choice had missed, and moved the bounds by
/// less than 0.07 % either way; half of it found the same plans, but spent the time a master
/// near the best plan takes on 60 candidates (about 0.3 s, for little) and made the whole
/// command up to 1.6 times slower.
pub const NEAR_WORK: u64 = MAX_WORK / 8;

/// What the decomposition found.
#[derive(Debug, Clone, PartialEq)]
pub struct Decomposed {
    /// The best feasible choice (`None` when none is feasible).
    pub best: Option<Scored>,
    /// A proven lower bound on the objective of every feasible choice (`None` when not
    /// known: stopped before the master gave one).
    pub bound: Option<i128>,
    /// False when it stopped at [`MAX_MASTERS`] or [`MAX_WORK`].
    pub complete: bool,
    /// Master programs solved.
    pub masters: u64,
    /// Flow solves, each giving a cut.
    pub cuts: u64,
    /// Exact allocations solved.
    pub evaluations: u64,
    /// Every cut found: planes under the flow bound of every choice, for a search that
    /// follows.
    pub planes: Vec<FlowCut>,
}

/// One solved master program.
struct Master {
    open: Vec<bool>,
    /// How much of each choice is open (fractional in the relaxation).
    shares: Vec<f64>,
    /// The solver's proven bound on the master's optimum, rounded down.
    bound: i128,
    /// Branch-and-bound nodes solved.
    nodes: u64,
}

/// What the master program is asked.
#[derive(Debug, Clone, Copy)]
enum Ask {
    /// The optimum of its linear relaxation.
    Relaxation,
    /// Its best choice among those its cuts put below `cutoff` (`None` when there is none:
    /// then no choice beats the best plan), solving at most `nodes` branch-and-bound nodes:
    /// beyond them, the best choice found and the least bound over the nodes left open.
    Below { cutoff: Option<i128>, nodes: u64 },
}

/// What a master program answered.
enum Answer {
    /// Its choice.
    Choice(Master),
    /// No choice meets its rows.
    Nothing,
    /// Its node limit came before any choice; the bound it had proven, if any.
    Stopped(Option<i128>),
}

/// Solves the master program (see [`Ask`]).
///
/// The master is built for microlp directly (it is small: one variable per candidate and one
/// for `θ`), so that an integer master can stop at its first choice. `θ` is in units of a
/// power of ten that brings the cuts' right-hand sides near 10⁴, so that the solver's absolute
/// tolerances fit the rows; the budget is in yuan.
fn master(
    sel: &Selection,
    cuts: &[FlowCut],
    exclusions: &[PoolCut],
    balls: &[Ball],
    ask: Ask,
) -> Result<Answer> {
    use microlp::{ComparisonOp as Op, OptimizationDirection, Problem, SolveOptions};
    let n = sel.choices.len();
    let mut p = Problem::new(OptimizationDirection::Minimize);
    let open: Vec<microlp::Variable> = (0..n)
        .map(|_| match ask {
            Ask::Relaxation => p.add_var(0.0, (0.0, 1.0)),
            Ask::Below { .. } => p.add_binary_var(0.0),
        })
        .collect();
    let theta = p.add_var(1.0, (f64::NEG_INFINITY, f64::INFINITY));
    let largest = cuts
        .iter()
        .map(|c| c.constant.unsigned_abs())
        .max()
        .unwrap_or(1) as f64;
    let scale = 10f64.powi((largest.log10() - 4.0).floor().max(0.0) as i32);
    for cut in cuts {
        // θ − Σ coefficient·y ≥ constant
        let terms: Vec<(microlp::Variable, f64)> = std::iter::once((theta, 1.0))
            .chain(
                cut.coefficients
                    .iter()
                    .zip(&open)
                    .filter(|(c, _)| **c != 0)
                    .map(|(&c, &y)| (y, -(c as f64) / scale)),
            )
            .collect();
        p.add_constraint(terms, Op::Ge, cut.constant as f64 / scale);
    }
    if let Ask::Below {
        cutoff: Some(cutoff),
        ..
    } = ask
    {
        p.add_constraint([(theta, 1.0)], Op::Le, (cutoff - 1) as f64 / scale);
    }
    if let Some(budget) = sel.budget {
        let terms: Vec<_> = sel
            .choices
            .iter()
            .zip(&open)
            .map(|(c, &y)| (y, c.net as f64 / 100.0))
            .collect();
        p.add_constraint(terms, Op::Le, budget as f64 / 100.0);
    }
    for need in &sel.needs {
        let terms: Vec<_> = sel
            .choices
            .iter()
            .zip(&open)
            .filter(|(c, _)| c.town == need.town)
            .map(|(c, &y)| (y, c.beds as f64))
            .collect();
        p.add_constraint(terms, Op::Ge, (need.need - need.standing) as f64);
    }
    for cut in exclusions {
        match cut {
            PoolCut::Budget(row) => {
                let terms: Vec<_> = row
                    .coefficients
                    .iter()
                    .zip(&open)
                    .map(|(&a, &y)| (y, a / 100.0))
                    .collect();
                p.add_constraint(terms, Op::Le, row.limit / 100.0);
            }
            PoolCut::Exclude(set) => {
                // At a distance of at least 1 from the set.
                let (terms, opened) = distance_from(set, &open);
                p.add_constraint(terms, Op::Ge, 1.0 - opened);
            }
        }
    }
    for ball in balls {
        let (terms, opened) = distance_from(&ball.centre, &open);
        if ball.inside {
            p.add_constraint(terms, Op::Le, ball.radius as f64 - opened);
        } else {
            p.add_constraint(terms, Op::Ge, (ball.radius + 1) as f64 - opened);
        }
    }
    let mut options = SolveOptions::default();
    if let Ask::Below { nodes, .. } = ask {
        options.node_limit = Some(nodes.max(1));
    }
    // The solve, or why there is no choice: none meets the rows (`Ok(None)`), or the node
    // limit came first (`Err` with the bound the solver had proven).
    type Raw = Option<std::result::Result<microlp::Solution, Option<f64>>>;
    let solve = || -> Result<Raw> {
        match p.solve_with(options) {
            Ok(outcome) => Ok(Some(
                outcome
                    .into_solution()
                    .map_err(|stopped| stopped.stats().best_bound),
            )),
            Err(microlp::Error::Infeasible) => Ok(None),
            Err(e) => Err(mip::solver_error(Backend::Microlp, e)),
        }
    };
    let raw = mip::caught_quietly(solve).unwrap_or_else(|| {
        Err(mip::solver_error(
            Backend::Microlp,
            "it stopped on an internal numerical check in the master program",
        ))
    })?;
    let solution = match raw {
        None => return Ok(Answer::Nothing),
        Some(Err(bound)) => {
            let bound = bound
                .filter(|b| b.is_finite())
                .map(|b| (b * scale).floor() as i128);
            return Ok(Answer::Stopped(bound));
        }
        Some(Ok(solution)) => solution,
    };
    let shares: Vec<f64> = open.iter().map(|&y| solution.var_value_raw(y)).collect();
    let stats = solution.stats();
    let bound = stats
        .best_bound
        .filter(|b| b.is_finite())
        .unwrap_or(solution.objective());
    Ok(Answer::Choice(Master {
        open: shares.iter().map(|&v| v > 0.5).collect(),
        shares,
        bound: (bound * scale).floor() as i128,
        nodes: stats.nodes_solved,
    }))
}

/// The distance of the master's choice from `centre`, the number of candidates opened or
/// closed differently, `Σ_{i in centre} (1 − y_i) + Σ_{i not in it} y_i`: its terms, and
/// the candidates `centre` opens, which the terms leave out (the distance is their sum plus
/// that number).
fn distance_from(
    centre: &[bool],
    open: &[microlp::Variable],
) -> (Vec<(microlp::Variable, f64)>, f64) {
    let opened = centre.iter().filter(|o| **o).count() as f64;
    let terms = centre
        .iter()
        .zip(open)
        .map(|(&o, &y)| (y, if o { -1.0 } else { 1.0 }))
        .collect();
    (terms, opened)
}

/// The choices within a distance of a plan (`inside`), or those beyond it: a row of the
/// master, the distance counting the candidates opened or closed differently from `centre`.
#[derive(Debug, Clone)]
struct Ball {
    centre: Vec<bool>,
    radius: usize,
    inside: bool,
}

impl Ball {
    /// The choices within `radius` of `centre`.
    fn around(centre: &[bool]) -> Ball {
        Ball {
            centre: centre.to_vec(),
            radius: NEAR_RADIUS,
            inside: true,
        }
    }

    /// The choices outside this ball.
    fn outside(self) -> Ball {
        Ball {
            inside: false,
            ..self
        }
    }
}

/// The state of one decomposition: the cuts found and what they led to.
struct Run<'s, 'a> {
    sel: &'s Selection<'a>,
    keep_together: bool,
    /// Every cut found: what [`Run::estimate`] uses.
    cuts: Vec<FlowCut>,
    /// The cuts the master program holds: those of the choices it proposed, and those of the
    /// local search that turned out to matter (a master with every cut grows slow).
    master_cuts: Vec<FlowCut>,
    out: Decomposed,
}

impl Run<'_, '_> {
    /// The best lower bound the cuts give at `y`.
    fn estimate(&self, y: &[bool]) -> i128 {
        self.cuts
            .iter()
            .map(|c| c.value(y))
            .max()
            .unwrap_or(i128::MIN)
    }

    /// The cut of [`Run::cuts`] highest at `y`.
    fn highest(&self, y: &[bool]) -> Option<&FlowCut> {
        self.cuts.iter().max_by_key(|c| c.value(y))
    }

    /// Adds a cut to every cut found, and to the master's when `to_master`.
    fn keep(&mut self, cut: FlowCut, to_master: bool) {
        if to_master {
            self.master_cuts.push(cut.clone());
        }
        self.cuts.push(cut);
    }

    /// Prices a feasible choice: one flow solve gives its flow value and a cut (the master's
    /// too when `to_master`); when that value could beat the best choice, its exact
    /// allocation is solved and offered. Returns the flow value and the exact objective (the
    /// flow value when not solved).
    fn price(&mut self, y: &[bool], to_master: bool) -> Result<(i128, i128)> {
        let (flow, cut) = self.sel.relaxed_cut(y)?;
        self.keep(cut, to_master);
        self.out.cuts += 1;
        let net = self.sel.net_cost(y);
        let promising = self
            .out
            .best
            .as_ref()
            .is_none_or(|b| flow < b.objective || (flow == b.objective && net < b.net));
        if !promising {
            return Ok((flow, flow));
        }
        let (objective, bound) = if self.keep_together {
            self.out.evaluations += 1;
            let a = self.sel.evaluate(y)?;
            (a.objective, a.bound)
        } else {
            (flow, flow)
        };
        if bound > flow {
            // Keep-together groups make the choice dearer than its flow value: lift the cut.
            if let Some(lifted) = self.cuts.last().map(|cut| lift(cut, y, flow, bound)) {
                self.keep(lifted, to_master);
            }
        }
        let s = Scored {
            open: y.to_vec(),
            objective,
            bound,
            net,
        };
        if self.out.best.as_ref().is_none_or(|b| s.beats(b)) {
            self.out.best = Some(s);
        }
        Ok((flow, objective))
    }

    /// True when `y` is within the budget (after pools) and meets every town's minimum.
    fn feasible(&self, y: &[bool]) -> bool {
        self.sel.is_feasible(y)
    }

    /// Improves the best choice by opening one more candidate or swapping one for another,
    /// while a move helps: each move whose cuts say it could beat the best is priced, and its
    /// cut kept, so that the master learns the neighbourhood of good choices.
    fn local_search(&mut self) -> Result<()> {
        let n = self.sel.choices.len();
        let mut flows = 0;
        'improve: while let Some(best) = self.out.best.clone() {
            let opened: Vec<usize> = (0..n).filter(|&i| best.open[i]).collect();
            let closed: Vec<usize> = (0..n).filter(|&i| !best.open[i]).collect();
            let moves = closed.iter().map(|&j| (None, j)).chain(
                opened
                    .iter()
                    .flat_map(|&i| closed.iter().map(move |&j| (Some(i), j))),
            );
            // Each cut's value at the best choice, so that a move's estimate costs one step
            // per cut rather than one per cut and candidate; extended as pricing adds cuts.
            let mut at_best: Vec<i128> = Vec::with_capacity(self.cuts.len());
            for (out, into) in moves {
                if flows >= MAX_LOCAL_FLOWS_PER_CHOICE * n {
                    return Ok(());
                }
                at_best.extend(
                    self.cuts[at_best.len()..]
                        .iter()
                        .map(|c| c.value(&best.open)),
                );
                let estimate = self
                    .cuts
                    .iter()
                    .zip(&at_best)
                    .map(|(c, &v)| v + c.coefficients[into] - out.map_or(0, |i| c.coefficients[i]))
                    .max()
                    .unwrap_or(i128::MIN);
                if estimate >= best.objective {
                    continue;
                }
                let mut y = best.open.clone();
                if let Some(i) = out {
                    y[i] = false;
                }
                y[into] = true;
                if !self.feasible(&y) {
                    continue;
                }
                flows += 1;
                self.price(&y, false)?;
                if self.out.best.as_ref().is_some_and(|b| b.beats(&best)) {
                    continue 'improve;
                }
            }
            break;
        }
        Ok(())
    }
}

/// The cut at `y` (of flow value `flow`) lifted to the exact objective, of which `exact` is a
/// proven lower bound at `y`: `θ ≥ exact − Σ_{i ∉ y} (gap + fillᵢ)·yᵢ`, where `gap` is
/// `exact − flow` and `fillᵢ` what the flow cut says opening `i` can gain.
///
/// It holds for every choice `z`, because opening a candidate never makes the exact objective
/// worse: when `z` opens no candidate outside `y`, `z ⊆ y` and the exact objective of `z` is
/// at least that of `y`; when it opens a set `T` of them, the objective of `z` is at least
/// that of `y ∪ T`, at least its flow value, at least `flow − Σ_T fillᵢ` (the flow cut), which
/// is no less than the lifted cut's `exact − Σ_T (gap + fillᵢ)` since `|T| ≥ 1`. So one cut
/// says what naming `y` and each of its subsets would.
fn lift(cut: &FlowCut, y: &[bool], flow: i128, exact: i128) -> FlowCut {
    let gap = exact - flow;
    FlowCut {
        constant: exact,
        coefficients: cut
            .coefficients
            .iter()
            .zip(y)
            .map(|(&c, &open)| if open { 0 } else { c - gap })
            .collect(),
    }
}

/// The choice that opens candidates in decreasing order of `shares` (the relaxation's
/// openings; ties in file order) while the budget before pools allows, then checks it:
/// `None` when it breaks the budget after pools or a town's minimum, or when there are no
/// shares (no relaxation was solved).
fn rounded(sel: &Selection, shares: &[f64]) -> Option<Vec<bool>> {
    if shares.len() != sel.choices.len() {
        return None;
    }
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| shares[b].total_cmp(&shares[a]).then(a.cmp(&b)));
    let mut y = vec![false; shares.len()];
    let mut spent = 0i128;
    for i in order {
        let net = i128::from(sel.choices[i].net);
        if shares[i] > 0.0 && sel.budget.is_none_or(|b| spent + net <= i128::from(b)) {
            y[i] = true;
            spent += net;
        }
    }
    sel.is_feasible(&y).then_some(y)
}

/// Most flow solves of one local search, per candidate.
const MAX_LOCAL_FLOWS_PER_CHOICE: usize = 4;

/// Finds the best feasible choice of `sel` by Benders decomposition (see the module's
/// documentation).
pub fn decompose(sel: &Selection) -> Result<Decomposed> {
    let n = sel.choices.len();
    let mut run = Run {
        sel,
        keep_together: sel.inst.keep_together.iter().any(|&k| k),
        cuts: Vec::new(),
        master_cuts: Vec::new(),
        out: Decomposed {
            best: None,
            bound: None,
            complete: true,
            masters: 0,
            cuts: 0,
            evaluations: 0,
            planes: Vec::new(),
        },
    };
    // Cuts at "everything open" and "nothing open" start the master off with the value of
    // each candidate alone and of all together.
    for open in [vec![true; n], vec![false; n]] {
        let (_, cut) = sel.relaxed_cut(&open)?;
        run.keep(cut, true);
        run.out.cuts += 1;
    }
    let mut exclusions: Vec<PoolCut> = Vec::new();
    // The linear relaxation first: its cuts are cheap to find and shape the master before
    // any integer program is solved, and its optimum bounds every plan.
    let mut relaxed_bound = None;
    let mut last = i128::MIN;
    let mut stalled = 0;
    let mut shares = Vec::new();
    // In-out separation: each cut is taken halfway between the master's point and a core
    // point (the last such midpoint), which keeps the cuts from chasing the relaxation's
    // many equal optima; when a midpoint's cut does not cut the master's point off, its own
    // cut is taken as well. Every point cut meets the master's rows, so the least flow value
    // among them is above the relaxation's optimum (up to whole beds): the master's bound
    // meeting it ends the loop.
    let mut core: Option<Vec<f64>> = None;
    let mut upper = i128::MAX;
    let mut last_upper = i128::MAX;
    for _ in 0..MAX_RELAXED {
        let Answer::Choice(m) = master(sel, &run.master_cuts, &exclusions, &[], Ask::Relaxation)?
        else {
            break;
        };
        run.out.masters += 1;
        let theta = m.bound;
        relaxed_bound = Some(theta);
        let mid: Vec<f64> = match &core {
            Some(c) => c
                .iter()
                .zip(&m.shares)
                .map(|(c, y)| (c + y) / 2.0)
                .collect(),
            None => m.shares.clone(),
        };
        let (flow, cut) = sel.strong_cut_at(&mid)?;
        let cuts_off = cut.value_at(&m.shares) > theta as f64;
        run.keep(cut, true);
        run.out.cuts += 1;
        upper = upper.min(flow);
        if !cuts_off {
            let (flow, cut) = sel.strong_cut_at(&m.shares)?;
            run.keep(cut, true);
            run.out.cuts += 1;
            upper = upper.min(flow);
        }
        core = Some(mid);
        shares = m.shares;
        if upper <= theta + theta / 10_000 {
            break;
        }
        stalled = if theta - last <= theta / 100_000 && last_upper - upper <= upper / 100_000 {
            stalled + 1
        } else {
            0
        };
        if stalled >= 5 {
            break;
        }
        last = theta;
        last_upper = upper;
    }
    run.out.bound = relaxed_bound;
    // A first plan from the relaxation: the candidates it opens most, while they fit.
    if let Some(y) = rounded(sel, &shares) {
        run.price(&y, true)?;
        run.local_search()?;
    }
    let mut work = 0u64;
    // The neighbourhood of the best plan being searched, the work done in neighbourhoods, and
    // the neighbourhoods searched to the end (every later master is outside them).
    let mut near = run.out.best.as_ref().map(|b| Ball::around(&b.open));
    let mut near_work = 0u64;
    let mut searched: Vec<Ball> = Vec::new();
    // Then integer masters, each asked for any choice that its cuts put below the best plan.
    loop {
        if run.out.masters >= MAX_MASTERS {
            run.out.complete = false;
            break;
        }
        // Each node of this master costs about its variables times its rows.
        let size = (n as u64 + 1)
            * (run.master_cuts.len() + exclusions.len() + 1 + sel.needs.len()) as u64;
        if work + size > MAX_WORK {
            run.out.complete = false;
            break;
        }
        if near_work + size > NEAR_WORK {
            near = None;
        }
        let cutoff = run.out.best.as_ref().map(|b| b.objective);
        let nodes = match near {
            Some(_) => (NEAR_WORK - near_work).min(MAX_WORK - work) / size,
            None => (MAX_WORK - work) / size,
        };
        let ask = Ask::Below { cutoff, nodes };
        let balls: Vec<Ball> = searched.iter().chain(&near).cloned().collect();
        let m = match master(sel, &run.master_cuts, &exclusions, &balls, ask)? {
            Answer::Choice(m) => m,
            Answer::Nothing if near.is_some() => {
                // Nothing near the best plan beats it: look beyond, for good.
                searched.extend(near.take().map(Ball::outside));
                continue;
            }
            Answer::Stopped(_) if near.is_some() => {
                // The neighbourhood's work ran out: every choice not yet excluded is open again.
                work += nodes * size;
                near_work += nodes * size;
                near = None;
                continue;
            }
            Answer::Nothing => {
                // No choice is left that could beat the best: it is optimal (or none is
                // feasible).
                run.out.bound = run.out.best.as_ref().map(|b| b.bound);
                run.out.planes = run.cuts;
                return Ok(run.out);
            }
            Answer::Stopped(bound) => {
                if let Some(bound) = bound.map(|b| cutoff.map_or(b, |c| b.min(c))) {
                    run.out.bound = Some(run.out.bound.map_or(bound, |b| b.max(bound)));
                }
                run.out.complete = false;
                break;
            }
        };
        run.out.masters += 1;
        work += m.nodes * size;
        if near.is_some() {
            near_work += m.nodes * size;
        } else {
            // Every choice below the cutoff and outside the neighbourhoods searched is worth
            // at least the master's bound, and every other at least the best plan.
            let bound = cutoff.map_or(m.bound, |c| m.bound.min(c));
            run.out.bound = Some(run.out.bound.map_or(bound, |b| b.max(bound)));
        }
        let y = m.open;
        if !run.feasible(&y) {
            let cut = mip::cut_for(sel, &y, &exclusions);
            exclusions.push(cut);
            continue;
        }
        // A cut the master does not hold may already put its choice at or above the best:
        // then it joins the master, and no flow solve is needed.
        // (When the master holds it already, the solver's tolerance let the choice through:
        // it is excluded by name.)
        if let (Some(best), Some(cut)) = (&run.out.best, run.highest(&y))
            && cut.value(&y) >= best.objective
        {
            let cut = cut.clone();
            if run.master_cuts.contains(&cut) {
                exclusions.push(PoolCut::Exclude(y));
            } else {
                run.master_cuts.push(cut);
            }
            continue;
        }
        let before = run.out.best.clone();
        run.price(&y, true)?;
        if run.out.best != before {
            run.local_search()?;
            if near.is_some() {
                near = run.out.best.as_ref().map(|b| Ball::around(&b.open));
            }
        }
        // A choice the cuts still put below the best (its exact objective is above its flow
        // value, or the solver's tolerance let it through) is known exactly now: exclude it
        // by name, so that no master proposes it again.
        if run
            .out
            .best
            .as_ref()
            .is_none_or(|b| run.estimate(&y) < b.objective)
        {
            exclusions.push(PoolCut::Exclude(y));
        }
    }
    // Stopped with the master's bound; it never exceeds the best choice's own bound.
    let mut out = run.out;
    out.planes = run.cuts;
    out.bound = match (&out.best, out.bound) {
        (Some(b), Some(l)) => Some(l.min(b.bound)),
        (_, l) => l,
    };
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alloc::Instance;
    use crate::plan::selection::Choice;

    fn best_choice(sel: &Selection, cut: &FlowCut, balls: &[Ball]) -> Vec<bool> {
        let ask = Ask::Below {
            cutoff: None,
            nodes: 1_000,
        };
        match master(sel, std::slice::from_ref(cut), &[], balls, ask).expect("a master") {
            Answer::Choice(m) => m.open,
            _ => panic!("the master found no choice"),
        }
    }

    #[test]
    fn a_neighbourhood_row_keeps_the_master_within_or_beyond_its_distance() {
        let inst = Instance::empty();
        let choice = |candidate| Choice {
            candidate,
            site: candidate,
            net: 0,
            beds: 1,
            town: 0,
        };
        let sel = Selection {
            inst: &inst,
            choices: (0..3).map(choice).collect(),
            budget: None,
            needs: vec![],
            pools: None,
            node_limit: 1,
            solved: None,
        };
        let cut = FlowCut {
            constant: 100,
            coefficients: vec![-10, -20, -30],
        };
        assert_eq!(best_choice(&sel, &cut, &[]), [true; 3]);
        let nothing = [false; 3];
        let near_nothing = Ball {
            radius: 1,
            ..Ball::around(&nothing)
        };
        assert_eq!(
            best_choice(&sel, &cut, std::slice::from_ref(&near_nothing)),
            [false, false, true],
            "one candidate at most from nothing open: the one that gains most"
        );
        let all_but_one = Ball {
            radius: 1,
            ..Ball::around(&[true; 3])
        }
        .outside();
        assert_eq!(
            best_choice(&sel, &cut, &[all_but_one, near_nothing.clone()]),
            [false, false, true],
            "two or more from everything open, one at most from nothing"
        );
        let beyond_nothing = near_nothing.outside();
        assert_eq!(
            best_choice(&sel, &cut, &[beyond_nothing]),
            [true; 3],
            "two or more from nothing open"
        );
        let only_one = Ball {
            radius: 0,
            ..Ball::around(&[true, false, false])
        };
        assert_eq!(best_choice(&sel, &cut, &[only_one]), [true, false, false]);
    }
}
