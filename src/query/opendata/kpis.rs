//! The KPIs: one row per KPI with its verdict, one per figure, one per judged target, and the
//! targets and actuals with years as columns (the layout of the RSシステム's 目標・実績).

use std::collections::BTreeSet;

use super::{Code, CodeList, Column, Field, FieldType, ForeignKey, Table, TableMeta, Value};
use crate::fiscal::era_short;
use crate::model::{ActualStatus, Aggregate, Comparator, Direction, Kpi, KpiOrigin, KpiPoint, PointKind, Report};
use crate::query::achievement::{self, Judgement, Method, Reason, Status};

pub(super) fn tables(report: &Report) -> Vec<Table> {
    vec![kpis(report), points(report, &report.kpis), judgements(report)]
}

// ---- codes ---------------------------------------------------------------------------------

pub(super) fn status_codes() -> Vec<Code> {
    Status::ALL.iter().map(|s| Code::new(s.key(), s.label_ja(), s.mark())).collect()
}

/// The direction as the RSシステム (行政事業レビュー) names it, 改善の上向き／下向き: `up` and
/// `down` read as that, and no reader (or checker) takes one for a misspelling of the other, as
/// `increase` and `decrease` were.
fn direction_key(d: Direction) -> &'static str {
    match d {
        Direction::Increase => "up",
        Direction::Decrease => "down",
    }
}

fn direction_codes() -> Vec<Code> {
    vec![Code::new("up", "増加が良い（改善の方向は上向き）", ""), Code::new("down", "減少が良い（改善の方向は下向き）", "")]
}

fn origin_key(o: KpiOrigin) -> &'static str {
    match o {
        KpiOrigin::Extracted => "extracted",
        KpiOrigin::Override => "override",
        KpiOrigin::Derived => "derived",
    }
}

fn origin_codes() -> Vec<Code> {
    vec![
        Code::new("extracted", "報告書の表から読み取った", ""),
        Code::new("override", "確認済みの補正表（overrides.json）による", ""),
        Code::new("derived", "対前年度の増減から算出した前年度の値", ""),
    ]
}

/// A figure's kind: a target, a result (final, estimated or preliminary), or a budget or plan.
fn point_kind_key(p: &KpiPoint) -> &'static str {
    match (p.kind, p.status) {
        (PointKind::Target, _) => "target",
        (PointKind::Plan, _) => "budget",
        (PointKind::Actual, Some(ActualStatus::Estimate)) => "estimate",
        (PointKind::Actual, Some(ActualStatus::Preliminary)) => "preliminary",
        (PointKind::Actual, _) => "actual",
    }
}

fn point_kind_codes() -> Vec<Code> {
    vec![
        Code::new("target", "目標", ""),
        Code::new("actual", "実績", ""),
        Code::new("estimate", "実績見込", ""),
        Code::new("preliminary", "実績速報値", ""),
        Code::new("budget", "予算・計画（判定しない）", ""),
    ]
}

fn comparator_key(c: Comparator) -> &'static str {
    match c {
        Comparator::AtLeast => "at_least",
        Comparator::AtMost => "at_most",
        Comparator::Below => "below",
        Comparator::Above => "above",
        Comparator::About => "about",
        Comparator::Equal => "equal",
    }
}

fn comparator_codes() -> Vec<Code> {
    vec![
        Code::new("at_least", "以上", "≧"),
        Code::new("at_most", "以下", "≦"),
        Code::new("below", "未満", "<"),
        Code::new("above", "超", ">"),
        Code::new("about", "程度（5%以内なら達成）", "≒"),
        Code::new("equal", "その値ちょうど", "="),
    ]
}

fn aggregate_key(a: Aggregate) -> &'static str {
    match a {
        Aggregate::EachYear => "each_year",
        Aggregate::Average => "average",
        Aggregate::Total => "total",
    }
}

fn aggregate_codes() -> Vec<Code> {
    vec![Code::new("each_year", "毎年度（期間の各年度で満たす）", ""), Code::new("average", "期間の平均", ""), Code::new("total", "期間の合計", "")]
}

