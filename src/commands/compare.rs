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

use super::{Outcome, finish};
use crate::diag::Problems;
use crate::io::{Outputs, ScenarioRef, load_both};
use crate::metrics::{self, Comparison, Measure, ScenarioMetrics, Unit};
use crate::report::terminal;
use std::io::Write;
use std::path::PathBuf;

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
        || metrics::measure(&loaded[0]),
        || metrics::measure(&loaded[1]),
    );
    let (ma, mb) = (ma?, mb?);
    let cmp = metrics::differences(&ma, &mb);
    let warnings = Problems::merged(loaded.iter().flat_map(|l| l.warnings.0.iter().cloned()));
    let report = |out: &mut dyn Write| {
        print_header(out, [(a, &ma), (b, &mb)])?;
        print_totals(out, &cmp)?;
        print_towns(out, &cmp)
    };
    finish(
        out,
        opts.out_dir.as_deref(),
        || csv_outputs(&cmp),
        &warnings,
        report,
    )
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
    writeln!(out, "{}", metrics::NOTES)
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

fn town_name(t: &metrics::TownRows) -> String {
    let only = match (t.in_a, t.in_b) {
        (true, false) => " (only in A)",
        (false, true) => " (only in B)",
        _ => "",
    };
    format!("{} {}{only}", t.name_zh, t.name_en)
}

fn csv_outputs(cmp: &Comparison) -> Outputs {
    let cells = |row: &metrics::Row| {
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
