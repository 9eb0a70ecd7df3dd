// Small things a person notices on the way (issue: the paths people take): a dash typed as
// copied from the 項目 filter, a subsection the overview flags, a heatmap row with nothing in it,
// a chart saved for a slide, a file refused where it came in, an opened report kept over a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, REPORT, answer, appStarted, download, isRepeat, nextEdition, open, scratchDir, text, useDashboard } from './harness.mjs';

const s = useDashboard();
const rowIds = (page) => page.$$eval('[data-testid="results"] tbody tr', (trs) => trs.map((tr) => tr.dataset.id));

test('search folds every dash and long-vowel mark: 「サ－ビス」 finds サービス', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/explore`, { waitFor: '#rd-q' });
  // What the query layer finds for the same words typed with an ASCII hyphen.
  const want = answer('#rd/explore?q=サ-ビス').ids;
  assert.ok(want.length > 0);
  await page.type('#rd-q', 'サ－ビス');
  await page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.textContent.startsWith(`${n}件`), { timeout: 5000 }, want.length);
  assert.deepEqual(await rowIds(page), want);
  await page.close();
});

test('the 小項目 option of a subsection the overview flags counts the rows it shows', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/explore`, { waitFor: '#rd-f-subsection' });
  // III-4-3 is rated △ and prints only rows that repeat II-3-2.
  const sub = REPORT.subsections.find((x) => x.id === 'III-4-3');
  assert.equal(sub.rating, 'delayed');
  const printed = REPORT.initiatives.filter((i) => i.subsection === sub.id).map((i) => i.id);
  assert.ok(printed.length > 0 && REPORT.initiatives.filter((i) => i.subsection === sub.id).every(isRepeat));
  const option = await page.$eval('#rd-f-subsection option[value="III-4-3"]', (o) => o.textContent);
  assert.ok(option.endsWith(`（${printed.length}）`), option);
  await page.select('#rd-f-subsection', 'III-4-3');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="results"] tbody tr').length === n, { timeout: 5000 }, printed.length);
  assert.deepEqual(await rowIds(page), printed);
  await page.close();
});

test('a heatmap row with no initiative says 「取組なし」, and the legend has no stray marks', async () => {
  // Columns of one section: departments with rows only elsewhere count nothing there.
  const { page } = await open(s.browser, `${s.base}#rd/heatmap?hc=I-1`, { waitFor: '[data-testid="heatmap"]' });
  const totals = await page.$$eval('[data-testid="heatmap"] tbody tr td.rd-total', (tds) => tds.map((td) => td.textContent.trim()));
  assert.ok(totals.includes('取組なし'), totals.join(' | '));
  assert.ok(totals.every((t) => !t.includes('0 / 0件')), totals.join(' | '));
  const swatches = await page.$$eval('[data-testid="heat-legend"] .rd-swatch', (ss) => ss.map((x) => x.textContent));
  assert.ok(swatches.every((t) => !t.includes('■')), swatches.join(''));
  assert.ok(!(await text(page, '[data-testid="heat-legend"]')).includes('■'));
  await page.close();
});

