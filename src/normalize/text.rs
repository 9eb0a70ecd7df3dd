//! Small text helpers shared by the parser stages.

use crate::fiscal::fold_char;

/// Trims ASCII and ideographic white space.
pub fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
}

/// The text outside brackets: `DXリテラシー研修（集合研修）` → `DXリテラシー研修`.
pub fn without_brackets(s: &str) -> String {
    let mut plain = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = (depth - 1).max(0),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain
}

pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Joins a wrapped line to the text before it. PDF extraction breaks lines inside words, so
/// Japanese text joins directly; only two Latin words get a space between them.
pub fn join_wrapped(acc: &mut String, next: &str) {
    let needs_space = matches!(acc.chars().last(), Some(c) if c.is_ascii_alphabetic())
        && matches!(next.chars().next(), Some(c) if c.is_ascii_alphabetic());
    if needs_space {
        acc.push(' ');
    }
    acc.push_str(next);
}

/// A figure as printed at the start of a string: sign, digits, decimals, unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub value: f64,
    pub unit: String,
    /// The figure exactly as printed (sign, digits and unit).
    pub text: String,
}

/// Units the report prints after figures, longest first so `百万円` wins over `円`.
const UNITS: &[&str] = &[
    "百万円", "千円", "億円", "万円", "円", "ポイント", "システム", "プロジェクト", "メニュー", "所属", "団体",
    "項目", "件", "名", "人", "台", "戸", "棟", "％", "%", "倍",
];

/// Reads a number at the start of `s`: `1,719`, `99.1`, `▲ 16` (▲ or △ before a number means
/// minus), full-width digits too. Returns the value and the rest of the string.
pub fn leading_number(s: &str) -> Option<(f64, &str, &str)> {
    let start = s;
    let mut rest = s;
    let mut negative = false;
    for sign in ['▲', '△', '-', '－', '−'] {
        if let Some(r) = rest.strip_prefix(sign) {
            negative = true;
            rest = trim_start_spaces(r);
            break;
        }
    }
    let mut digits = String::new();
    let mut end = 0;
    let mut seen_digit = false;
    let mut seen_point = false;
    for (i, c) in rest.char_indices() {
        let folded = fold_char(c);
        if folded.is_ascii_digit() {
            digits.push(folded);
            seen_digit = true;
        } else if folded == ',' && seen_digit && !seen_point {
            // A thousands separator only when three digits follow.
            let mut after = rest[i + c.len_utf8()..].chars().take(3).map(fold_char);
            if !(0..3).all(|_| after.next().is_some_and(|d| d.is_ascii_digit())) {
                break;
            }
        } else if folded == '.' && seen_digit && !seen_point {
            let next = rest[i + c.len_utf8()..].chars().next().map(fold_char);
            if !next.is_some_and(|n| n.is_ascii_digit()) {
                break;
            }
            digits.push('.');
            seen_point = true;
        } else {
            break;
        }
        end = i + c.len_utf8();
    }
    if !seen_digit {
        return None;
    }
    let value: f64 = digits.parse().ok()?;
    let consumed = start.len() - rest.len() + end;
    Some((if negative { -value } else { value }, &start[..consumed], &rest[end..]))
}

fn trim_start_spaces(s: &str) -> &str {
    s.trim_start_matches([' ', '\u{3000}'])
}

/// A number followed directly by a known unit, at the start of `s`.
pub fn leading_figure(s: &str) -> Option<(Figure, &str)> {
    let (value, printed, rest) = leading_number(s)?;
    let unit = UNITS.iter().find(|u| rest.starts_with(**u))?;
    let rest = &rest[unit.len()..];
    let text = format!("{printed}{unit}");
    let unit = if *unit == "%" { "％" } else { unit };
    Some((Figure { value, unit: unit.to_string(), text }, rest))
}

