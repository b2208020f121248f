// DigitsView: the digits task's prediction view. Draw a digit (or pick a held-out one from the keyboard) and see
// what the model answers, an RNN's answer forming row by row, the held-out accuracy per epoch, the confusion
// matrix and the misclassified digits. Each part is a view of its own; this one places them and keeps the digit
// being looked at.
//
//   const view = new DigitsView(root);
//   view.update(snapshot);                         // snapshot.prediction: a DigitsPrediction
//   view.setImages(heldOut);                       // the held-out images, once the worker has the dataset
//   root.addEventListener('digit-classify', (e) => e.detail);   // {pixels: Float32Array (784), token}
//   view.showClassification(result, token);        // the worker's answer (classify)
//
// The view asks for a classification when the reader draws or picks a digit, and again while the model trains
// (at most every RECLASSIFY_MS, one request at a time), so the answer follows the weights.
import { el, setText } from './dom.js';
import { DigitPad } from './digit-pad.js';
import { DigitClasses, DIGIT_NAMES } from './digit-classes.js';
import { FASHION_CLASSES, FASHION_CLASS_KEYS } from '../state/digits-data.js';
import { DigitRows } from './digit-rows.js';
import { DigitAccuracy } from './digit-accuracy.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { MisclassifiedGrid } from './misclassified-grid.js';
import { digitRgba } from './digit-pixels.js';
import { FrameScheduler } from './frame.js';
import { mnistFromInk, IMAGE_SIDE } from '../api/digit-image.js';
import { COMPARE_DEFAULT_TEXT } from '../state/compare-spec.js';
import { translatorFor } from '../i18n/i18n.js';

/** @typedef {import('./digit-rows.js').Classification} Classification */
/** @typedef {import('./misclassified-grid.js').HeldOutImages} HeldOutImages */
/** @typedef {import('../api/rnnlab.js').DigitsPrediction} DigitsPrediction */

/** While training, the digit on the pad is classified again at most this often. */
export const RECLASSIFY_MS = 700;

export class DigitsView {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    const t = translatorFor(root);
    this.t = t;
    root.classList.add('rl-digits');
    root.replaceChildren();

    // Draw, or pick a held-out digit.
    // Each part's root is in the document before its view is built: a view takes its language from there.
    const drawSection = this.section('digits.draw.title');
    const drawRow = el('div', 'rl-digits-draw');
    drawSection.append(drawRow);
    const padRoot = drawRow.appendChild(el('div'));
    this.pad = new DigitPad(padRoot);
    const seen = drawRow.appendChild(el('div', 'rl-digits-seen'));
    this.preview = el('canvas', 'rl-digits-preview');
    this.preview.width = IMAGE_SIDE;
    this.preview.height = IMAGE_SIDE;
    this.preview.setAttribute('role', 'img');
    this.preview.setAttribute('aria-label', t('digits.preview.empty'));
    const previewBox = el('figure', 'rl-digits-preview-box');
    previewBox.append(this.preview, el('figcaption', '', t('digits.preview.caption')));
    this.status = el('p', 'rl-digits-status');
    this.status.setAttribute('aria-live', 'polite');
    seen.append(previewBox, this.status);
    this.classes = new DigitClasses(seen.appendChild(el('div')));
    this.picker = el('input');
    this.pickerText = el('span');
    this.pickerButtons = [el('button', 'rl-button', t('digits.picker.show')), el('button', 'rl-button', t('digits.picker.next'))];
    drawSection.append(this.pickerForm(this.picker, this.pickerText, this.pickerButtons));

    this.rows = new DigitRows(this.section('digits.rows.title').appendChild(el('div')));
    const accuracySection = this.section('digits.accuracy.title');
    this.accuracy = new DigitAccuracy(accuracySection.appendChild(el('div')));
    // The seeds' comparison, one press away: the page (or the widget) goes to compare mode with these models.
    const compare = el('button', 'rl-button rl-digits-compare', t('digits.compare'));
    compare.type = 'button';
    compare.addEventListener('click', () => root.dispatchEvent(new CustomEvent('compare-request',
      { detail: { text: COMPARE_DEFAULT_TEXT.digits }, bubbles: true, composed: true })));
    accuracySection.append(el('p', 'rl-digits-compare-text', t('digits.compare.text')), compare);
    this.confusion = new ConfusionMatrix(this.section('digits.confusion.title').appendChild(el('div')));
    this.wrong = new MisclassifiedGrid(this.section('digits.wrong.title').appendChild(el('div')));

