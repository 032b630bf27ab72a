//! Checks on single values, shared by every reader (CSV cells, GeoJSON properties, TOML
//! settings), so that "negative", "absurd" and "not a whole number" mean the same everywhere.

use crate::catalogue::{Said, problems as say};
use crate::diag::Code;

/// The plausible ranges documented in `docs/formats.md`. Values beyond them are typos
/// (an extra zero, cm² for m²) far more often than real.
pub(crate) mod bounds {
    /// Largest gross or residential floor area of one site, m².
    pub const AREA_M2: f64 = 1_000_000.0;
    /// Most people in one demand group, and most declared beds in one site.
    pub const PEOPLE: u64 = 100_000;
    /// Least floor area per declared bed, m²: more beds than one per 2 m² is a typo.
    pub const M2_PER_BED_MIN: f64 = 2.0;
    /// Largest construction cost of one site, yuan (10 billion).
    pub const COST_YUAN: f64 = 1e10;
    /// Largest monthly rent per bed, yuan.
    pub const RENT_YUAN_MONTH: f64 = 100_000.0;
    /// Highest priority (residence-permit points).
    pub const PRIORITY: u64 = 1_000_000;
    /// Longest commute limit, km.
    pub const COMMUTE_KM: f64 = 1_000.0;
    /// First and last plausible year.
    pub const YEARS: std::ops::RangeInclusive<i64> = 1950..=2100;
    /// Largest cost-matrix entry (metres or seconds).
    pub const MATRIX_COST: u64 = 1_000_000_000;
    /// Largest budget or pool, yuan (one trillion).
    pub const BUDGET_YUAN: f64 = 1e12;
    /// Highest subsidy rate, yuan per m².
    pub const RATE_YUAN_PER_M2: f64 = 100_000.0;
    /// Sites and groups farther than this from their town's centroid are reported, km.
    pub const FAR_FROM_TOWN_KM: f64 = 25.0;
}

/// What a number must be, besides finite.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Sign {
    /// Greater than zero.
    Positive,
    /// Zero or more.
    NonNegative,
}

/// Why a value was rejected: the code and what was expected.
pub(crate) type Rejection = (Code, Said);

/// Parses text as a finite number. Thousands separators and units are not accepted: they
/// hide typos and depend on locale.
pub(crate) fn parse_number(text: &str) -> Result<f64, Rejection> {
    let t = text.trim();
    match t.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        Ok(_) => Err((Code::NOT_FINITE, say::FINITE_NUMBER.into())),
        Err(_) => Err((Code::NOT_A_NUMBER, say::PLAIN_NUMBER.into())),
    }
}

