// A dashboard file made without compiling: build/dashboard-template.html filled with a report,
// the previous edition and the source text, as the import workbench fills it (the placeholder
// contract at the template's writing in scripts/package.mjs), then opened from file:// with the
// network off. What a person sees: that report and its year, never the report compiled into the
// app; the changes since the previous edition; each passage of the source text; and, for a
// report that cannot be read, a clear message instead of any report.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DIST, REPORT, ROOT, launch, open, scratchDir, text } from './harness.mjs';

const TEMPLATE_FILE = join(ROOT, 'build/dashboard-template.html');
if (!existsSync(TEMPLATE_FILE)) throw new Error(`${TEMPLATE_FILE} missing: run \`make dist\` first`);
const TEMPLATE = readFileSync(TEMPLATE_FILE, 'utf8');
const SLOTS = ['__REFORM_REPORT__', '__REFORM_PREVIOUS__', '__REFORM_SOURCE__'];

const R6_JSON = readFileSync(join(ROOT, 'tests/fixtures/edition-r6.json'), 'utf8');
const R6 = JSON.parse(R6_JSON);
const R6_TEXT = readFileSync(join(ROOT, 'tests/fixtures/edition-r6.txt'));
const R6_LINES = R6_TEXT.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
const PREVIOUS_JSON = readFileSync(join(ROOT, 'data/initiatives.json'), 'utf8');
assert.equal(R6.report.label, '令和6年度');
assert.equal(REPORT.report.label, '令和5年度');

/**
 * The template filled as the contract says: the JSON with every "</" as "<\/" and "<!--" as
 * "\u003c!--", each placeholder replaced where the template has it (never searched again in a
 * partly filled text). Written to a scratch folder; returns its file:// address.
 */
function filled({ report, previous = '', source = '' }) {
  const escape = (json) => json.replaceAll('</', '<\\/').replaceAll('<!--', '\\u003c!--');
  const values = { __REFORM_REPORT__: escape(report), __REFORM_PREVIOUS__: escape(previous), __REFORM_SOURCE__: source };
  const parts = TEMPLATE.split(new RegExp(`(${SLOTS.join('|')})`));
  assert.equal(parts.length, 2 * SLOTS.length + 1, 'each placeholder once');
  const file = join(scratchDir('rd-page-report-'), 'reform-dashboard.html');
  writeFileSync(file, parts.map((part, i) => (i % 2 ? values[part] : part)).join(''));
  return pathToFileURL(file).href;
}

const browser = await launch();
after(() => browser.close());

/** Opens `url` with the network off, as the offline file is used. */
const openOffline = (url, waitFor) => open(browser, url, { waitFor, before: (page) => page.setOfflineMode(true) });

test('the template holds each placeholder once, in its element, and no pre-rendered overview; the offline file holds none', () => {
  for (const [slot, element] of [
    ['__REFORM_REPORT__', '<script type="application/json" id="reform-report">'],
    ['__REFORM_PREVIOUS__', '<script type="application/json" id="reform-previous">'],
    ['__REFORM_SOURCE__', '<script type="text/plain" id="reform-source">'],
  ]) {
    assert.equal(TEMPLATE.split(slot).length, 2, slot);
    assert.ok(TEMPLATE.includes(`\n${element}${slot}</script>\n`), `${slot} alone in its element, on its own line`);
  }
  // The stylesheet names the attribute (it hides a snapshot while a named report loads): no
  // element carries it.
  assert.ok(!/<[a-z][^>]*\sdata-rd-snapshot/.test(TEMPLATE), 'no pre-rendered overview');
  assert.match(TEMPLATE, /<div id="reform-dashboard">\s*<p class="rd-loading" role="status">報告書を読み込んでいます…<\/p>/);
  const offline = readFileSync(join(DIST, 'offline/reform-dashboard.html'), 'utf8');
  assert.ok(/<[a-z][^>]*\sdata-rd-snapshot/.test(offline), 'the offline file keeps its pre-rendered overview');
  for (const slot of SLOTS) assert.ok(!offline.includes(slot), slot);
  assert.ok(!/id="reform-(report|previous|source)"/.test(offline));
});

