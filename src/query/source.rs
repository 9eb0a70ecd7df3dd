//! The printed passage behind a figure or a text block: the source text as the normalizer read
//! it, the lines around a figure with the figure marked, and the printed page they sit on.
//!
//! The dashboard ships the source text beside the report and shows a passage only when the text's
//! SHA-256 is the one the report names ([`SourceText::verified`]), so what the reader sees is what
//! the normalizer read.

use std::ops::Range;


use super::search::{cut_marked, find};

use crate::model::{KpiPoint, LineSpan, Occurrence, SourceFile};

/// Lines shown above and below a figure or an item, within its page.
pub const CONTEXT_LINES: u32 = 3;

pub use crate::source_text::{sha256_hex, split_lines};

/// The source text, checked against the report that cites it.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceText {
    lines: Vec<String>,
}

/// Why a shipped text cannot be shown as the report's source.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceMismatch {
    NotUtf8,
    /// The text is another file (or another version of it) than the one the report was read from.
    OtherText { expected: String, found: String },
}

impl std::fmt::Display for SourceMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SourceMismatch::NotUtf8 => write!(f, "同梱の出典テキストが UTF-8 ではありません。"),
            SourceMismatch::OtherText { expected, found } => write!(
                f,
                "同梱の出典テキスト（SHA-256 {}…）は、この報告書が読み取ったテキスト（SHA-256 {}…）と違うため表示しません。行番号で出典ファイルを確認してください。",
                &found[..12.min(found.len())],
                &expected[..12.min(expected.len())]
            ),
        }
    }
}

impl SourceText {
    /// The text of `bytes` if its SHA-256 is `source.sha256`.
    pub fn verified(bytes: &[u8], source: &SourceFile) -> Result<SourceText, SourceMismatch> {
        let found = sha256_hex(bytes);
        if !found.eq_ignore_ascii_case(&source.sha256) {
            return Err(SourceMismatch::OtherText { expected: source.sha256.clone(), found });
        }
        let text = std::str::from_utf8(bytes).map_err(|_| SourceMismatch::NotUtf8)?;
        Ok(SourceText { lines: split_lines(text).into_iter().map(str::to_string).collect() })
    }

    /// 1-based.
    pub fn line(&self, number: u32) -> Option<&str> {
        self.lines.get(usize::try_from(number).ok()?.checked_sub(1)?).map(String::as_str)
    }

    pub fn line_count(&self) -> u32 {
        self.lines.len() as u32
    }
}

/// What a reader asks to see in the source.
#[derive(Debug, Clone, PartialEq)]
pub enum Anchor {
    /// A figure: `text` exactly as printed on `line` (a KPI point).
    Figure { line: u32, text: String },
    /// A text item (a bullet of a cell, a summary paragraph) printed somewhere in `within`,
    /// possibly wrapped over several lines.
    Item { text: String, within: Vec<LineSpan> },
}

impl Anchor {
    /// A KPI point, as printed on its line.
    pub fn figure(point: &KpiPoint) -> Anchor {
        Anchor::Figure { line: point.line, text: point.text.clone() }
    }

    pub fn item(text: &str, within: impl IntoIterator<Item = LineSpan>) -> Anchor {
        Anchor::Item { text: text.to_string(), within: within.into_iter().collect() }
    }

    /// A text item looked for from the line the report cites for it (`cited`, schema 2.4.0 on)
    /// to the end of the printing holding that line, before anywhere else in `within`: an item
    /// printed twice in a row (a heading repeated) is marked where it was read.
    pub fn item_from(text: &str, cited: Option<u32>, within: impl IntoIterator<Item = LineSpan>) -> Anchor {
        let within: Vec<LineSpan> = within.into_iter().collect();
        let from_cited =
            cited.and_then(|line| within.iter().find(|s| (s.first_line..=s.last_line).contains(&line)).map(|s| LineSpan { first_line: line, last_line: s.last_line }));
        Anchor::Item { text: text.to_string(), within: from_cited.into_iter().chain(within).collect() }
    }

    /// Where an initiative is printed, as spans for [`Anchor::Item`].
    pub fn spans_of(occurrences: &[Occurrence]) -> Vec<LineSpan> {
        occurrences.iter().map(|o| LineSpan { first_line: o.first_line, last_line: o.last_line }).collect()
    }
}

