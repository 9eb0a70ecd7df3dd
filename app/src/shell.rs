//! The frame around every view: header, main area, footer with the data's provenance,
//! and the error page shown when the report cannot be read.

use std::sync::Arc;

use leptos::prelude::*;
use reform::model::Report;

use crate::data;
use crate::overview::Overview;

pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

#[component]
pub fn App() -> impl IntoView {
    match data::embedded() {
        Ok(report) => view! { <Dashboard report /> }.into_any(),
        Err(e) => view! {
            <div class="rd" lang="ja">
                <main class="rd-main">
                    <div class="rd-error" role="alert">
                        <h1>"データを読み込めませんでした"</h1>
                        <p>{e.to_string()}</p>
                        <p>"ダッシュボードに組み込まれたデータが壊れています。担当者に連絡してください。"</p>
                    </div>
                </main>
            </div>
        }
        .into_any(),
    }
}

#[component]
fn Dashboard(report: Arc<Report>) -> impl IntoView {
    let meta = &report.report;
    let title = meta.title.clone();
    let year = format!("{}（{}年度）", meta.label, meta.fiscal_year);
    view! {
        <div class="rd" lang="ja">
            <header class="rd-header">
                <p class="rd-kicker">"行財政改革 進捗ダッシュボード"</p>
                <h1 class="rd-title">{title}</h1>
                <p class="rd-year">{year}</p>
            </header>
            <main class="rd-main" id="rd-main">
                <Overview report=report.clone() />
            </main>
            <Footer report />
        </div>
    }
}

#[component]
fn Footer(report: Arc<Report>) -> impl IntoView {
    let meta = &report.report;
    let sha = meta.source.sha256.chars().take(12).collect::<String>();
    let text = format!("データ: {}時点の報告書 ／ 出典ファイル {}（SHA-256 {}…）", meta.label, meta.source.name, sha);
    view! {
        <footer class="rd-footer">
            <p data-testid="provenance">{text}</p>
            <p>"アプリ版 " {APP_VERSION}</p>
        </footer>
    }
}
