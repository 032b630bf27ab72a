//! Terminal tables (comfy-table) and the number formats used in them.
//!
//! Tables are rendered the same whether or not stdout is a terminal (no colours, no width
//! detection), so piping a report to a file gives byte-identical output run after run.

use crate::model::Area;
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

/// A whole number with thousands separators: 131200 → "131,200".
pub fn int(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A signed whole number with thousands separators: -1234 → "-1,234".
pub fn group_thousands(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", int(n.unsigned_abs()))
}

/// An area in whole m² with thousands separators (rounded half up): 1259999.5 → "1,260,000".
pub fn area(a: Area) -> String {
    int(((a.centi_m2() + 50) / 100) as u64)
}

/// `part` as a percentage of `whole` with one decimal, or "—" when `whole` is zero.
pub fn percent(part: u64, whole: u64) -> String {
    match percent_tenths(part, whole) {
        Some(t) => format!("{}.{}%", t / 10, t % 10),
        None => "—".to_string(),
    }
}

/// `part / whole` in tenths of a percent, rounded half up; `None` when `whole` is zero.
pub fn percent_tenths(part: u64, whole: u64) -> Option<u64> {
    (whole > 0).then(|| (u128::from(part) * 2000 / u128::from(whole)).div_ceil(2) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers_for_people() {
        assert_eq!(int(131_200), "131,200");
        assert_eq!(int(999), "999");
        assert_eq!(group_thousands(-1_260_000), "-1,260,000");
        assert_eq!(area(Area::from_centi_m2(125_999_950)), "1,260,000");
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(percent(2, 3), "66.7%");
        assert_eq!(percent(5, 0), "—");
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
