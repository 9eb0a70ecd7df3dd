// The offline file in Firefox (Debian's firefox-esr over WebDriver BiDi): opened from file://
// with every network request sent to a closed proxy port, no browser flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { DIST, REPORT, expectedOverview, fmt, isRepeat } from './harness.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

test('the offline file starts in Firefox from file:// and draws the overview, filters and charts', async () => {
  assert.ok(existsSync(FIREFOX), `Firefox not found at ${FIREFOX}: run \`make tools\` as root (installs firefox-esr) or set FIREFOX=`);
  const profile = mkdtempSync(join(tmpdir(), 'rd-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: { 'network.proxy.type': 1, 'network.proxy.http': '127.0.0.1', 'network.proxy.http_port': 9, 'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': 9 },
  });
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
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
