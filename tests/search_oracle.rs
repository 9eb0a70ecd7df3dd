//! The search folding against real Unicode NFKC (plus lower case) as an oracle, on generated
//! strings. The app ships its own one-character-to-one-character folding so that every match maps
//! back to a range of the original text for highlighting; where that differs from NFKC on purpose,
//! the difference is pinned below.

use proptest::prelude::*;
use reform::query::search::{fold, Query};
use unicode_normalization::UnicodeNormalization;

/// NFKC and lower case, with one deliberate difference: every dash and the long-vowel mark are
/// one character for search (the report prints サ－ビス, people type サービス).
fn nfkc_lower(s: &str) -> String {
    s.nfkc().map(|c| if "-‐‑‒–—―−－ーｰ﹣".contains(c) { '-' } else { c }).collect::<String>().to_lowercase()
}

/// What users type and what the report prints: ASCII, full-width ASCII, half-width katakana
/// (with voiced marks after the kana they belong to), hiragana, katakana, kanji, both spaces.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[ -~]",
        "[\u{FF01}-\u{FF5E}]",
        "[\u{FF66}-\u{FF9D}]",
        "[ｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎ]ﾞ",
        "[ﾊﾋﾌﾍﾎ]ﾟ",
        "[ぁ-ん]",
        "[ァ-ヶ]",
        "[行財政改革進捗長崎県]",
        Just("\u{3000}".to_string()),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn folding_agrees_with_nfkc_on_what_people_type(s in text()) {
        prop_assert_eq!(fold(&s), nfkc_lower(&s), "input {:?}", s);
    }

    #[test]
    fn a_query_matches_its_own_nfkc_form(s in text()) {
        let q = Query::new(&s);
        prop_assert!(q.is_empty() || q.matches_folded(&[fold(&nfkc_lower(&s))]), "input {:?}", s);
    }
}

/// Where the app's folding differs from NFKC, on purpose.
#[test]
fn documented_differences_from_nfkc() {
    // Compatibility characters that NFKC expands into several characters stay as printed: one
    // character in, one out, so highlighted ranges stay exact (㍻ would become 平成).
    for c in ["㍻", "㈱", "①", "㌔", "ｰ"] {
        assert_eq!(fold(c).chars().count(), 1, "{c}");
    }
    assert_eq!(fold("㍻"), "㍻");
    assert_ne!(nfkc_lower("㍻"), fold("㍻"));
    // A voiced mark that belongs to no kana stays a spacing mark (NFKC gives a combining one).
    assert_eq!(fold("ｱﾞ"), "ア゛");
    assert_eq!(nfkc_lower("ｱﾞ"), "ア\u{3099}");
    // Only ASCII letters are lower-cased: the report's Greek and Cyrillic are kept as printed.
    assert_eq!(fold("Ω"), "Ω");
}
