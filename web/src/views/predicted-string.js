// PredictedString: for a text task, the input, the target and the model's predicted string, one column per
// position, each predicted character marked right or wrong. Whitespace is drawn visibly ('␣').
// A long text (more than COMPACT_FROM characters) is drawn compact: the columns stay in one strip that scrolls
// sideways in a fixed height, with smaller boxes, and the summary gives the score without repeating the string;
// a text of 500 characters is then three scrollable rows, not a wall of 1,500 boxes.
//
//   const view = new PredictedString(root);
//   view.update(snapshot);    // uses snapshot.prediction (a SeqPrediction)
import { FrameScheduler } from './frame.js';
import { visibleChar } from './format.js';
import { el } from './dom.js';
import { translatorFor } from '../i18n/i18n.js';

/** @typedef {import('../api/rnnlab.js').SeqPrediction} SeqPrediction */

/** Texts longer than this are drawn compact (one scrollable strip). */
export const COMPACT_FROM = 40;

export class PredictedString {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    /** @type {SeqPrediction | null} */
    this.prediction = null;
    /** @type {string | null} the strings the grid shows now */
    this.shownKey = null;
    root.classList.add('rl-predicted');
    root.replaceChildren();
    this.summary = el('p', 'rl-predicted-summary');
    this.summary.setAttribute('aria-live', 'polite');
    this.grid = el('div', 'rl-predicted-grid');
    root.append(this.summary, this.grid);
    this.frame = new FrameScheduler(() => this.draw());
  }

  /** @param {{prediction?: import('../api/rnnlab.js').Prediction}} snapshot */
  update(snapshot) {
    const prediction = snapshot?.prediction;
    if (!prediction || prediction.task !== 'seq') return;
    this.prediction = prediction;
    this.frame.request();
  }

  clear() {
    this.prediction = null;
    this.shownKey = null;
    this.frame.request();
  }

  draw() {
    const p = this.prediction;
    if (!p) {
      this.grid.replaceChildren();
      this.summary.textContent = '';
      this.root.dataset.predicted = '';
      return;
    }
    // Rebuild only when something visible changed: a long run repeats the same string many times.
    const key = `${p.input}\u0000${p.target}\u0000${p.predicted}`;
    if (key === this.shownKey) return;
    this.shownKey = key;

    const input = Array.from(p.input);
    const target = Array.from(p.target);
    const predicted = Array.from(p.predicted);
    const trained = predicted.length > 0;
    const compact = target.length > COMPACT_FROM;
    this.root.dataset.predicted = p.predicted;
    this.root.dataset.compact = String(compact);
    this.grid.classList.toggle('rl-predicted-compact', compact);
    if (compact) this.grid.tabIndex = 0;  // a scrollable region is reachable from the keyboard
    else this.grid.removeAttribute('tabindex');

    const columns = [];
    const legend = el('div', 'rl-pos rl-pos-legend');
    legend.append(el('span', 'rl-pos-in', this.t('predicted.input')), el('span', 'rl-pos-target', this.t('predicted.target')),
      el('span', 'rl-pos-out', this.t('predicted.predicted')));
    columns.push(legend);
    for (let t = 0; t < target.length; ++t) {
      const column = el('div', 'rl-pos');
      const right = trained && p.correct[t] === 1;
      column.append(
        el('span', 'rl-pos-in rl-char', visibleChar(input[t] ?? '')),
        el('span', 'rl-pos-target rl-char', visibleChar(target[t])),
      );
      const out = el('span', `rl-pos-out rl-char ${trained ? (right ? 'rl-right' : 'rl-wrong') : 'rl-unknown'}`,
        trained ? visibleChar(predicted[t]) : '·');
      if (trained) {
        out.title = this.t(right ? 'predicted.right' : 'predicted.wrong',
          { step: t + 1, predicted: visibleChar(predicted[t]), target: visibleChar(target[t]) });
      }
      column.append(out);
      columns.push(column);
    }
    this.grid.replaceChildren(...columns);

    if (!trained) {
      this.summary.textContent = this.t('predicted.untrained');
      this.summary.className = 'rl-predicted-summary';
    } else {
      const rightCount = p.correct.reduce((sum, c) => sum + c, 0);
      const all = rightCount === target.length;
      this.summary.className = `rl-predicted-summary ${all ? 'rl-all-right' : ''}`;
      this.summary.replaceChildren(
        el('span', 'rl-predicted-label', compact ? this.t('predicted.label') : `${this.t('predicted.label')} `),
        compact ? '' : el('strong', 'rl-predicted-text', predicted.map(visibleChar).join('')),
        el('span', 'rl-predicted-score', ` ${all ? this.t('predicted.allRight') : this.t('predicted.score', { right: rightCount, total: target.length })}`),
        compact ? el('span', 'rl-predicted-hint', ` ${this.t('predicted.scrollHint')}`) : '',
      );
    }
  }

  dispose() {
    this.frame.dispose();
    this.root.replaceChildren();
  }
}
