//! The record of a run that every output folder holds: `run.json`, and the same facts on the
//! workbook's first sheet.
//!
//! It says what produced the files beside it: the command line, dormplan's version, the time
//! of the run, each scenario (and variant) with the standard and the policy reading in force,
//! and every input file with the SHA-256 of its bytes, so that a planner can tell later
//! whether the inputs on disk are still the ones the outputs came from.
//!
//! The time is the clock's, unless `SOURCE_DATE_EPOCH` (the reproducible-builds convention:
//! whole seconds since 1970-01-01 UTC) is set: then that time is written, and the same inputs
//! give byte-identical folders (the golden tests rely on it).

use crate::diag::{Code, Location, Problem, Problems};
use crate::error::{Error, Result};
use crate::model::{Loaded, Standard};
use crate::subsidy::reading;
use serde::Serialize;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The file's name in an output folder.
pub const RUN_JSON: &str = "run.json";

/// The environment variable that fixes the time of the run.
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// When a run happened, and where that time came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunTime {
    /// The time.
    pub at: SystemTime,
    /// Taken from `SOURCE_DATE_EPOCH`, not from the clock.
    pub pinned: bool,
}

impl RunTime {
    /// The time from `SOURCE_DATE_EPOCH` when it is set, else the clock's; an error quoting the
    /// value when it is set to anything but whole seconds since 1970 (up to
    /// the year 9999).
    pub fn from_env() -> std::result::Result<RunTime, String> {
        RunTime::from_value(std::env::var(SOURCE_DATE_EPOCH).ok().as_deref())
    }

    /// [`RunTime::from_env`] with the variable's value given (`None`: not set).
    pub fn from_value(value: Option<&str>) -> std::result::Result<RunTime, String> {
        let Some(text) = value else {
            return Ok(RunTime {
                at: SystemTime::now(),
                pinned: false,
            });
        };
        // Up to the year 9999, the last one RFC 3339 can write.
        const MAX: u64 = 253_402_300_799;
        let seconds = text
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|s| *s <= MAX)
            .ok_or_else(|| format!("\"{text}\""))?;
        Ok(RunTime {
            at: UNIX_EPOCH + Duration::from_secs(seconds),
            pinned: true,
        })
    }

    /// RFC 3339 in UTC to the second, e.g. `2023-11-14T22:13:20Z`.
    pub fn rfc3339(self) -> String {
        humantime::format_rfc3339_seconds(self.at).to_string()
    }

    fn source(self) -> &'static str {
        if self.pinned {
            SOURCE_DATE_EPOCH
        } else {
            "clock"
        }
    }
}

/// The record of one run, in the order its keys are written.
#[derive(Debug, Clone, Serialize)]
pub struct RunManifest {
    /// The command line: `dormplan`, the command and its arguments as dormplan read them
    /// (`--budget 1e6` is written `--budget 1000000.00`, and options left at their default are
    /// written with it), without `-o DIR`: the record sits in that folder.
    pub command: Vec<String>,
    /// dormplan's version.
    pub dormplan_version: String,
    /// When the run happened (RFC 3339, UTC).
    pub time: String,
    /// `clock`, or `SOURCE_DATE_EPOCH` when the time was fixed by that variable.
    pub time_source: String,
    /// The scenarios the run read: one, two for `compare`, the base and every variant for
    /// `sweep`.
    pub scenarios: Vec<ScenarioRecord>,
    /// Every input file, each once, in the order first read.
    pub inputs: Vec<InputRecord>,
}

/// One scenario of a run.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioRecord {
    /// The scenario file.
    pub file: PathBuf,
    /// Its name.
    pub name: String,
    /// The variant, when the scenario is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// The standard in force.
    pub standard: StandardRecord,
    /// The policy and its reading, when the scenario names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyRecord>,
}

/// The per-person standard of a run, m² of residential floor area per person.
#[derive(Debug, Clone, Serialize)]
pub struct StandardRecord {
    /// The standard planned at.
    pub plan_m2_per_person: f64,
    /// The policy range's low end (the over-occupation floor).
    pub min_m2_per_person: f64,
    /// The policy range's high end.
    pub max_m2_per_person: f64,
}

/// A policy file and how its rules were read.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyRecord {
    /// The policy file.
    pub file: PathBuf,
    /// The policy's name.
    pub name: String,
    /// Each programme's reading.
    pub programmes: Vec<ProgrammeRecord>,
}

/// How one subsidy programme was read.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeRecord {
    /// The programme's id.
    pub id: String,
    /// Which kinds the cost-share cap binds, in words (the open point of the rules).
    pub reading: String,
    /// Every setting as `[setting, value]`, in the spelling of policy files (as in
    /// `subsidy_reading.csv`).
    pub settings: Vec<[String; 2]>,
}

/// One input file.
#[derive(Debug, Clone, Serialize)]
pub struct InputRecord {
    /// What it holds: `scenario`, `towns`, `sites`, `demand`, `policy`, `cost_matrix`.
    pub role: String,
    /// The path dormplan opened.
    pub path: PathBuf,
    /// SHA-256 of its bytes, lowercase hexadecimal.
    pub sha256: String,
}

