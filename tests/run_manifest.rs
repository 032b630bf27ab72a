//! `run.json` in every output folder: the command line, the version, the time (fixed by
//! `SOURCE_DATE_EPOCH`), the scenarios with their standard and policy reading, and every
//! input file with the SHA-256 of its bytes.

mod common;

use common::{Fixture, POLICY, show};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::{Command, Output};

/// The default fixture with a policy, a cost matrix and a variant that reads other sites.
fn fixture() -> Fixture {
    Fixture::new()
        .set("policy.toml", POLICY)
        .set("sites_more.csv", common::SITES.replace(",1000,800,", ",2000,1600,"))
        .set(
            "costs.csv",
            "demand_id,site_id,cost\nD1,S1,100\nD1,S2,2000\nD1,S3,2000\nD2,S1,2000\nD2,S2,100\nD2,S3,100\n",
        )
        .edit(
            "scenario.toml",
            "demand = \"demand.csv\"\n",
            "demand = \"demand.csv\"\npolicy = \"policy.toml\"\n",
        )
        .append(
            "scenario.toml",
            "\n[allocation]\ncost_matrix = \"costs.csv\"\ncost_unit = \"metres\"\n\n\
             [[variant]]\nname = \"more\"\n[variant.data]\nsites = \"sites_more.csv\"\n",
        )
}

/// Runs dormplan in the fixture's folder at [`common::RUN_TIME`].
fn run(f: &Fixture, args: &[&str]) -> Output {
    common::dormplan(args, f.path())
}

/// `dormplan capacity scenario.toml -o out` with `SOURCE_DATE_EPOCH` set to `epoch`, or unset.
fn capacity_at(f: &Fixture, epoch: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dormplan"));
    command
        .args(["capacity", "scenario.toml", "-o", "out"])
        .current_dir(f.path());
    match epoch {
        Some(value) => command.env("SOURCE_DATE_EPOCH", value),
        None => command.env_remove("SOURCE_DATE_EPOCH"),
    };
    command.output().expect("running dormplan")
}

fn run_json(dir: &Path) -> Value {
    let bytes = std::fs::read(dir.join("run.json")).expect("run.json is written");
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "run.json has no BOM");
    serde_json::from_slice(&bytes).expect("run.json is JSON")
}

