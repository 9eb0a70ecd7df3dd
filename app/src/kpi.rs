//! The KPI page: every KPI as a chart of target and actual by fiscal year, grouped by pillar,
//! with its judgement, a one-sentence summary and its figures as a table on request.

use std::sync::Arc;

use leptos::prelude::*;
use reform::format::YearStyle;
use reform::model::Kpi;
use reform::query::achievement;
use reform::query::kpi_view::{by_pillar, status_counts};

use crate::kpi_parts::{KpiChart, KpiTable, StatusBadge, StatusCounts};
use crate::state::AppState;

#[component]
pub fn KpiView() -> impl IntoView {
    let st = expect_context::<AppState>();
    let report = st.report();
    let year = report.report.fiscal_year;
    let style = Signal::derive(move || st.route.with(|r| r.years));
    let pillar = Memo::new(move |_| st.route.with(|r| r.kpi_pillar.clone()));
    let counts = status_counts(&report.kpis, year);
    view! {
        <section class="rd-kpis" aria-labelledby="rd-kpi-h">
            <h2 id="rd-kpi-h">"数値目標・実績（KPI）"</h2>
            <p class="rd-help">
                "棒は実績、◆と破線は目標です。年度の記載がない目標は水平の破線で示します。判定は、"
                "増加が良い指標は実績が目標以上、減少が良い指標（時間外勤務、未収金など）は実績が目標以下のとき「達成」です。"
                "達成率は、目標に対する実績の割合（減少が良い指標は目標÷実績）です。"
            </p>
            <StatusCounts counts testid="kpi-counts" />
            <div class="rd-kpi-controls">
                <div class="rd-field">
                    <label for="rd-k-pillar">"柱"</label>
                    <select id="rd-k-pillar" class="rd-select" prop:value=move || pillar.get().unwrap_or_default()
                        on:change=move |ev| { let v = event_target_value(&ev); st.navigate(|r| { r.kpi_pillar = (!v.is_empty()).then_some(v); r.kpi_table = None; }) }>
                        <option value="">"すべて"</option>
                        {report.pillars.iter().map(|p| view! { <option value=p.id.clone()>{format!("{} {}", p.numeral, p.title)}</option> }).collect_view()}
                    </select>
                </div>
                <fieldset class="rd-radios">
                    <legend>"年度の表記"</legend>
                    <label><input type="radio" name="rd-years" prop:checked=move || style.get() == YearStyle::Era
                        on:change=move |_| st.navigate(|r| r.years = YearStyle::Era) />"令和"</label>
                    <label><input type="radio" name="rd-years" prop:checked=move || style.get() == YearStyle::Gregorian
                        on:change=move |_| st.navigate(|r| r.years = YearStyle::Gregorian) />"西暦"</label>
                </fieldset>
            </div>
            {report.kpis.is_empty().then(|| view! { <p class="rd-empty" data-testid="empty-kpis">"この報告書データには数値目標・実績（KPI）がありません。"</p> })}
            {by_pillar(&report).into_iter().filter(|(_, kpis)| !kpis.is_empty()).map(|(p, kpis)| {
                let id = p.id.clone();
                let heading = format!("{} {}（{}指標）", p.numeral, p.title, kpis.len());
                let kpis: Vec<Arc<Kpi>> = kpis.into_iter().map(|k| Arc::new(k.clone())).collect();
                view! {
                    <Show when=move || pillar.with(|sel| sel.as_ref().is_none_or(|s| *s == id))>
                        <h3 class="rd-kpi-pillar">{heading.clone()}</h3>
                        <div class="rd-kpi-grid">
                            {kpis.iter().map(|k| view! { <KpiCard kpi=Arc::clone(k) style /> }).collect_view()}
                        </div>
                    </Show>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
fn KpiCard(kpi: Arc<Kpi>, style: Signal<YearStyle>) -> impl IntoView {
    let st = expect_context::<AppState>();
    let report = st.report();
    let year = report.report.fiscal_year;
    let status = achievement::overall(&kpi, year);
    let initiative = report.initiative(&kpi.initiative);
    let title = initiative.map(|i| format!("{} {}", i.id, i.title)).unwrap_or_default();
    let href = st.href(|r| {
        r.view = reform::query::route::View::Explore;
        r.open = Some(kpi.initiative.clone());
    });
    let id = kpi.id.clone();
    let open = {
        let id = id.clone();
        Memo::new(move |_| st.route.with(|r| r.kpi_table.as_deref() == Some(id.as_str())))
    };
    let table_id = format!("rd-table-{}", kpi.id);
    let toggle = move |_| {
        let now = open.get_untracked();
        st.navigate(|r| r.kpi_table = if now { None } else { Some(id.clone()) });
    };
    let for_table = Arc::clone(&kpi);
    view! {
        <article class="rd-kpi-card" data-kpi=kpi.id.clone() aria-labelledby=format!("rd-kh-{}", kpi.id)>
            <h4 id=format!("rd-kh-{}", kpi.id)>{kpi.label.clone()}</h4>
            <p class="rd-kpi-meta"><StatusBadge status />" "<a class="rd-link" href=href>{title}</a></p>
            <KpiChart kpi=Arc::clone(&kpi) style />
            <button type="button" class="rd-button rd-button-secondary" aria-expanded=move || open.get().to_string()
                aria-controls=table_id.clone() on:click=toggle data-testid="toggle-table">
                {move || if open.get() { "表を閉じる" } else { "数値を表で見る" }}
            </button>
            <div id=table_id.clone()>
                <Show when=move || open.get()>
                    <KpiTable kpi=Arc::clone(&for_table) style />
                </Show>
            </div>
        </article>
    }
}
