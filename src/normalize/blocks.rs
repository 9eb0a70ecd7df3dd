//! The text cells of a row: 主な取組内容, ◎目標, 取組状況 with 【課題】, 次年度の取組.
//! Wrapped lines are joined; bullets (`・`, `【…】`, `※`) start new items and are kept as printed.

use super::diag::Warning;
use super::text::{join_wrapped, trim};
use crate::model::TextLines;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Content,
    Targets,
    Status,
    Challenges,
    NextYear,
}

impl BlockKind {
    pub fn field(self) -> &'static str {
        match self {
            BlockKind::Content => "content",
            BlockKind::Targets => "targets",
            BlockKind::Status => "status",
            BlockKind::Challenges => "challenges",
            BlockKind::NextYear => "next_year",
        }
    }
}

/// One bullet or paragraph, with the source lines it was joined from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    pub lines: Vec<(u32, String)>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Blocks {
    pub content: Vec<Item>,
    pub targets: Vec<Item>,
    pub status: Vec<Item>,
    pub challenges: Vec<Item>,
    pub next_year: Vec<Item>,
}

impl Blocks {
    pub fn get(&self, kind: BlockKind) -> &[Item] {
        match kind {
            BlockKind::Content => &self.content,
            BlockKind::Targets => &self.targets,
            BlockKind::Status => &self.status,
            BlockKind::Challenges => &self.challenges,
            BlockKind::NextYear => &self.next_year,
        }
    }

    fn get_mut(&mut self, kind: BlockKind) -> &mut Vec<Item> {
        match kind {
            BlockKind::Content => &mut self.content,
            BlockKind::Targets => &mut self.targets,
            BlockKind::Status => &mut self.status,
            BlockKind::Challenges => &mut self.challenges,
            BlockKind::NextYear => &mut self.next_year,
        }
    }

    pub fn texts(&self, kind: BlockKind) -> Vec<String> {
        self.get(kind).iter().map(|i| i.text.clone()).collect()
    }

    /// The line each item begins on, cell by cell (`row_line`, the row's first, for an item
    /// without lines); no achieved marks yet (the overrides give them, `assemble/marks.rs`).
    pub fn lines(&self, row_line: u32) -> TextLines {
        let of = |kind| self.get(kind).iter().map(|i: &Item| i.lines.first().map_or(row_line, |l| l.0)).collect();
        TextLines {
            content: of(BlockKind::Content),
            targets: of(BlockKind::Targets),
            status: of(BlockKind::Status),
            challenges: of(BlockKind::Challenges),
            next_year: of(BlockKind::NextYear),
            achieved_marks: Vec::new(),
        }
    }
}

/// Labels that open the first cell of a row.
pub const CONTENT_LABELS: &[&str] = &["主な取組内容", "主な取組項目", "主な取組状況"];
const STATUS_LABELS: &[&str] = &["取組状況", "取組状況・課題"];
const NEXT_YEAR_LABELS: &[&str] = &["次年度の取組", "次年度の取組内容"];

pub fn is_content_label(t: &str) -> bool {
    CONTENT_LABELS.contains(&t)
}

/// Which block a label line opens, given the block we are in.
/// `令和6年度の取組状況` or `令和6年度の取組状況・課題`: the status label with the report's year,
/// whatever the year and era.
fn is_dated_status_label(t: &str) -> bool {
    STATUS_LABELS.iter().any(|label| {
        t.strip_suffix(label)
            .and_then(|year| year.strip_suffix('の'))
            .is_some_and(|year| crate::fiscal::fiscal_year_of(year).is_some())
    })
}

