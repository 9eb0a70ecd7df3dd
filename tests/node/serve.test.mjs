// The development server refuses malformed escapes and never serves outside its root.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';

// root/www is served; root/secret.txt and root/www-sibling/secret.txt must stay out of reach.
const root = mkdtempSync(join(tmpdir(), 'rd-serve-'));
after(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'www'));
mkdirSync(join(root, 'www-sibling'));
writeFileSync(join(root, 'www', 'index.html'), '<p>ok</p>');
writeFileSync(join(root, 'www', 'a b.txt'), 'spaced');
writeFileSync(join(root, 'secret.txt'), 'secret');
writeFileSync(join(root, 'www-sibling', 'secret.txt'), 'secret');

/** A raw GET: `fetch` would normalise `..` before sending, a hostile client does not. */
function get(port, path) {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('files inside the root are served, with spaces in their names', async () => {
  const { server } = await serve(join(root, 'www'));
  const { port } = server.address();
  assert.deepEqual(await get(port, '/'), { status: 200, body: '<p>ok</p>' });
  assert.deepEqual(await get(port, '/a%20b.txt'), { status: 200, body: 'spaced' });
  assert.equal((await get(port, '/missing')).status, 404);
  server.close();
});

test('a malformed escape gets 400, not a crash', async () => {
  const { server } = await serve(join(root, 'www'));
  const { port } = server.address();
  for (const path of ['/%', '/%E3%81', '/%zz']) assert.equal((await get(port, path)).status, 400, path);
  // Still serving afterwards.
  assert.equal((await get(port, '/')).status, 200);
  server.close();
});

test('no path leaves the root', async () => {
  const { server } = await serve(join(root, 'www'));
  const { port } = server.address();
  for (const path of [
    '/../secret.txt', '/%2E%2E/secret.txt', '/%2F..%2Fsecret.txt', '/..%2Fsecret.txt', '/..%5Csecret.txt',
    '/%2F..%2Fwww-sibling%2Fsecret.txt', '/../www-sibling/secret.txt', '/x/..%2F..%2Fsecret.txt', '/%00',
  ]) {
    const res = await get(port, path);
    assert.ok([400, 403, 404].includes(res.status), `${path} → ${res.status}`);
    assert.notEqual(res.body, 'secret', path);
  }
  server.close();
});
