//! 「出典を見る」: a button beside every figure, text item and summary paragraph, and the one
//! dialog that shows the printed lines behind it, the figure marked, with its printed page.

use leptos::prelude::*;
use reform::query::source::{self, Anchor, NotFound, Passage};

use crate::dialog::{focus_target, Modal};
use crate::source_loader::{self, Loaded};
use crate::state::AppState;

/// What a 「出典」 button asks the dialog to show: a title, and one passage per labelled anchor
/// (an actual and its target, say).
#[derive(Clone, Debug, PartialEq)]
pub struct SourceRequest {
    pub title: String,
    pub passages: Vec<(String, Anchor)>,
}

impl SourceRequest {
    /// One passage, labelled with the title.
    pub fn one(title: impl Into<String>, anchor: Anchor) -> SourceRequest {
        let title = title.into();
        SourceRequest { passages: vec![(title.clone(), anchor)], title }
    }
}

#[component]
pub fn SourceButton(request: SourceRequest) -> impl IntoView {
    let st = expect_context::<AppState>();
    let label = format!("出典を見る：{}", request.title);
    view! {
        // In the pre-rendered snapshot the button cannot work yet: it says so by being disabled.
        <button type="button" class="rd-source-btn" aria-haspopup="dialog" aria-label=label data-testid="source-button" disabled=!crate::IN_BROWSER
            on:click=move |ev| {
                focus_target(&ev);
                source_loader::request();
                st.source_request.set(Some(request.clone()));
            }>"出典"</button>
    }
}

#[component]
pub fn SourceDialog() -> impl IntoView {
    let st = expect_context::<AppState>();
    move || {
        st.source_request.get().map(|request| {
            let close = Callback::new(move |_| st.source_request.set(None));
            let report = st.report();
            let name = report.report.source.name.clone();
            let SourceRequest { title, passages } = request;
            // One passage is named by the dialog's title; several get a heading each.
            let several = passages.len() > 1;
            let body = move || match source_loader::loaded() {
                Loaded::Idle | Loaded::Loading => view! { <p class="rd-note" role="status">"出典テキストを読み込んでいます…"</p> }.into_any(),
                Loaded::Failed(message) => view! { <p class="rd-notice" role="alert" data-testid="source-error">{message}</p> }.into_any(),
                Loaded::Ready(bytes) => match source_loader::verified(&bytes, &report.report.source) {
                    Err(mismatch) => view! {
                        <p class="rd-notice" role="alert" data-testid="source-error">{mismatch.to_string()}</p>
                        <ul>{passages.iter().map(|(label, anchor)| view! { <li>{format!("{label}：{}", lines_of(anchor))}</li> }).collect_view()}</ul>
                    }
                    .into_any(),
                    Ok(text) => passages
                        .iter()
                        .map(|(label, anchor)| passage_view(label.clone(), several, source::passage(&text, &report.report.source, anchor)))
                        .collect_view()
                        .into_any(),
                },
            };
            view! {
                <Modal heading=format!("出典：{title}") heading_id="rd-source-h" on_close=close testid="source-dialog">
                    <div class="rd-dialog-body">{body}</div>
                    <p class="rd-note">{format!("出典ファイル {name}（報告書の PDF から抽出したテキスト）。行番号はこのファイルの行、ページは報告書に印刷されたページです。")}</p>
                </Modal>
            }
        })
    }
}

/// Where an anchor points, in words, for when the text cannot be shown.
fn lines_of(anchor: &Anchor) -> String {
    match anchor {
        Anchor::Figure { line, text } => format!("{line}行「{text}」"),
        Anchor::Item { within, .. } => within.iter().map(|s| format!("{}〜{}行", s.first_line, s.last_line)).collect::<Vec<_>>().join("、") + " の中",
    }
}

fn passage_view(label: String, with_heading: bool, passage: Result<Passage, NotFound>) -> impl IntoView {
    match passage {
        Ok(p) => {
            let page = match p.page {
                Some(_) => format!("報告書 {}", source::page_ja(p.page)),
                None => source::page_ja(None),
            };
            let lines = source::lines_ja(p.marked.0, p.marked.1);
            let region = format!("{label}（{lines}）の前後");
            view! {
                <section class="rd-passage" data-testid="passage" data-page=p.page.map(|n| n.to_string()) data-first-line=p.marked.0 data-last-line=p.marked.1>
                    {with_heading.then(|| view! { <h3>{label.clone()}</h3> })}
                    <p class="rd-passage-where"><strong>{page}</strong>"　"{lines}</p>
                    <ol class="rd-passage-lines" tabindex="0" aria-label=region>
                        {p.lines.into_iter().map(|line| {
                            let marked = !line.marks.is_empty();
                            let pieces = line.pieces().into_iter().map(|(text, mark)| {
                                let text = text.to_string();
                                if mark { view! { <mark>{text}</mark> }.into_any() } else { text.into_any() }
                            }).collect_view();
                            view! { <li value=line.number class:rd-marked=marked data-line=line.number>{pieces}</li> }
                        }).collect_view()}
                    </ol>
                </section>
            }
            .into_any()
        }
        Err(e) => view! {
            <section class="rd-passage" data-testid="passage">
                <h3>{label}</h3>
                <p class="rd-notice" data-testid="source-error">{e.to_string()}</p>
            </section>
        }
        .into_any(),
    }
}
