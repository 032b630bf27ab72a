//! The subsidy report for people: each programme's projects with eligibility, amount, binding
//! cap and conditions, the pool, and totals by town, year and kind; the four CSV files.

use crate::catalogue::Lang;
use crate::catalogue::words::{self, code_name};
use crate::figures::Tally;
use crate::io::Outputs;
use crate::model::policy::Policy;
use crate::model::{Dataset, Fen, Loaded, Site, SubsidySettings};
use crate::subsidy::{Concern, Condition, ProgrammeOutcome, ProjectSubsidy, reading};
use comfy_table::{CellAlignment, Table, presets};
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The terminal report: the header, then one section per programme.
pub fn subsidy_text(
    loaded: &Loaded,
    policy: &Policy,
    outcomes: &[ProgrammeOutcome],
    lang: Lang,
) -> String {
    let mut text = header(loaded, policy, lang);
    for outcome in outcomes {
        text.push('\n');
        text.push_str(&programme_section(outcome, &loaded.scenario.dataset, lang));
    }
    let s = loaded.scenario.settings.subsidy;
    let (pass, share) = (
        reading::parts_percent(s.review_pass_rate),
        reading::parts_percent(s.award_share),
    );
    let _ = writeln!(
        text,
        "\n{}",
        words::SUBSIDY_EXPECTED_NOTE.fill(lang, &[("pass", &pass), ("share", &share)])
    );
    text
}

/// Scenario, policy and standard (the warnings go to stderr, as in every command).
fn header(loaded: &Loaded, policy: &Policy, lang: Lang) -> String {
    let scenario = &loaded.scenario;
    let mut s = words::SUBSIDY_TITLE.fill(lang, &[("name", &scenario.name)]);
    if let Some(v) = &scenario.variant {
        s.push_str(&words::SUBSIDY_VARIANT.fill(lang, &[("name", v)]));
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{}",
        words::SUBSIDY_POLICY.fill(lang, &[("name", &policy.name)])
    );
    let _ = writeln!(
        s,
        "{}",
        words::SUBSIDY_STANDARD.fill(lang, &[("standard", &scenario.settings.standard.plan)])
    );
    s
}

fn opt_yuan(f: Option<Fen>) -> String {
    f.map_or_else(|| "—".to_string(), Fen::grouped)
}

fn year_label(y: Option<i32>) -> String {
    y.map_or_else(|| "—".to_string(), |y| y.to_string())
}

/// Failed conditions, then open ones.
fn reasons(p: &ProjectSubsidy) -> Vec<Condition> {
    p.failed.iter().chain(&p.pending).copied().collect()
}

fn joined(rs: &[Condition], sep: &str) -> String {
    rs.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(sep)
}

fn town_of(data: &Dataset, town: usize) -> (&str, &str) {
    data.towns
        .get(town)
        .map_or(("?", "?"), |t| (t.code.as_str(), t.name_zh.as_str()))
}

/// The projects of an outcome with their sites, ordered by site id the way people count
/// (H2 before H11).
fn by_id<'o, 'd>(
    outcome: &'o ProgrammeOutcome,
    data: &'d Dataset,
) -> Vec<(&'o ProjectSubsidy, &'d Site)> {
    let mut rows: Vec<_> = outcome
        .projects
        .iter()
        .filter_map(|p| data.sites.get(p.site).map(|s| (p, s)))
        .collect();
    rows.sort_by(|a, b| {
        crate::numbers::natural_cmp(&a.1.id, &b.1.id).then(a.0.site.cmp(&b.0.site))
    });
    rows
}

