// MisclassifiedGrid: the held-out digits the model gets wrong, each with its true class and the model's answer;
// clicking one (or Enter on it) asks the page to inspect it: the draw pad shows it, the model classifies it, and an
// RNN reads it row by row. A pick in the confusion matrix narrows the grid to one (true, answer) pair.
//
//   const grid = new MisclassifiedGrid(root);
//   grid.setImages(heldOut);                      // {pixels: Uint8Array (n * 784), labels, start}
//   grid.show(prediction, classes);               // its misclassified / misclassifiedPredicted
//   grid.filter({label: 4, predicted: 9});        // or null: all
//   root.addEventListener('digit-inspect', (e) => e.detail);   // {index}: the dataset index
import { el, setText } from './dom.js';
import { digitRgba } from './digit-pixels.js';
import { translatorFor } from '../i18n/i18n.js';

/**
 * The held-out images the page holds (the worker sends them once, with the dataset): image i is dataset image
 * start + i.
 * @typedef {{pixels: Uint8Array, labels: Uint8Array, start: number}} HeldOutImages
 */

const SIDE = 28;

export class MisclassifiedGrid {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    root.classList.add('rl-misclassified');
    root.replaceChildren();
    this.summary = el('p', 'rl-misclassified-summary');
    this.summary.setAttribute('aria-live', 'polite');
    this.list = el('ul', 'rl-misclassified-list');
    root.append(this.summary, this.list);
    /** @type {HeldOutImages | null} */
    this.images = null;
    /** @type {{indices: Int32Array, predicted: Int32Array, heldOutSize: number, heldOutAt: number} | null} */
    this.wrong = null;
    /** @type {readonly string[]} */
    this.classes = [];
    /** @type {{label: number, predicted: number} | null} */
    this.only = null;
    this.drawnKey = '';
  }

  /** @param {HeldOutImages | null} images */
  setImages(images) {
    this.images = images;
    this.drawnKey = '';
    this.draw();
  }

  /**
   * @param {{misclassified: Int32Array, misclassifiedPredicted: Int32Array, heldOutSize: number, heldOutAt: number} | null} prediction
   * @param {readonly string[]} classes
   */
  show(prediction, classes) {
    this.wrong = prediction ? { indices: prediction.misclassified, predicted: prediction.misclassifiedPredicted,
      heldOutSize: prediction.heldOutSize, heldOutAt: prediction.heldOutAt } : null;
    this.classes = classes;
    this.draw();
  }

  /** @param {{label: number, predicted: number} | null} only */
  filter(only) {
    this.only = only;
    this.draw();
  }

  /** The true class of dataset image `index`, or -1 when the page does not hold it. @param {number} index */
  labelOf(index) {
    const images = this.images;
    const i = images ? index - images.start : -1;
    return images && i >= 0 && i < images.labels.length ? images.labels[i] : -1;
  }

  /** The pixels of dataset image `index` (0..255), or null. @param {number} index */
  pixelsOf(index) {
    const images = this.images;
    const i = images ? index - images.start : -1;
    if (!images || i < 0 || i >= images.labels.length) return null;
    return images.pixels.subarray(i * SIDE * SIDE, (i + 1) * SIDE * SIDE);
  }

  draw() {
    const wrong = this.wrong;
    const key = wrong ? `${wrong.heldOutAt}:${wrong.indices.length}:${this.only?.label}:${this.only?.predicted}:${!!this.images}:${this.classes.join()}` : '';
    if (key === this.drawnKey) return;
    this.drawnKey = key;
    if (!wrong) {
      this.list.replaceChildren();
      setText(this.summary, '');
      this.root.dataset.shown = '0';
      return;
    }
    const picked = [];
    for (let k = 0; k < wrong.indices.length; ++k) {
      const index = wrong.indices[k], predicted = wrong.predicted[k], label = this.labelOf(index);
      if (this.only && (label !== this.only.label || predicted !== this.only.predicted)) continue;
      picked.push({ index, predicted, label });
    }
    const name = (/** @type {number} */ c) => this.classes[c] ?? String(c);
    setText(this.summary, this.only
      ? this.t('digits.wrong.filtered', { count: picked.length, truth: name(this.only.label), predicted: name(this.only.predicted) })
      : this.t(wrong.indices.length === 0 ? 'digits.wrong.none' : 'digits.wrong.summary',
        { count: wrong.indices.length, size: wrong.heldOutSize }));
    this.list.replaceChildren(...picked.map(({ index, predicted, label }) => {
      const item = el('li');
      const button = el('button', 'rl-misclassified-digit');
      button.type = 'button';
      button.dataset.index = String(index);
      const truth = label >= 0 ? name(label) : '?';
      button.setAttribute('aria-label', this.t('digits.wrong.item', { index, truth, predicted: name(predicted) }));
      const canvas = el('canvas');
      canvas.width = SIDE;
      canvas.height = SIDE;
      const pixels = this.pixelsOf(index);
      if (pixels) canvas.getContext('2d')?.putImageData(new ImageData(digitRgba(pixels, 255), SIDE, SIDE), 0, 0);
      const caption = el('span', 'rl-misclassified-caption');
      caption.append(el('span', 'rl-misclassified-truth', truth), '→', el('span', 'rl-misclassified-answer', name(predicted)));
      button.append(canvas, caption);
      button.addEventListener('click', () => this.root.dispatchEvent(new CustomEvent('digit-inspect',
        { detail: { index }, bubbles: true, composed: true })));
      item.append(button);
      return item;
    }));
    this.root.dataset.shown = String(picked.length);
  }

  dispose() {
    this.root.replaceChildren();
  }
}
