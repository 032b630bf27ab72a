//! Exact floor areas, usable ratios and per-person standards.
//!
//! Areas are kept as integer ten-thousandths of a square metre and ratios as integer parts per
//! ten thousand, so that capacity (⌊residential m² / standard⌋) is computed in integers and never
//! depends on how 0.9 × 80 happens to round in binary floating point, and a gross area × a
//! usable ratio, or an area surveyed to the millimetre (1,234.567 m²), is held exactly.

use std::fmt;

/// A floor area in ten-thousandths of a square metre (0.0001 m²). Never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Area(i64);

impl Area {
    /// The zero area.
    pub const ZERO: Area = Area(0);

    /// Units of [`Area`] in one square metre.
    pub const UNITS_PER_M2: i64 = 10_000;

    /// An area from square metres, rounded to the nearest 0.0001 m². `None` for values that are
    /// not finite, negative, or above 10^12 m² (nothing real is that big). The readers do not
    /// use this: they keep the digits as written ([`Area::from_units`]).
    pub fn from_m2(m2: f64) -> Option<Area> {
        if !m2.is_finite() || !(0.0..=1e12).contains(&m2) {
            return None;
        }
        Some(Area((m2 * Self::UNITS_PER_M2 as f64).round() as i64))
    }

    /// An area from a whole number of hundredths of a square metre.
    pub const fn from_centi_m2(centi: i64) -> Area {
        Area(centi * 100)
    }

    /// An area from a whole number of ten-thousandths of a square metre.
    pub const fn from_units(units: i64) -> Area {
        Area(units)
    }

    /// The area in ten-thousandths of a square metre.
    pub const fn units(self) -> i64 {
        self.0
    }

    /// Whole m², rounded half up (for tables): 1,259,999.5 m² → 1,260,000.
    pub fn whole_m2(self) -> u64 {
        ((self.0 + Self::UNITS_PER_M2 / 2) / Self::UNITS_PER_M2).max(0) as u64
    }

    /// The area in square metres (for display and distances; not for capacity arithmetic).
    pub fn m2(self) -> f64 {
        self.0 as f64 / Self::UNITS_PER_M2 as f64
    }

    /// This area scaled by a ratio, rounded down to the 0.0001 m².
    pub fn scaled(self, ratio: Ratio) -> Area {
        Area((self.0 as i128 * ratio.0 as i128 / Ratio::ONE.0 as i128) as i64)
    }

    /// Whole persons that fit in this area at `standard` m² per person: ⌊area / standard⌋.
    pub fn persons_at(self, standard: Standard) -> u64 {
        (self.0 / standard.0.0) as u64
    }

    /// Area per person for `persons` people (`None` when there are none).
    pub fn per_person(self, persons: u64) -> Option<f64> {
        (persons > 0).then(|| self.m2() / persons as f64)
    }
}

impl std::ops::Add for Area {
    type Output = Area;
    fn add(self, rhs: Area) -> Area {
        Area(self.0 + rhs.0)
    }
}

impl std::ops::AddAssign for Area {
    fn add_assign(&mut self, rhs: Area) {
        self.0 += rhs.0;
    }
}

impl std::iter::Sum for Area {
    fn sum<I: Iterator<Item = Area>>(iter: I) -> Area {
        Area(iter.map(|a| a.0).sum())
    }
}

impl fmt::Display for Area {
    /// m² with two decimals, more when the area has them: `6381.00`, `1234.567`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, frac) = (self.0 / Self::UNITS_PER_M2, self.0 % Self::UNITS_PER_M2);
        let mut digits = format!("{frac:04}");
        while digits.len() > 2 && digits.ends_with('0') {
            digits.pop();
        }
        write!(f, "{whole}.{digits}")
    }
}

/// A ratio in parts per ten thousand (0.8333 = 8333), between 0 and 1 inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ratio(i64);

impl Ratio {
    /// The ratio 1.
    pub const ONE: Ratio = Ratio(10_000);

    /// A ratio from a fraction in (0, 1], rounded to 1/10,000. `None` outside that range.
    pub fn from_fraction(x: f64) -> Option<Ratio> {
        if !x.is_finite() || x <= 0.0 || x > 1.0 {
            return None;
        }
        let r = (x * 10_000.0).round() as i64;
        (r > 0).then_some(Ratio(r))
    }

    /// A ratio from parts per ten thousand, in (0, 10,000]. `None` outside that range.
    pub const fn from_per_ten_thousand(parts: i64) -> Option<Ratio> {
        if parts > 0 && parts <= 10_000 {
            Some(Ratio(parts))
        } else {
            None
        }
    }

    /// The ratio as a fraction.
    pub fn fraction(self) -> f64 {
        self.0 as f64 / 10_000.0
    }

    /// Parts per ten thousand.
    pub const fn per_ten_thousand(self) -> i64 {
        self.0
    }
}

/// A floor-area standard in m² of residential floor area per person (e.g. 8.00), exact to
/// 0.01 m². Always positive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Standard(Area);

impl Standard {
    /// A standard from m² per person, rounded to the nearest 0.01 m². `None` unless
    /// 0.01 ≤ m2 ≤ 1000.
    pub fn from_m2(m2: f64) -> Option<Standard> {
        if !m2.is_finite() || !(0.01..=1000.0).contains(&m2) {
            return None;
        }
        let centi = (m2 * 100.0).round() as i64;
        (centi > 0).then(|| Standard(Area::from_centi_m2(centi)))
    }

    /// The standard as an area per person.
    pub const fn area(self) -> Area {
        self.0
    }

    /// m² per person.
    pub fn m2(self) -> f64 {
        self.0.m2()
    }
}

impl fmt::Display for Standard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // 8.00 → "8", 9.60 → "9.6", 9.25 → "9.25"
        let c = self.0.0 / 100;
        if c % 100 == 0 {
            write!(f, "{}", c / 100)
        } else if c % 10 == 0 {
            write!(f, "{}.{}", c / 100, (c % 100) / 10)
        } else {
            write!(f, "{}.{:02}", c / 100, c % 100)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacity_is_exact_where_floats_are_not() {
        // 80 × 0.9 is 72.00000000000001 in f64; the integer path gives exactly 72 m² → 9 at 8 m².
        let a = Area::from_m2(80.0)
            .unwrap()
            .scaled(Ratio::from_fraction(0.9).unwrap());
        assert_eq!(a, Area::from_m2(72.0).unwrap());
        assert_eq!(a.persons_at(Standard::from_m2(8.0).unwrap()), 9);
    }

    #[test]
    fn rejects_nonsense() {
        assert!(Area::from_m2(f64::NAN).is_none());
        assert!(Area::from_m2(-1.0).is_none());
        assert!(Ratio::from_fraction(0.0).is_none());
        assert!(Ratio::from_fraction(1.01).is_none());
        assert!(Standard::from_m2(0.0).is_none());
    }

    #[test]
    fn areas_display_with_the_decimals_they_have() {
        assert_eq!(Area::from_centi_m2(638_100).to_string(), "6381.00");
        assert_eq!(Area::from_units(12_345_670).to_string(), "1234.567");
        assert_eq!(Area::from_units(5).to_string(), "0.0005");
        assert_eq!(Area::from_units(12_345_670).whole_m2(), 1235);
    }

    #[test]
    fn standard_displays_compactly() {
        assert_eq!(Standard::from_m2(8.0).unwrap().to_string(), "8");
        assert_eq!(Standard::from_m2(9.6).unwrap().to_string(), "9.6");
        assert_eq!(Standard::from_m2(9.25).unwrap().to_string(), "9.25");
    }
}
