//! Whole outputs of every command on the Cixi sample scenarios, pinned byte for byte in
//! `tests/golden/`: the exit code, stdout, stderr and every file written with `-o`.
//!
//! After an intended change of output, regenerate the files with
//! `DORMPLAN_BLESS=1 cargo test --release --test golden` and say why in the commit and in
//! CHANGELOG.md (see `tests/golden/README.md`).

mod common;

use common::dormplan;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Stands for the output folder: in the arguments it is replaced by a fresh temporary folder;
/// in the recorded outputs that folder's path is replaced by it.
const OUT: &str = "OUT";

/// Setting this variable (to anything but empty or `0`) rewrites the golden files instead of
/// comparing with them.
const BLESS: &str = "DORMPLAN_BLESS";

/// The same command as run, for the recorded status and for messages.
const BLESS_COMMAND: &str = "DORMPLAN_BLESS=1 cargo test --release --test golden";

/// One test per case, each named after its folder under `tests/golden/`; `CASES` lists them
/// all so that a folder left from a removed case is noticed.
macro_rules! cases {
    ($($case:ident => [$($arg:expr),+ $(,)?];)+) => {
        const CASES: &[&str] = &[$(stringify!($case)),+];
        $(
            #[test]
            fn $case() {
                check_case(stringify!($case), &[$($arg),+]);
            }
        )+
    };
}

cases! {
    check_2020 => ["check", "scenarios/cixi-2020.toml"];
    check_standard_sweep => ["check", "scenarios/cixi-standard-sweep.toml"];
    capacity_2020 => ["capacity", "scenarios/cixi-2020.toml", "-o", OUT];
    capacity_2020_sites_standard_10 => [
        "capacity", "scenarios/cixi-2020.toml", "--sites", "--standard", "10", "-o", OUT,
    ];
    allocate_2020 => ["allocate", "scenarios/cixi-2020.toml", "-o", OUT];
    subsidy_2022_expansion => ["subsidy", "scenarios/cixi-2022-expansion.toml", "-o", OUT];
    subsidy_strict => ["subsidy", "scenarios/cixi-strict-subsidy.toml", "-o", OUT];
    // The plan report and plan_summary.csv name the solver and show its own objective, bound
    // and the work of the exact search that starts from its choice, so they depend on the
    // backend. microlp is named explicitly so that the build with `--features highs` (whose
    // default is HiGHS) gives the same bytes.
    plan_2022_expansion => [
        "plan", "scenarios/cixi-2022-expansion.toml", "--solver", "microlp", "-o", OUT,
    ];
    // Zhouxiang's minimum needs a project; the cheapest costs more than 1,000,000 yuan net.
    plan_2022_expansion_budget_too_small => [
        "plan", "scenarios/cixi-2022-expansion.toml", "--budget", "1000000", "--solver",
        "microlp", "-o", OUT,
    ];
    sweep_standard => ["sweep", "scenarios/cixi-standard-sweep.toml", "-o", OUT];
    compare_2020_standard_10 => [
        "compare", "scenarios/cixi-2020.toml", "scenarios/cixi-standard-sweep.toml#standard-10",
        "-o", OUT,
    ];
    // rank plans the scenario (it has a budget) on the build's default solver; only the chosen
    // projects and their allocation reach its outputs, and the exact search makes those the
    // same on either solver (ties go to the lower net cost, then to file order).
    rank_2022_expansion => ["rank", "scenarios/cixi-2022-expansion.toml", "-o", OUT];
    rank_2022_expansion_zhouxiang => [
        "rank", "scenarios/cixi-2022-expansion.toml", "--town", "周巷镇", "-o", OUT,
    ];
    points_2020 => ["points", "scenarios/cixi-2020.toml"];
    // explain solves the plan again with each change, on the build's default solver, like
    // rank: what it shows depends only on the chosen projects.
    explain_2020 => ["explain", "scenarios/cixi-2020.toml"];
    explain_2022_expansion => ["explain", "scenarios/cixi-2022-expansion.toml", "-o", OUT];
    // The reports in Chinese.
    check_2020_zh => ["check", "scenarios/cixi-2020.toml", "--lang", "zh"];
    capacity_2020_zh => ["capacity", "scenarios/cixi-2020.toml", "--sites", "--lang", "zh"];
    allocate_2020_zh => ["allocate", "scenarios/cixi-2020.toml", "--lang", "zh", "-o", OUT];
    points_2020_zh => ["points", "scenarios/cixi-2020.toml", "--lang", "zh"];
    subsidy_2022_expansion_zh => ["subsidy", "scenarios/cixi-2022-expansion.toml", "--lang", "zh"];
    sweep_standard_zh => ["sweep", "scenarios/cixi-standard-sweep.toml", "--lang", "zh"];
    compare_2020_standard_10_zh => [
        "compare", "scenarios/cixi-2020.toml", "scenarios/cixi-standard-sweep.toml#standard-10",
        "--lang", "zh",
    ];
    explain_2020_zh => ["explain", "scenarios/cixi-2020.toml", "--lang", "zh"];
    explain_2022_expansion_zhouxiang_zh => [
        "explain", "scenarios/cixi-2022-expansion.toml", "--town", "周巷镇", "--lang", "zh",
    ];
    rank_2022_expansion_zhouxiang_zh => [
        "rank", "scenarios/cixi-2022-expansion.toml", "--town", "周巷镇", "--lang", "zh",
    ];
    plan_2022_expansion_zh => [
        "plan", "scenarios/cixi-2022-expansion.toml", "--solver", "microlp", "--lang", "zh",
    ];
    // The lines of a plan proven by Benders decomposition, in Chinese.
    plan_2022_expansion_benders_zh => [
        "plan", "scenarios/cixi-2022-expansion.toml", "--method", "benders", "--solver",
        "microlp", "--lang", "zh",
    ];
    // The whole result as JSON on stdout, for every command (docs/json.md).
    check_2020_json => ["check", "scenarios/cixi-2020.toml", "--json"];
    capacity_2020_json => ["capacity", "scenarios/cixi-2020.toml", "--json"];
    allocate_2020_json => ["allocate", "scenarios/cixi-2020.toml", "--json"];
    subsidy_2022_expansion_json => ["subsidy", "scenarios/cixi-2022-expansion.toml", "--json"];
    plan_2022_expansion_json => [
        "plan", "scenarios/cixi-2022-expansion.toml", "--solver", "microlp", "--json",
    ];
    sweep_standard_json => ["sweep", "scenarios/cixi-standard-sweep.toml", "--json"];
    compare_2020_standard_10_json => [
        "compare", "scenarios/cixi-2020.toml", "scenarios/cixi-standard-sweep.toml#standard-10",
        "--json",
    ];
    rank_2022_expansion_zhouxiang_json => [
        "rank", "scenarios/cixi-2022-expansion.toml", "--town", "周巷镇", "--json",
    ];
    points_2020_json => ["points", "scenarios/cixi-2020.toml", "--json"];
    explain_2022_expansion_zhouxiang_json => [
        "explain", "scenarios/cixi-2022-expansion.toml", "--town", "周巷镇", "--json",
    ];
    // Nothing on stdout; the warnings on stderr.
    allocate_2020_quiet => ["allocate", "scenarios/cixi-2020.toml", "--quiet"];
}

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn golden_root() -> PathBuf {
    repo_root().join("tests/golden")
}

