//! Synthetic allocation instances for benchmarks, deterministic from a seed.
//!
//! Groups and sites cluster around towns and industrial parks scattered over a square region
//! whose area grows with the instance, so that density, and so the shape of the problem, is
//! the same at every size. Some sites are enterprise dormitories (企业职工宿舍) open only to
//! one employer's groups. Total beds are about 85 % of the people, so some people are always
//! unhoused, and the unhoused cost (a penalty of 100 km times a priority weight of 1, 2 or 3)
//! exceeds any commute within the 15 km cutoff, so anyone with an arc to a free bed is housed.
//!
//! The three standard sizes, with k = 30 nearest sites per group:
//!
//! | size | groups | sites | arcs (at most) |
//! |---|---|---|---|
//! | S | 2,000 | 300 | 60,000 |
//! | M | 20,000 | 2,000 | 600,000 |
//! | L | 200,000 | 20,000 | 6,000,000 |

use crate::alloc::arcs::{self, GroupPoints, SitePoints};
use crate::flow::{Transport, TransportArc};
use crate::model::LonLat;

/// The standard instance sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// 2,000 groups × 300 sites.
    S,
    /// 20,000 groups × 2,000 sites.
    M,
    /// 200,000 groups × 20,000 sites.
    L,
}

impl Size {
    /// (groups, sites).
    pub fn dimensions(self) -> (usize, usize) {
        match self {
            Size::S => (2_000, 300),
            Size::M => (20_000, 2_000),
            Size::L => (200_000, 20_000),
        }
    }

    /// The size named by "S", "M" or "L" (any case).
    pub fn parse(name: &str) -> Option<Size> {
        match name.to_ascii_uppercase().as_str() {
            "S" => Some(Size::S),
            "M" => Some(Size::M),
            "L" => Some(Size::L),
            _ => None,
        }
    }
}

/// Nearest sites kept per group.
pub const K: usize = 30;
/// Longest commute considered, in metres.
pub const CUTOFF_M: u32 = 15_000;
/// Unhoused cost per person at priority weight 1 (metre-equivalents).
pub const PENALTY: i64 = 100_000;

/// A generated instance: the points and the transportation problem built from them.
#[derive(Debug, Clone)]
pub struct SyntheticInstance {
    /// Site locations.
    pub site_location: Vec<LonLat>,
    /// Employer of each enterprise dormitory.
    pub site_employer: Vec<Option<u32>>,
    /// Beds per site.
    pub capacity: Vec<i64>,
    /// Group locations.
    pub group_location: Vec<LonLat>,
    /// Employer of each group, if any.
    pub group_employer: Vec<Option<u32>>,
    /// People per group.
    pub people: Vec<i64>,
    /// Unhoused cost per person, per group.
    pub unhoused_cost: Vec<i64>,
    /// Allowed arcs with their cost in metres.
    pub arcs: Vec<TransportArc>,
}

impl SyntheticInstance {
    /// The transportation problem over this instance.
    pub fn transport(&self) -> Transport<'_> {
        Transport {
            people: &self.people,
            unhoused_cost: &self.unhoused_cost,
            capacity: &self.capacity,
            arcs: &self.arcs,
        }
    }
}

/// SplitMix64: a small, well-mixed generator; enough for test data, and stable across
/// versions, which a crate's generator might not be.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in lo..=hi.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u = self.unit().max(1e-12);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

/// A generated instance of a standard size.
pub fn generate(size: Size, seed: u64) -> SyntheticInstance {
    let (groups, sites) = size.dimensions();
    generate_with(groups, sites, seed)
}

/// A generated instance with the given numbers of groups and sites.
pub fn generate_with(groups: usize, sites: usize, seed: u64) -> SyntheticInstance {
    let mut rng = Rng(seed ^ 0x646F_726D_706C_616E);
    // About 2,000 groups per 400 km², one town or park per 100 groups.
    let side_km = 20.0 * (groups.max(1) as f64 / 2_000.0).sqrt();
    let towns = (groups / 100).max(1);
    let employers = (groups / 50).max(1) as u32;
    let (lon0, lat0): (f64, f64) = (121.25, 30.17);
    let km_lat = 1.0 / 111.195;
    let km_lon = km_lat / lat0.to_radians().cos();
    let centres: Vec<(f64, f64, f64)> = (0..towns)
        .map(|_| {
            let x = (rng.unit() - 0.5) * side_km;
            let y = (rng.unit() - 0.5) * side_km;
            // Spread of the town in km: villages and parks of different sizes.
            (x, y, 0.5 + 2.5 * rng.unit())
        })
        .collect();
    let place = |rng: &mut Rng| -> LonLat {
        let (x, y, spread) = centres[(rng.next() % towns as u64) as usize];
        let px = x + spread * rng.normal();
        let py = y + spread * rng.normal();
        geo::Point::new(lon0 + px * km_lon, lat0 + py * km_lat)
    };

    let group_location: Vec<LonLat> = (0..groups).map(|_| place(&mut rng)).collect();
    let people: Vec<i64> = (0..groups).map(|_| rng.range(5, 80)).collect();
    let group_employer: Vec<Option<u32>> = (0..groups)
        .map(|_| (rng.unit() < 0.3).then(|| (rng.next() % employers as u64) as u32))
        .collect();
    let unhoused_cost: Vec<i64> = (0..groups).map(|_| PENALTY * rng.range(1, 3)).collect();

    let site_location: Vec<LonLat> = (0..sites).map(|_| place(&mut rng)).collect();
    let site_employer: Vec<Option<u32>> = (0..sites)
        .map(|_| (rng.unit() < 0.25).then(|| (rng.next() % employers as u64) as u32))
        .collect();
    let total: i64 = people.iter().sum();
    let mean_beds = 0.85 * total as f64 / sites.max(1) as f64;
    let capacity: Vec<i64> = (0..sites)
        .map(|_| (mean_beds * (0.5 + rng.unit())).round() as i64)
        .collect();

    let max_commute: Vec<Option<u32>> = vec![None; groups];
    let built = arcs::nearest_sites(
        SitePoints {
            location: &site_location,
            employer: &site_employer,
        },
        GroupPoints {
            location: &group_location,
            employer: &group_employer,
            max_commute_m: &max_commute,
        },
        K,
        CUTOFF_M,
    );
    // Generated coordinates are finite and the slices agree in length, so this cannot fail;
    // an empty arc set would still be a valid instance.
    let arcs = built
        .map(|b| {
            b.arcs
                .iter()
                .map(|a| TransportArc {
                    group: a.group,
                    site: a.site,
                    cost: a.metres as i64,
                })
                .collect()
        })
        .unwrap_or_default();
    SyntheticInstance {
        site_location,
        site_employer,
        capacity,
        group_location,
        group_employer,
        people,
        unhoused_cost,
        arcs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_instance_other_seed_other_instance() {
        let a = generate_with(300, 40, 1);
        let b = generate_with(300, 40, 1);
        let c = generate_with(300, 40, 2);
        assert_eq!(a.arcs, b.arcs);
        assert_eq!(a.people, b.people);
        assert_ne!(a.people, c.people);
    }

    #[test]
    fn demand_exceeds_beds_and_penalty_exceeds_any_commute() {
        let inst = generate_with(500, 60, 3);
        let people: i64 = inst.people.iter().sum();
        let beds: i64 = inst.capacity.iter().sum();
        assert!(beds < people);
        let longest = inst.arcs.iter().map(|a| a.cost).max().unwrap_or(0);
        assert!(inst.unhoused_cost.iter().all(|&c| c > longest));
        assert!(inst.arcs.len() <= 500 * K);
    }
}
