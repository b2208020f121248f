// The inspector over a digit (the digits task's rnn, lstm and gru read it row by row) through the JS API and the
// worker, on the Node build of the wasm module: activations over the 28 rows, the classes after each row ending in
// classify's answer, the saliency of 784 pixels against finite differences of classify's log-probability, the
// units ranked by the rows' features over held-out digits with the gates' saturation, the worker's inspect request
// with pixels, refusals that name the argument (mlp and cnn have no rows to look inside), and the mlp's and cnn's
// pixel saliency through the tape.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

import { TrainerHost } from '../../src/worker/trainer_host.js';
import { loadTestRnnlab, repoRoot } from './load_wasm.js';
import { requester } from './worker_request.js';

const mnistDir = path.join(repoRoot, 'data/digits/mnist');
const IMAGES_GZ = readFileSync(path.join(mnistDir, 't10k-images-idx3-ubyte.gz'));
const LABELS_GZ = readFileSync(path.join(mnistDir, 't10k-labels-idx1-ubyte.gz'));
const imageBytes = gunzipSync(IMAGES_GZ).subarray(16);
const labelBytes = gunzipSync(LABELS_GZ).subarray(8);
const rnnlab = await loadTestRnnlab();

/** @param {number} count */
function firstImages(count) {
  return { images: new Uint8Array(imageBytes.subarray(0, count * 784)), labels: new Uint8Array(labelBytes.subarray(0, count)) };
}
/** Dataset image k as the task reads it. @param {number} k */
const digit = (k) => Float32Array.from(imageBytes.subarray(k * 784, (k + 1) * 784), (v) => v / 255);

