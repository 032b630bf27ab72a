//! Demand groups: people who need a bed, grouped by workplace, village or employer.

use super::LonLat;

/// A group of people who need concentrated housing near one place.
///
/// Invariants: `id` unique; `town` indexes [`super::Dataset::towns`]; `people` > 0;
/// `max_commute_km`, when given, is positive.
#[derive(Debug, Clone, PartialEq)]
pub struct DemandGroup {
    /// Unique id.
    pub id: String,
    /// Index of the town in [`super::Dataset::towns`].
    pub town: usize,
    /// Number of people.
    pub people: u32,
    /// Where they work (or live now), WGS84.
    pub location: LonLat,
    /// Their employer, which opens that employer's dormitories to them.
    pub employer: Option<String>,
    /// Residence-permit points (量化积分); higher is housed first when beds are short.
    pub priority: u32,
    /// The group must be housed in one site or not at all.
    pub keep_together: bool,
    /// The longest acceptable commute, km (tighter than the scenario's cutoff when given).
    pub max_commute_km: Option<f64>,
}

impl DemandGroup {
    /// People in the group after a scenario's demand growth factor, rounded to whole people.
    /// Every command counts demand through this, so that totals agree everywhere.
    pub fn grown(&self, growth: f64) -> u64 {
        let x = (f64::from(self.people) * growth).round();
        if x.is_finite() && x > 0.0 {
            x as u64
        } else {
            0
        }
    }
}
