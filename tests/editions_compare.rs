//! Two editions compared (`reform::query::editions`) on this year's report and the next-edition
//! fixtures. Every expectation comes from the fixtures' construction (`*.changes.json`, written by
//! `scripts/make-fixtures.mjs`), never from a copy of its values: both fixtures are made from this
//! year's report, so what one edition changed against the other is what either made differently.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use reform::edition_matches::{EditionMatches, TitlePair};
use reform::model::*;
use reform::query::editions::*;
use serde_json::Value;

/// One edition: its report, its source text and how it was made from this year's report.
struct Edition {
    name: &'static str,
    report: Report,
    text: &'static str,
    /// `None` for this year's report itself.
    made: Option<Value>,
}

fn editions() -> &'static [Edition; 3] {
    static E: OnceLock<[Edition; 3]> = OnceLock::new();
    E.get_or_init(|| {
        let edition = |name, json: &str, text, made: Option<&str>| Edition {
            name,
            report: Report::from_json(json).unwrap_or_else(|e| panic!("{name}: {e}")),
            text,
            made: made.map(|m| serde_json::from_str(m).expect("changes.json")),
        };
        [
            edition("r5", include_str!("../data/initiatives.json"), include_str!("../data/source/000_7008800fb5738cea.txt"), None),
            edition("r6", include_str!("fixtures/edition-r6.json"), include_str!("fixtures/edition-r6.txt"), Some(include_str!("fixtures/edition-r6.changes.json"))),
            edition("r7", include_str!("fixtures/edition-r7.json"), include_str!("fixtures/edition-r7.txt"), Some(include_str!("fixtures/edition-r7.changes.json"))),
        ]
    })
}

fn base() -> &'static Report {
    &editions()[0].report
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

fn subsection_of(id: &str) -> &str {
    &id[..id.rfind('-').expect("an initiative id")]
}

impl Edition {
    fn changes<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.made.iter().flat_map(|m| m["changes"].as_array().expect("changes")).filter(move |c| c["kind"] == kind)
    }

    /// The id this edition prints this year's row `id` under; `None` where it left the row out.
    fn id_of(&self, id: &str) -> Option<String> {
        let gone = self.changes("initiative_removed").any(|c| c["initiative"] == id)
            || self.made.as_ref().is_some_and(|m| m["removed_by_page"].as_array().unwrap().iter().any(|x| x == id));
        if gone {
            return None;
        }
        let moved = self.changes("initiative_renumbered").chain(self.changes("initiative_moved")).find(|c| c["from"] == id);
        Some(moved.map_or(id.to_string(), |c| s(&c["to"]).to_string()))
    }

    fn lost_with_its_page(&self, id: &str) -> bool {
        self.made.as_ref().is_some_and(|m| m["removed_by_page"].as_array().unwrap().iter().any(|x| x == id))
    }

    /// Rows this edition adds: (id, title).
    fn added(&self) -> Vec<(String, String)> {
        self.changes("initiative_added").map(|c| (s(&c["initiative"]).to_string(), s(&c["title"]).to_string())).collect()
    }

    fn title(&self, row: &Initiative) -> String {
        self.changes("title_edited").find(|c| c["initiative"] == row.id.as_str()).map_or(row.title.clone(), |c| s(&c["title"]).to_string())
    }

    fn rating(&self, sub: &Subsection) -> Option<Rating> {
        match self.changes("rating").filter(|c| c["subsection"] == sub.id.as_str()).last() {
            Some(c) => Some(if c["rating"] == "delayed" { Rating::Delayed } else { Rating::OnTrack }),
            None => sub.rating,
        }
    }

    /// Does this edition print one of `row`'s divisions under another name?
    fn renames_a_division_of(&self, row: &Initiative) -> bool {
        self.changes("division_renamed").any(|c| row.divisions.iter().any(|d| d == s(&c["from"])))
    }

    /// The figure entries that print actuals, each with the KPI of this edition holding each point.
    fn new_actuals(&self) -> Vec<(&Value, &Kpi, f64)> {
        let mut out = Vec::new();
        for c in self.changes("figures").filter(|c| c.get("initiative").is_some()) {
            let lines: Vec<u32> = c["source_lines"].as_array().unwrap().iter().map(|l| l.as_u64().unwrap() as u32).collect();
            for p in c["points"].as_array().unwrap().iter().filter(|p| p["kind"] == "actual") {
                let value = p["value"].as_f64().unwrap();
                let kpi = self.report.kpis.iter().find(|k| {
                    k.initiative == s(&c["initiative"])
                        && c.get("label").is_none_or(|l| k.label == s(l))
                        && k.series.iter().any(|q| q.kind == PointKind::Actual && q.value == value && lines.contains(&q.line))
                });
                out.push((c, kpi.unwrap_or_else(|| panic!("{}: {c} is in no KPI (tests/editions.rs checks it is read)", self.name)), value));
            }
        }
        out
    }

    /// (initiative, label) of every KPI whose figures this edition printed otherwise.
    fn touched_kpis(&self) -> BTreeSet<(String, String)> {
        let mut out: BTreeSet<(String, String)> = self.new_actuals().iter().map(|(_, k, _)| (k.initiative.clone(), k.label.clone())).collect();
        for c in self.changes("figure_revised") {
            out.insert((s(&c["initiative"]).to_string(), s(&c["label"]).to_string()));
        }
        out
    }
}

