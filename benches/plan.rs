//! Site selection on the sample expansion scenario (424 groups, 236 sites, 8 candidates):
//! the mixed-integer program alone, the exact search alone, and the whole plan, with the
//! build's default solver (microlp, or HiGHS with `--features highs`).

use criterion::{Criterion, criterion_group, criterion_main};
use dormplan::alloc::Instance;
use dormplan::capacity::in_supply;
use dormplan::io::{Loaded, load_scenario};
use dormplan::plan::{
    self, Backend, Choice, KeepTogether, PlanOptions, Selection, candidates, exact, mip,
};
use std::collections::BTreeSet;
use std::hint::black_box;
use std::path::Path;

fn sample() -> Loaded {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/cixi-2022-expansion.toml");
    load_scenario(&path).expect("the sample scenario loads")
}

/// The planning instance and the candidates as choices, as `plan` builds them (without the
/// towns' minimums, which only add one row).
fn selection_parts(loaded: &Loaded) -> (Instance, Vec<Choice>) {
    let sc = &loaded.scenario;
    let cands = candidates(sc);
    let ids: BTreeSet<&str> = cands
        .iter()
        .filter(|c| c.is_plannable())
        .map(|c| sc.dataset.sites[c.site].id.as_str())
        .collect();
    let inst = Instance::build_with(sc, None, |s| {
        in_supply(s, &sc.settings) || ids.contains(s.id.as_str())
    })
    .expect("the planning instance");
    let choices = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is_plannable())
        .map(|(i, c)| Choice {
            candidate: i,
            site: inst
                .sites
                .iter()
                .position(|&s| s == c.site)
                .expect("a plannable candidate is in the instance"),
            net: c.net_cost.map_or(0, |f| f.0),
            beds: c.beds,
            town: sc.dataset.sites[c.site].town,
        })
        .collect();
    (inst, choices)
}

fn planning(c: &mut Criterion) {
    let loaded = sample();
    let (inst, choices) = selection_parts(&loaded);
    let sel = Selection {
        inst: &inst,
        choices,
        budget: loaded.scenario.settings.plan.budget.map(|b| b.0),
        needs: Vec::new(),
    };
    let backend = Backend::default_for_build();
    let mut group = c.benchmark_group(format!("plan_sample_{backend}"));
    group.sample_size(10);
    for kt in [KeepTogether::Relaxed, KeepTogether::Whole] {
        group.bench_function(format!("program_keep_together_{}", kt.as_str()), |b| {
            b.iter(|| black_box(mip::solve_mip(&sel, backend, kt)))
        });
    }
    group.bench_function("exact_search", |b| {
        b.iter(|| black_box(exact::search(&sel, None)))
    });
    group.bench_function("plan", |b| {
        b.iter(|| black_box(plan::plan(&loaded, &PlanOptions::default())))
    });
    group.finish();
}

criterion_group!(benches, planning);
criterion_main!(benches);
