// The JS API over the real wasm build: presets, config conversion both ways, the error contract (bad configs
// throw an RnnlabError naming the key, and the trainer keeps working), predictions, save/load, dispose.
import test from 'node:test';
import assert from 'node:assert/strict';

import { CONFIG_KEYS, PRESETS, RnnlabError, configToRecord, defaultConfig, parseConfig } from '../../src/api/rnnlab.js';
import { loadTestRnnlab } from './load_wasm.js';

const rnnlab = await loadTestRnnlab();

test('the JS presets are the C++ presets, key for key', () => {
  for (const task of /** @type {const} */ (['seq', 'sine'])) {
    assert.deepEqual(rnnlab.defaults(task), PRESETS[task]);
    assert.deepEqual(Object.keys(PRESETS[task]), CONFIG_KEYS.map((k) => k.key));
  }
  assert.deepEqual(rnnlab.defaults('hello'), PRESETS.seq);
  assert.deepEqual(defaultConfig('hello'), PRESETS.seq);
  assert.equal(PRESETS.seq.lr, 0.1);  // the seed: Adam lr 0.1; sine: 5e-3, 2 layers of 10
  assert.deepEqual([PRESETS.sine.lr, PRESETS.sine.layers, PRESETS.sine.hidden], [0.005, 2, 10]);
});

test('config: missing keys come from the task preset, numbers read back as written', () => {
  const trainer = rnnlab.createTrainer({ task: 'sine', lr: 0.01, hidden: 12, cell: 'gru', clip: 0.5, seed: 42 });
  assert.deepEqual(trainer.config(), { ...PRESETS.sine, lr: 0.01, hidden: 12, cell: 'gru', clip: 0.5, seed: 42 });
  assert.deepEqual(trainer.configure({}), PRESETS.seq);
  assert.deepEqual(trainer.configure({ task: 'hello', input: 'abc', target: 'bca' }), { ...PRESETS.seq, input: 'abc', target: 'bca' });
  assert.deepEqual(trainer.configure({ task: 'seq', input: 'héllo wörld', target: 'éllo wörld!', arch: 'layer', hidden: 3 }).input, 'héllo wörld');
  trainer.dispose();
});

test('parseConfig and configToRecord: strings from a URL hash and back', () => {
  const record = { task: 'sine', lr: '0.01', hidden: '12', bidirectional: 'false', amsgrad: '', seed: '7' };
  const config = parseConfig(record);
  assert.deepEqual(config, { task: 'sine', lr: 0.01, hidden: 12, bidirectional: false, amsgrad: true, seed: 7 });
  const full = rnnlab.createTrainer(config).config();
  assert.deepEqual(configToRecord(full), { task: 'sine', lr: '0.01', hidden: '12', amsgrad: 'true', seed: '7' });
  assert.deepEqual(parseConfig(configToRecord(full)), { task: 'sine', lr: 0.01, hidden: 12, amsgrad: true, seed: 7 });
  assert.throws(() => parseConfig({ hidden: '1.5' }), { name: 'RnnlabError', key: 'hidden', message: 'hidden: expected an integer, got "1.5" (a string)' });
  assert.throws(() => parseConfig({ lr: 'fast' }), { key: 'lr', message: 'lr: expected a number, got "fast" (a string)' });
  assert.throws(() => parseConfig({ nesterov: 'yes' }), { key: 'nesterov' });
  assert.throws(() => parseConfig({ hiden: '3' }), { message: 'unknown config key "hiden"' });
});

