//! The capacity report for people: beds by site and town at the three standards, supply
//! against demand, over-occupied sites; `capacity_sites.csv` and `capacity_towns.csv`.

use crate::catalogue::Lang;
use crate::catalogue::words::{self, code_name};
use crate::figures::{CapacityAtStandards, SiteCapacity, shortfall};
use crate::io::Outputs;
use crate::model::{Loaded, Site};
use crate::numbers::{int, percent, percent_tenths};
use crate::report::terminal::{self, scenario_name};
use serde::Serialize;
use std::io::Write;

/// The CSV of sites.
pub const CAPACITY_SITES_CSV: &str = "capacity_sites.csv";
/// The CSV of towns.
pub const CAPACITY_TOWNS_CSV: &str = "capacity_towns.csv";

/// How a capacity count is shown.
pub struct CapacityView<'a> {
    /// The counts.
    pub counts: &'a CapacityAtStandards,
    /// The scenario they count.
    pub loaded: &'a Loaded,
}

/// `capacity --json`'s `summary`: the city's totals at the plan standard and at the policy's
/// floor and ceiling.
#[derive(Debug, Serialize)]
pub struct CapacitySummary<'a> {
    /// The scenario's name.
    pub scenario: &'a str,
    /// Its variant, if one.
    pub variant: Option<&'a str>,
    /// Sites counted as supply.
    pub sites: u64,
    /// People needing a bed.
    pub demand: u64,
    /// Beds at the plan standard.
    pub plan: BedsAtStandard,
    /// Beds at the policy floor (the fewest m² per person: the most beds).
    pub floor: BedsAtStandard,
    /// Beds at the policy ceiling.
    pub ceiling: BedsAtStandard,
}

/// Beds at one standard.
#[derive(Debug, Serialize)]
pub struct BedsAtStandard {
    /// The standard, m² of residential floor area per person.
    pub m2_per_person: f64,
    /// Beds of the counted sites at it.
    pub beds: u64,
    /// Demand less beds, when positive.
    pub shortfall: u64,
}

