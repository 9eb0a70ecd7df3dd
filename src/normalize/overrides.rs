//! The reviewed overrides file (`data/overrides.json`): only judgement calls — which initiative a
//! displaced table belongs to, a figure printed inside a sentence, two printed labels that name one
//! measure, the department of a division the report leaves open.
//!
//! Every entry is keyed by the printed words it relies on, never by line numbers: a table by its
//! caption (or header), a figure by the words around it on its line (`context`), a mark by its
//! printed page. Line numbers are found again on every run, so the same overrides serve the report
//! with its pages in another order. Every cited figure is checked against its line as a whole
//! number, so an override can never put a number in the data that the report does not print.

use serde::{Deserialize, Serialize};

use super::diag::NormalizeError;
use super::qualifiers;
use super::text::{find_whole_figure, leading_figure, parse_printed_number};
use crate::fiscal::fiscal_year_of;
use crate::model::{Aggregate, Comparator, Direction, KpiOrigin, KpiPoint, PointKind};

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Free text for the reader of the file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<String>,
    /// The source these overrides were reviewed against.
    pub source_sha256: String,
    /// Who publishes the report and what it is called, without its year
    /// (`長崎県 行財政改革の取組状況`): the title adds the year the report prints.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<TableOverride>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kpis: Vec<KpiOverride>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub achieved_marks: Vec<MarkOverride>,
    /// The reviewed table of divisions whose department the report does not tell.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<OrganisationOverride>,
    /// Figures printed in a row that are no measure (a count inside a sentence, a budget):
    /// reviewed, so the normalizer does not warn that no KPI holds them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_kpis: Vec<NotKpi>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<RatingOverride>,
    /// Matches across editions a reviewer pinned or broke, keyed by titles: used when the
    /// normalizer is given the previous edition, and by the comparison of editions.
    #[serde(default, skip_serializing_if = "crate::edition_matches::EditionMatches::is_empty")]
    pub edition_matches: crate::edition_matches::EditionMatches,
}

/// A figure a reviewer found to be no KPI, keyed by the words around it on its line.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NotKpi {
    pub initiative: String,
    /// The printed words around the figure (`検証用端末4台`), the figure among them.
    pub context: String,
    pub why: String,
}

