//! Chinese names of the input columns: a planner's sheet headed 编号, 镇街, 人数, 经度, 纬度 reads
//! as one headed id, town, people, lon, lat. One table for every input file; a name that means
//! different columns in different files (名称 is a site's `name` but a town's `name_zh`) lists
//! each, and a file takes the first its reader knows.

/// Each Chinese column name with the column it stands for, in the order a file looks for them.
pub(crate) const ALIASES: &[(&str, &str)] = &[
    // Identity and place.
    ("编号", "id"),
    ("编号", "code"),
    ("代码", "code"),
    ("编码", "code"),
    ("行政区划代码", "code"),
    ("名称", "name"),
    ("名称", "name_zh"),
    ("中文名", "name_zh"),
    ("中文名称", "name_zh"),
    ("英文名", "name_en"),
    ("英文名称", "name_en"),
    ("拼音", "name_en"),
    ("镇街", "town"),
    ("所在镇街", "town"),
    ("类型", "kind"),
    ("状态", "status"),
    ("经度", "lon"),
    ("纬度", "lat"),
    // Sites.
    ("建筑面积", "gross_m2"),
    ("居住面积", "residential_m2"),
    ("床位", "beds"),
    ("床位数", "beds"),
    ("总投资", "cost_yuan"),
    ("开工年份", "started_year"),
    ("竣工年份", "completed_year"),
    ("改建前用途", "converted_from"),
    ("专家论证", "expert_review"),
    ("安全鉴定", "safety_ok"),
    ("结构安全", "structurally_safe"),
    ("消防安全", "fire_safe"),
    ("改建前闲置", "idle_before_conversion"),
    ("企业", "employer"),
    ("所属企业", "employer"),
    ("月租金", "rent_yuan_month"),
    // Demand groups.
    ("人数", "people"),
    ("积分", "priority"),
    ("整体安置", "keep_together"),
    ("最远通勤公里", "max_commute_km"),
    // Cost matrix.
    ("需求编号", "demand_id"),
    ("站点编号", "site_id"),
    ("费用", "cost"),
];

/// The column `name` (trimmed, in lower case) stands for in a file whose reader knows the
/// columns `known`: the first alias of it that the file knows, else the name itself.
pub(crate) fn canonical<'a>(name: &'a str, known: &[&'static str]) -> &'a str {
    ALIASES
        .iter()
        .filter(|(alias, _)| *alias == name)
        .map(|&(_, column)| column)
        .find(|column| known.contains(column))
        .unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_takes_the_first_column_its_file_knows() {
        assert_eq!(canonical("名称", &["id", "name", "town"]), "name");
        assert_eq!(
            canonical("名称", &["code", "name_zh", "name_en"]),
            "name_zh"
        );
        assert_eq!(canonical("编号", &["code", "name_zh"]), "code");
        assert_eq!(canonical("编号", &["id", "people"]), "id");
        assert_eq!(canonical("人数", &["id", "people"]), "people");
    }

    #[test]
    fn other_names_pass_unchanged() {
        assert_eq!(canonical("people", &["people"]), "people");
        assert_eq!(canonical("人数", &["code"]), "人数");
        assert_eq!(canonical("备注", &["id"]), "备注");
    }

    #[test]
    fn every_alias_is_chinese_and_means_a_column_once() {
        for (i, (alias, column)) in ALIASES.iter().enumerate() {
            assert!(!alias.is_ascii(), "{alias}");
            assert!(column.is_ascii(), "{column}");
            assert!(
                !ALIASES[..i].contains(&(alias, column)),
                "{alias} → {column} twice"
            );
        }
    }
}
