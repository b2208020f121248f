// trace(): the unrolled record of the last step, checked against an independent recomputation in JS: the x_t
// and h0 the trace reports, run through torch's recurrence with the weights the step used, must give back its
// h_t, c_t and gates; h_t is the layer's output (the next layer's input, the head's input, the cell's logits);
// sigmoid gates lie in (0, 1); dL/dh_t of the hello cell matches a hand-written backward; shapes match the config.
import test from 'node:test';
import assert from 'node:assert/strict';

import { loadTestRnnlab } from './load_wasm.js';
import { layerWeights, maxAbsDiff, runLayer } from './reference_cells.js';

const rnnlab = await loadTestRnnlab();
const TOLERANCE = 2e-5;  // float32 kernels with a rational tanh/sigmoid vs float64 Math.tanh

/** @param {Float64Array[]} rows */
const flat = (rows) => Float64Array.from(rows.flatMap((r) => Array.from(r)));

/**
 * Steps a trainer `warmup` times, then once more with the weights read just before that step, and checks every
 * layer of the trace against runLayer.
 * @param {Record<string, unknown>} config
 */
function checkTrace(config, warmup = 3) {
  const trainer = rnnlab.createTrainer(config);
  try {
    const full = trainer.config();
    if (warmup) trainer.step(warmup);
    const params = trainer.parameters();  // the weights the next step's forward uses
    trainer.step(1);
    const trace = trainer.trace();
    assert.ok(trace, 'trace after a step');
    const directions = full.bidirectional ? 2 : 1;
    const T = full.task === 'seq' ? [...full.input].length : full.points - 1;
    const H = full.arch === 'cell' ? new Set([...full.input, ...full.target]).size : full.hidden;
    assert.equal(trace.iteration, warmup + 1);
    assert.equal(trace.steps, T);
    assert.equal(trace.layers.length, full.layers * directions);
    const gateNames = { rnn_tanh: '', rnn_relu: '', lstm: 'ifgo', gru: 'rzn' };

    /** @type {Float64Array[][]} */
    const outputs = [];  // per layer trace, h in time order
    trace.layers.forEach((layer, k) => {
      const reverse = layer.direction === 'reverse';
      assert.equal(layer.layer, Math.floor(k / directions));
      assert.equal(reverse, k % directions === 1);
      assert.deepEqual(layer.h.shape, [T, 1, H]);
      assert.deepEqual(layer.h0.shape, [1, H]);
      assert.deepEqual(layer.x.shape, [T, 1, layer.inputSize]);
      assert.equal(layer.hiddenSize, H);
      assert.equal(layer.gates.map((g) => g.name).join(''), gateNames[layer.kind]);
      for (const g of layer.gates) assert.deepEqual(g.shape, [T, 1, H]);
      assert.equal(layer.c === null, layer.kind !== 'lstm');
      if (layer.c) assert.deepEqual(layer.c.shape, [T, 1, H]);
      assert.ok(layer.dh, 'dh after a backward');
      assert.deepEqual(layer.dh.shape, [T, 1, H]);
      assert.equal(layer.dhNorm?.length, T);

      const ref = runLayer({
        kind: layer.kind, reverse, T, H, x: layer.x.data, h0: layer.h0.data, c0: layer.c0?.data,
        ...layerWeights(params, full.arch, layer.layer, reverse),
      });
      const hDiff = maxAbsDiff(layer.h.data, flat(ref.h));
      assert.ok(hDiff < TOLERANCE, `layer ${k} h_t: max diff ${hDiff}`);
      if (layer.c) {
        const cDiff = maxAbsDiff(layer.c.data, flat(ref.c));
        assert.ok(cDiff < TOLERANCE, `layer ${k} c_t: max diff ${cDiff}`);
      }
      layer.gates.forEach((gate, g) => {
        const gDiff = maxAbsDiff(gate.data, flat(ref.gates.map((perStep) => perStep[g])));
        assert.ok(gDiff < TOLERANCE, `layer ${k} gate ${gate.name}: max diff ${gDiff}`);
        if (gate.name !== 'g' && gate.name !== 'n') {
          for (const v of gate.data) assert.ok(v > 0 && v < 1, `sigmoid gate ${gate.name} = ${v} outside (0, 1)`);
        }
      });
      for (let t = 0; t < T; ++t) {
        let sq = 0;
        for (let j = 0; j < H; ++j) sq += layer.dh.data[t * H + j] ** 2;
        assert.ok(Math.abs(layer.dhNorm[t] - Math.sqrt(sq)) <= 1e-6 * (1 + Math.sqrt(sq)));
      }
      outputs.push(ref.h);
    });

    // h_t is the layer's output: the next layer's input is the concatenation of this layer's directions.
    for (let k = directions; k < trace.layers.length; ++k) {
      const below = trace.layers.slice((trace.layers[k].layer - 1) * directions, trace.layers[k].layer * directions);
      const x = [];
      for (let t = 0; t < T; ++t) for (const b of below) x.push(...b.h.data.subarray(t * H, (t + 1) * H));
      assert.equal(maxAbsDiff(trace.layers[k].x.data, x), 0, `layer ${k} input = the layer below's h_t`);
    }
    return { trainer, trace, params, full };
  } catch (error) {
    trainer.dispose();
    throw error;
  }
}

