//! Which candidate projects a plan may build, and what each would cost the city.

use crate::capacity;
use crate::catalogue::Lang;
use crate::catalogue::plan as plan_words;
use crate::model::{Fen, Scenario, SiteStatus};
use crate::subsidy::{self, SiteSubsidy, subsidy_for};
use std::fmt;

/// Why a candidate project cannot be part of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unplannable {
    /// The scenario counts candidates as supply (`include_status` has `candidate`), so every
    /// candidate stands already and there is nothing to choose.
    CountedAsSupply,
    /// The scenario leaves this kind of site out (`include_kind`).
    KindExcluded,
    /// No bed at the plan standard.
    NoBeds,
    /// No construction cost: its net cost to the city is unknown, so it cannot be weighed
    /// against the budget. (Taking it as free would make the plan build it whatever it costs.)
    NoCost,
}

impl Unplannable {
    /// The stable code printed in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Unplannable::CountedAsSupply => "COUNTED_AS_SUPPLY",
            Unplannable::KindExcluded => "KIND_EXCLUDED",
            Unplannable::NoBeds => "NO_BEDS",
            Unplannable::NoCost => "NO_COST",
        }
    }

    /// A sentence for a planner.
    pub fn explain(self, lang: Lang) -> &'static str {
        match self {
            Unplannable::CountedAsSupply => plan_words::UNPLANNABLE_COUNTED_AS_SUPPLY,
            Unplannable::KindExcluded => plan_words::UNPLANNABLE_KIND_EXCLUDED,
            Unplannable::NoBeds => plan_words::UNPLANNABLE_NO_BEDS,
            Unplannable::NoCost => plan_words::UNPLANNABLE_NO_COST,
        }
        .get(lang)
    }
}

impl fmt::Display for Unplannable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A candidate project (a site with status `candidate`) and its money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Index into the dataset's sites.
    pub site: usize,
    /// Beds at the plan standard.
    pub beds: i64,
    /// Construction cost, when given.
    pub cost: Option<Fen>,
    /// The subsidy it would get if it passed expert review (pools not applied; see
    /// [`subsidy_for`]). Zero when the scenario has no policy. What it is paid once chosen and
    /// built, after pools, is [`super::Plan::subsidy_of`].
    pub subsidy: SiteSubsidy,
    /// Construction cost minus subsidy ([`subsidy::net_cost`], [`subsidy::PoolBasis::BeforePools`]):
    /// what building it costs the city when no pool is short; a short pool makes it cost more.
    /// Negative when the subsidy exceeds the cost (a conversion's rate has no cost-share cap in the literal
    /// reading).
    pub net_cost: Option<Fen>,
    /// Why it cannot be planned; `None` when it can.
    pub unplannable: Option<Unplannable>,
}

impl Candidate {
    /// True when a plan may build it.
    pub fn is_plannable(&self) -> bool {
        self.unplannable.is_none()
    }
}

/// Every candidate site of the scenario, in file order.
///
/// A candidate's planned completion year does not decide whether it may be planned (planning
/// is about what to build); it decides the subsidy, through the programme's window. The
/// scenario's `as_of_year` filters standing supply only.
pub fn candidates(scenario: &Scenario) -> Vec<Candidate> {
    let settings = &scenario.settings;
    let counted = settings
        .standard
        .include_status
        .contains(&SiteStatus::Candidate);
    scenario
        .dataset
        .sites
        .iter()
        .enumerate()
        .filter(|(_, s)| s.status == SiteStatus::Candidate)
        .map(|(i, site)| {
            let beds = i64::try_from(capacity::beds(site, settings)).unwrap_or(i64::MAX);
            let subsidy = scenario
                .policy
                .as_ref()
                .map(|p| subsidy_for(site, settings, p))
                .unwrap_or_default();
            let net_cost = site.cost.map(|c| subsidy::net_cost(c, subsidy.total));
            let unplannable = if counted {
                Some(Unplannable::CountedAsSupply)
            } else if !settings.standard.include_kind.contains(&site.kind) {
                Some(Unplannable::KindExcluded)
            } else if beds <= 0 {
                Some(Unplannable::NoBeds)
            } else if site.cost.is_none() {
                Some(Unplannable::NoCost)
            } else {
                None
            };
            Candidate {
                site: i,
                beds,
                cost: site.cost,
                subsidy,
                net_cost,
                unplannable,
            }
        })
        .collect()
}
