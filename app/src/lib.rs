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
mod data_module;
mod detail;
mod dialog;
mod download;
mod edition_bar;
mod echarts;
mod explore;
mod heatmap;
mod help;
mod highlight;
mod kpi;
mod kpi_parts;
mod named_report;
mod on_demand;
mod open_data;
mod open_report;
pub mod overview;
mod share;
pub mod shell;
mod source_dialog;
mod source_loader;
pub mod state;

use std::any::Any;
use std::cell::RefCell;

use leptos::prelude::{AnyView, IntoAny};
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
    mount_with(|| shell::App().into_any());
    static FIRST: std::sync::Once = std::sync::Once::new();
    FIRST.call_once(|| leptos::prelude::request_animation_frame(bring_host_anchor_into_view));
}

/// Mounts the app again (another report or other editions) in the next task: not from inside
/// the handler of the view that is about to go away.
pub(crate) fn remount_soon() {
    gloo::timers::callback::Timeout::new(0, mount).forget();
}

/// A link into the host page below the dashboard (`page.html#contact`): the browser scrolled
/// to that element when the page loaded, while the dashboard was still a loading message (at
/// the top of a page that short, not at all); then the app grew above it and pushed it out of
/// view. Once the app is drawn, the element is brought into view again. Not for the
/// dashboard's own `#rd/…` views or elements inside it, nor after a reload or Back, where the
/// browser puts back where the reader was.
fn bring_host_anchor_into_view() {
    let window = gloo::utils::window();
    let hash = window.location().hash().unwrap_or_default();
    if hash.len() < 2 || hash.starts_with(reform::query::route::PREFIX) || !first_visit() {
        return;
    }
    let fragment = &hash[1..];
    let name = js_sys::decode_uri_component(fragment).ok().and_then(|n| n.as_string()).unwrap_or_else(|| fragment.to_string());
    let (Some(host), Some(target)) = (host(), fragment_target(&name)) else { return };
    let below = host.compare_document_position(&target) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0;
    if below && !host.contains(Some(&target)) {
        target.scroll_into_view();
    }
}

/// The element a fragment names, as the browser finds it: the one with that id, else an `<a>`
/// with that name.
fn fragment_target(name: &str) -> Option<web_sys::Element> {
    let document = gloo::utils::document();
    document.get_element_by_id(name).or_else(|| {
        let named = document.get_elements_by_name(name);
        (0..named.length()).filter_map(|i| named.item(i)?.dyn_into::<web_sys::HtmlAnchorElement>().ok()).next().map(Into::into)
    })
}

/// The page was opened by following a link or typing its address, not reloaded or reached by
/// Back or Forward (the browser's navigation record; a browser without one counts as opened).
fn first_visit() -> bool {
    let entry = gloo::utils::window().performance().map(|p| p.get_entries_by_type("navigation").get(0));
    let kind = entry.and_then(|e| js_sys::Reflect::get(&e, &"type".into()).ok()).and_then(|t| t.as_string());
    kind.is_none_or(|k| k == "navigate")
}

/// Replaces what the host element holds with `view` (the app, or a message about a named
/// report), dropping whatever was mounted before.
pub(crate) fn mount_with(view: impl FnOnce() -> AnyView + 'static) {
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
    // page until the app replaces them; a file already chosen in the snapshot goes to the app.
    open_report::keep_early_choice(&host);
    host.set_inner_html("");
    let handle = leptos::mount::mount_to(host, view);
    MOUNTED.with(|m| *m.borrow_mut() = Some(Box::new(handle)));
}

/// The wasm entry point (`main.rs`). The start-up script begins it once the pre-rendered
/// overview's paint is recorded (`scripts/package.mjs`, both starters).
pub fn start() {
    console_error_panic_hook::set_once();
    read_then_mount();
}

/// Shows the report the page comes with again (the way back from an opened one).
pub(crate) fn start_again() {
    read_then_mount();
}

/// The first mount in two tasks: the embedded report (or the one the page holds, `data.rs`) is
/// read in this one, the app drawn in the next, so the page never waits on both at once. A host
/// naming its report file gets that file instead (`named_report.rs`); the embedded one is then
/// not read.
fn read_then_mount() {
    // The previous editions to compare with are read first: the first drawing already shows
    // the changes, and nothing moves under the reader afterwards. Those the host element names
    // (`data-previous`, one or several) come before one the page holds (`#reform-previous`).
    let previous = named_report::named_previous();
    if previous.is_empty() {
        data::hold_page_previous();
        read_current_then_mount();
    } else {
        wasm_bindgen_futures::spawn_local(async move {
            for name in previous {
                named_report::load_previous(name).await;
            }
            read_current_then_mount();
        });
    }
}

/// The report the host element names, else the embedded one (or the page's own); the files the
/// reader opened before a reload join them on the shelf at the mount (`data.rs`).
fn read_current_then_mount() {
    if let Some(name) = named_report::named() {
        wasm_bindgen_futures::spawn_local(named_report::mount_named(name));
        return;
    }
    data::read_embedded_ahead();
    gloo::timers::callback::Timeout::new(0, mount).forget();
}
