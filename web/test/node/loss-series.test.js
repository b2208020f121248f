// The loss chart's data path (web/src/views/loss-series.js) without a browser: whatever the loss does (0, a
// float32 denormal, 1e-30, 1e30, NaN, Infinity) and however long the run, the series stays at most MAX_POINTS
// long and only bounded values and ranges go to uPlot. The browser side: web/test/browser/loss-chart.test.js.
import test from 'node:test';
import assert from 'node:assert/strict';

import { LossSeries, MAX_POINTS, LOG_FLOOR, LOG_CEILING, LINEAR_LIMIT, axisRange, axisValue } from '../../src/views/loss-series.js';

const DENORMAL = new Float32Array([1e-45])[0];  // 1.4e-45, the smallest float32

test('loss chart data: a run whose loss goes to 0 keeps the smoothed line above the log floor, in at most MAX_POINTS points', () => {
  const series = new LossSeries();
  // 2 million iterations in snapshots of 2000: about 1 at first, then exactly 0 (a confident cross-entropy in
  // float32). The moving average, a double, decays to a denormal (1.2e-322) if nothing stops it.
  const chunk = new Float32Array(2000);
  for (let first = 0; first < 2_000_000; first += chunk.length) {
    chunk.fill(first < 10_000 ? 1 / (1 + first) : 0);
    series.append(chunk, first);
    assert.ok(series.length <= MAX_POINTS, `${series.length} points at iteration ${first}`);
  }
  // A plain average of those zeros underflowed to a denormal (the case that hung uPlot); the average of the logs
  // bottoms out at the floor.
  assert.ok(series.average >= LOG_FLOOR * 0.999 && series.average < 1e-11, String(series.average));
  for (const logScale of [true, false]) {
    const [x, losses, smoothed] = series.axisData(logScale, true);
    assert.equal(x.length, series.length);
    assert.ok(series.length > MAX_POINTS / 2, `${series.length} points kept`);
    for (const v of [...losses, ...smoothed]) {
      assert.ok(v !== null && Number.isFinite(v), String(v));
      if (logScale) assert.ok(v >= LOG_FLOOR && v <= LOG_CEILING, String(v));
    }
  }
  // The kept points span the run, in order.
  assert.equal(series.iterations[0], 0);
  assert.equal(series.iterations.at(-1), 1_999_999);
  assert.ok(series.iterations.every((it, i) => i === 0 || it > series.iterations[i - 1]));
});

test('loss chart data: 0, a denormal, 1e-30, 1e30, 3e38, NaN and Infinity become bounded values or gaps', () => {
  const series = new LossSeries();
  const odd = [0, DENORMAL, 1e-30, 1e-12, 0.5, 1e30, 3e38, NaN, Infinity, -Infinity, -1];
  series.append(odd, 0);
  const [, log] = series.axisData(true);
  assert.deepEqual(log, [LOG_FLOOR, LOG_FLOOR, LOG_FLOOR, LOG_FLOOR, 0.5, LOG_CEILING, LOG_CEILING, null, null, null, LOG_FLOOR]);
  const [, linear] = series.axisData(false);
  assert.deepEqual(linear, [0, DENORMAL, 1e-30, 1e-12, 0.5, 1e30, LINEAR_LIMIT, null, null, null, -1]);
  assert.equal(axisValue(5e-324, true), LOG_FLOOR);
  // Infinity and NaN do not poison the average.
  assert.ok(Number.isFinite(series.average));
});

test('loss chart data: the y range is bounded whole decades on the log axis, finite on the linear one', () => {
  const cases = [[0, 1], [DENORMAL, 2], [5e-324, 5e-324], [1e-30, 1e30], [null, null], [NaN, Infinity], [1e-12, 1e-12], [3e38, 3e38], [0.02, 0.7]];
  for (const [min, max] of cases) {
    const [lo, hi] = axisRange(true, min, max);
    assert.ok(lo >= LOG_FLOOR && hi <= LOG_CEILING && lo < hi, `log ${min}..${max}: ${lo}..${hi}`);
    assert.equal(Math.log10(lo), Math.round(Math.log10(lo)), `a whole decade: ${lo}`);
    assert.equal(Math.log10(hi), Math.round(Math.log10(hi)), `a whole decade: ${hi}`);
    const [a, b] = axisRange(false, min, max);
    assert.ok(Number.isFinite(a) && Number.isFinite(b) && a < b, `linear ${min}..${max}: ${a}..${b}`);
  }
  assert.deepEqual(axisRange(true, 0.02, 0.7), [0.01, 1]);
  assert.deepEqual(axisRange(true, 1e-30, 1e30), [LOG_FLOOR, LOG_CEILING]);
});

