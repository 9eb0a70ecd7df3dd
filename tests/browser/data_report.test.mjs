// Web staff publish next year's report by uploading its JSON and naming it on the host element:
// <div id="reform-dashboard" data-report="reports/r6.json">. What a person sees: the named
// report, never the bundled one in its place; while it loads, a loading message; when it cannot
// be shown, a clear message naming the file, and a button that says it shows the bundled report.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ROOT, download, launch, open, scratchDir, serveRoot, text, withHooks } from './harness.mjs';

const BUNDLED = JSON.parse(readFileSync(join(ROOT, 'data/initiatives.json'), 'utf8'));

/**
 * A report of the next year: the normalized next edition when the fixtures hold it, else the
 * bundled report relabelled (only its year differs, which is what these tests look at).
 */
function nextReport() {
  const fixture = join(ROOT, 'tests/fixtures/edition-r6.json');
  if (existsSync(fixture)) return JSON.parse(readFileSync(fixture, 'utf8'));
  const copy = structuredClone(BUNDLED);
  copy.report.title = copy.report.title.replaceAll(copy.report.label, '令和6年度');
  copy.report.label = '令和6年度';
  copy.report.fiscal_year = 2024;
  return copy;
}
const NEXT = nextReport();
assert.equal(NEXT.report.label, '令和6年度');
assert.match(NEXT.report.title, /令和6年度/);
assert.notEqual(NEXT.report.title, BUNDLED.report.title);

/**
 * A copy of dist/web whose index.html names `report` (and the `previous` edition to compare
 * with, if given), with `files` (name → text) beside it.
 */
function site(report, files = {}, previous = null) {
  const root = scratchDir('rd-data-report-');
  cpSync(join(DIST, 'web'), root, { recursive: true });
  const index = readFileSync(join(root, 'index.html'), 'utf8');
  assert.ok(index.includes('<div id="reform-dashboard">'), 'index.html has the host element');
  const attributes = `data-report="${report}"${previous ? ` data-previous="${previous}"` : ''}`;
  writeFileSync(join(root, 'index.html'), index.replace('<div id="reform-dashboard">', `<div id="reform-dashboard" ${attributes}>`));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), body);
  }
  return root;
}

const ALERT = '[data-testid="report-message"][role="alert"]';

/** What a person can read on the page (not what CSS hides). */
const visibleText = (page) => page.evaluate(() => document.body.innerText);

const browser = await launch();
after(() => browser.close());

