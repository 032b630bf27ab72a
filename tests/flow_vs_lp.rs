//! The flow engine against an LP reference (good_lp with microlp), and its invariants.

use dormplan::flow::{FlowStatus, Network, Transport, TransportArc, TransportSolution};
use good_lp::{
    Constraint, Expression, ProblemVariables, Solution, SolverModel, Variable, constraint, microlp,
    variable,
};
use proptest::prelude::*;

/// A small owned transportation instance.
#[derive(Debug, Clone)]
struct Instance {
    people: Vec<i64>,
    unhoused_cost: Vec<i64>,
    capacity: Vec<i64>,
    arcs: Vec<TransportArc>,
}

impl Instance {
    fn transport(&self) -> Transport<'_> {
        Transport {
            people: &self.people,
            unhoused_cost: &self.unhoused_cost,
            capacity: &self.capacity,
            arcs: &self.arcs,
        }
    }
}

/// The allocation LP, with one variable per arc and per group's unhoused people; each
/// constraint family comes from its own function.
struct AllocationLp {
    vars: ProblemVariables,
    housed: Vec<Variable>,
    unhoused: Vec<Variable>,
}

impl AllocationLp {
    fn new(inst: &Instance) -> AllocationLp {
        let mut vars = ProblemVariables::new();
        let housed = inst
            .arcs
            .iter()
            .map(|_| vars.add(variable().min(0)))
            .collect();
        let unhoused = inst
            .people
            .iter()
            .map(|_| vars.add(variable().min(0)))
            .collect();
        AllocationLp {
            vars,
            housed,
            unhoused,
        }
    }

    fn objective(&self, inst: &Instance) -> Expression {
        let mut e = Expression::from(0);
        for (x, a) in self.housed.iter().zip(&inst.arcs) {
            e += *x * a.cost as f64;
        }
        for (u, &c) in self.unhoused.iter().zip(&inst.unhoused_cost) {
            e += *u * c as f64;
        }
        e
    }

    /// Everyone in a group is housed somewhere or unhoused.
    fn group_rows(&self, inst: &Instance) -> Vec<Constraint> {
        let mut rows: Vec<Expression> = self.unhoused.iter().map(|&u| u.into()).collect();
        for (x, a) in self.housed.iter().zip(&inst.arcs) {
            rows[a.group as usize] += *x;
        }
        rows.into_iter()
            .zip(&inst.people)
            .map(|(e, &p)| constraint!(e == p as f64))
            .collect()
    }

    /// No site holds more people than its beds.
    fn site_rows(&self, inst: &Instance) -> Vec<Constraint> {
        let mut rows: Vec<Expression> = inst.capacity.iter().map(|_| 0.into()).collect();
        for (x, a) in self.housed.iter().zip(&inst.arcs) {
            rows[a.site as usize] += *x;
        }
        rows.into_iter()
            .zip(&inst.capacity)
            .map(|(e, &c)| constraint!(e <= c as f64))
            .collect()
    }

    fn optimum(self, inst: &Instance) -> f64 {
        let objective = self.objective(inst);
        let groups = self.group_rows(inst);
        let sites = self.site_rows(inst);
        let value = objective.clone();
        let solution = self
            .vars
            .minimise(objective)
            .using(microlp)
            .with_all(groups)
            .with_all(sites)
            .solve()
            .expect("the allocation LP is always feasible");
        solution.eval(&value)
    }
}

