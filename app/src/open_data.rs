//! 「データのダウンロード」: the Excel workbook and each published table and file with what it
//! holds, its records and size, saved from the browser. The files are made by the data module
//! (`data_module.rs`, loaded on this page's first draw) from the report on screen: the same
//! bytes as the hosted `data/` folder, and offline with no network.

use leptos::prelude::*;

use crate::data_module::{self, FileButton, FileRequest, OfferedFile};
use crate::on_demand::Library;
use crate::state::AppState;

#[component]
pub fn DataView() -> impl IntoView {
    let st = expect_context::<AppState>();
    data_module::request();
    let page = move || match data_module::state_tracked() {
        Library::Idle | Library::Loading => view! { <p class="rd-loading" role="status" data-testid="data-preparing">"準備しています…"</p> }.into_any(),
        Library::Failed => view! { <p class="rd-notice" role="alert">{data_module::UNAVAILABLE}</p> }.into_any(),
        Library::Ready => match data_module::data_page(&st.report_json()) {
            Ok(page) => view! { <Offers page=page /> }.into_any(),
            Err(e) => view! { <p class="rd-notice" role="alert">{format!("ファイルを用意できませんでした：{e}")}</p> }.into_any(),
        },
    };
    view! {
        <section class="rd-data" aria-labelledby="rd-data-h">
            <h2 id="rd-data-h">"データのダウンロード"</h2>
            <p>"報告書の内容を、表計算ソフトやプログラムで使える表（CSV、UTF-8・BOM付き、1行1レコード）と Excel ブックにしたものです。"
               "列の意味とコードは「コードブック」に、表どうしのつながりは「データパッケージ」にあります。"
               "ファイルはこの画面の報告書からブラウザーの中で作るため、ネットワークにはつながりません。"</p>
            {page}
        </section>
    }
}

#[component]
fn Offers(page: data_module::DataPage) -> impl IntoView {
    let st = expect_context::<AppState>();
    let save_error = RwSignal::new(None::<String>);
    let items = page
        .files
        .into_iter()
        .map(|o| {
            let facts = [o.records_ja.clone(), o.size_ja.clone()].into_iter().filter(|f| !f.is_empty()).collect::<Vec<_>>().join("・");
            let OfferedFile { file_name, title_ja, description_ja, mime, text, .. } = o;
            let save = match text {
                Some(text) => {
                    let name = file_name.clone();
                    let save = move |_| save_error.set(crate::download::save(&name, &mime, &text).err());
                    view! { <button type="button" class="rd-button rd-button-secondary" data-testid="offer-save" on:click=save>"ダウンロード"</button> }.into_any()
                }
                // The workbook: made by the module when asked for.
                None => {
                    let name = file_name.clone();
                    let make = move || FileRequest { export: "workbook", report_json: st.report_json(), ids: None, file_name: name.clone(), mime: crate::data_module::XLSX };
                    view! { <FileButton label="ダウンロード" testid="offer-save" class="rd-button rd-button-secondary" make=Box::new(make) error=save_error /> }.into_any()
                }
            };
            let key = file_name.clone();
            view! {
                <li class="rd-offer" data-file=key>
                    <p class="rd-offer-name"><strong>{title_ja}</strong>" "<code>{file_name}</code></p>
                    <p class="rd-offer-what">{description_ja}</p>
                    <p class="rd-offer-facts">{facts}" "{save}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <dl class="rd-data-meta">
            <dt>"出典"</dt><dd data-testid="data-source">{page.source_ja}</dd>
            <dt>"ライセンス"</dt><dd data-testid="data-licence">{page.licence_ja}</dd>
        </dl>
        {move || save_error.get().map(|e| view! { <p class="rd-notice" role="alert">{format!("保存できませんでした：{e}")}</p> })}
        <ul class="rd-offers" data-testid="offers">{items}</ul>
    }
}
