//! Tabular inputs (CSV or GeoJSON) as rows of text, with their place in the file.
//!
//! The towns, sites and demand readers each declare a private serde row struct of optional
//! text fields and the columns they need; this module reads either format into those rows,
//! reporting malformed files, missing and unknown columns. Turning text into numbers and
//! words happens afterwards, in [`RowCx`], so that one row's every bad cell is reported.

use super::aliases;
use super::crs::to_wgs84;
use super::fields::{self, Rejection, Sign};
use super::text::{LineCounter, LineIndex};
use crate::catalogue::{Said, problems as say};
use crate::diag::{Code, Location, Problem, Severity};
use crate::model::{Crs, LonLat};
use geo::{Centroid, CoordsIter, MapCoords};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The columns (CSV) or properties (GeoJSON) a reader uses.
pub(crate) struct Columns {
    /// Must be present in every file.
    pub required: &'static [&'static str],
    /// Read when present.
    pub optional: &'static [&'static str],
    /// Rows have a location: `lon`,`lat` columns in CSV, the geometry in GeoJSON.
    pub located: bool,
}

impl Columns {
    fn known(&self) -> impl Iterator<Item = &'static str> + '_ {
        let coords: &[&str] = if self.located { &["lon", "lat"] } else { &[] };
        self.required
            .iter()
            .chain(self.optional)
            .chain(coords)
            .copied()
    }

    fn required_csv(&self) -> impl Iterator<Item = &'static str> + '_ {
        let coords: &[&str] = if self.located { &["lon", "lat"] } else { &[] };
        self.required.iter().chain(coords).copied()
    }
}

/// One row of a CSV file or one feature of a GeoJSON file.
pub(crate) struct Record<R> {
    /// The CSV line (header = line 1) or the GeoJSON feature index.
    pub loc: Location,
    /// The text of each column.
    pub row: R,
    /// The feature's geometry (GeoJSON only), in the file's CRS.
    pub geometry: Option<geo::Geometry<f64>>,
}

/// Reads `path` (CSV, or GeoJSON when the name ends in `.geojson`/`.json` or the text starts
/// with `{`) into rows. `None` when the file cannot be read at all; problems are pushed either
/// way.
pub(crate) fn read<R: DeserializeOwned>(
    path: &Path,
    columns: &Columns,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Record<R>>> {
    let text = super::text::read_text(path, problems)?;
    read_table(path, &text, columns, problems)
}

/// [`read`] of the file's text, once read.
pub(crate) fn read_table<R: DeserializeOwned>(
    path: &Path,
    text: &str,
    columns: &Columns,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Record<R>>> {
    let before = problems.len();
    let records = if is_geojson(path, text) {
        read_geojson(path, text, columns, problems)?
    } else {
        read_csv(path, text, columns, problems)?
    };
    let empty = check_not_empty(path, !records.is_empty(), &problems[before..]);
    problems.extend(empty);
    Some(records)
}

/// `EMPTY_FILE` when a table gave no rows and none of the problems met reading it (`since`)
/// is an error: a file whose every row was rejected is not empty, its errors say why it has no
/// rows.
pub(crate) fn check_not_empty(path: &Path, any_rows: bool, since: &[Problem]) -> Option<Problem> {
    let rejected = since.iter().any(|p| p.severity() == Severity::Error);
    (!any_rows && !rejected).then(|| {
        Problem::new(Code::EMPTY_FILE, path, Location::File)
            .found(say::NO_ROWS)
            .expected(say::A_ROW_BELOW_HEADER)
    })
}

/// True when `path` is read as GeoJSON: by its name, else by its first character.
pub(crate) fn is_geojson(path: &Path, text: &str) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("geojson") || ext.eq_ignore_ascii_case("json") => {
            true
        }
        Some(ext) if ext.eq_ignore_ascii_case("csv") => false,
        _ => text.trim_start().starts_with('{'),
    }
}

