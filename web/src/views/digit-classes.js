// DigitClasses: a model's answer for one image as ten bars, one per class, the chosen class marked and, when the
// true class is known, right or wrong (bluish green / vermillion, and the words). A list a screen reader reads as
// "3: 87 %".
//
//   const bars = new DigitClasses(root);
//   bars.show(probabilities, { classes, label });   // Float32Array (10); label -1 when unknown (a drawing)
import { el, setText } from './dom.js';
import { argmax } from './digit-pixels.js';
import { translatorFor } from '../i18n/i18n.js';

export class DigitClasses {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    root.classList.add('rl-digit-classes');
    root.replaceChildren();
    this.answer = el('p', 'rl-digit-answer');
    this.list = el('ol', 'rl-digit-bars');
    root.append(this.answer, this.list);
    /** @type {{item: HTMLLIElement, name: HTMLSpanElement, bar: HTMLSpanElement, value: HTMLSpanElement}[]} */
    this.rows = [];
  }

  /**
   * @param {ArrayLike<number> | null} probabilities  (K), null: nothing to show
   * @param {{classes?: readonly string[], label?: number}} [options]
   */
  show(probabilities, { classes = DIGIT_NAMES, label = -1 } = {}) {
    if (!probabilities) {
      this.list.replaceChildren();
      this.rows = [];
      setText(this.answer, '');
      this.root.dataset.predicted = '';
      return;
    }
    if (this.rows.length !== probabilities.length) this.build(probabilities.length);
    const predicted = argmax(probabilities);
    this.rows.forEach((row, k) => {
      const p = probabilities[k];
      const percent = `${(100 * p).toFixed(p >= 0.995 || p < 0.005 ? 0 : 1)}%`;
      setText(row.name, classes[k] ?? String(k));
      setText(row.value, percent);
      row.bar.style.width = `${Math.max(0, Math.min(1, p)) * 100}%`;
      row.item.classList.toggle('rl-digit-bar-chosen', k === predicted);
      row.item.classList.toggle('rl-digit-bar-right', k === predicted && label >= 0 && k === label);
      row.item.classList.toggle('rl-digit-bar-wrong', k === predicted && label >= 0 && k !== label);
      row.item.classList.toggle('rl-digit-bar-truth', label >= 0 && k === label && k !== predicted);
    });
    const name = classes[predicted] ?? String(predicted);
    const probability = (100 * probabilities[predicted]).toFixed(0);
    if (label < 0) setText(this.answer, this.t('digits.answer', { name, probability }));
    else setText(this.answer, this.t(label === predicted ? 'digits.answerRight' : 'digits.answerWrong',
      { name, probability, truth: classes[label] ?? String(label) }));
    this.root.dataset.predicted = String(predicted);
  }

  /** @param {number} count */
  build(count) {
    this.rows = Array.from({ length: count }, () => {
      const item = el('li', 'rl-digit-bar');
      const name = el('span', 'rl-digit-bar-name');
      const track = el('span', 'rl-digit-bar-track');
      const bar = el('span', 'rl-digit-bar-fill');
      track.append(bar);
      const value = el('span', 'rl-digit-bar-value');
      item.append(name, track, value);
      return { item, name, bar, value };
    });
    this.list.replaceChildren(...this.rows.map((r) => r.item));
  }
}

/** MNIST's classes. */
export const DIGIT_NAMES = Object.freeze(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
