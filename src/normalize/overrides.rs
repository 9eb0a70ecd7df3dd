//! The reviewed overrides file (`data/overrides.json`): figures the automatic extraction cannot
//! read reliably, each citing the source lines it comes from. Every cited figure is checked
//! against its line, so an override can never put a number in the data that the report does not print.

use serde::Deserialize;

use super::diag::NormalizeError;
use super::qualifiers;
use super::text::parse_printed_number;
use crate::fiscal::fiscal_year_of;
use crate::model::{Aggregate, Comparator, Direction, KpiOrigin, KpiPoint, PointKind};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Free text for the reader of the file.
    #[serde(default)]
    pub about: Vec<String>,
    /// The source these overrides were reviewed against.
    pub source_sha256: String,
    pub report_title: Option<String>,
    #[serde(default)]
    pub kpis: Vec<KpiOverride>,
    #[serde(default)]
    pub achieved_marks: Vec<MarkOverride>,
    /// The reviewed table of divisions whose department the report does not tell.
    #[serde(default)]
    pub organisations: Vec<OrganisationOverride>,
}

/// One division's department, where the report gives no evidence; `why` says where it comes from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationOverride {
    pub division: String,
    pub department: String,
    pub why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiOverride {
    pub initiative: String,
    pub label: String,
    pub unit: String,
    pub direction: Option<Direction>,
    #[serde(default)]
    pub mode: Mode,
    /// The label of the extracted KPI this entry replaces, extends or drops, when it differs.
    pub replaces: Option<String>,
    /// Why the figures need a reviewer (shown to nobody but the next reviewer).
    pub why: String,
    /// Extracted KPIs that measure the same thing under another printed label (`県税の徴収率` in
    /// the target, `徴収率` in the results): their points join this KPI and they disappear.
    #[serde(default)]
    pub merge: Vec<MergeOverride>,
    /// Line spans (first, last) of displaced material this entry accounts for.
    #[serde(default)]
    pub covers: Vec<(u32, u32)>,
    pub points: Vec<PointOverride>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointOverride {
    pub period: Option<String>,
    /// Only where the period does not tell it (`平均`, a target without a year).
    pub fiscal_year: Option<i32>,
    pub kind: PointKind,
    pub line: u32,
    /// The figure exactly as it stands on `line`.
    pub text: String,
    /// Converts the printed figure into the KPI's unit (`10億円` in 百万円: 100).
    pub scale: Option<f64>,
    /// Only where the words around the figure do not tell it (a span printed in a heading).
    #[serde(default)]
    pub aggregate: Option<Aggregate>,
    #[serde(default)]
    pub span: Option<[Option<i32>; 2]>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeOverride {
    /// The label of the extracted KPI, as the parser gives it.
    pub label: String,
    /// Converts its figures into this KPI's unit (`10億円` in 百万円: 100).
    pub scale: Option<f64>,
}

impl KpiOverride {
    pub fn replaces(&self) -> &str {
        self.replaces.as_deref().unwrap_or(&self.label)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkOverride {
    pub initiative: String,
    pub mark: String,
    /// Every line the mark is printed on (the extraction repeats pages).
    pub lines: Vec<u32>,
    pub why: String,
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

/// Checks a point against its line and reads the qualifiers printed around it
/// (`以上`, `概ね`, `（速報値）`), as the parser does for the figures it reads itself.
pub fn check_point(source_lines: &[&str], entry: &str, p: &PointOverride) -> Result<KpiPoint, NormalizeError> {
    let err = |message: String| NormalizeError::Overrides { entry: entry.to_string(), message };
    let text = line_text(source_lines, p.line).ok_or_else(|| err(format!("line {} is past the end of the source", p.line)))?;
    let Some(at) = super::text::find_whole_figure(text, &p.text) else {
        return Err(err(format!("line {} does not print `{}` as a whole figure; it reads `{}`", p.line, p.text, text.trim())));
    };
    let printed = parse_printed_number(&p.text).ok_or_else(|| err(format!("`{}` (line {}) is not a figure", p.text, p.line)))?;
    let value = printed * p.scale.unwrap_or(1.0);
    let fiscal_year = p.fiscal_year.or_else(|| p.period.as_deref().and_then(fiscal_year_of));
    let mut point = KpiPoint::new(p.kind, p.period.clone(), fiscal_year, value, p.line, p.text.clone());
    point.origin = KpiOrigin::Override;
    let (before, after) = (&text[..at], &text[at + p.text.len()..]);
    match p.kind {
        PointKind::Target => {
            let (c, rest) = qualifiers::comparator_after(after);
            point.comparator = c.or_else(|| qualifiers::comparator_before(before));
            if point.comparator == Some(Comparator::AtLeast) {
                let unit = super::text::leading_figure(&p.text).map(|(f, _)| f.unit).unwrap_or_default();
                point.upper = qualifiers::range_upper(rest, &unit).map(|f| f.value * p.scale.unwrap_or(1.0));
            }
            point.aggregate = p.aggregate;
            point.span = p.span;
        }
        PointKind::Actual => {
            point.status = Some(qualifiers::actual_status(after).unwrap_or_default());
        }
    }
    Ok(point)
}

pub fn check_mark(source_lines: &[&str], m: &MarkOverride) -> Result<(), NormalizeError> {
    for &line in &m.lines {
        let text = line_text(source_lines, line).unwrap_or("");
        if text.trim() != m.mark {
            return Err(NormalizeError::Overrides {
                entry: format!("achieved mark {} for {}", m.mark, m.initiative),
                message: format!("line {line} reads `{}`, not the mark", text.trim()),
            });
        }
    }
    Ok(())
}

/// The texts of every line an entry covers, for recognising displaced material wherever it repeats.
pub fn covered_texts<'a>(source_lines: &[&'a str], overrides: &Overrides) -> Vec<&'a str> {
    overrides
        .kpis
        .iter()
        .flat_map(|k| k.covers.iter())
        .flat_map(|&(first, last)| (first..=last).filter_map(|l| line_text(source_lines, l)))
        .map(super::text::trim)
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &[&str] = &["税外未収金 1,719 1,703", "定量分析 ▲ 16", "令和3年度達成済"];

    fn point(line: u32, text: &str) -> PointOverride {
        PointOverride { period: Some("H27".into()), fiscal_year: None, kind: PointKind::Actual, line, text: text.into(), scale: None, aggregate: None, span: None }
    }

    #[test]
    fn a_point_must_stand_on_its_line() {
        let p = check_point(SOURCE, "e", &point(1, "1,703")).unwrap();
        assert_eq!((p.value, p.fiscal_year), (1703.0, Some(2015)));
        let p = check_point(SOURCE, "e", &point(2, "▲ 16")).unwrap();
        assert_eq!(p.value, -16.0);
        let e = check_point(SOURCE, "e", &point(1, "1,704")).unwrap_err();
        assert!(e.to_string().contains("line 1 does not print `1,704`"), "{e}");
        let e = check_point(SOURCE, "e", &point(1, "719")).unwrap_err();
        assert!(e.to_string().contains("as a whole figure"), "`719` is no figure of `1,719`: {e}");
        assert!(check_point(SOURCE, "e", &point(9, "1")).is_err());
    }

    #[test]
    fn marks_must_match_their_lines() {
        let m = MarkOverride { initiative: "I-1-1-1".into(), mark: "令和3年度達成済".into(), lines: vec![3], why: String::new() };
        assert!(check_mark(SOURCE, &m).is_ok());
        let m = MarkOverride { lines: vec![2], ..m };
        assert!(check_mark(SOURCE, &m).is_err());
    }

    #[test]
    fn unknown_fields_are_rejected_with_a_position() {
        let e = parse(r#"{"source_sha256": "x", "kpiz": []}"#).unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
    }
}
