//! KPI judgements: per target, was it met? With the direction of good: a `decrease` KPI
//! (overtime, receivables) is met when the actual is at or below the target.

use crate::model::{Direction, Kpi, KpiPoint, PointKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Achieved,
    NotAchieved,
    /// A target whose year has come, without a result printed.
    NoResult,
    /// A target for a later year.
    Upcoming,
    /// Results only: the report sets no numeric target.
    NoTarget,
}

impl Status {
    pub fn label_ja(self) -> &'static str {
        match self {
            Status::Achieved => "達成",
            Status::NotAchieved => "未達成",
            Status::NoResult => "実績なし",
            Status::Upcoming => "目標年度前",
            Status::NoTarget => "目標なし（実績のみ）",
        }
    }

    /// Text mark printed with the label, so colour is never the only cue.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Achieved => "◎",
            Status::NotAchieved => "▲",
            Status::NoResult | Status::Upcoming => "－",
            Status::NoTarget => "・",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::NotAchieved => "not_achieved",
            Status::NoResult => "no_result",
            Status::Upcoming => "upcoming",
            Status::NoTarget => "no_target",
        }
    }

    pub const ALL: [Status; 5] = [Status::Achieved, Status::NotAchieved, Status::NoResult, Status::Upcoming, Status::NoTarget];
}

/// One target and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement<'a> {
    pub target: &'a KpiPoint,
    /// The actual it was judged against: same fiscal year, or the latest for a target without year.
    pub actual: Option<&'a KpiPoint>,
    pub status: Status,
    /// Percentage of the target reached, oriented so that 100 or more means met
    /// (for `decrease`: target ÷ actual).
    pub percent: Option<f64>,
}

fn met(direction: Option<Direction>, actual: f64, target: f64) -> bool {
    match direction {
        Some(Direction::Decrease) => actual <= target,
        _ => actual >= target,
    }
}

fn percent(direction: Option<Direction>, actual: f64, target: f64) -> Option<f64> {
    let (num, den) = match direction {
        Some(Direction::Decrease) => (target, actual),
        _ => (actual, target),
    };
    (den != 0.0 && num.is_finite() && den.is_finite()).then(|| num / den * 100.0)
}

/// The latest actual of a fiscal year (the last printed, e.g. R5.4 after R4.4 within FY).
fn actual_in(kpi: &Kpi, year: i32) -> Option<&KpiPoint> {
    kpi.series.iter().filter(|p| p.kind == PointKind::Actual && p.fiscal_year == Some(year)).last()
}

fn latest_actual(kpi: &Kpi) -> Option<&KpiPoint> {
    kpi.series.iter().filter(|p| p.kind == PointKind::Actual).max_by_key(|p| (p.fiscal_year.unwrap_or(i32::MIN), p.line))
}

/// Every target of `kpi` judged, as of the report's fiscal year.
pub fn judge(kpi: &Kpi, report_year: i32) -> Vec<Judgement<'_>> {
    kpi.series
        .iter()
        .filter(|p| p.kind == PointKind::Target)
        .map(|target| {
            let actual = match target.fiscal_year {
                Some(y) => actual_in(kpi, y),
                None => latest_actual(kpi),
            };
            let status = match (actual, target.fiscal_year) {
                (Some(a), _) => {
                    if met(kpi.direction, a.value, target.value) {
                        Status::Achieved
                    } else {
                        Status::NotAchieved
                    }
                }
                (None, Some(y)) if y > report_year => Status::Upcoming,
                (None, _) => Status::NoResult,
            };
            Judgement { target, actual, status, percent: actual.and_then(|a| percent(kpi.direction, a.value, target.value)) }
        })
        .collect()
}

