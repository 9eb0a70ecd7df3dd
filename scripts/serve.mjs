// Serves a built folder on loopback: `node scripts/serve.mjs DIR [PORT]`.
// Used by `make serve` and by the browser tests; nothing here is needed to host the dashboard.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

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
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file under `base` that the URL path names, or an HTTP status when there is none to serve:
 * 400 for an escape that does not decode, 403 for anything that would leave `base` (`..`, an
 * encoded `/` or `\`, a NUL byte).
 */
export function resolveUnder(base, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 400 };
  }
  // Every segment is checked after decoding, so `%2F..%2F` and `..%5C` cannot climb out.
  const segments = decoded.split(/[/\\]/);
  if (segments.some((s) => s === '..') || decoded.includes('\0')) return { status: 403 };
  const path = resolve(base, ...segments.filter(Boolean));
  if (path !== base && !path.startsWith(base + sep)) return { status: 403 };
  return { path };
}

const REASONS = { 400: 'bad request', 403: 'forbidden', 404: 'not found' };
const refuse = (res, status) => res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(REASONS[status]);

/**
 * Starts a static server for `root`; `headers(path)` may add response headers (a CSP, say).
 * With `gzip`, answers clients that accept it with gzip, as real web servers do (`make bench`
 * measures transfer sizes and Lighthouse that way).
 */
export function serve(root, { port = 0, host = '127.0.0.1', headers = () => ({}), prefix = '/', gzip = false } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    let pathname;
    try {
      pathname = new URL(req.url, 'http://localhost').pathname;
    } catch {
      return refuse(res, 400);
    }
    if (!pathname.startsWith(prefix)) return refuse(res, 404);
    const found = resolveUnder(base, pathname.slice(prefix.length - 1));
    if (found.status) return refuse(res, found.status);
    let path = found.path;
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      let body = await readFile(path);
      const head = { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...headers(pathname) };
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        body = gzipSync(body, { level: 9 });
        Object.assign(head, { 'content-encoding': 'gzip', vary: 'accept-encoding' });
      }
      res.writeHead(200, head);
      res.end(body);
    } catch {
      refuse(res, 404);
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