/// A non-negative number as a whole count of `10^-places` units, exactly as written and
/// rounded **down** (toward zero), with whether any non-zero digit was dropped.
///
/// `text` is the cell as written (`1234.567`) and `x` the number it was parsed to; when the text
/// is not a plain decimal (an exponent, a sign), the shortest decimal that reads back as `x` is
/// used instead. Rounding down means that an area or a cost given with more precision than
/// dormplan keeps can never raise a subsidy cap: 1,234.567 m² is kept as 1,234.56 m².
pub(crate) fn decimal_down(text: &str, x: f64, places: u32) -> (i64, bool) {
    let t = text.trim();
    let plain = !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.chars().filter(|&c| c == '.').count() <= 1;
    let shortest;
    let digits = if plain {
        t
    } else {
        shortest = format!("{}", x.abs());
        shortest.as_str()
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut units: i64 = 0;
    for c in whole.bytes() {
        units = units.saturating_mul(10).saturating_add(i64::from(c - b'0'));
    }
    let frac = frac.as_bytes();
    for i in 0..places as usize {
        let d = frac.get(i).map_or(0, |&c| i64::from(c - b'0'));
        units = units.saturating_mul(10).saturating_add(d);
    }
    let dropped = frac.iter().skip(places as usize).any(|&c| c != b'0');
    (units, dropped)
}

/// The most bytes a cell or a text setting may hold: far above any id, name or number, far
/// below what would make reading slow or a message unreadable.
pub(crate) const MAX_TEXT_BYTES: usize = 10_000;

/// Why `text` is not printable text on one line of at most [`MAX_TEXT_BYTES`] (a NUL, a tab, a
/// line break, an escape that would recolour a terminal…): what was found, with the
/// character's position and code and never a huge value whole, and what was expected.
pub(crate) fn bad_text(text: &str) -> Option<(Said, Said)> {
    if text.len() > MAX_TEXT_BYTES {
        let head: String = text.chars().take(40).collect();
        return Some((
            say::BYTES_BEGINNING.with(&[("len", &text.len()), ("head", &format!("{head:?}"))]),
            say::AT_MOST_BYTES_VALUE.into(),
        ));
    }
    let (i, c) = text.char_indices().find(|(_, c)| c.is_control())?;
    Some((
        say::CONTROL_CHARACTER.with(&[
            ("char", &format!("U+{:04X}", u32::from(c))),
            ("at", &i),
            ("text", &format!("{text:?}")),
        ]),
        say::PRINTABLE_TEXT.into(),
    ))
}

/// What an `EXTRA_DECIMALS` warning expects: the number of decimals dormplan keeps and the
/// value it kept (`units` of `10^-places`). Rounding down never counts more floor area, money
/// or share than the input gives, so no cap or standard is exceeded by rounding.
pub(crate) fn kept_decimals(units: i64, places: u32) -> Said {
    let kept = crate::numbers::fixed(units, places, false);
    say::KEPT_DECIMALS.with(&[("places", &places), ("kept", &kept)])
}

/// Checks a number's sign and upper bound.
pub(crate) fn check_number(x: f64, sign: Sign, max: f64) -> Result<f64, Rejection> {
    if !x.is_finite() {
        return Err((Code::NOT_FINITE, say::FINITE_NUMBER.into()));
    }
    match sign {
        Sign::Positive if x <= 0.0 => {
            return Err((Code::NOT_POSITIVE, say::ABOVE_ZERO.into()));
        }
        Sign::NonNegative if x < 0.0 => {
            return Err((Code::NEGATIVE, say::ZERO_OR_MORE.into()));
        }
        _ => {}
    }
    if x > max {
        return Err((
            Code::ABSURD_VALUE,
            say::AT_MOST.with(&[("max", &fmt_bound(max))]),
        ));
    }
    Ok(x)
}

/// Checks that a number is whole and within `sign` and `max`.
pub(crate) fn check_whole(x: f64, sign: Sign, max: u64) -> Result<u64, Rejection> {
    if x.is_finite() && x.fract() != 0.0 {
        return Err((Code::NOT_WHOLE_NUMBER, say::WHOLE_NUMBER.into()));
    }
    check_number(x, sign, max as f64).map(|x| x as u64)
}

/// Checks a number's sign, then rounds it to the nearest whole number, half away from zero
/// (2.5 → 3), and checks the bound: a routing engine's costs are fractions, kept whole.
pub(crate) fn check_rounded(x: f64, sign: Sign, max: u64) -> Result<u64, Rejection> {
    check_number(x, sign, f64::INFINITY)?;
    check_number(x.round(), sign, max as f64).map(|x| x as u64)
}

/// Checks a year against [`bounds::YEARS`].
pub(crate) fn check_year(x: f64) -> Result<i32, Rejection> {
    if x.is_finite() && x.fract() != 0.0 {
        return Err((Code::NOT_WHOLE_NUMBER, say::YEAR_LIKE.into()));
    }
    let (lo, hi) = (*bounds::YEARS.start(), *bounds::YEARS.end());
    if !x.is_finite() || x < lo as f64 || x > hi as f64 {
        return Err((
            Code::YEAR_OUT_OF_RANGE,
            say::YEAR_FROM_TO.with(&[("from", &lo), ("to", &hi)]),
        ));
    }
    Ok(x as i32)
}

/// Parses a yes/no value: true/false, yes/no, y/n, 1/0, 是/否 (case-insensitive).
pub(crate) fn parse_bool(text: &str) -> Result<bool, Rejection> {
    match text.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "是" => Ok(true),
        "false" | "no" | "n" | "0" | "否" => Ok(false),
        _ => Err((
            Code::UNKNOWN_VALUE,
            say::ONE_OF_BOOL.with_said(vec![(
                "words",
                Said::names(["true", "false", "yes", "no", "1", "0", "是", "否"]),
            )]),
        )),
    }
}

/// "one of: a, b, c".
pub(crate) fn one_of<'a>(words: impl IntoIterator<Item = &'a str>) -> Said {
    say::ONE_OF.with_said(vec![("words", Said::names(words))])
}

