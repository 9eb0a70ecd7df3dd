//! The share of what could be compared that got worse since the older edition, by pillar or by
//! department: subsections turned ○→△, or KPIs whose latest actual moved away from the target.
//! A colour measure for the heatmap (it shades a share with [`shade`](crate::query::heatmap::shade)).

use super::changes::{Changes, Heading};
use super::matching::Matching;
use crate::model::{Rating, Report};

keyed! {
    /// What counts as worse.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum WorseMeasure {
        /// Of the subsections rated in both editions, those turned ○→△.
        #[default]
        Ratings => "ratings", "前年度から △ になった小項目の割合";
        /// Of the KPIs with a direction and a latest actual in both editions, those whose actual
        /// moved away from the target.
        Kpis => "kpis", "前年度より目標から遠ざかった KPI の割合";
    }
}

keyed! {
    /// The rows of the measure.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum WorseBy {
        #[default]
        Pillars => "pillars", "柱";
        Departments => "departments", "部局等";
    }
}

/// One pillar's or department's tally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorseShare {
    /// A pillar id or a department name (the newer edition's).
    pub key: String,
    pub label: String,
    pub worse: usize,
    /// What could be compared: subsections rated in both editions, or KPIs with a direction and a
    /// latest actual in both.
    pub compared: usize,
}

impl WorseShare {
    /// 0–1; `None` where nothing could be compared (never read as 0%).
    pub fn share(&self) -> Option<f64> {
        (self.compared > 0).then(|| self.worse as f64 / self.compared as f64)
    }
}

/// The tally of every pillar (plan order) or department (first met in plan order) of `newer`.
pub fn worse_since(older: &Report, newer: &Report, matching: &Matching, changes: &Changes, by: WorseBy, measure: WorseMeasure) -> Vec<WorseShare> {
    let mut out: Vec<WorseShare> = match by {
        WorseBy::Pillars => newer.pillars.iter().map(|p| WorseShare { key: p.id.clone(), label: p.label(), worse: 0, compared: 0 }).collect(),
        WorseBy::Departments => Vec::new(),
    };
    let mut count = |keys: Vec<String>, worse: bool| {
        for key in keys {
            let at = match out.iter().position(|s| s.key == key) {
                Some(at) => at,
                None => {
                    out.push(WorseShare { key: key.clone(), label: key, worse: 0, compared: 0 });
                    out.len() - 1
                }
            };
            out[at].compared += 1;
            out[at].worse += usize::from(worse);
        }
    };
    let groups_of_rows = |rows: &mut dyn Iterator<Item = &crate::model::Initiative>, pillar: &str| -> Vec<String> {
        match by {
            WorseBy::Pillars => vec![pillar.to_string()],
            WorseBy::Departments => {
                let mut keys: Vec<String> = Vec::new();
                for d in rows.flat_map(|i| &i.departments) {
                    if !keys.contains(d) {
                        keys.push(d.clone());
                    }
                }
                keys
            }
        }
    };
    match measure {
        WorseMeasure::Ratings => {
            for m in &matching.subsections {
                let (Some(a), Some(b)) = (older.subsection(&m.older), newer.subsection(&m.newer)) else { continue };
                if a.rating.is_none() || b.rating.is_none() {
                    continue;
                }
                let worse = a.rating == Some(Rating::OnTrack) && b.rating == Some(Rating::Delayed);
                let keys = groups_of_rows(&mut newer.initiatives.iter().filter(|i| i.subsection == b.id), &b.pillar);
                count(keys, worse);
            }
        }
        WorseMeasure::Kpis => {
            for m in &matching.kpis {
                let (Some(a), Some(b)) = (older.kpi(&m.older), newer.kpi(&m.newer)) else { continue };
                let Some(row) = newer.initiative(&b.initiative) else { continue };
                let has_actual = |k: &crate::model::Kpi| k.series.iter().any(|p| p.kind == crate::model::PointKind::Actual && p.fiscal_year.is_some());
                if b.direction.or(a.direction).is_none() || !has_actual(a) || !has_actual(b) {
                    continue;
                }
                let worse = changes.moved_actuals.iter().any(|x| x.kpi.newer == b.id && x.heading == Heading::AwayFromTarget);
                count(groups_of_rows(&mut std::iter::once(row), &row.pillar), worse);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edition_matches::EditionMatches;
    use crate::query::committed_report;
    use crate::query::editions::{changes, match_editions};

    #[test]
    fn a_subsection_turned_delayed_counts_for_its_pillar_and_departments() {
        let older = committed_report();
        let mut newer = older.clone();
        let turned = newer.subsections.iter_mut().find(|s| s.rating == Some(Rating::OnTrack)).unwrap();
        turned.rating = Some(Rating::Delayed);
        let (id, pillar) = (turned.id.clone(), turned.pillar.clone());
        let m = match_editions(&older, &newer, &EditionMatches::default());
        let c = changes(&older, &newer, &m);
        let pillars = worse_since(&older, &newer, &m, &c, WorseBy::Pillars, WorseMeasure::Ratings);
        assert_eq!(pillars.len(), newer.pillars.len());
        for p in &pillars {
            let rated = newer.subsections.iter().filter(|s| s.pillar == p.key && s.rating.is_some()).count();
            assert_eq!((p.worse, p.compared), (usize::from(p.key == pillar), rated), "{}", p.key);
        }
        let departments = worse_since(&older, &newer, &m, &c, WorseBy::Departments, WorseMeasure::Ratings);
        let owners: Vec<&String> = newer.initiatives.iter().filter(|i| i.subsection == id).flat_map(|i| &i.departments).collect();
        assert!(!owners.is_empty());
        for d in &departments {
            assert_eq!(d.worse, usize::from(owners.contains(&&d.key)), "{}", d.key);
        }
        let unchanged = worse_since(&older, &older, &match_editions(&older, &older, &EditionMatches::default()), &Changes::default(), WorseBy::Departments, WorseMeasure::Kpis);
        assert!(unchanged.iter().all(|d| d.worse == 0) && unchanged.iter().any(|d| d.share() == Some(0.0)));
    }
}
