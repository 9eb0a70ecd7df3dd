//! The executive overview: totals per pillar, ratings, KPIs, and what the figures cover.
//!
//! Each initiative counts once: a 【再掲】 copy and an unmarked repeat (`same_as`) are rows of the
//! report but not more initiatives.

use crate::model::{PageRange, Rating, Report};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counts {
    /// Initiatives, each counted once (repeats left out).
    pub initiatives: usize,
    /// Every printed row, repeats included.
    pub rows: usize,
    /// Relisted copies (【再掲】) among the rows.
    pub relisted: usize,
    /// Rows printed again in another subsection without 【再掲】 (`same_as`).
    pub repeated: usize,
    /// All-agency (全庁) initiatives, each counted once.
    pub zencho: usize,
    /// Subsections rated ○ (on track).
    pub on_track: usize,
    /// Subsections rated △ (delayed).
    pub delayed: usize,
    /// Subsections without a rating.
    pub unrated: usize,
    pub kpis: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PillarOverview {
    pub id: String,
    /// [`crate::model::Pillar::label`].
    pub label: String,
    pub counts: Counts,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    pub total: Counts,
    pub data_points: usize,
    pub pillars: Vec<PillarOverview>,
    pub pages: PageRange,
    /// What the figures cover, in plain Japanese (for the overview and the help page).
    pub coverage_ja: String,
}

fn counts(report: &Report, pillar: Option<&str>) -> Counts {
    let in_pillar = |p: &str| pillar.is_none_or(|want| want == p);
    let mut c = Counts::default();
    for i in report.initiatives.iter().filter(|i| in_pillar(&i.pillar)) {
        c.rows += 1;
        c.relisted += usize::from(i.relisted);
        c.repeated += usize::from(!i.relisted && i.same_as.is_some());
        if !i.is_repeat() {
            c.initiatives += 1;
            c.zencho += usize::from(i.zencho);
        }
    }
    for s in report.subsections.iter().filter(|s| in_pillar(&s.pillar)) {
        match s.rating {
            Some(Rating::OnTrack) => c.on_track += 1,
            Some(Rating::Delayed) => c.delayed += 1,
            None => c.unrated += 1,
        }
    }
    c.kpis = report
        .kpis
        .iter()
        .filter(|k| report.initiative(&k.initiative).is_some_and(|i| in_pillar(&i.pillar)))
        .count();
    c
}

/// `Ⅰ-3-(2)` for `I-3-2`.
pub(crate) fn printed_subsection(report: &Report, id: &str) -> String {
    match report.subsection(id) {
        Some(s) => {
            let numeral = report.pillar(&s.pillar).map_or(s.pillar.as_str(), |p| p.numeral.as_str());
            let section = report.section(&s.section).map_or(0, |x| x.number);
            format!("{numeral}-{section}-({})", s.number)
        }
        None => id.to_string(),
    }
}

fn list(numbers: &[u32]) -> String {
    numbers.iter().map(u32::to_string).collect::<Vec<_>>().join("、")
}

/// What the figures cover, in plain Japanese: the source text is an extract of the report.
pub fn coverage_ja(report: &Report) -> String {
    let c = &report.report.coverage;
    let total = counts(report, None);
    let mut out = format!(
        "この集計は、報告書から抽出したテキストに含まれる取組だけを対象としています（取組{}件。掲載{}行のうち、再掲{}行と同じ内容の重複{}行は1件として数えています）。",
        total.initiatives, total.rows, total.relisted, total.repeated
    );
    if !c.missing_pages.is_empty() {
        out.push_str(&format!("印刷ページの{}ページはテキストに含まれていません。", list(&c.missing_pages)));
    }
    if !c.missing_numbers.is_empty() {
        let gaps: Vec<String> =
            c.missing_numbers.iter().map(|(sub, n)| format!("{}の{}", printed_subsection(report, sub), list(n))).collect();
        out.push_str(&format!("次の取組番号はテキストにありません：{}。", gaps.join("、")));
    }
    out
}

/// A △ subsection as the overview names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelayedSubsection {
    pub id: String,
    /// `Ⅱ-3-(2)`.
    pub printed: String,
    pub title: String,
    /// Departments of its initiatives (each once, in plan order).
    pub departments: Vec<String>,
    /// The first sentence of its summary, up to and including `。`.
    pub first_sentence: String,
    /// Its initiatives, each counted once.
    pub initiatives: usize,
    /// When every row is an unmarked repeat of another subsection's rows: that subsection, printed.
    pub repeats: Option<String>,
}

/// The first sentence of a paragraph, up to and including its `。`.
fn first_sentence(text: &str) -> String {
    match text.find('。') {
        Some(end) => text[..end + '。'.len_utf8()].to_string(),
        None => text.to_string(),
    }
}

/// The subsections rated △, in plan order, with who owns them and why (the summary's first
/// sentence). A subsection printed again (【再掲】) is named once.
pub fn delayed_subsections(report: &Report) -> Vec<DelayedSubsection> {
    report
        .subsections
        .iter()
        .filter(|s| s.rating == Some(Rating::Delayed) && !s.relisted)
        .map(|s| {
            let mut departments: Vec<String> = Vec::new();
            let mut initiatives = 0;
            for i in report.initiatives.iter().filter(|i| i.subsection == s.id) {
                initiatives += usize::from(!i.is_repeat());
                for d in &i.departments {
                    if !departments.contains(d) {
                        departments.push(d.clone());
                    }
                }
            }
            let originals: Vec<&str> = report
                .initiatives
                .iter()
                .filter(|i| i.subsection == s.id)
                .map(|i| i.same_as.as_deref().and_then(|o| report.initiative(o)).map_or("", |o| o.subsection.as_str()))
                .collect();
            let repeats = match originals.first() {
                Some(&first) if !first.is_empty() && originals.iter().all(|&o| o == first) => Some(printed_subsection(report, first)),
                _ => None,
            };
            DelayedSubsection {
                repeats,
                id: s.id.clone(),
                printed: printed_subsection(report, &s.id),
                title: s.title.clone(),
                departments,
                first_sentence: s.summary.first().map(|p| first_sentence(p)).unwrap_or_default(),
                initiatives,
            }
        })
        .collect()
}

pub fn overview(report: &Report) -> Overview {
    Overview {
        total: counts(report, None),
        data_points: report.kpis.iter().map(|k| k.series.len()).sum(),
        pillars: report
            .pillars
            .iter()
            .map(|p| PillarOverview {
                id: p.id.clone(),
                label: p.label(),
                counts: counts(report, Some(&p.id)),
            })
            .collect(),
        pages: report.report.pages,
        coverage_ja: coverage_ja(report),
    }
}
