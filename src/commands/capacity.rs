//! `dormplan capacity SCENARIO`: beds per site and per town at the planning standard and at
//! the ends of the policy range; supply against demand per town; over-occupied sites.

use super::{Outcome, finish};
use crate::capacity;
use crate::io::{Outputs, load_scenario};
use crate::model::Loaded;
use crate::model::{Area, Settings, Site, Standard};
use crate::numbers::{int, percent, percent_tenths};
use crate::report::terminal;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Options of `dormplan capacity`.
#[derive(Debug, Clone, Default)]
pub struct CapacityOptions {
    /// Plan at this standard instead of the scenario's.
    pub standard: Option<Standard>,
    /// Write `capacity_sites.csv` and `capacity_towns.csv` here.
    pub out_dir: Option<PathBuf>,
    /// Print the per-site table on the terminal too (it is always in the CSV).
    pub by_site: bool,
}

/// Reads the scenario, prints the capacity report to `out` and, with an output folder, writes
/// the CSV files (all or none). Bad input is returned as [`crate::Error::Input`] with every
/// problem, and nothing is written.
pub fn capacity(path: &Path, opts: &CapacityOptions, out: &mut dyn Write) -> Outcome {
    let loaded = load_scenario(path).map_err(crate::Error::Input)?;
    let report = CapacityReport::new(&loaded, opts.standard);
    finish(
        out,
        opts.out_dir.as_deref(),
        || report.to_outputs(&loaded),
        &loaded.warnings,
        |out| report.print(out, &loaded, opts.by_site),
    )
}

const SITES_CSV: &str = "capacity_sites.csv";
const TOWNS_CSV: &str = "capacity_towns.csv";

/// Beds of one site at the three standards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteCapacity {
    /// Index into the dataset's sites.
    pub site: usize,
    /// Counted as supply (status, kind and as-of year included by the scenario).
    pub counted: bool,
    /// Residential floor area used.
    pub residential: Area,
    /// Beds at the policy floor (most beds allowed).
    pub beds_floor: u64,
    /// Beds at the planning standard.
    pub beds_plan: u64,
    /// Beds at the policy ceiling.
    pub beds_ceiling: u64,
    /// Declared beds give less than the floor per person.
    pub over_occupied: bool,
}

/// Supply and demand of one town (or of all towns, for the total).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TownCapacity {
    /// Sites counted as supply.
    pub sites: u64,
    /// Their gross floor area.
    pub gross: Area,
    /// Their residential floor area.
    pub residential: Area,
    /// Beds at the floor, plan and ceiling standards.
    pub beds_floor: u64,
    /// See `beds_floor`.
    pub beds_plan: u64,
    /// See `beds_floor`.
    pub beds_ceiling: u64,
    /// People needing a bed (after demand growth).
    pub demand: u64,
    /// People not covered by beds at the planning standard in their own town. For the total,
    /// the sum over towns: here a surplus in one town does not cover another's shortfall
    /// (allocation, which may cross town lines, decides that).
    pub shortfall: u64,
}

impl TownCapacity {
    fn add(&mut self, o: &TownCapacity) {
        self.sites += o.sites;
        self.gross += o.gross;
        self.residential += o.residential;
        self.beds_floor += o.beds_floor;
        self.beds_plan += o.beds_plan;
        self.beds_ceiling += o.beds_ceiling;
        self.demand += o.demand;
        self.shortfall += o.shortfall;
    }
}

/// The whole capacity report, computed from a loaded scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapacityReport {
    /// The standard planned at.
    pub plan: Standard,
    /// The policy floor.
    pub floor: Standard,
    /// The policy ceiling.
    pub ceiling: Standard,
    /// Every site, in file order.
    pub sites: Vec<SiteCapacity>,
    /// Every town, in file order.
    pub towns: Vec<TownCapacity>,
    /// All towns together.
    pub total: TownCapacity,
}

