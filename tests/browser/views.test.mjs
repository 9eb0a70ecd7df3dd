// The executive views judge progress: the overview names what needs attention, the heatmap
// colours by share delayed (not by size), the KPI page filters by judgement, and every chart
// saves as PNG. Expected figures come from the JSON, computed here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { REPORT, download, isRepeat, open, text, useDashboard } from './harness.mjs';

const s = useDashboard();
const ratingOf = (i) => REPORT.subsections.find((x) => x.id === i.subsection).rating;

test('overview: the △ subsections by name, each leading to exactly its rows', async () => {
  const { page, log } = await open(s.browser, s.base, { waitFor: '[data-testid="attention"]' });
  const delayed = REPORT.subsections.filter((x) => x.rating === 'delayed');
  const items = await page.$$eval('[data-testid="attention-delayed"] li', (ls) => ls.map((l) => ({ id: l.dataset.subsection, text: l.textContent })));
  assert.deepEqual(items.map((i) => i.id), delayed.map((x) => x.id));
  for (const [k, sub] of delayed.entries()) {
    assert.ok(items[k].text.includes(sub.title), sub.title);
    assert.ok(items[k].text.includes(sub.summary[0].split('。')[0]), 'first sentence of the summary');
    const depts = [...new Set(REPORT.initiatives.filter((i) => i.subsection === sub.id).flatMap((i) => i.departments))];
    for (const d of depts) assert.ok(items[k].text.includes(d), d);
  }
  await page.click(`[data-testid="attention-delayed"] li[data-subsection="${delayed[0].id}"] a`);
  await page.waitForSelector('[data-testid="results"]');
  const want = REPORT.initiatives.filter((i) => i.subsection === delayed[0].id).map((i) => i.id);
  await page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.textContent.startsWith(`${n}件`), {}, want.length);
  assert.deepEqual(await page.$$eval('[data-testid="results"] tbody tr', (trs) => trs.map((tr) => tr.dataset.id)), want);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('overview: missed KPIs with actual, target and gap, and each links to its initiative', async () => {
  const { page } = await open(s.browser, s.base, { waitFor: '[data-testid="attention"]' });
  const missed = await page.$$eval('[data-testid="attention-missed"] li', (ls) => ls.map((l) => ({ id: l.dataset.kpi, status: l.dataset.status, text: l.textContent })));
  assert.ok(missed.length >= 1);
  for (const m of missed) {
    const k = REPORT.kpis.find((x) => x.id === m.id);
    assert.equal(m.status, 'not_achieved');
    assert.ok(m.text.includes(k.label), k.label);
    assert.match(m.text, /実績.*／.*目標.*差 [+−]/);
    // The actual and the target quoted are figures of this KPI.
    const numbers = k.series.map((p) => p.value.toLocaleString('en-US'));
    assert.ok(numbers.some((n) => m.text.includes(n)), `${m.text} quotes one of ${numbers}`);
  }
  const short = await page.$$eval('[data-testid="attention-short"] li', (ls) => ls.map((l) => l.dataset.status));
  assert.ok(short.every((st) => ['acceleration_needed', 'limited_progress', 'deterioration'].includes(st)), short.join());
  // The KPI page counts the same number of missed KPIs.
  const first = missed[0];
  const initiative = REPORT.kpis.find((x) => x.id === first.id).initiative;
  await page.click(`[data-testid="attention-missed"] li[data-kpi="${first.id}"] .rd-att-owner a`);
  await page.waitForFunction((id) => document.querySelector('[data-testid="detail"]')?.dataset.id === id, {}, initiative);
  await page.close();
});

test('overview: per pillar, ○/△ and KPI judgements printed as numbers', async () => {
  const { page } = await open(s.browser, s.base, { waitFor: '[data-testid="pillar-bars"]' });
  for (const p of REPORT.pillars) {
    const legend = await page.$$eval(`.rd-pillar-bars[data-pillar="${p.id}"] .rd-bar-legend`, (ls) => ls.map((l) => l.textContent));
    const onTrack = REPORT.subsections.filter((x) => x.pillar === p.id && x.rating === 'on_track').length;
    const delayed = REPORT.subsections.filter((x) => x.pillar === p.id && x.rating === 'delayed').length;
    assert.ok(legend[0].includes(`○ 順調 ${onTrack}`), legend[0]);
    if (delayed) assert.ok(legend[0].includes(`△ 遅れ・課題あり ${delayed}`), legend[0]);
    const kpis = REPORT.kpis.filter((k) => REPORT.initiatives.find((i) => i.id === k.initiative).pillar === p.id).length;
    const sum = [...legend[1].matchAll(/ (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    assert.equal(sum, kpis, legend[1]);
  }
  await page.close();
});

test('heatmap: colour shows the share delayed, the same share the same colour, printed in every cell', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/heatmap`, { waitFor: '[data-testid="heatmap"]' });
  const cells = await page.$$eval('[data-testid="heatmap"] tbody td.rd-heat[data-count]', (tds) => tds.map((td) => ({
    count: Number(td.dataset.count), delayed: Number(td.dataset.delayed), bg: getComputedStyle(td).backgroundColor, text: td.textContent,
  })));
  assert.ok(cells.length > 5);
  const byShare = new Map();
  for (const c of cells) {
    const share = c.delayed / c.count;
    assert.ok(c.text.includes(`${Math.round(share * 100)}%`), c.text);
    assert.ok(c.text.includes(`△${c.delayed} / ${c.count}件`), c.text);
    const bucket = share === 0 ? 0 : Math.min(4, Math.ceil(share * 4));
    if (byShare.has(bucket)) assert.equal(c.bg, byShare.get(bucket), `bucket ${bucket}`);
    byShare.set(bucket, c.bg);
  }
  // The biggest department is not darker for its size: 0% cells of all sizes share one colour.
  const zero = cells.filter((c) => c.delayed === 0);
  assert.ok(new Set(zero.map((c) => c.count)).size > 1 && new Set(zero.map((c) => c.bg)).size === 1);
  assert.equal(await page.$$eval('[data-testid="heat-legend"] li', (ls) => ls.length), 6);
  // Rows ordered by share delayed.
  await page.select('#rd-h-order', 'share');
  await page.waitForFunction(() => location.hash.includes('hs=share'));
  const rows = await page.$$eval('[data-testid="heatmap"] tbody tr', (trs) => trs.map((tr) => tr.dataset.row));
  const inis = REPORT.initiatives.filter((i) => !isRepeat(i));
  const share = (d) => { const xs = inis.filter((i) => i.departments.includes(d)); return xs.filter((i) => ratingOf(i) === 'delayed').length / xs.length; };
  const shares = rows.map(share);
  assert.ok(shares.every((x, k) => k === 0 || shares[k - 1] >= x), shares.join());
  assert.ok(shares[0] > 0);
  // The KPI measure: every cell then counts KPIs.
  await page.click('input[data-measure="kpi"]');
  await page.waitForFunction(() => location.hash.includes('hm=kpi'));
  assert.match(await text(page, '[data-testid="heatmap"] caption'), /KPI/);
  await page.close();
});

test('heatmap: a department drilled down lists only its own divisions', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/heatmap?hr=%E7%B7%8F%E5%8B%99%E9%83%A8`, { waitFor: '[data-testid="heatmap"]' });
  const rows = await page.$$eval('[data-testid="heatmap"] tbody tr', (trs) => trs.map((tr) => tr.dataset.row));
  const own = new Set(REPORT.initiatives.filter((i) => !isRepeat(i)).flatMap((i) => i.organisations.filter((o) => o.department === '総務部').flatMap((o) => o.divisions)));
  const unpaired = REPORT.initiatives.some((i) => !isRepeat(i) && i.departments.includes('総務部') && i.organisations.some((o) => o.department === null));
  assert.deepEqual(new Set(rows.filter((r) => r !== '所属不明')), own);
  assert.equal(rows.includes('所属不明'), unpaired);
  for (const other of ['政策企画課', 'デジタル戦略課', '教育政策課', '市町村課']) assert.ok(!rows.includes(other), other);
  await page.close();
});

test('KPI page: a status count filters the page, the order puts the most serious first', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/kpi`, { waitFor: '.rd-kpi-card' });
  const missedButton = '[data-testid="kpi-counts"] li[data-status="not_achieved"] button';
  const n = Number(await page.$eval(`${missedButton} strong`, (x) => x.textContent));
  await page.click(missedButton);
  await page.waitForFunction(() => location.hash.includes('ks=not_achieved'));
  const statuses = await page.$$eval('.rd-kpi-card', (cs) => cs.map((c) => c.dataset.status));
  assert.equal(statuses.length, n);
  assert.ok(statuses.every((x) => x === 'not_achieved'));
  assert.equal(await page.$eval(missedButton, (b) => b.getAttribute('aria-pressed')), 'true');
  await page.click(missedButton);
  await page.waitForFunction((k) => document.querySelectorAll('.rd-kpi-card').length === k, {}, REPORT.kpis.length);
  await page.select('#rd-k-order', 'judgement');
  await page.waitForFunction(() => location.hash.includes('ko=judgement'));
  assert.equal(await page.$eval('.rd-kpi-card', (c) => c.dataset.status), 'not_achieved');
  await page.close();
});

test('every chart saves as a PNG named after its KPI', async () => {
  const k = REPORT.kpis.find((x) => x.series.length >= 2);
  const { page } = await open(s.browser, `${s.base}#rd/kpi`, { waitFor: '.rd-kpi-card' });
  const card = `.rd-kpi-card[data-kpi="${k.id}"]`;
  await page.$eval(card, (c) => c.scrollIntoView());
  await page.waitForSelector(`${card} [data-testid="save-png"]:not([disabled])`);
  const file = await download(page, `${card} [data-testid="save-png"]`, '.png');
  assert.equal(basename(file), `${k.label.replace(/[\\/:*?"<>|]/g, '_')}.png`);
  const bytes = readFileSync(file);
  assert.deepEqual([...bytes.subarray(1, 4)], [...Buffer.from('PNG')]);
  assert.ok(bytes.length > 2000);
  await page.close();
});
