//! Walking a TOML document with key paths, line numbers and unknown-key detection.
//!
//! Scenario and policy files are both read through this: the document is parsed once (with
//! spans) into an owned tree of [`Node`]s that remember their line and, for scenario
//! variants, which `[[variant]]` block they came from. A reader then asks a [`Tbl`] for the
//! keys it knows; whatever it did not ask for is reported as `UNKNOWN_KEY` with the list of
//! keys it did, so the valid keys are exactly those the code reads and never drift from a
//! separately kept list.

use super::fields::{self, Sign};
use crate::catalogue::{Phrase, Said, problems as say};
use crate::diag::{Code, Location, Problem};
use std::collections::BTreeMap;
use std::path::Path;
use toml::de::{DeTable, DeValue};

/// A TOML value with where it came from.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub value: Value,
    /// 1-based line of the key (or the value, for list elements).
    pub line: u64,
    /// The `[[variant]]` block (0-based) this value was written in, when it overrides the base.
    pub variant: Option<usize>,
}

/// A TOML value.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Table(BTreeMap<String, Node>),
    Array(Vec<Node>),
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Datetime(String),
}

impl Value {
    fn describe(&self) -> Said {
        match self {
            Value::Table(_) => say::TOML_TABLE.into(),
            Value::Array(_) => say::TOML_LIST.into(),
            Value::Str(s) => say::TOML_TEXT.with(&[("text", &format!("{s:?}"))]),
            Value::Int(i) => say::TOML_INTEGER.with(&[("n", i)]),
            Value::Float(x) => say::TOML_NUMBER.with(&[("x", x)]),
            Value::Bool(b) => format!("{b}").into(),
            Value::Datetime(d) => say::TOML_DATE.with(&[("date", d)]),
        }
    }
}

/// Parses `text` (the contents of `path`). Pushes `TOML_MALFORMED` with the line on failure.
///
/// TOML allows only LF and CRLF line endings; a file saved with bare CRs (old Mac editors) is
/// read as if they were LFs, which keeps every byte offset and so every line number.
pub(crate) fn parse(path: &Path, text: &str, problems: &mut Vec<Problem>) -> Option<Node> {
    let lines = super::text::LineIndex::new(text);
    if !super::limits::check_lines(path, text, problems)
        || !super::limits::check_nesting(
            path,
            text,
            super::limits::Syntax::Toml,
            |at| lines.line(at),
            problems,
        )
    {
        return None;
    }
    let text = super::text::bare_cr_as_lf(text);
    match DeTable::parse(&text) {
        Ok(doc) => Some(Node {
            value: table(doc.get_ref(), &lines),
            line: 1,
            variant: None,
        }),
        Err(e) => {
            let line = e.span().map_or(1, |s| lines.line(s.start));
            problems.push(
                Problem::new(Code::TOML_MALFORMED, path, Location::Line(line))
                    .found(e.message().trim().to_string())
                    .expected(say::VALID_TOML),
            );
            None
        }
    }
}

fn table(t: &DeTable<'_>, lines: &super::text::LineIndex) -> Value {
    Value::Table(
        t.iter()
            .map(|(k, v)| {
                let mut node = convert(v.get_ref(), lines.line(v.span().start), lines);
                node.line = lines.line(k.span().start);
                (k.get_ref().to_string(), node)
            })
            .collect(),
    )
}

fn convert(v: &DeValue<'_>, line: u64, lines: &super::text::LineIndex) -> Node {
    let value = match v {
        DeValue::String(s) => Value::Str(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Int(n),
            // Beyond i64: keep the magnitude so range checks can name it.
            Err(_) => Value::Float(i.as_str().parse().unwrap_or(f64::INFINITY)),
        },
        DeValue::Float(x) => Value::Float(x.as_str().parse().unwrap_or(f64::NAN)),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::Datetime(d.to_string()),
        DeValue::Array(a) => Value::Array(
            a.iter()
                .map(|e| convert(e.get_ref(), lines.line(e.span().start), lines))
                .collect(),
        ),
        DeValue::Table(t) => table(t, lines),
    };
    Node {
        value,
        line,
        variant: None,
    }
}

