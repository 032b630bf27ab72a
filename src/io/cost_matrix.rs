//! A commute/cost matrix from a routing engine: `demand_id,site_id,cost`.
//!
//! Costs are taken as routers give them: a fraction (`1111.4` seconds) is rounded once, here,
//! to the nearest whole unit (half away from zero: 0.5 → 1), and an empty cost or `null` (an
//! unreachable pair in OSRM's table) means the pair is no arc. Negative, non-finite and absurd
//! costs are errors.
//!
//! A matrix has a row for every group and site it allows: millions, for a city's travel times
//! from a routing engine. So a CSV matrix is read in one pass over its text, each row into one
//! reused record ([`CsvRows`]), its ids looked up in maps built once, and of each row only the
//! group, site, cost and line are kept, in 16 bytes; a pair given twice is found afterwards, by
//! sorting them. A matrix written as GeoJSON (by its name, as every table may be) is read as a
//! table of rows, then checked the same way.

use super::fields::{Sign, bounds};
use super::records::{self, Cell, Columns, CsvRows, RowCx, where_};
use crate::catalogue::{Phrase, problems as say};
use crate::diag::{Code, Location, Problem};
use crate::model::{CostMatrix, Dataset};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// The columns, in the order [`Pairs::row`] takes their cells.
const NAMES: [&str; 3] = ["demand_id", "site_id", "cost"];

const COLUMNS: Columns = Columns {
    required: &NAMES,
    optional: &[],
    located: false,
};

/// The cost of a row whose cost is empty or `null`: the pair is no arc. Above any valid cost
/// (`bounds::MATRIX_COST`). Such rows are kept until every row is read, so that a pair given
/// twice is found even when one of its rows is empty.
const NO_ARC: u32 = u32::MAX;

/// The most bytes a matrix may hold, whatever the file-size limit: its lines (and features)
/// are counted in 32 bits.
const MAX_BYTES: usize = u32::MAX as usize - 1;

/// A row of a GeoJSON matrix.
#[derive(Deserialize)]
struct CostRow {
    demand_id: Option<String>,
    site_id: Option<String>,
    cost: Option<String>,
}

/// Reads the matrix at `path` against the validated `dataset`.
pub(crate) fn read_cost_matrix(
    path: &Path,
    dataset: &Dataset,
    problems: &mut Vec<Problem>,
) -> Option<CostMatrix> {
    let text = super::text::read_text(path, problems)?;
    if text.len() > MAX_BYTES {
        problems.push(super::limits::too_large(
            path,
            Location::File,
            say::MATRIX_OF_MB.with(&[("mb", &text.len().div_ceil(1 << 20))]),
            say::AT_MOST_MB_MATRIX.with(&[("mb", &(MAX_BYTES >> 20))]),
        ));
        return None;
    }
    let mut pairs = Pairs::new(dataset, records::is_geojson(path, &text));
    if pairs.features {
        for rec in records::read_table::<CostRow>(path, &text, &COLUMNS, problems)? {
            let Location::Feature(i) = rec.loc else {
                continue;
            };
            let r = &rec.row;
            let cells = [r.demand_id.text(), r.site_id.text(), r.cost.text()];
            pairs.row(path, i as u32, cells, problems);
        }
    } else {
        read_csv(path, &text, &mut pairs, problems)?;
    }
    drop(text);
    pairs.finish(path, problems)
}

/// The rows of a CSV matrix into `pairs`. The problems of their values are held back until every
/// row has been read, and dropped when the row limit is passed: as when a table is read whole
/// before its values are checked.
fn read_csv(
    path: &Path,
    text: &str,
    pairs: &mut Pairs<'_>,
    problems: &mut Vec<Problem>,
) -> Option<()> {
    let before = problems.len();
    let mut rows = CsvRows::open(path, text, &COLUMNS, problems)?;
    let columns = NAMES.map(|name| rows.column(name));
    let mut rec = csv::StringRecord::new();
    let mut any = false;
    let mut checked = Vec::new();
    while let Some(line) = rows.next(&mut rec, problems).ok()? {
        any = true;
        let cells = columns.map(|i| i.and_then(|i| rec.get(i)));
        // MAX_BYTES keeps every line within u32.
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        pairs.row(path, line, cells, &mut checked);
    }
    let empty = records::check_not_empty(path, any, &problems[before..]);
    problems.extend(empty);
    problems.append(&mut checked);
    Some(())
}

