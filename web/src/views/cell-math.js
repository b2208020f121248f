// The arithmetic of one recurrent cell at one step, in plain loops, for the equation view: it recomputes
// h_t from x_t, h_{t-1} (and c_{t-1}) and the weights, keeping every intermediate vector so each can be shown.
// No DOM. Formulas, gate order and parameter names are PyTorch's (torch.nn.RNN / LSTM / GRU).

/** @typedef {import('../api/rnnlab.js').LayerTrace} LayerTrace */
/** @typedef {import('../worker/protocol.js').WeightCopy} WeightCopy  a parameter's values (api's ParameterCopy without its gradient) */
/** @typedef {import('../api/rnnlab.js').Tensor} Tensor */
/** @typedef {LayerTrace['kind']} CellKind */

/**
 * A layer's parameters by role, as layerParameters finds them (null: not in the model).
 * @typedef {{weightIh: WeightCopy | null, weightHh: WeightCopy | null,
 *            biasIh: WeightCopy | null, biasHh: WeightCopy | null}} LayerWeights
 */

/**
 * What one step needs: weight_ih (G*H, I), weight_hh (G*H, H) and the biases (G*H) or null.
 * @typedef {{weightIh: {value: Float32Array}, weightHh: {value: Float32Array},
 *            biasIh?: {value: Float32Array} | null, biasHh?: {value: Float32Array} | null}} CellWeights
 */

/**
 * The four affine terms of one gate (or of the RNN's only one), each (H).
 * @typedef {object} AffineTerms
 * @property {Float64Array} wx  W_i? x_t
 * @property {Float64Array} uh  W_h? h_{t-1}
 * @property {Float64Array} bIh
 * @property {Float64Array} bHh
 */

/** @typedef {AffineTerms & {name: string, pre: Float64Array, value: Float64Array}} GateStep  one gate, each (H) */

/**
 * @typedef {object} StepInputs
 * @property {Float64Array} x  (I)
 * @property {Float64Array} hPrev  (H)
 * @property {number} H
 * @property {number} I
 * @property {Float64Array} h  (H) the step's result
 */

/** @typedef {StepInputs & AffineTerms & {kind: 'rnn_tanh' | 'rnn_relu', pre: Float64Array}} RnnStep */
/** @typedef {StepInputs & {kind: 'lstm', cPrev: Float64Array, gates: GateStep[], c: Float64Array, tanhC: Float64Array}} LstmStep */
/** @typedef {StepInputs & {kind: 'gru', gates: GateStep[]}} GruStep */
/** @typedef {RnnStep | LstmStep | GruStep} CellStep */
/** @typedef {CellStep & {t: number, traceH: Float64Array, maxDifference: number}} ComputedStep */

/** @param {number} v */
const sigmoid = (v) => 1 / (1 + Math.exp(-v));

/**
 * y = W v (+ b), W row-major (rows, cols), taking rows [row0, row0 + rows).
 * @param {ArrayLike<number>} W
 * @param {number} cols
 * @param {ArrayLike<number>} v  (cols)
 * @param {ArrayLike<number> | null} b
 * @param {number} row0
 * @param {number} rows
 * @returns {Float64Array} (rows)
 */
export function affine(W, cols, v, b, row0, rows) {
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; ++r) {
    let sum = b ? b[row0 + r] : 0;
    const offset = (row0 + r) * cols;
    for (let c = 0; c < cols; ++c) sum += W[offset + c] * v[c];
    y[r] = sum;
  }
  return y;
}

/**
 * The parameters of one layer and direction: {weightIh, weightHh, biasIh, biasHh} (each a WeightCopy or
 * null), found by PyTorch's names: `weight_ih_l{k}` / `weight_ih_l{k}_reverse` for layers, `weight_ih` for a
 * single cell, whatever module prefix ("rnn.") they carry.
 * @param {WeightCopy[]} parameters
 * @param {{layer: number, direction: 'forward' | 'reverse'}} layer
 * @param {boolean} single  the model is a single cell
 * @returns {LayerWeights}
 */
