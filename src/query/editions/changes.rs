//! What changed between two matched editions, most important first: ratings turned (○→△ before
//! △→○), initiatives new and ended, KPIs whose latest actual moved (in the KPI's unit, and whether
//! toward the target), targets changed, and figures printed again for the same year with another
//! value (revised).

use super::matching::Matching;
use crate::edition_matches::comparable_title;
use crate::format::difference;
use crate::model::{Aggregate, Direction, Initiative, Kpi, KpiOrigin, KpiPoint, PointKind, Rating, Report};

/// A subsection whose rating is not the one it had.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingChange {
    pub older: String,
    /// The subsection's id in the newer edition.
    pub subsection: String,
    pub title: String,
    pub from: Option<Rating>,
    pub to: Option<Rating>,
    /// The departments of the subsection's rows in the newer edition, in plan order.
    pub departments: Vec<String>,
}

impl RatingChange {
    /// ○ → △.
    pub fn is_worse(&self) -> bool {
        self.from == Some(Rating::OnTrack) && self.to == Some(Rating::Delayed)
    }

    /// △ → ○.
    pub fn is_better(&self) -> bool {
        self.from == Some(Rating::Delayed) && self.to == Some(Rating::OnTrack)
    }
}

/// An initiative printed in one edition only (its first printing; repeats are not listed again).
#[derive(Debug, Clone, PartialEq)]
pub struct InitiativeChange {
    /// Its id in the edition that prints it.
    pub id: String,
    pub title: String,
    pub departments: Vec<String>,
    /// Every page it is printed on falls, in the other edition, on a page absent from that
    /// extract (`coverage.missing_pages`): it may only be missing from the text, not ended or new.
    /// A page is carried to the other edition's numbering by the shift of the closest matched row
    /// printed on or before it (pages are renumbered when one is inserted before).
    pub on_missing_page: bool,
}

/// A figure of one edition: its year, value and where it is printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub period: Option<String>,
    pub fiscal_year: Option<i32>,
    pub value: f64,
    /// The figure as printed, on 1-based `line` of its edition's source.
    pub text: String,
    pub line: u32,
}

impl Figure {
    fn of(p: &KpiPoint) -> Figure {
        Figure { period: p.period.clone(), fiscal_year: p.fiscal_year, value: p.value, text: p.text.clone(), line: p.line }
    }
}

/// One KPI in both editions: ids, and the measure as the newer edition prints it.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiPair {
    pub older: String,
    pub newer: String,
    /// The newer edition's initiative.
    pub initiative: String,
    pub label: String,
    pub unit: String,
}

keyed! {
    /// Which way a moved figure went, by the KPI's direction.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Heading {
        TowardTarget => "toward", "目標に近づいた";
        AwayFromTarget => "away", "目標から遠ざかった";
        /// The report sets no direction for the KPI: only the change is shown.
        NoDirection => "no_direction", "方向の記載なし";
    }
}

/// A KPI whose latest actual is another value than last year's latest.
#[derive(Debug, Clone, PartialEq)]
pub struct ActualMove {
    pub kpi: KpiPair,
    pub from: Figure,
    pub to: Figure,
    /// `to − from`, in the KPI's unit.
    pub change: f64,
    /// `+18,403千円`, `−4.9ポイント` (percentages move in points).
    pub change_label: String,
    pub heading: Heading,
}

/// A target of a KPI that is printed otherwise: another value, or only in one edition.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetChange {
    pub kpi: KpiPair,
    pub fiscal_year: Option<i32>,
    pub from: Option<Figure>,
    pub to: Option<Figure>,
}

/// A printed actual or plan figure of one fiscal year whose value the newer edition prints
/// otherwise. Targets are [`TargetChange`]s; figures derived from a printed change are not
/// printed and are left out.
#[derive(Debug, Clone, PartialEq)]
pub struct RevisedFigure {
    pub kpi: KpiPair,
    pub kind: PointKind,
    pub older: Figure,
    pub newer: Figure,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Changes {
    /// ○→△ first, then △→○, then a rating printed in one edition only; plan order within.
    pub ratings: Vec<RatingChange>,
    pub new_initiatives: Vec<InitiativeChange>,
    pub ended_initiatives: Vec<InitiativeChange>,
    pub moved_actuals: Vec<ActualMove>,
    pub target_changes: Vec<TargetChange>,
    pub revised_figures: Vec<RevisedFigure>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.ratings.is_empty()
            && self.new_initiatives.is_empty()
            && self.ended_initiatives.is_empty()
            && self.moved_actuals.is_empty()
            && self.target_changes.is_empty()
            && self.revised_figures.is_empty()
    }
}

