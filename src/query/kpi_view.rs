//! What the KPI page and the detail view draw: chart columns, table rows, the one-sentence
//! Japanese summary, and the counts per judgement.

use super::achievement::{self, judge, Status};
use crate::format::{fiscal_year_short, with_unit, YearStyle};
use crate::model::{Kpi, KpiPoint, PointKind, Report};

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
    for p in &kpi.series {
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
        }
        col.lines.push(p.line);
    }
    columns.sort_by_key(|(y, c)| (*y, c.lines.iter().min().copied().unwrap_or(0)));
    ChartData { columns: columns.into_iter().map(|(_, c)| c).collect(), standing_targets: standing }
}

/// One sentence for the chart's text alternative and the reader in a hurry.
pub fn summary_ja(kpi: &Kpi, report_year: i32, style: YearStyle) -> String {
    let unit = &kpi.unit;
    let year_label = |y: Option<i32>| match y {
        Some(y) => crate::format::fiscal_year(y, style),
        None => "年度の記載なし".to_string(),
    };
    let target_of = |p: &KpiPoint| match p.fiscal_year {
        Some(y) => format!("{}の目標{}", crate::format::fiscal_year(y, style), with_unit(p.value, unit)),
        None => format!("目標{}", with_unit(p.value, unit)),
    };
    let latest = kpi.series.iter().filter(|p| p.kind == PointKind::Actual).max_by_key(|p| (p.fiscal_year, p.line));
    let judged = judge(kpi, report_year);
    let status = achievement::overall(kpi, report_year);
    let main = judged
        .iter()
        .filter(|j| j.actual.is_some())
        .max_by_key(|j| (j.target.fiscal_year.is_some_and(|y| y <= report_year), j.target.fiscal_year))
        .or_else(|| judged.first());
    match (latest, main) {
        (_, Some(j)) if j.actual.is_some() => {
            let a = j.actual.expect("checked");
            let pct = j.percent.map(|p| format!("（達成率{:.0}％）", p)).unwrap_or_default();
            format!("{}：{}の実績は{}で、{}に対し{}{}。", kpi.label, year_label(a.fiscal_year), with_unit(a.value, unit), target_of(j.target), status.label_ja(), pct)
        }
        (Some(a), Some(j)) => format!(
            "{}：{}、実績は{}の{}（判定：{}）。",
            kpi.label,
            target_of(j.target),
            year_label(a.fiscal_year),
            with_unit(a.value, unit),
            status.label_ja()
        ),
        (None, Some(j)) => format!("{}：{}。実績の記載はありません（{}）。", kpi.label, target_of(j.target), status.label_ja()),
        (Some(a), None) => {
            let first = kpi.series.iter().filter(|p| p.kind == PointKind::Actual).min_by_key(|p| (p.fiscal_year, p.line)).expect("latest exists");
            if first.line == a.line && first.fiscal_year == a.fiscal_year {
                format!("{}：{}の実績は{}（数値目標の記載なし）。", kpi.label, year_label(a.fiscal_year), with_unit(a.value, unit))
            } else {
                format!(
                    "{}：{}の{}から{}の{}へ推移（数値目標の記載なし）。",
                    kpi.label,
                    year_label(first.fiscal_year),
                    with_unit(first.value, unit),
                    year_label(a.fiscal_year),
                    with_unit(a.value, unit)
                )
            }
        }
        (None, None) => format!("{}：数値の記載はありません。", kpi.label),
    }
}

/// How many KPIs are in each overall status.
pub fn status_counts<'a>(kpis: impl IntoIterator<Item = &'a Kpi>, report_year: i32) -> Vec<(Status, usize)> {
    let statuses: Vec<Status> = kpis.into_iter().map(|k| achievement::overall(k, report_year)).collect();
    Status::ALL.iter().map(|s| (*s, statuses.iter().filter(|x| *x == s).count())).collect()
}

/// The KPIs shown on the KPI page, grouped by pillar in plan order.
pub fn by_pillar(report: &Report) -> Vec<(&crate::model::Pillar, Vec<&Kpi>)> {
    report
        .pillars
        .iter()
        .map(|p| (p, report.kpis.iter().filter(|k| report.initiative(&k.initiative).is_some_and(|i| i.pillar == p.id)).collect()))
        .collect()
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
        assert_eq!(
            summary_ja(kpi(&r, "II-1-1-1", "電子申請利用所属数（累計）"), 2023, YearStyle::Era),
            "電子申請利用所属数（累計）：令和5年度の実績は87所属で、令和5年度の目標50所属に対し達成（達成率174％）。"
        );
        assert_eq!(
            summary_ja(kpi(&r, "II-3-2-4", "時間外勤務月45時間超の職員数（年間延べ人数）"), 2023, YearStyle::Era),
            "時間外勤務月45時間超の職員数（年間延べ人数）：令和5年度の実績は1,121名で、目標855名に対し未達成（達成率76％）。"
        );
        assert_eq!(
            summary_ja(kpi(&r, "III-3-2-3", "県から各団体への派遣状況"), 2023, YearStyle::Gregorian),
            "県から各団体への派遣状況：2021年度の40団体から2024年度の48団体へ推移（数値目標の記載なし）。"
        );
    }

    #[test]
    fn counts_cover_every_kpi() {
        let r = report();
        let counts = status_counts(&r.kpis, 2023);
        assert_eq!(counts.iter().map(|c| c.1).sum::<usize>(), r.kpis.len());
        let by = |s: Status| counts.iter().find(|c| c.0 == s).unwrap().1;
        // Each count against a plain count of the judgements, one KPI at a time.
        for &(status, n) in &counts {
            assert_eq!(n, r.kpis.iter().filter(|k| crate::query::achievement::overall(k, 2023) == status).count(), "{status:?}");
        }
        assert_eq!((by(Status::Achieved), by(Status::NotAchieved), by(Status::NoResult), by(Status::Upcoming), by(Status::NoTarget)), (7, 3, 2, 7, 42), "{counts:?}");
    }
}
