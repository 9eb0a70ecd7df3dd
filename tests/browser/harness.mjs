// Browser-test harness: serves a built folder on loopback and drives Debian's headless Chromium
// through puppeteer-core. It builds nothing: `make test` builds dist/ first.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { after, before } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = join(ROOT, 'dist');
export const REPORT = JSON.parse(readFileSync(join(ROOT, 'data/initiatives.json'), 'utf8'));

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

export function chromiumPath() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run \`make tools\` (as root it installs Debian's chromium) or set CHROMIUM=/path/to/chromium`);
  }
  return CHROMIUM;
}

/**
 * The dashboard defines no globals; it hands its test hooks (liveChartCount, wasmMemoryBytes,
 * chartsModule) to the `reform-dashboard:started` event. Every page of a test browser keeps them
 * as `window.__rd`.
 */
export async function withHooks(page) {
  await page.evaluateOnNewDocument(() => addEventListener('reform-dashboard:started', (e) => { window.__rd = e.detail; }));
  return page;
}

/** What ECharts drew into the chart `selector`: its option after ECharts' own defaults. */
export const chartOption = (page, selector) =>
  page.$eval(selector, (el) => JSON.parse(JSON.stringify(window.__rd.chartsModule().getInstanceByDom(el).getOption())));

export const liveCharts = (page) => page.evaluate(() => window.__rd.liveChartCount());

/**
 * The browser's Back (`delta` -1) or Forward (+1) button: one step through the tab's joint
 * history, whichever frame the entry belongs to. `page.goBack()` waits for a navigation of the
 * top page, which never comes when the entry is an iframe's.
 */
export async function historyStep(page, delta) {
  const cdp = await page.createCDPSession();
  const { currentIndex, entries } = await cdp.send('Page.getNavigationHistory');
  const entry = entries[currentIndex + delta];
  if (!entry) throw new Error(`no history entry ${delta} from ${currentIndex} of ${entries.length}`);
  await cdp.send('Page.navigateToHistoryEntry', { entryId: entry.id });
  await cdp.detach();
}

/**
 * Charts are drawn only near the viewport: scrolls each chart of the page into view in turn and
 * waits for its canvas. Returns how many charts were drawn.
 */
export async function drawEveryChart(page, selector = '.rd-chart', each = async () => {}) {
  const n = await page.$$eval(selector, (cs) => cs.length);
  for (let i = 0; i < n; i++) {
    await page.evaluate((sel, k) => document.querySelectorAll(sel)[k].scrollIntoView({ block: 'center' }), selector, i);
    await page.waitForFunction((sel, k) => document.querySelectorAll(sel)[k]?.querySelector('canvas'), { timeout: 20000 }, selector, i);
    await each(i);
  }
  return n;
}

/** A browser with a fresh profile and no background traffic. */
export async function launch(extraArgs = []) {
  const profile = scratchDir('rd-chromium-');
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', `--user-data-dir=${profile}`,
      ...extraArgs,
    ],
  });
  return tended(browser, profile);
}

/** `browser` whose pages get the test hooks and whose profile goes when it closes. */
function tended(browser, profile) {
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async () => withHooks(await newPage());
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    rmSync(profile, { recursive: true, force: true });
  };
  return browser;
}

/**
 * Debian's firefox-esr over WebDriver BiDi, with a fresh profile and every request that is not
 * to loopback sent to a closed proxy port (loopback is never proxied, so a test server stays
 * reachable): no network, no browser flags. Pages get the test hooks as in Chromium.
 */
export async function launchFirefox() {
  if (!existsSync(FIREFOX)) {
    throw new Error(`Firefox not found at ${FIREFOX}: run \`make tools\` as root (installs firefox-esr) or set FIREFOX=/path/to/firefox`);
  }
  const profile = scratchDir('rd-firefox-');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: { 'network.proxy.type': 1, 'network.proxy.http': '127.0.0.1', 'network.proxy.http_port': 9, 'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': 9 },
  });
  return tended(browser, profile);
}

/** Both browsers the tests run in, by name, each with its launcher. */
export const BROWSERS = [['Chromium', () => launch()], ['Firefox', launchFirefox]];

// Temporary folders (fixtures, downloads, profiles) are removed when the test file ends, even
// after a failed test, so repeated runs do not fill the disk.
const scratch = new Set();
process.once('exit', () => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A new temporary folder named `prefix`…, removed when the test file ends. */
export function scratchDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.add(dir);
  return dir;
}

// Every server a test file starts is closed when the file ends, even after a failed test
// (an open server would keep the test process alive).
const servers = new Set();
after(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

/**
 * Clicks `selector` and returns the path of the file the page saves (CSV, PNG) with `ext`,
 * or fails after five seconds.
 */
export async function download(page, selector, ext) {
  const dir = scratchDir('rd-download-');
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
  await page.click(selector);
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const file = readdirSync(dir).find((f) => f.endsWith(ext));
    if (file) return join(dir, file);
  }
  throw new Error(`no ${ext} file was saved after clicking ${selector}`);
}

/**
 * A saved Excel workbook read back natively (`data-module/examples/read_workbook.rs`, calamine):
 * `{sheets: [{name, rows, first_row, cells}]}`, numbers as numbers, empty cells as null.
 */
