// CompareGradients: the gradient through time of two or three models, stacked, on one log axis. Each model gets
// the page's own GradientBars (|dL/dh_t| as bars, ||dh_T/dh_t|| as a line), headed by its name in its colour;
// after every trace the stack's axis is the union of the decades each model needs (GradientBars.decades), so a
// bar's height means the same in every row. A summary line reads the ends out: "RNN ‖dh_T/dh_1‖ = 2e−81 ·
// GRU 5.0", the lesson in one line.
//
//   const stack = new CompareGradients(root);
//   stack.setModels(['RNN', 'LSTM', 'GRU']);
//   stack.update(k, snapshot);    // model k's trace (snapshot.trace; null before its first step)
import { GradientBars } from './gradient-bars.js';
import { modelColor } from './compare-chart.js';
import { compact } from './format.js';
import { el, setText } from './dom.js';
import { FrameScheduler } from './frame.js';
import { translatorFor } from '../i18n/i18n.js';

/** @typedef {import('../api/rnnlab.js').Trace} Trace */

export class CompareGradients {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    root.classList.add('rl-compare-gradients');
    root.replaceChildren();
    this.summary = el('ul', 'rl-compare-grad-summary');
    this.summary.setAttribute('aria-live', 'polite');
    this.stack = el('div', 'rl-compare-grad-stack');
    root.append(this.summary, this.stack);
    /** @type {{name: string, bars: GradientBars, trace: Trace | null, item: HTMLElement, section: HTMLElement}[]} */
    this.rows = [];
    this.frame = new FrameScheduler(() => this.draw(), { minInterval: 250 });
  }

  /** @param {string[]} models */
  setModels(models) {
    for (const row of this.rows) row.bars.dispose();
    this.stack.replaceChildren();
    this.rows = models.map((name, k) => {
      const section = el('section', 'rl-compare-grad-row');
      const heading = el('h4', 'rl-compare-grad-name');
      const swatch = el('span', 'rl-swatch');
      swatch.style.background = modelColor(k);
      heading.append(swatch, name);
      const body = el('div');
      section.append(heading, body);
      section.dataset.model = String(k);
      // In the document before the bars are built: they take their words from the language around them.
      this.stack.append(section);
      return { name, bars: new GradientBars(body), trace: null, item: el('li'), section };
    });
    this.summary.replaceChildren(...this.rows.map((row) => row.item));
    this.frame.request();
  }

  /** @param {number} k @param {{trace?: Trace | null, gradNorm?: number}} snapshot */
  update(k, snapshot) {
    const row = this.rows[k];
    if (!row || snapshot.trace === undefined) return;
    row.trace = snapshot.trace;
    row.bars.update(snapshot);
    this.frame.request();
  }

  /** @param {number} k @param {number} clip */
  setClip(k, clip) {
    this.rows[k]?.bars.setClip(clip);
  }

  /** @param {number} [k] */
  clear(k) {
    for (const [j, row] of this.rows.entries()) {
      if (k !== undefined && j !== k) continue;
      row.trace = null;
      row.bars.clear();
    }
    this.frame.request();
  }

  draw() {
    // The shared axis: the union of what each model needs.
    /** @type {[number, number] | null} */
    let shared = null;
    for (const row of this.rows) {
      const decades = row.bars.decades();
      if (decades) shared = shared ? [Math.min(shared[0], decades[0]), Math.max(shared[1], decades[1])] : decades;
    }
    for (const row of this.rows) row.bars.setSharedDecades(shared);
    this.root.dataset.decades = shared ? shared.join(',') : '';
    for (const row of this.rows) {
      const layer = row.trace?.layers[0];
      if (!layer?.dhNorm) {
        setText(row.item, this.t('compare.grad.none', { model: row.name }));
        continue;
      }
      const dh = compact(layer.dhNorm[0]);
      const jacobian = layer.jacobianNorm?.[0];
      setText(row.item, jacobian !== undefined
        ? this.t('compare.grad.first.jacobian', { model: row.name, jacobian: compact(jacobian), dh })
        : this.t('compare.grad.first', { model: row.name, dh }));
    }
  }

  dispose() {
    this.frame.dispose();
    for (const row of this.rows) row.bars.dispose();
    this.root.replaceChildren();
  }
}
