// Firefox (Debian's firefox-esr over WebDriver BiDi): the offline file opened from file://, and
// the hosted build's source dialog and embed code from a loopback server, with every other
// network request sent to a closed proxy port, no browser flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { DIST, REPORT, expectedOverview, fmt, isRepeat, serveDist, scratchDir } from './harness.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

async function launchFirefox() {
  assert.ok(existsSync(FIREFOX), `Firefox not found at ${FIREFOX}: run \`make tools\` as root (installs firefox-esr) or set FIREFOX=`);
  const profile = scratchDir('rd-firefox-');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    // Loopback is never proxied, so a test server stays reachable.
    extraPrefsFirefox: { 'network.proxy.type': 1, 'network.proxy.http': '127.0.0.1', 'network.proxy.http_port': 9, 'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': 9 },
  });
  return { browser, profile };
}

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
  const { browser, profile } = await launchFirefox();
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
    const delayed = REPORT.initiatives.filter((i) => !isRepeat(i) && REPORT.subsections.find((s) => s.id === i.subsection).rating === 'delayed').length;
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
    rmSync(profile, { recursive: true, force: true });
  }
});

test('hosted, in Firefox: the source text is fetched and shown, and the embed code opens the view in embed mode', async () => {
  const { url } = await serveDist('web');
  const { browser, profile } = await launchFirefox();
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
    assert.deepEqual(await frame.$$eval('.rd-kpi-card', (cs) => cs.map((c) => c.dataset.kpi)), cards);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
