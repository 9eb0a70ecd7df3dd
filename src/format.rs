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

/// A figure and its unit: `87所属`, `60％`, `1,460百万円`.
pub fn with_unit(v: f64, unit: &str) -> String {
    format!("{}{unit}", number(v))
}

/// How a fiscal year is labelled: Japanese era (令和5年度) or Gregorian (2023年度).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
    fn years() {
        assert_eq!(fiscal_year(2023, YearStyle::Era), "令和5年度");
        assert_eq!(fiscal_year(2023, YearStyle::Gregorian), "2023年度");
        assert_eq!(fiscal_year_short(2015, YearStyle::Era), "H27");
        assert_eq!(fiscal_year_short(2019, YearStyle::Era), "R1");
    }
}
