//! The executive overview: totals per pillar, ratings, KPIs.

use crate::model::{PageRange, Rating, Report};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counts {
    /// Every initiative row, relisted copies included.
    pub initiatives: usize,
    /// Relisted copies (【再掲】) among them.
    pub relisted: usize,
    /// All-agency (全庁) initiatives.
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
    pub numeral: String,
    pub title: String,
    pub counts: Counts,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    pub total: Counts,
    pub data_points: usize,
    pub pillars: Vec<PillarOverview>,
    pub pages: PageRange,
}

fn counts(report: &Report, pillar: Option<&str>) -> Counts {
    let in_pillar = |p: &str| pillar.is_none_or(|want| want == p);
    let mut c = Counts::default();
    for i in report.initiatives.iter().filter(|i| in_pillar(&i.pillar)) {
        c.initiatives += 1;
        c.relisted += usize::from(i.relisted);
        c.zencho += usize::from(i.zencho);
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

pub fn overview(report: &Report) -> Overview {
    Overview {
        total: counts(report, None),
        data_points: report.kpis.iter().map(|k| k.series.len()).sum(),
        pillars: report
            .pillars
            .iter()
            .map(|p| PillarOverview {
                id: p.id.clone(),
                numeral: p.numeral.clone(),
                title: p.title.clone(),
                counts: counts(report, Some(&p.id)),
            })
            .collect(),
        pages: report.report.pages,
    }
}
