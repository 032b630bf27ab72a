//! Allocation end to end: priority, reasons, keep-together, employer dormitories, the checker
//! catching a wrong answer, and the `allocate` command's files.

mod common;

use common::{Fixture, dormplan};
use dormplan::alloc::evidence::{WhyNot, agrees, evidence};
use dormplan::alloc::{self, Allocation, Instance, Reason};
use dormplan::io::load_scenario;
use dormplan::model::Loaded;
use dormplan::{Error, capacity};
use proptest::prelude::*;

const TOWNS: &str = "code,name_zh,name_en,lon,lat\n330282001,甲镇,Jiazhen,121.20,30.20\n";

/// A scenario at 8 m² per person on declared residential areas (so beds = m² / 8).
const SCENARIO: &str = "\
name = \"Allocation test\"

[data]
towns = \"towns.csv\"
sites = \"sites.csv\"
demand = \"demand.csv\"

[standard]
plan_m2_per_person = 8.0

[allocation]
cutoff_km = 10.0
";

const SITE_HEADER: &str = "id,name,town,kind,status,gross_m2,residential_m2,employer,lon,lat\n";
const DEMAND_HEADER: &str =
    "id,town,people,lon,lat,employer,priority,keep_together,max_commute_km\n";

fn fixture(sites: &str, demand: &str) -> Fixture {
    Fixture::new()
        .set("towns.csv", TOWNS)
        .set("scenario.toml", SCENARIO)
        .set("sites.csv", format!("{SITE_HEADER}{sites}"))
        .set("demand.csv", format!("{DEMAND_HEADER}{demand}"))
}

fn solve(f: &Fixture) -> (Loaded, Instance, Allocation) {
    let loaded = load_scenario(&f.write()).expect("a valid scenario");
    let (inst, alloc) = alloc::allocate_supply(&loaded).expect("an allocation");
    (loaded, inst, alloc)
}

/// People of group `id` housed, and the reason for the rest.
fn outcome(
    loaded: &Loaded,
    inst: &Instance,
    alloc: &Allocation,
    id: &str,
) -> (i64, Option<Reason>) {
    let g = inst
        .groups
        .iter()
        .position(|&d| loaded.scenario.dataset.demand[d].id == id)
        .expect("the group");
    (inst.people[g] - alloc.unhoused[g], alloc.reasons[g])
}

#[test]
fn priority_decides_who_is_housed_when_beds_are_scarce() {
    // One site of 10 beds. The near group has no points; the far one (5 km) has 60.
    let f = fixture(
        "S1,Only site,330282001,migrant_apartment,existing,100,80,,121.200,30.200\n",
        "NEAR,330282001,10,121.201,30.200,,0,false,\n\
         FAR,330282001,10,121.252,30.200,,60,false,\n",
    );
    let (loaded, inst, alloc) = solve(&f);
    assert_eq!(outcome(&loaded, &inst, &alloc, "FAR"), (10, None));
    assert_eq!(
        outcome(&loaded, &inst, &alloc, "NEAR"),
        (0, Some(Reason::RangeFull))
    );

    // With equal points, the shorter commute wins instead.
    let f = f.edit("demand.csv", ",60,false", ",0,false");
    let (loaded, inst, alloc) = solve(&f);
    assert_eq!(outcome(&loaded, &inst, &alloc, "NEAR"), (10, None));
    assert_eq!(outcome(&loaded, &inst, &alloc, "FAR").0, 0);
}

#[test]
fn every_unhoused_person_has_the_right_reason() {
    let f = fixture(
        "S1,Open site,330282001,migrant_apartment,existing,100,80,,121.200,30.200\n\
         D1,Acme dorm,330282001,enterprise_dormitory,existing,1000,800,Acme,121.400,30.200\n",
        // FULL competes for S1 and loses on distance; FAR is 30 km from S1 (and beyond the
        // cutoff); OTHER sits beside Acme's dormitory but works elsewhere; ACME lives there;
        // LIMITED is 3 km from S1 with a 2 km limit.
        "NEAR,330282001,10,121.200,30.200,,0,false,\n\
         FULL,330282001,5,121.210,30.200,,0,false,\n\
         FAR,330282001,4,121.700,30.200,,0,false,\n\
         OTHER,330282001,3,121.401,30.200,Bolt,0,false,\n\
         ACME,330282001,50,121.401,30.200,Acme,0,false,\n\
         LIMITED,330282001,2,121.231,30.200,,0,false,2\n",
    );
    let (loaded, inst, alloc) = solve(&f);
    let o = |id| outcome(&loaded, &inst, &alloc, id);
    assert_eq!(o("NEAR"), (10, None));
    assert_eq!(o("FULL"), (0, Some(Reason::RangeFull)));
    assert_eq!(o("FAR"), (0, Some(Reason::NoSiteInRange)));
    assert_eq!(o("OTHER"), (0, Some(Reason::EmployerOnly)));
    assert_eq!(o("ACME"), (50, None));
    assert_eq!(o("LIMITED"), (0, Some(Reason::NoSiteInRange)));
}

