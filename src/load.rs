//! Reading a report JSON (the embedded one, or one a user opens) with checks that tell the
//! user what is wrong and where, instead of failing somewhere in the views later.
//!
//! Order matters: size first (a huge file is refused before it is parsed), then the schema
//! version (a newer file is named as such, not as "missing field"), then the shape with the JSON
//! path of the first mismatch (from serde_json's position, see [`path_at`]), then every
//! reference and count the views rely on.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Deserialize;

use crate::model::{Report, SCHEMA_VERSION};

/// The largest report file the app opens. The real report is about 0.3 MB; a hundred times
/// that still loads, anything beyond is not a report of this kind.
pub const MAX_REPORT_BYTES: usize = 32 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Larger than [`MAX_REPORT_BYTES`].
    TooLarge { bytes: usize },
    /// Not JSON at all; `line`/`column` point into the text.
    Syntax { line: usize, column: usize, message: String },
    /// No `schema_version`, or a major version this build cannot read.
    Version { found: Option<String> },
    /// JSON of the right version, but a field is missing or of the wrong type.
    Shape { path: String, line: usize, column: usize, message: String },
    /// Well-formed, but an entry points at something that does not exist, or ids repeat.
    Integrity { path: String, message: String },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let readable = format!("{}.x", major(SCHEMA_VERSION));
        match self {
            LoadError::TooLarge { bytes } => write!(
                f,
                "ファイルが大きすぎます（{:.1} MB）。開けるのは {} MB までの報告書データです",
                *bytes as f64 / 1_048_576.0,
                MAX_REPORT_BYTES / 1_048_576
            ),
            LoadError::Syntax { line, column, message } => write!(f, "{line}行{column}列: JSONとして読めません（{message}）"),
            LoadError::Version { found: Some(v) } => write!(f, "このファイルの形式は {v} です。このアプリが読めるのは {readable} です"),
            LoadError::Version { found: None } => {
                write!(f, "schema_version がありません。このアプリが読めるのは形式 {readable} の報告書データです")
            }
            LoadError::Shape { path, line, column, message } => write!(f, "{path}（{line}行{column}列）: {message}"),
            LoadError::Integrity { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for LoadError {}

fn major(v: &str) -> &str {
    v.split('.').next().unwrap_or("")
}

/// serde_json's message without its trailing position (we print the position once, ourselves),
/// in Japanese where the kind of mismatch is known.
fn message_ja(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let msg = full.rsplit_once(" at line ").map_or(full.as_str(), |(m, _)| m);
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or(s).to_string();
    if let Some(rest) = msg.strip_prefix("missing field ") {
        format!("必須の項目 {} がありません", quoted(rest))
    } else if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let value = quoted(rest);
        let allowed = rest.split_once("expected ").map_or("", |(_, a)| a).replace('`', "");
        format!("値 {value} は使えません（使える値：{allowed}）")
    } else if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        format!("値の型が違います（{} ではなく {} が必要です）", type_ja(found), type_ja(expected))
    } else if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        format!("値 {found} は使えません（{expected} が必要です）")
    } else if let Some(rest) = msg.strip_prefix("duplicate field ") {
        format!("項目 {} が二度あります", quoted(rest))
    } else if msg.starts_with("EOF while parsing") {
        "ファイルが途中で終わっています".into()
    } else if msg.starts_with("trailing characters") {
        "JSON の後に余分な文字があります".into()
    } else {
        format!("JSON の書式が正しくありません（{msg}）")
    }
}

