//! The allocation for people: the terminal summary (size and proof, towns, the unhoused by
//! reason, where one more bed helps most) and the files `allocate` and `plan` write
//! (allocations, sites, towns and unhoused as CSV; flows, sites and groups as GeoJSON).

use crate::alloc::evidence::{Evidence, WhyNot, evidence};
use crate::alloc::spare::{housed_on_spare_beds, on_spare_bed, total_on_spare_beds};
use crate::alloc::{Allocation, Instance, Reason};
use crate::catalogue::{Lang, words};
use crate::figures::{AllocationFigures, Tally};
use crate::io::Outputs;
use crate::model::{CostUnit, Crs, Loaded, Scenario};
use crate::numbers::{fixed, grouped, int, percent, round_div};
use crate::report::map::{collection, feature, footprint, lon_lat_text, position, properties};
use crate::report::terminal::{scenario_name, table};
use serde::Serialize;
use std::io::Write;

/// Kilometres with two decimals, or empty.
fn km(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.2}")).unwrap_or_default()
}

/// An allocation with what its report and its files both read: its figures, and the evidence
/// for its unhoused, found once when first asked for.
pub struct Solved<'a> {
    /// The scenario.
    pub loaded: &'a Loaded,
    /// The problem solved.
    pub inst: &'a Instance,
    /// Its allocation.
    pub alloc: &'a Allocation,
    /// The allocation's figures.
    pub figures: &'a AllocationFigures,
    evidence: std::sync::OnceLock<Vec<Option<Evidence>>>,
}

impl<'a> Solved<'a> {
    /// The allocation `alloc` of `inst`, with its figures.
    pub fn new(
        loaded: &'a Loaded,
        inst: &'a Instance,
        alloc: &'a Allocation,
        figures: &'a AllocationFigures,
    ) -> Solved<'a> {
        Solved {
            loaded,
            inst,
            alloc,
            figures,
            evidence: std::sync::OnceLock::new(),
        }
    }

    /// The evidence for each unhoused group ([`evidence`]).
    pub fn evidence(&self) -> &[Option<Evidence>] {
        self.evidence.get_or_init(|| {
            let matrix = self.loaded.cost_matrix.as_ref();
            evidence(&self.loaded.scenario, matrix, self.inst, self.alloc)
        })
    }
}

