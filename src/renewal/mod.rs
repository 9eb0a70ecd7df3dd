//! A new edition of the report, made from its text: what the command line (`normalize`) and the
//! import workbench (`workbench/`, in the browser) both run, so the two give the same JSON.
//!
//! - [`decode`]: the bytes given, as text (UTF-8, Shift_JIS …), or what they are instead;
//! - [`renew`]: the normalizer, then the match with the previous edition (keys carried over);
//! - [`review`]: what the owner checks before publishing: counts beside last year's, coverage,
//!   every warning beside its printed lines, the overrides that no longer match;
//! - [`resolve`]: a decision taken on a warning, written as an override entry;
//! - [`export`]: the single-file offline dashboard with the new edition in it;
//! - [`session`]: one renewal as the workbench holds it, files given and decisions taken.
//!
//! Above both `normalize` and `query` (it uses each); neither imports it.

pub mod decode;
pub mod export;
pub mod resolve;
pub mod review;
pub mod session;

use crate::model::Report;
use crate::normalize::{keys, normalize, Input, NormalizeError, Output, Overrides};
use crate::query::editions::{match_editions, Matching};

/// What [`renew`] needs besides the text.
pub struct Renewal<'a> {
    /// The text file's name, recorded in the report.
    pub source_name: &'a str,
    /// The reviewed overrides, with the file name to record.
    pub overrides: Option<(&'a str, &'a Overrides)>,
    /// The previous edition: each initiative matched to one of it keeps that one's key.
    pub previous: Option<&'a Report>,
}

#[derive(Debug)]
pub struct Renewed {
    pub output: Output,
    /// The match with the previous edition, when one was given.
    pub matching: Option<Matching>,
}

/// Normalizes `text` and carries the previous edition's keys over to the initiatives matched.
pub fn renew(text: &str, how: &Renewal) -> Result<Renewed, NormalizeError> {
    let mut output = normalize(text, &Input { source_name: how.source_name, overrides: how.overrides })?;
    let matching = how.previous.map(|previous| {
        let reviewed = how.overrides.map(|(_, o)| o.edition_matches.clone()).unwrap_or_default();
        let matching = match_editions(previous, &output.report, &reviewed);
        keys::carry_over(&mut output.report, previous, matching.initiatives.iter().map(|m| (m.newer.as_str(), m.older.as_str())));
        matching
    });
    Ok(Renewed { output, matching })
}
