//! What the KPI page and the detail view draw: chart columns, table rows, the one-sentence
//! Japanese summary, and the counts per judgement.

use super::achievement::{self, Judgement, Method, Status};
use crate::format::{difference, figure, fiscal_year_short, number, relative, with_unit, YearStyle};
use crate::model::{ActualStatus, Aggregate, Comparator, Kpi, KpiPoint, PointKind, Report};

/// One column of a KPI chart and one row of its table.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub label: String,
    pub target: Option<f64>,
    pub actual: Option<f64>,
    /// Lines of the figures, for the table's 出典 column.
    pub lines: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    pub columns: Vec<Column>,
    /// Targets without a year (or over a span): drawn as a horizontal line.
    pub standing_targets: Vec<(f64, String)>,
    /// Printed averages (or totals) of actuals over a span: no year's figure, but what an
    /// average target is judged on, so drawn as a horizontal line of their own.
    pub aggregate_actuals: Vec<(f64, String)>,
}

impl ChartData {
    /// Where the value axis must end so that a horizontal line above every bar (a standing
    /// target, a printed average) is inside the plot: ECharts scales the axis to the bars and
    /// would leave such a line out. `None` when the bars already reach every line.
    pub fn axis_max(&self) -> Option<f64> {
        let bars = self.columns.iter().flat_map(|c| [c.target, c.actual]).flatten().fold(f64::MIN, f64::max);
        let lines = self.standing_targets.iter().chain(&self.aggregate_actuals).map(|(v, _)| *v).fold(f64::MIN, f64::max);
        (lines > bars && lines > 0.0).then(|| nice_ceiling(lines * 1.1))
    }
}

/// Where the label of a horizontal line sits, right of the plot beside the line's end: above
/// it, level with it, or below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelSide {
    Above,
    Beside,
    Below,
}

/// The font size of the lines' labels on screen, in CSS pixels (ECharts' default).
pub const LINE_LABEL_PX: f64 = 12.0;

/// The gap ECharts leaves between a mark line's end and its label, in pixels.
const LABEL_GAP_PX: f64 = 5.0;

impl ChartData {
    /// The standing targets' lines with the names their labels print: `目標 180,000`, the
    /// figure grouped like every other.
    pub fn target_lines(&self) -> Vec<(f64, String)> {
        self.standing_targets.iter().map(|(v, _)| (*v, format!("目標 {}", number(*v)))).collect()
    }

    /// The printed averages' (totals') lines with their names: `実績R3〜R5の平均 96.6`.
    pub fn aggregate_lines(&self) -> Vec<(f64, String)> {
        self.aggregate_actuals.iter().map(|(v, label)| (*v, format!("{label} {}", number(*v)))).collect()
    }

    /// Where the labels of the target lines and of the average lines sit. Both are right of the
    /// plot, so no bar reaches them; a chart with both kinds puts the higher kind's labels above
    /// their line and the lower kind's below, so two close lines (a 95％ average target and a
    /// 96.6％ average) do not print their labels over each other.
    pub fn label_sides(&self) -> (LabelSide, LabelSide) {
        let top = |lines: &[(f64, String)]| lines.iter().map(|(v, _)| *v).fold(f64::MIN, f64::max);
        if self.standing_targets.is_empty() || self.aggregate_actuals.is_empty() {
            return (LabelSide::Beside, LabelSide::Beside);
        }
        if top(&self.standing_targets) >= top(&self.aggregate_actuals) {
            (LabelSide::Above, LabelSide::Below)
        } else {
            (LabelSide::Below, LabelSide::Above)
        }
    }

    /// Pixels to keep free right of the plot for the widest line label at `font_px`; none
    /// without lines.
    pub fn label_room(&self, font_px: f64) -> u32 {
        let widest = self.target_lines().iter().chain(&self.aggregate_lines()).map(|(_, n)| text_width(n, font_px)).fold(0.0, f64::max);
        if widest == 0.0 {
            0
        } else {
            (widest + LABEL_GAP_PX + 4.0).ceil() as u32
        }
    }
}

/// How wide a line of text draws at `font_px`, erring wide: a full-width character (kana,
/// kanji, 〜) takes one em, a digit, Latin letter, space or comma about 0.62 em.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().map(|c| if c.is_ascii() || ('\u{ff61}'..='\u{ff9f}').contains(&c) { 0.62 } else { 1.0 }).sum::<f64>() * font_px
}

