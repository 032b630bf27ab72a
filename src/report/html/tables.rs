//! The report's tables: rows of the command's own CSV tables (their JSON rows), headed in the
//! page's language, sortable. A numeric cell carries its exact value in `data-value`, so that
//! sorting is by number while the cell shows it grouped; money stays the CSV's exact yuan.

use super::markup::escape;
use super::{fen_of_text, rows};
use crate::catalogue::columns::column_label;
use crate::catalogue::{Lang, Phrase, report as say};
use crate::figures::per_bed;
use crate::io::Outputs;
use crate::model::{Fen, Loaded};
use crate::numbers::natural_cmp;
use crate::subsidy::Condition;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt::Write as _;

/// One table of the page.
#[derive(Debug)]
pub struct HtmlTable {
    /// The element's id.
    pub id: &'static str,
    /// The `<table>` element with its caption.
    pub html: String,
}

/// Identifiers are text even when they are digits (a town code such as `330282002`), as in
/// `--json` (docs/json.md).
fn is_identifier(column: &str) -> bool {
    matches!(
        column,
        "code" | "id" | "site" | "group" | "town" | "programme"
    ) || column.ends_with("_code")
        || column.ends_with("_id")
        || column.ends_with("_town")
}

/// A cell of `column` as text and, when it is a number, the number to sort by.
fn cell(column: &str, value: &Value) -> (String, Option<String>) {
    if is_identifier(column) {
        return match value {
            Value::Null => (String::new(), None),
            Value::String(s) => (s.clone(), None),
            other => (other.to_string(), None),
        };
    }
    match value {
        Value::Null => (String::new(), None),
        Value::Bool(true) => ("✓".into(), Some("1".into())),
        Value::Bool(false) => ("–".into(), Some("0".into())),
        Value::Number(n) => {
            let shown = match n.as_i64() {
                Some(i) => crate::numbers::grouped(i),
                None => n.to_string(),
            };
            (shown, Some(n.to_string()))
        }
        Value::String(s) => match fen_of_text(s) {
            Some(f) if s.contains('.') => (f.grouped(), Some(s.clone())),
            _ => match s.parse::<f64>() {
                Ok(x) if x.is_finite() && !s.is_empty() => (s.clone(), Some(s.clone())),
                _ => (s.clone(), None),
            },
        },
        other => (other.to_string(), None),
    }
}

