//! The published tables (open data): the report as tidy tables, one record per line, with the
//! data package and the codebook that describe them.
//!
//! Each column is defined once ([`Column`]: ASCII name, Japanese label, type, unit, codes and the
//! function that reads its value), and every output is made from those definitions: the CSV
//! files of the data package (ASCII headers), the people-facing downloads of the views
//! (Japanese headers, `query::csv`), `datapackage.json` and the codebook. Pure functions with
//! no I/O, so the offline dashboard can make the same bytes in the browser ([`publish`]).

pub mod codebook;
pub mod datapackage;
pub mod initiatives;
pub mod kpis;
pub mod offers;
mod text;

pub use text::{clean_text, LIST_SEPARATOR};

use crate::model::Report;

/// A column's type, as the data package's Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    String,
    Integer,
    Number,
    Boolean,
}

impl FieldType {
    /// The Table Schema type.
    pub fn key(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Boolean => "boolean",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            FieldType::String => "文字列",
            FieldType::Integer => "整数",
            FieldType::Number => "数値",
            FieldType::Boolean => "真偽値（true または false）",
        }
    }
}

/// What a cell says where the row has no such value: 「-」, 該当なし, as Japanese statistical
/// tables write it (e-Stat: 「-」 該当数字なし). Written, not left blank, so that a reader tells
/// it from a value that is not known (a blank cell, [`Value::Unknown`]) and from 0 (rule L1-09).
/// Blank cells also made the machine-readability checker read the first rows of a table as more
/// header rows (rule L3-01): it takes up to five rows of mostly words for headers when the next
/// row holds a figure and its blank cells tell it apart from the header row.
pub const NOT_APPLICABLE: &str = "-";

/// One cell's value before it is written.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Integer(i64),
    Number(f64),
    Boolean(bool),
    /// The row has no such value, as the report is printed: the column does not apply to it (an
    /// actual has no comparator), or the report prints none (a target without a year). Each
    /// column's description says which. Written [`NOT_APPLICABLE`].
    NotApplicable,
    /// The row has a value that the table does not know: the text extraction lost it (a page
    /// whose header did not survive) or the report data does not hold it. An empty cell.
    Unknown,
}

impl Value {
    /// Text, or [`Value::NotApplicable`] when empty.
    pub fn text(s: impl Into<String>) -> Value {
        let s = s.into();
        if s.is_empty() {
            Value::NotApplicable
        } else {
            Value::Text(s)
        }
    }

    /// Text, or [`Value::NotApplicable`] for `None`.
    pub fn opt_text(s: Option<impl Into<String>>) -> Value {
        s.map_or(Value::NotApplicable, Value::text)
    }

    /// An integer, or [`Value::NotApplicable`] for `None`.
    pub fn opt_int(n: Option<impl Into<i64>>) -> Value {
        n.map_or(Value::NotApplicable, |n| Value::Integer(n.into()))
    }

    /// A number, or [`Value::NotApplicable`] for `None`.
    pub fn opt_number(n: Option<f64>) -> Value {
        n.map_or(Value::NotApplicable, Value::Number)
    }

    /// For a column every row has a value in: where there is none, it is not known
    /// ([`Value::Unknown`]), not 「-」.
    pub fn or_unknown(self) -> Value {
        match self {
            Value::NotApplicable => Value::Unknown,
            v => v,
        }
    }

    pub fn count(n: usize) -> Value {
        Value::Integer(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// The field as written in the data package: numbers in their shortest exact form
    /// without grouping, booleans as `true`/`false`, 「-」 where the row has no such value,
    /// nothing where the value is not known.
    pub fn plain(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Integer(n) => n.to_string(),
            Value::Number(n) => format!("{n}"),
            Value::Boolean(b) => b.to_string(),
            Value::NotApplicable => NOT_APPLICABLE.into(),
            Value::Unknown => String::new(),
        }
    }
}

/// The codes a column may hold, each with its Japanese label, under a name that columns with
/// the same codes share (`status`).
#[derive(Debug, Clone, Copy)]
pub struct CodeList {
    pub name: &'static str,
    pub codes: fn() -> Vec<Code>,
}

/// One allowed value of a coded column.
#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    pub code: String,
    pub label_ja: String,
    /// The mark the report or the dashboard prints for it (`○`, `△`), if any.
    pub mark: String,
}

impl Code {
    pub fn new(code: &str, label_ja: &str, mark: &str) -> Code {
        Code { code: code.into(), label_ja: label_ja.into(), mark: mark.into() }
    }
}

