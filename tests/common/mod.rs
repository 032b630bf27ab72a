//! A small scenario written to a temporary folder, with helpers to change one file at a time;
//! running the binary and reading its CSV outputs.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Two towns, three sites (one a candidate), two demand groups. At 9 m² per person with a
/// usable ratio of 0.8: S1 800 m² → 88 beds, S2 400 m² → 44 beds (S3 is not counted).
pub const TOWNS: &str = "\
code,name_zh,name_en,lon,lat
330282001,甲镇,Jiazhen,121.20,30.20
330282002,乙镇,Yizhen,121.30,30.20
";

pub const SITES: &str = "\
id,name,town,kind,status,gross_m2,residential_m2,beds,lon,lat
S1,Alpha apartments,330282001,migrant_apartment,existing,1000,800,,121.201,30.201
S2,Beta dorm,乙镇,enterprise_dormitory,existing,500,,,121.301,30.201
S3,Gamma new build,yizhen,rental_new_build,candidate,2000,1600,,121.302,30.202
";

pub const DEMAND: &str = "\
id,town,people,lon,lat
D1,330282001,120,121.2,30.2
D2,330282002,30,121.3,30.2
";

pub const SCENARIO: &str = "\
name = \"Test\"

[data]
towns = \"towns.csv\"
sites = \"sites.csv\"
demand = \"demand.csv\"

[standard]
plan_m2_per_person = 9.0
usable_ratio = 0.8
";

pub const POLICY: &str = r#"name = "Test policy"

[standard]
min_m2_per_person = 8
max_m2_per_person = 10

[[programme]]
id = "pilot"
source = "test"
years = { from = 2020, to = 2022 }
require_expert_review = true

[programme.rates.rental_new_build]
yuan_per_m2 = 800
cost_share_cap = 0.30
"#;

/// Input files in memory, written to a fresh temporary folder on demand.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    files: BTreeMap<String, Vec<u8>>,
}

impl Default for Fixture {
    fn default() -> Self {
        Self::new()
    }
}

impl Fixture {
    /// The default scenario.
    pub fn new() -> Fixture {
        let mut files = BTreeMap::new();
        for (name, text) in [
            ("towns.csv", TOWNS),
            ("sites.csv", SITES),
            ("demand.csv", DEMAND),
            ("scenario.toml", SCENARIO),
        ] {
            files.insert(name.to_string(), text.as_bytes().to_vec());
        }
        Fixture {
            dir: tempfile::tempdir().expect("a temporary folder"),
            files,
        }
    }

    /// Sets a file's content.
    pub fn set(mut self, name: &str, content: impl AsRef<[u8]>) -> Fixture {
        self.files
            .insert(name.to_string(), content.as_ref().to_vec());
        self
    }

    /// Removes a file.
    pub fn remove(mut self, name: &str) -> Fixture {
        self.files.remove(name);
        self
    }

    /// Replaces `from` by `to` in a text file (which must contain `from`).
    pub fn edit(mut self, name: &str, from: &str, to: &str) -> Fixture {
        let text = String::from_utf8(self.files[name].clone()).expect("a text file");
        assert!(text.contains(from), "{name} has no {from:?}");
        self.files
            .insert(name.to_string(), text.replacen(from, to, 1).into_bytes());
        self
    }

    /// Appends text to a file.
    pub fn append(mut self, name: &str, more: &str) -> Fixture {
        self.files
            .get_mut(name)
            .expect("an existing file")
            .extend_from_slice(more.as_bytes());
        self
    }

