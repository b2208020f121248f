// The text task holds its corpus once in wasm memory: parsed into one 16-bit class index per character
// (src/tasks/text_corpus.h); the UTF-8 text the worker handed over is dropped once parsed, and a reconfigure
// keeps the parsed corpus. Measured as what malloc holds after createTrainer for a corpus against its first half,
// with a tiny model, so the difference is the corpus's: at most 4 bytes a character whatever the script (2 here:
// the indices; Tiny Shakespeare is 1 byte a character of UTF-8, the Tang poems 3).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { loadTestRnnlab, repoRoot } from './load_wasm.js';

const TINY = { task: 'text', seqLen: 8, batch: 2, embedding: 8, hidden: 8, layers: 1, valEvery: 1000000 };

/** @param {string} name */
const corpus = (name) => readFileSync(path.join(repoRoot, `data/corpora/${name}.txt`), 'utf8');

for (const name of ['tinyshakespeare', 'tang5']) {
  test(`text: ${name} is held at no more than 4 bytes a character of wasm memory`, async () => {
    const rnnlab = await loadTestRnnlab();
    const once = corpus(name);
    const characters = [...once].length;  // code points: the corpus's characters
    const held = (/** @type {string} */ text) => {
      const before = rnnlab.inUseBytes();
      const trainer = rnnlab.createTrainer(TINY, { corpus: text });
      const bytes = rnnlab.inUseBytes() - before;
      trainer.dispose();
      return bytes;
    };
    held(once);  // the allocator's first growth is not the corpus's
    const perChar = (held(once + once) - held(once)) / characters;
    assert.ok(perChar > 1.9 && perChar <= 2.1, `${perChar.toFixed(2)} bytes a character (2: one 16-bit index each)`);
    // Dropping the trainer gives the corpus back.
    const before = rnnlab.inUseBytes();
    held(once);
    assert.ok(Math.abs(rnnlab.inUseBytes() - before) < 64 * 1024, 'the corpus is freed with its trainer');
  });
}

test('text: a reconfigure without a corpus keeps the parsed one (no second copy)', async () => {
  const rnnlab = await loadTestRnnlab();
  const text = corpus('tinyshakespeare');
  const trainer = rnnlab.createTrainer(TINY, { corpus: text });
  const before = rnnlab.inUseBytes();
  trainer.configure({ ...TINY, hidden: 12 });
  assert.equal(trainer.config().hidden, 12);
  assert.ok(Math.abs(rnnlab.inUseBytes() - before) < 256 * 1024, `${rnnlab.inUseBytes() - before} bytes more`);
  trainer.dispose();
});