/// The changes from `older` to `newer` under `matching` ([`match_editions`](super::match_editions)).
pub fn changes(older: &Report, newer: &Report, matching: &Matching) -> Changes {
    let mut out = Changes { ratings: rating_changes(older, newer, matching), ..Changes::default() };
    let newer_to_older: Vec<(&str, &str)> = matching.initiatives.iter().map(|m| (m.newer.as_str(), m.older.as_str())).collect();
    let older_to_newer: Vec<(&str, &str)> = matching.initiatives.iter().map(|m| (m.older.as_str(), m.newer.as_str())).collect();
    out.new_initiatives = unmatched(newer, older, &newer_to_older, &matching.new_initiatives);
    out.ended_initiatives = unmatched(older, newer, &older_to_newer, &matching.ended_initiatives);
    for m in &matching.kpis {
        let (Some(a), Some(b)) = (older.kpi(&m.older), newer.kpi(&m.newer)) else { continue };
        let pair = KpiPair { older: a.id.clone(), newer: b.id.clone(), initiative: b.initiative.clone(), label: b.label.clone(), unit: b.unit.clone() };
        if let Some(moved) = actual_move(a, b, &pair) {
            out.moved_actuals.push(moved);
        }
        out.target_changes.extend(target_changes(a, b, &pair));
        out.revised_figures.extend(revisions(a, b, &pair));
    }
    out
}

fn rating_changes(older: &Report, newer: &Report, matching: &Matching) -> Vec<RatingChange> {
    let mut out: Vec<RatingChange> = matching
        .subsections
        .iter()
        .filter_map(|m| {
            let (a, b) = (older.subsection(&m.older)?, newer.subsection(&m.newer)?);
            (a.rating != b.rating).then(|| RatingChange {
                older: a.id.clone(),
                subsection: b.id.clone(),
                title: b.title.clone(),
                from: a.rating,
                to: b.rating,
                departments: departments_of(newer.initiatives.iter().filter(|i| i.subsection == b.id)),
            })
        })
        .collect();
    // A stable sort keeps plan order within each kind.
    out.sort_by_key(|c| if c.is_worse() { 0 } else if c.is_better() { 1 } else { 2 });
    out
}

fn departments_of<'a>(rows: impl Iterator<Item = &'a Initiative>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in rows.flat_map(|i| &i.departments) {
        if !out.contains(d) {
            out.push(d.clone());
        }
    }
    out
}

/// The rows `ids` of `own` that are no repeats, each with whether `other` lacks all their pages.
/// `matched` pairs ids of `own` with ids of `other`.
fn unmatched(own: &Report, other: &Report, matched: &[(&str, &str)], ids: &[String]) -> Vec<InitiativeChange> {
    let missing = &other.report.coverage.missing_pages;
    let first_page = |r: &Report, id: &str| r.initiative(id).and_then(|i| i.source.iter().find_map(|o| o.page));
    // (page in own, page in other) of every matched row whose pages are known, by page.
    let mut shifts: Vec<(u32, u32)> = matched.iter().filter_map(|(a, b)| Some((first_page(own, a)?, first_page(other, b)?))).collect();
    shifts.sort_unstable();
    let in_other = |page: u32| match shifts.iter().rev().find(|(p, _)| *p <= page) {
        Some((p, q)) => (page + q).checked_sub(*p),
        None => Some(page),
    };
    ids.iter()
        .filter_map(|id| own.initiative(id))
        .filter(|i| !i.is_repeat())
        .map(|i| InitiativeChange {
            id: i.id.clone(),
            title: i.title.clone(),
            departments: i.departments.clone(),
            on_missing_page: !i.source.is_empty() && i.source.iter().all(|o| o.page.and_then(in_other).is_some_and(|p| missing.contains(&p))),
        })
        .collect()
}

/// The latest actual: the highest fiscal year, the last printed of that year. A printed average
/// is no year's actual. A newer edition whose latest actual is of an earlier year than the older's
/// latest has not moved it: it no longer prints that year (see [`RevisedFigure`] for a year
/// printed with another value).
fn latest_actual(k: &Kpi) -> Option<&KpiPoint> {
    k.series
        .iter()
        .filter(|p| p.kind == PointKind::Actual && p.fiscal_year.is_some() && p.aggregate != Some(Aggregate::Average))
        .max_by_key(|p| (p.fiscal_year, p.line))
}

fn actual_move(a: &Kpi, b: &Kpi, pair: &KpiPair) -> Option<ActualMove> {
    let (from, to) = (latest_actual(a)?, latest_actual(b)?);
    let change = to.value - from.value;
    if change.abs() < 1e-9 || to.fiscal_year < from.fiscal_year {
        return None;
    }
    let heading = match b.direction.or(a.direction) {
        Some(Direction::Increase) if change > 0.0 => Heading::TowardTarget,
        Some(Direction::Decrease) if change < 0.0 => Heading::TowardTarget,
        Some(_) => Heading::AwayFromTarget,
        None => Heading::NoDirection,
    };
    Some(ActualMove { kpi: pair.clone(), from: Figure::of(from), to: Figure::of(to), change, change_label: difference(change, &b.unit), heading })
}