/// A bound as people write it: 1000000 → "1,000,000"; 0.5 stays "0.5".
pub(crate) fn fmt_bound(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        crate::numbers::grouped(x as i64)
    } else {
        x.to_string()
    }
}

/// Longitude/latitude in range, with a hint when the two look swapped.
pub(crate) fn check_lonlat(lon: f64, lat: f64) -> Result<(f64, f64), Rejection> {
    if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) {
        return Ok((lon, lat));
    }
    let swapped = (-90.0..=90.0).contains(&lon) && (-180.0..=180.0).contains(&lat);
    let expected = if swapped {
        say::LONLAT_RANGE_SWAPPED
    } else {
        say::LONLAT_RANGE
    };
    Err((Code::COORD_OUT_OF_RANGE, expected.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_checked_for_sign_size_and_wholeness() {
        assert_eq!(parse_number(" 12.5 ").unwrap(), 12.5);
        assert_eq!(parse_number("1,200").unwrap_err().0, Code::NOT_A_NUMBER);
        assert_eq!(parse_number("NaN").unwrap_err().0, Code::NOT_FINITE);
        assert_eq!(
            check_number(0.0, Sign::Positive, 10.0).unwrap_err().0,
            Code::NOT_POSITIVE
        );
        assert_eq!(
            check_number(-1.0, Sign::NonNegative, 10.0).unwrap_err().0,
            Code::NEGATIVE
        );
        assert_eq!(
            check_number(11.0, Sign::NonNegative, 10.0).unwrap_err().0,
            Code::ABSURD_VALUE
        );
        assert_eq!(
            check_whole(2.5, Sign::NonNegative, 10).unwrap_err().0,
            Code::NOT_WHOLE_NUMBER
        );
        assert_eq!(check_whole(3.0, Sign::Positive, 10).unwrap(), 3);
        assert_eq!(check_year(1949.0).unwrap_err().0, Code::YEAR_OUT_OF_RANGE);
        assert_eq!(check_year(2021.0).unwrap(), 2021);
    }

    #[test]
    fn matrix_costs_are_rounded_half_away_from_zero_after_their_sign_is_checked() {
        let rounded = [(2.5, Ok(3)), (2.4999, Ok(2)), (10.4, Ok(10))];
        let refused = [
            (10.5, Code::ABSURD_VALUE),
            (-0.4, Code::NEGATIVE),
            (f64::NAN, Code::NOT_FINITE),
        ];
        let refused = refused.map(|(x, code)| (x, Err(code)));
        for (x, want) in rounded.into_iter().chain(refused) {
            let got = check_rounded(x, Sign::NonNegative, 10).map_err(|(code, _)| code);
            assert_eq!(got, want, "{x}");
        }
    }

    #[test]
    fn decimals_are_kept_exactly_and_rounded_down() {
        assert_eq!(decimal_down("1234.567", 1234.567, 2), (123_456, true));
        assert_eq!(decimal_down("1234.5", 1234.5, 2), (123_450, false));
        assert_eq!(
            decimal_down("1000000.095", 1_000_000.095, 2),
            (100_000_009, true)
        );
        assert_eq!(decimal_down(" 0.29 ", 0.29, 2), (29, false));
        assert_eq!(decimal_down("12.3400", 12.34, 2), (1234, false));
        assert_eq!(decimal_down("800", 800.0, 2), (80_000, false));
        assert_eq!(decimal_down("1.2345e3", 1234.5, 2), (123_450, false));
        assert_eq!(decimal_down("0.33335", 0.33335, 4), (3333, true));
        assert_eq!(decimal_down(".5", 0.5, 2), (50, false));
    }

    #[test]
    fn booleans_accept_chinese_and_english() {
        assert!(parse_bool("是").unwrap());
        assert!(!parse_bool("No").unwrap());
        assert_eq!(parse_bool("maybe").unwrap_err().0, Code::UNKNOWN_VALUE);
    }

    #[test]
    fn swapped_coordinates_get_a_hint() {
        let (code, expected) = check_lonlat(30.2, 121.2).unwrap_err();
        assert_eq!(code, Code::COORD_OUT_OF_RANGE);
        assert!(expected.to_string().contains("swapped"), "{expected}");
        assert!(check_lonlat(121.2, 30.2).is_ok());
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(fmt_bound(0.5), "0.5");
    }
}
