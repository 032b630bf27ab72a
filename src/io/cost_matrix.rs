//! A commute/cost matrix from a routing engine: `demand_id,site_id,cost`.

use super::fields::{Sign, bounds};
use super::records::{self, Columns, RowCx, where_};
use crate::diag::{Code, Location, Problem};
use crate::model::{CostMatrix, Dataset};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
struct CostRow {
    demand_id: Option<String>,
    site_id: Option<String>,
    cost: Option<String>,
}

const COLUMNS: Columns = Columns {
    required: &["demand_id", "site_id", "cost"],
    optional: &[],
    located: false,
};

/// Reads the matrix at `path` against the validated `dataset`.
pub(crate) fn read_cost_matrix(
    path: &Path,
    dataset: &Dataset,
    problems: &mut Vec<Problem>,
) -> Option<CostMatrix> {
    let records = records::read::<CostRow>(path, &COLUMNS, problems)?;
    let groups: BTreeMap<&str, usize> = dataset
        .demand
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id.as_str(), i))
        .collect();
    let sites: BTreeMap<&str, usize> = dataset
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut seen: BTreeMap<(usize, usize), Location> = BTreeMap::new();
    let mut entries = Vec::with_capacity(records.len());
    let mut ok = true;
    for rec in &records {
        let mut cx = RowCx::new(path, rec.loc.clone(), problems);
        let r = &rec.row;
        let group = lookup(&mut cx, "demand_id", &r.demand_id, &groups, "demand group");
        let site = lookup(&mut cx, "site_id", &r.site_id, &sites, "site");
        let cost = cx.whole(
            "cost",
            &r.cost,
            true,
            Sign::NonNegative,
            bounds::MATRIX_COST,
        );
        if let (Some(g), Some(s)) = (group, site) {
            if let Some(first) = seen.get(&(g, s)) {
                cx.report(
                    Code::DUPLICATE_ID,
                    "demand_id,site_id",
                    format!("{},{}", dataset.demand[g].id, dataset.sites[s].id),
                    format!("each pair once (first at {})", where_(first)),
                );
            } else {
                seen.insert((g, s), rec.loc.clone());
            }
        }
        ok &= cx.ok;
        if let (Some(g), Some(s), Some(c), true) = (group, site, cost, cx.ok) {
            entries.push((g as u32, s as u32, c as u32));
        }
    }
    ok.then(|| CostMatrix::new(entries))
}

fn lookup(
    cx: &mut RowCx<'_>,
    field: &str,
    value: &Option<String>,
    ids: &BTreeMap<&str, usize>,
    what: &str,
) -> Option<usize> {
    let id = cx.required(field, value)?;
    let found = ids.get(id).copied();
    if found.is_none() {
        cx.report(
            Code::UNKNOWN_ID,
            field,
            records::quoted(id),
            format!("the id of a {what} in the scenario's data"),
        );
    }
    found
}