/// A sortable table of `rows`, showing `columns` in order, headed by their labels.
pub fn sortable_table(
    id: &'static str,
    title: Phrase,
    columns: &[&str],
    rows: &[Map<String, Value>],
    lang: Lang,
) -> HtmlTable {
    let mut html = String::new();
    let _ = write!(
        html,
        r#"<table class="sortable" id="{id}"><caption>{}</caption><thead><tr>"#,
        escape(title.get(lang))
    );
    for c in columns {
        let label = column_label(c).map_or(*c, |p| p.get(lang));
        // A column of numbers is headed on the right, above its figures.
        let numeric = rows
            .iter()
            .filter_map(|r| r.get(*c).filter(|v| !v.is_null()))
            .all(|v| cell(c, v).1.is_some())
            && rows.iter().any(|r| r.get(*c).is_some_and(|v| !v.is_null()));
        let _ = write!(
            html,
            r#"<th scope="col"{} data-column="{c}" title="{c}">{}</th>"#,
            if numeric { r#" class="num""# } else { "" },
            escape(label)
        );
    }
    html.push_str("</tr></thead><tbody>");
    if rows.is_empty() {
        let _ = write!(
            html,
            r#"<tr class="empty"><td colspan="{}">{}</td></tr>"#,
            columns.len(),
            say::R_NO_ROWS.get(lang)
        );
    }
    for row in rows {
        html.push_str("<tr>");
        for c in columns {
            let (shown, number) = cell(c, row.get(*c).unwrap_or(&Value::Null));
            match number {
                Some(n) => {
                    let _ = write!(
                        html,
                        r#"<td class="num" data-value="{}">{}</td>"#,
                        escape(&n),
                        escape(&shown)
                    );
                }
                None => {
                    let _ = write!(html, "<td>{}</td>", escape(&shown));
                }
            }
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    HtmlTable { id, html }
}

/// The rows of a table as objects.
fn objects(outputs: &Outputs, name: &str) -> Vec<Map<String, Value>> {
    rows(outputs, name)
        .iter()
        .filter_map(|r| r.as_object().cloned())
        .collect()
}

/// Every table of the page, in its order.
pub fn tables(loaded: &Loaded, outputs: &Outputs, lang: Lang) -> Vec<HtmlTable> {
    let mut out = vec![sortable_table(
        "table-towns",
        say::R_TABLE_TOWNS,
        &[
            "code",
            if lang == Lang::Zh {
                "name_zh"
            } else {
                "name_en"
            },
            "demand",
            "beds",
            "housed",
            "unhoused",
            "mean_commute_km",
            "p95_commute_km",
        ],
        &objects(outputs, "towns.csv"),
        lang,
    )];
    out.push(sortable_table(
        "table-sites",
        say::R_TABLE_SITES,
        &[
            "town",
            "town_name",
            "rank",
            "site",
            "name",
            "kind",
            "capacity",
            "occupants",
            "utilisation",
            "shadow_price_km",
            "net_cost_per_bed_yuan",
            "mean_commute_km",
        ],
        &ranked_sites(loaded, outputs, lang),
        lang,
    ));
    let projects = objects(outputs, "plan_projects.csv");
    if !projects.is_empty() {
        out.push(sortable_table(
            "table-plan",
            say::R_TABLE_PLAN,
            &[
                "site_id",
                "name",
                "town",
                "kind",
                "beds",
                "cost_yuan",
                "subsidy_yuan",
                "net_cost_yuan",
                "beds_per_10k_yuan_net",
                "chosen",
                "why_not_plannable",
            ],
            &projects,
            lang,
        ));
    }
    let subsidy = objects(outputs, "subsidy_projects.csv");
    if !subsidy.is_empty() {
        let with_reasons: Vec<_> = subsidy
            .into_iter()
            .map(|mut row| {
                let said = |key: &str| -> Vec<String> {
                    row.get(key)
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .split(';')
                        .filter(|c| !c.is_empty())
                        .map(|code| {
                            Condition::ALL
                                .iter()
                                .find(|c| c.as_str() == code)
                                .map_or(code.to_string(), |c| c.describe(lang).to_string())
                        })
                        .collect()
                };
                let mut reasons = said("failed");
                reasons.extend(said("pending"));
                let sep = if lang == Lang::Zh { "；" } else { "; " };
                row.insert("explanation".into(), Value::String(reasons.join(sep)));
                row
            })
            .collect();
        out.push(sortable_table(
            "table-subsidy",
            say::R_TABLE_SUBSIDY,
            &[
                "programme",
                "site_id",
                "name",
                "town",
                "kind",
                "year",
                "eligibility",
                "amount_yuan",
                "expected_yuan",
                "binding_cap",
                "beds",
                "per_bed_yuan",
                "explanation",
            ],
            &with_reasons,
            lang,
        ));
    }
    out.push(sortable_table(
        "table-unhoused",
        say::R_TABLE_UNHOUSED,
        &[
            "group",
            "town",
            "people",
            "priority",
            "reason",
            "explanation",
            "nearest_free_site",
            "nearest_free_km",
            "nearest_free_beds",
        ],
        &objects(outputs, "unhoused.csv"),
        lang,
    ));
    let sweep = objects(outputs, "sweep.csv");
    if !sweep.is_empty() {
        let columns: Vec<&str> = sweep[0].keys().map(String::as_str).collect();
        out.push(sortable_table(
            "table-variants",
            say::R_TABLE_VARIANTS,
            &columns,
            &sweep,
            lang,
        ));
    }
    out
}

/// `sites.csv`'s rows ranked within their town by shadow price (the value of one more bed
/// there, highest first; ties by site id), with each site's net cost per bed: its construction
/// cost less the certain subsidy of every programme, per bed at the standard (empty without a
/// cost).
fn ranked_sites(loaded: &Loaded, outputs: &Outputs, lang: Lang) -> Vec<Map<String, Value>> {
    let data = &loaded.scenario.dataset;
    let by_id: HashMap<&str, usize> = data
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut subsidy: HashMap<String, Fen> = HashMap::new();
    for row in rows(outputs, "subsidy_projects.csv") {
        let (Some(id), Some(amount)) = (
            row.get("site_id").and_then(Value::as_str),
            row.get("amount_yuan").and_then(Value::as_str),
        ) else {
            continue;
        };
        *subsidy.entry(id.to_string()).or_insert(Fen(0)) += fen_of_text(amount).unwrap_or(Fen(0));
    }
    let mut sites = objects(outputs, "sites.csv");
    let price = |r: &Map<String, Value>| -> f64 {
        r.get("shadow_price_km")
            .and_then(Value::as_str)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0.0)
    };
    let text = |r: &Map<String, Value>, k: &str| -> String {
        r.get(k).and_then(Value::as_str).unwrap_or("").to_string()
    };
    sites.sort_by(|a, b| {
        natural_cmp(&text(a, "town"), &text(b, "town"))
            .then(price(b).total_cmp(&price(a)))
            .then(natural_cmp(&text(a, "site"), &text(b, "site")))
    });
    let mut rank = 0u64;
    let mut town = String::new();
    for row in &mut sites {
        let t = text(row, "town");
        if t != town {
            town = t;
            rank = 0;
        }
        rank += 1;
        row.insert("rank".into(), Value::from(rank));
        let name = data
            .towns
            .iter()
            .find(|x| x.code == town)
            .map(|x| match lang {
                Lang::Zh => x.name_zh.clone(),
                Lang::En => x.name_en.clone(),
            });
        row.insert("town_name".into(), name.map_or(Value::Null, Value::String));
        let id = text(row, "site");
        let beds = row.get("capacity").and_then(Value::as_u64).unwrap_or(0);
        let net = by_id
            .get(id.as_str())
            .and_then(|&i| data.sites[i].cost)
            .and_then(|cost| {
                let paid = subsidy.get(&id).copied().unwrap_or(Fen(0));
                per_bed(cost - paid, beds)
            });
        row.insert(
            "net_cost_per_bed_yuan".into(),
            net.map_or(Value::Null, |f| Value::String(f.to_string())),
        );
    }
    sites
}
