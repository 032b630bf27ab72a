//! The shortage explained for people: each town's unhoused, the beds short within the cutoff
//! and what each change tried would house, as a terminal report and `explain.csv`; and the
//! best change of each town for the allocate summary.

use crate::capacity;
use crate::catalogue::{Lang, words};
use crate::explain::{Basis, Change, ChangeEffect, Explanation, TownShortage};
use crate::io::Outputs;
use crate::io::workbook::text_width;
use crate::model::{Loaded, SiteKind};
use crate::numbers::{int, signed};
use crate::report::terminal::{scenario_name, table};
use serde::Serialize;
use std::io::Write;

const EXPLAIN_CSV: &str = "explain.csv";

/// A change in a planner's words.
pub fn change_words(change: Change, loaded: &Loaded, lang: Lang) -> String {
    let settings = &loaded.scenario.settings;
    match change {
        Change::WiderCutoff { extra_km } => {
            let cutoff = settings.allocation.cutoff_km + f64::from(extra_km);
            words::CHANGE_WIDER_CUTOFF.fill(lang, &[("extra", &extra_km), ("cutoff", &cutoff)])
        }
        Change::OtherStandard { standard } => {
            words::CHANGE_OTHER_STANDARD.fill(lang, &[("standard", &standard)])
        }
        Change::BuildCandidate { site } => match loaded.scenario.dataset.sites.get(site) {
            Some(s) => {
                let beds = int(capacity::beds(s, settings));
                words::CHANGE_BUILD_CANDIDATE
                    .fill(lang, &[("site", &s.id), ("name", &s.name), ("beds", &beds)])
            }
            None => String::new(),
        },
        Change::ShareSpareBeds { .. } => {
            let employer = change.employer(loaded).unwrap_or("");
            let (dorms, beds) = loaded
                .scenario
                .dataset
                .sites
                .iter()
                .filter(|s| s.kind == SiteKind::EnterpriseDormitory)
                .filter(|s| s.employer.as_deref() == Some(employer))
                .filter(|s| capacity::in_supply(s, settings))
                .fold((0u64, 0u64), |(n, b), s| {
                    (n + 1, b + capacity::beds(s, settings))
                });
            words::CHANGE_SHARE_SPARE_BEDS.fill(
                lang,
                &[
                    ("employer", &employer),
                    ("dorms", &dorms),
                    ("beds", &int(beds)),
                ],
            )
        }
        Change::RaiseBudget { extra } => {
            let budget = settings.plan.budget.map_or(extra, |b| b + extra);
            words::CHANGE_RAISE_BUDGET.fill(
                lang,
                &[
                    ("extra", &extra.whole_yuan_grouped()),
                    ("budget", &budget.whole_yuan_grouped()),
                ],
            )
        }
    }
}

/// A gain as the tables show it: signed, or "plan infeasible".
fn gain_text(gain: Option<i64>, lang: Lang) -> String {
    gain.map_or_else(|| words::EXPLAIN_INFEASIBLE.get(lang).to_string(), signed)
}

/// The terminal report: the scenario and what was solved, every change with what it houses
/// overall, then each town shown with its changes and its best one.
pub fn explain_report(
    out: &mut dyn Write,
    lang: Lang,
    loaded: &Loaded,
    expl: &Explanation,
    only: Option<usize>,
) -> std::io::Result<()> {
    let sc = &loaded.scenario;
    let standard = sc.settings.standard.plan;
    let basis = match (expl.basis, sc.settings.plan.budget) {
        (Basis::Plan, Some(b)) => words::EXPLAIN_BASIS_PLAN.fill(
            lang,
            &[("standard", &standard), ("budget", &b.whole_yuan_grouped())],
        ),
        _ => words::EXPLAIN_BASIS_SUPPLY.fill(lang, &[("standard", &standard)]),
    };
    let name = scenario_name(lang, sc);
    writeln!(
        out,
        "{}",
        words::EXPLAIN_TITLE.fill(lang, &[("name", &name), ("basis", &basis)])
    )?;
    writeln!(out, "{}", words::EXPLAIN_NOTES.get(lang))?;
    writeln!(out)?;
    if expl.solved.is_empty() {
        writeln!(out, "{}", words::EXPLAIN_NONE_TRIED.get(lang))?;
    } else {
        let n = expl.solved.len();
        writeln!(out, "{}", words::EXPLAIN_TRIED.fill(lang, &[("n", &n)]))?;
        let mut t = table(
            &[
                words::COL_CHANGE.get(lang),
                words::COL_MORE_OVERALL.get(lang),
            ],
            &[false, true],
        );
        let before: u64 = expl.towns.iter().map(|t| t.housed).sum();
        for (change, housed) in &expl.solved {
            let gain = housed.as_ref().map(|h| {
                let after: u64 = h.iter().sum();
                i64::try_from(after).unwrap_or(i64::MAX) - i64::try_from(before).unwrap_or(0)
            });
            t.add_row(vec![
                change_words(*change, loaded, lang),
                gain_text(gain, lang),
            ]);
        }
        writeln!(out, "{t}")?;
    }
    let mut any = false;
    for town in expl.shown(only) {
        any = true;
        writeln!(out)?;
        print_town(out, lang, loaded, town)?;
    }
    if !any {
        writeln!(out)?;
        writeln!(out, "{}", words::EXPLAIN_EVERY_TOWN_HOUSED.get(lang))?;
    }
    Ok(())
}

