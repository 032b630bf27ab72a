//! Scenario metrics for people: the sweep table, the comparison of two scenarios and the
//! ranking of sites within towns, as terminal tables and CSV files.

use crate::catalogue::{Lang, words};
use crate::io::{Outputs, ScenarioRef};
use crate::metrics::{
    self, Comparison, Measure, RankKey, ScenarioMetrics, SiteMetrics, TownRanking, Unit,
};
use crate::model::{CostUnit, Fen};
use crate::numbers::int;
use crate::report::terminal;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

// ---- sweep ----

/// The sweep for the terminal: one row per scenario, base first.
pub fn sweep_report(
    out: &mut dyn Write,
    lang: Lang,
    path: &Path,
    metrics: &[ScenarioMetrics],
) -> std::io::Result<()> {
    let mut header = vec![
        words::COL_VARIANT.get(lang),
        words::COL_STANDARD_M2.get(lang),
    ];
    header.extend(Measure::ALL.iter().map(|m| m.label(lang)));
    let mut numeric = vec![false, true];
    numeric.extend([true; Measure::ALL.len()]);
    let mut t = terminal::table(&header, &numeric);
    for m in metrics {
        let mut row = vec![label(m), m.standard.to_string()];
        row.extend(Measure::ALL.iter().map(|x| x.show(&m.total)));
        t.add_row(row);
    }
    let name = metrics.first().map_or("", |m| m.name.as_str());
    let variants = metrics.len().saturating_sub(1);
    writeln!(
        out,
        "{}",
        words::SWEEP_TITLE.fill(
            lang,
            &[("name", &name), ("file", &path.display()), ("n", &variants)]
        )
    )?;
    writeln!(out, "{t}")?;
    writeln!(out, "{}", metrics::notes(lang))?;
    if metrics.iter().any(|m| !m.proven) {
        writeln!(out, "{}", words::NOT_PROVEN_STAR.get(lang))?;
    }
    Ok(())
}

fn label(m: &ScenarioMetrics) -> String {
    let star = if m.proven { "" } else { " *" };
    format!("{}{star}", m.label())
}

/// `sweep.csv` and `sweep_towns.csv`.
pub fn sweep_outputs(metrics: &[ScenarioMetrics], mut out: Outputs) -> Outputs {
    let columns = Measure::ALL.iter().map(|m| m.column().to_string());
    let header: Vec<String> = ["variant", "standard_m2"]
        .into_iter()
        .map(String::from)
        .chain(columns.clone())
        .collect();
    let mut totals = vec![header];
    let header: Vec<String> = ["variant", "town_code", "town"]
        .into_iter()
        .map(String::from)
        .chain(columns)
        .collect();
    let mut towns = vec![header];
    for m in metrics {
        let mut row = vec![m.label().to_string(), m.standard.to_string()];
        row.extend(Measure::ALL.iter().map(|x| x.csv(&m.total)));
        totals.push(row);
        for t in &m.towns {
            let mut row = vec![m.label().to_string(), t.code.clone(), t.name_zh.clone()];
            row.extend(Measure::ALL.iter().map(|x| x.csv(&t.figures)));
            towns.push(row);
        }
    }
    out.add_csv("sweep.csv", totals);
    out.add_csv("sweep_towns.csv", towns);
    out
}

// ---- compare ----

/// The comparison for the terminal: both sides, the totals and the differences by town.
pub fn compare_report(
    out: &mut dyn Write,
    lang: Lang,
    sides: [(&ScenarioRef, &ScenarioMetrics); 2],
    cmp: &Comparison,
) -> std::io::Result<()> {
    print_compare_header(out, lang, sides)?;
    print_totals(out, lang, cmp)?;
    print_towns(out, lang, cmp)
}

const TOTALS_CSV: &str = "compare_totals.csv";
const TOWNS_CSV: &str = "compare_towns.csv";

/// The measures of the per-town terminal table (all of them are in the CSV).
const TOWN_COLUMNS: [Measure; 8] = [
    Measure::Beds,
    Measure::Housed,
    Measure::Unhoused,
    Measure::MeanCommute,
    Measure::SubsidyEligible,
    Measure::SubsidyPotential,
    Measure::NetCost,
    Measure::NetCostPerBed,
];

fn print_compare_header(
    out: &mut dyn Write,
    lang: Lang,
    sides: [(&ScenarioRef, &ScenarioMetrics); 2],
) -> std::io::Result<()> {
    writeln!(out, "{}", words::COMPARE_TITLE.get(lang))?;
    for (tag, (r, m)) in ["A", "B"].iter().zip(sides) {
        let which = m.variant.as_deref().map_or_else(
            || words::BASE.get(lang).to_string(),
            |v| words::VARIANT_NAMED.fill(lang, &[("name", &v)]),
        );
        let proof = if m.proven {
            ""
        } else {
            words::NOT_PROVEN_NOTE.get(lang)
        };
        writeln!(
            out,
            "{}",
            words::COMPARE_SIDE.fill(
                lang,
                &[
                    ("tag", tag),
                    ("label", &r.label),
                    ("name", &m.name),
                    ("which", &which),
                    ("standard", &m.standard),
                    ("proof", &proof),
                ]
            )
        )?;
    }
    Ok(())
}

