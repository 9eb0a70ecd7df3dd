//! The plan's rows: subsections with their two axes, initiatives, where each was printed, their
//! departments and divisions, and their text items.

use super::{Code, CodeList, Column, FieldType, ForeignKey, Table, TableMeta, Value, LIST_SEPARATOR};
use crate::model::{Initiative, LineSpan, Occurrence, Rating, Report, Subsection};
use crate::query::achievement::VerdictGroup;
use crate::query::verdicts::{subsection_axes, Disagreement, SubsectionAxes};

pub(super) fn tables(report: &Report) -> Vec<Table> {
    vec![
        subsections(report),
        subsection_sources(report),
        initiatives(report, report.initiatives.iter()),
        Table::build(SOURCES, &source_columns(), report.initiatives.iter().flat_map(|i| i.source.iter().enumerate().map(move |(n, occ)| SourceRow { ini: i, order: n + 1, occ }))).with_edition(report),
        organisations(report),
        initiative_organisations(report),
        texts(report, report.initiatives.iter()),
    ]
}

// ---- codes ---------------------------------------------------------------------------------

fn rating_codes() -> Vec<Code> {
    Rating::ALL.iter().map(|r| Code::new(r.key(), r.label_ja(), r.mark())).collect()
}

fn disagreement_key(d: Disagreement) -> &'static str {
    match d {
        Disagreement::OnTrackWithKpiBehind => "on_track_with_kpi_behind",
        Disagreement::DelayedWithKpisMet => "delayed_with_kpis_met",
    }
}

fn disagreement_codes() -> Vec<Code> {
    [Disagreement::OnTrackWithKpiBehind, Disagreement::DelayedWithKpisMet].iter().map(|d| Code::new(disagreement_key(*d), d.label_ja(), "")).collect()
}

/// A text block of a row, in the order the report prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextBlock {
    Content,
    Targets,
    Status,
    Challenges,
    NextYear,
    AchievedMarks,
}

impl TextBlock {
    pub const ALL: [TextBlock; 6] = [TextBlock::Content, TextBlock::Targets, TextBlock::Status, TextBlock::Challenges, TextBlock::NextYear, TextBlock::AchievedMarks];

    pub fn key(self) -> &'static str {
        match self {
            TextBlock::Content => "content",
            TextBlock::Targets => "targets",
            TextBlock::Status => "status",
            TextBlock::Challenges => "challenges",
            TextBlock::NextYear => "next_year",
            TextBlock::AchievedMarks => "achieved_marks",
        }
    }

    /// The cell's heading in the report (the status cell names the report's year).
    pub fn label_ja(self) -> &'static str {
        match self {
            TextBlock::Content => "主な取組内容",
            TextBlock::Targets => "目標",
            TextBlock::Status => "取組状況",
            TextBlock::Challenges => "課題",
            TextBlock::NextYear => "次年度の取組",
            TextBlock::AchievedMarks => "達成済の表示",
        }
    }

    pub fn items(self, i: &Initiative) -> &[String] {
        match self {
            TextBlock::Content => &i.content,
            TextBlock::Targets => &i.targets,
            TextBlock::Status => &i.status,
            TextBlock::Challenges => &i.challenges,
            TextBlock::NextYear => &i.next_year,
            TextBlock::AchievedMarks => &i.achieved_marks,
        }
    }

    /// The line the `n`th item (from 0) of this cell begins on, where the report gives it
    /// (schema 2.4.0 on).
    pub fn line(self, i: &Initiative, n: usize) -> Option<u32> {
        let lines = i.text_lines.as_ref()?;
        // The block's key is the report's field name.
        let (_, _, cell) = i.text_cells(lines).into_iter().find(|(field, ..)| *field == self.key())?;
        cell.get(n).copied()
    }
}

fn block_codes() -> Vec<Code> {
    TextBlock::ALL.iter().map(|b| Code::new(b.key(), b.label_ja(), "")).collect()
}

// ---- subsections ---------------------------------------------------------------------------

