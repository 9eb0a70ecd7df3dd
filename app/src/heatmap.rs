//! The progress heatmap: a real table (caption, scoped headers) of departments × pillars,
//! drilling down to divisions and sections/subsections. Colour shows progress, not size: the
//! share of a cell's initiatives in △ subsections (or of its judged KPIs that are behind), on a
//! colour-blind-safe blue (on track) ↔ orange (delayed) scale. Every cell prints its share and
//! counts, so colour is never the only cue. A cell links to exactly its initiatives.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use reform::query::heatmap::{cell_filter, heatmap_comparing, percent, shade, Cell, Columns, Measure, RowOrder, Rows};
use reform::query::route::View;

use crate::state::AppState;

/// Blue (none behind) to orange (all behind), with the text colour that reads on each.
/// Cells with the same share get the same colour, whatever their size.
const SCALE: [(&str, &str, &str); 5] = [
    ("#d9e6ff", "#1a1a1a", "0%（すべて順調）"),
    ("#fde6d3", "#1a1a1a", "1〜25%"),
    ("#f8b98a", "#1a1a1a", "26〜50%"),
    ("#e9823f", "#1a1a1a", "51〜75%"),
    ("#c74700", "#ffffff", "76〜100%"),
];

#[component]
pub fn HeatmapView() -> impl IntoView {
    let st = expect_context::<AppState>();
    let options = Memo::new(move |_| st.route.with(|r| r.heat.clone()));
    let changes = st.changes();
    // 「前年度から悪化した割合」 only where there is a previous edition to compare with.
    let measures: Vec<Measure> = Measure::ALL.into_iter().filter(|m| *m != Measure::Worse || changes.is_some()).collect();
    let map = Memo::new(move |_| heatmap_comparing(&st.report(), &options.get(), changes.as_deref()));
    let measure = Memo::new(move |_| options.with(|o| o.measure));

    let cell_href = move |row: String, col: String| {
        st.href(move |r| {
            r.filter = cell_filter(&r.heat, &row, &col);
            r.view = View::Explore;
            r.open = None;
        })
    };
    // On a narrow screen the table scrolls sideways: say so, and bring the cell that most needs
    // a look into view (it may sit in the last column).
    let wrap = NodeRef::<leptos::html::Div>::new();
    let overflows = RwSignal::new(false);
    Effect::new(move |_| {
        map.track();
        measure.track();
        let Some(el) = wrap.get() else { return };
        // After the table of this map is in the DOM.
        request_animation_frame(move || {
            overflows.set(el.scroll_width() > el.client_width());
            if let Some(cell) = el.query_selector("[data-worst]").ok().flatten() {
                let cell: web_sys::HtmlElement = cell.unchecked_into();
                let right = cell.offset_left() + cell.offset_width();
                if right > el.scroll_left() + el.client_width() {
                    el.set_scroll_left(right - el.client_width() + 16);
                }
            }
        });
    });
    let worst = Memo::new(move |_| map.with(|m| m.worst(measure.get())));
    let cell_view = move |c: Cell, href: String, label: String, is_worst: bool| {
        let m = measure.get_untracked();
        if c.initiatives == 0 {
            return view! { <td class="rd-heat rd-heat-empty"><span class="rd-zero">"—"</span></td> }.into_any();
        }
        let share = c.share(m);
        let (bg, fg) = share.map_or(("#ffffff", "#333333"), |s| (SCALE[shade(s).band].0, SCALE[shade(s).band].1));
        let style = format!("background:{bg};color:{fg}");
        let detail = st.since_label(&c.detail_ja(m));
        view! {
            <td class="rd-heat" style=style data-count=c.initiatives data-delayed=c.delayed data-share=share.map(|s| format!("{s:.4}")) data-worst=is_worst.then_some("true")>
                <a href=href class="rd-heat-link">
                    <span class="rd-visually-hidden">{label}</span>
                    <span class="rd-heat-n">{share.map_or_else(|| "—".to_string(), percent)}</span>
                    <span class="rd-heat-d">{detail}</span>
                </a>
            </td>
        }
        .into_any()
    };

    let row_level = move || match st.route.with(|r| r.heat.rows.clone()) {
        Rows::Departments => None,
        Rows::Divisions { department } => Some(department),
    };
    let column_title = move || match st.route.with(|r| r.heat.columns.clone()) {
        Columns::Pillars => "柱".to_string(),
        Columns::Sections { pillar } => format!("柱 {} の項目", st.report().pillar(&pillar).map_or(pillar.clone(), |p| p.numeral.clone())),
        Columns::Subsections { section } => format!("項目 {} の小項目", section),
    };

    view! {
        <section class="rd-heatmap" aria-labelledby="rd-heat-h">
            <h2 id="rd-heat-h">"進捗ヒートマップ"</h2>
            <p class="rd-help">{move || st.since_label(measure.get().explanation_ja())}"取組の多さではなく進み具合を色で示します。セルを選ぶと、その取組の一覧を開きます。複数の部局が担う取組は各部局に数えています。"</p>
            <div class="rd-heat-controls">
                <fieldset class="rd-radios">
                    <legend>"色で示すもの"</legend>
                    {measures.into_iter().map(|m| view! {
                        <label><input type="radio" name="rd-h-measure" data-measure=m.key() prop:checked=move || measure.get() == m
                            on:change=move |_| st.navigate(|r| r.heat.measure = m) />{st.since_label(m.label_ja())}</label>
                    }).collect_view()}
                </fieldset>
                <div class="rd-field">
                    <label for="rd-h-order">"行の並び"</label>
                    <select id="rd-h-order" class="rd-select" prop:value=move || options.with(|o| o.order.key())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let order = RowOrder::from_key(&v).unwrap_or_default();
                            st.navigate(|r| r.heat.order = order)
                        }>
                        {RowOrder::ALL.into_iter().map(|o| view! { <option value=o.key()>{o.label_ja()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="rd-check">
                    <input id="rd-h-zencho" type="checkbox" prop:checked=move || options.with(|o| o.zencho_only)
                        on:change=move |ev| { let on = event_target_checked(&ev); st.navigate(|r| r.heat.zencho_only = on) } />
                    <label for="rd-h-zencho">"全庁的な取組（○）だけ"</label>
                </div>
                <div class="rd-check">
                    <input id="rd-h-relisted" type="checkbox" prop:checked=move || options.with(|o| o.include_relisted)
                        on:change=move |ev| { let on = event_target_checked(&ev); st.navigate(|r| r.heat.include_relisted = on) } />
                    <label for="rd-h-relisted">"再掲の取組も数える"</label>
                </div>
                {move || (options.with(|o| o.rows != Rows::Departments || o.columns != Columns::Pillars)).then(|| view! {
                    <button type="button" class="rd-button rd-button-secondary" data-testid="heat-reset"
                        on:click=move |_| st.navigate(|r| { r.heat.rows = Rows::Departments; r.heat.columns = Columns::Pillars; })>"部局 × 柱 の表示に戻る"</button>
                })}
            </div>
            <ul class="rd-heat-legend" aria-label="色の凡例" data-testid="heat-legend">
                {SCALE.iter().map(|(bg, fg, label)| view! {
                    <li><span class="rd-swatch" aria-hidden="true" style=format!("background:{bg};color:{fg}")></span>{*label}</li>
                }).collect_view()}
                <li><span class="rd-swatch" style="background:#ffffff;color:#333333">"—"</span>"取組なし・判定できない"</li>
            </ul>
            {move || map.with(|m| m.rows.is_empty()).then(|| view! {
                <p class="rd-empty" data-testid="empty-heatmap">"この条件で数える取組はありません。"</p>
            })}
            <p class="rd-scroll-hint" data-testid="scroll-hint" hidden=move || !overflows.get()>"表は横にスクロールできます（→）"</p>
            <div class="rd-table-wrap" node_ref=wrap>
                <table class="rd-table rd-heat-table" data-testid="heatmap">
                    <caption>{move || match row_level() {
                        Some(d) => format!("{} の担当課別 × {}：{}", d, column_title(), st.since_label(Measure::caption_ja(measure.get()))),
                        None => format!("部局別 × {}：{}", column_title(), st.since_label(Measure::caption_ja(measure.get()))),
                    }}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || if row_level().is_some() { "担当課" } else { "部局" }}</th>
                            {move || map.with(|m| m.columns.clone()).into_iter().map(|h| {
                                let drill = match st.route.with(|r| r.heat.columns.clone()) {
                                    Columns::Pillars => Some(Columns::Sections { pillar: h.key.clone() }),
                                    Columns::Sections { .. } => Some(Columns::Subsections { section: h.key.clone() }),
                                    Columns::Subsections { .. } => None,
                                };
                                match drill {
                                    Some(next) => {
                                        let label = format!("{} を詳しく", h.label);
                                        view! { <th scope="col"><button type="button" class="rd-drill" aria-label=label
                                            on:click=move |_| { let n = next.clone(); st.navigate(move |r| r.heat.columns = n) }>{h.label.clone()}</button></th> }.into_any()
                                    }
                                    None => view! { <th scope="col">{h.label.clone()}</th> }.into_any(),
                                }
                            }).collect_view()}
                            <th scope="col">"計"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let m = map.get();
                            let divisions = row_level().is_some();
                            m.rows.iter().enumerate().map(|(ri, h)| {
                                let head = if divisions {
                                    view! { <th scope="row">{h.label.clone()}</th> }.into_any()
                                } else {
                                    let dept = h.key.clone();
                                    let label = format!("{} の担当課別に見る", h.label);
                                    view! { <th scope="row"><button type="button" class="rd-drill" aria-label=label
                                        on:click=move |_| { let d = dept.clone(); st.navigate(move |r| r.heat.rows = Rows::Divisions { department: d }) }>{h.label.clone()}</button></th> }.into_any()
                                };
                                let cells = m.columns.iter().enumerate().map(|(ci, c)| {
                                    let cell = m.cells[ri][ci];
                                    let label = format!("{} × {} の取組一覧を開く：", h.label, c.label);
                                    cell_view(cell, cell_href(h.key.clone(), c.key.clone()), label, worst.get_untracked() == Some((ri, ci)))
                                }).collect_view();
                                let t = m.row_totals[ri];
                                view! {
                                    <tr data-row=h.key.clone()>
                                        {head}
                                        {cells}
                                        <td class="rd-num rd-total">{t.total_label(measure.get_untracked())}</td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">"計（重複なし）"</th>
                            {move || map.with(|m| m.column_totals.clone()).into_iter().map(|t| view! {
                                <td class="rd-num rd-total">{t.total_label(measure.get())}</td>
                            }).collect_view()}
                            <td class="rd-num rd-total" data-testid="heat-total" data-count=move || map.with(|m| m.total.initiatives)>{move || map.with(|m| m.total).total_label(measure.get())}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            {move || row_level().map(|_| view! {
                <button type="button" class="rd-button rd-button-secondary" on:click=move |_| st.navigate(|r| r.heat.rows = Rows::Departments)>"部局別に戻る"</button>
            })}
        </section>
    }
}


