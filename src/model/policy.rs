//! Policy rules: the per-person standard's range and subsidy programmes.
//!
//! A policy file (TOML, see `docs/formats.md`) is read by [`crate::io`] into these types. Any
//! city's programme that pays a rate per m² of floor area, capped by a share of construction
//! cost, gated by years, review and safety, and optionally limited by a pool, is expressible
//! without code changes.

use crate::model::{Fen, Ratio, SiteKind, Standard};

/// A validated policy file.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Display name.
    pub name: String,
    /// The document the standard comes from (e.g. 慈党〔2012〕22号).
    pub standard_source: Option<String>,
    /// Lowest allowed area per person: declared beds below it are over-occupied.
    pub standard_min: Standard,
    /// Highest standard of the policy range.
    pub standard_max: Standard,
    /// Subsidy programmes, in file order.
    pub programmes: Vec<Programme>,
}

/// Which year of a project decides whether it falls in a programme's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum YearBasis {
    /// The year of completion (`completed_year`), the default.
    #[default]
    Completion,
    /// The year construction started (`started_year`).
    Start,
    /// Under construction at any time in the window: started no later than its last year and
    /// completed (or, not yet completed, still going) no earlier than its first.
    Overlap,
}

impl YearBasis {
    /// The spelling used in policy files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            YearBasis::Completion => "completion",
            YearBasis::Start => "start",
            YearBasis::Overlap => "overlap",
        }
    }
}

/// Which floor area a programme's rate per m² applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AreaBasis {
    /// Gross floor area (建筑面积), the default.
    #[default]
    Gross,
    /// Residential floor area (居住面积): as declared, else gross × the scenario's usable ratio.
    Residential,
}

impl AreaBasis {
    /// The spelling used in policy files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            AreaBasis::Gross => "gross",
            AreaBasis::Residential => "residential",
        }
    }
}

/// What a conversion may have been converted from (将闲置商业用房、办公用房、工业厂房和集中式农房
/// 等改建为租赁住房).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversionRule {
    /// The sources the text names, in canonical spelling (see [`canonical_source`]).
    pub sources: Vec<String>,
    /// The list is closed: a source not on it fails the programme (`SOURCE_NOT_ALLOWED`).
    /// Open (the text's …等): a source not on it is left to the expert review
    /// (`SOURCE_UNLISTED`, an open condition until the review passes).
    pub closed: bool,
    /// The building must have stood idle (闲置) before conversion.
    pub require_idle: bool,
}

impl Default for ConversionRule {
    /// The sources the text names, an open list, and no idle condition (a policy file that
    /// wants it says `require_idle = true`, as the shipped ones do).
    fn default() -> Self {
        ConversionRule {
            sources: ["commercial", "office", "industrial", "farm_houses"]
                .map(String::from)
                .to_vec(),
            closed: false,
            require_idle: false,
        }
    }
}

impl ConversionRule {
    /// True when `source` (as written in a sites file) is on the list.
    pub fn lists(&self, source: &str) -> bool {
        let s = canonical_source(source);
        self.sources.contains(&s)
    }
}

/// A conversion source in canonical spelling: lower case, trimmed, and the Chinese words of the
/// text mapped to the English ones (商业用房 → commercial, 办公用房 → office, 工业厂房 →
/// industrial, 集中式农房 → farm_houses).
pub fn canonical_source(source: &str) -> String {
    let s = source.trim().to_lowercase();
    let english = match s.as_str() {
        "商业" | "商业用房" => "commercial",
        "办公" | "办公用房" => "office",
        "工业" | "厂房" | "工业厂房" => "industrial",
        "农房" | "集中式农房" | "farm_house" => "farm_houses",
        _ => return s,
    };
    english.to_string()
}

/// How a pool smaller than the sum of requests is shared out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolRule {
    /// Every eligible project gets the same fraction of its request.
    ProRata,
    /// Projects are funded in full in order of beds per yuan requested (most beds per yuan
    /// first) until the pool runs out; the project at the boundary gets the remainder.
    BedsPerYuan,
}

/// A total budget for a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pool {
    /// The total available.
    pub total: Fen,
    /// How it is shared when requests exceed it.
    pub rule: PoolRule,
}

/// What a programme pays for one kind of site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindRate {
    /// The kind of site.
    pub kind: SiteKind,
    /// The most paid per m² of floor area (gross or residential, per the programme's
    /// [`AreaBasis`]).
    pub rate_per_m2: Fen,
    /// The most paid as a share of construction cost, when the programme caps it for this kind.
    pub cost_share_cap: Option<Ratio>,
}

/// How each project's amount is rounded (always down, so no project is paid more than a cap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rounding {
    /// Down to the fen (分).
    #[default]
    Fen,
    /// Down to the whole yuan.
    Yuan,
}

/// A subsidy programme, e.g. the central-government rental-market pilot as applied by Ningbo.
#[derive(Debug, Clone, PartialEq)]
pub struct Programme {
    /// Short stable id, e.g. `ningbo-rental-pilot`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The document the rule comes from (e.g. 甬建发〔2021〕20号).
    pub source: String,
    /// First year of the window, inclusive.
    pub year_from: i32,
    /// Last year of the window, inclusive.
    pub year_to: i32,
    /// Which year counts.
    pub year_basis: YearBasis,
    /// Which floor area the rate per m² applies to.
    pub area_basis: AreaBasis,
    /// What conversions may have been converted from, and the idle condition.
    pub conversion: ConversionRule,
    /// The kinds covered and what each is paid; kinds not listed are not covered.
    pub rates: Vec<KindRate>,
    /// Whether a passed expert review is required (pending review makes a project *potential*).
    pub require_expert_review: bool,
    /// Kinds that must be structurally safe and fire safe (`structurally_safe`, `fire_safe`)
    /// to qualify.
    pub require_safety_for: Vec<SiteKind>,
    /// The total pool, when limited.
    pub pool: Option<Pool>,
    /// Per-project rounding.
    pub rounding: Rounding,
}

impl Programme {
    /// The rate for a kind, when the programme covers it.
    pub fn rate_for(&self, kind: SiteKind) -> Option<&KindRate> {
        self.rates.iter().find(|r| r.kind == kind)
    }
}
