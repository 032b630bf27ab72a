//! The files as a planner opens them: every CSV starts with the UTF-8 byte-order mark (unless
//! `--plain-csv`), and the workbook beside them, read back with calamine, holds every CSV table
//! with the same header, the same rows and the same totals, numbers as numbers.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{BOM, Fixture, csv_text, dormplan, show};
use std::path::Path;

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `dormplan ARGS -o DIR` from the repository root and returns the output folder.
fn run(args: &[&str], dir: &Path) {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["-o", dir.to_str().expect("a UTF-8 path")]);
    let o = dormplan(&all, repo_root());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
}

/// The CSV files of a folder, by name, sorted.
fn csv_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the output folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .into_string()
                .expect("UTF-8")
        })
        .filter(|n| n.ends_with(".csv"))
        .collect();
    names.sort();
    names
}

/// A CSV output: header and rows.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    common::csv_table(csv_text(path).as_bytes())
}

/// A sheet as rows of cells.
fn sheet(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, name: &str) -> Vec<Vec<Data>> {
    let range = book
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    range.rows().map(<[Data]>::to_vec).collect()
}

fn as_text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("a text cell, found {other:?}"),
    }
}

/// The CSV column name in a sheet's heading, after checking that the heading also names the
/// column in Chinese: `床位\nbeds` in a Chinese run, `beds\n床位` in an English one.
fn csv_name(heading: &str, lang: &str, file: &str) -> String {
    let lines: Vec<&str> = heading.lines().collect();
    assert_eq!(lines.len(), 2, "{file}: {heading:?} has no label");
    let (name, label) = match lang {
        "zh" => (lines[1], lines[0]),
        _ => (lines[0], lines[1]),
    };
    assert!(
        label
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{file}: {heading:?} has no Chinese label"
    );
    name.to_string()
}

/// Checks every CSV of `dir` against its sheet in `workbook`, and returns, per CSV, the
/// columns written as numbers.
fn check_workbook(dir: &Path, workbook: &str) -> Vec<(String, Vec<String>)> {
    check_workbook_in(dir, workbook, "en")
}

/// [`check_workbook`] of a run in `lang`.
fn check_workbook_in(dir: &Path, workbook: &str, lang: &str) -> Vec<(String, Vec<String>)> {
    let mut book: Xlsx<_> = open_workbook(dir.join(workbook)).expect("a workbook");
    let names = book.sheet_names();
    assert_eq!(names[0], "说明 About", "{names:?}");
    let about: Vec<String> = sheet(&mut book, &names[0])
        .iter()
        .flatten()
        .filter_map(|c| match c {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    let files = csv_files(dir);
    assert_eq!(names.len(), files.len() + 1, "a sheet per CSV: {names:?}");
    let mut numeric = Vec::new();
    for file in files {
        let stem = file.trim_end_matches(".csv");
        assert!(names.iter().any(|n| n == stem), "no sheet for {file}");
        assert!(about.contains(&file), "the first sheet lists {file}");
        let (header, rows) = read_csv(&dir.join(&file));
        let cells = sheet(&mut book, stem);
        let got_header: Vec<String> = cells[0]
            .iter()
            .map(|c| csv_name(&as_text(c), lang, &file))
            .collect();
        assert_eq!(got_header, header, "{file}: header");
        assert_eq!(cells.len() - 1, rows.len(), "{file}: rows");
        let mut numbers = Vec::new();
        for (col, title) in header.iter().enumerate() {
            let column: Vec<&Data> = cells[1..].iter().map(|r| &r[col]).collect();
            let is_number = column.iter().any(|c| matches!(c, Data::Float(_)));
            for (row, cell) in column.iter().enumerate() {
                let csv = &rows[row][col];
                match cell {
                    Data::Float(x) => {
                        assert_eq!(*x, csv.parse::<f64>().unwrap(), "{file} {title} row {row}")
                    }
                    Data::Empty => assert!(csv.is_empty(), "{file} {title} row {row}"),
                    Data::String(s) => {
                        assert!(!is_number, "{file} {title}: text {s:?} among numbers");
                        assert_eq!(s, csv, "{file} {title} row {row}");
                    }
                    other => panic!("{file} {title} row {row}: {other:?}"),
                }
            }
            if is_number {
                // Totals in the same order over the same values: equal to the last bit.
                let sheet_total: f64 = column
                    .iter()
                    .map(|c| match c {
                        Data::Float(x) => *x,
                        _ => 0.0,
                    })
                    .sum();
                let csv_total: f64 = rows
                    .iter()
                    .map(|r| r[col].parse::<f64>().unwrap_or(0.0))
                    .sum();
                assert_eq!(sheet_total, csv_total, "{file} {title}: total");
                numbers.push(title.clone());
            }
        }
        numeric.push((file, numbers));
    }
    numeric
}

fn numeric_columns<'a>(numeric: &'a [(String, Vec<String>)], file: &str) -> &'a [String] {
    &numeric
        .iter()
        .find(|(f, _)| f == file)
        .unwrap_or_else(|| panic!("{file}"))
        .1
}

