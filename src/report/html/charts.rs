//! The report's charts, drawn with plotters' SVG backend into strings: horizontal bars by town
//! or by variant (long names read across, not rotated), and the budget curve as two lines on
//! two axes. Every chart is an `<svg>` with a `viewBox`, so that the page scales it; its text
//! takes the page's font stack.

use super::{ReportData, fen_of_text};
use crate::catalogue::{Lang, Phrase, report as say};
use plotters::prelude::*;

/// Colours of the series, dark to light, distinguishable in black and white.
const SERIES: [RGBColor; 3] = [
    RGBColor(0x08, 0x45, 0x94),
    RGBColor(0xfd, 0x8d, 0x3c),
    RGBColor(0xbd, 0xd7, 0xe7),
];

/// One drawn chart: its name (the `data-chart` attribute), title and SVG.
#[derive(Debug)]
pub struct Chart {
    /// A stable name: `supply_demand`, `housed_share`, `subsidy_by_town`, `variants`,
    /// `variants_commute`, `budget_curve`.
    pub name: &'static str,
    /// The title, in the page's language.
    pub title: String,
    /// A note under the chart, when it needs one.
    pub note: Option<String>,
    /// The `<svg>` element.
    pub svg: String,
}

/// A bar series: its label, and one value per category.
struct Series {
    label: String,
    values: Vec<f64>,
}

/// Every chart the data calls for, in the page's order.
pub fn charts(data: &ReportData) -> Vec<Chart> {
    let lang = data.lang;
    let mut out = Vec::new();
    let names: Vec<String> = data.towns.iter().map(|t| t.name.clone()).collect();
    let word = |p: Phrase| p.get(lang).to_string();
    out.push(Chart {
        name: "supply_demand",
        title: word(say::R_CHART_SUPPLY),
        note: None,
        svg: hbars(
            &names,
            &[
                Series {
                    label: word(say::R_SERIES_BEDS),
                    values: data.towns.iter().map(|t| t.beds as f64).collect(),
                },
                Series {
                    label: word(say::R_SERIES_DEMAND),
                    values: data.towns.iter().map(|t| t.demand as f64).collect(),
                },
            ],
            &word(say::R_AXIS_PEOPLE),
            None,
        ),
    });
    out.push(Chart {
        name: "housed_share",
        title: word(say::R_CHART_HOUSED_SHARE),
        note: None,
        svg: hbars(
            &names,
            &[Series {
                label: word(say::R_SERIES_HOUSED),
                values: data
                    .towns
                    .iter()
                    .map(|t| {
                        if t.demand == 0 {
                            100.0
                        } else {
                            t.housed as f64 * 100.0 / t.demand as f64
                        }
                    })
                    .collect(),
            }],
            &word(say::R_AXIS_SHARE),
            Some(100.0),
        ),
    });
    if let Some(by_town) = &data.subsidy_by_town {
        let paid: Vec<_> = by_town
            .iter()
            .filter(|t| wan(&t.ceiling_yuan) > 0.0)
            .collect();
        if !paid.is_empty() {
            let series = |p: Phrase, f: fn(&super::TownSubsidy) -> &str| Series {
                label: word(p),
                values: paid.iter().map(|t| wan(f(t))).collect(),
            };
            out.push(Chart {
                name: "subsidy_by_town",
                title: word(say::R_CHART_SUBSIDY),
                note: None,
                svg: hbars(
                    &paid.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
                    &[
                        series(say::R_SERIES_CERTAIN, |t| &t.certain_yuan),
                        series(say::R_SERIES_EXPECTED, |t| &t.expected_yuan),
                        series(say::R_SERIES_CEILING, |t| &t.ceiling_yuan),
                    ],
                    &word(say::R_AXIS_WAN),
                    None,
                ),
            });
        }
    }
    if let Some(variants) = &data.variants {
        let names: Vec<String> = variants
            .iter()
            .map(|v| {
                v.variant
                    .clone()
                    .unwrap_or_else(|| say::R_BASE.get(lang).to_string())
            })
            .collect();
        out.push(Chart {
            name: "variants",
            title: word(say::R_CHART_VARIANTS),
            note: None,
            svg: hbars(
                &names,
                &[
                    Series {
                        label: word(say::R_SERIES_BEDS),
                        values: variants.iter().map(|v| v.beds as f64).collect(),
                    },
                    Series {
                        label: word(say::R_SERIES_HOUSED),
                        values: variants.iter().map(|v| v.housed as f64).collect(),
                    },
                    Series {
                        label: word(say::R_SERIES_UNHOUSED),
                        values: variants.iter().map(|v| v.unhoused as f64).collect(),
                    },
                ],
                &word(say::R_AXIS_PEOPLE),
                None,
            ),
        });
        out.push(Chart {
            name: "variants_commute",
            title: word(say::R_CHART_VARIANTS_COMMUTE),
            note: None,
            svg: hbars(
                &names,
                &[Series {
                    label: word(say::R_AXIS_KM),
                    values: variants
                        .iter()
                        .map(|v| v.mean_commute_km.unwrap_or(0.0))
                        .collect(),
                }],
                &word(say::R_AXIS_KM),
                None,
            ),
        });
    }
    if let Some(curve) = &data.budget_curve {
        out.push(budget_curve(curve, lang));
    }
    out
}

