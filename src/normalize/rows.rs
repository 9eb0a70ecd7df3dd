//! One table row: number, title, organisations, the all-agency mark, then the text cells.
//!
//! Layouts seen in the extraction:
//! - `1` / title lines / blank / organisation lines / `○` / `主な取組内容` …
//! - `5 新技術の導入・活用 総務部` / `スマート県庁` / `推進課` … (half-one-line row)
//! - `4 長時間労働の是正 総務部 人事課 ○` (one-line row)

use super::blocks::{is_content_label, parse_blocks, Blocks};
use super::diag::Warning;
use super::orgs::{parse_orgs, Orgs};
use super::text::{join_wrapped, trim};

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: u32,
    pub title: String,
    pub original_title: Option<String>,
    pub relisted: bool,
    pub orgs: Orgs,
    pub blocks: Blocks,
}

const RELISTED: &str = "【再掲】";

/// The row number and the text after it, when `t` can open a row (`6`, `4 長時間労働の是正 …`).
pub fn row_start(t: &str) -> Option<(u32, &str)> {
    let (num, rest) = match t.split_once(' ') {
        Some((n, r)) => (n, trim(r)),
        None => (t, ""),
    };
    if num.is_empty() || num.len() > 3 || !num.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: u32 = num.parse().ok()?;
    (number > 0).then_some((number, rest))
}

/// Parses the lines of one row, the first being its number line.
pub fn parse_row(lines: &[(u32, &str)], warnings: &mut Vec<Warning>) -> Option<Row> {
    let (&(first_line, first), rest) = lines.split_first()?;
    let (number, inline) = row_start(trim(first))?;
    let label_at = rest.iter().position(|(_, l)| is_content_label(trim(l)))?;
    let head = &rest[..label_at];
    let body = &rest[label_at..];

    let (title_lines, org_lines): (Vec<&str>, Vec<&str>) = if inline.is_empty() {
        // Title lines run to the first blank line after them; organisations follow.
        let start = head.iter().position(|(_, l)| !trim(l).is_empty()).unwrap_or(head.len());
        let end = head[start..].iter().position(|(_, l)| trim(l).is_empty()).map_or(head.len(), |p| start + p);
        (head[start..end].iter().map(|(_, l)| trim(l)).collect(), head[end..].iter().map(|(_, l)| *l).collect())
    } else {
        let (title, orgs_inline) = match inline.split_once(' ') {
            Some((t, o)) => (t, Some(o)),
            None => (inline, None),
        };
        let mut org_lines: Vec<&str> = orgs_inline.into_iter().collect();
        org_lines.extend(head.iter().map(|(_, l)| *l));
        (vec![title], org_lines)
    };

    let (title, original_title, relisted) = split_title(&title_lines);
    if title.is_empty() {
        warnings.push(Warning::new(first_line, "title", format!("row {number} has no title")));
    }
    let orgs = parse_orgs(org_lines);
    for fragment in &orgs.incomplete {
        warnings.push(Warning::new(
            first_line,
            "departments",
            format!("row {number}: `{fragment}` does not end like a department (部/庁/局) or division (課/室/センター)"),
        ));
    }
    if orgs.departments.is_empty() {
        warnings.push(Warning::new(first_line, "departments", format!("row {number} has no department")));
    }
    if orgs.divisions.is_empty() {
        warnings.push(Warning::new(first_line, "divisions", format!("row {number} has no division")));
    }
    let blocks = parse_blocks(body, warnings);
    Some(Row { number, title, original_title, relisted, orgs, blocks })
}

