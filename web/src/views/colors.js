// The colour scales of the views (no DOM): a diverging blue-white-orange for signed activations, as in
// tensorflow/playground, and a sequential one for values in [0, 1] such as gates and probabilities.
// Colour-blind safe: blue against orange, and right (bluish green) against wrong (vermillion) from Okabe and Ito's
// palette, stay far apart under simulated protanopia, deuteranopia and tritanopia (test/node/colors.test.js
// measures it); a red-green pair would not.

/** @typedef {readonly [number, number, number]} Rgb */

/** @type {Rgb} */
export const NEGATIVE = [49, 104, 176];   // blue
/** @type {Rgb} */
const MIDDLE = [246, 246, 243];    // warm white
/** @type {Rgb} */
export const POSITIVE = [226, 124, 40];   // orange
/** @type {Rgb} */
const SEQUENTIAL_LOW = [246, 246, 243];
/** @type {Rgb} */
const SEQUENTIAL_HIGH = [40, 92, 104]; // deep teal

/** @param {Rgb} a @param {Rgb} b @param {number} t  0 = a, 1 = b @returns {string} a CSS colour */
function mix(a, b, t) {
  return `rgb(${Math.round(a[0] + (b[0] - a[0]) * t)},${Math.round(a[1] + (b[1] - a[1]) * t)},${Math.round(a[2] + (b[2] - a[2]) * t)})`;
}

/**
 * Signed value in roughly [-scale, scale] -> blue (negative), white (0), orange (positive).
 * @param {number} value
 * @returns {string} a CSS colour
 */
export function diverging(value, scale = 1) {
  if (!Number.isFinite(value)) return '#cc2a8a';
  const t = Math.max(-1, Math.min(1, value / scale));
  return t < 0 ? mix(MIDDLE, NEGATIVE, -t) : mix(MIDDLE, POSITIVE, t);
}

/**
 * diverging(value, scale) as the background of text in the page's ink (#1f2328), with whether the text must be white
 * instead: a colour between the two (where neither ink nor white reaches WCAG's 4.5:1) is taken a little further
 * along its side of the scale, to the first step where white does.
 * @param {number} value
 * @returns {{background: string, light: boolean}}
 */
export function divergingText(value, scale = 1) {
  if (!Number.isFinite(value)) return { background: diverging(value), light: false };
  const t = Math.max(-1, Math.min(1, value / scale));
  const [a, b] = t < 0 ? [MIDDLE, NEGATIVE] : [MIDDLE, POSITIVE];
  const linear = (/** @type {number} */ v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const luminance = (/** @type {number} */ s) => {
    const [r, g, bl] = [0, 1, 2].map((i) => linear(Math.round(a[i] + (b[i] - a[i]) * s) / 255));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const INK_NEEDS = 0.2434, WHITE_NEEDS = 0.1833;  // the backgrounds' luminance for 4.5:1 with #1f2328, with white
  let s = Math.abs(t);
  if (luminance(s) >= INK_NEEDS) return { background: mix(MIDDLE, b, s), light: false };
  while (luminance(s) > WHITE_NEEDS && s < 1) s = Math.min(1, s + 0.01);
  return { background: mix(MIDDLE, b, s), light: luminance(s) <= WHITE_NEEDS };
}

/**
 * Value in [0, 1] -> white .. teal.
 * @param {number} value
 * @returns {string} a CSS colour
 */
export function sequential(value) {
  if (!Number.isFinite(value)) return '#cc2a8a';
  return mix(SEQUENTIAL_LOW, SEQUENTIAL_HIGH, Math.max(0, Math.min(1, value)));
}

// The same scales as packed RGBA pixels (ImageData's byte order on little-endian machines, i.e. all of them
// in practice), for heat maps too large to draw square by square.
const LEVELS = 256;
/** @param {Rgb} rgb @returns {number} */
function pack([r, g, b]) {
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}
/** @param {Rgb} a @param {Rgb} b @param {number} t @returns {Rgb} */
function lerp(a, b, t) {
  /** @param {number} k */
  const at = (k) => Math.round(a[k] + (b[k] - a[k]) * t);
  return [at(0), at(1), at(2)];
}
const DIVERGING_PIXELS = Uint32Array.from({ length: 2 * LEVELS + 1 }, (_, k) => {
  const t = (k - LEVELS) / LEVELS;
  return pack(t < 0 ? lerp(MIDDLE, NEGATIVE, -t) : lerp(MIDDLE, POSITIVE, t));
});
const SEQUENTIAL_PIXELS = Uint32Array.from({ length: LEVELS + 1 }, (_, k) => pack(lerp(SEQUENTIAL_LOW, SEQUENTIAL_HIGH, k / LEVELS)));
const NOT_FINITE_PIXEL = pack([204, 42, 138]);

/**
 * diverging() as a packed RGBA pixel.
 * @param {number} value
 * @returns {number}
 */
export function divergingPixel(value, scale = 1) {
  if (!Number.isFinite(value)) return NOT_FINITE_PIXEL;
  const t = Math.max(-1, Math.min(1, value / scale));
  return DIVERGING_PIXELS[Math.round(t * LEVELS) + LEVELS];
}

/**
 * sequential() as a packed RGBA pixel.
 * @param {number} value
 * @returns {number}
 */
export function sequentialPixel(value) {
  if (!Number.isFinite(value)) return NOT_FINITE_PIXEL;
  return SEQUENTIAL_PIXELS[Math.round(Math.max(0, Math.min(1, value)) * LEVELS)];
}

/** Colours used by charts; kept here so every view agrees. */
export const PALETTE = {
  ink: '#1f2328',
  muted: '#6a7078',
  grid: '#e6e6e1',
  accent: '#2d6f7c',
  truth: '#8a8f96',
  oneStep: '#e07c28',
  validation: '#e07c28',
  generation: '#2d6f7c',
  right: '#009e73',   // Okabe-Ito bluish green
  wrong: '#d55e00',   // Okabe-Ito vermillion
  // Compare mode's models, in order: Okabe-Ito blue, vermillion and black, the three of its colours that stay
  // furthest apart under every colour-vision deficiency (ΔE 57 or more, test/node/colors.test.js) and each at
  // least 3:1 against the white plot.
  compare: ['#0072b2', '#d55e00', '#000000'],
  layers: ['#2d6f7c', '#e07c28', '#7a5cc4', '#3b8f3a', '#c2453a', '#8a6d3b', '#3168b0', '#a34a8c'],
};
