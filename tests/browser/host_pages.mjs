// A real CMS page around the tag embed: the Content-Security-Policy the webmaster's guide gives,
// a site stylesheet that styles every ordinary element, a `<base href>`, an anchor below the
// dashboard. Shared by the Chromium and Firefox runs of these checks and by the distribution test.
import { readFileSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import assert from 'node:assert/strict';
import { DIST, ROOT, open, scratchDir } from './harness.mjs';

/**
 * The policy embed/README.md §4 tells webmasters to send: the code block of that section, read
 * from the guide itself so the tests check what the guide says.
 */
export function readmeCsp() {
  const guide = readFileSync(join(ROOT, 'embed/README.md'), 'utf8');
  const section = guide.split(/^## /m).find((s) => s.startsWith('4. Content-Security-Policy'));
  assert.ok(section, 'embed/README.md has its section 4. Content-Security-Policy');
  const block = section.match(/^```[a-z]*\n([\s\S]*?)\n```/m);
  assert.ok(block, 'section 4 holds the policy in a code block');
  const policy = block[1].trim();
  assert.doesNotMatch(policy, /\n/, 'the policy is one line, as a header is');
  return policy;
}

/** Collects the page's CSP violations, from the start of every document it loads. */
export async function watchCsp(page) {
  await page.evaluateOnNewDocument(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

/**
 * A site stylesheet as a CMS theme writes it: every element the dashboard uses gets a colour,
 * font, spacing, border, background or list style, and links an arrow after them.
 */
export const HOSTILE_CSS = `
html { line-height: 2.5; }
body { font-family: "Times New Roman", serif; color: #060; }
h1, h2, h3, h4 { color: green; font-family: serif; font-size: 40px; font-weight: 300; line-height: 3; margin: 40px 0 40px 20px; padding: 10px; border-bottom: 4px double green; text-transform: uppercase; letter-spacing: 3px; background: #efe; }
p { line-height: 3; margin: 30px; padding: 5px; color: #630; text-align: justify; text-indent: 2em; }
table { border: 5px solid red; margin: 20px; background: #fee; border-spacing: 8px; }
caption { color: red; caption-side: bottom; text-align: right; font-style: italic; }
th { background: purple; color: white; text-align: center; padding: 20px; border: 3px dotted blue; font-family: serif; }
td { background: yellow; padding: 20px; border: 3px dotted blue; vertical-align: middle; line-height: 3; }
tr { background: pink; }
section, header, footer, nav, main, figure, form, fieldset, details { margin: 50px; padding: 25px; border: 2px dashed gray; background: #eef; }
a { color: red; font-weight: bold; text-decoration: none; border-bottom: 2px solid red; padding: 3px; }
a::after { content: " ↗"; color: red; }
button { background: yellow; color: black; border: 4px outset orange; border-radius: 0; padding: 15px; font-family: serif; text-transform: uppercase; box-shadow: 5px 5px red; }
select, input, textarea { border: 3px solid red; padding: 12px; background: #ffc; font-family: serif; color: purple; margin: 10px; }
label, legend, summary { color: orange; font-style: italic; display: block; margin: 10px; }
ul, ol { list-style: square inside; margin: 30px; padding: 0 0 0 60px; background: #eef; }
li { margin: 10px 0; padding: 5px; border-left: 3px solid teal; list-style-type: upper-roman; }
li::before { content: "» "; }
dl, dt, dd { margin: 20px; padding: 5px; color: navy; font-family: serif; }
dt { font-weight: 300; float: left; }
span, strong, mark { color: teal; padding: 2px; letter-spacing: 2px; }
div { line-height: 2.5; }
dialog { background: black; color: white; border: 10px solid red; padding: 50px; font-family: serif; }
canvas { border: 3px solid red; margin: 10px; }
`;

/**
 * A host page: a header, a section, the dashboard, and a contact block at the foot that a link
 * may point at (`#contact`). Before the dashboard is drawn the page is short enough to show
 * that block without scrolling.
 */
function hostPage({ title, head = '', script }) {
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${title}</title>
<link rel="icon" href="data:,">${head}</head><body>
<header><h1 id="host-title">県のページ</h1><nav><ul><li><a href="#contact">お問い合わせ</a></li></ul></nav></header>
<section id="host-section"><h2 id="host-heading">行財政改革の取組状況</h2><p>ダッシュボードの前の文章です。</p>
<table id="host-table"><tr><th>区分</th><td>内容</td></tr></table></section>
<div id="reform-dashboard"></div><script type="module" src="${script}"></script>
<section id="contact"><h2>お問い合わせ</h2><p>総務部 行政改革推進室</p></section>
</body></html>`;
}

/**
 * A folder served as a website: the built dashboard at `dashboard/`, and `pages` (path → HTML).
 * Host pages are written by `hostPage` unless given as HTML.
 */
export function site(pages) {
  const dir = scratchDir('rd-site-');
  symlinkSync(join(DIST, 'web'), join(dir, 'dashboard'));
  writeFileSync(join(dir, 'hostile.css'), HOSTILE_CSS);
  for (const [path, page] of Object.entries(pages)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof page === 'string' ? page : hostPage(page));
  }
  return dir;
}

/** The two pages compared: one with the site stylesheet, one without, otherwise the same. */
export const CMS_PAGES = {
  'plain.html': { title: '県のページ', script: 'dashboard/dashboard.js' },
  'themed.html': { title: '県のページ', script: 'dashboard/dashboard.js', head: '<link rel="stylesheet" href="hostile.css">' },
};

/** Opens `url` in a new page of `browser` and returns it once the app has drawn `ready`. */
export const openHosted = async (browser, url, ready, options = {}) => (await open(browser, url, { waitFor: ready, timeout: 30000, ...options })).page;

/** Resolves after the browser has laid out and painted the page twice more. */
export const settled = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Every element type the site stylesheet styles, as they occur in the dashboard. */
export const STYLED_TAGS = ['h1', 'h2', 'h3', 'h4', 'p', 'table', 'caption', 'th', 'td', 'tr', 'section', 'header', 'footer', 'nav', 'main',
  'figure', 'form', 'fieldset', 'details', 'a', 'button', 'select', 'input', 'textarea', 'label', 'legend', 'summary', 'ul', 'ol', 'li',
  'dl', 'dt', 'dd', 'span', 'strong', 'mark', 'div', 'dialog', 'canvas'];

/** What a reader sees of an element's own style (not its size or place, which the page's width sets). */
const PROPERTIES = ['color', 'font-family', 'font-size', 'font-weight', 'font-style', 'line-height', 'text-align', 'text-indent',
  'text-transform', 'letter-spacing', 'text-decoration-line', 'vertical-align', 'display', 'float', 'caption-side', 'border-spacing',
  'margin-top', 'margin-right', 'margin-bottom', 'margin-left', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'border-top', 'border-right', 'border-bottom', 'border-left', 'border-radius', 'box-shadow', 'background-color',
  'list-style-type', 'list-style-position'];

/**
 * Computed styles of up to four elements of each styled type inside the dashboard (the first,
 * the last and two between), keyed `tag[index]`, with their `::before` and `::after` content.
 */
export function sampleStyles(page) {
  return page.evaluate((tags, props) => {
    const out = {};
    for (const tag of tags) {
      const all = [...document.querySelectorAll(`.rd ${tag}`)];
      const picks = [...new Set([0, Math.floor(all.length / 3), Math.floor((2 * all.length) / 3), all.length - 1])].filter((k) => k >= 0 && k < all.length);
      for (const k of picks) {
        const style = getComputedStyle(all[k]);
        const seen = Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
        seen['::before'] = getComputedStyle(all[k], '::before').content;
        seen['::after'] = getComputedStyle(all[k], '::after').content;
        out[`${tag}[${k}] ${all[k].className}`.trim()] = seen;
      }
    }
    return out;
  }, STYLED_TAGS, PROPERTIES);
}

/** The differences between two samples, as `element property: plain → themed`. */
export function styleDifferences(plain, themed) {
  const keys = [...new Set([...Object.keys(plain), ...Object.keys(themed)])];
  const out = [];
  for (const key of keys) {
    if (!plain[key] || !themed[key]) {
      out.push(`${key}: only on the ${plain[key] ? 'plain' : 'themed'} page`);
      continue;
    }
    for (const [p, v] of Object.entries(plain[key])) if (themed[key][p] !== v) out.push(`${key} ${p}: ${v} → ${themed[key][p]}`);
  }
  return out;
}

/** The views compared, each with what shows it is drawn and what to open in it. */
export const CMS_VIEWS = {
  overview: ['#rd/overview', '[data-stat="initiatives"]'],
  // The explorer with two filters, its share dialog open (labels, inputs, a text area, a dialog).
  explorer: ['#rd/explore?dept=%E7%B7%8F%E5%8B%99%E9%83%A8&kpi=any', '[data-testid="results"]', async (page) => {
    await page.click('[data-testid="share-button"]');
    await page.waitForSelector('[data-testid="embed-code"]');
  }],
  // The KPI page with its first chart drawn and its first 「この判定の計算」 open.
  kpi: ['#rd/kpi', '.rd-kpi-card', async (page) => {
    await page.$eval('.rd-kpi-card .rd-chart', (c) => c.scrollIntoView({ block: 'center' }));
    await page.waitForSelector('.rd-kpi-card .rd-chart canvas', { timeout: 30000 });
    await page.$eval('.rd-calc', (d) => { d.open = true; });
  }],
  // An initiative's detail with its KPI chart, and the source dialog of a figure.
  detail: ['#rd/explore?open=I-3-3-3', '[data-testid="kpi-table"] [data-testid="source-button"]:not([disabled])', async (page) => {
    await page.$eval('[data-testid="detail"] .rd-chart', (c) => c.scrollIntoView({ block: 'center' }));
    await page.waitForSelector('[data-testid="detail"] .rd-chart canvas', { timeout: 30000 });
    await page.click('[data-testid="kpi-table"] [data-testid="source-button"]');
    await page.waitForSelector('[data-testid="source-dialog"] mark', { timeout: 30000 });
  }],
};

/**
 * Opens `view` on the plain and the themed page (`base`: the site's URL) and returns both
 * samples, after checking that the theme does reach the host's own elements.
 */
export async function compareView(browser, base, view) {
  const [hash, ready, act = async () => {}] = CMS_VIEWS[view];
  const samples = [];
  for (const name of ['plain.html', 'themed.html']) {
    const page = await openHosted(browser, `${base}${name}${hash}`, ready);
    await act(page);
    await settled(page);
    const host = await page.$eval('#host-heading', (h) => ({ color: getComputedStyle(h).color, cell: getComputedStyle(document.querySelector('#host-table td')).backgroundColor }));
    samples.push({ host, styles: await sampleStyles(page) });
    await page.close();
  }
  const [plain, themed] = samples;
  assert.notDeepEqual(plain.host, themed.host, 'the site stylesheet styles the host page');
  assert.deepEqual(themed.host, { color: 'rgb(0, 128, 0)', cell: 'rgb(255, 255, 0)' });
  return { plain: plain.styles, themed: themed.styles };
}
