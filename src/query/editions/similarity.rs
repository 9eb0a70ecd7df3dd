//! How alike two titles are: the Dice coefficient of their character bigrams, on the titles as
//! editions compare them ([`comparable_title`]). Explainable in one sentence: twice the number of
//! two-character pieces they share, over the number of pieces both have.

use std::collections::HashMap;

use crate::edition_matches::comparable_title;

/// Titles in the same subsection at least this alike are one initiative whose title was edited.
/// Distinct titles of this year's report reach 0.7 at most in one subsection
/// (「テレビ会議の導入、活用」/「Web会議の導入、活用」); an edit that adds or drops a few words of a
/// title of ten characters or more stays above 0.75.
pub const SIMILAR_TITLE: f64 = 0.75;

/// Across subsections a move and an edit at once are weaker evidence: only nearly equal titles.
/// The two most alike distinct titles of this year's report, 「ふるさと納税の寄附額増収へ向けた
/// 取組（企業版）」 and 「…（個人版）」, score 0.86.
pub const SIMILAR_TITLE_ELSEWHERE: f64 = 0.9;

/// 0 (nothing shared) to 1 (the same title, width and wrapping aside).
pub fn title_similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (comparable_title(a), comparable_title(b));
    if a == b {
        return 1.0;
    }
    let (pa, pb) = (bigrams(&a), bigrams(&b));
    let (na, nb): (usize, usize) = (pa.values().sum(), pb.values().sum());
    if na + nb == 0 {
        return 0.0;
    }
    let shared: usize = pa.iter().map(|(k, n)| (*n).min(pb.get(k).copied().unwrap_or(0))).sum();
    2.0 * shared as f64 / (na + nb) as f64
}

/// Every two neighbouring characters, counted (a piece printed twice counts twice).
fn bigrams(s: &str) -> HashMap<(char, char), usize> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = HashMap::new();
    for w in chars.windows(2) {
        *out.entry((w[0], w[1])).or_insert(0) += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_titles_score_one_whatever_their_width_and_wrapping() {
        assert_eq!(title_similarity("ＩＣＴ等を活用した 内部管理経費の削減", "ICT等を活用した内部管理経費の削減"), 1.0);
        assert_eq!(title_similarity("あ", "い"), 0.0);
        assert_eq!(title_similarity("", ""), 1.0);
    }

    #[test]
    fn a_slight_edit_is_alike_and_distinct_titles_are_not() {
        let (before, after) = ("優秀な人材の確保に向けた採用手法の見直し", "優秀な人材の確保に向けた採用手法の見直し及び多様化");
        // 19 bigrams, 5 more after the edit, all 19 shared: 38 / 43.
        assert!((title_similarity(before, after) - 38.0 / 43.0).abs() < 1e-9);
        assert!(title_similarity(before, after) >= SIMILAR_TITLE && title_similarity(before, after) < SIMILAR_TITLE_ELSEWHERE);
        assert!(title_similarity("テレビ会議の導入、活用", "Web会議の導入、活用") < SIMILAR_TITLE);
        let (a, b) = ("ふるさと納税の寄附額増収へ向けた取組（企業版）", "ふるさと納税の寄附額増収へ向けた取組（個人版）");
        assert!(title_similarity(a, b) < SIMILAR_TITLE_ELSEWHERE);
        // Twice the shared pieces over all pieces: 「の推進」 shares 「の推」「推進」 of 2 + 2.
        assert_eq!(title_similarity("の推進", "の推進"), 1.0);
        assert!((title_similarity("ab", "abc") - 2.0 / 3.0).abs() < 1e-9);
    }
}
