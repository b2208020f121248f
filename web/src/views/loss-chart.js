// LossChart: the training loss over iterations, drawn with uPlot, with a linear / log toggle.
//
//   const chart = new LossChart(root);
//   chart.update(snapshot);   // appends snapshot.losses (iterations firstIteration, firstIteration + 1, ...)
//   chart.clear();            // after reset / configure / load
//
// The real loss is the main line, always. A noisy loss (sine draws a new curve each iteration) also gets a
// smoothed line, dashed, over it: an exponential moving average over about the last 20 iterations, drawn only
// while the loss is noisy (the rule is LossSeries.noisy's, in loss-series.js). A legend above the plot names the
// lines it shows ("loss", and "smoothed" when it is drawn). While there are only a few points each is drawn as a
// dot, so a single step shows something.
// A task that measures a validation loss (text: prediction.valLoss, every valEvery steps and on demand) gets a
// third line, "validation", one dot per measurement joined across the iterations between them, placed at the
// iteration of the first snapshot that carries it; the readout gives it beside the training loss.
// The data lives in a LossSeries (loss-series.js): at most MAX_POINTS (4000) points, halved (every other point
// kept) each time it fills, so a run of any length stays cheap to draw and small in memory; and only values
// clamped to the axis's bounds reach uPlot (a loss of 0 or a denormal on the log axis once hung uPlot's tick
// code: loss-series.js says how). Redraws at most once per animation frame.
import uPlot from 'uplot';
import { FrameScheduler } from './frame.js';
import { PALETTE } from './colors.js';
import { compact } from './format.js';
import { el, observeWidth, setText } from './dom.js';
import { LossSeries, axisRange } from './loss-series.js';
import { translatorFor } from '../i18n/i18n.js';
import { DataTable, spread } from './data-table.js';

/** Rows of the loss table (spread over the kept points). */
const TABLE_ROWS = 60;

// Iterations are whole numbers: ticks at 1, 2, 5, 10, 20, 50, ...
const INTEGER_STEPS = Array.from({ length: 24 }, (_, k) => [1, 2, 5][k % 3] * 10 ** Math.floor(k / 3));

/**
 * An axis label: up to 3 significant digits, no trailing zeros.
 * @param {number} value
 * @returns {string}
 */
function tick(value) {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e5)) return value.toExponential(0).replace('e+', 'e').replace('-', '−');
  return String(Number(value.toPrecision(3))).replace('-', '−');
}
const HEIGHT = 240;
/** Up to this many points the loss line also draws a dot per point (one point alone draws no line). */
const DOTS_UP_TO = 30;
const SMOOTH_DASH = [5, 3];

export class LossChart {
  /** @param {HTMLElement} root  @param {{logScale?: boolean, label?: string}} options */
  constructor(root, { logScale = true, label } = {}) {
    this.root = root;
    this.t = translatorFor(root);
    this.label = label ?? this.t('loss.loss');
    this.logScale = logScale;
    this.series = new LossSeries();

    root.classList.add('rl-loss-chart');
    root.replaceChildren();
    const bar = el('div', 'rl-chart-bar');
    this.readout = el('span', 'rl-chart-readout');
    const toggleLabel = el('label', 'rl-toggle');
    this.toggle = el('input');
    this.toggle.type = 'checkbox';
    this.toggle.checked = logScale;
    this.toggle.addEventListener('change', () => this.setLogScale(this.toggle.checked));
    toggleLabel.append(this.toggle, ` ${this.t('loss.logScale')}`);
    // The legend (as the sine plot's): one entry per drawn line, its swatch in the line's colour and dash.
    this.legend = el('ul', 'rl-legend rl-chart-legend');
    const entry = (/** @type {string} */ key, /** @type {string} */ text, /** @type {string} */ color, /** @type {boolean} */ dashed) => {
      const swatch = el('span', dashed ? 'rl-swatch rl-swatch-dashed' : 'rl-swatch');
      swatch.style.background = color;
      if (dashed) swatch.style.color = color;
      const item = el('li', `rl-legend-${key}`);
      item.append(swatch, text);
      item.dataset.series = key;
      return item;
    };
    this.legendLoss = entry('loss', this.t('loss.loss'), PALETTE.accent, false);
    this.legendSmooth = entry('smoothed', this.t('loss.smoothed'), PALETTE.ink, true);
    this.legendSmooth.hidden = true;
    this.legendValidation = entry('validation', this.t('loss.validation'), PALETTE.validation, false);
    this.legendValidation.hidden = true;
    this.legend.append(this.legendLoss, this.legendSmooth, this.legendValidation);
    bar.append(this.readout, this.legend, toggleLabel);
    this.plotRoot = el('div', 'rl-chart-plot');
    this.empty = el('p', 'rl-empty', this.t('loss.empty'));
    root.append(bar, this.plotRoot, this.empty);
    // The text alternative of the plot: its points as a table, on request (at most TABLE_ROWS of them, spread
    // over the run).
    this.table = new DataTable(root, this.t('table.show'));
    this.table.set(() => {
      const n = this.series.length;
      if (n === 0) return null;
      // A task that measures a validation loss gets a third column: its points (as many as TABLE_ROWS, spread
      // over the run) join the loss's rows, blank at the rows without one.
      const validation = this.series.validationOnAxis(false);
      const measured = validation.flatMap((v, k) => (v === null ? [] : [k]));
      if (measured.length === 0) {
        const rows = spread(n, TABLE_ROWS).map((k) => [String(this.iterations[k]), compact(this.losses[k])]);
        return { caption: this.t('loss.table.caption', { shown: rows.length, total: n }), columns: [this.t('loss.iteration'), this.label], rows };
      }
      const picked = [...new Set([...spread(n, TABLE_ROWS), ...spread(measured.length, TABLE_ROWS).map((j) => measured[j])])]
        .sort((a, b) => a - b);
      const rows = picked.map((k) => [String(this.iterations[k]), compact(this.losses[k]), validation[k] === null ? '' : compact(validation[k] ?? NaN)]);
      return { caption: this.t('loss.table.caption', { shown: rows.length, total: n }),
        columns: [this.t('loss.iteration'), this.label, this.t('loss.validation')], rows };
    });

    this.frame = new FrameScheduler(() => this.draw(), { minInterval: 66 });
    /** @type {uPlot | null} */
    this.plot = null;
    /** whether the smoothed line is drawn (tests read it as data-smoothed too) */
    this.smoothShown = false;
    this.width = 0;
    this.resizeObserver = observeWidth(this.plotRoot, (width) => { this.width = width; this.resize(); });
    this.createPlot();
    this.draw();
  }

