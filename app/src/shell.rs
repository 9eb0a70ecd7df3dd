//! The frame around every view: skip link, header, view tabs, notices, footer with the data's
//! provenance, and the error page shown when the report cannot be read (the embedded one, or
//! the one the page holds).

use leptos::prelude::*;
use reform::query::route::View;
use wasm_bindgen::JsCast;

use crate::data;
use crate::explore::ExploreView;
use crate::heatmap::HeatmapView;
use crate::help::HelpView;
use crate::kpi::KpiView;
use crate::open_report::{OpenError, OpenReport, OpenedBanner, TopOpenError};
use crate::overview::Overview;
use crate::share::{ShareButton, ShareDialog};
use crate::source_dialog::SourceDialog;
use crate::state::{sync_with_hash, AppState};

pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

#[component]
pub fn App() -> impl IntoView {
    match data::current() {
        Ok(data::Mounted { report, json, opened, previous, pick, notices }) => {
            let state = AppState::new(report, json, previous, pick);
            if !notices.is_empty() {
                state.notices.update(|n| n.extend(notices));
            }
            provide_context(state);
            if crate::IN_BROWSER {
                sync_with_hash(state);
            }
            if let Some(message) = data::take_restore_error() {
                state.open_error.set(Some(OpenError { via: reform::query::open::Via::Reload, message }));
            }
            view! { <Dashboard opened /> }.into_any()
        }
        Err(e) => {
            // The page's own report was made elsewhere: its maker is the one to act, and the
            // report compiled into the app is not shown in its place.
            let (heading, why, todo) = if data::page_holds_report() {
                (
                    "報告書を表示できません",
                    format!("このファイルに埋め込まれた報告書の内容を読めませんでした：{e}"),
                    "報告書の JSON を作り直してから、ダッシュボードのファイルをもう一度作ってください。",
                )
            } else {
                ("データを読み込めませんでした", e.to_string(), "ダッシュボードに組み込まれたデータが壊れています。担当者に連絡してください。")
            };
            view! {
                <div class="rd" lang="ja">
                    <main class="rd-main">
                        <div class="rd-error" role="alert" data-testid="report-message">
                            <h1>{heading}</h1>
                            <p>{why}</p>
                            <p>{todo}</p>
                        </div>
                    </main>
                </div>
            }
            .into_any()
        }
    }
}

pub(crate) fn focus_main() {
    if let Some(el) = gloo::utils::document().get_element_by_id("rd-main") {
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// Embedded in another page (`?embed=1` in the iframe's URL, or `data-embed` on the host
/// element): the host shows its own title and footer, so ours are hidden.
fn embed_mode() -> bool {
    if !crate::IN_BROWSER {
        return false; // pre-rendering index.html, which is not embedded
    }
    let search = gloo::utils::window().location().search().unwrap_or_default();
    search.trim_start_matches('?').split('&').any(|p| p == "embed=1") || crate::host().is_some_and(|h| h.has_attribute("data-embed"))
}

/// A CSS string literal: quotes and backslashes escaped, line breaks dropped.
fn css_string(s: &str) -> String {
    let inner: String = s.chars().filter(|c| !c.is_control()).flat_map(|c| match c {
        '"' | '\\' => vec!['\\', c],
        _ => vec![c],
    }).collect();
    format!("\"{inner}\"")
}

/// The running header and page numbers of every printed page. CSS cannot know the report's
/// title, so the app writes the `@page` rule; not in embed mode, where the host owns printing.
fn print_header(meta: &reform::model::ReportMeta) -> impl FnOnce() {
    let document = gloo::utils::document();
    let style = document.create_element("style").ok();
    if let Some(style) = &style {
        let header = reform::query::print::running_header(meta);
        style.set_text_content(Some(&format!(
            "@page {{ @top-left {{ content: {}; font-size: 8pt; color: #333; }} @top-right {{ content: counter(page) \" / \" counter(pages); font-size: 8pt; color: #333; }} }}",
            css_string(&header)
        )));
        let _ = style.set_attribute("data-rd-print", "");
        if let Some(head) = document.head() {
            let _ = head.append_child(style);
        }
    }
    move || {
        if let Some(style) = style {
            style.remove();
        }
    }
}

#[component]
fn Dashboard(opened: Option<data::Opened>) -> impl IntoView {
    let st = expect_context::<AppState>();
    let meta = st.report().report.clone();
    let view_now = Memo::new(move |_| st.route.with(|r| r.view));
    let embed = embed_mode();
    if !embed && crate::IN_BROWSER {
        let remove = print_header(&meta);
        on_cleanup(remove);
    }
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(file) = crate::open_report::first_file(ev.data_transfer().and_then(|d| d.files())) {
            crate::open_report::read_file(file, reform::query::open::Via::Drop, st.open_error);
        }
    };
    view! {
        <div class="rd" class:rd-embed=embed lang="ja" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <a class="rd-skip" href=crate::state::link_to("#rd-main") on:click=move |ev| { ev.prevent_default(); focus_main(); }>"本文へ移動"</a>
            <header class="rd-header">
                <Show when=move || !embed>
                    <p class="rd-kicker">"行財政改革 進捗ダッシュボード"</p>
                    <h1 class="rd-title">{meta.title.clone()}</h1>
                    <p class="rd-year">{format!("{}（{}年度）", meta.label, meta.fiscal_year)}</p>
                </Show>
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
                <ShareButton />
            </header>
            // With several editions the selectors name the file shown, and close what was opened.
            {opened.clone().filter(|o| o.by_reader && !data::holds_several()).map(|opened| view! { <OpenedBanner opened /> })}
            <crate::edition_bar::EditionBar />
            <Notices />
            <TopOpenError />
            <main class="rd-main" id="rd-main" tabindex="-1">
                {move || match view_now.get() {
                    View::Overview => view! { <Overview /> }.into_any(),
                    View::Explore => view! { <ExploreView /> }.into_any(),
                    View::Heatmap => view! { <HeatmapView /> }.into_any(),
                    View::Kpi => view! { <KpiView /> }.into_any(),
                    View::Data => view! { <crate::open_data::DataView /> }.into_any(),
                    View::Help => view! { <HelpView /> }.into_any(),
                }}
            </main>
            <Show when=move || !embed>
                <Footer named=opened.clone().filter(|o| !o.by_reader).map(|o| o.name) />
            </Show>
            <SourceDialog />
            <ShareDialog />
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
                        // The button goes with the notice; focus would fall to the page's body.
                        <button type="button" class="rd-button rd-button-secondary" on:click=move |_| { st.notices.set(Vec::new()); focus_main(); }>"閉じる"</button>
                    </div>
                })
            }}
        </div>
    }
}

#[component]
fn Footer(named: Option<String>) -> impl IntoView {
    let st = expect_context::<AppState>();
    let report = st.report();
    let meta = &report.report;
    let sha = meta.source.sha256.chars().take(12).collect::<String>();
    let text = format!("データ: {}時点の報告書 ／ 出典ファイル {}（SHA-256 {}…）", meta.label, meta.source.name, sha);
    view! {
        <footer class="rd-footer">
            <p data-testid="provenance">{text}</p>
            <p data-testid="app-version">"アプリ版 " {APP_VERSION}</p>
            <OpenReport named />
        </footer>
    }
}

/// The whole dashboard at its start view (the overview) as HTML, rendered natively with the same
/// components: `bin/prerender.rs` puts it into index.html for the first paint.
#[cfg(feature = "ssr")]
pub fn start_view_html() -> String {
    let owner = Owner::new();
    owner.with(|| view! { <App /> }.to_html())
}
