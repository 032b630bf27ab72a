//! `dormplan sweep` on the sample's standard sweep (8, 9 and 10 m² per person): monotone in the
//! standard, in file order, and byte for byte the same whatever the number of threads.

mod common;

use common::csv_rows;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scenario() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/cixi-standard-sweep.toml")
}

/// Runs the sweep in a fresh folder with `-o out`, so that the report names the same folder
/// whatever temporary folder it runs in.
fn sweep(threads: &str) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let o = Command::new(env!("CARGO_BIN_EXE_dormplan"))
        .arg("sweep")
        .arg(scenario())
        .args(["--threads", threads, "-o", "out"])
        .current_dir(dir.path())
        .output()
        .expect("running dormplan");
    assert_eq!(
        o.status.code(),
        Some(0),
        "--threads {threads}\n{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (dir, o)
}

fn number(row: &BTreeMap<String, String>, column: &str) -> u64 {
    row[column]
        .parse()
        .unwrap_or_else(|_| panic!("{column} is a whole number: {row:?}"))
}

#[test]
fn the_output_is_the_same_on_one_thread_and_on_two() {
    let (one, o1) = sweep("1");
    let (two, o2) = sweep("2");
    assert_eq!(
        String::from_utf8_lossy(&o1.stdout),
        String::from_utf8_lossy(&o2.stdout),
        "the terminal report"
    );
    for name in ["sweep.csv", "sweep_towns.csv"] {
        let a = std::fs::read(one.path().join("out").join(name)).expect("written");
        let b = std::fs::read(two.path().join("out").join(name)).expect("written");
        assert!(a == b, "{name} differs between 1 and 2 threads");
    }
    // The progress bar is for terminals only: a piped stderr holds the warnings and nothing
    // else.
    let stderr = String::from_utf8_lossy(&o1.stderr);
    for line in stderr.lines().filter(|l| !l.is_empty()) {
        assert!(
            line.starts_with("Warnings (")
                || line.starts_with("  warning[")
                || line.starts_with("Every warning is in "),
            "not a warning on stderr: {line:?}\n{stderr}"
        );
    }
}

#[test]
fn fewer_beds_and_no_more_housed_as_the_standard_rises() {
    let (dir, _) = sweep("2");
    let table = csv_rows(&dir.path().join("out/sweep.csv"));
    let order: Vec<(&str, &str)> = table
        .iter()
        .map(|r| (r["variant"].as_str(), r["standard_m2"].as_str()))
        .collect();
    assert_eq!(
        order,
        [
            ("base", "8"),
            ("standard-8", "8"),
            ("standard-9", "9"),
            ("standard-10", "10"),
        ],
        "base first, then the variants in file order"
    );
    // The base plans at 8 m², like its first variant.
    assert_eq!(table[0].get("beds"), table[1].get("beds"));
    for pair in table[1..].windows(2) {
        let (lo, hi) = (&pair[0], &pair[1]);
        assert!(
            number(hi, "beds") < number(lo, "beds"),
            "beds fall from {} to {}",
            lo["variant"],
            hi["variant"]
        );
        assert!(
            number(hi, "housed") <= number(lo, "housed"),
            "housed does not rise from {} to {}",
            lo["variant"],
            hi["variant"]
        );
        assert_eq!(number(hi, "demand"), number(lo, "demand"));
    }
    for r in &table {
        assert_eq!(
            number(r, "housed") + number(r, "unhoused"),
            number(r, "demand"),
            "{r:?}"
        );
        assert!(number(r, "housed") <= number(r, "beds"), "{r:?}");
    }

    // Per town, beds never rise with the standard either, and the towns add up to the total.
    let towns = csv_rows(&dir.path().join("out/sweep_towns.csv"));
    let mut beds: BTreeMap<(String, String), u64> = BTreeMap::new();
    for r in &towns {
        beds.insert(
            (r["variant"].clone(), r["town_code"].clone()),
            number(r, "beds"),
        );
    }
    for r in &table {
        let sum: u64 = towns
            .iter()
            .filter(|t| t["variant"] == r["variant"])
            .map(|t| number(t, "beds"))
            .sum();
        assert_eq!(sum, number(r, "beds"), "{}", r["variant"]);
    }
    for ((variant, town), b10) in beds.iter().filter(|((v, _), _)| v == "standard-10") {
        let b8 = beds[&("standard-8".to_string(), town.clone())];
        assert!(*b10 <= b8, "{variant} {town}: {b10} > {b8}");
    }
}
