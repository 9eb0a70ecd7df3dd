//! The normalizer on the real FY2023 report: the committed JSON is exactly what it produces,
//! and the figures executives will quote are the ones the report prints.

use std::collections::HashSet;

use reform::model::*;
use reform::normalize::{normalize, overrides, Input, Output};

const SOURCE: &str = include_str!("../data/source/000_7008800fb5738cea.txt");
const OVERRIDES: &str = include_str!("../data/overrides.json");
const COMMITTED: &str = include_str!("../data/initiatives.json");

fn run(text: &str) -> Output {
    let o = overrides::parse(OVERRIDES).expect("overrides parse");
    let input = Input { source_name: "000_7008800fb5738cea.txt", overrides: Some(("overrides.json", &o)) };
    normalize(text, &input).expect("the real report normalizes")
}

/// The real report, normalized once per test binary.
fn real() -> &'static Output {
    static REAL: std::sync::OnceLock<Output> = std::sync::OnceLock::new();
    REAL.get_or_init(|| run(SOURCE))
}

#[test]
fn committed_json_is_the_regenerated_one_byte_for_byte() {
    let mut json = serde_json::to_string_pretty(&real().report).unwrap();
    json.push('\n');
    assert!(json == COMMITTED, "data/initiatives.json is stale: run `make data` and review the diff");
}

#[test]
fn committed_json_loads_in_the_app_loader() {
    let r = Report::from_json(COMMITTED).expect("loads");
    assert_eq!(r.schema_version, SCHEMA_VERSION);
}

#[test]
fn counts_per_pillar() {
    let r = &real().report;
    assert_eq!(r.report.fiscal_year, 2023);
    assert_eq!(r.report.label, "令和5年度");
    assert_eq!((r.report.pages.first, r.report.pages.last), (1, 35));
    assert_eq!(r.pillars.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["I", "II", "III"]);
    assert_eq!(r.pillars[1].title, "行政のデジタル改革と働き方改革");
    assert_eq!(r.sections.len(), 12);
    assert_eq!(r.subsections.len(), 32);
    assert_eq!(r.initiatives.len(), 117);
    let per_pillar: Vec<usize> = ["I", "II", "III"].iter().map(|p| r.initiatives.iter().filter(|i| i.pillar == *p).count()).collect();
    assert_eq!(per_pillar, [41, 36, 40]);
    assert_eq!(r.initiatives.iter().filter(|i| i.zencho).count(), 46);
    assert_eq!(r.initiatives.iter().filter(|i| i.relisted).count(), 6);
    let delayed: Vec<&str> = r.subsections.iter().filter(|s| s.rating == Some(Rating::Delayed)).map(|s| s.id.as_str()).collect();
    assert_eq!(delayed, ["II-3-2", "III-4-3"]);
    assert!(r.subsections.iter().all(|s| s.rating.is_some()));
}

#[test]
fn only_the_reviewed_warnings_remain() {
    let w: Vec<(u32, &str)> = real().warnings.iter().map(|w| (w.line, w.field)).collect::<Vec<_>>().into_iter().collect();
    assert_eq!(w, [(551, "next_year"), (2318, "targets"), (4939, "next_year")]);
}

#[test]
fn every_figure_stands_on_its_source_line() {
    let lines: Vec<&str> = SOURCE.lines().collect();
    let r = &real().report;
    let mut points = 0;
    for k in &r.kpis {
        for p in &k.series {
            let line = lines[p.line as usize - 1];
            assert!(line.contains(&p.text), "{}: `{}` not on line {}: {line}", k.id, p.text, p.line);
            points += 1;
        }
    }
    // 142 printed figures, and 4 derived from a printed change (対前年度+10所属).
    assert_eq!((r.kpis.len(), points), (58, 146));
}

#[test]
fn invariants() {
    let r = &real().report;
    let ids: HashSet<&str> = r.initiatives.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids.len(), r.initiatives.len(), "initiative ids are unique");
    for i in &r.initiatives {
        assert!(!i.title.is_empty() && !i.departments.is_empty() && !i.divisions.is_empty(), "{} is incomplete", i.id);
        assert!(!i.content.is_empty(), "{} has no content", i.id);
        assert!(!i.title.contains("【再掲】"), "{}", i.id);
        assert_eq!(i.id, format!("{}-{}", i.subsection, i.number));
        for s in &i.source {
            assert!(s.first_line <= s.last_line);
        }
    }
    // Plan order, not file order.
    let keys: Vec<Vec<u32>> = r.initiatives.iter().map(|i| plan_key(&i.id)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    r.check().expect("references resolve");
}