fn method_key(m: Method) -> &'static str {
    match m {
        Method::Level => "level",
        Method::EachYear => "each_year",
        Method::Average => "average",
        Method::Total => "total",
        Method::Cagr => "cagr",
        Method::Linear => "linear",
    }
}

fn method_codes() -> Vec<Code> {
    vec![
        Code::new("level", "1つの実績を目標と比べる", ""),
        Code::new("each_year", "各年度の実績を目標と比べる", ""),
        Code::new("average", "期間の実績の平均を目標と比べる", ""),
        Code::new("total", "期間の実績の合計を目標と比べる", ""),
        Code::new("cagr", "最初の実績からの年平均成長率を必要な成長率と比べる（R）", ""),
        Code::new("linear", "値がゼロ以下のため 1年あたりの増減で比べる（R）", ""),
    ]
}

fn reason_key(r: Reason) -> &'static str {
    match r {
        Reason::NoActual => "no_actual",
        Reason::SingleActual => "single_actual",
        Reason::NoDirection => "no_direction",
        Reason::BaseEqualsTarget => "base_equals_target",
        Reason::IncompleteSpan => "incomplete_span",
    }
}

fn reason_codes() -> Vec<Code> {
    [Reason::NoActual, Reason::SingleActual, Reason::NoDirection, Reason::BaseEqualsTarget, Reason::IncompleteSpan].iter().map(|r| Code::new(reason_key(*r), r.label_ja(), "")).collect()
}

// ---- kpis ----------------------------------------------------------------------------------

const KPIS: TableMeta = TableMeta {
    name: "kpis",
    title_ja: "KPI",
    description_ja: "KPI ごとに1行。判定はダッシュボードと同じ規則による。",
    primary_key: &["kpi_id"],
    foreign_keys: &[ForeignKey { fields: &["initiative_id"], table: "initiatives", reference: &["initiative_id"] }],
};

pub struct KpiRow<'a> {
    kpi: &'a Kpi,
    status: Status,
}

fn kpis(report: &Report) -> Table {
    Table::build(KPIS, &kpi_columns(), report.kpis.iter().map(|kpi| KpiRow { kpi, status: achievement::overall(report, kpi) })).with_edition(report)
}

fn kpi_columns<'a>() -> Vec<Column<KpiRow<'a>>> {
    vec![
        Column { name: "kpi_id", label_ja: "KPI番号", kind: FieldType::String, unit: "", description_ja: "取組番号-k番号（例 II-2-2-5-k1）", required: true, codes: None, value: |r| Value::text(&r.kpi.id) },
        Column { name: "initiative_id", label_ja: "取組番号", kind: FieldType::String, unit: "", description_ja: "KPI を掲げた取組の行（再掲の行ではなく元の行）", required: true, codes: None, value: |r| Value::text(&r.kpi.initiative) },
        Column { name: "label", label_ja: "指標", kind: FieldType::String, unit: "", description_ja: "指標の名前（報告書のまま）", required: true, codes: None, value: |r| Value::text(&r.kpi.label) },
        Column { name: "unit", label_ja: "単位", kind: FieldType::String, unit: "", description_ja: "値の単位（報告書のまま。百分率は ％）。報告書が単位を書いていなければ -（ラスパイレス指数のように単位のない指標もある）", required: false, codes: None, value: |r| Value::text(&r.kpi.unit) },
        Column { name: "direction", label_ja: "改善の方向", kind: FieldType::String, unit: "", description_ja: "どちらが良いか。報告書が示さないときは -", required: false, codes: Some(CodeList { name: "direction", codes: direction_codes }), value: |r| Value::opt_text(r.kpi.direction.map(direction_key)) },
        Column { name: "status", label_ja: "判定", kind: FieldType::String, unit: "", description_ja: "KPI をまとめた判定のコード（kpi_judgements.csv の is_headline の行）", required: true, codes: Some(CodeList { name: "status", codes: status_codes }), value: |r| Value::text(r.status.key()) },
        Column { name: "point_count", label_ja: "値の数", kind: FieldType::Integer, unit: "件", description_ja: "kpi_points.csv の行数", required: true, codes: None, value: |r| Value::count(r.kpi.series.len()) },
        Column { name: "origin", label_ja: "読み取り", kind: FieldType::String, unit: "", description_ja: "KPI をどう得たか", required: true, codes: Some(CodeList { name: "origin", codes: origin_codes }), value: |r| Value::text(origin_key(r.kpi.origin)) },
    ]
}

