//! The report page in a real browser: `dormplan report` on the Cixi sample, opened in headless
//! Chromium over the DevTools protocol.
//!
//! The page logs no console error and throws no uncaught exception; it requests nothing but
//! itself; its map holds the county boundary, one circle per row of `sites.csv` and one line
//! per row of `allocations.csv` (the CSV files beside it, read here on their own), as many as
//! its embedded data lists; every chart has drawn marks; each layer switch hides its layer; a
//! click on a numeric header sorts a table and a second click reverses it. Screenshots go to
//! `target/report-screenshot.png` (the whole page, 1280 px wide) and `target/report-1280x800.png`
//! for a person to look at. The page is also printed to PDF with [`print_pdf`].
//!
//! The browser is the one [`find_browser`] finds. Without one the tests say why and pass,
//! unless `DORMPLAN_BROWSER_TEST=required` (as in CI), when they fail. `DORMPLAN_REPORT_DIR`
//! names a report folder written before (`report.html` and its CSV files) to check instead of
//! running `dormplan report`.

mod common;

use common::{csv_rows, dormplan, show};
use dormplan::report::pdf::{BROWSER_ENV, BROWSER_NAMES, HEADLESS_FLAGS, file_url};
use dormplan::report::pdf::{find_browser, print_pdf};
use headless_chrome::browser::tab::point::Point;
use headless_chrome::protocol::cdp::Emulation::SetDeviceMetricsOverride;
use headless_chrome::protocol::cdp::Log::LogEntryLevel;
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::protocol::cdp::Runtime::ConsoleAPICalledEventTypeOption as Console;
use headless_chrome::protocol::cdp::{Network, Page, types::Event};
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde::Deserialize;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

const SCENARIO: &str = "scenarios/cixi-2022-expansion.toml";
/// The map's layers, each with its switch.
const LAYERS: [&str; 5] = ["boundary", "towns", "sites", "flows", "unhoused"];
/// The viewport: a common laptop screen.
const WIDTH: u32 = 1280;
const HEIGHT: u32 = 800;
/// Marks what the test itself makes the page log, to prove that its logging reaches the test.
const CANARY: &str = "dormplan-canary";

#[test]
fn the_report_page_works_in_a_browser() {
    let Some((chrome, report)) = browser_and_report() else {
        return;
    };
    let html = report.path().join("report.html");
    let browser = launch(&chrome);
    let tab = browser.new_tab().expect("a browser tab");
    tab.set_default_timeout(Duration::from_secs(10));
    let seen = watch(&tab);
    set_viewport(&tab, HEIGHT);

    let url = file_url(
        &html
            .canonicalize()
            .unwrap_or_else(|e| panic!("{}: {e}", html.display())),
    );
    tab.navigate_to(&url)
        .and_then(|t| t.wait_until_navigated())
        .unwrap_or_else(|e| panic!("cannot open {url}: {e:#}"));
    wait_for(&tab, "document.readyState === 'complete'");

    screenshots(&tab);
    map_matches_the_files(&tab, report.path());
    charts_have_marks(&tab);
    layer_switches_hide_layers(&tab);
    headers_sort_tables(&tab);
    nothing_went_wrong(&tab, &seen);
}

