//! 「前年度からの変化」: the change list as the overview states it, first what got worse, every
//! item with where it leads (the newer edition's initiative or subsection) and its figures in
//! words.

use std::sync::Arc;

use super::changes::{Changes, Figure, Heading};
use super::matching::Matching;
use crate::model::{Rating, Report};
use crate::query::overview::printed_subsection;

/// Whether an item is a change for the worse, for the better, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Worse,
    Better,
    Neutral,
}

/// One line of a list: a subsection, an initiative or a KPI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeItem {
    /// The newer edition's initiative whose detail shows it, if the newer edition prints it.
    pub initiative: Option<String>,
    /// The newer edition's subsection it belongs to (a rating change).
    pub subsection: Option<String>,
    pub title: String,
    pub detail: String,
    pub tone: Tone,
}

/// One kind of change, with its heading and count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeList {
    /// A key for tests and styles: `ratings`, `new`, `ended`, `actuals`, `targets`, `revised`.
    pub key: &'static str,
    /// 「進捗状況が変わった小項目（2項目）」.
    pub heading: String,
    pub items: Vec<ChangeItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeSummary {
    /// 「令和5年度の報告書と比べた、令和6年度の報告書の変化です。」
    pub compared_ja: String,
    /// What the changes are since: 「前年度」 for the edition just before, else that edition's
    /// year (「令和3年度」), so no heading says 前年度 of an edition two years back.
    pub since: String,
    /// The two editions as every table writes an edition (`2023年度`, `opendata::edition`),
    /// older first: each line of the saved list names both.
    pub editions: [String; 2],
    /// Every kind, in order of importance; an empty kind says so under its heading.
    pub lists: Vec<ChangeList>,
}

fn rating_ja(r: Option<Rating>) -> String {
    r.map_or_else(|| "記載なし".to_string(), Rating::display_ja)
}

fn figure_ja(f: &Figure) -> String {
    match &f.period {
        Some(period) => format!("{}（{period}）", f.text),
        None => f.text.clone(),
    }
}

fn departments_ja(departments: &[String]) -> String {
    if departments.is_empty() {
        "担当の記載なし".into()
    } else {
        format!("担当：{}", departments.join("、"))
    }
}

/// Two editions as the dashboard compares them: the older report, which row is which, and what
/// changed.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub older: Arc<Report>,
    pub matching: Matching,
    pub summary: Arc<ChangeSummary>,
}

impl Comparison {
    /// Initiative `id` of `newer` beside its row in the older edition, for its detail.
    pub fn side_by_side(&self, newer: &Report, id: &str) -> Option<super::side_by_side::SideBySide> {
        super::side_by_side::side_by_side(&self.older, newer, &self.matching, id)
    }
}

/// `older` compared with `newer` as the dashboard shows it, with no reviewed pins or breaks
/// (those are the normalizer's, with `--previous`), or why the two cannot be compared (the
/// "previous" edition is not older).
pub fn compare(older: Arc<Report>, newer: &Report) -> Result<Comparison, String> {
    if older.report.fiscal_year >= newer.report.fiscal_year {
        return Err(format!(
            "前年度の報告書として指定された「{}」は、表示している報告書（{}）より前の年度ではないため、比べません。",
            older.report.title, newer.report.label
        ));
    }
    let matching = super::match_editions(&older, newer, &crate::edition_matches::EditionMatches::default());
    let summary = Arc::new(summary(&older, newer, &super::changes(&older, newer, &matching)));
    Ok(Comparison { older, matching, summary })
}

/// How the edition just before is called.
const ADJACENT: &str = "前年度";

/// 「前年度」 when `older` is the edition just before `newer`, else its year as printed.
fn since_ja(older: &Report, newer: &Report) -> String {
    if newer.report.fiscal_year - older.report.fiscal_year == 1 {
        ADJACENT.to_string()
    } else {
        older.report.label.clone()
    }
}

