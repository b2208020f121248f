// The numbers behind the inside view of a digit (inside-digit.js), without the DOM (Node tests hold them): one
// unit's value after each of the 28 rows, the digit drawn over its rows tinted by those values, the saliency
// d log p(class) / d pixel as a heat map, and the classes after a row.
//
//   const values = unitOverRows(activations, {layer, direction, unit, kind});   // Float32Array(28)
//   context.putImageData(new ImageData(tintedRowsRgba(pixels, values, scale), 28, 28), 0, 0);
//   const { rgba, scale } = saliencyRgba(gradient);                             // 784 cells, blue - / orange +
import { divergingPixel } from './colors.js';

export const SIDE = 28;
/** The page's ink (PALETTE.ink) as RGB. */
const INK = [31, 35, 40];

/**
 * The chosen unit's h (or c) after each step of one slot (layer * directions + direction).
 * @param {import('../api/rnnlab.js').Activations} a
 * @param {{layer: number, direction: number, unit: number, kind: string}} unit
 * @returns {Float32Array} (T)
 */
export function unitOverRows(a, unit) {
  const states = unit.kind === 'c' && a.c ? a.c : a.h;
  const slot = unit.layer * a.directions + unit.direction;
  const values = new Float32Array(a.steps);
  for (let t = 0; t < a.steps; t++) values[t] = states.data[(slot * a.steps + t) * a.hidden + unit.unit];
  return values;
}

/** The largest |v| of `values`, at least 1e-6 (a scale for the colours). @param {ArrayLike<number>} values */
export function largestMagnitude(values) {
  let top = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) top = Math.max(top, Math.abs(values[i]));
  return Math.max(top, 1e-6);
}

/** @param {number} packed @returns {[number, number, number]} */
function unpack(packed) {
  return [packed & 255, (packed >>> 8) & 255, (packed >>> 16) & 255];
}

/**
 * RGBA (784 * 4) of the digit over its rows: row r's ground is diverging(values[r], scale), and each pixel's ink
 * (0 .. 1) mixes the page's ink over it, so the strokes stay readable on every tint.
 * @param {ArrayLike<number>} pixels  (784) in [0, 1]
 * @param {ArrayLike<number>} values  (28) the unit after each row
 * @param {number} scale
 * @returns {Uint8ClampedArray<ArrayBuffer>}
 */
export function tintedRowsRgba(pixels, values, scale) {
  const rgba = new Uint8ClampedArray(SIDE * SIDE * 4);
  for (let r = 0; r < SIDE; r++) {
    const ground = unpack(divergingPixel(values[r], scale));
    for (let x = 0; x < SIDE; x++) {
      const p = r * SIDE + x;
      const ink = Math.max(0, Math.min(1, pixels[p]));
      for (let k = 0; k < 3; k++) rgba[4 * p + k] = Math.round(ground[k] + (INK[k] - ground[k]) * ink);
      rgba[4 * p + 3] = 255;
    }
  }
  return rgba;
}

/**
 * The saliency of every pixel as a heat map: blue where more ink would lower log p(class), orange where it would
 * raise it, scaled by the largest |gradient|.
 * @param {ArrayLike<number>} gradient  (784) d log p(class) / d pixel
 * @returns {{rgba: Uint8ClampedArray<ArrayBuffer>, scale: number}}
 */
export function saliencyRgba(gradient) {
  const scale = largestMagnitude(gradient);
  const rgba = new Uint8ClampedArray(gradient.length * 4);
  for (let p = 0; p < gradient.length; p++) {
    const [r, g, b] = unpack(divergingPixel(gradient[p], scale));
    rgba[4 * p] = r, rgba[4 * p + 1] = g, rgba[4 * p + 2] = b, rgba[4 * p + 3] = 255;
  }
  return { rgba, scale };
}

/**
 * The classes after row `row` (0-based), most probable first.
 * @param {import('../api/rnnlab.js').TopK} topk
 * @param {number} row
 * @returns {{klass: number, probability: number}[]}
 */
export function classesAfterRow(topk, row) {
  const out = [];
  for (let j = 0; j < topk.k; j++) out.push({ klass: topk.classes[row * topk.k + j], probability: topk.probabilities[row * topk.k + j] });
  return out;
}
