//! The report a committee reads (`dormplan report`): one self-contained HTML page with the
//! scenario and what its figures rest on, the key figures, a map, charts and sortable tables.
//!
//! The page is built in two steps. [`ReportData`](crate::report::html::ReportData) gathers
//! every figure the page shows from the run's one result model: the allocation, the tables the
//! command writes as CSV (their JSON rows), the plan's budget curve and the variants. It is
//! embedded in the page as JSON (`<script type="application/json" id="report-data">`), so
//! that a test or a script reads exactly what the page shows. [`page`](crate::report::html::page()) then draws it: the map as inline SVG, the charts with plotters' SVG
//! backend, the tables as HTML, with a small inline script for sorting tables and switching map
//! layers. Nothing is fetched: no CDN, no web font, no map tiles.

/// The charts, drawn with plotters' SVG backend.
pub mod charts;
/// The map as inline SVG.
pub mod map;
/// Text placed in the page's HTML and SVG.
pub mod markup;
/// The page: header, figures, map, charts and tables, with its style and script.
pub mod page;
/// The tables as sortable HTML.
pub mod tables;

pub use page::page;

use crate::alloc::Reason;
use crate::alloc::spare::total_on_spare_beds;
use crate::catalogue::Lang;
use crate::io::Outputs;
use crate::metrics::ScenarioMetrics;
use crate::model::Fen;
use crate::plan::curve::BudgetPoint;
use crate::report::allocation::Solved;
use crate::report::run_manifest::RunManifest;
use serde::Serialize;
use serde_json::Value;

/// The name and version of the embedded data's layout. Keys are only ever added; a key renamed
/// or removed makes it `dormplan-report/2`.
pub const SCHEMA: &str = "dormplan-report/1";

/// The id of the `<script>` element that holds the page's data.
pub const DATA_ELEMENT_ID: &str = "report-data";

/// Everything the page shows, as embedded in it.
#[derive(Debug, Serialize)]
pub struct ReportData {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// The language of the page.
    pub lang: Lang,
    /// The record of the run, as `run.json` holds it.
    pub run: RunManifest,
    /// The key figures.
    pub summary: KeyFigures,
    /// Supply and demand by town, in the towns file's order.
    pub towns: Vec<TownFigures>,
    /// Subsidy by town over every programme, when the scenario names a policy.
    pub subsidy_by_town: Option<Vec<TownSubsidy>>,
    /// The base and each variant, when the scenario has variants.
    pub variants: Option<Vec<VariantFigures>>,
    /// The plan solved at each budget of the curve, when the scenario has a plan budget.
    pub budget_curve: Option<Vec<BudgetPoint>>,
    /// The map's layers.
    pub map: map::MapData,
}

/// The figures at the top of the page.
#[derive(Debug, Serialize)]
pub struct KeyFigures {
    /// The scenario's name.
    pub scenario: String,
    /// The variant, when the scenario is one.
    pub variant: Option<String>,
    /// Beds in the allocation's sites (with the plan's projects, when it has one).
    pub beds: u64,
    /// People needing a bed.
    pub demand: u64,
    /// Of them, housed.
    pub housed: u64,
    /// Of them, unhoused.
    pub unhoused: u64,
    /// The unhoused by reason, in the reasons' stable order; reasons with nobody are left out.
    pub unhoused_by_reason: Vec<ReasonCount>,
    /// People on spare beds of other employers' dormitories (`None`: nothing is shared).
    pub housed_on_spare_beds: Option<i64>,
    /// The allocation's objective is proven optimal.
    pub proven_optimal: bool,
    /// The allocation's objective.
    pub objective: i128,
    /// A proven lower bound on it.
    pub bound: i128,
    /// The subsidy over every programme of the policy, when the scenario names one.
    pub subsidy: Option<SubsidyFigures>,
    /// What the plan builds and buys, when the scenario has a plan budget (the row of
    /// `plan_summary.csv`).
    pub plan: Option<Value>,
}

/// People unhoused for one reason.
#[derive(Debug, Serialize)]
pub struct ReasonCount {
    /// The reason's code.
    pub code: &'static str,
    /// People.
    pub people: u64,
}

