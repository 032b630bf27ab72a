//! `dormplan check SCENARIO`: validate every input of a scenario and its variants, summarise
//! the data and list every problem.

use super::{Outcome, Status};
use crate::diag::{Code, Problem, Problems};
use crate::io::{load_scenario, load_variants};
use crate::report::check::{data_summary, variant_line};
use crate::report::terminal::print_problems;
use std::io::Write;
use std::path::Path;

/// Validates the scenario at `path` (the base and every variant) and prints a summary and
/// every problem to `out`. [`Status::Failed`] when any input has an error; an unreadable
/// scenario file is an error of its own (exit code 2), since there is nothing to check.
pub fn check(path: &Path, out: &mut dyn Write) -> Outcome {
    let base = load_scenario(path);
    if let Err(problems) = &base
        && problems
            .0
            .iter()
            .any(|p| p.file == path && matches!(p.code, Code::FILE_UNREADABLE | Code::NOT_UTF8))
    {
        return Err(crate::Error::Input(problems.clone()).into());
    }
    let variants = load_variants(path);

    let mut all: Vec<Problem> = Vec::new();
    match &base {
        Ok(l) => all.extend(l.warnings.0.iter().cloned()),
        Err(p) => all.extend(p.0.iter().cloned()),
    }
    match &variants {
        Ok(list) => list
            .iter()
            .for_each(|l| all.extend(l.warnings.0.iter().cloned())),
        Err(p) => all.extend(p.0.iter().cloned()),
    }
    let problems = Problems::merged(all.into_iter());

    writeln!(out, "Checking {}", path.display())?;
    if let Ok(loaded) = &base {
        data_summary(out, loaded)?;
    }
    if let Ok(list) = &variants
        && !list.is_empty()
    {
        writeln!(out)?;
        for l in list {
            variant_line(out, l)?;
        }
    }
    print_problems(out, &problems)?;
    let errors = problems.errors().count();
    let warnings = problems.warnings().count();
    writeln!(out)?;
    if errors == 0 {
        writeln!(out, "check passed: 0 errors, {warnings} warning(s)")?;
        Ok(Status::Success)
    } else {
        writeln!(
            out,
            "check failed: {errors} error(s), {warnings} warning(s)"
        )?;
        Ok(Status::Failed)
    }
}
