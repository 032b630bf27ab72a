//! One project under one programme: which conditions hold, and what the rate and cost-share
//! caps allow. Pools are applied afterwards ([`super::pool`]), over all projects together.

use super::outcome::{Cap, Condition, Eligibility, ProjectSubsidy};
use crate::capacity;
use crate::model::policy::{Programme, Rounding, YearBasis};
use crate::model::{ExpertReview, Fen, Settings, Site, SiteKind, SiteStatus};
use std::cmp::Ordering;

/// Exact amounts are compared in ten-thousandths of a fen: a rate (fen per m²) times an area
/// (0.01 m²) is in 1/100 fen, and a cost (fen) times a ratio (1/10,000) is in 1/10,000 fen.
/// Both fit an `i128` for any area and cost the readers accept.
const UNITS_PER_FEN: i128 = 10_000;

/// True when a programme considers this kind of site at all: every rental-housing kind (so a
/// programme that leaves one out reports it as [`Condition::KindNotCovered`]) and any kind the
/// programme pays for.
pub fn in_scope(kind: SiteKind, programme: &Programme) -> bool {
    kind.is_rental() || programme.rate_for(kind).is_some()
}

/// The year a programme looks at.
pub fn basis_year(site: &Site, programme: &Programme) -> Option<i32> {
    match programme.year_basis {
        YearBasis::Completion => site.completed_year,
        YearBasis::Start => site.started_year,
    }
}

/// Rounds a non-negative amount down per the programme's rule.
pub fn round_down(amount: Fen, rounding: Rounding) -> Fen {
    match rounding {
        Rounding::Fen => amount,
        Rounding::Yuan => Fen(amount.0 - amount.0.rem_euclid(100)),
    }
}

/// Whole fen in an exact amount (rounded down), saturating at the largest `Fen`.
pub(super) fn whole_fen(units: i128) -> Fen {
    Fen(i64::try_from(units.max(0) / UNITS_PER_FEN).unwrap_or(i64::MAX))
}

/// The failed and open conditions of a site under a programme.
#[derive(Debug, Default)]
struct Conditions {
    failed: Vec<Condition>,
    pending: Vec<Condition>,
}

impl Conditions {
    fn check(site: &Site, programme: &Programme) -> Conditions {
        let mut c = Conditions::default();
        let rate = programme.rate_for(site.kind);
        if rate.is_none() {
            c.failed.push(Condition::KindNotCovered);
        }
        match basis_year(site, programme) {
            None => c.failed.push(Condition::NoYear),
            Some(y) if y < programme.year_from || y > programme.year_to => {
                c.failed.push(Condition::OutsideWindow)
            }
            Some(_) => {}
        }
        if programme.require_expert_review {
            match site.expert_review {
                ExpertReview::Passed => {}
                ExpertReview::Pending => c.pending.push(Condition::ReviewPending),
                ExpertReview::Failed => c.failed.push(Condition::ReviewNotPassed),
                // A project still to be built can apply; a standing one that never did is not
                // counted on, so budgets do not include claims nobody has made.
                ExpertReview::None if site.status == SiteStatus::Existing => {
                    c.failed.push(Condition::ReviewNotApplied)
                }
                ExpertReview::None => c.pending.push(Condition::ReviewNotApplied),
            }
        }
        if programme.require_safety_for.contains(&site.kind) {
            match site.safety_ok {
                Some(true) => {}
                Some(false) => c.failed.push(Condition::NotSafe),
                None => c.pending.push(Condition::SafetyUnknown),
            }
        }
        if rate.and_then(|r| r.cost_share_cap).is_some() {
            match site.cost {
                None => c.failed.push(Condition::MissingCost),
                Some(cost) if cost.0 <= 0 => c.failed.push(Condition::ZeroCost),
                Some(_) => {}
            }
        }
        c
    }
}

/// What the caps allow, exactly (in 1/10,000 fen), before any rounding.
struct Limits {
    /// Rate × gross area; `None` when the kind is not covered.
    rate: Option<i128>,
    /// Cap × cost; `None` without a cap or a usable (positive) cost.
    cost_share: Option<i128>,
    /// The kind has a cost-share cap (so without a usable cost nothing can be computed).
    capped: bool,
}