fn blessing() -> bool {
    std::env::var_os(BLESS).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Runs one case from the repository root, so that the relative scenario paths it prints are
/// the same everywhere, and compares (or, blessing, records) everything it produced.
fn check_case(name: &str, args: &[&str]) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    // Not created beforehand: a command that fails must leave it absent.
    let out_dir = tmp.path().join("out");
    let out_str = out_dir.to_str().expect("a UTF-8 temporary path");
    let run_args: Vec<&str> = args
        .iter()
        .map(|&a| if a == OUT { out_str } else { a })
        .collect();
    // At a fixed time (`SOURCE_DATE_EPOCH`), so that run.json and the workbooks' first sheet
    // are the same on every run.
    let o = dormplan(&run_args, repo_root());

    let mut found = BTreeMap::new();
    let code = o.status.code().map_or_else(
        || "none (killed by a signal)".to_string(),
        |c| c.to_string(),
    );
    found.insert(
        "status.txt".to_string(),
        format!("$ dormplan {}\nexit code {code}\n", args.join(" ")).into_bytes(),
    );
    found.insert(
        "stdout.txt".to_string(),
        normalise_out_dir(&o.stdout, out_str, "stdout"),
    );
    // Most cases print nothing on stderr; an empty stderr has no file.
    if !o.stderr.is_empty() {
        found.insert(
            "stderr.txt".to_string(),
            normalise_out_dir(&o.stderr, out_str, "stderr"),
        );
    }
    if out_dir.exists() {
        for entry in std::fs::read_dir(&out_dir).expect("the output folder") {
            let entry = entry.expect("an output file");
            let file_name = entry.file_name().into_string().expect("a UTF-8 file name");
            assert!(
                entry.file_type().expect("a file type").is_file(),
                "{name}: {file_name} in the output folder is not a file"
            );
            let bytes = std::fs::read(entry.path()).expect("an output file");
            found.insert(format!("out/{file_name}"), bytes);
        }
    }

    let dir = golden_root().join(name);
    if blessing() {
        bless(&dir, &found);
        return;
    }
    let expected = read_golden(&dir);
    assert!(
        !expected.is_empty(),
        "{name}: no golden files in {}; record them with {BLESS_COMMAND}",
        dir.display()
    );
    let problems = compare(&expected, &found);
    assert!(
        problems.is_empty(),
        "{name}: the output differs from tests/golden/{name}\n\n{}\n\nIf the change is \
         intended, regenerate with {BLESS_COMMAND} and give the reason in the commit message \
         and in CHANGELOG.md.",
        problems.join("\n\n")
    );
}

