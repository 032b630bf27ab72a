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
