//! What the report's owner checks before publishing a new edition: how much was read (beside
//! last year's), what the text lacks, every warning beside the lines it is about, and what became
//! of last year's overrides.

use crate::model::{PageRange, Report};
use crate::normalize::overrides::{Outcome, OutcomeState};
use crate::normalize::{Carried, Warning};
use crate::query::editions::Matching;
use crate::query::overview::{overview, Counts};
use crate::source_text::split_lines;

use super::Renewed;

/// One count of the review's table: this edition's and, when given, last year's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountRow {
    pub label: &'static str,
    pub now: usize,
    pub before: Option<usize>,
}

/// A warning with the printed lines it is about (its line and one either side).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Noted {
    pub warning: Warning,
    pub printed: Vec<(u32, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// 令和N年度, as the new text prints it.
    pub label: String,
    pub counts: Vec<CountRow>,
    /// The printed pages the text spans, and last year's.
    pub pages: (PageRange, Option<PageRange>),
    /// Printed page numbers absent from the text.
    pub missing_pages: Vec<u32>,
    /// Per subsection, the row numbers absent from the text.
    pub missing_numbers: Vec<(String, Vec<u32>)>,
    pub warnings: Vec<Noted>,
    /// Last year's entries that no longer match (skipped), and those found again after a change.
    pub stale: Vec<Outcome>,
    pub adapted: Vec<Outcome>,
    /// Matched with the previous edition: (matched, not exactly, new, ended).
    pub matched: Option<(usize, usize, usize, usize)>,
    /// The matches a reviewer checks: those that are not exact, the rows new and ended, and
    /// pins or breaks of the overrides that name a title not printed.
    pub matches: Option<MatchReview>,
}

/// An initiative as the review names it: id and printed title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inexact {
    pub older: Row,
    pub newer: Row,
    /// Why it is not exact, in the owner's words (番号の変更、取組項目名の修正 …).
    pub reasons_ja: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MatchReview {
    pub inexact: Vec<Inexact>,
    pub new_rows: Vec<Row>,
    pub ended_rows: Vec<Row>,
    pub problems: Vec<String>,
}

fn rows(report: &Report, ids: &[String]) -> Vec<Row> {
    ids.iter()
        .filter_map(|id| report.initiative(id))
        // A 【再掲】 copy follows its original: the original is the row to pin or break.
        .filter(|i| !i.relisted)
        .map(|i| Row { id: i.id.clone(), title: i.title.clone() })
        .collect()
}

fn match_review(matching: &Matching, previous: &Report, report: &Report) -> MatchReview {
    let row = |r: &Report, id: &str| Row { id: id.to_string(), title: r.initiative(id).map_or_else(String::new, |i| i.title.clone()) };
    MatchReview {
        inexact: matching
            .inexact()
            .filter(|m| report.initiative(&m.newer).is_some_and(|i| !i.relisted))
            .map(|m| Inexact {
                older: row(previous, &m.older),
                newer: row(report, &m.newer),
                reasons_ja: match (previous.initiative(&m.older), report.initiative(&m.newer)) {
                    (Some(was), Some(now)) => m.reasons_ja(was, now),
                    _ => m.reasons.iter().map(|r| r.label_ja()).collect::<Vec<_>>().join("、"),
                },
            })
            .collect(),
        new_rows: rows(report, &matching.new_initiatives),
        ended_rows: rows(previous, &matching.ended_initiatives),
        problems: matching.problems.iter().map(|p| p.message()).collect(),
    }
}

impl Review {
    /// What the text lacks, in plain sentences: none when it is whole.
    pub fn gaps_ja(&self) -> Vec<String> {
        let mut gaps = Vec::new();
        let (now, before) = &self.pages;
        if let Some(before) = before {
            if now.last < before.last {
                gaps.push(format!(
                    "テキストは {} ページで終わっています（前年度は {} ページまで）。PDF の最後まで取り出せているか確かめてください。",
                    now.last, before.last
                ));
            }
        }
        if !self.missing_pages.is_empty() {
            let pages: Vec<String> = self.missing_pages.iter().map(u32::to_string).collect();
            gaps.push(format!("{} ページがテキストにありません。", pages.join("・")));
        }
        for (subsection, numbers) in &self.missing_numbers {
            let numbers: Vec<String> = numbers.iter().map(u32::to_string).collect();
            gaps.push(format!("{subsection} の取組 {} 番がテキストにありません。", numbers.join("・")));
        }
        gaps
    }

    /// Warnings a decision in the page can settle.
    pub fn open_decisions(&self) -> usize {
        self.warnings.iter().filter(|n| n.warning.fix.is_some()).count()
    }
}

/// The counts an owner compares with last year's: pillars, sections, subsections, initiatives,
/// KPIs and ratings.
pub fn counts(report: &Report, previous: Option<&Report>) -> Vec<CountRow> {
    let rows = |r: &Report| -> Vec<(&'static str, usize)> {
        let Counts { initiatives, rows, on_track, delayed, unrated, kpis, .. } = overview(r).total;
        vec![
            ("柱", r.pillars.len()),
            ("項目", r.sections.len()),
            ("小項目", r.subsections.len()),
            ("取組の行（再掲を含む）", rows),
            ("取組（再掲を除く）", initiatives),
            ("KPI", kpis),
            ("進捗状況 ○", on_track),
            ("進捗状況 △", delayed),
            ("進捗状況 記載なし", unrated),
        ]
    };
    let before = previous.map(rows);
    rows(report)
        .into_iter()
        .enumerate()
        .map(|(k, (label, now))| CountRow { label, now, before: before.as_ref().map(|b| b[k].1) })
        .collect()
}

