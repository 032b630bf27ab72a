//! The flow solve on the generated S and M instances (L is timed by `compare.sh`).

use criterion::{Criterion, criterion_group, criterion_main};
use dormplan::synth::{self, Size};
use std::hint::black_box;

fn flow(c: &mut Criterion) {
    let mut group = c.benchmark_group("transport_solve");
    group.sample_size(10);
    for size in [Size::S, Size::M] {
        let inst = synth::generate(size, 1);
        group.bench_function(format!("{size:?}"), |b| {
            b.iter(|| black_box(inst.transport().solve()))
        });
    }
    group.finish();
}

criterion_group!(benches, flow);
criterion_main!(benches);
