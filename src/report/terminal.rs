//! Terminal tables (comfy-table). Numbers in them are written by [`crate::numbers`].
//!
//! Tables are rendered the same whether or not stdout is a terminal (no colours, no width
//! detection), so piping a report to a file gives byte-identical output run after run.

use crate::diag::{Problem, Problems};
use comfy_table::{CellAlignment, Table, presets};
use std::io::Write;

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
pub fn print_warnings(out: &mut dyn Write, warnings: &Problems) -> std::io::Result<()> {
    let list: Vec<&Problem> = warnings.warnings().collect();
    if list.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "Warnings ({})", list.len())?;
    for p in list {
        writeln!(out, "  {p}")?;
    }
    Ok(())
}

/// Prints every problem, errors first, then warnings, each section under a heading.
pub fn print_problems(out: &mut dyn Write, problems: &Problems) -> std::io::Result<()> {
    let errors: Vec<&Problem> = problems.errors().collect();
    if !errors.is_empty() {
        writeln!(out)?;
        writeln!(out, "Errors ({})", errors.len())?;
        for p in errors {
            writeln!(out, "  {p}")?;
        }
    }
    print_warnings(out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_columns_are_right_aligned() {
        let mut t = table(&["town", "beds"], &[false, true]);
        t.add_row(vec!["周巷镇", "5"]);
        t.add_row(vec!["Kandun", "1,200"]);
        let text = t.to_string();
        assert!(text.contains("┆     5 │"), "{text}");
    }
}
