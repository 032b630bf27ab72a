//! Scenarios: which data, which policy, and the settings to plan with.

use super::{CostUnit, DemandGroup, Fen, Ratio, Site, SiteKind, SiteStatus, Standard, Town};
use crate::model::policy::Policy;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The coordinate reference system of an input file, or of the coordinates a command writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Crs {
    /// WGS84 longitude/latitude (GPS): what dormplan computes in, and writes by default.
    #[default]
    Wgs84,
    /// GCJ-02, the obfuscated datum of Chinese web maps (Amap, Tencent); converted to WGS84 on
    /// read, and written on request (`--out-crs gcj02`, `points --crs gcj02`).
    Gcj02,
}

impl Crs {
    /// The spelling of scenario files and the command line: `wgs84`, `gcj02`.
    pub fn as_str(self) -> &'static str {
        match self {
            Crs::Wgs84 => "wgs84",
            Crs::Gcj02 => "gcj02",
        }
    }

    /// The datum's usual name, as output files state it: `WGS84`, `GCJ-02`.
    pub fn name(self) -> &'static str {
        match self {
            Crs::Wgs84 => "WGS84",
            Crs::Gcj02 => "GCJ-02",
        }
    }
}

impl std::fmt::Display for Crs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Towns, sites and demand groups, cross-referenced and validated.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Towns, in file order.
    pub towns: Vec<Town>,
    /// Sites, in file order.
    pub sites: Vec<Site>,
    /// Demand groups, in file order.
    pub demand: Vec<DemandGroup>,
    /// The area the scenario covers (`data.boundary`), WGS84: for maps, and for the
    /// `OUTSIDE_BOUNDARY` warning on sites and groups outside it.
    pub boundary: Option<geo::MultiPolygon<f64>>,
}

/// How capacity is counted.
#[derive(Debug, Clone, PartialEq)]
pub struct StandardSettings {
    /// m² of residential floor area per person to plan at.
    pub plan: Standard,
    /// The low end of the policy range (8 m² in Cixi): declared beds that give less area per
    /// person than this are over-occupied. From the policy file, else 8.
    pub floor: Standard,
    /// The high end of the policy range (10 m² in Cixi). From the policy file, else 10.
    pub ceiling: Standard,
    /// Residential ÷ gross floor area for sites that do not declare residential area.
    pub usable_ratio: Ratio,
    /// Which site statuses count as supply (default: existing and under construction).
    pub include_status: Vec<SiteStatus>,
    /// Which site kinds count as supply (default: all four).
    pub include_kind: Vec<SiteKind>,
}

/// How residents are allocated to sites.
#[derive(Debug, Clone, PartialEq)]
pub struct AllocationSettings {
    /// Nobody is placed farther than this from their group's location, km (great-circle arcs;
    /// with a cost matrix, see [`MatrixArcs`]).
    pub cutoff_km: f64,
    /// The solver starts from each group's this many nearest sites (great-circle arcs) and
    /// prices in the others in range: a speed setting that never changes the optimum.
    pub nearest_k: usize,
    /// Cost of leaving one person of priority 0 unhoused, in [`Self::cost_unit`].
    pub unhoused_penalty: i64,
    /// What costs are counted in: metres (great-circle, or a matrix's road distance) or a cost
    /// matrix's seconds.
    pub cost_unit: CostUnit,
    /// A commute/cost matrix (`demand_id,site_id,cost`) that replaces distances and defines the
    /// arcs, when given. Resolved against the scenario file's folder.
    pub cost_matrix: Option<PathBuf>,
    /// Which of the cost matrix's pairs are arcs.
    pub matrix_arcs: MatrixArcs,
    /// Which enterprise dormitories offer the beds their own workers leave empty to other
    /// workers (`share_spare_beds`).
    pub spare_beds: SpareBeds,
}

