//! Writing outputs all-or-nothing, never over an input, never leaving a mixed set.
//!
//! Writing a command's outputs into a folder `DIR` is a small transaction with a redo journal
//! in `DIR/.dormplan-commit/`. A command with `-o DIR` stages each file in the journal as soon
//! as it is built ([`Outputs::staged_in`]: steps 1 and 2 first, then step 3 file by file), so
//! that its files never all sit in memory; files held in memory ([`Outputs::new`]) go through
//! every step at once ([`Outputs::write_to`]). The steps:
//!
//! 1. **Recover** what an earlier run left: a journal that was committed is completed (its
//!    files moved in, its stale files removed); anything else in `.dormplan-commit/` (a run
//!    killed or failed before its commit point) is deleted, as are temporary files of older
//!    versions (`.dormplan-*`).
//! 2. **Refuse** (`OUTPUT_IS_INPUT`, exit 2) when a file to be written is one of the run's
//!    inputs, and (`OUTPUT_NOT_OURS`) when it exists but no earlier dormplan run wrote it.
//! 3. **Stage** every file in `.dormplan-commit/`, flushed to disk.
//! 4. **Commit**: the journal (`COMMIT`: the files to move in and the earlier run's files to
//!    remove) is written under a temporary name and renamed into place: the one atomic step.
//! 5. **Apply** the journal: move each staged file into `DIR`, remove the earlier run's files
//!    that this run does not write (so no stale `towns.csv` of an `allocate` sits beside the
//!    files of a later `plan`), record the files in `DIR/.dormplan-files`, delete the journal.
//!
//! A failure before step 4 leaves `DIR` as it was (and a folder that did not exist is not
//! created); a kill before step 4 leaves only a journal folder that the next run deletes; a
//! kill after it leaves a journal that the next run writing into `DIR` completes first. So
//! `DIR` holds either the earlier run's files or this run's, never a mix, once any later run
//! has looked at it; files in `DIR` that dormplan did not write are never touched.
//!
//! `dormplan init` writes its starter files by the same steps ([`Outputs::write_new`]), but
//! step 2 refuses (`FILE_EXISTS`) any file already there, whoever wrote it, and the files are
//! not recorded in `.dormplan-files`: they are the planner's to edit, never a run's outputs to
//! replace or remove.

use crate::catalogue::problems as say;
use crate::diag::{Code, Location, Problem, Problems};
use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where a CSV table's content is: in memory, or in a file (staged in an output folder's
/// journal).
#[derive(Debug, Clone)]
pub enum Csv<'a> {
    /// The bytes.
    Bytes(&'a [u8]),
    /// A file holding them.
    File(PathBuf),
}

impl Csv<'_> {
    /// The content.
    pub fn read(&self) -> Result<std::borrow::Cow<'_, [u8]>> {
        match self {
            Csv::Bytes(b) => Ok(std::borrow::Cow::Borrowed(b)),
            Csv::File(path) => std::fs::read(path)
                .map(std::borrow::Cow::Owned)
                .map_err(|e| Error::Output {
                    path: path.clone(),
                    source: e,
                }),
        }
    }
}

/// The journal folder inside an output folder.
const JOURNAL_DIR: &str = ".dormplan-commit";
/// The commit record inside the journal folder.
const COMMIT: &str = "COMMIT";
/// The list of files the last run wrote, inside an output folder.
const MANIFEST: &str = ".dormplan-files";

/// How a set of files goes into its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A run's outputs: they replace the earlier run's, and the folder's manifest lists them.
    Outputs,
    /// New files: none may be there yet, and the manifest is left as it is.
    New,
}

/// The UTF-8 byte-order mark (EF BB BF). Excel and WPS on a zh-CN system read a CSV file that
/// starts with it as UTF-8; without it they decode it as GBK and show Chinese text garbled.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Output files of a run, waiting to be written together: held in memory
/// ([`Outputs::new`]), or staged in the output folder's journal as each is added
/// ([`Outputs::staged_in`]), so that a run's files never all sit in memory at once.
#[derive(Debug, Default)]
pub struct Outputs {
    files: Vec<OutputFile>,
    /// The rows of each CSV table as JSON objects, kept only when asked for (`--json`), in the
    /// order the tables were added.
    json: Option<Vec<(String, Vec<serde_json::Value>)>>,
    /// Where the files go as they are added, when they are staged.
    stage: Option<Stage>,
}

/// One file of a run.
#[derive(Debug)]
struct OutputFile {
    /// Relative to the output folder.
    name: String,
    /// The content; empty once staged.
    bytes: Vec<u8>,
    /// A CSV table added with [`Outputs::add_csv`]: a sheet of the workbook, and a file that
    /// gets the byte-order mark.
    table: bool,
}

/// An output folder whose journal takes each file as it is added (steps 1 and 2 of the module
/// documentation done first, step 3 file by file). Dropped before its commit, it deletes the
/// journal, and the folder too when the run created it.
#[derive(Debug)]
struct Stage {
    dir: PathBuf,
    journal: PathBuf,
    /// Whether the folder was there before the run.
    existed: bool,
    /// The run's inputs, as the file system names them.
    inputs: Vec<PathBuf>,
    /// The files the earlier run wrote there.
    earlier: Vec<String>,
    /// Whether CSV tables get the byte-order mark as they are staged.
    mark_tables: bool,
    /// Files that may not be written there (inputs, files no dormplan run wrote).
    refused: Vec<Problem>,
    /// The first failure to write a file into the journal.
    failed: Option<Error>,
    committed: bool,
}

