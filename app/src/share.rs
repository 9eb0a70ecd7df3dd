//! 「このビューを共有」: the link to the view on screen, and the iframe code that embeds it in
//! another page (`reform::query::share` builds both). From a file (file://) it gives the link
//! and explains that embedding needs the copy on a web server.

use leptos::prelude::*;
use reform::query::{route, share};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::dialog::{focus_target, Modal};
use crate::state::AppState;

#[component]
pub fn ShareButton() -> impl IntoView {
    let st = expect_context::<AppState>();
    view! {
        <button type="button" class="rd-button rd-button-secondary rd-share-btn" aria-haspopup="dialog" data-testid="share-button" disabled=!crate::IN_BROWSER
            on:click=move |ev| { focus_target(&ev); st.share_open.set(true); }>"このビューを共有"</button>
    }
}

#[component]
pub fn ShareDialog() -> impl IntoView {
    let st = expect_context::<AppState>();
    move || {
        st.share_open.get().then(|| {
            let close = Callback::new(move |_| st.share_open.set(false));
            let route = st.route.get_untracked();
            // The view on screen, even in the frame before the address follows a change.
            let href = route::with_hash(&gloo::utils::window().location().href().unwrap_or_default(), &route::to_hash(&route));
            let link = share::link(&href);
            let local = share::is_local_file(&href);
            let report = st.report();
            let what = match &route.open {
                Some(id) => format!("{}・取組 {id}", route.view.label_ja()),
                None => route.view.label_ja().to_string(),
            };
            let title = format!("{}（{what}）", report.report.title);
            let code = (!local).then(|| share::embed_code(&share::embed_src(&href), &title, share::embed_height(embedded_height())));
            let status = RwSignal::new(String::new());
            let link_for_copy = link.clone();
            view! {
                <Modal heading="このビューを共有" heading_id="rd-share-h" on_close=close testid="share-dialog">
                    <div class="rd-dialog-body rd-share">
                        <p>"表示中の画面（" {what.clone()} "、絞り込みと並び順を含む）をそのまま開けます。"</p>
                        <label for="rd-share-link">"リンク"</label>
                        <input id="rd-share-link" class="rd-input" type="text" readonly prop:value=link data-testid="share-link" />
                        <button type="button" class="rd-button" data-testid="copy-link"
                            on:click=move |_| copy(link_for_copy.clone(), "rd-share-link", "リンクをコピーしました。", status)>"リンクをコピー"</button>
                        {match code {
                            Some(code) => {
                                let code_for_copy = code.clone();
                                view! {
                                    <h3>"埋め込みコード"</h3>
                                    <p>"ウェブページの HTML に貼り付けると、この画面がダッシュボードの見出しとフッターなしで表示されます。"</p>
                                    <label for="rd-share-code">"コード（iframe）"</label>
                                    <textarea id="rd-share-code" class="rd-input rd-code" readonly rows="4" data-testid="embed-code" prop:value=code></textarea>
                                    <button type="button" class="rd-button" data-testid="copy-embed"
                                        on:click=move |_| copy(code_for_copy.clone(), "rd-share-code", "埋め込みコードをコピーしました。", status)>"埋め込みコードをコピー"</button>
                                }
                                .into_any()
                            }
                            None => view! {
                                <p class="rd-notice" data-testid="share-local">
                                    "このダッシュボードはパソコンの中のファイル（file://）として開かれています。"
                                    "このリンクは、同じ場所に同じファイルがあるパソコンでだけ開けます。"
                                    "ウェブページに埋め込むには、ウェブサーバーに置いたダッシュボード（dist/web）を開き、そこで「このビューを共有」を押してください。"
                                </p>
                            }
                            .into_any(),
                        }}
                        <p class="rd-share-status" role="status" aria-live="polite" data-testid="share-status">{move || status.get()}</p>
                    </div>
                </Modal>
            }
        })
    }
}

/// Height of what the iframe shows (the view tabs and the view; embed mode hides the title and
/// footer), as laid out now: a sum of rendered boxes, which only the browser knows.
fn embedded_height() -> f64 {
    let document = gloo::utils::document();
    [".rd-nav", ".rd-main"]
        .iter()
        .filter_map(|s| document.query_selector(s).ok().flatten())
        .map(|el| el.get_bounding_client_rect().height())
        .sum()
}

/// Copies `text` with the Clipboard API where the page may use it; elsewhere (plain http, some
/// file:// pages) selects the field and uses the older copy command, and says what happened.
fn copy(text: String, field: &'static str, done: &'static str, status: RwSignal<String>) {
    let navigator = gloo::utils::window().navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has_clipboard {
        return status.set(copy_by_selection(field, done));
    }
    let promise = navigator.clipboard().write_text(&text);
    leptos::task::spawn_local(async move {
        status.set(match JsFuture::from(promise).await {
            Ok(_) => done.to_string(),
            Err(_) => copy_by_selection(field, done),
        });
    });
}

fn copy_by_selection(field: &str, done: &str) -> String {
    let document = gloo::utils::document();
    if let Some(el) = document.get_element_by_id(field) {
        if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            input.select();
        } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            area.select();
        }
    }
    let copied = document.dyn_ref::<web_sys::HtmlDocument>().and_then(|d| d.exec_command("copy").ok()).unwrap_or(false);
    if copied {
        done.to_string()
    } else {
        "自動でコピーできませんでした。欄の文字を選択してあります。Ctrl+C（Mac は ⌘+C）でコピーしてください。".to_string()
    }
}
