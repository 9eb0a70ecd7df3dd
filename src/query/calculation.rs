//! 「この判定の計算」: how a KPI's verdict was reached, in plain Japanese, for the card and the
//! detail. Every part comes from the judgement itself ([`achievement::judge`]), so what the
//! explanation says and what the badge says cannot drift apart.

use super::achievement::{self, Judgement, Method, Status};
use super::kpi_sentences::{summary_of, target_ja};
use crate::format::{figure, fiscal_year, number, with_unit, YearStyle};
use crate::model::{Aggregate, Comparator, Direction, Kpi, KpiPoint, Report};

/// One figure the verdict used, with where it is printed.
#[derive(Debug, Clone, PartialEq)]
pub struct UsedFigure {
    /// `実績`, `基準（最初の実績）`, `目標`.
    pub role: &'static str,
    /// `令和5年度`, or `年度の記載なし`.
    pub when: String,
    /// The figure as the dashboard shows it, at its printed precision.
    pub value: String,
    pub point: KpiPoint,
}

/// The calculation behind one KPI's verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Calculation {
    pub status: Status,
    pub figures: Vec<UsedFigure>,
    /// The target as printed (`99％`, line 1234) and as read: `令和7年度の目標99％以上`.
    pub target_printed: String,
    pub target_read: String,
    /// How the target was read: comparator, year, direction, aggregate.
    pub reading: Vec<String>,
    /// The rule applied and the threshold crossed.
    pub rule: String,
    /// What is missing, where the inputs do not allow a verdict.
    pub missing: Option<String>,
    /// The sentence an executive can read aloud (the same as the card's summary).
    pub sentence: String,
}

fn comparator_ja(c: Option<Comparator>) -> &'static str {
    match c {
        Some(Comparator::AtLeast) => "「以上」：目標値と同じか上回れば満たす",
        Some(Comparator::Above) => "「超」：目標値を上回れば満たす",
        Some(Comparator::AtMost) => "「以下」：目標値と同じか下回れば満たす",
        Some(Comparator::Below) => "「未満」：目標値を下回れば満たす",
        Some(Comparator::About) => "「程度」「概ね」：目標値の前後5％以内なら満たす",
        Some(Comparator::Equal) => "目標値と同じなら満たす",
        None => "比べ方の語の記載なし（増減の向きで判断）",
    }
}

/// Which way is better, and what says so.
fn direction_ja(kpi: &Kpi, target: &KpiPoint) -> String {
    match (kpi.direction, target.comparator) {
        (Some(Direction::Increase), _) => "増えるほどよい（報告書の記載から）".into(),
        (Some(Direction::Decrease), _) => "減るほどよい（報告書の記載から）".into(),
        (None, Some(Comparator::AtLeast | Comparator::Above)) => "増えるほどよい（「以上」「超」から）".into(),
        (None, Some(Comparator::AtMost | Comparator::Below)) => "減るほどよい（「以下」「未満」から）".into(),
        (None, _) => "記載なし（最初の実績から目標へ向かう向きを使う）".into(),
    }
}

fn year_of(p: &KpiPoint, style: YearStyle) -> String {
    p.fiscal_year.map(|y| fiscal_year(y, style)).or_else(|| p.period.clone()).unwrap_or_else(|| "年度の記載なし".into())
}

fn rate(r: f64) -> String {
    format!("{}％", number((r * 1000.0).round() / 10.0))
}

