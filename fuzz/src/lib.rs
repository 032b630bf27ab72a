//! The fuzzing harness of dormplan: a small valid scenario written to a temporary folder, and
//! for each fuzz target the one step that puts the input in place and runs the library on it.
//!
//! The fuzz targets (`fuzz/fuzz_targets/`) call [`fuzz`]; `tests/fuzz_regressions.rs` includes
//! this file and calls [`Harness::run`] on every saved input, so a regression test runs an
//! input exactly as its target did. What each target feeds is in `docs/fuzzing.md`.
//!
//! Only a panic (or a hang, or an abort) is a finding: every `Err` the library returns is an
//! answer, and is dropped.

use dormplan::catalogue::Lang;
use dormplan::commands::{AllocateOptions, Console, Mode, allocate, check};
use dormplan::figures::AllocationFigures;
use dormplan::io::{Outputs, load_policy, load_scenario, load_variants};
use dormplan::model::{Crs, Loaded};
use dormplan::report::allocation::{Solved, allocation_outputs, print_summary};
use dormplan::report::terminal::print_warnings;
use std::path::Path;
use std::sync::OnceLock;

/// The base files: the scenario of `tests/common/mod.rs` (two towns, three sites, two demand
/// groups), each table also as GeoJSON, with a policy, a cost matrix and a variant.
pub mod base {
    /// Two towns.
    pub const TOWNS_CSV: &str = "\
code,name_zh,name_en,lon,lat
330282001,甲镇,Jiazhen,121.20,30.20
330282002,乙镇,Yizhen,121.30,30.20
";

    /// The same towns, as polygons.
    pub const TOWNS_GEOJSON: &str = r#"{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"code": "330282001", "name_zh": "甲镇", "name_en": "Jiazhen", "kind": "town"},
  "geometry": {"type": "Polygon", "coordinates": [[[121.15, 30.15], [121.25, 30.15], [121.25, 30.25], [121.15, 30.25], [121.15, 30.15]]]}},
 {"type": "Feature", "properties": {"code": 330282002, "name_zh": "乙镇", "name_en": "Yizhen"},
  "geometry": {"type": "MultiPolygon", "coordinates": [[[[121.25, 30.15], [121.35, 30.15], [121.35, 30.25], [121.25, 30.25], [121.25, 30.15]]]]}}
]}
"#;

    /// Three sites, one a candidate; towns named by code, Chinese name and pinyin.
    pub const SITES_CSV: &str = "\
id,name,town,kind,status,gross_m2,residential_m2,beds,lon,lat
S1,Alpha apartments,330282001,migrant_apartment,existing,1000,800,,121.201,30.201
S2,Beta dorm,乙镇,enterprise_dormitory,existing,500,,,121.301,30.201
S3,Gamma new build,yizhen,rental_new_build,candidate,2000,1600,,121.302,30.202
";

    /// The same sites, as GeoJSON points.
    pub const SITES_GEOJSON: &str = r#"{"type": "FeatureCollection", "features": [
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.201, 30.201]},
  "properties": {"id": "S1", "name": "Alpha apartments", "town": "330282001", "kind": "migrant_apartment",
                 "status": "existing", "gross_m2": 1000, "residential_m2": 800}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.301, 30.201]},
  "properties": {"id": "S2", "name": "Beta dorm", "town": "乙镇", "kind": "enterprise_dormitory",
                 "status": "existing", "gross_m2": 500}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.302, 30.202]},
  "properties": {"id": "S3", "name": "Gamma new build", "town": "yizhen", "kind": "rental_new_build",
                 "status": "candidate", "gross_m2": "2000", "residential_m2": 1600}}
]}
"#;

    /// Two demand groups.
    pub const DEMAND_CSV: &str = "\
id,town,people,lon,lat
D1,330282001,120,121.2,30.2
D2,330282002,30,121.3,30.2
";

    /// The same groups, as GeoJSON points.
    pub const DEMAND_GEOJSON: &str = r#"{"type": "FeatureCollection", "features": [
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.2, 30.2]},
  "properties": {"id": "D1", "town": "330282001", "people": 120}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.3, 30.2]},
  "properties": {"id": "D2", "town": "330282002", "people": "30"}}
]}
"#;

    /// A cost matrix over the groups and sites.
    pub const COSTS_CSV: &str = "\
demand_id,site_id,cost
D1,S1,250
D1,S2,11000
D2,S2,300
D2,S3,400
";

    /// The policy of `tests/common/mod.rs`.
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

    /// The scenario naming `towns` and `sites` (file names in the same folder), the CSV
    /// demand, the policy, and the cost matrix when `costs`; with one variant.
    pub fn scenario(towns: &str, sites: &str, costs: bool) -> String {
        let matrix = if costs {
            "\n[allocation]\ncost_matrix = \"costs.csv\"\n"
        } else {
            ""
        };
        format!(
            "name = \"Test\"

[data]
towns = \"{towns}\"
sites = \"{sites}\"
demand = \"demand.csv\"
policy = \"policy.toml\"

[standard]
plan_m2_per_person = 9.0
usable_ratio = 0.8
{matrix}
[[variant]]
name = \"ten\"
standard = {{ plan_m2_per_person = 10.0 }}
"
        )
    }
}

