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
use super::qualifiers::{self, Scope};
use super::text::{leading_figure, leading_number, trim, without_brackets, Figure};
use crate::fiscal::{fiscal_year_of, fold_ascii, fold_char};
use crate::model::{Aggregate, Comparator, Direction, KpiPoint, PointKind};

#[derive(Debug, Clone, PartialEq)]
pub struct KpiDraft {
    pub label: String,
    pub unit: String,
    pub direction: Option<Direction>,
    /// While drafting, a target's `alternative` holds the label of the other branch's KPI;
    /// assembly turns it into that KPI's id.
    pub points: Vec<KpiPoint>,
    /// The wording of its targets as printed (`令和元年度比10％減（950名→855名）`), for the direction.
    pub wording: Vec<String>,
}

/// Headings that introduce results in general rather than name a measure.
const GENERIC_HEADINGS: &[&str] =
    &["実績", "取組実績", "受入実績", "受講実績", "主な取組内容", "主な連携実績", "実施状況", "主な事例", "活用例", "課題"];

/// Words in a target's wording that say which way is better.
const DECREASE_WORDS: &[&str] = &["削減", "縮減", "減"];
const INCREASE_WORDS: &[&str] = &["増加", "向上", "拡大"];

/// A KPI whose figures contradict each other (two values for one period), for a reviewer.
#[derive(Debug, Clone, PartialEq)]
pub struct Ambiguous {
    pub label: String,
    pub lines: Vec<u32>,
}

/// The KPIs of one initiative's cells, and the ones left out because their figures clash
/// (several measures printed under one label).
pub fn extract(blocks: &Blocks, title: &str, report_year: i32) -> (Vec<KpiDraft>, Vec<Ambiguous>) {
    let mut found: Vec<Found> = Vec::new();
    for kind in [BlockKind::Targets, BlockKind::Status, BlockKind::NextYear] {
        scan_block(blocks.get(kind), kind, report_year, &mut found);
    }
    name_repeated_labels_by_topic(&mut found);
    let mut kpis: Vec<KpiDraft> = Vec::new();
    let mut unlabeled: Vec<Found> = Vec::new();
    for f in found {
        match f.label.clone() {
            Some(label) => add_point(&mut kpis, &label, &f.unit, f.point, f.wording),
            None => unlabeled.push(f),
        }
    }
    // A figure printed without its label belongs to the one measure of the same unit, if any.
    for f in unlabeled {
        let same_unit: Vec<usize> = (0..kpis.len()).filter(|&k| kpis[k].unit == f.unit).collect();
        let label = match same_unit.as_slice() {
            [only] => kpis[*only].label.clone(),
            _ => title.to_string(),
        };
        add_point(&mut kpis, &label, &f.unit, f.point, f.wording);
    }
    for kpi in &mut kpis {
        kpi.direction = infer_direction(kpi).or_else(|| direction_in_title(kpi, title));
        span_printed_averages(kpi);
    }
    let (clear, clashing): (Vec<KpiDraft>, Vec<KpiDraft>) = kpis.into_iter().partition(|k| !clashes(k));
    let ambiguous = clashing
        .into_iter()
        .map(|k| Ambiguous { label: k.label, lines: k.points.iter().map(|p| p.line).collect() })
        .collect();
    (clear, ambiguous)
}

/// One figure found in a cell, before it is grouped into a KPI.
struct Found {
    label: Option<String>,
    unit: String,
    point: KpiPoint,
    /// The target's wording (`令和元年度比10％減`), for the direction.
    wording: String,
    /// What the bullet above the figure is about (`係長級の女性職員向けの研修`).
    topic: Option<String>,
}

/// One label printed under several bullets, each with its own figure for the same period
/// (`【受講実績】受講者数：35名` under three trainings) names three measures: each takes its
/// bullet's topic (`女性職員のための先輩講演会 受講者数`). Only when every figure has a topic of its
/// own; otherwise the clash stays for a reviewer.
fn name_repeated_labels_by_topic(found: &mut [Found]) {
    let same = |a: &Found, b: &Found| a.label == b.label && a.unit == b.unit && a.point.kind == b.point.kind;
    for i in 0..found.len() {
        let Some(label) = found[i].label.clone() else { continue };
        let group: Vec<usize> = (0..found.len()).filter(|&j| same(&found[i], &found[j])).collect();
        let clash = group.iter().any(|&a| group.iter().any(|&b| found[a].point.period == found[b].point.period && found[a].point.value != found[b].point.value));
        let mut topics: Vec<&str> = group.iter().filter_map(|&j| found[j].topic.as_deref()).collect();
        let all_have_topics = topics.len() == group.len();
        topics.sort_unstable();
        topics.dedup();
        if clash && all_have_topics && topics.len() == group.len() {
            for j in group {
                let topic = found[j].topic.clone().unwrap_or_default();
                found[j].label = Some(format!("{topic} {label}"));
            }
        }
    }
}

