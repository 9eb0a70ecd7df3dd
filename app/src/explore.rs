//! The explorer: filters with facet counts, debounced Japanese search, a sortable result table
//! with pages, the open initiative's detail, CSV export. State lives in the route (URL hash).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use reform::format::group;
use reform::query::explore::{Dimension, Explored, FacetOption, Filter, Paging, Sort, SortKey};
use reform::query::search::Query;

use crate::detail::Detail;
use crate::data_module::{FileButton, FileRequest};
use crate::highlight::highlighted;
use crate::state::AppState;

const DEBOUNCE_MS: u32 = 200;

#[component]
pub fn ExploreView() -> impl IntoView {
    let st = expect_context::<AppState>();
    let filter = Memo::new(move |_| st.route.with(|r| r.filter.clone()));
    let sort = Memo::new(move |_| st.route.with(|r| r.sort));
    let explored = Memo::new(move |_| st.explorer().explore(&filter.get()));
    let rows = Memo::new(move |_| {
        let mut v = explored.with(|e| e.rows.clone());
        st.explorer().sort(&mut v, sort.get());
        v
    });
    let universe = Memo::new(move |_| filter.with(|f| st.explorer().universe(f)));
    // The page lives in the route (back from a detail returns to it); past the end, the last.
    let paging = Memo::new(move |_| Paging::new(rows.with(Vec::len), st.route.with(|r| r.page)));
    let open = Memo::new(move |_| st.route.with(|r| r.open.clone()));
    back_to_row_on_close(open);
    let query = Memo::new(move |_| Query::new(&filter.with(|f| f.query.clone())));
    let save_error = RwSignal::new(None::<String>);

    // The rows listed, in the order shown; the data module makes the CSV (`data_module.rs`).
    let export_rows = move || {
        let report = st.report();
        let ids: Vec<&str> = rows.get_untracked().iter().map(|&i| report.initiatives[i].id.as_str()).collect();
        FileRequest::csv("initiatives_csv", st.report_json(), &ids, "取組一覧.csv")
    };
    let export_kpis = move || {
        let explorer = st.explorer();
        let kpis = explorer.kpis_of_rows(&rows.get_untracked());
        let ids: Vec<&str> = kpis.iter().map(|k| k.id.as_str()).collect();
        FileRequest::csv("kpis_csv", st.report_json(), &ids, "KPIデータ.csv")
    };

    view! {
        <section class="rd-explore" aria-labelledby="rd-explore-h">
            <h2 id="rd-explore-h">"取組一覧"</h2>
            <div class="rd-explore-grid">
                <Filters filter explored />
                <div class="rd-results">
                    <Show when=move || open.get().is_some()>
                        <Detail id=Signal::derive(move || open.get().unwrap_or_default()) rows=Signal::derive(move || rows.get()) />
                    </Show>
                    <div class="rd-results-bar" id="rd-results-h">
                        <p class="rd-count" role="status" aria-live="polite" data-testid="result-count">
                            {move || format!("{}件 / 全{}件", group(rows.with(Vec::len) as i64), group(universe.get() as i64))}
                        </p>
                        <div class="rd-actions">
                            <FileButton label="この結果をCSVで保存" testid="csv-initiatives" make=Box::new(export_rows) error=save_error />
                            <FileButton label="KPIデータをCSVで保存" testid="csv-kpis" make=Box::new(export_kpis) error=save_error />
                        </div>
                    </div>
                    {move || save_error.get().map(|e| view! { <p class="rd-notice" role="alert">"保存できませんでした："{e}</p> })}
                    <Show
                        when=move || !rows.with(Vec::is_empty)
                        fallback=move || view! {
                            <div class="rd-empty" data-testid="empty">
                                <p>"条件に合う取組はありません。"</p>
                                <button type="button" class="rd-button" on:click=move |_| st.navigate(|r| { r.filter = Filter::default(); r.open = None; })>"条件をすべて解除"</button>
                            </div>
                        }
                    >
                        <ResultTable rows paging sort query />
                        <Pager paging />
                    </Show>
                </div>
            </div>
        </section>
    }
}

