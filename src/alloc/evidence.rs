//! What stood between an unhoused group and a bed: how many sites it could use, and the
//! nearest site that still had a free bed after the allocation, with why the group could not
//! have it. A reason code says which rule left people out; this says where the nearest spare
//! bed was and which rule kept them from it, so a planner sees what would change the answer.

use super::arcs::PointIndex;
use super::checker::employer_allows;
use super::instance::{Instance, km_to_m};
use super::pricing::{InRange, Who};
use super::spare::shares;
use super::{Allocation, Reason};
use crate::capacity;
use crate::catalogue::{Lang, words};
use crate::model::{CostMatrix, Scenario, SiteStatus};

/// Why a group could not use the nearest site with a free bed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhyNot {
    /// It is another employer's dormitory.
    OtherEmployer,
    /// It is a candidate project, not built.
    NotBuilt,
    /// It stands but the scenario's supply leaves it out (its kind, status or year).
    OutsideSupply,
    /// It is beyond the scenario's cutoff.
    BeyondCutoff,
    /// It is beyond the group's own commute limit.
    BeyondOwnLimit,
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
            WhyNot::NotBuilt => words::WHY_NOT_BUILT,
            WhyNot::OutsideSupply => words::WHY_OUTSIDE_SUPPLY,
            WhyNot::BeyondCutoff => words::WHYS_BEYOND_CUTOFF,
            WhyNot::BeyondOwnLimit => words::WHYS_BEYOND_OWN_LIMIT,
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
            WhyNot::NotBuilt => "NOT_BUILT",
            WhyNot::OutsideSupply => "OUTSIDE_SUPPLY",
            WhyNot::BeyondCutoff => "BEYOND_CUTOFF",
            WhyNot::BeyondOwnLimit => "BEYOND_OWN_LIMIT",
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
    /// Its free beds (all its beds at the standard, for a site not built).
    pub free: i64,
    /// Why the group could not have them.
    pub why: WhyNot,
}

/// The evidence behind one unhoused group's reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// The sites the group may use: every site in range that the employer rule allows (with
    /// a cost matrix: every pair within its limits), and with spare beds shared, the sharing
    /// dormitories of other employers in range.
    pub usable_sites: usize,
    /// The nearest site with a free bed, built or not, if any site has one.
    pub nearest_free: Option<NearestFree>,
}

/// The evidence for every group with unhoused people (`None` for the others). The sites with
/// a free bed are the instance's sites with room and every site outside it with beds at the
/// standard (a candidate not built, or a site left out of the supply). One nearest-neighbour
/// search per unhoused group, and its sites in range counted from the spatial index or the
/// matrix row: it grows with the unhoused and the sites near them, not groups × sites.
pub fn evidence(
    scenario: &Scenario,
    matrix: Option<&CostMatrix>,
    inst: &Instance,
    alloc: &Allocation,
) -> Vec<Option<Evidence>> {
    let data = &scenario.dataset;
    let settings = &scenario.settings;
    let allocation = &settings.allocation;
    // (dataset site, free beds, built) of every site with a free bed.
    let mut in_instance = vec![false; data.sites.len()];
    let mut with_room: Vec<(usize, i64, bool)> = Vec::new();
    for (s, &i) in inst.sites.iter().enumerate() {
        in_instance[i] = true;
        if inst.capacity[s] > alloc.occupants[s] {
            with_room.push((i, inst.capacity[s] - alloc.occupants[s], true));
        }
    }
    for (i, site) in data.sites.iter().enumerate() {
        let beds = i64::try_from(capacity::beds(site, settings)).unwrap_or(i64::MAX);
        if !in_instance[i] && beds > 0 {
            with_room.push((i, beds, false));
        }
    }
    with_room.sort_unstable_by_key(|&(i, _, _)| i);
    let points: Vec<_> = with_room
        .iter()
        .map(|&(i, _, _)| data.sites[i].location)
        .collect();
    let index = PointIndex::new(&points);
    let pairs = InRange::new(scenario, matrix, inst);
    let cutoff = km_to_m(allocation.cutoff_km);
    // With spare beds shared, the dormitories that share are open to every worker.
    let sharing = alloc.spare.is_some();
    let shared: Vec<bool> = inst
        .sites
        .iter()
        .map(|&i| sharing && shares(scenario, &data.sites[i]))
        .collect();
    let who = if sharing {
        Who::Either(&shared)
    } else {
        Who::Employer
    };
    (0..inst.groups.len())
        .map(|g| {
            alloc.reasons[g]?;
            let group = &data.demand[inst.groups[g]];
            let nearest_free = index.nearest(group.location).map(|(k, metres)| {
                let (i, free, built) = with_room[k];
                let site = &data.sites[i];
                let own = group.max_commute_km.map(km_to_m);
                let open = sharing && shares(scenario, site);
                let why = if !employer_allows(site, group.employer.as_deref()) && !open {
                    WhyNot::OtherEmployer
                } else if !built && site.status == SiteStatus::Candidate {
                    WhyNot::NotBuilt
                } else if !built {
                    WhyNot::OutsideSupply
                } else if matrix.is_none() && metres > cutoff {
                    WhyNot::BeyondCutoff
                } else if own.is_some_and(|m| metres > m) {
                    WhyNot::BeyondOwnLimit
                } else if matrix.is_some() && !pairs.contains(inst, g, i) {
                    WhyNot::NotAMatrixPair
                } else if inst.keep_together[g] && free < inst.people[g] {
                    WhyNot::TooFewBedsForWholeGroup
                } else {
                    WhyNot::CostlierThanPenalty
                };
                NearestFree {
                    site: i,
                    metres,
                    free,
                    why,
                }
            });
            Some(Evidence {
                usable_sites: pairs.count_of(inst, g, who),
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