impl RunManifest {
    /// The record of `command` (the command's words after `dormplan`) over `scenarios`, at
    /// `time`; `standard` is the plan standard given on the command line, if any. Hashes
    /// every input file; a file that can no longer be read is an error.
    pub fn of(
        command: Vec<String>,
        scenarios: &[&Loaded],
        standard: Option<Standard>,
        time: RunTime,
    ) -> Result<RunManifest> {
        let mut inputs: Vec<InputRecord> = Vec::new();
        for input in scenarios.iter().flat_map(|l| &l.inputs) {
            if inputs.iter().any(|i| i.path == input.path) {
                continue;
            }
            let sha256 = crate::io::digest::sha256_of_file(&input.path).map_err(|e| {
                let problem = Problem::new(Code::FILE_UNREADABLE, &input.path, Location::File)
                    .found(crate::catalogue::problems::os_error(&e))
                    .expected(crate::catalogue::problems::INPUT_STILL_READABLE);
                Error::Input(Problems(vec![problem]))
            })?;
            inputs.push(InputRecord {
                role: input.role.as_str().to_string(),
                path: input.path.clone(),
                sha256,
            });
        }
        Ok(RunManifest {
            command: std::iter::once("dormplan".to_string())
                .chain(command)
                .collect(),
            dormplan_version: env!("CARGO_PKG_VERSION").to_string(),
            time: time.rfc3339(),
            time_source: time.source().to_string(),
            scenarios: scenarios
                .iter()
                .map(|l| ScenarioRecord::of(l, standard))
                .collect(),
            inputs,
        })
    }

    /// `run.json`: pretty-printed, keys in a fixed order, UTF-8 without a byte-order mark,
    /// ending in a line break.
    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// The command line as one line, arguments with white space quoted.
    pub fn command_line(&self) -> String {
        let quoted = |a: &String| {
            if a.is_empty() || a.contains(char::is_whitespace) {
                format!("\"{a}\"")
            } else {
                a.clone()
            }
        };
        self.command
            .iter()
            .map(quoted)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The facts for the workbook's first sheet (label, value): the same as `run.json`.
    pub fn facts(&self) -> Vec<(&'static str, String)> {
        let mut facts = vec![
            (
                "程序 Program",
                format!("dormplan {}", self.dormplan_version),
            ),
            ("命令 Command", self.command_line()),
            ("时间 Time", format!("{} ({})", self.time, self.time_source)),
        ];
        for s in &self.scenarios {
            let mut about = format!("{} ({})", s.name, s.file.display());
            if let Some(v) = &s.variant {
                about.push_str(&format!(", variant {v}"));
            }
            let st = &s.standard;
            about.push_str(&format!(
                "; {} m² per person (range {}–{})",
                st.plan_m2_per_person, st.min_m2_per_person, st.max_m2_per_person
            ));
            if let Some(p) = &s.policy {
                about.push_str(&format!("; policy {}", p.name));
                for prog in &p.programmes {
                    about.push_str(&format!("; {}: {}", prog.id, prog.reading));
                }
            }
            facts.push(("情景 Scenario", about));
        }
        for i in &self.inputs {
            facts.push((
                "输入 Input",
                format!("{} ({}) SHA-256 {}", i.path.display(), i.role, i.sha256),
            ));
        }
        facts
    }
}

impl ScenarioRecord {
    fn of(loaded: &Loaded, standard: Option<Standard>) -> ScenarioRecord {
        let s = &loaded.scenario;
        let st = &s.settings.standard;
        let policy_file = loaded
            .inputs
            .iter()
            .find(|i| i.role == crate::model::InputRole::Policy)
            .map(|i| i.path.clone());
        ScenarioRecord {
            file: s.path.clone(),
            name: s.name.clone(),
            variant: s.variant.clone(),
            standard: StandardRecord {
                plan_m2_per_person: standard.unwrap_or(st.plan).m2(),
                min_m2_per_person: st.floor.m2(),
                max_m2_per_person: st.ceiling.m2(),
            },
            policy: s
                .policy
                .as_ref()
                .zip(policy_file)
                .map(|(p, file)| PolicyRecord {
                    file,
                    name: p.name.clone(),
                    programmes: p
                        .programmes
                        .iter()
                        .map(|prog| ProgrammeRecord {
                            id: prog.id.clone(),
                            reading: reading::cost_share_reading(prog, crate::catalogue::Lang::En),
                            settings: reading::settings(prog)
                                .into_iter()
                                .map(|(k, v)| [k.to_string(), v])
                                .collect(),
                        })
                        .collect(),
                }),
        }
    }
}

/// The paths of every scenario's inputs, each once: the files outputs may never replace.
pub fn input_paths(scenarios: &[&Loaded]) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = Vec::new();
    for p in scenarios.iter().flat_map(|l| l.input_paths()) {
        if !paths.iter().any(|q| q == p) {
            paths.push(p.to_path_buf());
        }
    }
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_date_epoch_fixes_the_time() {
        let t = RunTime::from_value(Some("1700000000")).unwrap();
        assert!(t.pinned);
        assert_eq!(t.rfc3339(), "2023-11-14T22:13:20Z");
        assert_eq!(t.source(), "SOURCE_DATE_EPOCH");
        let zero = RunTime::from_value(Some("0")).unwrap();
        assert_eq!(zero.rfc3339(), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn without_the_variable_the_clock_gives_the_time() {
        let before = SystemTime::now();
        let t = RunTime::from_value(None).unwrap();
        assert!(!t.pinned && t.at >= before);
        assert_eq!(t.source(), "clock");
    }

    #[test]
    fn a_malformed_value_is_an_error_quoting_it() {
        for bad in ["", "yesterday", "-1", "1.5", "99999999999999999999"] {
            let e = RunTime::from_value(Some(bad)).unwrap_err();
            assert_eq!(e, format!("\"{bad}\""));
        }
    }
}
