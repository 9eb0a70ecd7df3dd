//! Every warning beside its printed lines, and, where a decision settles it, a form for that
//! decision: it becomes an override entry and the text is read again.

use leptos::prelude::*;
use reform::model::{PointKind, Rating};
use reform::normalize::Fix;
use reform::renewal::resolve::Decision;
use reform::renewal::review::{advice_ja, field_ja, Noted};
use reform::renewal::session::Session;

/// The reason written for the next reviewer unless the owner writes another.
const DEFAULT_WHY: &str = "取り込み画面で PDF の印刷と見比べて確認した";

#[component]
pub fn Warnings() -> impl IntoView {
    let session = expect_context::<RwSignal<Session>>();
    let list = move || {
        session.with(|s| {
            let Some(review) = s.review() else { return ().into_any() };
            let open = review.open_decisions();
            let label = review.label.clone();
            let items = review.warnings.iter().enumerate().map(|(k, n)| view! { <Warning index=k noted=n.clone() year=label.clone() /> }).collect_view();
            let head = match (review.warnings.len(), open) {
                (0, _) => "警告はありません。".to_string(),
                (all, 0) => format!("警告 {all} 件。選んで決めるものは残っていません。示された行を PDF と見比べてください。"),
                (all, open) => format!("警告 {all} 件のうち、{open} 件は選んで決めてください。"),
            };
            view! {
                <p data-testid="warnings-head">{head}</p>
                <ol class="wb-warnings" data-testid="warnings">{items}</ol>
            }
            .into_any()
        })
    };
    let taken = move || {
        session.with(|s| {
            (!s.taken.is_empty()).then(|| {
                let items = s
                    .taken
                    .iter()
                    .map(|t| view! { <li>{if t.line == 0 { t.entry.clone() } else { format!("{} 行目：{}", t.line, t.entry) }}</li> })
                    .collect_view();
                view! {
                    <h3>"この画面で決めたこと"</h3>
                    <ul class="wb-taken" data-testid="taken">{items}</ul>
                }
            })
        })
    };
    view! {
        <section class="wb-step" aria-labelledby="wb-warnings">
            <h2 id="wb-warnings">"4. 警告の確認"</h2>
            {list}
            {taken}
        </section>
    }
}

#[component]
fn Warning(index: usize, noted: Noted, year: String) -> impl IntoView {
    let w = &noted.warning;
    let lines = noted
        .printed
        .iter()
        .map(|(n, text)| {
            let own = *n == w.line;
            view! { <tr class:wb-own=own><th scope="row">{*n}</th><td>{text.clone()}</td></tr> }
        })
        .collect_view();
    let has_lines = !noted.printed.is_empty();
    let form = w.fix.clone().map(|fix| view! { <DecisionForm index fix year /> });
    view! {
        <li class="wb-warning" data-testid="warning" data-field=w.field>
            <p class="wb-warning-head">
                <strong>{field_ja(w.field)}</strong>
                {format!("（{} 行目）", w.line)}
            </p>
            <details class="wb-message">
                <summary>"読み取りの詳細（英語）"</summary>
                <p lang="en">{w.message.clone()}</p>
            </details>
            {has_lines.then(|| view! { <table class="wb-lines" aria-label="テキストの該当行"><tbody>{lines}</tbody></table> })}
            <p class="wb-advice">{advice_ja(w)}</p>
            {form}
        </li>
    }
}

/// The unit printed after a figure: `名` of `855名`, `百万円` of `732百万円`.
fn unit_of(text: &str) -> String {
    text.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, ',' | '.' | '，' | '．') || ('０'..='９').contains(&c)).to_string()
}

