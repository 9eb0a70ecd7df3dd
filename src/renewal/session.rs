//! One renewal as the import workbench holds it: the files given (the new text, last year's
//! overrides and report), the run on them, and the decisions taken, each of which runs the
//! normalizer again. Plain Rust: the workbench's components only show it and pass clicks on.

use std::sync::Arc;

use super::decode::{decode, Decoded, NotText};
use super::resolve::{empty_for, resolve, same_initiative, to_json, Decision, SameInitiative};
use super::review::{review, Review};
use super::{renew, Renewal, Renewed};
use crate::model::Report;
use crate::normalize::{overrides, Overrides};

/// A file given to the workbench, recognised by what it holds, not by its name.
#[derive(Debug)]
pub enum Given {
    /// The new edition's text.
    Text { name: String, decoded: Decoded },
    /// Last year's overrides.
    Overrides { name: String, overrides: Box<Overrides> },
    /// Last year's report (its JSON), to compare with and carry keys over from.
    Previous { name: String, report: Arc<Report>, json: Arc<str> },
}

/// What `bytes`, named `name`, are: or why the workbench cannot use them, naming the file.
pub fn recognise(name: &str, bytes: &[u8]) -> Result<Given, String> {
    match decode(bytes) {
        Ok(decoded) => Ok(Given::Text { name: name.to_string(), decoded }),
        Err(NotText::Json { .. }) => {
            let json = String::from_utf8_lossy(bytes);
            let json = json.trim_start_matches('\u{feff}');
            if json.contains("\"source_sha256\"") && !json.contains("\"schema_version\"") {
                let o = overrides::parse(json).map_err(|e| format!("「{name}」は調整ファイルとして読めません：{e}"))?;
                Ok(Given::Overrides { name: name.to_string(), overrides: Box::new(o) })
            } else {
                let report = Report::from_json(json).map_err(|e| format!("「{name}」は報告書の JSON として読めません：{e}"))?;
                Ok(Given::Previous { name: name.to_string(), report: Arc::new(report), json: Arc::from(json) })
            }
        }
        Err(why) => Err(format!("「{name}」：{why}")),
    }
}

/// A decision taken in the page, for the list of what was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    /// The warning's line; 0 for a match between editions.
    pub line: u32,
    pub entry: String,
}

pub struct Session {
    pub text: Option<(String, Decoded)>,
    /// Last year's overrides (or the ones the workbench came with), with decisions added.
    pub overrides: Option<(String, Overrides)>,
    pub previous: Option<(String, Arc<Report>, Arc<str>)>,
    /// The last run: the new edition and its review, or why the text gave no report.
    pub outcome: Option<Result<(Renewed, Review), String>>,
    pub taken: Vec<Taken>,
}

impl Session {
    pub fn new(overrides: Option<(String, Overrides)>, previous: Option<(String, Arc<Report>, Arc<str>)>) -> Session {
        Session { text: None, overrides, previous, outcome: None, taken: Vec::new() }
    }

    /// Takes a file in its place and runs again when there is a text. Returns what it was taken
    /// as, for the page to say.
    pub fn give(&mut self, given: Given) -> String {
        let said = match given {
            Given::Text { name, decoded } => {
                let mapped = match decoded.mapped {
                    0 => String::new(),
                    n => format!("、部首などの文字 {n} 字を通常の漢字・記号に直しました"),
                };
                let said = format!("報告書のテキスト「{name}」（{}{mapped}）", decoded.encoding.name());
                self.text = Some((name, decoded));
                self.taken.clear();
                said
            }
            Given::Overrides { name, overrides } => {
                let said = format!("前年度の調整ファイル「{name}」");
                self.overrides = Some((name, *overrides));
                said
            }
            Given::Previous { name, report, json } => {
                let said = format!("前年度の報告書「{name}」（{}）", report.report.label);
                self.previous = Some((name, report, json));
                said
            }
        };
        self.run();
        said
    }

    /// Normalizes the text with the overrides and the previous edition as they are now.
    pub fn run(&mut self) {
        let Some((name, decoded)) = &self.text else { return };
        let how = Renewal {
            source_name: name,
            overrides: self.overrides.as_ref().map(|(n, o)| (n.as_str(), o)),
            previous: self.previous.as_ref().map(|(_, r, _)| r.as_ref()),
        };
        self.outcome = Some(match renew(&decoded.text, &how) {
            Ok(renewed) => {
                let review = review(&decoded.text, &renewed, self.previous.as_ref().map(|(_, r, _)| r.as_ref()));
                Ok((renewed, review))
            }
            Err(e) => Err(format!("「{name}」から報告書を読み取れませんでした：{e}")),
        });
    }