/// This year's id of an edition's row id (undoing renumbering and moves).
fn base_id(e: &Edition, id: &str) -> String {
    e.changes("initiative_renumbered").chain(e.changes("initiative_moved")).find(|c| c["to"] == id).map_or(id.to_string(), |c| s(&c["from"]).to_string())
}

fn compare(older: &Edition, newer: &Edition) -> (Matching, Changes) {
    let reviewed: reform::normalize::Overrides = reform::normalize::overrides::parse(include_str!("../data/overrides.json")).expect("overrides");
    let m = match_editions(&older.report, &newer.report, &reviewed.edition_matches);
    assert!(m.problems.is_empty(), "{:?}", m.problems);
    let c = changes(&older.report, &newer.report, &m);
    (m, c)
}

const PAIRS: [(usize, usize); 3] = [(0, 1), (1, 2), (0, 2)];

fn pairs() -> impl Iterator<Item = (&'static Edition, &'static Edition)> {
    PAIRS.iter().map(|&(a, b)| (&editions()[a], &editions()[b]))
}

#[test]
fn an_edition_compared_with_itself_matches_exactly_and_nothing_changed() {
    for e in editions() {
        let m = match_editions(&e.report, &e.report, &EditionMatches::default());
        assert_eq!(m.initiatives.len(), e.report.initiatives.len(), "{}", e.name);
        assert!(m.initiatives.iter().all(|x| x.is_exact() && x.older == x.newer), "{}: {:?}", e.name, m.inexact().collect::<Vec<_>>());
        assert_eq!(m.kpis.len(), e.report.kpis.len(), "{}", e.name);
        assert!(m.new_initiatives.is_empty() && m.ended_initiatives.is_empty() && m.new_kpis.is_empty() && m.ended_kpis.is_empty(), "{}", e.name);
        let c = changes(&e.report, &e.report, &m);
        assert!(c.is_empty(), "{}: {c:?}", e.name);
    }
}

/// Renumbered, moved and edited rows, and rows of a renamed division, are matched with their
/// reasons; every other row present in both is matched exactly.
#[test]
fn every_match_that_is_not_exact_says_why() {
    for (older, newer) in pairs() {
        let (m, _) = compare(older, newer);
        let mut expected = BTreeSet::new();
        for row in &base().initiatives {
            let (Some(a), Some(b)) = (older.id_of(&row.id), newer.id_of(&row.id)) else { continue };
            let mut reasons = Vec::new();
            if subsection_of(&a) != subsection_of(&b) {
                reasons.push(Reason::Moved);
            } else if a != b {
                reasons.push(Reason::Renumbered);
            }
            if older.title(row) != newer.title(row) {
                reasons.push(Reason::TitleEdited);
            }
            if older.renames_a_division_of(row) != newer.renames_a_division_of(row) {
                reasons.push(Reason::OrganisationsChanged);
            }
            expected.insert((a, b, reasons));
        }
        let found: BTreeSet<(String, String, Vec<Reason>)> = m.initiatives.iter().map(|x| (x.older.clone(), x.newer.clone(), x.reasons.clone())).collect();
        assert_eq!(found, expected, "{} → {}", older.name, newer.name);
        // The construction's own cases are among them, each with its reason.
        for c in newer.changes("initiative_moved") {
            assert!(m.of_newer(s(&c["to"])).is_some_and(|x| x.reasons.contains(&Reason::Moved)), "{}: {c}", newer.name);
        }
        for c in newer.changes("initiative_renumbered") {
            assert!(m.of_newer(s(&c["to"])).is_some_and(|x| x.reasons == [Reason::Renumbered]), "{}: {c}", newer.name);
        }
        for c in newer.changes("title_edited") {
            let x = m.of_newer(s(&c["initiative"])).unwrap_or_else(|| panic!("{}: {c} not matched", newer.name));
            assert_eq!(x.reasons, [Reason::TitleEdited], "{}: {c}", newer.name);
            assert!(x.similarity >= SIMILAR_TITLE && x.similarity < 1.0);
        }
        for c in newer.changes("division_renamed") {
            let x = m.of_newer(s(&c["initiative"])).unwrap_or_else(|| panic!("{}: {c} not matched", newer.name));
            assert!(x.reasons.contains(&Reason::OrganisationsChanged), "{}: {c}", newer.name);
            // Said with the division's two names, as the construction renamed it.
            let (was, now) = (older.report.initiative(&x.older).unwrap(), newer.report.initiative(&x.newer).unwrap());
            let said = x.reasons_ja(was, now);
            assert!(said.contains(&format!("部局等・担当課の変更（担当課 {} → {}）", s(&c["from"]), s(&c["to"]))), "{said}");
        }
        for x in m.inexact().filter(|x| x.reasons.contains(&Reason::Renumbered)) {
            let (was, now) = (older.report.initiative(&x.older).unwrap(), newer.report.initiative(&x.newer).unwrap());
            assert!(x.reasons_ja(was, now).contains(&format!("番号の変更（{} → {}）", was.number, now.number)), "{}", x.reasons_ja(was, now));
        }
    }
}

