//! One test per kind of override entry, on a page made for it: what the entry changes, and what
//! becomes of an entry whose words the page no longer prints (stale, said, nothing else changed).

use crate::model::{KpiOrigin, PointKind, Report};
use crate::normalize::overrides::{self, Outcome, OutcomeState};
use crate::normalize::{normalize, Input, Output};
use crate::source_text::sha256_hex;

/// Two rows, a page-foot mark and a table outside the rows. Row 4 prints a target and a result
/// in sentences (the parser reads only the result); row 5 prints two departments and two
/// divisions with no evidence of their pairs.
const PAGE: &str = " Ⅱ 行政のデジタル改革と働き方改革 26

3 多様で柔軟な働き方の推進
(2) 職員が働きやすい活力ある職場づくり

番号 取組項目 部局等 担当課 全庁 主な取組内容・目標 令和5年度の取組状況・課題 次年度の取組

進捗状況 △

4 テレビ会議の推進 総務部 人事課 ○

主な取組内容
・テレビ会議の活用

◎目標
テレビ会議開催件数 3,000件（令和5年度）

取組状況
・見直し後の目標（3,100件）を上回る3,697件
・テレビ会議の開催件数は2,900件（令和4年度）

次年度の取組
・継続

5
採用試験の共同実施

総務部
人事委員会事務局

人事課
職員課

主な取組内容
・共同実施

令和3年度達成済

会議室の利用状況（単位：件）

R3 R4 R5

利用件数 1,200 1,350 1,400
";

/// The page normalized with overrides made of `entries` (JSON members after `source_sha256`).
fn with_entries(entries: &str) -> Output {
    let json = format!(r#"{{"source_sha256": "{}", {entries}}}"#, sha256_hex(PAGE.as_bytes()));
    let o = overrides::parse(&json).expect("the test's overrides parse");
    normalize(PAGE, &Input { source_name: "page.txt", overrides: Some(("overrides.json", &o)) }).expect("the page normalizes")
}

fn without_entries() -> Output {
    normalize(PAGE, &Input { source_name: "page.txt", overrides: None }).expect("the page normalizes")
}

/// A figure as these tests compare it.
type Figure = (PointKind, f64, KpiOrigin);

/// (label, figures) of each KPI of `initiative`.
fn kpis_of(report: &Report, initiative: &str) -> Vec<(String, Vec<Figure>)> {
    report
        .kpis
        .iter()
        .filter(|k| k.initiative == initiative)
        .map(|k| (k.label.clone(), k.series.iter().map(|p| (p.kind, p.value, p.origin)).collect()))
        .collect()
}

fn states(out: &Output) -> Vec<OutcomeState> {
    out.overrides.iter().map(|o: &Outcome| o.state).collect()
}

fn warned(out: &Output, words: &str) -> bool {
    out.warnings.iter().any(|w| w.message.contains(words))
}

const TARGET_AND_RESULT: &str = r#""points": [
    {"period": "令和5年度", "kind": "target", "text": "3,000件", "context": "開催件数 3,000件"},
    {"period": "令和5年度", "kind": "actual", "text": "3,697件", "context": "を上回る3,697件"}]"#;

#[test]
fn the_page_alone_reads_one_figure_and_warns_about_the_rest() {
    let out = without_entries();
    assert_eq!(kpis_of(&out.report, "II-3-2-4"), [("テレビ会議の推進".to_string(), vec![(PointKind::Actual, 3697.0, KpiOrigin::Extracted)])]);
    assert!(warned(&out, "`3,000件` is printed in the row but is in no KPI"));
    assert!(warned(&out, "table `会議室の利用状況` stands outside any row"));
    assert!(warned(&out, "`令和3年度達成済` printed at the page foot cannot be tied to a row"));
}

