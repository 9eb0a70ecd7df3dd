//! A KPI as a charming chart: bars for actuals, a line with markers for targets, a dashed
//! horizontal line for targets without a year. Colours are colour-blind safe (blue and orange)
//! and decal patterns tell the series apart without colour. A saved image (「PNG で保存」) is the
//! same chart with its caption drawn in: the KPI, its judgement, the report's year and the source.
//!
//! The figures, the axis end and the label sides come from `reform::query::kpi_view::ChartData`;
//! the only arithmetic here is layout in pixels (margins, caption height from its line count).

use charming::component::{Aria, Axis, Decal, Grid, Legend, Title};
use charming::element::font_settings::FontWeight;
use charming::element::{AxisType, ItemStyle, Label, LabelVerticalAlign, LineStyle, LineStyleType, MarkLine, MarkLineData, MarkLineVariant, Symbol, TextStyle, Tooltip, Trigger};
use charming::series::{Bar, Line};
use charming::Chart;
use reform::format::YearStyle;
use reform::model::Kpi;
use reform::query::chart_spec::IMAGE_SIZE;
use reform::query::kpi_sentences::ChartCaption;
use reform::query::kpi_view::{chart_data, wrap, LabelSide, LINE_LABEL_PX};

const BLUE: &str = "#0031d8";
const ORANGE: &str = "#c74700";

/// Space around a saved image's caption and plot, in CSS pixels.
const IMAGE_MARGIN: i64 = 24;
const TITLE_PX: f64 = 18.0;
const SUBTITLE_PX: f64 = 14.0;
const SOURCE_PX: f64 = 12.0;
/// Line height of the caption's text, as a multiple of its size.
const LEADING: f64 = 1.35;

/// A line label's place beside its line's end: its text above the line ends at the line, below
/// it starts there.
fn vertical(side: LabelSide) -> LabelVerticalAlign {
    match side {
        LabelSide::Above => LabelVerticalAlign::Bottom,
        LabelSide::Beside => LabelVerticalAlign::Middle,
        LabelSide::Below => LabelVerticalAlign::Top,
    }
}

/// A label for a horizontal line. No position is given: ECharts puts a mark line's label at the
/// line's end, right of the plot, where no bar reaches (charming has no name for that place;
/// inside the plot a target label sat on the last bar). The grid keeps room for it.
fn line_label(side: LabelSide, color: &str) -> Label {
    Label::new().formatter("{b}").color(color).font_size(LINE_LABEL_PX).vertical_align(vertical(side))
}

/// How wide the caption's lines may be in a saved image.
fn image_text_width() -> f64 {
    (i64::from(IMAGE_SIZE.0) - 2 * IMAGE_MARGIN) as f64
}

