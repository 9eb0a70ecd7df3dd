//! Achieved marks printed at a page foot (`achieved_marks` in the overrides), given to their
//! rows by printed page and their order on it; a mark nobody claims is warned about.

use super::{stale, sub_id};
use crate::model::Initiative;
use crate::normalize::diag::{Carried, Fix, Warning};
use crate::normalize::document::{Document, MarkLine};
use crate::normalize::overrides::{Named, Outcome, OutcomeState, Overrides};

/// Gives each reviewed mark to its row; returns the initiatives that got a mark this way.
pub(super) fn attribute(
    doc: &Document,
    overrides: Option<&Overrides>,
    initiatives: &mut [Initiative],
    warnings: &mut Vec<Warning>,
    outcomes: &mut Vec<Outcome>,
) -> Vec<String> {
    let mut marks_from_overrides = Vec::new();
    let mut attributed_marks: Vec<u32> = Vec::new();
    if let Some(o) = overrides {
        for m in &o.achieved_marks {
            let entry = m.name();
            let subsection = m.initiative.rsplit_once('-').map_or("", |(sub, _)| sub);
            let on_page = |page_matters: bool| -> Vec<&MarkLine> {
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
                warnings.push(Warning::carried(found[0].line, Carried::MarkMoved, format!("{entry}: {detail}; check that it is still this row's mark")));
            }
            attributed_marks.extend(found.iter().map(|a| a.line));
            if !ini.achieved_marks.contains(&m.mark) {
                ini.achieved_marks.push(m.mark.clone());
                ini.text_lines.get_or_insert_with(Default::default).achieved_marks.push(found[0].line);
            }
            marks_from_overrides.push(m.initiative.clone());
            outcomes.push(Outcome { entry, state, detail });
        }
    }
    for mark in doc.achieved.iter().filter(|m| !attributed_marks.contains(&m.line)) {
        // The rows the mark may belong to: its subsection's, printed on its page.
        let subsection = sub_id((mark.place.pillar, mark.place.section, mark.place.subsection));
        let candidates = initiatives
            .iter()
            .filter(|i| i.subsection == subsection && i.relisted_from.is_none())
            .filter(|i| mark.place.page.is_none() || i.source.iter().any(|o| o.page == mark.place.page))
            .map(|i| i.id.clone())
            .collect();
        warnings.push(
            Warning::new(mark.line, "achieved_marks", format!("`{}` printed at the page foot cannot be tied to a row; add it to the overrides", mark.text))
                .with_fix(Fix::Mark { mark: mark.text.clone(), page: mark.place.page, nth: mark.nth_on_page, candidates }),
        );
    }
    marks_from_overrides
}