test('a named report of another year is shown, and no heading or label carries the bundled year', async () => {
  const { url } = await serveRoot(site('reports/r6.json', { 'reports/r6.json': JSON.stringify(NEXT) }));
  const { page, log } = await open(browser, url, { waitFor: '.rd-title' });
  assert.equal(await text(page, '.rd-title'), NEXT.report.title);
  assert.equal(await text(page, '.rd-year'), `${NEXT.report.label}（${NEXT.report.fiscal_year}年度）`);
  assert.match(await text(page, '[data-testid="provenance"]'), /令和6年度時点/);
  // Every view, and the detail of an initiative with a status block and KPIs. A KPI's own
  // periods (its table and chart of figures) may well be 令和5年度: they are the KPI's, not the
  // report's, and are left out.
  const withStatus = NEXT.initiatives.find((i) => i.status.length > 0 && i.kpis.length > 0);
  const headings = [];
  for (const hash of ['#rd/overview', `#rd/explore?open=${withStatus.id}`, '#rd/heatmap', '#rd/kpi', '#rd/help']) {
    await page.goto(url + hash);
    await page.waitForSelector(hash.includes('open=') ? '[data-testid="detail"]' : '.rd-main h2');
    headings.push(...await page.$$eval('h1, h2, h3, h4, th, legend, label, caption, .rd-header', (els) =>
      els.filter((e) => !e.closest('.rd-kpi-table, .rd-kpi-figure')).map((e) => e.textContent.replace(/\s+/g, ' ').trim())));
    if (hash.includes('open=')) {
      const blocks = await page.$$eval('[data-testid="detail"] h3, [data-testid="detail"] h4', (hs) => hs.map((h) => h.textContent));
      assert.ok(blocks.includes('令和6年度の取組状況'), `the status block is headed with 令和6年度: ${blocks.join(' / ')}`);
    }
  }
  assert.ok(headings.length > 50, `${headings.length} headings and labels read`);
  assert.deepEqual(headings.filter((h) => h.includes('令和5年度')), [], 'no heading or label says 令和5年度');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('while the named report loads, the page says so and shows nothing of the bundled report', async () => {
  const { url } = await serveRoot(site('reports/r6.json', { 'reports/r6.json': JSON.stringify(NEXT) }));
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  // The report file is held back until the page has been looked at. The loading message is
  // drawn before the fetch starts, so the request is waited for, not assumed already seen.
  let held = null;
  const asked = new Promise((ok) => {
    page.on('request', (r) => {
      if (!r.url().endsWith('/reports/r6.json')) return r.continue();
      held = r;
      ok();
    });
  });
  await page.setRequestInterception(true);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => document.querySelector('[data-testid="report-message"][role="status"]'), { timeout: 20000 });
  await Promise.race([asked, new Promise((r) => setTimeout(r, 10000))]);
  assert.ok(held, 'the report file was asked for');
  const shown = await visibleText(page);
  assert.match(shown, /reports\/r6\.json/);
  assert.match(shown, /読み込んでいます/);
  assert.ok(!shown.includes(BUNDLED.report.title), 'the bundled title is not on screen');
  assert.equal(await page.$('[data-rd-snapshot], .rd-header'), null, 'neither the snapshot nor the app');
  await held.continue();
  await page.waitForSelector('.rd-title', { timeout: 20000 });
  assert.equal(await text(page, '.rd-title'), NEXT.report.title);
  await page.close();
});

test('with scripts off, a page naming its report does not show the bundled overview', async () => {
  const { url } = await serveRoot(site('reports/r6.json', { 'reports/r6.json': JSON.stringify(NEXT) }));
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.goto(url, { waitUntil: 'load' });
  assert.ok(await page.$('[data-rd-snapshot]'), 'the snapshot is in the HTML');
  const shown = await visibleText(page);
  assert.ok(!shown.includes(BUNDLED.report.title), 'but hidden by the stylesheet');
  assert.match(shown, /JavaScript/, 'the <noscript> message is shown');
  await page.close();
});

test('a missing file is named with its HTTP status; the bundled report only behind a button that says so', async () => {
  const { url } = await serveRoot(site('reports/missing.json'));
  const { page } = await open(browser, url, { waitFor: ALERT });
  const message = await text(page, ALERT);
  assert.match(message, /reports\/missing\.json/);
  assert.match(message, /HTTP 404/);
  assert.ok(!(await visibleText(page)).includes(BUNDLED.report.title), 'the bundled report stays hidden');
  const button = await text(page, '[data-testid="show-bundled"]');
  assert.ok(button.includes('組み込みの報告書') && button.includes(BUNDLED.report.label), button);
  await page.click('[data-testid="show-bundled"]');
  await page.waitForSelector('.rd-title');
  assert.equal(await text(page, '.rd-title'), BUNDLED.report.title);
  await page.close();
});

test('a file that is no report, of another schema version or of a wrong shape: the file and the reason', async () => {
  const wrongShape = structuredClone(NEXT);
  wrongShape.initiatives[0].title = 42;
  const root = site('reports/bad.json', {
    'reports/bad.json': '{"not": a report',
    'reports/v9.json': JSON.stringify({ ...NEXT, schema_version: '9.0.0' }),
    'reports/shape.json': JSON.stringify(wrongShape),
  });
  const cases = [
    ['reports/bad.json', /JSONとして読めません/],
    ['reports/v9.json', /9\.0\.0/],
    ['reports/shape.json', /initiatives.*title/],
  ];
  for (const [name, reason] of cases) {
    const index = readFileSync(join(root, 'index.html'), 'utf8').replace(/data-report="[^"]*"/, `data-report="${name}"`);
    writeFileSync(join(root, 'index.html'), index);
    const { url } = await serveRoot(root);
    const { page } = await open(browser, url, { waitFor: ALERT });
    const message = await text(page, ALERT);
    assert.ok(message.includes(`「${name}」の内容を読めませんでした`), message);
    assert.match(message, reason);
    assert.ok(!(await visibleText(page)).includes(BUNDLED.report.title), `${name}: the bundled report stays hidden`);
    await page.close();
  }
});

test('a report on another site is refused without asking that site', async () => {
  // Another origin that would answer: the same host on another port.
  const other = await serveRoot(site('x', { 'r6.json': JSON.stringify(NEXT) }));
  for (const name of [`${other.url.replace(/\/?$/, '/')}r6.json`, 'https://example.invalid/r6.json']) {
    const { url } = await serveRoot(site(name));
    const { page, log } = await open(browser, url, { waitFor: ALERT });
    const message = await text(page, ALERT);
    assert.match(message, /別のサイト/);
    assert.ok(message.includes(name), message);
    assert.deepEqual(log.requests.filter((r) => r.includes('r6.json')), [], 'nothing is fetched from elsewhere');
    await page.close();
  }
});

test('the offline file naming a report is told to open it with the control that can', async () => {
  const dir = scratchDir('rd-data-report-offline-');
  const html = readFileSync(join(DIST, 'offline/reform-dashboard.html'), 'utf8');
  assert.ok(html.includes('<div id="reform-dashboard">'));
  writeFileSync(join(dir, 'dashboard.html'), html.replace('<div id="reform-dashboard">', '<div id="reform-dashboard" data-report="r6.json">'));
  writeFileSync(join(dir, 'r6.json'), JSON.stringify(NEXT));
  const { page } = await open(browser, pathToFileURL(join(dir, 'dashboard.html')).href, { waitFor: ALERT });
  const message = await text(page, ALERT);
  assert.match(message, /「r6\.json」/);
  assert.match(message, /ファイルとして開かれている/);
  assert.ok(!(await visibleText(page)).includes(BUNDLED.report.title), 'the bundled report stays hidden');
  // What the message says works: the bundled report, then the file opened by the named control.
  const control = message.match(/「([^」]*を開く)」/)?.[1];
  assert.ok(control, message);
  await page.click('[data-testid="show-bundled"]');
  await page.waitForSelector('.rd-title');
  assert.equal(await text(page, '.rd-title'), BUNDLED.report.title);
  assert.ok((await text(page, 'label[for="rd-open-file"]')).includes(control), 'the control is named as on screen');
  await (await page.$('[data-testid="open-file"]')).uploadFile(join(dir, 'r6.json'));
  await page.waitForFunction((title) => document.querySelector('.rd-title')?.textContent === title, { timeout: 20000 }, NEXT.report.title);
  await page.close();
});

/** The construction of the next edition: what it changed, by kind (scripts/make-fixtures.mjs). */
const MADE = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/edition-r6.changes.json'), 'utf8')).changes;

test('with data-previous, the overview names what changed since that edition first, each leading to its detail', async () => {
  const files = { 'reports/r6.json': JSON.stringify(NEXT), 'reports/r5.json': JSON.stringify(BUNDLED) };
  const { url } = await serveRoot(site('reports/r6.json', files, 'reports/r5.json'));
  const { page, log } = await open(browser, url, { waitFor: '[data-testid="changes"]' });
  // Before the rest of the overview.
  assert.equal(await page.$eval('.rd-overview h2 + *', (el) => el.dataset.testid), 'changes');
  assert.match(await text(page, '[data-testid="changes"] .rd-help'), new RegExp(`${BUNDLED.report.label}の報告書と比べた、${NEXT.report.label}の報告書の変化`));
  // Ratings turned, ○→△ first, each said in marks and words.
  const turned = MADE.filter((c) => c.kind === 'rating');
  const ratings = await page.$$eval('[data-changes="ratings"] li', (ls) => ls.map((l) => [l.dataset.subsection, l.textContent]));
  assert.deepEqual(ratings.map(([id]) => id), [...turned.filter((c) => c.rating === 'delayed'), ...turned.filter((c) => c.rating === 'on_track')].map((c) => c.subsection));
  assert.match(ratings[0][1], /悪化.*○ 順調 → △ 遅れ・課題あり/);
  // Rows added and ended.
  const added = MADE.find((c) => c.kind === 'initiative_added');
  const removed = MADE.find((c) => c.kind === 'initiative_removed');
  assert.ok((await page.$$eval('[data-changes="new"] li', (ls) => ls.map((l) => l.dataset.initiative))).includes(added.initiative));
  assert.match(await text(page, '[data-changes="ended"]'), new RegExp(removed.initiative));
  // The change list saves as CSV, one line per item shown.
  const items = await page.$$eval('[data-testid="changes"] li', (ls) => ls.length);
  const csv = readFileSync(await download(page, '[data-testid="csv-changes"]', '.csv'), 'utf8');
  assert.equal(csv.trim().split('\r\n').length - 1, items);
  assert.match(csv.split('\r\n')[1], /^進捗状況が変わった小項目,悪化,/);
  // A new row leads to its detail in the newer edition.
  await page.click(`[data-changes="new"] li[data-initiative="${added.initiative}"] a`);
  await page.waitForSelector(`[data-testid="detail"][data-id="${added.initiative}"]`);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('a previous edition that cannot be read is said, and the named report is shown without changes', async () => {
  const { url } = await serveRoot(site('reports/r6.json', { 'reports/r6.json': JSON.stringify(NEXT) }, 'reports/missing.json'));
  const { page } = await open(browser, url, { waitFor: '.rd-title' });
  assert.equal(await text(page, '.rd-title'), NEXT.report.title);
  assert.match(await text(page, '[data-testid="notices"]'), /reports\/missing\.json.*HTTP 404.*data-previous/);
  assert.equal(await page.$('[data-testid="changes"]'), null);
  await page.close();
});

test('with one edition nothing of the comparison shows', async () => {
  const { url } = await serveRoot(site('reports/r6.json', { 'reports/r6.json': JSON.stringify(NEXT) }));
  const { page } = await open(browser, url, { waitFor: '[data-testid="pillar-table"]' });
  assert.equal(await page.$('[data-testid="changes"]'), null);
  await page.close();
});

test('with data-previous, the explorer filters by what changed, and the address keeps the choice', async () => {
  const files = { 'reports/r6.json': JSON.stringify(NEXT), 'reports/r5.json': JSON.stringify(BUNDLED) };
  const { url } = await serveRoot(site('reports/r6.json', files, 'reports/r5.json'));
  const { page, log } = await open(browser, `${url}#rd/explore`, { waitFor: '#rd-f-change' });
  const options = await page.$$eval('#rd-f-change option', (os) => os.map((o) => o.value));
  assert.deepEqual(options, ['', 'new', 'rating', 'figures']);
  await page.select('#rd-f-change', 'new');
  await page.waitForFunction(() => location.hash.includes('chg=new'));
  const added = MADE.filter((c) => c.kind === 'initiative_added').map((c) => c.initiative);
  await page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.textContent.startsWith(`${n}件`), {}, added.length);
  assert.deepEqual(await page.$$eval('[data-testid="results"] tbody tr', (trs) => trs.map((tr) => tr.dataset.id)), added);
  // A shared link opens the same comparison and choice.
  const again = await browser.newPage();
  await again.goto(page.url(), { waitUntil: 'load' });
  await again.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.textContent.startsWith(`${n}件`), {}, added.length);
  assert.equal(await again.$eval('#rd-f-change', (s) => s.value), 'new');
  await again.close();
  // Rows in a subsection whose rating turned.
  await page.select('#rd-f-change', 'rating');
  await page.waitForFunction(() => location.hash.includes('chg=rating'));
  const turned = new Set(MADE.filter((c) => c.kind === 'rating').map((c) => c.subsection));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="results"] tbody tr').length > 1);
  const rows = await page.$$eval('[data-testid="results"] tbody tr', (trs) => trs.map((tr) => tr.dataset.id));
  assert.ok(rows.every((id) => turned.has(id.split('-').slice(0, 3).join('-'))), rows.join(' '));
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('with data-previous, a revised figure leads to its detail, where both editions stand side by side', async () => {
  const files = { 'reports/r6.json': JSON.stringify(NEXT), 'reports/r5.json': JSON.stringify(BUNDLED) };
  const { url } = await serveRoot(site('reports/r6.json', files, 'reports/r5.json'));
  const { page, log } = await open(browser, url, { waitFor: '[data-changes="revised"] li a', before: withHooks });
  const said = await text(page, '[data-changes="revised"] li');
  await page.click('[data-changes="revised"] li a');
  await page.waitForSelector('[data-testid="both-editions"] tr[data-revised]');
  const row = await page.$eval('[data-testid="both-editions"] tr[data-revised]', (tr) => [...tr.children].map((c) => c.textContent));
  // The overview's line names the two values; the detail prints each with its line.
  const [older, newer] = [row[1], row[2]].map((cell) => cell.match(/^([^（]+)/)[1]);
  assert.ok(said.includes(older) && said.includes(newer), `${said} / ${row.join(' | ')}`);
  assert.match(row[1], /行）$/);
  assert.match(row[2], /行）\s*改訂$/);
  assert.match(await text(page, '[data-testid="both-editions"] > p'), new RegExp(`${BUNDLED.report.label}の報告書の`));
  // Each KPI's actuals of both editions joined in one chart: the bars are this edition's, the
  // diamonds last year's, each the figure its table row prints for that year.
  const chart = '[data-testid="joined-chart"] .rd-chart';
  await page.$eval(chart, (c) => c.scrollIntoView({ block: 'center' }));
  await page.waitForSelector(`${chart} canvas`, { timeout: 20000 });
  const option = await page.$eval(chart, (el) => JSON.parse(JSON.stringify(window.__rd.chartsModule().getInstanceByDom(el).getOption())));
  const kpi = await page.$eval('[data-testid="joined-chart"]', (f) => f.dataset.kpi);
  const rows = await page.$$eval(`[data-testid="both-editions"] table[data-kpi="${kpi}"] tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  const figure = (cell) => (cell === '—' ? null : Number(cell.match(/^[^0-9.-]*([0-9,.-]+)/)[1].replaceAll(',', '')));
  const actuals = rows.filter((r) => r[0].startsWith('実績') && !/年度の記載なし/.test(r[0]));
  assert.ok(actuals.length > 0, rows.join('\n'));
  assert.deepEqual(option.series.map((x) => x.name), [`${NEXT.report.label}の報告書`, `${BUNDLED.report.label}の報告書`]);
  assert.deepEqual(option.series[0].data, actuals.map((r) => figure(r[2].replace(/\s*改訂$/, ''))));
  assert.deepEqual(option.series[1].data, actuals.map((r) => figure(r[1])));
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('with data-previous, the heatmap can show the share that got worse since; without, it cannot', async () => {
  const files = { 'reports/r6.json': JSON.stringify(NEXT), 'reports/r5.json': JSON.stringify(BUNDLED) };
  const { url } = await serveRoot(site('reports/r6.json', files, 'reports/r5.json'));
  const { page, log } = await open(browser, `${url}#rd/heatmap`, { waitFor: '[data-testid="heatmap"]' });
  await page.click('input[data-measure="worse"]');
  await page.waitForFunction(() => location.hash.includes('hm=worse'));
  await page.waitForFunction(() => /悪化\d+ \/ \d+件/.test(document.querySelector('[data-testid="heat-total"]')?.textContent ?? ''));
  // The rows of the subsection the construction turned to △ are among those counted worse.
  const [worse, compared] = (await text(page, '[data-testid="heat-total"]')).match(/悪化(\d+) \/ (\d+)件/).slice(1).map(Number);
  const turned = new Set(MADE.filter((c) => c.kind === 'rating' && c.rating === 'delayed').map((c) => c.subsection));
  const added = new Set(MADE.filter((c) => c.kind === 'initiative_added').map((c) => c.initiative));
  const inTurned = NEXT.initiatives.filter((i) => !i.relisted && i.same_as === null && turned.has(i.subsection) && !added.has(i.id)).length;
  assert.ok(worse >= inTurned && inTurned > 0 && compared > worse, `${worse} / ${compared}, ${inTurned} in turned subsections`);
  assert.match(await text(page, '.rd-help'), /前年度の報告書にもあった取組のうち/);
  assert.deepEqual(log.errors, []);
  await page.close();
  const { url: alone } = await serveRoot(site('reports/r6.json', { 'reports/r6.json': JSON.stringify(NEXT) }));
  const { page: single } = await open(browser, `${alone}#rd/heatmap`, { waitFor: '[data-testid="heatmap"]' });
  assert.equal(await single.$('input[data-measure="worse"]'), null);
  await single.close();
});

const THIRD = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/edition-r7.json'), 'utf8'));

/** The editions the selectors show: [shown, compared] as their option texts. */
const chosen = (page) => page.evaluate(() => ['edition-shown', 'edition-compared'].map((id) => {
  const select = document.querySelector(`[data-testid="${id}"]`);
  return select.options[select.selectedIndex].textContent;
}));

test('a host naming several previous editions shows the newest beside the one before; either can be switched, Back undoes it and a link reopens it', async () => {
  const files = { 'reports/r7.json': JSON.stringify(THIRD), 'reports/r6.json': JSON.stringify(NEXT), 'reports/r5.json': JSON.stringify(BUNDLED) };
  const { url } = await serveRoot(site('reports/r7.json', files, 'reports/r5.json reports/r6.json'));
  const { page, log } = await open(browser, url, { waitFor: '[data-testid="editions"]' });
  const [r5, r6, r7] = [BUNDLED, NEXT, THIRD].map((r) => r.report);
  assert.deepEqual(await chosen(page), [`${r7.label}（reports/r7.json）`, `${r6.label}（reports/r6.json）`]);
  assert.deepEqual(await page.$$eval('[data-testid="edition-shown"] option', (os) => os.map((o) => o.value)), [r7, r6, r5].map((r) => String(r.fiscal_year)));
  assert.deepEqual(await page.$$eval('[data-testid="edition-compared"] option', (os) => os.map((o) => o.value)), [String(r6.fiscal_year), String(r5.fiscal_year), 'none']);
  assert.equal(await text(page, '#rd-changes-h'), '前年度からの変化');
  // Compared with the edition two years back: named by its year, never 前年度.
  await page.select('[data-testid="edition-compared"]', String(r5.fiscal_year));
  await page.waitForFunction((h) => document.querySelector('#rd-changes-h')?.textContent === h, { timeout: 20000 }, `${r5.label}からの変化`);
  assert.match(page.url(), new RegExp(`#rd/overview\\?ed=${r7.fiscal_year}&vs=${r5.fiscal_year}$`));
  assert.deepEqual(await chosen(page), [`${r7.label}（reports/r7.json）`, `${r5.label}（reports/r5.json）`]);
  assert.match(await text(page, '[data-testid="changes"] .rd-help'), new RegExp(`${r5.label}の報告書と比べた、${r7.label}の報告書の変化`));
  assert.ok(!(await text(page, '[data-testid="changes"]')).includes('前年度'), 'no 前年度 for an edition two years back');
  // On paper the selectors give way to one sentence naming both editions.
  await page.emulateMediaType('print');
  assert.equal(await page.$eval('[data-testid="edition-shown"]', (el) => el.offsetParent), null, 'no drop-down box on paper');
  assert.equal(await text(page, '[data-testid="editions-print"]'), `表示している報告書：${r7.label}（reports/r7.json） 比べている報告書：${r5.label}（reports/r5.json）`);
  await page.emulateMediaType('screen');
  assert.equal(await page.$eval('[data-testid="editions-print"]', (el) => el.offsetParent), null, 'the sentence is for paper only');
  // The shown edition switched: r6, beside r5.
  await page.select('[data-testid="edition-shown"]', String(r6.fiscal_year));
  await page.waitForFunction((t) => document.querySelector('.rd-title')?.textContent === t, { timeout: 20000 }, r6.title);
  assert.deepEqual(await chosen(page), [`${r6.label}（reports/r6.json）`, `${r5.label}（reports/r5.json）`]);
  assert.equal(await text(page, '#rd-changes-h'), '前年度からの変化');
  // A shared link opens the same comparison, on the view it names.
  await page.click('a[data-view="heatmap"]');
  await page.waitForFunction(() => location.hash.startsWith('#rd/heatmap'));
  const link = page.url();
  assert.match(link, new RegExp(`ed=${r6.fiscal_year}&vs=${r5.fiscal_year}`));
  const again = await browser.newPage();
  await again.goto(link, { waitUntil: 'load' });
  await again.waitForSelector('[data-testid="heatmap"]', { timeout: 20000 });
  assert.equal(await again.$eval('.rd-title', (t) => t.textContent), r6.title);
  assert.deepEqual(await chosen(again), [`${r6.label}（reports/r6.json）`, `${r5.label}（reports/r5.json）`]);
  await again.close();
  // Back: the overview of r6, then r7 against r5, then the start: r7 against r6.
  await page.goBack();
  await page.waitForSelector('[data-testid="changes"]');
  await page.goBack();
  await page.waitForFunction((t) => document.querySelector('.rd-title')?.textContent === t, { timeout: 20000 }, r7.title);
  assert.deepEqual(await chosen(page), [`${r7.label}（reports/r7.json）`, `${r5.label}（reports/r5.json）`]);
  await page.goBack();
  await page.waitForFunction((h) => document.querySelector('#rd-changes-h')?.textContent === h, { timeout: 20000 }, '前年度からの変化');
  assert.deepEqual(await chosen(page), [`${r7.label}（reports/r7.json）`, `${r6.label}（reports/r6.json）`]);
  // No comparison: nothing of it shows.
  await page.select('[data-testid="edition-compared"]', 'none');
  await page.waitForFunction(() => !document.querySelector('[data-testid="changes"]') && location.hash.endsWith('vs=none'), { timeout: 20000 });
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('a link naming an edition the page lacks says so and shows what it has', async () => {
  const files = { 'reports/r6.json': JSON.stringify(NEXT), 'reports/r5.json': JSON.stringify(BUNDLED) };
  const { url } = await serveRoot(site('reports/r6.json', files, 'reports/r5.json'));
  const { page } = await open(browser, `${url}#rd/overview?ed=${THIRD.report.fiscal_year}&vs=${BUNDLED.report.fiscal_year}`, { waitFor: '[data-testid="editions"]' });
  assert.equal(await text(page, '.rd-title'), NEXT.report.title);
  assert.match(await text(page, '[data-testid="notices"]'), new RegExp(`${THIRD.report.label}の報告書は、このページにないため、${NEXT.report.label}を表示しています`));
  await page.close();
});

test('offline, a second report file is added beside the first, compared with it, and either can be switched', async () => {
  const dir = scratchDir('rd-editions-offline-');
  writeFileSync(join(dir, 'r6.json'), JSON.stringify(NEXT));
  const { page, log } = await open(browser, pathToFileURL(join(DIST, 'offline/reform-dashboard.html')).href, { waitFor: '[data-testid="open-file"]' });
  assert.equal(await page.$('[data-testid="editions"]'), null, 'one edition: no selectors');
  await (await page.$('[data-testid="open-file"]')).uploadFile(join(dir, 'r6.json'));
  await page.waitForSelector('[data-testid="changes"]', { timeout: 20000 });
  assert.equal(await text(page, '.rd-title'), NEXT.report.title);
  assert.deepEqual(await chosen(page), [`${NEXT.report.label}（r6.json）`, `${BUNDLED.report.label}（このページの報告書）`]);
  // The page's own edition shown again: nothing older to compare with.
  await page.select('[data-testid="edition-shown"]', String(BUNDLED.report.fiscal_year));
  await page.waitForFunction((t) => document.querySelector('.rd-title')?.textContent === t, { timeout: 20000 }, BUNDLED.report.title);
  assert.equal(await page.$('[data-testid="changes"]'), null);
  assert.deepEqual(await chosen(page), [`${BUNDLED.report.label}（このページの報告書）`, '比べない']);
  // A reload keeps both editions and the choice.
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('[data-testid="editions"]', { timeout: 20000 });
  assert.deepEqual(await chosen(page), [`${BUNDLED.report.label}（このページの報告書）`, '比べない']);
  // A corrected reissue of r6 takes r6's place, and the page says so.
  writeFileSync(join(dir, 'r6-corrected.json'), JSON.stringify(NEXT));
  await (await page.$('[data-testid="open-file"]')).uploadFile(join(dir, 'r6-corrected.json'));
  await page.waitForFunction(() => document.querySelector('[data-testid="notices"]')?.textContent.includes('置き換えました'), { timeout: 20000 });
  assert.match(await text(page, '[data-testid="notices"]'), new RegExp(`開いたファイル「r6-corrected\\.json」は${NEXT.report.label}（r6\\.json）と同じ年度の報告書のため、置き換えました。`));
  assert.deepEqual(await chosen(page), [`${NEXT.report.label}（r6-corrected.json）`, `${BUNDLED.report.label}（このページの報告書）`]);
  // Closing the opened file leaves the page's own report alone.
  await page.click('[data-testid="close-opened"]');
  await page.waitForFunction(() => !document.querySelector('[data-testid="editions"]'), { timeout: 20000 });
  assert.equal(await text(page, '.rd-title'), BUNDLED.report.title);
  assert.deepEqual(log.errors, []);
  await page.close();
});