fn new_table(header: &[&str], right_from: usize) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_header(header);
    for i in right_from..header.len() {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

fn programme_section(outcome: &ProgrammeOutcome, data: &Dataset, lang: Lang) -> String {
    let p = outcome.programme;
    let mut s = format!("== {} ({}), {} ==\n", p.name, p.id, p.source);
    let rates: Vec<String> = p
        .rates
        .iter()
        .map(|r| {
            let kind = code_name(r.kind.as_str(), lang);
            words::SUBSIDY_RATE.fill(lang, &[("kind", &kind), ("rate", &r.rate_per_m2.grouped())])
        })
        .collect();
    let line = |phrase: crate::catalogue::Phrase, text: &str| phrase.fill(lang, &[("text", &text)]);
    let _ = writeln!(
        s,
        "{}",
        line(words::SUBSIDY_WINDOW, &reading::window(p, lang))
    );
    let rates = if rates.is_empty() {
        words::NONE.get(lang).to_string()
    } else {
        rates.join(words::CLAUSE_SEPARATOR.get(lang))
    };
    let basis = code_name(p.area_basis.as_str(), lang);
    let _ = writeln!(
        s,
        "{}",
        words::SUBSIDY_RATES.fill(lang, &[("rates", &rates), ("basis", &basis)])
    );
    let _ = writeln!(
        s,
        "{}",
        line(
            words::SUBSIDY_READING,
            &reading::cost_share_reading(p, lang)
        )
    );
    let _ = writeln!(
        s,
        "{}",
        line(words::SUBSIDY_CONVERT, &reading::conversions(p, lang))
    );
    let _ = writeln!(
        s,
        "{}",
        line(words::SUBSIDY_GATES, &reading::gates(p, lang))
    );
    let _ = writeln!(
        s,
        "{}",
        line(
            words::SUBSIDY_ROUNDING,
            reading::rounding_rule(p.rounding, lang)
        )
    );
    let _ = writeln!(
        s,
        "{}",
        line(words::SUBSIDY_POOL, &pool_line(outcome, lang))
    );
    s.push('\n');

    let rows = by_id(outcome, data);
    if rows.is_empty() {
        s.push_str(words::SUBSIDY_NO_PROJECT.get(lang));
        s.push('\n');
        return s;
    }
    let header = [
        words::COL_ID,
        words::COL_NAME,
        words::COL_TOWN,
        words::COL_KIND,
        words::COL_YEAR,
        words::COL_ELIGIBILITY,
        words::COL_AMOUNT,
        words::COL_REQUEST,
        words::COL_CAP,
        words::COL_REASONS,
        words::COL_BEDS,
        words::COL_PER_BED,
    ]
    .map(|p| p.get(lang));
    let mut t = new_table(&header, 6);
    for (proj, site) in &rows {
        t.add_row(vec![
            site.id.clone(),
            site.name.clone(),
            town_of(data, proj.town).1.to_string(),
            code_name(proj.kind.as_str(), lang).to_string(),
            year_label(proj.year),
            code_name(proj.eligibility.as_str(), lang).to_string(),
            proj.amount.grouped(),
            opt_yuan(proj.request),
            proj.binding.map_or("—", |c| c.as_str()).to_string(),
            joined(&reasons(proj), ", "),
            proj.beds.to_string(),
            opt_yuan(proj.per_bed),
        ]);
    }
    // Reasons and cap are words: left-aligned like the other text columns.
    for i in [8, 9] {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Left);
        }
    }
    let _ = writeln!(s, "{t}");
    s.push_str(words::SUBSIDY_AMOUNT_NOTES.get(lang));
    s.push('\n');
    let used: BTreeSet<Condition> = rows.iter().flat_map(|(p, _)| reasons(p)).collect();
    for r in used {
        let _ = writeln!(s, "  {}: {}", r, r.describe(lang));
    }
    let concerns: BTreeSet<Concern> = rows.iter().flat_map(|(p, _)| p.concerns.clone()).collect();
    for c in concerns {
        let ids: Vec<&str> = rows
            .iter()
            .filter(|(p, _)| p.concerns.contains(&c))
            .map(|(_, site)| site.id.as_str())
            .collect();
        let _ = writeln!(
            s,
            "{}",
            words::SUBSIDY_CHECK.fill(
                lang,
                &[
                    ("code", &c),
                    ("meaning", &c.describe(lang)),
                    ("ids", &ids.join(", ")),
                ]
            )
        );
    }

    let totals = &outcome.totals;
    let town_rows = totals
        .by_town
        .iter()
        .map(|(&t, tally)| (town_of(data, t).1.to_string(), tally));
    s.push_str(&totals_table(
        lang,
        words::SUBSIDY_BY_TOWN,
        words::COL_TOWN,
        town_rows,
        &totals.all,
    ));
    let year_rows = totals
        .by_year
        .iter()
        .map(|(&y, tally)| (year_label(y), tally));
    s.push_str(&totals_table(
        lang,
        words::SUBSIDY_BY_YEAR,
        words::COL_YEAR,
        year_rows,
        &totals.all,
    ));
    let kind_rows = totals
        .by_kind
        .iter()
        .map(|(k, tally)| (code_name(k.as_str(), lang).to_string(), tally));
    s.push_str(&totals_table(
        lang,
        words::SUBSIDY_BY_KIND,
        words::COL_KIND,
        kind_rows,
        &totals.all,
    ));
    s
}

fn pool_line(outcome: &ProgrammeOutcome, lang: Lang) -> String {
    let Some(pool) = &outcome.pool else {
        return words::NONE.get(lang).to_string();
    };
    let mut s = words::SUBSIDY_POOL_TEXT.fill(
        lang,
        &[
            ("total", &pool.total.grouped()),
            ("rule", &reading::pool_rule_name(pool.rule)),
            ("requested", &pool.requested.grouped()),
            ("granted", &pool.granted.grouped()),
            ("left", &pool.unallocated.grouped()),
        ],
    );
    if pool.short {
        s.push_str(words::SUBSIDY_POOL_SHORT.get(lang));
    }
    s.push_str(&words::SUBSIDY_POOL_POTENTIAL.fill(
        lang,
        &[
            ("requested", &pool.potential_requested.grouped()),
            ("granted", &pool.potential_granted.grouped()),
        ],
    ));
    s
}

