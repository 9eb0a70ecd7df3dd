//! The data module (crate `reform-data`): the published files, the views' CSV downloads and the
//! Excel workbook, made from the report's JSON text by a second wasm module that the page loads
//! on the first file asked for (`on_demand.rs`), so the dashboard's own wasm does not carry
//! them. [`FileButton`] is every button that saves such a file: it says 「準備しています…」
//! while the module loads, then saves; what fails is said in Japanese where the view shows it.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::on_demand::{Library, OnDemand};

thread_local! {
    /// Leaked once per page: a load's callbacks hold it for as long as the page lives.
    static DATA: &'static OnDemand = Box::leak(Box::new(OnDemand::new("データファイルのモジュール")));
}

fn data() -> &'static OnDemand {
    DATA.with(|d| *d)
}

/// Called by the start-up script with a function that returns a promise of the data module,
/// initialised (its wasm instantiated).
#[wasm_bindgen(js_name = provideDataModule)]
pub fn provide_data_module(loader: js_sys::Function) {
    data().provide(loader);
}

/// Starts loading the module once; later calls do nothing.
pub fn request() {
    data().request();
}

/// Where the module is, tracked.
pub fn state_tracked() -> Library {
    data().state_tracked()
}

/// The message for a module that could not be loaded.
pub const UNAVAILABLE: &str = "データファイルを作る部品を読み込めませんでした。ページを読み込み直してから、もう一度お試しください。";

/// `name(...args)` of the loaded module. Call only once [`state_tracked`] is `Ready`.
pub fn call(name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let module = data().module().ok_or_else(|| UNAVAILABLE.to_string())?;
    crate::on_demand::call(&module, name, args)
}

/// The workbook's MIME type (its file name comes from the module, with the report's year).
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A file to make: the module's function over the report's JSON text and, for a view's CSV,
/// the ids of the rows it lists; the name to save it under and its MIME type.
#[derive(Clone, Debug)]
pub struct FileRequest {
    pub export: &'static str,
    pub report_json: Arc<str>,
    pub ids: Option<Vec<String>>,
    pub file_name: String,
    pub mime: &'static str,
}

impl FileRequest {
    /// A CSV download of a view: `export(report_json, ids)` saved as `file_name`.
    pub fn csv(export: &'static str, report_json: Arc<str>, ids: &[&str], file_name: &str) -> FileRequest {
        let ids = Some(ids.iter().map(|id| id.to_string()).collect());
        FileRequest { export, report_json, ids, file_name: file_name.into(), mime: "text/csv;charset=utf-8" }
    }

    /// Makes the file with the loaded module and saves it.
    fn save(&self) -> Result<(), String> {
        let mut args = vec![JsValue::from_str(&self.report_json)];
        if let Some(ids) = &self.ids {
            args.push(ids.iter().map(|id| JsValue::from_str(id)).collect::<js_sys::Array>().into());
        }
        let made = call(self.export, &args)?;
        match made.as_string() {
            Some(text) => crate::download::save(&self.file_name, self.mime, &text),
            None => crate::download::save_bytes(&self.file_name, self.mime, &js_sys::Uint8Array::new(&made)),
        }
    }
}

/// A button that saves the file `make` describes at the time of the click. The first click
/// loads the module (the label says 「準備しています…」 meanwhile); `error` gets what failed.
#[component]
pub fn FileButton(
    label: &'static str,
    testid: &'static str,
    #[prop(default = "rd-button")] class: &'static str,
    /// Boxed, not generic: one copy of the button's code serves every use.
    make: Box<dyn Fn() -> FileRequest>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let pending = RwSignal::new(None::<FileRequest>);
    // The click that loaded the module is saved when it arrives.
    Effect::new(move |_| {
        let state = state_tracked();
        if pending.with_untracked(Option::is_none) {
            return;
        }
        match state {
            Library::Ready => error.set(pending.try_update(Option::take).flatten().and_then(|r| r.save().err())),
            Library::Failed => {
                pending.set(None);
                error.set(Some(UNAVAILABLE.into()));
            }
            Library::Idle | Library::Loading => {}
        }
    });
    let click = move |_| {
        let request = make();
        match data().state() {
            Library::Ready => error.set(request.save().err()),
            Library::Failed => error.set(Some(UNAVAILABLE.into())),
            Library::Idle | Library::Loading => {
                error.set(None);
                pending.set(Some(request));
                self::request();
            }
        }
    };
    let preparing = move || pending.with(Option::is_some);
    view! {
        <button type="button" class=class data-testid=testid on:click=click aria-busy=move || preparing().to_string()>
            {move || if preparing() { "準備しています…" } else { label }}
        </button>
    }
}

/// One file the 「データ」 page offers, as the module describes it.
#[derive(Clone, Debug)]
pub struct OfferedFile {
    pub file_name: String,
    pub title_ja: String,
    pub description_ja: String,
    pub records_ja: String,
    pub size_ja: String,
    pub mime: String,
    /// The file's text; `None` for the workbook, made when asked for.
    pub text: Option<String>,
}

impl OfferedFile {
    fn read(value: &JsValue) -> OfferedFile {
        let field = |key: &str| js_sys::Reflect::get(value, &key.into()).ok().and_then(|v| v.as_string());
        OfferedFile {
            file_name: field("file_name").unwrap_or_default(),
            title_ja: field("title_ja").unwrap_or_default(),
            description_ja: field("description_ja").unwrap_or_default(),
            records_ja: field("records_ja").unwrap_or_default(),
            size_ja: field("size_ja").unwrap_or_default(),
            mime: field("mime").unwrap_or_default(),
            text: field("text"),
        }
    }
}

/// What the 「データ」 page shows: the workbook first, then every published file, with the
/// source and the licence. Call once the module is `Ready`.
pub struct DataPage {
    pub source_ja: String,
    pub licence_ja: String,
    pub files: Vec<OfferedFile>,
}

pub fn data_page(report_json: &str) -> Result<DataPage, String> {
    let report_json = JsValue::from_str(report_json);
    let about = call("about", std::slice::from_ref(&report_json))?;
    let field = |key: &str| js_sys::Reflect::get(&about, &key.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let mut files = vec![OfferedFile::read(&call("workbook_offer", std::slice::from_ref(&report_json))?)];
    files.extend(js_sys::Array::from(&call("offers", std::slice::from_ref(&report_json))?).iter().map(|o| OfferedFile::read(&o)));
    Ok(DataPage { source_ja: field("source_ja"), licence_ja: field("licence_ja"), files })
}
