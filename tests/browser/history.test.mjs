// Back, Forward and focus on the paths people take: the address and the view agree on every
// history entry (the one the page opened on too, hosted and in an iframe), Back from a detail
// returns to the place in the list it was opened from, and closing a detail, a dialog or the
// notice gives focus back to what opened it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIST, REPORT, answer, appStarted, historyStep, isRepeat, open, serveRoot, useDashboard } from './harness.mjs';

const s = useDashboard();
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

// The view each tab shows, by the element its main section is.
const SECTIONS = { overview: '.rd-overview', explore: '.rd-explore', heatmap: '.rd-heatmap', kpi: '.rd-kpis', help: '.rd-help-page' };

/** What `frame` shows (its current tab and the section in its main) and what its address names. */
const state = (frame) => frame.evaluate((sections) => ({
  named: location.hash.match(/^#rd\/(\w+)/)?.[1] ?? 'overview',
  tab: document.querySelector('.rd-nav a[aria-current="page"]')?.dataset.view,
  main: Object.keys(sections).filter((v) => document.querySelector(`.rd-main ${sections[v]}`)),
}), SECTIONS);

/** Waits until the address of `frame` is `href` and the view it names is the one on screen. */
async function agrees(frame, href, view) {
  await frame.waitForFunction((want) => location.href === want, { timeout: 5000 }, href).catch(() => {});
  await frame.waitForFunction((sections, v) => document.querySelector(`.rd-main ${sections[v]}`) && document.querySelector('.rd-nav a[aria-current="page"]')?.dataset.view === v,
    { timeout: 5000 }, SECTIONS, view).catch(() => {});
  const now = await state(frame);
  assert.equal(await frame.evaluate(() => location.href), href);
  assert.deepEqual(now, { named: view, tab: view, main: [view] }, `${href} shows ${now.main}`);
}

/** Clicks the tab of `view` and waits for the address to follow. */
async function tab(frame, view) {
  await frame.click(`.rd-nav a[data-view="${view}"]`);
  await frame.waitForFunction((v) => location.hash.startsWith(`#rd/${v}`), { timeout: 5000 }, view);
}

/**
 * From the entry the page opened on (no hash), through three views, Back to the start and
 * Forward to the end again: on every entry the view is the one its address names.
 */
async function walk(page, frame) {
  const start = await frame.evaluate(() => location.href);
  await agrees(frame, start, 'overview');
  const path = ['kpi', 'heatmap', 'help'];
  const hrefs = [start];
  for (const v of path) {
    await tab(frame, v);
    hrefs.push(await frame.evaluate(() => location.href));
  }
  for (let k = path.length - 1; k >= 0; k--) {
    await historyStep(page, -1);
    await agrees(frame, hrefs[k], ['overview', ...path][k]);
  }
  for (let k = 1; k <= path.length; k++) {
    await historyStep(page, +1);
    await agrees(frame, hrefs[k], path[k - 1]);
  }
}

test('hosted: Back from the first view change returns to the view the page opened on, and every entry agrees', async () => {
  const { page, log } = await open(s.browser, s.base, { waitFor: '.rd-overview' });
  await walk(page, page.mainFrame());
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('embedded in an iframe: one Back returns to the view the frame opened on, and every entry agrees', async () => {
  const { url } = await serveRoot(DIST);
  const page = await s.browser.newPage();
  await page.goto(`${url}embed/iframe.html`, { waitUntil: 'load' });
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await appStarted(frame);
  await frame.waitForSelector('.rd-overview', { timeout: 20000 });
  assert.match(await frame.evaluate(() => location.search), /embed=1/);
  await walk(page, frame);
  // The host page stays where it is.
  assert.equal(page.url(), `${url}embed/iframe.html`);
  await page.close();
});

test('a host page anchor between the dashboard entries leaves the view alone', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/heatmap`, { waitFor: '.rd-heatmap' });
  await page.evaluate(() => { location.hash = '#top'; });
  await pause(200);
  assert.ok(await page.$('.rd-heatmap'), 'an anchor of the page is not a view');
  await historyStep(page, -1);
  await agrees(page, `${s.base}#rd/heatmap`, 'heatmap');
  await page.close();
});

/** The list scrolled so that the row of `id` is in the middle of the window. */
async function scrollToRow(page, id) {
  await page.$eval(`[data-testid="results"] tr[data-id="${id}"] a`, (a) => a.scrollIntoView({ block: 'center' }));
  await pause(100);
  return page.evaluate(() => scrollY);
}

const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { row: a?.closest('tr')?.dataset.id ?? null, tag: a?.tagName, testid: a?.dataset.testid ?? null, label: a?.getAttribute('aria-label') ?? null };
});

