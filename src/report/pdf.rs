//! The report page printed to PDF by a headless Chromium or Chrome found on the machine.
//!
//! dormplan draws no PDF itself: the browser lays out the same page a planner sees, with its
//! fonts for Chinese text, and prints it (`--print-to-pdf`). The browser runs headless, without
//! network services, with a fresh profile that is removed afterwards, and is killed if it has
//! not finished within [`PRINT_TIMEOUT`](crate::report::pdf::PRINT_TIMEOUT). The PDF is
//! written under a temporary name in the destination folder and renamed into place, so a
//! failed or killed print leaves no half-written file under the final name.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The environment variable that names the browser to use: a path, or a program on `PATH`.
pub const BROWSER_ENV: &str = "DORMPLAN_CHROME";

/// The programs looked for on `PATH` when [`BROWSER_ENV`] is not set, in this order.
pub const BROWSER_NAMES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// How long a print may take before the browser is killed. The sample's report prints in about
/// a second; the margin is for slow machines, not for a browser that waits on something.
pub const PRINT_TIMEOUT: Duration = Duration::from_secs(60);

/// The flags every headless run of the browser gets: no window, no GPU, and none of the
/// background services that would reach the network (updates, sync, QUIC probes, the first-run
/// wizard). The sandbox is off because Chromium refuses to start with it as root, which is how
/// CI and containers run; the only page it opens is dormplan's own file.
pub const HEADLESS_FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// The prefix of the temporary PDF: the one `dormplan`'s output folders already clean up
/// (`.dormplan-` and six characters) when a killed run left it behind.
const PART_PREFIX: &str = ".dormplan-";

/// Why a page could not be printed.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The page to print cannot be read.
    #[error("cannot read the page {}", .path.display())]
    Page {
        /// The HTML file.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The browser could not be started.
    #[error("cannot start the browser {}", .browser.display())]
    Start {
        /// The browser's program.
        browser: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The browser stopped with an error.
    #[error("the browser {} failed ({status}) printing {}{}", .browser.display(), .page.display(), said(.log))]
    Failed {
        /// The browser's program.
        browser: PathBuf,
        /// The page.
        page: PathBuf,
        /// How it ended.
        status: ExitStatus,
        /// The last lines it wrote on stderr.
        log: String,
    },
    /// The browser did not finish within the time allowed and was killed.
    #[error("the browser {} did not finish printing {} within {} s and was stopped", .browser.display(), .page.display(), .timeout.as_secs())]
    TimedOut {
        /// The browser's program.
        browser: PathBuf,
        /// The page.
        page: PathBuf,
        /// The time allowed.
        timeout: Duration,
    },
    /// The browser ended without error but wrote no PDF.
    #[error("the browser {} wrote no PDF for {}{}", .browser.display(), .page.display(), said(.log))]
    NoPdf {
        /// The browser's program.
        browser: PathBuf,
        /// The page.
        page: PathBuf,
        /// The last lines it wrote on stderr.
        log: String,
    },
    /// The PDF (or the browser's temporary profile) could not be written.
    #[error("cannot write {}", .path.display())]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
}

/// The browser's own words in an error message, when it left any.
fn said(log: &str) -> String {
    if log.is_empty() {
        String::new()
    } else {
        format!("; it said:\n{log}")
    }
}

/// The browser to print with: the program that [`BROWSER_ENV`] names (a path, or a name on
/// `PATH`), else the first of [`BROWSER_NAMES`] found on `PATH`. `None` when there is none,
/// and when [`BROWSER_ENV`] names something that is not an executable file: a browser chosen
/// by name is never silently replaced by another.
pub fn find_browser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    find_browser_in(std::env::var_os(BROWSER_ENV).as_deref(), &path)
}

/// [`find_browser`] with the variable's value and `PATH` given.
fn find_browser_in(chosen: Option<&OsStr>, path: &OsStr) -> Option<PathBuf> {
    match chosen.filter(|c| !c.is_empty()).map(Path::new) {
        Some(c) if c.components().count() > 1 => is_executable(c).then(|| c.to_path_buf()),
        Some(c) => on_path(c.as_os_str(), path),
        None => BROWSER_NAMES
            .iter()
            .find_map(|name| on_path(OsStr::new(name), path)),
    }
}

/// The first executable file called `name` in the folders of `path`.
fn on_path(name: &OsStr, path: &OsStr) -> Option<PathBuf> {
    std::env::split_paths(path)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(p) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    meta.is_file()
}

/// Prints the page `html` to the PDF file `pdf` with the headless `browser` (see
/// [`find_browser`]), without the browser's header and footer (date, title, file path).
/// Nothing is left under `pdf` unless the whole PDF was written; a browser that has not
/// finished within [`PRINT_TIMEOUT`] is killed.
pub fn print_pdf(browser: &Path, html: &Path, pdf: &Path) -> Result<(), PdfError> {
    print_pdf_within(browser, html, pdf, PRINT_TIMEOUT)
}

