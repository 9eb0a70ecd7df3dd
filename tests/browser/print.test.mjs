// Printing on A4 portrait: every view prints with a running header (the report and its year,
// each said once, and page n / m), the overview fits two pages with its tables whole, and the
// KPI page fits six KPIs to a page with every chart complete when printing starts. Counted with
// poppler's pdfinfo and read back with pdftotext, as a person holding the printout would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REPORT, chartOption, open, useDashboard } from './harness.mjs';
import { INK, checkA4, checkChartsCompleteAt, checkHeader, checkKpiPrintout, checkOverviewPrintout, printA4, squeeze } from './printing.mjs';

const s = useDashboard();

async function print(hash, ready) {
  const { page } = await open(s.browser, `${s.base}${hash}`, { waitFor: ready });
  await page.emulateMediaType('print');
  // What the browser fires before printing; charts not yet drawn (far down the page) draw now.
  // (Printing fires it again, and afterprint lets the charts far from the viewport go.) Counted
  // as the event returns, when the browser lays out the pages: later, the print layout may have
  // let charts far from the viewport go again.
  const charts = await page.evaluate(() => {
    dispatchEvent(new Event('beforeprint'));
    const all = [...document.querySelectorAll('.rd-chart')];
    return [all.length, all.filter((c) => c.querySelector('canvas')).length];
  });
  const printout = await printA4(page, hash);
  await page.close();
  return { ...printout, charts };
}

for (const [name, hash, ready] of [
  ['overview', '#rd/overview', '.rd-overview'],
  ['explorer', '#rd/explore', '[data-testid="results"]'],
  ['heatmap', '#rd/heatmap', '[data-testid="heatmap"]'],
  ['help', '#rd/help', '.rd-main h2'],
]) {
  test(`${name} prints on A4 portrait with the running header`, async () => {
    const { pages, size, pageText } = await print(hash, ready);
    checkA4(size);
    assert.ok(pages >= 1);
    for (let n = 1; n <= pages; n++) checkHeader(pageText(n), n, pages);
  });
}

test('the overview prints on two A4 pages at most, its table whole with its header', async () => {
  checkOverviewPrintout(await print('#rd/overview', '.rd-overview'));
});

test('the KPI page prints every chart, six KPIs to a page: 61 KPIs on 12 pages or fewer', async () => {
  const printout = await print('#rd/kpi', '.rd-kpi-card .rd-chart canvas');
  const [all, drawn] = printout.charts;
  assert.equal(drawn, all, 'every chart was drawn before printing');
  checkKpiPrintout(printout);
});

test('the result list prints its column headers on every page it runs over', async () => {
  const { pages, pageText } = await print('#rd/explore', '[data-testid="results"]');
  const ids = new Set(REPORT.initiatives.map((i) => i.id));
  const listed = Array.from({ length: pages }, (_, i) => pageText(i + 1))
    .filter((t) => t.split('\n').some((line) => ids.has(line.split(' ')[0])));
  assert.ok(listed.length >= 2, `the list runs over ${listed.length} pages`);
  for (const t of listed) assert.match(squeeze(t), /番号取組項目部局等担当課進捗状況KPI/, t.slice(0, 300));
});

test('every chart holds all its marks when beforeprint returns: drawn at once, without animation', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/kpi`, { waitFor: '.rd-kpi-card .rd-chart canvas' });
  await new Promise((r) => setTimeout(r, 1500));
  // The browser fires beforeprint and lays the pages out right after it returns: what the
  // canvases hold at that moment is what prints.
  const atPrint = await page.evaluate(`(() => { dispatchEvent(new Event('beforeprint')); return ${INK}(); })()`);
  await checkChartsCompleteAt(page, atPrint);
  await page.close();
});

test('prefers-reduced-motion turned on while the page is open: charts drawn from then on do not animate', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/kpi`, { waitFor: '.rd-kpi-card .rd-chart canvas' });
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  const id = await page.$$eval('.rd-kpi-card', (cs) => cs.filter((c) => c.querySelector('.rd-chart')).at(-1).dataset.kpi);
  const last = `.rd-kpi-card[data-kpi="${id}"] .rd-chart`;
  await page.$eval(last, (c) => c.scrollIntoView());
  await page.waitForSelector(`${last} canvas`, { timeout: 20000 });
  assert.equal((await chartOption(page, last)).animation, false);
  await page.close();
});
