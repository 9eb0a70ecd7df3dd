//! Bad input never panics, and the command line says what is wrong.

use std::process::Command;

use proptest::prelude::*;
use reform::normalize::{normalize, normalize_bytes, overrides, Input, NormalizeError};
use serde_json::Value;

const SOURCE: &str = include_str!("../data/source/000_7008800fb5738cea.txt");
const OVERRIDES: &str = include_str!("../data/overrides.json");

fn input() -> Input<'static> {
    Input { source_name: "fuzz.txt", overrides: None }
}

/// Cases per property; `PROPTEST_CASES=20000 cargo test --test normalize_robust` runs longer.
fn config() -> ProptestConfig {
    ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300), failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = normalize_bytes(&bytes, &input());
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = normalize(&text, &input());
    }

    /// Real lines in random order and with random cuts: structure-shaped garbage.
    #[test]
    fn shuffled_real_lines_never_panic(picks in proptest::collection::vec((0usize..7550, 0usize..40), 1..300)) {
        let lines: Vec<&str> = SOURCE.lines().collect();
        let text: String = picks
            .iter()
            .map(|&(i, cut)| {
                let l = lines[i % lines.len()];
                let end = l.char_indices().nth(cut).map_or(l.len(), |(b, _)| b);
                format!("{}\n", &l[..end])
            })
            .collect();
        if let Ok(out) = normalize(&text, &input()) {
            out.report.check().expect("whatever is produced is consistent");
        }
    }
}

/// Replacement values for one leaf of the overrides file.
fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        "\\PC{0,20}".prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (0u32..8000).prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        Just(Value::Null),
        Just(Value::Bool(true)),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
    ]
}

