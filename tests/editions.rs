//! The normalizer on three editions: this year's report and two next editions made from it by
//! `scripts/make-fixtures.mjs`, whose changes are known by construction (`*.changes.json`).
//! With this year's overrides, every change is read right or named in a warning; an override
//! that no longer matches is listed by name; the parser alone reads at least 85% of the figures.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use reform::model::*;
use reform::normalize::overrides::{self, OutcomeState, Overrides};
use reform::normalize::{keys, normalize, Input, Output};
use reform::query::editions::match_editions;
use serde_json::Value;

const OVERRIDES: &str = include_str!("../data/overrides.json");

struct Edition {
    name: &'static str,
    text: &'static str,
    changes: Option<Value>,
}

const EDITIONS: [(&str, &str, Option<&str>); 3] = [
    ("000_7008800fb5738cea.txt", include_str!("../data/source/000_7008800fb5738cea.txt"), None),
    ("edition-r6.txt", include_str!("fixtures/edition-r6.txt"), Some(include_str!("fixtures/edition-r6.changes.json"))),
    ("edition-r7.txt", include_str!("fixtures/edition-r7.txt"), Some(include_str!("fixtures/edition-r7.changes.json"))),
];

fn the_overrides() -> &'static Overrides {
    static O: OnceLock<Overrides> = OnceLock::new();
    O.get_or_init(|| overrides::parse(OVERRIDES).expect("overrides parse"))
}

/// Each edition normalized once per test binary, with and without the overrides.
fn runs() -> &'static [(Edition, Output, Output)] {
    static RUNS: OnceLock<Vec<(Edition, Output, Output)>> = OnceLock::new();
    RUNS.get_or_init(|| {
        EDITIONS
            .iter()
            .map(|&(name, text, changes)| {
                let with = normalize(text, &Input { source_name: name, overrides: Some(("overrides.json", the_overrides())) }).expect("normalizes");
                let without = normalize(text, &Input { source_name: name, overrides: None }).expect("normalizes");
                let changes = changes.map(|c| serde_json::from_str(c).expect("changes.json"));
                (Edition { name, text, changes }, with, without)
            })
            .collect()
    })
}

fn fixtures() -> impl Iterator<Item = (&'static Edition, &'static Output, &'static Value)> {
    runs().iter().filter_map(|(e, with, _)| e.changes.as_ref().map(|c| (e, with, c)))
}

fn changes<'a>(c: &'a Value, kind: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
    c["changes"].as_array().into_iter().flatten().filter(move |x| x["kind"] == kind)
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

fn initiative<'a>(r: &'a Report, id: &str) -> Option<&'a Initiative> {
    r.initiatives.iter().find(|i| i.id == id)
}

#[test]
fn the_year_title_and_headings_come_from_each_edition() {
    for (e, out, c) in fixtures() {
        let r = &out.report;
        let label = str_of(&c["label"]);
        assert_eq!(r.report.label, label, "{}", e.name);
        assert_eq!(r.report.fiscal_year as i64, c["fiscal_year"].as_i64().unwrap(), "{}", e.name);
        assert_eq!(r.report.title, format!("長崎県 行財政改革の取組状況（{label}）"), "{}", e.name);
        // The status cells were still found under the new year's label: every row keeps them.
        let with_status = r.initiatives.iter().filter(|i| !i.status.is_empty()).count();
        assert!(with_status * 10 >= r.initiatives.len() * 9, "{}: only {with_status} rows kept a status cell", e.name);
    }
}

#[test]
fn ratings_rows_divisions_and_pages_change_as_made() {
    for (e, out, c) in fixtures() {
        let r = &out.report;
        for x in changes(c, "rating") {
            let sub = r.subsections.iter().find(|s| s.id == str_of(&x["subsection"])).expect("subsection");
            let want = if x["rating"] == "delayed" { Rating::Delayed } else { Rating::OnTrack };
            assert_eq!(sub.rating, Some(want), "{}: {}", e.name, sub.id);
        }
        for x in changes(c, "initiative_removed") {
            assert!(initiative(r, str_of(&x["initiative"])).is_none(), "{}: {x}", e.name);
        }
        for id in c["removed_by_page"].as_array().unwrap() {
            assert!(initiative(r, str_of(id)).is_none(), "{}: {id} was only on the missing page", e.name);
        }
        for x in changes(c, "initiative_added") {
            let i = initiative(r, str_of(&x["initiative"])).unwrap_or_else(|| panic!("{}: {x} not read", e.name));
            assert_eq!(i.title, str_of(&x["title"]));
            assert!(!i.content.is_empty() && !i.status.is_empty() && !i.next_year.is_empty(), "{}: {} lost a cell", e.name, i.id);
        }
        for x in changes(c, "division_renamed") {
            let i = initiative(r, str_of(&x["initiative"])).expect("renamed row");
            assert!(i.divisions.iter().any(|d| d == str_of(&x["to"])), "{}: {:?}", e.name, i.divisions);
            assert!(r.initiatives.iter().all(|i| !i.divisions.iter().any(|d| d == str_of(&x["from"]))), "{}: old name kept", e.name);
        }
        let missing: Vec<u32> = c["missing_pages"].as_array().unwrap().iter().map(|p| p.as_u64().unwrap() as u32).collect();
        assert_eq!(r.report.coverage.missing_pages, missing, "{}", e.name);
    }
}