/// Everything a solution must satisfy besides optimality, and LP duality for the prices.
// Several parallel arrays per group and site read most plainly by index.
#[allow(clippy::needless_range_loop)]
fn check_invariants(inst: &Instance, sol: &TransportSolution) {
    let (ng, ns) = (inst.people.len(), inst.capacity.len());
    let mut housed = vec![0i64; ng];
    let mut occupants = vec![0i64; ns];
    for (a, &x) in inst.arcs.iter().zip(&sol.flow) {
        assert!(x >= 0, "negative flow {x}");
        housed[a.group as usize] += x;
        occupants[a.site as usize] += x;
    }
    for g in 0..ng {
        assert!(sol.unhoused[g] >= 0);
        assert_eq!(
            housed[g] + sol.unhoused[g],
            inst.people[g],
            "group {g} not conserved"
        );
    }
    for s in 0..ns {
        assert!(occupants[s] <= inst.capacity[s], "site {s} over capacity");
        assert!(sol.site_price[s] >= 0);
    }
    let recomputed: i128 = inst
        .arcs
        .iter()
        .zip(&sol.flow)
        .map(|(a, &x)| a.cost as i128 * x as i128)
        .sum::<i128>()
        + (0..ng)
            .map(|g| inst.unhoused_cost[g] as i128 * sol.unhoused[g] as i128)
            .sum::<i128>();
    assert_eq!(recomputed, sol.objective);
    // Dual feasibility and strong duality certify optimality on their own.
    for g in 0..ng {
        assert!(sol.group_price[g] <= inst.unhoused_cost[g]);
    }
    for a in &inst.arcs {
        let slack = a.cost - sol.group_price[a.group as usize] + sol.site_price[a.site as usize];
        assert!(slack >= 0, "arc {a:?} has negative reduced cost {slack}");
    }
    let dual: i128 = (0..ng)
        .map(|g| inst.people[g] as i128 * sol.group_price[g] as i128)
        .sum::<i128>()
        - (0..ns)
            .map(|s| inst.capacity[s] as i128 * sol.site_price[s] as i128)
            .sum::<i128>();
    assert_eq!(dual, sol.objective, "dual objective differs from primal");
}

