//! View state in the URL hash (`#rd/explore?dept=総務部&rating=delayed&open=II-3-2-4`), so a
//! reload or a shared link restores the exact view. The `rd/` prefix keeps the host page's own
//! anchors working. Unknown or malformed values are dropped with a notice, never a panic.

use super::explore::{Filter, KpiFilter, Sort, SortKey};
use super::achievement::Status;
use super::editions::{ChangeKind, Pick};
use super::kpi_view::KpiOrder;
use super::heatmap::{Columns, Measure, Options as HeatOptions, RowOrder, Rows};
use crate::format::YearStyle;
use crate::model::{Rating, Report};

pub const PREFIX: &str = "#rd/";

keyed! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum View {
        #[default]
        Overview => "overview", "概要";
        Explore => "explore", "取組一覧";
        Heatmap => "heatmap", "進捗ヒートマップ";
        Kpi => "kpi", "数値目標（KPI）";
        Data => "data", "データ";
        Help => "help", "使い方";
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Route {
    pub view: View,
    pub filter: Filter,
    pub sort: Sort,
    /// The explorer's page of results, from 0 (`page=2` in the URL is the second page), so that
    /// going back from a detail returns to the page it was opened from. Beyond the last page the
    /// explorer shows the last one.
    pub page: usize,
    /// The initiative whose detail is open.
    pub open: Option<String>,
    pub heat: HeatOptions,
    pub years: YearStyle,
    /// KPI page: pillar shown, and the KPI whose data table is open.
    pub kpi_pillar: Option<String>,
    pub kpi_table: Option<String>,
    /// KPI page: only KPIs with this judgement (a status count clicked), and the order.
    pub kpi_status: Option<Status>,
    pub kpi_order: KpiOrder,
    /// The editions shown and compared (`ed=2024&vs=2023`), when the page holds several; checked
    /// against what the page holds by [`Shelf::follow`](super::editions::Shelf::follow).
    pub editions: Pick,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub route: Route,
    /// What was ignored, in Japanese, for a visible notice.
    pub notices: Vec<String>,
}

pub fn parse(hash: &str, report: &Report) -> Parsed {
    let mut route = Route::default();
    let mut notices = Vec::new();
    let Some(rest) = hash.strip_prefix(PREFIX) else {
        // Not ours (empty, or the host page's own anchor): the overview.
        return Parsed { route, notices };
    };
    let (view, query) = rest.split_once('?').unwrap_or((rest, ""));
    match View::ALL.into_iter().find(|v| v.key() == view) {
        Some(v) => route.view = v,
        None => notices.push(format!("不明な画面「{}」のため概要を表示しています", shorten(view))),
    }
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let Some(value) = decode(raw) else {
            notices.push(format!("読めない値（{}）を無視しました", shorten(key)));
            continue;
        };
        if !apply(&mut route, key, &value, report) {
            notices.push(format!("不明な条件「{}={}」を無視しました", shorten(key), shorten(&value)));
        }
    }
    Parsed { route, notices }
}

