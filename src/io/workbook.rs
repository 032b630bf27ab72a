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

use super::output::Csv;
use crate::catalogue::{Lang, columns::column_label};
use crate::error::{Error, Result};
use rayon::prelude::*;
use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, FormatAlign, RowNum, Workbook, Worksheet,
    XlsxError,
};
use std::collections::{BTreeMap, BTreeSet};

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
#[derive(Debug, Clone)]
pub struct Table<'a> {
    /// The CSV file's name, e.g. `towns.csv`.
    pub file: &'a str,
    /// The CSV file's content (a byte-order mark is allowed), or the file that holds it.
    pub csv: Csv<'a>,
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
    // A first pass over each table (on every core) finds its shape and how each column is
    // written; the second writes its rows in order into a sheet that keeps one row in memory
    // and the rest in a temporary file, so that a table of a million cells costs no more
    // memory than one of ten.
    let surveys: Vec<Survey> = tables.par_iter().map(Survey::of).collect::<Result<_>>()?;
    let shapes: Vec<Shape> = surveys.iter().map(Survey::shape).collect();
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
    let fitting: Vec<usize> = (0..tables.len()).filter(|&i| shapes[i].fits).collect();
    // The sheets share the book's list of formats, numbered as they are first used: every
    // format is put on the list here, in a fixed order, so that the numbers do not depend on
    // which sheet's thread comes first. (`register_format` is hidden from rust_xlsxwriter's
    // documentation but kept for this use: constant-memory sheets filled on several threads.
    // `the_same_tables_give_the_same_bytes` fails without it.)
    let heading_format = heading_format(&bold);
    book.register_format(&heading_format);
    let patterns: BTreeSet<&str> = fitting
        .iter()
        .flat_map(|&i| surveys[i].columns.iter())
        .filter(|c| c.is_number())
        .flat_map(|c| c.patterns.iter().map(String::as_str))
        .collect();
    let mut formats = Formats::default();
    for pattern in patterns {
        book.register_format(formats.get(pattern));
    }
    for _ in &fitting {
        // Strings inline rather than in a table shared by the sheets: each sheet is then
        // written on its own core and the bytes do not depend on which finished first.
        book.add_worksheet_with_constant_memory()
            .map_err(xlsx_fault)?;
    }
    book.worksheets_mut()[1..]
        .par_iter_mut()
        .zip(&fitting)
        .try_for_each(|(worksheet, &i)| {
            let sheet = Sheet {
                name: &names[i],
                heading_format: &heading_format,
                formats: &formats,
            };
            sheet.fill(worksheet, &tables[i], &surveys[i], lang)
        })?;
    book.save_to_buffer().map_err(xlsx_fault)
}

fn xlsx_fault(e: XlsxError) -> Error {
    match e {
        // No room or no permission in the temporary folder: not a fault of dormplan's.
        XlsxError::TempFileError(dir, source) => Error::Output { path: dir, source },
        e => Error::Internal(format!("cannot build the workbook: {e}")),
    }
}

/// How many rows a table has, and whether a sheet holds them.
#[derive(Clone, Copy)]
struct Shape {
    rows: usize,
    fits: bool,
}

/// What a first pass over a table finds: its header, its number of rows and, per column,
/// what decides how the column is written.
struct Survey {
    header: Vec<String>,
    rows: usize,
    columns: Vec<ColumnSurvey>,
}

/// The CSV reader of a table's content (a byte-order mark is allowed), the header first.
fn table_reader(content: &[u8]) -> csv::Reader<&[u8]> {
    let body = content
        .strip_prefix(super::output::UTF8_BOM)
        .unwrap_or(content);
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(body)
}

/// A table that cannot be read back: the run wrote it, so this is a fault of dormplan's.
fn table_fault(table: &Table, e: csv::Error) -> Error {
    Error::Internal(format!("{} for the workbook: {e}", table.file))
}

