//! Which edition is shown and which it is compared with, when the page holds several (the
//! host's `data-previous`, the files the reader opened): two selectors over the shelf
//! (`reform::query::editions::Shelf`). A choice is a history entry (`ed=…&vs=…`), so Back
//! returns to the comparison before and a shared link opens the same one.

use leptos::prelude::*;
use reform::query::editions::Pick;

use crate::state::{switch_editions, AppState};

/// The value of 「比べない」 in the selector, as the address writes it.
const NONE: &str = "none";

#[component]
pub fn EditionBar() -> impl IntoView {
    let st = expect_context::<AppState>();
    let (all, comparable) = crate::data::choices();
    if all.is_empty() {
        return ().into_any();
    }
    // The files the reader opened are closed here: the page's own report again, alone.
    let closable = crate::data::with_shelf(|s| s.holds_opened()).unwrap_or(false);
    let not_kept = closable.then(crate::data::not_kept).flatten();
    let pick = st.route.with_untracked(|r| r.editions);
    let shown = pick.shown.unwrap_or_default();
    let compared = pick.compared.flatten();
    // On paper the selectors become one sentence naming both editions.
    let on_paper = crate::data::with_shelf(|s| s.on_paper_ja()).unwrap_or_default();
    let on_shown = move |ev: leptos::ev::Event| {
        if let Ok(year) = event_target_value(&ev).parse() {
            switch_editions(st, Pick { shown: Some(year), compared: None });
        }
    };
    let on_compared = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let compared = if value == NONE { None } else { value.parse().ok() };
        switch_editions(st, Pick { shown: Some(shown), compared: Some(compared) });
    };
    view! {
        <div class="rd-editions" role="group" aria-label="表示する報告書と比べる報告書" data-testid="editions">
            <span class="rd-field-inline">
                <label for="rd-ed-shown">"表示する報告書"</label>
                <select id="rd-ed-shown" class="rd-select" data-testid="edition-shown" on:change=on_shown>
                    {all.into_iter().map(|(year, name)| view! {
                        <option value=year.to_string() selected=year == shown>{name}</option>
                    }).collect_view()}
                </select>
            </span>
            <span class="rd-field-inline">
                <label for="rd-ed-compared">"比べる報告書"</label>
                <select id="rd-ed-compared" class="rd-select" data-testid="edition-compared" on:change=on_compared>
                    {comparable.into_iter().map(|(year, name)| view! {
                        <option value=year.to_string() selected=Some(year) == compared>{name}</option>
                    }).collect_view()}
                    <option value=NONE selected=compared.is_none()>"比べない"</option>
                </select>
            </span>
            <p class="rd-editions-print" data-testid="editions-print">{on_paper}</p>
            {closable.then(|| view! {
                <button type="button" class="rd-button rd-button-secondary" data-testid="close-opened" on:click=|_| crate::open_report::close_opened()>"開いた報告書を閉じる"</button>
            })}
            {not_kept.map(|why| view! { <p role="alert" data-testid="not-kept">{reform::query::open::not_kept(&why)}</p> })}
        </div>
    }
    .into_any()
}
