// InsideDigit: the inside view of a digit read row by row (the digits task's rnn, lstm and gru). Two pictures:
//   the digit over its 28 rows, each row tinted by a chosen unit's value after reading it (blue negative, orange
//   positive), with a strip of the rows beside it; pointing at a row (or focusing the strip and moving with the
//   arrow keys) reads the unit's value and the five most probable classes after that row;
//   the saliency of the answer, d log p(class) / d pixel for every pixel (Trainer#saliency) as a 28 x 28 heat map
//   beside the digit, and its norm per row as a strip; the class is the predicted one or the one chosen.
// The numbers are digit-inside-math.js's; this file only draws them.
//
//   const view = new InsideDigit(root);
//   view.show({pixels, values, unit, topk});                // pixels (784), values (28): the unit after each row
//   view.showSaliency({norms, pixels: gradient, target}, digit);   // norms (28), gradient (784), digit (784)
//   root.addEventListener('saliency-class', (e) => e.detail.klass);   // -1: the predicted class
//   view.setData('fashion');                                // the classes' names: digits or Fashion-MNIST's
import { el, setText } from './dom.js';
import { diverging, sequential } from './colors.js';
import { compact, fixed } from './format.js';
import { SIDE, classesAfterRow, largestMagnitude, saliencyRgba, tintedRowsRgba } from './digit-inside-math.js';
import { DIGIT_NAMES } from './digit-classes.js';
import { FASHION_CLASS_KEYS } from '../state/digits-data.js';
import { translatorFor } from '../i18n/i18n.js';

/** @typedef {import('../api/rnnlab.js').TopK} TopK */

let views = 0;