test('on a phone the filters fold into 「絞り込み（n）」 with removable chips, and the first result is on the first screen', async () => {
  const viewport = { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
  const hash = '#rd/explore?dept=%E7%B7%8F%E5%8B%99%E9%83%A8&rating=delayed';
  const { page } = await open(s.browser, s.base + hash, { waitFor: '[data-testid="results"]', viewport });
  // The first result's number and title, not only its top edge.
  const first = await page.$eval('[data-testid="results"] tbody tr a', (a) => a.getBoundingClientRect().bottom);
  assert.ok(first <= 844, `first result's title ends at ${first}px`);
  assert.equal(await text(page, '[data-testid="filter-toggle"]'), '絞り込み（2）');
  assert.equal(await page.$eval('#rd-f-dept', (el) => el.checkVisibility()), false, 'the selects are folded');
  // The chips name the conditions; removing one changes the list at once, where it is seen.
  const chips = await page.$$eval('[data-testid="filter-chips"] button', (bs) => bs.map((b) => b.textContent));
  assert.deepEqual(chips, ['部局等：総務部 ×', '進捗状況：△ 遅れ・課題あり ×']);
  const before = await text(page, '[data-testid="result-count"]');
  await page.click('[data-testid="filter-chips"] li:nth-child(2) button');
  await page.waitForFunction((b) => document.querySelector('[data-testid="result-count"]').textContent !== b, {}, before);
  const want = answer('#rd/explore?dept=総務部').ids.length;
  assert.ok((await text(page, '[data-testid="result-count"]')).startsWith(`${want}件`));
  assert.equal(await text(page, '[data-testid="filter-toggle"]'), '絞り込み（1）');
  // The toggle unfolds the form, and says so to assistive technology.
  await page.click('[data-testid="filter-toggle"]');
  assert.equal(await page.$eval('[data-testid="filter-toggle"]', (b) => b.getAttribute('aria-expanded')), 'true');
  assert.equal(await page.$eval('#rd-f-dept', (el) => el.checkVisibility()), true);
  await page.close();
});

test('on a desktop the filters stay open and no fold control shows', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/explore`, { waitFor: '#rd-f-dept' });
  assert.equal(await page.$eval('#rd-f-dept', (el) => el.checkVisibility()), true);
  assert.equal(await page.$eval('[data-testid="filter-toggle"]', (el) => el.checkVisibility()), false);
  await page.close();
});

test('table headers stay whole at word boundaries, and a phone gets the pillar table as cards without sideways scroll', async () => {
  for (const width of [768, 1024, 1280]) {
    const { page } = await open(s.browser, s.base, { waitFor: '[data-testid="pillar-table"]', viewport: { width, height: 900 } });
    // Each header word renders on one line: a header without a space or bracket is one line box.
    const split = await page.$$eval('[data-testid="pillar-table"] thead th', (ths) =>
      ths.flatMap((th) => {
        const words = th.textContent.split(/[\s（]/).filter(Boolean);
        const range = document.createRange();
        return words.flatMap((w) => {
          const node = [...th.childNodes].find((n) => n.textContent.includes(w));
          const at = node.textContent.indexOf(w);
          range.setStart(node, at);
          range.setEnd(node, at + w.length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          return lines.size > 1 ? [`${w} on ${lines.size} lines`] : [];
        });
      }),
    );
    assert.deepEqual(split, [], `${width}px`);
    await page.close();
  }
  const { page } = await open(s.browser, s.base, { waitFor: '[data-testid="pillar-table"]', viewport: { width: 390, height: 844 } });
  const wrap = await page.$eval('[data-testid="pillar-table"]', (t) => ({ scroll: t.parentElement.scrollWidth, client: t.parentElement.clientWidth }));
  assert.ok(wrap.scroll <= wrap.client, JSON.stringify(wrap));
  const labels = await page.$$eval('[data-testid="pillar-table"] tbody tr:first-child td', (tds) => tds.map((td) => getComputedStyle(td, '::before').content));
  assert.deepEqual(labels, ['"取組数："', '"うち全庁："', '"○ 順調（小項目）："', '"△ 遅れ・課題あり（小項目）："', '"KPI："']);
  await page.close();
});

test('on a phone the heatmap says that it scrolls and brings the cell that most needs a look into view', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/heatmap`, { waitFor: '[data-testid="heatmap"]', viewport: { width: 390, height: 844 } });
  await page.waitForFunction(() => !document.querySelector('[data-testid="scroll-hint"]').hidden, { timeout: 5000 });
  assert.match(await text(page, '[data-testid="scroll-hint"]'), /横にスクロール/);
  // The highest share of the map, read from the cells' own data (the share the colour shows).
  const seen = await page.$eval('[data-testid="heatmap"]', (table) => {
    const cells = [...table.querySelectorAll('td.rd-heat[data-share]')];
    const top = Math.max(...cells.map((c) => Number(c.dataset.share)));
    const worst = table.querySelector('[data-worst]');
    const wrap = table.parentElement.getBoundingClientRect();
    const r = worst.getBoundingClientRect();
    return { top, share: Number(worst.dataset.share), inside: r.left >= wrap.left - 1 && r.right <= wrap.right + 1 };
  });
  assert.equal(seen.share, seen.top);
  assert.ok(seen.top > 0);
  assert.ok(seen.inside, 'the worst cell is inside the visible part of the table');
  await page.close();
  // A desktop has room: no hint.
  const wide = await open(s.browser, `${s.base}#rd/heatmap`, { waitFor: '[data-testid="heatmap"]' });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await wide.page.$eval('[data-testid="scroll-hint"]', (p) => p.hidden), true);
  await wide.page.close();
});

