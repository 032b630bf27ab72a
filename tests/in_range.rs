//! Exact over every pair in range: `nearest_k` is where the solver starts, never what it may
//! use; the objective equals the LP over every allowed pair within the cutoff, whatever `k`.

mod common;

use common::Fixture;
use dormplan::alloc::arcs::distance_m;
use dormplan::alloc::evidence::{WhyNot, evidence};
use dormplan::alloc::{self, Allocation, Instance, Reason};
use dormplan::io::load_scenario;
use dormplan::model::{Loaded, SiteKind};
use good_lp::{Expression, ProblemVariables, Solution, SolverModel, constraint, microlp, variable};
use proptest::prelude::*;

const TOWNS: &str = "code,name_zh,name_en,lon,lat\n330282001,甲镇,Jiazhen,121.20,30.20\n";
const SITE_HEADER: &str = "id,name,town,kind,status,gross_m2,residential_m2,employer,lon,lat\n";
const DEMAND_HEADER: &str =
    "id,town,people,lon,lat,employer,priority,keep_together,max_commute_km\n";

fn scenario(k: Option<usize>) -> String {
    let k = k.map_or(String::new(), |k| format!("nearest_k = {k}\n"));
    format!(
        "name = \"In range\"\n\n[data]\ntowns = \"towns.csv\"\nsites = \"sites.csv\"\n\
         demand = \"demand.csv\"\n\n[standard]\nplan_m2_per_person = 8.0\n\n\
         [allocation]\ncutoff_km = 10.0\n{k}"
    )
}

fn fixture(sites: &str, demand: &str, k: Option<usize>) -> Fixture {
    Fixture::new()
        .set("towns.csv", TOWNS)
        .set("scenario.toml", scenario(k))
        .set("sites.csv", format!("{SITE_HEADER}{sites}"))
        .set("demand.csv", format!("{DEMAND_HEADER}{demand}"))
}

fn solve(f: &Fixture) -> (Loaded, Instance, Allocation) {
    let loaded = load_scenario(&f.write()).expect("a valid scenario");
    let (inst, alloc) = alloc::allocate_supply(&loaded).expect("an allocation, checked");
    (loaded, inst, alloc)
}

#[test]
fn a_site_in_range_beyond_the_nearest_k_houses_the_group() {
    // 100 people; two apartments of 10 beds within 1 km, and one of 100 beds 6 km east,
    // inside the 10 km cutoff. Starting from the 2 nearest, the third is priced in.
    let sites = "S1,One,330282001,migrant_apartment,existing,100,80,,121.203,30.200\n\
                 S2,Two,330282001,migrant_apartment,existing,100,80,,121.209,30.200\n\
                 S3,Far,330282001,migrant_apartment,existing,1000,800,,121.2625,30.200\n";
    let demand = "G,330282001,100,121.200,30.200,,0,false,\n";
    let (loaded, inst, two) = solve(&fixture(sites, demand, Some(2)));
    let s3 = inst
        .sites
        .iter()
        .position(|&i| loaded.scenario.dataset.sites[i].id == "S3")
        .expect("S3");
    let far = two
        .placements
        .iter()
        .find(|p| p.site as usize == s3)
        .expect("people at S3");
    assert!((5_900..6_100).contains(&far.metres), "{}", far.metres);
    assert_eq!(far.people, 80);
    assert_eq!(two.unhoused, vec![0]);
    let (_, _, thirty) = solve(&fixture(sites, demand, None));
    assert_eq!(two.objective, thirty.objective);
}

#[test]
fn a_group_with_more_pairs_to_take_than_one_round_enters_is_priced_again() {
    // 1,000 people and twenty apartments of 10 beds in a row east of them, every one within
    // the cutoff. From the nearest alone, the group stays unhoused at the same price round
    // after round and no site's price falls, so only pricing the group again in full (its
    // last round took only the best few of its pairs) brings in the rest.
    let sites: String = (0..20)
        .map(|i| {
            let lon = 121.2005 + 0.003 * f64::from(i);
            format!(
                "S{i},Apartment {i},330282001,migrant_apartment,existing,100,80,,{lon:.4},30.200\n"
            )
        })
        .collect();
    let demand = "G,330282001,1000,121.200,30.200,,0,false,\n";
    let (_, inst, one) = solve(&fixture(&sites, demand, Some(1)));
    assert_eq!(inst.sites.len(), 20);
    assert_eq!(inst.capacity.iter().sum::<i64>(), 200);
    assert_eq!(one.unhoused, vec![800], "every apartment full");
    assert_eq!(inst.arcs.len(), 20, "every pair entered");
    let (_, _, all) = solve(&fixture(&sites, demand, None));
    assert_eq!(one.objective, all.objective);
}

