//! A run's CSV tables as one Excel workbook: a first sheet that says what produced it, then a
//! sheet per table with a frozen header row (each column's name in the run's language and its
//! CSV name), an autofilter, column widths that fit the text
//! (Chinese characters count twice) and numbers written as numbers, formatted by column.
//!
//! **The number-format rule.** A column holds numbers when every non-empty value is a plain
//! decimal (`-12`, `3.50`) and its name is not that of an identifier (`code`, `town`, `site`,
//! `group`, `id`, or ending in `_code`, `_id`, `_town`: these stay text, so that `330282121`
//! is not shown as 330,282,121). By its name, first match:
//!
//! | column name | format | shown |
//! |---|---|---|
//! | contains `yuan` | `#,##0.00` | 1,968,600.00 |
//! | ends in `_m2` or contains `m2_` | `#,##0.00` | 78,402.30 |
//! | ends in `_km` | `#,##0.0##` | 0.93, 100.597 |
//! | ends in `_min` | `#,##0.00` | 8.52 |
//! | ends in `_pct` (the value is already in percent) | `0.0"%"` | 83.1% |
//! | `share`, `coverage`, `utilisation` or ending in one of them (a fraction) | `0.0%` | 100.0% |
//! | `year` or ending in `_year` | `0` | 2022 |
//! | any other | `#,##0`, with as many decimals as the value has in the CSV | 131,145 |
//!
//! Every other column is text, as in the CSV. The value is the CSV's value: formats change how
//! a number is shown, never the number.

use crate::catalogue::{Lang, columns::column_label};
use crate::error::{Error, Result};
use rayon::prelude::*;
use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, FormatAlign, RowNum, Workbook, Worksheet,
    XlsxError,
};
use std::collections::BTreeMap;

/// The first sheet's name.
pub const ABOUT_SHEET: &str = "说明 About";

/// The most rows a sheet holds (Excel's limit), the header included.
const MAX_ROWS: usize = 1_048_576;
/// The most columns a sheet holds (Excel's limit).
const MAX_COLUMNS: usize = 16_384;
/// The longest text a cell holds (Excel's limit), in characters.
const MAX_CELL_CHARS: usize = 32_767;
/// The longest sheet name Excel accepts, in characters.
const MAX_SHEET_NAME: usize = 31;
/// Column widths, in characters of the default font.
const MIN_WIDTH: f64 = 6.0;
const MAX_WIDTH: f64 = 60.0;

/// A CSV table to put in the workbook.
#[derive(Debug, Clone, Copy)]
pub struct Table<'a> {
    /// The CSV file's name, e.g. `towns.csv`.
    pub file: &'a str,
    /// The CSV file's content (a byte-order mark is allowed).
    pub csv: &'a [u8],
    /// What the table holds, in Chinese and in English (empty when unknown).
    pub about: [&'a str; 2],
}

/// The workbook of `tables`, with a first sheet listing `facts` (label, value: what produced
/// the run) and the tables. Each column is headed by its name in `lang` above its CSV name
/// (in English, the CSV name above its Chinese name), so that the workbook reads in both
/// languages and every column can be found in the CSV. The bytes are the same for the same
/// arguments: the document's creation date is fixed.
pub fn workbook(facts: &[(&str, String)], tables: &[Table], lang: Lang) -> Result<Vec<u8>> {
    let names = sheet_names(tables);
    let bold = Format::new().set_bold();
    // Each table is read back and its sheet filled on its own, and the rows read are dropped
    // as soon as its sheet holds them; the sheets then join the book in order.
    let filled: Vec<(Shape, Option<Worksheet>)> = tables
        .par_iter()
        .zip(&names)
        .map(|(table, name)| {
            let parsed = ParsedTable::of(table)?;
            let shape = Shape {
                rows: parsed.rows.len(),
                fits: parsed.fits(),
            };
            if !shape.fits {
                return Ok((shape, None));
            }
            let mut sheet = Worksheet::new();
            table_sheet(&mut sheet, name, &parsed, lang, &bold).map_err(xlsx_fault)?;
            Ok((shape, Some(sheet)))
        })
        .collect::<Result<_>>()?;
    let shapes: Vec<Shape> = filled.iter().map(|(shape, _)| *shape).collect();
    let mut book = Workbook::new();
    // A fixed date (the document properties' only varying field) keeps runs byte-identical.
    let created = ExcelDateTime::from_ymd(2020, 1, 1).map_err(xlsx_fault)?;
    book.set_properties(
        &DocProperties::new()
            .set_title("dormplan")
            .set_creation_datetime(&created),
    );
    // Level 3, as Excel itself writes: about a third faster to save than the default 6, for
    // a file about 5 % larger.
    book.set_zip_compression_level(3);
    about_sheet(book.add_worksheet(), facts, tables, &shapes, &names, &bold).map_err(xlsx_fault)?;
    for sheet in filled.into_iter().filter_map(|(_, sheet)| sheet) {
        book.push_worksheet(sheet);
    }
    book.save_to_buffer().map_err(xlsx_fault)
}

