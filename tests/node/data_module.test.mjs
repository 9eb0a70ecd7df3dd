// Issue #25: the dashboard's own wasm must not grow with the published files, so the app never
// calls the code that makes them (`reform::query::opendata`, `reform::query::csv`): the data
// module (`data-module/`) does, loaded only when a reader asks for a file. A call from app/src
// would link that code into the first view's wasm again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const APP = fileURLToPath(new URL('../../app/src', import.meta.url));

function rustFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? rustFiles(path) : path.endsWith('.rs') ? [path] : [];
  });
}

test('the app leaves the published files and the CSV downloads to the data module', () => {
  const uses = rustFiles(APP).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => ({ where: `${file}:${i + 1}`, line: line.replace(/\/\/.*$/, '') }))
      .filter(({ line }) => /\b(opendata|query::csv|query::\{[^}]*\bcsv\b)/.test(line))
      .map(({ where, line }) => `${where}: ${line.trim()}`));
  assert.deepEqual(uses, []);
});
