//! Terminal tables (comfy-table). Numbers in them are written by [`crate::numbers`].
//!
//! Tables are rendered the same whether or not stdout is a terminal (no colours, no width
//! detection), so piping a report to a file gives byte-identical output run after run.

use comfy_table::{CellAlignment, Table, presets};

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
