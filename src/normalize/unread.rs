//! Figures printed in a row's target and status cells that no KPI holds. A new edition prints
//! new figures in new words; a figure the rules do not read must be said, never lost silently.
//!
//! Not reported, because they are no measure of their own: a figure in brackets (the detail of
//! the figure before it: `（対前年度+10所属）`, `（3,784人／3,977人）`; but not where the brackets say what it is,
//! `（R5実績：34所属、107件）`, or an arrow leads to it, `（950名→855名）`), a change (`18%増`,
//! `1.2ポイント上昇`, `約1.09倍`, `R1比`), the upper end of a range, a figure some KPI of the row
//! holds, and the figures the overrides list under `not_kpis` (keyed by the words around them).

use std::collections::BTreeMap;

use super::blocks::{BlockKind, Blocks};
use super::diag::{Fix, Warning};
use super::overrides::NotKpi;
use super::text::{find_whole_figure, leading_figure};
use crate::fiscal::fold_char;
use crate::model::{Initiative, Kpi, KpiPoint};

/// A figure on a line: where it starts (byte offset) and as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    pub line: u32,
    pub at: usize,
    pub value: f64,
    pub text: String,
}

/// Words after a figure that make it a change or a part, not a level.
const CHANGE_AFTER: &[&str] = &["増", "減", "上昇", "低下", "倍", "のうち"];
/// Words before a figure that make it a comparison or an estimate of a part.
const CHANGE_BEFORE: &[&str] = &["比", "+", "＋", "約", "うち"];

/// Every figure with a unit standing outside brackets on `text`, with the filters above.
pub fn level_figures(line: u32, text: &str) -> Vec<Printed> {
    let mut out = Vec::new();
    // Byte offsets of the brackets open before the current character.
    let mut open: Vec<usize> = Vec::new();
    let mut prev: Option<char> = None;
    for (at, c) in text.char_indices() {
        match c {
            '（' | '(' => open.push(at),
            '）' | ')' => {
                open.pop();
            }
            _ => {}
        }
        let starts_number = fold_char(c).is_ascii_digit() && !prev.is_some_and(|p| fold_char(p).is_ascii_digit() || matches!(fold_char(p), ',' | '.'));
        prev = Some(c);
        let before = &text[..at];
        // In brackets a figure details the one before (`（13市3町）`), unless the brackets say
        // what it is (`（R5実績：34所属、107件）`) or an arrow leads to it (`（950名→855名）`).
        let detail = open.last().is_some_and(|&b| {
            let inside = &text[b..at];
            !(inside.contains("実績") || before.ends_with('→'))
        });
        if !starts_number || detail {
            continue;
        }
        let Some((figure, rest)) = leading_figure(&text[at..]) else { continue };
        if CHANGE_AFTER.iter().any(|w| rest.starts_with(w)) || CHANGE_BEFORE.iter().any(|w| before.ends_with(w)) || figure.unit == "倍" {
            continue;
        }
        out.push(Printed { line, at, value: figure.value, text: figure.text });
    }
    out
}

/// One warning for each figure of an initiative's target and status cells that no KPI holds.
/// Returns, for each `not_kpis` entry, whether it named a printed figure.
/// `dropped`: (initiative, point) of the KPIs the overrides drop as no measure; their figures
/// were reviewed.
pub fn warn(
    initiatives: &[Initiative],
    cells: &BTreeMap<String, Blocks>,
    kpis: &[Kpi],
    dropped: &[(String, KpiPoint)],
    not_kpis: &[NotKpi],
    warnings: &mut Vec<Warning>,
) -> Vec<bool> {
    let mut used = vec![false; not_kpis.len()];
    for ini in initiatives.iter().filter(|i| i.relisted_from.is_none() && i.same_as.is_none()) {
        let Some(blocks) = cells.get(&ini.id) else { continue };
        let own: Vec<&Kpi> = kpis.iter().filter(|k| k.initiative == ini.id).collect();
        let held = |p: &Printed| {
            let own_points = own.iter().flat_map(|k| &k.series);
            let dropped_points = dropped.iter().filter(|(i, _)| *i == ini.id).map(|(_, q)| q);
            own_points.chain(dropped_points).any(|q| q.value == p.value || q.upper == Some(p.value) || (q.line == p.line && q.text == p.text))
        };
        let mut listed = |p: &Printed, line_text: &str| {
            let k = not_kpis.iter().position(|n| {
                n.initiative == ini.id
                    && line_text.find(&n.context).is_some_and(|c| find_whole_figure(&n.context, &p.text).is_some_and(|f| c + f == p.at))
            });
            if let Some(k) = k {
                used[k] = true;
            }
            k.is_some()
        };
        for kind in [BlockKind::Targets, BlockKind::Status] {
            for item in blocks.get(kind) {
                for (line, text) in &item.lines {
                    for p in level_figures(*line, text).into_iter().filter(|p| !held(p)).filter(|p| !listed(p, text)) {
                        let fix = Fix::Figure {
                            initiative: ini.id.clone(),
                            text: p.text.clone(),
                            context: context_of(text, p.at, &p.text),
                            kpis: own.iter().map(|k| k.label.clone()).collect(),
                        };
                        warnings.push(
                            Warning::new(
                                p.line,
                                "kpis",
                                format!(
                                    "{}: `{}` is printed in the row but is in no KPI; if it is a result or a target, add it in the overrides (`kpis`), else list it under `not_kpis`",
                                    ini.id, p.text
                                ),
                            )
                            .with_fix(fix),
                        );
                    }
                }
            }
        }
    }
    used
}

