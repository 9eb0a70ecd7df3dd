//! The progress heatmap: a real table (caption, scoped headers) of initiatives per
//! department × pillar, drilling down to divisions and sections/subsections. Every cell prints
//! its numbers; colour (a blue ramp by count) is never the only cue. A cell links to the
//! explorer filtered to exactly its initiatives.

use leptos::prelude::*;
use reform::query::explore::Filter;
use reform::query::heatmap::{heatmap, Cell, Columns, Rows};
use reform::query::route::View;

use crate::state::AppState;

/// Blue ramp, light to dark; text switches to white where the background is dark.
const RAMP: [&str; 6] = ["#ffffff", "#e8f1fe", "#c5d7fb", "#9db7f9", "#3460fb", "#0031d8"];

fn shade(n: usize, max: usize) -> (&'static str, &'static str) {
    if n == 0 || max == 0 {
        return (RAMP[0], "#333333");
    }
    let step = (n * (RAMP.len() - 1)).div_ceil(max).clamp(1, RAMP.len() - 1);
    (RAMP[step], if step >= 4 { "#ffffff" } else { "#1a1a1a" })
}

#[component]
pub fn HeatmapView() -> impl IntoView {
    let st = expect_context::<AppState>();
    let options = Memo::new(move |_| st.route.with(|r| r.heat.clone()));
    let map = Memo::new(move |_| heatmap(&st.report(), &options.get()));
    let max = Memo::new(move |_| map.with(|m| m.cells.iter().flatten().map(|c| c.initiatives).max().unwrap_or(0)));

    // The explorer filter that shows exactly one cell's initiatives.
    let cell_href = move |row: String, col: String| {
        st.href(move |r| {
            let o = &r.heat;
            let mut f = Filter { zencho: o.zencho_only, include_relisted: o.include_relisted, ..Filter::default() };
            match &o.rows {
                Rows::Departments => f.department = Some(row.clone()),
                Rows::Divisions { department } => {
                    f.department = Some(department.clone());
                    f.division = Some(row.clone());
                }
            }
            match &o.columns {
                Columns::Pillars => f.pillar = Some(col.clone()),
                Columns::Sections { .. } => f.section = Some(col.clone()),
                Columns::Subsections { .. } => f.subsection = Some(col.clone()),
            }
            r.filter = f;
            r.view = View::Explore;
            r.open = None;
        })
    };
    let cell_view = move |c: Cell, href: String, label: String| {
        let (bg, fg) = shade(c.initiatives, max.get_untracked());
        let style = format!("background:{bg};color:{fg}");
        if c.initiatives == 0 {
            return view! { <td class="rd-heat" style=style><span class="rd-zero">"0"</span></td> }.into_any();
        }
        view! {
            <td class="rd-heat" style=style data-count=c.initiatives data-delayed=c.delayed>
                <a href=href class="rd-heat-link">
                    <span class="rd-visually-hidden">{label}</span>
                    <span class="rd-heat-n">{c.initiatives}</span>
                    {(c.delayed > 0).then(|| view! { <span class="rd-heat-d">"△"{c.delayed}</span> })}
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
            <p class="rd-help">"各セルは取組数と、そのうち進捗状況が △（遅れ・課題あり）の小項目に属する取組数（△の後の数）です。"
                "色が濃いほど取組が多いことを示します。セルを選ぶと、その取組の一覧を開きます。複数の部局が担う取組は各部局に数えています。"</p>
            <div class="rd-heat-controls">
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
            {move || map.with(|m| m.rows.is_empty()).then(|| view! {
                <p class="rd-empty" data-testid="empty-heatmap">"この条件で数える取組はありません。"</p>
            })}
            <div class="rd-table-wrap">
                <table class="rd-table rd-heat-table" data-testid="heatmap">
                    <caption>{move || match row_level() {
                        Some(d) => format!("{} の担当課別 × {}：取組数（△は遅れ・課題ありの小項目に属する取組）", d, column_title()),
                        None => format!("部局別 × {}：取組数（△は遅れ・課題ありの小項目に属する取組）", column_title()),
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
                                    let label = format!("{} × {} の取組一覧を開く（取組数、△遅れ・課題ありの数）：", h.label, c.label);
                                    cell_view(cell, cell_href(h.key.clone(), c.key.clone()), label)
                                }).collect_view();
                                let t = m.row_totals[ri];
                                view! {
                                    <tr data-row=h.key.clone()>
                                        {head}
                                        {cells}
                                        <td class="rd-num rd-total">{t.initiatives}{(t.delayed > 0).then(|| format!("（△{}）", t.delayed))}</td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">"計（重複なし）"</th>
                            {move || map.with(|m| m.column_totals.clone()).into_iter().map(|t| view! {
                                <td class="rd-num rd-total">{t.initiatives}{(t.delayed > 0).then(|| format!("（△{}）", t.delayed))}</td>
                            }).collect_view()}
                            <td class="rd-num rd-total" data-testid="heat-total">{move || map.with(|m| m.total.initiatives)}</td>
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
