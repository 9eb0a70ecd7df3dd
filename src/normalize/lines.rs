//! Stage 1: every source line gets a kind. Kinds that depend on the lines around them
//! (a section needs a subsection after it, a page footer a page break after it) are
//! settled here too, so the later stages never look ahead.

use super::text::{char_len, trim};
use crate::model::Rating;

#[derive(Debug, Clone, PartialEq)]
pub enum Kind<'a> {
    Blank,
    /// ` Ⅱ 行政のデジタル改革と働き方改革 22`; `page` is `None` for `再掲`.
    PageHeader { pillar: u32, numeral: char, title: &'a str, page: Option<u32> },
    /// `2 庁内業務のプロセス改善とデジタル改革` (always followed by a subsection line).
    Section { number: u32, title: &'a str },
    /// `(2) ＩＣＴを活用した行政事務の効率化`, with `【再掲】` removed from the title.
    Subsection { number: u32, title: String, relisted: bool },
    /// The table's column header, on one line or one word per line.
    TableHeader { fiscal_label: Option<&'a str> },
    /// `進捗状況 ○`, `○進捗状況`, `進捗状況 △`, `△進捗状況`.
    Rating(Rating),
    /// `令和3年度達成済`.
    Achieved(&'a str),
    /// A bare page number printed at the foot of a page.
    PageFooter,
    /// A line of the subsection's summary paragraph (full table width, so long).
    Summary(&'a str),
    /// `未収金残高推移（単位：百万円）`: the caption of a KPI table displaced to the page foot.
    TableCaption(&'a str),
    /// Anything else: row numbers, titles, organisations, body text, displaced tables.
    Text(&'a str),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line<'a> {
    /// 1-based.
    pub number: u32,
    pub raw: &'a str,
    pub kind: Kind<'a>,
}

const HEADER_WORDS: &[&str] =
    &["番号", "取組項目", "部局等", "担当課", "全庁", "主な取組内容・目標", "取組状況・課題", "次年度の取組"];

/// Summary lines span the whole page width; table cells wrap at about 30 characters.
const SUMMARY_MIN_CHARS: usize = 40;

pub fn classify(text: &str) -> Vec<Line<'_>> {
    let mut lines: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(i, raw)| Line { number: i as u32 + 1, raw, kind: classify_one(raw) })
        .collect();
    merge_one_word_headers(&mut lines);
    settle_sections(&mut lines);
    settle_footers(&mut lines);
    settle_summary_continuations(&mut lines);
    lines
}

fn classify_one(raw: &str) -> Kind<'_> {
    let t = trim(raw);
    if t.is_empty() {
        return Kind::Blank;
    }
    if let Some(h) = page_header(t) {
        return h;
    }
    if let Some(s) = subsection(t) {
        return s;
    }
    if t.starts_with("番号") && t.contains("取組項目") {
        return Kind::TableHeader { fiscal_label: fiscal_label_in(t) };
    }
    if let Some(r) = rating(t) {
        return Kind::Rating(r);
    }
    if t.ends_with("達成済") && crate::fiscal::ERAS.iter().any(|e| t.starts_with(e.name)) && char_len(t) <= 12 {
        return Kind::Achieved(t);
    }
    if t.contains("（単位：") || t.contains("(単位:") || t.contains("（単位:") {
        return Kind::TableCaption(t);
    }
    if char_len(t) >= SUMMARY_MIN_CHARS && !looks_like_table_row(t) {
        return Kind::Summary(t);
    }
    Kind::Text(t)
}

/// The year of a table header's `令和5年度の取組状況・課題`, in any era of [`crate::fiscal::ERAS`].
fn fiscal_label_in(t: &str) -> Option<&str> {
    let start = crate::fiscal::ERAS.iter().filter_map(|e| t.find(e.name)).min()?;
    let end = t[start..].find("年度")? + start + "年度".len();
    Some(&t[start..end])
}

fn page_header(t: &str) -> Option<Kind<'_>> {
    let mut chars = t.chars();
    let numeral = chars.next()?;
    let pillar = match numeral {
        'Ⅰ' => 1,
        'Ⅱ' => 2,
        'Ⅲ' => 3,
        'Ⅳ' => 4,
        'Ⅴ' => 5,
        _ => return None,
    };
    let rest = chars.as_str();
    if !rest.starts_with(' ') {
        return None;
    }
    let rest = trim(rest);
    let (title, last) = rest.rsplit_once(' ')?;
    let page = if last == "再掲" {
        None
    } else if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) && last.len() <= 4 {
        Some(last.parse().ok()?)
    } else {
        return None;
    };
    Some(Kind::PageHeader { pillar, numeral, title: trim(title), page })
}

fn subsection(t: &str) -> Option<Kind<'static>> {
    let rest = t.strip_prefix('(').or_else(|| t.strip_prefix('（'))?;
    let close = rest.find([')', '）'])?;
    let number: u32 = rest[..close].parse().ok()?;
    let close_len = rest[close..].chars().next()?.len_utf8();
    let title = trim(&rest[close + close_len..]);
    if title.is_empty() {
        return None;
    }
    let relisted = title.contains("【再掲】");
    Some(Kind::Subsection { number, title: trim(&title.replace("【再掲】", "")).to_string(), relisted })
}

fn rating(t: &str) -> Option<Rating> {
    let compact: String = t.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect();
    let mark = compact.strip_prefix("進捗状況").or_else(|| compact.strip_suffix("進捗状況"))?;
    let mut cs = mark.chars();
    let c = cs.next()?;
    if cs.next().is_some() {
        return None;
    }
    Rating::from_mark(c)
}

/// A displaced KPI table row: a label and two or more figures (`税外未収金 1,719 1,703 …`).
fn looks_like_table_row(t: &str) -> bool {
    t.split_whitespace().filter(|w| super::text::leading_number(w).is_some()).count() >= 2
}

/// `番号` alone on a line followed by the other column words, one per line.
fn merge_one_word_headers(lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        if matches!(lines[i].kind, Kind::Text("番号")) {
            let words: Vec<usize> = (i + 1..lines.len())
                .filter(|&j| lines[j].kind != Kind::Blank)
                .take_while(|&j| match lines[j].kind {
                    Kind::Text(w) => HEADER_WORDS.iter().any(|h| w == *h || w.ends_with(h)),
                    _ => false,
                })
                .collect();
            if words.len() >= 3 {
                let fiscal = words.iter().find_map(|&j| match lines[j].kind {
                    Kind::Text(w) => fiscal_label_in(w),
                    _ => None,
                });
                lines[i].kind = Kind::TableHeader { fiscal_label: fiscal };
                let last = *words.last().unwrap_or(&i);
                for line in &mut lines[i + 1..=last] {
                    line.kind = Kind::Blank;
                }
                i = last;
            }
        }
        i += 1;
    }
}

