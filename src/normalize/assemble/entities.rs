//! The entities without any override: sections and subsections from their occurrences, one
//! initiative per printed row (the fullest copy kept), relisted copies and unmarked repeats linked.

use std::collections::BTreeMap;

use super::{roman, sub_id, Key, RowKey};
use crate::model::*;
use crate::normalize::blocks::{BlockKind, Blocks};
use crate::normalize::diag::{Fix, Warning};
use crate::normalize::overrides::RatingOverride;
use crate::normalize::document::{RowOcc, SubsectionOcc};
use crate::normalize::text::join_wrapped;

/// Summary lines of one occurrence as paragraphs: a sentence cut at the page width goes on.
fn paragraphs(lines: &[(u32, String)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, t) in lines {
        match out.last_mut() {
            Some(last) if !last.ends_with('。') => join_wrapped(last, t),
            _ => out.push(t.clone()),
        }
    }
    out
}

/// `reviewed_ratings`: the reviewed ratings of subsections printed without one, each with whether it
/// was used (set in place).
pub(super) fn build_subsections(
    occs: &[SubsectionOcc],
    reviewed_ratings: &[RatingOverride],
    used: &mut [bool],
    warnings: &mut Vec<Warning>,
) -> (Vec<Section>, Vec<Subsection>) {
    let mut sections: BTreeMap<(u32, u32), Section> = BTreeMap::new();
    let mut groups: BTreeMap<Key, Vec<&SubsectionOcc>> = BTreeMap::new();
    for o in occs {
        let p = o.place;
        let section = sections.entry((p.pillar, p.section)).or_insert_with(|| Section {
            id: format!("{}-{}", roman(p.pillar), p.section),
            pillar: roman(p.pillar),
            number: p.section,
            title: o.section_title.clone(),
        });
        if section.title != o.section_title {
            warnings.push(Warning::new(o.first_line, "section.title", format!("section {} printed as `{}` and `{}`", section.id, section.title, o.section_title)));
        }
        groups.entry((p.pillar, p.section, p.subsection)).or_default().push(o);
    }
    let subsections = groups
        .into_iter()
        .map(|(key, occs)| {
            let id = sub_id(key);
            let first = occs[0];
            let ratings: Vec<(u32, Rating)> = occs.iter().flat_map(|o| o.ratings.iter().copied()).collect();
            let mut rating = ratings.first().map(|r| r.1);
            if let Some(&(line, other)) = ratings.iter().find(|r| Some(r.1) != rating) {
                warnings.push(Warning::new(line, "rating", format!("{id} is rated {} here but {} elsewhere", other.mark(), rating.map_or("", Rating::mark))));
            }
            // A reviewed rating counts only where none is printed: the report's own mark wins.
            let reviewed = reviewed_ratings.iter().position(|r| r.subsection == id && r.title == first.title);
            if let (None, Some(k)) = (rating, reviewed) {
                used[k] = true;
                rating = Rating::from_mark(reviewed_ratings[k].rating.chars().next().unwrap_or(' '));
            }
            if rating.is_none() {
                warnings.push(
                    Warning::new(first.first_line, "rating", format!("{id} has no 進捗状況 rating"))
                        .with_fix(Fix::Rating { subsection: id.clone(), title: first.title.clone() }),
                );
            }
            let summary = occs.iter().map(|o| paragraphs(&o.summary)).find(|p| !p.is_empty()).unwrap_or_default();
            for o in &occs {
                let other = paragraphs(&o.summary);
                if !other.is_empty() && compact(&other.concat()) != compact(&summary.concat()) {
                    warnings.push(Warning::new(o.summary[0].0, "summary", format!("{id}: summary differs from the one printed at line {}", first_line_of_summary(&occs))));
                }
            }
            let mut pages: Vec<u32> = occs.iter().filter_map(|o| o.place.page).collect();
            pages.sort_unstable();
            pages.dedup();
            Subsection {
                section: format!("{}-{}", roman(key.0), key.1),
                pillar: roman(key.0),
                number: key.2,
                title: first.title.clone(),
                relisted: occs.iter().any(|o| o.relisted),
                rating,
                rating_mark: rating.map(|r| r.mark().to_string()),
                summary,
                pages,
                source: occs.iter().map(|o| LineSpan { first_line: o.first_line, last_line: o.last_line }).collect(),
                id,
            }
        })
        .collect();
    (sections.into_values().collect(), subsections)
}

fn first_line_of_summary(occs: &[&SubsectionOcc]) -> u32 {
    occs.iter().find_map(|o| o.summary.first().map(|s| s.0)).unwrap_or(0)
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect()
}

/// Everything a reader sees of a row, to tell whether two copies agree.
fn fingerprint(o: &RowOcc) -> Vec<(&'static str, String)> {
    let r = &o.row;
    let mut f = vec![
        ("title", r.title.clone()),
        ("departments", r.orgs.departments.join("、")),
        ("divisions", r.orgs.divisions.join("、")),
        ("zencho", r.orgs.zencho.to_string()),
    ];
    for kind in [BlockKind::Content, BlockKind::Targets, BlockKind::Status, BlockKind::Challenges, BlockKind::NextYear] {
        f.push((kind.field(), compact(&r.blocks.texts(kind).concat())));
    }
    f
}

fn weight(o: &RowOcc) -> usize {
    fingerprint(o).iter().map(|(_, v)| v.chars().count()).sum()
}