fn read_csv<R: DeserializeOwned>(
    path: &Path,
    text: &str,
    columns: &Columns,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Record<R>>> {
    let mut rows = CsvRows::open(path, text, columns, problems)?;
    let headers = rows.headers().clone();
    let mut rec = csv::StringRecord::new();
    let mut records = Vec::new();
    while let Some(line) = rows.next(&mut rec, problems).ok()? {
        let loc = Location::Line(line);
        rec.trim();
        match rec.deserialize::<R>(Some(&headers)) {
            Ok(row) => records.push(Record {
                loc,
                row,
                geometry: None,
            }),
            Err(e) => problems.push(
                Problem::new(Code::CSV_MALFORMED, path, loc)
                    .found(e.to_string())
                    .expected(say::ROW_OF_TEXT),
            ),
        }
    }
    Some(records)
}

/// A CSV table read one row at a time into a record the caller reuses, with the checks every
/// table gets: the length of its lines, the header line (missing, repeated and unknown
/// columns, names matched ignoring case and surrounding spaces), the row limit, cells of
/// printable text on one line, and as many fields as the header. Rows of nothing but commas
/// are skipped. The record holds the cells as written, surrounding spaces included ([`RowCx`]
/// trims them).
pub(crate) struct CsvRows<'a> {
    path: &'a Path,
    reader: csv::Reader<&'a [u8]>,
    /// The column names, trimmed and in lower case.
    headers: csv::StringRecord,
    lines: LineCounter<'a>,
    rows: usize,
    max_rows: usize,
}

/// The row limit was passed (and reported): nothing of the file counts.
pub(crate) struct TooManyRows;

impl<'a> CsvRows<'a> {
    /// Checks the lines and the header line of `text`; `None` when its rows cannot be read.
    pub fn open(
        path: &'a Path,
        text: &'a str,
        columns: &Columns,
        problems: &mut Vec<Problem>,
    ) -> Option<CsvRows<'a>> {
        if !super::limits::check_lines(path, text, problems) {
            return None;
        }
        let mut lines = LineCounter::new(text);
        // Cells are trimmed where they are read: the csv crate's trimming makes a new record
        // of every row.
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::Headers)
            .from_reader(text.as_bytes());
        let known: Vec<&str> = columns.known().collect();
        let (headers, given) = match reader.headers() {
            Ok(h) => {
                let lower: Vec<String> = h.iter().map(str::to_lowercase).collect();
                let named = lower.iter().map(|n| aliases::canonical(n, &known));
                (
                    csv::StringRecord::from(named.collect::<Vec<_>>()),
                    h.clone(),
                )
            }
            Err(e) => {
                problems.push(csv_error(path, &e, &mut lines));
                return None;
            }
        };
        let mut clean = true;
        for (i, name) in headers.iter().enumerate() {
            clean &= check_text(
                path,
                &Location::Line(1),
                &format!("column {}", i + 1),
                name,
                problems,
            );
        }
        if !clean || !check_headers(path, &headers, &given, columns, problems) {
            return None;
        }
        Some(CsvRows {
            path,
            reader,
            headers,
            lines,
            rows: 0,
            max_rows: super::limits::Limits::current().rows,
        })
    }

    /// The column names, trimmed and in lower case.
    pub fn headers(&self) -> &csv::StringRecord {
        &self.headers
    }

    /// Where the column `name` is; every required column is there.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// Reads the next row that passes the checks into `rec` and gives its line; `Ok(None)` at
    /// the end of the table. The problems of the rows it passes over are pushed.
    pub fn next(
        &mut self,
        rec: &mut csv::StringRecord,
        problems: &mut Vec<Problem>,
    ) -> Result<Option<u64>, TooManyRows> {
        let path = self.path;
        loop {
            match self.reader.read_record(rec) {
                Ok(true) => {}
                Ok(false) => return Ok(None),
                Err(e) => {
                    problems.push(csv_error(path, &e, &mut self.lines));
                    continue;
                }
            }
            let line = rec
                .position()
                .map_or(0, |p| self.lines.record(p.byte() as usize));
            let loc = Location::Line(line);
            self.rows += 1;
            if self.rows > self.max_rows {
                problems.push(super::limits::rows_exceeded(
                    path,
                    loc,
                    super::limits::Rows::Rows,
                ));
                return Err(TooManyRows);
            }
            // Spreadsheets often leave rows of bare commas below the data.
            if rec.iter().all(|v| v.trim().is_empty()) {
                continue;
            }
            let mut clean = true;
            for (field, value) in self.headers.iter().zip(rec.iter().map(str::trim)) {
                clean &= if value.contains(['\n', '\r']) {
                    problems.push(unclosed_quote(path, line, field, value));
                    false
                } else {
                    check_text(path, &loc, field, value, problems)
                };
            }
            if !clean {
                continue;
            }
            if rec.len() != self.headers.len() {
                problems.push(
                    Problem::new(Code::CSV_MALFORMED, path, loc)
                        .found(say::N_FIELDS.with(&[("n", &rec.len())]))
                        .expected(say::FIELDS_AS_HEADER.with(&[("n", &self.headers.len())])),
                );
                continue;
            }
            return Ok(Some(line));
        }
    }
}

