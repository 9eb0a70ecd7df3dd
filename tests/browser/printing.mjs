// What a printout holds, read as a person holding it would: pages counted with poppler's
// pdfinfo, text read back with pdftotext, pictures listed with pdfimages. Shared by the Chromium
// and Firefox print tests.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT, scratchDir } from './harness.mjs';

const dir = scratchDir('rd-print-');

/** Prints `page` on A4 into a PDF named after `name` and returns what the PDF holds. */
export async function printA4(page, name) {
  const file = join(dir, `${name.replace(/\W+/g, '_')}.pdf`);
  writeFileSync(file, await page.pdf({ format: 'A4' }));
  return pdfFacts(file);
}

/** The pages of a PDF file: how many, their size in points, each page's text and pictures. */
export function pdfFacts(file) {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(info.match(/^Pages:\s+(\d+)/m)[1]);
  const size = info.match(/^Page size:\s+([\d.]+) x ([\d.]+)/m).slice(1).map(Number);
  // -raw: text in the order it is drawn, so a wrapped heading stays together in two columns.
  const pageText = (n) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-raw', file, '-'], { encoding: 'utf8' });
  // One row per picture after two header lines; its second column is its page.
  const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2)
    .filter((row) => /^\s*\d+\s+\d+\s+image\b/.test(row));
  return { pages, size, pageText, images: images.length };
}

/**
 * Text without its spaces and line breaks, as it reads on paper: Firefox's PDF maps some kanji
 * to look-alike radicals (⾏ for 行) and the full-width tilde to the wave dash (～, 〜), so both
 * sides are compared in their compatibility form with one wave.
 */
export const squeeze = (t) => t.normalize('NFKC').replace(/[~〜]/g, '〜').replace(/\s+/g, '');

/**
 * A4 portrait, 595.3 × 841.9 points, within a point: Firefox writes its paper size in its own
 * units (595.9 × 842 or so).
 */
export function checkA4(size) {
  assert.ok(Math.abs(size[0] - 595.3) < 1 && Math.abs(size[1] - 841.9) < 1, `A4 portrait: ${size.join(' × ')} points`);
}

/**
 * The running header of a printed page: its first line without the page counter. It names the
 * report and its year, and says nothing twice (no run of four characters or more repeats).
 */
export function checkHeader(pageText, n, pages) {
  const first = pageText.split('\n')[0];
  assert.match(first, new RegExp(`${n}\\s*/\\s*${pages}\\s*$`), first);
  const header = squeeze(first.replace(/\d+\s*\/\s*\d+\s*$/, ''));
  assert.ok(header.includes(squeeze(REPORT.report.title)), header);
  assert.equal(header.split(squeeze(REPORT.report.label)).length - 1, 1, `the year once: ${header}`);
  for (let k = 0; k + 4 <= header.length; k++) {
    const run = header.slice(k, k + 4);
    assert.equal(header.indexOf(run, k + 1), -1, `「${run}」 twice in ${header}`);
  }
}

/**
 * Every page carries the running header, where the browser draws CSS page-margin boxes
 * (`@top-left`, `counter(pages)`): Chromium does, Firefox does not (it prints the pages
 * without it, the dashboard's own title on the first).
 */
function checkHeaders(pages, pageText, runningHeader) {
  if (runningHeader) {
    for (let n = 1; n <= pages; n++) checkHeader(pageText(n), n, pages);
  } else {
    assert.ok(squeeze(pageText(1)).startsWith(squeeze(REPORT.report.title)), pageText(1).slice(0, 200));
  }
}

/** The overview's printout: two A4 pages at most, the pillar table whole with its header. */
export function checkOverviewPrintout({ pages, size, pageText }, { runningHeader = true } = {}) {
  checkA4(size);
  assert.ok(pages <= 2, `${pages} pages`);
  checkHeaders(pages, pageText, runningHeader);
  const texts = Array.from({ length: pages }, (_, i) => squeeze(pageText(i + 1)));
  // The pillar table: caption, header, every pillar's row and the total on one page, printed once.
  const caption = squeeze('柱別の取組数と小項目の進捗状況');
  const on = texts.filter((t) => t.includes(caption));
  assert.equal(on.length, 1, 'the caption is printed once');
  for (const p of REPORT.pillars) assert.ok(on[0].includes(squeeze(p.title)), `${p.title} with its header`);
  assert.equal(texts.join('').split('合計').length - 1, 1, 'the total row is printed once');
  assert.ok(on[0].includes('合計'), 'the total with its header');
}

/**
 * The KPI page's printout: six KPIs to an A4 page, every KPI's name. With `pictures`, the PDF
 * holds that many pictures, one per chart: Firefox prints each canvas as a picture, Chromium
 * redraws canvases as vector paths (its tests count the drawn canvases in the page instead).
 */
export function checkKpiPrintout({ pages, size, pageText, images }, { runningHeader = true, pictures = null } = {}) {
  checkA4(size);
  assert.ok(pages <= Math.ceil(REPORT.kpis.length / 6) + 1, `${pages} pages for ${REPORT.kpis.length} KPIs`);
  checkHeaders(pages, pageText, runningHeader);
  const text = squeeze(Array.from({ length: pages }, (_, i) => pageText(i + 1)).join('\n'));
  for (const k of REPORT.kpis) assert.ok(text.includes(squeeze(k.label)), k.label);
  if (pictures !== null) assert.equal(images, pictures, 'one picture per chart in the PDF');
}

/** Pixels drawn into each chart's canvas (`null`: no canvas), as page source to evaluate. */
export const INK = `(() => [...document.querySelectorAll('.rd-chart')].map((c) => {
  const canvas = c.querySelector('canvas');
  if (!canvas || !canvas.width || !canvas.height) return null;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
  return n;
}))`;

/**
 * Checks that every chart held all its marks at `atPrint` (pixels per chart when printing
 * started): once every animation that could have started has ended, each chart holds what it
 * held then.
 */
export async function checkChartsCompleteAt(page, atPrint) {
  assert.ok(atPrint.length >= 10, `${atPrint.length} charts`);
  assert.deepEqual(atPrint.map((n, k) => (n === null ? k : -1)).filter((k) => k >= 0), [], 'every chart has a canvas');
  let settled = null;
  for (let tries = 0; tries < 20; tries++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await page.evaluate(`${INK}()`);
    if (settled && JSON.stringify(now) === JSON.stringify(settled)) break;
    settled = now;
  }
  const short = atPrint.map((n, k) => [k, n, settled[k]]).filter(([, n, all]) => all === null || n < all * 0.99);
  assert.deepEqual(short, [], 'charts printed before they were complete: [index, pixels at print, pixels complete]');
}