export class InsideDigit {
  /**
   * @param {HTMLElement} root  where its events start (its two parts, activationRoot and saliencyRoot, are placed by
   *   the caller)
   * @param {import('../i18n/i18n.js').Translate} [t]
   */
  constructor(root, t = translatorFor(root)) {
    this.root = root;
    this.t = t;
    root.classList.add('rl-inside-digit');
    root.replaceChildren();
    const n = ++views;
    /** @type {{pixels: Float32Array, values: Float32Array, unit: string, topk: TopK | null} | null} */
    this.shown = null;
    this.row = -1;
    /** @type {{norms: Float32Array, pixels: Float32Array, target: number} | null} */
    this.saliency = null;
    /** @type {readonly string[]} the classes' names */
    this.names = DIGIT_NAMES;

    // The digit over its rows, tinted by the unit.
    this.activationLabel = el('p', 'rl-inside-digit-label', t('inside.digit.empty'));
    this.activationLabel.id = `rl-inside-digit-label-${n}`;
    this.canvas = digitCanvas('rl-inside-digit-canvas');
    this.canvas.setAttribute('aria-hidden', 'true');
    this.rows = el('div', 'rl-inside-digit-rows');
    this.rows.tabIndex = 0;
    this.rows.setAttribute('role', 'group');
    this.rows.setAttribute('aria-labelledby', this.activationLabel.id);
    /** @type {HTMLSpanElement[]} */
    this.rowCells = [];
    for (let r = 0; r < SIDE; r++) {
      const cell = el('span', 'rl-inside-digit-row');
      cell.dataset.row = String(r);
      this.rowCells.push(cell);
    }
    this.rows.append(...this.rowCells);
    this.readout = el('p', 'rl-inside-digit-readout');
    this.readout.setAttribute('aria-live', 'polite');
    const figure = el('div', 'rl-inside-digit-figure');
    figure.append(this.canvas, this.rows);
    this.activation = el('div', 'rl-inside-digit-activation');
    this.activation.append(this.activationLabel, figure, this.readout);

    this.canvas.addEventListener('pointermove', (event) => this.point(rowAt(this.canvas, event.offsetY)));
    this.rows.addEventListener('pointermove', (event) => {  // moving, not 'pointerover' (activation-text.js)
      const row = event.target instanceof HTMLElement ? event.target.dataset.row : undefined;
      if (row !== undefined && Number(row) !== this.row) this.point(Number(row));
    });
    this.rows.addEventListener('focus', () => this.point(Math.max(0, this.row)));
    this.rows.addEventListener('keydown', (event) => {
      const at = Math.max(0, this.row);
      const next = event.key === 'ArrowUp' ? at - 1 : event.key === 'ArrowDown' ? at + 1 : event.key === 'Home' ? 0
        : event.key === 'End' ? SIDE - 1 : null;
      if (next === null) return;
      event.preventDefault();
      this.point(Math.max(0, Math.min(SIDE - 1, next)));
    });

    // The saliency: the heat map beside the digit, the rows' norms, the class.
    this.classSelect = el('select');
    this.classSelect.id = `rl-inside-digit-class-${n}`;
    this.classSelect.append(optionOf('-1', t('inside.digit.classPredicted')));
    for (let k = 0; k < 10; k++) this.classSelect.append(optionOf(String(k), this.names[k]));
    const classLabel = el('label', '', t('inside.digit.class'));
    classLabel.htmlFor = this.classSelect.id;
    this.classSelect.addEventListener('change', () => this.root.dispatchEvent(new CustomEvent('saliency-class',
      { detail: { klass: Number(this.classSelect.value) }, bubbles: true })));
    this.saliencyLabel = el('p', 'rl-inside-digit-label', t('inside.digit.saliencyEmpty'));
    this.saliencyLabel.id = `rl-inside-digit-saliency-${n}`;
    this.digitCopy = digitCanvas('rl-inside-digit-canvas');
    this.digitCopy.setAttribute('aria-hidden', 'true');
    this.heat = digitCanvas('rl-inside-digit-canvas rl-inside-digit-heat');
    this.heat.setAttribute('role', 'img');
    this.heat.setAttribute('aria-labelledby', this.saliencyLabel.id);
    this.norms = el('div', 'rl-inside-digit-rows rl-inside-digit-norms');
    this.norms.setAttribute('aria-hidden', 'true');
    /** @type {HTMLSpanElement[]} */
    this.normCells = Array.from({ length: SIDE }, () => el('span', 'rl-inside-digit-row'));
    this.norms.append(...this.normCells);
    this.saliencyReadout = el('p', 'rl-inside-digit-readout');
    this.saliencyReadout.setAttribute('aria-live', 'polite');
    const pair = el('div', 'rl-inside-digit-figure');
    pair.append(this.digitCopy, this.heat, this.norms);
    const pick = el('div', 'rl-inside-unit');
    pick.append(classLabel, this.classSelect);
    this.saliencyRoot = el('div', 'rl-inside-digit-saliency');
    this.saliencyRoot.append(pick, this.saliencyLabel, pair, this.saliencyReadout);
    this.heat.addEventListener('pointermove', (event) => this.pointPixel(rowAt(this.heat, event.offsetY), rowAt(this.heat, event.offsetX, this.heat.clientWidth)));
  }

  /** The classes' names of the data set: MNIST's digits or Fashion-MNIST's clothes. @param {string} data */
  setData(data) {
    this.names = data === 'fashion' ? Object.freeze(FASHION_CLASS_KEYS.map((key) => this.t(key))) : DIGIT_NAMES;
    for (let k = 0; k < 10; k++) setText(this.classSelect.options[k + 1], this.names[k]);
  }

  /** The activation part (placed by InsideNetwork under its unit picker). */
  get activationRoot() { return this.activation; }

  /** @param {{pixels: Float32Array, values: Float32Array, unit: string, topk: TopK | null}} data */
  show(data) {
    this.shown = data;
    const scale = largestMagnitude(data.values);
    paint(this.canvas, tintedRowsRgba(data.pixels, data.values, scale));
    for (let r = 0; r < SIDE; r++) this.rowCells[r].style.background = diverging(data.values[r], scale);
    setText(this.activationLabel, this.t('inside.digit.label', { unit: data.unit, scale: compact(scale) }));
    if (this.row >= 0) this.point(this.row);
  }

