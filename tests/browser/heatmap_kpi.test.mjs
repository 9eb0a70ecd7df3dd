// Heatmap cells lead to exactly their initiatives; every KPI chart renders with its numbers;
// chart instances do not pile up when navigating.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REPORT, answer, chartOption, drawEveryChart, liveCharts as live, open, text, useDashboard } from './harness.mjs';

const s = useDashboard();

test('each heatmap cell shows the query layer\'s count and leads to exactly its initiatives', async () => {
  const { page, log } = await open(s.browser, `${s.base}#rd/heatmap`, { waitFor: '[data-testid="heatmap"]' });
  const heat = answer('#rd/heatmap');
  const shownRows = await page.$$eval('[data-testid="heatmap"] tbody tr[data-row]', (trs) => trs.map((tr) => tr.dataset.row));
  assert.deepEqual(shownRows, heat.rows.map((r) => r.key));
  for (const row of heat.rows) {
    const cells = await page.$$eval(`tr[data-row="${row.key}"] td.rd-heat`, (tds) => tds.map((td) => [Number(td.dataset.count ?? 0), Number(td.dataset.delayed ?? 0)]));
    assert.deepEqual(cells, row.cells.map((c) => [c.initiatives, c.delayed]), row.key);
  }
  assert.equal(await page.$eval('[data-testid="heat-total"]', (td) => td.dataset.count), String(heat.total.initiatives));
  // 総務部 × Ⅱ: open the explorer and compare.
  const want = answer('#rd/explore?p=II&dept=総務部').ids;
  await page.click('tr[data-row="総務部"] td.rd-heat:nth-of-type(2) a');
  await page.waitForSelector('[data-testid="results"]');
  await page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]').textContent.startsWith(`${n}件`), {}, want.length);
  const ids = [];
  for (;;) {
    ids.push(...(await page.$$eval('[data-testid="results"] tbody tr', (trs) => trs.map((tr) => tr.dataset.id))));
    const next = await page.$('.rd-pager button:last-child:not([disabled])');
    if (!next) break;
    await next.click();
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(ids, want);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('drilling down to divisions and subsections keeps a real table', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/heatmap?hr=%E7%B7%8F%E5%8B%99%E9%83%A8&hc=II-3`, { waitFor: '[data-testid="heatmap"]' });
  const cols = await page.$$eval('[data-testid="heatmap"] thead th', (ths) => ths.map((t) => t.textContent.trim()));
  const drill = answer('#rd/heatmap?hr=総務部&hc=II-3');
  assert.equal(cols.length, drill.columns.length + 2);
  const jinji = await page.$$eval('tr[data-row="人事課"] td.rd-heat', (tds) => tds.map((td) => Number(td.dataset.count ?? 0)));
  assert.deepEqual(jinji, drill.rows.find((r) => r.key === '人事課').cells.map((c) => c.initiatives));
  assert.equal(await page.$$eval('[data-testid="heatmap"] th[scope="row"]', (t) => t.length) > 3, true);
  await page.close();
});

test('every KPI chart renders, and a table shows the numbers from the data', async () => {
  const { page, log } = await open(s.browser, `${s.base}#rd/kpi`, { waitFor: '.rd-kpi-card .rd-chart canvas' });
  // The page is usable before most charts exist: only those near the viewport are drawn.
  const cards = await page.$$eval('.rd-kpi-card .rd-chart', (cs) => cs.length);
  assert.ok((await live(page)) < cards, `${await live(page)} of ${cards} charts drawn at once`);
  // Every chart draws exactly the KPI's figures: bars and target line and mark lines together
  // hold the same set of values as the JSON. ECharts' aria description replaced our placeholder.
  const labels = [];
  const charted = await page.$$eval('.rd-kpi-card:has(.rd-chart)', (cs) => cs.map((c) => c.dataset.kpi));
  await drawEveryChart(page, '.rd-kpi-card .rd-chart', async (i) => {
    const k = REPORT.kpis.find((x) => x.id === charted[i]);
    const option = await chartOption(page, `.rd-kpi-card[data-kpi="${k.id}"] .rd-chart`);
    const drawn = new Set();
    const bars = [];
    const lines = [];
    for (const series of option.series) {
      for (const v of series.data ?? []) if (typeof v === 'number') { drawn.add(v); bars.push(v); }
      for (const m of series.markLine?.data ?? []) {
        if (typeof m.yAxis !== 'number') continue;
        drawn.add(m.yAxis);
        lines.push(m.yAxis);
        // The label prints the line's name, its figure grouped as everywhere else (180,000).
        assert.equal(series.markLine.label.formatter, '{b}', k.id);
        assert.ok(m.name.endsWith(` ${m.yAxis.toLocaleString('en-US', { maximumFractionDigits: 2 })}`), `${k.id}: ${m.name}`);
      }
    }
    // Every target or average line is inside the plot: below the axis end we set, or the bars.
    const top = Math.max(option.yAxis[0].max ?? -Infinity, ...bars);
    for (const v of lines) assert.ok(v <= top, `${k.id}: line ${v} above the axis (${top})`);
    assert.deepEqual([...drawn].sort((a, b) => a - b), [...new Set(k.series.map((p) => p.value))].sort((a, b) => a - b), k.id);
    labels.push(await page.$eval(`.rd-kpi-card[data-kpi="${k.id}"] .rd-chart`, (c) => c.getAttribute('aria-label') ?? ''));
  });
  // A chart only where it compares: two or more figures; a single figure is a value tile.
  const kpiPage = answer('#rd/kpi');
  assert.deepEqual(charted, kpiPage.charted);
  const tiles = await page.$$eval('.rd-kpi-card:has([data-testid="kpi-tile"])', (cs) => cs.map((c) => c.dataset.kpi));
  assert.deepEqual(tiles, kpiPage.tiles);
  assert.ok(labels.every((l) => l.length > 10), labels.slice(0, 3).join(' | '));
  // Scrolled to the end, the charts at the top were disposed of.
  assert.equal(await page.$('.rd-kpi-card .rd-chart canvas') === null || (await live(page)) < cards, true);
  assert.equal(await page.$eval('.rd-kpi-card .rd-chart', (c) => c.querySelector('canvas')), null, 'the first chart, far above, is gone');
  const counts = await page.$$eval('[data-testid="kpi-counts"] li', (ls) => ls.map((l) => [l.dataset.status, Number(l.querySelector('strong').textContent)]));
  assert.deepEqual(counts, kpiPage.counts);
  const kpi = REPORT.kpis.find((k) => k.label === '時間外勤務月45時間超の職員数（年間延べ人数）');
  await page.click(`[data-kpi="${kpi.id}"] [data-testid="toggle-table"]`);
  await page.waitForSelector(`[data-kpi="${kpi.id}"] [data-testid="kpi-table"]`);
  const rows = await page.$$eval(`[data-kpi="${kpi.id}"] [data-testid="kpi-table"] tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(rows.map((r) => r[3]), kpi.series.map((p) => p.text));
  // The source line, followed by its 「出典」 button.
  assert.deepEqual(rows.map((r) => r[5]), kpi.series.map((p) => `${p.line} 出典`));
  assert.match(page.url(), new RegExp(`table=${kpi.id}`));
  assert.match(await text(page, `[data-kpi="${kpi.id}"] .rd-kpi-summary`), /1,121名で、目標855名まで差 \+266名。目標年度の記載がないため、未達成とは判定しません。/);
  assert.equal(await page.$eval(`[data-kpi="${kpi.id}"] [data-status]`, (b) => b.dataset.status), 'undated');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('the year toggle relabels the axes, and twenty round trips leave no charts behind', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/kpi?kp=II`, { waitFor: '.rd-kpi-card' });
  const inII = answer('#rd/kpi?kp=II').ids.length;
  await page.waitForSelector('.rd-kpi-card .rd-chart canvas');
  // A KPI with one figure per fiscal year: its axis is labelled by year, 令和 then 西暦.
  const kpi = REPORT.kpis.find((k) => k.initiative === 'II-1-1-1');
  const years = [...new Set(kpi.series.map((p) => p.fiscal_year).filter((y) => y !== null))].sort();
  const chart = `.rd-kpi-card[data-kpi="${kpi.id}"] .rd-chart`;
  const axis = async () => {
    await page.$eval(chart, (c) => c.scrollIntoView({ block: 'center' }));
    await page.waitForFunction((sel) => document.querySelector(sel)?.querySelector('canvas'), {}, chart);
    return (await chartOption(page, chart)).xAxis[0].data;
  };
  assert.deepEqual(await axis(), years.map((y) => `R${y - 2018}`));
  await page.click('input[name="rd-years"]:not(:checked)');
  await page.waitForFunction(() => location.hash.includes('years=ad'));
  await page.waitForFunction((id) => document.querySelector(`[data-kpi="${id}"] .rd-kpi-summary`).textContent.includes('2023年度'), {}, kpi.id);
  assert.deepEqual(await axis(), years.map(String));
  for (let i = 0; i < 20; i++) {
    await page.click('a[data-view="overview"]');
    await page.waitForSelector('[data-stat="initiatives"]');
    assert.equal(await live(page), 0);
    await page.goBack();
    await page.waitForSelector('.rd-kpi-card .rd-chart canvas');
  }
  // Exactly the charts on screen are alive: none left over from the twenty earlier visits.
  await new Promise((r) => setTimeout(r, 300));
  const canvases = await page.$$eval('.rd-chart canvas', (cs) => cs.length);
  assert.ok(canvases > 0 && canvases <= inII);
  assert.equal(await live(page), canvases);
  await page.close();
});
