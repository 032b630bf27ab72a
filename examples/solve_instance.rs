//! Solves a DIMACS min-cost-flow file with dormplan's engine and reports the time of the solve
//! alone (not reading the file), the optimum and the peak resident memory of the process.
//!
//! ```text
//! cargo run --release --example solve_instance -- instance.min [--general]
//! ```
//!
//! A file with the shape `write_instance` produces (groups with supply, sites, one sink) is
//! solved through the transportation API, which splits it into independent parts; any other
//! file, or `--general`, goes through the general network API.
//!
//! Prints `key=value` lines: `api`, `solve_seconds`, `objective`, `parts`, `pivots`,
//! `peak_rss_kb`.

use dormplan::flow::{FlowStatus, Network, Transport, TransportArc};
use std::time::Instant;

struct Dimacs {
    supply: Vec<i64>,
    /// (from, to, capacity, cost), nodes from 0.
    arcs: Vec<(u32, u32, i64, i64)>,
}

fn parse(text: &[u8]) -> Result<Dimacs, String> {
    let mut d = Dimacs {
        supply: Vec::new(),
        arcs: Vec::new(),
    };
    for (no, line) in text.split(|&b| b == b'\n').enumerate() {
        let mut fields = line
            .split(|&b| b == b' ' || b == b'\t' || b == b'\r')
            .filter(|f| !f.is_empty());
        let bad = || {
            format!(
                "line {}: cannot read {:?}",
                no + 1,
                String::from_utf8_lossy(line)
            )
        };
        let num = |fields: &mut dyn Iterator<Item = &[u8]>| -> Result<i64, String> {
            let f = fields.next().ok_or_else(bad)?;
            std::str::from_utf8(f)
                .ok()
                .and_then(|s| s.parse().ok())
                .ok_or_else(bad)
        };
        match fields.next() {
            Some(b"p") => {
                fields.next();
                let n = num(&mut fields)? as usize;
                let m = num(&mut fields)? as usize;
                d.supply = vec![0; n];
                d.arcs.reserve(m);
            }
            Some(b"n") => {
                let node = num(&mut fields)? as usize;
                let s = num(&mut fields)?;
                *d.supply.get_mut(node.wrapping_sub(1)).ok_or_else(bad)? = s;
            }
            Some(b"a") => {
                let from = num(&mut fields)?;
                let to = num(&mut fields)?;
                let low = num(&mut fields)?;
                let cap = num(&mut fields)?;
                let cost = num(&mut fields)?;
                if low != 0 || from < 1 || to < 1 {
                    return Err(bad());
                }
                d.arcs.push(((from - 1) as u32, (to - 1) as u32, cap, cost));
            }
            _ => {}
        }
    }
    Ok(d)
}

/// The allocation problem, if the network has `write_instance`'s shape.
struct Allocation {
    people: Vec<i64>,
    unhoused_cost: Vec<i64>,
    capacity: Vec<i64>,
    arcs: Vec<TransportArc>,
}

fn as_allocation(d: &Dimacs) -> Option<Allocation> {
    let groups = d.supply.iter().take_while(|&&s| s > 0).count();
    let sink = d.supply.len().checked_sub(1)?;
    if d.supply[groups..sink].iter().any(|&s| s != 0) || d.supply[sink] >= 0 {
        return None;
    }
    let sites = sink - groups;
    let mut a = Allocation {
        people: d.supply[..groups].to_vec(),
        unhoused_cost: vec![0; groups],
        capacity: vec![0; sites],
        arcs: Vec::new(),
    };
    let mut seen_unhoused = vec![false; groups];
    for &(from, to, cap, cost) in &d.arcs {
        let (from, to) = (from as usize, to as usize);
        if to == sink && from < groups {
            if seen_unhoused[from] || cap < a.people[from] {
                return None;
            }
            seen_unhoused[from] = true;
            a.unhoused_cost[from] = cost;
        } else if to == sink && from < sink {
            if cost != 0 || a.capacity[from - groups] != 0 {
                return None;
            }
            a.capacity[from - groups] = cap;
        } else if from < groups && (groups..sink).contains(&to) && cap >= a.people[from] {
            a.arcs.push(TransportArc {
                group: from as u32,
                site: (to - groups) as u32,
                cost,
            });
        } else {
            return None;
        }
    }
    seen_unhoused.iter().all(|&s| s).then_some(a)
}

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: solve_instance FILE [--general]");
        std::process::exit(2);
    };
    let general = args.iter().any(|a| a == "--general");
    let text = match std::fs::read(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let dimacs = match parse(&text) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    drop(text);
    let allocation = if general {
        None
    } else {
        as_allocation(&dimacs)
    };
    let (api, seconds, objective, parts, pivots) = if let Some(a) = allocation {
        drop(dimacs);
        let problem = Transport {
            people: &a.people,
            unhoused_cost: &a.unhoused_cost,
            capacity: &a.capacity,
            arcs: &a.arcs,
        };
        let start = Instant::now();
        let result = problem.solve();
        let seconds = start.elapsed().as_secs_f64();
        match result {
            Ok(s) => (
                "transport",
                seconds,
                s.objective.to_string(),
                s.parts,
                s.pivots,
            ),
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        }
    } else {
        let mut net = Network::new(dimacs.supply.clone());
        for &(from, to, cap, cost) in &dimacs.arcs {
            net.add_arc(from, to, cap, cost);
        }
        drop(dimacs);
        let start = Instant::now();
        let result = net.solve();
        let seconds = start.elapsed().as_secs_f64();
        match result {
            Ok(s) if s.status == FlowStatus::Optimal => {
                ("general", seconds, s.cost.to_string(), 1, 0)
            }
            Ok(_) => ("general", seconds, "infeasible".to_string(), 1, 0),
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        }
    };
    println!("api={api}");
    println!("solve_seconds={seconds:.6}");
    println!("objective={objective}");
    println!("parts={parts}");
    println!("pivots={pivots}");
    println!(
        "peak_rss_kb={}",
        peak_rss_kb().map_or("unknown".into(), |k| k.to_string())
    );
}