#[test]
fn rows_ended_and_new_are_the_ones_left_out_and_added() {
    for (older, newer) in pairs() {
        let (_, c) = compare(older, newer);
        let mut ended = BTreeSet::new();
        let mut new = BTreeSet::new();
        for row in base().initiatives.iter().filter(|i| !i.is_repeat()) {
            match (older.id_of(&row.id), newer.id_of(&row.id)) {
                (Some(a), None) => ended.insert((a, newer.lost_with_its_page(&row.id))),
                (None, Some(b)) => new.insert((b, older.lost_with_its_page(&row.id))),
                _ => false,
            };
        }
        let (older_added, newer_added) = (older.added(), newer.added());
        ended.extend(older_added.iter().filter(|a| !newer_added.contains(a)).map(|(id, _)| (id.clone(), false)));
        new.extend(newer_added.iter().filter(|a| !older_added.contains(a)).map(|(id, _)| (id.clone(), false)));
        let found = |list: &[InitiativeChange]| list.iter().map(|x| (x.id.clone(), x.on_missing_page)).collect::<BTreeSet<_>>();
        assert_eq!(found(&c.ended_initiatives), ended, "{} → {}: ended (id, only its page is missing)", older.name, newer.name);
        assert_eq!(found(&c.new_initiatives), new, "{} → {}: new", older.name, newer.name);
        for (id, title) in &newer_added {
            assert!(c.new_initiatives.iter().any(|x| x.id == *id && x.title == *title && !x.departments.is_empty()), "{}: {id}", newer.name);
        }
    }
}

#[test]
fn turned_ratings_come_worse_first_with_their_departments() {
    for (older, newer) in pairs() {
        let (_, c) = compare(older, newer);
        let expected: BTreeSet<(String, Option<Rating>, Option<Rating>)> = base()
            .subsections
            .iter()
            .filter(|sub| older.report.subsection(&sub.id).is_some() && newer.report.subsection(&sub.id).is_some())
            .filter(|sub| older.rating(sub) != newer.rating(sub))
            .map(|sub| (sub.id.clone(), older.rating(sub), newer.rating(sub)))
            .collect();
        let found: BTreeSet<_> = c.ratings.iter().map(|r| (r.subsection.clone(), r.from, r.to)).collect();
        assert_eq!(found, expected, "{} → {}", older.name, newer.name);
        assert!(!expected.is_empty());
        let first_better = c.ratings.iter().position(|r| !r.is_worse()).unwrap_or(c.ratings.len());
        assert!(c.ratings[first_better..].iter().all(|r| !r.is_worse()), "○→△ first: {:?}", c.ratings);
        assert!(c.ratings.iter().all(|r| !r.departments.is_empty()));
    }
}