#[component]
fn DecisionForm(index: usize, fix: Fix, year: String) -> impl IntoView {
    let session = expect_context::<RwSignal<Session>>();
    let why = RwSignal::new(DEFAULT_WHY.to_string());
    // The choice: a row, department or rating; for a figure, a KPI's label.
    let choice = RwSignal::new(String::new());
    let is_kpi = RwSignal::new(false);
    let new_label = RwSignal::new(String::new());
    let (figure_unit, figure_text) = match &fix {
        Fix::Figure { text, .. } => (unit_of(text), text.clone()),
        _ => (String::new(), String::new()),
    };
    let unit = RwSignal::new(figure_unit);
    let year_hint = year.clone();
    let period = RwSignal::new(year);
    let kind = RwSignal::new("actual".to_string());
    let (question, options): (String, Vec<(String, String)>) = match &fix {
        Fix::Mark { mark, page, candidates, .. } => (
            format!("「{mark}」は{}どの取組の印ですか。", page.map_or(String::new(), |p| format!(" {p} ページの"))),
            candidates.iter().map(|c| (c.clone(), c.clone())).collect(),
        ),
        Fix::Table { caption, candidates } => (format!("表「{caption}」はどの取組のものですか。"), candidates.iter().map(|c| (c.clone(), c.clone())).collect()),
        Fix::Pairing { initiative, division, departments } => (
            format!("{initiative} の {division} はどの部局の課ですか。"),
            departments.iter().map(|d| (d.clone(), d.clone())).collect(),
        ),
        Fix::Rating { subsection, title } => (
            format!("{subsection} {title} の進捗状況は。"),
            vec![("○".into(), "○ 順調".into()), ("△".into(), "△ 遅れ・課題あり".into())],
        ),
        Fix::Figure { initiative, text, kpis, .. } => {
            let last_year = session.with_untracked(|s| s.last_years_kpis(initiative));
            (
                format!("{initiative} の「{text}」は KPI の数値ですか。"),
                kpis.iter()
                    .map(|k| (k.clone(), k.clone()))
                    .chain(last_year.into_iter().map(|k| (k.clone(), format!("{k}（前年度の KPI）"))))
                    .chain([(String::new(), "新しい KPI を作る".into())])
                    .collect(),
            )
        }
    };
    if let Some((first, _)) = options.first() {
        choice.set(first.clone());
    }
    let is_figure = matches!(fix, Fix::Figure { .. });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let picked = choice.get_untracked();
        let decision = match &fix {
            Fix::Mark { .. } => Decision::MarkOf { initiative: picked },
            Fix::Table { .. } => Decision::TableOf { initiative: picked },
            Fix::Pairing { .. } => Decision::DivisionUnder { department: picked },
            Fix::Rating { .. } => Decision::Rated { rating: if picked == "△" { Rating::Delayed } else { Rating::OnTrack } },
            Fix::Figure { .. } if !is_kpi.get_untracked() => Decision::NoKpi,
            Fix::Figure { .. } => Decision::FigureOf {
                label: if picked.is_empty() { new_label.get_untracked() } else { picked },
                unit: unit.get_untracked(),
                period: period.get_untracked(),
                kind: if kind.get_untracked() == "target" { PointKind::Target } else { PointKind::Actual },
            },
        };
        let why = why.get_untracked();
        crate::step(|s| s.decide(index, &decision, &why), |entry| format!("決定しました：{entry}"));
    };
    let radio = format!("wb-kpi-{index}");
    let options_view = options
        .into_iter()
        .map(|(value, label)| view! { <option value=value.clone() selected=move || choice.get() == value>{label}</option> })
        .collect_view();
    view! {
        <form class="wb-decide" data-testid="decide" on:submit=submit>
            <p class="wb-question">{question}</p>
            {is_figure.then(|| view! {
                <p class="wb-radios">
                    <label><input type="radio" name=radio.clone() value="no" checked=move || !is_kpi.get() on:change=move |_| is_kpi.set(false) data-testid="no-kpi" />"KPI ではない（取組の説明の数値）"</label>
                    <label><input type="radio" name=radio.clone() value="yes" checked=move || is_kpi.get() on:change=move |_| is_kpi.set(true) data-testid="is-kpi" />{format!("KPI の数値として「{figure_text}」を加える")}</label>
                </p>
            })}
            <Show when=move || !is_figure || is_kpi.get()>
                <label class="wb-field">
                    {if is_figure { "KPI" } else { "選択" }}
                    <select data-testid="choice" on:change=move |ev| choice.set(event_target_value(&ev))>{options_view.clone()}</select>
                </label>
            </Show>
            <Show when=move || is_figure && is_kpi.get()>
                <Show when=move || choice.get().is_empty()>
                    <label class="wb-field">"新しい KPI の名前"<input type="text" data-testid="new-label" prop:value=move || new_label.get() on:input=move |ev| new_label.set(event_target_value(&ev)) /></label>
                </Show>
                <label class="wb-field">"単位"<input type="text" size="6" prop:value=move || unit.get() on:input=move |ev| unit.set(event_target_value(&ev)) /></label>
                <label class="wb-field">"年度（数値がどの年度のものか）"<input type="text" size="10" data-testid="period" prop:value=move || period.get() on:input=move |ev| period.set(event_target_value(&ev)) /></label>
                <label class="wb-field">"種類"
                    <select data-testid="kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="actual" selected=move || kind.get() == "actual">"実績"</option>
                        <option value="target" selected=move || kind.get() == "target">"目標"</option>
                    </select>
                </label>
            </Show>
            <Show when=move || is_figure && is_kpi.get()>
                <p class="wb-hint wb-full">{format!("実績は、ふつう報告書の年度（{}）のものです。目標は、文中に書かれた年度を入れてください。前年度と同じ指標なら、前年度の KPI を選ぶと名前がそろいます。", year_hint)}</p>
            </Show>
            <label class="wb-field wb-why">"理由（次の年度の確認のために記録されます）"
                <input type="text" data-testid="why" prop:value=move || why.get() on:input=move |ev| why.set(event_target_value(&ev)) />
            </label>
            <button type="submit" class="wb-button" data-testid="decide-button">"決定"</button>
        </form>
    }
}
