//! What the dashboard calls (wasm-bindgen). A function that fails throws its message (a
//! string), which the dashboard shows as it is.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::files;

/// Every published file: an array of `{file_name, title_ja, description_ja, records_ja,
/// size_ja, mime, text}`.
#[wasm_bindgen]
pub fn offers(report_json: &str) -> Result<Array, JsValue> {
    let offered = files::offers(report_json)?;
    let out = Array::new();
    for o in offered {
        let item = Object::new();
        for (key, value) in [
            ("file_name", o.file_name.as_str()),
            ("title_ja", &o.title_ja),
            ("description_ja", &o.description_ja),
            ("records_ja", &o.records_ja),
            ("size_ja", &o.size_ja),
            ("mime", o.mime),
            ("text", &o.text),
        ] {
            Reflect::set(&item, &key.into(), &value.into())?;
        }
        out.push(&item);
    }
    Ok(out)
}

#[wasm_bindgen]
pub fn initiatives_csv(report_json: &str, ids_json: &str) -> Result<String, JsValue> {
    Ok(files::initiatives_csv(report_json, ids_json)?)
}

#[wasm_bindgen]
pub fn initiative_texts_csv(report_json: &str, ids_json: &str) -> Result<String, JsValue> {
    Ok(files::initiative_texts_csv(report_json, ids_json)?)
}

#[wasm_bindgen]
pub fn kpis_csv(report_json: &str, kpi_ids_json: &str) -> Result<String, JsValue> {
    Ok(files::kpis_csv(report_json, kpi_ids_json)?)
}

/// The `.xlsx` file's bytes.
#[wasm_bindgen]
pub fn workbook(report_json: &str) -> Result<Uint8Array, JsValue> {
    Ok(Uint8Array::from(files::workbook(report_json)?.as_slice()))
}

/// The workbook's file name, with the report's fiscal year.
#[wasm_bindgen]
pub fn workbook_file_name(report_json: &str) -> Result<String, JsValue> {
    let report = files::report(report_json)?;
    Ok(crate::workbook::file_name(&report))
}
