//! Target qualifiers and actual status, read from the words printed around a figure.
//!
//! A target is more than its figure: `99％以上` is met by 99.0％, `40％以上60%以下` is a range,
//! `５ヵ年（令和3年度～令和7年度）平均95％以上` is judged on a five-year mean and `毎年度` on
//! every year. An actual marked （見込） or （速報値） is not final. Each reader here takes the
//! text right before or right after a figure and says what it qualifies; none guesses.

use super::text::{leading_figure, trim, Figure};
use crate::fiscal::{fiscal_year_of, fold_ascii};
use crate::model::{ActualStatus, Aggregate, Comparator};

/// Words printed right after a target figure, longest first.
const AFTER: &[(&str, Comparator)] = &[
    ("以上", Comparator::AtLeast),
    ("以下", Comparator::AtMost),
    ("未満", Comparator::Below),
    ("を超える", Comparator::Above),
    ("超", Comparator::Above),
    ("程度", Comparator::About),
];

/// The comparator printed right after a figure, and the text after it.
pub fn comparator_after(after: &str) -> (Option<Comparator>, &str) {
    let t = after.trim_start_matches([' ', '\u{3000}']);
    for (word, c) in AFTER {
        if let Some(rest) = t.strip_prefix(word) {
            return (Some(*c), rest);
        }
    }
    (None, after)
}

/// `概ね` printed right before a figure (`委員数の概ね20％`).
pub fn comparator_before(before: &str) -> Option<Comparator> {
    let t = trim(before);
    (t.ends_with("概ね") || t.ends_with("おおむね")).then_some(Comparator::About)
}

/// The upper bound of a range: after `40％以上`, a figure of the same unit with `以下`/`未満`.
pub fn range_upper(after_lower: &str, unit: &str) -> Option<Figure> {
    let (figure, rest) = leading_figure(trim(after_lower))?;
    let (c, _) = comparator_after(rest);
    (figure.unit == unit && matches!(c, Some(Comparator::AtMost | Comparator::Below))).then_some(figure)
}

/// Aggregate and span printed in a target's wording or in its `◎目標（…）` qualifier:
/// `毎年度`, `毎年度（令和6年度まで）`, `５ヵ年（令和3年度～令和7年度）平均`, `（令和3年度～令和7年度）`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scope {
    pub aggregate: Option<Aggregate>,
    pub span: Option<[Option<i32>; 2]>,
}

pub fn scope_of(text: &str) -> Scope {
    let folded = fold_ascii(text);
    let span = span_of(&folded);
    let aggregate = if folded.contains("毎年度") {
        Some(Aggregate::EachYear)
    } else if folded.contains("平均") {
        Some(Aggregate::Average)
    } else {
        None
    };
    Scope { aggregate, span }
}

/// Text made only of a span and an aggregate word, as printed between a label and its target
/// figure: `５ヵ年（令和3年度～令和7年度）平均`, `毎年度`. Not `全体スコア（平均`.
pub fn is_scope_phrase(text: &str) -> bool {
    let folded = fold_ascii(trim(text));
    let mut rest = folded.as_str();
    // `5ヵ年`, `5か年`, `5カ年`, `5ケ年`
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let after = &rest[digits..];
        if let Some(r) = ["ヵ年", "か年", "カ年", "ケ年"].iter().find_map(|y| after.strip_prefix(y)) {
            rest = r;
        }
    }
    if let Some(r) = rest.strip_prefix('（').or_else(|| rest.strip_prefix('(')) {
        let Some(close) = r.find(['）', ')']) else { return false };
        if span_of(&r[..close]).is_none() {
            return false;
        }
        rest = &r[close + r[close..].chars().next().map_or(0, char::len_utf8)..];
    }
    let rest = rest.trim();
    let rest = rest.strip_suffix("平均").or_else(|| rest.strip_suffix("毎年度")).unwrap_or(rest);
    rest.trim().is_empty() && !folded.trim().is_empty()
}

/// `令和3年度～令和7年度` → [2021, 2025]; `令和3～4年度` → [2021, 2022]; `令和6年度まで` → [None, 2024];
/// `令和4年度～` → [2022, None]. `None` when no span is printed.
pub fn span_of(folded: &str) -> Option<[Option<i32>; 2]> {
    if let Some((left, right)) = folded.split_once(['～', '〜', '~']) {
        let from = last_year_in(left).or_else(|| bare_era_year_at_end(left));
        // `令和3～4年度`: the right end borrows the era of the left.
        let to = first_year_in(right).or_else(|| {
            let digits: String = right.chars().take_while(char::is_ascii_digit).collect();
            let era = crate::fiscal::ERAS.iter().filter_map(|e| left.rfind(e.name).map(|at| (at, e.name))).max()?.1;
            (!digits.is_empty() && right[digits.len()..].starts_with('年')).then(|| fiscal_year_of(&format!("{era}{digits}年度"))).flatten()
        });
        if from.is_some() {
            return Some([from, to]);
        }
    }
    if let Some(at) = folded.find("まで") {
        if let Some(to) = last_year_in(&folded[..at]) {
            return Some([None, Some(to)]);
        }
    }
    None
}

