//! Preview and export: the report JSON, the overrides for next year, and a single-file offline
//! dashboard with the new edition (compared with last year's) in it, made here from the
//! dashboard's template (`reform::renewal::export`).

use std::io::Write;

use base64::Engine;
use leptos::prelude::*;
use reform::renewal::export::offline_dashboard;
use reform::renewal::session::Session;
use wasm_bindgen::JsCast;

use crate::Notice;

/// The offline dashboard of the session's report, or why it cannot be made.
async fn dashboard(session: RwSignal<Session>) -> Result<(String, String), String> {
    let template = crate::template().await?;
    session.with_untracked(|s| {
        let report = s.report_json().ok_or("先に報告書のテキストを読み込んでください。")?;
        let (_, decoded) = s.text.as_ref().ok_or("先に報告書のテキストを読み込んでください。")?;
        // The source text as the dashboard checks it: the bytes whose SHA-256 the report records.
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(decoded.text.as_bytes()).map_err(|e| e.to_string())?;
        let source = base64::engine::general_purpose::STANDARD.encode(gzip.finish().map_err(|e| e.to_string())?);
        let previous = s.previous.as_ref().map(|(_, _, json)| json.as_ref());
        let html = offline_dashboard(&template, &report, previous, &source).map_err(|e| e.to_string())?;
        Ok((s.file_name("reform-dashboard", "html"), html))
    })
}

fn blob_url(content: &str, mime: &str) -> Result<String, String> {
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let parts = js_sys::Array::of1(&content.into());
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props).map_err(|_| "ファイルを作れません。")?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "ファイルを作れません。".into())
}

/// Saves `content` as the file `name`, through a link the browser downloads.
fn save(name: &str, mime: &str, content: &str) -> Result<(), String> {
    let url = blob_url(content, mime)?;
    let document = gloo::utils::document();
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(|_| "保存できません。")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Later: a browser may read the blob after click() returns.
    gloo::timers::callback::Timeout::new(60_000, move || drop(web_sys::Url::revoke_object_url(&url))).forget();
    Ok(())
}

#[component]
pub fn Exports() -> impl IntoView {
    let session = expect_context::<RwSignal<Session>>();
    let notice = expect_context::<RwSignal<Option<Notice>>>();
    let preview = RwSignal::new(None::<String>);
    let say = move |result: Result<String, String>| notice.set(Some(result.map_or_else(Notice::Problem, Notice::Done)));
    let save_report = move |_| {
        say(session.with_untracked(|s| {
            let name = s.file_name("initiatives", "json");
            let json = s.report_json().ok_or("報告書がまだありません。")?;
            save(&name, "application/json", &json).map(|()| format!("{name} を保存しました。"))
        }))
    };
    let save_overrides = move |_| {
        say(session.with_untracked(|s| {
            let name = s.file_name("overrides", "json");
            let json = s.overrides_json().ok_or("報告書がまだありません。")?;
            save(&name, "application/json", &json).map(|()| format!("{name} を保存しました。来年度の取り込みで使います。"))
        }))
    };
    let save_dashboard = move |_| {
        notice.set(Some(Notice::Done("オフライン版を作っています…".into())));
        wasm_bindgen_futures::spawn_local(async move {
            say(dashboard(session).await.and_then(|(name, html)| {
                save(&name, "text/html", &html).map(|()| format!("{name} を保存しました。ダブルクリックで開けます。"))
            }))
        });
    };
    let show_preview = move |_| {
        notice.set(Some(Notice::Done("プレビューを作っています…".into())));
        wasm_bindgen_futures::spawn_local(async move {
            match dashboard(session).await.and_then(|(_, html)| blob_url(&html, "text/html")) {
                Ok(url) => {
                    if let Some(old) = preview.get_untracked() {
                        let _ = web_sys::Url::revoke_object_url(&old);
                    }
                    preview.set(Some(url));
                    notice.set(Some(Notice::Done("下にプレビューを表示しました。まだ何も保存していません。".into())));
                }
                Err(why) => notice.set(Some(Notice::Problem(why))),
            }
        });
    };
    let open_left = move || session.with(|s| s.review().map_or(0, |r| r.open_decisions()));
    view! {
        <section class="wb-step" aria-labelledby="wb-export">
            <h2 id="wb-export">"5. プレビューと保存"</h2>
            <Show when=move || { open_left() > 0 }>
                <p class="wb-problem" data-testid="open-left">{move || format!("まだ {} 件の警告が決まっていません。このまま保存すると、その数値はダッシュボードに出ません。", open_left())}</p>
            </Show>
            <p class="wb-buttons">
                <button type="button" class="wb-button" data-testid="preview" on:click=show_preview>"ダッシュボードをプレビュー"</button>
                <button type="button" class="wb-button" data-testid="save-dashboard" on:click=save_dashboard>"オフライン版ダッシュボードを保存"</button>
                <button type="button" class="wb-button wb-secondary" data-testid="save-report" on:click=save_report>"報告書の JSON を保存"</button>
                <button type="button" class="wb-button wb-secondary" data-testid="save-overrides" on:click=save_overrides>"調整ファイルを保存"</button>
            </p>
            <p class="wb-hint">
                "ウェブサイトで公開するときは、報告書の JSON をサーバーに置き、ダッシュボードの data-report 属性をそのファイル名にします（embed/README.md）。"
                "調整ファイルは来年度の取り込みのために保管してください。"
            </p>
            {move || preview.get().map(|url| view! {
                <iframe class="wb-preview" title="新しいダッシュボードのプレビュー" data-testid="preview-frame" src=url></iframe>
            })}
        </section>
    }
}
