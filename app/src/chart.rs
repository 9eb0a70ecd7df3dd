//! The one place that talks to ECharts. charming builds the option (`Chart`); this module adds
//! what charming 0.6 lacks: init with the Japanese locale, `setOption` without merge, resize
//! with the window, and dispose when the component goes away.

use std::cell::Cell;

use charming::Chart;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[derive(Clone)]
    type Instance;

    #[wasm_bindgen(catch, js_namespace = echarts, js_name = init)]
    fn init(el: &web_sys::HtmlElement, theme: &JsValue, opts: &JsValue) -> Result<Instance, JsValue>;
    #[wasm_bindgen(method, js_name = setOption)]
    fn set_option(this: &Instance, option: &JsValue, opts: &JsValue);
    #[wasm_bindgen(method)]
    fn resize(this: &Instance);
    #[wasm_bindgen(method)]
    fn dispose(this: &Instance);
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
        let Some(el) = node.get() else { return };
        let Ok(json) = option_json(&chart) else { return };
        let Ok(value) = js_sys::JSON::parse(&json) else { return };
        instance.update_value(|slot| {
            if slot.is_none() {
                let opts = object(&[("locale", "JA".into()), ("renderer", "canvas".into())]);
                match init(&el, &JsValue::NULL, &opts) {
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