fn clashes(kpi: &KpiDraft) -> bool {
    kpi.points.iter().enumerate().any(|(i, a)| {
        kpi.points[i + 1..].iter().any(|b| a.kind == b.kind && a.period == b.period && a.value != b.value)
    })
}

fn add_point(kpis: &mut Vec<KpiDraft>, label: &str, unit: &str, point: KpiPoint, wording: String) {
    let kpi = match kpis.iter_mut().position(|k| k.label == label && k.unit == unit) {
        Some(i) => &mut kpis[i],
        None => {
            kpis.push(KpiDraft { label: label.to_string(), unit: unit.to_string(), direction: None, points: Vec::new(), wording: Vec::new() });
            kpis.last_mut().expect("just pushed")
        }
    };
    if !wording.is_empty() && !kpi.wording.contains(&wording) {
        kpi.wording.push(wording);
    }
    let duplicate = kpi
        .points
        .iter()
        .any(|p| p.kind == point.kind && p.period == point.period && p.value == point.value);
    if !duplicate {
        kpi.points.push(point);
    }
}

/// Which way is better, from what the targets print: their comparators (`以上` → increase,
/// `以下`/`未満` → decrease), words of their wording (`10％減`), or targets set year after year
/// in one direction. `None` where none of these says it: never a default.
pub fn infer_direction(kpi: &KpiDraft) -> Option<Direction> {
    let wording = &kpi.wording;
    let targets: Vec<&KpiPoint> = kpi.points.iter().filter(|p| p.kind == PointKind::Target).collect();
    let from_comparators: Vec<Direction> = targets
        .iter()
        .filter_map(|p| match p.comparator {
            Some(Comparator::AtLeast | Comparator::Above) => Some(Direction::Increase),
            Some(Comparator::AtMost | Comparator::Below) if p.upper.is_none() => Some(Direction::Decrease),
            _ => None,
        })
        .collect();
    if let Some(first) = from_comparators.first() {
        return from_comparators.iter().all(|d| d == first).then_some(*first);
    }
    let said = |words: &[&str]| wording.iter().any(|w| words.iter().any(|x| w.contains(x)));
    match (said(DECREASE_WORDS), said(INCREASE_WORDS)) {
        (true, false) => return Some(Direction::Decrease),
        (false, true) => return Some(Direction::Increase),
        _ => {}
    }
    // Yearly targets that rise (or fall) every year; `程度` figures set a level, not a way.
    let mut yearly: Vec<(i32, f64)> = targets
        .iter()
        .filter(|p| p.comparator.is_none() && p.aggregate.is_none())
        .filter_map(|p| Some((p.fiscal_year?, p.value)))
        .collect();
    yearly.sort_by_key(|t| t.0);
    yearly.dedup_by_key(|t| t.0);
    if yearly.len() >= 2 {
        let rising = yearly.windows(2).all(|w| w[1].1 > w[0].1);
        let falling = yearly.windows(2).all(|w| w[1].1 < w[0].1);
        if rising {
            return Some(Direction::Increase);
        }
        if falling {
            return Some(Direction::Decrease);
        }
    }
    None
}

/// Words of an initiative's title that say which way its measure should go
/// (「公募委員の登用促進」). 推進 is left out: it promotes the initiative, not a figure.
const INCREASE_TITLE_WORDS: &[&str] = &["促進", "拡大", "増加", "向上", "拡充", "増収"];
const DECREASE_TITLE_WORDS: &[&str] = &["削減", "縮減", "抑制"];

/// For a KPI with targets whose figures say no direction: the direction the initiative's title
/// names, when it names exactly one. Without it a 「概ね20％」 cannot say whether 25％ is good.
pub fn direction_in_title(kpi: &KpiDraft, title: &str) -> Option<Direction> {
    if !kpi.points.iter().any(|p| p.kind == PointKind::Target) {
        return None;
    }
    let said = |words: &[&str]| words.iter().any(|w| title.contains(w));
    match (said(INCREASE_TITLE_WORDS), said(DECREASE_TITLE_WORDS)) {
        (true, false) => Some(Direction::Increase),
        (false, true) => Some(Direction::Decrease),
        _ => None,
    }
}