/// The initiatives, and the cells of the copy kept for each (with source lines, for KPIs).
pub(super) fn build_initiatives(
    rows: &[RowOcc],
    subsections: &[Subsection],
    warnings: &mut Vec<Warning>,
) -> (Vec<Initiative>, BTreeMap<String, Blocks>) {
    let mut cells = BTreeMap::new();
    let mut groups: BTreeMap<RowKey, Vec<&RowOcc>> = BTreeMap::new();
    for r in rows {
        let p = r.place;
        groups.entry((p.pillar, p.section, p.subsection, r.row.number)).or_default().push(r);
    }
    let initiatives = groups
        .into_iter()
        .map(|(key, occs)| {
            let sub = sub_id((key.0, key.1, key.2));
            let id = format!("{sub}-{}", key.3);
            // The fullest copy wins: a shorter one lost text at a page edge. Between copies of equal
            // length the text decides (never the file order, so page order changes nothing).
            // Identical copies differ only in their lines: the first printed is kept.
            let best = *occs.iter().max_by_key(|o| (weight(o), fingerprint(o), std::cmp::Reverse(o.first_line))).expect("group is never empty");
            let best_print = fingerprint(best);
            for o in &occs {
                for ((field, a), (_, b)) in best_print.iter().zip(fingerprint(o)) {
                    if *a != b {
                        warnings.push(Warning::new(o.first_line, field, format!("{id}: this copy differs from the one at line {} (kept the fuller one)", best.first_line)));
                    }
                }
            }
            let subsection_relisted = subsections.iter().any(|s| s.id == sub && s.relisted);
            let r = &best.row;
            cells.insert(id.clone(), r.blocks.clone());
            let mut source: Vec<Occurrence> =
                occs.iter().map(|o| Occurrence { page: o.place.page, first_line: o.first_line, last_line: o.last_line }).collect();
            source.sort_by_key(|o| o.first_line);
            Initiative {
                pillar: roman(key.0),
                section: format!("{}-{}", roman(key.0), key.1),
                subsection: sub,
                number: key.3,
                title: r.title.clone(),
                original_title: r.original_title.clone(),
                departments: r.orgs.departments.clone(),
                divisions: r.orgs.divisions.clone(),
                zencho: r.orgs.zencho,
                relisted: r.relisted || subsection_relisted,
                relisted_from: None,
                same_as: None,
                organisations: Vec::new(),
                content: r.blocks.texts(BlockKind::Content),
                targets: r.blocks.texts(BlockKind::Targets),
                status: r.blocks.texts(BlockKind::Status),
                challenges: r.blocks.texts(BlockKind::Challenges),
                next_year: r.blocks.texts(BlockKind::NextYear),
                achieved_marks: Vec::new(),
                kpis: Vec::new(),
                text_lines: Some(r.blocks.lines(source.first().map_or(1, |o| o.first_line))),
                source,
                // Given once the whole report is known (`keys.rs`).
                key: None,
                carried_over_from: None,
                id,
            }
        })
        .collect();
    (initiatives, cells)
}

/// A relisted copy prints its original's content cell word for word; the title may differ.
pub(super) fn link_relisted(initiatives: &mut [Initiative], warnings: &mut Vec<Warning>) {
    for i in 0..initiatives.len() {
        if !initiatives[i].relisted {
            continue;
        }
        let copy = &initiatives[i];
        let content = compact(&copy.content.concat());
        let candidates: Vec<&Initiative> = initiatives
            .iter()
            .filter(|o| !o.relisted && o.id != copy.id && compact(&o.content.concat()) == content)
            .collect();
        let wanted_title = copy.original_title.as_deref().unwrap_or(&copy.title);
        let chosen = candidates.iter().find(|o| o.title == wanted_title).or(candidates.first()).map(|o| o.id.clone());
        if chosen.is_none() {
            let line = copy.source.first().map_or(0, |s| s.first_line);
            warnings.push(Warning::new(line, "relisted_from", format!("{}: 【再掲】 but no original with the same content was found", copy.id)));
        }
        initiatives[i].relisted_from = chosen;
    }
}

/// Rows printed word for word in two subsections without 【再掲】: the later one (plan order)
/// points at the first, so every count takes the row once. Both keep their place.
pub(super) fn link_same_as(initiatives: &mut [Initiative], cells: &BTreeMap<String, Blocks>) {
    let print = |i: &Initiative| -> Option<Vec<String>> {
        let b = cells.get(&i.id)?;
        let mut f = vec![i.title.clone(), i.departments.join("、"), i.divisions.join("、"), i.zencho.to_string()];
        for kind in [BlockKind::Content, BlockKind::Targets, BlockKind::Status, BlockKind::Challenges, BlockKind::NextYear] {
            f.push(compact(&b.texts(kind).concat()));
        }
        Some(f)
    };
    let prints: Vec<Option<Vec<String>>> = initiatives.iter().map(print).collect();
    for later in 0..initiatives.len() {
        if initiatives[later].relisted {
            continue;
        }
        let first = (0..later).find(|&first| {
            let (a, b) = (&initiatives[first], &initiatives[later]);
            !a.relisted && a.same_as.is_none() && a.subsection != b.subsection && prints[first].is_some() && prints[first] == prints[later]
        });
        if let Some(first) = first {
            initiatives[later].same_as = Some(initiatives[first].id.clone());
        }
    }
}
