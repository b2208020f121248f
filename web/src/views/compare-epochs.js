// CompareEpochs: models trained side by side on a task that counts epochs (the digits task: an RNN by rows, the MLP
// and the CNN), as one table and one chart. The table has a row per model: its parameters, its held-out accuracy
// after each epoch, each epoch's seconds (its steps and its evaluation, measured in its worker) and the latest
// evaluation; the chart draws the held-out accuracy per epoch of every model in its colour (colors.js
// PALETTE.compare), against the epoch or against the training seconds so far (the reader's choice).
//
//   const view = new CompareEpochs(root);
//   view.setModels(['LSTM', 'MLP', 'CNN']);   // a new comparison: the rows and curves start over
//   view.setParameters(k, 203530);            // model k's parameter count (its worker counted them)
//   view.update(k, snapshot);                 // model k's snapshot (snapshot.prediction: accuracyPerEpoch, ...)
//
// What it keeps is each model's latest per-epoch arrays (at most 1,000 epochs: the task's cap); it redraws at
// most four times a second, however many snapshots the workers send.
import uPlot from 'uplot';
import { el, setText, followPlotWidth } from './dom.js';
import { PALETTE } from './colors.js';
import { fixed } from './format.js';
import { FrameScheduler } from './frame.js';
import { DataTable, spread } from './data-table.js';
import { modelColor } from './compare-chart.js';
import { epochsOf, epochAxisData } from './compare-series.js';
import { translatorFor } from '../i18n/i18n.js';

/** @typedef {import('./compare-series.js').EpochRun} EpochRun */

const HEIGHT = 240;
const FONT = '11px system-ui, sans-serif';
/** The table's cells list at most this many epochs (the latest; "…" before them). */
const EPOCHS_LISTED = 6;
const TABLE_ROWS = 200;

let counter = 0;

/** @param {number} n @returns {string} 203530 -> "203,530" */
export function groupDigits(n) {
  return Number.isFinite(n) ? String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : '—';
}

/**
 * The last EPOCHS_LISTED values, formatted, "…" before them when there are more.
 * @param {ArrayLike<number>} values @param {(v: number) => string} format
 */
function listed(values, format) {
  const n = values.length;
  const shown = Array.from({ length: Math.min(n, EPOCHS_LISTED) }, (_, k) => format(values[n - Math.min(n, EPOCHS_LISTED) + k]));
  return (n > EPOCHS_LISTED ? '… ' : '') + shown.join(' · ');
}

export class CompareEpochs {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    const id = `rl-compare-epochs-${++counter}`;
    root.classList.add('rl-compare-epochs');
    root.replaceChildren();
    /** @type {string[]} */
    this.models = [];
    /** @type {{parameters: number, run: EpochRun | null, row: HTMLTableRowElement, cells: HTMLElement[]}[]} */
    this.rows = [];
    /** @type {'epoch' | 'seconds'} */
    this.x = 'epoch';

    // What the table holds, above its scrolling box (a caption inside would scroll out of sight on a phone).
    const about = el('p', 'rl-compare-epochs-about', this.t('compare.epochs.caption'));
    about.id = `${id}-about`;
    this.table = el('table', 'rl-compare-epochs-table');
    this.table.setAttribute('aria-describedby', about.id);
    const headRow = el('tr');
    for (const key of /** @type {const} */ (['compare.epochs.model', 'compare.epochs.parameters', 'compare.epochs.accuracy', 'compare.epochs.seconds', 'compare.epochs.latest'])) {
      const th = el('th', '', this.t(key));
      th.scope = 'col';
      headRow.append(th);
    }
    const head = el('thead');
    head.append(headRow);
    this.body = el('tbody');
    this.table.append(head, this.body);
    // A wide table scrolls in its box on a narrow screen (the keyboard can reach and scroll it).
    const scroller = el('div', 'rl-compare-epochs-scroll');
    scroller.tabIndex = 0;
    scroller.setAttribute('role', 'region');
    scroller.setAttribute('aria-label', this.t('compare.epochs.title'));
    scroller.append(this.table);

