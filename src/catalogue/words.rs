//! The phrases of dormplan's reports, Chinese / English, by where they appear.

use super::Phrase;

phrases! {
    // What a long command is doing (on stderr, while it runs).
    /// Reading the inputs.
    STAGE_READING = "读取情景" / "reading the scenario";
    /// Building the (group, site) pairs.
    STAGE_ARCS = "生成可选配对" / "building the pairs in range";
    /// Solving the allocation.
    STAGE_SOLVING = "求解安置方案" / "solving the allocation";
    /// Checking the allocation independently.
    STAGE_CHECKING = "独立核验" / "checking independently";
    /// Choosing the projects, with the flow problems solved so far.
    STAGE_CHOOSING = "选择项目（已求解 {n} 个流问题）" / "choosing the projects ({n} flow problems solved)";
    /// Measuring scenarios.
    STAGE_MEASURING = "测算" / "measuring";
    /// Solving the scenario again with each change, with the changes solved so far.
    STAGE_EXPLAINING = "逐项调整重新求解（已求解 {n} 项）" / "solving again with each change ({n} solved)";
    /// Writing the files.
    STAGE_WRITING = "写入文件" / "writing the files";
    // Lists and the end of every command.
    // The evidence behind an unhoused group's reason (unhoused.csv).
    /// The sites a group could use and the nearest free bed.
    EVIDENCE_NEAREST_FREE = "最近的空床位在 {km} 公里外的 {site}（空 {free} 张），{why}"
        / "the nearest free bed is {km} km away at {site} ({free} free), {why}";
    /// What was checked for RANGE_FULL.
    CHECKED_RANGE_FULL = "{limit}内可用的 {n} 个点位都已住满" / "all {n} sites it may use within {limit} are full";
    /// What was checked for NO_ROOM_FOR_WHOLE_GROUP.
    CHECKED_NO_ROOM_FOR_WHOLE_GROUP = "须整体安置，{limit}内可用的 {n} 个点位都容不下全组 {people} 人"
        / "it must stay together and none of the {n} sites it may use within {limit} has room for all {people}";
    /// What was checked for COSTLIER_THAN_PENALTY.
    CHECKED_COSTLIER_THAN_PENALTY = "{limit}内可用的 {n} 个点位中，有空床的每人费用都高于未安置罚值"
        / "of the {n} sites it may use within {limit}, each with room costs more per person than the unhoused penalty";
    /// What was checked for RANGE_FULL, with one site.
    CHECKED_RANGE_FULL_ONE = "{limit}内唯一可用的点位已住满" / "the one site it may use within {limit} is full";
    /// What was checked for NO_ROOM_FOR_WHOLE_GROUP, with one site.
    CHECKED_NO_ROOM_FOR_WHOLE_GROUP_ONE = "须整体安置，{limit}内唯一可用的点位容不下全组 {people} 人"
        / "it must stay together and the one site it may use within {limit} has no room for all {people}";
    /// What was checked for COSTLIER_THAN_PENALTY, with one site.
    CHECKED_COSTLIER_THAN_PENALTY_ONE = "{limit}内唯一可用的点位有空床，但每人费用高于未安置罚值"
        / "the one site it may use within {limit} has room, but costs more per person than the unhoused penalty";
    /// What was checked for EMPLOYER_ONLY.
    CHECKED_EMPLOYER_ONLY = "{limit}内只有其他企业的职工宿舍" / "the only sites within {limit} are other employers' dormitories";
    /// What was checked for NO_SITE_IN_RANGE.
    CHECKED_NO_SITE_IN_RANGE = "{limit}内没有点位" / "no site lies within {limit}";
    /// A group's range in kilometres.
    LIMIT_KM = "{km} 公里" / "{km} km";
    /// A group's range with a cost matrix.
    LIMIT_MATRIX = "费用矩阵的范围" / "the cost matrix's limits";
    /// The heading of the unhoused by why the nearest free bed was not theirs.
    UNHOUSED_BY_WHY_NOT = "未安置人数（按最近的空床位为何不可用）" / "Unhoused people by why the nearest free bed was not theirs";
    /// In a summary: beyond the cutoff.
    WHYS_BEYOND_CUTOFF = "超出通勤上限" / "beyond the cutoff";
    /// In a summary: beyond the group's own limit.
    WHYS_BEYOND_OWN_LIMIT = "超出该组自身的通勤上限" / "beyond the group's own commute limit";
    /// In a summary: too few beds for a whole group.
    WHYS_TOO_FEW_BEDS_FOR_WHOLE_GROUP = "空床位不足以安置须整体安置的组" / "too few free beds for a group that must stay together";
    /// In a summary: no site has a free bed.
    WHYS_NO_FREE_BED = "所有点位均无空床位" / "no site has a free bed";
    /// A reason followed by its evidence.
    REASON_WITH_EVIDENCE = "{reason}；{evidence}" / "{reason}; {evidence}";
    /// No site has a free bed.
    EVIDENCE_NO_FREE_BED = "所有点位均无空床位" / "no site has a free bed";
    /// Why not: another employer's dormitory.
    WHY_OTHER_EMPLOYER = "属另一企业的职工宿舍" / "another employer's dormitory";
    /// Why not: beyond the cutoff.
    WHY_BEYOND_CUTOFF = "超出 {cutoff} 公里的通勤上限" / "beyond the {cutoff} km cutoff";
    /// Why not: beyond the group's own limit.
    WHY_BEYOND_OWN_LIMIT = "超出该组自身 {limit} 公里的通勤上限" / "beyond the group's own limit of {limit} km";
    /// Why not: not built.
    WHY_NOT_BUILT = "候选项目，尚未建成" / "a candidate project, not built";
    /// Why not: outside the scenario's supply.
    WHY_OUTSIDE_SUPPLY = "不计入本情景的供给（类型、状态或年份不符）"
        / "not counted in the scenario's supply (its kind, status or year)";
    /// Why not: not a pair of the matrix.
    WHY_NOT_A_MATRIX_PAIR = "不在成本矩阵及其限制所允许的配对之中" / "not among the pairs the cost matrix and its limits allow";
    /// Why not: too few beds for a whole group.
    WHY_TOO_FEW_BEDS_FOR_WHOLE_GROUP = "空床位不足以整体安置其 {people} 人" / "too few to keep its {people} people together";
    /// Why not: costlier than the penalty.
    WHY_COSTLIER_THAN_PENALTY = "其通勤费用高于未安置罚值" / "its commute costs more than the unhoused penalty";
    /// Two names joined.
    TWO_NAMES = "{a} 和 {b}" / "{a} and {b}";
    /// Between the names of a longer list.
    LIST_SEPARATOR = "、" / ", ";
    /// The files a run wrote.
    WROTE_FILES = "已写入 {files}，目录：{dir}" / "Wrote {files} in {dir}";
    /// Files of an earlier run removed.
    REMOVED_STALE_FILES = "并删除了其中由此前一次 dormplan 运行写入、本次未写的 {files}"
        / "Removed {files} there, written by an earlier dormplan run and not by this one";

    // Warnings.
    /// The heading of the warnings.
    WARNINGS_HEADING = "警告（{n} 条）" / "Warnings ({n})";
    /// The heading of the errors.
    ERRORS_HEADING = "错误（{n} 条）" / "Errors ({n})";
    /// The count of warnings of one code not shown.
    MORE_OF_CODE = "  …… 另有 {n} 条 {code}" / "  … and {n} more {code}";
    /// Where every warning is, with a folder.
    EVERY_WARNING_IN_FILE = "全部警告见 {file}" / "Every warning is in {file}";
    /// Where every warning is, without a folder.
    EVERY_WARNING_HOW = "查看全部警告：`dormplan check 情景文件`，或加 -o 目录 写出 warnings.csv"
        / "Every warning: `dormplan check SCENARIO`, or -o DIR for warnings.csv";
    /// The first line of bad input.
    INPUT_ERRORS = "输入有 {n} 个错误：" / "the input has {n} error(s):";
    /// An error, before its code.
    SEVERITY_ERROR = "错误" / "error";
    /// A warning, before its code.
    SEVERITY_WARNING = "警告" / "warning";
    /// A problem's field.
    PROBLEM_FIELD = " 字段 {field}" / " field {field}";
    /// What a problem's code means (Chinese reports only).
    PROBLEM_MEANING = "：{meaning}" / ": {meaning}";
    /// What a problem found.
    PROBLEM_FOUND = "；发现 {found}" / ": found {found}";
    /// What a problem expected, after what it found.
    PROBLEM_EXPECTED_AFTER = "；应为 {expected}" / "; expected {expected}";
    /// What a problem expected, alone.
    PROBLEM_EXPECTED = "；应为 {expected}" / ": expected {expected}";
    /// A line of a file, after its name.
    AT_LINE = " 第 {n} 行" / ":{n}";
    /// A feature of a GeoJSON file, after its name.
    AT_FEATURE = " 第 {n} 个要素" / " feature #{n}";
    /// A key of a TOML file, after its name.
    AT_KEY = " [{key}]" / " [{key}]";
    /// A key on a line of a TOML file, after its name.
    AT_KEY_LINE = " 第 {n} 行 [{key}]" / ":{n} [{key}]";

    // check.
    /// The first line of `check`.
    CHECKING = "正在检查 {file}" / "Checking {file}";
    /// `check` passed.
    CHECK_PASSED = "检查通过：{errors} 个错误，{warnings} 个警告" / "check passed: {errors} errors, {warnings} warning(s)";
    /// `check` failed.
    CHECK_FAILED = "检查未通过：{errors} 个错误，{warnings} 个警告"
        / "check failed: {errors} error(s), {warnings} warning(s)";

    /// The scenario `check` read.
    CHECK_SCENARIO = "情景：{name}" / "Scenario: {name}";
    /// The standard and what counts as supply.
    CHECK_STANDARD = "标准：按人均 {plan} m² 规划（政策区间 {floor}–{ceiling}）；居住面积系数 {ratio}；计入状态：{statuses}；计入类型：{kinds}"
        / "Standard: plan at {plan} m² per person (policy range {floor}–{ceiling}); usable ratio {ratio}; counting {statuses}; kinds {kinds}";
    /// Every kind of site.
    ALL_KINDS = "全部" / "all";
    /// The policy.
    CHECK_POLICY = "政策：{name}（{n} 个项目类别）" / "Policy: {name} ({n} programme(s))";
    /// The data.
    CHECK_DATA = "数据：{towns} 个镇街，{sites} 个点位（{counted} 个计入供给），{groups} 个需求组{matrix}"
        / "Data: {towns} towns, {sites} sites ({counted} counted as supply), {groups} demand groups{matrix}";
    /// The cost matrix.
    CHECK_MATRIX = "，费用矩阵 {pairs} 对（{unit}）" / ", cost matrix of {pairs} pairs in {unit}";
    /// The heading of the supply table.
    CHECK_SUPPLY_HEADING = "计入供给的点位（按镇街和类型）" / "Sites counted as supply, by town and kind";
    /// The heading of the demand table.
    CHECK_DEMAND_HEADING = "各镇街需求" / "Demand by town";
    /// A variant that loaded.
    CHECK_VARIANT = "变体 {name}：正常，按人均 {standard} m² 规划，{beds} 张床位"
        / "Variant {name}: ok, plan at {standard} m² per person, {beds} beds";

    // capacity.
    /// The title of the capacity report.
    CAPACITY_TITLE = "床位容量：{name}" / "Capacity: {name}";
    /// The standard of the capacity report.
    CAPACITY_STANDARD = "按人均 {plan} m² 规划；政策区间 {floor}–{ceiling} m²；居住面积系数 {ratio}；计入状态：{statuses}"
        / "Plan at {plan} m² per person; policy range {floor}–{ceiling} m²; usable ratio {ratio}; counting {statuses}";
    /// Sites not counted.
    CAPACITY_UNCOUNTED = "{n} 个点位未计入供给（其状态、类型或年份被情景排除）"
        / "{n} site(s) not counted as supply (status, kind or year excluded by the scenario)";
    /// The heading of the towns' capacity.
    CAPACITY_BY_TOWN_HEADING = "各镇街供给与需求（标准为人均居住面积 m²）"
        / "Supply and demand by town (m² of residential floor area per person)";
    /// The heading of the sites' capacity.
    CAPACITY_BY_SITE_HEADING = "各点位床位" / "Beds by site";
    /// A site not counted.
    NOT_COUNTED = "{id}（未计入）" / "{id} (not counted)";
    /// No over-occupied sites.
    NO_OVER_OCCUPIED = "没有超员点位（申报床位均不低于人均 {floor} m²）。"
        / "No over-occupied sites (declared beds within {floor} m² per person).";
    /// The heading of the over-occupied sites.
    OVER_OCCUPIED_HEADING = "超员点位（申报床位使人均不足 {floor} m²）"
        / "Over-occupied sites (declared beds give less than {floor} m² per person)";

    // sweep, compare, rank.
    /// The title of a sweep.
    SWEEP_TITLE = "情景比选：{name}（{file}），基准及 {n} 个变体" / "Sweep: {name} ({file}), base and {n} variant(s)";
    /// A scenario not proven optimal in a table.
    NOT_PROVEN_STAR = "* 整体安置搜索达到节点或工作量上限：为已找到的最好方案，未证明最优。"
        / "* the keep-together search stopped at its node or work limit: best allocation found, not proven optimal.";
    /// Under sweep and comparison tables.
    METRICS_NOTES = "通勤单位为 km（已安置者，计入其工作所在镇街）；金额单位为元。补助：确定补助为已符合条件应付的，潜在补助为审查和安全鉴定通过后将付的。净成本：建成的候选项目（经规划选中或计为供给）的建设成本减去补助（确定和潜在，按资金池分配后）；每床净成本为其除以床位数。"
        / "Commutes in km (housed people, counted in the town where they work); money in yuan. Subsidy: eligible is paid, potential would be paid once review and safety are settled. Net cost: construction cost less subsidy (eligible and potential, after any pool) of the candidate projects built (by the plan, or counted as supply); net cost / bed divides it by their beds.";
    /// The title of a comparison.
    COMPARE_TITLE = "对比：B − A" / "Comparison: B − A";
    /// One side of a comparison.
    COMPARE_SIDE = "  {tag}：{label} — {name}，{which}，按人均 {standard} m² 规划{proof}"
        / "  {tag}: {label} — {name}, {which}, plan at {standard} m² per person{proof}";
    /// The base of a scenario.
    BASE = "基准" / "base";
    /// A variant by name.
    VARIANT_NAMED = "变体 {name}" / "variant {name}";
    /// A variant after a comma.
    COMMA_VARIANT = "，变体 {name}" / ", variant {name}";
    /// An allocation not proven optimal.
    NOT_PROVEN_NOTE = "（安置方案未证明最优）" / " (allocation not proven optimal)";
    /// The heading of totals.
    TOTALS = "合计" / "Totals";
    /// The heading of the differences by town.
    COMPARE_BY_TOWN_HEADING = "各镇街差异（B − A）" / "Differences by town (B − A)";
    /// A town only in A.
    ONLY_IN_A = "（仅 A 有）" / " (only in A)";
    /// A town only in B.
    ONLY_IN_B = "（仅 B 有）" / " (only in B)";
    /// The title of a ranking.
    RANK_TITLE = "各镇街点位排名：{name}（{label}{which}），按人均 {standard} m² 规划"
        / "Sites by town: {name} ({label}{which}), plan at {standard} m² per person";
    /// What a ranking orders by.
    RANKED_BY = "排序依据：{key}；相同时按点位编号。" / "Ranked by {key}; ties by site id.";
    /// Under the ranking's title.
    RANK_NOTES = "金额单位为元。每床净成本：建设成本减去补助（确定和潜在），按标准下每张床位计；无成本的点位记为 —。利用率：入住 ÷ 床位。通勤：入住者平均通勤，km。"
        / "Money in yuan. net cost / bed: construction cost less subsidy (eligible and potential), per bed at the standard; — for a site without a cost. utilisation: occupants ÷ beds. commute: mean of the residents, km.";
    /// What a shadow price means in a ranking.
    RANK_SHADOW_NOTE = "影子价格：该点位多一张床位时安置方案可节省的{unit}（目标值减少量 ÷ {per}）；能安置一位原本未安置者的床位可省下未安置罚值减去其通勤，因此靠近未安置者的满员点位得分最高。"
        / "shadow price: {unit} the allocation would save with one more bed at the site (objective decrease ÷ {per}); a bed that houses someone otherwise unhoused saves the unhoused penalty less their commute, so full sites near unhoused people score highest.";
    /// A ranking whose allocation is not proven.
    RANK_NOT_PROVEN = "整体安置搜索达到节点或工作量上限：影子价格取自已找到的最好方案，未证明最优。"
        / "The keep-together search stopped at its node or work limit: shadow prices are those of the best allocation found, which is not proven optimal.";
    /// A town without supply in a ranking.
    RANK_NO_SITE = "该镇街没有计入供给的点位。" / "No site of this town counts as supply.";
    /// Rank by net cost per bed.
    RANK_BY_NET_COST_PER_BED = "每床净成本，从低到高（无成本的点位排最后）" / "net cost per bed, lowest first (sites without a cost last)";
    /// Rank by subsidy per bed.
    RANK_BY_SUBSIDY_PER_BED = "每床补助，从高到低" / "subsidy per bed, highest first";
    /// Rank by utilisation.
    RANK_BY_UTILISATION = "利用率，从高到低（无床位的点位排最后）" / "utilisation, highest first (sites without beds last)";
    /// Rank by commute.
    RANK_BY_MEAN_COMMUTE = "入住者平均通勤，从短到长（空置点位排最后）" / "mean commute of residents, shortest first (empty sites last)";
    /// Rank by shadow price.
    RANK_BY_SHADOW_PRICE = "影子价格，从高到低" / "shadow price, highest first";

    // init.
    /// What init wrote.
    STARTER_WROTE = "已在 {dir} 写入起步情景：" / "Wrote a starter scenario in {dir}:";
    /// What to do next.
    STARTER_NEXT = "表中是示例行：换成本市的数据（表头中英文均可），然后运行"
        / "The tables hold example rows: replace them with your city's (headed in Chinese or English), then run";
    /// Where settings are explained.
    STARTER_DOCS = "每个设置的说明在文件的注释中，完整说明见 docs/formats.md。"
        / "Each setting is explained in the files' comments; docs/formats.md has them all.";

    // points.
    /// What points writes.
    POINTS_WRITTEN = "供路径引擎使用的点：{groups} 个需求组（{demand_csv}：起点）和 {sites} 个点位（{sites_csv}：终点），格式 id,lon,lat，坐标系 {datum}，{engines}可直接使用。"
        / "Points for a routing engine: {groups} demand groups ({demand_csv}: the sources) and {sites} sites ({sites_csv}: the destinations), id,lon,lat in {datum}, as {engines} take them.";
    /// Engines on WGS84.
    ENGINES_WGS84 = "OSRM、Valhalla 等基于 OpenStreetMap 的引擎" / "OSRM, Valhalla and other engines on OpenStreetMap";
    /// Engines on GCJ-02.
    ENGINES_GCJ02 = "高德、腾讯等国内地图接口" / "Amap (高德), Tencent (腾讯) and other Chinese map APIs";
    /// What to do with the engine's answer.
    POINTS_NEXT = "将引擎的结果整理为 demand_id,site_id,cost 行，在 [allocation] cost_matrix 中指定该文件；出行时间另设 cost_unit = \"seconds\"（见 docs/cost-matrix.md）。"
        / "Turn the engine's answer into demand_id,site_id,cost rows and name the file in [allocation] cost_matrix, with cost_unit = \"seconds\" for travel times (docs/cost-matrix.md).";

    // subsidy: the reading of a programme.
    /// Between clauses.
    CLAUSE_SEPARATOR = "；" / "; ";
    /// Nothing.
    NONE = "无" / "none";
    /// No conversion source named.
    NO_SOURCE_NAMED = "未列明来源" / "no source named";
    /// A closed list of sources.
    CLOSED_LIST = "封闭清单：其他来源不符合" / "closed list: any other source fails";
    /// An open list of sources.
    OPEN_LIST = "开放清单（……等）：其他来源交专家论证" / "open list (…等): any other source is left to the expert review";
    /// Idle before conversion required.
    IDLE_REQUIRED = "改建前须为闲置" / "idle (闲置) before conversion required";
    /// Idle before conversion not required.
    IDLE_NOT_REQUIRED = "不要求改建前闲置" / "idle before conversion not required";
    /// The conversion rule.
    CONVERSIONS_FROM = "来源为 {list}（{closed}）；{idle}" / "conversions from {list} ({closed}); {idle}";
    /// A cost-share cap on a kind.
    COST_SHARE_CAP_ON = "{kind}补助不超过建设成本的 {share}" / "cost-share cap {share} on {kind}";
    /// Kinds without a cost-share cap.
    NO_COST_SHARE_CAP_ON = "{kinds}不设成本比例上限" / "no cost-share cap on {kinds}";
    /// No kind covered.
    NO_KIND_COVERED = "不补助任何类型" / "no kind is covered";
    /// Rounding to the fen.
    ROUNDED_TO_FEN = "每个项目的金额向下取整到分" / "each project's amount is rounded down to the fen (分)";
    /// Rounding to the yuan.
    ROUNDED_TO_YUAN = "每个项目的金额向下取整到元" / "each project's amount is rounded down to the whole yuan";
    /// The window by completion.
    WINDOW_COMPLETED = "{from}–{to} 年竣工的项目" / "projects completed {from}–{to}";
    /// The window by start.
    WINDOW_STARTED = "{from}–{to} 年开工的项目" / "projects started {from}–{to}";
    /// The window by construction.
    WINDOW_UNDER_CONSTRUCTION = "{from}–{to} 年间任一时间在建的项目" / "projects under construction at any time in {from}–{to}";
    /// Expert review required.
    GATE_REVIEW = "通过专家论证" / "expert review passed";
    /// Safety required.
    GATE_SAFETY = "结构安全且消防安全（structurally_safe、fire_safe）：{kinds}"
        / "structurally safe and fire safe (structurally_safe, fire_safe): {kinds}";

    // subsidy: the report.
    /// The title of the subsidy report.
    SUBSIDY_TITLE = "补助测算 — {name}" / "Subsidy estimate — {name}";
    /// A variant after the title.
    SUBSIDY_VARIANT = "（变体 {name}）" / " (variant {name})";
    /// The policy.
    SUBSIDY_POLICY = "政策：{name}" / "Policy: {name}";
    /// The standard beds are counted at.
    SUBSIDY_STANDARD = "各项目床位按人均 {standard} m² 的规划标准计。"
        / "Beds per project at the plan standard of {standard} m² per person.";
    /// The window line.
    SUBSIDY_WINDOW = "时间范围：{text}" / "Window:   {text}";
    /// The rates line.
    SUBSIDY_RATES = "补助标准：按{basis}面积，{rates}；其他类型不补助" / "Rates:    {rates} of {basis} floor area; other kinds not covered";
    /// One rate.
    SUBSIDY_RATE = "{kind} {rate} 元/m²" / "{kind} {rate} yuan/m²";
    /// The reading line.
    SUBSIDY_READING = "条款解读：{text}" / "Reading:  {text}";
    /// The conversion line.
    SUBSIDY_CONVERT = "改建：{text}" / "Convert:  {text}";
    /// The gates line.
    SUBSIDY_GATES = "前置条件：{text}" / "Gates:    {text}";
    /// The rounding line.
    SUBSIDY_ROUNDING = "取整：{text}" / "Rounding: {text}";
    /// The pool line.
    SUBSIDY_POOL = "资金池：{text}" / "Pool:     {text}";
    /// No project.
    SUBSIDY_NO_PROJECT = "本情景没有租赁住房项目。" / "No rental-housing project in this scenario.";
    /// Under the projects table.
    SUBSIDY_AMOUNT_NOTES = "金额单位为元。amount：符合条件的为应付金额；潜在的为待定条件落实后将付的金额（有资金池时为符合条件项目分配后余额中的份额）；资金不足及不符合条件的为 0。request：资金池分配前补助标准与成本比例上限所允许的金额。"
        / "Amounts in yuan. amount: eligible, what is paid; potential, what would be paid once the open conditions are settled (with a pool, its share of what the eligible leave); unfunded and ineligible, 0. request: what the rate and cost-share caps allow before any pool.";
    /// A concern to check.
    SUBSIDY_CHECK = "请核查 {code}（{meaning}）：{ids}" / "Check {code} ({meaning}): {ids}";
    /// Totals by town.
    SUBSIDY_BY_TOWN = "按镇街汇总" / "Totals by town";
    /// Totals by year.
    SUBSIDY_BY_YEAR = "按年度汇总" / "Totals by year";
    /// Totals by kind.
    SUBSIDY_BY_KIND = "按类型汇总" / "Totals by kind";
    /// The pool in words.
    SUBSIDY_POOL_TEXT = "{total} 元，不足时按 {rule} 分配；符合条件项目申请 {requested}，实付 {granted}，池中剩余 {left}"
        / "{total} yuan, shared {rule} when short; eligible requests {requested}, paid {granted}, left in the pool {left}";
    /// The pool binds.
    SUBSIDY_POOL_SHORT = "（申请超过资金池：POOL 起约束作用；每份向下取整，余额留在池中）"
        / " (requests exceed the pool: POOL binds; each share is rounded down and what that leaves stays in the pool)";
    /// Potential requests and the pool.
    SUBSIDY_POOL_POTENTIAL = "；潜在项目申请 {requested}，其中池中余额可付 {granted}"
        / "; potential requests {requested}, of which the pool's remainder would pay {granted}";
    /// The assumptions of expected amounts.
    SUBSIDY_EXPECTED_NOTE = "预期金额假设 {pass} 的潜在项目通过论证，并按规则允许的最高额（最高）的 {share} 发放（[subsidy] review_pass_rate、award_share）。"
        / "Expected amounts assume {pass} of potential projects pass review and {share} of the most the rules allow (最高) is awarded ([subsidy] review_pass_rate, award_share).";
    /// Column: year.
    COL_YEAR = "年份" / "year";
    /// Column: id.
    COL_ID = "编号" / "id";
    /// Column: eligibility.
    COL_ELIGIBILITY = "资格" / "status";
    /// Column: amount.
    COL_AMOUNT = "金额" / "amount";
    /// Column: request.
    COL_REQUEST = "申请额" / "request";
    /// Column: binding cap.
    COL_CAP = "约束上限" / "cap";
    /// Column: reasons.
    COL_REASONS = "原因" / "reasons";
    /// Column: per bed.
    COL_PER_BED = "每床" / "per bed";
    /// Column: eligible projects.
    COL_ELIGIBLE = "符合" / "eligible";
    /// Column: certain yuan.
    COL_CERTAIN_YUAN = "确定补助 元" / "certain yuan";
    /// Column: potential projects.
    COL_POTENTIAL = "潜在" / "potential";
    /// Column: potential yuan.
    COL_POTENTIAL_YUAN = "潜在补助 元" / "potential yuan";
    /// Column: expected yuan.
    COL_EXPECTED_YUAN = "预期补助 元" / "expected yuan";
    /// Column: ceiling yuan.
    COL_CEILING_YUAN = "补助上限 元" / "ceiling yuan";
    /// Column: unfunded projects.
    COL_UNFUNDED = "资金不足" / "unfunded";
    /// Column: ineligible projects.
    COL_INELIGIBLE = "不符合" / "ineligible";
    /// eligible.
    ELIGIBILITY_ELIGIBLE = "符合" / "eligible";
    /// potential.
    ELIGIBILITY_POTENTIAL = "潜在" / "potential";
    /// unfunded.
    ELIGIBILITY_UNFUNDED = "资金不足" / "unfunded";
    /// ineligible.
    ELIGIBILITY_INELIGIBLE = "不符合" / "ineligible";
    /// Area basis gross.
    AREA_GROSS = "建筑" / "gross";
    /// Area basis residential.
    AREA_RESIDENTIAL = "居住" / "residential";

    // subsidy: conditions and concerns.
    /// KIND_NOT_COVERED.
    CONDITION_KIND_NOT_COVERED = "该类型点位不在补助范围内" / "the programme pays nothing for this kind of site";
    /// NO_YEAR.
    CONDITION_NO_YEAR = "未给出补助所依据的年份" / "the year the programme looks at is not given";
    /// OUTSIDE_WINDOW.
    CONDITION_OUTSIDE_WINDOW = "年份不在补助时间范围内" / "the year is outside the programme's window";
    /// SOURCE_NOT_ALLOWED.
    CONDITION_SOURCE_NOT_ALLOWED = "改建前用途不在封闭清单内" / "converted from a kind of building the programme's closed list does not name";
    /// SOURCE_UNLISTED.
    CONDITION_SOURCE_UNLISTED = "改建前用途未在文件列明（……等）：交专家论证" / "converted from a kind of building the text does not name (…等): for the review";
    /// NOT_IDLE.
    CONDITION_NOT_IDLE = "改建前并非闲置" / "the building was not idle (闲置) before conversion";
    /// IDLE_UNKNOWN.
    CONDITION_IDLE_UNKNOWN = "未记录改建前是否闲置" / "whether the building stood idle before conversion is not recorded";
    /// REVIEW_NOT_PASSED.
    CONDITION_REVIEW_NOT_PASSED = "专家论证未通过" / "expert review was held and not passed";
    /// REVIEW_PENDING.
    CONDITION_REVIEW_PENDING = "专家论证待定" / "expert review is pending";
    /// REVIEW_NOT_APPLIED.
    CONDITION_REVIEW_NOT_APPLIED = "项目尚未申请专家论证" / "the project has not applied for expert review";
    /// NOT_STRUCTURALLY_SAFE.
    CONDITION_NOT_STRUCTURALLY_SAFE = "结构不安全" / "not structurally safe (结构安全)";
    /// STRUCTURAL_SAFETY_UNKNOWN.
    CONDITION_STRUCTURAL_SAFETY_UNKNOWN = "结构安全尚未确认" / "structural safety not confirmed";
    /// NOT_FIRE_SAFE.
    CONDITION_NOT_FIRE_SAFE = "消防不安全" / "not fire safe (消防安全)";
    /// FIRE_SAFETY_UNKNOWN.
    CONDITION_FIRE_SAFETY_UNKNOWN = "消防安全尚未确认" / "fire safety not confirmed";
    /// MISSING_COST.
    CONDITION_MISSING_COST = "未给出建设成本，成本比例上限需要它" / "construction cost not given, needed for the cost-share cap";
    /// ZERO_COST.
    CONDITION_ZERO_COST = "建设成本为零，成本比例上限不允许任何补助" / "construction cost is zero, so the cost-share cap allows nothing";
    /// SUBSIDY_ABOVE_COST.
    CONCERN_ABOVE_COST = "补助超过建设成本" / "the subsidy is more than the construction cost";
    /// COST_MISSING.
    CONCERN_COST_MISSING = "未给出建设成本；补助按标准支付，可能超过实际支出"
        / "no construction cost is given; the rate is paid without it, so the subsidy may exceed what was spent";

    // The allocation.
    /// The title of the allocation report.
    ALLOCATION_TITLE = "安置方案：{name}" / "Allocation: {name}";
    /// A scenario's name with its variant.
    NAME_WITH_VARIANT = "{name} — 变体 {variant}" / "{name} — variant {variant}";
    /// The size of the allocation problem.
    ALLOCATION_SIZE = "{groups} 个需求组，{sites} 个有床位的点位（人均 {standard} m²），{arcs} 条可选配对（{costs}）"
        / "{groups} groups, {sites} sites with beds at {standard} m² per person, {arcs} arcs ({costs})";
    /// The arcs of a run without a matrix.
    ARCS_BY_DISTANCE = "通勤按米计，{cutoff} km 内全部点位，求解从每组最近的 {k} 个开始"
        / "commute in metres, every site within {cutoff} km, solved from the {k} nearest";
    /// The arcs of a run with a matrix: which pairs.
    ARCS_FROM_MATRIX = "费用为费用矩阵中的{unit}，{which}" / "costs in {unit} from the cost matrix, {which}";
    /// Every pair of the matrix.
    MATRIX_EVERY_PAIR = "取矩阵所列全部配对" / "every pair it lists";
    /// Up to k pairs per group.
    MATRIX_NEAREST_K = "取矩阵所列全部配对，求解从每组费用最低的 {k} 个开始"
        / "every pair it lists, solved from each group's {k} cheapest";
    /// The pairs within a cutoff.
    MATRIX_WITHIN = "取 {cutoff} 以内的配对" / "the pairs within {cutoff}";
    /// Up to k pairs within a cutoff.
    MATRIX_NEAREST_K_WITHIN = "取 {cutoff} 以内的配对，求解从每组费用最低的 {k} 个开始"
        / "the pairs within {cutoff}, solved from each group's {k} cheapest";
    /// The proof of an optimal allocation.
    PROVEN_OPTIMAL = "已证明最优" / "proven optimal";
    /// The best allocation a stopped search found.
    BEST_FOUND = "求解 {nodes} 个流问题后的最好方案；距最优至多 {gap}"
        / "best found after {nodes} flow problems; at most {gap} above optimal";
    /// The objective, its proof and the checker.
    OBJECTIVE_CHECKED = "目标值 {objective}（{proof}）；已独立核验：容量、人数、配对、优先级、对范围内全部配对的最优性、原因"
        / "Objective {objective} ({proof}); checked independently: capacity, people, arcs, priority, optimality over every pair in range, reasons";
    /// Spare dormitory beds shared: how many more people, in how many dormitories.
    SPARE_BEDS_HOUSED = "共享企业宿舍空余床位（share_spare_beds）：本企业职工安置后，另有 {people} 人住进其他企业的宿舍（共 {dorms} 处）："
        / "Spare dormitory beds shared (share_spare_beds): once each dormitory's own workers are housed, {people} more people live in other employers' dormitories (dormitories: {dorms}):";
    /// Spare dormitory beds shared, and nobody more housed.
    SPARE_BEDS_NONE = "共享企业宿舍空余床位（share_spare_beds）：未多安置一人——共享的宿舍在未安置人员可及范围内没有空床"
        / "Spare dormitory beds shared (share_spare_beds): nobody more housed; no sharing dormitory has a free bed within reach of the unhoused";
    /// More dormitories than listed.
    AND_MORE_SITES = "……另有 {n} 处" / "… and {n} more";
    /// The heading of the towns' table.
    BY_TOWN_HEADING = "按镇街（需求组计入其工作所在镇街，床位计入点位所在镇街{note}）"
        / "By town (groups count where they work, beds where the sites are{note})";
    /// Commutes are distances even when costs are times.
    KM_ARE_GREAT_CIRCLE = "；km 为球面直线距离" / "; km are great-circle distances";
    /// The heading of the unhoused by reason.
    UNHOUSED_BY_REASON = "未安置人数（按原因）" / "Unhoused people by reason";
    /// The heading of the shadow prices.
    SHADOW_PRICES_HEADING = "增加一张床位收益最大的点位（影子价格：每增加一张床位目标值减少的量，单位为{unit}；多安置一人可省去未安置罚值 {penalty}，减去其通勤）"
        / "Where one more bed helps most (shadow price: objective saved by one more bed, in {unit}; housing one more person saves the unhoused penalty of {penalty} less their commute)";
    /// Why a shadow price can be above the penalty.
    SHADOW_ABOVE_PENALTY = "价格高于罚值源于优先级：优先级较高者未安置的代价是罚值再加上每一级优先级的增量，因此一张能让其入住的床位所省下的超过罚值"
        / "A price above the penalty comes from priority: leaving a higher-priority resident unhoused costs the penalty plus a step per priority rank, so a bed that lets one in saves more than the penalty";

    // The shortage explained (explain, and the allocate summary's last lines).
    /// The title of the explanation.
    EXPLAIN_TITLE = "缺口解读：{name}（{basis}）" / "The shortage explained: {name} ({basis})";
    /// Solved on the supply.
    EXPLAIN_BASIS_SUPPLY = "按人均 {standard} m² 安置现有供给" / "the supply allocated at {standard} m² per person";
    /// Solved on the plan.
    EXPLAIN_BASIS_PLAN = "按人均 {standard} m²，安置 {budget} 元预算所建项目之后的供给"
        / "the supply allocated at {standard} m² per person with what a budget of {budget} yuan builds";
    /// What the figures of the explanation mean.
    EXPLAIN_NOTES = "每项调整都在整个情景上重新精确求解一次。缺床位：可达点位均已满员的未安置者。本镇街：比原方案多安置的本镇街人数；全市：各镇街合计。阶梯式调整（通勤上限、预算）取本镇街多安置最多的最小一级。"
        / "Each change is solved again exactly, over the whole scenario. Short of beds: unhoused people whose every site in reach is full. Here: the town's people housed beyond the scenario's own solution; overall: all towns together. For a ladder (cutoff, budget), the smallest step that houses the most here.";
    /// The changes tried.
    EXPLAIN_TRIED = "共试 {n} 项调整，各重新求解一次：" / "{n} changes tried, each solved again:";
    /// No change could be tried.
    EXPLAIN_NONE_TRIED = "该情景没有可试的调整。" / "No change can be tried on this scenario.";
    /// A town's shortage.
    EXPLAIN_TOWN = "{code} {zh} {en}：未安置 {unhoused} 人，其中 {short} 人在通勤上限内缺床位"
        / "{code} {zh} {en}: {unhoused} unhoused, {short} of them short of beds within the cutoff";
    /// A town's best change.
    EXPLAIN_BEST = "最有效的调整：{change}，本镇街多安置 {here} 人（全市 {overall} 人）"
        / "Best change: {change}, housing {here} more here ({overall} overall)";
    /// No change houses more of the town.
    EXPLAIN_NO_BEST = "所试调整均不能在本镇街多安置一人。" / "None of the changes tried houses any more of them.";
    /// The towns where no change tried houses anyone more.
    EXPLAIN_NO_BEST_IN = "所试调整均不能多安置一人的镇街：{towns}" / "No change tried houses any more in: {towns}";
    /// Nobody of the town is unhoused.
    EXPLAIN_NOBODY_UNHOUSED = "{code} {zh} {en}：全部安置。" / "{code} {zh} {en}: everyone is housed.";
    /// Nobody of any town is unhoused.
    EXPLAIN_EVERY_TOWN_HOUSED = "各镇街均已全部安置，无缺口可解读。" / "Every town houses all its people: there is no shortage to explain.";
    /// A change that makes the plan infeasible.
    EXPLAIN_INFEASIBLE = "规划不可行" / "plan infeasible";
    /// The change: a wider cutoff.
    CHANGE_WIDER_CUTOFF = "通勤上限放宽 {extra} 公里（至 {cutoff} 公里）" / "widen the cutoff by {extra} km (to {cutoff} km)";
    /// The change: the other end of the policy range.
    CHANGE_OTHER_STANDARD = "按政策区间另一端的人均 {standard} m² 规划" / "plan at {standard} m² per person, the other end of the policy range";
    /// The change: a candidate built.
    CHANGE_BUILD_CANDIDATE = "建设候选项目 {site} {name}（{beds} 张床位）" / "build candidate {site} {name} ({beds} beds)";
    /// The change: an employer's spare dormitory beds shared.
    CHANGE_SHARE_SPARE_BEDS = "共享 {employer} 的企业宿舍空余床位（宿舍 {dorms} 处，床位 {beds} 张）"
        / "share the spare dormitory beds of {employer} (dormitories: {dorms}, beds: {beds})";
    /// The change: a larger budget.
    CHANGE_RAISE_BUDGET = "预算增加 {extra} 元（至 {budget} 元）" / "raise the budget by {extra} yuan (to {budget} yuan)";
    /// The heading of the allocate summary's best changes.
    BEST_CHANGES_HEADING = "各镇街最有效的一项调整（每项重新求解；详见 dormplan explain）"
        / "The one change that houses the most of each town's unhoused (each solved again; see dormplan explain)";
    /// The best changes not tried, on a large instance.
    BEST_CHANGES_SKIPPED = "每个镇街最有效的调整请运行 dormplan explain（本次有 {arcs} 条配对，每项调整都要重新求解一次，故未在此试算）"
        / "For each town's best change run dormplan explain (not tried here: with {arcs} arcs each change is a whole solve)";
    /// The best changes not tried, after a long keep-together search.
    BEST_CHANGES_SKIPPED_SEARCH = "每个镇街最有效的调整请运行 dormplan explain（本次整组安置的搜索求解了 {nodes} 个流问题，每项调整都要同样重新求解，故未在此试算）"
        / "For each town's best change run dormplan explain (not tried here: keeping groups together took {nodes} flow problems, and each change would take as many again)";
    /// A town's best change in the allocate summary.
    BEST_CHANGE_LINE = "{change}：本镇街多安置 {here} 人（全市 {overall} 人）" / "{change}: {here} more housed here ({overall} overall)";

    // Column headers of terminal tables.
    /// A town's or site's code.
    COL_CODE = "代码" / "code";
    /// A town.
    COL_TOWN = "镇街" / "town";
    /// People who need housing.
    COL_DEMAND = "需求人数" / "demand";
    /// People housed.
    COL_HOUSED = "已安置" / "housed";
    /// People unhoused.
    COL_UNHOUSED = "未安置" / "unhoused";
    /// Housed ÷ demand.
    COL_HOUSED_PCT = "安置率 %" / "housed %";
    /// Beds.
    COL_BEDS = "床位" / "beds";
    /// Beds occupied.
    COL_OCCUPIED = "入住" / "occupied";
    /// Mean commute.
    COL_MEAN_KM = "平均通勤 km" / "mean km";
    /// 95th percentile of commutes.
    COL_P95_KM = "95% 通勤 km" / "p95 km";
    /// Beds at the plan standard.
    COL_BEDS_AT_PLAN = "床位 @{standard}（规划）" / "beds @{standard} (plan)";
    /// Beds at a standard, without the unit.
    COL_BEDS_AT_SHORT = "床位 @{standard}" / "beds @{standard}";
    /// People short of beds.
    COL_SHORTFALL = "缺口" / "shortfall";
    /// Beds ÷ demand.
    COL_COVERAGE = "床位覆盖率" / "coverage";
    /// A site.
    COL_SITE = "点位" / "site";
    /// A site's status.
    COL_STATUS = "状态" / "status";
    /// Beds declared by the input.
    COL_DECLARED = "申报床位" / "declared";
    /// Beds declared by the input, in full.
    COL_DECLARED_BEDS = "申报床位" / "declared beds";
    /// Floor area per person.
    COL_M2_PER_PERSON = "人均 m²" / "m² per person";
    /// A variant.
    COL_VARIANT = "变体" / "variant";
    /// A standard.
    COL_STANDARD_M2 = "标准 m²" / "standard m²";
    /// A measure.
    COL_MEASURE = "指标" / "measure";
    /// Mean commute.
    COL_MEAN_COMMUTE_KM = "平均通勤 km" / "mean commute km";
    /// 95th percentile of commutes.
    COL_P95_COMMUTE_KM = "95% 通勤 km" / "p95 commute km";
    /// Subsidy eligible.
    COL_SUBSIDY_ELIGIBLE = "确定补助" / "subsidy eligible";
    /// Subsidy potential.
    COL_SUBSIDY_POTENTIAL = "潜在补助" / "subsidy potential";
    /// Net cost.
    COL_NET_COST = "净成本" / "net cost";
    /// Net cost per bed.
    COL_NET_COST_PER_BED = "每床净成本" / "net cost / bed";
    /// Subsidy per bed.
    COL_SUBSIDY_PER_BED = "每床补助" / "subsidy / bed";
    /// Occupants ÷ beds.
    COL_UTILISATION = "利用率" / "utilisation";
    /// Commute.
    COL_COMMUTE_KM = "通勤 km" / "commute km";
    /// Shadow price.
    COL_SHADOW_PRICE = "影子价格" / "shadow price";
    /// A change tried on the scenario.
    COL_CHANGE = "调整" / "change";
    /// People of the town housed beyond the scenario's own solution.
    COL_MORE_HERE = "本镇街多安置" / "more housed here";
    /// People of all towns housed beyond the scenario's own solution.
    COL_MORE_OVERALL = "全市多安置" / "more housed overall";
    /// A rank.
    COL_RANK = "名次" / "rank";
    /// A name.
    COL_NAME = "名称" / "name";
    /// A site's kind.
    COL_KIND = "类型" / "kind";
    /// Sites counted.
    COL_SITES = "点位数" / "sites";
    /// Gross floor area.
    COL_GROSS_M2 = "建筑面积 m²" / "gross m²";
    /// Residential floor area.
    COL_RESIDENTIAL_M2 = "居住面积 m²" / "residential m²";
    /// Beds at a standard.
    COL_BEDS_AT = "床位 @{standard} m²" / "beds @{standard} m²";
    /// People.
    COL_PEOPLE = "人数" / "people";
    /// People with demand growth.
    COL_PEOPLE_GROWN = "人数 × {growth}" / "people × {growth}";
    /// Demand groups.
    COL_GROUPS = "需求组" / "groups";
    /// The row of totals.
    TOTAL = "合计" / "total";

    // Reasons for the unhoused.
    /// NO_SITE_IN_RANGE.
    REASON_NO_SITE_IN_RANGE = "截止距离或本组通勤上限内没有点位"
        / "no site within the cutoff or the group's commute limit";
    /// EMPLOYER_ONLY.
    REASON_EMPLOYER_ONLY = "范围内只有其他企业的宿舍" / "only other employers' dormitories are in range";
    /// RANGE_FULL.
    REASON_RANGE_FULL = "范围内每个点位都已住满" / "every site in range is full";
    /// NO_ROOM_FOR_WHOLE_GROUP.
    REASON_NO_ROOM_FOR_WHOLE_GROUP = "该组须整体安置，范围内没有点位容得下全组"
        / "the group must stay together and no site in range has room for all of it";
    /// COSTLIER_THAN_PENALTY.
    REASON_COSTLIER_THAN_PENALTY = "范围内点位有空床，但每人费用高于未安置罚值"
        / "sites in range have room, but cost more per person than the unhoused penalty";

    // Kinds and statuses of sites.
    /// enterprise_dormitory.
    KIND_ENTERPRISE_DORMITORY = "企业职工宿舍" / "enterprise_dormitory";
    /// migrant_apartment.
    KIND_MIGRANT_APARTMENT = "外口公寓" / "migrant_apartment";
    /// rental_new_build.
    KIND_RENTAL_NEW_BUILD = "新建租赁住房" / "rental_new_build";
    /// rental_conversion.
    KIND_RENTAL_CONVERSION = "改建租赁住房" / "rental_conversion";
    /// existing.
    STATUS_EXISTING = "已建成" / "existing";
    /// under_construction.
    STATUS_UNDER_CONSTRUCTION = "在建" / "under_construction";
    /// candidate.
    STATUS_CANDIDATE = "候选" / "candidate";

    // Costs and their units.
    /// The unit metres.
    UNIT_METRES = "米" / "metres";
    /// The unit seconds.
    UNIT_SECONDS = "秒" / "seconds";
    /// Costs in metres.
    UNIT_METRES_OF_COMMUTE = "通勤米数" / "metres of commute";
    /// Costs in seconds.
    UNIT_SECONDS_OF_TRAVEL = "出行秒数" / "seconds of travel time";
    /// Costs in km.
    UNIT_KM_OF_COMMUTE = "通勤公里数" / "km of commute";
    /// Costs in minutes.
    UNIT_MINUTES_OF_TRAVEL = "出行分钟数" / "minutes of travel time";
}

