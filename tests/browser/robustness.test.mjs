// Bad input never blanks the page: markup in the data renders as text, very long strings keep
// the layout, an empty report shows empty states, random hashes only raise a notice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT, open, text, useDashboard, scratchDir } from './harness.mjs';

const s = useDashboard();

async function openReport(page, report, name) {
  const file = join(scratchDir('rd-fixture-'), name);
  writeFileSync(file, JSON.stringify(report));
  await (await page.$('[data-testid="open-file"]')).uploadFile(file);
}

const SCRIPT = '<script>window.__xss = 1</script>';
const IMG = '<img src=x onerror="window.__xss = 2">';
const LONG = 'あ'.repeat(3000) + 'https://example.invalid/' + 'x'.repeat(2000);

test('markup in titles and texts is shown as text; long strings keep the layout', async () => {
  const { page, log } = await open(s.browser, s.base, { waitFor: '[data-testid="open-file"]' });
  const hostile = structuredClone(REPORT);
  hostile.report.title = `${SCRIPT}表題`;
  hostile.initiatives[0].title = `${IMG}${LONG}`;
  hostile.initiatives[0].status = [SCRIPT, IMG, LONG];
  // Three items no line of the text prints: the lines they would cite go (the field is optional).
  delete hostile.initiatives[0].text_lines;
  hostile.initiatives[0].departments = [`${IMG}部`];
  // The pairing names the row's own department, as the loader requires.
  hostile.initiatives[0].organisations = hostile.initiatives[0].organisations.map((o) => ({ ...o, department: o.department && `${IMG}部` }));
  hostile.kpis[0].label = `${SCRIPT}${LONG}`;
  await openReport(page, hostile, 'hostile.json');
  await page.waitForFunction(() => document.querySelector('.rd-title')?.textContent.startsWith('<script>'));
  const id = hostile.initiatives[0].id;
  for (const hash of [`#rd/explore?open=${id}`, '#rd/heatmap', '#rd/kpi']) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await new Promise((r) => setTimeout(r, 600));
    const state = await page.evaluate(() => ({
      xss: window.__xss ?? null,
      injected: document.querySelectorAll('.rd script, .rd img').length,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    }));
    assert.deepEqual(state, { xss: null, injected: 0, overflow: 0 }, hash);
  }
  await page.evaluate((h) => { location.hash = h; }, `#rd/explore?open=${id}`);
  await page.waitForSelector('[data-testid="detail"]');
  const items = await page.$$eval('[data-testid="detail"] .rd-items li .rd-item-text', (ls) => ls.map((l) => l.textContent));
  assert.ok(items.includes(SCRIPT) && items.includes(IMG));
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('an empty report shows empty states on every view', async () => {
  const { page, log } = await open(s.browser, s.base, { waitFor: '[data-testid="open-file"]' });
  const empty = { ...structuredClone(REPORT), pillars: [], sections: [], subsections: [], initiatives: [], kpis: [] };
  empty.report.overrides = { ...empty.report.overrides, kpis: [], achieved_marks: [] };
  empty.report.title = '空の報告書';
  await openReport(page, empty, 'empty.json');
  await page.waitForSelector('[data-testid="empty-report"]');
  for (const [hash, sel] of [['#rd/explore', '[data-testid="empty"]'], ['#rd/heatmap', '[data-testid="empty-heatmap"]'], ['#rd/kpi', '[data-testid="empty-kpis"]']]) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.waitForSelector(sel);
    if (hash === '#rd/explore') assert.match(await text(page, '[data-testid="result-count"]'), /^0件 \/ 全0件/);
  }
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('random and malformed hashes never break the app', async () => {
  const { page, log } = await open(s.browser, s.base, { waitFor: '[data-stat="initiatives"]' });
  let seed = 7;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
  const pieces = ['#rd/', 'explore', 'heatmap', 'kpi', '?', '&', '=', '%', '%E3', '%ZZ', 'q', 'dept', 'open', 'II-2-2-5', 'hc', 'II', 'table', 'sort', 'desc', '1', '総務部', '<script>', '\u0000', '#'];
  for (let i = 0; i < 60; i++) {
    const hash = Array.from({ length: 1 + rnd(8) }, () => pieces[rnd(pieces.length)]).join('');
    await page.evaluate((h) => { location.hash = h; }, hash);
    await new Promise((r) => setTimeout(r, 20));
  }
  await page.evaluate(() => { location.hash = '#rd/overview'; });
  await page.waitForSelector('[data-stat="initiatives"]');
  assert.deepEqual(log.errors, []);
  await page.close();
});