impl Drop for Stage {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.journal);
            if !self.existed {
                let _ = std::fs::remove_dir(&self.dir);
            }
        }
    }
}

/// A coded error when a file to be written into `dir` is an input of the run (`inputs`:
/// canonical paths), or exists without an earlier dormplan run (`earlier`) having written it.
fn refusal(dir: &Path, name: &str, inputs: &[PathBuf], earlier: &[String]) -> Option<Problem> {
    let target = dir.join(name);
    let real = std::fs::canonicalize(&target).ok()?; // nothing there to replace
    let is_file = std::fs::metadata(&real).is_ok_and(|m| m.is_file());
    if !is_file {
        Some(
            Problem::new(Code::OUTPUT_NOT_OURS, &target, Location::File)
                .found(say::NOT_AN_OUTPUT.with(&[("name", &name)]))
                .expected(say::WHERE_OUTPUT_GOES),
        )
    } else if inputs.contains(&real) {
        Some(
            Problem::new(Code::OUTPUT_IS_INPUT, &target, Location::File)
                .found(say::WOULD_REPLACE_INPUT.with(&[("name", &name)]))
                .expected(say::FOLDER_WITHOUT_INPUTS),
        )
    } else if !earlier.iter().any(|e| e == name) {
        Some(
            Problem::new(Code::OUTPUT_NOT_OURS, &target, Location::File)
                .found(say::NOT_WRITTEN_BY_DORMPLAN.with(&[("name", &name)]))
                .expected(say::EMPTY_OR_EARLIER_OUTPUTS),
        )
    } else {
        None
    }
}

impl Outputs {
    /// An empty set.
    pub fn new() -> Outputs {
        Outputs::default()
    }

    /// Keeps every CSV table added from now on also as JSON rows (objects keyed by the
    /// table's columns, values typed as serde gives them), for [`Outputs::json_tables`].
    pub fn keep_json_rows(&mut self) {
        self.json.get_or_insert_with(Vec::new);
    }

    /// The CSV tables as JSON rows, by file name, when [`Outputs::keep_json_rows`] was asked
    /// for before they were added.
    pub fn json_tables(&self) -> impl Iterator<Item = (&str, &[serde_json::Value])> {
        self.json
            .iter()
            .flatten()
            .map(|(name, rows)| (name.as_str(), rows.as_slice()))
    }

    /// Lets go of the files' contents once they are written, keeping their names and the JSON
    /// rows: what `--json` still needs, without a second copy of every table in memory.
    pub fn release_contents(&mut self) {
        for f in &mut self.files {
            f.bytes = Vec::new();
        }
    }

    /// Adds a file by name (relative to the output folder).
    pub fn add(&mut self, name: impl Into<String>, bytes: Vec<u8>) {
        self.push(name.into(), bytes, false);
    }

    fn push(&mut self, name: String, mut bytes: Vec<u8>, table: bool) {
        if let Some(stage) = &mut self.stage {
            if let Some(problem) = refusal(&stage.dir, &name, &stage.inputs, &stage.earlier) {
                stage.refused.push(problem);
            }
            // Once a file is refused or fails, the run cannot commit: the rest is not staged.
            if stage.refused.is_empty() && stage.failed.is_none() {
                if table && stage.mark_tables && !bytes.starts_with(UTF8_BOM) {
                    bytes.splice(0..0, UTF8_BOM.iter().copied());
                }
                stage.failed = stage_file(&stage.journal, &name, &bytes).err();
            }
            bytes = Vec::new();
        }
        self.files.push(OutputFile { name, bytes, table });
    }

    /// Outputs that go into `dir` as they are added: the folder is checked and any earlier
    /// run's journal finished first (steps 1 and 2 of the module documentation, step 2 file by
    /// file as each is added), and [`Outputs::write_to`] commits them. CSV tables get the
    /// UTF-8 byte-order mark when `mark_tables`. A run that fails before its commit leaves
    /// `dir` as it was.
    pub fn staged_in(dir: &Path, inputs: &[PathBuf], mark_tables: bool) -> Result<Outputs> {
        let (inputs, existed) = open_folder(dir, inputs)?;
        let earlier = read_manifest(dir);
        std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
        let journal = dir.join(JOURNAL_DIR);
        let stage = Stage {
            dir: dir.to_path_buf(),
            journal,
            existed,
            inputs,
            earlier,
            mark_tables,
            refused: Vec::new(),
            failed: None,
            committed: false,
        };
        // Made after the stage, so that a failure here still removes a folder the run made.
        std::fs::create_dir(&stage.journal).map_err(|e| fail(&stage.journal, e))?;
        Ok(Outputs {
            stage: Some(stage),
            ..Outputs::default()
        })
    }

    /// The staged file of a table by name (`None` when the files are held in memory).
    fn staged_path(&self, name: &str) -> Option<PathBuf> {
        self.stage.as_ref().map(|s| s.journal.join(name))
    }

