//! The progress heatmap: departments (or divisions) × pillars (or sections, subsections).
//! Each cell counts the initiatives there and how many sit in △ (delayed) subsections.
//!
//! An initiative with several departments counts in each of their rows, so a column total
//! (distinct initiatives) can be below the sum of its cells; a row total always equals the sum
//! of its row. A department's drill-down lists only the divisions paired with it
//! (`organisations`); divisions whose department is not known sit in a 所属不明 row.
//! Repeats (【再掲】 copies and unmarked `same_as` rows) count only on request.

use super::editions::ChangeSummary;
use super::achievement::{overall, VerdictGroup};
use crate::model::{Initiative, Rating, Report, UNPAIRED_DIVISIONS};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rows {
    Departments,
    /// The divisions of one department.
    Divisions { department: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Columns {
    Pillars,
    /// The sections of one pillar.
    Sections { pillar: String },
    /// The subsections of one section.
    Subsections { section: String },
}

keyed! {
    /// What a cell's colour shows. Never its size: a big department is not a late one.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Measure {
        /// The share of the cell's initiatives in △ subsections.
        #[default]
        Delayed => "delayed", "△ 遅れ・課題ありの割合";
        /// The share of the cell's judged KPIs that missed their target or fall short of it.
        Kpi => "kpi", "KPI の未達成・遅れの割合";
        /// The share of the cell's initiatives, of those printed last year too, that got worse
        /// since (only with a previous edition to compare with).
        Worse => "worse", "前年度から悪化した割合";
    }
}

impl Measure {
    /// The table's caption: what its cells count.
    pub fn caption_ja(self) -> &'static str {
        match self {
            Measure::Delayed => "△（遅れ・課題あり）の小項目に属する取組の割合と件数",
            Measure::Kpi => "KPI のうち未達成・遅れの割合と指標数",
            Measure::Worse => "前年度から悪化した取組の割合と件数",
        }
    }

    /// What the colour and the big number say, under the heatmap's heading.
    pub fn explanation_ja(self) -> &'static str {
        match self {
            Measure::Delayed => "色と大きな数字は、セルの取組のうち進捗状況が △（遅れ・課題あり）の小項目に属する取組の割合です（「△2 / 8件」は8件中2件）。",
            Measure::Kpi => "色と大きな数字は、セルの取組の KPI のうち、目標に届かなかったか、このままでは届かない見込みのものの割合です（「▲1 / 3指標」は判定できた3指標中1指標）。",
            Measure::Worse => "色と大きな数字は、前年度の報告書にもあった取組のうち、前年度から悪化したもの（小項目の進捗状況が ○ から △ になったか、KPI の最新の実績が目標から遠ざかったもの）の割合です（「悪化2 / 8件」は比べられた8件中2件）。",
        }
    }
}

