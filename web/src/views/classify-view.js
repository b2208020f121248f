// ClassifyView: the classify task. The last training batch's first example with its class and the model's
// probabilities for every class (the true class marked, the top guess right or wrong in Okabe-Ito colours), the
// held-out accuracy, and a box to type any string: its class probabilities come from the worker (the view asks
// with a `classify-text` event, the page answers with showClassified), asked again as the model trains.
//
//   const view = new ClassifyView(root);
//   view.update(snapshot);          // uses snapshot.prediction (a ClassifyPrediction)
//   view.showClassified({text, probabilities});
import { FrameScheduler } from './frame.js';
import { PALETTE } from './colors.js';
import { el, setText } from './dom.js';
import { translatorFor } from '../i18n/i18n.js';

/** @typedef {import('../api/rnnlab.js').ClassifyPrediction} ClassifyPrediction */

const TYPE_PAUSE_MS = 250;     // ask once typing pauses
const REFRESH_MS = 300;        // while training, ask again at most this often

export class ClassifyView {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    /** @type {ClassifyPrediction | null} */
    this.prediction = null;
    /** @type {{text: string, probabilities: Float32Array} | null} */
    this.typed = null;
    this.asking = false;
    this.askedAt = 0;
    this.typeTimer = 0;
    this.t = translatorFor(root);
    root.classList.add('rl-classify');
    root.replaceChildren();
    this.example = el('p', 'rl-classify-example');
    this.example.setAttribute('aria-live', 'polite');
    this.bars = el('div', 'rl-classify-bars');
    this.heldOut = el('p', 'rl-classify-held-out');
    const label = el('label', 'rl-classify-label', this.t('classify.typeLabel'));
    this.input = el('input', 'rl-classify-input');
    this.input.type = 'text';
    this.input.maxLength = 32;
    this.input.spellcheck = false;
    this.input.autocomplete = 'off';
    this.input.placeholder = this.t('classify.typePlaceholder');
    label.append(this.input);
    this.typedBars = el('div', 'rl-classify-bars rl-classify-typed');
    this.typedNote = el('p', 'rl-hint');
    this.typedNote.setAttribute('aria-live', 'polite');
    root.append(this.example, this.bars, this.heldOut, label, this.typedNote, this.typedBars);
    this.input.addEventListener('input', () => {
      clearTimeout(this.typeTimer);
      this.typeTimer = setTimeout(() => this.ask(), TYPE_PAUSE_MS);
    });
    this.frame = new FrameScheduler(() => this.draw());
  }

  /** @param {{prediction?: import('../api/rnnlab.js').Prediction}} snapshot */
  update(snapshot) {
    const prediction = snapshot?.prediction;
    if (!prediction || prediction.task !== 'classify') return;
    this.prediction = /** @type {ClassifyPrediction} */ (prediction);
    this.frame.request();
    if (this.input.value !== '' && !this.asking && performance.now() - this.askedAt > REFRESH_MS) this.ask();
  }

  /** Asks the page for the typed string's probabilities (the worker owns the model). */
  ask() {
    const text = this.input.value;
    if (text === '') {
      this.typed = null;
      this.frame.request();
      return;
    }
    this.asking = true;
    this.askedAt = performance.now();
    this.root.dispatchEvent(new CustomEvent('classify-text', { detail: { text }, bubbles: true, composed: true }));
  }

  /**
   * The worker's answer to a `classify-text` request (null: it failed; the page shows why).
   * @param {{text: string, probabilities: Float32Array} | null} result
   */
  showClassified(result) {
    this.asking = false;
    if (result && result.text === this.input.value) this.typed = result;
    this.frame.request();
  }

  clear() {
    this.prediction = null;
    this.typed = null;
    this.frame.request();
  }

  /** @returns {string[]} */
  classNames() {
    return this.prediction ? this.prediction.classes.split('\n') : [];
  }

  /**
   * One bar per class: its name, its probability as a bar and a number.
   * @param {HTMLElement} into  @param {Float32Array} probabilities  @param {number} label  the true class, or -1
   */
  drawBars(into, probabilities, label) {
    const names = this.classNames();
    let top = 0;
    for (let c = 1; c < probabilities.length; ++c) if (probabilities[c] > probabilities[top]) top = c;
    into.replaceChildren(...names.map((name, c) => {
      const p = probabilities[c] ?? 0;
      const fill = el('span', 'rl-classify-fill');
      fill.style.width = `${(100 * p).toFixed(1)}%`;
      if (c === top) fill.style.background = label < 0 ? 'var(--rl-accent, #2d6f7c)' : (top === label ? PALETTE.right : PALETTE.wrong);
      const track = el('span', 'rl-classify-track');
      track.append(fill);
      const row = el('div', c === label ? 'rl-classify-row rl-classify-true' : 'rl-classify-row');
      row.append(el('span', 'rl-classify-name', name), track, el('span', 'rl-classify-p', `${(100 * p).toFixed(1)}%`));
      if (c === label) row.title = this.t('classify.trueClass');
      return row;
    }));
  }

  draw() {
    const p = this.prediction;
    const names = this.classNames();
    if (!p || p.text === '') {
      setText(this.example, p ? this.t('classify.untrained') : '');
      this.bars.replaceChildren();
      setText(this.heldOut, '');
      this.root.dataset.heldOut = '';
    } else {
      const right = p.predicted === p.label;
      setText(this.example, this.t(right ? 'classify.exampleRight' : 'classify.exampleWrong', {
        text: p.text, label: names[p.label] ?? '', predicted: names[p.predicted] ?? '',
        probability: (100 * p.probabilities[p.predicted]).toFixed(0) }));
      this.drawBars(this.bars, p.probabilities, p.label);
      setText(this.heldOut, this.t('classify.heldOut', {
        accuracy: (100 * p.heldOutAccuracy).toFixed(1), size: p.heldOutSize, train: p.trainSize,
        updates: p.heldOutAt, chance: (100 / Math.max(1, names.length)).toFixed(1) }));
      this.root.dataset.heldOut = String(p.heldOutAccuracy);
    }
    const typed = this.typed;
    if (typed && this.input.value !== '') {
      let top = 0;
      for (let c = 1; c < typed.probabilities.length; ++c) if (typed.probabilities[c] > typed.probabilities[top]) top = c;
      setText(this.typedNote, this.t('classify.typedTop', { text: typed.text, predicted: names[top] ?? '',
        probability: (100 * typed.probabilities[top]).toFixed(0) }));
      this.drawBars(this.typedBars, typed.probabilities, -1);
      this.root.dataset.typed = typed.text;
      this.root.dataset.typedTop = names[top] ?? '';
    } else {
      setText(this.typedNote, '');
      this.typedBars.replaceChildren();
      this.root.dataset.typed = '';
      this.root.dataset.typedTop = '';
    }
  }

  dispose() {
    clearTimeout(this.typeTimer);
    this.frame.dispose();
    this.root.replaceChildren();
  }
}