    /// Why staged files may not go in, if they may not: every file refused, those still
    /// `to_come` included, else the first that failed to be staged (then the files after it
    /// were not staged). `Ok` for files held in memory, which are checked when written.
    pub fn staging_problem(&mut self, to_come: &[&str]) -> Result<()> {
        let Some(stage) = &mut self.stage else {
            return Ok(());
        };
        for name in to_come {
            if let Some(problem) = refusal(&stage.dir, name, &stage.inputs, &stage.earlier) {
                stage.refused.push(problem);
            }
        }
        if !stage.refused.is_empty() {
            return Err(Error::Input(Problems(std::mem::take(&mut stage.refused))));
        }
        match stage.failed.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Commits staged files (steps 4 and 5 of the module documentation), or reports why they
    /// may not go in ([`Outputs::staging_problem`]).
    fn commit_staged(&mut self) -> Result<Vec<String>> {
        self.staging_problem(&[])?;
        let manifest = manifest_of(self.names());
        let names: Vec<String> = self.names().map(str::to_string).collect();
        let Some(stage) = &mut self.stage else {
            return Err(Error::Internal("no staged outputs to commit".into()));
        };
        stage_file(&stage.journal, MANIFEST, manifest.as_bytes())?;
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let stale = stale_files(&stage.dir, &stage.earlier, &names, &stage.inputs);
        write_commit(&stage.journal, &names, &stale, true).map_err(|e| fail(&stage.journal, e))?;
        // Committed: from here the journal is applied, now or by the next run.
        stage.committed = true;
        apply_or_tidy(&stage.dir, usize::MAX, stage.existed)?;
        Ok(stale.iter().map(|n| n.to_string()).collect())
    }

    /// Adds a CSV file with a header from serde rows. A file without rows still gets its
    /// header (taken from `T::default()`), so that a reader finds the columns it expects.
    pub fn add_csv<T: serde::Serialize + Default>(
        &mut self,
        name: impl Into<String>,
        rows: impl IntoIterator<Item = T>,
    ) {
        self.add_csv_renamed(name, rows, str::to_string);
    }

    /// [`Outputs::add_csv`] with the columns renamed by `column` (each serde field name to the
    /// header it gets): for columns whose unit the run decides, such as `cost` or `cost_s`.
    pub fn add_csv_renamed<T: serde::Serialize + Default>(
        &mut self,
        name: impl Into<String>,
        rows: impl IntoIterator<Item = T>,
        column: impl Fn(&str) -> String,
    ) {
        let name = name.into();
        let mut bytes = match &mut self.json {
            None => table_bytes(rows),
            Some(json) => {
                let rows: Vec<T> = rows.into_iter().collect();
                json.push((name.clone(), json_rows(&rows, &column)));
                table_bytes(rows)
            }
        };
        let end = bytes
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(bytes.len());
        // Serde field names are plain words: the header line holds no quotes.
        let header = String::from_utf8_lossy(&bytes[..end])
            .split(',')
            .map(&column)
            .collect::<Vec<_>>()
            .join(",");
        bytes.splice(..end, header.into_bytes());
        self.push(name, bytes, true);
    }

    /// Adds every file (and JSON rows) of `other`, whose files are held in memory, after these
    /// (staged now when these are).
    pub fn append(&mut self, mut other: Outputs) {
        debug_assert!(
            other.stage.is_none(),
            "only files held in memory are appended"
        );
        for f in std::mem::take(&mut other.files) {
            self.push(f.name, f.bytes, f.table);
        }
        if let Some(rows) = other.json {
            self.json.get_or_insert_with(Vec::new).extend(rows);
        }
    }

    /// Adds a CSV table already written out (header line first): a sheet of the workbook, and
    /// a file that gets the byte-order mark, like [`Outputs::add_csv`]'s.
    pub fn add_csv_text(&mut self, name: impl Into<String>, text: &str) {
        self.push(name.into(), text.as_bytes().to_vec(), true);
    }

    /// The names of the files, in the order they were added.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|f| f.name.as_str())
    }