    const axis = el('fieldset', 'rl-compare-epochs-axis');
    axis.append(el('legend', '', this.t('compare.epochs.xAxis')));
    for (const value of /** @type {const} */ (['epoch', 'seconds'])) {
      const label = el('label', 'rl-compare-epochs-choice');
      const input = el('input');
      input.type = 'radio';
      input.name = `${id}-x`;
      input.value = value;
      input.checked = value === this.x;
      input.addEventListener('change', () => {
        if (!input.checked) return;
        this.x = value;
        this.createPlot();
        this.frame.request();
      });
      const text = this.t(value === 'epoch' ? 'compare.epochs.byEpoch' : 'compare.epochs.bySeconds');
      label.append(input, el('span', '', text));
      axis.append(label);
    }
    this.readout = el('p', 'rl-chart-readout');
    this.plotRoot = el('div', 'rl-chart-plot');
    this.empty = el('p', 'rl-empty', this.t('compare.epochs.empty'));
    root.append(about, scroller, axis, this.readout, this.plotRoot, this.empty);
    this.points = new DataTable(root, this.t('table.show'));
    this.points.set(() => this.pointsData());
    /** @type {uPlot | null} */
    this.plot = null;
    this.width = 0;
    this.frame = new FrameScheduler(() => this.draw(), { minInterval: 250 });
    this.resizeObserver = followPlotWidth(this.plotRoot, this, HEIGHT);
  }

  /** @param {string[]} models  their names, in order (the colours follow) */
  setModels(models) {
    this.models = [...models];
    this.rows = models.map((name, k) => {
      const row = el('tr');
      row.dataset.model = String(k);
      const header = el('th');
      header.scope = 'row';
      const swatch = el('span', 'rl-swatch');
      swatch.style.background = modelColor(k);
      header.append(swatch, name);
      const cells = [el('td', 'rl-num'), el('td'), el('td'), el('td')];
      row.append(header, ...cells);
      return { parameters: NaN, run: null, row, cells };
    });
    this.body.replaceChildren(...this.rows.map((r) => r.row));
    this.createPlot();
    this.frame.request();
  }

  /** @param {number} k @param {number} count */
  setParameters(k, count) {
    const row = this.rows[k];
    if (!row) return;
    row.parameters = count;
    this.frame.request();
  }

  /** @param {number} k @param {{prediction?: unknown}} snapshot */
  update(k, snapshot) {
    const row = this.rows[k];
    const run = epochsOf(snapshot.prediction);
    if (!row || !run) return;
    row.run = run;
    this.frame.request();
  }

  createPlot() {
    this.plot?.destroy();
    const t = this.t;
    const bySeconds = this.x === 'seconds';
    this.plot = new uPlot({
      width: Math.max(200, Math.round(this.width) || 400),
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      scales: {
        // by seconds from 0, where every model started, so their speeds compare at a glance
        x: bySeconds ? { time: false, range: (u, min, max) => [0, Number.isFinite(max) && max > 0 ? max * 1.03 : 1] } : { time: false },
        y: { range: (u, min, max) => [Math.max(0, Math.min(80, Math.floor(Number.isFinite(min) ? min : 80))), 100] },
      },
      axes: [
        { stroke: PALETTE.muted, grid: { stroke: PALETTE.grid, width: 1 }, ticks: { show: false }, size: 28, font: FONT,
          label: t(bySeconds ? 'compare.epochs.axis.seconds' : 'compare.epochs.axis.epoch'), labelSize: 14, labelFont: FONT,
          ...(bySeconds ? {} : { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500] }) },
        { stroke: PALETTE.muted, grid: { stroke: PALETTE.grid, width: 1 }, ticks: { show: false }, size: 40, font: FONT,
          label: t('compare.axis.accuracy'), labelSize: 14, labelFont: FONT,
          values: (u, splits) => splits.map((v) => (v == null ? '' : `${v}%`)) },
      ],
      series: [{}, ...this.models.map((model, k) => ({
        label: t('compare.series.accuracy', { model }), stroke: modelColor(k), width: 2, spanGaps: true,
        points: { show: true, size: 6, fill: modelColor(k) },
      }))],
    }, /** @type {uPlot.AlignedData} */ (/** @type {unknown} */ ([[], ...this.models.map(() => [])])), this.plotRoot);
  }

  draw() {
    const t = this.t;
    this.rows.forEach(({ parameters, run, row, cells }) => {
      const [params, accuracy, seconds, latest] = cells;
      setText(params, groupDigits(parameters));
      row.dataset.parameters = Number.isFinite(parameters) ? String(parameters) : '';
      const epochs = run ? run.accuracy.length : 0;
      setText(accuracy, run && epochs > 0 ? listed(run.accuracy, (v) => fixed(100 * v, 1)) : '—');
      setText(seconds, run && run.seconds.length > 0 ? listed(run.seconds, (v) => fixed(v, 1)) : '—');
      setText(latest, !run || !Number.isFinite(run.latest) ? '—'
        // float32, as the per-epoch list holds it, so the two cells round alike
        : t(run.epoch > 0 ? 'compare.epochs.latestAfter' : 'compare.epochs.latestBefore', { accuracy: fixed(100 * Math.fround(run.latest), 1), epoch: run.epoch }));
      // For tests and the curious: the numbers as the worker sent them.
      row.dataset.accuracy = run ? JSON.stringify(Array.from(run.accuracy)) : '[]';
      row.dataset.seconds = run ? JSON.stringify(Array.from(run.seconds)) : '[]';
      row.dataset.latest = run && Number.isFinite(run.latest) ? String(run.latest) : '';
    });
    const data = epochAxisData(this.rows.map((r) => r.run), this.x);
    this.empty.hidden = data[0].length > 0;
    this.root.dataset.points = String(data[0].length);
    this.plot?.setData(/** @type {uPlot.AlignedData} */ (/** @type {unknown} */ (data)));
    // The best model so far, in words (the chart's gist for a reader who cannot see it).
    const best = this.rows.map((r, k) => ({ k, accuracy: r.run && r.run.accuracy.length > 0 ? r.run.accuracy[r.run.accuracy.length - 1] : NaN }))
      .filter((r) => Number.isFinite(r.accuracy)).sort((a, b) => b.accuracy - a.accuracy)[0];
    setText(this.readout, best ? t('compare.epochs.best', { model: this.models[best.k], accuracy: fixed(100 * best.accuracy, 1) }) : '');
    this.points.refresh();
  }

  /** @returns {import('./data-table.js').TableData | null} */
  pointsData() {
    const data = epochAxisData(this.rows.map((r) => r.run), this.x);
    const xs = data[0];
    if (xs.length === 0) return null;
    const rows = spread(xs.length, TABLE_ROWS).map((i) => [this.x === 'epoch' ? String(xs[i]) : fixed(xs[i], 1),
      ...data.slice(1).map((values) => (values[i] === null ? '' : `${fixed(/** @type {number} */ (values[i]), 1)}%`))]);
    return {
      caption: this.t('compare.epochs.pointsCaption'),
      columns: [this.t(this.x === 'epoch' ? 'compare.epochs.axis.epoch' : 'compare.epochs.axis.seconds'),
        ...this.models.map((model) => this.t('compare.series.accuracy', { model }))],
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
