//! What a chart shows, as plain data: a KPI's figures (its card, the detail) or a KPI's
//! actuals in two editions (the detail's comparison), and, for a saved image, its caption.
//!
//! The dashboard hands this to the chart module (crate `reform-charts`), which builds the
//! ECharts option with charming. The module is a second wasm that the page loads with ECharts,
//! when a view first draws a chart, so the first view carries neither charming nor its
//! serialiser. A spec travels between the two as JSON, so every part of it is serde data.

use serde::{Deserialize, Serialize};

use super::editions::Joined;
use super::kpi_sentences::ChartCaption;
use crate::format::YearStyle;
use crate::model::Kpi;

/// The size a saved image is drawn at, in CSS pixels (the PNG has twice as many): a slide's
/// 16:10, the same whichever screen it is saved from.
pub const IMAGE_SIZE: (u32, u32) = (960, 600);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "chart", rename_all = "snake_case")]
pub enum ChartSpec {
    /// A KPI's actuals as bars and its targets as a line or horizontal lines. `caption`: a
    /// saved image, [`IMAGE_SIZE`] large, with the KPI, its judgement and source drawn in.
    Kpi { kpi: Kpi, style: YearStyle, caption: Option<ChartCaption> },
    /// A KPI's actuals in two editions on one axis of years: `newer` and `older` name the
    /// editions' years (「令和6年度」) in the legend.
    Joined { joined: Joined, unit: String, older: String, newer: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A spec read back from its JSON is the same spec: the chart module draws what the view
    /// asked for, figures, years and caption included.
    #[test]
    fn a_spec_survives_its_trip_to_the_chart_module() {
        let report = crate::query::committed_report();
        let kpi = report.kpis.iter().find(|k| k.series.len() >= 3).expect("a KPI with three figures or more").clone();
        let caption = crate::query::kpi_sentences::chart_caption(&report, &kpi, YearStyle::Gregorian);
        let spec = ChartSpec::Kpi { kpi, style: YearStyle::Gregorian, caption: Some(caption) };
        let json = serde_json::to_string(&spec).unwrap();
        assert!(json.starts_with(r#"{"chart":"kpi","#), "{json:.40}");
        assert_eq!(serde_json::from_str::<ChartSpec>(&json).unwrap(), spec);
        let joined = ChartSpec::Joined {
            joined: Joined { years: vec!["R4".into(), "R5".into()], older: vec![Some(27.0), None], newer: vec![Some(27.0), Some(37.0)] },
            unit: "所属".into(),
            older: "令和5年度".into(),
            newer: "令和6年度".into(),
        };
        assert_eq!(serde_json::from_str::<ChartSpec>(&serde_json::to_string(&joined).unwrap()).unwrap(), joined);
    }
}