/// `text` broken into lines no wider than `width_px` at `font_px` (Japanese breaks between
/// any two characters; a closing bracket or a comma stays with the character before it).
pub fn wrap(text: &str, width_px: f64, font_px: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for c in text.chars() {
        let mut next = line.clone();
        next.push(c);
        let closing = "）」』】、。，．％".contains(c);
        if !line.is_empty() && !closing && text_width(&next, font_px) > width_px {
            lines.push(std::mem::take(&mut line));
            line.push(c);
        } else {
            line = next;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// What a saved chart image says about itself, so that a slide showing it needs nothing more:
/// the KPI, its judgement as its card shows it, the report's year, and where the report prints
/// its figures.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartCaption {
    /// The KPI's label.
    pub title: String,
    /// 「◎ 達成」: the mark and label of the KPI's overall judgement, as on its card.
    pub status: String,
    /// The report's year: as printed (`令和5年度`), or in 西暦 (`2023年度`).
    pub year: String,
    /// 「判定：◎ 達成　令和5年度の報告書」
    pub subtitle: String,
    /// 「出典：<the report's title>　18ページ・364〜378行（取組 II-1-1-1）」
    pub source: String,
}

/// The caption of `kpi`'s saved chart. The judgement is [`achievement::overall`], the one
/// the KPI page and the detail show; the page and lines are those of the KPI's figures.
pub fn chart_caption(report: &Report, kpi: &Kpi, style: YearStyle) -> ChartCaption {
    let meta = &report.report;
    let status = achievement::overall(report, kpi);
    let status = format!("{} {}", status.mark(), status.label_ja());
    let year = match style {
        YearStyle::Era if !meta.label.trim().is_empty() => meta.label.trim().to_string(),
        _ => crate::format::fiscal_year(meta.fiscal_year, style),
    };
    let place = if kpi.series.is_empty() {
        String::new()
    } else {
        format!("　{}", super::source::cite(&meta.source, kpi.series.iter().map(|p| p.line)))
    };
    ChartCaption {
        title: kpi.label.clone(),
        subtitle: format!("判定：{status}　{year}の報告書"),
        source: format!("出典：{}{place}（取組 {}）", meta.title.trim(), kpi.initiative),
        status,
        year,
    }
}

/// The next round number at or above `v`: 1, 2, 2.5 or 5 times a power of ten.
fn nice_ceiling(v: f64) -> f64 {
    let power = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * power).find(|&n| n >= v).unwrap_or(v)
}

/// The label of a point's column: its fiscal year, or the printed period when the series has
/// several points in one fiscal year (`R3.1`, `R3.8`).
fn column_label(p: &KpiPoint, crowded: bool, style: YearStyle) -> Option<String> {
    let year = p.fiscal_year?;
    if crowded {
        if let Some(period) = &p.period {
            return Some(match style {
                YearStyle::Era => period.clone(),
                YearStyle::Gregorian => format!("{}（{}）", year, period),
            });
        }
    }
    Some(fiscal_year_short(year, style))
}

pub fn chart_data(kpi: &Kpi, style: YearStyle) -> ChartData {
    let crowded = [PointKind::Actual, PointKind::Target].iter().any(|kind| {
            let years: Vec<i32> = kpi.series.iter().filter(|p| p.kind == *kind).filter_map(|p| p.fiscal_year).collect();
            years.iter().enumerate().any(|(i, y)| years[..i].contains(y))
        });
    let mut columns: Vec<(i32, Column)> = Vec::new();
    let mut standing = Vec::new();
    let mut aggregates = Vec::new();
    for p in &kpi.series {
        // A target on every year, an average or a total is a line across the chart.
        if p.kind == PointKind::Target && p.aggregate.is_some() {
            standing.push((p.value, target_ja(p, &kpi.unit, style)));
            continue;
        }
        if p.kind == PointKind::Actual && p.aggregate.is_some() {
            let what = if p.aggregate == Some(Aggregate::Total) { "合計" } else { "平均" };
            let span = match p.span {
                Some([Some(a), Some(b)]) => format!("{}〜{}の", fiscal_year_short(a, style), fiscal_year_short(b, style)),
                _ => String::new(),
            };
            aggregates.push((p.value, format!("実績{span}{what}")));
            continue;
        }
        // A budget or plan is no result and no target: the table lists it, the chart does not.
        if p.kind == PointKind::Plan {
            continue;
        }
        let Some(label) = column_label(p, crowded, style) else {
            if p.kind == PointKind::Target {
                standing.push((p.value, p.period.clone().unwrap_or_else(|| "目標".into())));
            }
            continue;
        };
        let year = p.fiscal_year.unwrap_or_default();
        let at = match columns.iter().position(|(_, c)| c.label == label) {
            Some(i) => i,
            None => {
                columns.push((year, Column { label, target: None, actual: None, lines: Vec::new() }));
                columns.len() - 1
            }
        };
        let col = &mut columns[at].1;
        match p.kind {
            PointKind::Target => col.target = Some(p.value),
            PointKind::Actual => col.actual = Some(p.value),
            PointKind::Plan => unreachable!("plans are left out above"),
        }
        col.lines.push(p.line);
    }
    columns.sort_by_key(|(y, c)| (*y, c.lines.iter().min().copied().unwrap_or(0)));
    ChartData { columns: columns.into_iter().map(|(_, c)| c).collect(), standing_targets: standing, aggregate_actuals: aggregates }
}

/// How a target reads: `令和7年度の目標99％以上`, `毎年度（令和6年度まで）の目標30,000千円`,
/// `令和3年度～令和7年度の平均で50％以上`, `目標855名`.
pub fn target_ja(p: &KpiPoint, unit: &str, style: YearStyle) -> String {
    let word = match p.comparator {
        Some(Comparator::AtLeast) => "以上",
        Some(Comparator::AtMost) => "以下",
        Some(Comparator::Below) => "未満",
        Some(Comparator::Above) => "超",
        Some(Comparator::About) => "程度",
        Some(Comparator::Equal) | None => "",
    };
    let mut value = format!("{}{word}", figure(p, unit));
    if let Some(u) = p.upper {
        value.push_str(&format!("{}以下", with_unit(u, unit)));
    }
    let year = |y: i32| crate::format::fiscal_year(y, style);
    let span = |s: [Option<i32>; 2]| match s {
        [Some(a), Some(b)] => format!("{}～{}", year(a), year(b)),
        [None, Some(b)] => format!("{}まで", year(b)),
        [Some(a), None] => format!("{}から", year(a)),
        [None, None] => String::new(),
    };
    match (p.aggregate, p.span, p.fiscal_year) {
        (Some(Aggregate::EachYear), Some(s), _) => format!("毎年度（{}）の目標{value}", span(s)),
        (Some(Aggregate::EachYear), None, _) => format!("毎年度の目標{value}"),
        (Some(Aggregate::Average), Some(s), _) => format!("{}の平均で目標{value}", span(s)),
        (Some(Aggregate::Total), Some(s), _) => format!("{}の合計で目標{value}", span(s)),
        (_, _, Some(y)) => format!("{}の目標{value}", year(y)),
        _ => format!("目標{value}"),
    }
}

/// Actual against target and the gap, for the overview's list of KPIs that need attention:
/// `実績1,121名（令和5年度）／令和5年度の目標855名以下　差 +266名（目標比 +31％）`. A
/// difference of percentages is in ポイント; the relative one is labelled 目標比.
pub fn versus_ja(kpi: &Kpi, j: &Judgement, style: YearStyle) -> String {
    let unit = &kpi.unit;
    let actual = match (j.observed, j.actual) {
        (Some(v), Some(a)) => {
            let when = a.fiscal_year.map(|y| format!("（{}）", crate::format::fiscal_year(y, style))).unwrap_or_default();
            match j.method {
                Method::Average => format!("平均{}{when}", with_unit(v, unit)),
                Method::Total => format!("合計{}{when}", with_unit(v, unit)),
                _ => format!("実績{}{when}", figure(a, unit)),
            }
        }
        (Some(v), None) => format!("実績{}", with_unit(v, unit)),
        _ => "実績の記載なし".to_string(),
    };
    let mut out = format!("{actual}／{}", target_ja(j.target, unit, style));
    if let Some(gap) = j.gap {
        out.push_str(&format!("　差 {}", difference(gap.difference, unit)));
        if let Some(share) = gap.share {
            out.push_str(&format!("（{}）", relative(share)));
        }
    }
    out
}

/// A trajectory judgement of the report worked through, for the help page.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkedExample {
    pub kpi: String,
    pub unit: String,
    /// (fiscal year, value) of the first actual, the latest actual and the target.
    pub base: (i32, f64),
    pub latest: (i32, f64),
    pub target: (i32, f64),
    /// Compound annual growth rates, observed and required.
    pub observed: f64,
    pub required: f64,
    pub ratio: f64,
    pub status: Status,
}

