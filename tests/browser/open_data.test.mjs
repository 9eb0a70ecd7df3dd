// 「データのダウンロード」: every published file is offered, and what the browser makes is, byte for
// byte, what the hosted data folder holds (made natively by the same query layer), hosted and
// from the offline file; the Excel workbook holds every table; the KPI page saves the KPIs it
// lists. The files come from the data module, which the first view never loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, REPORT, answer, download, open, readWorkbook, text, useDashboard } from './harness.mjs';

const s = useDashboard();
const DATA = join(DIST, 'web/data');

const WORKBOOK = `reform-progress-fy${REPORT.report.fiscal_year}.xlsx`;
/** A data module file of the hosted build (`reform-data-HASH.mjs` or `.wasm`). */
const isDataModule = (url) => /\/reform-data-[0-9a-f]{16}\.(mjs|wasm)$/.test(url);

/**
 * Saves every offered file from `page` and compares it with the data folder's copy; the
 * workbook, which the data folder does not hold, is read back and checked against the tables.
 */
async function everyOfferIsTheDataFolder(page) {
  const all = await page.$$eval('[data-testid="offers"] [data-file]', (ls) => ls.map((l) => l.dataset.file));
  assert.equal(all[0], WORKBOOK, 'the workbook is offered first');
  const offered = all.slice(1);
  assert.deepEqual([...offered].sort(), readdirSync(DATA).sort(), 'the page offers every file of the data folder');
  await theWorkbookHoldsEveryTable(page);
  for (const file of offered) {
    const saved = await download(page, `[data-file="${file}"] [data-testid="offer-save"]`, extname(file));
    assert.ok(readFileSync(saved).equals(readFileSync(join(DATA, file))), `${file}: the same bytes as data/${file}`);
  }
  return offered;
}

/** Saves the workbook and reads it back: a README, then one sheet per table with all its rows. */
async function theWorkbookHoldsEveryTable(page) {
  const saved = await download(page, `[data-file="${WORKBOOK}"] [data-testid="offer-save"]`, '.xlsx');
  const { sheets } = readWorkbook(saved);
  const tables = readdirSync(DATA).filter((f) => f.endsWith('.csv')).map((f) => f.replace(/\.csv$/, ''));
  assert.equal(sheets[0].name, 'README');
  // The RSシステム's wide layout is a sheet of the workbook only, not a published CSV.
  const WORKBOOK_ONLY = ['kpis_rs'];
  assert.ok(!tables.includes('kpis_rs'), 'no CSV of the wide layout');
  assert.deepEqual(sheets.slice(1).map((s) => s.name).sort(), [...tables, ...WORKBOOK_ONLY].sort(), 'one sheet per published table, and the wide layout');
  for (const sheet of sheets.slice(1).filter((s) => !WORKBOOK_ONLY.includes(s.name))) {
    const lines = readFileSync(join(DATA, `${sheet.name}.csv`), 'utf8').trim().split('\r\n');
    assert.equal(sheet.rows, lines.length, `${sheet.name}: its header and every record of ${sheet.name}.csv`);
  }
  // A known figure, as a number: I-3-3-3's 寄附額 in each year.
  const points = sheets.find((s) => s.name === 'kpi_points');
  const [id, value] = ['KPI番号', '値'].map((label) => points.first_row.indexOf(label));
  const kpi = REPORT.kpis.find((k) => k.initiative === 'I-3-3-3' && k.label === '寄附額');
  const values = points.cells.filter((r) => r[id] === kpi.id).map((r) => r[value]);
  assert.deepEqual(values, kpi.series.map((p) => p.value), `${kpi.id} 寄附額 as numbers`);
  const readme = sheets[0].cells.flat();
  assert.ok(readme.some((c) => typeof c === 'string' && c.includes('CC-BY-4.0')), 'the README names the licence');
  assert.ok(readme.includes(REPORT.report.title), 'and the report');
}

test('the first view does not load the data module: the data page and a CSV button do', async () => {
  const { page, log } = await open(s.browser, s.base, { waitFor: '.rd-main' });
  await page.waitForNetworkIdle({ idleTime: 500 });
  assert.deepEqual(log.requests.filter(isDataModule), [], 'the overview fetched no data module file');
  // The explorer's CSV button is the first to ask for it.
  await page.evaluate(() => { location.hash = '#rd/explore'; });
  await page.waitForSelector('[data-testid="csv-initiatives"]');
  assert.deepEqual(log.requests.filter(isDataModule), [], 'nor did the explorer, before a button was pressed');
  const csv = readFileSync(await download(page, '[data-testid="csv-initiatives"]', '.csv'), 'utf8');
  assert.ok(csv.startsWith('\uFEFF取組番号,'));
  assert.equal(log.requests.filter(isDataModule).length, 2, 'the glue and the wasm, once');
  assert.deepEqual(log.errors, []);
  await page.close();
  // The data page loads it on its first draw.
  const data = await open(s.browser, `${s.base}#rd/data`, { waitFor: '[data-testid="offers"]' });
  assert.equal(data.log.requests.filter(isDataModule).length, 2);
  await data.page.close();
});

test('a data module that cannot be loaded is said in Japanese, on the page and at a button', async () => {
  const block = async (page) => {
    await page.setRequestInterception(true);
    page.on('request', (r) => (isDataModule(r.url()) ? r.abort() : r.continue()));
  };
  const { page } = await open(s.browser, `${s.base}#rd/data`, { waitFor: '.rd-data [role="alert"]', before: block });
  assert.match(await text(page, '.rd-data [role="alert"]'), /データファイルを作る部品を読み込めませんでした/);
  await page.evaluate(() => { location.hash = '#rd/kpi'; });
  await page.waitForSelector('[data-testid="csv-kpi-page"]');
  await page.click('[data-testid="csv-kpi-page"]');
  await page.waitForSelector('.rd-kpis [role="alert"]');
  assert.match(await text(page, '.rd-kpis [role="alert"]'), /読み込めませんでした/);
  await page.close();
});

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
  // The KPI page's CSV comes from the same module, already loaded.
  await page.evaluate(() => { location.hash = '#rd/kpi'; });
  await page.waitForSelector('[data-testid="csv-kpi-page"]');
  const csv = readFileSync(await download(page, '[data-testid="csv-kpi-page"]', '.csv'), 'utf8');
  assert.ok(csv.startsWith('\uFEFFKPI番号,'));
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