/// A printed average (`平均 96.6％` under yearly figures) spans the years printed before it.
fn span_printed_averages(kpi: &mut KpiDraft) {
    let yearly: Vec<(u32, i32)> = kpi
        .points
        .iter()
        .filter(|p| p.kind == PointKind::Actual && p.aggregate.is_none())
        .filter_map(|p| Some((p.line, p.fiscal_year?)))
        .collect();
    for p in kpi.points.iter_mut().filter(|p| p.kind == PointKind::Actual && p.aggregate == Some(Aggregate::Average) && p.span.is_none()) {
        let before: Vec<i32> = yearly.iter().filter(|(l, _)| *l <= p.line).map(|(_, y)| *y).collect();
        if let (Some(from), Some(to)) = (before.iter().min(), before.iter().max()) {
            p.span = Some([Some(*from), Some(*to)]);
        }
    }
}

/// What an item sets for the items after it in the same cell.
#[derive(Default)]
struct Context {
    kind: Option<PointKind>,
    label: Option<String>,
    /// From `◎目標（令和7年度）`.
    target_period: Option<String>,
    /// From `◎目標（毎年度）`, `◎目標（令和3年度～令和7年度）`.
    target_scope: Scope,
    /// From a label that starts with its date (`令和7年度末時点における…`).
    label_period: Option<String>,
    /// From `令和5年度（見込）` or `【実績】（R6当初予算）` above the figures.
    actual_period: Option<String>,
    /// What the last bullet without figures is about; a heading ends it.
    topic: Option<String>,
    actual_status: Option<crate::model::ActualStatus>,
}

fn scan_block(items: &[Item], block: BlockKind, report_year: i32, out: &mut Vec<Found>) {
    // In the next-year cell only what follows `◎目標` is a target.
    let mut cx = Context {
        kind: match block {
            BlockKind::Targets => Some(PointKind::Target),
            BlockKind::Status => Some(PointKind::Actual),
            _ => None,
        },
        ..Context::default()
    };
    for item in items {
        let text = strip_marks(&item.text);
        if item.text.starts_with("◎目標") || (block == BlockKind::Targets && item.text.starts_with('（')) {
            cx.kind = Some(PointKind::Target);
            cx.target_period = qualifier_period(&item.text);
            cx.target_scope = qualifiers::scope_of(&item.text);
            continue;
        }
        let Some(point_kind) = cx.kind else { continue };
        if point_kind == PointKind::Actual {
            if let Some((period, status)) = period_heading(text) {
                cx.actual_period = Some(period);
                cx.actual_status = status;
                continue;
            }
        }
        let line_of = |needle: &str| {
            item.lines.iter().find(|(_, l)| l.contains(needle)).map_or(item.lines[0].0, |(n, _)| *n)
        };
        let branches = if point_kind == PointKind::Target { qualifiers::alternatives(text) } else { vec![text] };
        let either = branches.len() > 1;
        let mut reads: Vec<Vec<Read>> = branches.iter().map(|b| if either { read_branch(b) } else { read_item(b) }).collect();
        if reads.iter().all(Vec::is_empty) && point_kind == PointKind::Actual {
            reads = vec![read_sentence(text, cx.topic.as_deref())];
        }
        if reads.iter().all(Vec::is_empty) {
            cx.topic = if item.text.starts_with('・') { topic_of(text) } else if item.text.starts_with('【') { None } else { cx.topic.take() };
            // `令和7年度末時点における女性委員登用率`: the label dates the figures under it.
            let (label_period, label) = match label_of(&item.text) {
                Some(l) => dated_label(&l),
                None => (None, None),
            };
            cx.label = label;
            cx.label_period = label_period;
            if let Some(heading_period) = heading_period(text) {
                cx.actual_period = Some(heading_period);
                cx.actual_status = None;
            }
            continue;
        }
        let branch_labels: Vec<Option<String>> = reads.iter().map(|r| r.first().and_then(|r| r.label.clone())).collect();
        for (b, branch_reads) in reads.into_iter().enumerate() {
            for read in branch_reads {
                let default_period = match point_kind {
                    PointKind::Target => cx.label_period.clone().or_else(|| cx.target_period.clone()),
                    PointKind::Actual | PointKind::Plan => cx.actual_period.clone(),
                };
                let period = read.period.clone().or(default_period);
                let aggregate_actual = read.period.as_deref() == Some("平均");
                let fiscal_year = match (&period, point_kind) {
                    _ if aggregate_actual => None,
                    (Some(p), _) => period_year(p),
                    (None, PointKind::Actual | PointKind::Plan) => Some(report_year),
                    (None, PointKind::Target) => None,
                };
                let label = if read.against_target { None } else { read.label.clone().or_else(|| cx.label.clone()) };
                let mut point = KpiPoint::new(point_kind, period, fiscal_year, read.figure.value, line_of(&read.figure.text), read.figure.text.clone());
                match point_kind {
                    PointKind::Target => {
                        let (after_word, rest) = qualifiers::comparator_after(&read.after);
                        point.comparator = after_word.or_else(|| qualifiers::comparator_before(&read.before));
                        if point.comparator == Some(Comparator::AtLeast) {
                            point.upper = qualifiers::range_upper(rest, &read.figure.unit).map(|f| f.value);
                        }
                        let own = qualifiers::scope_of(&read.before);
                        let scope = if own == Scope::default() { cx.target_scope } else { own };
                        // A figure over a closed span with no other word (`（令和3年度～令和7年度）`
                        // above `4項目の新規政策連携を案出`) is a total over the span.
                        point.aggregate = scope.aggregate.or_else(|| scope.span.filter(|s| s[0].is_some() && s[1].is_some()).map(|_| Aggregate::Total));
                        point.span = scope.span;
                        if point.fiscal_year.is_none() {
                            // A target over a span falls due at its end.
                            point.fiscal_year = scope.span.and_then(|s| s[1]).filter(|_| point.aggregate != Some(Aggregate::EachYear));
                        }
                        if either {
                            point.alternative = branch_labels.iter().enumerate().find(|(o, l)| *o != b && l.is_some()).and_then(|(_, l)| l.clone());
                        }
                    }
                    PointKind::Actual | PointKind::Plan => {
                        point.status = Some(qualifiers::actual_status(&read.after).or(cx.actual_status).unwrap_or_default());
                        if aggregate_actual {
                            point.aggregate = Some(Aggregate::Average);
                        }
                    }
                }
                if point.kind == PointKind::Actual && point.period.as_deref().is_some_and(is_plan_period) {
                    point.kind = PointKind::Plan;
                    point.status = None;
                }
                let wording = if point_kind == PointKind::Target { text.to_string() } else { String::new() };
                let earlier = (point.kind == PointKind::Actual).then(|| year_before(&point, &read.after, &read.figure.unit)).flatten();
                out.push(Found { label: label.clone(), unit: read.figure.unit.clone(), point, wording, topic: cx.topic.clone() });
                if let Some(earlier) = earlier {
                    out.push(Found { label, unit: read.figure.unit.clone(), point: earlier, wording: String::new(), topic: cx.topic.clone() });
                }
            }
        }
    }
}