const SUBSECTIONS: TableMeta = TableMeta {
    name: "subsections",
    title_ja: "小項目と進捗状況",
    description_ja: "小項目ごとに1行。報告書の進捗状況（○/△）とその小項目の KPI の判定の内訳を並べる。",
    primary_key: &["subsection_id"],
    foreign_keys: &[],
};

pub struct SubsectionRow<'a> {
    report: &'a Report,
    sub: &'a Subsection,
    axes: SubsectionAxes,
}

impl SubsectionRow<'_> {
    fn kpis_in(&self, group: VerdictGroup) -> Value {
        Value::count(self.axes.kpis.iter().filter(|(s, _)| s.group() == group).map(|(_, n)| n).sum())
    }
}

fn subsections(report: &Report) -> Table {
    let rows = report.subsections.iter().filter_map(|sub| Some(SubsectionRow { report, sub, axes: subsection_axes(report, &sub.id)? }));
    Table::build(SUBSECTIONS, &subsection_columns(), rows).with_edition(report)
}

pub fn subsection_columns<'a>() -> Vec<Column<SubsectionRow<'a>>> {
    vec![
        Column { name: "subsection_id", label_ja: "小項目番号", kind: FieldType::String, unit: "", description_ja: "柱-項目-小項目の番号（例 II-2-2）", required: true, codes: None, value: |r| Value::text(&r.sub.id) },
        Column { name: "pillar_id", label_ja: "柱番号", kind: FieldType::String, unit: "", description_ja: "柱の番号（ローマ数字を ASCII で書いたもの）", required: true, codes: None, value: |r| Value::text(&r.sub.pillar) },
        Column { name: "pillar_title", label_ja: "柱", kind: FieldType::String, unit: "", description_ja: "柱の題名", required: true, codes: None, value: |r| Value::opt_text(r.report.pillar(&r.sub.pillar).map(|p| p.title.as_str())) },
        Column { name: "section_number", label_ja: "項目番号", kind: FieldType::Integer, unit: "", description_ja: "柱の中の項目の番号（項目の id は pillar_id-section_number）", required: true, codes: None, value: |r| Value::opt_int(r.report.section(&r.sub.section).map(|s| s.number)) },
        Column { name: "subsection_number", label_ja: "小項目番号（項目の中）", kind: FieldType::Integer, unit: "", description_ja: "項目の中の小項目の番号", required: true, codes: None, value: |r| Value::Integer(r.sub.number.into()) },
        Column { name: "section_title", label_ja: "項目", kind: FieldType::String, unit: "", description_ja: "項目の題名", required: true, codes: None, value: |r| Value::opt_text(r.report.section(&r.sub.section).map(|s| s.title.as_str())) },
        Column { name: "subsection_title", label_ja: "小項目", kind: FieldType::String, unit: "", description_ja: "小項目の題名", required: true, codes: None, value: |r| Value::text(&r.sub.title) },
        Column { name: "relisted", label_ja: "再掲", kind: FieldType::Boolean, unit: "", description_ja: "別の項目の下に再び掲げた小項目（【再掲】）なら true", required: true, codes: None, value: |r| Value::Boolean(r.sub.relisted) },
        Column { name: "rating", label_ja: "進捗状況", kind: FieldType::String, unit: "", description_ja: "報告書の進捗状況の記号をコードで表したもの。記号が印刷されていなければ -", required: false, codes: Some(CodeList { name: "rating", codes: rating_codes }), value: |r| Value::opt_text(r.sub.rating.map(|x| x.key())) },
        Column { name: "kpi_count", label_ja: "KPI数", kind: FieldType::Integer, unit: "指標", description_ja: "小項目の取組の KPI の数（再掲の行の KPI は元の行の KPI として1回数える）", required: true, codes: None, value: |r| Value::count(r.axes.kpis.iter().map(|(_, n)| n).sum()) },
        Column { name: "kpi_count_reached", label_ja: "目標に届いたか順調のKPI数", kind: FieldType::Integer, unit: "指標", description_ja: "判定が達成または目標水準に到達済みまたは順調の KPI の数", required: true, codes: None, value: |r| r.kpis_in(VerdictGroup::Reached) },
        Column { name: "kpi_count_behind", label_ja: "未達成か遅れのKPI数", kind: FieldType::Integer, unit: "指標", description_ja: "判定が未達成か、目標への推移が足りない KPI の数", required: true, codes: None, value: |r| r.kpis_in(VerdictGroup::Behind) },
        Column { name: "kpi_count_unjudged", label_ja: "判定できないKPI数", kind: FieldType::Integer, unit: "指標", description_ja: "目標年度や実績の記載がなく判定できない KPI の数", required: true, codes: None, value: |r| r.kpis_in(VerdictGroup::Unjudged) },
        Column { name: "kpi_count_no_target", label_ja: "目標なしのKPI数", kind: FieldType::Integer, unit: "指標", description_ja: "数値目標の記載がなく実績だけの KPI の数", required: true, codes: None, value: |r| r.kpis_in(VerdictGroup::NoTarget) },
        Column { name: "disagreement", label_ja: "進捗状況とKPIの食い違い", kind: FieldType::String, unit: "", description_ja: "進捗状況と KPI の判定が逆を指すときのコード。食い違いがなければ -", required: false, codes: Some(CodeList { name: "disagreement", codes: disagreement_codes }), value: |r| Value::opt_text(r.axes.disagreement.map(disagreement_key)) },
    ]
}

