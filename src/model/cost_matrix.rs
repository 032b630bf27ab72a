//! A commute/cost matrix from a routing engine, validated against its dataset.

/// A validated cost matrix: every entry names an existing group and site, costs are whole and
/// non-negative (at most 1,000,000,000), and no pair appears twice.
///
/// When a scenario has one, it replaces great-circle distances and defines the allowed arcs:
/// a pair that is not listed is not an arc.
///
/// Groups and sites are indexes into [`Dataset::demand`](super::Dataset::demand) and
/// [`Dataset::sites`](super::Dataset::sites). The entries are held compactly, eight bytes each:
/// each group's `(site, cost)` pairs sorted by site, one group after another, with where each
/// group's pairs start.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CostMatrix {
    /// Where the pairs of group `g` start in `pairs`, for `g` in `0..=`the last group listed;
    /// one more at the end. Empty when the matrix is.
    start: Vec<usize>,
    /// `(site, cost)` of every entry, by group then site.
    pairs: Vec<(u32, u32)>,
}

impl CostMatrix {
    /// The matrix of `(group, site, cost)` entries given in any order. The readers give each
    /// pair once; a pair given more than once keeps its lowest cost.
    pub fn new(entries: impl IntoIterator<Item = (u32, u32, u32)>) -> CostMatrix {
        let mut entries: Vec<(u32, u32, u32)> = entries.into_iter().collect();
        entries.sort_unstable();
        entries.dedup_by_key(|&mut (group, site, _)| (group, site));
        let groups = entries
            .last()
            .map_or(0, |&(group, _, _)| group as usize + 1);
        let mut start = vec![0; groups + usize::from(groups > 0)];
        for &(group, _, _) in &entries {
            start[group as usize + 1] += 1;
        }
        for g in 1..start.len() {
            start[g] += start[g - 1];
        }
        let mut pairs: Vec<(u32, u32)> = entries
            .into_iter()
            .map(|(_, site, cost)| (site, cost))
            .collect();
        // The pairs may take the place of the entries, which were larger.
        pairs.shrink_to_fit();
        CostMatrix { start, pairs }
    }

    /// How many pairs the matrix lists.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// True when the matrix lists no pair.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The cost of housing group `group` in site `site`, when the matrix lists the pair.
    pub fn cost(&self, group: usize, site: usize) -> Option<i64> {
        let pairs = self.pairs_of(group);
        let i = pairs
            .binary_search_by(|&(s, _)| (s as usize).cmp(&site))
            .ok()?;
        Some(i64::from(pairs[i].1))
    }

    /// The `(site, cost)` entries of one group, sorted by site.
    pub fn of_group(&self, group: usize) -> impl ExactSizeIterator<Item = (usize, i64)> + '_ {
        self.pairs_of(group)
            .iter()
            .map(|&(site, cost)| (site as usize, i64::from(cost)))
    }

    /// Every `(group, site, cost)` entry, by group then site.
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize, i64)> + '_ {
        (0..self.start.len().saturating_sub(1))
            .flat_map(move |g| self.of_group(g).map(move |(site, cost)| (g, site, cost)))
    }

    fn pairs_of(&self, group: usize) -> &[(u32, u32)] {
        match (self.start.get(group), self.start.get(group + 1)) {
            (Some(&from), Some(&to)) => &self.pairs[from..to],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_pairs_and_groups() {
        let m = CostMatrix::new([(2, 0, 1), (0, 3, 7), (0, 1, 5)]);
        assert_eq!(m.len(), 3);
        assert_eq!(m.cost(0, 3), Some(7));
        assert_eq!(m.cost(0, 2), None);
        assert_eq!(m.cost(1, 0), None);
        assert_eq!(m.cost(9, 0), None);
        assert_eq!(m.of_group(0).collect::<Vec<_>>(), [(1, 5), (3, 7)]);
        assert_eq!(m.of_group(1).len(), 0);
        assert_eq!(m.of_group(2).collect::<Vec<_>>(), [(0, 1)]);
        assert_eq!(m.of_group(3).len(), 0);
        assert_eq!(
            m.iter().collect::<Vec<_>>(),
            [(0, 1, 5), (0, 3, 7), (2, 0, 1)]
        );
    }

    #[test]
    fn an_empty_matrix_lists_nothing_and_a_repeated_pair_keeps_its_lowest_cost() {
        let m = CostMatrix::new([]);
        assert!(m.is_empty());
        assert_eq!(m.of_group(0).len(), 0);
        assert_eq!(m.iter().count(), 0);
        assert_eq!(m, CostMatrix::default());
        let m = CostMatrix::new([(1, 1, 9), (1, 1, 4)]);
        assert_eq!(m.iter().collect::<Vec<_>>(), [(1, 1, 4)]);
    }
}
