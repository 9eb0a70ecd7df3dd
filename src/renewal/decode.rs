//! The bytes a report's owner gives as the report's text, made text: UTF-8 (with or without a
//! byte-order mark), UTF-16 with a mark, or Shift_JIS (CP932, what Japanese Windows writes).
//! What is not the text of a report is refused with what it looks like and what to give instead.

use std::fmt;

use encoding_rs::{Encoding, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8};

/// The encoding the text was read in, to be said to the person who gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8WithBom,
    Utf16,
    ShiftJis,
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8WithBom => "UTF-8（BOM 付き）",
            TextEncoding::Utf16 => "UTF-16",
            TextEncoding::ShiftJis => "Shift_JIS（CP932）",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text as the normalizer reads it; a UTF-8 byte-order mark is kept, so the text's
    /// SHA-256 is the file's, as the command line computes it (unless characters were mapped).
    pub text: String,
    pub encoding: TextEncoding,
    /// Radicals and look-alikes mapped back to the ordinary characters ([`ordinary`]).
    pub mapped: usize,
}

/// The 214 Kangxi radicals (U+2F00–U+2FD5) as the ideographs they are (NFKC), except three that
/// a Japanese font draws as the Japanese form: 戸 青 黄.
const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戸手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨青非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黄黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// A character a PDF's font maps wrongly, as the ordinary one: a Kangxi radical or a CJK radical
/// supplement form (`⽴` for 立, `⻑` for 長: the glyph is shared, and text extraction takes the
/// first code point the font lists), the hyphenation point U+2027 for the middle dot ・, and the
/// wave dash 〜 for the full-width tilde ～ the report's text uses.
pub fn ordinary(c: char) -> Option<char> {
    match c {
        '\u{2F00}'..='\u{2FD5}' => KANGXI.chars().nth(c as usize - 0x2F00),
        '\u{2E9F}' => Some('母'),
        '\u{2EA0}' => Some('民'),
        '\u{2EC4}' => Some('西'),
        '\u{2EC6}' => Some('角'),
        '\u{2ED1}' => Some('長'),
        '\u{2ED8}' => Some('青'),
        '\u{2EDD}' => Some('食'),
        '\u{2EE4}' => Some('鬼'),
        '\u{2EE8}' => Some('麦'),
        '\u{2EE9}' => Some('黄'),
        '\u{2EEC}' => Some('斉'),
        '\u{2EED}' | '\u{2EEE}' => Some('歯'),
        '\u{2EEF}' => Some('竜'),
        '\u{2EF2}' => Some('亀'),
        '‧' => Some('・'), // U+2027 HYPHENATION POINT
        '\u{301C}' => Some('～'),
        _ => None,
    }
}

/// `text` with every [`ordinary`] mapping made, and how many characters were mapped.
fn with_ordinary_characters(text: String) -> (String, usize) {
    let mapped = text.chars().filter(|&c| ordinary(c).is_some()).count();
    if mapped == 0 {
        return (text, 0);
    }
    (text.chars().map(|c| ordinary(c).unwrap_or(c)).collect(), mapped)
}

/// Why the bytes are not a report's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Pdf,
    /// A JSON file: `what` says which (a report, overrides, or other).
    Json { what: &'static str },
    /// Bytes no text holds (a picture, an archive, a word-processor file), first at this offset.
    Binary { byte_offset: usize },
    /// Neither UTF-8 nor Shift_JIS: the first byte UTF-8 cannot read, and its line.
    Unreadable { line: u32, byte_offset: usize },
}

impl fmt::Display for NotText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotText::Empty => write!(f, "ファイルが空です。報告書の PDF から取り出したテキスト（.txt）を選んでください。"),
            NotText::Pdf => write!(
                f,
                "PDF ファイルそのものです。手引き（docs/renewal.md）の手順で PDF からテキストを取り出し、その .txt を選んでください。"
            ),
            NotText::Json { what } => write!(
                f,
                "{what}（JSON）です。ここには報告書の PDF から取り出したテキスト（.txt）を選んでください。前年度の調整ファイルや報告書の JSON は、それぞれの欄で選びます。"
            ),
            NotText::Binary { byte_offset } => write!(
                f,
                "テキストではないファイルです（{byte_offset} バイト目に文字でないデータがあります）。Word や Excel、画像のファイルではなく、PDF から取り出した .txt を選んでください。"
            ),
            NotText::Unreadable { line, byte_offset } => write!(
                f,
                "{line} 行目（{byte_offset} バイト目）が UTF-8 としても Shift_JIS としても読めません。テキストをどの文字コードで保存したかを確かめ、UTF-8 で保存し直してください。"
            ),
        }
    }
}

impl std::error::Error for NotText {}

