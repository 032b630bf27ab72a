//! How much dormplan reads before it calls an input too large.
//!
//! A scenario can name any file. A wrong one (a disk image, a log, a generated document nested
//! thousands of levels deep) must get a clear `TOO_LARGE` error, not exhaust memory or time. The
//! limits are far above any city's data and can be raised for one run with environment
//! variables, documented in `docs/formats.md`:
//!
//! | variable | default | what |
//! |---|---|---|
//! | `DORMPLAN_MAX_FILE_MB` | 2048 | size of any input file, MB |
//! | `DORMPLAN_MAX_LINE_KB` | 1024 | one line of a CSV or TOML file, kB |
//! | `DORMPLAN_MAX_ROWS` | 100,000,000 | rows of a CSV file or features of a GeoJSON file |
//! | `DORMPLAN_MAX_NESTING` | 64 | brackets and braces inside one another (GeoJSON, TOML) |

use crate::catalogue::{Said, problems as say};
use crate::diag::{Code, Location, Problem};
use std::path::Path;
use std::sync::OnceLock;

/// The reading limits in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of one input file.
    pub file_bytes: u64,
    /// Bytes of one line of a CSV or TOML file.
    pub line_bytes: usize,
    /// Rows of a CSV file or features of a GeoJSON file.
    pub rows: usize,
    /// Depth of brackets and braces in a GeoJSON or TOML file.
    pub nesting: usize,
}

const MB: u64 = 1 << 20;
const KB: usize = 1 << 10;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            file_bytes: 2048 * MB,
            line_bytes: 1024 * KB,
            rows: 100_000_000,
            nesting: 64,
        }
    }
}

/// The environment variables, their unit and largest value.
const VARIABLES: [(&str, u64, u64); 4] = [
    ("DORMPLAN_MAX_FILE_MB", MB, 1 << 24),
    ("DORMPLAN_MAX_LINE_KB", KB as u64, 1 << 24),
    ("DORMPLAN_MAX_ROWS", 1, 1 << 40),
    // serde_json stops at 128 levels on its own.
    ("DORMPLAN_MAX_NESTING", 1, 128),
];

static IN_FORCE: OnceLock<Limits> = OnceLock::new();

impl Limits {
    /// The defaults with every `DORMPLAN_MAX_…` variable that is set applied; an error naming
    /// the variable when one is not a whole number from 1 to its largest value.
    pub fn from_env() -> Result<Limits, String> {
        Limits::from_vars(|name| std::env::var(name).ok())
    }

    fn from_vars(get: impl Fn(&str) -> Option<String>) -> Result<Limits, String> {
        let mut l = Limits::default();
        for (i, (name, unit, max)) in VARIABLES.into_iter().enumerate() {
            let Some(text) = get(name) else { continue };
            let n = text
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or_else(|| {
                    format!("{name}={text:?}: expected a whole number from 1 to {max}")
                })?;
            let bytes = n * unit;
            let as_usize = usize::try_from(bytes).unwrap_or(usize::MAX);
            match i {
                0 => l.file_bytes = bytes,
                1 => l.line_bytes = as_usize,
                2 => l.rows = as_usize,
                _ => l.nesting = as_usize,
            }
        }
        Ok(l)
    }

    /// Makes these the limits of the process; false when limits were already in force (set
    /// earlier, or read from the environment by a first read).
    pub fn install(self) -> bool {
        IN_FORCE.set(self).is_ok()
    }

    /// The limits in force: those installed, else the environment's (read once), else the
    /// defaults.
    pub fn current() -> Limits {
        *IN_FORCE.get_or_init(|| Limits::from_env().unwrap_or_default())
    }
}

/// `TOO_LARGE` for `path` at `loc`.
pub(crate) fn too_large(path: &Path, loc: Location, found: Said, expected: Said) -> Problem {
    Problem::new(Code::TOO_LARGE, path, loc)
        .found(found)
        .expected(expected)
}

/// The first line of `text` longer than the limit: its 1-based number (LF, CRLF and bare CR
/// each end a line) and length in bytes.
pub(crate) fn long_line(text: &str, max: usize) -> Option<(u64, usize)> {
    let mut line = 1;
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i <= bytes.len() {
        let end = i == bytes.len() || bytes[i] == b'\n' || bytes[i] == b'\r';
        if end {
            if i - start > max {
                return Some((line, i - start));
            }
            if i + 1 < bytes.len() && bytes[i] == b'\r' && bytes[i + 1] == b'\n' {
                i += 1;
            }
            line += 1;
            start = i + 1;
        }
        i += 1;
    }
    None
}

/// The line-length check of a CSV or TOML file: `TOO_LARGE` at the first line over the limit.
pub(crate) fn check_lines(path: &Path, text: &str, problems: &mut Vec<Problem>) -> bool {
    let max = Limits::current().line_bytes;
    match long_line(text, max) {
        Some((line, len)) => {
            problems.push(too_large(
                path,
                Location::Line(line),
                say::LINE_OF_BYTES.with(&[("len", &len)]),
                say::AT_MOST_KB_LINE.with(&[
                    ("kb", &max.div_ceil(KB)),
                    ("variable", &"DORMPLAN_MAX_LINE_KB"),
                ]),
            ));
            false
        }
        None => true,
    }
}