/// Sets one key; `false` when the key or value is unknown to this report.
fn apply(route: &mut Route, key: &str, value: &str, report: &Report) -> bool {
    let f = &mut route.filter;
    let known_department = || report.initiatives.iter().any(|i| i.departments.iter().any(|d| d == value));
    let known_division = || report.initiatives.iter().any(|i| i.divisions.iter().any(|d| d == value));
    match key {
        "p" if report.pillar(value).is_some() => f.pillar = Some(value.into()),
        "s" if report.section(value).is_some() => f.section = Some(value.into()),
        "ss" if report.subsection(value).is_some() => f.subsection = Some(value.into()),
        "dept" if known_department() => f.department = Some(value.into()),
        "div" if known_division() => f.division = Some(value.into()),
        "rating" => match Rating::from_key(value) {
            Some(r) => f.rating = Some(r),
            None => return false,
        },
        "zencho" if value == "1" => f.zencho = true,
        "kpi" => match KpiFilter::ALL.into_iter().find(|k| k.key() == value) {
            Some(k) => f.kpi = Some(k),
            None => return false,
        },
        "relisted" if value == "1" => f.include_relisted = true,
        "chg" => match ChangeKind::from_key(value) {
            Some(c) => f.change = Some(c),
            None => return false,
        },
        "q" => f.query = value.chars().take(200).collect(),
        "sort" => match SortKey::from_key(value) {
            Some(k) => route.sort.key = k,
            None => return false,
        },
        "desc" if value == "1" => route.sort.descending = true,
        "page" => match value.parse::<usize>() {
            Ok(n @ 1..=100_000) => route.page = n - 1,
            _ => return false,
        },
        "open" if report.initiative(value).is_some() => route.open = Some(value.into()),
        "hr" if report.initiatives.iter().any(|i| i.departments.iter().any(|d| d == value)) => {
            route.heat.rows = Rows::Divisions { department: value.into() }
        }
        "hc" if report.pillar(value).is_some() => route.heat.columns = Columns::Sections { pillar: value.into() },
        "hc" if report.section(value).is_some() => route.heat.columns = Columns::Subsections { section: value.into() },
        "hz" if value == "1" => route.heat.zencho_only = true,
        "hrel" if value == "1" => route.heat.include_relisted = true,
        "hm" if value == Measure::Kpi.key() => route.heat.measure = Measure::Kpi,
        // The default order is what no `hs` means, so `hs=plan` is as unknown as any other word.
        "hs" => match RowOrder::from_key(value).filter(|o| *o != RowOrder::default()) {
            Some(o) => route.heat.order = o,
            None => return false,
        },
        "years" if value == "ad" => route.years = YearStyle::Gregorian,
        "kp" if report.pillar(value).is_some() => route.kpi_pillar = Some(value.into()),
        "table" if report.kpi(value).is_some() => route.kpi_table = Some(value.into()),
        "ks" => match Status::ALL.into_iter().find(|s| s.key() == value) {
            Some(st) => route.kpi_status = Some(st),
            None => return false,
        },
        "ed" | "vs" => return apply_pick(&mut route.editions, key, value),
        "ko" => match KpiOrder::ALL.into_iter().find(|o| o.key() == value) {
            Some(o) => route.kpi_order = o,
            None => return false,
        },
        _ => return false,
    }
    true
}

/// Sets `ed` (the edition shown) or `vs` (the one compared, or `none`); `false` for a value
/// that is no fiscal year.
fn apply_pick(pick: &mut Pick, key: &str, value: &str) -> bool {
    match (key, value) {
        ("vs", "none") => pick.compared = Some(None),
        ("ed", _) => match fiscal_year(value) {
            Some(year) => pick.shown = Some(year),
            None => return false,
        },
        ("vs", _) => match fiscal_year(value) {
            Some(year) => pick.compared = Some(Some(year)),
            None => return false,
        },
        _ => return false,
    }
    true
}

/// The editions an address names, read before any report is (the app chooses the report to
/// show by them); everything else in it is left to [`parse`].
pub fn pick_of(hash: &str) -> Pick {
    let mut pick = Pick::default();
    let query = hash.strip_prefix(PREFIX).and_then(|rest| rest.split_once('?')).map_or("", |(_, q)| q);
    for (key, value) in query.split('&').filter_map(|pair| pair.split_once('=')) {
        if let Some(value) = decode(value) {
            apply_pick(&mut pick, key, &value);
        }
    }
    pick
}

/// A fiscal year as the address writes it: the western year it starts, four digits.
fn fiscal_year(value: &str) -> Option<i32> {
    (value.len() == 4).then(|| value.parse().ok()).flatten()
}

/// What the dashboard shows when the browser arrives at the history entry `address` (Back,
/// Forward, a changed hash): the view its `#rd/…` hash names; on the entry the page was opened
/// on (`opened_at`) without such a hash, the start view that entry showed, or the first Back
/// would change the address and leave the view; on any other entry (an anchor of the host page
/// followed later) nothing, so the view stays what it was.
pub fn entry_route(address: &str, opened_at: &str, report: &Report) -> Option<Parsed> {
    let hash = address.find('#').map_or("", |at| &address[at..]);
    if hash.starts_with(PREFIX) || address == opened_at {
        Some(parse(hash, report))
    } else {
        None
    }
}

