// GateSaturation: for each layer, one dot per unit of each sigmoid gate (LSTM i, f, o; GRU r, z) at (fraction of
// the text's steps it was left-saturated, < 0.1; fraction right-saturated, > 0.9), as in Karpathy et al.'s
// "Visualizing and Understanding Recurrent Networks" (fig. 3). A gate that is mostly open or closed sits near a
// corner of the triangle; one that switches with the input, near the origin. The numbers as a table on request.
//
//   const plot = new GateSaturation(root);
//   plot.show(saturation);   // Trainer#gateSaturation's list; empty for an RNN
import { el, setText, sizeCanvas } from './dom.js';
import { PALETTE } from './colors.js';
import { fixed } from './format.js';
import { translatorFor } from '../i18n/i18n.js';
import { DataTable } from './data-table.js';

/** @typedef {import('../api/rnnlab.js').GateSaturation} Saturation */

const SIZE = 150;
const PAD = 26;
/** Gate colours: distinct under colour blindness (Okabe-Ito). */
const GATE_COLOURS = /** @type {Record<string, string>} */ ({ i: '#0072b2', f: '#e69f00', o: '#009e73', r: '#0072b2', z: '#e69f00' });

export class GateSaturation {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    root.classList.add('rl-gate-saturation');
    root.replaceChildren();
    this.empty = el('p', 'rl-muted', this.t('inside.gates.empty'));
    this.plots = el('div', 'rl-gate-plots');
    this.legend = el('ul', 'rl-legend');
    root.append(this.empty, this.plots, this.legend);
    /** @type {Saturation[]} */
    this.data = [];
    this.table = new DataTable(root, this.t('table.show'));
    this.table.set(() => this.tableData());
  }

  /** @param {Saturation[]} saturation */
  show(saturation) {
    this.data = saturation;
    this.empty.hidden = saturation.length > 0;
    setText(this.empty, this.t(saturation.length ? 'inside.gates.empty' : 'inside.gates.none'));
    const slots = [...new Set(saturation.map((g) => `${g.layer}:${g.direction}`))];
    const canvases = slots.map((slot) => {
      const [layer, direction] = slot.split(':').map(Number);
      const gates = saturation.filter((g) => g.layer === layer && g.direction === direction);
      const figure = el('figure', 'rl-gate-figure');
      const canvas = el('canvas', 'rl-gate-canvas');
      canvas.setAttribute('role', 'img');
      const name = this.t(direction ? 'inside.gates.layerReverse' : 'inside.gates.layer', { layer: String(layer) });
      canvas.setAttribute('aria-label', `${name}: ${gates.map((g) => this.t('inside.gates.summary', {
        gate: g.gate, left: fixed(mean(g.left) * 100, 0), right: fixed(mean(g.right) * 100, 0) })).join('; ')}`);
      figure.append(canvas, el('figcaption', '', name));
      this.draw(canvas, gates);
      return figure;
    });
    this.plots.replaceChildren(...canvases);
    const names = [...new Set(saturation.map((g) => g.gate))];
    this.legend.replaceChildren(...names.map((gate) => {
      const item = el('li');
      const swatch = el('span', 'rl-legend-swatch');
      swatch.style.background = GATE_COLOURS[gate] ?? PALETTE.ink;
      item.append(swatch, this.t('inside.gates.gate', { gate }));
      return item;
    }));
    this.table.refresh();
  }

  /** @param {HTMLCanvasElement} canvas @param {Saturation[]} gates */
  draw(canvas, gates) {
    const g = sizeCanvas(canvas, SIZE, SIZE);
    const w = SIZE - PAD - 6;
    const x0 = PAD, y0 = SIZE - PAD;
    g.clearRect(0, 0, SIZE, SIZE);
    g.strokeStyle = PALETTE.grid;
    g.beginPath();
    g.moveTo(x0, y0 - w);
    g.lineTo(x0 + w, y0);  // left + right <= 1: the dots stay below this line
    g.stroke();
    g.strokeStyle = PALETTE.muted;
    g.strokeRect(x0, y0 - w, w, w);
    g.fillStyle = PALETTE.muted;
    g.font = '10px system-ui, sans-serif';
    g.fillText(this.t('inside.gates.axisLeft'), x0, SIZE - 6);
    g.save();
    g.translate(10, y0);
    g.rotate(-Math.PI / 2);
    g.fillText(this.t('inside.gates.axisRight'), 0, 0);
    g.restore();
    for (const gate of gates) {
      g.fillStyle = GATE_COLOURS[gate.gate] ?? PALETTE.ink;
      g.globalAlpha = 0.7;
      for (let j = 0; j < gate.left.length; j++) {
        g.beginPath();
        g.arc(x0 + gate.left[j] * w, y0 - gate.right[j] * w, 2.2, 0, 2 * Math.PI);
        g.fill();
      }
      g.globalAlpha = 1;
    }
  }

  /** @returns {import('./data-table.js').TableData | null} */
  tableData() {
    if (this.data.length === 0) return null;
    return {
      caption: this.t('inside.gates.caption'),
      columns: [this.t('inside.gates.column.gate'), this.t('inside.gates.column.left'), this.t('inside.gates.column.right')],
      rows: this.data.map((g) => [
        `${this.t(g.direction ? 'inside.gates.layerReverse' : 'inside.gates.layer', { layer: String(g.layer) })} ${g.gate}`,
        `${fixed(mean(g.left) * 100, 1)}%`, `${fixed(mean(g.right) * 100, 1)}%`]),
    };
  }

  clear() {
    this.show([]);
    setText(this.empty, this.t('inside.gates.empty'));
  }

  dispose() {
    this.root.replaceChildren();
  }
}

/** @param {Float32Array} values @returns {number} */
function mean(values) {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length ? sum / values.length : 0;
}