/// The fewest words of `line` around the figure at byte `at` that find it again: the first
/// place `line` prints them is where the figure stands, and the figure is whole among them. An
/// override entry keyed by these words (`context`) names this figure and no other.
pub fn context_of(line: &str, at: usize, figure: &str) -> String {
    let starts: Vec<usize> = line[..at].char_indices().map(|(i, _)| i).rev().collect();
    let ends: Vec<usize> = line[at + figure.len()..].char_indices().map(|(i, _)| at + figure.len() + i).skip(1).chain([line.len()]).collect();
    // Up to eight characters before and four after to start with, as a reader would quote it.
    for grow in 0.. {
        let start = starts.get(7 + grow).or(starts.last()).copied().unwrap_or(at);
        let end = ends.get(3 + grow).or(ends.last()).copied().unwrap_or(line.len());
        let words = &line[start..end];
        if line.find(words) == Some(start) && find_whole_figure(words, figure) == Some(at - start) {
            return words.to_string();
        }
        if start == 0 && end == line.len() {
            break;
        }
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<String> {
        level_figures(1, line).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn a_figure_is_quoted_with_words_that_find_it_again() {
        let line = "・受入者数：28名（13市3町）※うち6名は実務研修生";
        let at = line.find("28名").unwrap();
        let context = context_of(line, at, "28名");
        assert_eq!(context, "・受入者数：28名（13市");
        // The same figure printed twice: the words reach back to the second one's place.
        let line = "目標20％、実績15.1％（目標20％）";
        let second = line.rfind("20％").unwrap();
        let context = context_of(line, second, "20％");
        assert_eq!(line.find(&context).map(|c| c + find_whole_figure(&context, "20％").unwrap()), Some(second));
    }

    #[test]
    fn levels_are_read_and_details_changes_and_parts_are_not() {
        assert_eq!(texts("・受入者数：28名（13市3町）※うち6名は実務研修生"), ["28名"]);
        assert_eq!(texts("令和5年度末：37所属（対前年度+10所属）"), ["37所属"]);
        assert_eq!(texts("R2：1,618名（R1比70%増）"), ["1,618名"]);
        assert_eq!(texts("令和5年度…48.5ポイント（1.2ポイント上昇）"), ["48.5ポイント"]);
        assert_eq!(texts("令和元年度比10％減"), Vec::<String>::new());
        // A part of a whole printed before it is read with that whole.
        assert_eq!(texts("対象手続1,603件のうち1,554件"), Vec::<String>::new());
        assert_eq!(texts("令和4年度末実績の約1.09倍"), Vec::<String>::new());
        assert_eq!(texts("延べ2,310人が参加"), ["2,310人"]);
        assert_eq!(texts("令和元年度比10％減（950名→855名）"), ["855名"]);
        assert_eq!(texts("契約事務の集約化を検討（R5実績：34所属、107件）"), ["34所属", "107件"]);
        assert_eq!(texts("・緊急防災・減災事業債（充当率：100％、交付税措置率：70％）"), Vec::<String>::new());
    }
}
