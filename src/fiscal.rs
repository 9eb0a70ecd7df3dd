//! Japanese fiscal years and era labels.
//!
//! The fiscal year runs April–March: `R4.3` (March of 令和4 = 2022) belongs to FY2021.
//! 令和N = 2018 + N, 平成N = 1988 + N; 令和元年 and 平成31年 are both 2019.

/// Gregorian year of 令和 `n`.
pub fn reiwa(n: i32) -> i32 {
    2018 + n
}

/// Gregorian year of 平成 `n`.
pub fn heisei(n: i32) -> i32 {
    1988 + n
}

/// The fiscal year of a period label as printed in the report.
///
/// Accepts `R5`, `Ｒ５`, `R5.4` (year.month), `H27`, `令和5年度`, `令和元年度`, `令和5年度末`,
/// `平成27年度`. Returns `None` for anything else.
pub fn fiscal_year_of(label: &str) -> Option<i32> {
    let s = fold_ascii(label.trim());
    // Suffixes printed after a period that do not change its fiscal year.
    let s = ["末現在", "末", "実績", "当初"].iter().fold(s.as_str(), |s, suffix| s.strip_suffix(suffix).unwrap_or(s));
    if let Some(rest) = s.strip_prefix("令和") {
        return era_year(rest, reiwa);
    }
    if let Some(rest) = s.strip_prefix("平成") {
        return era_year(rest, heisei);
    }
    let (to_year, rest): (fn(i32) -> i32, &str) = if let Some(r) = s.strip_prefix('R') {
        (reiwa, r)
    } else if let Some(r) = s.strip_prefix('H') {
        (heisei, r)
    } else {
        return None;
    };
    let (year_part, month_part) = match rest.split_once('.') {
        Some((y, m)) => (y, Some(m)),
        None => (rest, None),
    };
    let n: i32 = parse_small(year_part)?;
    let year = to_year(n);
    match month_part {
        None => Some(year),
        Some(m) => {
            let month: i32 = parse_small(m)?;
            if !(1..=12).contains(&month) {
                return None;
            }
            Some(if month >= 4 { year } else { year - 1 })
        }
    }
}

fn era_year(rest: &str, to_year: fn(i32) -> i32) -> Option<i32> {
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let n = if digits.is_empty() {
        if rest.starts_with('元') {
            1
        } else {
            return None;
        }
    } else {
        parse_small(&digits)?
    };
    let after = &rest[if digits.is_empty() { '元'.len_utf8() } else { digits.len() }..];
    if matches!(after, "" | "年" | "年度") {
        Some(to_year(n))
    } else {
        None
    }
}

fn parse_small(s: &str) -> Option<i32> {
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Folds full-width ASCII (digits, Latin letters, punctuation) to half-width.
/// Enough for period labels and figures; the search code has the full NFKC folding.
pub fn fold_ascii(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// [`fold_ascii`] for one character.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// `令和5年度` style label for a fiscal year (`令和元年度` for 2019).
pub fn reiwa_label(fiscal_year: i32) -> String {
    let n = fiscal_year - 2018;
    if n == 1 {
        "令和元年度".to_string()
    } else if n >= 1 {
        format!("令和{n}年度")
    } else {
        format!("平成{}年度", fiscal_year - 1988)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_labels() {
        assert_eq!(fiscal_year_of("R5"), Some(2023));
        assert_eq!(fiscal_year_of("Ｒ３"), Some(2021));
        assert_eq!(fiscal_year_of("H27"), Some(2015));
        assert_eq!(fiscal_year_of("R1"), Some(2019));
        assert_eq!(fiscal_year_of("H31"), Some(2019));
    }

    #[test]
    fn months_before_april_belong_to_the_previous_fiscal_year() {
        assert_eq!(fiscal_year_of("R5.4"), Some(2023));
        assert_eq!(fiscal_year_of("R4.3"), Some(2021));
        assert_eq!(fiscal_year_of("R3.1"), Some(2020));
        assert_eq!(fiscal_year_of("R3.10"), Some(2021));
        assert_eq!(fiscal_year_of("R3.13"), None);
    }

    #[test]
    fn long_labels() {
        assert_eq!(fiscal_year_of("令和5年度"), Some(2023));
        assert_eq!(fiscal_year_of("令和元年度"), Some(2019));
        assert_eq!(fiscal_year_of("令和５年度末"), Some(2023));
        assert_eq!(fiscal_year_of("平成27年度"), Some(2015));
        assert_eq!(fiscal_year_of("令和"), None);
        assert_eq!(fiscal_year_of("年度"), None);
        assert_eq!(fiscal_year_of("令和5年度2"), None);
        assert_eq!(fiscal_year_of("令和5年度実績"), Some(2023));
        assert_eq!(fiscal_year_of("R"), None);
    }

    #[test]
    fn labels_round_trip() {
        assert_eq!(reiwa_label(2023), "令和5年度");
        assert_eq!(reiwa_label(2019), "令和元年度");
        assert_eq!(reiwa_label(2015), "平成27年度");
    }
}
