//! Tables printed outside the rows (`tables` in the overrides, or by rule), given to their rows.

use super::kpis::Found;
use super::kpi_entries::Drafts;
use super::stale;
use crate::model::*;
use crate::normalize::diag::{Carried, Fix, Warning};
use crate::normalize::kpi::KpiDraft;
use crate::normalize::overrides::{Named, Outcome, OutcomeState, Overrides, TableOverride};
use crate::normalize::placement::Placement;
use crate::normalize::tables::Table;

/// Tables printed outside the rows, each given to its row: by the overrides where they name it
/// (matched by caption, or for a table without caption by its row labels, as a header of years
/// moves on each edition), else by rule (placement.rs). Points placed by rule count as the
/// parser's own; a table nobody can place is warned about at its first line.
pub(super) fn attach(
    initiatives: &[Initiative],
    found: &Found,
    overrides: Option<&Overrides>,
    drafts: &mut Drafts,
    warnings: &mut Vec<Warning>,
    outcomes: &mut Vec<Outcome>,
) {
    let entries = overrides.map_or(&[][..], |o| &o.tables[..]);
    let matches = |e: &TableOverride, t: &Table| {
        e.table == t.key
            || (t.caption.is_none() && !e.rows.is_empty() && e.rows.iter().all(|r| t.series.iter().any(|s| s.label == r.printed)))
    };
    let mut used = vec![false; entries.len()];
    for (t, placement) in found.tables.iter().zip(found.placements) {
        let entry = entries.iter().position(|e| matches(e, t));
        let by_rule = match placement {
            Placement::Row { initiative, .. } => Some(initiative.as_str()),
            Placement::Undecided { .. } => None,
        };
        let (initiative, by_reviewer) = match (entry, by_rule) {
            (Some(k), _) => (entries[k].initiative.as_str(), by_rule != Some(entries[k].initiative.as_str())),
            (None, Some(id)) => (id, false),
            (None, None) => {
                let Placement::Undecided { candidates } = placement else { unreachable!() };
                warnings.push(
                    Warning::new(
                        t.lines[0],
                        "kpis",
                        format!(
                            "table `{}` stands outside any row and its page does not tell whose it is (rows that fit: {}); give it to its initiative in the overrides (`tables`)",
                            t.key,
                            if candidates.is_empty() { "none".to_string() } else { candidates.join(", ") }
                        ),
                    )
                    .with_fix(Fix::Table { caption: t.key.clone(), candidates: candidates.clone() }),
                );
                continue;
            }
        };
        let entry = entry.map(|k| {
            used[k] = true;
            &entries[k]
        });
        if let Some(e) = entry {
            let name = e.name();
            let Some(ini) = initiatives.iter().find(|i| i.id == e.initiative) else {
                stale(warnings, outcomes, t.lines[0], name, format!("there is no initiative {} in this report", e.initiative));
                continue;
            };
            if let Some(original) = ini.original() {
                stale(warnings, outcomes, t.lines[0], name, format!("{} repeats {original}; give the table to {original}", ini.id));
                continue;
            }
            let (state, detail) = if e.table == t.key {
                (OutcomeState::Applied, String::new())
            } else {
                (OutcomeState::Adapted, format!("matched by its row labels; its header now reads `{}`", t.key))
            };
            for r in e.rows.iter().filter(|r| !t.series.iter().any(|s| s.label == r.printed)) {
                warnings.push(Warning::carried(t.lines[0], Carried::LabelUnused, format!("{name}: no row or column is labelled `{}` any more; its label was not used", r.printed)));
            }
            outcomes.push(Outcome { entry: name, state, detail });
        }
        let origin = if by_reviewer { KpiOrigin::Override } else { KpiOrigin::Extracted };
        let list = drafts.entry(initiative.to_string()).or_default();
        for series in &t.series {
            let row = entry.and_then(|e| e.rows.iter().find(|r| r.printed == series.label));
            let label = row.and_then(|r| r.label.clone()).unwrap_or_else(|| series.label.clone());
            let unit = row.and_then(|r| r.unit.clone()).unwrap_or_else(|| series.unit.clone());
            let points: Vec<KpiPoint> = series
                .cells
                .iter()
                .map(|c| KpiPoint { origin, ..KpiPoint::new(PointKind::Actual, Some(c.period.clone()), c.fiscal_year, c.value, c.line, c.text.clone()) })
                .collect();
            // The KPI's labels come from a reviewer when the entry renames a row.
            let kpi_origin = if by_reviewer || row.is_some() { KpiOrigin::Override } else { KpiOrigin::Extracted };
            match list.iter_mut().find(|(d, _)| d.label == label && d.unit == unit) {
                Some((d, o)) => {
                    d.points.extend(points);
                    if kpi_origin == KpiOrigin::Override {
                        *o = KpiOrigin::Override;
                    }
                }
                None => list.push((KpiDraft { label, unit, direction: None, points, wording: Vec::new() }, kpi_origin)),
            }
        }
    }
    for (e, _) in entries.iter().zip(&used).filter(|(_, used)| !**used) {
        stale(warnings, outcomes, 1, e.name(), "no table with this caption or header is printed".into());
    }
}