fn next_non_blank(lines: &[Line], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&j| lines[j].kind != Kind::Blank)
}

/// `N 題名` is a section only when a subsection line follows; otherwise it is a one-line row.
fn settle_sections(lines: &mut [Line]) {
    for i in 0..lines.len() {
        let Kind::Text(t) = lines[i].kind else { continue };
        let Some((num, title)) = t.split_once(' ') else { continue };
        let Ok(number) = num.parse::<u32>() else { continue };
        let follows_subsection =
            next_non_blank(lines, i + 1).is_some_and(|j| matches!(lines[j].kind, Kind::Subsection { .. }));
        if follows_subsection {
            lines[i].kind = Kind::Section { number, title: trim(title) };
        }
    }
}

/// A bare number followed by a page break (a header or a header-less section) is a footer.
fn settle_footers(lines: &mut [Line]) {
    for i in 0..lines.len() {
        let Kind::Text(t) = lines[i].kind else { continue };
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let before_break = match next_non_blank(lines, i + 1) {
            None => true,
            Some(j) => matches!(lines[j].kind, Kind::PageHeader { .. } | Kind::Section { .. }),
        };
        if before_break {
            lines[i].kind = Kind::PageFooter;
        }
    }
}

/// A summary sentence cut at the page width continues on the next non-blank line.
fn settle_summary_continuations(lines: &mut [Line]) {
    for i in 0..lines.len() {
        let Kind::Summary(t) = lines[i].kind else { continue };
        if t.ends_with('。') {
            continue;
        }
        if let Some(j) = next_non_blank(lines, i + 1) {
            if let Kind::Text(next) = lines[j].kind {
                lines[j].kind = Kind::Summary(next);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Kind<'_>> {
        classify(text).into_iter().map(|l| l.kind).collect()
    }

    #[test]
    fn page_headers_with_number_or_relisted() {
        let k = kinds(" Ⅱ 行政のデジタル改革と働き方改革 22\nⅢ 多様な主体との連携と人材育成 再掲");
        assert_eq!(
            k[0],
            Kind::PageHeader { pillar: 2, numeral: 'Ⅱ', title: "行政のデジタル改革と働き方改革", page: Some(22) }
        );
        assert_eq!(k[1], Kind::PageHeader { pillar: 3, numeral: 'Ⅲ', title: "多様な主体との連携と人材育成", page: None });
    }

    #[test]
    fn a_section_needs_a_subsection_after_it() {
        let k = kinds("2 庁内業務のプロセス改善\n(2) ＩＣＴを活用した行政事務の効率化\n4 長時間労働の是正 総務部 人事課 ○");
        assert_eq!(k[0], Kind::Section { number: 2, title: "庁内業務のプロセス改善" });
        assert_eq!(k[1], Kind::Subsection { number: 2, title: "ＩＣＴを活用した行政事務の効率化".into(), relisted: false });
        assert_eq!(k[2], Kind::Text("4 長時間労働の是正 総務部 人事課 ○"));
    }

    #[test]
    fn relisted_subsections_lose_the_marker() {
        let k = kinds("(1) 挑戦し成果を追求する職員の育成【再掲】");
        assert_eq!(k[0], Kind::Subsection { number: 1, title: "挑戦し成果を追求する職員の育成".into(), relisted: true });
    }

    #[test]
    fn ratings_in_four_forms_but_not_inside_text() {
        let k = kinds("進捗状況 ○\n○進捗状況\n進捗状況 △\n△進捗状況\n・進捗状況の共有や新たな課題への対");
        assert_eq!(&k[..4], &[
            Kind::Rating(Rating::OnTrack),
            Kind::Rating(Rating::OnTrack),
            Kind::Rating(Rating::Delayed),
            Kind::Rating(Rating::Delayed)
        ]);
        assert!(matches!(k[4], Kind::Text(_)));
    }

    #[test]
    fn bare_numbers_before_a_page_break_are_footers_not_rows() {
        let k = kinds("9\n\n\n\nⅡ 行政のデジタル改革と働き方改革 21\n\n2 庁内\n(1) 業務\n\n6\n\n複数の所属において");
        assert_eq!(k[0], Kind::PageFooter);
        assert_eq!(k[9], Kind::Text("6"));
    }

    #[test]
    fn one_word_per_line_table_headers() {
        let k = kinds("番号\n取組項目\n部局等\n担当課\n全庁\n主な取組内容・目標\n令和5年度の取組状況・課題\n次年度の取組\n\n1\nテレワークの推進");
        assert_eq!(k[0], Kind::TableHeader { fiscal_label: Some("令和5年度") });
        assert!(k[1..8].iter().all(|k| *k == Kind::Blank));
        assert_eq!(k[9], Kind::Text("1"));
    }

    #[test]
    fn table_captions() {
        assert_eq!(kinds("未収金残高推移（単位：百万円）")[0], Kind::TableCaption("未収金残高推移（単位：百万円）"));
    }

    #[test]
    fn long_lines_are_summary_and_continue_when_cut() {
        let long = "　環境変化や有事にも対応できる、柔軟かつ機動的な組織への見直しとして、部局横断のプロジェクトチームの制度化や所属内でのチーム制の導入など、既存の組織体制に捉われない、挑戦";
        let text = format!("{long}\n\nするための組織運営の仕組みを構築します。\n\n税外未収金 1,719 1,703 1,692 1,684 1,667 1,557 1,534 1,460");
        let k = kinds(&text);
        assert!(matches!(k[0], Kind::Summary(_)));
        assert_eq!(k[2], Kind::Summary("するための組織運営の仕組みを構築します。"));
        assert!(matches!(k[4], Kind::Text(_)));
    }
}
