//! The plan for people: which projects to build, what they cost and add, what the allocation
//! gains and how the plan was proven, as terminal text and the plan's files.

use crate::catalogue::plan as words;
use crate::catalogue::{Lang, words as common};
use crate::figures::AllocationFigures;
use crate::io::Outputs;
use crate::io::workbook::text_width;
use crate::model::{Crs, Dataset, Fen, Loaded};
use crate::numbers::{grouped, grouped_wide, int, signed};
use crate::plan::{Candidate, KeepTogether, Plan, Proof};
use crate::report::terminal;
use crate::subsidy::reading::pool_rule_name;
use serde::Serialize;
use std::fmt::Write as _;

/// Files written by `dormplan plan -o DIR`.
pub const PROJECTS_CSV: &str = "plan_projects.csv";
/// See [`PROJECTS_CSV`].
pub const SUMMARY_CSV: &str = "plan_summary.csv";
/// See [`PROJECTS_CSV`].
pub const TOWNS_CSV: &str = "plan_towns.csv";

/// Everything the report shows, computed once.
pub struct PlanView<'a> {
    loaded: &'a Loaded,
    plan: &'a Plan,
    budget_from_command_line: bool,
    before: AllocationFigures,
    after: AllocationFigures,
}

impl<'a> PlanView<'a> {
    /// The view of `plan` for `loaded`; `budget_from_command_line` says where the budget came
    /// from.
    pub fn new(loaded: &'a Loaded, plan: &'a Plan, budget_from_command_line: bool) -> PlanView<'a> {
        let sc = &loaded.scenario;
        PlanView {
            loaded,
            plan,
            budget_from_command_line,
            before: AllocationFigures::of(sc, &plan.baseline_instance, &plan.baseline),
            after: AllocationFigures::of(sc, &plan.instance, &plan.allocation),
        }
    }

    fn data(&self) -> &'a Dataset {
        &self.loaded.scenario.dataset
    }

    fn budget_source(&self) -> &'static str {
        match (self.plan.budget, self.budget_from_command_line) {
            (None, _) => "none",
            (Some(_), true) => "command line",
            (Some(_), false) => "scenario",
        }
    }

    /// The terminal report (without the input warnings), in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let sc = &self.loaded.scenario;
        let p = self.plan;
        let mut s = match &sc.variant {
            Some(v) => words::PLAN_TITLE_VARIANT.fill(lang, &[("name", &sc.name), ("variant", v)]),
            None => words::PLAN_TITLE.fill(lang, &[("name", &sc.name)]),
        };
        s.push('\n');
        let basis = if p.pools.is_some() {
            words::PLAN_BASIS_POOLS
        } else {
            words::PLAN_BASIS
        }
        .get(lang);
        let _ = writeln!(
            s,
            "{}",
            words::PLAN_STANDARD.fill(
                lang,
                &[("standard", &sc.settings.standard.plan), ("basis", &basis)]
            )
        );
        let _ = match p.budget {
            Some(b) => {
                let source = if self.budget_from_command_line {
                    words::PLAN_BUDGET_FROM_COMMAND_LINE
                } else {
                    words::PLAN_BUDGET_FROM_SCENARIO
                }
                .get(lang);
                writeln!(
                    s,
                    "{}",
                    words::PLAN_BUDGET.fill(
                        lang,
                        &[("budget", &b.whole_yuan_grouped()), ("source", &source)]
                    )
                )
            }
            None => writeln!(s, "{}", words::PLAN_NO_BUDGET.get(lang)),
        };
        s.push('\n');
        s.push_str(&self.candidates_table(lang));
        s.push('\n');
        s.push_str(&self.totals(lang));
        s.push('\n');
        s.push_str(&self.pools_table(lang));
        s.push_str(&self.effect_table(lang));
        s.push_str(&self.towns_table(lang));
        s.push('\n');
        s.push_str(&self.optimality(lang));
        s
    }

    fn candidates_table(&self, lang: Lang) -> String {
        let data = self.data();
        let header = [
            common::COL_SITE,
            common::COL_NAME,
            common::COL_TOWN,
            common::COL_KIND,
            common::COL_BEDS,
            words::PLAN_COL_COST,
            words::PLAN_COL_SUBSIDY,
            common::COL_NET_COST,
            words::PLAN_COL_BEDS_PER_10K,
            words::PLAN_COL_DECISION,
        ]
        .map(|p| p.get(lang));
        let mut t = terminal::table(
            &header,
            &[
                false, false, false, false, true, true, true, true, true, false,
            ],
        );
        for (i, (c, &chosen)) in self
            .plan
            .candidates
            .iter()
            .zip(&self.plan.chosen)
            .enumerate()
        {
            let site = &data.sites[c.site];
            let net_cost = self.plan.net_cost_of(i);
            t.add_row(vec![
                site.id.clone(),
                site.name.clone(),
                town_name(data, site.town).to_string(),
                common::code_name(site.kind.as_str(), lang).to_string(),
                grouped(c.beds),
                c.cost.map_or_else(dash, Fen::whole_yuan_grouped),
                self.plan.subsidy_of(i).whole_yuan_grouped(),
                net_cost.map_or_else(dash, Fen::whole_yuan_grouped),
                beds_per_10k(c.beds, net_cost).unwrap_or_else(dash),
                decision(c, chosen, lang),
            ]);
        }
        let n = self.plan.candidates.len();
        let mut s = format!(
            "{}\n{t}\n",
            words::PLAN_CANDIDATES_HEADING.fill(lang, &[("n", &n)])
        );
        s.push_str(words::PLAN_MONEY_NOTE.get(lang));
        s.push('\n');
        let mut reasons: Vec<_> = self
            .plan
            .candidates
            .iter()
            .filter_map(|c| c.unplannable)
            .collect();
        reasons.sort();
        reasons.dedup();
        for r in reasons {
            let meaning = r.explain(lang);
            let _ = writeln!(
                s,
                "{}",
                words::PLAN_CODE_MEANING.fill(lang, &[("code", &r), ("meaning", &meaning)])
            );
        }
        s
    }

    fn totals(&self, lang: Lang) -> String {
        let p = self.plan;
        let n = p.chosen().count();
        let mut s = words::PLAN_CHOSEN.fill(lang, &[("n", &n), ("beds", &grouped(p.beds_added()))]);
        s.push('\n');
        let net = p.net_cost();
        let yuan = |f: Fen| words::PLAN_YUAN.fill(lang, &[("amount", &f.whole_yuan_grouped())]);
        let used = match p.budget {
            Some(b) if b.0 > 0 => words::PLAN_OF_BUDGET.fill(
                lang,
                &[
                    ("net", &net.whole_yuan_grouped()),
                    ("budget", &b.whole_yuan_grouped()),
                    (
                        "share",
                        &crate::numbers::percent(net.0.max(0) as u64, b.0 as u64),
                    ),
                ],
            ),
            Some(b) => words::PLAN_OF_NO_BUDGET.fill(
                lang,
                &[
                    ("net", &net.whole_yuan_grouped()),
                    ("budget", &b.whole_yuan_grouped()),
                ],
            ),
            None => yuan(net),
        };
        let subsidy = if p.pools.is_some() {
            words::PLAN_SUBSIDY_AFTER_POOLS
        } else {
            words::PLAN_SUBSIDY_CLAIMED
        };
        let lines = [
            (words::PLAN_CONSTRUCTION_COST, yuan(p.construction_cost())),
            (subsidy, yuan(p.subsidy())),
            (words::PLAN_NET_COST_USED, used),
            (
                words::PLAN_BEDS_PER_10K_NET,
                beds_per_10k(p.beds_added(), Some(net)).unwrap_or_else(dash),
            ),
        ];
        let width = lines
            .iter()
            .map(|(label, _)| text_width(label.get(lang)))
            .max()
            .unwrap_or(0);
        for (label, value) in lines {
            let label = label.get(lang);
            let pad = " ".repeat(width - text_width(label));
            let _ = writeln!(s, "  {label}{pad} {value}");
        }
        for need in &p.needs {
            let added = p.beds_added_in(need.town, &self.data().sites);
            let _ = writeln!(
                s,
                "{}",
                words::PLAN_TOWN_NEED.fill(
                    lang,
                    &[
                        ("town", &town_name(self.data(), need.town)),
                        ("need", &grouped(need.need)),
                        ("standing", &grouped(need.standing)),
                        ("added", &grouped(added)),
                        ("total", &grouped(need.standing + added)),
                    ]
                )
            );
        }
        s
    }

    /// How each pool's money moves when the chosen projects are built (nothing without one).
    fn pools_table(&self, lang: Lang) -> String {
        let Some(pools) = &self.plan.pools else {
            return String::new();
        };
        let programmes = self
            .loaded
            .scenario
            .policy
            .as_ref()
            .map_or(&[][..], |p| &p.programmes[..]);
        let header = [
            words::PLAN_COL_PROGRAMME,
            words::PLAN_COL_RULE,
            words::PLAN_COL_POOL,
            words::PLAN_COL_STANDING_WITHOUT,
            words::PLAN_COL_STANDING_WITH,
            words::PLAN_COL_STANDING_LOSS,
            words::PLAN_COL_NEW_REQUESTED,
            words::PLAN_COL_NEW_PAID,
            words::PLAN_COL_LEFT_IN_POOL,
        ]
        .map(|p| p.get(lang));
        let mut t = terminal::table(
            &header,
            &[false, false, true, true, true, true, true, true, true],
        );
        for shift in &pools.pools {
            t.add_row(vec![
                programmes
                    .get(shift.programme)
                    .map_or_else(dash, |p| p.id.clone()),
                pool_rule_name(shift.shared.rule).to_string(),
                shift.shared.total.grouped(),
                shift.standing_without.grouped(),
                shift.standing_with.grouped(),
                shift.standing_loss().grouped(),
                shift.built_requested.grouped(),
                shift.built_paid.grouped(),
                shift.shared.unallocated.grouped(),
            ]);
        }
        format!(
            "{}\n{t}\n{}\n\n",
            words::PLAN_POOLS_HEADING.get(lang),
            words::PLAN_POOLS_NOTE.get(lang)
        )
    }

    fn effect_table(&self, lang: Lang) -> String {
        let (b, a) = (self.before.total(), self.after.total());
        let header = [
            "",
            words::PLAN_COL_WITHOUT_PROJECTS.get(lang),
            words::PLAN_COL_WITH_PLAN.get(lang),
            words::PLAN_COL_CHANGE.get(lang),
        ];
        let mut t = terminal::table(&header, &[false, true, true, true]);
        for (label, x, y) in [
            (common::COL_BEDS, b.beds, a.beds),
            (common::COL_HOUSED, b.housed, a.housed),
            (common::COL_UNHOUSED, b.unhoused, a.unhoused),
        ] {
            t.add_row(vec![
                label.get(lang).to_string(),
                int(x),
                int(y),
                signed(y as i64 - x as i64),
            ]);
        }
        t.add_row(vec![
            words::PLAN_MEAN_COMMUTE_KM.get(lang).to_string(),
            km(b.mean_commute_km()),
            km(a.mean_commute_km()),
            match (b.mean_commute_km(), a.mean_commute_km()) {
                (Some(x), Some(y)) => format!("{:+.2}", y - x),
                _ => dash(),
            },
        ]);
        let (ob, oa) = (self.plan.baseline.objective, self.plan.objective());
        t.add_row(vec![
            words::PLAN_OBJECTIVE_ROW.get(lang).to_string(),
            grouped_wide(ob),
            grouped_wide(oa),
            if oa >= ob {
                format!("+{}", grouped_wide(oa - ob))
            } else {
                format!("-{}", grouped_wide(ob - oa))
            },
        ]);
        format!("{}\n{t}\n", words::PLAN_EFFECT_HEADING.get(lang))
    }

    /// Towns where the plan changes beds, housed or commutes.
    fn towns_table(&self, lang: Lang) -> String {
        let data = self.data();
        let header = [
            common::COL_TOWN,
            common::COL_BEDS,
            common::COL_HOUSED,
            common::COL_UNHOUSED,
            words::PLAN_MEAN_COMMUTE_KM,
        ]
        .map(|p| p.get(lang));
        let mut t = terminal::table(&header, &[false, true, true, true, true]);
        let mut rows = 0;
        for (i, (b, a)) in self
            .before
            .towns
            .towns
            .iter()
            .zip(&self.after.towns.towns)
            .enumerate()
        {
            if b == a {
                continue;
            }
            rows += 1;
            let pair = |x: u64, y: u64| {
                if x == y {
                    int(x)
                } else {
                    format!("{} → {}", int(x), int(y))
                }
            };
            t.add_row(vec![
                town_name(data, i).to_string(),
                pair(b.beds, a.beds),
                pair(b.housed, a.housed),
                pair(b.unhoused, a.unhoused),
                format!("{} → {}", km(b.mean_commute_km()), km(a.mean_commute_km())),
            ]);
        }
        if rows == 0 {
            return String::new();
        }
        format!("\n{}\n{t}\n", words::PLAN_TOWNS_HEADING.get(lang))
    }

    fn optimality(&self, lang: Lang) -> String {
        let p = self.plan;
        let mut s = format!("{}\n", words::PLAN_OPTIMALITY.get(lang));
        let unit = self
            .loaded
            .scenario
            .settings
            .allocation
            .cost_unit
            .name(lang);
        let line = |s: &mut String, text: String| {
            s.push_str(&text);
            s.push('\n');
        };
        line(
            &mut s,
            words::PLAN_OBJECTIVE.fill(
                lang,
                &[("unit", &unit), ("objective", &grouped_wide(p.objective()))],
            ),
        );
        line(
            &mut s,
            match (p.bound, p.gap()) {
                (Some(b), Some(0)) => {
                    words::PLAN_BOUND_PROVEN.fill(lang, &[("bound", &grouped_wide(b))])
                }
                (Some(b), Some(g)) => words::PLAN_BOUND_GAP.fill(
                    lang,
                    &[
                        ("bound", &grouped_wide(b)),
                        ("gap", &grouped_wide(g)),
                        ("relative", &relative(g, p.objective())),
                    ],
                ),
                _ => words::PLAN_NO_BOUND.get(lang).to_string(),
            },
        );
        let backend = p.backend;
        let proof = match p.proof {
            Proof::Exact {
                evaluations,
                relaxations,
            }
            | Proof::Partial {
                evaluations,
                relaxations,
            } => {
                let phrase = if matches!(p.proof, Proof::Exact { .. }) {
                    words::PLAN_PROOF_EXACT
                } else {
                    words::PLAN_PROOF_PARTIAL
                };
                phrase.fill(
                    lang,
                    &[("evaluations", &evaluations), ("relaxations", &relaxations)],
                )
            }
            Proof::Benders {
                masters,
                cuts,
                evaluations,
            }
            | Proof::BendersPartial {
                masters,
                cuts,
                evaluations,
            } => {
                let phrase = if matches!(p.proof, Proof::Benders { .. }) {
                    words::PLAN_PROOF_BENDERS
                } else {
                    words::PLAN_PROOF_BENDERS_PARTIAL
                };
                phrase.fill(
                    lang,
                    &[
                        ("masters", &masters),
                        ("backend", &backend),
                        ("cuts", &cuts),
                        ("evaluations", &evaluations),
                    ],
                )
            }
            Proof::Solver => words::PLAN_PROOF_SOLVER.fill(lang, &[("backend", &backend)]),
        };
        line(&mut s, proof);
        if let Some(start) = &p.benders_start {
            let is_plan = the_plan(start.is_plan, lang);
            line(
                &mut s,
                words::PLAN_SEARCH_FROM_BENDERS.fill(
                    lang,
                    &[
                        ("masters", &start.masters),
                        ("cuts", &start.cuts),
                        ("evaluations", &start.evaluations),
                        ("is_plan", &is_plan),
                    ],
                ),
            );
        }
        let Some(proposal) = &p.mip else {
            return s;
        };
        let mip = &proposal.outcome;
        let kept = match mip.keep_together {
            KeepTogether::Whole => words::PLAN_MIP_WHOLE,
            KeepTogether::Relaxed => words::PLAN_MIP_RELAXED,
        }
        .get(lang);
        let proven = if mip.proven {
            words::PLAN_MIP_PROVEN
        } else {
            words::PLAN_MIP_NOT_PROVEN
        }
        .get(lang);
        let is_plan = the_plan(proposal.is_plan, lang);
        line(
            &mut s,
            words::PLAN_MIP.fill(
                lang,
                &[
                    ("backend", &mip.backend),
                    ("variables", &int(mip.size.variables as u64)),
                    ("binaries", &int(mip.size.binaries as u64)),
                    ("rows", &int(mip.size.rows as u64)),
                    ("kept", &kept),
                    ("objective", &format!("{:.0}", mip.objective)),
                    ("bound", &mip.bound.map_or_else(dash, |b| format!("{b:.0}"))),
                    ("proven", &proven),
                    ("exact", &grouped_wide(proposal.exact_objective)),
                    ("is_plan", &is_plan),
                ],
            ),
        );
        if mip.pool_cuts > 0 {
            line(
                &mut s,
                words::PLAN_MIP_POOL_CUTS.fill(lang, &[("n", &mip.pool_cuts)]),
            );
        }
        s
    }

    /// The allocation with the chosen projects built, with its figures.
    pub fn solved(&self) -> crate::report::allocation::Solved<'_> {
        crate::report::allocation::Solved::new(
            self.loaded,
            &self.plan.instance,
            &self.plan.allocation,
            &self.after,
        )
    }

    /// The plan's own files, then the allocation with the chosen projects built (the same
    /// files `dormplan allocate` writes, coordinates in `crs`), added to `start`.
    pub fn outputs(&self, crs: Crs, lang: Lang, start: Outputs) -> Outputs {
        let mut out =
            crate::report::allocation::allocation_outputs(&self.solved(), crs, lang, start);
        out.add_csv(PROJECTS_CSV, self.project_rows());
        out.add_csv(SUMMARY_CSV, [self.summary_row()]);
        out.add_csv(TOWNS_CSV, self.town_rows());
        out
    }

    fn project_rows(&self) -> Vec<ProjectRow<'a>> {
        let data = self.data();
        self.plan
            .candidates
            .iter()
            .zip(&self.plan.chosen)
            .enumerate()
            .map(|(i, (c, &chosen))| {
                let site = &data.sites[c.site];
                let (town_code, town) = town_of(data, site.town);
                let net_cost = self.plan.net_cost_of(i);
                ProjectRow {
                    site_id: &site.id,
                    name: &site.name,
                    town_code,
                    town,
                    kind: site.kind.as_str(),
                    completed_year: site.completed_year,
                    beds: c.beds,
                    cost_yuan: c.cost.map(|f| f.to_string()),
                    subsidy_yuan: self.plan.subsidy_of(i).to_string(),
                    net_cost_yuan: net_cost.map(|f| f.to_string()),
                    beds_per_10k_yuan_net: beds_per_10k(c.beds, net_cost),
                    plannable: c.is_plannable(),
                    chosen,
                    not_plannable: c.unplannable.map(|u| u.as_str()),
                    why_not_plannable: c.unplannable.map(|u| u.explain(Lang::En)),
                }
            })
            .collect()
    }

    /// The plan in one row (`plan_summary.csv`), for `--json`'s `summary`.
    pub fn summary(&self) -> impl Serialize + '_ {
        self.summary_row()
    }

    fn summary_row(&self) -> SummaryRow<'a> {
        let p = self.plan;
        let sc = &self.loaded.scenario;
        let (b, a) = (self.before.total(), self.after.total());
        let work = p.proof.work();
        let mip = p.mip.as_ref();
        SummaryRow {
            scenario: &sc.name,
            variant: sc.variant.as_deref(),
            budget_yuan: p.budget.map(|f| f.to_string()),
            budget_source: self.budget_source(),
            projects: p.chosen().count(),
            beds_added: p.beds_added(),
            construction_cost_yuan: p.construction_cost().to_string(),
            subsidy_yuan: p.subsidy().to_string(),
            net_cost_yuan: p.net_cost().to_string(),
            beds_per_10k_yuan_net: beds_per_10k(p.beds_added(), Some(p.net_cost())),
            objective: p.objective().to_string(),
            bound: p.bound.map(|x| x.to_string()),
            gap: p.gap().map(|x| x.to_string()),
            proof: p.proof.as_str(),
            evaluations: work.map(|w| w.0),
            relaxations: work.map(|w| w.1),
            backend: p.backend.as_str(),
            mip_keep_together: mip.map(|m| m.outcome.keep_together.as_str()),
            mip_objective: mip.map(|m| format!("{:.0}", m.outcome.objective)),
            mip_bound: mip.and_then(|m| m.outcome.bound.map(|x| format!("{x:.0}"))),
            mip_proven: mip.map(|m| m.outcome.proven),
            mip_choice_objective: mip.map(|m| m.exact_objective.to_string()),
            mip_choice_is_plan: mip.map(|m| m.is_plan),
            master_programs: p
                .proof
                .masters()
                .or(p.benders_start.map(|start| start.masters)),
            baseline_objective: p.baseline.objective.to_string(),
            baseline_beds: b.beds,
            beds: a.beds,
            baseline_housed: b.housed,
            housed: a.housed,
            baseline_unhoused: b.unhoused,
            unhoused: a.unhoused,
            baseline_mean_commute_km: b.mean_commute_km().map(|x| format!("{x:.3}")),
            mean_commute_km: a.mean_commute_km().map(|x| format!("{x:.3}")),
        }
    }

    fn town_rows(&self) -> Vec<TownRow<'a>> {
        let data = self.data();
        self.before
            .towns
            .towns
            .iter()
            .zip(&self.after.towns.towns)
            .enumerate()
            .map(|(i, (b, a))| {
                let (town_code, town) = town_of(data, i);
                let added = self.plan.beds_added_in(i, &data.sites);
                TownRow {
                    town_code,
                    town,
                    min_beds: self.plan.needs.iter().find(|n| n.town == i).map(|n| n.need),
                    beds_added: added,
                    baseline_beds: b.beds,
                    beds: a.beds,
                    demand: a.demand,
                    baseline_housed: b.housed,
                    housed: a.housed,
                    baseline_unhoused: b.unhoused,
                    unhoused: a.unhoused,
                    baseline_mean_commute_km: b.mean_commute_km().map(|x| format!("{x:.3}")),
                    mean_commute_km: a.mean_commute_km().map(|x| format!("{x:.3}")),
                }
            })
            .collect()
    }
}

