//! The published tables as one Excel workbook: a README sheet first (each sheet's table, what
//! it holds and its records, the licence and the source), then one sheet per table, named as its
//! CSV file is (`kpi_points`), with the Japanese column names in row 1. Values are as the views'
//! CSV downloads give them to people (codes as their Japanese labels, はい/いいえ), but figures
//! are numbers, not text, and nothing is ever a formula: every text is written as text.

use reform::model::Report;
use reform::query::opendata::offers::{licence_ja, source_ja};
use reform::query::opendata::{datapackage, workbook_tables, Audience, Table, Value, NOT_APPLICABLE};
use rust_xlsxwriter::{DocProperties, Format, Workbook, Worksheet, XlsxError};

pub const README_SHEET: &str = "README";
pub const TITLE_JA: &str = "Excel ブック（.xlsx）";
pub const MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// `reform-progress-fy2023.xlsx`: the data package's name, so the workbook names its year.
pub fn file_name(report: &Report) -> String {
    format!("{}.xlsx", datapackage::package_name(report))
}

/// What the 「データ」 page says the workbook holds.
pub fn description_ja() -> String {
    "公開している表をすべて1つのファイルにまとめたもの。表ごとに1シート（1行目は列の日本語名、数値は数値のまま）、最初の README シートに各シートの内容・件数・ライセンス・出典。".into()
}

/// 「14シート」: the README and one per table.
pub fn sheets_ja(report: &Report) -> String {
    format!("{}シート", workbook_tables(report).len() + 1)
}

/// The workbook's bytes, or why it could not be made.
pub fn workbook(report: &Report) -> Result<Vec<u8>, String> {
    build(report).map_err(|e| format!("Excel ブックを作れません：{e}"))
}

fn build(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let tables = workbook_tables(report);
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_title(&report.report.title).set_comment(source_ja(report)));
    let bold = Format::new().set_bold();
    readme(book.add_worksheet().set_name(README_SHEET)?, report, &tables, &bold)?;
    for table in &tables {
        sheet(book.add_worksheet().set_name(table.meta.name)?, table, &bold)?;
    }
    book.save_to_buffer()
}

fn readme(ws: &mut Worksheet, report: &Report, tables: &[Table], bold: &Format) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, &report.report.title, bold)?;
    let about = [
        ("出典", source_ja(report)),
        ("ライセンス", licence_ja()),
        ("列の名前", "各シートの1行目は列の日本語名です。英数字の列名・型・単位・コードの意味は、同じ表の CSV ファイル（datapackage.json）とコードブック（codebook.md）にあります。".to_string()),
        ("「-」と空欄", format!("「{NOT_APPLICABLE}」はその行にない値（該当なし：当てはまらない、または報告書に書かれていない）、空欄は値が分からないこと（ページの見出しが抽出できなかったときの掲載ページ番号など）を表します。")),
    ];
    for (row, (label, text)) in (2..).zip(about) {
        ws.write_string_with_format(row, 0, label, bold)?;
        ws.write_string(row, 1, text)?;
    }
    let header_row = 6;
    for (col, label) in (0..).zip(["シート", "表", "内容", "件数"]) {
        ws.write_string_with_format(header_row, col, label, bold)?;
    }
    for (row, t) in (header_row + 1..).zip(tables) {
        ws.write_string(row, 0, t.meta.name)?;
        ws.write_string(row, 1, t.meta.title_ja)?;
        ws.write_string(row, 2, t.meta.description_ja)?;
        ws.write_number(row, 3, t.rows.len() as f64)?;
    }
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 24)?;
    ws.set_column_width(2, 80)?;
    Ok(())
}

