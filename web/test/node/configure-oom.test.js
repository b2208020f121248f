// a configure() refused for lack of memory must keep the trainer it was to replace. The binding drops the
// old trainer before it builds the new one (the two never share the 256 MB); when the new one cannot be built, the
// old one comes back from its config with its weights and iteration (docs/js-api.md).
import test from 'node:test';
import assert from 'node:assert/strict';

import { RnnlabError } from '../../src/api/rnnlab.js';
import { loadTestRnnlab } from './load_wasm.js';

/** @param {import('../../src/api/rnnlab.js').Trainer} trainer */
const weights = (trainer) => trainer.parameters().map((p) => ({ name: p.name, value: Array.from(p.value) }));
const OUT_OF_MEMORY = 'out of memory: the wasm memory (256 MB, the page\'s budget) is full; dispose of trainers no longer needed or use smaller models';

test('memory: a configure refused for lack of memory keeps the trainer it would replace, weights and iteration', async () => {
  const rnnlab = await loadTestRnnlab();  // a module of its own: this test fills its memory
  const keep = rnnlab.createTrainer({ task: 'sine', seed: 5 });
  keep.step(10);
  const config = keep.config();
  const before = weights(keep);
  // Fill the 256 MB with LSTM-512 trainers until one more is refused: under ~25 MB stay free.
  const fill = { task: 'seq', input: 'ab', target: 'ba', arch: 'layer', cell: 'lstm', hidden: 512 };
  const others = [];
  let refused = null;
  for (let i = 0; i < 64 && !refused; i += 1) {
    try {
      const t = rnnlab.createTrainer(fill);
      others.push(t);
      t.step(1);
    } catch (e) {
      refused = e;
    }
  }
  assert.ok(refused instanceof RnnlabError && refused.message === OUT_OF_MEMORY, `the memory filled up: ${refused}`);
  // LSTM 1024 fits the budget (validate accepts it) but needs more than 34 MB for its weights alone.
  const big = { ...fill, hidden: 1024 };
  assert.throws(() => keep.configure(big), { name: 'RnnlabError', message: OUT_OF_MEMORY });
  assert.deepEqual(keep.config(), config);
  assert.equal(keep.iteration, 10);
  assert.deepEqual(weights(keep), before);
  assert.equal(keep.step(1).iteration, 11, 'the kept trainer steps on');
  for (const t of others) t.dispose();
  assert.equal(keep.step(2).iteration, 13, 'and keeps training after the others are disposed');
  // With the memory back, the same configure succeeds.
  assert.equal(keep.configure(big).hidden, 1024);
  assert.equal(keep.step(1).steps, 1);
  keep.dispose();
});
