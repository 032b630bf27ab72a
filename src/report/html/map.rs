//! The report's map: the boundary, towns, sites sized by beds and coloured by utilisation,
//! the allocation's flows and the unhoused groups coloured by reason, drawn as inline SVG in
//! an equirectangular projection (WGS84, longitude scaled by the cosine of the middle
//! latitude), with a scale bar and a tooltip (`<title>`) on every mark. Each layer is a
//! `<g class="layer" data-layer="…">` that the page's switches show and hide.

use super::markup::escape;
use crate::alloc::Reason;
use crate::catalogue::{Lang, report as say};
use crate::model::LonLat;
use crate::numbers::{grouped, int, percent};
use crate::report::allocation::Solved;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;

/// A ring of a polygon: `[lon, lat]` positions.
pub type Ring = Vec<[f64; 2]>;

/// The layers of the map, in WGS84 with five decimals (about a metre).
#[derive(Debug, Serialize)]
pub struct MapData {
    /// The scenario's boundary (`data.boundary`): every ring of every part.
    pub boundary: Vec<Ring>,
    /// The towns.
    pub towns: Vec<MapTown>,
    /// Every site of the allocation.
    pub sites: Vec<MapSite>,
    /// One per placement: a group housed at a site.
    pub flows: Vec<MapFlow>,
    /// Every group with unhoused people.
    pub unhoused: Vec<MapUnhoused>,
}

/// A town: its centroid and name, and its footprint when the towns file gives one.
#[derive(Debug, Serialize)]
pub struct MapTown {
    /// The town's code.
    pub code: String,
    /// Its name in the page's language.
    pub name: String,
    /// Centroid `[lon, lat]`.
    pub at: [f64; 2],
    /// Its footprint's rings, when given.
    pub polygon: Option<Vec<Ring>>,
}

/// A site of the allocation.
#[derive(Debug, Serialize)]
pub struct MapSite {
    /// The site's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its town's code.
    pub town: String,
    /// Its kind.
    pub kind: &'static str,
    /// `[lon, lat]`.
    pub at: [f64; 2],
    /// Beds at the standard.
    pub beds: u64,
    /// People the allocation places there.
    pub occupants: u64,
    /// Its declared beds give each person less than the policy floor.
    pub over_occupied: bool,
    /// A candidate project the plan builds.
    pub planned: bool,
}

/// A group housed at a site.
#[derive(Debug, Serialize)]
pub struct MapFlow {
    /// The group's id.
    pub group: String,
    /// The site's id.
    pub site: String,
    /// People placed.
    pub people: i64,
    /// Commute, whole metres.
    pub metres: u32,
    /// The group's position `[lon, lat]`.
    pub from: [f64; 2],
}

/// A group with unhoused people.
#[derive(Debug, Serialize)]
pub struct MapUnhoused {
    /// The group's id.
    pub group: String,
    /// Its town's code.
    pub town: String,
    /// `[lon, lat]`.
    pub at: [f64; 2],
    /// People unhoused.
    pub people: i64,
    /// The reason's code.
    pub reason: &'static str,
}

/// Five decimals of a degree.
fn at(p: LonLat) -> [f64; 2] {
    let r = |x: f64| (x * 1e5).round() / 1e5;
    [r(p.x()), r(p.y())]
}

fn rings(shape: &geo::MultiPolygon<f64>) -> Vec<Ring> {
    shape
        .0
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .map(|ring| ring.coords().map(|c| at(LonLat::new(c.x, c.y))).collect())
        .collect()
}

impl MapData {
    /// The layers of `solved`; `planned` lists the dataset indices of the sites the plan
    /// builds.
    pub fn of(solved: &Solved<'_>, planned: &[usize], lang: Lang) -> MapData {
        let (loaded, inst, alloc) = (solved.loaded, solved.inst, solved.alloc);
        let sc = &loaded.scenario;
        let data = &sc.dataset;
        let town_code = |t: usize| data.towns[t].code.clone();
        MapData {
            boundary: data.boundary.as_ref().map(rings).unwrap_or_default(),
            towns: data
                .towns
                .iter()
                .map(|t| MapTown {
                    code: t.code.clone(),
                    name: match lang {
                        Lang::Zh => t.name_zh.clone(),
                        Lang::En => t.name_en.clone(),
                    },
                    at: at(t.centroid),
                    polygon: t.polygon.as_ref().map(rings),
                })
                .collect(),
            sites: solved
                .figures
                .sites
                .iter()
                .map(|f| {
                    let i = inst.sites[f.site];
                    let s = &data.sites[i];
                    MapSite {
                        id: s.id.clone(),
                        name: s.name.clone(),
                        town: town_code(s.town),
                        kind: s.kind.as_str(),
                        at: at(s.location),
                        beds: f.beds,
                        occupants: f.occupants,
                        over_occupied: s.is_over_occupied(&sc.settings.standard),
                        planned: planned.contains(&i),
                    }
                })
                .collect(),
            flows: alloc
                .placements
                .iter()
                .map(|p| {
                    let g = &data.demand[inst.groups[p.group as usize]];
                    MapFlow {
                        group: g.id.clone(),
                        site: data.sites[inst.sites[p.site as usize]].id.clone(),
                        people: p.people,
                        metres: p.metres,
                        from: at(g.location),
                    }
                })
                .collect(),
            unhoused: (0..inst.groups.len())
                .filter_map(|g| {
                    let reason = alloc.reasons[g]?;
                    let d = &data.demand[inst.groups[g]];
                    Some(MapUnhoused {
                        group: d.id.clone(),
                        town: town_code(d.town),
                        at: at(d.location),
                        people: alloc.unhoused[g],
                        reason: reason.as_str(),
                    })
                })
                .collect(),
        }
    }