// ---- where each subsection was printed ---------------------------------------------------------

const SUBSECTION_SOURCES: TableMeta = TableMeta {
    name: "subsection_sources",
    title_ja: "小項目の掲載箇所",
    description_ja: "小項目が出典テキストに現れる箇所ごとに1行。",
    primary_key: &["subsection_id", "occurrence_number"],
    foreign_keys: &[ForeignKey { fields: &["subsection_id"], table: "subsections", reference: &["subsection_id"] }],
};

pub struct SubsectionSourceRow<'a> {
    sub: &'a Subsection,
    order: usize,
    span: &'a LineSpan,
}

fn subsection_sources(report: &Report) -> Table {
    let rows = report.subsections.iter().flat_map(|sub| sub.source.iter().enumerate().map(move |(n, span)| SubsectionSourceRow { sub, order: n + 1, span }));
    Table::build(SUBSECTION_SOURCES, &subsection_source_columns(), rows).with_edition(report)
}

fn subsection_source_columns<'a>() -> Vec<Column<SubsectionSourceRow<'a>>> {
    vec![
        Column { name: "subsection_id", label_ja: "小項目番号", kind: FieldType::String, unit: "", description_ja: "小項目", required: true, codes: None, value: |r| Value::text(&r.sub.id) },
        Column { name: "occurrence_number", label_ja: "箇所の番号", kind: FieldType::Integer, unit: "", description_ja: "出典テキストでの順（1から）", required: true, codes: None, value: |r| Value::count(r.order) },
        Column { name: "source_first_line_number", label_ja: "出典の最初の行番号", kind: FieldType::Integer, unit: "行", description_ja: "出典テキストの最初の行番号（1から数える）", required: true, codes: None, value: |r| Value::Integer(r.span.first_line.into()) },
        Column { name: "source_last_line_number", label_ja: "出典の最後の行番号", kind: FieldType::Integer, unit: "行", description_ja: "最後の行番号", required: true, codes: None, value: |r| Value::Integer(r.span.last_line.into()) },
    ]
}

// ---- initiatives ---------------------------------------------------------------------------

const INITIATIVES: TableMeta = TableMeta {
    name: "initiatives",
    title_ja: "取組",
    description_ja: "報告書の取組の行ごとに1行（再掲の行を含む）。",
    primary_key: &["initiative_id"],
    foreign_keys: &[ForeignKey { fields: &["subsection_id"], table: "subsections", reference: &["subsection_id"] }],
};

