//! Sites of each town ranked by one measure: where a yuan of construction buys the most beds,
//! where the subsidy goes furthest, which sites are full, whose residents commute least, and
//! where one more bed would help the allocation most.

use super::scenario::{ScenarioMetrics, SiteMetrics};
use crate::catalogue::{Lang, words};
use std::cmp::Ordering;

/// What sites are ranked by. Each key has its own direction (best first); sites for which the
/// key does not exist come last; ties go by site id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum RankKey {
    /// Net cost (construction cost less subsidy) per bed, lowest first; sites without a cost
    /// last.
    #[default]
    NetCostPerBed,
    /// Subsidy (eligible and potential) per bed, highest first.
    SubsidyPerBed,
    /// Occupants ÷ beds, highest first.
    Utilisation,
    /// Mean commute of the residents, shortest first; empty sites last.
    MeanCommute,
    /// Shadow price (objective saved by one more bed), highest first.
    ShadowPrice,
}

impl RankKey {
    /// Every key.
    pub const ALL: [RankKey; 5] = [
        RankKey::NetCostPerBed,
        RankKey::SubsidyPerBed,
        RankKey::Utilisation,
        RankKey::MeanCommute,
        RankKey::ShadowPrice,
    ];

    /// The spelling on the command line and in files.
    pub fn as_str(self) -> &'static str {
        match self {
            RankKey::NetCostPerBed => "net_cost_per_bed",
            RankKey::SubsidyPerBed => "subsidy_per_bed",
            RankKey::Utilisation => "utilisation",
            RankKey::MeanCommute => "mean_commute",
            RankKey::ShadowPrice => "shadow_price",
        }
    }

    /// The key spelled `s`.
    pub fn parse(s: &str) -> Option<RankKey> {
        RankKey::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// What the key is and which way it ranks, for report headings.
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            RankKey::NetCostPerBed => words::RANK_BY_NET_COST_PER_BED,
            RankKey::SubsidyPerBed => words::RANK_BY_SUBSIDY_PER_BED,
            RankKey::Utilisation => words::RANK_BY_UTILISATION,
            RankKey::MeanCommute => words::RANK_BY_MEAN_COMMUTE,
            RankKey::ShadowPrice => words::RANK_BY_SHADOW_PRICE,
        }
        .get(lang)
    }

    /// Orders two sites by this key (best first), missing values last, then by id.
    pub fn cmp_sites(self, a: &SiteMetrics, b: &SiteMetrics) -> Ordering {
        self.cmp_values(a, b)
            .then_with(|| crate::numbers::natural_cmp(&a.id, &b.id))
            .then_with(|| a.site.cmp(&b.site))
    }

    fn cmp_values(self, a: &SiteMetrics, b: &SiteMetrics) -> Ordering {
        match self {
            RankKey::NetCostPerBed => {
                best_first(a.net_cost_per_bed(), b.net_cost_per_bed(), Lowest)
            }
            RankKey::SubsidyPerBed => best_first(a.subsidy_per_bed(), b.subsidy_per_bed(), Highest),
            RankKey::Utilisation => best_first(Share::of(a), Share::of(b), Highest),
            RankKey::MeanCommute => best_first(a.mean_commute_m, b.mean_commute_m, Lowest),
            RankKey::ShadowPrice => best_first(Some(a.shadow_price), Some(b.shadow_price), Highest),
        }
    }
}

/// Which end of a key is best.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Best {
    Lowest,
    Highest,
}
use Best::{Highest, Lowest};

/// Present values before missing ones; present ones best first.
fn best_first<T: Ord>(a: Option<T>, b: Option<T>, best: Best) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) if best == Highest => y.cmp(&x),
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Occupants ÷ beds, compared exactly (no rounding to a percentage): 1/2 equals 2/4.
#[derive(Clone, Copy)]
struct Share {
    occupants: u64,
    beds: u64,
}

impl Share {
    fn of(s: &SiteMetrics) -> Option<Share> {
        (s.beds > 0).then_some(Share {
            occupants: s.occupants,
            beds: s.beds,
        })
    }
}

impl Ord for Share {
    fn cmp(&self, o: &Share) -> Ordering {
        (u128::from(self.occupants) * u128::from(o.beds))
            .cmp(&(u128::from(o.occupants) * u128::from(self.beds)))
    }
}

impl PartialEq for Share {
    fn eq(&self, o: &Share) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}

impl Eq for Share {}

impl PartialOrd for Share {
    fn partial_cmp(&self, o: &Share) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// The ranked sites of one town.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TownRanking<'m> {
    /// Index into [`ScenarioMetrics::towns`].
    pub town: usize,
    /// Its sites, best first.
    pub sites: Vec<&'m SiteMetrics>,
}

/// Ranks the sites of every town that has sites (in the dataset's town order), or of the one
/// town `only` (listed even when it has no site).
pub fn rank_by_town(
    metrics: &ScenarioMetrics,
    key: RankKey,
    only: Option<usize>,
) -> Vec<TownRanking<'_>> {
    let mut by_town: Vec<Vec<&SiteMetrics>> = vec![Vec::new(); metrics.towns.len()];
    for s in &metrics.sites {
        if let Some(list) = by_town.get_mut(s.town) {
            list.push(s);
        }
    }
    by_town
        .into_iter()
        .enumerate()
        .filter(|(t, sites)| only.map_or(!sites.is_empty(), |o| o == *t))
        .map(|(town, mut sites)| {
            sites.sort_by(|a, b| key.cmp_sites(a, b));
            TownRanking { town, sites }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Fen, SiteKind, SiteStatus};

    fn site(id: &str, beds: u64, occupants: u64, cost: Option<i64>) -> SiteMetrics {
        SiteMetrics {
            site: 0,
            id: id.to_string(),
            name: id.to_string(),
            town: 0,
            kind: SiteKind::RentalNewBuild,
            status: SiteStatus::Existing,
            beds,
            occupants,
            mean_commute_m: (occupants > 0).then_some(1000),
            shadow_price: 0,
            cost: cost.map(Fen),
            subsidy_eligible: Fen::ZERO,
            subsidy_potential: Fen::ZERO,
        }
    }

    fn order(key: RankKey, mut sites: Vec<SiteMetrics>) -> Vec<String> {
        sites.sort_by(|a, b| key.cmp_sites(a, b));
        sites.into_iter().map(|s| s.id).collect()
    }

    #[test]
    fn utilisation_compares_exact_shares_and_puts_bedless_sites_last() {
        // 1/2 and 2/4 tie (so go by id); 2/3 beats both; a site without beds comes last.
        let sites = vec![
            site("d", 0, 0, None),
            site("c", 4, 2, None),
            site("b", 2, 1, None),
            site("a", 3, 2, None),
        ];
        assert_eq!(order(RankKey::Utilisation, sites), ["a", "b", "c", "d"]);
    }

    #[test]
    fn empty_sites_commute_last_and_shadow_prices_rank_highest_first() {
        let sites = vec![site("b", 2, 0, None), site("a", 2, 1, None)];
        assert_eq!(order(RankKey::MeanCommute, sites), ["a", "b"]);
        let mut low = site("a", 1, 1, None);
        low.shadow_price = 5;
        let mut high = site("b", 1, 1, None);
        high.shadow_price = 99_000;
        assert_eq!(order(RankKey::ShadowPrice, vec![low, high]), ["b", "a"]);
    }

    #[test]
    fn every_key_reads_back_from_its_spelling() {
        for k in RankKey::ALL {
            assert_eq!(RankKey::parse(k.as_str()), Some(k));
        }
        assert_eq!(RankKey::parse("beauty"), None);
    }
}