#[test]
fn the_report_page_prints_to_pdf() {
    let Some(chrome) = browser_or_skip() else {
        return;
    };
    // The library call: a PDF, and nothing else left in the folder.
    let Some(report) = report_or_skip() else {
        return;
    };
    let out = tempfile::tempdir().expect("a temporary folder");
    let pdf = out.path().join("report.pdf");
    print_pdf(&chrome, &report.path().join("report.html"), &pdf)
        .unwrap_or_else(|e| panic!("{:#}", anyhow::Error::from(e)));
    let bytes = std::fs::read(&pdf).expect("the PDF");
    assert!(bytes.starts_with(b"%PDF-"), "report.pdf is not a PDF");
    let left: Vec<_> = std::fs::read_dir(out.path())
        .expect("the folder")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    assert_eq!(left, ["report.pdf"], "the print left other files");

    // The command: `report --pdf` writes report.pdf among its files, A4 pages and all.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let dir = dir.path().join("r");
    let o = dormplan(
        &[
            "report",
            SCENARIO,
            "--pdf",
            "-o",
            dir.to_str().expect("UTF-8"),
        ],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert!(o.status.success(), "{}", show(&o));
    let bytes = std::fs::read(dir.join("report.pdf")).expect("report.pdf");
    assert!(bytes.starts_with(b"%PDF-"), "report.pdf is not a PDF");
    assert!(
        bytes.len() > 10_000,
        "report.pdf has only {} bytes",
        bytes.len()
    );
    let text = String::from_utf8_lossy(&bytes);
    let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
    assert!(pages >= 4, "a section per page: {pages} pages");
    // A4 is 595 × 842 points.
    assert!(text.contains("/MediaBox [0 0 594.9"), "A4 pages");
    let listed = std::fs::read_to_string(dir.join(".dormplan-files")).expect("the list of files");
    assert!(
        listed.lines().any(|l| l == "report.pdf"),
        "report.pdf is one of the run's files"
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("report.pdf"));
}

/// The browser and the report to open in it, or `None` (the test passes) after saying why not.
fn browser_and_report() -> Option<(PathBuf, Report)> {
    let chrome = browser_or_skip()?;
    Some((chrome, report_or_skip()?))
}

/// The browser; `None` (the test passes) after saying why there is none, unless a browser is
/// required, when the test fails.
fn browser_or_skip() -> Option<PathBuf> {
    if let Some(chrome) = find_browser() {
        return Some(chrome);
    }
    let why = match std::env::var_os(BROWSER_ENV) {
        Some(c) if !c.is_empty() => format!(
            "{BROWSER_ENV}={} is not an executable file or a program on PATH",
            c.to_string_lossy()
        ),
        _ => format!(
            "{BROWSER_ENV} is not set and none of {} is on PATH",
            BROWSER_NAMES.join(", ")
        ),
    };
    if std::env::var("DORMPLAN_BROWSER_TEST").as_deref() == Ok("required") {
        panic!("DORMPLAN_BROWSER_TEST=required but no browser was found: {why}");
    }
    eprintln!("skipped: no browser to test the report page in: {why}");
    None
}

/// Where the report is: a folder written by this test, or one given.
enum Report {
    Written(tempfile::TempDir),
    Given(PathBuf),
}

impl Report {
    fn path(&self) -> &Path {
        match self {
            Report::Written(dir) => dir.path(),
            Report::Given(path) => path,
        }
    }
}

/// The report of the sample scenario: `DORMPLAN_REPORT_DIR`, or written by `dormplan report`.
/// `None` (the test passes) when this build of dormplan has no `report` command.
fn report_or_skip() -> Option<Report> {
    if let Some(dir) = std::env::var_os("DORMPLAN_REPORT_DIR").filter(|d| !d.is_empty()) {
        return Some(Report::Given(PathBuf::from(dir)));
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out_dir = dir.path().to_str().expect("a UTF-8 temporary folder");
    let out = dormplan(
        &["report", SCENARIO, "-o", out_dir],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    if !out.status.success() {
        panic!("dormplan report failed:\n{}", show(&out));
    }
    Some(Report::Written(dir))
}

fn launch(chrome: &Path) -> Browser {
    let options = LaunchOptions {
        path: Some(chrome.to_path_buf()),
        headless: true,
        sandbox: false,
        enable_gpu: false,
        window_size: Some((WIDTH, HEIGHT)),
        args: HEADLESS_FLAGS.iter().map(OsStr::new).collect(),
        idle_browser_timeout: Duration::from_secs(60),
        ..LaunchOptions::default()
    };
    Browser::new(options).unwrap_or_else(|e| panic!("cannot start {}: {e:#}", chrome.display()))
}

/// What the page did that the test watches: problems (console errors, uncaught exceptions,
/// errors the browser logged, such as a failed load) and the URL of every request.
#[derive(Default)]
struct Seen {
    problems: Vec<String>,
    requests: Vec<String>,
}

/// Starts recording what the page logs and requests (the Runtime, Log and Network domains).
fn watch(tab: &Tab) -> Arc<Mutex<Seen>> {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let record = Arc::clone(&seen);
    tab.add_event_listener(Arc::new(move |event: &Event| {
        let mut seen = record.lock().unwrap_or_else(PoisonError::into_inner);
        match event {
            Event::RuntimeConsoleAPICalled(e)
                if matches!(e.params.Type, Console::Error | Console::Assert) =>
            {
                let words: Vec<String> = e.params.args.iter().map(remote_text).collect();
                let line = format!("console.{:?}: {}", e.params.Type, words.join(" "));
                seen.problems.push(line);
            }
            Event::RuntimeExceptionThrown(e) => {
                let d = &e.params.exception_details;
                let what = d.exception.as_ref().and_then(|x| x.description.clone());
                let line = format!(
                    "uncaught exception at line {}: {}",
                    d.line_number + 1,
                    what.unwrap_or_else(|| d.text.clone())
                );
                seen.problems.push(line);
            }
            Event::LogEntryAdded(e) if e.params.entry.level == LogEntryLevel::Error => {
                let entry = &e.params.entry;
                let line = format!(
                    "browser log: {} ({})",
                    entry.text,
                    entry.url.as_deref().unwrap_or("")
                );
                seen.problems.push(line);
            }
            Event::NetworkRequestWillBeSent(e) => seen.requests.push(e.params.request.url.clone()),
            _ => {}
        }
    }))
    .expect("an event listener");
    tab.enable_runtime().expect("the Runtime domain");
    tab.enable_log().expect("the Log domain");
    tab.call_method(Network::Enable {
        max_total_buffer_size: None,
        max_resource_buffer_size: None,
        max_post_data_size: None,
        report_direct_socket_traffic: None,
        enable_durable_messages: None,
    })
    .expect("the Network domain");
    seen
}

/// A console argument as text.
fn remote_text(o: &headless_chrome::protocol::cdp::Runtime::RemoteObject) -> String {
    match (&o.value, &o.description) {
        (Some(serde_json::Value::String(s)), _) => s.clone(),
        (Some(v), _) => v.to_string(),
        (None, Some(d)) => d.clone(),
        (None, None) => String::from("?"),
    }
}

/// Lays the page out at [`WIDTH`] × `height` CSS pixels.
fn set_viewport(tab: &Tab, height: u32) {
    tab.call_method(SetDeviceMetricsOverride {
        width: WIDTH,
        height,
        device_scale_factor: 1.0,
        mobile: false,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .expect("setting the viewport");
}

/// Evaluates a JavaScript expression whose value is JSON text, and reads it.
fn eval<T: serde::de::DeserializeOwned>(tab: &Tab, js: &str) -> T {
    let value = tab
        .evaluate(js, false)
        .unwrap_or_else(|e| panic!("evaluating {js}: {e:#}"))
        .value;
    match value {
        Some(serde_json::Value::String(text)) => serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{js} gave {text}, not the expected JSON: {e}")),
        other => panic!("{js} gave {other:?}, not JSON text"),
    }
}

/// Waits (a few seconds at most) until a JavaScript condition holds.
fn wait_for(tab: &Tab, condition: &str) {
    let js = format!("JSON.stringify(!!({condition}))");
    let start = Instant::now();
    while !eval::<bool>(tab, &js) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "still not {condition}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `target/`: the parent of the integration tests' scratch folder.
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target/tmp has a parent")
        .to_path_buf()
}

/// The 1280 × 800 view as it first appears, and the whole page at 1280 px wide.
fn screenshots(tab: &Tab) {
    let shot = |name: &str| {
        let png = tab
            .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
            .expect("a screenshot");
        let path = target_dir().join(name);
        std::fs::write(&path, &png).expect("writing the screenshot");
        eprintln!("screenshot: {}", path.display());
        png_size(&png)
    };
    assert_eq!(shot("report-1280x800.png"), (WIDTH, HEIGHT));
    let metrics = tab
        .call_method(Page::GetLayoutMetrics(None))
        .expect("the page's size");
    let height = metrics.css_content_size.height.ceil() as u32;
    set_viewport(tab, height.max(HEIGHT));
    let (w, h) = shot("report-screenshot.png");
    set_viewport(tab, HEIGHT);
    assert_eq!(w, WIDTH, "the full-page screenshot's width");
    assert!(h >= HEIGHT, "the full-page screenshot is {h} px high");
}

/// A PNG's width and height, from its header.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// What the page's map and embedded data hold.
#[derive(Deserialize)]
struct MapFacts {
    data: Option<String>,
    map: bool,
    layers: Vec<String>,
    boundary_paths: usize,
    /// `data-site` of each site circle in the sites layer; of every site circle in the map.
    sites: Vec<String>,
    all_sites: usize,
    /// `data-group` and `data-site` of each flow line in the flows layer; of every flow line.
    flows: Vec<(String, String)>,
    all_flows: usize,
}

const MAP_FACTS: &str = r#"(() => {
  const map = document.querySelector('svg#map');
  const layer = n => map && map.querySelector(`g.layer[data-layer="${n}"]`);
  const all = (n, sel) => layer(n) ? Array.from(layer(n).querySelectorAll(sel)) : [];
  const data = document.querySelector('script#report-data[type="application/json"]');
  return JSON.stringify({
    data: data ? data.textContent : null,
    map: !!map,
    layers: map ? Array.from(map.querySelectorAll('g.layer')).map(g => g.dataset.layer) : [],
    boundary_paths: all('boundary', 'path').length,
    sites: all('sites', 'circle.site').map(c => c.dataset.site),
    all_sites: map ? map.querySelectorAll('circle.site').length : 0,
    flows: all('flows', 'line.flow').map(l => [l.dataset.group, l.dataset.site]),
    all_flows: map ? map.querySelectorAll('line.flow').length : 0,
  });
})()"#;

/// The map against the CSV files beside the page, read on their own, and the embedded data.
fn map_matches_the_files(tab: &Tab, dir: &Path) {
    let facts: MapFacts = eval(tab, MAP_FACTS);
    assert!(facts.map, "the page has no <svg id=\"map\">");
    for name in LAYERS {
        assert!(
            facts.layers.iter().any(|l| l == name),
            "the map has no layer {name:?} (it has {:?})",
            facts.layers
        );
    }
    assert!(facts.boundary_paths > 0, "the boundary layer has no path");

    let column = |file: &str, name: &str| -> Vec<String> {
        csv_rows(&dir.join(file))
            .into_iter()
            .map(|row| {
                row.get(name)
                    .unwrap_or_else(|| panic!("{file} has no column {name}"))
                    .clone()
            })
            .collect()
    };
    let csv_sites = column("sites.csv", "site");
    let csv_flows: Vec<(String, String)> = column("allocations.csv", "group")
        .into_iter()
        .zip(column("allocations.csv", "site"))
        .collect();
    assert!(!csv_sites.is_empty() && !csv_flows.is_empty());

    let data: serde_json::Value = serde_json::from_str(
        facts
            .data
            .as_deref()
            .expect("the page has no <script type=\"application/json\" id=\"report-data\">"),
    )
    .expect("report-data is not JSON");
    let listed = |what: &str| {
        data["map"][what]
            .as_array()
            .unwrap_or_else(|| panic!("report-data has no array map.{what}"))
            .len()
    };

    let (sites, flows) = (listed("sites"), listed("flows"));
    let sites_drawn = (facts.sites, facts.all_sites);
    marks_match("site circles", sites_drawn, sites, "sites.csv", csv_sites);
    let flows_drawn = (facts.flows, facts.all_flows);
    marks_match(
        "flow lines",
        flows_drawn,
        flows,
        "allocations.csv",
        csv_flows,
    );
}

/// One kind of mark: those drawn in their layer (and how many in the whole map), and how many
/// the embedded data lists, against the rows of a CSV file.
fn marks_match<T: Ord + std::fmt::Debug>(
    marks: &str,
    (mut drawn, in_map): (Vec<T>, usize),
    listed: usize,
    file: &str,
    mut rows: Vec<T>,
) {
    assert_eq!(
        drawn.len(),
        rows.len(),
        "{marks} in their layer against rows of {file}"
    );
    assert_eq!(in_map, drawn.len(), "{marks} outside their layer");
    assert_eq!(
        listed,
        rows.len(),
        "{marks} in the embedded data against rows of {file}"
    );
    drawn.sort();
    rows.sort();
    assert_eq!(drawn, rows, "the {marks} drawn are not the rows of {file}");
}

#[derive(Deserialize)]
struct Chart {
    name: String,
    svg: bool,
    rects: usize,
    others: usize,
}

fn charts_have_marks(tab: &Tab) {
    let charts: Vec<Chart> = eval(
        tab,
        r#"JSON.stringify(Array.from(document.querySelectorAll('figure.chart')).map(f => {
          const svg = f.querySelector('svg');
          const n = sel => svg ? svg.querySelectorAll(sel).length : 0;
          return { name: f.dataset.chart || '', svg: !!svg, rects: n('rect'),
                   others: n('polyline, path, circle') };
        }))"#,
    );
    assert!(
        !charts.is_empty(),
        "the page has no <figure class=\"chart\">"
    );
    for c in charts {
        assert!(c.svg, "chart {:?} has no <svg>", c.name);
        assert!(
            c.rects > 1 || c.others > 0,
            "chart {:?} has no drawn marks ({} rect, no polyline, path or circle)",
            c.name,
            c.rects
        );
    }
}

