//! A commute/cost matrix from a routing engine, validated against its dataset.

/// A validated cost matrix: every entry names an existing group and site, costs are whole and
/// non-negative, and no pair appears twice.
///
/// When a scenario has one, it replaces great-circle distances and defines the allowed arcs:
/// a pair that is not listed is not an arc.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CostMatrix {
    /// `(group index, site index, cost)`, indexes into [`Dataset::demand`](super::Dataset::demand) and
    /// [`Dataset::sites`](super::Dataset::sites), sorted by group then site.
    pub entries: Vec<(usize, usize, i64)>,
}

impl CostMatrix {
    /// The cost of housing group `group` in site `site`, when the matrix lists the pair.
    pub fn cost(&self, group: usize, site: usize) -> Option<i64> {
        self.entries
            .binary_search_by(|&(g, s, _)| (g, s).cmp(&(group, site)))
            .ok()
            .map(|i| self.entries[i].2)
    }

    /// The entries of one group, sorted by site.
    pub fn of_group(&self, group: usize) -> &[(usize, usize, i64)] {
        let start = self.entries.partition_point(|&(g, _, _)| g < group);
        let end = self.entries.partition_point(|&(g, _, _)| g <= group);
        &self.entries[start..end]
    }
}
