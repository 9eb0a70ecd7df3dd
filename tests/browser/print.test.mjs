// Printing on A4 portrait: every view prints with a running header (the report and its year,
// each said once, and page n / m), the overview fits two pages with its tables whole, and the
// KPI page fits six KPIs to a page with every chart complete when printing starts. Counted with
// poppler's pdfinfo and read back with pdftotext, as a person holding the printout would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT, appStarted, chartOption, useDashboard, scratchDir } from './harness.mjs';

const s = useDashboard();
const dir = scratchDir('rd-print-');

async function print(hash, ready) {
  const page = await s.browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${s.base}${hash}`, { waitUntil: 'load' });
  await appStarted(page);
  await page.waitForSelector(ready, { timeout: 20000 });
  await page.emulateMediaType('print');
  // What the browser fires before printing; charts not yet drawn (far down the page) draw now.
  // (Printing fires it again, and afterprint lets the charts far from the viewport go.)
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  const charts = await page.$$eval('.rd-chart', (cs) => [cs.length, cs.filter((c) => c.querySelector('canvas')).length]);
  const file = join(dir, `${hash.replace(/\W+/g, '_')}.pdf`);
  writeFileSync(file, await page.pdf({ format: 'A4' }));
  await page.close();
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(info.match(/^Pages:\s+(\d+)/m)[1]);
  const size = info.match(/^Page size:\s+([\d.]+) x ([\d.]+)/m).slice(1).map(Number);
  // -raw: text in the order it is drawn, so a wrapped heading stays together in two columns.
  const pageText = (n) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-raw', file, '-'], { encoding: 'utf8' });
  return { pages, size, charts, pageText };
}

const squeeze = (t) => t.replace(/\s+/g, '');

/**
 * The running header of a printed page: its first line without the page counter. It names the
 * report and its year, and says nothing twice (no run of four characters or more repeats).
 */
function checkHeader(pageText, n, pages) {
  const first = pageText.split('\n')[0];
  assert.match(first, new RegExp(`${n}\\s*/\\s*${pages}\\s*$`), first);
  const header = squeeze(first.replace(/\d+\s*\/\s*\d+\s*$/, ''));
  assert.ok(header.includes(squeeze(REPORT.report.title)), header);
  assert.equal(header.split(squeeze(REPORT.report.label)).length - 1, 1, `the year once: ${header}`);
  for (let k = 0; k + 4 <= header.length; k++) {
    const run = header.slice(k, k + 4);
    assert.equal(header.indexOf(run, k + 1), -1, `「${run}」 twice in ${header}`);
  }
}

for (const [name, hash, ready] of [
  ['overview', '#rd/overview', '.rd-overview'],
  ['explorer', '#rd/explore', '[data-testid="results"]'],
  ['heatmap', '#rd/heatmap', '[data-testid="heatmap"]'],
  ['help', '#rd/help', '.rd-main h2'],
]) {
  test(`${name} prints on A4 portrait with the running header`, async () => {
    const { pages, size, pageText } = await print(hash, ready);
    assert.deepEqual(size.map(Math.floor), [595, 841], 'A4 portrait: 595.3 × 841.9 points');
    assert.ok(pages >= 1);
    for (let n = 1; n <= pages; n++) checkHeader(pageText(n), n, pages);
  });
}

test('the overview prints on two A4 pages at most, its table whole with its header', async () => {
  const { pages, pageText } = await print('#rd/overview', '.rd-overview');
  assert.ok(pages <= 2, `${pages} pages`);
  const texts = Array.from({ length: pages }, (_, i) => squeeze(pageText(i + 1)));
  // The pillar table: caption, header, every pillar's row and the total on one page, printed once.
  const caption = '柱別の取組数と小項目の進捗状況';
  const on = texts.filter((t) => t.includes(caption));
  assert.equal(on.length, 1, 'the caption is printed once');
  for (const p of REPORT.pillars) assert.ok(on[0].includes(squeeze(p.title)), `${p.title} with its header`);
  assert.equal(texts.join('').split('合計').length - 1, 1, 'the total row is printed once');
  assert.ok(on[0].includes('合計'), 'the total with its header');
});

test('the KPI page prints every chart, six KPIs to a page: 61 KPIs on 12 pages or fewer', async () => {
  const { pages, charts, pageText } = await print('#rd/kpi', '.rd-kpi-card .rd-chart canvas');
  const [all, drawn] = charts;
  assert.equal(drawn, all, 'every chart was drawn before printing');
  assert.ok(pages <= Math.ceil(REPORT.kpis.length / 6) + 1, `${pages} pages for ${REPORT.kpis.length} KPIs`);
  // Each KPI's name is printed, and the last one is on the last page.
  const text = Array.from({ length: pages }, (_, i) => pageText(i + 1)).join('\n').replace(/\s+/g, '');
  for (const k of REPORT.kpis) assert.ok(text.includes(k.label.replace(/\s+/g, '')), k.label);
});

test('the result list prints its column headers on every page it runs over', async () => {
  const { pages, pageText } = await print('#rd/explore', '[data-testid="results"]');
  const ids = new Set(REPORT.initiatives.map((i) => i.id));
  const listed = Array.from({ length: pages }, (_, i) => pageText(i + 1))
    .filter((t) => t.split('\n').some((line) => ids.has(line.split(' ')[0])));
  assert.ok(listed.length >= 2, `the list runs over ${listed.length} pages`);
  for (const t of listed) assert.match(squeeze(t), /番号取組項目部局等担当課進捗状況KPI/, t.slice(0, 300));
});

/** Pixels drawn into each chart's canvas (`null`: no canvas), read in the page. */
const ink = () => [...document.querySelectorAll('.rd-chart')].map((c) => {
  const canvas = c.querySelector('canvas');
  if (!canvas || !canvas.width || !canvas.height) return null;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
  return n;
});

test('every chart holds all its marks when beforeprint returns: drawn at once, without animation', async () => {
  const page = await s.browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${s.base}#rd/kpi`, { waitUntil: 'load' });
  await appStarted(page);
  await page.waitForSelector('.rd-kpi-card .rd-chart canvas', { timeout: 20000 });
  await new Promise((r) => setTimeout(r, 1500));
  // The browser fires beforeprint and lays the pages out right after it returns: what the
  // canvases hold at that moment is what prints.
  const atPrint = await page.evaluate(`(() => { dispatchEvent(new Event('beforeprint')); return (${ink})(); })()`);
  assert.ok(atPrint.length >= 10, `${atPrint.length} charts`);
  assert.deepEqual(atPrint.map((n, k) => (n === null ? k : -1)).filter((k) => k >= 0), [], 'every chart has a canvas');
  // Once every animation that could have started has ended, each chart holds what it held then.
  let settled = null;
  for (let tries = 0; tries < 20; tries++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await page.evaluate(`(${ink})()`);
    if (settled && JSON.stringify(now) === JSON.stringify(settled)) break;
    settled = now;
  }
  const short = atPrint.map((n, k) => [k, n, settled[k]]).filter(([, n, all]) => all !== null && n < all * 0.99);
  assert.deepEqual(short, [], 'charts printed before they were complete: [index, pixels at print, pixels complete]');
  await page.close();
});

test('prefers-reduced-motion turned on while the page is open: charts drawn from then on do not animate', async () => {
  const page = await s.browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${s.base}#rd/kpi`, { waitUntil: 'load' });
  await appStarted(page);
  await page.waitForSelector('.rd-kpi-card .rd-chart canvas', { timeout: 20000 });
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  const id = await page.$$eval('.rd-kpi-card', (cs) => cs.filter((c) => c.querySelector('.rd-chart')).at(-1).dataset.kpi);
  const last = `.rd-kpi-card[data-kpi="${id}"] .rd-chart`;
  await page.$eval(last, (c) => c.scrollIntoView());
  await page.waitForSelector(`${last} canvas`, { timeout: 20000 });
  assert.equal((await chartOption(page, last)).animation, false);
  await page.close();
});