/// Each new figure that is its KPI's latest actual moves the KPI, from the replaced figure where
/// the construction names it, toward or away from the target by the KPI's direction; no KPI the
/// construction left alone moves.
#[test]
fn latest_actuals_move_in_their_unit_and_direction() {
    for (older, newer) in pairs() {
        let (m, c) = compare(older, newer);
        let mut required = 0;
        for (entry, kpi, value) in newer.new_actuals() {
            let latest = kpi.series.iter().filter(|p| p.kind == PointKind::Actual).filter_map(|p| p.fiscal_year).max();
            let is_latest = kpi.series.iter().any(|p| p.kind == PointKind::Actual && p.value == value && p.fiscal_year == latest);
            if !is_latest || !m.kpis.iter().any(|x| x.newer == kpi.id) {
                continue;
            }
            required += 1;
            let moved = c.moved_actuals.iter().find(|x| x.kpi.newer == kpi.id).unwrap_or_else(|| panic!("{} → {}: {entry} did not move {}", older.name, newer.name, kpi.id));
            assert_eq!(moved.to.value, value);
            assert!(newer.text.lines().nth(moved.to.line as usize - 1).is_some_and(|l| l.contains(&moved.to.text)));
            assert!(older.text.lines().nth(moved.from.line as usize - 1).is_some_and(|l| l.contains(&moved.from.text)));
            if let Some(old) = entry.get("old").and_then(Value::as_f64).filter(|_| older.made.is_none()) {
                assert_eq!(moved.from.value, old, "{entry}");
                assert_eq!(moved.change, value - old);
            }
            assert_eq!(moved.change_label, reform::format::difference(moved.change, &kpi.unit));
            if reform::format::is_percent(&kpi.unit) {
                assert!(moved.change_label.ends_with("ポイント"), "{}", moved.change_label);
            }
            let expected = match kpi.direction {
                None => Heading::NoDirection,
                Some(Direction::Increase) if moved.change > 0.0 => Heading::TowardTarget,
                Some(Direction::Decrease) if moved.change < 0.0 => Heading::TowardTarget,
                Some(_) => Heading::AwayFromTarget,
            };
            assert_eq!(moved.heading, expected, "{}", kpi.id);
        }
        assert!(required > 0, "{} → {}", older.name, newer.name);
        let touched: BTreeSet<(String, String)> = older.touched_kpis().into_iter().chain(newer.touched_kpis()).collect();
        for moved in &c.moved_actuals {
            let older_row = m.initiatives.iter().find(|x| x.newer == moved.kpi.initiative).map(|x| x.older.clone()).unwrap();
            let named = touched.contains(&(moved.kpi.initiative.clone(), moved.kpi.label.clone())) || touched.contains(&(older_row, moved.kpi.label.clone()));
            assert!(named, "{} → {}: {} moved but the construction did not change it", older.name, newer.name, moved.kpi.newer);
        }
    }
    // The construction's plain cases, this year to next: a sum of money up toward its 以上 target.
    let (_, c) = compare(&editions()[0], &editions()[1]);
    let gift = c.moved_actuals.iter().find(|x| x.kpi.initiative == "I-3-3-3" && x.kpi.label == "寄附額").expect("寄附額 moved");
    assert_eq!((gift.heading, gift.change_label.as_str()), (Heading::TowardTarget, "+18,403千円"));
}

#[test]
fn changed_targets_are_exactly_the_ones_made() {
    for (older, newer) in pairs() {
        let (_, c) = compare(older, newer);
        let made = |e: &Edition| -> Vec<(String, f64, f64)> {
            e.changes("target_changed").map(|x| (base_id(e, s(&x["initiative"])), x["from"].as_f64().unwrap(), x["to"].as_f64().unwrap())).collect()
        };
        let (a, b) = (made(older), made(newer));
        let mut expected: Vec<(String, Option<f64>, Option<f64>)> = Vec::new();
        for (id, from, to) in &b {
            let before = a.iter().find(|x| x.0 == *id).map_or(*from, |x| x.2);
            if before != *to {
                expected.push((id.clone(), Some(before), Some(*to)));
            }
        }
        for (id, from, to) in a.iter().filter(|x| !b.iter().any(|y| y.0 == x.0)) {
            expected.push((id.clone(), Some(*to), Some(*from)));
        }
        let mut found: Vec<(String, Option<f64>, Option<f64>)> =
            c.target_changes.iter().map(|t| (base_id(newer, &t.kpi.initiative), t.from.as_ref().map(|f| f.value), t.to.as_ref().map(|f| f.value))).collect();
        expected.sort_by(|x, y| x.0.cmp(&y.0));
        found.sort_by(|x, y| x.0.cmp(&y.0));
        assert_eq!(found, expected, "{} → {}", older.name, newer.name);
    }
}

