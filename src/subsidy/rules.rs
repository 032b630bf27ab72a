//! One project under one programme: which conditions hold, and what the rate and cost-share
//! caps allow. Pools are applied afterwards ([`super::pool`]), over all projects together.

use super::outcome::{Cap, Concern, Condition, Eligibility, ProjectSubsidy};
use crate::capacity;
use crate::model::policy::{AreaBasis, Programme, Rounding, YearBasis};
use crate::model::{Area, ExpertReview, Fen, Settings, Site, SiteKind, SiteStatus};
use std::cmp::Ordering;

/// Exact amounts are compared in ten-thousandths of a fen: a rate (fen per m²) times an area
/// (0.0001 m²) and a cost (fen) times a ratio (1/10,000) are both in 1/10,000 fen.
/// Both fit an `i128` for any area and cost the readers accept.
const UNITS_PER_FEN: i128 = 10_000;

/// True when a programme considers this kind of site at all: every rental-housing kind (so a
/// programme that leaves one out reports it as [`Condition::KindNotCovered`]) and any kind the
/// programme pays for.
pub fn in_scope(kind: SiteKind, programme: &Programme) -> bool {
    kind.is_rental() || programme.rate_for(kind).is_some()
}

/// The year a project is counted under in totals by year: the year the programme looks at
/// (for `overlap`, the completion year, else the start year).
pub fn basis_year(site: &Site, programme: &Programme) -> Option<i32> {
    match programme.year_basis {
        YearBasis::Completion => site.completed_year,
        YearBasis::Start => site.started_year,
        YearBasis::Overlap => site.completed_year.or(site.started_year),
    }
}

