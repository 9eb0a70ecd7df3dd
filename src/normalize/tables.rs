//! Tables printed outside the rows (displaced to the page foot or below the summary): a caption,
//! a header of periods, and rows of a label and one figure per period; or, transposed, a header
//! of column names and rows of a period and one figure per column.
//!
//! ```text
//! 寄附額の推移 （単位：千円）          未収金残高推移（単位：百万円）      知事部局等 教育庁
//! Ｒ３ Ｒ４ Ｒ５                      年度 / (把握年度) / H27 / (H28) …   R4.4 4,045 332
//! 寄附額（千円） 286,728 508,582 …    税外未収金 1,719 1,703 …            R5.4 4,063 331
//! 対前年度比 198.3% 177.4% 114.6%     定量分析 ▲ 16 ▲ 11 …
//! ```
//!
//! The parser reads every such table; which initiative a displaced table belongs to is a
//! judgement call made in the overrides file (by the table's printed words, never its lines).

use super::document::LooseLine;
use super::text::{leading_number, trim};
use crate::fiscal::{fiscal_year_of, fold_ascii};

/// One figure of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub period: String,
    pub fiscal_year: Option<i32>,
    pub value: f64,
    /// As printed on its line.
    pub text: String,
    pub line: u32,
}

/// One series of a table: a row (or, transposed, a column).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The row label as printed, unit brackets removed (`寄附額（千円）` → `寄附額`).
    pub label: String,
    pub unit: String,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The caption as printed, or `None` for a table without one.
    pub caption: Option<String>,
    /// The printed words that name the table: the caption without its unit note, else the
    /// header (`知事部局等 教育庁`, `令和５年度 令和４年度`).
    pub key: String,
    pub series: Vec<Series>,
    /// Every source line the table was read from.
    pub lines: Vec<u32>,
}

/// Reads the tables among the loose lines; returns them with repeats (the extraction prints
/// pages more than once) removed, in the order first printed.
pub fn read(loose: &[LooseLine]) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    let mut i = 0;
    while i < loose.len() {
        match read_one(&loose[i..]) {
            Some((table, used)) => {
                let same = tables.iter_mut().find(|t| t.key == table.key && t.series == strip_lines(&table.series, &t.series));
                match same {
                    Some(t) => t.lines.extend(&table.lines),
                    None => tables.push(table),
                }
                i += used.max(1);
            }
            None => i += 1,
        }
    }
    tables
}

/// `b`'s series with the line numbers of `like`, so repeats compare by content.
fn strip_lines(b: &[Series], like: &[Series]) -> Vec<Series> {
    b.iter()
        .zip(like.iter().chain(std::iter::repeat(&Series { label: String::new(), unit: String::new(), cells: Vec::new() })))
        .map(|(s, l)| Series {
            label: s.label.clone(),
            unit: s.unit.clone(),
            cells: s.cells.iter().enumerate().map(|(k, c)| Cell { line: l.cells.get(k).map_or(c.line, |x| x.line), ..c.clone() }).collect(),
        })
        .collect()
}

/// The unit in a caption's `（単位：百万円）`.
fn caption_unit(caption: &str) -> Option<String> {
    let folded = fold_ascii(caption);
    let at = folded.find("単位")?;
    let rest = folded[at + "単位".len()..].trim_start_matches([':', '：']);
    let unit: String = rest.chars().take_while(|c| !matches!(c, ')' | '）')).collect();
    let unit = trim(&unit).to_string();
    (!unit.is_empty()).then_some(unit)
}

/// The caption without its unit note: `寄附額の推移 （単位：千円）` → `寄附額の推移`.
fn caption_key(caption: &str) -> String {
    let cut = ["（単位", "(単位"].iter().filter_map(|m| caption.find(m)).min().unwrap_or(caption.len());
    trim(&caption[..cut]).to_string()
}

/// A period as a table prints it: `R3.1`, `Ｒ３`, `H27`, `令和５年度`.
fn period(token: &str) -> Option<(String, Option<i32>)> {
    let folded = fold_ascii(token);
    fiscal_year_of(&folded).map(|y| (folded.clone(), Some(y)))
}

/// Words of a header that are no period: `年度`, `(把握年度)` and the bracketed year a balance
/// was taken (`(H28)`), printed under each column's year.
fn header_noise(token: &str) -> bool {
    let t = fold_ascii(token);
    t == "年度" || (t.starts_with('(') && t.ends_with(')'))
}

/// Figures of a row, from the right: `1,719 1,703`, `▲ 16 ▲ 11`, `198.3% 177.4%`.
fn figures(text: &str) -> Option<(String, Vec<(f64, String)>)> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut out: Vec<(f64, String)> = Vec::new();
    let mut k = tokens.len();
    while k > 0 {
        let tok = tokens[k - 1];
        let (printed, value) = match leading_number(tok) {
            Some((v, p, rest)) if rest.is_empty() || matches!(rest, "%" | "％") => (format!("{p}{rest}"), v),
            _ => break,
        };
        // `▲ 16`: the sign printed as a token of its own.
        if k >= 2 && matches!(tokens[k - 2], "▲" | "△") {
            out.push((-value, format!("{} {}", tokens[k - 2], printed)));
            k -= 2;
        } else {
            out.push((value, printed));
            k -= 1;
        }
    }
    if out.is_empty() {
        return None;
    }
    out.reverse();
    Some((tokens[..k].join(" "), out))
}

