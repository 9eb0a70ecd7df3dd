// 「出典を見る」 and 「このビューを共有」: every figure opens its printed line (checked against the
// source file itself), the dialog is a real modal (focus inside, Esc, focus back), the source
// text is fetched once and only when first needed, a foreign text is refused, the copied link
// restores the view, and the embed code opens the same view in embed mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, REPORT, ROOT, open, useDashboard } from './harness.mjs';

const s = useDashboard();

/** The source file split as the normalizer splits it. */
const SOURCE_LINES = readFileSync(join(ROOT, 'data/source', REPORT.report.source.name), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
const pageOf = (line) => REPORT.report.source.page_spans.find((p) => p.first_line <= line && line <= p.last_line)?.page ?? null;
const compact = (t) => t.replace(/\s+/g, '');

// 寄附額（個人版）, Ⅰ-3-3-3: its R3–R5 actuals.
const DONATIONS = REPORT.kpis.find((k) => k.initiative === 'I-3-3-3' && k.label.includes('寄附'));
const DONATION_ACTUALS = DONATIONS.series.filter((p) => p.kind === 'actual' && p.fiscal_year >= 2021 && p.fiscal_year <= 2023);

/** Clicks the 「出典」 button of the KPI table row of `point` (several figures share a line). */
async function openFigure(page, kpi, point) {
  await page.evaluate((kpiLabel, line, text) => {
    const table = [...document.querySelectorAll('[data-testid="kpi-table"]')].find((t) => t.querySelector('caption').textContent.startsWith(kpiLabel));
    const cells = (tr) => [...tr.children].map((c) => c.firstChild?.textContent.trim());
    const row = [...table.querySelectorAll('tbody tr')].find((tr) => cells(tr)[3] === text && cells(tr)[5] === String(line));
    row.querySelector('[data-testid="source-button"]').click();
  }, kpi.label, point.line, point.text);
  await page.waitForSelector('[data-testid="source-dialog"] [data-testid="passage"]', { timeout: 20000 });
}

const passage = (page) =>
  page.$eval('[data-testid="source-dialog"]', (d) => ({
    open: d.open,
    page: d.querySelector('[data-testid="passage"]').dataset.page ?? null,
    where: d.querySelector('.rd-passage-where').textContent,
    marks: [...d.querySelectorAll('mark')].map((m) => m.textContent),
    marked: [...d.querySelectorAll('li.rd-marked')].map((li) => ({ line: Number(li.value), text: li.textContent })),
    lines: [...d.querySelectorAll('li')].map((li) => Number(li.value)),
  }));

const closeWithEsc = async (page) => {
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[data-testid="source-dialog"]'), { timeout: 5000 });
};

test('the source dialog shows the printed line of each 寄附額 R3–R5 actual, marked, with its printed page', async () => {
  assert.equal(DONATION_ACTUALS.length, 3);
  const { page, log } = await open(s.browser, `${s.base}#rd/explore?open=I-3-3-3`, { waitFor: '[data-testid="kpi-table"]' });
  const sourceRequests = () => log.requests.filter((u) => /\/source-[0-9a-f]{16}\.txt\.gz$/.test(u));
  assert.deepEqual(sourceRequests(), [], 'the source text is not loaded before it is asked for');
  for (const point of DONATION_ACTUALS) {
    await openFigure(page, DONATIONS, point);
    const p = await passage(page);
    assert.equal(p.open, true);
    assert.deepEqual(p.marks, [point.text]);
    assert.deepEqual(p.marked, [{ line: point.line, text: SOURCE_LINES[point.line - 1] }]);
    const printed = pageOf(point.line);
    assert.ok(printed, `line ${point.line} has a printed page`);
    assert.equal(p.page, String(printed));
    assert.match(p.where, new RegExp(`報告書 ${printed}ページ\\s*${point.line}行`));
    // Context: the lines around it, all on the same printed page.
    assert.ok(p.lines.length > 1 && p.lines.every((n) => pageOf(n) === printed), JSON.stringify(p.lines));
    await closeWithEsc(page);
  }
  assert.equal(sourceRequests().length, 1, 'fetched once, on first use');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('the source dialog keeps focus inside, closes on Esc and gives focus back to its button', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/explore?open=I-3-3-3`, { waitFor: '[data-testid="kpi-table"]' });
  await openFigure(page, DONATIONS, DONATION_ACTUALS[0]);
  // A modal dialog: the page behind it is inert.
  assert.equal(await page.$eval('[data-testid="source-dialog"]', (d) => d.matches(':modal')), true);
  const inside = () => page.evaluate(() => document.querySelector('[data-testid="source-dialog"]').contains(document.activeElement));
  assert.equal(await inside(), true, 'focus moves into the dialog');
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    assert.equal(await inside(), true, `focus still inside after Tab ${i + 1}`);
  }
  for (let i = 0; i < 3; i++) {
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    assert.equal(await inside(), true, `focus still inside after Shift+Tab ${i + 1}`);
  }
  await closeWithEsc(page);
  const focused = await page.evaluate(() => ({ testid: document.activeElement?.dataset.testid, label: document.activeElement?.getAttribute('aria-label') }));
  assert.equal(focused.testid, 'source-button');
  assert.ok(focused.label.includes(DONATION_ACTUALS[0].text), focused.label);
  // 「閉じる」 closes it too.
  await openFigure(page, DONATIONS, DONATION_ACTUALS[1]);
  await page.click('[data-testid="source-dialog"] .rd-dialog-head button');
  await page.waitForFunction(() => !document.querySelector('[data-testid="source-dialog"]'));
  await page.close();
});

test('every text block and the subsection summary of a detail open their own printed lines', async () => {
  const ini = REPORT.initiatives.find((i) => i.id === 'I-1-1-1');
  const sub = REPORT.subsections.find((x) => x.id === ini.subsection);
  const { page } = await open(s.browser, `${s.base}#rd/explore?open=${ini.id}`, { waitFor: '[data-testid="detail"]' });
  const items = [...ini.content, ...ini.targets, ...ini.status, ...ini.challenges, ...ini.next_year];
  const buttons = await page.$$('[data-testid="detail"] .rd-items [data-testid="source-button"]');
  assert.equal(buttons.length, items.length);
  for (const [k, item] of items.entries()) {
    await buttons[k].click();
    await page.waitForSelector('[data-testid="source-dialog"] [data-testid="passage"]');
    const p = await passage(page);
    assert.equal(compact(p.marks.join('')), compact(item), `item ${k}`);
    for (const m of p.marked) assert.equal(m.text, SOURCE_LINES[m.line - 1]);
    assert.ok(ini.source.some((o) => o.first_line <= p.marked[0].line && p.marked.at(-1).line <= o.last_line), 'inside the row as printed');
    assert.equal(p.page, String(pageOf(p.marked[0].line)));
    await closeWithEsc(page);
  }
  const summaryButtons = await page.$$('[data-testid="detail"] .rd-para [data-testid="source-button"]');
  assert.equal(summaryButtons.length, sub.summary.length);
  await summaryButtons[0].click();
  await page.waitForSelector('[data-testid="source-dialog"] [data-testid="passage"]');
  assert.equal(compact((await passage(page)).marks.join('')), compact(sub.summary[0]));
  await page.close();
});

test('the overview\'s KPIs that need attention open both figures compared: actual and target', async () => {
  // The pre-rendered overview's buttons are disabled until the app takes over.
  const { page } = await open(s.browser, s.base, { waitFor: '[data-testid="attention-short"] li [data-testid="source-button"]:not([disabled])' });
  const id = await page.$eval('[data-testid="attention-short"] li', (li) => li.dataset.kpi);
  await page.click('[data-testid="attention-short"] li [data-testid="source-button"]');
  await page.waitForSelector('[data-testid="source-dialog"] [data-testid="passage"]');
  const kpi = REPORT.kpis.find((k) => k.id === id);
  const shown = await page.$$eval('[data-testid="source-dialog"] [data-testid="passage"]', (ps) => ps.map((p) => ({ line: Number(p.dataset.firstLine), mark: p.querySelector('mark').textContent })));
  assert.equal(shown.length, 2);
  for (const { line, mark } of shown) {
    assert.ok(kpi.series.some((p) => p.line === line && p.text === mark), `${mark} on line ${line} is a figure of ${id}`);
    assert.ok(SOURCE_LINES[line - 1].includes(mark));
  }
  await page.close();
});

test('a source text that is not the report\'s is refused with its fingerprint, not shown', async () => {
  const page = await s.browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    if (/\/source-[0-9a-f]{16}\.txt\.gz$/.test(r.url())) r.respond({ status: 200, contentType: 'application/gzip', body: gzipSync(Buffer.from('別の報告書\n')) });
    else r.continue();
  });
  await page.goto(`${s.base}#rd/explore?open=I-3-3-3`, { waitUntil: 'load' });
  await page.waitForSelector('[data-testid="kpi-table"]');
  await page.click('[data-testid="kpi-table"] [data-testid="source-button"]');
  await page.waitForSelector('[data-testid="source-dialog"] [data-testid="source-error"]');
  const dialog = await page.$eval('[data-testid="source-dialog"]', (d) => ({ text: d.textContent, lines: d.querySelectorAll('li.rd-marked').length }));
  assert.match(dialog.text, new RegExp(`SHA-256 ${REPORT.report.source.sha256.slice(0, 12)}`));
  assert.equal(dialog.lines, 0);
  await page.close();
});

