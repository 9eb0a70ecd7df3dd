//! How to read the dashboard, and where its wording comes from.

use leptos::prelude::*;

use crate::state::AppState;

#[component]
pub fn HelpView() -> impl IntoView {
    let st = expect_context::<AppState>();
    let report = st.report();
    let meta = &report.report;
    view! {
        <section class="rd-help-page" aria-labelledby="rd-help-h">
            <h2 id="rd-help-h">"使い方とデータについて"</h2>
            <h3>"進捗状況の記号"</h3>
            <p>"報告書は小項目ごとに「進捗状況」を ○ または △ で示していますが、記号の凡例を載せていません。"
               "このダッシュボードでは ○ を「順調」、△ を「遅れ・課題あり」と表記し、記号と文字を必ず並べて示します。"</p>
            <h3>"KPI の判定"</h3>
            <p>"目標の年度に実績がある場合はその値で、年度の記載がない目標は最新の実績で判定します。"
               "時間外勤務や未収金のように減少が良い指標は、実績が目標以下のとき「達成」です。目標年度がまだ来ていないものは「目標年度前」です。"</p>
            <h3>"操作"</h3>
            <ul class="rd-items">
                <li>"取組一覧では、条件（柱・部局・進捗など）とキーワードで絞り込み、列見出しのボタンで並べ替えられます。"</li>
                <li>"表示中の状態は URL に保存されます。ブックマークやリンクの共有で同じ画面を開けます。"</li>
                <li>"すべての操作はキーボード（Tab・Enter・Space）でできます。"</li>
                <li>"CSV は Excel でそのまま開ける形式（UTF-8、BOM 付き）です。"</li>
            </ul>
            <h3>"データ"</h3>
            <p>{format!("出典：{}（{}、報告書 {}〜{}ページ）。PDF から抽出したテキストを自動で変換し、読み取れない表などは確認済みの補正データで補っています。すべての数値は出典ファイルの行番号を示しています。",
                meta.source.name, meta.label, meta.pages.first, meta.pages.last)}</p>
        </section>
    }
}