test('inspect a digit: activations over 28 rows, classes after each row, saliency of 784 pixels = finite differences', () => {
  const trainer = rnnlab.createTrainer({ task: 'digits', model: 'lstm', hidden: 12, seed: 3 }, { digits: firstImages(300) });
  trainer.step(10);
  const pixels = digit(250);
  const a = trainer.activations(pixels);
  assert.deepEqual([a.steps, a.hidden, a.kind, a.outputs], [28, 12, 'lstm', 10]);
  assert.deepEqual(a.h.shape, [1, 28, 12]);
  assert.deepEqual(a.gates?.shape, [1, 28, 48]);
  const top = trainer.topk(pixels, 5);
  const answer = trainer.classify(pixels);
  assert.equal(top.classes[27 * 5], answer.predicted, 'the class after the last row is classify\'s answer');
  assert.ok(Math.abs(top.probabilities[27 * 5] - answer.probabilities[answer.predicted]) < 1e-6);

  const s = trainer.saliency(pixels);
  assert.equal(s.length, 28, 'a norm per row');
  assert.equal(s.target, answer.predicted, 'the predicted class by default');
  assert.ok(s.pixels instanceof Float32Array && s.pixels.length === 784);
  assert.ok(s.pixels.every(Number.isFinite));
  for (let r = 0; r < 28; r++) {
    let sum = 0;
    for (let x = 0; x < 28; x++) sum += s.pixels[r * 28 + x] ** 2;
    assert.ok(Math.abs(Math.sqrt(sum) - s[r]) <= 1e-5 * (1 + s[r]), `row ${r}'s norm`);
  }
  // The largest gradients against central differences of log p(target) from classify (float32, eps 1e-2).
  const order = Array.from(s.pixels.keys()).sort((i, j) => Math.abs(s.pixels[j]) - Math.abs(s.pixels[i]));
  for (const p of order.slice(0, 6)) {
    const moved = (/** @type {number} */ d) => {
      const x = Float32Array.from(pixels);
      x[p] = Math.max(0, Math.min(1, x[p] + d));
      return { logp: Math.log(trainer.classify(x).probabilities[s.target]), dx: x[p] - pixels[p] };
    };
    const plus = moved(1e-2), minus = moved(-1e-2);
    const fd = (plus.logp - minus.logp) / (plus.dx - minus.dx);
    assert.ok(Math.abs(fd - s.pixels[p]) <= 0.05 * Math.abs(s.pixels[p]) + 1e-3, `pixel ${p}: ${s.pixels[p]} vs ${fd}`);
  }
  const other = trainer.saliency(pixels, 28, (answer.predicted + 1) % 10);
  assert.equal(other.target, (answer.predicted + 1) % 10, 'another class, asked for');
  assert.equal(trainer.saliency(pixels, 5).length, 5, 'the prediction after row 5');
  assert.throws(() => trainer.saliency(pixels, 29), /position: got 29, expected a whole number 1 to 28/);
  assert.throws(() => trainer.saliency(pixels, 28, 10), /class: got 10, expected -1 \(the rule\) or 0 to 9/);
  assert.throws(() => trainer.unitRanking(pixels), /unitRanking: the features of a digit's rows are ranked over many digits: digitUnits/);
  const bad = Float32Array.from(pixels);
  bad[3] = 2;
  assert.throws(() => trainer.activations(bad), /pixels\[3\]: got 2, expected a number from 0 to 1/);
  trainer.dispose();
});

test('digitUnits: units ranked by the rows\' features and the gates\' saturation over held-out digits', () => {
  const trainer = rnnlab.createTrainer({ task: 'digits', model: 'gru', hidden: 8, layers: 2, bidirectional: true, seed: 5 }, { digits: firstImages(300) });
  trainer.step(3);
  const units = trainer.digitUnits({ perFeature: 2 });
  assert.equal(units.images, 60, '300 images: the 60 held out (fewer than 200)');
  assert.deepEqual([...new Set(units.ranking.map((u) => u.feature))], ['ink', 'row', 'strokes', 'centre', 'sinceInk']);
  assert.equal(units.ranking.length, 10);
  for (const u of units.ranking) assert.ok(Math.abs(u.correlation) <= 1 && u.layer < 2 && u.direction < 2 && u.unit < 8 && u.kind === 'h');
  assert.deepEqual(units.saturation.map((g) => `${g.layer}${g.direction}${g.gate}`), ['00r', '00z', '01r', '01z', '10r', '10z', '11r', '11z']);
  const given = new Float32Array(3 * 784);
  for (let i = 0; i < 3; i++) given.set(digit(240 + i), i * 784);
  assert.equal(trainer.digitUnits({ images: given }).images, 3);
  assert.throws(() => trainer.digitUnits({ images: new Float32Array(100) }), /images: got 100 values, expected 1 to 200 digits of 784/);
  trainer.dispose();

  const mlp = rnnlab.createTrainer({ task: 'digits', model: 'mlp', seed: 1 }, { digits: firstImages(100) });
  assert.throws(() => mlp.activations(digit(90)), /pixels: the mlp model reads the whole image at once/);
  assert.throws(() => mlp.digitUnits(), /digitUnits: the mlp model has no steps/);
  mlp.dispose();
});

test('the mlp and cnn read the image whole: their pixel saliency through the tape = finite differences of classify', () => {
  for (const model of ['mlp', 'cnn']) {
    const trainer = rnnlab.createTrainer({ task: 'digits', model, seed: 2 }, { digits: firstImages(100) });
    trainer.step(2);
    const pixels = digit(95);
    const answer = trainer.classify(pixels);
    const s = trainer.saliency(pixels);
    assert.equal(s.target, answer.predicted, `${model}: the predicted class`);
    assert.equal(s.length, 28);
    assert.equal(s.pixels?.length, 784);
    assert.ok(s.pixels.every(Number.isFinite));
    const order = Array.from(s.pixels.keys()).sort((i, j) => Math.abs(s.pixels[j]) - Math.abs(s.pixels[i]));
    let kinks = 0;
    for (const p of order.slice(0, 8)) {
      const logp = (/** @type {number} */ d) => {
        const x = Float32Array.from(pixels);
        x[p] += d;
        return Math.log(trainer.classify(x).probabilities[s.target]);
      };
      // Pixels of value 0 or 1 step inside [0, 1] only: a one-sided difference, on the side that stays in range.
      const eps = 1e-2, up = pixels[p] + eps <= 1, down = pixels[p] - eps >= 0;
      const fd = up && down ? (logp(eps) - logp(-eps)) / (2 * eps) : up ? (logp(eps) - logp(0)) / eps : (logp(0) - logp(-eps)) / eps;
      if (Math.abs(fd - s.pixels[p]) > 0.05 * Math.abs(s.pixels[p]) + 1e-3) kinks++;
    }
    assert.ok(kinks <= 1, `${model}: the largest 8 gradients match finite differences but ${kinks}`);
    assert.equal(trainer.saliency(pixels, 28, 3).target, 3);
    assert.throws(() => trainer.saliency(pixels, 5), new RegExp(`position: the ${model} model reads the whole image; expected 28`));
    trainer.dispose();
  }
});

test('the worker inspects a digit: rows, classes, saliency with pixels, the ranking over held-out digits', async () => {
  const messages = [];
  const host = new TrainerHost({
    post: (message) => messages.push(message),
    load: () => loadTestRnnlab(),
    fetch: async (url) => {
      const body = url.endsWith('images.gz') ? IMAGES_GZ : LABELS_GZ;
      return { ok: true, status: 200, arrayBuffer: async () => Uint8Array.from(body).buffer };
    },
  });
  const request = requester(host, messages);
  await request('init');
  await request('digits', { name: 'mnist', imagesUrl: 'http://page/images.gz', labelsUrl: 'http://page/labels.gz' });
  await request('configure', { config: { task: 'digits', data: 'mnist', model: 'rnn', hidden: 6 } });
  const pixels = digit(8000);
  const reply = await request('inspect', { pixels, activations: true, topk: 5, saliency: 28, class: 4, ranking: true, saturation: true });
  assert.deepEqual(reply.activations.h.shape, [1, 28, 6]);
  assert.deepEqual(Array.from(reply.pixels), Array.from(pixels));
  assert.equal(reply.values, undefined);
  assert.equal(reply.topk.classes.length, 28 * 5);
  assert.equal(reply.saliency.target, 4);
  assert.equal(reply.saliency.norms.length, 28);
  assert.equal(reply.saliency.pixels.length, 784);
  assert.equal(reply.rankedImages, 200);
  assert.ok(reply.ranking.some((u) => u.feature === 'ink'));
  assert.deepEqual(reply.saturation, [], 'an RNN has no gates');
  await assert.rejects(request('inspect', { pixels: new Float32Array(10), activations: true }), /pixels must be a Float32Array of 784 values/);
});
