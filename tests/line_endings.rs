//! Every location in a message is the line a text editor shows, whatever the line endings:
//! LF, CRLF (what Excel saves), bare CR, or a mix of the three in one file.

mod common;

use common::{Fixture, dormplan};

/// The endings tried: each line `i` (from 0) of a file ends with `ending(i)`. No line is empty:
/// a bare CR before an empty line's LF would make one CRLF (one line break, in any editor).
type Ending = fn(usize) -> &'static str;

const STYLES: [(&str, Ending); 4] = [
    ("LF", |_| "\n"),
    ("CRLF", |_| "\r\n"),
    ("CR", |_| "\r"),
    ("mixed", |i| ["\n", "\r\n", "\r"][i % 3]),
];

fn joined(lines: &[String], ending: Ending) -> String {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{l}{}", ending(i)))
        .collect()
}

/// True when `msg` points at `file:line` (and not at a longer number).
fn at(msg: &str, file: &str, line: usize) -> bool {
    let key = format!("{file}:{line}");
    msg.match_indices(&key)
        .any(|(i, _)| !msg[i + key.len()..].starts_with(|c: char| c.is_ascii_digit()))
}

/// The error's location as `dormplan check` prints it, e.g. `sites.csv:50`.
fn located(fx: &Fixture, needle: &str) -> String {
    let scenario = fx.write();
    let o = dormplan(&["check", scenario.to_str().unwrap()], fx.path());
    // `check` exits 1 when it finds errors.
    assert_eq!(o.status.code(), Some(1), "{}", common::show(&o));
    let text = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no {needle} in\n{text}"))
        .to_string()
}

#[test]
fn a_bad_csv_row_is_named_by_its_editor_line() {
    for line in [2usize, 50, 60] {
        for (style, ending) in STYLES {
            // A header, then 59 good sites; the row on `line` has a non-number area.
            let mut lines = vec!["id,name,town,kind,status,gross_m2,lon,lat".to_string()];
            for i in 2..=60 {
                let area = if i == line { "lots" } else { "1000" };
                lines.push(format!(
                    "S{i},Site {i},330282001,migrant_apartment,existing,{area},121.2,30.2"
                ));
            }
            let fx = Fixture::new().set("sites.csv", joined(&lines, ending));
            let msg = located(&fx, "NOT_A_NUMBER");
            assert!(at(&msg, "sites.csv", line), "{style}, line {line}: {msg}");
        }
    }
}

#[test]
fn a_csv_with_too_many_fields_is_named_by_its_editor_line() {
    for (style, ending) in STYLES {
        let mut lines = vec!["id,name,town,kind,status,gross_m2,lon,lat".to_string()];
        for i in 2..=40 {
            let extra = if i == 40 { ",surplus" } else { "" };
            lines.push(format!(
                "S{i},Site {i},330282001,migrant_apartment,existing,1000,121.2,30.2{extra}"
            ));
        }
        let fx = Fixture::new().set("sites.csv", joined(&lines, ending));
        let msg = located(&fx, "CSV_MALFORMED");
        assert!(at(&msg, "sites.csv", 40), "{style}: {msg}");
    }
}

#[test]
fn a_bad_toml_setting_is_named_by_its_editor_line() {
    for (style, ending) in STYLES {
        let mut lines: Vec<String> = common::SCENARIO
            .lines()
            .map(|l| if l.is_empty() { "# -" } else { l }.to_string())
            .collect();
        // Comment lines push the bad key down to line 30.
        while lines.len() < 29 {
            lines.push("# note".to_string());
        }
        lines.push("[allocation]".to_string());
        lines.push("cutoff_km = -5".to_string());
        let fx = Fixture::new().set("scenario.toml", joined(&lines, ending));
        let msg = located(&fx, "cutoff_km");
        assert!(at(&msg, "scenario.toml", lines.len()), "{style}: {msg}");
    }
}

#[test]
fn a_malformed_geojson_is_named_by_its_editor_line() {
    for (style, ending) in STYLES {
        let mut lines = vec![
            "{".to_string(),
            "\"type\": \"FeatureCollection\",".to_string(),
            "\"features\": [".to_string(),
        ];
        while lines.len() < 20 {
            lines.push(" ".to_string());
        }
        // Line 21: a stray token.
        lines.push("oops".to_string());
        lines.push("]}".to_string());
        let fx = Fixture::new()
            .remove("sites.csv")
            .set("sites.geojson", joined(&lines, ending))
            .edit("scenario.toml", "sites.csv", "sites.geojson");
        let msg = located(&fx, "GEOJSON_MALFORMED");
        assert!(at(&msg, "sites.geojson", 21), "{style}: {msg}");
    }
}