    /** @type {DigitsPrediction | null} */
    this.prediction = null;
    /** @type {HeldOutImages | null} */
    this.images = null;
    /** @type {{pixels: Float32Array, label: number, index: number} | null} the digit looked at (index -1: drawn) */
    this.input = null;
    /** @type {Classification | null} */
    this.classification = null;
    this.token = 0;
    this.waiting = false;
    this.classifiedAt = -Infinity;
    this.classesText = '';
    /** @type {readonly string[]} */
    this.classesSplit = DIGIT_NAMES;
    /** @type {unknown[] | null} what the row view shows (it starts over, stopping Play, only when this changes) */
    this.rowsShown = null;

    root.addEventListener('digit-drawn', (event) => this.onDrawn(/** @type {CustomEvent} */ (event).detail));
    root.addEventListener('digit-cleared', () => this.forget());
    root.addEventListener('digit-inspect', (event) => this.inspect(/** @type {CustomEvent} */ (event).detail.index));
    root.addEventListener('confusion-select', (event) => this.wrong.filter(/** @type {CustomEvent} */ (event).detail));
    this.frame = new FrameScheduler(() => this.draw(), { minInterval: 100 });
    this.setPickerRange(0);
    this.draw();
  }

  /** @param {import('../i18n/i18n.js').MessageKey} title */
  section(title) {
    const section = el('section', 'rl-digits-section');
    section.append(el('h3', 'subhead', this.t(title)));
    this.root.append(section);
    return section;
  }

  /**
   * The keyboard's way to a digit: a held-out digit by number, and the next one.
   * @param {HTMLInputElement} picker  @param {HTMLSpanElement} text  @param {HTMLButtonElement[]} buttons  [show, next]
   */
  pickerForm(picker, text, [show, next]) {
    const form = el('form', 'rl-digits-picker');
    const label = el('label');
    picker.type = 'number';
    picker.min = '1';
    picker.step = '1';
    picker.value = '1';
    picker.inputMode = 'numeric';
    label.append(text, picker);
    show.type = 'submit';
    next.type = 'button';
    next.addEventListener('click', () => {
      picker.value = String(Math.min(Number(picker.max) || 1, (Number(picker.value) || 0) + 1));
      this.pickHeldOut();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.pickHeldOut();
    });
    form.append(label, show, next);
    return form;
  }

  /** @param {number} size  held-out images the page holds */
  setPickerRange(size) {
    this.picker.max = String(Math.max(1, size));
    this.picker.disabled = size === 0;
    for (const button of this.pickerButtons) button.disabled = size === 0;
    setText(this.pickerText, size > 0 ? this.t('digits.picker.label', { size: size.toLocaleString('en-US') }) : this.t('digits.picker.loading'));
  }

  pickHeldOut() {
    const images = this.images;
    if (!images) return;
    const n = Math.round(Number(this.picker.value));
    if (!(n >= 1 && n <= images.labels.length)) {
      setText(this.status, this.t('digits.picker.range', { size: images.labels.length.toLocaleString('en-US') }));
      return;
    }
    this.inspect(images.start + n - 1);
  }

  /** Shows dataset image `index` (a held-out one) on the pad and classifies it. @param {number} index */
  inspect(index) {
    const pixels = this.wrong.pixelsOf(index);
    if (!pixels || !this.images) return;
    this.picker.value = String(index - this.images.start + 1);
    this.pad.showDigit(pixels);
    this.input = { pixels: Float32Array.from(pixels, (v) => v / 255), label: this.images.labels[index - this.images.start], index };
    this.classify();
  }

  /** @param {{ink: Float32Array, width: number, height: number}} drawing */
  onDrawn({ ink, width, height }) {
    let pixels;
    try {
      pixels = mnistFromInk(ink, width, height);
    } catch {
      this.forget();
      setText(this.status, this.t('digits.drawFirst'));
      return;
    }
    this.input = { pixels, label: -1, index: -1 };
    this.classify();
  }

  forget() {
    this.input = null;
    this.classification = null;
    this.token += 1;
    this.frame.request({ now: true });
  }

  /** Asks the page to classify the digit looked at (one request at a time; the latest digit wins). */
  classify() {
    if (!this.input) return;
    this.token += 1;
    this.waiting = true;
    this.classifiedAt = performance.now();
    setText(this.status, this.t('digits.classifying'));
    this.drawPreview();
    this.root.dispatchEvent(new CustomEvent('digit-classify', {
      detail: { pixels: Float32Array.from(this.input.pixels), token: this.token }, bubbles: true, composed: true }));
  }

  /**
   * The worker's answer to a `digit-classify` event.
   * @param {Classification} result
   * @param {number} token  the event's
   */
  showClassification(result, token) {
    if (token !== this.token) return;  // an answer for a digit no longer shown
    this.waiting = false;
    this.classification = result;
    this.frame.request({ now: true });
  }

  /** @param {string} message @param {number} token */
  showClassificationError(message, token) {
    if (token !== this.token) return;
    this.waiting = false;
    setText(this.status, message);
  }

  /** @param {HeldOutImages | null} images */
  setImages(images) {
    this.images = images;
    this.wrong.setImages(images);
    this.setPickerRange(images?.labels.length ?? 0);
  }

  /** @param {{prediction?: import('../api/rnnlab.js').Prediction}} snapshot */
  update(snapshot) {
    const prediction = snapshot?.prediction;
    if (!prediction || prediction.task !== 'digits') return;
    this.prediction = prediction;
    this.frame.request();
    // New weights: the digit on the pad gets their answer too (not more often than RECLASSIFY_MS).
    if (this.input && !this.waiting && performance.now() - this.classifiedAt > RECLASSIFY_MS) this.classify();
  }

  clear() {
    this.prediction = null;
    this.classification = null;
    this.wrong.filter(null);
    this.frame.request();
    if (this.input) this.classify();  // a new model: the digit on the pad gets its answer
  }

  /** The class names: the prediction's (one per line, '0'..'9' or Fashion-MNIST's), else the digits. */
  get classNames() {
    const classes = /** @type {string | readonly string[] | undefined} */ (this.prediction?.classes);  // an array in older builds
    if (typeof classes === 'string' && classes !== '') return this.splitClasses(classes);
    return Array.isArray(classes) && classes.length > 0 ? classes : DIGIT_NAMES;
  }

  /**
   * @param {string} text  one name per line; the same text gives the same array (the views compare by identity).
   * Fashion-MNIST's English names become the page language's.
   */
  splitClasses(text) {
    const key = `${text}\n${this.t('digits.fashion.0')}`;  // the language can change under the same names
    if (this.classesText !== key) {
      this.classesText = key;
      const names = text.split('\n');
      const fashion = names.length === FASHION_CLASSES.length && names.every((name, k) => name === FASHION_CLASSES[k]);
      this.classesSplit = Object.freeze(fashion ? FASHION_CLASS_KEYS.map((key) => this.t(key)) : names);
    }
    return /** @type {readonly string[]} */ (this.classesSplit);
  }

  draw() {
    const p = this.prediction;
    const classes = this.classNames;
    this.accuracy.show(p);
    this.confusion.show(p ? p.confusion : null, classes, p?.heldOutAt ?? 0);
    this.wrong.show(p, classes);
    this.drawPreview();
    const c = this.classification;
    if (!this.input) {
      this.classes.show(null);
      setText(this.status, this.t('digits.empty'));
    } else if (c) {
      this.classes.show(c.probabilities, { classes, label: this.input.label });
      setText(this.status, this.input.index >= 0
        ? this.t('digits.heldOutDigit', { n: this.images ? this.input.index - this.images.start + 1 : this.input.index + 1, truth: classes[this.input.label] ?? '?' })
        : this.t('digits.drawn'));
    }
    const rowsKey = [c, this.input, p?.model, classes];
    if (!this.rowsShown || rowsKey.some((v, k) => v !== this.rowsShown?.[k])) {
      this.rowsShown = rowsKey;
      this.rows.show(this.input && c ? this.input.pixels : null, c, classes, p?.model);
    }
    this.root.dataset.predicted = c ? String(c.predicted) : '';
    this.root.dataset.epochs = String(p?.accuracyPerEpoch.length ?? 0);
  }

  /** What the model reads: the 28x28 image, drawn at its own size (CSS scales it up, pixelated). */
  drawPreview() {
    const context = this.preview.getContext('2d');
    if (!context) return;
    context.clearRect(0, 0, IMAGE_SIDE, IMAGE_SIDE);
    if (this.input) context.putImageData(new ImageData(digitRgba(this.input.pixels, 1), IMAGE_SIDE, IMAGE_SIDE), 0, 0);
    this.preview.setAttribute('aria-label', this.t(this.input ? 'digits.preview.label' : 'digits.preview.empty'));
  }

  dispose() {
    this.frame.dispose();
    this.rows.dispose();
    this.accuracy.dispose();
    this.root.replaceChildren();
  }
}
