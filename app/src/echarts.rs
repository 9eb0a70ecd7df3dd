//! ECharts itself: the few bindings charming 0.6 lacks (init with the Japanese locale,
//! `setOption` without merge, resize, dispose, `getDataURL`), and loading the library on demand.
//!
//! ECharts is not in the page at start-up. The start-up script hands the app a loader
//! ([`provide_charts`]); the first chart on screen calls it once, and every chart waiting for it
//! draws when it resolves (`on_demand.rs`). The first view (the overview) never waits for it.

use std::cell::Cell;

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

pub use crate::on_demand::Library;
use crate::on_demand::OnDemand;

thread_local! {
    /// Leaked once per page: a load's callbacks hold it for as long as the page lives.
    static CHARTS: &'static OnDemand = Box::leak(Box::new(OnDemand::new("グラフの描画ライブラリ")));
    /// Chart instances alive now (`liveChartCount`).
    static LIVE: Cell<u32> = const { Cell::new(0) };
}

fn charts() -> &'static OnDemand {
    CHARTS.with(|c| *c)
}

pub fn library() -> Library {
    charts().state()
}

/// Where the library is, tracked: an effect that reads it runs again when it arrives.
pub fn library_tracked() -> Library {
    charts().state_tracked()
}

/// Called by the start-up script with a function that returns a promise of the ECharts module
/// (`() => import('./echarts-….mjs')`). Charts already on screen start loading it now.
#[wasm_bindgen(js_name = provideCharts)]
pub fn provide_charts(loader: js_sys::Function) {
    charts().provide(loader);
}

/// Starts loading ECharts once; later calls do nothing.
pub fn request_library() {
    charts().request();
}

/// The loaded ECharts module, or `undefined`: the browser tests and `make bench` read back
/// what a chart draws through it (`getInstanceByDom(el).getOption()`).
#[wasm_bindgen(js_name = chartsModule)]
pub fn charts_module() -> JsValue {
    charts().module().unwrap_or(JsValue::UNDEFINED)
}

/// `echarts.init(el, theme, opts)` of the loaded module.
pub fn init(el: &web_sys::HtmlElement, opts: &JsValue) -> Result<Instance, JsValue> {
    let module = charts().module().ok_or_else(|| JsValue::from_str("ECharts not loaded"))?;
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
