//! Spare dormitory beds shared (`[allocation] share_spare_beds`): other employers' workers take
//! the beds a dormitory's own workers leave empty, never one its own workers could have had;
//! each stage exact and checked.

mod common;

use common::{Fixture, dormplan, show, text};
use dormplan::alloc::spare::on_spare_bed;
use dormplan::alloc::{self, Allocation, Instance, Reason};
use dormplan::io::load_scenario;
use dormplan::model::Loaded;
use proptest::prelude::*;

const TOWNS: &str = "code,name_zh,name_en,lon,lat\n330282001,甲镇,Jiazhen,121.20,30.20\n";
const SITE_HEADER: &str = "id,name,town,kind,status,gross_m2,residential_m2,employer,lon,lat\n";
const DEMAND_HEADER: &str =
    "id,town,people,lon,lat,employer,priority,keep_together,max_commute_km\n";

fn fixture(sites: &str, demand: &str, share: &str) -> Fixture {
    let share = if share.is_empty() {
        String::new()
    } else {
        format!("share_spare_beds = {share}\n")
    };
    Fixture::new()
        .set("towns.csv", TOWNS)
        .set(
            "scenario.toml",
            format!(
                "name = \"Spare beds\"\n\n[data]\ntowns = \"towns.csv\"\nsites = \"sites.csv\"\n\
                 demand = \"demand.csv\"\n\n[standard]\nplan_m2_per_person = 8.0\n\n\
                 [allocation]\ncutoff_km = 10.0\n{share}"
            ),
        )
        .set("sites.csv", format!("{SITE_HEADER}{sites}"))
        .set("demand.csv", format!("{DEMAND_HEADER}{demand}"))
}

fn solve(f: &Fixture) -> (Loaded, Instance, Allocation) {
    let loaded = load_scenario(&f.write()).expect("a valid scenario");
    let (inst, alloc) = alloc::allocate_supply(&loaded).expect("an allocation, checked");
    (loaded, inst, alloc)
}

/// People of group `id` at site `site`.
fn at(loaded: &Loaded, inst: &Instance, alloc: &Allocation, id: &str, site: &str) -> i64 {
    let data = &loaded.scenario.dataset;
    alloc
        .placements
        .iter()
        .filter(|p| data.demand[inst.groups[p.group as usize]].id == id)
        .filter(|p| data.sites[inst.sites[p.site as usize]].id == site)
        .map(|p| p.people)
        .sum()
}

// 380 people whose only apartment in range (60 beds) is full, and Acme's dormitory 210 m away
// with 360 beds of which Acme's 40 workers take 40: 320 empty.
const SITES_380: &str = "\
MA1,Apartment,330282001,migrant_apartment,existing,600,480,,121.230,30.200
ED1,Acme dorm,330282001,enterprise_dormitory,existing,3600,2880,Acme,121.2022,30.200
";
const DEMAND_380: &str = "\
G380,330282001,380,121.200,30.200,,0,false,
ACME,330282001,40,121.2023,30.200,Acme,0,false,
";

#[test]
fn sharing_houses_the_380_beside_the_dormitory_and_its_own_workers_keep_their_beds() {
    let (loaded, inst, kept) = solve(&fixture(SITES_380, DEMAND_380, ""));
    assert_eq!(kept.unhoused[0], 320);
    assert_eq!(kept.reasons[0], Some(Reason::RangeFull));
    assert!(kept.spare.is_none());

    for share in ["true", "[\"Acme\"]"] {
        let (loaded2, inst2, shared) = solve(&fixture(SITES_380, DEMAND_380, share));
        assert_eq!(shared.unhoused, vec![0, 0], "{share}");
        assert_eq!(at(&loaded2, &inst2, &shared, "G380", "ED1"), 320);
        assert_eq!(at(&loaded2, &inst2, &shared, "G380", "MA1"), 60);
        assert_eq!(at(&loaded2, &inst2, &shared, "ACME", "ED1"), 40);
        let spare = shared.spare.as_ref().expect("a spare-bed stage");
        assert_eq!(spare.first_objective, kept.objective);
        assert!(shared.objective < kept.objective);
    }
    // Sharing another employer's beds changes nothing here.
    let other = fixture(SITES_380, DEMAND_380, "[\"Acme\"]").append(
        "sites.csv",
        "ED2,Other dorm,330282001,enterprise_dormitory,existing,800,640,Other,121.5,30.5\n",
    );
    let (_, _, alloc) = solve(&other.edit("scenario.toml", "[\"Acme\"]", "[\"Other\"]"));
    assert_eq!(alloc.unhoused[0], 320);
    let _ = (loaded, inst);
}