/// One row of `plan_projects.csv`: every candidate, chosen or not.
// Default: a file without rows still gets its header.
#[derive(Serialize, Default)]
struct ProjectRow<'a> {
    site_id: &'a str,
    name: &'a str,
    town_code: &'a str,
    town: &'a str,
    kind: &'a str,
    completed_year: Option<i32>,
    beds: i64,
    cost_yuan: Option<String>,
    subsidy_yuan: String,
    net_cost_yuan: Option<String>,
    beds_per_10k_yuan_net: Option<String>,
    plannable: bool,
    chosen: bool,
    not_plannable: Option<&'a str>,
    why_not_plannable: Option<&'a str>,
}

/// The one row of `plan_summary.csv`.
// Default: a file without rows still gets its header.
#[derive(Serialize, Default)]
struct SummaryRow<'a> {
    scenario: &'a str,
    variant: Option<&'a str>,
    budget_yuan: Option<String>,
    budget_source: &'a str,
    projects: usize,
    beds_added: i64,
    construction_cost_yuan: String,
    subsidy_yuan: String,
    net_cost_yuan: String,
    beds_per_10k_yuan_net: Option<String>,
    objective: String,
    bound: Option<String>,
    gap: Option<String>,
    proof: &'a str,
    evaluations: Option<u64>,
    relaxations: Option<u64>,
    backend: &'a str,
    mip_keep_together: Option<&'a str>,
    mip_objective: Option<String>,
    mip_bound: Option<String>,
    mip_proven: Option<bool>,
    mip_choice_objective: Option<String>,
    mip_choice_is_plan: Option<bool>,
    master_programs: Option<u64>,
    baseline_objective: String,
    baseline_beds: u64,
    beds: u64,
    baseline_housed: u64,
    housed: u64,
    baseline_unhoused: u64,
    unhoused: u64,
    baseline_mean_commute_km: Option<String>,
    mean_commute_km: Option<String>,
}

