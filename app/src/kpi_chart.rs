//! A KPI as an ECharts option: bars for actuals, a line with markers for targets, a dashed
//! horizontal line for targets without a year. Colours are colour-blind safe (blue and orange)
//! and decal patterns tell the series apart without colour.

use charming::component::{Aria, Axis, Decal, Grid, Legend};
use charming::element::{AxisType, ItemStyle, Label, LabelPosition, LineStyle, LineStyleType, MarkLine, MarkLineData, MarkLineVariant, Symbol, Tooltip, Trigger};
use charming::series::{Bar, Line};
use charming::Chart;
use reform::format::{number, YearStyle};
use reform::model::Kpi;
use reform::query::kpi_view::chart_data;

const BLUE: &str = "#0031d8";
const ORANGE: &str = "#c74700";

/// Whether it animates is the drawing's business (`chart.rs`: never for print or reduced motion).
pub fn kpi_chart(kpi: &Kpi, style: YearStyle) -> Chart {
    let data = chart_data(kpi, style);
    let labels: Vec<String> = data.columns.iter().map(|c| c.label.clone()).collect();
    let actual: Vec<Option<f64>> = data.columns.iter().map(|c| c.actual).collect();
    let target: Vec<Option<f64>> = data.columns.iter().map(|c| c.target).collect();
    let unit = if kpi.unit.is_empty() { "値".to_string() } else { kpi.unit.clone() };
    let mut bar = Bar::new().name("実績").data(actual).item_style(ItemStyle::new().color(BLUE)).bar_width("40%");
    if !data.standing_targets.is_empty() {
        let lines = data
            .standing_targets
            .iter()
            .map(|(v, _)| MarkLineVariant::Simple(MarkLineData::new().y_axis(*v).name(format!("目標 {}", number(*v)).as_str())))
            .collect();
        // The label sits above the line inside the plot, so it is never cut off at the edge. It
        // prints the line's name, whose figure is grouped like every other (180,000, not 180000).
        let label = Label::new().position(LabelPosition::InsideEndTop).formatter("{b}").color(ORANGE);
        bar = bar.mark_line(
            MarkLine::new()
                .data(lines)
                .label(label)
                .line_style(LineStyle::new().color(ORANGE).width(2).type_(LineStyleType::Dashed))
                .symbol(vec![Symbol::None, Symbol::None]),
        );
    }
    let mut chart = Chart::new()
        .aria(Aria::new().enabled(true).decal(Decal::new().show(true)))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .grid(Grid::new().left(8).right(16).top(36).bottom(8).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(labels))
        .y_axis(match data.axis_max() {
            Some(max) => Axis::new().type_(AxisType::Value).name(unit).max(max),
            None => Axis::new().type_(AxisType::Value).name(unit),
        })
        .series(bar);
    for (value, label) in &data.aggregate_actuals {
        // An average or total of the actuals over a span: what an average target is judged on.
        let line = MarkLineVariant::Simple(MarkLineData::new().y_axis(*value).name(format!("{label} {}", number(*value)).as_str()));
        let text = Label::new().position(LabelPosition::InsideStartTop).formatter("{b}").color(BLUE);
        chart = chart.series(
            Line::new().name(label.as_str()).data(Vec::<f64>::new()).item_style(ItemStyle::new().color(BLUE)).mark_line(
                MarkLine::new()
                    .data(vec![line])
                    .label(text)
                    .line_style(LineStyle::new().color(BLUE).width(2).type_(LineStyleType::Dotted))
                    .symbol(vec![Symbol::None, Symbol::None]),
            ),
        );
    }
    if target.iter().any(Option::is_some) {
        chart = chart.series(
            Line::new()
                .name("目標")
                .data(target)
                .connect_nulls(true)
                .symbol(Symbol::Diamond)
                .symbol_size(12)
                .item_style(ItemStyle::new().color(ORANGE))
                .line_style(LineStyle::new().color(ORANGE).width(2).type_(LineStyleType::Dashed)),
        );
    }
    chart
}
