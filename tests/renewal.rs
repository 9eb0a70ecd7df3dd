//! A new edition made as the report's owner makes it in the import workbench: the same run as
//! the command line (the JSON is byte for byte the committed one), the review the owner reads,
//! and decisions on warnings written as overrides that settle them on the next run.

use reform::model::{PointKind, Rating, Report};
use reform::normalize::overrides::{self, Overrides};
use reform::normalize::Fix;
use reform::renewal::decode::{decode, TextEncoding};
use reform::renewal::resolve::{empty_for, resolve, to_json, Decision};
use reform::renewal::review::review;
use reform::renewal::{renew, Renewal, Renewed};

const R5_NAME: &str = "000_7008800fb5738cea.txt";
const R5: &str = include_str!("../data/source/000_7008800fb5738cea.txt");
const R5_JSON: &str = include_str!("../data/initiatives.json");
const R6: &str = include_str!("fixtures/edition-r6.txt");
const R6_JSON: &str = include_str!("fixtures/edition-r6.json");
const R7: &str = include_str!("fixtures/edition-r7.txt");
const R7_JSON: &str = include_str!("fixtures/edition-r7.json");
const OVERRIDES: &str = include_str!("../data/overrides.json");

fn run(name: &str, text: &str, overrides: Option<&Overrides>, previous: Option<&Report>) -> Renewed {
    let how = Renewal { source_name: name, overrides: overrides.map(|o| ("overrides.json", o)), previous };
    renew(text, &how).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn each_edition_renews_to_the_committed_json_byte_for_byte() {
    let o = overrides::parse(OVERRIDES).unwrap();
    let r5 = run(R5_NAME, R5, Some(&o), None).output.report;
    assert!(r5.to_json() == R5_JSON, "this year's report differs from data/initiatives.json: run make data");
    let r6 = run("edition-r6.txt", R6, Some(&o), Some(&r5)).output.report;
    assert!(r6.to_json() == R6_JSON, "edition-r6 differs from its fixture: run make fixtures");
    let r7 = run("edition-r7.txt", R7, Some(&o), Some(&r6)).output.report;
    assert!(r7.to_json() == R7_JSON, "edition-r7 differs from its fixture: run make fixtures");
}

#[test]
fn a_shift_jis_text_gives_the_same_report_as_its_utf8() {
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(R6);
    assert!(!unmappable, "the fixture has a character Shift_JIS lacks");
    let decoded = decode(&sjis).unwrap();
    assert_eq!(decoded.encoding, TextEncoding::ShiftJis);
    let o = overrides::parse(OVERRIDES).unwrap();
    let from_sjis = run("edition-r6.txt", &decoded.text, Some(&o), None).output.report;
    let from_utf8 = run("edition-r6.txt", R6, Some(&o), None).output.report;
    assert_eq!(from_sjis.to_json(), from_utf8.to_json());
}

#[test]
fn the_review_counts_the_report_beside_last_year() {
    let o = overrides::parse(OVERRIDES).unwrap();
    let r5 = Report::from_json(R5_JSON).unwrap();
    let renewed = run("edition-r6.txt", R6, Some(&o), Some(&r5));
    let review = review(R6, &renewed, Some(&r5));
    let count = |label: &str| review.counts.iter().find(|c| c.label == label).map(|c| (c.now, c.before)).unwrap();
    // The plan's structure as the brief states it for 令和5年度: 3 > 12 > 32 > 117.
    assert_eq!(count("柱").1, Some(3));
    assert_eq!(count("項目").1, Some(12));
    assert_eq!(count("小項目").1, Some(32));
    assert_eq!(count("取組の行（再掲を含む）").1, Some(117));
    assert_eq!(count("取組（再掲を除く）").1, Some(103));
    // The fixture drops III-4-1-1 and adds one initiative (edition-r6.changes.json).
    let changes: serde_json::Value = serde_json::from_str(include_str!("fixtures/edition-r6.changes.json")).unwrap();
    assert_eq!(review.label, changes["label"].as_str().unwrap_or("令和6年度"));
    let (matched, _, new, ended) = review.matched.unwrap();
    assert_eq!(matched + new, renewed.output.report.initiatives.len());
    assert!(ended >= 1 && new >= 1, "ended {ended}, new {new}");
    // Last year's overrides for the dropped row are listed, not dropped silently.
    assert_eq!(review.stale.len(), 4);
    assert!(review.stale.iter().all(|s| s.entry.contains("III-4-1-1")));
    // Every warning is shown beside its printed line.
    let kpi_warning = review.warnings.iter().find(|n| n.warning.field == "kpis" || n.warning.field == "next_year").unwrap();
    let line = kpi_warning.warning.line;
    assert!(kpi_warning.printed.iter().any(|(n, text)| *n == line && R6.lines().nth(line as usize - 1) == Some(text.as_str())));
}

/// Settles every warning that a decision can settle, as an owner would with no overrides at all.
fn decide_all(renewed: &Renewed, into: &mut Overrides) -> usize {
    let mut decided = 0;
    for w in &renewed.output.warnings {
        let decision = match &w.fix {
            Some(Fix::Mark { candidates, .. }) => Decision::MarkOf { initiative: candidates[0].clone() },
            Some(Fix::Figure { .. }) => Decision::NoKpi,
            Some(Fix::Table { candidates, .. }) => Decision::TableOf { initiative: candidates[0].clone() },
            Some(Fix::Pairing { departments, .. }) => Decision::DivisionUnder { department: departments[0].clone() },
            Some(Fix::Rating { .. }) => Decision::Rated { rating: Rating::OnTrack },
            None => continue,
        };
        resolve(into, w.fix.as_ref().unwrap(), &decision, "取り込み画面で確認").unwrap_or_else(|e| panic!("line {}: {e}", w.line));
        decided += 1;
    }
    decided
}

#[test]
fn decisions_become_overrides_that_settle_their_warnings_on_the_next_run() {
    let first = run("edition-r6.txt", R6, None, None);
    let mut o = empty_for(&first.output.report);
    let decided = decide_all(&first, &mut o);
    // Without last year's overrides: the marks, figures, a table and two divisions to decide.
    let with_fix = first.output.warnings.iter().filter(|w| w.fix.is_some()).count();
    assert_eq!(decided, with_fix);
    assert!(decided >= 20, "{decided}");
    // Written as the overrides file and read back, as the owner keeps it for next year.
    let json = to_json(&o, &first.output.report);
    let kept = overrides::parse(&json).unwrap();
    let second = run("edition-r6.txt", R6, Some(&kept), None);
    let left: Vec<String> = second.output.warnings.iter().filter(|w| w.fix.is_some()).map(|w| w.to_string()).collect();
    assert!(left.is_empty(), "still to decide: {left:#?}");
    let outcomes = &second.output.overrides;
    assert!(outcomes.iter().all(|o| o.state == overrides::OutcomeState::Applied), "{outcomes:#?}");
    assert_eq!(kept.source_sha256, second.output.report.report.source.sha256);
}

#[test]
fn a_figure_decided_to_be_a_kpi_becomes_one() {
    let first = run("edition-r6.txt", R6, None, None);
    let w = first.output.warnings.iter().find(|w| matches!(&w.fix, Some(Fix::Figure { text, .. }) if text == "855名")).unwrap();
    let Some(Fix::Figure { initiative, .. }) = &w.fix else { unreachable!() };
    let mut o = empty_for(&first.output.report);
    let decision = Decision::FigureOf { label: "研修受講者数".into(), unit: "名".into(), period: "令和6年度".into(), kind: PointKind::Actual };
    resolve(&mut o, w.fix.as_ref().unwrap(), &decision, "取組状況の受講者数").unwrap();
    let second = run("edition-r6.txt", R6, Some(&overrides::parse(&to_json(&o, &first.output.report)).unwrap()), None);
    let kpi = second.output.report.kpis.iter().find(|k| k.initiative == *initiative && k.label == "研修受講者数").expect("the new KPI");
    assert_eq!((kpi.series[0].value, kpi.series[0].line, kpi.series[0].fiscal_year), (855.0, w.line, Some(2024)));
}

#[test]
fn subsections_whose_ratings_were_lost_get_the_ones_decided() {
    // Every rating line taken out (`△進捗状況`, `進捗状況 ○`), as an extraction that lost them would.
    let is_rating = |l: &str| matches!(l, "○進捗状況" | "△進捗状況" | "進捗状況 ○" | "進捗状況 △");
    let text: String = R6.lines().filter(|l| !is_rating(l)).map(|l| format!("{l}\n")).collect();
    let first = run("cut.txt", &text, None, None);
    let lost: Vec<&Fix> = first.output.warnings.iter().filter_map(|w| w.fix.as_ref()).filter(|f| matches!(f, Fix::Rating { .. })).collect();
    assert_eq!(lost.len(), first.output.report.subsections.len());
    let mut o = empty_for(&first.output.report);
    for (k, fix) in lost.iter().enumerate() {
        let rating = if k == 0 { Rating::Delayed } else { Rating::OnTrack };
        resolve(&mut o, fix, &Decision::Rated { rating }, "PDF の印刷で確認").unwrap();
    }
    let second = run("cut.txt", &text, Some(&o), None);
    let Fix::Rating { subsection, .. } = lost[0] else { unreachable!() };
    assert_eq!(second.output.report.subsection(subsection).and_then(|s| s.rating), Some(Rating::Delayed));
    assert!(second.output.report.subsections.iter().all(|s| s.rating.is_some()));
    assert!(!second.output.warnings.iter().any(|w| w.field == "rating"));
}

#[test]
fn last_years_overrides_survive_the_round_trip_through_the_workbench() {
    let o = overrides::parse(OVERRIDES).unwrap();
    let r5 = Report::from_json(R5_JSON).unwrap();
    let again = overrides::parse(&to_json(&o, &r5)).unwrap();
    assert_eq!(run(R5_NAME, R5, Some(&again), None).output.report.to_json(), R5_JSON);
}

#[test]
fn a_truncated_text_is_named_as_such() {
    let r5 = Report::from_json(R5_JSON).unwrap();
    let half: String = R6.lines().take(R6.lines().count() / 2).map(|l| format!("{l}\n")).collect();
    let renewed = run("half.txt", &half, None, Some(&r5));
    let gaps = review(&half, &renewed, Some(&r5)).gaps_ja();
    // The extract prints pages out of order: its first half lacks pages and rows in between.
    assert!(gaps.iter().any(|g| g.ends_with("ページがテキストにありません。")), "{gaps:?}");
    assert!(gaps.len() > 5, "{gaps:?}");
    // Cut at the end instead, before the first header of last year's last page: it ends early.
    let last_page_at = R6.find(&format!(" {}\n", r5.report.pages.last)).unwrap();
    let cut = &R6[..R6[..last_page_at].rfind('\n').unwrap()];
    let renewed = run("cut.txt", cut, None, Some(&r5));
    let gaps = review(R6, &renewed, Some(&r5)).gaps_ja();
    assert!(gaps.iter().any(|g| g.contains(&format!("前年度は {} ページまで", r5.report.pages.last))), "{gaps:?}");
}

#[test]
fn another_document_is_refused_with_what_it_lacks() {
    let e = renew("議事録\n令和6年度第1回会議\n出席者 10名\n", &Renewal { source_name: "x.txt", overrides: None, previous: None }).unwrap_err();
    assert!(e.to_string().contains("looks like the report"), "{e}");
}

#[test]
fn a_match_between_editions_is_broken_and_pinned_by_titles_in_the_workbench() {
    use reform::renewal::resolve::SameInitiative;
    use reform::renewal::session::Session;
    use std::sync::Arc;
    let o = overrides::parse(OVERRIDES).unwrap();
    let r6 = Report::from_json(R6_JSON).unwrap();
    let mut session = Session::new(Some(("overrides.json".into(), o)), Some(("edition-r6.json".into(), Arc::new(r6), Arc::from(R6_JSON))));
    session.give(reform::renewal::session::recognise("edition-r7.txt", R7.as_bytes()).unwrap());
    let matches = session.review().unwrap().matches.clone().unwrap();
    let (new, ended) = (matches.new_rows.len(), matches.ended_rows.len());
    // A figure no KPI holds, in a row that moved: last year's KPI of the row is offered by name.
    let moved = session.renewed().unwrap().output.warnings.iter().find_map(|w| match &w.fix {
        Some(reform::normalize::Fix::Figure { initiative, text, .. }) if text == "2,136人" => Some(initiative.clone()),
        _ => None,
    });
    let moved = moved.expect("the figure 2,136人 is in no KPI");
    assert_eq!(session.last_years_kpis(&moved), ["スポーツ・レクリエーション参加者数（延べ）"]);
    // A match the matching made although the title was edited: the owner says it is another.
    let edited = matches.inexact.iter().find(|m| m.reasons_ja.contains("取組項目名の修正")).expect("an edited title").clone();
    session.same_initiative(SameInitiative::Break, &edited.older.id, &edited.newer.id, "別の取組になった").unwrap();
    let after = session.review().unwrap().matches.clone().unwrap();
    assert!(after.new_rows.iter().any(|r| r.id == edited.newer.id), "{:?}", after.new_rows);
    assert!(after.ended_rows.iter().any(|r| r.id == edited.older.id));
    assert_eq!((after.new_rows.len(), after.ended_rows.len()), (new + 1, ended + 1));
    // Saved and read back: the break is in the file, keyed by the titles.
    let saved = overrides::parse(&session.overrides_json().unwrap()).unwrap();
    assert_eq!(saved.edition_matches.breaks[0].older_title, edited.older.title);
    // The owner changes their mind: pinned, it matches again, said as pinned.
    let mut pinned = Session::new(Some(("overrides.json".into(), overrides::parse(OVERRIDES).unwrap())), session.previous.clone());
    pinned.give(reform::renewal::session::recognise("edition-r7.txt", R7.as_bytes()).unwrap());
    let (older, newer) = (&matches.ended_rows[0], &matches.new_rows[0]);
    pinned.same_initiative(SameInitiative::Pin, &older.id, &newer.id, "同じ取組の名称変更").unwrap();
    let m = pinned.renewed().unwrap().matching.as_ref().unwrap();
    assert!(m.of_newer(&newer.id).is_some_and(|m| m.older == older.id && m.reasons.contains(&reform::query::editions::Reason::Pinned)));
    // The new edition keeps the older row's key.
    let key_before = session.previous.as_ref().unwrap().1.initiative(&older.id).unwrap().key.clone();
    assert_eq!(pinned.renewed().unwrap().output.report.initiative(&newer.id).unwrap().key, key_before);
}

#[test]
fn an_entry_that_no_longer_applies_is_removed_from_the_overrides_by_its_name() {
    use reform::renewal::session::{recognise, Session};
    use std::sync::Arc;
    let r5 = Report::from_json(R5_JSON).unwrap();
    let mut session = Session::new(Some(("overrides.json".into(), overrides::parse(OVERRIDES).unwrap())), Some(("r5".into(), Arc::new(r5), Arc::from(R5_JSON))));
    session.give(recognise("edition-r6.txt", R6.as_bytes()).unwrap());
    let stale: Vec<String> = session.review().unwrap().stale.iter().map(|o| o.entry.clone()).collect();
    assert_eq!(stale.len(), 4);
    let before = overrides::parse(&session.overrides_json().unwrap()).unwrap().kpis.len();
    for name in &stale {
        session.remove_entry(name).unwrap();
    }
    assert!(session.review().unwrap().stale.is_empty());
    assert!(session.remove_entry(&stale[0]).is_err(), "removed twice");
    let kept = overrides::parse(&session.overrides_json().unwrap()).unwrap();
    assert_eq!(kept.kpis.len(), before - 4);
    // Nothing else changed: the report is the fixture's.
    assert_eq!(session.report_json().unwrap(), run("edition-r6.txt", R6, Some(&overrides::parse(OVERRIDES).unwrap()), Some(&Report::from_json(R5_JSON).unwrap())).output.report.to_json());
}

/// Every warning about last year's decisions says what became of them, and the owner's advice
/// follows from that, never from the wording of the message: last year's entries for the row
/// the r6 fixture drops are skipped, the file was reviewed for r5's text, and entries used on
/// this year's pages say so.
#[test]
fn each_warning_on_last_years_decisions_gets_the_advice_for_what_became_of_them() {
    use reform::normalize::Carried;
    use reform::renewal::review::advice_ja;
    let o = overrides::parse(OVERRIDES).unwrap();
    for (name, text) in [("edition-r6.txt", R6), ("edition-r7.txt", R7)] {
        let renewed = run(name, text, Some(&o), None);
        let carried: Vec<_> = renewed.output.warnings.iter().filter(|w| w.field == "overrides").collect();
        assert!(carried.iter().all(|w| w.carried.is_some()), "{name}: {:?}", carried.iter().find(|w| w.carried.is_none()));
        let of = |kind: Carried| carried.iter().filter(move |w| w.carried == Some(kind));
        assert_eq!(of(Carried::OtherSource).count(), 1, "{name}: reviewed for r5's text");
        assert!(of(Carried::OtherSource).all(|w| advice_ja(w).contains("前年度の報告書用")));
        assert!(of(Carried::Skipped).all(|w| w.message.contains("no longer matches") && advice_ja(w).contains("当てはまりません")));
        assert!(of(Carried::MarkMoved).chain(of(Carried::FigureUpdated)).all(|w| advice_ja(w).contains("確かめてください")));
        assert!(carried.iter().all(|w| !advice_ja(w).starts_with("読み取りの注記")), "{name}: a decision of last year read as a note on the text");
    }
    let r6 = run("edition-r6.txt", R6, Some(&o), None);
    let skipped = r6.output.warnings.iter().filter(|w| w.carried == Some(Carried::Skipped)).count();
    assert_eq!(skipped, 4, "the four entries of III-4-1-1, which the r6 fixture drops");
}
