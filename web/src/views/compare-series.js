// CompareSeries: the curves of two or three models trained side by side, kept bounded and joined on one x axis
// for one uPlot chart. No DOM: web/test/node/compare-series.test.js drives it.
//
//   const series = new CompareSeries(3);
//   series.append(k, snapshot);     // model k's losses since its last snapshot, and its held-out accuracy
//   series.axisData(logScale);      // [iterations, loss_0..loss_n-1, accuracy_0..accuracy_n-1] for uPlot.setData
//
// Each model's losses are a LossSeries (loss-series.js: at most 4000 points, halved when full, clamped to the
// axis's bounds); its accuracies (one per held-out evaluation, every 25 updates for remember) at most
// MAX_ACCURACY_POINTS, halved the same way. The workers send their snapshots at their own iterations, so the
// joined x axis is the union of the kept iterations (at most 3 x 5000), each series null where it has no point;
// the chart spans the gaps.
import { LossSeries, axisValue } from './loss-series.js';

/** At most this many accuracy points per model. */
export const MAX_ACCURACY_POINTS = 1000;

/**
 * A prediction's held-out accuracy in [0, 1] and the update count it was measured at, or null for a task that
 * measures none. Any task whose prediction carries `heldOutAccuracy` (and `heldOutAt`) has one: no task names.
 * @param {unknown} prediction
 * @param {number} iteration  the snapshot's, when the prediction does not say when it measured
 * @returns {{at: number, accuracy: number} | null}
 */
export function accuracyOf(prediction, iteration) {
  const p = /** @type {{heldOutAccuracy?: unknown, heldOutAt?: unknown}} */ (prediction ?? {});
  if (typeof p.heldOutAccuracy !== 'number' || !Number.isFinite(p.heldOutAccuracy)) return null;
  return { at: typeof p.heldOutAt === 'number' ? p.heldOutAt : iteration, accuracy: p.heldOutAccuracy };
}

class AccuracySeries {
  constructor() {
    /** @type {number[]} */ this.iterations = [];
    /** @type {number[]} */ this.values = [];
  }

  /** @param {number} at @param {number} accuracy */
  append(at, accuracy) {
    const n = this.iterations.length;
    if (n > 0 && at <= this.iterations[n - 1]) {
      if (at < this.iterations[n - 1]) this.clear();  // an earlier update count: a new run
      else { this.values[n - 1] = accuracy; return; }
    }
    this.iterations.push(at);
    this.values.push(accuracy);
    if (this.iterations.length > MAX_ACCURACY_POINTS) {
      const keep = (/** @type {number} */ _, /** @type {number} */ k) => k % 2 === 0 || k === this.iterations.length - 1;
      this.iterations = this.iterations.filter(keep);
      this.values = this.values.filter(keep);
    }
  }

  clear() {
    this.iterations = [];
    this.values = [];
  }

  get last() {
    return this.values.length > 0 ? this.values[this.values.length - 1] : NaN;
  }
}

export class CompareSeries {
  /** @param {number} count  models */
  constructor(count) {
    this.runs = Array.from({ length: count }, () => ({ loss: new LossSeries(), accuracy: new AccuracySeries() }));
  }

  get count() {
    return this.runs.length;
  }

  /** @param {number} [k]  one model; all when left out */
  clear(k) {
    for (const [j, run] of this.runs.entries()) {
      if (k !== undefined && j !== k) continue;
      run.loss.clear();
      run.accuracy.clear();
    }
  }

  /**
   * @param {number} k
   * @param {{losses?: ArrayLike<number>, firstIteration?: number, iteration?: number, prediction?: unknown}} snapshot
   * @returns {boolean} whether anything was added
   */
  append(k, snapshot) {
    const run = this.runs[k];
    if (!run) return false;
    let added = false;
    if (snapshot.losses && snapshot.losses.length > 0) {
      run.loss.append(snapshot.losses, snapshot.firstIteration ?? 0);
      added = true;
    }
    const measured = accuracyOf(snapshot.prediction, snapshot.iteration ?? 0);
    if (measured) {
      const before = run.accuracy.iterations.length;
      const last = run.accuracy.last;
      run.accuracy.append(measured.at, measured.accuracy);
      added ||= run.accuracy.iterations.length !== before || run.accuracy.last !== last;
    }
    return added;
  }

  /** Points kept per model: [loss points, accuracy points]. */
  sizes() {
    return this.runs.map((run) => [run.loss.length, run.accuracy.iterations.length]);
  }

  /** Whether any model has an accuracy to draw. */
  get hasAccuracy() {
    return this.runs.some((run) => run.accuracy.iterations.length > 0);
  }

