//! What stood between an unhoused group and a bed: how many sites it could use, and the
//! nearest site that still had a free bed after the allocation, with why the group could not
//! have it. A reason code says which rule left people out; this says where the nearest spare
//! bed was and which rule kept them from it, so a planner sees what would change the answer.

use super::arcs::{PointIndex, distance_m};
use super::checker::employer_allows;
use super::instance::{Instance, km_to_m};
use super::{Allocation, Reason};
use crate::catalogue::{Lang, words};
use crate::model::Scenario;

/// Why a group could not use the nearest site with a free bed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhyNot {
    /// It is another employer's dormitory.
    OtherEmployer,
    /// It is beyond the scenario's cutoff.
    BeyondCutoff,
    /// It is beyond the group's own commute limit.
    BeyondOwnLimit,
    /// It is within range but not among the group's `nearest_k` nearest sites.
    NotAmongNearest,
    /// With a cost matrix: not among the pairs the matrix and its limits allow.
    NotAMatrixPair,
    /// The group must stay together and the site has fewer free beds than it has people.
    TooFewBedsForWholeGroup,
    /// The group may use it, but its commute costs more than leaving a person unhoused.
    CostlierThanPenalty,
}

impl WhyNot {
    /// In a few words, for a summary of many groups.
    pub fn explain(self, lang: Lang) -> &'static str {
        match self {
            WhyNot::OtherEmployer => words::WHY_OTHER_EMPLOYER,
            WhyNot::BeyondCutoff => words::WHYS_BEYOND_CUTOFF,
            WhyNot::BeyondOwnLimit => words::WHYS_BEYOND_OWN_LIMIT,
            WhyNot::NotAmongNearest => words::WHYS_NOT_AMONG_NEAREST,
            WhyNot::NotAMatrixPair => words::WHY_NOT_A_MATRIX_PAIR,
            WhyNot::TooFewBedsForWholeGroup => words::WHYS_TOO_FEW_BEDS_FOR_WHOLE_GROUP,
            WhyNot::CostlierThanPenalty => words::WHY_COSTLIER_THAN_PENALTY,
        }
        .get(lang)
    }

    /// Its code in CSV files.
    pub fn as_str(self) -> &'static str {
        match self {
            WhyNot::OtherEmployer => "OTHER_EMPLOYER",
            WhyNot::BeyondCutoff => "BEYOND_CUTOFF",
            WhyNot::BeyondOwnLimit => "BEYOND_OWN_LIMIT",
            WhyNot::NotAmongNearest => "NOT_AMONG_NEAREST",
            WhyNot::NotAMatrixPair => "NOT_A_MATRIX_PAIR",
            WhyNot::TooFewBedsForWholeGroup => "TOO_FEW_BEDS_FOR_WHOLE_GROUP",
            WhyNot::CostlierThanPenalty => "COSTLIER_THAN_PENALTY",
        }
    }
}

/// The nearest site with a free bed after the allocation, seen from an unhoused group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NearestFree {
    /// The site, as an index of the scenario's sites.
    pub site: usize,
    /// Its great-circle distance from the group, whole metres.
    pub metres: u32,
    /// Its free beds.
    pub free: i64,
    /// Why the group could not have them.
    pub why: WhyNot,
}

/// The evidence behind one unhoused group's reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// The sites the group could use (its arcs).
    pub usable_sites: usize,
    /// The nearest site with a free bed, if any site has one.
    pub nearest_free: Option<NearestFree>,
}

/// The evidence for every group with unhoused people (`None` for the others), from the sites
/// of the allocation's instance. One nearest-neighbour search per unhoused group over the
/// sites with free beds, so it costs n log n, not groups × sites.
pub fn evidence(scenario: &Scenario, inst: &Instance, alloc: &Allocation) -> Vec<Option<Evidence>> {
    let data = &scenario.dataset;
    let settings = &scenario.settings.allocation;
    let with_room: Vec<usize> = (0..inst.sites.len())
        .filter(|&s| inst.capacity[s] > alloc.occupants[s])
        .collect();
    let points: Vec<_> = with_room
        .iter()
        .map(|&s| data.sites[inst.sites[s]].location)
        .collect();
    let index = PointIndex::new(&points);
    let matrix = settings.cost_matrix.is_some();
    (0..inst.groups.len())
        .map(|g| {
            alloc.reasons[g]?;
            let group = &data.demand[inst.groups[g]];
            let nearest_free = index.nearest(group.location).map(|(i, metres)| {
                let s = with_room[i];
                let site = &data.sites[inst.sites[s]];
                let free = inst.capacity[s] - alloc.occupants[s];
                let arc = inst.arcs_of(g).iter().find(|a| a.site as usize == s);
                let why = if !employer_allows(site, group.employer.as_deref()) {
                    WhyNot::OtherEmployer
                } else if !matrix && metres > km_to_m(settings.cutoff_km) {
                    WhyNot::BeyondCutoff
                } else if group
                    .max_commute_km
                    .is_some_and(|km| distance_m(group.location, site.location) > km_to_m(km))
                {
                    WhyNot::BeyondOwnLimit
                } else if arc.is_none() && matrix {
                    WhyNot::NotAMatrixPair
                } else if arc.is_none() {
                    WhyNot::NotAmongNearest
                } else if inst.keep_together[g] && free < inst.people[g] {
                    WhyNot::TooFewBedsForWholeGroup
                } else {
                    WhyNot::CostlierThanPenalty
                };
                NearestFree {
                    site: inst.sites[s],
                    metres,
                    free,
                    why,
                }
            });
            Some(Evidence {
                usable_sites: inst.arcs_of(g).len(),
                nearest_free,
            })
        })
        .collect()
}

/// Whether the reason and the evidence agree: a group left out because its range is full has
/// no site with room among its arcs, so the nearest free bed is one it may not use (or is
/// not in range); one left out for cost has a free bed it may use.
pub fn agrees(reason: Reason, evidence: &Evidence) -> bool {
    let why = evidence.nearest_free.map(|n| n.why);
    match reason {
        Reason::NoSiteInRange | Reason::EmployerOnly | Reason::RangeFull => {
            why != Some(WhyNot::CostlierThanPenalty) && why != Some(WhyNot::TooFewBedsForWholeGroup)
        }
        Reason::NoRoomForWholeGroup => why != Some(WhyNot::CostlierThanPenalty),
        Reason::CostlierThanPenalty => true,
    }
}
