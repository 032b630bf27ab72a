//! Writes the planning instance of a scenario as JSON, for models of the same plan outside
//! dormplan (`benches/highs_plan.py`).
//!
//! ```text
//! cargo run --release --example export_plan_model -- SCENARIO OUT.json
//! ```
//!
//! The instance is [`dormplan::plan::PlanProblem::of`]'s: standing supply and every plannable
//! candidate, with the arcs of the scenario with every candidate built. The JSON has
//!
//! - `groups`: `people`, `unhoused_cost` (per person, priority included) and `keep_together`,
//!   one entry per group;
//! - `sites`: `capacity` (beds at the plan standard), one entry per site of the instance;
//! - `arcs`: `group`, `site` and `cost` (per person), ordered by group;
//! - `choices`: per plannable candidate, its instance `site`, `net` cost in fen before pools,
//!   `beds` and `town` (index into the dataset's towns);
//! - `budget_fen` (`null`: none), `needs` (`town`, `need`, `standing` beds) and `pools` (true
//!   when a programme has a pool, which this export does not describe).

use dormplan::io::load_scenario;
use dormplan::plan::PlanProblem;
use serde_json::json;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [scenario, out] = args.as_slice() else {
        eprintln!("usage: export_plan_model SCENARIO OUT.json");
        return ExitCode::from(2);
    };
    let loaded = match load_scenario(scenario.as_ref()) {
        Ok(l) => l,
        Err(problems) => {
            eprintln!("{scenario}: {} problem(s): {problems:?}", problems.0.len());
            return ExitCode::from(2);
        }
    };
    let problem = match PlanProblem::of(&loaded) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{scenario}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let inst = &problem.instance;
    let column = |f: &dyn Fn(&dormplan::alloc::Arc) -> i64| -> Vec<i64> {
        inst.arcs.iter().map(f).collect()
    };
    let model = json!({
        "groups": {
            "people": inst.people,
            "unhoused_cost": inst.unhoused_cost,
            "keep_together": inst.keep_together,
        },
        "sites": { "capacity": inst.capacity },
        "arcs": {
            "group": column(&|a| i64::from(a.group)),
            "site": column(&|a| i64::from(a.site)),
            "cost": column(&|a| a.cost),
        },
        "choices": problem.choices.iter().map(|c| json!({
            "site": c.site, "net": c.net, "beds": c.beds, "town": c.town,
        })).collect::<Vec<_>>(),
        "budget_fen": loaded.scenario.settings.plan.budget.map(|b| b.0),
        "needs": problem.needs.iter().map(|n| json!({
            "town": n.town, "need": n.need, "standing": n.standing,
        })).collect::<Vec<_>>(),
        "pools": problem.pools.is_some(),
    });
    match std::fs::write(out, model.to_string()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{out}: {e}");
            ExitCode::FAILURE
        }
    }
}