#[test]
fn a_keep_together_group_is_housed_whole_or_not_at_all() {
    // Two sites of 8 and 10 beds. CREW (12, together) fits in neither, and 4 beds stay
    // free; PAIR (5, together) fits in either; LOOSE (9) may split.
    let f = fixture(
        "S1,Eight,330282001,migrant_apartment,existing,100,64,,121.200,30.200\n\
         S2,Ten,330282001,migrant_apartment,existing,100,80,,121.205,30.200\n",
        "CREW,330282001,12,121.200,30.200,,0,true,\n\
         PAIR,330282001,5,121.201,30.200,,0,true,\n\
         LOOSE,330282001,9,121.202,30.200,,0,false,\n",
    );
    let (loaded, inst, alloc) = solve(&f);
    let o = |id| outcome(&loaded, &inst, &alloc, id);
    assert_eq!(o("CREW"), (0, Some(Reason::NoRoomForWholeGroup)));
    assert_eq!(o("PAIR").0, 5);
    assert_eq!(o("LOOSE").0, 9);
    let pair = inst.groups.iter().position(|&d| d == 1).unwrap();
    let sites_of_pair = alloc
        .placements
        .iter()
        .filter(|p| p.group as usize == pair)
        .count();
    assert_eq!(sites_of_pair, 1, "PAIR lives in one site");
}

/// The allocation of a small valid scenario, for tampering with.
fn tamper_base() -> (Loaded, Instance, Allocation) {
    let f = fixture(
        "S1,One,330282001,migrant_apartment,existing,100,80,,121.200,30.200\n\
         S2,Two,330282001,migrant_apartment,existing,100,80,,121.210,30.200\n",
        "A,330282001,12,121.200,30.200,,0,false,\n\
         B,330282001,10,121.210,30.200,,5,true,\n",
    );
    solve(&f)
}

fn rejects(loaded: &Loaded, inst: &Instance, alloc: &Allocation, what: &str) {
    let settings = &loaded.scenario.settings;
    let usable = |s: &dormplan::model::Site| capacity::in_supply(s, settings);
    match alloc::check_allocation(&loaded.scenario, None, inst, alloc, &usable) {
        Err(Error::Checker(msg)) => assert!(!msg.is_empty()),
        other => panic!("the checker accepted {what}: {other:?}"),
    }
}

#[test]
fn the_checker_catches_wrong_answers() {
    let (loaded, inst, good) = tamper_base();
    let settings = &loaded.scenario.settings;
    let usable = |s: &dormplan::model::Site| capacity::in_supply(s, settings);
    alloc::check_allocation(&loaded.scenario, None, &inst, &good, &usable)
        .expect("the real answer passes");

    // One more person in a full site.
    let mut bad = good.clone();
    bad.placements[0].people += 1;
    bad.occupants[bad.placements[0].site as usize] += 1;
    bad.unhoused[bad.placements[0].group as usize] -= 1;
    bad.objective += i128::from(bad.placements[0].cost) - i128::from(inst.unhoused_cost[0]);
    rejects(&loaded, &inst, &bad, "an over-full site");

    // A distance that is not the real one.
    let mut bad = good.clone();
    bad.placements[0].metres += 500;
    rejects(&loaded, &inst, &bad, "a wrong distance");

    // A person lost.
    let mut bad = good.clone();
    bad.unhoused[0] += 1;
    rejects(&loaded, &inst, &bad, "a lost person");

    // The objective misreported.
    let mut bad = good.clone();
    bad.objective -= 1;
    rejects(&loaded, &inst, &bad, "a wrong objective");

    // A reason that does not hold: group A is short of beds, not out of range.
    let mut bad = good.clone();
    let a = bad
        .reasons
        .iter()
        .position(Option::is_some)
        .expect("someone unhoused");
    bad.reasons[a] = Some(Reason::NoSiteInRange);
    rejects(&loaded, &inst, &bad, "a false reason");

    // The keep-together group split across the two sites.
    let mut bad = good.clone();
    let b = 1;
    let at: Vec<usize> = (0..bad.placements.len())
        .filter(|&i| bad.placements[i].group as usize == b)
        .collect();
    assert_eq!(at.len(), 1, "B lives in one site");
    let mut moved = bad.placements[at[0]];
    bad.placements[at[0]].people -= 1;
    bad.occupants[moved.site as usize] -= 1;
    let other = inst
        .arcs_of(b)
        .iter()
        .find(|a| a.site != moved.site)
        .unwrap();
    moved.site = other.site;
    moved.people = 1;
    moved.metres = other.metres;
    moved.cost = other.cost;
    bad.occupants[moved.site as usize] += 1;
    bad.placements.push(moved);
    rejects(&loaded, &inst, &bad, "a split keep-together group");
}

