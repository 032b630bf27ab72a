//! The phrases of the HTML report (`dormplan report`): its headings, figures, map, charts and
//! tables.

use super::Phrase;

phrases! {
    /// The page's title.
    R_TITLE = "新市民集中居住安置报告" / "Housing report for new citizens";
    /// Section: the scenario and what the figures rest on.
    R_SECTION_BASIS = "情景与依据" / "Scenario and basis";
    /// Section: the key figures.
    R_SECTION_KEY = "关键数字" / "Key figures";
    /// Section: the map.
    R_SECTION_MAP = "地图" / "Map";
    /// Section: the charts.
    R_SECTION_CHARTS = "图表" / "Charts";
    /// Section: the tables.
    R_SECTION_TABLES = "明细表" / "Tables";
    /// Header: the scenario.
    R_SCENARIO = "情景" / "Scenario";
    /// Header: the variant.
    R_VARIANT = "变体" / "Variant";
    /// Header: the base scenario (no variant).
    R_BASE = "基准" / "base";
    /// Header: the variants of the scenario, listed.
    R_VARIANTS = "变体（共 {n} 个，见图表）" / "Variants ({n}, see the charts)";
    /// Header: the standard.
    R_STANDARD = "人均标准" / "Standard";
    /// Header: the standard's value.
    R_STANDARD_VALUE = "{plan} 平方米/人（政策区间 {min}–{max} 平方米/人，使用系数 {ratio}）"
        / "{plan} m² per person (policy range {min}–{max} m², usable ratio {ratio})";
    /// Header: the allocation's limits.
    R_ALLOCATION = "安置规则" / "Allocation";
    /// Header: the allocation's limits' value.
    R_ALLOCATION_VALUE = "{arcs}；未安置罚值 {penalty}；全部范围内配对精确求解并经独立核验"
        / "{arcs}; unhoused penalty {penalty}; exact over every pair in range, checked independently";
    /// Header: the policy and its reading.
    R_POLICY = "补助政策及解读" / "Subsidy policy and reading";
    /// Header: no policy named.
    R_NO_POLICY = "情景未指定补助政策" / "the scenario names no subsidy policy";
    /// Header: the data files.
    R_DATA_FILES = "数据文件（SHA-256）" / "Data files (SHA-256)";
    /// Header: dormplan's version.
    R_VERSION = "程序版本" / "Program";
    /// Header: the time of the run.
    R_DATE = "生成时间" / "Produced";
    /// Key figure: beds.
    R_BEDS = "床位" / "Beds";
    /// Key figure: people needing a bed.
    R_DEMAND = "需求人数" / "People needing a bed";
    /// Key figure: housed.
    R_HOUSED = "已安置" / "Housed";
    /// Key figure: unhoused.
    R_UNHOUSED = "未安置" / "Unhoused";
    /// Key figure note: a share of demand.
    R_SHARE_OF_DEMAND = "占需求 {share}" / "{share} of demand";
    /// Key figure note: nobody unhoused.
    R_NOBODY_UNHOUSED = "全部安置" / "everyone is housed";
    /// Key figure note: people on spare dormitory beds.
    R_ON_SPARE_BEDS = "其中 {n} 人住共享的企业宿舍空床" / "{n} of them on shared spare dormitory beds";
    /// Key figure: certain subsidy.
    R_SUBSIDY_CERTAIN = "确定补助（元）" / "Certain subsidy (yuan)";
    /// Key figure: expected subsidy.
    R_SUBSIDY_EXPECTED = "预期补助（元）" / "Expected subsidy (yuan)";
    /// Key figure: the subsidy ceiling.
    R_SUBSIDY_CEILING = "补助上限（元）" / "Subsidy ceiling (yuan)";
    /// Key figure note: the subsidy's projects.
    R_SUBSIDY_PROJECTS = "{eligible} 个项目符合条件，{potential} 个待定" / "{eligible} projects eligible, {potential} pending";
    /// Key figure: the plan's net cost.
    R_PLAN_COST = "规划净成本（元）" / "Plan net cost (yuan)";
    /// Key figure note: what the plan buys.
    R_PLAN_BUYS = "预算 {budget} 元：建设 {projects} 个项目，新增 {beds} 张床位，多安置 {people} 人"
        / "budget {budget} yuan: {projects} projects, {beds} beds added, {people} more people housed";
    /// Key figure: no plan.
    R_NO_PLAN = "情景无规划预算" / "the scenario has no plan budget";
    /// Key figure: the proof.
    R_PROOF = "求解证明" / "Proof";
    /// Key figure value: proven optimal.
    R_PROVEN = "已证明最优，独立核验通过" / "proven optimal, checked independently";
    /// Key figure value: a gap remains.
    R_GAP = "与下界相差 {gap}，独立核验通过" / "within {gap} of the bound, checked independently";
    /// The unhoused by reason (a heading).
    R_UNHOUSED_BY_REASON = "未安置原因" / "Why people are unhoused";
    /// Map layer: the boundary.
    R_LAYER_BOUNDARY = "行政边界" / "Boundary";
    /// Map layer: towns.
    R_LAYER_TOWNS = "镇街" / "Towns";
    /// Map layer: sites.
    R_LAYER_SITES = "点位（大小＝床位，颜色＝利用率）" / "Sites (size = beds, colour = utilisation)";
    /// Map layer: flows.
    R_LAYER_FLOWS = "安置流向（线宽＝人数）" / "Allocation flows (width = people)";
    /// Map layer: unhoused groups.
    R_LAYER_UNHOUSED = "未安置需求组（颜色＝原因）" / "Unhoused groups (colour = reason)";
    /// Map legend: utilisation classes.
    R_LEGEND_UTILISATION = "利用率" / "Utilisation";
    /// Map legend: an over-occupied site.
    R_LEGEND_OVER = "超员点位（现状床位超过政策下限标准）" / "Over-occupied site (its beds exceed the policy floor)";
    /// Map legend: a project the plan builds.
    R_LEGEND_PLANNED = "规划新建项目" / "Project the plan builds";
    /// Map legend: full.
    R_LEGEND_FULL = "满员" / "full";
    /// Map legend: empty.
    R_LEGEND_EMPTY = "空置" / "empty";
    /// Map: the scale bar's unit.
    R_KM = "{km} 公里" / "{km} km";
    /// Map: what it is drawn on.
    R_MAP_NOTE = "WGS84 坐标，等距圆柱投影；不含在线底图。鼠标悬停可查看点位与需求组详情。"
        / "WGS84 coordinates, equirectangular projection; no online base map. Hover over a site or group for its details.";
    /// Map tooltip: a site.
    R_TIP_SITE = "{id} {name}（{town}，{kind}）：床位 {beds}，安置 {occupants}，利用率 {share}"
        / "{id} {name} ({town}, {kind}): {beds} beds, {occupants} housed, {share} used";
    /// Map tooltip: a flow.
    R_TIP_FLOW = "{group} → {site}：{people} 人，{km} 公里" / "{group} → {site}: {people} people, {km} km";
    /// Map tooltip: an unhoused group.
    R_TIP_UNHOUSED = "{group}（{town}）：{people} 人未安置，{reason}" / "{group} ({town}): {people} unhoused, {reason}";
    /// Chart: supply against demand.
    R_CHART_SUPPLY = "各镇街床位与需求" / "Beds and demand by town";
    /// Chart: housed share.
    R_CHART_HOUSED_SHARE = "各镇街安置率" / "Share of demand housed, by town";
    /// Chart: subsidy by town.
    R_CHART_SUBSIDY = "各镇街补助：确定、预期与上限（万元）" / "Subsidy by town: certain, expected and ceiling (10,000 yuan)";
    /// Chart: the variants' people.
    R_CHART_VARIANTS = "各变体的床位与安置" / "Beds and people housed, by variant";
    /// Chart: the variants' commutes.
    R_CHART_VARIANTS_COMMUTE = "各变体的平均通勤（公里）" / "Mean commute by variant (km)";
    /// Chart: the budget curve.
    R_CHART_BUDGET = "预算曲线：安置人数与净成本" / "The budget curve: people housed and net cost";
    /// Chart note: how the budget curve was made.
    R_CURVE_NOTE = "按情景预算的 0、¼、½、¾、1、1¼、1½、2 倍分别重新规划（并行求解，各自精确并经核验）；竖线为情景预算。"
        / "The plan solved again at 0, ¼, ½, ¾, 1, 1¼, 1½ and 2 times the scenario's budget (in parallel, each exact and checked); the vertical line is the scenario's budget.";
    /// Chart note: a budget at which no plan meets the towns' minimums.
    R_CURVE_INFEASIBLE = "预算 {budgets} 万元时无法满足镇街最低床位要求" / "At {budgets} (10,000 yuan) no plan meets the towns' minimum beds";
    /// Chart series: beds.
    R_SERIES_BEDS = "床位" / "beds";
    /// Chart series: demand.
    R_SERIES_DEMAND = "需求" / "demand";
    /// Chart series: housed.
    R_SERIES_HOUSED = "已安置" / "housed";
    /// Chart series: unhoused.
    R_SERIES_UNHOUSED = "未安置" / "unhoused";
    /// Chart series: certain subsidy.
    R_SERIES_CERTAIN = "确定" / "certain";
    /// Chart series: expected subsidy.
    R_SERIES_EXPECTED = "预期" / "expected";
    /// Chart series: the subsidy ceiling.
    R_SERIES_CEILING = "上限" / "ceiling";
    /// Chart series: net cost.
    R_SERIES_NET_COST = "净成本（万元，右轴）" / "net cost (10,000 yuan, right axis)";
    /// Chart axis: people.
    R_AXIS_PEOPLE = "人" / "people";
    /// Chart axis: share housed.
    R_AXIS_SHARE = "安置率（%）" / "housed (%)";
    /// Chart axis: 10,000 yuan.
    R_AXIS_WAN = "万元" / "10,000 yuan";
    /// Chart axis: the budget.
    R_AXIS_BUDGET = "预算（万元）" / "budget (10,000 yuan)";
    /// Chart axis: kilometres.
    R_AXIS_KM = "公里" / "km";
    /// Table: towns.
    R_TABLE_TOWNS = "各镇街安置" / "Towns";
    /// Table: sites ranked within their town.
    R_TABLE_SITES = "各镇街点位排名（按增加一张床位可减少的通勤与未安置代价，即影子价格）"
        / "Sites ranked within each town (by shadow price: what one more bed there would save)";
    /// Table: subsidy projects.
    R_TABLE_SUBSIDY = "补助项目及原因" / "Subsidy projects and their reasons";
    /// Table: unhoused groups.
    R_TABLE_UNHOUSED = "未安置需求组及原因" / "Unhoused groups and why";
    /// Table: the plan's candidates.
    R_TABLE_PLAN = "候选项目与规划选择" / "Candidate projects and the plan's choice";
    /// Table: the budget curve.
    R_TABLE_CURVE = "预算曲线" / "The budget curve";
    /// Table: the variants.
    R_TABLE_VARIANTS = "各变体" / "Variants";
    /// Table hint.
    R_SORT_HINT = "点击表头可排序，再次点击反向排序。" / "Click a heading to sort; click again to reverse.";
    /// Table: empty.
    R_NO_ROWS = "（无）" / "(none)";
    /// The page's footer.
    R_FOOTER = "由 dormplan {version} 生成。同一输入得到逐字节相同的结果；全部数字与 CSV、工作簿一致。"
        / "Produced by dormplan {version}. The same inputs give byte-identical results; every figure matches the CSV files and the workbook.";
    /// Files written beside the page.
    R_FILES_BESIDE = "同目录下的 CSV、GeoJSON 文件与工作簿 report.xlsx 含全部明细。"
        / "The CSV and GeoJSON files and the workbook report.xlsx beside this page hold every detail.";
    /// Terminal: the report was written.
    R_WROTE_REPORT = "报告：{file}" / "Report: {file}";
    /// Terminal: the PDF was written.
    R_WROTE_PDF = "PDF：{file}" / "PDF: {file}";
    /// Terminal: no browser for the PDF.
    R_NO_BROWSER = "未找到 Chromium 或 Chrome，无法打印 PDF（报告已写入）。请安装 chromium（Debian：apt-get install chromium），或用环境变量 DORMPLAN_CHROME 指明浏览器程序。"
        / "No Chromium or Chrome found, so no PDF was printed (the report was written). Install chromium (Debian: apt-get install chromium), or name the browser program in the DORMPLAN_CHROME variable.";
    /// Terminal: printing the PDF failed.
    R_PDF_FAILED = "用 {browser} 打印 PDF 失败：{error}" / "printing the PDF with {browser} failed: {error}";
    /// Stage: drawing the report.
    STAGE_DRAWING = "绘制报告" / "drawing the report";
    /// Stage: the budget curve.
    STAGE_BUDGET_CURVE = "按多个预算重新规划" / "planning again at each budget";
}
