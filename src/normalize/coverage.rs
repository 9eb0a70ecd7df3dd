//! What part of the printed report the source text holds. The text is an extract: pages can be
//! absent and row numbers jump. The dashboard's counts cover only what is present, so the gaps
//! are recorded for it to say so.

use std::collections::BTreeMap;

use crate::model::{Coverage, Initiative};

/// `pages`: printed page numbers seen (any order, repeats allowed).
pub fn coverage(pages: &[u32], initiatives: &[Initiative]) -> Coverage {
    let mut pages_present: Vec<u32> = pages.to_vec();
    pages_present.sort_unstable();
    pages_present.dedup();
    let missing_pages = match (pages_present.first(), pages_present.last()) {
        (Some(&first), Some(&last)) => (first..=last).filter(|p| pages_present.binary_search(p).is_err()).collect(),
        _ => Vec::new(),
    };
    let mut numbers: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for i in initiatives {
        numbers.entry(i.subsection.as_str()).or_default().push(i.number);
    }
    let missing_numbers = numbers
        .into_iter()
        .filter_map(|(sub, present)| {
            let highest = present.iter().copied().max()?;
            let missing: Vec<u32> = (1..highest).filter(|n| !present.contains(n)).collect();
            (!missing.is_empty()).then(|| (sub.to_string(), missing))
        })
        .collect();
    Coverage { pages_present, missing_pages, missing_numbers }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(subsection: &str, number: u32) -> Initiative {
        serde_json::from_value(serde_json::json!({
            "id": format!("{subsection}-{number}"), "pillar": "I", "section": "I-3", "subsection": subsection, "number": number,
            "title": "t", "original_title": null, "departments": [], "divisions": [], "zencho": false, "relisted": false,
            "relisted_from": null, "same_as": null, "organisations": [], "content": [], "targets": [], "status": [], "challenges": [], "next_year": [],
            "achieved_marks": [], "kpis": [], "source": []
        }))
        .expect("an initiative")
    }

    #[test]
    fn page_and_number_gaps() {
        let rows: Vec<Initiative> = [1, 3, 5, 7, 9].into_iter().map(|n| row("I-3-2", n)).chain([row("I-3-3", 1), row("I-3-3", 2)]).collect();
        let c = coverage(&[7, 10, 10, 11, 13, 12, 16], &rows);
        assert_eq!(c.pages_present, [7, 10, 11, 12, 13, 16]);
        assert_eq!(c.missing_pages, [8, 9, 14, 15]);
        assert_eq!(c.missing_numbers.len(), 1);
        assert_eq!(c.missing_numbers["I-3-2"], [2, 4, 6, 8]);
    }

    #[test]
    fn nothing_present_is_no_gap() {
        let c = coverage(&[], &[]);
        assert_eq!(c, Coverage::default());
    }
}
