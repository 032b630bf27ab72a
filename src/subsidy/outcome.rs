//! What the subsidy engine returns: per project, per pool and in totals.

use crate::catalogue::{Lang, words};
use crate::figures::{Tally, add_fen};
use crate::model::policy::{PoolRule, Programme};
use crate::model::{Fen, SiteKind};
use std::collections::BTreeMap;
use std::fmt;

/// Where a project stands under one programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Eligibility {
    /// Every condition is met: the project is paid (within the pool, if there is one).
    Eligible,
    /// No condition has failed, but some are still open (review pending or not yet applied for,
    /// safety not yet confirmed): the project would be paid once they are settled. Potential
    /// projects do not draw on the pool.
    Potential,
    /// Every condition is met, but the programme's pool was spent before the project's turn
    /// (`beds_per_yuan`), or its pro-rata share rounds down to nothing: it is paid nothing.
    Unfunded,
    /// At least one condition has failed.
    Ineligible,
}

impl Eligibility {
    /// The spelling used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Eligibility::Eligible => "eligible",
            Eligibility::Potential => "potential",
            Eligibility::Unfunded => "unfunded",
            Eligibility::Ineligible => "ineligible",
        }
    }
}

impl fmt::Display for Eligibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A programme condition that a project does not meet, or not yet. The spelling
/// ([`Condition::as_str`]) is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Condition {
    /// The programme pays nothing for this kind of site.
    KindNotCovered,
    /// The year the programme looks at is not given: a failed condition for a standing
    /// building, an open one for a project not yet built (its year can still be set).
    NoYear,
    /// The year is outside the programme's window.
    OutsideWindow,
    /// A conversion from a source that the programme's closed list does not name.
    SourceNotAllowed,
    /// A conversion from a source the programme's open list (…等) does not name: left to the
    /// expert review (always an open condition; settled once the review has passed).
    SourceUnlisted,
    /// A conversion of a building that was not idle (闲置) before, when the programme requires it.
    NotIdle,
    /// A conversion whose building's idle state is not recorded, when the programme requires
    /// it (always an open condition; settled once the expert review has passed).
    IdleUnknown,
    /// Expert review was held and the project was rejected.
    ReviewNotPassed,
    /// Expert review was applied for and is not decided yet (always an open condition).
    ReviewPending,
    /// The project has not applied for expert review: an open condition for candidates and
    /// projects under construction, a failed one for standing buildings.
    ReviewNotApplied,
    /// The kind must be structurally safe (结构安全), and the site is recorded as not.
    NotStructurallySafe,
    /// The kind must be structurally safe, and that is not recorded (always an open condition).
    StructuralSafetyUnknown,
    /// The kind must be fire safe (消防安全), and the site is recorded as not.
    NotFireSafe,
    /// The kind must be fire safe, and that is not recorded (always an open condition).
    FireSafetyUnknown,
    /// The kind is capped by a share of construction cost, and the cost is not given.
    MissingCost,
    /// The kind is capped by a share of construction cost, and the cost is zero.
    ZeroCost,
}

impl Condition {
    /// Every reason, in the order conditions are checked (and reported).
    pub const ALL: [Condition; 16] = [
        Condition::KindNotCovered,
        Condition::NoYear,
        Condition::OutsideWindow,
        Condition::SourceNotAllowed,
        Condition::SourceUnlisted,
        Condition::NotIdle,
        Condition::IdleUnknown,
        Condition::ReviewNotPassed,
        Condition::ReviewPending,
        Condition::ReviewNotApplied,
        Condition::NotStructurallySafe,
        Condition::StructuralSafetyUnknown,
        Condition::NotFireSafe,
        Condition::FireSafetyUnknown,
        Condition::MissingCost,
        Condition::ZeroCost,
    ];