/// Every leaf of a JSON value, as a pointer (`/kpis/3/points/0/line`).
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, x)| leaves(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| leaves(x, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

fn run_with_overrides(json: &str) {
    if let Ok(o) = overrides::parse(json) {
        let input = Input { source_name: "x.txt", overrides: Some(("overrides.json", &o)) };
        if let Ok(out) = normalize(SOURCE, &input) {
            out.report.check().expect("whatever is produced is consistent");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: config().cases / 10 + 5, ..config() })]

    /// The overrides file is input too: any text, and the real file with any leaves replaced.
    #[test]
    fn arbitrary_overrides_text_never_panics(text in "\\PC{0,300}") {
        let _ = overrides::parse(&text);
    }

    #[test]
    fn mutated_real_overrides_never_panic(
        picks in proptest::collection::vec((any::<prop::sample::Index>(), leaf(), "\\PC{0,12}", 0u32..8000, prop::bool::weighted(0.85)), 1..6),
        sha in "\\PC{0,16}",
    ) {
        let mut v: Value = serde_json::from_str(OVERRIDES).expect("the real overrides are JSON");
        // The header is one leaf among hundreds: give it a random text every time.
        v["source_sha256"] = Value::from(sha);
        let mut paths = Vec::new();
        leaves(&v, String::new(), &mut paths);
        for (i, value, text, number, keep_type) in picks {
            if let Some(slot) = v.pointer_mut(&paths[i.index(paths.len())]) {
                // Mostly the same type, so the file still parses and the normalizer gets to use it.
                *slot = match (keep_type, &*slot) {
                    (true, Value::String(_)) => Value::from(text),
                    (true, Value::Number(_)) => Value::from(number),
                    _ => value,
                };
            }
        }
        run_with_overrides(&v.to_string());
    }
}

#[test]
fn a_non_ascii_source_hash_in_the_overrides_is_a_warning_not_a_panic() {
    let mut v: Value = serde_json::from_str(OVERRIDES).unwrap();
    v["source_sha256"] = Value::from("長崎県の報告書のハッシュ値ではありません");
    let o = overrides::parse(&v.to_string()).unwrap();
    let out = normalize(SOURCE, &Input { source_name: "x.txt", overrides: Some(("overrides.json", &o)) }).unwrap();
    assert!(out.warnings.iter().any(|w| w.field == "overrides" && w.message.contains("長崎県の報告書のハ")), "{:?}", out.warnings);
}

#[test]
fn empty_and_non_utf8_input_are_clear_errors() {
    assert_eq!(normalize("  \n\n", &input()).unwrap_err(), NormalizeError::Empty);
    let e = normalize_bytes(b"line one\nline \xff two\n", &input()).unwrap_err();
    assert_eq!(e, NormalizeError::NotUtf8 { line: 2, byte_offset: 14 });
    assert!(e.to_string().starts_with("line 2:"), "{e}");
    assert!(matches!(normalize("hello\nworld\n", &input()), Err(NormalizeError::NoStructure { lines: 2 })));
}

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_normalize")).args(args).output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn temp(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("reform-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn cli_rejects_bad_input_with_exit_2() {
    // Neither UTF-8 nor Shift_JIS: the line and byte are named.
    let (code, stdout, stderr) = cli(&[&temp("garbled.txt", b"abc\n\x82\xa0\x85\xff\n")]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("2 行目（4 バイト目）が UTF-8 としても Shift_JIS としても読めません"), "{stderr}");
    // Shift_JIS is read (and said), then refused for what it holds: no report.
    let (code, _, stderr) = cli(&[&temp("sjis.txt", b"\x82\xa0\x82\xa2\n")]);
    assert_eq!(code, 2);
    assert!(stderr.contains("read as Shift_JIS") && stderr.contains("looks like the report"), "{stderr}");
    let (code, _, stderr) = cli(&[&temp("empty.txt", b"")]);
    assert_eq!(code, 2);
    assert!(stderr.contains("ファイルが空です"), "{stderr}");
    let (code, _, stderr) = cli(&["--bogus"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("usage:"), "{stderr}");
}

#[test]
fn cli_strict_fails_on_warnings_and_prints_them_with_lines() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/source/000_7008800fb5738cea.txt");
    let (code, stdout, stderr) = cli(&[path]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("{\n  \"schema_version\""));
    // Without overrides, a displaced table whose page fits two rows is given to neither: a warning
    // at its caption names both.
    assert!(
        stderr.lines().any(|l| l.starts_with("000_7008800fb5738cea.txt:2564: kpis: table `寄附額の推移` stands outside any row") && l.contains("I-3-3-2, I-3-3-3")),
        "{stderr}"
    );
    let (code, _, _) = cli(&[path, "--strict"]);
    assert_eq!(code, 1);
}

/// `--previous`: a previous edition that cannot be read stops the run with its file and JSON path;
/// a pin naming a title neither edition prints is named with its place and fails `--strict`.
#[test]
fn cli_previous_edition_errors_and_unknown_pins_are_clear() {
    let root = env!("CARGO_MANIFEST_DIR");
    let text = format!("{root}/tests/fixtures/edition-r6.txt");
    let previous = format!("{root}/data/initiatives.json");
    let bad = temp("previous.json", br#"{"schema_version": "2.3.0", "report": 5}"#);
    let (code, stdout, stderr) = cli(&[&text, "--previous", &bad]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("previous.json") && stderr.contains("report"), "{stderr}");

    let mut overrides: Value = serde_json::from_str(include_str!("../data/overrides.json")).unwrap();
    overrides["edition_matches"]["pin"] = serde_json::json!([{"older_title": "存在しない取組", "newer_title": "行政手続の案内窓口の一元化", "why": "test"}]);
    let overrides = temp("overrides.json", overrides.to_string().as_bytes());
    let (code, stdout, stderr) = cli(&[&text, "--overrides", &overrides, "--previous", &previous]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\"carried_over_from\": \"I-1-1-1\""));
    assert!(stderr.lines().any(|l| l.starts_with("overrides.json: edition_matches.pin[0]: no initiative titled 「存在しない取組」 in the older edition")), "{stderr}");
    // Under --strict the unknown title counts as one more warning.
    let warnings = |overrides: &str| {
        let (code, _, stderr) = cli(&[&text, "--overrides", overrides, "--previous", &previous, "--strict"]);
        assert_eq!(code, 1);
        stderr.lines().find_map(|l| l.strip_prefix("normalize: ")?.strip_suffix(" warnings (--strict)")?.parse::<usize>().ok()).expect("a count")
    };
    assert_eq!(warnings(&overrides), warnings(&format!("{root}/data/overrides.json")) + 1);
}