#[test]
fn own_workers_come_first_even_with_lower_priority() {
    // Acme's dormitory: 50 beds. Acme's 50 workers (priority 0) and 30 outsiders with
    // priority 5 beside it. Own workers keep every bed; the outsiders stay out.
    let sites =
        "ED1,Acme dorm,330282001,enterprise_dormitory,existing,500,400,Acme,121.201,30.200\n";
    let demand = "ACME,330282001,50,121.200,30.200,Acme,0,false,\n\
                  HIGH,330282001,30,121.202,30.200,,5,false,\n";
    let (loaded, inst, alloc) = solve(&fixture(sites, demand, "true"));
    assert_eq!(at(&loaded, &inst, &alloc, "ACME", "ED1"), 50);
    assert_eq!(alloc.unhoused, vec![0, 30]);
    assert_eq!(alloc.reasons[1], Some(Reason::RangeFull));
    // With 70 beds the 20 spare go to the outsiders.
    let (loaded, inst, alloc) = solve(&fixture(
        &sites.replace("500,400", "700,560"),
        demand,
        "true",
    ));
    assert_eq!(at(&loaded, &inst, &alloc, "ACME", "ED1"), 50);
    assert_eq!(at(&loaded, &inst, &alloc, "HIGH", "ED1"), 20);
    assert_eq!(alloc.unhoused, vec![0, 10]);
}

#[test]
fn spare_beds_go_by_priority_and_keep_groups_whole() {
    // 20 spare beds at Acme's dormitory. Outsiders: LOW (priority 0, 15 people) nearest,
    // MID (priority 2, 12 people) a little farther, WHOLE (priority 9, 25 people, must stay
    // together: cannot fit).
    let sites =
        "ED1,Acme dorm,330282001,enterprise_dormitory,existing,700,560,Acme,121.201,30.200\n";
    let demand = "ACME,330282001,50,121.200,30.200,Acme,0,false,\n\
                  LOW,330282001,15,121.201,30.201,,0,false,\n\
                  MID,330282001,12,121.210,30.200,,2,false,\n\
                  WHOLE,330282001,25,121.202,30.200,,9,true,\n";
    let (loaded, inst, alloc) = solve(&fixture(sites, demand, "true"));
    assert_eq!(at(&loaded, &inst, &alloc, "ACME", "ED1"), 50);
    assert_eq!(at(&loaded, &inst, &alloc, "MID", "ED1"), 12);
    assert_eq!(at(&loaded, &inst, &alloc, "LOW", "ED1"), 8);
    assert_eq!(alloc.unhoused, vec![0, 7, 0, 25]);
    // The dormitory is full once the others are in (WHOLE never fitted in the 20 spare).
    assert_eq!(alloc.reasons[3], Some(Reason::RangeFull));
}

#[test]
fn an_unknown_employer_is_refused_with_the_employers_that_have_dormitories() {
    let f = fixture(SITES_380, DEMAND_380, "[\"Acne\"]");
    let dir = f.write();
    let out = dormplan(
        &["allocate", "scenario.toml"],
        dir.parent().expect("a folder"),
    );
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    let err = text(&out.stderr);
    assert!(err.contains("share_spare_beds"), "{err}");
    assert!(err.contains("\"Acne\"") && err.contains("Acme"), "{err}");
}

