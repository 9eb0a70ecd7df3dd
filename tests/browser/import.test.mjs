// The import workbench as the report's owner uses it, from the offline file (file://, no
// network) and hosted: the next edition's text dropped on the page, last year's report given,
// the warnings shown beside their lines and decided in the page, the report JSON, the overrides
// and a new offline dashboard saved; the saved dashboard opened from file:// shows the new year
// and what changed. The workbench's JSON is the command line's, byte for byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ROOT, launch, open, download, scratchDir, serveDist, text } from './harness.mjs';

const IMPORT = pathToFileURL(join(DIST, 'offline/reform-import.html')).href;
const fixture = (name) => readFileSync(join(ROOT, name));
const R5_NAME = '000_7008800fb5738cea.txt';
const TEXTS = {
  [R5_NAME]: fixture(`data/source/${R5_NAME}`),
  'edition-r6.txt': fixture('tests/fixtures/edition-r6.txt'),
  'edition-r7.txt': fixture('tests/fixtures/edition-r7.txt'),
};

/** The command line, as a developer runs it (built by `make test-browser`). */
function normalize(args) {
  const bin = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug/normalize');
  if (!existsSync(bin)) throw new Error(`${bin} missing: run \`make test-browser\` (or cargo build --bin normalize)`);
  return execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Drops files (name → bytes) on the page, as a person dragging them from a folder. */
async function drop(page, files) {
  const list = Object.entries(files).map(([name, bytes]) => [name, Buffer.from(bytes).toString('base64')]);
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const [name, b64] of list) dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
    document.querySelector('.wb').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, list);
}

const notice = async (page, re) => {
  await page.waitForFunction((src) => new RegExp(src).test(document.querySelector('[data-testid="notice"]')?.textContent ?? ''), { timeout: 30000 }, re.source);
  return text(page, '[data-testid="notice"]');
};

async function openWorkbench(url = IMPORT) {
  const { page, log } = await open(browser, url, { waitFor: '[data-testid="pick"]' });
  return { page, log };
}

test('each text gives the JSON the command line gives, byte for byte', async () => {
  const { page, log } = await openWorkbench();
  const cases = [
    // This year's text, with its overrides and no previous edition: data/initiatives.json.
    [R5_NAME, { previous: null }, readFileSync(join(ROOT, 'data/initiatives.json'), 'utf8')],
    // Next year's, against the report the workbench came with (this year's).
    ['edition-r6.txt', { previous: 'bundled' }, readFileSync(join(ROOT, 'tests/fixtures/edition-r6.json'), 'utf8')],
    // The year after, against next year's report, which the owner drops with the text.
    ['edition-r7.txt', { previous: 'edition-r6.json' }, readFileSync(join(ROOT, 'tests/fixtures/edition-r7.json'), 'utf8')],
  ];
  for (const [name, { previous }, expected] of cases) {
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('[data-testid="pick"]');
    if (previous === null) {
      await page.click('[data-testid="drop-previous"]');
      await notice(page, /比較せずに/);
    }
    const files = { [name]: TEXTS[name] };
    if (previous === 'edition-r6.json') files[previous] = fixture('tests/fixtures/edition-r6.json');
    await drop(page, files);
    await notice(page, new RegExp(`読み込みました.*${name.replace('.', '\\.')}`));
    const saved = readFileSync(await download(page, '[data-testid="save-report"]', '.json'), 'utf8');
    assert.ok(saved === expected, `${name}: the workbench's JSON differs from the command line's`);
  }
  assert.deepEqual(log.errors, []);
  // Nothing left the machine: every request was the page itself or a blob it made.
  assert.deepEqual(log.requests.filter((u) => !/^(file|blob|data):/.test(u)), []);
});