/// The matrix's rows as read: ids looked up in maps built once, and every row whose group and
/// site are known kept as a [`Pair`], to find repeated pairs once all are read.
struct Pairs<'d> {
    dataset: &'d Dataset,
    groups: Ids,
    sites: Ids,
    /// Rows are GeoJSON features, not CSV lines.
    features: bool,
    rows: Vec<Pair>,
    /// No error in any row.
    ok: bool,
}

/// A row with a known group and site: indexes into the dataset, the cost (0 when it is not
/// valid, [`NO_ARC`] when the row says the pair is no arc) and the row's line (or feature
/// index).
#[derive(Clone, Copy)]
struct Pair {
    group: u32,
    site: u32,
    cost: u32,
    at: u32,
}

impl<'d> Pairs<'d> {
    fn new(dataset: &'d Dataset, features: bool) -> Pairs<'d> {
        Pairs {
            dataset,
            groups: Ids::new(
                dataset.demand.iter().map(|g| g.id.as_str()),
                say::ID_OF_GROUP,
            ),
            sites: Ids::new(dataset.sites.iter().map(|s| s.id.as_str()), say::ID_OF_SITE),
            features,
            rows: Vec::new(),
            ok: true,
        }
    }

    fn location(&self, at: u32) -> Location {
        if self.features {
            Location::Feature(at as usize)
        } else {
            Location::Line(u64::from(at))
        }
    }

    /// Checks the row at `at` with cells `demand_id`, `site_id` and `cost`.
    fn row(
        &mut self,
        path: &Path,
        at: u32,
        [demand, site, cost]: [Option<&str>; 3],
        problems: &mut Vec<Problem>,
    ) {
        let mut cx = RowCx::new(path, self.location(at), problems);
        let group = self.groups.find(&mut cx, "demand_id", demand);
        let site = self.sites.find(&mut cx, "site_id", site);
        let cost = if is_no_arc(cost) {
            Some(u64::from(NO_ARC))
        } else {
            cx.rounded("cost", &cost, Sign::NonNegative, bounds::MATRIX_COST)
        };
        self.ok &= cx.ok;
        if let (Some(group), Some(site)) = (group, site) {
            // MATRIX_COST is below u32::MAX.
            let cost = cost.map_or(0, |c| c as u32);
            self.rows.push(Pair {
                group,
                site,
                cost,
                at,
            });
        }
    }

    /// Reports every pair given again (`DUPLICATE_ID` where it repeats, naming where it was
    /// first given); the matrix when no row had an error.
    fn finish(mut self, path: &Path, problems: &mut Vec<Problem>) -> Option<CostMatrix> {
        self.rows.sort_unstable_by_key(|p| (p.group, p.site, p.at));
        for same in self
            .rows
            .chunk_by(|a, b| (a.group, a.site) == (b.group, b.site))
        {
            let Some((first, again)) = same.split_first() else {
                continue;
            };
            for p in again {
                let pair = format!(
                    "{},{}",
                    self.dataset.demand[p.group as usize].id,
                    self.dataset.sites[p.site as usize].id
                );
                let first = where_(&self.location(first.at));
                RowCx::new(path, self.location(p.at), problems).report(
                    Code::DUPLICATE_ID,
                    "demand_id,site_id",
                    pair,
                    say::EACH_PAIR_ONCE.with_said(vec![("first", first)]),
                );
                self.ok = false;
            }
        }
        self.ok.then(|| {
            CostMatrix::new(
                self.rows
                    .into_iter()
                    .filter(|p| p.cost != NO_ARC)
                    .map(|p| (p.group, p.site, p.cost)),
            )
        })
    }
}

/// True when a cost cell says the pair is no arc: absent, empty or `null` (any case). A cell
/// that starts with a digit, as nearly all do, is answered by its first byte.
fn is_no_arc(cost: Option<&str>) -> bool {
    match cost.and_then(|c| c.as_bytes().first()) {
        Some(b) if b.is_ascii_digit() => false,
        _ => cost
            .map(str::trim)
            .is_none_or(|c| c.is_empty() || c.eq_ignore_ascii_case("null")),
    }
}

/// The ids of a dataset's groups or sites and their indexes, with the last one found: a matrix
/// usually lists a group's sites together, so that most rows name the group of the row before.
struct Ids {
    /// Copies of the ids, made one after another so that they lie together in memory (the
    /// dataset's own are spread over its records): a matrix looks them up millions of times.
    index: HashMap<Box<str>, u32, foldhash::fast::FixedState>,
    last: Option<(String, u32)>,
    /// What the ids are, in a message.
    what: Phrase,
}

impl Ids {
    /// Datasets are read whole into memory: their indexes are far below u32::MAX.
    fn new<'d>(ids: impl Iterator<Item = &'d str>, what: Phrase) -> Ids {
        Ids {
            index: ids
                .enumerate()
                .map(|(i, id)| (Box::from(id), i as u32))
                .collect(),
            last: None,
            what,
        }
    }

