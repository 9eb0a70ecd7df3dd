// After scripts/package.mjs: the import workbench, in both forms the dashboard has.
//   dist/web/import.html      the hosted page; its wasm and glue (content-hashed) beside it, and
//                             the offline dashboard's template, fetched when the owner previews
//                             or saves a new dashboard
//   dist/offline/reform-import.html  one file that works from file:// with the network off: the
//                             wasm (base64 of its gzip), the glue, and the template (the same)
// The workbench's glue is wasm-bindgen's `no-modules` output: a classic script that defines
// `wasm_bindgen`, so the offline file holds it as it is.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB = join(ROOT, 'dist/web');
const fail = (msg) => {
  console.error(`package-import: ${msg}`);
  process.exit(1);
};
const need = (path, how) => {
  try {
    return readFileSync(join(ROOT, path));
  } catch {
    return fail(`${path} is missing: ${how}`);
  }
};

const page = need('workbench/import.html', 'it is part of the repository').toString('utf8');
const css = need('workbench/import.css', 'it is part of the repository').toString('utf8');
const glue = need('build/workbench/reform-workbench.js', 'run make dist').toString('utf8');
const wasm = need('build/workbench/reform-workbench.wasm', 'run make dist');
const template = need('build/dashboard-template.html', 'run make dist (scripts/package.mjs writes it)');
if (!/^let wasm_bindgen/m.test(glue)) fail('build/workbench/reform-workbench.js is not wasm-bindgen\'s no-modules glue');
for (const slot of ['__REFORM_REPORT__', '__REFORM_PREVIOUS__', '__REFORM_SOURCE__']) {
  if (template.toString('utf8').split(slot).length !== 2) fail(`the dashboard template must hold ${slot} once`);
}
const fill = (html, style, scripts) => {
  const out = html.replace('<!--STYLE-->', style).replace('<!--SCRIPTS-->', scripts);
  if (out.includes('<!--STYLE-->') || out.includes('<!--SCRIPTS-->') || out === html) fail('workbench/import.html lost its <!--STYLE--> or <!--SCRIPTS--> mark');
  return out;
};
const safe = (js) => js.replace(/<\/script/gi, '<\\/script');

// ---- dist/web/import.html -------------------------------------------------------------------
const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
for (const f of readdirSync(WEB)) if (/^(reform-workbench|import|dashboard-template)-[0-9a-f]{16}\./.test(f)) rmSync(join(WEB, f));
const names = {
  glue: `reform-workbench-${hash(glue)}.js`,
  wasm: `reform-workbench-${hash(wasm)}.wasm`,
  css: `import-${hash(css)}.css`,
  template: `dashboard-template-${hash(template)}.html`,
};
writeFileSync(join(WEB, names.glue), glue);
writeFileSync(join(WEB, names.wasm), wasm);
writeFileSync(join(WEB, names.css), css);
writeFileSync(join(WEB, names.template), template);
// The start-up script is a file, not inline: the page runs under a CSP without 'unsafe-inline'.
const starter = `// Starts the import workbench: the wasm, then where the dashboard's template is.
wasm_bindgen({ module_or_path: new URL('${names.wasm}', document.baseURI) }).then(() => {
  wasm_bindgen.provideTemplate(() => fetch(new URL('${names.template}', document.baseURI)).then((r) => {
    if (!r.ok) throw new Error(\`\${r.status} \${r.url}\`);
    return r.text();
  }));
});
`;
const starterName = `import-${hash(starter)}.js`;
writeFileSync(join(WEB, starterName), starter);
writeFileSync(
  join(WEB, 'import.html'),
  fill(page, `<link rel="stylesheet" href="./${names.css}">`, `<script src="./${names.glue}"></script>\n<script src="./${starterName}"></script>`),
);

// ---- dist/offline/reform-import.html --------------------------------------------------------
const gzipBase64 = (bytes) => gzipSync(bytes, { level: 9 }).toString('base64');
const offline = fill(
  page,
  `<style>\n${css}</style>`,
  `<script>
${safe(glue)}
// Both as base64 of their gzip, inflated by the browser: the wasm now, the template when asked.
const inflate = (base64) => new Response(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))])
  .stream().pipeThrough(new DecompressionStream('gzip')));
const wasmGzipBase64 = "${gzipBase64(wasm)}";
const templateGzipBase64 = "${gzipBase64(template)}";
inflate(wasmGzipBase64).arrayBuffer().then((bytes) => wasm_bindgen({ module_or_path: bytes })).then(() => {
  wasm_bindgen.provideTemplate(() => inflate(templateGzipBase64).text());
});
</script>`,
);
mkdirSync(join(ROOT, 'dist/offline'), { recursive: true });
writeFileSync(join(ROOT, 'dist/offline/reform-import.html'), offline);
const kb = (n) => `${Math.round(n / 1024)} KB`;
console.log(`dist/web/import.html + ${names.wasm} (${kb(wasm.length)}), template ${names.template} (${kb(template.length)})`);
console.log(`dist/offline/reform-import.html (${kb(Buffer.byteLength(offline))})`);
