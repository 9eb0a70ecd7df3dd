//! CSV downloads of the views for Excel users: the published tables' columns
//! (`query::opendata`) with their Japanese labels, over the rows a view lists. UTF-8 with a
//! byte-order mark, CRLF line ends, one line per record: no line breaks inside a cell, codes
//! written as their Japanese labels, a figure and its unit in separate columns, years in 西暦.
//! Text that Excel would run as a formula is neutralised ([`Audience::Spreadsheet`]).

use super::opendata::{initiatives, kpis, Audience};
use crate::model::{Initiative, Kpi, Report};

pub use super::opendata::BOM;

/// The initiatives given, one row each (their text items: [`initiative_texts_csv`]).
pub fn initiatives_csv(report: &Report, rows: &[&Initiative]) -> String {
    initiatives::initiatives(report, rows.iter().copied()).csv(Audience::Spreadsheet)
}

/// The text items of the initiatives given (取組内容, 目標, 取組状況 …), one row per item.
pub fn initiative_texts_csv(report: &Report, rows: &[&Initiative]) -> String {
    initiatives::texts(report, rows.iter().copied()).csv(Audience::Spreadsheet)
}

/// Every figure of the KPIs given: one row per point, with the KPI's verdict.
pub fn kpis_csv(report: &Report, kpis: &[&Kpi]) -> String {
    kpis::points(report, kpis.iter().copied()).csv(Audience::Spreadsheet)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::achievement;

    #[test]
    fn japanese_headers_bom_and_one_line_per_record() {
        let r = crate::query::committed_report();
        let rows: Vec<&Initiative> = r.initiatives.iter().filter(|i| i.id == "II-3-2-4").collect();
        let csv = initiatives_csv(&r, &rows);
        assert!(csv.starts_with("\u{feff}取組番号,柱番号,柱,"), "{csv}");
        assert_eq!(csv.matches("\r\n").count(), 2, "header and one row");
        assert!(csv.contains("\r\nII-3-2-4,II,行政のデジタル改革と働き方改革,"), "{csv}");
        // Text items one per row, none with a line break inside.
        let texts = initiative_texts_csv(&r, &rows);
        let edition = format!("{}年度", r.report.fiscal_year);
        assert!(texts.contains(&format!("\r\nII-3-2-4,主な取組内容,1,・時間外勤務月45時間超の職員数（年間延べ人数）の削減,1397,{edition}\r\n")), "{texts}");
        assert!(texts.contains("\r\nII-3-2-4,目標,1,令和元年度比10％減（950名→855名）,"), "{texts}");
        assert_eq!(texts.matches('\n').count(), texts.matches("\r\n").count());
        assert!(!texts.contains('\u{3000}'));
        // A figure and its unit in separate columns, the year in 西暦 with its 和暦 beside.
        let k: Vec<_> = r.kpis.iter().filter(|k| k.initiative == "II-3-2-4").collect();
        let csv = kpis_csv(&r, &k);
        assert!(csv.contains(",名,"), "{csv}");
        assert!(csv.contains(",実績,2023,R5,1121,"), "{csv}");
        // The target's columns of an actual say 該当なし, 「-」 as the data package writes it (no
        // neutralising quote: a lone 「-」 is no formula).
        assert!(csv.contains(",実績,2023,R5,1121,-,-,-,-,-,-,報告書の表から読み取った,"), "{csv}");
        // Every download ends with the report's edition, under its Japanese name.
        for (csv, rows) in [(initiatives_csv(&r, &rows), rows.len()), (texts.clone(), texts.lines().count() - 1), (kpis_csv(&r, &k), k.iter().map(|k| k.series.len()).sum())] {
            let mut lines = csv.split("\r\n").filter(|l| !l.is_empty());
            assert!(lines.next().unwrap().ends_with(",報告書の年度"), "{csv}");
            let ends: Vec<bool> = lines.map(|l| l.ends_with(&format!(",{edition}"))).collect();
            assert_eq!((ends.len(), ends.iter().all(|e| *e)), (rows, true), "{csv}");
        }
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_stay_numbers() {
        use crate::query::opendata::{cell, Value};
        for (text, want) in [
            ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
            ("ＩＣＴの活用", "ＩＣＴの活用"),
        ] {
            assert_eq!(cell(&Value::Text(text.into()), Audience::Spreadsheet), want, "{text}");
        }
        assert_eq!(cell(&Value::Text("a\"b".into()), Audience::Spreadsheet), "\"a\"\"b\"");
        assert_eq!(cell(&Value::Number(-5.0), Audience::Spreadsheet), "-5");
        assert_eq!(cell(&Value::Number(1234.5), Audience::Spreadsheet), "1234.5");
        // A report whose titles are formulas: every such cell is neutralised, the value column not.
        let mut r = crate::query::committed_report();
        let id = r.kpis.iter().find(|k| k.series.len() > 1).unwrap().initiative.clone();
        let ini = r.initiatives.iter_mut().find(|i| i.id == id).unwrap();
        ini.title = "=1+1".into();
        r.kpis.iter_mut().filter(|k| k.initiative == id).for_each(|k| k.label = "@cmd".into());
        let rows: Vec<&Initiative> = r.initiatives.iter().filter(|i| i.id == id).collect();
        assert!(initiatives_csv(&r, &rows).contains(",'=1+1,"));
        let k: Vec<_> = r.kpis.iter().filter(|k| k.initiative == id).collect();
        let csv = kpis_csv(&r, &k);
        assert!(!csv.contains(",=1+1,") && !csv.contains(",@cmd,") && csv.contains(",'@cmd,"), "{csv}");
    }

    #[test]
    fn a_kpi_is_judged_in_the_csv_as_the_app_judges_it() {
        let r = crate::query::committed_report();
        let year = r.report.fiscal_year;
        // A KPI judged within the report differently from on its own: one without targets that
        // takes those of a KPI of the same measure.
        let alone = |k| achievement::summarize(&achievement::judge_alone(k, year), year);
        let k = r.kpis.iter().find(|k| alone(k) != achievement::overall(&r, k)).expect("a KPI judged within the report");
        let want = achievement::overall(&r, k).label_ja();
        let csv = kpis_csv(&r, &[k]);
        assert!(csv.lines().skip(1).all(|l| l.contains(&format!(",{want},"))), "{csv}");
    }
}