/// A cell that spans lines: a quote opened in it and closed lines later, or never (the CSV
/// reader then takes in every line after it). dormplan's cells hold no line breaks, so this
/// names the quote rather than the count of fields that follows from an unclosed one.
fn unclosed_quote(path: &Path, line: u64, field: &str, value: &str) -> Problem {
    let spans = LineIndex::new(value).count();
    let head: String = value
        .chars()
        .take_while(|c| *c != '\n' && *c != '\r')
        .take(40)
        .collect();
    Problem::new(Code::CSV_MALFORMED, path, Location::Line(line))
        .field(field)
        .found(say::QUOTE_OVER_LINES.with(&[
            ("head", &format!("{head:?}")),
            ("spans", &spans),
            ("to", &(line + spans as u64 - 1)),
        ]))
        .expected(say::VALUE_ON_ONE_LINE)
}

/// A cell's text must be printable ([`fields::bad_text`]): reports `BAD_TEXT` when it is not.
fn check_text(
    path: &Path,
    loc: &Location,
    field: &str,
    text: &str,
    problems: &mut Vec<Problem>,
) -> bool {
    match fields::bad_text(text) {
        Some((found, expected)) => {
            problems.push(
                Problem::new(Code::BAD_TEXT, path, loc.clone())
                    .field(field)
                    .found(found)
                    .expected(expected),
            );
            false
        }
        None => true,
    }
}

fn csv_error(path: &Path, e: &csv::Error, lines: &mut LineCounter<'_>) -> Problem {
    let line = e.position().map_or(1, |p| lines.record(p.byte() as usize));
    Problem::new(Code::CSV_MALFORMED, path, Location::Line(line))
        .found(e.to_string())
        .expected(say::CSV_WITH_HEADER)
}

/// Checks the header line; false when a required column is missing (rows cannot be read).
/// Checks the header line: each column once, every required one, none unknown. `headers`
/// are the column names dormplan reads (trimmed, in lower case, Chinese names replaced by the
/// columns they stand for); `given` are the names as the file spells them.
fn check_headers(
    path: &Path,
    headers: &csv::StringRecord,
    given: &csv::StringRecord,
    columns: &Columns,
    problems: &mut Vec<Problem>,
) -> bool {
    let at_header = || Location::Line(1);
    let mut seen = BTreeMap::new();
    for h in headers.iter() {
        *seen.entry(h).or_insert(0) += 1;
    }
    let mut ok = true;
    for (name, count) in &seen {
        if *count > 1 && !name.is_empty() {
            let spelled: Vec<&str> = headers
                .iter()
                .zip(given.iter())
                .filter(|(h, _)| h == name)
                .map(|(_, g)| g.trim())
                .collect();
            let found = if spelled.iter().all(|g| g.eq_ignore_ascii_case(name)) {
                say::COLUMN_TIMES.with(&[("name", name), ("count", count)])
            } else {
                say::COLUMNS_ALL_MEANING.with_said(vec![
                    ("columns", Said::names(spelled.iter().copied())),
                    ("name", (*name).into()),
                ])
            };
            problems.push(
                Problem::new(Code::CSV_MALFORMED, path, at_header())
                    .field(*name)
                    .found(found)
                    .expected(say::EACH_COLUMN_ONCE),
            );
            ok = false;
        }
    }
    let found = if headers.iter().collect::<Vec<_>>().join(", ").is_empty() {
        Said::from(say::NO_HEADER_LINE)
    } else {
        say::COLUMNS.with_said(vec![("columns", Said::names(headers.iter()))])
    };
    for name in columns.required_csv() {
        if !seen.contains_key(name) {
            problems.push(
                Problem::new(Code::MISSING_COLUMN, path, at_header())
                    .field(name)
                    .found(found.clone())
                    .expected(say::COLUMN_NAMED.with(&[("name", &name)])),
            );
            ok = false;
        }
    }
    let known: Vec<&str> = columns.known().collect();
    for name in seen.keys() {
        if !name.is_empty() && !known.contains(name) {
            problems.push(
                Problem::new(Code::UNKNOWN_COLUMN, path, at_header())
                    .field(*name)
                    .found(say::COLUMN_NOT_READ.with(&[("name", name)]))
                    .expected(fields::one_of(known.iter().copied())),
            );
        }
    }
    ok
}

