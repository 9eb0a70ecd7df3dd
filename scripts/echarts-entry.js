// The ECharts build the dashboard ships: only what it draws (bars, lines, mark lines) and the
// components it uses, including aria (text alternatives and decal patterns).
// Bundled by `make` (esbuild) into build/echarts.min.js, which sets the `echarts` global.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);
window.echarts = echarts;