/// A figure of a year printed again with another value is revised, with both values and lines;
/// no figure the construction left alone is.
#[test]
fn revised_figures_show_both_values_and_both_lines() {
    let mut made = 0;
    for (older, newer) in pairs() {
        let (_, c) = compare(older, newer);
        let mut expected = Vec::new();
        for x in newer.changes("figure_revised") {
            expected.push((s(&x["initiative"]).to_string(), s(&x["label"]).to_string(), x["fiscal_year"].as_i64().unwrap() as i32, x["from"].as_f64().unwrap(), x["to"].as_f64().unwrap()));
        }
        for x in older.changes("figure_revised").filter(|x| !newer.changes("figure_revised").any(|y| y == *x)) {
            expected.push((s(&x["initiative"]).to_string(), s(&x["label"]).to_string(), x["fiscal_year"].as_i64().unwrap() as i32, x["to"].as_f64().unwrap(), x["from"].as_f64().unwrap()));
        }
        made += expected.len();
        for (id, label, year, from, to) in &expected {
            let r = c
                .revised_figures
                .iter()
                .find(|r| r.kpi.initiative == *id && r.kpi.label == *label && r.newer.fiscal_year == Some(*year))
                .unwrap_or_else(|| panic!("{} → {}: {id} {label} {year} not revised: {:?}", older.name, newer.name, c.revised_figures));
            assert_eq!((r.older.value, r.newer.value, r.kind), (*from, *to, PointKind::Actual));
            assert!(older.text.lines().nth(r.older.line as usize - 1).is_some_and(|l| l.contains(&r.older.text)), "older line {}", r.older.line);
            assert!(newer.text.lines().nth(r.newer.line as usize - 1).is_some_and(|l| l.contains(&r.newer.text)), "newer line {}", r.newer.line);
        }
        // Any other revision is a figure the construction replaced in place (`old`) and the
        // report reads as of the same year.
        let replaced: BTreeSet<String> = older.changes("figures").chain(newer.changes("figures")).filter(|x| x.get("old").is_some()).map(|x| s(&x["initiative"]).to_string()).collect();
        for r in &c.revised_figures {
            let listed = expected.iter().any(|(id, label, ..)| *id == r.kpi.initiative && *label == r.kpi.label);
            assert!(listed || replaced.contains(&r.kpi.initiative), "{} → {}: {} revised but not made so", older.name, newer.name, r.kpi.newer);
        }
    }
    assert!(made >= 2, "the revision made in one edition is seen from both sides");
}

#[test]
fn a_break_unmatches_an_edited_row_and_a_pin_matches_it_again() {
    let (older, newer) = (&editions()[1], &editions()[2]);
    let edited = newer.changes("title_edited").next().expect("a title edited");
    let id = s(&edited["initiative"]);
    let old_title = older.report.initiative(id).unwrap().title.clone();
    let new_title = s(&edited["title"]).to_string();
    let pair = |a: &str, b: &str| TitlePair { older_title: a.into(), newer_title: b.into(), why: "test".into() };
    let broken = match_editions(&older.report, &newer.report, &EditionMatches { pin: vec![], breaks: vec![pair(&old_title, &new_title)] });
    assert!(broken.ended_initiatives.contains(&id.to_string()) && broken.new_initiatives.contains(&id.to_string()));
    let pinned = match_editions(
        &older.report,
        &newer.report,
        &EditionMatches { pin: vec![pair(&old_title, &new_title), pair("ない取組", &new_title)], breaks: vec![] },
    );
    assert_eq!(pinned.of_newer(id).unwrap().reasons, [Reason::Pinned, Reason::TitleEdited]);
    assert_eq!(pinned.problems.len(), 1);
    assert!(pinned.problems[0].message().starts_with("edition_matches.pin[1]: no initiative titled 「ない取組」 in the older edition"));
}

/// The fixtures' JSON was made with the edition before: a matched row keeps its key, even when
/// renumbered, moved or retitled, and says where it comes from.
#[test]
fn keys_are_carried_over_to_the_next_edition() {
    for (older, newer) in [(&editions()[0], &editions()[1]), (&editions()[1], &editions()[2])] {
        let (m, _) = compare(older, newer);
        for x in &m.initiatives {
            let (a, b) = (older.report.initiative(&x.older).unwrap(), newer.report.initiative(&x.newer).unwrap());
            assert!(a.key.is_some() && a.key == b.key, "{}: {} keeps the key of {}", newer.name, b.id, a.id);
            assert_eq!(b.carried_over_from.as_deref(), Some(a.id.as_str()), "{}", newer.name);
        }
        for id in &m.new_initiatives {
            assert_eq!(newer.report.initiative(id).unwrap().carried_over_from, None);
        }
        let originals: Vec<&Initiative> = newer.report.initiatives.iter().filter(|i| !i.is_repeat()).collect();
        let keys: BTreeSet<&str> = originals.iter().filter_map(|i| i.key.as_deref()).collect();
        assert_eq!(keys.len(), originals.len(), "{}: one key per original row", newer.name);
    }
}

/// The heatmap's measure: of the subsections rated in both editions, the share turned ○→△.
#[test]
fn the_share_that_got_worse_counts_the_turned_ratings() {
    for (older, newer) in pairs() {
        let (m, c) = compare(older, newer);
        let pillars = worse_since(&older.report, &newer.report, &m, &c, WorseBy::Pillars, WorseMeasure::Ratings);
        let worse: usize = pillars.iter().map(|p| p.worse).sum();
        assert_eq!(worse, c.ratings.iter().filter(|r| r.is_worse()).count(), "{} → {}", older.name, newer.name);
        assert!(pillars.iter().map(|p| p.compared).sum::<usize>() <= m.subsections.len());
        let kpis = worse_since(&older.report, &newer.report, &m, &c, WorseBy::Departments, WorseMeasure::Kpis);
        let away = c.moved_actuals.iter().filter(|x| x.heading == Heading::AwayFromTarget).count();
        assert!(kpis.iter().map(|d| d.worse).sum::<usize>() >= away, "each KPI counts once per department");
        assert!(kpis.iter().all(|d| d.share().is_some_and(|s| (0.0..=1.0).contains(&s))));
    }
}

