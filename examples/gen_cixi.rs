//! Generates the embedded Cixi sample: `towns.csv`, `sites.geojson` and `demand.csv`.
//!
//! ```text
//! cargo run --example gen_cixi -- data/cixi
//! ```
//!
//! Only the totals, the standard and the list of towns come from the city's reply (see
//! `data/cixi/PROVENANCE.md`); every individual site, employer, group and cost is synthetic,
//! drawn so that the sums match the reply exactly. The generator is deterministic — a fixed
//! seed, a fixed order of draws, no transcendental functions (whose last bit may differ between
//! platforms' maths libraries) and fixed number formatting — so the committed files can be
//! compared byte for byte with its output (`tests/sample_reproducible.rs`). It checks its own
//! output against the reply's figures, using dormplan's capacity model, before writing anything.

use dormplan::capacity;
use dormplan::io::Outputs;
use dormplan::model::{
    AllocationSettings, Area, CostUnit, ExpertReview, Fen, MatrixArcs, PlanSettings, Ratio,
    Settings, Site, SiteKind, SiteStatus, Standard, StandardSettings,
};
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::ops::RangeInclusive;
use std::path::PathBuf;
use std::process::ExitCode;

/// The seed of every draw: the date the reply's stock figures refer to.
pub const SEED: u64 = 20201231;

/// Migrant apartments (外口公寓) at the end of 2020, m² of gross floor area (seed).
pub const APARTMENT_M2: u64 = 446_000;
/// Enterprise dormitories (企业职工宿舍) at the end of 2020, m² (seed).
pub const DORMITORY_M2: u64 = 814_000;
/// Of the stock, built in 2013 or later, m² (seed: 2013年以来新建为12.95万平方米).
pub const SINCE_2013_M2: u64 = 129_500;
/// People the 2020 stock houses (seed: 可居住13.12万人).
pub const RESIDENTS_2020: u64 = 131_200;
/// The planning standard that reproduces [`RESIDENTS_2020`]: 8 m² of residential area per
/// person, the floor of the 8–10 m² policy range.
pub const PLAN_M2: f64 = 8.0;
/// Residential ÷ gross floor area (5/6): with [`PLAN_M2`] it gives 9.6 m² of gross area per
/// person, which is what 1,260,000 m² for 131,200 people implies.
pub const USABLE_RATIO: f64 = 0.8333;
/// How far the sample's bed total may stray from [`RESIDENTS_2020`], in parts per thousand.
pub const TOLERANCE_PER_MILLE: u64 = 5;

/// The synthetic split of the post-2013 stock between the two kinds (the reply gives only the
/// sum).
const APARTMENT_SINCE_2013_M2: u64 = 52_000;

/// Kilometres per degree of latitude, and of longitude at Cixi's latitude (≈30.2°N). Constants
/// rather than `cos()`, so that no platform's maths library can change a coordinate.
const KM_PER_DEG_LAT: f64 = 111.32;
const KM_PER_DEG_LON: f64 = 96.21;
/// Nothing north of this latitude (microdegrees): beyond it lies Hangzhou Bay.
const MAX_LAT: i64 = 30_320_000;

/// A town-level unit of Cixi with the synthetic weights that shape the sample.
pub struct TownSpec {
    /// NBS division code.
    pub code: &'static str,
    /// Chinese name.
    pub name_zh: &'static str,
    /// Pinyin name.
    pub name_en: &'static str,
    /// `subdistrict` (街道) or `town` (镇).
    pub kind: &'static str,
    /// Approximate centroid, microdegrees of longitude and latitude (WGS84).
    pub lon: i64,
    /// See `lon`.
    pub lat: i64,
    /// Relative share of enterprise dormitories (industrial towns weigh more).
    dorm_weight: u32,
    /// Relative share of migrant apartments.
    apartment_weight: u32,
    /// People needing a bed per 2020 bed: above 1 the town is short, below it has spare beds.
    pressure: f64,
}

// A row of the towns table; the field names are on the struct.
#[allow(clippy::too_many_arguments)]
const fn town(
    code: &'static str,
    name_zh: &'static str,
    name_en: &'static str,
    kind: &'static str,
    lon: i64,
    lat: i64,
    weights: (u32, u32),
    pressure: f64,
) -> TownSpec {
    TownSpec {
        code,
        name_zh,
        name_en,
        kind,
        lon,
        lat,
        dorm_weight: weights.0,
        apartment_weight: weights.1,
        pressure,
    }
}

/// The 19 town-level units (codes and names from the statistical division list, centroids
/// rough: inside the county boundary, in the order public maps show the towns, within a few
/// km of each town's built-up centre; see `data/cixi/PROVENANCE.md`).
// One town a line: the table is read across, not down.
#[rustfmt::skip]
pub const TOWNS: [TownSpec; 19] = [
    town("330282002", "宗汉街道", "Zonghan", "subdistrict", 121_195_000, 30_200_000, (8, 6), 1.30),
    town("330282003", "坎墩街道", "Kandun", "subdistrict", 121_180_000, 30_235_000, (7, 5), 1.20),
    town("330282004", "浒山街道", "Hushan", "subdistrict", 121_245_000, 30_170_000, (1, 3), 0.80),
    town("330282005", "白沙路街道", "Baishalu", "subdistrict", 121_270_000, 30_180_000, (2, 3), 0.85),
    town("330282006", "古塘街道", "Gutang", "subdistrict", 121_225_000, 30_165_000, (2, 3), 0.85),
    town("330282104", "掌起镇", "Zhangqi", "town", 121_450_000, 30_120_000, (4, 3), 0.95),
    town("330282107", "观海卫镇", "Guanhaiwei", "town", 121_390_000, 30_140_000, (9, 6), 1.35),
    town("330282108", "附海镇", "Fuhai", "town", 121_385_000, 30_228_000, (6, 4), 1.15),
    town("330282109", "桥头镇", "Qiaotou", "town", 121_330_000, 30_160_000, (4, 3), 0.95),
    town("330282110", "匡堰镇", "Kuangyan", "town", 121_290_000, 30_120_000, (3, 2), 0.90),
    town("330282111", "逍林镇", "Xiaolin", "town", 121_310_000, 30_205_000, (6, 4), 1.20),
    town("330282112", "新浦镇", "Xinpu", "town", 121_330_000, 30_248_000, (6, 4), 1.30),
    town("330282113", "胜山镇", "Shengshan", "town", 121_265_000, 30_232_000, (4, 3), 1.10),
    town("330282114", "横河镇", "Henghe", "town", 121_210_000, 30_125_000, (4, 3), 1.10),
    town("330282116", "崇寿镇", "Chongshou", "town", 121_120_000, 30_262_000, (4, 3), 1.10),
    town("330282118", "庵东镇", "Andong", "town", 121_150_000, 30_300_000, (9, 5), 1.45),
    town("330282120", "长河镇", "Changhe", "town", 121_160_000, 30_212_000, (6, 4), 1.15),
    town("330282121", "周巷镇", "Zhouxiang", "town", 121_130_000, 30_192_000, (10, 7), 1.40),
    town("330282123", "龙山镇", "Longshan", "town", 121_530_000, 30_100_000, (4, 3), 0.85),
];

/// The index of a town in [`TOWNS`] by the last three digits of its code.
fn town_index(suffix: &str) -> usize {
    TOWNS
        .iter()
        .position(|t| t.code.ends_with(suffix))
        .unwrap_or_else(|| panic!("no town with code …{suffix}"))
}

/// A town's name without 街道/镇, for building site names.
fn short_name(t: &TownSpec) -> &'static str {
    t.name_zh.trim_end_matches("街道").trim_end_matches('镇')
}

