//! Stage 2: walks the classified lines page by page and cuts them into occurrences of
//! sections, subsections and rows, each tagged with where it stands in the plan.
//! Nothing is merged here; the same row may occur several times.

use std::collections::HashMap;

use super::diag::Warning;
use super::lines::{Kind, Line};
use super::rows::{parse_row, row_start, Row};
use super::text::trim;
use crate::model::{Occurrence, Rating};

#[derive(Debug, Clone, PartialEq)]
pub struct PillarOcc {
    pub number: u32,
    pub numeral: char,
    pub title: String,
}

/// Where a line stands: pillar, section, subsection numbers and the printed page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    pub pillar: u32,
    pub section: u32,
    pub subsection: u32,
    pub page: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SubsectionOcc {
    pub place: Place,
    pub section_title: String,
    pub title: String,
    pub relisted: bool,
    pub first_line: u32,
    pub last_line: u32,
    pub ratings: Vec<(u32, Rating)>,
    pub summary: Vec<(u32, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowOcc {
    pub place: Place,
    pub first_line: u32,
    pub last_line: u32,
    pub row: Row,
}

/// A line outside any row or cell (a displaced KPI table, a stray mark).
#[derive(Debug, Clone, PartialEq)]
pub struct LooseLine {
    pub place: Place,
    pub line: u32,
    pub text: String,
}

/// A mark such as `令和3年度達成済` printed at the page foot, away from its row.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkLine {
    pub place: Place,
    pub line: u32,
    pub text: String,
    /// 1-based: the how-manieth mark on its printed page (a page printed twice counts anew).
    pub nth_on_page: u32,
}

#[derive(Debug, Default)]
pub struct Document {
    pub pillars: Vec<PillarOcc>,
    pub subsections: Vec<SubsectionOcc>,
    pub rows: Vec<RowOcc>,
    pub loose: Vec<LooseLine>,
    pub achieved: Vec<MarkLine>,
    pub fiscal_label: Option<String>,
    pub pages: Vec<u32>,
    /// The text page by page, in file order (a page header or a section without one opens a page).
    pub page_spans: Vec<Occurrence>,
}

/// Opens a page at `line`, closing the one before on the line above.
fn open_page(spans: &mut Vec<Occurrence>, page: Option<u32>, line: u32) {
    if let Some(last) = spans.last_mut() {
        last.last_line = line - 1;
    }
    spans.push(Occurrence { page, first_line: line, last_line: line });
}

/// How far below a row number its first cell label may sit (title, organisations, mark).
const MAX_ROW_HEAD_LINES: usize = 30;

pub fn read_document(lines: &[Line], warnings: &mut Vec<Warning>) -> Document {
    let section_pillars = section_pillars(lines);
    let mut doc = Document::default();
    let mut place = Place::default();
    let mut header_since_section = false;
    let mut current_sub: Option<usize> = None;
    let mut section_title = String::new();
    let mut row_start_at: Option<usize> = None;
    let mut marks_on_page = 0;

    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let opens_row = matches!(line.kind, Kind::Text(t) if is_row_start(lines, i, t));
        let ends_row = !matches!(line.kind, Kind::Text(_) | Kind::Blank) || opens_row;
        if ends_row {
            if let Some(start) = row_start_at.take() {
                finish_row(&mut doc, lines, start, i, place, warnings);
            }
        }
        match &line.kind {
            Kind::PageHeader { pillar, numeral, title, page } => {
                open_page(&mut doc.page_spans, *page, line.number);
                place = Place { pillar: *pillar, section: 0, subsection: 0, page: *page };
                header_since_section = true;
                marks_on_page = 0;
                current_sub = None;
                if !doc.pillars.iter().any(|p| p.number == *pillar) {
                    doc.pillars.push(PillarOcc { number: *pillar, numeral: *numeral, title: title.to_string() });
                }
                if let Some(p) = page {
                    doc.pages.push(*p);
                }
            }
            Kind::Section { number, title } => {
                if !header_since_section {
                    // The page header was lost: the section title tells the pillar.
                    open_page(&mut doc.page_spans, None, line.number);
                    place.page = None;
                    marks_on_page = 0;
                    match section_pillars.get(*title) {
                        Some(&p) => place.pillar = p,
                        None => warnings.push(Warning::new(
                            line.number,
                            "pillar",
                            format!("page header missing and section `{title}` is not seen under any header; pillar {} assumed from the page before", place.pillar),
                        )),
                    }
                }
                header_since_section = false;
                place.section = *number;
                place.subsection = 0;
                section_title = title.to_string();
                current_sub = None;
            }
            Kind::Subsection { number, title, relisted } => {
                place.subsection = *number;
                if place.pillar == 0 || place.section == 0 {
                    warnings.push(Warning::new(line.number, "subsection", format!("subsection ({number}) {title} before any pillar or section; skipped")));
                    current_sub = None;
                    place.subsection = 0;
                } else {
                    doc.subsections.push(SubsectionOcc {
                        place,
                        section_title: section_title.clone(),
                        title: title.clone(),
                        relisted: *relisted,
                        first_line: line.number,
                        last_line: line.number,
                        ratings: Vec::new(),
                        summary: Vec::new(),
                    });
                    current_sub = Some(doc.subsections.len() - 1);
                }
            }
            Kind::TableHeader { fiscal_label } => {
                if doc.fiscal_label.is_none() {
                    doc.fiscal_label = fiscal_label.map(str::to_string);
                }
            }
            Kind::Rating(r) => match current_sub {
                Some(s) => doc.subsections[s].ratings.push((line.number, *r)),
                None => warnings.push(Warning::new(line.number, "rating", "rating outside any subsection; ignored")),
            },
            Kind::Summary(t) => match current_sub {
                Some(s) => doc.subsections[s].summary.push((line.number, t.to_string())),
                None => warnings.push(Warning::new(line.number, "summary", "summary text outside any subsection; ignored")),
            },
            Kind::Achieved(t) => {
                marks_on_page += 1;
                doc.achieved.push(MarkLine { place, line: line.number, text: t.to_string(), nth_on_page: marks_on_page });
            }
            Kind::TableCaption(t) => doc.loose.push(LooseLine { place, line: line.number, text: t.to_string() }),
            Kind::PageFooter | Kind::Blank => {}
            Kind::Text(t) => {
                if opens_row {
                    row_start_at = Some(i);
                } else if row_start_at.is_none() {
                    doc.loose.push(LooseLine { place, line: line.number, text: t.to_string() });
                }
            }
        }
        if let Some(s) = current_sub {
            doc.subsections[s].last_line = line.number;
        }
        i += 1;
    }
    if let Some(start) = row_start_at {
        finish_row(&mut doc, lines, start, lines.len(), place, warnings);
    }
    if let (Some(last), Some(end)) = (doc.page_spans.last_mut(), lines.last()) {
        last.last_line = end.number;
    }
    doc
}