/// A period that dates a budget or a plan (`R6当初予算`), not results.
fn is_plan_period(period: &str) -> bool {
    ["予算", "計画"].iter().any(|w| period.contains(w))
}

/// `37所属（対前年度+10所属）`: the printed change gives the year before's figure (27所属),
/// marked as derived. Only a change in the figure's own unit, for a dated figure.
fn year_before(point: &KpiPoint, after: &str, unit: &str) -> Option<KpiPoint> {
    let year = point.fiscal_year?;
    let change = after.trim_start_matches(['（', '(']).strip_prefix("対前年度")?;
    let (sign, rest) = match change.chars().next()? {
        '+' | '＋' => (1.0, &change[change.chars().next()?.len_utf8()..]),
        '-' | '−' | '－' | '▲' | '△' => (-1.0, &change[change.chars().next()?.len_utf8()..]),
        _ => return None,
    };
    let (figure, _) = super::text::leading_figure(rest)?;
    if figure.unit != unit {
        return None;
    }
    let printed = format!("対前年度{}", &change[..change.len() - rest.len() + figure.text.len()]);
    let mut earlier = KpiPoint::new(PointKind::Actual, Some(crate::fiscal::era_short(year - 1)), Some(year - 1), point.value - sign * figure.value, point.line, printed);
    earlier.origin = crate::model::KpiOrigin::Derived;
    Some(earlier)
}

/// The fiscal year of a printed period, with the words the report prints after it
/// (`R6当初予算`, `令和7年度末時点`).
fn period_year(p: &str) -> Option<i32> {
    fiscal_year_of(p).or_else(|| leading_period(p).and_then(|(q, _)| fiscal_year_of(&q)))
}

/// `令和5年度（見込）` alone on a line: the period (and status) of the figures under it.
fn period_heading(text: &str) -> Option<(String, Option<crate::model::ActualStatus>)> {
    let (period, rest) = leading_period(text)?;
    let rest = trim(rest);
    let bracketed = rest.is_empty() || (rest.starts_with(['（', '(']) && rest.ends_with(['）', ')']) && leading_figure(&rest[rest.chars().next()?.len_utf8()..]).is_none());
    (bracketed && !rest.contains('：')).then(|| (period, qualifiers::actual_status(rest)))
}

