//! The executive overview: what the plan holds and how it is going, per pillar.
//! All figures come from `reform::query::overview`.

use leptos::prelude::*;
use reform::format::group;
use reform::model::{Rating, Report};
use reform::query::kpi_sentences::versus_ja;
use reform::query::overview::Counts;
use reform::query::route::View;
use reform::query::achievement::VerdictGroup;
use reform::query::editions::{ChangeItem, ChangeSummary, Tone};
use reform::query::verdicts::{delayed_heading, groups_heading, overview_page, OverviewPage};
use reform::query::source::Anchor;

use crate::kpi_parts::{ColumnHeads, StatusCounts};
use crate::source_dialog::{SourceButton, SourceRequest};
use crate::state::AppState;

fn n(v: usize) -> String {
    group(v as i64)
}

#[component]
pub fn Overview() -> impl IntoView {
    let st = expect_context::<AppState>();
    let report = st.report();
    let page = overview_page(&report);
    let o = &page.overview;
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
            let name = p.label.clone();
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
            {st.changes().map(|c| changes_since(&c))}
            {attention(&report, &page)}
            {pillar_bars(&page)}
            <h3 class="rd-subhead">"取組と指標の数"</h3>
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
                    <dt>"小項目の進捗 "{Rating::OnTrack.display_ja()}</dt>
                    <dd><span class="rd-stat-num">{n(t.on_track)}</span>"項目"</dd>
                </div>
                <div class="rd-stat rd-stat-warn" data-stat="delayed">
                    <dt>"小項目の進捗 "{Rating::Delayed.display_ja()}</dt>
                    <dd><span class="rd-stat-num">{n(t.delayed)}</span>"項目"</dd>
                </div>
                <div class="rd-stat" data-stat="kpis">
                    <dt>"数値目標・実績（KPI）"</dt>
                    <dd><span class="rd-stat-num">{n(t.kpis)}</span>"指標"
                        <span class="rd-stat-note">"（数値 "{n(o.data_points)}"件）"</span></dd>
                </div>
            </dl>
            <div class="rd-table-wrap">
                <table class="rd-table rd-table-cards" data-testid="pillar-table">
                    <caption>"柱別の取組数と小項目の進捗状況"</caption>
                    <ColumnHeads labels=&["柱", "取組数", "うち全庁", "○ 順調（小項目）", "△ 遅れ・課題あり（小項目）", "KPI"] />
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
            <p class="rd-kpi-headline" data-testid="kpi-headline">{page.headlines.kpi_sentence.clone()}</p>
            <StatusCounts counts=page.kpi_counts.clone() testid="overview-kpi-counts" />
            <p><a class="rd-link" href=kpi_href>"KPI のグラフと数値を見る"</a></p>
            <p class="rd-source" data-testid="source">{source}</p>
            <p class="rd-coverage" data-testid="coverage">{o.coverage_ja.clone()}</p>
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
        // The labels repeat the column headers for the card layout of a phone.
        <td class="rd-num" data-label="取組数">{n(c.initiatives)}</td>
        <td class="rd-num" data-label="うち全庁">{n(c.zencho)}</td>
        <td class="rd-num" data-label="○ 順調（小項目）">{n(c.on_track)}</td>
        <td class="rd-num" data-label="△ 遅れ・課題あり（小項目）">{n(c.delayed)}</td>
        <td class="rd-num" data-label="KPI">{n(c.kpis)}</td>
    }
}

