// Serves a built folder on loopback: `node scripts/serve.mjs DIR [PORT]`.
// Used by `make serve` and by the browser tests; nothing here is needed to host the dashboard.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/** Starts a static server for `root`; `headers(path)` may add response headers (a CSP, say). */
export function serve(root, { port = 0, host = '127.0.0.1', headers = () => ({}), prefix = '/' } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    let path = normalize(join(base, decodeURIComponent(url.pathname.slice(prefix.length - 1))));
    if (!path.startsWith(base)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...headers(url.pathname) });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok({ server, url: `http://${host}:${server.address().port}${prefix}` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'dist/web', port = '8080'] = process.argv.slice(2);
  serve(dir, { port: Number(port) }).then(
    ({ url }) => console.log(`ダッシュボード: ${url}  (Ctrl+C で終了 / press Ctrl+C to stop)`),
    (e) => {
      console.error(`cannot serve ${dir} on port ${port}: ${e.message}. Try: make serve PORT=8081`);
      process.exit(1);
    },
  );
}