/// One printed row of the report, with the report it belongs to.
pub struct InitiativeRow<'a> {
    pub report: &'a Report,
    pub ini: &'a Initiative,
}

/// `initiatives.csv` of `rows` (all of them, or those a view lists).
pub fn initiatives<'a>(report: &'a Report, rows: impl IntoIterator<Item = &'a Initiative>) -> Table {
    Table::build(INITIATIVES, &initiative_columns(), rows.into_iter().map(|ini| InitiativeRow { report, ini })).with_edition(report)
}

/// The columns of `initiatives.csv`, also the first columns of the initiatives download.
pub fn initiative_columns<'a>() -> Vec<Column<InitiativeRow<'a>>> {
    vec![
        Column { name: "initiative_id", label_ja: "取組番号", kind: FieldType::String, unit: "", description_ja: "柱-項目-小項目-番号（例 II-2-2-5）", required: true, codes: None, value: |r| Value::text(&r.ini.id) },
        Column { name: "pillar_id", label_ja: "柱番号", kind: FieldType::String, unit: "", description_ja: "柱の番号", required: true, codes: None, value: |r| Value::text(&r.ini.pillar) },
        Column { name: "pillar_title", label_ja: "柱", kind: FieldType::String, unit: "", description_ja: "柱の題名", required: true, codes: None, value: |r| Value::opt_text(r.report.pillar(&r.ini.pillar).map(|p| p.title.as_str())) },
        Column { name: "section_number", label_ja: "項目番号", kind: FieldType::Integer, unit: "", description_ja: "柱の中の項目の番号（項目の id は pillar_id-section_number）", required: true, codes: None, value: |r| Value::opt_int(r.report.section(&r.ini.section).map(|s| s.number)) },
        Column { name: "section_title", label_ja: "項目", kind: FieldType::String, unit: "", description_ja: "項目の題名", required: true, codes: None, value: |r| Value::opt_text(r.report.section(&r.ini.section).map(|s| s.title.as_str())) },
        Column { name: "subsection_id", label_ja: "小項目番号", kind: FieldType::String, unit: "", description_ja: "柱-項目-小項目の番号", required: true, codes: None, value: |r| Value::text(&r.ini.subsection) },
        Column { name: "subsection_title", label_ja: "小項目", kind: FieldType::String, unit: "", description_ja: "小項目の題名", required: true, codes: None, value: |r| Value::opt_text(r.report.subsection(&r.ini.subsection).map(|s| s.title.as_str())) },
        Column { name: "title", label_ja: "取組項目", kind: FieldType::String, unit: "", description_ja: "取組項目の欄（【再掲】の印を除く）", required: true, codes: None, value: |r| Value::text(&r.ini.title) },
        Column { name: "original_title", label_ja: "再掲元の取組項目", kind: FieldType::String, unit: "", description_ja: "再掲の行で【再掲】のあとに括弧で示された元の題名。なければ -", required: false, codes: None, value: |r| Value::opt_text(r.ini.original_title.as_deref()) },
        Column { name: "departments", label_ja: "部局等", kind: FieldType::String, unit: "", description_ja: "部局等を印刷順に区切り文字 | でつないだもの（書かれていなければ -）。組の形は initiative_organisations.csv", required: false, codes: None, value: |r| Value::text(r.ini.departments.join(LIST_SEPARATOR)) },
        Column { name: "divisions", label_ja: "担当課", kind: FieldType::String, unit: "", description_ja: "担当課を印刷順に区切り文字 | でつないだもの（書かれていなければ -）。組の形は initiative_organisations.csv", required: false, codes: None, value: |r| Value::text(r.ini.divisions.join(LIST_SEPARATOR)) },
        Column { name: "zencho", label_ja: "全庁", kind: FieldType::Boolean, unit: "", description_ja: "全庁の欄に○があれば true", required: true, codes: None, value: |r| Value::Boolean(r.ini.zencho) },
        Column { name: "relisted", label_ja: "再掲", kind: FieldType::Boolean, unit: "", description_ja: "【再掲】の行（または再掲の小項目の行）なら true。件数を数えるときは除く", required: true, codes: None, value: |r| Value::Boolean(r.ini.relisted) },
        Column { name: "relisted_from", label_ja: "再掲元の取組番号", kind: FieldType::String, unit: "", description_ja: "再掲の行の元の行の取組番号。再掲でない行は -、元の行が見つからなければ空欄", required: false, codes: None, value: |r| if r.ini.relisted { Value::opt_text(r.ini.relisted_from.as_deref()).or_unknown() } else { Value::NotApplicable } },
        Column { name: "same_as", label_ja: "同一の取組番号", kind: FieldType::String, unit: "", description_ja: "【再掲】の印なしに同じ行が先に掲げられているとき、その最初の行の取組番号。なければ -", required: false, codes: None, value: |r| Value::opt_text(r.ini.same_as.as_deref()) },
        Column { name: "rating", label_ja: "進捗状況", kind: FieldType::String, unit: "", description_ja: "行の小項目の進捗状況のコード（subsections.csv と同じ。記号が印刷されていなければ -）", required: false, codes: Some(CodeList { name: "rating", codes: rating_codes }), value: |r| Value::opt_text(r.report.subsection(&r.ini.subsection).and_then(|s| s.rating).map(|x| x.key())) },
        Column { name: "kpi_count", label_ja: "KPI数", kind: FieldType::Integer, unit: "指標", description_ja: "この行の KPI の数（再掲の行は元の行の KPI を数える）", required: true, codes: None, value: |r| Value::count(r.ini.kpis.len()) },
        Column { name: "source_page_number", label_ja: "掲載ページ番号", kind: FieldType::Integer, unit: "ページ", description_ja: "最初に掲げられたページ番号。ページの見出しが抽出できなかったときは空欄。出典テキストの行番号とほかの掲載箇所は initiative_sources.csv", required: false, codes: None, value: |r| Value::opt_int(r.ini.source.first().and_then(|s| s.page)).or_unknown() },
    ]
}

