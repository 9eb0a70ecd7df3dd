//! What the KPI page and the detail view draw: chart columns and label placement, how a KPI is
//! shown, the page's order and counts. The sentences they print are in `kpi_sentences`.

use super::achievement::{self, Method, Status};
use super::kpi_sentences::target_ja;
use crate::format::{fiscal_year_short, number, YearStyle};
use crate::model::{Aggregate, Kpi, KpiPoint, PointKind, Report};

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

impl WorkedExample {
    /// The help page's sentence: the figures, the two growth rates and R, and the verdict.
    pub fn sentence_ja(&self) -> String {
        let y = |(year, _): (i32, f64)| crate::format::fiscal_year(year, YearStyle::Era);
        let v = |(_, value): (i32, f64)| crate::format::with_unit(value, &self.unit);
        let pct = |r: f64| format!("{:+.1}％", r * 100.0);
        format!(
            "「{}」は、{}の{}から{}の{}へ。年平均の伸びは {} です。{}の目標{}に届くには年 {} の伸びが必要なので、R = {} ÷ {} = {:.2}、判定は「{}」です。",
            self.kpi,
            y(self.base),
            v(self.base),
            y(self.latest),
            v(self.latest),
            pct(self.observed),
            y(self.target),
            v(self.target),
            pct(self.required),
            pct(self.observed),
            pct(self.required),
            self.ratio,
            self.status.label_ja()
        )
    }
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
    use crate::query::kpi_labelled as kpi;

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
    fn the_worked_example_reproduces_its_ratio() {
        let r = report();
        let w = worked_example(&r).expect("the report has a trajectory judged by compound growth");
        assert!((w.observed / w.required - w.ratio).abs() < 1e-9, "{w:?}");
        assert_eq!(w.status, achievement::category(w.ratio));
        assert!(w.base.0 < w.latest.0 && w.latest.0 < w.target.0, "{w:?}");
        // The sentence states those figures: the rates in per cent to one place, R to two.
        let sentence = w.sentence_ja();
        let pct = |r: f64| format!("{:+.1}％", r * 100.0);
        assert!(sentence.starts_with(&format!("「{}」は、", w.kpi)), "{sentence}");
        assert!(sentence.contains(&format!("R = {} ÷ {} = {:.2}、判定は「{}」です。", pct(w.observed), pct(w.required), w.ratio, w.status.label_ja())), "{sentence}");
        assert!(sentence.contains(&crate::format::with_unit(w.target.1, &w.unit)), "{sentence}");
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
