//! What was read: counts beside last year's, what the text lacks, the match with last year's
//! report, and what became of last year's overrides.

use leptos::prelude::*;
use reform::renewal::review::Review;
use reform::renewal::session::Session;

#[component]
pub fn Summary() -> impl IntoView {
    let session = expect_context::<RwSignal<Session>>();
    move || session.with(|s| s.review().cloned().map(|r| view! { <Read review=r /> }))
}

/// Removes last year's entry `entry` from the overrides, and says so.
fn remove(entry: String) {
    crate::step(|s| s.remove_entry(&entry), |said| said);
}

#[component]
fn Read(review: Review) -> impl IntoView {
    let has_before = review.counts.iter().any(|c| c.before.is_some());
    let rows = review
        .counts
        .iter()
        .map(|c| {
            let before = c.before.map_or(String::new(), |b| b.to_string());
            let differs = c.before.is_some_and(|b| b != c.now);
            view! {
                <tr class:wb-differs=differs>
                    <th scope="row">{c.label}</th>
                    <td data-testid="count-now">{c.now}</td>
                    {has_before.then(|| view! { <td data-testid="count-before">{before}</td> })}
                </tr>
            }
        })
        .collect_view();
    let gaps = review.gaps_ja();
    let whole = gaps.is_empty();
    let matched = review.matched.map(|(matched, inexact, new, ended)| {
        format!("前年度の報告書と照合：取組の行（再掲を含む）{matched} 件が対応（うち {inexact} 件は番号・題名・担当が変わった対応）、新規 {new} 件、終了 {ended} 件。")
    });
    let stale = review
        .stale
        .iter()
        .map(|o| {
            let entry = o.entry.clone();
            view! {
                <li>
                    {format!("{}：{}", o.entry, o.detail)}
                    <button type="button" class="wb-small" data-testid="remove-entry" on:click=move |_| remove(entry.clone())>"この項目を削除"</button>
                </li>
            }
        })
        .collect_view();
    let adapted = review.adapted.iter().map(|o| view! { <li>{format!("{}：{}", o.entry, o.detail)}</li> }).collect_view();
    let (has_stale, has_adapted) = (!review.stale.is_empty(), !review.adapted.is_empty());
    view! {
        <section class="wb-step" aria-labelledby="wb-read">
            <h2 id="wb-read">{format!("2. 読み取り結果（{}）", review.label)}</h2>
            <table class="wb-counts" data-testid="counts">
                <thead><tr><th scope="col">"数"</th><th scope="col">"今年度"</th>{has_before.then(|| view! { <th scope="col">"前年度"</th> })}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <h3>"テキストの欠け"</h3>
            {if whole {
                view! { <p data-testid="gaps">"欠けているページや取組番号はありません。"</p> }.into_any()
            } else {
                view! { <ul class="wb-gaps" data-testid="gaps">{gaps.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul> }.into_any()
            }}
            {matched.map(|m| view! { <p data-testid="matched">{m}</p> })}
            <Show when=move || has_stale>
                <h3>"前年度の調整項目のうち、今年度は当てはまらないもの"</h3>
                <p>"次の項目は今年度の報告書に当てはまらないため使っていません。調整ファイルには残してあります（使われないだけで、害はありません）。取組が終わったものは「この項目を削除」で調整ファイルから除けます。同じ判断が今年度も必要なら、下の警告で改めて決めてください。"</p>
            </Show>
            {has_stale.then(|| view! { <ul class="wb-stale" data-testid="stale">{stale}</ul> })}
            <Show when=move || has_adapted>
                <h3>"前年度の調整項目を今年度の数値に合わせたもの"</h3>
            </Show>
            {has_adapted.then(|| view! { <ul class="wb-adapted" data-testid="adapted">{adapted}</ul> })}
        </section>
    }
}