// ---- where each row was printed --------------------------------------------------------------

const SOURCES: TableMeta = TableMeta {
    name: "initiative_sources",
    title_ja: "取組の掲載箇所",
    description_ja: "取組の行が出典テキストに現れる箇所ごとに1行。同じページが2回抽出された行は2回現れる。",
    primary_key: &["initiative_id", "occurrence_number"],
    foreign_keys: &[ForeignKey { fields: &["initiative_id"], table: "initiatives", reference: &["initiative_id"] }],
};

pub struct SourceRow<'a> {
    ini: &'a Initiative,
    order: usize,
    occ: &'a Occurrence,
}

fn source_columns<'a>() -> Vec<Column<SourceRow<'a>>> {
    vec![
        Column { name: "initiative_id", label_ja: "取組番号", kind: FieldType::String, unit: "", description_ja: "取組の行", required: true, codes: None, value: |r| Value::text(&r.ini.id) },
        Column { name: "occurrence_number", label_ja: "箇所の番号", kind: FieldType::Integer, unit: "", description_ja: "出典テキストでの順（1から）", required: true, codes: None, value: |r| Value::count(r.order) },
        Column { name: "source_page_number", label_ja: "掲載ページ番号", kind: FieldType::Integer, unit: "ページ", description_ja: "印刷されたページ番号。ページの見出しが抽出できなかったときは空欄", required: false, codes: None, value: |r| Value::opt_int(r.occ.page).or_unknown() },
        Column { name: "source_first_line_number", label_ja: "出典の最初の行番号", kind: FieldType::Integer, unit: "行", description_ja: "出典テキストの最初の行番号（1から数える）", required: true, codes: None, value: |r| Value::Integer(r.occ.first_line.into()) },
        Column { name: "source_last_line_number", label_ja: "出典の最後の行番号", kind: FieldType::Integer, unit: "行", description_ja: "最後の行番号", required: true, codes: None, value: |r| Value::Integer(r.occ.last_line.into()) },
    ]
}