/// A figure the fixture printed anew is in a KPI of its row, or a warning names its line.
/// A figure it replaced is in no KPI any more.
#[test]
fn every_new_figure_is_read_or_warned_and_no_old_one_survives() {
    for (e, out, c) in fixtures() {
        let r = &out.report;
        let (mut read, mut warned) = (0, 0);
        for x in changes(c, "figures").filter(|x| x.get("initiative").is_some()) {
            let id = str_of(&x["initiative"]);
            let lines: Vec<u32> = x["source_lines"].as_array().unwrap().iter().map(|l| l.as_u64().unwrap() as u32).collect();
            let kpis: Vec<&Kpi> = r
                .kpis
                .iter()
                .filter(|k| k.initiative == id && x.get("label").is_none_or(|l| k.label == str_of(l)))
                .collect();
            for p in x["points"].as_array().unwrap() {
                let kind = if p["kind"] == "target" { PointKind::Target } else { PointKind::Actual };
                let value = p["value"].as_f64().unwrap();
                let year = p.get("fiscal_year").and_then(Value::as_i64).map(|y| y as i32);
                let found = kpis.iter().flat_map(|k| &k.series).any(|q| {
                    q.kind == kind && q.value == value && lines.contains(&q.line) && year.is_none_or(|y| q.fiscal_year == Some(y))
                });
                let named = out.warnings.iter().any(|w| lines.contains(&w.line));
                assert!(found || named, "{}: {id} {p} is neither read nor warned about (lines {lines:?})", e.name);
                if found {
                    read += 1;
                } else {
                    warned += 1;
                }
            }
            if let Some(old) = x.get("old").and_then(Value::as_f64) {
                let survives = r.kpis.iter().filter(|k| k.initiative == id).flat_map(|k| &k.series).any(|q| q.value == old && lines.contains(&q.line));
                assert!(!survives, "{}: {id} still shows the replaced figure {old}", e.name);
            }
        }
        eprintln!("{}: {read} new figures read, {warned} warned", e.name);
        assert!(read > warned, "{}: most new figures must be read, not only warned", e.name);
    }
}

#[test]
fn a_changed_target_replaces_the_old_one() {
    for (e, out, c) in fixtures() {
        for x in changes(c, "target_changed") {
            let targets: Vec<f64> = out
                .report
                .kpis
                .iter()
                .filter(|k| k.initiative == str_of(&x["initiative"]))
                .flat_map(|k| &k.series)
                .filter(|p| p.kind == PointKind::Target)
                .map(|p| p.value)
                .collect();
            assert!(targets.contains(&x["to"].as_f64().unwrap()), "{}: {x} → {targets:?}", e.name);
            assert!(!targets.contains(&x["from"].as_f64().unwrap()), "{}: old target kept: {targets:?}", e.name);
        }
    }
}

