//! The codebook: every field of every table (Japanese label, ASCII name, type, unit, whether it
//! may be empty) and every code, as two tables and as one page for people.

use super::{Code, CodeList, Column, Field, FieldType, Table, TableMeta, Value, LIST_SEPARATOR, NOT_APPLICABLE};
use crate::model::Report;

pub const MARKDOWN_FILE_NAME: &str = "codebook.md";

/// A rule of the Digital Agency's 「行政データにおける機械可読性に関するルール」 that does not
/// fit a table (or one column of it), and why. The open-data check accepts a finding of `rule`
/// on `file` (the published table and the views' download of the same columns) and nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleNotApplicable {
    pub file: &'static str,
    /// The column the rule's finding is about; `None` for the whole table.
    pub column: Option<&'static str>,
    pub rule: &'static str,
    pub reason_ja: &'static str,
}

const PROSE_NOT_A_LIST: &str = "この列は報告書の文や題名そのもの。読点（、）が2つ以上あるか中黒（・）が2つ以上ある値をルールは列挙とみなすが これは列挙ではなく1つの文（題名）であり 句読点を書き換えずに載せる。ほかの列にはこの指摘はない。";
const UNIT_IN_ITS_OWN_COLUMN: &str = "値の単位は KPI ごとに違うため列名には書けず、同じ行の unit の列（kpi_judgements.csv では kpis.csv の unit）に書く（縦長の表の形）。列の説明（datapackage.json とこの項目定義）にもそう書いてあり、ルールの求める単位の明記はこれで満たす。";
const YEAR_NEEDS_NO_UNIT: &str = "この列の、画面からのダウンロード（日本語の見出し「年度」）への指摘。値は西暦の年度そのもので 見出しの「年度」が単位にあたる（datapackage.json の unit も 年度）。公開する kpi_points.csv（見出し fiscal_year）には指摘はない。";

/// The only rules that do not apply, each with its reason.
pub const RULES_NOT_APPLICABLE: &[RuleNotApplicable] = &[
    RuleNotApplicable { file: "initiative_texts.csv", column: Some("text"), rule: "L1-07", reason_ja: PROSE_NOT_A_LIST },
    RuleNotApplicable { file: "initiatives.csv", column: Some("title"), rule: "L1-07", reason_ja: PROSE_NOT_A_LIST },
    RuleNotApplicable { file: "initiatives.csv", column: Some("section_title"), rule: "L1-07", reason_ja: PROSE_NOT_A_LIST },
    RuleNotApplicable { file: "initiatives.csv", column: Some("subsection_title"), rule: "L1-07", reason_ja: PROSE_NOT_A_LIST },
    RuleNotApplicable { file: "subsections.csv", column: Some("section_title"), rule: "L1-07", reason_ja: PROSE_NOT_A_LIST },
    RuleNotApplicable { file: "subsections.csv", column: Some("subsection_title"), rule: "L1-07", reason_ja: PROSE_NOT_A_LIST },
    RuleNotApplicable { file: "kpi_points.csv", column: Some("value"), rule: "L3-04", reason_ja: UNIT_IN_ITS_OWN_COLUMN },
    RuleNotApplicable { file: "kpi_points.csv", column: Some("fiscal_year"), rule: "L3-04", reason_ja: YEAR_NEEDS_NO_UNIT },
    RuleNotApplicable { file: "kpi_judgements.csv", column: Some("target_value"), rule: "L3-04", reason_ja: UNIT_IN_ITS_OWN_COLUMN },
    RuleNotApplicable { file: "kpi_judgements.csv", column: Some("actual_value"), rule: "L3-04", reason_ja: UNIT_IN_ITS_OWN_COLUMN },
    RuleNotApplicable { file: "kpi_judgements.csv", column: Some("observed_value"), rule: "L3-04", reason_ja: UNIT_IN_ITS_OWN_COLUMN },
];

const FIELDS: TableMeta = TableMeta {
    name: "codebook",
    title_ja: "項目定義",
    description_ja: "公開する表の列ごとに1行。",
    primary_key: &["table_name", "field_name"],
    foreign_keys: &[],
};

const CODES: TableMeta = TableMeta {
    name: "codes",
    title_ja: "コード表",
    description_ja: "コードで書く列の値ごとに1行。",
    primary_key: &["code_list", "code"],
    foreign_keys: &[],
};

pub struct FieldRow<'a> {
    table: &'a str,
    field: &'a Field,
}

pub struct CodeRow<'a> {
    list: &'a str,
    code: &'a Code,
}