/// One row of `plan_towns.csv`: every town, without and with the plan.
// Default: a file without rows still gets its header.
#[derive(Serialize, Default)]
struct TownRow<'a> {
    town_code: &'a str,
    town: &'a str,
    min_beds: Option<i64>,
    beds_added: i64,
    baseline_beds: u64,
    beds: u64,
    demand: u64,
    baseline_housed: u64,
    housed: u64,
    baseline_unhoused: u64,
    unhoused: u64,
    baseline_mean_commute_km: Option<String>,
    mean_commute_km: Option<String>,
}

fn decision(c: &Candidate, chosen: bool, lang: Lang) -> String {
    match (chosen, c.unplannable) {
        (true, _) => words::PLAN_BUILD.get(lang).to_string(),
        (false, Some(u)) => words::PLAN_NOT_PLANNABLE.fill(lang, &[("code", &u)]),
        (false, None) => "—".to_string(),
    }
}

fn town_of(data: &Dataset, town: usize) -> (&str, &str) {
    data.towns
        .get(town)
        .map_or(("?", "?"), |t| (t.code.as_str(), t.name_zh.as_str()))
}

fn town_name(data: &Dataset, town: usize) -> &str {
    town_of(data, town).1
}

fn dash() -> String {
    "—".to_string()
}

