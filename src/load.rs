//! Reading a report JSON (the embedded one, or one a user opens) with checks that tell the
//! user what is wrong and where, instead of failing somewhere in the views later.

use std::collections::HashSet;
use std::fmt;

use crate::model::{Report, SCHEMA_VERSION};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON, or not this schema; `line`/`column` point into the JSON text.
    Syntax { line: usize, column: usize, message: String },
    /// A schema major version this build cannot read.
    Version { found: String },
    /// Well-formed, but an entry points at something that does not exist, or ids repeat.
    Integrity { path: String, message: String },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Syntax { line, column, message } => {
                write!(f, "{line}行{column}列: JSONとして読めません（{message}）")
            }
            LoadError::Version { found } => write!(
                f,
                "schema_version {found} のファイルは読めません（このアプリは {SCHEMA_VERSION} 系に対応）"
            ),
            LoadError::Integrity { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for LoadError {}

fn major(v: &str) -> &str {
    v.split('.').next().unwrap_or("")
}

impl Report {
    /// Parses and checks a report. Accepts any schema version with the same major number.
    pub fn from_json(json: &str) -> Result<Report, LoadError> {
        let report: Report = serde_json::from_str(json.trim_start_matches('\u{feff}')).map_err(|e| LoadError::Syntax {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        if major(&report.schema_version) != major(SCHEMA_VERSION) {
            return Err(LoadError::Version { found: report.schema_version });
        }
        report.check()?;
        Ok(report)
    }

    /// Referential integrity: unique ids, and every reference resolves.
    pub fn check(&self) -> Result<(), LoadError> {
        let bad = |path: String, message: String| Err(LoadError::Integrity { path, message });
        let pillars: HashSet<&str> = self.pillars.iter().map(|p| p.id.as_str()).collect();
        let sections: HashSet<&str> = self.sections.iter().map(|s| s.id.as_str()).collect();
        let subsections: HashSet<&str> = self.subsections.iter().map(|s| s.id.as_str()).collect();
        let initiatives: HashSet<&str> = self.initiatives.iter().map(|i| i.id.as_str()).collect();
        let kpis: HashSet<&str> = self.kpis.iter().map(|k| k.id.as_str()).collect();
        for (name, len, set) in [
            ("pillars", self.pillars.len(), pillars.len()),
            ("sections", self.sections.len(), sections.len()),
            ("subsections", self.subsections.len(), subsections.len()),
            ("initiatives", self.initiatives.len(), initiatives.len()),
            ("kpis", self.kpis.len(), kpis.len()),
        ] {
            if len != set {
                return bad(name.into(), "id が重複しています".into());
            }
        }
        for (i, s) in self.sections.iter().enumerate() {
            if !pillars.contains(s.pillar.as_str()) {
                return bad(format!("sections[{i}].pillar"), format!("柱 {} がありません", s.pillar));
            }
        }
        for (i, s) in self.subsections.iter().enumerate() {
            if !sections.contains(s.section.as_str()) {
                return bad(format!("subsections[{i}].section"), format!("項目 {} がありません", s.section));
            }
        }
        for (i, ini) in self.initiatives.iter().enumerate() {
            if !subsections.contains(ini.subsection.as_str()) {
                return bad(format!("initiatives[{i}].subsection"), format!("{} がありません", ini.subsection));
            }
            if let Some(from) = &ini.relisted_from {
                if !initiatives.contains(from.as_str()) {
                    return bad(format!("initiatives[{i}].relisted_from"), format!("取組 {from} がありません"));
                }
            }
            for k in &ini.kpis {
                if !kpis.contains(k.as_str()) {
                    return bad(format!("initiatives[{i}].kpis"), format!("KPI {k} がありません"));
                }
            }
        }
        for (i, k) in self.kpis.iter().enumerate() {
            if !initiatives.contains(k.initiative.as_str()) {
                return bad(format!("kpis[{i}].initiative"), format!("取組 {} がありません", k.initiative));
            }
            if let Some(j) = k.series.iter().position(|p| !p.value.is_finite()) {
                return bad(format!("kpis[{i}].series[{j}].value"), "数値ではありません".into());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_carry_a_position() {
        let e = Report::from_json("{\n  \"schema_version\": 1,").unwrap_err();
        assert!(matches!(e, LoadError::Syntax { line: 2, .. }), "{e:?}");
    }

    #[test]
    fn other_major_versions_are_refused() {
        let json = r#"{"schema_version":"3.0.0","report":{"title":"t","fiscal_year":2023,"label":"令和5年度","source":{"name":"a","sha256":"b","lines":1},"pages":{"first":1,"last":1},"overrides":null},"pillars":[],"sections":[],"subsections":[],"initiatives":[],"kpis":[]}"#;
        assert_eq!(Report::from_json(json), Err(LoadError::Version { found: "3.0.0".into() }));
        let ok = json.replace("3.0.0", "2.9.0");
        assert!(Report::from_json(&ok).is_ok());
    }

    #[test]
    fn dangling_references_are_named() {
        let json = r#"{"schema_version":"2.0.0","report":{"title":"t","fiscal_year":2023,"label":"令和5年度","source":{"name":"a","sha256":"b","lines":1},"pages":{"first":1,"last":1},"overrides":null},"pillars":[],"sections":[{"id":"I-1","pillar":"I","number":1,"title":"x"}],"subsections":[],"initiatives":[],"kpis":[]}"#;
        let e = Report::from_json(json).unwrap_err();
        assert_eq!(e, LoadError::Integrity { path: "sections[0].pillar".into(), message: "柱 I がありません".into() });
    }
}