fn xlsx_fault(e: XlsxError) -> Error {
    Error::Internal(format!("cannot build the workbook: {e}"))
}

/// How many rows a table has, and whether a sheet holds them.
#[derive(Clone, Copy)]
struct Shape {
    rows: usize,
    fits: bool,
}

/// A table read back from its CSV.
struct ParsedTable {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl ParsedTable {
    fn of(table: &Table) -> Result<ParsedTable> {
        let body = table
            .csv
            .strip_prefix(super::output::UTF8_BOM)
            .unwrap_or(table.csv);
        let fault =
            |e: csv::Error| Error::Internal(format!("{} for the workbook: {e}", table.file));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(body);
        let header = reader
            .headers()
            .map_err(fault)?
            .iter()
            .map(str::to_string)
            .collect();
        let rows = reader
            .records()
            .map(|r| r.map(|r| r.iter().map(str::to_string).collect()))
            .collect::<std::result::Result<_, _>>()
            .map_err(fault)?;
        Ok(ParsedTable { header, rows })
    }

    /// Whether Excel can hold the table in one sheet.
    fn fits(&self) -> bool {
        self.rows.len() < MAX_ROWS && self.header.len() <= MAX_COLUMNS
    }
}

/// A unique sheet name per table, from its file name: at most 31 characters, none of the
/// characters Excel forbids, and different (in any case) from each other and the first sheet.
fn sheet_names(tables: &[Table]) -> Vec<String> {
    let mut taken = vec![ABOUT_SHEET.to_lowercase()];
    tables
        .iter()
        .map(|t| {
            let stem = t.file.strip_suffix(".csv").unwrap_or(t.file);
            let clean: String = stem
                .chars()
                .map(|c| match c {
                    '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\'' => '_',
                    c if c.is_control() => '_',
                    c => c,
                })
                .collect();
            let clean = if clean.is_empty() {
                "table".into()
            } else {
                clean
            };
            let mut name: String = clean.chars().take(MAX_SHEET_NAME).collect();
            let mut n = 2;
            while taken.contains(&name.to_lowercase()) {
                let suffix = format!("~{n}");
                let keep = MAX_SHEET_NAME - suffix.chars().count();
                name = clean.chars().take(keep).chain(suffix.chars()).collect();
                n += 1;
            }
            taken.push(name.to_lowercase());
            name
        })
        .collect()
}

/// The first sheet: what produced the workbook, then the list of sheets.
fn about_sheet(
    sheet: &mut Worksheet,
    facts: &[(&str, String)],
    tables: &[Table],
    shapes: &[Shape],
    names: &[String],
    bold: &Format,
) -> std::result::Result<(), XlsxError> {
    sheet.set_name(ABOUT_SHEET)?;
    let mut widths = Widths::default();
    let mut row: RowNum = 0;
    let mut put = |sheet: &mut Worksheet,
                   row: RowNum,
                   cells: &[&str],
                   format: Option<&Format>|
     -> std::result::Result<(), XlsxError> {
        for (col, text) in (0..).zip(cells).filter(|(_, t)| !t.is_empty()) {
            widths.see(col, text_width(text) + usize::from(format.is_some()));
            let text = cell_text(text);
            match format {
                Some(f) => sheet.write_string_with_format(row, col, text, f)?,
                None => sheet.write_string(row, col, text)?,
            };
        }
        Ok(())
    };
    put(sheet, row, &["项目 Item", "内容 Value"], Some(bold))?;
    for (label, value) in facts {
        row += 1;
        put(sheet, row, &[label, value], None)?;
    }
    row += 2;
    let header = [
        "工作表 Sheet",
        "文件 File",
        "行数 Rows",
        "说明",
        "Description",
    ];
    put(sheet, row, &header, Some(bold))?;
    let count = Format::new().set_num_format("#,##0");
    for ((table, shape), name) in tables.iter().zip(shapes).zip(names) {
        row += 1;
        let sheet_name = if shape.fits {
            name.as_str()
        } else {
            "（行数超出 Excel 上限，见 CSV）(too many rows for a sheet: see the CSV)"
        };
        put(sheet, row, &[sheet_name, table.file], None)?;
        put(
            sheet,
            row,
            &["", "", "", table.about[0], table.about[1]],
            None,
        )?;
        // Rows as a number; the column is as wide as its header.
        sheet.write_number_with_format(row, 2, shape.rows as f64, &count)?;
    }
    widths.apply(sheet)
}

/// The heading of a column in the workbook: its label in `lang` and its CSV name, one per
/// line (the CSV name first in English, where it is already English words); the CSV name
/// alone when the catalogue has no label for it.
pub fn column_heading(column: &str, lang: Lang) -> String {
    match column_label(column) {
        Some(label) => match lang {
            Lang::Zh => format!("{}\n{column}", label.zh),
            Lang::En => format!("{column}\n{}", label.zh),
        },
        None => column.to_string(),
    }
}

/// A sheet of one table.
fn table_sheet(
    sheet: &mut Worksheet,
    name: &str,
    table: &ParsedTable,
    lang: Lang,
    bold: &Format,
) -> std::result::Result<(), XlsxError> {
    sheet.set_name(name)?;
    let mut widths = Widths::default();
    let mut formats = Formats::default();
    let heading_format = bold.clone().set_text_wrap().set_align(FormatAlign::Top);
    let mut lines = 1;
    for (col, title) in (0..).zip(&table.header) {
        let heading = column_heading(title, lang);
        sheet.write_string_with_format(0, col, cell_text(&heading), &heading_format)?;
        // The autofilter's button takes about two characters.
        let widest = heading.lines().map(text_width).max().unwrap_or(0);
        widths.see(col, widest + 3);
        lines = lines.max(heading.lines().count());
    }
    if lines > 1 {
        // Points: the default font's line is 15.
        sheet.set_row_height(0, 15.0 * lines as f64)?;
    }
    for (col, title) in (0..).zip(&table.header) {
        let values = table.rows.iter().map(|r| column_value(r, col));
        let kind = ColumnKind::of(title, values);
        for (row, cells) in (1..).zip(&table.rows) {
            let text = column_value(cells, col);
            if text.is_empty() {
                continue;
            }
            match (&kind, text.parse::<f64>()) {
                (ColumnKind::Number(rule), Ok(value)) => {
                    let pattern = rule.pattern(text);
                    widths.see(col, number_width(text, &pattern));
                    let format = formats.get(&pattern);
                    sheet.write_number_with_format(row, col, value, format)?;
                }
                _ => {
                    widths.see(col, text_width(text));
                    sheet.write_string(row, col, cell_text(text))?;
                }
            }
        }
    }
    let last_row = RowNum::try_from(table.rows.len()).unwrap_or(RowNum::MAX);
    let last_col = ColNum::try_from(table.header.len().saturating_sub(1)).unwrap_or(ColNum::MAX);
    if !table.header.is_empty() {
        sheet.autofilter(0, 0, last_row, last_col)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    widths.apply(sheet)
}

/// The value of column `col` in a row (empty when the row is short).
fn column_value(row: &[String], col: ColNum) -> &str {
    row.get(usize::from(col)).map_or("", String::as_str)
}

/// How a column is written.
enum ColumnKind {
    Text,
    Number(NumberRule),
}

/// The number format of a numeric column (see the module documentation).
enum NumberRule {
    Fixed(&'static str),
    /// `#,##0` with the decimals each value has in the CSV.
    AsWritten,
}

impl NumberRule {
    fn pattern(&self, text: &str) -> String {
        match self {
            NumberRule::Fixed(p) => (*p).to_string(),
            NumberRule::AsWritten => match text.split_once('.') {
                Some((_, decimals)) if !decimals.is_empty() => {
                    format!("#,##0.{}", "0".repeat(decimals.len()))
                }
                _ => "#,##0".to_string(),
            },
        }
    }
}

impl ColumnKind {
    fn of<'a>(name: &str, mut values: impl Iterator<Item = &'a str>) -> ColumnKind {
        let name = name.trim().to_lowercase();
        let identifier = super::columns::is_identifier(&name);
        let mut any = false;
        let numeric = values.all(|v| {
            any |= !v.is_empty();
            v.is_empty() || super::columns::is_plain_decimal(v)
        });
        if identifier || !numeric || !any {
            return ColumnKind::Text;
        }
        let ends = |s: &str| name == s || name.ends_with(&format!("_{s}"));
        let money = name.contains("yuan");
        let area = name.ends_with("_m2") || name.contains("m2_");
        let rule = if money || area {
            NumberRule::Fixed("#,##0.00")
        } else if name.ends_with("_km") {
            NumberRule::Fixed("#,##0.0##")
        } else if name.ends_with("_min") {
            NumberRule::Fixed("#,##0.00")
        } else if name.ends_with("_pct") {
            NumberRule::Fixed("0.0\"%\"")
        } else if ["share", "coverage", "utilisation"].iter().any(|s| ends(s)) {
            NumberRule::Fixed("0.0%")
        } else if ends("year") {
            NumberRule::Fixed("0")
        } else {
            NumberRule::AsWritten
        };
        ColumnKind::Number(rule)
    }
}

/// One [`Format`] per number pattern, made once.
#[derive(Default)]
struct Formats(BTreeMap<String, Format>);

impl Formats {
    fn get(&mut self, pattern: &str) -> &Format {
        self.0
            .entry(pattern.to_string())
            .or_insert_with(|| Format::new().set_num_format(pattern))
    }
}

/// The widest cell seen per column, in characters.
#[derive(Default)]
struct Widths(BTreeMap<ColNum, usize>);

impl Widths {
    fn see(&mut self, col: ColNum, width: usize) {
        let w = self.0.entry(col).or_default();
        *w = (*w).max(width);
    }

    fn apply(&self, sheet: &mut Worksheet) -> std::result::Result<(), XlsxError> {
        for (&col, &w) in &self.0 {
            let width = (w as f64 + 1.0).clamp(MIN_WIDTH, MAX_WIDTH);
            sheet.set_column_width(col, width)?;
        }
        Ok(())
    }
}

/// Text as a cell holds it: at most Excel's 32,767 characters.
fn cell_text(text: &str) -> &str {
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// The width of text in a cell: Chinese, Japanese and Korean characters and full-width forms
/// take two columns, everything else one.
pub fn text_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// The width of a number as shown with `pattern`: its sign and whole digits, the thousands
/// separators, the decimals the pattern shows (at most those of the CSV and the pattern's
/// optional ones) and the sign of a percentage.
fn number_width(text: &str, pattern: &str) -> usize {
    let sign = usize::from(text.starts_with('-'));
    let whole = text.trim_start_matches('-').split('.').next().unwrap_or("");
    let separators = if pattern.contains(',') {
        whole.len().saturating_sub(1) / 3
    } else {
        0
    };
    let decimals = pattern.split_once('.').map_or(0, |(_, d)| {
        d.chars().filter(|c| matches!(c, '0' | '#')).count()
    });
    let point = usize::from(decimals > 0);
    sign + whole.len() + separators + point + decimals + usize::from(pattern.contains('%'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str, values: &[&str]) -> Option<String> {
        match ColumnKind::of(name, values.iter().copied()) {
            ColumnKind::Text => None,
            ColumnKind::Number(rule) => Some(rule.pattern(values[0])),
        }
    }

    #[test]
    fn columns_are_formatted_by_name_and_content() {
        let cases: &[(&str, &[&str], Option<&str>)] = &[
            ("amount_yuan", &["1968600.00", ""], Some("#,##0.00")),
            ("beds_per_10k_yuan_net", &["0.57"], Some("#,##0.00")),
            ("gross_m2", &["93927.00"], Some("#,##0.00")),
            ("m2_per_person", &["8.01"], Some("#,##0.00")),
            ("mean_commute_km", &["0.931"], Some("#,##0.0##")),
            ("shadow_price_min", &["8.52"], Some("#,##0.00")),
            ("coverage_pct", &["83.1"], Some("0.0\"%\"")),
            ("utilisation", &["1.0000"], Some("0.0%")),
            ("year", &["2022"], Some("0")),
            ("completed_year", &["2021"], Some("0")),
            ("people", &["120"], Some("#,##0")),
            ("b_minus_a", &["-0.831"], Some("#,##0.000")),
            ("town_code", &["330282002"], None),
            ("code", &["330282002"], None),
            ("site", &["12"], None),
            ("group_town", &["330282002"], None),
            ("cost_share_cap", &["30%"], None),
            ("chosen", &["true"], None),
            ("net_cost_per_bed_yuan", &["", ""], None),
            ("metres", &["1e5"], None),
            ("metres", &["inf"], None),
            ("metres", &["1,000"], None),
            ("metres", &["1."], None),
        ];
        for (name, values, want) in cases {
            assert_eq!(kind(name, values).as_deref(), *want, "{name} {values:?}");
        }
    }

    #[test]
    fn headings_give_the_label_and_the_csv_name() {
        assert_eq!(column_heading("beds", Lang::Zh), "床位\nbeds");
        assert_eq!(column_heading("beds", Lang::En), "beds\n床位");
        assert_eq!(column_heading("no_such_column", Lang::Zh), "no_such_column");
    }

    #[test]
    fn chinese_characters_count_twice() {
        assert_eq!(text_width("宗汉街道 Zonghan"), 8 + 1 + 7);
        assert_eq!(text_width("m²"), 2);
        assert_eq!(number_width("1968600.00", "#,##0.00"), "1,968,600.00".len());
        assert_eq!(number_width("-8", "#,##0.00"), "-8.00".len());
        assert_eq!(number_width("83.1", "0.0\"%\""), "83.1%".len());
    }

    #[test]
    fn sheet_names_are_short_unique_and_clean() {
        let t = |file| Table {
            file,
            csv: b"a\n",
            about: ["", ""],
        };
        let names = sheet_names(&[
            t("towns.csv"),
            t("TOWNS.csv"),
            t("a_very_long_file_name_of_more_than_31_chars.csv"),
            t("a_very_long_file_name_of_more_than_31_chars_too.csv"),
            t("what?.csv"),
        ]);
        assert_eq!(
            names,
            [
                "towns",
                "TOWNS~2",
                "a_very_long_file_name_of_more_t",
                "a_very_long_file_name_of_more~2",
                "what_",
            ]
        );
    }

    #[test]
    fn the_same_tables_give_the_same_bytes() {
        let tables = [Table {
            file: "towns.csv",
            csv: "\u{feff}code,name_zh,people\n330282121,周巷镇,1200\n".as_bytes(),
            about: ["镇街", "towns"],
        }];
        let facts = [("命令 Command", "dormplan test".to_string())];
        let a = workbook(&facts, &tables, Lang::Zh).unwrap();
        let b = workbook(&facts, &tables, Lang::Zh).unwrap();
        assert!(a.starts_with(b"PK"));
        assert_eq!(a, b);
    }
}
