//! The bad-input corpus: one folder per bad input under `tests/data/bad/`, run through the
//! `dormplan` binary.
//!
//! Each case folder `NNN-slug/` holds only the files it replaces in `_base/` (a small valid
//! scenario), byte for byte as a user's editor or spreadsheet would leave them, and a
//! `case.toml` saying what dormplan must answer:
//!
//! ```toml
//! about = "a NUL byte inside a site id on line 2"  # one line: what the case is
//! args = ["allocate", "scenario.toml", "-o", "out"] # the default
//! exit = 2                                          # the exact exit code
//! code = "BAD_TEXT"                                 # the problem code (docs/errors.md)
//! file = "sites.csv"                                # the file the problem names
//! at = "line 2"     # or "feature 3", "key a.b", "line 14 key a.b", "file"
//! field = "id"      # the field the problem names; absent: the problem names none
//! message = "..."   # optional: more text that must be on the problem's line
//! remove = ["towns.csv"]          # optional: files of `_base` removed
//! setup = "fifo:sites.csv"        # optional: dir:P, fifo:P, symlink-loop:P, symlink:P=TARGET,
//!                                  # pad:P=BYTES (P with BYTES line ends added)
//! env = { DORMPLAN_MAX_ROWS = "1" } # optional: environment variables for the run
//! fresh_out = true                # optional: no earlier output folder `out/`
//! earlier = ["allocate", "scenario.toml", "-o", "out"]  # optional: what wrote `out/`
//! known_bad = "why"               # optional: dormplan does not say this yet; not run
//! ```
//!
//! Several setups are separated by ` ; `; `sample:DIR` copies the Cixi sample into DIR and
//! `replace-all:P=FROM=>TO` edits a file. A case with `exit = 0` is a valid input that once
//! failed: it must succeed without an internal check failure, change nothing outside `out/`,
//! and name the problem only when `code` is not empty.
//!
//! For every case the harness copies `_base` into a temporary folder, places there as `out/`
//! the output folder of an earlier successful run (of `earlier`, or of the case's own command
//! writing to `out`; `allocate` for commands without `-o`), applies the case's removals, files
//! and setup, and runs the command in that folder. It then asserts the exit code, a line
//! naming the code, file, location and field together (on stderr; on stdout for `check`,
//! which lists problems in its report), and that no file or folder under the temporary folder
//! was created, removed or changed: inputs and earlier outputs byte for byte, and no new
//! hidden file either. Every failure is reported at the end, each with the run's output.
//!
//! `BAD_CORPUS_ONLY=text` runs only the cases whose folder name contains `text`;
//! `BAD_CORPUS_KNOWN_BAD=1` runs the `known_bad` cases too (to see whether they now pass).
#![cfg(unix)]

mod common;

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The corpus folder.
fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad")
}

/// Fewest cases the corpus may hold.
const MIN_CASES: usize = 90;
/// Longest a case may run before it counts as a hang.
const TIMEOUT: Duration = Duration::from_secs(20);

/// A case's `case.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    about: String,
    #[serde(default = "default_args")]
    args: Vec<String>,
    earlier: Option<Vec<String>>,
    #[serde(default)]
    fresh_out: bool,
    exit: i32,
    code: String,
    file: String,
    at: String,
    field: Option<String>,
    message: Option<String>,
    #[serde(default)]
    remove: Vec<String>,
    setup: Option<String>,
    /// Environment variables set for the run (the reading limits).
    #[serde(default)]
    env: std::collections::BTreeMap<String, String>,
    known_bad: Option<String>,
}

fn default_args() -> Vec<String> {
    ["allocate", "scenario.toml", "-o", "out"]
        .map(String::from)
        .to_vec()
}

