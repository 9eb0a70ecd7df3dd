//! The normalizer: report text in, [`Report`] and warnings out. Pure: no files, no clock.
//!
//! Stages, each in its own module:
//! 1. [`lines`] gives every line a kind (page header, section, rating, summary, text …);
//! 2. [`document`] walks the pages and cuts rows out, tagged with their place in the plan;
//!    [`rows`], [`orgs`] and [`blocks`] read one row's title, organisations and text cells;
//! 3. [`assemble`] merges repeated pages and rows, orders by the plan, links relisted copies and
//!    unmarked repeats; [`pairing`] pairs divisions with departments; [`coverage`] records gaps;
//! 4. [`kpi`] reads figures from the cells, [`qualifiers`] what is printed around them,
//!    [`tables`] the tables printed outside the rows; [`overrides`] applies the judgement calls;
//! 5. [`keys`] gives every initiative the key that names it across editions.

mod assemble;
mod blocks;
mod coverage;
pub mod diag;
mod document;
mod kpi;
pub mod keys;
mod lines;
mod orgs;
pub mod overrides;
mod pairing;
mod placement;
mod qualifiers;
mod rows;
mod tables;
mod unread;
pub mod text;


pub use diag::{Carried, Fix, NormalizeError, Warning};
pub use overrides::Overrides;

use crate::model::Report;
use crate::source_text::{sha256_hex, split_lines};

/// What [`normalize`] needs besides the text.
pub struct Input<'a> {
    /// File name recorded in the output (`000_7008800fb5738cea.txt`).
    pub source_name: &'a str,
    /// The reviewed overrides and the name to record for them.
    pub overrides: Option<(&'a str, &'a Overrides)>,
}

#[derive(Debug)]
pub struct Output {
    pub report: Report,
    pub warnings: Vec<Warning>,
    /// What became of each override entry (applied, adapted to a changed figure, or stale), in
    /// the file's order by kind: marks, tables, KPIs. Empty without overrides.
    pub overrides: Vec<overrides::Outcome>,
}

/// Checks that `bytes` are UTF-8, then normalizes them.
pub fn normalize_bytes(bytes: &[u8], input: &Input) -> Result<Output, NormalizeError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        NormalizeError::NotUtf8 { line, byte_offset: at }
    })?;
    normalize(text, input)
}

pub fn normalize(text: &str, input: &Input) -> Result<Output, NormalizeError> {
    let sha256 = sha256_hex(text.as_bytes());
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(NormalizeError::Empty);
    }
    let source_lines = split_lines(text);
    let classified = lines::classify(text);
    let mut warnings = Vec::new();
    let doc = document::read_document(&classified, &mut warnings);
    if doc.subsections.is_empty() && doc.rows.is_empty() {
        return Err(NormalizeError::NoStructure { lines: source_lines.len() as u32 });
    }
    let source = assemble::SourceInfo { name: input.source_name, sha256, lines: &source_lines };
    let mut outcomes = Vec::new();
    let mut report = assemble::assemble(doc, &source, input.overrides, &mut warnings, &mut outcomes)?;
    keys::assign(&mut report);
    warnings.sort_by_key(|w| w.line);
    Ok(Output { report, warnings, overrides: outcomes })
}



/// How many KPI figures the parser read by itself, of all (`make bench` prints the share). A
/// figure placed, cited or merged by an override entry is the override's.
pub fn parser_alone(report: &Report) -> (usize, usize) {
    let points = report.kpis.iter().flat_map(|k| &k.series);
    // A derived figure is the parser's too: computed from a change it read, with no override.
    let alone = points.clone().filter(|p| p.origin != crate::model::KpiOrigin::Override).count();
    (alone, points.count())
}