/// serde's names of JSON value kinds (`string "2023"`, `a sequence`, `u32`) in plain Japanese.
fn type_ja(s: &str) -> String {
    let s = s.trim_start_matches("a ").trim_start_matches("an ");
    let kinds: [(&[&str], &str); 7] = [
        (&["string", "char"], "文字列"),
        (&["integer", "u8", "u16", "u32", "u64", "i32", "i64", "usize"], "整数"),
        (&["floating", "f32", "f64"], "数値"),
        (&["boolean", "bool"], "真偽値"),
        (&["null", "unit"], "null"),
        (&["sequence", "tuple", "array"], "配列"),
        (&["map", "struct"], "オブジェクト"),
    ];
    let first = s.split([' ', ':']).next().unwrap_or(s);
    kinds
        .iter()
        .find(|(names, _)| names.contains(&first))
        .map_or_else(|| s.to_string(), |(_, ja)| ja.to_string())
}

/// The JSON path (`kpis[3].series[1].value`, `report`; `.` for the top level) of what was being
/// read where serde_json stopped (`line` from 1, `column` the bytes before it on that line): the
/// key or index of every object and array still open there. A value just read or refused at its
/// first byte, or whose end found a field missing, is named by its own key. The text has parsed
/// as JSON once already (`VersionOnly`).
fn path_at(json: &str, line: usize, column: usize) -> String {
    let bytes = json.as_bytes();
    let line_start = if line <= 1 {
        0
    } else {
        bytes.iter().enumerate().filter(|(_, &b)| b == b'\n').nth(line - 2).map_or(bytes.len(), |(i, _)| i + 1)
    };
    let end = (line_start + column).min(bytes.len());
    enum Segment {
        Key(String),
        Index(usize),
    }
    // Each open container with the key or index last reached in it (`None`: none yet).
    let mut stack: Vec<(bool, Option<Segment>)> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => stack.push((true, None)),
            b'[' => stack.push((false, Some(Segment::Index(0)))),
            // Back in the parent, on the key or index the container was read for.
            b'}' | b']' => {
                stack.pop();
            }
            b',' => {
                if let Some((false, Some(Segment::Index(n)))) = stack.last_mut() {
                    *n += 1;
                }
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let text = json.get(start..j.min(bytes.len())).unwrap_or("");
                // A string in an object followed by a colon is a key (a variant name refused
                // before its colon names no field).
                let mut k = j + 1;
                while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                    k += 1;
                }
                if let Some((true, key)) = stack.last_mut() {
                    if k < end && bytes[k] == b':' {
                        *key = Some(Segment::Key(text.replace("\\\"", "\"")));
                    }
                }
                i = j;
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for (_, segment) in &stack {
        match segment {
            Some(Segment::Key(k)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Some(Segment::Index(n)) => path.push_str(&format!("[{n}]")),
            None => {}
        }
    }
    if path.is_empty() {
        ".".into()
    } else {
        path
    }
}

/// The first field read: everything else waits until the version is known to be readable.
#[derive(Deserialize)]
struct VersionOnly {
    schema_version: Option<serde_json::Value>,
}

impl Report {
    /// Parses and checks a report. Accepts any schema version with the same major number.
    pub fn from_json(json: &str) -> Result<Report, LoadError> {
        if json.len() > MAX_REPORT_BYTES {
            return Err(LoadError::TooLarge { bytes: json.len() });
        }
        let json = json.trim_start_matches('\u{feff}');
        let head: VersionOnly = serde_json::from_str(json).map_err(|e| LoadError::Syntax {
            line: e.line(),
            column: e.column(),
            message: message_ja(&e),
        })?;
        let version = match head.schema_version {
            Some(serde_json::Value::String(v)) => v,
            Some(other) => return Err(LoadError::Version { found: Some(other.to_string()) }),
            None => return Err(LoadError::Version { found: None }),
        };
        if major(&version) != major(SCHEMA_VERSION) {
            return Err(LoadError::Version { found: Some(version) });
        }
        let report: Report = serde_json::from_str(json).map_err(|e| LoadError::Shape {
            // A refused first byte (a peek, reported as syntax) is counted one column further.
            path: path_at(json, e.line(), e.column() - usize::from(e.is_syntax() && e.column() > 0)),
            line: e.line(),
            column: e.column(),
            message: message_ja(&e),
        })?;
        report.check()?;
        Ok(report)
    }

    /// Referential integrity: unique ids, every reference resolves, and the hierarchy agrees
    /// with itself (an initiative's pillar is its section's pillar), so no two views disagree.
    pub fn check(&self) -> Result<(), LoadError> {
        let bad = |path: String, message: String| Err(LoadError::Integrity { path, message });
        let pillars: HashSet<&str> = self.pillars.iter().map(|p| p.id.as_str()).collect();
        let sections: HashMap<&str, &str> = self.sections.iter().map(|s| (s.id.as_str(), s.pillar.as_str())).collect();
        let subsections: HashMap<&str, &str> = self.subsections.iter().map(|s| (s.id.as_str(), s.section.as_str())).collect();
        let initiatives: HashMap<&str, &crate::model::Initiative> = self.initiatives.iter().map(|i| (i.id.as_str(), i)).collect();
        let kpis: HashMap<&str, &str> = self.kpis.iter().map(|k| (k.id.as_str(), k.initiative.as_str())).collect();
        for (name, ids) in [
            ("pillars", self.pillars.iter().map(|p| p.id.as_str()).collect::<Vec<_>>()),
            ("sections", self.sections.iter().map(|s| s.id.as_str()).collect()),
            ("subsections", self.subsections.iter().map(|s| s.id.as_str()).collect()),
            ("initiatives", self.initiatives.iter().map(|i| i.id.as_str()).collect()),
            ("kpis", self.kpis.iter().map(|k| k.id.as_str()).collect()),
        ] {
            let mut seen = HashSet::new();
            if let Some(i) = ids.iter().position(|id| !seen.insert(*id)) {
                return bad(format!("{name}[{i}].id"), format!("id {} が重複しています", ids[i]));
            }
        }
        for (i, s) in self.sections.iter().enumerate() {
            if !pillars.contains(s.pillar.as_str()) {
                return bad(format!("sections[{i}].pillar"), format!("柱 {} がありません", s.pillar));
            }
        }
        for (i, s) in self.subsections.iter().enumerate() {
            match sections.get(s.section.as_str()) {
                None => return bad(format!("subsections[{i}].section"), format!("項目 {} がありません", s.section)),
                Some(&p) if p != s.pillar => {
                    return bad(format!("subsections[{i}].pillar"), format!("柱 {} は項目 {} の柱 {p} と違います", s.pillar, s.section))
                }
                Some(_) => {}
            }
        }
        for (i, ini) in self.initiatives.iter().enumerate() {
            let Some(&section) = subsections.get(ini.subsection.as_str()) else {
                return bad(format!("initiatives[{i}].subsection"), format!("小項目 {} がありません", ini.subsection));
            };
            if ini.section != section {
                return bad(format!("initiatives[{i}].section"), format!("項目 {} は小項目 {} の項目 {section} と違います", ini.section, ini.subsection));
            }
            let pillar = sections.get(section).copied().unwrap_or_default();
            if ini.pillar != pillar {
                return bad(format!("initiatives[{i}].pillar"), format!("柱 {} は項目 {section} の柱 {pillar} と違います", ini.pillar));
            }
            for (field, target) in [("relisted_from", &ini.relisted_from), ("same_as", &ini.same_as)] {
                if let Some(from) = target {
                    if !initiatives.contains_key(from.as_str()) || from == &ini.id {
                        return bad(format!("initiatives[{i}].{field}"), format!("同じ取組として示す {from} がありません"));
                    }
                }
            }
            // The pairing of departments and divisions names only those of the row.
            for (j, o) in ini.organisations.iter().enumerate() {
                if let Some(d) = o.department.as_ref().filter(|d| !ini.departments.contains(d)) {
                    return bad(format!("initiatives[{i}].organisations[{j}].department"), format!("部局 {d} はこの取組の departments にありません"));
                }
                if let Some((k, d)) = o.divisions.iter().enumerate().find(|(_, d)| !ini.divisions.contains(d)) {
                    return bad(format!("initiatives[{i}].organisations[{j}].divisions[{k}]"), format!("担当課 {d} はこの取組の divisions にありません"));
                }
            }
            // One line for each text item: a line without its item would cite the wrong text.
            if let Some(lines) = &ini.text_lines {
                for (field, items, lines) in ini.text_cells(lines) {
                    if items.len() != lines.len() {
                        return bad(format!("initiatives[{i}].text_lines.{field}"), format!("行番号が {} 個ありますが、{field} の項目は {} 個です", lines.len(), items.len()));
                    }
                    if let Some((j, _)) = lines.iter().enumerate().find(|(_, &l)| l == 0) {
                        return bad(format!("initiatives[{i}].text_lines.{field}[{j}]"), "行番号は 1 から数えます".to_string());
                    }
                }
            }
            for (j, k) in ini.kpis.iter().enumerate() {
                match kpis.get(k.as_str()) {
                    None => return bad(format!("initiatives[{i}].kpis[{j}]"), format!("KPI {k} がありません")),
                    // A repeat (【再掲】 copy or unmarked repeat) shows its original's KPIs.
                    Some(&owner) if owner != ini.id && ini.relisted_from.as_deref() != Some(owner) && ini.same_as.as_deref() != Some(owner) => {
                        return bad(format!("initiatives[{i}].kpis[{j}]"), format!("KPI {k} は取組 {owner} のものです"))
                    }
                    Some(_) => {}
                }
            }
        }
        // What the overrides supplied is named by id: each must be in the report.
        if let Some(o) = &self.report.overrides {
            if let Some((j, id)) = o.kpis.iter().enumerate().find(|(_, id)| !kpis.contains_key(id.as_str())) {
                return bad(format!("report.overrides.kpis[{j}]"), format!("KPI {id} がありません"));
            }
            if let Some((j, id)) = o.achieved_marks.iter().enumerate().find(|(_, id)| !initiatives.contains_key(id.as_str())) {
                return bad(format!("report.overrides.achieved_marks[{j}]"), format!("取組 {id} がありません"));
            }
        }
        for (i, k) in self.kpis.iter().enumerate() {
            let Some(owner) = initiatives.get(k.initiative.as_str()) else {
                return bad(format!("kpis[{i}].initiative"), format!("取組 {} がありません", k.initiative));
            };
            if !owner.kpis.contains(&k.id) {
                return bad(format!("kpis[{i}].initiative"), format!("取組 {} の kpis に {} がありません", k.initiative, k.id));
            }
            if let Some(j) = k.series.iter().position(|p| !p.value.is_finite()) {
                return bad(format!("kpis[{i}].series[{j}].value"), "数値ではありません".into());
            }
            for (j, p) in k.series.iter().enumerate() {
                if let Some(other) = &p.alternative {
                    if !kpis.contains_key(other.as_str()) || other == &k.id {
                        return bad(format!("kpis[{i}].series[{j}].alternative"), format!("「又は」で結ばれた KPI {other} がありません"));
                    }
                }
            }
        }
        // Page spans tell the page of a line: in order, inside the text, not overlapping.
        let source = &self.report.source;
        let mut after = 0;
        for (i, span) in source.page_spans.iter().enumerate() {
            if span.first_line <= after || span.last_line < span.first_line || span.last_line > source.lines {
                return bad(
                    format!("report.source.page_spans[{i}]"),
                    format!("行 {}〜{} は前のページと重なるか、出典の {} 行を越えています", span.first_line, span.last_line, source.lines),
                );
            }
            after = span.last_line;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMPTY: &str = r#"{"schema_version":"VERSION","report":{"title":"t","fiscal_year":2023,"label":"令和5年度","source":{"name":"a","sha256":"b","lines":1},"pages":{"first":1,"last":1},"overrides":null,"coverage":{"pages_present":[],"missing_pages":[],"missing_numbers":{}}},"pillars":[],"sections":[],"subsections":[],"initiatives":[],"kpis":[]}"#;

    fn with_version(v: &str) -> String {
        EMPTY.replace("VERSION", v)
    }

    #[test]
    fn syntax_errors_carry_a_position_once() {
        let e = Report::from_json("{\n  \"schema_version\": \"1\",").unwrap_err();
        assert!(matches!(e, LoadError::Syntax { line: 2, .. }), "{e:?}");
        assert_eq!(e.to_string().matches("行").count(), 1, "{e}");
        assert!(!e.to_string().contains("at line"), "{e}");
    }

    #[test]
    fn the_version_is_named_before_anything_else() {
        // A newer file with a field this build does not know and one it lacks.
        let newer = with_version("9.0.0").replace("\"kpis\":[]", "\"metrics\":[]");
        let e = Report::from_json(&newer).unwrap_err();
        assert_eq!(e, LoadError::Version { found: Some("9.0.0".into()) });
        let readable = format!("{}.x", major(SCHEMA_VERSION));
        assert_eq!(e.to_string(), format!("このファイルの形式は 9.0.0 です。このアプリが読めるのは {readable} です"));
        let none = with_version("x").replace("\"schema_version\":\"x\",", "");
        assert_eq!(Report::from_json(&none), Err(LoadError::Version { found: None }));
        let number = with_version("x").replace("\"x\"", "2");
        assert_eq!(Report::from_json(&number), Err(LoadError::Version { found: Some("2".into()) }));
    }

    #[test]
    fn same_major_versions_are_read() {
        let minor = format!("{}.9.1", major(SCHEMA_VERSION));
        assert!(Report::from_json(&with_version(&minor)).is_ok());
    }

    #[test]
    fn shape_errors_give_the_json_path_in_japanese() {
        let json = with_version(SCHEMA_VERSION).replace("\"fiscal_year\":2023", "\"fiscal_year\":\"2023\"");
        let e = Report::from_json(&json).unwrap_err();
        let LoadError::Shape { path, message, line, .. } = &e else { panic!("{e:?}") };
        assert_eq!(path, "report.fiscal_year");
        assert_eq!(*line, 1);
        assert!(message.contains("文字列") && message.contains("整数"), "{message}");
        let missing = with_version(SCHEMA_VERSION).replace("\"label\":\"令和5年度\",", "");
        let e = Report::from_json(&missing).unwrap_err();
        assert!(e.to_string().starts_with("report（1行"), "{e}");
        assert!(e.to_string().contains("必須の項目 label がありません"), "{e}");
    }

    #[test]
    fn oversized_files_are_refused_before_parsing() {
        let big = " ".repeat(MAX_REPORT_BYTES + 1);
        let e = Report::from_json(&big).unwrap_err();
        assert!(matches!(e, LoadError::TooLarge { .. }));
        assert!(e.to_string().contains("32 MB"), "{e}");
    }

    #[test]
    fn overlapping_page_spans_are_named() {
        let spans = r#""lines":9,"page_spans":[{"page":1,"first_line":1,"last_line":5},{"page":2,"first_line":5,"last_line":9}]"#;
        let json = with_version(SCHEMA_VERSION).replace(r#""lines":1"#, spans);
        let e = Report::from_json(&json).unwrap_err();
        assert!(matches!(&e, LoadError::Integrity { path, .. } if path == "report.source.page_spans[1]"), "{e}");
        let fixed = json.replace(r#""first_line":5,"last_line":9"#, r#""first_line":6,"last_line":9"#);
        assert!(Report::from_json(&fixed).is_ok());
    }

    #[test]
    fn dangling_references_are_named() {
        let json = with_version(SCHEMA_VERSION).replace("\"sections\":[]", r#""sections":[{"id":"I-1","pillar":"I","number":1,"title":"x"}]"#);
        let e = Report::from_json(&json).unwrap_err();
        assert_eq!(e, LoadError::Integrity { path: "sections[0].pillar".into(), message: "柱 I がありません".into() });
    }
}