/// A JavaScript function that scrolls an element into view and gives its middle, where a click
/// lands on it.
const MIDDLE: &str = "(el => { el.scrollIntoView({block: 'center', inline: 'center'}); \
    const r = el.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })";

/// A mouse click at a point of the viewport, as a person makes it. (Each DevTools call costs
/// headless_chrome up to a tenth of a second, so each step asks the page for what it needs to
/// check and where to click next in one evaluation.)
fn click_at(tab: &Tab, (x, y): (f64, f64)) {
    tab.click_point(Point { x, y })
        .unwrap_or_else(|e| panic!("cannot click at ({x}, {y}): {e:#}"));
}

/// A layer switch: whether it is checked, whether its layer is shown, and where it is.
#[derive(Deserialize, Debug)]
struct Switch {
    checked: bool,
    shown: bool,
    at: (f64, f64),
}

fn switch(tab: &Tab, name: &str) -> Switch {
    let js = format!(
        r#"(() => {{
          const s = document.querySelectorAll('input.layer-toggle[data-layer="{name}"]');
          const g = document.querySelector('svg#map g.layer[data-layer="{name}"]');
          if (s.length !== 1 || s[0].type !== 'checkbox' || !g) return JSON.stringify(null);
          return JSON.stringify({{ checked: s[0].checked, shown: getComputedStyle(g).display !== 'none',
                                  at: {MIDDLE}(s[0]) }});
        }})()"#
    );
    eval::<Option<Switch>>(tab, &js).unwrap_or_else(|| {
        panic!("layer {name} has no one <input type=\"checkbox\" class=\"layer-toggle\">")
    })
}

