//! Japanese-aware search: NFKC-style folding so that full-width `ＩＣＴ`, half-width `ICT` and
//! `ict` match each other, as do full-width digits and half-width katakana; matches are
//! reported as ranges of the original text for highlighting.

/// Half-width katakana (U+FF61–U+FF9F) and their full-width forms, in order.
const HALF_KANA: &str = "｡｢｣､･ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝﾞﾟ";
const FULL_KANA: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜";

fn half_kana(c: char) -> Option<char> {
    HALF_KANA.chars().position(|h| h == c).and_then(|i| FULL_KANA.chars().nth(i))
}

/// Voiced (゛) and semi-voiced (゜) marks composed onto the kana before them.
fn compose(base: char, mark: char) -> Option<char> {
    let offset = match mark {
        '゛' => 1,
        '゜' => 2,
        _ => return None,
    };
    let voiced = "カキクケコサシスセソタチツテトハヒフヘホ";
    let semi = "ハヒフヘホ";
    if mark == '゛' && base == 'ウ' {
        return Some('ヴ');
    }
    let ok = if offset == 1 { voiced.contains(base) } else { semi.contains(base) };
    if !ok {
        return None;
    }
    // ハ→バ→パ are consecutive code points (3 per row); the others pair (2 per row).
    let step = if "ハヒフヘホ".contains(base) { offset } else { 1 };
    char::from_u32(base as u32 + step)
}

/// Dashes and the long-vowel mark: the PDF prints サ－ビス (full-width hyphen) where a person
/// types サービス, and the reverse; all of them fold to one.
const DASHES: &[char] = &['-', '‐', '‑', '‒', '–', '—', '―', '−', '－', 'ー', 'ｰ', '﹣'];

/// Folds one character: full-width ASCII to ASCII, Latin to lower case, ideographic space to
/// space, every dash and long-vowel mark to `-`.
fn fold_simple(c: char) -> char {
    if DASHES.contains(&c) {
        return '-';
    }
    let c = crate::fiscal::fold_char(c);
    c.to_ascii_lowercase()
}

/// The folded text and, for each folded character, the byte range it came from.
pub fn fold_with_map(s: &str) -> (Vec<char>, Vec<(usize, usize)>) {
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    let mut map: Vec<(usize, usize)> = Vec::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        let end = i + c.len_utf8();
        let folded = fold_simple(half_kana(c).unwrap_or(c));
        if matches!(folded, '゛' | '゜') {
            if let Some(composed) = out.last().and_then(|&b| compose(b, folded)) {
                *out.last_mut().expect("checked") = composed;
                map.last_mut().expect("checked").1 = end;
                continue;
            }
        }
        out.push(folded);
        map.push((i, end));
    }
    (out, map)
}

pub fn fold(s: &str) -> String {
    fold_with_map(s).0.into_iter().collect()
}

/// A prepared query: folded, split into words on white space; every word must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    words: Vec<Vec<char>>,
    strings: Vec<String>,
}

impl Query {
    pub fn new(q: &str) -> Query {
        let strings: Vec<String> = fold(q).split_whitespace().map(str::to_string).collect();
        Query { words: strings.iter().map(|w| w.chars().collect()).collect(), strings }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word occurs in one of the already folded `texts` (see [`fold`]).
    pub fn matches_folded(&self, texts: &[String]) -> bool {
        self.strings.iter().all(|w| texts.iter().any(|t| t.contains(w.as_str())))
    }

    /// Byte ranges of `text` that match any word, merged and in order.
    pub fn ranges(&self, text: &str) -> Vec<(usize, usize)> {
        let (folded, map) = fold_with_map(text);
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        for w in &self.words {
            let mut from = 0;
            while let Some(at) = find(&folded, w, from) {
                ranges.push((map[at].0, map[at + w.len() - 1].1));
                from = at + w.len().max(1);
            }
        }
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.0 <= last.1 => last.1 = last.1.max(r.1),
                _ => merged.push(r),
            }
        }
        merged
    }

    /// `text` cut into (segment, is_match) pieces for highlighting.
    pub fn highlight<'t>(&self, text: &'t str) -> Vec<(&'t str, bool)> {
        cut_marked(text, self.ranges(text))
    }
}

