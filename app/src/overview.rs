//! The executive overview: what the plan holds and how it is going, per pillar.
//! All figures come from `reform::query::overview`.

use leptos::prelude::*;
use reform::format::group;
use reform::model::Rating;
use reform::query::kpi_view::status_counts;
use reform::query::overview::{overview, Counts};
use reform::query::route::View;

use crate::kpi_parts::StatusCounts;
use crate::state::AppState;

fn n(v: usize) -> String {
    group(v as i64)
}

#[component]
pub fn Overview() -> impl IntoView {
    let st = expect_context::<AppState>();
    let report = st.report();
    let o = overview(&report);
    let kpi_counts = status_counts(&report.kpis, report.report.fiscal_year);
    let kpi_href = st.href_view(View::Kpi);
    // For `make bench`: when the overview is in the DOM.
    Effect::new(|_| {
        if let Some(p) = gloo::utils::window().performance() {
            let _ = p.mark("rd-overview-drawn");
        }
    });
    let t = o.total.clone();
    let pages = format!("報告書 {}〜{}ページ", o.pages.first, o.pages.last);
    let source = format!("出典: {}（{}）", report.report.source.name, pages);
    let rows = o
        .pillars
        .iter()
        .map(|p| {
            let name = format!("{} {}", p.numeral, p.title);
            view! {
                <tr data-pillar=p.id.clone()>
                    <th scope="row">{name}</th>
                    <CountCells c=p.counts.clone() />
                </tr>
            }
        })
        .collect_view();
    if report.initiatives.is_empty() {
        return view! {
            <section class="rd-overview" aria-labelledby="rd-overview-h">
                <h2 id="rd-overview-h">"概要"</h2>
                <p class="rd-empty" data-testid="empty-report">"この報告書データには取組が含まれていません。別の報告書データを開いてください。"</p>
            </section>
        }
        .into_any();
    }
    view! {
        <section class="rd-overview" aria-labelledby="rd-overview-h">
            <h2 id="rd-overview-h">"概要"</h2>
            <dl class="rd-stats">
                <div class="rd-stat" data-stat="initiatives">
                    <dt>"取組数"</dt>
                    <dd><span class="rd-stat-num">{n(t.initiatives)}</span>"件"
                        <span class="rd-stat-note">"（うち再掲 "{n(t.relisted)}"件）"</span></dd>
                </div>
                <div class="rd-stat" data-stat="zencho">
                    <dt>"全庁的な取組"</dt>
                    <dd><span class="rd-stat-num">{n(t.zencho)}</span>"件"</dd>
                </div>
                <div class="rd-stat" data-stat="on-track">
                    <dt>"小項目の進捗 "{Rating::OnTrack.mark()}" "{Rating::OnTrack.label_ja()}</dt>
                    <dd><span class="rd-stat-num">{n(t.on_track)}</span>"項目"</dd>
                </div>
                <div class="rd-stat rd-stat-warn" data-stat="delayed">
                    <dt>"小項目の進捗 "{Rating::Delayed.mark()}" "{Rating::Delayed.label_ja()}</dt>
                    <dd><span class="rd-stat-num">{n(t.delayed)}</span>"項目"</dd>
                </div>
                <div class="rd-stat" data-stat="kpis">
                    <dt>"数値目標・実績（KPI）"</dt>
                    <dd><span class="rd-stat-num">{n(t.kpis)}</span>"指標"
                        <span class="rd-stat-note">"（数値 "{n(o.data_points)}"件）"</span></dd>
                </div>
            </dl>
            <div class="rd-table-wrap">
                <table class="rd-table" data-testid="pillar-table">
                    <caption>"柱別の取組数と小項目の進捗状況"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"柱"</th>
                            <th scope="col">"取組数"</th>
                            <th scope="col">"うち全庁"</th>
                            <th scope="col">"○ 順調（小項目）"</th>
                            <th scope="col">"△ 遅れ・課題あり（小項目）"</th>
                            <th scope="col">"KPI"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr data-pillar="total">
                            <th scope="row">"合計"</th>
                            <CountCells c=t.clone() />
                        </tr>
                    </tfoot>
                </table>
            </div>
            <h3 class="rd-subhead">"KPI の判定（"{report.report.label.clone()}"時点）"</h3>
            <StatusCounts counts=kpi_counts testid="overview-kpi-counts" />
            <p><a class="rd-link" href=kpi_href>"KPI のグラフと数値を見る"</a></p>
            <p class="rd-source" data-testid="source">{source}</p>
            <p class="rd-help">
                "進捗状況の記号は報告書の「進捗状況」欄のとおりです。報告書に凡例がないため、"
                "このダッシュボードでは ○ を「順調」、△ を「遅れ・課題あり」と表記しています。"
            </p>
        </section>
    }
    .into_any()
}

#[component]
fn CountCells(c: Counts) -> impl IntoView {
    view! {
        <td class="rd-num">{n(c.initiatives)}</td>
        <td class="rd-num">{n(c.zencho)}</td>
        <td class="rd-num">{n(c.on_track)}</td>
        <td class="rd-num">{n(c.delayed)}</td>
        <td class="rd-num">{n(c.kpis)}</td>
    }
}