/// Targets paired by fiscal year and aggregate, in printed order.
fn target_changes(a: &Kpi, b: &Kpi, pair: &KpiPair) -> Vec<TargetChange> {
    let (mut olds, news) = (targets(a), targets(b));
    let mut out = Vec::new();
    for n in news {
        let at = olds.iter().position(|o| o.fiscal_year == n.fiscal_year && o.aggregate == n.aggregate);
        match at.map(|at| olds.remove(at)) {
            Some(o) if same_target(o, n) => {}
            o => out.push(TargetChange { kpi: pair.clone(), fiscal_year: n.fiscal_year, from: o.map(Figure::of), to: Some(Figure::of(n)) }),
        }
    }
    out.extend(olds.into_iter().map(|o| TargetChange { kpi: pair.clone(), fiscal_year: o.fiscal_year, from: Some(Figure::of(o)), to: None }));
    out
}

fn targets(k: &Kpi) -> Vec<&KpiPoint> {
    k.series.iter().filter(|p| p.kind == PointKind::Target).collect()
}

fn same_target(a: &KpiPoint, b: &KpiPoint) -> bool {
    a.value == b.value && a.upper == b.upper && a.comparator == b.comparator && a.span == b.span
}

/// Printed actuals and plans of the same kind, fiscal year and period (when both print one) whose
/// values differ; a year printed with its old value too is not revised.
fn revisions(a: &Kpi, b: &Kpi, pair: &KpiPair) -> Vec<RevisedFigure> {
    let printed = |p: &&KpiPoint| p.kind != PointKind::Target && p.origin != KpiOrigin::Derived && p.fiscal_year.is_some() && p.aggregate.is_none();
    let same_period = |x: &KpiPoint, y: &KpiPoint| match (&x.period, &y.period) {
        (Some(p), Some(q)) => comparable_title(p) == comparable_title(q),
        _ => true,
    };
    let mut out = Vec::new();
    for n in b.series.iter().filter(printed) {
        let olds: Vec<&KpiPoint> = a.series.iter().filter(printed).filter(|o| o.kind == n.kind && o.fiscal_year == n.fiscal_year && same_period(o, n)).collect();
        let Some(first) = olds.first() else { continue };
        if olds.iter().all(|o| o.value != n.value) {
            out.push(RevisedFigure { kpi: pair.clone(), kind: n.kind, older: Figure::of(first), newer: Figure::of(n) });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edition_matches::EditionMatches;
    use crate::query::committed_report;
    use crate::query::editions::match_editions;

    #[test]
    fn an_edition_has_no_changes_from_itself() {
        let r = committed_report();
        assert!(changes(&r, &r, &match_editions(&r, &r, &EditionMatches::default())).is_empty());
    }

    #[test]
    fn worse_ratings_come_first_and_a_percentage_moves_in_points() {
        let older = committed_report();
        let mut newer = older.clone();
        let delayed = older.subsections.iter().find(|s| s.rating == Some(Rating::Delayed)).unwrap().id.clone();
        let on_track = older.subsections.iter().rev().find(|s| s.rating == Some(Rating::OnTrack)).unwrap().id.clone();
        for s in newer.subsections.iter_mut() {
            if s.id == delayed {
                s.rating = Some(Rating::OnTrack);
            } else if s.id == on_track {
                s.rating = Some(Rating::Delayed);
            }
        }
        let percent = newer.kpis.iter_mut().find(|k| k.unit == "％" && k.direction == Some(Direction::Increase) && latest_actual(k).is_some()).unwrap();
        let id = percent.id.clone();
        let latest = latest_actual(percent).map(|p| (p.fiscal_year, p.line)).unwrap();
        percent.series.iter_mut().find(|p| (p.fiscal_year, p.line) == latest && p.kind == PointKind::Actual).unwrap().value -= 2.5;
        let c = changes(&older, &newer, &match_editions(&older, &newer, &EditionMatches::default()));
        assert_eq!(c.ratings.iter().map(|r| r.subsection.as_str()).collect::<Vec<_>>(), [on_track.as_str(), delayed.as_str()]);
        assert!(c.ratings[0].is_worse() && !c.ratings[0].departments.is_empty());
        let moved = c.moved_actuals.iter().find(|m| m.kpi.newer == id).unwrap();
        assert_eq!((moved.change_label.as_str(), moved.heading), ("−2.5ポイント", Heading::AwayFromTarget));
    }
}
