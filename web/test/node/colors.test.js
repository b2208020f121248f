// The views' colours are told apart by readers with the three common colour-vision deficiencies: each pair that
// carries meaning (negative / positive of the diverging heat map, right / wrong of the top guess) is simulated
// as a protanope, a deuteranope and a tritanope sees it (Machado, Oliveira and Fernandes 2009, severity 1, in
// linear RGB) and the two colours stay at least 30 apart in CIELAB (ΔE*ab; 2.3 is a just-noticeable difference).
// The red-green pair the views used before is measured too: it falls to 13.5 for a protanope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PALETTE, NEGATIVE, POSITIVE, diverging } from '../../src/views/colors.js';

const DEFICIENCIES = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
};

const toLinear = (c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
/** '#rrggbb' or 'rgb(r,g,b)' or [r, g, b] (0..255) -> linear RGB in [0, 1] */
function linear(color) {
  const bytes = Array.isArray(color) ? color
    : color.startsWith('#') ? [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16))
      : color.match(/\d+/g).map(Number);
  return bytes.map((b) => toLinear(b / 255));
}
const simulate = (rgb, m) => m.map((row) => Math.min(1, Math.max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2])));
/** linear sRGB -> CIELAB (D65) */
function lab([r, g, b]) {
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
const deltaE = (a, b) => Math.hypot(...lab(a).map((v, k) => v - lab(b)[k]));

/** ΔE of two colours as seen with each deficiency (and with none). */
function distances(a, b) {
  const out = { none: deltaE(linear(a), linear(b)) };
  for (const [name, m] of Object.entries(DEFICIENCIES)) out[name] = deltaE(simulate(linear(a), m), simulate(linear(b), m));
  return out;
}

test('the simulation and ΔE are right on known values', () => {
  // White stays white for every deficiency (the matrices' rows sum to 1), and black to white is ΔE 100.
  for (const m of Object.values(DEFICIENCIES)) assert.deepEqual(simulate([1, 1, 1], m).map((v) => v.toFixed(4)), ['1.0000', '1.0000', '1.0000']);
  assert.ok(Math.abs(deltaE([0, 0, 0], [1, 1, 1]) - 100) < 1e-6);
  // The red-green pair the views had: fine with normal vision, poor for protanopes.
  const before = distances('#2f8a55', '#c2453a');
  assert.ok(before.none > 80, JSON.stringify(before));
  assert.ok(before.protanopia < 15, JSON.stringify(before));
});

test('right / wrong and the diverging heat map\'s ends stay apart with every colour-vision deficiency', () => {
  for (const [name, a, b] of [['right / wrong', PALETTE.right, PALETTE.wrong], ['negative / positive', NEGATIVE, POSITIVE],
    ['heat map at -1 / +1', diverging(-1), diverging(1)], ['heat map at -0.5 / +0.5', diverging(-0.5), diverging(0.5)]]) {
    const d = distances(a, b);
    for (const [who, value] of Object.entries(d)) {
      assert.ok(value >= (name.includes('0.5') ? 15 : 30), `${name}, ${who}: ΔE ${value.toFixed(1)}`);
    }
  }
});

test('compare mode\'s three model colours stay apart with every colour-vision deficiency', () => {
  const [a, b, c] = PALETTE.compare;
  for (const [x, y] of [[a, b], [a, c], [b, c]]) {
    for (const [who, value] of Object.entries(distances(x, y))) assert.ok(value >= 50, `${x} / ${y}, ${who}: ΔE ${value.toFixed(1)}`);
  }
});