    /// Writes every file and returns the scenario's path.
    pub fn write(&self) -> PathBuf {
        for (name, bytes) in &self.files {
            std::fs::write(self.dir.path().join(name), bytes).expect("writing a fixture");
        }
        self.dir.path().join("scenario.toml")
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// The time of every run of [`dormplan`] (`SOURCE_DATE_EPOCH`: 2023-11-14T22:13:20Z), so that
/// two runs on the same inputs give the same bytes, `run.json` and the workbook included.
pub const RUN_TIME: &str = "1700000000";

/// Runs `dormplan` with `args` in `cwd`, at [`RUN_TIME`].
pub fn dormplan(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dormplan"))
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", RUN_TIME)
        .output()
        .expect("running dormplan")
}

/// Bytes as text, lossily.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Exit code, stdout and stderr, for assertion messages.
pub fn show(o: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}--- stderr\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The UTF-8 byte-order mark that starts every CSV output (unless `--plain-csv`).
pub const BOM: &str = "\u{feff}";

/// A CSV output's text without the byte-order mark, which it must start with.
pub fn csv_text(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("a CSV output");
    match text.strip_prefix(BOM) {
        Some(body) => body.to_string(),
        None => panic!("{} does not start with a byte-order mark", path.display()),
    }
}

/// A CSV table in memory: its header and rows.
pub fn csv_table(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(bytes);
    let header = r
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("a record").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// A CSV output as rows of named fields.
pub fn csv_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = csv_text(path);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().expect("a header").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("a CSV record");
            header
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// True for a difference of zero as written in CSV (whole, 1, 2 or 3 decimals).
pub fn is_zero(d: &str) -> bool {
    matches!(d, "0" | "0.0" | "0.00" | "0.000")
}

/// Text a problem line holds as it is in every language: the messages of the parsers
/// (serde_json, toml), which dormplan quotes rather than translates.
pub const VERBATIM: &[&str] = &[
    "EOF while parsing a value",
    "number out of range",
    "unknown variant",
    "expected one of",
    "unclosed table, expected",
    "invalid basic string, expected non-double-quote visible characters",
    "invalid basic string, expected",
    "extra `=`, expected nothing",
];

/// The first run of three or more English words in a problem line once what reads the same in
/// every language is set aside: quoted values (`"…"`), code (in backquotes), [`VERBATIM`]
/// messages, and names (file
/// names, paths, codes, fields and keys: any word with a digit, `_`, `.`, `/` or `=` in it).
/// `None` when a Chinese planner can read every word.
pub fn english_prose(line: &str) -> Option<String> {
    let mut text = line.to_string();
    for v in VERBATIM {
        text = text.replace(v, " ");
    }
    // Quoted values, with their escapes, and code in backquotes.
    let mut bare = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '"' && c != '`' {
            bare.push(c);
            continue;
        }
        bare.push(' ');
        let close = c;
        while let Some(c) = chars.next() {
            match c {
                '\\' if close == '"' => {
                    chars.next();
                }
                c if c == close => break,
                _ => {}
            }
        }
    }
    let mut run: Vec<String> = Vec::new();
    let mut word = String::new();
    let end_word = |word: &mut String, run: &mut Vec<String>| {
        let w = word.trim_matches(|c: char| c.is_ascii_punctuation());
        if w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') && !w.is_empty() {
            run.push(w.to_string());
        } else if !w.is_empty() {
            run.clear();
        }
        word.clear();
        run.len() >= 3
    };
    for c in bare.chars().chain([' ']) {
        if c.is_ascii_whitespace() || !c.is_ascii() {
            if end_word(&mut word, &mut run) {
                return Some(run.join(" "));
            }
            if !c.is_ascii() {
                run.clear();
            }
        } else {
            word.push(c);
        }
    }
    None
}

/// Random sites and groups as the rows of a sites and a demand CSV (without headers) in town
/// 330282001, placed in steps of 0.001° east and north of (121.2, 30.2).
///
/// Sites: `(x, y, m², is Acme's dormitory)` with columns `id, name, town, kind, status,
/// gross_m2, residential_m2, employer, lon, lat`. Groups: `(x, y, people, priority points,
/// works for Acme, keep together)` with columns `id, town, people, lon, lat, employer,
/// priority, keep_together, max_commute_km`.
pub fn random_city(
    sites: &[(u32, u32, u32, bool)],
    groups: &[(u32, u32, u32, u32, bool, bool)],
) -> (String, String) {
    let at = |x: u32, y: u32| {
        format!(
            "{:.4},{:.4}",
            121.2 + f64::from(x) * 0.001,
            30.2 + f64::from(y) * 0.001
        )
    };
    let mut s = String::new();
    for (i, &(x, y, m2, dorm)) in sites.iter().enumerate() {
        let (kind, employer) = if dorm {
            ("enterprise_dormitory", "Acme")
        } else {
            ("migrant_apartment", "")
        };
        s += &format!(
            "S{i},Site {i},330282001,{kind},existing,{m2},{m2},{employer},{}\n",
            at(x, y)
        );
    }
    let mut d = String::new();
    for (i, &(x, y, people, points, acme, together)) in groups.iter().enumerate() {
        let employer = if acme { "Acme" } else { "" };
        d += &format!(
            "G{i},330282001,{people},{},{employer},{points},{together},\n",
            at(x, y)
        );
    }
    (s, d)
}