/// Which syntax's strings and comments to skip when counting brackets.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// `"…"` strings with backslash escapes.
    Json,
    /// Basic and literal strings (`"…"`, `'…'`, and their triple-quoted forms) and `#`
    /// comments.
    Toml,
}

/// The byte offset at which brackets and braces first nest deeper than `max`, outside strings
/// and comments.
pub(crate) fn too_deep(text: &str, syntax: Syntax, max: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'"' => i = skip_string(bytes, i, b'"', true),
            b'\'' if syntax == Syntax::Toml => i = skip_string(bytes, i, b'\'', false),
            b'#' if syntax == Syntax::Toml => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The offset of the quote closing the string opened at `open` (triple quotes close a
/// triple-quoted string), or the end of the text.
fn skip_string(bytes: &[u8], open: usize, quote: u8, escapes: bool) -> usize {
    let triple = bytes.get(open..open + 3) == Some(&[quote; 3][..]);
    let mut i = if triple { open + 3 } else { open + 1 };
    while i < bytes.len() {
        if escapes && bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] == quote {
            if !triple {
                return i;
            }
            if bytes.get(i..i + 3) == Some(&[quote; 3][..]) {
                return i + 2;
            }
        }
        i += 1;
    }
    bytes.len()
}

/// The nesting check of a GeoJSON or TOML file: `TOO_LARGE` at the line where the limit is
/// passed.
pub(crate) fn check_nesting(
    path: &Path,
    text: &str,
    syntax: Syntax,
    line_of: impl Fn(usize) -> u64,
    problems: &mut Vec<Problem>,
) -> bool {
    let max = Limits::current().nesting;
    match too_deep(text, syntax, max) {
        Some(at) => {
            problems.push(too_large(
                path,
                Location::Line(line_of(at)),
                say::NESTED_DEEP.with(&[("depth", &(max + 1))]),
                say::AT_MOST_LEVELS.with(&[("max", &max), ("variable", &"DORMPLAN_MAX_NESTING")]),
            ));
            false
        }
        None => true,
    }
}

/// What a file holds many of: rows (CSV) or features (GeoJSON).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Rows {
    /// Rows of a CSV file.
    Rows,
    /// Features of a GeoJSON file.
    Features,
}

/// The row-count check: `TOO_LARGE` when a file has more rows or features than the limit.
pub(crate) fn rows_exceeded(path: &Path, loc: Location, what: Rows) -> Problem {
    let max = Limits::current().rows;
    let (more, most) = match what {
        Rows::Rows => (say::MORE_THAN_ROWS, say::AT_MOST_ROWS),
        Rows::Features => (say::MORE_THAN_FEATURES, say::AT_MOST_FEATURES),
    };
    too_large(
        path,
        loc,
        more.with(&[("max", &max)]),
        most.with(&[("max", &max), ("variable", &"DORMPLAN_MAX_ROWS")]),
    )
}

/// The file-size check, before any byte is read.
pub(crate) fn file_too_large(path: &Path, len: u64) -> Option<Problem> {
    let max = Limits::current().file_bytes;
    (len > max).then(|| {
        too_large(
            path,
            Location::File,
            say::FILE_OF_MB.with(&[("mb", &len.div_ceil(MB))]),
            say::AT_MOST_MB.with(&[("mb", &(max / MB)), ("variable", &"DORMPLAN_MAX_FILE_MB")]),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_override_the_defaults_and_bad_values_are_named() {
        let l = Limits::from_vars(|n| (n == "DORMPLAN_MAX_ROWS").then(|| "12".to_string()));
        assert_eq!(l.unwrap().rows, 12);
        let l = Limits::from_vars(|n| (n == "DORMPLAN_MAX_FILE_MB").then(|| "3".to_string()));
        assert_eq!(l.unwrap().file_bytes, 3 * MB);
        let e = Limits::from_vars(|n| (n == "DORMPLAN_MAX_NESTING").then(|| "0".to_string()));
        assert!(e.unwrap_err().contains("DORMPLAN_MAX_NESTING=\"0\""));
        let e = Limits::from_vars(|n| (n == "DORMPLAN_MAX_LINE_KB").then(|| "lots".to_string()));
        assert!(e.is_err());
    }

    #[test]
    fn long_lines_are_found_with_every_ending() {
        assert_eq!(long_line("ab\ncd\r\nefgh\rij", 3), Some((3, 4)));
        assert_eq!(long_line("ab\r\n\r\nabcd", 3), Some((3, 4)));
        assert_eq!(long_line("abc\nabc", 3), None);
        assert_eq!(long_line("", 0), None);
    }

    #[test]
    fn nesting_skips_strings_and_comments() {
        assert_eq!(too_deep("[[[]]]", Syntax::Json, 3), None);
        assert_eq!(too_deep("[[[[]]]]", Syntax::Json, 3), Some(3));
        assert_eq!(too_deep(r#"{"a": "[[[[\"[["}"#, Syntax::Json, 1), None);
        let toml = "a = '[[[[' # [[[[\nb = \"\"\"\n[[[[\"\"\"\nc = [[1]]";
        assert_eq!(too_deep(toml, Syntax::Toml, 2), None);
        assert_eq!(too_deep(toml, Syntax::Toml, 1), Some(toml.len() - 4));
    }
}
