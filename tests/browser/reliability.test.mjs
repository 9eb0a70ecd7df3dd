// The app stays whole under hostile input and leaves its host page alone: a misspelt host
// element, other report files (newer, huge, formula titles), twenty reopenings, and charts
// that must survive unrelated route changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT, ROOT, chartOption, download, liveCharts, open, text, useDashboard, isRepeat, scratchDir } from './harness.mjs';

const s = useDashboard();
const dir = scratchDir('rd-reliability-');
const raw = readFileSync(join(ROOT, 'data/initiatives.json'), 'utf8');

/** Serves `body` as `name` beside dist/web's files, so that ./dashboard.js resolves. */
async function hostPage(name, body) {
  const page = await s.browser.newPage();
  const log = [];
  page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => log.push(`pageerror: ${e}`));
  await page.setRequestInterception(true);
  page.on('request', (r) => (r.url().endsWith(`/${name}`) ? r.respond({ contentType: 'text/html; charset=utf-8', body }) : r.continue()));
  const started = page.evaluateOnNewDocument(() => {
    window.__started = new Promise((ok) => addEventListener('reform-dashboard:started', ok, { once: true }));
  });
  await started;
  await page.goto(`${s.base}${name}`, { waitUntil: 'load' });
  await page.evaluate(() => window.__started);
  return { page, log };
}

test('with a misspelt host element the app changes nothing and names the id it looked for', async () => {
  const body = '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>host</title></head><body>'
    + '<div id="reform-dashbord"><p>ここにダッシュボード</p></div><main id="host"><h1>県のページ</h1><p>本文</p></main>'
    + '<script type="module" src="./dashboard.js"></script></body></html>';
  const { page, log } = await hostPage('misspelt.html', body);
  const html = await page.$eval('body', (b) => b.innerHTML.replace(/<script[^>]*><\/script>/g, ''));
  assert.equal(html, '<div id="reform-dashbord"><p>ここにダッシュボード</p></div><main id="host"><h1>県のページ</h1><p>本文</p></main>');
  assert.equal(await page.$('.rd'), null);
  assert.ok(log.some((l) => l.startsWith('error: ') && l.includes('id="reform-dashboard"')), log.join('\n'));
  await page.close();
});

test('dashboard.js defines no globals in the host page, even after drawing charts', async () => {
  const body = '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>host</title>'
    + '<script>window.__before = Object.getOwnPropertyNames(window);</script></head><body>'
    + '<div id="reform-dashboard"></div><script type="module" src="./dashboard.js"></script></body></html>';
  const { page, log } = await hostPage('globals.html#rd/kpi?kp=I', body);
  await page.waitForSelector('.rd-kpi-card .rd-chart');
  await page.$eval('.rd-kpi-card .rd-chart', (c) => c.scrollIntoView());
  await page.waitForSelector('.rd-kpi-card .rd-chart canvas');
  const added = await page.evaluate(() => Object.getOwnPropertyNames(window).filter((n) => !window.__before.includes(n) && !['__before', '__started', '__rd'].includes(n)));
  assert.deepEqual(added, []);
  assert.deepEqual(log.filter((l) => l.startsWith('error') || l.startsWith('pageerror')), []);
  await page.close();
});

test('in a host page with its own <base href>, the address keeps the page and changes only the view', async () => {
  const body = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,"><base href="${s.base}elsewhere/"></head><body>`
    + `<div id="reform-dashboard"></div><script type="module" src="${s.base}dashboard.js"></script></body></html>`;
  const { page, log } = await hostPage('based.html?lang=ja', body);
  await page.waitForSelector('.rd a[data-view="explore"]');
  await page.click('.rd a[data-view="explore"]');
  await page.waitForSelector('#rd-f-dept');
  await page.select('#rd-f-dept', '総務部');
  await page.waitForFunction(() => location.hash.includes('dept='));
  assert.equal(await page.evaluate(() => location.pathname + location.search), '/based.html?lang=ja');
  await page.goBack();
  await page.waitForFunction(() => !location.hash.includes('dept='));
  assert.equal(await page.$eval('#rd-f-dept', (x) => x.value), '');
  assert.deepEqual(log.filter((l) => l.startsWith('error') || l.startsWith('pageerror')), []);
  await page.close();
});

