//! The commands of the `dormplan` binary, as library functions that take parsed options and a
//! terminal writer and return the exit status. The binary only parses arguments and calls these.

/// `dormplan allocate`.
pub mod allocate;
/// `dormplan capacity`.
pub mod capacity;
/// `dormplan check`.
pub mod check;
/// `dormplan compare`.
pub mod compare;
/// `dormplan explain`.
pub mod explain;
/// `dormplan init`.
pub mod init;
/// `dormplan plan`.
pub mod plan;
/// `dormplan points`.
pub mod points;
/// `dormplan rank`.
pub mod rank;
/// `dormplan report`.
pub mod report;
/// `dormplan subsidy`.
pub mod subsidy;
/// `dormplan sweep`.
pub mod sweep;

pub use crate::io::ScenarioRef;
/// A spinner on stderr with the stage a long command is at.
mod progress;

pub use allocate::{AllocateOptions, allocate};
pub use capacity::{CapacityOptions, capacity};
pub use check::check;
pub use compare::{CompareOptions, compare};
pub use explain::{ExplainOptions, explain};
pub use init::{InitOptions, init};
pub use plan::{PlanCommandOptions, plan};
pub use points::{PointsOptions, points};
pub use rank::{RankOptions, rank};
pub use report::{ReportOptions, report};
pub use subsidy::{SubsidyOptions, subsidy};
pub use sweep::{SweepOptions, sweep};

use crate::catalogue::{Lang, Phrase, words};
use crate::diag::{Code, Location, Problem, Problems};
use crate::io::Outputs;
use crate::io::workbook::{Table, workbook};
use crate::model::{Loaded, Standard};
use crate::numbers::int;
use crate::report::run_manifest::{RUN_JSON, RunManifest, RunTime, SOURCE_DATE_EPOCH, input_paths};
use crate::report::tables::table_description;
use crate::report::terminal::{WARNINGS_IN_FULL, print_warnings_summary};
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// How a command that ran to the end came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything as asked (exit code 0).
    Success,
    /// The command ran but its answer is "no": a check found errors (exit code 1).
    Failed,
}

impl Status {
    /// The process exit code.
    pub fn exit_code(self) -> u8 {
        match self {
            Status::Success => 0,
            Status::Failed => 1,
        }
    }
}

/// Why a command stopped.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// dormplan's own error: bad input, infeasible, an output that cannot be written.
    #[error(transparent)]
    Dormplan(#[from] crate::Error),
    /// The report could not be written to the terminal (or pipe).
    #[error("cannot write the report")]
    Terminal(#[from] std::io::Error),
}

impl CommandError {
    /// The process exit code. A closed pipe (`dormplan capacity … | head`) is not a failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            CommandError::Dormplan(e) => e.exit_code(),
            CommandError::Terminal(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
            CommandError::Terminal(_) => 2,
        }
    }
}

/// What every command returns.
pub type Outcome = std::result::Result<Status, CommandError>;

/// One row of `warnings.csv`.
#[derive(serde::Serialize, Default)]
struct WarningRow {
    code: String,
    file: String,
    place: String,
    field: String,
    found: String,
    expected: String,
}

/// Every warning as a row of `warnings.csv`, in the report's order.
fn warning_rows(warnings: &Problems) -> impl Iterator<Item = WarningRow> + '_ {
    warnings.warnings().map(problem_row)
}

/// A problem as a row of `warnings.csv` (and of `--json`'s lists).
fn problem_row(p: &Problem) -> WarningRow {
    WarningRow {
        code: p.code.to_string(),
        file: p.file.display().to_string(),
        place: match &p.location {
            Location::File => String::new(),
            Location::Line(n) => format!("line {n}"),
            Location::Feature(i) => format!("feature {i}"),
            Location::Key(k) => format!("key {k}"),
            Location::KeyAt { key, line } => format!("line {line} key {key}"),
        },
        field: p.field.clone().unwrap_or_default(),
        found: p.found.in_lang(Lang::En),
        expected: p.expected.in_lang(Lang::En),
    }
}

