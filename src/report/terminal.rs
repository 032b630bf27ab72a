//! Terminal tables (comfy-table). Numbers in them are written by [`crate::numbers`].
//!
//! Tables are rendered the same whether or not stdout is a terminal (no colours, no width
//! detection), so piping a report to a file gives byte-identical output run after run.

use crate::catalogue::{Lang, words};
use crate::diag::{Problem, Problems};
use comfy_table::{CellAlignment, Table, presets};
use std::io::Write;

/// A scenario's name, with its variant's when it is one.
pub fn scenario_name(lang: Lang, sc: &crate::model::Scenario) -> String {
    match &sc.variant {
        Some(v) => words::NAME_WITH_VARIANT.fill(lang, &[("name", &sc.name), ("variant", v)]),
        None => sc.name.clone(),
    }
}

/// A table with a header; columns whose flag in `numeric` is true are right-aligned.
pub fn table(header: &[&str], numeric: &[bool]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.force_no_tty();
    t.set_header(header.to_vec());
    for (i, &right) in numeric.iter().enumerate() {
        if let (true, Some(col)) = (right, t.column_mut(i)) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

/// Prints the warnings of a run under a heading (nothing when there are none). Every report
/// calls this: an over-occupied site is never silently accepted.
pub fn print_warnings(out: &mut dyn Write, warnings: &Problems, lang: Lang) -> std::io::Result<()> {
    print_warnings_summary(out, warnings, usize::MAX, "", lang)
}

/// Warnings listed in full up to this many; beyond it, the first [`SHOWN_PER_CODE`] of each
/// code and a count of the rest.
pub const WARNINGS_IN_FULL: usize = 20;
/// Warnings of one code shown when they are summarised.
pub const SHOWN_PER_CODE: usize = 5;

/// Prints the warnings of a run under a heading: every one when there are at most
/// `in_full`, else the first [`SHOWN_PER_CODE`] of each code (in file order), a line counting
/// the rest of each code, and `where_all` (which says where the full list is). Tens of thousands of
/// over-occupied sites would otherwise bury the report.
pub fn print_warnings_summary(
    out: &mut dyn Write,
    warnings: &Problems,
    in_full: usize,
    where_all: &str,
    lang: Lang,
) -> std::io::Result<()> {
    let list: Vec<&Problem> = warnings.warnings().collect();
    if list.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    let n = crate::numbers::grouped(list.len() as i64);
    writeln!(out, "{}", words::WARNINGS_HEADING.fill(lang, &[("n", &n)]))?;
    if list.len() <= in_full {
        for p in list {
            writeln!(out, "  {}", p.line(lang))?;
        }
        return Ok(());
    }
    // In the list's order (by file and place), the first few of each code.
    let mut seen: std::collections::BTreeMap<crate::diag::Code, usize> = Default::default();
    for p in &list {
        let n = seen.entry(p.code).or_default();
        *n += 1;
        if *n <= SHOWN_PER_CODE {
            writeln!(out, "  {}", p.line(lang))?;
        }
    }
    for (code, n) in seen {
        if n > SHOWN_PER_CODE {
            let more = crate::numbers::grouped((n - SHOWN_PER_CODE) as i64);
            let code = code.as_str();
            writeln!(
                out,
                "{}",
                words::MORE_OF_CODE.fill(lang, &[("n", &more), ("code", &code)])
            )?;
        }
    }
    writeln!(out, "{where_all}")
}

/// Prints every problem, errors first, then warnings, each section under a heading.
pub fn print_problems(out: &mut dyn Write, problems: &Problems, lang: Lang) -> std::io::Result<()> {
    let errors: Vec<&Problem> = problems.errors().collect();
    if !errors.is_empty() {
        writeln!(out)?;
        let n = errors.len();
        writeln!(out, "{}", words::ERRORS_HEADING.fill(lang, &[("n", &n)]))?;
        for p in errors {
            writeln!(out, "  {}", p.line(lang))?;
        }
    }
    print_warnings(out, problems, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_warnings_are_summarised_by_code() {
        use crate::diag::{Code, Location};
        let mut list: Vec<Problem> = (0..30)
            .map(|i| {
                Problem::new(
                    Code::OVER_OCCUPIED,
                    std::path::Path::new("sites.csv"),
                    Location::Line(i + 2),
                )
                .field("beds")
            })
            .collect();
        list.push(Problem::new(
            Code::FAR_FROM_TOWN,
            std::path::Path::new("demand.csv"),
            Location::Line(7),
        ));
        let warnings = Problems(list);
        let mut out = Vec::new();
        print_warnings_summary(
            &mut out,
            &warnings,
            WARNINGS_IN_FULL,
            "Every warning is in X",
            Lang::En,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Warnings (31)"), "{text}");
        assert_eq!(
            text.matches("warning[OVER_OCCUPIED]").count(),
            SHOWN_PER_CODE
        );
        assert!(
            text.contains("warning[FAR_FROM_TOWN] demand.csv:7"),
            "{text}"
        );
        assert!(text.contains("  … and 25 more OVER_OCCUPIED\n"), "{text}");
        assert!(text.ends_with("Every warning is in X\n"), "{text}");
        // Few warnings are listed in full, without the pointer.
        let few = Problems(warnings.0[..3].to_vec());
        let mut out = Vec::new();
        print_warnings_summary(
            &mut out,
            &few,
            WARNINGS_IN_FULL,
            "Every warning is in X",
            Lang::En,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.matches("warning[OVER_OCCUPIED]").count(), 3);
        assert!(!text.contains("Every warning"), "{text}");
    }

    #[test]
    fn numeric_columns_are_right_aligned() {
        let mut t = table(&["town", "beds"], &[false, true]);
        t.add_row(vec!["周巷镇", "5"]);
        t.add_row(vec!["Kandun", "1,200"]);
        let text = t.to_string();
        assert!(text.contains("┆     5 │"), "{text}");
    }
}
