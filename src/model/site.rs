//! Sites: the buildings and projects that house people.

use super::{Area, Fen, LonLat, StandardSettings};
use std::fmt;

/// What a site is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SiteKind {
    /// Enterprise dormitory (企业职工宿舍): houses only its employer's workers.
    EnterpriseDormitory,
    /// Migrant apartment (外口公寓).
    MigrantApartment,
    /// Newly built rental housing (新建租赁住房).
    RentalNewBuild,
    /// Rental housing converted from another use (改建租赁住房).
    RentalConversion,
}

impl SiteKind {
    /// Every kind, in a stable order.
    pub const ALL: [SiteKind; 4] = [
        SiteKind::EnterpriseDormitory,
        SiteKind::MigrantApartment,
        SiteKind::RentalNewBuild,
        SiteKind::RentalConversion,
    ];

    /// The spelling used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            SiteKind::EnterpriseDormitory => "enterprise_dormitory",
            SiteKind::MigrantApartment => "migrant_apartment",
            SiteKind::RentalNewBuild => "rental_new_build",
            SiteKind::RentalConversion => "rental_conversion",
        }
    }

    /// Parses the spelling used in files.
    pub fn parse(s: &str) -> Option<SiteKind> {
        SiteKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// True for the rental-housing kinds (new builds and conversions).
    pub fn is_rental(self) -> bool {
        matches!(self, SiteKind::RentalNewBuild | SiteKind::RentalConversion)
    }
}

impl fmt::Display for SiteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a site stands, is being built, or is only proposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SiteStatus {
    /// In use.
    Existing,
    /// Being built.
    UnderConstruction,
    /// Proposed: may be chosen by `dormplan plan`.
    Candidate,
}

impl SiteStatus {
    /// Every status, in a stable order.
    pub const ALL: [SiteStatus; 3] = [
        SiteStatus::Existing,
        SiteStatus::UnderConstruction,
        SiteStatus::Candidate,
    ];

    /// The spelling used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            SiteStatus::Existing => "existing",
            SiteStatus::UnderConstruction => "under_construction",
            SiteStatus::Candidate => "candidate",
        }
    }

    /// Parses the spelling used in files.
    pub fn parse(s: &str) -> Option<SiteStatus> {
        SiteStatus::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for SiteStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The state of a project's expert review (专家评审) for subsidy purposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum ExpertReview {
    /// Passed review.
    Passed,
    /// Submitted, not yet decided.
    Pending,
    /// Reviewed and rejected.
    Failed,
    /// Never submitted (the default when the field is empty).
    #[default]
    None,
}

impl ExpertReview {
    /// Every state, in a stable order.
    pub const ALL: [ExpertReview; 4] = [
        ExpertReview::Passed,
        ExpertReview::Pending,
        ExpertReview::Failed,
        ExpertReview::None,
    ];

    /// The spelling used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ExpertReview::Passed => "passed",
            ExpertReview::Pending => "pending",
            ExpertReview::Failed => "failed",
            ExpertReview::None => "none",
        }
    }

    /// Parses the spelling used in files.
    pub fn parse(s: &str) -> Option<ExpertReview> {
        ExpertReview::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for ExpertReview {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A building or project that houses people.
///
/// Invariants (established by the readers): `id` is unique within a dataset; `town` indexes
/// [`super::Dataset::towns`]; `gross` is positive; `residential`, when given, is positive and
/// not above `gross`; a conversion has `converted_from`; coordinates are WGS84 and in range,
/// and `location` is the centroid of `polygon` when there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Index of the town in [`super::Dataset::towns`].
    pub town: usize,
    /// What the site is.
    pub kind: SiteKind,
    /// Existing, under construction or candidate.
    pub status: SiteStatus,
    /// Location (a polygon's centroid when the site was given as a polygon), WGS84: the point
    /// every distance is measured from.
    pub location: LonLat,
    /// The footprint, when the sites file gives the site as a polygon (WGS84); `None` for a
    /// point.
    pub polygon: Option<geo::MultiPolygon<f64>>,
    /// Gross floor area (建筑面积).
    pub gross: Area,
    /// Residential floor area (居住面积) as declared; when absent, the scenario's usable ratio
    /// applies to `gross`.
    pub residential: Option<Area>,
    /// Declared beds, when known.
    pub beds: Option<u32>,
    /// Construction cost (建设成本).
    pub cost: Option<Fen>,
    /// Year construction (or conversion works) started.
    pub started_year: Option<i32>,
    /// Year of completion (for candidates: planned completion).
    pub completed_year: Option<i32>,
    /// For conversions: what the building was (commercial, office, industrial, farm houses…).
    pub converted_from: Option<String>,
    /// Expert review state.
    pub expert_review: ExpertReview,
    /// Structurally safe (结构安全) as confirmed by inspection (`None` when not stated).
    pub structurally_safe: Option<bool>,
    /// Fire safe (消防安全) as confirmed by inspection (`None` when not stated).
    pub fire_safe: Option<bool>,
    /// For conversions: the building stood idle (闲置) before it was converted (`None` when not
    /// stated).
    pub idle_before_conversion: Option<bool>,
    /// Employer whose workers only may live here (enterprise dormitories).
    pub employer: Option<String>,
    /// Monthly rent per bed.
    pub rent_month: Option<Fen>,
}

impl Site {
    /// Residential floor area (居住面积): as declared, else gross floor area × the scenario's
    /// usable ratio.
    pub fn residential_area(&self, standard: &StandardSettings) -> Area {
        self.residential
            .unwrap_or_else(|| self.gross.scaled(standard.usable_ratio))
    }

    /// Over-occupied: the declared beds give each person less than the policy floor (8 m² in
    /// Cixi), i.e. more beds than ⌊residential m² / floor⌋.
    pub fn is_over_occupied(&self, standard: &StandardSettings) -> bool {
        self.beds.is_some_and(|beds| {
            u64::from(beds) > self.residential_area(standard).persons_at(standard.floor)
        })
    }
}
