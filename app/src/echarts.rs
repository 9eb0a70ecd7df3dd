//! What draws a chart, loaded on demand: ECharts itself, with the few bindings the dashboard
//! uses (init with the Japanese locale, `setOption` without merge, resize, dispose,
//! `getDataURL`), and the chart module (crate `reform-charts`), which turns a chart's spec
//! (`reform::query::chart_spec`) into the ECharts option with charming.
//!
//! Neither is in the page at start-up. The start-up script hands the app a loader for each
//! ([`provide_charts`], [`provide_chart_module`]); the first chart on screen calls both once,
//! and every chart waiting for them draws when both are here (`on_demand.rs`). The first view
//! (the overview) never waits for them, and its wasm carries neither charming nor its serialiser.

use std::cell::Cell;

use reform::query::chart_spec::ChartSpec;
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
    static CHART_MODULE: &'static OnDemand = Box::leak(Box::new(OnDemand::new("グラフの設定を作るモジュール")));
    /// Chart instances alive now (`liveChartCount`).
    static LIVE: Cell<u32> = const { Cell::new(0) };
}

fn charts() -> &'static OnDemand {
    CHARTS.with(|c| *c)
}

fn chart_module() -> &'static OnDemand {
    CHART_MODULE.with(|m| *m)
}

/// Where the two are together: ready when both are, failed when either failed, and waiting
/// (loading) otherwise: a chart draws only once both are here.
fn both(echarts: Library, chart_module: Library) -> Library {
    match (echarts, chart_module) {
        (Library::Failed, _) | (_, Library::Failed) => Library::Failed,
        (Library::Ready, Library::Ready) => Library::Ready,
        (Library::Idle, Library::Idle) => Library::Idle,
        _ => Library::Loading,
    }
}

pub fn library() -> Library {
    both(charts().state(), chart_module().state())
}

/// Where the library is, tracked: an effect that reads it runs again when it arrives.
pub fn library_tracked() -> Library {
    both(charts().state_tracked(), chart_module().state_tracked())
}

/// Called by the start-up script with a function that returns a promise of the ECharts module
/// (`() => import('./echarts-….mjs')`). Charts already on screen start loading it now.
#[wasm_bindgen(js_name = provideCharts)]
pub fn provide_charts(loader: js_sys::Function) {
    charts().provide(loader);
}

/// Called by the start-up script with a function that returns a promise of the chart module,
/// initialised (its wasm instantiated).
#[wasm_bindgen(js_name = provideChartModule)]
pub fn provide_chart_module(loader: js_sys::Function) {
    chart_module().provide(loader);
}

/// Starts loading ECharts and the chart module once; later calls do nothing.
pub fn request_library() {
    charts().request();
    chart_module().request();
}

/// The ECharts option of `spec`, from the chart module; `still`: no animation. Call only once
/// [`library`] is `Ready`. What fails is said in the message.
pub fn option(spec: &ChartSpec, still: bool) -> Result<JsValue, String> {
    let module = chart_module().module().ok_or("グラフの設定を作るモジュールがまだありません")?;
    let spec = serde_json::to_string(spec).map_err(|e| e.to_string())?;
    let json = crate::on_demand::call(&module, "chartOption", &[spec.into(), still.into()])?;
    js_sys::JSON::parse(&json.as_string().unwrap_or_default()).map_err(|e| format!("{e:?}"))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A chart draws only when ECharts and the chart module are both here; either failing is a
    /// failure (the chart says so), and any other state is a wait.
    #[test]
    fn a_chart_waits_for_both_and_fails_with_either() {
        use Library::*;
        let all = [Idle, Loading, Ready, Failed];
        for a in all {
            for b in all {
                let expected = match (a, b) {
                    (Failed, _) | (_, Failed) => Failed,
                    (Ready, Ready) => Ready,
                    (Idle, Idle) => Idle,
                    _ => Loading,
                };
                assert_eq!(both(a, b), expected, "{a:?} + {b:?}");
            }
        }
        assert_eq!(both(Ready, Idle), Loading, "ECharts alone draws nothing: the request asks for the module too");
    }
}
