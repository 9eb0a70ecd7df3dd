//! Departments (部局等) and divisions (担当課) from the organisation cells of a row.
//!
//! Cells wrap inside names (`秘書・広報戦` + `略部`, `スマート県庁` + `推進課`), so fragments are
//! joined until the name ends in an organisational suffix. Department names end in 部, 庁 or 局;
//! the rest (課, 室, センター) are divisions.

use super::text::trim;

const DEPARTMENT_SUFFIXES: &[&str] = &["部", "庁", "局"];
const DIVISION_SUFFIXES: &[&str] = &["課", "室", "センター"];

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Orgs {
    pub departments: Vec<String>,
    pub divisions: Vec<String>,
    pub zencho: bool,
    /// Fragments that never completed a name; reported as warnings by the caller.
    pub incomplete: Vec<String>,
}

fn ends_name(name: &str) -> bool {
    // 県庁 is the whole prefectural office, never a department: `スマート県庁` is the first
    // half of a wrapped division name (`スマート県庁推進課`).
    if name.ends_with("県庁") {
        return false;
    }
    DEPARTMENT_SUFFIXES.iter().chain(DIVISION_SUFFIXES).any(|s| name.ends_with(s))
}

fn is_department(name: &str) -> bool {
    DEPARTMENT_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Reads organisation lines (already split from the title), including the ○ all-agency mark
/// wherever it sits: alone on a line or at the end of the last organisation line.
pub fn parse_orgs<'a>(lines: impl IntoIterator<Item = &'a str>) -> Orgs {
    let mut orgs = Orgs::default();
    let mut pending = String::new();
    for line in lines {
        for token in trim(line).split_whitespace() {
            let token = trim(token);
            if token == "○" {
                orgs.zencho = true;
                continue;
            }
            if token.is_empty() {
                continue;
            }
            pending.push_str(token);
            if ends_name(&pending) {
                let name = std::mem::take(&mut pending);
                if is_department(&name) {
                    orgs.departments.push(name);
                } else {
                    orgs.divisions.push(name);
                }
            }
        }
    }
    if !pending.is_empty() {
        orgs.incomplete.push(pending);
    }
    orgs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_department_division_and_mark() {
        let o = parse_orgs(["総務部 人事課 ○"]);
        assert_eq!(o.departments, ["総務部"]);
        assert_eq!(o.divisions, ["人事課"]);
        assert!(o.zencho);
    }

    #[test]
    fn wrapped_names_are_joined() {
        let o = parse_orgs(["秘書・広報戦", "略部", "", "広報課 ○"]);
        assert_eq!(o.departments, ["秘書・広報戦略部"]);
        assert_eq!(o.divisions, ["広報課"]);
        let o = parse_orgs(["総務部", "スマート県庁", "推進課", "", "○"]);
        assert_eq!(o.departments, ["総務部"]);
        assert_eq!(o.divisions, ["スマート県庁推進課"]);
        assert!(o.zencho);
        let o = parse_orgs(["県民生活環", "境部", "", "男女参画・女", "性活躍推進", "室"]);
        assert_eq!(o.departments, ["県民生活環境部"]);
        assert_eq!(o.divisions, ["男女参画・女性活躍推進室"]);
    }

    #[test]
    fn several_departments_and_divisions() {
        let o = parse_orgs([
            "総務部", "", "人事委員会", "事務局", "", "教育庁", "", "警察本部", "", "人事課", "職員課", "教育政策課", "総務課",
        ]);
        assert_eq!(o.departments, ["総務部", "人事委員会事務局", "教育庁", "警察本部"]);
        assert_eq!(o.divisions, ["人事課", "職員課", "教育政策課", "総務課"]);
        assert!(!o.zencho);
    }

    #[test]
    fn the_mark_alone_after_the_division_and_absent() {
        let o = parse_orgs(["総務部", "", "教育庁", "", "総務文書課", "", "教育政策課", "○"]);
        assert_eq!(o.departments, ["総務部", "教育庁"]);
        assert_eq!(o.divisions, ["総務文書課", "教育政策課"]);
        assert!(o.zencho);
        let o = parse_orgs(["総務部", "スマート県庁", "推進課", "", "\u{3000}"]);
        assert!(!o.zencho);
    }

    #[test]
    fn an_unfinished_name_is_reported() {
        let o = parse_orgs(["総務部", "新行政推進"]);
        assert_eq!(o.incomplete, ["新行政推進"]);
    }
}
