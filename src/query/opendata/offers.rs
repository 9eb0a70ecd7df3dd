//! 「データのダウンロード」: every published file, with one line on what it holds, how many
//! records, its size, the licence and the source. The files are [`super::publish`]'s, so the
//! page offers the same bytes as `dist/web/data/` holds, made in the browser from the report on
//! screen (offline too).

use super::{codebook, datapackage, publish, tables, PublishedTable, REPORT_FILE_NAME, REPORT_SCHEMA_FILE_NAME};
use crate::model::Report;

/// One file offered for download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub file_name: String,
    /// 「取組」, 「データパッケージ」…
    pub title_ja: String,
    /// One line on what it holds.
    pub description_ja: String,
    /// 「117件」 for a table; empty for a description.
    pub records_ja: String,
    /// 「12.3 KB」.
    pub size_ja: String,
    pub mime: &'static str,
    pub text: String,
}

/// Every published file, tables first, in the data package's order.
pub fn offers(report: &Report) -> Vec<Offer> {
    let tables = tables(report);
    publish(report)
        .into_iter()
        .map(|PublishedTable { file_name, text }| {
            let table = tables.iter().find(|t| t.file_name() == file_name);
            let (title_ja, description_ja) = match (table, file_name.as_str()) {
                (Some(t), _) => (t.meta.title_ja.to_string(), t.meta.description_ja.to_string()),
                (None, datapackage::FILE_NAME) => ("データパッケージ".into(), "各表の列・型・キー・欠損値・ライセンス・出典を記したもの（Frictionless Data Package）。".into()),
                (None, codebook::MARKDOWN_FILE_NAME) => ("コードブック".into(), "各表の列の意味・型・単位・コードの一覧と、機械可読性のルールの適用について。".into()),
                (None, REPORT_FILE_NAME) => ("報告書データ（JSON）".into(), "このダッシュボードが表示している報告書データそのもの（開発者向け）。".into()),
                (None, REPORT_SCHEMA_FILE_NAME) => ("報告書データの JSON Schema".into(), "報告書データの構造の定義（開発者向け）。".into()),
                (None, other) => (other.to_string(), String::new()),
            };
            Offer {
                records_ja: table.map(|t| format!("{}件", crate::format::group(t.rows.len() as i64))).unwrap_or_default(),
                size_ja: size_ja(text.len()),
                mime: mime(&file_name),
                title_ja,
                description_ja,
                file_name,
                text,
            }
        })
        .collect()
}

fn mime(file_name: &str) -> &'static str {
    match file_name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("csv") => "text/csv;charset=utf-8",
        Some("json") => "application/json",
        Some("md") => "text/markdown;charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// 「850 B」, 「12.3 KB」, 「1.2 MB」.
pub fn size_ja(bytes: usize) -> String {
    match bytes {
        0..1024 => format!("{bytes} B"),
        1024..1_048_576 => format!("{:.1} KB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MB", bytes as f64 / 1_048_576.0),
    }
}

/// The licence, as the page names it (the same as `datapackage.json`'s).
pub fn licence_ja() -> String {
    let (id, url, _) = datapackage::LICENSE;
    format!("{id}（{url}）")
}

/// Where the figures come from: the report, its year and the text it was read from.
pub fn source_ja(report: &Report) -> String {
    let meta = &report.report;
    let sha: String = meta.source.sha256.chars().take(12).collect();
    format!("{}。テキスト {}（SHA-256 {sha}…）から作成。", meta.title, meta.source.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::committed_report;

    #[test]
    fn every_published_file_is_offered_with_its_bytes_and_what_it_is() {
        let r = committed_report();
        let offered = offers(&r);
        let published = publish(&r);
        assert_eq!(offered.iter().map(|o| (&o.file_name, &o.text)).collect::<Vec<_>>(), published.iter().map(|p| (&p.file_name, &p.text)).collect::<Vec<_>>());
        assert!(offered.iter().all(|o| !o.title_ja.ends_with(".csv") && !o.description_ja.is_empty()), "every file says what it is");
        let initiatives = offered.iter().find(|o| o.file_name == "initiatives.csv").expect("initiatives.csv");
        assert_eq!(initiatives.records_ja, format!("{}件", r.initiatives.len()));
        let report = offered.iter().find(|o| o.file_name == REPORT_FILE_NAME).expect("the report JSON");
        assert_eq!(report.text, include_str!("../../../data/initiatives.json"), "the report as the normalizer wrote it");
        assert_eq!(report.mime, "application/json");
        assert!(source_ja(&r).starts_with(&r.report.title));
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_ja(850), "850 B");
        assert_eq!(size_ja(12_595), "12.3 KB");
        assert_eq!(size_ja(1_258_291), "1.2 MB");
    }
}