// ---- organisations -------------------------------------------------------------------------

const ORGANISATIONS: TableMeta = TableMeta {
    name: "organisations",
    title_ja: "部局等と担当課",
    description_ja: "報告書に現れる部局等と担当課の組ごとに1行。担当課の部局等が報告書から分からないときは部局等を空欄とする。",
    primary_key: &["organisation_id"],
    foreign_keys: &[],
};

const INITIATIVE_ORGANISATIONS: TableMeta = TableMeta {
    name: "initiative_organisations",
    title_ja: "取組の部局等と担当課",
    description_ja: "取組の行ごとにその部局等と担当課の組を1行ずつ（印刷順）。",
    primary_key: &["initiative_id", "pair_number"],
    foreign_keys: &[
        ForeignKey { fields: &["initiative_id"], table: "initiatives", reference: &["initiative_id"] },
        ForeignKey { fields: &["organisation_id"], table: "organisations", reference: &["organisation_id"] },
    ],
};

/// A department and one of its divisions; a department without divisions has `division: None`,
/// a division whose department is not known `department: None`.
type Pair<'a> = (Option<&'a str>, Option<&'a str>);

/// The pairs of a row, in printed order.
fn pairs(ini: &Initiative) -> Vec<Pair<'_>> {
    ini.organisations
        .iter()
        .flat_map(|o| {
            let department = o.department.as_deref();
            let divisions: Vec<Option<&str>> = if o.divisions.is_empty() { vec![None] } else { o.divisions.iter().map(|d| Some(d.as_str())).collect() };
            divisions.into_iter().map(move |division| (department, division))
        })
        .collect()
}

/// Every pair of the report once, numbered from 1 in order of first appearance (plan order).
fn all_pairs(report: &Report) -> Vec<Pair<'_>> {
    let mut out: Vec<Pair> = Vec::new();
    for p in report.initiatives.iter().flat_map(pairs) {
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

pub struct OrganisationRow<'a> {
    id: usize,
    pair: Pair<'a>,
    rows: usize,
}

fn organisations(report: &Report) -> Table {
    let rows = all_pairs(report).into_iter().enumerate().map(|(n, pair)| OrganisationRow { id: n + 1, pair, rows: report.initiatives.iter().filter(|i| pairs(i).contains(&pair)).count() });
    Table::build(ORGANISATIONS, &organisation_columns(), rows).with_edition(report)
}

fn organisation_columns<'a>() -> Vec<Column<OrganisationRow<'a>>> {
    vec![
        Column { name: "organisation_id", label_ja: "組の番号", kind: FieldType::Integer, unit: "", description_ja: "部局等と担当課の組の番号（報告書に最初に現れる順）", required: true, codes: None, value: |r| Value::count(r.id) },
        Column { name: "department", label_ja: "部局等", kind: FieldType::String, unit: "", description_ja: "部局等。担当課の部局等が報告書から分からないときは空欄（画面では所属不明）", required: false, codes: None, value: |r| Value::opt_text(r.pair.0).or_unknown() },
        Column { name: "division", label_ja: "担当課", kind: FieldType::String, unit: "", description_ja: "担当課。部局等だけが書かれているときは -", required: false, codes: None, value: |r| Value::opt_text(r.pair.1) },
        Column { name: "department_known", label_ja: "部局等が分かる", kind: FieldType::Boolean, unit: "", description_ja: "部局等が分かれば true", required: true, codes: None, value: |r| Value::Boolean(r.pair.0.is_some()) },
        Column { name: "initiative_count", label_ja: "取組の行数", kind: FieldType::Integer, unit: "行", description_ja: "この組を含む取組の行の数（再掲の行を含む）", required: true, codes: None, value: |r| Value::count(r.rows) },
    ]
}

pub struct InitiativeOrganisationRow<'a> {
    ini: &'a Initiative,
    number: usize,
    organisation: usize,
}

