//! A report named by the host element: `<div id="reform-dashboard" data-report="reports/r6.json">`.
//! Web staff publish next year's report by uploading its JSON and writing its name there.
//!
//! The file is fetched from the page's own site and checked by the same loader as a file a person
//! opens (`data::open`). Until it is shown, the page says it is loading it; when it cannot be
//! shown, the page names the file and says why and what to do. The bundled report is never
//! shown in its place: only a button clearly labelled with the bundled report's year shows it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::data;
use crate::open_report::OPEN_LABEL;

/// The file the host element names, if any.
pub fn named() -> Option<String> {
    crate::host()?.get_attribute("data-report").map(|n| n.trim().to_string()).filter(|n| !n.is_empty())
}

/// The previous editions the host element names (`data-previous="reports/r5.json"`, or several
/// separated by spaces: `data-previous="reports/r4.json reports/r5.json"`), in any order.
pub fn named_previous() -> Vec<String> {
    let named = crate::host().and_then(|h| h.get_attribute("data-previous")).unwrap_or_default();
    named.split_whitespace().map(str::to_string).collect()
}

/// Fetches and checks the previous edition; the report on screen is shown whatever becomes of
/// it, and what went wrong is said as a notice.
pub async fn load_previous(name: String) {
    let json = fetch_same_origin(&name, "data-previous").await;
    data::hold_previous(&name, json);
}

/// Shows a loading message, then the named report, or why it cannot be shown.
pub async fn mount_named(name: String) {
    let loading = format!("報告書ファイル「{name}」を読み込んでいます…");
    crate::mount_with(move || view! { <Message role="status" heading="報告書を読み込んでいます" text=loading /> }.into_any());
    let checked = match fetch_same_origin(&name, "data-report").await {
        Ok(json) => data::open(&name, &json).map_err(|e| {
            format!("報告書ファイル「{name}」の内容を読めませんでした：{e}　報告書の JSON を作り直すか、正しいファイルに差し替えてください。")
        }),
        Err(why) => Err(why),
    };
    match checked {
        Ok(()) => crate::mount(),
        Err(why) => crate::mount_with(move || view! { <Unavailable why /> }.into_any()),
    }
}

/// The text of `name`, resolved against the page's address; only from the page's own site.
/// Each error names the file and the host element's `attribute`, and says what to do.
async fn fetch_same_origin(name: &str, attribute: &str) -> Result<String, String> {
    let window = gloo::utils::window();
    let page = window.location().href().unwrap_or_default();
    let url = web_sys::Url::new_with_base(name, &page).map_err(|_| {
        format!("{attribute} 属性の「{name}」はファイルの場所として読めません。ページからの相対パスか、/ から始まるパスを書いてください。")
    })?;
    let own = window.location().origin().unwrap_or_default();
    // A page opened as a file has no site to fetch from (its origin is "null").
    if url.protocol() == "file:" || own == "null" {
        return Err(format!(
            "このページはファイルとして開かれているため、報告書ファイル「{name}」を読み込めません。\
             ウェブサーバーに置いたダッシュボードで開いてください。手元で見るには、下のボタンで組み込みの報告書を表示してから、\
             画面下部の「{OPEN_LABEL}」でこのファイルを選んでください。"
        ));
    }
    if url.origin() != own {
        return Err(format!(
            "報告書ファイル「{name}」は別のサイト（{}）にあるため読み込みません。ダッシュボードと同じサイトに置き、{attribute} 属性をそのパスにしてください。",
            url.origin()
        ));
    }
    let failed = |_| format!("報告書ファイル「{name}」を取得できませんでした（通信エラー）。ネットワークの接続を確かめて、ページを再読み込みしてください。");
    // The file keeps its name from year to year: ask the server whether it changed every time,
    // whatever caching the server announces.
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoCache);
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(window.fetch_with_str_and_init(&url.href(), &init)).await.map_err(failed)?.unchecked_into();
    if !response.ok() {
        return Err(format!(
            "報告書ファイル「{name}」を取得できませんでした（HTTP {} {}）。ファイルがサーバーのその場所にあるか、{attribute} 属性のファイル名が合っているかを確かめてください。",
            response.status(),
            response.status_text()
        ));
    }
    let text = wasm_bindgen_futures::JsFuture::from(response.text().map_err(failed)?).await.map_err(failed)?;
    Ok(text.as_string().unwrap_or_default())
}

#[component]
fn Message(role: &'static str, heading: &'static str, text: String, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    view! {
        <div class="rd" lang="ja">
            <main class="rd-main">
                <div class=if role == "alert" { "rd-error" } else { "rd-loading" } role=role data-testid="report-message">
                    <h1>{heading}</h1>
                    <p>{text}</p>
                </div>
                {children.map(|c| c())}
            </main>
        </div>
    }
}

/// Why the named report cannot be shown, and a way to the bundled one that says which it is.
#[component]
fn Unavailable(why: String) -> impl IntoView {
    let bundled = format!("{}を表示する", data::embedded_name());
    let show_bundled = |_| crate::remount_soon();
    view! {
        <Message role="alert" heading="報告書ファイルを表示できません" text=why>
            <p>
                <button type="button" class="rd-button rd-button-secondary" data-testid="show-bundled" on:click=show_bundled>{bundled}</button>
            </p>
        </Message>
    }
}
