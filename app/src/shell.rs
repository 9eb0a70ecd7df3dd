//! The frame around every view: skip link, header, view tabs, notices, footer with the data's
//! provenance, and the error page shown when the report cannot be read.

use leptos::prelude::*;
use reform::query::route::View;
use wasm_bindgen::JsCast;

use crate::data;
use crate::explore::ExploreView;
use crate::heatmap::HeatmapView;
use crate::help::HelpView;
use crate::kpi::KpiView;
use crate::overview::Overview;
use crate::state::{sync_with_hash, AppState};

pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

#[component]
pub fn App() -> impl IntoView {
    match data::embedded() {
        Ok(report) => {
            let state = AppState::new(report);
            provide_context(state);
            sync_with_hash(state);
            view! { <Dashboard /> }.into_any()
        }
        Err(e) => view! {
            <div class="rd" lang="ja">
                <main class="rd-main">
                    <div class="rd-error" role="alert">
                        <h1>"データを読み込めませんでした"</h1>
                        <p>{e.to_string()}</p>
                        <p>"ダッシュボードに組み込まれたデータが壊れています。担当者に連絡してください。"</p>
                    </div>
                </main>
            </div>
        }
        .into_any(),
    }
}

fn focus_main() {
    if let Some(el) = gloo::utils::document().get_element_by_id("rd-main") {
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

#[component]
fn Dashboard() -> impl IntoView {
    let st = expect_context::<AppState>();
    let meta = &st.report.report;
    let view_now = Memo::new(move |_| st.route.with(|r| r.view));
    view! {
        <div class="rd" lang="ja">
            <a class="rd-skip" href="#rd-main" on:click=move |ev| { ev.prevent_default(); focus_main(); }>"本文へ移動"</a>
            <header class="rd-header">
                <p class="rd-kicker">"行財政改革 進捗ダッシュボード"</p>
                <h1 class="rd-title">{meta.title.clone()}</h1>
                <p class="rd-year">{format!("{}（{}年度）", meta.label, meta.fiscal_year)}</p>
                <nav class="rd-nav" aria-label="画面の切り替え">
                    <ul>
                        {View::ALL.into_iter().map(|v| view! {
                            <li>
                                <a href=move || st.href_view(v) data-view=v.key()
                                    aria-current=move || (view_now.get() == v).then_some("page")>{v.label_ja()}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                </nav>
            </header>
            <Notices />
            <main class="rd-main" id="rd-main" tabindex="-1">
                {move || match view_now.get() {
                    View::Overview => view! { <Overview /> }.into_any(),
                    View::Explore => view! { <ExploreView /> }.into_any(),
                    View::Heatmap => view! { <HeatmapView /> }.into_any(),
                    View::Kpi => view! { <KpiView /> }.into_any(),
                    View::Help => view! { <HelpView /> }.into_any(),
                }}
            </main>
            <Footer />
        </div>
    }
}

#[component]
fn Notices() -> impl IntoView {
    let st = expect_context::<AppState>();
    view! {
        <div class="rd-notices" role="status" aria-live="polite" data-testid="notices">
            {move || {
                let notices = st.notices.get();
                (!notices.is_empty()).then(|| view! {
                    <div class="rd-notice">
                        <p>"URL の一部を使えなかったため、無視して表示しています："</p>
                        <ul>{notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                        <button type="button" class="rd-button rd-button-secondary" on:click=move |_| st.notices.set(Vec::new())>"閉じる"</button>
                    </div>
                })
            }}
        </div>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let st = expect_context::<AppState>();
    let meta = &st.report.report;
    let sha = meta.source.sha256.chars().take(12).collect::<String>();
    let text = format!("データ: {}時点の報告書 ／ 出典ファイル {}（SHA-256 {}…）", meta.label, meta.source.name, sha);
    view! {
        <footer class="rd-footer">
            <p data-testid="provenance">{text}</p>
            <p data-testid="app-version">"アプリ版 " {APP_VERSION}</p>
        </footer>
    }
}