/// The first KPI of the report whose future target was judged by compound growth, with the
/// figures that produce its R.
pub fn worked_example(report: &Report) -> Option<WorkedExample> {
    report.kpis.iter().find_map(|k| {
        let judged = achievement::judge(report, k);
        let j = judged.iter().find(|j| j.method == Method::Cagr && j.ratio.is_some())?;
        let (base, latest) = (j.base?, j.actual?);
        let point = |p: &KpiPoint| Some((p.fiscal_year?, p.value));
        let (b, l, t) = (point(base)?, point(latest)?, point(j.target)?);
        let rate = |to: (i32, f64)| (to.1 / b.1).powf(1.0 / f64::from(to.0 - b.0)) - 1.0;
        Some(WorkedExample {
            kpi: k.label.clone(),
            unit: k.unit.clone(),
            base: b,
            latest: l,
            target: t,
            observed: rate(l),
            required: rate(t),
            ratio: j.ratio?,
            status: j.status,
        })
    })
}

/// One sentence for the chart's text alternative and the reader in a hurry: the verdict the
/// badge shows, with the other branch of an either-or target and targets taken from a KPI of
/// the same measure.
pub fn summary_ja(report: &Report, kpi: &Kpi, style: YearStyle) -> String {
    summary_of(kpi, &achievement::judge(report, kpi), report.report.fiscal_year, style)
}

