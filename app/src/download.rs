//! Saving a generated file (CSV, a chart's PNG) from the browser, offline and from file:// too.

use wasm_bindgen::JsCast;

pub fn save(name: &str, mime: &str, content: &str) -> Result<(), String> {
    save_parts(name, mime, &js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content)))
}

/// Saves bytes (a workbook) under `name`.
pub fn save_bytes(name: &str, mime: &str, bytes: &js_sys::Uint8Array) -> Result<(), String> {
    save_parts(name, mime, &js_sys::Array::of1(bytes))
}

fn save_parts(name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &props).map_err(|_| "Blob を作れません")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "URL を作れません")?;
    save_url(name, &url);
    // Revoke later: some browsers read the blob after click() returns.
    let url_later = url.clone();
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url_later);
    })
    .forget();
    Ok(())
}

/// Saves what `url` (a blob: or data: URL) holds under `name`, through a temporary link.
pub fn save_url(name: &str, url: &str) {
    let document = gloo::utils::document();
    let Ok(a) = document.create_element("a") else { return };
    let a: web_sys::HtmlAnchorElement = a.unchecked_into();
    a.set_href(url);
    a.set_download(name);
    a.set_attribute("data-download", name).ok();
    let body = gloo::utils::body();
    body.append_child(&a).ok();
    a.click();
    body.remove_child(&a).ok();
}