/// The fuzz targets, one per reader and one for the whole check/allocate path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The towns table: the first byte chooses CSV (even) or GeoJSON (odd), the rest is the
    /// file.
    Towns,
    /// The sites table: the first byte chooses CSV (even) or GeoJSON (odd), the rest is the
    /// file.
    Sites,
    /// The demand table (CSV).
    Demand,
    /// The cost matrix (CSV), named by `[allocation] cost_matrix`.
    CostMatrix,
    /// The scenario TOML, in a folder holding every base file.
    Scenario,
    /// The policy TOML, read alone and by the scenario.
    Policy,
    /// Every file of a scenario, in sections (see [`sections`]); check, then allocate.
    Pipeline,
}

impl Target {
    /// Every target.
    pub const ALL: [Target; 7] = [
        Target::Towns,
        Target::Sites,
        Target::Demand,
        Target::CostMatrix,
        Target::Scenario,
        Target::Policy,
        Target::Pipeline,
    ];

    /// The target's name, as `cargo fuzz` and the seed and regression folders spell it.
    pub fn name(self) -> &'static str {
        match self {
            Target::Towns => "towns",
            Target::Sites => "sites",
            Target::Demand => "demand",
            Target::CostMatrix => "cost_matrix",
            Target::Scenario => "scenario",
            Target::Policy => "policy",
            Target::Pipeline => "pipeline",
        }
    }
}

/// The files a pipeline input may hold, each as a section `=== NAME` (see [`sections`]).
pub const PIPELINE_FILES: [&str; 9] = [
    "scenario.toml",
    "policy.toml",
    "towns.csv",
    "towns.geojson",
    "sites.csv",
    "sites.geojson",
    "demand.csv",
    "demand.geojson",
    "costs.csv",
];

/// The line that starts a section of a pipeline input, before the file's name.
pub const SECTION: &[u8] = b"=== ";

/// Largest instance the pipeline allocates, so that every run stays fast: towns, sites,
/// demand groups, keep-together groups, people (after demand growth) and variants.
pub mod limits {
    /// Towns.
    pub const TOWNS: usize = 64;
    /// Sites.
    pub const SITES: usize = 128;
    /// Demand groups.
    pub const GROUPS: usize = 128;
    /// Keep-together groups (searched by branch and bound).
    pub const KEEP_TOGETHER: usize = 8;
    /// People, after demand growth.
    pub const PEOPLE: u64 = 1_000_000;
    /// Variants allocated.
    pub const VARIANTS: usize = 3;
}

