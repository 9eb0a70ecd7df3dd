//! The report as data: the types behind `data/initiatives.json`.
//!
//! The normalizer writes these types and the app reads them, so a change here is a
//! change of the published schema: bump [`SCHEMA_VERSION`] and update `data/SCHEMA.md`
//! and `data/initiatives.schema.json` in the same commit.

use serde::{Deserialize, Serialize};

/// Version of the JSON layout. Readers accept any `1.x.y` (additive changes only).
pub const SCHEMA_VERSION: &str = "1.0.0";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema_version: String,
    pub report: ReportMeta,
    pub pillars: Vec<Pillar>,
    pub sections: Vec<Section>,
    pub subsections: Vec<Subsection>,
    pub initiatives: Vec<Initiative>,
    pub kpis: Vec<Kpi>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportMeta {
    pub title: String,
    /// Gregorian year in which the fiscal year starts (令和5年度 = 2023).
    pub fiscal_year: i32,
    /// The fiscal year as printed, e.g. `令和5年度`.
    pub label: String,
    pub source: SourceFile,
    /// Lowest and highest printed page number seen in the source.
    pub pages: PageRange,
    /// Provenance of every figure that did not come from automatic extraction.
    pub overrides: Option<OverridesInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceFile {
    pub name: String,
    pub sha256: String,
    pub lines: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRange {
    pub first: u32,
    pub last: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverridesInfo {
    pub name: String,
    pub kpis: Vec<String>,
    pub achieved_marks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pillar {
    /// `I`, `II`, `III`.
    pub id: String,
    /// `Ⅰ`, `Ⅱ`, `Ⅲ` as printed.
    pub numeral: String,
    pub number: u32,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// `II-2`.
    pub id: String,
    pub pillar: String,
    pub number: u32,
    pub title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// ○ in the report.
    OnTrack,
    /// △ in the report.
    Delayed,
}

impl Rating {
    pub fn mark(self) -> &'static str {
        match self {
            Rating::OnTrack => "○",
            Rating::Delayed => "△",
        }
    }

    /// Plain wording; the report prints the symbol without a legend.
    pub fn label_ja(self) -> &'static str {
        match self {
            Rating::OnTrack => "順調",
            Rating::Delayed => "遅れ・課題あり",
        }
    }

    /// The value used in the JSON and in URLs (`on_track`, `delayed`).
    pub fn key(self) -> &'static str {
        match self {
            Rating::OnTrack => "on_track",
            Rating::Delayed => "delayed",
        }
    }

    pub fn from_key(key: &str) -> Option<Rating> {
        [Rating::OnTrack, Rating::Delayed].into_iter().find(|r| r.key() == key)
    }

    pub fn from_mark(mark: char) -> Option<Rating> {
        match mark {
            '○' => Some(Rating::OnTrack),
            '△' => Some(Rating::Delayed),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subsection {
    /// `II-2-2`.
    pub id: String,
    pub section: String,
    pub pillar: String,
    pub number: u32,
    pub title: String,
    /// The subsection is printed again under another section (【再掲】).
    pub relisted: bool,
    pub rating: Option<Rating>,
    pub rating_mark: Option<String>,
    /// The summary paragraphs, in printed order.
    pub summary: Vec<String>,
    /// Printed page numbers on which the subsection appears.
    pub pages: Vec<u32>,
    pub source: Vec<LineSpan>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineSpan {
    pub first_line: u32,
    pub last_line: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Occurrence {
    /// Printed page number, when the page header was extracted.
    pub page: Option<u32>,
    pub first_line: u32,
    pub last_line: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Initiative {
    /// `II-2-2-5` = pillar-section-subsection-number.
    pub id: String,
    pub pillar: String,
    pub section: String,
    pub subsection: String,
    pub number: u32,
    pub title: String,
    /// For a 【再掲】 row: the original title printed in brackets after the marker.
    pub original_title: Option<String>,
    pub departments: Vec<String>,
    pub divisions: Vec<String>,
    /// The all-agency mark (全庁 ○).
    pub zencho: bool,
    pub relisted: bool,
    pub relisted_from: Option<String>,
    pub content: Vec<String>,
    pub targets: Vec<String>,
    pub status: Vec<String>,
    pub challenges: Vec<String>,
    pub next_year: Vec<String>,
    /// Marks such as `令和3年度達成済`.
    pub achieved_marks: Vec<String>,
    pub kpis: Vec<String>,
    pub source: Vec<Occurrence>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Increase,
    Decrease,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PointKind {
    Target,
    Actual,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KpiOrigin {
    Extracted,
    Override,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpi {
    /// `II-2-2-5-k1`.
    pub id: String,
    pub initiative: String,
    pub label: String,
    pub unit: String,
    /// Which way is better; `None` where the report sets no direction.
    pub direction: Option<Direction>,
    pub series: Vec<KpiPoint>,
    pub origin: KpiOrigin,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiPoint {
    /// The period as printed (`R5`, `R5.4`, `H27`, `令和5年度`); `None` for a target without a year.
    pub period: Option<String>,
    pub fiscal_year: Option<i32>,
    pub value: f64,
    pub kind: PointKind,
    /// 1-based source line of the figure.
    pub line: u32,
    /// The figure as printed, for checking against the source.
    pub text: String,
}

impl Report {
    pub fn initiative(&self, id: &str) -> Option<&Initiative> {
        self.initiatives.iter().find(|i| i.id == id)
    }

    pub fn subsection(&self, id: &str) -> Option<&Subsection> {
        self.subsections.iter().find(|s| s.id == id)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    pub fn pillar(&self, id: &str) -> Option<&Pillar> {
        self.pillars.iter().find(|p| p.id == id)
    }

    pub fn kpi(&self, id: &str) -> Option<&Kpi> {
        self.kpis.iter().find(|k| k.id == id)
    }
}