export function readWorkbook(file) {
  const reader = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug/examples/read_workbook');
  if (!existsSync(reader)) throw new Error(`${reader} missing: run \`make test-browser\` (or cargo build -p reform-data --example read_workbook)`);
  return JSON.parse(execFileSync(reader, [file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

/** Serves the folder `root` on a free loopback port; closed when the test file ends. */
export async function serveRoot(root, options = {}) {
  const started = await serve(root, options);
  servers.add(started.server);
  return started;
}

/** Serves `dir` (relative to dist/), which must have been built. */
export async function serveDist(dir = 'web', options = {}) {
  const root = join(DIST, dir);
  if (!existsSync(join(root, 'index.html'))) throw new Error(`${root}/index.html missing: run \`make dist\` first`);
  return serveRoot(root, options);
}

/**
 * Opens `url` in a new page and records what a person would not see: console errors, page errors,
 * and every request (to check that nothing leaves the machine). `before(page)` runs before the
 * page loads (to watch it from its first byte); no wait for the app when `waitFor` is null.
 */
export async function open(browser, url, { waitFor = '.rd-main', viewport = { width: 1280, height: 900 }, before = async () => {}, timeout = 20000 } = {}) {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  const log = { errors: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('request', (r) => log.requests.push(r.url()));
  await before(page);
  await page.goto(url, { waitUntil: 'load' });
  if (waitFor) {
    await appStarted(page);
    await page.waitForSelector(waitFor, { timeout });
  }
  return { page, log };
}

/**
 * The pre-rendered overview is on screen before the app, with the same elements: waits until the
 * app has replaced it, so a test uses the app and not its static picture.
 */
export const appStarted = (page) => page.waitForFunction(() => !document.querySelector('[data-rd-snapshot]'), { timeout: 20000 });

export const text = (page, selector) => page.$eval(selector, (el) => el.textContent.replace(/\s+/g, ' ').trim());

/**
 * Next year's report as a person would open it: the real report with another title, the next
 * year (label and fiscal year) and its first ten initiatives, written to a scratch folder as
 * `name`. Returns the file's path and the report.
 */
export function nextEdition(name = 'next.json') {
  const next = structuredClone(REPORT);
  next.report.title = '翌年度の報告書（試験）';
  next.report.fiscal_year += 1;
  next.report.label = REPORT.report.label.replace(/\d+/, (n) => String(Number(n) + 1));
  next.initiatives = next.initiatives.slice(0, 10);
  const ids = new Set(next.initiatives.map((i) => i.id));
  next.kpis = next.kpis.filter((k) => ids.has(k.initiative));
  next.initiatives = next.initiatives.map((i) => ({ ...i, relisted_from: ids.has(i.relisted_from) ? i.relisted_from : null }));
  // What the overrides supplied is named by id, and must be in the file.
  const kpiIds = new Set(next.kpis.map((k) => k.id));
  next.report.overrides.kpis = next.report.overrides.kpis.filter((id) => kpiIds.has(id));
  next.report.overrides.achieved_marks = next.report.overrides.achieved_marks.filter((id) => ids.has(id));
  const file = join(scratchDir('rd-next-'), name);
  writeFileSync(file, JSON.stringify(next));
  return { file, report: next };
}

/** A row counted elsewhere: a 【再掲】 copy, or an unmarked repeat of another row (`same_as`). */
export const isRepeat = (i) => i.relisted || i.same_as !== null;

/**
 * What the query layer says each address shows (`examples/answer_key.rs`, written by
 * `make build/answer-key.json` before the browser tests). A test compares the screen with these
 * answers and never computes a figure again in JavaScript; the native tests check the answers
 * against the report.
 */
const ANSWER_KEY = join(ROOT, 'build/answer-key.json');
let answers = null;
export function answer(hash) {
  if (!answers) {
    if (!existsSync(ANSWER_KEY)) throw new Error(`${ANSWER_KEY} missing: run \`make build/answer-key.json\` (make test does)`);
    answers = JSON.parse(readFileSync(ANSWER_KEY, 'utf8'));
  }
  const key = decodeURIComponent(hash);
  if (!(key in answers)) throw new Error(`no answer for ${key}: add the address to ADDRESSES in examples/answer_key.rs`);
  return answers[key];
}

/** The overview's figures, as the query layer counts them. */
export function expectedOverview() {
  const o = answer('#rd/overview');
  const counts = (c) => ({ initiatives: c.initiatives, zencho: c.zencho, onTrack: c.on_track, delayed: c.delayed, kpis: c.kpis });
  return {
    total: { ...counts(o.total), relisted: o.total.relisted, points: o.points },
    pillars: o.pillars.map((p) => ({ id: p.id, ...counts(p.counts) })),
    delayedSubsections: o.delayed_subsections,
  };
}

export const fmt = (n) => n.toLocaleString('en-US');

/**
 * One browser and one server of dist/web for a whole test file: `s.browser` and `s.base`
 * are set before the first test and closed after the last.
 */
export function useDashboard() {
  const s = {};
  before(async () => {
    const { server, url } = await serveDist('web');
    Object.assign(s, { server, base: url, browser: await launch() });
  });
  after(async () => {
    await s.browser?.close();
    s.server?.close();
  });
  return s;
}