/** Opens the share dialog and reads what it offers. */
async function share(page) {
  await page.click('[data-testid="share-button"]');
  await page.waitForSelector('[data-testid="share-dialog"]');
  return page.$eval('[data-testid="share-dialog"]', (d) => ({
    link: d.querySelector('[data-testid="share-link"]').value,
    code: d.querySelector('[data-testid="embed-code"]')?.value ?? null,
    local: d.querySelector('[data-testid="share-local"]')?.textContent ?? null,
  }));
}

const kpiOrder = (frame) => frame.$$eval('.rd-kpi-card', (cards) => cards.map((c) => c.dataset.kpi));

test('「リンクをコピー」 copies the link of the view, which restores it', async () => {
  const view = '#rd/kpi?ks=undated&ko=gap';
  await s.browser.defaultBrowserContext().overridePermissions(s.base, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
  const { page } = await open(s.browser, s.base + view, { waitFor: '.rd-kpi-card' });
  const before = await kpiOrder(page);
  const offered = await share(page);
  assert.equal(offered.link, s.base + view);
  await page.click('[data-testid="copy-link"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="share-status"]').textContent.includes('コピーしました'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, offered.link);
  const { page: again } = await open(s.browser, copied, { waitFor: '.rd-kpi-card' });
  assert.deepEqual(await kpiOrder(again), before);
  assert.deepEqual(await again.$$eval('.rd-count-button[aria-pressed="true"]', (bs) => bs.map((b) => b.closest('li').dataset.status)), ['undated']);
  await Promise.all([page.close(), again.close()]);
});

test('sharing straight after a filter change offers the new view, before the address has followed', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/explore`, { waitFor: '#rd-f-dept' });
  // The change and the click in one task: the history entry is written only after the next paint.
  const hashAtClick = await page.evaluate(() => {
    const select = document.querySelector('#rd-f-dept');
    select.value = '総務部';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    document.querySelector('[data-testid="share-button"]').click();
    return location.hash;
  });
  assert.equal(hashAtClick, '#rd/explore');
  await page.waitForSelector('[data-testid="share-dialog"]');
  const link = await page.$eval('[data-testid="share-link"]', (i) => i.value);
  assert.equal(decodeURIComponent(link), `${s.base}#rd/explore?dept=総務部`);
  await page.close();
});

