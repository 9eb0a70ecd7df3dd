//! A modal dialog with its heading and 「閉じる」: opened with `showModal` (the page behind is
//! inert), Esc and 「閉じる」 close it, Tab and Shift+Tab stay inside it, and focus returns to
//! the control that opened it.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What can take focus inside the dialog, in tab order.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input, textarea, select, [tabindex]:not([tabindex='-1'])";

/// Shown while mounted: render it inside a `<Show>` and let `on_close` end that.
#[component]
pub fn Modal(
    /// The dialog's heading and accessible name.
    #[prop(into)]
    heading: String,
    /// The heading's id (unique in the page).
    heading_id: &'static str,
    #[prop(into)] on_close: Callback<()>,
    #[prop(optional)] testid: &'static str,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<html::Dialog>::new();
    // Focus goes back where it came from when the dialog closes.
    let opener = StoredValue::new_local(if crate::IN_BROWSER { gloo::utils::document().active_element() } else { None });
    Effect::new(move |_| {
        if let Some(dialog) = node.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
            if let Some(first) = focusables(&dialog).first() {
                let _ = first.focus();
            }
        }
    });
    on_cleanup(move || {
        // While the dialog is modal the page behind is inert and cannot take focus: close first.
        if let Some(dialog) = node.get_untracked() {
            dialog.close();
        }
        opener.with_value(|el| {
            if let Some(el) = el {
                let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
            }
        })
    });
    let keep_focus_inside = move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Tab" {
            return;
        }
        let Some(dialog) = node.get_untracked() else { return };
        let items = focusables(&dialog);
        let (Some(first), Some(last)) = (items.first(), items.last()) else { return };
        let active = gloo::utils::document().active_element();
        let at = |el: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>());
        let inside = active.as_ref().is_some_and(|a| dialog.contains(Some(a)));
        if ev.shift_key() && (at(first) || !inside) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && (at(last) || !inside) {
            ev.prevent_default();
            let _ = first.focus();
        }
    };
    view! {
        <dialog node_ref=node class="rd-dialog" aria-labelledby=heading_id data-testid=testid
            on:cancel=move |ev: web_sys::Event| { ev.prevent_default(); on_close.run(()); }
            on:close=move |_: web_sys::Event| on_close.run(())
            on:keydown=keep_focus_inside>
            <div class="rd-dialog-head">
                <h2 id=heading_id>{heading}</h2>
                <button type="button" class="rd-button rd-button-secondary" on:click=move |_| on_close.run(())>"閉じる"</button>
            </div>
            {children()}
        </dialog>
    }
}

/// Focuses the control that was clicked, so the dialog it opens gives focus back to it on close
/// (a click does not focus a button in every browser).
pub fn focus_target(ev: &web_sys::MouseEvent) {
    if let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

fn focusables(dialog: &web_sys::HtmlDialogElement) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).map(JsCast::unchecked_into).collect()
}
