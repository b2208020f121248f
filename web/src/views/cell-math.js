// The arithmetic of one recurrent cell at one step, in plain loops, for the equation view: it recomputes
// h_t from x_t, h_{t-1} (and c_{t-1}) and the weights, keeping every intermediate vector so each can be shown.
// No DOM. Formulas, gate order and parameter names are PyTorch's (torch.nn.RNN / LSTM / GRU).

const sigmoid = (v) => 1 / (1 + Math.exp(-v));

/** y = W v (+ b), W row-major (rows, cols), taking rows [row0, row0 + rows). */
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
 * The parameters of one layer and direction: {weightIh, weightHh, biasIh, biasHh} (each a ParameterCopy or
 * null), found by PyTorch's names: `weight_ih_l{k}` / `weight_ih_l{k}_reverse` for layers, `weight_ih` for a
 * single cell, whatever module prefix ("rnn.") they carry.
 */
export function layerParameters(parameters, layer, single) {
  const suffix = single ? '' : `_l${layer.layer}${layer.direction === 'reverse' ? '_reverse' : ''}`;
  const find = (base) => parameters.find((p) => {
    const name = p.name.split('.').pop();
    return name === `${base}${suffix}` || (single && name === `${base}_l0`);
  }) ?? null;
  return { weightIh: find('weight_ih'), weightHh: find('weight_hh'), biasIh: find('bias_ih'), biasHh: find('bias_hh') };
}

/** Row t (batch 0) of a (T, B, N) tensor as a Float64Array. */
function stepRow(tensor, t, batch, size) {
  return Float64Array.from(tensor.data.subarray(t * batch * size, t * batch * size + size));
}

/** The state the step t started from: h_{t-1} in the sweep's direction, or the initial state. */
export function previousState(layer, t, which = 'h') {
  const states = which === 'h' ? layer.h : layer.c;
  const initial = which === 'h' ? layer.h0 : layer.c0;
  const H = layer.hiddenSize;
  const B = layer.batch;
  const previous = layer.direction === 'reverse' ? t + 1 : t - 1;
  if (previous < 0 || previous >= layer.steps) return Float64Array.from(initial.data.subarray(0, H));
  return stepRow(states, previous, B, H);
}

/**
 * Recomputes step t of `layer` with `weights` (from layerParameters). Returns the inputs, every intermediate
 * and the result, plus `traceH` (the h_t the trace recorded) and `maxDifference` between the two.
 */
export function computeStep(layer, t, weights) {
  const H = layer.hiddenSize;
  const B = layer.batch;
  const x = stepRow(layer.x, t, B, layer.inputSize);
  const hPrev = previousState(layer, t, 'h');
  const cPrev = layer.kind === 'lstm' ? previousState(layer, t, 'c') : null;
  if (!weights.weightIh?.value || !weights.weightHh?.value)
    throw new Error(`equation: no weights found for ${layer.kind} layer ${layer.layer}`);
  const result = { ...cellStep(layer.kind, x, hPrev, cPrev, weights), t };
  result.traceH = stepRow(layer.h, t, B, H);
  result.maxDifference = result.h.reduce((m, v, j) => Math.max(m, Math.abs(v - result.traceH[j])), 0);
  return result;
}

/**
 * One step of a cell of `kind` ('rnn_tanh', 'rnn_relu', 'lstm', 'gru') from x_t (I), h_{t-1} (H), c_{t-1} (H,
 * LSTM only) and `weights` (from layerParameters: weight_ih (G*H, I), weight_hh (G*H, H), biases (G*H) or
 * null), in float64. Returns the inputs, every intermediate (`gates`: one {name, wx, uh, bIh, bHh, pre, value}
 * per gate in PyTorch's order) and `h` (and `c`, `tanhC`).
 */
export function cellStep(kind, x, hPrev, cPrev, weights) {
  const H = hPrev.length;
  const I = x.length;
  const W = weights.weightIh.value;
  const U = weights.weightHh.value;
  const bI = weights.biasIh?.value ?? null;
  const bH = weights.biasHh?.value ?? null;
  const result = { kind, x, hPrev, H, I };

  if (kind === 'rnn_tanh' || kind === 'rnn_relu') {
    result.wx = affine(W, I, x, null, 0, H);
    result.uh = affine(U, H, hPrev, null, 0, H);
    result.bIh = bI ? Float64Array.from(bI) : new Float64Array(H);
    result.bHh = bH ? Float64Array.from(bH) : new Float64Array(H);
    result.pre = result.wx.map((v, j) => v + result.bIh[j] + result.uh[j] + result.bHh[j]);
    result.h = result.pre.map((v) => (kind === 'rnn_tanh' ? Math.tanh(v) : Math.max(0, v)));
  } else if (kind === 'lstm') {
    result.cPrev = cPrev;
    result.gates = ['i', 'f', 'g', 'o'].map((name, k) => {
      const wx = affine(W, I, x, null, k * H, H);
      const uh = affine(U, H, hPrev, null, k * H, H);
      const bIh = bI ? bI.slice(k * H, (k + 1) * H) : new Float32Array(H);
      const bHh = bH ? bH.slice(k * H, (k + 1) * H) : new Float32Array(H);
      const pre = wx.map((v, j) => v + bIh[j] + uh[j] + bHh[j]);
      const value = pre.map((v) => (name === 'g' ? Math.tanh(v) : sigmoid(v)));
      return { name, wx, uh, bIh: Float64Array.from(bIh), bHh: Float64Array.from(bHh), pre, value };
    });
    const [i, f, g, o] = result.gates.map((gate) => gate.value);
    result.c = f.map((fv, j) => fv * cPrev[j] + i[j] * g[j]);
    result.tanhC = result.c.map(Math.tanh);
    result.h = o.map((ov, j) => ov * result.tanhC[j]);
  } else if (kind === 'gru') {
    result.gates = ['r', 'z', 'n'].map((name, k) => ({
      name,
      wx: affine(W, I, x, null, k * H, H),
      uh: affine(U, H, hPrev, null, k * H, H),
      bIh: bI ? Float64Array.from(bI.slice(k * H, (k + 1) * H)) : new Float64Array(H),
      bHh: bH ? Float64Array.from(bH.slice(k * H, (k + 1) * H)) : new Float64Array(H),
    }));
    const [r, z, n] = result.gates;
    r.pre = r.wx.map((v, j) => v + r.bIh[j] + r.uh[j] + r.bHh[j]);
    r.value = r.pre.map(sigmoid);
    z.pre = z.wx.map((v, j) => v + z.bIh[j] + z.uh[j] + z.bHh[j]);
    z.value = z.pre.map(sigmoid);
    // n = tanh(W_in x + b_in + r * (W_hn h + b_hn)): the reset gate scales the recurrent part only.
    n.pre = n.wx.map((v, j) => v + n.bIh[j] + r.value[j] * (n.uh[j] + n.bHh[j]));
    n.value = n.pre.map(Math.tanh);
    result.h = n.value.map((nv, j) => (1 - z.value[j]) * nv + z.value[j] * hPrev[j]);
  } else {
    throw new Error(`equation: unknown cell kind ${kind}`);
  }
  return result;
}
