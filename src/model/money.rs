//! Exact money in fen (分, 0.01 yuan).

use std::fmt;

/// An amount of money in fen (1 yuan = 100 fen). Sums of fen are exact; nothing in dormplan
/// accumulates money in floating point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Fen(pub i64);

impl Fen {
    /// Zero.
    pub const ZERO: Fen = Fen(0);

    /// An amount from yuan, rounded to the nearest fen. `None` when not finite or beyond
    /// ±10^15 yuan.
    pub fn from_yuan(yuan: f64) -> Option<Fen> {
        if !yuan.is_finite() || yuan.abs() > 1e15 {
            return None;
        }
        Some(Fen((yuan * 100.0).round() as i64))
    }

    /// Yuan with two decimals and thousands separators, for people: `1,234,567.80`.
    pub fn grouped(self) -> String {
        crate::numbers::fixed(self.0, 2, true)
    }

    /// Whole yuan with thousands separators, fen dropped toward zero: `53,467,516`.
    pub fn whole_yuan_grouped(self) -> String {
        crate::numbers::grouped(self.0 / 100)
    }

    /// Whole yuan (truncated toward zero) — for display only.
    pub fn yuan(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

impl std::ops::Add for Fen {
    type Output = Fen;
    fn add(self, rhs: Fen) -> Fen {
        Fen(self.0 + rhs.0)
    }
}

impl std::ops::Sub for Fen {
    type Output = Fen;
    fn sub(self, rhs: Fen) -> Fen {
        Fen(self.0 - rhs.0)
    }
}

impl std::ops::AddAssign for Fen {
    fn add_assign(&mut self, rhs: Fen) {
        self.0 += rhs.0;
    }
}

impl std::iter::Sum for Fen {
    fn sum<I: Iterator<Item = Fen>>(iter: I) -> Fen {
        Fen(iter.map(|a| a.0).sum())
    }
}

impl fmt::Display for Fen {
    /// Yuan with two decimals, e.g. `1234.50`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", a / 100, a % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_yuan_with_fen() {
        assert_eq!(Fen(123450).to_string(), "1234.50");
        assert_eq!(Fen(-5).to_string(), "-0.05");
        assert_eq!(Fen::from_yuan(0.1 + 0.2), Some(Fen(30)));
    }
}