/// The review of `renewed`, made from `text` (the text normalized), against `previous`.
pub fn review(text: &str, renewed: &Renewed, previous: Option<&Report>) -> Review {
    let report = &renewed.output.report;
    let lines = split_lines(text.strip_prefix('\u{feff}').unwrap_or(text));
    let printed = |line: u32| -> Vec<(u32, String)> {
        let first = line.saturating_sub(1).max(1);
        (first..=line + 1).filter_map(|n| lines.get(n as usize - 1).map(|l| (n, l.to_string()))).collect()
    };
    let warnings = renewed
        .output
        .warnings
        .iter()
        // Line 1 stands for the whole file (an override entry, the fiscal year): no lines to show.
        .map(|w| Noted { warning: w.clone(), printed: if w.field == "overrides" && w.line == 1 { Vec::new() } else { printed(w.line) } })
        .collect();
    let with_state = |state| renewed.output.overrides.iter().filter(|o| o.state == state).cloned().collect();
    Review {
        label: report.report.label.clone(),
        counts: counts(report, previous),
        pages: (report.report.pages, previous.map(|p| p.report.pages)),
        missing_pages: report.report.coverage.missing_pages.clone(),
        missing_numbers: report.report.coverage.missing_numbers.iter().map(|(s, n)| (s.clone(), n.clone())).collect(),
        warnings,
        stale: with_state(OutcomeState::Stale),
        adapted: with_state(OutcomeState::Adapted),
        matched: renewed.matching.as_ref().map(|m| (m.initiatives.len(), m.inexact().count(), m.new_initiatives.len(), m.ended_initiatives.len())),
        matches: renewed.matching.as_ref().zip(previous).map(|(m, p)| match_review(m, p, report)),
    }
}

/// What a warning's field is, in the owner's words.
pub fn field_ja(field: &str) -> &'static str {
    match field {
        "kpis" => "KPI の数値",
        "achieved_marks" => "達成済の印",
        "organisations" => "部局と担当課の組合せ",
        "rating" => "進捗状況（○／△）",
        "overrides" => "調整ファイルの項目",
        "next_year" => "次年度の取組",
        "targets" | "status" | "content" | "challenges" => "取組の記載",
        "title" | "departments" | "divisions" | "initiative" => "取組の行",
        "report.fiscal_year" => "報告書の年度",
        "relisted_from" => "再掲",
        "summary" | "subsection" | "section.title" => "項目・小項目",
        _ => "その他",
    }
}

/// What the owner does about a warning that no decision in the page settles.
pub fn advice_ja(w: &Warning) -> &'static str {
    match (&w.fix, w.carried) {
        (Some(_), _) => "下の選択肢から正しいものを選び、「決定」を押してください。調整ファイルに記録され、もう一度読み込み直します。",
        (None, Some(Carried::Skipped)) => {
            "前年度の調整項目が今年度の報告書に当てはまりません。取組が終わったか、番号や文言が変わったか、そのページがテキストにないためです。同じ判断が今年度も必要なら、該当する警告で改めて決定してください。"
        }
        (None, Some(Carried::OtherSource)) => "調整ファイルは前年度の報告書用です。すべての警告を確認してから書き出すと、今年度の報告書用として記録されます。",
        (None, Some(Carried::MarkMoved)) => {
            "前年度の判断（達成済の印がどの取組のものか）を、印が今年度に印刷されたページに合わせて使いました。示された印が正しい取組のものか確かめてください。"
        }
        (None, Some(Carried::FigureUpdated)) => "前年度の判断を今年度の数値に合わせて使いました。示された行の数値が正しいか確かめてください。",
        (None, Some(Carried::LabelUnused)) => {
            "前年度の判断で使った表の行（列）の見出しが、今年度の表にありません。その見出しは使っていません。示された表を PDF と見比べ、数値が正しく読めているか確かめてください。"
        }
        _ => "読み取りの注記です。示された行を PDF と見比べ、内容が正しければ対応は不要です。違っていれば、テキストの取り出し方を手引きで確かめてください。",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Fix;

    /// Each of last year's decisions gets advice of its own, whatever its message says; a
    /// warning a decision settles asks for one; any other is a note on the text.
    #[test]
    fn each_kind_of_carried_decision_has_its_own_advice() {
        let kinds = [Carried::Skipped, Carried::OtherSource, Carried::MarkMoved, Carried::FigureUpdated, Carried::LabelUnused];
        let advice: Vec<&str> = kinds.iter().map(|&k| advice_ja(&Warning::carried(1, k, "the same words for every kind"))).collect();
        for (i, a) in advice.iter().enumerate() {
            assert!(advice[i + 1..].iter().all(|b| b != a), "{:?} shares its advice: {a}", kinds[i]);
        }
        let note = advice_ja(&Warning::new(1, "kpis", "no longer matches"));
        assert!(note.starts_with("読み取りの注記") && !advice.contains(&note), "an English word decides nothing");
        assert!(advice_ja(&Warning::carried(1, Carried::LabelUnused, "")).contains("見出しが、今年度の表にありません"));
        let settled = Warning::new(1, "achieved_marks", "").with_fix(Fix::Mark { mark: "＜達成済＞".into(), page: Some(3), nth: 1, candidates: vec![] });
        assert!(advice_ja(&settled).contains("「決定」"));
    }
}

