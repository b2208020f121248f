// The part of a trace the page draws: its first sequence. A batched task (text: B windows a step) records the
// whole batch, B times what the views use; the worker sends only sequence 0 (the window the prediction shows),
// so a snapshot of the text task's default model carries about 0.5 MB of trace instead of 17 MB.
//
//   post({...snapshot, trace: firstSequence(trainer.trace())})

/** @typedef {import('../api/rnnlab.js').Trace} Trace */
/** @typedef {import('../api/rnnlab.js').LayerTrace} LayerTrace */
/** @typedef {import('../api/rnnlab.js').Tensor} Tensor */

/**
 * Sequence 0 of each (rows, B, width) block of `data`: (rows, width).
 * @param {Float32Array} data  (rows, B, width)
 * @param {number} rows @param {number} batch @param {number} width
 */
function sequenceZero(data, rows, batch, width) {
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; ++r) out.set(data.subarray(r * batch * width, r * batch * width + width), r * width);
  return out;
}

/**
 * @template {Tensor | null} T
 * @param {T} tensor  (rows, B, width) or (B, width)
 * @param {number} batch
 * @returns {T}  the same with B = 1, its other fields (a gate's name) kept
 */
function tensorZero(tensor, batch) {
  if (!tensor) return tensor;
  const shape = tensor.shape;
  const width = shape[shape.length - 1];
  const rows = shape.length === 3 ? shape[0] : 1;
  const data = sequenceZero(tensor.data, rows, batch, width);
  return { ...tensor, data, shape: shape.length === 3 ? [rows, 1, width] : [1, width] };
}

/**
 * The trace with every layer cut to its first sequence (batch 1); a trace of one sequence as it is.
 * @param {Trace | null} trace
 * @returns {Trace | null}
 */
export function firstSequence(trace) {
  if (!trace || trace.layers.every((l) => l.batch <= 1)) return trace;
  return {
    ...trace,
    layers: trace.layers.map((l) => {
      const B = l.batch;
      if (B <= 1) return l;
      /** @type {LayerTrace} */
      const layer = {
        ...l,
        batch: 1,
        x: tensorZero(l.x, B),
        h: tensorZero(l.h, B),
        h0: tensorZero(l.h0, B),
        c: tensorZero(l.c, B),
        c0: tensorZero(l.c0, B),
        gates: l.gates.map((g) => tensorZero(g, B)),
        dh: tensorZero(l.dh, B),
        dhNorm: l.dhNorm ? sequenceZero(l.dhNorm, l.steps, B, 1) : null,
      };
      return layer;
    }),
  };
}
