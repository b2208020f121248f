// DigitAccuracy: the held-out accuracy after each epoch of the digits task (the 2,000 images never trained on),
// as a line, with the latest evaluation in words and the numbers (with each epoch's mean training loss) as a table.
//
//   const chart = new DigitAccuracy(root);
//   chart.show(prediction);   // a DigitsPrediction: accuracyPerEpoch, lossPerEpoch, heldOutAccuracy, ...
import uPlot from 'uplot';
import { el, observeWidth, setText } from './dom.js';
import { PALETTE } from './colors.js';
import { fixed } from './format.js';
import { DataTable, spread } from './data-table.js';
import { translatorFor } from '../i18n/i18n.js';

const HEIGHT = 180;

/**
 * The fields of a DigitsPrediction this chart reads (docs/js-api.md).
 * @typedef {{accuracyPerEpoch: Float32Array, lossPerEpoch: Float32Array, heldOutAccuracy: number, heldOutAt: number,
 *   heldOutSize: number, epoch: number}} AccuracyFields
 */

export class DigitAccuracy {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    const t = translatorFor(root);
    this.t = t;
    root.classList.add('rl-digit-accuracy');
    root.replaceChildren();
    this.readout = el('p', 'rl-chart-readout');
    this.plotRoot = el('div', 'rl-chart-plot');
    root.append(this.readout, this.plotRoot);
    this.table = new DataTable(root, t('table.show'));
    this.table.set(() => {
      const p = this.prediction;
      if (!p || p.accuracyPerEpoch.length === 0) return null;
      const rows = spread(p.accuracyPerEpoch.length, 200).map((k) => [String(k + 1), fixed(100 * p.accuracyPerEpoch[k], 2),
        k < p.lossPerEpoch.length ? fixed(p.lossPerEpoch[k], 4) : '—']);
      return { caption: t('digits.accuracy.tableCaption', { size: p.heldOutSize }),
        columns: [t('digits.accuracy.epoch'), t('digits.accuracy.accuracy'), t('digits.accuracy.loss')], rows };
    });
    /** @type {AccuracyFields | null} */
    this.prediction = null;
    this.plot = new uPlot({
      width: 320,
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      scales: { x: { time: false }, y: { range: (u, min, max) => [Math.min(80, Math.floor(min)), 100] } },
      axes: [
        { stroke: PALETTE.muted, grid: { stroke: PALETTE.grid, width: 1 }, ticks: { show: false }, size: 28,
          font: '11px system-ui, sans-serif', label: t('digits.accuracy.epoch'), labelSize: 14, labelFont: '11px system-ui, sans-serif',
          incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500] },
        { stroke: PALETTE.muted, grid: { stroke: PALETTE.grid, width: 1 }, ticks: { show: false }, size: 36,
          font: '11px system-ui, sans-serif', values: (u, values) => values.map((v) => `${v}%`) },
      ],
      series: [{}, { label: t('digits.accuracy.accuracy'), stroke: PALETTE.accent, width: 2, points: { show: true, size: 5 } }],
    }, [[], []], this.plotRoot);
    this.resizeObserver = observeWidth(this.plotRoot, (contentWidth) => {
      const width = Math.round(contentWidth);
      if (width > 0 && width !== this.plot.width) this.plot.setSize({ width, height: HEIGHT });
    });
    this.show(null);
  }

  /** @param {AccuracyFields | null} prediction */
  show(prediction) {
    const previous = this.prediction;
    this.prediction = prediction;
    const epochs = prediction?.accuracyPerEpoch.length ?? 0;
    this.root.dataset.epochs = String(epochs);
    this.root.dataset.heldOut = prediction ? String(prediction.heldOutAccuracy) : '';
    if (!prediction) {
      setText(this.readout, '');
      this.plot.setData([[], []]);
      this.table.refresh();
      return;
    }
    const accuracy = fixed(100 * prediction.heldOutAccuracy, 1);
    setText(this.readout, epochs === 0
      ? this.t('digits.accuracy.before', { accuracy, size: prediction.heldOutSize })
      : this.t('digits.accuracy.after', { accuracy, size: prediction.heldOutSize, epoch: epochs }));
    // The line changes only at the end of an epoch: no new data, no redraw.
    if (previous && previous.accuracyPerEpoch === prediction.accuracyPerEpoch) return;
    if (previous && previous.accuracyPerEpoch.length === epochs && epochs > 0
      && previous.accuracyPerEpoch[epochs - 1] === prediction.accuracyPerEpoch[epochs - 1]) return;
    const x = Array.from({ length: epochs }, (_, k) => k + 1);
    this.plot.setData([x, Array.from(prediction.accuracyPerEpoch, (a) => 100 * a)]);
    this.table.refresh();
  }

  dispose() {
    this.resizeObserver.disconnect();
    this.plot.destroy();
    this.root.replaceChildren();
  }
}
