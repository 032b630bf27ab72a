//! `dormplan rank SCENARIO`: the sites of each town ranked by one measure, with all five shown:
//! net cost per bed, subsidy per bed, utilisation, mean commute of the residents and shadow
//! price. The scenario may be a variant, written `FILE#VARIANT` as for `compare`.

use super::{Outcome, finish};
use crate::diag::{Code, Location, Problem, Problems};
use crate::error::Error;
use crate::io::Outputs;
use crate::io::ScenarioRef;
use crate::metrics::{self, CostUnit, RankKey, ScenarioMetrics, SiteMetrics, TownRanking, Unit};
use crate::model::{Fen, Town};
use crate::numbers::{fixed, int};
use crate::report::terminal;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// Options of `dormplan rank`.
#[derive(Debug, Clone, Default)]
pub struct RankOptions {
    /// Only this town (code, Chinese name or pinyin/English name).
    pub town: Option<String>,
    /// The measure to rank by.
    pub by: RankKey,
    /// Write `rank_sites.csv` here.
    pub out_dir: Option<PathBuf>,
}

const SITES_CSV: &str = "rank_sites.csv";

/// Allocates the scenario, ranks the sites of each town (or of one) and prints them; with an
/// output folder, writes `rank_sites.csv`.
pub fn rank(scenario: &ScenarioRef, opts: &RankOptions, out: &mut dyn Write) -> Outcome {
    let loaded = scenario.load()?;
    let towns = &loaded.scenario.dataset.towns;
    let only = match &opts.town {
        Some(q) => Some(
            crate::model::find_town(towns, q).ok_or_else(|| unknown_town(scenario, q, towns))?,
        ),
        None => None,
    };
    let metrics = metrics::measure(&loaded)?;
    let ranking = metrics::rank_by_town(&metrics, opts.by, only);
    let report = |out: &mut dyn Write| {
        print_header(out, scenario, &metrics, opts.by)?;
        ranking
            .iter()
            .try_for_each(|t| print_town(out, &metrics, t))
    };
    finish(
        out,
        opts.out_dir.as_deref(),
        || csv_outputs(&metrics, &ranking),
        &loaded.warnings,
        report,
    )
}

fn unknown_town(scenario: &ScenarioRef, query: &str, towns: &[Town]) -> Error {
    let example = towns
        .first()
        .map(|t| format!(", e.g. {} or {} or {}", t.code, t.name_zh, t.name_en))
        .unwrap_or_default();
    let p = Problem::new(Code::UNKNOWN_TOWN, &scenario.path, Location::File)
        .field("--town")
        .found(format!("\"{query}\""))
        .expected(format!(
            "the code, Chinese name or pinyin name of one of the scenario's {} towns{example}",
            towns.len()
        ));
    Error::Input(Problems(vec![p]))
}

fn print_header(
    out: &mut dyn Write,
    scenario: &ScenarioRef,
    m: &ScenarioMetrics,
    key: RankKey,
) -> std::io::Result<()> {
    let which = m
        .variant
        .as_deref()
        .map_or_else(String::new, |v| format!(", variant {v}"));
    writeln!(
        out,
        "Sites by town: {} ({}{which}), plan at {} m² per person",
        m.name, scenario.label, m.standard
    )?;
    writeln!(out, "Ranked by {}; ties by site id.", key.describe())?;
    writeln!(
        out,
        "Money in yuan. net cost / bed: construction cost less subsidy (eligible and potential), \
         per bed at the standard; — for a site without a cost. utilisation: occupants ÷ beds. \
         commute: mean of the residents, km."
    )?;
    let unit = match m.cost_unit {
        CostUnit::Metres => "km of commute",
        CostUnit::Matrix => "thousands of the cost matrix's unit",
    };
    writeln!(
        out,
        "shadow price: {unit} the allocation would save with one more bed at the site (objective \
         decrease ÷ 1000); a bed that houses someone otherwise unhoused saves the unhoused \
         penalty less their commute, so full sites near unhoused people score highest."
    )?;
    if !m.proven {
        writeln!(
            out,
            "The keep-together search stopped at its node limit: shadow prices are those of the \
             best allocation found, which is not proven optimal."
        )?;
    }
    Ok(())
}

fn print_town(
    out: &mut dyn Write,
    m: &ScenarioMetrics,
    ranking: &TownRanking,
) -> std::io::Result<()> {
    let mut t = terminal::table(
        &[
            "rank",
            "site",
            "name",
            "kind",
            "beds",
            "net cost / bed",
            "subsidy / bed",
            "utilisation",
            "commute km",
            "shadow price",
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
            s.kind.to_string(),
            int(s.beds),
            money(s.net_cost_per_bed()),
            money(s.subsidy_per_bed()),
            utilisation(s),
            Unit::Metres.show(metres(s.mean_commute_m), false),
            fixed(s.shadow_price, 3, true),
        ]);
    }
    let town = &m.towns[ranking.town];
    writeln!(out)?;
    writeln!(out, "{} {} {}", town.code, town.name_zh, town.name_en)?;
    if ranking.sites.is_empty() {
        return writeln!(out, "No site of this town counts as supply.");
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

fn csv_outputs(m: &ScenarioMetrics, ranking: &[TownRanking]) -> Outputs {
    let rows = ranking.iter().flat_map(|r| {
        let town = &m.towns[r.town];
        r.sites
            .iter()
            .enumerate()
            .map(move |(i, s)| site_row(town.code.as_str(), town.name_zh.as_str(), i + 1, s))
    });
    let mut out = Outputs::new();
    out.add_csv(SITES_CSV, rows);
    out
}

fn site_row<'a>(town_code: &'a str, town: &'a str, rank: usize, s: &'a SiteMetrics) -> SiteRow<'a> {
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
        shadow_price_km: Unit::Metres.csv(Some(s.shadow_price)),
    }
}
