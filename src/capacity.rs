//! Capacity: how many people each site may house under a per-person floor-area standard.
//!
//! Capacity at standard `s` is ⌊residential m² / s⌋, and never more than the declared beds
//! where those are given. Residential area is
//! [`Site::residential_area`](crate::model::Site::residential_area). All arithmetic is in
//! integers (see [`crate::model::Area`]).

use crate::model::{Settings, Site, Standard};

/// People the site may house at `standard`: ⌊residential / standard⌋, capped by declared beds.
pub fn beds_at(site: &Site, settings: &Settings, standard: Standard) -> u64 {
    let by_area = site
        .residential_area(&settings.standard)
        .persons_at(standard);
    match site.beds {
        Some(beds) => by_area.min(u64::from(beds)),
        None => by_area,
    }
}

/// People the site may house at the scenario's planning standard.
pub fn beds(site: &Site, settings: &Settings) -> u64 {
    beds_at(site, settings, settings.standard.plan)
}

/// True when the site counts as supply in this scenario: its status and kind are included and, when the
/// scenario has an `as_of_year`, it was completed by then (sites without a year count).
pub fn in_supply(site: &Site, settings: &Settings) -> bool {
    settings.standard.include_status.contains(&site.status)
        && settings.standard.include_kind.contains(&site.kind)
        && match (settings.as_of_year, site.completed_year) {
            (Some(as_of), Some(done)) => done <= as_of,
            _ => true,
        }
}
