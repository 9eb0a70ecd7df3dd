// A real CMS page, in Chromium and Firefox: the tag embed in a page whose theme styles every
// ordinary element looks exactly as in a page without it; under a `<base href="/">` every link
// of the dashboard still leads into the page it is in; a link to the page's own contact block
// below the dashboard shows that block; and the Content-Security-Policy of the webmaster's
// guide, read from the guide, lets both the tag embed and the share dialog's iframe run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSERS, REPORT, ROOT, serveRoot } from './harness.mjs';
import { CMS_PAGES, CMS_VIEWS, STYLED_TAGS, compareView, openHosted, readmeCsp, settled, site, styleDifferences, watchCsp } from './host_pages.mjs';

const CSP = readmeCsp();
const BASED = 'kensei/gyozai/based.html';
const dir = site({
  ...CMS_PAGES,
  // A CMS that writes every link from the site's root. The script's `src` is resolved from it.
  [BASED]: { title: '県のページ（base）', script: 'dashboard/dashboard.js', head: '<base href="/">' },
  'tag.html': { title: '県のページ（タグ）', script: 'dashboard/dashboard.js' },
});
// Every page and file of the site comes with the guide's policy, as a server configured by it sends.
const served = serveRoot(dir, { headers: () => ({ 'content-security-policy': CSP }) });
let base;
before(async () => { base = (await served).url; });

/** Opens a page of the site, watching for CSP violations from its first byte. */
const openSite = (browser, path, ready, options = {}) => openHosted(browser, base + path, ready, { ...options, before: watchCsp });
const violations = (page) => page.evaluate(() => window.__csp);

// The views each browser compares, plain and themed: Firefox the overview and the KPI page.
const COMPARED = { Chromium: Object.keys(CMS_VIEWS), Firefox: ['overview', 'kpi'] };

for (const [name, launchBrowser] of BROWSERS) {
  describe(name, () => {
    let browser;
    before(async () => { browser = await launchBrowser(); });
    after(async () => { await browser?.close(); });

    const seen = new Set();
    for (const view of COMPARED[name]) {
      test(`${name}: a CMS theme that styles every element leaves the dashboard as it is: ${view}`, async () => {
        const { plain, themed } = await compareView(browser, base, view);
        for (const key of Object.keys(plain)) seen.add(key.split('[')[0]);
        assert.deepEqual(styleDifferences(plain, themed), []);
      });
    }
    if (name === 'Chromium') {
      test('Chromium: the compared views hold every element type the theme styles', () => {
        assert.deepEqual(STYLED_TAGS.filter((t) => !seen.has(t)), []);
      });
    }

    test(`${name}: under <base href="/">, every link of the dashboard leads into this page, and a click changes the view without loading a page`, async () => {
      const page = `${base}${BASED}?lang=ja`;
      const views = {
        '#rd/overview': '[data-stat="initiatives"]',
        '#rd/explore?dept=%E7%B7%8F%E5%8B%99%E9%83%A8': '[data-testid="results"]',
        '#rd/explore?open=I-3-3-3': '[data-testid="detail"] [data-testid="next"]',
        '#rd/heatmap': '[data-testid="heatmap"] .rd-heat-link',
        '#rd/kpi': '.rd-kpi-card',
      };
      for (const [hash, ready] of Object.entries(views)) {
        const tab = await openSite(browser, `${BASED}?lang=ja${hash}`, ready);
        const hrefs = await tab.$$eval('.rd a[href]', (as) => as.map((a) => a.href));
        assert.ok(hrefs.length >= 6, `${hrefs.length} links on ${hash}`);
        assert.deepEqual(hrefs.filter((h) => !h.startsWith(`${page}#`)), [], `links on ${hash} that leave ${page}`);
        await tab.close();
      }
      // A plain click: the view changes, the document stays (a page load would drop the mark).
      const tab = await openSite(browser, `${BASED}?lang=ja`, 'a[data-view="explore"]');
      await tab.evaluate(() => { window.__samePage = true; });
      await tab.click('a[data-view="explore"]');
      await tab.waitForSelector('[data-testid="results"] tr[data-id] a', { timeout: 30000 });
      const first = await tab.$eval('[data-testid="results"] tr[data-id]', (tr) => tr.dataset.id);
      await tab.click('[data-testid="results"] tr[data-id] a');
      await tab.waitForSelector('[data-testid="detail"]', { timeout: 30000 });
      assert.deepEqual(await tab.evaluate(() => ({ same: window.__samePage, page: location.pathname + location.search, hash: decodeURIComponent(location.hash) })),
        { same: true, page: `/${BASED}?lang=ja`, hash: `#rd/explore?open=${first}` });
      assert.deepEqual(await violations(tab), []);
      await tab.close();
    });

    test(`${name}: a link to the host's contact block below the dashboard shows it once the dashboard is drawn`, async () => {
      const page = await openSite(browser, 'plain.html#contact', '[data-stat="initiatives"]');
      await settled(page);
      const at = await page.evaluate(() => {
        const box = document.querySelector('#contact').getBoundingClientRect();
        const dashboard = document.querySelector('#reform-dashboard').getBoundingClientRect();
        return { top: box.top, bottom: box.bottom, height: innerHeight, scrolled: scrollY, below: dashboard.height > innerHeight };
      });
      assert.ok(at.below, 'the drawn dashboard is taller than the window, so the block was pushed out of view');
      assert.ok(at.scrolled > 0 && at.top >= 0 && at.bottom <= at.height, JSON.stringify(at));
      assert.deepEqual(await violations(page), []);
      await page.close();
      // The dashboard's own view in the address is not the host's anchor: the page stays at its top.
      const view = await openSite(browser, 'plain.html#rd/kpi', '.rd-kpi-card');
      await settled(view);
      assert.equal(await view.evaluate(() => scrollY), 0);
      await view.close();
    });
  });
}