    /// The stable code, e.g. `OUTSIDE_WINDOW`.
    pub fn as_str(self) -> &'static str {
        match self {
            Condition::KindNotCovered => "KIND_NOT_COVERED",
            Condition::NoYear => "NO_YEAR",
            Condition::OutsideWindow => "OUTSIDE_WINDOW",
            Condition::SourceNotAllowed => "SOURCE_NOT_ALLOWED",
            Condition::SourceUnlisted => "SOURCE_UNLISTED",
            Condition::NotIdle => "NOT_IDLE",
            Condition::IdleUnknown => "IDLE_UNKNOWN",
            Condition::ReviewNotPassed => "REVIEW_NOT_PASSED",
            Condition::ReviewPending => "REVIEW_PENDING",
            Condition::ReviewNotApplied => "REVIEW_NOT_APPLIED",
            Condition::NotStructurallySafe => "NOT_STRUCTURALLY_SAFE",
            Condition::StructuralSafetyUnknown => "STRUCTURAL_SAFETY_UNKNOWN",
            Condition::NotFireSafe => "NOT_FIRE_SAFE",
            Condition::FireSafetyUnknown => "FIRE_SAFETY_UNKNOWN",
            Condition::MissingCost => "MISSING_COST",
            Condition::ZeroCost => "ZERO_COST",
        }
    }

    /// What the code means, in a planner's words.
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Condition::KindNotCovered => words::CONDITION_KIND_NOT_COVERED,
            Condition::NoYear => words::CONDITION_NO_YEAR,
            Condition::OutsideWindow => words::CONDITION_OUTSIDE_WINDOW,
            Condition::SourceNotAllowed => words::CONDITION_SOURCE_NOT_ALLOWED,
            Condition::SourceUnlisted => words::CONDITION_SOURCE_UNLISTED,
            Condition::NotIdle => words::CONDITION_NOT_IDLE,
            Condition::IdleUnknown => words::CONDITION_IDLE_UNKNOWN,
            Condition::ReviewNotPassed => words::CONDITION_REVIEW_NOT_PASSED,
            Condition::ReviewPending => words::CONDITION_REVIEW_PENDING,
            Condition::ReviewNotApplied => words::CONDITION_REVIEW_NOT_APPLIED,
            Condition::NotStructurallySafe => words::CONDITION_NOT_STRUCTURALLY_SAFE,
            Condition::StructuralSafetyUnknown => words::CONDITION_STRUCTURAL_SAFETY_UNKNOWN,
            Condition::NotFireSafe => words::CONDITION_NOT_FIRE_SAFE,
            Condition::FireSafetyUnknown => words::CONDITION_FIRE_SAFETY_UNKNOWN,
            Condition::MissingCost => words::CONDITION_MISSING_COST,
            Condition::ZeroCost => words::CONDITION_ZERO_COST,
        }
        .get(lang)
    }
}

/// Something a reviewer would question in a project's amount, though no rule is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Concern {
    /// The amount is above the project's construction cost (a rate without a cost-share cap,
    /// e.g. a conversion under the literal reading, with a low or zero cost).
    AboveCost,
    /// No construction cost is given, and the reading pays by the rate without one, so nobody
    /// can tell whether the amount exceeds what was spent.
    CostMissing,
}

impl Concern {
    /// The stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Concern::AboveCost => "SUBSIDY_ABOVE_COST",
            Concern::CostMissing => "COST_MISSING",
        }
    }

    /// What it means, in a planner's words.
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Concern::AboveCost => words::CONCERN_ABOVE_COST,
            Concern::CostMissing => words::CONCERN_COST_MISSING,
        }
        .get(lang)
    }
}

impl fmt::Display for Concern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The limit that decided a project's amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cap {
    /// The rate per m² of gross floor area.
    Rate,
    /// The share of construction cost.
    CostShare,
    /// The rate and the cost share give exactly the same amount (compared before rounding).
    RateEqualsCostShare,
    /// The programme's pool ran short and the project got less than its request.
    Pool,
}

impl Cap {
    /// The stable spelling: `RATE`, `COST_SHARE`, `RATE=COST_SHARE` or `POOL`.
    pub fn as_str(self) -> &'static str {
        match self {
            Cap::Rate => "RATE",
            Cap::CostShare => "COST_SHARE",
            Cap::RateEqualsCostShare => "RATE=COST_SHARE",
            Cap::Pool => "POOL",
        }
    }
}

