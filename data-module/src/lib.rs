//! The dashboard's data files, as a second wasm module that the page loads only when a reader
//! asks for a file (the 「データ」 page, a CSV button): the published tables, the views' CSV
//! downloads and the Excel workbook. Kept out of the dashboard's own wasm so its first view does
//! not grow (issue #25). Everything here takes the report as its JSON text, the form the
//! dashboard already holds, and answers with files or a message saying what was wrong.

pub mod files;
pub mod workbook;

#[cfg(target_arch = "wasm32")]
mod exports;
