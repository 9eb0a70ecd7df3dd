// Every view on every screen: no sideways scroll of the page at 360–1280 px (wide tables scroll
// in their own box or become cards), text of at least 14 px, touch targets of at least 24 × 24 px
// (WCAG 2.2, 2.5.8; links inside running text are exempt).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appStarted, useDashboard } from './harness.mjs';

const s = useDashboard();
const WIDTHS = [360, 390, 768, 1024, 1280];
export const VIEWS = [
  ['overview', '#rd/overview', '[data-stat="initiatives"], .rd-overview'],
  ['explorer', '#rd/explore?dept=%E7%B7%8F%E5%8B%99%E9%83%A8', '[data-testid="results"]'],
  ['detail', '#rd/explore?open=II-3-2-4', '[data-testid="detail"]'],
  ['heatmap', '#rd/heatmap', '[data-testid="heatmap"]'],
  ['heatmap drilled', '#rd/heatmap?hr=%E7%B7%8F%E5%8B%99%E9%83%A8&hc=II', '[data-testid="heatmap"]'],
  ['kpi', '#rd/kpi', '.rd-kpi-card'],
  ['data', '#rd/data', '[data-testid="offers"]'],
  ['help', '#rd/help', '.rd-main h2'],
];

/** What breaks the rules on the page as it is now. */
const problems = (page) => page.evaluate(() => {
  const out = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) out.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
  const root = document.querySelector('.rd');
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
  for (const el of root.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !visible(el) || el.closest('.rd-visually-hidden, .rd-chart')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 14) out.push(`text ${size}px: <${el.tagName.toLowerCase()} class="${el.className}"> ${el.textContent.trim().slice(0, 30)}`);
  }
  for (const el of root.querySelectorAll('a, button, input, select, summary, [tabindex="0"]')) {
    if (!visible(el) || el.closest('.rd-skip')) continue;
    const inText = el.tagName === 'A' && getComputedStyle(el).display === 'inline' && el.parentElement.closest('p, li, td, dd, figcaption');
    if (inText) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 24 || r.height < 24) out.push(`target ${Math.round(r.width)}×${Math.round(r.height)}: <${el.tagName.toLowerCase()} class="${el.className}"> ${(el.textContent || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 30)}`);
  }
  return [...new Set(out)].slice(0, 15);
});

for (const [name, hash, ready] of VIEWS) {
  test(`${name}: no sideways scroll, 14 px text, 24 px targets at ${WIDTHS.join(', ')} px`, async () => {
    const page = await s.browser.newPage();
    for (const width of WIDTHS) {
      await page.setViewport({ width, height: 800 });
      await page.goto(`${s.base}${hash}`, { waitUntil: 'load' });
      await page.reload({ waitUntil: 'load' });
      await appStarted(page);
      await page.waitForSelector(ready, { timeout: 20000 });
      await new Promise((r) => setTimeout(r, 150));
      assert.deepEqual(await problems(page), [], `${name} at ${width} px`);
    }
    await page.close();
  });
}