describe('the Content-Security-Policy of the webmaster\'s guide', () => {
  let browser;
  before(async () => { browser = await BROWSERS[0][1](); });
  after(async () => { await browser?.close(); });

  test('the example host page carries the guide\'s policy', () => {
    const example = readFileSync(join(ROOT, 'embed/index.html'), 'utf8');
    assert.equal(example.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1], CSP);
  });

  test('with the guide\'s policy, the tag embed runs and draws its charts with no violation', async () => {
    const page = await openSite(browser, 'tag.html#rd/kpi', '.rd-kpi-card');
    await page.$eval('.rd-kpi-card .rd-chart', (c) => c.scrollIntoView({ block: 'center' }));
    await page.waitForSelector('.rd-kpi-card .rd-chart canvas', { timeout: 30000 });
    assert.equal(await page.$$eval('.rd-kpi-card', (cs) => cs.length), REPORT.kpis.length);
    assert.deepEqual(await violations(page), []);
    await page.close();
  });

  test('with the guide\'s policy, a page carrying the share dialog\'s iframe code shows the view with no violation', async () => {
    const view = '#rd/kpi?kp=II&ko=gap';
    const dashboard = await openSite(browser, `dashboard/index.html${view}`, '[data-testid="share-button"]:not([disabled])');
    const cards = await dashboard.$$eval('.rd-kpi-card', (cs) => cs.map((c) => c.dataset.kpi));
    await dashboard.click('[data-testid="share-button"]');
    const code = await (await dashboard.waitForSelector('[data-testid="embed-code"]')).evaluate((t) => t.value);
    assert.deepEqual(await violations(dashboard), []);
    await dashboard.close();
    writeFileSync(join(dir, 'iframe.html'), `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>県のページ（iframe）</title>
<link rel="icon" href="data:,"></head><body><h1>行財政改革の取組状況</h1>${code}</body></html>`);
    const page = await openSite(browser, 'iframe.html', null);
    // A refused frame stays blank: wait for the view in it or for the host page's report.
    await page.waitForFunction(() => window.__csp.length > 0 || document.querySelector('iframe')?.contentDocument?.querySelector('.rd-embed .rd-kpi-card'), { timeout: 30000 });
    assert.deepEqual(await violations(page), []);
    const frame = await (await page.$('iframe')).contentFrame();
    assert.ok(cards.length > 0);
    assert.deepEqual(await frame.$$eval('.rd-kpi-card', (cs) => cs.map((c) => c.dataset.kpi)), cards);
    assert.deepEqual({ page: await violations(page), frame: await frame.evaluate(() => window.__csp) }, { page: [], frame: [] });
    await page.close();
  });
});