/// 「前年度からの変化」, before the rest when the host page names the previous edition: each
/// kind of change with its count, every item leading to its subsection or initiative.
fn changes_since(summary: &ChangeSummary) -> impl IntoView {
    let st = expect_context::<AppState>();
    let href = move |item: &ChangeItem| -> Option<String> {
        if let Some(id) = item.initiative.clone() {
            return Some(st.href(move |r| {
                r.view = View::Explore;
                r.open = Some(id);
            }));
        }
        item.subsection.clone().map(|id| {
            st.href(move |r| {
                r.view = View::Explore;
                r.filter = reform::query::explore::Filter { subsection: Some(id), include_relisted: true, ..Default::default() };
                r.open = None;
            })
        })
    };
    let lists = summary
        .lists
        .iter()
        .map(|list| {
            let items = list
                .items
                .iter()
                .map(|item| {
                    let badge = match item.tone {
                        Tone::Worse => Some(view! { <span class="rd-badge rd-badge-ng">"悪化"</span>" " }),
                        Tone::Better => Some(view! { <span class="rd-badge rd-badge-ok">"改善"</span>" " }),
                        Tone::Neutral => None,
                    };
                    let title = match href(item) {
                        Some(h) => view! { <a class="rd-link" href=h><strong>{item.title.clone()}</strong></a> }.into_any(),
                        None => view! { <strong>{item.title.clone()}</strong> }.into_any(),
                    };
                    view! {
                        <li data-initiative=item.initiative.clone() data-subsection=item.subsection.clone()>
                            <p class="rd-att-name">{badge}{title}</p>
                            <p class="rd-att-figures">{item.detail.clone()}</p>
                        </li>
                    }
                })
                .collect_view();
            let none = list.items.is_empty().then(|| view! { <p>"ありません。"</p> });
            view! {
                <h4>{list.heading.clone()}</h4>
                {none}
                <ul class="rd-att-list" data-changes=list.key>{items}</ul>
            }
        })
        .collect_view();
    let save_error = RwSignal::new(None::<String>);
    let csv = summary.csv();
    let file_name = format!("{}.csv", summary.since_label("前年度からの変化"));
    let save = move |_| save_error.set(crate::download::save(&file_name, "text/csv;charset=utf-8", &csv).err());
    view! {
        <section class="rd-attention rd-changes" aria-labelledby="rd-changes-h" data-testid="changes">
            <h3 id="rd-changes-h" class="rd-subhead">{summary.since_label("前年度からの変化")}</h3>
            <p class="rd-help">{summary.compared_ja.clone()}</p>
            <p class="rd-actions">
                <button type="button" class="rd-button" data-testid="csv-changes" on:click=save>"変化の一覧をCSVで保存"</button>
            </p>
            {move || save_error.get().map(|e| view! { <p class="rd-notice" role="alert">{format!("保存できませんでした：{e}")}</p> })}
            {lists}
        </section>
    }
}

