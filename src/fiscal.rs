//! Japanese fiscal years and era labels.
//!
//! The fiscal year runs April–March: `R4.3` (March of 令和4 = 2022) belongs to FY2021.
//! Every conversion reads [`ERAS`]: 令和N = 2018 + N, 平成N = 1988 + N; 令和元年 and 平成31年
//! are both 2019. A new era is one more entry there, not a change to any function.

/// A Japanese era as the report prints it.
pub struct Era {
    /// `令和`
    pub name: &'static str,
    /// The initial tables print (`R5`).
    pub initial: char,
    /// The Gregorian year of its first year (元年).
    pub first_year: i32,
}

/// Newest first. An era's years end where the next one begins; its 元年 is the previous era's
/// last year, so both names of that year give the same Gregorian year.
pub const ERAS: &[Era] = &[
    Era { name: "令和", initial: 'R', first_year: 2019 },
    Era { name: "平成", initial: 'H', first_year: 1989 },
    Era { name: "昭和", initial: 'S', first_year: 1926 },
];

impl Era {
    /// Gregorian year of this era's year `n`.
    pub fn year(&self, n: i32) -> i32 {
        self.first_year + n - 1
    }
}

/// The era a Gregorian (fiscal) year is named in: the newest that had begun.
pub fn era_of(year: i32) -> Option<&'static Era> {
    ERAS.iter().find(|e| e.first_year <= year)
}

/// The fiscal year of a period label as printed in the report.
///
/// Accepts `R5`, `Ｒ５`, `R5.4` (year.month), `H27`, `令和5年度`, `令和元年度`, `令和5年度末`,
/// `平成27年度`. Returns `None` for anything else.
pub fn fiscal_year_of(label: &str) -> Option<i32> {
    let s = fold_ascii(label.trim());
    // Suffixes printed after a period that do not change its fiscal year.
    let s = ["末現在", "末", "実績", "当初"].iter().fold(s.as_str(), |s, suffix| s.strip_suffix(suffix).unwrap_or(s));
    for era in ERAS {
        if let Some(rest) = s.strip_prefix(era.name) {
            return era_year(rest).map(|n| era.year(n));
        }
    }
    let (era, rest) = ERAS.iter().find_map(|e| s.strip_prefix(e.initial).map(|rest| (e, rest)))?;
    let (year_part, month_part) = match rest.split_once('.') {
        Some((y, m)) => (y, Some(m)),
        None => (rest, None),
    };
    let n: i32 = parse_small(year_part)?;
    let year = era.year(n);
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

/// The era's year number in `5年度`, `元年`, `27`; `None` when anything else follows.
fn era_year(rest: &str) -> Option<i32> {
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
    matches!(after, "" | "年" | "年度").then_some(n)
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

/// `令和5年度` style label for a fiscal year (`令和元年度` for 2019), in the era it belongs to.
pub fn era_label(fiscal_year: i32) -> String {
    match era_of(fiscal_year) {
        Some(era) => match fiscal_year - era.first_year + 1 {
            1 => format!("{}元年度", era.name),
            n => format!("{}{n}年度", era.name),
        },
        None => format!("{fiscal_year}年度"),
    }
}

/// `R5` style short label, as tables print it; the Gregorian year before the oldest era.
pub fn era_short(fiscal_year: i32) -> String {
    match era_of(fiscal_year) {
        Some(era) => format!("{}{}", era.initial, fiscal_year - era.first_year + 1),
        None => fiscal_year.to_string(),
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
    fn every_era_reads_and_labels_by_the_table() {
        assert_eq!(era_short(2023), "R5");
        assert_eq!(era_short(2015), "H27");
        assert_eq!(era_label(2030), "令和12年度");
        assert_eq!(fiscal_year_of("S63"), Some(1988));
        assert_eq!(fiscal_year_of("平成元年度"), Some(1989));
        // The year an era begins has two names: the old era's last and the new era's 元年.
        for pair in ERAS.windows(2) {
            let (newer, older) = (&pair[0], &pair[1]);
            assert!(newer.first_year > older.first_year, "newest first");
            let last_of_older = newer.first_year - older.first_year + 1;
            assert_eq!(fiscal_year_of(&format!("{}{last_of_older}年度", older.name)), fiscal_year_of(&format!("{}元年度", newer.name)));
            // Every label the table makes reads back to its year.
            for year in older.first_year..newer.first_year + 3 {
                assert_eq!(fiscal_year_of(&era_label(year)), Some(year), "{}", era_label(year));
                assert_eq!(fiscal_year_of(&era_short(year)), Some(year), "{}", era_short(year));
            }
        }
    }

    #[test]
    fn labels_round_trip() {
        assert_eq!(era_label(2023), "令和5年度");
        assert_eq!(era_label(2019), "令和元年度");
        assert_eq!(era_label(2015), "平成27年度");
    }
}