fn layer_switches_hide_layers(tab: &Tab) {
    for name in LAYERS {
        let on = switch(tab, name);
        assert!(on.checked && on.shown, "layer {name} at first: {on:?}");
        click_at(tab, on.at);
        let off = switch(tab, name);
        assert!(
            !off.checked && !off.shown,
            "layer {name} switched off: {off:?}"
        );
        click_at(tab, off.at);
        let again = switch(tab, name);
        assert!(
            again.checked && again.shown,
            "layer {name} switched on again: {again:?}"
        );
    }
}

/// For each sortable table: its first column whose body cells all carry numbers in
/// `data-value`, not all equal (none: -1).
const NUMERIC_COLUMNS: &str = r#"JSON.stringify(Array.from(document.querySelectorAll('table.sortable')).map(t => {
  const rows = t.tBodies.length ? Array.from(t.tBodies[0].rows) : [];
  const heads = t.tHead ? t.tHead.rows[t.tHead.rows.length - 1].cells.length : 0;
  for (let j = 0; j < heads; j++) {
    const v = rows.map(r => r.cells[j] && r.cells[j].dataset.value);
    if (v.length > 1 && v.every(x => x !== undefined && x !== '' && isFinite(Number(x)))
        && new Set(v.map(Number)).size > 1) return j;
  }
  return -1;
}))"#;

