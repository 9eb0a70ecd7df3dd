//! The explorer: filters, facet counts, Japanese search and sorting over the initiatives.
//!
//! [`Explorer::new`] prepares what every keystroke needs (folded search text, ratings, KPI
//! statuses) once; filtering then touches each initiative once.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use super::achievement::{self, Status};
use super::editions::{ChangeKind, ChangeSummary};
use super::search::{fold, Query};
use crate::model::{PointKind, Rating, Report, UNPAIRED_DIVISIONS};

keyed! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum KpiFilter {
        /// Has at least one KPI.
        Any => "any", "KPIあり";
        /// Has a numeric target.
        Target => "target", "数値目標あり";
        /// Has no KPI.
        None => "none", "KPIなし";
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub pillar: Option<String>,
    pub section: Option<String>,
    pub subsection: Option<String>,
    pub department: Option<String>,
    pub division: Option<String>,
    pub rating: Option<Rating>,
    /// `true`: only all-agency (全庁) initiatives.
    pub zencho: bool,
    pub kpi: Option<KpiFilter>,
    /// Show relisted copies (【再掲】) too.
    pub include_relisted: bool,
    pub query: String,
    /// What changed since the previous edition (only with one to compare with).
    pub change: Option<ChangeKind>,
}

impl Filter {
    pub fn is_default(&self) -> bool {
        *self == Filter::default()
    }

    /// Every condition in force, in the order of the form, as a person reads it (for the
    /// removable chips a phone shows above the folded filters).
    pub fn chips(&self, report: &Report) -> Vec<Chip> {
        let mut chips = Vec::new();
        let mut add = |dimension, label: String| chips.push(Chip { dimension, label });
        if !self.query.trim().is_empty() {
            add(Dimension::Query, format!("キーワード：{}", self.query.trim()));
        }
        if let Some(p) = &self.pillar {
            add(Dimension::Pillar, format!("柱：{}", report.pillar(p).map_or(p.as_str(), |p| p.numeral.as_str())));
        }
        if let Some(s) = &self.section {
            add(Dimension::Section, format!("項目：{}", report.section(s).map_or_else(|| s.clone(), |x| format!("{} {}", x.id, x.title))));
        }
        if let Some(s) = &self.subsection {
            add(Dimension::Subsection, format!("小項目：{}", report.subsection(s).map_or_else(|| s.clone(), |x| format!("{} {}", x.id, x.title))));
        }
        if let Some(d) = &self.department {
            add(Dimension::Department, format!("部局等：{d}"));
        }
        if let Some(d) = &self.division {
            add(Dimension::Division, format!("担当課：{d}"));
        }
        if let Some(r) = self.rating {
            add(Dimension::Rating, format!("進捗状況：{}", r.display_ja()));
        }
        if let Some(k) = self.kpi {
            add(Dimension::Kpi, format!("KPI：{}", k.label_ja()));
        }
        if self.zencho {
            add(Dimension::Zencho, "全庁的な取組だけ".to_string());
        }
        if self.include_relisted {
            add(Dimension::Relisted, "再掲も表示".to_string());
        }
        if let Some(c) = self.change {
            add(Dimension::Change, format!("前年度から：{}", c.label_ja()));
        }
        chips
    }

    /// The filter without one condition; a pillar takes its section and subsection with it,
    /// a section its subsection, a department its division, as the form's selects do.
    /// The value a select of `dimension` shows (its option's `value`); `None` for 「すべて」 and
    /// for the dimensions that are no select.
    pub fn chosen(&self, dimension: Dimension) -> Option<String> {
        match dimension {
            Dimension::Pillar => self.pillar.clone(),
            Dimension::Section => self.section.clone(),
            Dimension::Subsection => self.subsection.clone(),
            Dimension::Department => self.department.clone(),
            Dimension::Division => self.division.clone(),
            Dimension::Rating => self.rating.map(|r| r.key().to_string()),
            Dimension::Kpi => self.kpi.map(|k| k.key().to_string()),
            Dimension::Change => self.change.map(|c| c.key().to_string()),
            Dimension::Zencho | Dimension::Relisted | Dimension::Query => None,
        }
    }

    /// The filter with `value` chosen in the select of `dimension` (`None`: 「すべて」). What
    /// depends on it is cleared as when its chip is removed: another pillar has other sections.
    pub fn choose(&self, dimension: Dimension, value: Option<String>) -> Filter {
        self.without(dimension).with(dimension, value)
    }

    /// The filter with `dimension` set to `value` and every other condition kept, even one that
    /// depends on it (what a facet's count assumes).
    pub fn with(&self, dimension: Dimension, value: Option<String>) -> Filter {
        let mut f = self.clone();
        match dimension {
            Dimension::Pillar => f.pillar = value,
            Dimension::Section => f.section = value,
            Dimension::Subsection => f.subsection = value,
            Dimension::Department => f.department = value,
            Dimension::Division => f.division = value,
            Dimension::Rating => f.rating = value.as_deref().and_then(Rating::from_key),
            Dimension::Kpi => f.kpi = value.as_deref().and_then(KpiFilter::from_key),
            Dimension::Change => f.change = value.as_deref().and_then(ChangeKind::from_key),
            Dimension::Zencho | Dimension::Relisted | Dimension::Query => {}
        }
        f
    }