/// Asserts that `columns` of `file` are written as numbers.
fn assert_numbers(numeric: &[(String, Vec<String>)], file: &str, columns: &[&str]) {
    let found = numeric_columns(numeric, file);
    for column in columns {
        assert!(
            found.iter().any(|c| c == column),
            "{file} {column}: {found:?}"
        );
    }
}

#[test]
fn allocate_workbook_matches_its_csv_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    run(&["allocate", "scenarios/cixi-2020.toml"], &dir);
    let numeric = check_workbook(&dir, "allocate.xlsx");
    let allocations = numeric_columns(&numeric, "allocations.csv");
    assert_eq!(allocations, ["people", "metres", "cost"]);
    let columns = ["demand", "housed", "unhoused", "beds", "mean_commute_km"];
    assert_numbers(&numeric, "towns.csv", &columns);
    // Codes stay text: 330282002 is a town, not a number.
    assert!(!numeric_columns(&numeric, "towns.csv").contains(&"code".to_string()));
    // The city's 128,941 people housed, in either file.
    let (header, rows) = read_csv(&dir.join("towns.csv"));
    let housed = header.iter().position(|h| h == "housed").unwrap();
    let total: u64 = rows.iter().map(|r| r[housed].parse::<u64>().unwrap()).sum();
    assert_eq!(total, 128_941);
}

#[test]
fn subsidy_workbook_matches_its_csv_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    run(&["subsidy", "scenarios/cixi-2022-expansion.toml"], &dir);
    let numeric = check_workbook(&dir, "subsidy.xlsx");
    let columns = ["amount_yuan", "expected_yuan", "beds", "year"];
    assert_numbers(&numeric, "subsidy_projects.csv", &columns);
    assert_numbers(&numeric, "subsidy_by_town.csv", &["eligible_yuan"]);
}

#[test]
fn every_command_heads_every_column_in_chinese_and_by_its_csv_name() {
    let tmp = tempfile::tempdir().unwrap();
    let runs: &[(&[&str], &str)] = &[
        (
            &["capacity", "scenarios/cixi-2020.toml", "--sites"],
            "capacity.xlsx",
        ),
        (&["allocate", "scenarios/cixi-2020.toml"], "allocate.xlsx"),
        (
            &["subsidy", "scenarios/cixi-2022-expansion.toml"],
            "subsidy.xlsx",
        ),
        (&["plan", "scenarios/cixi-2022-expansion.toml"], "plan.xlsx"),
        (
            &["sweep", "scenarios/cixi-standard-sweep.toml"],
            "sweep.xlsx",
        ),
        (
            &[
                "compare",
                "scenarios/cixi-2020.toml",
                "scenarios/cixi-standard-sweep.toml#standard-10",
            ],
            "compare.xlsx",
        ),
        (&["rank", "scenarios/cixi-2022-expansion.toml"], "rank.xlsx"),
        (&["points", "scenarios/cixi-2020.toml"], "points.xlsx"),
    ];
    for (i, (args, book)) in runs.iter().enumerate() {
        for lang in ["zh", "en"] {
            let dir = tmp.path().join(format!("{i}-{lang}"));
            let mut all = args.to_vec();
            all.extend(["--lang", lang]);
            run(&all, &dir);
            check_workbook_in(&dir, book, lang);
        }
    }
}

