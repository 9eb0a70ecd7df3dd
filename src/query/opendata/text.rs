//! How text is written in every table: one line, no full-width or repeated spaces.

/// Joins the names of a list in one cell (the departments of a row, its divisions): a character
/// no name in the report holds. The tidy form of the same lists is
/// `initiative_organisations.csv`.
pub const LIST_SEPARATOR: &str = "|";

/// `text` on one line: every run of whitespace (line ends, tabs, the full-width space U+3000
/// the report uses to align figures, `・徴収率　99.0％`) becomes one ASCII space, none at either
/// end. A cell then holds no layout, only words; the codebook says so.
pub fn clean_text(text: &str) -> String {
    text.split(char::is_whitespace).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_spaces_and_line_ends_become_one_space() {
        assert_eq!(clean_text("・徴収率\u{3000}99.0％"), "・徴収率 99.0％");
        assert_eq!(clean_text("・教育庁\u{3000} ：事後確認"), "・教育庁 ：事後確認");
        assert_eq!(clean_text(" a\r\nb\tc "), "a b c");
        assert_eq!(clean_text(""), "");
    }
}