fn print_totals(out: &mut dyn Write, lang: Lang, cmp: &Comparison) -> std::io::Result<()> {
    let mut t = terminal::table(
        &[words::COL_MEASURE.get(lang), "A", "B", "B − A"],
        &[false, true, true, true],
    );
    for row in &cmp.totals {
        let unit = row.measure.unit();
        t.add_row(vec![
            row.measure.label(lang).to_string(),
            unit.show(row.a, false),
            unit.show(row.b, false),
            unit.show(row.delta(), true),
        ]);
    }
    writeln!(out)?;
    writeln!(out, "{}", words::TOTALS.get(lang))?;
    writeln!(out, "{t}")?;
    writeln!(out, "{}", metrics::notes(lang))
}

fn print_towns(out: &mut dyn Write, lang: Lang, cmp: &Comparison) -> std::io::Result<()> {
    let mut header = vec![words::COL_CODE.get(lang), words::COL_TOWN.get(lang)];
    header.extend(TOWN_COLUMNS.iter().map(|m| m.label(lang)));
    let mut numeric = vec![false, false];
    numeric.extend([true; TOWN_COLUMNS.len()]);
    let mut t = terminal::table(&header, &numeric);
    for town in &cmp.towns {
        let mut cells = vec![town.code.clone(), town_name(lang, town)];
        for m in TOWN_COLUMNS {
            let row = town.rows.iter().find(|r| r.measure == m);
            cells.push(m.unit().show(row.and_then(|r| r.delta()), true));
        }
        t.add_row(cells);
    }
    writeln!(out)?;
    writeln!(out, "{}", words::COMPARE_BY_TOWN_HEADING.get(lang))?;
    writeln!(out, "{t}")
}

fn town_name(lang: Lang, t: &metrics::TownRows) -> String {
    let only = match (t.in_a, t.in_b) {
        (true, false) => words::ONLY_IN_A.get(lang),
        (false, true) => words::ONLY_IN_B.get(lang),
        _ => "",
    };
    format!("{} {}{only}", t.name_zh, t.name_en)
}

/// `compare_totals.csv` and `compare_towns.csv`.
pub fn compare_outputs(cmp: &Comparison, mut out: Outputs) -> Outputs {
    let cells = |row: &metrics::Row| {
        let unit: Unit = row.measure.unit();
        [unit.csv(row.a), unit.csv(row.b), unit.csv(row.delta())]
    };
    let mut totals = vec![
        vec!["measure", "a", "b", "b_minus_a"]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>(),
    ];
    for row in &cmp.totals {
        let mut r = vec![row.measure.column().to_string()];
        r.extend(cells(row));
        totals.push(r);
    }
    let mut towns = vec![
        ["town_code", "town", "measure", "a", "b", "b_minus_a"]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>(),
    ];
    for town in &cmp.towns {
        for row in &town.rows {
            let mut r = vec![
                town.code.clone(),
                town.name_zh.clone(),
                row.measure.column().to_string(),
            ];
            r.extend(cells(row));
            towns.push(r);
        }
    }
    out.add_csv(TOTALS_CSV, totals);
    out.add_csv(TOWNS_CSV, towns);
    out
}

// ---- rank ----

const RANK_SITES_CSV: &str = "rank_sites.csv";

/// The ranking for the terminal: the scenario and key, then each town's sites in rank order.
pub fn rank_report(
    out: &mut dyn Write,
    lang: Lang,
    scenario: &ScenarioRef,
    m: &ScenarioMetrics,
    key: RankKey,
    ranking: &[TownRanking],
) -> std::io::Result<()> {
    print_rank_header(out, lang, scenario, m, key)?;
    ranking.iter().try_for_each(|t| print_town(out, lang, m, t))
}

fn print_rank_header(
    out: &mut dyn Write,
    lang: Lang,
    scenario: &ScenarioRef,
    m: &ScenarioMetrics,
    key: RankKey,
) -> std::io::Result<()> {
    let which = m.variant.as_deref().map_or_else(String::new, |v| {
        words::COMMA_VARIANT.fill(lang, &[("name", &v)])
    });
    writeln!(
        out,
        "{}",
        words::RANK_TITLE.fill(
            lang,
            &[
                ("name", &m.name),
                ("label", &scenario.label),
                ("which", &which),
                ("standard", &m.standard),
            ]
        )
    )?;
    writeln!(
        out,
        "{}",
        words::RANKED_BY.fill(lang, &[("key", &key.describe(lang))])
    )?;
    writeln!(out, "{}", words::RANK_NOTES.get(lang))?;
    let (_, per) = m.cost_unit.large();
    writeln!(
        out,
        "{}",
        words::RANK_SHADOW_NOTE.fill(
            lang,
            &[("unit", &m.cost_unit.large_words(lang)), ("per", &per)]
        )
    )?;
    if !m.proven {
        writeln!(out, "{}", words::RANK_NOT_PROVEN.get(lang))?;
    }
    Ok(())
}

