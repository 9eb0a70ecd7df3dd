//! What a printed page says about itself.

use crate::model::ReportMeta;

/// The running header of every printed page: the report's title, and its year only if the title
/// does not say it already. The title names the year in this edition
/// (`…取組状況（令和5年度）`); adding the year and the words of the title again made the header
/// say both twice.
pub fn running_header(meta: &ReportMeta) -> String {
    let title = meta.title.trim();
    if meta.label.is_empty() || title.contains(meta.label.as_str()) {
        title.to_string()
    } else {
        format!("{title}（{}）", meta.label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::committed_report as report;

    #[test]
    fn each_thing_once_with_the_reports_own_year() {
        let mut meta = report().report;
        let header = running_header(&meta);
        assert!(header.starts_with(&meta.title), "{header}");
        assert_eq!(header.matches(meta.label.as_str()).count(), 1, "{header}");
        // A title without its year gets the year from the report's label.
        meta.title = "行財政改革の取組状況".into();
        meta.label = "令和7年度".into();
        assert_eq!(running_header(&meta), "行財政改革の取組状況（令和7年度）");
        meta.title = "行財政改革の取組状況（令和7年度）".into();
        assert_eq!(running_header(&meta), "行財政改革の取組状況（令和7年度）");
    }
}