fn label_kind(t: &str, current: Option<BlockKind>, has_content: bool) -> Option<BlockKind> {
    if CONTENT_LABELS.contains(&t) && !has_content {
        return Some(BlockKind::Content);
    }
    // `取組内容` opens the content cell when it is the first label, else the status cell.
    if t == "取組内容" {
        return Some(if has_content { BlockKind::Status } else { BlockKind::Content });
    }
    if STATUS_LABELS.contains(&t) || is_dated_status_label(t) {
        return Some(BlockKind::Status);
    }
    if NEXT_YEAR_LABELS.contains(&t) {
        return Some(BlockKind::NextYear);
    }
    // ◎目標 inside 次年度の取組 is next year's target: it stays there as printed.
    if t.starts_with("◎目標") && current != Some(BlockKind::NextYear) {
        return Some(BlockKind::Targets);
    }
    if t == "【課題】" && matches!(current, Some(BlockKind::Status)) {
        return Some(BlockKind::Challenges);
    }
    None
}

/// How a non-blank line relates to the item before it (no blank line between them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joint {
    /// A new item: a bullet, a heading, a note, a period or month row, a sub-item.
    NewItem,
    /// The PDF wrapped a sentence: the line goes on directly.
    Wrapped,
    /// A footnote's term is followed by its definition, or a row by its right-aligned figure:
    /// one item, the two parts kept apart by an ideographic space.
    Beside,
}

/// Decides whether `raw` (trimmed `t`) continues the open item whose last source line is `prev`.
fn joint(prev: &str, t: &str, raw: &str) -> Joint {
    let prev = trim(prev);
    // A heading alone on its line and a target dated in brackets end their item.
    if is_heading_line(prev) || ends_with_bracketed_year(prev) {
        return Joint::NewItem;
    }
    // `（※）の検証を実施し`: the mark belongs to the word that ended the line before.
    if footnote_mark_of_previous_word(t) {
        return Joint::Wrapped;
    }
    // `（※）パーソナル系データ` then `・個人の属性情報…`: the definition, even as a bullet.
    if is_footnote_term(prev) && !t.starts_with(['（', '(', '※', '【']) {
        return Joint::Beside;
    }
    if starts_item(t) {
        return Joint::NewItem;
    }
    let indent = raw.chars().take_while(|c| *c == ' ' || *c == '\u{3000}').count();
    if indent == 0 {
        return Joint::Wrapped;
    }
    // Indented lines are sub-items in the printed cell, except where they continue what the
    // line before left open.
    if indent >= RIGHT_ALIGNED_INDENT {
        Joint::Beside
    } else if ends_mid_sentence(prev) {
        Joint::Wrapped
    } else {
        Joint::NewItem
    }
}

/// Indentation of a figure pushed to the right edge of its cell (`　…　月3回`).
const RIGHT_ALIGNED_INDENT: usize = 8;

/// Lines that start a new item by their first characters.
fn starts_item(t: &str) -> bool {
    const MARKS: &[&str] = &["・", "【", "※", "（※）", "(※)", "◎", "→", "〔"];
    MARKS.iter().any(|m| t.starts_with(m)) || starts_with_period_label(t) || starts_with_numbered_point(t) || starts_with_month(t) || t.starts_with("平均")
}

/// `【RPA活用推進】` alone on its line: a heading, never the start of a sentence.
fn is_heading_line(t: &str) -> bool {
    t.starts_with('【') && t.ends_with('】')
}

/// `制度の試行・検証（令和3～4年度）`: a target dated in brackets at the end of its line.
fn ends_with_bracketed_year(t: &str) -> bool {
    t.ends_with("年度）") || t.ends_with("年度～）")
}

/// `（※）の`, `（※）や`, `（※）など`: a footnote mark followed by a particle.
fn footnote_mark_of_previous_word(t: &str) -> bool {
    let rest = t.strip_prefix("（※）").or_else(|| t.strip_prefix("(※)"));
    rest.and_then(|r| r.chars().next()).is_some_and(|c| ('\u{3041}'..='\u{3096}').contains(&c))
}

