//! The figures a sweep or a comparison shows, each an exact integer in its base unit (people,
//! metres, fen, tenths of a percent), and how each is written for people and for CSV.

use crate::catalogue::{Lang, words};
use crate::figures::Tally;
use crate::model::{CostUnit, Fen};
use crate::numbers::{fixed, grouped, round_div};

/// What the money and commute columns mean, under every sweep and comparison table.
pub fn notes(lang: Lang) -> &'static str {
    words::METRICS_NOTES.get(lang)
}

/// The base unit of a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// People or beds.
    Count,
    /// Metres, shown as km.
    Metres,
    /// Seconds, shown as minutes (a cost matrix's travel times).
    Seconds,
    /// Fen, shown as yuan.
    Fen,
    /// Tenths of a percent, shown as a percentage.
    Tenths,
}

impl Unit {
    /// The unit of a scenario's costs (its shadow prices): metres or seconds.
    pub fn of_cost(unit: CostUnit) -> Unit {
        match unit {
            CostUnit::Metres => Unit::Metres,
            CostUnit::Seconds => Unit::Seconds,
        }
    }

    /// For CSV: plain digits, km with 3 decimals, minutes, yuan and percent with 2, 2 and 1;
    /// empty when missing.
    pub fn csv(self, v: Option<i64>) -> String {
        let Some(v) = v else {
            return String::new();
        };
        match self {
            Unit::Count => v.to_string(),
            Unit::Metres => fixed(v, 3, false),
            Unit::Seconds => fixed(hundredths_of_minutes(v), 2, false),
            Unit::Fen => Fen(v).to_string(),
            Unit::Tenths => fixed(v, 1, false),
        }
    }

    /// For the terminal, with thousands separators (km with 2 decimals); `signed` puts a `+`
    /// before positive values (for differences); "—" when missing.
    pub fn show(self, v: Option<i64>, signed: bool) -> String {
        let Some(v) = v else {
            return "—".to_string();
        };
        // Metres are shown in hundredths of a km, rounded half away from zero; the sign goes
        // by what is shown, so 4 m is "0.00", not "+0.00".
        let (shown, text) = match self {
            Unit::Count => (v, grouped(v)),
            Unit::Metres => {
                let h = round_div(v, 10);
                (h, fixed(h, 2, true))
            }
            Unit::Seconds => {
                let h = hundredths_of_minutes(v);
                (h, fixed(h, 2, true))
            }
            Unit::Fen => (v, Fen(v).grouped()),
            Unit::Tenths => (v, fixed(v, 1, true)),
        };
        if signed && shown > 0 {
            format!("+{text}")
        } else {
            text
        }
    }
}

/// Seconds in hundredths of a minute, rounded half away from zero.
fn hundredths_of_minutes(seconds: i64) -> i64 {
    round_div(seconds.saturating_mul(100), 60)
}

/// A figure of a scenario or a town that sweeps and comparisons show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Measure {
    /// Beds at the standard in the sites the allocation may use.
    Beds,
    /// People needing a bed.
    Demand,
    /// People housed.
    Housed,
    /// People unhoused.
    Unhoused,
    /// Housed ÷ demand.
    HousedShare,
    /// People-weighted mean commute of the housed.
    MeanCommute,
    /// 95th percentile of the housed people's commutes.
    P95Commute,
    /// Subsidy paid to eligible projects.
    SubsidyEligible,
    /// Subsidy potential projects would be paid once their open conditions are settled.
    SubsidyPotential,
    /// Construction cost less subsidy of the candidate projects built.
    NetCost,
    /// Net cost per bed of the candidate projects built.
    NetCostPerBed,
}

impl Measure {
    /// Every measure, in the order of the sweep and comparison tables.
    pub const ALL: [Measure; 11] = [
        Measure::Beds,
        Measure::Demand,
        Measure::Housed,
        Measure::Unhoused,
        Measure::HousedShare,
        Measure::MeanCommute,
        Measure::P95Commute,
        Measure::SubsidyEligible,
        Measure::SubsidyPotential,
        Measure::NetCost,
        Measure::NetCostPerBed,
    ];

