//! Allowed arcs: for each group, the nearest sites it may live in.
//!
//! A group may go to a site when the site is within the scenario's cutoff and the group's own
//! maximum commute, and, if the site is an enterprise dormitory (企业职工宿舍), when the group
//! works for that employer. Of those, each group gets its `k` nearest, found with an R-tree
//! rather than by trying all pairs.
//!
//! Distances are great-circle distances on a sphere of radius [`EARTH_RADIUS_M`](crate::alloc::arcs::EARTH_RADIUS_M) (the mean Earth
//! radius, 6,371,008.8 m), rounded to whole metres. Points are placed on the unit sphere in 3-D
//! and indexed by their straight-line (chord) distance, which grows with the great-circle
//! distance, so the R-tree's nearest-first order is the great-circle order. Ties in whole metres
//! are broken by site index, so the result is fully determined by the input.

use crate::model::LonLat;
use rayon::prelude::*;
use rstar::primitives::GeomWithData;
use rstar::{PointDistance, RTree};

/// Mean Earth radius in metres (IUGG), used for every distance.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Sites as the arc builder sees them.
#[derive(Debug, Clone, Copy)]
pub struct SitePoints<'a> {
    /// Location of each site.
    pub location: &'a [LonLat],
    /// For an enterprise dormitory, the employer whose workers alone may live there.
    pub employer: &'a [Option<u32>],
}

/// Demand groups as the arc builder sees them.
#[derive(Debug, Clone, Copy)]
pub struct GroupPoints<'a> {
    /// Location of each group (its workplace or village).
    pub location: &'a [LonLat],
    /// The group's employer, which opens that employer's dormitories to it.
    pub employer: &'a [Option<u32>],
    /// The group's own longest acceptable commute, in metres.
    pub max_commute_m: &'a [Option<u32>],
}

/// An allowed assignment of a group to a site, `metres` apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteArc {
    /// Group index.
    pub group: u32,
    /// Site index.
    pub site: u32,
    /// Great-circle distance in whole metres.
    pub metres: u32,
}

/// What a group could reach, for explaining why people stay unhoused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// At least one site is allowed and in range.
    Reachable,
    /// Sites are in range, but all are other employers' dormitories.
    EmployerOnly,
    /// No site at all is within range.
    NoSiteInRange,
}

/// The arcs of every group, with what each group could reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arcs {
    /// Arcs ordered by group, then distance, then site index.
    pub arcs: Vec<SiteArc>,
    /// `arcs[start[g]..start[g + 1]]` are group `g`'s arcs (one more entry than groups).
    pub start: Vec<usize>,
    /// What each group could reach.
    pub reach: Vec<Reach>,
}

/// Why arcs could not be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ArcError {
    /// Two slices that describe the same things have different lengths.
    #[error("{what}: expected {expected} values, found {found}")]
    LengthMismatch {
        /// Which slice.
        what: &'static str,
        /// The length it should have.
        expected: usize,
        /// Its length.
        found: usize,
    },
    /// A coordinate is not a finite longitude/latitude.
    #[error("{what} {index} has a non-finite or out-of-range coordinate ({x}, {y})")]
    BadCoordinate {
        /// "site" or "group".
        what: &'static str,
        /// Its index.
        index: usize,
        /// Longitude.
        x: f64,
        /// Latitude.
        y: f64,
    },
    /// More sites or groups than 32-bit indices allow.
    #[error("too many {0}")]
    TooMany(&'static str),
}

type Indexed = GeomWithData<[f64; 3], u32>;