impl CapacityView<'_> {
    /// The totals at the three standards, for `--json`'s `summary` (per town and per site:
    /// its tables).
    pub fn summary(&self) -> CapacitySummary<'_> {
        let c = self.counts;
        let sc = &self.loaded.scenario;
        let at = |standard: crate::model::Standard, t: &crate::figures::Tally| BedsAtStandard {
            m2_per_person: standard.m2(),
            beds: t.beds,
            shortfall: t.demand.saturating_sub(t.beds),
        };
        CapacitySummary {
            scenario: &sc.name,
            variant: sc.variant.as_deref(),
            sites: c.at_plan.total.sites,
            demand: c.at_plan.total.demand,
            plan: at(c.plan, &c.at_plan.total),
            floor: at(c.floor, &c.at_floor.total),
            ceiling: at(c.ceiling, &c.at_ceiling.total),
        }
    }

    /// The terminal report; the per-site table only with `by_site`.
    pub fn print(&self, out: &mut dyn Write, lang: Lang, by_site: bool) -> std::io::Result<()> {
        let loaded = self.loaded;
        let sc = &loaded.scenario;
        let set = &sc.settings;
        let name = scenario_name(lang, sc);
        writeln!(
            out,
            "{}",
            words::CAPACITY_TITLE.fill(lang, &[("name", &name)])
        )?;
        let statuses = words::joined(
            lang,
            set.standard
                .include_status
                .iter()
                .map(|s| code_name(s.as_str(), lang)),
        );
        let ratio = set.standard.usable_ratio.fraction();
        writeln!(
            out,
            "{}",
            words::CAPACITY_STANDARD.fill(
                lang,
                &[
                    ("plan", &self.counts.plan),
                    ("floor", &self.counts.floor),
                    ("ceiling", &self.counts.ceiling),
                    ("ratio", &ratio),
                    ("statuses", &statuses),
                ]
            )
        )?;
        let uncounted = self.counts.sites.iter().filter(|c| !c.counted).count();
        if uncounted > 0 {
            writeln!(
                out,
                "{}",
                words::CAPACITY_UNCOUNTED.fill(lang, &[("n", &uncounted)])
            )?;
        }
        if by_site {
            self.print_sites(out, lang)?;
        }
        self.print_towns(out, lang)?;
        self.print_over_occupied(out, lang)
    }

    fn headers(&self, lang: Lang) -> [String; 3] {
        [
            words::COL_BEDS_AT_SHORT.fill(lang, &[("standard", &self.counts.floor)]),
            words::COL_BEDS_AT_PLAN.fill(lang, &[("standard", &self.counts.plan)]),
            words::COL_BEDS_AT_SHORT.fill(lang, &[("standard", &self.counts.ceiling)]),
        ]
    }

    fn print_towns(&self, out: &mut dyn Write, lang: Lang) -> std::io::Result<()> {
        let loaded = self.loaded;
        let [f, p, c] = self.headers(lang);
        let mut t = terminal::table(
            &[
                words::COL_CODE.get(lang),
                words::COL_TOWN.get(lang),
                words::COL_SITES.get(lang),
                words::COL_RESIDENTIAL_M2.get(lang),
                &f,
                &p,
                &c,
                words::COL_DEMAND.get(lang),
                words::COL_SHORTFALL.get(lang),
                words::COL_COVERAGE.get(lang),
            ],
            &[false, false, true, true, true, true, true, true, true, true],
        );
        let towns = &loaded.scenario.dataset.towns;
        let c = self.counts;
        let rows = towns
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let short = c.at_plan.towns[i].shortfall();
                let row = (
                    &c.at_floor.towns[i],
                    &c.at_plan.towns[i],
                    &c.at_ceiling.towns[i],
                    short,
                );
                (t.code.clone(), format!("{} {}", t.name_zh, t.name_en), row)
            })
            .chain([(
                words::TOTAL.get(lang).to_string(),
                String::new(),
                (
                    &c.at_floor.total,
                    &c.at_plan.total,
                    &c.at_ceiling.total,
                    shortfall(&c.at_plan),
                ),
            )]);
        for (code, name, (floor, plan, ceiling, short)) in rows {
            t.add_row(vec![
                code,
                name,
                int(plan.sites),
                int(plan.residential.whole_m2()),
                int(floor.beds),
                int(plan.beds),
                int(ceiling.beds),
                int(plan.demand),
                int(short),
                percent(plan.beds, plan.demand),
            ]);
        }
        writeln!(out)?;
        writeln!(out, "{}", words::CAPACITY_BY_TOWN_HEADING.get(lang))?;
        writeln!(out, "{t}")
    }

    fn print_sites(&self, out: &mut dyn Write, lang: Lang) -> std::io::Result<()> {
        let loaded = self.loaded;
        let [f, p, c] = self.headers(lang);
        let mut t = terminal::table(
            &[
                words::COL_SITE.get(lang),
                words::COL_TOWN.get(lang),
                words::COL_KIND.get(lang),
                words::COL_STATUS.get(lang),
                words::COL_RESIDENTIAL_M2.get(lang),
                words::COL_DECLARED.get(lang),
                &f,
                &p,
                &c,
            ],
            &[false, false, false, false, true, true, true, true, true],
        );
        let data = &loaded.scenario.dataset;
        for (c, s) in self.counts.sites.iter().zip(&data.sites) {
            t.add_row(vec![
                if c.counted {
                    s.id.clone()
                } else {
                    words::NOT_COUNTED.fill(lang, &[("id", &s.id)])
                },
                data.towns[s.town].name_zh.clone(),
                code_name(s.kind.as_str(), lang).to_string(),
                code_name(s.status.as_str(), lang).to_string(),
                int(c.residential.whole_m2()),
                s.beds.map(|b| int(u64::from(b))).unwrap_or_default(),
                int(c.beds_floor),
                int(c.beds_plan),
                int(c.beds_ceiling),
            ]);
        }
        writeln!(out)?;
        writeln!(out, "{}", words::CAPACITY_BY_SITE_HEADING.get(lang))?;
        writeln!(out, "{t}")
    }

    fn print_over_occupied(&self, out: &mut dyn Write, lang: Lang) -> std::io::Result<()> {
        let loaded = self.loaded;
        let data = &loaded.scenario.dataset;
        let over: Vec<(&SiteCapacity, &Site)> = self
            .counts
            .sites
            .iter()
            .zip(&data.sites)
            .filter(|(c, _)| c.over_occupied)
            .collect();
        writeln!(out)?;
        if over.is_empty() {
            return writeln!(
                out,
                "{}",
                words::NO_OVER_OCCUPIED.fill(lang, &[("floor", &self.counts.floor)])
            );
        }
        let mut t = terminal::table(
            &[
                words::COL_SITE.get(lang),
                words::COL_TOWN.get(lang),
                words::COL_RESIDENTIAL_M2.get(lang),
                words::COL_DECLARED_BEDS.get(lang),
                &words::COL_BEDS_AT_SHORT.fill(lang, &[("standard", &self.counts.floor)]),
                words::COL_M2_PER_PERSON.get(lang),
            ],
            &[false, false, true, true, true, true],
        );
        for (c, s) in over {
            let beds = u64::from(s.beds.unwrap_or(0));
            t.add_row(vec![
                s.id.clone(),
                data.towns[s.town].name_zh.clone(),
                int(c.residential.whole_m2()),
                int(beds),
                int(c.beds_floor),
                c.residential
                    .per_person(beds)
                    .map(|x| format!("{x:.2}"))
                    .unwrap_or_default(),
            ]);
        }
        writeln!(
            out,
            "{}",
            words::OVER_OCCUPIED_HEADING.fill(lang, &[("floor", &self.counts.floor)])
        )?;
        writeln!(out, "{t}")
    }

    /// The CSV rows for sites.
    fn site_rows(&self) -> impl Iterator<Item = SiteCsv> + '_ {
        let loaded = self.loaded;
        let data = &loaded.scenario.dataset;
        self.counts
            .sites
            .iter()
            .zip(&data.sites)
            .map(move |(c, s)| SiteCsv {
                site_id: s.id.clone(),
                name: s.name.clone(),
                town_code: data.towns[s.town].code.clone(),
                kind: s.kind.as_str(),
                status: s.status.as_str(),
                counted: c.counted,
                gross_m2: s.gross.to_string(),
                residential_m2: c.residential.to_string(),
                declared_beds: s.beds,
                beds_floor: c.beds_floor,
                beds_plan: c.beds_plan,
                beds_ceiling: c.beds_ceiling,
                over_occupied: c.over_occupied,
            })
    }

    /// The CSV rows for towns.
    fn town_rows(&self) -> impl Iterator<Item = TownCsv> + '_ {
        let loaded = self.loaded;
        let towns = &loaded.scenario.dataset.towns;
        let c = self.counts;
        towns.iter().enumerate().map(move |(i, t)| {
            let (floor, plan, ceiling) = (
                &c.at_floor.towns[i],
                &c.at_plan.towns[i],
                &c.at_ceiling.towns[i],
            );
            TownCsv {
                town_code: t.code.clone(),
                name_zh: t.name_zh.clone(),
                name_en: t.name_en.clone(),
                sites: plan.sites,
                gross_m2: plan.gross.to_string(),
                residential_m2: plan.residential.to_string(),
                beds_floor: floor.beds,
                beds_plan: plan.beds,
                beds_ceiling: ceiling.beds,
                demand: plan.demand,
                shortfall: plan.shortfall(),
                coverage_pct: percent_tenths(plan.beds, plan.demand)
                    .map(|t| format!("{}.{}", t / 10, t % 10)),
            }
        })
    }

    /// The two CSV files, rendered in memory.
    pub fn to_outputs(&self, mut out: Outputs) -> Outputs {
        out.add_csv(CAPACITY_SITES_CSV, self.site_rows());
        out.add_csv(CAPACITY_TOWNS_CSV, self.town_rows());
        out
    }
}

#[derive(Serialize, Default)]
struct SiteCsv {
    site_id: String,
    name: String,
    town_code: String,
    kind: &'static str,
    status: &'static str,
    counted: bool,
    gross_m2: String,
    residential_m2: String,
    declared_beds: Option<u32>,
    beds_floor: u64,
    beds_plan: u64,
    beds_ceiling: u64,
    over_occupied: bool,
}

#[derive(Serialize, Default)]
struct TownCsv {
    town_code: String,
    name_zh: String,
    name_en: String,
    sites: u64,
    gross_m2: String,
    residential_m2: String,
    beds_floor: u64,
    beds_plan: u64,
    beds_ceiling: u64,
    demand: u64,
    shortfall: u64,
    coverage_pct: Option<String>,
}
