// The digits task through the JS API (docs/js-api.md: DigitsData, classify, DigitsPrediction) against the native
// build: the same images, model and seed give the same losses as `rnnlab train digits --jsonl` (relative
// difference <= 1e-4); classify's per-row answer ends in its probabilities; bad data is refused with key 'digits'
// and leaves the trainer as it was. The images are the bundled MNIST files, gunzipped here as the page's worker
// does with DecompressionStream.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

import { loadTestRnnlab, repoRoot } from './load_wasm.js';

const TOLERANCE = 1e-4;
const cli = process.env.RNNLAB_CLI ?? path.join(repoRoot, 'build/release/rnnlab');
const rnnlab = await loadTestRnnlab();

const mnistDir = path.join(repoRoot, 'data/digits/mnist');
const imageBytes = gunzipSync(readFileSync(path.join(mnistDir, 't10k-images-idx3-ubyte.gz'))).subarray(16);
const labelBytes = gunzipSync(readFileSync(path.join(mnistDir, 't10k-labels-idx1-ubyte.gz'))).subarray(8);

/** @param {number} count @returns {import('../../src/api/rnnlab.js').DigitsData} the first `count` images */
function firstImages(count) {
  return { images: new Uint8Array(imageBytes.subarray(0, count * 784)), labels: new Uint8Array(labelBytes.subarray(0, count)) };
}

/** @param {string[]} flags @returns {number[]} the native losses, one per step */
function nativeLosses(flags) {
  assert.ok(existsSync(cli), `${cli} is missing: scripts/test.sh builds it (cmake --preset release)`);
  const out = execFileSync(cli, ['train', 'digits', ...flags, '--jsonl'], { encoding: 'utf8' });
  return out.trim().split('\n').map((l) => JSON.parse(l).loss);
}

const cases = [
  { name: 'mlp, SGD 0.1', images: 1000, config: { model: 'mlp', optim: 'sgd', lr: 0.1 }, flags: ['--model', 'mlp', '--optim', 'sgd', '--lr', '0.1'] },
  { name: 'lstm(28, 16) by rows', images: 500, config: { model: 'lstm', hidden: 16 }, flags: ['--model', 'lstm', '--hidden', '16'] },
  { name: 'bidirectional gru(28, 8), 2 layers', images: 200, config: { model: 'gru', hidden: 8, layers: 2, bidirectional: true }, flags: ['--model', 'gru', '--hidden', '8', '--layers', '2', '--bidirectional'] },
  { name: 'cnn', images: 300, config: { model: 'cnn' }, flags: ['--model', 'cnn'] },
];

