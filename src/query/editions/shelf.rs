//! The editions a dashboard holds at once, one per fiscal year: the report the page comes with
//! (or the one its host names), the previous editions the host names, and the files the reader
//! opened. One is shown; an older one, or none, is compared with it. Opening another file adds
//! it: the newest edition is shown beside the one before it, an older file becomes the one
//! compared. The address keeps the choice as two fiscal years (`ed=2024&vs=2023`, `vs=none`), so
//! a shared link opens the same comparison where the page holds the same editions.
//!
//! Generic over what the app keeps of each edition (`T`: the read report and its JSON), so the
//! rules are tested natively with anything.

use crate::fiscal::era_label;

/// Where an edition came from: the reader's files are kept for the session and named as opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The report the page comes with, or the one the host element names (`data-report`).
    Page,
    /// A previous edition the host page names (`data-previous`) or holds (`#reform-previous`).
    Previous,
    /// A file the reader opened (picker, drop, or kept from before a reload).
    Reader,
}

/// One edition: its fiscal year (western, the year it starts), as the report prints it
/// (`令和6年度`), the file it came from (`None` for the page's own), and what the app keeps.
#[derive(Debug, Clone)]
pub struct Edition<T> {
    pub fiscal_year: i32,
    pub label: String,
    pub file: Option<String>,
    pub origin: Origin,
    pub held: T,
}

impl<T> Edition<T> {
    /// 「令和6年度（next.json）」, 「令和5年度（組み込み）」: how the edition selectors name it.
    pub fn name_ja(&self) -> String {
        format!("{}（{}）", self.label, self.file.as_deref().unwrap_or("このページの報告書"))
    }
}

/// Which editions the address names: the one shown and the one compared (`Some(None)`: none,
/// `None`: the default, the newest one before the shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pick {
    pub shown: Option<i32>,
    pub compared: Option<Option<i32>>,
}

impl Pick {
    /// Whether the address names anything.
    pub fn is_empty(&self) -> bool {
        self.shown.is_none() && self.compared.is_none()
    }
}

/// What became of a file added to the shelf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Another year: held beside the others.
    Beside,
    /// The same year as an edition held before, which it replaces (`replaced`: that one's name).
    Replaced { replaced: String },
}