    pub fn without(&self, dimension: Dimension) -> Filter {
        let mut f = self.clone();
        match dimension {
            Dimension::Query => f.query.clear(),
            Dimension::Pillar => (f.pillar, f.section, f.subsection) = (None, None, None),
            Dimension::Section => (f.section, f.subsection) = (None, None),
            Dimension::Subsection => f.subsection = None,
            Dimension::Department => (f.department, f.division) = (None, None),
            Dimension::Division => f.division = None,
            Dimension::Rating => f.rating = None,
            Dimension::Kpi => f.kpi = None,
            Dimension::Zencho => f.zencho = false,
            Dimension::Relisted => f.include_relisted = false,
            Dimension::Change => f.change = None,
        }
        f
    }
}

/// One condition in force, with the dimension that removing it clears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chip {
    pub dimension: Dimension,
    pub label: String,
}

keyed! {
    /// The explorer's columns that sort, labelled as their headers.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum SortKey {
        #[default]
        Id => "id", "番号";
        Title => "title", "取組項目";
        Department => "department", "部局等";
        Division => "division", "担当課";
        Rating => "rating", "進捗状況";
        Kpi => "kpi", "KPI";
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Sort {
    /// A column header clicked: the same column turns its direction, another starts ascending.
    pub fn clicked(self, key: SortKey) -> Sort {
        if self.key == key {
            Sort { key, descending: !self.descending }
        } else {
            Sort { key, descending: false }
        }
    }

    /// The header's `aria-sort`.
    pub fn aria_sort(self, key: SortKey) -> &'static str {
        match (self.key == key, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }
}

/// Which facet a count belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Pillar,
    Section,
    Subsection,
    Department,
    Division,
    Rating,
    Zencho,
    Kpi,
    Relisted,
    /// The search words (not a facet of its own).
    Query,
    /// What changed since the previous edition; a select only when there is one.
    Change,
}

impl Dimension {
    /// The facets that are selects, in the order of the form.
    pub const SELECTS: [Dimension; 7] =
        [Dimension::Pillar, Dimension::Section, Dimension::Subsection, Dimension::Department, Dimension::Division, Dimension::Rating, Dimension::Kpi];

    /// Its name in the form (`rd-f-dept` is the department's select), which tests and the
    /// bench find it by; the address has shorter keys of its own (`route.rs`).
    pub fn form_name(self) -> &'static str {
        match self {
            Dimension::Pillar => "pillar",
            Dimension::Section => "section",
            Dimension::Subsection => "subsection",
            Dimension::Department => "dept",
            Dimension::Division => "div",
            Dimension::Rating => "rating",
            Dimension::Kpi => "kpi",
            Dimension::Zencho => "zencho",
            Dimension::Relisted => "relisted",
            Dimension::Query => "q",
            Dimension::Change => "change",
        }
    }

    /// The label of a select.
    pub fn label_ja(self) -> &'static str {
        match self {
            Dimension::Pillar => "柱",
            Dimension::Section => "項目",
            Dimension::Subsection => "小項目",
            Dimension::Department => "部局等",
            Dimension::Division => "担当課",
            Dimension::Rating => "進捗状況（小項目）",
            Dimension::Kpi => "KPI・数値目標",
            Dimension::Zencho => "全庁的な取組",
            Dimension::Relisted => "再掲",
            Dimension::Query => "キーワード",
            Dimension::Change => "前年度からの変化",
        }
    }
}

