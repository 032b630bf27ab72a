//! `dormplan rank`: sites of a town in order of the chosen measure, ties by id, sites without a
//! cost last.

mod common;

use common::Fixture;
use common::{dormplan, show};
use dormplan::metrics::{self, RankKey};

/// One town with five sites in supply, written out of id order. At 8 m² each has 100 beds.
/// R1 and R2 are the same project (cost 1,000,000, paid 30% = 300,000: net 7,000 per bed), R3
/// costs half (net 3,500 per bed), M0 and M1 have no cost. C9 is a candidate (not in supply).
const SITES: &str = "\
id,name,town,kind,status,gross_m2,residential_m2,cost_yuan,completed_year,expert_review,lon,lat
M1,Apartments one,330282001,migrant_apartment,existing,1000,800,,,,121.201,30.201
R2,New build two,330282001,rental_new_build,existing,1000,800,1000000,2021,passed,121.202,30.201
M0,Apartments zero,330282001,migrant_apartment,existing,1000,800,,,,121.203,30.201
R3,New build three,330282001,rental_new_build,existing,1000,800,500000,2021,passed,121.204,30.201
R1,New build one,330282001,rental_new_build,existing,1000,800,1000000,2021,passed,121.205,30.201
C9,Candidate,330282001,rental_new_build,candidate,1000,800,100000,2022,passed,121.206,30.201
";

const SCENARIO: &str = r#"name = "Rank check"

[data]
towns = "towns.csv"
sites = "sites.csv"
demand = "demand.csv"
policy = "policy.toml"

[standard]
plan_m2_per_person = 8
"#;

fn fixture() -> Fixture {
    let f = Fixture::new()
        .set("sites.csv", SITES)
        .set("policy.toml", common::POLICY)
        .set("scenario.toml", SCENARIO);
    f.write();
    f
}

fn ranked_ids(f: &Fixture, key: RankKey) -> Vec<String> {
    let loaded = dormplan::io::load_scenario(&f.path().join("scenario.toml")).expect("loads");
    let towns = &loaded.scenario.dataset.towns;
    let town = dormplan::model::find_town(towns, "jiazhen").expect("the town by pinyin name");
    let metrics = metrics::measure(&loaded).expect("allocates");
    let ranking = metrics::rank_by_town(&metrics, key, Some(town));
    assert_eq!(ranking.len(), 1);
    ranking[0].sites.iter().map(|s| s.id.clone()).collect()
}

#[test]
fn net_cost_per_bed_ranks_ties_by_id_and_costless_sites_last() {
    let f = fixture();
    assert_eq!(
        ranked_ids(&f, RankKey::NetCostPerBed),
        ["R3", "R1", "R2", "M0", "M1"]
    );
}

#[test]
fn subsidy_per_bed_ranks_highest_first_ties_by_id() {
    let f = fixture();
    // R1 and R2 are paid 3,000 per bed, R3 1,500, the apartments nothing.
    assert_eq!(
        ranked_ids(&f, RankKey::SubsidyPerBed),
        ["R1", "R2", "R3", "M0", "M1"]
    );
}

#[test]
fn the_command_writes_the_ranking_and_shows_missing_costs_as_a_dash() {
    let f = fixture();
    let o = dormplan(
        &["rank", "scenario.toml", "--town", "甲镇", "-o", "out"],
        f.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let text = common::csv_text(&f.path().join("out/rank_sites.csv"));
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().expect("a header").clone();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("a record")).collect();
    let col = |name: &str| header.iter().position(|c| c == name).expect("a column");
    let (id, rank, per_bed) = (col("site_id"), col("rank"), col("net_cost_per_bed_yuan"));
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|x| (&x[rank], &x[id], &x[per_bed]))
        .collect();
    assert_eq!(
        got,
        [
            ("1", "R3", "3500.00"),
            ("2", "R1", "7000.00"),
            ("3", "R2", "7000.00"),
            ("4", "M0", ""),
            ("5", "M1", ""),
        ]
    );
    // D1 (120 people) fills M1 and takes 20 beds of R2; D2 (30, in 乙镇 9 km east) goes to R1,
    // the nearest. One more bed at M1 would move one person from R2 (0.222 km) to M1
    // (0.147 km): a shadow price of 0.075 km.
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "\
Sites by town: Rank check (scenario.toml), plan at 8 m² per person
Ranked by net cost per bed, lowest first (sites without a cost last); ties by site id.
Money in yuan. net cost / bed: construction cost less subsidy (eligible and potential), per bed at the standard; — for a site without a cost. utilisation: occupants ÷ beds. commute: mean of the residents, km.
shadow price: km of commute the allocation would save with one more bed at the site (objective decrease ÷ 1000); a bed that houses someone otherwise unhoused saves the unhoused penalty less their commute, so full sites near unhoused people score highest.

330282001 甲镇 Jiazhen
┌──────┬──────┬─────────────────┬───────────────────┬──────┬────────────────┬───────────────┬─────────────┬────────────┬─────────────────┐
│ rank ┆ site ┆ name            ┆ kind              ┆ beds ┆ net cost / bed ┆ subsidy / bed ┆ utilisation ┆ commute km ┆ shadow price km │
╞══════╪══════╪═════════════════╪═══════════════════╪══════╪════════════════╪═══════════════╪═════════════╪════════════╪═════════════════╡
│    1 ┆ R3   ┆ New build three ┆ rental_new_build  ┆  100 ┆       3,500.00 ┆      1,500.00 ┆        0.0% ┆          — ┆           0.000 │
│    2 ┆ R1   ┆ New build one   ┆ rental_new_build  ┆  100 ┆       7,000.00 ┆      3,000.00 ┆       30.0% ┆       9.13 ┆           0.000 │
│    3 ┆ R2   ┆ New build two   ┆ rental_new_build  ┆  100 ┆       7,000.00 ┆      3,000.00 ┆       20.0% ┆       0.22 ┆           0.000 │
│    4 ┆ M0   ┆ Apartments zero ┆ migrant_apartment ┆  100 ┆              — ┆          0.00 ┆        0.0% ┆          — ┆           0.000 │
│    5 ┆ M1   ┆ Apartments one  ┆ migrant_apartment ┆  100 ┆              — ┆          0.00 ┆      100.0% ┆       0.15 ┆           0.075 │
└──────┴──────┴─────────────────┴───────────────────┴──────┴────────────────┴───────────────┴─────────────┴────────────┴─────────────────┘

Wrote rank_sites.csv, rank.xlsx, run.json in out
"
    );
}

#[test]
fn an_unknown_town_is_bad_input() {
    let f = fixture();
    let o = dormplan(&["rank", "scenario.toml", "--town", "Atlantis"], f.path());
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("UNKNOWN_TOWN"),
        "{}",
        show(&o)
    );
    let o = dormplan(&["rank", "scenario.toml", "--by", "beauty"], f.path());
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
}
