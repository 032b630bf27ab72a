//! A commute/cost matrix from a routing engine: `demand_id,site_id,cost`.
//!
//! A matrix has a row for every group and site it allows: millions, for a city's travel times
//! from a routing engine. So a CSV matrix is read in one pass over its text, each row into one
//! reused record ([`CsvRows`]), its ids looked up in maps built once, and of each row only the
//! group, site, cost and line are kept, in 16 bytes; a pair given twice is found afterwards, by
//! sorting them. A matrix written as GeoJSON (by its name, as every table may be) is read as a
//! table of rows, then checked the same way.

use super::fields::{Sign, bounds};
use super::records::{self, Cell, Columns, CsvRows, RowCx, where_};
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
            format!("a cost matrix of {} MB", text.len().div_ceil(1 << 20)),
            format!(
                "at most {} MB in one cost matrix (its lines are counted in 32 bits)",
                MAX_BYTES >> 20
            ),
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
/// valid) and the row's line (or feature index).
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
            groups: Ids::new(dataset.demand.iter().map(|g| g.id.as_str()), "demand group"),
            sites: Ids::new(dataset.sites.iter().map(|s| s.id.as_str()), "site"),
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
        let cost = cx.whole("cost", &cost, true, Sign::NonNegative, bounds::MATRIX_COST);
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
                    format!("each pair once (first at {first})"),
                );
                self.ok = false;
            }
        }
        self.ok
            .then(|| CostMatrix::new(self.rows.into_iter().map(|p| (p.group, p.site, p.cost))))
    }
}

/// The ids of a dataset's groups or sites and their indexes, with the last one found: a matrix
/// usually lists a group's sites together, so that most rows name the group of the row before.
struct Ids {
    /// Copies of the ids, made one after another so that they lie together in memory (the
    /// dataset's own are spread over its records): a matrix looks them up millions of times.
    index: HashMap<Box<str>, u32>,
    last: Option<(String, u32)>,
    /// What the ids name, in a message.
    what: &'static str,
}

impl Ids {
    /// Datasets are read whole into memory: their indexes are far below u32::MAX.
    fn new<'d>(ids: impl Iterator<Item = &'d str>, what: &'static str) -> Ids {
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
            cx.report(
                Code::UNKNOWN_ID,
                field,
                records::quoted(id),
                format!("the id of a {} in the scenario's data", self.what),
            );
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
