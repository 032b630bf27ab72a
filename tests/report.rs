//! `dormplan report`: the page's data (the JSON embedded in it) pinned in
//! `tests/report_golden/`, checked against the CSV files written beside it, and the page
//! itself held to what it promises: self-contained, the same bytes for the same inputs, in
//! either language, and nothing written on bad input.
//!
//! After an intended change of the data, regenerate the golden file with
//! `DORMPLAN_BLESS=1 cargo test --release --test report`.

mod common;

use common::{csv_rows, dormplan, show};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `report` on `scenario` into a fresh folder, asserting success.
fn report(scenario: &str, extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("a temporary folder");
    let dir = out.path().join("r");
    let mut args = vec!["report", scenario, "-o", dir.to_str().expect("UTF-8 path")];
    args.extend_from_slice(extra);
    let o = dormplan(&args, &root());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    out
}

fn page(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("r/report.html")).expect("report.html")
}

/// The JSON the page embeds in `<script type="application/json" id="report-data">`.
fn embedded(page: &str) -> Value {
    let open = r#"<script type="application/json" id="report-data">"#;
    let start = page.find(open).expect("the data element") + open.len();
    let end = start + page[start..].find("</script>").expect("its end");
    serde_json::from_str(&page[start..end]).expect("the embedded data is JSON")
}

fn count(page: &str, needle: &str) -> usize {
    page.matches(needle).count()
}

#[test]
fn the_data_of_the_2022_expansion_report_is_pinned() {
    let out = report(
        "scenarios/cixi-2022-expansion.toml",
        &["--solver", "microlp"],
    );
    let data = embedded(&page(out.path()));
    let mut pretty = serde_json::to_string_pretty(&data).expect("JSON");
    pretty.push('\n');
    let golden = root().join("tests/report_golden/report-data-2022-expansion.json");
    if std::env::var("DORMPLAN_BLESS").is_ok_and(|v| !v.is_empty() && v != "0") {
        std::fs::create_dir_all(golden.parent().expect("a folder")).expect("the folder");
        std::fs::write(&golden, &pretty).expect("writing the golden file");
        return;
    }
    let want = std::fs::read_to_string(&golden).expect(
        "tests/report_golden/report-data-2022-expansion.json (DORMPLAN_BLESS=1 cargo test --release --test report)",
    );
    assert!(
        pretty == want,
        "the report's data changed; if intended, run DORMPLAN_BLESS=1 cargo test --release --test report and say why in CHANGELOG.md"
    );
}