/// The features of a GeoJSON FeatureCollection, after the checks every GeoJSON input gets:
/// nesting depth, JSON syntax (a key given twice in one object is an error), the
/// FeatureCollection itself and the feature limit. `None` (with the problem pushed) when the
/// file is not one.
pub(crate) fn feature_list(
    path: &Path,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Value>> {
    let malformed = |loc: Location, found: Said| {
        Problem::new(Code::GEOJSON_MALFORMED, path, loc)
            .found(found)
            .expected(say::FEATURE_COLLECTION)
    };
    let lines = LineIndex::new(text);
    if !super::limits::check_nesting(
        path,
        text,
        super::limits::Syntax::Json,
        |at| lines.line(at),
        problems,
    ) {
        return None;
    }
    let doc: Value = match serde_json::from_str::<Strict>(text) {
        Ok(Strict(v)) => v,
        Err(e) => {
            let line = lines.line_of_lf_position(text, e.line(), e.column());
            // serde_json ends its message with a position counted in LFs only; the location
            // says where, in lines as an editor counts them.
            let message = e.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m);
            problems.push(malformed(Location::Line(line), key_twice(message)));
            return None;
        }
    };
    let kind = doc.get("type").and_then(Value::as_str).unwrap_or("");
    let Some(features) = doc.get("features").and_then(Value::as_array) else {
        let found = match doc.get("features") {
            _ if kind.is_empty() => say::NO_TYPE.into(),
            Some(other) => say::FEATURES_NOT_LIST.with_said(vec![("kind", json_kind(other))]),
            None => say::TYPE_WITHOUT_FEATURES.with(&[("kind", &kind)]),
        };
        problems.push(malformed(Location::File, found));
        return None;
    };
    if kind != "FeatureCollection" {
        problems.push(malformed(
            Location::File,
            say::TYPE_IS.with(&[("kind", &format!("{kind:?}"))]),
        ));
        return None;
    }
    if features.len() > super::limits::Limits::current().rows {
        problems.push(super::limits::rows_exceeded(
            path,
            Location::File,
            super::limits::Rows::Features,
        ));
        return None;
    }
    match doc {
        Value::Object(mut o) => match o.remove("features") {
            Some(Value::Array(features)) => Some(features),
            _ => None,
        },
        _ => None,
    }
}