impl Case {
    /// The command whose output folder is placed as `out/` before the case runs: `earlier`,
    /// else the case's command writing to `out`, else `allocate` (for commands without `-o`).
    fn earlier_args(&self) -> Vec<String> {
        if let Some(e) = &self.earlier {
            return e.clone();
        }
        let mut args = self.args.clone();
        match args.iter().position(|a| a == "-o" || a == "--out") {
            Some(i) if i + 1 < args.len() => {
                args[i + 1] = "out".into();
                args
            }
            _ => default_args(),
        }
    }
}

/// Where a problem must be, as a case's `at` says.
#[derive(Debug)]
enum At {
    File,
    Line(u64),
    Feature(usize),
    Key { key: String, line: Option<u64> },
}

impl At {
    fn parse(s: &str) -> Result<At, String> {
        let number = |n: &str| {
            n.trim()
                .parse()
                .map_err(|_| format!("bad number in at = {s:?}"))
        };
        if s == "file" {
            Ok(At::File)
        } else if let Some(rest) = s.strip_prefix("line ") {
            match rest.split_once(" key ") {
                Some((n, key)) => Ok(At::Key {
                    key: key.to_string(),
                    line: Some(number(n)?),
                }),
                None => Ok(At::Line(number(rest)?)),
            }
        } else if let Some(n) = s.strip_prefix("feature ") {
            Ok(At::Feature(number(n)? as usize))
        } else if let Some(key) = s.strip_prefix("key ") {
            Ok(At::Key {
                key: key.to_string(),
                line: None,
            })
        } else {
            Err(format!(
                "at = {s:?}: expected \"file\", \"line N\", \"feature N\", \"key K\" or \"line N key K\""
            ))
        }
    }

    /// The length of this location's text at the start of `s`, as `Location` displays it
    /// (`:17`, ` feature #3`, ` [a.b]`, `:14 [a.b]`, `:14 [a.b, variant "x"]`, or nothing).
    fn matched(&self, s: &str) -> Option<usize> {
        /// `:N` not followed by another digit.
        fn line(s: &str, n: u64) -> Option<usize> {
            let text = format!(":{n}");
            let rest = s.strip_prefix(&text)?;
            (!rest.starts_with(|c: char| c.is_ascii_digit())).then_some(text.len())
        }
        /// ` [K]`, or ` [K, variant "NAME"]` for a problem in a variant's own data.
        fn key(s: &str, key: &str) -> Option<usize> {
            let rest = s.strip_prefix(" [")?.strip_prefix(key)?;
            let tail = if rest.starts_with(']') {
                1
            } else {
                let name = rest.strip_prefix(", variant \"")?;
                ", variant \"".len() + name.find("\"]")? + 2
            };
            Some(2 + key.len() + tail)
        }
        match self {
            At::File => {
                (s.is_empty() || s.starts_with(": ") || s.starts_with(" field ")).then_some(0)
            }
            At::Line(n) => line(s, *n).filter(|&l| !s[l..].starts_with(" [")),
            At::Feature(i) => {
                let text = format!(" feature #{i}");
                let rest = s.strip_prefix(&text)?;
                (!rest.starts_with(|c: char| c.is_ascii_digit())).then_some(text.len())
            }
            At::Key { key: k, line: None } => {
                let skip = match s.strip_prefix(':') {
                    Some(rest) => 1 + rest.find(|c: char| !c.is_ascii_digit())?,
                    None => 0,
                };
                key(&s[skip..], k).map(|l| skip + l)
            }
            At::Key {
                key: k,
                line: Some(n),
            } => {
                let l = line(s, *n)?;
                key(&s[l..], k).map(|k| l + k)
            }
        }
    }
}

/// True when `line` is the problem the case expects: its code, then a path ending in the
/// case's file name, the location, the field (or none), and the extra message if any.
fn names_the_problem(line: &str, case: &Case, at: &At) -> bool {
    let tag = format!("[{}] ", case.code);
    let Some(start) = line.find(&tag) else {
        return false;
    };
    let rest = &line[start + tag.len()..];
    if let Some(m) = &case.message
        && !line.contains(m.as_str())
    {
        return false;
    }
    rest.match_indices(case.file.as_str()).any(|(i, _)| {
        if i > 0 && !rest[..i].ends_with('/') {
            return false;
        }
        let after = &rest[i + case.file.len()..];
        let Some(l) = at.matched(after) else {
            return false;
        };
        let after = &after[l..];
        match &case.field {
            Some(f) => after
                .strip_prefix(" field ")
                .and_then(|a| a.strip_prefix(f.as_str()))
                .is_some_and(|a| a.is_empty() || a.starts_with(':')),
            None => !after.starts_with(" field "),
        }
    })
}