impl fmt::Display for Cap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One project under one programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectSubsidy {
    /// Index of the site in the slice that was evaluated.
    pub site: usize,
    /// The site's town (index into the dataset's towns), copied for totals.
    pub town: usize,
    /// The site's kind, copied for totals.
    pub kind: SiteKind,
    /// The year the programme looks at (completion or start), when given.
    pub year: Option<i32>,
    /// Eligible, potential or ineligible.
    pub eligibility: Eligibility,
    /// Failed conditions, in check order ([`Condition::ALL`]). Non-empty exactly when ineligible.
    pub failed: Vec<Condition>,
    /// Open conditions, in check order. Non-empty for potential projects; an ineligible project
    /// may have some too.
    pub pending: Vec<Condition>,
    /// Rate × gross floor area, rounded down to the fen; `None` when the kind is not covered.
    pub rate_limit: Option<Fen>,
    /// Cost-share cap × construction cost, rounded down to the fen; `None` when the kind has no
    /// cost-share cap or the cost is not usable.
    pub cost_share_limit: Option<Fen>,
    /// What the project is owed by the rate and cost-share caps, rounded down per the
    /// programme's rounding, before any pool: what it would get if every condition were met.
    /// `None` when it cannot be known (kind not covered, cost missing or zero).
    pub request: Option<Fen>,
    /// The limit that decided the amount (or, for an ineligible project, the request).
    pub binding: Option<Cap>,
    /// Eligible: what it is paid, after the pool. Potential: what it would be paid once its
    /// open conditions are settled: its request, or with a pool its share of what the eligible
    /// projects leave in it ([`PoolOutcome::potential_granted`]). Unfunded and ineligible: 0.
    pub amount: Fen,
    /// The expected amount for a budget estimate: `amount` × the award share, and for a
    /// potential project × the review pass rate too ([`crate::model::SubsidySettings`]),
    /// rounded down to the fen.
    pub expected: Fen,
    /// What a reviewer would question in the amount, though no rule is broken.
    pub concerns: Vec<Concern>,
    /// Beds at the scenario's plan standard ([`crate::capacity::beds`]).
    pub beds: u64,
    /// `amount` per bed, rounded down to the fen; `None` when there are no beds or the project
    /// is ineligible.
    pub per_bed: Option<Fen>,
}

/// How a programme's pool was shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolOutcome {
    /// The pool's total.
    pub total: Fen,
    /// The sharing rule.
    pub rule: PoolRule,
    /// Sum of the eligible projects' requests.
    pub requested: Fen,
    /// Sum paid to eligible projects (never above `total`).
    pub granted: Fen,
    /// What stays in the pool: `total − granted`. When requests exceed the pool this is only
    /// the fen (or yuan) lost to rounding each share down; they stay in the pool, unpaid.
    pub unallocated: Fen,
    /// True when requests exceeded the pool, so the pool was the binding cap.
    pub short: bool,
    /// Sum of the potential projects' requests.
    pub potential_requested: Fen,
    /// What the potential projects would be paid out of `unallocated`, shared by the pool's
    /// rule, if all of them passed: the pool-adjusted potential amounts.
    pub potential_granted: Fen,
}

/// Counts one project into a tally: its count and amount under its eligibility (eligible and
/// potential kept apart; for an ineligible project, what it would request), and its expected
/// amount.
pub fn count_project(t: &mut Tally, p: &ProjectSubsidy) {
    t.subsidy_expected = add_fen(t.subsidy_expected, p.expected);
    match p.eligibility {
        Eligibility::Eligible => {
            t.eligible_projects += 1;
            t.subsidy_eligible = add_fen(t.subsidy_eligible, p.amount);
        }
        Eligibility::Potential => {
            t.potential_projects += 1;
            t.subsidy_potential = add_fen(t.subsidy_potential, p.amount);
        }
        Eligibility::Unfunded => t.unfunded_projects += 1,
        Eligibility::Ineligible => {
            t.ineligible_projects += 1;
            let request = p.request.unwrap_or(Fen::ZERO);
            t.ineligible_request = add_fen(t.ineligible_request, request);
        }
    }
}

/// Totals of one programme, by town, by year and by kind, and overall.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Totals {
    /// By town index, in the dataset's town order.
    pub by_town: BTreeMap<usize, Tally>,
    /// By the programme's year (completion or start); `None` for projects without one.
    pub by_year: BTreeMap<Option<i32>, Tally>,
    /// By kind.
    pub by_kind: BTreeMap<SiteKind, Tally>,
    /// Every project.
    pub all: Tally,
}

impl Totals {
    /// Totals of a list of projects.
    pub fn of(projects: &[ProjectSubsidy]) -> Totals {
        let mut t = Totals::default();
        for p in projects {
            count_project(t.by_town.entry(p.town).or_default(), p);
            count_project(t.by_year.entry(p.year).or_default(), p);
            count_project(t.by_kind.entry(p.kind).or_default(), p);
            count_project(&mut t.all, p);
        }
        t
    }
}

/// Every project of one programme, the pool and the totals.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeOutcome<'a> {
    /// The programme.
    pub programme: &'a Programme,
    /// The projects the programme considers (rental-housing sites and any kind it pays for),
    /// in the order of the sites given.
    pub projects: Vec<ProjectSubsidy>,
    /// How the pool was shared, when the programme has one.
    pub pool: Option<PoolOutcome>,
    /// Totals by town, year and kind.
    pub totals: Totals,
}