fn initiative_organisations(report: &Report) -> Table {
    let all = all_pairs(report);
    let rows = report.initiatives.iter().flat_map(|ini| {
        let all = &all;
        pairs(ini).into_iter().enumerate().map(move |(n, p)| InitiativeOrganisationRow { ini, number: n + 1, organisation: all.iter().position(|x| *x == p).map_or(0, |i| i + 1) })
    });
    Table::build(INITIATIVE_ORGANISATIONS, &initiative_organisation_columns(), rows).with_edition(report)
}

fn initiative_organisation_columns<'a>() -> Vec<Column<InitiativeOrganisationRow<'a>>> {
    vec![
        Column { name: "initiative_id", label_ja: "取組番号", kind: FieldType::String, unit: "", description_ja: "取組の行", required: true, codes: None, value: |r| Value::text(&r.ini.id) },
        Column { name: "pair_number", label_ja: "組の順番号", kind: FieldType::Integer, unit: "", description_ja: "行の中での印刷順（1から）", required: true, codes: None, value: |r| Value::count(r.number) },
        Column { name: "organisation_id", label_ja: "組の番号", kind: FieldType::Integer, unit: "", description_ja: "organisations.csv の組", required: true, codes: None, value: |r| Value::count(r.organisation) },
    ]
}

// ---- text items ----------------------------------------------------------------------------

const TEXTS: TableMeta = TableMeta {
    name: "initiative_texts",
    title_ja: "取組の記載内容",
    description_ja: "取組の行の欄（取組内容／目標／取組状況／課題／次年度の取組／達成済の表示）の項目ごとに1行。箇条書きの記号（・ ※ 【】）は本文に残す。",
    primary_key: &["initiative_id", "block", "item_number"],
    foreign_keys: &[ForeignKey { fields: &["initiative_id"], table: "initiatives", reference: &["initiative_id"] }],
};

pub struct TextRow<'a> {
    ini: &'a Initiative,
    block: TextBlock,
    order: usize,
    text: &'a str,
}

/// `initiative_texts.csv` of `rows`, which are `report`'s.
pub fn texts<'a>(report: &Report, rows: impl IntoIterator<Item = &'a Initiative>) -> Table {
    Table::build(TEXTS, &text_columns(), rows.into_iter().flat_map(text_rows)).with_edition(report)
}

fn text_rows(ini: &Initiative) -> Vec<TextRow<'_>> {
    TextBlock::ALL.iter().flat_map(|&block| block.items(ini).iter().enumerate().map(move |(n, text)| TextRow { ini, block, order: n + 1, text })).collect()
}

fn text_columns<'a>() -> Vec<Column<TextRow<'a>>> {
    vec![
        Column { name: "initiative_id", label_ja: "取組番号", kind: FieldType::String, unit: "", description_ja: "取組の行", required: true, codes: None, value: |r| Value::text(&r.ini.id) },
        Column { name: "block", label_ja: "欄", kind: FieldType::String, unit: "", description_ja: "項目が書かれた欄のコード", required: true, codes: Some(CodeList { name: "block", codes: block_codes }), value: |r| Value::text(r.block.key()) },
        Column { name: "item_number", label_ja: "項目の番号", kind: FieldType::Integer, unit: "", description_ja: "欄の中での印刷順（1から）", required: true, codes: None, value: |r| Value::count(r.order) },
        Column { name: "text", label_ja: "記載内容", kind: FieldType::String, unit: "", description_ja: "項目の文。PDF の折り返しはつなぎ、余白の空白は半角スペース1つにした", required: true, codes: None, value: |r| Value::text(r.text) },
        Column { name: "source_line_number", label_ja: "出典の行番号", kind: FieldType::Integer, unit: "行", description_ja: "項目が始まる出典テキストの行番号（1から数える。達成済の表示は、そのページ下部の表示の行）。2.4.0 より前の報告書 JSON から作った表では空欄", required: false, codes: None, value: |r| Value::opt_int(r.block.line(r.ini, r.order - 1)).or_unknown() },
    ]
}

