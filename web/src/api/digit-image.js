// A drawn digit -> the 28x28 input the digits models read, made the way MNIST made its images (LeCun, Cortes and
// Burges: "size normalized to fit in a 20x20 pixel box while preserving their aspect ratio ... centered in a 28x28
// image by computing the center of mass of the pixels"). Pure math, no DOM: the draw pad hands over its canvas's
// pixels, a Node test hands over an array.
//
//   const ink = inkFromRgba(imageData.data, width, height);   // (H, W) in [0, 1], 1 = full ink
//   const input = mnistFromInk(ink, width, height);          // Float32Array (784), row-major, in [0, 1]
//
// The steps are those of the C++ function behind `rnnlab predict --image` and Rnnlab.digitImage
// (src/io/digit_image.h), so a drawing on the page and a PNG on the command line are read alike (a Node test holds
// the two equal on drawings and enlarged MNIST digits):
// 1. the ink's bounding box: the rows and columns with any ink (a pixel above INK_THRESHOLD, 0: MNIST boxed its
//    binary NIST scans, where any ink counts);
// 2. the box scaled by s = 20 / max(box width, box height) to ow x oh pixels, ow = round(bw * s) clamped to 1..20
//    (likewise oh), the longer side exactly 20; each output pixel is the area average of the source rectangle it
//    covers ([x0 + j * bw / ow, x0 + (j + 1) * bw / ow) across, the same down), partly covered source pixels
//    weighted by the part covered. The average is separable: rows first, then columns;
// 3. its centre of mass in pixel-index coordinates, as MNIST computed it: pixel (row i, column j) at (j, i),
//    cx = sum v * j / sum v (likewise cy), rounded to 1/65536 of a pixel (CENTRE_GRID) so that float rounding
//    cannot tip a half-pixel tie one way here and the other way in the C++;
// 4. placed in the 28x28 frame at column round(14 - cx), row round(14 - cy) (halves up), clamped so the whole box
//    stays in: the centre of mass lands on index (14, 14), or within half a pixel of it, as in MNIST's own digits
//    (an MNIST digit enlarged onto a pad comes back pixel for pixel: digit-image.test.js).
// A 28 x 28 picture is taken as it is (it already is a digit). MNIST's pixels are 0 = background and 1 (255) = ink,
// as here.
import { RnnlabError } from './rnnlab.js';

/** MNIST's image side, the box the digit is scaled into, and where its centre of mass goes. */
export const IMAGE_SIDE = 28;
export const DIGIT_BOX = 20;
const CENTRE = IMAGE_SIDE / 2;
/** A pixel is ink, for the bounding box, above this (kDigitInkThreshold): any ink, as in MNIST's binary scans. */
export const INK_THRESHOLD = 0;
/** The centre of mass is rounded to 1 / CENTRE_GRID of a pixel (kDigitCentreGrid). */
export const CENTRE_GRID = 65536;
/** The largest drawing accepted (a 4096 x 4096 canvas; a phone's pad is a few hundred pixels a side). */
export const MAX_DRAWING_PIXELS = 4096 * 4096;

/**
 * The ink of an RGBA image (a canvas's ImageData): its alpha, or for an opaque image without transparency its
 * darkness (1 - luminance), in [0, 1].
 * @param {ArrayLike<number>} rgba  (H, W, 4) bytes
 * @param {number} width
 * @param {number} height
 * @param {'alpha' | 'dark'} [from]  alpha: ink drawn on a transparent canvas; dark: dark ink on white
 * @returns {Float32Array} (H, W)
 */
export function inkFromRgba(rgba, width, height, from = 'alpha') {
  checkSize(width, height);
  if (rgba.length !== 4 * width * height)
    throw new RnnlabError(`image: ${rgba.length} bytes, expected 4 x ${width} x ${height} = ${4 * width * height} (RGBA)`, 'image');
  const ink = new Float32Array(width * height);
  for (let p = 0; p < ink.length; ++p) {
    if (from === 'alpha') {
      ink[p] = rgba[4 * p + 3] / 255;
    } else {
      const luminance = (0.299 * rgba[4 * p] + 0.587 * rgba[4 * p + 1] + 0.114 * rgba[4 * p + 2]) / 255;
      ink[p] = 1 - luminance;
    }
  }
  return ink;
}

/**
 * The 28x28 MNIST-style input of a drawing (the steps above).
 * @param {ArrayLike<number>} ink  (H, W) in [0, 1], 0 = background
 * @param {number} width
 * @param {number} height
 * @returns {Float32Array} (28 * 28) row-major, in [0, 1]
 */