fn read_geojson<R: DeserializeOwned>(
    path: &Path,
    text: &str,
    columns: &Columns,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Record<R>>> {
    let features = feature_list(path, text, problems)?;
    let known: Vec<&str> = columns.known().collect();
    let mut unknown: BTreeMap<String, usize> = BTreeMap::new();
    let mut records = Vec::new();
    for (i, value) in features.into_iter().enumerate() {
        let loc = Location::Feature(i);
        let Some((feature, geometry)) = split_feature(path, &loc, value, problems) else {
            continue;
        };
        let mut props = serde_json::Map::new();
        let mut ok = geometry.is_ok();
        let mut written: BTreeMap<String, &str> = BTreeMap::new();
        for (original, v) in feature.properties.iter().flatten() {
            let lower = original.trim().to_lowercase();
            let key = aliases::canonical(&lower, &known).to_string();
            if let Some(first) = written.insert(key.clone(), original) {
                problems.push(
                    Problem::new(Code::GEOJSON_MALFORMED, path, loc.clone())
                        .field(key.clone())
                        .found(say::PROPERTIES_BOTH.with(&[
                            ("first", &format!("{first:?}")),
                            ("second", &format!("{original:?}")),
                        ]))
                        .expected(say::EACH_PROPERTY_ONCE),
                );
                ok = false;
                continue;
            }
            if !known.contains(&key.as_str()) {
                unknown.entry(key).or_insert(i);
                continue;
            }
            if let Value::String(text) = v {
                ok &= check_text(path, &loc, &key, text, problems);
            }
            let text = match v {
                Value::Null => Value::Null,
                Value::String(s) => Value::String(s.clone()),
                Value::Number(n) => Value::String(n.to_string()),
                Value::Bool(b) => Value::String(b.to_string()),
                Value::Array(_) | Value::Object(_) => {
                    problems.push(
                        Problem::new(Code::GEOJSON_MALFORMED, path, loc.clone())
                            .field(key.clone())
                            .found(say::LIST_OR_OBJECT)
                            .expected(say::TEXT_NUMBER_BOOL),
                    );
                    ok = false;
                    continue;
                }
            };
            props.insert(key, text);
        }
        // A feature-level id stands in for a missing `id` property.
        if !props.contains_key("id")
            && known.contains(&"id")
            && let Some(id) = &feature.id
        {
            let id = match id {
                geojson::feature::Id::String(s) => s.clone(),
                geojson::feature::Id::Number(n) => n.to_string(),
            };
            props.insert("id".into(), Value::String(id));
        }
        let Ok(geometry) = geometry else {
            continue;
        };
        if !ok {
            continue;
        }
        match serde_json::from_value::<R>(Value::Object(props)) {
            Ok(row) => records.push(Record { loc, row, geometry }),
            Err(e) => problems.push(
                Problem::new(Code::GEOJSON_MALFORMED, path, loc)
                    .found(e.to_string())
                    .expected(say::TEXT_OR_NUMBER_PROPERTIES),
            ),
        }
    }
    for (name, first) in unknown {
        problems.push(
            Problem::new(Code::UNKNOWN_COLUMN, path, Location::Feature(first))
                .field(name.clone())
                .found(say::PROPERTY_NOT_READ.with(&[("name", &name)]))
                .expected(fields::one_of(known.iter().copied())),
        );
    }
    Some(records)
}

/// A feature's geometry: `Ok(None)` when it has none, `Err` when it is bad (and reported).
pub(crate) type FeatureGeometry = Result<Option<geo::Geometry<f64>>, ()>;

/// One feature of a FeatureCollection: the GeoJSON Feature without its geometry, and the
/// geometry read on its own, so that a bad one is named as the geometry (`Err` once reported;
/// `Ok(None)` when the feature has none). `None` when the value is no Feature (reported).
pub(crate) fn split_feature(
    path: &Path,
    loc: &Location,
    mut value: Value,
    problems: &mut Vec<Problem>,
) -> Option<(geojson::Feature, FeatureGeometry)> {
    let raw_geometry = value
        .as_object_mut()
        .and_then(|o| o.insert("geometry".into(), Value::Null));
    let feature: geojson::Feature = match serde_json::from_value(value) {
        Ok(f) => f,
        Err(e) => {
            problems.push(
                Problem::new(Code::GEOJSON_MALFORMED, path, loc.clone())
                    .found(e.to_string())
                    .expected(say::GEOJSON_FEATURE),
            );
            return None;
        }
    };
    let geometry = match raw_geometry {
        None | Some(Value::Null) => Ok(None),
        Some(g) => read_geometry(g).map(Some).map_err(|found| {
            problems.push(
                Problem::new(Code::BAD_GEOMETRY, path, loc.clone())
                    .field("geometry")
                    .found(found)
                    .expected(say::GEOJSON_GEOMETRY),
            );
        }),
    };
    Some((feature, geometry))
}

/// A JSON value read with every object's keys checked: a key given twice in one object (two
/// `gross_m2` properties) is an error where it repeats, not the last value silently kept.
struct Strict(Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Strict, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Strict;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Strict, E> {
        Ok(Strict(Value::Bool(b)))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Strict, E> {
        Ok(Strict(Value::from(n)))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Strict, E> {
        Ok(Strict(Value::from(n)))
    }

    fn visit_f64<E>(self, x: f64) -> Result<Strict, E> {
        Ok(Strict(
            serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number),
        ))
    }

    fn visit_str<E>(self, s: &str) -> Result<Strict, E> {
        Ok(Strict(Value::String(s.to_string())))
    }

    fn visit_string<E>(self, s: String) -> Result<Strict, E> {
        Ok(Strict(Value::String(s)))
    }

    fn visit_unit<E>(self) -> Result<Strict, E> {
        Ok(Strict(Value::Null))
    }

    fn visit_none<E>(self) -> Result<Strict, E> {
        Ok(Strict(Value::Null))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Strict, A::Error> {
        let mut list = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            list.push(v);
        }
        Ok(Strict(Value::Array(list)))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Strict, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let Strict(v) = map.next_value()?;
            if object.contains_key(&key) {
                return Err(serde::de::Error::custom(format!(
                    "the key {key:?} twice in one object"
                )));
            }
            object.insert(key, v);
        }
        Ok(Strict(Value::Object(object)))
    }
}

/// serde_json's message, or the key given twice that `Strict` found, in the reader's language.
fn key_twice(message: &str) -> Said {
    match message
        .strip_prefix("the key ")
        .and_then(|m| m.strip_suffix(" twice in one object"))
    {
        Some(key) => say::KEY_TWICE.with(&[("key", &key)]),
        None => message.into(),
    }
}

/// What a JSON value is, in a message.
fn json_kind(v: &Value) -> Said {
    match v {
        Value::Null => "null".into(),
        Value::Bool(_) => say::JSON_BOOL.into(),
        Value::Number(_) => say::JSON_NUMBER.into(),
        Value::String(_) => say::JSON_TEXT.into(),
        Value::Array(_) => say::JSON_LIST.into(),
        Value::Object(_) => say::JSON_OBJECT.into(),
    }
}

/// A feature's geometry as GeoJSON, then as a `geo` geometry; the reader's words when either
/// step fails.
fn read_geometry(value: Value) -> Result<geo::Geometry<f64>, Said> {
    // The geojson crate checks a Point's position but indexes a polygon's corners without a
    // check, and panics on a corner of one number: every position is looked at first.
    if let Some(n) = short_position(&value) {
        return Err(say::SHORT_POSITION.with(&[("n", &n)]));
    }
    let g: geojson::Geometry =
        serde_json::from_value(value).map_err(|e| Said::from(e.to_string()))?;
    geo::Geometry::<f64>::try_from(&g.value).map_err(|e| Said::from(e.to_string()))
}

/// The length of the first position (a list of numbers) with fewer than two numbers anywhere
/// in a geometry, nested collections included.
fn short_position(value: &Value) -> Option<usize> {
    match value {
        Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_number) => {
            (items.len() < 2).then_some(items.len())
        }
        Value::Array(items) => items.iter().find_map(short_position),
        Value::Object(fields) => fields.values().find_map(short_position),
        _ => None,
    }
}