export function layerParameters(parameters, layer, single) {
  const suffix = single ? '' : `_l${layer.layer}${layer.direction === 'reverse' ? '_reverse' : ''}`;
  const find = (/** @type {string} */ base) => parameters.find((p) => {
    const name = p.name.split('.').pop();
    return name === `${base}${suffix}` || (single && name === `${base}_l0`);
  }) ?? null;
  return { weightIh: find('weight_ih'), weightHh: find('weight_hh'), biasIh: find('bias_ih'), biasHh: find('bias_hh') };
}

/**
 * Row t (batch 0) of a (T, B, N) tensor as a Float64Array.
 * @param {Tensor} tensor  (T, B, N)
 * @param {number} t
 * @param {number} batch  B
 * @param {number} size  N
 * @returns {Float64Array} (N)
 */
function stepRow(tensor, t, batch, size) {
  return Float64Array.from(tensor.data.subarray(t * batch * size, t * batch * size + size));
}

/**
 * The state the step t started from: h_{t-1} in the sweep's direction, or the initial state.
 * @param {LayerTrace} layer
 * @param {number} t
 * @param {'h' | 'c'} which  c: LSTM only
 * @returns {Float64Array} (H)
 */
export function previousState(layer, t, which = 'h') {
  const states = which === 'h' ? layer.h : layer.c;
  const initial = which === 'h' ? layer.h0 : layer.c0;
  if (!states || !initial) throw new Error(`equation: a ${layer.kind} layer has no ${which} state`);
  const H = layer.hiddenSize;
  const B = layer.batch;
  const previous = layer.direction === 'reverse' ? t + 1 : t - 1;
  if (previous < 0 || previous >= layer.steps) return Float64Array.from(initial.data.subarray(0, H));
  return stepRow(states, previous, B, H);
}

/**
 * Recomputes step t of `layer` with `weights` (from layerParameters). Returns the inputs, every intermediate
 * and the result, plus `traceH` (the h_t the trace recorded) and `maxDifference` between the two.
 * @param {LayerTrace} layer
 * @param {number} t
 * @param {LayerWeights} weights
 * @returns {ComputedStep}
 */
export function computeStep(layer, t, weights) {
  const H = layer.hiddenSize;
  const B = layer.batch;
  const x = stepRow(layer.x, t, B, layer.inputSize);
  const hPrev = previousState(layer, t, 'h');
  const cPrev = layer.kind === 'lstm' ? previousState(layer, t, 'c') : null;
  const { weightIh, weightHh, biasIh, biasHh } = weights;
  if (!weightIh?.value || !weightHh?.value)
    throw new Error(`equation: no weights found for ${layer.kind} layer ${layer.layer}`);
  const step = cellStep(layer.kind, x, hPrev, cPrev, { weightIh, weightHh, biasIh, biasHh });
  const traceH = stepRow(layer.h, t, B, H);
  const maxDifference = step.h.reduce((m, v, j) => Math.max(m, Math.abs(v - traceH[j])), 0);
  return { ...step, t, traceH, maxDifference };
}

/**
 * One step of a cell of `kind` ('rnn_tanh', 'rnn_relu', 'lstm', 'gru') from x_t (I), h_{t-1} (H), c_{t-1} (H,
 * LSTM only) and `weights` (from layerParameters: weight_ih (G*H, I), weight_hh (G*H, H), biases (G*H) or
 * null), in float64. Returns the inputs, every intermediate (`gates`: one {name, wx, uh, bIh, bHh, pre, value}
 * per gate in PyTorch's order) and `h` (and `c`, `tanhC`).
 * @param {CellKind} kind
 * @param {Float64Array} x  (I)
 * @param {Float64Array} hPrev  (H)
 * @param {Float64Array | null} cPrev  (H), LSTM only
 * @param {CellWeights} weights
 * @returns {CellStep}
 */
