//! The report on screen: the one embedded at build time (`data/initiatives.json`, compacted by
//! build.rs), or one the user opened from a file, checked before it replaces anything.

use std::cell::RefCell;
use std::sync::Arc;

use reform::load::LoadError;
use reform::model::Report;

const EMBEDDED: &str = include_str!(concat!(env!("OUT_DIR"), "/initiatives.min.json"));

/// The embedded report's year as it prints it (`report.label`, written by build.rs), for naming
/// it before it is read.
const EMBEDDED_LABEL: &str = include_str!(concat!(env!("OUT_DIR"), "/initiatives.label.txt"));

/// 「組み込みの報告書（令和N年度）」: how buttons name the embedded report where another report
/// (of another year, maybe) is or was meant to be on screen.
pub fn embedded_name() -> String {
    match EMBEDDED_LABEL.trim() {
        "" => "組み込みの報告書".to_string(),
        year => format!("組み込みの報告書（{year}）"),
    }
}

thread_local! {
    /// A report opened by the user, with its file name. Replaced by the next one, so at most
    /// one opened report is held outside the mounted app.
    static OPENED: RefCell<Option<(String, Arc<Report>)>> = const { RefCell::new(None) };
    /// The embedded report read ahead of the first mount (`lib.rs`), taken by that mount.
    static AHEAD: RefCell<Option<Result<Report, LoadError>>> = const { RefCell::new(None) };
}

/// Reads the embedded report now, for the next [`current`].
pub fn read_embedded_ahead() {
    AHEAD.with(|a| *a.borrow_mut() = Some(embedded()));
}

/// The report to show, and the file name when it is not the embedded one.
pub fn current() -> Result<(Arc<Report>, Option<String>), LoadError> {
    if let Some((name, report)) = OPENED.with(|o| o.borrow().clone()) {
        return Ok((report, Some(name)));
    }
    AHEAD.with(|a| a.borrow_mut().take()).unwrap_or_else(embedded).map(|r| (Arc::new(r), None))
}

/// The embedded report in one pass: it was built with this model and is tested as the real
/// report (`tests/real_report.rs`), so the schema version is not read first. Should it not
/// parse, the full loader says why.
fn embedded() -> Result<Report, LoadError> {
    match serde_json::from_str::<Report>(EMBEDDED) {
        Ok(report) => report.check().map(|()| report),
        Err(_) => Report::from_json(EMBEDDED),
    }
}

/// Checks `json` and keeps it for the next mount; on error nothing changes.
pub fn open(name: &str, json: &str) -> Result<(), LoadError> {
    let report = Report::from_json(json)?;
    OPENED.with(|o| *o.borrow_mut() = Some((name.to_string(), Arc::new(report))));
    Ok(())
}

pub fn back_to_embedded() {
    OPENED.with(|o| *o.borrow_mut() = None);
}
