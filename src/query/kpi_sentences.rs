//! The sentences about a KPI: how a target reads, actual against target with the gap, the
//! one-sentence summary of its verdict, and the caption of its saved chart.

use super::achievement::{self, Judgement, Method, Status};
use crate::format::{difference, figure, relative, with_unit, YearStyle};
use crate::model::{ActualStatus, Aggregate, Comparator, Kpi, KpiPoint, PointKind, Report};

/// What a saved chart image says about itself, so that a slide showing it needs nothing more:
/// the KPI, its judgement as its card shows it, the report's year, and where the report prints
/// its figures.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChartCaption {
    /// The KPI's label.
    pub title: String,
    /// 「◎ 達成」: the mark and label of the KPI's overall judgement, as on its card.
    pub status: String,
    /// The report's year: as printed (`令和5年度`), or in 西暦 (`2023年度`).
    pub year: String,
    /// 「判定：◎ 達成　令和5年度の報告書」
    pub subtitle: String,
    /// 「出典：<the report's title>　18ページ・364〜378行（取組 II-1-1-1）」
    pub source: String,
}

/// The caption of `kpi`'s saved chart. The judgement is [`achievement::overall`], the one
/// the KPI page and the detail show; the page and lines are those of the KPI's figures.
pub fn chart_caption(report: &Report, kpi: &Kpi, style: YearStyle) -> ChartCaption {
    let meta = &report.report;
    let status = achievement::overall(report, kpi);
    let status = status.display_ja();
    let year = match style {
        YearStyle::Era if !meta.label.trim().is_empty() => meta.label.trim().to_string(),
        _ => crate::format::fiscal_year(meta.fiscal_year, style),
    };
    let place = if kpi.series.is_empty() {
        String::new()
    } else {
        format!("　{}", super::source::cite(&meta.source, kpi.series.iter().map(|p| p.line)))
    };
    ChartCaption {
        title: kpi.label.clone(),
        subtitle: format!("判定：{status}　{year}の報告書"),
        source: format!("出典：{}{place}（取組 {}）", meta.title.trim(), kpi.initiative),
        status,
        year,
    }
}

/// How a target reads: `令和7年度の目標99％以上`, `毎年度（令和6年度まで）の目標30,000千円`,
/// `令和3年度～令和7年度の平均で50％以上`, `目標855名`.
pub fn target_ja(p: &KpiPoint, unit: &str, style: YearStyle) -> String {
    let word = match p.comparator {
        Some(Comparator::AtLeast) => "以上",
        Some(Comparator::AtMost) => "以下",
        Some(Comparator::Below) => "未満",
        Some(Comparator::Above) => "超",
        Some(Comparator::About) => "程度",
        Some(Comparator::Equal) | None => "",
    };
    let mut value = format!("{}{word}", figure(p, unit));
    if let Some(u) = p.upper {
        value.push_str(&format!("{}以下", with_unit(u, unit)));
    }
    let year = |y: i32| crate::format::fiscal_year(y, style);
    let span = |s: [Option<i32>; 2]| match s {
        [Some(a), Some(b)] => format!("{}～{}", year(a), year(b)),
        [None, Some(b)] => format!("{}まで", year(b)),
        [Some(a), None] => format!("{}から", year(a)),
        [None, None] => String::new(),
    };
    match (p.aggregate, p.span, p.fiscal_year) {
        (Some(Aggregate::EachYear), Some(s), _) => format!("毎年度（{}）の目標{value}", span(s)),
        (Some(Aggregate::EachYear), None, _) => format!("毎年度の目標{value}"),
        (Some(Aggregate::Average), Some(s), _) => format!("{}の平均で目標{value}", span(s)),
        (Some(Aggregate::Total), Some(s), _) => format!("{}の合計で目標{value}", span(s)),
        (_, _, Some(y)) => format!("{}の目標{value}", year(y)),
        _ => format!("目標{value}"),
    }
}

/// Actual against target and the gap, for the overview's list of KPIs that need attention:
/// `実績1,121名（令和5年度）／令和5年度の目標855名以下　差 +266名（目標比 +31％）`. A
/// difference of percentages is in ポイント; the relative one is labelled 目標比.
pub fn versus_ja(kpi: &Kpi, j: &Judgement, style: YearStyle) -> String {
    let unit = &kpi.unit;
    let actual = match (j.observed, j.actual) {
        (Some(v), Some(a)) => {
            let when = a.fiscal_year.map(|y| format!("（{}）", crate::format::fiscal_year(y, style))).unwrap_or_default();
            match j.method {
                Method::Average => format!("平均{}{when}", with_unit(v, unit)),
                Method::Total => format!("合計{}{when}", with_unit(v, unit)),
                _ => format!("実績{}{when}", figure(a, unit)),
            }
        }
        (Some(v), None) => format!("実績{}", with_unit(v, unit)),
        _ => "実績の記載なし".to_string(),
    };
    let mut out = format!("{actual}／{}", target_ja(j.target, unit, style));
    if let Some(gap) = j.gap {
        out.push_str(&format!("　差 {}", difference(gap.difference, unit)));
        if let Some(share) = gap.share {
            out.push_str(&format!("（{}）", relative(share)));
        }
    }
    out
}

