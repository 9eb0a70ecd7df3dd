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

test('overview: only misses the report supports; short trajectories with actual, target and gap, each linked to its initiative', async () => {
  const { page } = await open(s.browser, s.base, { waitFor: '[data-testid="attention"]' });
  // Every target whose year has come is met; the two targets without a printed year are not misses.
  assert.deepEqual(await page.$$eval('[data-testid="attention-missed"] li', (ls) => ls.length), 0);
  const headings = await page.$$eval('[data-testid="attention"] h4', (hs) => hs.map((h) => h.textContent));
  assert.ok(headings.includes('▲ 目標年度を迎えて未達成の KPI（0指標）'), headings.join('\n'));
  const short = await page.$$eval('[data-testid="attention-short"] li', (ls) => ls.map((l) => ({ id: l.dataset.kpi, status: l.dataset.status, text: l.textContent })));
  assert.equal(short.length, 1);
  for (const m of short) {
    const k = REPORT.kpis.find((x) => x.id === m.id);
    assert.equal(m.status, 'acceleration_needed');
    assert.ok(m.text.includes(k.label), k.label);
    // A difference of percentages is in points; the relative one is labelled 目標比.
    assert.match(m.text, /実績.*／.*目標.*差 −[0-9.]+ポイント（目標比 −[0-9]+％）/);
    const numbers = k.series.map((p) => p.value.toLocaleString('en-US'));
    assert.ok(numbers.some((n) => m.text.includes(n)), `${m.text} quotes one of ${numbers}`);
  }
  // The ○ subsection whose KPI falls short is named with both axes in one line.
  const disagree = await page.$$eval('[data-testid="attention-disagree"] li', (ls) => ls.map((l) => ({ id: l.dataset.subsection, text: l.textContent })));
  const sub = REPORT.initiatives.find((i) => i.id === REPORT.kpis.find((k) => k.id === short[0].id).initiative).subsection;
  assert.deepEqual(disagree.map((d) => d.id), [sub]);
  assert.match(disagree[0].text, /取組は順調（○）／KPI：加速が必要1/);
  const initiative = REPORT.kpis.find((x) => x.id === short[0].id).initiative;
  await page.click(`[data-testid="attention-short"] li[data-kpi="${short[0].id}"] .rd-att-owner a`);
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
  const statusButton = '[data-testid="kpi-counts"] li[data-status="undated"] button';
  const n = Number(await page.$eval(`${statusButton} strong`, (x) => x.textContent));
  await page.click(statusButton);
  await page.waitForFunction(() => location.hash.includes('ks=undated'));
  const statuses = await page.$$eval('.rd-kpi-card', (cs) => cs.map((c) => c.dataset.status));
  assert.equal(statuses.length, n);
  assert.ok(n >= 2 && statuses.every((x) => x === 'undated'), statuses.join());
  assert.equal(await page.$eval(statusButton, (b) => b.getAttribute('aria-pressed')), 'true');
  await page.click(statusButton);
  await page.waitForFunction((k) => document.querySelectorAll('.rd-kpi-card').length === k, {}, REPORT.kpis.length);
  await page.select('#rd-k-order', 'judgement');
  await page.waitForFunction(() => location.hash.includes('ko=judgement'));
  // Nothing is missed in the report's own figures: the short trajectory comes first, and
  // everything without a verdict comes after every verdict.
  const ordered = await page.$$eval('.rd-kpi-card', (cs) => cs.map((c) => c.dataset.status));
  assert.equal(ordered[0], 'acceleration_needed');
  const unjudged = ['undated', 'no_result', 'cannot_judge', 'no_target'];
  const firstUnjudged = ordered.findIndex((st) => unjudged.includes(st));
  assert.ok(ordered.slice(firstUnjudged).every((st) => unjudged.includes(st)), ordered.join());
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