/// What needs attention, first: the △ subsections by name with their owners and reason, and
/// the KPIs that missed their target or whose trajectory falls short of a future one.
fn attention(report: &Report, page: &OverviewPage) -> impl IntoView {
    let st = expect_context::<AppState>();
    let delayed = page.delayed.clone();
    let needs = &page.attention;
    let style = st.route.with_untracked(|r| r.years);
    let subsection_href = move |id: String| st.href(move |r| {
        r.view = View::Explore;
        r.filter = reform::query::explore::Filter { subsection: Some(id), include_relisted: true, ..Default::default() };
        r.open = None;
    });
    let kpi_item = |k: &reform::model::Kpi, j: &reform::query::achievement::Judgement| {
        let title = report.initiative(&k.initiative).map(|i| format!("{} {}", i.id, i.title)).unwrap_or_default();
        let initiative = k.initiative.clone();
        let href = st.href(move |r| {
            r.view = View::Explore;
            r.open = Some(initiative);
        });
        let status = j.status;
        let judgement = status.label_ja();
        let pace = match j.ratio {
            Some(ratio) if status.falls_short() => format!("　これまでの伸びは必要な伸びの {:.2} 倍（R）", ratio),
            _ => String::new(),
        };
        // The figures compared, each with its printed line.
        let figures = j.actual.iter().map(|p| ("実績", *p)).chain([("目標", j.target)]);
        let request = SourceRequest {
            title: format!("{}（実績と目標）", k.label),
            passages: figures.map(|(kind, p)| (format!("{kind}「{}」", p.text), Anchor::figure(p))).collect(),
        };
        view! {
            <li data-kpi=k.id.clone() data-status=status.key()>
                <p class="rd-att-name"><span class=crate::kpi_parts::status_class(status)>{status.mark()}" "{judgement}</span>" "<strong>{k.label.clone()}</strong></p>
                <p class="rd-att-figures">{versus_ja(k, j, style)}{pace}" "<SourceButton request /></p>
                <p class="rd-att-owner"><a class="rd-link" href=href>{title}</a></p>
            </li>
        }
    };
    let missed: Vec<_> = needs.missed.iter().map(|(k, j)| kpi_item(k, j)).collect();
    let short: Vec<_> = needs.falling_short.iter().map(|(k, j)| kpi_item(k, j)).collect();
    let (none_missed, none_short) = (missed.is_empty(), short.is_empty());
    let h = &page.headlines;
    let disagree = page.disagreements.clone();
    view! {
        <section class="rd-attention" aria-labelledby="rd-attention-h" data-testid="attention">
            <h3 id="rd-attention-h" class="rd-subhead">"注意が必要なもの"</h3>
            <h4>{delayed_heading(&delayed)}</h4>
            {(delayed.is_empty()).then(|| view! { <p>"遅れ・課題ありと評価された小項目はありません。"</p> })}
            <ul class="rd-att-list" data-testid="attention-delayed">
                {delayed.into_iter().map(|d| {
                    let owners = if d.departments.is_empty() { "担当の記載なし".to_string() } else { format!("担当：{}", d.departments.join("、")) };
                    let count = match &d.repeats {
                        Some(original) => format!("{original} と同じ取組を再掲"),
                        None => format!("取組{}件", d.initiatives),
                    };
                    let spans = report.subsection(&d.id).map(|s| s.source.clone()).unwrap_or_default();
                    let request = SourceRequest::one(format!("{} {} の概要", d.printed, d.title), Anchor::item(&d.first_sentence, spans));
                    view! {
                        <li data-subsection=d.id.clone()>
                            <p class="rd-att-name"><span class="rd-badge rd-badge-ng">"△ 遅れ・課題あり"</span>" "
                                <a class="rd-link" href=subsection_href(d.id.clone())><strong>{format!("{} {}", d.printed, d.title)}</strong></a></p>
                            <p class="rd-att-owner">{owners}"（"{count}"）"</p>
                            <p class="rd-att-reason">{d.first_sentence}" "<SourceButton request /></p>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h4>{h.missed_heading.clone()}</h4>
            {none_missed.then(|| view! { <p>"目標年度を迎えて未達成の KPI はありません。"</p> })}
            <ul class="rd-att-list" data-testid="attention-missed">{missed}</ul>
            <h4>{h.falling_short_heading.clone()}</h4>
            <p class="rd-help">"目標年度が先の KPI は、これまでの伸びと目標までに必要な伸びを比べて判定しています（判定の方法は「使い方」）。"</p>
            {none_short.then(|| view! { <p>"該当する KPI はありません。"</p> })}
            <ul class="rd-att-list" data-testid="attention-short">{short}</ul>
            <h4>{h.disagreement_heading.clone()}</h4>
            <p class="rd-help">"○／△ は報告書の各部局による取組の評価、KPI の判定は数値の結果です。両者の向きが違う小項目を挙げます。"</p>
            {disagree.is_empty().then(|| view! { <p>"該当する小項目はありません。"</p> })}
            <ul class="rd-att-list" data-testid="attention-disagree">
                {disagree.into_iter().map(|a| {
                    let name = format!("{} {}", a.printed, a.title);
                    view! {
                        <li data-subsection=a.id.clone()>
                            <p class="rd-att-name"><a class="rd-link" href=subsection_href(a.id.clone())><strong>{name}</strong></a></p>
                            <p class="rd-att-figures">{a.line_ja()}</p>
                            <p class="rd-att-reason">{a.disagreement.map(|d| d.label_ja()).unwrap_or_default()}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Per pillar, ○/△ of its subsections and the judgements of its KPIs as small bars, each
/// segment with its number printed (colour is never the only cue).
fn pillar_bars(page: &OverviewPage) -> impl IntoView {
    let o = &page.overview;
    let class = |g: VerdictGroup| match g {
        VerdictGroup::Reached => "rd-seg-ok",
        VerdictGroup::Behind => "rd-seg-ng",
        VerdictGroup::Unjudged | VerdictGroup::NoTarget => "rd-seg-none",
    };
    let bar = |parts: Vec<(String, usize, &'static str)>| {
        let shown: Vec<_> = parts.into_iter().filter(|p| p.1 > 0).collect();
        let legend = shown.iter().map(|(label, n, _)| format!("{label} {n}")).collect::<Vec<_>>().join("　／　");
        view! {
            // The bar is a picture of the legend line under it, which says the same in words.
            <div class="rd-bar" aria-hidden="true">
                {shown.into_iter().map(|(_, n, class)| {
                    // Proportional, but never too narrow to print its number.
                    let width = format!("flex:{n} 1 0");
                    view! { <span class=format!("rd-seg {class}") style=width>{n}</span> }
                }).collect_view()}
            </div>
            <p class="rd-bar-legend">{legend}</p>
        }
    };
    let rows = o.pillars.iter().zip(page.pillar_groups.clone()).map(|(p, groups)| {
        let heading = groups_heading(&groups);
        let kpi_parts: Vec<(String, usize, &'static str)> = groups.into_iter().map(|(g, n)| (g.label_ja().to_string(), n, class(g))).collect();
        let c = &p.counts;
        view! {
            <div class="rd-pillar-bars" data-pillar=p.id.clone()>
                <p class="rd-pillar-name">{p.label.clone()}</p>
                <p class="rd-bar-label">"小項目の進捗"</p>
                {bar(vec![("○ 順調".into(), c.on_track, "rd-seg-ok"), ("△ 遅れ・課題あり".into(), c.delayed, "rd-seg-ng"), ("記載なし".into(), c.unrated, "rd-seg-none")])}
                <p class="rd-bar-label">{heading}</p>
                {bar(kpi_parts)}
            </div>
        }
    }).collect_view();
    view! {
        <section class="rd-pillars" aria-labelledby="rd-pillars-h" data-testid="pillar-bars">
            <h3 id="rd-pillars-h" class="rd-subhead">"柱ごとの進み具合"</h3>
            <div class="rd-pillar-grid">{rows}</div>
        </section>
    }
}
