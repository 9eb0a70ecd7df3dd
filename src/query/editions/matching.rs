//! Which subsection, initiative and KPI of the older edition is which of the newer.
//!
//! Subsections by id where the title agrees, else by title (renumbered). Initiatives in passes,
//! each pass pairing only rows the earlier ones left free, the best pairs first:
//! 1. the reviewer's pins (`edition_matches.pin` in `overrides.json`);
//! 2. the same subsection and number, the same title;
//! 3. the same title in the same subsection (renumbered), then in another (moved);
//! 4. a title at least [`SIMILAR_TITLE`] alike in the same subsection (edited), then at least
//!    [`SIMILAR_TITLE_ELSEWHERE`] alike in another.
//!
//! A pair the reviewer broke (`edition_matches.break`) is never made, and a 【再掲】 copy only pairs
//! with a copy. Every match that is not exact says why ([`Reason`]). KPIs pair within matched
//! initiatives by label and unit, as [`same_measure`](crate::query::achievement::same_measure)
//! tells one measure.

use std::collections::{HashMap, HashSet};

use super::similarity::{title_similarity, SIMILAR_TITLE, SIMILAR_TITLE_ELSEWHERE};
use crate::edition_matches::{comparable_title, EditionMatches, TitlePair};
use crate::model::{Initiative, Report, Subsection};

