// The size budget of what the page downloads: the .wasm at most 156,000 bytes after gzip -9 (docs/wasm.md: how
// each size decision was measured; the set-up code is compiled -Oz, the kernels -O3). It was 150,000 while the
// module held two tasks; with the text and remember tasks and the gradient through time it measures 154,855, and
// every measured way back under 150,000 (the tensor, tape and shape ops at -Oz) slows a training step 17-50 %.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { wasmDir } from './load_wasm.js';

test('the shipped .wasm is at most 156,000 bytes gzip -9', () => {
  const file = path.join(wasmDir, 'rnnlab.wasm');
  assert.ok(existsSync(file), `${file} is missing: run scripts/build-wasm.sh first`);
  // GNU gzip, as scripts/build-wasm.sh and docs/wasm.md measure (Node's zlib at level 9 gives about 1 KB more).
  const gz = execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 16 << 20 }).length;
  assert.ok(gz <= 156_000, `rnnlab.wasm is ${gz.toLocaleString('en-US')} bytes gzip -9, the budget 156,000`);
});