/// Column `j` of sortable table `i` as shown: its numbers, each row's text, and where its
/// header is.
#[derive(Deserialize)]
struct Column {
    values: Vec<f64>,
    rows: Vec<String>,
    at: (f64, f64),
}

fn column(tab: &Tab, i: usize, j: usize) -> Column {
    eval(
        tab,
        &format!(
            "(() => {{
               const t = document.querySelectorAll('table.sortable')[{i}];
               const rows = Array.from(t.tBodies[0].rows);
               const th = t.tHead.rows[t.tHead.rows.length - 1].cells[{j}];
               return JSON.stringify({{ values: rows.map(r => Number(r.cells[{j}].dataset.value)),
                                        rows: rows.map(r => r.textContent), at: {MIDDLE}(th) }});
             }})()"
        ),
    )
}

fn headers_sort_tables(tab: &Tab) {
    let numeric: Vec<i64> = eval(tab, NUMERIC_COLUMNS);
    assert!(
        numeric.iter().any(|&j| j >= 0),
        "no <table class=\"sortable\"> has a column of data-value numbers to sort by"
    );
    for (i, j) in numeric.into_iter().enumerate() {
        let Ok(j) = usize::try_from(j) else { continue };
        let before = column(tab, i, j);
        click_at(tab, before.at);
        let first = column(tab, i, j);
        let ascending = first.values.windows(2).all(|w| w[0] <= w[1]);
        let descending = first.values.windows(2).all(|w| w[0] >= w[1]);
        assert!(
            ascending || descending,
            "sortable table {i}, column {j}: one click on its header left it unsorted: {:?}",
            first.values
        );
        click_at(tab, first.at);
        let second = column(tab, i, j);
        let reversed: Vec<f64> = first.values.iter().rev().copied().collect();
        assert_eq!(
            second.values, reversed,
            "sortable table {i}, column {j}: a second click does not reverse the order"
        );
        let (mut was, mut is) = (before.rows, second.rows);
        was.sort();
        is.sort();
        assert_eq!(is, was, "sortable table {i}: sorting changed the rows");
    }
}

