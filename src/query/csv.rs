//! CSV exports for Excel users: UTF-8 with a byte-order mark, CRLF line ends, every field quoted
//! where needed. Text blocks keep their items, one per line inside the cell.

use super::achievement::{self, Status};
use crate::format::number;
use crate::model::{Initiative, Report};

pub const BOM: &str = "\u{feff}";

/// One cell. Text that Excel would read as a formula (`=`, `+`, `-`, `@`, tab or CR first, the
/// OWASP CSV-injection rule) gets a leading `'`; a number is written as a number so Excel can
/// still add it up.
enum Cell {
    Text(String),
    Number(f64),
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn field(cell: &Cell) -> String {
    match cell {
        Cell::Number(n) => number(*n).replace(',', ""),
        Cell::Text(s) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => quote(&format!("'{s}")),
        Cell::Text(s) => quote(s),
    }
}

fn line(out: &mut String, cells: Vec<Cell>) {
    let row: Vec<String> = cells.iter().map(field).collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}

fn header(out: &mut String, names: &[&str]) {
    line(out, names.iter().map(|&n| Cell::from(n)).collect());
}

/// The initiatives given, with all their fields.
pub fn initiatives_csv(report: &Report, rows: &[&Initiative]) -> String {
    let mut out = String::from(BOM);
    header(&mut out, &[
        "番号", "柱", "項目", "小項目", "取組項目", "部局等", "担当課", "全庁", "再掲", "再掲元", "進捗状況",
        "主な取組内容", "目標", "取組状況", "課題", "次年度の取組", "達成済", "KPI", "出典行",
    ]);
    for i in rows {
        let sub = report.subsection(&i.subsection);
        let rating = sub.and_then(|s| s.rating).map(|r| r.display_ja()).unwrap_or_default();
        let kpis: Vec<String> = i
            .kpis
            .iter()
            .filter_map(|k| report.kpi(k))
            .map(|k| format!("{}（{}）", k.label, achievement::overall(report, k).label_ja()))
            .collect();
        let lines: Vec<String> = i.source.iter().map(|s| format!("{}-{}", s.first_line, s.last_line)).collect();
        let cells: [String; 19] = [
            i.id.clone(),
            report.pillar(&i.pillar).map(|p| p.label()).unwrap_or_default(),
            report.section(&i.section).map(|s| s.title.clone()).unwrap_or_default(),
            sub.map(|s| s.title.clone()).unwrap_or_default(),
            i.title.clone(),
            i.departments.join("、"),
            i.divisions.join("、"),
            if i.zencho { "○".into() } else { String::new() },
            if i.relisted { "再掲".into() } else { String::new() },
            i.relisted_from.clone().unwrap_or_default(),
            rating,
            i.content.join("\n"),
            i.targets.join("\n"),
            i.status.join("\n"),
            i.challenges.join("\n"),
            i.next_year.join("\n"),
            i.achieved_marks.join("、"),
            kpis.join("\n"),
            lines.join(" "),
        ];
        line(&mut out, cells.into_iter().map(Cell::from).collect());
    }
    out
}

/// Every figure of the KPIs given: one row per point.
pub fn kpis_csv(report: &Report, kpis: &[&crate::model::Kpi]) -> String {
    let mut out = String::from(BOM);
    header(&mut out, &["KPI", "取組番号", "取組項目", "指標", "単位", "方向", "区分", "時点", "年度", "値", "報告書の表記", "出典行", "判定"]);
    for k in kpis {
        let title = report.initiative(&k.initiative).map(|i| i.title.clone()).unwrap_or_default();
        let status = achievement::overall(report, k);
        let direction = match k.direction {
            Some(crate::model::Direction::Increase) => "増加が良い",
            Some(crate::model::Direction::Decrease) => "減少が良い",
            None => "",
        };
        for p in &k.series {
            line(&mut out, vec![
                k.id.as_str().into(),
                k.initiative.as_str().into(),
                title.as_str().into(),
                k.label.as_str().into(),
                k.unit.as_str().into(),
                direction.into(),
                p.kind_ja().into(),
                p.period.clone().unwrap_or_default().into(),
                p.fiscal_year.map_or(Cell::Text(String::new()), |y| Cell::Number(y.into())),
                Cell::Number(p.value),
                p.text.as_str().into(),
                Cell::Number(p.line.into()),
                if status == Status::NoTarget { "".into() } else { status.label_ja().into() },
            ]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_bom() {
        let r = crate::query::committed_report();
        let rows: Vec<&Initiative> = r.initiatives.iter().filter(|i| i.id == "II-3-2-4").collect();
        let csv = initiatives_csv(&r, &rows);
        assert!(csv.starts_with("\u{feff}番号,柱,"));
        assert_eq!(csv.matches("\r\n").count(), 2, "header and one row");
        assert!(csv.contains("\r\nII-3-2-4,Ⅱ 行政のデジタル改革と働き方改革,"));
        assert!(csv.contains(",・時間外勤務月45時間超の職員数（年間延べ人数）の削減,"));
        // Multi-item cells are quoted, one item per line.
        assert!(csv.contains("\"・出退勤システムにより"));
        assert_eq!(field(&"a\"b".into()), "\"a\"\"b\"");
        let k: Vec<_> = r.kpis.iter().filter(|k| k.initiative == "II-3-2-4").collect();
        let csv = kpis_csv(&r, &k);
        assert!(csv.contains(",実績,R5,2023,1121,\"1,121名\",1427,目標年度の記載なし\r\n"), "{csv}");
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_stay_numbers() {
        for (text, want) in [
            ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
            ("ＩＣＴの活用", "ＩＣＴの活用"),
        ] {
            assert_eq!(field(&text.into()), want, "{text}");
        }
        assert_eq!(field(&Cell::Number(-5.0)), "-5");
        assert_eq!(field(&Cell::Number(1234.5)), "1234.5");
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
        assert!(!csv.contains(",=1+1,") && csv.contains(",'=1+1,") && csv.contains(",'@cmd,"), "{csv}");
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
        assert!(csv.lines().skip(1).all(|l| l.ends_with(&format!(",{want}"))), "{csv}");
        let rows: Vec<&Initiative> = r.initiatives.iter().filter(|i| i.id == k.initiative).collect();
        assert!(initiatives_csv(&r, &rows).contains(&format!("{}（{want}）", k.label)));
    }
}