test('loss chart data: a new run (an iteration not after the last) starts the series over', () => {
  const series = new LossSeries();
  series.append([3, 2, 1], 0);
  series.append([5], 0);
  assert.deepEqual(series.iterations, [0]);
  assert.deepEqual(series.losses, [5]);
});

test('loss chart data: the smoothed line is drawn only for a noisy loss', () => {
  // A loss falling smoothly, as hello's: never smoothed.
  const smooth = new LossSeries();
  smooth.append(Float32Array.from({ length: 400 }, (_, k) => 1.6 * Math.exp(-k / 60) + 0.01), 0);
  assert.equal(smooth.noisy(), false);
  assert.ok(smooth.axisData(true)[2].every((v) => v === null));
  // A loss jumping by about half its level from one iteration to the next, as sine's: smoothed.
  const noisy = new LossSeries();
  noisy.append(Float32Array.from({ length: 400 }, (_, k) => 0.2 * (1 + 0.6 * Math.sin(k * 2.4))), 0);
  assert.equal(noisy.noisy(), true);
  assert.ok(noisy.axisData(true)[2].every((v) => v !== null));
  // Too few points, or a loss of exactly 0: not smoothed.
  const few = new LossSeries();
  few.append([1, 0.1, 1, 0.1], 0);
  assert.equal(few.noisy(), false);
  const zeros = new LossSeries();
  zeros.append(new Float32Array(200), 0);
  assert.equal(zeros.noisy(), false);
});

test('loss chart data: the smoothed line follows a loss falling through decades (the average of the logs)', () => {
  // Noisy (a factor 1.5 either way) and falling a decade every 50 iterations, from 1 to 1e-4.
  const series = new LossSeries();
  series.append(Float32Array.from({ length: 200 }, (_, k) => 10 ** (-k / 50) * (k % 2 ? 1.5 : 1 / 1.5)), 0);
  assert.equal(series.noisy(), true);
  const trend = 10 ** (-199 / 50);
  // About 20 iterations behind (weight 0.05): within a factor 3 of the trend at the end. A plain average of the
  // same losses is dominated by the old large ones: about 7 times the trend.
  assert.ok(series.average < 3 * trend && series.average > trend / 3, `${series.average} against ${trend}`);
  let plain = NaN;
  for (const loss of series.losses) plain = Number.isNaN(plain) ? loss : plain + 0.05 * (loss - plain);
  assert.ok(plain > 2 * series.average && plain > 5 * trend, `plain ${plain}, of the logs ${series.average}`);
});

test('validation points: kept beside the losses, at the kept iteration nearest theirs, bounded, replaced at the same iteration', async () => {
  const { LossSeries, MAX_VALIDATION_POINTS, MAX_POINTS } = await import('../../src/views/loss-series.js');
  const series = new LossSeries();
  series.append(Float32Array.from({ length: 10 }, (_, k) => 5 - k * 0.1), 1);
  series.appendValidation(5, 4.8);
  series.appendValidation(10, 4.5);
  series.appendValidation(10, 4.4);  // measured again on demand at the same iteration: replaces it
  series.appendValidation(7, 9);     // older than the newest: not kept
  series.appendValidation(11, NaN);  // not finite: not kept
  assert.deepEqual(series.validationIterations, [5, 10]);
  assert.deepEqual(series.validationLosses, [4.8, 4.4]);
  assert.equal(series.lastValidation, 4.4);
  const [xs, , , validation] = series.axisData(true, false);
  assert.equal(validation.length, xs.length);
  assert.deepEqual(validation.map((v, k) => (v === null ? null : [xs[k], v])).filter(Boolean), [[5, 4.8], [10, 4.4]]);
  // Far more of them than the cap (a day of training): halved, never more than MAX_VALIDATION_POINTS.
  for (let k = 11; k < 11 + 5 * MAX_VALIDATION_POINTS; ++k) {
    series.append([3], k);
    series.appendValidation(k, 3);
    assert.ok(series.validationIterations.length <= MAX_VALIDATION_POINTS);
  }
  assert.ok(series.length <= MAX_POINTS);
  // After the losses were halved, each point still lands on a kept iteration, the nearest to its own.
  const [xs2, , , validation2] = series.axisData(false, false);
  const placed = validation2.filter((v) => v !== null).length;
  assert.ok(placed > 0 && placed <= series.validationIterations.length, `${placed}`);
  assert.equal(xs2.length, validation2.length);
  series.clear();
  assert.ok(Number.isNaN(series.lastValidation));
});
