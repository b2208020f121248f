// CompareChart: the loss and the held-out accuracy of two or three models in one uPlot chart. Each model has a
// colour (colors.js PALETTE.compare, Okabe-Ito); its loss is the solid line on the left log axis, its held-out
// accuracy the dashed line with a dot per measurement on the right axis (0-100%). A legend above names each
// model with its newest numbers; a table gives the points on request.
//
//   const chart = new CompareChart(root);
//   chart.setModels(['RNN', 'LSTM', 'GRU']);   // a new comparison: the curves start over
//   chart.update(k, snapshot);                  // model k's snapshot (its losses since the last one, its accuracy)
//   chart.clear(k);                             // model k was reset
//
// The data is a CompareSeries (compare-series.js: bounded per model); the chart redraws at most four times a
// second, however many snapshots three workers send.
import uPlot from 'uplot';
import { FrameScheduler } from './frame.js';
import { PALETTE } from './colors.js';
import { compact } from './format.js';
import { el, setText, followPlotWidth } from './dom.js';
import { axisRange } from './loss-series.js';
import { CompareSeries } from './compare-series.js';
import { translatorFor } from '../i18n/i18n.js';
import { DataTable, spread } from './data-table.js';

const HEIGHT = 260;
const TABLE_ROWS = 60;
const ACCURACY_DASH = [6, 4];
/** Up to this many points a loss line also draws a dot per point (a single step shows something). */
const DOTS_UP_TO = 30;
const FONT = '11px system-ui, sans-serif';

/** @param {number} value @returns {string} an axis label: 3 significant digits, a true minus */
function tick(value) {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e5)) return value.toExponential(0).replace('e+', 'e').replace('-', '−');
  return String(Number(value.toPrecision(3))).replace('-', '−');
}

/** @param {number} k @returns {string} model k's colour */
export const modelColor = (k) => PALETTE.compare[k % PALETTE.compare.length];

