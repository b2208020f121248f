// The size budget of what the page downloads: the .wasm at most 150 KB (150,000 bytes) after gzip -9
// (docs/wasm.md: how each size decision was measured; the set-up code is compiled -Oz, the kernels -O3).
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { wasmDir } from './load_wasm.js';

test('the shipped .wasm is at most 150 KB gzip -9', () => {
  const file = path.join(wasmDir, 'rnnlab.wasm');
  assert.ok(existsSync(file), `${file} is missing: run scripts/build-wasm.sh first`);
  const gz = gzipSync(readFileSync(file), { level: 9 }).length;
  assert.ok(gz <= 150_000, `rnnlab.wasm is ${gz.toLocaleString('en-US')} bytes gzip -9, the budget 150,000`);
});