/// The terminal summary: the model's size and proof, then towns, then the unhoused by reason.
pub fn print_summary(out: &mut dyn Write, lang: Lang, solved: &Solved<'_>) -> std::io::Result<()> {
    let (loaded, inst, alloc, summary) = (solved.loaded, solved.inst, solved.alloc, solved.figures);
    let sc = &loaded.scenario;
    let set = &sc.settings;
    let name = scenario_name(lang, sc);
    writeln!(
        out,
        "{}",
        words::ALLOCATION_TITLE.fill(lang, &[("name", &name)])
    )?;
    let costs = arcs_in_words(lang, loaded);
    let (groups, sites, arcs) = (
        int(inst.groups.len() as u64),
        int(inst.sites.len() as u64),
        int(inst.arcs.len() as u64),
    );
    let standard = set.standard.plan;
    writeln!(
        out,
        "{}",
        words::ALLOCATION_SIZE.fill(
            lang,
            &[
                ("groups", &groups),
                ("sites", &sites),
                ("standard", &standard),
                ("arcs", &arcs),
                ("costs", &costs),
            ]
        )
    )?;
    let proof = if alloc.is_proven() {
        words::PROVEN_OPTIMAL.get(lang).to_string()
    } else {
        let gap = alloc.objective - alloc.bound;
        words::BEST_FOUND.fill(lang, &[("nodes", &alloc.nodes), ("gap", &gap)])
    };
    writeln!(
        out,
        "{}",
        words::OBJECTIVE_CHECKED.fill(lang, &[("objective", &alloc.objective), ("proof", &proof)])
    )?;
    if alloc.spare.is_some() {
        print_spare_beds(out, lang, sc, inst, alloc)?;
    }
    writeln!(out)?;
    let header = [
        words::COL_CODE,
        words::COL_TOWN,
        words::COL_DEMAND,
        words::COL_HOUSED,
        words::COL_UNHOUSED,
        words::COL_HOUSED_PCT,
        words::COL_BEDS,
        words::COL_OCCUPIED,
        words::COL_MEAN_KM,
        words::COL_P95_KM,
    ]
    .map(|p| p.get(lang));
    let mut t = table(
        &header,
        &[false, false, true, true, true, true, true, true, true, true],
    );
    let row = |code: String, name: String, f: &Tally| {
        vec![
            code,
            name,
            int(f.demand),
            int(f.housed),
            int(f.unhoused),
            percent(f.housed, f.demand),
            int(f.beds),
            int(f.occupants),
            km(f.mean_commute_km()),
            km(f.p95_commute_km()),
        ]
    };
    for (town, f) in sc.dataset.towns.iter().zip(&summary.towns.towns) {
        let name = format!("{} {}", town.name_zh, town.name_en);
        t.add_row(row(town.code.clone(), name, f));
    }
    t.add_row(row(
        words::TOTAL.get(lang).to_string(),
        String::new(),
        summary.total(),
    ));
    let f = summary.total();
    let note = match set.allocation.cost_unit {
        CostUnit::Metres => "",
        // The commutes of the table are distances whatever the matrix's unit.
        CostUnit::Seconds => words::KM_ARE_GREAT_CIRCLE.get(lang),
    };
    writeln!(
        out,
        "{}",
        words::BY_TOWN_HEADING.fill(lang, &[("note", &note)])
    )?;
    writeln!(out, "{t}")?;
    if f.unhoused > 0 {
        writeln!(out)?;
        writeln!(out, "{}", words::UNHOUSED_BY_REASON.get(lang))?;
        for (reason, n) in &f.unhoused_by_reason {
            writeln!(
                out,
                "  {:<24} {:>9}  {}",
                reason.as_str(),
                int(*n),
                reason.explain(lang)
            )?;
        }
        // Where the nearest spare beds were, and what kept the unhoused from them.
        let mut by_why: Vec<(Option<WhyNot>, i64)> = Vec::new();
        for (g, ev) in solved.evidence().iter().enumerate() {
            let Some(ev) = ev else { continue };
            let why = ev.nearest_free.map(|n| n.why);
            match by_why.iter_mut().find(|(w, _)| *w == why) {
                Some((_, n)) => *n += alloc.unhoused[g],
                None => by_why.push((why, alloc.unhoused[g])),
            }
        }
        by_why.sort_by_key(|&(why, n)| (std::cmp::Reverse(n), why.map(WhyNot::as_str)));
        writeln!(out)?;
        writeln!(out, "{}", words::UNHOUSED_BY_WHY_NOT.get(lang))?;
        for (why, n) in by_why {
            let (code, said) = match why {
                Some(w) => (w.as_str(), w.explain(lang)),
                None => ("—", words::WHYS_NO_FREE_BED.get(lang)),
            };
            writeln!(out, "  {code:<24} {:>9}  {said}", grouped(n))?;
        }
    }
    let mut prices: Vec<(i64, usize)> = summary
        .sites
        .iter()
        .filter(|s| s.shadow_price > 0)
        .map(|s| (s.shadow_price, s.site))
        .collect();
    prices.sort_by_key(|&(p, s)| (std::cmp::Reverse(p), inst.sites[s]));
    if !prices.is_empty() {
        writeln!(out)?;
        let unit = set.allocation.cost_unit;
        let penalty = unit.show_large(set.allocation.unhoused_penalty);
        writeln!(
            out,
            "{}",
            words::SHADOW_PRICES_HEADING.fill(
                lang,
                &[("unit", &unit.large_words(lang)), ("penalty", &penalty)]
            )
        )?;
        if prices[0].0 > set.allocation.unhoused_penalty {
            writeln!(out, "{}", words::SHADOW_ABOVE_PENALTY.get(lang))?;
        }
        for &(p, s) in prices.iter().take(5) {
            let site = &sc.dataset.sites[inst.sites[s]];
            let town = &sc.dataset.towns[site.town];
            // Chinese characters take two columns of a terminal.
            let pad = 10usize.saturating_sub(crate::io::workbook::text_width(&town.name_zh));
            writeln!(
                out,
                "  {:<8} {}{} {:>9} {}  {}",
                site.id,
                town.name_zh,
                " ".repeat(pad),
                unit.show_price(p, true),
                unit.large().0,
                site.name
            )?;
        }
    }
    Ok(())
}

