//! The report as data: the types behind `data/initiatives.json`.
//!
//! The normalizer writes these types and the app reads them, so a change here is a
//! change of the published schema: bump [`SCHEMA_VERSION`] and update `data/SCHEMA.md`
//! and `data/initiatives.schema.json` in the same commit.

use serde::{Deserialize, Serialize};

/// Version of the JSON layout. Readers accept any `2.x.y` (additive changes only).
/// 2.0.0: target qualifiers and actual status on KPI points, paired organisations,
/// `same_as` for unmarked repeats, and the coverage of the source text.
/// 2.1.0: `report.source.page_spans`, where each printed page sits in the source text.
/// 2.2.0: `plan` points and `derived` figures.
/// 2.3.0: an initiative's `key` across editions and `carried_over_from`.
pub const SCHEMA_VERSION: &str = "2.4.0";

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
    #[serde(deserialize_with = "present")]
    pub overrides: Option<OverridesInfo>,
    /// What part of the printed report the source text holds.
    pub coverage: Coverage,
}

/// The source text is an extract: pages and row numbers can be absent. Every count in the
/// dashboard covers only what is present, and says so.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Coverage {
    /// Printed page numbers found in the text, ascending.
    pub pages_present: Vec<u32>,
    /// Printed page numbers between the first and the last present that are absent.
    pub missing_pages: Vec<u32>,
    /// Per subsection id, the row numbers below its highest printed number that are absent.
    /// Only subsections with gaps are listed.
    pub missing_numbers: std::collections::BTreeMap<String, Vec<u32>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceFile {
    pub name: String,
    pub sha256: String,
    pub lines: u32,
    /// The text page by page, in file order: a page printed twice appears twice, and a page
    /// whose header was lost has `page: None`. Tells the printed page of any line.
    #[serde(default)]
    pub page_spans: Vec<Occurrence>,
}

impl SourceFile {
    /// The printed page number of a 1-based line, where its page header survives.
    pub fn page_of(&self, line: u32) -> Option<u32> {
        self.page_spans.iter().find(|s| (s.first_line..=s.last_line).contains(&line)).and_then(|s| s.page)
    }
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

keyed! {
    /// A subsection's 進捗状況. The key is its value in the JSON and in URLs (`on_track`,
    /// `delayed`); the label is plain wording, as the report prints the symbol without a legend.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Rating {
        /// ○ in the report.
        OnTrack => "on_track", "順調";
        /// △ in the report.
        Delayed => "delayed", "遅れ・課題あり";
    }
}

impl Rating {
    pub fn mark(self) -> &'static str {
        match self {
            Rating::OnTrack => "○",
            Rating::Delayed => "△",
        }
    }

    /// `○ 順調`: the mark and the words, so colour or a symbol is never the only cue.
    pub fn display_ja(self) -> String {
        format!("{} {}", self.mark(), self.label_ja())
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
    #[serde(deserialize_with = "present")]
    pub rating: Option<Rating>,
    #[serde(deserialize_with = "present")]
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
    #[serde(deserialize_with = "present")]
    pub page: Option<u32>,
    pub first_line: u32,
    pub last_line: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Initiative {
    /// `II-2-2-5` = pillar-section-subsection-number.
    pub id: String,
    /// Names the initiative across editions, whatever its number or subsection: carried over from
    /// the previous edition where the row was matched, else made from its title (`data/SCHEMA.md`).
    /// The printings of one row (【再掲】 copies, `same_as` repeats) share it. Optional: a 2.2 file
    /// has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The row's id in the previous edition, where the normalizer was given that edition and
    /// matched the row (`normalize --previous`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_over_from: Option<String>,
    pub pillar: String,
    pub section: String,
    pub subsection: String,
    pub number: u32,
    pub title: String,
    /// For a 【再掲】 row: the original title printed in brackets after the marker.
    #[serde(deserialize_with = "present")]
    pub original_title: Option<String>,
    /// 部局等 as printed, in order (kept for readers of schema 1).
    pub departments: Vec<String>,
    /// 担当課 as printed, in order (kept for readers of schema 1).
    pub divisions: Vec<String>,
    /// Each department with the divisions that belong to it; divisions whose department is
    /// not known sit in one entry with `department: None`, listed last.
    pub organisations: Vec<Organisation>,
    /// The all-agency mark (全庁 ○).
    pub zencho: bool,
    pub relisted: bool,
    #[serde(deserialize_with = "present")]
    pub relisted_from: Option<String>,
    /// Printed again, word for word, in another subsection without 【再掲】: the id of the first
    /// printing (plan order). Counted once, under the first.
    #[serde(deserialize_with = "present")]
    pub same_as: Option<String>,
    pub content: Vec<String>,
    pub targets: Vec<String>,
    pub status: Vec<String>,
    pub challenges: Vec<String>,
    pub next_year: Vec<String>,
    /// Marks such as `令和3年度達成済`.
    pub achieved_marks: Vec<String>,
    pub kpis: Vec<String>,
    pub source: Vec<Occurrence>,
    /// The source line each text item begins on, cell by cell, in the items' order. Optional: a
    /// file before 2.4.0 has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_lines: Option<TextLines>,
}

/// The source line (1-based) each text item of a row begins on: `content[0]` is the line of the
/// row's first `content` item, and so on; as many lines as items in each cell. An achieved mark's
/// line is that of the page-foot mark the overrides gave the row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextLines {
    pub content: Vec<u32>,
    pub targets: Vec<u32>,
    pub status: Vec<u32>,
    pub challenges: Vec<u32>,
    pub next_year: Vec<u32>,
    pub achieved_marks: Vec<u32>,
}