fn bit(d: Dimension) -> u32 {
    1 << (d as u32)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetOption {
    /// The value as it goes into the filter (`II`, `総務部`, `delayed`, `target`, `true`).
    pub value: String,
    pub label: String,
    /// Initiatives with this value, given all the other filters.
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet {
    pub dimension: Dimension,
    pub options: Vec<FacetOption>,
}

/// What the explorer shows for a filter: the matching rows in plan order, and the facets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explored {
    pub rows: Vec<usize>,
    pub facets: Vec<Facet>,
}

impl Explored {
    /// The options of the facet for `dimension`, with their counts.
    pub fn options(&self, dimension: Dimension) -> &[FacetOption] {
        self.facets.iter().find(|f| f.dimension == dimension).map_or(&[], |f| &f.options)
    }
}

struct Prepared {
    rating: Option<Rating>,
    kpi_status: Option<Status>,
    has_target: bool,
    haystack: Vec<String>,
    sort_title: String,
}

fn prepare(report: &Report) -> Vec<Prepared> {
    report
        .initiatives
        .iter()
        .map(|i| {
            let kpis: Vec<_> = i.kpis.iter().filter_map(|k| report.kpi(k)).collect();
            let statuses: Vec<Status> = kpis.iter().map(|k| achievement::overall(report, k)).collect();
            // The status that needs attention most among the row's KPIs.
            let kpi_status = statuses.iter().copied().min_by_key(|s| status_rank(Some(*s)));
            let has_target = kpis.iter().any(|k| k.series.iter().any(|p| p.kind == PointKind::Target));
            let mut fields: Vec<&str> = vec![&i.id, &i.title];
            fields.extend(i.original_title.as_deref());
            for block in [&i.departments, &i.divisions, &i.content, &i.targets, &i.status, &i.challenges, &i.next_year] {
                fields.extend(block.iter().map(String::as_str));
            }
            Prepared {
                rating: report.subsection(&i.subsection).and_then(|s| s.rating),
                kpi_status,
                has_target,
                haystack: fields.into_iter().map(fold).collect(),
                sort_title: fold(&i.title),
            }
        })
        .collect()
}

/// Owns its report (shared), so the app can drop both together when another report is opened.
/// The per-initiative index (folded search texts, KPI judgements) is built on first use: the
/// start view (the overview) never needs it.
pub struct Explorer {
    report: Arc<Report>,
    prepared: OnceLock<Vec<Prepared>>,
    /// What changed since the previous edition, when there is one to compare with.
    changes: Option<Arc<ChangeSummary>>,
}

impl Explorer {
    pub fn new(report: impl Into<Arc<Report>>) -> Explorer {
        Explorer { report: report.into(), prepared: OnceLock::new(), changes: None }
    }

    /// An explorer that can also filter by what changed since the previous edition.
    pub fn comparing(report: impl Into<Arc<Report>>, changes: Arc<ChangeSummary>) -> Explorer {
        Explorer { changes: Some(changes), ..Explorer::new(report) }
    }

    fn changed(&self, kind: ChangeKind, i: usize) -> bool {
        self.changes.as_ref().is_some_and(|c| c.touches(kind, &self.report.initiatives[i]))
    }

    fn prepared(&self) -> &[Prepared] {
        self.prepared.get_or_init(|| prepare(&self.report))
    }

    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Another handle on the same report.
    pub fn shared_report(&self) -> Arc<Report> {
        Arc::clone(&self.report)
    }

    pub fn rating(&self, index: usize) -> Option<Rating> {
        self.prepared()[index].rating
    }

    pub fn kpi_status(&self, index: usize) -> Option<Status> {
        self.prepared()[index].kpi_status
    }

    /// The dimensions whose filter initiative `i` fails, as a bit set (bit = `Dimension as u32`).
    fn failures(&self, i: usize, f: &Filter, q: &Query) -> u32 {
        let ini = &self.report.initiatives[i];
        let p = &self.prepared()[i];
        let eq = |v: &Option<String>, have: &str| v.as_deref().is_none_or(|v| v == have);
        let checks = [
            // A subsection chosen by name shows what is printed there, repeats included: the
            // overview rates III-4-3 by rows that all repeat II-3-2.
            (Dimension::Relisted, f.include_relisted || !ini.is_repeat() || f.subsection.as_deref() == Some(ini.subsection.as_str())),
            (Dimension::Pillar, eq(&f.pillar, &ini.pillar)),
            (Dimension::Section, eq(&f.section, &ini.section)),
            (Dimension::Subsection, eq(&f.subsection, &ini.subsection)),
            (Dimension::Department, f.department.as_ref().is_none_or(|d| ini.departments.contains(d))),
            (Dimension::Division, f.division.as_ref().is_none_or(|d| ini.has_division(f.department.as_deref(), d))),
            (Dimension::Rating, f.rating.is_none_or(|r| p.rating == Some(r))),
            (Dimension::Zencho, !f.zencho || ini.zencho),
            (Dimension::Kpi, f.kpi.is_none_or(|k| kpi_matches(k, !ini.kpis.is_empty(), p.has_target))),
            (Dimension::Query, q.is_empty() || q.matches_folded(&p.haystack)),
            (Dimension::Change, f.change.is_none_or(|c| self.changed(c, i))),
        ];
        checks.iter().filter(|(_, ok)| !ok).fold(0, |bits, (d, _)| bits | bit(*d))
    }

    /// How many initiatives the list draws from under `filter` (「n件 / 全m件」): every row with
    /// repeats shown, each initiative once without.
    pub fn universe(&self, filter: &Filter) -> usize {
        self.report().initiatives.iter().filter(|i| filter.include_relisted || !i.is_repeat()).count()
    }

    /// The KPIs of the rows listed (`rows` are indices), each once, in the report's order: what
    /// 「KPIデータをCSVで保存」 saves. A repeat lists its original's KPIs, so they come once.
    pub fn kpis_of_rows(&self, rows: &[usize]) -> Vec<&crate::model::Kpi> {
        let report = self.report();
        let ids: std::collections::HashSet<&str> = rows.iter().flat_map(|&i| report.initiatives[i].kpis.iter().map(String::as_str)).collect();
        report.kpis.iter().filter(|k| ids.contains(k.id.as_str())).collect()
    }

    /// Indices of the initiatives that pass `filter`, in plan order.
    pub fn filter(&self, filter: &Filter) -> Vec<usize> {
        let q = Query::new(&filter.query);
        (0..self.prepared().len()).filter(|&i| self.failures(i, filter, &q) == 0).collect()
    }

    /// Sorts indices; ties keep plan order, so the result is stable.
    pub fn sort(&self, rows: &mut [usize], sort: Sort) {
        fn first(names: &[String]) -> &str {
            names.first().map_or("", String::as_str)
        }
        let ini = |i: usize| &self.report.initiatives[i];
        let p = self.prepared();
        rows.sort_by(|&a, &b| {
            let ord = match sort.key {
                SortKey::Id => a.cmp(&b),
                SortKey::Title => p[a].sort_title.cmp(&p[b].sort_title),
                SortKey::Department => first(&ini(a).departments).cmp(first(&ini(b).departments)),
                SortKey::Division => first(&ini(a).divisions).cmp(first(&ini(b).divisions)),
                SortKey::Rating => rating_rank(p[a].rating).cmp(&rating_rank(p[b].rating)),
                SortKey::Kpi => status_rank(p[a].kpi_status).cmp(&status_rank(p[b].kpi_status)),
            };
            let ord = if sort.descending { ord.reverse() } else { ord };
            ord.then(a.cmp(&b))
        });
    }

    /// The rows that pass `filter` and every facet with counts under the other filters (a facet
    /// ignores its own selection), from one evaluation of the filters: the search words are the
    /// costly part, and the list and the counts need the same answers.
    pub fn explore(&self, filter: &Filter) -> Explored {
        let q = Query::new(&filter.query);
        let failures: Vec<u32> = (0..self.prepared().len()).map(|i| self.failures(i, filter, &q)).collect();
        let rows = failures.iter().enumerate().filter(|&(_, &f)| f == 0).map(|(i, _)| i).collect();
        Explored { rows, facets: self.facets_of(filter, &failures) }
    }

    /// The facets, given which filters each initiative fails: an initiative counts towards a
    /// facet when it fails no other filter.
    fn facets_of(&self, filter: &Filter, failures: &[u32]) -> Vec<Facet> {
        let r = &*self.report;
        let counted = |dim: Dimension| failures.iter().enumerate().filter(move |&(_, &f)| f & !bit(dim) == 0).map(|(i, _)| i);
        let count = |dim: Dimension, pred: &dyn Fn(usize) -> bool| counted(dim).filter(|&i| pred(i)).count();
        let inis = &r.initiatives;
        let mut facets = Vec::new();
        let opt = |value: String, label: String, count: usize| FacetOption { value, label, count };
        let pillars = tally(counted(Dimension::Pillar), |i| [inis[i].pillar.as_str()]);
        facets.push(Facet {
            dimension: Dimension::Pillar,
            options: r.pillars.iter().map(|p| opt(p.id.clone(), p.label(), of(&pillars, &p.id))).collect(),
        });
        let sections = tally(counted(Dimension::Section), |i| [inis[i].section.as_str()]);
        facets.push(Facet {
            dimension: Dimension::Section,
            options: r
                .sections
                .iter()
                .filter(|s| filter.pillar.as_ref().is_none_or(|p| *p == s.pillar))
                .map(|s| opt(s.id.clone(), format!("{} {}", s.id, s.title), of(&sections, &s.id)))
                .collect(),
        });
        // Each option counts the rows choosing it would show, its repeats included (see `failures`).
        let own_rows = failures.iter().enumerate().filter(|&(_, &f)| f & !(bit(Dimension::Subsection) | bit(Dimension::Relisted)) == 0).map(|(i, _)| i);
        let subsections = tally(own_rows, |i| [inis[i].subsection.as_str()]);
        facets.push(Facet {
            dimension: Dimension::Subsection,
            options: r
                .subsections
                .iter()
                .filter(|s| filter.section.as_ref().is_none_or(|x| *x == s.section) && filter.pillar.as_ref().is_none_or(|p| *p == s.pillar))
                .map(|s| opt(s.id.clone(), format!("{} {}", s.id, s.title), of(&subsections, &s.id)))
                .collect(),
        });
        let departments = tally(counted(Dimension::Department), |i| inis[i].departments.iter().map(String::as_str));
        facets.push(Facet {
            dimension: Dimension::Department,
            options: distinct(inis.iter().flat_map(|i| i.departments.iter()))
                .into_iter()
                .map(|d| {
                    let n = of(&departments, &d);
                    opt(d.clone(), d, n)
                })
                .collect(),
        });
        // Under a department: only its own divisions, and one 所属不明 option for divisions whose
        // department is not known.
        let department = filter.department.as_deref();
        let mut divisions: Vec<String> = match department {
            Some(dep) => distinct(inis.iter().flat_map(|i| i.divisions_of(dep).iter())),
            None => distinct(inis.iter().flat_map(|i| i.divisions.iter())),
        };
        if inis.iter().any(|i| department.is_none_or(|d| i.departments.iter().any(|x| x == d)) && !i.unpaired_divisions().is_empty()) {
            divisions.push(UNPAIRED_DIVISIONS.to_string());
        }
        let division_counts = tally(counted(Dimension::Division), |i| inis[i].division_options(department));
        facets.push(Facet {
            dimension: Dimension::Division,
            options: divisions
                .into_iter()
                .map(|d| {
                    let n = of(&division_counts, &d);
                    opt(d.clone(), d, n)
                })
                .collect(),
        });
        facets.push(Facet {
            dimension: Dimension::Rating,
            options: [Rating::OnTrack, Rating::Delayed]
                .into_iter()
                .map(|rt| opt(rt.key().into(), rt.display_ja(), count(Dimension::Rating, &|i| self.prepared()[i].rating == Some(rt))))
                .collect(),
        });
        facets.push(Facet { dimension: Dimension::Zencho, options: vec![opt("true".into(), "全庁的な取組（○）".into(), count(Dimension::Zencho, &|i| inis[i].zencho))] });
        facets.push(Facet {
            dimension: Dimension::Kpi,
            options: KpiFilter::ALL
                .into_iter()
                .map(|k| opt(k.key().into(), k.label_ja().into(), count(Dimension::Kpi, &|i| kpi_matches(k, !inis[i].kpis.is_empty(), self.prepared()[i].has_target))))
                .collect(),
        });
        facets.push(Facet { dimension: Dimension::Relisted, options: vec![opt("true".into(), "再掲を含める".into(), count(Dimension::Relisted, &|i| inis[i].is_repeat()))] });
        if self.changes.is_some() {
            facets.push(Facet {
                dimension: Dimension::Change,
                options: ChangeKind::ALL.into_iter().map(|c| opt(c.key().into(), c.label_ja().into(), count(Dimension::Change, &|i| self.changed(c, i)))).collect(),
            });
        }
        facets
    }
}

fn kpi_matches(k: KpiFilter, has_kpi: bool, has_target: bool) -> bool {
    match k {
        KpiFilter::Any => has_kpi,
        KpiFilter::Target => has_target,
        KpiFilter::None => !has_kpi,
    }
}

/// The names in first-seen order, each once.
fn distinct<'a>(names: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut seen: HashSet<&str> = HashSet::new();
    names.filter(|n| seen.insert(n.as_str())).cloned().collect()
}

