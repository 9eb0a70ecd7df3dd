//! The app's state: the report (read once), the explorer index, and the view state mirrored to
//! the URL hash so that reload, shared links and back/forward restore the exact view.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use reform::model::Report;
use reform::query::editions::{ChangeSummary, Comparison};
use reform::query::explore::Explorer;
use reform::query::editions::Pick;
use reform::query::route::{self, Route, View};

#[derive(Clone, Copy)]
pub struct AppState {
    /// The report and its search index, owned by the app's reactive owner: unmounting the app
    /// (to show another report) frees both.
    data: StoredValue<Arc<Explorer>>,
    /// The same report as its JSON text, for the data module (`data_module.rs`).
    report_json: StoredValue<Arc<str>>,
    pub route: RwSignal<Route>,
    /// What the last URL held that could not be used, shown until the next navigation.
    pub notices: RwSignal<Vec<String>>,
    /// Why a report file (chosen, dropped, or kept from before a reload) could not be opened:
    /// one channel, shown where the file came in (`open_report.rs`).
    pub open_error: RwSignal<Option<crate::open_report::OpenError>>,
    /// The passage the source dialog shows; `None` while it is closed.
    pub source_request: RwSignal<Option<crate::source_dialog::SourceRequest>>,
    /// The share dialog is open.
    pub share_open: RwSignal<bool>,
    /// The previous edition the host page names, compared with the report once per mount.
    comparison: StoredValue<Option<Arc<Comparison>>>,
    /// The next address write replaces the current history entry instead of adding one (a
    /// search word typed, another order): Back then leaves the view, not each keystroke.
    replace_entry: StoredValue<bool>,
}

impl AppState {
    /// `report_json`: the report's text, handed to the data module for the downloads.
    /// `previous`: the edition to compare `report` with, if any; one that cannot be compared
    /// is said as a notice.
    /// `pick`: the editions shown and compared, as the address keeps them.
    pub fn new(report: Arc<Report>, report_json: Arc<str>, previous: Option<Arc<Report>>, pick: Pick) -> AppState {
        let mut parsed = route::parse(&current_hash(), &report);
        parsed.route.editions = pick;
        let comparison = match previous.map(|older| reform::query::editions::compare(older, &report)) {
            Some(Ok(c)) => Some(Arc::new(c)),
            Some(Err(why)) => {
                parsed.notices.push(why);
                None
            }
            None => None,
        };
        AppState {
            data: StoredValue::new(Arc::new(match &comparison {
                Some(c) => Explorer::comparing(report, Arc::clone(&c.summary)),
                None => Explorer::new(report),
            })),
            report_json: StoredValue::new(report_json),
            route: RwSignal::new(parsed.route),
            notices: RwSignal::new(parsed.notices),
            open_error: RwSignal::new(None),
            source_request: RwSignal::new(None),
            share_open: RwSignal::new(false),
            comparison: StoredValue::new(comparison),
            replace_entry: StoredValue::new(false),
        }
    }

    /// What changed since the previous edition, when the host page names one.
    pub fn changes(&self) -> Option<Arc<ChangeSummary>> {
        self.comparison.with_value(|c| c.as_ref().map(|c| Arc::clone(&c.summary)))
    }

    /// `label`, written for the edition just before (「前年度からの変化」), as it reads for the
    /// edition compared (「令和3年度からの変化」 two years back).
    pub fn since_label(&self, label: &str) -> String {
        self.changes().map_or_else(|| label.to_string(), |c| c.since_label(label))
    }

    /// The previous edition and how it matches this one, when the host page names one.
    pub fn comparison(&self) -> Option<Arc<Comparison>> {
        self.comparison.get_value()
    }

    /// The report on screen as its JSON text (a cheap handle).
    pub fn report_json(&self) -> Arc<str> {
        self.report_json.get_value()
    }

    /// The report on screen (a cheap handle; keep it for the length of a view function).
    pub fn report(&self) -> Arc<Report> {
        self.data.with_value(|e| e.shared_report())
    }

    pub fn explorer(&self) -> Arc<Explorer> {
        self.data.get_value()
    }