impl CapacityReport {
    /// Computes the report, planning at `standard` when given, else at the scenario's.
    pub fn new(loaded: &Loaded, standard: Option<Standard>) -> CapacityReport {
        let sc = &loaded.scenario;
        let mut settings: Settings = sc.settings.clone();
        if let Some(s) = standard {
            settings.standard.plan = s;
        }
        let st = &settings.standard;
        let data = &sc.dataset;
        let mut towns = vec![TownCapacity::default(); data.towns.len()];
        let sites: Vec<SiteCapacity> = data
            .sites
            .iter()
            .enumerate()
            .map(|(i, s)| site_capacity(i, s, &settings))
            .collect();
        for (c, s) in sites.iter().zip(&data.sites) {
            if c.counted {
                let t = &mut towns[s.town];
                t.sites += 1;
                t.gross += s.gross;
                t.residential += c.residential;
                t.beds_floor += c.beds_floor;
                t.beds_plan += c.beds_plan;
                t.beds_ceiling += c.beds_ceiling;
            }
        }
        for g in &data.demand {
            towns[g.town].demand += g.grown(settings.demand_growth);
        }
        for t in &mut towns {
            t.shortfall = t.demand.saturating_sub(t.beds_plan);
        }
        let mut total = TownCapacity::default();
        towns.iter().for_each(|t| total.add(t));
        CapacityReport {
            plan: st.plan,
            floor: st.floor,
            ceiling: st.ceiling,
            sites,
            towns,
            total,
        }
    }

