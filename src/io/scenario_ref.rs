//! Scenarios named on the command line: a scenario file's base, or one of its variants written
//! `FILE#VARIANT`. The text after the last `#` names the variant (unless it contains a path
//! separator, so a folder with `#` in its name still works).

use super::{load_base, load_variants};
use crate::catalogue::{Said, problems as say};
use crate::diag::{Code, Location, Problem, Problems};
use crate::error::{Error, Result};
use crate::model::Loaded;
use std::path::{Path, PathBuf};

/// A scenario named on the command line: a file's base, or one of its variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioRef {
    /// The scenario file.
    pub path: PathBuf,
    /// The variant's name; `None` for the base.
    pub variant: Option<String>,
    /// The argument as written, for headings.
    pub label: String,
}

impl ScenarioRef {
    /// Reads `FILE` or `FILE#VARIANT`.
    pub fn parse(arg: &str) -> ScenarioRef {
        let split = arg
            .rsplit_once('#')
            .filter(|(_, name)| !name.contains(['/', '\\']));
        let (path, variant) = match split {
            Some((file, name)) => (file, Some(name.trim().to_string())),
            None => (arg, None),
        };
        ScenarioRef {
            path: PathBuf::from(path),
            variant,
            label: arg.to_string(),
        }
    }

    /// Loads the base or the variant. An unknown variant is bad input that lists the names.
    pub fn load(&self) -> Result<Loaded> {
        let Some(name) = &self.variant else {
            return load_base(&self.path).map_err(Error::Input);
        };
        let mut list = load_variants(&self.path).map_err(Error::Input)?;
        match list
            .iter()
            .position(|l| l.scenario.variant.as_deref() == Some(name))
        {
            Some(i) => Ok(list.swap_remove(i)),
            None => Err(unknown_variant(&self.path, name, &list)),
        }
    }
}

fn unknown_variant(path: &Path, name: &str, list: &[Loaded]) -> Error {
    let names: Vec<&str> = list
        .iter()
        .filter_map(|l| l.scenario.variant.as_deref())
        .collect();
    let expected = if names.is_empty() {
        say::NO_VARIANTS.into()
    } else {
        say::ONE_OF_VARIANTS.with_said(vec![("names", Said::names(names))])
    };
    let p = Problem::new(Code::UNKNOWN_VALUE, path, Location::Key("variant".into()))
        .field("name")
        .found(format!("\"{name}\""))
        .expected(expected);
    Error::Input(Problems(vec![p]))
}

/// Loads A and B; when both have bad input, every problem of both is reported.
pub fn load_both(a: &ScenarioRef, b: &ScenarioRef) -> Result<[Loaded; 2]> {
    match (a.load(), b.load()) {
        (Ok(la), Ok(lb)) => Ok([la, lb]),
        (Err(Error::Input(pa)), Err(Error::Input(pb))) => {
            Err(Error::Input(Problems::merged(pa.0.into_iter().chain(pb.0))))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_names_a_variant() {
        let r = ScenarioRef::parse("s.toml#standard-10");
        assert_eq!(r.path, PathBuf::from("s.toml"));
        assert_eq!(r.variant.as_deref(), Some("standard-10"));
        assert_eq!(ScenarioRef::parse("s.toml").variant, None);
        let r = ScenarioRef::parse("runs#1/s.toml");
        assert_eq!((r.path, r.variant), (PathBuf::from("runs#1/s.toml"), None));
        assert_eq!(ScenarioRef::parse("s.toml#").variant.as_deref(), Some(""));
    }
}
