//! Invariants of the subsidy engine on random projects and programmes: no amount above a cap,
//! no pool overdrawn, statuses consistent with conditions, results independent of site order.

mod subsidy_fixtures;

use dormplan::model::policy::{
    AreaBasis, ConversionRule, KindRate, Policy, Pool, PoolRule, Programme, Rounding, YearBasis,
};
use dormplan::model::{Area, ExpertReview, Fen, Ratio, Site, SiteKind, SiteStatus};
use dormplan::subsidy::{Condition, Eligibility, ProjectSubsidy, evaluate, subsidy_for};
use proptest::prelude::*;
use std::collections::BTreeMap;
use subsidy_fixtures::*;

fn arb_kind() -> impl Strategy<Value = SiteKind> {
    prop_oneof![
        Just(SiteKind::RentalNewBuild),
        Just(SiteKind::RentalConversion),
        Just(SiteKind::MigrantApartment),
    ]
}

fn arb_site() -> impl Strategy<Value = Site> {
    (
        arb_kind(),
        1i64..=100_000_000, // gross, 0.01 m² (up to 1,000,000 m²)
        prop::option::of(0i64..=1_000_000_000_000), // cost, fen (up to 10 bn yuan)
        prop::option::of(2017i32..=2025), // started
        prop::option::of(2017i32..=2025), // completed
        prop::sample::select(ExpertReview::ALL.to_vec()),
        prop::option::of(any::<bool>()),
        prop::sample::select(SiteStatus::ALL.to_vec()),
        prop::option::of(0u32..=20_000), // declared beds
        0usize..3,                       // town
    )
        .prop_map(
            |(kind, gross, cost, started, completed, review, safe, status, beds, town)| Site {
                gross: Area::from_centi_m2(gross),
                cost: cost.map(Fen),
                started_year: started,
                completed_year: completed,
                expert_review: review,
                structurally_safe: safe,
                fire_safe: safe,
                idle_before_conversion: None,
                status,
                beds,
                town,
                ..site("X", kind)
            },
        )
}

fn arb_rate(kind: SiteKind) -> impl Strategy<Value = Option<KindRate>> {
    prop::option::of((0i64..=200_000, prop::option::of(1i64..=10_000))).prop_map(move |r| {
        r.map(|(fen, cap)| KindRate {
            kind,
            rate_per_m2: Fen(fen),
            cost_share_cap: cap.and_then(|c| Ratio::from_fraction(c as f64 / 10_000.0)),
        })
    })
}

fn arb_programme() -> impl Strategy<Value = Programme> {
    (
        (
            arb_rate(SiteKind::RentalNewBuild),
            arb_rate(SiteKind::RentalConversion),
            arb_rate(SiteKind::MigrantApartment),
        ),
        2018i32..=2022,
        0i32..=3,
        any::<bool>(),
        any::<bool>(),
        prop::sample::subsequence(SiteKind::ALL.to_vec(), 0..=4),
        prop::option::of((0i64..=10_000_000_000, any::<bool>())),
        any::<bool>(),
    )
        .prop_map(
            |(rates, from, span, start, review, safety, pool, yuan_rounding)| {
                let (a, b, c) = rates;
                Programme {
                    year_from: from,
                    year_to: from + span,
                    year_basis: if start {
                        YearBasis::Start
                    } else {
                        YearBasis::Completion
                    },
                    area_basis: AreaBasis::Gross,
                    conversion: ConversionRule::default(),
                    rates: [a, b, c].into_iter().flatten().collect(),
                    require_expert_review: review,
                    require_safety_for: safety,
                    pool: pool.map(|(total, pro_rata)| Pool {
                        total: Fen(total),
                        rule: if pro_rata {
                            PoolRule::ProRata
                        } else {
                            PoolRule::BedsPerYuan
                        },
                    }),
                    rounding: if yuan_rounding {
                        Rounding::Yuan
                    } else {
                        Rounding::Fen
                    },
                    ..literal()
                }
            },
        )
}

/// Sites with unique ids.
fn arb_sites() -> impl Strategy<Value = Vec<Site>> {
    prop::collection::vec(arb_site(), 0..12).prop_map(|mut sites| {
        for (i, s) in sites.iter_mut().enumerate() {
            s.id = format!("S{i:02}");
        }
        sites
    })
}

