//! Input columns named in Chinese: the Cixi sample with every header and property renamed to
//! the documented Chinese names allocates exactly as the sample does, and a column given under
//! both names is an error that names both.

mod common;

use common::{dormplan, show, text};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Copies the 2020 scenario, the sample's tables and its boundary into `dir`, with `rename`
/// applied to each table's text, and returns the scenario's path.
fn sample_in(dir: &Path, rename: &dyn Fn(&str, String) -> String) -> PathBuf {
    let root = Path::new(ROOT);
    for name in ["towns.csv", "sites.geojson", "demand.csv"] {
        let text = std::fs::read_to_string(root.join("data/cixi").join(name)).expect("sample");
        std::fs::write(dir.join(name), rename(name, text)).expect("writing a table");
    }
    let boundary = root.join("data/cixi/boundary.geojson");
    std::fs::copy(boundary, dir.join("boundary.geojson")).expect("copying the boundary");
    let policy = root.join("data/policy/ningbo-rental-pilot.toml");
    let scenario = std::fs::read_to_string(root.join("scenarios/cixi-2020.toml"))
        .expect("scenario")
        .replace("../data/cixi/", "")
        .replace(
            "../data/policy/ningbo-rental-pilot.toml",
            &policy.display().to_string().replace('\\', "/"),
        );
    let path = dir.join("scenario.toml");
    std::fs::write(&path, scenario).expect("writing the scenario");
    path
}

/// The sample's tables under Chinese column names.
fn in_chinese(name: &str, text: String) -> String {
    match name {
        "towns.csv" => text.replacen(
            "code,name_zh,name_en,lon,lat,kind",
            "编号,名称,英文名,经度,纬度,类型",
            1,
        ),
        "demand.csv" => text.replacen(
            "id,town,people,lon,lat,employer,priority,keep_together,max_commute_km",
            "编号,镇街,人数,经度,纬度,企业,积分,整体安置,最远通勤公里",
            1,
        ),
        _ => [
            ("\"id\":", "\"编号\":"),
            ("\"name\":", "\"名称\":"),
            ("\"town\":", "\"镇街\":"),
            ("\"kind\":", "\"类型\":"),
            ("\"status\":", "\"状态\":"),
            ("\"gross_m2\":", "\"建筑面积\":"),
            ("\"residential_m2\":", "\"居住面积\":"),
            ("\"completed_year\":", "\"竣工年份\":"),
            ("\"employer\":", "\"企业\":"),
        ]
        .iter()
        .fold(text, |t, (from, to)| t.replace(from, to)),
    }
}

#[test]
fn the_sample_under_chinese_column_names_allocates_as_the_sample() {
    let english = tempfile::tempdir().expect("a folder");
    let chinese = tempfile::tempdir().expect("a folder");
    let en = sample_in(english.path(), &|_, t| t);
    let zh = sample_in(chinese.path(), &in_chinese);
    let zh_demand = std::fs::read_to_string(chinese.path().join("demand.csv")).expect("demand");
    assert!(
        zh_demand.starts_with("编号,镇街,人数"),
        "the headers were renamed"
    );
    let zh_sites = std::fs::read_to_string(chinese.path().join("sites.geojson")).expect("sites");
    assert!(
        !zh_sites.contains("\"gross_m2\""),
        "the properties were renamed"
    );
    for (scenario, dir) in [(&en, english.path()), (&zh, chinese.path())] {
        let o = dormplan(
            &["allocate", scenario.to_str().expect("a path"), "-o", "out"],
            dir,
        );
        assert!(o.status.success(), "{}", show(&o));
    }
    for table in ["allocations.csv", "sites.csv", "towns.csv", "unhoused.csv"] {
        let read = |dir: &Path| std::fs::read(dir.join("out").join(table)).expect("an output");
        assert_eq!(
            read(english.path()),
            read(chinese.path()),
            "{table} differs between English and Chinese column names"
        );
    }
}

#[test]
fn a_column_given_under_both_names_is_refused_naming_both() {
    let dir = tempfile::tempdir().expect("a folder");
    // The demand table with its people given twice, as 人数 and as people.
    let scenario = sample_in(dir.path(), &|name, t| {
        if name != "demand.csv" {
            return t;
        }
        t.lines()
            .map(|line| {
                let mut cells: Vec<&str> = line.split(',').collect();
                let people = if cells[2] == "people" {
                    "人数"
                } else {
                    cells[2]
                };
                cells.insert(2, people);
                cells.join(",") + "\n"
            })
            .collect()
    });
    let o = dormplan(&["check", scenario.to_str().expect("a path")], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    let said = format!("{}{}", text(&o.stdout), text(&o.stderr));
    assert!(said.contains("人数, people all meaning people"), "{said}");
}