/// One column of a table over rows of type `R`: everything the data package, the codebook and
/// the downloads need to know about it.
pub struct Column<R> {
    /// ASCII name in the data package.
    pub name: &'static str,
    /// Header of the people-facing downloads and label in the codebook.
    pub label_ja: &'static str,
    pub kind: FieldType,
    /// Unit of a figure (`年度`); empty where the unit is another column or there is none.
    pub unit: &'static str,
    pub description_ja: &'static str,
    /// Every row has a value.
    pub required: bool,
    pub codes: Option<CodeList>,
    pub value: fn(&R) -> Value,
}

/// A column's description without its value function: what the codebook and the data package
/// say about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub label_ja: String,
    pub kind: FieldType,
    pub unit: String,
    pub description_ja: String,
    pub required: bool,
    /// The name of its code list, when its values are codes.
    pub code_list: Option<&'static str>,
    pub codes: Vec<Code>,
    /// A regular expression every value matches (the data package's `pattern` constraint).
    pub pattern: Option<&'static str>,
}

impl<R> Column<R> {
    pub fn field(&self) -> Field {
        Field {
            name: self.name.into(),
            label_ja: self.label_ja.into(),
            kind: self.kind,
            unit: self.unit.into(),
            description_ja: self.description_ja.into(),
            required: self.required,
            code_list: self.codes.map(|c| c.name),
            codes: self.codes.map(|c| (c.codes)()).unwrap_or_default(),
            pattern: None,
        }
    }
}

/// A reference from this table's `fields` to `table`'s `reference` (its primary key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForeignKey {
    pub fields: &'static [&'static str],
    pub table: &'static str,
    pub reference: &'static [&'static str],
}

/// What a table is, apart from its columns and rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableMeta {
    /// The file stem and the data package's resource name (`kpi_points`).
    pub name: &'static str,
    pub title_ja: &'static str,
    pub description_ja: &'static str,
    pub primary_key: &'static [&'static str],
    pub foreign_keys: &'static [ForeignKey],
}

/// A table: its fields and its rows of values, in field order.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub meta: TableMeta,
    pub fields: Vec<Field>,
    pub rows: Vec<Vec<Value>>,
}

/// Who reads a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The data package: ASCII headers, values as they are.
    Machine,
    /// Downloads from the views, opened in Excel: Japanese headers, and text that Excel would
    /// run as a formula neutralised with a leading `'` (the OWASP CSV-injection rule).
    Spreadsheet,
}

/// The byte-order mark Excel needs to read UTF-8.
pub const BOM: &str = "\u{feff}";

impl Table {
    /// Evaluates `columns` over `rows`. Every text goes through [`clean_text`], so no cell
    /// of any table has a line break or a full-width space.
    pub fn build<R>(meta: TableMeta, columns: &[Column<R>], rows: impl IntoIterator<Item = R>) -> Table {
        let rows = rows
            .into_iter()
            .map(|r| {
                columns
                    .iter()
                    .map(|c| match (c.value)(&r) {
                        Value::Text(s) => Value::text(clean_text(&s)),
                        v => v,
                    })
                    .collect()
            })
            .collect();
        Table { meta, fields: columns.iter().map(Column::field).collect(), rows }
    }

    /// The table with the report's edition as its last column ([`edition_field`]), so that
    /// the tables of several editions can be put one under the other.
    pub fn with_edition(mut self, report: &Report) -> Table {
        let value = Value::text(edition(report));
        self.fields.push(edition_field(report));
        for row in &mut self.rows {
            row.push(value.clone());
        }
        self
    }

    /// The index of the field `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    /// Every value of the field `name`, in row order.
    pub fn values(&self, name: &str) -> Vec<&Value> {
        let Some(i) = self.column(name) else { return Vec::new() };
        self.rows.iter().map(|r| &r[i]).collect()
    }

    pub fn file_name(&self) -> String {
        format!("{}.csv", self.meta.name)
    }

    /// The table as CSV: UTF-8 with BOM, CRLF line ends, a field quoted where it holds a comma,
    /// a quote or a line end (RFC 4180).
    pub fn csv(&self, audience: Audience) -> String {
        let mut out = String::from(BOM);
        let header: Vec<String> = self
            .fields
            .iter()
            .map(|f| match audience {
                Audience::Machine => f.name.clone(),
                Audience::Spreadsheet => f.label_ja.clone(),
            })
            .collect();
        push_line(&mut out, header.iter().map(|h| quote(h)));
        for row in &self.rows {
            push_line(&mut out, row.iter().zip(&self.fields).map(|(v, f)| cell(&f.for_audience(v, audience), audience)));
        }
        out
    }
}