fn totals_table<'t>(
    lang: Lang,
    title: crate::catalogue::Phrase,
    key: crate::catalogue::Phrase,
    rows: impl Iterator<Item = (String, &'t Tally)>,
    all: &Tally,
) -> String {
    let header = [
        key,
        words::COL_ELIGIBLE,
        words::COL_CERTAIN_YUAN,
        words::COL_POTENTIAL,
        words::COL_POTENTIAL_YUAN,
        words::COL_EXPECTED_YUAN,
        words::COL_CEILING_YUAN,
        words::COL_UNFUNDED,
        words::COL_INELIGIBLE,
    ]
    .map(|p| p.get(lang));
    let mut t = new_table(&header, 1);
    let cells = |label: String, x: &Tally| {
        vec![
            label,
            x.eligible_projects.to_string(),
            x.subsidy_eligible.grouped(),
            x.potential_projects.to_string(),
            x.subsidy_potential.grouped(),
            x.subsidy_expected.grouped(),
            x.subsidy().grouped(),
            x.unfunded_projects.to_string(),
            x.ineligible_projects.to_string(),
        ]
    };
    for (label, tally) in rows {
        t.add_row(cells(label, tally));
    }
    t.add_row(cells(words::TOTAL.get(lang).to_string(), all));
    format!("\n{}\n{t}\n", title.get(lang))
}

/// One row of `subsidy_projects.csv`.
#[derive(Serialize, Default)]
struct ProjectRow<'a> {
    programme: &'a str,
    site_id: &'a str,
    name: &'a str,
    town_code: &'a str,
    town: &'a str,
    kind: &'a str,
    site_status: &'a str,
    year: Option<i32>,
    eligibility: &'a str,
    amount_yuan: String,
    expected_yuan: String,
    request_yuan: Option<String>,
    rate_limit_yuan: Option<String>,
    cost_share_limit_yuan: Option<String>,
    cost_share_cap: Option<String>,
    binding_cap: Option<&'a str>,
    failed: String,
    pending: String,
    beds: u64,
    per_bed_yuan: Option<String>,
    concerns: String,
    year_basis: &'a str,
    area_basis: &'a str,
    rounding: &'a str,
}

/// The count and money columns of every totals CSV, after its key columns.
const TALLY_COLUMNS: [&str; 9] = [
    "eligible_projects",
    "eligible_yuan",
    "potential_projects",
    "potential_yuan",
    "expected_yuan",
    "ceiling_yuan",
    "unfunded_projects",
    "ineligible_projects",
    "ineligible_request_yuan",
];

/// A totals CSV: its key columns then [`TALLY_COLUMNS`]. Rows are plain string records (the
/// first is the header) because the key columns differ from file to file.
struct TotalsCsv {
    rows: Vec<Vec<String>>,
}

impl TotalsCsv {
    fn new(keys: &[&str]) -> TotalsCsv {
        let header = keys.iter().chain(&TALLY_COLUMNS).map(|c| c.to_string());
        TotalsCsv {
            rows: vec![header.collect()],
        }
    }

    fn push(&mut self, keys: Vec<String>, t: &Tally) {
        let mut row = keys;
        row.extend([
            t.eligible_projects.to_string(),
            t.subsidy_eligible.to_string(),
            t.potential_projects.to_string(),
            t.subsidy_potential.to_string(),
            t.subsidy_expected.to_string(),
            t.subsidy().to_string(),
            t.unfunded_projects.to_string(),
            t.ineligible_projects.to_string(),
            t.ineligible_request.to_string(),
        ]);
        self.rows.push(row);
    }
}