/// No problem was logged and nothing but the page itself was requested. The test first makes
/// the page log an error and throw an exception of its own and waits for both: they show that
/// the events reach the test, and that every earlier one has arrived.
fn nothing_went_wrong(tab: &Tab, seen: &Mutex<Seen>) {
    tab.evaluate(
        &format!(
            "console.error('{CANARY}'); setTimeout(() => {{ throw new Error('{CANARY}'); }}); 0"
        ),
        false,
    )
    .expect("the canary");
    let canaries = || {
        let seen = seen.lock().unwrap_or_else(PoisonError::into_inner);
        seen.problems.iter().filter(|p| p.contains(CANARY)).count()
    };
    let start = Instant::now();
    while canaries() < 2 {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the page's console error and exception do not reach the test"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let page: String = eval(tab, "JSON.stringify(location.href)");
    let (problems, requests) = {
        let seen = seen.lock().unwrap_or_else(PoisonError::into_inner);
        (seen.problems.clone(), seen.requests.clone())
    };
    let problems: Vec<&String> = problems.iter().filter(|p| !p.contains(CANARY)).collect();
    assert!(
        problems.is_empty(),
        "the page logged problems:\n{problems:#?}"
    );
    assert!(
        requests.contains(&page),
        "the request for the page itself ({page}) was not seen: {requests:?}"
    );
    let others: Vec<&String> = requests
        .iter()
        .filter(|u| **u != page && !u.starts_with("data:") && !u.starts_with("blob:"))
        .collect();
    assert!(
        others.is_empty(),
        "the page requested more than itself: {others:#?}"
    );
}
