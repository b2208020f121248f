// DigitRows: an RNN reading a digit one row of 28 pixels per step, and its answer forming as the rows go by. The
// image with the rows read so far and the current one marked, a slider over the 28 steps (and Play), the class
// probabilities after the chosen row, the hidden state there, and a strip of every row's probabilities (rows down,
// classes across) where the answer can be seen settling.
//
//   const rows = new DigitRows(root);
//   rows.show(pixels, classification, classes);   // pixels (784) in [0, 1]; classification.perRow (28, 10)
//   rows.show(pixels, classification, classes, 'mlp');   // a model without rows: says it reads the image at once
import { el, setText, sizeCanvas } from './dom.js';
import { DigitClasses } from './digit-classes.js';
import { digitRgba, settledRow, argmax } from './digit-pixels.js';
import { sequentialPixel, divergingPixel, PALETTE } from './colors.js';
import { DataTable } from './data-table.js';
import { translatorFor } from '../i18n/i18n.js';

/** @typedef {import('../api/rnnlab.js').Tensor} Tensor */
/** @typedef {import('../api/rnnlab.js').Classification} Classification */

const ROWS = 28;
const PIXEL = 6;           // CSS pixels per image pixel: the image is 168 px a side
const STRIP_CELL = 12;     // the probability strip: 10 classes x 28 rows of 12 x 6 px
const PLAY_MS = 120;       // a row every 120 ms: the whole digit in about 3.4 s

export class DigitRows {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    root.classList.add('rl-digit-rows');
    root.replaceChildren();
    this.note = el('p', 'rl-hint rl-digit-rows-note');
    this.body = el('div', 'rl-digit-rows-body');
    this.image = el('canvas', 'rl-digit-rows-image');
    this.image.setAttribute('role', 'img');
    this.strip = el('canvas', 'rl-digit-rows-strip');
    this.strip.setAttribute('role', 'img');
    const figures = el('div', 'rl-digit-rows-figures');
    const imageBox = el('figure', 'rl-digit-rows-figure');
    imageBox.append(this.image, el('figcaption', '', this.t('digits.rows.imageCaption')));
    const stripBox = el('figure', 'rl-digit-rows-figure');
    stripBox.append(this.strip, el('figcaption', '', this.t('digits.rows.stripCaption')));
    figures.append(imageBox, stripBox);

    const controls = el('div', 'rl-digit-rows-controls');
    const label = el('label', 'rl-digit-rows-slider');
    this.rowText = el('span', 'rl-digit-rows-row');
    this.slider = el('input');
    this.slider.type = 'range';
    this.slider.min = '1';
    this.slider.max = String(ROWS);
    this.slider.value = String(ROWS);
    this.slider.addEventListener('input', () => this.select(Number(this.slider.value) - 1));
    label.append(this.rowText, this.slider);
    this.playButton = el('button', 'rl-button', this.t('digits.rows.play'));
    this.playButton.type = 'button';
    this.playButton.addEventListener('click', () => this.play());
    controls.append(label, this.playButton);

    this.after = el('p', 'rl-digit-rows-after');
    this.after.setAttribute('aria-live', 'polite');
    this.hidden = el('canvas', 'rl-digit-rows-hidden');
    this.hidden.setAttribute('role', 'img');
    this.hiddenCaption = el('p', 'rl-hint');
    const side = el('div', 'rl-digit-rows-side');
    this.body.append(figures, side);
    root.append(this.note, this.body);
    side.append(controls, this.after);
    this.classes = new DigitClasses(side.appendChild(el('div')));  // in the document first: it takes its language there
    side.append(this.hiddenCaption, this.hidden);
    this.table = new DataTable(root, this.t('table.show'));
    this.table.set(() => this.tableData());