keyed! {
    /// The order of the rows.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum RowOrder {
        /// As first met in the plan.
        #[default]
        Plan => "plan", "計画の順";
        /// Highest share (of the chosen measure) first; ties by size.
        Share => "share", "割合の高い順";
        /// Most initiatives first.
        Size => "size", "取組数の多い順";
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub rows: Rows,
    pub columns: Columns,
    /// Only all-agency (全庁) initiatives.
    pub zencho_only: bool,
    pub include_relisted: bool,
    pub measure: Measure,
    pub order: RowOrder,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            rows: Rows::Departments,
            columns: Columns::Pillars,
            zencho_only: false,
            include_relisted: false,
            measure: Measure::default(),
            order: RowOrder::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cell {
    pub initiatives: usize,
    pub delayed: usize,
    /// KPIs of the cell's initiatives with a judged target (met, missed, or a trajectory).
    pub kpis_judged: usize,
    /// Of those, missed (未達成) or falling short of a future target.
    pub kpis_behind: usize,
    /// Initiatives also printed in the previous edition (with one to compare with).
    pub compared: usize,
    /// Of those, worse since: their rating turned ○→△ or a KPI moved away from its target.
    pub worse: usize,
}

impl Cell {
    /// `worse`: `None` for a row the previous edition did not print (or without one).
    fn add(&mut self, delayed: bool, kpis: KpiTally, worse: Option<bool>) {
        self.initiatives += 1;
        self.delayed += usize::from(delayed);
        self.kpis_judged += kpis.judged;
        self.kpis_behind += kpis.behind;
        if let Some(w) = worse {
            self.compared += 1;
            self.worse += usize::from(w);
        }
    }

    /// The share of the cell's initiatives that sit in △ subsections (0–1); `None` when empty.
    pub fn delayed_share(&self) -> Option<f64> {
        (self.initiatives > 0).then(|| self.delayed as f64 / self.initiatives as f64)
    }

    /// The share of judged KPIs that are behind (0–1); `None` when none was judged.
    pub fn kpi_behind_share(&self) -> Option<f64> {
        (self.kpis_judged > 0).then(|| self.kpis_behind as f64 / self.kpis_judged as f64)
    }

    /// The share the colour shows under `measure`.
    pub fn share(&self, measure: Measure) -> Option<f64> {
        match measure {
            Measure::Delayed => self.delayed_share(),
            Measure::Kpi => self.kpi_behind_share(),
            Measure::Worse => (self.compared > 0).then(|| self.worse as f64 / self.compared as f64),
        }
    }

    /// The counts under a cell's percentage: 「△2 / 8件」, 「▲1 / 3指標（5件）」, 「悪化1 / 4件」.
    pub fn detail_ja(&self, measure: Measure) -> String {
        match measure {
            Measure::Delayed => format!("△{} / {}件", self.delayed, self.initiatives),
            Measure::Kpi if self.kpis_judged == 0 => format!("判定できるKPIなし / {}件", self.initiatives),
            Measure::Kpi => format!("▲{} / {}指標（{}件）", self.kpis_behind, self.kpis_judged, self.initiatives),
            Measure::Worse if self.compared == 0 => format!("前年度にない取組 / {}件", self.initiatives),
            Measure::Worse => format!("悪化{} / {}件", self.worse, self.compared),
        }
    }

    /// A row or column total as printed: `25%（△2 / 8件）`, `50%（▲1 / 2指標）`; 「取組なし」
    /// where the row counts no initiative (a zero share would read as a result).
    pub fn total_label(&self, measure: Measure) -> String {
        if self.initiatives == 0 {
            return "取組なし".to_string();
        }
        let share = self.share(measure).map_or_else(|| "—".to_string(), percent);
        match measure {
            Measure::Delayed => format!("{share}（△{} / {}件）", self.delayed, self.initiatives),
            Measure::Kpi => format!("{share}（▲{} / {}指標）", self.kpis_behind, self.kpis_judged),
            Measure::Worse => format!("{share}（悪化{} / {}件）", self.worse, self.compared),
        }
    }
}

/// A share (0–1) as a whole percentage: `25%`.
pub fn percent(share: f64) -> String {
    format!("{}%", shade(share).percent)
}

/// A share as a cell prints it and colours it: one rounding for both, so the band always holds
/// the printed percentage (25% is in 1〜25%, never in 26〜50%).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shade {
    /// The whole percentage printed. A share above zero prints at least 1%, so a cell with any
    /// initiative behind never reads 「0%（すべて順調）」.
    pub percent: u32,
    /// 0 (none behind), then 1〜25%, 26〜50%, 51〜75%, 76〜100%.
    pub band: usize,
}

/// The printed percentage and colour band of a share.
pub fn shade(share: f64) -> Shade {
    let rounded = (share.clamp(0.0, 1.0) * 100.0).round() as u32;
    let percent = if share > 0.0 { rounded.max(1) } else { 0 };
    Shade { percent, band: percent.div_ceil(25) as usize }
}

