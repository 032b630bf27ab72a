//! Priority by residence-permit points (量化积分): a bed never goes to a lower-priority person
//! while a higher-priority one who could use it is left out.
//!
//! Points become ranks (0 for the lowest value present, one more per higher distinct value),
//! and a group's cost of leaving one person unhoused is `penalty + rank × (costliest arc + 1)`.
//! Moving a bed from a group of rank r+1 to one of rank r then always costs more than any
//! commute it could save, so the optimum houses higher ranks first — lexicographically, not by
//! a weight that a long enough commute could outweigh. The checker verifies the property.

use crate::error::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};

/// Ranks of priority points: 0 for the lowest value present, one more per higher distinct value.
/// Only the order of points matters to who is housed first, and ranks keep costs small.
pub fn ranks(points: impl Iterator<Item = u32> + Clone) -> Vec<u32> {
    let distinct: BTreeMap<u32, u32> = points
        .clone()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .enumerate()
        .map(|(rank, p)| (p, rank as u32))
        .collect();
    points.map(|p| distinct[&p]).collect()
}

/// The cost of leaving one person unhoused for each rank: `penalty + rank × step`, where `step`
/// is one more than the costliest arc. Fails on absurd input whose costs overflow `i64`.
pub fn unhoused_costs(ranks: &[u32], step: i64, penalty: i64) -> Result<Vec<i64>> {
    ranks
        .iter()
        .map(|&r| {
            i64::from(r)
                .checked_mul(step)
                .and_then(|x| x.checked_add(penalty))
                .ok_or_else(|| Error::TooLarge("priority ranks × the costliest arc".to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_follow_points_not_their_size() {
        let r = ranks([0u32, 150, 20, 0, 150, 1_000_000].into_iter());
        assert_eq!(r, vec![0, 2, 1, 0, 2, 3]);
    }

    #[test]
    fn a_higher_rank_costs_more_than_any_commute() {
        // Costliest arc 9,000 m: step 9,001.
        let costs = unhoused_costs(&[0, 1, 2], 9_001, 100_000).unwrap();
        assert_eq!(costs, vec![100_000, 109_001, 118_002]);
        assert!(matches!(
            unhoused_costs(&[u32::MAX], i64::MAX / 2, 1),
            Err(Error::TooLarge(_))
        ));
    }
}