/// One sentence for the chart's text alternative and the reader in a hurry: the verdict the
/// badge shows, with the other branch of an either-or target and targets taken from a KPI of
/// the same measure.
pub fn summary_ja(report: &Report, kpi: &Kpi, style: YearStyle) -> String {
    summary_of(kpi, &achievement::judge(report, kpi), report.report.fiscal_year, style)
}

pub(crate) fn summary_of(kpi: &Kpi, judged: &[Judgement], report_year: i32, style: YearStyle) -> String {
    let unit = &kpi.unit;
    let year_label = |y: Option<i32>| match y {
        Some(y) => crate::format::fiscal_year(y, style),
        None => "年度の記載なし".to_string(),
    };
    let provisional = |p: &KpiPoint| match p.status {
        Some(ActualStatus::Estimate) => "（見込）",
        Some(ActualStatus::Preliminary) => "（速報値）",
        _ => "",
    };
    let actual_ja = |a: &KpiPoint| format!("{}の実績は{}{}", year_label(a.fiscal_year), figure(a, unit), provisional(a));
    let yearly: Vec<&KpiPoint> = kpi.series.iter().filter(|p| p.kind == PointKind::Actual && p.aggregate.is_none()).collect();
    let latest = yearly.iter().copied().max_by_key(|p| (p.fiscal_year, p.line));
    let Some(j) = achievement::headline(judged, report_year) else {
        return match latest {
            None => format!("{}：数値の記載はありません。", kpi.label),
            Some(a) => {
                let first = yearly.iter().copied().min_by_key(|p| (p.fiscal_year, p.line)).expect("latest exists");
                if first.line == a.line && first.fiscal_year == a.fiscal_year {
                    format!("{}：{}（数値目標の記載なし）。", kpi.label, actual_ja(a))
                } else {
                    format!(
                        "{}：{}の{}から{}の{}へ推移（数値目標の記載なし）。",
                        kpi.label,
                        year_label(first.fiscal_year),
                        figure(first, unit),
                        year_label(a.fiscal_year),
                        figure(a, unit)
                    )
                }
            }
        };
    };
    let target = target_ja(j.target, unit, style);
    let status = j.status.label_ja();
    let pct = j.percent.filter(|_| j.status.is_verdict()).map(|p| format!("（達成率{:.0}％）", p)).unwrap_or_default();
    let mut out = match (j.method, j.actual, j.status) {
        (_, _, Status::CannotJudge) => {
            let reason = j.reason.map_or(String::new(), |r| format!("（{}）", r.label_ja()));
            match latest {
                Some(a) => format!("{}：{}、{}。{}{}。", kpi.label, target, actual_ja(a), status, reason),
                None => format!("{}：{}。{}{}。", kpi.label, target, status, reason),
            }
        }
        (_, None, _) | (_, _, Status::NoResult) => format!("{}：{}。実績の記載はありません。", kpi.label, target),
        (_, Some(a), Status::Undated) => format!(
            "{}：{}で、{}まで{}。目標年度の記載がないため、未達成とは判定しません。",
            kpi.label,
            actual_ja(a),
            target,
            j.gap.map_or(String::new(), |g| format!("差 {}", difference(g.difference, unit)))
        ),
        (Method::Level, Some(a), Status::LevelReached) => {
            format!("{}：{}で、{}の水準にすでに到達しています（目標年度はまだ先です）。", kpi.label, actual_ja(a), target)
        }
        (Method::Cagr | Method::Linear, Some(a), _) => format!(
            "{}：{}。{}に向けた推移は「{}」です（必要な伸びに対する実際の伸び{:.2}倍）。",
            kpi.label,
            actual_ja(a),
            target,
            status,
            j.ratio.unwrap_or_default()
        ),
        (Method::Average | Method::Total, Some(_), _) => {
            let what = if j.method == Method::Average { "平均" } else { "合計" };
            format!("{}：{}は{}で、{}に対し{}。", kpi.label, what, with_unit(j.observed.unwrap_or_default(), unit), target, j.label_ja())
        }
        (_, Some(a), _) => format!("{}：{}で、{}に対し{}{}。", kpi.label, actual_ja(a), target, status, pct),
    };
    if let Some(e) = &j.either {
        out.push_str(&format!("「又は」で結ばれたもう一方の条件（{}）は「{}」です。", e.other_label, e.other_status.label_ja()));
        if j.target_reached() && !matches!(j.status, Status::Achieved | Status::LevelReached) {
            out.push_str("目標はもう一方の条件で満たしています。");
        }
    }
    if let Some(from) = &j.targets_from {
        out.push_str(&format!("目標は同じ指標を掲げる取組 {} のものです。", from.initiative));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::committed_report as report;
    use crate::query::kpi_labelled as kpi;
    use crate::query::kpi_view::{kpi_list, KpiOrder};

    #[test]
    fn summaries_in_japanese() {
        let r = report();
        for (initiative, label, style, want) in [
            ("II-1-1-1", "電子申請利用所属数（累計）", YearStyle::Era, "電子申請利用所属数（累計）：令和5年度の実績は87所属で、令和5年度の目標50所属に対し達成（達成率174％）。"),
            ("III-5-1-2", "管理職員に占める女性職員の割合", YearStyle::Era, "管理職員に占める女性職員の割合：令和6年度の実績は17.5％。令和7年度の目標20％に向けた推移は「加速が必要」です（必要な伸びに対する実際の伸び0.83倍）。"),
            ("II-3-2-4", "時間外勤務月45時間超の職員数（年間延べ人数）", YearStyle::Era, "時間外勤務月45時間超の職員数（年間延べ人数）：令和5年度の実績は1,121名で、目標855名まで差 +266名。目標年度の記載がないため、未達成とは判定しません。"),
            ("III-3-2-3", "県から各団体への派遣状況", YearStyle::Gregorian, "県から各団体への派遣状況：2021年度の40団体から2024年度の48団体へ推移（数値目標の記載なし）。"),
        ] {
            assert_eq!(summary_ja(&r, kpi(&r, initiative, label), style), want);
        }
    }

    #[test]
    fn versus_reads_actual_against_target_with_the_gap() {
        let r = report();
        let k = kpi(&r, "II-3-2-4", "時間外勤務月45時間超の職員数（年間延べ人数）");
        let judged = achievement::judge(&r, k);
        let j = achievement::headline(&judged, r.report.fiscal_year).unwrap();
        assert_eq!(j.status, Status::Undated);
        let text = versus_ja(k, j, YearStyle::Era);
        let actual = j.actual.unwrap();
        assert!(text.starts_with(&format!("実績{}", with_unit(actual.value, &k.unit))), "{text}");
        let diff = actual.value - j.target.value;
        assert!(text.contains(&format!("差 +{}", with_unit(diff, &k.unit))), "{text}");
    }

    /// The printed page of `line`, read from the report's page spans here.
    fn page_of(r: &Report, line: u32) -> u32 {
        r.report.source.page_spans.iter().find(|s| s.first_line <= line && line <= s.last_line).and_then(|s| s.page).unwrap()
    }

    #[test]
    fn a_saved_chart_names_the_kpi_its_judgement_the_year_and_the_source() {
        let r = report();
        let k = kpi(&r, "II-1-1-1", "電子申請利用所属数（累計）");
        let c = chart_caption(&r, k, YearStyle::Era);
        assert_eq!(c.title, k.label);
        // The judgement of its card on the KPI page.
        let (_, card) = kpi_list(&r, None, None, KpiOrder::Plan).into_iter().find(|(x, _)| x.id == k.id).unwrap();
        assert_eq!(card, Status::Achieved);
        assert_eq!(c.status, "◎ 達成");
        assert_eq!(c.year, r.report.label);
        assert_eq!(c.subtitle, format!("判定：◎ 達成　{}の報告書", r.report.label));
        let lines: Vec<u32> = k.series.iter().map(|p| p.line).collect();
        let (first, last) = (*lines.iter().min().unwrap(), *lines.iter().max().unwrap());
        assert_eq!(page_of(&r, first), page_of(&r, last));
        assert_eq!(c.source, format!("出典：{}　{}ページ・{first}〜{last}行（取組 II-1-1-1）", r.report.title, page_of(&r, first)));
        assert_eq!(chart_caption(&r, k, YearStyle::Gregorian).year, format!("{}年度", r.report.fiscal_year));
        // Every KPI's caption carries its card's judgement and the report's year.
        for (k, s) in kpi_list(&r, None, None, KpiOrder::Plan) {
            let c = chart_caption(&r, k, YearStyle::Era);
            assert_eq!(c.status, s.display_ja(), "{}", k.id);
            assert!(c.subtitle.contains(&c.status) && c.subtitle.contains(&r.report.label), "{}: {}", k.id, c.subtitle);
            assert!(c.source.starts_with(&format!("出典：{}", r.report.title)), "{}", c.source);
        }
        // Another edition's caption says its own year.
        let mut next = r.clone();
        next.report.fiscal_year += 1;
        next.report.label = crate::fiscal::era_label(next.report.fiscal_year);
        let c = chart_caption(&next, kpi(&next, "II-1-1-1", "電子申請利用所属数（累計）"), YearStyle::Era);
        assert_eq!(c.year, next.report.label);
        assert_ne!(c.year, r.report.label);
    }

    #[test]
    fn figures_printed_on_two_printings_of_a_page_are_cited_apart() {
        let r = report();
        // 寄附額 of I-3-3-3: the actuals in the row, the target in a table printed later.
        let k = r.kpis.iter().find(|k| k.id == "I-3-3-3-k1").unwrap();
        let mut lines: Vec<u32> = k.series.iter().map(|p| p.line).collect();
        lines.sort_unstable();
        lines.dedup();
        assert_eq!(lines.len(), 2);
        let c = chart_caption(&r, k, YearStyle::Era);
        assert!(c.source.ends_with(&format!("　{}ページ・{}行、{}行（取組 I-3-3-3）", page_of(&r, lines[0]), lines[0], lines[1])), "{}", c.source);
    }

}
