//! The starter files of `dormplan init`: a scenario, a policy and the three tables a planner
//! fills in for a new city. They are `data/starter/` of the source, built into the binary; the
//! tables are headed with the Chinese column names and hold a few example rows, and the whole
//! passes `dormplan check` as it is.

use crate::catalogue::{Lang, Phrase, words};
use crate::io::Outputs;
use std::io::Write;
use std::path::Path;

/// The scenario file among the starter files.
pub const STARTER_SCENARIO: &str = "scenario.toml";

/// Each starter file: its name, its content, and what it is.
const FILES: &[(&str, &str, Phrase)] = &[
    (
        STARTER_SCENARIO,
        include_str!("../../data/starter/scenario.toml"),
        Phrase {
            key: "starter file",
            zh: "情景：数据文件、政策与各项设置",
            en: "the scenario: its data files, policy and settings",
        },
    ),
    (
        "policy.toml",
        include_str!("../../data/starter/policy.toml"),
        Phrase {
            key: "starter file",
            zh: "政策：居住标准与补助规则（同慈溪样例）",
            en: "the policy: the per-person standard and the subsidy rules (as in the Cixi sample)",
        },
    ),
    (
        "towns.csv",
        include_str!("../../data/starter/towns.csv"),
        Phrase {
            key: "starter file",
            zh: "镇街表（示例行）",
            en: "the towns (example rows)",
        },
    ),
    (
        "sites.csv",
        include_str!("../../data/starter/sites.csv"),
        Phrase {
            key: "starter file",
            zh: "点位表：宿舍、公寓与租赁住房项目（示例行）",
            en: "the sites: dormitories, apartments and rental projects (example rows)",
        },
    ),
    (
        "demand.csv",
        include_str!("../../data/starter/demand.csv"),
        Phrase {
            key: "starter file",
            zh: "需求表：各需求组的人数与工作地点（示例行）",
            en: "the demand groups: their people and where they work (example rows)",
        },
    ),
];

/// The starter files, in a stable order; the tables as CSV tables (which get the byte-order
/// mark that Excel and WPS need, unless the caller writes plain CSV).
pub fn starter_outputs() -> Outputs {
    let mut out = Outputs::new();
    for &(name, text, _) in FILES {
        if name.ends_with(".csv") {
            out.add_csv_text(name, text);
        } else {
            out.add(name, text.as_bytes().to_vec());
        }
    }
    out
}

/// What was written into `dir` and what to do next.
pub fn print_starter(out: &mut dyn Write, lang: Lang, dir: &Path) -> std::io::Result<()> {
    let dir = dir.display();
    writeln!(out, "{}", words::STARTER_WROTE.fill(lang, &[("dir", &dir)]))?;
    let width = FILES.iter().map(|f| f.0.len()).max().unwrap_or(0);
    for &(name, _, about) in FILES {
        writeln!(out, "  {name:<width$}  {}", about.get(lang))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", words::STARTER_NEXT.get(lang))?;
    let scenario = format!("{dir}/{STARTER_SCENARIO}");
    writeln!(out, "  dormplan check {scenario}")?;
    writeln!(out, "  dormplan allocate {scenario} -o {dir}/out")?;
    writeln!(out, "{}", words::STARTER_DOCS.get(lang))
}

/// The starter files' names, in the order they are written.
pub fn starter_names() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|f| f.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_are_headed_in_chinese_and_marked_as_tables() {
        let out = starter_outputs();
        let names: Vec<&str> = out.names().collect();
        assert_eq!(names, FILES.iter().map(|f| f.0).collect::<Vec<_>>());
        let tables: Vec<&str> = out.tables().map(|(name, _)| name).collect();
        assert_eq!(tables, ["towns.csv", "sites.csv", "demand.csv"]);
        for (name, csv) in out.tables() {
            let bytes = csv.read().unwrap();
            let text = std::str::from_utf8(&bytes).unwrap();
            let header = text.lines().next().unwrap();
            assert!(
                header.split(',').all(|column| !column.is_ascii()),
                "{name}: {header}"
            );
            assert!(text.lines().count() > 2, "{name} has example rows");
        }
    }
}
