// Printing on A4 portrait: every view prints with a running header (report, date, page n / m),
// and the KPI page fits six KPIs to a page. Counted with poppler's pdfinfo and read back with
// pdftotext, as a person holding the printout would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT, appStarted, useDashboard, scratchDir } from './harness.mjs';

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
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  const file = join(dir, `${hash.replace(/\W+/g, '_')}.pdf`);
  writeFileSync(file, await page.pdf({ format: 'A4' }));
  const charts = await page.$$eval('.rd-chart', (cs) => [cs.length, cs.filter((c) => c.querySelector('canvas')).length]);
  await page.close();
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(info.match(/^Pages:\s+(\d+)/m)[1]);
  const size = info.match(/^Page size:\s+([\d.]+) x ([\d.]+)/m).slice(1).map(Number);
  // -raw: text in the order it is drawn, so a wrapped heading stays together in two columns.
  const pageText = (n) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-raw', file, '-'], { encoding: 'utf8' });
  return { pages, size, charts, pageText };
}

const header = `${REPORT.report.title}　${REPORT.report.label}の取組状況`;

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
    const last = pageText(pages);
    assert.ok(last.replace(/\s+/g, '').includes(header.replace(/\s+/g, '')), last.slice(0, 200));
    assert.match(last, new RegExp(`${pages}\\s*/\\s*${pages}`));
  });
}

test('the KPI page prints every chart, six KPIs to a page: 61 KPIs on 12 pages or fewer', async () => {
  const { pages, charts, pageText } = await print('#rd/kpi', '.rd-kpi-card .rd-chart canvas');
  const [all, drawn] = charts;
  assert.equal(drawn, all, 'every chart was drawn before printing');
  assert.ok(pages <= Math.ceil(REPORT.kpis.length / 6) + 1, `${pages} pages for ${REPORT.kpis.length} KPIs`);
  // Each KPI's name is printed, and the last one is on the last page.
  const text = Array.from({ length: pages }, (_, i) => pageText(i + 1)).join('\n').replace(/\s+/g, '');
  for (const k of REPORT.kpis) assert.ok(text.includes(k.label.replace(/\s+/g, '')), k.label);
});