  /** @param {string} label */
  setLabel(label) {
    this.label = label;
    this.createPlot();
    this.frame.request();
  }

  /** @param {boolean} on */
  setLogScale(on) {
    this.logScale = on;
    this.toggle.checked = on;
    this.createPlot();
    this.frame.request();
  }

  clear() {
    this.series.clear();
    this.frame.request();
  }

  /** The kept iterations and their losses as they came (tests read them). */
  get iterations() {
    return this.series.iterations;
  }

  get losses() {
    return this.series.losses;
  }

  /** @param {{losses?: Float32Array, firstIteration?: number, iteration?: number, prediction?: object}} snapshot */
  update(snapshot) {
    const losses = snapshot.losses;
    if (losses && losses.length > 0) this.series.append(losses, snapshot.firstIteration ?? 0);
    // Any prediction that carries a validation loss (the text task's) adds a point when it changes.
    const valLoss = /** @type {{valLoss?: unknown}} */ (snapshot.prediction ?? {}).valLoss;
    if (typeof valLoss === 'number' && Number.isFinite(valLoss) && this.series.length > 0
      && valLoss !== this.series.lastValidation) {
      this.series.appendValidation(snapshot.iteration ?? this.series.lastIteration, valLoss);
    } else if (!losses || losses.length === 0) {
      return;
    }
    this.frame.request();
  }

  /** Number of points currently drawn (tests read it as data-points too). */
  get pointCount() {
    return this.series.length;
  }

  /** @returns {uPlot} */
  createPlot() {
    if (this.plot) this.plot.destroy();
    const width = Math.max(200, this.width || 400);
    const logScale = this.logScale;
    const plot = new uPlot({
      width,
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      scales: {
        x: { time: false },
        // The range is ours (bounded, whole decades on the log axis), never uPlot's own from raw data.
        y: { distr: logScale ? 3 : 1, range: (u, min, max) => axisRange(logScale, min, max) },
      },
      axes: [
        { stroke: PALETTE.muted, grid: { stroke: PALETTE.grid, width: 1 }, ticks: { show: false }, size: 28,
          incrs: INTEGER_STEPS, font: '11px system-ui, sans-serif', label: this.t('loss.iteration'), labelSize: 14, labelFont: '11px system-ui, sans-serif' },
        { stroke: PALETTE.muted, grid: { stroke: PALETTE.grid, width: 1 }, ticks: { show: false }, size: 44,
          font: '11px system-ui, sans-serif', values: (u, splits) => splits.map((v) => (v == null ? '' : tick(v))) },
      ],
      series: [
        {},
        { label: this.label, stroke: PALETTE.accent, width: 1.5,
          points: { show: (u, seriesIndex, first, last) => last - first < DOTS_UP_TO, size: 5, fill: PALETTE.accent } },
        { label: this.t('loss.smoothed'), stroke: PALETTE.ink, width: 1.5, dash: SMOOTH_DASH, points: { show: false } },
        // Measured every valEvery steps: joined across the iterations between, each measurement a dot.
        { label: this.t('loss.validation'), stroke: PALETTE.validation, width: 2, spanGaps: true,
          points: { show: true, size: 6, fill: PALETTE.validation } },
      ],
    }, [[], [], [], []], this.plotRoot);
    this.plot = plot;
    return plot;
  }

  resize() {
    if (!this.plot) return;
    const width = Math.round(this.width);
    if (width > 0 && width !== this.plot.width) this.plot.setSize({ width, height: HEIGHT });
  }

  draw() {
    const plot = this.plot ?? this.createPlot();
    const n = this.series.length;
    this.root.dataset.points = String(n);
    this.empty.hidden = n > 0;
    const smooth = this.series.noisy();
    this.smoothShown = smooth;
    this.root.dataset.smoothed = String(smooth);
    this.legendSmooth.hidden = !smooth;
    plot.setData(this.series.axisData(this.logScale, smooth));
    const validation = this.series.lastValidation;
    this.legendValidation.hidden = !Number.isFinite(validation);
    this.root.dataset.validation = Number.isFinite(validation) ? String(validation) : '';
    setText(this.readout, n > 0
      ? (Number.isFinite(validation)
        ? this.t('loss.readout.validation', { label: this.label, loss: compact(this.losses[n - 1]), validation: compact(validation), iteration: this.iterations[n - 1] })
        : this.t('loss.readout', { label: this.label, loss: compact(this.losses[n - 1]), iteration: this.iterations[n - 1] }))
      : this.label);
    this.table.refresh();
  }

  dispose() {
    this.frame.dispose();
    this.resizeObserver.disconnect();
    this.plot?.destroy();
    this.root.replaceChildren();
  }
}