keyed! {
    /// Why a match is not exact. A match with no reason is the same row, printed the same way.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Reason {
        /// The reviewer pinned the pair.
        Pinned => "pinned", "確認済みの対応";
        /// Another number in the same subsection.
        Renumbered => "renumbered", "番号の変更";
        /// Printed in another subsection (its number changes with it; not said twice).
        Moved => "moved", "小項目の移動";
        /// The title reads otherwise (width and wrapping aside).
        TitleEdited => "title_edited", "取組項目名の修正";
        /// Other departments or divisions (a division renamed, one added or gone).
        OrganisationsChanged => "organisations_changed", "部局等・担当課の変更";
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SubsectionMatch {
    pub older: String,
    pub newer: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InitiativeMatch {
    pub older: String,
    pub newer: String,
    /// Empty for an exact match; otherwise in the order of [`Reason`].
    pub reasons: Vec<Reason>,
    /// How alike the titles are (1 when they agree).
    pub similarity: f64,
}

impl InitiativeMatch {
    pub fn is_exact(&self) -> bool {
        self.reasons.is_empty()
    }

    /// The reasons as a reader reads them, each with what changed where the rows say it:
    /// 「番号の変更（4 → 5）」, 「小項目の移動（I-2-4 → I-2-3）」, 「部局等・担当課の変更（担当課 新行政推進室 →
    /// 行政改革推進室）」. `older` and `newer` are the two rows of the match.
    pub fn reasons_ja(&self, older: &Initiative, newer: &Initiative) -> String {
        self.reasons
            .iter()
            .map(|r| {
                let what = match r {
                    Reason::Renumbered => format!("{} → {}", older.number, newer.number),
                    Reason::Moved => format!("{} → {}", older.subsection, newer.subsection),
                    Reason::OrganisationsChanged => organisations_changed_ja(older, newer),
                    Reason::Pinned | Reason::TitleEdited => String::new(),
                };
                if what.is_empty() {
                    r.label_ja().to_string()
                } else {
                    format!("{}（{what}）", r.label_ja())
                }
            })
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// Which departments and divisions changed: 「担当課 A → B」 for one gone and one come, else what
/// went and what came, each named.
fn organisations_changed_ja(older: &Initiative, newer: &Initiative) -> String {
    let changed = |what: &str, before: &[String], after: &[String]| -> Option<String> {
        let gone: Vec<&str> = before.iter().filter(|x| !after.contains(x)).map(String::as_str).collect();
        let came: Vec<&str> = after.iter().filter(|x| !before.contains(x)).map(String::as_str).collect();
        match (gone.is_empty(), came.is_empty()) {
            (true, true) => None,
            (false, false) => Some(format!("{what} {} → {}", gone.join("・"), came.join("・"))),
            (false, true) => Some(format!("{what} {} がなくなった", gone.join("・"))),
            (true, false) => Some(format!("{what} {} が加わった", came.join("・"))),
        }
    };
    let parts: Vec<String> = [changed("部局等", &older.departments, &newer.departments), changed("担当課", &older.divisions, &newer.divisions)].into_iter().flatten().collect();
    // The same names in another order: said as such, not as nothing.
    if parts.is_empty() {
        "並び順".to_string()
    } else {
        parts.join("、")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiMatch {
    pub older: String,
    pub newer: String,
}

/// Which side of a pin or break names a title that is not printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Older,
    Newer,
}

/// A pin or break that cannot be used: it names a title the edition does not print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideProblem {
    /// Where it stands in the overrides file: `edition_matches.pin[0]`.
    pub entry: String,
    pub side: Side,
    pub title: String,
}

impl OverrideProblem {
    pub fn message(&self) -> String {
        let side = match self.side {
            Side::Older => "older",
            Side::Newer => "newer",
        };
        format!("{}: no initiative titled 「{}」 in the {side} edition; the entry was not used", self.entry, self.title)
    }
}

/// The two editions side by side. Ids are the older edition's in `older` fields and the newer's in
/// `newer` fields; lists are in the newer edition's plan order (ended ones in the older's).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Matching {
    pub subsections: Vec<SubsectionMatch>,
    pub new_subsections: Vec<String>,
    pub ended_subsections: Vec<String>,
    pub initiatives: Vec<InitiativeMatch>,
    /// Rows of the newer edition with no match, repeats included.
    pub new_initiatives: Vec<String>,
    /// Rows of the older edition with no match, repeats included.
    pub ended_initiatives: Vec<String>,
    /// KPIs of matched initiatives, paired by label and unit.
    pub kpis: Vec<KpiMatch>,
    /// KPIs of matched initiatives that the other edition does not print.
    pub new_kpis: Vec<String>,
    pub ended_kpis: Vec<String>,
    /// Pins and breaks that name a title not printed: reported, never dropped silently.
    pub problems: Vec<OverrideProblem>,
}

impl Matching {
    pub fn of_older(&self, older_id: &str) -> Option<&InitiativeMatch> {
        self.initiatives.iter().find(|m| m.older == older_id)
    }

    pub fn of_newer(&self, newer_id: &str) -> Option<&InitiativeMatch> {
        self.initiatives.iter().find(|m| m.newer == newer_id)
    }

    /// The newer edition's id of the older subsection `older_id`.
    pub fn subsection_in_newer(&self, older_id: &str) -> Option<&str> {
        self.subsections.iter().find(|m| m.older == older_id).map(|m| m.newer.as_str())
    }

    /// Matches that are not exact.
    pub fn inexact(&self) -> impl Iterator<Item = &InitiativeMatch> {
        self.initiatives.iter().filter(|m| !m.is_exact())
    }
}

/// Matches `older` with `newer` under the reviewer's pins and breaks.
pub fn match_editions(older: &Report, newer: &Report, reviewed: &EditionMatches) -> Matching {
    let mut out = Matching::default();
    match_subsections(older, newer, &mut out);
    let subsection_of: HashMap<&str, &str> = out.subsections.iter().map(|m| (m.older.as_str(), m.newer.as_str())).collect();
    let pairs = match_initiatives(older, newer, reviewed, &subsection_of, &mut out.problems);
    let (mut matched_older, mut matched_newer) = (HashSet::new(), HashSet::new());
    for &(o, n, pinned) in &pairs {
        matched_older.insert(o);
        matched_newer.insert(n);
        let (a, b) = (&older.initiatives[o], &newer.initiatives[n]);
        out.initiatives.push(InitiativeMatch {
            older: a.id.clone(),
            newer: b.id.clone(),
            reasons: reasons(a, b, pinned, &subsection_of),
            similarity: title_similarity(&a.title, &b.title),
        });
    }
    out.initiatives.sort_by_key(|m| newer.initiatives.iter().position(|i| i.id == m.newer));
    out.new_initiatives = newer.initiatives.iter().enumerate().filter(|(n, _)| !matched_newer.contains(n)).map(|(_, i)| i.id.clone()).collect();
    out.ended_initiatives = older.initiatives.iter().enumerate().filter(|(o, _)| !matched_older.contains(o)).map(|(_, i)| i.id.clone()).collect();
    match_kpis(older, newer, &mut out);
    out
}

type SubsectionPass<'a> = dyn Fn(&Subsection, &Subsection) -> bool + 'a;

fn match_subsections(older: &Report, newer: &Report, out: &mut Matching) {
    let mut taken_older = HashSet::new();
    let mut taken_newer = HashSet::new();
    let same_title = |a: &str, b: &str| comparable_title(a) == comparable_title(b);
    // By id where the title agrees or looks alike; then by title alone (renumbered).
    let passes: [&SubsectionPass<'_>; 2] = [
        &|a, b| a.id == b.id && title_similarity(&a.title, &b.title) >= SIMILAR_TITLE,
        &|a, b| a.relisted == b.relisted && same_title(&a.title, &b.title),
    ];
    for pass in passes {
        for b in &newer.subsections {
            if taken_newer.contains(&b.id) {
                continue;
            }
            if let Some(a) = older.subsections.iter().find(|a| !taken_older.contains(&a.id) && pass(a, b)) {
                taken_older.insert(a.id.clone());
                taken_newer.insert(b.id.clone());
                out.subsections.push(SubsectionMatch { older: a.id.clone(), newer: b.id.clone() });
            }
        }
    }
    out.subsections.sort_by_key(|m| newer.subsections.iter().position(|s| s.id == m.newer));
    out.new_subsections = newer.subsections.iter().filter(|s| !taken_newer.contains(&s.id)).map(|s| s.id.clone()).collect();
    out.ended_subsections = older.subsections.iter().filter(|s| !taken_older.contains(&s.id)).map(|s| s.id.clone()).collect();
}

/// One candidate pair and what ranks it within its pass.
struct Candidate {
    older: usize,
    newer: usize,
    score: f64,
    same_organisations: bool,
    number_distance: u32,
}

/// (older index, newer index, pinned), in the order they were made.
fn match_initiatives(
    older: &Report,
    newer: &Report,
    reviewed: &EditionMatches,
    subsection_of: &HashMap<&str, &str>,
    problems: &mut Vec<OverrideProblem>,
) -> Vec<(usize, usize, bool)> {
    let older_titles: Vec<String> = older.initiatives.iter().map(|i| comparable_title(&i.title)).collect();
    let newer_titles: Vec<String> = newer.initiatives.iter().map(|i| comparable_title(&i.title)).collect();
    let broken: Vec<&TitlePair> = checked("break", &reviewed.breaks, &older_titles, &newer_titles, problems);
    let is_broken = |o: usize, n: usize| broken.iter().any(|b| b.names(&older.initiatives[o].title, &newer.initiatives[n].title));
    let mut free_older: Vec<bool> = vec![true; older.initiatives.len()];
    let mut free_newer: Vec<bool> = vec![true; newer.initiatives.len()];
    let mut pairs = Vec::new();

    for pin in checked("pin", &reviewed.pin, &older_titles, &newer_titles, problems) {
        let (a, b) = (comparable_title(&pin.older_title), comparable_title(&pin.newer_title));
        let olds = (0..older_titles.len()).filter(|&o| older_titles[o] == a);
        let news: Vec<usize> = (0..newer_titles.len()).filter(|&n| newer_titles[n] == b).collect();
        for (o, n) in olds.zip(news) {
            if free_older[o] && free_newer[n] {
                free_older[o] = false;
                free_newer[n] = false;
                pairs.push((o, n, true));
            }
        }
    }

    let same_place = |o: usize, n: usize| subsection_of.get(older.initiatives[o].subsection.as_str()) == Some(&newer.initiatives[n].subsection.as_str());
    type Pass<'p> = Box<dyn Fn(usize, usize) -> Option<f64> + 'p>;
    let equal = |o: usize, n: usize| older_titles[o] == newer_titles[n];
    let alike = |o: usize, n: usize| title_similarity(&older_titles[o], &newer_titles[n]);
    let passes: Vec<Pass> = vec![
        Box::new(|o, n| (same_place(o, n) && older.initiatives[o].number == newer.initiatives[n].number && equal(o, n)).then_some(1.0)),
        Box::new(|o, n| (same_place(o, n) && equal(o, n)).then_some(1.0)),
        Box::new(|o, n| equal(o, n).then_some(1.0)),
        Box::new(|o, n| if same_place(o, n) { Some(alike(o, n)).filter(|s| *s >= SIMILAR_TITLE) } else { None }),
        Box::new(|o, n| Some(alike(o, n)).filter(|s| *s >= SIMILAR_TITLE_ELSEWHERE)),
    ];
    for pass in passes {
        let mut candidates = Vec::new();
        for o in (0..older.initiatives.len()).filter(|&o| free_older[o]) {
            for n in (0..newer.initiatives.len()).filter(|&n| free_newer[n]) {
                let (a, b) = (&older.initiatives[o], &newer.initiatives[n]);
                if a.relisted != b.relisted || is_broken(o, n) {
                    continue;
                }
                if let Some(score) = pass(o, n) {
                    let same_organisations = a.departments == b.departments && a.divisions == b.divisions;
                    candidates.push(Candidate { older: o, newer: n, score, same_organisations, number_distance: a.number.abs_diff(b.number) });
                }
            }
        }
        // The best pairs first; between equals, the same organisations, then the nearer number,
        // then plan order (the sort is stable).
        candidates.sort_by(|x, y| {
            y.score.total_cmp(&x.score).then(y.same_organisations.cmp(&x.same_organisations)).then(x.number_distance.cmp(&y.number_distance))
        });
        for c in candidates {
            if free_older[c.older] && free_newer[c.newer] {
                free_older[c.older] = false;
                free_newer[c.newer] = false;
                pairs.push((c.older, c.newer, false));
            }
        }
    }
    pairs
}

/// The entries of `entries` whose titles both editions print; the others become problems.
fn checked<'e>(kind: &str, entries: &'e [TitlePair], older_titles: &[String], newer_titles: &[String], problems: &mut Vec<OverrideProblem>) -> Vec<&'e TitlePair> {
    let mut usable = Vec::new();
    for (at, e) in entries.iter().enumerate() {
        let entry = format!("edition_matches.{kind}[{at}]");
        let mut ok = true;
        for (side, title, titles) in [(Side::Older, &e.older_title, older_titles), (Side::Newer, &e.newer_title, newer_titles)] {
            if !titles.contains(&comparable_title(title)) {
                problems.push(OverrideProblem { entry: entry.clone(), side, title: title.clone() });
                ok = false;
            }
        }
        if ok {
            usable.push(e);
        }
    }
    usable
}

fn reasons(a: &Initiative, b: &Initiative, pinned: bool, subsection_of: &HashMap<&str, &str>) -> Vec<Reason> {
    let moved = subsection_of.get(a.subsection.as_str()) != Some(&b.subsection.as_str());
    let mut out = Vec::new();
    if pinned {
        out.push(Reason::Pinned);
    }
    if !moved && a.number != b.number {
        out.push(Reason::Renumbered);
    }
    if moved {
        out.push(Reason::Moved);
    }
    if comparable_title(&a.title) != comparable_title(&b.title) {
        out.push(Reason::TitleEdited);
    }
    if a.departments != b.departments || a.divisions != b.divisions {
        out.push(Reason::OrganisationsChanged);
    }
    out
}

/// KPIs of each matched pair, paired by label and unit in printed order; a KPI belongs to the
/// row that prints it (`kpi.initiative`), so a repeat's borrowed KPIs are not paired twice.
fn match_kpis(older: &Report, newer: &Report, out: &mut Matching) {
    let mut matched_older = HashSet::new();
    let mut matched_newer = HashSet::new();
    for m in &out.initiatives {
        let olds: Vec<&crate::model::Kpi> = older.kpis.iter().filter(|k| k.initiative == m.older).collect();
        for b in newer.kpis.iter().filter(|k| k.initiative == m.newer) {
            if let Some(a) = olds.iter().find(|a| !matched_older.contains(&a.id) && a.label == b.label && a.unit == b.unit) {
                matched_older.insert(a.id.clone());
                matched_newer.insert(b.id.clone());
                out.kpis.push(KpiMatch { older: a.id.clone(), newer: b.id.clone() });
            }
        }
    }
    let owned_by = |ids: &[InitiativeMatch], id: &str, older_side: bool| ids.iter().any(|m| if older_side { m.older == id } else { m.newer == id });
    out.new_kpis = newer.kpis.iter().filter(|k| owned_by(&out.initiatives, &k.initiative, false) && !matched_newer.contains(&k.id)).map(|k| k.id.clone()).collect();
    out.ended_kpis = older.kpis.iter().filter(|k| owned_by(&out.initiatives, &k.initiative, true) && !matched_older.contains(&k.id)).map(|k| k.id.clone()).collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::committed_report;

    fn pair(older: &str, newer: &str) -> TitlePair {
        TitlePair { older_title: older.into(), newer_title: newer.into(), why: "reviewed".into() }
    }

    #[test]
    fn an_edition_matches_itself_exactly() {
        let r = committed_report();
        let m = match_editions(&r, &r, &EditionMatches::default());
        assert_eq!(m.initiatives.len(), r.initiatives.len());
        assert!(m.initiatives.iter().all(|x| x.is_exact() && x.older == x.newer), "{:?}", m.inexact().collect::<Vec<_>>());
        assert_eq!(m.subsections.len(), r.subsections.len());
        assert_eq!(m.kpis.len(), r.kpis.len());
        assert!(m.new_initiatives.is_empty() && m.ended_initiatives.is_empty() && m.problems.is_empty());
    }

    #[test]
    fn a_renumbered_moved_and_edited_row_says_why() {
        let older = committed_report();
        let mut newer = older.clone();
        let at = newer.initiatives.iter().position(|i| i.id == "I-2-4-1").unwrap();
        let row = &mut newer.initiatives[at];
        row.id = "I-2-3-5".into();
        row.subsection = "I-2-3".into();
        row.section = "I-2".into();
        row.number = 5;
        row.title.push_str("の推進");
        for k in newer.kpis.iter_mut().filter(|k| k.initiative == "I-2-4-1") {
            k.initiative = "I-2-3-5".into();
        }
        let m = match_editions(&older, &newer, &EditionMatches::default());
        let inexact: Vec<&InitiativeMatch> = m.inexact().collect();
        assert_eq!(inexact.len(), 1, "{inexact:?}");
        assert_eq!((inexact[0].older.as_str(), inexact[0].newer.as_str()), ("I-2-4-1", "I-2-3-5"));
        assert_eq!(inexact[0].reasons, vec![Reason::Moved, Reason::TitleEdited]);
        assert_eq!(m.kpis.len(), older.kpis.len(), "its KPI follows it");
    }

    #[test]
    fn the_same_title_elsewhere_wins_over_an_alike_title_here() {
        let older = committed_report();
        let mut newer = older.clone();
        let at = newer.initiatives.iter().position(|i| i.id == "I-2-4-1").unwrap();
        let mut alike = newer.initiatives[at].clone();
        let row = &mut newer.initiatives[at];
        (row.id, row.subsection, row.section, row.number) = ("I-2-3-5".into(), "I-2-3".into(), "I-2".into(), 5);
        alike.id = "I-2-4-9".into();
        alike.number = 9;
        alike.title.push_str("の推進");
        newer.initiatives.push(alike);
        let m = match_editions(&older, &newer, &EditionMatches::default());
        assert_eq!(m.of_older("I-2-4-1").map(|x| (x.newer.as_str(), x.reasons.clone())), Some(("I-2-3-5", vec![Reason::Moved])));
        assert_eq!(m.new_initiatives, ["I-2-4-9"]);
    }

    #[test]
    fn kpis_pair_by_label_and_unit_whatever_their_order() {
        let older = committed_report();
        let mut newer = older.clone();
        let staff: Vec<usize> = (0..newer.kpis.len()).filter(|&k| newer.kpis[k].initiative == "I-3-2-1").collect();
        assert!(staff.len() >= 2 && newer.kpis[staff[0]].unit == newer.kpis[staff[1]].unit);
        newer.kpis.swap(staff[0], staff[1]);
        let m = match_editions(&older, &newer, &EditionMatches::default());
        for x in &m.kpis {
            let (a, b) = (older.kpi(&x.older).unwrap(), newer.kpi(&x.newer).unwrap());
            assert_eq!((&a.label, &a.unit), (&b.label, &b.unit));
        }
        assert_eq!(m.kpis.len(), older.kpis.len());
    }

    #[test]
    fn pins_and_breaks_override_the_titles_and_unknown_titles_are_reported() {
        let older = committed_report();
        let mut newer = older.clone();
        let at = newer.initiatives.iter().position(|i| i.id == "I-2-4-1").unwrap();
        newer.initiatives[at].title = "業務改善の全面展開".into();
        let unpinned = match_editions(&older, &newer, &EditionMatches::default());
        assert!(unpinned.ended_initiatives.contains(&"I-2-4-1".to_string()) && unpinned.new_initiatives.contains(&"I-2-4-1".to_string()));

        let old_title = older.initiative("I-2-4-1").unwrap().title.clone();
        let reviewed = EditionMatches {
            pin: vec![pair(&old_title, "業務改善の 全面展開"), pair("存在しない取組", "業務改善の全面展開")],
            breaks: vec![pair("県南地区振興局の再編", "県南地区振興局の再編"), pair("県南地区振興局の再編", "どこにもない")],
        };
        let m = match_editions(&older, &newer, &reviewed);
        let pinned = m.of_older("I-2-4-1").unwrap();
        assert_eq!(pinned.reasons, vec![Reason::Pinned, Reason::TitleEdited]);
        assert!(m.ended_initiatives == vec!["I-2-5-1".to_string()] && m.new_initiatives == vec!["I-2-5-1".to_string()], "the broken pair is two rows");
        let problems: Vec<String> = m.problems.iter().map(OverrideProblem::message).collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("edition_matches.break[1]: no initiative titled 「どこにもない」 in the newer edition"), "{problems:?}");
        assert!(problems[1].starts_with("edition_matches.pin[1]: no initiative titled 「存在しない取組」 in the older edition"), "{problems:?}");
    }

    #[test]
    fn rows_of_one_title_pair_by_their_organisations_when_renumbered() {
        let older = committed_report();
        let mut newer = older.clone();
        // Both テレワークの推進 rows (総務部 row 2, 教育庁 row 3) are renumbered, 教育庁 first.
        for i in newer.initiatives.iter_mut().filter(|i| i.subsection == "II-3-1" && (i.number == 2 || i.number == 3)) {
            i.number = 15 - i.number;
            i.id = format!("II-3-1-{}", i.number);
        }
        let m = match_editions(&older, &newer, &EditionMatches::default());
        for (old, new) in [("II-3-1-2", "II-3-1-13"), ("II-3-1-3", "II-3-1-12")] {
            let a = m.of_older(old).unwrap();
            assert_eq!((a.newer.as_str(), a.reasons.as_slice()), (new, [Reason::Renumbered].as_slice()));
        }
    }
}
