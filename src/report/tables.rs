//! What each CSV table of dormplan holds, in Chinese and English: one line per file, for the
//! first sheet of the workbook.

/// Every CSV file dormplan writes: name, Chinese description, English description.
const TABLES: &[(&str, &str, &str)] = &[
    (
        "capacity_sites.csv",
        "各点位在规划标准及政策上下限下的床位",
        "beds of each site at the plan standard and at the ends of the policy range",
    ),
    (
        "capacity_towns.csv",
        "各镇街的床位、需求与缺口",
        "beds, demand and shortfall of each town",
    ),
    (
        "allocations.csv",
        "各需求组安置到各点位的人数及通勤",
        "people of each group placed in each site, with the commute",
    ),
    (
        "sites.csv",
        "各点位的床位、入住人数、利用率与影子价格",
        "each site's beds, occupants, utilisation and shadow price",
    ),
    (
        "towns.csv",
        "各镇街的需求、已安置、未安置、床位与通勤",
        "each town's demand, housed, unhoused, beds and commutes",
    ),
    (
        "unhoused.csv",
        "未能安置的需求组、原因及坐标",
        "groups with people left unhoused, why, and where they work",
    ),
    (
        "subsidy_projects.csv",
        "各项目的补助资格、金额、约束上限与原因",
        "each project's subsidy eligibility, amount, binding cap and reasons",
    ),
    (
        "subsidy_by_town.csv",
        "按镇街汇总的补助",
        "subsidy totals by town",
    ),
    (
        "subsidy_by_year.csv",
        "按年度汇总的补助",
        "subsidy totals by year",
    ),
    (
        "subsidy_by_kind.csv",
        "按类型汇总的补助",
        "subsidy totals by kind",
    ),
    (
        "subsidy_reading.csv",
        "计算所采用的政策条款解读",
        "the reading of the policy the figures use",
    ),
    (
        "plan_projects.csv",
        "各候选项目：床位、成本、补助、是否入选",
        "each candidate project: beds, cost, subsidy, chosen or not",
    ),
    (
        "plan_summary.csv",
        "规划结果汇总：预算、新增床位、净成本、最优性证明",
        "the plan in one row: budget, beds added, net cost, proof of optimality",
    ),
    (
        "plan_towns.csv",
        "各镇街规划前后的床位与安置",
        "each town's beds and housing without and with the plan",
    ),
    (
        "sweep.csv",
        "基准与各变体的总体指标",
        "the totals of the base and each variant",
    ),
    (
        "sweep_towns.csv",
        "基准与各变体的分镇街指标",
        "the base and each variant, town by town",
    ),
    (
        "compare_totals.csv",
        "两个情景的总体指标及差值（B − A）",
        "totals of two scenarios and their difference B − A",
    ),
    (
        "compare_towns.csv",
        "两个情景的分镇街指标及差值（B − A）",
        "two scenarios town by town, and their difference B − A",
    ),
    (
        "rank_sites.csv",
        "各镇街内点位的排名",
        "the sites of each town in rank order",
    ),
    (
        "explain.csv",
        "各镇街的未安置与缺床位人数，及每项调整重新求解后多安置的人数",
        "each town's unhoused and beds short, and the people each change houses when solved again",
    ),
    (
        "points_demand.csv",
        "各需求组的坐标，供路径规划引擎计算通勤矩阵",
        "each demand group's point, for a routing engine's cost matrix",
    ),
    (
        "points_sites.csv",
        "各点位的坐标，供路径规划引擎计算通勤矩阵",
        "each site's point, for a routing engine's cost matrix",
    ),
    (
        "warnings.csv",
        "输入数据的全部警告",
        "every warning the inputs raised",
    ),
];

/// What a CSV table holds, `[Chinese, English]`, by its file name; empty for a file not listed.
pub fn table_description(file: &str) -> [&'static str; 2] {
    TABLES
        .iter()
        .find(|(name, _, _)| *name == file)
        .map_or(["", ""], |&(_, zh, en)| [zh, en])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_is_described_once_in_both_languages() {
        for (i, (name, zh, en)) in TABLES.iter().enumerate() {
            assert!(name.ends_with(".csv") && !zh.is_empty() && !en.is_empty());
            assert!(TABLES[..i].iter().all(|(n, _, _)| n != name), "{name}");
        }
        assert_eq!(table_description("other.csv"), ["", ""]);
    }
}