/// How many of `rows` have each value, counting a row once per value however often it names it.
/// One pass over the rows: counting option by option cost rows × options, which at a hundred
/// times the report's size was most of a filter change.
fn tally<'a, V: IntoIterator<Item = &'a str>>(rows: impl Iterator<Item = usize>, values: impl Fn(usize) -> V) -> HashMap<&'a str, usize> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut named: Vec<&str> = Vec::new();
    for i in rows {
        named.clear();
        for v in values(i) {
            if !named.contains(&v) {
                named.push(v);
                *counts.entry(v).or_default() += 1;
            }
        }
    }
    counts
}

fn of(counts: &HashMap<&str, usize>, value: &str) -> usize {
    counts.get(value).copied().unwrap_or(0)
}

/// Delayed first when ascending: the rows that need attention.
fn rating_rank(r: Option<Rating>) -> u8 {
    match r {
        Some(Rating::Delayed) => 0,
        Some(Rating::OnTrack) => 1,
        None => 2,
    }
}

/// [`Status::severity`]; rows without KPIs last.
fn status_rank(s: Option<Status>) -> u8 {
    s.map_or(u8::MAX, Status::severity)
}

/// Rows per page of the explorer's list.
pub const PAGE_SIZE: usize = 50;

/// One page of a list of `total` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// From 0; a page asked for beyond the end is the last one.
    pub page: usize,
    pub pages: usize,
    pub total: usize,
}

