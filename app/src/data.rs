//! The report on screen: the one embedded at build time (`data/initiatives.json`, compacted by
//! build.rs), or one the user opened from a file, checked before it replaces anything. An opened
//! file is kept in the tab's session storage, so a reload shows it again until the reader goes
//! back to the report the page comes with.

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

/// A report on screen that is not the one the page comes with.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// Its file name.
    pub name: String,
    /// Why the browser would not keep it for the session (a reload then loses it); `None` when
    /// kept, or when it was never meant to be kept (a report the host page names).
    pub not_kept: Option<String>,
    /// Opened by the reader (a file), not named by the host page: the banner and its way back.
    pub by_reader: bool,
}

/// A report on screen: read, as its JSON text (what the data module makes files from,
/// `data_module.rs`: handing it over costs the app no serialiser), and what it is when it is not
/// the embedded one.
#[derive(Clone)]
pub struct Shown {
    pub report: Arc<Report>,
    pub json: Arc<str>,
    pub opened: Option<Opened>,
}

thread_local! {
    /// A report opened by the user, with its file name. Replaced by the next one, so at most
    /// one opened report is held outside the mounted app.
    static OPENED: RefCell<Option<Shown>> = const { RefCell::new(None) };
    /// Why the report kept from before a reload could not be shown again, for the first mount.
    static RESTORE_ERROR: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The embedded report read ahead of the first mount (`lib.rs`), taken by that mount.
    static AHEAD: RefCell<Option<Result<Report, LoadError>>> = const { RefCell::new(None) };
    /// The previous edition the host page names (`data-previous`), compared with the report on
    /// screen; or why it could not be read, said once as a notice.
    static PREVIOUS: RefCell<Option<Result<Arc<Report>, String>>> = const { RefCell::new(None) };
}

/// Checks `json`, the previous edition named `name`, and keeps it for every mount; what went
/// wrong is kept instead, to be said on screen.
pub fn hold_previous(name: &str, json: Result<String, String>) {
    let checked = json.and_then(|json| {
        Report::from_json(&json).map(Arc::new).map_err(|e| format!("前年度の報告書ファイル「{name}」の内容を読めませんでした：{e}　比較は表示しません。"))
    });
    PREVIOUS.with(|p| *p.borrow_mut() = Some(checked));
}

/// The previous edition to compare with, if the host page names one that loaded.
pub fn previous() -> Option<Arc<Report>> {
    PREVIOUS.with(|p| p.borrow().as_ref().and_then(|r| r.as_ref().ok().cloned()))
}

/// Why the previous edition the host page names could not be read, once.
pub fn take_previous_error() -> Option<String> {
    PREVIOUS.with(|p| {
        let mut p = p.borrow_mut();
        match p.as_ref() {
            Some(Err(why)) => {
                let why = why.clone();
                *p = None;
                Some(why)
            }
            _ => None,
        }
    })
}

/// Reads the embedded report now, for the next [`current`].
pub fn read_embedded_ahead() {
    AHEAD.with(|a| *a.borrow_mut() = Some(embedded()));
}

/// The report to show.
pub fn current() -> Result<Shown, LoadError> {
    if let Some(shown) = OPENED.with(|o| o.borrow().clone()) {
        return Ok(shown);
    }
    AHEAD.with(|a| a.borrow_mut().take()).unwrap_or_else(embedded).map(|r| Shown { report: Arc::new(r), json: Arc::from(EMBEDDED), opened: None })
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

/// Checks `json` (a report the host page names) and keeps it for the next mount; on error
/// nothing changes.
pub fn open(name: &str, json: &str) -> Result<(), LoadError> {
    hold(Opened { name: name.to_string(), not_kept: None, by_reader: false }, Report::from_json(json)?, json);
    Ok(())
}

/// Checks `json` (a file the reader opened) and keeps it for the next mount and, in the tab's
/// session storage, for a reload; on error nothing changes.
pub fn open_for_session(name: &str, json: &str) -> Result<(), LoadError> {
    let report = Report::from_json(json)?;
    let not_kept = store(name, json).err();
    hold(Opened { name: name.to_string(), not_kept, by_reader: true }, report, json);
    Ok(())
}

fn hold(opened: Opened, report: Report, json: &str) {
    OPENED.with(|o| *o.borrow_mut() = Some(Shown { report: Arc::new(report), json: Arc::from(json), opened: Some(opened) }));
}

/// Leaves the opened report, in this page and in the session.
pub fn back_to_embedded() {
    OPENED.with(|o| *o.borrow_mut() = None);
    forget_stored();
}

/// The report the reader opened before this page was reloaded, checked again by the loader (the
/// app may have been updated in between): `true` when it is kept for the next mount. One that
/// no longer loads is forgotten and its reason kept for [`take_restore_error`].
pub fn restore_from_session() -> bool {
    let Some((name, json)) = stored() else { return false };
    match Report::from_json(&json) {
        Ok(report) => {
            hold(Opened { name, not_kept: None, by_reader: true }, report, &json);
            true
        }
        Err(e) => {
            forget_stored();
            let why = reform::query::open::refusal(&name, &e.to_string(), reform::query::open::Via::Reload, &embedded_name());
            RESTORE_ERROR.with(|r| *r.borrow_mut() = Some(why));
            false
        }
    }
}

/// Why the report kept from before a reload is not shown, once.
pub fn take_restore_error() -> Option<String> {
    RESTORE_ERROR.with(|r| r.borrow_mut().take())
}

/// The tab's session storage; `None` where the browser has none or refuses it (a privacy
/// setting, a sandboxed frame).
fn session() -> Option<web_sys::Storage> {
    gloo::utils::window().session_storage().ok().flatten()
}

/// The keys of this page's opened report: two dashboards on one site keep their own.
fn keys() -> (String, String) {
    let path = gloo::utils::window().location().pathname().unwrap_or_default();
    (format!("reform-dashboard:opened-name:{path}"), format!("reform-dashboard:opened-report:{path}"))
}

/// Keeps the file for the session, or says why the browser would not (its storage is full, or
/// there is none).
fn store(name: &str, json: &str) -> Result<(), String> {
    let storage = session().ok_or_else(|| "このブラウザーではセッションストレージを使えません".to_string())?;
    let (name_key, json_key) = keys();
    let saved = storage.set_item(&json_key, json).and_then(|()| storage.set_item(&name_key, name));
    saved.map_err(|e| {
        // Nothing half-kept: without both keys nothing is restored.
        let _ = storage.remove_item(&json_key);
        let _ = storage.remove_item(&name_key);
        let reason = js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
        match reason.as_str() {
            "QuotaExceededError" => reform::query::open::storage_full(json.len()),
            "" => "ブラウザーが一時保存を拒みました".to_string(),
            other => format!("ブラウザーが一時保存を拒みました：{other}"),
        }
    })
}

fn stored() -> Option<(String, String)> {
    let storage = session()?;
    let (name_key, json_key) = keys();
    Some((storage.get_item(&name_key).ok()??, storage.get_item(&json_key).ok()??))
}

fn forget_stored() {
    if let Some(storage) = session() {
        let (name_key, json_key) = keys();
        let _ = storage.remove_item(&name_key);
        let _ = storage.remove_item(&json_key);
    }
}
