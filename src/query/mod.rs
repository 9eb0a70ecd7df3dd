//! Questions the app asks of a [`Report`](crate::model::Report), as plain functions over the
//! model so they are tested natively. Components only display their answers.

pub mod overview;
pub mod achievement;
pub mod calculation;
pub mod chart_spec;
pub mod csv;
pub mod editions;
pub mod explore;
pub mod heatmap;
pub mod kpi_sentences;
pub mod kpi_view;
pub mod open;
pub mod opendata;
pub mod print;
pub mod route;
pub mod search;
pub mod share;
pub mod source;
pub mod verdicts;

/// The KPI of `initiative` labelled `label` in `report`, for the query modules' tests.
#[cfg(test)]
pub(crate) fn kpi_labelled<'a>(report: &'a crate::model::Report, initiative: &str, label: &str) -> &'a crate::model::Kpi {
    report.kpis.iter().find(|k| k.initiative == initiative && k.label == label).unwrap_or_else(|| panic!("no KPI {label} in {initiative}"))
}

/// The committed report, for the query modules' tests.
#[cfg(test)]
pub(crate) fn committed_report() -> crate::model::Report {
    crate::model::Report::from_json(include_str!("../../data/initiatives.json")).expect("data/initiatives.json loads")
}
