//! Three projects of the embedded Cixi sample, checked by hand under both readings of the
//! rental-pilot rule (800 yuan/m² and ≤ 30 % of cost for new builds; 600 yuan/m² for
//! conversions, with the 30 % cap on them too only in the strict reading).
//!
//! Beds are at the baseline's 8 m² of residential area per person, residential area = declared,
//! or gross × 0.8333; declared beds cap them.

use dormplan::io::load_scenario;
use dormplan::model::Fen;
use dormplan::model::Loaded;
use dormplan::subsidy::{Cap, Eligibility, ProjectSubsidy, evaluate_policy};
use std::path::Path;

fn scenario(name: &str) -> Loaded {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name);
    load_scenario(&path).expect("the sample scenario loads")
}

/// The project `id` under the scenario's (single) programme.
fn project(loaded: &Loaded, id: &str) -> ProjectSubsidy {
    let sc = &loaded.scenario;
    let policy = sc.policy.as_ref().expect("a policy");
    let outcomes = evaluate_policy(&sc.dataset.sites, &sc.settings, policy);
    assert_eq!(outcomes.len(), 1, "one programme");
    outcomes[0]
        .projects
        .iter()
        .find(|p| sc.dataset.sites[p.site].id == id)
        .cloned()
        .unwrap_or_else(|| panic!("{id} is a project"))
}

fn yuan(fen: i64) -> Fen {
    Fen(fen)
}

#[test]
fn new_build_rn0004_is_paid_the_rate() {
    // 观海卫镇新市民租赁公寓: 21,019 m² gross, cost 94,073,757 yuan, completed 2021, passed.
    // Rate: 21,019 × 800 = 16,815,200.00; 30 % of cost: 28,222,127.10 → the rate binds.
    // Beds: 21,019 × 0.8333 = 17,515.13 m² → 2,189 at 8 m², capped by 1,671 declared.
    // Per bed: 16,815,200 ÷ 1,671 = 10,062.956… → 10,062.95.
    for name in ["cixi-2020.toml", "cixi-strict-subsidy.toml"] {
        let p = project(&scenario(name), "RN0004");
        assert_eq!(p.eligibility, Eligibility::Eligible, "{name}");
        assert_eq!(p.rate_limit, Some(yuan(1_681_520_000)));
        assert_eq!(p.cost_share_limit, Some(yuan(2_822_212_710)));
        assert_eq!(p.binding, Some(Cap::Rate));
        assert_eq!(p.amount, yuan(1_681_520_000));
        assert_eq!(p.beds, 1_671);
        assert_eq!(p.per_bed, Some(yuan(1_006_295)));
    }
}

#[test]
fn conversion_rc0001_is_paid_the_rate_under_both_readings() {
    // 宗汉街道商业用房改建公寓: 3,281 m², cost 7,636,665 yuan, completed 2020, safe, passed.
    // Rate: 3,281 × 600 = 1,968,600.00. Strict reading, 30 % of cost: 2,290,999.50 → the rate
    // still binds. Beds: 3,281 × 0.8333 = 2,734.06 m² → 341. Per bed 5,773.0205… → 5,773.02.
    let literal = project(&scenario("cixi-2020.toml"), "RC0001");
    assert_eq!(
        literal.cost_share_limit, None,
        "no cost cap on conversions when literal"
    );
    let strict = project(&scenario("cixi-strict-subsidy.toml"), "RC0001");
    assert_eq!(strict.cost_share_limit, Some(yuan(229_099_950)));
    for p in [literal, strict] {
        assert_eq!(p.eligibility, Eligibility::Eligible);
        assert_eq!(p.binding, Some(Cap::Rate));
        assert_eq!(p.amount, yuan(196_860_000));
        assert_eq!(p.beds, 341);
        assert_eq!(p.per_bed, Some(yuan(577_302)));
    }
}

#[test]
fn conversion_rc0009_is_cut_by_the_cost_cap_only_in_the_strict_reading() {
    // 胜山镇农房改建新市民公寓: 6,094 m², cost 6,965,013 yuan, completed 2021, safe, passed.
    // Literal: 6,094 × 600 = 3,656,400.00 (rate). Strict: 30 % of 6,965,013 = 2,089,503.90
    // < 3,656,400 → the cost cap binds. Beds: 5,023 m² declared → 627, capped by 518 declared.
    // Per bed: 3,656,400 ÷ 518 = 7,058.687… → 7,058.68; 2,089,503.90 ÷ 518 = 4,033.791… →
    // 4,033.79.
    let literal = project(&scenario("cixi-2020.toml"), "RC0009");
    assert_eq!(literal.binding, Some(Cap::Rate));
    assert_eq!(literal.amount, yuan(365_640_000));
    assert_eq!(literal.per_bed, Some(yuan(705_868)));
    let strict = project(&scenario("cixi-strict-subsidy.toml"), "RC0009");
    assert_eq!(strict.binding, Some(Cap::CostShare));
    assert_eq!(strict.amount, yuan(208_950_390));
    assert_eq!(strict.per_bed, Some(yuan(403_379)));
    assert_eq!(strict.beds, 518);
}