#[component]
fn Filters(filter: Memo<Filter>, explored: Memo<Explored>) -> impl IntoView {
    let st = expect_context::<AppState>();
    // One memo per select: a filter change clones each facet's options once, and a select whose
    // options and counts did not change is not touched.
    let options = move |d: Dimension| Memo::new(move |_| explored.with(|e| e.options(d).to_vec()));
    let count_of = move |d: Dimension| explored.with(|e| e.options(d).first().map_or(0, |o| o.count));

    // The search box keeps its own text; the route follows after a pause in typing.
    let text = RwSignal::new(filter.get_untracked().query);
    // While words typed are waiting for the pause, the box is the truth: another filter chosen
    // in that moment must not put the old words back into it.
    let typing = StoredValue::new(false);
    Effect::new(move |_| {
        let q = filter.with(|f| f.query.clone());
        if !typing.get_value() && q != text.get_untracked() {
            text.set(q);
        }
    });
    let pending = StoredValue::new_local(None::<gloo::timers::callback::Timeout>);
    let on_input = move |ev| {
        let value = event_target_value(&ev);
        text.set(value.clone());
        typing.set_value(true);
        let t = gloo::timers::callback::Timeout::new(DEBOUNCE_MS, move || {
            typing.set_value(false);
            // Each pause in typing refines the view on screen: one history entry, not one per word.
            st.refine(|r| {
                r.filter.query = value;
                r.open = None;
            })
        });
        pending.set_value(Some(t));
    };

    // Under 768 px the form folds behind one button, and the conditions in force show as chips
    // above the results: on a phone the first result then sits on the first screen.
    let unfolded = RwSignal::new(false);
    let chips = Memo::new(move |_| {
        let mut chips = filter.with(|f| f.chips(&st.report()));
        chips.iter_mut().for_each(|c| c.label = st.since_label(&c.label));
        chips
    });
    view! {
        <div class="rd-filter-bar">
            <button type="button" class="rd-button rd-button-secondary rd-filter-toggle" data-testid="filter-toggle"
                aria-controls="rd-filter-form" aria-expanded=move || unfolded.get().to_string()
                on:click=move |_| unfolded.update(|u| *u = !*u)>
                {move || format!("絞り込み（{}）", chips.with(Vec::len))}
            </button>
            <ul class="rd-chips" aria-label="選んでいる条件" data-testid="filter-chips">
                <For each=move || chips.get() key=|c| c.label.clone() let:chip>
                    {
                        let dimension = chip.dimension;
                        view! {
                            <li><button type="button" class="rd-chip" aria-label=format!("条件「{}」を解除", chip.label)
                                on:click=move |_| st.navigate(|r| { r.filter = r.filter.without(dimension); r.open = None; })>
                                {chip.label.clone()}<span aria-hidden="true">" ×"</span>
                            </button></li>
                        }
                    }
                </For>
            </ul>
        </div>
        <form id="rd-filter-form" class="rd-filters" class:rd-filters-open=move || unfolded.get() role="search" aria-label="取組の絞り込み" on:submit=|ev| ev.prevent_default()>
            <div class="rd-field">
                <label for="rd-q">"キーワード検索"</label>
                <input id="rd-q" type="search" class="rd-input" prop:value=move || text.get() on:input=on_input
                    autocomplete="off" placeholder="例：テレワーク、ICT" aria-describedby="rd-q-help" />
                <p id="rd-q-help" class="rd-hint">"取組項目・内容・目標・状況・課題・次年度の取組を検索します（全角・半角、大文字・小文字を区別しません）。"</p>
            </div>
            {Dimension::SELECTS.into_iter().chain(st.changes().map(|_| Dimension::Change)).map(|d| view! {
                <FacetSelect dimension=d options=options(d) value=Memo::new(move |_| filter.with(|f| f.chosen(d))) />
            }).collect_view()}
            <div class="rd-check">
                <input id="rd-f-zencho" type="checkbox" prop:checked=move || filter.with(|f| f.zencho)
                    on:change=move |ev| { let on = event_target_checked(&ev); st.navigate(|r| { r.filter.zencho = on; r.open = None; }) } />
                <label for="rd-f-zencho">{move || format!("全庁的な取組（○）だけ（{}件）", count_of(Dimension::Zencho))}</label>
            </div>
            <div class="rd-check">
                <input id="rd-f-relisted" type="checkbox" prop:checked=move || filter.with(|f| f.include_relisted)
                    on:change=move |ev| { let on = event_target_checked(&ev); st.navigate(|r| r.filter.include_relisted = on) } />
                <label for="rd-f-relisted">{move || format!("再掲（【再掲】）の取組も表示（{}件）", count_of(Dimension::Relisted))}</label>
            </div>
            <button type="button" class="rd-button rd-button-secondary" data-testid="clear-filters"
                prop:disabled=move || filter.with(Filter::is_default)
                on:click=move |_| st.navigate(|r| { r.filter = Filter::default(); r.open = None; })>"条件をすべて解除"</button>
        </form>
    }
}

