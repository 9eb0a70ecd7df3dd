//! The report's two axes, and the headline sentences built from the verdicts.
//!
//! A subsection's ○/△ is the department's assessment of its activity; its KPIs are outcomes.
//! The report prints both and so does the dashboard, side by side, naming the subsections where
//! they disagree. Every headline sentence (overview, KPI page, print) is written here from the
//! same judgements as the badges, so a number in a sentence is the number of a list.

use super::achievement::{self, attention, Attention, Status, VerdictGroup};
use super::overview::{delayed_subsections, overview, DelayedSubsection, Overview};
use super::kpi_view::status_counts;
use crate::model::{Kpi, Rating, Report};

/// One subsection on both axes.
#[derive(Debug, Clone, PartialEq)]
pub struct SubsectionAxes {
    pub id: String,
    /// `Ⅲ-5-(1)`.
    pub printed: String,
    pub title: String,
    pub rating: Option<Rating>,
    /// Its KPIs (each once, a repeated row's KPIs with their original) by overall verdict.
    pub kpis: Vec<(Status, usize)>,
    pub disagreement: Option<Disagreement>,
}

/// Where the activity rating and the outcomes point different ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disagreement {
    /// Rated ○, with a KPI missed or falling short of its trajectory.
    OnTrackWithKpiBehind,
    /// Rated △, with every KPI met or at its level.
    DelayedWithKpisMet,
}

impl Disagreement {
    pub fn label_ja(self) -> &'static str {
        match self {
            Disagreement::OnTrackWithKpiBehind => "取組は順調（○）だが、目標に届いていない・届かない見込みの KPI がある",
            Disagreement::DelayedWithKpisMet => "取組は遅れ・課題あり（△）だが、KPI はすべて目標（水準）に達している",
        }
    }
}

impl SubsectionAxes {
    /// 「取組は順調（○）／KPI：達成2・加速が必要1」.
    pub fn line_ja(&self) -> String {
        let rating = match self.rating {
            Some(r) => format!("取組は{}（{}）", r.label_ja(), r.mark()),
            None => "取組の評価の記載なし".to_string(),
        };
        let mut counts: Vec<&(Status, usize)> = self.kpis.iter().filter(|(_, n)| *n > 0).collect();
        counts.sort_by_key(|(s, _)| s.severity());
        let kpis = if counts.is_empty() {
            "KPI なし".to_string()
        } else {
            format!("KPI：{}", counts.iter().map(|(s, n)| format!("{}{n}", s.label_ja())).collect::<Vec<_>>().join("・"))
        };
        format!("{rating}／{kpis}")
    }
}

/// The KPIs of a subsection, each once: those of its rows, and a repeated row's original's.
fn kpis_of<'a>(report: &'a Report, subsection: &str) -> Vec<&'a Kpi> {
    let mut out: Vec<&Kpi> = Vec::new();
    for i in report.initiatives.iter().filter(|i| i.subsection == subsection) {
        for k in i.kpis.iter().filter_map(|id| report.kpi(id)) {
            if !out.iter().any(|o| o.id == k.id) {
                out.push(k);
            }
        }
    }
    out
}

pub fn subsection_axes(report: &Report, subsection: &str) -> Option<SubsectionAxes> {
    let s = report.subsection(subsection)?;
    let kpis = kpis_of(report, subsection);
    let statuses: Vec<Status> = kpis.iter().map(|k| achievement::overall(report, k)).collect();
    let counts = Status::ALL.iter().map(|s| (*s, statuses.iter().filter(|x| *x == s).count())).collect();
    let behind = statuses.iter().any(|s| *s == Status::NotAchieved || s.falls_short());
    let all_met = !statuses.is_empty() && statuses.iter().all(|s| matches!(s, Status::Achieved | Status::LevelReached));
    let disagreement = match s.rating {
        Some(Rating::OnTrack) if behind => Some(Disagreement::OnTrackWithKpiBehind),
        Some(Rating::Delayed) if all_met => Some(Disagreement::DelayedWithKpisMet),
        _ => None,
    };
    Some(SubsectionAxes { id: s.id.clone(), printed: super::overview::printed_subsection(report, &s.id), title: s.title.clone(), rating: s.rating, kpis: counts, disagreement })
}

/// Every subsection where the two axes disagree, in plan order (a 【再掲】 subsection once).
pub fn disagreements(report: &Report) -> Vec<SubsectionAxes> {
    report.subsections.iter().filter(|s| !s.relisted).filter_map(|s| subsection_axes(report, &s.id)).filter(|a| a.disagreement.is_some()).collect()
}

/// The headline sentences, each with the figures it states.
#[derive(Debug, Clone, PartialEq)]
pub struct Headlines {
    pub kpis: usize,
    pub missed: usize,
    pub falling_short: usize,
    /// Met, or at the level of a later target.
    pub reached: usize,
    /// No verdict: no year, no result, cannot be judged.
    pub unjudged: usize,
    pub no_target: usize,
    /// 「令和5年度時点のKPI 58指標：目標年度を迎えて未達成 0、…」.
    pub kpi_sentence: String,
    /// 「▲ 目標年度を迎えて未達成の KPI（0指標）」.
    pub missed_heading: String,
    /// 「このままでは目標に届かない見込みの KPI（1指標）」.
    pub falling_short_heading: String,
    /// 「進捗評価（○/△）と KPI の判定が食い違う小項目（n項目）」.
    pub disagreement_heading: String,
}