impl Limits {
    fn of(site: &Site, programme: &Programme) -> Limits {
        let Some(rate) = programme.rate_for(site.kind) else {
            return Limits {
                rate: None,
                cost_share: None,
                capped: false,
            };
        };
        // fen/m² × 0.01 m² = 1/100 fen; × 100 gives 1/10,000 fen.
        // Saturating: only absurd hand-built values could overflow, and they must not panic.
        let by_rate = i128::from(rate.rate_per_m2.0.max(0))
            .saturating_mul(i128::from(site.gross.centi_m2().max(0)))
            .saturating_mul(100);
        let by_cost = rate.cost_share_cap.and_then(|cap| {
            let cost = site.cost.filter(|c| c.0 > 0)?;
            Some(i128::from(cost.0) * i128::from(cap.per_ten_thousand()))
        });
        Limits {
            rate: Some(by_rate),
            cost_share: by_cost,
            capped: rate.cost_share_cap.is_some(),
        }
    }

    /// The lower limit, exactly, and which one it is.
    fn binding(&self) -> Option<(i128, Cap)> {
        let rate = self.rate?;
        match self.cost_share {
            None if self.capped => None,
            None => Some((rate, Cap::Rate)),
            Some(cost) => Some(match rate.cmp(&cost) {
                Ordering::Less => (rate, Cap::Rate),
                Ordering::Greater => (cost, Cap::CostShare),
                Ordering::Equal => (rate, Cap::RateEqualsCostShare),
            }),
        }
    }
}

/// Assesses one site (at `index` in the evaluated slice) under a programme, before any pool.
/// An eligible or potential project's `amount` is its request; an ineligible one's is zero.
pub(super) fn assess(
    index: usize,
    site: &Site,
    settings: &Settings,
    programme: &Programme,
) -> ProjectSubsidy {
    let Conditions { failed, pending } = Conditions::check(site, programme);
    let limits = Limits::of(site, programme);
    let (request, binding) = match limits.binding() {
        Some((units, cap)) => (
            Some(round_down(whole_fen(units), programme.rounding)),
            Some(cap),
        ),
        None => (None, None),
    };
    let eligibility = if !failed.is_empty() {
        Eligibility::Ineligible
    } else if !pending.is_empty() {
        Eligibility::Potential
    } else {
        Eligibility::Eligible
    };
    let amount = match eligibility {
        Eligibility::Ineligible => Fen::ZERO,
        // Not ineligible implies the kind is covered and any needed cost is usable, so the
        // request is known.
        Eligibility::Eligible | Eligibility::Potential => request.unwrap_or(Fen::ZERO),
    };
    ProjectSubsidy {
        site: index,
        town: site.town,
        kind: site.kind,
        year: basis_year(site, programme),
        eligibility,
        failed,
        pending,
        rate_limit: limits.rate.map(whole_fen),
        cost_share_limit: limits.cost_share.map(whole_fen),
        request,
        binding,
        amount,
        beds: capacity::beds(site, settings),
        per_bed: None,
    }
}

/// The project as it would stand once it passed expert review, for planning: every open
/// condition (review pending or never applied for, safety not yet confirmed) taken as met, so
/// it is eligible and its amount is its request. `None` when any other condition failed (a
/// failed review, an unsafe building, a year outside the window, a kind not covered, a cost
/// the cap cannot use): no review makes such a project pay.
pub(super) fn as_reviewed(mut p: ProjectSubsidy) -> Option<ProjectSubsidy> {
    let passes = p.failed.iter().all(|&r| r == Condition::ReviewNotApplied);
    let request = p.request.filter(|_| passes)?;
    p.failed.clear();
    p.pending.clear();
    p.eligibility = Eligibility::Eligible;
    p.amount = request;
    Some(p)
}

/// Amount per bed, rounded down to the fen: `None` without beds or for an ineligible project.
pub(super) fn per_bed(p: &ProjectSubsidy) -> Option<Fen> {
    let beds = i64::try_from(p.beds).ok().filter(|&b| b > 0)?;
    (p.eligibility != Eligibility::Ineligible).then(|| Fen(p.amount.0 / beds))
}
