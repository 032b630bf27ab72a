//! Subsidy rules: for every rental-housing project, whether a programme pays, how much, which
//! cap bound and why not (奖补资金测算).
//!
//! The rule Cixi applies (甬建发〔2021〕20号, as quoted in the city's reply): rental-housing
//! projects built 2020–2022 that meet the conditions and pass expert review get at most
//! 800 yuan/m² and no more than 30% of construction cost; conversions (改建) at most 600 yuan/m².
//! A policy file states any such programme ([`crate::model::policy::Programme`]); this module applies
//! it to validated sites and never touches files.
//!
//! # How a project is judged
//!
//! Conditions are checked in the order of [`Condition::ALL`](crate::subsidy::Condition::ALL), and every one that is not met is
//! reported, not only the first:
//!
//! | code | when | kind of condition |
//! |---|---|---|
//! | `KIND_NOT_COVERED` | the programme has no rate for the kind | failed |
//! | `NO_YEAR` | the years given cannot place the project in or out of the window (`years.basis`) | failed for a standing building, open for one not yet built |
//! | `OUTSIDE_WINDOW` | the project falls outside the window | failed |
//! | `SOURCE_NOT_ALLOWED` | a conversion from a source the programme's closed list does not name | failed |
//! | `SOURCE_UNLISTED` | a conversion from a source the open list (…等) does not name, review not yet passed | open |
//! | `NOT_IDLE` | idle required and `idle_before_conversion = false` | failed |
//! | `IDLE_UNKNOWN` | idle required, not recorded, review not yet passed | open |
//! | `REVIEW_NOT_PASSED` | review required and `expert_review = failed` | failed |
//! | `REVIEW_PENDING` | review required and `pending` | open |
//! | `REVIEW_NOT_APPLIED` | review required and `none`: open for candidates and projects under construction (they can still apply), failed for existing buildings | open / failed |
//! | `NOT_STRUCTURALLY_SAFE` / `NOT_FIRE_SAFE` | the kind must be safe and `structurally_safe` / `fire_safe` is false | failed |
//! | `STRUCTURAL_SAFETY_UNKNOWN` / `FIRE_SAFETY_UNKNOWN` | the kind must be safe and it is not recorded | open |
//! | `MISSING_COST` | the kind has a cost-share cap and no cost | failed |
//! | `ZERO_COST` | the kind has a cost-share cap and a zero cost | failed |
//!
//! Any failed condition makes a project **ineligible**; otherwise any open one makes it
//! **potential**; otherwise it is **eligible**, or **unfunded** when a pool that ran short pays
//! it nothing. An existing building that never applied for review is ineligible rather than
//! potential so that a budget request does not count claims nobody has made; what it would
//! get is still reported (`request`). Every reading the text leaves open is a policy setting
//! ([`crate::model::policy::Programme`]): the year basis, the floor area the rate applies to,
//! the conversion sources and whether their list is closed, the idle condition, the kinds
//! covered (its rate table) and which kinds must be safe.
//!
//! A reviewer's concerns that break no rule are reported beside the amount
//! ([`Concern`](crate::subsidy::Concern)): a subsidy above the construction cost, and a rate
//! paid without any cost given.

//! # Amounts
//!
//! All money is integer fen ([`crate::model::Fen`]); nothing is accumulated in floating point.
//! Areas and costs are kept in 0.01 m² and fen exactly as written; more decimals than that are
//! rounded down when read (with an `EXTRA_DECIMALS` warning), so they can never raise a cap.
//! The rate limit is `rate (fen/m²) × area (0.01 m²) / 100` and the cost-share limit
//! `cost (fen) × cap (1/10,000) / 10,000`. The two are compared exactly, before rounding, so
//! [`Cap::RateEqualsCostShare`](crate::subsidy::Cap::RateEqualsCostShare) means they are truly equal. The lower one is rounded **down**
//! to the fen, then down to the whole yuan when the programme says `rounding = "yuan"`:
//! rounding down means no project is ever paid more than a cap allows.
//!
//! # Pools
//!
//! When the eligible projects' requests exceed a programme's pool, it is shared pro rata
//! (each share ⌊request × pool / requested⌋, rounded down) or in order of beds per yuan
//! requested (most first, ties by site id in natural order; the first project that does not
//! fit gets what is left, later ones nothing, and are **unfunded**). Fen left by rounding stay
//! in the pool. Potential projects do not draw on the pool ahead of the eligible: they share
//! what the eligible leave, by the same rule, so that their amounts (and the ceiling, eligible
//! + potential) never exceed the pool.
//!
//! # Budget estimates
//!
//! Per town, year and kind the totals give the **certain** amount (eligible), the **ceiling**
//! (eligible + potential, pool-adjusted) and an **expected** amount between them: each
//! project's amount × the scenario's `[subsidy] award_share` (最高 is "at most"), and a
//! potential one's × `review_pass_rate` too, rounded down to the fen per project.
//!
//! # For planning
//!
//! [`subsidy_for`](crate::subsidy::subsidy_for) gives the amount one site would get if it passed review, without pools,
//! for netting off a candidate's construction cost; [`BuiltPolicy`](crate::subsidy::BuiltPolicy) gives what a chosen set
//! of candidates is paid once built, each pool shared among the standing projects and the
//! set; [`net_cost`](crate::subsidy::net_cost) is the one rule for netting, with the pool case named by
//! [`PoolBasis`](crate::subsidy::PoolBasis).

/// What the policy pays once a chosen set of candidate projects is built, pools shared.
mod built;
/// Evaluating a programme or a whole policy over sites.
mod evaluate;
/// The one net-cost rule and its pool basis.
mod net_cost;
/// What a programme decides for each project, and the totals.
mod outcome;
/// Sharing a pool that requests exceed.
mod pool;
/// Which reading of the policy produced the figures, in words.
pub mod reading;
/// The conditions and caps a project is judged by.
mod rules;

pub use built::{BuiltPolicy, BuiltSubsidy, PaidBound, PoolShift};
pub use evaluate::{
    Claim, Listing, SiteSubsidy, evaluate, evaluate_listing, evaluate_policy, subsidy_for,
};
pub use net_cost::{PoolBasis, net_cost};
pub use outcome::{
    Cap, Concern, Condition, Eligibility, PoolOutcome, ProgrammeOutcome, ProjectSubsidy, Totals,
    count_project,
};
pub use rules::{basis_year, in_scope, round_down};