/// `【実績】（R6当初予算）`: a results heading that dates the figures under it.
fn heading_period(text: &str) -> Option<String> {
    let rest = text.strip_prefix('【')?.split_once('】')?.1;
    let inner = trim(rest).strip_prefix(['（', '('])?;
    leading_period(inner).map(|(p, rest)| {
        let rest = rest.trim_end_matches(['）', ')']);
        format!("{p}{rest}")
    })
}

fn strip_marks(t: &str) -> &str {
    trim(t.trim_start_matches(['・', '→', ' ', '\u{3000}']))
}

/// A label from an item without figures: `・電子申請利用所属数（累計）`, `【…】`, `…割合：`.
fn label_of(text: &str) -> Option<String> {
    let t = strip_marks(text);
    let t = t.strip_prefix('【').and_then(|s| s.split_once('】')).map_or(t, |(inner, _)| inner);
    let t = trim(t.trim_end_matches(['：', ':']));
    let cleaned = clean_label(t);
    if cleaned.is_empty() || GENERIC_HEADINGS.contains(&cleaned.as_str()) || cleaned.chars().count() > 60 {
        None
    } else {
        Some(cleaned)
    }
}

/// `令和7年度末時点における女性委員登用率` → (`令和7年度末`, `女性委員登用率`).
fn dated_label(label: &str) -> (Option<String>, Option<String>) {
    if let Some((period, rest)) = leading_period(label) {
        for joint in ["時点における", "における", "時点の"] {
            if let Some(name) = rest.strip_prefix(joint).filter(|n| !n.is_empty()) {
                return (Some(period), Some(name.to_string()));
            }
        }
    }
    (None, Some(label.to_string()))
}

/// `【受講実績】受講者数` → `受講者数`.
fn strip_heading(t: &str) -> &str {
    match t.strip_prefix('【').and_then(|s| s.split_once('】')) {
        Some((_, rest)) if !rest.is_empty() => trim(rest),
        _ => t,
    }
}

/// A label as a clean name: footnote marks and spaces out, and a word the PDF printed twice
/// across a line break once (`…交付金の活用` + `活用事業` → `…交付金の活用事業`).
pub fn clean_label(t: &str) -> String {
    let compact: String =
        t.replace("（※）", "").replace("(※)", "").chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect();
    collapse_doubled_word(&compact)
}

/// `活用活用` → `活用`: two or more kanji printed twice in a row.
fn collapse_doubled_word(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let is_kanji = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    for len in (2..=4).rev() {
        for i in 0..chars.len().saturating_sub(2 * len - 1) {
            let a = &chars[i..i + len];
            if a.iter().all(|c| is_kanji(*c)) && a == &chars[i + len..i + 2 * len] {
                let mut out: Vec<char> = chars[..i + len].to_vec();
                out.extend_from_slice(&chars[i + 2 * len..]);
                return out.into_iter().collect();
            }
        }
    }
    s.to_string()
}

/// What a bullet without figures is about: `DXリテラシー研修（集合研修）` → `DXリテラシー研修`;
/// a sentence `…のため、係長級の女性職員向けの研修を実施` → `係長級の女性職員向けの研修`.
fn topic_of(text: &str) -> Option<String> {
    let plain = without_brackets(text);
    let plain = trim(&plain);
    let topic = match ["を実施", "を開催"].iter().find_map(|end| plain.strip_suffix(end)) {
        Some(done) => done.rsplit('、').next().unwrap_or(done),
        None => plain,
    };
    let topic = clean_label(topic);
    (2..=40).contains(&topic.chars().count()).then_some(topic)
}

