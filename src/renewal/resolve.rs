//! A decision the owner takes on a warning, written as an override entry keyed by the printed
//! words (the format of `data/overrides.json`), so the next run of the normalizer, in the browser
//! or on the command line, makes the same call.

use crate::edition_matches::TitlePair;
use crate::model::{PointKind, Rating, Report};
use crate::normalize::overrides::{KpiOverride, MarkOverride, Mode, NotKpi, OrganisationOverride, PointOverride, RatingOverride, TableOverride};
use crate::normalize::{Fix, Overrides};

/// The reason an entry records, trimmed; every entry needs one.
fn reason(why: &str) -> Result<String, String> {
    match why.trim() {
        "" => Err("理由を書いてください（次の年度に確認する人のための記録です）。".into()),
        why => Ok(why.to_string()),
    }
}

/// What the owner decided about a warning's [`Fix`].
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// The achieved mark is this row's.
    MarkOf { initiative: String },
    /// The figure is a result or target of the KPI `label` (an existing one, or a new one).
    FigureOf { label: String, unit: String, period: String, kind: PointKind },
    /// The figure is no measure of its own.
    NoKpi,
    /// The table is this row's.
    TableOf { initiative: String },
    /// The division belongs to this department.
    DivisionUnder { department: String },
    /// The subsection's rating.
    Rated { rating: Rating },
}

/// Writes `decision` on `fix` into `overrides`, with the owner's reason. Returns how the entry
/// reads, for the page to confirm; refuses a decision of another kind than the fix, or without
/// what it needs.
pub fn resolve(overrides: &mut Overrides, fix: &Fix, decision: &Decision, why: &str) -> Result<String, String> {
    let why = reason(why)?;
    match (fix, decision) {
        (Fix::Mark { mark, page, nth, .. }, Decision::MarkOf { initiative }) => {
            overrides.achieved_marks.push(MarkOverride { initiative: initiative.clone(), mark: mark.clone(), page: *page, nth: *nth, why });
            Ok(format!("{mark} → {initiative}"))
        }
        (Fix::Figure { initiative, text, context, .. }, Decision::NoKpi) => {
            overrides.not_kpis.push(NotKpi { initiative: initiative.clone(), context: context.clone(), why });
            Ok(format!("{initiative}: 「{text}」（{context}）は KPI ではない"))
        }
        (Fix::Figure { initiative, text, context, kpis }, Decision::FigureOf { label, unit, period, kind }) => {
            let label = label.trim();
            if label.is_empty() || period.trim().is_empty() {
                return Err("KPI の名前と年度を選んでください。".into());
            }
            let point = PointOverride {
                period: Some(period.trim().to_string()),
                fiscal_year: None,
                kind: *kind,
                text: text.clone(),
                context: context.clone(),
                scale: None,
                aggregate: None,
                span: None,
            };
            // A figure added to a KPI already given in this file (its other figure decided
            // before) goes into that entry.
            if let Some(entry) = overrides.kpis.iter_mut().find(|k| k.initiative == *initiative && k.label == label && k.mode != Mode::Drop) {
                entry.points.push(point);
            } else {
                let existing = kpis.iter().any(|k| k == label);
                overrides.kpis.push(KpiOverride {
                    initiative: initiative.clone(),
                    label: label.to_string(),
                    unit: unit.trim().to_string(),
                    direction: None,
                    mode: if existing { Mode::Extend } else { Mode::Replace },
                    replaces: None,
                    why,
                    merge: Vec::new(),
                    points: vec![point],
                });
            }
            Ok(format!("{initiative}: {text} → 「{label}」の{}（{period}）", kind_ja(*kind)))
        }
        (Fix::Table { caption, .. }, Decision::TableOf { initiative }) => {
            overrides.tables.push(TableOverride { table: caption.clone(), initiative: initiative.clone(), why, rows: Vec::new() });
            Ok(format!("表「{caption}」→ {initiative}"))
        }
        (Fix::Pairing { division, departments, .. }, Decision::DivisionUnder { department }) => {
            if !departments.contains(department) {
                return Err(format!("{department} はこの行に印刷された部局ではありません。"));
            }
            overrides.organisations.push(OrganisationOverride { division: division.clone(), department: department.clone(), why });
            Ok(format!("{division} → {department}"))
        }
        (Fix::Rating { subsection, title }, Decision::Rated { rating }) => {
            overrides.ratings.push(RatingOverride { subsection: subsection.clone(), title: title.clone(), rating: rating.mark().to_string(), why });
            Ok(format!("{subsection} {title}: {}", rating.mark()))
        }
        _ => Err("この警告には使えない決定です。".into()),
    }
}

/// Whether two initiatives of consecutive editions are the same one, against the matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SameInitiative {
    /// The same although the matching did not pair them (`edition_matches.pin`).
    Pin,
    /// Not the same although the matching paired them (`edition_matches.break`).
    Break,
}

/// Writes a pin or break of the older and newer titles as printed, with the owner's reason.
pub fn same_initiative(overrides: &mut Overrides, which: SameInitiative, older_title: &str, newer_title: &str, why: &str) -> Result<String, String> {
    let pair = TitlePair { older_title: older_title.to_string(), newer_title: newer_title.to_string(), why: reason(why)? };
    Ok(match which {
        SameInitiative::Pin => {
            overrides.edition_matches.pin.push(pair);
            format!("「{older_title}」と「{newer_title}」を同じ取組として対応")
        }
        SameInitiative::Break => {
            overrides.edition_matches.breaks.push(pair);
            format!("「{older_title}」と「{newer_title}」は別の取組")
        }
    })
}

fn kind_ja(kind: PointKind) -> &'static str {
    match kind {
        PointKind::Target => "目標",
        PointKind::Actual => "実績",
        PointKind::Plan => "計画",
    }
}

/// A new overrides file for a report that has none.
pub fn empty_for(report: &Report) -> Overrides {
    Overrides {
        about: vec!["Judgement calls only; every entry is keyed by the printed words it relies on, never by line numbers.".into()],
        source_sha256: report.report.source.sha256.clone(),
        report_name: Some(report.report.title.clone()),
        ..Overrides::default()
    }
}

/// The overrides as the file to keep for next year: reviewed for `report` (its source's
/// SHA-256), in the format of `data/overrides.json`.
pub fn to_json(overrides: &Overrides, report: &Report) -> String {
    let reviewed = Overrides { source_sha256: report.report.source.sha256.clone(), ..overrides.clone() };
    let mut json = serde_json::to_string_pretty(&reviewed).unwrap_or_default();
    json.push('\n');
    json
}