/// A site as generated. Areas are whole m² so that the seed's totals are met exactly.
#[derive(Debug, Clone)]
pub struct SampleSite {
    /// Unique id (assigned once all sites are drawn).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Index into [`TOWNS`].
    pub town: usize,
    /// Kind.
    pub kind: SiteKind,
    /// Status.
    pub status: SiteStatus,
    /// Location, microdegrees (a polygon's centre when `footprint` is given).
    pub lon: i64,
    /// See `lon`.
    pub lat: i64,
    /// A building footprint around the location, microdegree offsets of its ring.
    pub footprint: Option<Vec<(i64, i64)>>,
    /// Gross floor area, m².
    pub gross_m2: u64,
    /// Declared residential floor area, m².
    pub residential_m2: Option<u64>,
    /// Declared beds.
    pub beds: Option<u32>,
    /// Construction cost, whole yuan.
    pub cost_yuan: Option<u64>,
    /// Construction start.
    pub started_year: Option<i32>,
    /// Completion (planned, for candidates and sites under construction).
    pub completed_year: Option<i32>,
    /// For conversions: the former use.
    pub converted_from: Option<&'static str>,
    /// Expert review, when the file states it.
    pub expert_review: Option<ExpertReview>,
    /// Safety compliance, when the file states it.
    pub safety_ok: Option<bool>,
    /// Index into the employers, for enterprise dormitories.
    pub employer: Option<usize>,
    /// Monthly rent per bed, yuan.
    pub rent_yuan_month: Option<u32>,
}

impl SampleSite {
    fn new(kind: SiteKind, town: usize, gross_m2: u64, completed_year: i32) -> SampleSite {
        SampleSite {
            id: String::new(),
            name: String::new(),
            town,
            kind,
            status: SiteStatus::Existing,
            lon: TOWNS[town].lon,
            lat: TOWNS[town].lat,
            footprint: None,
            gross_m2,
            residential_m2: None,
            beds: None,
            cost_yuan: None,
            started_year: None,
            completed_year: Some(completed_year),
            converted_from: None,
            expert_review: None,
            safety_ok: None,
            employer: None,
            rent_yuan_month: None,
        }
    }

    /// True for the stock the reply counts: existing dormitories and apartments completed by
    /// the end of 2020.
    pub fn in_2020_stock(&self) -> bool {
        !self.kind.is_rental()
            && self.status == SiteStatus::Existing
            && self.completed_year.is_some_and(|y| y <= 2020)
    }
}

/// An employer with a plant in one town.
#[derive(Debug, Clone)]
pub struct Employer {
    /// Full company name, e.g. 慈溪市恒达电器有限公司.
    pub name: String,
    /// Name without place and legal form, for dormitory names.
    pub short: String,
    /// Index into [`TOWNS`].
    pub town: usize,
    /// Plant location, microdegrees.
    pub lon: i64,
    /// See `lon`.
    pub lat: i64,
}

/// A demand group as generated.
#[derive(Debug, Clone)]
pub struct Group {
    /// Unique id.
    pub id: String,
    /// Index into [`TOWNS`].
    pub town: usize,
    /// People needing a bed.
    pub people: u32,
    /// Workplace, microdegrees.
    pub lon: i64,
    /// See `lon`.
    pub lat: i64,
    /// Employer name.
    pub employer: Option<String>,
    /// Residence-permit points.
    pub priority: u32,
    /// House in one site or not at all.
    pub keep_together: bool,
    /// Longest commute, tenths of a km.
    pub max_commute_dkm: Option<u32>,
}

/// The whole sample.
#[derive(Debug, Clone)]
pub struct Sample {
    /// Employers (dormitory owners first, then employers without dormitories).
    pub employers: Vec<Employer>,
    /// Sites, in output order.
    pub sites: Vec<SampleSite>,
    /// Demand groups, in output order.
    pub groups: Vec<Group>,
}

/// Draws the sample. Always the same sample.
pub fn generate() -> Sample {
    let mut rng = Pcg64::seed_from_u64(SEED);
    let mut names = NamePool::new(&mut rng);
    let mut employers = Vec::new();
    let mut sites = stock(&mut rng, &mut names, &mut employers);
    sites.extend(after_2020(&mut rng, &employers));
    declare(&mut rng, &mut sites);
    sites.extend(rental_projects(&mut rng));
    footprints(&mut rng, &mut sites);
    name_sites(&mut rng, &mut sites, &employers);
    let groups = demand(&mut rng, &mut names, &mut employers, &sites);
    Sample {
        employers,
        sites,
        groups,
    }
}

// ---------------------------------------------------------------------------------------------
// Draws

/// A uniform float in `[lo, hi)`.
fn uniform(rng: &mut Pcg64, lo: f64, hi: f64) -> f64 {
    rng.random_range(lo..hi)
}

/// Splits `total` into whole parts in `[lo, hi]`, more small parts than large ones (the square
/// of a uniform draw). The last part takes the remainder, so the sum is exact. Needs
/// `total ≥ lo` and `hi ≥ 2·lo`.
fn partition(rng: &mut Pcg64, total: u64, lo: u64, hi: u64) -> Vec<u64> {
    debug_assert!(total >= lo && hi >= 2 * lo);
    let mut parts = Vec::new();
    let mut left = total;
    while left > hi {
        let max = hi.min(left - lo);
        let u: f64 = rng.random();
        let part = lo + ((max - lo) as f64 * u * u).round() as u64;
        parts.push(part);
        left -= part;
    }
    parts.push(left);
    parts
}

/// A point between `min_km` and `max_km` from `centre` (microdegrees), uniformly over the
/// ring, never out in the bay, and inside the county ([`in_county`]).
///
/// A point of the ring that falls outside the county is drawn again, from a generator of its
/// own seeded by the rejected point: the main sequence of draws, and with it every size, year,
/// head count and name of the sample, is the same as if there were no boundary.
fn near(rng: &mut Pcg64, centre: (i64, i64), min_km: f64, max_km: f64) -> (i64, i64) {
    let first = on_ring(rng, centre, min_km, max_km);
    if in_county(first) {
        return first;
    }
    let mut own = Pcg64::seed_from_u64(SEED ^ ((first.0 as u64) << 32) ^ first.1 as u64);
    for _ in 0..10_000 {
        let p = on_ring(&mut own, centre, min_km, max_km);
        if in_county(p) {
            return p;
        }
    }
    panic!("no point of the county within {max_km} km of {centre:?}");
}

/// The county boundary (`data/cixi/boundary.geojson`, WGS84), which the sample stays inside.
static COUNTY: std::sync::LazyLock<geo::MultiPolygon<f64>> = std::sync::LazyLock::new(|| {
    let text = include_str!("../data/cixi/boundary.geojson");
    let doc: geojson::FeatureCollection = text.parse().expect("the county boundary");
    let polygons = doc.features.iter().flat_map(|f| {
        let g = f.geometry.as_ref().expect("a boundary geometry");
        geo::MultiPolygon::<f64>::try_from(g.value.clone()).expect("a boundary of polygons")
    });
    geo::MultiPolygon::new(polygons.collect())
});

/// How far inside the county boundary every point of the sample lies at least, km (more than
/// a footprint's half-width, so that a footprint's centroid is inside too; the boundary itself
/// is approximate).
const COUNTY_MARGIN_KM: f64 = 0.3;

/// Whether a point (microdegrees) lies inside the county, [`COUNTY_MARGIN_KM`] from its
/// boundary east, west, north and south. `Contains` decides by exact orientation tests, the
/// same on every platform.
fn in_county((lon, lat): (i64, i64)) -> bool {
    use geo::Contains;
    let dx = COUNTY_MARGIN_KM / KM_PER_DEG_LON;
    let dy = COUNTY_MARGIN_KM / KM_PER_DEG_LAT;
    let (x, y) = (lon as f64 / 1e6, lat as f64 / 1e6);
    [(0.0, 0.0), (dx, 0.0), (-dx, 0.0), (0.0, dy), (0.0, -dy)]
        .iter()
        .all(|(ox, oy)| COUNTY.contains(&geo::Point::new(x + ox, y + oy)))
}