/// A source line as shown: its number, its text, and the byte ranges to mark.
#[derive(Debug, Clone, PartialEq)]
pub struct PassageLine {
    pub number: u32,
    pub text: String,
    pub marks: Vec<Range<usize>>,
}

impl PassageLine {
    /// The line cut into (text, marked) pieces, in order, for rendering.
    pub fn pieces(&self) -> Vec<(&str, bool)> {
        cut_marked(&self.text, self.marks.iter().map(|m| (m.start, m.end)))
    }
}

/// The printed passage around an anchor.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// The printed page of the first marked line; `None` where its page header was lost.
    pub page: Option<u32>,
    /// First and last marked line.
    pub marked: (u32, u32),
    pub lines: Vec<PassageLine>,
}

/// Why no passage can be shown for an anchor.
#[derive(Debug, Clone, PartialEq)]
pub enum NotFound {
    LineOutside { line: u32, lines: u32 },
    FigureNotOnLine { line: u32, text: String },
    ItemNotInSpans,
}

impl std::fmt::Display for NotFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotFound::LineOutside { line, lines } => write!(f, "{line}行目は出典テキスト（{lines}行）にありません。"),
            NotFound::FigureNotOnLine { line, text } => write!(f, "{line}行目に「{text}」が見つかりません。"),
            NotFound::ItemNotInSpans => write!(f, "この記述の位置を出典テキストの中に特定できませんでした。"),
        }
    }
}

/// The passage of `anchor`: its lines marked, with [`CONTEXT_LINES`] of context on each side,
/// kept within the printed page of the first marked line.
pub fn passage(text: &SourceText, source: &SourceFile, anchor: &Anchor) -> Result<Passage, NotFound> {
    let marks: Vec<(u32, Range<usize>)> = match anchor {
        Anchor::Figure { line, text: figure } => {
            let printed = text.line(*line).ok_or(NotFound::LineOutside { line: *line, lines: text.line_count() })?;
            let at = printed.find(figure.as_str()).ok_or_else(|| NotFound::FigureNotOnLine { line: *line, text: figure.clone() })?;
            vec![(*line, at..at + figure.len())]
        }
        Anchor::Item { text: item, within } => locate_item(text, within, item).ok_or(NotFound::ItemNotInSpans)?,
    };
    let first = marks.first().map_or(1, |m| m.0);
    let last = marks.last().map_or(first, |m| m.0);
    let page_span = source.page_spans.iter().find(|s| (s.first_line..=s.last_line).contains(&first));
    let (page_first, page_last) = page_span.map_or((1, text.line_count()), |s| (s.first_line, s.last_line.max(last)));
    let from = first.saturating_sub(CONTEXT_LINES).max(page_first);
    let to = (last + CONTEXT_LINES).min(page_last).min(text.line_count());
    let lines = (from..=to)
        .filter_map(|n| {
            let line = text.line(n)?;
            let marks = marks.iter().filter(|m| m.0 == n).map(|m| m.1.clone()).collect();
            Some(PassageLine { number: n, text: line.to_string(), marks })
        })
        .collect();
    Ok(Passage { page: page_span.and_then(|s| s.page), marked: (first, last), lines })
}

/// The printed page of a passage, as the source dialog and a saved chart name it: `12ページ`,
/// or why it is not known.
pub fn page_ja(page: Option<u32>) -> String {
    match page {
        Some(n) => format!("{n}ページ"),
        None => "印刷ページ不明（ページ見出しが抽出されていません）".to_string(),
    }
}

/// Source lines as they are cited: `345行`, `345〜352行`.
pub fn lines_ja(first: u32, last: u32) -> String {
    if first == last {
        format!("{first}行")
    } else {
        format!("{first}〜{last}行")
    }
}

