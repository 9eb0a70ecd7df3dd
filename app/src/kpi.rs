//! The KPI page: every KPI with its judgement and one-sentence summary, drawn as a chart only
//! where it compares something (a series, or actual against target); a single figure is a value
//! tile, and a KPI without figures says so. Filtered by clicking a status count, ordered by plan,
//! judgement or gap; figures as a table on request.

use std::sync::Arc;

use leptos::prelude::*;
use reform::format::{fiscal_year, YearStyle};
use reform::model::Kpi;
use reform::query::achievement::Status;
use reform::query::kpi_view::{display, kpi_list, kpis_in_pillar, status_counts, Display, KpiOrder};
use reform::query::route::View;

use crate::kpi_parts::{figure_source, status_class, CalculationNote, KpiChart, KpiTable, StatusBadge};
use crate::source_dialog::SourceButton;
use crate::state::AppState;

#[component]
pub fn KpiView() -> impl IntoView {
    let st = expect_context::<AppState>();
    let report = st.report();
    let style = Signal::derive(move || st.route.with(|r| r.years));
    let pillar = Memo::new(move |_| st.route.with(|r| r.kpi_pillar.clone()));
    let status = Memo::new(move |_| st.route.with(|r| r.kpi_status));
    let order = Memo::new(move |_| st.route.with(|r| r.kpi_order));
    // The status buttons count the KPIs of the chosen pillar, as the list shows them.
    let counts = Memo::new(move |_| pillar.with(|p| status_counts(&st.report(), kpis_in_pillar(&st.report(), p.as_deref()))));
    let pillars: Vec<(String, String)> = report.pillars.iter().map(|p| (p.id.clone(), p.label())).collect();
    let list = Memo::new(move |_| {
        let report = st.report();
        pillar.with(|p| kpi_list(&report, p.as_deref(), status.get(), order.get()).into_iter().map(|(k, s)| (Arc::new(k.clone()), s)).collect::<Vec<_>>())
    });
    let empty_report = report.kpis.is_empty();
    let save_error = RwSignal::new(None::<String>);
    // The KPIs this page lists, in its order, one row per figure (made by the data module).
    let export = move || {
        let shown = list.get_untracked();
        let ids: Vec<&str> = shown.iter().map(|(k, _)| k.id.as_str()).collect();
        crate::data_module::FileRequest::csv("kpis_csv", st.report_json(), &ids, "KPI一覧.csv")
    };
    view! {
        <section class="rd-kpis" aria-labelledby="rd-kpi-h">
            <h2 id="rd-kpi-h">"数値目標・実績（KPI）"</h2>
            <p class="rd-help">
                "棒は実績、◆と破線は目標です。年度の記載がない目標は水平の破線で示します。数値が1つだけの指標はグラフにせず、数値で示します。"
                "判定の方法は「使い方」に、各指標の判定の計算は「この判定の計算」にあります。"
            </p>
            <p class="rd-kpi-headline" data-testid="kpi-headline">{reform::query::verdicts::headlines(&report).kpi_sentence}</p>
            <ul class="rd-status-filter" data-testid="kpi-counts" aria-label="判定で絞り込む">
                {move || counts.get().into_iter().filter(|(_, n)| *n > 0).map(|(s, n)| {
                    let pressed = move || (status.get() == Some(s)).to_string();
                    view! {
                        <li data-status=s.key()>
                            <button type="button" class=format!("rd-count-button {}", status_class(s)) aria-pressed=pressed
                                on:click=move |_| st.navigate(|r| r.kpi_status = if r.kpi_status == Some(s) { None } else { Some(s) })>
                                {s.display_ja()}" "<strong>{n}</strong>"指標"
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="rd-kpi-controls">
                <div class="rd-field">
                    <label for="rd-k-pillar">"柱"</label>
                    <select id="rd-k-pillar" class="rd-select" prop:value=move || pillar.get().unwrap_or_default()
                        on:change=move |ev| { let v = event_target_value(&ev); st.navigate(|r| { r.kpi_pillar = (!v.is_empty()).then_some(v); r.kpi_table = None; }) }>
                        <option value="">"すべて"</option>
                        {pillars.into_iter().map(|(id, label)| view! { <option value=id>{label}</option> }).collect_view()}
                    </select>
                </div>
                <div class="rd-field">
                    <label for="rd-k-order">"並び順"</label>
                    <select id="rd-k-order" class="rd-select" prop:value=move || order.get().key()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let o = KpiOrder::ALL.into_iter().find(|o| o.key() == v).unwrap_or_default();
                            st.navigate(|r| r.kpi_order = o)
                        }>
                        {KpiOrder::ALL.into_iter().map(|o| view! { <option value=o.key()>{o.label_ja()}</option> }).collect_view()}
                    </select>
                </div>
                <fieldset class="rd-radios">
                    <legend>"年度の表記"</legend>
                    <label><input type="radio" name="rd-years" prop:checked=move || style.get() == YearStyle::Era
                        on:change=move |_| st.navigate(|r| r.years = YearStyle::Era) />"和暦"</label>
                    <label><input type="radio" name="rd-years" prop:checked=move || style.get() == YearStyle::Gregorian
                        on:change=move |_| st.navigate(|r| r.years = YearStyle::Gregorian) />"西暦"</label>
                </fieldset>
            </div>
            {empty_report.then(|| view! { <p class="rd-empty" data-testid="empty-kpis">"この報告書データには数値目標・実績（KPI）がありません。"</p> })}
            <p class="rd-count" role="status" aria-live="polite" data-testid="kpi-shown">
                {move || status.get().map(|s| format!("{}：", s.display_ja())).unwrap_or_default()}
                {move || format!("{}指標を表示", list.with(Vec::len))}
            </p>
            <p class="rd-actions">
                <crate::data_module::FileButton label="この一覧をCSVで保存" testid="csv-kpi-page" make=Box::new(export) error=save_error />
            </p>
            {move || save_error.get().map(|e| view! { <p class="rd-notice" role="alert">{format!("保存できませんでした：{e}")}</p> })}
            <div class="rd-kpi-grid">
                <For each=move || list.get() key=|(k, _)| k.id.clone() let:item>
                    <KpiCard kpi=item.0 status=item.1 style />
                </For>
            </div>
        </section>
    }
}

#[component]
fn KpiCard(kpi: Arc<Kpi>, status: Status, style: Signal<YearStyle>) -> impl IntoView {
    let st = expect_context::<AppState>();
    let report = st.report();
    let initiative = report.initiative(&kpi.initiative);
    let title = initiative.map(|i| format!("{} {}", i.id, i.title)).unwrap_or_default();
    let initiative_id = kpi.initiative.clone();
    let href = move || {
        st.href_tracked(|r| {
            r.view = View::Explore;
            r.open = Some(initiative_id.clone());
        })
    };
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
    let body = match display(&kpi) {
        Display::Chart => view! { <KpiChart kpi=Arc::clone(&kpi) style /> }.into_any(),
        Display::Tile(p) => {
            let kind = p.kind_ja();
            let kind = kind.as_str();
            let period = p.fiscal_year.map(|y| fiscal_year(y, style.get_untracked())).or_else(|| p.period.clone()).unwrap_or_else(|| "年度の記載なし".into());
            let request = figure_source(&kpi.label, &period, kind, p);
            view! {
                <div class="rd-tile" data-testid="kpi-tile">
                    <p class="rd-tile-value">{reform::format::figure(p, &kpi.unit)}</p>
                    <p class="rd-tile-meta">{format!("{kind}（{period}）　比べる目標・推移の記載なし　出典 {}行「{}」", p.line, p.text)}" "<SourceButton request /></p>
                </div>
            }
            .into_any()
        }
        Display::Empty => view! { <p class="rd-tile-meta" data-testid="kpi-no-figures">"この指標には数値の記載がありません。"</p> }.into_any(),
    };
    view! {
        <article class="rd-kpi-card" data-kpi=kpi.id.clone() data-status=status.key() aria-labelledby=format!("rd-kh-{}", kpi.id)>
            <h4 id=format!("rd-kh-{}", kpi.id)>{kpi.label.clone()}</h4>
            <p class="rd-kpi-meta"><StatusBadge status />" "<a class="rd-link" href=href>{title}</a></p>
            {body}
            <CalculationNote kpi=Arc::clone(&kpi) style />
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