    /// The content of a file by name.
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.bytes.as_slice())
    }

    /// The CSV tables (the files added with [`Outputs::add_csv`]), by name, in the order they
    /// were added: their content, or where it is staged.
    pub fn tables(&self) -> impl Iterator<Item = (&str, Csv<'_>)> {
        self.files.iter().filter(|f| f.table).map(|f| {
            let csv = match self.staged_path(&f.name) {
                Some(path) => Csv::File(path),
                None => Csv::Bytes(&f.bytes),
            };
            (f.name.as_str(), csv)
        })
    }

    /// Puts the UTF-8 byte-order mark ([`UTF8_BOM`]) at the start of every CSV table that does
    /// not have it yet, so that spreadsheet programs read them as UTF-8.
    pub fn mark_tables_as_utf8(&mut self) {
        if self.stage.is_some() {
            return; // marked as they were staged (see [`Outputs::staged_in`])
        }
        for f in self.files.iter_mut().filter(|f| f.table) {
            if !f.bytes.starts_with(UTF8_BOM) {
                f.bytes.splice(0..0, UTF8_BOM.iter().copied());
            }
        }
    }

    /// Writes every file into `dir` (created if missing) as one transaction (see the module
    /// documentation), refusing to replace any of `inputs`. Returns the files an earlier run
    /// had written there that this one removed (stale outputs), by name.
    ///
    /// Outputs made by [`Outputs::staged_in`] are already in their folder's journal: this
    /// commits them there (`dir` and `inputs` were given to `staged_in`).
    pub fn write_to(&mut self, dir: &Path, inputs: &[PathBuf]) -> Result<Vec<String>> {
        if self.stage.is_some() {
            return self.commit_staged();
        }
        self.write_steps(dir, inputs, usize::MAX, Mode::Outputs)
    }

    /// Writes every file into `dir` (created if missing) as one transaction, as
    /// [`Outputs::write_to`] does, but only when none of them exists there yet (`FILE_EXISTS`,
    /// naming each one that does): for files a person goes on to edit (`dormplan init`). They
    /// are not recorded as a run's outputs, so no later run replaces or removes them.
    pub fn write_new(&self, dir: &Path) -> Result<()> {
        self.write_steps(dir, &[], usize::MAX, Mode::New)
            .map(|_| ())
    }

    /// [`Outputs::write_to`] or [`Outputs::write_new`], stopping as if killed after `steps`
    /// file-system steps of staging and applying (for tests of what a kill at each instant
    /// leaves).
    fn write_steps(
        &self,
        dir: &Path,
        inputs: &[PathBuf],
        steps: usize,
        mode: Mode,
    ) -> Result<Vec<String>> {
        let (inputs, existed) = open_folder(dir, inputs)?;
        let earlier = match mode {
            Mode::Outputs => {
                let earlier = read_manifest(dir);
                self.refuse_inputs_and_strangers(dir, &inputs, &earlier)?;
                earlier
            }
            Mode::New => {
                self.refuse_existing(dir)?;
                Vec::new()
            }
        };
        std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
        let journal = dir.join(JOURNAL_DIR);
        let manifest = (mode == Mode::Outputs).then(|| manifest_of(self.names()));
        let staged = self.stage(&journal, steps, manifest).inspect_err(|_| {
            // A failed run creates nothing: neither its journal nor a folder that was not there.
            let _ = std::fs::remove_dir_all(&journal);
            if !existed {
                let _ = std::fs::remove_dir(dir);
            }
        })?;
        let Some(mut budget) = staged else {
            return Ok(Vec::new()); // "killed" while staging
        };
        let names: Vec<&str> = self.names().collect();
        let stale = stale_files(dir, &earlier, &names, &inputs);
        if budget == 0 {
            return Ok(Vec::new()); // "killed" before the commit point
        }
        budget -= 1;
        if let Err(e) = write_commit(&journal, &names, &stale, mode == Mode::Outputs) {
            let _ = std::fs::remove_dir_all(&journal);
            return Err(fail(&journal, e));
        }
        apply_or_tidy(dir, budget, existed)?;
        Ok(stale.iter().map(|n| n.to_string()).collect())
    }

    /// A coded error naming every file to be written that is already there (a file, a folder
    /// or anything else).
    fn refuse_existing(&self, dir: &Path) -> Result<()> {
        let problems: Vec<Problem> = self
            .names()
            .filter(|name| std::fs::symlink_metadata(dir.join(name)).is_ok())
            .map(|name| {
                Problem::new(Code::FILE_EXISTS, &dir.join(name), Location::File)
                    .found(say::THERE_ALREADY.with(&[("name", &name)]))
                    .expected(say::FOLDER_WITHOUT_FILES)
            })
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Input(Problems(problems)))
        }
    }

    /// A coded error when a file to be written is an input of the run (`inputs`: canonical
    /// paths), or exists without an earlier dormplan run having written it.
    fn refuse_inputs_and_strangers(
        &self,
        dir: &Path,
        inputs: &[PathBuf],
        earlier: &[String],
    ) -> Result<()> {
        let problems: Vec<Problem> = self
            .names()
            .filter_map(|name| refusal(dir, name, inputs, earlier))
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Input(Problems(problems)))
        }
    }

    /// Writes every file, and the new manifest when there is one, into a fresh journal folder;
    /// `Ok(None)` when `steps` ran out first, else the steps left.
    fn stage(
        &self,
        journal: &Path,
        mut steps: usize,
        manifest: Option<String>,
    ) -> Result<Option<usize>> {
        std::fs::create_dir(journal).map_err(|e| fail(journal, e))?;
        let files = self
            .files
            .iter()
            .map(|f| (f.name.as_str(), f.bytes.as_slice()))
            .chain(manifest.as_ref().map(|m| (MANIFEST, m.as_bytes())));
        for (name, bytes) in files {
            if steps == 0 {
                return Ok(None);
            }
            steps -= 1;
            stage_file(journal, name, bytes)?;
        }
        Ok(Some(steps))
    }
}

/// The error of a file or folder that could not be written.
fn fail(path: &Path, source: std::io::Error) -> Error {
    Error::Output {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes one file into the journal folder, making the folders its name has.
fn stage_file(journal: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let target = journal.join(name);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| fail(parent, e))?;
    }
    write_file(&target, bytes).map_err(|e| fail(&target, e))
}

/// The files an earlier run wrote into `dir` (`earlier`) that this one does not (`names`): they
/// go, unless this run reads them (`inputs`: canonical paths).
fn stale_files<'a>(
    dir: &Path,
    earlier: &'a [String],
    names: &[&str],
    inputs: &[PathBuf],
) -> Vec<&'a str> {
    earlier
        .iter()
        .map(String::as_str)
        .filter(|n| !names.contains(n))
        .filter(|n| std::fs::canonicalize(dir.join(n)).map_or(true, |real| !inputs.contains(&real)))
        .collect()
}

/// A coded error when the output folder's name is taken by a file: one of the run's inputs
/// (`inputs`: canonical paths; `-o towns.csv`), or any other file, which dormplan never
/// replaces by a folder.
fn refuse_a_file_as_the_folder(dir: &Path, inputs: &[PathBuf]) -> Result<()> {
    let Ok(meta) = std::fs::metadata(dir) else {
        return Ok(()); // nothing there yet: the folder is created
    };
    if meta.is_dir() {
        return Ok(());
    }
    let is_input = std::fs::canonicalize(dir).is_ok_and(|real| inputs.contains(&real));
    let problem = if is_input {
        Problem::new(Code::OUTPUT_IS_INPUT, dir, Location::File)
            .found(say::OUT_IS_INPUT.with(&[("dir", &dir.display())]))
            .expected(say::OUTPUT_FOLDER_EG)
    } else {
        Problem::new(Code::OUTPUT_NOT_OURS, dir, Location::File)
            .found(say::FILE_NOT_FOLDER.with(&[("dir", &dir.display())]))
            .expected(say::OUTPUT_FOLDER_OR_MOVE)
    };
    Err(Error::Input(Problems(vec![problem])))
}