impl Paging {
    pub fn new(total: usize, asked: usize) -> Paging {
        let pages = total.div_ceil(PAGE_SIZE);
        Paging { page: asked.min(pages.saturating_sub(1)), pages, total }
    }

    /// The positions of its rows in the list.
    pub fn range(&self) -> std::ops::Range<usize> {
        let start = (self.page * PAGE_SIZE).min(self.total);
        start..(start + PAGE_SIZE).min(self.total)
    }

    pub fn is_last(&self) -> bool {
        self.page + 1 >= self.pages
    }

    /// 「51〜100件目（全103件）」.
    pub fn label_ja(&self) -> String {
        let r = self.range();
        format!("{}〜{}件目（全{}件）", r.start + 1, r.end, self.total)
    }

    /// 「前の50件」 and 「次の50件」.
    pub fn buttons_ja() -> (String, String) {
        (format!("前の{PAGE_SIZE}件"), format!("次の{PAGE_SIZE}件"))
    }
}

/// The row `offset` places from `row` in the list `rows` (the detail's 前へ／次へ), if any.
pub fn neighbour(rows: &[usize], row: usize, offset: isize) -> Option<usize> {
    let at = rows.iter().position(|&i| i == row)?;
    rows.get(at.checked_add_signed(offset)?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Report;

    use crate::query::committed_report as report;

    fn ids(e: &Explorer, rows: &[usize]) -> Vec<String> {
        rows.iter().map(|&i| e.report().initiatives[i].id.clone()).collect()
    }

    /// What a filter should give, computed the plain way from the model.
    fn by_hand(r: &Report, pred: impl Fn(&crate::model::Initiative) -> bool) -> Vec<String> {
        r.initiatives.iter().filter(|i| pred(i)).map(|i| i.id.clone()).collect()
    }

    #[test]
    fn department_and_rating() {
        let r = report();
        let e = Explorer::new(r.clone());
        let f = Filter { division: Some("人事課".into()), rating: Some(Rating::Delayed), ..Filter::default() };
        let got = ids(&e, &e.filter(&f));
        let want = by_hand(&r, |i| !i.is_repeat() && i.divisions.contains(&"人事課".to_string()) && r.subsection(&i.subsection).unwrap().rating == Some(Rating::Delayed));
        assert_eq!(got, want);
        assert!(got.contains(&"II-3-2-4".to_string()), "長時間労働の是正 is 人事課's and delayed");
        assert!(!got.contains(&"III-4-3-4".to_string()), "its unmarked repeat counts once, under II-3-2-4");
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn division_facet_under_a_department_lists_its_own_divisions() {
        let r = report();
        let e = Explorer::new(r.clone());
        let f = Filter { department: Some("総務部".into()), ..Filter::default() };
        let facets = e.explore(&f).facets;
        let divisions: Vec<&str> = facets.iter().find(|f| f.dimension == Dimension::Division).unwrap().options.iter().map(|o| o.value.as_str()).collect();
        assert!(divisions.contains(&"財政課"));
        assert!(!divisions.contains(&"教育政策課"), "教育政策課 is 教育庁's: {divisions:?}");
        assert!(!divisions.contains(&UNPAIRED_DIVISIONS));
        // 総務部 + 教育政策課 finds nothing: the row II-2-3-1 names both, but not as a pair.
        assert!(e.filter(&Filter { division: Some("教育政策課".into()), ..f.clone() }).is_empty());
        let edu = Filter { department: Some("教育庁".into()), division: Some("教育政策課".into()), ..Filter::default() };
        assert!(ids(&e, &e.filter(&edu)).contains(&"II-2-3-1".to_string()));
    }

    #[test]
    fn a_subsection_option_counts_the_rows_it_shows_repeats_included() {
        let r = report();
        let e = Explorer::new(r.clone());
        for filter in [Filter::default(), Filter { rating: Some(Rating::Delayed), ..Filter::default() }] {
            let facet = e.explore(&filter).facets.into_iter().find(|f| f.dimension == Dimension::Subsection).unwrap();
            for o in &facet.options {
                let shown = e.filter(&Filter { subsection: Some(o.value.clone()), ..filter.clone() });
                assert_eq!(o.count, shown.len(), "{}", o.value);
            }
        }
        // III-4-3, rated △ on the overview, prints only rows that repeat II-3-2: they are its rows.
        let shown = e.filter(&Filter { subsection: Some("III-4-3".into()), ..Filter::default() });
        assert_eq!(shown.len(), r.initiatives.iter().filter(|i| i.subsection == "III-4-3").count());
        assert!(!shown.is_empty());
    }

    #[test]
    fn every_condition_is_a_chip_and_removing_one_clears_what_depends_on_it() {
        let r = report();
        let f = Filter {
            query: " ICT ".into(),
            pillar: Some("I".into()),
            section: Some("I-3".into()),
            department: Some("総務部".into()),
            division: Some("財政課".into()),
            rating: Some(Rating::Delayed),
            zencho: true,
            ..Filter::default()
        };
        let chips = f.chips(&r);
        let labels: Vec<&str> = chips.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["キーワード：ICT", "柱：Ⅰ", "項目：I-3 財政の健全性の維持", "部局等：総務部", "担当課：財政課", "進捗状況：△ 遅れ・課題あり", "全庁的な取組だけ"]);
        assert!(Filter::default().chips(&r).is_empty());
        // Removing every chip, one by one, gives back the default filter.
        let mut g = f.clone();
        for c in &chips {
            g = g.without(c.dimension);
        }
        assert!(g.is_default(), "{g:?}");
        assert_eq!(f.without(Dimension::Pillar).section, None, "a section belongs to its pillar");
        assert_eq!(f.without(Dimension::Department).division, None);
        assert_eq!(f.without(Dimension::Division).department.as_deref(), Some("総務部"));
    }

    #[test]
    fn relisted_copies_only_on_request() {
        let r = report();
        let e = Explorer::new(r.clone());
        assert_eq!(e.filter(&Filter::default()).len(), 103);
        assert_eq!(e.filter(&Filter { include_relisted: true, ..Filter::default() }).len(), 117);
    }

    #[test]
    fn full_and_half_width_queries_agree() {
        let r = report();
        let e = Explorer::new(r.clone());
        let a = e.filter(&Filter { query: "ＩＣＴ".into(), ..Filter::default() });
        let b = e.filter(&Filter { query: "ict".into(), ..Filter::default() });
        assert_eq!(a, b);
        assert!(a.len() >= 5, "{}", a.len());
        assert!(e.filter(&Filter { query: "存在しない語句ｘｙｚ".into(), ..Filter::default() }).is_empty());
    }

    /// `f` with `dim` set to the option `value`, as choosing that option would (other filters kept).
    fn choose(f: &Filter, dim: Dimension, value: &str) -> Filter {
        match dim {
            Dimension::Zencho => Filter { zencho: true, ..f.clone() },
            _ => f.with(dim, Some(value.to_string())),
        }
    }

    /// Every option's count is the length of the list that choosing it gives, under many
    /// combinations of the other filters.
    fn assert_counts_are_what_choosing_lists(r: &Report) -> usize {
        let e = Explorer::new(r.clone());
        let mut filters = vec![Filter::default(), Filter { include_relisted: true, ..Filter::default() }, Filter { query: "ict".into(), ..Filter::default() }];
        filters.extend(r.pillars.iter().map(|p| Filter { pillar: Some(p.id.clone()), ..Filter::default() }));
        filters.extend(r.sections.iter().step_by(3).map(|s| Filter { section: Some(s.id.clone()), rating: Some(Rating::Delayed), ..Filter::default() }));
        for d in distinct(r.initiatives.iter().flat_map(|i| i.departments.iter())) {
            let first_division = r.initiatives.iter().find_map(|i| i.divisions_of(&d).first().cloned());
            filters.push(Filter { department: Some(d.clone()), kpi: Some(KpiFilter::Any), ..Filter::default() });
            filters.push(Filter { department: Some(d), division: first_division, ..Filter::default() });
        }
        filters.push(Filter { division: Some(UNPAIRED_DIVISIONS.into()), zencho: true, ..Filter::default() });
        let mut checked = 0;
        for f in &filters {
            let explored = e.explore(f);
            assert_eq!(explored.rows, e.filter(f), "the list under {f:?}");
            for facet in explored.facets {
                // A department count with a division chosen counts that division under the
                // department chosen now, not under the option's; the select resets the division.
                if matches!(facet.dimension, Dimension::Relisted | Dimension::Query) || (facet.dimension == Dimension::Department && f.division.is_some()) {
                    continue;
                }
                for o in &facet.options {
                    let listed = e.filter(&choose(f, facet.dimension, &o.value)).len();
                    assert_eq!(o.count, listed, "{:?} option {} under {f:?}", facet.dimension, o.value);
                    checked += 1;
                }
            }
        }
        checked
    }

    #[test]
    fn every_option_counts_what_choosing_it_lists() {
        let checked = assert_counts_are_what_choosing_lists(&report());
        assert!(checked > 1_500, "{checked} options checked");
    }

    /// The report has neither divisions without a department nor a name printed twice in one
    /// row; a copy with both checks the counting of those rows.
    #[test]
    fn unpaired_and_repeated_names_count_once_per_row() {
        let mut r = report();
        for (n, ini) in r.initiatives.iter_mut().enumerate().filter(|(n, _)| n % 7 == 0) {
            ini.organisations.push(crate::model::Organisation { department: None, divisions: vec!["所属の書かれていない課".into()] });
            ini.divisions.push("所属の書かれていない課".into());
            if n % 2 == 0 {
                let (department, division) = (ini.departments[0].clone(), ini.divisions[0].clone());
                ini.departments.push(department);
                ini.divisions.push(division);
            }
        }
        let e = Explorer::new(r.clone());
        let explored = e.explore(&Filter::default());
        let divisions = explored.options(Dimension::Division);
        assert!(divisions.iter().any(|o| o.value == UNPAIRED_DIVISIONS && o.count > 5), "{divisions:?}");
        assert_counts_are_what_choosing_lists(&r);
    }

    #[test]
    fn facet_counts_ignore_their_own_selection() {
        let r = report();
        let e = Explorer::new(r.clone());
        let f = Filter { pillar: Some("II".into()), ..Filter::default() };
        let facets = e.explore(&f).facets;
        let pillar = &facets[0];
        let total: usize = pillar.options.iter().map(|o| o.count).sum();
        assert_eq!(total, e.filter(&Filter::default()).len());
        let rating = facets.iter().find(|f| f.dimension == Dimension::Rating).unwrap();
        let in_ii = e.filter(&f).len();
        assert_eq!(rating.options.iter().map(|o| o.count).sum::<usize>(), in_ii);
        let delayed = rating.options.iter().find(|o| o.value == "delayed").unwrap().count;
        assert_eq!(delayed, e.filter(&Filter { rating: Some(Rating::Delayed), ..f.clone() }).len());
        // Sections offered are those of the chosen pillar.
        let sections = facets.iter().find(|f| f.dimension == Dimension::Section).unwrap();
        assert!(sections.options.iter().all(|o| o.value.starts_with("II-")));
    }

    #[test]
    fn a_select_shows_what_is_chosen_and_choosing_clears_what_depends_on_it() {
        let f = Filter { pillar: Some("II".into()), section: Some("II-3".into()), subsection: Some("II-3-2".into()), department: Some("総務部".into()), division: Some("人事課".into()), ..Filter::default() };
        let other_pillar = f.choose(Dimension::Pillar, Some("I".into()));
        assert_eq!((other_pillar.pillar.as_deref(), other_pillar.section, other_pillar.subsection), (Some("I"), None, None));
        assert_eq!(other_pillar.division.as_deref(), Some("人事課"), "the departments' side is left alone");
        assert_eq!(f.choose(Dimension::Department, None).division, None);
        for (d, value) in [(Dimension::Rating, "delayed"), (Dimension::Kpi, "target"), (Dimension::Subsection, "II-3-1")] {
            assert_eq!(f.choose(d, Some(value.into())).chosen(d).as_deref(), Some(value), "{d:?}");
        }
        assert_eq!(f.choose(Dimension::Rating, Some("great".into())).rating, None, "an unknown key chooses nothing");
    }

    #[test]
    fn the_universe_and_the_kpis_saved_follow_the_list() {
        let r = report();
        let e = Explorer::new(r.clone());
        assert_eq!(e.universe(&Filter::default()), 103);
        assert_eq!(e.universe(&Filter { include_relisted: true, ..Filter::default() }), r.initiatives.len());
        // Ⅱ-3-(2) and its unmarked repeats in Ⅲ-4-(3): the KPIs of both come once.
        let rows = e.filter(&Filter { query: "時間外勤務".into(), include_relisted: true, ..Filter::default() });
        let kpis = e.kpis_of_rows(&rows);
        let mut ids: Vec<&str> = kpis.iter().map(|k| k.id.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), kpis.len(), "each KPI once");
        assert!(kpis.iter().any(|k| k.initiative == "II-3-2-4"), "{ids:?}");
        assert!(rows.len() > kpis.iter().map(|k| &k.initiative).collect::<std::collections::HashSet<_>>().len(), "a repeat adds rows, not KPIs");
    }

    #[test]
    fn a_header_click_turns_its_column_or_starts_another_ascending() {
        let by_title = Sort::default().clicked(SortKey::Title);
        assert_eq!(by_title, Sort { key: SortKey::Title, descending: false });
        assert_eq!(by_title.clicked(SortKey::Title), Sort { key: SortKey::Title, descending: true });
        assert_eq!(by_title.clicked(SortKey::Title).clicked(SortKey::Kpi), Sort { key: SortKey::Kpi, descending: false });
        assert_eq!([SortKey::Title, SortKey::Id].map(|k| by_title.clicked(SortKey::Title).aria_sort(k)), ["descending", "none"]);
    }

    #[test]
    fn sorting_is_stable_and_reversible() {
        let r = report();
        let e = Explorer::new(r.clone());
        let mut rows = e.filter(&Filter::default());
        e.sort(&mut rows, Sort { key: SortKey::Rating, descending: false });
        assert_eq!(e.rating(rows[0]), Some(Rating::Delayed));
        let mut desc = rows.clone();
        e.sort(&mut desc, Sort { key: SortKey::Rating, descending: true });
        assert_eq!(e.rating(desc[0]), Some(Rating::OnTrack));
        e.sort(&mut rows, Sort { key: SortKey::Kpi, descending: false });
        let first = e.kpi_status(rows[0]).expect("the report has judged KPIs");
        let worst = rows.iter().filter_map(|&i| e.kpi_status(i)).map(Status::severity).min();
        assert_eq!(Some(first.severity()), worst, "the most serious judgement first: {first:?}");
    }

    #[test]
    fn every_row_is_on_exactly_one_page_and_a_page_past_the_end_is_the_last() {
        let r = report();
        let e = Explorer::new(r.clone());
        let rows = e.filter(&Filter::default());
        let first = Paging::new(rows.len(), 0);
        assert_eq!(first.pages, rows.len().div_ceil(PAGE_SIZE));
        let seen: Vec<usize> = (0..first.pages).flat_map(|p| Paging::new(rows.len(), p).range()).collect();
        assert_eq!(seen, (0..rows.len()).collect::<Vec<_>>());
        let beyond = Paging::new(rows.len(), 99);
        assert_eq!(beyond.page, first.pages - 1);
        assert!(beyond.is_last() && !first.is_last());
        // 103 initiatives: the last page holds the 101st to the 103rd.
        assert_eq!(beyond.label_ja(), format!("{}〜{}件目（全{}件）", (first.pages - 1) * PAGE_SIZE + 1, rows.len(), rows.len()));
        assert_eq!(Paging::new(0, 0).range(), 0..0);
        assert_eq!(Paging::buttons_ja().1, "次の50件");
    }

    #[test]
    fn neighbours_are_found_in_the_list_as_sorted() {
        let rows = [7, 3, 9];
        assert_eq!(neighbour(&rows, 3, -1), Some(7));
        assert_eq!(neighbour(&rows, 3, 1), Some(9));
        assert_eq!(neighbour(&rows, 7, -1), None);
        assert_eq!(neighbour(&rows, 9, 1), None);
        assert_eq!(neighbour(&rows, 5, 1), None, "a row not in the list has no neighbours");
    }
}