impl Survey {
    fn of(table: &Table) -> Result<Survey> {
        let content = table.csv.read()?;
        let mut reader = table_reader(&content);
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| table_fault(table, e))?
            .iter()
            .map(str::to_string)
            .collect();
        let mut columns: Vec<ColumnSurvey> =
            header.iter().map(|name| ColumnSurvey::new(name)).collect();
        let mut record = csv::StringRecord::new();
        let mut rows = 0;
        while reader
            .read_record(&mut record)
            .map_err(|e| table_fault(table, e))?
        {
            rows += 1;
            for (column, value) in columns.iter_mut().zip(record.iter()) {
                column.see(value);
            }
            // Cells past the header's columns are not written: a sheet's columns are its
            // header's.
        }
        Ok(Survey {
            header,
            rows,
            columns,
        })
    }

    fn shape(&self) -> Shape {
        Shape {
            rows: self.rows,
            fits: self.rows < MAX_ROWS && self.header.len() <= MAX_COLUMNS,
        }
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

/// The format of a table's heading row.
fn heading_format(bold: &Format) -> Format {
    bold.clone().set_text_wrap().set_align(FormatAlign::Top)
}

/// What every sheet of a table shares: its name and the book's formats.
struct Sheet<'a> {
    name: &'a str,
    heading_format: &'a Format,
    /// Every number format of the book's tables.
    formats: &'a Formats,
}

impl Sheet<'_> {
    /// Writes `table` into `sheet`, its rows in order (as a constant-memory sheet requires).
    fn fill(
        &self,
        sheet: &mut Worksheet,
        table: &Table,
        survey: &Survey,
        lang: Lang,
    ) -> Result<()> {
        sheet.set_name(self.name).map_err(xlsx_fault)?;
        let kinds: Vec<ColumnKind> = survey.columns.iter().map(ColumnSurvey::kind).collect();
        // Widths, the header's height, the filter and the frozen row come first: a
        // constant-memory sheet takes them only before the rows they apply to are written.
        let headings: Vec<String> = survey
            .header
            .iter()
            .map(|title| column_heading(title, lang))
            .collect();
        let mut widths = Widths::default();
        for ((col, heading), column) in (0..).zip(&headings).zip(&survey.columns) {
            // The autofilter's button takes about two characters.
            let widest = heading.lines().map(text_width).max().unwrap_or(0);
            widths.see(col, widest + 3);
            widths.see(col, column.width());
        }
        widths.apply(sheet).map_err(xlsx_fault)?;
        let lines = headings
            .iter()
            .map(|h| h.lines().count())
            .max()
            .unwrap_or(1);
        if lines > 1 {
            // Points: the default font's line is 15.
            sheet
                .set_row_height(0, 15.0 * lines as f64)
                .map_err(xlsx_fault)?;
        }
        let last_row = RowNum::try_from(survey.rows).unwrap_or(RowNum::MAX);
        let last_col =
            ColNum::try_from(survey.header.len().saturating_sub(1)).unwrap_or(ColNum::MAX);
        if !survey.header.is_empty() {
            sheet
                .autofilter(0, 0, last_row, last_col)
                .map_err(xlsx_fault)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx_fault)?;
        for (col, heading) in (0..).zip(&headings) {
            sheet
                .write_string_with_format(0, col, cell_text(heading), self.heading_format)
                .map_err(xlsx_fault)?;
        }
        let content = table.csv.read()?;
        let mut reader = table_reader(&content);
        let mut record = csv::StringRecord::new();
        let mut row: RowNum = 0;
        while reader
            .read_record(&mut record)
            .map_err(|e| table_fault(table, e))?
        {
            row += 1;
            for ((col, text), kind) in (0..).zip(record.iter()).zip(&kinds) {
                if text.is_empty() {
                    continue;
                }
                let number = match kind {
                    ColumnKind::Number(rule) => text
                        .parse::<f64>()
                        .ok()
                        .zip(self.formats.0.get(&rule.pattern(text))),
                    ColumnKind::Text => None,
                };
                match number {
                    Some((value, format)) => {
                        sheet.write_number_with_format(row, col, value, format)
                    }
                    None => sheet.write_string(row, col, cell_text(text)),
                }
                .map_err(xlsx_fault)?;
            }
        }
        Ok(())
    }
}

/// What decides how a column is written, seen one value at a time: whether every value is a
/// plain decimal (and any is there at all), and the widest value as text and as a number.
struct ColumnSurvey {
    /// The number rule the column's name gives, should its values all be numbers.
    rule: NumberRule,
    identifier: bool,
    numeric: bool,
    any: bool,
    text_width: usize,
    number_width: usize,
    /// The number formats its values take, should they all be numbers.
    patterns: BTreeSet<String>,
}

impl ColumnSurvey {
    fn new(name: &str) -> ColumnSurvey {
        let name = name.trim().to_lowercase();
        ColumnSurvey {
            rule: NumberRule::of(&name),
            identifier: super::columns::is_identifier(&name),
            numeric: true,
            any: false,
            text_width: 0,
            number_width: 0,
            patterns: BTreeSet::new(),
        }
    }

