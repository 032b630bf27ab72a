//! How dormplan writes whole and fixed-point numbers for people: the one set of number
//! formatters that every report, message and table uses.
//!
//! Everything here is exact integer arithmetic: a figure held in a base unit (people, metres,
//! fen, tenths of a percent) is written with a fixed number of decimals without passing through
//! floating point, so the same figure is written the same way everywhere. Ids that hold
//! numbers are ordered the way people count ([`natural_cmp`](crate::numbers::natural_cmp): H2 before H11).

/// A whole number with thousands separators: 131200 → "131,200".
pub fn int(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A signed whole number with thousands separators: -1234 → "-1,234".
pub fn grouped(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", int(n.unsigned_abs()))
}

/// A wide signed whole number (objectives are `i128`): grouped while it fits `i64`, plain
/// digits beyond.
pub fn grouped_wide(n: i128) -> String {
    i64::try_from(n).map_or_else(|_| n.to_string(), grouped)
}

/// A difference: "+1,234" when positive, "-5", "0".
pub fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{}", grouped(n))
    } else {
        grouped(n)
    }
}

/// `v / 10^places` written exactly with `places` decimals, with thousands separators in the
/// whole part when `thousands` is set: `fixed(-123456789, 2, true)` → "-1,234,567.89".
pub fn fixed(v: i64, places: u32, thousands: bool) -> String {
    let scale = 10u64.pow(places);
    let sign = if v < 0 { "-" } else { "" };
    let a = v.unsigned_abs();
    let whole = a / scale;
    let whole = if thousands {
        int(whole)
    } else {
        whole.to_string()
    };
    if places == 0 {
        return format!("{sign}{whole}");
    }
    let places = places as usize;
    format!("{sign}{whole}.{:0places$}", a % scale)
}

/// `v / d` rounded half away from zero.
pub fn round_div(v: i64, d: i64) -> i64 {
    let half = d / 2;
    if v >= 0 {
        v.saturating_add(half) / d
    } else {
        v.saturating_sub(half) / d
    }
}

/// `part` as a percentage of `whole` with one decimal, or "—" when `whole` is zero.
pub fn percent(part: u64, whole: u64) -> String {
    match percent_tenths(part, whole) {
        Some(t) => format!("{}%", fixed(t as i64, 1, false)),
        None => "—".to_string(),
    }
}

/// `part / whole` in tenths of a percent, rounded half up; `None` when `whole` is zero.
pub fn percent_tenths(part: u64, whole: u64) -> Option<u64> {
    (whole > 0).then(|| (u128::from(part) * 2000 / u128::from(whole)).div_ceil(2) as u64)
}

/// Orders ids the way people count: runs of ASCII digits compare as numbers (H2 < H11 < H100),
/// everything else character by character; ties (H02 and H2) fall back to the plain text
/// order, so the order is total and the same on every machine.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        if x[i].is_ascii_digit() && y[j].is_ascii_digit() {
            let run = |s: &[u8], mut k: usize| {
                let start = k;
                while k < s.len() && s[k].is_ascii_digit() {
                    k += 1;
                }
                (start, k)
            };
            let ((si, ei), (sj, ej)) = (run(x, i), run(y, j));
            fn trim(s: &[u8], mut a: usize, e: usize) -> &[u8] {
                while a + 1 < e && s[a] == b'0' {
                    a += 1;
                }
                &s[a..e]
            }
            let (dx, dy) = (trim(x, si, ei), trim(y, sj, ej));
            let by_value = dx.len().cmp(&dy.len()).then_with(|| dx.cmp(dy));
            if by_value != Ordering::Equal {
                return by_value;
            }
            (i, j) = (ei, ej);
        } else {
            // Compare whole characters, not bytes, so that Chinese ids order by code point.
            let cx = a[i..].chars().next().unwrap_or_default();
            let cy = b[j..].chars().next().unwrap_or_default();
            if cx != cy {
                return cx.cmp(&cy);
            }
            (i, j) = (i + cx.len_utf8(), j + cy.len_utf8());
        }
    }
    (x.len() - i).cmp(&(y.len() - j)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_the_way_people_count() {
        let mut ids = vec![
            "H11", "H2", "H1", "RC0010", "RC0009", "H100", "h3", "甲2", "甲10", "H02",
        ];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            ids,
            [
                "H1", "H02", "H2", "H11", "H100", "RC0009", "RC0010", "h3", "甲2", "甲10"
            ]
        );
        assert_eq!(natural_cmp("A", "A"), std::cmp::Ordering::Equal);
        assert_eq!(natural_cmp("A1B", "A1"), std::cmp::Ordering::Greater);
    }

    #[test]
    fn formats_numbers_for_people() {
        assert_eq!(int(131_200), "131,200");
        assert_eq!(int(999), "999");
        assert_eq!(grouped(-1_260_000), "-1,260,000");
        assert_eq!(
            grouped_wide(i128::from(i64::MAX) + 1),
            "9223372036854775808"
        );
        assert_eq!(signed(1234), "+1,234");
        assert_eq!(signed(-5), "-5");
        assert_eq!(signed(0), "0");
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(percent(2, 3), "66.7%");
        assert_eq!(percent(5, 0), "—");
    }

    #[test]
    fn fixed_point_is_exact() {
        assert_eq!(fixed(3215, 3, false), "3.215");
        assert_eq!(fixed(-5, 2, false), "-0.05");
        assert_eq!(fixed(-123_456_789, 2, true), "-1,234,567.89");
        assert_eq!(fixed(995, 1, false), "99.5");
        assert_eq!(fixed(42, 0, true), "42");
        assert_eq!(round_div(3215, 10), 322);
        assert_eq!(round_div(-3215, 10), -322);
        assert_eq!(round_div(4, 10), 0);
    }
}
