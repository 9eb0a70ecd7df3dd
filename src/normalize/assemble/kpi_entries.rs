//! One reviewed KPI entry (`kpis` in the overrides) applied to the drafts, by its mode:
//! `replace` puts the entry's figures in place of (or beside) what the parser read, `extend` adds
//! them to the KPI it names, `drop` removes it; `merge` folds other drafts into it first.

use std::collections::BTreeMap;

use crate::model::*;
use crate::normalize::diag::NormalizeError;
use crate::normalize::kpi::{self, KpiDraft};
use crate::normalize::overrides::{self, Mode, Named};
use super::SourceInfo;

/// KPI drafts per initiative, each with where it came from.
pub(super) type Drafts = BTreeMap<String, Vec<(KpiDraft, KpiOrigin)>>;
/// (initiative, label merged away, label it now has), for the links of either-or targets.
pub(super) type Renamed = Vec<(String, String, String)>;

/// Applies one reviewed KPI entry. Everything is checked before anything changes, so an entry
/// that no longer matches leaves the drafts as the parser made them. Ok: the figures found again
/// after a change (line, what changed). Err: the line to report and what did not match.
pub(super) fn apply(
    entry: &overrides::KpiOverride,
    initiatives: &[Initiative],
    source: &SourceInfo,
    drafts: &mut Drafts,
    renamed: &mut Renamed,
    dropped: &mut Vec<(String, KpiPoint)>,
) -> Result<Vec<(u32, String)>, (u32, String)> {
    let name = entry.name();
    let Some(ini) = initiatives.iter().find(|i| i.id == entry.initiative) else {
        return Err((1, format!("there is no initiative {} in this report", entry.initiative)));
    };
    let line = ini.source.first().map_or(1, |s| s.first_line);
    if let Some(original) = ini.original() {
        return Err((line, format!("{} repeats {original}, whose KPIs it shows; give the figures for {original}", ini.id)));
    }
    let spans: Vec<(u32, u32)> = ini.source.iter().map(|o| (o.first_line, o.last_line)).collect();
    let mut points = Vec::new();
    let mut wording = Vec::new();
    let mut changed = Vec::new();
    for p in &entry.points {
        let point = match overrides::check_point(source.lines, &spans, &name, p) {
            Ok(point) => point,
            Err(e) => {
                // A new edition prints another figure in the same words: found again, and said.
                let moved = overrides::relocate(source.lines, &spans, p).and_then(|m| overrides::check_point(source.lines, &spans, &name, &m).ok());
                let Some(point) = moved else {
                    let why = match e {
                        NormalizeError::Overrides { message, .. } => message,
                        other => other.to_string(),
                    };
                    return Err((line, format!("{why} (looked for `{}` in `{}`)", p.text, p.context)));
                };
                changed.push((point.line, format!("`{}` now reads `{}` (line {})", p.text, point.text, point.line)));
                point
            }
        };
        if point.kind == PointKind::Target {
            wording.push(source.lines.get(point.line as usize - 1).map_or("", |l| l.trim()).to_string());
        }
        points.push(point);
    }
    let list = drafts.entry(entry.initiative.clone()).or_default();
    if let Some(m) = entry.merge.iter().find(|m| !list.iter().any(|(d, _)| d.label == m.label)) {
        return Err((line, format!("merge: no KPI read from the row is labelled `{}`", m.label)));
    }
    let named = list.iter().position(|(d, _)| d.label == entry.replaces());
    if named.is_none() && entry.mode != Mode::Replace {
        return Err((line, format!("mode `{:?}` but no KPI read from the row is labelled `{}`", entry.mode, entry.replaces()).to_lowercase()));
    }
    for m in &entry.merge {
        let at = list.iter().position(|(d, _)| d.label == m.label).expect("checked above");
        let (d, _) = list.remove(at);
        for mut p in d.points {
            p.value *= m.scale.unwrap_or(1.0);
            p.origin = KpiOrigin::Override;
            points.push(p);
        }
        wording.extend(d.wording);
        renamed.push((entry.initiative.clone(), m.label.clone(), entry.label.clone()));
    }
    // Merging may have moved the entry's KPI in the list. A KPI the parser now reads under a
    // label of its own, with every figure the entry gives, is the one the entry names.
    let same_figures = |d: &KpiDraft| {
        !points.is_empty() && points.iter().all(|p| d.points.iter().any(|q| q.kind == p.kind && q.line == p.line && q.value == p.value))
    };
    let existing = list.iter().position(|(d, _)| d.label == entry.replaces()).or_else(|| list.iter().position(|(d, _)| same_figures(d)));
    // A figure the parser read by itself stays the parser's, whoever names the measure.
    if let Some(i) = existing {
        for p in points.iter_mut() {
            if list[i].0.points.iter().any(|q| q.kind == p.kind && q.line == p.line && q.value == p.value && q.origin == KpiOrigin::Extracted) {
                p.origin = KpiOrigin::Extracted;
            }
        }
    }
    match (entry.mode, existing) {
        (Mode::Drop, Some(i)) => {
            let (d, _) = list.remove(i);
            dropped.extend(d.points.into_iter().map(|p| (entry.initiative.clone(), p)));
        }
        (Mode::Extend, Some(i)) => {
            let (d, origin) = &mut list[i];
            d.label = entry.label.clone();
            for p in points {
                // The same figure, read by the parser from its line (maybe without a printed period).
                if !d.points.iter().any(|q| q.kind == p.kind && q.value == p.value && (q.period == p.period || q.line == p.line)) {
                    d.points.push(p);
                }
            }
            d.wording.extend(wording);
            d.direction = entry.direction.or_else(|| kpi::infer_direction(d));
            *origin = KpiOrigin::Override;
        }
        (Mode::Drop | Mode::Extend, None) => unreachable!("checked above"),
        (Mode::Replace, at) => {
            let mut draft = KpiDraft { label: entry.label.clone(), unit: entry.unit.clone(), direction: entry.direction, points, wording };
            if draft.direction.is_none() {
                draft.direction = kpi::infer_direction(&draft);
            }
            match at {
                Some(i) => list[i] = (draft, KpiOrigin::Override),
                None => list.push((draft, KpiOrigin::Override)),
            }
        }
    }
    Ok(changed)
}