#[test]
fn the_checker_catches_a_site_missing_from_a_groups_choices() {
    // Thirty people, two sites of ten beds 1 km apart: twenty housed, ten left out because
    // both sites are full.
    let f = fixture(
        "S1,One,330282001,migrant_apartment,existing,100,80,,121.200,30.200\n\
         S2,Two,330282001,migrant_apartment,existing,100,80,,121.210,30.200\n",
        "A,330282001,30,121.200,30.200,,0,false,\n",
    );
    let (loaded, inst, good) = solve(&f);
    assert_eq!(good.reasons[0], Some(Reason::RangeFull));
    let settings = &loaded.scenario.settings;
    let usable = |s: &dormplan::model::Site| capacity::in_supply(s, settings);
    alloc::check_allocation(&loaded.scenario, None, &inst, &good, &usable)
        .expect("the real answer passes");

    // An arc builder that forgot S2 would leave twenty out, and "every site in range is full"
    // would still hold on its own arcs; every other check is kept consistent.
    let s2 = inst
        .arcs_of(0)
        .iter()
        .max_by_key(|a| a.metres)
        .unwrap()
        .site;
    let mut lost = inst.clone();
    lost.arcs.retain(|a| a.site != s2);
    lost.start = vec![0, lost.arcs.len()];
    let mut bad = good.clone();
    let moved: i64 = bad
        .placements
        .iter()
        .filter(|p| p.site == s2)
        .map(|p| p.people)
        .sum();
    let commute: i128 = bad
        .placements
        .iter()
        .filter(|p| p.site == s2)
        .map(|p| i128::from(p.cost) * i128::from(p.people))
        .sum();
    bad.placements.retain(|p| p.site != s2);
    bad.occupants[s2 as usize] = 0;
    bad.unhoused[0] += moved;
    bad.objective += i128::from(moved) * i128::from(inst.unhoused_cost[0]) - commute;
    bad.bound = bad.objective;
    rejects(&loaded, &lost, &bad, "a nearby site missing from the arcs");

    // With one nearest site to start from, S2 is still offered: the solver prices it in, and
    // the answer is the same as with thirty.
    let f = f.set(
        "scenario.toml",
        SCENARIO.replace("cutoff_km = 10.0", "cutoff_km = 10.0\nnearest_k = 1"),
    );
    let (_, inst, one) = solve(&f);
    assert_eq!(inst.arcs_of(0).len(), 2, "S2 entered");
    assert_eq!(
        (one.unhoused[0], one.reasons[0], one.objective),
        (good.unhoused[0], good.reasons[0], good.objective)
    );
}

/// A random small scenario: sites and groups on a 6 km square.
fn random_fixture(
    sites: &[(u32, u32, u32, bool)],
    groups: &[(u32, u32, u32, u32, bool, bool)],
) -> Fixture {
    let (s, d) = common::random_city(sites, groups);
    fixture(&s, &d)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every random scenario allocates, passes the checker (inside `allocate`), and conserves
    /// people; nobody is unhoused without a reason.
    #[test]
    fn random_scenarios_allocate_and_check(
        sites in prop::collection::vec((0u32..60, 0u32..60, 8u32..400, any::<bool>()), 1..6),
        groups in prop::collection::vec(
            (0u32..60, 0u32..60, 1u32..40, 0u32..4, any::<bool>(), prop::bool::weighted(0.3)),
            1..8,
        ),
    ) {
        let f = random_fixture(&sites, &groups);
        let (_, inst, alloc) = solve(&f);
        prop_assert!(alloc.is_proven());
        let housed: i64 = alloc.placements.iter().map(|p| p.people).sum();
        let out: i64 = alloc.unhoused.iter().sum();
        prop_assert_eq!(housed + out, inst.people.iter().sum::<i64>());
        for g in 0..inst.groups.len() {
            prop_assert_eq!(alloc.unhoused[g] > 0, alloc.reasons[g].is_some());
        }
    }
}

