//! The KPIs: drafted from each row's cells, given the tables printed outside the rows
//! ([`super::table_entries`]), corrected by the reviewed KPI entries ([`super::kpi_entries`]),
//! then numbered per initiative with either-or targets linked by id.

use std::collections::BTreeMap;

use super::kpi_entries::{self, Drafts};
use super::{stale, SourceInfo};
use crate::model::*;
use crate::normalize::blocks::Blocks;
use crate::normalize::diag::{Carried, Warning};
use crate::normalize::kpi;
use crate::normalize::overrides::{Named, Outcome, OutcomeState, Overrides};
use crate::normalize::placement::Placement;
use crate::normalize::tables::Table;

/// What the parser read for the KPIs: the cells kept per initiative, the tables printed outside
/// the rows and where each table goes by rule.
pub(super) struct Found<'a> {
    pub cells: &'a BTreeMap<String, Blocks>,
    pub tables: &'a [Table],
    pub placements: &'a [Placement],
}

pub(super) fn build_kpis(
    initiatives: &mut [Initiative],
    found: &Found,
    source: &SourceInfo,
    overrides: Option<&Overrides>,
    report_year: i32,
    warnings: &mut Vec<Warning>,
    outcomes: &mut Vec<Outcome>,
) -> (Vec<Kpi>, Vec<String>, Vec<(String, KpiPoint)>) {
    let cells = found.cells;
    let mut dropped = Vec::new();
    // Drafts per initiative, extracted from the cells kept for it.
    let mut drafts: Drafts = BTreeMap::new();
    let mut ambiguous = Vec::new();
    // (initiative, label) of every override entry applied: its ambiguity was reviewed.
    let mut applied: Vec<(String, String)> = Vec::new();
    for ini in initiatives.iter() {
        if ini.original().is_some() {
            continue; // its figures are its original's
        }
        let (extracted, unsure) = cells.get(&ini.id).map(|b| kpi::extract(b, &ini.title, report_year)).unwrap_or_default();
        ambiguous.extend(unsure.into_iter().map(|a| (ini.id.clone(), a)));
        drafts.insert(ini.id.clone(), extracted.into_iter().map(|d| (d, KpiOrigin::Extracted)).collect());
    }
    // (initiative, label merged away, label it now has), for the links of either-or targets.
    let mut renamed: Vec<(String, String, String)> = Vec::new();
    super::table_entries::attach(initiatives, found, overrides, &mut drafts, warnings, outcomes);
    if let Some(o) = overrides {
        for entry in &o.kpis {
            let name = entry.name();
            match kpi_entries::apply(entry, initiatives, source, &mut drafts, &mut renamed, &mut dropped) {
                Ok(changed) => {
                    for (line, what) in &changed {
                        warnings.push(Warning::carried(*line, Carried::FigureUpdated, format!("{name}: {what}; the words around it are unchanged, check the figure")));
                    }
                    let state = if changed.is_empty() { OutcomeState::Applied } else { OutcomeState::Adapted };
                    let detail = changed.into_iter().map(|(_, what)| what).collect::<Vec<_>>().join("; ");
                    applied.push((entry.initiative.clone(), entry.replaces().to_string()));
                    outcomes.push(Outcome { entry: name, state, detail });
                }
                Err((line, detail)) => stale(warnings, outcomes, line, name, detail),
            }
        }
    }
    for (id, a) in &ambiguous {
        if !applied.iter().any(|(i, label)| i == id && *label == a.label) {
            warnings.push(Warning::new(
                a.lines[0],
                "kpis",
                format!("{id}: `{}` has several figures for one period (lines {:?}); left out, review it in the overrides", a.label, a.lines),
            ));
        }
    }
    let mut kpis = Vec::new();
    let mut override_ids = Vec::new();
    let mut ids_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for ini in initiatives.iter() {
        let Some(list) = drafts.remove(&ini.id) else { continue };
        let id_of_label: Vec<(String, String)> =
            list.iter().enumerate().map(|(n, (d, _))| (d.label.clone(), format!("{}-k{}", ini.id, n + 1))).collect();
        for (n, (mut draft, origin)) in list.into_iter().enumerate() {
            let id = format!("{}-k{}", ini.id, n + 1);
            draft.points.sort_by_key(|p| (p.fiscal_year.unwrap_or(i32::MAX), p.kind == PointKind::Actual, p.aggregate.is_some(), p.line));
            // An either-or target names the other branch by label while drafting.
            for p in draft.points.iter_mut() {
                if let Some(mut label) = p.alternative.take() {
                    if let Some((_, _, now)) = renamed.iter().find(|(i, old, _)| *i == ini.id && *old == label) {
                        label = now.clone();
                    }
                    p.alternative = id_of_label.iter().find(|(l, _)| *l == label).map(|(_, id)| id.clone());
                    if p.alternative.is_none() {
                        warnings.push(Warning::new(p.line, "kpis", format!("{id}: the other branch `{label}` of this either-or target is no KPI")));
                    }
                }
            }
            if origin == KpiOrigin::Override {
                override_ids.push(id.clone());
            }
            ids_of.entry(ini.id.clone()).or_default().push(id.clone());
            // Overrides and tables give KPIs too: the title's direction is the last resort of all.
            let direction = draft.direction.or_else(|| kpi::direction_in_title(&draft, &ini.title));
            kpis.push(Kpi {
                id,
                initiative: ini.id.clone(),
                label: draft.label,
                unit: draft.unit,
                direction,
                series: draft.points,
                origin,
            });
        }
    }
    for ini in initiatives.iter_mut() {
        let owner = ini.original().unwrap_or(&ini.id).to_string();
        ini.kpis = ids_of.get(&owner).cloned().unwrap_or_default();
    }
    (kpis, override_ids, dropped)
}
