// A digit's pixels as a picture, and the numbers of a confusion matrix: the math of the digits views, without the
// DOM (Node tests hold it).
//
//   context.putImageData(new ImageData(digitRgba(pixels, 255), 28, 28), 0, 0);   // MNIST bytes
//   const stats = confusionStats(prediction.confusion, 10);   // totals, accuracy, the most confused pairs

/** The ink of a drawn or MNIST digit on the page: dark ink (PALETTE.ink) on a transparent ground. */
const INK = [31, 35, 40];

/**
 * RGBA pixels of a grayscale digit: ink colour everywhere, its alpha the pixel's value.
 * @param {ArrayLike<number>} pixels  (n) 0 = background, `full` = full ink (255 for MNIST bytes, 1 for floats)
 * @param {number} full
 * @returns {Uint8ClampedArray<ArrayBuffer>} (n * 4)
 */
export function digitRgba(pixels, full) {
  const rgba = new Uint8ClampedArray(pixels.length * 4);
  for (let p = 0; p < pixels.length; ++p) {
    rgba[4 * p] = INK[0];
    rgba[4 * p + 1] = INK[1];
    rgba[4 * p + 2] = INK[2];
    rgba[4 * p + 3] = Math.round((255 * Math.max(0, Math.min(full, pixels[p]))) / full);
  }
  return rgba;
}

/**
 * @typedef {object} ConfusionStats
 * @property {number[]} rowTotals  images of each true class
 * @property {number[]} columnTotals  images given each class
 * @property {number} total
 * @property {number} right  the diagonal's sum
 * @property {number[]} recall  share of each true class answered right (NaN for a class with no images)
 * @property {{label: number, predicted: number, count: number}[]} mostConfused  the off-diagonal cells, largest
 *   first (ties: by true class, then answer), at most 3, none empty
 */

/**
 * @param {ArrayLike<number>} confusion  (K * K) confusion[true * K + predicted]
 * @param {number} classes  K
 * @returns {ConfusionStats}
 */
export function confusionStats(confusion, classes) {
  if (confusion.length !== classes * classes) throw new Error(`confusion: ${confusion.length} cells, expected ${classes} x ${classes}`);
  const rowTotals = new Array(classes).fill(0);
  const columnTotals = new Array(classes).fill(0);
  let right = 0;
  /** @type {{label: number, predicted: number, count: number}[]} */
  const off = [];
  for (let label = 0; label < classes; ++label) {
    for (let predicted = 0; predicted < classes; ++predicted) {
      const count = confusion[label * classes + predicted];
      rowTotals[label] += count;
      columnTotals[predicted] += count;
      if (label === predicted) right += count;
      else if (count > 0) off.push({ label, predicted, count });
    }
  }
  off.sort((a, b) => b.count - a.count || a.label - b.label || a.predicted - b.predicted);
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const recall = rowTotals.map((n, label) => (n > 0 ? confusion[label * classes + label] / n : NaN));
  return { rowTotals, columnTotals, total, right, recall, mostConfused: off.slice(0, 3) };
}

/**
 * The class with the highest probability (the first of equals); -1 for none.
 * @param {ArrayLike<number>} probabilities
 */
export function argmax(probabilities) {
  let best = -1;
  for (let k = 0; k < probabilities.length; ++k) if (best < 0 || probabilities[k] > probabilities[best]) best = k;
  return best;
}

/**
 * The first row from which the answer after each row stays what it is after the last one: where the model has
 * made up its mind (0 if it never wavers; `rows` - 1 if only the last row decides).
 * @param {ArrayLike<number>} perRow  (rows * classes)
 * @param {number} rows
 * @param {number} classes
 */
export function settledRow(perRow, rows, classes) {
  const answer = (/** @type {number} */ t) => argmax(Array.prototype.slice.call(perRow, t * classes, (t + 1) * classes));
  const final = answer(rows - 1);
  let t = rows - 1;
  while (t > 0 && answer(t - 1) === final) --t;
  return t;
}
