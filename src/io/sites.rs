//! The sites file: dormitories, apartments and rental-housing projects.

use super::fields::{Sign, bounds};
use super::records::{self, Columns, RowCx, Unique};
use super::towns::TownIndex;
use crate::catalogue::problems as say;
use crate::diag::{Code, Location, Problem};
use crate::model::{Area, Crs, ExpertReview, Fen, LonLat, Site, SiteKind, SiteStatus, Town};
use geo::{Distance, Haversine};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct SiteRow {
    id: Option<String>,
    name: Option<String>,
    town: Option<String>,
    kind: Option<String>,
    status: Option<String>,
    gross_m2: Option<String>,
    residential_m2: Option<String>,
    beds: Option<String>,
    cost_yuan: Option<String>,
    started_year: Option<String>,
    completed_year: Option<String>,
    converted_from: Option<String>,
    expert_review: Option<String>,
    safety_ok: Option<String>,
    structurally_safe: Option<String>,
    fire_safe: Option<String>,
    idle_before_conversion: Option<String>,
    employer: Option<String>,
    rent_yuan_month: Option<String>,
    lon: Option<String>,
    lat: Option<String>,
}

const COLUMNS: Columns = Columns {
    required: &["id", "name", "town", "kind", "status", "gross_m2"],
    optional: &[
        "residential_m2",
        "beds",
        "cost_yuan",
        "started_year",
        "completed_year",
        "converted_from",
        "expert_review",
        "safety_ok",
        "structurally_safe",
        "fire_safe",
        "idle_before_conversion",
        "employer",
        "rent_yuan_month",
    ],
    located: true,
};

/// Reads and validates the sites file against `towns`. Returns the valid sites, each with
/// its place in the file (for warnings raised later, once settings are known).
pub(crate) fn read_sites(
    path: &Path,
    crs: Crs,
    towns: &[Town],
    index: &TownIndex,
    problems: &mut Vec<Problem>,
) -> Vec<(Site, Location)> {
    let Some(records) = records::read::<SiteRow>(path, &COLUMNS, problems) else {
        return Vec::new();
    };
    let mut sites = Vec::with_capacity(records.len());
    let mut ids = Unique::default();
    for rec in &records {
        let mut cx = RowCx::new(path, rec.loc.clone(), problems);
        let r = &rec.row;
        let id = ids.id(&mut cx, "id", &r.id);
        let site = read_site(&mut cx, id, r, rec.geometry.as_ref(), crs, index);
        if let (Some(site), true) = (site, cx.ok) {
            warn_if_far(&mut cx, site.location, &towns[site.town]);
            sites.push((site, rec.loc.clone()));
        }
    }
    sites
}

