// The ECharts build the dashboard ships: only what it draws (bars, lines, mark lines), the
// components it uses, including aria (text alternatives and decal patterns) and titles (the
// caption of a saved chart image), and the Japanese locale. It defines no global: `make` bundles
// it (esbuild) twice, as an ES module that the hosted start-up imports when a view first draws a
// chart, and as a function body that the offline file evaluates at that moment.
import { getInstanceByDom, init, registerLocale, use } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import langJA from 'echarts/lib/i18n/langJA.js';

use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer]);
registerLocale('JA', langJA);

// getInstanceByDom: for the browser tests, which read back what a chart draws.
export { init, getInstanceByDom };