export function cellStep(kind, x, hPrev, cPrev, weights) {
  const H = hPrev.length;
  const I = x.length;
  const W = weights.weightIh.value;
  const U = weights.weightHh.value;
  const bI = weights.biasIh?.value ?? null;
  const bH = weights.biasHh?.value ?? null;
  const inputs = { x, hPrev, H, I };

  if (kind === 'rnn_tanh' || kind === 'rnn_relu') {
    const wx = affine(W, I, x, null, 0, H);
    const uh = affine(U, H, hPrev, null, 0, H);
    const bIh = bI ? Float64Array.from(bI) : new Float64Array(H);
    const bHh = bH ? Float64Array.from(bH) : new Float64Array(H);
    const pre = wx.map((v, j) => v + bIh[j] + uh[j] + bHh[j]);
    const h = pre.map((v) => (kind === 'rnn_tanh' ? Math.tanh(v) : Math.max(0, v)));
    return { kind, ...inputs, wx, uh, bIh, bHh, pre, h };
  }
  if (kind === 'lstm') {
    if (!cPrev) throw new Error('equation: an LSTM step needs c_{t-1}');
    const gates = ['i', 'f', 'g', 'o'].map((name, k) => {
      const wx = affine(W, I, x, null, k * H, H);
      const uh = affine(U, H, hPrev, null, k * H, H);
      const bIh = bI ? bI.slice(k * H, (k + 1) * H) : new Float32Array(H);
      const bHh = bH ? bH.slice(k * H, (k + 1) * H) : new Float32Array(H);
      const pre = wx.map((v, j) => v + bIh[j] + uh[j] + bHh[j]);
      const value = pre.map((v) => (name === 'g' ? Math.tanh(v) : sigmoid(v)));
      return { name, wx, uh, bIh: Float64Array.from(bIh), bHh: Float64Array.from(bHh), pre, value };
    });
    const [i, f, g, o] = gates.map((gate) => gate.value);
    const c = f.map((fv, j) => fv * cPrev[j] + i[j] * g[j]);
    const tanhC = c.map(Math.tanh);
    const h = o.map((ov, j) => ov * tanhC[j]);
    return { kind, ...inputs, cPrev, gates, c, tanhC, h };
  }
  if (kind === 'gru') {
    const [r, z, n] = ['r', 'z', 'n'].map((name, k) => ({
      name,
      wx: affine(W, I, x, null, k * H, H),
      uh: affine(U, H, hPrev, null, k * H, H),
      bIh: bI ? Float64Array.from(bI.slice(k * H, (k + 1) * H)) : new Float64Array(H),
      bHh: bH ? Float64Array.from(bH.slice(k * H, (k + 1) * H)) : new Float64Array(H),
    }));
    const rPre = r.wx.map((v, j) => v + r.bIh[j] + r.uh[j] + r.bHh[j]);
    const rValue = rPre.map(sigmoid);
    const zPre = z.wx.map((v, j) => v + z.bIh[j] + z.uh[j] + z.bHh[j]);
    const zValue = zPre.map(sigmoid);
    // n = tanh(W_in x + b_in + r * (W_hn h + b_hn)): the reset gate scales the recurrent part only.
    const nPre = n.wx.map((v, j) => v + n.bIh[j] + rValue[j] * (n.uh[j] + n.bHh[j]));
    const nValue = nPre.map(Math.tanh);
    const h = nValue.map((nv, j) => (1 - zValue[j]) * nv + zValue[j] * hPrev[j]);
    const gates = [{ ...r, pre: rPre, value: rValue }, { ...z, pre: zPre, value: zValue }, { ...n, pre: nPre, value: nValue }];
    return { kind, ...inputs, gates, h };
  }
  throw new Error(`equation: unknown cell kind ${kind}`);
}