/// Where a command writes its files (`-o DIR`), how (`--plain-csv`), the scenarios it read
/// (whose inputs it must never replace), and its command line, for `run.json` and the
/// workbook's first sheet.
pub(crate) struct Destination<'a> {
    dir: Option<&'a Path>,
    plain_csv: bool,
    scenarios: Vec<&'a Loaded>,
    command: &'static str,
    arguments: Vec<String>,
    standard: Option<Standard>,
    /// The record of the run once taken ([`Destination::record`]), so that every file of the
    /// run states the same time.
    record: Option<RunManifest>,
    /// The independent check of the results, which [`finish`] runs while it builds the files
    /// and which must pass before anything is written or printed.
    check: Option<Check<'a>>,
}

/// An independent check of a command's results ([`Destination::checked_by`]).
type Check<'a> = Box<dyn FnOnce() -> crate::Result<()> + Send + 'a>;

impl<'a> Destination<'a> {
    /// The files of `dormplan COMMAND`, for the run that read `scenarios`.
    pub(crate) fn new(
        command: &'static str,
        dir: Option<&'a Path>,
        plain_csv: bool,
        scenarios: impl IntoIterator<Item = &'a Loaded>,
    ) -> Destination<'a> {
        Destination {
            dir,
            plain_csv,
            scenarios: scenarios.into_iter().collect(),
            command,
            arguments: Vec::new(),
            standard: None,
            record: None,
            check: None,
        }
    }

    /// The check that must pass before the run's files are written or its report printed;
    /// [`finish`] runs it beside building the files.
    pub(crate) fn checked_by(
        mut self,
        check: impl FnOnce() -> crate::Result<()> + Send + 'a,
    ) -> Destination<'a> {
        self.check = Some(Box::new(check));
        self
    }

    /// Adds an argument of the command line, as the person typed it.
    pub(crate) fn arg(mut self, argument: impl std::fmt::Display) -> Destination<'a> {
        self.arguments.push(argument.to_string());
        self
    }

    /// Adds `FLAG VALUE` to the command line when there is a value.
    pub(crate) fn option(
        self,
        flag: &str,
        value: Option<impl std::fmt::Display>,
    ) -> Destination<'a> {
        match value {
            Some(v) => self.arg(flag).arg(v),
            None => self,
        }
    }

    /// The standard given on the command line, which replaces the scenario's in the record.
    pub(crate) fn standard(mut self, standard: Option<Standard>) -> Destination<'a> {
        self.standard = standard;
        self
    }

    /// The workbook's name: `COMMAND.xlsx`.
    fn workbook_name(&self) -> String {
        format!("{}.xlsx", self.command)
    }

    /// Takes the record of the run now, for a page that shows it before the files are
    /// written; `run.json` then holds the same record.
    pub(crate) fn record(&mut self) -> crate::Result<RunManifest> {
        let record = self.manifest()?;
        self.record = Some(record.clone());
        Ok(record)
    }

    /// The record of the run (`run.json`), at the time `SOURCE_DATE_EPOCH` gives, else now
    /// (or as taken by [`Destination::record`]).
    fn manifest(&self) -> crate::Result<RunManifest> {
        if let Some(record) = &self.record {
            return Ok(record.clone());
        }
        let time = RunTime::from_env().map_err(|message| {
            let problem = Problem::new(
                Code::BAD_SETTING,
                Path::new(SOURCE_DATE_EPOCH),
                Location::File,
            )
            .found(message)
            .expected(crate::catalogue::problems::EPOCH_SECONDS);
            crate::Error::Input(Problems(vec![problem]))
        })?;
        let mut command = vec![self.command.to_string()];
        command.extend(self.arguments.iter().cloned());
        if self.plain_csv {
            command.push("--plain-csv".into());
        }
        RunManifest::of(command, &self.scenarios, self.standard, time)
    }

    /// The workbook of `outputs`' tables, its first sheet saying what produced it.
    fn workbook(
        &self,
        outputs: &Outputs,
        manifest: &RunManifest,
        lang: Lang,
    ) -> crate::Result<Vec<u8>> {
        let mut facts = manifest.facts();
        facts.push((
            "CSV 文件 CSV files",
            if self.plain_csv {
                "UTF-8，无 BOM (--plain-csv) / UTF-8 without a byte-order mark (--plain-csv)"
            } else {
                "UTF-8，带 BOM（Excel、WPS 可直接打开）/ UTF-8 with a byte-order mark (opens in Excel and WPS as it is)"
            }
            .to_string(),
        ));
        facts.push((
            "数字格式 Number formats",
            "按列名设定，数值与 CSV 相同（见 docs/formats.md）/ by column name; values as in the CSV (see docs/formats.md)".to_string(),
        ));
        let tables: Vec<Table> = outputs
            .tables()
            .map(|(file, csv)| Table {
                file,
                csv,
                about: table_description(file),
            })
            .collect();
        workbook(&facts, &tables, lang)
    }
}

