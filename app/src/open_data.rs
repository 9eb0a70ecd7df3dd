//! 「データのダウンロード」: each published table and file with what it holds, its records and
//! size, saved from the browser. The files are made here from the report on screen by
//! `reform::query::opendata` (the same bytes as the hosted `data/` folder), so the offline file
//! offers them with no network.

use leptos::prelude::*;
use reform::query::opendata::offers::{licence_ja, offers, source_ja};

use crate::state::AppState;

#[component]
pub fn DataView() -> impl IntoView {
    let st = expect_context::<AppState>();
    let report = st.report();
    let offered = offers(&report);
    let save_error = RwSignal::new(None::<String>);
    let items = offered
        .into_iter()
        .map(|o| {
            let (name, mime, text) = (o.file_name.clone(), o.mime, o.text);
            let save = move |_| save_error.set(crate::download::save(&name, mime, &text).err());
            let facts = [o.records_ja, o.size_ja].into_iter().filter(|f| !f.is_empty()).collect::<Vec<_>>().join("・");
            view! {
                <li class="rd-offer" data-file=o.file_name.clone()>
                    <p class="rd-offer-name"><strong>{o.title_ja}</strong>" "<code>{o.file_name.clone()}</code></p>
                    <p class="rd-offer-what">{o.description_ja}</p>
                    <p class="rd-offer-facts">{facts}" "
                        <button type="button" class="rd-button rd-button-secondary" data-testid="offer-save" on:click=save>"ダウンロード"</button></p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="rd-data" aria-labelledby="rd-data-h">
            <h2 id="rd-data-h">"データのダウンロード"</h2>
            <p>"報告書の内容を、表計算ソフトやプログラムで使える表（CSV、UTF-8・BOM付き、1行1レコード）にしたものです。"
               "列の意味とコードは「コードブック」に、表どうしのつながりは「データパッケージ」にあります。"
               "ファイルはこの画面の報告書からブラウザーの中で作るため、ネットワークにはつながりません。"</p>
            <dl class="rd-data-meta">
                <dt>"出典"</dt><dd data-testid="data-source">{source_ja(&report)}</dd>
                <dt>"ライセンス"</dt><dd data-testid="data-licence">{licence_ja()}</dd>
            </dl>
            {move || save_error.get().map(|e| view! { <p class="rd-notice" role="alert">{format!("保存できませんでした：{e}")}</p> })}
            <ul class="rd-offers" data-testid="offers">{items}</ul>
        </section>
    }
}
