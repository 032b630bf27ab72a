//! The flow engine on small problems whose answers are known by hand.

use dormplan::flow::{FlowError, FlowStatus, Network, Transport, TransportArc, limits};

fn arc(group: u32, site: u32, cost: i64) -> TransportArc {
    TransportArc { group, site, cost }
}

#[test]
fn two_routes_share_a_bottleneck() {
    // Four units from 0 to 3. Routes: 0-2-3 costs 3 but 0→2 takes only 2; 0-1-2-3 costs 4 and
    // 1→2 takes 2; 0-1-3 costs 5. Best: 2 × 3 + 2 × 4 = 14.
    let mut net = Network::new(vec![4, 0, 0, -4]);
    net.add_arc(0, 1, 4, 2);
    net.add_arc(0, 2, 2, 2);
    net.add_arc(1, 2, 2, 1);
    net.add_arc(1, 3, 3, 3);
    net.add_arc(2, 3, 5, 1);
    let sol = net.solve().unwrap();
    assert_eq!(sol.status, FlowStatus::Optimal);
    assert_eq!(sol.cost, 14);
    assert_eq!(sol.flow, vec![2, 2, 2, 0, 4]);
}

#[test]
fn assignment_of_three_workers() {
    // Cost matrix [[4, 1, 3], [2, 0, 5], [3, 2, 2]]: the best assignment is 0→1, 1→0, 2→2 = 5.
    let costs = [[4, 1, 3], [2, 0, 5], [3, 2, 2]];
    let mut net = Network::new(vec![1, 1, 1, -1, -1, -1]);
    for (w, row) in costs.iter().enumerate() {
        for (j, &c) in row.iter().enumerate() {
            net.add_arc(w as u32, 3 + j as u32, 1, c);
        }
    }
    let sol = net.solve().unwrap();
    assert_eq!(sol.cost, 5);
    let chosen: Vec<usize> = (0..9).filter(|&i| sol.flow[i] == 1).collect();
    assert_eq!(chosen, vec![1, 3, 8]);
}

#[test]
fn negative_cycle_is_saturated() {
    // No supplies, but going round 0→1→0 earns 1 per unit, up to the 3 units 0→1 allows.
    let mut net = Network::new(vec![0, 0]);
    net.add_arc(0, 1, 3, -2);
    net.add_arc(1, 0, 5, 1);
    let sol = net.solve().unwrap();
    assert_eq!(sol.status, FlowStatus::Optimal);
    assert_eq!(sol.cost, -3);
    assert_eq!(sol.flow, vec![3, 3]);
}

#[test]
fn infeasible_networks_are_reported() {
    // Too little capacity on the way.
    let mut narrow = Network::new(vec![5, 0, -5]);
    narrow.add_arc(0, 1, 3, 1);
    narrow.add_arc(1, 2, 10, 1);
    // Supplies that do not balance.
    let mut unbalanced = Network::new(vec![2, -1]);
    unbalanced.add_arc(0, 1, 10, 1);
    // A demand nobody can reach.
    let cut_off = Network::new(vec![1, -1]);
    for net in [narrow, unbalanced, cut_off] {
        assert_eq!(net.solve().unwrap().status, FlowStatus::Infeasible);
    }
}

#[test]
fn out_of_range_input_is_an_error_not_a_wrapped_number() {
    let mut net = Network::new(vec![1, -1]);
    net.add_arc(0, 1, 1, i64::MAX / 2);
    assert!(matches!(net.solve(), Err(FlowError::CostTooLarge { .. })));

    let mut net = Network::new(vec![1, -1]);
    net.add_arc(0, 2, 1, 1);
    assert!(matches!(
        net.solve(),
        Err(FlowError::NodeOutOfRange { node: 2, .. })
    ));

    let mut net = Network::new(vec![1, -1]);
    net.add_arc(0, 1, -1, 1);
    assert!(matches!(
        net.solve(),
        Err(FlowError::AmountOutOfRange { .. })
    ));

    let t = Transport {
        people: &[i64::MAX],
        unhoused_cost: &[1],
        capacity: &[1],
        arcs: &[],
    };
    assert!(matches!(t.solve(), Err(FlowError::AmountOutOfRange { .. })));
    let t = Transport {
        people: &[1, 1],
        unhoused_cost: &[1],
        capacity: &[1],
        arcs: &[],
    };
    assert!(matches!(t.solve(), Err(FlowError::LengthMismatch { .. })));
}