// Each bad config, the message it must produce and the key it names.
const BAD_CONFIGS = [
  [{ input: '', target: '' }, 'input: empty, expected 1 to 1000 characters', 'input'],
  [{ input: 'hello', target: '' }, 'target: empty, expected 1 to 1000 characters', 'target'],
  [{ input: 'hello', target: 'ohl' }, 'input and target must have the same length: input has 5 characters, target has 3', 'input'],
  [{ arch: 'layer', hidden: 0 }, 'hidden: got 0, expected 1 to 1024', 'hidden'],
  [{ arch: 'layer', hidden: 0 }, 'hidden: got 0, expected 1 to 1024', 'hidden'],
  [{ task: 'sine', hidden: 100000 }, 'hidden: got 100000, expected 1 to 1024', 'hidden'],
  [{ task: 'sine', hidden: -1 }, 'hidden: got -1, expected 1 to 1024', 'hidden'],
  [{ task: 'sine', hidden: 2.5 }, 'hidden: got 2.5 (number), expected an integer', 'hidden'],
  [{ task: 'sine', points: 1e10 }, 'points: got 1e+10, expected 3 to 4096', 'points'],
  [{ task: 'sine', lr: NaN }, 'lr: got nan, expected a finite number >= 0', 'lr'],
  [{ task: 'sine', lr: -1 }, 'lr: got -1, expected a finite number >= 0', 'lr'],
  [{ task: 'sine', lr: Infinity }, 'lr: got inf, expected a finite number >= 0', 'lr'],
  [{ cell: 'lstn' }, 'cell: got "lstn", expected rnn, lstm or gru', 'cell'],
  [{ task: 'sine', cell: '' }, 'cell: got "", expected rnn, lstm or gru', 'cell'],
  [{ task: 'sine', optim: 'adagrad' }, 'optim: got "adagrad", expected adam, sgd or rmsprop', 'optim'],
  [{ task: 'sine', beta1: 1 }, 'beta1: got 1, expected a number in [0, 1)', 'beta1'],
  [{ task: 'sine', weightDecay: -0.1 }, 'weightDecay: got -0.1, expected a number from 0 to 1000', 'weightDecay'],
  [{ task: 'sine', layers: 9 }, 'layers: got 9, expected 1 to 8', 'layers'],
  [{ task: 'sine', points: 2 }, 'points: got 2, expected 3 to 4096', 'points'],
  [{ task: 'sine', clip: -1 }, 'clip: got -1, expected a finite number >= 0 (0 turns clipping off)', 'clip'],
  [{ task: 'sine', bidirectional: true }, 'bidirectional: the sine predictor generates forward in time; a reverse direction would see the future', 'bidirectional'],
  [{ task: 'cosine' }, 'task: got "cosine", expected seq, sine, text, remember or digits', 'task'],
  [{ task: 'sine', seed: '7' }, 'seed: expected an integer, got "7" (a string)', 'seed'],
  [{ task: 'sine', seed: -1 }, 'seed: got -1, expected 0 to 9007199254740991', 'seed'],
  [{ task: 'sine', dropout: null }, 'dropout: expected a number, got null', 'dropout'],
  [{ task: 'sine', bidirectional: 1 }, 'bidirectional: expected true or false, got 1 (number)', 'bidirectional'],
  [{ hiden: 3 }, 'unknown config key "hiden"; the keys are ' + CONFIG_KEYS.map((k) => k.key).join(', '), undefined],
  ['sine', 'config: expected an object, got "sine" (a string)', undefined],
];

test('bad configs throw an RnnlabError with a clear message naming the key; the trainer keeps training', () => {
  const trainer = rnnlab.createTrainer({ task: 'sine', seed: 3 });
  const reference = rnnlab.createTrainer({ task: 'sine', seed: 3 });
  trainer.step(10);
  reference.step(10);
  for (const [config, message, key] of BAD_CONFIGS) {
    assert.throws(() => rnnlab.createTrainer(/** @type {any} */ (config)), (/** @type {any} */ e) => {
      assert.ok(e instanceof RnnlabError);
      assert.equal(e.message, message);
      assert.equal(e.key, key);
      return true;
    }, `createTrainer(${JSON.stringify(config)})`);
    assert.throws(() => trainer.configure(/** @type {any} */ (config)), { name: 'RnnlabError', message });
  }
  // The failed configures left the trainer as it was: it goes on exactly like one that never saw them.
  assert.equal(trainer.iteration, 10);
  assert.deepEqual(trainer.step(20).losses, reference.step(20).losses);
  // And a valid config afterwards trains.
  trainer.configure({ task: 'seq' });
  const r = trainer.step(100);
  assert.equal(r.iteration, 100);
  assert.ok(r.loss < r.losses[0] / 2, `loss fell: ${r.losses[0]} -> ${r.loss}`);
  assert.equal(trainer.predict().predicted, 'ohlol');
  trainer.dispose();
  reference.dispose();
});