#[test]
fn the_checker_refuses_an_outsider_on_a_bed_an_own_worker_needed() {
    // Acme's 60 workers and 20 outsiders beside Acme's 50-bed dormitory: the solver houses
    // 50 of Acme's. Move 10 of them out and put 10 outsiders in their beds: stage 1 is then
    // not optimal, and the checker must say so.
    let sites =
        "ED1,Acme dorm,330282001,enterprise_dormitory,existing,500,400,Acme,121.201,30.200\n";
    let demand = "ACME,330282001,60,121.200,30.200,Acme,0,false,\n\
                  OUT,330282001,20,121.202,30.200,,0,false,\n";
    let (loaded, inst, mut alloc) = solve(&fixture(sites, demand, "true"));
    assert_eq!(alloc.unhoused, vec![10, 20]);
    let ed1 = 0;
    let own = alloc
        .placements
        .iter()
        .position(|p| p.group == 0)
        .expect("Acme's workers placed");
    alloc.placements[own].people -= 10;
    let metres = dormplan::alloc::arcs::distance_m(
        loaded.scenario.dataset.demand[1].location,
        loaded.scenario.dataset.sites[0].location,
    );
    alloc.placements.push(dormplan::alloc::Placement {
        group: 1,
        site: ed1,
        people: 10,
        cost: i64::from(metres),
        metres,
    });
    alloc.unhoused = vec![20, 10];
    let uc = &inst.unhoused_cost;
    alloc.objective += i128::from(uc[0]) * 10 - i128::from(uc[1]) * 10 + i128::from(metres) * 10
        - i128::from(alloc.placements[own].cost) * 10;
    alloc.bound = alloc.objective;
    let spare = alloc.spare.get_or_insert_with(|| {
        Box::new(dormplan::alloc::Spare {
            first_objective: 0,
            first_bound: 0,
            first_reasons: vec![None, Some(Reason::RangeFull)],
            objective: 0,
            bound: 0,
            duals: Default::default(),
        })
    });
    spare.first_reasons = vec![Some(Reason::RangeFull), Some(Reason::EmployerOnly)];
    let settings = &loaded.scenario.settings;
    let err = alloc::check_allocation(&loaded.scenario, None, &inst, &alloc, &|s| {
        dormplan::capacity::in_supply(s, settings)
    })
    .expect_err("the checker refuses it");
    assert!(err.to_string().contains("stage 1"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// On random cities with Acme's dormitories among apartments: sharing never moves a person
    /// the normal allocation housed (each group's people at each site it had stay there),
    /// houses at least as many, houses outsiders only in Acme's dormitories, and every answer
    /// passes the checker (inside `allocate_supply`).
    #[test]
    fn sharing_keeps_every_placement_of_the_normal_allocation(
        sites in prop::collection::vec((0u32..120, 0u32..120, 8u32..400, any::<bool>()), 1..8),
        groups in prop::collection::vec(
            (0u32..120, 0u32..120, 1u32..60, 0u32..3, any::<bool>(), prop::bool::weighted(0.2)),
            1..12,
        ),
    ) {
        let (s, d) = common::random_city(&sites, &groups);
        let (loaded, inst, a) = solve(&fixture(&s, &d, ""));
        let (loaded2, inst2, b) = solve(&fixture(&s, &d, "true"));
        let data = &loaded.scenario.dataset;
        for p in &a.placements {
            let g = &data.demand[inst.groups[p.group as usize]].id;
            let site = &data.sites[inst.sites[p.site as usize]].id;
            prop_assert_eq!(at(&loaded2, &inst2, &b, g, site), p.people, "{} at {}", g, site);
        }
        let out = |x: &Allocation| x.unhoused.iter().sum::<i64>();
        prop_assert!(out(&b) <= out(&a));
        let data2 = &loaded2.scenario.dataset;
        for p in &b.placements {
            let group = &data2.demand[inst2.groups[p.group as usize]];
            let site = &data2.sites[inst2.sites[p.site as usize]];
            if on_spare_bed(site, group.employer.as_deref()) {
                prop_assert!(b.spare.is_some());
                prop_assert_eq!(site.employer.as_deref(), Some("Acme"));
            }
        }
    }
}
