//! The files the dashboard offers, from the report's JSON text: every published file
//! (`reform::query::opendata::offers`), the views' CSV downloads (`reform::query::csv`) over the
//! rows a view lists, named by their ids, and the Excel workbook ([`crate::workbook`]).
//! Bad input gives a message in Japanese saying where it was wrong, never a panic.

use std::cell::RefCell;
use std::rc::Rc;

use reform::model::{Initiative, Kpi, Report};
use reform::query::csv;
use reform::query::opendata::offers::Offer;

thread_local! {
    /// The last report read, with its JSON text: a reader saving several files of one report
    /// has it read once.
    static LAST: RefCell<Option<(String, Rc<Report>)>> = const { RefCell::new(None) };
}

/// The report in `json`, checked by the same loader as a file the reader opens.
pub fn report(json: &str) -> Result<Rc<Report>, String> {
    if let Some(report) = LAST.with(|l| l.borrow().as_ref().filter(|(text, _)| text == json).map(|(_, r)| r.clone())) {
        return Ok(report);
    }
    let report = Rc::new(Report::from_json(json).map_err(|e| format!("報告書データを読めません：{e}"))?);
    LAST.with(|l| *l.borrow_mut() = Some((json.to_string(), report.clone())));
    Ok(report)
}

/// Every published file with what it holds, its records and its size.
pub fn offers(report_json: &str) -> Result<Vec<Offer>, String> {
    let report = report(report_json)?;
    Ok(reform::query::opendata::offers::offers(&report))
}

/// The initiatives `ids` names (取組番号), in its order, one row each.
pub fn initiatives_csv(report_json: &str, ids: &[String]) -> Result<String, String> {
    let report = report(report_json)?;
    let rows = initiatives(&report, ids)?;
    Ok(csv::initiatives_csv(&report, &rows))
}

/// The text items of the initiatives `ids` names, one row per item.
pub fn initiative_texts_csv(report_json: &str, ids: &[String]) -> Result<String, String> {
    let report = report(report_json)?;
    let rows = initiatives(&report, ids)?;
    Ok(csv::initiative_texts_csv(&report, &rows))
}

/// Every figure of the KPIs `kpi_ids` names (KPI番号), in its order.
pub fn kpis_csv(report_json: &str, kpi_ids: &[String]) -> Result<String, String> {
    let report = report(report_json)?;
    let kpis = named(&report.kpis, kpi_ids, "KPI番号", |k: &Kpi| &k.id)?;
    Ok(csv::kpis_csv(&report, &kpis))
}

/// The Excel workbook of every published table.
pub fn workbook(report_json: &str) -> Result<Vec<u8>, String> {
    let report = report(report_json)?;
    crate::workbook::workbook(&report)
}

fn initiatives<'r>(report: &'r Report, ids: &[String]) -> Result<Vec<&'r Initiative>, String> {
    named(&report.initiatives, ids, "取組番号", |i: &Initiative| &i.id)
}

/// The items of `all` whose ids `ids` lists, in the list's order.
fn named<'r, T>(all: &'r [T], ids: &[String], what: &str, id: fn(&T) -> &String) -> Result<Vec<&'r T>, String> {
    ids.iter()
        .enumerate()
        .map(|(n, wanted)| all.iter().find(|t| id(t) == wanted).ok_or_else(|| format!("{what}の一覧の{}番目「{wanted}」はこの報告書にありません", n + 1)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = include_str!("../../data/initiatives.json");

    #[test]
    fn the_files_are_the_published_ones() {
        let offered = offers(REPORT).unwrap();
        let published = reform::query::opendata::publish(&report(REPORT).unwrap());
        assert_eq!(offered.len(), published.len());
        assert!(offered.iter().zip(&published).all(|(o, p)| o.file_name == p.file_name && o.text == p.text));
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn downloads_list_the_rows_named_in_their_order() {
        let csv = initiatives_csv(REPORT, &ids(&["II-3-2-4", "I-3-3-3"])).unwrap();
        let second = csv.find("\r\nI-3-3-3,").expect("I-3-3-3");
        assert!(csv.find("\r\nII-3-2-4,").expect("II-3-2-4") < second, "{csv}");
        assert!(initiative_texts_csv(REPORT, &ids(&["II-3-2-4"])).unwrap().contains("\r\nII-3-2-4,主な取組内容,1,"));
        let kpis = kpis_csv(REPORT, &ids(&["I-3-3-3-k1"])).unwrap();
        assert!(kpis.contains(",寄附額,千円,") && kpis.contains(",286728,"), "{kpis}");
        assert_eq!(kpis_csv(REPORT, &[]).unwrap().matches("\r\n").count(), 1, "the header alone");
    }

    #[test]
    fn bad_input_is_named_not_panicked_on() {
        let e = initiatives_csv(REPORT, &ids(&["II-3-2-4", "X-9"])).unwrap_err();
        assert_eq!(e, "取組番号の一覧の2番目「X-9」はこの報告書にありません");
        let e = kpis_csv(REPORT, &ids(&["I-3-3-3-k9"])).unwrap_err();
        assert_eq!(e, "KPI番号の一覧の1番目「I-3-3-3-k9」はこの報告書にありません");
        let e = offers("{\"schema_version\": ").unwrap_err();
        assert!(e.starts_with("報告書データを読めません：1行"), "{e}");
        assert!(workbook("[]").unwrap_err().starts_with("報告書データを読めません："));
    }
}