#[test]
fn allocate_writes_every_file_identically_twice() {
    let f = fixture(
        "S1,One,330282001,migrant_apartment,existing,100,80,,121.200,30.200\n",
        "A,330282001,12,121.200,30.200,,0,false,\n",
    );
    f.write();
    let run = |dir: &std::path::Path| {
        let out = dormplan(
            &["allocate", "scenario.toml", "-o", dir.to_str().unwrap()],
            f.path(),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (ta, tb) = (run(a.path()), run(b.path()));
    for name in [
        "allocations.csv",
        "sites.csv",
        "towns.csv",
        "unhoused.csv",
        "flows.geojson",
        "sites.geojson",
        "groups.geojson",
    ] {
        let x = std::fs::read(a.path().join(name)).unwrap();
        assert_eq!(x, std::fs::read(b.path().join(name)).unwrap(), "{name}");
    }
    // 80 m² at 8 m² per person: 10 beds for 12 people; the 2 left out cost the penalty each.
    let unhoused = common::csv_text(&a.path().join("unhoused.csv"));
    assert_eq!(
        unhoused,
        "group,town,people,priority,keep_together,reason,explanation,usable_sites,\
         nearest_free_site,nearest_free_km,nearest_free_beds,nearest_free_why,lon,lat\n\
         A,330282001,2,0,false,RANGE_FULL,the one site it may use within 10 km is full; no \
         site has a free bed,1,,,,,121.200000,30.200000\n"
    );
    let allocations = common::csv_text(&a.path().join("allocations.csv"));
    assert_eq!(
        allocations,
        "group,group_town,site,site_town,people,metres,cost,spare_bed\n\
         A,330282001,S1,330282001,10,0,0,false\n"
    );
    // The terminal reports are the same but for the folder named on the last line.
    let head = |t: &[u8]| {
        let t = String::from_utf8(t.to_vec()).unwrap();
        t[..t.rfind("\nWrote ").expect("a Wrote line")].to_string()
    };
    assert_eq!(head(&ta), head(&tb));
    assert_eq!(
        head(&ta),
        "\
Allocation: Allocation test
1 groups, 1 sites with beds at 8 m² per person, 1 arcs (commute in metres, every site within 10 km, solved from the 8 nearest)
Objective 200000 (proven optimal); checked independently: capacity, people, arcs, priority, optimality over every pair in range, reasons

By town (groups count where they work, beds where the sites are)
┌───────────┬──────────────┬────────┬────────┬──────────┬──────────┬──────┬──────────┬─────────┬────────┐
│ code      ┆ town         ┆ demand ┆ housed ┆ unhoused ┆ housed % ┆ beds ┆ occupied ┆ mean km ┆ p95 km │
╞═══════════╪══════════════╪════════╪════════╪══════════╪══════════╪══════╪══════════╪═════════╪════════╡
│ 330282001 ┆ 甲镇 Jiazhen ┆     12 ┆     10 ┆        2 ┆    83.3% ┆   10 ┆       10 ┆    0.00 ┆   0.00 │
│ total     ┆              ┆     12 ┆     10 ┆        2 ┆    83.3% ┆   10 ┆       10 ┆    0.00 ┆   0.00 │
└───────────┴──────────────┴────────┴────────┴──────────┴──────────┴──────┴──────────┴─────────┴────────┘

Unhoused people by reason
  RANGE_FULL                       2  every site in range is full

Unhoused people by why the nearest free bed was not theirs
  —                                2  no site has a free bed

Where one more bed helps most (shadow price: objective saved by one more bed, in km of commute; housing one more person saves the unhoused penalty of 100 km less their commute)
  S1       甲镇         100.000 km  One

The one change that houses the most of each town's unhoused (each solved again; see dormplan explain)
  No change tried houses any more in: 甲镇
"
    );
}

#[test]
fn a_failed_allocate_writes_nothing() {
    let f = fixture(
        "S1,One,330282001,migrant_apartment,existing,100,80,,121.200,30.200\n",
        "A,330282001,-3,121.200,30.200,,0,false,\n",
    );
    f.write();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out");
    let out = dormplan(
        &["allocate", "scenario.toml", "-o", target.to_str().unwrap()],
        f.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("people"));
    assert!(!target.exists(), "no output folder after a failed run");
}

#[test]
fn a_cost_matrix_replaces_distances_and_defines_the_arcs() {
    // By distance, A would take the near site S1. The matrix only lists S2 for A, at a travel
    // time of 900 (seconds, say), and gives B no entry at all.
    let f = fixture(
        "S1,Near,330282001,migrant_apartment,existing,100,80,,121.200,30.200\n\
         S2,Far,330282001,migrant_apartment,existing,100,80,,121.300,30.200\n",
        "A,330282001,4,121.200,30.200,,0,false,\n\
         B,330282001,3,121.200,30.200,,0,false,\n",
    )
    .set("costs.csv", "demand_id,site_id,cost\nA,S2,900\n")
    .edit(
        "scenario.toml",
        "cutoff_km = 10.0",
        "cutoff_km = 10.0\ncost_matrix = \"costs.csv\"",
    );
    let (loaded, inst, alloc) = solve(&f);
    assert!(loaded.cost_matrix.is_some());
    let s2 = inst
        .sites
        .iter()
        .position(|&i| loaded.scenario.dataset.sites[i].id == "S2")
        .unwrap();
    assert_eq!(alloc.placements.len(), 1);
    let p = alloc.placements[0];
    assert_eq!((p.site as usize, p.people, p.cost), (s2, 4, 900));
    // The commute is still measured: S2 is about 9.6 km east.
    assert!((9_500..9_700).contains(&p.metres), "{}", p.metres);
    assert_eq!(
        outcome(&loaded, &inst, &alloc, "B"),
        (0, Some(Reason::NoSiteInRange))
    );
    assert_eq!(alloc.objective, 4 * 900 + 3 * 100_000);
}

#[test]
fn a_keep_together_group_left_out_for_cost_has_that_reason() {
    // A crew of 2 with a penalty of 2,000 m: a 1-bed site at about 1.9 km is too small for it,
    // a 23-bed site at about 2.4 km costs more than the penalty. It stays out, and the reason
    // is the cost, not the size of the near site.
    let f = fixture(
        "S1,Tiny,330282001,migrant_apartment,existing,100,8,,121.220,30.200\n\
         S2,Large,330282001,migrant_apartment,existing,400,184,,121.225,30.200\n",
        "CREW,330282001,2,121.200,30.200,,0,true,\n",
    )
    .edit(
        "scenario.toml",
        "cutoff_km = 10.0",
        "cutoff_km = 10.0\nunhoused_penalty_m = 2000",
    );
    let (loaded, inst, alloc) = solve(&f);
    assert_eq!(
        outcome(&loaded, &inst, &alloc, "CREW"),
        (0, Some(Reason::CostlierThanPenalty))
    );
}

/// The evidence of one group of a fixture: its reason, and the nearest free bed's site, whole
/// metres and why.
fn nearest_free(f: &Fixture, group: &str) -> (Reason, Option<(String, u32, i64, WhyNot)>) {
    let (loaded, inst, alloc) = solve(f);
    let data = &loaded.scenario.dataset;
    let g = (0..inst.groups.len())
        .find(|&g| data.demand[inst.groups[g]].id == group)
        .expect("the group");
    let ev = evidence(&loaded.scenario, loaded.cost_matrix.as_ref(), &inst, &alloc)[g]
        .expect("unhoused, with evidence");
    let reason = alloc.reasons[g].expect("a reason");
    assert!(agrees(reason, &ev), "{reason:?} {ev:?}");
    let near = ev
        .nearest_free
        .map(|n| (data.sites[n.site].id.clone(), n.metres, n.free, n.why));
    (reason, near)
}

#[test]
fn the_nearest_free_bed_and_why_the_group_could_not_have_it() {
    // S1 (10 beds) is D1's and full; 12 − 10 = 2 people are left out.
    let s1 = "S1,One,330282001,migrant_apartment,existing,100,80,,121.200,30.200\n";
    let d1 = "D1,330282001,12,121.200,30.200,,0,false,\n";
    // Another employer's dormitory 962 m east with 10 free beds.
    let acme = "S2,Acme,330282001,enterprise_dormitory,existing,100,80,Acme,121.210,30.200\n";
    let (reason, near) = nearest_free(&fixture(&format!("{s1}{acme}"), d1), "D1");
    assert_eq!(reason, Reason::RangeFull);
    let (site, metres, free, why) = near.expect("a free bed");
    assert_eq!(
        (site.as_str(), free, why),
        ("S2", 10, WhyNot::OtherEmployer)
    );
    assert!((955..=970).contains(&metres), "{metres}");

    // A site with room 19 km east, beyond the 10 km cutoff.
    let far = "S3,Far,330282001,migrant_apartment,existing,100,80,,121.400,30.200\n";
    let (reason, near) = nearest_free(&fixture(&format!("{s1}{far}"), d1), "D1");
    assert_eq!(reason, Reason::RangeFull);
    let (site, metres, _, why) = near.expect("a free bed");
    assert_eq!((site.as_str(), why), ("S3", WhyNot::BeyondCutoff));
    assert!((19_000..=19_500).contains(&metres), "{metres}");

    // 4.8 km away: inside the cutoff, beyond the group's own 2 km.
    let mid = "S4,Mid,330282001,migrant_apartment,existing,100,80,,121.250,30.200\n";
    let d1_near = "D1,330282001,12,121.200,30.200,,0,false,2\n";
    let (reason, near) = nearest_free(&fixture(&format!("{s1}{mid}"), d1_near), "D1");
    assert_eq!(reason, Reason::RangeFull);
    assert_eq!(near.expect("a free bed").3, WhyNot::BeyondOwnLimit);

    // A group of 12 that must stay together, and two sites of 10: neither takes it whole.
    let kt = "D1,330282001,12,121.200,30.200,,0,true,\n";
    let (reason, near) = nearest_free(&fixture(&format!("{s1}{mid}"), kt), "D1");
    assert_eq!(reason, Reason::NoRoomForWholeGroup);
    let (site, _, free, why) = near.expect("a free bed");
    assert_eq!(
        (site.as_str(), free, why),
        ("S1", 10, WhyNot::TooFewBedsForWholeGroup)
    );

    // Nothing free anywhere.
    let (_, near) = nearest_free(&fixture(s1, d1), "D1");
    assert_eq!(near, None);
}

/// The Cixi sample's data and scenario in a fresh folder, every group kept together when
/// `together`.
fn cixi_sample(together: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cixi");
    std::fs::create_dir(dir.path().join("cixi")).unwrap();
    for name in ["towns.csv", "sites.geojson", "demand.csv"] {
        let mut text = std::fs::read_to_string(from.join(name)).unwrap();
        if together && name == "demand.csv" {
            assert!(text.contains(",false,"));
            text = text.replace(",false,", ",true,");
        }
        std::fs::write(dir.path().join("cixi").join(name), text).unwrap();
    }
    std::fs::write(
        dir.path().join("scenario.toml"),
        "name = \"Cixi\"\n[data]\ntowns = \"cixi/towns.csv\"\nsites = \"cixi/sites.geojson\"\n\
         demand = \"cixi/demand.csv\"\n[standard]\nplan_m2_per_person = 8.0\n",
    )
    .unwrap();
    dir
}

#[test]
fn the_report_tries_the_best_changes_only_when_the_allocation_was_cheap() {
    let heading = "The one change that houses the most of each town's unhoused";
    let skipped = "For each town's best change run dormplan explain (not tried here: keeping \
                   groups together took ";
    let plain = cixi_sample(false);
    let out = dormplan(&["allocate", "scenario.toml"], plain.path());
    assert_eq!(out.status.code(), Some(0), "{}", common::show(&out));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains(heading), "{report}");
    assert!(!report.contains(skipped), "{report}");
    // Every group kept together: the search runs long, and each change would run as long.
    let together = cixi_sample(true);
    let out = dormplan(&["allocate", "scenario.toml"], together.path());
    assert_eq!(out.status.code(), Some(0), "{}", common::show(&out));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(!report.contains(heading), "{report}");
    let line = report
        .lines()
        .find(|l| l.starts_with(skipped))
        .unwrap_or_else(|| panic!("no line saying why the changes were not tried:\n{report}"));
    let nodes: u64 = line[skipped.len()..]
        .split(' ')
        .next()
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap();
    assert!(nodes > 1_000, "{line}");
}
