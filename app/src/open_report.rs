//! Opening another report JSON (next year's, say) from a file picker or by dropping it on the
//! page, offline too. The file is checked first; a bad one leaves the current report on screen
//! and says, where the file came in, what is wrong and what to do. A file chosen in the
//! pre-rendered page before the app replaced it is read once the app is there.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use reform::query::open::{self, Via};
use wasm_bindgen::JsCast;

use crate::data;

pub use reform::query::open::OPEN_LABEL;

/// Why a file could not be opened, and how it came in: the picker shows it under itself, the
/// dashboard's top shows the others (a dropped file, one kept from before a reload).
#[derive(Clone, Debug, PartialEq)]
pub struct OpenError {
    pub via: Via,
    pub message: String,
}

/// The element that shows an error about a dropped file: focused, so the reader who dropped it
/// anywhere on the page is taken to the message.
pub const TOP_ALERT_ID: &str = "rd-open-alert";
/// The message under the picker, which the picker names as its description.
const PICKER_ERROR_ID: &str = "rd-open-error";

thread_local! {
    /// A file chosen in the pre-rendered page, waiting for the app's picker.
    static EARLY: RefCell<Option<web_sys::File>> = const { RefCell::new(None) };
    /// The error channel of the picker on screen, for a file that arrives on the pre-rendered
    /// page's control after the app replaced it.
    static CHANNEL: Cell<Option<RwSignal<Option<OpenError>>>> = const { Cell::new(None) };
}

/// Reads `file`, which came in `via`; `error` (the app's one channel for file errors) receives
/// the message when it cannot be used.
pub fn read_file(file: web_sys::File, via: Via, error: RwSignal<Option<OpenError>>) {
    let name = file.name();
    error.set(None);
    let fail = move |name: &str, why: String| {
        let _ = error.try_set(Some(OpenError { via, message: open::refusal(name, &why, via, &data::embedded_name()) }));
    };
    // Refused before reading: a huge file would stall the page while it is read and parsed.
    let bytes = file.size();
    if bytes > reform::load::MAX_REPORT_BYTES as f64 {
        let e = reform::load::LoadError::TooLarge { bytes: bytes as usize };
        fail(&name, e.to_string());
        return;
    }
    let reader = StoredValue::new_local(None::<gloo::file::callbacks::FileReader>);
    let task = gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |result| {
        match result {
            Err(e) => fail(&name, format!("ファイルを読めません（{e}）")),
            Ok(text) => match data::open_for_session(&name, &text) {
                Ok(()) => {
                    let _ = gloo::utils::window().location().set_hash("");
                    crate::remount_soon();
                }
                Err(e) => fail(&name, e.to_string()),
            },
        }
        reader.try_set_value(None);
    });
    reader.set_value(Some(task));
}

pub fn first_file(list: Option<web_sys::FileList>) -> Option<web_sys::File> {
    list.and_then(|l| l.get(0))
}

/// Called before the app replaces what the host element holds. In the pre-rendered page, a file
/// chosen already is kept for the app's picker; while the chooser is still open, the file chosen
/// arrives on the old control, which hands it on. Either way it is read, never dropped.
pub fn keep_early_choice(host: &web_sys::Element) {
    if host.query_selector("[data-rd-snapshot]").ok().flatten().is_none() {
        return;
    }
    let Some(input) = host.query_selector("#rd-open-file").ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
        return;
    };
    if let Some(file) = first_file(input.files()) {
        EARLY.with(|e| *e.borrow_mut() = Some(file));
        return;
    }
    let control = input.clone();
    // Once per page, on a control that has left it: the listener lives as long as that control.
    gloo::events::EventListener::once(&input, "change", move |_| {
        if let Some(file) = first_file(control.files()) {
            match CHANNEL.with(Cell::get) {
                Some(error) => read_file(file, Via::Picker, error),
                None => EARLY.with(|e| *e.borrow_mut() = Some(file)),
            }
        }
    })
    .forget();
}

