//! Queries over the committed report: the figures the dashboard shows.

use reform::model::Report;
use reform::query::overview::overview;

fn report() -> Report {
    Report::from_json(include_str!("../data/initiatives.json")).expect("committed JSON loads")
}

#[test]
fn overview_totals_and_pillars() {
    let r = report();
    let o = overview(&r);
    assert_eq!((o.total.initiatives, o.total.relisted, o.total.zencho, o.total.kpis), (117, 6, 46, 61));
    assert_eq!((o.total.on_track, o.total.delayed, o.total.unrated), (30, 2, 0));
    assert_eq!(o.data_points, 147);
    assert_eq!((o.pages.first, o.pages.last), (1, 35));
    let rows: Vec<(&str, usize, usize, usize, usize)> =
        o.pillars.iter().map(|p| (p.id.as_str(), p.counts.initiatives, p.counts.on_track, p.counts.delayed, p.counts.zencho)).collect();
    assert_eq!(rows, [("I", 41, 13, 0, 6), ("II", 36, 8, 1, 22), ("III", 40, 9, 1, 18)]);
    // Per-pillar figures add up to the totals.
    assert_eq!(o.pillars.iter().map(|p| p.counts.kpis).sum::<usize>(), o.total.kpis);
    assert_eq!(o.pillars.iter().map(|p| p.counts.zencho).sum::<usize>(), o.total.zencho);
}


mod route_fuzz {
    use proptest::prelude::*;
    use reform::query::route::{parse, to_hash};

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

        /// Any hash parses without panic, and what it yields round-trips.
        #[test]
        fn any_hash_parses(tail in "\\PC{0,80}", view in prop::sample::select(vec!["#rd/explore?", "#rd/heatmap?", "#rd/kpi?", "#rd/", "#", ""])) {
            let report = super::report();
            let parsed = parse(&format!("{view}{tail}"), &report);
            let again = parse(&to_hash(&parsed.route), &report);
            prop_assert_eq!(again.route, parsed.route);
            prop_assert!(again.notices.is_empty());
        }
    }
}