/// A table printed away from its row, given to the initiative it belongs to.
/// The 進捗状況 rating of a subsection printed without one (its page missing from the extract, or
/// the mark lost), keyed by the subsection's printed title.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RatingOverride {
    pub subsection: String,
    pub title: String,
    /// `○` or `△`, as printed.
    pub rating: String,
    pub why: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TableOverride {
    /// The table's printed caption without its unit note (`寄附額の推移`), or its header for a
    /// table without caption (`知事部局等 教育庁`).
    pub table: String,
    pub initiative: String,
    pub why: String,
    /// Labels and units for rows (or columns) whose printed label is no clean name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<RowOverride>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RowOverride {
    /// The row's label as printed, unit brackets removed.
    pub printed: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// One division's department, where the report gives no evidence; `why` says where it comes from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationOverride {
    pub division: String,
    pub department: String,
    pub why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// A new KPI, replacing an extracted one with the same label.
    #[default]
    Replace,
    /// Adds points to the extracted KPI with the same label.
    Extend,
    /// Removes an extracted KPI that is no measure (say, figures of unrelated events).
    Drop,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KpiOverride {
    pub initiative: String,
    pub label: String,
    pub unit: String,
    /// Only as a judgement call: the direction otherwise comes from the targets as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    #[serde(default, skip_serializing_if = "Mode::is_replace")]
    pub mode: Mode,
    /// The label of the extracted KPI this entry replaces, extends or drops, when it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    /// Why the figures need a reviewer (shown to nobody but the next reviewer).
    pub why: String,
    /// Extracted KPIs that measure the same thing under another printed label (`県税の徴収率` in
    /// the target, `徴収率` in the results): their points join this KPI and they disappear.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merge: Vec<MergeOverride>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<PointOverride>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MergeOverride {
    /// The label of the extracted KPI, as the parser gives it.
    pub label: String,
    /// Converts its figures into this KPI's unit (`10億円` in 百万円: 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<f64>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PointOverride {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Only where the period does not tell it (a target over a span).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fiscal_year: Option<i32>,
    pub kind: PointKind,
    /// The figure exactly as printed.
    pub text: String,
    /// The printed words around the figure on its line (`上回る3,697件`); found among the lines of
    /// the initiative's row.
    pub context: String,
    /// Converts the printed figure into the KPI's unit (`10億円` in 百万円: 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<f64>,
    /// Only where the words around the figure do not tell it (a span printed in a heading).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aggregate: Option<Aggregate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<[Option<i32>; 2]>,
}

/// How the normalizer names an entry in its outcomes and warnings (`KPI `label` of II-2-2-2`);
/// [`Overrides::remove`] finds an entry by the same name.
pub trait Named {
    fn name(&self) -> String;
}

impl Named for KpiOverride {
    fn name(&self) -> String {
        format!("KPI `{}` of {}", self.label, self.initiative)
    }
}

impl Named for TableOverride {
    fn name(&self) -> String {
        format!("table `{}`", self.table)
    }
}

impl Named for MarkOverride {
    fn name(&self) -> String {
        format!("achieved mark `{}` for {}", self.mark, self.initiative)
    }
}

impl Named for OrganisationOverride {
    fn name(&self) -> String {
        format!("organisation {} → {}", self.division, self.department)
    }
}

impl Named for NotKpi {
    fn name(&self) -> String {
        format!("not_kpis `{}` of {}", self.context, self.initiative)
    }
}

impl Named for RatingOverride {
    fn name(&self) -> String {
        format!("rating {} of {} `{}`", self.rating, self.subsection, self.title)
    }
}

impl Overrides {
    /// How many entries the file holds, of every kind but the edition matches.
    pub fn entry_count(&self) -> usize {
        self.kpis.len() + self.tables.len() + self.achieved_marks.len() + self.organisations.len() + self.not_kpis.len() + self.ratings.len()
    }

    /// Removes the first entry named `name` (as the outcomes name it); `false` when none is.
    pub fn remove(&mut self, name: &str) -> bool {
        fn take<T: Named>(list: &mut Vec<T>, name: &str) -> bool {
            let at = list.iter().position(|e| e.name() == name);
            at.map(|k| list.remove(k)).is_some()
        }
        take(&mut self.kpis, name)
            || take(&mut self.tables, name)
            || take(&mut self.achieved_marks, name)
            || take(&mut self.organisations, name)
            || take(&mut self.not_kpis, name)
            || take(&mut self.ratings, name)
    }
}

impl KpiOverride {
    pub fn replaces(&self) -> &str {
        self.replaces.as_deref().unwrap_or(&self.label)
    }
}

/// A mark such as `令和3年度達成済` printed at a page foot, given to its row. It is found on the
/// pages of the initiative's subsection, as the page's `nth` mark (every printing of the page).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarkOverride {
    pub initiative: String,
    pub mark: String,
    /// The printed page number, where the extraction kept it; a printing whose page header was
    /// lost is found by its subsection alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Which of the page's marks, 1-based in printed order.
    #[serde(default = "first", skip_serializing_if = "is_first")]
    pub nth: u32,
    pub why: String,
}

fn first() -> u32 {
    1
}

fn is_first(nth: &u32) -> bool {
    *nth == 1
}

impl Mode {
    fn is_replace(&self) -> bool {
        *self == Mode::Replace
    }
}

/// What became of one override entry on this run. A new edition changes the printed words, so an
/// entry may no longer match: it is then skipped and reported, never silently dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The entry, as a person finds it in the file: `KPI `徴収率` of I-3-3-1`.
    pub entry: String,
    pub state: OutcomeState,
    /// For `Adapted` and `Stale`: what changed or what was looked for.
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeState {
    /// Matched the printed words and applied.
    Applied,
    /// Applied after the rule for a changed figure: same words around it, another figure
    /// (reported with a warning, to be reviewed).
    Adapted,
    /// Did not match; skipped. The warning says which words were looked for.
    Stale,
}

pub fn parse(json: &str) -> Result<Overrides, NormalizeError> {
    serde_json::from_str(json).map_err(|e| NormalizeError::Overrides {
        entry: format!("line {} column {}", e.line(), e.column()),
        message: e.to_string(),
    })
}