/// A point between `min_km` and `max_km` from `(lon, lat)`, uniformly over the ring, never out
/// in the bay. Rejection sampling keeps it free of `sin`/`cos`.
fn on_ring(rng: &mut Pcg64, (lon, lat): (i64, i64), min_km: f64, max_km: f64) -> (i64, i64) {
    loop {
        let dx = uniform(rng, -max_km, max_km);
        let dy = uniform(rng, -max_km, max_km);
        let r2 = dx * dx + dy * dy;
        if r2 > max_km * max_km || r2 < min_km * min_km {
            continue;
        }
        let x = lon + (dx / KM_PER_DEG_LON * 1e6).round() as i64;
        let y = lat + (dy / KM_PER_DEG_LAT * 1e6).round() as i64;
        if y <= MAX_LAT {
            return (x, y);
        }
    }
}

/// Deals areas out to towns in proportion to their weights: each new site goes to the town
/// furthest behind its share. Random draws would let one large apartment block make a small
/// subdistrict look like an industrial town.
struct Shares {
    weights: Vec<u64>,
    assigned: Vec<u64>,
}

impl Shares {
    fn new(weight: impl Fn(&TownSpec) -> u32) -> Shares {
        Shares {
            weights: TOWNS.iter().map(|t| u64::from(weight(t))).collect(),
            assigned: vec![0; TOWNS.len()],
        }
    }

    /// The town that gets the next site of `m2`.
    fn next(&mut self, m2: u64) -> usize {
        let total: u64 = self.assigned.iter().sum::<u64>() + m2;
        let sum: u64 = self.weights.iter().sum();
        // Behind = fair share − assigned, in units of 1/sum m² to stay in integers; the first
        // town wins ties.
        let behind = |t: usize| (self.weights[t] * total) as i64 - (self.assigned[t] * sum) as i64;
        let town = (0..TOWNS.len())
            .max_by_key(|&t| (behind(t), std::cmp::Reverse(t)))
            .unwrap_or(0);
        self.assigned[town] += m2;
        town
    }
}

/// Invented company and village names. Any likeness to a real firm is a coincidence.
struct NamePool {
    companies: Vec<(&'static str, &'static str)>,
    next_company: usize,
}

const BRANDS: [&str; 36] = [
    "恒达", "金诚", "宏兴", "华丰", "永盛", "天成", "新力", "中禾", "明昊", "润泰", "佳美", "瑞峰",
    "卓远", "盛隆", "嘉和", "越通", "信远", "锦程", "博远", "宁丰", "德润", "骏宇", "晨曦", "海昇",
    "昌鸿", "凯旋", "三和", "立邦", "飞跃", "东升", "久安", "富润", "庆丰", "联成", "合力", "兴业",
];
const TRADES: [&str; 16] = [
    "电器", "轴承", "汽配", "塑业", "五金", "纺织", "化纤", "家电", "电子", "机械", "模具", "照明",
    "针织", "卫浴", "电机", "线缆",
];
const VILLAGES: [&str; 24] = [
    "新华", "联丰", "五星", "东海", "立新", "光明", "潮塘", "四灶", "三塘", "兴农", "海北", "长胜",
    "万安", "界塘", "建塘", "双湖", "洋浦", "南园", "新江", "大同", "红旗", "永丰", "团结", "胜利",
];

impl NamePool {
    fn new(rng: &mut Pcg64) -> NamePool {
        let mut companies: Vec<_> = BRANDS
            .iter()
            .flat_map(|b| TRADES.iter().map(move |t| (*b, *t)))
            .collect();
        companies.shuffle(rng);
        NamePool {
            companies,
            next_company: 0,
        }
    }

    /// A new employer in `town`, with its plant a little away from the town's centre.
    fn employer(&mut self, rng: &mut Pcg64, town: usize) -> Employer {
        let (brand, trade) = self.companies[self.next_company % self.companies.len()];
        self.next_company += 1;
        let (lon, lat) = near(rng, (TOWNS[town].lon, TOWNS[town].lat), 0.5, 3.0);
        Employer {
            name: format!("慈溪市{brand}{trade}有限公司"),
            short: format!("{brand}{trade}"),
            town,
            lon,
            lat,
        }
    }
}

/// One slice of the 2020 stock: a kind, a total area and the years it was completed in.
struct Bucket {
    kind: SiteKind,
    total_m2: u64,
    years: RangeInclusive<i32>,
    sizes: (u64, u64),
}

/// The 2020 stock: four buckets whose totals give the seed's figures exactly.
fn buckets() -> [Bucket; 4] {
    use SiteKind::{EnterpriseDormitory as Dorm, MigrantApartment as Apt};
    let bucket = |kind, total_m2, years, sizes| Bucket {
        kind,
        total_m2,
        years,
        sizes,
    };
    let (apt, dorm) = ((2_000, 25_000), (800, 15_000));
    let (apt_new, dorm_new) = (
        APARTMENT_SINCE_2013_M2,
        SINCE_2013_M2 - APARTMENT_SINCE_2013_M2,
    );
    [
        bucket(Apt, APARTMENT_M2 - apt_new, 1998..=2012, apt),
        bucket(Apt, apt_new, 2013..=2020, apt),
        bucket(Dorm, DORMITORY_M2 - dorm_new, 1995..=2012, dorm),
        bucket(Dorm, dorm_new, 2013..=2020, dorm),
    ]
}

/// Draws the dormitories and apartments that stood at the end of 2020.
fn stock(rng: &mut Pcg64, names: &mut NamePool, employers: &mut Vec<Employer>) -> Vec<SampleSite> {
    let mut sites = Vec::new();
    let mut apartment_share = Shares::new(|t| t.apartment_weight);
    let mut dorm_share = Shares::new(|t| t.dorm_weight);
    // Dormitories per employer, for reusing big employers (a Chinese-restaurant process: the
    // more dormitories an employer has, the likelier it gets the next one in its town).
    let mut dorms_of: Vec<u32> = Vec::new();
    for bucket in buckets() {
        for gross in partition(rng, bucket.total_m2, bucket.sizes.0, bucket.sizes.1) {
            let year = rng.random_range(bucket.years.clone());
            let mut site = match bucket.kind {
                SiteKind::MigrantApartment => {
                    let town = apartment_share.next(gross);
                    let mut site = SampleSite::new(bucket.kind, town, gross, year);
                    (site.lon, site.lat) = near(rng, (TOWNS[town].lon, TOWNS[town].lat), 0.3, 3.0);
                    if rng.random_bool(0.5) {
                        site.rent_yuan_month = Some(rng.random_range(20..=45) * 10);
                    }
                    site
                }
                _ => {
                    let town = dorm_share.next(gross);
                    let here: Vec<usize> = (0..employers.len())
                        .filter(|&e| employers[e].town == town)
                        .collect();
                    let taken: u32 = here.iter().map(|&e| dorms_of[e]).sum();
                    let fresh = rng.random_range(0.0..1.0) < 1.5 / (1.5 + f64::from(taken));
                    let employer = if fresh || here.is_empty() {
                        employers.push(names.employer(rng, town));
                        dorms_of.push(0);
                        employers.len() - 1
                    } else {
                        let dist = WeightedIndex::new(here.iter().map(|&e| dorms_of[e]))
                            .expect("employers here have dormitories");
                        here[dist.sample(rng)]
                    };
                    dorms_of[employer] += 1;
                    let mut site = SampleSite::new(bucket.kind, town, gross, year);
                    let plant = (employers[employer].lon, employers[employer].lat);
                    (site.lon, site.lat) = near(rng, plant, 0.1, 0.8);
                    site.employer = Some(employer);
                    site
                }
            };
            site.status = SiteStatus::Existing;
            sites.push(site);
        }
    }
    sites
}