test('step(n): losses of every step, n checked', () => {
  const trainer = rnnlab.createTrainer({ task: 'sine' });
  const a = trainer.step(7);
  assert.equal(a.steps, 7);
  assert.equal(a.iteration, 7);
  assert.equal(a.losses.length, 7);
  assert.equal(a.loss, a.losses[6]);
  assert.ok(a.gradNorm > 0 && !a.stopped && a.message === '');
  for (const n of [0, -1, 1.5, NaN, 2e6]) assert.throws(() => trainer.step(n), { name: 'RnnlabError' });
  trainer.dispose();
});

test('a diverging run stops with a message, keeps the last good weights, and reset recovers', () => {
  const trainer = rnnlab.createTrainer({ task: 'sine', optim: 'sgd', lr: 1e6 });
  const r = trainer.step(1000);
  assert.ok(r.stopped);
  assert.ok(r.steps < 1000);
  assert.match(r.message, /became (NaN|infinite) at iteration \d+, so training stopped/);
  assert.ok(trainer.stopped);
  for (const p of trainer.parameters()) assert.ok(p.value.every(Number.isFinite), `${p.name} finite`);
  const again = trainer.step(5);
  assert.deepEqual([again.steps, again.stopped, again.iteration], [0, true, r.iteration]);
  assert.equal(trainer.trace(), null);
  trainer.reset();
  assert.deepEqual([trainer.stopped, trainer.iteration], [false, 0]);
  trainer.dispose();
});

test('predict: seq', () => {
  const trainer = rnnlab.createTrainer({ task: 'seq' });
  const before = trainer.predict();
  assert.equal(before.task, 'seq');
  assert.equal(before.predicted, '');
  assert.deepEqual(before.probabilities.shape, [0, 4]);
  trainer.step(100);
  const p = trainer.predict();
  if (p.task !== 'seq') throw new Error('seq');
  assert.equal(p.vocabulary, 'ehlo');
  assert.equal(p.predicted, 'ohlol');
  assert.deepEqual(Array.from(p.targetIndices), [3, 1, 2, 3, 2]);
  assert.deepEqual(Array.from(p.predictedIndices), [3, 1, 2, 3, 2]);
  assert.deepEqual(Array.from(p.correct), [1, 1, 1, 1, 1]);
  assert.equal(p.accuracy, 1);
  assert.deepEqual(p.probabilities.shape, [5, 4]);
  for (let t = 0; t < 5; ++t) {
    const row = p.probabilities.data.subarray(t * 4, t * 4 + 4);
    assert.ok(Math.abs(row.reduce((a, b) => a + b) - 1) < 1e-6);
  }
  trainer.dispose();
});

test('predict: sine', () => {
  const trainer = rnnlab.createTrainer({ task: 'sine' });
  trainer.step(300);
  const p = trainer.predict();
  if (p.task !== 'sine') throw new Error('sine');
  const N = 59;
  for (const k of /** @type {const} */ (['time', 'input', 'truth', 'oneStep', 'generation'])) assert.equal(p[k].length, N, k);
  assert.ok([0, 1, 2].includes(p.start));
  for (let i = 0; i < N; ++i) {
    assert.ok(Math.abs(p.time[i] - (p.start + (10 * (i + 1)) / 59)) < 1e-5);
    assert.ok(Math.abs(p.truth[i] - Math.sin(p.time[i])) < 1e-5);
    if (i + 1 < N) assert.equal(p.input[i + 1], p.truth[i]);
  }
  let mse = 0;
  for (let i = 0; i < N; ++i) mse += (p.generation[i] - p.truth[i]) ** 2;
  assert.ok(Math.abs(p.generationMse - mse / N) < 1e-5);
  let oneStepMse = 0;
  for (let i = 0; i < N; ++i) oneStepMse += (p.oneStep[i] - p.truth[i]) ** 2;
  assert.ok(oneStepMse / N < 0.05, `one-step mse after 300 iterations: ${oneStepMse / N}`);
  trainer.dispose();
});

