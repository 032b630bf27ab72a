//! The flow relaxation of the keep-together search, re-solved warm.
//!
//! A node of the search is the instance with some keep-together groups decided: each placed
//! whole at one site (its people and that many of the site's beds taken out) or left out (its
//! people taken out). Solving every node from scratch costs a whole flow solve, however small
//! the change. [`Warm`] instead keeps an optimal flow with optimal prices and repairs them
//! after a decision, by successive shortest paths (the primal–dual method):
//!
//! - The network is the engine's ([`crate::flow::Transport`]): group `g` → site `s` along an arc
//!   at its cost, group → sink `T` at the unhoused cost, site → `T` up to its beds at cost 0.
//!   Node potentials `φ` make every residual arc's reduced cost `cost + φ(i) − φ(j)`
//!   non-negative; with the flow, that is the proof of optimality. They start as the engine's
//!   prices (`φ(g) = −group_price`, `φ(s) = −site_price`, `φ(T) = 0`).
//! - Deciding a group removes its flow (the sites it used get free beds) and, when it is placed,
//!   takes its people off the site's beds (the site may now hold more than it has: an excess of
//!   people to move out). A freed bed whose residual arc to `T` has a negative reduced cost (the
//!   site had a price: someone wants that bed) is filled at once, which leaves that site short
//!   of people (a deficit) and `T` with an excess.
//! - Each excess then travels to a deficit along a shortest path of reduced costs (Dijkstra,
//!   stopped at the first deficit it reaches), and the potentials are raised by the distances,
//!   which keeps every reduced cost non-negative. When no excess is left the flow is optimal
//!   again.
//!
//! The work is proportional to how far the change reaches, not to the size of the instance.
//! Every change is written to a log, so the search can step back to a parent node by undoing
//! it ([`Warm::mark`], [`Warm::undo`]) instead of copying the state. The search's final answer
//! is solved again from scratch by the engine and must agree with the warm objective.

use super::instance::Instance;
use crate::error::{Error, Result};
use crate::flow::TransportSolution;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

const UNREACHED: i64 = i64::MAX;

/// A residual arc on a shortest path: which arc, in which direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// None: the node where the search started.
    Start,
    /// Group → site along arc `a`: more people on the arc.
    Arc(u32),
    /// Site → group along arc `a`, backwards: fewer people on the arc.
    Back(u32),
    /// Group `g` → `T`: more of `g` unhoused.
    Unhouse(u32),
    /// `T` → group `g`: fewer of `g` unhoused.
    House(u32),
    /// Site `s` → `T`: more beds of `s` filled.
    Drain(u32),
    /// `T` → site `s`: fewer beds of `s` filled.
    Undrain(u32),
}

/// One logged change: the field, the index and the value before.
#[derive(Debug, Clone, Copy)]
enum Change {
    Flow(u32, i64),
    Unhoused(u32, i64),
    Load(u32, i64),
    Cap(u32, i64),
    People(u32, i64),
    Potential(u32, i64),
}

/// A point to return to with [`Warm::undo`].
#[derive(Debug, Clone, Copy)]
pub(super) struct Mark {
    log: usize,
    objective: i128,
    fixed: i128,
}

