// The inside view's numbers for a digit (web/src/views/digit-inside-math.js): a unit's value after each row read
// from the activations' layout, the rows tinted with the ink over them, the saliency heat map's colours and scale,
// and the classes after a row.
import test from 'node:test';
import assert from 'node:assert/strict';

import { classesAfterRow, largestMagnitude, saliencyRgba, tintedRowsRgba, unitOverRows } from '../../src/views/digit-inside-math.js';
import { divergingPixel } from '../../src/views/colors.js';

const rgbOf = (/** @type {number} */ packed) => [packed & 255, (packed >>> 8) & 255, (packed >>> 16) & 255];

test('unitOverRows: slot = layer * directions + direction, (S, T, H) row-major; c when asked and present', () => {
  const S = 4, T = 28, H = 3;
  const h = new Float32Array(S * T * H).map((_, i) => i);
  const c = new Float32Array(S * T * H).map((_, i) => -i);
  const a = /** @type {any} */ ({ steps: T, hidden: H, directions: 2, h: { data: h, shape: [S, T, H] }, c: { data: c, shape: [S, T, H] } });
  const values = unitOverRows(a, { layer: 1, direction: 1, unit: 2, kind: 'h' });
  assert.equal(values.length, 28);
  for (let t = 0; t < T; t++) assert.equal(values[t], (3 * T + t) * H + 2);
  assert.equal(unitOverRows(a, { layer: 0, direction: 1, unit: 0, kind: 'c' })[5], -((1 * T + 5) * H));
});

test('tintedRowsRgba: a blank pixel is its row\'s tint, full ink is the page\'s ink, half ink halfway', () => {
  const pixels = new Float32Array(784);
  pixels[3 * 28 + 4] = 1;
  pixels[3 * 28 + 5] = 0.5;
  const values = new Float32Array(28).map((_, r) => (r - 14) / 14);
  const rgba = tintedRowsRgba(pixels, values, 1);
  const at = (/** @type {number} */ p) => Array.from(rgba.subarray(4 * p, 4 * p + 4));
  const ground = rgbOf(divergingPixel(values[3], 1));
  assert.deepEqual(at(3 * 28 + 0), [...ground, 255]);
  assert.deepEqual(at(3 * 28 + 4), [31, 35, 40, 255]);
  assert.deepEqual(at(3 * 28 + 5), [...ground.map((g, k) => Math.round(g + ([31, 35, 40][k] - g) * 0.5)), 255]);
  assert.deepEqual(at(27 * 28), [...rgbOf(divergingPixel(values[27], 1)), 255]);
});

test('saliencyRgba: scaled by the largest |gradient|; the largest positive is full orange, negative full blue', () => {
  const gradient = new Float32Array(784);
  gradient[10] = 0.5, gradient[11] = -0.25, gradient[12] = -0.5;
  const { rgba, scale } = saliencyRgba(gradient);
  assert.equal(scale, 0.5);
  const at = (/** @type {number} */ p) => Array.from(rgba.subarray(4 * p, 4 * p + 3));
  assert.deepEqual(at(10), rgbOf(divergingPixel(1, 1)));
  assert.deepEqual(at(12), rgbOf(divergingPixel(-1, 1)));
  assert.deepEqual(at(11), rgbOf(divergingPixel(-0.5, 1)));
  assert.deepEqual(at(0), rgbOf(divergingPixel(0, 1)));
  assert.equal(largestMagnitude(new Float32Array(3)), 1e-6, 'all zero: a scale that does not divide by zero');
  assert.equal(largestMagnitude([NaN, -2, 1]), 2);
});

test('classesAfterRow: row r\'s k classes and probabilities, best first as topk gives them', () => {
  const topk = /** @type {any} */ ({ steps: 2, k: 2, classes: Int32Array.from([3, 1, 7, 2]), probabilities: Float32Array.from([0.6, 0.3, 0.9, 0.05]) });
  assert.deepEqual(classesAfterRow(topk, 1).map((c) => [c.klass, Math.round(c.probability * 100)]), [[7, 90], [2, 5]]);
});
