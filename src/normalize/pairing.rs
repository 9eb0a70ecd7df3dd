//! Pairs each row's divisions (担当課) with its departments (部局等).
//!
//! The report prints the two as separate lists, so a row of 企画部 and 総務部 with 政策企画課
//! and 財政課 does not say which division is whose. The pairing uses, in this order:
//! 1. the row itself when it names one department: all its divisions are that department's;
//! 2. the report's own evidence: a division that appears under exactly one department in the
//!    single-department rows belongs to that department;
//! 3. the reviewed table (`organisations` in the overrides file), each entry with its reason.
//!
//! A division none of these places stays unpaired (`department: None`): it is never credited to
//! a department it may not belong to.

use std::collections::{BTreeMap, BTreeSet};

use super::diag::{Fix, Warning};
use super::overrides::OrganisationOverride;
use crate::model::{Initiative, Organisation};

/// Sets `organisations` on every initiative. `table` is the reviewed table (may be empty).
/// Returns, for each entry of the reviewed table, whether it paired a division.
pub fn pair(initiatives: &mut [Initiative], table: &[OrganisationOverride], warnings: &mut Vec<Warning>) -> Vec<bool> {
    let evidence = single_department_evidence(initiatives);
    let mut used = vec![false; table.len()];
    for ini in initiatives.iter_mut() {
        let line = ini.source.first().map_or(0, |s| s.first_line);
        let mut paired: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let mut unpaired = Vec::new();
        for division in &ini.divisions {
            let department = if ini.departments.len() == 1 {
                Some(ini.departments[0].as_str())
            } else {
                let from_report: Vec<&str> = evidence
                    .get(division.as_str())
                    .map(|ds| ds.iter().map(String::as_str).filter(|d| ini.departments.iter().any(|x| x == d)).collect())
                    .unwrap_or_default();
                let from_table = table
                    .iter()
                    .enumerate()
                    .find(|(_, t)| t.division == *division && ini.departments.contains(&t.department));
                match (from_report.as_slice(), from_table) {
                    ([only], Some((k, t))) => {
                        used[k] = true;
                        if t.department != *only {
                            warnings.push(Warning::new(line, "organisations", format!(
                                "{}: the reviewed table puts {division} under {}, but the report shows it alone under {only}; kept {only}",
                                ini.id, t.department
                            )));
                        }
                        Some(*only)
                    }
                    ([only], None) => Some(*only),
                    (_, Some((k, t))) => {
                        used[k] = true;
                        Some(t.department.as_str())
                    }
                    (_, None) => None,
                }
            };
            match department.and_then(|d| ini.departments.iter().find(|x| *x == d)) {
                Some(d) => paired.entry(d.as_str()).or_default().push(division.clone()),
                None => {
                    warnings.push(
                        Warning::new(line, "organisations", format!(
                            "{}: no evidence which of {} {division} belongs to; left unpaired (add it to the reviewed table with a reason)",
                            ini.id,
                            ini.departments.join("・")
                        ))
                        .with_fix(Fix::Pairing { initiative: ini.id.clone(), division: division.clone(), departments: ini.departments.clone() }),
                    );
                    unpaired.push(division.clone());
                }
            }
        }
        let mut organisations: Vec<Organisation> = ini
            .departments
            .iter()
            .map(|d| Organisation { department: Some(d.clone()), divisions: paired.remove(d.as_str()).unwrap_or_default() })
            .collect();
        if !unpaired.is_empty() {
            organisations.push(Organisation { department: None, divisions: unpaired });
        }
        ini.organisations = organisations;
    }
    used
}

/// Division → the departments it appears under in rows that name one department.
fn single_department_evidence(initiatives: &[Initiative]) -> BTreeMap<String, BTreeSet<String>> {
    let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for i in initiatives.iter().filter(|i| i.departments.len() == 1) {
        for d in &i.divisions {
            map.entry(d.clone()).or_default().insert(i.departments[0].clone());
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, departments: &[&str], divisions: &[&str]) -> Initiative {
        serde_json::from_value(serde_json::json!({
            "id": id, "pillar": "I", "section": "I-1", "subsection": "I-1-1", "number": 1,
            "title": "t", "original_title": null, "departments": departments, "divisions": divisions, "zencho": false,
            "relisted": false, "relisted_from": null, "same_as": null, "organisations": [], "content": [], "targets": [], "status": [], "challenges": [],
            "next_year": [], "achieved_marks": [], "kpis": [], "source": [{"page": 1, "first_line": 7, "last_line": 9}]
        }))
        .expect("an initiative")
    }

    fn reviewed(division: &str, department: &str) -> OrganisationOverride {
        OrganisationOverride { division: division.into(), department: department.into(), why: "reviewed".into() }
    }

    fn orgs(i: &Initiative) -> Vec<(Option<&str>, Vec<&str>)> {
        i.organisations.iter().map(|o| (o.department.as_deref(), o.divisions.iter().map(String::as_str).collect())).collect()
    }

    #[test]
    fn a_division_alone_under_one_department_elsewhere_belongs_to_it() {
        let mut rows = vec![
            row("a", &["企画部", "総務部"], &["政策企画課", "財政課", "新行政推進室"]),
            row("b", &["総務部"], &["新行政推進室"]),
            row("c", &["総務部"], &["財政課"]),
            row("d", &["企画部"], &["政策企画課"]),
        ];
        let mut w = Vec::new();
        pair(&mut rows, &[], &mut w);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(orgs(&rows[0]), [(Some("企画部"), vec!["政策企画課"]), (Some("総務部"), vec!["財政課", "新行政推進室"])]);
    }

    #[test]
    fn without_evidence_a_division_stays_unpaired_unless_reviewed() {
        let mut rows = vec![row("a", &["総務部", "教育庁"], &["総務文書課", "教育政策課"]), row("b", &["総務部"], &["総務文書課"])];
        let mut w = Vec::new();
        pair(&mut rows, &[], &mut w);
        assert_eq!(orgs(&rows[0]), [(Some("総務部"), vec!["総務文書課"]), (Some("教育庁"), vec![]), (None, vec!["教育政策課"])]);
        assert_eq!((w.len(), w[0].line), (1, 7));
        let mut w = Vec::new();
        pair(&mut rows, &[reviewed("教育政策課", "教育庁")], &mut w);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(orgs(&rows[0]), [(Some("総務部"), vec!["総務文書課"]), (Some("教育庁"), vec!["教育政策課"])]);
    }

    #[test]
    fn the_report_wins_over_a_contradicting_table_entry_and_unused_entries_are_told() {
        let mut rows = vec![row("a", &["企画部", "総務部"], &["財政課"]), row("b", &["総務部"], &["財政課"])];
        let mut w = Vec::new();
        let used = pair(&mut rows, &[reviewed("財政課", "企画部"), reviewed("人事課", "総務部")], &mut w);
        assert_eq!(orgs(&rows[0]), [(Some("企画部"), vec![]), (Some("総務部"), vec!["財政課"])]);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].message.contains("kept 総務部"));
        // The unused entry goes back to the caller, which reports it as stale.
        assert_eq!(used, [true, false]);
    }

    #[test]
    fn a_table_entry_for_a_department_not_in_the_row_is_not_used() {
        let mut rows = vec![row("a", &["企画部", "総務部"], &["人事課"])];
        let mut w = Vec::new();
        pair(&mut rows, &[reviewed("人事課", "教育庁")], &mut w);
        assert_eq!(orgs(&rows[0]).last().unwrap(), &(None, vec!["人事課"]));
    }
}