/// `subsidy_projects.csv`, `subsidy_by_town.csv`, `subsidy_by_year.csv`, `subsidy_by_kind.csv`
/// and `subsidy_reading.csv` (every setting of every programme, and the estimate's assumptions).
pub fn subsidy_outputs(
    outcomes: &[ProgrammeOutcome],
    data: &Dataset,
    settings: &SubsidySettings,
    mut out: Outputs,
) -> Outputs {
    let mut reading_rows = vec![vec![
        "programme".to_string(),
        "setting".to_string(),
        "value".to_string(),
    ]];
    for o in outcomes {
        for (setting, value) in reading::settings(o.programme) {
            reading_rows.push(vec![o.programme.id.clone(), setting.to_string(), value]);
        }
    }
    for (setting, parts) in [
        ("review_pass_rate", settings.review_pass_rate),
        ("award_share", settings.award_share),
    ] {
        reading_rows.push(vec![
            String::new(),
            setting.to_string(),
            crate::numbers::fixed(i64::from(parts), 4, false),
        ]);
    }
    let mut projects = Vec::new();
    let mut towns = TotalsCsv::new(&["programme", "town_code", "town"]);
    let mut years = TotalsCsv::new(&["programme", "year"]);
    let mut kinds = TotalsCsv::new(&["programme", "kind"]);
    for o in outcomes {
        let p = o.programme;
        let id = p.id.as_str();
        for (proj, site) in by_id(o, data) {
            let (town_code, town) = town_of(data, proj.town);
            projects.push(ProjectRow {
                programme: id,
                site_id: &site.id,
                name: &site.name,
                town_code,
                town,
                kind: proj.kind.as_str(),
                site_status: site.status.as_str(),
                year: proj.year,
                eligibility: proj.eligibility.as_str(),
                amount_yuan: proj.amount.to_string(),
                expected_yuan: proj.expected.to_string(),
                request_yuan: proj.request.map(|f| f.to_string()),
                rate_limit_yuan: proj.rate_limit.map(|f| f.to_string()),
                cost_share_limit_yuan: proj.cost_share_limit.map(|f| f.to_string()),
                cost_share_cap: p
                    .rate_for(proj.kind)
                    .and_then(|r| r.cost_share_cap)
                    .map(reading::share_percent),
                binding_cap: proj.binding.map(|c| c.as_str()),
                failed: joined(&proj.failed, ";"),
                pending: joined(&proj.pending, ";"),
                beds: proj.beds,
                per_bed_yuan: proj.per_bed.map(|f| f.to_string()),
                concerns: proj
                    .concerns
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
                year_basis: p.year_basis.as_str(),
                area_basis: p.area_basis.as_str(),
                rounding: reading::rounding_name(p.rounding),
            });
        }
        for (&t, tally) in &o.totals.by_town {
            let (code, name) = town_of(data, t);
            towns.push(
                vec![id.to_string(), code.to_string(), name.to_string()],
                tally,
            );
        }
        for (&y, tally) in &o.totals.by_year {
            let year = y.map(|y| y.to_string()).unwrap_or_default();
            years.push(vec![id.to_string(), year], tally);
        }
        for (k, tally) in &o.totals.by_kind {
            kinds.push(vec![id.to_string(), k.to_string()], tally);
        }
    }
    out.add_csv("subsidy_projects.csv", projects);
    out.add_csv("subsidy_by_town.csv", towns.rows);
    out.add_csv("subsidy_by_year.csv", years.rows);
    out.add_csv("subsidy_by_kind.csv", kinds.rows);
    out.add_csv("subsidy_reading.csv", reading_rows);
    out
}

/// `subsidy --json`'s `summary`: the totals of each programme, money in yuan as exact decimal
/// text like the CSV files.
#[derive(Debug, Serialize)]
pub struct SubsidySummary {
    /// One per programme of the policy, in its order.
    pub programmes: Vec<ProgrammeSummary>,
}

/// One programme's totals.
#[derive(Debug, Serialize)]
pub struct ProgrammeSummary {
    /// The programme's id.
    pub programme: String,
    /// Projects that meet every condition.
    pub eligible_projects: u64,
    /// Projects that would once open conditions are settled.
    pub potential_projects: u64,
    /// Eligible projects the pool cannot pay.
    pub unfunded_projects: u64,
    /// Projects that fail a condition.
    pub ineligible_projects: u64,
    /// Certain subsidy, yuan.
    pub certain_yuan: String,
    /// Expected subsidy, yuan.
    pub expected_yuan: String,
    /// Certain and potential subsidy, yuan.
    pub ceiling_yuan: String,
}

impl SubsidySummary {
    /// The summary of `outcomes`.
    pub fn of(outcomes: &[ProgrammeOutcome]) -> SubsidySummary {
        let programmes = outcomes
            .iter()
            .map(|o| {
                let t = &o.totals.all;
                ProgrammeSummary {
                    programme: o.programme.id.clone(),
                    eligible_projects: t.eligible_projects,
                    potential_projects: t.potential_projects,
                    unfunded_projects: t.unfunded_projects,
                    ineligible_projects: t.ineligible_projects,
                    certain_yuan: t.subsidy_eligible.to_string(),
                    expected_yuan: t.subsidy_expected.to_string(),
                    ceiling_yuan: (t.subsidy_eligible + t.subsidy_potential).to_string(),
                }
            })
            .collect();
        SubsidySummary { programmes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_groups_thousands() {
        assert_eq!(Fen(0).grouped(), "0.00");
        assert_eq!(Fen(123_456_789).grouped(), "1,234,567.89");
        assert_eq!(Fen(100_000).grouped(), "1,000.00");
        assert_eq!(Fen(-100_000_050).grouped(), "-1,000,000.50");
    }
}
