// After `trunk build`: makes the three deliverables of `make dist` from dist/web.
//   dist/web/      hosted build; the inline start-up script trunk writes becomes dashboard.js,
//                  so the page runs under a CSP without 'unsafe-inline' for scripts; ECharts
//                  becomes echarts-HASH.mjs and the chart module (charming) reform-charts-HASH.mjs
//                  and reform-charts-HASH.wasm, imported when a view first draws a chart; the data
//                  module (published files, CSV downloads, Excel workbook) becomes
//                  reform-data-HASH.mjs and reform-data-HASH.wasm, imported on the first file asked for
//   dist/offline/  one self-contained HTML file (wasm as base64 of its gzip, glue, ECharts, chart
//                  module, data module, CSS, data inline) that starts from file:// with the network off
//   dist/embed/    example host pages and the webmaster's guide
// and, for the import workbench, build/dashboard-template.html: the offline file with
// placeholders for any report, filled without compiling (contract below, at its writing)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync, readdirSync, renameSync, rmSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

// fileURLToPath, not URL.pathname: the checkout may sit under a path with spaces or Japanese.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB = join(ROOT, 'dist/web');
const fail = (msg) => {
  console.error(`package: ${msg}`);
  process.exit(1);
};

let html = readFileSync(join(WEB, 'index.html'), 'utf8');
const inline = html.match(/<script type="module">([\s\S]*?)<\/script>/);
const files = readdirSync(WEB);
const pick = (re, what) => files.find((f) => re.test(f)) ?? fail(`no ${what} in dist/web: run trunk build first`);
const glue = pick(/^reform-app-[0-9a-f]+\.js$/, 'wasm-bindgen glue');
const wasm = pick(/^reform-app-[0-9a-f]+_bg\.wasm$/, 'wasm');
const css = pick(/^style-[0-9a-f]+\.css$/, 'stylesheet');

// ECharts and the source text (gzip) get a content hash like trunk's own files, so browsers may
// cache them for good. A rebuild over an earlier dist/web replaces the earlier hashed copy.
function publishByHash(name, prefix, ext) {
  const hashed = new RegExp(`^${prefix}-[0-9a-f]{16}${ext.replaceAll('.', '\\.')}$`);
  let published = files.find((f) => hashed.test(f));
  if (files.includes(name)) {
    const bytes = readFileSync(join(WEB, name));
    published = `${prefix}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}${ext}`;
    for (const f of files) if (hashed.test(f)) rmSync(join(WEB, f));
    renameSync(join(WEB, name), join(WEB, published));
  }
  return published ?? fail(`no ${name} in dist/web: run make dist`);
}
const echarts = publishByHash('echarts.mjs', 'echarts', '.mjs');
const chartGlue = publishByHash('reform-charts.mjs', 'reform-charts', '.mjs');
const chartWasm = publishByHash('reform-charts.wasm', 'reform-charts', '.wasm');
const source = publishByHash('source.txt.gz', 'source', '.txt.gz');
const dataGlue = publishByHash('reform-data.mjs', 'reform-data', '.mjs');
const dataWasm = publishByHash('reform-data.wasm', 'reform-data', '.wasm');
// `make dev`'s start-up helper is not published.
rmSync(join(WEB, 'dev-start.mjs'), { force: true });
html = html.replace(/\s*<script[^>]*data-dev-only[^>]*><\/script>/, '');

// Both starters (dashboard.js and the offline file) begin the wasm only once the pre-rendered
// overview's paint is recorded as the page's largest: a mount (one long task) that comes first
// makes the app's own paint the largest, as late as the wasm. See ARCHITECTURE.md, start-up path.
const afterFirstPaint = `// With the pre-rendered overview on screen, wait (a frame, at most half a second) until the
// browser has recorded its paint as the largest: the wasm is then fetched and run after it.
if (document.querySelector('[data-rd-snapshot]') && document.visibilityState === 'visible'
  && globalThis.PerformanceObserver?.supportedEntryTypes?.includes('largest-contentful-paint')) {
  await new Promise((painted) => {
    const o = new PerformanceObserver(() => { o.disconnect(); painted(); });
    o.observe({ type: 'largest-contentful-paint', buffered: true });
    setTimeout(painted, 500);
  });
}
`;

