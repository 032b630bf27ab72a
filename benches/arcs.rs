//! Building the k-nearest-site arcs for the generated S and M instances.

use criterion::{Criterion, criterion_group, criterion_main};
use dormplan::alloc::arcs::{self, GroupPoints, SitePoints};
use dormplan::synth::{self, Size};
use std::hint::black_box;

fn arcs(c: &mut Criterion) {
    let mut group = c.benchmark_group("nearest_sites");
    group.sample_size(10);
    for size in [Size::S, Size::M] {
        let inst = synth::generate(size, 1);
        let max_commute = vec![None; inst.group_location.len()];
        group.bench_function(format!("{size:?}"), |b| {
            b.iter(|| {
                black_box(arcs::nearest_sites(
                    SitePoints {
                        location: &inst.site_location,
                        employer: &inst.site_employer,
                    },
                    GroupPoints {
                        location: &inst.group_location,
                        employer: &inst.group_employer,
                        max_commute_m: &max_commute,
                    },
                    synth::K,
                    synth::CUTOFF_M,
                ))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, arcs);
criterion_main!(benches);