    fn print(&self, out: &mut dyn Write, loaded: &Loaded, by_site: bool) -> std::io::Result<()> {
        let sc = &loaded.scenario;
        let set = &sc.settings;
        let name = match &sc.variant {
            Some(v) => format!("{} — variant {v}", sc.name),
            None => sc.name.clone(),
        };
        writeln!(out, "Capacity: {name}")?;
        writeln!(
            out,
            "Plan at {} m² per person; policy range {}–{} m²; usable ratio {}; counting {}",
            self.plan,
            self.floor,
            self.ceiling,
            set.standard.usable_ratio.fraction(),
            set.standard
                .include_status
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        let uncounted = self.sites.iter().filter(|c| !c.counted).count();
        if uncounted > 0 {
            writeln!(
                out,
                "{uncounted} site(s) not counted as supply (status, kind or year excluded by the scenario)"
            )?;
        }
        if by_site {
            self.print_sites(out, loaded)?;
        }
        self.print_towns(out, loaded)?;
        self.print_over_occupied(out, loaded)
    }

    fn headers(&self) -> [String; 3] {
        [
            format!("beds @{}", self.floor),
            format!("beds @{} (plan)", self.plan),
            format!("beds @{}", self.ceiling),
        ]
    }

    fn print_towns(&self, out: &mut dyn Write, loaded: &Loaded) -> std::io::Result<()> {
        let [f, p, c] = self.headers();
        let mut t = terminal::table(
            &[
                "code",
                "town",
                "sites",
                "residential m²",
                &f,
                &p,
                &c,
                "demand",
                "shortfall",
                "coverage",
            ],
            &[false, false, true, true, true, true, true, true, true, true],
        );
        let towns = &loaded.scenario.dataset.towns;
        let rows = self
            .towns
            .iter()
            .zip(towns)
            .map(|(c, t)| (t.code.clone(), format!("{} {}", t.name_zh, t.name_en), c))
            .chain([(String::from("total"), String::new(), &self.total)]);
        for (code, name, c) in rows {
            t.add_row(vec![
                code,
                name,
                int(c.sites),
                int(c.residential.whole_m2()),
                int(c.beds_floor),
                int(c.beds_plan),
                int(c.beds_ceiling),
                int(c.demand),
                int(c.shortfall),
                percent(c.beds_plan, c.demand),
            ]);
        }
        writeln!(out)?;
        writeln!(
            out,
            "Supply and demand by town (m² of residential floor area per person)"
        )?;
        writeln!(out, "{t}")
    }

    fn print_sites(&self, out: &mut dyn Write, loaded: &Loaded) -> std::io::Result<()> {
        let [f, p, c] = self.headers();
        let mut t = terminal::table(
            &[
                "site",
                "town",
                "kind",
                "status",
                "residential m²",
                "declared",
                &f,
                &p,
                &c,
            ],
            &[false, false, false, false, true, true, true, true, true],
        );
        let data = &loaded.scenario.dataset;
        for (c, s) in self.sites.iter().zip(&data.sites) {
            t.add_row(vec![
                if c.counted {
                    s.id.clone()
                } else {
                    format!("{} (not counted)", s.id)
                },
                data.towns[s.town].name_zh.clone(),
                s.kind.to_string(),
                s.status.to_string(),
                int(c.residential.whole_m2()),
                s.beds.map(|b| int(u64::from(b))).unwrap_or_default(),
                int(c.beds_floor),
                int(c.beds_plan),
                int(c.beds_ceiling),
            ]);
        }
        writeln!(out)?;
        writeln!(out, "Beds by site")?;
        writeln!(out, "{t}")
    }

    fn print_over_occupied(&self, out: &mut dyn Write, loaded: &Loaded) -> std::io::Result<()> {
        let data = &loaded.scenario.dataset;
        let over: Vec<(&SiteCapacity, &Site)> = self
            .sites
            .iter()
            .zip(&data.sites)
            .filter(|(c, _)| c.over_occupied)
            .collect();
        writeln!(out)?;
        if over.is_empty() {
            return writeln!(
                out,
                "No over-occupied sites (declared beds within {} m² per person).",
                self.floor
            );
        }
        let mut t = terminal::table(
            &[
                "site",
                "town",
                "residential m²",
                "declared beds",
                &format!("beds @{}", self.floor),
                "m² per person",
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
            "Over-occupied sites (declared beds give less than {} m² per person)",
            self.floor
        )?;
        writeln!(out, "{t}")
    }

    /// The CSV rows for sites.
    fn site_rows<'a>(&'a self, loaded: &'a Loaded) -> impl Iterator<Item = SiteCsv> + 'a {
        let data = &loaded.scenario.dataset;
        self.sites
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
    fn town_rows<'a>(&'a self, loaded: &'a Loaded) -> impl Iterator<Item = TownCsv> + 'a {
        let towns = &loaded.scenario.dataset.towns;
        self.towns.iter().zip(towns).map(|(c, t)| TownCsv {
            town_code: t.code.clone(),
            name_zh: t.name_zh.clone(),
            name_en: t.name_en.clone(),
            sites: c.sites,
            gross_m2: c.gross.to_string(),
            residential_m2: c.residential.to_string(),
            beds_floor: c.beds_floor,
            beds_plan: c.beds_plan,
            beds_ceiling: c.beds_ceiling,
            demand: c.demand,
            shortfall: c.shortfall,
            coverage_pct: percent_tenths(c.beds_plan, c.demand)
                .map(|t| format!("{}.{}", t / 10, t % 10)),
        })
    }

    /// The two CSV files, rendered in memory.
    pub fn to_outputs(&self, loaded: &Loaded) -> Outputs {
        let mut out = Outputs::new();
        out.add_csv(SITES_CSV, self.site_rows(loaded));
        out.add_csv(TOWNS_CSV, self.town_rows(loaded));
        out
    }
}

fn site_capacity(i: usize, s: &Site, set: &Settings) -> SiteCapacity {
    let st = &set.standard;
    SiteCapacity {
        site: i,
        counted: capacity::in_supply(s, set),
        residential: s.residential_area(&set.standard),
        beds_floor: capacity::beds_at(s, set, st.floor),
        beds_plan: capacity::beds_at(s, set, st.plan),
        beds_ceiling: capacity::beds_at(s, set, st.ceiling),
        over_occupied: s.is_over_occupied(&set.standard),
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
