//! How one initiative is recognised in two editions of the report: the title as compared (width
//! folded, white space removed) and the reviewer's exceptions, the `edition_matches` section of
//! `overrides.json` (pins and breaks keyed by titles, never by ids, which change between editions).
//!
//! Below both the normalizer (which reads the overrides file and gives each initiative its key)
//! and the query layer (which matches editions): neither imports the other.

use serde::{Deserialize, Serialize};

use crate::fiscal::fold_char;

/// A title as two editions are compared on: full-width ASCII folded to half width and every white
/// space removed (the PDF wraps a title at another place when its column is wider).
pub fn comparable_title(title: &str) -> String {
    title.chars().map(fold_char).filter(|c| !c.is_whitespace()).collect()
}

/// The reviewer's corrections of the automatic matching.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EditionMatches {
    /// Pairs that are the same initiative although the matching would not pair them (a title
    /// rewritten beyond recognition).
    #[serde(default)]
    pub pin: Vec<TitlePair>,
    /// Pairs that are not the same initiative although their titles agree or look alike.
    #[serde(default, rename = "break")]
    pub breaks: Vec<TitlePair>,
}

impl EditionMatches {
    pub fn is_empty(&self) -> bool {
        self.pin.is_empty() && self.breaks.is_empty()
    }

    /// The `edition_matches` section of an overrides file, without the rest (which only the
    /// normalizer reads): for a reader built without it. A file without the section has none.
    pub fn from_overrides_json(json: &str) -> Result<EditionMatches, String> {
        #[derive(Deserialize)]
        struct Section {
            #[serde(default)]
            edition_matches: EditionMatches,
        }
        serde_json::from_str::<Section>(json).map(|s| s.edition_matches).map_err(|e| format!("overrides: edition_matches: {e}"))
    }
}

/// An initiative of the older edition and one of the newer, each named by its printed title
/// (compared as [`comparable_title`]).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TitlePair {
    pub older_title: String,
    pub newer_title: String,
    /// Why the reviewer decided so (for the next reviewer).
    pub why: String,
}

impl TitlePair {
    /// Does this pair name `older` and `newer` (titles as printed)?
    pub fn names(&self, older: &str, newer: &str) -> bool {
        comparable_title(&self.older_title) == comparable_title(older) && comparable_title(&self.newer_title) == comparable_title(newer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_compare_without_width_or_wrapping() {
        assert_eq!(comparable_title("ＩＣＴ の 活用\n推進"), "ICTの活用推進");
        assert_eq!(comparable_title("行政手続の案内窓口 の一元化"), comparable_title("行政手続の案内窓口の一元化"));
    }

    #[test]
    fn the_section_reads_with_its_reasons_and_refuses_unknown_fields() {
        let m: EditionMatches = serde_json::from_str(r#"{"pin":[{"older_title":"A","newer_title":"Ｂ","why":"renamed"}],"break":[]}"#).unwrap();
        assert!(m.pin[0].names("A", "B"));
        assert!(m.breaks.is_empty());
        assert!(serde_json::from_str::<EditionMatches>(r#"{"pin":[{"older_title":"A","newer_title":"B"}]}"#).is_err(), "a pin needs its reason");
        assert!(serde_json::from_str::<EditionMatches>(r#"{"pins":[]}"#).is_err());
    }

    #[test]
    fn the_section_is_read_from_the_whole_overrides_file() {
        let m = EditionMatches::from_overrides_json(include_str!("../data/overrides.json")).expect("reads");
        assert_eq!(m, EditionMatches::default());
        assert_eq!(EditionMatches::from_overrides_json(r#"{"tables": []}"#), Ok(EditionMatches::default()));
        let e = EditionMatches::from_overrides_json(r#"{"edition_matches": {"pin": [{"older_title": "A"}]}}"#).unwrap_err();
        assert!(e.starts_with("overrides: edition_matches: missing field `newer_title` at line 1"), "{e}");
    }
}