/// A row label and the unit in its brackets: `寄附額（千円）` → (`寄附額`, `千円`), `定性分析(％)`.
fn label_and_unit(label: &str) -> (String, Option<String>) {
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = label.strip_suffix(close).and_then(|l| l.rfind(open).map(|at| (&l[..at], &l[at + open.len_utf8()..]))) {
            let unit = fold_ascii(inner.1);
            if matches!(unit.as_str(), "%" | "千円" | "百万円" | "円" | "㎡" | "件" | "名" | "人") {
                let unit = if unit == "%" { "％".to_string() } else { unit };
                return (trim(inner.0).to_string(), Some(unit));
            }
        }
    }
    (trim(label).to_string(), None)
}

fn value_unit(text: &str) -> Option<String> {
    text.ends_with(['%', '％']).then(|| "％".to_string())
}

/// Reads one table starting at `lines[0]`; how many lines it used.
fn read_one(lines: &[LooseLine]) -> Option<(Table, usize)> {
    let first = &lines[0];
    let mut at = 0;
    let mut caption = None;
    let mut used_lines = Vec::new();
    // A caption: a line with a unit note, or any line right before a header of periods.
    let is_header = |t: &str| t.split_whitespace().all(|w| period(w).is_some() || header_noise(w)) && t.split_whitespace().any(|w| period(w).is_some());
    if !is_header(&first.text) && figures(&first.text).is_none() {
        let next_is_header = lines.get(1).is_some_and(|l| is_header(&l.text) && l.place == first.place);
        let next_is_columns = lines.get(1).is_some_and(|l| transposed_row(&l.text).is_some());
        if caption_unit(&first.text).is_some() || next_is_header {
            caption = Some(first.text.clone());
            used_lines.push(first.line);
            at = 1;
        } else if next_is_columns {
            return read_transposed(lines);
        } else {
            return None;
        }
    }
    // The header: periods on one line, or one per line with noise between.
    let mut periods: Vec<(String, Option<i32>)> = Vec::new();
    let mut header_words: Vec<String> = Vec::new();
    while let Some(l) = lines.get(at) {
        if l.place != first.place || !is_header(&l.text) && !l.text.split_whitespace().all(header_noise) {
            break;
        }
        for w in l.text.split_whitespace() {
            if let Some(p) = period(w) {
                periods.push(p);
                header_words.push(w.to_string());
            }
        }
        used_lines.push(l.line);
        at += 1;
    }
    if periods.is_empty() {
        return None;
    }
    let unit = caption.as_deref().and_then(caption_unit);
    let mut series = Vec::new();
    while let Some(l) = lines.get(at) {
        if l.place != first.place {
            break;
        }
        let Some((label, values)) = figures(&l.text) else { break };
        if label.is_empty() || values.len() > periods.len() {
            break;
        }
        let (label, label_unit) = label_and_unit(&label);
        // A row with fewer figures than periods (a change from the year before) aligns right.
        let offset = periods.len() - values.len();
        let cells: Vec<Cell> = values
            .iter()
            .enumerate()
            .map(|(k, (value, text))| Cell { period: periods[offset + k].0.clone(), fiscal_year: periods[offset + k].1, value: *value, text: text.clone(), line: l.line })
            .collect();
        let unit = label_unit.or_else(|| values.first().and_then(|v| value_unit(&v.1))).or_else(|| unit.clone()).unwrap_or_default();
        series.push(Series { label, unit, cells });
        used_lines.push(l.line);
        at += 1;
    }
    if series.is_empty() {
        return None;
    }
    let key = caption.as_deref().map_or_else(|| header_words.join(" "), caption_key);
    Some((Table { caption, key, series, lines: used_lines }, at))
}

/// A printed period (`R4.4`) and the fiscal year it falls in.
type Period = (String, Option<i32>);
/// A figure and its printed text.
type Figure = (f64, String);

/// `R4.4 4,045 332`: a period, then one figure per column.
fn transposed_row(text: &str) -> Option<(Period, Vec<Figure>)> {
    let (head, values) = figures(text)?;
    let p = period(trim(&head))?;
    Some((p, values))
}

