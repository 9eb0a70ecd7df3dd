//! ECharts itself: the few bindings charming 0.6 lacks (init with the Japanese locale,
//! `setOption` without merge, resize, dispose, `getDataURL`), and loading the library on demand.
//!
//! ECharts is not in the page at start-up. The start-up script hands the app a loader
//! ([`provide_charts`]); the first chart on screen calls it once, and every chart waiting for it
//! draws when it resolves. The first view (the overview) therefore never waits for ECharts.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[derive(Clone)]
    pub type Instance;

    /// Throws when ECharts cannot take the option (a series it does not know, a bad value):
    /// caught, so the chart says so instead of the error escaping into the page.
    #[wasm_bindgen(method, catch, js_name = setOption)]
    pub fn set_option(this: &Instance, option: &JsValue, opts: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method)]
    pub fn resize(this: &Instance);
    #[wasm_bindgen(method)]
    pub fn dispose(this: &Instance);
    /// The chart as an image: `data:image/png;base64,…`.
    #[wasm_bindgen(method, js_name = getDataURL)]
    pub fn get_data_url(this: &Instance, opts: &JsValue) -> String;
}

/// Where ECharts is: not asked for yet, on its way, here (the module), or unavailable.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Library {
    Idle,
    Loading,
    Ready,
    Failed,
}

thread_local! {
    static LOADER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    static MODULE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    /// Outlives any one mount of the app (the library stays loaded when another report opens).
    static LIBRARY: ArcRwSignal<Library> = ArcRwSignal::new(Library::Idle);
    /// Charts waiting for the loader to be provided.
    static WANTED: Cell<bool> = const { Cell::new(false) };
    /// Chart instances alive now (`liveChartCount`).
    static LIVE: Cell<u32> = const { Cell::new(0) };
}

pub fn library() -> Library {
    LIBRARY.with(|l| l.get_untracked())
}

/// Where the library is, tracked: an effect that reads it runs again when it arrives.
pub fn library_tracked() -> Library {
    LIBRARY.with(|l| l.get())
}

fn set_library(state: Library) {
    LIBRARY.with(|l| l.set(state));
}

/// Called by the start-up script with a function that returns a promise of the ECharts module
/// (`() => import('./echarts-….mjs')`). Charts already on screen start loading it now.
#[wasm_bindgen(js_name = provideCharts)]
pub fn provide_charts(loader: js_sys::Function) {
    LOADER.with(|l| *l.borrow_mut() = Some(loader));
    if WANTED.with(Cell::get) {
        request_library();
    }
}

/// Starts loading ECharts once; later calls do nothing.
pub fn request_library() {
    if library() != Library::Idle {
        return;
    }
    let Some(loader) = LOADER.with(|l| l.borrow().clone()) else {
        WANTED.with(|w| w.set(true));
        return;
    };
    set_library(Library::Loading);
    let promise = match loader.call0(&JsValue::NULL).map(js_sys::Promise::from) {
        Ok(p) => p,
        Err(_) => return set_library(Library::Failed),
    };
    let on_ok = Closure::once(|module: JsValue| {
        MODULE.with(|m| *m.borrow_mut() = Some(module));
        set_library(Library::Ready);
    });
    let on_err = Closure::once(|e: JsValue| {
        web_sys::console::error_2(&"reform-dashboard: グラフの描画ライブラリを読み込めません".into(), &e);
        set_library(Library::Failed);
    });
    let _ = promise.then2(&on_ok, &on_err);
    // Called at most once per page (the library is loaded once); the promise owns them now.
    on_ok.forget();
    on_err.forget();
}

/// The loaded ECharts module, or `undefined`: the browser tests and `make bench` read back
/// what a chart draws through it (`getInstanceByDom(el).getOption()`).
#[wasm_bindgen(js_name = chartsModule)]
pub fn charts_module() -> JsValue {
    MODULE.with(|m| m.borrow().clone()).unwrap_or(JsValue::UNDEFINED)
}

/// `echarts.init(el, theme, opts)` of the loaded module.
pub fn init(el: &web_sys::HtmlElement, opts: &JsValue) -> Result<Instance, JsValue> {
    let module = MODULE.with(|m| m.borrow().clone()).ok_or_else(|| JsValue::from_str("ECharts not loaded"))?;
    let init: js_sys::Function = js_sys::Reflect::get(&module, &"init".into())?.dyn_into()?;
    init.call3(&module, el, &JsValue::NULL, opts).map(JsCast::unchecked_into)
}


pub fn count_created() {
    LIVE.with(|c| c.set(c.get() + 1));
}

pub fn count_disposed() {
    LIVE.with(|c| c.set(c.get().saturating_sub(1)));
}

/// Chart instances alive now; navigating back and forth must not grow it (tests and bench read it).
#[wasm_bindgen(js_name = liveChartCount)]
pub fn live_chart_count() -> u32 {
    LIVE.with(Cell::get)
}

/// Bytes of wasm linear memory, for `make bench`.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>().buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64
}

pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}
