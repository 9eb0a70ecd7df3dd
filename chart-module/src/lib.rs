//! The dashboard's charts as ECharts options, built with charming: a wasm module of its own,
//! which the page loads together with ECharts when a view first draws a chart. The first view
//! (the overview) draws none, so it carries neither charming nor the serialiser of its option
//! types: the dashboard's wasm is about 9% smaller in gzip (519 KB, from 569 KB).
//!
//! The dashboard says what to draw as a [`ChartSpec`] in JSON; [`option_json`] answers with the
//! option ECharts takes.

pub mod kpi_chart;

#[cfg(target_arch = "wasm32")]
mod exports;

use charming::Chart;
use reform::query::chart_spec::ChartSpec;

/// The charming chart of `spec`.
pub fn chart(spec: &ChartSpec) -> Chart {
    match spec {
        ChartSpec::Kpi { kpi, style, caption } => kpi_chart::framed(kpi, *style, caption.as_ref()),
        ChartSpec::Joined { joined, unit, older, newer } => kpi_chart::joined_chart(joined, unit, older, newer),
    }
}

/// The option as ECharts wants it. charming 0.6 serialises an empty `aria.decal.decals` list
/// (ECharts then indexes an empty array and throws) and a null `aria.label`; both are dropped.
/// `still`: drawn in its final state at once, no animation (print, reduced motion, a saved image).
pub fn option_json(spec: &ChartSpec, still: bool) -> Result<String, serde_json::Error> {
    let mut v = serde_json::to_value(chart(spec))?;
    if let Some(o) = v.as_object_mut() {
        if still {
            o.insert("animation".into(), false.into());
        }
        if let Some(aria) = o.get_mut("aria").and_then(|a| a.as_object_mut()) {
            if aria.get("label").is_some_and(|l| l.is_null()) {
                aria.remove("label");
            }
            if let Some(decal) = aria.get_mut("decal").and_then(|d| d.as_object_mut()) {
                if decal.get("decals").and_then(|d| d.as_array()).is_some_and(|d| d.is_empty()) {
                    decal.remove("decals");
                }
            }
        }
    }
    serde_json::to_string(&v)
}

/// [`option_json`] of a spec in JSON, as the dashboard sends it; a spec that does not read says
/// where.
pub fn option_json_of(spec_json: &str, still: bool) -> Result<String, String> {
    let spec: ChartSpec = serde_json::from_str(spec_json).map_err(|e| format!("グラフの指定を読めません（{e}）"))?;
    option_json(&spec, still).map_err(|e| format!("グラフの設定を書けません（{e}）"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reform::format::YearStyle;
    use reform::model::Report;
    use reform::query::kpi_sentences::chart_caption;
    use serde_json::Value;

    fn report() -> Report {
        Report::from_json(include_str!("../../data/initiatives.json")).expect("data/initiatives.json loads")
    }

    fn option(spec: &ChartSpec, still: bool) -> Value {
        serde_json::from_str(&option_json_of(&serde_json::to_string(spec).unwrap(), still).unwrap()).unwrap()
    }

    /// The RPA KPI of the real report (27 in R4, 37 in R5 所属) drawn from its spec in JSON:
    /// its actuals are the bars, its years the axis, and ECharts gets no empty decal list or
    /// null aria label, which it cannot take.
    #[test]
    fn a_kpi_spec_draws_its_figures() {
        let report = report();
        let kpi = report.kpis.iter().find(|k| k.label == "RPA作成ロボット利用所属数（累計）").expect("the RPA KPI").clone();
        let spec = ChartSpec::Kpi { kpi, style: YearStyle::Era, caption: None };
        let o = option(&spec, false);
        let bars = o["series"].as_array().unwrap().iter().find(|s| s["type"] == "bar").expect("a bar series");
        assert_eq!(bars["data"], serde_json::json!([27.0, 37.0]));
        assert_eq!(o["xAxis"]["data"], serde_json::json!(["R4", "R5"]));
        assert_eq!(o["aria"]["enabled"], true);
        assert!(o["aria"].get("label").is_none() && o["aria"]["decal"].get("decals").is_none(), "{}", o["aria"]);
        assert!(o.get("animation").is_none());
        assert_eq!(option(&spec, true)["animation"], false);
    }

    /// A saved image names the KPI and its source in titles; on screen the card does.
    #[test]
    fn a_saved_image_carries_its_caption() {
        let report = report();
        let kpi = report.kpis.iter().find(|k| k.label == "RPA作成ロボット利用所属数（累計）").expect("the RPA KPI").clone();
        let caption = chart_caption(&report, &kpi, YearStyle::Era);
        let o = option(&ChartSpec::Kpi { kpi, style: YearStyle::Era, caption: Some(caption.clone()) }, true);
        let titles: Vec<&str> = o["title"].as_array().unwrap().iter().filter_map(|t| t["text"].as_str()).collect();
        assert!(titles[0].starts_with("RPA作成ロボット"), "{titles:?}");
        assert!(titles[1].starts_with("出典"), "{titles:?}");
        assert_eq!(o["title"][0]["subtext"], caption.subtitle.as_str());
    }

    /// Two editions' actuals: the newer as bars, the older as a line, each named by its year.
    #[test]
    fn a_joined_spec_names_both_editions() {
        let joined = reform::query::editions::Joined { years: vec!["R4".into(), "R5".into()], older: vec![Some(3000.0), None], newer: vec![Some(3000.0), Some(3697.0)] };
        let spec = ChartSpec::Joined { joined, unit: "件".into(), older: "令和5年度".into(), newer: "令和6年度".into() };
        let o = option(&spec, false);
        let series: Vec<(&str, &str)> = o["series"].as_array().unwrap().iter().map(|s| (s["type"].as_str().unwrap(), s["name"].as_str().unwrap())).collect();
        assert_eq!(series, [("bar", "令和6年度の報告書"), ("line", "令和5年度の報告書")]);
        assert_eq!(o["series"][0]["data"], serde_json::json!([3000.0, 3697.0]));
        assert_eq!(o["series"][1]["data"], serde_json::json!([3000.0, null]));
        assert_eq!(o["yAxis"]["name"], "件");
    }

    #[test]
    fn a_spec_that_does_not_read_says_so() {
        let e = option_json_of(r#"{"chart":"pie"}"#, false).unwrap_err();
        assert!(e.starts_with("グラフの指定を読めません") && e.contains("pie"), "{e}");
    }
}