/// What is at a path, for comparing a folder before and after a run.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    File(Vec<u8>),
    Dir,
    Link(PathBuf),
    Other,
}

/// Every file, folder and link under `root` (links not followed), by relative path.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Entry> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Entry>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .expect("reading a folder")
            .map(|e| e.expect("a folder entry").path())
            .collect();
        entries.sort();
        for path in entries {
            let rel = path.strip_prefix(root).expect("under root").to_path_buf();
            let meta = fs::symlink_metadata(&path).expect("metadata");
            let t = meta.file_type();
            let entry = if t.is_symlink() {
                Entry::Link(fs::read_link(&path).expect("a link"))
            } else if t.is_dir() {
                walk(root, &path, out);
                Entry::Dir
            } else if t.is_file() {
                Entry::File(fs::read(&path).expect("reading a file"))
            } else {
                Entry::Other // a FIFO is never opened: that would block
            };
            out.insert(rel, entry);
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// What differs between two snapshots, one line per path.
fn differences(before: &BTreeMap<PathBuf, Entry>, after: &BTreeMap<PathBuf, Entry>) -> Vec<String> {
    let mut out = Vec::new();
    for (path, was) in before {
        match after.get(path) {
            None => out.push(format!("removed {}", path.display())),
            Some(now) if now != was => out.push(format!("changed {}", path.display())),
            Some(_) => {}
        }
    }
    for path in after.keys().filter(|p| !before.contains_key(*p)) {
        out.push(format!("created {}", path.display()));
    }
    out
}

/// Removes whatever is at `path`: a file, a link or a folder.
fn remove_any(path: &Path) -> std::io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Copies every file under `from` into `to` (folders created as needed), except `skip`.
fn copy_tree(from: &Path, to: &Path, skip: Option<&Path>) -> std::io::Result<()> {
    for entry in fs::read_dir(from)? {
        let path = entry?.path();
        if Some(path.as_path()) == skip {
            continue;
        }
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            fs::create_dir_all(&target)?;
            copy_tree(&path, &target, None)?;
        } else {
            remove_any(&target)?;
            fs::copy(&path, &target)?;
        }
    }
    Ok(())
}

/// The special file or folder a case's `setup` asks for.
fn apply_setup(dir: &Path, setup: &str) -> Result<(), String> {
    let (kind, spec) = setup
        .split_once(':')
        .ok_or_else(|| format!("setup = {setup:?}: expected KIND:PATH"))?;
    let (path, target) = match spec.split_once('=') {
        Some((p, t)) => (p, Some(t)),
        None => (spec, None),
    };
    let at = dir.join(path);
    if kind == "sample" {
        // The embedded Cixi sample, copied at run time rather than into the case.
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cixi");
        fs::create_dir_all(&at).map_err(|e| format!("setup: {path}: {e}"))?;
        return copy_tree(&sample, &at, None)
            .map_err(|e| format!("setup: copying the sample: {e}"));
    }
    if kind == "replace-all" {
        let (from, to) = target
            .and_then(|t| t.split_once("=>"))
            .ok_or_else(|| format!("setup = {setup:?}: expected replace-all:PATH=FROM=>TO"))?;
        let text = fs::read_to_string(&at).map_err(|e| format!("setup: reading {path}: {e}"))?;
        return fs::write(&at, text.replace(from, to))
            .map_err(|e| format!("setup: writing {path}: {e}"));
    }
    if kind == "pad" {
        // A large file made at run time rather than committed: the base file and N line ends.
        let n: usize = target
            .and_then(|t| t.parse().ok())
            .ok_or_else(|| format!("setup = {setup:?}: expected pad:PATH=BYTES"))?;
        let mut bytes = fs::read(&at).map_err(|e| format!("setup: reading {path}: {e}"))?;
        bytes.resize(bytes.len() + n, b'\n');
        return fs::write(&at, bytes).map_err(|e| format!("setup: writing {path}: {e}"));
    }
    remove_any(&at).map_err(|e| format!("setup: removing {path}: {e}"))?;
    let made = match (kind, target) {
        ("dir", None) => fs::create_dir(&at),
        ("symlink-loop", None) => std::os::unix::fs::symlink(at.file_name().expect("a name"), &at),
        ("symlink", Some(t)) => std::os::unix::fs::symlink(t, &at),
        ("fifo", None) => {
            let status = Command::new("mkfifo")
                .arg(&at)
                .status()
                .map_err(|e| format!("setup: running mkfifo: {e}"))?;
            if !status.success() {
                return Err(format!("setup: mkfifo {path} failed"));
            }
            Ok(())
        }
        _ => return Err(format!("setup = {setup:?}: unknown kind")),
    };
    made.map_err(|e| format!("setup {setup:?}: {e}"))
}

