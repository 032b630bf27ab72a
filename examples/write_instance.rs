//! Writes a synthetic allocation instance as a DIMACS min-cost-flow file.
//!
//! ```text
//! cargo run --release --example write_instance -- SIZE [SEED] > instance.min
//! ```
//!
//! SIZE is S, M or L (see `dormplan::synth`); SEED defaults to 1.
//!
//! # Format (DIMACS min-cost flow)
//!
//! ```text
//! c comment lines
//! p min NODES ARCS
//! n NODE SUPPLY                   one line per node with non-zero supply
//! a FROM TO LOWER CAPACITY COST   one line per arc
//! ```
//!
//! Nodes are numbered from 1: groups 1..=G, sites G+1..=G+S, and the sink G+S+1. Each group
//! supplies its people; the sink takes them all. Arcs come in three kinds, in this order:
//! group → site (capacity the group's people, cost metres), site → sink (capacity the site's
//! beds, cost 0) and group → sink (capacity the group's people, cost the unhoused cost).
//! The optimum of this network is the optimum of the allocation problem.

use dormplan::synth::{self, Size};
use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(size) = args.first().and_then(|s| Size::parse(s)) else {
        eprintln!("usage: write_instance S|M|L [SEED]");
        std::process::exit(2);
    };
    let seed = match args.get(1).map(|s| s.parse::<u64>()) {
        None => 1,
        Some(Ok(s)) => s,
        Some(Err(_)) => {
            eprintln!("SEED must be a non-negative integer");
            std::process::exit(2);
        }
    };
    let inst = synth::generate(size, seed);
    let (g, s) = (inst.people.len(), inst.capacity.len());
    let sink = g + s + 1;
    let arcs = inst.arcs.len() + s + g;
    let mut out = BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    writeln!(out, "c dormplan synthetic allocation instance")?;
    writeln!(out, "c size {size:?} seed {seed} groups {g} sites {s}")?;
    writeln!(out, "p min {sink} {arcs}")?;
    for (i, &p) in inst.people.iter().enumerate() {
        writeln!(out, "n {} {p}", i + 1)?;
    }
    writeln!(out, "n {sink} -{}", inst.people.iter().sum::<i64>())?;
    for a in &inst.arcs {
        let people = inst.people[a.group as usize];
        let (from, to) = (a.group as usize + 1, g + a.site as usize + 1);
        writeln!(out, "a {from} {to} 0 {people} {}", a.cost)?;
    }
    for (i, &c) in inst.capacity.iter().enumerate() {
        writeln!(out, "a {} {sink} 0 {c} 0", g + i + 1)?;
    }
    for (i, (&p, &c)) in inst.people.iter().zip(&inst.unhoused_cost).enumerate() {
        writeln!(out, "a {} {sink} 0 {p} {c}", i + 1)?;
    }
    out.flush()
}
