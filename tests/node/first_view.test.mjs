// The first view's wasm must not grow with what only later views need. Two parts of it live in
// wasm modules of their own, loaded on demand, and the app must never link them again:
// - the published files and the CSV downloads (`reform::query::opendata`, `reform::query::csv`):
//   the data module (`data-module/`), loaded when a reader first asks for a file (issue #25);
// - the charts' option builder, charming and the serialiser of its option types (about 9% of the
//   dashboard's wasm in gzip): the chart module (`chart-module/`), loaded with ECharts when a view
//   first draws a chart.
// A call from app/src, or a dependency in app/Cargo.toml, would link that code into the first view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const APP = fileURLToPath(new URL('../../app', import.meta.url));

function rustFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? rustFiles(path) : path.endsWith('.rs') ? [path] : [];
  });
}

/** Every line of app/src (comments left out) that `pattern` matches, as `file:line: text`. */
function appLinesMatching(pattern) {
  return rustFiles(join(APP, 'src')).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => ({ where: `${file}:${i + 1}`, line: line.replace(/\/\/.*$/, '') }))
      .filter(({ line }) => pattern.test(line))
      .map(({ where, line }) => `${where}: ${line.trim()}`));
}

test('the app leaves the published files and the CSV downloads to the data module', () => {
  assert.deepEqual(appLinesMatching(/\b(opendata|query::csv|query::\{[^}]*\bcsv\b)/), []);
});

test('the app leaves building chart options to the chart module', () => {
  const manifest = readFileSync(join(APP, 'Cargo.toml'), 'utf8');
  assert.doesNotMatch(manifest.replace(/#.*$/gm, ''), /^\s*charming\s*=/m, 'app/Cargo.toml depends on charming');
  assert.deepEqual(appLinesMatching(/\bcharming::/), []);
});