/// Exit code, stdout and stderr of one run.
struct Run {
    exit: Option<i32>,
    stdout: String,
    stderr: String,
    timed_out: bool,
}

impl Run {
    fn show(&self) -> String {
        let exit = match (self.timed_out, self.exit) {
            (true, _) => "none: killed after 20 s".to_string(),
            (false, Some(c)) => c.to_string(),
            (false, None) => "none: killed by a signal".to_string(),
        };
        format!(
            "    exit {exit}\n    --- stdout\n{}    --- stderr\n{}",
            indent(&self.stdout),
            indent(&self.stderr)
        )
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}

/// Runs dormplan with `args` in `cwd`, stdin closed, output into files of `scratch` (outside
/// `cwd`), killed after [`TIMEOUT`].
fn run(args: &[String], cwd: &Path, scratch: &Path) -> Run {
    run_with(args, &Default::default(), cwd, scratch)
}

fn run_with(
    args: &[String],
    env: &std::collections::BTreeMap<String, String>,
    cwd: &Path,
    scratch: &Path,
) -> Run {
    let (out_path, err_path) = (scratch.join("stdout"), scratch.join("stderr"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_dormplan"))
        .args(args)
        .envs(env)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).expect("a stdout file"))
        .stderr(fs::File::create(&err_path).expect("a stderr file"))
        .spawn()
        .expect("starting dormplan");
    let started = Instant::now();
    let (status, timed_out) = loop {
        if let Some(status) = child.try_wait().expect("waiting for dormplan") {
            break (Some(status), false);
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break (None, true);
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let read = |p: &Path| String::from_utf8_lossy(&fs::read(p).unwrap_or_default()).into_owned();
    Run {
        exit: status.and_then(|s| s.code()),
        stdout: read(&out_path),
        stderr: read(&err_path),
        timed_out,
    }
}

/// The files of an earlier run's output folder, by path inside it.
type Folder = BTreeMap<PathBuf, Vec<u8>>;

/// Runs `args` on a fresh copy of `_base` and returns its `out/` folder; the same command runs
/// once for the whole corpus.
fn earlier_output(
    cache: &mut HashMap<Vec<String>, Result<Folder, String>>,
    args: &[String],
) -> Result<Folder, String> {
    cache
        .entry(args.to_vec())
        .or_insert_with(|| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let scratch = tempfile::tempdir().expect("a temporary folder");
            copy_tree(&corpus().join("_base"), dir.path(), None).expect("copying _base");
            let r = run(args, dir.path(), scratch.path());
            let out = dir.path().join("out");
            if r.exit != Some(0) || !out.join(".dormplan-files").is_file() {
                return Err(format!(
                    "the earlier run `dormplan {}` on _base did not write out/:\n{}",
                    args.join(" "),
                    r.show()
                ));
            }
            Ok(snapshot(&out)
                .into_iter()
                .filter_map(|(p, e)| match e {
                    Entry::File(bytes) => Some((p, bytes)),
                    _ => None,
                })
                .collect())
        })
        .clone()
}

/// A case's folder, set up: a copy of `_base` with an earlier run's `out/`, the case's
/// removals, files and setup applied; and a scratch folder for the run's output.
fn prepare(
    name: &str,
    case: &Case,
    cache: &mut HashMap<Vec<String>, Result<Folder, String>>,
) -> Result<(tempfile::TempDir, tempfile::TempDir), String> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    copy_tree(&corpus().join("_base"), root, None).map_err(|e| format!("copying _base: {e}"))?;
    if !case.fresh_out {
        for (path, bytes) in earlier_output(cache, &case.earlier_args())? {
            let target = root.join("out").join(path);
            fs::create_dir_all(target.parent().expect("a parent")).expect("a folder");
            fs::write(target, bytes).expect("writing an earlier output");
        }
    }
    for r in &case.remove {
        let path = root.join(r);
        if fs::symlink_metadata(&path).is_err() {
            return Err(format!("remove: {r} is not there to remove"));
        }
        remove_any(&path).map_err(|e| format!("remove {r}: {e}"))?;
    }
    let folder = corpus().join(name);
    copy_tree(&folder, root, Some(&folder.join("case.toml")))
        .map_err(|e| format!("copying the case's files: {e}"))?;
    if let Some(setup) = &case.setup {
        for one in setup.split(" ; ") {
            apply_setup(root, one)?;
        }
    }
    Ok((dir, scratch))
}

/// Sets up and runs one case; `Err` with everything that went wrong.
fn check_case(
    name: &str,
    case: &Case,
    cache: &mut HashMap<Vec<String>, Result<Folder, String>>,
) -> Result<(), String> {
    let at = At::parse(&case.at)?;
    if case.about.trim().is_empty() || case.about.contains('\n') {
        return Err("about must be one non-empty line".into());
    }
    let (dir, scratch) = prepare(name, case, cache)?;
    let root = dir.path();
    let before = snapshot(root);
    let r = run_with(&case.args, &case.env, root, scratch.path());
    let after = snapshot(root);

    let mut wrong = Vec::new();
    if r.timed_out {
        wrong.push("did not finish within 20 s".to_string());
    } else if r.exit != Some(case.exit) {
        wrong.push(format!("exit {:?}, expected {}", r.exit, case.exit));
    }
    // `check` lists problems in its report on stdout (errors that stop it, such as an
    // unreadable scenario, go to stderr); every other command lists them on stderr.
    let (stream, text) = if case.args.first().is_some_and(|a| a == "check") {
        ("stdout or stderr", format!("{}{}", r.stdout, r.stderr))
    } else {
        ("stderr", r.stderr.clone())
    };
    if case.exit == 0 && text.contains("internal check failed") {
        wrong.push("an internal check failed on a valid input".to_string());
    }
    let wanted = !(case.exit == 0 && case.code.is_empty());
    if wanted && !text.lines().any(|l| names_the_problem(l, case, &at)) {
        let field = match &case.field {
            Some(f) => format!("field {f}"),
            None => "no field".to_string(),
        };
        let message = match &case.message {
            Some(m) => format!(", with {m:?}"),
            None => String::new(),
        };
        wrong.push(format!(
            "no line on {stream} names [{}] in {} at {}, {field}{message}",
            case.code, case.file, case.at
        ));
    }
    let mut changes = differences(&before, &after);
    if case.exit == 0 {
        // A run that succeeds writes its outputs; only they may change.
        changes.retain(|c| !c.split_once(' ').is_some_and(|(_, p)| p.starts_with("out")));
    }
    if !changes.is_empty() {
        wrong.push(format!("the folder changed: {}", changes.join(", ")));
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n{}", wrong.join("\n"), r.show()))
    }
}

/// The corpus's case folders (named with a leading digit), sorted.
fn case_names() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(corpus())
        .expect("tests/data/bad")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.as_bytes().first().is_some_and(u8::is_ascii_digit))
        .collect();
    names.sort();
    names
}

