//! `dormplan explain`: every change it reports is checked by a second, independent solve — the
//! change written into a copy of the scenario's files, read back and solved by the library's
//! own entry points — which must house the people explain claims, town by town.

mod common;

use common::dormplan;
use dormplan::explain::{Change, Explanation, explain_shortage};
use dormplan::figures::AllocationFigures;
use dormplan::io::load_base;
use dormplan::metrics::scenario_solver;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the sample's data and of one scenario in a temporary folder, laid out as in the
/// repository (`scenarios/` beside `data/`), so that the scenario's paths hold.
struct Copy {
    dir: tempfile::TempDir,
    scenario: PathBuf,
}

fn copy_sample(scenario: &str) -> Copy {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for sub in ["data/cixi", "data/policy"] {
        let to = dir.path().join(sub);
        std::fs::create_dir_all(&to).expect("a folder");
        for entry in std::fs::read_dir(repo_root().join(sub)).expect("the sample") {
            let path = entry.expect("an entry").path();
            if path.is_file() {
                std::fs::copy(&path, to.join(path.file_name().expect("a name"))).expect("a copy");
            }
        }
    }
    std::fs::create_dir_all(dir.path().join("scenarios")).expect("a folder");
    let to = dir.path().join("scenarios").join("s.toml");
    std::fs::copy(repo_root().join("scenarios").join(scenario), &to).expect("a copy");
    Copy { dir, scenario: to }
}

