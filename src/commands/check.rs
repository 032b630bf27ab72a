//! `dormplan check SCENARIO`: validate every input of a scenario and its variants, summarise
//! the data and list every problem.

use super::{Console, Mode, Outcome, Status, problem_row};
use crate::catalogue::words;
use crate::diag::{Code, Problem, Problems};
use crate::io::{load_scenario, load_variants};
use crate::report::check::{data_summary, variant_line};
use crate::report::terminal::print_problems;
use std::path::Path;

/// Validates the scenario at `path` (the base and every variant) and prints a summary and
/// every problem. [`Status::Failed`] when any input has an error; an unreadable scenario file
/// is an error of its own (exit code 2), since there is nothing to check.
pub fn check(path: &Path, console: &mut Console) -> Outcome {
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
    let lang = console.lang_for(base.as_ref().ok().and_then(|l| l.scenario.settings.lang));

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
    let errors = problems.errors().count();
    let warnings = problems.warnings().count();
    let status = if errors == 0 {
        Status::Success
    } else {
        Status::Failed
    };
    let out = &mut *console.out;
    match console.mode {
        Mode::Quiet => return Ok(status),
        Mode::Json => {
            let list = |severity: &str, list: Vec<&Problem>| -> Vec<serde_json::Value> {
                list.into_iter()
                    .map(|p| {
                        let mut row =
                            serde_json::to_value(problem_row(p)).unwrap_or(serde_json::Value::Null);
                        if let Some(fields) = row.as_object_mut() {
                            fields.insert("severity".into(), severity.into());
                        }
                        row
                    })
                    .collect()
            };
            let doc = serde_json::json!({
                "schema": super::JSON_SCHEMA,
                "command": "check",
                "lang": lang,
                "scenario": path.display().to_string(),
                "summary": {
                    "passed": errors == 0,
                    "errors": errors,
                    "warnings": warnings,
                    "variants": variants.as_ref().map_or(0, Vec::len),
                },
                "errors": list("error", problems.errors().collect()),
                "warnings": list("warning", problems.warnings().collect()),
            });
            serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::other)?;
            writeln!(out)?;
            return Ok(status);
        }
        Mode::Report => {}
    }

    writeln!(
        out,
        "{}",
        words::CHECKING.fill(lang, &[("file", &path.display())])
    )?;
    if let Ok(loaded) = &base {
        data_summary(out, lang, loaded)?;
    }
    if let Ok(list) = &variants
        && !list.is_empty()
    {
        writeln!(out)?;
        for l in list {
            variant_line(out, lang, l)?;
        }
    }
    print_problems(out, &problems, lang)?;
    writeln!(out)?;
    let (errors, warnings) = (&errors, &warnings);
    let verdict = if errors == &0 {
        words::CHECK_PASSED
    } else {
        words::CHECK_FAILED
    };
    writeln!(
        out,
        "{}",
        verdict.fill(lang, &[("errors", errors), ("warnings", warnings)])
    )?;
    Ok(status)
}
