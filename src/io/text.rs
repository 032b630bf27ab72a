//! Reading a file as UTF-8 text, with a useful message when it is not.
//!
//! Spreadsheets saved from Excel on a Chinese Windows machine are GBK (code page 936) unless
//! the user picks "CSV UTF-8"; that is by far the most common reason a file here is not
//! UTF-8, so the message names it and says how to re-save.

use crate::catalogue::{Said, problems as say};
use crate::diag::{Code, Location, Problem};
use std::path::Path;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads `path` as UTF-8 text (a leading byte-order mark is dropped). Pushes
/// `FILE_UNREADABLE` or `NOT_UTF8` and returns `None` when it cannot.
pub(crate) fn read_text(path: &Path, problems: &mut Vec<Problem>) -> Option<String> {
    if let Err(kind) = regular_file(path) {
        problems.push(
            Problem::new(Code::FILE_UNREADABLE, path, Location::File)
                .found(kind)
                .expected(say::REGULAR_FILE),
        );
        return None;
    }
    if let Some(p) = std::fs::metadata(path)
        .ok()
        .and_then(|m| super::limits::file_too_large(path, m.len()))
    {
        problems.push(p);
        return None;
    }
    let mut bytes = match read_at_most(path, super::limits::Limits::current().file_bytes) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            // The file grew past the limit while it was read.
            let max = super::limits::Limits::current().file_bytes;
            problems.push(super::limits::too_large(
                path,
                Location::File,
                say::GREW_WHILE_READ.with(&[("mb", &(max >> 20))]),
                say::AT_MOST_MB
                    .with(&[("mb", &(max >> 20)), ("variable", &"DORMPLAN_MAX_FILE_MB")]),
            ));
            return None;
        }
        Err(e) => {
            problems.push(
                Problem::new(Code::FILE_UNREADABLE, path, Location::File)
                    .found(say::os_error(&e))
                    .expected(say::READABLE_FILE),
            );
            return None;
        }
    };
    match decode(&bytes) {
        Ok(text) => {
            // The text is the bytes after any byte-order mark: kept, not copied (a cost matrix
            // can be hundreds of MB).
            let mark = bytes.len() - text.len();
            bytes.drain(..mark);
            // `decode` has checked them: this is never `None`.
            String::from_utf8(bytes).ok()
        }
        Err(p) => {
            problems.push(p.into_problem(path));
            None
        }
    }
}

/// The bytes of `path`, or `None` when it holds more than `max` bytes.
fn read_at_most(path: &Path, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// `Ok` unless `path` exists and is something other than a regular file (a folder, a named
/// pipe, a socket, a device): reading those can block forever (a pipe with no writer) or never
/// end (`/dev/zero`), so they are refused before any read. A path that does not exist is left
/// to the read, which reports it.
pub(crate) fn regular_file(path: &Path) -> Result<(), Said> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(m) if m.is_dir() => Err(say::FOUND_FOLDER.into()),
        Ok(m) => Err(say::FOUND_SPECIAL.with_said(vec![("kind", special_kind(&m).into())])),
        Err(_) => Ok(()),
    }
}