    /// The index of the id in `field`, or `MISSING_VALUE` or `UNKNOWN_ID`.
    fn find(&mut self, cx: &mut RowCx<'_>, field: &str, value: Option<&str>) -> Option<u32> {
        let id = cx.required(field, &value)?;
        if let Some((last, i)) = &self.last
            && last == id
        {
            return Some(*i);
        }
        let Some(&i) = self.index.get(id) else {
            cx.report(Code::UNKNOWN_ID, field, records::quoted(id), self.what);
            return None;
        };
        // The last id's text is kept in one buffer, reused.
        let (last, at) = self.last.get_or_insert_with(|| (String::new(), i));
        last.clear();
        last.push_str(id);
        *at = i;
        Some(i)
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::{Code, Location, Problems};
    use crate::model::CostMatrix;

    /// Loads a one-town scenario with groups G1, G2 and sites S1, S2 and `costs` as its matrix.
    fn load(costs: &str) -> Result<CostMatrix, Problems> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let files = [
            (
                "towns.csv",
                "code,name_zh,name_en,lon,lat\n330282001,甲镇,Jia,121.2,30.2\n",
            ),
            (
                "sites.csv",
                "id,name,town,kind,status,gross_m2,lon,lat\n\
                 S1,One,330282001,migrant_apartment,existing,100,121.2,30.2\n\
                 S2,Two,330282001,migrant_apartment,existing,100,121.21,30.2\n",
            ),
            (
                "demand.csv",
                "id,town,people,lon,lat\nG1,330282001,5,121.2,30.2\nG2,330282001,5,121.21,30.2\n",
            ),
            (
                "scenario.toml",
                "[data]\ntowns = \"towns.csv\"\nsites = \"sites.csv\"\n\
                 demand = \"demand.csv\"\n[allocation]\ncost_matrix = \"costs.csv\"\n",
            ),
            ("costs.csv", costs),
        ];
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).expect("writing a fixture");
        }
        let loaded = crate::io::load_scenario(&dir.path().join("scenario.toml"))?;
        Ok(loaded.cost_matrix.expect("a matrix"))
    }

    #[test]
    fn fractions_are_rounded_half_away_from_zero_once() {
        let m =
            load("demand_id,site_id,cost\nG1,S1,0.5\nG1,S2,1111.45\nG2,S1,2.4999\nG2,S2,899.5\n")
                .expect("a valid matrix");
        assert_eq!(
            m.iter().collect::<Vec<_>>(),
            [(0, 0, 1), (0, 1, 1111), (1, 0, 2), (1, 1, 900)]
        );
    }

    #[test]
    fn null_and_empty_costs_are_no_arcs() {
        let m = load("demand_id,site_id,cost\nG1,S1,null\nG1,S2,\nG2,S1,NULL\nG2,S2, Null \n")
            .expect("a valid matrix");
        assert!(m.is_empty());
        let m = load("demand_id,site_id,cost\nG1,S1,null\nG2,S2,7\n").expect("a valid matrix");
        assert_eq!(m.iter().collect::<Vec<_>>(), [(1, 1, 7)]);
    }

    #[test]
    fn a_pair_with_no_arc_given_again_is_still_a_repeat() {
        let problems = load("demand_id,site_id,cost\nG1,S1,null\nG1,S1,5\n").expect_err("twice");
        let p = problems.errors().next().expect("an error");
        assert_eq!(
            (p.code, &p.location),
            (Code::DUPLICATE_ID, &Location::Line(3))
        );
    }

    #[test]
    fn bad_costs_stay_errors() {
        for (cost, code) in [
            ("-0.4", Code::NEGATIVE),
            ("nan", Code::NOT_FINITE),
            ("-inf", Code::NOT_FINITE),
            ("1000000000.5", Code::ABSURD_VALUE),
            ("none", Code::NOT_A_NUMBER),
        ] {
            let problems =
                load(&format!("demand_id,site_id,cost\nG1,S1,{cost}\n")).expect_err("a bad cost");
            let p = problems.errors().next().expect("an error");
            assert_eq!(
                (p.code, &p.location, p.field.as_deref()),
                (code, &Location::Line(2), Some("cost")),
                "{cost}"
            );
        }
    }
}
