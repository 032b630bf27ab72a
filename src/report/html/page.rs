//! The page: its header (the scenario, the policy reading, the standard, the data files with
//! their SHA-256, the version and date), the key figures, the map with its legend and layer
//! switches, the charts and the tables, with an inline style sheet (a print style for A4) and
//! an inline script that sorts tables and switches layers. It loads nothing from anywhere.

use super::charts::charts;
use super::map::{UTILISATION_CLASSES, reason_colour, reason_words, svg};
use super::markup::escape;
use super::tables::tables;
use super::{DATA_ELEMENT_ID, ReportData};
use crate::catalogue::{Lang, Phrase, report as say};
use crate::io::Outputs;
use crate::model::Loaded;
use crate::numbers::{int, percent};
use crate::report::allocation::arcs_in_words;
use std::fmt::Write as _;

/// The style sheet: a font stack that every Windows, macOS and Linux desktop has Chinese
/// glyphs in, and a print style (A4, a section per page, no shadows or scroll boxes).
const STYLE: &str = r#"
:root { --ink:#1d1d1f; --muted:#5f6368; --rule:#d9d9d9; --band:#f5f6f8; --accent:#084594;
  font-family: "Microsoft YaHei", "微软雅黑", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC",
  "Source Han Sans SC", "WenQuanYi Micro Hei", "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font-size: 14px; line-height: 1.5; }
header.top { background: var(--accent); color: #fff; padding: 18px 32px 14px; }
header.top h1 { margin: 0; font-size: 24px; font-weight: 600; }
header.top .sub { opacity: .9; font-size: 15px; margin-top: 2px; }
dl.band { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 2px 28px; margin: 10px 0 0; font-size: 12.5px; }
dl.band div { display: flex; gap: 8px; }
dl.band dt { opacity: .75; white-space: nowrap; }
dl.band dd { margin: 0; }
dl.band code { font-size: 11.5px; }
main { padding: 8px 32px 32px; max-width: 1400px; margin: 0 auto; }
section { margin-top: 22px; }
h2 { font-size: 18px; border-bottom: 2px solid var(--accent); padding-bottom: 4px; margin: 0 0 12px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
dl.facts code { font-size: 12px; color: var(--muted); word-break: break-all; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px; }
.card { border: 1px solid var(--rule); border-left: 4px solid var(--accent); padding: 8px 12px; background: var(--band); }
.card .label { color: var(--muted); font-size: 13px; }
.card .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .note { font-size: 12.5px; color: var(--muted); }
.card.warn { border-left-color: #d7191c; }
ul.reasons { margin: 6px 0 0; padding-left: 18px; }
.map-wrap { display: grid; grid-template-columns: minmax(0, 1fr) 290px; gap: 16px; align-items: start; }
#map { width: 100%; height: auto; border: 1px solid var(--rule); background: #fff; }
#map text { font-size: 12px; fill: #111; }
#map .town-name { font-size: 12px; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.legend { font-size: 13px; }
.legend h3 { font-size: 14px; margin: 10px 0 4px; }
.legend label { display: flex; align-items: center; gap: 6px; margin: 3px 0; cursor: pointer; }
.legend .swatch { display: inline-block; width: 14px; height: 14px; border: 1px solid #333; flex: none; }
.legend .swatch.round { border-radius: 50%; }
.legend .row { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.note { color: var(--muted); font-size: 12.5px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 18px; }
figure.chart { margin: 0; border: 1px solid var(--rule); padding: 8px; break-inside: avoid; }
figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.chart svg text { font-family: inherit; }
.table-box { max-height: 460px; overflow: auto; border: 1px solid var(--rule); margin-bottom: 18px; }
table.sortable { border-collapse: collapse; width: 100%; font-size: 13px; }
table.sortable caption { text-align: left; font-weight: 600; padding: 6px 8px; background: var(--band); caption-side: top; }
table.sortable th { position: sticky; top: 0; background: #e8ecf3; text-align: left; padding: 5px 8px; cursor: pointer; white-space: nowrap; border-bottom: 1px solid #b8c2d1; }
table.sortable th[aria-sort="ascending"]::after { content: " ▲"; }
table.sortable th[aria-sort="descending"]::after { content: " ▼"; }
table.sortable td { padding: 4px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
table.sortable th.num { text-align: right; }
table.sortable td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.sortable tbody tr:nth-child(even) { background: #fafbfc; }
footer { margin-top: 28px; padding-top: 8px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12.5px; }
@media (max-width: 900px) { .map-wrap { grid-template-columns: 1fr; } }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 11pt; }
  header.top { background: none; color: #000; border-bottom: 2px solid #000; padding: 0 0 6px; }
  main { padding: 0; max-width: none; }
  section.page { break-before: page; }
  .card { background: none; border-left-color: #000; }
  .map-wrap { grid-template-columns: 1fr; }
  .legend input { display: none; }
  .table-box { max-height: none; overflow: visible; border: none; }
  table.sortable { font-size: 7pt; }
  table.sortable td, table.sortable th { padding: 2px 4px; }
  table.sortable th { white-space: normal; }
  table.sortable th { position: static; background: none; border-bottom: 1.5px solid #000; }
  table.sortable tbody tr:nth-child(even) { background: none; }
  .charts { grid-template-columns: 1fr 1fr; }
  figure.chart { border: none; }
  .screen-only { display: none; }
}
"#;

/// The script: sorting tables by a click on a heading, and switching map layers.
const SCRIPT: &str = r#"
(function () {
  "use strict";
  document.querySelectorAll("input.layer-toggle").forEach(function (box) {
    box.addEventListener("change", function () {
      document.querySelectorAll('#map g.layer[data-layer="' + box.dataset.layer + '"]').forEach(function (g) {
        g.style.display = box.checked ? "" : "none";
      });
    });
  });
  function key(cell) {
    if (!cell) { return ""; }
    var v = cell.getAttribute("data-value");
    if (v !== null && v !== "" && !isNaN(Number(v))) { return Number(v); }
    return cell.textContent;
  }
  var collator = new Intl.Collator(document.documentElement.lang, { numeric: true });
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, column) {
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return !r.classList.contains("empty"); });
        var descending = th.getAttribute("aria-sort") === "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var indexed = rows.map(function (r, i) { return [key(r.cells[column]), i, r]; });
        indexed.sort(function (a, b) {
          var x = a[0], y = b[0], c;
          if (typeof x === "number" && typeof y === "number") { c = x - y; }
          else if (typeof x === "number") { c = -1; }
          else if (typeof y === "number") { c = 1; }
          else { c = collator.compare(x, y); }
          if (descending) { c = -c; }
          return c !== 0 ? c : a[1] - b[1];
        });
        indexed.forEach(function (e) { body.appendChild(e[2]); });
      });
    });
  });
})();
"#;

/// A fact of the header.
fn fact(out: &mut String, label: Phrase, lang: Lang, value_html: &str) {
    let _ = write!(
        out,
        "<dt>{}</dt><dd>{value_html}</dd>",
        escape(label.get(lang))
    );
}

/// A key figure's card.
fn card(out: &mut String, label: &str, value: &str, note: &str, warn: bool) {
    let _ = write!(
        out,
        r#"<div class="card{}"><div class="label">{}</div><div class="value">{}</div><div class="note">{}</div></div>"#,
        if warn { " warn" } else { "" },
        escape(label),
        escape(value),
        note
    );
}

/// Yuan text shown grouped.
fn yuan(text: &str) -> String {
    super::fen_of_text(text).map_or_else(|| text.to_string(), |f| f.grouped())
}

/// The whole page.
pub fn page(data: &ReportData, loaded: &Loaded, outputs: &Outputs) -> String {
    let lang = data.lang;
    let sc = &loaded.scenario;
    let s = &data.summary;
    let mut html = String::with_capacity(1 << 20);
    let title = say::R_TITLE.get(lang);
    let name = match &s.variant {
        Some(v) => format!("{} · {v}", s.scenario),
        None => s.scenario.clone(),
    };
    let _ = write!(
        html,
        r#"<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{} — {}</title><style>{STYLE}</style></head><body>"#,
        match lang {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        },
        escape(title),
        escape(&name)
    );
    let _ = write!(
        html,
        r#"<header class="top"><h1>{}</h1><div class="sub">{}</div>{}</header><main>"#,
        escape(title),
        escape(&name),
        band(data, loaded)
    );
    // The basis in full (every policy setting, every file's whole digest) closes the page.
    let start_of_basis = html.len();

    // The scenario and what the figures rest on.
    let _ = write!(
        html,
        r#"<section id="basis" class="page"><h2>{}</h2><dl class="facts">"#,
        escape(say::R_SECTION_BASIS.get(lang))
    );
    let scenario = format!(
        "{} <code>{}</code>",
        escape(&s.scenario),
        escape(&sc.path.display().to_string())
    );
    fact(&mut html, say::R_SCENARIO, lang, &scenario);
    let variant = match (&s.variant, &data.variants) {
        (Some(v), _) => escape(v),
        (None, Some(vs)) => escape(&say::R_VARIANTS.fill(lang, &[("n", &(vs.len() - 1))])),
        (None, None) => escape(say::R_BASE.get(lang)),
    };
    fact(&mut html, say::R_VARIANT, lang, &variant);
    fact(
        &mut html,
        say::R_STANDARD,
        lang,
        &escape(&standard_text(sc, lang)),
    );
    let a = &sc.settings.allocation;
    fact(
        &mut html,
        say::R_ALLOCATION,
        lang,
        &escape(&say::R_ALLOCATION_VALUE.fill(
            lang,
            &[
                ("arcs", &arcs_in_words(lang, loaded)),
                (
                    "penalty",
                    &format!(
                        "{} {}",
                        crate::numbers::grouped(a.unhoused_penalty),
                        a.cost_unit.symbol()
                    ),
                ),
            ],
        )),
    );
    let policy = match data.run.scenarios.first().and_then(|r| r.policy.as_ref()) {
        Some(p) => {
            let mut text = format!(
                "{} <code>{}</code>",
                escape(&p.name),
                escape(&p.file.display().to_string())
            );
            for prog in &p.programmes {
                let settings: Vec<String> = prog
                    .settings
                    .iter()
                    .map(|[k, v]| format!("{k} = {v}"))
                    .collect();
                // The reading in the page's language (run.json records it in English).
                let reading = sc
                    .policy
                    .iter()
                    .flat_map(|p| &p.programmes)
                    .find(|p| p.id == prog.id)
                    .map_or(prog.reading.clone(), |p| {
                        crate::subsidy::reading::cost_share_reading(p, lang)
                    });
                let _ = write!(
                    text,
                    r#"<br><b>{}</b>: {}<br><span class="note">{}</span>"#,
                    escape(&prog.id),
                    escape(&reading),
                    escape(&settings.join("; "))
                );
            }
            text
        }
        None => escape(say::R_NO_POLICY.get(lang)),
    };
    fact(&mut html, say::R_POLICY, lang, &policy);
    let files: Vec<String> = data
        .run
        .inputs
        .iter()
        .map(|i| {
            format!(
                "{} ({}) <code>{}</code>",
                escape(&i.path.display().to_string()),
                escape(&i.role),
                escape(&i.sha256)
            )
        })
        .collect();
    fact(&mut html, say::R_DATA_FILES, lang, &files.join("<br>"));
    fact(
        &mut html,
        say::R_VERSION,
        lang,
        &escape(&format!("dormplan {}", data.run.dormplan_version)),
    );
    fact(&mut html, say::R_DATE, lang, &escape(&data.run.time));
    html.push_str("</dl></section>");
    let basis = html.split_off(start_of_basis);

    // The key figures.
    let _ = write!(
        html,
        r#"<section id="key-figures"><h2>{}</h2><div class="cards">"#,
        escape(say::R_SECTION_KEY.get(lang))
    );
    card(&mut html, say::R_BEDS.get(lang), &int(s.beds), "", false);
    card(
        &mut html,
        say::R_DEMAND.get(lang),
        &int(s.demand),
        "",
        false,
    );
    let spare = s
        .housed_on_spare_beds
        .filter(|n| *n > 0)
        .map(|n| escape(&say::R_ON_SPARE_BEDS.fill(lang, &[("n", &int(n as u64))])))
        .unwrap_or_default();
    card(
        &mut html,
        say::R_HOUSED.get(lang),
        &int(s.housed),
        &format!(
            "{} {spare}",
            escape(&say::R_SHARE_OF_DEMAND.fill(lang, &[("share", &percent(s.housed, s.demand))]))
        ),
        false,
    );
    let why = if s.unhoused == 0 {
        escape(say::R_NOBODY_UNHOUSED.get(lang))
    } else {
        let mut list = String::from(r#"<ul class="reasons">"#);
        for r in &s.unhoused_by_reason {
            let words = reason_words(r.code, lang);
            let _ = write!(
                list,
                r#"<li><span class="swatch round" style="background:{}"></span> {}: {} <code>{}</code></li>"#,
                reason_colour(r.code),
                int(r.people),
                escape(words),
                r.code
            );
        }
        list.push_str("</ul>");
        list
    };
    card(
        &mut html,
        say::R_UNHOUSED.get(lang),
        &int(s.unhoused),
        &why,
        s.unhoused > 0,
    );
    let proof = if s.proven_optimal {
        say::R_PROVEN.get(lang).to_string()
    } else {
        say::R_GAP.fill(lang, &[("gap", &(s.objective - s.bound))])
    };
    let mark = if s.proven_optimal {
        "✓".to_string()
    } else {
        crate::numbers::grouped_wide(s.objective - s.bound)
    };
    card(
        &mut html,
        say::R_PROOF.get(lang),
        &mark,
        &escape(&proof),
        !s.proven_optimal,
    );
    if let Some(sub) = &s.subsidy {
        let projects = escape(&say::R_SUBSIDY_PROJECTS.fill(
            lang,
            &[
                ("eligible", &sub.eligible_projects),
                ("potential", &sub.potential_projects),
            ],
        ));
        card(
            &mut html,
            say::R_SUBSIDY_CERTAIN.get(lang),
            &yuan(&sub.certain_yuan),
            &projects,
            false,
        );
        card(
            &mut html,
            say::R_SUBSIDY_EXPECTED.get(lang),
            &yuan(&sub.expected_yuan),
            "",
            false,
        );
        card(
            &mut html,
            say::R_SUBSIDY_CEILING.get(lang),
            &yuan(&sub.ceiling_yuan),
            "",
            false,
        );
    }
    match &s.plan {
        Some(p) => {
            let text = |k: &str| p.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
            let num = |k: &str| p.get(k).and_then(|v| v.as_i64()).unwrap_or(0);
            let buys = say::R_PLAN_BUYS.fill(
                lang,
                &[
                    ("budget", &yuan(&text("budget_yuan"))),
                    ("projects", &num("projects")),
                    ("beds", &int(num("beds_added").max(0) as u64)),
                    (
                        "people",
                        &int((num("housed") - num("baseline_housed")).max(0) as u64),
                    ),
                ],
            );
            card(
                &mut html,
                say::R_PLAN_COST.get(lang),
                &yuan(&text("net_cost_yuan")),
                &escape(&buys),
                false,
            );
        }
        None => card(
            &mut html,
            say::R_PLAN_COST.get(lang),
            "–",
            &escape(say::R_NO_PLAN.get(lang)),
            false,
        ),
    }
    html.push_str("</div></section>");

    // The map.
    let _ = write!(
        html,
        r#"<section id="map-section" class="page"><h2>{}</h2><div class="map-wrap"><div>{}</div><div class="legend">"#,
        escape(say::R_SECTION_MAP.get(lang)),
        svg(&data.map, lang)
    );
    html.push_str(&legend(data, lang));
    let _ = write!(
        html,
        r#"<p class="note">{}</p></div></div></section>"#,
        escape(say::R_MAP_NOTE.get(lang))
    );

    // The charts.
    let _ = write!(
        html,
        r#"<section id="charts" class="page"><h2>{}</h2><div class="charts">"#,
        escape(say::R_SECTION_CHARTS.get(lang))
    );
    for chart in charts(data) {
        let _ = write!(
            html,
            r#"<figure class="chart" data-chart="{}"><figcaption>{}</figcaption>{}"#,
            chart.name,
            escape(&chart.title),
            chart.svg
        );
        if let Some(note) = &chart.note {
            let _ = write!(html, r#"<p class="note">{}</p>"#, escape(note));
        }
        html.push_str("</figure>");
    }
    html.push_str("</div></section>");

    // The tables.
    let _ = write!(
        html,
        r#"<section id="tables" class="page"><h2>{}</h2><p class="note screen-only">{}</p>"#,
        escape(say::R_SECTION_TABLES.get(lang)),
        escape(say::R_SORT_HINT.get(lang))
    );
    for t in tables(loaded, outputs, lang) {
        let _ = write!(html, r#"<div class="table-box">{}</div>"#, t.html);
    }
    html.push_str("</section>");
    html.push_str(&basis);
    let _ = write!(
        html,
        "<footer>{} {}</footer></main>",
        escape(&say::R_FOOTER.fill(lang, &[("version", &data.run.dormplan_version)])),
        escape(say::R_FILES_BESIDE.get(lang))
    );
    let _ = write!(
        html,
        r#"<script type="application/json" id="{DATA_ELEMENT_ID}">{}</script><script>{SCRIPT}</script></body></html>"#,
        data.embedded_json()
    );
    html.push('\n');
    html
}

/// The header's facts: the standard, the policy's reading, the data files (each with the
/// start of its SHA-256; the whole digest in its tooltip and in the basis at the end), the
/// program and the time.
fn band(data: &ReportData, loaded: &Loaded) -> String {
    let lang = data.lang;
    let sc = &loaded.scenario;
    let mut out = String::from(r#"<dl class="band">"#);
    let mut row = |label: Phrase, value: String| {
        let _ = write!(
            out,
            "<div><dt>{}</dt><dd>{value}</dd></div>",
            escape(label.get(lang))
        );
    };
    row(say::R_STANDARD, escape(&standard_text(sc, lang)));
    let policy = match &sc.policy {
        Some(p) => {
            let readings: Vec<String> = p
                .programmes
                .iter()
                .map(|prog| crate::subsidy::reading::cost_share_reading(prog, lang))
                .collect();
            escape(&format!("{}: {}", p.name, readings.join("; ")))
        }
        None => escape(say::R_NO_POLICY.get(lang)),
    };
    row(say::R_POLICY, policy);
    let files: Vec<String> = data
        .run
        .inputs
        .iter()
        .map(|i| {
            let name = i.path.file_name().map_or_else(
                || i.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            format!(
                r#"<span title="{} SHA-256 {}">{} <code>{}…</code></span>"#,
                escape(&i.path.display().to_string()),
                escape(&i.sha256),
                escape(&name),
                escape(i.sha256.get(..12).unwrap_or(&i.sha256))
            )
        })
        .collect();
    row(say::R_DATA_FILES, files.join(" · "));
    row(
        say::R_DATE,
        escape(&format!(
            "{} · dormplan {}",
            data.run.time, data.run.dormplan_version
        )),
    );
    out.push_str("</dl>");
    out
}

/// The standard, the policy range and the usable ratio, in words.
fn standard_text(sc: &crate::model::Scenario, lang: Lang) -> String {
    let st = &sc.settings.standard;
    say::R_STANDARD_VALUE.fill(
        lang,
        &[
            ("plan", &st.plan.m2()),
            ("min", &st.floor.m2()),
            ("max", &st.ceiling.m2()),
            ("ratio", &st.usable_ratio.fraction()),
        ],
    )
}

/// The map's legend, with a switch for each layer.
fn legend(data: &ReportData, lang: Lang) -> String {
    let mut out = String::new();
    let layers: [(&str, Phrase, String); 5] = [
        (
            "boundary",
            say::R_LAYER_BOUNDARY,
            r#"<span class="swatch" style="background:#f4f1ea;border-color:#4d4d4d"></span>"#
                .into(),
        ),
        (
            "towns",
            say::R_LAYER_TOWNS,
            r#"<span class="swatch" style="background:#222;width:8px;height:8px"></span>"#.into(),
        ),
        (
            "sites",
            say::R_LAYER_SITES,
            r#"<span class="swatch round" style="background:#6baed6"></span>"#.into(),
        ),
        (
            "flows",
            say::R_LAYER_FLOWS,
            r#"<span class="swatch" style="height:3px;background:#3f3f3f;border:none"></span>"#
                .into(),
        ),
        (
            "unhoused",
            say::R_LAYER_UNHOUSED,
            r#"<span class="swatch round" style="background:#d7191c"></span>"#.into(),
        ),
    ];
    let _ = write!(out, "<h3>{}</h3>", escape(say::R_SECTION_MAP.get(lang)));
    for (layer, label, swatch) in layers {
        let _ = write!(
            out,
            r#"<label><input type="checkbox" class="layer-toggle" data-layer="{layer}" checked> {swatch} {}</label>"#,
            escape(label.get(lang))
        );
    }
    let _ = write!(
        out,
        "<h3>{}</h3>",
        escape(say::R_LEGEND_UTILISATION.get(lang))
    );
    let mut low = 0;
    for (i, (high, colour)) in UTILISATION_CLASSES.iter().enumerate() {
        let range = match i {
            0 => say::R_LEGEND_EMPTY.get(lang).to_string(),
            4 => say::R_LEGEND_FULL.get(lang).to_string(),
            _ => format!("{low}–{high} %"),
        };
        low = *high;
        let _ = write!(
            out,
            r#"<div class="row"><span class="swatch round" style="background:{colour}"></span> {range}</div>"#
        );
    }
    let _ = write!(
        out,
        r#"<div class="row"><span class="swatch round" style="background:#fff;border:2px dashed #d7301f"></span> {}</div>"#,
        escape(say::R_LEGEND_OVER.get(lang))
    );
    if data.map.sites.iter().any(|s| s.planned) {
        let _ = write!(
            out,
            r#"<div class="row"><span class="swatch round" style="background:#fff;border:3px solid #e6550d"></span> {}</div>"#,
            escape(say::R_LEGEND_PLANNED.get(lang))
        );
    }
    if !data.summary.unhoused_by_reason.is_empty() {
        let _ = write!(
            out,
            "<h3>{}</h3>",
            escape(say::R_UNHOUSED_BY_REASON.get(lang))
        );
        for r in &data.summary.unhoused_by_reason {
            let words = reason_words(r.code, lang);
            let _ = write!(
                out,
                r#"<div class="row"><span class="swatch round" style="background:{}"></span> {}</div>"#,
                reason_colour(r.code),
                escape(words)
            );
        }
    }
    out
}