/// The explorer filter that lists exactly one cell's initiatives (`row` and `column` are the
/// headers' keys).
pub fn cell_filter(options: &Options, row: &str, column: &str) -> super::explore::Filter {
    let mut f = super::explore::Filter { zencho: options.zencho_only, include_relisted: options.include_relisted, ..Default::default() };
    match &options.rows {
        Rows::Departments => f.department = Some(row.to_string()),
        Rows::Divisions { department } => {
            f.department = Some(department.clone());
            f.division = Some(row.to_string());
        }
    }
    match &options.columns {
        Columns::Pillars => f.pillar = Some(column.to_string()),
        Columns::Sections { .. } => f.section = Some(column.to_string()),
        Columns::Subsections { .. } => f.subsection = Some(column.to_string()),
    }
    f
}

/// An initiative's KPIs by judgement.
#[derive(Debug, Clone, Copy, Default)]
struct KpiTally {
    judged: usize,
    behind: usize,
}

fn kpi_tally(report: &Report, i: &Initiative) -> KpiTally {
    let mut t = KpiTally::default();
    for k in i.kpis.iter().filter_map(|k| report.kpi(k)) {
        let group = overall(report, k).group();
        t.judged += usize::from(matches!(group, VerdictGroup::Reached | VerdictGroup::Behind));
        t.behind += usize::from(group == VerdictGroup::Behind);
    }
    t
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The filter value: a department or division name, a pillar/section/subsection id.
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heatmap {
    pub rows: Vec<Header>,
    pub columns: Vec<Header>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<Cell>>,
    pub row_totals: Vec<Cell>,
    pub column_totals: Vec<Cell>,
    pub total: Cell,
}

impl Heatmap {
    /// The cell that most needs a look under `measure` (row, column): the highest share, the
    /// larger cell between equal shares, the first in plan order between equal cells. `None`
    /// when no cell has a share. A phone scrolls it into view.
    pub fn worst(&self, measure: Measure) -> Option<(usize, usize)> {
        let mut best: Option<((usize, usize), f64, usize)> = None;
        for (r, row) in self.cells.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let Some(share) = cell.share(measure) else { continue };
                let better = best.is_none_or(|(_, s, n)| share > s || (share == s && cell.initiatives > n));
                if better {
                    best = Some(((r, c), share, cell.initiatives));
                }
            }
        }
        best.map(|(at, _, _)| at)
    }
}

fn row_keys<'a>(rows: &Rows, i: &'a Initiative) -> Vec<&'a str> {
    match rows {
        Rows::Departments => i.departments.iter().map(String::as_str).collect(),
        Rows::Divisions { department } if i.departments.contains(department) => {
            let mut keys: Vec<&str> = i.divisions_of(department).iter().map(String::as_str).collect();
            if !i.unpaired_divisions().is_empty() {
                keys.push(UNPAIRED_DIVISIONS);
            }
            keys
        }
        Rows::Divisions { .. } => Vec::new(),
    }
}

fn column_key<'a>(columns: &Columns, i: &'a Initiative) -> Option<&'a String> {
    match columns {
        Columns::Pillars => Some(&i.pillar),
        Columns::Sections { pillar } => (i.pillar == *pillar).then_some(&i.section),
        Columns::Subsections { section } => (i.section == *section).then_some(&i.subsection),
    }
}

/// The initiatives counted by the heatmap under `options`, in plan order.
pub fn included<'r>(report: &'r Report, options: &Options) -> impl Iterator<Item = &'r Initiative> + 'r {
    let zencho_only = options.zencho_only;
    // Subsection by subsection, a row counts where it is printed, repeats included: a
    // subsection of repeats only (Ⅲ-4-(3)) is rated like any other, and the explorer lists a
    // subsection's repeats under it too. Above that level each initiative counts once.
    let relisted = options.include_relisted || matches!(options.columns, Columns::Subsections { .. });
    report.initiatives.iter().filter(move |i| (!zencho_only || i.zencho) && (relisted || !i.is_repeat()))
}

pub fn heatmap(report: &Report, options: &Options) -> Heatmap {
    heatmap_comparing(report, options, None)
}