/// A number line opens a row only when a first cell label follows before any page structure.
fn is_row_start(lines: &[Line], at: usize, t: &str) -> bool {
    if row_start(t).is_none() {
        return false;
    }
    for line in lines.iter().skip(at + 1).take(MAX_ROW_HEAD_LINES) {
        match line.kind {
            Kind::Text(t) if super::blocks::is_content_label(t) => return true,
            Kind::Text(t) if row_start(t).is_some() && trim(t).len() < 4 => return false,
            Kind::Text(_) | Kind::Blank => {}
            _ => return false,
        }
    }
    false
}

fn finish_row(doc: &mut Document, lines: &[Line], start: usize, end: usize, place: Place, warnings: &mut Vec<Warning>) {
    let slice: Vec<(u32, &str)> = lines[start..end].iter().map(|l| (l.number, l.raw)).collect();
    let last_line = lines[start..end].iter().rev().find(|l| l.kind != Kind::Blank).map_or(lines[start].number, |l| l.number);
    if place.subsection == 0 {
        warnings.push(Warning::new(lines[start].number, "initiative", "row outside any subsection; skipped"));
        return;
    }
    if let Some(row) = parse_row(&slice, warnings) {
        doc.rows.push(RowOcc { place, first_line: lines[start].number, last_line, row });
    }
}

