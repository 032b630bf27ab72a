//! The R-tree arc builder against trying every group–site pair.

use dormplan::alloc::arcs::{self, GroupPoints, Reach, SiteArc, SitePoints};
use dormplan::model::LonLat;
use geo::Point;
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Case {
    sites: Vec<LonLat>,
    site_employer: Vec<Option<u32>>,
    groups: Vec<LonLat>,
    group_employer: Vec<Option<u32>>,
    max_commute: Vec<Option<u32>>,
    k: usize,
    cutoff: u32,
}

/// Points on a coarse grid about 1.1 km apart (0.01°), so that equal distances are common.
fn point() -> impl Strategy<Value = LonLat> {
    (0i32..8, 0i32..8)
        .prop_map(|(x, y)| Point::new(121.2 + x as f64 * 0.01, 30.1 + y as f64 * 0.01))
}

fn case() -> impl Strategy<Value = Case> {
    (0usize..15, 1usize..8).prop_flat_map(|(ns, ng)| {
        (
            prop::collection::vec(point(), ns),
            prop::collection::vec(prop::option::weighted(0.3, 0u32..3), ns),
            prop::collection::vec(point(), ng),
            prop::collection::vec(prop::option::weighted(0.5, 0u32..3), ng),
            prop::collection::vec(prop::option::weighted(0.3, 500u32..6_000), ng),
            0usize..6,
            1_000u32..9_000,
        )
            .prop_map(
                |(sites, site_employer, groups, group_employer, max_commute, k, cutoff)| Case {
                    sites,
                    site_employer,
                    groups,
                    group_employer,
                    max_commute,
                    k,
                    cutoff,
                },
            )
    })
}

/// Every pair, filtered and sorted by (metres, site), the first k kept.
fn brute_force(c: &Case) -> (Vec<SiteArc>, Vec<Reach>) {
    let mut all = Vec::new();
    let mut reach = Vec::new();
    for (g, &gp) in c.groups.iter().enumerate() {
        let limit = c.max_commute[g].map_or(c.cutoff, |m| m.min(c.cutoff));
        let in_range: Vec<(u32, u32)> = c
            .sites
            .iter()
            .enumerate()
            .map(|(s, &sp)| (arcs::distance_m(gp, sp), s as u32))
            .filter(|&(m, _)| m <= limit)
            .collect();
        let mut allowed: Vec<(u32, u32)> = in_range
            .iter()
            .copied()
            .filter(|&(_, s)| {
                c.site_employer[s as usize].is_none_or(|e| c.group_employer[g] == Some(e))
            })
            .collect();
        allowed.sort();
        allowed.truncate(c.k);
        reach.push(if !allowed.is_empty() {
            Reach::Reachable
        } else if !in_range.is_empty() {
            Reach::EmployerOnly
        } else {
            Reach::NoSiteInRange
        });
        all.extend(allowed.into_iter().map(|(metres, site)| SiteArc {
            group: g as u32,
            site,
            metres,
        }));
    }
    (all, reach)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn r_tree_finds_the_same_arcs_as_all_pairs(c in case()) {
        let built = arcs::nearest_sites(
            SitePoints { location: &c.sites, employer: &c.site_employer },
            GroupPoints {
                location: &c.groups,
                employer: &c.group_employer,
                max_commute_m: &c.max_commute,
            },
            c.k,
            c.cutoff,
        )
        .unwrap();
        let (arcs, reach) = brute_force(&c);
        prop_assert_eq!(built.arcs, arcs);
        prop_assert_eq!(built.reach, reach);
        prop_assert_eq!(built.start.len(), c.groups.len() + 1);
    }
}

#[test]
fn bad_input_is_an_error() {
    let bad = [Point::new(f64::NAN, 30.0)];
    let ok = [Point::new(121.0, 30.0)];
    let sites = SitePoints {
        location: &bad,
        employer: &[None],
    };
    let groups = GroupPoints {
        location: &ok,
        employer: &[None],
        max_commute_m: &[None],
    };
    assert!(arcs::nearest_sites(sites, groups, 3, 1_000).is_err());
    let short = GroupPoints {
        location: &ok,
        employer: &[],
        max_commute_m: &[None],
    };
    let sites = SitePoints {
        location: &ok,
        employer: &[None],
    };
    assert!(arcs::nearest_sites(sites, short, 3, 1_000).is_err());
}