    /// Every position the map shows, for its extent.
    fn positions(&self) -> impl Iterator<Item = [f64; 2]> + '_ {
        self.boundary
            .iter()
            .flatten()
            .copied()
            .chain(self.towns.iter().map(|t| t.at))
            .chain(
                self.towns
                    .iter()
                    .flat_map(|t| t.polygon.iter().flatten().flatten().copied()),
            )
            .chain(self.sites.iter().map(|s| s.at))
            .chain(self.flows.iter().map(|f| f.from))
            .chain(self.unhoused.iter().map(|u| u.at))
    }
}

/// The map's width in SVG units; its height follows the area's shape.
pub const WIDTH: f64 = 1000.0;
const MARGIN: f64 = 24.0;

/// Longitude and latitude to SVG units.
struct Projection {
    west: f64,
    north: f64,
    /// SVG units per degree of latitude.
    scale: f64,
    /// cos(middle latitude): a degree of longitude is this much shorter.
    shrink: f64,
    height: f64,
}

impl Projection {
    fn fit(map: &MapData) -> Projection {
        let (mut w, mut s, mut e, mut n) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for [x, y] in map.positions() {
            w = w.min(x);
            e = e.max(x);
            s = s.min(y);
            n = n.max(y);
        }
        if w > e {
            (w, s, e, n) = (0.0, 0.0, 0.01, 0.01);
        }
        let shrink = ((s + n) / 2.0).to_radians().cos().max(0.01);
        let span_x = ((e - w) * shrink).max(1e-4);
        let span_y = (n - s).max(1e-4);
        let scale = (WIDTH - 2.0 * MARGIN) / span_x;
        let height = (span_y * scale + 2.0 * MARGIN).clamp(200.0, 1400.0);
        let scale = scale.min((height - 2.0 * MARGIN) / span_y);
        Projection {
            west: w,
            north: n,
            scale,
            shrink,
            height,
        }
    }

    fn xy(&self, p: [f64; 2]) -> (f64, f64) {
        (
            MARGIN + (p[0] - self.west) * self.shrink * self.scale,
            MARGIN + (self.north - p[1]) * self.scale,
        )
    }

    /// SVG units per kilometre (a degree of latitude is about 111.2 km).
    fn per_km(&self) -> f64 {
        self.scale / 111.195
    }
}

/// The colour of a site by the share of its beds in use: five classes from pale to dark, so
/// that they stay apart in black and white.
pub fn utilisation_colour(occupants: u64, beds: u64) -> &'static str {
    UTILISATION_CLASSES[utilisation_class(occupants, beds)].1
}

/// The classes of utilisation: an upper bound in per cent (inclusive), and a colour.
pub const UTILISATION_CLASSES: [(u32, &str); 5] = [
    (0, "#f7fbff"),
    (50, "#c6dbef"),
    (90, "#6baed6"),
    (99, "#2171b5"),
    (100, "#08306b"),
];

fn utilisation_class(occupants: u64, beds: u64) -> usize {
    if beds == 0 || occupants == 0 {
        return 0;
    }
    if occupants >= beds {
        return 4;
    }
    let pct = occupants * 100 / beds;
    match pct {
        0..50 => 1,
        50..90 => 2,
        _ => 3,
    }
}

/// A reason's code in words, in `lang` (the code itself when it is not a reason's).
pub fn reason_words(code: &str, lang: Lang) -> &str {
    Reason::ALL
        .iter()
        .find(|r| r.as_str() == code)
        .map_or(code, |r| r.explain(lang))
}