impl ChangeSummary {
    /// `label`, written for the edition just before (「前年度から悪化した割合」), said of the
    /// edition compared (「令和3年度から悪化した割合」).
    pub fn since_label(&self, label: &str) -> String {
        label.replace(ADJACENT, &self.since)
    }
}

keyed! {
    /// What changed about an initiative since the previous edition (the explorer's filter).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ChangeKind {
        /// Printed in this edition only.
        New => "new", "新規";
        /// Its subsection's ○/△ changed.
        Rating => "rating", "評価が変わった";
        /// A KPI's latest actual moved, a target changed, or a figure was revised.
        Figures => "figures", "数値が変わった";
    }
}

impl ChangeSummary {
    /// Whether `initiative` (of the newer edition) got worse since the previous edition: its
    /// subsection turned ○→△ or one of its KPIs moved away from its target. `None` for a row
    /// the previous edition did not print.
    pub fn worse(&self, initiative: &crate::model::Initiative) -> Option<bool> {
        if self.touches(ChangeKind::New, initiative) {
            return None;
        }
        let owner = initiative.original().unwrap_or(&initiative.id);
        let worse_in = |key: &str, pick: &dyn Fn(&ChangeItem) -> bool| {
            self.lists.iter().filter(|l| l.key == key).any(|l| l.items.iter().any(|i| i.tone == Tone::Worse && pick(i)))
        };
        Some(
            worse_in("ratings", &|i| i.subsection.as_deref() == Some(initiative.subsection.as_str()))
                || worse_in("actuals", &|i| i.initiative.as_deref() == Some(owner)),
        )
    }

    /// Whether `initiative` (of the newer edition) changed in the way of `kind`. A repeated row
    /// takes its original's figures.
    pub fn touches(&self, kind: ChangeKind, initiative: &crate::model::Initiative) -> bool {
        let owner = initiative.original().unwrap_or(&initiative.id);
        let in_list = |keys: &[&str], pick: &dyn Fn(&ChangeItem) -> bool| self.lists.iter().filter(|l| keys.contains(&l.key)).any(|l| l.items.iter().any(pick));
        match kind {
            ChangeKind::New => in_list(&["new"], &|i| i.initiative.as_deref() == Some(initiative.id.as_str())),
            ChangeKind::Rating => in_list(&["ratings"], &|i| i.subsection.as_deref() == Some(initiative.subsection.as_str())),
            ChangeKind::Figures => in_list(&["actuals", "targets", "revised"], &|i| i.initiative.as_deref() == Some(owner)),
        }
    }

    /// The change list as CSV for Excel (UTF-8 with BOM, one change a line): its kind, what
    /// changed, the change in words, and where it leads in the newer edition.
    pub fn csv(&self) -> String {
        use crate::query::opendata::{cell, Audience, Value, BOM};
        let mut out = String::from(BOM);
        let line = |out: &mut String, cells: [&str; 8]| {
            let fields: Vec<String> = cells.iter().map(|c| cell(&Value::text(*c), Audience::Spreadsheet)).collect();
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        };
        line(&mut out, ["種類", "向き", "項目", "内容", "取組番号", "小項目番号", "比べた報告書の年度", "報告書の年度"]);
        let [older, newer] = &self.editions;
        for list in &self.lists {
            let kind = list.heading.split('（').next().unwrap_or(&list.heading);
            for item in &list.items {
                let tone = match item.tone {
                    Tone::Worse => "悪化",
                    Tone::Better => "改善",
                    Tone::Neutral => "",
                };
                let (initiative, subsection) = (item.initiative.as_deref().unwrap_or(""), item.subsection.as_deref().unwrap_or(""));
                line(&mut out, [kind, tone, &item.title, &item.detail, initiative, subsection, older, newer]);
            }
        }
        out
    }
}

