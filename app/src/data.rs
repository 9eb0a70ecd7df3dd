//! The report the app was built with: `data/initiatives.json`, embedded at compile time and
//! parsed once at start.

use reform::load::LoadError;
use reform::model::Report;

const EMBEDDED: &str = include_str!("../../data/initiatives.json");

pub fn embedded() -> Result<Report, LoadError> {
    Report::from_json(EMBEDDED)
}