/// The heatmap, with what changed since the previous edition for [`Measure::Worse`].
pub fn heatmap_comparing(report: &Report, options: &Options, changes: Option<&ChangeSummary>) -> Heatmap {
    let columns: Vec<Header> = match &options.columns {
        Columns::Pillars => report.pillars.iter().map(|p| Header { key: p.id.clone(), label: p.label() }).collect(),
        Columns::Sections { pillar } => report
            .sections
            .iter()
            .filter(|s| s.pillar == *pillar)
            .map(|s| Header { key: s.id.clone(), label: format!("{} {}", s.number, s.title) })
            .collect(),
        Columns::Subsections { section } => report
            .subsections
            .iter()
            .filter(|s| s.section == *section)
            .map(|s| Header { key: s.id.clone(), label: format!("({}) {}", s.number, s.title) })
            .collect(),
    };
    let mut rows: Vec<Header> = Vec::new();
    for i in included(report, options) {
        for k in row_keys(&options.rows, i) {
            if !rows.iter().any(|r| r.key == k) {
                rows.push(Header { key: k.to_string(), label: k.to_string() });
            }
        }
    }
    // The unknown pairing is shown, last.
    if let Some(at) = rows.iter().position(|r| r.key == UNPAIRED_DIVISIONS) {
        let unpaired = rows.remove(at);
        rows.push(unpaired);
    }
    let mut cells = vec![vec![Cell::default(); columns.len()]; rows.len()];
    let mut row_totals = vec![Cell::default(); rows.len()];
    let mut column_totals = vec![Cell::default(); columns.len()];
    let mut total = Cell::default();
    for i in included(report, options) {
        let Some(ck) = column_key(&options.columns, i) else { continue };
        let Some(c) = columns.iter().position(|h| h.key == *ck) else { continue };
        let delayed = report.subsection(&i.subsection).is_some_and(|s| s.rating == Some(Rating::Delayed));
        let keys = row_keys(&options.rows, i);
        if keys.is_empty() {
            continue;
        }
        let kpis = kpi_tally(report, i);
        let worse = changes.and_then(|ch| ch.worse(i));
        for k in keys {
            let r = rows.iter().position(|h| h.key == k).expect("rows hold every key");
            cells[r][c].add(delayed, kpis, worse);
            row_totals[r].add(delayed, kpis, worse);
        }
        column_totals[c].add(delayed, kpis, worse);
        total.add(delayed, kpis, worse);
    }
    let mut map = Heatmap { rows, columns, cells, row_totals, column_totals, total };
    map.order_rows(options.order, options.measure);
    map
}

impl Heatmap {
    /// Reorders the rows (a stable sort: ties keep plan order); the 所属不明 row stays last.
    fn order_rows(&mut self, order: RowOrder, measure: Measure) {
        let mut index: Vec<usize> = (0..self.rows.len()).collect();
        let last = |i: usize| self.rows[i].key == UNPAIRED_DIVISIONS;
        let size = |i: usize| self.row_totals[i].initiatives;
        let share = |i: usize| self.row_totals[i].share(measure).unwrap_or(-1.0);
        match order {
            RowOrder::Plan => {}
            RowOrder::Size => index.sort_by_key(|&i| (last(i), std::cmp::Reverse(size(i)))),
            RowOrder::Share => index.sort_by(|&a, &b| {
                (last(a), share(b), size(b)).partial_cmp(&(last(b), share(a), size(a))).unwrap_or(std::cmp::Ordering::Equal)
            }),
        }
        self.rows = index.iter().map(|&i| self.rows[i].clone()).collect();
        self.cells = index.iter().map(|&i| self.cells[i].clone()).collect();
        self.row_totals = index.iter().map(|&i| self.row_totals[i]).collect();
    }
}

/// The initiatives behind one cell, for the link to the explorer.
pub fn cell_initiatives<'r>(report: &'r Report, options: &Options, row: &str, column: &str) -> Vec<&'r Initiative> {
    included(report, options)
        .filter(|i| row_keys(&options.rows, i).contains(&row) && column_key(&options.columns, i).is_some_and(|c| c == column))
        .collect()
}

