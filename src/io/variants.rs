//! A scenario with its variants, loaded together for sweeps, with every problem that belongs to
//! one variant named by it.
//!
//! The readers report problems by file and key; which variant a problem belongs to is read from
//! the scenario's `[[variant]]` blocks (their keys and the data files each names).

use super::{load_scenario, load_variants};
use crate::diag::{Location, Problem, Problems};
use crate::model::Loaded;
use std::path::{Component, Path, PathBuf};

/// The base, then the variants in file order. Bad input in any of them gives every problem of
/// all, each that belongs to one variant named by it (its own keys, or a file only it names).
pub fn load_base_and_variants(path: &Path) -> Result<Vec<Loaded>, Problems> {
    match (load_scenario(path), load_variants(path)) {
        (Ok(base), Ok(variants)) => Ok(std::iter::once(base).chain(variants).collect()),
        (base, variants) => {
            let all = [base.err(), variants.err()].into_iter().flatten();
            let named = name_variants(path, all.flat_map(|p| p.0).collect());
            Err(Problems::merged(named.into_iter()))
        }
    }
}

/// What a `[[variant]]` block is called and which files it names itself.
struct VariantFiles {
    name: String,
    files: Vec<PathBuf>,
}

/// Adds the variant's name to every problem that belongs to one variant: those in its own keys
/// (`variant[i].…`) and those in files that only it names. A sweep stops on any of them, and
/// the name is what a planner looks for in a file of many variants.
fn name_variants(path: &Path, problems: Vec<Problem>) -> Vec<Problem> {
    let Some((base_files, variants)) = super::text::regular_file(path)
        .ok()
        .and_then(|()| std::fs::read_to_string(path).ok())
        .and_then(|text| text.parse::<toml::Table>().ok())
        .map(|doc| variant_files(&doc))
    else {
        return problems;
    };
    let names = |p: &Problem| -> Vec<&str> {
        if let Some(i) = p.location.key().and_then(variant_index) {
            return variants
                .get(i)
                .map(|v| v.name.as_str())
                .into_iter()
                .collect();
        }
        if base_files.iter().any(|f| names_file(f, &p.file)) {
            return Vec::new();
        }
        let by = variants
            .iter()
            .filter(|v| v.files.iter().any(|f| names_file(f, &p.file)));
        by.map(|v| v.name.as_str()).collect()
    };
    problems
        .into_iter()
        .map(|mut p| {
            let list = names(&p);
            if !list.is_empty() {
                let tag = format!("variant \"{}\"", list.join("\", \""));
                p.location = tagged(p.location, &tag);
            }
            p
        })
        .collect()
}

/// The base's data files and each variant's name and own data files.
fn variant_files(doc: &toml::Table) -> (Vec<PathBuf>, Vec<VariantFiles>) {
    fn files(t: &toml::Table) -> Vec<PathBuf> {
        let data = t.get("data").and_then(|d| d.as_table());
        let data = ["towns", "sites", "demand", "policy"]
            .into_iter()
            .filter_map(|k| data.and_then(|d| d.get(k)).and_then(|v| v.as_str()));
        let matrix = t
            .get("allocation")
            .and_then(|a| a.get("cost_matrix"))
            .and_then(|v| v.as_str());
        data.chain(matrix).map(PathBuf::from).collect()
    }
    let blocks = doc.get("variant").and_then(|v| v.as_array());
    let variants = blocks
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, v)| {
            let t = v.as_table();
            VariantFiles {
                name: t
                    .and_then(|t| t.get("name"))
                    .and_then(|n| n.as_str())
                    .map_or_else(|| format!("variant[{i}]"), |n| n.trim().to_string()),
                files: t.map(files).unwrap_or_default(),
            }
        })
        .collect();
    (files(doc), variants)
}

/// `i` of a key path `variant[i]…`.
fn variant_index(key: &str) -> Option<usize> {
    let rest = key.strip_prefix("variant[")?;
    let (i, _) = rest.split_once(']')?;
    i.parse().ok()
}

/// True when `problem_file` is the file a scenario names as `written`: readers report paths
/// resolved against the scenario's folder with `..` folded, so compare the tail.
fn names_file(written: &Path, problem_file: &Path) -> bool {
    let tail: PathBuf = written
        .components()
        .skip_while(|c| matches!(c, Component::ParentDir | Component::CurDir))
        .collect();
    !tail.as_os_str().is_empty() && problem_file.ends_with(&tail)
}

/// The location with `tag` added where it shows.
fn tagged(location: Location, tag: &str) -> Location {
    match location {
        Location::File => Location::Key(tag.to_string()),
        Location::Line(line) => Location::KeyAt {
            key: tag.to_string(),
            line,
        },
        Location::Feature(i) => Location::Key(format!("feature #{i}, {tag}")),
        Location::Key(k) => Location::Key(format!("{k}, {tag}")),
        Location::KeyAt { key, line } => Location::KeyAt {
            key: format!("{key}, {tag}"),
            line,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_keys_and_files_are_recognised() {
        assert_eq!(
            variant_index("variant[3].standard.plan_m2_per_person"),
            Some(3)
        );
        assert_eq!(variant_index("variant[12]"), Some(12));
        assert_eq!(variant_index("standard.plan_m2_per_person"), None);
        assert!(names_file(
            Path::new("../data/cixi/towns.csv"),
            Path::new("data/cixi/towns.csv")
        ));
        assert!(names_file(Path::new("/x/p.toml"), Path::new("/x/p.toml")));
        assert!(!names_file(
            Path::new("../data/a.csv"),
            Path::new("data/b.csv")
        ));
    }
}