/// How a command speaks to whoever ran it: the report on stdout (or the result as JSON, or
/// nothing), warnings and progress on stderr, in one language.
pub struct Console<'a> {
    /// Standard output: the report, or the JSON result.
    pub out: &'a mut dyn Write,
    /// Standard error: warnings and progress.
    pub err: &'a mut dyn Write,
    /// What goes on stdout.
    pub mode: Mode,
    /// The language asked for on the command line (`--lang`); without it, the scenario's
    /// `lang` setting, else English.
    pub lang: Option<Lang>,
    /// Show progress on stderr (the binary asks for it only when stderr is a terminal; never
    /// with JSON).
    pub progress: bool,
    /// The spinner of the running command, once it has said what it is doing.
    spinner: Option<progress::Stages>,
    /// The language progress is shown in: `--lang` until the scenario is read, then the run's.
    progress_lang: Option<Lang>,
}

/// What a command puts on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The report for people (the default).
    #[default]
    Report,
    /// The whole result as one JSON document (`--json`; schema in docs/json.md).
    Json,
    /// Nothing (`--quiet`): files with `-o`, warnings on stderr, the exit code.
    Quiet,
}

impl<'a> Console<'a> {
    /// A console writing the report to `out` and warnings to `err`, in English, without
    /// progress.
    pub fn new(out: &'a mut dyn Write, err: &'a mut dyn Write) -> Console<'a> {
        Console {
            out,
            err,
            mode: Mode::Report,
            lang: None,
            progress: false,
            spinner: None,
            progress_lang: None,
        }
    }

    /// The language of the run: `--lang`, else the scenario's setting, else English. Progress
    /// is shown in it from then on.
    pub fn lang_for(&mut self, scenario: Option<Lang>) -> Lang {
        let lang = self.lang.or(scenario).unwrap_or_default();
        self.progress_lang = Some(lang);
        lang
    }

    /// The spinner of `command`, made when it first says what it is doing.
    fn spinner(&mut self, command: &str) -> (&progress::Stages, Lang) {
        let shown = self.progress && self.mode != Mode::Json;
        let lang = self.progress_lang.or(self.lang).unwrap_or_default();
        let spinner = self
            .spinner
            .get_or_insert_with(|| progress::Stages::new(command, shown));
        (spinner, lang)
    }

    /// Says on stderr (when progress is shown) what `command` is doing now.
    pub(crate) fn stage(&mut self, command: &str, what: Phrase) {
        let (spinner, lang) = self.spinner(command);
        spinner.stage(what.get(lang).to_string());
    }

    /// Runs `work` while the spinner of `command` says `what`, its `{n}` the count that `work`
    /// keeps in `counter`, brought up to date a few times a second.
    pub(crate) fn counting<T>(
        &mut self,
        command: &str,
        what: Phrase,
        counter: &AtomicU64,
        work: impl FnOnce() -> T,
    ) -> T {
        let shown = self.shows_progress();
        let (spinner, lang) = self.spinner(command);
        let say = |n: u64| spinner.stage(what.fill(lang, &[("n", &int(n))]));
        say(0);
        if !shown {
            return work();
        }
        let done = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let poller = scope.spawn(|| {
                while !done.load(Ordering::Relaxed) {
                    std::thread::park_timeout(std::time::Duration::from_millis(200));
                    say(counter.load(Ordering::Relaxed));
                }
            });
            // The poller must stop even if `work` panics, or the scope would wait for it.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
            done.store(true, Ordering::Relaxed);
            poller.thread().unpark();
            result.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }

    /// Whether progress is shown (for commands with a bar of their own).
    pub(crate) fn shows_progress(&self) -> bool {
        self.progress && self.mode != Mode::Json
    }

    /// Clears the spinner, before anything else is printed.
    fn end_progress(&mut self) {
        self.spinner = None;
    }
}