test('a filled template shows its report (令和6年度), the changes since the previous edition, and the source passages', async () => {
  assert.equal(createHash('sha256').update(R6_TEXT).digest('hex'), R6.report.source.sha256, 'the fixture text is the one its report was read from');
  // A title with what would end or unsettle its element, were it not escaped.
  const report = structuredClone(R6);
  report.report.title = `${R6.report.title} </script><!--<script>`;
  const url = filled({ report: JSON.stringify(report), previous: PREVIOUS_JSON, source: gzipSync(R6_TEXT, { level: 9 }).toString('base64') });
  const { page, log } = await openOffline(url, '[data-testid="changes"]');
  assert.equal(await text(page, '.rd-title'), report.report.title);
  assert.equal(await text(page, '.rd-year'), `${R6.report.label}（${R6.report.fiscal_year}年度）`);
  assert.ok(!(await text(page, '.rd-header')).includes(REPORT.report.label), 'the header never says the compiled-in year');
  assert.match(await text(page, '[data-testid="provenance"]'), /令和6年度時点/);
  // Compared with the previous edition the page holds.
  assert.match(await text(page, '[data-testid="changes"]'), /前年度からの変化/);
  assert.match(await text(page, '[data-testid="changes"] .rd-help'), new RegExp(`${REPORT.report.label}の報告書と比べた、${R6.report.label}の報告書の変化`));
  // The selectors name both editions the page holds by year, each once.
  assert.deepEqual(await page.$$eval('[data-testid="editions"] select', (ss) => ss.map((s) => s.selectedOptions[0].textContent)),
    [`${R6.report.label}（このページの報告書）`, `${REPORT.report.label}（このページの前年度の報告書）`]);
  // 「出典を見る」 in a detail: the passage from the text the page holds, checked against the report.
  const ini = R6.initiatives.find((i) => i.content.length > 0);
  await page.goto(`${url}#rd/explore?open=${ini.id}`);
  await page.waitForSelector('[data-testid="detail"] .rd-items [data-testid="source-button"]:not([disabled])', { timeout: 20000 });
  await page.click('[data-testid="detail"] .rd-items [data-testid="source-button"]');
  await page.waitForSelector('[data-testid="source-dialog"] [data-testid="passage"] mark', { timeout: 20000 });
  const shown = await page.$eval('[data-testid="source-dialog"]', (d) => ({
    error: d.querySelector('[data-testid="source-error"]')?.textContent ?? null,
    marks: [...d.querySelectorAll('mark')].map((m) => m.textContent).join(''),
    marked: [...d.querySelectorAll('li.rd-marked')].map((li) => ({ line: Number(li.value), text: li.textContent })),
  }));
  assert.equal(shown.error, null);
  const compact = (t) => t.replace(/\s+/g, '');
  assert.equal(compact(shown.marks), compact(ini.content[0]));
  assert.ok(shown.marked.length > 0);
  for (const m of shown.marked) assert.equal(m.text, R6_LINES[m.line - 1]);
  // The KPI page draws its charts from the copies of ECharts and the chart module the page holds.
  await page.goto(`${url}#rd/kpi`);
  await page.waitForSelector('.rd-chart canvas', { timeout: 20000 });
  assert.equal(await page.$('[data-testid="chart-failed"]'), null);
  assert.ok(log.requests.every((r) => r.startsWith(url.split('#')[0]) || r.startsWith('data:') || r.startsWith('blob:')), log.requests.join('\n'));
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('with the previous edition and the source text left empty, the report is shown without comparison', async () => {
  const { page, log } = await openOffline(filled({ report: R6_JSON }), '[data-testid="pillar-table"]');
  assert.equal(await text(page, '.rd-title'), R6.report.title);
  assert.equal(await page.$('[data-testid="changes"]'), null);
  assert.deepEqual(await page.$$eval('[data-testid="notices"] li', (ls) => ls.map((l) => l.textContent)), [], 'nothing to say about a previous edition');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('a report that cannot be read is said so, and the report compiled into the app is not shown instead', async () => {
  const ALERT = '[data-testid="report-message"][role="alert"]';
  const { page } = await openOffline(filled({ report: '{"schema_version": "1.0.0", "report": ', previous: PREVIOUS_JSON }), ALERT);
  const message = await text(page, ALERT);
  assert.match(message, /報告書を表示できません/);
  assert.match(message, /このファイルに埋め込まれた報告書の内容を読めませんでした：\d+行\d+列/);
  assert.equal(await page.$('.rd-title'), null);
  assert.equal(await page.$('[data-stat]'), null);
  const visible = await page.evaluate(() => document.body.innerText);
  assert.ok(!visible.includes(REPORT.report.title), 'nothing of the compiled-in report');
  await page.close();
});
