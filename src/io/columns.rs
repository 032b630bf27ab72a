//! What the columns of dormplan's tables hold, by name and content: the one rule that the
//! workbook's number formats and `--json`'s types follow.

/// A column that names something (`code`, `site`, `town_id`…): its values are text even when
/// they are digits.
pub fn is_identifier(column: &str) -> bool {
    let name = column.trim().to_lowercase();
    [
        "code",
        "town",
        "site",
        "group",
        "id",
        "programme",
        "variant",
        "scenario",
    ]
    .contains(&name.as_str())
        || ["_code", "_id", "_town"].iter().any(|s| name.ends_with(s))
}

/// `-12`, `3.50`: digits with an optional sign and decimal point, nothing else (no exponent,
/// no `inf`, no thousands separator).
pub fn is_plain_decimal(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, decimals) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    !whole.is_empty()
        && all_digits(whole)
        && all_digits(decimals)
        && decimals.is_empty() != digits.contains('.')
        && whole.len() <= 15
}

/// A column of money (`…yuan…`): written as exact decimal text wherever a number could lose a
/// fen.
pub fn is_money(column: &str) -> bool {
    column.to_lowercase().contains("yuan")
}
