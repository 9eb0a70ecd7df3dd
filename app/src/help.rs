//! How to read the dashboard, and where its wording comes from.

use leptos::prelude::*;
use reform::query::achievement::Status;
use reform::query::kpi_view::worked_example;

use crate::state::AppState;

#[component]
pub fn HelpView() -> impl IntoView {
    let st = expect_context::<AppState>();
    let report = st.report();
    let meta = &report.report;
    let coverage = reform::query::overview::coverage_ja(&report);
    let worked = worked_example(&report).map(|w| view! { <p data-testid="worked-example">"例（この報告書から）："{w.sentence_ja()}</p> });
    view! {
        <section class="rd-help-page" aria-labelledby="rd-help-h">
            <h2 id="rd-help-h">"使い方とデータについて"</h2>
            <h3>"進捗状況の記号"</h3>
            <p>"報告書は小項目ごとに「進捗状況」を ○ または △ で示していますが、記号の凡例を載せていません。"
               "このダッシュボードでは ○ を「順調」、△ を「遅れ・課題あり」と表記し、記号と文字を必ず並べて示します。"</p>
            <h3>"KPI の判定"</h3>
            <p>"目標の年度を迎えた KPI は、その年度の実績を目標と比べて「達成」か「未達成」かを判定します。"
               "「以上」「以下」「未満」「超」「程度（概ね）」「40％以上60％以下」のような範囲、「毎年度」「5か年の平均」などの書き方は、報告書の目標の表記どおりに使います。"
               "時間外勤務や未収金のように減少が良い指標は、実績が目標以下のとき「達成」です。"
               "年度の記載がない目標は、最新の実績との差を示しますが「未達成」とはしません。目標年度が先の目標に実績がすでに届いていれば「目標水準に到達済み」とし、「達成」とはしません。"
               "「又は」で結ばれた目標は一つの目標で、どちらかの条件を満たせば満たされます。それぞれの指標の判定は、その指標自身の数値によります。"
               "百分率どうしの差は「ポイント」、目標に対する相対的な差は「目標比」として示します。"</p>
            <p>"目標年度がまだ来ていない KPI は、国連の持続可能な開発目標（SDGs）の進捗評価（カナダ統計局の方法、Open SDG で使われているもの）にならい、"
               "これまでの伸び（年平均成長率）を、目標年度までに目標に届くために必要な伸びと比べた比率 R で判定します。"</p>
            <ul class="rd-items" data-testid="judgement-rule">
                {Status::ALL.into_iter().map(|s| view! { <li data-status=s.key()>{format!("{}：{}", s.display_ja(), s.rule_ja())}</li> }).collect_view()}
            </ul>
            <p>"年平均成長率は（最新の実績 ÷ 最初の実績）を経過年数で累乗根したものから 1 を引いた値です。値が 0 以下のときは、年あたりの増減量で比べます。"</p>
            {worked}
            <h3>"操作"</h3>
            <ul class="rd-items">
                <li>"取組一覧では、条件（柱・部局・進捗など）とキーワードで絞り込み、列見出しのボタンで並べ替えられます。"</li>
                <li>"表示中の状態は URL に保存されます。ブックマークやリンクの共有で同じ画面を開けます。"</li>
                <li>"すべての操作はキーボード（Tab・Enter・Space）でできます。"</li>
                <li>"CSV は Excel でそのまま開ける形式（UTF-8、BOM 付き）です。"</li>
                <li>"数値や記述の横の「出典」を押すと、報告書のその行（数値を強調）と前後の行、印刷ページを表示します。"</li>
                <li>"「このビューを共有」で、表示中の画面のリンクや、ほかのウェブページに埋め込むコードをコピーできます。"</li>
            </ul>
            <h3>"集計の範囲"</h3>
            <p data-testid="help-coverage">{coverage}</p>
            <h3>"データ"</h3>
            <p>{format!("出典：{}（{}、報告書 {}〜{}ページ）。PDF から抽出したテキストを自動で変換し、読み取れない表などは確認済みの補正データで補っています。すべての数値は出典ファイルの行番号を示しています。",
                meta.source.name, meta.label, meta.pages.first, meta.pages.last)}</p>
        </section>
    }
}