/// The picker at the foot of the dashboard, with its hint and its errors. `named`: the file of
/// a report the host page names, on screen now.
#[component]
pub fn OpenReport(named: Option<String>) -> impl IntoView {
    let st = expect_context::<crate::state::AppState>();
    let error = st.open_error;
    if crate::IN_BROWSER {
        CHANNEL.with(|c| c.set(Some(error)));
        on_cleanup(|| CHANNEL.with(|c| c.set(None)));
        if let Some(file) = EARLY.with(|e| e.borrow_mut().take()) {
            read_file(file, Via::Picker, error);
        }
    }
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = first_file(input.files()) {
            read_file(file, Via::Picker, error);
        }
        input.set_value("");
    };
    let picker_error = move || error.get().filter(|e| e.via == Via::Picker);
    view! {
        <div class="rd-open" data-testid="open-report">
            {named.map(|name| view! {
                <p data-testid="named-report">"表示中：このページが指定する報告書 " {name} " "
                    <button type="button" class="rd-button rd-button-secondary"
                        on:click=move |_| { data::back_to_embedded(); let _ = gloo::utils::window().location().set_hash(""); crate::remount_soon(); }>
                        {format!("{}に戻る", data::embedded_name())}
                    </button>
                </p>
            })}
            <label for="rd-open-file">{OPEN_LABEL}"："</label>
            <input id="rd-open-file" type="file" accept=".json,application/json" on:change=on_change data-testid="open-file"
                aria-describedby=move || picker_error().map(|_| PICKER_ERROR_ID) aria-invalid=move || picker_error().map(|_| "true") />
            {move || picker_error().map(|e| view! { <p class="rd-error-text" role="alert" id=PICKER_ERROR_ID data-testid="open-error" data-via="picker">{e.message}</p> })}
            <p class="rd-hint">"ファイルをこの画面にドロップしても開けます。データは外部に送信されません。"</p>
        </div>
    }
}

/// The reader's opened report over the dashboard: which file and year are on screen, the way
/// back to the page's own report, and whether a reload keeps it.
#[component]
pub fn OpenedBanner(opened: data::Opened) -> impl IntoView {
    let st = expect_context::<crate::state::AppState>();
    let text = open::opened_banner(&opened.name, &st.report().report.label);
    let back_to = match crate::named_report::named() {
        Some(file) => format!("このページの報告書（{file}）"),
        None => data::embedded_name(),
    };
    let back = move |_| close_opened();
    view! {
        <div class="rd-notice rd-opened" data-testid="opened-name">
            <p>{text}" "
                <button type="button" class="rd-button rd-button-secondary" data-testid="back-to-bundled" on:click=back>{open::back_button(&back_to)}</button>
            </p>
            {opened.not_kept.map(|why| view! { <p role="alert" data-testid="not-kept">{open::not_kept(&why)}</p> })}
        </div>
    }
}

/// Leaves every file the reader opened: the page's own report again, from its start view.
pub fn close_opened() {
    data::back_to_embedded();
    let _ = gloo::utils::window().location().set_hash("");
    // Not from inside the handler of the view that is about to go away.
    gloo::timers::callback::Timeout::new(0, crate::start_again).forget();
}

/// Errors about a dropped file, or about the report kept from before a reload, at the top of
/// the dashboard. A drop has no control to return to, so focus goes to the message.
#[component]
pub fn TopOpenError() -> impl IntoView {
    let st = expect_context::<crate::state::AppState>();
    let shown = move || st.open_error.get().filter(|e| e.via != Via::Picker);
    Effect::new(move |_| {
        if shown().is_some_and(|e| e.via == Via::Drop) {
            request_animation_frame(|| {
                if let Some(el) = gloo::utils::document().get_element_by_id(TOP_ALERT_ID) {
                    let el: web_sys::HtmlElement = el.unchecked_into();
                    let _ = el.focus();
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Center);
                    el.scroll_into_view_with_scroll_into_view_options(&options);
                }
            });
        }
    });
    move || {
        shown().map(|e| {
            let via = if e.via == Via::Drop { "drop" } else { "reload" };
            view! {
                <div class="rd-notice" role="alert" tabindex="-1" id=TOP_ALERT_ID data-testid="open-error" data-via=via>
                    <p>{e.message}</p>
                    <button type="button" class="rd-button rd-button-secondary" on:click=move |_| { st.open_error.set(None); crate::shell::focus_main(); }>"閉じる"</button>
                </div>
            }
        })
    }
}