fn sheet(ws: &mut Worksheet, table: &Table, bold: &Format) -> Result<(), XlsxError> {
    for (col, f) in (0..).zip(&table.fields) {
        ws.write_string_with_format(0, col, &f.label_ja, bold)?;
    }
    for (row, values) in (1..).zip(&table.rows) {
        for ((col, v), field) in (0..).zip(values).zip(&table.fields) {
            match field.for_audience(v, Audience::Spreadsheet) {
                Value::Text(s) => ws.write_string(row, col, s)?,
                Value::Integer(n) => ws.write_number(row, col, n as f64)?,
                Value::Number(x) => ws.write_number(row, col, x)?,
                Value::Boolean(b) => ws.write_boolean(row, col, b)?,
                // 「-」 as the CSV files write it; a value not known stays an empty cell.
                Value::NotApplicable => ws.write_string(row, col, NOT_APPLICABLE)?,
                Value::Unknown => ws,
            };
        }
    }
    ws.set_freeze_panes(1, 0)?;
    if !table.fields.is_empty() {
        ws.autofilter(0, 0, table.rows.len() as u32, table.fields.len() as u16 - 1)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;

    fn read_back(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
        Xlsx::new(Cursor::new(bytes)).expect("an xlsx file")
    }

    #[test]
    fn one_sheet_per_table_after_the_readme_with_every_row() {
        let report = crate::files::report(include_str!("../../data/initiatives.json")).unwrap();
        let tables = workbook_tables(&report);
        assert!(tables.iter().any(|t| t.meta.name == "kpis_rs"), "the RS layout is a sheet, though not a CSV");
        let mut book = read_back(workbook(&report).unwrap());
        let mut names = vec![README_SHEET.to_string()];
        names.extend(tables.iter().map(|t| t.meta.name.to_string()));
        assert_eq!(book.sheet_names(), names);
        assert_eq!(sheets_ja(&report), format!("{}シート", names.len()));
        for t in &tables {
            let range = book.worksheet_range(t.meta.name).unwrap();
            assert_eq!(range.height(), t.rows.len() + 1, "{}: the header and every row", t.meta.name);
            let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
            assert_eq!(header, t.fields.iter().map(|f| f.label_ja.clone()).collect::<Vec<_>>(), "{}", t.meta.name);
        }
        let readme = book.worksheet_range(README_SHEET).unwrap();
        let text: Vec<String> = readme.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
        assert!(text.contains(&licence_ja()) && text.contains(&source_ja(&report)));
        for t in &tables {
            let row = readme.rows().find(|r| r[0] == Data::String(t.meta.name.into())).expect(t.meta.name);
            assert_eq!(row[1], Data::String(t.meta.title_ja.into()));
            assert_eq!(row[3], Data::Float(t.rows.len() as f64), "{}", t.meta.name);
        }
    }

    #[test]
    fn figures_are_numbers_as_the_report_gives_them() {
        let json = include_str!("../../data/initiatives.json");
        let report = crate::files::report(json).unwrap();
        let kpi = report.kpis.iter().find(|k| k.initiative == "I-3-3-3" && k.label == "寄附額").expect("I-3-3-3's 寄附額");
        let mut book = read_back(workbook(&report).unwrap());
        let points = book.worksheet_range("kpi_points").unwrap();
        let header: Vec<String> = points.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
        let col = |label: &str| header.iter().position(|h| h == label).unwrap_or_else(|| panic!("{label}"));
        let (id, value, year) = (col("KPI番号"), col("値"), col("年度"));
        let rows: Vec<_> = points.rows().filter(|r| r[id] == Data::String(kpi.id.clone())).collect();
        assert_eq!(rows.len(), kpi.series.len());
        for (row, point) in rows.iter().zip(&kpi.series) {
            assert_eq!(row[value], Data::Float(point.value), "{}", point.text);
            assert_eq!(row[year], point.fiscal_year.map_or(Data::String(NOT_APPLICABLE.into()), |y| Data::Float(y.into())), "a target without a year: 「-」");
        }
        assert_eq!(rows[0][value], Data::Float(286_728.0), "R3's 寄附額 as printed (286,728 千円)");
        // Codes as their Japanese labels, like the views' downloads.
        assert_eq!(rows[0][col("区分")], Data::String("実績".into()));
    }

    #[test]
    fn a_text_like_a_formula_stays_text() {
        let mut report = crate::files::report(include_str!("../../data/initiatives.json")).unwrap().as_ref().clone();
        report.initiatives[0].title = "=1+1".into();
        let mut book = read_back(workbook(&report).unwrap());
        let range = book.worksheet_range("initiatives").unwrap();
        assert!(range.rows().any(|r| r.contains(&Data::String("=1+1".into()))));
        assert_eq!(file_name(&report), format!("reform-progress-fy{}.xlsx", report.report.fiscal_year));
    }
}