    /// Changes the view state; the hash follows (a new history entry). Other filters or another
    /// order start the result list on its first page again.
    pub fn navigate(&self, f: impl FnOnce(&mut Route)) {
        if self.notices.with_untracked(|n| !n.is_empty()) {
            self.notices.set(Vec::new());
        }
        self.route.update(|r| {
            let before = (r.filter.clone(), r.sort);
            f(r);
            if (&r.filter, r.sort) != (&before.0, before.1) {
                r.page = 0;
            }
        });
    }

    /// [`AppState::navigate`] without a history entry of its own: for refinements of the view
    /// on screen (the search words, the order), which Back should not step through one by one.
    pub fn refine(&self, f: impl FnOnce(&mut Route)) {
        self.replace_entry.set_value(true);
        self.navigate(f);
    }

    /// The link to the current route changed by `f` (see [`link_to`]). Reads the route without
    /// tracking it: a link built inside a view must not rebuild the view (and its charts) on
    /// every unrelated route change. Links that must follow the route wrap this in a closure.
    pub fn href(&self, f: impl FnOnce(&mut Route)) -> String {
        let mut r = self.route.get_untracked();
        f(&mut r);
        link_to(&route::to_hash(&r))
    }

    /// Like [`AppState::href`], but tracked: for `href=move || …` attributes that must follow
    /// the current filters.
    pub fn href_tracked(&self, f: impl FnOnce(&mut Route)) -> String {
        self.route.track();
        self.href(f)
    }

    pub fn href_view(&self, view: View) -> String {
        self.href_tracked(|r| {
            r.view = view;
            r.open = None;
        })
    }
}

/// The `href` of every link of the app to `hash` (a view, or an element of the app): this
/// document's address with that fragment. A bare `#…` resolves against a host page's
/// `<base href>`, which may name another page: a link opened in a new tab, or copied, would
/// lead there. Bare when pre-rendering: the snapshot has no address yet, and the hosted
/// index.html it goes into has no `<base>`.
pub fn link_to(hash: &str) -> String {
    if crate::IN_BROWSER {
        route::with_hash(&address(), hash)
    } else {
        hash.to_string()
    }
}

/// The URL hash; empty when pre-rendering (the snapshot is the start view).
pub fn current_hash() -> String {
    if crate::IN_BROWSER {
        gloo::utils::window().location().hash().unwrap_or_default()
    } else {
        String::new()
    }
}

/// Keeps the hash and the route in step, both ways.
pub fn sync_with_hash(state: AppState) {
    // The address follows once the changed view is painted: a history entry costs a few
    // milliseconds, which the result count should not wait for. Changes within one frame
    // become one entry.
    Effect::new(move |_| {
        state.route.track();
        request_animation_frame(move || set_timeout(move || write_hash(state), std::time::Duration::ZERO));
    });
    // Back and forward fire `popstate`, and `hashchange` too when the fragment differs, as does
    // a hash typed into the address bar or a host page's link to `#rd/…`.
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| show_entry(state));
    let on_pop = window_event_listener(leptos::ev::popstate, move |_| show_entry(state));
    // A plain click on a link to a view is followed here, as a new history entry without a
    // page load (the browser would run a fragment navigation, or, for a host page's bare
    // `#rd/…` link under a `<base href>` naming another page, leave the page). A click for a
    // new tab or window is left to the browser.
    let on_click = window_event_listener(leptos::ev::click, move |ev| {
        if ev.default_prevented() || ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        let link = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("a[href]").ok().flatten());
        // An SVG link in the host page matches `a[href]` too, but is no HTML anchor.
        if let Some(hash) = link.and_then(|l| l.dyn_into::<web_sys::HtmlAnchorElement>().ok()).and_then(|l| view_link_hash(&l)) {
            ev.prevent_default();
            show_hash(state, &hash);
        }
    });
    on_cleanup(move || {
        on_hash.remove();
        on_pop.remove();
        on_click.remove();
    });
}

fn address() -> String {
    gloo::utils::window().location().href().unwrap_or_default()
}

