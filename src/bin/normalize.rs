//! `normalize INPUT.txt [-o OUT.json] [--overrides FILE] [--previous OLDER.json] [--strict]`
//!
//! Reads the text extracted from the report PDF and writes `initiatives.json`. Given the previous
//! edition's JSON, each initiative matched to one of it keeps that one's `key` and records its id
//! (`carried_over_from`); the overrides' `edition_matches` pin or break matches.
//! The text may be UTF-8, UTF-16 or Shift_JIS (the encoding used is noted).
//! Warnings go to stderr, one per line, as `FILE:LINE: field: message`.
//! Exit status: 0 done, 1 warnings under `--strict`, 2 the input or overrides cannot be used.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use reform::normalize::overrides::OutcomeState;
use reform::normalize::{overrides, parser_alone};
use reform::renewal::decode::{decode, TextEncoding};
use reform::renewal::{renew, Renewal, Renewed};
use reform::Report;

const USAGE: &str = "usage: normalize INPUT.txt [-o OUT.json] [--overrides OVERRIDES.json] [--previous OLDER.json] [--strict]";

struct Args {
    input: PathBuf,
    output: Option<PathBuf>,
    overrides: Option<PathBuf>,
    previous: Option<PathBuf>,
    strict: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut input = None;
    let mut output = None;
    let mut overrides = None;
    let mut previous = None;
    let mut strict = false;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("-o" | "--output") => output = Some(args.next().ok_or("-o needs a file name")?.into()),
            Some("--overrides") => overrides = Some(args.next().ok_or("--overrides needs a file name")?.into()),
            Some("--previous") => previous = Some(args.next().ok_or("--previous needs a file name")?.into()),
            Some("--strict") => strict = true,
            Some("-h" | "--help") => return Err(String::new()),
            Some(s) if s.starts_with('-') => return Err(format!("unknown option {s}")),
            _ if input.is_none() => input = Some(PathBuf::from(arg)),
            _ => return Err("only one INPUT file".into()),
        }
    }
    Ok(Args { input: input.ok_or("no INPUT file given")?, output, overrides, previous, strict })
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn run(args: &Args) -> Result<usize, String> {
    let bytes = std::fs::read(&args.input).map_err(|e| format!("{}: {e}", args.input.display()))?;
    let decoded = decode(&bytes).map_err(|e| format!("{}: {e}", args.input.display()))?;
    if decoded.encoding != TextEncoding::Utf8 {
        eprintln!("note: {} read as {}", args.input.display(), decoded.encoding.name());
    }
    if decoded.mapped > 0 {
        eprintln!("note: {} radicals or look-alikes (⽴ ⻑ ‧ 〜) read as the ordinary characters (立 長 ・ ～)", decoded.mapped);
    }
    let loaded_overrides = match &args.overrides {
        Some(path) => {
            let json = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Some((file_name(path), overrides::parse(&json).map_err(|e| format!("{}: {e}", path.display()))?))
        }
        None => None,
    };
    let previous = match &args.previous {
        Some(path) => {
            let json = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Some((file_name(path), Report::from_json(&json).map_err(|e| format!("{}: {e}", path.display()))?))
        }
        None => None,
    };
    let name = file_name(&args.input);
    let how = Renewal {
        source_name: &name,
        overrides: loaded_overrides.as_ref().map(|(n, o)| (n.as_str(), o)),
        previous: previous.as_ref().map(|(_, r)| r),
    };
    let Renewed { output: out, matching } = renew(&decoded.text, &how).map_err(|e| format!("{}: {e}", args.input.display()))?;
    for w in &out.warnings {
        eprintln!("{name}:{}: {}: {}", w.line, w.field, w.message);
    }
    let mut problems = 0;
    if let (Some(matching), Some((previous_name, _))) = (&matching, &previous) {
        for p in &matching.problems {
            eprintln!("{}: {}", loaded_overrides.as_ref().map_or("overrides", |(n, _)| n.as_str()), p.message());
        }
        problems = matching.problems.len();
        eprintln!(
            "note: {} of {} initiatives matched in {previous_name} ({} not exactly), {} new, {} ended",
            matching.initiatives.len(),
            out.report.initiatives.len(),
            matching.inexact().count(),
            matching.new_initiatives.len(),
            matching.ended_initiatives.len()
        );
    }
    if let Some(info) = &out.report.report.overrides {
        let count = |state| out.overrides.iter().filter(|o| o.state == state).count();
        eprintln!(
            "note: {} entries of {}: {} applied as written, {} adapted to this edition, {} stale (skipped)",
            out.overrides.len(),
            info.name,
            count(OutcomeState::Applied),
            count(OutcomeState::Adapted),
            count(OutcomeState::Stale)
        );
        for o in out.overrides.iter().filter(|o| o.state != OutcomeState::Applied) {
            let state = if o.state == OutcomeState::Stale { "stale" } else { "adapted" };
            eprintln!("  {state}: {}: {}", o.entry, o.detail);
        }
    }
    let (alone, total) = parser_alone(&out.report);
    eprintln!("note: the parser alone read {alone} of {total} KPI figures");
    let json = out.report.to_json();
    match &args.output {
        Some(path) => std::fs::write(path, json).map_err(|e| format!("{}: {e}", path.display()))?,
        None => print!("{json}"),
    }
    Ok(out.warnings.len() + problems)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("normalize: {msg}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(warnings) if args.strict && warnings > 0 => {
            eprintln!("normalize: {warnings} warnings (--strict)");
            ExitCode::from(1)
        }
        Ok(_) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("normalize: {msg}");
            ExitCode::from(2)
        }
    }
}