/// Opens `dir` for a run's files: refuses a file as the folder, and finishes or clears what an
/// earlier run left there (step 1). Returns the run's inputs as the file system names them
/// (the checks compare real paths) and whether the folder was there.
fn open_folder(dir: &Path, inputs: &[PathBuf]) -> Result<(Vec<PathBuf>, bool)> {
    let inputs: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    refuse_a_file_as_the_folder(dir, &inputs)?;
    let existed = dir.exists();
    if existed {
        recover(dir)?;
    }
    Ok((inputs, existed))
}

/// The manifest of a run's files: one name per line.
fn manifest_of<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.map(|n| format!("{n}\n")).collect()
}

/// Applies the committed journal in `dir` (step 5, at most `budget` steps); when that fails,
/// a folder the run created (`existed` false), emptied by the undo, goes too.
fn apply_or_tidy(dir: &Path, budget: usize, existed: bool) -> Result<()> {
    apply(dir, budget).inspect_err(|_| {
        if !existed {
            let _ = std::fs::remove_dir(dir);
        }
    })
}

/// Writes a file readable by colleagues (0666 less the umask, like any file) and flushes it.
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o666);
    }
    let mut f = options.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// The files the last run recorded in `dir`, or none.
fn read_manifest(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join(MANIFEST))
        .map(|t| {
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.contains(".."))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Writes the commit record atomically: to a temporary name, flushed, then renamed. The
/// record moves in the manifest too when `manifest` (a run's outputs).
fn write_commit(
    journal: &Path,
    names: &[&str],
    stale: &[&str],
    manifest: bool,
) -> std::io::Result<()> {
    let mut text = String::new();
    for n in names.iter().copied().chain(manifest.then_some(MANIFEST)) {
        text.push_str(&format!("write {n}\n"));
    }
    for n in stale {
        text.push_str(&format!("remove {n}\n"));
    }
    let tmp = journal.join(".COMMIT.tmp");
    write_file(&tmp, text.as_bytes())?;
    std::fs::rename(&tmp, journal.join(COMMIT))?;
    sync_dir(journal)
}

/// Flushes a folder's entries (so a rename in it survives a power cut), where the system can.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The folder inside the journal where replaced and removed files wait until the run is done.
const OLD: &str = ".old";

/// One step of a commit record.
enum Step<'a> {
    /// Move the staged file in (keeping the one it replaces aside).
    Write(&'a str),
    /// Put an earlier run's file aside (deleted with the journal).
    Remove(&'a str),
}

/// Where a step's file is: in the folder, set aside, and staged.
struct Places {
    target: PathBuf,
    old: PathBuf,
    staged: PathBuf,
}

impl Places {
    fn of(dir: &Path, journal: &Path, step: &Step) -> Places {
        let (Step::Write(name) | Step::Remove(name)) = *step;
        Places {
            target: dir.join(name),
            old: journal.join(OLD).join(name),
            staged: journal.join(name),
        }
    }
}

/// The steps of a commit record; names that could leave the folder are skipped.
fn steps_of(record: &str) -> Vec<Step<'_>> {
    record
        .lines()
        .filter_map(|line| match line.split_once(' ')? {
            (_, n) if n.contains("..") || n.starts_with('/') => None,
            ("write", n) => Some(Step::Write(n)),
            ("remove", n) => Some(Step::Remove(n)),
            _ => None,
        })
        .collect()
}

/// Completes a committed journal in `dir` (at most `budget` steps, for tests), then deletes it.
/// Every file replaced or removed is first moved into the journal, so that when a step fails
/// the steps before it are undone and `dir` is as it was. Each step can be repeated, so a run
/// killed half-way is completed by the next one.
fn apply(dir: &Path, budget: usize) -> Result<()> {
    let journal = dir.join(JOURNAL_DIR);
    let record = std::fs::read_to_string(journal.join(COMMIT)).map_err(|e| fail(&journal, e))?;
    let steps = steps_of(&record);
    for (done, step) in steps.iter().enumerate() {
        if done >= budget {
            return Ok(());
        }
        if let Err(e) = apply_step(dir, &journal, step) {
            undo(dir, &journal, &steps);
            let _ = std::fs::remove_dir_all(&journal);
            return Err(e);
        }
    }
    if budget <= steps.len() {
        return Ok(());
    }
    sync_dir(dir).map_err(|e| fail(dir, e))?;
    std::fs::remove_dir_all(&journal).map_err(|e| fail(&journal, e))
}

/// One step; a repeat of a step already done does nothing.
fn apply_step(dir: &Path, journal: &Path, step: &Step) -> Result<()> {
    let Places {
        target,
        old,
        staged,
    } = Places::of(dir, journal, step);
    if let Step::Write(_) = step
        && !staged.exists()
    {
        return Ok(()); // moved in already
    }
    if target.is_file() && !old.exists() {
        if let Some(parent) = old.parent() {
            std::fs::create_dir_all(parent).map_err(|e| fail(parent, e))?;
        }
        std::fs::rename(&target, &old).map_err(|e| fail(&target, e))?;
    }
    if let Step::Write(_) = step {
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| fail(parent, e))?;
        }
        std::fs::rename(&staged, &target).map_err(|e| fail(&target, e))?;
    }
    Ok(())
}

