//! The app's state: the report (read once), the explorer index, and the view state mirrored to
//! the URL hash so that reload, shared links and back/forward restore the exact view.

use leptos::prelude::*;
use reform::model::Report;
use reform::query::explore::Explorer;
use reform::query::route::{self, Route, View};

#[derive(Clone, Copy)]
pub struct AppState {
    pub report: &'static Report,
    pub explorer: &'static Explorer<'static>,
    pub route: RwSignal<Route>,
    /// What the last URL held that could not be used, shown until the next navigation.
    pub notices: RwSignal<Vec<String>>,
    /// Why a dropped report file could not be opened.
    pub notices_error: RwSignal<Option<String>>,
}

impl AppState {
    /// The report lives as long as the page; leaking it gives the views plain `&'static` access.
    pub fn new(report: Report) -> AppState {
        let report: &'static Report = Box::leak(Box::new(report));
        let explorer: &'static Explorer<'static> = Box::leak(Box::new(Explorer::new(report)));
        let parsed = route::parse(&current_hash(), report);
        AppState {
            report,
            explorer,
            route: RwSignal::new(parsed.route),
            notices: RwSignal::new(parsed.notices),
            notices_error: RwSignal::new(None),
        }
    }

    /// Changes the view state; the hash follows (a new history entry).
    pub fn navigate(&self, f: impl FnOnce(&mut Route)) {
        self.notices.set(Vec::new());
        self.route.update(f);
    }

    /// The hash of the current route changed by `f`, for real links.
    pub fn href(&self, f: impl FnOnce(&mut Route)) -> String {
        let mut r = self.route.get();
        f(&mut r);
        route::to_hash(&r)
    }

    pub fn href_view(&self, view: View) -> String {
        self.href(|r| {
            r.view = view;
            r.open = None;
        })
    }
}

pub fn current_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// Keeps the hash and the route in step, both ways.
pub fn sync_with_hash(state: AppState) {
    Effect::new(move |_| {
        let r = state.route.get();
        let hash = route::to_hash(&r);
        let current = current_hash();
        // Leave the host page's own anchor alone while the dashboard shows its start view.
        let ours = current.starts_with(route::PREFIX);
        if hash != current && (ours || r != Route::default()) {
            let _ = gloo::utils::window().location().set_hash(&hash);
        }
    });
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = current_hash();
        if !hash.starts_with(route::PREFIX) {
            return; // an anchor of the host page or the skip link
        }
        if hash == route::to_hash(&state.route.get_untracked()) {
            return; // our own write of the canonical hash; keep the notices about the original
        }
        let parsed = route::parse(&hash, state.report);
        if parsed.route != state.route.get_untracked() {
            state.route.set(parsed.route);
        }
        state.notices.set(parsed.notices);
    });
    on_cleanup(move || handle.remove());
}