  /** Reads row `row` (0-based) out: the unit's value and the classes after it. @param {number} row */
  point(row) {
    const shown = this.shown;
    if (!shown || !(row >= 0 && row < SIDE)) return;
    if (this.row >= 0) this.rowCells[this.row].classList.remove('rl-current');
    this.row = row;
    this.rowCells[row].classList.add('rl-current');
    const next = shown.topk
      ? classesAfterRow(shown.topk, row).map((c) => `${this.names[c.klass] ?? c.klass} ${fixed(100 * c.probability, 1)}%`).join(', ')
      : '';
    setText(this.readout, this.t('inside.digit.readout', { row: String(row + 1), unit: shown.unit, value: fixed(shown.values[row], 3), classes: next }));
  }

  /**
   * @param {{norms: Float32Array, pixels: Float32Array, target: number}} saliency
   * @param {Float32Array} digit  the digit's 784 pixels, drawn beside the map
   */
  showSaliency(saliency, digit) {
    this.saliency = saliency;
    paint(this.digitCopy, tintedRowsRgba(digit, new Float32Array(SIDE), 1));
    const { rgba, scale } = saliencyRgba(saliency.pixels);
    paint(this.heat, rgba);
    const top = largestMagnitude(saliency.norms);
    for (let r = 0; r < SIDE; r++) this.normCells[r].style.background = sequential(saliency.norms[r] / top);
    setText(this.saliencyLabel, this.t('inside.digit.saliencyLabel', { target: this.names[saliency.target] ?? String(saliency.target), scale: compact(scale), top: compact(top) }));
    setText(this.saliencyReadout, '');
  }

  /** @param {number} row @param {number} column */
  pointPixel(row, column) {
    const s = this.saliency;
    if (!s || !(row >= 0 && row < SIDE && column >= 0 && column < SIDE)) return;
    setText(this.saliencyReadout, this.t('inside.digit.saliencyReadout', {
      row: String(row + 1), column: String(column + 1), value: compact(s.pixels[row * SIDE + column]), norm: compact(s.norms[row]) }));
  }

  /** The class the saliency is of: -1 for the predicted one. */
  get klass() { return Number(this.classSelect.value); }

  clear() {
    this.shown = null;
    this.saliency = null;
    this.row = -1;
    for (const canvas of [this.canvas, this.digitCopy, this.heat]) canvas.getContext('2d')?.clearRect(0, 0, SIDE, SIDE);
    for (const cell of [...this.rowCells, ...this.normCells]) {
      cell.style.background = '';
      cell.classList.remove('rl-current');
    }
    setText(this.activationLabel, this.t('inside.digit.empty'));
    setText(this.saliencyLabel, this.t('inside.digit.saliencyEmpty'));
    setText(this.readout, '');
    setText(this.saliencyReadout, '');
  }
}

/** @param {string} className @returns {HTMLCanvasElement} */
function digitCanvas(className) {
  const canvas = el('canvas', className);
  canvas.width = SIDE;
  canvas.height = SIDE;
  return canvas;
}

/** @param {HTMLCanvasElement} canvas @param {Uint8ClampedArray<ArrayBuffer>} rgba */
function paint(canvas, rgba) {
  canvas.getContext('2d')?.putImageData(new ImageData(rgba, SIDE, SIDE), 0, 0);
}

/** The row (or column) under an offset within an element drawn SIDE cells tall (or wide). */
function rowAt(/** @type {HTMLElement} */ element, /** @type {number} */ offset, size = element.clientHeight) {
  return size > 0 ? Math.floor((offset / size) * SIDE) : -1;
}

/** @param {string} value @param {string} text @returns {HTMLOptionElement} */
function optionOf(value, text) {
  const option = el('option', '', text);
  option.value = value;
  return option;
}