// ---- points --------------------------------------------------------------------------------

const POINTS: TableMeta = TableMeta {
    name: "kpi_points",
    title_ja: "KPI の値",
    description_ja: "報告書に書かれた KPI の値ごとに1行。値は単位を除いた数。",
    primary_key: &["kpi_id", "point_number"],
    foreign_keys: &[
        ForeignKey { fields: &["kpi_id"], table: "kpis", reference: &["kpi_id"] },
        ForeignKey { fields: &["initiative_id"], table: "initiatives", reference: &["initiative_id"] },
    ],
};

/// One figure of a KPI.
pub struct PointRow<'a> {
    pub report: &'a Report,
    pub kpi: &'a Kpi,
    pub order: usize,
    pub point: &'a KpiPoint,
}

impl<'a> PointRow<'a> {
    /// Every figure of `kpis`, in their order.
    pub fn all(report: &'a Report, kpis: impl IntoIterator<Item = &'a Kpi>) -> Vec<PointRow<'a>> {
        kpis.into_iter().flat_map(|kpi| kpi.series.iter().enumerate().map(move |(n, point)| PointRow { report, kpi, order: n + 1, point })).collect()
    }
}

/// `kpi_points.csv` of `kpis` (all of them, or those a view lists).
pub fn points<'a>(report: &'a Report, kpis: impl IntoIterator<Item = &'a Kpi>) -> Table {
    Table::build(POINTS, &point_columns(), PointRow::all(report, kpis)).with_edition(report)
}

