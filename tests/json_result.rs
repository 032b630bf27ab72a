//! `--json`, `--quiet` and `--lang` on the sample: the JSON result holds every table of the CSV
//! files with the same rows and values, its summary agrees with the tables, the terminal report
//! and the workbook; `--quiet` writes the same files and prints nothing; the language comes
//! from `--lang`, else from the scenario's `lang`.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{Fixture, csv_table, csv_text, dormplan, show, text};
use serde_json::Value;
use std::path::Path;

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `dormplan ARGS --json -o DIR` from the repository root: the parsed JSON document.
fn json_run(args: &[&str], dir: &Path) -> Value {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--json", "-o", dir.to_str().expect("a UTF-8 path")]);
    let o = dormplan(&all, repo_root());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON: {e}\n{}", show(&o)))
}

/// A JSON value as the CSV writes it.
fn as_csv(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => panic!("a table cell is {other}"),
    }
}

/// Every CSV file of `dir` but warnings.csv is a table of the JSON document, with the same
/// columns in the same order and the same values; and every table of the document is a file.
fn tables_match_the_csv_files(doc: &Value, dir: &Path) {
    let tables = doc["tables"].as_object().expect("tables");
    let mut files = 0;
    for entry in std::fs::read_dir(dir).expect("the output folder") {
        let name = entry.expect("an entry").file_name().into_string().unwrap();
        let Some(stem) = name.strip_suffix(".csv") else {
            continue;
        };
        if stem == "warnings" {
            continue;
        }
        files += 1;
        let rows = tables[stem]
            .as_array()
            .unwrap_or_else(|| panic!("no table {stem} in the JSON"));
        let (header, csv_rows) = csv_table(csv_text(&dir.join(&name)).as_bytes());
        assert_eq!(rows.len(), csv_rows.len(), "{name}: rows");
        for (i, (row, csv)) in rows.iter().zip(&csv_rows).enumerate() {
            let object = row.as_object().expect("a row is an object");
            let keys: Vec<&String> = object.keys().collect();
            let header: Vec<&String> = header.iter().collect();
            assert_eq!(keys, header, "{name} row {i}: columns");
            for ((key, value), cell) in object.iter().zip(csv) {
                match value {
                    // A number equals the CSV's decimal (which may show trailing zeros).
                    Value::Number(n) => assert_eq!(
                        n.as_f64(),
                        cell.parse::<f64>().ok(),
                        "{name} row {i} column {key}: {cell:?}"
                    ),
                    _ => assert_eq!(&as_csv(value), cell, "{name} row {i} column {key}"),
                }
                if key.contains("yuan") {
                    assert!(!value.is_number(), "{name} {key}: money is exact text");
                }
            }
        }
    }
    assert_eq!(files, tables.len(), "a table per CSV file");
}

#[test]
fn every_command_puts_its_tables_in_the_json_as_in_the_csv_files() {
    let cases: &[&[&str]] = &[
        &["capacity", "scenarios/cixi-2020.toml"],
        &["allocate", "scenarios/cixi-2020.toml"],
        &["subsidy", "scenarios/cixi-2022-expansion.toml"],
        &["plan", "scenarios/cixi-2022-expansion.toml"],
        &["sweep", "scenarios/cixi-standard-sweep.toml"],
        &[
            "compare",
            "scenarios/cixi-2020.toml",
            "scenarios/cixi-standard-sweep.toml#standard-10",
        ],
        &["rank", "scenarios/cixi-2022-expansion.toml"],
        &["points", "scenarios/cixi-2020.toml"],
        &["explain", "scenarios/cixi-2020.toml"],
        &["report", "scenarios/cixi-2022-expansion.toml"],
    ];
    for args in cases {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        let doc = json_run(args, &dir);
        assert_eq!(doc["schema"], "dormplan-result/1", "{args:?}");
        assert_eq!(doc["command"], args[0], "{args:?}");
        assert!(doc["summary"].is_object(), "{args:?}: a summary");
        assert!(
            doc["run"]["inputs"].is_array(),
            "{args:?}: the record of the run"
        );
        tables_match_the_csv_files(&doc, &dir);
        // The warnings are the rows of warnings.csv.
        let warnings = doc["warnings"].as_array().expect("warnings");
        let listed = std::fs::read(dir.join("warnings.csv"))
            .map(|b| csv_table(&b).1.len())
            .unwrap_or(0);
        assert_eq!(warnings.len(), listed, "{args:?}: warnings");
        // Files written are listed.
        let written = doc["files"]["written"].as_array().expect("files written");
        assert!(written.iter().any(|f| f == "run.json"), "{args:?}");
    }
}

