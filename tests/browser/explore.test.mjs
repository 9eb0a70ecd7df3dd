// The explorer: filters, facets, Japanese search, sorting, URL state, detail, CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT, answer, download, open, text, useDashboard } from './harness.mjs';

const s = useDashboard();

const rowIds = (page) => page.$$eval('[data-testid="results"] tbody tr', (trs) => trs.map((tr) => tr.dataset.id));
const count = (page) => text(page, '[data-testid="result-count"]');
async function settle(page, expectedCount) {
  await page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.textContent.startsWith(`${n}件`), { timeout: 5000 }, expectedCount);
}

test('a department and a rating give exactly the initiatives the query layer finds', async () => {
  const { page, log } = await open(s.browser, `${s.base}#rd/explore`, { waitFor: '[data-testid="results"]' });
  const { ids: want, universe } = answer('#rd/explore?dept=総務部&rating=delayed');
  assert.ok(want.length > 3);
  await page.select('#rd-f-dept', '総務部');
  await page.select('#rd-f-rating', 'delayed');
  await settle(page, want.length);
  assert.deepEqual(await rowIds(page), want);
  assert.equal(await count(page), `${want.length}件 / 全${universe}件`);
  // Facet counts: the rating options count under the department filter alone.
  const options = await page.$$eval('#rd-f-rating option', (os) => os.map((o) => o.textContent));
  const onTrack = answer('#rd/explore?dept=総務部&rating=delayed').facets.rating.find((o) => o.value === 'on_track');
  assert.ok(options.includes(`${onTrack.label}（${onTrack.count}）`), options.join(' | '));
  assert.match(page.url(), /#rd\/explore\?dept=%E7%B7%8F%E5%8B%99%E9%83%A8&rating=delayed/);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('ＩＣＴ and ict find the same initiatives, and the matches are highlighted', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/explore`, { waitFor: '#rd-q' });
  const fold = (s) => s.normalize('NFKC').toLowerCase();
  const want = answer('#rd/explore?q=ict').ids;
  await page.type('#rd-q', 'ＩＣＴ');
  await settle(page, want.length);
  const wide = await rowIds(page);
  await page.click('#rd-q', { clickCount: 3 });
  await page.type('#rd-q', 'ict');
  await page.waitForFunction(() => location.hash.includes('q=ict'));
  await settle(page, want.length);
  assert.deepEqual(await rowIds(page), wide);
  assert.deepEqual(wide, want);
  const marks = await page.$$eval('[data-testid="results"] mark', (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.length > 0 && marks.every((m) => fold(m) === 'ict'), marks.join(','));
  await page.close();
});

test('a hash restores the view, back and forward work, and bad values show a notice', async () => {
  const hash = '#rd/explore?div=%E4%BA%BA%E4%BA%8B%E8%AA%B2&rating=delayed&sort=title&desc=1&open=II-3-2-4';
  const { page, log } = await open(s.browser, s.base + hash, { waitFor: '[data-testid="detail"]' });
  const want = answer('#rd/explore?div=人事課&rating=delayed').ids;
  await settle(page, want.length);
  assert.equal(await page.$eval('[data-testid="detail"]', (d) => d.dataset.id), 'II-3-2-4');
  assert.equal(await page.$eval('#rd-f-div', (s) => s.value), '人事課');
  assert.equal(await page.$eval('th[aria-sort="descending"] button', (b) => b.dataset.sort), 'title');
  assert.match(await text(page, '#rd-detail-h'), /長時間労働の是正/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'rd-detail-h');
  // Forward to another view, then back.
  await page.click('a[data-view="heatmap"]');
  await page.waitForSelector('[data-testid="heatmap"]');
  await page.goBack();
  await page.waitForSelector('[data-testid="detail"]');
  assert.equal(await page.$eval('#rd-f-div', (s) => s.value), '人事課');
  // A filter change is a history entry of its own: back gives the list and detail before it,
  // forward the change again, and the address follows each step.
  const anyRating = answer('#rd/explore?div=人事課').ids.length;
  assert.ok(anyRating > want.length);
  await page.select('#rd-f-rating', '');
  await settle(page, anyRating);
  await page.waitForFunction(() => location.hash.startsWith('#rd/explore?div=') && !location.hash.includes('rating='));
  await page.goBack();
  await settle(page, want.length);
  await page.waitForSelector('[data-testid="detail"][data-id="II-3-2-4"]');
  assert.equal(await page.$eval('#rd-f-rating', (s) => s.value), 'delayed');
  assert.equal(await page.evaluate(() => location.hash), hash);
  await page.goForward();
  await settle(page, anyRating);
  assert.equal(await page.$eval('#rd-f-rating', (s) => s.value), '');
  assert.equal(await page.$('[data-testid="detail"]'), null);
  await page.goto(`${s.base}#rd/explore?dept=%E5%AD%98%E5%9C%A8&rating=great&q=%E3%81`, { waitUntil: 'load' });
  await page.waitForSelector('[data-testid="notices"] li');
  const fresh = await s.browser.newPage();
  await fresh.goto(`${s.base}#rd/nowhere?x=1`, { waitUntil: 'load' });
  await fresh.waitForSelector('[data-testid="notices"] li');
  assert.equal(await fresh.$eval('a[aria-current="page"]', (a) => a.dataset.view), 'overview');
  await fresh.close();
  const notices = await page.$$eval('[data-testid="notices"] li', (ls) => ls.map((l) => l.textContent));
  assert.equal(notices.length, 3, notices.join(' | '));
  const all = answer('#rd/explore').ids.length;
  assert.equal(await count(page), `${all}件 / 全${all}件`);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('detail: blocks as printed, relisted links, previous and next within the result', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/explore?relisted=1&open=III-3-2-2`, { waitFor: '[data-testid="detail"]' });
  const ini = REPORT.initiatives.find((i) => i.id === 'III-3-2-2');
  const items = await page.$$eval('[data-testid="detail"] .rd-items li .rd-item-text', (ls) => ls.map((l) => l.textContent));
  for (const t of [...ini.content, ...ini.status]) assert.ok(items.includes(t), t);
  assert.match(await text(page, '[data-testid="relisted-from"]'), new RegExp(ini.relisted_from));
  await page.click('[data-testid="relisted-from"] a');
  await page.waitForFunction(() => document.querySelector('[data-testid="detail"]')?.dataset.id === 'II-2-2-5');
  assert.match(await text(page, '[data-testid="relisted-copies"]'), /III-3-2-2/);
  // KPI figures of the original, with their table.
  const kpi = REPORT.kpis.find((k) => k.initiative === 'II-2-2-5');
  const cells = await page.$$eval('[data-testid="detail"] [data-testid="kpi-table"] tbody tr td:nth-child(4)', (ts) => ts.map((t) => t.textContent));
  assert.deepEqual(cells, kpi.series.map((p) => p.text));
  await page.click('[data-testid="next"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="detail"]')?.dataset.id === 'II-2-2-6');
  await page.click('[data-testid="prev"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="detail"]')?.dataset.id === 'II-2-2-5');
  await page.close();
});

test('sorting by a column is operable by keyboard, stable, reversible, and sets aria-sort', async () => {
  // The whole order, as the query layer sorts: by rating (△ first), ties in plan order;
  // descending reverses the ratings but keeps ties in plan order (stable), so it is not the list
  // reversed.
  const order = (dir) => answer(dir > 0 ? '#rd/explore?sort=rating' : '#rd/explore?sort=rating&desc=1').ids;
  const { page } = await open(s.browser, `${s.base}#rd/explore`, { waitFor: '[data-testid="results"]' });
  const shown = async () => {
    const ids = [];
    await page.evaluate(() => window.scrollTo(0, 0));
    for (;;) {
      ids.push(...(await rowIds(page)));
      const next = await page.$('[data-testid="next-page"]:not([disabled])');
      if (!next) return ids;
      const first = ids[ids.length - (await rowIds(page)).length];
      await next.click();
      await page.waitForFunction((f) => document.querySelector('[data-testid="results"] tbody tr')?.dataset.id !== f, {}, first);
    }
  };
  await page.focus('button[data-sort="rating"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('th[aria-sort="ascending"] button[data-sort="rating"]');
  assert.deepEqual(await shown(), order(1));
  await page.focus('button[data-sort="rating"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('th[aria-sort="descending"] button[data-sort="rating"]');
  const desc = await shown();
  assert.deepEqual(desc, order(-1));
  assert.notDeepEqual(desc, [...order(1)].reverse(), 'ties keep plan order');
  await page.close();
});

test('an empty result says so and offers to clear the filters', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/explore?q=%E5%AD%98%E5%9C%A8%E3%81%97%E3%81%AA%E3%81%84%E8%AA%9E`, { waitFor: '[data-testid="empty"]' });
  await page.click('[data-testid="empty"] button');
  await page.waitForSelector('[data-testid="results"]');
  assert.equal(await page.$eval('#rd-q', (i) => i.value), '');
  await page.close();
});

test('CSV download holds the filtered rows, UTF-8 with BOM', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/explore?dept=%E6%95%99%E8%82%B2%E5%BA%81`, { waitFor: '[data-testid="results"]' });
  const csv = readFileSync(await download(page, '[data-testid="csv-initiatives"]', '.csv'), 'utf8');
  assert.ok(csv.startsWith('\uFEFF取組番号,柱番号,柱,'));
  const want = answer('#rd/explore?dept=教育庁').ids;
  const ids = csv.split('\r\n').slice(1).map((l) => l.split(',')[0]).filter((id) => /^I{1,3}-\d+-\d+-\d+$/.test(id));
  assert.deepEqual(ids, want);
  await page.close();
});

test('paging: to the last initiative, after a sort, and back from a detail opened on page 2', async () => {
  const all = answer('#rd/explore').ids;
  const { page, log } = await open(s.browser, `${s.base}#rd/explore`, { waitFor: '[data-testid="results"]' });
  const pagerText = () => text(page, '.rd-pager span');
  const nextPage = async () => {
    const first = (await rowIds(page))[0];
    await page.click('[data-testid="next-page"]');
    await page.waitForFunction((f) => document.querySelector('[data-testid="results"] tbody tr')?.dataset.id !== f, {}, first);
  };
  // Every initiative is reachable, in plan order, and the button reads as a button.
  assert.equal(await text(page, '[data-testid="next-page"]'), '次の50件');
  const seen = [...(await rowIds(page))];
  while (await page.$('[data-testid="next-page"]:not([disabled])')) {
    await nextPage();
    seen.push(...(await rowIds(page)));
  }
  assert.deepEqual(seen, all);
  assert.equal(await pagerText(), `${Math.floor((all.length - 1) / 50) * 50 + 1}〜${all.length}件目（全${all.length}件）`);
  assert.match(page.url(), new RegExp(`page=${Math.ceil(all.length / 50)}`));

  // Sorting starts again at page 1; page 2 then holds the 51st to 100th of the new order.
  await page.click('button[data-sort="rating"]');
  await page.waitForSelector('th[aria-sort="ascending"] button[data-sort="rating"]');
  assert.match(await pagerText(), /^1〜50件目/);
  const byRating = answer('#rd/explore?sort=rating').ids;
  await nextPage();
  assert.deepEqual(await rowIds(page), byRating.slice(50, 100));

  // A detail opened from page 2, then the browser's back button: page 2 again, detail closed.
  const target = byRating[60];
  await page.click(`[data-testid="results"] tr[data-id="${target}"] a`);
  await page.waitForFunction((id) => document.querySelector('[data-testid="detail"]')?.dataset.id === id, {}, target);
  assert.deepEqual(await rowIds(page), byRating.slice(50, 100), 'the list behind the detail stays on page 2');
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('[data-testid="detail"]'));
  assert.deepEqual(await rowIds(page), byRating.slice(50, 100));
  assert.match(await pagerText(), /^51〜100件目/);
  assert.deepEqual(log.errors, []);
  await page.close();
});