/// `address` (a page's full URL) with its fragment replaced by `hash`: the same page, path and
/// query kept, showing another view.
pub fn with_hash(address: &str, hash: &str) -> String {
    let page = address.split_once('#').map_or(address, |(page, _)| page);
    format!("{page}{hash}")
}

/// The hash for a route; the inverse of [`parse`].
pub fn to_hash(route: &Route) -> String {
    let mut q: Vec<(&str, String)> = Vec::new();
    let f = &route.filter;
    let mut opt = |k: &'static str, v: &Option<String>| {
        if let Some(v) = v {
            q.push((k, v.clone()));
        }
    };
    opt("p", &f.pillar);
    opt("s", &f.section);
    opt("ss", &f.subsection);
    opt("dept", &f.department);
    opt("div", &f.division);
    if let Some(r) = f.rating {
        q.push(("rating", r.key().into()));
    }
    if f.zencho {
        q.push(("zencho", "1".into()));
    }
    if let Some(k) = f.kpi {
        q.push(("kpi", k.key().into()));
    }
    if f.include_relisted {
        q.push(("relisted", "1".into()));
    }
    if let Some(c) = f.change {
        q.push(("chg", c.key().into()));
    }
    if !f.query.is_empty() {
        q.push(("q", f.query.clone()));
    }
    if route.sort.key != SortKey::Id {
        q.push(("sort", route.sort.key.key().into()));
    }
    if route.sort.descending {
        q.push(("desc", "1".into()));
    }
    if route.page > 0 {
        q.push(("page", (route.page + 1).to_string()));
    }
    if let Some(o) = &route.open {
        q.push(("open", o.clone()));
    }
    if let Rows::Divisions { department } = &route.heat.rows {
        q.push(("hr", department.clone()));
    }
    match &route.heat.columns {
        Columns::Pillars => {}
        Columns::Sections { pillar } => q.push(("hc", pillar.clone())),
        Columns::Subsections { section } => q.push(("hc", section.clone())),
    }
    if route.heat.zencho_only {
        q.push(("hz", "1".into()));
    }
    if route.heat.include_relisted {
        q.push(("hrel", "1".into()));
    }
    if route.heat.measure != Measure::default() {
        q.push(("hm", route.heat.measure.key().into()));
    }
    if route.heat.order != RowOrder::default() {
        q.push(("hs", route.heat.order.key().into()));
    }
    if route.years == YearStyle::Gregorian {
        q.push(("years", "ad".into()));
    }
    if let Some(p) = &route.kpi_pillar {
        q.push(("kp", p.clone()));
    }
    if let Some(t) = &route.kpi_table {
        q.push(("table", t.clone()));
    }
    if let Some(st) = route.kpi_status {
        q.push(("ks", st.key().into()));
    }
    if route.kpi_order != KpiOrder::default() {
        q.push(("ko", route.kpi_order.key().into()));
    }
    if let Some(year) = route.editions.shown {
        q.push(("ed", year.to_string()));
    }
    match route.editions.compared {
        Some(Some(year)) => q.push(("vs", year.to_string())),
        Some(None) => q.push(("vs", "none".into())),
        None => {}
    }
    let mut hash = format!("{PREFIX}{}", route.view.key());
    for (i, (k, v)) in q.iter().enumerate() {
        hash.push(if i == 0 { '?' } else { '&' });
        hash.push_str(k);
        hash.push('=');
        hash.push_str(&encode(v));
    }
    hash
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(30).collect();
    if s.chars().count() > 30 {
        out.push('…');
    }
    out
}