/// The name under which views list divisions whose department is not known.
pub const UNPAIRED_DIVISIONS: &str = "所属不明";

/// A department (部局等) and the divisions (担当課) of a row that belong to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// `None` for divisions whose department the report does not tell (所属不明).
    #[serde(deserialize_with = "present")]
    pub department: Option<String>,
    pub divisions: Vec<String>,
}

impl Initiative {
    /// Each text cell with its field name, its items and the lines `lines` gives them, in the
    /// order of the fields.
    pub fn text_cells<'a>(&'a self, lines: &'a TextLines) -> [(&'static str, &'a [String], &'a [u32]); 6] {
        [
            ("content", &self.content, &lines.content),
            ("targets", &self.targets, &lines.targets),
            ("status", &self.status, &lines.status),
            ("challenges", &self.challenges, &lines.challenges),
            ("next_year", &self.next_year, &lines.next_year),
            ("achieved_marks", &self.achieved_marks, &lines.achieved_marks),
        ]
    }

    /// The divisions of `department` in this row, by the pairing in `organisations`.
    pub fn divisions_of(&self, department: &str) -> &[String] {
        self.organisations.iter().find(|o| o.department.as_deref() == Some(department)).map_or(&[], |o| &o.divisions)
    }

    /// Divisions of this row whose department is not known.
    pub fn unpaired_divisions(&self) -> &[String] {
        self.organisations.iter().find(|o| o.department.is_none()).map_or(&[], |o| &o.divisions)
    }

    /// The row is counted elsewhere: a 【再掲】 copy or an unmarked repeat (`same_as`).
    pub fn is_repeat(&self) -> bool {
        self.relisted || self.same_as.is_some()
    }

    /// The row whose figures this one shows: its original when it repeats one (【再掲】 or an
    /// unmarked repeat), else none.
    pub fn original(&self) -> Option<&str> {
        self.relisted_from.as_deref().or(self.same_as.as_deref())
    }

    /// Does the row name `division`, under `department` when given? `UNPAIRED_DIVISIONS`
    /// stands for any division whose department is not known.
    pub fn has_division(&self, department: Option<&str>, division: &str) -> bool {
        if let Some(d) = department {
            if !self.departments.iter().any(|x| x == d) {
                return false;
            }
        }
        match (division == UNPAIRED_DIVISIONS, department) {
            (true, _) => !self.unpaired_divisions().is_empty(),
            (false, Some(d)) => self.divisions_of(d).iter().any(|x| x == division),
            (false, None) => self.divisions.iter().any(|x| x == division),
        }
    }

    /// Every `division` for which [`Initiative::has_division`] holds under `department`: the
    /// divisions named under it (all when none is given), and `UNPAIRED_DIVISIONS` when some
    /// division's department is not known. What the division facet counts this row towards.
    pub fn division_options(&self, department: Option<&str>) -> Vec<&str> {
        if department.is_some_and(|d| !self.departments.iter().any(|x| x == d)) {
            return Vec::new();
        }
        let named = match department {
            Some(d) => self.divisions_of(d),
            None => &self.divisions,
        };
        let mut options: Vec<&str> = named.iter().map(String::as_str).collect();
        if !self.unpaired_divisions().is_empty() {
            options.push(UNPAIRED_DIVISIONS);
        }
        options
    }
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
    /// A budget or plan figure (`【実績】（R6当初予算）`): this year's work for a later year, not
    /// a result; never judged against a target.
    Plan,
}

impl PointKind {
    /// `目標`, `実績`, `予算・計画`: how a figure's kind reads in every table and export.
    pub fn label_ja(self) -> &'static str {
        match self {
            PointKind::Target => "目標",
            PointKind::Actual => "実績",
            PointKind::Plan => "予算・計画",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KpiOrigin {
    #[default]
    Extracted,
    Override,
    /// Points only: computed from a printed change (`37所属（対前年度+10所属）` gives 27所属 for
    /// the year before). Its `line` and `text` are those of the change.
    Derived,
}

/// How a target compares, as printed after (or before) its figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// 以上 (≥).
    AtLeast,
    /// 以下 (≤).
    AtMost,
    /// 未満 (<).
    Below,
    /// 超 (>).
    Above,
    /// 程度, 概ね (about).
    About,
    /// Printed as an exact figure with a word that says so (not used for bare figures).
    Equal,
}

/// What a target is measured on, when it is not one year's figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    /// 毎年度: every year of the span must meet it.
    EachYear,
    /// ○ヵ年平均: the mean of the span's yearly actuals.
    Average,
    /// A total over the span (`（令和3年度～令和7年度）` before a count).
    Total,
}

