//! `datapackage.json`: the Frictionless Data Package of the published tables, every table with
//! its Table Schema (types, constraints, keys, missing values), the licence and the source.

use serde_json::{json, Value as Json};

use super::{PublishedTable, Table};
use crate::model::Report;
use crate::source_text::sha256_hex;

pub const FILE_NAME: &str = "datapackage.json";

/// The licence of the tables. The figures are the prefecture's; the tables add no rights.
pub const LICENSE: (&str, &str, &str) = ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/", "Creative Commons Attribution 4.0");

/// The package's name: lower-case ASCII, with the report's year.
pub fn package_name(report: &Report) -> String {
    format!("reform-progress-fy{}", report.report.fiscal_year)
}

fn field(f: &super::Field) -> Json {
    let mut field = json!({
        "name": f.name,
        "title": f.label_ja,
        "type": f.kind.key(),
        "description": f.description_ja,
    });
    let mut constraints = serde_json::Map::new();
    if f.required {
        constraints.insert("required".into(), json!(true));
    }
    if let Some(pattern) = f.pattern {
        constraints.insert("pattern".into(), json!(pattern));
    }
    if !f.codes.is_empty() {
        constraints.insert("enum".into(), json!(f.codes.iter().map(|c| c.code.as_str()).collect::<Vec<_>>()));
    }
    if !constraints.is_empty() {
        field["constraints"] = Json::Object(constraints);
    }
    if f.kind == super::FieldType::Boolean {
        field["trueValues"] = json!(["true"]);
        field["falseValues"] = json!(["false"]);
    }
    if !f.unit.is_empty() {
        field["unit"] = json!(f.unit);
    }
    field
}

fn schema(t: &Table) -> Json {
    json!({
        "fields": t.fields.iter().map(field).collect::<Vec<_>>(),
        "primaryKey": t.meta.primary_key,
        "foreignKeys": t.meta.foreign_keys.iter().map(|k| json!({
            "fields": k.fields,
            "reference": { "resource": k.table, "fields": k.reference },
        })).collect::<Vec<_>>(),
        // Both read as no value: 「-」 where the row has none, a blank where it is not known.
        "missingValues": ["", super::NOT_APPLICABLE],
    })
}

/// The package describing `tables`, whose files are `files` (for each file's size and hash).
pub fn datapackage(report: &Report, tables: &[Table], files: &[PublishedTable]) -> String {
    let meta = &report.report;
    let resources: Vec<Json> = tables
        .iter()
        .map(|t| {
            let file = files.iter().find(|f| f.file_name == t.file_name());
            let mut r = json!({
                "name": t.meta.name,
                "path": t.file_name(),
                "title": t.meta.title_ja,
                "description": t.meta.description_ja,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": { "delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "header": true },
                "schema": schema(t),
            });
            if let Some(f) = file {
                r["bytes"] = json!(f.text.len());
                r["hash"] = json!(format!("sha256:{}", sha256_hex(f.text.as_bytes())));
            }
            r
        })
        .collect();
    let package = json!({
        "profile": "tabular-data-package",
        "name": package_name(report),
        "title": meta.title,
        "description": format!("{}の取組、KPI とその値、判定を縦長の表にしたもの。項目定義は codebook.csv と codes.csv と codebook.md。", meta.title),
        "version": crate::model::SCHEMA_VERSION,
        "fiscal_year": meta.fiscal_year,
        "fiscal_year_label": meta.label,
        "licenses": [{ "name": LICENSE.0, "path": LICENSE.1, "title": LICENSE.2 }],
        "sources": [{
            "title": meta.title,
            "path": meta.source.name,
            "description": format!("報告書の PDF から抽出したテキスト（{}行）。SHA-256 {}", meta.source.lines, meta.source.sha256),
            "sha256": meta.source.sha256,
        }],
        "resources": resources,
    });
    let mut text = serde_json::to_string_pretty(&package).unwrap_or_default();
    text.push('\n');
    text
}