/// Era years (`令和3年度`, `R3`) with their byte position, in order.
fn years_in(s: &str) -> Vec<(usize, i32)> {
    let mut out = Vec::new();
    for (i, _) in s.char_indices() {
        let rest = &s[i..];
        if !rest.starts_with(['令', '平', 'R', 'H']) {
            continue;
        }
        // The longest prefix that reads as a year (`令和3年度` over `令和3年`).
        let mut best = None;
        for (j, c) in rest.char_indices().take(8) {
            if fiscal_year_of(&rest[..j + c.len_utf8()]).is_some() {
                best = fiscal_year_of(&rest[..j + c.len_utf8()]);
            }
        }
        if let Some(y) = best {
            out.push((i, y));
        }
    }
    out
}

fn first_year_in(s: &str) -> Option<i32> {
    years_in(s).first().map(|p| p.1)
}

fn last_year_in(s: &str) -> Option<i32> {
    years_in(s).last().map(|p| p.1)
}

/// `令和3` at the end of `（令和3～4年度）`'s left half: a year printed without 年度.
fn bare_era_year_at_end(s: &str) -> Option<i32> {
    let digits: String = s.chars().rev().take_while(|c| c.is_ascii_digit()).collect::<Vec<_>>().into_iter().rev().collect();
    let head = s.strip_suffix(digits.as_str())?;
    let era = crate::fiscal::ERAS.iter().find(|e| head.ends_with(e.name))?;
    if digits.is_empty() {
        return None;
    }
    fiscal_year_of(&format!("{}{digits}年度", era.name))
}

/// `（見込）` → estimate, `（速報値）` → preliminary.
pub fn actual_status(text: &str) -> Option<ActualStatus> {
    if text.contains("見込") {
        Some(ActualStatus::Estimate)
    } else if text.contains("速報") {
        Some(ActualStatus::Preliminary)
    } else {
        None
    }
}

/// Splits `A又はB` (an either-or target) into its branches; one branch when there is no 又は.
pub fn alternatives(text: &str) -> Vec<&str> {
    text.split("又は").map(trim).filter(|s| !s.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_words_after_the_figure() {
        assert_eq!(comparator_after("以上").0, Some(Comparator::AtLeast));
        assert_eq!(comparator_after("以下").0, Some(Comparator::AtMost));
        assert_eq!(comparator_after("未満").0, Some(Comparator::Below));
        assert_eq!(comparator_after("超").0, Some(Comparator::Above));
        assert_eq!(comparator_after("程度を導入し").0, Some(Comparator::About));
        assert_eq!(comparator_after("（令和7年度）").0, None);
        assert_eq!(comparator_before("委員数の概ね"), Some(Comparator::About));
        assert_eq!(comparator_before("委員数の"), None);
    }

    #[test]
    fn a_range_has_an_upper_bound_of_the_same_unit() {
        let (lower, rest) = leading_figure("40％以上60%以下").unwrap();
        let (c, rest) = comparator_after(rest);
        assert_eq!((lower.value, c), (40.0, Some(Comparator::AtLeast)));
        assert_eq!(range_upper(rest, &lower.unit).map(|f| f.value), Some(60.0));
        assert_eq!(range_upper("60件以下", "％"), None);
    }

    #[test]
    fn spans_and_aggregates() {
        let s = scope_of("５ヵ年（令和3年度～令和7年度）平均");
        assert_eq!(s, Scope { aggregate: Some(Aggregate::Average), span: Some([Some(2021), Some(2025)]) });
        let s = scope_of("（毎年度（令和6年度まで））");
        assert_eq!(s, Scope { aggregate: Some(Aggregate::EachYear), span: Some([None, Some(2024)]) });
        assert_eq!(scope_of("（毎年度）"), Scope { aggregate: Some(Aggregate::EachYear), span: None });
        assert_eq!(scope_of("制度の試行・検証（令和3～4年度）").span, Some([Some(2021), Some(2022)]));
        assert_eq!(scope_of("改善施策等の検討・実施（令和4年度～）").span, Some([Some(2022), None]));
        assert_eq!(scope_of("（令和7年度）"), Scope::default());
    }

    #[test]
    fn scope_phrases_between_label_and_figure() {
        assert!(is_scope_phrase("５ヵ年（令和3年度～令和7年度）平均"));
        assert!(is_scope_phrase("5ヵ年（令和3年度～令和7年度）平均"));
        assert!(is_scope_phrase("毎年度"));
        assert!(!is_scope_phrase("全体スコア（平均"));
        assert!(is_scope_phrase("平均"));
        assert!(!is_scope_phrase(""));
        assert!(!is_scope_phrase("令和元年度比"));
    }

    #[test]
    fn provisional_actuals() {
        assert_eq!(actual_status("令和5年度（見込）"), Some(ActualStatus::Estimate));
        assert_eq!(actual_status("36.5％（速報値)"), Some(ActualStatus::Preliminary));
        assert_eq!(actual_status("令和5年度"), None);
    }

    #[test]
    fn either_or() {
        assert_eq!(alternatives("県税の徴収率99％以上又は収入未収額10億円未満"), ["県税の徴収率99％以上", "収入未収額10億円未満"]);
        assert_eq!(alternatives("寄附額　30,000千円"), ["寄附額　30,000千円"]);
    }
}
