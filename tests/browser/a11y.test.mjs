// Accessibility: axe-core (WCAG 2.0/2.1 A and AA, with the 2.0 4.1.1 rule JIS X 8341-3:2016
// still requires) reports nothing on every view and state; keyboard use starts at a skip link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, REPORT, ROOT, chartOption, open, useDashboard } from './harness.mjs';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag2a-obsolete', 'wcag21a', 'wcag21aa'];

const s = useDashboard();

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }, TAGS);
  return result;
}

const kpiWithTable = REPORT.kpis.find((k) => k.initiative === 'II-3-2-4').id;
const states = [
  ['overview', '', '[data-stat="initiatives"]'],
  ['explorer with filters and search', '#rd/explore?dept=%E7%B7%8F%E5%8B%99%E9%83%A8&rating=delayed&q=%E7%A0%94%E4%BF%AE', '[data-testid="results"]'],
  ['explorer, empty result', '#rd/explore?q=%E5%AD%98%E5%9C%A8%E3%81%97%E3%81%AA%E3%81%84', '[data-testid="empty"]'],
  ['detail with KPI charts', '#rd/explore?open=II-2-2-5', '[data-testid="detail"] .rd-chart'],
  ['heatmap', '#rd/heatmap', '[data-testid="heatmap"]'],
  ['heatmap drilled down', '#rd/heatmap?hr=%E7%B7%8F%E5%8B%99%E9%83%A8&hc=II-3', '[data-testid="heatmap"]'],
  ['heatmap by KPI judgements, rows by share', '#rd/heatmap?hm=kpi&hs=share', '[data-testid="heatmap"]'],
  ['KPI page filtered to missed targets, by gap', '#rd/kpi?ks=undated&ko=gap', '.rd-kpi-card'],
  ['explorer, page 2', '#rd/explore?page=2', '[data-testid="results"]'],
  ['KPI page with a table open', `#rd/kpi?kp=II&table=${kpiWithTable}`, '[data-testid="kpi-table"]'],
  ['data downloads', '#rd/data', '[data-testid="offers"]'],
  ['help', '#rd/help', '#rd-help-h'],
  ['notice after a bad link', '#rd/explore?rating=bad', '[data-testid="notices"] li'],
];

for (const [name, hash, waitFor] of states) {
  test(`axe: ${name}`, async () => {
    const { page } = await open(s.browser, s.base + hash, { waitFor });
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await axe(page), []);
    await page.close();
  });
}

test('axe: the offline file', async () => {
  const page = await s.browser.newPage();
  await page.goto(pathToFileURL(join(DIST, 'offline/reform-dashboard.html')).href, { waitUntil: 'load' });
  await page.waitForSelector('[data-stat="initiatives"]');
  assert.deepEqual(await axe(page), []);
  await page.close();
});

test('keyboard: the first Tab reaches a visible skip link that moves focus to the content', async () => {
  const { page } = await open(s.browser, s.base, { waitFor: '[data-stat="initiatives"]' });
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => {
    const a = document.activeElement;
    const r = a.getBoundingClientRect();
    return { cls: a.className, visible: r.width > 0 && r.left >= 0, outline: getComputedStyle(a).outlineStyle };
  });
  assert.deepEqual(skip, { cls: 'rd-skip', visible: true, outline: 'solid' });
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'rd-main');
  await page.close();
});

test('reduced motion turns chart animation off', async () => {
  const page = await s.browser.newPage();
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  await page.goto(`${s.base}#rd/kpi?kp=I`, { waitUntil: 'load' });
  await page.waitForSelector('.rd-chart');
  await page.$eval('.rd-chart', (c) => c.scrollIntoView());
  await page.waitForSelector('.rd-chart canvas');
  assert.equal((await chartOption(page, '.rd-chart')).animation, false);
  await page.close();
});

// The dialogs, open: the source passage of a KPI figure and the share dialog (hosted, with the
// embed code), each with focus inside.
for (const [name, hash, button, dialog] of [
  ['the source dialog', '#rd/explore?open=I-3-3-3', '[data-testid="kpi-table"] [data-testid="source-button"]', '[data-testid="source-dialog"] [data-testid="passage"]'],
  ['the share dialog', '#rd/kpi?ks=undated', '[data-testid="share-button"]', '[data-testid="embed-code"]'],
]) {
  test(`axe: ${name} open`, async () => {
    const { page } = await open(s.browser, s.base + hash, { waitFor: `${button}:not([disabled])` });
    await page.click(button);
    await page.waitForSelector(dialog);
    assert.deepEqual(await axe(page), []);
    await page.close();
  });
}
