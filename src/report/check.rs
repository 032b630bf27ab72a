//! What `dormplan check` shows of a scenario that loaded: the standard, the policy, the supply
//! by town and kind, the demand by town, and a line per variant.

use crate::catalogue::Lang;
use crate::catalogue::words::{self, code_name};
use crate::figures::Tally;
use crate::model::{Loaded, SiteKind};
use crate::numbers::int;
use crate::report::terminal;
use std::io::Write;

/// What the scenario holds: its standard and policy, then the supply by town and kind and the
/// demand by town.
pub fn data_summary(out: &mut dyn Write, lang: Lang, loaded: &Loaded) -> std::io::Result<()> {
    let sc = &loaded.scenario;
    let set = &sc.settings;
    let data = &sc.dataset;
    let st = &set.standard;
    writeln!(
        out,
        "{}",
        words::CHECK_SCENARIO.fill(lang, &[("name", &sc.name)])
    )?;
    let statuses = words::joined(
        lang,
        st.include_status
            .iter()
            .map(|s| code_name(s.as_str(), lang)),
    );
    let kinds = if st.include_kind.len() == SiteKind::ALL.len() {
        words::ALL_KINDS.get(lang).to_string()
    } else {
        words::joined(
            lang,
            st.include_kind.iter().map(|k| code_name(k.as_str(), lang)),
        )
    };
    let ratio = st.usable_ratio.fraction();
    writeln!(
        out,
        "{}",
        words::CHECK_STANDARD.fill(
            lang,
            &[
                ("plan", &st.plan),
                ("floor", &st.floor),
                ("ceiling", &st.ceiling),
                ("ratio", &ratio),
                ("statuses", &statuses),
                ("kinds", &kinds),
            ]
        )
    )?;
    if let Some(p) = &sc.policy {
        let n = p.programmes.len();
        writeln!(
            out,
            "{}",
            words::CHECK_POLICY.fill(lang, &[("name", &p.name), ("n", &n)])
        )?;
    }
    let counted = data
        .sites
        .iter()
        .filter(|s| crate::capacity::in_supply(s, set))
        .count();
    let matrix = match &loaded.cost_matrix {
        Some(m) => words::CHECK_MATRIX.fill(
            lang,
            &[
                ("pairs", &int(m.len() as u64)),
                ("unit", &set.allocation.cost_unit.name(lang)),
            ],
        ),
        None => String::new(),
    };
    writeln!(
        out,
        "{}",
        words::CHECK_DATA.fill(
            lang,
            &[
                ("towns", &data.towns.len()),
                ("sites", &data.sites.len()),
                ("counted", &counted),
                ("groups", &data.demand.len()),
                ("matrix", &matrix),
            ]
        )
    )?;

    // Sites counted as supply, by town (file order) and kind.
    let by = crate::figures::supply_by_town_and_kind(sc);
    let plan_beds = words::COL_BEDS_AT.fill(lang, &[("standard", &st.plan)]);
    let mut t = terminal::table(
        &[
            words::COL_TOWN.get(lang),
            words::COL_KIND.get(lang),
            words::COL_SITES.get(lang),
            words::COL_GROSS_M2.get(lang),
            words::COL_RESIDENTIAL_M2.get(lang),
            &plan_beds,
        ],
        &[false, false, true, true, true, true],
    );
    let mut total = Tally::default();
    for ((town, kind), sum) in &by {
        let town = &data.towns[*town];
        t.add_row(vec![
            format!("{} {}", town.code, town.name_zh),
            code_name(kind.as_str(), lang).to_string(),
            int(sum.sites),
            int(sum.gross.whole_m2()),
            int(sum.residential.whole_m2()),
            int(sum.beds),
        ]);
        total.add(sum);
    }
    t.add_row(vec![
        words::TOTAL.get(lang).to_string(),
        String::new(),
        int(total.sites),
        int(total.gross.whole_m2()),
        int(total.residential.whole_m2()),
        int(total.beds),
    ]);
    writeln!(out)?;
    writeln!(out, "{}", words::CHECK_SUPPLY_HEADING.get(lang))?;
    writeln!(out, "{t}")?;

    let tallies = crate::figures::supply_and_demand(sc, set, st.plan);
    let demand: Vec<(usize, &Tally)> = tallies
        .towns
        .iter()
        .enumerate()
        .filter(|(_, t)| t.groups > 0)
        .collect();
    let people = if set.demand_growth == 1.0 {
        words::COL_PEOPLE.get(lang).to_string()
    } else {
        words::COL_PEOPLE_GROWN.fill(lang, &[("growth", &set.demand_growth)])
    };
    let mut t = terminal::table(
        &[
            words::COL_TOWN.get(lang),
            words::COL_GROUPS.get(lang),
            &people,
        ],
        &[false, true, true],
    );
    for (town, d) in &demand {
        let town = &data.towns[*town];
        t.add_row(vec![
            format!("{} {}", town.code, town.name_zh),
            int(d.groups),
            int(d.demand),
        ]);
    }
    t.add_row(vec![
        words::TOTAL.get(lang).to_string(),
        int(tallies.total.groups),
        int(tallies.total.demand),
    ]);
    writeln!(out)?;
    writeln!(out, "{}", words::CHECK_DEMAND_HEADING.get(lang))?;
    writeln!(out, "{t}")?;
    Ok(())
}

/// One line per variant that loaded: its standard and beds.
pub fn variant_line(out: &mut dyn Write, lang: Lang, loaded: &Loaded) -> std::io::Result<()> {
    let sc = &loaded.scenario;
    let set = &sc.settings;
    let beds = crate::figures::supply_and_demand(sc, set, set.standard.plan)
        .total
        .beds;
    let name = sc.variant.as_deref().unwrap_or("?");
    writeln!(
        out,
        "{}",
        words::CHECK_VARIANT.fill(
            lang,
            &[
                ("name", &name),
                ("standard", &set.standard.plan),
                ("beds", &int(beds)),
            ]
        )
    )
}