/// The columns of `kpi_points.csv`, also those of the KPI download.
pub fn point_columns<'a>() -> Vec<Column<PointRow<'a>>> {
    vec![
        Column { name: "kpi_id", label_ja: "KPI番号", kind: FieldType::String, unit: "", description_ja: "KPI", required: true, codes: None, value: |r| Value::text(&r.kpi.id) },
        Column { name: "point_number", label_ja: "値の番号", kind: FieldType::Integer, unit: "", description_ja: "KPI の中での順（1から）", required: true, codes: None, value: |r| Value::count(r.order) },
        Column { name: "initiative_id", label_ja: "取組番号", kind: FieldType::String, unit: "", description_ja: "KPI を掲げた取組の行", required: true, codes: None, value: |r| Value::text(&r.kpi.initiative) },
        Column { name: "label", label_ja: "指標", kind: FieldType::String, unit: "", description_ja: "指標の名前", required: true, codes: None, value: |r| Value::text(&r.kpi.label) },
        Column { name: "unit", label_ja: "単位", kind: FieldType::String, unit: "", description_ja: "value の単位。報告書が単位を書いていなければ -", required: false, codes: None, value: |r| Value::text(&r.kpi.unit) },
        Column { name: "direction", label_ja: "改善の方向", kind: FieldType::String, unit: "", description_ja: "どちらが良いか。報告書が示さないときは -", required: false, codes: Some(CodeList { name: "direction", codes: direction_codes }), value: |r| Value::opt_text(r.kpi.direction.map(direction_key)) },
        Column { name: "kpi_status", label_ja: "判定", kind: FieldType::String, unit: "", description_ja: "KPI をまとめた判定のコード（kpis.csv の status と同じ）", required: true, codes: Some(CodeList { name: "status", codes: status_codes }), value: |r| Value::text(achievement::overall(r.report, r.kpi).key()) },
        Column { name: "kind", label_ja: "区分", kind: FieldType::String, unit: "", description_ja: "目標か実績（見込や速報値を含む）か予算・計画か", required: true, codes: Some(CodeList { name: "point_kind", codes: point_kind_codes }), value: |r| Value::text(point_kind_key(r.point)) },
        Column { name: "fiscal_year", label_ja: "年度", kind: FieldType::Integer, unit: "年度", description_ja: "会計年度（4月から翌年3月）の始まる西暦年。年度の書かれていない目標（判定は目標年度の記載なし）と、毎年度の目標と期間の平均は -", required: false, codes: None, value: |r| Value::opt_int(r.point.fiscal_year) },
        Column { name: "fiscal_year_wareki", label_ja: "年度（和暦）", kind: FieldType::String, unit: "", description_ja: "同じ年度の和暦の略記（元号の頭文字と年。R は令和）。年度がなければ -", required: false, codes: None, value: |r| Value::opt_text(r.point.fiscal_year.map(era_short)) },
        Column { name: "value", label_ja: "値", kind: FieldType::Number, unit: "", description_ja: "値（単位は unit の列。桁区切りなし。負の値は - を付ける）", required: true, codes: None, value: |r| Value::Number(r.point.value) },
        Column { name: "comparator", label_ja: "目標の比べ方", kind: FieldType::String, unit: "", description_ja: "目標の値に添えられた語（以上や以下など）のコード。実績などの行と、語のない目標は -", required: false, codes: Some(CodeList { name: "comparator", codes: comparator_codes }), value: |r| Value::opt_text(r.point.comparator.map(comparator_key)) },
        Column { name: "upper", label_ja: "目標の上限", kind: FieldType::Number, unit: "", description_ja: "範囲で示された目標の上限（下限は value）。範囲でなければ -", required: false, codes: None, value: |r| Value::opt_number(r.point.upper) },
        Column { name: "aggregate", label_ja: "目標の集計", kind: FieldType::String, unit: "", description_ja: "期間にわたる目標や平均の集計方法のコード。期間にわたらない値は -", required: false, codes: Some(CodeList { name: "aggregate", codes: aggregate_codes }), value: |r| Value::opt_text(r.point.aggregate.map(aggregate_key)) },
        Column { name: "span_first_year", label_ja: "期間の最初の年度", kind: FieldType::Integer, unit: "年度", description_ja: "目標や平均が対象とする期間の最初の年度（西暦）。期間のない値と、期間の最初が書かれていない目標は -", required: false, codes: None, value: |r| Value::opt_int(r.point.span.and_then(|s| s[0])) },
        Column { name: "span_last_year", label_ja: "期間の最後の年度", kind: FieldType::Integer, unit: "年度", description_ja: "同じ期間の最後の年度（西暦）。期間のない値と、期間の最後が書かれていない目標は -", required: false, codes: None, value: |r| Value::opt_int(r.point.span.and_then(|s| s[1])) },
        Column { name: "alternative_kpi", label_ja: "又はの相手のKPI", kind: FieldType::String, unit: "", description_ja: "「又は」で結ばれた目標のもう一方の KPI 番号。「又は」の目標でなければ -", required: false, codes: None, value: |r| Value::opt_text(r.point.alternative.as_deref()) },
        Column { name: "origin", label_ja: "読み取り", kind: FieldType::String, unit: "", description_ja: "値をどう得たか", required: true, codes: Some(CodeList { name: "origin", codes: origin_codes }), value: |r| Value::text(origin_key(r.point.origin)) },
        Column { name: "source_line_number", label_ja: "出典の行番号", kind: FieldType::Integer, unit: "行", description_ja: "値が書かれた出典テキストの行番号（1から数える）", required: true, codes: None, value: |r| Value::Integer(r.point.line.into()) },
        Column { name: "source_page_number", label_ja: "掲載ページ番号", kind: FieldType::Integer, unit: "ページ", description_ja: "その行の印刷されたページ番号。ページの見出しが抽出できなかったときは空欄", required: false, codes: None, value: |r| Value::opt_int(r.report.report.source.page_of(r.point.line)).or_unknown() },
    ]
}

// ---- judgements ----------------------------------------------------------------------------

const JUDGEMENTS: TableMeta = TableMeta {
    name: "kpi_judgements",
    title_ja: "KPI の判定",
    description_ja: "KPI の目標ごとに1行。判定とその規則と判定に使った値。規則の説明は codebook.md にある。",
    primary_key: &["kpi_id", "target_number"],
    foreign_keys: &[ForeignKey { fields: &["kpi_id"], table: "kpis", reference: &["kpi_id"] }],
};

