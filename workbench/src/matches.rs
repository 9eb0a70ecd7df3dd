//! Which initiative of last year's report is which of this year's: the matches that are not
//! exact (with why), and the rows new and ended. The owner breaks a wrong match or pins two rows
//! the matching did not pair; each becomes a pin or break of `edition_matches`, keyed by titles.

use leptos::prelude::*;
use reform::renewal::resolve::SameInitiative;
use reform::renewal::review::MatchReview;
use reform::renewal::session::Session;


const DEFAULT_WHY: &str = "取り込み画面で前年度と今年度の報告書を見比べて確認した";

fn decide(which: SameInitiative, older: String, newer: String) {
    crate::step(|s| s.same_initiative(which, &older, &newer, DEFAULT_WHY), |entry| format!("決定しました：{entry}"));
}

#[component]
pub fn Matches() -> impl IntoView {
    let session = expect_context::<RwSignal<Session>>();
    move || session.with(|s| s.review().and_then(|r| r.matches.clone()).map(|m| view! { <Review matches=m /> }))
}

#[component]
fn Review(matches: MatchReview) -> impl IntoView {
    let inexact = matches
        .inexact
        .iter()
        .map(|m| {
            let (older, newer) = (m.older.id.clone(), m.newer.id.clone());
            view! {
                <tr data-testid="inexact">
                    <td data-label="前年度">{format!("{} {}", m.older.id, m.older.title)}</td>
                    <td data-label="今年度">{format!("{} {}", m.newer.id, m.newer.title)}</td>
                    <td data-label="変わった点">{m.reasons_ja.clone()}</td>
                    <td><button type="button" class="wb-small" data-testid="break" on:click=move |_| decide(SameInitiative::Break, older.clone(), newer.clone())>"別の取組"</button></td>
                </tr>
            }
        })
        .collect_view();
    let ended = matches.ended_rows.clone();
    let new_rows = matches
        .new_rows
        .iter()
        .map(|n| {
            let newer = n.id.clone();
            let choice = RwSignal::new(String::new());
            let options = ended.iter().map(|e| view! { <option value=e.id.clone()>{format!("{} {}", e.id, e.title)}</option> }).collect_view();
            let has_ended = !ended.is_empty();
            view! {
                <li data-testid="new-row">
                    {format!("{} {}", n.id, n.title)}
                    {has_ended.then(|| view! {
                        <span class="wb-pin">
                            <select aria-label="前年度の同じ取組" data-testid="pin-choice" on:change=move |ev| choice.set(event_target_value(&ev))>
                                <option value="">"（新規の取組）"</option>
                                {options}
                            </select>
                            <button type="button" class="wb-small" data-testid="pin" on:click=move |_| {
                                let older = choice.get_untracked();
                                if !older.is_empty() {
                                    decide(SameInitiative::Pin, older, newer.clone());
                                }
                            }>"同じ取組として対応"</button>
                        </span>
                    })}
                </li>
            }
        })
        .collect_view();
    let ended_list = matches.ended_rows.iter().map(|e| view! { <li>{format!("{} {}", e.id, e.title)}</li> }).collect_view();
    let problems = matches.problems.iter().map(|p| view! { <li lang="en">{p.clone()}</li> }).collect_view();
    let has = (!matches.inexact.is_empty(), !matches.new_rows.is_empty(), !matches.ended_rows.is_empty(), !matches.problems.is_empty());
    view! {
        <section class="wb-step" aria-labelledby="wb-matches">
            <h2 id="wb-matches">"3. 前年度の報告書との対応"</h2>
            <p>"前年度と今年度の取組を、番号と取組項目名で対応づけました。番号や名前が変わった対応と、新規・終了の取組を確かめてください。違っていれば、ここで直せます（調整ファイルに記録されます）。"</p>
            {has.0.then(|| view! {
                <h3>"番号や名前が変わった対応"</h3>
                <div class="wb-scroll">
                    <table class="wb-matches">
                        <thead><tr><th scope="col">"前年度"</th><th scope="col">"今年度"</th><th scope="col">"変わった点"</th><th scope="col"><span class="wb-hidden">"操作"</span></th></tr></thead>
                        <tbody>{inexact}</tbody>
                    </table>
                </div>
            })}
            {has.1.then(|| view! {
                <h3>"今年度の新規の取組"</h3>
                <p class="wb-hint">"前年度の取組の名前が大きく変わったものなら、前年度の取組を選んで「同じ取組として対応」を押してください。"</p>
                <ul class="wb-rows">{new_rows}</ul>
            })}
            {has.2.then(|| view! { <h3>"前年度にあって今年度にない取組（終了）"</h3><ul class="wb-rows" data-testid="ended">{ended_list}</ul> })}
            {has.3.then(|| view! { <h3>"使えなかった対応の指定"</h3><ul>{problems}</ul> })}
        </section>
    }
}
