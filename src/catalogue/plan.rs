//! The phrases of `dormplan plan`'s report, Chinese / English.

use super::Phrase;

phrases! {
    // The head of the report.
    /// The title of the plan report.
    PLAN_TITLE = "选址方案：{name}" / "Site selection — {name}";
    /// The title of the plan report for a variant.
    PLAN_TITLE_VARIANT = "选址方案：{name}（变体 {variant}）" / "Site selection — {name} (variant {variant})";
    /// The standard beds are counted at, and what net cost means.
    PLAN_STANDARD = "床位按人均 {standard} m² 的规划标准计；净成本 = 建设成本 − {basis}。"
        / "Beds at the plan standard of {standard} m² per person; net cost = construction cost − {basis}.";
    /// The subsidy net cost takes off, with pools.
    PLAN_BASIS_POOLS = "项目通过专家评审后可得的补助：已选中的项目为建成后与现有项目分配各资金池后实际所得，其他项目为资金池分配前可申请的数额"
        / "the subsidy a project would get if it passed expert review: for the chosen projects, what they are paid once built, after each pool is shared with the standing projects; for the others, what they would claim before pools";
    /// The subsidy net cost takes off, without pools.
    PLAN_BASIS = "项目通过专家评审后可得的补助（未按资金池分配）"
        / "the subsidy a project would get if it passed expert review (pools not applied)";
    /// The budget.
    PLAN_BUDGET = "预算：扣除补助后的净成本不超过 {budget} 元（{source}）。"
        / "Budget: {budget} yuan net of subsidy ({source}).";
    /// A budget given on the command line.
    PLAN_BUDGET_FROM_COMMAND_LINE = "由命令行指定" / "command line";
    /// A budget set by the scenario.
    PLAN_BUDGET_FROM_SCENARIO = "由情景设定" / "scenario";
    /// No budget.
    PLAN_NO_BUDGET = "预算：未设定，所有有益的项目均可建设。"
        / "Budget: none set, so every useful project may be built.";

    // The candidates.
    /// The heading of the candidates' table.
    PLAN_CANDIDATES_HEADING = "候选项目（{n} 个）" / "Candidate projects ({n})";
    /// Construction cost, as a column.
    PLAN_COL_COST = "建设成本" / "cost";
    /// Subsidy, as a column.
    PLAN_COL_SUBSIDY = "补助" / "subsidy";
    /// Beds per 10,000 yuan of net cost, as a column.
    PLAN_COL_BEDS_PER_10K = "床位/万元净成本" / "beds/10k net";
    /// What the plan does with a candidate, as a column.
    PLAN_COL_DECISION = "决策" / "decision";
    /// A candidate the plan builds.
    PLAN_BUILD = "建设" / "build";
    /// A candidate the plan cannot build.
    PLAN_NOT_PLANNABLE = "不可规划：{code}" / "not plannable: {code}";
    /// Under the candidates' table.
    PLAN_MONEY_NOTE = "金额单位为元（取整）。床位/万元净成本：每 10,000 元净成本可提供的床位数。"
        / "Money in whole yuan. beds/10k net: beds per 10,000 yuan of net cost.";
    /// A code and what it means, under a table.
    PLAN_CODE_MEANING = "  {code}：{meaning}" / "  {code}: {meaning}";

    // Why a candidate cannot be planned.
    /// COUNTED_AS_SUPPLY.
    UNPLANNABLE_COUNTED_AS_SUPPLY = "情景已将候选项目计为现有供给"
        / "the scenario counts candidates as standing supply";
    /// KIND_EXCLUDED.
    UNPLANNABLE_KIND_EXCLUDED = "情景未纳入此类点位" / "the scenario leaves this kind of site out";
    /// NO_BEDS.
    UNPLANNABLE_NO_BEDS = "按规划标准没有床位" / "no bed at the plan standard";
    /// NO_COST.
    UNPLANNABLE_NO_COST = "未给出建设成本，净成本未知"
        / "construction cost not given, so its net cost is unknown";

    // What the plan builds.
    /// The projects chosen.
    PLAN_CHOSEN = "选中 {n} 个项目，新增 {beds} 张床位" / "Chosen: {n} project(s), {beds} beds";
    /// Construction cost, as a line.
    PLAN_CONSTRUCTION_COST = "建设成本" / "construction cost";
    /// Subsidy after pools, as a line.
    PLAN_SUBSIDY_AFTER_POOLS = "补助（资金池分配后）" / "subsidy after pools";
    /// Subsidy claimed, as a line.
    PLAN_SUBSIDY_CLAIMED = "可申请补助" / "subsidy claimed";
    /// Net cost, as a line.
    PLAN_NET_COST_USED = "净成本（已用预算）" / "net cost (budget used)";
    /// Beds per 10,000 yuan of net cost, as a line.
    PLAN_BEDS_PER_10K_NET = "每万元净成本床位数" / "beds per 10,000 yuan net";
    /// An amount of money.
    PLAN_YUAN = "{amount} 元" / "{amount} yuan";
    /// The net cost out of the budget.
    PLAN_OF_BUDGET = "{net} 元，占预算 {budget} 元的 {share}" / "{net} of {budget} yuan ({share})";
    /// The net cost out of a budget of nothing.
    PLAN_OF_NO_BUDGET = "{net} 元，预算 {budget} 元" / "{net} of {budget} yuan";
    /// A town's minimum of beds.
    PLAN_TOWN_NEED = "  {town}须有 {need} 张床位：现有 {standing} + 规划新增 {added} = {total}"
        / "  {town} must have {need} beds: {standing} standing + {added} planned = {total}";

    // The pools.
    /// The heading of the pools' table.
    PLAN_POOLS_HEADING = "方案建成后的资金池（元）" / "Pools with the plan built (yuan)";
    /// A programme, as a column.
    PLAN_COL_PROGRAMME = "补助类别" / "programme";
    /// A pool's rule, as a column.
    PLAN_COL_RULE = "分配规则" / "rule";
    /// A pool's money, as a column.
    PLAN_COL_POOL = "资金池" / "pool";
    /// Standing projects without the plan, as a column.
    PLAN_COL_STANDING_WITHOUT = "现有项目（不建）" / "standing, without";
    /// Standing projects with the plan, as a column.
    PLAN_COL_STANDING_WITH = "现有项目（建成后）" / "standing, with";
    /// What standing projects lose, as a column.
    PLAN_COL_STANDING_LOSS = "现有项目减少" / "standing loss";
    /// What new projects request, as a column.
    PLAN_COL_NEW_REQUESTED = "新项目申请" / "new, requested";
    /// What new projects are paid, as a column.
    PLAN_COL_NEW_PAID = "新项目实得" / "new, paid";
    /// What is left in a pool, as a column.
    PLAN_COL_LEFT_IN_POOL = "资金池结余" / "left in pool";
    /// Under the pools' table.
    PLAN_POOLS_NOTE = "现有项目：符合条件的现有项目在不实施和实施方案时所得的补助；新项目：选中项目按通过专家评审计，申请和实得的补助。"
        / "standing: what the eligible projects that stand are paid without the plan and with it; new: what the chosen projects request and are paid, as if they passed expert review.";

    // The allocation with and without the plan.
    /// The heading of the effect's table.
    PLAN_EFFECT_HEADING = "对安置方案的影响" / "Effect on the allocation";
    /// Without the projects, as a column.
    PLAN_COL_WITHOUT_PROJECTS = "不建项目" / "without projects";
    /// With the plan, as a column.
    PLAN_COL_WITH_PLAN = "实施方案" / "with the plan";
    /// A change, as a column.
    PLAN_COL_CHANGE = "变化" / "change";
    /// Mean commute, as a row or a column.
    PLAN_MEAN_COMMUTE_KM = "平均通勤 km" / "mean commute, km";
    /// The objective, as a row.
    PLAN_OBJECTIVE_ROW = "目标值" / "objective";
    /// The heading of the towns' table.
    PLAN_TOWNS_HEADING = "方案带来变化的镇街（需求组计入其工作所在镇街，床位计入点位所在镇街）"
        / "Towns the plan changes (where groups work; beds where sites are)";

    // Optimality.
    /// The heading of the optimality.
    PLAN_OPTIMALITY = "最优性" / "Optimality";
    /// The objective.
    PLAN_OBJECTIVE = "  目标值（通勤{unit}数 + 未安置罚值）：{objective}"
        / "  objective (commute {unit} + unhoused penalty): {objective}";
    /// A bound with no gap.
    PLAN_BOUND_PROVEN = "  下界 {bound}：已证明最优（间隙 0）" / "  lower bound {bound}: proven optimal (gap 0)";
    /// A bound with a gap.
    PLAN_BOUND_GAP = "  下界 {bound}：间隙 {gap}（{relative}）" / "  lower bound {bound}: gap {gap} ({relative})";
    /// No bound.
    PLAN_NO_BOUND = "  下界未知" / "  no lower bound is known";
    /// The proof of an exact search.
    PLAN_PROOF_EXACT = "  证明：在流引擎上对候选项目组合做精确搜索（共求解安置问题 {evaluations} 次，另有 {relaxations} 个组合仅用一次流求解即定界）"
        / "  proof: exact search over candidate sets on the flow engine ({evaluations} allocation(s) solved, {relaxations} bounded by one flow solve)";
    /// The proof of an exact search that stopped.
    PLAN_PROOF_PARTIAL = "  证明：对候选项目组合的精确搜索达到上限而停止（{evaluations} 个安置方案，{relaxations} 个流下界）；下界取尚未排除的组合中的最小值"
        / "  proof: exact search over candidate sets stopped at its limit ({evaluations} allocations, {relaxations} flow bounds); the bound is the least over the sets it left open";
    /// The proof of Benders decomposition.
    PLAN_PROOF_BENDERS = "  证明：基于流引擎对偶解的 Benders 分解（由 {backend} 求解 {masters} 个主问题，{cuts} 条流割，在整体安置组不拆分的条件下求解 {evaluations} 个安置方案）；下界取自主问题"
        / "  proof: Benders decomposition on the flow engine's duals ({masters} master program(s) solved by {backend}, {cuts} flow cuts, {evaluations} allocation(s) solved with keep-together groups whole); the bound is the master's";
    /// The proof of Benders decomposition that stopped.
    PLAN_PROOF_BENDERS_PARTIAL = "  证明：Benders 分解达到上限而停止（由 {backend} 求解 {masters} 个主问题，{cuts} 条流割，{evaluations} 个安置方案）；下界取自最后一个主问题"
        / "  proof: Benders decomposition stopped at its limit ({masters} master programs solved by {backend}, {cuts} flow cuts, {evaluations} allocations); the bound is the last master's";
    /// The proof of a solver.
    PLAN_PROOF_SOLVER = "  证明：{backend} 求解器给出的混合整数规划下界"
        / "  proof: the {backend} solver's bound on the mixed-integer program";
    /// Where the exact search started: Benders decomposition's plan.
    PLAN_SEARCH_FROM_BENDERS = "  搜索起点：Benders 分解给出的方案（由 microlp 求解 {masters} 个主问题，{cuts} 条流割，{evaluations} 个安置方案）{is_plan}"
        / "  the search started from Benders decomposition's plan ({masters} master program(s) solved by microlp, {cuts} flow cuts, {evaluations} allocation(s) solved){is_plan}";
    /// The mixed-integer program.
    PLAN_MIP = "  混合整数规划（{backend}；{variables} 个变量，其中 {binaries} 个 0-1 变量，{rows} 个约束；{kept}）：目标值 {objective}，下界 {bound}，{proven}；其选择经精确计算目标值为 {exact}{is_plan}"
        / "  mixed-integer program ({backend}; {variables} variables, {binaries} binary, {rows} rows; {kept}): objective {objective}, bound {bound}, {proven}; its choice evaluates exactly to {exact}{is_plan}";
    /// Keep-together groups whole in the program.
    PLAN_MIP_WHOLE = "整体安置组不拆分" / "keep-together groups whole";
    /// Keep-together groups relaxed in the program.
    PLAN_MIP_RELAXED = "放宽整体安置约束，故其最优值为下界"
        / "keep-together groups relaxed, so its optimum is a lower bound";
    /// The program proven.
    PLAN_MIP_PROVEN = "已证明最优" / "proven";
    /// The program not proven.
    PLAN_MIP_NOT_PROVEN = "未证明最优" / "not proven";
    /// The program's choice is the plan.
    PLAN_MIP_IS_PLAN = "（即本方案）" / " (the plan)";
    /// The program solved again with cuts for the pools.
    PLAN_MIP_POOL_CUTS = "  其预算约束按资金池分配前的补助计算：又求解了 {n} 次，每次增加一条割，排除因资金池分配而超出预算的选择"
        / "  its budget row counts subsidy before pools: solved {n} more time(s), each with a cut excluding a choice that the pools made too dear";
}