#[cfg(unix)]
fn special_kind(m: &std::fs::Metadata) -> crate::catalogue::Phrase {
    use std::os::unix::fs::FileTypeExt;
    let t = m.file_type();
    if t.is_fifo() {
        say::KIND_FIFO
    } else if t.is_socket() {
        say::KIND_SOCKET
    } else if t.is_char_device() || t.is_block_device() {
        say::KIND_DEVICE
    } else {
        say::KIND_SPECIAL
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::Metadata) -> crate::catalogue::Phrase {
    say::KIND_SPECIAL
}

/// Why bytes are not UTF-8 text, and where.
#[derive(Debug)]
pub(crate) struct NotUtf8 {
    line: u64,
    byte: u8,
    hint: Hint,
}

#[derive(Debug, PartialEq)]
enum Hint {
    Gbk,
    Utf16,
    None,
}

impl NotUtf8 {
    fn into_problem(self, path: &Path) -> Problem {
        let expected = match self.hint {
            Hint::Gbk => say::UTF8_NOT_GBK,
            Hint::Utf16 => say::UTF8_NOT_UTF16,
            Hint::None => say::UTF8_RESAVE,
        };
        Problem::new(Code::NOT_UTF8, path, Location::Line(self.line))
            .found(say::NOT_UTF8_BYTE.with(&[("byte", &format!("0x{:02X}", self.byte))]))
            .expected(expected)
    }
}

/// The text of `bytes` without a UTF-8 byte-order mark, or where and why it is not UTF-8.
pub(crate) fn decode(bytes: &[u8]) -> Result<&str, NotUtf8> {
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    if looks_like_utf16(body) {
        return Err(NotUtf8 {
            line: 1,
            byte: 0,
            hint: Hint::Utf16,
        });
    }
    std::str::from_utf8(body).map_err(|e| {
        let bad = e.valid_up_to();
        let line = 1 + body[..bad].iter().filter(|&&b| b == b'\n').count() as u64;
        let hint = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            Hint::Utf16
        } else if looks_like_gbk(body) {
            Hint::Gbk
        } else {
            Hint::None
        };
        NotUtf8 {
            line,
            byte: body.get(bad).copied().unwrap_or(0),
            hint,
        }
    })
}

/// True when NUL bytes fill every other place of the first bytes: UTF-16 text of mostly ASCII
/// characters saved without a byte-order mark, which is valid UTF-8 full of NULs.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(200)];
    if head.len() < 8 {
        return false;
    }
    let nul_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = head.len() / 2;
    nul_at(0).max(nul_at(1)) * 10 >= half * 9
}

/// True when the bytes decode cleanly as GB18030 (a superset of GBK) and contain Chinese
/// characters: random binary decodes with errors, and plain ASCII would have been UTF-8.
fn looks_like_gbk(bytes: &[u8]) -> bool {
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    !had_errors && text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// `text` with every CR that does not start a CRLF replaced by LF: the same length, so byte
/// offsets (and [`LineIndex`] lines) still hold. Borrowed when there is none.
pub(crate) fn bare_cr_as_lf(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let bare = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(bare) {
        return std::borrow::Cow::Borrowed(text);
    }
    let out: String = text
        .char_indices()
        .map(|(i, c)| if c == '\r' && bare(i) { '\n' } else { c })
        .collect();
    std::borrow::Cow::Owned(out)
}

/// [`LineIndex`]'s line of each offset, counted as the offsets are met rather than from the
/// start of every line: a reader that goes through a file once (a CSV table of millions of
/// rows) keeps no index of its lines. Offsets are cheapest in increasing order; an earlier one
/// restarts the count.
pub(crate) struct LineCounter<'t> {
    text: &'t str,
    /// The line reached, from 1, and where it starts.
    line: u64,
    start: usize,
    /// Where the line after it starts, if there is one.
    next: Option<usize>,
}