/// The overview's 「前年度からの変化」 states the change list: each list as long as its kind,
/// ratings worse first, every new row and moved figure leading to the newer edition's initiative.
#[test]
fn the_overview_summary_states_the_change_list() {
    for (older, newer) in pairs() {
        let (_, c) = compare(older, newer);
        let sum = summary(&older.report, &newer.report, &c);
        let list = |key: &str| sum.lists.iter().find(|l| l.key == key).unwrap_or_else(|| panic!("no list {key}"));
        assert!(sum.compared_ja.starts_with(&older.report.report.label) && sum.compared_ja.contains(&newer.report.report.label), "{}", sum.compared_ja);
        let ratings = list("ratings");
        assert_eq!(ratings.items.iter().map(|i| i.subsection.clone().unwrap()).collect::<Vec<_>>(), c.ratings.iter().map(|r| r.subsection.clone()).collect::<Vec<_>>());
        assert!(ratings.heading.ends_with(&format!("（{}項目）", c.ratings.len())), "{}", ratings.heading);
        // ○→△ before anything else, each said with the marks and the words.
        let first_better = ratings.items.iter().position(|i| i.tone != Tone::Worse).unwrap_or(ratings.items.len());
        assert!(ratings.items[first_better..].iter().all(|i| i.tone != Tone::Worse), "{} → {}: worse first", older.name, newer.name);
        for (item, change) in ratings.items.iter().zip(&c.ratings) {
            if change.is_worse() {
                assert!(item.detail.starts_with("○ 順調 → △ 遅れ・課題あり"), "{}", item.detail);
            }
        }
        // New rows lead to themselves; ended rows lead nowhere in the newer edition.
        assert_eq!(list("new").items.iter().map(|i| i.initiative.clone().unwrap()).collect::<Vec<_>>(), c.new_initiatives.iter().map(|x| x.id.clone()).collect::<Vec<_>>());
        assert!(list("ended").items.iter().all(|i| i.initiative.is_none()));
        assert_eq!(list("ended").items.len(), c.ended_initiatives.len());
        for (item, m) in list("actuals").items.iter().zip(&c.moved_actuals) {
            assert!(newer.report.initiative(item.initiative.as_deref().unwrap()).is_some(), "{}", item.title);
            assert!(item.detail.contains(&m.change_label) && item.detail.contains(m.heading.label_ja()), "{}", item.detail);
        }
        assert_eq!(list("targets").items.len(), c.target_changes.len());
        assert_eq!(list("revised").items.len(), c.revised_figures.len());
    }
    // r5 → r6: the construction turned I-1-1 to △; it is named first.
    let e = editions();
    let (_, c) = compare(&e[0], &e[1]);
    let sum = summary(&e[0].report, &e[1].report, &c);
    assert_eq!(sum.lists[0].items[0].subsection.as_deref(), Some("I-1-1"));
    assert!(sum.lists[0].items[0].title.starts_with("Ⅰ-1-(1) "), "{}", sum.lists[0].items[0].title);
}

/// An edition two years back is named by its year, never called 前年度.
#[test]
fn a_comparison_across_two_years_names_the_older_year() {
    let e = editions();
    let next = summary(&e[1].report, &e[2].report, &unreviewed(&e[1], &e[2]).1);
    assert_eq!(next.since, "前年度");
    assert_eq!(next.since_label("前年度から悪化した割合"), "前年度から悪化した割合");
    assert!(next.lists.iter().any(|l| l.heading.starts_with("前年度にあって今年度にない取組")));
    let (older, newer) = (&e[0].report.report.label, &e[2].report.report.label);
    let across = summary(&e[0].report, &e[2].report, &unreviewed(&e[0], &e[2]).1);
    assert_eq!(&across.since, older);
    assert_eq!(across.since_label("前年度から悪化した割合"), format!("{older}から悪化した割合"));
    let ended = across.lists.iter().find(|l| l.key == "ended").expect("ended rows");
    assert!(ended.heading.starts_with(&format!("{older}にあって{newer}にない取組")), "{}", ended.heading);
    assert!(across.lists.iter().all(|l| !l.heading.contains("前年度")), "{:?}", across.lists.iter().map(|l| &l.heading).collect::<Vec<_>>());
}