  /**
   * The chart's data: the union of every kept iteration, then each model's loss (made safe for the axis:
   * loss-series.js axisValue) and each model's accuracy in percent, null where a series has no point.
   * @param {boolean} logScale
   * @returns {[number[], ...(number | null)[][]]}
   */
  axisData(logScale) {
    /** @type {Set<number>} */
    const all = new Set();
    for (const run of this.runs) {
      for (const x of run.loss.iterations) all.add(x);
      for (const x of run.accuracy.iterations) all.add(x);
    }
    const xs = [...all].sort((a, b) => a - b);
    const index = new Map(xs.map((x, k) => [x, k]));
    /** @param {number[]} iterations @param {number[]} values @param {(v: number) => number | null} map */
    const placed = (iterations, values, map) => {
      /** @type {(number | null)[]} */
      const out = new Array(xs.length).fill(null);
      iterations.forEach((x, k) => { out[/** @type {number} */ (index.get(x))] = map(values[k]); });
      return out;
    };
    const losses = this.runs.map((run) => placed(run.loss.iterations, run.loss.losses, (v) => axisValue(v, logScale)));
    const accuracies = this.runs.map((run) => placed(run.accuracy.iterations, run.accuracy.values,
      (v) => (Number.isFinite(v) ? 100 * v : null)));
    return [xs, ...losses, ...accuracies];
  }

  /**
   * The newest numbers of model k: its last loss, iteration and held-out accuracy (NaN when there is none).
   * @param {number} k
   */
  latest(k) {
    const run = this.runs[k];
    const n = run.loss.length;
    return {
      iteration: n > 0 ? run.loss.iterations[n - 1] : 0,
      loss: n > 0 ? run.loss.losses[n - 1] : NaN,
      accuracy: run.accuracy.last,
    };
  }
}

/**
 * A model's run by epochs: what a prediction that counts epochs carries (the digits task's: its held-out accuracy
 * after each epoch and each epoch's seconds). Any task whose prediction has `accuracyPerEpoch` has one.
 * @typedef {{accuracy: ArrayLike<number>, seconds: ArrayLike<number>, latest: number, epoch: number}} EpochRun
 */

/**
 * The per-epoch numbers of a prediction, or null for a task that does not count epochs.
 * @param {unknown} prediction
 * @returns {EpochRun | null}
 */
export function epochsOf(prediction) {
  const p = /** @type {{accuracyPerEpoch?: unknown, secondsPerEpoch?: unknown, heldOutAccuracy?: unknown, epoch?: unknown}} */ (prediction ?? {});
  if (!(p.accuracyPerEpoch instanceof Float32Array)) return null;
  return {
    accuracy: p.accuracyPerEpoch,
    seconds: p.secondsPerEpoch instanceof Float32Array ? p.secondsPerEpoch : new Float32Array(0),
    latest: typeof p.heldOutAccuracy === 'number' ? p.heldOutAccuracy : NaN,
    epoch: typeof p.epoch === 'number' ? p.epoch : p.accuracyPerEpoch.length,
  };
}

/**
 * The epoch chart's data: x is the epoch (1, 2, ...) or the training seconds so far at each epoch's end (each model
 * its own; the union, each series null where it has no point); then each model's held-out accuracy in percent.
 * @param {(EpochRun | null)[]} runs
 * @param {'epoch' | 'seconds'} x
 * @returns {[number[], ...(number | null)[][]]}
 */
export function epochAxisData(runs, x) {
  /** @param {EpochRun} run @returns {number[]} the x of each of its epochs */
  const xsOf = (run) => {
    if (x === 'epoch') return Array.from(run.accuracy, (_, e) => e + 1);
    let total = 0;
    return Array.from(run.accuracy, (_, e) => (total += e < run.seconds.length ? run.seconds[e] : NaN));
  };
  const perRun = runs.map((run) => (run ? xsOf(run) : []));
  const xs = [...new Set(perRun.flat().filter(Number.isFinite))].sort((a, b) => a - b);
  const index = new Map(xs.map((v, k) => [v, k]));
  const series = runs.map((run, k) => {
    /** @type {(number | null)[]} */
    const out = new Array(xs.length).fill(null);
    perRun[k].forEach((v, e) => {
      const at = index.get(v);
      const accuracy = /** @type {EpochRun} */ (run).accuracy[e];
      if (at !== undefined && Number.isFinite(accuracy)) out[at] = 100 * accuracy;
    });
    return out;
  });
  return [xs, ...series];
}