export function mnistFromInk(ink, width, height) {
  checkSize(width, height);
  if (ink.length !== width * height)
    throw new RnnlabError(`image: ${ink.length} pixels, expected ${width} x ${height} = ${width * height}`, 'image');
  const box = inkBox(ink, width, height);
  if (!box) throw new RnnlabError('image: no ink (every pixel is background): draw a digit first', 'image');
  if (width === IMAGE_SIDE && height === IMAGE_SIDE) return Float32Array.from(ink);  // a digit already
  const scale = DIGIT_BOX / Math.max(box.width, box.height);
  const ow = Math.min(DIGIT_BOX, Math.max(1, Math.floor(box.width * scale + 0.5)));
  const oh = Math.min(DIGIT_BOX, Math.max(1, Math.floor(box.height * scale + 0.5)));
  const scaled = areaResample(ink, width, box, ow, oh);  // (oh, ow)
  const { cx, cy } = centreOfMass(scaled, ow, oh);
  const onGrid = (/** @type {number} */ c) => Math.round(c * CENTRE_GRID) / CENTRE_GRID;
  const left = Math.min(IMAGE_SIDE - ow, Math.max(0, Math.floor(CENTRE - onGrid(cx) + 0.5)));
  const top = Math.min(IMAGE_SIDE - oh, Math.max(0, Math.floor(CENTRE - onGrid(cy) + 0.5)));
  const out = new Float32Array(IMAGE_SIDE * IMAGE_SIDE);
  for (let i = 0; i < oh; ++i) out.set(scaled.subarray(i * ow, (i + 1) * ow), (top + i) * IMAGE_SIDE + left);
  return out;
}

/**
 * The smallest rectangle holding every pixel above `threshold`; null for an image without ink.
 * @param {ArrayLike<number>} ink  (H, W)
 * @param {number} width
 * @param {number} height
 * @param {number} [threshold]
 * @returns {{x: number, y: number, width: number, height: number} | null}
 */
export function inkBox(ink, width, height, threshold = INK_THRESHOLD) {
  let left = width, right = -1, top = height, bottom = -1;
  for (let y = 0; y < height; ++y) {
    for (let x = 0; x < width; ++x) {
      if (!(ink[y * width + x] > threshold)) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  return right < 0 ? null : { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/**
 * The box of `ink` resampled to ow x oh by area averaging: each output pixel is the mean of the source rectangle
 * it covers. Rows first ((bh, ow)), then columns ((oh, ow)).
 * @param {ArrayLike<number>} ink  (H, W)
 * @param {number} width  W
 * @param {{x: number, y: number, width: number, height: number}} box
 * @param {number} ow
 * @param {number} oh
 * @returns {Float32Array} (oh, ow)
 */
function areaResample(ink, width, box, ow, oh) {
  const across = coverage(box.width, ow);
  const down = coverage(box.height, oh);
  const rows = new Float64Array(box.height * ow);  // (bh, ow)
  for (let y = 0; y < box.height; ++y) {
    const source = (box.y + y) * width + box.x;
    for (const { out, from, weight } of across) rows[y * ow + out] += weight * ink[source + from];
  }
  const result = new Float32Array(oh * ow);  // (oh, ow)
  const sums = new Float64Array(oh * ow);
  for (const { out, from, weight } of down) {
    for (let j = 0; j < ow; ++j) sums[out * ow + j] += weight * rows[from * ow + j];
  }
  for (let k = 0; k < sums.length; ++k) result[k] = Math.min(1, Math.max(0, sums[k]));
  return result;
}

/**
 * The weights of a 1-D area resampling of n source pixels to m: output k covers [k n/m, (k+1) n/m) and takes
 * each source pixel by the length it overlaps, over the length of the span (the weights of an output sum to 1).
 * @param {number} n
 * @param {number} m
 * @returns {{out: number, from: number, weight: number}[]}
 */
export function coverage(n, m) {
  /** @type {{out: number, from: number, weight: number}[]} */
  const weights = [];
  const span = n / m;
  for (let k = 0; k < m; ++k) {
    // Integer arithmetic for the ends where possible: k * n / m exactly when it is whole.
    const a = (k * n) / m, b = ((k + 1) * n) / m;
    for (let s = Math.floor(a); s < Math.min(n, Math.ceil(b)); ++s) {
      const overlap = Math.min(b, s + 1) - Math.max(a, s);
      if (overlap > 0) weights.push({ out: k, from: s, weight: overlap / span });
    }
  }
  return weights;
}

/**
 * The centre of mass of an image in pixel-index coordinates (MNIST's), pixel (i, j) at (j, i).
 * @param {ArrayLike<number>} image  (h, w)
 * @param {number} w
 * @param {number} h
 * @returns {{cx: number, cy: number}}
 */
export function centreOfMass(image, w, h) {
  let mass = 0, mx = 0, my = 0;
  for (let i = 0; i < h; ++i) {
    for (let j = 0; j < w; ++j) {
      const v = image[i * w + j];
      mass += v;
      mx += v * j;
      my += v * i;
    }
  }
  return mass > 0 ? { cx: mx / mass, cy: my / mass } : { cx: (w - 1) / 2, cy: (h - 1) / 2 };
}

/** @param {number} width @param {number} height */
function checkSize(width, height) {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width * height > MAX_DRAWING_PIXELS)
    throw new RnnlabError(`image: ${width} x ${height} pixels, expected whole sides of at least 1 and at most ${MAX_DRAWING_PIXELS} pixels in all`, 'image');
}