/// Puts back every file set aside and removes every file moved in, so that `dir` is as before
/// the commit. Best effort: it runs after a failure and must not hide it.
fn undo(dir: &Path, journal: &Path, steps: &[Step]) {
    for step in steps.iter().rev() {
        let Places {
            target,
            old,
            staged,
        } = Places::of(dir, journal, step);
        if let Step::Write(_) = step
            && !staged.exists()
            && target.is_file()
        {
            let _ = std::fs::remove_file(&target);
        }
        if old.exists() {
            let _ = std::fs::rename(&old, &target);
        }
    }
}

/// Finishes or undoes what an earlier run left in `dir`: a committed journal is applied, an
/// uncommitted one deleted, and older versions' temporary files (`.dormplan-XXXXXX`) removed.
fn recover(dir: &Path) -> Result<()> {
    let journal = dir.join(JOURNAL_DIR);
    if journal.join(COMMIT).is_file() {
        apply(dir, usize::MAX)?;
    } else if journal.exists() {
        std::fs::remove_dir_all(&journal).map_err(|e| fail(&journal, e))?;
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let ours = name.starts_with(".dormplan-")
                && name.len() == ".dormplan-".len() + 6
                && entry.file_type().is_ok_and(|t| t.is_file());
            if ours {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(())
}

/// Rows as JSON objects keyed by the CSV's columns (renamed by `column` as the header is).
///
/// Rows of structs keep serde's types. Rows of plain text cells (tables whose columns the run
/// decides, such as a sweep's measures) have their header as the first row; their cells become
/// numbers when they are plain decimals in a column that is neither an identifier (the rule
/// the workbook's number formats follow) nor money (exact text, as in struct rows), `null` when
/// empty, and text otherwise.
fn json_rows<T: serde::Serialize>(
    rows: &[T],
    column: &impl Fn(&str) -> String,
) -> Vec<serde_json::Value> {
    use super::columns::{is_identifier, is_money};
    use serde_json::Value;
    // Serialising plain structs and strings cannot fail.
    let mut values = rows
        .iter()
        .map(|r| serde_json::to_value(r).unwrap_or(Value::Null));
    let mut objects = Vec::with_capacity(rows.len());
    let Some(first) = values.next() else {
        return objects;
    };
    match first {
        Value::Array(header) => {
            let keys: Vec<String> = header
                .iter()
                .map(|k| column(k.as_str().unwrap_or_default()))
                .collect();
            for row in values {
                let Value::Array(cells) = row else { continue };
                let fields = keys.iter().zip(cells).map(|(k, cell)| {
                    let typed = match cell {
                        Value::String(s) if s.is_empty() => Value::Null,
                        Value::String(s) if !is_identifier(k) && !is_money(k) => {
                            plain_number(&s).map_or(Value::String(s), Value::Number)
                        }
                        other => other,
                    };
                    (k.clone(), typed)
                });
                objects.push(Value::Object(fields.collect()));
            }
        }
        first => {
            for row in std::iter::once(first).chain(values) {
                objects.push(match row {
                    Value::Object(fields) => {
                        Value::Object(fields.into_iter().map(|(k, v)| (column(&k), v)).collect())
                    }
                    other => other,
                });
            }
        }
    }
    objects
}

/// `-12`, `3.50` as a JSON number (no exponent, no leading zeros, no thousands separator).
fn plain_number(s: &str) -> Option<serde_json::Number> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let leading_zero = digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.");
    if !super::columns::is_plain_decimal(s) || leading_zero {
        return None;
    }
    if !digits.contains('.') {
        s.parse::<i64>().ok().map(serde_json::Number::from)
    } else {
        s.parse::<f64>().ok().and_then(serde_json::Number::from_f64)
    }
}

/// A CSV of `T` rows, or its header alone when there are none.
fn table_bytes<T: serde::Serialize + Default>(rows: impl IntoIterator<Item = T>) -> Vec<u8> {
    let mut rows = rows.into_iter().peekable();
    if rows.peek().is_none() {
        header_of::<T>()
    } else {
        csv_bytes(rows)
    }
}

fn csv_bytes<T: serde::Serialize>(rows: impl Iterator<Item = T>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        // Serialising plain structs into memory cannot fail.
        w.serialize(row).expect("serialising a CSV row into memory");
    }
    w.into_inner().expect("flushing an in-memory CSV writer")
}