pub struct JudgementRow<'a> {
    kpi: &'a Kpi,
    order: usize,
    judgement: Judgement<'a>,
    headline: bool,
}

fn judgements(report: &Report) -> Table {
    let year = report.report.fiscal_year;
    let rows = report.kpis.iter().flat_map(|kpi| {
        let judged = achievement::judge(report, kpi);
        let headline = achievement::headline(&judged, year).map(|h| (h.target.line, h.target.fiscal_year));
        judged
            .into_iter()
            .enumerate()
            .map(move |(n, judgement)| {
                let is_headline = headline == Some((judgement.target.line, judgement.target.fiscal_year));
                JudgementRow { kpi, order: n + 1, judgement, headline: is_headline }
            })
            .collect::<Vec<_>>()
    });
    Table::build(JUDGEMENTS, &judgement_columns(), rows).with_edition(report)
}

fn judgement_columns<'a>() -> Vec<Column<JudgementRow<'a>>> {
    vec![
        Column { name: "kpi_id", label_ja: "KPI番号", kind: FieldType::String, unit: "", description_ja: "KPI", required: true, codes: None, value: |r| Value::text(&r.kpi.id) },
        Column { name: "target_number", label_ja: "目標の番号", kind: FieldType::Integer, unit: "", description_ja: "KPI の目標の順（1から）", required: true, codes: None, value: |r| Value::count(r.order) },
        Column { name: "status", label_ja: "判定", kind: FieldType::String, unit: "", description_ja: "この目標の判定のコード", required: true, codes: Some(CodeList { name: "status", codes: status_codes }), value: |r| Value::text(r.judgement.status.key()) },
        Column { name: "is_headline", label_ja: "KPIの判定", kind: FieldType::Boolean, unit: "", description_ja: "KPI をまとめた判定（kpis.csv の status）がこの目標のものなら true", required: true, codes: None, value: |r| Value::Boolean(r.headline) },
        Column { name: "reason", label_ja: "判定できない理由", kind: FieldType::String, unit: "", description_ja: "判定できないときの理由のコード。判定できたときは -", required: false, codes: Some(CodeList { name: "reason", codes: reason_codes }), value: |r| Value::opt_text(r.judgement.reason.map(reason_key)) },
        Column { name: "method", label_ja: "比べ方", kind: FieldType::String, unit: "", description_ja: "実績と目標の比べ方のコード", required: true, codes: Some(CodeList { name: "method", codes: method_codes }), value: |r| Value::text(method_key(r.judgement.method)) },
        Column { name: "target_fiscal_year", label_ja: "目標年度", kind: FieldType::Integer, unit: "年度", description_ja: "目標の年度（西暦）。書かれていなければ -", required: false, codes: None, value: |r| Value::opt_int(r.judgement.target.fiscal_year) },
        Column { name: "target_value", label_ja: "目標値", kind: FieldType::Number, unit: "", description_ja: "目標の値（単位は kpis.csv の unit）", required: true, codes: None, value: |r| Value::Number(r.judgement.target.value) },
        Column { name: "comparator", label_ja: "目標の比べ方", kind: FieldType::String, unit: "", description_ja: "目標に添えられた語のコード。なければ -", required: false, codes: Some(CodeList { name: "comparator", codes: comparator_codes }), value: |r| Value::opt_text(r.judgement.target.comparator.map(comparator_key)) },
        Column { name: "targets_from_kpi", label_ja: "目標を借りたKPI", kind: FieldType::String, unit: "", description_ja: "この KPI に目標がなく、同じ指標の KPI の目標で判定したときのその KPI 番号。借りていなければ -", required: false, codes: None, value: |r| Value::opt_text(r.judgement.targets_from.map(|k| k.id.as_str())) },
        Column { name: "actual_fiscal_year", label_ja: "実績の年度", kind: FieldType::Integer, unit: "年度", description_ja: "判定に使った実績の年度（西暦）。実績を使っていないときと、期間の平均の実績は -", required: false, codes: None, value: |r| Value::opt_int(r.judgement.actual.and_then(|a| a.fiscal_year)) },
        Column { name: "actual_value", label_ja: "実績値", kind: FieldType::Number, unit: "", description_ja: "判定に使った実績の値（単位は kpis.csv の unit）。実績を使っていなければ -", required: false, codes: None, value: |r| Value::opt_number(r.judgement.actual.map(|a| a.value)) },
        Column { name: "observed_value", label_ja: "比べた値", kind: FieldType::Number, unit: "", description_ja: "目標と比べた値（平均や合計の目標ではその平均や合計。単位は kpis.csv の unit）。比べていなければ -", required: false, codes: None, value: |r| Value::opt_number(r.judgement.observed) },
        Column { name: "gap", label_ja: "目標との差", kind: FieldType::Number, unit: "", description_ja: "比べた値から目標値を引いた差（単位は kpis.csv の unit）。比べていないときと判定できないときは -", required: false, codes: None, value: |r| Value::opt_number(r.judgement.gap.map(|g| g.difference)) },
        Column { name: "percent_of_target", label_ja: "目標に対する割合", kind: FieldType::Number, unit: "%", description_ja: "目標に対する達成の割合。100 以上なら目標を満たす向き。比べていないときや判定できないとき、目標値が 0 のときは -", required: false, codes: None, value: |r| Value::opt_number(r.judgement.percent) },
        Column { name: "ratio", label_ja: "R", kind: FieldType::Number, unit: "", description_ja: "先の目標について、実際の伸びを必要な伸びで割った値 R。R で判定しないときは -", required: false, codes: None, value: |r| Value::opt_number(r.judgement.ratio) },
        Column { name: "base_fiscal_year", label_ja: "基準の年度", kind: FieldType::Integer, unit: "年度", description_ja: "R を測った最初の実績の年度（西暦）。R で判定しないときは -", required: false, codes: None, value: |r| Value::opt_int(r.judgement.base.and_then(|b| b.fiscal_year)) },
        Column { name: "base_value", label_ja: "基準値", kind: FieldType::Number, unit: "", description_ja: "その最初の実績の値（単位は kpis.csv の unit）。R で判定しないときは -", required: false, codes: None, value: |r| Value::opt_number(r.judgement.base.map(|b| b.value)) },
        Column { name: "either_kpi", label_ja: "又はの相手のKPI", kind: FieldType::String, unit: "", description_ja: "「又は」の目標のもう一方の KPI 番号。「又は」の目標でなければ -", required: false, codes: None, value: |r| Value::opt_text(r.judgement.either.as_ref().map(|e| e.other.as_str())) },
        Column { name: "either_status", label_ja: "又はの相手の判定", kind: FieldType::String, unit: "", description_ja: "そのもう一方の判定のコード。「又は」の目標でなければ -", required: false, codes: Some(CodeList { name: "status", codes: status_codes }), value: |r| Value::opt_text(r.judgement.either.as_ref().map(|e| e.other_status.key())) },
        Column { name: "target_source_line_number", label_ja: "目標の出典の行番号", kind: FieldType::Integer, unit: "行", description_ja: "目標の値が書かれた出典テキストの行番号", required: true, codes: None, value: |r| Value::Integer(r.judgement.target.line.into()) },
        Column { name: "actual_source_line_number", label_ja: "実績の出典の行番号", kind: FieldType::Integer, unit: "行", description_ja: "実績の値が書かれた出典テキストの行番号。実績を使っていなければ -", required: false, codes: None, value: |r| Value::opt_int(r.judgement.actual.map(|a| a.line)) },
    ]
}

