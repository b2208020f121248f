// Memory: long training with periodic trace() and predict() keeps the wasm heap flat (the steady loop reuses its
// buffers and every array handed to JS is a copy that JS owns), failed calls leak nothing, and dispose() gives
// back what the trainer held. inUseBytes is what malloc has handed out; heapBytes the size of wasm memory.
import test from 'node:test';
import assert from 'node:assert/strict';

import { loadTestRnnlab } from './load_wasm.js';

const rnnlab = await loadTestRnnlab();
const kb = (/** @type {number} */ b) => `${(b / 1024).toFixed(1)} KB`;

test('20,000 sine iterations with trace() and predict() every 100: the heap stays flat; dispose() returns it', () => {
  const baseline = rnnlab.inUseBytes();
  const trainer = rnnlab.createTrainer({ task: 'sine' });
  /** @type {{iteration: number, inUse: number, heap: number}[]} */
  const samples = [];
  for (let i = 0; i < 200; ++i) {
    trainer.step(100);
    const trace = trainer.trace();
    const prediction = trainer.predict();
    assert.ok(trace && prediction);
    if (i % 20 === 19) samples.push({ iteration: trainer.iteration, inUse: rnnlab.inUseBytes(), heap: rnnlab.heapBytes() });
  }
  assert.equal(trainer.iteration, 20000);
  console.log(`in use before the trainer ${kb(baseline)}; at iterations ${samples.map((s) => `${s.iteration}: ${kb(s.inUse)}`).join(', ')}; wasm memory ${kb(samples[0].heap)} -> ${kb(samples[samples.length - 1].heap)}`);
  for (const s of samples) {
    assert.equal(s.inUse, samples[0].inUse, `in use at iteration ${s.iteration}`);
    assert.equal(s.heap, samples[0].heap, `wasm memory at iteration ${s.iteration}`);
  }
  trainer.dispose();
  const after = rnnlab.inUseBytes();
  console.log(`after dispose(): ${kb(after)} in use`);
  assert.equal(after, baseline, 'dispose() returns every byte the trainer held');
});

test('the same for the seq task with an LSTM layer, reset and configure', () => {
  const baseline = rnnlab.inUseBytes();
  const trainer = rnnlab.createTrainer({ task: 'seq', input: 'hello world', target: 'ello world!', arch: 'layer', cell: 'lstm', hidden: 32, layers: 2 });
  trainer.step(50);
  trainer.trace();
  trainer.predict();
  trainer.parameters();
  trainer.saveStateDict();
  const steady = rnnlab.inUseBytes();
  for (let i = 0; i < 50; ++i) {
    trainer.step(20);
    trainer.trace();
    trainer.predict();
    trainer.parameters();
  }
  assert.equal(rnnlab.inUseBytes(), steady);
  trainer.reset();
  trainer.configure({ task: 'sine', cell: 'gru' });
  trainer.step(10);
  trainer.dispose();
  assert.equal(rnnlab.inUseBytes(), baseline);
});

test('failed calls leak nothing: 1,000 bad configs and bad state dicts', () => {
  const trainer = rnnlab.createTrainer({ task: 'sine' });
  trainer.step(1);
  const good = trainer.saveStateDict();
  const bad = good.replace('"rnn.weight_hh_l0"', '"rnn.weight_hh_l9"');
  const attempt = () => {
    for (const config of [{ hidden: 0, arch: 'layer' }, { input: 'a'.repeat(50), target: 'b' }, { cell: 'x'.repeat(40) }, { lr: NaN, task: 'sine' }, { hiden: 1 }]) {
      assert.throws(() => trainer.configure(/** @type {any} */ (config)));
      assert.throws(() => rnnlab.createTrainer(/** @type {any} */ (config)));
    }
    assert.throws(() => trainer.loadStateDict(bad));
  };
  attempt();  // first use of each error path may allocate lasting things (e.g. locale tables)
  const before = rnnlab.inUseBytes();
  for (let i = 0; i < 1000; ++i) attempt();
  const after = rnnlab.inUseBytes();
  console.log(`in use before 1,000 rounds of failures ${kb(before)}, after ${kb(after)}`);
  assert.equal(after, before);
  trainer.dispose();
});