/// An optimal flow of the instance with some groups decided, with its prices, kept optimal
/// under further decisions.
pub(super) struct Warm<'a> {
    inst: &'a Instance,
    /// `site_arcs[site_start[s]..site_start[s + 1]]`: the arcs into site `s`.
    site_start: Vec<usize>,
    site_arcs: Vec<u32>,
    /// People on each arc.
    pub(super) flow: Vec<i64>,
    /// People of each group unhoused.
    pub(super) unhoused: Vec<i64>,
    /// Beds filled at each site (the flow on its arc to `T`).
    load: Vec<i64>,
    /// Beds of each site left after the placed groups.
    pub(super) cap: Vec<i64>,
    /// People of each group still to place (0 once decided).
    pub(super) people: Vec<i64>,
    /// Potentials: groups, then sites, then `T`.
    potential: Vec<i64>,
    /// People in excess (> 0) or short (< 0) at each node; zero between operations.
    excess: Vec<i64>,
    /// The nodes whose excess may be non-zero.
    unbalanced: Vec<u32>,
    /// Σ cost·flow + Σ unhoused cost·unhoused of the undecided people.
    objective: i128,
    /// The cost of the decided groups.
    fixed: i128,
    log: Vec<Change>,
    // Dijkstra's scratch, reset after each search.
    dist: Vec<i64>,
    step: Vec<Step>,
    settled: Vec<bool>,
    touched: Vec<u32>,
    heap: BinaryHeap<Reverse<(i64, bool, u32)>>,
    /// Nodes reached at the distance being settled, `current`.
    level: Vec<u32>,
    current: i64,
    /// A node to stop at, reached at the distance being settled.
    found: Option<usize>,
    /// Heap pops and arc relaxations so far: a measure of work that is the same on every
    /// machine.
    pub(super) work: u64,
}