test('Back from a detail opened far down the list returns to the same place, focus on the row opened', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/explore`, { waitFor: '[data-testid="results"] tbody tr' });
  const id = answer('#rd/explore').ids[40];
  const y = await scrollToRow(page, id);
  assert.ok(y > 1500, `the row is far down the list (${y} px)`);
  await page.click(`[data-testid="results"] tr[data-id="${id}"] a`);
  await page.waitForSelector(`[data-testid="detail"][data-id="${id}"]`);
  await page.waitForFunction((id) => location.hash.includes(`open=${id}`), {}, id);
  await historyStep(page, -1);
  await page.waitForFunction(() => !document.querySelector('[data-testid="detail"]'));
  await pause(300);
  assert.ok(Math.abs((await page.evaluate(() => scrollY)) - y) <= 2, `back at ${y} px, not ${await page.evaluate(() => scrollY)}`);
  assert.deepEqual(await focused(page), { row: id, tag: 'A', testid: null, label: null });
  // Forward opens the detail again; 閉じる by keyboard does the same as Back.
  await historyStep(page, +1);
  await page.waitForSelector(`[data-testid="detail"][data-id="${id}"]`);
  await page.focus('[data-testid="close"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('[data-testid="detail"]'));
  await pause(300);
  assert.deepEqual(await focused(page), { row: id, tag: 'A', testid: null, label: null });
  await page.close();
});

test('閉じる on a detail gives focus back to its row, also after 次の取組', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/explore`, { waitFor: '[data-testid="results"] tbody tr' });
  const ids = await page.$$eval('[data-testid="results"] tbody tr', (trs) => trs.map((tr) => tr.dataset.id));
  await page.focus(`[data-testid="results"] tr[data-id="${ids[5]}"] a`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`[data-testid="detail"][data-id="${ids[5]}"]`);
  await page.click('[data-testid="next"]');
  await page.waitForSelector(`[data-testid="detail"][data-id="${ids[6]}"]`);
  await page.click('[data-testid="close"]');
  await page.waitForFunction(() => !document.querySelector('[data-testid="detail"]'));
  await pause(300);
  assert.equal((await focused(page)).row, ids[6], 'the row of the detail that was closed');
  await page.close();
});

// Each dialog, opened by mouse or keyboard and closed by 「閉じる」 or Esc, gives focus back to
// the button that opened it.
for (const [name, hash, button] of [
  ['the source dialog', '#rd/explore?open=I-3-3-3', '[data-testid="kpi-table"] [data-testid="source-button"]'],
  ['the share dialog', '#rd/kpi', '[data-testid="share-button"]'],
]) {
  test(`${name} gives focus back to its opener when closed`, async () => {
    const { page } = await open(s.browser, s.base + hash, { waitFor: `${button}:not([disabled])` });
    const opener = await page.$eval(button, (b) => b.getAttribute('aria-label') ?? b.textContent);
    for (const [how, close] of [['mouse', 'click'], ['keyboard', 'Escape']]) {
      if (how === 'mouse') await page.click(button);
      else { await page.focus(button); await page.keyboard.press('Enter'); }
      await page.waitForSelector('dialog[open]');
      await pause(100);
      if (close === 'click') await page.click('dialog[open] .rd-dialog-head button');
      else await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('dialog'));
      await pause(200);
      const now = await page.evaluate(() => document.activeElement.getAttribute('aria-label') ?? document.activeElement.textContent);
      assert.equal(now, opener, `${how}, closed by ${close}`);
    }
    await page.close();
  });
}

test('closing the notice about an unusable address keeps focus in the dashboard', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/explore?rating=great`, { waitFor: '[data-testid="notices"] button' });
  await page.focus('[data-testid="notices"] button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('[data-testid="notices"] button'));
  await pause(200);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'rd-main');
  await page.close();
});

test('search words and another order refine the view in place: Back leaves the view, not each word or click', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/overview`, { waitFor: '.rd-overview' });
  await appStarted(page);
  await tab(page, 'explore');
  await page.waitForSelector('#rd-q');
  const entries = await page.evaluate(() => history.length);
  for (const word of ['デジタル', '職員']) {
    await page.click('#rd-q', { clickCount: 3 });
    await page.type('#rd-q', word);
    await page.waitForFunction((w) => decodeURIComponent(location.hash).includes(`q=${w}`), { timeout: 5000 }, word);
  }
  await page.click('[data-sort="title"]');
  await page.waitForFunction(() => location.hash.includes('sort=title'), { timeout: 5000 });
  await page.click('[data-sort="title"]');
  await page.waitForFunction(() => location.hash.includes('desc=1'), { timeout: 5000 });
  await pause(300);
  assert.equal(await page.evaluate(() => history.length), entries, 'no entry per word or per click');
  await historyStep(page, -1);
  await agrees(page, `${s.base}#rd/overview`, 'overview');
  await page.close();
});

test('a filter chosen while search words wait for the pause keeps the words in the box and in the view', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/explore`, { waitFor: '#rd-q' });
  await appStarted(page);
  const department = REPORT.initiatives.find((i) => !isRepeat(i) && i.title.includes('職員')).departments[0];
  await page.type('#rd-q', '職員');
  // Inside the typing pause: another condition.
  await page.select('#rd-f-dept', department);
  assert.equal(await page.$eval('#rd-q', (q) => q.value), '職員', 'the words typed stay in the box');
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes('q=職員'), { timeout: 5000 });
  const hash = decodeURIComponent(await page.evaluate(() => location.hash));
  assert.ok(hash.includes(`dept=${department}`), hash);
  assert.equal(await page.$eval('#rd-q', (q) => q.value), '職員');
  await page.close();
});