fn print_town(
    out: &mut dyn Write,
    lang: Lang,
    m: &ScenarioMetrics,
    ranking: &TownRanking,
) -> std::io::Result<()> {
    let mut t = terminal::table(
        &[
            words::COL_RANK.get(lang),
            words::COL_SITE.get(lang),
            words::COL_NAME.get(lang),
            words::COL_KIND.get(lang),
            words::COL_BEDS.get(lang),
            words::COL_NET_COST_PER_BED.get(lang),
            words::COL_SUBSIDY_PER_BED.get(lang),
            words::COL_UTILISATION.get(lang),
            words::COL_COMMUTE_KM.get(lang),
            &format!(
                "{} {}",
                words::COL_SHADOW_PRICE.get(lang),
                m.cost_unit.large().0
            ),
        ],
        &[
            true, false, false, false, true, true, true, true, true, true,
        ],
    );
    for (i, s) in ranking.sites.iter().enumerate() {
        t.add_row(vec![
            (i + 1).to_string(),
            s.id.clone(),
            s.name.clone(),
            crate::catalogue::words::code_name(s.kind.as_str(), lang).to_string(),
            int(s.beds),
            money(s.net_cost_per_bed()),
            money(s.subsidy_per_bed()),
            utilisation(s),
            Unit::Metres.show(metres(s.mean_commute_m), false),
            m.cost_unit.show_price(s.shadow_price, true),
        ]);
    }
    let town = &m.towns[ranking.town];
    writeln!(out)?;
    writeln!(out, "{} {} {}", town.code, town.name_zh, town.name_en)?;
    if ranking.sites.is_empty() {
        return writeln!(out, "{}", words::RANK_NO_SITE.get(lang));
    }
    writeln!(out, "{t}")
}

fn utilisation(s: &SiteMetrics) -> String {
    match s.utilisation_tenths().and_then(|x| i64::try_from(x).ok()) {
        Some(t) => format!("{}%", Unit::Tenths.show(Some(t), false)),
        None => "—".to_string(),
    }
}

fn money(f: Option<Fen>) -> String {
    Unit::Fen.show(f.map(|f| f.0), false)
}

fn metres(m: Option<u64>) -> Option<i64> {
    m.and_then(|m| i64::try_from(m).ok())
}

#[derive(Serialize, Default)]
struct SiteRow<'a> {
    town_code: &'a str,
    town: &'a str,
    rank: usize,
    site_id: &'a str,
    name: &'a str,
    kind: &'a str,
    status: &'a str,
    beds: u64,
    occupants: u64,
    cost_yuan: Option<String>,
    subsidy_eligible_yuan: String,
    subsidy_potential_yuan: String,
    net_cost_yuan: Option<String>,
    net_cost_per_bed_yuan: Option<String>,
    subsidy_per_bed_yuan: Option<String>,
    utilisation_pct: String,
    mean_commute_km: String,
    shadow_price_km: String,
}

/// `rank_sites.csv`.
pub fn rank_outputs(m: &ScenarioMetrics, ranking: &[TownRanking], mut out: Outputs) -> Outputs {
    let unit = m.cost_unit;
    let rows = ranking.iter().flat_map(|r| {
        let town = &m.towns[r.town];
        r.sites
            .iter()
            .enumerate()
            .map(move |(i, s)| site_row(town.code.as_str(), town.name_zh.as_str(), i + 1, s, unit))
    });
    out.add_csv_renamed(RANK_SITES_CSV, rows, |name| match name {
        "shadow_price_km" => unit.column(name),
        _ => name.to_string(),
    });
    out
}

fn site_row<'a>(
    town_code: &'a str,
    town: &'a str,
    rank: usize,
    s: &'a SiteMetrics,
    unit: CostUnit,
) -> SiteRow<'a> {
    let yuan = |f: Option<Fen>| f.map(|f| f.to_string());
    SiteRow {
        town_code,
        town,
        rank,
        site_id: &s.id,
        name: &s.name,
        kind: s.kind.as_str(),
        status: s.status.as_str(),
        beds: s.beds,
        occupants: s.occupants,
        cost_yuan: yuan(s.cost),
        subsidy_eligible_yuan: s.subsidy_eligible.to_string(),
        subsidy_potential_yuan: s.subsidy_potential.to_string(),
        net_cost_yuan: yuan(s.net_cost()),
        net_cost_per_bed_yuan: yuan(s.net_cost_per_bed()),
        subsidy_per_bed_yuan: yuan(s.subsidy_per_bed()),
        utilisation_pct: Unit::Tenths
            .csv(s.utilisation_tenths().and_then(|x| i64::try_from(x).ok())),
        mean_commute_km: Unit::Metres.csv(metres(s.mean_commute_m)),
        shadow_price_km: unit.show_price(s.shadow_price, false),
    }
}