#[test]
fn a_group_left_out_beside_another_employers_dormitory_is_told_which_and_how_far() {
    // 380 people whose only apartment in range (60 beds) is full, and Acme's dormitory 210 m
    // away with 320 beds of which Acme's 40 workers take 40.
    let sites = "MA1,Apartment,330282001,migrant_apartment,existing,600,480,,121.230,30.200\n\
                 ED1,Acme dorm,330282001,enterprise_dormitory,existing,3200,2560,Acme,121.2022,30.200\n";
    let demand = "G380,330282001,380,121.200,30.200,,0,false,\n\
                  ACME,330282001,40,121.2023,30.200,Acme,0,false,\n";
    let (loaded, inst, alloc) = solve(&fixture(sites, demand, None));
    let g = 0;
    assert_eq!(alloc.unhoused[g], 380 - 60);
    assert_eq!(alloc.reasons[g], Some(Reason::RangeFull));
    let ev = evidence(&loaded.scenario, None, &inst, &alloc)[g].expect("evidence");
    assert_eq!(ev.usable_sites, 1);
    let near = ev.nearest_free.expect("a free bed");
    assert_eq!(loaded.scenario.dataset.sites[near.site].id, "ED1");
    assert_eq!((near.free, near.why), (280, WhyNot::OtherEmployer));
    assert!((200..=220).contains(&near.metres), "{}", near.metres);
}

/// The allocation LP over every allowed pair within the limits, found by brute force over
/// every group and site: its optimum, from microlp.
fn lp_over_every_pair(loaded: &Loaded, inst: &Instance) -> f64 {
    let data = &loaded.scenario.dataset;
    let cutoff = 10_000u32;
    let mut vars = ProblemVariables::new();
    let mut objective = Expression::from(0.0);
    let mut at_site: Vec<Expression> = vec![Expression::from(0.0); inst.sites.len()];
    let mut of_group: Vec<Expression> = vec![Expression::from(0.0); inst.groups.len()];
    for (g, &gi) in inst.groups.iter().enumerate() {
        let group = &data.demand[gi];
        let out = vars.add(variable().min(0.0));
        objective += inst.unhoused_cost[g] as f64 * out;
        of_group[g] += out;
        for (s, &si) in inst.sites.iter().enumerate() {
            let site = &data.sites[si];
            let metres = distance_m(group.location, site.location);
            let allowed = site.kind != SiteKind::EnterpriseDormitory
                || site.employer.is_none()
                || site.employer == group.employer;
            if metres <= cutoff && allowed {
                let x = vars.add(variable().min(0.0));
                objective += f64::from(metres) * x;
                of_group[g] += x;
                at_site[s] += x;
            }
        }
    }
    let mut model = vars.minimise(objective.clone()).using(microlp);
    for (g, e) in of_group.into_iter().enumerate() {
        model = model.with(constraint!(e == inst.people[g] as f64));
    }
    for (s, e) in at_site.into_iter().enumerate() {
        model = model.with(constraint!(e <= inst.capacity[s] as f64));
    }
    let sol = model.solve().expect("the LP solves");
    sol.eval(&objective)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Random cities on a 24 km square (so some pairs are beyond the 10 km cutoff), with an
    /// employer's dormitories: the objective is the same starting from 1, 3, 30 or every
    /// site, and equals the LP over every allowed pair in range.
    #[test]
    fn the_objective_does_not_depend_on_nearest_k(
        sites in prop::collection::vec((0u32..240, 0u32..240, 8u32..400, any::<bool>()), 1..9),
        groups in prop::collection::vec(
            (0u32..240, 0u32..240, 1u32..60, 0u32..3, any::<bool>()),
            1..12,
        ),
    ) {
        let groups: Vec<_> = groups
            .iter()
            .map(|&(x, y, people, points, acme)| (x, y, people, points, acme, false))
            .collect();
        let (s, d) = common::random_city(&sites, &groups);
        let mut objectives = Vec::new();
        for k in [Some(1), Some(3), Some(30), Some(100_000)] {
            let (loaded, inst, alloc) = solve(&fixture(&s, &d, k));
            prop_assert!(alloc.is_proven());
            if k == Some(1) {
                let lp = lp_over_every_pair(&loaded, &inst);
                prop_assert!(
                    (lp - alloc.objective as f64).abs() <= 1e-6 * lp.abs().max(1.0),
                    "LP {lp}, allocation {}",
                    alloc.objective
                );
            }
            objectives.push(alloc.objective);
        }
        prop_assert!(objectives.windows(2).all(|w| w[0] == w[1]), "{objectives:?}");
    }
}
