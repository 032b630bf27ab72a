//! `dormplan plan` with a programme whose pool the standing projects nearly exhaust: the plan
//! counts what its projects are paid once the pool is shared, chooses what stays within the
//! budget after that, and reports the net cost that `dormplan subsidy` confirms to the fen.

mod common;

use common::{Fixture, POLICY, csv_rows, dormplan, show, text};
use std::collections::BTreeMap;

/// At 9 m² per person: S1 88 beds and S2 44 beds by the demand, as in `plan_cli`. S3 is a
/// standing rental new build, reviewed, 55 km away (no use to anyone): 800 yuan × 1,125 m² =
/// 900,000 yuan, under 30% of 5,000,000, is what it draws on the pool.
/// C1 by D1: 40 beds, cost 3,000,000, request min(800 × 400, 30% × 3,000,000) = 320,000.
/// C2 by D1: 20 beds, cost 1,500,000, request min(800 × 200, 30% × 1,500,000) = 160,000.
/// Both candidates have passed review, so `dormplan subsidy` pays them as built.
const SITES: &str = "\
id,name,town,kind,status,gross_m2,residential_m2,beds,lon,lat,cost_yuan,completed_year,converted_from,expert_review
S1,Alpha apartments,330282001,migrant_apartment,existing,1000,800,,121.201,30.201,,,,
S2,Beta dorm,330282002,enterprise_dormitory,existing,500,,,121.301,30.201,,,,
S3,Standing rental,330282002,rental_new_build,existing,1125,900,,121.6,30.6,5000000,2021,,passed
C1,Near new build,330282001,rental_new_build,candidate,400,360,,121.2005,30.2005,3000000,2022,,passed
C2,Small new build,330282001,rental_new_build,candidate,200,180,,121.1995,30.1995,1500000,2022,,passed
";

/// 1,000,000 yuan shared pro rata: S3's 900,000 leave 100,000 before the pool is short.
const POOL: &str = "\n[programme.pool]\ntotal_yuan = 1000000\nrule = \"pro_rata\"\n";

/// The budget: C1 fits before pools (net 2,680,000) and not after them (below).
const BUDGET: &str = "\n[plan]\nbudget_yuan = 2700000\n";

fn fixture(sites: &str, pool: bool) -> Fixture {
    let policy = if pool {
        format!("{POLICY}{POOL}")
    } else {
        POLICY.to_string()
    };
    Fixture::new()
        .set("sites.csv", sites)
        .set("policy.toml", policy)
        .edit(
            "scenario.toml",
            "demand = \"demand.csv\"",
            "demand = \"demand.csv\"\npolicy = \"policy.toml\"",
        )
        .append("scenario.toml", BUDGET)
}

