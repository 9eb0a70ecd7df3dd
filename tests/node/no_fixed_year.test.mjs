// No year of one report is written into the code: every year, title and label the dashboard
// shows comes from the report it is given. Scans the Rust sources of the library and the app,
// outside their test modules and comments, for a 令和/平成 year or a bare FY literal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function rustFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? rustFiles(path) : path.endsWith('.rs') ? [path] : [];
  });
}

/** The code of a file without its `#[cfg(test)]` module and without comments. */
function codeOutsideTests(text) {
  const cut = text.indexOf('#[cfg(test)]');
  return (cut >= 0 ? text.slice(0, cut) : text)
    .split('\n')
    .map((line) => line.replace(/^\s*\/\/.*$/, '').replace(/\s\/\/[^"]*$/, ''))
    .join('\n');
}

const YEAR = /(令和|平成)[0-9０-９元]+年|\bR[0-9]\b|\b20(19|2[0-9])\b/g;

test('no fixed year in src/ or app/src/ outside tests', () => {
  const hits = [];
  // A module's tests in a file of their own (`mod tests;` under `#[cfg(test)]`) are named tests.rs.
  for (const file of [...rustFiles('src'), ...rustFiles('app/src')].filter((f) => !f.endsWith('/tests.rs'))) {
    codeOutsideTests(readFileSync(file, 'utf8'))
      .split('\n')
      .forEach((line, i) => {
        // The table of eras (fiscal.rs) says when each era began: a fact of the calendar.
        if (/^\s*Era \{ name:/.test(line)) return;
        for (const m of line.matchAll(YEAR)) hits.push(`${file}:${i + 1}: ${m[0]}  ${line.trim()}`);
      });
  }
  assert.deepEqual(hits, [], `years written into the code:\n${hits.join('\n')}`);
});
