//! One initiative in both editions, for its detail: which row it was last year and why the
//! match is not exact, and each KPI's figures year by year side by side, a figure printed again
//! with another value marked as revised (both values, both lines).

use super::matching::Matching;
use crate::format::{fiscal_year_short, YearStyle};
use crate::model::{Kpi, KpiPoint, PointKind, Report};

/// One figure of one edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    pub text: String,
    pub line: u32,
}

/// One year and kind of a KPI, in both editions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRow {
    /// 「実績 R5」, 「目標 R7」.
    pub what: String,
    pub older: Option<Printed>,
    pub newer: Option<Printed>,
    /// Both print it, with other values.
    pub revised: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KpiSideBySide {
    /// The newer edition's KPI id.
    pub kpi: String,
    pub label: String,
    pub unit: String,
    pub rows: Vec<YearRow>,
    /// The actuals of both editions on one axis of years, for one chart.
    pub joined: Joined,
}

/// Each fiscal year either edition reports an actual for (a yearly one, not an average), with
/// the older and the newer edition's value: where both print the year with other values, the
/// newer report revised it.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Joined {
    /// 「R4」 …, in year order.
    pub years: Vec<String>,
    pub older: Vec<Option<f64>>,
    pub newer: Vec<Option<f64>>,
}

impl Joined {
    /// Worth a chart: two years or more, or a year both editions print.
    pub fn is_chartable(&self) -> bool {
        self.years.len() >= 2 || self.older.iter().zip(&self.newer).any(|(o, n)| o.is_some() && n.is_some())
    }
}

fn joined(older: &Kpi, newer: &Kpi) -> Joined {
    let yearly = |kpi: &Kpi| -> Vec<(i32, f64)> {
        kpi.series.iter().filter(|p| p.kind == PointKind::Actual && p.aggregate.is_none()).filter_map(|p| Some((p.fiscal_year?, p.value))).collect()
    };
    let (o, n) = (yearly(older), yearly(newer));
    let mut years: Vec<i32> = o.iter().chain(&n).map(|(y, _)| *y).collect();
    years.sort_unstable();
    years.dedup();
    // The latest figure printed for a year: a report lists a year once, a repeat is the same.
    let at = |points: &[(i32, f64)], year: i32| points.iter().rev().find(|(y, _)| *y == year).map(|(_, v)| *v);
    Joined {
        older: years.iter().map(|&y| at(&o, y)).collect(),
        newer: years.iter().map(|&y| at(&n, y)).collect(),
        years: years.into_iter().map(|y| fiscal_year_short(y, YearStyle::Era)).collect(),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SideBySide {
    /// 「令和5年度の報告書では I-1-1-3（番号の変更）」, or that it is new.
    pub match_ja: String,
    pub kpis: Vec<KpiSideBySide>,
}

fn key(p: &KpiPoint) -> (PointKind, Option<i32>, bool) {
    (p.kind, p.fiscal_year, p.aggregate.is_some())
}

/// The year rows of a KPI printed in both editions: every (kind, year) either prints, in year
/// order, targets after actuals.
fn rows(older: &Kpi, newer: &Kpi) -> Vec<YearRow> {
    let mut keys: Vec<(PointKind, Option<i32>, bool)> = older.series.iter().chain(&newer.series).map(key).collect();
    keys.sort_by_key(|&(kind, year, aggregate)| (year.unwrap_or(i32::MAX), kind == PointKind::Target, aggregate));
    keys.dedup();
    keys.into_iter()
        .map(|k| {
            let find = |kpi: &Kpi| kpi.series.iter().rev().find(|p| key(p) == k).map(|p| (p.value, Printed { text: p.text.clone(), line: p.line }));
            let (o, n) = (find(older), find(newer));
            let year = k.1.map_or_else(|| "年度の記載なし".to_string(), |y| fiscal_year_short(y, YearStyle::Era));
            YearRow {
                what: format!("{} {year}", k.0.label_ja()),
                revised: matches!((&o, &n), (Some((a, _)), Some((b, _))) if a != b),
                older: o.map(|(_, p)| p),
                newer: n.map(|(_, p)| p),
            }
        })
        .collect()
}

/// Initiative `newer_id` of `newer` beside its row in `older`, if the editions are compared.
pub fn side_by_side(older: &Report, newer: &Report, matching: &Matching, newer_id: &str) -> Option<SideBySide> {
    let ini = newer.initiative(newer_id)?;
    let Some(m) = matching.of_newer(newer_id) else {
        return Some(SideBySide { match_ja: format!("{}の報告書にはない、新しい取組です。", older.report.label), kpis: Vec::new() });
    };
    let match_ja = match older.initiative(&m.older).filter(|_| !m.is_exact()) {
        Some(was) => format!("{}の報告書の {} と同じ取組です（{}）。", older.report.label, m.older, m.reasons_ja(was, ini)),
        None => format!("{}の報告書の {} と同じ取組です。", older.report.label, m.older),
    };
    let kpis = ini
        .kpis
        .iter()
        .filter_map(|id| {
            let n = newer.kpi(id)?;
            let o = matching.kpis.iter().find(|k| k.newer == *id).and_then(|k| older.kpi(&k.older))?;
            Some(KpiSideBySide { kpi: id.clone(), label: n.label.clone(), unit: n.unit.clone(), rows: rows(o, n), joined: joined(o, n) })
        })
        .collect();
    Some(SideBySide { match_ja, kpis })
}