/// How many people spare dormitory beds house, and in which dormitories (the ten that house
/// the most, then how many more).
fn print_spare_beds(
    out: &mut dyn Write,
    lang: Lang,
    sc: &Scenario,
    inst: &Instance,
    alloc: &Allocation,
) -> std::io::Result<()> {
    const LISTED: usize = 10;
    let data = &sc.dataset;
    let by_site = housed_on_spare_beds(sc, inst, alloc);
    if by_site.is_empty() {
        return writeln!(out, "{}", words::SPARE_BEDS_NONE.get(lang));
    }
    let people: i64 = by_site.iter().map(|&(_, n)| n).sum();
    writeln!(
        out,
        "{}",
        words::SPARE_BEDS_HOUSED.fill(
            lang,
            &[("people", &grouped(people)), ("dorms", &by_site.len())]
        )
    )?;
    for &(i, n) in by_site.iter().take(LISTED) {
        let site = &data.sites[i];
        let employer = site.employer.as_deref().unwrap_or("");
        writeln!(
            out,
            "  {:<8} {:>7}  {} ({employer})",
            site.id,
            grouped(n),
            site.name
        )?;
    }
    if by_site.len() > LISTED {
        let more = by_site.len() - LISTED;
        writeln!(
            out,
            "  {}",
            words::AND_MORE_SITES.fill(lang, &[("n", &more)])
        )?;
    }
    Ok(())
}

/// The arcs in a few words: what the costs are and which pairs are arcs.
pub(crate) fn arcs_in_words(lang: Lang, loaded: &Loaded) -> String {
    let a = &loaded.scenario.settings.allocation;
    if loaded.cost_matrix.is_none() {
        return words::ARCS_BY_DISTANCE
            .fill(lang, &[("k", &a.nearest_k), ("cutoff", &a.cutoff_km)]);
    }
    let limits = a.matrix_arcs;
    let which = match (limits.nearest_k, limits.cutoff) {
        (None, None) => words::MATRIX_EVERY_PAIR.get(lang).to_string(),
        (Some(k), None) => words::MATRIX_NEAREST_K.fill(lang, &[("k", &k)]),
        (None, Some(c)) => words::MATRIX_WITHIN.fill(lang, &[("cutoff", &a.cost_unit.show(c))]),
        (Some(k), Some(c)) => words::MATRIX_NEAREST_K_WITHIN
            .fill(lang, &[("k", &k), ("cutoff", &a.cost_unit.show(c))]),
    };
    words::ARCS_FROM_MATRIX.fill(
        lang,
        &[("unit", &a.cost_unit.words(lang)), ("which", &which)],
    )
}

/// The allocation's figures for `--json`'s `summary`: the model's size, the proof, the people
/// and the unhoused by reason (the per-town and per-site figures are its tables).
#[derive(Serialize)]
pub struct AllocationSummary {
    /// The scenario's name.
    pub scenario: String,
    /// The variant's name, when the scenario is one.
    pub variant: Option<String>,
    /// Demand groups in the model.
    pub groups: usize,
    /// Sites with beds in the model.
    pub sites: usize,
    /// The (group, site) pairs the solver worked with (the optimum is over every pair in
    /// range).
    pub arcs: usize,
    /// The unit of costs: `metres` or `seconds`.
    pub cost_unit: &'static str,
    /// The objective: Σ cost × people + penalty × unhoused, in `cost_unit`.
    pub objective: i128,
    /// A proven lower bound on the objective (equal to it when proven optimal).
    pub bound: i128,
    /// Whether the objective is proven optimal.
    pub proven_optimal: bool,
    /// The independent checker passed (always true: a failed check is an error, exit 3).
    pub checked: bool,
    /// People needing a bed.
    pub demand: u64,
    /// Of them, housed.
    pub housed: u64,
    /// Of them, unhoused.
    pub unhoused: u64,
    /// Beds in the model's sites.
    pub beds: u64,
    /// Unhoused people by reason code.
    pub unhoused_by_reason: std::collections::BTreeMap<&'static str, u64>,
    /// People housed on spare beds other employers' dormitories share; `None` when the
    /// scenario shares none (`share_spare_beds`).
    pub housed_on_spare_beds: Option<i64>,
}

