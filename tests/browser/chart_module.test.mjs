// ECharts and the chart module (charming, `chart-module/`) are loaded together when a view first
// draws a chart, never by the first view; a chart module that cannot be loaded is said at each
// chart, and the figures stay in the table beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, text, useDashboard } from './harness.mjs';

const s = useDashboard();

/** A file of the chart module (`reform-charts-HASH.mjs` or `.wasm`) or ECharts (`echarts-HASH.mjs`). */
const isChartModule = (url) => /\/reform-charts-[0-9a-f]{16}\.(mjs|wasm)$/.test(url);
const isECharts = (url) => /\/echarts-[0-9a-f]{16}\.mjs$/.test(url);

test('the first view loads neither ECharts nor the chart module; the first chart loads both, once', async () => {
  const { page, log } = await open(s.browser, s.base, { waitFor: '.rd-main' });
  await page.waitForNetworkIdle({ idleTime: 500 });
  assert.deepEqual(log.requests.filter((r) => isChartModule(r) || isECharts(r)), [], 'the overview fetched neither');
  await page.evaluate(() => { location.hash = '#rd/kpi'; });
  await page.waitForSelector('.rd-chart canvas', { timeout: 20000 });
  assert.equal(log.requests.filter(isECharts).length, 1, 'ECharts, once');
  assert.equal(log.requests.filter(isChartModule).length, 2, 'the chart module\'s glue and wasm, once');
  // Further charts come from the same modules: scrolling the page loads nothing more.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
  await page.waitForFunction(() => document.querySelectorAll('.rd-chart canvas').length > 3, { timeout: 20000 });
  assert.equal(log.requests.filter((r) => isChartModule(r) || isECharts(r)).length, 3);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('a chart module that cannot be loaded is said at each chart, and its PNG cannot be saved', async () => {
  const block = async (page) => {
    await page.setRequestInterception(true);
    page.on('request', (r) => (isChartModule(r.url()) ? r.abort() : r.continue()));
  };
  const { page, log } = await open(s.browser, `${s.base}#rd/kpi`, { waitFor: '[data-testid="chart-failed"]', before: block });
  assert.match(await text(page, '[data-testid="chart-failed"]'), /グラフを表示できませんでした（グラフを描く部品を読み込めません）。数値は表でご覧ください。/);
  assert.equal(await page.$('.rd-chart canvas'), null, 'no chart drawn half');
  assert.ok(await page.$eval('[data-testid="save-png"]', (b) => b.disabled), 'nothing to save');
  // The console says which part failed, for whoever mends it; the page itself threw nothing.
  assert.ok(log.errors.some((e) => e.includes('グラフの設定を作るモジュール')), log.errors.join('\n'));
  assert.ok(!log.errors.some((e) => /panicked|RuntimeError|unreachable/.test(e)), log.errors.join('\n'));
  await page.close();
});