/// Figures inside a sentence of a status cell, where the sentence says what they are:
/// - measured against the target (`目標（3,100件）を上回る3,697件`, `60%の目標に対し、85%`): the
///   actual of the one measure with that unit (no label; `extract` finds the measure);
/// - attendance of the bullet's topic (`…を実施し、30名が受講` under `・DXリテラシー研修`):
///   `DXリテラシー研修 受講者数`. Without a topic the figure names nothing and is not read.
fn read_sentence(text: &str, topic: Option<&str>) -> Vec<Read> {
    for marker in ["を上回る", "を下回る", "に対し、", "に対し"] {
        let Some(at) = text.find(marker) else { continue };
        if !text[..at].contains("目標") {
            continue;
        }
        if let Some((figure, after)) = leading_figure(&text[at + marker.len()..]) {
            return vec![Read { period: None, label: None, figure, before: text[..at].to_string(), after: after.to_string(), against_target: true }];
        }
    }
    let Some(topic) = topic else { return Vec::new() };
    for (verb, measure) in [("が受講", "受講者数"), ("が参加", "参加者数")] {
        let Some(at) = text.rfind(verb) else { continue };
        // The figure closes the words before the verb: `30名`.
        let head = &text[..at];
        let start = head
            .char_indices()
            .rev()
            .take_while(|(_, c)| fold_char(*c).is_ascii_digit() || matches!(c, ',' | '，' | '名' | '人'))
            .last()
            .map(|(i, _)| i);
        if let Some((figure, rest)) = start.and_then(|i| leading_figure(&head[i..])) {
            if rest.is_empty() {
                let label = format!("{topic} {measure}");
                return vec![Read { period: None, label: Some(label), figure, before: head.to_string(), after: text[at..].to_string(), against_target: false }];
            }
        }
    }
    Vec::new()
}

struct Read {
    period: Option<String>,
    label: Option<String>,
    figure: Figure,
    /// The item's text before and after the figure, for qualifiers.
    before: String,
    after: String,
    /// Measured against the target: the actual of the row's measure, whatever heading is above.
    against_target: bool,
}

fn read_item(text: &str) -> Vec<Read> {
    if let Some(reads) = period_first(text) {
        return reads;
    }
    if let Some(read) = label_first(text) {
        return vec![read];
    }
    figure_first(text).into_iter().collect()
}

/// `40％以上60%以下` under a label, `4項目の新規政策連携を案出`: the figure opens the item.
fn figure_first(text: &str) -> Option<Read> {
    let (figure, after) = leading_figure(trim(text))?;
    Some(Read { period: None, label: None, figure, before: String::new(), after: after.to_string(), against_target: false })
}

/// One branch of an either-or target: `県税の徴収率99％以上` (the label runs into the figure).
fn read_branch(text: &str) -> Vec<Read> {
    let reads = read_item(text);
    if !reads.is_empty() {
        return reads;
    }
    for (i, c) in text.char_indices() {
        if !fold_char(c).is_ascii_digit() {
            continue;
        }
        let label = clean_label(trim(&text[..i]));
        let Some((figure, after)) = leading_figure(&text[i..]) else { continue };
        if label.is_empty() || label.chars().last().is_some_and(|c| fold_char(c).is_ascii_digit()) {
            return Vec::new();
        }
        return vec![Read { period: None, label: Some(label), figure, before: String::new(), after: after.to_string(), against_target: false }];
    }
    Vec::new()
}

/// `令和3年度：40所属`, `R1：950名`, `令和5年度249件　（令和4年度372件）`, `令和7年度：…自治体数21`,
/// and `平均　96.6％` under yearly figures.
fn period_first(text: &str) -> Option<Vec<Read>> {
    let (period, rest) = match trim(text).strip_prefix("平均") {
        Some(rest) => ("平均".to_string(), rest),
        None => leading_period(text)?,
    };
    let rest = rest.trim_start_matches(['：', ':', '…', ' ', '\u{3000}', 'に']);
    if let Some((figure, after)) = leading_figure(rest) {
        let mut reads = vec![Read { period: Some(period), label: None, figure, before: String::new(), after: after.to_string(), against_target: false }];
        // A comparison in brackets: `（令和4年度372件）`.
        let after = trim(after);
        if let Some(inner) = after.strip_prefix('（').or_else(|| after.strip_prefix('(')) {
            if let Some((p2, rest2)) = leading_period(inner) {
                if let Some((f2, after2)) = leading_figure(rest2.trim_start_matches(['：', ':', ' ', '\u{3000}'])) {
                    reads.push(Read { period: Some(p2), label: None, figure: f2, before: String::new(), after: after2.to_string(), against_target: false });
                }
            }
        }
        return Some(reads);
    }
    if period == "平均" {
        return None;
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
        before: String::new(),
        after: String::new(),
        against_target: false,
    }])
}