fn plan_key(id: &str) -> Vec<u32> {
    id.split('-')
        .enumerate()
        .map(|(n, part)| if n == 0 { ["I", "II", "III"].iter().position(|p| *p == part).unwrap() as u32 } else { part.parse().unwrap() })
        .collect()
}

fn kpi<'a>(r: &'a Report, initiative: &str, label: &str) -> &'a Kpi {
    r.kpis.iter().find(|k| k.initiative == initiative && k.label == label).unwrap_or_else(|| panic!("no KPI {label} in {initiative}"))
}

fn values(k: &Kpi, kind: PointKind) -> Vec<(Option<i32>, f64)> {
    k.series.iter().filter(|p| p.kind == kind).map(|p| (p.fiscal_year, p.value)).collect()
}

#[test]
fn figures_as_printed() {
    let r = &real().report;
    let overtime = kpi(r, "II-3-2-4", "時間外勤務月45時間超の職員数（年間延べ人数）");
    assert_eq!(overtime.direction, Some(Direction::Decrease));
    assert_eq!(values(overtime, PointKind::Actual), [(Some(2019), 950.0), (Some(2020), 1618.0), (Some(2021), 1679.0), (Some(2022), 1482.0), (Some(2023), 1121.0)]);
    assert_eq!(values(overtime, PointKind::Target), [(None, 855.0)]);

    let receivables = kpi(r, "I-3-3-4", "税外未収金残高");
    assert_eq!(receivables.series.first().map(|p| (p.period.as_deref(), p.fiscal_year, p.value)), Some((Some("H27"), Some(2015), 1719.0)));
    assert_eq!(receivables.origin, KpiOrigin::Override);
    let change = kpi(r, "I-3-3-4", "税外未収金残高の対前年度増減（定量分析）");
    assert_eq!(change.series.iter().map(|p| p.value).sum::<f64>(), -259.0);

    let online = kpi(r, "II-1-1-1", "電子申請利用所属数（累計）");
    assert_eq!(online.origin, KpiOrigin::Extracted);
    assert_eq!(values(online, PointKind::Actual), [(Some(2023), 87.0)]);
    assert_eq!(values(online, PointKind::Target).last(), Some(&(Some(2025), 70.0)));

    let women = kpi(r, "III-5-1-2", "管理職員に占める女性職員の割合");
    assert_eq!(women.unit, "％");
    assert_eq!(values(women, PointKind::Actual).last(), Some(&(Some(2024), 17.5)));
    assert_eq!(values(women, PointKind::Target), [(Some(2025), 20.0)]);

    let seals = kpi(r, "II-1-2-1", "押印見直しの進捗率（制度的対応）");
    assert_eq!(values(seals, PointKind::Actual), [(Some(2020), 36.0), (Some(2021), 81.0), (Some(2021), 97.0)]);
}

#[test]
fn organisations_and_relisted_links() {
    let r = &real().report;
    let hiring = r.initiative("III-5-1-4").unwrap();
    assert_eq!(hiring.departments, ["総務部", "人事委員会事務局", "教育庁", "警察本部"]);
    assert_eq!(hiring.divisions, ["人事課", "職員課", "教育政策課", "総務課"]);
    let pr = r.initiative("III-1-1-4").unwrap();
    assert_eq!((pr.departments[0].as_str(), pr.divisions[0].as_str(), pr.zencho), ("秘書・広報戦略部", "広報課", true));
    let copy = r.initiative("III-3-2-2").unwrap();
    assert_eq!(copy.relisted_from.as_deref(), Some("II-2-2-5"));
    assert_eq!(copy.original_title.as_deref(), Some("新技術の導入・活用"));
    assert_eq!(copy.kpis, r.initiative("II-2-2-5").unwrap().kpis);
    assert_eq!(r.initiative("II-3-1-1").unwrap().relisted_from.as_deref(), Some("II-2-2-4"));
    assert_eq!(r.initiative("II-1-2-1").unwrap().achieved_marks, ["令和3年度達成済"]);
    let dup = r.initiative("II-2-2-5").unwrap();
    assert!(dup.source.len() >= 2, "repeated rows keep every occurrence");
}

