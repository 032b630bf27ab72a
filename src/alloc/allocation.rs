//! An allocation: who lives where, who is unhoused and why, and what one more bed is worth.

use super::reasons::Reason;

/// People of one group placed at one site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// Index into [`Instance::groups`](super::Instance::groups).
    pub group: u32,
    /// Index into [`Instance::sites`](super::Instance::sites).
    pub site: u32,
    /// People placed.
    pub people: i64,
    /// Cost per person on this arc.
    pub cost: i64,
    /// Commute in whole metres.
    pub metres: u32,
}

/// An optimal allocation of an [`Instance`](super::Instance).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    /// Placements, ordered by group, then by the group's arc order (cost, then site).
    pub placements: Vec<Placement>,
    /// People of each group left unhoused.
    pub unhoused: Vec<i64>,
    /// Why, for each group with unhoused people.
    pub reasons: Vec<Option<Reason>>,
    /// Occupants of each site.
    pub occupants: Vec<i64>,
    /// Shadow price of each site: how much the objective falls with one more bed there (from
    /// the flow problem of the final search node when keep-together groups were branched on).
    pub shadow_price: Vec<i64>,
    /// Σ cost·x + Σ unhoused_cost·u.
    pub objective: i128,
    /// A proven lower bound on the objective: equal to it unless the search hit its node limit.
    pub bound: i128,
    /// Flow problems solved (1 when no keep-together group was split).
    pub nodes: u64,
    /// The prices that prove [`Duals::bound`] over every pair in range (empty when the
    /// allocation was solved on its arcs alone, as a plan's search does). With spare beds
    /// shared, those of the normal allocation (stage 1).
    pub duals: Duals,
    /// The spare-bed stage, when the scenario shares spare dormitory beds and it housed
    /// anyone or could have (see [`crate::alloc::spare`]).
    pub spare: Option<Box<Spare>>,
}

/// What the checker needs of an allocation in two stages: the normal allocation's figures,
/// and the prices that prove the spare-bed stage optimal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spare {
    /// The normal allocation's objective (stage 1).
    pub first_objective: i128,
    /// Its proven lower bound.
    pub first_bound: i128,
    /// Its reasons for the groups it left unhoused.
    pub first_reasons: Vec<Option<Reason>>,
    /// Stage 2's objective: the commutes of the people placed on spare beds and the unhoused
    /// cost of everyone stage 1 left out and stage 2 did not house.
    pub objective: i128,
    /// Its proven lower bound.
    pub bound: i128,
    /// Prices over every pair of a group with people left out and a sharing dormitory with
    /// free beds after stage 1 (the beds free, the people left out).
    pub duals: Duals,
}

/// Prices of the flow problem over every pair in range, which prove a lower bound on every
/// allocation: `bound = Σ people·group_price − Σ beds·site_price`, with `site_price ≥ 0`,
/// `group_price ≤` the group's unhoused cost, and `cost + site_price ≥ group_price` on every
/// pair in range. Without keep-together groups the bound equals the objective.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Duals {
    /// Per site: what one more bed there is worth.
    pub site_price: Vec<i64>,
    /// Per group: what one person fewer is worth.
    pub group_price: Vec<i64>,
    /// The lower bound they prove.
    pub bound: i128,
}

impl Allocation {
    /// True when the objective is proven optimal.
    pub fn is_proven(&self) -> bool {
        self.bound == self.objective
    }
}
