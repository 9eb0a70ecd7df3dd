// After `trunk build`: makes the three deliverables of `make dist` from dist/web.
//   dist/web/      hosted build; the inline start-up script trunk writes becomes dashboard.js,
//                  so the page runs under a CSP without 'unsafe-inline' for scripts
//   dist/offline/  one self-contained HTML file (wasm, glue, ECharts, CSS, data inline) that
//                  starts from file:// with the network off
//   dist/embed/    example host pages and the webmaster's guide
import { readFileSync, writeFileSync, mkdirSync, readdirSync, rmSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const WEB = join(ROOT, 'dist/web');
const fail = (msg) => {
  console.error(`package: ${msg}`);
  process.exit(1);
};

const html = readFileSync(join(WEB, 'index.html'), 'utf8');
const inline = html.match(/<script type="module">([\s\S]*?)<\/script>/);
const files = readdirSync(WEB);
const pick = (re, what) => files.find((f) => re.test(f)) ?? fail(`no ${what} in dist/web: run trunk build first`);
const glue = pick(/^reform-app-[0-9a-f]+\.js$/, 'wasm-bindgen glue');
const wasm = pick(/^reform-app-[0-9a-f]+_bg\.wasm$/, 'wasm');
const css = pick(/^style-[0-9a-f]+\.css$/, 'stylesheet');
const echarts = pick(/^echarts[.\w-]*\.js$/, 'ECharts');
const lang = pick(/^langJA-[0-9a-f]+\.js$/, 'ECharts Japanese locale');

// ---- dist/web: an external start-up module instead of trunk's inline one ------------------
const starter = `// Starts the reform-progress dashboard. Web pages embed the dashboard with two lines:
//   <div id="reform-dashboard"></div>
//   <script type="module" src="(this folder)/dashboard.js"></script>
// It loads what the page lacks (stylesheet, ECharts) from this folder, then the app.
const here = new URL('.', import.meta.url);
const load = (src) => new Promise((ok, fail) => {
  const s = document.createElement('script');
  s.src = new URL(src, here).href;
  s.onload = ok;
  s.onerror = () => fail(new Error('cannot load ' + src));
  document.head.appendChild(s);
});
if (![...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href.endsWith('${css}'))) {
  const l = document.createElement('link');
  l.rel = 'stylesheet';
  l.href = new URL('${css}', here).href;
  document.head.appendChild(l);
}
if (!window.echarts) await load('${echarts}');
if (!window.echarts?.__reformLocale) { await load('${lang}'); window.echarts.__reformLocale = true; }
const bindings = await import(new URL('${glue}', here).href);
await bindings.default({ module_or_path: new URL('${wasm}', here) });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('reform-dashboard:started'));
`;
if (inline) {
  writeFileSync(join(WEB, 'dashboard.js'), starter);
  const page = html
    .replace(inline[0], '<script type="module" src="./dashboard.js"></script>')
    // The locale file is loaded by dashboard.js once ECharts is there.
    .replace(/<script src="\.\/langJA-[0-9a-f]+\.js"[^>]*><\/script>\s*/, '');
  writeFileSync(join(WEB, 'index.html'), page);
} else if (!html.includes('dashboard.js')) {
  fail('dist/web/index.html has neither trunk\'s start-up script nor dashboard.js');
}

// ---- dist/offline: one file ----------------------------------------------------------------
const read = (f) => readFileSync(join(WEB, f), 'utf8');
const safe = (js) => js.replace(/<\/script/gi, '<\\/script');
const glueCode = read(glue)
  .replace(/^export (class|function|const|let) /gm, '$1 ')
  .replace(/^export \{[^}]*\};?\s*$/gm, '');
if (/^export /m.test(glueCode)) fail('the wasm-bindgen glue has an export this script does not know');
const wasmB64 = readFileSync(join(WEB, wasm)).toString('base64');
const body = html.match(/<body>([\s\S]*)<\/body>/)?.[1] ?? fail('no <body> in index.html');
const offline = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>行財政改革 進捗ダッシュボード（オフライン版）</title>
<link rel="icon" href="data:,">
<style>
${read(css)}
</style>
<script>${safe(read(echarts))}</script>
<script>${safe(read(lang))}</script>
</head>
<body>${body.replace(/<script[\s\S]*?<\/script>/g, '')}
<script type="module">
${safe(glueCode)}
const wasmBase64 = "${wasmB64}";
const bytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
await __wbg_init({ module_or_path: bytes });
window.wasmBindings = { liveChartCount, wasmMemoryBytes };
dispatchEvent(new CustomEvent('reform-dashboard:started'));
</script>
</body>
</html>
`;
rmSync(join(ROOT, 'dist/offline'), { recursive: true, force: true });
mkdirSync(join(ROOT, 'dist/offline'), { recursive: true });
writeFileSync(join(ROOT, 'dist/offline/reform-dashboard.html'), offline);

// ---- dist/embed: examples and the guide ----------------------------------------------------
rmSync(join(ROOT, 'dist/embed'), { recursive: true, force: true });
mkdirSync(join(ROOT, 'dist/embed'), { recursive: true });
for (const f of readdirSync(join(ROOT, 'embed'))) copyFileSync(join(ROOT, 'embed', f), join(ROOT, 'dist/embed', f));

const kb = (n) => `${Math.round(n / 1024)} KB`;
console.log(`dist/web: dashboard.js + ${glue}, ${wasm} (${kb(readFileSync(join(WEB, wasm)).length)})`);
console.log(`dist/offline/reform-dashboard.html (${kb(Buffer.byteLength(offline))})`);
console.log('dist/embed: examples and README.md');