fn read_site(
    cx: &mut RowCx<'_>,
    id: Option<&str>,
    r: &SiteRow,
    geometry: Option<&geo::Geometry<f64>>,
    crs: Crs,
    index: &TownIndex,
) -> Option<Site> {
    let name = cx.required("name", &r.name);
    let town = index.resolve(cx, &r.town);
    let kinds = SiteKind::ALL.map(SiteKind::as_str);
    let kind = cx.word(
        "kind",
        &r.kind,
        true,
        SiteKind::parse,
        Code::UNKNOWN_KIND,
        &kinds,
    );
    let statuses = SiteStatus::ALL.map(SiteStatus::as_str);
    let status = cx.word(
        "status",
        &r.status,
        true,
        SiteStatus::parse,
        Code::UNKNOWN_STATUS,
        &statuses,
    );
    let gross = cx.exact(
        "gross_m2",
        &r.gross_m2,
        true,
        Sign::Positive,
        bounds::AREA_M2,
        4,
    );
    let residential = cx.exact(
        "residential_m2",
        &r.residential_m2,
        false,
        Sign::Positive,
        bounds::AREA_M2,
        4,
    );
    let (gross, gross_exact) = (gross.map(|g| g.0), gross.map(|g| Area::from_units(g.1)));
    let (residential, residential_exact) = (
        residential.map(|r| r.0),
        residential.map(|r| Area::from_units(r.1)),
    );
    for (field, area) in [
        ("gross_m2", gross_exact),
        ("residential_m2", residential_exact),
    ] {
        if area.is_some_and(|a| a.units() == 0) {
            cx.report(
                Code::NOT_POSITIVE,
                field,
                say::BELOW_TENTH_MILLI_M2,
                say::AREA_AT_LEAST,
            );
        }
    }
    if let (Some(g), Some(res)) = (gross, residential)
        && res > g
    {
        cx.report(
            Code::RESIDENTIAL_ABOVE_GROSS,
            "residential_m2",
            say::RESIDENTIAL_AND_GROSS.with(&[("res", &res), ("gross", &g)]),
            say::RESIDENTIAL_AT_MOST_GROSS,
        );
    }
    let beds = cx.whole("beds", &r.beds, false, Sign::NonNegative, bounds::PEOPLE);
    if let (Some(b), Some(area)) = (beds, residential.or(gross)) {
        let most = (area / bounds::M2_PER_BED_MIN).floor() as u64;
        if b > most {
            cx.report(
                Code::ABSURD_VALUE,
                "beds",
                say::BEDS_IN_AREA.with(&[("beds", &b), ("area", &area)]),
                say::ONE_BED_PER.with(&[("per", &bounds::M2_PER_BED_MIN), ("most", &most)]),
            );
        }
    }
    let cost = cx
        .exact(
            "cost_yuan",
            &r.cost_yuan,
            false,
            Sign::NonNegative,
            bounds::COST_YUAN,
            2,
        )
        .map(|(_, fen)| Fen(fen));
    let started = cx.year("started_year", &r.started_year);
    let completed = cx.year("completed_year", &r.completed_year);
    if let (Some(s), Some(c)) = (started, completed)
        && s > c
    {
        cx.report(
            Code::START_AFTER_COMPLETION,
            "started_year",
            say::STARTED_COMPLETED.with(&[("started", &s), ("completed", &c)]),
            say::START_NOT_AFTER,
        );
    }
    let converted_from = cx.optional(&r.converted_from).map(str::to_string);
    if kind == Some(SiteKind::RentalConversion) && converted_from.is_none() {
        cx.report(
            Code::CONVERSION_WITHOUT_SOURCE,
            "converted_from",
            "",
            say::CONVERTED_FROM,
        );
    }
    let reviews = ExpertReview::ALL.map(ExpertReview::as_str);
    let expert_review = cx.word(
        "expert_review",
        &r.expert_review,
        false,
        ExpertReview::parse,
        Code::UNKNOWN_VALUE,
        &reviews,
    );
    let (structurally_safe, fire_safe) = safety(cx, r);
    let idle_before_conversion = cx.boolean("idle_before_conversion", &r.idle_before_conversion);
    let employer = cx.optional(&r.employer).map(str::to_string);
    let rent = cx.number(
        "rent_yuan_month",
        &r.rent_yuan_month,
        false,
        Sign::NonNegative,
        bounds::RENT_YUAN_MONTH,
    );
    let placed = cx.place(geometry, &r.lon, &r.lat, crs)?;
    Some(Site {
        id: id?.to_string(),
        name: name?.to_string(),
        town: town?,
        kind: kind?,
        status: status?,
        location: placed.point,
        polygon: placed.polygon,
        gross: gross_exact.filter(|a| a.units() > 0)?,
        residential: residential_exact.filter(|a| a.units() > 0),
        beds: beds.map(|b| b as u32),
        cost,
        started_year: started,
        completed_year: completed,
        converted_from,
        expert_review: expert_review.unwrap_or_default(),
        structurally_safe,
        fire_safe,
        idle_before_conversion,
        employer,
        rent_month: rent.and_then(Fen::from_yuan),
    })
}

/// Structural and fire safety: `structurally_safe` and `fire_safe`, each taken from `safety_ok`
/// (both at once) when not given; a `safety_ok` that contradicts either is an error.
fn safety(cx: &mut RowCx<'_>, r: &SiteRow) -> (Option<bool>, Option<bool>) {
    let both = cx.boolean("safety_ok", &r.safety_ok);
    let mut one = |field: &str, value: &Option<String>| {
        let v = cx.boolean(field, value);
        if let (Some(v), Some(b)) = (v, both)
            && v != b
        {
            cx.report(
                Code::CONTRADICTORY_VALUES,
                field,
                format!("{field} = {v}, safety_ok = {b}"),
                say::ONE_ANSWER,
            );
        }
        v.or(both)
    };
    let structural = one("structurally_safe", &r.structurally_safe);
    let fire = one("fire_safe", &r.fire_safe);
    (structural, fire)
}

/// Warns when a point lies farther than [`bounds::FAR_FROM_TOWN_KM`] from its town's
/// centroid: usually a wrong town, swapped digits or a GCJ-02 point read as WGS84 elsewhere.
pub(crate) fn warn_if_far(cx: &mut RowCx<'_>, point: LonLat, town: &Town) {
    let km = Haversine.distance(point, town.centroid) / 1000.0;
    if km > bounds::FAR_FROM_TOWN_KM {
        cx.report(
            Code::FAR_FROM_TOWN,
            "lon,lat",
            say::KM_FROM_TOWN.with(&[
                ("km", &format!("{km:.1}")),
                ("name", &town.name_zh),
                ("code", &town.code),
            ]),
            say::WITHIN_KM_OF_TOWN.with(&[("km", &bounds::FAR_FROM_TOWN_KM)]),
        );
    }
}
