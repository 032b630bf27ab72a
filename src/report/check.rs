//! What `dormplan check` shows of a scenario that loaded: the standard, the policy, the supply
//! by town and kind, the demand by town, and a line per variant.

use crate::figures::Tally;
use crate::model::{Loaded, SiteKind};
use crate::numbers::int;
use crate::report::terminal;
use std::io::Write;

/// What the scenario holds: its standard and policy, then the supply by town and kind and the
/// demand by town.
pub fn data_summary(out: &mut dyn Write, loaded: &Loaded) -> std::io::Result<()> {
    let sc = &loaded.scenario;
    let set = &sc.settings;
    let data = &sc.dataset;
    let st = &set.standard;
    writeln!(out, "Scenario: {}", sc.name)?;
    writeln!(
        out,
        "Standard: plan at {} m² per person (policy range {}–{}); usable ratio {}; counting {}; kinds {}",
        st.plan,
        st.floor,
        st.ceiling,
        st.usable_ratio.fraction(),
        join(st.include_status.iter().map(|s| s.as_str())),
        if st.include_kind.len() == SiteKind::ALL.len() {
            "all".to_string()
        } else {
            join(st.include_kind.iter().map(|k| k.as_str()))
        },
    )?;
    if let Some(p) = &sc.policy {
        writeln!(
            out,
            "Policy: {} ({} programme(s))",
            p.name,
            p.programmes.len()
        )?;
    }
    let counted = data
        .sites
        .iter()
        .filter(|s| crate::capacity::in_supply(s, set))
        .count();
    writeln!(
        out,
        "Data: {} towns, {} sites ({} counted as supply), {} demand groups{}",
        data.towns.len(),
        data.sites.len(),
        counted,
        data.demand.len(),
        match &loaded.cost_matrix {
            Some(m) => format!(
                ", cost matrix of {} pairs in {}",
                int(m.len() as u64),
                set.allocation.cost_unit
            ),
            None => String::new(),
        }
    )?;

    // Sites counted as supply, by town (file order) and kind.
    let by = crate::figures::supply_by_town_and_kind(sc);
    let plan_beds = format!("beds @{} m²", st.plan);
    let mut t = terminal::table(
        &[
            "town",
            "kind",
            "sites",
            "gross m²",
            "residential m²",
            &plan_beds,
        ],
        &[false, false, true, true, true, true],
    );
    let mut total = Tally::default();
    for ((town, kind), sum) in &by {
        let town = &data.towns[*town];
        t.add_row(vec![
            format!("{} {}", town.code, town.name_zh),
            kind.to_string(),
            int(sum.sites),
            int(sum.gross.whole_m2()),
            int(sum.residential.whole_m2()),
            int(sum.beds),
        ]);
        total.add(sum);
    }
    t.add_row(vec![
        "total".to_string(),
        String::new(),
        int(total.sites),
        int(total.gross.whole_m2()),
        int(total.residential.whole_m2()),
        int(total.beds),
    ]);
    writeln!(out)?;
    writeln!(out, "Sites counted as supply, by town and kind")?;
    writeln!(out, "{t}")?;

    let tallies = crate::figures::supply_and_demand(sc, set, st.plan);
    let demand: Vec<(usize, &Tally)> = tallies
        .towns
        .iter()
        .enumerate()
        .filter(|(_, t)| t.groups > 0)
        .collect();
    let people = if set.demand_growth == 1.0 {
        "people".to_string()
    } else {
        format!("people × {}", set.demand_growth)
    };
    let mut t = terminal::table(&["town", "groups", &people], &[false, true, true]);
    for (town, d) in &demand {
        let town = &data.towns[*town];
        t.add_row(vec![
            format!("{} {}", town.code, town.name_zh),
            int(d.groups),
            int(d.demand),
        ]);
    }
    t.add_row(vec![
        "total".to_string(),
        int(tallies.total.groups),
        int(tallies.total.demand),
    ]);
    writeln!(out)?;
    writeln!(out, "Demand by town")?;
    writeln!(out, "{t}")?;
    Ok(())
}

/// One line per variant that loaded: its standard and beds.
pub fn variant_line(out: &mut dyn Write, loaded: &Loaded) -> std::io::Result<()> {
    let sc = &loaded.scenario;
    let set = &sc.settings;
    let beds = crate::figures::supply_and_demand(sc, set, set.standard.plan)
        .total
        .beds;
    writeln!(
        out,
        "Variant {}: ok, plan at {} m² per person, {} beds",
        sc.variant.as_deref().unwrap_or("?"),
        set.standard.plan,
        int(beds)
    )
}

fn join<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words.collect::<Vec<_>>().join(", ")
}
