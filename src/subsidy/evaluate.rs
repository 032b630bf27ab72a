//! Evaluating every project under a programme or a whole policy, and one site for planning.

use super::outcome::{ProgrammeOutcome, Totals};
use super::{pool, rules};
use crate::model::policy::{Policy, Programme};
use crate::model::{Fen, Settings, Site};

/// Evaluates every project of `sites` under one programme.
///
/// The projects are the sites the programme considers ([`rules::in_scope`]: rental-housing
/// sites and any kind it pays for), in the order given; `ProjectSubsidy::site` indexes
/// `sites`. The site status (existing, under construction, candidate) matters only for a
/// review never applied for; the scenario's supply filters (`include_status`, `as_of_year`)
/// do not apply, because a subsidy budget is about projects whether or not they count as
/// supply today. `settings` gives the plan standard for beds.
pub fn evaluate<'a>(
    sites: &[Site],
    settings: &Settings,
    programme: &'a Programme,
) -> ProgrammeOutcome<'a> {
    evaluate_listing(sites, settings, programme, Listing::Projects)
}

/// Which sites an evaluation lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Listing {
    /// The projects a programme considers: rental-housing sites and any kind it pays for.
    #[default]
    Projects,
    /// Every site, so that the kinds a programme does not cover (enterprise dormitories,
    /// migrant apartments) appear with `KIND_NOT_COVERED`.
    EveryKind,
}

/// [`evaluate`], listing the sites `listing` says.
pub fn evaluate_listing<'a>(
    sites: &[Site],
    settings: &Settings,
    programme: &'a Programme,
    listing: Listing,
) -> ProgrammeOutcome<'a> {
    let mut projects: Vec<_> = sites
        .iter()
        .enumerate()
        .filter(|(_, s)| listing == Listing::EveryKind || rules::in_scope(s.kind, programme))
        .map(|(i, s)| rules::assess(i, s, settings, programme))
        .collect();
    let pool = programme
        .pool
        .map(|p| pool::share(&p, programme.rounding, &mut projects, sites));
    for p in &mut projects {
        p.per_bed = rules::per_bed(p);
        p.expected = rules::expected(p, settings);
    }
    let totals = Totals::of(&projects);
    ProgrammeOutcome {
        programme,
        projects,
        pool,
        totals,
    }
}

/// Evaluates every programme of a policy, in file order. Programmes are independent: a project
/// may be paid by each one it qualifies for, and each pool is shared on its own.
pub fn evaluate_policy<'a>(
    sites: &[Site],
    settings: &Settings,
    policy: &'a Policy,
) -> Vec<ProgrammeOutcome<'a>> {
    policy
        .programmes
        .iter()
        .map(|p| evaluate(sites, settings, p))
        .collect()
}

/// What one site would claim from one programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    /// Index of the programme in `Policy::programmes`.
    pub programme: usize,
    /// The amount by the rate and cost-share caps, rounded per the programme (no pool applied).
    pub amount: Fen,
    /// The programme has a pool, so the amount actually paid may be less (see [`subsidy_for`]).
    pub pooled: bool,
}

/// What a site would be paid by a policy if it passed expert review.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SiteSubsidy {
    /// Sum of the claims (programmes are independent, so their amounts add up).
    pub total: Fen,
    /// `total` per bed at the plan standard, rounded down to the fen; `None` without beds.
    pub per_bed: Option<Fen>,
    /// One claim per programme the site would qualify for, in file order.
    pub claims: Vec<Claim>,
}

/// The subsidy a site would get if it passed expert review, for netting off its construction
/// cost when planning which candidates to build.
///
/// For each programme the site counts when every condition holds except those a project
/// built to qualify will settle: a review pending or never applied for is taken as passed, and
/// so are safety and an idle state not yet confirmed and a source the open list does not name
/// (the review decides), and so is a year not yet set for a project not yet built (`NO_YEAR`
/// is open for it: give its planned completion year to be sure). A failed condition of any
/// kind gives nothing. So a candidate's amount here is what `dormplan subsidy` reports for it
/// as potential, before pools.
///
/// **Pools are not applied**: a pool is shared among all eligible projects, so one project's
/// share depends on which others exist and are chosen. The claims say which amounts come from
/// a pooled programme. What a chosen set of candidates is actually paid once built, pools
/// shared with the standing projects, is [`super::BuiltPolicy::subsidy`]; it is never more
/// than the claims, so a net cost on these claims is a lower bound of the net cost after
/// pools.
pub fn subsidy_for(site: &Site, settings: &Settings, policy: &Policy) -> SiteSubsidy {
    let mut out = SiteSubsidy::default();
    for (i, programme) in policy.programmes.iter().enumerate() {
        if !rules::in_scope(site.kind, programme) {
            continue;
        }
        if let Some(p) = rules::as_reviewed(rules::assess(0, site, settings, programme)) {
            out.total = Fen(out.total.0.saturating_add(p.amount.0));
            out.claims.push(Claim {
                programme: i,
                amount: p.amount,
                pooled: programme.pool.is_some(),
            });
        }
    }
    let beds = i64::try_from(crate::capacity::beds(site, settings)).unwrap_or(i64::MAX);
    out.per_bed = (beds > 0).then(|| Fen(out.total.0 / beds));
    out
}