/// A place read from a row: its point and, for polygons, the boundary (both WGS84).
pub(crate) struct Placed {
    pub point: LonLat,
    pub polygon: Option<geo::MultiPolygon<f64>>,
}

/// A cell's text as a reader holds it: a field of a deserialized row, or text borrowed from a
/// [`CsvRows`] record.
pub(crate) trait Cell {
    /// The text, untrimmed; `None` when the cell is absent.
    fn text(&self) -> Option<&str>;
}

impl Cell for Option<String> {
    fn text(&self) -> Option<&str> {
        self.as_deref()
    }
}

impl Cell for Option<&str> {
    fn text(&self) -> Option<&str> {
        *self
    }
}

/// Validates one row's cells, pushing every problem, and remembers whether any was an error.
pub(crate) struct RowCx<'a> {
    file: &'a Path,
    loc: Location,
    problems: &'a mut Vec<Problem>,
    /// False once an error was reported for this row.
    pub ok: bool,
}

impl<'a> RowCx<'a> {
    /// A context for the row at `loc` of `file`.
    pub fn new(file: &'a Path, loc: Location, problems: &'a mut Vec<Problem>) -> RowCx<'a> {
        RowCx {
            file,
            loc,
            problems,
            ok: true,
        }
    }

    /// Reports a problem with `field`.
    pub fn report(
        &mut self,
        code: Code,
        field: &str,
        found: impl Into<Said>,
        expected: impl Into<Said>,
    ) {
        if code.severity() == Severity::Error {
            self.ok = false;
        }
        self.problems.push(
            Problem::new(code, self.file, self.loc.clone())
                .field(field)
                .found(found)
                .expected(expected),
        );
    }

    fn reject(&mut self, field: &str, found: &str, (code, expected): Rejection) {
        self.report(code, field, quoted(found), expected);
    }

    /// The trimmed text of an optional cell; empty is absent.
    pub fn optional<'v>(&self, value: &'v impl Cell) -> Option<&'v str> {
        value.text().map(str::trim).filter(|s| !s.is_empty())
    }

    /// The trimmed text of a required cell, or `MISSING_VALUE`.
    pub fn required<'v>(&mut self, field: &str, value: &'v impl Cell) -> Option<&'v str> {
        let v = self.optional(value);
        if v.is_none() {
            self.report(
                Code::MISSING_VALUE,
                field,
                "",
                say::VALUE_FOR.with(&[("field", &field)]),
            );
        }
        v
    }

    /// A number with the given sign and upper bound.
    pub fn number(
        &mut self,
        field: &str,
        value: &Option<String>,
        required: bool,
        sign: Sign,
        max: f64,
    ) -> Option<f64> {
        self.parsed(field, value, required, |t| {
            fields::parse_number(t).and_then(|x| fields::check_number(x, sign, max))
        })
    }

    /// A non-negative number kept to `places` decimals (an area to 0.0001 m², money to the
    /// fen), exactly as written and rounded down ([`fields::decimal_down`]); more decimals give
    /// an `EXTRA_DECIMALS` warning. Returns the number as read and its units of `10^-places`.
    pub fn exact(
        &mut self,
        field: &str,
        value: &Option<String>,
        required: bool,
        sign: Sign,
        max: f64,
        places: u32,
    ) -> Option<(f64, i64)> {
        let x = self.number(field, value, required, sign, max)?;
        let text = self.optional(value).unwrap_or_default();
        let (units, dropped) = fields::decimal_down(text, x, places);
        if dropped {
            self.report(
                Code::EXTRA_DECIMALS,
                field,
                quoted(text),
                fields::kept_decimals(units, places),
            );
        }
        Some((x, units))
    }

    /// A whole number with the given sign and upper bound.
    pub fn whole(
        &mut self,
        field: &str,
        value: &impl Cell,
        required: bool,
        sign: Sign,
        max: u64,
    ) -> Option<u64> {
        self.parsed(field, value, required, |t| {
            fields::parse_number(t).and_then(|x| fields::check_whole(x, sign, max))
        })
    }

    /// A required number rounded to a whole one, half away from zero
    /// ([`fields::check_rounded`]), with the given sign and upper bound.
    pub fn rounded(&mut self, field: &str, value: &impl Cell, sign: Sign, max: u64) -> Option<u64> {
        self.parsed(field, value, true, |t| {
            fields::parse_number(t).and_then(|x| fields::check_rounded(x, sign, max))
        })
    }

    /// An optional year.
    pub fn year(&mut self, field: &str, value: &Option<String>) -> Option<i32> {
        self.parsed(field, value, false, |t| {
            fields::parse_number(t).and_then(fields::check_year)
        })
    }

    /// An optional yes/no value.
    pub fn boolean(&mut self, field: &str, value: &Option<String>) -> Option<bool> {
        self.parsed(field, value, false, fields::parse_bool)
    }

    /// The cell parsed by `parse`, reporting its rejection.
    fn parsed<T>(
        &mut self,
        field: &str,
        value: &impl Cell,
        required: bool,
        parse: impl FnOnce(&str) -> Result<T, Rejection>,
    ) -> Option<T> {
        let text = self.cell(field, value, required)?;
        match parse(text) {
            Ok(v) => Some(v),
            Err(r) => {
                self.reject(field, text, r);
                None
            }
        }
    }

    /// A word from a fixed list (case-insensitive), reported with `code` and the valid words.
    pub fn word<T>(
        &mut self,
        field: &str,
        value: &Option<String>,
        required: bool,
        parse: impl Fn(&str) -> Option<T>,
        code: Code,
        valid: &[&str],
    ) -> Option<T> {
        let text = self.cell(field, value, required)?;
        let parsed = parse(&text.to_lowercase());
        if parsed.is_none() {
            self.report(
                code,
                field,
                quoted(text),
                fields::one_of(valid.iter().copied()),
            );
        }
        parsed
    }

    fn cell<'v>(&mut self, field: &str, value: &'v impl Cell, required: bool) -> Option<&'v str> {
        if required {
            self.required(field, value)
        } else {
            self.optional(value)
        }
    }

    /// The row's place: from the GeoJSON geometry (a point, or a polygon's centroid), else from
    /// the `lon`,`lat` cells; converted from `crs` to WGS84.
    pub fn place(
        &mut self,
        geometry: Option<&geo::Geometry<f64>>,
        lon: &Option<String>,
        lat: &Option<String>,
        crs: Crs,
    ) -> Option<Placed> {
        match geometry {
            Some(g) => self.place_geometry(g, crs),
            None if self.optional(lon).is_none()
                && self.optional(lat).is_none()
                && matches!(self.loc, Location::Feature(_)) =>
            {
                self.report(
                    Code::BAD_GEOMETRY,
                    "geometry",
                    say::NO_GEOMETRY,
                    say::POINT_POLYGON_GEOMETRY,
                );
                None
            }
            None => {
                let lon = self.signed("lon", lon);
                let lat = self.signed("lat", lat);
                let (lon, lat) = (lon?, lat?);
                match fields::check_lonlat(lon, lat) {
                    Ok((lon, lat)) => {
                        let (lon, lat) = to_wgs84(lon, lat, crs);
                        Some(Placed {
                            point: LonLat::new(lon, lat),
                            polygon: None,
                        })
                    }
                    Err(r) => {
                        self.reject("lon,lat", &format!("{lon},{lat}"), r);
                        None
                    }
                }
            }
        }
    }

    /// A coordinate may be negative (west, south): only parse and require finiteness.
    fn signed(&mut self, field: &str, value: &Option<String>) -> Option<f64> {
        let text = self.required(field, value)?;
        match fields::parse_number(text) {
            Ok(x) => Some(x),
            Err(r) => {
                self.reject(field, text, r);
                None
            }
        }
    }

    /// The place of a feature's geometry (a Point, or a valid Polygon or MultiPolygon and its
    /// centroid) in WGS84; `BAD_GEOMETRY` or `COORD_OUT_OF_RANGE` when it is none.
    pub fn place_geometry(&mut self, g: &geo::Geometry<f64>, crs: Crs) -> Option<Placed> {
        if let Some(bad) = g
            .coords_iter()
            .find(|c| fields::check_lonlat(c.x, c.y).is_err() || !c.x.is_finite())
        {
            let r = fields::check_lonlat(bad.x, bad.y)
                .err()
                .unwrap_or((Code::COORD_OUT_OF_RANGE, say::FINITE_COORDINATES.into()));
            self.reject("geometry", &format!("{},{}", bad.x, bad.y), r);
            return None;
        }
        if let Some(why) = invalid_polygon(g) {
            self.report(Code::BAD_GEOMETRY, "geometry", why, say::VALID_POLYGON);
            return None;
        }
        let g = g.map_coords(|c| {
            let (x, y) = to_wgs84(c.x, c.y, crs);
            geo::Coord { x, y }
        });
        let (point, polygon) = match g {
            geo::Geometry::Point(p) => (Some(p), None),
            geo::Geometry::Polygon(p) => (p.centroid(), Some(geo::MultiPolygon::new(vec![p]))),
            geo::Geometry::MultiPolygon(mp) => (mp.centroid(), Some(mp)),
            other => {
                let name = geometry_name(&other);
                self.report(Code::BAD_GEOMETRY, "geometry", name, say::POINT_POLYGON);
                return None;
            }
        };
        match point {
            Some(point) => Some(Placed { point, polygon }),
            None => {
                self.report(
                    Code::BAD_GEOMETRY,
                    "geometry",
                    say::EMPTY_POLYGON,
                    say::THREE_CORNERS,
                );
                None
            }
        }
    }
}

