//! `dormplan compare A B`: two scenarios side by side, totals and per-town differences B − A.
//!
//! Each side is a scenario file (its base) or one of its variants, written `FILE#VARIANT`:
//!
//! ```text
//! dormplan compare scenarios/cixi-2020.toml scenarios/cixi-2022-expansion.toml
//! dormplan compare scenarios/cixi-standard-sweep.toml#standard-8 scenarios/cixi-standard-sweep.toml#standard-10
//! ```
//!
//! The text after the last `#` names the variant (unless it contains a path separator, so a
//! folder with `#` in its name still works). The same syntax names the scenario of `rank`.

use super::{Outcome, Status, print_warnings};
use crate::compare::{self, Comparison, Measure, ScenarioMetrics, Unit};
use crate::diag::{Code, Location, Problem, Problems};
use crate::error::{Error, Result};
use crate::io::{Outputs, load_scenario, load_variants};
use crate::model::Loaded;
use crate::report::terminal;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A scenario named on the command line: a file's base, or one of its variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioRef {
    /// The scenario file.
    pub path: PathBuf,
    /// The variant's name; `None` for the base.
    pub variant: Option<String>,
    /// The argument as written, for headings.
    pub label: String,
}

impl ScenarioRef {
    /// Reads `FILE` or `FILE#VARIANT`.
    pub fn parse(arg: &str) -> ScenarioRef {
        let split = arg
            .rsplit_once('#')
            .filter(|(_, name)| !name.contains(['/', '\\']));
        let (path, variant) = match split {
            Some((file, name)) => (file, Some(name.trim().to_string())),
            None => (arg, None),
        };
        ScenarioRef {
            path: PathBuf::from(path),
            variant,
            label: arg.to_string(),
        }
    }

    /// Loads the base or the variant. An unknown variant is bad input that lists the names.
    pub fn load(&self) -> Result<Loaded> {
        let Some(name) = &self.variant else {
            return load_scenario(&self.path).map_err(Error::Input);
        };
        let mut list = load_variants(&self.path).map_err(Error::Input)?;
        match list
            .iter()
            .position(|l| l.scenario.variant.as_deref() == Some(name))
        {
            Some(i) => Ok(list.swap_remove(i)),
            None => Err(unknown_variant(&self.path, name, &list)),
        }
    }
}

fn unknown_variant(path: &Path, name: &str, list: &[Loaded]) -> Error {
    let names: Vec<&str> = list
        .iter()
        .filter_map(|l| l.scenario.variant.as_deref())
        .collect();
    let expected = if names.is_empty() {
        "a variant, but the scenario has no [[variant]] blocks (name the file alone for its base)"
            .to_string()
    } else {
        format!("one of the scenario's variants: {}", names.join(", "))
    };
    let p = Problem::new(Code::UNKNOWN_VALUE, path, Location::Key("variant".into()))
        .field("name")
        .found(format!("\"{name}\""))
        .expected(expected);
    Error::Input(Problems(vec![p]))
}