fn pages() -> Vec<String> {
    let mut pages: Vec<String> = Vec::new();
    for line in SOURCE.lines() {
        let t = line.trim();
        let header = t.starts_with(['Ⅰ', 'Ⅱ', 'Ⅲ']) && t.contains(' ');
        if header || pages.is_empty() {
            pages.push(String::new());
        }
        let page = pages.last_mut().unwrap();
        page.push_str(line);
        page.push('\n');
    }
    pages
}

/// The report as JSON without what moves with the pages: line numbers, the order of a row's
/// printings, the source file's hash and length.
fn without_lines(r: &Report) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for key in ["line", "first_line", "last_line", "text_lines"] {
                    m.remove(key);
                }
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(r).unwrap();
    v["report"]["source"] = serde_json::Value::Null;
    strip(&mut v);
    // A row printed on several pages lists its printings in file order; compare them as a set.
    for list in ["initiatives", "subsections"] {
        for item in v[list].as_array_mut().unwrap() {
            if let Some(src) = item["source"].as_array_mut() {
                src.sort_by_key(|x| x.to_string());
            }
        }
    }
    v
}

/// The same report with its pages in another order, and the same overrides: the same JSON but
/// for line numbers. Both reversed and shuffled.
#[test]
fn output_does_not_depend_on_page_order_even_with_overrides() {
    let pages = pages();
    assert!(pages.len() > 80);
    let reversed: String = pages.iter().rev().cloned().collect();
    // A fixed shuffle (a linear congruential sequence), so a failure repeats.
    let mut order: Vec<usize> = (0..pages.len()).collect();
    let mut seed: u64 = 20240331;
    for i in (1..order.len()).rev() {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        order.swap(i, (seed >> 33) as usize % (i + 1));
    }
    let shuffled: String = order.iter().map(|&i| pages[i].as_str()).collect();
    let original = without_lines(&real().report);
    for (name, text) in [("reversed", &reversed), ("shuffled", &shuffled)] {
        let other = run(text);
        let other = without_lines(&other.report);
        if other != original {
            for key in ["report", "pillars", "sections", "subsections", "initiatives", "kpis"] {
                if other[key] != original[key] {
                    let (a, b) = (original[key].to_string(), other[key].to_string());
                    let at = a.bytes().zip(b.bytes()).position(|(x, y)| x != y).unwrap_or(0);
                    panic!("{name}: `{key}` differs near `{}` vs `{}`", &a[a.floor_char_boundary(at.saturating_sub(80))..a.floor_char_boundary(at + 80)], &b[b.floor_char_boundary(at.saturating_sub(80))..b.floor_char_boundary(at + 80)]);
                }
            }
        }
    }
}

fn targets(k: &Kpi) -> Vec<&KpiPoint> {
    k.series.iter().filter(|p| p.kind == PointKind::Target).collect()
}