test('parameters: names, shapes and gradients of the last step', () => {
  const trainer = rnnlab.createTrainer({ task: 'sine' });
  const params = trainer.parameters();
  assert.deepEqual(params.map((p) => `${p.name} ${p.shape.join('x')}`), [
    'rnn.weight_ih_l0 10x1', 'rnn.weight_hh_l0 10x10', 'rnn.bias_ih_l0 10', 'rnn.bias_hh_l0 10',
    'rnn.weight_ih_l1 10x10', 'rnn.weight_hh_l1 10x10', 'rnn.bias_ih_l1 10', 'rnn.bias_hh_l1 10',
    'head.weight 1x10', 'head.bias 1']);
  for (const p of params) {
    assert.equal(p.value.length, p.shape.reduce((a, b) => a * b, 1));
    assert.ok(p.grad.every((g) => g === 0), 'no gradient before the first step');
    for (const v of p.value) assert.ok(Math.abs(v) <= 1 / Math.sqrt(10), 'torch init: uniform(-1/sqrt(H), 1/sqrt(H))');
  }
  trainer.step(1);
  assert.ok(trainer.parameters().every((p) => p.grad.some((g) => g !== 0)));
  trainer.dispose();
});

test('saveStateDict / loadStateDict: round trip, and a bad file changes nothing', () => {
  const a = rnnlab.createTrainer({ task: 'seq', arch: 'layer', cell: 'lstm', hidden: 6 });
  a.step(50);
  const saved = a.saveStateDict();
  const json = JSON.parse(saved);
  assert.equal(json.format, 'rnnlab.state_dict');
  const { trainer: run, ...described } = json.task;
  assert.deepEqual(described, { kind: 'seq', vocabulary: 'ehlo', iteration: 50 });
  assert.deepEqual(run, a.config(), 'the run\'s config, which the torch export replays');

  const b = rnnlab.createTrainer({ task: 'seq' });  // a different model: the hello cell
  b.step(3);
  const config = b.loadStateDict(json);  // an object is accepted too
  assert.deepEqual([config.arch, config.cell, config.hidden], ['layer', 'lstm', 6]);
  assert.deepEqual(b.parameters().map((p) => p.value), a.parameters().map((p) => p.value));
  assert.equal(b.iteration, 50, 'the count goes on from the file\'s task.iteration');
  assert.equal(b.trace(), null);

  const before = b.parameters();
  const broken = structuredClone(json);
  broken.tensors['rnn.weight_hh_l0'].shape = [24, 5];
  assert.throws(() => b.loadStateDict(broken), { name: 'RnnlabError', message: /rnn\.weight_hh_l0/ });
  assert.throws(() => b.loadStateDict('{"format": '), { name: 'RnnlabError' });
  const sine = rnnlab.createTrainer({ task: 'sine' });
  assert.throws(() => sine.loadStateDict(saved), { message: /task\.kind: the model was trained for "seq", this is the "sine" task/ });
  assert.deepEqual(b.parameters(), before);
  assert.equal(b.step(5).iteration, 55);
  // A file without an iteration (a torch script's) starts at 0; a bad one is refused.
  const c = rnnlab.createTrainer({ task: 'seq' });
  c.step(2);
  const { iteration, ...task } = json.task;
  c.loadStateDict({ ...json, task });
  assert.equal(c.iteration, 0);
  assert.throws(() => c.loadStateDict({ ...json, task: { ...task, iteration: -1 } }), { message: /task\.iteration/ });
  c.dispose();
  for (const t of [a, b, sine]) t.dispose();
});