test('next year, start to end: warnings decided in the page, files saved, the new dashboard opened offline', async () => {
  const { page, log } = await openWorkbench();
  // The year after next: its text and last year's report (next year's) dropped together.
  await drop(page, { 'edition-r7.txt': TEXTS['edition-r7.txt'], 'edition-r6.json': fixture('tests/fixtures/edition-r6.json') });
  await notice(page, /読み込みました/);
  assert.match(await text(page, '[data-testid="held-text"]'), /edition-r7\.txt（UTF-8）/);
  assert.match(await text(page, '#wb-read'), /令和7年度/);
  // Counts beside last year's, and the row last year's overrides named that is gone, listed.
  const counts = await page.$$eval('[data-testid="counts"] tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  const r6 = JSON.parse(fixture('tests/fixtures/edition-r6.json'));
  assert.deepEqual(counts.find((r) => r[0] === '柱'), ['柱', '3', String(r6.pillars.length)]);
  assert.match(await text(page, '[data-testid="stale"]'), /II-3-2-11/);
  // The row ended: its entry is removed from the overrides; the list empties.
  await page.click('[data-testid="stale"] [data-testid="remove-entry"]');
  await notice(page, /調整ファイルから削除：KPI `スポーツ・レクリエーション参加者数（延べ）` of II-3-2-11/);
  assert.equal(await page.$('[data-testid="stale"]'), null);
  assert.match(await text(page, '[data-testid="matched"]'), /新規 3 件、終了 6 件/);
  // The two figures no KPI holds, each beside its printed line.
  const undecided = () => page.$$eval('[data-testid="warning"]:has([data-testid="decide"])', (ws) => ws.map((w) => w.textContent));
  const before = await undecided();
  assert.equal(before.length, 2, before.join('\n'));
  const lines = readFileSync(join(ROOT, 'tests/fixtures/edition-r7.txt'), 'utf8').split('\n');
  const own = await page.$$eval('[data-testid="warning"]:has([data-testid="decide"]) .wb-own', (rows) => rows.map((r) => [r.cells[0].textContent, r.cells[1].textContent]));
  for (const [n, printed] of own) assert.equal(printed, lines[Number(n) - 1]);
  // The first (`20％`, a target repeated in a sentence): no KPI of its own.
  await page.click('[data-testid="warning"]:has([data-testid="decide"]) [data-testid="decide-button"]');
  await notice(page, /決定しました.*KPI ではない/);
  // The second (`2,136人`): a result of the KPI last year's report printed for this row (the row
  // moved subsection), offered by name so the series continues.
  const form = '[data-testid="warning"]:has([data-testid="decide"])';
  await page.click(`${form} [data-testid="is-kpi"]`);
  const offered = await page.$$eval(`${form} [data-testid="choice"] option`, (os) => os.map((o) => o.textContent));
  assert.ok(offered.includes('スポーツ・レクリエーション参加者数（延べ）（前年度の KPI）'), offered.join(' / '));
  await page.select(`${form} [data-testid="choice"]`, 'スポーツ・レクリエーション参加者数（延べ）');
  await page.click(`${form} [data-testid="decide-button"]`);
  await notice(page, /決定しました.*2,136人/);
  assert.equal((await undecided()).length, 0);
  assert.match(await text(page, '[data-testid="taken"]'), /2,136人/);
  // A match between the editions the owner judges wrong: broken, the row becomes new.
  const newRows = await page.$$eval('[data-testid="new-row"]', (rows) => rows.length);
  const broken = await page.$eval('[data-testid="inexact"]', (row) => row.cells[1].textContent);
  await page.click('[data-testid="inexact"] [data-testid="break"]');
  await notice(page, /決定しました.*別の取組/);
  assert.equal(await page.$$eval('[data-testid="new-row"]', (rows) => rows.length), newRows + 1);
  assert.ok((await page.$$eval('[data-testid="new-row"]', (rows) => rows.map((r) => r.textContent))).some((t) => t.startsWith(broken)));

  // Saved: the JSON, the overrides (the command line with them gives the same JSON), the dashboard.
  const json = readFileSync(await download(page, '[data-testid="save-report"]', '.json'), 'utf8');
  const report = JSON.parse(json);
  assert.equal(report.report.label, '令和7年度');
  assert.ok(!report.initiatives.find((i) => broken.startsWith(`${i.id} `)).carried_over_from, 'the broken match still carries the older row over');
  assert.ok(report.kpis.some((k) => k.label === 'スポーツ・レクリエーション参加者数（延べ）' && k.series.some((p) => p.text === '2,136人')));
  const dir = scratchDir('rd-import-');
  const overrides = readFileSync(await download(page, '[data-testid="save-overrides"]', '.json'), 'utf8');
  assert.ok(!JSON.parse(overrides).kpis.some((k) => k.initiative === 'II-3-2-11'), 'the removed entry is gone from the saved file');
  writeFileSync(join(dir, 'overrides.json'), overrides);
  writeFileSync(join(dir, 'edition-r7.txt'), TEXTS['edition-r7.txt']);
  const cli = normalize([join(dir, 'edition-r7.txt'), '--overrides', join(dir, 'overrides.json'), '--previous', join(ROOT, 'tests/fixtures/edition-r6.json')]);
  assert.ok(cli === json, 'the command line with the saved overrides gives another JSON');
  const html = await download(page, '[data-testid="save-dashboard"]', '.html');
  assert.deepEqual(log.errors, []);

  // The saved dashboard, opened from file:// as a person double-clicks it: the new year, and
  // what changed since the report compared with.
  const { page: dashboard, log: dlog } = await open(browser, pathToFileURL(html).href, { waitFor: '.rd-main' });
  await dashboard.waitForFunction(() => /令和7年度/.test(document.querySelector('.rd-header')?.textContent ?? ''), { timeout: 20000 });
  await dashboard.waitForSelector('[data-testid="changes"]', { timeout: 20000 });
  assert.match(await text(dashboard, '[data-testid="changes"]'), /令和6年度/);
  assert.deepEqual(dlog.errors, []);
  assert.deepEqual(dlog.requests.filter((u) => !/^(file|blob|data):/.test(u)), []);
});

test('bad inputs each get a clear message, and the page keeps working', async () => {
  const { page, log } = await openWorkbench();
  const sjis = new TextDecoder().decode(TEXTS['edition-r6.txt']);
  const cases = [
    ['empty.txt', Buffer.alloc(0), /「empty\.txt」：ファイルが空です/],
    ['picture.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /「picture\.txt」：テキストではないファイルです/],
    ['report.pdf', Buffer.from('%PDF-1.7\n'), /「report\.pdf」：PDF ファイルそのものです/],
    ['broken.json', Buffer.from('{"schema_version": "2.3.0", "report": '), /「broken\.json」は報告書の JSON として読めません/],
    ['minutes.txt', Buffer.from('議事録\n令和6年度第1回会議\n出席者 10名\n'), /minutes\.txt」から報告書を読み取れませんでした/],
  ];
  for (const [name, bytes, expected] of cases) {
    await drop(page, { [name]: bytes });
    await page.waitForFunction(() => document.querySelector('[role="alert"]'), { timeout: 20000 });
    const said = await page.$$eval('[role="alert"]', (els) => els.map((e) => e.textContent).join(' '));
    assert.match(said, expected, name);
  }
  // Shift_JIS (as Japanese Windows saves it): read, and said so.
  const encoded = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP932'], { input: sjis, maxBuffer: 64 * 1024 * 1024 });
  await drop(page, { 'edition-r6-sjis.txt': encoded });
  await notice(page, /edition-r6-sjis\.txt」（Shift_JIS（CP932））/);
  assert.match(await text(page, '#wb-read'), /令和6年度/);
  // A truncated text: read, and what it lacks named.
  const half = TEXTS['edition-r6.txt'].subarray(0, TEXTS['edition-r6.txt'].length / 2);
  await drop(page, { 'half.txt': Buffer.from(new TextDecoder().decode(half).replace(/\uFFFD$/, '')) });
  await notice(page, /half\.txt/);
  assert.match(await text(page, '[data-testid="gaps"]'), /ページがテキストにありません/);
  assert.deepEqual(log.errors, []);
});

test('hosted: import.html runs from the site, and the template comes from beside it', async () => {
  const { url } = await serveDist('web');
  const { page, log } = await openWorkbench(`${url}import.html`);
  await drop(page, { 'edition-r6.txt': TEXTS['edition-r6.txt'] });
  await notice(page, /読み込みました/);
  await page.click('[data-testid="preview"]');
  await notice(page, /プレビューを表示しました/);
  const frame = await (await page.waitForSelector('[data-testid="preview-frame"]')).contentFrame();
  await frame.waitForFunction(() => /令和6年度/.test(document.querySelector('.rd-header')?.textContent ?? ''), { timeout: 30000 });
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.requests.filter((u) => !u.startsWith(url) && !u.startsWith('blob:') && !u.startsWith('data:')), []);
});