/// Which employers' dormitories share their spare beds: the beds the normal allocation (each
/// dormitory for its own employer's workers only) leaves empty, offered afterwards to the
/// workers still unhoused, whoever employs them. Own workers come strictly first: sharing
/// never moves anyone the normal allocation housed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SpareBeds {
    /// None share (the policy as written: a dormitory houses its employer's workers only).
    #[default]
    Kept,
    /// Every employer's dormitories share.
    All,
    /// The dormitories of these employers share (names as in the sites' `employer` field).
    Of(std::collections::BTreeSet<String>),
}

impl SpareBeds {
    /// Whether the dormitories of `employer` share their spare beds.
    pub fn shares(&self, employer: &str) -> bool {
        match self {
            SpareBeds::Kept => false,
            SpareBeds::All => true,
            SpareBeds::Of(names) => names.contains(employer),
        }
    }

    /// Whether any dormitory may share.
    pub fn any(&self) -> bool {
        match self {
            SpareBeds::Kept => false,
            SpareBeds::All => true,
            SpareBeds::Of(names) => !names.is_empty(),
        }
    }
}

/// Which pairs of a cost matrix a group may use: every pair it lists, less those beyond the
/// cutoff and beyond the group's own `max_commute_km` (great-circle); `nearest_k` is where the
/// solver starts. A limit the scenario does not set is not applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MatrixArcs {
    /// Pairs that cost more than this, in the cost unit, are not arcs (`cutoff_km` × 1,000 for
    /// a matrix in metres, `cutoff_s` for one in seconds).
    pub cutoff: Option<i64>,
    /// The solver starts from each group's `k` cheapest allowed pairs within the limits (ties
    /// by site order) and prices in the others; `None`, from all of them. A scenario that does
    /// not set `nearest_k` gets the same default as with distances (8).
    pub nearest_k: Option<usize>,
}

/// Site-selection settings for `dormplan plan`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanSettings {
    /// Municipal budget for net construction cost (cost minus subsidy).
    pub budget: Option<Fen>,
    /// Minimum beds per town code after planning.
    pub min_beds: BTreeMap<String, u32>,
}

/// Assumptions for budget estimates of subsidy (`[subsidy]`): what share of the projects still
/// under review will pass, and what share of the most a programme allows (最高) is awarded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubsidySettings {
    /// Share of potential projects expected to pass review, in parts per 10,000 (0–10,000).
    pub review_pass_rate: u16,
    /// Share of the ceiling amount expected to be awarded, in parts per 10,000 (0–10,000).
    pub award_share: u16,
}

impl Default for SubsidySettings {
    /// Every potential project passes and is awarded the most the rules allow.
    fn default() -> Self {
        SubsidySettings {
            review_pass_rate: 10_000,
            award_share: 10_000,
        }
    }
}

/// Every setting of a scenario, after defaults are applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Only sites completed by this year (and sites without a year) count, when given.
    pub as_of_year: Option<i32>,
    /// Capacity settings.
    pub standard: StandardSettings,
    /// Allocation settings.
    pub allocation: AllocationSettings,
    /// Planning settings.
    pub plan: PlanSettings,
    /// Multiplier applied to every group's people (1.0 = as in the file).
    pub demand_growth: f64,
    /// Assumptions for subsidy budget estimates.
    pub subsidy: SubsidySettings,
    /// The language of reports (`lang = "zh"`), unless `--lang` gives one.
    pub lang: Option<crate::catalogue::Lang>,
}

/// A loaded, validated scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Display name.
    pub name: String,
    /// The variant's name when this scenario is one of the file's `[[variant]]` blocks applied
    /// to the base.
    pub variant: Option<String>,
    /// The scenario file.
    pub path: PathBuf,
    /// Settings.
    pub settings: Settings,
    /// The data.
    /// Shared between a scenario's variants, which read the same files: a sweep of thousands of
    /// variants holds the data once.
    pub dataset: std::sync::Arc<Dataset>,
    /// The policy rules file, when the scenario names one.
    pub policy: Option<Policy>,
}