/// The element id of a facet's select (tests, the bench and labels find the selects by it).
fn select_id(d: Dimension) -> String {
    format!("rd-f-{}", d.form_name())
}

#[component]
fn FacetSelect(dimension: Dimension, options: Memo<Vec<FacetOption>>, value: Memo<Option<String>>) -> impl IntoView {
    let st = expect_context::<AppState>();
    let id = select_id(dimension);
    let label = st.since_label(dimension.label_ja());
    let on_change = move |ev| {
        let v = event_target_value(&ev);
        st.navigate(|r| {
            r.filter = r.filter.choose(dimension, (!v.is_empty()).then_some(v));
            r.open = None;
        });
    };
    view! {
        <div class="rd-field">
            <label for=id.clone()>{label}</label>
            <select id=id class="rd-select" on:change=on_change prop:value=move || value.get().unwrap_or_default()>
                <option value="">"すべて"</option>
                // Keyed by value: a filter change updates the counts in place instead of
                // rebuilding every option.
                <For each=move || options.get() key=|o| o.value.clone() let:o>
                    {
                        let FacetOption { value: v, label, .. } = o;
                        let count = {
                            let v = v.clone();
                            move || options.with(|os| os.iter().find(|x| x.value == v).map_or(0, |x| x.count))
                        };
                        let selected = {
                            let v = v.clone();
                            move || value.with(|x| x.as_deref() == Some(v.as_str()))
                        };
                        view! {
                            <option value=v selected=selected>
                                {move || format!("{}（{}）", label, count())}
                            </option>
                        }
                    }
                </For>
            </select>
        </div>
    }
}

