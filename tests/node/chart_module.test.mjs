// The first view must not carry the charts' option builder: charming and the serialiser of its
// option types were about 9% of the dashboard's wasm in gzip. The chart module (`chart-module/`)
// builds every option and is loaded with ECharts when a view first draws a chart. A dependency
// of the app on charming, or a use of it in app/src, would link it into the first view again.
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

test('the app leaves building chart options to the chart module', () => {
  const manifest = readFileSync(join(APP, 'Cargo.toml'), 'utf8');
  assert.doesNotMatch(manifest.replace(/#.*$/gm, ''), /^\s*charming\s*=/m, 'app/Cargo.toml depends on charming');
  const uses = rustFiles(join(APP, 'src')).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => ({ where: `${file}:${i + 1}`, line: line.replace(/\/\/.*$/, '') }))
      .filter(({ line }) => /\bcharming::/.test(line))
      .map(({ where, line }) => `${where}: ${line.trim()}`));
  assert.deepEqual(uses, []);
});