fn instance() -> impl Strategy<Value = Instance> {
    (1usize..7, 1usize..6).prop_flat_map(|(ng, ns)| {
        (
            // Zeros on purpose: empty groups and sites without beds.
            prop::collection::vec(prop_oneof![Just(0i64), 1i64..25], ng),
            prop::collection::vec(prop_oneof![Just(0i64), -20i64..120], ng),
            prop::collection::vec(prop_oneof![Just(0i64), 1i64..30], ns),
            // Few distinct costs, so ties are common; repeated pairs give parallel arcs; a few
            // costs and unhoused costs are negative, which the model allows.
            prop::collection::vec((0..ng as u32, 0..ns as u32, -2i64..8), 0..(ng * ns + 3)),
        )
            .prop_map(|(people, unhoused_cost, capacity, arcs)| Instance {
                people,
                unhoused_cost,
                capacity,
                arcs: arcs
                    .into_iter()
                    .map(|(group, site, c)| TransportArc {
                        group,
                        site,
                        cost: c * 5,
                    })
                    .collect(),
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn transport_matches_the_lp_optimum(inst in instance()) {
        let sol = inst.transport().solve().unwrap();
        check_invariants(&inst, &sol);
        let lp = AllocationLp::new(&inst).optimum(&inst);
        prop_assert!((lp - sol.objective as f64).abs() < 1e-6 * (1.0 + lp.abs()),
            "engine {} vs LP {}", sol.objective, lp);
    }

    #[test]
    fn prices_are_the_value_of_one_more_bed_and_one_less_person(inst in instance()) {
        let sol = inst.transport().solve().unwrap();
        for s in 0..inst.capacity.len() {
            let mut more = inst.clone();
            more.capacity[s] += 1;
            let gain = sol.objective - more.transport().solve().unwrap().objective;
            prop_assert_eq!(gain, sol.site_price[s] as i128, "site {}", s);
        }
        for g in (0..inst.people.len()).filter(|&g| inst.people[g] > 0) {
            let mut fewer = inst.clone();
            fewer.people[g] -= 1;
            let saving = sol.objective - fewer.transport().solve().unwrap().objective;
            prop_assert_eq!(saving, sol.group_price[g] as i128, "group {}", g);
        }
    }
}

/// A random general network: supplies, arcs with capacities and costs (negative ones too).
fn network() -> impl Strategy<Value = Network> {
    (2usize..8).prop_flat_map(|n| {
        (
            prop::collection::vec(-6i64..7, n),
            prop::collection::vec((0..n as u32, 0..n as u32, 0i64..9, -4i64..10), 0..(3 * n)),
        )
            .prop_map(|(mut supply, arcs)| {
                // Balance the supplies on the last node, so that most cases are feasible.
                let total: i64 = supply.iter().sum();
                if let Some(last) = supply.last_mut() {
                    *last -= total;
                }
                let mut net = Network::new(supply);
                for (u, v, cap, cost) in arcs {
                    if u != v {
                        net.add_arc(u, v, cap, cost);
                    }
                }
                net
            })
    })
}

/// The general min-cost-flow LP; `None` when it is infeasible.
fn network_lp(net: &Network) -> Option<f64> {
    let mut vars = ProblemVariables::new();
    let flow: Vec<Variable> = net
        .arcs
        .iter()
        .map(|a| vars.add(variable().min(0).max(a.capacity as f64)))
        .collect();
    let mut objective = Expression::from(0);
    let mut balance: Vec<Expression> = net.supply.iter().map(|_| 0.into()).collect();
    for (x, a) in flow.iter().zip(&net.arcs) {
        objective += *x * a.cost as f64;
        balance[a.from as usize] += *x;
        balance[a.to as usize] -= *x;
    }
    let rows: Vec<Constraint> = balance
        .into_iter()
        .zip(&net.supply)
        .map(|(e, &s)| constraint!(e == s as f64))
        .collect();
    let value = objective.clone();
    let solution = vars
        .minimise(objective)
        .using(microlp)
        .with_all(rows)
        .solve()
        .ok()?;
    Some(solution.eval(&value))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn network_matches_the_lp_and_potentials_certify_it(net in network()) {
        let sol = net.solve().unwrap();
        let lp = network_lp(&net);
        match (sol.status, lp) {
            (FlowStatus::Infeasible, None) => {}
            (FlowStatus::Optimal, Some(lp)) => {
                prop_assert!((lp - sol.cost as f64).abs() < 1e-6 * (1.0 + lp.abs()));
                check_network_solution(&net, &sol);
            }
            (status, lp) => prop_assert!(false, "engine says {status:?}, LP says {lp:?}"),
        }
    }
}

/// Feasibility, and reduced-cost optimality of the potentials.
fn check_network_solution(net: &Network, sol: &dormplan::flow::Solution) {
    let mut balance = vec![0i64; net.supply.len()];
    for (a, &f) in net.arcs.iter().zip(&sol.flow) {
        assert!((0..=a.capacity).contains(&f));
        balance[a.from as usize] += f;
        balance[a.to as usize] -= f;
        let rc = a.cost - sol.potential[a.from as usize] + sol.potential[a.to as usize];
        assert!(
            f == a.capacity || rc >= 0,
            "arc {a:?} could take more at reduced cost {rc}"
        );
        assert!(
            f == 0 || rc <= 0,
            "arc {a:?} carries flow at reduced cost {rc}"
        );
    }
    assert_eq!(balance, net.supply);
    let cost: i128 = net
        .arcs
        .iter()
        .zip(&sol.flow)
        .map(|(a, &f)| a.cost as i128 * f as i128)
        .sum();
    assert_eq!(cost, sol.cost);
}

/// The S benchmark instance (2,000 groups × 300 sites, about 62,000 arcs) against the LP.
#[test]
fn s_instance_matches_the_lp_optimum() {
    let s = dormplan::synth::generate(dormplan::synth::Size::S, 1);
    let inst = Instance {
        people: s.people.clone(),
        unhoused_cost: s.unhoused_cost.clone(),
        capacity: s.capacity.clone(),
        arcs: s.arcs.clone(),
    };
    let sol = inst.transport().solve().unwrap();
    check_invariants(&inst, &sol);
    let start = std::time::Instant::now();
    let lp = AllocationLp::new(&inst).optimum(&inst);
    eprintln!("microlp on S: {:.1} s", start.elapsed().as_secs_f64());
    assert!(
        (lp - sol.objective as f64).abs() < 1e-9 * lp.abs(),
        "engine {} vs LP {lp}",
        sol.objective
    );
}