test('hello cell: h_t is the logits, trace.output = softmax(h_t), dL/dh_t = a hand-written BPTT', () => {
  const { trainer, trace, params } = checkTrace({ task: 'seq' });
  const layer = trace.layers[0];
  const T = 5, V = 4;
  assert.deepEqual(trace.output?.shape, [T, V]);
  const probs = [];
  for (let t = 0; t < T; ++t) {
    const z = Array.from(layer.h.data.subarray(t * V, (t + 1) * V));
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b);
    probs.push(...e.map((v) => v / s));
  }
  assert.ok(maxAbsDiff(trace.output.data, probs) < 1e-6);
  // Cross-entropy summed over steps on logits h_t = tanh(a_t): dL/dh_t = (p_t - y_t) + W_hh^T (dh_{t+1} (1 - h_{t+1}^2)).
  const whh = layerWeights(params, 'cell', 0, false).whh;
  const dh = new Float64Array(T * V);
  for (let t = T - 1; t >= 0; --t) {
    for (let j = 0; j < V; ++j) dh[t * V + j] = probs[t * V + j] - (trace.target?.[t] === j ? 1 : 0);
    if (t + 1 < T) {
      for (let j = 0; j < V; ++j) {
        let s = 0;
        for (let r = 0; r < V; ++r) {
          const h = layer.h.data[(t + 1) * V + r];
          s += whh[r * V + j] * dh[(t + 1) * V + r] * (1 - h * h);
        }
        dh[t * V + j] += s;
      }
    }
  }
  const diff = maxAbsDiff(layer.dh?.data ?? [], dh);
  assert.ok(diff < 1e-5, `dL/dh_t max diff ${diff}`);
  trainer.dispose();
});

test('sine: 2-layer RNN, h0 is the carried state of the previous iteration', () => {
  const { trainer, trace } = checkTrace({ task: 'sine' });
  assert.ok(trace.layers.some((l) => l.h0.data.some((v) => v !== 0)), 'the carried hidden state is not zero');
  trainer.dispose();
});

for (const cell of ['rnn', 'lstm']) {
  test(`sine ${cell}: trace.output is the step's prediction (T, 1), trace.target its target (T)`, () => {
    const trainer = rnnlab.createTrainer({ task: 'sine', cell });
    try {
      trainer.step(4);
      const params = trainer.parameters();  // the weights the next step's forward uses
      const result = trainer.step(1);
      const trace = trainer.trace();
      assert.ok(trace);
      const T = trace.steps;
      assert.equal(T, trainer.config().points - 1);
      assert.ok(trace.output);
      assert.deepEqual(trace.output.shape, [T, 1]);
      assert.ok(trace.target instanceof Float32Array);
      assert.equal(trace.target.length, T);
      // output = head(h_t of the top layer), with the weights before the update.
      const top = trace.layers.at(-1);
      const H = top.hiddenSize;
      const w = params.find((p) => p.name === 'head.weight');
      const b = params.find((p) => p.name === 'head.bias');
      assert.ok(w && b, params.map((p) => p.name).join(','));
      const head = Array.from({ length: T }, (_, t) => {
        let y = b.value[0];
        for (let j = 0; j < H; ++j) y += w.value[j] * top.h.data[t * H + j];
        return y;
      });
      const outputDiff = maxAbsDiff(trace.output.data, head);
      assert.ok(outputDiff < 1e-6, `output vs head(h_t): max diff ${outputDiff}`);
      // The target is the next point of the input, and the step's loss is the MSE of exactly these two.
      const x = trace.layers[0].x.data;
      for (let t = 0; t + 1 < T; ++t) assert.equal(trace.target[t], x[t + 1]);
      let sq = 0;
      for (let t = 0; t < T; ++t) sq += (trace.output.data[t] - trace.target[t]) ** 2;
      assert.ok(Math.abs(sq / T - result.loss) <= 1e-6 * Math.max(1, result.loss), `MSE ${sq / T} vs loss ${result.loss}`);
      // The output is that step's, not the current weights': predict() does not change it.
      trainer.predict();
      assert.deepEqual(trainer.trace()?.output?.data, trace.output.data);
    } finally {
      trainer.dispose();
    }
  });
}