/// Reads `bytes` as a report's text, or says what they are instead.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(NotText::Empty);
    }
    if bytes.starts_with(b"%PDF-") {
        return Err(NotText::Pdf);
    }
    let decoded = match Encoding::for_bom(bytes) {
        Some((encoding, _)) if encoding == UTF_8 => {
            let text = std::str::from_utf8(bytes).map_err(|e| unreadable(bytes, e.valid_up_to()))?;
            Decoded { text: text.to_string(), encoding: TextEncoding::Utf8WithBom, mapped: 0 }
        }
        Some((encoding, bom)) if encoding == UTF_16LE || encoding == UTF_16BE => {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
            if had_errors {
                return Err(NotText::Binary { byte_offset: bom });
            }
            Decoded { text: text.into_owned(), encoding: TextEncoding::Utf16, mapped: 0 }
        }
        _ => {
            if let Some(at) = bytes.iter().position(|&b| b == 0) {
                return Err(NotText::Binary { byte_offset: at });
            }
            match std::str::from_utf8(bytes) {
                Ok(text) => Decoded { text: text.to_string(), encoding: TextEncoding::Utf8, mapped: 0 },
                Err(e) => match SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes) {
                    Some(text) => Decoded { text: text.into_owned(), encoding: TextEncoding::ShiftJis, mapped: 0 },
                    None => return Err(unreadable(bytes, e.valid_up_to())),
                },
            }
        }
    };
    if let Some(at) = decoded.text.char_indices().find(|&(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')).map(|(i, _)| i) {
        return Err(NotText::Binary { byte_offset: at });
    }
    let (text, mapped) = with_ordinary_characters(decoded.text);
    let decoded = Decoded { text, mapped, ..decoded };
    let start = decoded.text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if start.starts_with('{') || start.starts_with('[') {
        let what = if start.contains("\"schema_version\"") {
            "報告書の JSON"
        } else if start.contains("\"source_sha256\"") {
            "調整ファイル（overrides.json）"
        } else {
            "JSON ファイル"
        };
        return Err(NotText::Json { what });
    }
    Ok(decoded)
}

fn unreadable(bytes: &[u8], at: usize) -> NotText {
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    NotText::Unreadable { line, byte_offset: at }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = "Ⅰ 持続可能な行財政運営の推進 1\n番号 取組項目\n";

    #[test]
    fn utf8_is_read_as_it_is_and_a_bom_is_kept() {
        assert_eq!(decode(LINE.as_bytes()), Ok(Decoded { text: LINE.into(), encoding: TextEncoding::Utf8, mapped: 0 }));
        let with_bom = format!("\u{feff}{LINE}");
        let d = decode(with_bom.as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (with_bom.as_str(), TextEncoding::Utf8WithBom));
    }

    #[test]
    fn shift_jis_and_utf16_are_read_and_named() {
        let (sjis, _, _) = SHIFT_JIS.encode(LINE);
        assert!(std::str::from_utf8(&sjis).is_err());
        assert_eq!(decode(&sjis), Ok(Decoded { text: LINE.into(), encoding: TextEncoding::ShiftJis, mapped: 0 }));
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(LINE.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16).map(|d| (d.text, d.encoding)), Ok((LINE.to_string(), TextEncoding::Utf16)));
    }

    #[test]
    fn radicals_and_look_alikes_from_a_pdf_become_ordinary_characters() {
        // As a PDF made by a word processor extracts: 両⽴する⾏財政運営、⻑崎県、令和5年度〜7年度、DX‧AI
        let extracted = "両\u{2F74}する\u{2F8F}財政運営、\u{2ED1}崎県、令和5年度\u{301C}7年度、DX\u{2027}AI";
        let d = decode(extracted.as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.mapped), ("両立する行財政運営、長崎県、令和5年度～7年度、DX・AI", 5));
        // The table is the NFKC of the block, but for the three Japanese forms.
        assert_eq!(KANGXI.chars().count(), 0x2FD6 - 0x2F00);
        assert_eq!([ordinary('\u{2F3E}'), ordinary('\u{2FAD}'), ordinary('\u{2FC8}')], [Some('戸'), Some('青'), Some('黄')]);
    }

    #[test]
    fn what_is_not_a_text_is_named() {
        assert_eq!(decode(b" \n\n"), Err(NotText::Empty));
        assert_eq!(decode(b"%PDF-1.7\n%\xe2\xe3"), Err(NotText::Pdf));
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Err(NotText::Binary { byte_offset: 8 }));
        assert_eq!(decode(b"{\"schema_version\": \"2.3.0\"}"), Err(NotText::Json { what: "報告書の JSON" }));
        assert_eq!(decode(b"\n{\"about\": [], \"source_sha256\": \"ab\"}"), Err(NotText::Json { what: "調整ファイル（overrides.json）" }));
        // A byte Shift_JIS has no character for, on the second line.
        assert_eq!(decode(b"abc\n\x82\xa0\x85\xff"), Err(NotText::Unreadable { line: 2, byte_offset: 4 }));
        for e in [NotText::Empty, NotText::Pdf, NotText::Binary { byte_offset: 3 }] {
            assert!(e.to_string().contains(".txt"), "{e}");
        }
    }
}
