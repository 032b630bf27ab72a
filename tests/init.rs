//! `dormplan init DIR`: a starter scenario, policy and three tables headed in Chinese that pass
//! `check` and allocate, written all at once, never over a file that is there, and never
//! recorded as a run's outputs that a later run could replace or remove.

mod common;

use common::{BOM, Fixture, csv_rows, dormplan, show, text};
use dormplan::io::load_policy;
use std::collections::BTreeMap;
use std::path::Path;

const FILES: [&str; 5] = [
    "scenario.toml",
    "policy.toml",
    "towns.csv",
    "sites.csv",
    "demand.csv",
];

/// Every file of a folder, hidden ones included, with its bytes.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("a folder")
        .map(|e| e.expect("an entry"))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| {
            let name = e.file_name().into_string().expect("a name");
            (name, std::fs::read(e.path()).expect("a file"))
        })
        .collect()
}

#[test]
fn the_starter_checks_clean_and_allocates() {
    let tmp = tempfile::tempdir().unwrap();
    let out = dormplan(&["init", "city"], tmp.path());
    assert!(out.status.success(), "{}", show(&out));
    let city = tmp.path().join("city");
    let written = contents(&city);
    let names: Vec<&str> = written.keys().map(String::as_str).collect();
    let mut expected = FILES.to_vec();
    expected.sort();
    assert_eq!(names, expected, "the five files and nothing else");
    for name in FILES {
        assert!(text(&out.stdout).contains(name), "{name} is listed");
    }
    for table in ["towns.csv", "sites.csv", "demand.csv"] {
        let text = String::from_utf8(written[table].clone()).expect("UTF-8");
        let body = text.strip_prefix(BOM).expect("a byte-order mark for Excel");
        let header = body.lines().next().unwrap();
        assert!(
            header.split(',').all(|c| !c.is_ascii()),
            "{table} is headed in Chinese: {header}"
        );
        assert!(body.lines().count() >= 3, "{table} has example rows");
    }

    let check = dormplan(&["check", "city/scenario.toml"], tmp.path());
    assert_eq!(check.status.code(), Some(0), "{}", show(&check));
    let report = text(&check.stdout);
    assert!(
        report.contains("check passed: 0 errors, 0 warning(s)"),
        "{report}"
    );
    assert!(report.contains("Variant standard-10: ok"), "{report}");

    let alloc = dormplan(
        &["allocate", "city/scenario.toml", "-o", "city/out"],
        tmp.path(),
    );
    assert!(alloc.status.success(), "{}", show(&alloc));
    let towns = csv_rows(&city.join("out/towns.csv"));
    let demand: u64 = towns
        .iter()
        .map(|r| r["demand"].parse::<u64>().unwrap())
        .sum();
    let people: u64 = csv_rows(&city.join("demand.csv"))
        .iter()
        .map(|r| r["人数"].parse::<u64>().unwrap())
        .sum();
    assert_eq!(demand, people, "every group of the template is allocated");
    assert!(towns.iter().all(|r| r["beds"] != "0"), "{towns:?}");
}

#[test]
fn the_starter_policy_has_the_rules_of_the_sample() {
    let tmp = tempfile::tempdir().unwrap();
    let out = dormplan(&["init", "."], tmp.path());
    assert!(out.status.success(), "{}", show(&out));
    let starter = load_policy(&tmp.path().join("policy.toml")).expect("the starter policy");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/policy/ningbo-rental-pilot.toml");
    let sample = load_policy(&sample).expect("the sample policy");
    assert_ne!(starter.name, sample.name);
    assert_eq!(
        dormplan::model::policy::Policy {
            name: sample.name.clone(),
            ..starter
        },
        sample
    );
}

#[test]
fn init_never_replaces_a_file_and_writes_nothing_when_one_is_there() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(dormplan(&["init", "city"], tmp.path()).status.success());
    let city = tmp.path().join("city");
    // The planner's edits are not lost to a second init.
    std::fs::write(city.join("towns.csv"), "edited").unwrap();
    let before = contents(&city);
    let again = dormplan(&["init", "city"], tmp.path());
    assert_eq!(again.status.code(), Some(2), "{}", show(&again));
    let stderr = text(&again.stderr);
    for name in FILES {
        let named = format!(
            "error[FILE_EXISTS] {}",
            Path::new("city").join(name).display()
        );
        assert!(stderr.contains(&named), "{name}: {stderr}");
    }
    assert_eq!(contents(&city), before, "nothing changed");

    // One file of the planner's in a folder: refused, and no other file is written.
    let mine = tmp.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("demand.csv"), "mine").unwrap();
    let out = dormplan(&["init", "mine"], tmp.path());
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(text(&out.stderr).contains("FILE_EXISTS"), "{}", show(&out));
    assert_eq!(
        contents(&mine).into_keys().collect::<Vec<_>>(),
        ["demand.csv"]
    );
    assert!(!mine.join(".dormplan-commit").exists());
}

#[test]
fn plain_csv_leaves_out_the_byte_order_mark() {
    let tmp = tempfile::tempdir().unwrap();
    let out = dormplan(&["--plain-csv", "init", "city"], tmp.path());
    assert!(out.status.success(), "{}", show(&out));
    let towns = std::fs::read(tmp.path().join("city/towns.csv")).unwrap();
    assert!(!towns.starts_with(BOM.as_bytes()));
    assert!(towns.starts_with("行政区划代码".as_bytes()));
}

/// An output folder may receive the starter files; a later run into it replaces and removes
/// only its own outputs, never them.
#[test]
fn a_later_run_into_the_folder_leaves_the_starter_files_alone() {
    let f = Fixture::new();
    f.write();
    let run = |args: &[&str]| {
        let out = dormplan(args, f.path());
        assert!(out.status.success(), "{args:?}: {}", show(&out));
    };
    run(&["capacity", "scenario.toml", "-o", "out"]);
    run(&["init", "out"]);
    let starter: BTreeMap<String, Vec<u8>> = contents(&f.path().join("out"))
        .into_iter()
        .filter(|(name, _)| FILES.contains(&name.as_str()))
        .collect();
    assert_eq!(starter.len(), FILES.len());
    // `points` writes other files: capacity's are removed as stale, the starter's stay.
    run(&["points", "scenario.toml", "-o", "out"]);
    let now = contents(&f.path().join("out"));
    assert!(!now.contains_key("capacity_towns.csv"), "{:?}", now.keys());
    assert!(now.contains_key("points_sites.csv"));
    for (name, bytes) in &starter {
        assert_eq!(now.get(name), Some(bytes), "{name}");
    }
}
