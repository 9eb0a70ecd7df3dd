//! Stage 4: figures in the target, status and next-year cells become KPI series.
//!
//! Recognised shapes, each one figure per line or item:
//! - a label item (`・電子申請利用所属数（累計）`, `【…】`, `…割合：`) followed by period items
//!   (`・令和3年度：40所属`, `R2.4：13.4％`, `令和4年度…47.3ポイント`, `令和5年度249件（令和4年度372件）`);
//! - `label：figure` with an optional period after it (`電子決裁の件数：239,737件（令和5年度実績）`);
//! - `令和7年度：label 21` (the figure closes the line).
//!
//! Figures in other shapes (tables displaced to the page foot, ranges, `950名→855名`) come from the
//! reviewed overrides file instead.

use super::blocks::{BlockKind, Blocks, Item};
use super::text::{leading_figure, leading_number, trim, Figure};
use crate::fiscal::{fiscal_year_of, fold_ascii, fold_char};
use crate::model::{Direction, PointKind};

#[derive(Debug, Clone, PartialEq)]
pub struct PointDraft {
    pub period: Option<String>,
    pub fiscal_year: Option<i32>,
    pub value: f64,
    pub kind: PointKind,
    pub line: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KpiDraft {
    pub label: String,
    pub unit: String,
    pub direction: Option<Direction>,
    pub points: Vec<PointDraft>,
}

/// Headings that introduce results in general rather than name a measure.
const GENERIC_HEADINGS: &[&str] =
    &["実績", "取組実績", "受入実績", "受講実績", "主な取組内容", "主な連携実績", "実施状況", "主な事例", "活用例", "課題"];

const DECREASE_WORDS: &[&str] = &["削減", "縮減", "未収", "時間外", "未済", "残高"];

/// A KPI whose figures contradict each other (two values for one period), for a reviewer.
#[derive(Debug, Clone, PartialEq)]
pub struct Ambiguous {
    pub label: String,
    pub lines: Vec<u32>,
}

/// The KPIs of one initiative's cells, and the ones left out because their figures clash
/// (several measures printed under one label).
pub fn extract(blocks: &Blocks, title: &str, report_year: i32) -> (Vec<KpiDraft>, Vec<Ambiguous>) {
    let mut found: Vec<(Option<String>, PointDraft, String)> = Vec::new();
    for kind in [BlockKind::Targets, BlockKind::Status, BlockKind::NextYear] {
        scan_block(blocks.get(kind), kind, report_year, &mut found);
    }
    let mut kpis: Vec<KpiDraft> = Vec::new();
    let mut unlabeled: Vec<(PointDraft, String)> = Vec::new();
    for (label, point, unit) in found {
        match label {
            Some(label) => add_point(&mut kpis, &label, &unit, point),
            None => unlabeled.push((point, unit)),
        }
    }
    // A figure printed without its label belongs to the one measure of the same unit, if any.
    for (point, unit) in unlabeled {
        let same_unit: Vec<usize> = (0..kpis.len()).filter(|&k| kpis[k].unit == unit).collect();
        let label = match same_unit.as_slice() {
            [only] => kpis[*only].label.clone(),
            _ => title.to_string(),
        };
        add_point(&mut kpis, &label, &unit, point);
    }
    for kpi in &mut kpis {
        kpi.direction = infer_direction(kpi);
    }
    let (clear, clashing): (Vec<KpiDraft>, Vec<KpiDraft>) = kpis.into_iter().partition(|k| !clashes(k));
    let ambiguous = clashing
        .into_iter()
        .map(|k| Ambiguous { label: k.label, lines: k.points.iter().map(|p| p.line).collect() })
        .collect();
    (clear, ambiguous)
}

fn clashes(kpi: &KpiDraft) -> bool {
    kpi.points.iter().enumerate().any(|(i, a)| {
        kpi.points[i + 1..].iter().any(|b| a.kind == b.kind && a.period == b.period && a.value != b.value)
    })
}

fn add_point(kpis: &mut Vec<KpiDraft>, label: &str, unit: &str, point: PointDraft) {
    let kpi = match kpis.iter_mut().position(|k| k.label == label && k.unit == unit) {
        Some(i) => &mut kpis[i],
        None => {
            kpis.push(KpiDraft { label: label.to_string(), unit: unit.to_string(), direction: None, points: Vec::new() });
            kpis.last_mut().expect("just pushed")
        }
    };
    let duplicate = kpi
        .points
        .iter()
        .any(|p| p.kind == point.kind && p.period == point.period && p.value == point.value);
    if !duplicate {
        kpi.points.push(point);
    }
}

pub fn infer_direction(kpi: &KpiDraft) -> Option<Direction> {
    if DECREASE_WORDS.iter().any(|w| kpi.label.contains(w)) {
        Some(Direction::Decrease)
    } else if kpi.points.iter().any(|p| p.kind == PointKind::Target) {
        Some(Direction::Increase)
    } else {
        None
    }
}

fn scan_block(items: &[Item], block: BlockKind, report_year: i32, out: &mut Vec<(Option<String>, PointDraft, String)>) {
    // In the next-year cell only what follows `◎目標` is a target.
    let mut kind = match block {
        BlockKind::Targets => Some(PointKind::Target),
        BlockKind::Status => Some(PointKind::Actual),
        _ => None,
    };
    let mut label: Option<String> = None;
    let mut target_period: Option<String> = None;
    for item in items {
        let text = strip_marks(&item.text);
        if item.text.starts_with("◎目標") || (block == BlockKind::Targets && item.text.starts_with('（')) {
            kind = Some(PointKind::Target);
            target_period = qualifier_period(&item.text);
            continue;
        }
        let Some(point_kind) = kind else { continue };
        let line_of = |needle: &str| {
            item.lines.iter().find(|(_, l)| l.contains(needle)).map_or(item.lines[0].0, |(n, _)| *n)
        };
        let default_period = match point_kind {
            PointKind::Target => target_period.clone(),
            PointKind::Actual => None,
        };
        let points = read_item(text);
        if points.is_empty() {
            label = label_of(&item.text);
            continue;
        }
        for read in points {
            let period = read.period.or_else(|| default_period.clone());
            let fiscal_year = match (&period, point_kind) {
                (Some(p), _) => fiscal_year_of(p),
                (None, PointKind::Actual) => Some(report_year),
                (None, PointKind::Target) => None,
            };
            let item_label = read.label.or_else(|| label.clone());
            let point = PointDraft {
                period,
                fiscal_year,
                value: read.figure.value,
                kind: point_kind,
                line: line_of(&read.figure.text),
                text: read.figure.text.clone(),
            };
            out.push((item_label, point, read.figure.unit));
        }
    }
}

fn strip_marks(t: &str) -> &str {
    trim(t.trim_start_matches(['・', '→', ' ', '\u{3000}']))
}

/// A label from an item without figures: `・電子申請利用所属数（累計）`, `【…】`, `…割合：`.
fn label_of(text: &str) -> Option<String> {
    let t = strip_marks(text);
    let t = t.strip_prefix('【').and_then(|s| s.strip_suffix('】')).unwrap_or(t);
    let t = trim(t.trim_end_matches(['：', ':']));
    let cleaned = clean_label(t);
    if cleaned.is_empty() || GENERIC_HEADINGS.contains(&cleaned.as_str()) || cleaned.chars().count() > 60 {
        None
    } else {
        Some(cleaned)
    }
}

/// `【受講実績】受講者数` → `受講者数`.
fn strip_heading(t: &str) -> &str {
    match t.strip_prefix('【').and_then(|s| s.split_once('】')) {
        Some((_, rest)) if !rest.is_empty() => trim(rest),
        _ => t,
    }
}

fn clean_label(t: &str) -> String {
    t.replace("（※）", "").replace("(※)", "").chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect()
}

struct Read {
    period: Option<String>,
    label: Option<String>,
    figure: Figure,
}

fn read_item(text: &str) -> Vec<Read> {
    if let Some(reads) = period_first(text) {
        return reads;
    }
    label_first(text).into_iter().collect()
}

/// `令和3年度：40所属`, `R1：950名`, `令和5年度249件　（令和4年度372件）`, `令和7年度：…自治体数21`.
fn period_first(text: &str) -> Option<Vec<Read>> {
    let (period, rest) = leading_period(text)?;
    let rest = rest.trim_start_matches(['：', ':', '…', ' ', '\u{3000}', 'に']);
    if let Some((figure, after)) = leading_figure(rest) {
        let mut reads = vec![Read { period: Some(period), label: None, figure }];
        // A comparison in brackets: `（令和4年度372件）`.
        let after = trim(after);
        if let Some(inner) = after.strip_prefix('（').or_else(|| after.strip_prefix('(')) {
            if let Some((p2, rest2)) = leading_period(inner) {
                if let Some((f2, _)) = leading_figure(rest2.trim_start_matches(['：', ':', ' ', '\u{3000}'])) {
                    reads.push(Read { period: Some(p2), label: None, figure: f2 });
                }
            }
        }
        return Some(reads);
    }
    // `業務システムを標準化・共通化した自治体数21`: the label, then a bare count closing the item.
    let digits_at = rest.char_indices().rev().take_while(|(_, c)| c.is_ascii_digit()).last().map(|(i, _)| i)?;
    let label = trim(&rest[..digits_at]);
    if label.is_empty() || !label.ends_with('数') {
        return None;
    }
    let (value, printed, _) = leading_number(&rest[digits_at..])?;
    Some(vec![Read {
        period: Some(period),
        label: Some(clean_label(label)),
        figure: Figure { value, unit: String::new(), text: printed.to_string() },
    }])
}

/// `電子決裁の件数：239,737件（令和5年度実績）`, `寄附額　30,000千円`, `公募委員率：15.1％`.
fn label_first(text: &str) -> Option<Read> {
    let (label, rest) = split_label(text)?;
    let (figure, after) = leading_figure(rest)?;
    let period = first_period(after).filter(|_| after.trim_start().starts_with(['（', '(']));
    Some(Read { period, label: Some(label), figure })
}

fn split_label(text: &str) -> Option<(String, &str)> {
    for sep in ['：', ':', '\u{3000}'] {
        if let Some((label, rest)) = text.split_once(sep) {
            let label = trim(label);
            // The label of a figure names a measure; periods, notes in brackets and long
            // sentences do not.
            let label = strip_heading(label);
            if label.is_empty() || label.chars().count() > 60 || label.starts_with(['（', '(']) || leading_period(label).is_some() {
                return None;
            }
            return Some((clean_label(label), trim(rest)));
        }
    }
    None
}

/// A period label at the start: `令和5年度`, `令和5年度末現在`, `R2.4`, `Ｒ３`, `H27`.
/// The longest prefix that reads as a period wins, but never one that cuts a number in two.
fn leading_period(text: &str) -> Option<(String, &str)> {
    let t = trim(text);
    let mut best = None;
    for (i, c) in t.char_indices().take(12) {
        let end = i + c.len_utf8();
        if c.is_whitespace() || c == '\u{3000}' || fiscal_year_of(&t[..end]).is_none() {
            continue;
        }
        let is_digit = |ch: char| matches!(fold_char(ch), '0'..='9' | '.');
        let cuts_number = is_digit(c) && t[end..].chars().next().is_some_and(is_digit);
        if !cuts_number {
            best = Some(end);
        }
    }
    let end = best?;
    Some((fold_ascii(&t[..end]), &t[end..]))
}

/// The first period printed anywhere in `text` (`（令和5年度実績）` → `令和5年度実績`).
fn first_period(text: &str) -> Option<String> {
    text.char_indices()
        .filter(|(i, _)| text[*i..].starts_with(['令', 'R', 'Ｒ', 'H', 'Ｈ', '平']))
        .find_map(|(i, _)| leading_period(&text[i..]).map(|(p, _)| p))
}

/// The period a `◎目標（…）` qualifier sets for the targets under it; none for targets that
/// hold every year (`毎年度`) or over a span (`令和3年度～令和7年度`).
fn qualifier_period(text: &str) -> Option<String> {
    if text.contains("毎年度") || text.contains('～') || text.contains('〜') {
        return None;
    }
    first_period(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::blocks::parse_blocks;

    fn kpis(text: &str) -> Vec<KpiDraft> {
        let body: Vec<(u32, &str)> = text.lines().enumerate().map(|(i, l)| (i as u32 + 1, l)).collect();
        let blocks = parse_blocks(&body, &mut Vec::new());
        extract(&blocks, "題名", 2023).0
    }

    fn series(k: &KpiDraft) -> Vec<(Option<i32>, f64, PointKind)> {
        k.points.iter().map(|p| (p.fiscal_year, p.value, p.kind)).collect()
    }

    #[test]
    fn labelled_target_years_and_the_matching_actual() {
        let k = kpis("◎目標\n・電子申請利用所属数（累計）\n・令和3年度：40所属\n・令和4年度：45所属\n\n取組状況\n【電子申請利用所属数（累計）】\n令和5年度末現在：87所属\n（目標：50所属）");
        assert_eq!(k.len(), 1, "{k:#?}");
        assert_eq!(k[0].label, "電子申請利用所属数（累計）");
        assert_eq!(k[0].unit, "所属");
        assert_eq!(k[0].direction, Some(Direction::Increase));
        use PointKind::*;
        assert_eq!(series(&k[0]), [(Some(2021), 40.0, Target), (Some(2022), 45.0, Target), (Some(2023), 87.0, Actual)]);
        assert_eq!(k[0].points[2].line, 8);
        assert_eq!(k[0].points[2].period.as_deref(), Some("令和5年度末現在"));
    }

    #[test]
    fn short_period_series_with_decrease_words() {
        let k = kpis("取組状況\n【時間外勤務月45時間超の職員数（年間延べ人数）】\n　R1：950名\n　R2：1,618名（R1比70%増）");
        assert_eq!(k[0].label, "時間外勤務月45時間超の職員数（年間延べ人数）");
        assert_eq!(k[0].direction, Some(Direction::Decrease));
        assert_eq!(series(&k[0]), [(Some(2019), 950.0, PointKind::Actual), (Some(2020), 1618.0, PointKind::Actual)]);
    }

    #[test]
    fn label_colon_figure_with_period_after_it() {
        let k = kpis("◎目標\n・電子決裁の利用件数\n　令和7年度：187,610件\n\n取組状況\n・電子決裁の件数：239,737件（令和5年度実績）");
        assert_eq!(k.len(), 2);
        assert_eq!(series(&k[1]), [(Some(2023), 239737.0, PointKind::Actual)]);
        assert_eq!(k[1].points[0].period.as_deref(), Some("令和5年度実績"));
    }

    #[test]
    fn next_year_targets_only_after_the_target_mark() {
        let k = kpis("◎目標\n・日常業務におけるTeamsの職員利用率\n　令和5年度：60％\n\n次年度の取組\n・Teams研修を年2回実施予定\n\n◎目標（令和6年度）\n・令和5年度：60％\n→令和6年度：65%");
        assert_eq!(k.len(), 1, "{k:#?}");
        assert_eq!(series(&k[0]), [(Some(2023), 60.0, PointKind::Target), (Some(2024), 65.0, PointKind::Target)]);
    }

    #[test]
    fn qualifier_period_applies_to_unperioded_targets() {
        let k = kpis("次年度の取組\n・FAQ\n\n◎目標（令和6年度）\n・テレビ会議開催件数：3,200件");
        assert_eq!(k[0].label, "テレビ会議開催件数");
        assert_eq!(series(&k[0]), [(Some(2024), 3200.0, PointKind::Target)]);
    }

    #[test]
    fn count_closing_the_line_and_bracketed_comparison() {
        let k = kpis("◎目標\n・令和7年度：業務システムを標準化・共通化した自治体数21");
        assert_eq!(k[0].label, "業務システムを標準化・共通化した自治体数");
        assert_eq!(series(&k[0]), [(Some(2025), 21.0, PointKind::Target)]);
        let k = kpis("取組状況\n　・知事への提案：\n　　令和5年度249件　（令和4年度372件）");
        assert_eq!(k[0].label, "知事への提案");
        assert_eq!(series(&k[0]), [(Some(2023), 249.0, PointKind::Actual), (Some(2022), 372.0, PointKind::Actual)]);
    }

    #[test]
    fn unlabeled_figures_fall_back_to_the_title() {
        let k = kpis("◎目標\n・令和3年度：2,600台程度\n・令和7年度に2,300台程度を導入し");
        assert_eq!(k[0].label, "題名");
        assert_eq!(series(&k[0]), [(Some(2021), 2600.0, PointKind::Target), (Some(2025), 2300.0, PointKind::Target)]);
    }

    #[test]
    fn clashing_figures_under_one_label_are_left_for_review() {
        let body = "取組状況\n・先輩講演会\n【受講実績】受講者数：35名\n\n・係長級研修\n【受講実績】受講者数：20名";
        let lines: Vec<(u32, &str)> = body.lines().enumerate().map(|(i, l)| (i as u32 + 1, l)).collect();
        let (kpis, ambiguous) = extract(&parse_blocks(&lines, &mut Vec::new()), "題名", 2023);
        assert!(kpis.is_empty());
        assert_eq!(ambiguous, [Ambiguous { label: "受講者数".into(), lines: vec![3, 6] }]);
    }

    #[test]
    fn notes_in_brackets_are_no_labels() {
        assert!(kpis("取組状況\n　（充当率：100％、交付税措置率：70％）").is_empty());
    }

    #[test]
    fn text_without_figures_gives_nothing() {
        assert!(kpis("取組状況\n・期間：6か月\n・目的：新たな職場環境等への適応をサポート").is_empty());
    }
}
