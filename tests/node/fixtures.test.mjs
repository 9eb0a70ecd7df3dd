// The next-edition fixtures are exactly what scripts/make-fixtures.mjs makes from the report:
// nobody edits them by hand, so every change in them is the one the script says it made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('committed fixtures equal a fresh run of the script', () => {
  const out = mkdtempSync(join(tmpdir(), 'rd-fixtures-'));
  try {
    execFileSync(process.execPath, ['scripts/make-fixtures.mjs', out]);
    for (const name of ['edition-r6.txt', 'edition-r6.changes.json', 'edition-r7.txt', 'edition-r7.changes.json']) {
      assert.equal(readFileSync(join(out, name), 'utf8'), readFileSync(join('tests/fixtures', name), 'utf8'), `${name} is stale: run make fixtures`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