/// Every entry of the overrides file has exactly one outcome on every edition: none vanishes.
/// The stale ones are exactly those whose row the fixture removed.
#[test]
fn stale_overrides_are_listed_by_name_and_none_vanishes() {
    let o = the_overrides();
    let entries = o.achieved_marks.len() + o.tables.len() + o.kpis.len() + o.not_kpis.len() + o.organisations.len();
    for (e, out, _) in runs() {
        assert_eq!(out.overrides.len(), entries, "{}: {:?}", e.name, out.overrides);
        let stale: BTreeSet<&str> = out.overrides.iter().filter(|x| x.state == OutcomeState::Stale).map(|x| x.entry.as_str()).collect();
        let removed: Vec<&str> = e.changes.iter().flat_map(|c| changes(c, "initiative_removed")).map(|x| str_of(&x["initiative"])).collect();
        let expected: BTreeSet<String> = o
            .kpis
            .iter()
            .filter(|k| removed.contains(&k.initiative.as_str()))
            .map(|k| format!("KPI `{}` of {}", k.label, k.initiative))
            .collect();
        assert_eq!(stale, expected.iter().map(String::as_str).collect(), "{}", e.name);
        for s in &stale {
            assert!(out.warnings.iter().any(|w| w.field == "overrides" && w.message.starts_with(s)), "{}: {s} has no warning", e.name);
        }
        if e.changes.is_none() {
            assert!(out.overrides.iter().all(|x| x.state == OutcomeState::Applied), "this year's overrides all apply as written: {:?}", out.overrides);
        }
    }
}

#[test]
fn a_changed_source_is_reported_and_the_run_goes_on() {
    for (e, out, _) in fixtures() {
        assert!(out.warnings.iter().any(|w| w.field == "overrides" && w.message.contains("reviewed for source")), "{}", e.name);
    }
}

/// The share of KPI figures the parser reads by itself (no override placed, cited or merged
/// them), as `make bench` prints it.
#[test]
fn the_parser_alone_reads_at_least_85_percent_of_the_figures() {
    for (e, out, without) in runs() {
        let (alone, total) = reform::normalize::parser_alone(&out.report);
        assert!(alone * 100 >= total * 85, "{}: {alone} of {total}", e.name);
        // Parser-alone figures are read the same without the overrides: the tag tells the truth.
        for k in &out.report.kpis {
            for p in k.series.iter().filter(|p| p.origin != KpiOrigin::Override) {
                let same = without.report.kpis.iter().filter(|w| w.initiative == k.initiative).flat_map(|w| &w.series).any(|q| q.line == p.line && q.value == p.value && q.kind == p.kind);
                assert!(same, "{}: {} {} is tagged as the parser's but needs the overrides", e.name, k.id, p.text);
            }
        }
    }
}

/// Without the overrides, a figure only an override reads is warned about, never lost: on this
/// year's report, each figure an override cites in a sentence.
#[test]
fn without_overrides_the_figures_in_sentences_are_warned_about() {
    let (e, with, without) = &runs()[0];
    let cited: Vec<(&str, &str)> = the_overrides().kpis.iter().flat_map(|k| k.points.iter().map(move |p| (k.initiative.as_str(), p.text.as_str()))).collect();
    let lines: Vec<&str> = e.text.lines().collect();
    for (id, text) in cited {
        let Some(p) = with.report.kpis.iter().filter(|k| k.initiative == id).flat_map(|k| &k.series).find(|p| p.text == text) else { continue };
        let read_alone = without.report.kpis.iter().filter(|k| k.initiative == id).flat_map(|k| &k.series).any(|q| q.line == p.line && q.value == p.value);
        let warned = without.warnings.iter().any(|w| w.line == p.line && w.message.contains(text));
        // A bare index (`98.2`, no unit) is the one shape no rule can tell from any number.
        let no_unit = !lines[p.line as usize - 1].contains(text) || text.chars().all(|c| c.is_ascii_digit() || c == '.');
        assert!(read_alone || warned || no_unit, "{id} `{text}` (line {}) would be lost silently without the overrides", p.line);
    }
}

/// The fixtures' JSON (read by the browser tests) is what the normalizer makes of them now, each
/// given the edition before it (`make fixtures` passes `--previous`): matched rows carry its keys.
#[test]
fn committed_fixture_json_is_the_regenerated_one() {
    let committed = [include_str!("fixtures/edition-r6.json"), include_str!("fixtures/edition-r7.json")];
    let mut previous = runs()[0].1.report.clone();
    for ((e, out, _), committed) in runs().iter().skip(1).zip(committed) {
        let mut report = out.report.clone();
        let matching = match_editions(&previous, &report, &the_overrides().edition_matches);
        assert!(matching.problems.is_empty(), "{}: {:?}", e.name, matching.problems);
        keys::carry_over(&mut report, &previous, matching.initiatives.iter().map(|m| (m.newer.as_str(), m.older.as_str())));
        let mut json = serde_json::to_string_pretty(&report).unwrap();
        json.push('\n');
        previous = report;
        assert!(json == committed, "tests/fixtures/{} is stale: run `make fixtures`", e.name.replace(".txt", ".json"));
    }
}