    /** @type {Float32Array | null} */
    this.pixels = null;
    /** @type {Classification | null} */
    this.classification = null;
    /** @type {readonly string[]} */
    this.classNames = [];
    this.row = ROWS - 1;
    this.timer = 0;
    this.show(null, null, []);
  }

  /**
   * @param {Float32Array | null} pixels  (784) in [0, 1]
   * @param {Classification | null} classification
   * @param {readonly string[]} classes
   * @param {string} [model]  the config's model: rnn, lstm, gru read by rows; mlp, cnn do not
   */
  show(pixels, classification, classes, model = 'lstm') {
    this.stop();
    this.pixels = pixels;
    this.classification = classification;
    this.classNames = classes;
    const perRow = classification?.perRow;
    const byRows = !!perRow && perRow.shape[0] === ROWS;
    this.body.hidden = !pixels || !byRows;
    this.table.details.hidden = this.body.hidden;  // no rows, no table of them
    this.root.dataset.rows = byRows ? String(ROWS) : '0';
    if (!pixels || !classification) {
      setText(this.note, this.t('digits.rows.empty'));
    } else if (!byRows) {
      setText(this.note, this.t('digits.rows.whole', { model: model.toUpperCase() }));
    } else {
      const settled = settledRow(perRow.data, ROWS, perRow.shape[1]);
      const name = classes[classification.predicted] ?? String(classification.predicted);
      setText(this.note, this.t('digits.rows.settled', { name, row: settled + 1, rows: ROWS }));
      this.root.dataset.settled = String(settled + 1);
    }
    this.table.refresh();
    if (!this.body.hidden) this.select(this.row);
  }

  /** @param {number} row  0-based */
  select(row) {
    this.row = Math.max(0, Math.min(ROWS - 1, row));
    this.slider.value = String(this.row + 1);
    const c = this.classification;
    const perRow = c?.perRow;
    if (!this.pixels || !c || !perRow) return;
    const classes = perRow.shape[1];
    const probabilities = perRow.data.subarray(this.row * classes, (this.row + 1) * classes);
    setText(this.rowText, this.t('digits.rows.row', { row: this.row + 1, rows: ROWS }));
    const best = argmax(probabilities);
    setText(this.after, this.t('digits.rows.after', { row: this.row + 1, name: this.classNames[best] ?? String(best),
      probability: (100 * probabilities[best]).toFixed(0) }));
    this.classes.show(probabilities, { classes: this.classNames });
    this.root.dataset.row = String(this.row + 1);
    this.drawImage();
    this.drawStrip(perRow);
    this.drawHidden();
  }

  drawImage() {
    const pixels = /** @type {Float32Array} */ (this.pixels);
    const side = ROWS * PIXEL;
    const context = sizeCanvas(this.image, side, side);
    context.clearRect(0, 0, side, side);
    const small = el('canvas');
    small.width = ROWS;
    small.height = ROWS;
    small.getContext('2d')?.putImageData(new ImageData(digitRgba(pixels, 1), ROWS, ROWS), 0, 0);
    context.imageSmoothingEnabled = false;
    // The rows read so far in full ink, the rest faint: what the network has seen after this step.
    context.globalAlpha = 0.18;
    context.drawImage(small, 0, 0, side, side);
    context.globalAlpha = 1;
    const read = (this.row + 1) * PIXEL;
    context.drawImage(small, 0, 0, ROWS, this.row + 1, 0, 0, side, read);
    context.strokeStyle = PALETTE.oneStep;
    context.lineWidth = 2;
    context.strokeRect(1, this.row * PIXEL, side - 2, PIXEL);
    this.image.setAttribute('aria-label', this.t('digits.rows.imageLabel', { row: this.row + 1, rows: ROWS }));
  }

  /** @param {Tensor} perRow (28, K) */
  drawStrip(perRow) {
    const classes = perRow.shape[1];
    const width = classes * STRIP_CELL, height = ROWS * PIXEL;
    const context = sizeCanvas(this.strip, width, height);
    const cells = new ImageData(classes, ROWS);
    const packed = new Uint32Array(cells.data.buffer);
    for (let k = 0; k < packed.length; ++k) packed[k] = sequentialPixel(perRow.data[k]);
    const small = el('canvas');
    small.width = classes;
    small.height = ROWS;
    small.getContext('2d')?.putImageData(cells, 0, 0);
    context.imageSmoothingEnabled = false;
    context.drawImage(small, 0, 0, width, height);
    context.strokeStyle = PALETTE.oneStep;
    context.lineWidth = 2;
    context.strokeRect(1, this.row * PIXEL, width - 2, PIXEL);
    const final = argmax(perRow.data.subarray((ROWS - 1) * classes));
    this.strip.setAttribute('aria-label', this.t('digits.rows.stripLabel', { name: this.classNames[final] ?? String(final) }));
  }

  /** The top layer's hidden state after this row (its forward direction), as one strip of units. */
  drawHidden() {
    const layers = this.classification?.layers ?? [];
    const top = [...layers].reverse().find((layer) => layer.direction === 'forward');
    this.hidden.hidden = !top;
    this.hiddenCaption.hidden = !top;
    if (!top) return;
    const units = top.hiddenSize;
    const h = top.h.data.subarray(this.row * units, (this.row + 1) * units);  // (T, B = 1, H): step `row`
    const cell = Math.max(2, Math.min(8, Math.floor(280 / units)));
    const context = sizeCanvas(this.hidden, units * cell, 14);
    for (let u = 0; u < units; ++u) {
      const v = divergingPixel(h[u]);
      context.fillStyle = `rgb(${v & 255},${(v >>> 8) & 255},${(v >>> 16) & 255})`;
      context.fillRect(u * cell, 0, cell, 14);
    }
    setText(this.hiddenCaption, this.t('digits.rows.hidden', { units, row: this.row + 1 }));
    this.hidden.setAttribute('aria-label', this.t('digits.rows.hidden', { units, row: this.row + 1 }));
  }

  /** Steps through the rows from the first; respects a reader who asked for reduced motion (jumps to the end). */
  play() {
    this.stop();
    if (!this.classification?.perRow) return;
    if (globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches) {
      this.select(ROWS - 1);
      return;
    }
    this.select(0);
    this.timer = /** @type {any} */ (setInterval(() => {
      if (this.row >= ROWS - 1) this.stop();
      else this.select(this.row + 1);
    }, PLAY_MS));
  }

  stop() {
    clearInterval(this.timer);
    this.timer = 0;
  }

  /** @returns {import('./data-table.js').TableData | null} */
  tableData() {
    const perRow = this.classification?.perRow;
    if (!perRow || perRow.shape[0] !== ROWS) return null;
    const classes = perRow.shape[1];
    const rows = Array.from({ length: ROWS }, (_, r) => [String(r + 1),
      ...Array.from({ length: classes }, (_, k) => (100 * perRow.data[r * classes + k]).toFixed(1))]);
    return { caption: this.t('digits.rows.tableCaption'),
      columns: [this.t('digits.rows.rowColumn'), ...Array.from({ length: classes }, (_, k) => this.classNames[k] ?? String(k))], rows };
  }

  dispose() {
    this.stop();
    this.root.replaceChildren();
  }
}