/// The rule of `j`'s method and what came of it.
fn rule_ja(kpi: &Kpi, j: &Judgement, style: YearStyle) -> String {
    let unit = &kpi.unit;
    let target = target_ja(j.target, unit, style);
    // One actual is quoted at its printed precision (99.0％ on a 99％ threshold); an average or
    // a total is computed, so it is shown as computed.
    let observed = match (j.method, j.actual) {
        (Method::Level | Method::Cagr | Method::Linear, Some(a)) => figure(a, unit),
        _ => j.observed.map(|v| with_unit(v, unit)).unwrap_or_default(),
    };
    let met = matches!(j.status, Status::Achieved | Status::LevelReached | Status::OnTrack);
    let crossed = if met { "満たしています" } else { "満たしていません" };
    match (j.method, j.status) {
        (_, Status::CannotJudge | Status::NoResult) => "判定に必要な数値がそろっていないため、判定していません。".into(),
        (Method::Level, Status::Undated) => format!(
            "最新の実績 {observed} を{target}と比べました。{crossed}が、目標年度の記載がないため、未達成とは判定せず、差だけを示します。"
        ),
        (Method::Level, Status::LevelReached) => match j.target.fiscal_year {
            Some(y) => format!(
                "目標年度（{}）はまだ先のため、最新の実績 {observed} が目標の水準に届いているかを見ました。届いているので「目標水準に到達済み」とし、「達成」とはしていません。",
                fiscal_year(y, style)
            ),
            None => format!("最新の実績 {observed} は{target}の水準に届いています。目標年度の記載がないため「達成」とはしていません。"),
        },
        (Method::Level, _) => format!("{}の実績 {observed} を{target}と比べました。{crossed}。", j.actual.map(|a| year_of(a, style)).unwrap_or_default()),
        (Method::EachYear, _) => match (j.status, j.actual) {
            (Status::NotAchieved, Some(a)) => format!("毎年度の実績がすべて目標を満たすかを見ました。{}の {} が満たしていません。", year_of(a, style), figure(a, unit)),
            _ => "毎年度の実績がすべて目標を満たすかを見ました。記載のある年度はすべて満たしています。".into(),
        },
        (Method::Average, _) => format!("期間の実績の平均 {observed} を{target}と比べました。{crossed}。"),
        (Method::Total, Status::OnTrack | Status::AccelerationNeeded | Status::LimitedProgress | Status::Deterioration) => format!(
            "期間の実績の合計 {observed} の年あたりのペースを、目標に必要な年あたりのペースと比べました。R = {:.2}（0.95以上 順調、0.6以上 加速が必要、0以上 進捗が限定的、0未満 悪化）。",
            j.ratio.unwrap_or_default()
        ),
        (Method::Total, _) => format!("期間の実績の合計 {observed} を{target}と比べました。{crossed}。"),
        (Method::Cagr | Method::Linear, _) => {
            let (Some(base), Some(latest), Some(ratio)) = (j.base, j.actual, j.ratio) else {
                return "推移を評価する数値がそろっていません。".into();
            };
            let (b, l, t) = (base.fiscal_year.unwrap_or_default(), latest.fiscal_year.unwrap_or_default(), j.target.fiscal_year.unwrap_or_default());
            let span = |to: i32| f64::from((to - b).max(1));
            let (observed_rate, required_rate, how) = if j.method == Method::Cagr {
                let cagr = |v: f64, to: i32| (v / base.value).powf(1.0 / span(to)) - 1.0;
                (rate(cagr(latest.value, l)), rate(cagr(j.target.value, t)), "年平均の伸び率")
            } else {
                let per_year = |v: f64, to: i32| with_unit((v - base.value) / span(to), unit);
                (per_year(latest.value, l), per_year(j.target.value, t), "1年あたりの増減")
            };
            format!(
                "基準の{}（{}）から最新の{}（{}）までの{how}は {observed_rate}、目標年度の{}に目標に届くのに必要な{how}は {required_rate} です。R = 実際 ÷ 必要 = {ratio:.2}（0.95以上 順調、0.6以上 加速が必要、0以上 進捗が限定的、0未満 悪化）。",
                fiscal_year(b, style),
                figure(base, unit),
                fiscal_year(l, style),
                figure(latest, unit),
                fiscal_year(t, style),
            )
        }
    }
}