#[test]
fn allocate_totals_agree_across_json_csv_workbook_and_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    let doc = json_run(&["allocate", "scenarios/cixi-2020.toml"], &dir);
    let summary = &doc["summary"];
    let sum = |table: &str, column: &str| -> u64 {
        doc["tables"][table]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r[column].as_u64().unwrap_or(0))
            .sum()
    };
    let (demand, housed, unhoused) = (
        summary["demand"].as_u64().unwrap(),
        summary["housed"].as_u64().unwrap(),
        summary["unhoused"].as_u64().unwrap(),
    );
    assert_eq!(demand, housed + unhoused);
    assert_eq!(sum("towns", "demand"), demand);
    assert_eq!(sum("towns", "housed"), housed);
    assert_eq!(sum("unhoused", "people"), unhoused);
    assert_eq!(sum("allocations", "people"), housed);
    let by_reason: u64 = summary["unhoused_by_reason"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(by_reason, unhoused);

    // The workbook's towns sheet.
    let mut book: Xlsx<_> = open_workbook(dir.join("allocate.xlsx")).expect("a workbook");
    let range = book.worksheet_range("towns").expect("a towns sheet");
    let rows: Vec<&[Data]> = range.rows().collect();
    let col = |name: &str| {
        rows[0]
            .iter()
            // A heading is the CSV name over the Chinese name in an English run.
            .position(|c| matches!(c, Data::String(s) if s.lines().next() == Some(name)))
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let (d, h) = (col("demand"), col("housed"));
    let total = |c: usize| -> f64 {
        rows[1..]
            .iter()
            .map(|r| match r[c] {
                Data::Float(x) => x,
                ref other => panic!("a number, found {other:?}"),
            })
            .sum()
    };
    assert_eq!(total(d), demand as f64);
    assert_eq!(total(h), housed as f64);

    // The terminal report's total row, with its thousands separators.
    let o = dormplan(&["allocate", "scenarios/cixi-2020.toml"], repo_root());
    let report = text(&o.stdout);
    let grouped = |n: u64| dormplan::numbers::grouped(n as i64);
    let total_row = report
        .lines()
        .find(|l| l.starts_with("│ total"))
        .expect("a total row");
    let cells: Vec<&str> = total_row
        .split(['│', '┆'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(cells[1], grouped(demand), "{total_row}");
    assert_eq!(cells[2], grouped(housed), "{total_row}");
    assert_eq!(cells[3], grouped(unhoused), "{total_row}");
}

#[test]
fn json_without_a_folder_writes_nothing_and_still_holds_the_tables() {
    let o = dormplan(
        &["allocate", "scenarios/cixi-2020.toml", "--json"],
        repo_root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert!(doc["files"].is_null());
    assert!(!doc["tables"]["towns"].as_array().unwrap().is_empty());
    // Warnings go to stderr as well, never into stdout's JSON text.
    assert!(text(&o.stderr).contains("OVER_OCCUPIED"));
}

#[test]
fn check_json_lists_errors_and_fails() {
    let f = Fixture::new().edit("sites.csv", "1000,800,,", "1000,-800,,");
    f.write();
    let o = dormplan(&["check", "scenario.toml", "--json"], f.path());
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(doc["summary"]["passed"], false);
    let errors = doc["errors"].as_array().unwrap();
    assert_eq!(
        doc["summary"]["errors"].as_u64().unwrap(),
        errors.len() as u64
    );
    assert!(
        errors
            .iter()
            .any(|e| e["file"] == "sites.csv" && e["severity"] == "error"),
        "{errors:?}"
    );
}

#[test]
fn quiet_prints_nothing_and_writes_the_same_files() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let run = |dir: &Path, extra: &[&str]| {
        let mut args = vec!["allocate", "scenarios/cixi-2020.toml", "-o"];
        args.push(dir.to_str().unwrap());
        args.extend(extra);
        dormplan(&args, repo_root())
    };
    let loud = run(&a, &[]);
    let quiet = run(&b, &["--quiet"]);
    assert_eq!(quiet.status.code(), Some(0), "{}", show(&quiet));
    assert!(quiet.stdout.is_empty(), "{}", show(&quiet));
    assert_eq!(quiet.stderr, loud.stderr, "the same warnings on stderr");
    for entry in std::fs::read_dir(&a).unwrap() {
        let name = entry.unwrap().file_name();
        if name == "run.json" || name == "allocate.xlsx" {
            // They record the command line, which differs by --quiet.
            continue;
        }
        assert_eq!(
            std::fs::read(a.join(&name)).unwrap(),
            std::fs::read(b.join(&name)).unwrap(),
            "{name:?}"
        );
    }
    // --json and --quiet together are refused.
    let both = dormplan(
        &["allocate", "scenarios/cixi-2020.toml", "--json", "--quiet"],
        repo_root(),
    );
    assert_eq!(both.status.code(), Some(2), "{}", show(&both));
}

#[test]
fn the_language_comes_from_lang_else_from_the_scenario() {
    let plain = Fixture::new();
    plain.write();
    let zh = Fixture::new().edit("scenario.toml", "name = ", "lang = \"zh\"\nname = ");
    zh.write();
    let first_line = |f: &Fixture, extra: &[&str]| {
        let mut args = vec!["allocate", "scenario.toml"];
        args.extend(extra);
        let o = dormplan(&args, f.path());
        assert_eq!(o.status.code(), Some(0), "{}", show(&o));
        text(&o.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    assert!(first_line(&plain, &[]).starts_with("Allocation: "));
    assert!(first_line(&plain, &["--lang", "zh"]).starts_with("安置方案："));
    assert!(first_line(&zh, &[]).starts_with("安置方案："));
    assert!(first_line(&zh, &["--lang", "en"]).starts_with("Allocation: "));
    // A language dormplan does not speak is refused, naming the choices.
    let o = dormplan(&["allocate", "scenario.toml", "--lang", "fr"], plain.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("expected zh or en"),
        "{}",
        show(&o)
    );
    // Bad input is reported in the scenario's language too, unless --lang says otherwise.
    let missing = Fixture::new()
        .edit("scenario.toml", "name = ", "lang = \"zh\"\nname = ")
        .edit("scenario.toml", "\"demand.csv\"", "\"missing.csv\"");
    missing.write();
    let o = dormplan(&["allocate", "scenario.toml"], missing.path());
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(
        text(&o.stderr).starts_with("dormplan: 输入有 1 个错误"),
        "{}",
        show(&o)
    );
    let o = dormplan(
        &["allocate", "scenario.toml", "--lang", "en"],
        missing.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(text(&o.stderr).starts_with("dormplan: "), "{}", show(&o));
    assert!(!text(&o.stderr).contains("输入有"), "{}", show(&o));
    let bad = Fixture::new().edit("scenario.toml", "name = ", "lang = \"fr\"\nname = ");
    bad.write();
    let o = dormplan(&["check", "scenario.toml"], bad.path());
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert!(text(&o.stdout).contains("UNKNOWN_VALUE"), "{}", show(&o));
}

#[test]
fn unhoused_explanations_follow_the_language() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    let o = dormplan(
        &[
            "allocate",
            "scenarios/cixi-2020.toml",
            "--lang",
            "zh",
            "-o",
            dir.to_str().unwrap(),
        ],
        repo_root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let (header, rows) = csv_table(csv_text(&dir.join("unhoused.csv")).as_bytes());
    let at = header.iter().position(|h| h == "explanation").unwrap();
    let reason = header.iter().position(|h| h == "reason").unwrap();
    assert!(!rows.is_empty());
    for r in rows {
        // The code stays; its explanation is Chinese.
        assert!(
            r[reason]
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '_')
        );
        assert!(!r[at].is_ascii(), "{:?}", r[at]);
    }
}

/// The keys of a summary: its own, and those of the objects in it (one level down, and in
/// lists of objects), except maps keyed by data (`unhoused_by_reason`'s codes).
fn summary_keys(summary: &Value) -> std::collections::BTreeSet<String> {
    let mut keys = std::collections::BTreeSet::new();
    for (k, v) in summary.as_object().expect("a summary object") {
        keys.insert(k.clone());
        let inner: Vec<&Value> = match v {
            Value::Object(_) if k != "unhoused_by_reason" => vec![v],
            Value::Array(items) => items.iter().collect(),
            _ => vec![],
        };
        for o in inner.iter().filter_map(|v| v.as_object()) {
            keys.extend(o.keys().cloned());
        }
    }
    keys
}

/// docs/json.md's table of summaries names every key each command's summary has, and no key
/// it does not have (the sample's golden `--json` documents are the commands' real output);
/// `plan`'s summary is the one row of `plan_summary.csv`.
#[test]
fn the_documented_summary_keys_are_the_real_ones() {
    let doc = std::fs::read_to_string(repo_root().join("docs/json.md")).expect("docs/json.md");
    let goldens = [
        ("capacity", "capacity_2020_json"),
        ("allocate", "allocate_2020_json"),
        ("subsidy", "subsidy_2022_expansion_json"),
        ("plan", "plan_2022_expansion_json"),
        ("sweep", "sweep_standard_json"),
        ("compare", "compare_2020_standard_10_json"),
        ("rank", "rank_2022_expansion_zhouxiang_json"),
        ("points", "points_2020_json"),
        ("explain", "explain_2022_expansion_zhouxiang_json"),
    ];
    for (command, golden) in goldens {
        let row = doc
            .lines()
            .find(|l| l.starts_with(&format!("| `{command}` |")))
            .unwrap_or_else(|| panic!("docs/json.md has no summary row for {command}"));
        let cell = row.split('|').nth(2).expect("a second cell");
        let documented: std::collections::BTreeSet<String> = cell
            .split('`')
            .skip(1)
            .step_by(2)
            // `tables.sweep`, `plan_summary.csv`: where the figures are, not keys.
            .filter(|k| !k.contains('.'))
            .map(str::to_string)
            .collect();
        let path = repo_root()
            .join("tests/golden")
            .join(golden)
            .join("stdout.txt");
        let result: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("a golden")).expect("JSON");
        let real = summary_keys(&result["summary"]);
        if command == "plan" {
            assert!(cell.contains("`plan_summary.csv`"), "{row}");
            let table = &result["tables"]["plan_summary"][0];
            let columns: std::collections::BTreeSet<String> =
                table.as_object().expect("a row").keys().cloned().collect();
            assert_eq!(real, columns, "plan's summary is plan_summary.csv's row");
            continue;
        }
        assert_eq!(real, documented, "{command}: summary keys vs docs/json.md");
    }
}