/// The change list of `older` → `newer` as the overview says it.
pub fn summary(older: &Report, newer: &Report, changes: &Changes) -> ChangeSummary {
    let ratings = changes
        .ratings
        .iter()
        .map(|c| ChangeItem {
            initiative: None,
            subsection: Some(c.subsection.clone()),
            title: format!("{} {}", printed_subsection(newer, &c.subsection), c.title),
            detail: format!("{} → {}　{}", rating_ja(c.from), rating_ja(c.to), departments_ja(&c.departments)),
            tone: if c.is_worse() {
                Tone::Worse
            } else if c.is_better() {
                Tone::Better
            } else {
                Tone::Neutral
            },
        })
        .collect::<Vec<_>>();
    let rows = |list: &[super::changes::InitiativeChange], in_newer: bool, gap_note: &str| -> Vec<ChangeItem> {
        list.iter()
            .map(|c| ChangeItem {
                initiative: in_newer.then(|| c.id.clone()),
                subsection: None,
                title: format!("{} {}", c.id, c.title),
                detail: if c.on_missing_page { format!("{}　{gap_note}", departments_ja(&c.departments)) } else { departments_ja(&c.departments) },
                tone: Tone::Neutral,
            })
            .collect()
    };
    let since = since_ja(older, newer);
    let new = rows(&changes.new_initiatives, true, &format!("{since}のテキストで欠けていたページに載っていた可能性があります"));
    let ended = rows(&changes.ended_initiatives, false, "このテキストで欠けているページに載っている可能性があります");
    let actuals = changes
        .moved_actuals
        .iter()
        .map(|m| ChangeItem {
            initiative: Some(m.kpi.initiative.clone()),
            subsection: None,
            title: m.kpi.label.clone(),
            detail: format!("{} → {}　{}　{}", figure_ja(&m.from), figure_ja(&m.to), m.change_label, m.heading.label_ja()),
            tone: match m.heading {
                Heading::TowardTarget => Tone::Better,
                Heading::AwayFromTarget => Tone::Worse,
                Heading::NoDirection => Tone::Neutral,
            },
        })
        .collect();
    let targets = changes
        .target_changes
        .iter()
        .map(|t| ChangeItem {
            initiative: Some(t.kpi.initiative.clone()),
            subsection: None,
            title: t.kpi.label.clone(),
            detail: format!(
                "目標 {} → {}",
                t.from.as_ref().map_or_else(|| "記載なし".to_string(), figure_ja),
                t.to.as_ref().map_or_else(|| "記載なし".to_string(), figure_ja)
            ),
            tone: Tone::Neutral,
        })
        .collect();
    let revised = changes
        .revised_figures
        .iter()
        .map(|r| ChangeItem {
            initiative: Some(r.kpi.initiative.clone()),
            subsection: None,
            title: r.kpi.label.clone(),
            detail: format!(
                "{}：{}の報告書 {}（{}行）→ {}の報告書 {}（{}行）",
                r.kind.label_ja(),
                older.report.label,
                figure_ja(&r.older),
                r.older.line,
                newer.report.label,
                figure_ja(&r.newer),
                r.newer.line
            ),
            tone: Tone::Neutral,
        })
        .collect();
    let ended_heading = format!("{since}にあって{}にない取組", if since == ADJACENT { "今年度" } else { &newer.report.label });
    let list = |key, what: &str, unit: &str, items: Vec<ChangeItem>| ChangeList { key, heading: format!("{what}（{}{unit}）", items.len()), items };
    ChangeSummary {
        compared_ja: format!("{}の報告書と比べた、{}の報告書の変化です。", older.report.label, newer.report.label),
        since,
        editions: [crate::query::opendata::edition(older), crate::query::opendata::edition(newer)],
        lists: vec![
            list("ratings", "進捗状況が変わった小項目", "項目", ratings),
            list("new", "新しい取組", "件", new),
            list("ended", &ended_heading, "件", ended),
            list("actuals", "最新の実績が動いた KPI", "指標", actuals),
            list("targets", "目標が変わった KPI", "指標", targets),
            list("revised", "同じ年度の数値が改められたもの", "件", revised),
        ],
    }
}
