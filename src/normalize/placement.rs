//! Which row a table printed outside the rows belongs to, by rule, so that a new edition needs no
//! reviewer where the page itself tells.
//!
//! The report prints such a table at the foot of the page that holds its row. Among the rows of
//! the table's subsection printed on the same page (any printing of it), the table goes to:
//! 1. the one row whose text names what the table's caption names (`押印の見直し状況（進捗率）`:
//!    the row whose target speaks of 押印の見直し);
//! 2. else the one row whose status cell ends with a heading left without figures
//!    (`【一元化手続きによる売却実績】`, `◎未収金残高の状況`), the place the table was cut from.
//!
//! Two rows that fit equally (two rows ending with an empty 【実績】 under one 寄附額 table) are
//! no rule's call: the table stays with nobody, with a warning, unless the overrides name its row.

use std::collections::BTreeMap;

use super::blocks::{BlockKind, Blocks};
use super::tables::Table;
use super::text::without_brackets;
use crate::model::{Initiative, Occurrence};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// The one row the rule points at, and which clue decided.
    Row { initiative: String, clue: Clue },
    /// No row, or several, fit: the candidates (ids) for the message.
    Undecided { candidates: Vec<String> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clue {
    Caption,
    EmptyHeading,
}

/// What the caption names: `寄附額の推移 （単位：千円）` → `寄附額`; `押印の見直し状況（進捗率）` →
/// `押印の見直し`. `None` for a table without caption or a caption that names nothing left.
pub fn caption_subject(caption_key: &str) -> Option<String> {
    let mut s = without_brackets(caption_key).trim().to_string();
    for suffix in ["推移", "状況", "の"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.to_string();
        }
    }
    (s.chars().count() >= 2).then_some(s)
}

fn is_heading(t: &str) -> bool {
    (t.starts_with('【') && t.ends_with('】')) || t.starts_with('◎')
}

/// The status cell ends with a heading whose figures are missing (only `※` notes may follow).
fn ends_with_empty_heading(blocks: &Blocks) -> bool {
    let items = blocks.texts(BlockKind::Status);
    let Some(last) = items.iter().rposition(|t| !t.starts_with('※')) else { return false };
    is_heading(&items[last])
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Places `table`, whose first line lies in subsection `subsection`.
pub fn place_table(
    table: &Table,
    subsection: &str,
    page_spans: &[Occurrence],
    initiatives: &[Initiative],
    cells: &BTreeMap<String, Blocks>,
) -> Placement {
    let pages: Vec<&Occurrence> =
        page_spans.iter().filter(|p| table.lines.iter().any(|&l| (p.first_line..=p.last_line).contains(&l))).collect();
    let candidates: Vec<&Initiative> = initiatives
        .iter()
        .filter(|i| i.subsection == subsection && i.relisted_from.is_none() && i.same_as.is_none())
        .filter(|i| i.source.iter().any(|o| pages.iter().any(|p| p.first_line <= o.first_line && o.first_line <= p.last_line)))
        .collect();
    let ids = |list: &[&Initiative]| list.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    if let Some(subject) = table.caption.as_ref().and_then(|_| caption_subject(&table.key)) {
        let subject = compact(&subject);
        let naming: Vec<&Initiative> = candidates
            .iter()
            .copied()
            .filter(|i| {
                let text = [&i.title].into_iter().chain(&i.targets).chain(&i.status).map(|t| compact(t)).collect::<String>();
                text.contains(&subject)
            })
            .collect();
        match naming.as_slice() {
            [one] => return Placement::Row { initiative: one.id.clone(), clue: Clue::Caption },
            [] => {}
            several => return Placement::Undecided { candidates: ids(several) },
        }
    }
    let waiting: Vec<&Initiative> = candidates.iter().copied().filter(|i| cells.get(&i.id).is_some_and(ends_with_empty_heading)).collect();
    match waiting.as_slice() {
        [one] => Placement::Row { initiative: one.id.clone(), clue: Clue::EmptyHeading },
        [] => Placement::Undecided { candidates: ids(&candidates) },
        several => Placement::Undecided { candidates: ids(several) },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caption_names_its_subject() {
        assert_eq!(caption_subject("寄附額の推移").as_deref(), Some("寄附額"));
        assert_eq!(caption_subject("押印の見直し状況（進捗率）").as_deref(), Some("押印の見直し"));
        assert_eq!(caption_subject("未収金残高推移").as_deref(), Some("未収金残高"));
        assert_eq!(caption_subject("（単位）"), None);
    }
}