test('on the KPI page the status buttons count what the list shows under the chosen pillar', async () => {
  const { page } = await open(s.browser, `${s.base}#rd/kpi`, { waitFor: '[data-testid="kpi-counts"]' });
  for (const pillar of REPORT.pillars.map((p) => p.id)) {
    await page.select('#rd-k-pillar', pillar);
    const inPillar = REPORT.kpis.filter((k) => REPORT.initiatives.find((i) => i.id === k.initiative).pillar === pillar).length;
    await page.waitForFunction((n) => document.querySelectorAll('.rd-kpi-card').length === n, { timeout: 5000 }, inPillar);
    const buttons = await page.$$eval('[data-testid="kpi-counts"] li', (lis) => lis.map((li) => [li.dataset.status, Number(li.querySelector('strong').textContent)]));
    assert.equal(buttons.reduce((sum, [, n]) => sum + n, 0), inPillar, `${pillar}: ${JSON.stringify(buttons)}`);
    for (const [status, n] of buttons) {
      const shown = await page.$$eval(`.rd-kpi-card[data-status="${status}"]`, (cards) => cards.length);
      assert.equal(shown, n, `${pillar} ${status}`);
    }
  }
  await page.close();
});

/**
 * Where the labels of a chart's horizontal lines (targets, printed averages) fall against its
 * bars, by ECharts' placement rule: a mark line's label without a position sits at the line's
 * end, `distance` (5 px) right of the plot, as wide as its text; any other position is inside
 * the plot, where a bar may reach. Bars are where ECharts laid them out.
 */
function labelsOverBars(instance) {
  const option = instance.getOption();
  const plot = instance.getModel().getComponent('grid').coordinateSystem.getRect();
  const measure = document.createElement('canvas').getContext('2d');
  const labels = option.series.flatMap((s) => (s.markLine?.data ?? []).map((d) => {
    const label = s.markLine.label ?? {};
    measure.font = `${label.fontSize ?? 12}px sans-serif`;
    const x = plot.x + plot.width + (label.distance ?? 5);
    return { text: d.name, position: label.position ?? 'end', x, width: measure.measureText(d.name).width };
  }));
  const data = instance.getModel().getSeriesByIndex(0).getData();
  const bars = [];
  for (let i = 0; i < data.count(); i++) {
    const l = data.getItemLayout(i);
    if (l && Number.isFinite(l.height) && l.height !== 0) bars.push({ x: l.x, width: l.width });
  }
  const overlaps = labels.flatMap((t) => (t.position !== 'end'
    ? [`${t.text} is placed ${t.position}, inside the plot`]
    : bars.filter((b) => b.x + b.width > t.x).map((b) => `${t.text} beside a bar that reaches x ${Math.round(b.x + b.width)}`)));
  return { overlaps, labels, bars: bars.length, width: instance.getWidth(), height: instance.getHeight() };
}