/// Percent-encoding of everything but unreserved ASCII.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decoding (`+` is a space); `None` for a broken escape or bytes that are not UTF-8.
pub fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::query::committed_report as report;

    #[test]
    fn another_view_of_the_same_page() {
        let hash = "#rd/explore?dept=%E7%B7%8F%E5%8B%99%E9%83%A8";
        assert_eq!(with_hash("https://www.pref.example.jp/kensei/dashboard/?embed=1#rd/kpi", hash), format!("https://www.pref.example.jp/kensei/dashboard/?embed=1{hash}"));
        assert_eq!(with_hash("file:///E:/ダッシュボード/reform-dashboard.html", hash), format!("file:///E:/ダッシュボード/reform-dashboard.html{hash}"));
        // The host page's own anchor goes; a `#` inside the old view's query does not survive either.
        assert_eq!(with_hash("https://example.jp/page.html#top#x", "#rd/"), "https://example.jp/page.html#rd/");
    }

    #[test]
    fn every_history_entry_names_its_view() {
        let r = report();
        let page = "https://www.pref.example.jp/kensei/dashboard/?embed=1";
        // The entry the page opened on, without a hash or with the host page's own anchor: its start view.
        for opened in [page.to_string(), format!("{page}#top")] {
            let back = entry_route(&opened, &opened, &r).expect("the opening entry shows a view");
            assert_eq!((back.route, back.notices.len()), (Route::default(), 0), "{opened}");
        }
        // An entry of the dashboard: the view its hash names, whatever the page opened on.
        let kpi = entry_route(&format!("{page}#rd/kpi?ks=not_achieved"), page, &r).expect("ours");
        assert_eq!((kpi.route.view, kpi.route.kpi_status), (View::Kpi, Some(Status::NotAchieved)));
        let opened_on_kpi = format!("{page}#rd/kpi");
        assert_eq!(entry_route(page, &opened_on_kpi, &r).map(|p| p.route), None, "not the opening entry");
        // A host page's anchor followed later leaves the view as it is.
        assert_eq!(entry_route(&format!("{page}#contact"), page, &r), None);
        // Unknown words in a dashboard entry still show a view, with notices.
        let bad = entry_route(&format!("{page}#rd/kpi?ks=great"), page, &r).expect("ours");
        assert_eq!((bad.route.view, bad.notices.len()), (View::Kpi, 1));
    }

    #[test]
    fn round_trip() {
        let r = report();
        let route = Route {
            view: View::Explore,
            filter: Filter { division: Some("人事課".into()), rating: Some(Rating::Delayed), query: "テレワーク ICT&=".into(), include_relisted: true, ..Filter::default() },
            sort: Sort { key: SortKey::Title, descending: true },
            page: 1,
            open: Some("II-3-2-4".into()),
            heat: HeatOptions {
                rows: Rows::Divisions { department: "総務部".into() },
                columns: Columns::Subsections { section: "II-3".into() },
                zencho_only: true,
                include_relisted: false,
                measure: Measure::Kpi,
                order: RowOrder::Share,
            },
            years: YearStyle::Gregorian,
            kpi_pillar: Some("II".into()),
            kpi_table: Some(r.kpis[0].id.clone()),
            kpi_status: Some(Status::NotAchieved),
            kpi_order: KpiOrder::Gap,
            editions: Pick { shown: Some(2024), compared: Some(Some(2023)) },
        };
        let hash = to_hash(&route);
        assert!(hash.ends_with("&ed=2024&vs=2023"), "{hash}");
        assert!(hash.starts_with("#rd/explore?div=%E4%BA%BA"), "{hash}");
        assert!(hash.contains("&page=2&"), "the second page is page=2: {hash}");
        let parsed = parse(&hash, &r);
        assert_eq!(parsed.notices, Vec::<String>::new());
        assert_eq!(parsed.route, route);
        assert_eq!(pick_of(&hash), route.editions, "read before the report");
        assert_eq!(pick_of("#rd/kpi?ed=R6&vs=2023"), Pick { shown: None, compared: Some(Some(2023)) });
        assert_eq!(pick_of("#top?ed=2024"), Pick::default(), "not an address of the dashboard");
        let none = parse("#rd/overview?ed=2025&vs=none", &r).route.editions;
        assert_eq!(none, Pick { shown: Some(2025), compared: Some(None) });
        assert_eq!(parse(&to_hash(&Route { editions: none, ..Route::default() }), &r).route.editions, none);
        for bad in ["page=0", "page=-1", "page=x", "page=999999", "ed=R6", "ed=24", "vs=20245", "vs="] {
            let parsed = parse(&format!("#rd/explore?{bad}"), &r);
            assert_eq!((parsed.route.page, parsed.notices.len()), (0, 1), "{bad}");
        }
    }

    #[test]
    fn unknown_and_malformed_values_become_notices() {
        let r = report();
        let p = parse("#rd/explore?dept=存在しない部&rating=great&q=%E3%81&open=X-9&sort=title&bogus", &r);
        assert_eq!(p.route.view, View::Explore);
        assert_eq!(p.route.sort.key, SortKey::Title);
        assert_eq!(p.route.filter, Filter::default());
        assert_eq!(p.notices.len(), 5, "{:?}", p.notices);
        let p = parse("#rd/nowhere", &r);
        assert_eq!((p.route.view, p.notices.len()), (View::Overview, 1));
        assert_eq!(parse("#top", &r).route, Route::default());
        assert_eq!(parse("", &r).notices.len(), 0);
    }

    #[test]
    fn decoding() {
        assert_eq!(decode("%E7%B7%8F%E5%8B%99%E9%83%A8").as_deref(), Some("総務部"));
        assert_eq!(decode("a+b").as_deref(), Some("a b"));
        assert_eq!(decode("%"), None);
        assert_eq!(decode("%zz"), None);
        assert_eq!(decode("%FF"), None);
        assert_eq!(encode("a b/総"), "a%20b%2F%E7%B7%8F");
    }
}