impl<'a> Warm<'a> {
    /// Starts from the engine's optimal solution of the whole instance. Its prices must be
    /// optimal duals of its flow (the engine's are); an error says otherwise.
    pub(super) fn new(inst: &'a Instance, sol: &TransportSolution) -> Result<Warm<'a>> {
        let (ng, ns) = (inst.people.len(), inst.capacity.len());
        let mut site_start = vec![0usize; ns + 1];
        for arc in &inst.arcs {
            site_start[arc.site as usize + 1] += 1;
        }
        for s in 0..ns {
            site_start[s + 1] += site_start[s];
        }
        let mut next = site_start.clone();
        let mut site_arcs = vec![0u32; inst.arcs.len()];
        let mut load = vec![0i64; ns];
        for (a, arc) in inst.arcs.iter().enumerate() {
            let s = arc.site as usize;
            site_arcs[next[s]] = a as u32;
            next[s] += 1;
            load[s] += sol.flow[a];
        }
        let mut potential: Vec<i64> = sol.group_price.iter().map(|p| -p).collect();
        potential.extend(sol.site_price.iter().map(|p| -p));
        potential.push(0);
        let nodes = ng + ns + 1;
        let warm = Warm {
            inst,
            site_start,
            site_arcs,
            flow: sol.flow.clone(),
            unhoused: sol.unhoused.clone(),
            load,
            cap: inst.capacity.clone(),
            people: inst.people.clone(),
            potential,
            excess: vec![0; nodes],
            unbalanced: Vec::new(),
            objective: sol.objective,
            fixed: 0,
            log: Vec::new(),
            dist: vec![UNREACHED; nodes],
            step: vec![Step::Start; nodes],
            settled: vec![false; nodes],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
            level: Vec::new(),
            current: 0,
            found: None,
            work: 0,
        };
        warm.check_optimal()?;
        Ok(warm)
    }

    /// The whole objective: the decided groups' cost and the flow's.
    pub(super) fn total(&self) -> i128 {
        self.objective + self.fixed
    }

    /// The point to come back to.
    pub(super) fn mark(&self) -> Mark {
        Mark {
            log: self.log.len(),
            objective: self.objective,
            fixed: self.fixed,
        }
    }

    /// Undoes every change since `mark`.
    pub(super) fn undo(&mut self, mark: Mark) {
        while self.log.len() > mark.log {
            match self.log.pop() {
                Some(Change::Flow(i, v)) => self.flow[i as usize] = v,
                Some(Change::Unhoused(i, v)) => self.unhoused[i as usize] = v,
                Some(Change::Load(i, v)) => self.load[i as usize] = v,
                Some(Change::Cap(i, v)) => self.cap[i as usize] = v,
                Some(Change::People(i, v)) => self.people[i as usize] = v,
                Some(Change::Potential(i, v)) => self.potential[i as usize] = v,
                None => break,
            }
        }
        self.objective = mark.objective;
        self.fixed = mark.fixed;
    }

    /// Decides group `g`: placed whole along arc `arc`, or unhoused (`None`); then restores an
    /// optimal flow of the rest. The site must have room for the whole group.
    pub(super) fn fix(&mut self, g: usize, arc: Option<usize>) -> Result<()> {
        let inst = self.inst;
        let p = self.people[g];
        let t = self.sink();
        let mut freed: Vec<usize> = Vec::new();
        for a in inst.start[g]..inst.start[g + 1] {
            let x = self.flow[a];
            if x > 0 {
                let s = inst.arcs[a].site as usize;
                self.objective -= i128::from(inst.arcs[a].cost) * i128::from(x);
                self.set(Change::Flow(a as u32, 0));
                self.set(Change::Load(s as u32, self.load[s] - x));
                freed.push(s);
            }
        }
        let u = self.unhoused[g];
        if u > 0 {
            self.objective -= i128::from(inst.unhoused_cost[g]) * i128::from(u);
            self.set(Change::Unhoused(g as u32, 0));
        }
        self.set(Change::People(g as u32, 0));
        match arc {
            Some(a) => {
                let s = inst.arcs[a].site as usize;
                if self.cap[s] < p {
                    return Err(Error::Internal(format!(
                        "keep-together search: group {g} placed at site {s} with {} beds for \
                         {p} people",
                        self.cap[s]
                    )));
                }
                self.fixed += i128::from(inst.arcs[a].cost) * i128::from(p);
                self.set(Change::Cap(s as u32, self.cap[s] - p));
                let over = self.load[s] - self.cap[s];
                if over > 0 {
                    self.set(Change::Load(s as u32, self.cap[s]));
                    self.add_excess(inst.people.len() + s, over);
                    self.add_excess(t, -over);
                }
            }
            None => self.fixed += i128::from(inst.unhoused_cost[g]) * i128::from(p),
        }
        // A freed bed that someone values (its arc to T has a negative reduced cost) is filled
        // now and the site left short, so that every reduced cost is non-negative again.
        for s in freed {
            let node = inst.people.len() + s;
            let slack = self.cap[s] - self.load[s];
            if slack > 0 && self.potential[node] < self.potential[t] {
                self.set(Change::Load(s as u32, self.cap[s]));
                self.add_excess(node, -slack);
                self.add_excess(t, slack);
            }
        }
        self.settle()
    }

    fn sink(&self) -> usize {
        self.potential.len() - 1
    }

    fn set(&mut self, change: Change) {
        let (field, i, new) = match change {
            Change::Flow(i, v) => (&mut self.flow, i, v),
            Change::Unhoused(i, v) => (&mut self.unhoused, i, v),
            Change::Load(i, v) => (&mut self.load, i, v),
            Change::Cap(i, v) => (&mut self.cap, i, v),
            Change::People(i, v) => (&mut self.people, i, v),
            Change::Potential(i, v) => (&mut self.potential, i, v),
        };
        let old = std::mem::replace(&mut field[i as usize], new);
        self.log.push(match change {
            Change::Flow(..) => Change::Flow(i, old),
            Change::Unhoused(..) => Change::Unhoused(i, old),
            Change::Load(..) => Change::Load(i, old),
            Change::Cap(..) => Change::Cap(i, old),
            Change::People(..) => Change::People(i, old),
            Change::Potential(..) => Change::Potential(i, old),
        });
    }

    fn add_excess(&mut self, node: usize, amount: i64) {
        if self.excess[node] == 0 {
            self.unbalanced.push(node as u32);
        }
        self.excess[node] += amount;
    }

    /// Sends every excess to a deficit along shortest paths until none is left.
    ///
    /// `T` is joined to every group and every site, so a search that passes through it looks
    /// at the whole instance. The search therefore starts on the side away from `T`: from the
    /// deficits, backwards, when `T` has the excess (a freed bed to fill), and from the
    /// excesses when `T` is short (people to move out of a site).
    fn settle(&mut self) -> Result<()> {
        loop {
            self.unbalanced.retain(|&v| self.excess[v as usize] != 0);
            if self.unbalanced.is_empty() {
                return Ok(());
            }
            let backwards = self.excess[self.sink()] > 0;
            let starts: Vec<u32> = self
                .unbalanced
                .iter()
                .copied()
                .filter(|&v| (self.excess[v as usize] < 0) == backwards)
                .collect();
            let end = self.shortest_path(&starts, backwards)?;
            let path = self.path(end, backwards);
            self.augment(&path);
            self.raise_potentials(end, backwards);
        }
    }

    /// Whether the search stops at node `v`: a deficit going forwards, an excess backwards.
    fn stops_at(&self, v: usize, backwards: bool) -> bool {
        if backwards {
            self.excess[v] > 0
        } else {
            self.excess[v] < 0
        }
    }

    /// Dijkstra on reduced costs from every start at once (forwards along residual arcs, or
    /// backwards against them), stopped at the first node it may stop at; returns that node.
    /// Among nodes at the same distance, those it may stop at come first.
    fn shortest_path(&mut self, starts: &[u32], backwards: bool) -> Result<usize> {
        if starts.is_empty() {
            return Err(Error::Internal(
                "keep-together search: people in excess with no shortage to meet, or the \
                 reverse"
                    .to_string(),
            ));
        }
        self.current = 0;
        for &v in starts {
            self.reach(v as usize, 0, Step::Start, backwards);
        }
        loop {
            // Nodes reached at the distance being settled need no heap: nothing can come nearer.
            let (d, v) = match self.level.pop() {
                Some(v) => (self.current, v as usize),
                None => match self.heap.pop() {
                    Some(Reverse((d, _, v))) => (d, v as usize),
                    None => break,
                },
            };
            if self.settled[v] || d > self.dist[v] {
                continue;
            }
            self.current = d;
            self.settled[v] = true;
            self.work += 1;
            if self.stops_at(v, backwards) {
                return Ok(v);
            }
            if backwards {
                self.relax_into(v, d);
            } else {
                self.relax_from(v, d);
            }
            if let Some(end) = self.found.take() {
                self.settled[end] = true;
                return Ok(end);
            }
        }
        Err(Error::Internal(
            "keep-together search: no path between an excess of people and a shortage".to_string(),
        ))
    }

    fn reach(&mut self, v: usize, d: i64, how: Step, backwards: bool) {
        if d < self.dist[v] {
            if self.dist[v] == UNREACHED {
                self.touched.push(v as u32);
            }
            self.dist[v] = d;
            self.step[v] = how;
            let stop = self.stops_at(v, backwards);
            if d == self.current {
                if stop && self.found.is_none() {
                    self.found = Some(v);
                }
                self.level.push(v as u32);
            } else {
                self.heap.push(Reverse((d, !stop, v as u32)));
            }
        }
    }

    /// Reaches every node at the head of a residual arc out of `v`.
    fn relax_from(&mut self, v: usize, d: i64) {
        let inst = self.inst;
        let (ng, ns) = (inst.people.len(), inst.capacity.len());
        let t = ng + ns;
        let pv = self.potential[v];
        if v < ng {
            for a in inst.start[v]..inst.start[v + 1] {
                let arc = inst.arcs[a];
                let s = ng + arc.site as usize;
                let rc = arc.cost + pv - self.potential[s];
                self.reach(s, d + rc, Step::Arc(a as u32), false);
            }
            let rc = inst.unhoused_cost[v] + pv - self.potential[t];
            self.reach(t, d + rc, Step::Unhouse(v as u32), false);
            self.work += (inst.start[v + 1] - inst.start[v]) as u64 + 1;
        } else if v < t {
            let s = v - ng;
            if self.load[s] < self.cap[s] {
                self.reach(t, d + pv - self.potential[t], Step::Drain(s as u32), false);
            }
            for i in self.site_start[s]..self.site_start[s + 1] {
                let a = self.site_arcs[i] as usize;
                if self.flow[a] > 0 {
                    let g = inst.arcs[a].group as usize;
                    let rc = -inst.arcs[a].cost + pv - self.potential[g];
                    self.reach(g, d + rc, Step::Back(a as u32), false);
                }
            }
            self.work += (self.site_start[s + 1] - self.site_start[s]) as u64 + 1;
        } else {
            for g in 0..ng {
                if self.unhoused[g] > 0 {
                    let rc = -inst.unhoused_cost[g] + pv - self.potential[g];
                    self.reach(g, d + rc, Step::House(g as u32), false);
                }
            }
            for s in 0..ns {
                if self.load[s] > 0 {
                    let rc = pv - self.potential[ng + s];
                    self.reach(ng + s, d + rc, Step::Undrain(s as u32), false);
                }
            }
            self.work += (ng + ns) as u64;
        }
    }

    /// Reaches every node at the tail of a residual arc into `v`.
    fn relax_into(&mut self, v: usize, d: i64) {
        let inst = self.inst;
        let (ng, ns) = (inst.people.len(), inst.capacity.len());
        let t = ng + ns;
        let pv = self.potential[v];
        if v < ng {
            for a in inst.start[v]..inst.start[v + 1] {
                if self.flow[a] > 0 {
                    let s = ng + inst.arcs[a].site as usize;
                    let rc = -inst.arcs[a].cost + self.potential[s] - pv;
                    self.reach(s, d + rc, Step::Back(a as u32), true);
                }
            }
            if self.unhoused[v] > 0 {
                let rc = -inst.unhoused_cost[v] + self.potential[t] - pv;
                self.reach(t, d + rc, Step::House(v as u32), true);
            }
            self.work += (inst.start[v + 1] - inst.start[v]) as u64 + 1;
        } else if v < t {
            let s = v - ng;
            if self.load[s] > 0 {
                self.reach(t, d + self.potential[t] - pv, Step::Undrain(s as u32), true);
            }
            for i in self.site_start[s]..self.site_start[s + 1] {
                let a = self.site_arcs[i] as usize;
                let g = inst.arcs[a].group as usize;
                let rc = inst.arcs[a].cost + self.potential[g] - pv;
                self.reach(g, d + rc, Step::Arc(a as u32), true);
            }
            self.work += (self.site_start[s + 1] - self.site_start[s]) as u64 + 1;
        } else {
            for g in 0..ng {
                let rc = inst.unhoused_cost[g] + self.potential[g] - pv;
                self.reach(g, d + rc, Step::Unhouse(g as u32), true);
            }
            for s in 0..ns {
                if self.load[s] < self.cap[s] {
                    let rc = self.potential[ng + s] - pv;
                    self.reach(ng + s, d + rc, Step::Drain(s as u32), true);
                }
            }
            self.work += (ng + ns) as u64;
        }
    }

    /// The tail and head of a residual arc, and how many more people it can carry.
    fn ends(&self, step: Step) -> (usize, usize, i64) {
        let inst = self.inst;
        let ng = inst.people.len();
        let t = self.sink();
        let site = |a: u32| ng + inst.arcs[a as usize].site as usize;
        let group = |a: u32| inst.arcs[a as usize].group as usize;
        match step {
            Step::Start => (t, t, 0),
            Step::Arc(a) => (group(a), site(a), i64::MAX),
            Step::Back(a) => (site(a), group(a), self.flow[a as usize]),
            Step::Unhouse(g) => (g as usize, t, i64::MAX),
            Step::House(g) => (t, g as usize, self.unhoused[g as usize]),
            Step::Drain(s) => {
                let s = s as usize;
                (ng + s, t, self.cap[s] - self.load[s])
            }
            Step::Undrain(s) => (t, ng + s as usize, self.load[s as usize]),
        }
    }

    /// The residual arcs of the path the search found, from the excess to the deficit.
    fn path(&self, end: usize, backwards: bool) -> Vec<Step> {
        let mut path = Vec::new();
        let mut v = end;
        while self.step[v] != Step::Start {
            path.push(self.step[v]);
            let (tail, head, _) = self.ends(self.step[v]);
            v = if backwards { head } else { tail };
        }
        if !backwards {
            path.reverse();
        }
        path
    }

    /// Sends as many people along `path` as its arcs, its excess and its deficit allow.
    fn augment(&mut self, path: &[Step]) {
        let (Some(first), Some(last)) = (path.first(), path.last()) else {
            return;
        };
        let source = self.ends(*first).0;
        let target = self.ends(*last).1;
        let amount = path
            .iter()
            .map(|&step| self.ends(step).2)
            .fold(self.excess[source].min(-self.excess[target]), i64::min);
        let inst = self.inst;
        for &step in path {
            let amount_i = i128::from(amount);
            match step {
                Step::Arc(a) => {
                    self.objective += i128::from(inst.arcs[a as usize].cost) * amount_i;
                    self.set(Change::Flow(a, self.flow[a as usize] + amount));
                }
                Step::Back(a) => {
                    self.objective -= i128::from(inst.arcs[a as usize].cost) * amount_i;
                    self.set(Change::Flow(a, self.flow[a as usize] - amount));
                }
                Step::Unhouse(g) => {
                    self.objective += i128::from(inst.unhoused_cost[g as usize]) * amount_i;
                    self.set(Change::Unhoused(g, self.unhoused[g as usize] + amount));
                }
                Step::House(g) => {
                    self.objective -= i128::from(inst.unhoused_cost[g as usize]) * amount_i;
                    self.set(Change::Unhoused(g, self.unhoused[g as usize] - amount));
                }
                Step::Drain(s) => self.set(Change::Load(s, self.load[s as usize] + amount)),
                Step::Undrain(s) => self.set(Change::Load(s, self.load[s as usize] - amount)),
                Step::Start => {}
            }
        }
        self.excess[source] -= amount;
        self.excess[target] += amount;
    }

    /// Moves the potentials of the nodes settled before `end` by how much nearer they were
    /// (down going forwards, up going backwards), so that every reduced cost stays
    /// non-negative and the path's are zero; then clears Dijkstra's scratch.
    fn raise_potentials(&mut self, end: usize, backwards: bool) {
        let reach = self.dist[end];
        for i in 0..self.touched.len() {
            let v = self.touched[i] as usize;
            if self.settled[v] && self.dist[v] < reach {
                let shift = reach - self.dist[v];
                let p = if backwards {
                    self.potential[v] + shift
                } else {
                    self.potential[v] - shift
                };
                self.set(Change::Potential(v as u32, p));
            }
        }
        for &v in &self.touched {
            let v = v as usize;
            self.dist[v] = UNREACHED;
            self.step[v] = Step::Start;
            self.settled[v] = false;
        }
        self.touched.clear();
        self.heap.clear();
        self.level.clear();
        self.found = None;
    }

    /// Every residual arc has a non-negative reduced cost (the flow is optimal).
    fn check_optimal(&self) -> Result<()> {
        let inst = self.inst;
        let ng = inst.people.len();
        let t = self.sink();
        let pt = self.potential[t];
        let fail = |what: String| {
            Err(Error::Internal(format!(
                "keep-together search: the flow's prices are not optimal: {what}"
            )))
        };
        for (a, arc) in inst.arcs.iter().enumerate() {
            let g = arc.group as usize;
            let rc = arc.cost + self.potential[g] - self.potential[ng + arc.site as usize];
            if rc < 0 || (self.flow[a] > 0 && rc != 0) {
                return fail(format!(
                    "arc {a} has reduced cost {rc} with flow {}",
                    self.flow[a]
                ));
            }
        }
        for g in 0..ng {
            let rc = inst.unhoused_cost[g] + self.potential[g] - pt;
            if rc < 0 || (self.unhoused[g] > 0 && rc != 0) {
                return fail(format!("group {g} unhoused at reduced cost {rc}"));
            }
        }
        for s in 0..inst.capacity.len() {
            let rc = self.potential[ng + s] - pt;
            if (self.load[s] < self.cap[s] && rc < 0) || (self.load[s] > 0 && rc > 0) {
                return fail(format!("site {s} drains at reduced cost {rc}"));
            }
        }
        Ok(())
    }

    /// The same check after any number of decisions (for tests).
    #[cfg(test)]
    pub(super) fn is_optimal(&self) -> bool {
        self.check_optimal().is_ok()
    }
}