// A host naming its report file (data-report) must never show the bundled overview as if it were
// that report: the snapshot gives way to a loading message before anything waits (the stylesheet
// already hides it), and the wait for its paint is then skipped. Both starters.
// (A block: the offline file's module also holds the wasm-bindgen glue's names.)
const namedReportFirst = `// A host naming its report file: a loading message, not the bundled overview.
{
  const host = document.getElementById('reform-dashboard');
  const snapshot = host?.querySelector('[data-rd-snapshot]');
  if (host?.dataset.report?.trim() && snapshot) {
    const loading = document.createElement('p');
    loading.className = 'rd-loading';
    loading.setAttribute('role', 'status');
    loading.textContent = \`報告書ファイル「\${host.dataset.report.trim()}」を読み込んでいます…\`;
    snapshot.replaceWith(loading);
  }
}
`;

// ---- dist/web: an external start-up module instead of trunk's inline one ------------------
// It defines no globals in the host page: the app and its test hooks travel in the
// `reform-dashboard:started` event instead.
const starter = `// Starts the reform-progress dashboard. Web pages embed the dashboard with two lines:
//   <div id="reform-dashboard"></div>
//   <script type="module" src="(this folder)/dashboard.js"></script>
// It adds the stylesheet if the page lacks it, starts the app, and tells the app where ECharts,
// the chart module, the data module and the report's source text are: the app loads each when a
// view first needs it.
const here = new URL('.', import.meta.url);
if (![...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href.endsWith('${css}'))) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('${css}', here).href;
  document.head.appendChild(link);
}
${namedReportFirst}${afterFirstPaint}const app = await import(new URL('${glue}', here).href);
await app.default({ module_or_path: new URL('${wasm}', here) });
app.provideCharts(() => import(new URL('${echarts}', here).href));
// A wasm module loaded on demand: its glue imported, then its wasm instantiated.
const wasmModule = (glue, wasm) => () => import(new URL(glue, here).href).then(async (module) => {
  await module.default({ module_or_path: new URL(wasm, here) });
  return module;
});
app.provideChartModule(wasmModule('${chartGlue}', '${chartWasm}'));
app.provideDataModule(wasmModule('${dataGlue}', '${dataWasm}'));
app.provideSource(() => fetch(new URL('${source}', here)).then((r) => {
  if (!r.ok) throw new Error(\`\${r.status} \${r.url}\`);
  return r.arrayBuffer();
}));
dispatchEvent(new CustomEvent('reform-dashboard:started', { detail: app }));
`;
if (inline) {
  writeFileSync(join(WEB, 'dashboard.js'), starter);
  html = html.replace(inline[0], '<script type="module" src="./dashboard.js"></script>');
} else if (!html.includes('dashboard.js')) {
  fail('dist/web/index.html has neither trunk\'s start-up script nor dashboard.js');
}
writeFileSync(join(WEB, 'index.html'), html);