/// The output folder is a fresh temporary folder, so its path differs from run to run and
/// machine to machine; it is printed only on the line that says what was written ("Wrote … in
/// DIR", "已写入 …，目录：DIR"), where it is replaced by `OUT`. Anywhere else it would be a new, unexpected output, so that fails.
fn normalise_out_dir(bytes: &[u8], out_dir: &str, stream: &str) -> Vec<u8> {
    let text =
        String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("{stream} is not UTF-8: {e}"));
    let normalised: String = text
        .split_inclusive('\n')
        .map(|line| {
            // "Wrote … in DIR" in English, "已写入 …，目录：DIR" in Chinese.
            if line.starts_with("Wrote ") || line.starts_with("已写入 ") {
                line.replace(out_dir, OUT)
            } else {
                line.to_string()
            }
        })
        .collect();
    assert!(
        !normalised.contains(out_dir),
        "the output folder's path appears in {stream} other than on the Wrote line:\n{text}"
    );
    normalised.into_bytes()
}

/// Every file of a case's golden folder, by path relative to it (`out/NAME` for the files the
/// command wrote).
fn read_golden(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return files;
    }
    for (prefix, folder) in [("", dir.to_path_buf()), ("out/", dir.join("out"))] {
        if !folder.exists() {
            continue;
        }
        for entry in std::fs::read_dir(&folder).expect("a golden folder") {
            let entry = entry.expect("a golden file");
            if entry.file_type().expect("a file type").is_dir() {
                continue;
            }
            let file_name = entry.file_name().into_string().expect("a UTF-8 file name");
            let bytes = std::fs::read(entry.path()).expect("a golden file");
            files.insert(format!("{prefix}{file_name}"), bytes);
        }
    }
    files
}

/// Replaces a case's golden folder by what the command produced.
fn bless(dir: &Path, found: &BTreeMap<String, Vec<u8>>) {
    if dir.exists() {
        std::fs::remove_dir_all(dir).expect("removing the old golden files");
    }
    for (rel, bytes) in found {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("a golden folder");
        std::fs::write(&path, bytes).expect("writing a golden file");
    }
    eprintln!("blessed {}", dir.display());
}

/// One message per missing, unexpected or different file.
fn compare(expected: &BTreeMap<String, Vec<u8>>, found: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut problems = Vec::new();
    for (rel, want) in expected {
        match found.get(rel) {
            None if rel == "stderr.txt" => problems.push(format!(
                "stderr.txt: expected on stderr, found nothing:\n{}",
                String::from_utf8_lossy(want)
            )),
            None => problems.push(format!("{rel}: expected, but not written")),
            Some(got) if got != want => {
                problems.push(format!("{rel}: {}", describe_difference(want, got)));
            }
            Some(_) => {}
        }
    }
    for (rel, got) in found {
        if expected.contains_key(rel) {
            continue;
        }
        if rel == "stderr.txt" {
            problems.push(format!(
                "stderr.txt: expected nothing on stderr, found:\n{}",
                String::from_utf8_lossy(got)
            ));
        } else {
            problems.push(format!("{rel}: written, but not expected"));
        }
    }
    problems
}