impl AllocationSummary {
    /// The summary of an allocation.
    pub fn of(
        loaded: &Loaded,
        inst: &Instance,
        alloc: &Allocation,
        figures: &AllocationFigures,
    ) -> AllocationSummary {
        let sc = &loaded.scenario;
        let f = figures.total();
        AllocationSummary {
            scenario: sc.name.clone(),
            variant: sc.variant.clone(),
            groups: inst.groups.len(),
            sites: inst.sites.len(),
            arcs: inst.arcs.len(),
            cost_unit: sc.settings.allocation.cost_unit.as_str(),
            objective: alloc.objective,
            bound: alloc.bound,
            proven_optimal: alloc.is_proven(),
            checked: true,
            demand: f.demand,
            housed: f.housed,
            unhoused: f.unhoused,
            beds: f.beds,
            unhoused_by_reason: f
                .unhoused_by_reason
                .iter()
                .map(|(r, n)| (r.as_str(), *n))
                .collect(),
            housed_on_spare_beds: total_on_spare_beds(sc, inst, alloc),
        }
    }
}

#[derive(Serialize, Default)]
struct AllocationRow<'a> {
    group: &'a str,
    group_town: &'a str,
    site: &'a str,
    site_town: &'a str,
    people: i64,
    metres: u32,
    cost: i64,
    /// Placed in another employer's dormitory, on a bed it shares.
    spare_bed: bool,
}

#[derive(Serialize, Default)]
struct SiteRow<'a> {
    site: &'a str,
    name: &'a str,
    town: &'a str,
    kind: &'a str,
    status: &'a str,
    capacity: u64,
    occupants: u64,
    utilisation: String,
    m2_per_person: String,
    mean_commute_km: String,
    shadow_price_km: String,
}

#[derive(Serialize, Default)]
struct TownRow<'a> {
    code: &'a str,
    name_zh: &'a str,
    name_en: &'a str,
    demand: u64,
    housed: u64,
    unhoused: u64,
    beds: u64,
    occupants: u64,
    mean_commute_km: String,
    p95_commute_km: String,
}

#[derive(Serialize, Default)]
struct UnhousedRow<'a> {
    group: &'a str,
    town: &'a str,
    people: i64,
    priority: u32,
    keep_together: bool,
    reason: &'a str,
    explanation: String,
    usable_sites: usize,
    nearest_free_site: &'a str,
    nearest_free_km: String,
    nearest_free_beds: Option<i64>,
    nearest_free_why: &'a str,
    lon: String,
    lat: String,
}

/// Every output file of an allocation: `allocations.csv`, `sites.csv`, `towns.csv`,
/// `unhoused.csv`, `flows.geojson`, `sites.geojson` and `groups.geojson`, with every coordinate
/// in `crs`.
pub fn allocation_outputs(
    solved: &Solved<'_>,
    crs: Crs,
    lang: Lang,
    mut outputs: Outputs,
) -> Outputs {
    let (loaded, inst, alloc, summary) = (solved.loaded, solved.inst, solved.alloc, solved.figures);
    let column = cost_columns(loaded.scenario.settings.allocation.cost_unit);
    let evidence = solved.evidence();
    // The map layers are built beside the tables, each on its own.
    let (mut outputs, (flows, (sites, groups))) = rayon::join(
        || {
            allocation_tables(solved, crs, lang, &mut outputs);
            outputs
        },
        || {
            rayon::join(
                || flows_geojson(loaded, inst, alloc, crs),
                || {
                    rayon::join(
                        || sites_geojson(loaded, inst, summary, &column, crs),
                        || groups_geojson(loaded, inst, alloc, evidence, crs),
                    )
                },
            )
        },
    );
    outputs.add("flows.geojson", flows);
    outputs.add("sites.geojson", sites);
    outputs.add("groups.geojson", groups);
    outputs
}

