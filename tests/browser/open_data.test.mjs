// 「データのダウンロード」: every published file is offered, and what the browser makes is, byte for
// byte, what the hosted data folder holds (made natively by the same query layer), hosted and
// from the offline file; the KPI page saves the KPIs it lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, REPORT, answer, download, open, text, useDashboard } from './harness.mjs';

const s = useDashboard();
const DATA = join(DIST, 'web/data');

/** Saves every offered file from `page` and compares it with the data folder's copy. */
async function everyOfferIsTheDataFolder(page) {
  const offered = await page.$$eval('[data-testid="offers"] [data-file]', (ls) => ls.map((l) => l.dataset.file));
  assert.deepEqual([...offered].sort(), readdirSync(DATA).sort(), 'the page offers every file of the data folder');
  for (const file of offered) {
    const saved = await download(page, `[data-file="${file}"] [data-testid="offer-save"]`, extname(file));
    assert.ok(readFileSync(saved).equals(readFileSync(join(DATA, file))), `${file}: the same bytes as data/${file}`);
  }
  return offered;
}

test('the hosted data page offers each published file with what it holds, the same bytes as data/', async () => {
  const { page, log } = await open(s.browser, `${s.base}#rd/data`, { waitFor: '[data-testid="offers"]' });
  const offered = await everyOfferIsTheDataFolder(page);
  assert.ok(offered.includes('initiatives.csv') && offered.includes('datapackage.json') && offered.includes('initiatives.schema.json'));
  // What a table is, how many records, how large.
  const initiatives = await text(page, '[data-file="initiatives.csv"]');
  assert.match(initiatives, new RegExp(`${REPORT.initiatives.length}件・[0-9.]+ KB`));
  assert.match(await text(page, '[data-testid="data-source"]'), new RegExp(REPORT.report.title.replace(/[()（）]/g, '.')));
  assert.match(await text(page, '[data-testid="data-licence"]'), /CC-BY-4\.0/);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('the offline file makes the same files in the browser, with no network', async () => {
  const page = await s.browser.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${pathToFileURL(join(DIST, 'offline/reform-dashboard.html')).href}#rd/data`, { waitUntil: 'load' });
  await page.waitForSelector('[data-testid="offers"]', { timeout: 30000 });
  await everyOfferIsTheDataFolder(page);
  assert.deepEqual(requests.filter((r) => !r.startsWith('file:') && !r.startsWith('data:') && !r.startsWith('blob:')), []);
  await page.close();
});

test('the KPI page saves the KPIs it lists, in its order, one row per figure', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/kpi?kp=II`, { waitFor: '.rd-kpi-card' });
  const csv = readFileSync(await download(page, '[data-testid="csv-kpi-page"]', '.csv'), 'utf8');
  assert.ok(csv.startsWith('\uFEFF'));
  const rows = csv.trim().split('\r\n').slice(1);
  const ids = [...new Set(rows.map((l) => l.split(',')[0]))];
  assert.deepEqual(ids, answer('#rd/kpi?kp=II').ids);
  const points = answer('#rd/kpi?kp=II').ids.reduce((n, id) => n + REPORT.kpis.find((k) => k.id === id).series.length, 0);
  assert.equal(rows.length, points, 'one row per printed figure');
  await page.close();
});