/// The chart on screen, or with `caption` that of a saved image ([`IMAGE_SIZE`]), the caption
/// drawn above and below the plot. Whether it animates is the drawing's business (the
/// dashboard's `chart.rs`: never for print or reduced motion).
pub fn framed(kpi: &Kpi, style: YearStyle, caption: Option<&ChartCaption>) -> Chart {
    let data = chart_data(kpi, style);
    let (target_side, aggregate_side) = data.label_sides();
    let right = 16.max(i64::from(data.label_room(LINE_LABEL_PX)));
    let labels: Vec<String> = data.columns.iter().map(|c| c.label.clone()).collect();
    let actual: Vec<Option<f64>> = data.columns.iter().map(|c| c.actual).collect();
    let target: Vec<Option<f64>> = data.columns.iter().map(|c| c.target).collect();
    let unit = if kpi.unit.is_empty() { "値".to_string() } else { kpi.unit.clone() };
    let mut bar = Bar::new().name("実績").data(actual).item_style(ItemStyle::new().color(BLUE)).bar_width("40%");
    if !data.standing_targets.is_empty() {
        let lines = data
            .target_lines()
            .into_iter()
            .map(|(v, name)| MarkLineVariant::Simple(MarkLineData::new().y_axis(v).name(name.as_str())))
            .collect();
        // The label prints the line's name, whose figure is grouped like every other (180,000,
        // not 180000).
        bar = bar.mark_line(
            MarkLine::new()
                .data(lines)
                .label(line_label(target_side, ORANGE))
                .line_style(LineStyle::new().color(ORANGE).width(2).type_(LineStyleType::Dashed))
                .symbol(vec![Symbol::None, Symbol::None]),
        );
    }
    // On screen the card names the KPI; a saved image names it itself, with its judgement and
    // source, and keeps room for them above and below the plot.
    let (legend_top, grid_top, grid_bottom, grid_side) = match caption {
        None => (0, 36, 8, 8),
        Some(c) => {
            let text_width = image_text_width();
            let title_lines = wrap(&c.title, text_width, TITLE_PX).len() as f64;
            let source_lines = wrap(&c.source, text_width, SOURCE_PX).len() as f64;
            let caption_height = title_lines * TITLE_PX * LEADING + 8.0 + SUBTITLE_PX * LEADING;
            let legend_top = IMAGE_MARGIN as f64 + caption_height + 12.0;
            let bottom = IMAGE_MARGIN as f64 + source_lines * SOURCE_PX * LEADING + 12.0;
            (legend_top as i64, legend_top as i64 + 40, bottom as i64, IMAGE_MARGIN)
        }
    };
    let mut chart = Chart::new()
        .aria(Aria::new().enabled(true).decal(Decal::new().show(true)))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(legend_top))
        .grid(Grid::new().left(grid_side).right(right.max(grid_side)).top(grid_top).bottom(grid_bottom).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(labels))
        .y_axis(match data.axis_max() {
            Some(max) => Axis::new().type_(AxisType::Value).name(unit).max(max),
            None => Axis::new().type_(AxisType::Value).name(unit),
        })
        .series(bar);
    if let Some(c) = caption {
        let width = image_text_width();
        let text = |size: f64, weight: FontWeight| TextStyle::new().font_size(size).font_weight(weight).color("#1a1a1a").line_height(size * LEADING);
        chart = chart
            .title(
                Title::new()
                    .text(wrap(&c.title, width, TITLE_PX).join("\n"))
                    .subtext(c.subtitle.as_str())
                    .left(IMAGE_MARGIN)
                    .top(IMAGE_MARGIN)
                    .padding(0)
                    .item_gap(8)
                    .text_style(text(TITLE_PX, FontWeight::Bold))
                    .subtext_style(text(SUBTITLE_PX, FontWeight::Normal)),
            )
            .title(
                Title::new()
                    .text(wrap(&c.source, width, SOURCE_PX).join("\n"))
                    .left(IMAGE_MARGIN)
                    .bottom(IMAGE_MARGIN)
                    .padding(0)
                    .text_style(text(SOURCE_PX, FontWeight::Normal)),
            );
    }
    for ((value, name), (_, label)) in data.aggregate_lines().into_iter().zip(&data.aggregate_actuals) {
        // An average or total of the actuals over a span: what an average target is judged on.
        let line = MarkLineVariant::Simple(MarkLineData::new().y_axis(value).name(name.as_str()));
        chart = chart.series(
            Line::new().name(label.as_str()).data(Vec::<f64>::new()).item_style(ItemStyle::new().color(BLUE)).mark_line(
                MarkLine::new()
                    .data(vec![line])
                    .label(line_label(aggregate_side, BLUE))
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

/// A KPI's actuals in two editions on one axis of years (the detail's 「前年度の報告書との比較」):
/// bars for the edition on screen, a dashed line with diamonds for the previous one, so a
/// revised year shows as a diamond off its bar. The legend names the editions only (the
/// caption above says these are actuals), so on a phone it stays on one line above the plot.
pub fn joined_chart(joined: &reform::query::editions::Joined, unit: &str, older: &str, newer: &str) -> Chart {
    let unit = if unit.is_empty() { "値" } else { unit };
    Chart::new()
        .aria(Aria::new().enabled(true).decal(Decal::new().show(true)))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        // Room for the legend and, below it, the axis name: on a phone the legend spans the
        // chart's width, and the axis name (「件」) under it no longer runs into it.
        .grid(Grid::new().left(8).right(16).top(56).bottom(8).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(joined.years.clone()))
        .y_axis(Axis::new().type_(AxisType::Value).name(unit))
        .series(Bar::new().name(format!("{newer}の報告書")).data(joined.newer.clone()).item_style(ItemStyle::new().color(BLUE)).bar_width("40%"))
        .series(
            Line::new()
                .name(format!("{older}の報告書"))
                .data(joined.older.clone())
                .connect_nulls(true)
                .symbol(Symbol::Diamond)
                .symbol_size(12)
                .item_style(ItemStyle::new().color(ORANGE))
                .line_style(LineStyle::new().color(ORANGE).width(2).type_(LineStyleType::Dashed)),
        )
}