// ---- the RS layout -------------------------------------------------------------------------

const RS_LAYOUT: TableMeta = TableMeta {
    name: "kpis_rs",
    title_ja: "KPI の目標・実績（年度を列とする形）",
    description_ja: "KPI ごとに目標の行と実績の行。年度を列とし RSシステムの目標・実績の欄と同じ並びにした参考の表。同じ年度に値が2つ以上あるときは最後に書かれた値。",
    primary_key: &["kpi_id", "row_kind"],
    foreign_keys: &[ForeignKey { fields: &["kpi_id"], table: "kpis", reference: &["kpi_id"] }],
};

pub struct RsRow<'a> {
    kpi: &'a Kpi,
    kind: PointKind,
}

fn rs_columns<'a>() -> Vec<Column<RsRow<'a>>> {
    vec![
        Column { name: "kpi_id", label_ja: "KPI番号", kind: FieldType::String, unit: "", description_ja: "KPI", required: true, codes: None, value: |r| Value::text(&r.kpi.id) },
        Column { name: "initiative_id", label_ja: "取組番号", kind: FieldType::String, unit: "", description_ja: "KPI を掲げた取組の行", required: true, codes: None, value: |r| Value::text(&r.kpi.initiative) },
        Column { name: "label", label_ja: "成果指標", kind: FieldType::String, unit: "", description_ja: "指標の名前", required: true, codes: None, value: |r| Value::text(&r.kpi.label) },
        Column { name: "unit", label_ja: "単位", kind: FieldType::String, unit: "", description_ja: "値の単位", required: false, codes: None, value: |r| Value::text(&r.kpi.unit) },
        Column { name: "improvement", label_ja: "改善の方向", kind: FieldType::String, unit: "", description_ja: "上向き（増加が良い）か下向き（減少が良い）か。報告書が示さないときは -", required: false, codes: Some(CodeList { name: "improvement", codes: improvement_codes }), value: |r| Value::opt_text(r.kpi.direction.map(direction_key)) },
        Column { name: "row_kind", label_ja: "区分", kind: FieldType::String, unit: "", description_ja: "目標の行か実績の行か", required: true, codes: Some(CodeList { name: "rs_kind", codes: rs_kind_codes }), value: |r| Value::text(rs_kind_key(r.kind)) },
    ]
}

