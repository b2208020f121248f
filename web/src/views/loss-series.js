// LossSeries: the loss chart's data, kept bounded however long training runs and whatever the loss does, and
// what of it may reach uPlot's axes. No DOM: web/test/node/loss-series.test.js drives it directly.
//
//   const series = new LossSeries();
//   series.append(losses, firstIteration);   // every loss since the last snapshot, in order
//   series.appendValidation(iteration, loss); // a validation loss (the text task's), drawn as its own line
//   series.axisData(logScale);               // [iterations, losses, smoothed, validation] for uPlot.setData
//   series.axisRange(logScale, min, max);    // the y range for uPlot (bounded)
//   series.noisy();                          // whether the smoothed line is worth drawing
//
// When to draw the smoothed line: only when the loss is noisy, that is when, over the newest NOISE_WINDOW kept
// points, the mean jump between neighbours is more than NOISE_THRESHOLD (10%) of the mean loss. Sine (a new
// curve each iteration) jumps by 30% or more and gets the line; a loss that falls smoothly (hello, a typed pair)
// moves by a few percent per point and does not, so its real loss is never hidden behind a lagging average.
// The real loss is always the main line; the smoothed one is an exponential moving average (weight 0.05, about
// the last 20 iterations) of log(loss), drawn over it. In log space because a loss falls through decades: a plain
// average of 0.1, 0.01, 0.001 stays near 0.04, far above the line for many iterations after the drop, while the
// average of the logs follows the curve as drawn on the log axis (it is the geometric mean: on the linear axis a
// little under the arithmetic one). Losses below LOG_FLOOR count as LOG_FLOOR, so a loss of 0 cannot drag it to -∞.
//
// Why the log axis needs its own floor: a confident cross-entropy is exactly 0 in float32 (the abc2 -> bca2 run
// is 0 from about iteration 10,000 on), and a plain moving average of those zeros, a double, decays through
// 1e-25 down to a denormal (1.2e-322). uPlot 1.6.32's log-axis ticks (logAxisSplits) never end on such values: below about
// 1e-25, a decade step lands on a value missing from its table of rounded increments, `roundDec(split, undefined)`
// rounds it to 0, and `split` stays 0 while the tick array grows until the tab dies (RangeError: Invalid array
// length, 2 GB of JS heap). So every value drawn on the log axis is clamped to [LOG_FLOOR, LOG_CEILING], and
// the axis range is whole decades inside those bounds. The readout still shows the real loss.

/** At most this many points are kept (the plot is a few hundred pixels wide): about 100 KB for the three series. */
export const MAX_POINTS = 4000;
/** At most this many validation points are kept (halved as the losses are when full). */
export const MAX_VALIDATION_POINTS = 1000;
/** The log axis shows nothing below this (0, denormals and 1e-30 all draw here) ... */
export const LOG_FLOOR = 1e-12;
/** ... nor above this; 32 decades at most, far inside the range uPlot's tick code handles. */
export const LOG_CEILING = 1e20;
/** The linear axis clamps to +-this, so its padding never overflows to Infinity. */
export const LINEAR_LIMIT = 1e30;
const SMOOTHING = 0.05;  // weight of the newest loss in the moving average (about the last 20 iterations)
/** Points before the smoothed line is worth drawing (the average has settled by then). */
export const SMOOTH_FROM = 50;
/** The noise rule looks at this many of the newest kept points ... */
export const NOISE_WINDOW = 50;
/** ... and calls the loss noisy when it jumps by more than this fraction of its level from point to point. */
export const NOISE_THRESHOLD = 0.1;

export class LossSeries {
  constructor() {
    /** @type {number[]} */ this.iterations = [];
    /** @type {number[]} */ this.losses = [];
    /** @type {number[]} */ this.smoothed = [];
    this.average = NaN;
    this.logAverage = NaN;     // the moving average of log(loss); average is its exp
    this.stride = 1;            // keep one iteration in `stride` (doubles each time the series is halved)
    this.lastIteration = -1;
    /** @type {number[]} */ this.validationIterations = [];
    /** @type {number[]} */ this.validationLosses = [];
  }

