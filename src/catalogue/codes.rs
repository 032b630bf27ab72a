//! What each problem code means, in Chinese and English: shown beside the code in a report
//! in Chinese, whose details (what was found, what was expected) quote the input as it is.

use super::Phrase;

phrases! {
    /// FILE_UNREADABLE.
    FILE_UNREADABLE = "文件不存在或无法读取" / "a file does not exist or cannot be read";
    /// NOT_UTF8.
    NOT_UTF8 = "文件不是 UTF-8 编码（常见于 Excel 导出的 GBK 文件）" / "a file is not UTF-8 (often a GBK export from Excel)";
    /// CSV_MALFORMED.
    CSV_MALFORMED = "CSV 文件格式错误（行长短不一、引号不配对）" / "a CSV file cannot be parsed";
    /// GEOJSON_MALFORMED.
    GEOJSON_MALFORMED = "GeoJSON 文件无法解析或不是要素集合" / "a GeoJSON file cannot be parsed";
    /// TOML_MALFORMED.
    TOML_MALFORMED = "TOML 文件无法解析" / "a TOML file cannot be parsed";
    /// MISSING_COLUMN.
    MISSING_COLUMN = "文件缺少必需的列或属性" / "a required column is missing";
    /// MISSING_VALUE.
    MISSING_VALUE = "必填值为空" / "a required value is empty";
    /// NOT_A_NUMBER.
    NOT_A_NUMBER = "应为数字" / "a value is not a number";
    /// BAD_TEXT.
    BAD_TEXT = "文本含控制字符或过长" / "text with a control character or too long";
    /// NOT_FINITE.
    NOT_FINITE = "数字无效（NaN 或无穷大）" / "a number is NaN or infinite";
    /// NOT_POSITIVE.
    NOT_POSITIVE = "数字应大于 0" / "a number must be positive";
    /// ABSURD_VALUE.
    ABSURD_VALUE = "数值超出合理范围" / "a value outside any plausible range";
    /// DUPLICATE_ID.
    DUPLICATE_ID = "编号重复" / "an id appears twice";
    /// UNKNOWN_TOWN.
    UNKNOWN_TOWN = "镇街不在镇街文件中" / "a town the towns file does not define";
    /// AMBIGUOUS_TOWN.
    AMBIGUOUS_TOWN = "镇街名称指向多个镇街" / "a town reference that names more than one town";
    /// UNKNOWN_KIND.
    UNKNOWN_KIND = "未知的点位类型" / "an unknown site kind";
    /// UNKNOWN_STATUS.
    UNKNOWN_STATUS = "未知的点位状态" / "an unknown site status";
    /// UNKNOWN_VALUE.
    UNKNOWN_VALUE = "取值不在允许范围内" / "a value outside its list of allowed words";
    /// COORD_OUT_OF_RANGE.
    COORD_OUT_OF_RANGE = "坐标超出经纬度范围" / "coordinates out of range";
    /// BAD_GEOMETRY.
    BAD_GEOMETRY = "几何缺失、为空或类型不对" / "a geometry that is missing, empty or of the wrong type";
    /// RESIDENTIAL_ABOVE_GROSS.
    RESIDENTIAL_ABOVE_GROSS = "居住面积大于建筑面积" / "residential floor area above gross";
    /// CONVERSION_WITHOUT_SOURCE.
    CONVERSION_WITHOUT_SOURCE = "改建项目缺少改建前用途" / "a conversion without converted_from";
    /// UNKNOWN_KEY.
    UNKNOWN_KEY = "未知的设置项" / "a key dormplan does not know";
    /// BAD_SETTING.
    BAD_SETTING = "设置项类型错误或超出范围" / "a setting of the wrong type or out of range";
    /// MISSING_SETTING.
    MISSING_SETTING = "缺少必需的设置项" / "a required setting is absent";
    /// NEGATIVE.
    NEGATIVE = "数字不能为负" / "a number must not be negative";
    /// NOT_WHOLE_NUMBER.
    NOT_WHOLE_NUMBER = "应为整数" / "a whole number is expected";
    /// YEAR_OUT_OF_RANGE.
    YEAR_OUT_OF_RANGE = "年份不在 1950–2100 之间" / "a year outside 1950–2100";
    /// START_AFTER_COMPLETION.
    START_AFTER_COMPLETION = "开工年份晚于竣工年份" / "construction started after completion";
    /// UNKNOWN_ID.
    UNKNOWN_ID = "费用矩阵中的编号不存在" / "a cost-matrix id that does not exist";
    /// CONTRADICTORY_VALUES.
    CONTRADICTORY_VALUES = "两个字段相互矛盾" / "two fields disagree";
    /// OUTPUT_IS_INPUT.
    OUTPUT_IS_INPUT = "输出文件会覆盖本次运行的输入" / "an output would replace an input";
    /// OUTPUT_NOT_OURS.
    OUTPUT_NOT_OURS = "输出文件会覆盖并非 dormplan 写入的文件" / "an output would replace a file dormplan did not write";
    /// TOO_LARGE.
    TOO_LARGE = "超出读取上限" / "beyond dormplan's reading limits";
    /// FILE_EXISTS.
    FILE_EXISTS = "文件已存在，不予覆盖" / "a file that is there already is not replaced";
    /// OVER_OCCUPIED.
    OVER_OCCUPIED = "申报床位使人均居住面积低于标准" / "declared beds give less than the standard per person";
    /// UNKNOWN_COLUMN.
    UNKNOWN_COLUMN = "dormplan 不读取的列（常为拼写错误）" / "a column dormplan does not read";
    /// EMPTY_FILE.
    EMPTY_FILE = "数据文件只有表头、没有数据行" / "a data file with a header but no rows";
    /// FAR_FROM_TOWN.
    FAR_FROM_TOWN = "点位或需求组离所属镇街中心过远" / "far from the centroid of its town";
    /// OUTSIDE_BOUNDARY.
    OUTSIDE_BOUNDARY = "点位或需求组在情景的边界图层之外" / "outside the scenario's boundary layer";
    /// STANDARD_OUTSIDE_POLICY.
    STANDARD_OUTSIDE_POLICY = "规划标准不在政策区间内" / "the plan standard lies outside the policy's range";
    /// EXTRA_DECIMALS.
    EXTRA_DECIMALS = "小数位多于 dormplan 保留的位数，已向下取整" / "more decimals than dormplan keeps: rounded down";
    /// NO_PROGRAMME.
    NO_PROGRAMME = "政策文件没有补助项目类别" / "a policy file with no programme";
}

/// The meaning of the problem code spelled `code`, when the catalogue has it.
pub fn code_meaning(code: &str) -> Option<Phrase> {
    super::find_phrase(ALL, |key| key == code)
}