fn line_text<'a>(source_lines: &[&'a str], line: u32) -> Option<&'a str> {
    source_lines.get((line as usize).checked_sub(1)?).copied()
}

/// The line among `spans` (first, last; 1-based) that prints `context` with `text` in it as a whole
/// figure, and the byte offset of the figure on that line. The first such line in file order.
pub fn locate(source_lines: &[&str], spans: &[(u32, u32)], context: &str, text: &str) -> Option<(u32, usize)> {
    let in_context = find_whole_figure(context, text)?;
    let mut lines: Vec<u32> = spans.iter().flat_map(|&(a, b)| a..=b.max(a)).collect();
    lines.sort_unstable();
    lines.dedup();
    lines.into_iter().find_map(|n| {
        let l = line_text(source_lines, n)?;
        let at = l.find(context)?;
        // The figure must stand whole on the line too (`719` inside `1,719` is no figure).
        find_whole_figure(&l[at..], text).filter(|off| *off == in_context).map(|_| (n, at + in_context))
    })
}

/// Finds a point by its context among the lines of its initiative, checks it, and reads the
/// qualifiers printed around it (`以上`, `概ね`, `（速報値）`) as the parser does.
pub fn check_point(source_lines: &[&str], spans: &[(u32, u32)], entry: &str, p: &PointOverride) -> Result<KpiPoint, NormalizeError> {
    let err = |message: String| NormalizeError::Overrides { entry: entry.to_string(), message };
    if find_whole_figure(&p.context, &p.text).is_none() {
        return Err(err(format!("the context `{}` does not print `{}` as a whole figure", p.context, p.text)));
    }
    let (line, at) = locate(source_lines, spans, &p.context, &p.text)
        .ok_or_else(|| err(format!("no line of the initiative's row prints `{}`", p.context)))?;
    let text = line_text(source_lines, line).unwrap_or_default();
    let printed = parse_printed_number(&p.text).ok_or_else(|| err(format!("`{}` is not a figure", p.text)))?;
    let scale = p.scale.filter(|s| s.is_finite()).unwrap_or(1.0);
    let value = printed * scale;
    let fiscal_year = p.fiscal_year.or_else(|| p.period.as_deref().and_then(fiscal_year_of));
    let mut point = KpiPoint::new(p.kind, p.period.clone(), fiscal_year, value, line, p.text.clone());
    point.origin = KpiOrigin::Override;
    let (before, after) = (&text[..at], &text[at + p.text.len()..]);
    match p.kind {
        PointKind::Target => {
            let (c, rest) = qualifiers::comparator_after(after);
            point.comparator = c.or_else(|| qualifiers::comparator_before(before));
            if point.comparator == Some(Comparator::AtLeast) {
                let unit = leading_figure(&p.text).map(|(f, _)| f.unit).unwrap_or_default();
                point.upper = qualifiers::range_upper(rest, &unit).map(|f| f.value * scale);
            }
            point.aggregate = p.aggregate;
            point.span = p.span;
        }
        PointKind::Actual => {
            point.status = Some(qualifiers::actual_status(after).unwrap_or_default());
        }
        PointKind::Plan => {}
    }
    Ok(point)
}

