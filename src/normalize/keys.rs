//! Each initiative's `key`: the name that survives renumbering and moves between editions.
//!
//! Without the previous edition, a key is made from the title alone ([`title_key`]): the first
//! [`KEY_LENGTH`] hex digits of the SHA-256 of the title as editions compare it (width folded, white
//! space removed; [`comparable_title`]). The subsection and number take no part, so a row that
//! moves or is renumbered keeps its key even when no previous edition is given. Rows that are no
//! repeats of each other but print the same title (テレワークの推進 for 総務部 and for 教育庁) add
//! their departments to the hashed text; should two still agree, the later in plan order gets
//! `-2`, `-3`. The printings of one row (【再掲】 copies, `same_as` repeats) share their original's
//! key.
//!
//! With the previous edition ([`carry_over`]), a matched row keeps the previous key and records the
//! previous id, so a key lives on even when the title is edited.

use std::collections::{HashMap, HashSet};

use crate::edition_matches::comparable_title;
use crate::model::{Initiative, Report};
use crate::source_text::sha256_hex;

/// Hex digits of a key: 40 bits, so two of a few hundred titles agree by chance about once in
/// ten million reports; the `-2` suffix handles it when they do.
pub const KEY_LENGTH: usize = 10;

/// The key made from `title` alone.
pub fn title_key(title: &str) -> String {
    hashed(&comparable_title(title))
}

fn hashed(text: &str) -> String {
    sha256_hex(text.as_bytes())[..KEY_LENGTH].to_string()
}

/// Gives every initiative its key from its title (see the module comment). Replaces any key.
pub fn assign(report: &mut Report) {
    let mut printed: HashMap<String, usize> = HashMap::new();
    for i in report.initiatives.iter().filter(|i| !i.is_repeat()) {
        *printed.entry(comparable_title(&i.title)).or_default() += 1;
    }
    let mut used = HashSet::new();
    for i in report.initiatives.iter_mut().filter(|i| !i.is_repeat()) {
        let title = comparable_title(&i.title);
        let text = if printed[&title] > 1 { format!("{title}\u{1f}{}", i.departments.join("\u{1f}")) } else { title };
        i.key = Some(unique(hashed(&text), &mut used));
    }
    share_with_repeats(report);
}

/// Gives the matched rows of `report` the keys of their rows in `previous` and records the previous
/// ids. `pairs` are (id in `report`, id in `previous`). A row not matched keeps its own key unless
/// a carried key took it (an ended row of the same title): then it gets the next free suffix.
pub fn carry_over<'a>(report: &mut Report, previous: &Report, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) {
    let previous_keys: HashMap<&str, Option<&String>> = previous.initiatives.iter().map(|i| (i.id.as_str(), i.key.as_ref())).collect();
    let mut carried: HashMap<String, (Option<String>, String)> = HashMap::new();
    for (newer, older) in pairs {
        let Some(key) = previous_keys.get(older) else { continue };
        carried.insert(newer.to_string(), (key.cloned(), older.to_string()));
    }
    let mut used: HashSet<String> = HashSet::new();
    for i in report.initiatives.iter_mut() {
        i.carried_over_from = None;
        if let Some((key, older)) = carried.get(&i.id) {
            i.carried_over_from = Some(older.clone());
            if key.is_some() {
                i.key.clone_from(key);
            }
            // Two rows carrying one key (a repeat last year, a row of its own now): the first keeps it.
            if !i.is_repeat() {
                i.key = i.key.take().map(|k| unique(k, &mut used));
            }
        }
    }
    for i in report.initiatives.iter_mut().filter(|i| !i.is_repeat() && !carried.contains_key(&i.id)) {
        if let Some(key) = i.key.take() {
            i.key = Some(unique(key, &mut used));
        }
    }
    share_with_repeats(report);
}

/// `key`, or `key-2`, `key-3` …, whichever is not yet `used`; marks it used.
fn unique(key: String, used: &mut HashSet<String>) -> String {
    let mut candidate = key.clone();
    let mut n = 2;
    while !used.insert(candidate.clone()) {
        candidate = format!("{key}-{n}");
        n += 1;
    }
    candidate
}

