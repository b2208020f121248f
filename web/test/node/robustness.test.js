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
  // lstm 600 over 780 steps: 127.1 MB by the estimate.
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

// Every JS config key (= URL hash key = widget attribute), a value past its limit and the message it gets; the
// rows of docs/robustness.md ("JS config") not already in api.test.js's BAD_CONFIGS.
const distinct = Array.from({ length: 300 }, (_, i) => String.fromCodePoint(0x100 + i)).join('');
const LIMITS = [
  [{ input: 'a'.repeat(1001), target: 'b'.repeat(1001) }, 'input: 1001 characters, the limit is 1000', 'input'],
  [{ input: distinct, target: distinct }, 'input and target: 300 distinct characters, the limit is 256', 'input'],
  [{ input: 123 }, 'input: expected a string, got 123 (number)', 'input'],
  [{ task: 'sine', points: 4097 }, 'points: got 4097, expected 3 to 4096', 'points'],
  [{ task: 'sine', span: 0 }, 'span: got 0, expected a number in (0, 1000]', 'span'],
  [{ task: 'sine', span: 1001 }, 'span: got 1001, expected a number in (0, 1000]', 'span'],
  [{ task: 'sine', starts: 0 }, 'starts: got 0, expected 1 to 1000', 'starts'],
  [{ task: 'sine', starts: 1001 }, 'starts: got 1001, expected 1 to 1000', 'starts'],
  [{ arch: 'stack' }, 'arch: got "stack", expected cell or layer', 'arch'],
  [{ task: 'sine', arch: 'cell' }, 'arch: the sine task needs arch "layer" (its Linear head maps the hidden state to one value)', 'arch'],
  [{ nonlinearity: 'sigmoid' }, 'nonlinearity: got "sigmoid", expected tanh or relu', 'nonlinearity'],
  [{ task: 'sine', cell: 'lstm', nonlinearity: 'relu' }, 'nonlinearity: got "relu", expected tanh (relu exists for rnn only)', 'nonlinearity'],
  [{ arch: 'cell', hidden: 7 }, 'hidden: got 7; arch "cell" uses the hidden state as the logits, so it must equal the vocabulary size 4 (or 0)', 'hidden'],
  [{ arch: 'cell', layers: 2 }, 'layers: got 2, a single cell (rnn_cell) has 1', 'layers'],
  [{ task: 'sine', dropout: 1 }, 'dropout: got 1, expected a number in [0, 1)', 'dropout'],
  [{ task: 'sine', optim: 'sgd', momentum: -1 }, 'momentum: got -1, expected a number from 0 to 1000', 'momentum'],
  [{ hidden: 1e308 }, 'hidden: got 1e+308, expected 1 to 1024', 'hidden'],
  [{ task: 'sine', optim: 'sgd', dampening: NaN }, 'dampening: got nan, expected a number from -1000 to 1000', 'dampening'],
  [{ task: 'sine', optim: 'sgd', nesterov: true }, 'nesterov: got true with momentum 0 and dampening 0, expected momentum > 0 and dampening 0', 'nesterov'],
  [{ task: 'sine', beta2: 1 }, 'beta2: got 1, expected a number in [0, 1)', 'beta2'],
  [{ task: 'sine', eps: -1 }, 'eps: got -1, expected a finite number >= 0', 'eps'],
  [{ task: 'sine', amsgrad: 'yes' }, 'amsgrad: expected true or false, got "yes" (a string)', 'amsgrad'],
  [{ task: 'sine', optim: 'rmsprop', alpha: -1 }, 'alpha: got -1, expected a finite number >= 0', 'alpha'],
  [{ task: 'sine', optim: 'rmsprop', centered: 1 }, 'centered: expected true or false, got 1 (number)', 'centered'],
];

test('every config key: a value past its limit is refused with its message, naming the key', () => {
  const trainer = rnnlab.createTrainer({ task: 'sine', seed: 1 });
  for (const [config, message, key] of LIMITS) {
    assert.throws(() => rnnlab.createTrainer(/** @type {any} */ (config)), { name: 'RnnlabError', message, key }, JSON.stringify(config).slice(0, 80));
    assert.throws(() => trainer.configure(/** @type {any} */ (config)), { message });
  }
  assert.equal(trainer.step(3).iteration, 3, 'the trainer kept working');
  trainer.dispose();
});

test('URL hash: a malformed part, a bad run setting or a bad key is reported and the rest applies', async () => {
  const { readHash } = await import('../../src/state/hash-state.js');
  const parsed = readHash('#task=sine&hidden=12&%E0%A4%A=1&epochs=-3&speed=warp&lr=fast&hiden=3&input=%F0%9F%98%80');
  assert.deepEqual(parsed.config, { task: 'sine', hidden: 12, input: '\u{1F600}' });
  assert.deepEqual(parsed.errors, [
    'the link has a malformed part "%E0%A4%A=1"',
    'epochs: got "-3", expected a whole number >= 0',
    `speed: got "warp", expected one of ${parsed.errors[2].split('one of ')[1]}`,
    'lr: expected a number, got "fast" (a string)',
    'unknown config key "hiden"',
  ]);
  assert.match(parsed.errors[2], /^speed: got "warp", expected one of .*max/);
});

test('memory: trainers that together fill the 256 MB wasm memory: the next is refused, not an abort', () => {
  // Each config fits the budget on its own; four of them do not fit in the module's memory at once.
  const near = { task: 'seq', input: 'ab'.repeat(390), target: 'ba'.repeat(390), arch: 'layer', cell: 'lstm', hidden: 600, lr: 0.001 };
  const trainers = [];
  let refused = null;
  for (let i = 0; i < 8 && !refused; i += 1) {
    try {
      const t = rnnlab.createTrainer(near);
      trainers.push(t);
      t.step(1);
    } catch (e) {
      refused = e;
    }
  }
  assert.ok(refused instanceof RnnlabError, 'refused');
  assert.equal(refused.message, 'out of memory: the wasm memory (256 MB, the page\'s budget) is full; dispose of trainers no longer needed or use smaller models');
  assert.ok(rnnlab.heapBytes() <= 256 * MiB);
  assert.equal(trainers[0].step(1).iteration, 2, 'the others keep training');
  for (const t of trainers) t.dispose();
  const again = rnnlab.createTrainer(near);  // the memory came back
  assert.equal(again.step(1).steps, 1);
  again.dispose();
});
