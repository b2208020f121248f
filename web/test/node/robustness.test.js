// Hardening over the real wasm build (docs/robustness.md): a diverging run rolls back to the last good weights
// and says what to change; a config over the memory budget is refused before it allocates and leaves the
// trainer as it was; a config near the budget runs inside the wasm memory cap; any Unicode text works.
import test from 'node:test';
import assert from 'node:assert/strict';

import { RnnlabError } from '../../src/api/rnnlab.js';
import { loadTestRnnlab } from './load_wasm.js';

const rnnlab = await loadTestRnnlab();
const MiB = 1024 * 1024;

/** @param {import('../../src/api/rnnlab.js').Trainer} trainer */
const weights = (trainer) => trainer.parameters().map((p) => ({ name: p.name, value: Array.from(p.value) }));

test('non-finite: lr 1e6 diverges; the step says stopped with the remedy, the weights are the last good ones', () => {
  const trainer = rnnlab.createTrainer({ task: 'seq', arch: 'layer', hidden: 8, optim: 'sgd', lr: 1e6 });
  /** @type {ReturnType<typeof weights>[]} weights before each step: before[k] is before iteration k + 1 */
  const before = [];
  let r;
  do {
    before.push(weights(trainer));
    r = trainer.step(1);
  } while (!r.stopped && before.length < 100);
  assert.ok(r.stopped, 'diverged within 100 steps');
  assert.equal(r.steps, 0);
  const what = r.message.startsWith('the loss') ? 'the loss' : 'the gradient norm';
  assert.equal(r.message,
    `${what} became ${/became NaN/.test(r.message) ? 'NaN' : 'infinite'} at iteration ${r.iteration}, so training stopped` +
    `${r.iteration > 1 ? ' and the weights from before the last update were restored' : ''}. ` +
    'Lower the learning rate (now 1e+06) or turn on gradient clipping, then start again.');
  // Stopped at iteration k: the weights are those before the update of iteration k - 1, all finite.
  const k = r.iteration;
  assert.ok(k >= 2);
  assert.deepEqual(weights(trainer), before[k - 2]);
  for (const p of trainer.parameters()) assert.ok(p.value.every(Number.isFinite));
  // With clipping on, the remedy names only the learning rate.
  trainer.configure({ task: 'seq', arch: 'layer', hidden: 8, optim: 'sgd', lr: 1e30, clip: 1 });
  let c;
  for (let i = 0; i < 100 && !(c = trainer.step(1)).stopped;) i += 1;
  assert.ok(c?.stopped);
  assert.match(c.message, /Lower the learning rate \(now 1e\+30\), then start again\.$/);
  trainer.dispose();
});

test('memory: a config over the budget is refused up front; the trainer keeps training', () => {
  const big = { task: 'seq', input: 'a'.repeat(1000), target: 'b'.repeat(1000), arch: 'layer', cell: 'lstm', hidden: 1024, layers: 8, bidirectional: true };
  const message = 'memory: a lstm with hidden size 1024, 8 layers, bidirectional, 2 inputs and 1000 steps needs about ' +
    '7576.9 MB, over the budget of 128.0 MB for one model; lower the hidden size, the number of layers or the sequence length';
  const heapBefore = rnnlab.heapBytes();
  assert.throws(() => rnnlab.createTrainer(big), (/** @type {any} */ e) => e instanceof RnnlabError && e.message === message);
  const trainer = rnnlab.createTrainer({ task: 'sine', seed: 5 });
  const reference = rnnlab.createTrainer({ task: 'sine', seed: 5 });
  trainer.step(10);
  reference.step(10);
  assert.throws(() => trainer.configure(big), { name: 'RnnlabError', message });
  assert.ok(rnnlab.heapBytes() - heapBefore < 16 * MiB, `the refused request grew the heap by ${(rnnlab.heapBytes() - heapBefore) / MiB} MB`);
  assert.equal(trainer.iteration, 10);
  assert.deepEqual(trainer.step(20).losses, reference.step(20).losses);
  trainer.dispose();
  reference.dispose();
});

test('memory: a config just under the budget trains, traces and saves inside the 256 MB wasm cap', () => {
  const instance = rnnlab;
  // lstm 600 over 780 steps: about 126 MB by the estimate.
  const near = { task: 'seq', input: 'ab'.repeat(390), target: 'ba'.repeat(390), arch: 'layer', cell: 'lstm', hidden: 600, lr: 0.001 };
  const trainer = instance.createTrainer(near);
  const r = trainer.step(2);
  assert.equal(r.steps, 2);
  const trace = trainer.trace();
  assert.ok(trace && trace.layers.length === 1);
  assert.equal(trainer.predict().predicted.length, 780);
  // Replacing it by another config near the budget drops the old trainer first: no abort, the cap holds.
  trainer.configure({ ...near, input: 'ba'.repeat(390), target: 'ab'.repeat(390) });
  trainer.step(1);
  trainer.reset();
  trainer.step(1);
  assert.ok(instance.heapBytes() <= 256 * MiB, `heap ${instance.heapBytes() / MiB} MB`);
  trainer.dispose();
});

test('memory: a model file over the limits is refused before it is parsed', () => {
  const trainer = rnnlab.createTrainer({ task: 'seq' });
  const before = trainer.saveStateDict();
  assert.throws(() => trainer.loadStateDict(' '.repeat(32 * MiB + 1)),
    { name: 'RnnlabError', message: "model file: 33554433 bytes, the limit is 33554432 (32 MB: the page's memory budget holds the text and its parsed form at once)" });
  assert.throws(() => trainer.loadStateDict(`[0${',0'.repeat(2_000_000)}]`), { message: /^model file: about 2000002 numbers, the limit is 2000000/ });
  assert.equal(trainer.saveStateDict(), before);
  trainer.dispose();
});

test('text: emoji (ZWJ sequences per code point), combining marks, right-to-left and one character', () => {
  const family = '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}';  // 5 code points
  const cases = [
    [family + '\u{1F44D}\u{1F3FD}', '\u{1F44D}\u{1F3FD}' + family],
    ['e\u0301\u05E9\u05DC\u05D5\u05DD', '\u05E9\u05DC\u05D5\u05DD' + 'e\u0301'],
    ['\u0633\u0644\u0627\u0645 \u05E9\u05DC\u05D5\u05DD', '\u05E9\u05DC\u05D5\u05DD \u0633\u0644\u0627\u0645'],
    ['a b\tc\nd', 'b\tc\nd a'],
    ['\u{1F600}', '\u{1F600}'],
    ['a', 'b'],
  ];
  for (const [input, target] of cases) {
    const trainer = rnnlab.createTrainer({ task: 'seq', input, target, arch: 'layer', cell: 'lstm', hidden: 16, lr: 0.05 });
    for (let i = 0; i < 30 && trainer.predict().predicted !== target; i += 1) trainer.step(10);
    const p = trainer.predict();
    assert.equal(p.predicted, target, JSON.stringify(input));
    assert.equal(p.predictedIndices.length, Array.from(target).length);
    trainer.dispose();
  }
  // A lone surrogate is not Unicode text (embind would turn it into another character): refused naming the key.
  assert.throws(() => rnnlab.createTrainer({ task: 'seq', input: 'a\uD800', target: 'ab' }), {
    name: 'RnnlabError', key: 'input',
    message: 'input: a lone surrogate (U+D800) at position 1 of the string is not Unicode text; expected well-formed text',
  });
  assert.throws(() => rnnlab.createTrainer({ task: 'seq', input: 'ab', target: '\uDE00b' }), { key: 'target', message: /^target: a lone surrogate \(U\+DE00\) at position 0/ });
});