/// The one status that sums a KPI up: the judgement for the report year if there is one, else
/// the latest judged target up to it, else a target without year, else what remains.
pub fn overall(kpi: &Kpi, report_year: i32) -> Status {
    let judged = judge(kpi, report_year);
    if judged.is_empty() {
        return Status::NoTarget;
    }
    let dated = |j: &&Judgement| j.target.fiscal_year.is_some_and(|y| y <= report_year) && j.actual.is_some();
    if let Some(j) = judged.iter().filter(dated).max_by_key(|j| j.target.fiscal_year) {
        return j.status;
    }
    if let Some(j) = judged.iter().find(|j| j.target.fiscal_year.is_none() && j.actual.is_some()) {
        return j.status;
    }
    if judged.iter().any(|j| j.status == Status::NoResult) {
        Status::NoResult
    } else {
        Status::Upcoming
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::KpiOrigin;

    fn point(kind: PointKind, year: Option<i32>, value: f64) -> KpiPoint {
        KpiPoint { period: year.map(|y| format!("R{}", y - 2018)), fiscal_year: year, value, kind, line: 1, text: String::new() }
    }

    fn kpi(direction: Option<Direction>, series: Vec<KpiPoint>) -> Kpi {
        Kpi { id: "k".into(), initiative: "i".into(), label: "l".into(), unit: "件".into(), direction, series, origin: KpiOrigin::Extracted }
    }

    use PointKind::{Actual as A, Target as T};

    #[test]
    fn increase_met_and_missed() {
        let k = kpi(Some(Direction::Increase), vec![point(T, Some(2023), 50.0), point(A, Some(2023), 87.0)]);
        let j = judge(&k, 2023);
        assert_eq!(j[0].status, Status::Achieved);
        assert_eq!(j[0].percent.map(|p| p.round()), Some(174.0));
        let k = kpi(Some(Direction::Increase), vec![point(T, Some(2023), 60.0), point(A, Some(2023), 59.9)]);
        assert_eq!(overall(&k, 2023), Status::NotAchieved);
    }

    #[test]
    fn decrease_is_met_at_or_below_the_target() {
        let k = kpi(Some(Direction::Decrease), vec![point(T, Some(2025), 1000.0), point(A, Some(2025), 1000.0)]);
        assert_eq!(overall(&k, 2025), Status::Achieved);
        let k = kpi(Some(Direction::Decrease), vec![point(A, Some(2023), 1121.0), point(T, None, 855.0)]);
        let j = judge(&k, 2023);
        assert_eq!(j[0].status, Status::NotAchieved);
        assert_eq!(j[0].percent.map(|p| (p * 10.0).round() / 10.0), Some(76.3));
    }

    #[test]
    fn missing_actual_and_later_targets() {
        let k = kpi(Some(Direction::Increase), vec![point(T, Some(2023), 10.0), point(T, Some(2025), 20.0)]);
        let j = judge(&k, 2023);
        assert_eq!((j[0].status, j[1].status), (Status::NoResult, Status::Upcoming));
        assert_eq!(overall(&k, 2023), Status::NoResult);
        let k = kpi(Some(Direction::Increase), vec![point(T, Some(2025), 20.0)]);
        assert_eq!(overall(&k, 2023), Status::Upcoming);
    }

    #[test]
    fn target_without_year_uses_the_latest_actual() {
        let k = kpi(Some(Direction::Increase), vec![point(A, Some(2021), 10.0), point(A, Some(2023), 30.0), point(T, None, 20.0)]);
        let j = judge(&k, 2023);
        assert_eq!(j[0].actual.map(|a| a.value), Some(30.0));
        assert_eq!(j[0].status, Status::Achieved);
    }

    #[test]
    fn actuals_only() {
        let k = kpi(None, vec![point(A, Some(2023), 3.0)]);
        assert!(judge(&k, 2023).is_empty());
        assert_eq!(overall(&k, 2023), Status::NoTarget);
    }

    #[test]
    fn the_report_year_wins_over_earlier_years() {
        let k = kpi(Some(Direction::Increase), vec![
            point(T, Some(2022), 45.0), point(A, Some(2022), 40.0),
            point(T, Some(2023), 50.0), point(A, Some(2023), 87.0),
            point(T, Some(2025), 70.0),
        ]);
        assert_eq!(overall(&k, 2023), Status::Achieved);
    }
}
