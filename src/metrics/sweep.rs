//! Measuring many scenarios at once, in parallel, with the results in input order.

use super::scenario::{ScenarioMetrics, Solver, measure_with};
use crate::error::Result;
use crate::model::Loaded;
use rayon::prelude::*;

/// Measures every scenario with `solver` on the current rayon pool (wrap the call in
/// `ThreadPool::install` to choose the threads). `done` is called with a scenario's index as
/// each one finishes, in whatever order they finish; the results come back in input order, so
/// the output does not depend on the number of threads.
pub fn measure_all(
    scenarios: &[Loaded],
    solver: &Solver,
    done: &(dyn Fn(usize) + Sync),
) -> Vec<Result<ScenarioMetrics>> {
    scenarios
        .par_iter()
        .enumerate()
        .map(|(i, loaded)| {
            let m = measure_with(loaded, solver);
            done(i);
            m
        })
        .collect()
}
