// The first view: the executive overview shows the figures computed from the JSON.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { REPORT, expectedOverview, fmt, launch, open, serveDist, text } from './harness.mjs';

let browser, server, base, page, log;
before(async () => {
  ({ server, url: base } = await serveDist('web'));
  browser = await launch();
  ({ page, log } = await open(browser, base, { waitFor: '[data-stat="initiatives"]' }));
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('totals equal the counts computed from the JSON', async () => {
  const e = expectedOverview();
  assert.equal(await text(page, '[data-stat="initiatives"] .rd-stat-num'), fmt(e.total.initiatives));
  assert.match(await text(page, '[data-stat="initiatives"]'), new RegExp(`うち再掲 ${e.total.relisted}件`));
  assert.match(await text(page, '[data-testid="coverage"]'), /8、9、14、15ページはテキストに含まれていません/);
  assert.equal(await text(page, '[data-stat="zencho"] .rd-stat-num'), fmt(e.total.zencho));
  assert.equal(await text(page, '[data-stat="on-track"] .rd-stat-num'), fmt(e.total.onTrack));
  assert.equal(await text(page, '[data-stat="delayed"] .rd-stat-num'), fmt(e.total.delayed));
  assert.equal(await text(page, '[data-stat="kpis"] .rd-stat-num'), fmt(e.total.kpis));
  assert.match(await text(page, '[data-stat="kpis"]'), new RegExp(`数値 ${fmt(e.total.points)}件`));
});

test('each pillar row shows its title and counts', async () => {
  const e = expectedOverview();
  for (const p of e.pillars) {
    const cells = await page.$$eval(`[data-testid="pillar-table"] tr[data-pillar="${p.id}"] > *`, (els) => els.map((x) => x.textContent.trim()));
    const pillar = REPORT.pillars.find((x) => x.id === p.id);
    assert.equal(cells[0], `${pillar.numeral} ${pillar.title}`);
    assert.deepEqual(cells.slice(1), [p.initiatives, p.zencho, p.onTrack, p.delayed, p.kpis].map(fmt));
  }
  const total = await page.$$eval('[data-testid="pillar-table"] tr[data-pillar="total"] td', (els) => els.map((x) => x.textContent.trim()));
  assert.deepEqual(total, [e.total.initiatives, e.total.zencho, e.total.onTrack, e.total.delayed, e.total.kpis].map(fmt));
});

test('report title, fiscal year and source with its page range', async () => {
  assert.equal(await text(page, '.rd-title'), REPORT.report.title);
  assert.match(await text(page, '.rd-year'), new RegExp(`${REPORT.report.label}（${REPORT.report.fiscal_year}年度）`));
  const { first, last } = REPORT.report.pages;
  assert.equal(await text(page, '[data-testid="source"]'), `出典: ${REPORT.report.source.name}（報告書 ${first}〜${last}ページ）`);
  assert.match(await text(page, '[data-testid="provenance"]'), new RegExp(REPORT.report.source.sha256.slice(0, 12)));
});

test('the loading message is gone and nothing went wrong', async () => {
  assert.equal(await page.$('.rd-loading'), null);
  assert.deepEqual(log.errors, []);
});

test('no request leaves 127.0.0.1', async () => {
  assert.ok(log.requests.length >= 3, 'html, js and wasm were requested');
  for (const url of log.requests) {
    assert.ok(url.startsWith(base) || url.startsWith('data:'), `request outside loopback: ${url}`);
  }
});

test('without JavaScript the page shows the real overview, pre-rendered, and explains itself', async () => {
  const ctx = await browser.createBrowserContext();
  const p = await ctx.newPage();
  await p.setJavaScriptEnabled(false);
  await p.goto(base, { waitUntil: 'load' });
  const noscript = await p.$eval('noscript', (n) => n.textContent);
  assert.match(noscript, /JavaScript/);
  const e = expectedOverview();
  assert.equal(await text(p, '[data-stat="initiatives"] .rd-stat-num'), fmt(e.total.initiatives));
  assert.equal(await text(p, '.rd-title'), REPORT.report.title);
  assert.deepEqual(await p.$$eval('[data-testid="attention-delayed"] li', (ls) => ls.map((l) => l.dataset.subsection)), e.delayedSubsections);
  await ctx.close();
});
