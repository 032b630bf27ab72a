//! Site selection on the sample expansion scenario (424 groups, 236 sites, 8 candidates):
//! the mixed-integer program alone, the exact search alone, and the whole plan, with the
//! build's default solver (microlp, or HiGHS with `--features highs`).

use criterion::{Criterion, criterion_group, criterion_main};
use dormplan::io::load_scenario;
use dormplan::model::Loaded;
use dormplan::plan::{self, Backend, KeepTogether, PlanOptions, PlanProblem, exact, mip};
use std::hint::black_box;
use std::path::Path;

fn sample() -> Loaded {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/cixi-2022-expansion.toml");
    load_scenario(&path).expect("the sample scenario loads")
}

fn planning(c: &mut Criterion) {
    let loaded = sample();
    let problem = PlanProblem::of(&loaded).expect("the planning problem");
    let sel = problem.selection(loaded.scenario.settings.plan.budget);
    let backend = Backend::default_for_build();
    let mut group = c.benchmark_group(format!("plan_sample_{backend}"));
    group.sample_size(10);
    for kt in [KeepTogether::Relaxed, KeepTogether::Whole] {
        group.bench_function(format!("program_keep_together_{}", kt.as_str()), |b| {
            b.iter(|| black_box(mip::solve_mip(&sel, backend, kt)))
        });
    }
    group.bench_function("exact_search", |b| {
        b.iter(|| black_box(exact::search(&sel, None, Vec::new())))
    });
    group.bench_function("plan", |b| {
        b.iter(|| black_box(plan::choose(&loaded, &PlanOptions::default())))
    });
    group.finish();
}

criterion_group!(benches, planning);
criterion_main!(benches);
