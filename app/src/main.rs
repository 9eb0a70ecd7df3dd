//! The reform-progress dashboard in the browser. See ARCHITECTURE.md for the map.
//!
//! Start-up: find the host element (or the body), replace its loading message with the app.
//! Everything the app shows is computed from the embedded report by `reform::query`.

mod chart;
mod data;
mod detail;
mod download;
mod explore;
mod heatmap;
mod help;
mod highlight;
mod kpi;
mod kpi_chart;
mod kpi_parts;
mod overview;
mod shell;
mod state;

use wasm_bindgen::JsCast;

/// The element web staff put in their page; without it the app takes the body.
const HOST_ID: &str = "reform-dashboard";

fn main() {
    console_error_panic_hook::set_once();
    let document = gloo::utils::document();
    let host: web_sys::HtmlElement = match document.get_element_by_id(HOST_ID) {
        Some(el) => el.unchecked_into(),
        None => gloo::utils::body(),
    };
    // The static loading message and <noscript> stay in the page until the app replaces them.
    host.set_inner_html("");
    leptos::mount::mount_to(host, shell::App).forget();
}