/// `（※）AIチャットボット`: a footnote's term alone on its line, its definition below.
fn is_footnote_term(t: &str) -> bool {
    // Only the bracketed mark: a bare `※` opens a note written as a sentence.
    let rest = t.strip_prefix("（※）").or_else(|| t.strip_prefix("(※)"));
    !footnote_mark_of_previous_word(t) && rest.is_some_and(|r| !r.is_empty() && !r.contains(['：', ':', '。', '、']) && r.chars().count() <= 20)
}

/// A line that stops inside a sentence: after a particle or a comma.
fn ends_mid_sentence(t: &str) -> bool {
    t.ends_with(['で', 'を', 'に', 'が', 'は', 'と', 'の', 'や', 'て', '、', 'し'])
}

/// `9月　結果を職員に通知`, `10月  各職場へ`: a row of a timeline.
fn starts_with_month(t: &str) -> bool {
    let digits = t.chars().take_while(|c| crate::fiscal::fold_char(*c).is_ascii_digit()).count();
    let rest: String = t.chars().skip(digits).take(2).collect();
    (1..=2).contains(&digits) && (rest == "月\u{3000}" || rest == "月 ")
}

/// `令和3年度：40所属`, `R2.4：13.4％`, `令和5年度 1.5億円`: one figure per line.
fn starts_with_period_label(t: &str) -> bool {
    let folded = crate::fiscal::fold_ascii(t);
    let head: String = folded.chars().take_while(|c| !matches!(c, '：' | ':' | ' ' | '…' | '　')).collect();
    if head.len() == folded.len() {
        return false;
    }
    crate::fiscal::fiscal_year_of(&head).is_some()
}

/// `1　「B試験」…`: a numbered point (digit and an ideographic space).
fn starts_with_numbered_point(t: &str) -> bool {
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0 && t.chars().nth(digits) == Some('\u{3000}')
}

fn heading_key(t: &str) -> Option<String> {
    let inner = t.strip_prefix('【')?.strip_suffix('】')?;
    Some(inner.replace("（※）", "").replace("(※)", ""))
}