/// Why a polygon or multipolygon is not valid (too few distinct corners, a ring that crosses
/// itself or another): its centroid would be a point with no meaning. Points pass.
fn invalid_polygon(g: &geo::Geometry<f64>) -> Option<Said> {
    use geo::algorithm::Validation;
    let first = match g {
        geo::Geometry::Polygon(p) => p.check_validation().err().map(|e| e.to_string()),
        geo::Geometry::MultiPolygon(mp) => mp.check_validation().err().map(|e| e.to_string()),
        _ => None,
    }?;
    let why = Said::known(
        first,
        &[say::GEO_SELF_INTERSECTION, say::GEO_TOO_FEW_POINTS],
    );
    Some(say::INVALID_POLYGON.with_said(vec![("why", why)]))
}

/// The GeoJSON name of a geometry's type.
pub(crate) fn geometry_name(g: &geo::Geometry<f64>) -> &'static str {
    match g {
        geo::Geometry::Point(_) => "Point",
        geo::Geometry::Line(_) => "Line",
        geo::Geometry::LineString(_) => "LineString",
        geo::Geometry::Polygon(_) => "Polygon",
        geo::Geometry::MultiPoint(_) => "MultiPoint",
        geo::Geometry::MultiLineString(_) => "MultiLineString",
        geo::Geometry::MultiPolygon(_) => "MultiPolygon",
        geo::Geometry::GeometryCollection(_) => "GeometryCollection",
        geo::Geometry::Rect(_) => "Rect",
        geo::Geometry::Triangle(_) => "Triangle",
    }
}

