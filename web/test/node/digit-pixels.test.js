// The digits views' math (web/src/views/digit-pixels.js): the picture of a digit, the confusion matrix's numbers,
// and the row from which an RNN reading by rows keeps its answer.
import test from 'node:test';
import assert from 'node:assert/strict';

import { digitRgba, confusionStats, argmax, settledRow } from '../../src/views/digit-pixels.js';

test('digitRgba: the ink colour with the pixel as its alpha, for bytes and for floats, clamped', () => {
  assert.deepEqual(Array.from(digitRgba(Uint8Array.from([0, 255, 51]), 255)), [31, 35, 40, 0, 31, 35, 40, 255, 31, 35, 40, 51]);
  assert.deepEqual(Array.from(digitRgba(Float32Array.from([0.5, 2, -1]), 1)).filter((_, k) => k % 4 === 3), [128, 255, 0]);
});

test('confusionStats: totals, the diagonal, recall per class and the most confused pairs', () => {
  // 3 classes: true 0 -> [5, 1, 0], true 1 -> [2, 6, 2], true 2 -> [0, 2, 0]
  const stats = confusionStats([5, 1, 0, 2, 6, 2, 0, 2, 0], 3);
  assert.deepEqual(stats.rowTotals, [6, 10, 2]);
  assert.deepEqual(stats.columnTotals, [7, 9, 2]);
  assert.equal(stats.total, 18);
  assert.equal(stats.right, 11);
  assert.deepEqual(stats.recall, [5 / 6, 0.6, 0]);
  assert.deepEqual(stats.mostConfused, [{ label: 1, predicted: 0, count: 2 }, { label: 1, predicted: 2, count: 2 },
    { label: 2, predicted: 1, count: 2 }]);
  assert.ok(Number.isNaN(confusionStats([0, 0, 0, 1], 2).recall[0]), 'a class without images has no recall');
  assert.throws(() => confusionStats([1, 2, 3], 2), /3 cells, expected 2 x 2/);
});

test('argmax and settledRow: where the answer after each row stops changing', () => {
  assert.equal(argmax([0.1, 0.7, 0.2]), 1);
  assert.equal(argmax([0.5, 0.5]), 0);
  assert.equal(argmax([]), -1);
  // 4 rows x 2 classes: answers 1, 0, 1, 1 -> settled from row 2
  assert.equal(settledRow([0.2, 0.8, 0.9, 0.1, 0.3, 0.7, 0.1, 0.9], 4, 2), 2);
  assert.equal(settledRow([0.2, 0.8, 0.2, 0.8], 2, 2), 0);
  assert.equal(settledRow([0.8, 0.2, 0.2, 0.8], 2, 2), 1);
});

test('the confusion matrix\'s cells: their numbers read at 4.5:1 or more on every shade (WCAG AA)', async () => {
  const { rightColour, wrongColour } = await import('../../src/views/confusion-matrix.js');
  const rgb = (css) => css.match(/\d+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const lin = (c) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const INK = [31, 35, 40], WHITE = [255, 255, 255];
  for (let k = 0; k <= 100; ++k) {
    const share = k / 100;
    const right = rightColour(share);
    const onRight = contrast(rgb(right.background), right.light ? WHITE : INK);
    assert.ok(onRight >= 4.5, `right cell at ${share}: ${onRight.toFixed(2)}:1`);
    const onWrong = contrast(rgb(wrongColour(share)), INK);
    assert.ok(onWrong >= 4.5, `wrong cell at ${share}: ${onWrong.toFixed(2)}:1`);
  }
});
