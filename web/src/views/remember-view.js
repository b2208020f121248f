// RememberView: the remember task's answer at the end. The last training batch's first sequence as a row of
// symbols with the remembered one marked, the answer and the model's (with its probability), and the accuracy on
// the fixed held-out set.
//
//   const view = new RememberView(root);
//   view.update(snapshot);    // uses snapshot.prediction (a RememberPrediction)
import { FrameScheduler } from './frame.js';
import { el, setText } from './dom.js';
import { translatorFor } from '../i18n/i18n.js';

/** @typedef {import('../api/rnnlab.js').RememberPrediction} RememberPrediction */

export class RememberView {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    /** @type {RememberPrediction | null} */
    this.prediction = null;
    this.t = translatorFor(root);
    root.classList.add('rl-remember');
    root.replaceChildren();
    this.sequence = el('div', 'rl-remember-sequence');
    this.answer = el('p', 'rl-remember-answer');
    this.answer.setAttribute('aria-live', 'polite');
    this.heldOut = el('p', 'rl-remember-held-out');
    root.append(this.sequence, this.answer, this.heldOut);
    this.frame = new FrameScheduler(() => this.draw());
  }

  /** @param {{prediction?: import('../api/rnnlab.js').Prediction}} snapshot */
  update(snapshot) {
    const prediction = snapshot?.prediction;
    if (!prediction || prediction.task !== 'remember') return;
    this.prediction = /** @type {RememberPrediction} */ (prediction);
    this.frame.request();
  }

  clear() {
    this.prediction = null;
    this.frame.request();
  }

  draw() {
    const p = this.prediction;
    if (!p || p.sequence === '') {
      this.sequence.replaceChildren();
      setText(this.answer, p ? this.t('remember.untrained') : '');
      setText(this.heldOut, '');
      this.root.dataset.sequence = '';
      this.root.dataset.heldOut = '';
      return;
    }
    const symbols = Array.from(p.sequence);
    this.sequence.replaceChildren(...symbols.map((symbol, t) => {
      const cell = el('span', t === p.position ? 'rl-remember-symbol rl-remember-target' : 'rl-remember-symbol', symbol);
      if (t === p.position) cell.title = this.t('remember.target', { step: t + 1, length: symbols.length });
      return cell;
    }));
    const answer = p.alphabet[p.label];
    const predicted = p.alphabet[p.predicted];
    const where = p.distance === 0 ? this.t('remember.first') : this.t('remember.back', { distance: p.distance });
    const probability = (100 * p.probabilities[p.predicted]).toFixed(0);
    setText(this.answer, this.t(predicted === answer ? 'remember.answerRight' : 'remember.answerWrong', { where, answer, predicted, probability }));
    setText(this.heldOut, this.t('remember.heldOut', {
      accuracy: (100 * p.heldOutAccuracy).toFixed(1), size: p.heldOutSize, updates: p.heldOutAt,
      chance: (100 / p.alphabet.length).toFixed(1) }));
    this.root.dataset.sequence = p.sequence;
    this.root.dataset.heldOut = String(p.heldOutAccuracy);
  }

  dispose() {
    this.frame.dispose();
    this.root.replaceChildren();
  }
}
