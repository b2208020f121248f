// Torch's recurrences written out in plain JS (float64), to check the trace the wasm build records: given the
// weights a step used and the x_t, h0 (and c0) the trace reports, every h_t, c_t and gate must come out again.

/**
 * @param {Float32Array} w  (R, C) row-major
 * @param {ArrayLike<number>} v  (C)
 * @param {number} rows
 */
function matvec(w, v, rows) {
  const cols = v.length;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; ++r) {
    let s = 0;
    for (let c = 0; c < cols; ++c) s += w[r * cols + c] * v[c];
    out[r] = s;
  }
  return out;
}

const sigmoid = (/** @type {number} */ x) => 1 / (1 + Math.exp(-x));

/**
 * Runs one layer and direction over x (T, B=1, I).
 * @param {{kind: string, reverse: boolean, T: number, H: number, x: Float32Array, h0: Float32Array, c0?: Float32Array | null,
 *          wih: Float32Array, whh: Float32Array, bih: Float32Array, bhh: Float32Array}} a
 * @returns {{h: Float64Array[], c: Float64Array[], gates: Float64Array[][]}} per time step t (time order)
 */
export function runLayer(a) {
  const { kind, reverse, T, H } = a;
  const I = a.x.length / T;
  const G = kind === 'lstm' ? 4 : kind === 'gru' ? 3 : 1;
  /** @type {Float64Array[]} */ const hs = new Array(T);
  /** @type {Float64Array[]} */ const cs = new Array(T);
  /** @type {Float64Array[][]} */ const gates = new Array(T);
  let h = Float64Array.from(a.h0);
  let c = Float64Array.from(a.c0 ?? new Float32Array(H));
  for (let k = 0; k < T; ++k) {
    const t = reverse ? T - 1 - k : k;
    const xi = matvec(a.wih, a.x.subarray(t * I, (t + 1) * I), G * H);
    const hh = matvec(a.whh, h, G * H);
    for (let j = 0; j < G * H; ++j) { xi[j] += a.bih[j]; hh[j] += a.bhh[j]; }
    const next = new Float64Array(H);
    if (kind === 'rnn_tanh' || kind === 'rnn_relu') {
      for (let j = 0; j < H; ++j) {
        const s = xi[j] + hh[j];
        next[j] = kind === 'rnn_tanh' ? Math.tanh(s) : Math.max(0, s);
      }
      gates[t] = [];
    } else if (kind === 'lstm') {
      const [i, f, g, o] = [0, 1, 2, 3].map(() => new Float64Array(H));
      const cNext = new Float64Array(H);
      for (let j = 0; j < H; ++j) {
        i[j] = sigmoid(xi[j] + hh[j]);
        f[j] = sigmoid(xi[H + j] + hh[H + j]);
        g[j] = Math.tanh(xi[2 * H + j] + hh[2 * H + j]);
        o[j] = sigmoid(xi[3 * H + j] + hh[3 * H + j]);
        cNext[j] = f[j] * c[j] + i[j] * g[j];
        next[j] = o[j] * Math.tanh(cNext[j]);
      }
      c = cNext;
      gates[t] = [i, f, g, o];
    } else {  // gru: r, z, n as torch
      const [r, z, n] = [0, 1, 2].map(() => new Float64Array(H));
      for (let j = 0; j < H; ++j) {
        r[j] = sigmoid(xi[j] + hh[j]);
        z[j] = sigmoid(xi[H + j] + hh[H + j]);
        n[j] = Math.tanh(xi[2 * H + j] + r[j] * hh[2 * H + j]);
        next[j] = (1 - z[j]) * n[j] + z[j] * h[j];
      }
      gates[t] = [r, z, n];
    }
    h = next;
    hs[t] = h;
    cs[t] = c;
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