fn field_columns<'a>() -> Vec<Column<FieldRow<'a>>> {
    vec![
        Column { name: "table_name", label_ja: "表", kind: FieldType::String, unit: "", description_ja: "表の名前（ファイル名から .csv を除いたもの）", required: true, codes: None, value: |r| Value::text(r.table) },
        Column { name: "field_name", label_ja: "列名", kind: FieldType::String, unit: "", description_ja: "列の名前（ASCII）", required: true, codes: None, value: |r| Value::text(&r.field.name) },
        Column { name: "label_ja", label_ja: "項目名", kind: FieldType::String, unit: "", description_ja: "列の日本語の名前（画面からのダウンロードの見出し）", required: true, codes: None, value: |r| Value::text(&r.field.label_ja) },
        Column { name: "field_type", label_ja: "型", kind: FieldType::String, unit: "", description_ja: "Table Schema の型", required: true, codes: Some(CodeList { name: "field_type", codes: type_codes }), value: |r| Value::text(r.field.kind.key()) },
        Column { name: "unit", label_ja: "単位", kind: FieldType::String, unit: "", description_ja: "値の単位。単位が別の列にあるときや単位がないときは -", required: false, codes: None, value: |r| Value::text(&r.field.unit) },
        Column { name: "required", label_ja: "必須", kind: FieldType::Boolean, unit: "", description_ja: "すべての行に値があれば true", required: true, codes: None, value: |r| Value::Boolean(r.field.required) },
        Column { name: "code_list", label_ja: "コード表", kind: FieldType::String, unit: "", description_ja: "値がコードのとき codes.csv のコード表の名前。コードでなければ -", required: false, codes: None, value: |r| Value::opt_text(r.field.code_list) },
        Column { name: "description_ja", label_ja: "説明", kind: FieldType::String, unit: "", description_ja: "列の意味", required: true, codes: None, value: |r| Value::text(&r.field.description_ja) },
    ]
}

fn code_columns<'a>() -> Vec<Column<CodeRow<'a>>> {
    vec![
        Column { name: "code_list", label_ja: "コード表", kind: FieldType::String, unit: "", description_ja: "コード表の名前（codebook.csv の code_list）", required: true, codes: None, value: |r| Value::text(r.list) },
        Column { name: "code", label_ja: "コード", kind: FieldType::String, unit: "", description_ja: "列に書かれる値", required: true, codes: None, value: |r| Value::text(&r.code.code) },
        Column { name: "label_ja", label_ja: "意味", kind: FieldType::String, unit: "", description_ja: "コードの意味", required: true, codes: None, value: |r| Value::text(&r.code.label_ja) },
        Column { name: "mark", label_ja: "記号", kind: FieldType::String, unit: "", description_ja: "報告書やダッシュボードがこのコードに使う記号。記号がなければ -（判定の記号の －（全角）とは別）", required: false, codes: None, value: |r| Value::text(&r.code.mark) },
    ]
}

fn type_codes() -> Vec<Code> {
    [FieldType::String, FieldType::Integer, FieldType::Number, FieldType::Boolean].iter().map(|t| Code::new(t.key(), t.label_ja(), "")).collect()
}

/// The codebook's two tables, for `tables` (the data tables) and themselves.
pub(super) fn tables(tables: &[Table]) -> Vec<Table> {
    let own: Vec<(&str, Vec<Field>)> =
        vec![(FIELDS.name, field_columns().iter().map(Column::field).collect()), (CODES.name, code_columns().iter().map(Column::field).collect())];
    let all: Vec<(&str, &[Field])> = tables.iter().map(|t| (t.meta.name, t.fields.as_slice())).chain(own.iter().map(|(n, f)| (*n, f.as_slice()))).collect();
    let fields = all.iter().flat_map(|(table, fields)| fields.iter().map(move |field| FieldRow { table, field }));
    let mut lists: Vec<(&str, &[Code])> = Vec::new();
    for f in all.iter().flat_map(|(_, fields)| fields.iter()) {
        if let Some(name) = f.code_list.filter(|n| !lists.iter().any(|(l, _)| l == n)) {
            lists.push((name, &f.codes));
        }
    }
    let codes = lists.iter().flat_map(|(list, codes)| codes.iter().map(move |code| CodeRow { list, code }));
    vec![Table::build(FIELDS, &field_columns(), fields), Table::build(CODES, &code_columns(), codes)]
}