/// What a command found, as it goes into `--json`'s `summary` (a serialisable view of the
/// figures; the tables go beside it under `tables`).
pub(crate) type Summary = serde_json::Value;

/// A command's summary as JSON. Serialising plain figures cannot fail; a figure JSON cannot
/// hold (an integer beyond 64 bits) is written as `null`.
pub(crate) fn summary_json(summary: &impl serde::Serialize) -> Summary {
    serde_json::to_value(summary).unwrap_or(serde_json::Value::Null)
}

/// The end of every command: builds the files when there is a folder or JSON is asked for,
/// adds `warnings.csv` and the workbook, and writes them (all or none); then puts the report
/// (or the JSON result) on stdout and the warnings on stderr. Without a folder or JSON the
/// files are never built. The destination's check ([`Destination::checked_by`]) runs beside
/// the building, and its failure is the command's error, even when building the files failed
/// too: nothing is written or printed.
pub(crate) fn finish(
    console: &mut Console,
    lang: Lang,
    mut dest: Destination,
    build_outputs: impl FnOnce(Outputs) -> Outputs,
    summary: impl FnOnce() -> Summary,
    warnings: &Problems,
    report: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Outcome {
    let dir = dest.dir;
    let json = console.mode == Mode::Json;
    if dir.is_some() {
        console.stage(dest.command, words::STAGE_WRITING);
    }
    let building = dir.is_some() || json;
    if !building && dest.check.is_some() {
        console.stage(dest.command, words::STAGE_CHECKING);
    }
    let check = dest.check.take();
    // With a folder, each file goes into its journal as soon as it is built (the folder is
    // checked first), so that the files never all sit in memory; nothing goes in before the
    // commit below.
    let start = match dir {
        Some(dir) => Outputs::staged_in(dir, &input_paths(&dest.scenarios), !dest.plain_csv)?,
        None => Outputs::new(),
    };
    let build = || {
        building.then(|| {
            let mut start = start;
            if json {
                start.keep_json_rows();
            }
            let mut outputs = build_outputs(start);
            if warnings.warnings().next().is_some() {
                // Every warning in a file beside the results, however many the report shows.
                outputs.add_csv("warnings.csv", warning_rows(warnings));
            }
            outputs
        })
    };
    // The check runs on a thread of its own while the files are built (both share the
    // thread pool); nothing is written or printed unless it passes.
    let (checked, mut built) = match check {
        None => (Ok(()), build()),
        Some(check) => std::thread::scope(|scope| {
            let checking = scope.spawn(check);
            let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(build));
            let checked = checking
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            match (checked, built) {
                (checked, Ok(built)) => (checked, built),
                // An allocation the check rejects may be what made building the files fail:
                // the check's finding is the one to report.
                (Err(e), Err(_)) => (Err(e), None),
                (Ok(()), Err(panic)) => std::panic::resume_unwind(panic),
            }
        }),
    };
    checked?;
    let manifest = if building {
        Some(dest.manifest()?)
    } else {
        None
    };
    let mut written = None;
    if let (Some(dir), Some(files), Some(manifest)) = (dir, &mut built, &manifest) {
        // A file refused or not staged is reported before the workbook reads the tables back.
        files.staging_problem(&[&dest.workbook_name(), RUN_JSON])?;
        let book = dest.workbook(files, manifest, lang)?;
        if !dest.plain_csv {
            files.mark_tables_as_utf8();
        }
        files.add(dest.workbook_name(), book);
        files.add(RUN_JSON, manifest.to_json());
        let names: Vec<String> = files.names().map(str::to_string).collect();
        let removed = files.write_to(dir, &input_paths(&dest.scenarios))?;
        files.release_contents();
        written = Some((dir, names, removed));
    }
    console.end_progress();
    match console.mode {
        Mode::Report => report(console.out)?,
        Mode::Quiet => {}
        Mode::Json => {
            let (Some(outputs), Some(manifest)) = (&built, &manifest) else {
                unreachable!("JSON builds the outputs and the record of the run")
            };
            let doc = JsonResult::new(
                dest.command,
                lang,
                manifest,
                summary(),
                outputs,
                warnings,
                written
                    .as_ref()
                    .map(|(d, n, r)| (*d, n.as_slice(), r.as_slice())),
            );
            serde_json::to_writer_pretty(&mut *console.out, &doc).map_err(std::io::Error::other)?;
            writeln!(console.out)?;
        }
    }
    let where_all = match dir {
        Some(dir) => words::EVERY_WARNING_IN_FILE
            .fill(lang, &[("file", &dir.join("warnings.csv").display())]),
        None => words::EVERY_WARNING_HOW.get(lang).to_string(),
    };
    print_warnings_summary(console.err, warnings, WARNINGS_IN_FULL, &where_all, lang)?;
    if let (Some((dir, names, removed)), Mode::Report) = (&written, console.mode) {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let list = |names: &[&str]| match names {
            [a, b] => words::TWO_NAMES.fill(lang, &[("a", a), ("b", b)]),
            _ => words::joined(lang, names.iter().copied()),
        };
        let out = &mut *console.out;
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            words::WROTE_FILES.fill(lang, &[("files", &list(&names)), ("dir", &dir.display())])
        )?;
        if !removed.is_empty() {
            let removed: Vec<&str> = removed.iter().map(String::as_str).collect();
            writeln!(
                out,
                "{}",
                words::REMOVED_STALE_FILES.fill(lang, &[("files", &list(&removed))])
            )?;
        }
    }
    Ok(Status::Success)
}