/// The point on the unit sphere for a longitude/latitude in degrees.
pub(crate) fn unit_vector(p: LonLat) -> [f64; 3] {
    let (lon, lat) = (p.x().to_radians(), p.y().to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// [`distance_m`] between two points already on the unit sphere ([`unit_vector`]): the same
/// whole metres, without converting them again.
pub(crate) fn metres_between(a: &[f64; 3], b: &[f64; 3]) -> u32 {
    metres_from_chord2(a.distance_2(b))
}

/// Whole metres of great circle for a squared chord on the unit sphere.
fn metres_from_chord2(d2: f64) -> u32 {
    let half_chord = (d2.sqrt() / 2.0).min(1.0);
    // At most half the Earth's circumference (about 2 × 10⁷ m), well inside u32.
    nearest_whole(2.0 * EARTH_RADIUS_M * half_chord.asin())
}

/// `x.round() as u32` (halves away from zero) for `0 ≤ x < 2³²`, without a call into the
/// maths library: below 2⁵², the fraction `x − ⌊x⌋` of a double is exact.
#[inline]
fn nearest_whole(x: f64) -> u32 {
    let whole = x as u32;
    if x - f64::from(whole) >= 0.5 {
        whole + 1
    } else {
        whole
    }
}

/// A squared chord on the unit sphere a little longer than `metres` of great circle: every
/// point within `metres` (after rounding) lies inside it.
pub(crate) fn chord2_beyond(metres: u32) -> f64 {
    let angle = (f64::from(metres) + 1.0) / EARTH_RADIUS_M;
    if angle >= std::f64::consts::PI {
        return 4.0 + 1e-9;
    }
    let chord = 2.0 * (angle / 2.0).sin();
    chord * chord * (1.0 + 1e-9) + 1e-18
}

/// Great-circle distance between two points, in whole metres, computed exactly as the arc
/// builder computes it.
pub fn distance_m(a: LonLat, b: LonLat) -> u32 {
    // The R-tree's own squared distance, so that this agrees with the builder to the bit.
    metres_from_chord2(unit_vector(a).distance_2(&unit_vector(b)))
}

fn check_points(what: &'static str, points: &[LonLat]) -> Result<(), ArcError> {
    if points.len() >= u32::MAX as usize {
        return Err(ArcError::TooMany(what));
    }
    for (index, p) in points.iter().enumerate() {
        let ok = p.x().is_finite() && p.y().is_finite() && p.y().abs() <= 90.0;
        if !ok {
            return Err(ArcError::BadCoordinate {
                what,
                index,
                x: p.x(),
                y: p.y(),
            });
        }
    }
    Ok(())
}

fn check_len(what: &'static str, expected: usize, found: usize) -> Result<(), ArcError> {
    if expected == found {
        Ok(())
    } else {
        Err(ArcError::LengthMismatch {
            what,
            expected,
            found,
        })
    }
}

/// Points on the sphere, for the nearest to any other point by great-circle distance.
pub struct PointIndex {
    tree: RTree<Indexed>,
}

impl PointIndex {
    /// The index of `points` (each known by its position in the slice). Points that are not
    /// finite longitudes and latitudes are left out.
    pub fn new(points: &[LonLat]) -> PointIndex {
        let tree = RTree::bulk_load(
            (0u32..)
                .zip(points)
                .filter(|(_, p)| p.x().is_finite() && p.y().is_finite())
                .map(|(i, &p)| Indexed::new(unit_vector(p), i))
                .collect(),
        );
        PointIndex { tree }
    }

    /// The nearest point to `p` and its distance in whole metres (measured as
    /// [`distance_m`] measures it); of points equally near in whole metres, the first.
    pub fn nearest(&self, p: LonLat) -> Option<(usize, u32)> {
        let mut best: Option<(u32, u32)> = None;
        for (point, d2) in self
            .tree
            .nearest_neighbor_iter_with_distance_2(&unit_vector(p))
        {
            let metres = metres_from_chord2(d2);
            match best {
                Some((m, _)) if metres > m => break,
                Some((m, i)) if metres == m && i <= point.data => {}
                _ => best = Some((metres, point.data)),
            }
        }
        best.map(|(m, i)| (i as usize, m))
    }

    /// The points within `max_m` metres of `p` (measured as [`distance_m`] measures them),
    /// each with its distance, in no particular order (a range query: no priority queue, so
    /// a wide range costs what it holds).
    pub fn within(&self, p: LonLat, max_m: u32) -> impl Iterator<Item = (usize, u32)> + '_ {
        let here = unit_vector(p);
        self.tree
            .locate_within_distance(here, chord2_beyond(max_m))
            .map(move |point| {
                let metres = metres_from_chord2(point.geom().distance_2(&here));
                (point.data as usize, metres)
            })
            .filter(move |&(_, m)| m <= max_m)
    }
}

/// A point of a [`PricedIndex`]: its place on the unit sphere and its price in radians of
/// great circle (so that a price weighs as the same number of metres of distance would).
type PricedPoint = GeomWithData<[f64; 4], u32>;

/// Points on the sphere, each with a price in metres, for the points whose distance plus
/// price is below a bound: the sites a group could move to at less than its own price.
///
/// The R-tree is over place and price together, so a search skips a whole branch when even
/// its nearest place plus its lowest price is too dear; a plain range query would visit every
/// point within the bound and throw most of them away when prices are high.
pub struct PricedIndex {
    tree: RTree<PricedPoint>,
    /// Each point on the unit sphere (for distances computed exactly as [`distance_m`]).
    unit: Vec<[f64; 3]>,
    price: Vec<i64>,
}

/// A search of a [`PricedIndex`]: opens a branch only when its nearest place plus its lowest
/// price may be below `below`, and the place within `max_m`.
struct Cheaper {
    here: [f64; 3],
    max_m: u32,
    below: i64,
}

impl Cheaper {
    /// True when a point in `lower..=upper` (place and price) might qualify: never false for
    /// one that does.
    fn may_hold(&self, lower: &[f64; 4], upper: &[f64; 4]) -> bool {
        let d2: f64 = (0..3)
            .map(|i| {
                let out = (lower[i] - self.here[i])
                    .max(self.here[i] - upper[i])
                    .max(0.0);
                out * out
            })
            .sum();
        // The lowest price, rounded down by more than the error of storing it in radians.
        let least = lower[3] * EARTH_RADIUS_M;
        let least = least - least.abs() * 1e-12 - 1.0;
        let room = (self.below as f64 - 1.0 - least).min(f64::from(self.max_m));
        // A great circle is never shorter than its chord, and a point at `m` whole metres is
        // less than `m + ½` away: so a point within `room` metres has a chord below
        // `(room + ½) / R` (with room for rounding, relative and absolute, as in
        // `chord2_beyond`).
        let chord = (room + 0.5) / EARTH_RADIUS_M;
        room >= 0.0 && d2 <= chord * chord * (1.0 + 1e-9) + 1e-18
    }
}

impl rstar::SelectionFunction<PricedPoint> for Cheaper {
    fn should_unpack_parent(&self, envelope: &rstar::AABB<[f64; 4]>) -> bool {
        self.may_hold(&envelope.lower(), &envelope.upper())
    }

    fn should_unpack_leaf(&self, leaf: &PricedPoint) -> bool {
        self.may_hold(leaf.geom(), leaf.geom())
    }
}

impl PricedIndex {
    /// The index of the `points` that `price` prices (each known by its position in the
    /// slice). Points that are not finite longitudes and latitudes are left out.
    pub fn new(points: &[LonLat], price: impl Fn(usize) -> Option<i64>) -> PricedIndex {
        let unit: Vec<[f64; 3]> = points.iter().map(|&p| unit_vector(p)).collect();
        let price: Vec<Option<i64>> = (0..points.len()).map(price).collect();
        let tree = RTree::bulk_load(
            (0u32..)
                .zip(points.iter().zip(&unit).zip(&price))
                .filter(|(_, ((p, _), _))| p.x().is_finite() && p.y().is_finite())
                .filter_map(|(i, ((_, u), p))| {
                    let w = (*p)? as f64 / EARTH_RADIUS_M;
                    Some(PricedPoint::new([u[0], u[1], u[2], w], i))
                })
                .collect(),
        );
        PricedIndex {
            tree,
            unit,
            // A point left out is never found, so its price is never read.
            price: price.into_iter().map(|p| p.unwrap_or(i64::MAX)).collect(),
        }
    }

    /// The points within `max_m` metres of `p` whose distance in whole metres (as
    /// [`distance_m`] measures it) plus their price is below `below`, each with its distance,
    /// in no particular order.
    pub fn cheaper_than(
        &self,
        p: LonLat,
        max_m: u32,
        below: i64,
    ) -> impl Iterator<Item = (usize, u32)> + '_ {
        let here = unit_vector(p);
        let search = Cheaper { here, max_m, below };
        self.tree
            .locate_with_selection_function(search)
            .filter_map(move |point| {
                let i = point.data as usize;
                let metres = metres_from_chord2(self.unit[i].distance_2(&here));
                let cost = i128::from(metres) + i128::from(self.price[i]);
                (metres <= max_m && cost < i128::from(below)).then_some((i, metres))
            })
    }
}