#[test]
fn every_bad_input_is_refused_with_its_code_and_place_and_changes_nothing() {
    let names = case_names();
    assert!(
        names.len() >= MIN_CASES,
        "the corpus has {} cases, fewer than {MIN_CASES}",
        names.len()
    );
    let only = std::env::var("BAD_CORPUS_ONLY").ok();
    let run_known_bad = std::env::var_os("BAD_CORPUS_KNOWN_BAD").is_some();

    let mut cache = HashMap::new();
    let mut failures = Vec::new();
    let mut skipped = Vec::new();
    let mut ran = 0;
    for name in &names {
        if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
            continue;
        }
        let well_named = name.len() > 4
            && name.as_bytes()[..3].iter().all(u8::is_ascii_digit)
            && name.as_bytes()[3] == b'-';
        if !well_named {
            failures.push(format!("{name}: a case folder is named NNN-short-slug"));
            continue;
        }
        let text = match fs::read_to_string(corpus().join(name).join("case.toml")) {
            Ok(t) => t,
            Err(e) => {
                failures.push(format!("{name}: case.toml: {e}"));
                continue;
            }
        };
        let case: Case = match toml::from_str(&text) {
            Ok(c) => c,
            Err(e) => {
                failures.push(format!("{name}: case.toml: {e}"));
                continue;
            }
        };
        if let Some(why) = &case.known_bad
            && !run_known_bad
        {
            skipped.push(format!("  {name}: {}\n      known bad: {why}", case.about));
            continue;
        }
        ran += 1;
        if let Err(e) = check_case(name, &case, &mut cache) {
            failures.push(format!("{name}: {}\n{e}", case.about));
        }
    }
    println!(
        "bad-input corpus: {} cases, {ran} run, {} skipped as known bad",
        names.len(),
        skipped.len()
    );
    for s in &skipped {
        println!("{s}");
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} cases failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_base_scenario_is_valid_for_every_command_the_corpus_uses() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let scratch = tempfile::tempdir().expect("a temporary folder");
    copy_tree(&corpus().join("_base"), dir.path(), None).expect("copying _base");
    for args in [
        vec!["check", "scenario.toml"],
        vec!["allocate", "scenario.toml"],
        vec!["capacity", "scenario.toml"],
        vec!["subsidy", "scenario.toml"],
        vec!["plan", "scenario.toml"],
        vec!["sweep", "scenario.toml"],
        vec!["rank", "scenario.toml"],
    ] {
        let args: Vec<String> = args.into_iter().map(String::from).collect();
        let r = run(&args, dir.path(), scratch.path());
        assert_eq!(r.exit, Some(0), "{}\n{}", args.join(" "), r.show());
        assert!(
            !r.stdout.contains("warning["),
            "{}\n{}",
            args.join(" "),
            r.show()
        );
    }
    // The files the cases switch to are valid too: GeoJSON sites and towns, a cost matrix.
    let base = fs::read_to_string(dir.path().join("scenario.toml")).expect("the scenario");
    let switched = base
        .replace("sites.csv", "sites.geojson")
        .replace("towns.csv", "towns.geojson")
        .replace(
            "nearest_k = 30\n",
            "nearest_k = 30\ncost_matrix = \"costs.csv\"\n",
        );
    fs::write(dir.path().join("scenario.toml"), switched).expect("writing");
    let args: Vec<String> = ["check", "scenario.toml"].map(String::from).to_vec();
    let r = run(&args, dir.path(), scratch.path());
    assert_eq!(r.exit, Some(0), "{}", r.show());
    assert!(
        r.stdout.contains("check passed: 0 errors, 0 warning(s)"),
        "{}",
        r.show()
    );
}