/// A repeat's key is its original's: one row, printed more than once.
fn share_with_repeats(report: &mut Report) {
    let keys: HashMap<String, Option<String>> = report.initiatives.iter().map(|i| (i.id.clone(), i.key.clone())).collect();
    for i in report.initiatives.iter_mut().filter(|i| i.is_repeat()) {
        i.key = original_of(i).and_then(|id| keys.get(id).cloned().flatten()).or_else(|| Some(title_key(&i.title)));
    }
}

fn original_of(i: &Initiative) -> Option<&str> {
    i.same_as.as_deref().or(i.relisted_from.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        crate::model::Report::from_json(include_str!("../../data/initiatives.json")).expect("loads")
    }

    #[test]
    fn keys_come_from_the_title_only_and_are_unique_among_originals() {
        let mut r = report();
        assign(&mut r);
        let originals: Vec<&Initiative> = r.initiatives.iter().filter(|i| !i.is_repeat()).collect();
        let keys: HashSet<&str> = originals.iter().filter_map(|i| i.key.as_deref()).collect();
        assert_eq!(keys.len(), originals.len(), "one key per original row");
        let moved = {
            let mut i = originals[0].clone();
            i.id = "III-9-9-9".into();
            i.subsection = "III-9-9".into();
            i.number = 9;
            i
        };
        assert_eq!(title_key(&moved.title), originals[0].key.clone().unwrap(), "number and subsection take no part");
        assert_eq!(title_key("行政手続の案内窓口 の一元化"), title_key("行政手続の案内窓口の一元化"));
        assert_eq!(title_key("x").len(), KEY_LENGTH);
    }

    #[test]
    fn rows_of_one_title_and_other_departments_get_different_keys() {
        let mut r = report();
        assign(&mut r);
        let telework: Vec<&Initiative> = r.initiatives.iter().filter(|i| i.title == "テレワークの推進" && !i.is_repeat()).collect();
        assert_eq!(telework.len(), 2);
        assert_ne!(telework[0].key, telework[1].key);
        // Told apart by their departments, not by their order: no suffix.
        assert!(telework.iter().all(|i| i.key.as_deref().is_some_and(|k| k.len() == KEY_LENGTH)), "{telework:?}");
    }

    #[test]
    fn repeats_share_their_originals_key() {
        let mut r = report();
        assign(&mut r);
        let repeats: Vec<&Initiative> = r.initiatives.iter().filter(|i| original_of(i).is_some()).collect();
        assert!(!repeats.is_empty());
        for i in repeats {
            assert_eq!(i.key, r.initiative(original_of(i).unwrap()).unwrap().key, "{}", i.id);
        }
    }

    #[test]
    fn a_carried_key_wins_and_a_row_that_would_take_it_moves_aside() {
        let previous = report();
        let mut r = previous.clone();
        // The first row's title is edited and the second row now prints the first row's old title.
        let (a, b) = (r.initiatives[0].id.clone(), r.initiatives[1].id.clone());
        r.initiatives[0].title.push_str("の見直し");
        r.initiatives[1].title = previous.initiatives[0].title.clone();
        assign(&mut r);
        carry_over(&mut r, &previous, [(a.as_str(), a.as_str())]);
        let old_key = previous.initiatives[0].key.clone().unwrap();
        assert_eq!(r.initiatives[0].key.as_deref(), Some(old_key.as_str()));
        assert_eq!(r.initiatives[0].carried_over_from.as_deref(), Some(a.as_str()));
        assert_eq!(r.initiatives[1].key, Some(format!("{old_key}-2")), "{b} is another row");
        assert_eq!(r.initiatives[1].carried_over_from, None);
    }

    #[test]
    fn two_rows_carrying_one_key_keep_it_once() {
        // Last year the second row was a repeat of the first (one key); now both are rows of their own.
        let mut previous = report();
        previous.initiatives[1].key = previous.initiatives[0].key.clone();
        let mut r = report();
        let (a, b) = (r.initiatives[0].id.clone(), r.initiatives[1].id.clone());
        carry_over(&mut r, &previous, [(a.as_str(), a.as_str()), (b.as_str(), b.as_str())]);
        let key = previous.initiatives[0].key.clone().unwrap();
        assert_eq!(r.initiatives[0].key.as_deref(), Some(key.as_str()));
        assert_eq!(r.initiatives[1].key, Some(format!("{key}-2")));
    }
}