export class CompareChart {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    /** @type {string[]} */
    this.models = [];
    this.series = new CompareSeries(0);
    root.classList.add('rl-compare-chart');
    root.replaceChildren();
    this.legend = el('ul', 'rl-legend rl-compare-legend');
    this.key = el('p', 'rl-compare-key', this.t('compare.chart.key'));
    this.plotRoot = el('div', 'rl-chart-plot');
    this.empty = el('p', 'rl-empty', this.t('compare.chart.empty'));
    root.append(this.legend, this.key, this.plotRoot, this.empty);
    this.table = new DataTable(root, this.t('table.show'));
    this.table.set(() => this.tableData());
    /** @type {uPlot | null} */
    this.plot = null;
    /** @type {HTMLElement[]} the legend's readouts, per model */
    this.readouts = [];
    this.width = 0;
    this.frame = new FrameScheduler(() => this.draw(), { minInterval: 250 });
    this.resizeObserver = followPlotWidth(this.plotRoot, this, HEIGHT);
  }

  /** @param {string[]} models  their names, in order (the colours follow) */
  setModels(models) {
    this.models = [...models];
    this.series = new CompareSeries(models.length);
    this.readouts = [];
    this.legend.replaceChildren(...models.map((name, k) => {
      const item = el('li', 'rl-compare-legend-item');
      item.dataset.model = String(k);
      const swatch = el('span', 'rl-swatch');
      swatch.style.background = modelColor(k);
      const readout = el('span', 'rl-compare-readout');
      this.readouts.push(readout);
      item.append(swatch, el('strong', '', name), ' ', readout);
      return item;
    }));
    this.createPlot();
    this.frame.request();
  }

  /** @param {number} k @param {Parameters<CompareSeries['append']>[1]} snapshot */
  update(k, snapshot) {
    if (this.series.append(k, snapshot)) this.frame.request();
  }

  /** @param {number} [k]  one model; all when left out */
  clear(k) {
    this.series.clear(k);
    this.frame.request();
  }

  createPlot() {
    this.plot?.destroy();
    const n = this.models.length;
    /** @type {uPlot.Series[]} */
    const lossSeries = this.models.map((name, k) => ({
      label: this.t('compare.series.loss', { model: name }), stroke: modelColor(k), width: 1.5, scale: 'y', spanGaps: true,
      points: { show: (/** @type {uPlot} */ u, /** @type {number} */ _, /** @type {number} */ first, /** @type {number} */ last) => last - first < DOTS_UP_TO, size: 4, fill: modelColor(k) },
    }));
    /** @type {uPlot.Series[]} */
    const accuracySeries = this.models.map((name, k) => ({
      label: this.t('compare.series.accuracy', { model: name }), stroke: modelColor(k), width: 2, dash: ACCURACY_DASH, scale: '%', spanGaps: true,
      points: { show: true, size: 5, fill: '#ffffff', stroke: modelColor(k) },
    }));
    this.plot = new uPlot({
      width: Math.max(200, Math.round(this.width) || 400),
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      scales: {
        x: { time: false },
        y: { distr: 3, range: (u, min, max) => axisRange(true, min, max) },
        '%': { range: [0, 100] },
      },
      axes: [
        { stroke: PALETTE.muted, grid: { stroke: PALETTE.grid, width: 1 }, ticks: { show: false }, size: 28, font: FONT,
          label: this.t('loss.iteration'), labelSize: 14, labelFont: FONT },
        { scale: 'y', stroke: PALETTE.muted, grid: { stroke: PALETTE.grid, width: 1 }, ticks: { show: false }, size: 44, font: FONT,
          label: this.t('compare.axis.loss'), labelSize: 14, labelFont: FONT,
          values: (u, splits) => splits.map((v) => (v == null ? '' : tick(v))) },
        { scale: '%', side: 1, stroke: PALETTE.muted, grid: { show: false }, ticks: { show: false }, size: 40, font: FONT,
          label: this.t('compare.axis.accuracy'), labelSize: 14, labelFont: FONT,
          values: (u, splits) => splits.map((v) => (v == null ? '' : `${v}%`)) },
      ],
      series: [{}, ...lossSeries, ...accuracySeries],
    }, /** @type {uPlot.AlignedData} */ (/** @type {unknown} */ ([[], ...Array.from({ length: 2 * n }, () => [])])), this.plotRoot);
  }

  draw() {
    if (!this.plot) return;
    const data = this.series.axisData(true);
    const n = this.models.length;
    const count = (/** @type {(number | null)[]} */ values) => values.reduce((/** @type {number} */ c, v) => c + (v === null ? 0 : 1), 0);
    const counts = this.models.map((name, k) => ({ model: name, loss: count(data[1 + k]), accuracy: count(data[1 + n + k]) }));
    // For tests and the curious: the points each series holds.
    this.root.dataset.series = JSON.stringify(counts);
    this.empty.hidden = data[0].length > 0;
    this.plot.setData(/** @type {uPlot.AlignedData} */ (/** @type {unknown} */ (data)));
    this.readouts.forEach((readout, k) => {
      const { iteration, loss, accuracy } = this.series.latest(k);
      setText(readout, counts[k].loss === 0 ? this.t('compare.readout.none')
        : Number.isFinite(accuracy)
          ? this.t('compare.readout.accuracy', { iteration, loss: compact(loss), accuracy: (100 * accuracy).toFixed(1) })
          : this.t('compare.readout', { iteration, loss: compact(loss) }));
    });
    this.key.hidden = !this.series.hasAccuracy;
    this.table.refresh();
  }

  /** @returns {import('./data-table.js').TableData | null} */
  tableData() {
    const data = this.series.axisData(false);
    const xs = data[0];
    if (xs.length === 0) return null;
    const n = this.models.length;
    const withAccuracy = this.series.hasAccuracy;
    const rows = spread(xs.length, TABLE_ROWS).map((i) => [String(xs[i]),
      ...data.slice(1, 1 + n).map((values) => (values[i] === null ? '' : compact(/** @type {number} */ (values[i])))),
      ...(withAccuracy ? data.slice(1 + n).map((values) => (values[i] === null ? '' : `${(/** @type {number} */ (values[i])).toFixed(1)}%`)) : [])]);
    return {
      caption: this.t('compare.table.caption', { shown: rows.length, total: xs.length }),
      columns: [this.t('loss.iteration'), ...this.models.map((model) => this.t('compare.series.loss', { model })),
        ...(withAccuracy ? this.models.map((model) => this.t('compare.series.accuracy', { model })) : [])],
      rows,
    };
  }

  dispose() {
    this.frame.dispose();
    this.resizeObserver.disconnect();
    this.plot?.destroy();
    this.root.replaceChildren();
  }
}