/// A pipeline input split into files: each section starts with a line `=== NAME` (at the
/// start of the input or after a line feed) and runs to the line feed before the next
/// section's line, or to the end. Bytes before the first section, and sections whose name is
/// not one of [`PIPELINE_FILES`], are dropped; a later section of the same name replaces an
/// earlier one.
pub fn sections(data: &[u8]) -> Vec<(&'static str, &[u8])> {
    // Where each section line starts.
    let mut starts = Vec::new();
    if data.starts_with(SECTION) {
        starts.push(0);
    }
    for (i, w) in data.windows(SECTION.len() + 1).enumerate() {
        if w[0] == b'\n' && &w[1..] == SECTION {
            starts.push(i + 1);
        }
    }
    let mut out: Vec<(&'static str, &[u8])> = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = match starts.get(k + 1) {
            // The line feed before the next section line ends this file.
            Some(&next) => next - 1,
            None => data.len(),
        };
        let section = &data[start + SECTION.len()..end.max(start + SECTION.len())];
        let (name, body) = match section.iter().position(|&b| b == b'\n') {
            Some(nl) => (&section[..nl], &section[nl + 1..]),
            None => (section, &section[section.len()..]),
        };
        let name = name.strip_suffix(b"\r").unwrap_or(name);
        if let Some(known) = PIPELINE_FILES.iter().find(|f| f.as_bytes() == name) {
            out.retain(|(n, _)| n != known);
            out.push((known, body));
        }
    }
    out
}

/// A folder holding the base files, where each input is written before the library reads it.
pub struct Harness {
    target: Target,
    dir: tempfile::TempDir,
}

impl Harness {
    /// A fresh temporary folder with every base file (none for [`Target::Pipeline`], whose
    /// input holds them all).
    pub fn new(target: Target) -> Harness {
        let dir = tempfile::Builder::new()
            .prefix(&format!("dormplan-fuzz-{}-", target.name()))
            .tempdir()
            .expect("a temporary folder");
        let h = Harness { target, dir };
        if target != Target::Pipeline {
            use base::*;
            for (name, text) in [
                ("towns.csv", TOWNS_CSV),
                ("towns.geojson", TOWNS_GEOJSON),
                ("sites.csv", SITES_CSV),
                ("sites.geojson", SITES_GEOJSON),
                ("demand.csv", DEMAND_CSV),
                ("demand.geojson", DEMAND_GEOJSON),
                ("costs.csv", COSTS_CSV),
                ("policy.toml", POLICY),
                ("scenario.toml", &scenario("towns.csv", "sites.csv", false)),
                (
                    "scenario-towns-geojson.toml",
                    &scenario("towns.geojson", "sites.csv", false),
                ),
                (
                    "scenario-sites-geojson.toml",
                    &scenario("towns.csv", "sites.geojson", false),
                ),
                (
                    "scenario-costs.toml",
                    &scenario("towns.csv", "sites.csv", true),
                ),
            ] {
                h.write(name, text.as_bytes());
            }
        }
        h
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.path().join(name), bytes).expect("writing an input");
    }

    /// Writes `data` where the target puts it and runs the library on it. Returns normally
    /// whatever the library answers; panics only where the library does.
    pub fn run(&self, data: &[u8]) {
        let dir = self.path();
        match self.target {
            Target::Towns | Target::Sites => {
                let Some((&choice, body)) = data.split_first() else {
                    return;
                };
                let geojson = choice % 2 == 1;
                let (file, scenario) = match (self.target, geojson) {
                    (Target::Towns, false) => ("towns.csv", "scenario.toml"),
                    (Target::Towns, true) => ("towns.geojson", "scenario-towns-geojson.toml"),
                    (_, false) => ("sites.csv", "scenario.toml"),
                    (_, true) => ("sites.geojson", "scenario-sites-geojson.toml"),
                };
                self.write(file, body);
                load(&dir.join(scenario));
            }
            Target::Demand => {
                self.write("demand.csv", data);
                load(&dir.join("scenario.toml"));
            }
            Target::CostMatrix => {
                self.write("costs.csv", data);
                load(&dir.join("scenario-costs.toml"));
            }
            Target::Scenario => {
                if names_system_files(data) {
                    return;
                }
                self.write("fuzzed.toml", data);
                load(&dir.join("fuzzed.toml"));
            }
            Target::Policy => {
                self.write("policy.toml", data);
                let _ = load_policy(&dir.join("policy.toml"));
                load(&dir.join("scenario.toml"));
            }
            Target::Pipeline => {
                let files = sections(data);
                if !files.iter().any(|(n, _)| *n == "scenario.toml") {
                    return;
                }
                if files
                    .iter()
                    .any(|(n, b)| n.ends_with(".toml") && names_system_files(b))
                {
                    return;
                }
                for name in PIPELINE_FILES {
                    match files.iter().find(|(n, _)| *n == name) {
                        Some((_, body)) => self.write(name, body),
                        None => {
                            let _ = std::fs::remove_file(dir.join(name));
                        }
                    }
                }
                pipeline(dir, &dir.join("scenario.toml"));
            }
        }
    }
}