/// The `#rd/…` view a link leads to within this document: a link of the app's (this page's
/// address with that fragment, see [`link_to`]), or a bare `#rd/…` in a host page, followed
/// in the app whatever the page's `<base href>`. `None` for any other link.
fn view_link_hash(link: &web_sys::HtmlAnchorElement) -> Option<String> {
    let written = link.get_attribute("href")?;
    // The fragment as written, not as resolved: the route reads it as it writes it.
    let hash = &written[written.find('#')?..];
    if !hash.starts_with(route::PREFIX) {
        return None;
    }
    let this_page = route::with_hash(&address(), "") == route::with_hash(&link.href(), "");
    (written.starts_with('#') || this_page).then(|| hash.to_string())
}

/// The address the page was opened at, hash included: the browser's record of the document's
/// navigation, which a click on a link of the pre-rendered snapshot (before the app started) or
/// another report opened later does not change. The current address where there is no record.
fn opening_address() -> String {
    let entry = gloo::utils::window().performance().map(|p| p.get_entries_by_type("navigation").get(0));
    entry.and_then(|e| js_sys::Reflect::get(&e, &"name".into()).ok()).and_then(|n| n.as_string()).unwrap_or_else(address)
}

/// Shows the view of the history entry the browser is at (`route::entry_route`): the entry the
/// page opened on shows its start view again, an entry of the host page's own leaves the view.
fn show_entry(state: AppState) {
    if let Some(parsed) = route::entry_route(&address(), &opening_address(), &state.report()) {
        show(state, parsed);
    }
}

/// Shows the view an in-app link's `hash` names.
fn show_hash(state: AppState, hash: &str) {
    if !hash.starts_with(route::PREFIX) {
        return; // an anchor of the host page or the skip link
    }
    if hash == route::to_hash(&state.route.get_untracked()) {
        return; // shown already (our own write, or a link to the view on screen)
    }
    show(state, route::parse(hash, &state.report()));
}

/// Shows a parsed view with notices about what in its address could not be used. The second
/// event of a pair (`popstate` and `hashchange`) finds its route and notices shown already.
/// Other editions are another mount (`data::follow`).
fn show(state: AppState, mut parsed: route::Parsed) {
    let editions = state.route.get_untracked().editions;
    if parsed.route.editions != editions {
        if crate::data::follow(parsed.route.editions) {
            crate::remount_soon();
            return;
        }
        parsed.route.editions = editions;
    }
    if parsed.route != state.route.get_untracked() {
        state.route.set(parsed.route);
    }
    if state.notices.with_untracked(|n| *n != parsed.notices) {
        state.notices.set(parsed.notices);
    }
}

/// Writes the route into the address, unless it is there already or the app is gone.
fn write_hash(state: AppState) {
    let Some(r) = state.route.try_get_untracked() else { return };
    let hash = route::to_hash(&r);
    let current = current_hash();
    // Leave the host page's own anchor alone while the dashboard shows its start view.
    let ours = current.starts_with(route::PREFIX);
    let replace = state.replace_entry.try_update_value(std::mem::take).unwrap_or(false);
    // The editions alone are no view of the dashboard's: the start view stays unwritten.
    let start_view = Route { editions: Pick::default(), ..r.clone() } == Route::default();
    if hash != current && (ours || !start_view) {
        // Only an entry of the dashboard's own is replaced: the host page's entry stays.
        write_entry(&hash, replace && ours);
    }
}

/// Shows and compares the editions `pick` names, as a new history entry of the view on screen.
pub fn switch_editions(state: AppState, pick: Pick) {
    if !crate::data::follow(pick) {
        return;
    }
    // The address names both, as the shelf now holds them: the mount then writes no other.
    let mut r = state.route.get_untracked();
    r.editions = crate::data::pick();
    write_entry(&route::to_hash(&r), false);
    crate::remount_soon();
}

/// A new history entry with `hash`, or (`replace`) the current one rewritten. `pushState`
/// rather than assigning `location.hash`, which runs a fragment navigation (a look-up of a
/// target element, then a `hashchange` event that would come back here). Falls back to the hash
/// where the history API is refused.
fn write_entry(hash: &str, replace: bool) {
    let window = gloo::utils::window();
    // An absolute address: a bare `#…` would resolve against a host page's `<base href>`.
    let url = route::with_hash(&window.location().href().unwrap_or_default(), hash);
    let written = window.history().and_then(|h| {
        if replace {
            h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        } else {
            h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        }
    });
    if written.is_err() {
        let _ = window.location().set_hash(hash);
    }
}
