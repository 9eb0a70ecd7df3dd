//! Numbers and periods as Japanese readers expect them: comma grouping, the unit after the
//! figure, fiscal years as 令和 or 西暦.

use crate::fiscal::{era_label, era_short};

/// `1234567` → `1,234,567`.
pub fn group(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A figure with grouping and at most the decimals it needs (`1,719`, `96.4`, `2,358.63`).
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let rounded = (v * 100.0).round() / 100.0;
    let int = rounded.trunc() as i64;
    let frac = (rounded - rounded.trunc()).abs();
    let sign = if rounded < 0.0 && int == 0 { "-" } else { "" };
    if frac < 0.005 {
        format!("{sign}{}", group(int))
    } else {
        let decimals = format!("{frac:.2}");
        let decimals = decimals.trim_start_matches('0').trim_end_matches('0');
        format!("{sign}{}{decimals}", group(int))
    }
}

/// `v` with exactly `decimals` decimals and grouping (`99.0`, `1,202`).
pub fn number_fixed(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let sign = if v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') { "-" } else { "" };
    let grouped = group(int.parse::<i64>().unwrap_or_default());
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Decimals of the first figure printed in `text` (`99.0％` → 1, `1,202百万円` → 0).
pub fn printed_decimals(text: &str) -> usize {
    let figure: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .collect();
    figure.split_once('.').map_or(0, |(_, f)| f.len())
}

/// A printed figure with its unit, keeping the precision it was printed with: an estimate of
/// `99.0％` on a `99％` threshold must not read as `99％`.
pub fn figure(p: &crate::model::KpiPoint, unit: &str) -> String {
    format!("{}{unit}", number_fixed(p.value, printed_decimals(&p.text).max(decimals_of(p.value))))
}

/// Decimals `number` would show for `v` (up to two).
fn decimals_of(v: f64) -> usize {
    let rounded = (v.abs() * 100.0).round() as i64;
    if rounded % 100 == 0 { 0 } else if rounded % 10 == 0 { 1 } else { 2 }
}

/// Is `unit` a percentage? A difference between two percentages is in ポイント.
pub fn is_percent(unit: &str) -> bool {
    matches!(unit, "％" | "%")
}

/// A difference in the KPI's unit, signed: `+266名`, `−4.9ポイント` (percentages differ in
/// points, not in per cent).
pub fn difference(d: f64, unit: &str) -> String {
    let sign = if d > 0.0 { "+" } else if d < 0.0 { "−" } else { "±" };
    let unit = if is_percent(unit) { "ポイント" } else { unit };
    format!("{sign}{}{unit}", number(d.abs()))
}

/// A relative difference, labelled as relative: `目標比 −25％`.
pub fn relative(share: f64) -> String {
    let pct = (share * 100.0).round();
    let sign = if pct > 0.0 { "+" } else if pct < 0.0 { "−" } else { "±" };
    format!("目標比 {sign}{}％", number(pct.abs()))
}

/// A figure and its unit: `87所属`, `60％`, `1,460百万円`.
pub fn with_unit(v: f64, unit: &str) -> String {
    format!("{}{unit}", number(v))
}

/// How a fiscal year is labelled: Japanese era (令和5年度) or Gregorian (2023年度).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum YearStyle {
    #[default]
    Era,
    Gregorian,
}

pub fn fiscal_year(y: i32, style: YearStyle) -> String {
    match style {
        YearStyle::Era => era_label(y),
        YearStyle::Gregorian => format!("{y}年度"),
    }
}

/// Shorter form for chart axes: `R5` / `2023`.
pub fn fiscal_year_short(y: i32, style: YearStyle) -> String {
    match style {
        YearStyle::Era => era_short(y),
        YearStyle::Gregorian => y.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(187610), "187,610");
        assert_eq!(group(-1234567), "-1,234,567");
    }

    #[test]
    fn numbers_keep_only_needed_decimals() {
        assert_eq!(number(1719.0), "1,719");
        assert_eq!(number(96.4), "96.4");
        assert_eq!(number(2358.63), "2,358.63");
        assert_eq!(number(-16.0), "-16");
        assert_eq!(number(-0.5), "-0.5");
        assert_eq!(with_unit(87.0, "所属"), "87所属");
    }

    #[test]
    fn printed_precision_is_kept() {
        let p = |v: f64, text: &str| crate::model::KpiPoint::new(crate::model::PointKind::Actual, None, Some(2023), v, 1, text.into());
        assert_eq!(figure(&p(99.0, "99.0％"), "％"), "99.0％");
        assert_eq!(figure(&p(1202.0, "1,202百万円"), "百万円"), "1,202百万円");
        assert_eq!(figure(&p(1000.0, "10億円"), "百万円"), "1,000百万円");
        assert_eq!(figure(&p(15.1, "15.1％"), "％"), "15.1％");
        assert_eq!(number_fixed(-0.04, 1), "0.0");
        assert_eq!(number_fixed(-1234.56, 1), "-1,234.6");
    }

    #[test]
    fn differences_say_their_unit() {
        assert_eq!(difference(-4.9, "％"), "−4.9ポイント");
        assert_eq!(difference(266.0, "名"), "+266名");
        assert_eq!(relative(-0.245), "目標比 −25％");
        assert_eq!(relative(0.31), "目標比 +31％");
    }

    #[test]
    fn years() {
        assert_eq!(fiscal_year(2023, YearStyle::Era), "令和5年度");
        assert_eq!(fiscal_year(2023, YearStyle::Gregorian), "2023年度");
        assert_eq!(fiscal_year_short(2015, YearStyle::Era), "H27");
        assert_eq!(fiscal_year_short(2019, YearStyle::Era), "R1");
    }
}