/// Dormitories and apartments finished or started after 2020: outside the reply's stock, they
/// make `as_of_year` matter.
fn after_2020(rng: &mut Pcg64, employers: &[Employer]) -> Vec<SampleSite> {
    let mut sites = Vec::new();
    let plans = [
        (
            "121",
            SiteKind::EnterpriseDormitory,
            SiteStatus::Existing,
            2021,
        ),
        (
            "118",
            SiteKind::EnterpriseDormitory,
            SiteStatus::Existing,
            2022,
        ),
        (
            "107",
            SiteKind::EnterpriseDormitory,
            SiteStatus::UnderConstruction,
            2023,
        ),
        (
            "112",
            SiteKind::MigrantApartment,
            SiteStatus::Existing,
            2022,
        ),
        (
            "118",
            SiteKind::MigrantApartment,
            SiteStatus::UnderConstruction,
            2023,
        ),
    ];
    for (code, kind, status, year) in plans {
        let town = town_index(code);
        let mut site = match kind {
            SiteKind::EnterpriseDormitory => {
                let gross = rng.random_range(3_000..=9_000);
                let mut site = SampleSite::new(kind, town, gross, year);
                // The town's first employer: an established firm adding a dormitory.
                let employer = employers
                    .iter()
                    .position(|e| e.town == town)
                    .expect("every dormitory town has an employer");
                site.employer = Some(employer);
                let plant = (employers[employer].lon, employers[employer].lat);
                (site.lon, site.lat) = near(rng, plant, 0.1, 0.8);
                site
            }
            _ => {
                let gross = rng.random_range(6_000..=15_000);
                let mut site = SampleSite::new(kind, town, gross, year);
                (site.lon, site.lat) = near(rng, (TOWNS[town].lon, TOWNS[town].lat), 0.3, 3.0);
                site.rent_yuan_month = Some(rng.random_range(25..=45) * 10);
                site
            }
        };
        site.status = status;
        if status == SiteStatus::UnderConstruction {
            site.started_year = Some(year - 2);
        }
        sites.push(site);
    }
    sites
}

/// The settings of the baseline: plan at 8 m² of residential area, residential = 0.8333 ×
/// gross where not declared, only the two kinds the reply counts, as of 2020.
pub fn baseline_settings() -> Settings {
    settings(
        PLAN_M2,
        USABLE_RATIO,
        Some(2020),
        vec![SiteKind::EnterpriseDormitory, SiteKind::MigrantApartment],
    )
}

/// Scenario settings with the given standard, usable ratio, year and kinds (other settings at
/// their defaults: existing and under-construction sites count).
pub fn settings(
    plan_m2: f64,
    usable_ratio: f64,
    as_of_year: Option<i32>,
    kinds: Vec<SiteKind>,
) -> Settings {
    let standard = |m2: f64| Standard::from_m2(m2).expect("a valid standard");
    Settings {
        as_of_year,
        standard: StandardSettings {
            plan: standard(plan_m2),
            floor: standard(8.0),
            ceiling: standard(10.0),
            usable_ratio: Ratio::from_fraction(usable_ratio).expect("a valid ratio"),
            include_status: vec![SiteStatus::Existing, SiteStatus::UnderConstruction],
            include_kind: kinds,
        },
        allocation: AllocationSettings {
            cutoff_km: 10.0,
            nearest_k: 30,
            unhoused_penalty: 100_000,
            cost_unit: CostUnit::Metres,
            cost_matrix: None,
            matrix_arcs: MatrixArcs::default(),
            spare_beds: Default::default(),
        },
        plan: PlanSettings::default(),
        demand_growth: 1.0,
        subsidy: Default::default(),
        lang: None,
    }
}

/// People a site holds at `standard` under the baseline's usable ratio, without its beds cap.
fn by_area(site: &SampleSite, standard: f64) -> u64 {
    let mut site = to_site(site, &[]);
    site.beds = None;
    capacity::beds_at(
        &site,
        &baseline_settings(),
        Standard::from_m2(standard).expect("a valid standard"),
    )
}

/// Declared residential areas, beds and a few over-occupied sites among the dormitories and
/// apartments. Declared residential areas run a little above the default ratio (0.80–0.90),
/// which balances the beds caps that run a little below the area's capacity.
fn declare(rng: &mut Pcg64, sites: &mut [SampleSite]) {
    for site in sites.iter_mut() {
        if rng.random_bool(0.22) {
            let ratio = uniform(rng, 0.80, 0.90);
            site.residential_m2 = Some((site.gross_m2 as f64 * ratio).round() as u64);
        }
        if rng.random_bool(0.28) {
            // Bunk beds come in pairs; some rooms are kept back for a canteen or an office.
            let fits = by_area(site, PLAN_M2);
            let kept_back = (fits as f64 * uniform(rng, 0.0, 0.04)).round() as u64;
            site.beds = Some(u32::try_from((fits - kept_back) / 2 * 2).unwrap_or(u32::MAX));
        }
    }
    // Over-occupied: declared beds give each person 6.4–7.4 m², below the 8 m² floor. Two
    // dormitories and one apartment, all in the 2020 stock.
    let mut chosen = Vec::new();
    for (kind, count) in [
        (SiteKind::EnterpriseDormitory, 2),
        (SiteKind::MigrantApartment, 1),
    ] {
        let pool: Vec<usize> = (0..sites.len())
            .filter(|&i| sites[i].kind == kind && sites[i].in_2020_stock())
            .collect();
        chosen.extend(pool.sample(rng, count).copied());
    }
    for i in chosen {
        let site = &mut sites[i];
        let residential = *site
            .residential_m2
            .get_or_insert((site.gross_m2 as f64 * 0.82).round() as u64);
        site.beds = Some((residential as f64 / uniform(rng, 6.4, 7.4)).ceil() as u32);
    }
}

/// One rental-housing project of the central rental pilot, as laid out by hand (sizes, costs,
/// beds and rents are drawn): name, town code suffix, kind, status, (start, completion),
/// converted from, expert review, safety.
type Project = (
    &'static str,
    &'static str,
    SiteKind,
    SiteStatus,
    (Option<i32>, Option<i32>),
    Option<&'static str>,
    Option<ExpertReview>,
    Option<bool>,
);