fn summary_of(kpi: &Kpi, judged: &[Judgement], report_year: i32, style: YearStyle) -> String {
    let unit = &kpi.unit;
    let year_label = |y: Option<i32>| match y {
        Some(y) => crate::format::fiscal_year(y, style),
        None => "年度の記載なし".to_string(),
    };
    let provisional = |p: &KpiPoint| match p.status {
        Some(ActualStatus::Estimate) => "（見込）",
        Some(ActualStatus::Preliminary) => "（速報値）",
        _ => "",
    };
    let actual_ja = |a: &KpiPoint| format!("{}の実績は{}{}", year_label(a.fiscal_year), figure(a, unit), provisional(a));
    let yearly: Vec<&KpiPoint> = kpi.series.iter().filter(|p| p.kind == PointKind::Actual && p.aggregate.is_none()).collect();
    let latest = yearly.iter().copied().max_by_key(|p| (p.fiscal_year, p.line));
    let Some(j) = achievement::headline(judged, report_year) else {
        return match latest {
            None => format!("{}：数値の記載はありません。", kpi.label),
            Some(a) => {
                let first = yearly.iter().copied().min_by_key(|p| (p.fiscal_year, p.line)).expect("latest exists");
                if first.line == a.line && first.fiscal_year == a.fiscal_year {
                    format!("{}：{}（数値目標の記載なし）。", kpi.label, actual_ja(a))
                } else {
                    format!(
                        "{}：{}の{}から{}の{}へ推移（数値目標の記載なし）。",
                        kpi.label,
                        year_label(first.fiscal_year),
                        figure(first, unit),
                        year_label(a.fiscal_year),
                        figure(a, unit)
                    )
                }
            }
        };
    };
    let target = target_ja(j.target, unit, style);
    let status = j.status.label_ja();
    let pct = j.percent.filter(|_| j.status.is_verdict()).map(|p| format!("（達成率{:.0}％）", p)).unwrap_or_default();
    let mut out = match (j.method, j.actual, j.status) {
        (_, _, Status::CannotJudge) => {
            let reason = j.reason.map_or(String::new(), |r| format!("（{}）", r.label_ja()));
            match latest {
                Some(a) => format!("{}：{}、{}。{}{}。", kpi.label, target, actual_ja(a), status, reason),
                None => format!("{}：{}。{}{}。", kpi.label, target, status, reason),
            }
        }
        (_, None, _) | (_, _, Status::NoResult) => format!("{}：{}。実績の記載はありません。", kpi.label, target),
        (_, Some(a), Status::Undated) => format!(
            "{}：{}で、{}まで{}。目標年度の記載がないため、未達成とは判定しません。",
            kpi.label,
            actual_ja(a),
            target,
            j.gap.map_or(String::new(), |g| format!("差 {}", difference(g.difference, unit)))
        ),
        (Method::Level, Some(a), Status::LevelReached) => {
            format!("{}：{}で、{}の水準にすでに到達しています（目標年度はまだ先です）。", kpi.label, actual_ja(a), target)
        }
        (Method::Cagr | Method::Linear, Some(a), _) => format!(
            "{}：{}。{}に向けた推移は「{}」です（必要な伸びに対する実際の伸び{:.2}倍）。",
            kpi.label,
            actual_ja(a),
            target,
            status,
            j.ratio.unwrap_or_default()
        ),
        (Method::Average | Method::Total, Some(_), _) => {
            let what = if j.method == Method::Average { "平均" } else { "合計" };
            format!("{}：{}は{}で、{}に対し{}。", kpi.label, what, with_unit(j.observed.unwrap_or_default(), unit), target, j.label_ja())
        }
        (_, Some(a), _) => format!("{}：{}で、{}に対し{}{}。", kpi.label, actual_ja(a), target, status, pct),
    };
    if let Some(e) = &j.either {
        out.push_str(&format!("「又は」で結ばれたもう一方の条件（{}）は「{}」です。", e.other_label, e.other_status.label_ja()));
        if j.target_reached() && !matches!(j.status, Status::Achieved | Status::LevelReached) {
            out.push_str("目標はもう一方の条件で満たしています。");
        }
    }
    if let Some(from) = &j.targets_from {
        out.push_str(&format!("目標は同じ指標を掲げる取組 {} のものです。", from.initiative));
    }
    out
}

/// How many KPIs are in each overall status.
pub fn status_counts<'a>(report: &Report, kpis: impl IntoIterator<Item = &'a Kpi>) -> Vec<(Status, usize)> {
    let statuses: Vec<Status> = kpis.into_iter().map(|k| achievement::overall(report, k)).collect();
    Status::ALL.iter().map(|s| (*s, statuses.iter().filter(|x| *x == s).count())).collect()
}