/// `text` cut into (segment, marked) pieces, in order, given the byte ranges to mark (sorted, not
/// overlapping, on character boundaries): search hits, a figure in its source line.
pub fn cut_marked(text: &str, marks: impl IntoIterator<Item = (usize, usize)>) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e) in marks {
        if s > at {
            out.push((&text[at..s], false));
        }
        out.push((&text[s..e], true));
        at = e;
    }
    if at < text.len() || out.is_empty() {
        out.push((&text[at..], false));
    }
    out
}

/// Where `needle` first occurs in `hay` at or after `from`.
pub(crate) fn find(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()] == *needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The explorer's way: fold the texts once, then match.
    fn hits(q: &Query, texts: &[&str]) -> bool {
        q.matches_folded(&texts.iter().map(|t| fold(t)).collect::<Vec<_>>())
    }

    #[test]
    fn full_and_half_width_latin_and_digits_match() {
        assert_eq!(fold("ＩＣＴを活用"), "ictを活用");
        assert_eq!(fold("令和５年度"), "令和5年度");
        assert!(hits(&Query::new("ict"), &["ＩＣＴを活用した行政事務の効率化"]));
        assert!(hits(&Query::new("ＩＣＴ"), &["ICT等を活用した内部管理経費の削減"]));
        assert!(hits(&Query::new("Teams"), &["MicrosoftTEAMS"]));
    }

    #[test]
    fn half_width_katakana_with_voiced_marks() {
        assert_eq!(fold("ｽﾃｯﾌﾟｱｯﾌﾟｻﾎﾟｰﾄ"), fold("ステップアップサポート"));
        assert_eq!(fold("ｽﾃｯﾌﾟｱｯﾌﾟ"), "ステップアップ");
        assert_eq!(fold("ﾃﾞｼﾞﾀﾙ"), "デジタル");
        assert!(hits(&Query::new("ステップアップ"), &["女性職員ｽﾃｯﾌﾟｱｯﾌﾟｻﾎﾟｰﾄ研修"]));
    }

    #[test]
    fn every_dash_and_long_vowel_mark_match_each_other() {
        // The report prints ペ－パ－レス with full-width hyphens; people type ペーパーレス.
        let title = "電子決裁とペ－パ－レス化推進";
        for typed in ["ペーパーレス", "ペ－パ－レス", "ペ-パ-レス", "ﾍﾟｰﾊﾟｰﾚｽ", "ペ‐パ‐レス"] {
            assert_eq!(fold(typed), fold("ペーパーレス"), "{typed}");
            assert!(Query::new(typed).matches_folded(&[fold(title)]), "{typed}");
            assert_eq!(Query::new(typed).ranges(title), [(title.find('ペ').unwrap(), title.find('化').unwrap())], "{typed}");
        }
        assert!(Query::new("サ－ビス").matches_folded(&[fold("県民サービスの充実")]));
    }

    #[test]
    fn all_words_must_match_somewhere() {
        let q = Query::new("テレワーク　教育庁");
        assert!(hits(&q, &["テレワークの推進", "教育庁"]));
        assert!(!hits(&q, &["テレワークの推進", "総務部"]));
        assert!(Query::new("   ").is_empty());
    }

    #[test]
    fn highlight_ranges_point_into_the_original_text() {
        let q = Query::new("ict");
        let text = "ＩＣＴとICT";
        assert_eq!(q.highlight(text), [("ＩＣＴ", true), ("と", false), ("ICT", true)]);
        let q = Query::new("サポート");
        assert_eq!(q.highlight("ｻﾎﾟｰﾄ研修"), [("ｻﾎﾟｰﾄ", true), ("研修", false)]);
        assert_eq!(Query::new("x").highlight("abc"), [("abc", false)]);
    }
}