impl Field {
    /// `v` as `audience` reads it: people read a code's Japanese label and はい/いいえ for a
    /// boolean; machines the code and `true`/`false`.
    pub fn for_audience(&self, v: &Value, audience: Audience) -> Value {
        match (audience, v) {
            (Audience::Machine, _) => v.clone(),
            (Audience::Spreadsheet, Value::Text(code)) => match self.codes.iter().find(|c| &c.code == code) {
                Some(c) => Value::Text(c.label_ja.clone()),
                None => v.clone(),
            },
            (Audience::Spreadsheet, Value::Boolean(b)) => Value::Text(if *b { "はい" } else { "いいえ" }.into()),
            _ => v.clone(),
        }
    }
}

fn push_line(out: &mut String, cells: impl Iterator<Item = String>) {
    out.push_str(&cells.collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
}

pub(crate) fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One field of a CSV line for `audience`. Only text is neutralised: 「-」 alone is no formula,
/// and is written bare so that every reader sees the same mark.
pub(crate) fn cell(v: &Value, audience: Audience) -> String {
    match (v, audience) {
        (Value::Text(s), Audience::Spreadsheet) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => quote(&format!("'{s}")),
        _ => quote(&v.plain()),
    }
}

/// A file of the data package, ready to write or to offer for download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedTable {
    pub file_name: String,
    pub text: String,
}

/// The name of the column that says which edition of the report a row comes from.
pub const EDITION_COLUMN: &str = "report_edition";

/// The report's edition as every table writes it: its fiscal year in 西暦 with 年度, the
/// notation of years the machine-readability rules name as standard (L3-05). Text, not a number:
/// see [`edition_field`].
pub fn edition(report: &Report) -> String {
    format!("{}年度", report.report.fiscal_year)
}

/// The edition column of every data table: the same value on every row. Written as text
/// (`2023年度`), because a four-digit number on every row makes the checker of the
/// machine-readability rules read the first rows of a table of words as more header rows.
pub fn edition_field(report: &Report) -> Field {
    let meta = &report.report;
    Field {
        name: EDITION_COLUMN.into(),
        label_ja: "報告書の年度".into(),
        kind: FieldType::String,
        unit: String::new(),
        description_ja: format!(
            "この行を載せた報告書の年度（会計年度の始まる西暦年に「年度」を付けたもの。この版は {}、{}）。年度の違う版の表を縦につなぐときに版を見分ける",
            edition(report),
            meta.label
        ),
        required: true,
        code_list: None,
        codes: Vec::new(),
        pattern: Some(EDITION_PATTERN),
    }
}

/// The form of every value of the edition column.
pub const EDITION_PATTERN: &str = "^[0-9]{4}年度$";

/// The data tables, each with the edition column; the codebook's tables are not among them.
fn data_tables(report: &Report) -> Vec<Table> {
    let mut out = initiatives::tables(report);
    out.extend(kpis::tables(report));
    out
}

/// Every table of the data package, in the order the data package lists them.
pub fn tables(report: &Report) -> Vec<Table> {
    let mut out = data_tables(report);
    out.extend(codebook::tables(&out));
    out
}

/// The tables of the Excel workbook, for people: the data package's, and after its data tables
/// the KPIs' targets and results with the years as columns (the RSシステム's layout,
/// [`kpis::rs_layout`]). That wide layout is for reading and for copying into the RSシステム;
/// it is not a CSV of the data package, whose long form of the same figures is `kpi_points`.
pub fn workbook_tables(report: &Report) -> Vec<Table> {
    let data = data_tables(report);
    let codebook = codebook::tables(&data);
    let mut out = data;
    out.push(kpis::rs_layout(report));
    out.extend(codebook);
    out
}

/// The report's JSON Schema, published beside the report for developers.
pub const REPORT_SCHEMA: &str = include_str!("../../../data/initiatives.schema.json");
pub const REPORT_FILE_NAME: &str = "initiatives.json";
pub const REPORT_SCHEMA_FILE_NAME: &str = "initiatives.schema.json";

/// Every file of the data package: the tables as CSV, `datapackage.json` and `codebook.md`;
/// then, for developers, the report itself and its JSON Schema.
pub fn publish(report: &Report) -> Vec<PublishedTable> {
    let tables = tables(report);
    let mut out: Vec<PublishedTable> =
        tables.iter().map(|t| PublishedTable { file_name: t.file_name(), text: t.csv(Audience::Machine) }).collect();
    let package = datapackage::datapackage(report, &tables, &out);
    out.push(PublishedTable { file_name: datapackage::FILE_NAME.into(), text: package });
    out.push(PublishedTable { file_name: codebook::MARKDOWN_FILE_NAME.into(), text: codebook::markdown(report, &tables) });
    out.push(PublishedTable { file_name: REPORT_FILE_NAME.into(), text: report.to_json() });
    out.push(PublishedTable { file_name: REPORT_SCHEMA_FILE_NAME.into(), text: REPORT_SCHEMA.into() });
    out
}

#[cfg(test)]
mod tests;
