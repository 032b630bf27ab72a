//! The output tables' columns as a person reads them: the workbook heads each column with its
//! name in the run's language above (or below) the CSV's column name, which stays the same in
//! every language so that scripts can rely on it.
//!
//! A phrase's key is `C_` and the column's name in capitals: [`column_label`](crate::catalogue::columns::column_label) finds it.

use super::Phrase;

phrases! {
    /// Column `a`.
    C_A = "情景 A" / "scenario A";
    /// Column `amount_yuan`.
    C_AMOUNT_YUAN = "补助额（元）" / "subsidy (yuan)";
    /// Column `area_basis`.
    C_AREA_BASIS = "面积口径" / "area basis";
    /// Column `b`.
    C_B = "情景 B" / "scenario B";
    /// Column `b_minus_a`.
    C_B_MINUS_A = "差值（B − A）" / "difference (B − A)";
    /// Column `backend`.
    C_BACKEND = "求解器" / "solver";
    /// Column `baseline_beds`.
    C_BASELINE_BEDS = "现状床位" / "beds without the plan";
    /// Column `baseline_housed`.
    C_BASELINE_HOUSED = "现状已安置" / "housed without the plan";
    /// Column `baseline_mean_commute_km`.
    C_BASELINE_MEAN_COMMUTE_KM = "现状平均通勤（公里）" / "mean commute without the plan (km)";
    /// Column `baseline_objective`.
    C_BASELINE_OBJECTIVE = "现状目标值" / "objective without the plan";
    /// Column `baseline_unhoused`.
    C_BASELINE_UNHOUSED = "现状未安置" / "unhoused without the plan";
    /// Column `beds`.
    C_BEDS = "床位" / "beds";
    /// Column `beds_added`.
    C_BEDS_ADDED = "新增床位" / "beds added";
    /// Column `beds_ceiling`.
    C_BEDS_CEILING = "床位（按政策上限标准）" / "beds at the policy ceiling";
    /// Column `beds_floor`.
    C_BEDS_FLOOR = "床位（按政策下限标准）" / "beds at the policy floor";
    /// Column `beds_per_10k_yuan_net`.
    C_BEDS_PER_10K_YUAN_NET = "每万元净成本床位" / "beds per 10,000 yuan net";
    /// Column `beds_plan`.
    C_BEDS_PLAN = "床位（按规划标准）" / "beds at the plan standard";
    /// Column `beds_short`.
    C_BEDS_SHORT = "缺床位人数" / "unhoused short of beds within the cutoff";
    /// Column `best`.
    C_BEST = "最有效" / "best change";
    /// Column `binding_cap`.
    C_BINDING_CAP = "起作用的上限" / "binding cap";
    /// Column `bound`.
    C_BOUND = "下界" / "bound";
    /// Column `budget_source`.
    C_BUDGET_SOURCE = "预算来源" / "budget from";
    /// Column `budget_yuan`.
    C_BUDGET_YUAN = "预算（元）" / "budget (yuan)";
    /// Column `capacity`.
    C_CAPACITY = "床位" / "capacity (beds)";
    /// Column `ceiling_yuan`.
    C_CEILING_YUAN = "补助上限（元）" / "ceiling (yuan)";
    /// Column `change`.
    C_CHANGE = "调整" / "change";
    /// Column `chosen`.
    C_CHOSEN = "入选" / "chosen";
    /// Column `code`.
    C_CODE = "代码" / "code";
    /// Column `completed_year`.
    C_COMPLETED_YEAR = "竣工年份" / "year completed";
    /// Column `concerns`.
    C_CONCERNS = "需关注" / "concerns";
    /// Column `construction_cost_yuan`.
    C_CONSTRUCTION_COST_YUAN = "建设投资（元）" / "construction cost (yuan)";
    /// Column `cost`.
    C_COST = "费用（米）" / "cost (metres)";
    /// Column `cost_s`.
    C_COST_S = "费用（秒）" / "cost (seconds)";
    /// Column `cost_share_cap`.
    C_COST_SHARE_CAP = "占投资比例上限" / "cost share cap";
    /// Column `cost_share_limit_yuan`.
    C_COST_SHARE_LIMIT_YUAN = "按投资比例的上限（元）" / "cost-share limit (yuan)";
    /// Column `cost_yuan`.
    C_COST_YUAN = "建设投资（元）" / "cost (yuan)";
    /// Column `counted`.
    C_COUNTED = "计入供给" / "counted";
    /// Column `coverage_pct`.
    C_COVERAGE_PCT = "床位覆盖率（%）" / "coverage (beds ÷ demand, %)";
    /// Column `declared_beds`.
    C_DECLARED_BEDS = "申报床位" / "declared beds";
    /// Column `demand`.
    C_DEMAND = "需求人数" / "demand";
    /// Column `eligibility`.
    C_ELIGIBILITY = "补助资格" / "eligibility";
    /// Column `eligible_projects`.
    C_ELIGIBLE_PROJECTS = "符合条件项目数" / "eligible projects";
    /// Column `eligible_yuan`.
    C_ELIGIBLE_YUAN = "确定补助（元）" / "eligible (yuan)";
    /// Column `evaluations`.
    C_EVALUATIONS = "精确分配次数" / "evaluations";
    /// Column `expected`.
    C_EXPECTED = "应为" / "expected";
    /// Column `expected_yuan`.
    C_EXPECTED_YUAN = "预期补助（元）" / "expected (yuan)";
    /// Column `explanation`.
    C_EXPLANATION = "说明" / "explanation";
    /// Column `employer`.
    C_EMPLOYER = "企业" / "employer";
    /// Column `extra_budget_yuan`.
    C_EXTRA_BUDGET_YUAN = "增加预算（元）" / "budget added (yuan)";
    /// Column `extra_km`.
    C_EXTRA_KM = "放宽通勤上限（公里）" / "cutoff widened by (km)";
    /// Column `failed`.
    C_FAILED = "未满足的条件" / "failed conditions";
    /// Column `field`.
    C_FIELD = "字段" / "field";
    /// Column `file`.
    C_FILE = "文件" / "file";
    /// Column `found`.
    C_FOUND = "发现" / "found";
    /// Column `gap`.
    C_GAP = "差距" / "gap";
    /// Column `gross_m2`.
    C_GROSS_M2 = "建筑面积（m²）" / "gross floor area (m²)";
    /// Column `group`.
    C_GROUP = "需求组" / "group";
    /// Column `group_town`.
    C_GROUP_TOWN = "需求组所在镇街" / "group's town";
    /// Column `housed`.
    C_HOUSED = "已安置" / "housed";
    /// Column `housed_gain`.
    C_HOUSED_GAIN = "本镇街多安置" / "more housed in the town";
    /// Column `housed_gain_total`.
    C_HOUSED_GAIN_TOTAL = "全市多安置" / "more housed in all towns";
    /// Column `housed_pct`.
    C_HOUSED_PCT = "安置率（%）" / "housed (%)";
    /// Column `id`.
    C_ID = "编号" / "id";
    /// Column `ineligible_projects`.
    C_INELIGIBLE_PROJECTS = "不符合条件项目数" / "ineligible projects";
    /// Column `ineligible_request_yuan`.
    C_INELIGIBLE_REQUEST_YUAN = "不符合条件的申请额（元）" / "ineligible requests (yuan)";
    /// Column `keep_together`.
    C_KEEP_TOGETHER = "整体安置" / "keep together";
    /// Column `kind`.
    C_KIND = "类型" / "kind";
    /// Column `lat`.
    C_LAT = "纬度" / "latitude";
    /// Column `lon`.
    C_LON = "经度" / "longitude";
    /// Column `m2_per_person`.
    C_M2_PER_PERSON = "人均居住面积（m²）" / "m² per person";
    /// Column `master_programs`.
    C_MASTER_PROGRAMS = "主问题求解次数" / "master programs";
    /// Column `mean_commute_km`.
    C_MEAN_COMMUTE_KM = "平均通勤（公里）" / "mean commute (km)";
    /// Column `measure`.
    C_MEASURE = "指标" / "measure";
    /// Column `metres`.
    C_METRES = "通勤距离（米）" / "commute (metres)";
    /// Column `min_beds`.
    C_MIN_BEDS = "最少床位要求" / "minimum beds";
    /// Column `mip_bound`.
    C_MIP_BOUND = "混合整数规划下界" / "MIP bound";
    /// Column `mip_choice_is_plan`.
    C_MIP_CHOICE_IS_PLAN = "混合整数规划之选即方案" / "MIP choice is the plan";
    /// Column `mip_choice_objective`.
    C_MIP_CHOICE_OBJECTIVE = "混合整数规划之选的目标值" / "MIP choice's objective";
    /// Column `mip_keep_together`.
    C_MIP_KEEP_TOGETHER = "混合整数规划含整体安置" / "MIP with keep-together";
    /// Column `mip_objective`.
    C_MIP_OBJECTIVE = "混合整数规划目标值" / "MIP objective";
    /// Column `mip_proven`.
    C_MIP_PROVEN = "混合整数规划已证明" / "MIP proven";
    /// Column `name`.
    C_NAME = "名称" / "name";
    /// Column `name_en`.
    C_NAME_EN = "英文名" / "name (English)";
    /// Column `name_zh`.
    C_NAME_ZH = "中文名" / "name (Chinese)";
    /// Column `net_cost_per_bed_yuan`.
    C_NET_COST_PER_BED_YUAN = "每床净成本（元）" / "net cost per bed (yuan)";
    /// Column `net_cost_yuan`.
    C_NET_COST_YUAN = "净成本（元）" / "net cost (yuan)";
    /// Column `not_plannable`.
    C_NOT_PLANNABLE = "不可规划原因代码" / "not plannable";
    /// Column `nearest_free_beds`.
    C_NEAREST_FREE_BEDS = "最近空床位点位的空床数" / "free beds there";
    /// Column `nearest_free_km`.
    C_NEAREST_FREE_KM = "最近空床位距离（公里）" / "nearest free bed (km)";
    /// Column `nearest_free_site`.
    C_NEAREST_FREE_SITE = "最近有空床位的点位" / "nearest site with a free bed";
    /// Column `nearest_free_why`.
    C_NEAREST_FREE_WHY = "不能入住的原因代码" / "why not there";
    /// Column `objective`.
    C_OBJECTIVE = "目标值" / "objective";
    /// Column `occupants`.
    C_OCCUPANTS = "入住人数" / "occupants";
    /// Column `over_occupied`.
    C_OVER_OCCUPIED = "超员" / "over-occupied";
    /// Column `p95_commute_km`.
    C_P95_COMMUTE_KM = "95% 通勤（公里）" / "95th percentile commute (km)";
    /// Column `pending`.
    C_PENDING = "待核实的条件" / "pending conditions";
    /// Column `people`.
    C_PEOPLE = "人数" / "people";
    /// Column `per_bed_yuan`.
    C_PER_BED_YUAN = "每床补助（元）" / "per bed (yuan)";
    /// Column `place`.
    C_PLACE = "位置" / "place";
    /// Column `plan_infeasible`.
    C_PLAN_INFEASIBLE = "规划不可行" / "plan infeasible";
    /// Column `plannable`.
    C_PLANNABLE = "可规划" / "plannable";
    /// Column `potential_projects`.
    C_POTENTIAL_PROJECTS = "潜在符合项目数" / "potential projects";
    /// Column `potential_yuan`.
    C_POTENTIAL_YUAN = "潜在补助（元）" / "potential (yuan)";
    /// Column `priority`.
    C_PRIORITY = "优先级" / "priority";
    /// Column `programme`.
    C_PROGRAMME = "补助项目" / "programme";
    /// Column `projects`.
    C_PROJECTS = "项目数" / "projects";
    /// Column `proof`.
    C_PROOF = "证明方式" / "proof";
    /// Column `rank`.
    C_RANK = "名次" / "rank";
    /// Column `rate_limit_yuan`.
    C_RATE_LIMIT_YUAN = "按标准的上限（元）" / "rate limit (yuan)";
    /// Column `reason`.
    C_REASON = "原因代码" / "reason";
    /// Column `relaxations`.
    C_RELAXATIONS = "松弛求解次数" / "relaxations";
    /// Column `request_yuan`.
    C_REQUEST_YUAN = "申请额（元）" / "request (yuan)";
    /// Column `residential_m2`.
    C_RESIDENTIAL_M2 = "居住面积（m²）" / "residential floor area (m²)";
    /// Column `rounding`.
    C_ROUNDING = "取整" / "rounding";
    /// Column `scenario`.
    C_SCENARIO = "情景" / "scenario";
    /// Column `setting`.
    C_SETTING = "设置" / "setting";
    /// Column `shadow_price_km`.
    C_SHADOW_PRICE_KM = "影子价格（公里）" / "shadow price (km)";
    /// Column `shadow_price_min`.
    C_SHADOW_PRICE_MIN = "影子价格（分钟）" / "shadow price (min)";
    /// Column `shortfall`.
    C_SHORTFALL = "床位缺口" / "shortfall";
    /// Column `site`.
    C_SITE = "点位" / "site";
    /// Column `site_id`.
    C_SITE_ID = "点位编号" / "site id";
    /// Column `site_status`.
    C_SITE_STATUS = "点位状态" / "site status";
    /// Column `site_town`.
    C_SITE_TOWN = "点位所在镇街" / "site's town";
    /// Column `sites`.
    C_SITES = "点位数" / "sites";
    /// Column `spare_bed`.
    C_SPARE_BED = "共享空余床位" / "on a shared spare bed";
    /// Column `standard_m2`.
    C_STANDARD_M2 = "人均标准（m²）" / "standard (m² per person)";
    /// Column `status`.
    C_STATUS = "状态" / "status";
    /// Column `subsidy_eligible_yuan`.
    C_SUBSIDY_ELIGIBLE_YUAN = "确定补助（元）" / "subsidy, eligible (yuan)";
    /// Column `subsidy_per_bed_yuan`.
    C_SUBSIDY_PER_BED_YUAN = "每床补助（元）" / "subsidy per bed (yuan)";
    /// Column `subsidy_potential_yuan`.
    C_SUBSIDY_POTENTIAL_YUAN = "潜在补助（元）" / "subsidy, potential (yuan)";
    /// Column `subsidy_yuan`.
    C_SUBSIDY_YUAN = "补助（元）" / "subsidy (yuan)";
    /// Column `town`.
    C_TOWN = "镇街" / "town";
    /// Column `town_code`.
    C_TOWN_CODE = "镇街代码" / "town code";
    /// Column `town_name`.
    C_TOWN_NAME = "镇街名称" / "town name";
    /// Column `unfunded_projects`.
    C_UNFUNDED_PROJECTS = "未获资金项目数" / "unfunded projects";
    /// Column `unhoused`.
    C_UNHOUSED = "未安置" / "unhoused";
    /// Column `usable_sites`.
    C_USABLE_SITES = "可用点位数" / "sites it may use";
    /// Column `utilisation`.
    C_UTILISATION = "利用率" / "utilisation";
    /// Column `utilisation_pct`.
    C_UTILISATION_PCT = "利用率（%）" / "utilisation (%)";
    /// Column `value`.
    C_VALUE = "取值" / "value";
    /// Column `variant`.
    C_VARIANT = "变体" / "variant";
    /// Column `why_not_plannable`.
    C_WHY_NOT_PLANNABLE = "不可规划原因" / "why not plannable";
    /// Column `year`.
    C_YEAR = "年份" / "year";
    /// Column `year_basis`.
    C_YEAR_BASIS = "年份口径" / "year basis";
}

/// The label of an output column by its CSV name (`shadow_price_km` → 影子价格（公里）), when the
/// catalogue has one.
pub fn column_label(column: &str) -> Option<Phrase> {
    super::find_phrase(ALL, |key| {
        key.strip_prefix("C_")
            .is_some_and(|k| k.eq_ignore_ascii_case(column))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_names_a_column() {
        for p in ALL {
            let column = p
                .key
                .strip_prefix("C_")
                .expect("a column key starts with C_");
            assert_eq!(column_label(&column.to_lowercase()), Some(*p));
        }
        assert_eq!(column_label("no_such_column"), None);
    }
}