impl<'t> LineCounter<'t> {
    /// A count from the start of `text`.
    pub fn new(text: &'t str) -> LineCounter<'t> {
        LineCounter {
            text,
            line: 1,
            start: 0,
            next: line_after(text.as_bytes(), 0),
        }
    }

    /// The line holding byte `offset`.
    pub fn line(&mut self, offset: usize) -> u64 {
        if offset < self.start {
            *self = LineCounter::new(self.text);
        }
        while let Some(next) = self.next.filter(|&next| next <= offset) {
            self.line += 1;
            self.start = next;
            self.next = line_after(self.text.as_bytes(), next);
        }
        self.line
    }

    /// The line of the CSV record that starts at byte `offset`: the csv crate may report a
    /// record's start at the LF of the CRLF that ends the line before, so line-ending bytes are
    /// skipped first.
    pub fn record(&mut self, offset: usize) -> u64 {
        let skipped = self
            .text
            .as_bytes()
            .get(offset..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        self.line(offset + skipped)
    }
}

/// Where the line after the one holding byte `from` starts: past its LF, CRLF or bare CR.
fn line_after(bytes: &[u8], from: usize) -> Option<usize> {
    let end = from
        + bytes
            .get(from..)?
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')?;
    Some(if bytes[end..].starts_with(b"\r\n") {
        end + 2
    } else {
        end + 1
    })
}

/// Byte offset → the 1-based line a text editor shows, counting every line ending dormplan
/// meets in files people save: LF, CRLF (one ending) and a bare CR (old Mac, and some
/// spreadsheet exports). Parsers that count only LF (or count CRLF oddly) would point at the
/// wrong line; every location in a message goes through this.
pub(crate) struct LineIndex(Vec<usize>);

impl LineIndex {
    /// The offsets at which each line after the first starts.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex(starts)
    }

    /// How many lines the text has (an empty text has one).
    pub fn count(&self) -> usize {
        self.0.len() + 1
    }

    /// The line holding byte `offset`.
    pub fn line(&self, offset: usize) -> u64 {
        self.0.partition_point(|&start| start <= offset) as u64 + 1
    }

    /// The line of a position given as an LF-counted line and a 1-based byte column (as
    /// serde_json reports them), in this index's count.
    pub fn line_of_lf_position(&self, text: &str, lf_line: usize, column: usize) -> u64 {
        let start = if lf_line <= 1 {
            0
        } else {
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .nth(lf_line - 2)
                .map_or(text.len(), |(i, _)| i + 1)
        };
        self.line(start + column.saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_byte_order_mark() {
        assert_eq!(decode(b"\xEF\xBB\xBFcode,name").unwrap(), "code,name");
    }

    #[test]
    fn lines_end_at_lf_crlf_and_bare_cr() {
        let text = "a\nb\r\nc\rd\r\n\re";
        let lines = LineIndex::new(text);
        let at = |c: char| lines.line(text.find(c).unwrap());
        assert_eq!(
            [at('a'), at('b'), at('c'), at('d'), at('e')],
            [1, 2, 3, 4, 6]
        );
        // serde_json counts LF only: "e" is on its line 4, column 2 (after the bare CR).
        assert_eq!(lines.line_of_lf_position(text, 4, 2), 6);
    }

    #[test]
    fn the_counter_agrees_with_the_index_in_any_order() {
        for text in ["", "a", "a\nb\r\nc\rd\r\n\re\n", "\r\n\r\r\n\n", "x\r"] {
            let index = LineIndex::new(text);
            let mut counter = LineCounter::new(text);
            let offsets = (0..=text.len() + 1).chain((0..=text.len()).rev());
            for at in offsets.chain([2, 0, 5, 1]) {
                assert_eq!(counter.line(at), index.line(at), "{text:?} at {at}");
            }
        }
        let text = "h\r\nrow\r\n\r\nlast";
        assert_eq!(LineCounter::new(text).record(7), 4);
        assert_eq!(LineCounter::new(text).record(text.len()), 4);
    }

    #[test]
    fn recognises_gbk_and_points_at_the_line() {
        let (gbk, _, _) = encoding_rs::GBK.encode("code,name_zh\n330282121,周巷镇\n");
        let err = decode(&gbk).unwrap_err();
        assert_eq!(err.hint, Hint::Gbk);
        assert_eq!(err.line, 2);
    }

    #[test]
    fn recognises_utf16() {
        let err = decode(b"\xFF\xFEc\0o\0").unwrap_err();
        assert_eq!(err.hint, Hint::Utf16);
    }

    #[test]
    fn recognises_utf16_without_a_byte_order_mark() {
        let le: Vec<u8> = "id,town\n".bytes().flat_map(|b| [b, 0]).collect();
        assert_eq!(decode(&le).unwrap_err().hint, Hint::Utf16);
        let be: Vec<u8> = "id,town\n".bytes().flat_map(|b| [0, b]).collect();
        assert_eq!(decode(&be).unwrap_err().hint, Hint::Utf16);
        assert!(
            decode(b"id,town\n\0\0").is_ok(),
            "a stray NUL is left to the cell check"
        );
    }

    #[test]
    fn binary_is_not_called_gbk() {
        let err = decode(&[0x80, 0x00, 0xFF, 0xFF]).unwrap_err();
        assert_eq!(err.hint, Hint::None);
    }
}
