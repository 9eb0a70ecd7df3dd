// Firefox (Debian's firefox-esr over WebDriver BiDi): the offline file opened from file://, the
// hosted build's source dialog and embed code, and printing the overview and the KPI page, from
// a loopback server with every other network request sent to a closed proxy port, no browser
// flags. (cms.test.mjs runs the CMS host page checks in Firefox too.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, REPORT, answer, expectedOverview, fmt, launchFirefox, serveDist } from './harness.mjs';
import { openHosted } from './host_pages.mjs';
import { INK, checkChartsCompleteAt, checkKpiPrintout, checkOverviewPrintout, printA4 } from './printing.mjs';

// 寄附額（個人版） R5 actual, Ⅰ-3-3-3.
const DONATIONS = REPORT.kpis.find((k) => k.initiative === 'I-3-3-3' && k.label.includes('寄附'));
const DONATION_R5 = DONATIONS.series.find((p) => p.kind === 'actual' && p.fiscal_year === 2023);

/** Opens the source dialog of the R5 donation figure and returns what it marks. */
async function donationSource(page, detailUrl) {
  await page.goto(detailUrl, { waitUntil: 'load' });
  await page.waitForSelector('[data-testid="kpi-table"] [data-testid="source-button"]:not([disabled])', { timeout: 30000 });
  await page.evaluate((text) => {
    const row = [...document.querySelectorAll('[data-testid="kpi-table"] tbody tr')].find((tr) => tr.children[3].textContent.trim() === text);
    row.querySelector('[data-testid="source-button"]').click();
  }, DONATION_R5.text);
  await page.waitForSelector('[data-testid="source-dialog"] mark', { timeout: 30000 });
  return page.$eval('[data-testid="source-dialog"]', (d) => ({ modal: d.matches(':modal'), mark: d.querySelector('mark').textContent, line: Number(d.querySelector('li.rd-marked').value) }));
}

test('the offline file starts in Firefox from file:// and draws the overview, filters and charts', async () => {
  const browser = await launchFirefox();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const file = pathToFileURL(join(DIST, 'offline/reform-dashboard.html')).href;
    await page.goto(file, { waitUntil: 'load' });
    await page.waitForSelector('[data-stat="initiatives"]', { timeout: 30000 });
    const e = expectedOverview();
    assert.equal(await page.$eval('[data-stat="initiatives"] .rd-stat-num', (n) => n.textContent), fmt(e.total.initiatives));
    await page.goto(`${file}#rd/explore?rating=delayed`, { waitUntil: 'load' });
    const delayed = answer('#rd/explore?rating=delayed').ids.length;
    await page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.textContent.startsWith(`${n}件`), { timeout: 10000 }, delayed);
    await page.goto(`${file}#rd/kpi`, { waitUntil: 'load' });
    // Charts are drawn near the viewport: the first at once, the last once scrolled to.
    await page.waitForSelector('.rd-kpi-card .rd-chart', { timeout: 30000 });
    await page.$eval('.rd-kpi-card .rd-chart', (c) => c.scrollIntoView());
    await page.waitForSelector('.rd-kpi-card .rd-chart canvas', { timeout: 30000 });
    await page.$$eval('.rd-chart', (cs) => cs[cs.length - 1].scrollIntoView());
    await page.waitForFunction(() => [...document.querySelectorAll('.rd-chart')].pop()?.querySelector('canvas'), { timeout: 30000 });
    // 「出典を見る」 from file://: the inline source text, inflated by Firefox, the figure marked.
    assert.deepEqual(await donationSource(page, `${file}#rd/explore?open=I-3-3-3`), { modal: true, mark: DONATION_R5.text, line: DONATION_R5.line });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid="source-dialog"]'), { timeout: 5000 });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'source-button');
    // 「このビューを共有」 from file://: the link, and why there is no embed code.
    await page.click('[data-testid="share-button"]');
    await page.waitForSelector('[data-testid="share-local"]');
    assert.equal(await page.$eval('[data-testid="share-link"]', (i) => i.value), `${file}#rd/explore?open=I-3-3-3`);
    assert.equal(await page.$('[data-testid="embed-code"]'), null);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('hosted, in Firefox: the source text is fetched and shown, and the embed code opens the view in embed mode', async () => {
  const { url } = await serveDist('web');
  const browser = await launchFirefox();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    assert.deepEqual(await donationSource(page, `${url}#rd/explore?open=I-3-3-3`), { modal: true, mark: DONATION_R5.text, line: DONATION_R5.line });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid="source-dialog"]'), { timeout: 5000 });
    const view = '#rd/kpi?ks=undated&ko=gap';
    await page.goto(url + view, { waitUntil: 'load' });
    await page.waitForSelector('[data-testid="share-button"]:not([disabled])', { timeout: 30000 });
    const cards = await page.$$eval('.rd-kpi-card', (cs) => cs.map((c) => c.dataset.kpi));
    await page.click('[data-testid="share-button"]');
    await page.waitForSelector('[data-testid="embed-code"]');
    const { link, code } = await page.evaluate(() => ({ link: document.querySelector('[data-testid="share-link"]').value, code: document.querySelector('[data-testid="embed-code"]').value }));
    assert.equal(link, url + view);
    const host = await browser.newPage();
    await host.setContent(`<!doctype html><html lang="ja"><head><title>県のページ</title></head><body>${code}</body></html>`);
    const frame = await (await host.waitForSelector('iframe')).contentFrame();
    await frame.waitForSelector('.rd-embed .rd-kpi-card', { timeout: 30000 });
    assert.ok(cards.length > 0);
    assert.deepEqual(await frame.$$eval('.rd-kpi-card', (cs) => cs.map((c) => c.dataset.kpi)), cards);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

describe('Firefox printing', () => {
  let browser;
  let url;
  before(async () => {
    url = (await serveDist('web')).url;
    browser = await launchFirefox();
  });
  after(async () => { await browser?.close(); });

  test('Firefox prints the overview on two A4 pages at most, its table whole with its header', async () => {
    const page = await openHosted(browser, `${url}#rd/overview`, '.rd-overview');
    checkOverviewPrintout(await printA4(page, 'firefox-overview'), { runningHeader: false });
    await page.close();
  });

  test('Firefox prints the KPI page six KPIs to a page, every chart complete when printing starts', async () => {
    // After printing, the app lets the charts far from the viewport go; kept here, so that what
    // each chart held when printing started can be compared with its complete drawing.
    const keepCharts = (page) => page.evaluateOnNewDocument(() => addEventListener('afterprint', (e) => e.stopImmediatePropagation()));
    const page = await openHosted(browser, `${url}#rd/kpi`, '.rd-kpi-card .rd-chart canvas', { before: keepCharts });
    // Added after the app's own listener, so it reads the charts as the app leaves them for the printer.
    await page.evaluate(`addEventListener('beforeprint', () => { window.__inkAtPrint = ${INK}(); })`);
    const printout = await printA4(page, 'firefox-kpi');
    const atPrint = await page.evaluate(() => window.__inkAtPrint);
    assert.ok(Array.isArray(atPrint), 'Firefox fires beforeprint when it prints');
    await checkChartsCompleteAt(page, atPrint);
    checkKpiPrintout(printout, { runningHeader: false, pictures: atPrint.length });
    await page.close();
  });
});
