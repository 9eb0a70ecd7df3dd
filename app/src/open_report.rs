//! Opening another report JSON (next year's, say) from a file picker or by dropping it on the
//! page, offline too. The file is checked first; a bad one leaves the current report on screen
//! and says what is wrong.

use leptos::prelude::*;

use crate::data;

/// The label of the control, also named by messages that send the reader to it.
pub const OPEN_LABEL: &str = "別の報告書データ（同じ形式の JSON）を開く";

fn remount_soon() {
    // Not from inside the handler of the view that is about to go away.
    gloo::timers::callback::Timeout::new(0, crate::mount).forget();
}

/// Reads the first file; `error` receives the message when it cannot be used.
pub fn read_file(file: web_sys::File, error: RwSignal<Option<String>>) {
    let name = file.name();
    // Refused before reading: a huge file would stall the page while it is read and parsed.
    let bytes = file.size();
    if bytes > reform::load::MAX_REPORT_BYTES as f64 {
        let e = reform::load::LoadError::TooLarge { bytes: bytes as usize };
        error.set(Some(format!("{name} は使えません。{e}")));
        return;
    }
    let reader = StoredValue::new_local(None::<gloo::file::callbacks::FileReader>);
    let task = gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |result| {
        match result {
            Err(e) => error.set(Some(format!("{name} を読めません：{e}"))),
            Ok(text) => match data::open(&name, &text) {
                Ok(()) => {
                    let _ = gloo::utils::window().location().set_hash("");
                    remount_soon();
                }
                Err(e) => error.set(Some(format!("{name} は使えません。{e}"))),
            },
        }
        reader.set_value(None);
    });
    reader.set_value(Some(task));
}

pub fn first_file(list: Option<web_sys::FileList>) -> Option<web_sys::File> {
    list.and_then(|l| l.get(0))
}

#[component]
pub fn OpenReport(opened: Option<String>) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = first_file(input.files()) {
            error.set(None);
            read_file(file, error);
        }
        input.set_value("");
    };
    view! {
        <div class="rd-open" data-testid="open-report">
            {opened.map(|name| view! {
                <p data-testid="opened-name">"表示中：読み込んだ報告書 " {name} " "
                    <button type="button" class="rd-button rd-button-secondary"
                        on:click=move |_| { data::back_to_embedded(); let _ = gloo::utils::window().location().set_hash(""); remount_soon(); }>
                        {format!("{}に戻る", data::embedded_name())}
                    </button>
                </p>
            })}
            <label for="rd-open-file">{OPEN_LABEL}"："</label>
            <input id="rd-open-file" type="file" accept=".json,application/json" on:change=on_change data-testid="open-file" />
            <p class="rd-hint">"ファイルをこの画面にドロップしても開けます。データは外部に送信されません。"</p>
            {move || error.get().map(|e| view! { <p class="rd-error-text" role="alert" data-testid="open-error">{e}</p> })}
        </div>
    }
}
