//! The import workbench (「報告書の取り込み」): the report's owners give the text of next year's
//! report, review what was read, settle the warnings, preview the dashboard and export it, in the
//! browser, with nothing leaving the machine. Every judgement is `reform::renewal`'s; these
//! components only show a [`Session`] and pass clicks on. See ARCHITECTURE.md.

mod decisions;
mod exports;
mod files;
mod matches;
mod summary;

use std::cell::RefCell;
use std::sync::Arc;

use leptos::prelude::*;
use reform::model::Report;
use reform::normalize::overrides;
use reform::renewal::session::Session;
use wasm_bindgen::prelude::*;

/// The element the page gives the workbench.
pub const HOST_ID: &str = "reform-import";

/// The dashboard's report and overrides when this workbench was built: last year's, until the
/// owner gives others.
const BUNDLED_REPORT: &str = include_str!("../../data/initiatives.json");
const BUNDLED_OVERRIDES: &str = include_str!("../../data/overrides.json");

thread_local! {
    /// Gives the offline dashboard's template (a promise of its text): the start-up script
    /// fetches it beside the page, or inflates the copy the offline file holds.
    static TEMPLATE: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

#[wasm_bindgen(js_name = provideTemplate)]
pub fn provide_template(loader: js_sys::Function) {
    TEMPLATE.with(|t| *t.borrow_mut() = Some(loader));
}

/// The template's text, or why there is none.
pub(crate) async fn template() -> Result<String, String> {
    let loader = TEMPLATE.with(|t| t.borrow().clone()).ok_or("このページにはダッシュボードのひな形がありません（import.html から開いてください）。")?;
    let promise: js_sys::Promise = loader.call0(&JsValue::NULL).map_err(|_| "ひな形を読み込めません。")?.unchecked_into();
    let text = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(|e| format!("ひな形を読み込めません（{e:?}）。"))?;
    text.as_string().ok_or_else(|| "ひな形が文字列ではありません。".into())
}

/// Last year's report and overrides as this workbench came with them.
fn bundled() -> Session {
    let previous = Report::from_json(BUNDLED_REPORT)
        .ok()
        .map(|r| (format!("ダッシュボードの現在の報告書（{}）", r.report.label), Arc::new(r), Arc::from(BUNDLED_REPORT)));
    let overrides = overrides::parse(BUNDLED_OVERRIDES).ok().map(|o| ("overrides.json".to_string(), o));
    Session::new(overrides, previous)
}

/// What the page says after each step: what was taken, or what went wrong and what to do.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Notice {
    Done(String),
    Problem(String),
}

/// Takes a step on the session (a decision, a match, a removal) and says how it went: `said`
/// words what was done; the text is read again by the step itself.
pub(crate) fn step(take: impl FnOnce(&mut Session) -> Result<String, String>, said: impl FnOnce(String) -> String) {
    let session = expect_context::<RwSignal<Session>>();
    let notice = expect_context::<RwSignal<Option<Notice>>>();
    let Some(result) = session.try_update(take) else { return };
    notice.set(Some(match result {
        Ok(done) => Notice::Done(format!("{}。テキストを読み直しました。", said(done))),
        Err(why) => Notice::Problem(why),
    }));
}

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    let Some(host) = gloo::utils::document().get_element_by_id(HOST_ID) else {
        web_sys::console::error_1(&format!("reform-import: <div id=\"{HOST_ID}\"> がページにありません。").into());
        return;
    };
    host.set_inner_html("");
    leptos::mount::mount_to(host.unchecked_into(), Workbench).forget();
}

#[component]
fn Workbench() -> impl IntoView {
    let session = RwSignal::new(bundled());
    let notice = RwSignal::new(None::<Notice>);
    provide_context(session);
    provide_context(notice);
    let has_run = move || session.with(|s| s.review().is_some());
    view! {
        <main class="wb" lang="ja" on:dragover=files::allow_drop on:drop=move |ev| files::dropped(ev, session, notice)>
            <h1>"報告書の取り込み"</h1>
            <p class="wb-lead">
                "新しい年度の報告書から、ダッシュボードを作り直します。PDF から取り出したテキストを読み込み、読み取り結果を確かめ、"
                "警告に答えてから、報告書の JSON・調整ファイル・オフライン版ダッシュボードを保存します。ファイルはこのパソコンの外に出ません。"
            </p>
            <files::Inputs />
            <Show when=move || notice.get().is_some()>
                {move || match notice.get() {
                    Some(Notice::Done(text)) => view! { <p class="wb-done" role="status" data-testid="notice">{text}</p> }.into_any(),
                    Some(Notice::Problem(text)) => view! { <p class="wb-problem" role="alert" data-testid="notice">{text}</p> }.into_any(),
                    None => ().into_any(),
                }}
            </Show>
            {move || session.with(|s| match &s.outcome {
                Some(Err(why)) => view! { <p class="wb-problem" role="alert" data-testid="run-error">{why.clone()}</p> }.into_any(),
                _ => ().into_any(),
            })}
            <Show when=has_run>
                <summary::Summary />
                <matches::Matches />
                <decisions::Warnings />
                <exports::Exports />
            </Show>
        </main>
    }
}