test('the embed code opens the same view in an iframe, in embed mode, with a title', async () => {
  const view = '#rd/heatmap?hm=kpi&hs=share';
  const { page } = await open(s.browser, s.base + view, { waitFor: '[data-testid="heatmap"]' });
  const offered = await share(page);
  assert.ok(offered.code, 'an embed code is offered on a web server');
  const iframe = offered.code.match(/^<iframe src="([^"]+)" title="([^"]+)" width="100%" height="(\d+)"[^>]*><\/iframe>$/);
  assert.ok(iframe, offered.code);
  const [, src, title, height] = iframe;
  assert.equal(src.replaceAll('&amp;', '&'), `${s.base}?embed=1${view}`);
  assert.ok(title.startsWith(REPORT.report.title) && title.includes('ヒートマップ'), title);
  assert.ok(Number(height) >= 480 && Number(height) <= 2400, height);
  const cells = await page.$$eval('[data-testid="heatmap"] td', (tds) => tds.map((td) => td.textContent));
  const host = await s.browser.newPage();
  await host.setContent(`<!doctype html><html lang="ja"><head><title>県のページ</title></head><body><h1>県のページ</h1>${offered.code}</body></html>`);
  const frame = await (await host.waitForSelector('iframe')).contentFrame();
  await frame.waitForSelector('[data-testid="heatmap"]', { timeout: 20000 });
  assert.equal(await frame.$eval('.rd', (el) => el.classList.contains('rd-embed')), true);
  assert.equal(await frame.$('.rd-title'), null, 'embed mode hides the title');
  assert.deepEqual(await frame.$$eval('[data-testid="heatmap"] td', (tds) => tds.map((td) => td.textContent)), cells);
  await Promise.all([page.close(), host.close()]);
});

test('from file://, sharing gives the link and explains that embedding needs the hosted copy; the source still opens offline', async () => {
  const page = await s.browser.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const file = pathToFileURL(join(DIST, 'offline/reform-dashboard.html')).href;
  await page.goto(`${file}#rd/explore?open=I-3-3-3`, { waitUntil: 'load' });
  await page.waitForSelector('[data-testid="kpi-table"]');
  const offered = await share(page);
  assert.equal(offered.link, `${file}#rd/explore?open=I-3-3-3`);
  assert.equal(offered.code, null);
  assert.match(offered.local, /file:\/\/.*ウェブサーバー/);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[data-testid="share-dialog"]'));
  await openFigure(page, DONATIONS, DONATION_ACTUALS[2]);
  assert.deepEqual((await passage(page)).marks, [DONATION_ACTUALS[2].text]);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:')), []);
  await page.close();
});
