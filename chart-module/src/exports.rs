//! What the dashboard calls (wasm-bindgen). A spec that cannot be drawn throws its message.

use wasm_bindgen::prelude::*;

/// The ECharts option (JSON text) of a chart spec (JSON text, `reform::query::chart_spec`).
#[wasm_bindgen(js_name = chartOption)]
pub fn chart_option(spec_json: &str, still: bool) -> Result<String, JsValue> {
    crate::option_json_of(spec_json, still).map_err(|e| JsValue::from_str(&e))
}