/// Splits the body of a row (from its first label on) into blocks.
pub fn parse_blocks(body: &[(u32, &str)], warnings: &mut Vec<Warning>) -> Blocks {
    let mut blocks = Blocks::default();
    let mut current: Option<BlockKind> = None;
    let mut open = false; // the last item may take a wrapped continuation
    let mut status_headings: Vec<String> = Vec::new();
    for &(number, raw) in body {
        let t = trim(raw);
        if t.is_empty() {
            open = false;
            continue;
        }
        if let Some(kind) = label_kind(t, current, !blocks.content.is_empty() || current.is_some()) {
            current = Some(kind);
            open = false;
            if kind == BlockKind::Status {
                status_headings.clear();
            }
            // A qualified target label (`◎目標（令和6年度）`) keeps its qualifier as an item.
            if kind == BlockKind::Targets && t != "◎目標" {
                let qualifier = t.trim_start_matches("◎目標");
                blocks.targets.push(Item { text: qualifier.to_string(), lines: vec![(number, raw.to_string())] });
            }
            continue;
        }
        let Some(mut kind) = current else {
            warnings.push(Warning::new(number, "content", format!("text before the first cell label, kept as content: {t}")));
            current = Some(BlockKind::Content);
            blocks.content.push(Item { text: t.to_string(), lines: vec![(number, raw.to_string())] });
            open = true;
            continue;
        };
        if let Some(key) = heading_key(t) {
            // After 【課題】 a results heading returns to the status cell.
            if kind == BlockKind::Challenges && key.contains("実績") {
                kind = BlockKind::Status;
                current = Some(kind);
            }
            // The next-year column repeats the status column's headings; when its label was
            // lost in extraction, the first repeated heading is where it starts.
            if kind == BlockKind::Status {
                if status_headings.contains(&key) {
                    warnings.push(Warning::new(
                        number,
                        "next_year",
                        format!("label 次年度の取組 missing; next-year cell assumed to start at repeated heading {t}"),
                    ));
                    kind = BlockKind::NextYear;
                    current = Some(kind);
                } else {
                    status_headings.push(key);
                }
            }
        }
        if kind == BlockKind::Challenges && t.starts_with('◎') {
            kind = BlockKind::Status;
            current = Some(kind);
        }
        let items = blocks.get_mut(kind);
        let how = match items.last() {
            Some(last) if open && !last.text.ends_with('。') => joint(&last.lines.last().map_or(String::new(), |l| l.1.clone()), t, raw),
            _ => Joint::NewItem,
        };
        match (items.last_mut(), how) {
            (Some(last), Joint::Wrapped) => {
                join_wrapped(&mut last.text, t);
                last.lines.push((number, raw.to_string()));
            }
            (Some(last), Joint::Beside) => {
                last.text.push('\u{3000}');
                last.text.push_str(t);
                last.lines.push((number, raw.to_string()));
            }
            _ => items.push(Item { text: t.to_string(), lines: vec![(number, raw.to_string())] }),
        }
        open = true;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Vec<(u32, &str)> {
        text.lines().enumerate().map(|(i, l)| (i as u32 + 1, l)).collect()
    }

    fn parse(text: &str) -> (Blocks, Vec<Warning>) {
        let mut w = Vec::new();
        let b = parse_blocks(&body(text), &mut w);
        (b, w)
    }

    #[test]
    fn cells_bullets_and_wrapped_lines() {
        let (b, w) = parse(
            "主な取組内容\n・県民サービス向上を目的とした電子申請システムの\n活用\n\n◎目標\n・電子申請利用所属数（累計）\n・令和3年度：40所属\n\n取組状況\n・オンライン化の前提\n\n【課題】\n・各部局との調整が\n必要\n\n次年度の取組\n・部局の実状に応じたオンライン\n化を推進",
        );
        assert!(w.is_empty());
        assert_eq!(b.texts(BlockKind::Content), ["・県民サービス向上を目的とした電子申請システムの活用"]);
        assert_eq!(b.texts(BlockKind::Targets), ["・電子申請利用所属数（累計）", "・令和3年度：40所属"]);
        assert_eq!(b.texts(BlockKind::Status), ["・オンライン化の前提"]);
        assert_eq!(b.texts(BlockKind::Challenges), ["・各部局との調整が必要"]);
        assert_eq!(b.texts(BlockKind::NextYear), ["・部局の実状に応じたオンライン化を推進"]);
        assert_eq!(b.targets[1].lines, [(7, "・令和3年度：40所属".to_string())]);
    }

    #[test]
    fn label_variants() {
        let (b, _) = parse("主な取組内容\n・a\n\n◎目標\n制度の試行\n\n取組内容\n・b\n\n次年度の取組内容\n・c");
        assert_eq!(b.texts(BlockKind::Status), ["・b"]);
        assert_eq!(b.texts(BlockKind::NextYear), ["・c"]);
        let (b, _) = parse("主な取組状況\n・a\n\n◎目標\n【見直し】\n\n取組状況\n・b");
        assert_eq!(b.texts(BlockKind::Content), ["・a"]);
        assert_eq!(b.texts(BlockKind::Status), ["・b"]);
    }

    #[test]
    fn year_lines_without_bullets_are_separate_items() {
        let (b, _) = parse("◎目標\nテレビ会議開催件数\n令和3年度：1,700件\n令和4年度：3,000件\n\n取組状況\n　R1：950名\n　R2：1,618名（R1比70%増）");
        assert_eq!(b.texts(BlockKind::Targets), ["テレビ会議開催件数", "令和3年度：1,700件", "令和4年度：3,000件"]);
        assert_eq!(b.texts(BlockKind::Status), ["R1：950名", "R2：1,618名（R1比70%増）"]);
    }

    #[test]
    fn body_lines_starting_with_digits_stay_text() {
        let (b, _) = parse("取組状況\n1　「B試験」（4月実施）の充実\n・企画力\n\n2　テストセンターで\nパソコンを用いた試験");
        assert_eq!(b.texts(BlockKind::Status), ["1　「B試験」（4月実施）の充実", "・企画力", "2　テストセンターでパソコンを用いた試験"]);
    }

    #[test]
    fn a_wrapped_footnote_mark_continues_its_sentence() {
        let (b, _) = parse("次年度の取組\n・AIチャットボット（※）やAI-OCR\n（※）の検証を実施し、効果検\n証、本格導入の可否判断実施");
        assert_eq!(b.texts(BlockKind::NextYear), ["・AIチャットボット（※）やAI-OCR（※）の検証を実施し、効果検証、本格導入の可否判断実施"]);
        let (b, _) = parse("取組状況\n・デジタルツールを活用した業務プロセスの改善として、RPA\n（※）など各種ICTツールの導入を進める");
        assert_eq!(b.texts(BlockKind::Status), ["・デジタルツールを活用した業務プロセスの改善として、RPA（※）など各種ICTツールの導入を進める"]);
    }

    #[test]
    fn a_footnote_term_and_its_definition_are_one_item() {
        let (b, _) = parse("次年度の取組\n（※）AIチャットボット\n 蓄積したデータ等を基にAIが質\n問に対して自動的に回答するプ\nログラム\n（※）AI-OCR\n紙の書類をデジタルデータ化す\nる技術");
        assert_eq!(
            b.texts(BlockKind::NextYear),
            ["（※）AIチャットボット\u{3000}蓄積したデータ等を基にAIが質問に対して自動的に回答するプログラム", "（※）AI-OCR\u{3000}紙の書類をデジタルデータ化する技術"]
        );
        let (b, _) = parse("取組状況\n（※）Microsoft Teams\n\u{3000}チャットや通話、ビデオ会議");
        assert_eq!(b.texts(BlockKind::Status), ["（※）Microsoft Teams\u{3000}チャットや通話、ビデオ会議"]);
        let (b, _) = parse("取組状況\n（※）パーソナル系データ\n・個人の属性情報や行動履歴等に基づく個々に紐づくデータ");
        assert_eq!(b.texts(BlockKind::Status), ["（※）パーソナル系データ\u{3000}・個人の属性情報や行動履歴等に基づく個々に紐づくデータ"]);
    }

    #[test]
    fn a_note_wrapped_mid_word_is_no_footnote_term() {
        let (b, _) = parse("主な取組内容\n※所属長判断により一時的な応援体制の構築や配\n置変更などの迅速・柔軟な対応が可能");
        assert_eq!(b.texts(BlockKind::Content), ["※所属長判断により一時的な応援体制の構築や配置変更などの迅速・柔軟な対応が可能"]);
        let (b, _) = parse("取組状況\n\u{3000}\u{3000}※人口１万人当たりの知事部局等の職員数は全国で\n\u{3000}\u{3000}\u{3000}24位（国の定員管理調査による）");
        assert_eq!(b.texts(BlockKind::Status), ["※人口１万人当たりの知事部局等の職員数は全国で24位（国の定員管理調査による）"]);
    }

    #[test]
    fn indented_lines_continue_only_what_was_left_open() {
        let (b, _) = parse("取組状況\n・維持管理の受入れを前提に所管課で\n\u{3000}システムの安定稼働を確認中\u{3000}１システム");
        assert_eq!(b.texts(BlockKind::Status), ["・維持管理の受入れを前提に所管課でシステムの安定稼働を確認中\u{3000}１システム"]);
        let right = format!("主な取組内容\n・心療内科医または精神科医師による相談\n{}月3回", "\u{3000}".repeat(16));
        let (b, _) = parse(&right);
        assert_eq!(b.texts(BlockKind::Content), ["・心療内科医または精神科医師による相談\u{3000}月3回"]);
        // A bullet naming a training, then its description: two items as printed.
        let (b, _) = parse("取組状況\n・e-ラーニング研修\n\u{3000}必修項目を設定し、130名が受講");
        assert_eq!(b.texts(BlockKind::Status), ["・e-ラーニング研修", "必修項目を設定し、130名が受講"]);
    }

    #[test]
    fn a_heading_stays_its_own_item() {
        let (b, _) = parse("取組状況\n【RPA活用推進】\n引き続きRPAの活用を推進\n\n【実績】\n令和5年度（見込）\n・徴収率\u{3000}99.0％");
        assert_eq!(b.texts(BlockKind::Status), ["【RPA活用推進】", "引き続きRPAの活用を推進", "【実績】", "令和5年度（見込）", "・徴収率\u{3000}99.0％"]);
    }

    #[test]
    fn averages_and_timeline_rows_are_their_own_items() {
        let (b, _) = parse("取組状況\n令和5年度\u{3000}97.3％（令和5年4月号～令和6年3月号）\n平均\u{3000}\u{3000}96.6％");
        assert_eq!(b.texts(BlockKind::Status), ["令和5年度\u{3000}97.3％（令和5年4月号～令和6年3月号）", "平均\u{3000}\u{3000}96.6％"]);
        let (b, _) = parse("主な取組内容\n・高ストレス者には医師による面談を推奨\n  7月\u{3000}職員のストレスチェックを実施\n  9月\u{3000}結果を職員に通知\n10月  各職場へ集団分析結果の通知");
        assert_eq!(
            b.texts(BlockKind::Content),
            ["・高ストレス者には医師による面談を推奨", "7月\u{3000}職員のストレスチェックを実施", "9月\u{3000}結果を職員に通知", "10月  各職場へ集団分析結果の通知"]
        );
    }

    #[test]
    fn targets_dated_in_brackets_are_one_per_line() {
        let (b, _) = parse("◎目標\n制度の試行・検証（令和3～4年度）\n本格実施（令和5年度）");
        assert_eq!(b.texts(BlockKind::Targets), ["制度の試行・検証（令和3～4年度）", "本格実施（令和5年度）"]);
    }

    #[test]
    fn next_year_target_stays_in_next_year() {
        let (b, _) = parse("次年度の取組\n・FAQを随時更新\n\n◎目標（令和6年度）\n・テレビ会議開催件数：3,200件");
        assert!(b.targets.is_empty());
        assert_eq!(b.texts(BlockKind::NextYear), ["・FAQを随時更新", "◎目標（令和6年度）", "・テレビ会議開催件数：3,200件"]);
    }

    #[test]
    fn target_qualifier_is_kept() {
        let (b, _) = parse("◎目標（毎年度（令和6年度まで））\n・寄附額　30,000千円");
        assert_eq!(b.texts(BlockKind::Targets), ["（毎年度（令和6年度まで））", "・寄附額　30,000千円"]);
    }

    #[test]
    fn results_heading_after_challenges_returns_to_status() {
        let (b, _) = parse("取組状況\n・用途廃止\n\n【課題】\n・地区ごとの職員数\n\n【実績】\n・用途廃止公舎：1棟15戸");
        assert_eq!(b.texts(BlockKind::Challenges), ["・地区ごとの職員数"]);
        assert_eq!(b.texts(BlockKind::Status), ["・用途廃止", "【実績】", "・用途廃止公舎：1棟15戸"]);
    }

    #[test]
    fn a_lost_next_year_label_is_inferred_from_a_repeated_heading() {
        let (b, w) = parse("取組状況\n【RPA（※）活用推進】\n・引き続き推進\n\n【RPA活用推進】\n・引き続きRPAの活用を推進");
        assert_eq!(b.texts(BlockKind::Status), ["【RPA（※）活用推進】", "・引き続き推進"]);
        assert_eq!(b.texts(BlockKind::NextYear), ["【RPA活用推進】", "・引き続きRPAの活用を推進"]);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 5);
    }
}