/// The subsidy over every programme.
#[derive(Debug, Serialize)]
pub struct SubsidyFigures {
    /// Certain subsidy, yuan (exact, two decimals).
    pub certain_yuan: String,
    /// Expected subsidy, yuan.
    pub expected_yuan: String,
    /// Certain and potential subsidy, yuan.
    pub ceiling_yuan: String,
    /// Projects that meet every condition.
    pub eligible_projects: u64,
    /// Projects that would once open conditions are settled.
    pub potential_projects: u64,
}

/// One town's supply and demand.
#[derive(Debug, Serialize)]
pub struct TownFigures {
    /// The town's code.
    pub code: String,
    /// Its name in the page's language.
    pub name: String,
    /// Beds in the town's sites.
    pub beds: u64,
    /// People working in the town who need a bed.
    pub demand: u64,
    /// Of them, housed.
    pub housed: u64,
    /// Of them, unhoused.
    pub unhoused: u64,
}

/// One town's subsidy over every programme, yuan (exact, two decimals).
#[derive(Debug, Serialize)]
pub struct TownSubsidy {
    /// The town's code.
    pub code: String,
    /// Its name in the page's language.
    pub name: String,
    /// Certain subsidy.
    pub certain_yuan: String,
    /// Expected subsidy.
    pub expected_yuan: String,
    /// Certain and potential subsidy.
    pub ceiling_yuan: String,
}

/// One scenario of a sweep: the base or a variant.
#[derive(Debug, Serialize)]
pub struct VariantFigures {
    /// The variant's name; `None` for the base.
    pub variant: Option<String>,
    /// The standard, m² per person.
    pub m2_per_person: f64,
    /// Beds.
    pub beds: u64,
    /// People needing a bed.
    pub demand: u64,
    /// Housed.
    pub housed: u64,
    /// Unhoused.
    pub unhoused: u64,
    /// Mean commute of the housed, km.
    pub mean_commute_km: Option<f64>,
}

/// What the page is made of.
pub struct ReportParts<'a> {
    /// The allocation shown: the plan's when the scenario has a plan budget, else the supply's.
    pub solved: &'a Solved<'a>,
    /// The dataset indices of the sites the plan builds.
    pub planned_sites: Vec<usize>,
    /// Every table the command writes, kept as JSON rows.
    pub outputs: &'a Outputs,
    /// The subsidy's totals, when the scenario names a policy.
    pub subsidy: Option<SubsidyFigures>,
    /// The plan solved at each budget of the curve.
    pub budget_curve: Option<Vec<BudgetPoint>>,
    /// The base and each variant, measured.
    pub variants: Option<&'a [ScenarioMetrics]>,
    /// The record of the run.
    pub run: RunManifest,
    /// The page's language.
    pub lang: Lang,
}

/// The JSON rows of the table `name` (its file name), or none.
pub fn rows<'a>(outputs: &'a Outputs, name: &str) -> &'a [Value] {
    outputs
        .json_tables()
        .find(|(n, _)| *n == name)
        .map_or(&[], |(_, rows)| rows)
}

/// Exact yuan text (`"1234.50"`) as fen; `None` when it is not such a text.
pub fn fen_of_text(text: &str) -> Option<Fen> {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text),
    };
    let (whole, cents) = digits.split_once('.').unwrap_or((digits, "00"));
    if cents.len() != 2 || whole.is_empty() {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let cents: i64 = cents.parse().ok()?;
    Some(Fen(sign * whole.checked_mul(100)?.checked_add(cents)?))
}

/// The money of a JSON cell (yuan text), fen; zero when empty.
fn fen_cell(row: &Value, key: &str) -> Fen {
    row.get(key)
        .and_then(Value::as_str)
        .and_then(fen_of_text)
        .unwrap_or(Fen(0))
}