/// Loads A and B; when both have bad input, every problem of both is reported.
fn load_both(a: &ScenarioRef, b: &ScenarioRef) -> Result<[Loaded; 2]> {
    match (a.load(), b.load()) {
        (Ok(la), Ok(lb)) => Ok([la, lb]),
        (Err(Error::Input(pa)), Err(Error::Input(pb))) => {
            Err(Error::Input(merged(pa.0.into_iter().chain(pb.0))))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

/// Problems of several scenarios as one list: each once (the data files they share raise the
/// same ones), errors first, in file order.
pub(super) fn merged(problems: impl Iterator<Item = Problem>) -> Problems {
    let mut all: Vec<Problem> = problems.collect();
    all.sort();
    all.dedup();
    let mut problems = Problems(all);
    problems.sort();
    problems
}

/// Options of `dormplan compare`.
#[derive(Debug, Clone, Default)]
pub struct CompareOptions {
    /// Write `compare_totals.csv` and `compare_towns.csv` here.
    pub out_dir: Option<PathBuf>,
}

/// Measures A and B (in parallel), prints their totals and per-town differences and, with an
/// output folder, writes the two CSV files (all or none).
pub fn compare(
    a: &ScenarioRef,
    b: &ScenarioRef,
    opts: &CompareOptions,
    out: &mut dyn Write,
) -> Outcome {
    let loaded = load_both(a, b)?;
    let (ma, mb) = rayon::join(
        || compare::measure(&loaded[0]),
        || compare::measure(&loaded[1]),
    );
    let (ma, mb) = (ma?, mb?);
    let cmp = compare::compare(&ma, &mb);
    let warnings = merged(loaded.iter().flat_map(|l| l.warnings.0.iter().cloned()));
    let report = |out: &mut dyn Write| {
        print_header(out, [(a, &ma), (b, &mb)])?;
        print_totals(out, &cmp)?;
        print_towns(out, &cmp)
    };
    finish(
        out,
        &csv_outputs(&cmp),
        opts.out_dir.as_deref(),
        &warnings,
        report,
    )
}

/// The end of every report command: writes the files (all or none) when there is a folder,
/// then prints the report, the warnings and what was written.
pub(super) fn finish(
    out: &mut dyn Write,
    outputs: &Outputs,
    dir: Option<&Path>,
    warnings: &Problems,
    report: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Outcome {
    if let Some(dir) = dir {
        outputs.write_to(dir)?;
    }
    report(out)?;
    print_warnings(out, warnings)?;
    if let Some(dir) = dir {
        let names: Vec<&str> = outputs.names().collect();
        writeln!(out, "\nWrote {} in {}", names.join(" and "), dir.display())?;
    }
    Ok(Status::Success)
}

const TOTALS_CSV: &str = "compare_totals.csv";
const TOWNS_CSV: &str = "compare_towns.csv";

/// The measures of the per-town terminal table (all of them are in the CSV).
const TOWN_COLUMNS: [Measure; 8] = [
    Measure::Beds,
    Measure::Housed,
    Measure::Unhoused,
    Measure::MeanCommute,
    Measure::SubsidyEligible,
    Measure::SubsidyPotential,
    Measure::NetCost,
    Measure::NetCostPerBed,
];

fn print_header(
    out: &mut dyn Write,
    sides: [(&ScenarioRef, &ScenarioMetrics); 2],
) -> std::io::Result<()> {
    writeln!(out, "Comparison: B − A")?;
    for (tag, (r, m)) in ["A", "B"].iter().zip(sides) {
        let which = m
            .variant
            .as_deref()
            .map_or_else(|| "base".to_string(), |v| format!("variant {v}"));
        writeln!(
            out,
            "  {tag}: {} — {}, {which}, plan at {} m² per person{}",
            r.label,
            m.name,
            m.standard,
            if m.proven {
                ""
            } else {
                " (allocation not proven optimal)"
            }
        )?;
    }
    Ok(())
}

fn print_totals(out: &mut dyn Write, cmp: &Comparison) -> std::io::Result<()> {
    let mut t = terminal::table(&["measure", "A", "B", "B − A"], &[false, true, true, true]);
    for row in &cmp.totals {
        let unit = row.measure.unit();
        t.add_row(vec![
            row.measure.label().to_string(),
            unit.show(row.a, false),
            unit.show(row.b, false),
            unit.show(row.delta(), true),
        ]);
    }
    writeln!(out)?;
    writeln!(out, "Totals")?;
    writeln!(out, "{t}")?;
    writeln!(out, "{}", super::sweep::NOTES)
}

fn print_towns(out: &mut dyn Write, cmp: &Comparison) -> std::io::Result<()> {
    let mut header = vec!["code", "town"];
    header.extend(TOWN_COLUMNS.iter().map(|m| m.label()));
    let mut numeric = vec![false, false];
    numeric.extend([true; TOWN_COLUMNS.len()]);
    let mut t = terminal::table(&header, &numeric);
    for town in &cmp.towns {
        let mut cells = vec![town.code.clone(), town_name(town)];
        for m in TOWN_COLUMNS {
            let row = town.rows.iter().find(|r| r.measure == m);
            cells.push(m.unit().show(row.and_then(|r| r.delta()), true));
        }
        t.add_row(cells);
    }
    writeln!(out)?;
    writeln!(out, "Differences by town (B − A)")?;
    writeln!(out, "{t}")
}

fn town_name(t: &compare::TownRows) -> String {
    let only = match (t.in_a, t.in_b) {
        (true, false) => " (only in A)",
        (false, true) => " (only in B)",
        _ => "",
    };
    format!("{} {}{only}", t.name_zh, t.name_en)
}

fn csv_outputs(cmp: &Comparison) -> Outputs {
    let cells = |row: &compare::Row| {
        let unit: Unit = row.measure.unit();
        [unit.csv(row.a), unit.csv(row.b), unit.csv(row.delta())]
    };
    let mut totals = vec![
        vec!["measure", "a", "b", "b_minus_a"]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>(),
    ];
    for row in &cmp.totals {
        let mut r = vec![row.measure.column().to_string()];
        r.extend(cells(row));
        totals.push(r);
    }
    let mut towns = vec![
        ["town_code", "town", "measure", "a", "b", "b_minus_a"]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>(),
    ];
    for town in &cmp.towns {
        for row in &town.rows {
            let mut r = vec![
                town.code.clone(),
                town.name_zh.clone(),
                row.measure.column().to_string(),
            ];
            r.extend(cells(row));
            towns.push(r);
        }
    }
    let mut out = Outputs::new();
    out.add_csv(TOTALS_CSV, totals);
    out.add_csv(TOWNS_CSV, towns);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_names_a_variant() {
        let r = ScenarioRef::parse("s.toml#standard-10");
        assert_eq!(r.path, PathBuf::from("s.toml"));
        assert_eq!(r.variant.as_deref(), Some("standard-10"));
        assert_eq!(ScenarioRef::parse("s.toml").variant, None);
        let r = ScenarioRef::parse("runs#1/s.toml");
        assert_eq!((r.path, r.variant), (PathBuf::from("runs#1/s.toml"), None));
        assert_eq!(ScenarioRef::parse("s.toml#").variant.as_deref(), Some(""));
    }
}
