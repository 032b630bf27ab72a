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
}

impl Allocation {
    /// True when the objective is proven optimal.
    pub fn is_proven(&self) -> bool {
        self.bound == self.objective
    }
}
