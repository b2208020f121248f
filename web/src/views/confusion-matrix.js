// ConfusionMatrix: which class the model gives each held-out image, as a table that is its own heat map: one row per
// true class, one column per answer, each cell the number of images. The diagonal (right) is teal, deeper for a
// class answered right more often; the rest (wrong) is vermillion, deeper for a larger share of the row. Each
// non-empty wrong cell is a button: it picks those images in the misclassified grid.
//
//   const matrix = new ConfusionMatrix(root);
//   matrix.show(confusion, classes);      // Int32Array (K * K), confusion[true * K + predicted]
//   root.addEventListener('confusion-select', (e) => e.detail);   // {label, predicted}
import { el, setText } from './dom.js';
import { confusionStats } from './digit-pixels.js';
import { sequential } from './colors.js';
import { translatorFor } from '../i18n/i18n.js';

/** Vermillion (PALETTE.wrong) mixed into the page's white by `t`, at most 0.6: dark ink on it stays above 4.5:1. */
const WRONG = [213, 94, 0];
const GROUND = [255, 255, 255];
/** @param {number} t in [0, 1] @returns {string} a CSS colour */
export function wrongColour(t) {
  const s = 0.6 * Math.max(0, Math.min(1, t));
  return `rgb(${WRONG.map((c, k) => Math.round(GROUND[k] + (c - GROUND[k]) * s)).join(',')})`;
}

/**
 * The colour of a right cell for the share of its class answered right, and whether its text is white. Below 0.6
 * the teal stays light (dark text), from 0.6 it is deep (white text): no shade in between where neither reads at
 * 4.5:1.
 * @param {number} share
 */
export function rightColour(share) {
  if (!(share >= 0.6)) return { background: sequential(0.9 * Math.max(0, share || 0)), light: false };
  return { background: sequential(0.8 + (0.2 * (share - 0.6)) / 0.4), light: true };
}

export class ConfusionMatrix {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    root.classList.add('rl-confusion');
    root.replaceChildren();
    this.summary = el('p', 'rl-confusion-summary');
    const scroller = el('div', 'rl-confusion-scroll');
    this.table = el('table', 'rl-confusion-table');
    scroller.append(this.table);
    root.append(this.summary, scroller);
    /** @type {{label: number, predicted: number} | null} */
    this.selected = null;
    /** what the table shows (counts, names, iteration, language): a snapshot between two evaluations rebuilds nothing */
    this.shown = '';
  }

  /**
   * @param {ArrayLike<number> | null} confusion  (K * K)
   * @param {readonly string[]} classes  K names
   * @param {number} [atIteration]  when it was measured (the caption says so)
   */
  show(confusion, classes, atIteration = 0) {
    const k = classes.length;
    if (!confusion || confusion.length !== k * k || k === 0) {
      this.shown = '';
      this.table.replaceChildren();
      setText(this.summary, '');
      this.root.dataset.total = '0';
      return;
    }
    // The counts change once an epoch (the held-out evaluation); the page sends them with every snapshot.
    const key = `${atIteration}|${Array.prototype.join.call(confusion)}|${classes.join('\n')}|${this.t('digits.confusion.corner')}`;
    if (key === this.shown) return;
    this.shown = key;
    const stats = confusionStats(confusion, k);
    this.root.dataset.total = String(stats.total);
    this.root.dataset.right = String(stats.right);
    const confused = stats.mostConfused.map(({ label, predicted, count }) =>
      this.t('digits.confusion.pair', { truth: classes[label], predicted: classes[predicted], count }));
    setText(this.summary, confused.length > 0
      ? this.t('digits.confusion.summary', { pairs: confused.join(this.t('digits.confusion.separator')) })
      : this.t('digits.confusion.none'));

    const caption = el('caption', '', this.t('digits.confusion.caption', { total: stats.total, iteration: atIteration }));
    const head = el('tr');
    const corner = el('th', 'rl-confusion-corner', this.t('digits.confusion.corner'));
    corner.scope = 'col';
    head.append(corner);
    for (const name of classes) {
      const th = el('th', '', name);
      th.scope = 'col';
      head.append(th);
    }
    const recallHead = el('th', 'rl-confusion-recall', this.t('digits.confusion.recall'));
    recallHead.scope = 'col';
    head.append(recallHead);
    const body = el('tbody');
    for (let label = 0; label < k; ++label) {
      const tr = el('tr');
      const th = el('th', '', classes[label]);
      th.scope = 'row';
      tr.append(th);
      for (let predicted = 0; predicted < k; ++predicted) {
        const count = confusion[label * k + predicted];
        const share = stats.rowTotals[label] > 0 ? count / stats.rowTotals[label] : 0;
        const td = el('td', 'rl-confusion-cell');
        if (label === predicted) {
          const { background, light } = rightColour(share);
          td.style.background = background;
          if (light) td.classList.add('rl-confusion-light');
          td.textContent = String(count);
        } else if (count > 0) {
          td.style.background = wrongColour(Math.min(1, 5 * share));
          const button = el('button', 'rl-confusion-pick', String(count));
          button.type = 'button';
          button.setAttribute('aria-label', this.t('digits.confusion.pick', { count, truth: classes[label], predicted: classes[predicted] }));
          button.setAttribute('aria-pressed', String(this.selected?.label === label && this.selected?.predicted === predicted));
          button.addEventListener('click', () => this.pick(label, predicted));
          td.append(button);
        } else {
          td.classList.add('rl-confusion-zero');
          td.textContent = '0';
        }
        tr.append(td);
      }
      const recall = stats.recall[label];
      tr.append(el('td', 'rl-confusion-recall', Number.isFinite(recall) ? `${(100 * recall).toFixed(1)}%` : '—'));
      body.append(tr);
    }
    const thead = el('thead');
    thead.append(head);
    this.table.replaceChildren(caption, thead, body);
  }

  /** @param {number} label @param {number} predicted */
  pick(label, predicted) {
    const same = this.selected?.label === label && this.selected?.predicted === predicted;
    this.selected = same ? null : { label, predicted };
    for (const button of this.table.querySelectorAll('button.rl-confusion-pick')) button.setAttribute('aria-pressed', 'false');
    if (!same) {
      const cell = this.table.tBodies[0]?.rows[label]?.cells[predicted + 1];
      cell?.querySelector('button')?.setAttribute('aria-pressed', 'true');
    }
    this.root.dispatchEvent(new CustomEvent('confusion-select', { detail: this.selected, bubbles: true, composed: true }));
  }

  dispose() {
    this.root.replaceChildren();
  }
}