#[test]
fn targets_keep_their_qualifiers() {
    let r = &real().report;
    // 「40％以上60%以下」 at the end of 令和7年度: a range.
    let women = kpi(r, "III-1-1-7", "女性委員登用率");
    let t = targets(women)[0];
    assert_eq!((t.value, t.comparator, t.upper, t.fiscal_year), (40.0, Some(Comparator::AtLeast), Some(60.0), Some(2025)));
    assert_eq!(women.direction, Some(Direction::Increase), "from 以上");
    // 「36.5％（速報値)」 is preliminary.
    let actual = women.series.iter().find(|p| p.kind == PointKind::Actual).unwrap();
    assert_eq!((actual.value, actual.status), (36.5, Some(ActualStatus::Preliminary)));
    // 「５ヵ年（令和3年度～令和7年度）平均50％以上」.
    let known = kpi(r, "III-1-1-4", "長崎県広報の認知度等アンケートで県事業の目的や内容が「伝わっている」と答えた人の割合");
    let t = targets(known)[0];
    assert_eq!((t.value, t.comparator, t.aggregate, t.span), (50.0, Some(Comparator::AtLeast), Some(Aggregate::Average), Some([Some(2021), Some(2025)])));
    // 「◎目標（毎年度（令和6年度まで））・寄附額 30,000千円」 and 「◎目標（毎年度）・寄附額 180,000千円以上」.
    let t = targets(kpi(r, "I-3-3-2", "寄附額"))[0];
    assert_eq!((t.value, t.comparator, t.aggregate, t.span, t.fiscal_year), (30000.0, None, Some(Aggregate::EachYear), Some([None, Some(2024)]), None));
    let t = targets(kpi(r, "I-3-3-3", "寄附額"))[0];
    assert_eq!((t.value, t.comparator, t.aggregate), (180000.0, Some(Comparator::AtLeast), Some(Aggregate::EachYear)));
    // 「【実績】 令和5年度（見込） ・徴収率 99.0％」: the period heading dates and marks the figures.
    let rate_actual = kpi(r, "I-3-3-1", "徴収率").series.iter().find(|p| p.kind == PointKind::Actual).unwrap();
    assert_eq!((rate_actual.period.as_deref(), rate_actual.fiscal_year, rate_actual.status), (Some("令和5年度"), Some(2023), Some(ActualStatus::Estimate)));
    // The printed R3–R5 averages are points of their own.
    let avg = known.series.iter().find(|p| p.kind == PointKind::Actual && p.aggregate == Some(Aggregate::Average)).unwrap();
    assert_eq!((avg.value, avg.period.as_deref(), avg.span, avg.fiscal_year), (52.4, Some("平均"), Some([Some(2021), Some(2023)]), None));
    // 「県税の徴収率99％以上又は収入未収額10億円未満」: two targets, linked both ways.
    let rate = kpi(r, "I-3-3-1", "徴収率");
    let unpaid = kpi(r, "I-3-3-1", "収入未済額");
    let (a, b) = (targets(rate)[0], targets(unpaid)[0]);
    assert_eq!((a.value, a.comparator, a.alternative.as_deref()), (99.0, Some(Comparator::AtLeast), Some(unpaid.id.as_str())));
    assert_eq!((b.value, b.comparator, b.alternative.as_deref()), (1000.0, Some(Comparator::Below), Some(rate.id.as_str())));
    assert_eq!((rate.direction, unpaid.direction), (Some(Direction::Increase), Some(Direction::Decrease)));
    // 「2,600台程度」 then 「2,300台程度」: about, and no rising goal.
    let pcs = &r.kpis.iter().find(|k| k.initiative == "II-2-2-4").unwrap();
    assert!(targets(pcs).iter().all(|t| t.comparator == Some(Comparator::About)));
    assert_eq!(pcs.direction, None);
    // 「令和元年度比10％減（950名→855名）」: the wording says decrease.
    assert_eq!(kpi(r, "II-3-2-4", "時間外勤務月45時間超の職員数（年間延べ人数）").direction, Some(Direction::Decrease));
    // No direction where neither the target nor its comparator says one.
    assert_eq!(kpi(r, "III-5-1-2", "管理職員に占める女性職員の割合").direction, None);
    assert_eq!(kpi(r, "I-3-3-4", "税外未収金残高").direction, None, "results only");
}

#[test]
fn divisions_are_credited_only_to_their_department() {
    let r = &real().report;
    let orgs = |id: &str| -> Vec<(Option<String>, Vec<String>)> {
        r.initiative(id).unwrap().organisations.iter().map(|o| (o.department.clone(), o.divisions.clone())).collect()
    };
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(orgs("I-2-2-2"), [(Some("企画部".into()), s(&["政策企画課"])), (Some("総務部".into()), s(&["財政課", "新行政推進室"]))]);
    assert_eq!(orgs("II-1-3-2"), [(Some("企画部".into()), s(&["デジタル戦略課"])), (Some("総務部".into()), s(&["スマート県庁推進課"]))]);
    assert_eq!(orgs("II-2-3-1"), [(Some("総務部".into()), s(&["総務文書課"])), (Some("教育庁".into()), s(&["教育政策課"]))]);
    assert_eq!(orgs("III-1-2-3"), [(Some("地域振興部".into()), s(&["市町村課"])), (Some("総務部".into()), s(&["新行政推進室"]))]);
    assert_eq!(
        orgs("III-5-1-4"),
        [
            (Some("総務部".into()), s(&["人事課"])),
            (Some("人事委員会事務局".into()), s(&["職員課"])),
            (Some("教育庁".into()), s(&["教育政策課"])),
            (Some("警察本部".into()), s(&["総務課"]))
        ]
    );
    // The four: never under 総務部.
    for i in &r.initiatives {
        for d in ["政策企画課", "デジタル戦略課", "教育政策課", "市町村課"] {
            assert!(!i.divisions_of("総務部").iter().any(|x| x == d), "{} credits {d} to 総務部", i.id);
        }
        // The flat lists stay, and the pairing holds exactly the same names.
        let mut paired: Vec<&String> = i.organisations.iter().flat_map(|o| o.divisions.iter()).collect();
        let mut flat: Vec<&String> = i.divisions.iter().collect();
        paired.sort();
        flat.sort();
        assert_eq!(paired, flat, "{}", i.id);
        assert!(i.unpaired_divisions().is_empty(), "{} has unpaired divisions", i.id);
    }
}