for (const c of cases) {
  test(`digits ${c.name}: one epoch of ${c.images * 0.8} images, wasm losses = native losses`, () => {
    const expected = nativeLosses([...c.flags, '--images', String(c.images), '--epochs', '1', '--seed', '3']);
    const trainer = rnnlab.createTrainer({ task: 'digits', seed: 3, ...c.config }, { digits: firstImages(c.images) });
    const p0 = /** @type {import('../../src/api/rnnlab.js').DigitsPrediction} */ (trainer.predict());
    assert.equal(p0.stepsPerEpoch, expected.length);
    const got = Array.from(trainer.step(expected.length).losses);
    let worst = 0;
    for (let i = 0; i < got.length; ++i) worst = Math.max(worst, Math.abs(got[i] - expected[i]) / Math.abs(expected[i]));
    console.log(`digits ${c.name}: ${got.length} steps, last loss ${got.at(-1)} (native ${expected.at(-1)}), worst relative difference ${worst.toExponential(2)}`);
    assert.ok(worst <= TOLERANCE, `worst relative difference ${worst} > ${TOLERANCE}`);

    const p = /** @type {import('../../src/api/rnnlab.js').DigitsPrediction} */ (trainer.predict());
    assert.equal(p.task, 'digits');
    assert.equal(p.view, 'digits');
    assert.equal(p.epoch, 1);
    assert.equal(p.trainSize, c.images * 0.8);
    assert.equal(p.heldOutSize, c.images * 0.2);
    assert.equal(p.accuracyPerEpoch.length, 1);
    assert.equal(p.accuracyPerEpoch[0], Math.fround(p.heldOutAccuracy));
    assert.equal(p.confusion.reduce((a, b) => a + b, 0), p.heldOutSize);
    let right = 0;
    for (let k = 0; k < 10; ++k) right += p.confusion[k * 11];
    assert.equal(right, Math.round(p.heldOutAccuracy * p.heldOutSize));
    assert.equal(p.misclassified.length, Math.min(200, p.heldOutSize - right));
    for (const [i, index] of p.misclassified.entries()) {
      assert.ok(index >= p.trainSize);
      assert.notEqual(p.misclassifiedPredicted[i], labelBytes[index]);
    }
    assert.equal(p.image.length, 784);
    assert.equal(p.classes.split('\n').length, 10);

    // classify agrees with the held-out evaluation, image by image.
    let hits = 0;
    for (let i = p.trainSize; i < c.images; ++i) {
      const pixels = Float32Array.from(imageBytes.subarray(i * 784, (i + 1) * 784), (v) => v / 255);
      const r = trainer.classify(pixels);
      assert.equal(r.probabilities.length, 10);
      assert.ok(Math.abs(r.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-5);
      hits += Number(r.predicted === labelBytes[i]);
      if (c.config.model === 'mlp' || c.config.model === 'cnn') {
        assert.equal(r.perRow, undefined);
        assert.equal(r.layers, undefined);
      } else {
        const perRow = /** @type {import('../../src/api/rnnlab.js').Tensor} */ (r.perRow);
        assert.deepEqual(perRow.shape, [28, 10]);
        assert.deepEqual(Array.from(perRow.data.subarray(270, 280)), Array.from(r.probabilities));
        const layers = /** @type {import('../../src/api/rnnlab.js').LayerTrace[]} */ (r.layers);
        assert.equal(layers.length, (c.config.layers ?? 1) * (c.config.bidirectional ? 2 : 1));
        assert.deepEqual(layers[0].x.shape, [28, 1, 28]);
        assert.equal(layers[0].x.data[5 * 28 + 14], pixels[5 * 28 + 14]);  // step 5 reads row 5
        assert.equal(layers[0].dh, null);
      }
    }
    assert.equal(hits, Math.round(p.heldOutAccuracy * p.heldOutSize));
    trainer.dispose();
  });
}

test('digits: a saved model loads back into a fresh trainer and answers alike', () => {
  const data = firstImages(100);
  const a = rnnlab.createTrainer({ task: 'digits', model: 'cnn' }, { digits: data });
  a.step(3);
  const b = rnnlab.createTrainer({ task: 'digits', model: 'cnn', seed: 5 }, { digits: data });
  b.loadStateDict(a.saveStateDict());
  const pixels = Float32Array.from(imageBytes.subarray(90 * 784, 91 * 784), (v) => v / 255);
  assert.deepEqual(b.classify(pixels).probabilities, a.classify(pixels).probabilities);
  assert.equal(b.iteration, 3);
  a.dispose();
  b.dispose();
});

test('digits: bad data and bad pixels are refused, naming them, and the trainer stays as it was', () => {
  assert.throws(() => rnnlab.createTrainer({ task: 'digits' }), (e) => e.key === 'data' && /no images/.test(e.message));
  const trainer = rnnlab.createTrainer({ task: 'digits', model: 'mlp' }, { digits: firstImages(50) });
  trainer.step(2);
  const bad = firstImages(20);
  bad.labels[7] = 12;
  assert.throws(() => trainer.configure({ task: 'digits', model: 'cnn' }, { digits: bad }),
    (e) => e.key === 'digits' && e.message === 'digits.labels[7]: got 12, expected 0 to 9');
  assert.throws(() => trainer.configure({ task: 'digits' }, { digits: { images: new Uint8Array(783), labels: new Uint8Array(10) } }),
    (e) => e.key === 'digits' && e.message === 'digits.images: 783 bytes, expected count * 784 = 7840 for 10 labels');
  assert.throws(() => trainer.configure({ task: 'digits' }, { digits: /** @type {any} */ ({ images: [1, 2], labels: new Uint8Array(10) }) }),
    (e) => e.key === 'digits' && e.message === 'digits.images: expected a Uint8Array');
  assert.equal(trainer.config().model, 'mlp');
  assert.equal(trainer.iteration, 2);
  assert.throws(() => trainer.classify(new Float32Array(783)), /pixels: 783 values, expected 784/);
  assert.throws(() => trainer.classify(new Float32Array(785)), /pixels: 785 elements, expected at most 784/);
  const pixels = new Float32Array(784);
  pixels[3] = 2;
  assert.throws(() => trainer.classify(pixels), /pixels\[3\]: got 2, expected a number from 0 to 1/);
  // The images stay with the trainer: a new config without data.digits trains on them.
  trainer.configure({ task: 'digits', model: 'gru', hidden: 4 });
  assert.equal(trainer.step(1).steps, 1);
  const seq = rnnlab.createTrainer({ task: 'seq' });
  assert.throws(() => seq.classify(pixels), /classify: the task is "seq"; classify needs the digits task/);
  seq.dispose();
  trainer.dispose();
});

test('digits: digitImage makes an enlarged, inverted-back, off-centre copy of a digit the digit again, as predict --image does', () => {
  const side = 112, scale = 4, dx = 9, dy = -6;  // as tests/fixtures/gen_digit_png.py draws its RGB fixture
  const digit = imageBytes.subarray(8000 * 784, 8001 * 784);
  const gray = new Float32Array(side * side);
  for (let y = 0; y < side; ++y) {
    for (let x = 0; x < side; ++x) {
      const sx = Math.floor((x - dx) / scale), sy = Math.floor((y - dy) / scale);
      gray[y * side + x] = sx >= 0 && sx < 28 && sy >= 0 && sy < 28 ? digit[sy * 28 + sx] / 255 : 0;
    }
  }
  const made = rnnlab.digitImage(gray, side, side);
  assert.ok(made instanceof Float32Array);
  assert.equal(made.length, 784);
  let worst = 0;
  for (let i = 0; i < 784; ++i) worst = Math.max(worst, Math.abs(made[i] - digit[i] / 255));
  assert.ok(worst < 1e-6, `largest difference ${worst}`);
  assert.deepEqual(rnnlab.digitImage(new Float32Array(30 * 40), 30, 40), new Float32Array(784));
  assert.throws(() => rnnlab.digitImage(new Float32Array(10), 3, 3), (e) => e.key === 'pixels' && e.message === 'pixels: 10 values, expected width * height = 9');
  assert.throws(() => rnnlab.digitImage(new Float32Array(9), 0, 9), (e) => e.key === 'pixels' && e.message === 'width: got 0, expected 1 to 4096');
  assert.throws(() => rnnlab.digitImage(Float32Array.of(0, 2), 2, 1), (e) => e.key === 'pixels' && e.message === 'pixels[1]: got 2, expected a number from 0 to 1');
  assert.throws(() => rnnlab.digitImage(/** @type {any} */ ([0, 1]), 2, 1), (e) => e.key === 'pixels' && e.message === 'pixels: expected a Float32Array');
});
