//! What a problem in the input found and expected, Chinese / English. The values in the
//! places (quoted input, numbers, names of files, fields and codes) are the same in every
//! language.

use super::Phrase;

phrases! {
    // Files and their text.
    /// A path that is a folder.
    FOUND_FOLDER = "一个文件夹" / "a folder";
    /// A path that is something other than a file.
    FOUND_SPECIAL = "{kind}，不是普通文件" / "{kind}, not a regular file";
    /// A named pipe.
    KIND_FIFO = "一个命名管道（FIFO）" / "a named pipe (FIFO)";
    /// A socket.
    KIND_SOCKET = "一个套接字" / "a socket";
    /// A device.
    KIND_DEVICE = "一个设备" / "a device";
    /// Anything else that is not a file.
    KIND_SPECIAL = "一个特殊文件" / "a special file";
    /// What a path must be.
    REGULAR_FILE = "一个普通文件（不是文件夹、管道、套接字或设备）"
        / "a regular file (not a folder, a pipe, a socket or a device)";
    /// A file that cannot be read.
    READABLE_FILE = "一个可读取的文件（情景文件中的路径相对于情景文件所在的文件夹）"
        / "a readable file (paths in a scenario are relative to the scenario's folder)";
    /// The operating system's "no such file" (Linux's words).
    OS_NOT_FOUND = "文件或文件夹不存在（os error 2）" / "No such file or directory (os error 2)";
    /// The operating system's "permission denied" (Linux's words).
    OS_PERMISSION_DENIED = "没有读取权限（os error 13）" / "Permission denied (os error 13)";
    /// The operating system's "symbolic link loop" (Linux's words).
    OS_SYMLINK_LOOP = "符号链接层数过多（os error 40）"
        / "Too many levels of symbolic links (os error 40)";
    /// The operating system's "is a directory" (Linux's words).
    OS_IS_A_DIRECTORY = "是一个文件夹（os error 21）" / "Is a directory (os error 21)";
    /// An input gone by the time the outputs are written.
    INPUT_STILL_READABLE = "写出结果时该输入文件仍可读取"
        / "the input, still readable when the outputs are written";
    /// A byte that is not UTF-8.
    NOT_UTF8_BYTE = "字节 {byte}，不是 UTF-8" / "byte {byte} that is not UTF-8";
    /// A GBK file.
    UTF8_NOT_GBK = "UTF-8 文本；该文件看来是 GBK 编码（Excel 导出）：请另存为“CSV UTF-8（逗号分隔）”（Excel：文件 › 另存为 › CSV UTF-8），或用 `iconv -f GB18030 -t UTF-8` 转换"
        / "UTF-8 text; this looks like GBK (an Excel export): re-save as 'CSV UTF-8' (Excel: File › Save As › CSV UTF-8), or convert with `iconv -f GB18030 -t UTF-8`";
    /// A UTF-16 file.
    UTF8_NOT_UTF16 = "UTF-8 文本；该文件看来是 UTF-16 编码（“Unicode 文本”）：请另存为 UTF-8"
        / "UTF-8 text; this looks like UTF-16 ('Unicode text'): re-save as UTF-8";
    /// Any other file that is not UTF-8.
    UTF8_RESAVE = "UTF-8 文本：请将文件另存为 UTF-8" / "UTF-8 text: re-save the file as UTF-8";

    // Reading limits.
    /// A file that grew while read.
    GREW_WHILE_READ = "读取过程中增大到 {mb} MB 以上的文件"
        / "a file that grew beyond {mb} MB while it was read";
    /// The file-size limit.
    AT_MOST_MB = "最多 {mb} MB（{variable}）" / "at most {mb} MB ({variable})";
    /// A long line.
    LINE_OF_BYTES = "一行长 {len} 字节" / "a line of {len} bytes";
    /// The line-length limit.
    AT_MOST_KB_LINE = "每行最多 {kb} kB（{variable}）" / "at most {kb} kB in one line ({variable})";
    /// Deep nesting.
    NESTED_DEEP = "括号嵌套 {depth} 层" / "brackets nested {depth} deep";
    /// The nesting limit.
    AT_MOST_LEVELS = "最多 {max} 层（{variable}）" / "at most {max} levels ({variable})";
    /// Too many rows.
    MORE_THAN_ROWS = "超过 {max} 行" / "more than {max} rows";
    /// The row limit.
    AT_MOST_ROWS = "最多 {max} 行（{variable}）" / "at most {max} rows ({variable})";
    /// Too many features.
    MORE_THAN_FEATURES = "超过 {max} 个要素" / "more than {max} features";
    /// The feature limit.
    AT_MOST_FEATURES = "最多 {max} 个要素（{variable}）" / "at most {max} features ({variable})";
    /// A big file.
    FILE_OF_MB = "一个 {mb} MB 的文件" / "a file of {mb} MB";
    /// A big cost matrix.
    MATRIX_OF_MB = "一个 {mb} MB 的费用矩阵" / "a cost matrix of {mb} MB";
    /// The cost matrix's size limit.
    AT_MOST_MB_MATRIX = "一个费用矩阵最多 {mb} MB（其行数以 32 位计数）"
        / "at most {mb} MB in one cost matrix (its lines are counted in 32 bits)";

    // Values.
    /// A finite number.
    FINITE_NUMBER = "一个有限的数" / "a finite number";
    /// A number as dormplan reads it.
    PLAIN_NUMBER = "一个数，如 1234.5（不带单位或千位分隔符）"
        / "a number such as 1234.5 (no units or thousands separators)";
    /// A long value.
    BYTES_BEGINNING = "{len} 字节，开头为 {head}" / "{len} bytes, beginning {head}";
    /// The longest value.
    AT_MOST_BYTES_VALUE = "每个值最多 10,000 字节" / "at most 10,000 bytes in one value";
    /// A control character.
    CONTROL_CHARACTER = "{text} 第 {at} 字节处的控制字符 {char}"
        / "the control character {char} at byte {at} of {text}";
    /// Printable text.
    PRINTABLE_TEXT = "可打印的文本（不含制表符、换行符、NUL 或其他控制字符）"
        / "printable text (no tab, line break, NUL or other control character)";
    /// Extra decimals, rounded down.
    KEPT_DECIMALS = "最多 {places} 位小数：已按 {kept} 计（向下舍入，dormplan 计入的数绝不多于输入）"
        / "at most {places} decimals: kept as {kept}, rounded down so that dormplan never counts more than the input gives";
    /// A positive number.
    ABOVE_ZERO = "一个大于 0 的数" / "a number greater than 0";
    /// A number not negative.
    ZERO_OR_MORE = "一个不小于 0 的数" / "a number of 0 or more";
    /// An upper bound.
    AT_MOST = "不超过 {max}" / "at most {max}";
    /// A whole number.
    WHOLE_NUMBER = "一个整数" / "a whole number";
    /// A year, whole.
    YEAR_LIKE = "一个年份，如 2021" / "a year such as 2021";
    /// A year in range.
    YEAR_FROM_TO = "{from} 至 {to} 之间的年份" / "a year from {from} to {to}";
    /// The words of a yes/no value.
    ONE_OF_BOOL = "以下之一：{words}" / "one of {words}";
    /// A word from a list.
    ONE_OF = "以下之一：{words}" / "one of: {words}";
    /// Coordinates in range.
    LONLAT_RANGE = "经度 −180…180、纬度 −90…90（度）"
        / "longitude −180…180 and latitude −90…90 (degrees)";
    /// Coordinates in range, when they look swapped.
    LONLAT_RANGE_SWAPPED = "经度 −180…180、纬度 −90…90（度）；经纬度是否填反了？"
        / "longitude −180…180 and latitude −90…90 (degrees); are lon and lat swapped?";
    /// Finite coordinates.
    FINITE_COORDINATES = "有限的坐标值" / "finite coordinates";

    // Tables: CSV and GeoJSON.
    /// A table without rows.
    NO_ROWS = "没有数据行" / "no rows";
    /// A table's rows.
    A_ROW_BELOW_HEADER = "表头下至少一行数据" / "at least one row below the header";
    /// A CSV row.
    ROW_OF_TEXT = "一行文本值" / "a row of text values";
    /// A count of fields.
    N_FIELDS = "{n} 个字段" / "{n} fields";
    /// The fields of the header.
    FIELDS_AS_HEADER = "{n} 个字段，与表头行相同（含逗号的值请加引号）"
        / "{n} fields, as in the header line (quote values that contain commas)";
    /// A quote left open.
    QUOTE_OVER_LINES = "一个以 {head} 开头的带引号的值，跨 {spans} 行（到第 {to} 行）"
        / "a quoted value that begins {head} and runs over {spans} lines (to line {to})";
    /// Values on one line.
    VALUE_ON_ONE_LINE = "每个值只占一行：引号在哪一行打开就在该行闭合（未闭合的 \" 会吞并其后的各行），值中不要有换行"
        / "each value on one line: close every quote on the line it opens (an unclosed \" takes in the lines after it) and keep line breaks out of values";
    /// A CSV file.
    CSV_WITH_HEADER = "带表头行的逗号分隔值（CSV）" / "comma-separated values with a header line";
    /// A column given more than once.
    COLUMN_TIMES = "列 {name} 出现 {count} 次" / "column {name} {count} times";
    /// Columns that mean the same.
    COLUMNS_ALL_MEANING = "列 {columns} 都表示 {name}" / "columns {columns} all meaning {name}";
    /// Each column once.
    EACH_COLUMN_ONCE = "每列只出现一次（中文列名视同其对应的列）"
        / "each column once (a Chinese column name counts as its column)";
    /// No header.
    NO_HEADER_LINE = "没有表头行" / "no header line";
    /// The columns of a file.
    COLUMNS = "列 {columns}" / "columns {columns}";
    /// A column by name.
    COLUMN_NAMED = "名为 {name} 的列" / "a column named {name}";
    /// A column not read.
    COLUMN_NOT_READ = "列 {name}，dormplan 不读取该列" / "column {name}, which dormplan does not read";
    /// A property not read.
    PROPERTY_NOT_READ = "属性 {name}，dormplan 不读取该属性"
        / "property {name}, which dormplan does not read";
    /// A GeoJSON file.
    FEATURE_COLLECTION = "一个 GeoJSON FeatureCollection（要素集合）" / "a GeoJSON FeatureCollection";
    /// A GeoJSON feature.
    GEOJSON_FEATURE = "一个 GeoJSON Feature（要素）" / "a GeoJSON Feature";
    /// No "type".
    NO_TYPE = "没有 \"type\"" / "no \"type\"";
    /// "features" not a list.
    FEATURES_NOT_LIST = "\"features\" 是{kind}，不是列表" / "\"features\" that is {kind}, not a list";
    /// No "features".
    TYPE_WITHOUT_FEATURES = "type 为 {kind}，没有 \"features\" 列表"
        / "type {kind} with no \"features\" list";
    /// A type that is not a FeatureCollection.
    TYPE_IS = "type 为 {kind}" / "type {kind}";
    /// JSON true/false.
    JSON_BOOL = "true/false" / "true/false";
    /// A JSON number.
    JSON_NUMBER = "一个数" / "a number";
    /// A JSON string.
    JSON_TEXT = "文本" / "text";
    /// A JSON array.
    JSON_LIST = "一个列表" / "a list";
    /// A JSON object.
    JSON_OBJECT = "一个对象" / "an object";
    /// A property given twice.
    PROPERTIES_BOTH = "属性 {first} 和 {second}" / "properties {first} and {second}";
    /// Each property once.
    EACH_PROPERTY_ONCE = "每个属性只出现一次（属性名比较时不区分大小写；中文名视同其对应的列）"
        / "each property once (names are compared ignoring case; a Chinese name counts as its column)";
    /// A property that is a list or object.
    LIST_OR_OBJECT = "一个列表或对象" / "a list or object";
    /// What a property may be.
    TEXT_NUMBER_BOOL = "文本、数或 true/false" / "text, a number or true/false";
    /// A position too short.
    SHORT_POSITION = "坐标中有一个只含 {n} 个数的位置" / "a position of {n} number, inside the coordinates";
    /// A geometry dormplan reads.
    GEOJSON_GEOMETRY = "GeoJSON 的 Point [经度, 纬度]、Polygon 或 MultiPolygon（每个位置两个或三个数）"
        / "a GeoJSON Point [lon, lat], Polygon or MultiPolygon (positions of two or three numbers)";
    /// Properties dormplan reads.
    TEXT_OR_NUMBER_PROPERTIES = "文本或数值属性" / "properties of text or numbers";
    /// A value required.
    VALUE_FOR = "{field} 的值" / "a value for {field}";
    /// No geometry.
    NO_GEOMETRY = "没有几何图形" / "no geometry";
    /// A geometry dormplan reads.
    POINT_POLYGON_GEOMETRY = "Point、Polygon 或 MultiPolygon 几何图形"
        / "a Point, Polygon or MultiPolygon geometry";
    /// An invalid polygon, with the validator's words.
    INVALID_POLYGON = "无效的多边形：{why}" / "an invalid polygon: {why}";
    /// geo's words for a ring that crosses itself.
    GEO_SELF_INTERSECTION = "外环自相交" / "exterior ring has a self-intersection";
    /// geo's words for a ring of too few corners.
    GEO_TOO_FEW_POINTS = "外环至少要有 3 个不同的点" / "exterior ring must have at least 3 distinct points";
    /// A key given twice in one GeoJSON object.
    KEY_TWICE = "同一个对象中键 {key} 出现两次" / "the key {key} twice in one object";
    /// A valid polygon.
    VALID_POLYGON = "有效的多边形：每个环至少有三个不同的顶点，环自身不交叉，环与环也不交叉（QGIS：矢量 › 几何工具 › 修复几何图形）"
        / "a valid polygon: rings of at least three distinct corners that do not cross themselves or each other (QGIS: Vector › Geometry Tools › Fix Geometries)";
    /// A geometry type dormplan reads.
    POINT_POLYGON = "Point、Polygon 或 MultiPolygon" / "a Point, Polygon or MultiPolygon";
    /// A boundary feature that is not an area.
    POLYGON_ONLY = "Polygon 或 MultiPolygon（边界图层只接受面）"
        / "a Polygon or MultiPolygon (a boundary layer holds areas only)";
    /// A boundary layer without any area.
    NO_AREA = "没有任何面" / "no area";
    /// What a boundary layer holds.
    BOUNDARY_FEATURES = "至少一个 Polygon 或 MultiPolygon 要素" / "at least one Polygon or MultiPolygon feature";
    /// A site or group outside the boundary layer.
    KM_OUTSIDE = "{what} {id} 在边界外 {km} km（最近的边界点 {lon}, {lat}）"
        / "{what} {id} {km} km outside the boundary (nearest boundary point {lon}, {lat})";
    /// A site, in a message.
    WHAT_SITE = "点位" / "site";
    /// A demand group, in a message.
    WHAT_GROUP = "需求组" / "group";
    /// Inside the boundary layer.
    INSIDE_BOUNDARY = "边界图层 {file} 内的点；请核对坐标及其坐标系（crs）"
        / "a point inside the boundary layer {file}; check the coordinates and their crs";
    /// An empty polygon.
    EMPTY_POLYGON = "一个空多边形" / "an empty polygon";
    /// A polygon with corners.
    THREE_CORNERS = "至少有三个顶点的多边形" / "a polygon with at least three corners";
    /// A unique value.
    UNIQUE_FIRST_AT = "唯一的 {field}（已在{first}使用）" / "a unique {field} (first used at {first})";
    /// A line, in a message.
    LINE_N = "第 {n} 行" / "line {n}";
    /// A feature, in a message.
    FEATURE_N = "第 {n} 个要素" / "feature #{n}";

    // Sites, towns and the allocation settings.
    /// An area rounded to nothing.
    BELOW_TENTH_MILLI_M2 = "小于 0.0001 m²" / "less than 0.0001 m²";
    /// The least area.
    AREA_AT_LEAST = "至少 0.0001 m² 的面积" / "an area of at least 0.0001 m²";
    /// Residential and gross areas.
    RESIDENTIAL_AND_GROSS = "居住面积 {res} m²，建筑面积 {gross} m²"
        / "{res} m² residential, {gross} m² gross";
    /// Residential at most gross.
    RESIDENTIAL_AT_MOST_GROSS = "居住面积（residential_m2）不大于建筑面积（gross_m2）"
        / "residential floor area (居住面积) at most the gross floor area (建筑面积)";
    /// Beds in an area.
    BEDS_IN_AREA = "{area} m² 内有 {beds} 张床位" / "{beds} beds in {area} m²";
    /// The most beds in an area.
    ONE_BED_PER = "每 {per} m² 最多一张床位（{most} 张）" / "at most one bed per {per} m² ({most} beds)";
    /// Years of construction.
    STARTED_COMPLETED = "{started} 年开工，{completed} 年竣工" / "started {started}, completed {completed}";
    /// Started before completed.
    START_NOT_AFTER = "started_year 不晚于 completed_year" / "started_year no later than completed_year";
    /// The source of a conversion.
    CONVERTED_FROM = "改建前建筑的用途：commercial、office、industrial、farm_houses 或其他文字"
        / "what the building was before conversion: commercial, office, industrial, farm_houses or other text";
    /// One safety answer.
    ONE_ANSWER = "只给一个答案：删去 safety_ok，或使两者一致" / "one answer: drop safety_ok, or make it agree";
    /// Far from a town.
    KM_FROM_TOWN = "距 {name}（{code}）中心 {km} km" / "{km} km from the centre of {name} ({code})";
    /// Near its town.
    WITHIN_KM_OF_TOWN = "距所属镇街中心 {km} km 以内的点；请核对镇街和坐标"
        / "a point within {km} km of its town; check the town and the coordinates";
    /// Two towns or more.
    TOWNS_AND = "{a} 和 {b}" / "{a} and {b}";
    /// A reference to several towns.
    NAMES_TOWNS = "{key}，同时指 {towns}" / "{key}, which names {towns}";
    /// One town.
    ONE_TOWN_CODE = "只指一个镇街的写法：请用其代码" / "a reference to one town: use its code";
    /// One town, code or Chinese name.
    ONE_TOWN_CODE_OR_NAME = "只指一个镇街的写法：其代码或中文名"
        / "a reference to one town: its code or Chinese name";
    /// A town from a file without towns.
    TOWN_FROM_EMPTY = "{file} 中的镇街（该文件没有有效的镇街）" / "a town from {file} (which has no valid towns)";
    /// A town from a file.
    TOWN_FROM = "{file} 中的镇街代码、中文名或拼音名（如 {examples}）"
        / "a town code, Chinese or pinyin name from {file} (e.g. {examples})";
    /// A boundary_crs without a boundary.
    CRS_WITHOUT_BOUNDARY = "boundary_crs，但没有 boundary" / "boundary_crs without a boundary";
    /// What boundary_crs needs.
    BOUNDARY_FOR_CRS = "boundary 指明边界图层，或删去 boundary_crs"
        / "boundary naming the boundary layer, or no boundary_crs";
    /// cost_unit seconds without a matrix.
    SECONDS_WITHOUT_MATRIX = "cost_unit = \"seconds\"，但没有 cost_matrix"
        / "cost_unit = \"seconds\" without a cost_matrix";
    /// A matrix for seconds.
    MATRIX_FOR_SECONDS = "同时给出以秒计的出行时间 cost_matrix，或改为 cost_unit = \"metres\"（没有矩阵时，费用是大圆距离，以米计）"
        / "a cost_matrix of travel times in seconds beside it, or cost_unit = \"metres\" (without a matrix, costs are great-circle metres)";
    /// A cutoff in km with seconds.
    WITH_MATRIX_IN_SECONDS = "{key}，而费用矩阵以秒计" / "{key} with a cost matrix in seconds";
    /// The cutoff in seconds.
    CUTOFF_IN_SECONDS = "cutoff_s：一条弧的最长出行时间，以秒计（cutoff_km 限制的是米数）"
        / "cutoff_s: the longest travel time of an arc, in seconds (cutoff_km limits metres)";
    /// A setting in the other unit.
    SETTING_IN_UNIT = "{key} 以{unit}计，而费用以{costs}计（cost_unit = \"{code}\"）"
        / "{key}, in {unit}, while costs are in {costs} (cost_unit = \"{code}\")";
    /// The setting to use instead.
    SETTING_INSTEAD = "{key}（本次运行的所有费用都以{unit}计）" / "{key} (every cost of the run is in {unit})";

    // The cost matrix.
    /// Each pair once.
    EACH_PAIR_ONCE = "每对只出现一次（已在{first}出现）" / "each pair once (first at {first})";
    /// A demand group's id.
    ID_OF_GROUP = "情景数据中某个需求组的 id" / "the id of a demand group in the scenario's data";
    /// A site's id.
    ID_OF_SITE = "情景数据中某个点位的 id" / "the id of a site in the scenario's data";

    // The scenario.
    /// An empty list.
    EMPTY_LIST = "一个空列表" / "an empty list";
    /// Some of a list.
    AT_LEAST_ONE_OF = "以下至少一项：{words}" / "at least one of: {words}";
    /// A variant's name.
    UNIQUE_VARIANT_NAME = "唯一的变体名称（已在第 {first} 行使用）"
        / "a unique variant name (first used on line {first})";
    /// A standard.
    M2_PER_PERSON = "人均 {m2} m²" / "{m2} m² per person";
    /// The policy's range.
    STANDARD_FROM_TO = "人均 {floor} 至 {ceiling} m² 之间的标准"
        / "a standard from {floor} to {ceiling} m² per person";
    /// Two keys for one town.
    BOTH_NAME = "{a} 和 {b} 都指 {town}" / "{a} and {b}, which both name {town}";
    /// An employer whose dormitories could share spare beds.
    DORMITORY_EMPLOYER = "拥有企业宿舍的企业，{names}" / "an employer with an enterprise dormitory, {names}";
    /// No employer has a dormitory.
    NO_DORMITORY_EMPLOYER = "拥有企业宿舍的企业（数据中没有企业宿舍）"
        / "an employer with an enterprise dormitory (the sites have none)";
    /// One minimum per town.
    ONE_MINIMUM_PER_TOWN = "每个镇街只设一个最低值" / "one minimum per town";
    /// Total floor area.
    TOTAL_AREA = "建筑面积合计 {n} m²" / "{n} m² of gross floor area in all";
    /// Most floor area.
    MOST_AREA = "一个情景的数据中建筑面积合计最多 {max} m²"
        / "at most {max} m² of gross floor area in one scenario's data";
    /// Total cost.
    TOTAL_COST = "建设成本合计 {n} 元" / "{n} yuan of construction cost in all";
    /// Most cost.
    MOST_COST = "一个情景的数据中建设成本合计最多 {max} 元"
        / "at most {max} yuan of construction cost in one scenario's data";
    /// Total people.
    TOTAL_PEOPLE = "人数合计 {n} 人" / "{n} people of people in all";
    /// Most people.
    MOST_PEOPLE = "一个情景的数据中人数合计最多 {max} 人"
        / "at most {max} people of people in one scenario's data";
    /// Beds over the floor.
    BEDS_OVER_FLOOR = "点位 {site}：居住面积 {area} m² 内有 {beds} 张床位（人均 {per} m²）"
        / "{beds} beds in {area} m² residential ({per} m² per person), site {site}";
    /// The most beds at the floor.
    BEDS_AT_FLOOR = "按人均 {floor} m² 的下限，最多 {n} 张床位"
        / "at most {n} beds at the floor of {floor} m² per person";

    // TOML settings.
    /// A TOML table.
    TOML_TABLE = "一个表" / "a table";
    /// A TOML array.
    TOML_LIST = "一个列表" / "a list";
    /// A TOML string.
    TOML_TEXT = "文本 {text}" / "text {text}";
    /// A TOML integer.
    TOML_INTEGER = "整数 {n}" / "the integer {n}";
    /// A TOML float.
    TOML_NUMBER = "数 {x}" / "the number {x}";
    /// A TOML date.
    TOML_DATE = "日期 {date}" / "the date {date}";
    /// A TOML file.
    VALID_TOML = "有效的 TOML（见 docs/formats.md）" / "valid TOML (see docs/formats.md)";
    /// Text in quotes.
    TEXT_IN_QUOTES = "带引号的文本" / "text in quotes";
    /// Empty text.
    EMPTY_TEXT = "空文本" / "empty text";
    /// Text with something in it.
    NON_EMPTY_TEXT = "非空文本" / "non-empty text";
    /// A number.
    A_NUMBER = "一个数" / "a number";
    /// true or false.
    TRUE_OR_FALSE = "true 或 false" / "true or false";
    /// A list.
    LIST_LIKE = "一个列表，如 [\"a\", \"b\"]" / "a list such as [\"a\", \"b\"]";
    /// A key.
    KEY = "键 {key}" / "key {key}";
    /// A variant in a variant.
    VARIANT_IN_VARIANT = "变体中又有 [[variant]]" / "[[variant]] inside a variant";
    /// Variants at the top.
    VARIANTS_AT_TOP = "变体只能写在情景文件的顶层" / "variants only at the top level of the scenario";
    /// No variants.
    NO_VARIANTS = "一个变体，但该情景没有 [[variant]] 块（只写文件名即为其基础情景）"
        / "a variant, but the scenario has no [[variant]] blocks (name the file alone for its base)";
    /// One of the variants.
    ONE_OF_VARIANTS = "该情景的变体之一：{names}" / "one of the scenario's variants: {names}";

    // Policies.
    /// A programme's id.
    UNIQUE_PROGRAMME_ID = "唯一的项目类别 id（已在第 {first} 行使用）"
        / "a unique programme id (first used on line {first})";
    /// No programme.
    NO_PROGRAMME_FOUND = "没有 [[programme]]" / "no [[programme]]";
    /// A programme for subsidy.
    PROGRAMME_FOR_SUBSIDY = "至少一个 [[programme]]，供 `dormplan subsidy` 使用（无论有无，都采用该政策的标准）"
        / "at least one [[programme]] for `dormplan subsidy` (the policy's standard is used either way)";
    /// A standard's range.
    M2_PER_PERSON_RANGE = "人均 0.01 至 1,000 m²" / "m² per person from 0.01 to 1,000";
    /// A range upside down.
    MIN_ABOVE_MAX = "下限 {min} m² 高于上限 {max} m²" / "min {min} m² above max {max} m²";
    /// A range the right way up.
    MIN_AT_MOST_MAX = "min_m2_per_person 不大于 max_m2_per_person"
        / "min_m2_per_person at most max_m2_per_person";
    /// A window.
    FROM_TO = "从 {from} 到 {to}" / "from {from} to {to}";
    /// A window the right way round.
    WINDOW_FROM_TO = "`from` 不晚于 `to` 的时间窗" / "a window whose `from` is not after its `to`";
    /// No rates.
    NO_RATES = "没有补贴标准" / "no rates";
    /// A rate.
    RATE_TABLE = "至少一个 [programme.rates.<kind>] 表" / "at least one [programme.rates.<kind>] table";
    /// A share.
    SHARE_RANGE = "0.0001（dormplan 的比例精确到万分之一）至 1 之间的比例，如 30% 写作 0.30"
        / "a share from 0.0001 (dormplan keeps shares to 1/10,000) to 1, e.g. 0.30 for 30%";

    // Output folders.
    /// A file there already.
    THERE_ALREADY = "{name}，已存在" / "{name}, which is there already";
    /// A folder for new files.
    FOLDER_WITHOUT_FILES = "一个没有这些待写文件的文件夹（换一个文件夹，或移走该文件）"
        / "a folder without the files to be written (another folder, or move the file)";
    /// Not an output.
    NOT_AN_OUTPUT = "{name} 是文件夹或特殊文件，不是输出文件"
        / "{name} is a folder or a special file, not an output";
    /// Where an output goes.
    WHERE_OUTPUT_GOES = "输出文件的位置上没有文件，或只有此前运行写出的文件（-o 换一个文件夹，或将其移走）"
        / "nothing, or an earlier run's file, where an output goes (-o another folder, or move it)";
    /// An output over an input.
    WOULD_REPLACE_INPUT = "{name} 会覆盖本次运行的一个输入文件" / "{name} would replace an input of this run";
    /// A folder without inputs.
    FOLDER_WITHOUT_INPUTS = "不含该情景任何输入文件的输出文件夹（-o 换一个文件夹）"
        / "an output folder that holds none of the scenario's inputs (-o another folder)";
    /// A file not written by dormplan.
    NOT_WRITTEN_BY_DORMPLAN = "{name}，不是此前的 dormplan 运行写入的"
        / "{name}, which no earlier dormplan run wrote there";
    /// A folder of earlier outputs.
    EMPTY_OR_EARLIER_OUTPUTS = "空文件夹，或只有此前运行的输出文件的文件夹（-o 换一个文件夹，或移走该文件）"
        / "an empty folder, or one holding only an earlier run's outputs (-o another folder, or move the file)";
    /// The output folder is an input.
    OUT_IS_INPUT = "-o {dir}，是本次运行的一个输入文件" / "-o {dir}, an input of this run";
    /// An output folder.
    OUTPUT_FOLDER_EG = "一个输出文件夹（-o 后写文件夹名，如 -o out）"
        / "an output folder (-o a folder's name, e.g. -o out)";
    /// The output folder is a file.
    FILE_NOT_FOLDER = "{dir}，是文件，不是文件夹" / "{dir}, a file, not a folder";
    /// An output folder, or move the file.
    OUTPUT_FOLDER_OR_MOVE = "一个输出文件夹（-o 后写文件夹名，或移走该文件）"
        / "an output folder (-o a folder's name, or move the file)";

    // Commands.
    /// A policy for subsidy.
    POLICY_FOR_SUBSIDY = "一个提供补贴规则的政策文件，如在 [data] 下写 policy = \"../data/policy/ningbo-rental-pilot.toml\""
        / "a policy file to take the subsidy rules from, e.g. policy = \"../data/policy/ningbo-rental-pilot.toml\" under [data]";
    /// A policy without programmes.
    POLICY_WITHOUT_PROGRAMME = "政策 {name} 没有项目类别" / "policy {name} with no programme";
    /// A programme in the policy file.
    PROGRAMME_IN_POLICY = "政策文件中至少一个 [[programme]]" / "at least one [[programme]] in the policy file";
    /// One of the programmes.
    ONE_OF_PROGRAMMES = "该政策的项目类别之一：{ids}" / "one of the policy's programmes: {ids}";
    /// A town of the scenario.
    TOWN_OF_SCENARIO = "情景中 {n} 个镇街之一的代码、中文名或拼音名"
        / "the code, Chinese name or pinyin name of one of the scenario's {n} towns";
    /// A town of the scenario, with an example.
    TOWN_OF_SCENARIO_EG = "情景中 {n} 个镇街之一的代码、中文名或拼音名，如 {code}、{zh} 或 {en}"
        / "the code, Chinese name or pinyin name of one of the scenario's {n} towns, e.g. {code} or {zh} or {en}";
    /// A time for run.json.
    EPOCH_SECONDS = "自 1970-01-01 UTC 起的整秒数（如 1700000000），或不设该变量"
        / "whole seconds since 1970-01-01 UTC (e.g. 1700000000), or the variable unset";
}

/// An error of the operating system in the reader's language when its words are known (those
/// of Linux), else as the system gives it.
pub fn os_error(e: &std::io::Error) -> super::Said {
    super::Said::known(
        e.to_string(),
        &[
            OS_NOT_FOUND,
            OS_PERMISSION_DENIED,
            OS_SYMLINK_LOOP,
            OS_IS_A_DIRECTORY,
        ],
    )
}

/// Names joined as `a and b and c` (`a 和 b 和 c`).
pub fn and_names(names: impl IntoIterator<Item = String>) -> super::Said {
    let names: Vec<String> = names.into_iter().collect();
    let mut rest = names.into_iter().rev();
    let last = super::Said::from(rest.next().unwrap_or_default());
    rest.fold(last, |tail, name| {
        TOWNS_AND.with_said(vec![("a", name.into()), ("b", tail)])
    })
}
