// docs/robustness.md: every row of its tables names the test that holds it, as `file: test name`, and that test
// exists (the file is there and holds the name). A row without a test, or one whose test was renamed, fails here.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

import { repoRoot } from './load_wasm.js';

test('docs/robustness.md: every table row names a test that exists', () => {
  const doc = readFileSync(path.join(repoRoot, 'docs/robustness.md'), 'utf8');
  const rows = doc.split('\n').filter((line) => line.startsWith('|') && !/^\|[-| ]+\|$/.test(line));
  // Header rows name their columns; the tables with a test column are the ones checked.
  let testColumn = -1;
  let checked = 0;
  const cells = (line) => line.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim());
  for (const line of rows) {
    const columns = cells(line);
    if (columns.includes('test')) {
      testColumn = columns.indexOf('test');
      continue;
    }
    if (columns.some((c) => ['floats', 'estimate', 'executions', 'memory'].includes(c))) {
      testColumn = -1;  // the budget arithmetic, examples, fuzz runs and soak figures: measurements, not inputs
      continue;
    }
    if (testColumn < 0) continue;
    const cell = columns[testColumn];
    const match = /^`([^`:]+): ([^`]+)`$/.exec(cell);
    assert.ok(match, `a row without a test reference: ${line.slice(0, 100)}`);
    const [, file, name] = match;
    const full = path.join(repoRoot, file);
    assert.ok(existsSync(full), `${file} does not exist (row: ${line.slice(0, 80)})`);
    assert.ok(readFileSync(full, 'utf8').includes(name), `${file} has no test "${name}"`);
    checked += 1;
  }
  assert.ok(checked >= 60, `only ${checked} rows checked`);
});
