//! The demand file: groups of people who need a bed.

use super::fields::{Sign, bounds};
use super::records::{self, Columns, RowCx, Unique};
use super::sites::warn_if_far;
use super::towns::TownIndex;
use crate::diag::{Location, Problem};
use crate::model::{Crs, DemandGroup, Town};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct DemandRow {
    id: Option<String>,
    town: Option<String>,
    people: Option<String>,
    employer: Option<String>,
    priority: Option<String>,
    keep_together: Option<String>,
    max_commute_km: Option<String>,
    lon: Option<String>,
    lat: Option<String>,
}

const COLUMNS: Columns = Columns {
    required: &["id", "town", "people"],
    optional: &["employer", "priority", "keep_together", "max_commute_km"],
    located: true,
};

/// Reads and validates the demand file against `towns`. Returns the valid groups, each with
/// its place in the file.
pub(crate) fn read_demand(
    path: &Path,
    crs: Crs,
    towns: &[Town],
    index: &TownIndex,
    problems: &mut Vec<Problem>,
) -> Vec<(DemandGroup, Location)> {
    let Some(records) = records::read::<DemandRow>(path, &COLUMNS, problems) else {
        return Vec::new();
    };
    let mut groups = Vec::with_capacity(records.len());
    let mut ids = Unique::default();
    for rec in &records {
        let mut cx = RowCx::new(path, rec.loc.clone(), problems);
        let r = &rec.row;
        let id = ids.id(&mut cx, "id", &r.id);
        let town = index.resolve(&mut cx, &r.town);
        let people = cx.whole("people", &r.people, true, Sign::Positive, bounds::PEOPLE);
        let employer = cx.optional(&r.employer).map(str::to_string);
        let priority = cx.whole(
            "priority",
            &r.priority,
            false,
            Sign::NonNegative,
            bounds::PRIORITY,
        );
        let keep_together = cx.boolean("keep_together", &r.keep_together);
        let max_commute_km = cx.number(
            "max_commute_km",
            &r.max_commute_km,
            false,
            Sign::Positive,
            bounds::COMMUTE_KM,
        );
        let placed = cx.place(rec.geometry.as_ref(), &r.lon, &r.lat, crs);
        if !cx.ok {
            continue;
        }
        if let (Some(id), Some(town), Some(people), Some(placed)) = (id, town, people, placed) {
            warn_if_far(&mut cx, placed.point, &towns[town]);
            let group = DemandGroup {
                id: id.to_string(),
                town,
                people: people as u32,
                location: placed.point,
                employer,
                priority: priority.unwrap_or(0) as u32,
                keep_together: keep_together.unwrap_or(false),
                max_commute_km,
            };
            groups.push((group, rec.loc.clone()));
        }
    }
    groups
}