/// Section title → pillar, from sections that sit right under a page header.
fn section_pillars<'a>(lines: &[Line<'a>]) -> HashMap<&'a str, u32> {
    let mut map = HashMap::new();
    let mut pillar = None;
    for line in lines {
        match line.kind {
            Kind::PageHeader { pillar: p, .. } => pillar = Some(p),
            Kind::Section { title, .. } => {
                if let Some(p) = pillar.take() {
                    map.entry(title).or_insert(p);
                }
            }
            _ => {}
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::lines::classify;

    fn read(text: &str) -> (Document, Vec<Warning>) {
        let mut w = Vec::new();
        let lines = classify(text);
        let d = read_document(&lines, &mut w);
        (d, w)
    }

    const PAGE: &str = " Ⅱ 行政のデジタル改革と働き方改革 26

3 多様で柔軟な働き方の推進
(2) 職員が働きやすい活力ある職場づくり

番号 取組項目 部局等 担当課 全庁 主な取組内容・目標 令和5年度の取組状況・課題 次年度の取組

進捗状況 △

　効果的なＯＪＴに向けたコミュニケーションの充実、メンタルヘルス・ハラスメント対策の推進や長時間労働の是正を推進します。また、エンゲージメント に関する意識調査を実施する

など、エンゲージメントの状態の把握及び向上を図ります。

4 長時間労働の是正 総務部 人事課 ○

主な取組内容
・時間外勤務月45時間超の職員数（年間延べ人数）
の削減

次年度の取組
・更なる縮減

7
精神科（心療内科）医
師によるストレス相談

総務部 職員厚生課

主な取組内容
・相談対応

10月  各職場へ集団分析結果の通知
";

    #[test]
    fn rating_and_summary_before_the_rows() {
        let (d, w) = read(PAGE);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(d.fiscal_label.as_deref(), Some("令和5年度"));
        assert_eq!(d.subsections.len(), 1);
        let s = &d.subsections[0];
        assert_eq!((s.place.pillar, s.place.section, s.place.subsection, s.place.page), (2, 3, 2, Some(26)));
        assert_eq!(s.ratings, [(8, Rating::Delayed)]);
        assert_eq!(s.summary.len(), 2);
        assert_eq!(d.rows.iter().map(|r| r.row.number).collect::<Vec<_>>(), [4, 7]);
        assert_eq!(d.rows[0].first_line, 14);
        assert_eq!(d.rows[0].last_line, 21);
    }

    #[test]
    fn a_page_without_header_takes_its_pillar_from_the_section_title() {
        let text = format!("{PAGE}\n Ⅰ 挑戦と持続を両立する行財政運営 17\n\n4 財産の見直しと効果的活用\n(1) 公共施設\n\n 3 多様で柔軟な働き方の推進\n(3) 新しい小項目\n\n5 職員\n\n総務部 人事課\n\n主な取組内容\n・a\n");
        let (d, w) = read(&text);
        assert!(w.is_empty(), "{w:?}");
        let last = d.subsections.last().unwrap();
        assert_eq!((last.place.pillar, last.place.section, last.place.subsection, last.place.page), (2, 3, 3, None));
    }

    #[test]
    fn lines_after_the_summary_that_are_no_row_are_loose() {
        let text = format!("{}\n未収金残高推移（単位：百万円）\n\n税外未収金 1,719 1,703\n", PAGE.replace("10月  各職場へ集団分析結果の通知\n", "\n進捗状況 ○\n"));
        let (d, _) = read(&text);
        let loose: Vec<&str> = d.loose.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(loose, ["未収金残高推移（単位：百万円）", "税外未収金 1,719 1,703"]);
    }
}
