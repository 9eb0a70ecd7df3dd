// `make screenshots`: PNGs of every view at phone, tablet and desktop widths, for people to look
// at before calling a view done. Writes build/screenshots/WIDTH-VIEW.png and prints, per shot,
// whether the page scrolls sideways.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launch, serveDist } from '../tests/browser/harness.mjs';

const WIDTHS = (process.env.WIDTHS ?? '390,768,1280').split(',').map(Number);
const VIEWS = [
  ['overview', '#rd/overview', '[data-stat="initiatives"]'],
  ['explorer-filtered', '#rd/explore?dept=%E7%B7%8F%E5%8B%99%E9%83%A8', '[data-testid="results"]'],
  ['explorer-page2', '#rd/explore', '[data-testid="results"]', async (page) => {
    await page.click('[data-testid="next-page"]');
    await page.waitForFunction(() => /^51〜/.test(document.querySelector('.rd-pager span')?.textContent ?? ''));
  }],
  ['detail', '#rd/explore?open=II-3-2-4', '[data-testid="detail"]', async (page) => {
    // Charts are drawn near the viewport: bring the detail's chart in, then back to the top.
    await page.$eval('[data-testid="detail"] .rd-chart', (c) => c.scrollIntoView());
    await page.waitForSelector('[data-testid="detail"] .rd-chart canvas');
    await page.evaluate(() => window.scrollTo(0, 0));
  }],
  ['heatmap', '#rd/heatmap', '[data-testid="heatmap"]'],
  ['heatmap-drilled', '#rd/heatmap?hr=%E7%B7%8F%E5%8B%99%E9%83%A8&hc=II', '[data-testid="heatmap"]'],
  ['kpi', '#rd/kpi', '.rd-kpi-card'],
  ['data', '#rd/data', '[data-testid="offers"]'],
  ['help', '#rd/help', '.rd-main h2'],
  ['source-dialog', '#rd/explore?open=I-3-3-3', '[data-testid="kpi-table"] [data-testid="source-button"]:not([disabled])', async (page) => {
    await page.click('[data-testid="kpi-table"] [data-testid="source-button"]');
    await page.waitForSelector('[data-testid="source-dialog"] mark');
  }],
  // Three editions: this report, and the next two opened as files; the latest compared with
  // this one, two years back.
  ['editions', '#rd/overview', '[data-testid="open-file"]', async (page) => {
    for (const year of ['r6', 'r7']) {
      await (await page.$('[data-testid="open-file"]')).uploadFile(join(ROOT, `tests/fixtures/edition-${year}.json`));
      await page.waitForFunction((y) => document.querySelector('[data-testid="edition-shown"] option:checked')?.textContent.includes(`edition-${y}.json`), { timeout: 20000 }, year);
    }
    const oldest = await page.$eval('[data-testid="edition-compared"] option:nth-last-child(2)', (o) => o.value);
    await page.select('[data-testid="edition-compared"]', oldest);
    await page.waitForFunction(() => !document.querySelector('#rd-changes-h')?.textContent.startsWith('前年度'), { timeout: 20000 });
    await page.waitForSelector('[data-testid="changes"]');
    await page.evaluate(() => window.scrollTo(0, 0));
  }],
  ['share-dialog', '#rd/kpi?ks=not_achieved', '[data-testid="share-button"]:not([disabled])', async (page) => {
    await page.click('[data-testid="share-button"]');
    await page.waitForSelector('[data-testid="embed-code"]');
  }],
];

const out = join(ROOT, 'build/screenshots');
mkdirSync(out, { recursive: true });
const { server, url } = await serveDist('web');
const browser = await launch();
for (const width of WIDTHS) {
  for (const [name, hash, ready, act] of VIEWS) {
    const page = await browser.newPage();
    await page.setViewport({ width, height: width < 600 ? 844 : 900 });
    await page.goto(url + hash, { waitUntil: 'load' });
    await page.waitForSelector(ready, { timeout: 20000 });
    if (act) await act(page);
    await new Promise((r) => setTimeout(r, 400));
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    const file = join(out, `${width}-${name}.png`);
    // A dialog is seen over the screen it opened from, as the reader sees it.
    await page.screenshot({ path: file, fullPage: !name.endsWith('-dialog') });
    console.log(`${file}${scroll > client ? `  SCROLLS SIDEWAYS (${scroll} > ${client})` : ''}`);
    await page.close();
  }
}
await browser.close();
server.close();