/// Where `figure` stands in `line` as a whole number: not inside a longer one (`719` is not on
/// `1,719`, `1.5` is not on `11.52`). The byte offset of the first such place.
pub fn find_whole_figure(line: &str, figure: &str) -> Option<usize> {
    if figure.is_empty() {
        return None;
    }
    let is_digit = |c: char| fold_char(c).is_ascii_digit();
    let is_joiner = |c: char| matches!(fold_char(c), ',' | '.');
    line.match_indices(figure).map(|(at, _)| at).find(|&at| {
        let before = line[..at].chars().rev().collect::<Vec<_>>();
        let after: Vec<char> = line[at + figure.len()..].chars().take(2).collect();
        let starts_with_digit = figure.chars().next().is_some_and(is_digit);
        let ends_with_digit = figure.chars().last().is_some_and(is_digit);
        let clean_start = !starts_with_digit
            || match before.as_slice() {
                [] => true,
                [c, ..] if is_digit(*c) => false,
                [c, d, ..] if is_joiner(*c) && is_digit(*d) => false,
                _ => true,
            };
        let clean_end = !ends_with_digit
            || match after.as_slice() {
                [] => true,
                [c, ..] if is_digit(*c) => false,
                [c, d] if is_joiner(*c) && is_digit(*d) => false,
                _ => true,
            };
        clean_start && clean_end
    })
}

/// Parses a figure as written in the overrides file (`1,719`, `▲ 16`, `36%`) and checks that
/// nothing but a unit follows the number.
pub fn parse_printed_number(s: &str) -> Option<f64> {
    let (value, _, rest) = leading_number(trim(s))?;
    let rest = trim(rest);
    if rest.is_empty() || UNITS.contains(&rest) || rest == "㎡" {
        Some(value)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_grouping_decimals_and_minus_marks() {
        assert_eq!(leading_number("1,719 1,703").map(|t| t.0), Some(1719.0));
        assert_eq!(leading_number("99.1").map(|t| t.0), Some(99.1));
        assert_eq!(leading_number("▲ 16").map(|t| t.0), Some(-16.0));
        assert_eq!(leading_number("△110").map(|t| t.0), Some(-110.0));
        assert_eq!(leading_number("３，１００件").map(|t| t.0), Some(3100.0));
        assert_eq!(leading_number("３１００件").map(|t| t.0), Some(3100.0));
        assert_eq!(leading_number("所属"), None);
    }

    #[test]
    fn a_comma_is_grouping_only_before_three_digits() {
        let (v, printed, rest) = leading_number("40,41団体").unwrap();
        assert_eq!((v, printed, rest), (40.0, "40", ",41団体"));
    }

    #[test]
    fn figures_need_a_known_unit() {
        let (f, rest) = leading_figure("3,697件（目標）").unwrap();
        assert_eq!((f.value, f.unit.as_str(), f.text.as_str(), rest), (3697.0, "件", "3,697件", "（目標）"));
        let (f, _) = leading_figure("60%の目標").unwrap();
        assert_eq!(f.unit, "％");
        assert!(leading_figure("6か月").is_none());
        assert!(leading_figure("1,202百万円").is_some_and(|(f, _)| f.unit == "百万円"));
    }

    #[test]
    fn whole_figures_only() {
        assert_eq!(find_whole_figure("税外未収金 1,719 1,703", "719"), None);
        assert_eq!(find_whole_figure("税外未収金 1,719 1,703", "1,719"), Some(16));
        assert_eq!(find_whole_figure("税外未収金 1,719 1,703", "1,70"), None);
        assert_eq!(find_whole_figure("R5.4 4,063 331", "331"), Some(11));
        assert_eq!(find_whole_figure("11.52", "1.5"), None);
        assert_eq!(find_whole_figure("定量分析 ▲ 16 ▲ 11", "▲ 1"), None);
        assert_eq!(find_whole_figure("定量分析 ▲ 16 ▲ 11", "▲ 11"), Some(20));
        assert_eq!(find_whole_figure("上回る3,697件", "3,697件"), Some(9));
        assert_eq!(find_whole_figure("３０件", "０件"), None);
        assert_eq!(find_whole_figure("99％", ""), None);
    }

    #[test]
    fn printed_numbers_for_overrides() {
        assert_eq!(parse_printed_number("▲ 74"), Some(-74.0));
        assert_eq!(parse_printed_number("36%"), Some(36.0));
        assert_eq!(parse_printed_number("4,045"), Some(4045.0));
        assert_eq!(parse_printed_number("4,045x"), None);
    }

    #[test]
    fn wrapped_latin_words_keep_a_space() {
        let mut s = String::from("「Microsoft");
        join_wrapped(&mut s, "Teams（※）」の積極的な活用");
        assert_eq!(s, "「Microsoft Teams（※）」の積極的な活用");
        let mut s = String::from("引き続きRPAの");
        join_wrapped(&mut s, "活用を推進");
        assert_eq!(s, "引き続きRPAの活用を推進");
    }
}
