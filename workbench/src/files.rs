//! Files in: a picker and a drop anywhere on the page. Each file is recognised by what it holds
//! (`reform::renewal::session::recognise`): the new text, last year's overrides, or last year's
//! report; what cannot be used is said with the file's name, and what was held stays.

use leptos::prelude::*;
use reform::renewal::session::{recognise, Session};

use crate::Notice;

/// Refused before reading: a report's text is a few hundred kilobytes.
const MAX_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

pub fn allow_drop(ev: web_sys::DragEvent) {
    ev.prevent_default();
}

pub fn dropped(ev: web_sys::DragEvent, session: RwSignal<Session>, notice: RwSignal<Option<Notice>>) {
    ev.prevent_default();
    if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
        take(list, session, notice);
    }
}

fn take(list: web_sys::FileList, session: RwSignal<Session>, notice: RwSignal<Option<Notice>>) {
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|k| list.get(k)).collect();
    if files.is_empty() {
        return;
    }
    notice.set(Some(Notice::Done("読み込んでいます…".into())));
    wasm_bindgen_futures::spawn_local(async move {
        let mut said = Vec::new();
        let mut problems = Vec::new();
        // Last year's files first: the text then runs once, with them.
        let mut given = Vec::new();
        for file in files {
            let name = file.name();
            if file.size() > MAX_BYTES {
                problems.push(format!("「{name}」は大きすぎます（{:.0} MB）。報告書のテキストは数百 KB です。", file.size() / 1_048_576.0));
                continue;
            }
            match gloo::file::futures::read_as_bytes(&gloo::file::File::from(file)).await {
                Ok(bytes) => match recognise(&name, &bytes) {
                    Ok(g) => given.push(g),
                    Err(why) => problems.push(why),
                },
                Err(e) => problems.push(format!("「{name}」を読めません（{e}）。")),
            }
        }
        given.sort_by_key(|g| matches!(g, reform::renewal::session::Given::Text { .. }));
        for g in given {
            session.update(|s| said.push(s.give(g)));
        }
        notice.set(Some(match (said.is_empty(), problems.is_empty()) {
            (_, false) => Notice::Problem(problems.join("\n")),
            (false, true) => Notice::Done(format!("読み込みました：{}", said.join("、"))),
            (true, true) => Notice::Done(String::new()),
        }));
    });
}

/// The picker, and what the workbench holds now.
#[component]
pub fn Inputs() -> impl IntoView {
    let session = expect_context::<RwSignal<Session>>();
    let notice = expect_context::<RwSignal<Option<Notice>>>();
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(list) = input.files() {
            take(list, session, notice);
        }
        // The same file chosen again (after fixing it) is read again.
        input.set_value("");
    };
    let held = move || {
        session.with(|s| {
            let text = s.text.as_ref().map_or("まだありません".to_string(), |(n, d)| format!("{n}（{}）", d.encoding.name()));
            let overrides = s.overrides.as_ref().map_or("なし".to_string(), |(n, o)| format!("{n}（{} 件）", o.entry_count()));
            let previous = s.previous.as_ref().map_or("なし（比較しません）".to_string(), |(n, _, _)| n.clone());
            let (has_overrides, has_previous) = (s.overrides.is_some(), s.previous.is_some());
            view! {
                <dl class="wb-held" data-testid="held">
                    <dt>"今年度の報告書のテキスト"</dt><dd data-testid="held-text">{text}</dd>
                    <dt>"前年度の調整ファイル"</dt>
                    <dd>
                        <span data-testid="held-overrides">{overrides}</span>
                        {has_overrides.then(|| view! { <button type="button" class="wb-small" data-testid="drop-overrides" on:click=move |_| forget(session, notice, Held::Overrides)>"使わない"</button> })}
                    </dd>
                    <dt>"前年度の報告書（比較の相手）"</dt>
                    <dd>
                        <span data-testid="held-previous">{previous}</span>
                        {has_previous.then(|| view! { <button type="button" class="wb-small" data-testid="drop-previous" on:click=move |_| forget(session, notice, Held::Previous)>"比較しない"</button> })}
                    </dd>
                </dl>
            }
        })
    };
    view! {
        <section class="wb-step" aria-labelledby="wb-files">
            <h2 id="wb-files">"1. ファイルを選ぶ"</h2>
            <p>
                "報告書の PDF から取り出したテキスト（.txt、UTF-8 または Shift_JIS）を選ぶか、このページにドロップしてください。"
                "前年度の調整ファイル（overrides.json）と前年度の報告書（initiatives.json）は、ダッシュボードに入っているものを使います。別のものを使うときは、一緒に選んでください。"
            </p>
            <label class="wb-picker">
                "ファイルを選ぶ"
                <input type="file" accept=".txt,.json,text/plain,application/json" multiple data-testid="pick" on:change=on_change />
            </label>
            {held}
        </section>
    }
}

enum Held {
    Overrides,
    Previous,
}

/// Stops using last year's overrides or report (a first edition has neither) and reads again.
fn forget(session: RwSignal<Session>, notice: RwSignal<Option<Notice>>, held: Held) {
    session.update(|s| {
        match held {
            Held::Overrides => s.overrides = None,
            Held::Previous => s.previous = None,
        }
        s.run();
    });
    notice.set(Some(Notice::Done(match held {
        Held::Overrides => "調整ファイルを使わずに読み直しました。".into(),
        Held::Previous => "前年度の報告書と比較せずに読み直しました。".into(),
    })));
}