// ---- dist/offline: one file ----------------------------------------------------------------
const read = (f) => readFileSync(join(WEB, f), 'utf8');
const safe = (js) => js.replace(/<\/script/gi, '<\\/script');
// A wasm-bindgen glue (ES module) as plain code: its exports become declarations, and their
// names are returned so a caller can hand them on.
function withoutExports(file) {
  const names = [];
  const code = read(file)
    .replace(/^export (class|function|const|let) (\w+)/gm, (_, kind, name) => {
      names.push(name);
      return `${kind} ${name}`;
    })
    .replace(/^export \{([^}]*)\};?\s*$/gm, (_, list) => {
      for (const item of list.split(',')) {
        const [local, exported = local] = item.trim().split(/\s+as\s+/);
        names.push(exported === local ? local : `${exported}: ${local}`);
      }
      return '';
    });
  if (/^export /m.test(code)) fail(`the wasm-bindgen glue ${file} has an export this script does not know`);
  if (/^import /m.test(code)) fail(`the wasm-bindgen glue ${file} imports a file (a snippet?): the offline file cannot hold it`);
  return { code, names };
}
const glueCode = withoutExports(glue).code;
// The data module's glue in a function of its own (its names would clash with the app's), run
// only on the first file asked for; its wasm as base64 beside it.
const dataModule = withoutExports(dataGlue);
// The chart module's glue likewise, run on the first chart drawn.
const chartModule = withoutExports(chartGlue);
// A module's glue as a function `name` of the offline file, which runs it and returns its exports.
const heldModule = (name, module) => `function ${name}() {
${safe(module.code)}
return { ${module.names.join(', ')} };
}`;
// The wasm files as base64 of their gzip: a third of the bytes of plain base64, inflated by the
// browser (DecompressionStream) when needed: the app's at start, the chart module's on the first
// chart, the data module's when a file is asked for.
const gzipBase64 = (file) => gzipSync(readFileSync(join(WEB, file)), { level: 9 }).toString('base64');
const dataWasmB64 = gzipBase64(dataWasm);
const chartWasmB64 = gzipBase64(chartWasm);
const echartsIife = readFileSync(join(ROOT, 'build/echarts.iife.js'), 'utf8');
if (!/^var reformCharts=/.test(echartsIife)) fail('build/echarts.iife.js is not the IIFE build of scripts/echarts-entry.js: run make dist');
const wasmB64 = gzipBase64(wasm);
const sourceB64 = readFileSync(join(WEB, source)).toString('base64');
const body = html.match(/<body>([\s\S]*)<\/body>/)?.[1] ?? fail('no <body> in index.html');
// The offline file and the template differ only in what their body holds and in how they
// start: the offline file waits for its pre-rendered overview's paint and holds the source text
// itself; the template has no overview, and reads the source text from the page.
const offlineDocument = ({ bodyHtml, waitForPaint, source }) => `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>行財政改革 進捗ダッシュボード（オフライン版）</title>
<link rel="icon" href="data:,">
<style>
${read(css)}
</style>
</head>
<body>${bodyHtml}
<script type="module">
${safe(glueCode)}
// ECharts, evaluated only when a view first draws a chart.
function loadCharts() {
${safe(echartsIife)}
return reformCharts;
}
// The chart module, instantiated only when a view first draws a chart.
${heldModule('loadChartModule', chartModule)}
// The data module, instantiated only on the first file asked for.
${heldModule('loadDataModule', dataModule)}
const chartWasmGzipBase64 = "${chartWasmB64}";
const dataWasmGzipBase64 = "${dataWasmB64}";
const wasmGzipBase64 = "${wasmB64}";
// A wasm held as base64 of its gzip, inflated by the browser.
const inflate = (base64) => new Response(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))])
  .stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
${waitForPaint ? namedReportFirst + afterFirstPaint : ''}await __wbg_init({ module_or_path: await inflate(wasmGzipBase64) });
provideCharts(() => Promise.resolve().then(loadCharts));
// A wasm module the page holds, loaded on demand: its glue run, then its wasm inflated and instantiated.
const heldWasmModule = (load, wasmGzipBase64) => async () => {
  const module = load();
  await module.default({ module_or_path: await inflate(wasmGzipBase64) });
  return module;
};
provideChartModule(heldWasmModule(loadChartModule, chartWasmGzipBase64));
provideDataModule(heldWasmModule(loadDataModule, dataWasmGzipBase64));
${source}
dispatchEvent(new CustomEvent('reform-dashboard:started', { detail: { liveChartCount, wasmMemoryBytes, chartsModule } }));
</script>
</body>
</html>
`;
const offlineBody = body.replace(/<script[\s\S]*?<\/script>/g, '');
const offline = offlineDocument({
  bodyHtml: offlineBody,
  waitForPaint: true,
  source: `// The source text (gzip), decoded on the first 「出典を見る」.
const sourceBase64 = "${sourceB64}";
provideSource(() => Uint8Array.from(atob(sourceBase64), (c) => c.charCodeAt(0)));`,
});
rmSync(join(ROOT, 'dist/offline'), { recursive: true, force: true });
mkdirSync(join(ROOT, 'dist/offline'), { recursive: true });
writeFileSync(join(ROOT, 'dist/offline/reform-dashboard.html'), offline);

