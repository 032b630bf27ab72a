//! Why people are unhoused: every unhoused person gets one [`Reason`], derived from the group's
//! arcs and the sites' occupants after the solve (and re-derived by the checker).

use super::arcs::Reach;
use super::instance::Instance;

/// Why people of a group are unhoused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// No site at all lies within the cutoff and the group's own commute limit.
    NoSiteInRange,
    /// The only sites in range are other employers' dormitories.
    EmployerOnly,
    /// Every site the group may use is full.
    RangeFull,
    /// A keep-together group: no site it may use has room for the whole group.
    NoRoomForWholeGroup,
    /// Sites with room are reachable, but each costs more per person than the unhoused
    /// penalty (raise `unhoused_penalty_m`, `unhoused_penalty_s` with a matrix in seconds, or
    /// check the cost matrix).
    CostlierThanPenalty,
}

impl Reason {
    /// Every reason, in a stable order.
    pub const ALL: [Reason; 5] = [
        Reason::NoSiteInRange,
        Reason::EmployerOnly,
        Reason::RangeFull,
        Reason::NoRoomForWholeGroup,
        Reason::CostlierThanPenalty,
    ];

    /// The code printed in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NoSiteInRange => "NO_SITE_IN_RANGE",
            Reason::EmployerOnly => "EMPLOYER_ONLY",
            Reason::RangeFull => "RANGE_FULL",
            Reason::NoRoomForWholeGroup => "NO_ROOM_FOR_WHOLE_GROUP",
            Reason::CostlierThanPenalty => "COSTLIER_THAN_PENALTY",
        }
    }

    /// A sentence for a planner.
    pub fn explain(self) -> &'static str {
        match self {
            Reason::NoSiteInRange => "no site within the cutoff or the group's commute limit",
            Reason::EmployerOnly => "only other employers' dormitories are in range",
            Reason::RangeFull => "every site in range is full",
            Reason::NoRoomForWholeGroup => {
                "the group must stay together and no site in range has room for all of it"
            }
            Reason::CostlierThanPenalty => {
                "sites in range have room, but cost more per person than the unhoused penalty"
            }
        }
    }

    /// A sentence for a planner, in Chinese: [`Reason::explain`]'s words.
    pub fn explain_zh(self) -> &'static str {
        match self {
            Reason::NoSiteInRange => "截止距离及该组通勤上限内没有点位",
            Reason::EmployerOnly => "范围内只有其他企业的职工宿舍",
            Reason::RangeFull => "范围内的点位均已住满",
            Reason::NoRoomForWholeGroup => "该组须整体安置，范围内没有能容纳全组的点位",
            Reason::CostlierThanPenalty => "范围内的点位有空床，但每人费用高于未安置惩罚",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why group `g` has unhoused people, given the sites' occupants.
pub fn reason(inst: &Instance, g: usize, occupants: &[i64]) -> Reason {
    match inst.reach[g] {
        Reach::NoSiteInRange => return Reason::NoSiteInRange,
        Reach::EmployerOnly => return Reason::EmployerOnly,
        Reach::Reachable => {}
    }
    let free = |s: u32| inst.capacity[s as usize] - occupants[s as usize];
    let arcs = inst.arcs_of(g);
    if arcs.iter().all(|a| free(a.site) <= 0) {
        return Reason::RangeFull;
    }
    // Room for the people still out: one bed for a splittable group, all of them for a group
    // that must stay together.
    let need = if inst.keep_together[g] {
        inst.people[g]
    } else {
        1
    };
    if arcs.iter().any(|a| free(a.site) >= need) {
        Reason::CostlierThanPenalty
    } else {
        Reason::NoRoomForWholeGroup
    }
}