  clear() {
    this.iterations = [];
    this.losses = [];
    this.smoothed = [];
    this.average = NaN;
    this.logAverage = NaN;     // the moving average of log(loss); average is its exp
    this.stride = 1;
    this.lastIteration = -1;
    this.validationIterations = [];
    this.validationLosses = [];
  }

  /**
   * A validation loss measured at `iteration` (one at the same iteration replaces it: asked for again on demand).
   * Non-finite ones are not kept.
   * @param {number} iteration
   * @param {number} loss
   */
  appendValidation(iteration, loss) {
    if (!Number.isFinite(loss)) return;
    const its = this.validationIterations;
    if (its.length > 0 && iteration <= its[its.length - 1]) {
      if (iteration < its[its.length - 1]) return;  // older than the newest: from before a replay, not kept
      this.validationLosses[its.length - 1] = loss;
      return;
    }
    its.push(iteration);
    this.validationLosses.push(loss);
    if (its.length > MAX_VALIDATION_POINTS) {
      const keep = (/** @type {number} */ _, /** @type {number} */ index) => index % 2 === 0;
      this.validationIterations = its.filter(keep);
      this.validationLosses = this.validationLosses.filter(keep);
    }
  }

  /** The newest validation loss, NaN when there is none. */
  get lastValidation() {
    return this.validationLosses.length > 0 ? this.validationLosses[this.validationLosses.length - 1] : NaN;
  }

  /**
   * The validation losses on the losses' x values: each at the kept iteration nearest its own (the loss series
   * keeps the newest iteration of each snapshot, where a validation loss is read, but halving may drop it: then
   * it moves by less than one stride, far under a pixel once halving has begun), null elsewhere.
   * @param {boolean} logScale
   * @returns {(number | null)[]}
   */
  validationOnAxis(logScale) {
    /** @type {(number | null)[]} */
    const out = this.iterations.map(() => null);
    const xs = this.iterations;
    if (xs.length === 0) return out;
    for (let k = 0; k < this.validationIterations.length; ++k) {
      const it = this.validationIterations[k];
      let lo = 0, hi = xs.length - 1;
      while (lo < hi) {  // the first kept iteration >= it
        const mid = (lo + hi) >> 1;
        if (xs[mid] < it) lo = mid + 1; else hi = mid;
      }
      const at = lo > 0 && Math.abs(xs[lo - 1] - it) < Math.abs(xs[lo] - it) ? lo - 1 : lo;
      out[at] = axisValue(this.validationLosses[k], logScale);
    }
    return out;
  }

  get length() {
    return this.iterations.length;
  }

  /**
   * Appends the losses of iterations first, first + 1, ...; a first iteration not after the last one means a
   * new run (the series starts over).
   * @param {ArrayLike<number>} losses
   * @param {number} first
   */
  append(losses, first) {
    if (first <= this.lastIteration) this.clear();
    for (let k = 0; k < losses.length; ++k) {
      const iteration = first + k;
      this.lastIteration = iteration;
      const loss = losses[k];
      if (Number.isFinite(loss)) {
        const log = Math.log(Math.max(loss, LOG_FLOOR));
        this.logAverage = Number.isNaN(this.logAverage) ? log : this.logAverage + SMOOTHING * (log - this.logAverage);
        this.average = Math.exp(this.logAverage);
      }
      // Points on the stride, and the newest of each snapshot (the readout and the line's end follow it).
      if (iteration % this.stride !== 0 && k !== losses.length - 1) continue;
      this.iterations.push(iteration);
      this.losses.push(loss);
      this.smoothed.push(this.average);
      if (this.iterations.length > MAX_POINTS) this.halve();
    }
  }

