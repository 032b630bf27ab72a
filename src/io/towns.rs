//! The towns file: the town-level units (镇/街道) that sites and demand refer to.

use super::records::{self, Columns, RowCx, Unique};
use crate::catalogue::{Said, problems as say};
use crate::diag::{Code, Problem};
use crate::model::{Crs, Town, pinyin_key};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
struct TownRow {
    code: Option<String>,
    name_zh: Option<String>,
    name_en: Option<String>,
    kind: Option<String>,
    lon: Option<String>,
    lat: Option<String>,
}

const COLUMNS: Columns = Columns {
    required: &["code", "name_zh", "name_en"],
    optional: &["kind"],
    located: true,
};

/// The town kinds a towns file may state (kept for the reader's checks only).
const KINDS: [&str; 2] = ["subdistrict", "town"];

/// Reads and validates the towns file. Returns the valid towns; problems are pushed.
pub(crate) fn read_towns(path: &Path, crs: Crs, problems: &mut Vec<Problem>) -> Vec<Town> {
    let Some(records) = records::read::<TownRow>(path, &COLUMNS, problems) else {
        return Vec::new();
    };
    let mut towns = Vec::with_capacity(records.len());
    let mut unique: [Unique; 3] = Default::default();
    for rec in &records {
        let mut cx = RowCx::new(path, rec.loc.clone(), problems);
        let r = &rec.row;
        let code = cx.required("code", &r.code);
        let name_zh = cx.required("name_zh", &r.name_zh);
        let name_en = cx.required("name_en", &r.name_en);
        cx.word(
            "kind",
            &r.kind,
            false,
            |k| KINDS.contains(&k).then_some(()),
            Code::UNKNOWN_VALUE,
            &KINDS,
        );
        let placed = cx.place(rec.geometry.as_ref(), &r.lon, &r.lat, crs);
        let fields = [("code", code), ("name_zh", name_zh), ("name_en", name_en)];
        for ((field, value), seen) in fields.into_iter().zip(&mut unique) {
            if let Some(value) = value {
                // Pinyin names are matched in any case, so they must differ in more than case.
                let key = if field == "name_en" {
                    pinyin_key(value)
                } else {
                    value.to_string()
                };
                seen.check(&mut cx, field, key, value);
            }
        }
        if !cx.ok {
            continue;
        }
        if let (Some(code), Some(name_zh), Some(name_en), Some(placed)) =
            (code, name_zh, name_en, placed)
        {
            towns.push(Town {
                code: code.to_string(),
                name_zh: name_zh.to_string(),
                name_en: name_en.to_string(),
                centroid: placed.point,
                polygon: placed.polygon,
            });
        }
    }
    towns
}

/// What a town reference names.
pub(crate) enum Named {
    /// No town.
    None,
    /// One town (its index).
    One(usize),
    /// Several towns: the code of one is the name of another, or two share a name.
    Many(Vec<usize>),
}

/// Finds towns by code, Chinese name or pinyin name (case-insensitive).
pub(crate) struct TownIndex {
    by_key: BTreeMap<String, Vec<usize>>,
    towns: Vec<String>,
    examples: String,
    file_name: String,
}

impl TownIndex {
    /// An index over `towns`, read from `file`.
    pub fn new(towns: &[Town], file: &Path) -> TownIndex {
        let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, t) in towns.iter().enumerate() {
            for key in [t.code.clone(), t.name_zh.clone(), pinyin_key(&t.name_en)] {
                let named = by_key.entry(key).or_default();
                if !named.contains(&i) {
                    named.push(i);
                }
            }
        }
        let examples = towns
            .iter()
            .take(3)
            .map(|t| format!("{} / {} / {}", t.code, t.name_zh, t.name_en))
            .collect::<Vec<_>>()
            .join("; ");
        TownIndex {
            by_key,
            towns: towns
                .iter()
                .map(|t| format!("{} {} ({})", t.code, t.name_zh, t.name_en))
                .collect(),
            examples,
            file_name: file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }

    /// The towns `key` names: by code or Chinese name as written, else by pinyin name in any
    /// case.
    pub fn lookup(&self, key: &str) -> Named {
        let key = key.trim();
        let found = self
            .by_key
            .get(key)
            .or_else(|| self.by_key.get(&pinyin_key(key)));
        match found.map(Vec::as_slice) {
            None | Some([]) => Named::None,
            Some([one]) => Named::One(*one),
            Some(many) => Named::Many(many.to_vec()),
        }
    }

    /// The towns of an ambiguous reference, for messages: `A and B`.
    pub fn describe(&self, towns: &[usize]) -> Said {
        say::and_names(towns.iter().filter_map(|&t| self.towns.get(t).cloned()))
    }

    /// What an ambiguous reference should have been, for messages.
    pub fn ambiguous(&self, key: &str, towns: &[usize]) -> (Said, Said) {
        (
            say::NAMES_TOWNS.with_said(vec![
                ("key", format!("{key:?}").into()),
                ("towns", self.describe(towns)),
            ]),
            say::ONE_TOWN_CODE.into(),
        )
    }

    /// What an unknown town should have been, for messages.
    pub fn expected(&self) -> Said {
        if self.examples.is_empty() {
            say::TOWN_FROM_EMPTY.with(&[("file", &self.file_name)])
        } else {
            say::TOWN_FROM.with(&[("file", &self.file_name), ("examples", &self.examples)])
        }
    }

    /// Looks up the `town` cell of a row, reporting `UNKNOWN_TOWN` or `AMBIGUOUS_TOWN`.
    pub fn resolve(&self, cx: &mut RowCx<'_>, value: &Option<String>) -> Option<usize> {
        let text = cx.required("town", value)?;
        match self.lookup(text) {
            Named::One(t) => Some(t),
            Named::None => {
                cx.report(
                    Code::UNKNOWN_TOWN,
                    "town",
                    records::quoted(text),
                    self.expected(),
                );
                None
            }
            Named::Many(towns) => {
                let (found, expected) = self.ambiguous(text, &towns);
                cx.report(Code::AMBIGUOUS_TOWN, "town", found, expected);
                None
            }
        }
    }
}