/// 「この判定の計算」 for the verdict a KPI's badge shows; `None` for a KPI without targets.
pub fn calculation(report: &Report, kpi: &Kpi, style: YearStyle) -> Option<Calculation> {
    let judged = achievement::judge(report, kpi);
    let j = achievement::headline(&judged, report.report.fiscal_year)?;
    let unit = &kpi.unit;
    let mut figures = Vec::new();
    if let Some(base) = j.base {
        figures.push(UsedFigure { role: "基準（最初の実績）", when: year_of(base, style), value: figure(base, unit), point: base.clone() });
    }
    if let Some(a) = j.actual {
        figures.push(UsedFigure { role: "実績", when: year_of(a, style), value: figure(a, unit), point: a.clone() });
    }
    figures.push(UsedFigure { role: "目標", when: year_of(j.target, style), value: figure(j.target, unit), point: j.target.clone() });
    let mut reading = vec![
        format!("比べ方：{}", comparator_ja(j.target.comparator)),
        format!(
            "目標年度：{}",
            match (j.target.aggregate, j.target.fiscal_year) {
                (Some(Aggregate::EachYear), _) => "毎年度".to_string(),
                (_, Some(y)) => fiscal_year(y, style),
                (_, None) => "記載なし".to_string(),
            }
        ),
        format!("よい向き：{}", direction_ja(j.targets_from.unwrap_or(kpi), j.target)),
    ];
    match j.target.aggregate {
        Some(Aggregate::Average) => reading.push("集計：期間の平均で判定".into()),
        Some(Aggregate::Total) => reading.push("集計：期間の合計で判定".into()),
        _ => {}
    }
    if let Some(from) = j.targets_from {
        reading.push(format!("目標の出所：この指標には目標の記載がないため、同じ指標を掲げる取組 {} の目標を使用", from.initiative));
    }
    if let Some(e) = &j.either {
        reading.push(format!(
            "「又は」の目標：もう一方の条件（{}）は「{}」。目標はどちらかを満たせば満たされます。この指標の判定はこの指標自身の数値によるものです",
            e.other_label,
            e.other_status.label_ja()
        ));
    }
    let missing = match (j.status, j.reason) {
        (Status::CannotJudge, Some(r)) => Some(format!("{}。数値は表のとおりです。", r.label_ja())),
        (Status::NoResult, _) => Some("目標年度の実績が記載されていません。".into()),
        _ => None,
    };
    Some(Calculation {
        status: j.status,
        figures,
        target_printed: format!("「{}」（{}行）", j.target.text, j.target.line),
        target_read: target_ja(j.target, unit, style),
        reading,
        rule: rule_ja(kpi, j, style),
        missing,
        // The sentence of the same judgements: judged once here.
        sentence: summary_of(kpi, &judged, report.report.fiscal_year, style),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::committed_report as report;
    use crate::query::kpi_labelled as kpi;

    #[test]
    fn every_kpi_with_targets_explains_its_verdict() {
        let r = report();
        for k in &r.kpis {
            let c = calculation(&r, k, YearStyle::Era);
            let judged = achievement::judge(&r, k);
            assert_eq!(c.is_some(), !judged.is_empty(), "{}", k.id);
            let Some(c) = c else { continue };
            assert_eq!(c.status, achievement::overall(&r, k), "{}: the explanation and the badge agree", k.id);
            assert!(c.figures.iter().any(|f| f.role == "目標"), "{}", k.id);
            assert!(!c.rule.is_empty() && !c.sentence.is_empty(), "{}", k.id);
            assert_eq!(c.missing.is_some(), matches!(c.status, Status::CannotJudge | Status::NoResult), "{}", k.id);
        }
    }

    #[test]
    fn a_trajectory_shows_base_required_and_observed_growth() {
        let r = report();
        let c = calculation(&r, kpi(&r, "III-5-1-2", "管理職員に占める女性職員の割合"), YearStyle::Era).unwrap();
        assert_eq!(c.status, Status::AccelerationNeeded);
        let roles: Vec<&str> = c.figures.iter().map(|f| f.role).collect();
        assert_eq!(roles, ["基準（最初の実績）", "実績", "目標"]);
        assert_eq!(c.figures[0].value, "13.4％");
        assert!(c.rule.contains("R = 実際 ÷ 必要 = 0.83"), "{}", c.rule);
        // (17.5 / 13.4)^(1/4) − 1 = 6.9％ a year; (20 / 13.4)^(1/5) − 1 = 8.3％ needed.
        assert!(c.rule.contains("年平均の伸び率は 6.9％"), "{}", c.rule);
        assert!(c.rule.contains("必要な年平均の伸び率は 8.3％"), "{}", c.rule);
    }

    #[test]
    fn the_estimate_on_its_threshold_keeps_its_precision_and_the_either_or_is_named() {
        let r = report();
        let c = calculation(&r, kpi(&r, "I-3-3-1", "徴収率"), YearStyle::Era).unwrap();
        assert_eq!(c.status, Status::LevelReached);
        assert_eq!(c.figures.iter().find(|f| f.role == "実績").map(|f| f.value.as_str()), Some("99.0％"));
        assert!(c.reading.iter().any(|l| l.contains("「又は」の目標：もう一方の条件（収入未済額）")), "{:?}", c.reading);
        let other = calculation(&r, kpi(&r, "I-3-3-1", "収入未済額"), YearStyle::Era).unwrap();
        assert_eq!(other.status, Status::CannotJudge);
        assert!(other.missing.as_deref().is_some_and(|m| m.starts_with("実績が1時点のみ")), "{:?}", other.missing);
        assert!(other.reading.iter().any(|l| l.contains("（徴収率）は「目標水準に到達済み」")), "{:?}", other.reading);
        assert!(c.rule.contains("最新の実績 99.0％ が"), "{}", c.rule);
    }

    #[test]
    fn a_target_without_a_year_shows_the_distance_and_no_miss() {
        let r = report();
        let c = calculation(&r, kpi(&r, "II-3-2-4", "時間外勤務月45時間超の職員数（年間延べ人数）"), YearStyle::Era).unwrap();
        assert_eq!(c.status, Status::Undated);
        assert!(c.reading.contains(&"目標年度：記載なし".to_string()), "{:?}", c.reading);
        assert!(c.rule.contains("未達成とは判定せず"), "{}", c.rule);
    }
}
