//! Writing outputs all-or-nothing.
//!
//! A command renders every output into memory first; only when all of them are ready are they
//! written, each to a temporary file in the target folder and then renamed into place. A run
//! that fails writes nothing, and a reader never sees a half-written file.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Output files rendered in memory, waiting to be written together.
#[derive(Debug, Default)]
pub struct Outputs {
    files: Vec<(String, Vec<u8>)>,
}

impl Outputs {
    /// An empty set.
    pub fn new() -> Outputs {
        Outputs::default()
    }

    /// Adds a file by name (relative to the output folder).
    pub fn add(&mut self, name: impl Into<String>, bytes: Vec<u8>) {
        self.files.push((name.into(), bytes));
    }

    /// Adds a CSV file with a header from serde rows. A file without rows still gets its
    /// header (taken from `T::default()`), so that a reader finds the columns it expects.
    pub fn add_csv<T: serde::Serialize + Default>(
        &mut self,
        name: impl Into<String>,
        rows: impl IntoIterator<Item = T>,
    ) {
        let mut rows = rows.into_iter().peekable();
        let bytes = if rows.peek().is_none() {
            header_of::<T>()
        } else {
            csv_bytes(rows)
        };
        self.add(name, bytes);
    }

    /// The names of the files, in the order they were added.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|(n, _)| n.as_str())
    }

    /// The content of a file by name.
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
    }

    /// Writes every file into `dir` (created if missing). Each file is written to a temporary
    /// name in `dir` first; the renames happen only after all writes succeeded.
    pub fn write_to(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        let fail = |path: &Path, source| Error::Output {
            path: path.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
        let mut staged = Vec::with_capacity(self.files.len());
        for (name, bytes) in &self.files {
            let target = dir.join(name);
            let parent = target.parent().unwrap_or(dir);
            std::fs::create_dir_all(parent).map_err(|e| fail(parent, e))?;
            let mut builder = tempfile::Builder::new();
            builder.prefix(".dormplan-");
            // Temporary files are private (0600) by default; outputs are ordinary files that
            // colleagues read, so ask for 0666 and let the umask narrow it as for any file.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                builder.permissions(std::fs::Permissions::from_mode(0o666));
            }
            let mut tmp = builder.tempfile_in(parent).map_err(|e| fail(parent, e))?;
            tmp.write_all(bytes).map_err(|e| fail(&target, e))?;
            tmp.as_file().sync_all().map_err(|e| fail(&target, e))?;
            staged.push((tmp, target));
        }
        let mut written = Vec::with_capacity(staged.len());
        for (tmp, target) in staged {
            tmp.persist(&target).map_err(|e| fail(&target, e.error))?;
            written.push(target);
        }
        Ok(written)
    }
}

/// Rows serialised as CSV with a header line, in memory.
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
        out.write_to(dir.path()).unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.txt")).unwrap(), b"alpha");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
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
}