/// The first place each value of a unique field was seen, to name it when it repeats.
#[derive(Default)]
pub(crate) struct Unique(BTreeMap<String, Location>);

impl Unique {
    /// The required, unique id in `field` of the row.
    pub fn id<'v>(
        &mut self,
        cx: &mut RowCx<'_>,
        field: &str,
        value: &'v Option<String>,
    ) -> Option<&'v str> {
        let id = cx.required(field, value)?;
        self.check(cx, field, id.to_string(), id);
        Some(id)
    }

    /// Reports `DUPLICATE_ID` on `field` when `key` was seen before; remembers it otherwise.
    pub fn check(&mut self, cx: &mut RowCx<'_>, field: &str, key: String, shown: &str) {
        match self.0.get(&key) {
            Some(first) => {
                let first = where_(first);
                cx.report(
                    Code::DUPLICATE_ID,
                    field,
                    quoted(shown),
                    say::UNIQUE_FIRST_AT.with_said(vec![("field", field.into()), ("first", first)]),
                );
            }
            None => {
                self.0.insert(key, cx.loc.clone());
            }
        }
    }
}

/// "line 5" or "feature #3".
pub(crate) fn where_(loc: &Location) -> Said {
    match loc {
        Location::Line(n) => say::LINE_N.with(&[("n", n)]),
        Location::Feature(i) => say::FEATURE_N.with(&[("n", i)]),
        other => other.to_string().into(),
    }
}

/// `"text"` for messages.
pub(crate) fn quoted(s: &str) -> String {
    format!("{s:?}")
}