/// A point whose figure changed in a new edition: the same words around it (`context` with the
/// figure taken out) on one line of the row, with another figure of the same unit in its place.
/// Returns the override as it now reads, so [`check_point`] reads it like any other.
pub fn relocate(source_lines: &[&str], spans: &[(u32, u32)], p: &PointOverride) -> Option<PointOverride> {
    let at = find_whole_figure(&p.context, &p.text)?;
    let (before, after) = (&p.context[..at], &p.context[at + p.text.len()..]);
    let unit = leading_figure(&p.text).map(|(f, _)| f.unit).unwrap_or_default();
    let mut lines: Vec<u32> = spans.iter().flat_map(|&(a, b)| a..=b.max(a)).collect();
    lines.sort_unstable();
    lines.dedup();
    let found: Vec<String> = lines
        .into_iter()
        .filter_map(|n| {
            let l = line_text(source_lines, n)?;
            let start = l.find(before)? + before.len();
            let (figure, rest) = leading_figure(&l[start..])?;
            (figure.unit == unit && rest.starts_with(after) && figure.text != p.text).then_some(figure.text)
        })
        .collect();
    // Two lines printing the words with different figures: no guess.
    let first = found.first()?;
    if found.iter().any(|f| f != first) {
        return None;
    }
    Some(PointOverride { text: first.clone(), context: format!("{before}{first}{after}"), ..p.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &[&str] = &["税外未収金 1,719 1,703", "定量分析 ▲ 16", "令和3年度達成済", "見直し後の目標（3,100件）を上回る3,697件", "委員数の概ね20％（※）を公募により選任"];

    fn point(context: &str, text: &str) -> PointOverride {
        PointOverride {
            period: Some("H27".into()),
            fiscal_year: None,
            kind: PointKind::Actual,
            text: text.into(),
            context: context.into(),
            scale: None,
            aggregate: None,
            span: None,
        }
    }

    const ALL: &[(u32, u32)] = &[(1, 5)];

    #[test]
    fn a_point_is_found_by_the_words_around_it() {
        let p = check_point(SOURCE, ALL, "e", &point("未収金 1,719 1,703", "1,703")).unwrap();
        assert_eq!((p.value, p.fiscal_year, p.line), (1703.0, Some(2015), 1));
        let p = check_point(SOURCE, ALL, "e", &point("定量分析 ▲ 16", "▲ 16")).unwrap();
        assert_eq!((p.value, p.line), (-16.0, 2));
        let p = check_point(SOURCE, ALL, "e", &point("を上回る3,697件", "3,697件")).unwrap();
        assert_eq!((p.value, p.line), (3697.0, 4));
    }

    #[test]
    fn only_the_initiatives_own_lines_are_searched() {
        let e = check_point(SOURCE, &[(2, 3)], "e", &point("1,719 1,703", "1,703")).unwrap_err();
        assert!(e.to_string().contains("no line of the initiative's row prints"), "{e}");
    }

    #[test]
    fn a_cited_figure_must_be_a_whole_number_of_its_context_and_line() {
        let e = check_point(SOURCE, ALL, "e", &point("1,719", "719")).unwrap_err();
        assert!(e.to_string().contains("as a whole figure"), "`719` is no figure of `1,719`: {e}");
        let e = check_point(SOURCE, ALL, "e", &point("1,704", "1,704")).unwrap_err();
        assert!(e.to_string().contains("prints `1,704`"), "{e}");
        // The context ends where the line goes on with digits: `1,70` is not on the line.
        assert!(check_point(SOURCE, ALL, "e", &point("未収金 1,70", "1,70")).is_err());
    }

    #[test]
    fn a_changed_figure_is_found_by_the_same_words_around_it() {
        let next = ["見直し後の目標（3,100件）を上回る3,804件"];
        let moved = relocate(&next, &[(1, 1)], &point("を上回る3,697件", "3,697件")).expect("same words, new figure");
        assert_eq!((moved.text.as_str(), moved.context.as_str()), ("3,804件", "を上回る3,804件"));
        assert_eq!(check_point(&next, &[(1, 1)], "e", &moved).unwrap().value, 3804.0);
        // Another unit is another measure; other words are no match.
        assert!(relocate(&["を上回る3,804名"], &[(1, 1)], &point("を上回る3,697件", "3,697件")).is_none());
        assert!(relocate(&["を下回る3,804件"], &[(1, 1)], &point("を上回る3,697件", "3,697件")).is_none());
        // Two lines with the same words and different figures: ambiguous, no guess.
        assert!(relocate(&["を上回る1件", "を上回る2件"], &[(1, 2)], &point("を上回る3,697件", "3,697件")).is_none());
    }

    #[test]
    fn qualifiers_are_read_around_the_found_figure() {
        let t = PointOverride { kind: PointKind::Target, period: None, ..point("委員数の概ね20％", "20％") };
        assert_eq!(check_point(SOURCE, ALL, "e", &t).unwrap().comparator, Some(Comparator::About));
    }

    #[test]
    fn unknown_fields_are_rejected_with_a_position() {
        let e = parse(r#"{"source_sha256": "x", "kpiz": []}"#).unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
        assert!(parse(r#"{"source_sha256": "x", "kpis": [{"initiative": "I-1-1-1", "label": "l", "unit": "", "why": "", "points": [{"kind": "actual", "text": "1", "context": "1", "line": 3}]}]}"#).is_err(), "no line numbers");
    }
}