/// `電子決裁の件数：239,737件（令和5年度実績）`, `寄附額　30,000千円`, `公募委員率：15.1％`,
/// `…割合：5ヵ年（令和3年度～令和7年度）平均95％以上` (a span and aggregate before the figure).
fn label_first(text: &str) -> Option<Read> {
    let (label, rest) = split_label(text)?;
    let (before, figure, after) = match leading_figure(rest) {
        Some((figure, after)) => (String::new(), figure, after),
        None => {
            let (at, (figure, after)) = rest.char_indices().filter(|(_, c)| fold_char(*c).is_ascii_digit()).find_map(|(i, _)| {
                if !qualifiers::is_scope_phrase(&rest[..i]) {
                    return None;
                }
                leading_figure(&rest[i..]).map(|f| (i, f))
            })?;
            (rest[..at].to_string(), figure, after)
        }
    };
    let period = first_period(after).filter(|_| after.trim_start().starts_with(['（', '(']));
    Some(Read { period, label: Some(label), figure, before, after: after.to_string(), against_target: false })
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
    use crate::model::KpiOrigin;

    fn kpis(text: &str) -> Vec<KpiDraft> {
        titled("題名", text)
    }

    fn titled(title: &str, text: &str) -> Vec<KpiDraft> {
        let body: Vec<(u32, &str)> = text.lines().enumerate().map(|(i, l)| (i as u32 + 1, l)).collect();
        let blocks = parse_blocks(&body, &mut Vec::new());
        extract(&blocks, title, 2023).0
    }

    #[test]
    fn a_printed_change_gives_the_year_before_as_derived() {
        let k = kpis("取組状況\n・RPA作成ロボット利用所属数（累計）\n令和5年度末：37所属（対前年度+10所属）");
        let pts: Vec<(Option<i32>, f64, KpiOrigin, &str)> = k[0].points.iter().map(|p| (p.fiscal_year, p.value, p.origin, p.text.as_str())).collect();
        assert_eq!(pts, [(Some(2023), 37.0, KpiOrigin::Extracted, "37所属"), (Some(2022), 27.0, KpiOrigin::Derived, "対前年度+10所属")]);
        assert_eq!(k[0].points[1].line, k[0].points[0].line, "traced to the line of the change");
        let other_unit = kpis("取組状況\n・公募委員率\n令和4年度：15.1％（対前年度比1.1％増加）");
        assert_eq!(other_unit[0].points.len(), 1, "比…増加 is no change in the figure's own words");
    }

    #[test]
    fn budget_figures_keep_their_kind() {
        let k = kpis("取組状況\n【実績】（R6当初予算）\n・特定有人国境離島地域社会維持推進交付金の活用\n活用事業：4メニュー、総事業費6,460百万円");
        assert_eq!((k[0].points[0].kind, k[0].points[0].status), (PointKind::Plan, None));
    }

    #[test]
    fn a_title_that_names_one_direction_gives_a_target_its_direction() {
        let text = "◎目標\n・令和3年度：2,600台程度\n・令和7年度に2,300台程度を導入し";
        assert_eq!(titled("パソコンの導入促進", text)[0].direction, Some(Direction::Increase));
        assert_eq!(titled("パソコンの導入推進", text)[0].direction, None, "推進 promotes the initiative, not the figure");
        assert_eq!(titled("パソコンの拡大と削減", text)[0].direction, None, "both ways named: none");
        let results_only = "取組状況\n・令和4年度：2,600台";
        assert!(titled("パソコンの導入促進", results_only).iter().all(|k| k.direction.is_none()), "no target, no direction");
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
    fn short_period_series_without_target_have_no_direction() {
        let k = kpis("取組状況\n【時間外勤務月45時間超の職員数（年間延べ人数）】\n　R1：950名\n　R2：1,618名（R1比70%増）");
        assert_eq!(k[0].label, "時間外勤務月45時間超の職員数（年間延べ人数）");
        assert_eq!(k[0].direction, None, "no target, no direction: never a default");
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
    fn a_range_under_a_dated_label() {
        let k = kpis("◎目標\n・令和7年度末時点における女性委員登用率\n\u{3000}40％以上60%以下\n\n取組状況\n【実績】\n・女性委員登用率：36.5％（速報値)");
        assert_eq!(k.len(), 1, "{k:#?}");
        assert_eq!(k[0].label, "女性委員登用率");
        let t = &k[0].points[0];
        assert_eq!((t.fiscal_year, t.value, t.comparator, t.upper), (Some(2025), 40.0, Some(Comparator::AtLeast), Some(60.0)));
        assert_eq!(k[0].points[1].status, Some(crate::model::ActualStatus::Preliminary));
        assert_eq!(k[0].direction, Some(Direction::Increase));
    }

    #[test]
    fn a_count_over_the_span_of_the_qualifier_is_a_total() {
        let k = kpis("◎目標\n（令和3年度～令和7年度）\n・4項目の新規政策連携を案出\n\n取組状況\n【実績】\n・新規政策連携\u{3000}2項目");
        assert_eq!(k.len(), 1, "{k:#?}");
        let t = k[0].points.iter().find(|p| p.kind == PointKind::Target).unwrap();
        assert_eq!((t.value, t.aggregate, t.span, t.fiscal_year), (4.0, Some(crate::model::Aggregate::Total), Some([Some(2021), Some(2025)]), Some(2025)));
    }

    #[test]
    fn either_or_targets_are_two_linked_targets() {
        let k = kpis("◎目標（令和7年度）\n・県税の徴収率99％以上又は収入未収額10億円未\n満");
        assert_eq!(k.len(), 2, "{k:#?}");
        assert_eq!((k[0].label.as_str(), k[0].points[0].comparator, k[0].points[0].alternative.as_deref()), ("県税の徴収率", Some(Comparator::AtLeast), Some("収入未収額")));
        assert_eq!((k[1].label.as_str(), k[1].points[0].comparator, k[1].points[0].alternative.as_deref()), ("収入未収額", Some(Comparator::Below), Some("県税の徴収率")));
        assert_eq!(k[1].points[0].fiscal_year, Some(2025));
    }

    #[test]
    fn about_targets_set_no_direction() {
        let k = kpis("◎目標\n・令和3年度：2,600台程度\n・令和7年度に2,300台程度を導入し");
        assert!(k[0].points.iter().all(|p| p.comparator == Some(Comparator::About)));
        assert_eq!(k[0].direction, None, "2,600 then 2,300 程度 is no falling goal");
    }

    #[test]
    fn a_doubled_word_across_a_line_break_is_printed_once_in_a_label() {
        let k = kpis("取組状況\n【実績】（R6当初予算）\n・特定有人国境離島地域社会維持推進交付金の活用\n活用事業：4メニュー、総事業費6,460百万円");
        assert_eq!(k[0].label, "特定有人国境離島地域社会維持推進交付金の活用事業");
        assert_eq!((k[0].points[0].period.as_deref(), k[0].points[0].fiscal_year), (Some("R6当初予算"), Some(2024)));
    }

    #[test]
    fn clashing_figures_under_one_label_are_left_for_review() {
        let body = "取組状況\n【受講実績】受講者数：35名\n\n【受講実績】受講者数：20名";
        let lines: Vec<(u32, &str)> = body.lines().enumerate().map(|(i, l)| (i as u32 + 1, l)).collect();
        let (kpis, ambiguous) = extract(&parse_blocks(&lines, &mut Vec::new()), "題名", 2023);
        assert!(kpis.is_empty());
        assert_eq!(ambiguous, [Ambiguous { label: "受講者数".into(), lines: vec![2, 4] }]);
    }

    #[test]
    fn one_label_under_several_bullets_takes_each_bullets_topic() {
        let body = "取組状況\n・…を対象に、女性職員のための先輩講演会を実施\n【受講実績】受講者数：35名\n\n・係長級研修（集合研修）\n【受講実績】受講者数：20名";
        let lines: Vec<(u32, &str)> = body.lines().enumerate().map(|(i, l)| (i as u32 + 1, l)).collect();
        let (kpis, ambiguous) = extract(&parse_blocks(&lines, &mut Vec::new()), "題名", 2023);
        assert!(ambiguous.is_empty(), "{ambiguous:?}");
        let read: Vec<(&str, f64)> = kpis.iter().map(|k| (k.label.as_str(), k.points[0].value)).collect();
        assert_eq!(read, [("女性職員のための先輩講演会 受講者数", 35.0), ("係長級研修 受講者数", 20.0)]);
    }

    #[test]
    fn figures_in_sentences_are_read_where_the_sentence_says_what_they_are() {
        // Against the target: the actual of the row's one measure with that unit.
        let k = kpis("◎目標\nテレビ会議開催件数\n令和5年度：3,100件\n\n取組状況\n【テレビ会議開催実績】\n・見直し後の目標（3,100件）を上回る3,697件");
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(k[0].points.iter().map(|p| (p.kind, p.value)).collect::<Vec<_>>(), [(PointKind::Target, 3100.0), (PointKind::Actual, 3697.0)]);
        // Attendance under a bullet naming the training.
        let k = kpis("取組状況\n・DXリテラシー研修（集合研修）\n\u{3000}DXになぜ取り組むのか等について研修を実施し、30名が受講");
        assert_eq!((k[0].label.as_str(), k[0].points[0].value, k[0].points[0].fiscal_year), ("DXリテラシー研修 受講者数", 30.0, Some(2023)));
        // Without a bullet to name it, a figure in a sentence is no KPI (the caller warns).
        assert!(kpis("取組状況\n県内8地区で実施し、延べ2,136人が参加").is_empty());
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
