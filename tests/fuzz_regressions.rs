//! Every saved fuzz input runs again as its fuzz target ran it, through the harness the targets
//! use (`fuzz/src/lib.rs`, included here): the committed seeds under `fuzz/seeds/TARGET/` and
//! every input that once made a target panic, hang or abort, under
//! `tests/data/fuzz-regressions/TARGET/` (see `docs/fuzzing.md`). None may panic.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod harness;

use harness::{Harness, Target};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// The seeds and the saved regressions of `target`, in name order.
fn inputs(target: Target) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        root.join("fuzz/seeds").join(target.name()),
        root.join("tests/data/fuzz-regressions").join(target.name()),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("a folder entry").path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Runs every input of `target`, each in a fresh folder; fails naming every input that
/// panicked.
fn replay(target: Target) {
    let files = inputs(target);
    assert!(!files.is_empty(), "no inputs for {}", target.name());
    let mut panicked = Vec::new();
    for file in &files {
        let data = std::fs::read(file).expect("a saved input");
        let harness = Harness::new(target);
        if catch_unwind(AssertUnwindSafe(|| harness.run(&data))).is_err() {
            panicked.push(file.display().to_string());
        }
    }
    assert!(
        panicked.is_empty(),
        "{} of {} inputs of the {} target panicked: {panicked:#?}",
        panicked.len(),
        files.len(),
        target.name()
    );
}

#[test]
fn towns() {
    replay(Target::Towns);
}

#[test]
fn sites() {
    replay(Target::Sites);
}

#[test]
fn demand() {
    replay(Target::Demand);
}

#[test]
fn cost_matrix() {
    replay(Target::CostMatrix);
}

#[test]
fn scenario() {
    replay(Target::Scenario);
}

#[test]
fn policy() {
    replay(Target::Policy);
}

#[test]
fn pipeline() {
    replay(Target::Pipeline);
}