/// [`print_pdf`] with the time allowed given.
fn print_pdf_within(
    browser: &Path,
    html: &Path,
    pdf: &Path,
    timeout: Duration,
) -> Result<(), PdfError> {
    let page = std::fs::canonicalize(html).map_err(|source| PdfError::Page {
        path: html.to_path_buf(),
        source,
    })?;
    let write_error = |source| PdfError::Write {
        path: pdf.to_path_buf(),
        source,
    };
    let folder = match pdf.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let part = tempfile::Builder::new()
        .prefix(PART_PREFIX)
        .tempfile_in(folder)
        .map_err(write_error)?
        .into_temp_path();
    let print = Print {
        browser,
        html,
        timeout,
    };
    print.run(&page, &part)?;
    std::fs::File::open(&part)
        .and_then(|f| f.sync_all())
        .map_err(write_error)?;
    part.persist(pdf).map_err(|e| write_error(e.error))
}

/// One run of the browser.
struct Print<'a> {
    browser: &'a Path,
    /// The page as the caller named it, for messages.
    html: &'a Path,
    timeout: Duration,
}

impl Print<'_> {
    /// Prints the page at the absolute path `page` into the file `out`, which must then hold a
    /// PDF.
    fn run(&self, page: &Path, out: &Path) -> Result<(), PdfError> {
        // The profile and the browser's log, removed when this returns.
        let scratch = tempfile::Builder::new()
            .prefix("dormplan-browser-")
            .tempdir()
            .map_err(|source| PdfError::Write {
                path: std::env::temp_dir(),
                source,
            })?;
        let log_path = scratch.path().join("stderr.log");
        let log = std::fs::File::create(&log_path).map_err(|source| PdfError::Write {
            path: log_path.clone(),
            source,
        })?;
        let mut child = Command::new(self.browser)
            .args(HEADLESS_FLAGS)
            .arg("--no-pdf-header-footer")
            .arg(flag("--user-data-dir=", &scratch.path().join("profile")))
            .arg(flag("--print-to-pdf=", out))
            .arg(file_url(page))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|source| PdfError::Start {
                browser: self.browser.to_path_buf(),
                source,
            })?;
        let (browser, page) = (self.browser.to_path_buf(), self.html.to_path_buf());
        match wait_within(&mut child, self.timeout) {
            Some(status) if !status.success() => Err(PdfError::Failed {
                browser,
                page,
                status,
                log: log_tail(&log_path),
            }),
            None => Err(PdfError::TimedOut {
                browser,
                page,
                timeout: self.timeout,
            }),
            Some(_) if !starts_as_pdf(out) => Err(PdfError::NoPdf {
                browser,
                page,
                log: log_tail(&log_path),
            }),
            Some(_) => Ok(()),
        }
    }
}

/// `--name=` followed by a path, which need not be UTF-8.
fn flag(name: &str, path: &Path) -> OsString {
    let mut f = OsString::from(name);
    f.push(path.as_os_str());
    f
}

/// Waits for the child to end, at most `timeout`; kills it (and waits for it) past that.
fn wait_within(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if start.elapsed() < timeout => std::thread::sleep(Duration::from_millis(25)),
            // Past the time, or the state cannot be read: either way the browser must go.
            Ok(None) | Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

fn starts_as_pdf(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 5];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"%PDF-"
}

/// The last few lines the browser wrote on stderr, less its complaints about a missing
/// desktop bus (which every headless run on a server makes and which say nothing here).
fn log_tail(path: &Path) -> String {
    let text = std::fs::read(path).unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.contains("dbus"))
        .collect();
    lines[lines.len().saturating_sub(8)..].join("\n")
}

