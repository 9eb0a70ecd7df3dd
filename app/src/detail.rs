//! One initiative as printed: every text block, its subsection's rating and summary, KPI
//! figures with small charts, source lines, links between relisted copies and originals, and
//! previous/next within the current result.

use std::sync::Arc;

use leptos::prelude::*;
use reform::model::{Initiative, Kpi};
use reform::query::achievement;
use reform::query::explore::neighbour;
use reform::query::search::Query;
use reform::query::source::Anchor;
use wasm_bindgen::JsCast;

use crate::highlight::highlighted;
use crate::kpi_parts::{CalculationNote, KpiChart, KpiTable, StatusBadge};
use crate::source_dialog::{SourceButton, SourceRequest};
use crate::state::AppState;

#[component]
pub fn Detail(id: Signal<String>, rows: Signal<Vec<usize>>) -> impl IntoView {
    let st = expect_context::<AppState>();
    // Move focus to the heading when another initiative opens, so keyboard and screen-reader
    // users land on it.
    Effect::new(move |_| {
        id.track();
        if let Some(el) = gloo::utils::document().get_element_by_id("rd-detail-h") {
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
    // Only another id rebuilds the detail (and its charts); sorting or filtering the list changes
    // the previous/next links alone, so those read `rows` in closures of their own.
    move || {
        let id = id.get();
        let report = st.report();
        let Some(index) = report.initiatives.iter().position(|i| i.id == id) else {
            return view! { <p class="rd-notice">"取組 "{id}" は見つかりません。"</p> }.into_any();
        };
        let ini: &Initiative = &report.initiatives[index];
        let query = Query::new(&st.route.with_untracked(|r| r.filter.query.clone()));
        let nav_link = move |offset: isize, label: &'static str| {
            move || {
                let target = rows.with(|r| neighbour(r, index, offset));
                match target.map(|i| st.report().initiatives[i].id.clone()) {
                    Some(target) => {
                        let href = st.href_tracked(|r| r.open = Some(target.clone()));
                        view! { <a class="rd-button" href=href data-testid=if offset < 0 { "prev" } else { "next" }>{label}</a> }.into_any()
                    }
                    None => view! { <span class="rd-button rd-disabled" aria-disabled="true">{label}</span> }.into_any(),
                }
            }
        };
        let close = move || st.href_tracked(|r| r.open = None);
        let sub = report.subsection(&ini.subsection);
        let section = report.section(&ini.section);
        let pillar = report.pillar(&ini.pillar);
        let crumbs = format!(
            "{} {} ＞ {} {} ＞ ({}) {}",
            pillar.map_or("", |p| p.numeral.as_str()),
            pillar.map_or("", |p| p.title.as_str()),
            section.map_or(0, |s| s.number),
            section.map_or("", |s| s.title.as_str()),
            sub.map_or(0, |s| s.number),
            sub.map_or("", |s| s.title.as_str()),
        );
        let axes = reform::query::verdicts::subsection_axes(&report, &ini.subsection).map(|a| a.line_ja()).unwrap_or_default();
        let rating = sub.and_then(|s| s.rating).map(|r| r.display_ja()).unwrap_or_else(|| "記載なし".into());
        let summary = sub.map(|s| s.summary.clone()).unwrap_or_default();
        let summary_spans = sub.map(|s| s.source.clone()).unwrap_or_default();
        let printed_at = Anchor::spans_of(&ini.source);
        let copies: Vec<&Initiative> = report.initiatives.iter().filter(|i| i.relisted_from.as_deref() == Some(&ini.id)).collect();
        let link_to = move |other: &Initiative| {
            let (other_id, relisted) = (other.id.clone(), other.relisted);
            let href = move || {
                st.href_tracked(|r| {
                    r.open = Some(other_id.clone());
                    if relisted {
                        r.filter.include_relisted = true;
                    }
                })
            };
            view! { <a class="rd-link" href=href>{format!("{} {}", other.id, other.title)}</a> }
        };
        let original = ini.relisted_from.as_deref().and_then(|o| report.initiative(o));
        // Unmarked repeats: the other printings of the same row that are not 【再掲】 links.
        let same = report.unmarked_repeats(&ini.id);
        // The status heading carries the report's own year, as the report prints it.
        let status_heading = match report.report.label.as_str() {
            "" => "取組状況".to_string(),
            year => format!("{year}の取組状況"),
        };
        // Each cell with the lines its items begin on (none in a file before schema 2.4.0).
        let lines = ini.text_lines.clone().unwrap_or_default();
        let blocks = [
            ("主な取組内容".to_string(), &ini.content, lines.content),
            ("目標".to_string(), &ini.targets, lines.targets),
            (status_heading, &ini.status, lines.status),
            ("課題".to_string(), &ini.challenges, lines.challenges),
            ("次年度の取組".to_string(), &ini.next_year, lines.next_year),
        ];
        let kpis: Vec<Arc<Kpi>> = ini.kpis.iter().filter_map(|k| report.kpi(k)).map(|k| Arc::new(k.clone())).collect();
        let style = Signal::derive(move || st.route.with(|r| r.years));
        let report_for_kpis = Arc::clone(&report);
        let sources = ini
            .source
            .iter()
            .map(|s| format!("{}ページ 行{}〜{}", s.page.map_or_else(|| "（ページ番号なし）".to_string(), |p| p.to_string()), s.first_line, s.last_line))
            .collect::<Vec<_>>()
            .join("、");
        view! {
            <section class="rd-detail" aria-labelledby="rd-detail-h" data-testid="detail" data-id=ini.id.clone()>
                <div class="rd-detail-nav">
                    {nav_link(-1, "← 前の取組")}
                    {nav_link(1, "次の取組 →")}
                    <a class="rd-button rd-button-secondary" href=close data-testid="close">"閉じる"</a>
                </div>
                <p class="rd-crumbs">{crumbs}</p>
                <h3 id="rd-detail-h" tabindex="-1">{ini.id.clone()}" "{highlighted(&ini.title, &query)}</h3>
                <dl class="rd-facts">
                    <div><dt>"部局等"</dt><dd>{ini.departments.join("、")}</dd></div>
                    <div><dt>"担当課"</dt><dd>{ini.divisions.join("、")}</dd></div>
                    <div><dt>"全庁"</dt><dd>{if ini.zencho { "○ 全庁的な取組" } else { "—" }}</dd></div>
                    <div><dt>"小項目の進捗状況"</dt><dd data-testid="detail-rating">{rating}</dd></div>
                    <div><dt>"小項目の評価と KPI"</dt><dd data-testid="detail-axes">{axes}</dd></div>
                    {(!ini.achieved_marks.is_empty()).then(|| view! { <div><dt>"達成済"</dt><dd>{ini.achieved_marks.join("、")}</dd></div> })}
                    {original.map(|o| view! { <div><dt>"再掲元"</dt><dd data-testid="relisted-from">{link_to(o)}</dd></div> })}
                    {(!copies.is_empty()).then(|| view! {
                        <div><dt>"再掲先"</dt><dd data-testid="relisted-copies">{copies.iter().map(|c| view! { <span class="rd-inline">{link_to(c)}</span> }).collect_view()}</dd></div>
                    })}
                    {(!same.is_empty()).then(|| view! {
                        <div><dt>"同じ内容の掲載（再掲の表示なし）"</dt><dd data-testid="same-as">
                            {same.iter().map(|c| view! { <span class="rd-inline">{link_to(c)}</span> }).collect_view()}
                            <span class="rd-inline rd-note">"集計では1件として数えています。"</span>
                        </dd></div>
                    })}
                </dl>
                {blocks.into_iter().filter(|(_, items, _)| !items.is_empty()).map(|(label, items, cited)| {
                    let items = items.iter().enumerate().map(|(n, t)| {
                        let anchor = Anchor::item_from(t, cited.get(n).copied(), printed_at.iter().copied());
                        let request = SourceRequest::one(format!("{} {label}（{}番目の記述）", ini.id, n + 1), anchor);
                        view! { <li><span class="rd-item-text">{highlighted(t, &query)}</span>" "<SourceButton request /></li> }
                    }).collect_view();
                    view! { <h4>{label}</h4><ul class="rd-items">{items}</ul> }
                }).collect_view()}
                {(!kpis.is_empty()).then(|| view! {
                    <h4>"数値目標・実績（KPI）"</h4>
                    {kpis.into_iter().map(|k| {
                        let id = k.id.clone();
                        view! {
                            <div class="rd-kpi-mini" data-kpi=id>
                                <p class="rd-kpi-label">{k.label.clone()}" "<StatusBadge status=achievement::overall(&report_for_kpis, &k) /></p>
                                <KpiChart kpi=Arc::clone(&k) style height=200 />
                                <CalculationNote kpi=Arc::clone(&k) style />
                                <KpiTable kpi=k style />
                            </div>
                        }
                    }).collect_view()}
                })}
                {st.comparison().and_then(|c| c.side_by_side(&report, &ini.id)).map(|sbs| view! { <BothEditions sbs older=st.comparison().map(|c| c.older.report.label.clone()).unwrap_or_default() now=report.report.label.clone() /> })}
                {(!summary.is_empty()).then(|| view! {
                    <h4>"小項目の概要"</h4>
                    {summary.into_iter().enumerate().map(|(n, p)| {
                        let request = SourceRequest::one(format!("小項目 {} の概要（{}段落目）", ini.subsection, n + 1), Anchor::item(&p, summary_spans.iter().copied()));
                        view! { <p class="rd-para">{p}" "<SourceButton request /></p> }
                    }).collect_view()}
                })}
                <p class="rd-source" data-testid="detail-source">"出典：" {report.report.source.name.clone()} " " {sources}</p>
            </section>
        }
        .into_any()
    }
}

/// The initiative beside its row in the previous edition: which row it was and why the match is
/// not exact, then each KPI's figures year by year in both editions, a revised figure marked.
#[component]
fn BothEditions(sbs: reform::query::editions::SideBySide, older: String, now: String) -> impl IntoView {
    let printed = |p: &Option<reform::query::editions::Printed>| match p {
        Some(p) => format!("{}（{}行）", p.text, p.line),
        None => "—".to_string(),
    };
    view! {
        <section class="rd-both-editions" data-testid="both-editions" aria-labelledby="rd-both-h">
            <h4 id="rd-both-h">{expect_context::<crate::state::AppState>().since_label("前年度の報告書との比較")}</h4>
            <p>{sbs.match_ja.clone()}</p>
            {sbs.kpis.iter().map(|k| view! {
                {k.joined.is_chartable().then(|| {
                    let chart = || reform::query::chart_spec::ChartSpec::Joined { joined: k.joined.clone(), unit: k.unit.clone(), older: older.clone(), newer: now.clone() };
                    let label = format!("{}：{}と{}の報告書の実績", k.label, older, now);
                    view! {
                        <figure class="rd-kpi-figure" data-testid="joined-chart" data-kpi=k.kpi.clone()>
                            <figcaption class="rd-kpi-summary">{label.clone()}</figcaption>
                            <crate::chart::EChart spec=Signal::stored(chart()) image_spec=Signal::stored(chart()) image_size=reform::query::chart_spec::IMAGE_SIZE label png=crate::chart::png_name(&format!("{} 前年度との比較", k.label)) height=220 />
                        </figure>
                    }
                })}
                <div class="rd-table-wrap">
                    <table class="rd-table" data-kpi=k.kpi.clone()>
                        <caption>{k.label.clone()}</caption>
                        <thead><tr><th scope="col">"数値"</th><th scope="col">{older.clone()}"の報告書"</th><th scope="col">{now.clone()}"の報告書"</th></tr></thead>
                        <tbody>
                            {k.rows.iter().map(|r| view! {
                                <tr data-revised=r.revised.then_some("true")>
                                    <th scope="row">{r.what.clone()}</th>
                                    <td>{printed(&r.older)}</td>
                                    <td>{printed(&r.newer)}{r.revised.then(|| view! { " "<span class="rd-badge rd-badge-ng">"改訂"</span> })}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }).collect_view()}
        </section>
    }
}