impl ReportData {
    /// Gathers the page's figures.
    pub fn of(parts: ReportParts<'_>) -> ReportData {
        let solved = parts.solved;
        let (loaded, inst, alloc) = (solved.loaded, solved.inst, solved.alloc);
        let sc = &loaded.scenario;
        let total = solved.figures.total();
        let lang = parts.lang;
        let town_name = |i: usize| {
            let t = &sc.dataset.towns[i];
            match lang {
                Lang::Zh => t.name_zh.clone(),
                Lang::En => t.name_en.clone(),
            }
        };
        let towns = solved
            .figures
            .towns
            .towns
            .iter()
            .enumerate()
            .map(|(i, f)| TownFigures {
                code: sc.dataset.towns[i].code.clone(),
                name: town_name(i),
                beds: f.beds,
                demand: f.demand,
                housed: f.housed,
                unhoused: f.unhoused,
            })
            .collect();
        let subsidy_by_town = parts.subsidy.as_ref().map(|_| {
            let by_town = rows(parts.outputs, "subsidy_by_town.csv");
            sc.dataset
                .towns
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let of_town = by_town
                        .iter()
                        .filter(|r| r.get("town_code").and_then(Value::as_str) == Some(&t.code));
                    let (mut certain, mut expected, mut ceiling) = (Fen(0), Fen(0), Fen(0));
                    for r in of_town {
                        certain += fen_cell(r, "eligible_yuan");
                        expected += fen_cell(r, "expected_yuan");
                        ceiling += fen_cell(r, "ceiling_yuan");
                    }
                    TownSubsidy {
                        code: t.code.clone(),
                        name: town_name(i),
                        certain_yuan: certain.to_string(),
                        expected_yuan: expected.to_string(),
                        ceiling_yuan: ceiling.to_string(),
                    }
                })
                .collect()
        });
        let variants = parts.variants.map(|all| {
            all.iter()
                .map(|m| VariantFigures {
                    variant: m.variant.clone(),
                    m2_per_person: m.standard.m2(),
                    beds: m.total.beds,
                    demand: m.total.demand,
                    housed: m.total.housed,
                    unhoused: m.total.unhoused,
                    mean_commute_km: m.total.mean_commute_km(),
                })
                .collect()
        });
        let summary = KeyFigures {
            scenario: sc.name.clone(),
            variant: sc.variant.clone(),
            beds: total.beds,
            demand: total.demand,
            housed: total.housed,
            unhoused: total.unhoused,
            unhoused_by_reason: Reason::ALL
                .iter()
                .filter_map(|r| {
                    let people = total.unhoused_by_reason.get(r).copied().unwrap_or(0);
                    (people > 0).then_some(ReasonCount {
                        code: r.as_str(),
                        people,
                    })
                })
                .collect(),
            housed_on_spare_beds: total_on_spare_beds(sc, inst, alloc),
            proven_optimal: alloc.is_proven(),
            objective: alloc.objective,
            bound: alloc.bound,
            subsidy: parts.subsidy,
            plan: rows(parts.outputs, "plan_summary.csv").first().cloned(),
        };
        ReportData {
            schema: SCHEMA,
            lang,
            run: parts.run,
            summary,
            towns,
            subsidy_by_town,
            variants,
            budget_curve: parts.budget_curve,
            map: map::MapData::of(solved, &parts.planned_sites, lang),
        }
    }

    /// The data as the page embeds it: JSON with `<`, `>` and `&` escaped, so that no text of
    /// the data can end the `<script>` element.
    pub fn embedded_json(&self) -> String {
        let text = serde_json::to_string(self).unwrap_or_else(|_| "null".into());
        text.replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_text_reads_back_as_fen() {
        assert_eq!(fen_of_text("1968600.00"), Some(Fen(196_860_000)));
        assert_eq!(fen_of_text("-0.05"), Some(Fen(-5)));
        assert_eq!(fen_of_text("12"), Some(Fen(1200)));
        assert_eq!(fen_of_text("1.5"), None);
        assert_eq!(fen_of_text(""), None);
        for fen in [0, 1, 99, 100, 123_456_789, -250] {
            assert_eq!(fen_of_text(&Fen(fen).to_string()), Some(Fen(fen)));
        }
    }
}
