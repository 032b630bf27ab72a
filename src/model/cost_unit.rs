//! What allocation costs are counted in, and the words every output uses for it.

use crate::catalogue::{Lang, words};
use crate::numbers::{fixed, round_div};

/// The unit of allocation costs (`[allocation] cost_unit`): of the arcs, the unhoused penalty,
/// the objective and the shadow prices.
///
/// Great-circle commutes are metres; a cost matrix from a routing engine is in metres (road
/// distance) or seconds (travel time). Every label a person reads about costs takes its words
/// from here, so that a run on travel times never speaks of metres.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum CostUnit {
    /// Metres of commute: great-circle, or a routing engine's road distance.
    #[default]
    Metres,
    /// Seconds of travel time, from a routing engine's matrix.
    Seconds,
}

impl CostUnit {
    /// Both units, in the order of the setting's documentation.
    pub const ALL: [CostUnit; 2] = [CostUnit::Metres, CostUnit::Seconds];

    /// The setting's value: `metres` or `seconds`.
    pub fn as_str(self) -> &'static str {
        match self {
            CostUnit::Metres => "metres",
            CostUnit::Seconds => "seconds",
        }
    }

    /// The unit's name in `lang`: `metres`, `秒`.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            CostUnit::Metres => words::UNIT_METRES,
            CostUnit::Seconds => words::UNIT_SECONDS,
        }
        .get(lang)
    }

    /// The value of `[allocation] cost_unit` (any case; `meters` too).
    pub fn parse(text: &str) -> Option<CostUnit> {
        match text.trim().to_ascii_lowercase().as_str() {
            "metres" | "meters" => Some(CostUnit::Metres),
            "seconds" => Some(CostUnit::Seconds),
            _ => None,
        }
    }

    /// The symbol of one unit: `m` or `s`.
    pub fn symbol(self) -> &'static str {
        match self {
            CostUnit::Metres => "m",
            CostUnit::Seconds => "s",
        }
    }

    /// What a cost is, in a sentence: `metres of commute`, `seconds of travel time`.
    pub fn words(self, lang: Lang) -> &'static str {
        match self {
            CostUnit::Metres => words::UNIT_METRES_OF_COMMUTE,
            CostUnit::Seconds => words::UNIT_SECONDS_OF_TRAVEL,
        }
        .get(lang)
    }

    /// The suffix of a setting given in this unit: `unhoused_penalty_m`, `cutoff_s`.
    pub fn key_suffix(self) -> &'static str {
        match self {
            CostUnit::Metres => "_m",
            CostUnit::Seconds => "_s",
        }
    }

    /// The larger unit that tables show costs in, and how many base units make one: km
    /// (1,000 m) or minutes (60 s).
    pub fn large(self) -> (&'static str, i64) {
        match self {
            CostUnit::Metres => ("km", 1_000),
            CostUnit::Seconds => ("min", 60),
        }
    }

    /// The larger unit in a sentence: `km of commute`, `minutes of travel time`.
    pub fn large_words(self, lang: Lang) -> &'static str {
        match self {
            CostUnit::Metres => words::UNIT_KM_OF_COMMUTE,
            CostUnit::Seconds => words::UNIT_MINUTES_OF_TRAVEL,
        }
        .get(lang)
    }

    /// The name of a column of costs in this unit, from its name in a run on metres (which
    /// outputs have always used): `cost` stays `cost`, or becomes `cost_s`; a column in km
    /// (`shadow_price_km`) becomes one in minutes (`shadow_price_min`).
    pub fn column(self, metres_name: &str) -> String {
        match self {
            CostUnit::Metres => metres_name.to_string(),
            CostUnit::Seconds => match metres_name.strip_suffix("_km") {
                Some(stem) => format!("{stem}_min"),
                None => format!("{metres_name}_s"),
            },
        }
    }

    /// A cost with its symbol, as settings are written: `3600 s`.
    pub fn show(self, cost: i64) -> String {
        format!("{cost} {}", self.symbol())
    }

    /// A shadow price (or any cost) in the larger unit, as every output shows shadow prices:
    /// km with 3 decimals (exact), or minutes with 2 (rounded half away from zero); with
    /// thousands separators when `thousands` is set.
    pub fn show_price(self, cost: i64, thousands: bool) -> String {
        match self {
            CostUnit::Metres => fixed(cost, 3, thousands),
            CostUnit::Seconds => fixed(round_div(cost.saturating_mul(100), 60), 2, thousands),
        }
    }

    /// A cost in the larger unit with its symbol and no needless zeros, for sentences:
    /// `100 km`, `2.5 km`, `60 min`.
    pub fn show_large(self, cost: i64) -> String {
        let text = self.show_price(cost, true);
        let text = text.trim_end_matches('0').trim_end_matches('.');
        format!("{text} {}", self.large().0)
    }
}

impl std::fmt::Display for CostUnit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_unit_has_its_own_words() {
        for unit in CostUnit::ALL {
            assert_eq!(CostUnit::parse(unit.as_str()), Some(unit));
        }
        assert_eq!(CostUnit::parse(" Meters "), Some(CostUnit::Metres));
        assert_eq!(CostUnit::parse("minutes"), None);
        assert_eq!(CostUnit::Seconds.show(3600), "3600 s");
        assert_eq!(CostUnit::Metres.show(100_000), "100000 m");
        assert_eq!(CostUnit::Metres.show_price(100_597, false), "100.597");
        assert_eq!(CostUnit::Metres.show_price(1_234_567, true), "1,234.567");
        assert_eq!(CostUnit::Seconds.show_price(90, false), "1.50");
        assert_eq!(CostUnit::Seconds.show_price(1, false), "0.02");
        assert_eq!(CostUnit::Metres.show_large(100_000), "100 km");
        assert_eq!(CostUnit::Metres.show_large(2_500), "2.5 km");
        assert_eq!(CostUnit::Seconds.show_large(3_600), "60 min");
        assert_eq!(CostUnit::Seconds.show_large(30), "0.5 min");
        assert_eq!(CostUnit::Seconds.large(), ("min", 60));
        assert!(!CostUnit::Seconds.words(Lang::En).contains("metre"));
        assert_eq!(
            CostUnit::Metres.column("shadow_price_km"),
            "shadow_price_km"
        );
        assert_eq!(
            CostUnit::Seconds.column("shadow_price_km"),
            "shadow_price_min"
        );
        assert_eq!(CostUnit::Seconds.column("cost"), "cost_s");
        assert!(!CostUnit::Seconds.large_words(Lang::En).contains("km"));
    }
}