/// Where figures printed on `lines` are: `18ページ・364〜378行`. Lines on different printed
/// pages (or different printings of one page) are cited apart, `12ページ・2568行、3846行`,
/// never as one range that would take in the pages between.
pub fn cite(source: &SourceFile, lines: impl IntoIterator<Item = u32>) -> String {
    let mut lines: Vec<u32> = lines.into_iter().collect();
    lines.sort_unstable();
    lines.dedup();
    let span_of = |l: u32| source.page_spans.iter().position(|s| (s.first_line..=s.last_line).contains(&l));
    // Runs of lines within one page span, in line order.
    let mut runs: Vec<(Option<usize>, u32, u32)> = Vec::new();
    for l in lines {
        let span = span_of(l);
        match runs.last_mut() {
            Some((s, _, last)) if *s == span && span.is_some() => *last = l,
            _ => runs.push((span, l, l)),
        }
    }
    let mut pages: Vec<Option<u32>> = Vec::new();
    for (span, _, _) in &runs {
        let page = span.and_then(|i| source.page_spans[i].page);
        if !pages.contains(&page) {
            pages.push(page);
        }
    }
    let pages = if pages.iter().all(Option::is_some) && !pages.is_empty() {
        format!("{}ページ", pages.iter().flatten().map(u32::to_string).collect::<Vec<_>>().join("、"))
    } else {
        page_ja(None)
    };
    let lines = runs.iter().map(|(_, a, b)| lines_ja(*a, *b)).collect::<Vec<_>>().join("、");
    format!("{pages}・{lines}")
}