/// How a KPI is shown: a chart only where it compares something.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Display<'a> {
    /// Two or more points, or an actual against a target.
    Chart,
    /// One figure and nothing to compare it with: the number, its unit, period and line.
    Tile(&'a KpiPoint),
    /// No figures printed: said in words.
    Empty,
}

pub fn display(kpi: &Kpi) -> Display<'_> {
    match kpi.series.as_slice() {
        [] => Display::Empty,
        [only] => Display::Tile(only),
        _ => Display::Chart,
    }
}

keyed! {
    /// The order of the KPI page.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum KpiOrder {
        /// Pillars and initiatives in plan order.
        #[default]
        Plan => "plan", "計画の順";
        /// Most serious judgement first, every verdict before what has none.
        Judgement => "judgement", "判定の厳しい順";
        /// Furthest from the target first (lowest % of target reached), among verdicts.
        Gap => "gap", "目標との差が大きい順";
    }
}

/// The KPIs of the KPI page with their overall judgement: those with `status` (all when
/// `None`), in `order`. Sorting is stable, so ties keep plan order. Each KPI is judged once
/// here; the page shows the status it returns.
/// The KPIs of a pillar (all with `None`): the KPI page lists and counts the same ones.
pub fn kpis_in_pillar<'r>(report: &'r Report, pillar: Option<&'r str>) -> impl Iterator<Item = &'r Kpi> + 'r {
    report.kpis.iter().filter(move |k| pillar.is_none_or(|p| report.initiative(&k.initiative).is_some_and(|i| i.pillar == p)))
}