/// The dashboard compares an older edition with a newer one only.
#[test]
fn the_dashboard_compares_only_an_older_edition_with_a_newer() {
    let e = editions();
    let shown = reform::query::editions::compare(std::sync::Arc::new(e[0].report.clone()), &e[1].report).expect("r5 → r6").summary;
    let (_, c) = unreviewed(&e[0], &e[1]);
    assert_eq!(*shown, summary(&e[0].report, &e[1].report, &c));
    let refused = reform::query::editions::compare(std::sync::Arc::new(e[1].report.clone()), &e[0].report).map(|c| c.summary).expect_err("r6 is not older than r5");
    assert!(refused.contains("前の年度ではない"), "{refused}");
    assert!(reform::query::editions::compare(std::sync::Arc::new(e[0].report.clone()), &e[0].report).is_err(), "an edition is not its own previous one");
}

fn unreviewed(older: &Edition, newer: &Edition) -> (Matching, Changes) {
    let m = match_editions(&older.report, &newer.report, &EditionMatches::default());
    let c = changes(&older.report, &newer.report, &m);
    (m, c)
}

/// The change list saved as CSV: one line per item, each kind named, Excel's BOM first.
#[test]
fn the_change_list_saves_as_one_line_per_change() {
    let e = editions();
    let shown = reform::query::editions::compare(std::sync::Arc::new(e[0].report.clone()), &e[1].report).expect("r5 → r6").summary;
    let csv = shown.csv();
    assert!(csv.starts_with("\u{feff}種類,向き,項目,内容,取組番号,小項目番号,比べた報告書の年度,報告書の年度\r\n"));
    let lines: Vec<&str> = csv.trim_end().split("\r\n").skip(1).collect();
    assert_eq!(lines.len(), shown.lists.iter().map(|l| l.items.len()).sum::<usize>());
    assert!(lines[0].starts_with("進捗状況が変わった小項目,悪化,"), "{}", lines[0]);
    // Each line names both editions, from the reports' fiscal years.
    let editions = format!(",{}年度,{}年度", e[0].report.report.fiscal_year, e[1].report.report.fiscal_year);
    assert!(lines.iter().all(|l| l.ends_with(&editions)), "{editions}");
    // A subsection's change has no row: 「-」 (該当なし), as the published tables write it.
    assert!(lines[0].ends_with(&format!(",-,I-1-1{editions}")), "{}", lines[0]);
}

/// The explorer's filter 「前年度からの変化」 lists exactly the rows each kind of change names, and
/// its facet counts them.
#[test]
fn the_explorer_filters_by_what_changed() {
    use reform::query::explore::{Dimension, Explorer, Filter};
    use std::sync::Arc;
    let e = editions();
    let (older, newer) = (&e[0].report, &e[1].report);
    let shown = reform::query::editions::compare(Arc::new(older.clone()), newer).expect("r5 → r6").summary;
    let explorer = Explorer::comparing(newer.clone(), shown.clone());
    let ids = |kind| -> Vec<String> {
        explorer.filter(&Filter { change: Some(kind), ..Filter::default() }).into_iter().map(|i| newer.initiatives[i].id.clone()).collect()
    };
    let added: Vec<String> = e[1].changes("initiative_added").map(|c| s(&c["initiative"]).to_string()).collect();
    assert_eq!(ids(ChangeKind::New), added);
    let turned: BTreeSet<&str> = e[1].changes("rating").map(|c| s(&c["subsection"])).collect();
    let rating = ids(ChangeKind::Rating);
    assert!(!rating.is_empty() && rating.iter().all(|id| turned.contains(subsection_of(id))), "{rating:?}");
    let expected: Vec<String> = newer.initiatives.iter().filter(|i| !i.is_repeat() && turned.contains(i.subsection.as_str())).map(|i| i.id.clone()).collect();
    assert_eq!(rating, expected);
    let figures = ids(ChangeKind::Figures);
    let moved: BTreeSet<String> = shown.lists.iter().filter(|l| ["actuals", "targets", "revised"].contains(&l.key)).flat_map(|l| l.items.iter().filter_map(|i| i.initiative.clone())).collect();
    assert_eq!(figures.iter().cloned().collect::<BTreeSet<_>>(), moved.iter().filter(|id| !newer.initiative(id).unwrap().is_repeat()).cloned().collect());
    // The facet counts what each choice would list.
    let explored = explorer.explore(&Filter::default());
    let counts: Vec<(String, usize)> = explored.options(Dimension::Change).iter().map(|o| (o.value.clone(), o.count)).collect();
    assert_eq!(counts, [("new".to_string(), ids(ChangeKind::New).len()), ("rating".into(), rating.len()), ("figures".into(), figures.len())]);
    // Without a previous edition there is no such facet.
    assert!(Explorer::new(newer.clone()).explore(&Filter::default()).options(Dimension::Change).is_empty());
}