/// The CSV tables of an allocation ([`allocation_outputs`] without its map layers).
fn allocation_tables(solved: &Solved<'_>, crs: Crs, lang: Lang, outputs: &mut Outputs) {
    let (loaded, inst, alloc, summary) = (solved.loaded, solved.inst, solved.alloc, solved.figures);
    let data = &loaded.scenario.dataset;
    let unit = loaded.scenario.settings.allocation.cost_unit;
    let column = cost_columns(unit);
    let town_code = |t: usize| data.towns[t].code.as_str();
    outputs.add_csv_renamed(
        "allocations.csv",
        alloc.placements.iter().map(|p| {
            let g = &data.demand[inst.groups[p.group as usize]];
            let s = &data.sites[inst.sites[p.site as usize]];
            AllocationRow {
                group: &g.id,
                group_town: town_code(g.town),
                site: &s.id,
                site_town: town_code(s.town),
                people: p.people,
                metres: p.metres,
                cost: p.cost,
                spare_bed: on_spare_bed(s, g.employer.as_deref()),
            }
        }),
        &column,
    );
    outputs.add_csv_renamed(
        "sites.csv",
        summary.sites.iter().map(|f| {
            let s = &data.sites[inst.sites[f.site]];
            SiteRow {
                site: &s.id,
                name: &s.name,
                town: town_code(s.town),
                kind: s.kind.as_str(),
                status: s.status.as_str(),
                capacity: f.beds,
                occupants: f.occupants,
                utilisation: format!("{:.4}", f.occupants as f64 / f.beds as f64),
                m2_per_person: f
                    .m2_per_person
                    .map(|x| format!("{x:.2}"))
                    .unwrap_or_default(),
                mean_commute_km: km(f.mean_commute_km()),
                shadow_price_km: unit.show_price(f.shadow_price, false),
            }
        }),
        &column,
    );
    outputs.add_csv(
        "towns.csv",
        data.towns
            .iter()
            .zip(&summary.towns.towns)
            .map(|(t, f)| TownRow {
                code: &t.code,
                name_zh: &t.name_zh,
                name_en: &t.name_en,
                demand: f.demand,
                housed: f.housed,
                unhoused: f.unhoused,
                beds: f.beds,
                occupants: f.occupants,
                mean_commute_km: km(f.mean_commute_km()),
                p95_commute_km: km(f.p95_commute_km()),
            }),
    );
    let evidence = solved.evidence();
    outputs.add_csv(
        "unhoused.csv",
        (0..inst.groups.len()).filter_map(|g| {
            let reason: Reason = alloc.reasons[g]?;
            let ev = evidence[g]?;
            let d = &data.demand[inst.groups[g]];
            let (lon, lat) = lon_lat_text(d.location, crs);
            let near = ev.nearest_free;
            Some(UnhousedRow {
                group: &d.id,
                town: town_code(d.town),
                people: alloc.unhoused[g],
                priority: d.priority,
                keep_together: d.keep_together,
                reason: reason.as_str(),
                explanation: explanation(&loaded.scenario, inst, g, reason, &ev, lang),
                usable_sites: ev.usable_sites,
                nearest_free_site: near.map_or("", |n| data.sites[n.site].id.as_str()),
                nearest_free_km: near.map_or(String::new(), |n| {
                    CostUnit::Metres.show_price(i64::from(n.metres), false)
                }),
                nearest_free_beds: near.map(|n| n.free),
                nearest_free_why: near.map_or("", |n| n.why.as_str()),
                lon,
                lat,
            })
        }),
    );
}