pub fn kpi_list<'r>(report: &'r Report, pillar: Option<&'r str>, status: Option<Status>, order: KpiOrder) -> Vec<(&'r Kpi, Status)> {
    let mut rows: Vec<(&Kpi, Status, Option<f64>)> = kpis_in_pillar(report, pillar)
        .map(|k| {
            let judged = achievement::judge(report, k);
            let head = achievement::headline(&judged, report.report.fiscal_year);
            (k, achievement::summarize(&judged, report.report.fiscal_year), head.and_then(|j| j.percent))
        })
        .filter(|(_, s, _)| status.is_none_or(|want| *s == want))
        .collect();
    match order {
        KpiOrder::Plan => {}
        KpiOrder::Judgement => rows.sort_by_key(|(_, s, _)| s.severity()),
        // Only a verdict has a gap to rank by; the rest follow in severity order.
        KpiOrder::Gap => rows.sort_by(|a, b| {
            let gap = |(_, s, p): &(&Kpi, Status, Option<f64>)| p.filter(|_| s.is_verdict());
            match (gap(a), gap(b)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.1.severity().cmp(&b.1.severity()),
            }
        }),
    }
    rows.into_iter().map(|(k, s, _)| (k, s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::query::committed_report as report;

    fn kpi<'a>(r: &'a Report, ini: &str, label: &str) -> &'a Kpi {
        r.kpis.iter().find(|k| k.initiative == ini && k.label == label).unwrap()
    }

    #[test]
    fn columns_by_fiscal_year_with_target_and_actual() {
        let r = report();
        let k = kpi(&r, "II-1-1-1", "電子申請利用所属数（累計）");
        let d = chart_data(k, YearStyle::Era);
        let labels: Vec<&str> = d.columns.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["R3", "R4", "R5", "R6", "R7"]);
        assert_eq!((d.columns[2].target, d.columns[2].actual), (Some(50.0), Some(87.0)));
        let d = chart_data(k, YearStyle::Gregorian);
        assert_eq!(d.columns[0].label, "2021");
    }

    #[test]
    fn several_points_in_one_year_use_printed_periods() {
        let r = report();
        let d = chart_data(kpi(&r, "II-1-2-1", "押印見直しの進捗率（制度的対応）"), YearStyle::Era);
        assert_eq!(d.columns.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(), ["R3.1", "R3.8", "R4.3"]);
        let d = chart_data(kpi(&r, "II-3-2-4", "時間外勤務月45時間超の職員数（年間延べ人数）"), YearStyle::Era);
        assert_eq!(d.standing_targets, [(855.0, "目標".to_string())]);
        assert_eq!(d.columns.len(), 5);
    }

    #[test]
    fn summaries_in_japanese() {
        let r = report();
        for (initiative, label, style, want) in [
            ("II-1-1-1", "電子申請利用所属数（累計）", YearStyle::Era, "電子申請利用所属数（累計）：令和5年度の実績は87所属で、令和5年度の目標50所属に対し達成（達成率174％）。"),
            ("III-5-1-2", "管理職員に占める女性職員の割合", YearStyle::Era, "管理職員に占める女性職員の割合：令和6年度の実績は17.5％。令和7年度の目標20％に向けた推移は「加速が必要」です（必要な伸びに対する実際の伸び0.83倍）。"),
            ("II-3-2-4", "時間外勤務月45時間超の職員数（年間延べ人数）", YearStyle::Era, "時間外勤務月45時間超の職員数（年間延べ人数）：令和5年度の実績は1,121名で、目標855名まで差 +266名。目標年度の記載がないため、未達成とは判定しません。"),
            ("III-3-2-3", "県から各団体への派遣状況", YearStyle::Gregorian, "県から各団体への派遣状況：2021年度の40団体から2024年度の48団体へ推移（数値目標の記載なし）。"),
        ] {
            assert_eq!(summary_ja(&r, kpi(&r, initiative, label), style), want);
        }
    }

    #[test]
    fn counts_cover_every_kpi() {
        let r = report();
        let alone = |k| achievement::summarize(&achievement::judge_alone(k, 2023), 2023);
        let by = |s: Status| r.kpis.iter().filter(|k| alone(k) == s).count();
        let with_branches = status_counts(&r, &r.kpis);
        assert_eq!(with_branches.iter().map(|c| c.1).sum::<usize>(), r.kpis.len());
        // Each count against a plain count of the judgements, one KPI at a time.
        for &(status, n) in &with_branches {
            assert_eq!(n, r.kpis.iter().filter(|k| achievement::overall(&r, k) == status).count(), "{status:?}");
        }
        let by_in = |s: Status| with_branches.iter().find(|c| c.0 == s).unwrap().1;
        // Within the report, a KPI without targets takes those of a KPI of the same measure
        // (the RPA robots, printed under four initiatives, with targets under one).
        let borrowing = r
            .kpis
            .iter()
            .filter(|k| !k.series.iter().any(|p| p.kind == PointKind::Target))
            .filter(|k| achievement::same_measure(&r, k).any(|o| o.series.iter().any(|p| p.kind == PointKind::Target)))
            .count();
        assert_eq!(borrowing, 3);
        assert_eq!(by_in(Status::NoTarget) + borrowing, by(Status::NoTarget));
        assert_eq!(by_in(Status::Achieved), by(Status::Achieved) + borrowing);
        // An either-or branch keeps its own state: 収入未済額 cannot be judged either way.
        assert_eq!(by_in(Status::CannotJudge), by(Status::CannotJudge));
    }

    #[test]
    fn a_chart_only_where_it_compares() {
        let r = report();
        for k in &r.kpis {
            let want = match k.series.len() {
                0 => "empty",
                1 => "tile",
                _ => "chart",
            };
            let got = match display(k) {
                Display::Empty => "empty",
                Display::Tile(p) => {
                    assert_eq!(p, &k.series[0]);
                    "tile"
                }
                Display::Chart => "chart",
            };
            assert_eq!(got, want, "{}", k.id);
        }
        let tiles = r.kpis.iter().filter(|k| matches!(display(k), Display::Tile(_))).count();
        assert!(tiles > 10, "single figures without anything to compare: {tiles}");
    }

    #[test]
    fn the_kpi_page_filters_by_judgement_and_sorts_by_severity_or_gap() {
        let r = report();
        let all = kpi_list(&r, None, None, KpiOrder::Plan);
        assert_eq!(all.len(), r.kpis.len());
        assert!(all.iter().zip(&r.kpis).all(|((a, _), b)| a.id == b.id), "plan order");
        // The status handed to the page is the KPI's overall judgement.
        assert!(all.iter().all(|(k, s)| achievement::overall(&r, k) == *s));
        let short = kpi_list(&r, None, Some(Status::AccelerationNeeded), KpiOrder::Plan);
        assert!(!short.is_empty());
        assert!(short.iter().all(|(k, _)| achievement::overall(&r, k) == Status::AccelerationNeeded));
        let by_judgement = kpi_list(&r, None, None, KpiOrder::Judgement);
        let sev: Vec<u8> = by_judgement.iter().map(|(k, _)| achievement::overall(&r, k).severity()).collect();
        assert!(sev.windows(2).all(|w| w[0] <= w[1]), "{sev:?}");
        assert!(achievement::overall(&r, by_judgement[0].0).falls_short());
        // 判定できない sorts after everything judged, in every order.
        for order in KpiOrder::ALL {
            let list = kpi_list(&r, None, None, order);
            let first_unjudged = list.iter().position(|(_, s)| !s.is_verdict()).unwrap();
            assert!(list[first_unjudged..].iter().all(|(_, s)| !s.is_verdict()) || order == KpiOrder::Plan, "{order:?}");
        }
        let by_gap = kpi_list(&r, None, None, KpiOrder::Gap);
        let percents: Vec<f64> = by_gap
            .iter()
            .filter_map(|(k, s)| achievement::headline(&achievement::judge(&r, k), r.report.fiscal_year).and_then(|j| j.percent).filter(|_| s.is_verdict()))
            .collect();
        assert!(percents.windows(2).all(|w| w[0] <= w[1]), "{percents:?}");
        assert!(percents[0] < 100.0);
    }

    #[test]
    fn under_a_pillar_the_counts_are_those_of_the_list() {
        let r = report();
        for pillar in [None].into_iter().chain(r.pillars.iter().map(|p| Some(p.id.as_str()))) {
            let counts = status_counts(&r, kpis_in_pillar(&r, pillar));
            assert_eq!(counts.iter().map(|(_, n)| n).sum::<usize>(), kpi_list(&r, pillar, None, KpiOrder::Plan).len(), "{pillar:?}");
            for (status, n) in counts {
                assert_eq!(kpi_list(&r, pillar, Some(status), KpiOrder::Plan).len(), n, "{pillar:?} {status:?}");
            }
        }
        // Pillar I's counts are its own, not the report's.
        assert_ne!(status_counts(&r, kpis_in_pillar(&r, Some("I"))), status_counts(&r, &r.kpis));
    }

    #[test]
    fn versus_reads_actual_against_target_with_the_gap() {
        let r = report();
        let k = kpi(&r, "II-3-2-4", "時間外勤務月45時間超の職員数（年間延べ人数）");
        let judged = achievement::judge(&r, k);
        let j = achievement::headline(&judged, r.report.fiscal_year).unwrap();
        assert_eq!(j.status, Status::Undated);
        let text = versus_ja(k, j, YearStyle::Era);
        let actual = j.actual.unwrap();
        assert!(text.starts_with(&format!("実績{}", with_unit(actual.value, &k.unit))), "{text}");
        let diff = actual.value - j.target.value;
        assert!(text.contains(&format!("差 +{}", with_unit(diff, &k.unit))), "{text}");
    }

    #[test]
    fn the_worked_example_reproduces_its_ratio() {
        let r = report();
        let w = worked_example(&r).expect("the report has a trajectory judged by compound growth");
        assert!((w.observed / w.required - w.ratio).abs() < 1e-9, "{w:?}");
        assert_eq!(w.status, achievement::category(w.ratio));
        assert!(w.base.0 < w.latest.0 && w.latest.0 < w.target.0, "{w:?}");
    }

    #[test]
    fn a_printed_average_is_drawn_as_a_line_of_its_own() {
        let r = report();
        let k = r.kpis.iter().find(|k| k.series.iter().any(|p| p.kind == PointKind::Actual && p.aggregate == Some(Aggregate::Average))).unwrap();
        let avg = k.series.iter().find(|p| p.kind == PointKind::Actual && p.aggregate.is_some()).unwrap();
        let d = chart_data(k, YearStyle::Era);
        assert_eq!(d.aggregate_actuals.len(), 1);
        assert_eq!(d.aggregate_actuals[0].0, avg.value);
        assert!(d.aggregate_actuals[0].1.starts_with("実績R"), "{:?}", d.aggregate_actuals);
    }

    #[test]
    fn the_axis_reaches_a_target_line_above_every_bar() {
        let r = report();
        // 公募委員率: one actual of 15.1％ and a standing target of 20％程度.
        let d = chart_data(kpi(&r, "III-1-1-6", "公募委員率"), YearStyle::Era);
        assert_eq!(d.standing_targets.len(), 1);
        assert_eq!(d.axis_max(), Some(25.0));
        // Bars above the target line: ECharts' own scale already holds it.
        let d = chart_data(kpi(&r, "II-3-2-4", "時間外勤務月45時間超の職員数（年間延べ人数）"), YearStyle::Era);
        assert_eq!(d.axis_max(), None);
        for k in &r.kpis {
            let d = chart_data(k, YearStyle::Era);
            let top = d.columns.iter().flat_map(|c| [c.target, c.actual]).flatten().fold(f64::MIN, f64::max).max(d.axis_max().unwrap_or(f64::MIN));
            for (v, _) in d.standing_targets.iter().chain(&d.aggregate_actuals) {
                assert!(*v <= top, "{}: line {v} above the axis end {top}", k.id);
            }
        }
        assert_eq!((nice_ceiling(22.0), nice_ceiling(0.9), nice_ceiling(1_100.0), nice_ceiling(2_400.0)), (25.0, 1.0, 2_000.0, 2_500.0));
    }

    /// The printed page of `line`, read from the report's page spans here.
    fn page_of(r: &Report, line: u32) -> u32 {
        r.report.source.page_spans.iter().find(|s| s.first_line <= line && line <= s.last_line).and_then(|s| s.page).unwrap()
    }

    #[test]
    fn a_saved_chart_names_the_kpi_its_judgement_the_year_and_the_source() {
        let r = report();
        let k = kpi(&r, "II-1-1-1", "電子申請利用所属数（累計）");
        let c = chart_caption(&r, k, YearStyle::Era);
        assert_eq!(c.title, k.label);
        // The judgement of its card on the KPI page.
        let (_, card) = kpi_list(&r, None, None, KpiOrder::Plan).into_iter().find(|(x, _)| x.id == k.id).unwrap();
        assert_eq!(card, Status::Achieved);
        assert_eq!(c.status, "◎ 達成");
        assert_eq!(c.year, r.report.label);
        assert_eq!(c.subtitle, format!("判定：◎ 達成　{}の報告書", r.report.label));
        let lines: Vec<u32> = k.series.iter().map(|p| p.line).collect();
        let (first, last) = (*lines.iter().min().unwrap(), *lines.iter().max().unwrap());
        assert_eq!(page_of(&r, first), page_of(&r, last));
        assert_eq!(c.source, format!("出典：{}　{}ページ・{first}〜{last}行（取組 II-1-1-1）", r.report.title, page_of(&r, first)));
        assert_eq!(chart_caption(&r, k, YearStyle::Gregorian).year, format!("{}年度", r.report.fiscal_year));
        // Every KPI's caption carries its card's judgement and the report's year.
        for (k, s) in kpi_list(&r, None, None, KpiOrder::Plan) {
            let c = chart_caption(&r, k, YearStyle::Era);
            assert_eq!(c.status, format!("{} {}", s.mark(), s.label_ja()), "{}", k.id);
            assert!(c.subtitle.contains(&c.status) && c.subtitle.contains(&r.report.label), "{}: {}", k.id, c.subtitle);
            assert!(c.source.starts_with(&format!("出典：{}", r.report.title)), "{}", c.source);
        }
        // Another edition's caption says its own year.
        let mut next = r.clone();
        next.report.fiscal_year += 1;
        next.report.label = crate::fiscal::era_label(next.report.fiscal_year);
        let c = chart_caption(&next, kpi(&next, "II-1-1-1", "電子申請利用所属数（累計）"), YearStyle::Era);
        assert_eq!(c.year, next.report.label);
        assert_ne!(c.year, r.report.label);
    }

    #[test]
    fn figures_printed_on_two_printings_of_a_page_are_cited_apart() {
        let r = report();
        // 寄附額 of I-3-3-3: the actuals in the row, the target in a table printed later.
        let k = r.kpis.iter().find(|k| k.id == "I-3-3-3-k1").unwrap();
        let mut lines: Vec<u32> = k.series.iter().map(|p| p.line).collect();
        lines.sort_unstable();
        lines.dedup();
        assert_eq!(lines.len(), 2);
        let c = chart_caption(&r, k, YearStyle::Era);
        assert!(c.source.ends_with(&format!("　{}ページ・{}行、{}行（取組 I-3-3-3）", page_of(&r, lines[0]), lines[0], lines[1])), "{}", c.source);
    }

    #[test]
    fn line_labels_sit_right_of_the_plot_and_apart_from_each_other() {
        let r = report();
        // 95％ average target and a printed average of 96.6％: the higher one's label above.
        let k = r.kpis.iter().find(|k| k.id == "III-1-1-4-k1").unwrap();
        let d = chart_data(k, YearStyle::Era);
        let (target, average) = (d.target_lines(), d.aggregate_lines());
        assert_eq!(target.len(), 1);
        assert_eq!(average.len(), 1);
        assert!(target[0].0 < average[0].0);
        assert_eq!(d.label_sides(), (LabelSide::Below, LabelSide::Above));
        assert_eq!(target[0].1, format!("目標 {}", number(target[0].0)));
        assert!(average[0].1.ends_with(&format!(" {}", number(average[0].0))), "{}", average[0].1);
        // Room for the widest label beside the plot, and none where there is no line.
        let widest = text_width(&average[0].1, LINE_LABEL_PX).max(text_width(&target[0].1, LINE_LABEL_PX));
        assert!(f64::from(d.label_room(LINE_LABEL_PX)) >= widest + 5.0);
        assert_eq!(chart_data(kpi(&r, "II-1-1-1", "電子申請利用所属数（累計）"), YearStyle::Era).label_room(LINE_LABEL_PX), 0);
        // One kind of line alone: level with its line.
        let d = chart_data(r.kpis.iter().find(|k| k.id == "I-3-3-3-k1").unwrap(), YearStyle::Era);
        assert_eq!(d.label_sides(), (LabelSide::Beside, LabelSide::Beside));
        assert_eq!(d.target_lines(), [(180_000.0, "目標 180,000".to_string())]);
    }

    #[test]
    fn a_long_title_wraps_within_its_width() {
        let r = report();
        let longest = r.kpis.iter().map(|k| k.label.as_str()).max_by_key(|l| l.chars().count()).unwrap();
        let lines = wrap(longest, 400.0, 18.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.concat(), longest);
        assert!(lines.iter().all(|l| text_width(l, 18.0) <= 400.0 || l.chars().count() == 1), "{lines:?}");
        assert!(lines.iter().skip(1).all(|l| !l.starts_with(['」', '）'])), "{lines:?}");
        assert_eq!(wrap("短い", 400.0, 18.0), ["短い"]);
        assert!((text_width("目標 1", 10.0) - (2.0 * 10.0 + 2.0 * 6.2)).abs() < 1e-9);
    }
}