/// Merges `over` into `base`: tables merge key by key, anything else replaces.
pub(crate) fn merge(base: &mut Node, over: Node) {
    let Node {
        value,
        line,
        variant,
    } = over;
    match (&mut base.value, value) {
        (Value::Table(b), Value::Table(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (_, value) => {
            *base = Node {
                value,
                line,
                variant,
            }
        }
    }
}

/// Marks every value under `node` as written in variant block `i`.
pub(crate) fn tag_variant(node: &mut Node, i: usize) {
    node.variant = Some(i);
    match &mut node.value {
        Value::Table(t) => t.values_mut().for_each(|n| tag_variant(n, i)),
        Value::Array(a) => a.iter_mut().for_each(|n| tag_variant(n, i)),
        _ => {}
    }
}

/// Where problems go.
pub(crate) struct Cx<'a> {
    pub file: &'a Path,
    pub problems: &'a mut Vec<Problem>,
}

/// A value at a key path.
#[derive(Clone)]
pub(crate) struct Item<'n> {
    path: String,
    node: &'n Node,
}

impl<'n> Item<'n> {
    /// The root of a document.
    pub fn root(node: &'n Node) -> Item<'n> {
        Item {
            path: String::new(),
            node,
        }
    }

    /// The key path as shown to the user, e.g. `variant[2].standard.plan_m2_per_person`.
    pub fn shown(&self) -> String {
        match self.node.variant {
            Some(i) if !self.path.is_empty() => format!("variant[{i}].{}", self.path),
            Some(i) => format!("variant[{i}]"),
            None => self.path.clone(),
        }
    }

    /// The location of this value.
    pub fn location(&self) -> Location {
        Location::KeyAt {
            key: self.shown(),
            line: self.node.line,
        }
    }

    /// The last key of the path (the field of a problem).
    pub fn field(&self) -> String {
        let last = self.path.rsplit('.').next().unwrap_or("");
        last.trim_matches('"').to_string()
    }

    /// Reports a problem at this value.
    pub fn report(
        &self,
        cx: &mut Cx<'_>,
        code: Code,
        found: impl Into<Said>,
        expected: impl Into<Said>,
    ) {
        cx.problems.push(
            Problem::new(code, cx.file, self.location())
                .field(self.field())
                .found(found)
                .expected(expected),
        );
    }

    fn wrong_type(&self, cx: &mut Cx<'_>, expected: Phrase) {
        self.report(cx, Code::BAD_SETTING, self.node.value.describe(), expected);
    }

    /// Text.
    pub fn str(&self, cx: &mut Cx<'_>) -> Option<&'n str> {
        match &self.node.value {
            Value::Str(s) => match fields::bad_text(s) {
                Some((found, expected)) => {
                    self.report(cx, Code::BAD_TEXT, found, expected);
                    None
                }
                None => Some(s),
            },
            _ => {
                self.wrong_type(cx, say::TEXT_IN_QUOTES);
                None
            }
        }
    }

    /// Non-empty text (trimmed).
    pub fn text(&self, cx: &mut Cx<'_>) -> Option<&'n str> {
        let s = self.str(cx)?.trim();
        if s.is_empty() {
            self.report(
                cx,
                Code::MISSING_VALUE,
                say::EMPTY_TEXT,
                say::NON_EMPTY_TEXT,
            );
            return None;
        }
        Some(s)
    }

    /// A number (integer or float) with a sign and an upper bound.
    pub fn number(&self, cx: &mut Cx<'_>, sign: Sign, max: f64) -> Option<f64> {
        let x = self.numeric(cx, say::A_NUMBER)?;
        self.checked(cx, fields::check_number(x, sign, max))
    }

    /// A whole number with a sign and an upper bound.
    pub fn whole(&self, cx: &mut Cx<'_>, sign: Sign, max: u64) -> Option<u64> {
        let x = self.numeric(cx, say::WHOLE_NUMBER)?;
        self.checked(cx, fields::check_whole(x, sign, max))
    }

    /// A year.
    pub fn year(&self, cx: &mut Cx<'_>) -> Option<i32> {
        let x = self.numeric(cx, say::YEAR_LIKE)?;
        self.checked(cx, fields::check_year(x))
    }

    /// An integer or float as f64 (range checks follow), or `BAD_SETTING`.
    fn numeric(&self, cx: &mut Cx<'_>, expected: Phrase) -> Option<f64> {
        match self.node.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(x) => Some(x),
            _ => {
                self.wrong_type(cx, expected);
                None
            }
        }
    }

    fn checked<T>(&self, cx: &mut Cx<'_>, r: Result<T, fields::Rejection>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err((code, expected)) => {
                self.report(cx, code, self.node.value.describe(), expected);
                None
            }
        }
    }

