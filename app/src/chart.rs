//! The one place that talks to ECharts. charming builds the option (`Chart`); this module adds
//! what charming 0.6 lacks: init with the Japanese locale, `setOption` without merge, resize
//! with the window, and dispose when the component goes away.
//!
//! ECharts is not in the page at start-up. The start-up script hands the app a loader
//! ([`provide_charts`]); the first chart on screen calls it once, and every chart waiting for it
//! draws when it resolves. The first view (the overview) therefore never waits for ECharts.

use std::cell::{Cell, RefCell};

use charming::Chart;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[derive(Clone)]
    type Instance;

    #[wasm_bindgen(method, js_name = setOption)]
    fn set_option(this: &Instance, option: &JsValue, opts: &JsValue);
    #[wasm_bindgen(method)]
    fn resize(this: &Instance);
    #[wasm_bindgen(method)]
    fn dispose(this: &Instance);
}

/// Where ECharts is: not asked for yet, on its way, here (the module), or unavailable.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Library {
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
}

fn library() -> Library {
    LIBRARY.with(|l| l.get_untracked())
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
fn request_library() {
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
fn init(el: &web_sys::HtmlElement, opts: &JsValue) -> Result<Instance, JsValue> {
    let module = MODULE.with(|m| m.borrow().clone()).ok_or_else(|| JsValue::from_str("ECharts not loaded"))?;
    let init: js_sys::Function = js_sys::Reflect::get(&module, &"init".into())?.dyn_into()?;
    init.call3(&module, el, &JsValue::NULL, opts).map(JsCast::unchecked_into)
}


thread_local! {
    static LIVE: Cell<u32> = const { Cell::new(0) };
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

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

pub fn reduced_motion() -> bool {
    gloo::utils::window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// The option as ECharts wants it. charming 0.6 serialises an empty `aria.decal.decals` list
/// (ECharts then indexes an empty array and throws) and a null `aria.label`; both are dropped.
pub fn option_json(chart: &Chart) -> Result<String, serde_json::Error> {
    let mut v = serde_json::to_value(chart)?;
    if let Some(aria) = v.get_mut("aria").and_then(|a| a.as_object_mut()) {
        if aria.get("label").is_some_and(|l| l.is_null()) {
            aria.remove("label");
        }
        if let Some(decal) = aria.get_mut("decal").and_then(|d| d.as_object_mut()) {
            if decal.get("decals").and_then(|d| d.as_array()).is_some_and(|d| d.is_empty()) {
                decal.remove("decals");
            }
        }
    }
    serde_json::to_string(&v)
}

/// A chart drawn from `option`, redrawn when it changes. `label` is the text alternative until
/// ECharts' own aria description (in Japanese) replaces it.
#[component]
pub fn EChart(#[prop(into)] option: Signal<Chart>, label: String, #[prop(default = 260)] height: u32) -> impl IntoView {
    let node = NodeRef::<html::Div>::new();
    let instance = StoredValue::new_local(None::<Instance>);
    let failed = RwSignal::new(false);
    Effect::new(move |_| {
        let chart = option.get();
        match LIBRARY.with(|l| l.get()) {
            Library::Ready => {}
            Library::Failed => return failed.set(true),
            Library::Idle | Library::Loading => return request_library(),
        }
        let Some(el) = node.get() else { return };
        let Ok(json) = option_json(&chart) else { return };
        let Ok(value) = js_sys::JSON::parse(&json) else { return };
        instance.update_value(|slot| {
            if slot.is_none() {
                let opts = object(&[("locale", "JA".into()), ("renderer", "canvas".into())]);
                match init(&el, &opts) {
                    Ok(i) => {
                        LIVE.with(|c| c.set(c.get() + 1));
                        *slot = Some(i);
                    }
                    Err(_) => failed.set(true),
                }
            }
            if let Some(i) = slot {
                i.set_option(&value, &object(&[("notMerge", true.into())]));
            }
        });
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| instance.with_value(|i| i.as_ref().map(Instance::resize).unwrap_or(())));
    on_cleanup(move || {
        resize.remove();
        instance.update_value(|slot| {
            if let Some(i) = slot.take() {
                i.dispose();
                LIVE.with(|c| c.set(c.get().saturating_sub(1)));
            }
        });
    });
    view! {
        <div class="rd-chart" node_ref=node role="img" aria-label=label style=format!("height:{height}px")></div>
        <Show when=move || failed.get()>
            <p class="rd-notice">"グラフを表示できませんでした（描画ライブラリを読み込めません）。下の表で数値をご覧ください。"</p>
        </Show>
    }
}