/// Characters compared when an item is looked up: printed wrapping and spacing differ from the
/// joined item, so whitespace is skipped.
fn compact(s: &str) -> Vec<char> {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// How many characters of an item's start and end must be found when the whole item is not
/// (a join the normalizer made, such as a doubled word collapsed, breaks the whole match).
const ENDS: usize = 10;

/// The lines and byte ranges an item covers within `within`: the whole item, else its first and
/// last [`ENDS`] characters in order; `None` if neither is found.
fn locate_item(text: &SourceText, within: &[LineSpan], item: &str) -> Option<Vec<(u32, Range<usize>)>> {
    let needle = compact(item);
    if needle.is_empty() {
        return None;
    }
    within.iter().find_map(|span| {
        // Every non-space character of the span with its line and byte range.
        let mut chars: Vec<(u32, Range<usize>, char)> = Vec::new();
        for n in span.first_line..=span.last_line {
            let Some(line) = text.line(n) else { break };
            chars.extend(line.char_indices().filter(|(_, c)| !c.is_whitespace()).map(|(at, c)| (n, at..at + c.len_utf8(), c)));
        }
        let hay: Vec<char> = chars.iter().map(|c| c.2).collect();
        let (start, end) = match find(&hay, &needle, 0) {
            Some(at) => (at, at + needle.len()),
            None if needle.len() > 2 * ENDS => {
                let head = find(&hay, &needle[..ENDS], 0)?;
                let tail = find(&hay, &needle[needle.len() - ENDS..], head + ENDS)?;
                // A found tail too far away belongs to another item.
                if tail + ENDS - head > needle.len() + needle.len() / 4 {
                    return None;
                }
                (head, tail + ENDS)
            }
            None => return None,
        };
        // One range per line, from the first to the last covered character.
        let mut out: Vec<(u32, Range<usize>)> = Vec::new();
        for (line, range, _) in &chars[start..end] {
            match out.last_mut() {
                Some((l, r)) if l == line => r.end = range.end,
                _ => out.push((*line, range.clone())),
            }
        }
        Some(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::committed_report;
    use crate::model::Report;

    /// Every anchor of a report with the place it belongs to (`initiative id / field`), for checking
    /// that each one can be shown.
    fn every_anchor(report: &Report) -> Vec<(String, Anchor)> {
        let mut out = Vec::new();
        for ini in &report.initiatives {
            let within = Anchor::spans_of(&ini.source);
            let lines = ini.text_lines.clone().unwrap_or_default();
            // Achieved marks are printed at the page's foot, not in the row: no passage of the row.
            for (field, items, cited) in ini.text_cells(&lines).into_iter().filter(|(field, ..)| *field != "achieved_marks") {
                for (i, item) in items.iter().enumerate() {
                    out.push((format!("{} {field}[{i}]", ini.id), Anchor::item_from(item, cited.get(i).copied(), within.iter().copied())));
                }
            }
        }
        for sub in &report.subsections {
            for (i, para) in sub.summary.iter().enumerate() {
                out.push((format!("{} summary[{i}]", sub.id), Anchor::item(para, sub.source.iter().copied())));
            }
        }
        for kpi in &report.kpis {
            for (i, p) in kpi.series.iter().enumerate() {
                out.push((format!("{} series[{i}]", kpi.id), Anchor::figure(p)));
            }
        }
        out
    }

    const SOURCE: &str = include_str!("../../data/source/000_7008800fb5738cea.txt");

    fn real() -> (Report, SourceText) {
        let report = committed_report();
        let text = SourceText::verified(SOURCE.as_bytes(), &report.report.source).expect("the committed source is the report's");
        (report, text)
    }

    #[test]
    fn places_are_cited_by_printed_page_and_line() {
        let report = committed_report();
        let source = &report.report.source;
        let span = source.page_spans.iter().find(|s| s.page.is_some() && s.last_line > s.first_line + 2).unwrap();
        let page = span.page.unwrap();
        let (a, b) = (span.first_line + 1, span.last_line - 1);
        assert_eq!(cite(source, [b, a, a]), format!("{page}ページ・{a}〜{b}行"));
        assert_eq!(cite(source, [a]), format!("{page}ページ・{a}行"));
        // Two spans: two runs, never one range over the lines between.
        let other = source.page_spans.iter().find(|s| s.page.is_some() && s.first_line > span.last_line).unwrap();
        let pages = if other.page == span.page { format!("{page}ページ") } else { format!("{page}、{}ページ", other.page.unwrap()) };
        assert_eq!(cite(source, [a, other.first_line]), format!("{pages}・{a}行、{}行", other.first_line));
        assert_eq!(page_ja(None), "印刷ページ不明（ページ見出しが抽出されていません）");
        assert_eq!(lines_ja(7, 7), "7行");
    }

    #[test]
    fn the_committed_source_is_the_text_the_report_was_read_from() {
        let (report, text) = real();
        assert_eq!(text.line_count(), report.report.source.lines);
        let mut other = SOURCE.as_bytes().to_vec();
        other.push(b'\n');
        let e = SourceText::verified(&other, &report.report.source).unwrap_err();
        assert!(matches!(e, SourceMismatch::OtherText { .. }));
        assert!(e.to_string().contains(&report.report.source.sha256[..12]), "{e}");
    }

    #[test]
    fn every_figure_text_block_and_summary_has_its_passage() {
        let (report, text) = real();
        let anchors = every_anchor(&report);
        let items = anchors.iter().filter(|a| matches!(a.1, Anchor::Item { .. })).count();
        assert!(items > 900, "{items} text items");
        let missing: Vec<String> =
            anchors.iter().filter_map(|(place, a)| passage(&text, &report.report.source, a).err().map(|e| format!("{place}: {e}"))).collect();
        assert!(missing.is_empty(), "{} of {} anchors without a passage:\n{}", missing.len(), anchors.len(), missing.join("\n"));
        // A text item's passage is marked from the line the report cites for it.
        let mut cited = 0;
        for (place, anchor) in &anchors {
            if let Anchor::Item { within, .. } = anchor {
                if place.contains(" summary[") {
                    continue;
                }
                let p = passage(&text, &report.report.source, anchor).unwrap();
                assert_eq!(p.marked.0, within[0].first_line, "{place}");
                cited += 1;
            }
        }
        assert!(cited > 900, "{cited}");
    }

    #[test]
    fn a_figure_is_marked_on_its_line_with_its_printed_page() {
        let (report, text) = real();
        // 寄附額（個人版）: the R5 actual, read back from the JSON and checked against the raw file.
        let kpi = report.kpis.iter().find(|k| k.initiative == "I-3-3-3" && k.label.contains("寄附")).expect("寄附額 KPI");
        let point = kpi.series.iter().find(|p| p.fiscal_year == Some(2023) && p.kind == crate::model::PointKind::Actual).expect("R5 actual");
        let p = passage(&text, &report.report.source, &Anchor::figure(point)).unwrap();
        let raw_line = SOURCE.lines().nth(point.line as usize - 1).unwrap();
        let marked = p.lines.iter().find(|l| !l.marks.is_empty()).unwrap();
        assert_eq!((marked.number, marked.text.as_str()), (point.line, raw_line));
        assert_eq!(&marked.text[marked.marks[0].clone()], point.text);
        assert_eq!(p.page, report.report.source.page_of(point.line));
        assert!(p.page.is_some());
        assert!(p.lines.len() as u32 <= 2 * CONTEXT_LINES + 1);
    }

    #[test]
    fn a_wrapped_item_is_marked_over_every_line_it_takes() {
        let (report, text) = real();
        let ini = &report.initiatives[0];
        let item = &ini.content[0];
        let p = passage(&text, &report.report.source, &Anchor::item(item, Anchor::spans_of(&ini.source))).unwrap();
        let joined: String = p.lines.iter().flat_map(|l| l.marks.iter().map(|m| l.text[m.clone()].to_string())).collect();
        assert_eq!(compact(&joined), compact(item));
        assert!(p.marked.1 > p.marked.0, "the item wraps: {:?}", p.marked);
        assert_eq!(p.page, ini.source[0].page);
    }

    #[test]
    fn context_stays_on_the_page_of_the_figure() {
        let (report, text) = real();
        let spans = &report.report.source.page_spans;
        let second = &spans[1];
        // A figure on the first line of a page gets no context from the page before.
        let first_line = text.line(second.first_line).unwrap();
        let word: String = first_line.trim_start().chars().take(1).collect();
        let p = passage(&text, &report.report.source, &Anchor::Figure { line: second.first_line, text: word }).unwrap();
        assert_eq!(p.lines[0].number, second.first_line);
        assert_eq!(p.page, second.page);
    }

    #[test]
    fn pieces_alternate_plain_and_marked_text() {
        let line = PassageLine { number: 1, text: "寄附額 1,234千円 です".into(), marks: vec![std::ops::Range { start: 10, end: 21 }] };
        assert_eq!(line.pieces(), vec![("寄附額 ", false), ("1,234千円", true), (" です", false)]);
        let plain = PassageLine { number: 1, text: String::new(), marks: vec![] };
        assert_eq!(plain.pieces(), vec![("", false)]);
    }

    /// A text of its own with the matching fingerprint.
    fn synthetic(text: &str) -> (SourceFile, SourceText) {
        let source = SourceFile { name: "t.txt".into(), sha256: sha256_hex(text.as_bytes()), lines: split_lines(text).len() as u32, page_spans: vec![] };
        let parsed = SourceText::verified(text.as_bytes(), &source).unwrap();
        (source, parsed)
    }

    #[test]
    fn an_item_the_normalizer_joined_differently_is_found_by_its_ends() {
        // The printed 「活用活用」 was collapsed in the item: the whole item is not in the text,
        // its first and last ten characters are.
        let (source, text) = synthetic("見出し\n・デジタル技術の活用活用により、窓口の\n手続を簡素にして待ち時間を短縮する\n次の行");
        let item = "・デジタル技術の活用により、窓口の手続を簡素にして待ち時間を短縮する";
        let p = passage(&text, &source, &Anchor::item(item, [LineSpan { first_line: 1, last_line: 4 }])).unwrap();
        assert_eq!(p.marked, (2, 3));
        assert_eq!(p.page, None);
        // An item whose end is far beyond its start is another item's end, not this one.
        let far = "・デジタル技術の活用に関係のない長い説明が続いた後で待ち時間を短縮する";
        let (source, text) = synthetic(&format!("・デジタル技術の活用{}\n待ち時間を短縮する", "あ".repeat(80)));
        assert_eq!(passage(&text, &source, &Anchor::item(far, [LineSpan { first_line: 1, last_line: 2 }])), Err(NotFound::ItemNotInSpans));
    }

    #[test]
    fn anchors_that_cannot_be_found_say_why() {
        let (report, text) = real();
        let source = &report.report.source;
        assert_eq!(passage(&text, source, &Anchor::Figure { line: 99_999, text: "1".into() }), Err(NotFound::LineOutside { line: 99_999, lines: 7550 }));
        assert!(matches!(passage(&text, source, &Anchor::Figure { line: 1, text: "存在しない数値".into() }), Err(NotFound::FigureNotOnLine { line: 1, .. })));
        let spans = vec![LineSpan { first_line: 1, last_line: 5 }];
        assert_eq!(passage(&text, source, &Anchor::item("どこにも印刷されていない記述です", spans)), Err(NotFound::ItemNotInSpans));
    }
}