/// `codebook.md`: the same definitions for people, with how the files are written.
pub fn markdown(report: &Report, tables: &[Table]) -> String {
    let meta = &report.report;
    let mut out = format!("# {} 公開データの項目定義\n\n", meta.title);
    out.push_str(&format!(
        "報告書（{}、{}年度）から作った表です。出典テキスト `{}` の SHA-256 は `{}` です。\n\n",
        meta.label, meta.fiscal_year, meta.source.name, meta.source.sha256
    ));
    out.push_str("## 書き方\n\n");
    out.push_str("- 文字コードは UTF-8（BOM 付き）、改行は CRLF、1行に1件（縦長の形）。見出しは ASCII の列名です。\n");
    out.push_str(&format!(
        "- その行にない値は `{NOT_APPLICABLE}`（該当なし。統計表の「-」（該当数字なし）と同じ）と書きます。その行に当てはまらない値（実績の行の目標の比べ方など）と、報告書に書かれていない値（年度の書かれていない目標の年度など）です。どちらにあたるかは各列の説明にあります。\n"
    ));
    out.push_str("- 空欄は、その行にあるはずの値が分からないときだけです（ページの見出しが抽出できなかったときの掲載ページ番号など。各列の説明にあります）。`-` も空欄も 0 とは区別します。`datapackage.json` はどちらも欠損値（`missingValues`）とします。\n");
    out.push_str("- 数値は単位を付けず桁区切りなしで書き、単位は別の列（`unit`）か、この表の「単位」にあります。\n");
    out.push_str(&format!(
        "- 年度は西暦（会計年度の始まる年、{} = {}）。和暦は `fiscal_year_wareki` に略記（`{}`）で添えます。\n",
        meta.label,
        meta.fiscal_year,
        crate::fiscal::era_short(meta.fiscal_year)
    ));
    out.push_str(&format!(
        "- どの表も最後の列 `{}`（報告書の年度）に、この版の年度を `{}` と書きます（すべての行で同じ）。年度の違う版の表を縦につないでも版が分かります。数ではなく文字列なのは、どの行にも4桁の数があると判定ツールが文字の多い表の最初の数行を見出しと読むためです。数としての年度は `datapackage.json` の `fiscal_year` にあります。\n",
        super::EDITION_COLUMN,
        super::edition(report)
    ));
    out.push_str("- KPI の目標・実績を年度を列にして並べた表（RSシステムの並び）は横持ちのため CSV にはせず、Excel ブックのシート `kpis_rs` にだけ載せます。同じ値を縦持ちにした表が `kpi_points.csv` です。\n");
    out.push_str("- 出典テキストの行番号は掲載箇所の表（`initiative_sources.csv`、`subsection_sources.csv`）にあります。\n");
    out.push_str("- 真偽値は `true` / `false` です。\n");
    out.push_str(&format!(
        "- 一つのセルに名前を並べる列（`initiatives.csv` の `departments`、`divisions`）は区切り文字 `{LIST_SEPARATOR}` でつなぎます。同じ内容の縦長の形が `initiative_organisations.csv`（組は `organisations.csv`）です。\n"
    ));
    out.push_str("- 文の中の改行（PDF の折り返し）はつなぎ、全角スペースや続く空白は半角スペース1つにしました。セルの中に改行はありません。\n");
    out.push_str("- 再掲の行（`relisted` が true）と、同じ行の再度の掲載（`same_as` がある行）は、件数を数えるときに除きます。\n\n");
    out.push_str("## 機械可読性のルールについて\n\n");
    out.push_str("デジタル庁「行政データにおける機械可読性に関するルール」の判定で、当てはまらないものは次のとおりです（画面からの CSV ダウンロードは同じ列を日本語の見出しで出すため、同じ表と同じです）。ほかのルールの指摘はありません。\n\n");
    out.push_str("| ファイル | 列 | ルール | 理由 |\n|---|---|---|---|\n");
    for n in RULES_NOT_APPLICABLE {
        let column = n.column.map_or("（表全体）".to_string(), |c| format!("`{c}`"));
        out.push_str(&format!("| {} | {column} | {} | {} |\n", n.file, n.rule, n.reason_ja));
    }
    out.push_str("\n判定ツールが自動では判定しないルール：L1-09（空欄と 0 の区別）は、その行にない値を `-`、分からない値を空欄とし、どちらも 0 と書かないことで満たします。");
    out.push_str("L3-02（コード表）はこの `codes.csv`、L3-08（メタデータ）は `datapackage.json` とこの項目定義です。");
    out.push_str("L3-03（特殊な記号）：進捗状況（○／△）や判定は記号でなくコードで書き、記号はコード表の `mark` に載せます（報告書の文の中の ・ ※ 【】 は印刷のまま）。L3-07（年度をまたぐ書式の一致）は翌年度版と比べるときに確かめます。\n\n");
    for t in tables {
        out.push_str(&format!("## {}（`{}`）\n\n{}\n\n", t.meta.title_ja, t.file_name(), t.meta.description_ja));
        out.push_str(&format!("主キー: {}\n\n", t.meta.primary_key.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join("、")));
        out.push_str("| 列名 | 項目名 | 型 | 単位 | 必須 | 説明 |\n|---|---|---|---|---|---|\n");
        for f in &t.fields {
            let required = if f.required { "○" } else { "" };
            out.push_str(&format!("| `{}` | {} | {} | {} | {} | {} |\n", f.name, f.label_ja, f.kind.key(), f.unit, required, f.description_ja));
        }
        for f in t.fields.iter().filter(|f| !f.codes.is_empty()) {
            out.push_str(&format!("\n`{}` のコード（コード表 `{}`）:\n\n| コード | 意味 | 記号 |\n|---|---|---|\n", f.name, f.code_list.unwrap_or_default()));
            for c in &f.codes {
                out.push_str(&format!("| `{}` | {} | {} |\n", c.code, c.label_ja, c.mark));
            }
        }
        out.push('\n');
    }
    out.push_str("## KPI の判定の規則\n\n| コード | 判定 | 規則 |\n|---|---|---|\n");
    for s in crate::query::achievement::Status::ALL {
        out.push_str(&format!("| `{}` | {} {} | {} |\n", s.key(), s.mark(), s.label_ja(), s.rule_ja()));
    }
    out
}
