// Torch's recurrences written out in plain JS (float64), to check the trace the wasm build records: given the
// weights a step used and the x_t, h0 (and c0) the trace reports, every h_t, c_t and gate must come out again.
// The step arithmetic is the equation view's (web/src/views/cell-math.js), so the page and this check share it.

import { cellStep } from '../../src/views/cell-math.js';

/**
 * Runs one layer and direction over x (T, B=1, I), each step by the equation view's cell math
 * (web/src/views/cell-math.js), carrying its own h and c from h0 and c0.
 * @param {{kind: string, reverse: boolean, T: number, H: number, x: Float32Array, h0: Float32Array, c0?: Float32Array | null,
 *          wih: Float32Array, whh: Float32Array, bih: Float32Array, bhh: Float32Array}} a
 * @returns {{h: Float64Array[], c: Float64Array[], gates: Float64Array[][]}} per time step t (time order)
 */
export function runLayer(a) {
  const { kind, reverse, T, H } = a;
  const I = a.x.length / T;
  const weights = { weightIh: { value: a.wih }, weightHh: { value: a.whh }, biasIh: { value: a.bih }, biasHh: { value: a.bhh } };
  /** @type {Float64Array[]} */ const hs = new Array(T);
  /** @type {Float64Array[]} */ const cs = new Array(T);
  /** @type {Float64Array[][]} */ const gates = new Array(T);
  let h = Float64Array.from(a.h0);
  let c = Float64Array.from(a.c0 ?? new Float32Array(H));
  for (let k = 0; k < T; ++k) {
    const t = reverse ? T - 1 - k : k;
    const step = cellStep(kind, Float64Array.from(a.x.subarray(t * I, (t + 1) * I)), h, c, weights);
    h = step.h;
    if (kind === 'lstm') c = step.c;
    hs[t] = h;
    cs[t] = c;
    gates[t] = (step.gates ?? []).map((/** @type {{value: Float64Array}} */ gate) => gate.value);
  }
  return { h: hs, c: cs, gates };
}

/**
 * The parameters of a layer and direction from parameters(): cells are "rnn.weight_ih", layers
 * "rnn.weight_ih_l0" / "rnn.weight_ih_l0_reverse".
 * @param {{name: string, value: Float32Array}[]} params
 * @param {'cell' | 'layer'} arch
 * @param {number} layer
 * @param {boolean} reverse
 */
export function layerWeights(params, arch, layer, reverse) {
  const suffix = arch === 'cell' ? '' : `_l${layer}${reverse ? '_reverse' : ''}`;
  const get = (/** @type {string} */ n) => {
    const p = params.find((q) => q.name === `rnn.${n}${suffix}`);
    if (!p) throw new Error(`no parameter rnn.${n}${suffix}`);
    return p.value;
  };
  return { wih: get('weight_ih'), whh: get('weight_hh'), bih: get('bias_ih'), bhh: get('bias_hh') };
}

/**
 * Largest |a - b| over two equally long arrays.
 * @param {ArrayLike<number>} a
 * @param {ArrayLike<number>} b
 */
export function maxAbsDiff(a, b) {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; ++i) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