/// The colour of an unhoused group by its reason.
pub fn reason_colour(code: &str) -> &'static str {
    match code {
        c if c == Reason::NoSiteInRange.as_str() => "#7b3294",
        c if c == Reason::EmployerOnly.as_str() => "#c2a5cf",
        c if c == Reason::RangeFull.as_str() => "#d7191c",
        c if c == Reason::NoRoomForWholeGroup.as_str() => "#fdae61",
        _ => "#a6611a",
    }
}

fn path_of(rings: &[Ring], proj: &Projection) -> String {
    let mut d = String::new();
    for ring in rings {
        for (i, p) in ring.iter().enumerate() {
            let (x, y) = proj.xy(*p);
            let _ = write!(d, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" });
        }
        d.push('Z');
    }
    d
}

/// A nice length for the scale bar: the longest of 1, 2, 5 × 10ⁿ km under a fifth of the map.
fn scale_km(per_km: f64) -> f64 {
    let most = WIDTH / 5.0 / per_km;
    let mut best = 0.1;
    for exp in -1..4 {
        for m in [1.0, 2.0, 5.0] {
            let km = m * 10f64.powi(exp);
            if km <= most {
                best = km;
            }
        }
    }
    best
}

/// Whole numbers as the page shows them, with the kilometre's decimals trimmed.
fn km_text(km: f64) -> String {
    if km >= 1.0 {
        format!("{km:.0}")
    } else {
        format!("{km:.1}")
    }
}

/// The map as an `<svg id="map">` element.
pub fn svg(map: &MapData, lang: Lang) -> String {
    let proj = Projection::fit(map);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg id="map" viewBox="0 0 {WIDTH} {h:.0}" role="img" aria-label="{label}" xmlns="http://www.w3.org/2000/svg">"#,
        h = proj.height,
        label = escape(say::R_SECTION_MAP.get(lang)),
    );
    out.push_str(r##"<rect class="sea" x="0" y="0" width="100%" height="100%" fill="#ffffff"/>"##);

    // The boundary.
    out.push_str(r#"<g class="layer" data-layer="boundary">"#);
    if !map.boundary.is_empty() {
        let _ = write!(
            out,
            r##"<path d="{}" fill="#f4f1ea" stroke="#4d4d4d" stroke-width="1.5" fill-rule="evenodd"/>"##,
            path_of(&map.boundary, &proj)
        );
    }
    out.push_str("</g>");

    // Towns: footprints when given, then centroids with names (drawn last, above the rest).
    let mut town_labels = String::new();
    out.push_str(r#"<g class="layer" data-layer="towns">"#);
    for t in &map.towns {
        if let Some(rings) = &t.polygon {
            let _ = write!(
                out,
                r##"<path d="{}" fill="none" stroke="#999" stroke-width="0.8" stroke-dasharray="4 3"><title>{}</title></path>"##,
                path_of(rings, &proj),
                escape(&t.name)
            );
        }
        let (x, y) = proj.xy(t.at);
        let _ = write!(
            town_labels,
            r##"<g class="town"><rect x="{:.1}" y="{:.1}" width="6" height="6" fill="#222"/><text x="{:.1}" y="{:.1}" class="town-name">{}</text><title>{} {}</title></g>"##,
            x - 3.0,
            y - 3.0,
            x + 6.0,
            y - 5.0,
            escape(&t.name),
            escape(&t.code),
            escape(&t.name)
        );
    }
    out.push_str("</g>");

    // Flows, under the sites.
    let sites_at: HashMap<&str, [f64; 2]> =
        map.sites.iter().map(|s| (s.id.as_str(), s.at)).collect();
    let most_people = map.flows.iter().map(|f| f.people).max().unwrap_or(1).max(1) as f64;
    out.push_str(r##"<g class="layer" data-layer="flows" stroke="#3f3f3f" stroke-opacity="0.45" stroke-linecap="round">"##);
    for f in &map.flows {
        let Some(to) = sites_at.get(f.site.as_str()) else {
            continue;
        };
        let (x1, y1) = proj.xy(f.from);
        let (x2, y2) = proj.xy(*to);
        let width = 0.4 + 2.6 * (f.people as f64 / most_people).sqrt();
        let tip = say::R_TIP_FLOW.fill(
            lang,
            &[
                ("group", &f.group),
                ("site", &f.site),
                ("people", &grouped(f.people)),
                ("km", &format!("{:.1}", f64::from(f.metres) / 1000.0)),
            ],
        );
        let _ = write!(
            out,
            r#"<line class="flow" data-group="{}" data-site="{}" x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke-width="{width:.2}"><title>{}</title></line>"#,
            escape(&f.group),
            escape(&f.site),
            escape(&tip)
        );
    }
    out.push_str("</g>");

    // Unhoused groups.
    let most_unhoused = map
        .unhoused
        .iter()
        .map(|u| u.people)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    out.push_str(r#"<g class="layer" data-layer="unhoused">"#);
    for u in &map.unhoused {
        let (x, y) = proj.xy(u.at);
        let r = 2.5 + 6.0 * (u.people as f64 / most_unhoused).sqrt();
        let reason = reason_words(u.reason, lang);
        let tip = say::R_TIP_UNHOUSED.fill(
            lang,
            &[
                ("group", &u.group),
                ("town", &u.town),
                ("people", &grouped(u.people)),
                ("reason", &reason),
            ],
        );
        let _ = write!(
            out,
            r##"<circle class="unhoused" data-group="{}" data-reason="{}" cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{}" fill-opacity="0.85" stroke="#000" stroke-width="0.6"><title>{}</title></circle>"##,
            escape(&u.group),
            u.reason,
            reason_colour(u.reason),
            escape(&tip)
        );
    }
    out.push_str("</g>");

    // Sites, largest first so that small ones stay visible on top.
    let most_beds = map.sites.iter().map(|s| s.beds).max().unwrap_or(1).max(1) as f64;
    let mut order: Vec<usize> = (0..map.sites.len()).collect();
    order.sort_by(|&a, &b| map.sites[b].beds.cmp(&map.sites[a].beds).then(a.cmp(&b)));
    out.push_str(r#"<g class="layer" data-layer="sites">"#);
    for i in order {
        let s = &map.sites[i];
        let (x, y) = proj.xy(s.at);
        let r = 2.5 + 9.0 * (s.beds as f64 / most_beds).sqrt();
        let share = if s.beds == 0 {
            String::new()
        } else {
            percent(s.occupants, s.beds)
        };
        let tip = say::R_TIP_SITE.fill(
            lang,
            &[
                ("id", &s.id),
                ("name", &s.name),
                ("town", &s.town),
                ("kind", &s.kind),
                ("beds", &int(s.beds)),
                ("occupants", &int(s.occupants)),
                ("share", &share),
            ],
        );
        let (stroke, width, dash) = if s.planned {
            ("#e6550d", 2.5, "")
        } else if s.over_occupied {
            ("#d7301f", 2.0, r#" stroke-dasharray="3 2""#)
        } else {
            ("#1b1b1b", 0.7, "")
        };
        let _ = write!(
            out,
            r#"<circle class="site{}{}" data-site="{}" cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{}" stroke="{stroke}" stroke-width="{width}"{dash}><title>{}</title></circle>"#,
            if s.planned { " planned" } else { "" },
            if s.over_occupied {
                " over-occupied"
            } else {
                ""
            },
            escape(&s.id),
            utilisation_colour(s.occupants, s.beds),
            escape(&tip)
        );
    }
    out.push_str("</g>");

    // Town names above everything else, in the towns layer's switch.
    let _ = write!(
        out,
        r#"<g class="layer" data-layer="towns" data-part="labels">{town_labels}</g>"#
    );

    // The scale bar and north arrow.
    let km = scale_km(proj.per_km());
    let len = km * proj.per_km();
    let (x0, y0) = (MARGIN, proj.height - 14.0);
    let _ = write!(
        out,
        r##"<g class="scale-bar"><rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="5" fill="#fff" stroke="#000"/><rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="5" fill="#000"/><text x="{x0:.1}" y="{:.1}">0</text><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text></g>"##,
        y0 - 5.0,
        len,
        y0 - 5.0,
        len / 2.0,
        y0 - 9.0,
        x0 + len,
        y0 - 9.0,
        escape(&say::R_KM.fill(lang, &[("km", &km_text(km))])),
    );
    let _ = write!(
        out,
        r##"<g class="north" transform="translate({:.1},{:.1})"><path d="M0,-16 L6,4 L0,0 L-6,4 Z" fill="#000"/><text x="0" y="18" text-anchor="middle">N</text></g>"##,
        WIDTH - MARGIN - 8.0,
        MARGIN + 18.0
    );
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utilisation_classes_run_from_empty_to_full() {
        assert_eq!(utilisation_class(0, 100), 0);
        assert_eq!(utilisation_class(1, 100), 1);
        assert_eq!(utilisation_class(50, 100), 2);
        assert_eq!(utilisation_class(90, 100), 3);
        assert_eq!(utilisation_class(99, 100), 3);
        assert_eq!(utilisation_class(100, 100), 4);
        assert_eq!(utilisation_class(0, 0), 0);
    }

    #[test]
    fn the_scale_bar_is_a_round_length_under_a_fifth_of_the_map() {
        // 30 km across 1,000 units: a fifth is 6 km, so 5 km.
        assert_eq!(scale_km(1000.0 / 30.0), 5.0);
        assert_eq!(scale_km(1000.0 / 300.0), 50.0);
        assert_eq!(scale_km(1000.0 / 1.0), 0.2);
    }
}