impl Added {
    /// What the reader is told when the file `opened` took the place of the edition of its
    /// year (a corrected reissue); nothing for a file held beside the others.
    pub fn notice_ja(&self, opened: &str) -> Option<String> {
        match self {
            Added::Beside => None,
            Added::Replaced { replaced } => Some(format!("開いたファイル「{opened}」は{replaced}と同じ年度の報告書のため、置き換えました。")),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Shelf<T> {
    /// Oldest first, one per fiscal year.
    editions: Vec<Edition<T>>,
    shown: usize,
    compared: Option<usize>,
}

impl<T> Shelf<T> {
    /// A shelf with the page's own report, shown alone.
    pub fn new(own: Edition<T>) -> Shelf<T> {
        Shelf { editions: vec![own], shown: 0, compared: None }
    }

    pub fn editions(&self) -> &[Edition<T>] {
        &self.editions
    }

    pub fn len(&self) -> usize {
        self.editions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.editions.is_empty()
    }

    pub fn shown(&self) -> &Edition<T> {
        &self.editions[self.shown]
    }

    pub fn compared(&self) -> Option<&Edition<T>> {
        self.compared.map(|i| &self.editions[i])
    }

    /// The editions that can be compared with the shown one: the older ones, newest first.
    pub fn comparable(&self) -> impl Iterator<Item = &Edition<T>> {
        self.editions[..self.shown].iter().rev()
    }

    /// The choice as the address keeps it; nothing while one edition is held, so the address of
    /// a dashboard with one edition does not change.
    pub fn pick(&self) -> Pick {
        if self.editions.len() < 2 {
            return Pick::default();
        }
        Pick { shown: Some(self.shown().fiscal_year), compared: Some(self.compared().map(|e| e.fiscal_year)) }
    }

    fn index_of(&self, fiscal_year: i32) -> Option<usize> {
        self.editions.iter().position(|e| e.fiscal_year == fiscal_year)
    }

    /// The newest edition before the shown one.
    fn default_compared(&self) -> Option<usize> {
        self.shown.checked_sub(1)
    }

    /// Puts `edition` in its place by year; the one of the same year goes.
    fn place(&mut self, edition: Edition<T>) -> (usize, Added) {
        let shown_year = self.shown().fiscal_year;
        let compared_year = self.compared().map(|e| e.fiscal_year);
        let year = edition.fiscal_year;
        let added = match self.index_of(year) {
            Some(at) => {
                let old = std::mem::replace(&mut self.editions[at], edition);
                Added::Replaced { replaced: old.name_ja() }
            }
            None => {
                let at = self.editions.partition_point(|e| e.fiscal_year < year);
                self.editions.insert(at, edition);
                Added::Beside
            }
        };
        // The indices moved with the insertion; the years did not.
        self.shown = self.index_of(shown_year).unwrap_or(0);
        self.compared = compared_year.and_then(|y| self.index_of(y));
        (self.index_of(year).unwrap_or(0), added)
    }

    /// What the reader is told once the file `opened` was opened and `added` as it was: that
    /// it replaced the edition of its year, when the page holds several editions. With one,
    /// the banner above the view names the file shown and says how to go back.
    pub fn said_after_opening(&self, added: &Added, opened: &str) -> Option<String> {
        if self.len() > 1 {
            added.notice_ja(opened)
        } else {
            None
        }
    }

    /// The editions shown and compared in one sentence, for paper, where the selectors are not
    /// printed.
    pub fn on_paper_ja(&self) -> String {
        let compared = self.compared().map_or_else(|| "なし".to_string(), Edition::name_ja);
        format!("表示している報告書：{}　比べている報告書：{compared}", self.shown().name_ja())
    }

    /// A file the reader opened. Newer than the one shown (or of its year): shown, beside the
    /// newest edition before it. Older: compared with the one shown.
    pub fn open(&mut self, edition: Edition<T>) -> Added {
        let shown_year = self.shown().fiscal_year;
        let (at, added) = self.place(edition);
        if self.editions[at].fiscal_year >= shown_year {
            self.shown = at;
            self.compared = self.default_compared();
        } else {
            self.compared = Some(at);
        }
        added
    }

    /// A previous edition the host page names or holds: the one shown stays, compared with the
    /// newest edition before it. An edition not older than the one shown is refused, with why.
    pub fn add_previous(&mut self, edition: Edition<T>) -> Result<(), String> {
        let shown = self.shown();
        if edition.fiscal_year >= shown.fiscal_year {
            return Err(format!(
                "前年度の報告書として指定された{}は、表示している報告書（{}）より前の年度ではないため、比べません。",
                edition.name_ja(),
                shown.label
            ));
        }
        self.place(edition);
        self.compared = self.default_compared();
        Ok(())
    }

    /// Shows the edition of `fiscal_year`, compared with the newest one before it.
    pub fn show(&mut self, fiscal_year: i32) -> bool {
        match self.index_of(fiscal_year) {
            Some(at) => {
                self.shown = at;
                self.compared = self.default_compared();
                true
            }
            None => false,
        }
    }

    /// Compares the shown edition with the one of `fiscal_year` (an older one), or with none.
    pub fn compare_with(&mut self, fiscal_year: Option<i32>) -> bool {
        match fiscal_year {
            None => {
                self.compared = None;
                true
            }
            Some(year) => match self.index_of(year).filter(|&at| at < self.shown) {
                Some(at) => {
                    self.compared = Some(at);
                    true
                }
                None => false,
            },
        }
    }

    /// The choice a link names, as far as this page holds its editions; what it cannot follow
    /// is said, in Japanese, with what to do.
    pub fn follow(&mut self, pick: Pick) -> Vec<String> {
        let mut notices = Vec::new();
        if let Some(year) = pick.shown {
            if !self.show(year) {
                notices.push(format!(
                    "リンクが表示を指定する{}の報告書は、このページにないため、{}を表示しています。その報告書のファイルを開くと比べられます。",
                    era_label(year),
                    self.shown().label
                ));
            }
        }
        match pick.compared {
            Some(Some(year)) if !self.compare_with(Some(year)) => notices.push(if self.index_of(year).is_some() {
                format!("リンクが比較を指定する{}の報告書は、表示している{}より前の年度ではないため、比べません。", era_label(year), self.shown().label)
            } else {
                format!("リンクが比較を指定する{}の報告書は、このページにありません。その報告書のファイルを開くと比べられます。", era_label(year))
            }),
            Some(None) => {
                self.compare_with(None);
            }
            _ => {}
        }
        notices
    }

    /// Whether a file the reader opened is held.
    pub fn holds_opened(&self) -> bool {
        self.editions.iter().any(|e| e.origin == Origin::Reader)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition(year: i32, file: Option<&str>, origin: Origin) -> Edition<&'static str> {
        Edition { fiscal_year: year, label: era_label(year), file: file.map(str::to_string), origin, held: "" }
    }

    fn years<T>(shelf: &Shelf<T>) -> (i32, Option<i32>, Vec<i32>) {
        (shelf.shown().fiscal_year, shelf.compared().map(|e| e.fiscal_year), shelf.editions().iter().map(|e| e.fiscal_year).collect())
    }

    #[test]
    fn one_edition_names_nothing_in_the_address() {
        let shelf = Shelf::new(edition(2023, None, Origin::Page));
        assert_eq!(shelf.pick(), Pick::default());
        assert!(shelf.pick().is_empty());
        assert_eq!(years(&shelf), (2023, None, vec![2023]));
    }

    #[test]
    fn a_newer_file_is_shown_beside_the_one_before_it_and_an_older_one_is_compared() {
        let mut shelf = Shelf::new(edition(2023, None, Origin::Page));
        assert_eq!(shelf.open(edition(2024, Some("r6.json"), Origin::Reader)), Added::Beside);
        assert_eq!(Added::Beside.notice_ja("r6.json"), None);
        assert_eq!(years(&shelf), (2024, Some(2023), vec![2023, 2024]));
        assert_eq!(shelf.pick(), Pick { shown: Some(2024), compared: Some(Some(2023)) });
        // The year after: shown beside the one before it, the others kept.
        shelf.open(edition(2025, Some("r7.json"), Origin::Reader));
        assert_eq!(years(&shelf), (2025, Some(2024), vec![2023, 2024, 2025]));
        // An older file: compared with the one shown, which stays.
        shelf.open(edition(2021, Some("r3.json"), Origin::Reader));
        assert_eq!(years(&shelf), (2025, Some(2021), vec![2021, 2023, 2024, 2025]));
        assert_eq!(shelf.comparable().map(|e| e.fiscal_year).collect::<Vec<_>>(), vec![2024, 2023, 2021]);
    }

    #[test]
    fn a_file_of_a_year_held_replaces_that_edition() {
        let mut shelf = Shelf::new(edition(2023, None, Origin::Page));
        let added = shelf.open(edition(2023, Some("corrected.json"), Origin::Reader));
        assert_eq!(added, Added::Replaced { replaced: "令和5年度（このページの報告書）".into() });
        assert_eq!(added.notice_ja("corrected.json").as_deref(), Some("開いたファイル「corrected.json」は令和5年度（このページの報告書）と同じ年度の報告書のため、置き換えました。"));
        assert_eq!(years(&shelf), (2023, None, vec![2023]));
        assert_eq!(shelf.shown().file.as_deref(), Some("corrected.json"));
        // Alone, the banner names the file shown: nothing more is said.
        assert_eq!(shelf.said_after_opening(&added, "corrected.json"), None);
        // Among several, the replaced edition would leave the selector unsaid.
        shelf.open(edition(2024, Some("r6.json"), Origin::Reader));
        let added = shelf.open(edition(2024, Some("r6-corrected.json"), Origin::Reader));
        assert_eq!(shelf.said_after_opening(&added, "r6-corrected.json").as_deref(), Some("開いたファイル「r6-corrected.json」は令和6年度（r6.json）と同じ年度の報告書のため、置き換えました。"));
        assert_eq!(shelf.on_paper_ja(), "表示している報告書：令和6年度（r6-corrected.json）　比べている報告書：令和5年度（corrected.json）");
    }

    #[test]
    fn either_edition_can_be_switched() {
        let mut shelf = Shelf::new(edition(2025, None, Origin::Page));
        shelf.add_previous(edition(2023, Some("r5.json"), Origin::Previous)).unwrap();
        shelf.add_previous(edition(2024, Some("r6.json"), Origin::Previous)).unwrap();
        assert_eq!(years(&shelf), (2025, Some(2024), vec![2023, 2024, 2025]));
        assert!(shelf.compare_with(Some(2023)));
        assert_eq!(years(&shelf).1, Some(2023));
        // Only an older edition is compared.
        assert!(!shelf.compare_with(Some(2025)));
        assert!(shelf.show(2024));
        assert_eq!(years(&shelf), (2024, Some(2023), vec![2023, 2024, 2025]));
        assert!(shelf.compare_with(None));
        assert_eq!(shelf.pick(), Pick { shown: Some(2024), compared: Some(None) });
        // The oldest has nothing before it.
        assert!(shelf.show(2023));
        assert_eq!(years(&shelf).1, None);
    }

    #[test]
    fn a_previous_edition_not_older_is_refused_with_why() {
        let mut shelf = Shelf::new(edition(2023, None, Origin::Page));
        let why = shelf.add_previous(edition(2024, Some("r6.json"), Origin::Previous)).unwrap_err();
        assert_eq!(why, "前年度の報告書として指定された令和6年度（r6.json）は、表示している報告書（令和5年度）より前の年度ではないため、比べません。");
        assert_eq!(shelf.len(), 1);
    }

    #[test]
    fn a_link_is_followed_as_far_as_the_page_holds_its_editions() {
        let mut shelf = Shelf::new(edition(2025, None, Origin::Page));
        shelf.add_previous(edition(2024, Some("r6.json"), Origin::Previous)).unwrap();
        shelf.add_previous(edition(2023, Some("r5.json"), Origin::Previous)).unwrap();
        assert_eq!(shelf.follow(Pick { shown: Some(2024), compared: Some(Some(2023)) }), Vec::<String>::new());
        assert_eq!(years(&shelf), (2024, Some(2023), vec![2023, 2024, 2025]));
        assert_eq!(shelf.follow(Pick { shown: None, compared: Some(None) }), Vec::<String>::new());
        assert_eq!(years(&shelf).1, None);
        // A year the page lacks, and a comparison with a later year: said, the rest followed.
        let said = shelf.follow(Pick { shown: Some(2021), compared: Some(Some(2025)) });
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].starts_with("リンクが表示を指定する令和3年度の報告書は、このページにないため、令和6年度を表示しています。"), "{}", said[0]);
        assert!(said[1].contains("令和7年度の報告書は、表示している令和6年度より前の年度ではない"), "{}", said[1]);
        let said = shelf.follow(Pick { shown: None, compared: Some(Some(2020)) });
        assert_eq!(said, vec!["リンクが比較を指定する令和2年度の報告書は、このページにありません。その報告書のファイルを開くと比べられます。".to_string()]);
    }
}