    /// Whether the value is true or false.
    pub fn is_bool(&self) -> bool {
        matches!(self.node.value, Value::Bool(_))
    }

    /// true or false.
    pub fn bool(&self, cx: &mut Cx<'_>) -> Option<bool> {
        match self.node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_type(cx, say::TRUE_OR_FALSE);
                None
            }
        }
    }

    /// A word from a list, reported with `code` and the valid words.
    pub fn word<T>(
        &self,
        cx: &mut Cx<'_>,
        parse: impl Fn(&str) -> Option<T>,
        code: Code,
        valid: &[&str],
    ) -> Option<T> {
        let s = self.str(cx)?;
        let parsed = parse(&s.trim().to_lowercase());
        if parsed.is_none() {
            self.report(
                cx,
                code,
                format!("{s:?}"),
                fields::one_of(valid.iter().copied()),
            );
        }
        parsed
    }

    /// A table.
    pub fn table(&self, cx: &mut Cx<'_>) -> Option<Tbl<'n>> {
        match &self.node.value {
            Value::Table(map) => Some(Tbl {
                item: self.clone(),
                map,
                asked: Vec::new(),
            }),
            _ => {
                self.wrong_type(cx, say::TOML_TABLE);
                None
            }
        }
    }

    /// A list, its elements at paths `key[i]`.
    pub fn array(&self, cx: &mut Cx<'_>) -> Option<Vec<Item<'n>>> {
        match &self.node.value {
            Value::Array(a) => Some(
                a.iter()
                    .enumerate()
                    .map(|(i, node)| Item {
                        path: format!("{}[{i}]", self.path),
                        node,
                    })
                    .collect(),
            ),
            _ => {
                self.wrong_type(cx, say::LIST_LIKE);
                None
            }
        }
    }

    /// The line of this value.
    pub fn line(&self) -> u64 {
        self.node.line
    }
}

/// A table whose keys are asked for one by one.
pub(crate) struct Tbl<'n> {
    item: Item<'n>,
    map: &'n BTreeMap<String, Node>,
    asked: Vec<&'static str>,
}

impl<'n> Tbl<'n> {
    /// The value at `key`, when present; `key` becomes a valid key of this table.
    pub fn get(&mut self, key: &'static str) -> Option<Item<'n>> {
        self.asked.push(key);
        self.map.get(key).map(|node| Item {
            path: join(&self.item.path, key),
            node,
        })
    }

    /// The value at `key`, or `MISSING_SETTING` naming it.
    pub fn require(&mut self, cx: &mut Cx<'_>, key: &'static str) -> Option<Item<'n>> {
        let item = self.get(key);
        if item.is_none() {
            let path = join(&self.item.shown(), key);
            cx.problems.push(
                Problem::new(
                    Code::MISSING_SETTING,
                    cx.file,
                    Location::KeyAt {
                        key: path,
                        line: self.item.node.line,
                    },
                )
                .field(key)
                .expected(say::VALUE_FOR.with(&[("field", &key)])),
            );
        }
        item
    }