/// The caps recomputed independently: ⌊rate × area / 100⌋ and ⌊cost × cap / 10,000⌋.
fn caps(site: &Site, programme: &Programme) -> (Option<i128>, Option<i128>) {
    let Some(rate) = programme.rate_for(site.kind) else {
        return (None, None);
    };
    let by_rate = i128::from(rate.rate_per_m2.0) * i128::from(site.gross.units()) / 10_000;
    let by_cost = rate.cost_share_cap.map(|cap| {
        i128::from(site.cost.map_or(0, |c| c.0)) * i128::from(cap.per_ten_thousand()) / 10_000
    });
    (Some(by_rate), by_cost)
}

fn check_project(p: &ProjectSubsidy, site: &Site, programme: &Programme) {
    let (by_rate, by_cost) = caps(site, programme);
    for amount in [Some(p.amount), p.request].into_iter().flatten() {
        let a = i128::from(amount.0);
        assert!(a >= 0);
        if a > 0 {
            assert!(by_rate.is_some_and(|r| a <= r), "{p:?} above the rate");
        }
        if let Some(c) = by_cost {
            assert!(a <= c, "{p:?} above the cost share {c}");
        }
        if programme.rounding == Rounding::Yuan {
            assert_eq!(amount.0 % 100, 0, "{p:?} not whole yuan");
        }
    }
    match p.eligibility {
        Eligibility::Eligible => {
            assert!(p.failed.is_empty() && p.pending.is_empty());
            assert!(Some(p.amount) <= p.request);
            if programme.pool.is_none() {
                assert_eq!(Some(p.amount), p.request);
            }
        }
        Eligibility::Potential => {
            assert!(p.failed.is_empty() && !p.pending.is_empty());
            assert!(Some(p.amount) <= p.request);
            if programme.pool.is_none() {
                assert_eq!(Some(p.amount), p.request);
            }
        }
        Eligibility::Unfunded => {
            assert!(p.failed.is_empty() && p.pending.is_empty());
            assert!(programme.pool.is_some());
            assert_eq!(p.amount, Fen::ZERO);
        }
        Eligibility::Ineligible => {
            assert!(!p.failed.is_empty());
            assert_eq!(p.amount, Fen::ZERO);
        }
    }
}

type Summary = BTreeMap<String, (Eligibility, Fen, Option<String>, Vec<Condition>)>;

fn summary(sites: &[Site], programme: &Programme) -> Summary {
    let outcome = evaluate(sites, &settings(), programme);
    outcome
        .projects
        .iter()
        .map(|p| {
            let binding = p.binding.map(|c| c.to_string());
            (
                sites[p.site].id.clone(),
                (p.eligibility, p.amount, binding, p.failed.clone()),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn amounts_within_caps_and_pools(sites in arb_sites(), programme in arb_programme()) {
        let outcome = evaluate(&sites, &settings(), &programme);
        for p in &outcome.projects {
            check_project(p, &sites[p.site], &programme);
        }
        let paid: i64 = outcome
            .projects
            .iter()
            .filter(|p| p.eligibility == Eligibility::Eligible)
            .map(|p| p.amount.0)
            .sum();
        if let Some(pool) = outcome.pool {
            prop_assert!(paid <= pool.total.0);
            prop_assert_eq!(pool.granted.0, paid);
            prop_assert_eq!(pool.granted.0 + pool.unallocated.0, pool.total.0);
        }
        prop_assert_eq!(outcome.totals.all.subsidy_eligible.0, paid);
    }

    #[test]
    fn deterministic_and_independent_of_site_order(
        sites in arb_sites(),
        programme in arb_programme(),
    ) {
        let once = summary(&sites, &programme);
        prop_assert_eq!(&once, &summary(&sites, &programme));
        let mut reversed = sites.clone();
        reversed.reverse();
        prop_assert_eq!(&once, &summary(&reversed, &programme));
    }

    #[test]
    fn subsidy_for_agrees_with_evaluate(sites in arb_sites(), programme in arb_programme()) {
        let mut programme = programme;
        programme.pool = None;
        let outcome = evaluate(&sites, &settings(), &programme);
        let policy = Policy { programmes: vec![programme.clone()], ..policy("p", vec![]) };
        for p in &outcome.projects {
            let got = subsidy_for(&sites[p.site], &settings(), &policy).total;
            let only_unapplied = p.failed.iter().all(|&r| r == Condition::ReviewNotApplied);
            let want = if only_unapplied { p.request.unwrap_or(Fen::ZERO) } else { Fen::ZERO };
            prop_assert_eq!(got, want, "{:?}", p);
            if p.eligibility != Eligibility::Ineligible {
                prop_assert_eq!(Some(got), p.request);
            }
        }
    }
}