/// Whether a project's years put it in the programme's window: `Some(true)` in, `Some(false)`
/// out, `None` when the years given cannot tell.
///
/// - `completion` / `start`: that year, inclusive bounds.
/// - `overlap`: under construction at some time in the window, i.e. started no later than the
///   window's last year and completed no earlier than its first. A project not yet completed
///   (not `existing`) is still going, so with a start year alone it is in when it started by
///   the window's end; a completion year alone puts it in when that year is in the window (it
///   was being built then) and out when it is before the window.
pub fn in_window(site: &Site, programme: &Programme) -> Option<bool> {
    let (from, to) = (programme.year_from, programme.year_to);
    let inside = |y: i32| (from..=to).contains(&y);
    match programme.year_basis {
        YearBasis::Completion => site.completed_year.map(inside),
        YearBasis::Start => site.started_year.map(inside),
        YearBasis::Overlap => {
            let going = site.status != SiteStatus::Existing;
            match (site.started_year, site.completed_year) {
                (Some(s), Some(c)) => Some(s <= to && c >= from),
                (Some(s), None) if s > to => Some(false),
                (Some(s), None) if going || s >= from => Some(true),
                (Some(_), None) => None,
                (None, Some(c)) if c < from => Some(false),
                (None, Some(c)) if c <= to => Some(true),
                (None, Some(_)) => None,
                (None, None) => None,
            }
        }
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
        // Facts still to be settled for a project not yet built are open, not failed.
        let standing = site.status == SiteStatus::Existing;
        let missing = |c: &mut Conditions, cond| {
            if standing {
                c.failed.push(cond)
            } else {
                c.pending.push(cond)
            }
        };
        let rate = programme.rate_for(site.kind);
        if rate.is_none() {
            c.failed.push(Condition::KindNotCovered);
        }
        match in_window(site, programme) {
            None => missing(&mut c, Condition::NoYear),
            Some(false) => c.failed.push(Condition::OutsideWindow),
            Some(true) => {}
        }
        let review_passed = site.expert_review == ExpertReview::Passed;
        if site.kind == SiteKind::RentalConversion {
            let rule = &programme.conversion;
            let listed = site
                .converted_from
                .as_deref()
                .is_some_and(|s| rule.lists(s));
            if !listed && rule.closed {
                c.failed.push(Condition::SourceNotAllowed);
            } else if !listed && !review_passed {
                c.pending.push(Condition::SourceUnlisted);
            }
            // A review that passed judged the application, which states what the building was
            // and that it stood idle; a recorded "not idle" fails whatever the review said.
            if rule.require_idle {
                match site.idle_before_conversion {
                    Some(true) => {}
                    Some(false) => c.failed.push(Condition::NotIdle),
                    None if review_passed => {}
                    None => c.pending.push(Condition::IdleUnknown),
                }
            }
        }
        if programme.require_expert_review {
            match site.expert_review {
                ExpertReview::Passed => {}
                ExpertReview::Pending => c.pending.push(Condition::ReviewPending),
                ExpertReview::Failed => c.failed.push(Condition::ReviewNotPassed),
                // A project still to be built can apply; a standing one that never did is not
                // counted on, so budgets do not include claims nobody has made.
                ExpertReview::None => missing(&mut c, Condition::ReviewNotApplied),
            }
        }
        if programme.require_safety_for.contains(&site.kind) {
            for (safe, not, unknown) in [
                (
                    site.structurally_safe,
                    Condition::NotStructurallySafe,
                    Condition::StructuralSafetyUnknown,
                ),
                (
                    site.fire_safe,
                    Condition::NotFireSafe,
                    Condition::FireSafetyUnknown,
                ),
            ] {
                match safe {
                    Some(true) => {}
                    Some(false) => c.failed.push(not),
                    None => c.pending.push(unknown),
                }
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

/// The floor area a programme's rate applies to.
pub fn rated_area(site: &Site, settings: &Settings, programme: &Programme) -> Area {
    match programme.area_basis {
        AreaBasis::Gross => site.gross,
        AreaBasis::Residential => site.residential_area(&settings.standard),
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
    fn of(site: &Site, settings: &Settings, programme: &Programme) -> Limits {
        let Some(rate) = programme.rate_for(site.kind) else {
            return Limits {
                rate: None,
                cost_share: None,
                capped: false,
            };
        };
        // fen/m² × 0.0001 m² = 1/10,000 fen.
        // Saturating: only absurd hand-built values could overflow, and they must not panic.
        let area = rated_area(site, settings, programme);
        let by_rate =
            i128::from(rate.rate_per_m2.0.max(0)).saturating_mul(i128::from(area.units().max(0)));
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
    let limits = Limits::of(site, settings, programme);
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
        Eligibility::Ineligible | Eligibility::Unfunded => Fen::ZERO,
        // Not ineligible implies the kind is covered and any needed cost is usable, so the
        // request is known.
        Eligibility::Eligible | Eligibility::Potential => request.unwrap_or(Fen::ZERO),
    };
    let mut concerns = Vec::new();
    if let Some(r) = request.filter(|r| r.0 > 0) {
        match site.cost {
            Some(cost) if r > cost => concerns.push(Concern::AboveCost),
            Some(_) => {}
            None => concerns.push(Concern::CostMissing),
        }
    }
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
        expected: Fen::ZERO,
        concerns,
        beds: capacity::beds(site, settings),
        per_bed: None,
    }
}

/// A share (parts per 10,000) of an amount, rounded down to the fen.
fn share_of(amount: Fen, parts: u16) -> Fen {
    Fen(i64::try_from(i128::from(amount.0.max(0)) * i128::from(parts) / 10_000).unwrap_or(0))
}

/// The expected amount of a project for a budget estimate: eligible amounts × the award share;
/// potential ones × the review pass rate × the award share; nothing otherwise. Rounded down.
pub(super) fn expected(p: &ProjectSubsidy, settings: &Settings) -> Fen {
    let s = settings.subsidy;
    match p.eligibility {
        Eligibility::Eligible => share_of(p.amount, s.award_share),
        Eligibility::Potential => {
            let passing = i128::from(p.amount.0.max(0)) * i128::from(s.review_pass_rate);
            let awarded = passing * i128::from(s.award_share) / 100_000_000;
            Fen(i64::try_from(awarded).unwrap_or(0))
        }
        Eligibility::Unfunded | Eligibility::Ineligible => Fen::ZERO,
    }
}

/// The project as it would stand once it passed expert review, for planning: every open
/// condition (review pending or never applied for, safety or the idle state not yet confirmed,
/// a source the open list does not name, a year not yet set) taken as met, so
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