for (const cell of ['lstm', 'gru']) {
  test(`seq ${cell}: 2 bidirectional layers, every gate recomputed`, () => {
    const { trainer } = checkTrace({ task: 'seq', input: 'the cat sat', target: 'he cat sat.', arch: 'layer', cell, hidden: 7, layers: 2, bidirectional: true });
    trainer.dispose();
  });
  test(`sine ${cell}: 2 layers`, () => {
    const { trainer } = checkTrace({ task: 'sine', cell, hidden: 6 });
    trainer.dispose();
  });
}

test('relu rnn layer', () => {
  const { trainer } = checkTrace({ task: 'seq', arch: 'layer', nonlinearity: 'relu', hidden: 5 });
  trainer.dispose();
});

test('no trace before the first step, after reset and after configure', () => {
  const trainer = rnnlab.createTrainer({ task: 'sine' });
  assert.equal(trainer.trace(), null);
  trainer.step(2);
  assert.ok(trainer.trace());
  trainer.reset();
  assert.equal(trainer.trace(), null);
  trainer.step(1);
  trainer.configure({ task: 'seq' });
  assert.equal(trainer.trace(), null);
  trainer.dispose();
});

test('trace arrays are copies: they survive later steps and heap growth', () => {
  const trainer = rnnlab.createTrainer({ task: 'seq', arch: 'layer', cell: 'lstm', hidden: 8 });
  trainer.step(1);
  const first = trainer.trace();
  const saved = Float32Array.from(first?.layers[0].h.data ?? []);
  const big = rnnlab.createTrainer({ task: 'seq', input: 'x'.repeat(900), target: 'y'.repeat(900), arch: 'layer', cell: 'lstm', hidden: 512 });
  big.step(1);  // grows the heap
  trainer.step(5);
  assert.equal(first?.layers[0].h.data.length, saved.length);
  assert.deepEqual(first?.layers[0].h.data, saved);
  big.dispose();
  trainer.dispose();
});

test('remember rnn: jacobianNorm is ||d h_T / d h_t||_F of batch row 0, recomputed from the trace in JS', () => {
  const trainer = rnnlab.createTrainer({ task: 'remember', cell: 'rnn', length: 12, symbols: 4, hidden: 6 });
  try {
    trainer.step(2);
    const params = trainer.parameters();  // the weights of the next step's forward
    trainer.step(1);
    const trace = trainer.trace();
    assert.ok(trace);
    const layer = trace.layers[0];
    const T = 12, H = 6, B = layer.batch;
    assert.equal(B, 32);
    assert.ok(layer.jacobianNorm instanceof Float64Array);
    assert.equal(layer.jacobianNorm.length, T);
    // h_t = tanh(a_t), a_t = ... + W_hh h_{t-1}: J_T = I, J_{t-1} = (J_t * (1 - h_t^2)) W_hh, rows = units of h_T.
    const whh = layerWeights(params, 'layer', 0, false).whh;  // (H, H)
    let J = Array.from({ length: H }, (_, a) => Array.from({ length: H }, (_, k) => (a === k ? 1 : 0)));
    const frobenius = (/** @type {number[][]} */ m) => Math.sqrt(m.flat().reduce((s, v) => s + v * v, 0));
    const expected = new Array(T);
    for (let t = T - 1; t >= 0; --t) {
      expected[t] = frobenius(J);
      if (t === 0) break;
      const h = layer.h.data.subarray(t * B * H, t * B * H + H);  // step t, batch row 0
      J = J.map((row) => Array.from({ length: H }, (_, k) => {
        let s = 0;
        for (let j = 0; j < H; ++j) s += row[j] * (1 - h[j] * h[j]) * whh[j * H + k];
        return s;
      }));
    }
    for (let t = 0; t < T; ++t) {
      const rel = Math.abs(layer.jacobianNorm[t] - expected[t]) / expected[t];
      assert.ok(rel < 1e-4, `t=${t}: ${layer.jacobianNorm[t]} vs ${expected[t]}`);
    }
    assert.ok(Math.abs(layer.jacobianNorm[T - 1] - Math.sqrt(H)) < 1e-12);
    // The many-to-one loss is on the last step only: no per-step output in the trace.
    assert.equal(trace.output, null);
    const p = trainer.predict();
    assert.equal(p.view, 'remember');
    assert.equal(p.sequence.length, T);
  } finally {
    trainer.dispose();
  }
});

test('trace: jacobianNorm is null when one row would cost more than 2^26 multiply-adds', () => {
  // LSTM of 128 units over 40 steps: 40 * 4 * 128^3 = 3.4e8.
  const trainer = rnnlab.createTrainer({ task: 'remember', cell: 'lstm', length: 40, hidden: 128 });
  try {
    trainer.step(1);
    assert.equal(trainer.trace()?.layers[0].jacobianNorm, null);
  } finally {
    trainer.dispose();
  }
});