/// Yuan text in 10,000 yuan (万元), for drawing only: the tables keep the exact fen.
fn wan(yuan: &str) -> f64 {
    fen_of_text(yuan).map_or(0.0, |f| f.0 as f64 / 1e6)
}

/// Text sizes of the charts, in SVG units.
const LABEL: u32 = 13;
const WIDTH: u32 = 620;

/// Grouped horizontal bars: one row per category, one bar per series in it. `most` fixes the
/// axis's end (a share's 100 %); else it is the largest value with a little room.
fn hbars(categories: &[String], series: &[Series], axis: &str, most: Option<f64>) -> String {
    let n = categories.len().max(1);
    let row = 14 + 8 * series.len() as u32;
    let height = 90 + row * n as u32;
    let top = most.unwrap_or_else(|| {
        let m = series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .fold(0.0, f64::max);
        // Room on the right for the legend when there is one.
        let room = if series.len() > 1 { 1.38 } else { 1.08 };
        if m > 0.0 { m * room } else { 1.0 }
    });
    let longest = categories
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(4);
    let label_area = (longest as u32 * 9 + 16).clamp(40, 200);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let built = ChartBuilder::on(&root)
            .margin(10)
            .margin_right(24)
            .x_label_area_size(36)
            .y_label_area_size(label_area)
            .build_cartesian_2d(0f64..top, -0.5f64..(n as f64 - 0.5));
        let Ok(mut chart) = built else {
            return svg_failed(WIDTH, height);
        };
        // The first category on top: category i is drawn at y = n − 1 − i.
        let name_of = |y: &f64| {
            let i = y.round();
            if (y - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < n {
                categories
                    .get(n - 1 - i as usize)
                    .cloned()
                    .unwrap_or_default()
            } else {
                String::new()
            }
        };
        let _ = chart
            .configure_mesh()
            .disable_y_mesh()
            .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
            .y_labels(2 * n + 1)
            .y_label_formatter(&name_of)
            .x_labels(6)
            .x_label_formatter(&|x| axis_number(*x))
            .x_desc(axis)
            .label_style(("sans-serif", LABEL))
            .axis_desc_style(("sans-serif", LABEL))
            .light_line_style(TRANSPARENT)
            .draw();
        let band = 0.8 / series.len().max(1) as f64;
        for (k, s) in series.iter().enumerate() {
            let colour = SERIES[k % SERIES.len()];
            let bars = s.values.iter().enumerate().map(move |(i, &v)| {
                // Row i runs from i − 0.4 to i + 0.4; series k takes its k-th band, top down.
                let y1 = (n - 1 - i) as f64 + 0.4 - band * k as f64;
                let y0 = y1 - band * 0.9;
                Rectangle::new([(0.0, y0), (v.max(0.0), y1)], colour.filled())
            });
            if let Ok(drawn) = chart.draw_series(bars) {
                drawn.label(s.label.clone()).legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 12, y + 5)], colour.filled())
                });
            }
        }
        if series.len() > 1 {
            draw_legend(&mut chart);
        }
        let _ = root.present();
    }
    svg
}

/// The series' legend, in the lower right corner of the plot.
fn draw_legend<'a, DB: DrawingBackend + 'a, CT: CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
) {
    let _ = chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(0xbb, 0xbb, 0xbb))
        .label_font(("sans-serif", LABEL))
        .draw();
}

/// An axis's number: whole numbers grouped, small ones with a decimal.
fn axis_number(x: f64) -> String {
    if x.abs() >= 10.0 || x == x.round() {
        crate::numbers::grouped(x.round() as i64)
    } else {
        format!("{x:.1}")
    }
}

