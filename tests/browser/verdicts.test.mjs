// Verdicts an executive can quote: 「この判定の計算」 opens on the card and in the detail, and says
// what was compared, with the figures as printed and their lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REPORT, open, useDashboard } from './harness.mjs';

const s = useDashboard();
const kpiOf = (initiative, label) => REPORT.kpis.find((k) => k.initiative === initiative && k.label === label);

/** Opens the card's 「この判定の計算」 and returns its parts. */
async function openCalculation(page, root) {
  await page.$eval(`${root} [data-testid="calculation"]`, (d) => d.scrollIntoView({ block: 'center' }));
  await page.click(`${root} [data-testid="calculation"] > summary`);
  await page.waitForFunction((sel) => document.querySelector(sel)?.open, {}, `${root} [data-testid="calculation"]`);
  return page.$eval(`${root} [data-testid="calculation"]`, (d) => ({
    figures: [...d.querySelectorAll('dd:first-of-type li')].map((li) => li.textContent),
    rule: d.querySelector('[data-testid="calculation-rule"]').textContent,
    missing: d.querySelector('[data-testid="calculation-missing"]')?.textContent ?? null,
    sentence: d.querySelector('[data-testid="calculation-sentence"]').textContent,
    text: d.textContent,
  }));
}

test('「この判定の計算」 on three KPI cards: a level reached early, a target with no year, a trajectory', async () => {
  const { page, log } = await open(s.browser, `${s.base}#rd/kpi`, { waitFor: '.rd-kpi-card [data-testid="calculation"]' });
  // 徴収率: 99.0％ (見込) against 99％以上 of 令和7年度, read at its printed precision.
  const rate = kpiOf('I-3-3-1', '徴収率');
  const actual = rate.series.find((p) => p.kind === 'actual');
  const c1 = await openCalculation(page, `.rd-kpi-card[data-kpi="${rate.id}"]`);
  assert.ok(c1.figures.some((f) => f.includes('99.0％') && f.includes(`${actual.line}行`)), c1.figures.join('\n'));
  assert.match(c1.rule, /「目標水準に到達済み」とし、「達成」とはしていません/);
  assert.match(c1.text, /「又は」の目標：もう一方の条件（収入未済額）/);
  assert.equal(await page.$eval(`.rd-kpi-card[data-kpi="${rate.id}"] .rd-kpi-meta [data-status]`, (b) => b.textContent), '○ 目標水準に到達済み');
  // 時間外勤務: no target year printed; a distance, never 未達成.
  const overtime = kpiOf('II-3-2-4', '時間外勤務月45時間超の職員数（年間延べ人数）');
  const c2 = await openCalculation(page, `.rd-kpi-card[data-kpi="${overtime.id}"]`);
  assert.match(c2.text, /目標年度：記載なし/);
  assert.match(c2.rule, /未達成とは判定せず/);
  assert.ok(!c2.sentence.includes('未達成に'), c2.sentence);
  // 女性管理職: base, latest and target with R.
  const women = kpiOf('III-5-1-2', '管理職員に占める女性職員の割合');
  const c3 = await openCalculation(page, `.rd-kpi-card[data-kpi="${women.id}"]`);
  assert.equal(c3.figures.length, 3);
  assert.match(c3.rule, /R = 実際 ÷ 必要 = 0\.83/);
  assert.equal(c3.missing, null);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('「この判定の計算」 in the detail says what is missing and keeps the figures', async () => {
  const { page, log } = await open(s.browser, `${s.base}#rd/explore?open=I-3-3-1`, { waitFor: '[data-testid="detail"] [data-testid="calculation"]' });
  const debt = kpiOf('I-3-3-1', '収入未済額');
  const root = `[data-testid="detail"] .rd-kpi-mini[data-kpi="${debt.id}"]`;
  // This figure's own badge: one actual, so no verdict of its own, though the target is reached through 徴収率.
  assert.equal(await page.$eval(`${root} .rd-kpi-label [data-status]`, (b) => b.dataset.status), 'cannot_judge');
  const c = await openCalculation(page, root);
  assert.match(c.missing, /^実績が1時点のみ/);
  assert.ok(c.figures.some((f) => f.includes('1,202百万円')), c.figures.join('\n'));
  assert.match(c.sentence, /目標はもう一方の条件で満たしています/);
  assert.deepEqual(log.errors, []);
  await page.close();
});