#[component]
fn ResultTable(rows: Memo<Vec<usize>>, paging: Memo<Paging>, sort: Memo<Sort>, query: Memo<Query>) -> impl IntoView {
    let st = expect_context::<AppState>();
    let header = move |key: SortKey| {
        let label = key.label_ja();
        let aria = move || sort.get().aria_sort(key);
        let click = move |_| st.refine(|r| r.sort = r.sort.clicked(key));
        view! {
            // `data-heading`: the words print where the button does not (style.css).
            <th scope="col" aria-sort=aria data-heading=label>
                <button type="button" class="rd-sort" on:click=click data-sort=key.key()>
                    {label}
                    <span class="rd-sort-icon" aria-hidden="true">{move || match aria() { "ascending" => "▲", "descending" => "▼", _ => "⇅" }}</span>
                </button>
            </th>
        }
    };
    let visible = move || {
        let range = paging.get().range();
        rows.with(|r| r[range].to_vec())
    };
    view! {
        <div class="rd-table-wrap">
            <table class="rd-table rd-results-table" data-testid="results">
                <caption class="rd-visually-hidden">"取組一覧（列見出しのボタンで並べ替え）"</caption>
                <thead>
                    <tr>
                        {header(SortKey::Id)}
                        {header(SortKey::Title)}
                        {header(SortKey::Department)}
                        {header(SortKey::Division)}
                        {header(SortKey::Rating)}
                        {header(SortKey::Kpi)}
                    </tr>
                </thead>
                <tbody>
                    <For each=visible key=|i| *i let:index>
                        <ResultRow index query />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn ResultRow(index: usize, query: Memo<Query>) -> impl IntoView {
    let st = expect_context::<AppState>();
    let report = st.report();
    let explorer = st.explorer();
    let ini = &report.initiatives[index];
    let id = ini.id.clone();
    let href = {
        let id = id.clone();
        move || st.href_tracked(|r| r.open = Some(id.clone()))
    };
    let title = ini.title.clone();
    let rating = explorer.rating(index).map(|r| r.display_ja()).unwrap_or_else(|| "記載なし".into());
    let delayed = explorer.rating(index) == Some(reform::model::Rating::Delayed);
    let kpi = explorer.kpi_status(index).map(|s| s.display_ja()).unwrap_or_else(|| "—".into());
    let relisted = ini.relisted;
    view! {
        <tr data-id=id.clone()>
            <td class="rd-id">{id.clone()}</td>
            <td>
                <a href=href class="rd-link">{move || highlighted(&title, &query.get())}</a>
                {relisted.then(|| view! { <span class="rd-tag">"再掲"</span> })}
            </td>
            <td data-label="部局等">{ini.departments.join("、")}</td>
            <td data-label="担当課">{ini.divisions.join("、")}</td>
            <td data-label="進捗状況" class:rd-delayed=delayed>{rating}</td>
            <td data-label="KPI">{kpi}</td>
        </tr>
    }
}

#[component]
fn Pager(paging: Memo<Paging>) -> impl IntoView {
    let st = expect_context::<AppState>();
    let go = move |to: usize| {
        st.navigate(|r| r.page = to);
        // The new page starts at the top of the list, not where the pager was.
        if let Some(el) = gloo::utils::document().get_element_by_id("rd-results-h") {
            el.scroll_into_view();
        }
    };
    let (previous_label, next_label) = Paging::buttons_ja();
    view! {
        <Show when=move || paging.with(|p| p.pages > 1)>
            <nav class="rd-pager" aria-label="ページ送り">
                <button type="button" class="rd-button" data-testid="prev-page" prop:disabled=move || paging.with(|p| p.page == 0)
                    on:click=move |_| go(paging.with_untracked(|p| p.page.saturating_sub(1)))>{previous_label.clone()}</button>
                <span>{move || paging.with(Paging::label_ja)}</span>
                <button type="button" class="rd-button" data-testid="next-page" prop:disabled=move || paging.with(Paging::is_last)
                    on:click=move |_| go(paging.with_untracked(|p| p.page + 1))>{next_label.clone()}</button>
            </nav>
        </Show>
    }
}

/// Closing a detail (Back, 「閉じる」) returns to the row it was opened from: the list scrolled
/// as it was when the row's link was followed, and focus on that link. The detail opens above
/// the list and takes focus, so without this focus fell to the page's body with the detail and
/// the page stayed at the top of the results. Only when focus fell: a filter changed with a
/// detail open keeps focus on the filter.
fn back_to_row_on_close(open: Memo<Option<String>>) {
    if !crate::IN_BROWSER {
        return;
    }
    // Where the list stood when a row's link was clicked (by mouse or Enter). Read in the capture
    // phase: the app follows the link in the same click, and the detail then moves the page.
    let opened_from = StoredValue::new_local(None::<(String, f64)>);
    let listener = gloo::events::EventListener::new_with_options(
        &gloo::utils::window(),
        "click",
        gloo::events::EventListenerOptions::run_in_capture_phase(),
        move |ev| {
            let row = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|el| el.closest("[data-testid='results'] tr[data-id] a").ok().flatten()).and_then(|a| a.closest("tr").ok().flatten());
            if let Some(id) = row.and_then(|tr| tr.get_attribute("data-id")) {
                opened_from.set_value(Some((id, gloo::utils::window().scroll_y().unwrap_or(0.0))));
            }
        },
    );
    let listener = StoredValue::new_local(Some(listener));
    on_cleanup(move || listener.update_value(|l| drop(l.take())));
    Effect::new(move |before: Option<Option<String>>| {
        let now = open.get();
        if let (Some(Some(closed)), None) = (&before, &now) {
            let closed = closed.clone();
            let from = opened_from.get_value().filter(|(id, _)| *id == closed).map(|(_, y)| y);
            // After the detail has left the DOM and the browser has restored its own scroll.
            request_animation_frame(move || return_to_row(&closed, from));
        }
        now
    });
}

fn return_to_row(id: &str, scroll_y: Option<f64>) {
    let document = gloo::utils::document();
    let lost = document.active_element().is_none_or(|a| document.body().is_some_and(|b| *b.unchecked_ref::<web_sys::Element>() == a));
    if !lost {
        return;
    }
    let rows = document.query_selector_all("[data-testid='results'] tr[data-id]").ok();
    let link = rows
        .and_then(|rows| (0..rows.length()).filter_map(|i| rows.item(i)).map(JsCast::unchecked_into::<web_sys::Element>).find(|tr| tr.get_attribute("data-id").as_deref() == Some(id)))
        .and_then(|tr| tr.query_selector("a").ok().flatten());
    match link {
        Some(link) => {
            let _ = link.unchecked_into::<web_sys::HtmlElement>().focus();
            if let Some(y) = scroll_y {
                gloo::utils::window().scroll_to_with_x_and_y(0.0, y);
            }
        }
        // The row is on another page of the list or filtered out: the content, not the body.
        None => {
            if let Some(main) = document.get_element_by_id("rd-main") {
                let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
    }
}