test('a saved chart PNG names the KPI, its judgement, the report\'s year and source, and no line label sits on a bar', async () => {
  // A KPI whose bars all rise above its standing target line: the label at the line's end
  // used to sit on the last bar.
  const k = REPORT.kpis.find((x) => {
    const line = x.series.find((p) => p.kind === 'target' && p.aggregate);
    const bars = x.series.filter((p) => p.kind === 'actual' && !p.aggregate && p.fiscal_year);
    return line && bars.length >= 2 && bars.every((p) => p.value > line.value);
  });
  assert.ok(k, 'the report has a KPI whose every bar is above its target line');
  const { page } = await open(s.browser, `${s.base}#rd/kpi`, { waitFor: '.rd-kpi-card' });
  const card = `.rd-kpi-card[data-kpi="${k.id}"]`;
  await page.$eval(card, (c) => c.scrollIntoView());
  await page.waitForSelector(`${card} [data-testid="save-png"]:not([disabled])`);
  // What ECharts draws into the image: recorded when the PNG is made.
  await page.evaluate((sel, check) => {
    const measure = new Function(`return (${check})`)();
    const instance = window.__rd.chartsModule().getInstanceByDom(document.querySelector(sel));
    window.__onScreen = measure(instance);
    const proto = Object.getPrototypeOf(instance);
    const original = proto.getDataURL;
    proto.getDataURL = function (opts) {
      window.__saved = { option: JSON.parse(JSON.stringify(this.getOption())), drawn: measure(this) };
      return original.call(this, opts);
    };
  }, `${card} .rd-chart`, labelsOverBars.toString());
  const file = await download(page, `${card} [data-testid="save-png"]`, '.png');
  const saved = await page.evaluate(() => window.__saved);
  const onScreen = await page.evaluate(() => window.__onScreen);

  // The caption: the KPI's label, the judgement its card shows, the report's year, the source.
  const badge = await text(page, `${card} .rd-kpi-meta .rd-badge`);
  const [head, source] = saved.option.title;
  assert.equal(head.text.replace(/\n/g, ''), k.label);
  assert.ok(head.subtext.includes(`判定：${badge}`), `${head.subtext} / card: ${badge}`);
  assert.ok(head.subtext.includes(REPORT.report.label), head.subtext);
  const lines = [...new Set(k.series.map((p) => p.line))].sort((a, b) => a - b);
  const page0 = REPORT.report.source.page_spans.find((sp) => sp.first_line <= lines[0] && lines[0] <= sp.last_line).page;
  const src = source.text.replace(/\n/g, '');
  assert.ok(src.startsWith(`出典：${REPORT.report.title}`), src);
  assert.ok(src.includes(`${page0}ページ・${lines[0]}行`), src);
  assert.ok(lines.every((l) => src.includes(`${l}行`)), src);
  assert.ok(src.includes(`取組 ${k.initiative}`), src);

  // The image: a PNG twice the size it was drawn at, a slide's proportions on any screen.
  const bytes = readFileSync(file);
  assert.deepEqual([...bytes.subarray(1, 4)], [...Buffer.from('PNG')]);
  const size = { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  assert.deepEqual(size, { width: 2 * saved.drawn.width, height: 2 * saved.drawn.height });
  assert.ok(size.width >= 1600 && size.height >= 900 && size.width / size.height > 1.3 && size.width / size.height < 2, JSON.stringify(size));

  // The target line's label sits right of the plot, clear of every bar, on screen and in the image.
  for (const [where, drawn] of [['image', saved.drawn], ['screen', onScreen]]) {
    assert.ok(drawn.bars >= 2, `${where}: ${drawn.bars} bars`);
    assert.ok(drawn.labels.length >= 1, `${where}: no line label found`);
    assert.deepEqual(drawn.overlaps, [], where);
    for (const l of drawn.labels) assert.ok(l.x >= 0 && l.x + l.width <= drawn.width + 0.5, `${where}: ${l.text} cut off at the edge (${JSON.stringify(l)}, width ${drawn.width})`);
  }
  await page.close();
});

/** A file that is not a report of this format, written as `name`. */
function notAReport(name, content) {
  const file = join(scratchDir('rd-bad-'), name);
  writeFileSync(file, content);
  return file;
}

const readable = `${REPORT.schema_version.split('.')[0]}.x`;
const title = (page) => page.$eval('.rd-title', (h) => h.textContent);
const titleIs = (page, want) => page.waitForFunction((t) => document.querySelector('.rd-title')?.textContent === t, { timeout: 20000 }, want);

test('a refused file is announced beside the picker; a dropped one at the top, focused; one message at a time', async () => {
  const { page } = await open(s.browser, s.base, { waitFor: '[data-testid="open-file"]' });
  const control = (await text(page, 'label[for="rd-open-file"]')).replace(/：$/, '');
  await (await page.$('[data-testid="open-file"]')).uploadFile(notAReport('broken.json', '{"schema_version": "1.0.0", "report": '));
  await page.waitForSelector('[data-testid="open-error"]');
  const picked = await page.$eval('[data-testid="open-error"]', (el) => {
    const input = document.querySelector('#rd-open-file');
    return {
      via: el.dataset.via,
      role: el.getAttribute('role'),
      describes: input.getAttribute('aria-describedby') === el.id && input.getAttribute('aria-invalid') === 'true',
      besidePicker: el.closest('[data-testid="open-report"]') !== null && el.getBoundingClientRect().top - input.getBoundingClientRect().bottom < 40,
    };
  });
  assert.deepEqual(picked, { via: 'picker', role: 'alert', describes: true, besidePicker: true });
  assert.match(await text(page, '[data-testid="open-error"]'), /^broken\.json は使えません。\d+行\d+列: JSONとして読めません.*選び直してください。今の報告書はそのまま表示しています。$/);

  // Dropped in the middle of the page, scrolled away from the top and the picker.
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight / 3));
  await page.evaluate((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'dropped.json', { type: 'application/json' }));
    document.elementFromPoint(innerWidth / 2, innerHeight / 2).dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, '{"schema_version": "9.0.0"}');
  await page.waitForSelector('[data-testid="open-error"][data-via="drop"]');
  await page.waitForFunction(() => document.activeElement?.dataset.via === 'drop', { timeout: 5000 });
  const dropped = await page.$eval('[data-testid="open-error"][data-via="drop"]', (el) => {
    const r = el.getBoundingClientRect();
    return { role: el.getAttribute('role'), inView: r.top >= 0 && r.bottom <= innerHeight, messages: document.querySelectorAll('[data-testid="open-error"]').length };
  });
  // One channel: the picker's message gave way to the drop's.
  assert.deepEqual(dropped, { role: 'alert', inView: true, messages: 1 });
  const said = await text(page, '[data-testid="open-error"][data-via="drop"] p');
  assert.ok(said.startsWith(`ドロップした dropped.json は使えません。このファイルの形式は 9.0.0 です。このアプリが読めるのは ${readable} です。`), said);
  assert.ok(said.includes(`「${control}」で選んでください`), said);
  assert.equal(await title(page), REPORT.report.title);
  // Closing it puts focus on the main content.
  await page.click('[data-testid="open-error"][data-via="drop"] button');
  assert.equal(await page.$('[data-testid="open-error"]'), null);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'rd-main');
  await page.close();
});

