//! What the dashboard says when a person opens another report file: why a file is refused and
//! what to do, and which report is on screen while an opened one is kept for the session.

/// The label of the control that opens a report file; messages that send the reader to it
/// name it as it reads on screen.
pub const OPEN_LABEL: &str = "別の報告書データ（同じ形式の JSON）を開く";

/// How a file reached the dashboard: chosen with the control, dropped on the page, or kept from
/// before the page was reloaded. A message is shown where the file came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Picker,
    Drop,
    Reload,
}

/// Why `name` cannot be shown (`why`: the loader's or the browser's reason), and what to do.
/// The report on screen stays, except after a reload, where the bundled one (`bundled`:
/// 「組み込みの報告書（令和5年度）」) takes its place.
pub fn refusal(name: &str, why: &str, via: Via, bundled: &str) -> String {
    let why = why.trim_end_matches('。');
    match via {
        Via::Picker => format!("{name} は使えません。{why}。同じ形式の報告書データ（JSON）を選び直してください。今の報告書はそのまま表示しています。"),
        Via::Drop => format!(
            "ドロップした {name} は使えません。{why}。同じ形式の報告書データ（JSON）をドロップし直すか、画面下部の「{OPEN_LABEL}」で選んでください。今の報告書はそのまま表示しています。"
        ),
        Via::Reload => format!(
            "前回開いた報告書 {name} を再表示できません。{why}。{bundled}を表示しています。もう一度開くには、画面下部の「{OPEN_LABEL}」でファイルを選んでください。"
        ),
    }
}

/// The banner over an opened report: its file and its year (`label`, as the report prints it).
pub fn opened_banner(name: &str, label: &str) -> String {
    match label.trim() {
        "" => format!("開いた報告書を表示中：{name}"),
        year => format!("開いた報告書を表示中：{name}（{year}）"),
    }
}

/// The button that leaves an opened report for the one the page comes with (`back_to`:
/// 「組み込みの報告書（令和5年度）」, or the file the page names).
pub fn back_button(back_to: &str) -> String {
    format!("{back_to}に戻す")
}

/// Why a report of `bytes` was not kept: the session storage is full.
pub fn storage_full(bytes: usize) -> String {
    format!("ブラウザーの一時保存の容量（セッションストレージ）を超えます。ファイルの大きさ {:.1} MB", bytes as f64 / 1_048_576.0)
}

/// Said under the banner when the browser would not keep the opened report for the session
/// (`why`: its reason, such as a full storage).
pub fn not_kept(why: &str) -> String {
    format!(
        "この報告書はブラウザーに一時保存できなかったため、ページを再読み込みすると元の報告書に戻ります（{}）。再読み込みの後は、もう一度ファイルを開いてください。",
        why.trim_end_matches('。')
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::LoadError;
    use crate::model::Report;
    use crate::query::committed_report;

    #[test]
    fn a_refused_file_is_named_with_the_reason_and_what_to_do() {
        let e = Report::from_json(r#"{"schema_version": "9.0.0"}"#).unwrap_err();
        assert!(matches!(e, LoadError::Version { .. }));
        let why = e.to_string();
        let picked = refusal("newer.json", &why, Via::Picker, "組み込みの報告書（令和5年度）");
        assert_eq!(picked, format!("newer.json は使えません。{why}。同じ形式の報告書データ（JSON）を選び直してください。今の報告書はそのまま表示しています。"));
        let dropped = refusal("newer.json", &why, Via::Drop, "組み込みの報告書（令和5年度）");
        assert!(dropped.starts_with("ドロップした newer.json は使えません。") && dropped.contains(OPEN_LABEL), "{dropped}");
        let reloaded = refusal("newer.json", &why, Via::Reload, "組み込みの報告書（令和5年度）");
        assert!(reloaded.contains("組み込みの報告書（令和5年度）を表示しています"), "{reloaded}");
        // A reason that ends a sentence is not ended twice.
        assert!(!refusal("a.json", "読めません。", Via::Picker, "").contains("。。"));
    }

    #[test]
    fn the_banner_names_the_file_and_the_year_of_the_report_in_it() {
        let r = committed_report();
        assert_eq!(opened_banner("next.json", &r.report.label), format!("開いた報告書を表示中：next.json（{}）", r.report.label));
        assert_eq!(opened_banner("next.json", ""), "開いた報告書を表示中：next.json");
        assert_eq!(back_button(&format!("組み込みの報告書（{}）", r.report.label)), format!("組み込みの報告書（{}）に戻す", r.report.label));
        assert!(not_kept("QuotaExceededError。").contains("（QuotaExceededError）"));
        assert!(storage_full(3 * 1_048_576 + 104_858).ends_with("ファイルの大きさ 3.1 MB"));
    }
}
