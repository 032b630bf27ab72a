//! Sharing a programme's pool among its eligible projects when their requests exceed it.
//!
//! Only eligible projects draw on the pool; potential ones keep their request as what they
//! would be paid. Both rules round each share down (per the programme's rounding), so the
//! shares never add up to more than the pool and no project gets more than it requested.
//! Whatever rounding leaves over stays in the pool, unpaid ([`PoolOutcome::unallocated`]):
//! handing it out would need a second, arbitrary rule about who gets the odd fen.

use super::outcome::{Cap, Eligibility, PoolOutcome, ProjectSubsidy};
use super::rules::round_down;
use crate::model::policy::{Pool, PoolRule, Rounding};
use crate::model::{Fen, Site};
use std::cmp::Ordering;

/// Shares `pool` among the eligible projects (whose `amount` is their request on entry) and
/// marks every project paid less than its request with [`Cap::Pool`]; an eligible project paid
/// nothing becomes [`Eligibility::Unfunded`]. Then the potential projects share what is left
/// by the same rule, as they would if they all passed: their amounts become pool-adjusted.
pub(super) fn share(
    pool: &Pool,
    rounding: Rounding,
    projects: &mut [ProjectSubsidy],
    sites: &[Site],
) -> PoolOutcome {
    let total = Fen(pool.total.0.max(0));
    let of = |e: Eligibility, projects: &[ProjectSubsidy]| -> Vec<usize> {
        (0..projects.len())
            .filter(|&i| projects[i].eligibility == e)
            .collect()
    };
    let eligible = of(Eligibility::Eligible, projects);
    let (requested, granted, short) =
        divide(total, pool.rule, rounding, projects, &eligible, sites);
    for &i in &eligible {
        if projects[i].amount == Fen::ZERO && projects[i].request.is_some_and(|r| r.0 > 0) {
            projects[i].eligibility = Eligibility::Unfunded;
        }
    }
    let unallocated = Fen(total.0 - granted);
    let potential = of(Eligibility::Potential, projects);
    let (potential_requested, potential_granted, _) = divide(
        unallocated,
        pool.rule,
        rounding,
        projects,
        &potential,
        sites,
    );
    let fen = |x: i128| Fen(i64::try_from(x).unwrap_or(i64::MAX));
    PoolOutcome {
        total,
        rule: pool.rule,
        requested: fen(requested),
        granted: Fen(granted),
        unallocated,
        short,
        potential_requested: fen(potential_requested),
        potential_granted: Fen(potential_granted),
    }
}

/// Shares `total` among the projects `among` (whose `amount` is their request on entry) by
/// `rule` when their requests exceed it. Returns what they requested, what they are paid, and
/// whether the total was short.
fn divide(
    total: Fen,
    rule: PoolRule,
    rounding: Rounding,
    projects: &mut [ProjectSubsidy],
    among: &[usize],
    sites: &[Site],
) -> (i128, i64, bool) {
    let requested: i128 = among
        .iter()
        .map(|&i| i128::from(projects[i].amount.0))
        .sum();
    let short = requested > i128::from(total.0);
    if short {
        match rule {
            PoolRule::ProRata => pro_rata(total, requested, rounding, projects, among),
            PoolRule::BedsPerYuan => in_order(
                total,
                rounding,
                projects,
                by_beds_per_yuan(projects, sites, among.to_vec()),
            ),
        }
    }
    let granted: i64 = among.iter().map(|&i| projects[i].amount.0).sum();
    (requested, granted, short)
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
            (false, false) => (i128::from(pb.beds).saturating_mul(ra))
                .cmp(&i128::from(pa.beds).saturating_mul(rb)),
        };
        by_ratio
            .then_with(|| match (id(a), id(b)) {
                (Some(x), Some(y)) => crate::numbers::natural_cmp(x, y),
                (x, y) => x.cmp(&y),
            })
            .then(a.cmp(&b))
    });
    eligible
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SiteKind;

    fn project(site: usize, request: i64, beds: u64) -> ProjectSubsidy {
        ProjectSubsidy {
            site,
            town: 0,
            kind: SiteKind::RentalNewBuild,
            year: Some(2021),
            eligibility: Eligibility::Eligible,
            failed: vec![],
            pending: vec![],
            rate_limit: Some(Fen(request)),
            cost_share_limit: None,
            request: Some(Fen(request)),
            binding: Some(Cap::Rate),
            amount: Fen(request),
            expected: Fen::ZERO,
            concerns: vec![],
            beds,
            per_bed: None,
        }
    }

    fn sites(n: usize) -> Vec<Site> {
        (0..n)
            .map(|i| Site {
                id: format!("S{i}"),
                name: String::new(),
                town: 0,
                kind: SiteKind::RentalNewBuild,
                status: crate::model::SiteStatus::Existing,
                location: geo::Point::new(121.2, 30.2),
                polygon: None,
                gross: crate::model::Area::from_centi_m2(100),
                residential: None,
                beds: None,
                cost: None,
                started_year: None,
                completed_year: None,
                converted_from: None,
                expert_review: crate::model::ExpertReview::Passed,
                structurally_safe: None,
                fire_safe: None,
                idle_before_conversion: None,
                employer: None,
                rent_month: None,
            })
            .collect()
    }

    #[test]
    fn free_projects_come_first_and_bedless_ones_last() {
        // S0 asks 1,000 fen for no beds, S1 asks nothing, S2 asks 1,000 fen for 10 beds.
        let projects = vec![
            project(0, 1_000, 0),
            project(1, 0, 5),
            project(2, 1_000, 10),
        ];
        assert_eq!(
            by_beds_per_yuan(&projects, &sites(3), vec![0, 1, 2]),
            [1, 2, 0]
        );
    }

    /// 10,000 fen for 10 beds, 10,000 fen for 5 beds, 50 fen for 5 beds.
    fn three() -> Vec<ProjectSubsidy> {
        vec![
            project(0, 10_000, 10),
            project(1, 10_000, 5),
            project(2, 50, 5),
        ]
    }

    #[test]
    fn boundary_share_is_rounded_down_and_later_projects_get_nothing() {
        let mut projects = three();
        let pool = Pool {
            total: Fen(15_050),
            rule: PoolRule::BedsPerYuan,
        };
        let out = share(&pool, Rounding::Yuan, &mut projects, &sites(3));
        // S2 (1 bed per 10 fen) first: 50. S0 (1 per 1,000): 10,000. S1 gets the 5,000 left.
        let paid: Vec<_> = projects.iter().map(|p| p.amount.0).collect();
        assert_eq!(paid, [10_000, 5_000, 50]);
        assert_eq!(
            (out.granted, out.unallocated, out.short),
            (Fen(15_050), Fen(0), true)
        );
        // With 15,049 fen, S1's remainder of 4,999 fen is rounded down to 4,900.
        let mut projects = three();
        let pool = Pool {
            total: Fen(15_049),
            ..pool
        };
        let out = share(&pool, Rounding::Yuan, &mut projects, &sites(3));
        assert_eq!(projects[1].amount, Fen(4_900));
        assert_eq!(projects[1].binding, Some(Cap::Pool));
        assert_eq!(out.unallocated, Fen(99));
    }
}
