//! What the dashboard calls (wasm-bindgen). A function that fails throws its message (a
//! string), which the dashboard shows as it is.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::files;

/// Every published file: an array of `{file_name, title_ja, description_ja, records_ja,
/// size_ja, mime, text}`.
#[wasm_bindgen]
pub fn offers(report_json: &str) -> Result<Array, JsValue> {
    let offered = files::offers(report_json).map_err(JsValue::from)?;
    let out = Array::new();
    for o in offered {
        let item = object(&[
            ("file_name", &o.file_name),
            ("title_ja", &o.title_ja),
            ("description_ja", &o.description_ja),
            ("records_ja", &o.records_ja),
            ("size_ja", &o.size_ja),
            ("mime", o.mime),
            ("text", &o.text),
        ])?;
        out.push(&item);
    }
    Ok(out)
}

/// The ids are an array of strings: the app needs no JSON writer to pass them.
#[wasm_bindgen]
pub fn initiatives_csv(report_json: &str, ids: Vec<String>) -> Result<String, JsValue> {
    Ok(files::initiatives_csv(report_json, &ids)?)
}

#[wasm_bindgen]
pub fn initiative_texts_csv(report_json: &str, ids: Vec<String>) -> Result<String, JsValue> {
    Ok(files::initiative_texts_csv(report_json, &ids)?)
}

#[wasm_bindgen]
pub fn kpis_csv(report_json: &str, kpi_ids: Vec<String>) -> Result<String, JsValue> {
    Ok(files::kpis_csv(report_json, &kpi_ids)?)
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

/// The workbook as the 「データ」 page lists it: `{file_name, title_ja, description_ja,
/// records_ja, size_ja, mime}` (no text: the bytes are made when asked for, by [`workbook`]).
#[wasm_bindgen]
pub fn workbook_offer(report_json: &str) -> Result<Object, JsValue> {
    let report = files::report(report_json)?;
    object(&[
        ("file_name", &crate::workbook::file_name(&report)),
        ("title_ja", crate::workbook::TITLE_JA),
        ("description_ja", &crate::workbook::description_ja()),
        ("records_ja", &crate::workbook::sheets_ja(&report)),
        ("size_ja", ""),
        ("mime", crate::workbook::MIME),
    ])
}

/// `{source_ja, licence_ja}`: where the figures come from and the licence, as the page says them.
#[wasm_bindgen]
pub fn about(report_json: &str) -> Result<Object, JsValue> {
    let report = files::report(report_json)?;
    object(&[
        ("source_ja", &reform::query::opendata::offers::source_ja(&report)),
        ("licence_ja", &reform::query::opendata::offers::licence_ja()),
    ])
}

fn object(pairs: &[(&str, &str)]) -> Result<Object, JsValue> {
    let item = Object::new();
    for (key, value) in pairs {
        Reflect::set(&item, &(*key).into(), &(*value).into())?;
    }
    Ok(item)
}