    fn see(&mut self, value: &str) {
        if value.is_empty() {
            return;
        }
        self.any = true;
        self.text_width = self.text_width.max(text_width(value));
        if self.numeric && super::columns::is_plain_decimal(value) {
            let pattern = self.rule.pattern(value);
            self.number_width = self.number_width.max(number_width(value, &pattern));
            self.patterns.insert(pattern);
        } else {
            self.numeric = false;
        }
    }

    fn is_number(&self) -> bool {
        !self.identifier && self.numeric && self.any
    }

    fn kind(&self) -> ColumnKind {
        if self.is_number() {
            ColumnKind::Number(self.rule)
        } else {
            ColumnKind::Text
        }
    }

    /// The widest cell of the column as it is written.
    fn width(&self) -> usize {
        if self.is_number() {
            self.number_width
        } else {
            self.text_width
        }
    }
}

/// How a column is written.
enum ColumnKind {
    Text,
    Number(NumberRule),
}

/// The number format of a numeric column (see the module documentation).
#[derive(Clone, Copy)]
enum NumberRule {
    Fixed(&'static str),
    /// `#,##0` with the decimals each value has in the CSV.
    AsWritten,
}

impl NumberRule {
    /// The rule of a numeric column by its name (trimmed, in lower case): the first match of
    /// the module documentation's table.
    fn of(name: &str) -> NumberRule {
        let ends = |s: &str| name == s || name.ends_with(&format!("_{s}"));
        let money = name.contains("yuan");
        let area = name.ends_with("_m2") || name.contains("m2_");
        if money || area {
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
        }
    }

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
    #[cfg(test)]
    fn of<'a>(name: &str, values: impl Iterator<Item = &'a str>) -> ColumnKind {
        let mut column = ColumnSurvey::new(name);
        values.for_each(|v| column.see(v));
        column.kind()
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
            csv: Csv::Bytes(b"a\n"),
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
    fn rows_are_written_in_order_with_their_kinds() {
        use calamine::{Data, Reader, Xlsx};
        // A short row, a row with a cell past the header, an empty number and a column
        // that turns out to be text on its last row.
        let csv = "\u{feff}site,people,note\nS1,12,甲\nS2\nS3,,x,extra\nS4,7,\nS5,3,9\n";
        let tables = [Table {
            file: "sites.csv",
            csv: Csv::Bytes(csv.as_bytes()),
            about: ["", ""],
        }];
        let bytes = workbook(&[], &tables, Lang::En).unwrap();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("sites").unwrap();
        let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
        let text = |s: &str| Data::String(s.to_string());
        assert_eq!(rows.len(), 6);
        assert_eq!(rows[0][0], text(&column_heading("site", Lang::En)));
        assert_eq!(rows[1], [text("S1"), Data::Float(12.0), text("甲")]);
        assert_eq!(rows[2], [text("S2"), Data::Empty, Data::Empty]);
        assert_eq!(rows[3], [text("S3"), Data::Empty, text("x")]);
        assert_eq!(rows[4], [text("S4"), Data::Float(7.0), Data::Empty]);
        assert_eq!(rows[5], [text("S5"), Data::Float(3.0), text("9")]);
    }

    #[test]
    fn the_same_tables_give_the_same_bytes() {
        // Sheets are written on several threads and share the book's formats: tables with
        // formats of their own, in both orders of finishing, give the same bytes.
        let csvs: Vec<String> = (0..6)
            .map(|t| {
                let mut csv = format!("{}code,name_zh,value_{t}\n", '\u{feff}');
                for row in 0..200 {
                    // Table t has numbers with t + 1 decimals, and whole numbers.
                    let decimals = if (row + t) % 4 > 0 {
                        format!(".{}", "5".repeat(t + 1))
                    } else {
                        String::new()
                    };
                    csv.push_str(&format!("33028212{t},周巷镇,{row}{decimals}\n"));
                }
                csv
            })
            .collect();
        let tables: Vec<Table> = csvs
            .iter()
            .enumerate()
            .map(|(t, csv)| Table {
                file: ["a.csv", "b.csv", "c.csv", "d.csv", "e.csv", "f.csv"][t],
                csv: Csv::Bytes(csv.as_bytes()),
                about: ["镇街", "towns"],
            })
            .collect();
        let facts = [("命令 Command", "dormplan test".to_string())];
        let first = workbook(&facts, &tables, Lang::Zh).unwrap();
        assert!(first.starts_with(b"PK"));
        for _ in 0..20 {
            assert!(workbook(&facts, &tables, Lang::Zh).unwrap() == first);
        }
    }
}