/// `知事部局等 教育庁` then rows `R4.4 4,045 332`: each column is a series.
fn read_transposed(lines: &[LooseLine]) -> Option<(Table, usize)> {
    let first = &lines[0];
    let columns: Vec<String> = first.text.split_whitespace().map(str::to_string).collect();
    let mut series: Vec<Series> = columns
        .iter()
        .map(|c| {
            let (label, unit) = label_and_unit(c);
            Series { label, unit: unit.unwrap_or_default(), cells: Vec::new() }
        })
        .collect();
    let mut used = vec![first.line];
    let mut at = 1;
    while let Some(l) = lines.get(at) {
        if l.place != first.place {
            break;
        }
        let Some((p, values)) = transposed_row(&l.text) else { break };
        if values.len() != columns.len() {
            break;
        }
        for (s, (value, text)) in series.iter_mut().zip(values) {
            s.cells.push(Cell { period: p.0.clone(), fiscal_year: p.1, value, text, line: l.line });
        }
        used.push(l.line);
        at += 1;
    }
    (at > 1).then(|| (Table { caption: None, key: columns.join(" "), series, lines: used }, at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::document::Place;

    fn loose(text: &str) -> Vec<LooseLine> {
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| LooseLine { place: Place::default(), line: i as u32 + 1, text: l.trim().to_string() })
            .collect()
    }

    fn cells(s: &Series) -> Vec<(&str, Option<i32>, f64)> {
        s.cells.iter().map(|c| (c.period.as_str(), c.fiscal_year, c.value)).collect()
    }

    #[test]
    fn caption_period_header_and_rows_with_units() {
        let t = read(&loose("寄附額の推移 （単位：千円）\n\nＲ３ Ｒ４ Ｒ５\n\n寄附額（千円） 286,728 508,582 582,831\n\n対前年度比 198.3% 177.4% 114.6%"));
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].key, "寄附額の推移");
        assert_eq!((t[0].series[0].label.as_str(), t[0].series[0].unit.as_str()), ("寄附額", "千円"));
        assert_eq!(cells(&t[0].series[0]), [("R3", Some(2021), 286728.0), ("R4", Some(2022), 508582.0), ("R5", Some(2023), 582831.0)]);
        assert_eq!((t[0].series[1].label.as_str(), t[0].series[1].unit.as_str()), ("対前年度比", "％"));
        assert_eq!(t[0].series[1].cells[2].text, "114.6%");
        assert_eq!(t[0].lines, [1, 3, 5, 7]);
    }

    #[test]
    fn one_period_per_line_and_rows_that_align_right() {
        let t = read(&loose("未収金残高推移（単位：百万円）\n年度\n(把握年度)\nH27\n(H28)\nH28\n(H29)\nH29\n(H30)\n税外未収金 1,719 1,703 1,692\n定性分析(％) 99.1 99.4\n定量分析 ▲ 16 ▲ 11"));
        let s = &t[0].series;
        assert_eq!(t[0].key, "未収金残高推移");
        assert_eq!((s[0].label.as_str(), s[0].unit.as_str()), ("税外未収金", "百万円"));
        assert_eq!(cells(&s[0]), [("H27", Some(2015), 1719.0), ("H28", Some(2016), 1703.0), ("H29", Some(2017), 1692.0)]);
        assert_eq!((s[1].label.as_str(), s[1].unit.as_str()), ("定性分析", "％"));
        assert_eq!(cells(&s[2]), [("H28", Some(2016), -16.0), ("H29", Some(2017), -11.0)]);
        assert_eq!(s[2].cells[0].text, "▲ 16");
    }

    #[test]
    fn a_caption_without_unit_and_a_table_without_caption() {
        let t = read(&loose("押印の見直し状況（進捗率）\nR3.1 R3.8 R4.3\n制度的対応 36% 81% 97%\n\n令和５年度 令和４年度\n件数 4 5\n土地面積（㎡） 2,358.63 7,359.24"));
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].key, "押印の見直し状況（進捗率）");
        assert_eq!(cells(&t[0].series[0]), [("R3.1", Some(2020), 36.0), ("R3.8", Some(2021), 81.0), ("R4.3", Some(2021), 97.0)]);
        assert_eq!(t[1].key, "令和５年度 令和４年度");
        assert_eq!((t[1].series[1].label.as_str(), t[1].series[1].unit.as_str()), ("土地面積", "㎡"));
        assert_eq!(cells(&t[1].series[1]), [("令和5年度", Some(2023), 2358.63), ("令和4年度", Some(2022), 7359.24)]);
    }

    #[test]
    fn transposed_tables_have_a_series_per_column() {
        let t = read(&loose("知事部局等 教育庁\nR4.4 4,045 332\nR5.4 4,063 331"));
        assert_eq!(t[0].key, "知事部局等 教育庁");
        assert_eq!(cells(&t[0].series[1]), [("R4.4", Some(2022), 332.0), ("R5.4", Some(2023), 331.0)]);
    }

    #[test]
    fn a_table_printed_twice_is_read_once() {
        let text = "寄附額の推移 （単位：千円）\nＲ３ Ｒ４\n寄附額（千円） 286,728 508,582\n";
        let t = read(&loose(&format!("{text}{text}")));
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].lines, [1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn text_is_no_table() {
        assert!(read(&loose("not part of anything\n令和3年度達成済")).is_empty());
    }
}
