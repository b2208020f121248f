// SinePlot: for the sine task, the true next points, the model's one-step predictions (each from the true
// previous point) and its autoregressive generation (each prediction fed back in), redrawn as it trains.
//
//   const plot = new SinePlot(root);
//   plot.update(snapshot);   // uses snapshot.prediction (a SinePrediction)
import uPlot from 'uplot';
import { FrameScheduler } from './frame.js';
import { PALETTE } from './colors.js';
import { compact, fixed } from './format.js';
import { el, observeWidth, setText } from './dom.js';
import { translatorFor } from '../i18n/i18n.js';
import { DataTable, spread } from './data-table.js';

/** @typedef {import('../api/rnnlab.js').SinePrediction} SinePrediction */

const HEIGHT = 220;

/** @type {{key: string, label: import('../i18n/i18n.js').MessageKey, color: string, width: number, dash: number[] | undefined}[]} */
const SERIES = [
  { key: 'truth', label: 'sine.truth', color: PALETTE.truth, width: 4, dash: undefined },
  { key: 'oneStep', label: 'sine.oneStep', color: PALETTE.oneStep, width: 1.5, dash: [5, 4] },
  { key: 'generation', label: 'sine.generation', color: PALETTE.generation, width: 2, dash: undefined },
];

export class SinePlot {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    const t = translatorFor(root);
    this.t = t;
    /** @type {SinePrediction | null} */
    this.prediction = null;
    root.classList.add('rl-sine-plot');
    root.replaceChildren();
    const legend = el('ul', 'rl-legend');
    for (const s of SERIES) {
      const item = el('li', `rl-legend-${s.key}`);
      const swatch = el('span', 'rl-swatch');
      swatch.style.background = s.color;
      if (s.dash) swatch.classList.add('rl-swatch-dashed');
      item.append(swatch, t(s.label));
      legend.append(item);
    }
    this.readout = el('p', 'rl-chart-readout');
    this.plotRoot = el('div', 'rl-chart-plot');
    root.append(legend, this.plotRoot, this.readout);
    // The curves as a table, on request: up to 60 points spread over the sequence.
    this.table = new DataTable(root, t('table.show'));
    this.table.set(() => {
      const p = this.prediction;
      if (!p || p.time.length === 0) return null;
      const rows = spread(p.time.length, 60).map((k) => [fixed(p.time[k], 3), fixed(p.truth[k], 3), fixed(p.oneStep[k], 3),
        k < p.generation.length ? fixed(p.generation[k], 3) : '—']);
      return { caption: this.t('sine.table.caption', { shown: rows.length, total: p.time.length }),
        columns: [t('sine.xAxis'), ...SERIES.map((s) => t(s.label))], rows };
    });

    this.plot = new uPlot({
      width: 400,
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 5 } },
      scales: { x: { time: false }, y: { range: (u, min, max) => [Math.min(-1.25, min), Math.max(1.25, max)] } },
      axes: [
        { stroke: PALETTE.muted, grid: { stroke: PALETTE.grid, width: 1 }, ticks: { show: false }, size: 28,
          font: '11px system-ui, sans-serif', label: t('sine.xAxis'), labelSize: 14, labelFont: '11px system-ui, sans-serif' },
        { stroke: PALETTE.muted, grid: { stroke: PALETTE.grid, width: 1 }, ticks: { show: false }, size: 36,
          font: '11px system-ui, sans-serif' },
      ],
      series: [{}, ...SERIES.map((s) => ({ label: t(s.label), stroke: s.color, width: s.width, dash: s.dash,
        points: { show: false } }))],
    }, [[], [], [], []], this.plotRoot);
    this.resizeObserver = observeWidth(this.plotRoot, (contentWidth) => {
      const width = Math.round(contentWidth);
      if (width > 0 && width !== this.plot.width) this.plot.setSize({ width, height: HEIGHT });
    });
    this.frame = new FrameScheduler(() => this.draw(), { minInterval: 66 });
    this.frame.request();
  }

  /** @param {{prediction?: import('../api/rnnlab.js').Prediction}} snapshot */
  update(snapshot) {
    const prediction = snapshot?.prediction;
    if (!prediction || prediction.task !== 'sine') return;
    this.prediction = prediction;
    this.frame.request();
  }

  clear() {
    this.prediction = null;
    this.frame.request();
  }

  draw() {
    const p = this.prediction;
    this.root.dataset.generationPoints = String(p?.generation?.length ?? 0);
    if (!p) {
      this.plot.setData([[], [], [], []]);
      this.readout.textContent = this.t('sine.empty');
      this.table.refresh();
      return;
    }
    const time = Array.from(p.time);
    this.plot.setData([time, Array.from(p.truth), Array.from(p.oneStep), Array.from(p.generation)]);
    const mse = Number.isFinite(p.generationMse) ? compact(p.generationMse) : '—';
    setText(this.readout, this.t('sine.readout', { mse, start: p.start }));
    this.table.refresh();
  }

  dispose() {
    this.frame.dispose();
    this.resizeObserver.disconnect();
    this.plot.destroy();
    this.root.replaceChildren();
  }
}