#[test]
fn the_workbook_is_the_same_on_every_run() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    run(&["plan", "scenarios/cixi-2022-expansion.toml"], &a);
    run(&["plan", "scenarios/cixi-2022-expansion.toml"], &b);
    let read = |d: &Path| std::fs::read(d.join("plan.xlsx")).expect("a workbook");
    assert!(read(&a) == read(&b), "plan.xlsx differs between runs");
}

#[test]
fn csv_files_start_with_a_byte_order_mark_unless_plain() {
    let f = Fixture::new();
    let scenario = f.write();
    let scenario = scenario.to_str().unwrap();
    for (plain, out) in [(false, "bom"), (true, "plain")] {
        let mut args = vec!["allocate", scenario, "-o", out];
        if plain {
            args.insert(0, "--plain-csv");
        }
        let o = dormplan(&args, f.path());
        assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    }
    let (bom, plain) = (f.path().join("bom"), f.path().join("plain"));
    let files = csv_files(&bom);
    assert!(files.len() >= 4, "{files:?}");
    assert_eq!(files, csv_files(&plain));
    for file in files {
        let with = std::fs::read(bom.join(&file)).unwrap();
        let without = std::fs::read(plain.join(&file)).unwrap();
        assert!(with.starts_with(BOM.as_bytes()), "{file}");
        assert_eq!(
            &with[BOM.len()..],
            &without[..],
            "{file}: the same but for the mark"
        );
    }
    // GeoJSON has no mark: JSON forbids it.
    let geojson = std::fs::read(bom.join("sites.geojson")).unwrap();
    assert!(geojson.starts_with(b"{"));
}

/// A table saved by Excel as "CSV UTF-8" starts with the mark; dormplan reads it as it reads
/// one without, as it reads its own outputs.
#[test]
fn inputs_with_a_byte_order_mark_read_as_without() {
    let plain = Fixture::new();
    plain.write();
    let mut marked = Fixture::new();
    for name in ["towns.csv", "sites.csv", "demand.csv"] {
        let text = std::fs::read(plain.path().join(name)).unwrap();
        marked = marked.set(name, [BOM.as_bytes(), &text].concat());
    }
    marked.write();
    let o = dormplan(&["check", "scenario.toml"], marked.path());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    for f in [&plain, &marked] {
        let o = dormplan(&["allocate", "scenario.toml", "-o", "out"], f.path());
        assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    }
    // Not the workbook, nor run.json: they record each input's SHA-256, which the mark changes.
    for name in ["allocations.csv", "sites.csv", "towns.csv", "unhoused.csv"] {
        let read = |f: &Fixture| std::fs::read(f.path().join("out").join(name)).unwrap();
        assert!(read(&plain) == read(&marked), "{name} differs");
    }
}

/// The workbook's sheets pass through the temporary folder row by row: when it cannot be
/// written, the run says which folder and why, and writes nothing.
#[test]
fn an_unwritable_temporary_folder_is_named_and_nothing_is_written() {
    let f = Fixture::new();
    let scenario = f.write();
    let missing = f.path().join("no-such-folder");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_dormplan"))
        .args(["allocate", scenario.to_str().unwrap(), "-o", "out"])
        .current_dir(f.path())
        .env("SOURCE_DATE_EPOCH", common::RUN_TIME)
        .env("TMPDIR", &missing)
        .output()
        .expect("running dormplan");
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    let err = common::text(&o.stderr);
    assert!(
        err.contains(&format!("cannot write {}", missing.display())),
        "{err}"
    );
    assert!(
        !f.path().join("out").exists(),
        "a failed run leaves no folder"
    );
}