fn sha256(path: &Path) -> String {
    let digest = Sha256::digest(std::fs::read(path).expect("an input"));
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// `(role, path)` of every listed input, after checking that its hash is the file's.
fn checked_inputs(f: &Fixture, record: &Value) -> Vec<(String, String)> {
    let inputs = record["inputs"].as_array().expect("a list of inputs");
    inputs
        .iter()
        .map(|i| {
            let path = i["path"].as_str().expect("a path");
            assert_eq!(
                i["sha256"].as_str(),
                Some(sha256(&f.path().join(path)).as_str()),
                "{path}"
            );
            (
                i["role"].as_str().expect("a role").to_string(),
                path.to_string(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|&(r, p)| (r.to_string(), p.to_string()))
        .collect()
}

const BASE_INPUTS: &[(&str, &str)] = &[
    ("scenario", "scenario.toml"),
    ("towns", "towns.csv"),
    ("sites", "sites.csv"),
    ("demand", "demand.csv"),
    ("policy", "policy.toml"),
    ("cost_matrix", "costs.csv"),
];

#[test]
fn every_command_with_an_output_folder_writes_run_json() {
    let f = fixture();
    f.write();
    let cases: &[&[&str]] = &[
        &["allocate", "scenario.toml", "--out-crs", "gcj02"],
        &["capacity", "scenario.toml", "--standard", "10"],
        &["subsidy", "scenario.toml"],
        &[
            "plan",
            "scenario.toml",
            "--budget",
            "0",
            "--out-crs",
            "wgs84",
        ],
        &["sweep", "scenario.toml"],
        &["compare", "scenario.toml", "scenario.toml#more"],
        &["rank", "scenario.toml#more", "--by", "net_cost_per_bed"],
        &["points", "scenario.toml", "--crs", "wgs84"],
    ];
    for (i, args) in cases.iter().enumerate() {
        let out = format!("out{i}");
        let mut full = args.to_vec();
        full.extend(["-o", out.as_str()]);
        let o = run(&f, &full);
        assert_eq!(o.status.code(), Some(0), "{args:?}\n{}", show(&o));
        let record = run_json(&f.path().join(&out));
        let mut command = vec!["dormplan"];
        // Recorded as dormplan read them: money to the fen.
        command.extend(args.iter().map(|&a| if a == "0" { "0.00" } else { a }));
        assert_eq!(record["command"], serde_json::json!(command), "{args:?}");
        assert_eq!(record["dormplan_version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(record["time"], "2023-11-14T22:13:20Z");
        assert_eq!(record["time_source"], "SOURCE_DATE_EPOCH");
        let listed = checked_inputs(&f, &record);
        let mut expected = pairs(BASE_INPUTS);
        if args[0] == "points" {
            // The points are what a routing engine makes the matrix from: it is not read.
            expected.pop();
        }
        let more = ("sites".to_string(), "sites_more.csv".to_string());
        if args[0] == "rank" {
            // The variant alone, whose sites are its own.
            expected[2] = more;
        } else if ["sweep", "compare"].contains(&args[0]) {
            expected.push(more);
        }
        assert_eq!(listed, expected, "{args:?}");
        let written = std::fs::read_to_string(f.path().join(&out).join(".dormplan-files"))
            .expect("the list of written files");
        assert!(written.lines().any(|l| l == "run.json"), "{args:?}");
    }
}

#[test]
fn run_json_names_the_scenarios_the_standard_and_the_policy_reading() {
    let f = fixture();
    f.write();
    let o = run(&f, &["sweep", "scenario.toml", "-o", "out"]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let record = run_json(&f.path().join("out"));
    let scenarios = record["scenarios"].as_array().expect("a list of scenarios");
    assert_eq!(scenarios.len(), 2);
    assert_eq!(scenarios[0]["file"], "scenario.toml");
    assert_eq!(scenarios[0]["name"], "Test");
    assert!(scenarios[0].get("variant").is_none());
    assert_eq!(scenarios[1]["variant"], "more");
    let standard = &scenarios[0]["standard"];
    assert_eq!(standard["plan_m2_per_person"], 9.0);
    assert_eq!(standard["min_m2_per_person"], 8.0);
    assert_eq!(standard["max_m2_per_person"], 10.0);
    let policy = &scenarios[0]["policy"];
    assert_eq!(policy["file"], "policy.toml");
    assert_eq!(policy["name"], "Test policy");
    let programme = &policy["programmes"][0];
    assert_eq!(programme["id"], "pilot");
    assert!(
        programme["reading"]
            .as_str()
            .is_some_and(|r| r.contains("30% on rental_new_build")),
        "{programme}"
    );
    assert!(
        programme["settings"]
            .as_array()
            .is_some_and(|s| s.contains(&serde_json::json!(["years.from", "2020"]))),
        "{programme}"
    );
    // The keys in their fixed order.
    let text = std::fs::read_to_string(f.path().join("out/run.json")).unwrap();
    let at = |key: &str| text.find(&format!("\"{key}\":")).expect(key);
    let keys = [
        "command",
        "dormplan_version",
        "time",
        "time_source",
        "scenarios",
        "inputs",
    ];
    assert!(keys.windows(2).all(|w| at(w[0]) < at(w[1])), "{text}");
    assert!(text.ends_with("}\n"));
}

#[test]
fn the_standard_given_on_the_command_line_is_the_one_recorded() {
    let f = fixture();
    f.write();
    let o = run(
        &f,
        &["capacity", "scenario.toml", "--standard", "10", "-o", "out"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let record = run_json(&f.path().join("out"));
    assert_eq!(
        record["scenarios"][0]["standard"]["plan_m2_per_person"],
        10.0
    );
}

#[test]
fn changing_an_input_changes_its_hash_and_only_its_hash() {
    let f = fixture();
    f.write();
    let hashes = |out: &str| -> Vec<(String, String)> {
        let o = run(&f, &["allocate", "scenario.toml", "-o", out]);
        assert_eq!(o.status.code(), Some(0), "{}", show(&o));
        let record = run_json(&f.path().join(out));
        record["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| (i["path"].to_string(), i["sha256"].to_string()))
            .collect()
    };
    let before = hashes("before");
    let demand = f.path().join("demand.csv");
    let text = std::fs::read_to_string(&demand).unwrap();
    std::fs::write(&demand, text.replace(",120,", ",121,")).unwrap();
    let after = hashes("after");
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(a.0, b.0);
        assert_eq!(a.1 != b.1, a.0 == "\"demand.csv\"", "{a:?} against {b:?}");
    }
}

#[test]
fn the_same_inputs_at_the_same_time_give_the_same_bytes() {
    let f = fixture();
    f.write();
    for out in ["first", "second"] {
        let o = run(&f, &["allocate", "scenario.toml", "-o", out]);
        assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    }
    let read = |out: &str| std::fs::read(f.path().join(out).join("run.json")).unwrap();
    assert_eq!(read("first"), read("second"));
    let book = |out: &str| std::fs::read(f.path().join(out).join("allocate.xlsx")).unwrap();
    assert_eq!(book("first"), book("second"));
}

#[test]
fn without_source_date_epoch_the_clock_gives_the_time() {
    let f = fixture();
    f.write();
    let o = capacity_at(&f, None);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let record = run_json(&f.path().join("out"));
    assert_eq!(record["time_source"], "clock");
    let time = record["time"].as_str().expect("a time");
    let at = humantime::parse_rfc3339(time).expect("RFC 3339");
    let now = std::time::SystemTime::now();
    let age = now.duration_since(at).unwrap_or_default();
    assert!(age.as_secs() < 600, "{time}");
}

#[test]
fn a_malformed_source_date_epoch_writes_nothing() {
    let f = fixture();
    f.write();
    let o = capacity_at(&f, Some("yesterday"));
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("SOURCE_DATE_EPOCH") && stderr.contains("\"yesterday\""),
        "{stderr}"
    );
    assert!(!f.path().join("out").exists());
}

#[test]
fn a_later_run_replaces_run_json_and_the_earlier_run_s_files() {
    let f = fixture();
    f.write();
    let o = run(&f, &["allocate", "scenario.toml", "-o", "out"]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    std::fs::write(f.path().join("out/notes.txt"), "mine").unwrap();
    let o = run(&f, &["capacity", "scenario.toml", "-o", "out"]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let record = run_json(&f.path().join("out"));
    assert_eq!(record["command"][1], "capacity");
    let out = f.path().join("out");
    assert!(
        !out.join("allocations.csv").exists(),
        "a stale file is left"
    );
    assert!(
        !out.join("allocate.xlsx").exists(),
        "a stale workbook is left"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine"
    );
}
