//! What the normalizer tells its user: warnings (it went on) and errors (it stopped).
//! Every message names the 1-based source line and the field it concerns.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: u32,
    pub field: &'static str,
    pub message: String,
    /// What a reviewer decides to settle it, where an override entry can: the import workbench
    /// offers it as a form (`renewal::resolve`). `None` for warnings that only inform.
    pub fix: Option<Fix>,
    /// For a warning about last year's decisions (field `overrides`), what became of them: it
    /// decides what the owner is told to do (`renewal::review::advice_ja`).
    pub carried: Option<Carried>,
}

/// The field of every warning about last year's decisions (the overrides file).
const OVERRIDES: &str = "overrides";

/// What became of one of last year's decisions (an overrides entry, or the file) in this text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carried {
    /// The entry no longer matches the printed words and was skipped.
    Skipped,
    /// The file was reviewed for another source text.
    OtherSource,
    /// An achieved mark's entry was used on the page where the mark is printed this year.
    MarkMoved,
    /// A KPI entry was used on this year's figure, the words around it unchanged.
    FigureUpdated,
    /// A table entry was used, but one of its row labels is printed no more and was not used.
    LabelUnused,
}

impl Warning {
    /// A warning about the text. One about last year's decisions is made by [`Warning::carried`],
    /// which says what became of them.
    pub fn new(line: u32, field: &'static str, message: impl Into<String>) -> Warning {
        debug_assert_ne!(field, OVERRIDES, "a warning about last year's decisions is made by Warning::carried");
        Warning { line, field, message: message.into(), fix: None, carried: None }
    }

    /// A warning about last year's decisions (field `overrides`): `carried` says what became
    /// of them, and so what the owner is advised to do.
    pub fn carried(line: u32, carried: Carried, message: impl Into<String>) -> Warning {
        Warning { line, field: OVERRIDES, message: message.into(), fix: None, carried: Some(carried) }
    }

    pub fn with_fix(self, fix: Fix) -> Warning {
        Warning { fix: Some(fix), ..self }
    }
}

/// A judgement call the normalizer could not make, with what it knows of the choices. Each
/// kind is settled by one kind of override entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// An achieved mark printed at a page foot: which row of the page it belongs to
    /// (`achieved_marks`). `nth`: its order among the subsection's marks on that page.
    Mark { mark: String, page: Option<u32>, nth: u32, candidates: Vec<String> },
    /// A figure in a row's cells that no KPI holds: a result or target of a KPI (`kpis`), or no
    /// KPI (`not_kpis`). `context`: words of its line that find it again, the figure among them.
    Figure { initiative: String, text: String, context: String, kpis: Vec<String> },
    /// A table printed outside any row, whose page does not tell whose it is (`tables`).
    Table { caption: String, candidates: Vec<String> },
    /// A division printed with several departments, none shown to be its own (`organisations`).
    Pairing { initiative: String, division: String, departments: Vec<String> },
    /// A subsection printed without its 進捗状況 rating (`ratings`).
    Rating { subsection: String, title: String },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.field, self.message)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NormalizeError {
    /// The input has no non-blank line.
    Empty,
    /// The input is not UTF-8; `line` is where the first bad byte sits.
    NotUtf8 { line: u32, byte_offset: usize },
    /// No page header, section or table row was recognised: probably not a report.
    NoStructure { lines: u32 },
    /// The overrides file is malformed or contradicts the source.
    Overrides { entry: String, message: String },
}

impl fmt::Display for NormalizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NormalizeError::Empty => write!(f, "the input is empty: give the text extracted from the report PDF"),
            NormalizeError::NotUtf8 { line, byte_offset } => write!(
                f,
                "line {line}: the input is not UTF-8 (first bad byte at offset {byte_offset}); \
                 convert it, e.g. `iconv -f SHIFT_JIS -t UTF-8`"
            ),
            NormalizeError::NoStructure { lines } => write!(
                f,
                "none of the {lines} lines looks like the report (no page header `Ⅰ 題名 1`, \
                 no section `1 題名` followed by `(1) 題名`, no table header `番号 取組項目 …`)"
            ),
            NormalizeError::Overrides { entry, message } => write!(f, "overrides: {entry}: {message}"),
        }
    }
}

impl std::error::Error for NormalizeError {}
