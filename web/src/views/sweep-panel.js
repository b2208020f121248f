// SweepPanel: the sweep over the remember task's length T. Its settings (the lengths, the steps of each run), a
// Run / Stop button, a progress line, the chart of held-out accuracy against T with one line per model (each
// point moves as its run trains, and stays once the run is done) and chance as a dotted line, a table on
// request, and the figure as PNG and the numbers as CSV.
//
//   const panel = new SweepPanel(root);
//   panel.setModels(['RNN', 'LSTM', 'GRU'], [5, 10, 20, 30, 50], 1 / 8);
//   panel.setCell(t, k, {accuracy, ...});   // a run's newest numbers (t: the length's index, k: the model's)
//   panel.download(blob, name);
// Events (bubbling): 'sweep-run' {lengths, steps} (texts, as typed), 'sweep-stop', 'sweep-export' {format: 'png' | 'csv'}.
import uPlot from 'uplot';
import { FrameScheduler } from './frame.js';
import { PALETTE } from './colors.js';
import { modelColor } from './compare-chart.js';
import { el, setText, followPlotWidth } from './dom.js';
import { DataTable } from './data-table.js';
import { translatorFor } from '../i18n/i18n.js';

const HEIGHT = 240;
const FONT = '11px system-ui, sans-serif';

/**
 * One run of the sweep, as far as it got.
 * @typedef {{state: 'waiting' | 'running' | 'done' | 'failed', steps: number, accuracy: number, at: number,
 *   loss: number, jacobianFirst: number}} SweepCell
 */

/** @returns {SweepCell} */
export const emptyCell = () => ({ state: 'waiting', steps: 0, accuracy: NaN, at: 0, loss: NaN, jacobianFirst: NaN });

let counter = 0;