/// Where two texts first differ, by line, with the two lines before it for context.
fn describe_difference(expected: &[u8], found: &[u8]) -> String {
    let (want, got) = (
        String::from_utf8_lossy(expected),
        String::from_utf8_lossy(found),
    );
    let want: Vec<&str> = want.split_inclusive('\n').collect();
    let got: Vec<&str> = got.split_inclusive('\n').collect();
    let first = want
        .iter()
        .zip(&got)
        .position(|(a, b)| a != b)
        .unwrap_or(want.len().min(got.len()));
    // The column (in characters) where the two lines part, when both exist.
    let column = match (want.get(first), got.get(first)) {
        (Some(a), Some(b)) => {
            let same = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
            format!(", column {}", same + 1)
        }
        _ => String::new(),
    };
    let mut s = format!(
        "first difference at line {}{column} (lines: expected {}, found {})\n",
        first + 1,
        want.len(),
        got.len()
    );
    for (i, line) in want
        .iter()
        .enumerate()
        .take(first)
        .skip(first.saturating_sub(2))
    {
        s.push_str(&format!("  {:>6}   {}\n", i + 1, shown(Some(line))));
    }
    s.push_str(&format!(
        "  expected {}\n  found    {}",
        shown(want.get(first).copied()),
        shown(got.get(first).copied())
    ));
    s
}

/// A line as printed in a difference: without its newline, or marked when it has none.
fn shown(line: Option<&str>) -> String {
    match line {
        None => "(end of file)".to_string(),
        Some(l) => match l.strip_suffix('\n') {
            Some(body) => body.to_string(),
            None => format!("{l}(no newline at the end)"),
        },
    }
}

/// Every folder under `tests/golden/` belongs to a case (blessing removes the others).
#[test]
fn no_golden_folder_without_a_case() {
    let mut stale = Vec::new();
    for entry in std::fs::read_dir(golden_root()).expect("tests/golden") {
        let entry = entry.expect("an entry");
        let file_name = entry.file_name().into_string().expect("a UTF-8 name");
        let is_dir = entry.file_type().expect("a file type").is_dir();
        if !is_dir && file_name == "README.md" || is_dir && CASES.contains(&file_name.as_str()) {
            continue;
        }
        if blessing() && is_dir {
            std::fs::remove_dir_all(entry.path()).expect("removing a stale golden folder");
            eprintln!("removed {}", entry.path().display());
        } else {
            stale.push(file_name);
        }
    }
    assert!(
        stale.is_empty(),
        "tests/golden has entries that no case produces: {stale:?}"
    );
}

#[test]
fn a_difference_names_its_first_line() {
    let d = describe_difference(b"a\nb\nc\nd\n", b"a\nb\nc\nD\n");
    assert_eq!(
        d,
        "first difference at line 4, column 1 (lines: expected 4, found 4)\n\
         \x20      2   b\n\
         \x20      3   c\n\
         \x20 expected d\n\
         \x20 found    D"
    );
    let d = describe_difference(b"a\nb\n", b"a\nb");
    assert_eq!(
        d,
        "first difference at line 2, column 2 (lines: expected 2, found 2)\n\
         \x20      1   a\n\
         \x20 expected b\n\
         \x20 found    b(no newline at the end)"
    );
    let d = describe_difference(b"a\n", b"a\nb\n");
    assert_eq!(
        d,
        "first difference at line 2 (lines: expected 1, found 2)\n\
         \x20      1   a\n\
         \x20 expected (end of file)\n\
         \x20 found    b"
    );
}

/// The README's example outputs are the sample's real output: every line of each example block
/// (but the `…` that stand for lines left out) is a line of the golden report it shows.
#[test]
fn the_readme_examples_are_lines_of_the_golden_reports() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README.md");
    let blocks: Vec<&str> = readme
        .split("```text\n")
        .skip(1)
        .map(|b| b.split("\n```").next().unwrap_or_default())
        .collect();
    let examples = [
        ("Allocation: Cixi 2020 baseline", "allocate_2020"),
        ("安置方案：Cixi 2020 baseline", "allocate_2020_zh"),
    ];
    for (first, case) in examples {
        let block = blocks
            .iter()
            .find(|b| b.starts_with(first))
            .unwrap_or_else(|| panic!("README.md has no example starting {first:?}"));
        let golden = std::fs::read_to_string(golden_root().join(case).join("stdout.txt"))
            .expect("a golden report");
        let lines: Vec<&str> = golden.lines().collect();
        for line in block.lines() {
            if line == "…" || line.starts_with("│ …") {
                continue;
            }
            assert!(
                lines.contains(&line),
                "README.md's example of {case} has a line the report does not:\n{line}"
            );
        }
    }
}