async function upload(page, name, content) {
  const file = join(dir, name);
  writeFileSync(file, content);
  await (await page.$('[data-testid="open-file"]')).uploadFile(file);
}

test('a newer schema version, a huge file and dangling references are refused with what and where', async () => {
  const { page } = await open(s.browser, s.base, { waitFor: '[data-testid="open-file"]' });
  const newer = JSON.parse(raw);
  newer.schema_version = '9.0.0';
  delete newer.kpis;
  await upload(page, 'newer.json', JSON.stringify(newer));
  await page.waitForSelector('[data-testid="open-error"]');
  const major = REPORT.schema_version.split('.')[0];
  assert.equal(await text(page, '[data-testid="open-error"]'),
    `newer.json は使えません。このファイルの形式は 9.0.0 です。このアプリが読めるのは ${major}.x です。同じ形式の報告書データ（JSON）を選び直してください。今の報告書はそのまま表示しています。`);

  const dangling = JSON.parse(raw);
  dangling.initiatives[3].pillar = 'IX';
  await upload(page, 'dangling.json', JSON.stringify(dangling));
  await page.waitForFunction(() => document.querySelector('[data-testid="open-error"]')?.textContent.includes('dangling.json'));
  assert.match(await text(page, '[data-testid="open-error"]'), /dangling\.json は使えません。initiatives\[3\]\.pillar: 柱 IX は/);

  const wrongType = JSON.parse(raw);
  wrongType.kpis[0].series[0].value = 'many';
  await upload(page, 'typed.json', JSON.stringify(wrongType, null, 2));
  await page.waitForFunction(() => document.querySelector('[data-testid="open-error"]')?.textContent.includes('typed.json'));
  assert.match(await text(page, '[data-testid="open-error"]'), /typed\.json は使えません。kpis\[0\]\.series\[0\]\.value（\d+行\d+列）: 値の型が違います/);

  await upload(page, 'huge.json', ' '.repeat(33 * 1024 * 1024));
  await page.waitForFunction(() => document.querySelector('[data-testid="open-error"]')?.textContent.includes('huge.json'));
  assert.match(await text(page, '[data-testid="open-error"]'), /huge\.json は使えません。ファイルが大きすぎます（33\.0 MB）/);
  // The embedded report is still on screen.
  assert.equal(await text(page, '.rd-title'), REPORT.report.title);
  await page.close();
});

test('opening another report twenty times releases the previous ones', async () => {
  const { page } = await open(s.browser, s.base, { waitFor: '[data-testid="open-file"]' });
  const memory = [];
  for (let i = 1; i <= 20; i++) {
    const next = JSON.parse(raw);
    next.report.title = `再読み込み ${i}`;
    await upload(page, `again-${i}.json`, JSON.stringify(next));
    await page.waitForFunction((t) => document.querySelector('.rd-title')?.textContent === t, {}, `再読み込み ${i}`);
    memory.push(await page.evaluate(() => window.__rd.wasmMemoryBytes()));
  }
  // Linear memory never shrinks, but with nothing leaked it stops growing after the first few
  // opens: the last fifteen add less than one report's worth (the leak added ~0.5 MB each).
  const growth = memory[19] - memory[4];
  assert.ok(growth <= 256 * 1024, `wasm memory grew by ${growth} bytes from open 5 to open 20: ${memory.join(', ')}`);
  await page.close();
});

