//! Pieces shared by the KPI page and the initiative detail: a KPI's status badge, chart with
//! its one-sentence summary, and its figures as a table.

use std::sync::Arc;

use leptos::prelude::*;
use reform::format::{fiscal_year, number, YearStyle};
use reform::model::{Kpi, PointKind};
use reform::query::achievement::{self, Status};
use reform::query::calculation::calculation;
use reform::query::chart_spec::{ChartSpec, IMAGE_SIZE};
use reform::query::kpi_sentences::{chart_caption, summary_ja};
use reform::query::source::Anchor;

use crate::chart::{png_name, EChart};
use crate::source_dialog::{SourceButton, SourceRequest};
use crate::state::AppState;

pub fn status_class(s: Status) -> &'static str {
    match s {
        Status::Achieved | Status::LevelReached => "rd-badge rd-badge-ok",
        Status::NotAchieved => "rd-badge rd-badge-ng",
        _ => "rd-badge",
    }
}

#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    view! { <span class=status_class(status) data-status=status.key()>{status.display_ja()}</span> }
}

/// How many KPIs are in each judgement, with badges (overview and KPI page).
#[component]
pub fn StatusCounts(counts: Vec<(Status, usize)>, testid: &'static str) -> impl IntoView {
    view! {
        <ul class="rd-status-counts" data-testid=testid>
            {counts.into_iter().map(|(s, n)| view! { <li data-status=s.key()><StatusBadge status=s />" "<strong>{n}</strong>"指標"</li> }).collect_view()}
        </ul>
    }
}

#[component]
pub fn KpiChart(kpi: Arc<Kpi>, #[prop(into)] style: Signal<YearStyle>, #[prop(default = 240)] height: u32) -> impl IntoView {
    let st = expect_context::<AppState>();
    let spec = {
        let kpi = Arc::clone(&kpi);
        Signal::derive(move || ChartSpec::Kpi { kpi: (*kpi).clone(), style: style.get(), caption: None })
    };
    let summary = {
        let kpi = Arc::clone(&kpi);
        Memo::new(move |_| summary_ja(&st.report(), &kpi, style.get()))
    };
    // The saved image carries its own caption: a slide shows it without the card around it.
    let image_spec = {
        let kpi = Arc::clone(&kpi);
        Signal::derive(move || ChartSpec::Kpi { kpi: (*kpi).clone(), style: style.get(), caption: Some(chart_caption(&st.report(), &kpi, style.get())) })
    };
    view! {
        <figure class="rd-kpi-figure" data-kpi=kpi.id.clone()>
            <figcaption class="rd-kpi-summary">{move || summary.get()}</figcaption>
            <EChart spec image_spec image_size=IMAGE_SIZE label=summary.get_untracked() png=png_name(&kpi.label) height />
        </figure>
    }
}

/// 「この判定の計算」: the figures, the target as printed and as read, the rule and the
/// sentence, folded under the chart (card and detail). Nothing for a KPI without targets.
#[component]
pub fn CalculationNote(kpi: Arc<Kpi>, #[prop(into)] style: Signal<YearStyle>) -> impl IntoView {
    let st = expect_context::<AppState>();
    move || {
        let c = calculation(&st.report(), &kpi, style.get())?;
        let figures = c
            .figures
            .iter()
            .map(|f| {
                let request = figure_source(&kpi.label, &f.when, f.role, &f.point);
                view! { <li>{format!("{}（{}）：{}　出典 {}行「{}」", f.role, f.when, f.value, f.point.line, f.point.text)}" "<SourceButton request /></li> }
            })
            .collect_view();
        Some(view! {
            <details class="rd-calc" data-testid="calculation">
                <summary>"この判定の計算"</summary>
                <dl>
                    <dt>"使った数値"</dt>
                    <dd><ul>{figures}</ul></dd>
                    <dt>"目標の記載と読み方"</dt>
                    <dd>{format!("{} → {}", c.target_printed, c.target_read)}
                        <ul>{c.reading.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul></dd>
                    <dt>"判定の方法"</dt>
                    <dd data-testid="calculation-rule">{c.rule.clone()}</dd>
                    {c.missing.clone().map(|m| view! { <dt>"足りない情報"</dt><dd data-testid="calculation-missing">{m}</dd> })}
                    <dt>"ひとことで"</dt>
                    <dd data-testid="calculation-sentence">{c.sentence.clone()}</dd>
                </dl>
            </details>
        })
    }
}

/// A table's header row, one column header per label.
#[component]
pub fn ColumnHeads(labels: &'static [&'static str]) -> impl IntoView {
    view! { <thead><tr>{labels.iter().map(|l| view! { <th scope="col">{*l}</th> }).collect_view()}</tr></thead> }
}

/// The passage of one printed figure of a KPI.
pub fn figure_source(label: &str, when: &str, kind: &str, point: &reform::model::KpiPoint) -> SourceRequest {
    SourceRequest::one(format!("{label} {when} {kind}「{}」", point.text), Anchor::figure(point))
}

/// The figures of a KPI by column, with target, actual, judgement and source line.
#[component]
pub fn KpiTable(kpi: Arc<Kpi>, #[prop(into)] style: Signal<YearStyle>) -> impl IntoView {
    let st = expect_context::<AppState>();
    let unit = kpi.unit.clone();
    let region_label = format!("{} の数値（横にスクロールできます）", kpi.label);
    let caption = format!("{}（単位：{}）", kpi.label, if unit.is_empty() { "なし".to_string() } else { unit.clone() });
    let judged: Vec<(u32, String)> = achievement::judge(&st.report(), &kpi).into_iter().map(|j| (j.target.line, format!("{} {}", j.status.mark(), j.label_ja()))).collect();
    let rows = move || {
        let style = style.get();
        kpi.series
            .iter()
            .map(|p| {
                let when = match (&p.period, p.fiscal_year) {
                    (Some(period), Some(y)) => format!("{}（{}）", period, fiscal_year(y, style)),
                    (Some(period), None) => period.clone(),
                    (None, Some(y)) => fiscal_year(y, style),
                    (None, None) => "年度の記載なし".into(),
                };
                let kind = p.kind_ja();
                let judgement = judged.iter().find(|(l, _)| *l == p.line && p.kind == PointKind::Target).map(|(_, s)| s.clone()).unwrap_or_default();
                let request = figure_source(&kpi.label, &when, &kind, p);
                view! {
                    <tr>
                        <th scope="row">{when}</th>
                        <td>{kind}</td>
                        <td class="rd-num">{number(p.value)}</td>
                        <td>{p.text.clone()}</td>
                        <td>{judgement}</td>
                        <td class="rd-num rd-source-cell">{p.line}" "<SourceButton request /></td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="rd-table-wrap" tabindex="0" role="region" aria-label=region_label>
        <table class="rd-table rd-kpi-table" data-testid="kpi-table">
            <caption>{caption}</caption>
            <ColumnHeads labels=&["時点", "区分", "値", "報告書の表記", "判定", "出典行"] />
            <tbody>{rows}</tbody>
        </table>
        </div>
    }
}