/// The sites with only the standing ones and the candidates named in `keep`.
fn sites_with(keep: &[&str]) -> String {
    SITES
        .lines()
        .filter(|l| !l.starts_with('C') || keep.iter().any(|k| l.starts_with(&format!("{k},"))))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// What `dormplan plan` wrote and printed.
struct Planned {
    /// The chosen candidates.
    chosen: Vec<String>,
    /// `plan_projects.csv` by site id.
    projects: BTreeMap<String, BTreeMap<String, String>>,
    /// `plan_summary.csv`.
    summary: BTreeMap<String, String>,
    stdout: String,
}

fn plan(f: &Fixture) -> Planned {
    f.write();
    let o = dormplan(&["plan", "scenario.toml", "-o", "out"], f.path());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let projects: BTreeMap<_, _> = csv_rows(&f.path().join("out/plan_projects.csv"))
        .into_iter()
        .map(|r| (r["site_id"].clone(), r))
        .collect();
    let chosen = projects
        .iter()
        .filter(|(_, r)| r["chosen"] == "true")
        .map(|(id, _)| id.clone())
        .collect();
    let summary = csv_rows(&f.path().join("out/plan_summary.csv")).remove(0);
    Planned {
        chosen,
        projects,
        summary,
        stdout: text(&o.stdout),
    }
}

/// Yuan with two decimals, as the CSV files write them, in fen.
fn fen(yuan: &str) -> i64 {
    let (whole, cents) = yuan.split_once('.').expect("two decimals");
    let sign = if whole.starts_with('-') { -1 } else { 1 };
    sign * (whole.trim_start_matches('-').parse::<i64>().unwrap() * 100
        + cents.parse::<i64>().unwrap())
}

/// `dormplan subsidy` on the sites with only the candidates in `keep`: amount paid per site.
fn subsidy_paid(keep: &[&str]) -> BTreeMap<String, i64> {
    let f = fixture(&sites_with(keep), true);
    f.write();
    let o = dormplan(&["subsidy", "scenario.toml", "-o", "sub"], f.path());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    csv_rows(&f.path().join("sub/subsidy_projects.csv"))
        .into_iter()
        .map(|r| (r["site_id"].clone(), fen(&r["amount_yuan"])))
        .collect()
}

#[test]
fn a_nearly_spent_pool_makes_the_plan_build_what_stays_within_the_budget() {
    // Without the pool, C1 (40 beds by D1, net 2,680,000) is the best set within 2,700,000;
    // C1 and C2 together (4,020,000) are not.
    let before = plan(&fixture(SITES, false));
    assert_eq!(before.chosen, ["C1"]);
    assert_eq!(before.summary["net_cost_yuan"], "2680000.00");

    // With the pool, C1 built draws 320,000 against S3's 900,000: 1,220,000 requested from
    // 1,000,000, so C1 gets ⌊32,000,000 × 100,000,000 / 122,000,000⌋ fen = 262,295.08 yuan and
    // nets 2,737,704.92 yuan, over the budget. `dormplan subsidy` with C1 built agrees.
    let c1_alone = subsidy_paid(&["C1"]);
    assert_eq!(c1_alone["C1"], 26_229_508);
    assert_eq!(300_000_000 - c1_alone["C1"], 273_770_492);

    // So the plan builds C2: 1,060,000 requested, C2 gets ⌊16,000,000 × 100,000,000 /
    // 106,000,000⌋ = 15,094,339 fen (150,943.39 yuan) and nets 1,349,056.61 yuan; S3 gets
    // ⌊90,000,000 × 100,000,000 / 106,000,000⌋ = 84,905,660 fen instead of its 900,000 yuan.
    let after = plan(&fixture(SITES, true));
    assert_eq!(after.chosen, ["C2"]);
    let summary = &after.summary;
    assert_eq!(summary["subsidy_yuan"], "150943.39");
    assert_eq!(summary["net_cost_yuan"], "1349056.61");
    assert_eq!(summary["proof"], "exact_search");
    assert_eq!(summary["gap"], "0");
    // Per project: the chosen one after the pool, the other its claim before pools.
    let c2 = &after.projects["C2"];
    assert_eq!(
        (c2["subsidy_yuan"].as_str(), c2["net_cost_yuan"].as_str()),
        ("150943.39", "1349056.61")
    );
    let c1 = &after.projects["C1"];
    assert_eq!(
        (c1["subsidy_yuan"].as_str(), c1["net_cost_yuan"].as_str()),
        ("320000.00", "2680000.00")
    );

    // `dormplan subsidy` on the plan's result pays the same, to the fen.
    let paid = subsidy_paid(&["C2"]);
    assert_eq!(paid["C2"], 15_094_339);
    assert_eq!(paid["S3"], 84_905_660);
    assert_eq!(
        subsidy_paid(&[])["S3"],
        90_000_000,
        "S3 is paid in full alone"
    );
    let costs: BTreeMap<&str, i64> = [("C1", 300_000_000), ("C2", 150_000_000)].into();
    let net: i64 = after
        .chosen
        .iter()
        .map(|c| costs[c.as_str()] - paid[c])
        .sum();
    assert_eq!(net, fen(&summary["net_cost_yuan"]));

    // The report says on which basis, and how the pool's money moves: S3 loses 50,943.40
    // yuan; the fen that rounding leaves stays in the pool.
    let out = &after.stdout;
    assert!(
        out.contains(
            "net cost = construction cost − the subsidy a project would get if it passed expert \
             review: for the chosen projects, what they are paid once built, after each pool is \
             shared with the standing projects; for the others, what they would claim before \
             pools."
        ),
        "{out}"
    );
    assert!(
        out.contains("  subsidy after pools      150,943 yuan\n"),
        "{out}"
    );
    assert!(
        out.contains("  net cost (budget used)   1,349,056 of 2,700,000 yuan"),
        "{out}"
    );
    let row = out
        .lines()
        .find(|l| l.contains("pilot"))
        .unwrap_or_else(|| panic!("no pool row in\n{out}"));
    let cells: Vec<&str> = row
        .split(['│', '┆'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        cells,
        [
            "pilot",
            "pro_rata",
            "1,000,000.00",
            "900,000.00",
            "849,056.60",
            "50,943.40",
            "160,000.00",
            "150,943.39",
            "0.01"
        ]
    );
}

/// `dormplan sweep` measures a scenario with a budget by its plan, and counts the same net cost
/// as `dormplan plan`, pool included: 1,349,056.61 yuan (C2 built, paid 150,943.39 of its
/// 1,500,000).
#[test]
fn sweep_counts_the_plans_net_cost_after_the_pool() {
    let f = fixture(SITES, true);
    let planned = plan(&f);
    let o = dormplan(&["sweep", "scenario.toml", "-o", "sweep"], f.path());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let rows = csv_rows(&f.path().join("sweep/sweep.csv"));
    assert_eq!(rows[0]["net_cost_yuan"], planned.summary["net_cost_yuan"]);
    assert_eq!(rows[0]["net_cost_yuan"], "1349056.61");
}