#[test]
fn unmarked_repeats_point_at_their_first_printing() {
    let r = &real().report;
    let pairs: Vec<(&str, &str)> = r.initiatives.iter().filter_map(|i| Some((i.id.as_str(), i.same_as.as_deref()?))).collect();
    let want: Vec<(String, String)> = [1, 2, 3, 4, 7, 8, 11, 13].iter().map(|n| (format!("III-4-3-{n}"), format!("II-3-2-{n}"))).collect();
    let want: Vec<(&str, &str)> = want.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(pairs, want);
    for (copy, first) in &pairs {
        let (c, f) = (r.initiative(copy).unwrap(), r.initiative(first).unwrap());
        assert_eq!((&c.title, &c.content, &c.status), (&f.title, &f.content, &f.status));
        assert_eq!(c.kpis, f.kpis, "{copy} shows its first's KPIs");
        assert!(!c.relisted, "{copy} is not marked 【再掲】");
        // Each names the other as printed again without the mark.
        assert_eq!(r.unmarked_repeats(copy).iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), [*first]);
        assert_eq!(r.unmarked_repeats(first).iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), [*copy]);
    }
    // A 【再掲】 copy is no unmarked repeat of its original.
    let relisted = r.initiatives.iter().find(|i| i.relisted).unwrap();
    assert!(r.unmarked_repeats(&relisted.id).is_empty());
    assert!(r.kpis.iter().all(|k| !k.initiative.starts_with("III-4-3-")), "no KPI is counted twice");
    // Where else a row is printed, for the app's "also printed in".
    let ids = |id: &str| r.printings(id).iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids("III-4-3-4"), ["II-3-2-4", "III-4-3-4"]);
    assert_eq!(ids("II-3-2-4"), ["II-3-2-4", "III-4-3-4"]);
    assert_eq!(ids("II-2-2-5"), ["II-2-2-5", "III-3-2-2"]);
}

#[test]
fn coverage_of_the_extract() {
    let r = &real().report;
    let c = &r.report.coverage;
    assert_eq!(c.missing_pages, [8, 9, 14, 15]);
    assert_eq!(c.pages_present.len(), 31);
    assert_eq!(c.missing_numbers["I-3-2"], [2, 4, 6, 8]);
    assert_eq!(c.missing_numbers["II-3-2"], [5, 6, 9, 10, 12]);
    assert_eq!(c.missing_numbers.values().map(Vec::len).sum::<usize>(), 29);
}

