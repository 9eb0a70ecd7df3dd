//! `publish REPORT.json -o DIR [--downloads DIR] [--rules-not-applicable]`
//!
//! Writes the published tables of a report (`initiatives.json`): the CSV files, `datapackage.json`
//! and `codebook.md`, as `reform::query::opendata::publish` makes them. `--downloads DIR` also
//! writes the views' downloads of the whole report (Japanese headers), for checking them.
//! `--rules-not-applicable` prints the machine-readability rules the codebook says do not apply,
//! one `FILE<TAB>RULE<TAB>COLUMN` a line, and exits.
//! Exit status: 0 done, 2 the report cannot be read or a file cannot be written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use reform::query::{csv, opendata};
use reform::Report;

const USAGE: &str = "usage: publish REPORT.json -o DIR [--downloads DIR] | publish --rules-not-applicable";

struct Args {
    input: PathBuf,
    output: PathBuf,
    downloads: Option<PathBuf>,
}

enum Command {
    Publish(Args),
    RulesNotApplicable,
}

fn parse_args() -> Result<Command, String> {
    let mut input = None;
    let mut output = None;
    let mut downloads = None;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("-o" | "--output") => output = Some(args.next().ok_or("-o needs a folder")?.into()),
            Some("--downloads") => downloads = Some(args.next().ok_or("--downloads needs a folder")?.into()),
            Some("--rules-not-applicable") => return Ok(Command::RulesNotApplicable),
            Some("-h" | "--help") => return Err(String::new()),
            Some(s) if s.starts_with('-') => return Err(format!("unknown option {s}")),
            _ if input.is_none() => input = Some(PathBuf::from(arg)),
            _ => return Err("only one REPORT file".into()),
        }
    }
    Ok(Command::Publish(Args { input: input.ok_or("no REPORT file given")?, output: output.ok_or("no -o DIR given")?, downloads }))
}

fn write_all(dir: &Path, files: &[opendata::PublishedTable]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for f in files {
        let path = dir.join(&f.file_name);
        std::fs::write(&path, &f.text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// The views' downloads, for the whole report, named as the published tables whose columns they
/// use (so the rules that do not apply to a table are those of its download).
fn downloads(report: &Report) -> Vec<opendata::PublishedTable> {
    let rows: Vec<_> = report.initiatives.iter().collect();
    let kpis: Vec<_> = report.kpis.iter().collect();
    vec![
        opendata::PublishedTable { file_name: "initiatives.csv".into(), text: csv::initiatives_csv(report, &rows) },
        opendata::PublishedTable { file_name: "initiative_texts.csv".into(), text: csv::initiative_texts_csv(report, &rows) },
        opendata::PublishedTable { file_name: "kpi_points.csv".into(), text: csv::kpis_csv(report, &kpis) },
    ]
}

fn run(args: &Args) -> Result<(), String> {
    let bytes = std::fs::read(&args.input).map_err(|e| format!("{}: {e}", args.input.display()))?;
    let text = std::str::from_utf8(&bytes).map_err(|_| format!("{}: not UTF-8", args.input.display()))?;
    let report = Report::from_json(text).map_err(|e| format!("{}: {e}", args.input.display()))?;
    write_all(&args.output, &opendata::publish(&report))?;
    if let Some(dir) = &args.downloads {
        write_all(dir, &downloads(&report))?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match parse_args() {
        Ok(Command::RulesNotApplicable) => {
            for n in opendata::codebook::RULES_NOT_APPLICABLE {
                println!("{}\t{}\t{}", n.file, n.rule, n.column.unwrap_or("-"));
            }
            ExitCode::SUCCESS
        }
        Ok(Command::Publish(args)) => match run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("publish: {e}");
                ExitCode::from(2)
            }
        },
        Err(e) => {
            if !e.is_empty() {
                eprintln!("publish: {e}");
            }
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