#[test]
fn the_page_agrees_with_the_files_beside_it() {
    let out = report(
        "scenarios/cixi-2022-expansion.toml",
        &["--solver", "microlp"],
    );
    let dir = out.path().join("r");
    let html = page(out.path());
    let data = embedded(&html);
    let allocations = csv_rows(&dir.join("allocations.csv"));
    let sites = csv_rows(&dir.join("sites.csv"));
    let unhoused = csv_rows(&dir.join("unhoused.csv"));
    let map = &data["map"];
    assert_eq!(
        map["flows"].as_array().map(Vec::len),
        Some(allocations.len())
    );
    assert_eq!(map["sites"].as_array().map(Vec::len), Some(sites.len()));
    assert_eq!(
        map["unhoused"].as_array().map(Vec::len),
        Some(unhoused.len())
    );
    assert_eq!(count(&html, r#"<line class="flow""#), allocations.len());
    assert_eq!(count(&html, r#"<circle class="site"#), sites.len());
    assert_eq!(count(&html, r#"<circle class="unhoused""#), unhoused.len());
    assert!(!map["boundary"].as_array().expect("rings").is_empty());
    // Every flow is a placement of allocations.csv, people and all.
    let mut from_csv: Vec<(String, String, i64)> = allocations
        .iter()
        .map(|r| {
            (
                r["group"].clone(),
                r["site"].clone(),
                r["people"].parse().expect("people"),
            )
        })
        .collect();
    let mut from_page: Vec<(String, String, i64)> = map["flows"]
        .as_array()
        .expect("flows")
        .iter()
        .map(|f| {
            (
                f["group"].as_str().expect("group").to_string(),
                f["site"].as_str().expect("site").to_string(),
                f["people"].as_i64().expect("people"),
            )
        })
        .collect();
    from_csv.sort();
    from_page.sort();
    assert_eq!(from_csv, from_page);

    // The key figures are the plan's: plan_summary.csv's housed and net cost.
    let plan = &csv_rows(&dir.join("plan_summary.csv"))[0];
    let summary = &data["summary"];
    assert_eq!(
        summary["housed"].as_u64().map(|n| n.to_string()),
        Some(plan["housed"].clone())
    );
    assert_eq!(
        summary["plan"]["net_cost_yuan"].as_str(),
        Some(plan["net_cost_yuan"].as_str())
    );
    let placed: i64 = from_csv.iter().map(|f| f.2).sum();
    assert_eq!(summary["housed"].as_i64(), Some(placed));
    let people: i64 = unhoused
        .iter()
        .map(|r| r["people"].parse::<i64>().expect("people"))
        .sum();
    assert_eq!(summary["unhoused"].as_i64(), Some(people));

    // The budget curve's point at the scenario's budget is the plan itself.
    let curve = data["budget_curve"].as_array().expect("a budget curve");
    let at_budget: Vec<&Value> = curve
        .iter()
        .filter(|p| p["is_scenario_budget"] == Value::Bool(true))
        .collect();
    assert_eq!(at_budget.len(), 1, "one point is the scenario's budget");
    assert_eq!(at_budget[0]["housed"].as_u64(), summary["housed"].as_u64());
    assert!(
        curve.len() >= 5,
        "the curve has its budgets: {}",
        curve.len()
    );

    // Towns: the chart's figures are towns.csv's.
    let towns = csv_rows(&dir.join("towns.csv"));
    let data_towns = data["towns"].as_array().expect("towns");
    assert_eq!(data_towns.len(), towns.len());
    for (t, row) in data_towns.iter().zip(&towns) {
        assert_eq!(t["code"].as_str(), Some(row["code"].as_str()));
        assert_eq!(
            t["housed"].as_u64().map(|n| n.to_string()),
            Some(row["housed"].clone())
        );
        assert_eq!(
            t["beds"].as_u64().map(|n| n.to_string()),
            Some(row["beds"].clone())
        );
    }

    // Subsidy: the certain total is the sum of subsidy_projects.csv's amounts.
    let fen = |s: &str| -> i64 {
        let (whole, cents) = s.split_once('.').unwrap_or((s, "0"));
        whole.parse::<i64>().expect("yuan") * 100 + cents.parse::<i64>().expect("fen")
    };
    let paid: i64 = csv_rows(&dir.join("subsidy_projects.csv"))
        .iter()
        .filter(|r| r["eligibility"] == "eligible")
        .map(|r| fen(&r["amount_yuan"]))
        .sum();
    assert_eq!(
        fen(summary["subsidy"]["certain_yuan"]
            .as_str()
            .expect("certain")),
        paid
    );

    // The charts: one figure each, with drawn marks; the budget curve among them.
    for chart in [
        "supply_demand",
        "housed_share",
        "subsidy_by_town",
        "budget_curve",
    ] {
        let at = html
            .find(&format!(r#"data-chart="{chart}""#))
            .unwrap_or_else(|| panic!("chart {chart}"));
        let end = at + html[at..].find("</figure>").expect("the figure's end");
        let figure = &html[at..end];
        assert!(
            count(figure, "<rect") > 3 || count(figure, "<polyline") > 0,
            "chart {chart} has marks"
        );
    }
}

#[test]
fn the_page_loads_nothing_and_gives_the_same_bytes_twice() {
    let a = report("scenarios/cixi-2020.toml", &[]);
    let b = report("scenarios/cixi-2020.toml", &[]);
    let (pa, pb) = (page(a.path()), page(b.path()));
    assert!(pa == pb, "the same inputs give the same page");
    for needle in [
        "<link",
        "@import",
        "url(",
        " src=",
        "<iframe",
        "<img",
        "fetch(",
        "XMLHttpRequest",
    ] {
        assert!(
            !pa.contains(needle),
            "the page refers to something outside it: {needle}"
        );
    }
    // The only addresses are XML namespaces, which are names, never fetched.
    for (i, _) in pa.match_indices("http") {
        let rest = &pa[i..];
        assert!(
            rest.starts_with("http://www.w3.org/2000/svg")
                || rest.starts_with("http://www.w3.org/1999/xlink"),
            "an address in the page: {}",
            &rest[..rest.len().min(60)]
        );
    }
    let data = embedded(&pa);
    assert_eq!(data["schema"], "dormplan-report/1");
    assert!(data["budget_curve"].is_null(), "no plan, no curve");
    assert!(data["variants"].is_null());
    assert!(!pa.contains(r#"id="table-plan""#));
}

#[test]
fn the_page_speaks_the_language_asked_for() {
    let zh = report("scenarios/cixi-2020.toml", &["--lang", "zh"]);
    let en = report("scenarios/cixi-2020.toml", &["--lang", "en"]);
    let (zh, en) = (page(zh.path()), page(en.path()));
    assert!(zh.contains(r#"<html lang="zh-CN">"#));
    assert!(zh.contains("新市民集中居住安置报告"));
    assert!(zh.contains("各镇街床位与需求"));
    assert!(en.contains(r#"<html lang="en">"#));
    assert!(en.contains("Housing report for new citizens"));
    assert!(en.contains("Beds and demand by town"));
    assert!(!en.contains("各镇街床位与需求"));
    // The data is the same apart from its language and the towns' names.
    let (dz, de) = (embedded(&zh), embedded(&en));
    assert_eq!(dz["summary"], de["summary"]);
    assert_eq!(dz["map"]["flows"], de["map"]["flows"]);
}

#[test]
fn a_scenario_with_variants_charts_each_variant() {
    let out = report("scenarios/cixi-standard-sweep.toml", &[]);
    let html = page(out.path());
    let data = embedded(&html);
    let variants = data["variants"].as_array().expect("variants");
    let sweep = csv_rows(&out.path().join("r/sweep.csv"));
    assert_eq!(variants.len(), sweep.len());
    assert!(html.contains(r#"data-chart="variants""#));
    assert!(html.contains(r#"id="table-variants""#));
    // More floor area per person means fewer beds, never more.
    let beds: Vec<u64> = variants
        .iter()
        .map(|v| v["beds"].as_u64().expect("beds"))
        .collect();
    let m2: Vec<f64> = variants
        .iter()
        .map(|v| v["m2_per_person"].as_f64().expect("m2"))
        .collect();
    for i in 0..beds.len() {
        for j in 0..beds.len() {
            if m2[i] < m2[j] {
                assert!(beds[i] >= beds[j], "beds at {} and {}", m2[i], m2[j]);
            }
        }
    }
}

#[test]
fn bad_input_writes_nothing() {
    let out = tempfile::tempdir().expect("a temporary folder");
    let dir = out.path().join("r");
    let o = dormplan(
        &[
            "report",
            "scenarios/no-such-scenario.toml",
            "-o",
            dir.to_str().expect("UTF-8"),
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(!dir.exists(), "nothing is written on bad input");
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-such-scenario.toml"));
}

/// `report --pdf` with `DORMPLAN_CHROME` naming `browser`, in a fresh folder.
fn report_pdf_with(browser: &str) -> (std::process::Output, tempfile::TempDir) {
    let out = tempfile::tempdir().expect("a temporary folder");
    let dir = out.path().join("r");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_dormplan"))
        .args(["report", "scenarios/cixi-2020.toml", "--pdf", "-o"])
        .arg(&dir)
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", common::RUN_TIME)
        .env("DORMPLAN_CHROME", browser)
        .output()
        .expect("running dormplan");
    (o, out)
}

#[test]
fn without_a_browser_the_page_is_written_and_the_pdf_is_explained() {
    let (o, out) = report_pdf_with("/no/such/browser");
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert!(out.path().join("r/report.html").exists());
    assert!(!out.path().join("r/report.pdf").exists());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("DORMPLAN_CHROME") && err.contains("chromium"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_browser_that_fails_leaves_nothing_written() {
    let (o, out) = report_pdf_with("/bin/false");
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(
        !out.path().join("r").exists(),
        "nothing is written when the PDF fails"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("report.pdf"), "{err}");
}

#[test]
fn a_variant_is_reported_alone() {
    let out = report("scenarios/cixi-standard-sweep.toml#standard-10", &[]);
    let data = embedded(&page(out.path()));
    assert_eq!(data["summary"]["variant"], "standard-10");
    assert!(
        data["variants"].is_null(),
        "one variant, no chart of variants"
    );
    // Its figures are the variant's own: sweep's row for it.
    let sweep = report("scenarios/cixi-standard-sweep.toml", &[]);
    let all = embedded(&page(sweep.path()));
    let row = all["variants"]
        .as_array()
        .expect("variants")
        .iter()
        .find(|v| v["variant"] == "standard-10")
        .expect("standard-10 among the variants")
        .clone();
    assert_eq!(data["summary"]["beds"], row["beds"]);
    assert_eq!(data["summary"]["housed"], row["housed"]);
}