/// Replaces the line of the scenario file that starts with `key =` by `key = value`.
fn set_setting(file: &Path, key: &str, value: &str) {
    let text = std::fs::read_to_string(file).expect("the scenario");
    let prefix = format!("{key} =");
    assert!(text.lines().any(|l| l.starts_with(&prefix)), "no {key}");
    let edited: Vec<String> = text
        .lines()
        .map(|l| {
            if l.starts_with(&prefix) {
                format!("{key} = {value}")
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(file, edited.join("\n") + "\n").expect("writing the scenario");
}

/// Gives the site `id` the status `existing` in the sample's sites file.
fn build_site(dir: &Path, id: &str) {
    let file = dir.join("data/cixi/sites.geojson");
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("sites")).expect("GeoJSON");
    let features = doc["features"].as_array_mut().expect("features");
    let site = features
        .iter_mut()
        .find(|f| f["properties"]["id"] == id)
        .expect("the candidate");
    site["properties"]["status"] = Value::from("existing");
    std::fs::write(&file, serde_json::to_string(&doc).expect("JSON")).expect("writing sites");
}

/// People housed per town when the scenario in `file` is solved as it asks.
fn housed_by_town(file: &Path) -> Vec<u64> {
    let loaded = load_base(file).expect("the edited scenario loads");
    let (inst, alloc, _) = scenario_solver(&loaded).expect("the edited scenario solves");
    let f = AllocationFigures::of(&loaded.scenario, &inst, &alloc);
    f.towns.towns.iter().map(|t| t.housed).collect()
}

/// Writes `change` into a fresh copy of `scenario`'s files.
fn apply_to_files(scenario: &str, loaded: &dormplan::model::Loaded, change: Change) -> Copy {
    let copy = copy_sample(scenario);
    let settings = &loaded.scenario.settings;
    match change {
        Change::WiderCutoff { extra_km } => {
            let km = settings.allocation.cutoff_km + f64::from(extra_km);
            set_setting(&copy.scenario, "cutoff_km", &format!("{km:.1}"));
        }
        Change::OtherStandard { standard } => {
            set_setting(
                &copy.scenario,
                "plan_m2_per_person",
                &format!("{:.2}", standard.m2()),
            );
        }
        Change::BuildCandidate { site } => {
            build_site(copy.dir.path(), &loaded.scenario.dataset.sites[site].id);
        }
        Change::RaiseBudget { extra } => {
            let budget = settings.plan.budget.expect("a plan's budget") + extra;
            set_setting(&copy.scenario, "budget_yuan", &(budget.0 / 100).to_string());
        }
        Change::ShareSpareBeds { dormitory } => {
            let employer = loaded.scenario.dataset.sites[dormitory]
                .employer
                .clone()
                .expect("a dormitory's employer");
            let text = std::fs::read_to_string(&copy.scenario).expect("the scenario");
            assert!(!text.contains("share_spare_beds"), "already shares");
            let line = format!("share_spare_beds = [{employer:?}]");
            let edited = if text.contains("\n[allocation]\n") {
                text.replacen("\n[allocation]\n", &format!("\n[allocation]\n{line}\n"), 1)
            } else {
                format!("{text}\n[allocation]\n{line}\n")
            };
            std::fs::write(&copy.scenario, edited).expect("writing the scenario");
        }
    }
    copy
}

/// Every change explain solved houses, solved again from edited files, the people it claims in
/// every town; and every town's gains are those differences.
fn check_every_change(scenario: &str) -> Explanation {
    let loaded = load_base(&repo_root().join("scenarios").join(scenario)).expect("the sample");
    let expl = explain_shortage(&loaded).expect("explain");
    assert!(!expl.solved.is_empty(), "{scenario}: no change tried");
    for (change, claimed) in &expl.solved {
        let copy = apply_to_files(scenario, &loaded, *change);
        match claimed {
            Some(claimed) => assert_eq!(
                &housed_by_town(&copy.scenario),
                claimed,
                "{scenario}: {change:?} houses other people than explain says"
            ),
            None => {
                let edited = load_base(&copy.scenario).expect("loads");
                let solved = scenario_solver(&edited);
                assert!(
                    matches!(solved, Err(dormplan::Error::Infeasible(_))),
                    "{scenario}: {change:?} is said to be infeasible"
                );
            }
        }
    }
    for town in &expl.towns {
        for effect in &town.changes {
            let (_, housed) = expl
                .solved
                .iter()
                .find(|(c, _)| *c == effect.change)
                .expect("a town's change is one of those solved");
            let after = housed.as_ref().map(|h| h[town.town] as i64);
            assert_eq!(
                effect.town_gain(),
                after.map(|a| a - town.housed as i64),
                "{scenario}: town {} {:?}",
                town.town,
                effect.change
            );
        }
        if let Some(best) = town.best_change() {
            assert!(best.town_gain().unwrap_or(0) > 0);
            assert!(
                town.changes
                    .iter()
                    .all(|c| c.town_gain() <= best.town_gain())
            );
        }
    }
    expl
}

#[test]
fn every_change_on_the_baseline_houses_what_explain_says() {
    let expl = check_every_change("cixi-2020.toml");
    // The baseline's cutoff ladder, the ceiling of the policy range, and the employers whose
    // dormitories have the most free beds, each sharing them.
    let codes: Vec<&str> = expl.solved.iter().map(|(c, _)| c.code()).collect();
    let mut expected = vec![
        "wider_cutoff",
        "wider_cutoff",
        "wider_cutoff",
        "other_standard",
    ];
    expected.extend(["share_spare_beds"; dormplan::explain::SHARE_EMPLOYERS_MAX]);
    assert_eq!(codes, expected);
    // Sharing houses people the baseline leaves out (each verified above by a second solve).
    let base: u64 = expl.towns.iter().map(|t| t.housed).sum();
    assert!(expl.solved.iter().any(|(c, housed)| {
        c.code() == "share_spare_beds"
            && housed
                .as_ref()
                .is_some_and(|h| h.iter().sum::<u64>() > base)
    }));
}

#[test]
fn every_change_on_the_plan_houses_what_explain_says() {
    let expl = check_every_change("cixi-2022-expansion.toml");
    let kinds: std::collections::BTreeSet<&str> =
        expl.solved.iter().map(|(c, _)| c.code()).collect();
    for kind in [
        "wider_cutoff",
        "other_standard",
        "build_candidate",
        "raise_budget",
    ] {
        assert!(kinds.contains(kind), "{kind} not tried on the plan");
    }
    // At least one town is helped by some change.
    assert!(expl.towns.iter().any(|t| t.best.is_some()));
}

#[test]
fn explain_is_the_same_run_after_run() {
    let loaded = load_base(&repo_root().join("scenarios/cixi-2020.toml")).expect("the sample");
    let a = explain_shortage(&loaded).expect("explain");
    let b = explain_shortage(&loaded).expect("explain");
    assert_eq!(a, b);
}

#[test]
fn an_unknown_town_is_named_with_the_towns_there_are() {
    let o = dormplan(
        &["explain", "scenarios/cixi-2020.toml", "--town", "Atlantis"],
        repo_root(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", common::show(&o));
    let err = common::text(&o.stderr);
    assert!(err.contains("UNKNOWN_TOWN"), "{err}");
    assert!(err.contains("\"Atlantis\""), "{err}");
    assert!(err.contains("19 towns"), "{err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn json_holds_every_row_of_explain_csv_and_each_towns_best_change() {
    let dir = tempfile::tempdir().expect("a folder");
    let out = dir.path().join("out");
    let o = dormplan(
        &[
            "explain",
            "scenarios/cixi-2022-expansion.toml",
            "--town",
            "330282121",
            "--json",
            "-o",
            out.to_str().expect("a path"),
        ],
        repo_root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", common::show(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(doc["command"], "explain");
    let rows = doc["tables"]["explain"].as_array().expect("rows");
    let csv = common::csv_rows(&out.join("explain.csv"));
    assert_eq!(rows.len(), csv.len());
    assert!(rows.iter().all(|r| r["town_code"] == "330282121"));
    let towns = doc["summary"]["towns"].as_array().expect("towns");
    assert_eq!(towns.len(), 1);
    let best: Vec<&Value> = rows.iter().filter(|r| r["best"] == true).collect();
    match towns[0]["best_change"].as_str() {
        Some(code) => {
            assert_eq!(best.len(), 1);
            assert_eq!(best[0]["change"], code);
            assert_eq!(best[0]["housed_gain"], towns[0]["housed_gain"]);
        }
        None => assert!(best.is_empty()),
    }
}