/// Joins the title cell and takes out `【再掲】` and the bracketed original title after it.
fn split_title(lines: &[&str]) -> (String, Option<String>, bool) {
    let mut joined = String::new();
    let mut marker_at = None;
    for line in lines {
        let line = trim(line);
        if let Some(pos) = line.find(RELISTED) {
            join_wrapped(&mut joined, &line[..pos]);
            marker_at = Some(joined.len());
            join_wrapped(&mut joined, &line[pos + RELISTED.len()..]);
        } else {
            join_wrapped(&mut joined, line);
        }
    }
    let Some(at) = marker_at else {
        return (joined, None, false);
    };
    let (before, after) = joined.split_at(at);
    let after = trim(after);
    if before.is_empty() {
        // 【再掲】 printed before the title.
        return (after.to_string(), None, true);
    }
    let original = after
        .strip_prefix('（')
        .and_then(|s| s.strip_suffix('）'))
        .or_else(|| after.strip_prefix('(').and_then(|s| s.strip_suffix(')')))
        .map(str::to_string);
    let title = if original.is_none() && !after.is_empty() { format!("{before}{after}") } else { before.to_string() };
    (title, original, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::blocks::BlockKind;

    fn lines(text: &str) -> Vec<(u32, &str)> {
        text.lines().enumerate().map(|(i, l)| (i as u32 + 10, l)).collect()
    }

    fn row(text: &str) -> (Row, Vec<Warning>) {
        let mut w = Vec::new();
        let r = parse_row(&lines(text), &mut w).expect("a row");
        (r, w)
    }

    #[test]
    fn multi_line_row() {
        let (r, w) = row("1\n部局横断プロジェクト\nチームの制度化・運用\n\n総務部\n新行政推進\n室\n\n○\n\n主な取組内容\n・プロジェクト");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(r.number, 1);
        assert_eq!(r.title, "部局横断プロジェクトチームの制度化・運用");
        assert_eq!(r.orgs.departments, ["総務部"]);
        assert_eq!(r.orgs.divisions, ["新行政推進室"]);
        assert!(r.orgs.zencho);
        assert_eq!(r.blocks.texts(BlockKind::Content), ["・プロジェクト"]);
    }

    #[test]
    fn one_line_row() {
        let (r, _) = row("4 長時間労働の是正 総務部 人事課 ○\n\n主な取組内容\n・時間外勤務");
        assert_eq!((r.number, r.title.as_str()), (4, "長時間労働の是正"));
        assert_eq!((r.orgs.departments.clone(), r.orgs.divisions.clone(), r.orgs.zencho), (vec!["総務部".to_string()], vec!["人事課".to_string()], true));
    }

    #[test]
    fn half_one_line_row() {
        let (r, _) = row("5 新技術の導入・活用 総務部\nスマート県庁\n推進課\n\n○\n\n主な取組内容\n・RPA");
        assert_eq!(r.title, "新技術の導入・活用");
        assert_eq!(r.orgs.divisions, ["スマート県庁推進課"]);
        assert!(r.orgs.zencho);
        let (r, _) = row("1 電子決裁の徹底\n総務部\n\n教育庁\n\n総務文書課\n\n教育政策課\n○\n\n主な取組内容\n・電子決裁");
        assert_eq!(r.orgs.departments, ["総務部", "教育庁"]);
        assert_eq!(r.orgs.divisions, ["総務文書課", "教育政策課"]);
    }

    #[test]
    fn relisted_marker_before_the_title() {
        let (r, _) = row("1\n\n【再掲】\nプロジェクトチーム制や\n兼務発令等を活用し\nた部門間連携の推進\n\n総務部\n新行政推進\n室\n\n主な取組内容\n・a");
        assert!(r.relisted);
        assert_eq!(r.title, "プロジェクトチーム制や兼務発令等を活用した部門間連携の推進");
        assert_eq!(r.original_title, None);
    }

    #[test]
    fn relisted_marker_after_the_title_with_the_original_in_brackets() {
        let (r, _) = row("2\n\n業務見直し等による現\n場と接する機会・時間\nの確保・拡大\n【再掲】\n（新技術の導入・活\n用）\n\n総務部\nスマート県庁\n推進課\n\n○\n\n主な取組内容\n・a");
        assert!(r.relisted);
        assert_eq!(r.title, "業務見直し等による現場と接する機会・時間の確保・拡大");
        assert_eq!(r.original_title.as_deref(), Some("新技術の導入・活用"));
    }

    #[test]
    fn brackets_in_an_ordinary_title_stay() {
        let (r, _) = row("2\n会議の運営効率化\n（開催数の抑制や事務\n効率化）\n\n総務部\n新行政推進\n室\n\n主な取組内容\n・a");
        assert_eq!(r.title, "会議の運営効率化（開催数の抑制や事務効率化）");
        assert!(!r.relisted);
    }

    #[test]
    fn a_row_without_division_warns_with_its_line() {
        let (_, w) = row("3 貸付金の回収 総務部\n\n主な取組内容\n・a");
        assert_eq!(w.len(), 1);
        assert_eq!((w[0].line, w[0].field), (10, "divisions"));
    }

    #[test]
    fn row_numbers() {
        assert_eq!(row_start("6"), Some((6, "")));
        assert_eq!(row_start("4 長時間労働の是正"), Some((4, "長時間労働の是正")));
        assert_eq!(row_start("10月  各職場へ"), None);
        assert_eq!(row_start("1\u{3000}「B試験」"), None);
        assert_eq!(row_start("0"), None);
    }
}
