//! The shipped policy files say what the seed says, and the strict reading differs from the
//! literal one only in the conversions' cost-share cap.

use std::path::Path;
use toml::{Table, Value};

fn load(name: &str) -> Table {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/policy")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.parse::<Table>()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The value at a dotted path, where a number segment indexes an array.
fn at<'a>(t: &'a Table, path: &str) -> &'a Value {
    let mut parts = path.split('.');
    let first = parts.next().unwrap_or_default();
    let mut v = t.get(first).unwrap_or_else(|| panic!("no {path}"));
    for part in parts {
        v = match part.parse::<usize>() {
            Ok(i) => v.get(i),
            Err(_) => v.get(part),
        }
        .unwrap_or_else(|| panic!("no {path}"));
    }
    v
}

fn float(t: &Table, path: &str) -> f64 {
    match at(t, path) {
        Value::Float(x) => *x,
        Value::Integer(i) => *i as f64,
        other => panic!("{path}: {other:?} is no number"),
    }
}

#[test]
fn the_literal_file_follows_the_seed() {
    let t = load("ningbo-rental-pilot.toml");
    assert_eq!(float(&t, "standard.min_m2_per_person"), 8.0);
    assert_eq!(float(&t, "standard.max_m2_per_person"), 10.0);
    assert_eq!(at(&t, "standard.source").as_str(), Some("慈党〔2012〕22号"));
    let programmes = at(&t, "programme").as_array().expect("[[programme]]");
    assert_eq!(programmes.len(), 1);
    assert_eq!(
        at(&t, "programme.0.source").as_str(),
        Some("甬建发〔2021〕20号")
    );
    assert_eq!(float(&t, "programme.0.years.from"), 2020.0);
    assert_eq!(float(&t, "programme.0.years.to"), 2022.0);
    assert_eq!(
        at(&t, "programme.0.years.basis").as_str(),
        Some("completion")
    );
    assert_eq!(
        at(&t, "programme.0.require_expert_review").as_bool(),
        Some(true)
    );
    let safety: Vec<_> = at(&t, "programme.0.require_safety_for")
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(safety, ["rental_conversion"]);
    assert_eq!(
        float(&t, "programme.0.rates.rental_new_build.yuan_per_m2"),
        800.0
    );
    assert_eq!(
        float(&t, "programme.0.rates.rental_new_build.cost_share_cap"),
        0.30
    );
    assert_eq!(
        float(&t, "programme.0.rates.rental_conversion.yuan_per_m2"),
        600.0
    );
    let conversion = at(&t, "programme.0.rates.rental_conversion")
        .as_table()
        .expect("a table");
    assert!(
        conversion.get("cost_share_cap").is_none(),
        "the literal reading caps new builds only"
    );
    assert!(
        at(&t, "programme.0").get("pool").is_none(),
        "the text states no pool"
    );
}

#[test]
fn the_strict_file_differs_only_in_the_conversion_cap() {
    let mut literal = load("ningbo-rental-pilot.toml");
    let strict = load("ningbo-rental-pilot-strict.toml");
    assert_eq!(
        float(
            &strict,
            "programme.0.rates.rental_conversion.cost_share_cap"
        ),
        0.30
    );
    // Give the literal file the strict cap and its name: the two must then be the same.
    literal.insert("name".into(), at(&strict, "name").clone());
    let conversion = literal
        .get_mut("programme")
        .and_then(|p| p.get_mut(0))
        .and_then(|p| p.get_mut("rates"))
        .and_then(|r| r.get_mut("rental_conversion"))
        .and_then(Value::as_table_mut)
        .expect("the conversion rate");
    conversion.insert("cost_share_cap".into(), Value::Float(0.30));
    assert_eq!(literal, strict);
}

/// Every setting a programme has is stated in both shipped files (none left to a default), each
/// under a comment that quotes the text it models.
#[test]
fn every_setting_is_stated_with_its_phrase() {
    for name in [
        "ningbo-rental-pilot.toml",
        "ningbo-rental-pilot-strict.toml",
    ] {
        let t = load(name);
        for path in [
            "programme.0.years.basis",
            "programme.0.area_basis",
            "programme.0.require_expert_review",
            "programme.0.require_safety_for",
            "programme.0.rounding",
            "programme.0.conversions.sources",
            "programme.0.conversions.closed",
            "programme.0.conversions.require_idle",
        ] {
            at(&t, path);
        }
        let sources: Vec<_> = at(&t, "programme.0.conversions.sources")
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(
            sources,
            ["commercial", "office", "industrial", "farm_houses"]
        );
        assert_eq!(
            at(&t, "programme.0.conversions.closed").as_bool(),
            Some(false)
        );
        assert_eq!(
            at(&t, "programme.0.conversions.require_idle").as_bool(),
            Some(true)
        );
        assert_eq!(at(&t, "programme.0.area_basis").as_str(), Some("gross"));

        // Each setting line follows a comment block holding the phrase of the text it models.
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/policy")
            .join(name);
        let text = std::fs::read_to_string(path).expect("the file");
        let lines: Vec<&str> = text.lines().collect();
        for (key, phrase) in [
            ("years =", "2020年至2022年建设"),
            ("area_basis =", "平方米"),
            ("require_expert_review =", "专家评审"),
            ("require_safety_for =", "结构安全、消防安全"),
            ("[programme.conversions]", "闲置"),
            ("[programme.rates.rental_new_build]", "最高800元/平方米"),
            ("[programme.rates.rental_conversion]", "改建项目最高600元"),
        ] {
            let at_line = lines
                .iter()
                .position(|l| l.starts_with(key))
                .unwrap_or_else(|| panic!("{name}: no {key}"));
            let comment: String = lines[..at_line]
                .iter()
                .rev()
                .take_while(|l| l.starts_with('#'))
                .copied()
                .collect();
            assert!(
                comment.contains(phrase),
                "{name}: {key} is not under a comment quoting {phrase}"
            );
        }
    }
}