test('a file chosen in the pre-rendered page before the app starts is opened, not dropped', async () => {
  const page = await s.browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  // The app is held back until the file is chosen: the page stays the pre-rendered snapshot.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.setRequestInterception(true);
  page.on('request', async (request) => {
    if (/_bg\.wasm$/.test(new URL(request.url()).pathname)) await held;
    request.continue();
  });
  await page.goto(s.base, { waitUntil: 'domcontentloaded' });
  const early = await page.waitForSelector('[data-rd-snapshot] #rd-open-file');
  const { file, report: next } = nextEdition();
  await early.uploadFile(file);
  release();
  await appStarted(page);
  await titleIs(page, next.report.title);
  assert.equal(await text(page, '[data-stat="initiatives"] .rd-stat-num'), String(next.initiatives.length));
  await page.close();
});

/** The editions the selectors name: [shown, compared]. */
const editionsChosen = (page) => page.$$eval('[data-testid="editions"] select', (ss) => ss.map((s) => s.options[s.selectedIndex].textContent));

/** Opens next year's report, reloads, goes back to the bundled one and reloads again. */
async function openedReportSurvivesReload(page) {
  const { file, report: next } = nextEdition();
  await (await page.$('[data-testid="open-file"]')).uploadFile(file);
  await titleIs(page, next.report.title);
  // Added beside the bundled report and compared with it; the selectors name both.
  const both = [`${next.report.label}（next.json）`, `${REPORT.report.label}（このページの報告書）`];
  assert.deepEqual(await editionsChosen(page), both);
  assert.equal(await page.$('[data-testid="not-kept"]'), null);
  await page.reload({ waitUntil: 'load' });
  await appStarted(page);
  await titleIs(page, next.report.title);
  assert.deepEqual(await editionsChosen(page), both);
  assert.equal(await text(page, '[data-stat="initiatives"] .rd-stat-num'), String(next.initiatives.length));
  await page.click('[data-testid="close-opened"]');
  await titleIs(page, REPORT.report.title);
  assert.equal(await page.$('[data-testid="editions"]'), null);
  await page.reload({ waitUntil: 'load' });
  await appStarted(page);
  await page.waitForSelector('.rd-title');
  assert.equal(await title(page), REPORT.report.title);
  assert.equal(await page.$('[data-testid="editions"]'), null);
}

