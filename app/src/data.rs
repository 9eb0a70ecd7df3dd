//! The report on screen: the one the page comes with, or one the user opened from a file,
//! checked before it replaces anything. The page comes with the report embedded at build time
//! (`data/initiatives.json`, compacted by build.rs), unless it holds one of its own in
//! `<script type="application/json" id="reform-report">` (a dashboard file made from the
//! template `scripts/package.mjs` writes, without recompiling): that one then stands for the
//! embedded report everywhere, and is never replaced by it silently. An opened file is kept in
//! the tab's session storage, so a reload shows it again until the reader goes back to the
//! report the page comes with.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use reform::load::LoadError;
use reform::model::Report;
use reform::query::editions::{Edition, Origin, Pick, Shelf};

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

/// The previous edition the page holds (`#reform-previous`), kept for the shelf as if the host
/// element named it (`data-previous`). Its name has no year: the selector puts the edition's year
/// in front (「令和6年度（このページの前年度の報告書）」), as it does for the page's own report.
pub fn hold_page_previous() {
    if let Some(json) = page_text(PAGE_PREVIOUS_ID) {
        hold_previous("このページの前年度の報告書", Ok(json));
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

/// What the app keeps of an edition: the report read, and its JSON text (what the data module
/// makes files from, `data_module.rs`: handing it over costs the app no serialiser).
#[derive(Clone)]
pub struct Held {
    pub report: Arc<Report>,
    pub json: Arc<str>,
}

impl Held {
    /// `json` checked by the full loader.
    fn read(json: &str) -> Result<Held, LoadError> {
        Ok(Held { report: Arc::new(Report::from_json(json)?), json: Arc::from(json) })
    }
}

/// What a mount shows: the edition on screen, the one compared with it, the choice as the
/// address keeps it, and what could not be followed or read (said once, as notices).
pub struct Mounted {
    pub report: Arc<Report>,
    pub json: Arc<str>,
    pub opened: Option<Opened>,
    pub previous: Option<Arc<Report>>,
    pub pick: Pick,
    pub notices: Vec<String>,
}

thread_local! {
    /// The report the page holds (`#reform-report`), if any.
    static PAGE_REPORT: Option<Arc<str>> = page_text(PAGE_REPORT_ID).map(Arc::from);
    /// Its year, read once: naming it must not parse the whole report each time.
    static PAGE_LABEL: Option<String> = page_report().map(|json| report_label(&json).unwrap_or_default());
    /// The report the host element names (`data-report`), read, until the shelf takes it.
    static NAMED: RefCell<Option<(String, Held)>> = const { RefCell::new(None) };
    /// The previous editions the host names or the page holds, read (or why not), until the
    /// shelf takes them.
    static PREVIOUS: RefCell<Vec<Result<(String, Held), String>>> = const { RefCell::new(Vec::new()) };
    /// Every edition held, the one shown and the one compared; made at the first mount.
    static SHELF: RefCell<Option<Shelf<Held>>> = const { RefCell::new(None) };
    /// The editions the first mount showed, for a history entry whose address names none.
    static INITIAL_PICK: Cell<Pick> = Cell::new(Pick::default());
    /// What an address named that could not be followed, for the next mount.
    static NOTICES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// Why the browser would not keep the reader's files for the session, if it would not.
    static NOT_KEPT: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Why a report kept from before a reload could not be shown again, for the first mount.
    static RESTORE_ERROR: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The embedded report read ahead of the first mount (`lib.rs`), taken by that mount.
    static AHEAD: RefCell<Option<Result<Report, LoadError>>> = const { RefCell::new(None) };
}

/// Checks `json`, a previous edition named `name`, and keeps it for the shelf; what went wrong
/// is kept instead, to be said on screen.
pub fn hold_previous(name: &str, json: Result<String, String>) {
    let checked = json.and_then(|json| {
        let held = Held::read(&json).map_err(|e| format!("前年度の報告書ファイル「{name}」の内容を読めませんでした：{e}　比較は表示しません。"))?;
        Ok((name.to_string(), held))
    });
    PREVIOUS.with(|p| p.borrow_mut().push(checked));
}

/// Reads the embedded report now, for the next [`current`].
pub fn read_embedded_ahead() {
    AHEAD.with(|a| *a.borrow_mut() = Some(embedded()));
}

fn edition(file: Option<String>, origin: Origin, held: Held) -> Edition<Held> {
    let meta = &held.report.report;
    Edition { fiscal_year: meta.fiscal_year, label: meta.label.clone(), file, origin, held }
}

/// The shelf at the first mount: the page's report (or the one the host names), the previous
/// editions, then the files the reader opened before a reload. What could not be added is
/// returned, to be said.
fn make_shelf() -> Result<(Shelf<Held>, Vec<String>), LoadError> {
    let own = match NAMED.with(|n| n.borrow_mut().take()) {
        Some((name, held)) => edition(Some(name), Origin::Page, held),
        None => {
            let json = page_report().unwrap_or_else(|| Arc::from(EMBEDDED));
            let report = AHEAD.with(|a| a.borrow_mut().take()).unwrap_or_else(embedded)?;
            edition(None, Origin::Page, Held { report: Arc::new(report), json })
        }
    };
    let mut shelf = Shelf::new(own);
    let mut notices = Vec::new();
    for previous in PREVIOUS.with(|p| std::mem::take(&mut *p.borrow_mut())) {
        let added = previous.and_then(|(name, held)| shelf.add_previous(edition(Some(name), Origin::Previous, held)));
        notices.extend(added.err());
    }
    for (name, held) in restore_from_session() {
        shelf.open(edition(Some(name), Origin::Reader, held));
    }
    Ok((shelf, notices))
}

/// What to mount: the shelf's edition shown and the one compared. The first mount makes the
/// shelf and follows the editions the address names (a shared link); later mounts show what
/// [`open_for_session`] or [`follow`] chose.
pub fn current() -> Result<Mounted, LoadError> {
    SHELF.with(|slot| {
        let mut slot = slot.borrow_mut();
        let mut notices = NOTICES.with(|n| std::mem::take(&mut *n.borrow_mut()));
        let shelf = match slot.as_mut() {
            Some(shelf) => shelf,
            None => {
                let (mut made, said) = make_shelf()?;
                notices.extend(said);
                notices.extend(made.follow(reform::query::route::pick_of(&crate::state::current_hash())));
                INITIAL_PICK.with(|p| p.set(made.pick()));
                slot.insert(made)
            }
        };
        let shown = shelf.shown();
        let opened = match (shown.origin, &shown.file) {
            (Origin::Reader, Some(name)) => Some(Opened { name: name.clone(), not_kept: NOT_KEPT.with(|n| n.borrow().clone()), by_reader: true }),
            (Origin::Page, Some(name)) => Some(Opened { name: name.clone(), not_kept: None, by_reader: false }),
            _ => None,
        };
        Ok(Mounted {
            report: Arc::clone(&shown.held.report),
            json: Arc::clone(&shown.held.json),
            opened,
            previous: shelf.compared().map(|e| Arc::clone(&e.held.report)),
            pick: shelf.pick(),
            notices,
        })
    })
}

/// Shows and compares the editions `pick` names (a history entry's, or the selectors'); an
/// empty pick stands for the editions the page first showed. `true` when the editions on
/// screen change (then mount again); what cannot be followed is said at that mount.
pub fn follow(pick: Pick) -> bool {
    let pick = if pick.is_empty() { INITIAL_PICK.with(Cell::get) } else { pick };
    with_shelf(|shelf| {
        let before = shelf.pick();
        let said = shelf.follow(pick);
        let changed = shelf.pick() != before;
        if changed {
            NOTICES.with(|n| n.borrow_mut().extend(said));
        }
        changed
    })
    .unwrap_or(false)
}

/// Whether the page holds several editions (the selectors show).
pub fn holds_several() -> bool {
    with_shelf(|shelf| shelf.len() > 1).unwrap_or(false)
}

/// Why the browser would not keep the reader's files for the session, if it would not.
pub fn not_kept() -> Option<String> {
    NOT_KEPT.with(|n| n.borrow().clone())
}

/// The editions shown and compared, as the address keeps them.
pub fn pick() -> Pick {
    with_shelf(|shelf| shelf.pick()).unwrap_or_default()
}

/// `f` on the shelf, once it is made.
pub fn with_shelf<R>(f: impl FnOnce(&mut Shelf<Held>) -> R) -> Option<R> {
    SHELF.with(|s| s.borrow_mut().as_mut().map(f))
}

/// An edition as a selector offers it: its fiscal year (the option's value) and its name.
pub type Choice = (i32, String);

/// The editions as the selectors offer them: every one held, and those the shown one can be
/// compared with, each as (fiscal year, name); empty while one edition is held.
pub fn choices() -> (Vec<Choice>, Vec<Choice>) {
    with_shelf(|shelf| {
        if shelf.len() < 2 {
            return (Vec::new(), Vec::new());
        }
        let all = shelf.editions().iter().rev().map(|e| (e.fiscal_year, e.name_ja())).collect();
        let comparable = shelf.comparable().map(|e| (e.fiscal_year, e.name_ja())).collect();
        (all, comparable)
    })
    .unwrap_or_default()
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

/// Checks `json` (the report the host page names) and keeps it for the next mount; on error
/// nothing changes.
pub fn open(name: &str, json: &str) -> Result<(), LoadError> {
    let held = Held::read(json)?;
    NAMED.with(|n| *n.borrow_mut() = Some((name.to_string(), held)));
    Ok(())
}

/// Checks `json` (a file the reader opened) and adds it to the shelf (`Shelf::open`: a newer
/// one shown, an older one compared) and, in the tab's session storage, for a reload; on error
/// nothing changes.
pub fn open_for_session(name: &str, json: &str) -> Result<(), LoadError> {
    let held = Held::read(json)?;
    with_shelf(|shelf| {
        let added = shelf.open(edition(Some(name.to_string()), Origin::Reader, held));
        if let Some(notice) = shelf.said_after_opening(&added, name) {
            NOTICES.with(|n| n.borrow_mut().push(notice));
        }
        let files: Vec<(&str, &str)> = shelf.editions().iter().filter(|e| e.origin == Origin::Reader).map(|e| (e.file.as_deref().unwrap_or_default(), &*e.held.json)).collect();
        NOT_KEPT.with(|n| *n.borrow_mut() = store(&files).err());
    });
    Ok(())
}

/// Leaves the reader's files, in this page and in the session: the shelf is made again from
/// the page's own editions at the next mount.
pub fn back_to_embedded() {
    SHELF.with(|s| *s.borrow_mut() = None);
    NOT_KEPT.with(|n| *n.borrow_mut() = None);
    forget_stored();
}

/// The files the reader opened before this page was reloaded, each checked again by the loader
/// (the app may have been updated in between). One that no longer loads is forgotten and its
/// reason kept for [`take_restore_error`].
fn restore_from_session() -> Vec<(String, Held)> {
    if !crate::IN_BROWSER {
        return Vec::new(); // the pre-render has no session
    }
    let mut kept = Vec::new();
    let mut refused = Vec::new();
    for (name, json) in stored() {
        match Held::read(&json) {
            Ok(held) => kept.push((name, held)),
            Err(e) => refused.push(reform::query::open::refusal(&name, &e.to_string(), reform::query::open::Via::Reload, &embedded_name())),
        }
    }
    if !refused.is_empty() {
        let _ = store(&kept.iter().map(|(name, held)| (name.as_str(), &*held.json)).collect::<Vec<_>>());
        RESTORE_ERROR.with(|r| *r.borrow_mut() = Some(refused.join("\n")));
    }
    kept
}

/// Why a report kept from before a reload is not shown, once.
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

/// File names cannot hold `/`, nor a JSON text a NUL: the files kept are joined by them.
const NAME_SEPARATOR: char = '/';
const REPORT_SEPARATOR: char = '\0';

/// Keeps the reader's files, as (name, JSON text), for the session, or says why the browser
/// would not (its storage is full, or there is none). No files: nothing kept.
fn store(files: &[(&str, &str)]) -> Result<(), String> {
    if files.is_empty() {
        forget_stored();
        return Ok(());
    }
    let storage = session().ok_or_else(|| "このブラウザーではセッションストレージを使えません".to_string())?;
    let (name_key, json_key) = keys();
    let names = files.iter().map(|(n, _)| n.replace(NAME_SEPARATOR, "_")).collect::<Vec<_>>().join(&NAME_SEPARATOR.to_string());
    let jsons = files.iter().map(|(_, j)| *j).collect::<Vec<_>>().join(&REPORT_SEPARATOR.to_string());
    let saved = storage.set_item(&json_key, &jsons).and_then(|()| storage.set_item(&name_key, &names));
    saved.map_err(|e| {
        // Nothing half-kept: without both keys nothing is restored.
        let _ = storage.remove_item(&json_key);
        let _ = storage.remove_item(&name_key);
        let reason = js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
        match reason.as_str() {
            "QuotaExceededError" => reform::query::open::storage_full(jsons.len()),
            "" => "ブラウザーが一時保存を拒みました".to_string(),
            other => format!("ブラウザーが一時保存を拒みました：{other}"),
        }
    })
}

/// The files kept for the session, as (name, JSON text); none where the two keys disagree.
fn stored() -> Vec<(String, String)> {
    let Some(storage) = session() else { return Vec::new() };
    let (name_key, json_key) = keys();
    let (Some(names), Some(jsons)) = (storage.get_item(&name_key).ok().flatten(), storage.get_item(&json_key).ok().flatten()) else {
        return Vec::new();
    };
    let names: Vec<&str> = names.split(NAME_SEPARATOR).collect();
    let jsons: Vec<&str> = jsons.split(REPORT_SEPARATOR).collect();
    if names.len() != jsons.len() {
        return Vec::new();
    }
    names.into_iter().zip(jsons).map(|(n, j)| (n.to_string(), j.to_string())).collect()
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
        assert_eq!(with_year("組み込みの報告書", &report_label(pretty).unwrap()), "組み込みの報告書（令和6年度）");
    }

    #[test]
    fn a_report_without_a_readable_year_is_named_without_one() {
        for json in ["", "{", "[]", r#"{"label": "令和6年度"}"#, r#"{"report": {"label": 6}}"#, r#"{"report": {"title": "x"}}"#] {
            assert_eq!(report_label(json), None, "{json}");
        }
        assert_eq!(with_year("組み込みの報告書", ""), "組み込みの報告書");
        assert_eq!(with_year("組み込みの報告書", " \n"), "組み込みの報告書");
    }

    #[test]
    fn natively_the_page_holds_nothing() {
        assert!(!page_holds_report());
        assert_eq!(embedded_name(), format!("組み込みの報告書（{}）", EMBEDDED_LABEL.trim()));
    }
}