/// The rental projects: 2019–2025 completions (the pilot's 2020–2022 window and one or more on
/// each side; four candidates plan to finish in 2022, inside the window, so planning can net
/// their subsidy off their cost), every expert-review state, conversions from each former use, one conversion
/// known unsafe and one with safety unstated, and candidates in the priority areas the reply
/// names (industrial parks, small-and-micro parks, central towns, towns around the city).
// One project a line: the table is read across, not down.
#[rustfmt::skip]
fn projects() -> Vec<Project> {
    use ExpertReview::{Failed, None as NoReview, Passed, Pending};
    use SiteKind::{RentalConversion as Rc, RentalNewBuild as Nb};
    use SiteStatus::{Candidate, Existing, UnderConstruction};
    let y = |start: i32, done: i32| (Some(start), Some(done));
    vec![
        ("周巷镇新市民租赁公寓一期", "121", Nb, Existing, y(2019, 2020), None, Some(Passed), Some(true)),
        ("庵东镇产业园区人才公寓", "118", Nb, Existing, y(2019, 2021), None, Some(Passed), Some(true)),
        ("观海卫镇新市民租赁公寓", "107", Nb, Existing, y(2020, 2021), None, Some(Passed), None),
        ("宗汉街道蓝领公寓", "002", Nb, Existing, y(2020, 2022), None, Some(Pending), Some(true)),
        ("新浦镇新市民公寓", "112", Nb, Existing, y(2021, 2022), None, Some(Failed), Some(true)),
        ("长河镇租赁住房项目", "120", Nb, Existing, y(2020, 2022), None, Some(NoReview), None),
        ("附海镇新市民公寓", "108", Nb, Existing, y(2019, 2020), None, Some(Passed), Some(true)),
        ("掌起镇新市民公寓", "104", Nb, Existing, y(2020, 2021), None, None, Some(true)),
        ("坎墩街道蓝领公寓二期", "003", Nb, UnderConstruction, y(2021, 2023), None, Some(Pending), None),
        ("逍林镇新市民租赁公寓", "111", Nb, UnderConstruction, y(2023, 2024), None, Some(NoReview), None),
        ("周巷镇闲置厂房改建租赁住房", "121", Rc, Existing, y(2019, 2019), Some("industrial"), Some(Passed), Some(true)),
        ("宗汉街道商业用房改建公寓", "002", Rc, Existing, y(2020, 2020), Some("commercial"), Some(Passed), Some(true)),
        ("坎墩街道办公楼改建租赁住房", "003", Rc, Existing, y(2020, 2021), Some("office"), Some(Pending), Some(true)),
        ("观海卫镇厂房改建宿舍", "107", Rc, Existing, y(2021, 2021), Some("industrial"), Some(Pending), Some(false)),
        ("浒山街道办公用房改建人才公寓", "004", Rc, Existing, y(2021, 2022), Some("office"), Some(Passed), Some(true)),
        ("龙山镇集中式农房改建租赁住房", "123", Rc, Existing, y(2021, 2022), Some("farm_houses"), Some(NoReview), None),
        ("胜山镇农房改建新市民公寓", "113", Rc, Existing, y(2020, 2021), Some("farm_houses"), Some(Passed), Some(true)),
        ("横河镇厂房改建租赁住房", "114", Rc, Existing, y(2022, 2022), Some("industrial"), Some(Failed), Some(true)),
        ("白沙路街道商业用房改建公寓", "005", Rc, Existing, y(2021, 2022), Some("commercial"), None, Some(true)),
        ("崇寿镇商业综合体改建公寓", "116", Rc, UnderConstruction, y(2022, 2023), Some("commercial"), Some(Pending), Some(true)),
        ("庵东镇工业园区新市民公寓（拟建）", "118", Nb, Candidate, (None, Some(2022)), None, Some(NoReview), None),
        ("周巷镇中心镇新市民公寓二期（拟建）", "121", Nb, Candidate, (None, Some(2025)), None, Some(NoReview), None),
        ("周巷镇小微工业园厂房改建公寓（拟建）", "121", Rc, Candidate, (None, Some(2022)), Some("industrial"), Some(Pending), Some(true)),
        ("观海卫镇中心镇办公楼改建公寓（拟建）", "107", Rc, Candidate, (None, None), Some("office"), Some(NoReview), Some(true)),
        ("桥头镇城区周边新市民公寓（拟建）", "109", Nb, Candidate, (None, Some(2022)), None, None, None),
        ("新浦镇小微工业园厂房改建公寓（拟建）", "112", Rc, Candidate, (None, Some(2023)), Some("industrial"), Some(NoReview), Some(true)),
        ("匡堰镇城区周边租赁住房（拟建）", "110", Nb, Candidate, (None, None), None, Some(NoReview), None),
        ("逍林镇工业园区农房改建公寓（拟建）", "111", Rc, Candidate, (None, Some(2022)), Some("farm_houses"), Some(NoReview), Some(true)),
    ]
}

/// Draws the rental projects' sizes, costs, beds and rents.
fn rental_projects(rng: &mut Pcg64) -> Vec<SampleSite> {
    let mut sites = Vec::new();
    for (name, code, kind, status, years, converted_from, review, safety_ok) in projects() {
        let town = town_index(code);
        let candidate = status == SiteStatus::Candidate;
        let new_build = kind == SiteKind::RentalNewBuild;
        let (sizes, yuan_per_m2, rents) = match (new_build, candidate) {
            (true, false) => ((6_000, 24_000), (4_000.0, 4_500.0), 50..=90),
            (true, true) => ((8_000, 16_000), (4_000.0, 4_500.0), 50..=90),
            (false, false) => ((2_500, 12_000), (1_000.0, 2_500.0), 30..=65),
            (false, true) => ((3_000, 9_000), (1_000.0, 2_500.0), 30..=65),
        };
        let gross: u64 = rng.random_range(sizes.0..=sizes.1);
        let mut site = SampleSite::new(kind, town, gross, 0);
        site.name = name.to_string();
        site.status = status;
        (site.started_year, site.completed_year) = years;
        site.converted_from = converted_from;
        site.expert_review = review;
        site.safety_ok = safety_ok;
        (site.lon, site.lat) = near(rng, (TOWNS[town].lon, TOWNS[town].lat), 0.5, 3.0);
        let rate = uniform(rng, yuan_per_m2.0, yuan_per_m2.1);
        site.cost_yuan = Some((gross as f64 * rate).round() as u64);
        if rng.random_bool(0.5) {
            let ratio = uniform(rng, 0.78, 0.86);
            site.residential_m2 = Some((gross as f64 * ratio).round() as u64);
        }
        if rng.random_bool(0.6) {
            // Rental flats are let at 8.5–10.5 m² a bed: within the standard.
            let residential = to_site(&site, &[]).residential_area(&baseline_settings().standard);
            site.beds = Some((residential.m2() / uniform(rng, 8.5, 10.5)).floor() as u32);
        }
        site.rent_yuan_month = Some(rng.random_range(rents) * 10);
        sites.push(site);
    }
    sites
}

/// Gives a handful of sites a building footprint instead of a point, so that readers compute
/// centroids: rectangles of 60–150 m a side, and one L-shaped block.
fn footprints(rng: &mut Pcg64, sites: &mut [SampleSite]) {
    let mut chosen = Vec::new();
    for (kind, count) in [
        (SiteKind::MigrantApartment, 3),
        (SiteKind::EnterpriseDormitory, 2),
        (SiteKind::RentalNewBuild, 2),
    ] {
        let pool: Vec<usize> = (0..sites.len())
            .filter(|&i| sites[i].kind == kind)
            .collect();
        chosen.extend(pool.sample(rng, count).copied());
    }
    for (n, i) in chosen.into_iter().enumerate() {
        let w = rng.random_range(300..=800);
        let h = rng.random_range(300..=650);
        // Rings run counter-clockwise (RFC 7946) and close on their first position.
        let ring = if n == 0 {
            vec![(-w, -h), (w, -h), (w, 0), (0, 0), (0, h), (-w, h), (-w, -h)]
        } else {
            vec![(-w, -h), (w, -h), (w, h), (-w, h), (-w, -h)]
        };
        sites[i].footprint = Some(ring);
    }
}

