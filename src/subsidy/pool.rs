//! Sharing a programme's pool among its eligible projects when their requests exceed it.
//!
//! Only eligible projects draw on the pool; potential ones keep their request as what they
//! would be paid. Both rules round each share down (per the programme's rounding), so the
//! shares never add up to more than the pool and no project gets more than it requested.
//! Whatever rounding leaves over stays in the pool, unpaid ([`PoolOutcome::unallocated`]):
//! handing it out would need a second, arbitrary rule about who gets the odd fen.

use super::outcome::{Cap, Eligibility, PoolOutcome, ProjectSubsidy};
use super::rules::round_down;
use crate::model::{Fen, Site};
use crate::policy::{Pool, PoolRule, Rounding};
use std::cmp::Ordering;

/// Shares `pool` among the eligible projects (whose `amount` is their request on entry) and
/// marks every project paid less than its request with [`Cap::Pool`].
pub(super) fn share(
    pool: &Pool,
    rounding: Rounding,
    projects: &mut [ProjectSubsidy],
    sites: &[Site],
) -> PoolOutcome {
    let total = Fen(pool.total.0.max(0));
    let eligible: Vec<usize> = (0..projects.len())
        .filter(|&i| projects[i].eligibility == Eligibility::Eligible)
        .collect();
    let requested: i128 = eligible
        .iter()
        .map(|&i| i128::from(projects[i].amount.0))
        .sum();
    let short = requested > i128::from(total.0);
    if short {
        match pool.rule {
            PoolRule::ProRata => pro_rata(total, requested, rounding, projects, &eligible),
            PoolRule::BedsPerYuan => in_order(
                total,
                rounding,
                projects,
                by_beds_per_yuan(projects, sites, eligible.clone()),
            ),
        }
    }
    let granted: i64 = eligible.iter().map(|&i| projects[i].amount.0).sum();
    PoolOutcome {
        total,
        rule: pool.rule,
        requested: Fen(i64::try_from(requested).unwrap_or(i64::MAX)),
        granted: Fen(granted),
        unallocated: Fen(total.0 - granted),
        short,
    }
}

/// Cuts `project` to `amount`, marking the pool as binding when that is less than requested.
fn pay(project: &mut ProjectSubsidy, amount: Fen) {
    if amount < project.amount {
        project.binding = Some(Cap::Pool);
    }
    project.amount = amount;
}

/// Every project gets ⌊request × total / requested⌋, rounded down per the programme.
fn pro_rata(
    total: Fen,
    requested: i128,
    rounding: Rounding,
    projects: &mut [ProjectSubsidy],
    eligible: &[usize],
) {
    for &i in eligible {
        let exact = i128::from(projects[i].amount.0) * i128::from(total.0) / requested;
        // exact ≤ request (total < requested), so it fits an i64.
        let share = Fen(i64::try_from(exact).unwrap_or(0));
        pay(&mut projects[i], round_down(share, rounding));
    }
}

/// Funds projects in full in the given order; the first that does not fit gets what is left
/// (rounded down) and every later one gets nothing, so the order alone decides who is cut.
fn in_order(total: Fen, rounding: Rounding, projects: &mut [ProjectSubsidy], order: Vec<usize>) {
    let mut left = total.0;
    let mut exhausted = false;
    for i in order {
        let request = projects[i].amount.0;
        let paid = if exhausted {
            Fen::ZERO
        } else if request <= left {
            Fen(request)
        } else {
            exhausted = true;
            round_down(Fen(left), rounding)
        };
        left -= paid.0;
        pay(&mut projects[i], paid);
    }
}

/// Eligible projects ordered by beds per yuan requested, most first; projects requesting
/// nothing come first (they cost the pool nothing); ties by site id, then by position.
fn by_beds_per_yuan(
    projects: &[ProjectSubsidy],
    sites: &[Site],
    mut eligible: Vec<usize>,
) -> Vec<usize> {
    let id = |i: usize| sites.get(projects[i].site).map(|s| s.id.as_str());
    eligible.sort_by(|&a, &b| {
        let (pa, pb) = (&projects[a], &projects[b]);
        let (ra, rb) = (i128::from(pa.amount.0), i128::from(pb.amount.0));
        let by_ratio = match (ra == 0, rb == 0) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            // beds_a / ra > beds_b / rb  ⇔  beds_a × rb > beds_b × ra (both requests positive)
            (false, false) => (i128::from(pb.beds) * ra).cmp(&(i128::from(pa.beds) * rb)),
        };
        by_ratio.then_with(|| id(a).cmp(&id(b))).then(a.cmp(&b))
    });
    eligible
}