/// The whole result of a command as one JSON document (`--json`; docs/json.md): what ran,
/// the summary, every table of the CSV files as rows keyed by their columns, the warnings and
/// the files written. It borrows everything and is written as it is serialised, so that the
/// tables are held once, in the outputs.
#[derive(serde::Serialize)]
struct JsonResult<'a> {
    schema: &'static str,
    command: &'a str,
    lang: Lang,
    run: &'a RunManifest,
    summary: Summary,
    tables: JsonTables<'a>,
    warnings: Vec<WarningRow>,
    files: Option<WrittenFiles<'a>>,
}

/// The files a run wrote, in `--json`.
#[derive(serde::Serialize)]
struct WrittenFiles<'a> {
    dir: String,
    written: &'a [String],
    removed: &'a [String],
}

/// Every table of the outputs but `warnings.csv`, by file name without `.csv`, in the order
/// they were added.
struct JsonTables<'a>(&'a Outputs);

impl serde::Serialize for JsonTables<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let tables = self
            .0
            .json_tables()
            .filter(|(name, _)| *name != "warnings.csv");
        let mut map = serializer.serialize_map(None)?;
        for (name, rows) in tables {
            map.serialize_entry(name.strip_suffix(".csv").unwrap_or(name), rows)?;
        }
        map.end()
    }
}

impl<'a> JsonResult<'a> {
    fn new(
        command: &'a str,
        lang: Lang,
        manifest: &'a RunManifest,
        summary: Summary,
        outputs: &'a Outputs,
        warnings: &Problems,
        written: Option<(&Path, &'a [String], &'a [String])>,
    ) -> JsonResult<'a> {
        JsonResult {
            schema: JSON_SCHEMA,
            command,
            lang,
            run: manifest,
            summary,
            tables: JsonTables(outputs),
            warnings: warning_rows(warnings).collect(),
            files: written.map(|(dir, written, removed)| WrittenFiles {
                dir: dir.display().to_string(),
                written,
                removed,
            }),
        }
    }
}

/// The version of `--json`'s document; it changes only when a key is renamed or removed.
pub const JSON_SCHEMA: &str = "dormplan-result/1";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_check_is_the_error_even_when_building_the_files_fails_too() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut console = Console::new(&mut out, &mut err);
        // JSON builds the outputs without a folder.
        console.mode = Mode::Json;
        let rejected = || {
            Err(crate::Error::Checker(
                "a site holds more than its beds".into(),
            ))
        };
        let dest = Destination::new("allocate", None, false, []).checked_by(rejected);
        let outcome = finish(
            &mut console,
            Lang::En,
            dest,
            |_| panic!("an output built from an allocation the check rejects"),
            || Summary::Null,
            &Problems::default(),
            |_| Ok(()),
        );
        assert!(
            matches!(&outcome, Err(CommandError::Dormplan(crate::Error::Checker(m))) if m.contains("beds")),
            "{outcome:?}"
        );
        assert!(out.is_empty());
    }
}