/// The `file://` URL by which a browser opens the file at an absolute path: every byte other
/// than letters, digits, `/` and `-._~` percent-encoded (so spaces, `#`, `%` and Chinese folder
/// names survive).
pub fn file_url(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = {
        let p = path.to_string_lossy().replace('\\', "/");
        let p = p.trim_start_matches("//?/").to_string();
        format!("/{p}").into_bytes()
    };
    let mut url = String::from("file://");
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_url_encodes_what_a_url_cannot_hold() {
        assert_eq!(
            file_url(Path::new("/tmp/慈溪 report/#1%.html")),
            "file:///tmp/%E6%85%88%E6%BA%AA%20report/%231%25.html"
        );
        assert_eq!(file_url(Path::new("/a/b-c_d.e~f")), "file:///a/b-c_d.e~f");
    }

    #[cfg(unix)]
    mod unix {
        use super::super::*;
        use std::os::unix::fs::PermissionsExt;

        /// Writes an executable shell script `name` into `dir`.
        fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
            let path = dir.join(name);
            std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
            path
        }

        #[test]
        fn the_browser_is_the_one_named_else_the_first_name_on_path() {
            let a = tempfile::tempdir().unwrap();
            let b = tempfile::tempdir().unwrap();
            let chrome = script(b.path(), "google-chrome", "");
            let chromium = script(b.path(), "chromium", "");
            let mine = script(a.path(), "my-browser", "");
            std::fs::write(a.path().join("chromium-browser"), "not executable").unwrap();
            let path = std::env::join_paths([a.path(), b.path()]).unwrap();
            let find = |chosen: Option<&str>| find_browser_in(chosen.map(OsStr::new), &path);

            // chromium-browser in the first folder is not executable; chromium comes first.
            assert_eq!(find(None), Some(chromium.clone()));
            assert_eq!(find(Some("")), Some(chromium));
            assert_eq!(find(Some("google-chrome")), Some(chrome));
            assert_eq!(find(Some(mine.to_str().unwrap())), Some(mine));
            // Named but absent: none, rather than another browser than the one asked for.
            assert_eq!(find(Some("/no/such/browser")), None);
            assert_eq!(find(Some("no-such-browser")), None);
            assert_eq!(find_browser_in(None, OsStr::new("")), None);
        }

        /// The names in a folder.
        fn names(dir: &Path) -> Vec<String> {
            let mut v: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        }

        /// Every way a print can end, with stand-in browsers (shell scripts that take the
        /// browser's arguments). One test, so that no other test of this file forks while a
        /// script is still open for writing (which makes running it fail with "text file busy").
        #[test]
        fn a_print_leaves_the_whole_pdf_or_nothing() {
            let bin = tempfile::tempdir().unwrap();
            // Each script records the profile folder it was given, to check it is removed.
            let record = |out: &str| {
                format!(
                    "for a in \"$@\"; do case \"$a\" in\n\
                     --user-data-dir=*) echo \"${{a#--user-data-dir=}}\" > \"$(dirname \"$0\")/profile\";;\n\
                     --print-to-pdf=*) {out} > \"${{a#--print-to-pdf=}}\";;\n\
                     esac; done"
                )
            };
            let good = script(
                bin.path(),
                "good",
                &record("printf '%%PDF-1.7\\n%%%%EOF\\n'"),
            );
            let silent = script(bin.path(), "silent", &record("printf 'not a pdf'"));
            let failing = script(
                bin.path(),
                "failing",
                "echo 'cannot open display' >&2; exit 3",
            );
            let hanging = script(bin.path(), "hanging", "exec sleep 30");

            let out = tempfile::tempdir().unwrap();
            let html = out.path().join("report.html");
            std::fs::write(&html, "<p>报告</p>").unwrap();
            let pdf = out.path().join("report.pdf");
            let quick = Duration::from_secs(10);

            print_pdf_within(&good, &html, &pdf, quick).unwrap();
            assert_eq!(std::fs::read(&pdf).unwrap(), b"%PDF-1.7\n%%EOF\n");
            assert_eq!(names(out.path()), ["report.html", "report.pdf"]);
            let profile = std::fs::read_to_string(bin.path().join("profile")).unwrap();
            assert!(
                !Path::new(profile.trim()).exists(),
                "the browser's profile {profile} is left behind"
            );
            std::fs::remove_file(&pdf).unwrap();

            let e = print_pdf_within(&silent, &html, &pdf, quick).unwrap_err();
            assert!(matches!(e, PdfError::NoPdf { .. }), "{e}");
            let e = print_pdf_within(&failing, &html, &pdf, quick).unwrap_err();
            assert!(matches!(e, PdfError::Failed { .. }), "{e}");
            assert!(e.to_string().contains("cannot open display"), "{e}");
            let start = Instant::now();
            let e =
                print_pdf_within(&hanging, &html, &pdf, Duration::from_millis(300)).unwrap_err();
            assert!(matches!(e, PdfError::TimedOut { .. }), "{e}");
            assert!(start.elapsed() < Duration::from_secs(10));
            let e = print_pdf_within(&bin.path().join("absent"), &html, &pdf, quick).unwrap_err();
            assert!(matches!(e, PdfError::Start { .. }), "{e}");
            let e =
                print_pdf_within(&good, &out.path().join("absent.html"), &pdf, quick).unwrap_err();
            assert!(matches!(e, PdfError::Page { .. }), "{e}");
            // None of the failures left a file, whole or partial.
            assert_eq!(names(out.path()), ["report.html"]);
        }
    }
}