/// The header line alone of a CSV of `T` rows.
fn header_of<T: serde::Serialize + Default>() -> Vec<u8> {
    let mut bytes = csv_bytes(std::iter::once(T::default()));
    let end = bytes.iter().position(|&b| b == b'\n').map_or(0, |i| i + 1);
    bytes.truncate(end);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renamed_columns_keep_their_rows() {
        #[derive(serde::Serialize, Default)]
        struct Row {
            id: String,
            cost: u32,
        }
        let rename = |c: &str| c.replace("cost", "cost_s");
        let mut out = Outputs::new();
        out.add_csv_renamed("empty.csv", Vec::<Row>::new(), rename);
        assert_eq!(out.get("empty.csv"), Some(&b"id,cost_s\n"[..]));
        let row = Row {
            id: "A".into(),
            cost: 3,
        };
        out.add_csv_renamed("one.csv", [row], rename);
        assert_eq!(out.get("one.csv"), Some(&b"id,cost_s\nA,3\n"[..]));
    }

    #[test]
    fn writes_all_files_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let mut out = Outputs::new();
        out.add("a.txt", b"alpha".to_vec());
        out.add_csv("b.csv", [("x", 1), ("y", 2)]);
        #[derive(serde::Serialize, Default)]
        struct Row {
            id: String,
            people: u32,
        }
        out.add_csv("empty.csv", Vec::<Row>::new());
        assert_eq!(out.get("empty.csv"), Some(&b"id,people\n"[..]));

        out.write_to(dir.path(), &[]).unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.txt")).unwrap(), b"alpha");
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, [MANIFEST, "a.txt", "b.csv", "empty.csv"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("a.txt"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(
                mode & 0o044,
                0o044,
                "outputs are readable by others: {mode:o}"
            );
        }
    }

    /// Files of one run: `name → content`.
    fn run(tag: &str, names: &[&str]) -> Outputs {
        let mut out = Outputs::new();
        for n in names {
            out.add(*n, format!("{tag} {n}").into_bytes());
        }
        out
    }

    /// The folder's files without dormplan's hidden ones, with their content.
    fn visible(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| {
                let name = e.file_name().into_string().unwrap();
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                (name, text)
            })
            .collect();
        files.sort();
        files
    }

    fn codes(e: Error) -> Vec<Code> {
        match e {
            Error::Input(p) => p.0.iter().map(|p| p.code).collect(),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn an_input_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("towns.csv");
        std::fs::write(&input, "code\n").unwrap();
        // Named through another path to the same file.
        let other = dir.path().join("sub/../towns.csv");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let err = run("new", &["towns.csv", "sites.csv"])
            .write_to(dir.path(), &[other])
            .unwrap_err();
        assert_eq!(codes(err), [Code::OUTPUT_IS_INPUT]);
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "code\n");
        assert!(!dir.path().join("sites.csv").exists(), "nothing written");
        assert!(!dir.path().join(JOURNAL_DIR).exists());
    }

    #[test]
    fn only_an_earlier_runs_files_are_replaced_and_its_stale_ones_removed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        run("old", &["towns.csv", "unhoused.csv"])
            .write_to(dir.path(), &[])
            .unwrap();
        // A user's file with an output's name is not replaced.
        std::fs::write(dir.path().join("plan_summary.csv"), "mine").unwrap();
        let err = run("new", &["towns.csv", "plan_summary.csv"])
            .write_to(dir.path(), &[])
            .unwrap_err();
        assert_eq!(codes(err), [Code::OUTPUT_NOT_OURS]);
        std::fs::remove_file(dir.path().join("plan_summary.csv")).unwrap();
        run("new", &["towns.csv", "plan_summary.csv"])
            .write_to(dir.path(), &[])
            .unwrap();
        let files = visible(dir.path());
        let pairs: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("notes.txt", "mine"),
                ("plan_summary.csv", "new plan_summary.csv"),
                ("towns.csv", "new towns.csv"),
            ],
            "the stale unhoused.csv of the earlier run is gone, the user's file stays"
        );
    }

    /// An earlier run's output that this run reads as an input is kept, not removed as stale.
    #[test]
    fn a_stale_output_that_is_now_an_input_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        run("old", &["towns.csv", "sites.csv"])
            .write_to(dir.path(), &[])
            .unwrap();
        let input = dir.path().join("towns.csv");
        let removed = run("new", &["capacity.csv"])
            .write_to(dir.path(), std::slice::from_ref(&input))
            .unwrap();
        assert_eq!(removed, ["sites.csv"]);
        assert_eq!(std::fs::read_to_string(input).unwrap(), "old towns.csv");
    }

    /// A run stopped after any number of steps (as by a kill) leaves, once the next run has
    /// recovered the folder, either the earlier run's files or its own, never a mix.
    #[test]
    fn a_kill_at_any_step_leaves_old_or_new_after_recovery() {
        let old_names = ["a.csv", "b.csv", "c.csv"];
        let new_names = ["b.csv", "c.csv", "d.csv", "e.csv"];
        let mut saw_old = false;
        let mut saw_new = false;
        for steps in 0..20 {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
            run("old", &old_names).write_to(dir.path(), &[]).unwrap();
            let old = visible(dir.path());
            run("new", &new_names)
                .write_steps(dir.path(), &[], steps, Mode::Outputs)
                .unwrap();
            recover(dir.path()).unwrap();
            let now = visible(dir.path());
            let fresh = tempfile::tempdir().unwrap();
            std::fs::write(fresh.path().join("notes.txt"), "mine").unwrap();
            run("new", &new_names).write_to(fresh.path(), &[]).unwrap();
            let new = visible(fresh.path());
            assert!(now == old || now == new, "after {steps} steps: {now:?}");
            saw_old |= now == old;
            saw_new |= now == new;
            assert!(!dir.path().join(JOURNAL_DIR).exists());
            // And the next run works normally on it.
            run("next", &old_names).write_to(dir.path(), &[]).unwrap();
        }
        assert!(saw_old && saw_new);
    }

    /// A step that fails after the commit (here: a folder where an earlier run's file was)
    /// undoes the steps before it: the folder is as it was.
    #[test]
    fn a_failure_after_any_file_leaves_the_folder_as_it_was() {
        let names = ["a.csv", "b.csv", "c.csv", "d.csv"];
        for blocked in names {
            let dir = tempfile::tempdir().unwrap();
            run("old", &names).write_to(dir.path(), &[]).unwrap();
            // Where the earlier run wrote `blocked` there is now a non-empty folder: the new
            // file cannot be moved in, after the files before it were.
            std::fs::remove_file(dir.path().join(blocked)).unwrap();
            std::fs::create_dir(dir.path().join(blocked)).unwrap();
            std::fs::write(dir.path().join(blocked).join("x"), "x").unwrap();
            let before = visible(dir.path());
            let err = run("new", &names).write_to(dir.path(), &[]);
            assert!(err.is_err(), "{blocked}");
            assert_eq!(visible(dir.path()), before, "{blocked}");
            assert!(!dir.path().join(JOURNAL_DIR).exists());
        }
    }

    #[test]
    fn new_files_go_in_only_where_none_is_and_stay_out_of_the_manifest() {
        let dir = tempfile::tempdir().unwrap();
        run("old", &["towns.csv", "unhoused.csv"])
            .write_to(dir.path(), &[])
            .unwrap();
        run("new", &["scenario.toml", "demand.csv"])
            .write_new(dir.path())
            .unwrap();
        assert_eq!(read_manifest(dir.path()), ["towns.csv", "unhoused.csv"]);
        // A later run removes its own stale files, not the new ones.
        run("next", &["towns.csv"])
            .write_to(dir.path(), &[])
            .unwrap();
        let names: Vec<String> = visible(dir.path()).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["demand.csv", "scenario.toml", "towns.csv"]);
        // Any file there stops it, an earlier run's too, and each is named.
        let before = visible(dir.path());
        let err = run("again", &["scenario.toml", "towns.csv", "other.csv"])
            .write_new(dir.path())
            .unwrap_err();
        assert_eq!(codes(err), [Code::FILE_EXISTS, Code::FILE_EXISTS]);
        assert_eq!(visible(dir.path()), before, "nothing written");
        assert!(!dir.path().join(JOURNAL_DIR).exists());
    }

    #[test]
    fn a_failed_run_creates_no_folder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        let mut out = run("new", &["a.csv"]);
        // A file inside a "folder" that is a file cannot be staged.
        out.add("a.csv/b.csv", b"x".to_vec());
        assert!(out.write_to(&target, &[]).is_err());
        assert!(!target.exists());
    }

    /// [`run`] staged in `dir` as each file is added.
    fn staged_run(dir: &Path, inputs: &[PathBuf], tag: &str, names: &[&str]) -> Result<Outputs> {
        let mut out = Outputs::staged_in(dir, inputs, true)?;
        for n in names {
            out.add(*n, format!("{tag} {n}").into_bytes());
        }
        Ok(out)
    }

    #[test]
    fn staged_files_go_in_as_files_held_in_memory_do() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        #[derive(serde::Serialize, Default)]
        struct Row {
            id: String,
        }
        let fill = |out: &mut Outputs| {
            out.add("a.txt", b"alpha".to_vec());
            out.add_csv("b.csv", [Row { id: "x".into() }]);
            out.add("sub/c.txt", b"gamma".to_vec());
        };
        let mut held = Outputs::new();
        fill(&mut held);
        held.mark_tables_as_utf8();
        held.write_to(a.path(), &[]).unwrap();
        let mut staged = Outputs::staged_in(b.path(), &[], true).unwrap();
        fill(&mut staged);
        // Staged, not held: nothing is in the folder yet but the journal.
        assert!(staged.files.iter().all(|f| f.bytes.is_empty()));
        assert!(!b.path().join("a.txt").exists());
        let table: Vec<u8> = match staged.tables().next() {
            Some((_, csv)) => csv.read().unwrap().into_owned(),
            None => panic!("a table"),
        };
        assert!(table.starts_with(UTF8_BOM));
        staged.write_to(b.path(), &[]).unwrap();
        for name in [MANIFEST, "a.txt", "b.csv", "sub/c.txt"] {
            assert_eq!(
                std::fs::read(a.path().join(name)).unwrap(),
                std::fs::read(b.path().join(name)).unwrap(),
                "{name}"
            );
        }
        assert!(!b.path().join(JOURNAL_DIR).exists());
    }

    #[test]
    fn staged_files_replace_an_earlier_runs_and_remove_its_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        run("old", &["a.csv", "b.csv"])
            .write_to(dir.path(), &[])
            .unwrap();
        let mut out = staged_run(dir.path(), &[], "new", &["a.csv"]).unwrap();
        assert_eq!(out.write_to(dir.path(), &[]).unwrap(), ["b.csv"]);
        assert_eq!(visible(dir.path()), [("a.csv".into(), "new a.csv".into())]);
    }

    #[test]
    fn a_staged_run_that_stops_or_is_refused_leaves_the_folder_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        run("old", &["a.csv"]).write_to(dir.path(), &[]).unwrap();
        let before = visible(dir.path());
        // Dropped before its commit (a check failed, say).
        drop(staged_run(dir.path(), &[], "new", &["a.csv", "b.csv"]).unwrap());
        assert_eq!(visible(dir.path()), before);
        assert!(!dir.path().join(JOURNAL_DIR).exists());
        // A file no run wrote, and an input: both named, nothing replaced.
        std::fs::write(dir.path().join("mine.txt"), "mine").unwrap();
        std::fs::write(dir.path().join("towns.csv"), "code\n").unwrap();
        let inputs = [dir.path().join("towns.csv")];
        let names = ["a.csv", "mine.txt", "towns.csv", "z.csv"];
        let mut out = staged_run(dir.path(), &inputs, "new", &names).unwrap();
        let err = out.write_to(dir.path(), &inputs).unwrap_err();
        assert_eq!(codes(err), [Code::OUTPUT_NOT_OURS, Code::OUTPUT_IS_INPUT]);
        drop(out);
        assert!(!dir.path().join(JOURNAL_DIR).exists());
        assert!(!dir.path().join("z.csv").exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.csv")).unwrap(),
            "old a.csv"
        );
        // A folder the run would have made is not left behind.
        let fresh = dir.path().join("fresh");
        drop(staged_run(&fresh, &[], "new", &["a.csv"]).unwrap());
        assert!(!fresh.exists());
    }
}
