// TagView: the tag task. The last training batch's first sequence, one column per step: the symbol, its true tag
// (● occurs again later, ○ not) and the model's, coloured right or wrong (Okabe-Ito; a wrong one also underlined),
// then the held-out per-tag accuracy beside the best a model that reads only the past can reach.
//
//   const view = new TagView(root);
//   view.update(snapshot);    // uses snapshot.prediction (a TagPrediction)
import { FrameScheduler } from './frame.js';
import { PALETTE } from './colors.js';
import { el, setText } from './dom.js';
import { translatorFor } from '../i18n/i18n.js';

/** @typedef {import('../api/rnnlab.js').TagPrediction} TagPrediction */

const MARK = ['○', '●'];

export class TagView {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    /** @type {TagPrediction | null} */
    this.prediction = null;
    this.t = translatorFor(root);
    root.classList.add('rl-tag');
    root.replaceChildren();
    this.grid = el('div', 'rl-tag-grid');
    this.legend = el('p', 'rl-hint', this.t('tag.legend'));
    this.score = el('p', 'rl-tag-score');
    this.score.setAttribute('aria-live', 'polite');
    this.heldOut = el('p', 'rl-tag-held-out');
    root.append(this.grid, this.legend, this.score, this.heldOut);
    this.frame = new FrameScheduler(() => this.draw());
  }

  /** @param {{prediction?: import('../api/rnnlab.js').Prediction}} snapshot */
  update(snapshot) {
    const prediction = snapshot?.prediction;
    if (!prediction || prediction.task !== 'tag') return;
    this.prediction = /** @type {TagPrediction} */ (prediction);
    this.frame.request();
  }

  clear() {
    this.prediction = null;
    this.frame.request();
  }

  draw() {
    const p = this.prediction;
    if (!p || p.sequence === '') {
      this.grid.replaceChildren();
      setText(this.score, p ? this.t('tag.untrained') : '');
      setText(this.heldOut, '');
      this.root.dataset.heldOut = '';
      this.root.dataset.sequence = '';
      return;
    }
    const symbols = Array.from(p.sequence);
    const heads = [el('span', 'rl-tag-head', this.t('tag.symbol')), el('span', 'rl-tag-head', this.t('tag.true')),
      el('span', 'rl-tag-head', this.t('tag.predicted'))];
    let right = 0;
    const columns = symbols.map((symbol, t) => {
      const truth = p.tags[t], guess = p.predictedTags[t];
      const ok = truth === guess;
      right += ok ? 1 : 0;
      const predicted = el('span', ok ? 'rl-tag-cell rl-tag-right' : 'rl-tag-cell rl-tag-wrong', MARK[guess] ?? '?');
      predicted.style.color = ok ? PALETTE.right : PALETTE.wrong;
      predicted.title = this.t(ok ? 'tag.cellRight' : 'tag.cellWrong', { step: t + 1,
        probability: (100 * p.tagProbabilities[t]).toFixed(0) });
      const column = el('div', 'rl-tag-column');
      column.append(el('span', 'rl-tag-symbol', symbol), el('span', 'rl-tag-cell', MARK[truth] ?? '?'), predicted);
      return column;
    });
    const head = el('div', 'rl-tag-column rl-tag-heads');
    head.append(...heads);
    this.grid.replaceChildren(head, ...columns);
    setText(this.score, this.t('tag.score', { right, total: symbols.length }));
    setText(this.heldOut, this.t('tag.heldOut', {
      accuracy: (100 * p.heldOutAccuracy).toFixed(1), size: p.heldOutSize, updates: p.heldOutAt,
      bound: (100 * p.positionBound).toFixed(1) }));
    this.root.dataset.heldOut = String(p.heldOutAccuracy);
    this.root.dataset.sequence = p.sequence;
  }

  dispose() {
    this.frame.dispose();
    this.root.replaceChildren();
  }
}