/// 「△ 遅れ・課題ありの小項目（n項目）」: the overview's list of △ subsections.
pub fn delayed_heading(delayed: &[DelayedSubsection]) -> String {
    format!("{}の小項目（{}項目）", Rating::Delayed.display_ja(), delayed.len())
}

/// 「KPI の判定（n指標）」 over a pillar's bar of verdict groups.
pub fn groups_heading(groups: &[(VerdictGroup, usize)]) -> String {
    format!("KPI の判定（{}指標）", groups.iter().map(|(_, n)| n).sum::<usize>())
}

/// The headlines of the whole report (the KPI page shows its sentence).
pub fn headlines(report: &Report) -> Headlines {
    Headlines::new(report, &status_counts(report, &report.kpis), &attention(report), disagreements(report).len())
}

impl Headlines {
    /// From verdicts already made: `counts` of every KPI, what needs `attention`, and how many
    /// subsections' two axes disagree.
    pub fn new(report: &Report, counts: &[(Status, usize)], attention: &Attention, disagreements: usize) -> Headlines {
        let n = |pick: &dyn Fn(Status) -> bool| counts.iter().filter(|(s, _)| pick(*s)).map(|(_, n)| n).sum::<usize>();
        let (missed, falling_short) = (attention.missed.len(), attention.falling_short.len());
        let reached = n(&|s| s.group() == VerdictGroup::Reached);
        let unjudged = n(&|s| s.group() == VerdictGroup::Unjudged);
        let no_target = n(&|s| s.group() == VerdictGroup::NoTarget);
        let kpis = report.kpis.len();
        let kpi_sentence = format!(
            "{}時点の KPI {kpis}指標のうち、目標年度を迎えて未達成は{missed}指標、このままでは目標に届かない見込みは{falling_short}指標、達成・目標水準に到達済み・順調は{reached}指標です。判定できない・目標年度の記載なし・実績の記載なしは{unjudged}指標、目標の記載がない指標は{no_target}指標です。",
            report.report.label
        );
        Headlines {
            kpis,
            missed,
            falling_short,
            reached,
            unjudged,
            no_target,
            kpi_sentence,
            missed_heading: format!("▲ 目標年度を迎えて未達成の KPI（{missed}指標）"),
            falling_short_heading: format!("このままでは目標に届かない見込みの KPI（{falling_short}指標）"),
            disagreement_heading: format!("進捗評価（○／△）と KPI の判定が食い違う小項目（{disagreements}項目）"),
        }
    }
}

/// Everything the overview shows, each verdict made once and shared by the sections that state
/// it (the headline's counts are the lengths of the lists under it).
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewPage<'a> {
    pub overview: Overview,
    /// Every KPI by overall verdict.
    pub kpi_counts: Vec<(Status, usize)>,
    pub attention: Attention<'a>,
    pub delayed: Vec<DelayedSubsection>,
    pub disagreements: Vec<SubsectionAxes>,
    pub headlines: Headlines,
    /// The KPIs of each pillar by group, in the order of `overview.pillars`.
    pub pillar_groups: Vec<Vec<(VerdictGroup, usize)>>,
}

pub fn overview_page(report: &Report) -> OverviewPage<'_> {
    let overview = overview(report);
    let statuses: Vec<(&Kpi, Status)> = report.kpis.iter().map(|k| (k, achievement::overall(report, k))).collect();
    let count = |pillar: Option<&str>| -> Vec<(Status, usize)> {
        let of_pillar = |k: &Kpi| pillar.is_none_or(|p| report.initiative(&k.initiative).is_some_and(|i| i.pillar == p));
        Status::ALL.iter().map(|s| (*s, statuses.iter().filter(|(k, x)| x == s && of_pillar(k)).count())).collect()
    };
    let kpi_counts = count(None);
    let pillar_groups = overview.pillars.iter().map(|p| by_group(&count(Some(&p.id)))).collect();
    let attention = attention(report);
    let disagreements = disagreements(report);
    let headlines = Headlines::new(report, &kpi_counts, &attention, disagreements.len());
    OverviewPage { delayed: delayed_subsections(report), overview, kpi_counts, attention, disagreements, headlines, pillar_groups }
}

