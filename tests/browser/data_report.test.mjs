// Web staff publish next year's report by uploading its JSON and naming it on the host element:
// <div id="reform-dashboard" data-report="reports/r6.json">. What a person sees: the named
// report, never the bundled one in its place; a clear message naming the file when it cannot be.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT, launch, open, scratchDir, serveRoot, text } from './harness.mjs';

const NEXT = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/edition-r6.json'), 'utf8'));
const BUNDLED = JSON.parse(readFileSync(join(ROOT, 'data/initiatives.json'), 'utf8'));

/** A copy of dist/web whose index.html names `report`, with the files given. */
function site(report, files = {}) {
  const root = scratchDir('rd-data-report-');
  cpSync(join(DIST, 'web'), root, { recursive: true });
  const index = readFileSync(join(root, 'index.html'), 'utf8').replace('<div id="reform-dashboard"', `<div id="reform-dashboard" data-report="${report}"`);
  writeFileSync(join(root, 'index.html'), index);
  mkdirSync(join(root, 'reports'), { recursive: true });
  for (const [name, body] of Object.entries(files)) writeFileSync(join(root, name), body);
  return root;
}

const browser = await launch();
after(() => browser.close());

test('a named report of another year is shown, and no heading or label carries this year', async () => {
  const { url } = await serveRoot(site('reports/r6.json', { 'reports/r6.json': JSON.stringify(NEXT) }));
  const { page, log } = await open(browser, url, { waitFor: '.rd-title' });
  assert.equal(await text(page, '.rd-title'), NEXT.report.title);
  assert.match(NEXT.report.title, /令和6年度/);
  // The detail of an initiative: its block headings carry the report's own year.
  await page.goto(`${url}#rd/explore?open=II-2-2-2`);
  await page.waitForSelector('[data-testid="detail"]');
  // A KPI's own periods (its table of figures) may be 令和5年度: they are the KPI's, not the report's.
  const headings = await page.$$eval('h1, h2, h3, h4, th, legend, label, caption, .rd-header', (els) =>
    els.filter((e) => !e.closest('.rd-kpi-table, .rd-kpi-figure')).map((e) => e.textContent));
  assert.ok(headings.some((h) => h.includes('令和6年度の取組状況')), 'the status block is headed with 令和6年度');
  const stale = headings.filter((h) => h.includes('令和5年度'));
  assert.deepEqual(stale, [], 'no heading or label says 令和5年度');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('a missing file is named in the page, and the bundled report is not shown', async () => {
  const { url } = await serveRoot(site('reports/missing.json'));
  const { page } = await open(browser, url, { waitFor: '[data-testid="report-message"][role="alert"]' });
  const message = await text(page, '[data-testid="report-message"]');
  assert.match(message, /reports\/missing\.json/);
  assert.match(message, /404/);
  assert.ok(!(await page.content()).includes(BUNDLED.report.title), 'the bundled report stays hidden');
  await page.close();
});

test('a file that is no report, or of another schema, gets a clear message naming it', async () => {
  const wrongVersion = JSON.stringify({ ...NEXT, schema_version: '9.0.0' });
  const { url } = await serveRoot(site('reports/bad.json', { 'reports/bad.json': '{"not": a report', 'reports/v9.json': wrongVersion }));
  let { page } = await open(browser, url, { waitFor: '[data-testid="report-message"][role="alert"]' });
  assert.match(await text(page, '[data-testid="report-message"]'), /reports\/bad\.json.*内容を読めませんでした/);
  await page.close();
  const v9 = await serveRoot(site('reports/v9.json', { 'reports/v9.json': wrongVersion }));
  ({ page } = await open(browser, v9.url, { waitFor: '[data-testid="report-message"][role="alert"]' }));
  const message = await text(page, '[data-testid="report-message"]');
  assert.match(message, /reports\/v9\.json/);
  assert.match(message, /9\.0\.0/);
  await page.close();
});

test('a report on another site is refused', async () => {
  const { url } = await serveRoot(site('https://example.invalid/r6.json'));
  const { page, log } = await open(browser, url, { waitFor: '[data-testid="report-message"][role="alert"]' });
  assert.match(await text(page, '[data-testid="report-message"]'), /別のサイト/);
  assert.ok(!log.requests.some((r) => r.includes('example.invalid')), 'nothing is fetched from elsewhere');
  await page.close();
});