test('a file of the year shown takes its place, said over the report with the way back', async () => {
  const { page } = await open(s.browser, s.base, { waitFor: '[data-testid="open-file"]' });
  const same = structuredClone(REPORT);
  same.report.title = '訂正版の報告書（試験）';
  const file = join(scratchDir('rd-same-year-'), 'corrected.json');
  writeFileSync(file, JSON.stringify(same));
  await (await page.$('[data-testid="open-file"]')).uploadFile(file);
  await titleIs(page, same.report.title);
  const banner = `開いた報告書を表示中：corrected.json（${REPORT.report.label}）`;
  const back = `組み込みの報告書（${REPORT.report.label}）に戻す`;
  assert.equal(await text(page, '[data-testid="opened-name"]'), `${banner} ${back}`);
  assert.equal(await page.$('[data-testid="editions"]'), null, 'one edition of the year: no selectors');
  await page.click('[data-testid="back-to-bundled"]');
  await titleIs(page, REPORT.report.title);
  assert.equal(await page.$('[data-testid="opened-name"]'), null);
  await page.close();
});

test('an opened report survives a reload in the hosted build, with a way back to the bundled one', async () => {
  const { page } = await open(s.browser, s.base, { waitFor: '[data-testid="open-file"]' });
  await openedReportSurvivesReload(page);
  await page.close();
});

test('an opened report survives a reload in the offline file too', async () => {
  const { page } = await open(s.browser, pathToFileURL(join(DIST, 'offline/reform-dashboard.html')).href, { waitFor: '[data-testid="open-file"]' });
  await openedReportSurvivesReload(page);
  await page.close();
});

test('when the browser will not keep an opened report, the page says a reload loses it', async () => {
  const { page } = await open(s.browser, s.base, { waitFor: '[data-testid="open-file"]' });
  await page.evaluate(() => { Storage.prototype.setItem = function full() { throw new DOMException('full', 'QuotaExceededError'); }; });
  const { file, report: next } = nextEdition();
  await (await page.$('[data-testid="open-file"]')).uploadFile(file);
  await titleIs(page, next.report.title);
  const said = await text(page, '[data-testid="not-kept"]');
  assert.ok(said.includes('ブラウザーの一時保存の容量（セッションストレージ）を超えます'), said);
  assert.ok(said.includes('ページを再読み込みすると元の報告書に戻ります'), said);
  await page.reload({ waitUntil: 'load' });
  await appStarted(page);
  await page.waitForSelector('.rd-title');
  assert.equal(await title(page), REPORT.report.title);
  await page.close();
});

test('a kept report that no longer loads gives way to the bundled one after a reload, and says why', async () => {
  const { page } = await open(s.browser, s.base, { waitFor: '[data-testid="open-file"]' });
  // What an older copy of the app kept, in a format this one cannot read.
  await page.evaluate(() => {
    sessionStorage.setItem(`reform-dashboard:opened-name:${location.pathname}`, 'old.json');
    sessionStorage.setItem(`reform-dashboard:opened-report:${location.pathname}`, '{"schema_version": "9.0.0"}');
  });
  await page.reload({ waitUntil: 'load' });
  await appStarted(page);
  await page.waitForSelector('[data-testid="open-error"][data-via="reload"]');
  const said = await text(page, '[data-testid="open-error"][data-via="reload"] p');
  assert.ok(said.startsWith(`前回開いた報告書 old.json を再表示できません。このファイルの形式は 9.0.0 です。`), said);
  assert.ok(said.includes(`組み込みの報告書（${REPORT.report.label}）を表示しています`), said);
  assert.equal(await title(page), REPORT.report.title);
  assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'the report that cannot load is forgotten');
  await page.close();
});