/// For each group, up to `k` nearest allowed sites within `cutoff_m` metres and the group's own
/// maximum commute. The k are the nearest *allowed* sites: the search goes on past other
/// employers' dormitories.
///
/// Callers pass only the sites that can take people (a site with no beds would only take a
/// place among the k).
pub fn nearest_sites(
    sites: SitePoints<'_>,
    groups: GroupPoints<'_>,
    k: usize,
    cutoff_m: u32,
) -> Result<Arcs, ArcError> {
    check_len("site employers", sites.location.len(), sites.employer.len())?;
    check_len(
        "group employers",
        groups.location.len(),
        groups.employer.len(),
    )?;
    check_len(
        "group maximum commutes",
        groups.location.len(),
        groups.max_commute_m.len(),
    )?;
    check_points("site", sites.location)?;
    check_points("group", groups.location)?;

    let tree = RTree::bulk_load(
        sites
            .location
            .iter()
            .enumerate()
            .map(|(i, &p)| Indexed::new(unit_vector(p), i as u32))
            .collect(),
    );
    let per_group: Vec<(Vec<SiteArc>, Reach)> = (0..groups.location.len())
        .into_par_iter()
        .map(|g| group_arcs(&tree, sites, groups, g, k, cutoff_m))
        .collect();

    let total = per_group.iter().map(|(a, _)| a.len()).sum();
    let mut arcs = Vec::with_capacity(total);
    let mut start = Vec::with_capacity(per_group.len() + 1);
    let mut reach = Vec::with_capacity(per_group.len());
    for (group_arcs, group_reach) in per_group {
        start.push(arcs.len());
        arcs.extend(group_arcs);
        reach.push(group_reach);
    }
    start.push(arcs.len());
    Ok(Arcs { arcs, start, reach })
}