/// The phrases of words that have a code of their own (a site's kind or status, a project's
/// eligibility, an area basis): the English of each is its code.
const NAMED_CODES: &[Phrase] = &[
    KIND_ENTERPRISE_DORMITORY,
    KIND_MIGRANT_APARTMENT,
    KIND_RENTAL_NEW_BUILD,
    KIND_RENTAL_CONVERSION,
    STATUS_EXISTING,
    STATUS_UNDER_CONSTRUCTION,
    STATUS_CANDIDATE,
    ELIGIBILITY_ELIGIBLE,
    ELIGIBILITY_POTENTIAL,
    ELIGIBILITY_UNFUNDED,
    ELIGIBILITY_INELIGIBLE,
    AREA_GROSS,
    AREA_RESIDENTIAL,
];

/// What the word with the code `code` (`enterprise_dormitory`, `existing`, `eligible`,
/// `gross`…) is called in `lang`; an unknown code is shown as it is.
pub fn code_name(code: &str, lang: super::Lang) -> &str {
    NAMED_CODES
        .iter()
        .find(|p| p.en == code)
        .map_or(code, |p| p.get(lang))
}

/// Names as a list in `lang`: `a, b, c` or `a、b、c`.
pub fn joined<'a>(lang: super::Lang, names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR.get(lang))
}