#[test]
fn replace_puts_the_entry_in_place_of_the_kpi_it_names() {
    let out = with_entries(&format!(
        r#""kpis": [{{"initiative": "II-3-2-4", "label": "テレビ会議開催件数", "unit": "件", "replaces": "テレビ会議の推進", "why": "w", {TARGET_AND_RESULT}}}]"#
    ));
    assert_eq!(states(&out), [OutcomeState::Applied]);
    // The result the parser read stays the parser's; the target is the entry's.
    assert_eq!(
        kpis_of(&out.report, "II-3-2-4"),
        [("テレビ会議開催件数".to_string(), vec![(PointKind::Target, 3000.0, KpiOrigin::Override), (PointKind::Actual, 3697.0, KpiOrigin::Extracted)])]
    );
    assert!(!warned(&out, "`3,000件` is printed in the row but is in no KPI"));
    assert_eq!(out.report.report.overrides.as_ref().map(|o| o.kpis.clone()), Some(vec!["II-3-2-4-k1".to_string()]));
}

#[test]
fn extend_adds_the_entrys_figures_to_the_kpi_the_parser_read() {
    let out = with_entries(
        r#""kpis": [{"initiative": "II-3-2-4", "label": "テレビ会議開催件数", "unit": "件", "mode": "extend", "replaces": "テレビ会議の推進", "why": "w",
            "points": [{"period": "令和4年度", "kind": "actual", "text": "2,900件", "context": "開催件数は2,900件"}]}]"#,
    );
    assert_eq!(states(&out), [OutcomeState::Applied]);
    assert_eq!(
        kpis_of(&out.report, "II-3-2-4"),
        [("テレビ会議開催件数".to_string(), vec![(PointKind::Actual, 2900.0, KpiOrigin::Override), (PointKind::Actual, 3697.0, KpiOrigin::Extracted)])]
    );
}

#[test]
fn drop_removes_the_kpi_it_names() {
    let out = with_entries(r#""kpis": [{"initiative": "II-3-2-4", "label": "テレビ会議の推進", "unit": "件", "mode": "drop", "why": "w", "points": []}]"#);
    assert_eq!(states(&out), [OutcomeState::Applied]);
    assert!(kpis_of(&out.report, "II-3-2-4").is_empty());
}

#[test]
fn a_kpi_entry_follows_a_changed_figure_in_the_same_words_and_says_so() {
    // Last year's entry cited 3,500件; this page prints 3,697件 in the same words.
    let out = with_entries(
        r#""kpis": [{"initiative": "II-3-2-4", "label": "テレビ会議開催件数", "unit": "件", "replaces": "テレビ会議の推進", "why": "w",
            "points": [{"period": "令和5年度", "kind": "actual", "text": "3,500件", "context": "を上回る3,500件"}]}]"#,
    );
    assert_eq!(states(&out), [OutcomeState::Adapted]);
    assert!(warned(&out, "`3,500件` now reads `3,697件`"), "{:?}", out.warnings);
    assert_eq!(kpis_of(&out.report, "II-3-2-4")[0].1, [(PointKind::Actual, 3697.0, KpiOrigin::Extracted)]);
}

#[test]
fn a_stale_kpi_entry_is_skipped_and_said_and_changes_nothing() {
    let out = with_entries(
        r#""kpis": [{"initiative": "II-3-2-4", "label": "テレビ会議開催件数", "unit": "件", "replaces": "テレビ会議の推進", "why": "w",
            "points": [{"period": "令和5年度", "kind": "target", "text": "5,000件", "context": "目標値 5,000件"}]}]"#,
    );
    assert_eq!(states(&out), [OutcomeState::Stale]);
    assert!(warned(&out, "KPI `テレビ会議開催件数` of II-3-2-4 no longer matches and was skipped"));
    assert_eq!(kpis_of(&out.report, "II-3-2-4"), kpis_of(&without_entries().report, "II-3-2-4"));
    let missing = with_entries(r#""kpis": [{"initiative": "II-3-2-9", "label": "l", "unit": "件", "why": "w", "points": []}]"#);
    assert!(warned(&missing, "there is no initiative II-3-2-9 in this report"));
}

#[test]
fn a_table_entry_gives_a_table_outside_the_rows_to_its_row() {
    let out = with_entries(
        r#""tables": [{"table": "会議室の利用状況", "initiative": "II-3-2-4", "why": "w", "rows": [{"printed": "利用件数", "label": "会議室の利用件数"}]}]"#,
    );
    assert_eq!(states(&out), [OutcomeState::Applied]);
    assert!(!warned(&out, "stands outside any row"));
    let kpis = kpis_of(&out.report, "II-3-2-4");
    let table = kpis.iter().find(|(label, _)| label == "会議室の利用件数").expect("the table's row is a KPI of II-3-2-4");
    assert_eq!(table.1.iter().map(|p| p.1).collect::<Vec<_>>(), [1200.0, 1350.0, 1400.0]);
    assert!(table.1.iter().all(|p| p.2 == KpiOrigin::Override), "placed by a reviewer: the reviewer's figures");
}

