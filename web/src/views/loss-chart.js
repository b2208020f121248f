// LossChart: the training loss over iterations, drawn with uPlot, with a linear / log toggle.
//
//   const chart = new LossChart(root);
//   chart.update(snapshot);   // appends snapshot.losses (iterations firstIteration, firstIteration + 1, ...)
//   chart.clear();            // after reset / configure / load
//
// A noisy loss (sine draws a new curve each iteration) gets a smoothed line on top once there are enough points:
// an exponential moving average over about the last 50 iterations.
// Keeps at most MAX_POINTS points: past that it keeps every other point and from then on every second one,
// so a long run stays cheap to draw. Redraws at most once per animation frame.
import uPlot from 'uplot';
import { FrameScheduler } from './frame.js';
import { PALETTE } from './colors.js';
import { compact } from './format.js';
import { el, observeWidth, setText } from './dom.js';

const MAX_POINTS = 4000;  // the plot is a few hundred pixels wide
const SMOOTHING = 0.02;    // weight of the newest loss in the moving average
const SMOOTH_FROM = 100;   // points before the smoothed line is worth drawing
// Iterations are whole numbers: ticks at 1, 2, 5, 10, 20, 50, ...
const INTEGER_STEPS = Array.from({ length: 24 }, (_, k) => [1, 2, 5][k % 3] * 10 ** Math.floor(k / 3));

/** An axis label: up to 3 significant digits, no trailing zeros. */
function tick(value) {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e5)) return value.toExponential(0).replace('e+', 'e').replace('-', '−');
  return String(Number(value.toPrecision(3))).replace('-', '−');
}
const HEIGHT = 240;

export class LossChart {
  /** @param {HTMLElement} root  @param {{logScale?: boolean, label?: string}} options */
  constructor(root, { logScale = true, label = 'loss' } = {}) {
    this.root = root;
    this.label = label;
    this.logScale = logScale;
    this.iterations = [];
    this.losses = [];
    this.smoothed = [];
    this.average = NaN;
    this.stride = 1;
    this.lastIteration = -1;

    root.classList.add('rl-loss-chart');
    root.replaceChildren();
    const bar = el('div', 'rl-chart-bar');
    this.readout = el('span', 'rl-chart-readout');
    const toggleLabel = el('label', 'rl-toggle');
    this.toggle = document.createElement('input');
    this.toggle.type = 'checkbox';
    this.toggle.checked = logScale;
    this.toggle.addEventListener('change', () => this.setLogScale(this.toggle.checked));
    toggleLabel.append(this.toggle, document.createTextNode(' log scale'));
    bar.append(this.readout, toggleLabel);
    this.plotRoot = el('div', 'rl-chart-plot');
    this.empty = el('p', 'rl-empty');
    this.empty.textContent = 'The loss appears here once training starts.';
    root.append(bar, this.plotRoot, this.empty);

    this.frame = new FrameScheduler(() => this.draw(), { minInterval: 66 });
    this.plot = null;
    this.width = 0;
    this.resizeObserver = observeWidth(this.plotRoot, (width) => { this.width = width; this.resize(); });
    this.createPlot();
    this.draw();
  }

  setLabel(label) {
    this.label = label;
    this.createPlot();
    this.frame.request();
  }

  setLogScale(on) {
    this.logScale = on;
    this.toggle.checked = on;
    this.createPlot();
    this.frame.request();
  }

  clear() {
    this.iterations = [];
    this.losses = [];
    this.smoothed = [];
    this.average = NaN;
    this.stride = 1;
    this.lastIteration = -1;
    this.frame.request();
  }

  /** @param {{losses?: Float32Array, firstIteration?: number}} snapshot */
  update(snapshot) {
    const losses = snapshot.losses;
    if (!losses || losses.length === 0) return;
    const first = snapshot.firstIteration;
    if (first <= this.lastIteration) this.clear(); // a new run started over
    for (let k = 0; k < losses.length; ++k) {
      const iteration = first + k;
      this.lastIteration = iteration;
      const loss = losses[k];
      if (Number.isFinite(loss)) this.average = Number.isNaN(this.average) ? loss : this.average + SMOOTHING * (loss - this.average);
      if (iteration % this.stride !== 0 && k !== losses.length - 1) continue;
      this.iterations.push(iteration);
      this.losses.push(loss);
      this.smoothed.push(this.average);
    }
    if (this.iterations.length > MAX_POINTS) this.decimate();
    this.frame.request();
  }

  /** Number of points currently drawn (tests read it as data-points too). */
  get pointCount() {
    return this.iterations.length;
  }

  decimate() {
    const keep = (_, index) => index % 2 === 0;
    this.iterations = this.iterations.filter(keep);
    this.losses = this.losses.filter(keep);
    this.smoothed = this.smoothed.filter(keep);
    this.stride *= 2;
  }

  createPlot() {
    if (this.plot) this.plot.destroy();
    this.smoothShown = undefined;
    const width = Math.max(200, this.width || 400);
    const logScale = this.logScale;
    this.plot = new uPlot({
      width,
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      scales: {
        x: { time: false },
        y: logScale ? { distr: 3 } : { auto: true },
      },
      axes: [
        { stroke: PALETTE.muted, grid: { stroke: PALETTE.grid, width: 1 }, ticks: { show: false }, size: 28,
          incrs: INTEGER_STEPS, font: '11px system-ui, sans-serif', label: 'iteration', labelSize: 14, labelFont: '11px system-ui, sans-serif' },
        { stroke: PALETTE.muted, grid: { stroke: PALETTE.grid, width: 1 }, ticks: { show: false }, size: 44,
          font: '11px system-ui, sans-serif', values: (u, splits) => splits.map((v) => (v == null ? '' : tick(v))) },
      ],
      series: [
        {},
        { label: this.label, stroke: PALETTE.accent, width: 1.5, points: { show: false } },
        { label: 'smoothed', stroke: PALETTE.ink, width: 1.5, points: { show: false } },
      ],
    }, [[], [], []], this.plotRoot);
  }

  resize() {
    if (!this.plot) return;
    const width = Math.round(this.width);
    if (width > 0 && width !== this.plot.width) this.plot.setSize({ width, height: HEIGHT });
  }

  draw() {
    const n = this.iterations.length;
    this.root.dataset.points = String(n);
    this.empty.hidden = n > 0;
    const positive = (values) => (this.logScale ? values.map((v) => (v > 0 ? v : 1e-12)) : values);
    const smooth = n >= SMOOTH_FROM;
    // With a smoothed line on top the raw losses step back to a lighter tone.
    if (smooth !== this.smoothShown) {
      this.smoothShown = smooth;
      this.plot.series[1].stroke = () => (smooth ? 'rgba(45, 111, 124, 0.35)' : PALETTE.accent);
      this.plot.series[1].width = smooth ? 1 : 1.5;
    }
    this.plot.setData([this.iterations, positive(this.losses), smooth ? positive(this.smoothed) : this.iterations.map(() => null)]);
    setText(this.readout, n > 0
      ? `${this.label} ${compact(this.losses[n - 1])} · iteration ${this.iterations[n - 1]}`
      : this.label);
  }

  dispose() {
    this.frame.dispose();
    this.resizeObserver.disconnect();
    this.plot?.destroy();
    this.root.replaceChildren();
  }
}
