//! The allocation for people: the terminal summary (size and proof, towns, the unhoused by
//! reason, where one more bed helps most) and the files `allocate` and `plan` write
//! (allocations, sites, towns and unhoused as CSV; flows, sites and groups as GeoJSON).

use crate::alloc::{Allocation, Instance, Reason};
use crate::figures::{AllocationFigures, Tally};
use crate::io::Outputs;
use crate::model::{CostUnit, Crs, Loaded};
use crate::numbers::{grouped, int, percent};
use crate::report::map::{collection, feature, footprint, lon_lat_text, position, properties};
use crate::report::terminal::table;
use serde::Serialize;
use std::io::Write;

/// Kilometres with two decimals, or empty.
fn km(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.2}")).unwrap_or_default()
}

/// The terminal summary: the model's size and proof, then towns, then the unhoused by reason.
pub fn print_summary(
    out: &mut dyn Write,
    loaded: &Loaded,
    inst: &Instance,
    alloc: &Allocation,
    summary: &AllocationFigures,
) -> std::io::Result<()> {
    let sc = &loaded.scenario;
    let set = &sc.settings;
    let name = match &sc.variant {
        Some(v) => format!("{} — variant {v}", sc.name),
        None => sc.name.clone(),
    };
    writeln!(out, "Allocation: {name}")?;
    let costs = arcs_in_words(loaded);
    writeln!(
        out,
        "{} groups, {} sites with beds at {} m² per person, {} arcs ({costs})",
        int(inst.groups.len() as u64),
        int(inst.sites.len() as u64),
        set.standard.plan,
        int(inst.arcs.len() as u64),
    )?;
    let proof = if alloc.is_proven() {
        "proven optimal".to_string()
    } else {
        format!(
            "best found after {} flow problems; at most {} above optimal",
            alloc.nodes,
            alloc.objective - alloc.bound
        )
    };
    writeln!(
        out,
        "Objective {} ({proof}); checked independently: capacity, people, arcs, priority, reasons",
        alloc.objective
    )?;
    writeln!(out)?;
    let mut t = table(
        &[
            "code", "town", "demand", "housed", "unhoused", "housed %", "beds", "occupied",
            "mean km", "p95 km",
        ],
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
    t.add_row(row("total".to_string(), String::new(), summary.total()));
    let f = summary.total();
    let distances = match set.allocation.cost_unit {
        CostUnit::Metres => "",
        // The commutes of the table are distances whatever the matrix's unit.
        CostUnit::Seconds => "; km are great-circle distances",
    };
    writeln!(
        out,
        "By town (groups count where they work, beds where the sites are{distances})"
    )?;
    writeln!(out, "{t}")?;
    if f.unhoused > 0 {
        writeln!(out)?;
        writeln!(out, "Unhoused people by reason")?;
        for (reason, n) in &f.unhoused_by_reason {
            writeln!(
                out,
                "  {:<24} {:>9}  {}",
                reason.as_str(),
                int(*n),
                reason.explain()
            )?;
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
        writeln!(
            out,
            "Where one more bed helps most (shadow price: objective saved by one more bed, in \
             {}; housing one more person saves the unhoused penalty of {} less their commute)",
            unit.words(),
            unit.show(set.allocation.unhoused_penalty)
        )?;
        for &(p, s) in prices.iter().take(5) {
            let site = &sc.dataset.sites[inst.sites[s]];
            let town = &sc.dataset.towns[site.town];
            writeln!(
                out,
                "  {:<8} {:<10} {:>9}  {}",
                site.id,
                town.name_zh,
                grouped(p),
                site.name
            )?;
        }
    }
    Ok(())
}

/// The arcs in a few words: what the costs are and which pairs are arcs.
fn arcs_in_words(loaded: &Loaded) -> String {
    let a = &loaded.scenario.settings.allocation;
    if loaded.cost_matrix.is_none() {
        return format!(
            "commute in metres, {} nearest sites within {} km",
            a.nearest_k, a.cutoff_km
        );
    }
    let limits = a.matrix_arcs;
    let which = match (limits.nearest_k, limits.cutoff) {
        (None, None) => "every pair it lists".to_string(),
        (Some(k), None) => format!("up to {k} pairs per group, cheapest first"),
        (None, Some(c)) => format!("the pairs within {}", a.cost_unit.show(c)),
        (Some(k), Some(c)) => format!(
            "up to {k} pairs per group within {}, cheapest first",
            a.cost_unit.show(c)
        ),
    };
    format!(
        "costs in {} from the cost matrix, {which}",
        a.cost_unit.words()
    )
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
    shadow_price: i64,
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
    explanation: &'a str,
    lon: String,
    lat: String,
}

/// Every output file of an allocation: `allocations.csv`, `sites.csv`, `towns.csv`,
/// `unhoused.csv`, `flows.geojson`, `sites.geojson` and `groups.geojson`, with every coordinate
/// in `crs`.
pub fn allocation_outputs(
    loaded: &Loaded,
    inst: &Instance,
    alloc: &Allocation,
    summary: &AllocationFigures,
    crs: Crs,
) -> Outputs {
    let data = &loaded.scenario.dataset;
    let unit = loaded.scenario.settings.allocation.cost_unit;
    let column = cost_columns(unit);
    let town_code = |t: usize| data.towns[t].code.as_str();
    let mut outputs = Outputs::new();
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
                shadow_price: f.shadow_price,
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
    outputs.add_csv(
        "unhoused.csv",
        (0..inst.groups.len()).filter_map(|g| {
            let reason: Reason = alloc.reasons[g]?;
            let d = &data.demand[inst.groups[g]];
            let (lon, lat) = lon_lat_text(d.location, crs);
            Some(UnhousedRow {
                group: &d.id,
                town: town_code(d.town),
                people: alloc.unhoused[g],
                priority: d.priority,
                keep_together: d.keep_together,
                reason: reason.as_str(),
                explanation: reason.explain(),
                lon,
                lat,
            })
        }),
    );
    outputs.add("flows.geojson", flows_geojson(loaded, inst, alloc, crs));
    outputs.add(
        "sites.geojson",
        sites_geojson(loaded, inst, summary, &column, crs),
    );
    outputs.add("groups.geojson", groups_geojson(loaded, inst, alloc, crs));
    outputs
}

/// The names of the columns of costs (`cost`, `shadow_price`) in `unit`: as they have always
/// been in metres, `cost_s` and `shadow_price_s` in seconds.
fn cost_columns(unit: CostUnit) -> impl Fn(&str) -> String {
    move |name: &str| match name {
        "cost" | "shadow_price" => unit.column(name),
        _ => name.to_string(),
    }
}

/// One line per placement, from the group's location to the site's, with the people on it.
fn flows_geojson(loaded: &Loaded, inst: &Instance, alloc: &Allocation, crs: Crs) -> Vec<u8> {
    let data = &loaded.scenario.dataset;
    let features = alloc
        .placements
        .iter()
        .map(|p| {
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
        })
        .collect();
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
    let features = summary
        .sites
        .iter()
        .map(|f| {
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
                    (&column("shadow_price"), f.shadow_price.into()),
                    ("lon", point[0].into()),
                    ("lat", point[1].into()),
                ]),
            )
        })
        .collect();
    collection(features, crs)
}

/// One point per demand group, where it works: its people, how many are housed and unhoused,
/// and why, when some are (the reason's code and its words in English and Chinese; null when
/// everyone is housed).
fn groups_geojson(loaded: &Loaded, inst: &Instance, alloc: &Allocation, crs: Crs) -> Vec<u8> {
    let data = &loaded.scenario.dataset;
    let features = (0..inst.groups.len())
        .map(|g| {
            let d = &data.demand[inst.groups[g]];
            let (people, unhoused) = (inst.people[g], alloc.unhoused[g]);
            let reason = alloc.reasons[g];
            let words =
                |say: fn(Reason) -> &'static str| -> serde_json::Value { reason.map(say).into() };
            feature(
                geojson::GeometryValue::new_point(position(d.location, crs)),
                properties(vec![
                    ("id", d.id.clone().into()),
                    ("town", data.towns[d.town].code.clone().into()),
                    ("people", people.into()),
                    ("housed", (people - unhoused).into()),
                    ("unhoused", unhoused.into()),
                    ("reason", words(Reason::as_str)),
                    ("explanation", words(Reason::explain)),
                    ("explanation_zh", words(Reason::explain_zh)),
                ]),
            )
        })
        .collect();
    collection(features, crs)
}