#[cfg(test)]
mod total_label_tests {
    use super::*;

    #[test]
    fn the_worst_cell_has_the_highest_share_and_the_most_initiatives_among_equals() {
        let cell = |initiatives, delayed| Cell { initiatives, delayed, ..Cell::default() };
        let h = Heatmap {
            rows: Vec::new(),
            columns: Vec::new(),
            cells: vec![vec![cell(4, 1), cell(0, 0)], vec![cell(2, 1), cell(8, 4)]],
            row_totals: Vec::new(),
            column_totals: Vec::new(),
            total: Cell::default(),
        };
        assert_eq!(h.worst(Measure::Delayed), Some((1, 1)), "4 of 8 beats 1 of 2 at the same 50%");
        assert_eq!(h.worst(Measure::Kpi), None, "no KPI judged anywhere");
    }

    #[test]
    fn the_band_holds_the_printed_percentage() {
        assert_eq!(shade(0.0), Shade { percent: 0, band: 0 });
        assert_eq!(shade(0.001), Shade { percent: 1, band: 1 }, "any share behind is no 0%");
        assert_eq!(shade(0.2501), Shade { percent: 25, band: 1 }, "prints 25%, so it is in 1〜25%");
        assert_eq!(shade(0.255), Shade { percent: 26, band: 2 });
        assert_eq!(shade(0.75), Shade { percent: 75, band: 3 });
        assert_eq!(shade(1.0), Shade { percent: 100, band: 4 });
        for i in 0..=1000 {
            let s = shade(f64::from(i) / 1000.0);
            let (low, high) = [(0, 0), (1, 25), (26, 50), (51, 75), (76, 100)][s.band];
            assert!((low..=high).contains(&s.percent), "{i}: {s:?}");
        }
    }