/// A revised figure shows in its initiative's detail with both values and both lines; a KPI's
/// years line up across the editions.
#[test]
fn the_detail_sets_a_row_beside_last_years() {
    let e = editions();
    let comparison = reform::query::editions::compare(std::sync::Arc::new(e[0].report.clone()), &e[1].report).expect("r5 → r6");
    let revised = &comparison.summary.lists.iter().find(|l| l.key == "revised").expect("revised").items;
    assert!(!revised.is_empty());
    let mut joined_revised = 0;
    for item in revised {
        let id = item.initiative.as_deref().expect("a revised figure leads to its row");
        let sbs = comparison.side_by_side(&e[1].report, id).expect("both editions");
        let marked: Vec<&YearRow> = sbs.kpis.iter().flat_map(|k| &k.rows).filter(|r| r.revised).collect();
        assert!(!marked.is_empty(), "{id}: no revised row");
        for r in marked {
            let (o, n) = (r.older.as_ref().unwrap(), r.newer.as_ref().unwrap());
            assert_ne!(o.text, n.text, "{id}: {r:?}");
            assert!(o.line > 0 && n.line > 0);
        }
        // The chart joins both editions' actuals on one axis of years: a revised actual shows
        // as two values of one year, each the figure its report prints.
        for k in sbs.kpis.iter().filter(|k| k.rows.iter().any(|r| r.revised && r.what.starts_with("実績"))) {
            let j = &k.joined;
            assert!(j.is_chartable());
            assert_eq!((j.years.len(), j.older.len()), (j.newer.len(), j.newer.len()));
            let newer_kpi = e[1].report.kpi(&k.kpi).unwrap();
            let printed_newer: Vec<f64> = newer_kpi.series.iter().filter(|p| p.kind == PointKind::Actual && p.aggregate.is_none() && p.fiscal_year.is_some()).map(|p| p.value).collect();
            assert!(j.newer.iter().flatten().all(|v| printed_newer.contains(v)), "{}: {j:?}", k.kpi);
            assert!(j.older.iter().zip(&j.newer).any(|(o, n)| matches!((o, n), (Some(a), Some(b)) if a != b)), "{}: {j:?}", k.kpi);
            joined_revised += 1;
        }
    }
    assert!(joined_revised > 0, "no revised actual to chart");
    // A row the construction added is new; an unchanged one says which row it was.
    let added = e[1].changes("initiative_added").next().expect("an added row");
    assert!(comparison.side_by_side(&e[1].report, s(&added["initiative"])).unwrap().match_ja.contains("新しい取組"));
    let same = comparison.side_by_side(&e[1].report, "II-3-2-4").unwrap();
    assert!(same.match_ja.contains("II-3-2-4 と同じ取組です。"), "{}", same.match_ja);
}

/// The heatmap's 「前年度から悪化した割合」 counts, over the rows printed last year too, those in
/// a subsection turned ○→△ or with a KPI moved away from its target.
#[test]
fn the_heatmap_measures_what_got_worse() {
    use reform::query::heatmap::{heatmap, heatmap_comparing, Measure, Options};
    let e = editions();
    let newer = &e[1].report;
    let shown = reform::query::editions::compare(std::sync::Arc::new(e[0].report.clone()), newer).expect("r5 → r6").summary;
    let options = Options { measure: Measure::Worse, ..Options::default() };
    let h = heatmap_comparing(newer, &options, Some(&shown));
    let rows: Vec<&Initiative> = newer.initiatives.iter().filter(|i| !i.is_repeat()).collect();
    let added: BTreeSet<String> = e[1].added().into_iter().map(|(id, _)| id).collect();
    let turned: BTreeSet<&str> = e[1].changes("rating").filter(|c| c["rating"] == "delayed").map(|c| s(&c["subsection"])).collect();
    assert_eq!(h.total.compared, rows.iter().filter(|i| !added.contains(&i.id)).count());
    // Every row of a subsection the construction turned to △ is worse, and it is not all.
    let in_turned = rows.iter().filter(|i| turned.contains(i.subsection.as_str()) && !added.contains(&i.id)).count();
    assert!(in_turned > 0 && h.total.worse >= in_turned && h.total.worse < h.total.compared, "{:?}", h.total);
    assert_eq!(h.total.share(Measure::Worse), Some(h.total.worse as f64 / h.total.compared as f64));
    assert!(h.total.total_label(Measure::Worse).contains(&format!("悪化{} / {}件", h.total.worse, h.total.compared)));
    // Cells add up to the columns' totals.
    for (c, total) in h.column_totals.iter().enumerate() {
        assert!(h.cells.iter().map(|r| r[c].worse).sum::<usize>() >= total.worse, "a row of several departments counts in each");
    }
    // Without a previous edition nothing is compared.
    assert_eq!(heatmap(newer, &options).total.share(Measure::Worse), None);
}