/// An empty chart of the size asked, when plotters refuses the ranges (never for finite data).
fn svg_failed(width: u32, height: u32) -> String {
    format!(r#"<svg viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"></svg>"#)
}

/// The budget curve: people housed (left axis) and net cost (right axis) against the budget,
/// every point a plan solved at that budget, the scenario's budget marked by a vertical line.
fn budget_curve(curve: &[crate::plan::curve::BudgetPoint], lang: Lang) -> Chart {
    let feasible: Vec<_> = curve.iter().filter(|p| p.feasible).collect();
    let x_of = |p: &crate::plan::curve::BudgetPoint| p.budget.0 as f64 / 1e6;
    let max_x = curve.iter().map(x_of).fold(0.0, f64::max).max(1.0) * 1.04;
    let housed: Vec<(f64, f64)> = feasible
        .iter()
        .filter_map(|p| p.housed.map(|h| (x_of(p), h as f64)))
        .collect();
    let cost: Vec<(f64, f64)> = feasible
        .iter()
        .filter_map(|p| p.net_cost.map(|c| (x_of(p), c.0 as f64 / 1e6)))
        .collect();
    let (lo, hi) = housed
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), &(_, y)| {
            (lo.min(y), hi.max(y))
        });
    let (lo, hi) = if lo > hi {
        (0.0, 1.0)
    } else {
        let pad = ((hi - lo) * 0.1).max(10.0);
        ((lo - pad).max(0.0), hi + pad)
    };
    let max_cost = cost.iter().map(|&(_, c)| c).fold(0.0, f64::max).max(1.0) * 1.1;
    let marked = curve.iter().find(|p| p.is_scenario_budget).map(x_of);
    let (width, height) = (WIDTH, 380);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let built = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(36)
            .y_label_area_size(64)
            .right_y_label_area_size(64)
            .build_cartesian_2d(0f64..max_x, lo..hi);
        let Ok(chart) = built else {
            return Chart {
                name: "budget_curve",
                title: say::R_CHART_BUDGET.get(lang).to_string(),
                note: None,
                svg: svg_failed(width, height),
            };
        };
        let mut chart = chart.set_secondary_coord(0f64..max_x, 0f64..max_cost);
        let _ = chart
            .configure_mesh()
            .x_desc(say::R_AXIS_BUDGET.get(lang))
            .y_desc(say::R_SERIES_HOUSED.get(lang))
            .x_label_formatter(&|x| axis_number(*x))
            .y_label_formatter(&|y| axis_number(*y))
            .label_style(("sans-serif", LABEL))
            .axis_desc_style(("sans-serif", LABEL))
            .light_line_style(TRANSPARENT)
            .draw();
        let _ = chart
            .configure_secondary_axes()
            .y_desc(say::R_AXIS_WAN.get(lang))
            .y_label_formatter(&|y| axis_number(*y))
            .label_style(("sans-serif", LABEL))
            .axis_desc_style(("sans-serif", LABEL))
            .draw();
        if let Some(x) = marked {
            let _ = chart.draw_series(std::iter::once(PathElement::new(
                vec![(x, lo), (x, hi)],
                ShapeStyle::from(&BLACK).stroke_width(1),
            )));
        }
        let blue = SERIES[0];
        let orange = SERIES[1];
        if let Ok(drawn) = chart.draw_series(LineSeries::new(housed.clone(), blue.stroke_width(2)))
        {
            drawn
                .label(say::R_SERIES_HOUSED.get(lang))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 16, y)], blue.stroke_width(2))
                });
        }
        let _ = chart.draw_series(
            housed
                .iter()
                .map(|&(x, y)| Circle::new((x, y), 4, blue.filled())),
        );
        if let Ok(drawn) =
            chart.draw_secondary_series(LineSeries::new(cost.clone(), orange.stroke_width(2)))
        {
            drawn
                .label(say::R_SERIES_NET_COST.get(lang))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 16, y)], orange.stroke_width(2))
                });
        }
        let _ = chart.draw_secondary_series(
            cost.iter()
                .map(|&(x, y)| TriangleMarker::new((x, y), 5, orange.filled())),
        );
        draw_legend(&mut chart);
        let _ = root.present();
    }
    let infeasible: Vec<String> = curve
        .iter()
        .filter(|p| !p.feasible)
        .map(|p| axis_number(x_of(p)))
        .collect();
    let mut note = say::R_CURVE_NOTE.get(lang).to_string();
    if !infeasible.is_empty() {
        note.push(' ');
        note.push_str(&say::R_CURVE_INFEASIBLE.fill(lang, &[("budgets", &infeasible.join(", "))]));
    }
    Chart {
        name: "budget_curve",
        title: say::R_CHART_BUDGET.get(lang).to_string(),
        note: Some(note),
        svg,
    }
}