    /// Every entry, for tables whose keys are data (town codes, site kinds).
    pub fn entries(&self) -> impl Iterator<Item = (&'n str, Item<'n>)> + '_ {
        self.map.iter().map(|(k, node)| {
            (
                k.as_str(),
                Item {
                    path: join(&self.item.path, k),
                    node,
                },
            )
        })
    }

    /// The table itself, for problems about it as a whole.
    pub fn item(&self) -> &Item<'n> {
        &self.item
    }

    /// Reports every key that was not asked for as `UNKNOWN_KEY`.
    pub fn finish(self, cx: &mut Cx<'_>) {
        let mut valid = self.asked.clone();
        valid.sort_unstable();
        valid.dedup();
        for (key, node) in self.map {
            if !self.asked.contains(&key.as_str()) {
                let item = Item {
                    path: join(&self.item.path, key),
                    node,
                };
                item.report(
                    cx,
                    Code::UNKNOWN_KEY,
                    say::KEY.with(&[("key", key)]),
                    fields::one_of(valid.iter().copied()),
                );
            }
        }
    }
}

/// `a.b` with the key quoted when it is not a bare TOML key.
fn join(path: &str, key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let key = if bare {
        key.to_string()
    } else {
        format!("{key:?}")
    };
    if path.is_empty() {
        key
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> (Node, Vec<Problem>) {
        let mut problems = Vec::new();
        let node = parse(Path::new("t.toml"), text, &mut problems).expect("parses");
        (node, problems)
    }

    #[test]
    fn unknown_keys_are_named_with_the_valid_ones_and_their_line() {
        let (node, _) = doc("name = \"x\"\n\n[standard]\nplan = 8\ncutof = 3\n");
        let mut problems = Vec::new();
        let mut cx = Cx {
            file: Path::new("t.toml"),
            problems: &mut problems,
        };
        let root = Item::root(&node);
        let mut t = root.table(&mut cx).unwrap();
        t.get("name");
        let mut std = t.get("standard").unwrap().table(&mut cx).unwrap();
        std.get("plan");
        std.get("usable_ratio");
        std.finish(&mut cx);
        t.finish(&mut cx);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].code, Code::UNKNOWN_KEY);
        assert_eq!(
            problems[0].location,
            Location::KeyAt {
                key: "standard.cutof".into(),
                line: 5
            }
        );
        assert!(
            problems[0]
                .expected
                .to_string()
                .contains("plan, usable_ratio")
        );
    }

    #[test]
    fn variants_merge_deeply_and_keep_their_origin() {
        let (mut base, _) = doc("[standard]\nplan = 8\nratio = 0.8\n");
        let (mut over, _) = doc("standard = { plan = 10 }\n");
        tag_variant(&mut over, 2);
        merge(&mut base, over);
        let Value::Table(root) = &base.value else {
            panic!()
        };
        let Value::Table(std) = &root["standard"].value else {
            panic!()
        };
        assert!(matches!(std["plan"].value, Value::Int(10)));
        assert_eq!(std["plan"].variant, Some(2));
        assert!(matches!(std["ratio"].value, Value::Float(_)));
        assert_eq!(std["ratio"].variant, None);
        let item = Item {
            path: "standard.plan".into(),
            node: &std["plan"],
        };
        assert_eq!(item.shown(), "variant[2].standard.plan");
    }

    #[test]
    fn malformed_toml_names_the_line() {
        let mut problems = Vec::new();
        assert!(parse(Path::new("t.toml"), "a = 1\nb = = 2\n", &mut problems).is_none());
        assert_eq!(problems[0].code, Code::TOML_MALFORMED);
        assert_eq!(problems[0].location, Location::Line(2));
    }

    #[test]
    fn keys_that_are_not_bare_are_quoted() {
        assert_eq!(join("plan.min_beds", "周巷镇"), "plan.min_beds.\"周巷镇\"");
        assert_eq!(join("", "name"), "name");
    }
}