#[test]
fn a_stale_table_entry_is_said_and_the_table_stays_unplaced() {
    let out = with_entries(r#""tables": [{"table": "庁舎の利用状況", "initiative": "II-3-2-4", "why": "w"}]"#);
    assert_eq!(states(&out), [OutcomeState::Stale]);
    assert!(warned(&out, "table `庁舎の利用状況` no longer matches and was skipped: no table with this caption or header is printed"));
    assert!(warned(&out, "table `会議室の利用状況` stands outside any row"));
}

#[test]
fn a_mark_entry_gives_a_page_foot_mark_to_its_row() {
    let out = with_entries(r#""achieved_marks": [{"initiative": "II-3-2-5", "mark": "令和3年度達成済", "page": 26, "nth": 1, "why": "w"}]"#);
    assert_eq!(states(&out), [OutcomeState::Applied]);
    let row = out.report.initiative("II-3-2-5").expect("row 5");
    assert_eq!(row.achieved_marks, ["令和3年度達成済"]);
    assert!(!warned(&out, "cannot be tied to a row"));
    assert_eq!(out.report.report.overrides.as_ref().map(|o| o.achieved_marks.clone()), Some(vec!["II-3-2-5".to_string()]));
}

#[test]
fn a_mark_entry_follows_its_mark_to_a_renumbered_page_and_says_so() {
    let out = with_entries(r#""achieved_marks": [{"initiative": "II-3-2-5", "mark": "令和3年度達成済", "page": 25, "nth": 1, "why": "w"}]"#);
    assert_eq!(states(&out), [OutcomeState::Adapted]);
    assert!(warned(&out, "printed on page 26 now, not 25"));
    let stale = with_entries(r#""achieved_marks": [{"initiative": "II-3-2-5", "mark": "令和4年度達成済", "page": 26, "nth": 1, "why": "w"}]"#);
    assert_eq!(states(&stale), [OutcomeState::Stale]);
    assert!(stale.report.initiative("II-3-2-5").expect("row 5").achieved_marks.is_empty());
}

#[test]
fn an_organisation_entry_pairs_a_division_with_its_department() {
    let out = with_entries(r#""organisations": [{"division": "職員課", "department": "人事委員会事務局", "why": "w"}]"#);
    assert_eq!(states(&out), [OutcomeState::Applied]);
    let row = out.report.initiative("II-3-2-5").expect("row 5");
    let pairs: Vec<(Option<&str>, Vec<&str>)> =
        row.organisations.iter().map(|o| (o.department.as_deref(), o.divisions.iter().map(String::as_str).collect())).collect();
    assert_eq!(pairs, [(Some("総務部"), vec!["人事課"]), (Some("人事委員会事務局"), vec!["職員課"])]);
    let stale = with_entries(r#""organisations": [{"division": "警務課", "department": "警察本部", "why": "w"}]"#);
    assert_eq!(states(&stale), [OutcomeState::Stale]);
    assert!(warned(&stale, "no evidence which of 総務部・人事委員会事務局 職員課 belongs to"));
}

#[test]
fn a_not_kpi_entry_silences_the_warning_for_its_figure_only() {
    let out = with_entries(r#""not_kpis": [{"initiative": "II-3-2-4", "context": "開催件数は2,900件", "why": "w"}]"#);
    assert_eq!(states(&out), [OutcomeState::Applied]);
    assert!(!warned(&out, "`2,900件` is printed in the row"));
    assert!(warned(&out, "`3,000件` is printed in the row"), "the other figure is still said");
    let stale = with_entries(r#""not_kpis": [{"initiative": "II-3-2-4", "context": "開催件数は9,999件", "why": "w"}]"#);
    assert_eq!(states(&stale), [OutcomeState::Stale]);
}
