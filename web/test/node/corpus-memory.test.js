// The text task holds its corpus once in wasm memory: the UTF-8 text the worker handed over (kept for a configure
// without a corpus) and one 16-bit class index per character (src/tasks/text_corpus.h). Measured as what malloc
// holds after createTrainer for Tiny Shakespeare against its first half, with a tiny model, so the difference is
// the corpus's: at most 4 bytes a character (1 byte of ASCII text + 2 of index: 3.00 here).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { loadTestRnnlab, repoRoot } from './load_wasm.js';

const TINY = { task: 'text', seqLen: 8, batch: 2, embedding: 8, hidden: 8, layers: 1, valEvery: 1000000 };

test('text: Tiny Shakespeare is held at no more than 4 bytes a character of wasm memory', async () => {
  const rnnlab = await loadTestRnnlab();
  const full = readFileSync(path.join(repoRoot, 'data/corpora/tinyshakespeare.txt'), 'utf8');
  const half = full.slice(0, full.length >> 1);  // ASCII: characters = UTF-16 units = bytes
  const held = (/** @type {string} */ text) => {
    const before = rnnlab.inUseBytes();
    const trainer = rnnlab.createTrainer(TINY, { corpus: text });
    const bytes = rnnlab.inUseBytes() - before;
    trainer.dispose();
    return bytes;
  };
  held(half);  // the allocator's first growth is not the corpus's
  const perChar = (held(full) - held(half)) / (full.length - half.length);
  assert.ok(perChar > 2 && perChar <= 4, `${perChar.toFixed(2)} bytes a character`);
  // Dropping the trainer gives the corpus back.
  const before = rnnlab.inUseBytes();
  held(full);
  assert.ok(Math.abs(rnnlab.inUseBytes() - before) < 64 * 1024, 'the corpus is freed with its trainer');
});