/// Sorts the sites (by kind, town, year, size) and gives them ids and names.
fn name_sites(rng: &mut Pcg64, sites: &mut [SampleSite], employers: &[Employer]) {
    sites.sort_by_key(|s| {
        let kind = SiteKind::ALL.iter().position(|k| *k == s.kind);
        (kind, s.town, s.completed_year, s.gross_m2)
    });
    let mut per_kind: BTreeMap<&str, u32> = BTreeMap::new();
    let mut per_employer: BTreeMap<usize, u32> = BTreeMap::new();
    let mut villages: Vec<Vec<&str>> = (0..TOWNS.len())
        .map(|_| {
            let mut v = VILLAGES.to_vec();
            v.shuffle(rng);
            v
        })
        .collect();
    for site in sites.iter_mut() {
        let prefix = match site.kind {
            SiteKind::EnterpriseDormitory => "ED",
            SiteKind::MigrantApartment => "MA",
            SiteKind::RentalNewBuild => "RN",
            SiteKind::RentalConversion => "RC",
        };
        let n = per_kind.entry(prefix).or_insert(0);
        *n += 1;
        site.id = format!("{prefix}{n:04}");
        match (site.kind, site.employer) {
            (SiteKind::EnterpriseDormitory, Some(e)) => {
                let k = per_employer.entry(e).or_insert(0);
                *k += 1;
                site.name = format!("{}职工宿舍{k}号楼", employers[e].short);
            }
            (SiteKind::MigrantApartment, _) => {
                let town = &TOWNS[site.town];
                let village = villages[site.town].pop().unwrap_or("新市民");
                site.name = format!("{}{village}村外口公寓", short_name(town));
            }
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Demand

/// Draws the demand groups: each dormitory employer's workers (a little more or fewer than its
/// beds), employers without dormitories, park and village groups, and small crews that must
/// stay together. Each town's total is its 2020 beds times its pressure, so some towns are short
/// and some have beds to spare.
fn demand(
    rng: &mut Pcg64,
    names: &mut NamePool,
    employers: &mut Vec<Employer>,
    sites: &[SampleSite],
) -> Vec<Group> {
    let settings = baseline_settings();
    let mut town_beds = vec![0u64; TOWNS.len()];
    let mut employer_beds = vec![0u64; employers.len()];
    for s in sites {
        let site = to_site(s, employers);
        if capacity::in_supply(&site, &settings) {
            let beds = capacity::beds(&site, &settings);
            town_beds[s.town] += beds;
            if let Some(e) = s.employer {
                employer_beds[e] += beds;
            }
        }
    }
    let dorm_employers = employers.len();
    let mut groups = Vec::new();
    let mut counters: BTreeMap<char, u32> = BTreeMap::new();
    let mut push = |groups: &mut Vec<Group>, prefix: char, mut group: Group| {
        let n = counters.entry(prefix).or_insert(0);
        *n += 1;
        group.id = format!("{prefix}{n:04}");
        groups.push(group);
    };
    for (t, spec) in TOWNS.iter().enumerate() {
        let centre = (spec.lon, spec.lat);
        let target = (town_beds[t] as f64 * spec.pressure).round() as u64;
        let mut placed = 0u64;
        let blank = |people: u64, (lon, lat): (i64, i64)| Group {
            id: String::new(),
            town: t,
            people: u32::try_from(people).unwrap_or(u32::MAX),
            lon,
            lat,
            employer: None,
            priority: 0,
            keep_together: false,
            max_commute_dkm: None,
        };
        for e in (0..dorm_employers).filter(|&e| employers[e].town == t) {
            let people = match employer_beds[e] {
                0 => rng.random_range(100..=400),
                beds => (beds as f64 * spec.pressure * uniform(rng, 0.85, 1.15)).round() as u64,
            };
            let parts = if people <= 900 {
                vec![people]
            } else {
                partition(rng, people, 150, 900)
            };
            for part in parts {
                let plant = (employers[e].lon, employers[e].lat);
                let mut g = blank(part, near(rng, plant, 0.05, 0.6));
                g.employer = Some(employers[e].name.clone());
                g.priority = points(rng, 0.15);
                placed += part;
                push(&mut groups, 'E', g);
            }
        }
        // Firms without a dormitory: their workers need apartments or rental housing.
        let firms = if spec.dorm_weight >= 6 { 2 } else { 1 };
        for _ in 0..firms {
            let firm = names.employer(rng, t);
            let people = rng.random_range(60..=400);
            let mut g = blank(people, near(rng, (firm.lon, firm.lat), 0.05, 0.4));
            g.employer = Some(firm.name.clone());
            g.priority = points(rng, 0.15);
            employers.push(firm);
            placed += people;
            push(&mut groups, 'E', g);
        }
        // Crews (construction, logistics) that move as one.
        for _ in 0..rng.random_range(1..=3) {
            let people = rng.random_range(8..=40);
            let mut g = blank(people, near(rng, centre, 0.3, 3.0));
            g.keep_together = true;
            g.priority = points(rng, 0.3);
            placed += people;
            push(&mut groups, 'T', g);
        }
        let rest = target.saturating_sub(placed).max(300);
        let parks = rest * 2 / 5;
        let park_centres = [near(rng, centre, 1.0, 3.0), near(rng, centre, 1.0, 3.0)];
        let park_parts = if parks < 400 {
            vec![parks]
        } else {
            partition(rng, parks, 200, 1_500)
        };
        for (i, part) in park_parts.into_iter().enumerate() {
            let mut g = blank(part, near(rng, park_centres[i % 2], 0.05, 0.5));
            g.priority = points(rng, 0.15);
            push(&mut groups, 'P', g);
        }
        for part in partition(rng, rest - parks, 50, 600) {
            let mut g = blank(part, near(rng, centre, 0.5, 3.5));
            g.priority = points(rng, 0.15);
            push(&mut groups, 'V', g);
        }
    }
    // A few groups will not travel far: 3–5 km.
    let local: Vec<usize> = (0..groups.len())
        .filter(|&i| groups[i].id.starts_with(['P', 'V']))
        .collect();
    for i in local.sample(rng, 12).copied().collect::<Vec<_>>() {
        groups[i].max_commute_dkm = Some(*[30, 35, 40, 50].choose(rng).unwrap_or(&40));
    }
    groups
}

/// Residence-permit points (量化积分): most groups have none; a minority between 10 and 200.
fn points(rng: &mut Pcg64, share: f64) -> u32 {
    if rng.random_bool(share) {
        rng.random_range(10..=200)
    } else {
        0
    }
}

// ---------------------------------------------------------------------------------------------
// The crate's view, and the self-check

/// The site as dormplan's capacity model sees it.
pub fn to_site(s: &SampleSite, employers: &[Employer]) -> Site {
    let area = |m2: u64| Area::from_centi_m2(m2 as i64 * 100);
    Site {
        id: s.id.clone(),
        name: s.name.clone(),
        town: s.town,
        kind: s.kind,
        status: s.status,
        location: geo::Point::new(s.lon as f64 / 1e6, s.lat as f64 / 1e6),
        // Capacity and the checks here need no footprint.
        polygon: None,
        gross: area(s.gross_m2),
        residential: s.residential_m2.map(area),
        beds: s.beds,
        cost: s.cost_yuan.map(|y| Fen(y as i64 * 100)),
        started_year: s.started_year,
        completed_year: s.completed_year,
        converted_from: s.converted_from.map(str::to_string),
        expert_review: s.expert_review.unwrap_or_default(),
        structurally_safe: s.safety_ok,
        fire_safe: s.safety_ok,
        idle_before_conversion: None,
        employer: s
            .employer
            .and_then(|e| employers.get(e))
            .map(|e| e.name.clone()),
        rent_month: s.rent_yuan_month.map(|r| Fen(i64::from(r) * 100)),
    }
}

/// Total beds of the sites in supply under `settings`.
pub fn total_beds(sample: &Sample, settings: &Settings) -> u64 {
    sample
        .sites
        .iter()
        .map(|s| to_site(s, &sample.employers))
        .filter(|s| capacity::in_supply(s, settings))
        .map(|s| capacity::beds(&s, settings))
        .sum()
}

/// Everything the generator measured about its sample.
#[derive(Debug)]
pub struct Report {
    /// Printable lines.
    pub lines: Vec<String>,
    /// Broken requirements (empty when the sample is good).
    pub failures: Vec<String>,
}

/// Checks the sample against the reply's figures and the sample's own requirements.
pub fn check(sample: &Sample) -> Report {
    let mut lines = Vec::new();
    let mut failures = Vec::new();
    let mut require = |ok: bool, what: String| {
        if !ok {
            failures.push(what);
        }
    };
    let stock: Vec<&SampleSite> = sample.sites.iter().filter(|s| s.in_2020_stock()).collect();
    let sum = |pred: &dyn Fn(&SampleSite) -> bool| -> u64 {
        stock.iter().filter(|s| pred(s)).map(|s| s.gross_m2).sum()
    };
    let apartments = sum(&|s| s.kind == SiteKind::MigrantApartment);
    let dorms = sum(&|s| s.kind == SiteKind::EnterpriseDormitory);
    let recent = sum(&|s| s.completed_year.is_some_and(|y| y >= 2013));
    lines.push(format!(
        "2020 stock: migrant_apartment {apartments} m², enterprise_dormitory {dorms} m², \
         completed 2013 or later {recent} m², {} sites",
        stock.len()
    ));
    require(
        apartments == APARTMENT_M2,
        format!("apartments {apartments} m²"),
    );
    require(dorms == DORMITORY_M2, format!("dormitories {dorms} m²"));
    require(recent == SINCE_2013_M2, format!("since 2013 {recent} m²"));

    let baseline = baseline_settings();
    let beds = total_beds(sample, &baseline);
    let kinds = baseline.standard.include_kind.clone();
    let beds_9 = total_beds(
        sample,
        &settings(9.0, USABLE_RATIO, Some(2020), kinds.clone()),
    );
    let beds_10 = total_beds(sample, &settings(10.0, USABLE_RATIO, Some(2020), kinds));
    let band = RESIDENTS_2020 * TOLERANCE_PER_MILLE / 1000;
    lines.push(format!(
        "2020 beds: {beds} at 8 m² residential (usable ratio {USABLE_RATIO}, 9.6 m² gross), \
         {beds_9} at 9 m², {beds_10} at 10 m²; seed {RESIDENTS_2020} ± {band}"
    ));
    require(
        beds.abs_diff(RESIDENTS_2020) <= band,
        format!("2020 beds {beds} not within {band} of {RESIDENTS_2020}"),
    );

    let over: Vec<&str> = sample
        .sites
        .iter()
        .filter(|s| to_site(s, &sample.employers).is_over_occupied(&baseline.standard))
        .map(|s| s.id.as_str())
        .collect();
    lines.push(format!("over-occupied: {}", over.join(", ")));
    require(
        (2..=4).contains(&over.len()),
        format!("{} over-occupied", over.len()),
    );

    check_rental(sample, &mut lines, &mut require);
    lines.extend(expansion_lines(sample));
    check_demand(sample, &mut lines, &mut require);
    check_places(sample, &mut require);
    Report { lines, failures }
}

/// 2022 beds of every kind and the candidates' beds, per town: what `[plan] min_beds` in
/// `scenarios/cixi-2022-expansion.toml` is chosen against.
fn expansion_lines(sample: &Sample) -> Vec<String> {
    let settings = settings(PLAN_M2, USABLE_RATIO, Some(2022), SiteKind::ALL.to_vec());
    let mut lines = vec!["2022 beds (all kinds) and candidates at 8 m²:".to_string()];
    for (t, spec) in TOWNS.iter().enumerate() {
        let mut beds = 0;
        let mut candidates = Vec::new();
        for s in sample.sites.iter().filter(|s| s.town == t) {
            let site = to_site(s, &sample.employers);
            if capacity::in_supply(&site, &settings) {
                beds += capacity::beds(&site, &settings);
            } else if s.status == SiteStatus::Candidate {
                candidates.push(format!(
                    "{} {} beds {} yuan",
                    s.id,
                    capacity::beds(&site, &settings),
                    s.cost_yuan.unwrap_or(0)
                ));
            }
        }
        lines.push(format!(
            "  {} beds {beds:>6}  {}",
            spec.code,
            candidates.join("; ")
        ));
    }
    lines
}

fn check_rental(sample: &Sample, lines: &mut Vec<String>, require: &mut impl FnMut(bool, String)) {
    let rental: Vec<&SampleSite> = sample.sites.iter().filter(|s| s.kind.is_rental()).collect();
    let candidates = rental
        .iter()
        .filter(|s| s.status == SiteStatus::Candidate)
        .count();
    lines.push(format!(
        "rental projects: {} ({candidates} candidates)",
        rental.len()
    ));
    let mut dorms = vec![0u32; sample.employers.len()];
    for e in sample.sites.iter().filter_map(|s| s.employer) {
        dorms[e] += 1;
    }
    let owners = dorms.iter().filter(|&&n| n > 0).count();
    let max = dorms.iter().max().copied().unwrap_or(0);
    lines.push(format!(
        "employers: {} ({owners} with dormitories, at most {max} dormitories each)",
        sample.employers.len()
    ));
    require(
        (20..=30).contains(&rental.len()),
        "20–30 rental projects".into(),
    );
    require((6..=10).contains(&candidates), "6–10 candidates".into());
    for s in &rental {
        let cost = s.cost_yuan.unwrap_or(0);
        let per_m2 = cost / s.gross_m2;
        let range = if s.kind == SiteKind::RentalNewBuild {
            4_000..=4_500
        } else {
            1_000..=2_500
        };
        require(
            range.contains(&per_m2),
            format!("{}: {per_m2} yuan/m²", s.id),
        );
        let rent = s.rent_yuan_month.unwrap_or(0);
        require(
            (300..=900).contains(&rent),
            format!("{}: rent {rent}", s.id),
        );
        require(
            s.kind == SiteKind::RentalNewBuild || s.converted_from.is_some(),
            format!("{}: conversion without converted_from", s.id),
        );
    }
    let done = |s: &&&SampleSite| s.status != SiteStatus::Candidate;
    let years: Vec<i32> = rental
        .iter()
        .filter(done)
        .filter_map(|s| s.completed_year)
        .collect();
    require(
        years.iter().any(|&y| y < 2020),
        "a completion before 2020".into(),
    );
    require(
        years.iter().any(|&y| y > 2022),
        "a completion after 2022".into(),
    );
}

fn check_demand(sample: &Sample, lines: &mut Vec<String>, require: &mut impl FnMut(bool, String)) {
    let people: u64 = sample.groups.iter().map(|g| u64::from(g.people)).sum();
    let with_points: u64 = sample
        .groups
        .iter()
        .filter(|g| g.priority > 0)
        .map(|g| u64::from(g.people))
        .sum();
    let together = sample.groups.iter().filter(|g| g.keep_together).count();
    let commute = sample
        .groups
        .iter()
        .filter(|g| g.max_commute_dkm.is_some())
        .count();
    lines.push(format!(
        "demand: {people} people in {} groups; {with_points} people with points; \
         {together} keep-together groups; {commute} with a commute limit",
        sample.groups.len()
    ));
    require(
        (150_000..=165_000).contains(&people),
        format!("demand {people}"),
    );
    require(
        (300..=800).contains(&sample.groups.len()),
        "300–800 groups".into(),
    );
    require(with_points * 2 < people, "a minority with points".into());

    let settings = baseline_settings();
    let mut beds = vec![0u64; TOWNS.len()];
    for s in &sample.sites {
        let site = to_site(s, &sample.employers);
        if capacity::in_supply(&site, &settings) {
            beds[s.town] += capacity::beds(&site, &settings);
        }
    }
    let mut need = vec![0u64; TOWNS.len()];
    for g in &sample.groups {
        need[g.town] += u64::from(g.people);
    }
    let (mut short, mut spare) = (0, 0);
    for (t, spec) in TOWNS.iter().enumerate() {
        let balance = beds[t] as i64 - need[t] as i64;
        lines.push(format!(
            "  {} {:<6} beds {:>6}  people {:>6}  {}{}",
            spec.code,
            spec.name_en,
            beds[t],
            need[t],
            if balance < 0 { "short " } else { "spare " },
            balance.unsigned_abs()
        ));
        short += usize::from(balance < 0);
        spare += usize::from(balance > 0);
        require(beds[t] > 0, format!("{} has no beds", spec.code));
    }
    require(
        short >= 3 && spare >= 3,
        "some towns short, some spare".into(),
    );
    let dorm_employers: Vec<&str> = sample
        .sites
        .iter()
        .filter_map(|s| s.employer.map(|e| sample.employers[e].name.as_str()))
        .collect();
    for s in &sample.sites {
        if s.kind == SiteKind::EnterpriseDormitory {
            require(s.employer.is_some(), format!("{} has no employer", s.id));
        }
    }
    let served = sample
        .groups
        .iter()
        .filter(|g| {
            g.employer
                .as_deref()
                .is_some_and(|e| dorm_employers.contains(&e))
        })
        .count();
    require(
        served > 0,
        "employer groups match dormitory employers".into(),
    );
}

/// Every site and group within 5 km of its town's centroid, and ids unique.
fn check_places(sample: &Sample, require: &mut impl FnMut(bool, String)) {
    let km = |t: usize, lon: i64, lat: i64| {
        let dx = (lon - TOWNS[t].lon) as f64 / 1e6 * KM_PER_DEG_LON;
        let dy = (lat - TOWNS[t].lat) as f64 / 1e6 * KM_PER_DEG_LAT;
        (dx * dx + dy * dy).sqrt()
    };
    let places = sample.sites.iter().map(|s| (&s.id, s.town, s.lon, s.lat));
    let places = places.chain(sample.groups.iter().map(|g| (&g.id, g.town, g.lon, g.lat)));
    for (id, town, lon, lat) in places {
        require(km(town, lon, lat) <= 5.0, format!("{id} far from town"));
        require(in_county((lon, lat)), format!("{id} outside the county"));
    }
    for t in &TOWNS {
        require(
            in_county((t.lon, t.lat)),
            format!("{} outside the county", t.code),
        );
    }
    let mut ids: Vec<&str> = sample.sites.iter().map(|s| s.id.as_str()).collect();
    ids.extend(sample.groups.iter().map(|g| g.id.as_str()));
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    require(ids.len() == n, "ids unique".into());
}

// ---------------------------------------------------------------------------------------------
// Files

/// Microdegrees as degrees with six decimals.
fn degrees(micro: i64) -> String {
    format!("{:.6}", micro as f64 / 1e6)
}

#[derive(Serialize, Default)]
struct TownRow {
    code: &'static str,
    name_zh: &'static str,
    name_en: &'static str,
    lon: String,
    lat: String,
    kind: &'static str,
}

#[derive(Serialize, Default)]
struct DemandRow<'a> {
    id: &'a str,
    town: &'static str,
    people: u32,
    lon: String,
    lat: String,
    employer: Option<&'a str>,
    priority: u32,
    keep_together: bool,
    max_commute_km: Option<String>,
}

/// A site's properties in the documented order (a struct, not a map, so the order does not
/// depend on serde_json's features).
#[derive(Serialize)]
struct SiteProperties<'a> {
    id: &'a str,
    name: &'a str,
    town: &'static str,
    kind: &'static str,
    status: &'static str,
    gross_m2: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    residential_m2: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    beds: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost_yuan: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    started_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    completed_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    converted_from: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expert_review: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    safety_ok: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    employer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rent_yuan_month: Option<u32>,
}

#[derive(Serialize)]
struct FeatureOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    properties: SiteProperties<'a>,
    geometry: geojson::Geometry,
}