fn km(x: Option<f64>) -> String {
    x.map_or_else(dash, |v| format!("{v:.2}"))
}

/// `part / whole` as a percentage with three decimals, for small gaps.
fn relative(part: i128, whole: i128) -> String {
    if whole == 0 {
        return dash();
    }
    format!("{:.3}%", part as f64 * 100.0 / whole as f64)
}

/// Beds per 10,000 yuan of net cost, two decimals; `None` when the net cost is not positive
/// (a project that pays for itself has no finite ratio).
fn beds_per_10k(beds: i64, net: Option<Fen>) -> Option<String> {
    let net = net?.0;
    if net <= 0 {
        return None;
    }
    // beds / (net fen / 1,000,000 fen), in hundredths, rounded half up, in integers.
    let hundredths = (i128::from(beds) * 100_000_000 * 2 / i128::from(net) + 1) / 2;
    Some(format!("{}.{:02}", hundredths / 100, hundredths % 100))
}

/// " (the plan)" after a proposal that is the plan, else nothing.
fn the_plan(is_plan: bool, lang: Lang) -> &'static str {
    if is_plan {
        words::PLAN_MIP_IS_PLAN.get(lang)
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beds_per_net_ten_thousand_yuan() {
        // 1,000 beds for 10,000,000 yuan: 1 bed per 10,000 yuan.
        assert_eq!(
            beds_per_10k(1000, Some(Fen(1_000_000_000))).as_deref(),
            Some("1.00")
        );
        // 991 beds for 30,000,000 yuan: 0.3303… → 0.33.
        assert_eq!(
            beds_per_10k(991, Some(Fen(3_000_000_000))).as_deref(),
            Some("0.33")
        );
        assert_eq!(beds_per_10k(10, Some(Fen(0))), None);
        assert_eq!(beds_per_10k(10, Some(Fen(-5))), None);
        assert_eq!(beds_per_10k(10, None), None);
    }

    #[test]
    fn large_numbers_are_grouped() {
        assert_eq!(grouped_wide(602_703_791), "602,703,791");
        assert_eq!(grouped_wide(-1_000), "-1,000");
        assert_eq!(grouped_wide(12), "12");
        assert_eq!(signed(1234), "+1,234");
        assert_eq!(signed(-3), "-3");
    }
}
