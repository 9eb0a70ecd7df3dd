// Distribution: under a sub-path, embedded in a hostile host page under the guide's CSP, the
// single offline file from file:// with the network off, and opening another report.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, REPORT, answer, drawEveryChart, expectedOverview, fmt, launch, nextEdition, open, serveDist, serveRoot, text, scratchDir } from './harness.mjs';
import { readmeCsp, watchCsp } from './host_pages.mjs';

// The policy the webmaster's guide gives (embed/README.md §4).
const CSP = readmeCsp();

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function overviewIsRight(page) {
  const e = expectedOverview();
  assert.equal(await text(page, '[data-stat="initiatives"] .rd-stat-num'), fmt(e.total.initiatives));
  assert.equal(await text(page, '[data-stat="delayed"] .rd-stat-num'), fmt(e.total.delayed));
}

test('works under a sub-path of a website', async () => {
  const { server, url } = await serveRoot(join(DIST, 'web'), { prefix: '/kensei/gyozai/dashboard/' });
  const { page, log } = await open(browser, url, { waitFor: '[data-stat="initiatives"]' });
  await overviewIsRight(page);
  assert.ok(log.requests.every((r) => r.startsWith(url) || r.startsWith('data:')), log.requests.join('\n'));
  assert.deepEqual(log.errors, []);
  await page.close();
  server.close();
});

test('the hosted build runs under the strict CSP with no violation', async () => {
  const { server, url } = await serveDist('web', { headers: () => ({ 'content-security-policy': CSP }) });
  const page = await browser.newPage();
  await watchCsp(page);
  await page.goto(`${url}#rd/kpi`, { waitUntil: 'load' });
  await page.waitForSelector('.rd-kpi-card');
  assert.equal(await drawEveryChart(page), answer('#rd/kpi').charted.length);
  await page.goto(`${url}#rd/heatmap`, { waitUntil: 'load' });
  await page.waitForSelector('[data-testid="heatmap"]');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await page.close();
  server.close();
});

test('embedded with the tag snippet in a hostile host page, the app keeps its layout', async () => {
  const dir = scratchDir('rd-host-');
  symlinkSync(join(DIST, 'web'), join(dir, 'dashboard'));
  writeFileSync(join(dir, 'host.html'), `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>県のページ</title>
<link rel="stylesheet" href="hostile.css"></head><body><h1>県のページ</h1><a href="#top">先頭へ</a>
<table id="host-table"><tr><td>host</td></tr></table>
<div id="reform-dashboard"></div><script type="module" src="dashboard/dashboard.js"></script></body></html>`);
  writeFileSync(join(dir, 'hostile.css'), '* { box-sizing: content-box; font-size: 30px !important } table { display: none }\n');
  const { server, url } = await serveRoot(dir, { headers: () => ({ 'content-security-policy': CSP }) });
  const page = await browser.newPage();
  await watchCsp(page);
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${url}host.html`, { waitUntil: 'load' });
  await page.waitForSelector('[data-stat="initiatives"]');
  await overviewIsRight(page);
  const style = await page.evaluate(() => ({
    table: getComputedStyle(document.querySelector('[data-testid="pillar-table"]')).display,
    hostTable: getComputedStyle(document.querySelector('#host-table')).display,
    num: getComputedStyle(document.querySelector('.rd-stat-num')).fontSize,
    cell: getComputedStyle(document.querySelector('.rd-table td')).fontSize,
    box: getComputedStyle(document.querySelector('.rd-stat')).boxSizing,
  }));
  assert.deepEqual(style, { table: 'table', hostTable: 'none', num: '32px', cell: '15px', box: 'border-box' });
  // The host's own anchor leaves the dashboard alone; the dashboard's state uses #rd/.
  await page.click('a[data-view="explore"]');
  await page.waitForSelector('[data-testid="results"]');
  await page.evaluate(() => { location.hash = '#top'; });
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(await page.$('[data-testid="results"]'));
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await page.close();
  server.close();
});

test('iframe embed mode hides the header and footer', async () => {
  const { server, url } = await serveRoot(DIST);
  const page = await browser.newPage();
  await page.goto(`${url}embed/iframe.html`, { waitUntil: 'load' });
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  // The pre-rendered overview shows the header until the app, in embed mode, replaces it.
  await frame.waitForFunction(() => !document.querySelector('[data-rd-snapshot]'), { timeout: 20000 });
  await frame.waitForSelector('[data-stat="initiatives"]');
  assert.equal(await frame.$('.rd-title'), null);
  assert.equal(await frame.$('.rd-footer'), null);
  assert.ok(await frame.$('.rd-nav'));
  await page.close();
  server.close();
});

test('the offline file starts from file:// with the network off, and filters and charts work', async () => {
  const file = pathToFileURL(join(DIST, 'offline/reform-dashboard.html')).href;
  const page = await browser.newPage();
  await page.setOfflineMode(true);
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(file, { waitUntil: 'load' });
  await page.waitForSelector('[data-stat="initiatives"]', { timeout: 20000 });
  await overviewIsRight(page);
  await page.goto(`${file}#rd/explore?rating=delayed`, { waitUntil: 'load' });
  const delayed = answer('#rd/explore?rating=delayed').ids.length;
  await page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.textContent.startsWith(`${n}件`), {}, delayed);
  await page.goto(`${file}#rd/kpi`, { waitUntil: 'load' });
  await page.waitForSelector('.rd-kpi-card');
  assert.equal(await drawEveryChart(page), answer('#rd/kpi').charted.length);
  assert.ok(requests.every((r) => r.startsWith(file.split('#')[0]) || r.startsWith('data:') || r.startsWith('blob:')), requests.join('\n'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('another report opens from a file; a malformed one is refused with a message', async () => {
  const { server, url } = await serveDist('web');
  const { page } = await open(browser, url, { waitFor: '[data-testid="open-file"]' });
  const dir = scratchDir('rd-open-');
  const bad = join(dir, 'broken.json');
  writeFileSync(bad, '{"schema_version": "1.0.0", "report": ');
  await (await page.$('[data-testid="open-file"]')).uploadFile(bad);
  await page.waitForSelector('[data-testid="open-error"]');
  assert.match(await text(page, '[data-testid="open-error"]'), /broken\.json は使えません。\d+行\d+列/);
  await overviewIsRight(page);
  const { file: good } = nextEdition();
  await (await page.$('[data-testid="open-file"]')).uploadFile(good);
  await page.waitForFunction(() => document.querySelector('.rd-title')?.textContent === '翌年度の報告書（試験）');
  assert.equal(await text(page, '[data-stat="initiatives"] .rd-stat-num'), '10');
  assert.match(await text(page, '[data-testid="edition-shown"] option:checked'), /next\.json/);
  await page.click('[data-testid="close-opened"]');
  await page.waitForFunction((t) => document.querySelector('.rd-title')?.textContent === t, {}, REPORT.report.title);
  await overviewIsRight(page);
  await page.close();
  server.close();
});
