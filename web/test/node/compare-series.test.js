// Compare mode's curves (views/compare-series.js): each model's losses and held-out accuracies kept bounded
// however long it trains, and joined on one x axis with a gap (null) where a model has no point.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompareSeries, accuracyOf, epochsOf, epochAxisData, MAX_ACCURACY_POINTS } from '../../src/views/compare-series.js';
import { MAX_POINTS, LOG_FLOOR } from '../../src/views/loss-series.js';

test('two models at their own iterations share one x axis', () => {
  const series = new CompareSeries(2);
  series.append(0, { losses: Float32Array.of(2, 1.5), firstIteration: 1, iteration: 2, prediction: { heldOutAccuracy: 0.25, heldOutAt: 0 } });
  series.append(1, { losses: Float32Array.of(3), firstIteration: 1, iteration: 1, prediction: { heldOutAccuracy: 0.5, heldOutAt: 0 } });
  series.append(1, { losses: Float32Array.of(2, 0), firstIteration: 2, iteration: 3 });
  const [xs, loss0, loss1, acc0, acc1] = series.axisData(true);
  assert.deepEqual(xs, [0, 1, 2, 3]);
  assert.deepEqual(loss0, [null, 2, 1.5, null]);
  assert.deepEqual(loss1, [null, 3, 2, LOG_FLOOR], 'a loss of 0 sits on the log axis\'s floor');
  assert.deepEqual(acc0, [25, null, null, null]);
  assert.deepEqual(acc1, [50, null, null, null]);
  assert.deepEqual(series.latest(1), { iteration: 3, loss: 0, accuracy: 0.5 });
  assert.equal(series.hasAccuracy, true);
  series.clear(0);
  assert.deepEqual(series.sizes(), [[0, 0], [3, 1]]);
});

test('bounded: a day of training keeps at most MAX_POINTS losses and MAX_ACCURACY_POINTS accuracies per model', () => {
  const series = new CompareSeries(3);
  const chunk = new Float32Array(500).fill(1);
  for (let first = 1, k = 0; first < 1_000_000; first += 500, ++k) {
    for (let m = 0; m < 3; ++m) series.append(m, { losses: chunk, firstIteration: first, iteration: first + 499, prediction: { heldOutAccuracy: 0.5, heldOutAt: first + 499 } });
  }
  for (const [losses, accuracies] of series.sizes()) {
    assert.ok(losses <= MAX_POINTS && losses > MAX_POINTS / 4, `${losses} loss points`);
    assert.ok(accuracies <= MAX_ACCURACY_POINTS && accuracies > MAX_ACCURACY_POINTS / 4, `${accuracies} accuracy points`);
  }
  const data = series.axisData(true);
  assert.ok(data[0].length <= 3 * (MAX_POINTS + MAX_ACCURACY_POINTS));
  assert.equal(data.length, 7);
  assert.equal(series.latest(2).iteration, 1_000_000);
});

test('accuracy: only a prediction that measures one; the same update count again replaces it; an earlier one starts over', () => {
  assert.equal(accuracyOf({ predicted: 'x' }, 3), null);
  assert.equal(accuracyOf({ heldOutAccuracy: NaN }, 3), null);
  assert.deepEqual(accuracyOf({ heldOutAccuracy: 1 }, 7), { at: 7, accuracy: 1 });
  const series = new CompareSeries(1);
  series.append(0, { prediction: { heldOutAccuracy: 0.1, heldOutAt: 25 } });
  series.append(0, { prediction: { heldOutAccuracy: 0.2, heldOutAt: 25 } });
  assert.deepEqual(series.axisData(false).slice(0, 1), [[25]]);
  assert.deepEqual(series.axisData(false)[2], [20]);
  series.append(0, { prediction: { heldOutAccuracy: 0.3, heldOutAt: 0 } });
  assert.deepEqual(series.axisData(false)[2], [30]);
});

test('epochs: a prediction that counts epochs gives its per-epoch runs; the chart joins them by epoch or by seconds', () => {
  assert.equal(epochsOf({ heldOutAccuracy: 0.5 }), null);  // a task that does not count epochs
  assert.equal(epochsOf(null), null);
  const lstm = epochsOf({ accuracyPerEpoch: Float32Array.of(0.5, 0.75), secondsPerEpoch: Float32Array.of(2, 3), heldOutAccuracy: 0.75, epoch: 2 });
  const mlp = epochsOf({ accuracyPerEpoch: Float32Array.of(0.875, 0.9375, 1), secondsPerEpoch: Float32Array.of(0.5, 0.5, 1), heldOutAccuracy: 1, epoch: 3 });
  const fresh = epochsOf({ accuracyPerEpoch: new Float32Array(0), heldOutAccuracy: 0.125, epoch: 0 });
  assert.deepEqual(lstm && { latest: lstm.latest, epoch: lstm.epoch }, { latest: 0.75, epoch: 2 });
  assert.deepEqual(fresh && Array.from(fresh.seconds), []);
  assert.deepEqual(epochAxisData([lstm, mlp, fresh], 'epoch'), [[1, 2, 3], [50, 75, null], [87.5, 93.75, 100], [null, null, null]]);
  // by seconds: each model's running total at the end of each epoch (LSTM 2, 5; MLP 0.5, 1, 2)
  assert.deepEqual(epochAxisData([lstm, mlp, null], 'seconds'), [[0.5, 1, 2, 5], [null, null, 50, 75], [87.5, 93.75, 100, null], [null, null, null, null]]);
  assert.deepEqual(epochAxisData([null, null], 'epoch'), [[], [], []]);
});