test('CSV exports neutralise titles that Excel would run as formulas', async () => {
  const { page } = await open(s.browser, s.base, { waitFor: '[data-testid="open-file"]' });
  const hostile = JSON.parse(raw);
  const formulas = ['=HYPERLINK("http://example.invalid","x")', '+1+1', '-2+3', '@SUM(A1:A9)'];
  hostile.initiatives.slice(0, 4).forEach((ini, i) => { ini.title = formulas[i]; });
  await upload(page, 'formulas.json', JSON.stringify(hostile));
  await page.waitForSelector('[data-testid="opened-name"]');
  await page.click('a[data-view="explore"]');
  await page.waitForSelector('[data-testid="results"]');
  const csv = readFileSync(await download(page, '[data-testid="csv-initiatives"]', '.csv'), 'utf8');
  assert.ok(csv.includes(`,"'=HYPERLINK(""http://example.invalid"",""x"")",`), csv.slice(0, 400));
  for (const f of formulas.slice(1)) assert.ok(csv.includes(`,'${f},`), f);
  for (const f of formulas) assert.ok(!csv.includes(`,${f},`), `raw formula ${f}`);
  await page.close();
});

test('a detail chart survives sorting the list behind it', async () => {
  const ini = REPORT.initiatives.find((i) => !isRepeat(i) && i.kpis.length > 0);
  const { page, log } = await open(s.browser, `${s.base}#rd/explore?open=${ini.id}`, { waitFor: '[data-testid="detail"] .rd-chart canvas' });
  const chartId = () => page.$eval('[data-testid="detail"] .rd-chart', (el) => window.__rd.chartsModule().getInstanceByDom(el).id);
  const before = await chartId();
  const live = await liveCharts(page);
  await page.click('button[data-sort="title"]');
  await page.waitForSelector('th[aria-sort="ascending"] button[data-sort="title"]');
  await page.click('button[data-sort="title"]');
  await page.waitForSelector('th[aria-sort="descending"] button[data-sort="title"]');
  assert.equal(await chartId(), before, 'the same ECharts instance');
  assert.equal(await liveCharts(page), live);
  assert.equal((await chartOption(page, '[data-testid="detail"] .rd-chart')).series[0].name, '実績');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('a chart that ECharts refuses to draw says so in its place, and the app goes on', async () => {
  const kpi = REPORT.kpis.find((k) => new Set(k.series.map((p) => p.fiscal_year).filter((y) => y !== null)).size >= 3);
  const { page, log } = await open(s.browser, `${s.base}#rd/explore?open=${kpi.initiative}`, { waitFor: '[data-testid="detail"] .rd-chart canvas' });
  const chart = '[data-testid="detail"] .rd-chart';
  assert.equal(await page.$('[data-testid="chart-failed"]'), null);
  // Every instance refuses its next option, as ECharts does with an option it cannot use.
  await page.$eval(chart, (el) => {
    const proto = Object.getPrototypeOf(window.__rd.chartsModule().getInstanceByDom(el));
    proto.setOption = () => { throw new TypeError('test: this option cannot be drawn'); };
  });
  // Another year style redraws the chart with a new option.
  await page.goto(`${s.base}#rd/explore?open=${kpi.initiative}&years=ad`);
  await page.waitForSelector('[data-testid="detail"] [data-testid="chart-failed"]');
  assert.match(await text(page, '[data-testid="detail"] [data-testid="chart-failed"]'), /グラフを描けませんでした.*数値は表でご覧ください/);
  assert.equal(await page.$(`${chart} canvas`), null, 'the broken instance is gone');
  // Only the console names the error, for whoever mends it; nothing escaped into the page.
  assert.ok(log.errors.some((e) => e.includes('the chart could not be drawn')), log.errors.join('\n'));
  assert.ok(!log.errors.some((e) => e.startsWith('TypeError') || e.includes('RuntimeError') || e.includes('panicked')), log.errors.join('\n'));
  // The app still answers.
  await page.goto(`${s.base}#rd/overview`);
  await page.waitForSelector('[data-testid="pillar-table"]');
  await page.close();
});
