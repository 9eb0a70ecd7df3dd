//! The reform-progress dashboard in the browser. See ARCHITECTURE.md for the map.
//!
//! Start-up (`main.rs`, wasm): find the host element, replace what it holds (the loading
//! message, or the overview pre-rendered into index.html by `bin/prerender.rs`) with the app.
//! Without the element the app touches nothing in the page and says so in the console.
//! Everything the app shows is computed from the report by `reform::query`.

// The explorer's view type is deep; rendering it to HTML natively (pre-render) needs more room.
#![recursion_limit = "512"]

mod chart;
pub mod data;
mod detail;
mod dialog;
mod download;
mod echarts;
mod explore;
mod heatmap;
mod help;
mod highlight;
mod kpi;
mod kpi_chart;
mod kpi_parts;
mod open_report;
pub mod overview;
mod share;
pub mod shell;
mod source_dialog;
mod source_loader;
pub mod state;

use std::any::Any;
use std::cell::RefCell;

use wasm_bindgen::JsCast;

/// `false` while `bin/prerender.rs` renders the start view natively: there is no window, no
/// URL and nothing to listen to, and the snapshot is the plain start view.
pub(crate) const IN_BROWSER: bool = cfg!(target_arch = "wasm32");

/// The element web staff put in their page (the hosted index.html has it too).
pub const HOST_ID: &str = "reform-dashboard";

thread_local! {
    /// Dropping the handle unmounts the app (used to show another report).
    static MOUNTED: RefCell<Option<Box<dyn Any>>> = RefCell::new(None);
}

pub fn host() -> Option<web_sys::HtmlElement> {
    gloo::utils::document().get_element_by_id(HOST_ID).map(JsCast::unchecked_into)
}

/// (Re)mounts the app with the current report. Dropping the previous handle disposes of its
/// reactive owner, and with it the previous report, explorer and charts.
pub fn mount() {
    MOUNTED.with(|m| drop(m.borrow_mut().take()));
    let Some(host) = host() else {
        web_sys::console::error_1(
            &format!(
                "reform-dashboard: <div id=\"{HOST_ID}\"> がページにないため、ダッシュボードを表示しません。\
                 Add <div id=\"{HOST_ID}\"></div> where the dashboard should appear."
            )
            .into(),
        );
        return;
    };
    // The pre-rendered snapshot (or a host page's loading message) and <noscript> stay in the
    // page until the app replaces them.
    host.set_inner_html("");
    let handle = leptos::mount::mount_to(host, shell::App);
    MOUNTED.with(|m| *m.borrow_mut() = Some(Box::new(handle)));
}

/// The wasm entry point (`main.rs`). The start-up script begins it once the pre-rendered
/// overview's paint is recorded (`scripts/package.mjs`, both starters).
pub fn start() {
    console_error_panic_hook::set_once();
    read_then_mount();
}

/// The first mount in two tasks: the embedded report is read in this one, the app drawn in the
/// next, so the page never waits on both at once.
fn read_then_mount() {
    if let Some(name) = host().and_then(|h| h.get_attribute("data-report")).filter(|n| !n.trim().is_empty()) {
        wasm_bindgen_futures::spawn_local(mount_named_report(name));
        return;
    }
    data::read_embedded_ahead();
    gloo::timers::callback::Timeout::new(0, mount).forget();
}

/// `<div id="reform-dashboard" data-report="reports/r6.json">`: web staff publish next year's
/// report by uploading its JSON. It is fetched from the page's own site and checked by the same
/// loader as a file a person opens. When it cannot be shown, the page says why and names the
/// file; the bundled report is never shown in its place.
async fn mount_named_report(name: String) {
    if let Some(host) = host() {
        show_message(&host, "status", "報告書を読み込んでいます", &format!("報告書ファイル「{name}」を読み込んでいます…"));
    }
    let loaded = match fetch_same_origin(&name).await {
        Ok(json) => data::open(&name, &json).map_err(|e| format!("報告書ファイル「{name}」の内容を読めませんでした：{e}")),
        Err(why) => Err(why),
    };
    match (loaded, host()) {
        (Ok(()), _) => mount(),
        (Err(why), Some(host)) => show_message(
            &host,
            "alert",
            "報告書ファイルを表示できません",
            &format!("{why}　ページの data-report 属性のファイル名と、そのファイルがサーバーにあることを確かめてください。"),
        ),
        (Err(why), None) => web_sys::console::error_1(&why.into()),
    }
}

/// The text of `name`, resolved against the page's address; only from the page's own site.
async fn fetch_same_origin(name: &str) -> Result<String, String> {
    let window = gloo::utils::window();
    let page = window.location().href().unwrap_or_default();
    let url = web_sys::Url::new_with_base(name, &page).map_err(|_| format!("「{name}」はファイルの場所として読めません。"))?;
    let own = window.location().origin().unwrap_or_default();
    if url.protocol() == "file:" || own == "null" {
        return Err(format!(
            "報告書ファイル「{name}」は、ウェブサーバーに置いたダッシュボードからだけ読み込めます（このページはファイルとして開かれています）。「報告書を開く」で選んでください。"
        ));
    }
    if url.origin() != own {
        return Err(format!("報告書ファイル「{name}」は別のサイト（{}）にあります。ダッシュボードと同じサイトに置いてください。", url.origin()));
    }
    let failed = |e: wasm_bindgen::JsValue| format!("報告書ファイル「{name}」を取得できませんでした（{}）。", e.as_string().unwrap_or_else(|| "通信エラー".into()));
    let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&url.href())).await.map_err(failed)?.unchecked_into();
    if !response.ok() {
        return Err(format!("報告書ファイル「{name}」を取得できませんでした（HTTP {} {}）。", response.status(), response.status_text()));
    }
    let text = wasm_bindgen_futures::JsFuture::from(response.text().map_err(failed)?).await.map_err(failed)?;
    Ok(text.as_string().unwrap_or_default())
}

/// Replaces what the host element holds with a heading and a sentence, as text (never HTML).
fn show_message(host: &web_sys::HtmlElement, role: &str, heading: &str, text: &str) {
    let document = gloo::utils::document();
    let make = |tag: &str| document.create_element(tag).expect("a standard element");
    let (root, main, box_, h1, p) = (make("div"), make("main"), make("div"), make("h1"), make("p"));
    root.set_class_name("rd");
    let _ = root.set_attribute("lang", "ja");
    main.set_class_name("rd-main");
    box_.set_class_name(if role == "alert" { "rd-error" } else { "rd-loading" });
    let _ = box_.set_attribute("role", role);
    let _ = box_.set_attribute("data-testid", "report-message");
    h1.set_text_content(Some(heading));
    p.set_text_content(Some(text));
    let _ = box_.append_child(&h1);
    let _ = box_.append_child(&p);
    let _ = main.append_child(&box_);
    let _ = root.append_child(&main);
    host.set_inner_html("");
    let _ = host.append_child(&root);
}