#[cfg(test)]
mod guide_tests {
    use super::*;

    /// Every key an address can hold is in the webmaster's guide's table (embed/README.md §7),
    /// and the table names no key the app does not read.
    #[test]
    fn the_guide_lists_every_key_of_an_address() {
        let guide = include_str!("../../embed/README.md");
        let table = &guide[guide.find("## 7.").expect("§7 of the guide")..];
        let documented: Vec<&str> = table.lines().filter_map(|l| l.strip_prefix("| `")?.split_once('`').map(|(k, _)| k)).collect();
        let everything = Route {
            view: View::Explore,
            filter: Filter {
                pillar: Some("II".into()),
                section: Some("II-3".into()),
                subsection: Some("II-3-2".into()),
                department: Some("総務部".into()),
                division: Some("人事課".into()),
                rating: Some(crate::model::Rating::Delayed),
                zencho: true,
                kpi: Some(crate::query::explore::KpiFilter::Any),
                include_relisted: true,
                query: "x".into(),
                change: Some(ChangeKind::Rating),
            },
            sort: crate::query::explore::Sort { key: SortKey::Title, descending: true },
            page: 1,
            open: Some("II-3-2-4".into()),
            heat: crate::query::heatmap::Options {
                rows: Rows::Divisions { department: "総務部".into() },
                columns: Columns::Sections { pillar: "II".into() },
                zencho_only: true,
                include_relisted: true,
                measure: Measure::Kpi,
                order: RowOrder::Share,
            },
            years: YearStyle::Gregorian,
            kpi_pillar: Some("I".into()),
            kpi_table: Some("II-1-1-1-k1".into()),
            kpi_status: Some(crate::query::achievement::Status::Undated),
            kpi_order: crate::query::kpi_view::KpiOrder::Gap,
            editions: Pick { shown: Some(2024), compared: Some(None) },
        };
        let hash = to_hash(&everything);
        let used: Vec<&str> = hash.split_once('?').unwrap().1.split('&').map(|kv| kv.split_once('=').unwrap().0).collect();
        let mut want = used.clone();
        want.sort_unstable();
        let mut have = documented.clone();
        have.sort_unstable();
        assert_eq!(have, want, "the guide's keys against an address with every key");
    }
}