/// Verdict counts summed by group, every group listed.
fn by_group(counts: &[(Status, usize)]) -> Vec<(VerdictGroup, usize)> {
    VerdictGroup::ALL.iter().map(|g| (*g, counts.iter().filter(|(s, _)| s.group() == *g).map(|(_, n)| n).sum())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::committed_report as report;

    /// The numbers a sentence states, in order.
    fn numbers(text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut digits = String::new();
        for c in text.chars().chain([' ']) {
            if c.is_ascii_digit() {
                digits.push(c);
            } else if !digits.is_empty() {
                out.push(digits.parse().unwrap());
                digits.clear();
            }
        }
        out
    }

    #[test]
    fn each_headline_states_the_verdicts_figures() {
        let r = report();
        let h = headlines(&r);
        let a = attention(&r);
        // Independently: every KPI's overall verdict, counted by hand.
        let overall: Vec<Status> = r.kpis.iter().map(|k| achievement::overall(&r, k)).collect();
        let count = |f: fn(&Status) -> bool| overall.iter().filter(|s| f(s)).count();
        assert_eq!(h.kpis, 58);
        assert_eq!(h.missed, a.missed.len());
        assert_eq!(h.missed, 0, "no target whose year has come is missed in the report's own figures");
        assert_eq!(h.falling_short, 1);
        assert_eq!(h.reached, count(|s| matches!(s, Status::Achieved | Status::LevelReached | Status::OnTrack)));
        assert_eq!(h.no_target, count(|s| *s == Status::NoTarget));
        assert_eq!(h.kpis, h.reached + h.unjudged + h.no_target + count(|s| s.falls_short() || *s == Status::NotAchieved));
        // The sentence states exactly those figures, after the report's year (令和5 → 5).
        let year_digits = numbers(&r.report.label);
        assert_eq!(numbers(&h.kpi_sentence), [year_digits, vec![h.kpis, h.missed, h.falling_short, h.reached, h.unjudged, h.no_target]].concat());
        assert_eq!(numbers(&h.missed_heading), [h.missed]);
        assert_eq!(numbers(&h.falling_short_heading), [h.falling_short]);
        assert_eq!(numbers(&h.disagreement_heading), [disagreements(&r).len()]);
        let delayed = delayed_subsections(&r);
        assert_eq!(delayed_heading(&delayed), format!("△ 遅れ・課題ありの小項目（{}項目）", delayed.len()));
    }

    #[test]
    fn each_pillars_groups_count_its_kpis_once() {
        let r = report();
        let page = overview_page(&r);
        assert_eq!(page.pillar_groups.len(), r.pillars.len());
        for (p, groups) in r.pillars.iter().zip(&page.pillar_groups) {
            let kpis: Vec<&Kpi> = super::super::kpi_view::kpis_in_pillar(&r, Some(&p.id)).collect();
            assert_eq!(groups.iter().map(|(_, n)| n).sum::<usize>(), kpis.len(), "{}", p.id);
            // The same counts as judging the pillar's KPIs on their own.
            assert_eq!(*groups, by_group(&status_counts(&r, kpis)), "{}", p.id);
        }
        // The whole report: the headline's figures, group by group.
        let h = &page.headlines;
        let all: Vec<usize> = by_group(&page.kpi_counts).into_iter().map(|(_, n)| n).collect();
        assert_eq!(all, [h.reached, h.missed + h.falling_short, h.unjudged, h.no_target]);
        assert_eq!(numbers(&groups_heading(&by_group(&page.kpi_counts))), [r.kpis.len()]);
    }

    #[test]
    fn the_overview_page_states_what_each_question_answers_alone() {
        let r = report();
        let page = overview_page(&r);
        assert_eq!(page.headlines, headlines(&r));
        assert_eq!(page.attention, attention(&r));
        assert_eq!(page.disagreements, disagreements(&r));
        assert_eq!(page.kpi_counts, status_counts(&r, &r.kpis));
        assert_eq!(page.delayed, delayed_subsections(&r));
        assert_eq!(page.overview, overview(&r));
        // Each heading's number is the length of the list under it.
        assert_eq!((page.headlines.missed, page.headlines.falling_short), (page.attention.missed.len(), page.attention.falling_short.len()));
    }

    #[test]
    fn both_axes_in_one_line_and_disagreements_named() {
        let r = report();
        // Ⅱ-2-(2): RPA robots 37 against 30 (令和5年度) — with the linked KPIs.
        let all = disagreements(&r);
        for d in &all {
            let s = r.subsection(&d.id).unwrap();
            match d.disagreement.unwrap() {
                Disagreement::DelayedWithKpisMet => assert_eq!(s.rating, Some(Rating::Delayed)),
                Disagreement::OnTrackWithKpiBehind => assert_eq!(s.rating, Some(Rating::OnTrack)),
            }
        }
        // Ⅲ-5-(1) (女性の管理職登用) is ○ with a KPI whose trajectory falls short.
        let women = all.iter().find(|d| d.id == "III-5-1").expect("Ⅲ-5-(1) disagrees");
        assert_eq!(women.disagreement, Some(Disagreement::OnTrackWithKpiBehind));
        assert!(women.line_ja().starts_with("取組は順調（○）／KPI：加速が必要1"), "{}", women.line_ja());
        // A subsection without KPIs says so.
        let without = r.subsections.iter().filter_map(|s| subsection_axes(&r, &s.id)).find(|a| a.kpis.iter().all(|(_, n)| *n == 0)).unwrap();
        assert!(without.line_ja().ends_with("／KPI なし"), "{}", without.line_ja());
    }
}