/// The cases that run: well named, with a readable `case.toml`, not known bad, and chosen by
/// `BAD_CORPUS_ONLY` when it is set (the test above reports the others).
fn runnable_cases() -> Vec<(String, Case)> {
    let only = std::env::var("BAD_CORPUS_ONLY").ok();
    case_names()
        .into_iter()
        .filter(|n| only.as_ref().is_none_or(|o| n.contains(o.as_str())))
        .filter_map(|name| {
            let text = fs::read_to_string(corpus().join(&name).join("case.toml")).ok()?;
            let case: Case = toml::from_str(&text).ok()?;
            case.known_bad.is_none().then_some((name, case))
        })
        .collect()
}

/// The English problem lines of every case, as the corpus test records them.
fn english_record() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad_problems_en.txt")
}

/// The lines of a run (stdout, then stderr) that hold a problem tagged by one of `tags`,
/// trimmed, with the case's folder written `$DIR`.
fn problem_lines(r: &Run, root: &Path, tags: [&str; 2]) -> Vec<String> {
    let root = root.display().to_string();
    r.stdout
        .lines()
        .chain(r.stderr.lines())
        .filter(|l| tags.iter().any(|t| l.contains(t)))
        .map(|l| l.trim().replace(&root, "$DIR"))
        .collect()
}