fn group_arcs(
    tree: &RTree<Indexed>,
    sites: SitePoints<'_>,
    groups: GroupPoints<'_>,
    g: usize,
    k: usize,
    cutoff_m: u32,
) -> (Vec<SiteArc>, Reach) {
    let limit = groups.max_commute_m[g].map_or(cutoff_m, |c| c.min(cutoff_m));
    let employer = groups.employer[g];
    let mut found: Vec<SiteArc> = Vec::with_capacity(k);
    let mut any_in_range = false;
    let here = unit_vector(groups.location[g]);
    for (site, d2) in tree.nearest_neighbor_iter_with_distance_2(&here) {
        let metres = metres_from_chord2(d2);
        if metres > limit {
            break;
        }
        any_in_range = true;
        // Sites come nearest first, so once k are found only ties in whole metres can follow.
        if found.len() >= k
            && found
                .get(k.wrapping_sub(1))
                .is_none_or(|a| metres > a.metres)
        {
            break;
        }
        let s = site.data;
        let allowed = match sites.employer[s as usize] {
            None => true,
            Some(e) => employer == Some(e),
        };
        if allowed {
            found.push(SiteArc {
                group: g as u32,
                site: s,
                metres,
            });
        }
    }
    found.sort_unstable_by_key(|a| (a.metres, a.site));
    found.truncate(k);
    let reach = if !found.is_empty() {
        Reach::Reachable
    } else if any_in_range {
        Reach::EmployerOnly
    } else {
        Reach::NoSiteInRange
    };
    (found, reach)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Point;

    #[test]
    fn nearest_whole_rounds_as_round_does() {
        let mut x = 0.0f64;
        let mut cases = vec![0.0, 0.5, 1.5, 2.5, 0.49999999999999994, 1e7 + 0.5, 4e9];
        for _ in 0..100_000 {
            x = (x * 1.618_033_988_749 + 0.377).fract() * 2.0e7;
            cases.push(x);
            cases.push(x.floor() + 0.5);
        }
        for x in cases {
            assert_eq!(nearest_whole(x), x.round() as u32, "{x}");
        }
    }

    #[test]
    fn one_degree_of_latitude_is_about_111_km() {
        let d = distance_m(Point::new(121.0, 30.0), Point::new(121.0, 31.0));
        // 2πR/360 = 111,195 m.
        assert_eq!(d, 111_195);
    }

    #[test]
    fn k_nearest_skip_other_employers_and_respect_ranges() {
        // Sites on a line east of the group, 1 km apart; site 1 belongs to employer 7.
        let sites: Vec<LonLat> = (1..=5)
            .map(|i| Point::new(121.0 + i as f64 * 0.0103, 30.0))
            .collect();
        let site_emp = [None, Some(7), None, None, Some(8)];
        let groups = [Point::new(121.0, 30.0); 3];
        let group_emp = [None, Some(7), None];
        let commute = [None, None, Some(2_500)];
        let arcs = nearest_sites(
            SitePoints {
                location: &sites,
                employer: &site_emp,
            },
            GroupPoints {
                location: &groups,
                employer: &group_emp,
                max_commute_m: &commute,
            },
            2,
            10_000,
        )
        .unwrap();
        let sites_of = |g: usize| -> Vec<u32> {
            arcs.arcs[arcs.start[g]..arcs.start[g + 1]]
                .iter()
                .map(|a| a.site)
                .collect()
        };
        assert_eq!(sites_of(0), vec![0, 2]);
        assert_eq!(sites_of(1), vec![0, 1]);
        assert_eq!(sites_of(2), vec![0]);
        assert!(arcs.reach.iter().all(|&r| r == Reach::Reachable));
    }

    #[test]
    fn reach_tells_why_there_is_no_arc() {
        let sites = [Point::new(121.0, 30.0)];
        let groups = [Point::new(121.0, 30.001), Point::new(122.0, 30.0)];
        let arcs = nearest_sites(
            SitePoints {
                location: &sites,
                employer: &[Some(1)],
            },
            GroupPoints {
                location: &groups,
                employer: &[Some(2), None],
                max_commute_m: &[None, None],
            },
            30,
            5_000,
        )
        .unwrap();
        assert!(arcs.arcs.is_empty());
        assert_eq!(arcs.reach, vec![Reach::EmployerOnly, Reach::NoSiteInRange]);
    }

    #[test]
    fn ties_in_metres_go_to_the_lower_site_index() {
        // Four sites at the same spot: whichever the tree returns first, the lowest indices win.
        let sites = [Point::new(121.01, 30.0); 4];
        let arcs = nearest_sites(
            SitePoints {
                location: &sites,
                employer: &[None; 4],
            },
            GroupPoints {
                location: &[Point::new(121.0, 30.0)],
                employer: &[None],
                max_commute_m: &[None],
            },
            2,
            5_000,
        )
        .unwrap();
        let got: Vec<u32> = arcs.arcs.iter().map(|a| a.site).collect();
        assert_eq!(got, vec![0, 1]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        /// The priced search finds exactly the points a scan of all of them finds: priced,
        /// within the range, distance plus price below the bound, with the same whole metres.
        #[test]
        fn priced_search_finds_what_a_scan_finds(
            points in proptest::collection::vec(
                (-3_000i32..3_000, -3_000i32..3_000, -2_000i64..40_000), 1..300),
            here in (-3_000i32..3_000, -3_000i32..3_000),
            max_m in 0u32..60_000,
            below in -1_000i64..60_000,
        ) {
            // Points in a box about 60 km wide around Cixi.
            let at = |(x, y): (i32, i32)| Point::new(121.2 + f64::from(x) * 1e-4, 30.2 + f64::from(y) * 1e-4);
            let places: Vec<LonLat> = points.iter().map(|&(x, y, _)| at((x, y))).collect();
            let price: Vec<i64> = points.iter().map(|&(_, _, p)| p).collect();
            let index = PricedIndex::new(&places, |i| (i % 7 != 3).then_some(price[i]));
            let here = at(here);
            let mut found: Vec<(usize, u32)> = index.cheaper_than(here, max_m, below).collect();
            found.sort_unstable();
            let scan: Vec<(usize, u32)> = places
                .iter()
                .enumerate()
                .map(|(i, &p)| (i, distance_m(here, p)))
                .filter(|&(i, m)| i % 7 != 3 && m <= max_m && i64::from(m) + price[i] < below)
                .collect();
            proptest::prop_assert_eq!(found, scan);
        }
    }
}