/// Why group `g` has unhoused people, in words: what was checked for its reason (how many
/// sites the group may use, and within what), and the nearest free bed with why it was not
/// theirs.
fn explanation(
    sc: &Scenario,
    inst: &Instance,
    g: usize,
    reason: Reason,
    ev: &Evidence,
    lang: Lang,
) -> String {
    let set = &sc.settings.allocation;
    let group = &sc.dataset.demand[inst.groups[g]];
    let limit = if set.cost_matrix.is_some() {
        words::LIMIT_MATRIX.get(lang).to_string()
    } else {
        let km = group
            .max_commute_km
            .map_or(set.cutoff_km, |own| own.min(set.cutoff_km));
        words::LIMIT_KM.fill(lang, &[("km", &km)])
    };
    let n = ev.usable_sites;
    let people = inst.people[g];
    let args: [(&str, &dyn std::fmt::Display); 3] =
        [("limit", &limit), ("n", &n), ("people", &people)];
    let checked = match (reason, n == 1) {
        (Reason::NoSiteInRange, _) => words::CHECKED_NO_SITE_IN_RANGE,
        (Reason::EmployerOnly, _) => words::CHECKED_EMPLOYER_ONLY,
        (Reason::RangeFull, false) => words::CHECKED_RANGE_FULL,
        (Reason::RangeFull, true) => words::CHECKED_RANGE_FULL_ONE,
        (Reason::NoRoomForWholeGroup, false) => words::CHECKED_NO_ROOM_FOR_WHOLE_GROUP,
        (Reason::NoRoomForWholeGroup, true) => words::CHECKED_NO_ROOM_FOR_WHOLE_GROUP_ONE,
        (Reason::CostlierThanPenalty, false) => words::CHECKED_COSTLIER_THAN_PENALTY,
        (Reason::CostlierThanPenalty, true) => words::CHECKED_COSTLIER_THAN_PENALTY_ONE,
    }
    .fill(lang, &args);
    words::REASON_WITH_EVIDENCE.fill(
        lang,
        &[
            ("reason", &checked),
            ("evidence", &evidence_text(sc, inst, g, ev, lang)),
        ],
    )
}

/// The nearest free bed in words, with why the group could not have it.
fn evidence_text(sc: &Scenario, inst: &Instance, g: usize, ev: &Evidence, lang: Lang) -> String {
    let Some(near) = ev.nearest_free else {
        return words::EVIDENCE_NO_FREE_BED.get(lang).to_string();
    };
    let set = &sc.settings.allocation;
    let group = &sc.dataset.demand[inst.groups[g]];
    let km = |km: f64| format!("{km}");
    let why = match near.why {
        WhyNot::OtherEmployer => words::WHY_OTHER_EMPLOYER.get(lang).to_string(),
        WhyNot::NotBuilt => words::WHY_NOT_BUILT.get(lang).to_string(),
        WhyNot::OutsideSupply => words::WHY_OUTSIDE_SUPPLY.get(lang).to_string(),
        WhyNot::BeyondCutoff => {
            words::WHY_BEYOND_CUTOFF.fill(lang, &[("cutoff", &km(set.cutoff_km))])
        }
        WhyNot::BeyondOwnLimit => words::WHY_BEYOND_OWN_LIMIT.fill(
            lang,
            &[("limit", &km(group.max_commute_km.unwrap_or_default()))],
        ),
        WhyNot::NotAMatrixPair => words::WHY_NOT_A_MATRIX_PAIR.get(lang).to_string(),
        WhyNot::TooFewBedsForWholeGroup => {
            words::WHY_TOO_FEW_BEDS_FOR_WHOLE_GROUP.fill(lang, &[("people", &inst.people[g])])
        }
        WhyNot::CostlierThanPenalty => words::WHY_COSTLIER_THAN_PENALTY.get(lang).to_string(),
    };
    let site = &sc.dataset.sites[near.site];
    words::EVIDENCE_NEAREST_FREE.fill(
        lang,
        &[
            ("n", &ev.usable_sites),
            (
                "km",
                &fixed(round_div(i64::from(near.metres), 100), 1, true),
            ),
            ("site", &site.id),
            ("free", &near.free),
            ("why", &why),
        ],
    )
}

/// The names of the columns of costs (`cost`, `shadow_price_km`) in `unit`: as they are in
/// metres, `cost_s` and `shadow_price_min` in seconds.
fn cost_columns(unit: CostUnit) -> impl Fn(&str) -> String {
    move |name: &str| match name {
        "cost" | "shadow_price_km" => unit.column(name),
        _ => name.to_string(),
    }
}