fn print_town(
    out: &mut dyn Write,
    lang: Lang,
    loaded: &Loaded,
    s: &TownShortage,
) -> std::io::Result<()> {
    let Some(town) = loaded.scenario.dataset.towns.get(s.town) else {
        return Ok(());
    };
    let names: [(&str, &dyn std::fmt::Display); 3] = [
        ("code", &town.code),
        ("zh", &town.name_zh),
        ("en", &town.name_en),
    ];
    if s.unhoused == 0 {
        return writeln!(out, "{}", words::EXPLAIN_NOBODY_UNHOUSED.fill(lang, &names));
    }
    let (unhoused, short) = (int(s.unhoused), int(s.beds_short));
    let mut values = names.to_vec();
    values.extend([
        ("unhoused", &unhoused as &dyn std::fmt::Display),
        ("short", &short),
    ]);
    writeln!(out, "{}", words::EXPLAIN_TOWN.fill(lang, &values))?;
    if !s.changes.is_empty() {
        let mut t = table(
            &[
                words::COL_CHANGE.get(lang),
                words::COL_MORE_HERE.get(lang),
                words::COL_MORE_OVERALL.get(lang),
            ],
            &[false, true, true],
        );
        for c in &s.changes {
            t.add_row(vec![
                change_words(c.change, loaded, lang),
                gain_text(c.town_gain(), lang),
                gain_text(c.total_gain(), lang),
            ]);
        }
        writeln!(out, "{t}")?;
    }
    writeln!(out, "{}", best_words(s, loaded, lang, &words::EXPLAIN_BEST))
}

/// The town's best change in words, or that none houses more.
fn best_words(
    s: &TownShortage,
    loaded: &Loaded,
    lang: Lang,
    phrase: &crate::catalogue::Phrase,
) -> String {
    match s.best_change() {
        Some(ChangeEffect {
            change,
            gain: Some((here, overall)),
        }) => phrase.fill(
            lang,
            &[
                ("change", &change_words(*change, loaded, lang)),
                ("here", &int(here.unsigned_abs())),
                ("overall", &signed(*overall)),
            ],
        ),
        _ => words::EXPLAIN_NO_BEST.get(lang).to_string(),
    }
}

/// The allocate summary's last lines: each town with unhoused people and its best change
/// (nothing when every town houses all its people).
pub fn print_best_changes(
    out: &mut dyn Write,
    lang: Lang,
    loaded: &Loaded,
    expl: &Explanation,
) -> std::io::Result<()> {
    let towns: Vec<&TownShortage> = expl.shown(None).collect();
    if towns.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", words::BEST_CHANGES_HEADING.get(lang))?;
    // The towns no change helps, in one line after those it does.
    let (helped, not): (Vec<&TownShortage>, Vec<&TownShortage>) = towns
        .into_iter()
        .partition(|s| matches!(s.best_change(), Some(ChangeEffect { gain: Some(_), .. })));
    for s in helped {
        let Some(town) = loaded.scenario.dataset.towns.get(s.town) else {
            continue;
        };
        // Chinese characters take two columns of a terminal.
        let pad = 10usize.saturating_sub(text_width(&town.name_zh));
        writeln!(
            out,
            "  {} {}{}  {}",
            town.code,
            town.name_zh,
            " ".repeat(pad),
            best_words(s, loaded, lang, &words::BEST_CHANGE_LINE)
        )?;
    }
    if !not.is_empty() {
        let names: Vec<&str> = not
            .iter()
            .filter_map(|s| loaded.scenario.dataset.towns.get(s.town))
            .map(|t| t.name_zh.as_str())
            .collect();
        let names = names.join(words::LIST_SEPARATOR.get(lang));
        writeln!(
            out,
            "  {}",
            words::EXPLAIN_NO_BEST_IN.fill(lang, &[("towns", &names)])
        )?;
    }
    Ok(())
}

/// One row of `explain.csv`: a town and one change.
#[derive(Serialize, Default)]
struct ExplainRow<'a> {
    town_code: &'a str,
    town: &'a str,
    demand: u64,
    housed: u64,
    unhoused: u64,
    beds_short: u64,
    change: &'a str,
    extra_km: Option<u32>,
    standard_m2: Option<String>,
    site_id: Option<&'a str>,
    employer: Option<&'a str>,
    extra_budget_yuan: Option<String>,
    housed_gain: Option<i64>,
    housed_gain_total: Option<i64>,
    plan_infeasible: bool,
    best: bool,
}

/// `explain.csv`: one row per town shown and change.
pub fn explain_outputs(
    loaded: &Loaded,
    expl: &Explanation,
    only: Option<usize>,
    mut out: Outputs,
) -> Outputs {
    let data = &loaded.scenario.dataset;
    let rows = expl.shown(only).flat_map(|s| {
        let town = data.towns.get(s.town);
        s.changes.iter().enumerate().map(move |(i, c)| {
            let mut row = ExplainRow {
                town_code: town.map_or("", |t| t.code.as_str()),
                town: town.map_or("", |t| t.name_zh.as_str()),
                demand: s.demand,
                housed: s.housed,
                unhoused: s.unhoused,
                beds_short: s.beds_short,
                change: c.change.code(),
                housed_gain: c.town_gain(),
                housed_gain_total: c.total_gain(),
                plan_infeasible: c.gain.is_none(),
                best: s.best == Some(i),
                ..ExplainRow::default()
            };
            match c.change {
                Change::WiderCutoff { extra_km } => row.extra_km = Some(extra_km),
                Change::OtherStandard { standard } => row.standard_m2 = Some(standard.to_string()),
                Change::BuildCandidate { site } => {
                    row.site_id = data.sites.get(site).map(|s| s.id.as_str());
                }
                Change::RaiseBudget { extra } => row.extra_budget_yuan = Some(extra.to_string()),
                Change::ShareSpareBeds { .. } => row.employer = c.change.employer(loaded),
            }
            row
        })
    });
    out.add_csv(EXPLAIN_CSV, rows);
    out
}