fn feature<'a>(s: &'a SampleSite, employers: &'a [Employer]) -> FeatureOut<'a> {
    let at = |(dx, dy): (i64, i64)| [(s.lon + dx) as f64 / 1e6, (s.lat + dy) as f64 / 1e6];
    let geometry = match &s.footprint {
        Some(ring) => geojson::Geometry::new_polygon([ring.iter().map(|&d| at(d))]),
        None => geojson::Geometry::new_point(at((0, 0))),
    };
    FeatureOut {
        kind: "Feature",
        properties: SiteProperties {
            id: &s.id,
            name: &s.name,
            town: TOWNS[s.town].code,
            kind: s.kind.as_str(),
            status: s.status.as_str(),
            gross_m2: s.gross_m2,
            residential_m2: s.residential_m2,
            beds: s.beds,
            cost_yuan: s.cost_yuan,
            started_year: s.started_year,
            completed_year: s.completed_year,
            converted_from: s.converted_from,
            expert_review: s.expert_review.map(ExpertReview::as_str),
            safety_ok: s.safety_ok,
            employer: s.employer.map(|e| employers[e].name.as_str()),
            rent_yuan_month: s.rent_yuan_month,
        },
        geometry,
    }
}

/// The sample's files, rendered in memory: `towns.csv`, `sites.geojson`, `demand.csv`.
pub fn render(sample: &Sample) -> Outputs {
    let mut out = Outputs::new();
    out.add_csv(
        "towns.csv",
        TOWNS.iter().map(|t| TownRow {
            code: t.code,
            name_zh: t.name_zh,
            name_en: t.name_en,
            lon: degrees(t.lon),
            lat: degrees(t.lat),
            kind: t.kind,
        }),
    );
    // One feature per line: readable, and a change to one site is a one-line diff.
    let mut geojson = String::from("{\"type\":\"FeatureCollection\",\"features\":[\n");
    for (i, s) in sample.sites.iter().enumerate() {
        let line = serde_json::to_string(&feature(s, &sample.employers))
            .expect("serialising plain structs");
        geojson.push_str(&line);
        geojson.push_str(if i + 1 < sample.sites.len() {
            ",\n"
        } else {
            "\n"
        });
    }
    geojson.push_str("]}\n");
    out.add("sites.geojson", geojson.into_bytes());
    out.add_csv(
        "demand.csv",
        sample.groups.iter().map(|g| DemandRow {
            id: &g.id,
            town: TOWNS[g.town].code,
            people: g.people,
            lon: degrees(g.lon),
            lat: degrees(g.lat),
            employer: g.employer.as_deref(),
            priority: g.priority,
            keep_together: g.keep_together,
            max_commute_km: g.max_commute_dkm.map(|d| format!("{}.{}", d / 10, d % 10)),
        }),
    );
    out
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: cargo run --example gen_cixi -- OUTPUT_DIR   (e.g. data/cixi)");
        return ExitCode::from(2);
    };
    let sample = generate();
    let report = check(&sample);
    let mut outputs = render(&sample);
    let written = if report.failures.is_empty() {
        outputs.write_to(&dir, &[]).map(|_| ())
    } else {
        Ok(())
    };
    // Printing comes last and ignores a closed pipe (`… | head`): the files are already written.
    let mut stdout = std::io::stdout().lock();
    for line in &report.lines {
        let _ = writeln!(stdout, "{line}");
    }
    for f in &report.failures {
        eprintln!("sample check failed: {f}");
    }
    match written {
        Ok(_) if !report.failures.is_empty() => ExitCode::FAILURE,
        Ok(()) => {
            for name in outputs.names() {
                let _ = writeln!(stdout, "wrote {}", dir.join(name).display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
