//! The report on screen: the one the page comes with, or one the user opened from a file,
//! checked before it replaces anything. The page comes with the report embedded at build time
//! (`data/initiatives.json`, compacted by build.rs), unless it holds one of its own in
//! `<script type="application/json" id="reform-report">` (a dashboard file made from the
//! template `scripts/package.mjs` writes, without recompiling): that one then stands for the
//! embedded report everywhere, and is never replaced by it silently. An opened file is kept in
//! the tab's session storage, so a reload shows it again until the reader goes back to the
//! report the page comes with.

use std::cell::RefCell;
use std::sync::Arc;

use reform::load::LoadError;
use reform::model::Report;

const EMBEDDED: &str = include_str!(concat!(env!("OUT_DIR"), "/initiatives.min.json"));

/// The embedded report's year as it prints it (`report.label`, written by build.rs), for naming
/// it before it is read.
const EMBEDDED_LABEL: &str = include_str!(concat!(env!("OUT_DIR"), "/initiatives.label.txt"));

/// The elements of a page that holds its own report and the previous edition to compare it
/// with (the dashboard template, `scripts/package.mjs`); blank ones hold nothing.
const PAGE_REPORT_ID: &str = "reform-report";
const PAGE_PREVIOUS_ID: &str = "reform-previous";

/// 「組み込みの報告書（令和N年度）」: how buttons name the embedded report (the page's own, when
/// it holds one) where another report (of another year, maybe) is or was meant to be on screen.
pub fn embedded_name() -> String {
    with_year("組み込みの報告書", PAGE_LABEL.with(|l| l.clone()).as_deref().unwrap_or(EMBEDDED_LABEL))
}

/// `what（label）`, or `what` alone when the label is blank.
fn with_year(what: &str, label: &str) -> String {
    match label.trim() {
        "" => what.to_string(),
        year => format!("{what}（{year}）"),
    }
}

/// The year a report JSON prints (`report.label`) read without checking the rest, to name a
/// report before (or whether or not) it loads; `None` where the text has none.
fn report_label(json: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(json).ok()?;
    value.pointer("/report/label")?.as_str().map(str::to_string)
}

/// The text of the page's element `id`, unless it is missing or blank. Nothing natively (the
/// pre-render has no page).
fn page_text(id: &str) -> Option<String> {
    if !crate::IN_BROWSER {
        return None;
    }
    let text = gloo::utils::document().get_element_by_id(id)?.text_content()?;
    (!text.trim().is_empty()).then_some(text)
}

/// The report the page holds, read from the page once.
fn page_report() -> Option<Arc<str>> {
    PAGE_REPORT.with(Clone::clone)
}

/// Whether the page holds its own report, which then stands for the embedded one.
pub fn page_holds_report() -> bool {
    page_report().is_some()
}

/// The previous edition the page holds (`#reform-previous`), named by its year and kept for
/// every mount as if the host element named it (`data-previous`).
pub fn hold_page_previous() {
    if let Some(json) = page_text(PAGE_PREVIOUS_ID) {
        let name = with_year("前年度の報告書", &report_label(&json).unwrap_or_default());
        hold_previous(&name, Ok(json));
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
    /// The report the page holds (`#reform-report`), if any.
    static PAGE_REPORT: Option<Arc<str>> = page_text(PAGE_REPORT_ID).map(Arc::from);
    /// Its year, read once: naming it must not parse the whole report each time.
    static PAGE_LABEL: Option<String> = page_report().map(|json| report_label(&json).unwrap_or_default());
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
    let json = page_report().unwrap_or_else(|| Arc::from(EMBEDDED));
    AHEAD.with(|a| a.borrow_mut().take()).unwrap_or_else(embedded).map(|r| Shown { report: Arc::new(r), json, opened: None })
}

/// The embedded report in one pass: it was built with this model and is tested as the real
/// report (`tests/real_report.rs`), so the schema version is not read first. Should it not
/// parse, the full loader says why. The page's own report, made elsewhere, goes through the
/// full loader.
fn embedded() -> Result<Report, LoadError> {
    if let Some(json) = page_report() {
        return Report::from_json(&json);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_named_by_the_year_it_prints() {
        assert_eq!(report_label(EMBEDDED).as_deref(), Some(EMBEDDED_LABEL));
        // Another label before the report's, a title that reads "label", white space.
        let pretty = r#"{
  "kpis": [{ "label": "件数" }],
  "report": {
    "title": "label",
    "label": "令和6年度"
  }
}"#;
        assert_eq!(report_label(pretty).as_deref(), Some("令和6年度"));
        assert_eq!(with_year("前年度の報告書", &report_label(pretty).unwrap()), "前年度の報告書（令和6年度）");
    }

    #[test]
    fn a_report_without_a_readable_year_is_named_without_one() {
        for json in ["", "{", "[]", r#"{"label": "令和6年度"}"#, r#"{"report": {"label": 6}}"#, r#"{"report": {"title": "x"}}"#] {
            assert_eq!(report_label(json), None, "{json}");
        }
        assert_eq!(with_year("前年度の報告書", ""), "前年度の報告書");
        assert_eq!(with_year("組み込みの報告書", " \n"), "組み込みの報告書");
    }

    #[test]
    fn natively_the_page_holds_nothing() {
        assert!(!page_holds_report());
        assert_eq!(embedded_name(), format!("組み込みの報告書（{}）", EMBEDDED_LABEL.trim()));
    }
}