export class SweepPanel {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    const id = `rl-sweep-${++counter}`;
    root.classList.add('rl-sweep');
    root.replaceChildren();
    const heading = el('h3', 'rl-compare-heading', this.t('sweep.title'));
    this.intro = el('p', 'rl-sweep-intro', this.t('sweep.intro'));
    const form = el('form', 'rl-sweep-form');
    form.noValidate = true;
    /** @param {string} name @param {import('../i18n/i18n.js').MessageKey} key @param {string} type */
    const field = (name, key, type) => {
      const label = el('label', 'rl-sweep-field');
      const input = el('input');
      input.id = `${id}-${name}`;
      input.type = type;
      input.name = name;
      input.spellcheck = false;
      label.htmlFor = input.id;
      label.append(el('span', '', this.t(key)), input);
      form.append(label);
      return input;
    };
    this.lengthsInput = field('lengths', 'sweep.lengths', 'text');
    this.stepsInput = field('steps', 'sweep.steps', 'text');
    this.stepsInput.inputMode = 'numeric';
    this.runButton = el('button', 'rl-button rl-primary', this.t('sweep.run'));
    this.runButton.type = 'submit';
    form.append(this.runButton);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.running) this.emit('sweep-stop', {});
      else this.emit('sweep-run', { lengths: this.lengthsInput.value, steps: this.stepsInput.value });
    });
    this.progress = el('p', 'rl-sweep-progress');
    this.progress.setAttribute('role', 'status');
    this.messages = el('div', 'rl-sweep-messages');
    this.legend = el('ul', 'rl-legend rl-compare-legend');
    this.plotRoot = el('div', 'rl-chart-plot');
    const exports = el('div', 'rl-sweep-exports');
    this.pngButton = el('button', 'rl-button', this.t('sweep.png'));
    this.csvButton = el('button', 'rl-button', this.t('sweep.csv'));
    for (const [button, format] of /** @type {const} */ ([[this.pngButton, 'png'], [this.csvButton, 'csv']])) {
      button.type = 'button';
      button.dataset.format = format;
      button.addEventListener('click', () => this.emit('sweep-export', { format }));
      exports.append(button);
    }
    root.append(heading, this.intro, form, this.progress, this.messages, this.legend, this.plotRoot, exports);
    this.table = new DataTable(root, this.t('table.show'));
    this.table.set(() => this.tableData());

    /** @type {string[]} */ this.models = [];
    /** @type {number[]} */ this.lengths = [];
    this.chance = NaN;
    this.stepsPerRun = 0;
    /** @type {SweepCell[][]} [length][model] */
    this.cells = [];
    this.running = false;
    /** @type {uPlot | null} */
    this.plot = null;
    this.width = 0;
    this.frame = new FrameScheduler(() => this.draw(), { minInterval: 250 });
    this.resizeObserver = followPlotWidth(this.plotRoot, this, HEIGHT);
  }

  /** @param {string} type @param {object} detail */
  emit(type, detail) {
    this.root.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** @param {string} lengths @param {string} steps  the fields' texts */
  setFields(lengths, steps) {
    this.lengthsInput.value = lengths;
    this.stepsInput.value = steps;
  }

  /**
   * A new sweep (or a new list of models): every point starts empty.
   * @param {string[]} models @param {number[]} lengths @param {number} chance  1 / symbols @param {number} steps
   */
  setModels(models, lengths, chance, steps) {
    this.models = [...models];
    this.lengths = [...lengths];
    this.chance = chance;
    this.stepsPerRun = steps;
    this.cells = lengths.map(() => models.map(emptyCell));
    this.legend.replaceChildren(...models.map((name, k) => {
      const item = el('li');
      const swatch = el('span', 'rl-swatch');
      swatch.style.background = modelColor(k);
      item.append(swatch, name);
      return item;
    }), this.chanceLegend());
    this.createPlot();
    this.frame.request();
  }

  chanceLegend() {
    const item = el('li');
    const swatch = el('span', 'rl-swatch rl-swatch-dashed');
    swatch.style.color = PALETTE.truth;
    item.append(swatch, this.t('sweep.chance'));
    return item;
  }

  /** @param {number} t @param {number} k @param {Partial<SweepCell>} values */
  setCell(t, k, values) {
    const cell = this.cells[t]?.[k];
    if (!cell) return;
    Object.assign(cell, values);
    this.frame.request();
  }

  /** @param {boolean} running */
  setRunning(running) {
    this.running = running;
    setText(this.runButton, this.t(running ? 'sweep.stop' : 'sweep.run'));
    this.root.dataset.running = String(running);
    this.frame.request();
  }

  /** @param {boolean} invalid */
  markInvalid(invalid, /** @type {'lengths' | 'steps' | null} */ which = null) {
    for (const [input, name] of /** @type {const} */ ([[this.lengthsInput, 'lengths'], [this.stepsInput, 'steps']])) {
      if (invalid && (which === null || which === name)) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }

  createPlot() {
    this.plot?.destroy();
    const lengths = this.lengths;
    this.plot = new uPlot({
      width: Math.max(200, Math.round(this.width) || 400),
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 7 } },
      scales: {
        x: { time: false, range: (u, min, max) => [Math.max(0, (min ?? 0) - 2), (max ?? 10) + 2] },
        '%': { range: [0, 100] },
      },
      axes: [
        { stroke: PALETTE.muted, grid: { stroke: PALETTE.grid, width: 1 }, ticks: { show: false }, size: 28, font: FONT,
          label: this.t('sweep.axis.length'), labelSize: 14, labelFont: FONT,
          splits: () => lengths, values: (u, splits) => splits.map((v) => String(v)) },
        { scale: '%', stroke: PALETTE.muted, grid: { stroke: PALETTE.grid, width: 1 }, ticks: { show: false }, size: 44, font: FONT,
          label: this.t('sweep.axis.accuracy'), labelSize: 14, labelFont: FONT, values: (u, splits) => splits.map((v) => `${v}%`) },
      ],
      series: [{},
        ...this.models.map((name, k) => ({ label: name, stroke: modelColor(k), width: 2, scale: '%', spanGaps: true,
          points: { show: true, size: 8, fill: modelColor(k) } })),
        { label: this.t('sweep.chance'), stroke: PALETTE.truth, width: 1.5, dash: [2, 4], scale: '%', points: { show: false } }],
    }, /** @type {uPlot.AlignedData} */ (/** @type {unknown} */ (this.axisData())), this.plotRoot);
  }

  /** [lengths, accuracy % per model (null before its first measurement), chance %] */
  axisData() {
    return [this.lengths,
      ...this.models.map((_, k) => this.cells.map((row) => (Number.isFinite(row[k].accuracy) ? 100 * row[k].accuracy : null))),
      this.lengths.map(() => 100 * this.chance)];
  }

  draw() {
    if (!this.plot) return;
    this.plot.setData(/** @type {uPlot.AlignedData} */ (/** @type {unknown} */ (this.axisData())));
    const all = this.cells.flat();
    const done = all.filter((cell) => cell.state === 'done' || cell.state === 'failed').length;
    const running = all.filter((cell) => cell.state === 'running').length;
    this.root.dataset.done = String(done);
    this.root.dataset.total = String(all.length);
    setText(this.progress, all.length === 0 ? '' : this.running
      ? this.t('sweep.progress', { done, total: all.length, running })
      : done === all.length ? this.t('sweep.finished', { total: all.length, steps: this.stepsPerRun })
        : done > 0 ? this.t('sweep.stopped', { done, total: all.length }) : '');
    this.pngButton.disabled = done === 0;
    this.csvButton.disabled = done === 0;
    this.table.refresh();
  }

  /** @returns {import('./data-table.js').TableData | null} */
  tableData() {
    if (this.cells.length === 0) return null;
    return {
      caption: this.t('sweep.table.caption', { steps: this.stepsPerRun }),
      columns: [this.t('sweep.axis.length'), ...this.models],
      rows: this.cells.map((row, t) => [String(this.lengths[t]),
        ...row.map((cell) => (Number.isFinite(cell.accuracy) ? `${(100 * cell.accuracy).toFixed(1)}%${cell.state === 'running' ? '…' : ''}` : ''))]),
    };
  }

  /**
   * The figure for a slide: a title, the legend and the chart, on white (uPlot's canvas alone has no words).
   * @param {string} title
   * @returns {HTMLCanvasElement | null}
   */
  figure(title) {
    const source = this.plot?.ctx.canvas;
    if (!source) return null;
    const ratio = source.width / Math.max(1, this.plot?.width ?? source.width);
    const top = Math.round(56 * ratio);
    const canvas = el('canvas');
    canvas.width = source.width + Math.round(24 * ratio);
    canvas.height = source.height + top + Math.round(12 * ratio);
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.scale(ratio, ratio);
    context.fillStyle = PALETTE.ink;
    context.font = '600 14px system-ui, sans-serif';
    context.textBaseline = 'top';
    context.fillText(title, 12, 10);
    context.font = '12px system-ui, sans-serif';
    let x = 12;
    const names = [...this.models.map((name, k) => ({ name, color: modelColor(k), dash: false })),
      { name: this.t('sweep.chance'), color: PALETTE.truth, dash: true }];
    for (const { name, color, dash } of names) {
      context.strokeStyle = color;
      context.lineWidth = 2.5;
      context.setLineDash(dash ? [2, 3] : []);
      context.beginPath();
      context.moveTo(x, 38);
      context.lineTo(x + 18, 38);
      context.stroke();
      context.fillStyle = PALETTE.ink;
      context.fillText(name, x + 24, 31);
      x += 24 + context.measureText(name).width + 18;
    }
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.drawImage(source, Math.round(12 * ratio), top);
    return canvas;
  }

  /** @param {Blob} blob @param {string} name */
  download(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = el('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    this.root.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  dispose() {
    this.frame.dispose();
    this.resizeObserver.disconnect();
    this.plot?.destroy();
    this.root.replaceChildren();
  }
}