    #[test]
    fn a_total_says_its_counts_and_an_empty_row_says_so() {
        let c = Cell { initiatives: 8, delayed: 2, kpis_judged: 2, kpis_behind: 1, ..Cell::default() };
        assert_eq!(c.total_label(Measure::Delayed), "25%（△2 / 8件）");
        assert_eq!(c.total_label(Measure::Kpi), "50%（▲1 / 2指標）");
        assert_eq!(c.detail_ja(Measure::Delayed), "△2 / 8件");
        assert_eq!(c.detail_ja(Measure::Kpi), "▲1 / 2指標（8件）");
        assert_eq!(c.detail_ja(Measure::Worse), "前年度にない取組 / 8件", "nothing compared");
        let compared = Cell { compared: 4, worse: 1, ..c };
        assert_eq!(compared.detail_ja(Measure::Worse), "悪化1 / 4件");
        assert_eq!(compared.total_label(Measure::Worse), "25%（悪化1 / 4件）");
        let judged_none = Cell { initiatives: 3, ..Cell::default() };
        assert_eq!(judged_none.total_label(Measure::Kpi), "—（▲0 / 0指標）");
        assert_eq!(Cell::default().total_label(Measure::Delayed), "取組なし");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::query::committed_report as report;

    #[test]
    fn cells_equal_counts_from_the_model_and_rows_add_up() {
        let r = report();
        let o = Options::default();
        let h = heatmap(&r, &o);
        for (ri, row) in h.rows.iter().enumerate() {
            for (ci, col) in h.columns.iter().enumerate() {
                let by_hand = r.initiatives.iter().filter(|i| !i.is_repeat() && i.departments.contains(&row.key) && i.pillar == col.key).count();
                assert_eq!(h.cells[ri][ci].initiatives, by_hand, "{} × {}", row.key, col.key);
                assert_eq!(cell_initiatives(&r, &o, &row.key, &col.key).len(), by_hand);
            }
            assert_eq!(h.row_totals[ri].initiatives, h.cells[ri].iter().map(|c| c.initiatives).sum::<usize>());
            assert_eq!(h.row_totals[ri].delayed, h.cells[ri].iter().map(|c| c.delayed).sum::<usize>());
        }
        assert_eq!(h.total.initiatives, 103);
        assert_eq!(h.column_totals.iter().map(|c| c.initiatives).sum::<usize>(), h.total.initiatives);
        let soumu = h.rows.iter().position(|r| r.key == "総務部").unwrap();
        let ii = h.columns.iter().position(|c| c.key == "II").unwrap();
        let delayed_by_hand = r
            .initiatives
            .iter()
            .filter(|i| !i.is_repeat() && i.pillar == "II" && i.departments.contains(&"総務部".to_string()))
            .filter(|i| r.subsection(&i.subsection).unwrap().rating == Some(Rating::Delayed))
            .count();
        assert_eq!(h.cells[soumu][ii].delayed, delayed_by_hand);
        assert_eq!(delayed_by_hand, 8);
    }

    #[test]
    fn a_cells_link_lists_exactly_its_initiatives_for_every_cell() {
        let r = report();
        let explorer = crate::query::explore::Explorer::new(r.clone());
        let options = [
            Options::default(),
            Options { zencho_only: true, ..Options::default() },
            Options { include_relisted: true, ..Options::default() },
            Options { rows: Rows::Divisions { department: "総務部".into() }, columns: Columns::Sections { pillar: "II".into() }, ..Options::default() },
            Options { columns: Columns::Subsections { section: "II-3".into() }, ..Options::default() },
        ];
        let mut cells = 0;
        for o in &options {
            let h = heatmap(&r, o);
            for row in &h.rows {
                for col in &h.columns {
                    let mut listed: Vec<String> = explorer.filter(&cell_filter(o, &row.key, &col.key)).into_iter().map(|i| r.initiatives[i].id.clone()).collect();
                    let mut want: Vec<String> = cell_initiatives(&r, o, &row.key, &col.key).into_iter().map(|i| i.id.clone()).collect();
                    listed.sort();
                    want.sort();
                    assert_eq!(listed, want, "{o:?} {} × {}", row.key, col.key);
                    cells += 1;
                }
            }
        }
        assert!(cells > 100, "{cells}");
    }

    #[test]
    fn drill_down_to_divisions_and_subsections() {
        let r = report();
        let o = Options { rows: Rows::Divisions { department: "総務部".into() }, columns: Columns::Subsections { section: "II-3".into() }, ..Options::default() };
        let h = heatmap(&r, &o);
        assert_eq!(h.columns.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(), ["II-3-1", "II-3-2"]);
        let jinji = h.rows.iter().position(|r| r.key == "人事課").unwrap();
        let delayed = h.columns.iter().position(|c| c.key == "II-3-2").unwrap();
        assert_eq!((h.cells[jinji][delayed].initiatives, h.cells[jinji][delayed].delayed), (3, 3));
    }

    #[test]
    fn a_departments_drill_down_lists_only_its_own_divisions() {
        let r = report();
        let o = Options { rows: Rows::Divisions { department: "総務部".into() }, ..Options::default() };
        let h = heatmap(&r, &o);
        let keys: Vec<&str> = h.rows.iter().map(|r| r.key.as_str()).collect();
        for other in ["政策企画課", "デジタル戦略課", "教育政策課", "市町村課"] {
            assert!(!keys.contains(&other), "{other} is no division of 総務部: {keys:?}");
        }
        assert!(keys.contains(&"財政課") && keys.contains(&"新行政推進室"));
        assert!(!keys.contains(&UNPAIRED_DIVISIONS), "every pairing of the report is known");
    }

    #[test]
    fn divisions_of_unknown_department_sit_in_their_own_row_last() {
        let mut r = report();
        let row = r.initiatives.iter_mut().find(|i| i.id == "III-5-1-4").unwrap();
        // As if the reviewed table had no entry for 職員課.
        row.organisations[1].divisions.clear();
        row.organisations.push(crate::model::Organisation { department: None, divisions: vec!["職員課".into()] });
        let o = Options { rows: Rows::Divisions { department: "人事委員会事務局".into() }, ..Options::default() };
        let h = heatmap(&r, &o);
        assert_eq!(h.rows.last().map(|r| r.key.as_str()), Some(UNPAIRED_DIVISIONS));
        assert!(!h.rows.iter().any(|r| r.key == "職員課"), "never credited to a department it may not belong to");
        let iii = h.columns.iter().position(|c| c.key == "III").unwrap();
        assert_eq!(h.cells[h.rows.len() - 1][iii].initiatives, 1);
        assert_eq!(cell_initiatives(&r, &o, UNPAIRED_DIVISIONS, "III").iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["III-5-1-4"]);
    }

    #[test]
    fn repeats_count_once_and_the_delayed_share_is_offered() {
        let r = report();
        let h = heatmap(&r, &Options::default());
        let distinct = r.initiatives.iter().filter(|i| !i.is_repeat()).count();
        assert_eq!(h.total.initiatives, distinct);
        // The eight unmarked repeats of II-3-2 (△) in III-4-3 (△) no longer count under pillar III.
        let soumu = h.rows.iter().position(|r| r.key == "総務部").unwrap();
        let iii = h.columns.iter().position(|c| c.key == "III").unwrap();
        let c = h.cells[soumu][iii];
        assert_eq!(c.delayed, 0);
        assert_eq!(c.delayed_share(), Some(0.0));
        let ii = h.columns.iter().position(|c| c.key == "II").unwrap();
        let c = h.cells[soumu][ii];
        assert_eq!(c.delayed_share(), Some(c.delayed as f64 / c.initiatives as f64));
        assert_eq!(Cell::default().delayed_share(), None);
    }

    #[test]
    fn zencho_toggle_counts_only_all_agency_rows() {
        let r = report();
        let h = heatmap(&r, &Options { zencho_only: true, ..Options::default() });
        assert_eq!(h.total.initiatives, r.initiatives.iter().filter(|i| i.zencho && !i.is_repeat()).count());
    }

    #[test]
    fn kpi_measure_counts_judged_and_behind_kpis_of_each_cell() {
        let r = report();
        let h = heatmap(&r, &Options { measure: Measure::Kpi, ..Options::default() });
        // The report's judged KPIs, read in the report: one behind (女性管理職, 加速が必要), and
        // those met, at a later target's level or on track — the headline's figures, each KPI
        // counted once although several rows print the RPA robots.
        let headline = crate::query::verdicts::headlines(&r);
        assert_eq!((h.total.kpis_judged, h.total.kpis_behind), (headline.reached + headline.falling_short, 1));
        assert_eq!(h.total.share(Measure::Kpi), Some(1.0 / h.total.kpis_judged as f64));
    }

    #[test]
    fn rows_sort_by_share_or_size_and_keep_plan_order_on_ties() {
        let r = report();
        let plan = heatmap(&r, &Options::default());
        let by_share = heatmap(&r, &Options { order: RowOrder::Share, ..Options::default() });
        let shares: Vec<f64> = by_share.row_totals.iter().map(|c| c.delayed_share().unwrap_or(-1.0)).collect();
        assert!(shares.windows(2).all(|w| w[0] >= w[1]), "{shares:?}");
        assert!(shares[0] > 0.0);
        // The same rows, each with its own cells.
        for (k, row) in by_share.rows.iter().enumerate() {
            let p = plan.rows.iter().position(|x| x == row).unwrap();
            assert_eq!(by_share.cells[k], plan.cells[p], "{}", row.key);
        }
        let by_size = heatmap(&r, &Options { order: RowOrder::Size, ..Options::default() });
        let sizes: Vec<usize> = by_size.row_totals.iter().map(|c| c.initiatives).collect();
        assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
        assert_eq!(by_size.rows[0].key, "総務部");
    }
}