#[test]
fn totals_beyond_the_limit_are_an_error_at_both_signs() {
    let max = limits::MAX_AMOUNT;
    fn total<T>(what: &'static str, total: i128) -> Result<T, FlowError> {
        Err(FlowError::TotalOutOfRange { what, total })
    }
    // Sixteen demands at the limit add up to -2^64, which an i64 sum would wrap to zero.
    let net = Network::new(vec![-max; 16]);
    assert_eq!(net.solve(), total("negative supplies", -16 * max as i128));
    let error = net.solve().unwrap_err().to_string();
    assert_eq!(
        error,
        "negative supplies add up to -18446744073709551616, more than 2^60 in magnitude"
    );
    // One past the limit either way is refused; the limit itself is accepted.
    let net = Network::new(vec![-max / 2, -max / 2 - 1, 1]);
    assert_eq!(net.solve(), total("negative supplies", -(max as i128) - 1));
    let net = Network::new(vec![max / 2 + 1, max / 2, -1]);
    assert_eq!(net.solve(), total("positive supplies", max as i128 + 1));
    let mut net = Network::new(vec![1, -1]);
    net.add_arc(0, 1, max, 1);
    assert_eq!(
        net.solve(),
        total("positive supplies and capacities", max as i128 + 1)
    );
    for supply in [vec![-max / 2, -max / 2, 1], vec![max, -max]] {
        let solution = Network::new(supply).solve().unwrap();
        assert_eq!(solution.status, FlowStatus::Infeasible);
    }
    let mut net = Network::new(vec![1, -max / 2, max / 2 - 1]);
    net.add_arc(0, 1, 1, 3);
    net.add_arc(2, 1, max / 2 - 1, 2);
    let solution = net.solve().unwrap();
    assert_eq!(solution.status, FlowStatus::Optimal);
    assert_eq!(solution.cost, 3 + 2 * (max as i128 / 2 - 1));

    // A transportation problem's sink demands all the people.
    let arcs = [arc(0, 0, 0)];
    let t = |people: &[i64]| {
        Transport {
            people,
            unhoused_cost: &[1, 1],
            capacity: &[1],
            arcs: &arcs,
        }
        .solve()
    };
    assert_eq!(t(&[max, 1]), total("people", max as i128 + 1));
    let solution = t(&[max - 1, 1]).unwrap();
    assert_eq!(solution.unhoused, vec![max - 2, 1]);
    assert_eq!(solution.objective, max as i128 - 1);
}

#[test]
fn scarce_bed_goes_to_the_nearer_group_and_has_a_price() {
    // One bed; groups at 10 and 40 m, both with unhoused cost 100.
    let t = Transport {
        people: &[1, 1],
        unhoused_cost: &[100, 100],
        capacity: &[1],
        arcs: &[arc(0, 0, 40), arc(1, 0, 10)],
    };
    let sol = t.solve().unwrap();
    assert_eq!(sol.flow, vec![0, 1]);
    assert_eq!(sol.unhoused, vec![1, 0]);
    assert_eq!(sol.objective, 110);
    // A second bed would house group 0 for 40 instead of 100.
    assert_eq!(sol.site_price, vec![60]);
}

#[test]
fn degenerate_parts_are_handled() {
    // Group 0: no arcs. Group 1: only a site without beds. Group 2: no people. Site 2: spare.
    let t = Transport {
        people: &[3, 4, 0, 2],
        unhoused_cost: &[50, 70, 90, 80],
        capacity: &[5, 0, 9],
        arcs: &[arc(1, 1, 30), arc(2, 0, 5), arc(3, 2, 20)],
    };
    let sol = t.solve().unwrap();
    assert_eq!(sol.unhoused, vec![3, 4, 0, 0]);
    assert_eq!(sol.flow, vec![0, 0, 2]);
    assert_eq!(sol.objective, 3 * 50 + 4 * 70 + 2 * 20);
    // A bed at the empty site would save group 1 70 − 30; the others have spare beds.
    assert_eq!(sol.site_price, vec![0, 40, 0]);
    assert_eq!(sol.group_price, vec![50, 70, 5, 20]);
    assert_eq!(sol.parts, 1);
}

#[test]
fn unconnected_clusters_are_separate_parts() {
    let t = Transport {
        people: &[5, 5, 5],
        unhoused_cost: &[100, 100, 100],
        capacity: &[4, 4],
        arcs: &[arc(0, 0, 1), arc(1, 1, 2), arc(2, 1, 3)],
    };
    let sol = t.solve().unwrap();
    assert_eq!(sol.parts, 2);
    assert_eq!(sol.unhoused, vec![1, 1, 5]);
    assert_eq!(sol.objective, 4 + 100 + 8 + 100 + 500);
}

#[test]
fn result_does_not_depend_on_the_thread_count() {
    // Six generated towns side by side, of different sizes, so that parts really run at once.
    let (mut people, mut unhoused_cost, mut capacity, mut arcs) = (vec![], vec![], vec![], vec![]);
    for town in 0..6u32 {
        let inst = dormplan::synth::generate_with(300 + 150 * town as usize, 60, u64::from(town));
        let (g0, s0) = (people.len() as u32, capacity.len() as u32);
        people.extend(&inst.people);
        unhoused_cost.extend(&inst.unhoused_cost);
        capacity.extend(&inst.capacity);
        arcs.extend(
            inst.arcs
                .iter()
                .map(|a| arc(g0 + a.group, s0 + a.site, a.cost)),
        );
    }
    let t = Transport {
        people: &people,
        unhoused_cost: &unhoused_cost,
        capacity: &capacity,
        arcs: &arcs,
    };
    let solve_with = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| t.solve().unwrap())
    };
    let one = solve_with(1);
    assert_eq!(one.parts, 6);
    assert_eq!(one, solve_with(2));
    assert_eq!(one, solve_with(4));
}