/// Every case again with `--lang zh`: each problem line reads in Chinese (no run of English
/// words once quoted values, names and parsers' own messages are set aside), one for each
/// English line; and the English lines are those recorded in `tests/data/bad_problems_en.txt`
/// (`DORMPLAN_BLESS=1` records them anew).
#[test]
fn every_bad_input_reads_in_chinese_and_its_english_is_unchanged() {
    let mut cache = HashMap::new();
    let mut record = String::new();
    let mut failures = Vec::new();
    for (name, case) in runnable_cases() {
        let mut lines = |args: &[String], tags| {
            let (dir, scratch) = prepare(&name, &case, &mut cache)?;
            let r = run_with(args, &case.env, dir.path(), scratch.path());
            Ok::<_, String>(problem_lines(&r, dir.path(), tags))
        };
        let en = lines(&case.args, ["error[", "warning["]);
        let mut zh_args = case.args.clone();
        zh_args.extend(["--lang".to_string(), "zh".to_string()]);
        let zh = lines(&zh_args, ["错误[", "警告["]);
        let (en, zh) = match (en, zh) {
            (Ok(en), Ok(zh)) => (en, zh),
            (Err(e), _) | (_, Err(e)) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        record.push_str(&format!("## {name}\n"));
        for l in &en {
            record.push_str(l);
            record.push('\n');
        }
        if zh.len() != en.len() {
            failures.push(format!(
                "{name}: {} problem lines in English, {} in Chinese:\n{}\n{}",
                en.len(),
                zh.len(),
                en.join("\n"),
                zh.join("\n")
            ));
        }
        for l in &zh {
            if let Some(words) = common::english_prose(l) {
                failures.push(format!("{name}: English words {words:?} in\n    {l}"));
            }
        }
    }
    if std::env::var_os("BAD_CORPUS_ONLY").is_none() {
        if std::env::var_os("DORMPLAN_BLESS").is_some() {
            fs::write(english_record(), &record).expect("writing the English record");
        } else {
            let recorded = fs::read_to_string(english_record()).unwrap_or_default();
            if recorded != record {
                let old: Vec<&str> = recorded.lines().collect();
                let new: Vec<&str> = record.lines().collect();
                let changed: Vec<String> = new
                    .iter()
                    .filter(|l| !old.contains(l))
                    .map(|l| format!("    now: {l}"))
                    .chain(
                        old.iter()
                            .filter(|l| !new.contains(l))
                            .map(|l| format!("    was: {l}")),
                    )
                    .collect();
                failures.push(format!(
                    "the English problem lines differ from tests/data/bad_problems_en.txt:\n{}",
                    changed.join("\n")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
