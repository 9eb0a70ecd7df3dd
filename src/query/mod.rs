//! Questions the app asks of a [`Report`](crate::model::Report), as plain functions over the
//! model so they are tested natively. Components only display their answers.

pub mod overview;
pub mod achievement;
pub mod csv;
pub mod explore;
pub mod heatmap;
pub mod kpi_view;
pub mod route;
pub mod search;
