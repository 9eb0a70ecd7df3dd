//! `answer_key REPORT.json > build/answer-key.json`: what the query layer says each address of
//! the dashboard shows, for the browser tests.
//!
//! The browser tests check that the screen shows what `reform::query` computed; whether those
//! answers are right is for the native tests, which check them against the report. So a browser
//! test reads its expected figures here instead of computing them again in JavaScript, where a
//! second copy of a rule could drift from the first. The addresses are the ones the browser tests
//! open; a test that opens another one adds it to `ADDRESSES` (the harness says so).

use std::process::ExitCode;

use reform::model::Report;
use reform::query::explore::{Dimension, Explorer};
use reform::query::heatmap::{heatmap, Cell};
use reform::query::kpi_view::{display, kpi_list, kpis_in_pillar, status_counts, Display};
use reform::query::route::{parse, Route, View};
use reform::query::verdicts::overview_page;
use serde_json::{json, Value};

/// Addresses as the browser tests open them (decoded).
const ADDRESSES: &[&str] = &[
    "#rd/overview",
    "#rd/explore",
    "#rd/explore?rating=delayed",
    "#rd/explore?dept=総務部",
    "#rd/explore?dept=総務部&rating=delayed",
    "#rd/explore?dept=教育庁",
    "#rd/explore?div=人事課",
    "#rd/explore?div=人事課&rating=delayed",
    "#rd/explore?q=ict",
    "#rd/explore?q=サ-ビス",
    "#rd/explore?sort=rating",
    "#rd/explore?sort=rating&desc=1",
    "#rd/explore?p=II&dept=総務部",
    "#rd/heatmap",
    "#rd/heatmap?hr=総務部&hc=II-3",
    "#rd/kpi",
    "#rd/kpi?kp=II",
];

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: answer_key REPORT.json > answer-key.json");
        return ExitCode::FAILURE;
    };
    let report = match std::fs::read_to_string(&path).map_err(|e| e.to_string()).and_then(|t| Report::from_json(&t).map_err(|e| e.to_string())) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("answer_key: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let explorer = Explorer::new(report.clone());
    let mut answers = serde_json::Map::new();
    for &address in ADDRESSES {
        let parsed = parse(address, &report);
        if !parsed.notices.is_empty() {
            eprintln!("answer_key: {address}: {}", parsed.notices.join("; "));
            return ExitCode::FAILURE;
        }
        answers.insert(address.to_string(), answer(&report, &explorer, &parsed.route));
    }
    println!("{}", Value::Object(answers));
    ExitCode::SUCCESS
}

fn answer(report: &Report, explorer: &Explorer, route: &Route) -> Value {
    match route.view {
        View::Overview => overview(report),
        View::Explore => explore(report, explorer, route),
        View::Heatmap => heat(report, route),
        View::Kpi => kpis(report, route),
        View::Data | View::Help => Value::Null,
    }
}

fn overview(report: &Report) -> Value {
    let page = overview_page(report);
    let counts = |c: &reform::query::overview::Counts| {
        json!({"initiatives": c.initiatives, "relisted": c.relisted, "zencho": c.zencho, "on_track": c.on_track, "delayed": c.delayed, "kpis": c.kpis})
    };
    json!({
        "total": counts(&page.overview.total),
        "points": page.overview.data_points,
        "pillars": page.overview.pillars.iter().map(|p| json!({"id": p.id, "counts": counts(&p.counts)})).collect::<Vec<_>>(),
        "delayed_subsections": page.delayed.iter().map(|d| d.id.clone()).collect::<Vec<_>>(),
        "kpi_sentence": page.headlines.kpi_sentence,
    })
}

fn explore(report: &Report, explorer: &Explorer, route: &Route) -> Value {
    let explored = explorer.explore(&route.filter);
    let mut rows = explored.rows.clone();
    explorer.sort(&mut rows, route.sort);
    let facets: serde_json::Map<String, Value> = Dimension::SELECTS
        .iter()
        .map(|&d| (d.form_name().to_string(), explored.options(d).iter().map(|o| json!({"value": o.value, "label": o.label, "count": o.count})).collect()))
        .collect();
    json!({
        "ids": rows.iter().map(|&i| report.initiatives[i].id.clone()).collect::<Vec<_>>(),
        "universe": explorer.universe(&route.filter),
        "facets": facets,
    })
}

fn heat(report: &Report, route: &Route) -> Value {
    let h = heatmap(report, &route.heat);
    let cell = |c: &Cell| json!({"initiatives": c.initiatives, "delayed": c.delayed, "kpis_judged": c.kpis_judged, "kpis_behind": c.kpis_behind});
    json!({
        "columns": h.columns.iter().map(|c| c.key.clone()).collect::<Vec<_>>(),
        "rows": h.rows.iter().zip(&h.cells).map(|(r, cells)| json!({"key": r.key, "cells": cells.iter().map(cell).collect::<Vec<_>>()})).collect::<Vec<_>>(),
        "total": cell(&h.total),
    })
}

fn kpis(report: &Report, route: &Route) -> Value {
    let pillar = route.kpi_pillar.as_deref();
    let listed = kpi_list(report, pillar, route.kpi_status, route.kpi_order);
    let ids = |pick: &dyn Fn(Display) -> bool| listed.iter().filter(|(k, _)| pick(display(k))).map(|(k, _)| k.id.clone()).collect::<Vec<_>>();
    json!({
        "ids": listed.iter().map(|(k, _)| k.id.clone()).collect::<Vec<_>>(),
        "charted": ids(&|d| d == Display::Chart),
        "tiles": ids(&|d| matches!(d, Display::Tile(_))),
        // The page offers a button for each judgement that has KPIs, in this order.
        "counts": status_counts(report, kpis_in_pillar(report, pillar)).iter().filter(|(_, n)| *n > 0).map(|(s, n)| json!([s.key(), n])).collect::<Vec<_>>(),
    })
}