  /** Keeps every other point, from the first: the series covers the same iterations at half the density. */
  halve() {
    const keep = (/** @type {number} */ _, /** @type {number} */ index) => index % 2 === 0;
    this.iterations = this.iterations.filter(keep);
    this.losses = this.losses.filter(keep);
    this.smoothed = this.smoothed.filter(keep);
    this.stride *= 2;
  }

  /**
   * Whether the loss is noisy enough for a smoothed line (the rule is in the file's top comment): at least
   * SMOOTH_FROM points, and a mean jump between neighbouring points of more than NOISE_THRESHOLD of the mean
   * loss over the newest NOISE_WINDOW points. Non-finite losses are left out; a mean of 0 is not noisy.
   * @returns {boolean}
   */
  noisy() {
    if (this.length < SMOOTH_FROM) return false;
    const recent = this.losses.slice(-NOISE_WINDOW).filter(Number.isFinite);
    if (recent.length < 2) return false;
    let jumps = 0;
    let level = 0;
    for (let k = 0; k < recent.length; ++k) {
      level += Math.abs(recent[k]);
      if (k > 0) jumps += Math.abs(recent[k] - recent[k - 1]);
    }
    const meanJump = jumps / (recent.length - 1);
    const meanLevel = level / recent.length;
    return meanLevel > 0 && meanJump > NOISE_THRESHOLD * meanLevel;
  }

  /**
   * The three series for uPlot.setData, each value made safe for the axis: non-finite values become gaps
   * (null); on the log axis the rest is clamped to [LOG_FLOOR, LOG_CEILING], on the linear one to +-LINEAR_LIMIT.
   * The smoothed series is all gaps unless the loss is noisy (noisy()).
   * @param {boolean} logScale
   * @param {boolean} [smooth]  whether to fill the smoothed series (noisy() unless given)
   * @returns {[number[], (number | null)[], (number | null)[], (number | null)[]]}  the last: validationOnAxis
   */
  axisData(logScale, smooth = this.noisy()) {
    const safe = (/** @type {number[]} */ values) => values.map((v) => axisValue(v, logScale));
    return [this.iterations, safe(this.losses), smooth ? safe(this.smoothed) : this.iterations.map(() => null),
      this.validationOnAxis(logScale)];
  }
}

/**
 * One value as the axis may draw it.
 * @param {number} value
 * @param {boolean} logScale
 * @returns {number | null}
 */
export function axisValue(value, logScale) {
  if (!Number.isFinite(value)) return null;
  if (logScale) return Math.min(LOG_CEILING, Math.max(LOG_FLOOR, value));
  return Math.min(LINEAR_LIMIT, Math.max(-LINEAR_LIMIT, value));
}

/**
 * The y range uPlot gets (its `range` option), from the data's min and max (null when there is no data).
 * Log: whole decades around the data inside [LOG_FLOOR, LOG_CEILING]; linear: the data padded by 5%.
 * @param {boolean} logScale
 * @param {number | null} min
 * @param {number | null} max
 * @returns {[number, number]}
 */
export function axisRange(logScale, min, max) {
  if (logScale) {
    const lo = Number.isFinite(min) ? axisValue(/** @type {number} */ (min), true) ?? 0.1 : 0.1;
    const hi = Number.isFinite(max) ? axisValue(/** @type {number} */ (max), true) ?? 10 : 10;
    let loExp = Math.floor(Math.log10(lo));
    let hiExp = Math.ceil(Math.log10(Math.max(lo, hi)));
    if (hiExp <= loExp) { loExp -= 1; hiExp += 1; }
    // Number('1e-12') is exactly the double uPlot's tick table holds; 10 ** -12 may differ in the last bit.
    return [Math.max(LOG_FLOOR, Number(`1e${loExp}`)), Math.min(LOG_CEILING, Number(`1e${hiExp}`))];
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  const lo = /** @type {number} */ (min);
  const hi = /** @type {number} */ (max);
  const pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(hi) * 0.1, 1e-6);
  return [lo >= 0 && lo - pad < 0 ? 0 : lo - pad, hi + pad];
}