/// How final an actual is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActualStatus {
    #[default]
    Final,
    /// （見込）.
    Estimate,
    /// （速報値）.
    Preliminary,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpi {
    /// `II-2-2-5-k1`.
    pub id: String,
    pub initiative: String,
    pub label: String,
    pub unit: String,
    /// Which way is better; `None` where the report sets no direction.
    #[serde(deserialize_with = "present")]
    pub direction: Option<Direction>,
    pub series: Vec<KpiPoint>,
    pub origin: KpiOrigin,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiPoint {
    /// The period as printed (`R5`, `R5.4`, `H27`, `令和5年度`); `None` for a target without a year.
    #[serde(deserialize_with = "present")]
    pub period: Option<String>,
    #[serde(deserialize_with = "present")]
    pub fiscal_year: Option<i32>,
    pub value: f64,
    pub kind: PointKind,
    /// 1-based source line of the figure.
    pub line: u32,
    /// The figure as printed, for checking against the source.
    pub text: String,
    /// Targets: how the actual must compare (`以上` → `at_least`); `None` where nothing is printed.
    #[serde(deserialize_with = "present")]
    pub comparator: Option<Comparator>,
    /// Targets: the upper bound of a range (`40％以上60%以下` → value 40, upper 60).
    #[serde(deserialize_with = "present")]
    pub upper: Option<f64>,
    /// Targets: measured every year, as an average or as a total over `span`.
    #[serde(deserialize_with = "present")]
    pub aggregate: Option<Aggregate>,
    /// Targets: the fiscal years the target covers, `[from, to]`; either end is `None` when not printed
    /// (`毎年度（令和6年度まで）` → `[None, 2024]`).
    #[serde(deserialize_with = "present")]
    pub span: Option<[Option<i32>; 2]>,
    /// Targets: the id of the KPI whose target of the same fiscal year is the other branch of an
    /// 「…又は…」 target; the target is met when either branch is met.
    #[serde(deserialize_with = "present")]
    pub alternative: Option<String>,
    /// Actuals: `final`, `estimate` (見込) or `preliminary` (速報値); `None` for targets.
    #[serde(deserialize_with = "present")]
    pub status: Option<ActualStatus>,
    /// Where the point comes from: the parser, or a reviewed override.
    pub origin: KpiOrigin,
}

impl KpiPoint {
    /// `目標`, `実績`, `予算・計画`, or `実績（対前年度の増減から算出）` for a derived figure.
    pub fn kind_ja(&self) -> String {
        match self.origin {
            KpiOrigin::Derived => format!("{}（対前年度の増減から算出）", self.kind.label_ja()),
            _ => self.kind.label_ja().to_string(),
        }
    }

    /// A point with no qualifier: a parsed actual (status final) or a bare target.
    pub fn new(kind: PointKind, period: Option<String>, fiscal_year: Option<i32>, value: f64, line: u32, text: String) -> KpiPoint {
        KpiPoint {
            period,
            fiscal_year,
            value,
            kind,
            line,
            text,
            comparator: None,
            upper: None,
            aggregate: None,
            span: None,
            alternative: None,
            status: (kind == PointKind::Actual).then_some(ActualStatus::Final),
            origin: KpiOrigin::Extracted,
        }
    }
}

/// An `Option` field that must be present, `null` or not: serde would read a missing `Option`
/// as `None`, so a file without the field would load although the published schema refuses it.
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d)
}

impl Pillar {
    /// `Ⅱ 行政のデジタル改革と働き方改革`: its numeral and title, as every list names it.
    pub fn label(&self) -> String {
        format!("{} {}", self.numeral, self.title)
    }
}

impl Report {
    /// The report as `data/initiatives.json` holds it: pretty-printed for review, with a final
    /// line end. The normalizer writes it so and the dashboard offers it so.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("a report always serialises: every key is a string");
        json.push('\n');
        json
    }

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

    /// The other printings of the row `id` that are no 【再掲】 link: the same row printed again
    /// without the mark (`same_as`), for the detail's "also printed in …".
    pub fn unmarked_repeats(&self, id: &str) -> Vec<&Initiative> {
        let Some(ini) = self.initiative(id) else { return Vec::new() };
        self.printings(id)
            .into_iter()
            .filter(|p| p.id != ini.id && !p.relisted && ini.relisted_from.as_deref() != Some(p.id.as_str()) && (p.same_as.is_some() || ini.same_as.is_some()))
            .collect()
    }

    /// Every printing of the row `id`: the original first, then its 【再掲】 copies and unmarked
    /// repeats (`same_as`), in plan order. For "also printed in …".
    pub fn printings(&self, id: &str) -> Vec<&Initiative> {
        let Some(ini) = self.initiative(id) else { return Vec::new() };
        let original = ini.same_as.as_deref().or(ini.relisted_from.as_deref()).unwrap_or(&ini.id);
        let mut out: Vec<&Initiative> = self.initiative(original).into_iter().collect();
        out.extend(self.initiatives.iter().filter(|i| i.id != original && (i.same_as.as_deref() == Some(original) || i.relisted_from.as_deref() == Some(original))));
        out
    }
}