    /// The CSV column (or `measure` value), with its unit: `mean_commute_km`.
    pub fn column(self) -> &'static str {
        match self {
            Measure::Beds => "beds",
            Measure::Demand => "demand",
            Measure::Housed => "housed",
            Measure::Unhoused => "unhoused",
            Measure::HousedShare => "housed_pct",
            Measure::MeanCommute => "mean_commute_km",
            Measure::P95Commute => "p95_commute_km",
            Measure::SubsidyEligible => "subsidy_eligible_yuan",
            Measure::SubsidyPotential => "subsidy_potential_yuan",
            Measure::NetCost => "net_cost_yuan",
            Measure::NetCostPerBed => "net_cost_per_bed_yuan",
        }
    }

    /// The terminal heading.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Measure::Beds => words::COL_BEDS,
            Measure::Demand => words::COL_DEMAND,
            Measure::Housed => words::COL_HOUSED,
            Measure::Unhoused => words::COL_UNHOUSED,
            Measure::HousedShare => words::COL_HOUSED_PCT,
            Measure::MeanCommute => words::COL_MEAN_COMMUTE_KM,
            Measure::P95Commute => words::COL_P95_COMMUTE_KM,
            Measure::SubsidyEligible => words::COL_SUBSIDY_ELIGIBLE,
            Measure::SubsidyPotential => words::COL_SUBSIDY_POTENTIAL,
            Measure::NetCost => words::COL_NET_COST,
            Measure::NetCostPerBed => words::COL_NET_COST_PER_BED,
        }
        .get(lang)
    }

    /// The unit of the values.
    pub fn unit(self) -> Unit {
        match self {
            Measure::Beds | Measure::Demand | Measure::Housed | Measure::Unhoused => Unit::Count,
            Measure::HousedShare => Unit::Tenths,
            Measure::MeanCommute | Measure::P95Commute => Unit::Metres,
            Measure::SubsidyEligible
            | Measure::SubsidyPotential
            | Measure::NetCost
            | Measure::NetCostPerBed => Unit::Fen,
        }
    }

    /// The value for `f` in the base unit; `None` when it does not exist (no one housed, no
    /// site with a cost and beds, no demand).
    pub fn of(self, f: &Tally) -> Option<i64> {
        let n = |x: u64| i64::try_from(x).ok();
        match self {
            Measure::Beds => n(f.beds),
            Measure::Demand => n(f.demand),
            Measure::Housed => n(f.housed),
            Measure::Unhoused => n(f.unhoused),
            Measure::HousedShare => f.housed_share_tenths().and_then(n),
            Measure::MeanCommute => f.mean_commute_m().and_then(n),
            Measure::P95Commute => f.p95_commute_m.map(i64::from),
            Measure::SubsidyEligible => Some(f.subsidy_eligible.0),
            Measure::SubsidyPotential => Some(f.subsidy_potential.0),
            Measure::NetCost => Some(f.net_cost.0),
            Measure::NetCostPerBed => f.net_cost_per_bed().map(|x| x.0),
        }
    }

    /// The value for `f`, written for CSV.
    pub fn csv(self, f: &Tally) -> String {
        self.unit().csv(self.of(f))
    }

    /// The value for `f`, written for the terminal.
    pub fn show(self, f: &Tally) -> String {
        self.unit().show(self.of(f), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_written_exactly() {
        assert_eq!(Unit::Metres.csv(Some(3215)), "3.215");
        assert_eq!(Unit::Metres.show(Some(3215), false), "3.22");
        assert_eq!(Unit::Metres.show(Some(-3215), true), "-3.22");
        assert_eq!(Unit::Metres.show(Some(4), true), "0.00");
        assert_eq!(Unit::Seconds.csv(Some(3615)), "60.25");
        assert_eq!(Unit::Seconds.show(Some(100_000), false), "1,666.67");
        assert_eq!(Unit::of_cost(CostUnit::Seconds), Unit::Seconds);
        assert_eq!(Unit::Fen.csv(Some(-5)), "-0.05");
        assert_eq!(Unit::Fen.show(Some(123_456_789), true), "+1,234,567.89");
        assert_eq!(Unit::Tenths.csv(Some(995)), "99.5");
        assert_eq!(Unit::Count.show(Some(-1_260_000), true), "-1,260,000");
        assert_eq!(Unit::Count.show(Some(0), true), "0");
        assert_eq!(Unit::Count.csv(None), "");
        assert_eq!(Unit::Count.show(None, true), "—");
    }
}