// ---- build/dashboard-template.html: the offline file for any report ------------------------
// The import workbench (another program, in Rust) makes a dashboard file from a report JSON
// without compiling the app: it copies this template and fills three placeholders. Each occurs
// exactly once in the template (checked below), inside its own element on a line of its own:
//   <script type="application/json" id="reform-report">__REFORM_REPORT__</script>
//     the report JSON. The app reads it with the full loader in place of the report compiled
//     into it (titles, year, figures, the data module's files); one that does not load is said
//     so on screen, and the compiled-in report is never shown instead.
//   <script type="application/json" id="reform-previous">__REFORM_PREVIOUS__</script>
//     the previous edition's JSON, compared with the report (「前年度からの変化」…), as a host
//     page's data-previous would be; empty for none.
//   <script type="text/plain" id="reform-source">__REFORM_SOURCE__</script>
//     base64 of the gzip of the report's source text (the text whose SHA-256 is the report's
//     report.source.sha256), for 「出典を見る」; empty for none.
// Inside the JSON write every "</" as "<\/" (and "<!--" as "\u003c!--"): the text then cannot
// end or unsettle its element, and is the same JSON. Fill all three at the places found in the
// template, not one after the other in a partly filled text, whose report may contain the next
// placeholder's name. The template has no pre-rendered overview (it would be this build's
// report): the page says it is loading until the app is drawn.
const TEMPLATE_SLOTS = ['__REFORM_REPORT__', '__REFORM_PREVIOUS__', '__REFORM_SOURCE__'];
// The pre-rendered overview: its element and all it holds, by counting <div> and </div>.
function withoutSnapshot(html, replacement) {
  const open = html.match(/<div\b[^>]*\bdata-rd-snapshot\b[^>]*>/) ?? fail('no pre-rendered overview (data-rd-snapshot) in index.html');
  const tags = /<div\b|<\/div>/g;
  tags.lastIndex = open.index;
  for (let depth = 0, m; (m = tags.exec(html));) {
    depth += m[0] === '</div>' ? -1 : 1;
    if (depth === 0) return html.slice(0, open.index) + replacement + html.slice(tags.lastIndex);
  }
  return fail('the pre-rendered overview in index.html does not end');
}
const templateBody = withoutSnapshot(offlineBody, '<p class="rd-loading" role="status">報告書を読み込んでいます…</p>');
if (templateBody.includes('data-rd-snapshot') || !templateBody.includes('<div id="reform-dashboard">')) {
  fail('the template\'s body still holds the pre-rendered overview, or lost the host element');
}
const template = offlineDocument({
  bodyHtml: `${templateBody}
<script type="application/json" id="reform-report">__REFORM_REPORT__</script>
<script type="application/json" id="reform-previous">__REFORM_PREVIOUS__</script>
<script type="text/plain" id="reform-source">__REFORM_SOURCE__</script>`,
  waitForPaint: false,
  source: `// The source text (gzip) the page holds, if any, decoded on the first 「出典を見る」.
const sourceBase64 = document.getElementById('reform-source')?.textContent.trim();
if (sourceBase64) provideSource(() => Uint8Array.from(atob(sourceBase64), (c) => c.charCodeAt(0)));`,
});
for (const slot of TEMPLATE_SLOTS) {
  const times = template.split(slot).length - 1;
  if (times !== 1) fail(`the placeholder ${slot} occurs ${times} times in the dashboard template, not once: another program could not fill it`);
}
mkdirSync(join(ROOT, 'build'), { recursive: true });
writeFileSync(join(ROOT, 'build/dashboard-template.html'), template);

// ---- dist/embed: examples and the guide ----------------------------------------------------
rmSync(join(ROOT, 'dist/embed'), { recursive: true, force: true });
mkdirSync(join(ROOT, 'dist/embed'), { recursive: true });
for (const f of readdirSync(join(ROOT, 'embed'))) copyFileSync(join(ROOT, 'embed', f), join(ROOT, 'dist/embed', f));

const kb = (n) => `${Math.round(n / 1024)} KB`;
console.log(`dist/web: dashboard.js + ${glue}, ${wasm} (${kb(readFileSync(join(WEB, wasm)).length)}); chart module ${chartGlue}, ${chartWasm} (${kb(readFileSync(join(WEB, chartWasm)).length)}); data module ${dataGlue}, ${dataWasm} (${kb(readFileSync(join(WEB, dataWasm)).length)})`);
console.log(`dist/offline/reform-dashboard.html (${kb(Buffer.byteLength(offline))})`);
console.log(`build/dashboard-template.html (${kb(Buffer.byteLength(template))}), for the import workbench`);
console.log('dist/embed: examples and README.md');