/// The same codes as [`direction_codes`], labelled with the RSシステム's own words.
fn improvement_codes() -> Vec<Code> {
    vec![Code::new("up", "上向き", ""), Code::new("down", "下向き", "")]
}

fn rs_kind_key(k: PointKind) -> &'static str {
    match k {
        PointKind::Target => "target",
        _ => "actual",
    }
}

fn rs_kind_codes() -> Vec<Code> {
    vec![Code::new("target", "目標値", ""), Code::new("actual", "実績値（見込や速報値を含む）", "")]
}

/// The name of the column of fiscal year `y`.
pub fn rs_year_column(y: i32) -> String {
    format!("fy{y}")
}

/// Targets and results with a year as columns, one row each per KPI that prints them; budget
/// figures left out. A year with several figures of one kind shows the last printed.
pub(super) fn rs_layout(report: &Report) -> Table {
    let years: BTreeSet<i32> = report.kpis.iter().flat_map(|k| &k.series).filter(|p| p.kind != PointKind::Plan).filter_map(|p| p.fiscal_year).collect();
    let rows: Vec<RsRow> = report
        .kpis
        .iter()
        .flat_map(|kpi| [PointKind::Target, PointKind::Actual].into_iter().map(move |kind| RsRow { kpi, kind }))
        .filter(|r| r.kpi.series.iter().any(|p| p.kind == r.kind && p.fiscal_year.is_some()))
        .collect();
    let mut table = Table::build(RS_LAYOUT, &rs_columns(), rows.iter().map(|r| RsRow { kpi: r.kpi, kind: r.kind }));
    for &y in &years {
        table.fields.push(Field {
            name: rs_year_column(y),
            label_ja: format!("{y}年度"),
            kind: FieldType::Number,
            unit: String::new(),
            description_ja: format!("{y}年度（{}）の値（単位は unit の列）。その年度の値がなければ -", era_short(y)),
            required: false,
            code_list: None,
            codes: Vec::new(),
            pattern: None,
        });
    }
    for (cells, r) in table.rows.iter_mut().zip(&rows) {
        for &y in &years {
            let last = r.kpi.series.iter().rfind(|p| p.kind == r.kind && p.fiscal_year == Some(y));
            cells.push(Value::opt_number(last.map(|p| p.value)));
        }
    }
    table.with_edition(report)
}