/// An initiative as a reader sees it: title, organisations, every item of every cell, its KPIs.
/// No line numbers, so the snapshot does not change when pages move.
fn render(r: &Report, i: &Initiative) -> String {
    let mut out = format!("# {} {}\n", i.id, i.title);
    if let Some(o) = &i.original_title {
        out.push_str(&format!("original_title: {o}\n"));
    }
    for o in &i.organisations {
        out.push_str(&format!("organisation: {} — {}\n", o.department.as_deref().unwrap_or("所属不明"), o.divisions.join("、")));
    }
    let flags: Vec<String> = [
        i.zencho.then(|| "全庁".to_string()),
        i.relisted_from.as_ref().map(|x| format!("再掲 of {x}")),
        i.same_as.as_ref().map(|x| format!("same_as {x}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !flags.is_empty() {
        out.push_str(&format!("marks: {}\n", flags.join(", ")));
    }
    for (name, items) in [("content", &i.content), ("targets", &i.targets), ("status", &i.status), ("challenges", &i.challenges), ("next_year", &i.next_year), ("achieved_marks", &i.achieved_marks)] {
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {name}\n"));
        for t in items.iter() {
            out.push_str(&format!("- {t}\n"));
        }
    }
    let kpis: Vec<&Kpi> = i.kpis.iter().filter_map(|k| r.kpi(k)).collect();
    if !kpis.is_empty() {
        out.push_str("\n## kpis\n");
    }
    for k in kpis {
        let dir = k.direction.map_or("-", |d| if d == Direction::Increase { "increase" } else { "decrease" });
        out.push_str(&format!("- {} [{}] direction {dir}, {:?}\n", k.label, k.unit, k.origin));
        for p in &k.series {
            let mut q = Vec::new();
            if let Some(c) = p.comparator {
                q.push(format!("{c:?}"));
            }
            if let Some(u) = p.upper {
                q.push(format!("upper {u}"));
            }
            if let Some(a) = p.aggregate {
                q.push(format!("{a:?}"));
            }
            if let Some(s) = p.span {
                q.push(format!("span {s:?}"));
            }
            if p.alternative.is_some() {
                q.push("either-or".into());
            }
            if let Some(st) = p.status.filter(|s| *s != ActualStatus::Final) {
                q.push(format!("{st:?}"));
            }
            let kind = match p.kind {
                PointKind::Target => "target",
                PointKind::Actual => "actual",
                PointKind::Plan => "plan",
            };
            out.push_str(&format!(
                "  - {kind} {} (FY {}): {} `{}` {}{:?}\n",
                p.period.as_deref().unwrap_or("-"),
                p.fiscal_year.map_or("-".to_string(), |y| y.to_string()),
                p.value,
                p.text,
                if q.is_empty() { String::new() } else { format!("[{}] ", q.join(", ")) },
                p.origin
            ));
        }
    }
    out
}

/// Every initiative was reviewed against the printed text; the reviewed result is kept per
/// initiative in `data/reviewed/`. A change shows here first: review it, then run with
/// `UPDATE_REVIEWED=1` to write the new snapshots.
#[test]
fn every_initiative_matches_its_reviewed_snapshot() {
    let r = &real().report;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/reviewed");
    let update = std::env::var_os("UPDATE_REVIEWED").is_some();
    let mut stale = Vec::new();
    for i in &r.initiatives {
        let path = dir.join(format!("{}.md", i.id));
        let now = render(r, i);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &now).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(now.as_str()) {
            stale.push(i.id.clone());
        }
    }
    let files = std::fs::read_dir(&dir).map(|d| d.filter_map(Result::ok).filter(|e| e.path().extension().is_some_and(|x| x == "md")).count()).unwrap_or(0);
    assert!(stale.is_empty(), "review these initiatives, then UPDATE_REVIEWED=1: {stale:?}");
    assert_eq!(files, r.initiatives.len() + 1, "one snapshot per initiative, and README.md");
}

/// Every text item cites the line it begins on: the item's first characters, white space
/// removed, are printed on that line (a line the PDF broke in the middle of a word still
/// begins with them), for every cell of every row and every achieved mark.
#[test]
fn every_text_item_begins_on_the_line_it_cites() {
    let lines: Vec<&str> = SOURCE.lines().collect();
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut checked = 0;
    for ini in &real().report.initiatives {
        let cited = ini.text_lines.as_ref().unwrap_or_else(|| panic!("{} has no text lines", ini.id));
        for (field, items, at) in ini.text_cells(cited) {
            assert_eq!(items.len(), at.len(), "{} {field}", ini.id);
            for (item, &line) in items.iter().zip(at) {
                let printed = squeeze(lines[line as usize - 1]);
                let start: String = squeeze(item).chars().take(6).collect();
                let head: String = start.chars().take(printed.chars().count().min(6)).collect();
                assert!(printed.contains(&head) || start.starts_with(&printed), "{} {field} line {line}: `{printed}` does not print `{start}`", ini.id);
                checked += 1;
            }
        }
    }
    assert!(checked > 900, "{checked} items");
}