test('dispose: idempotent, and every later call throws', () => {
  const trainer = rnnlab.createTrainer();
  trainer.dispose();
  trainer.dispose();
  for (const call of [() => trainer.step(), () => trainer.predict(), () => trainer.trace(), () => trainer.config(), () => trainer.iteration])
    assert.throws(call, { name: 'RnnlabError', message: 'trainer: disposed' });
});

test('same seed, same run; another seed, another run', () => {
  const losses = (/** @type {number} */ seed) => {
    const trainer = rnnlab.createTrainer({ task: 'sine', seed });
    const out = trainer.step(30).losses;
    trainer.dispose();
    return out;
  };
  const [a, b, c] = [losses(5), losses(5), losses(6)];
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('the module says it was built with SIMD', () => {
  assert.match(rnnlab.version, /simd128/);
});

test('createTrainer and configure refuse a config that is not a plain object (an array, a Map, a Date, null), naming config', () => {
  const kept = rnnlab.createTrainer({ task: 'sine', hidden: 4 });
  for (const [config, got] of [[[], 'an array'], [[1, 2], 'an array'], [new Map([['hidden', 3]]), 'a Map'], [new Date(0), 'a Date'], [null, 'null']]) {
    const refused = { name: 'RnnlabError', key: 'config', message: `config: expected a plain object ({key: value, ...}), got ${got}` };
    assert.throws(() => rnnlab.createTrainer(/** @type {any} */ (config)), refused, String(got));
    assert.throws(() => kept.configure(/** @type {any} */ (config)), refused, String(got));
    assert.equal(kept.config().hidden, 4, 'the trainer keeps its config');
  }
  kept.dispose();
  // A plain object, also one without a prototype, is a config.
  const trainer = rnnlab.createTrainer(Object.assign(Object.create(null), { task: 'sine', hidden: 3 }));
  assert.equal(trainer.config().hidden, 3);
  trainer.dispose();
});

test('loadStateDict of an object that refers to itself (or holds a BigInt) throws an RnnlabError; nothing changes', () => {
  const trainer = rnnlab.createTrainer({ task: 'seq' });
  const before = trainer.saveStateDict();
  const cyclic = JSON.parse(before);
  cyclic.config.self = cyclic;
  assert.throws(() => trainer.loadStateDict(cyclic), {
    name: 'RnnlabError',
    message: "model file: the object given is not a state dict that JSON can hold: it refers to itself (a cycle); pass the file's text or the object JSON.parse made of it",
  });
  assert.throws(() => trainer.loadStateDict({ ...JSON.parse(before), version: 1n }), { name: 'RnnlabError', message: /^model file: the object given is not a state dict that JSON can hold: .*BigInt/ });
  assert.equal(trainer.saveStateDict(), before);
  trainer.loadStateDict(JSON.parse(before));  // the object form still loads
  trainer.dispose();
});

test('inspect: the trace and prediction of a model that has not stepped; the next step is the one it would have been', () => {
  for (const config of [{ task: 'seq' }, { task: 'sine', cell: 'lstm', layers: 1, hidden: 6 }]) {
    const a = rnnlab.createTrainer(config);
    const b = rnnlab.createTrainer(config);
    assert.equal(a.trace(), null);
    const weights = a.parameters().map((p) => p.value);
    const loss = a.inspect();
    assert.ok(Number.isFinite(loss), String(loss));
    assert.equal(a.iteration, 0);
    assert.ok(a.trace() !== null, 'a trace after inspect');
    assert.equal(a.trace()?.weightsAfter, 0, 'recorded with the current weights (after 0 updates)');
    assert.deepEqual(a.parameters().map((p) => p.value), weights, 'no update');
    if (config.task === 'seq') assert.equal(a.predict().predicted.length, 5, 'a predicted string before the first step');
    const first = a.step(1);
    assert.equal(first.loss, loss, 'the first step runs on the example inspect showed');
    assert.equal(a.trace()?.weightsAfter, 0, 'a step\'s trace ran before its update');
    const stepsA = a.step(5);
    b.step(1);
    assert.equal(stepsA.loss, b.step(5).loss, `${config.task}: inspect changed nothing of the run`);
    a.dispose();
    b.dispose();
  }
});