/// True when a scenario could make dormplan read the machine's own files under `/proc` or
/// `/sys` (some never end, or are huge): such inputs are skipped. Devices, pipes and folders
/// are refused by dormplan itself, and are fuzzed.
fn names_system_files(toml: &[u8]) -> bool {
    toml.windows(5)
        .any(|w| w.eq_ignore_ascii_case(b"/proc") || w[..4].eq_ignore_ascii_case(b"/sys"))
}

/// Reads the scenario and its variants, as every command does first.
fn load(scenario: &Path) {
    let _ = load_scenario(scenario);
    let _ = load_variants(scenario);
}

/// What `dormplan check SCENARIO` and then `dormplan allocate SCENARIO -o DIR` do, through the
/// same library functions; then each of the first variants allocated as `sweep` would. Only
/// instances within [`limits`] are allocated.
fn pipeline(dir: &Path, scenario: &Path) {
    let mut out = std::io::sink();
    let mut err = std::io::sink();
    // The report in Chinese for `check`, the JSON result for `allocate`: every renderer runs.
    let mut console = Console::new(&mut out, &mut err);
    console.lang = Some(Lang::Zh);
    if let Err(e) = check(scenario, &mut console) {
        strict(e.exit_code(), &e);
    }
    let Ok(loaded) = load_scenario(scenario) else {
        return;
    };
    if !small(&loaded) {
        return;
    }
    let opts = AllocateOptions {
        out_dir: Some(dir.join("out")),
        ..AllocateOptions::default()
    };
    console.mode = Mode::Json;
    if let Err(e) = allocate(scenario, &opts, &mut console) {
        strict(e.exit_code(), &e);
    }
    drop(console);
    let Ok(variants) = load_variants(scenario) else {
        return;
    };
    for v in variants.iter().filter(|v| small(v)).take(limits::VARIANTS) {
        match dormplan::alloc::allocate_supply(v) {
            Ok((inst, alloc)) => {
                let summary = AllocationFigures::of(&v.scenario, &inst, &alloc);
                let solved = Solved::new(v, &inst, &alloc, &summary);
                let outputs = allocation_outputs(&solved, Crs::Gcj02, Lang::Zh, Outputs::new());
                assert!(outputs.names().count() > 0, "an allocation writes files");
                let _ = print_summary(&mut out, Lang::En, &solved);
                let _ = print_warnings(&mut out, &v.warnings, Lang::Zh);
            }
            Err(e) => strict(e.exit_code(), &e),
        }
    }
}

/// Within [`limits`].
fn small(loaded: &Loaded) -> bool {
    let s = &loaded.scenario;
    let data = &s.dataset;
    let people: u64 = data
        .demand
        .iter()
        .map(|g| g.grown(s.settings.demand_growth))
        .fold(0, u64::saturating_add);
    data.towns.len() <= limits::TOWNS
        && data.sites.len() <= limits::SITES
        && data.demand.len() <= limits::GROUPS
        && data.demand.iter().filter(|g| g.keep_together).count() <= limits::KEEP_TOGETHER
        && people <= limits::PEOPLE
}

/// With `DORMPLAN_FUZZ_STRICT` set (to anything), an error that dormplan reports as its own
/// internal fault (exit code 3: the flow engine refused a network, the checker rejected an
/// answer) panics, so that it is found like a crash. Without it, every error is an answer.
fn strict(exit_code: u8, error: &dyn std::fmt::Display) {
    static STRICT: OnceLock<bool> = OnceLock::new();
    if exit_code == 3 && *STRICT.get_or_init(|| std::env::var_os("DORMPLAN_FUZZ_STRICT").is_some())
    {
        panic!("internal fault (DORMPLAN_FUZZ_STRICT): {error}");
    }
}

/// Runs `target` on `data` in this process's folder for it, made on the first call and reused
/// (each input overwrites the files of the one before). What the fuzz targets call.
pub fn fuzz(target: Target, data: &[u8]) {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    let h = HARNESS.get_or_init(|| Harness::new(target));
    assert_eq!(h.target, target, "one target per process");
    h.run(data);
}
