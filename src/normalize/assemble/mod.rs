//! Stage 3: occurrences become the report. Repeated pages and rows merge into one entity each,
//! ordered by the plan (pillar, section, subsection, number), never by file order.

mod entities;
mod kpi_entries;
mod kpis;
mod marks;
mod table_entries;

use super::diag::{Carried, NormalizeError, Warning};
use super::document::Document;
use super::overrides::{Named, Outcome, OutcomeState, Overrides};
use super::placement::Placement;
use crate::model::*;
use entities::{build_initiatives, build_subsections, link_relisted, link_same_as};
use kpis::{build_kpis, Found};

pub struct SourceInfo<'a> {
    pub name: &'a str,
    pub sha256: String,
    pub lines: &'a [&'a str],
}

const ROMAN: [&str; 5] = ["I", "II", "III", "IV", "V"];

fn roman(n: u32) -> String {
    (n as usize).checked_sub(1).and_then(|i| ROMAN.get(i)).map_or_else(|| n.to_string(), |r| r.to_string())
}

type Key = (u32, u32, u32);
type RowKey = (u32, u32, u32, u32);

pub fn assemble(
    doc: Document,
    source: &SourceInfo,
    overrides: Option<(&str, &Overrides)>,
    warnings: &mut Vec<Warning>,
    outcomes: &mut Vec<Outcome>,
) -> Result<Report, NormalizeError> {
    let fiscal_year = match doc.fiscal_label.as_deref().and_then(crate::fiscal::fiscal_year_of) {
        Some(y) => y,
        None => {
            warnings.push(Warning::new(1, "report.fiscal_year", "no table header with `令和N年度の取組状況` found; fiscal year unknown"));
            0
        }
    };
    if let Some((_, o)) = overrides {
        if o.source_sha256 != source.sha256 {
            warnings.push(Warning::carried(
                1,
                Carried::OtherSource,
                format!("the overrides were reviewed for source {} but this source is {}; check every entry", short(&o.source_sha256), short(&source.sha256)),
            ));
        }
    }

    let pillars: Vec<Pillar> = {
        let mut p: Vec<Pillar> = doc
            .pillars
            .iter()
            .map(|p| Pillar { id: roman(p.number), numeral: p.numeral.to_string(), number: p.number, title: p.title.clone() })
            .collect();
        p.sort_by_key(|p| p.number);
        p
    };

    let reviewed_ratings = overrides.map_or(&[][..], |(_, o)| &o.ratings[..]);
    let mut ratings_used = vec![false; reviewed_ratings.len()];
    let (sections, subsections) = build_subsections(&doc.subsections, reviewed_ratings, &mut ratings_used, warnings);
    for (r, used) in reviewed_ratings.iter().zip(ratings_used) {
        let entry = r.name();
        match used {
            true => outcomes.push(Outcome { entry, state: OutcomeState::Applied, detail: String::new() }),
            false => stale(warnings, outcomes, 1, entry, "this subsection prints its own rating now, or no subsection has this number and title".into()),
        }
    }
    let (mut initiatives, cells) = build_initiatives(&doc.rows, &subsections, warnings);
    link_relisted(&mut initiatives, warnings);
    link_same_as(&mut initiatives, &cells);
    let table = overrides.map_or(&[][..], |(_, o)| &o.organisations[..]);
    let paired = super::pairing::pair(&mut initiatives, table, warnings);
    for (t, used) in table.iter().zip(paired) {
        let entry = t.name();
        match used {
            true => outcomes.push(Outcome { entry, state: OutcomeState::Applied, detail: String::new() }),
            false => stale(warnings, outcomes, 1, entry, "no row with several departments prints this division".into()),
        }
    }

    let marks_from_overrides = marks::attribute(&doc, overrides.map(|(_, o)| o), &mut initiatives, warnings, outcomes);

    // Tables printed outside the rows: read here, given to an initiative by the overrides.
    let tables = super::tables::read(&doc.loose);
    let in_tables: Vec<u32> = tables.iter().flat_map(|t| t.lines.iter().copied()).collect();
    for loose in doc.loose.iter().filter(|l| !in_tables.contains(&l.line)) {
        warnings.push(Warning::new(loose.line, "text", format!("not part of any row or summary, left out: `{}`", loose.text)));
    }
    // Each table goes to its row by rule where the page tells (placement.rs), else by the overrides.
    let placements: Vec<Placement> = tables
        .iter()
        .map(|t| {
            let sub = doc.loose.iter().find(|l| l.line == t.lines[0]).map(|l| sub_id((l.place.pillar, l.place.section, l.place.subsection)));
            super::placement::place_table(t, sub.as_deref().unwrap_or(""), &doc.page_spans, &initiatives, &cells)
        })
        .collect();
    let found = Found { cells: &cells, tables: &tables, placements: &placements };
    let (kpis, override_ids, dropped) = build_kpis(&mut initiatives, &found, source, overrides.map(|(_, o)| o), fiscal_year, warnings, outcomes);
    let not_kpis = overrides.map_or(&[][..], |(_, o)| &o.not_kpis[..]);
    let listed = super::unread::warn(&initiatives, &cells, &kpis, &dropped, not_kpis, warnings);
    for (n, used) in not_kpis.iter().zip(listed) {
        let entry = n.name();
        match used {
            true => outcomes.push(Outcome { entry, state: OutcomeState::Applied, detail: String::new() }),
            false => stale(warnings, outcomes, 1, entry, "no figure of the row stands in these words".into()),
        }
    }

    let pages = PageRange {
        first: doc.pages.iter().copied().min().unwrap_or(0),
        last: doc.pages.iter().copied().max().unwrap_or(0),
    };
    // The year in the title is always the one the report prints; the name may come from the overrides.
    let name = overrides.and_then(|(_, o)| o.report_name.clone()).unwrap_or_else(|| "行財政改革の取組状況".to_string());
    let title = match doc.fiscal_label.as_deref() {
        Some(label) => format!("{name}（{label}）"),
        None => name,
    };
    Ok(Report {
        schema_version: SCHEMA_VERSION.to_string(),
        report: ReportMeta {
            title,
            fiscal_year,
            label: doc.fiscal_label.clone().unwrap_or_default(),
            source: SourceFile {
                name: source.name.to_string(),
                sha256: source.sha256.clone(),
                lines: source.lines.len() as u32,
                page_spans: doc.page_spans.clone(),
            },
            pages,
            overrides: overrides.map(|(name, _)| OverridesInfo {
                name: name.to_string(),
                kpis: override_ids,
                achieved_marks: marks_from_overrides,
            }),
            coverage: super::coverage::coverage(&doc.pages, &initiatives),
        },
        pillars,
        sections,
        subsections,
        initiatives,
        kpis,
    })
}

/// The first characters of a hash, for messages (any text: the overrides file may hold anything).
fn short(sha: &str) -> String {
    sha.chars().take(12).collect()
}

/// An override entry that no longer matches the printed words: skipped, reported by name with
/// what it looked for, and the run goes on.
pub(super) fn stale(warnings: &mut Vec<Warning>, outcomes: &mut Vec<Outcome>, line: u32, entry: String, detail: String) {
    warnings.push(Warning::carried(line, Carried::Skipped, format!("{entry} no longer matches and was skipped: {detail}; review or remove it")));
    outcomes.push(Outcome { entry, state: OutcomeState::Stale, detail });
}

fn sub_id(k: Key) -> String {
    format!("{}-{}-{}", roman(k.0), k.1, k.2)
}


#[cfg(test)]
mod tests;