    pub fn renewed(&self) -> Option<&Renewed> {
        self.outcome.as_ref()?.as_ref().ok().map(|(r, _)| r)
    }

    pub fn review(&self) -> Option<&Review> {
        self.outcome.as_ref()?.as_ref().ok().map(|(_, r)| r)
    }

    /// Decides the warning at `index` of the last run and runs again.
    pub fn decide(&mut self, index: usize, decision: &Decision, why: &str) -> Result<String, String> {
        let renewed = self.renewed().ok_or("先に報告書のテキストを読み込んでください。")?;
        let warning = renewed.output.warnings.get(index).ok_or("この警告はもうありません。")?.clone();
        let fix = warning.fix.as_ref().ok_or("この警告は選んで決めるものではありません。")?;
        self.amend(warning.line, |overrides| resolve(overrides, fix, decision, why))
    }

    /// Makes `change` to the overrides (a new file for this report when none was given),
    /// records what it did (`line`: the warning's, 0 for none) and reads the text again.
    fn amend(&mut self, line: u32, change: impl FnOnce(&mut Overrides) -> Result<String, String>) -> Result<String, String> {
        let fresh = empty_for(&self.renewed().ok_or("先に報告書のテキストを読み込んでください。")?.output.report);
        let (_, overrides) = self.overrides.get_or_insert_with(|| ("overrides.json".to_string(), fresh));
        let entry = change(overrides)?;
        self.taken.push(Taken { line, entry: entry.clone() });
        self.run();
        Ok(entry)
    }

    /// Pins (the same initiative) or breaks (not the same) the older row `older_id` of the
    /// previous edition and the newer row `newer_id`, by their titles, and runs again.
    pub fn same_initiative(&mut self, which: SameInitiative, older_id: &str, newer_id: &str, why: &str) -> Result<String, String> {
        let renewed = self.renewed().ok_or("先に報告書のテキストを読み込んでください。")?;
        let (_, previous, _) = self.previous.as_ref().ok_or("前年度の報告書がありません。")?;
        let older = previous.initiative(older_id).ok_or_else(|| format!("前年度の報告書に {older_id} はありません。"))?.title.clone();
        let newer = renewed.output.report.initiative(newer_id).ok_or_else(|| format!("今年度の報告書に {newer_id} はありません。"))?.title.clone();
        self.amend(0, |overrides| same_initiative(overrides, which, &older, &newer, why))
    }

    /// Removes last year's override entry `name` (one that no longer applies, as the review
    /// lists it) and runs again.
    pub fn remove_entry(&mut self, name: &str) -> Result<String, String> {
        // Only from a file given: a new one has nothing of last year's to remove.
        if self.overrides.is_none() {
            return Err("調整ファイルがありません。".into());
        }
        self.amend(0, |overrides| match overrides.remove(name) {
            true => Ok(format!("調整ファイルから削除：{name}")),
            false => Err(format!("調整ファイルに「{name}」はもうありません。")),
        })
    }

    /// The labels of last year's KPIs of the row matched to `initiative` that this year's row
    /// lacks: a figure the parser could not place may continue one of them.
    pub fn last_years_kpis(&self, initiative: &str) -> Vec<String> {
        let (Some(renewed), Some((_, previous, _))) = (self.renewed(), &self.previous) else { return Vec::new() };
        let Some(m) = renewed.matching.as_ref().and_then(|m| m.of_newer(initiative)) else { return Vec::new() };
        // A repeat last year showed its original's KPIs (the original may have ended since).
        let older = previous.initiative(&m.older).map_or(m.older.as_str(), |o| o.original().unwrap_or(&o.id));
        let now: Vec<&str> = renewed.output.report.kpis.iter().filter(|k| k.initiative == initiative).map(|k| k.label.as_str()).collect();
        previous.kpis.iter().filter(|k| k.initiative == older && !now.contains(&k.label.as_str())).map(|k| k.label.clone()).collect()
    }

    /// The new edition's JSON, as `normalize` writes it.
    pub fn report_json(&self) -> Option<String> {
        self.renewed().map(|r| r.output.report.to_json())
    }

    /// The overrides to keep for next year, reviewed for the new text.
    pub fn overrides_json(&self) -> Option<String> {
        let renewed = self.renewed()?;
        let empty;
        let overrides = match &self.overrides {
            Some((_, o)) => o,
            None => {
                empty = empty_for(&renewed.output.report);
                &empty
            }
        };
        Some(to_json(overrides, &renewed.output.report))
    }

    /// File names for the exports: `initiatives-令和6年度.json` and the like.
    pub fn file_name(&self, stem: &str, extension: &str) -> String {
        match self.review() {
            Some(r) if !r.label.is_empty() => format!("{stem}-{}.{extension}", r.label),
            _ => format!("{stem}.{extension}"),
        }
    }
}