/// One line per placement, from the group's location to the site's, with the people on it.
fn flows_geojson(loaded: &Loaded, inst: &Instance, alloc: &Allocation, crs: Crs) -> Vec<u8> {
    let data = &loaded.scenario.dataset;
    let features = alloc.placements.iter().map(|p| {
        let g = &data.demand[inst.groups[p.group as usize]];
        let s = &data.sites[inst.sites[p.site as usize]];
        feature(
            geojson::GeometryValue::new_line_string([
                position(g.location, crs),
                position(s.location, crs),
            ]),
            properties(vec![
                ("group", g.id.clone().into()),
                ("site", s.id.clone().into()),
                ("people", p.people.into()),
                ("metres", p.metres.into()),
            ]),
        )
    });
    collection(features, crs)
}

/// One feature per site with beds, with its occupancy and shadow price: its footprint when the
/// sites file gives one, else its point; `lon` and `lat` are the point distances are measured
/// from (a footprint's centroid).
fn sites_geojson(
    loaded: &Loaded,
    inst: &Instance,
    summary: &AllocationFigures,
    column: &dyn Fn(&str) -> String,
    crs: Crs,
) -> Vec<u8> {
    let data = &loaded.scenario.dataset;
    let unit = loaded.scenario.settings.allocation.cost_unit;
    let features = summary.sites.iter().map(|f| {
        let s = &data.sites[inst.sites[f.site]];
        let point = position(s.location, crs);
        let geometry = match &s.polygon {
            Some(shape) => footprint(shape, crs),
            None => geojson::GeometryValue::new_point(point.clone()),
        };
        feature(
            geometry,
            properties(vec![
                ("id", s.id.clone().into()),
                ("name", s.name.clone().into()),
                ("town", data.towns[s.town].code.clone().into()),
                ("kind", s.kind.as_str().into()),
                ("capacity", f.beds.into()),
                ("occupants", f.occupants.into()),
                (
                    &column("shadow_price_km"),
                    price_number(unit, f.shadow_price),
                ),
                ("lon", point[0].into()),
                ("lat", point[1].into()),
            ]),
        )
    });
    collection(features, crs)
}

/// A shadow price as a GeoJSON number in km or minutes, the same decimals as in `sites.csv`.
fn price_number(unit: CostUnit, price: i64) -> serde_json::Value {
    let text = unit.show_price(price, false);
    serde_json::from_str(&text).unwrap_or_else(|_| text.into())
}

/// One point per demand group, where it works: its people, how many are housed and unhoused,
/// and why, when some are (the reason's code and its words in English and Chinese; null when
/// everyone is housed).
fn groups_geojson(
    loaded: &Loaded,
    inst: &Instance,
    alloc: &Allocation,
    evidence: &[Option<Evidence>],
    crs: Crs,
) -> Vec<u8> {
    let sc = &loaded.scenario;
    let data = &sc.dataset;
    let features = (0..inst.groups.len()).map(|g| {
        let d = &data.demand[inst.groups[g]];
        let (people, unhoused) = (inst.people[g], alloc.unhoused[g]);
        let reason = alloc.reasons[g];
        let code: serde_json::Value = reason.map(Reason::as_str).into();
        let words = |lang: Lang| -> serde_json::Value {
            match (reason, &evidence[g]) {
                (Some(r), Some(ev)) => explanation(sc, inst, g, r, ev, lang).into(),
                _ => serde_json::Value::Null,
            }
        };
        feature(
            geojson::GeometryValue::new_point(position(d.location, crs)),
            properties(vec![
                ("id", d.id.clone().into()),
                ("town", data.towns[d.town].code.clone().into()),
                ("people", people.into()),
                ("housed", (people - unhoused).into()),
                ("unhoused", unhoused.into()),
                ("reason", code),
                ("explanation", words(Lang::En)),
                ("explanation_zh", words(Lang::Zh)),
            ]),
        )
    });
    collection(features, crs)
}
