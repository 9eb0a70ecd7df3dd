//! Stage 3: occurrences become the report. Repeated pages and rows merge into one entity each,
//! ordered by the plan (pillar, section, subsection, number), never by file order.

use std::collections::BTreeMap;

use super::blocks::{BlockKind, Blocks};
use super::diag::{NormalizeError, Warning};
use super::document::{Document, RowOcc, SubsectionOcc};
use super::kpi::{self, KpiDraft};
use super::placement::Placement;
use super::tables::Table;
use super::overrides::{self, Mode, Outcome, OutcomeState, Overrides, TableOverride};
use super::text::join_wrapped;
use crate::model::*;

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
            warnings.push(Warning::new(
                1,
                "overrides",
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

    let (sections, subsections) = build_subsections(&doc.subsections, warnings);
    let (mut initiatives, cells) = build_initiatives(&doc.rows, &subsections, warnings);
    link_relisted(&mut initiatives, warnings);
    link_same_as(&mut initiatives, &cells);
    let table = overrides.map_or(&[][..], |(_, o)| &o.organisations[..]);
    let paired = super::pairing::pair(&mut initiatives, table, warnings);
    for (t, used) in table.iter().zip(paired) {
        let entry = format!("organisation {} → {}", t.division, t.department);
        match used {
            true => outcomes.push(Outcome { entry, state: OutcomeState::Applied, detail: String::new() }),
            false => stale(warnings, outcomes, 1, entry, "no row with several departments prints this division".into()),
        }
    }

    // Achieved marks printed at the page foot: given to their rows by page and order.
    let mut marks_from_overrides = Vec::new();
    let mut attributed_marks: Vec<u32> = Vec::new();
    if let Some((_, o)) = overrides {
        for m in &o.achieved_marks {
            let entry = format!("achieved mark `{}` for {}", m.mark, m.initiative);
            let subsection = m.initiative.rsplit_once('-').map_or("", |(sub, _)| sub);
            let on_page = |page_matters: bool| -> Vec<&super::document::MarkLine> {
                doc.achieved
                    .iter()
                    .filter(|a| sub_id((a.place.pillar, a.place.section, a.place.subsection)) == subsection)
                    .filter(|a| !page_matters || a.place.page.is_none() || m.page.is_none() || a.place.page == m.page)
                    .filter(|a| a.nth_on_page == m.nth && a.text == m.mark)
                    .collect()
            };
            let mut found = on_page(true);
            let mut state = OutcomeState::Applied;
            let mut detail = String::new();
            // Pages renumbered in a new edition: the mark is the subsection's `nth` on one page.
            if found.iter().all(|a| a.place.page.is_none()) {
                let elsewhere = on_page(false);
                let pages: std::collections::BTreeSet<u32> = elsewhere.iter().filter_map(|a| a.place.page).collect();
                if pages.len() == 1 && !elsewhere.is_empty() {
                    detail = format!("printed on page {} now, not {}", pages.first().copied().unwrap_or(0), m.page.map_or("?".into(), |p| p.to_string()));
                    state = OutcomeState::Adapted;
                    found = elsewhere;
                }
            }
            let Some(ini) = initiatives.iter_mut().find(|i| i.id == m.initiative) else {
                stale(warnings, outcomes, 1, entry, format!("there is no initiative {} in this report", m.initiative));
                continue;
            };
            if found.is_empty() {
                let line = ini.source.first().map_or(1, |s| s.first_line);
                stale(warnings, outcomes, line, entry, format!("no page of {subsection} prints `{}` as its mark number {}", m.mark, m.nth));
                continue;
            }
            if state == OutcomeState::Adapted {
                warnings.push(Warning::new(found[0].line, "overrides", format!("{entry}: {detail}; check that it is still this row's mark")));
            }
            attributed_marks.extend(found.iter().map(|a| a.line));
            if !ini.achieved_marks.contains(&m.mark) {
                ini.achieved_marks.push(m.mark.clone());
            }
            marks_from_overrides.push(m.initiative.clone());
            outcomes.push(Outcome { entry, state, detail });
        }
    }
    for mark in doc.achieved.iter().filter(|m| !attributed_marks.contains(&m.line)) {
        warnings.push(Warning::new(
            mark.line,
            "achieved_marks",
            format!("`{}` printed at the page foot cannot be tied to a row; add it to the overrides", mark.text),
        ));
    }

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
        let entry = format!("not_kpis `{}` of {}", n.context, n.initiative);
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
fn stale(warnings: &mut Vec<Warning>, outcomes: &mut Vec<Outcome>, line: u32, entry: String, detail: String) {
    warnings.push(Warning::new(line, "overrides", format!("{entry} no longer matches and was skipped: {detail}; review or remove it")));
    outcomes.push(Outcome { entry, state: OutcomeState::Stale, detail });
}

fn sub_id(k: Key) -> String {
    format!("{}-{}-{}", roman(k.0), k.1, k.2)
}

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

fn build_subsections(occs: &[SubsectionOcc], warnings: &mut Vec<Warning>) -> (Vec<Section>, Vec<Subsection>) {
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
            let rating = ratings.first().map(|r| r.1);
            if let Some(&(line, other)) = ratings.iter().find(|r| Some(r.1) != rating) {
                warnings.push(Warning::new(line, "rating", format!("{id} is rated {} here but {} elsewhere", other.mark(), rating.map_or("", Rating::mark))));
            }
            if rating.is_none() {
                warnings.push(Warning::new(first.first_line, "rating", format!("{id} has no 進捗状況 rating")));
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
fn build_initiatives(
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
                source,
                key: None, carried_over_from: None,
                id,
            }
        })
        .collect();
    (initiatives, cells)
}

/// A relisted copy prints its original's content cell word for word; the title may differ.
fn link_relisted(initiatives: &mut [Initiative], warnings: &mut Vec<Warning>) {
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
fn link_same_as(initiatives: &mut [Initiative], cells: &BTreeMap<String, Blocks>) {
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

/// What the parser read for the KPIs: the cells kept per initiative, the tables printed outside
/// the rows and where each table goes by rule.
struct Found<'a> {
    cells: &'a BTreeMap<String, Blocks>,
    tables: &'a [Table],
    placements: &'a [Placement],
}

fn build_kpis(
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
        if ini.relisted_from.is_some() || ini.same_as.is_some() {
            continue; // its figures are its original's
        }
        let (extracted, unsure) = cells.get(&ini.id).map(|b| kpi::extract(b, &ini.title, report_year)).unwrap_or_default();
        ambiguous.extend(unsure.into_iter().map(|a| (ini.id.clone(), a)));
        drafts.insert(ini.id.clone(), extracted.into_iter().map(|d| (d, KpiOrigin::Extracted)).collect());
    }
    // (initiative, label merged away, label it now has), for the links of either-or targets.
    let mut renamed: Vec<(String, String, String)> = Vec::new();
    attach_tables(initiatives, found, overrides, &mut drafts, warnings, outcomes);
    if let Some(o) = overrides {
        for entry in &o.kpis {
            let name = format!("KPI `{}` of {}", entry.label, entry.initiative);
            match apply_kpi_override(entry, initiatives, source, &mut drafts, &mut renamed, &mut dropped) {
                Ok(changed) => {
                    for (line, what) in &changed {
                        warnings.push(Warning::new(*line, "overrides", format!("{name}: {what}; the words around it are unchanged, check the figure")));
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
        let owner = ini.relisted_from.clone().or_else(|| ini.same_as.clone()).unwrap_or_else(|| ini.id.clone());
        ini.kpis = ids_of.get(&owner).cloned().unwrap_or_default();
    }
    (kpis, override_ids, dropped)
}

/// KPI drafts per initiative, each with where it came from.
type Drafts = BTreeMap<String, Vec<(KpiDraft, KpiOrigin)>>;
/// (initiative, label merged away, label it now has), for the links of either-or targets.
type Renamed = Vec<(String, String, String)>;

/// Applies one reviewed KPI entry. Everything is checked before anything changes, so an entry
/// that no longer matches leaves the drafts as the parser made them. Ok: the figures found again
/// after a change (line, what changed). Err: the line to report and what did not match.
fn apply_kpi_override(
    entry: &overrides::KpiOverride,
    initiatives: &[Initiative],
    source: &SourceInfo,
    drafts: &mut Drafts,
    renamed: &mut Renamed,
    dropped: &mut Vec<(String, KpiPoint)>,
) -> Result<Vec<(u32, String)>, (u32, String)> {
    let name = format!("KPI `{}` of {}", entry.label, entry.initiative);
    let Some(ini) = initiatives.iter().find(|i| i.id == entry.initiative) else {
        return Err((1, format!("there is no initiative {} in this report", entry.initiative)));
    };
    let line = ini.source.first().map_or(1, |s| s.first_line);
    if let Some(original) = ini.relisted_from.as_ref().or(ini.same_as.as_ref()) {
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

/// Tables printed outside the rows, each given to its row: by the overrides where they name it
/// (matched by caption, or for a table without caption by its row labels, as a header of years
/// moves on each edition), else by rule (placement.rs). Points placed by rule count as the
/// parser's own; a table nobody can place is warned about at its first line.
fn attach_tables(
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
                warnings.push(Warning::new(
                    t.lines[0],
                    "kpis",
                    format!(
                        "table `{}` stands outside any row and its page does not tell whose it is (rows that fit: {}); give it to its initiative in the overrides (`tables`)",
                        t.key,
                        if candidates.is_empty() { "none".to_string() } else { candidates.join(", ") }
                    ),
                ));
                continue;
            }
        };
        let entry = entry.map(|k| {
            used[k] = true;
            &entries[k]
        });
        if let Some(e) = entry {
            let name = format!("table `{}`", e.table);
            let Some(ini) = initiatives.iter().find(|i| i.id == e.initiative) else {
                stale(warnings, outcomes, t.lines[0], name, format!("there is no initiative {} in this report", e.initiative));
                continue;
            };
            if let Some(original) = ini.relisted_from.as_ref().or(ini.same_as.as_ref()) {
                stale(warnings, outcomes, t.lines[0], name, format!("{} repeats {original}; give the table to {original}", ini.id));
                continue;
            }
            let (state, detail) = if e.table == t.key {
                (OutcomeState::Applied, String::new())
            } else {
                (OutcomeState::Adapted, format!("matched by its row labels; its header now reads `{}`", t.key))
            };
            for r in e.rows.iter().filter(|r| !t.series.iter().any(|s| s.label == r.printed)) {
                warnings.push(Warning::new(t.lines[0], "overrides", format!("{name}: no row or column is labelled `{}` any more; its label was not used", r.printed)));
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
        stale(warnings, outcomes, 1, format!("table `{}`", e.table), "no table with this caption or header is printed".into());
    }
}
