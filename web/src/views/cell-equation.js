// CellEquation: the selected step's cell written out with that step's actual numbers, e.g. for the RNN
//   h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)
// with the matrices and vectors filled in when they are small, and the products W x as vectors when they are
// large; for LSTM and GRU their gate equations. The arithmetic is redone in cell-math.js from x_t, h_{t-1} and
// the weights, and compared with the h_t the trace recorded.
//
//   const equation = new CellEquation(root);
//   equation.update(snapshot);                          // snapshot.trace, snapshot.prediction
//   equation.setParameters(parameters, afterIteration); // the weights after `afterIteration` steps
//   equation.select(step);
// The trace of step N ran with the weights after N-1 steps; with those the numbers add up exactly. Emits
// 'parameters-needed' {iteration} when it shows a trace whose weights it does not have.
import { FrameScheduler } from './frame.js';
import { computeStep, layerParameters } from './cell-math.js';
import { fixed, visibleChar, compact } from './format.js';
import { el, setText } from './dom.js';
import { stepCharacters, isOneHot } from './step-input.js';
import { layerName } from './unrolled-cells.js';
import { translatorFor } from '../i18n/i18n.js';

/** @typedef {import('../i18n/i18n.js').Translate} Translate */

/** @typedef {import('../api/rnnlab.js').Trace} Trace */
/** @typedef {import('../api/rnnlab.js').LayerTrace} LayerTrace */
/** @typedef {import('../api/rnnlab.js').Prediction} Prediction */
/** @typedef {import('../worker/protocol.js').WeightCopy} WeightCopy  a parameter's values (api's ParameterCopy without its gradient) */
/** @typedef {import('./cell-math.js').CellStep} CellStep */
/** @typedef {import('./cell-math.js').LayerWeights} LayerWeights */

const FULL_LIMIT = 6;   // matrices are written out up to 6 x 6
const VECTOR_LIMIT = 12;

export class CellEquation {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    /** @type {Trace | null} */
    this.trace = null;
    /** @type {Prediction | null} */
    this.prediction = null;
    /** @type {WeightCopy[] | null} */
    this.parameters = null;
    /** @type {number | null} how many steps the weights are after; null = not known exactly */
    this.parametersAfter = -1;
    this.step = -1;
    this.layerIndex = 0;
    this.requestedFor = -1;
    /** @type {string | null} the structure the body shows now (its numbers are rewritten in place) */
    this.shownKey = null;
    /** @type {Element[]} the number nodes of that structure */
    this.shownNumbers = [];
    root.classList.add('rl-equation');
    root.replaceChildren();
    this.header = el('div', 'rl-eq-header');
    this.title = el('h3', 'rl-eq-title');
    this.layerLabel = el('label', 'rl-eq-layer', `${this.t('equation.layer')} `);
    this.layerSelect = el('select');
    this.layerSelect.addEventListener('change', () => { this.layerIndex = Number(this.layerSelect.value); this.frame.request({ now: true }); });
    this.layerLabel.append(this.layerSelect);
    this.header.append(this.title, this.layerLabel);
    this.body = el('div', 'rl-eq-body');
    this.note = el('p', 'rl-eq-note');
    root.append(this.header, this.body, this.note);
    this.frame = new FrameScheduler(() => this.draw(), { minInterval: 250 });
    this.frame.request();
  }

  /** @param {{prediction?: Prediction, trace?: Trace | null}} snapshot */
  update(snapshot) {
    if (!snapshot) return;
    if (snapshot.prediction) this.prediction = snapshot.prediction;
    if (snapshot.trace !== undefined) this.trace = snapshot.trace;
    this.frame.request();
  }

  /**
   * @param {WeightCopy[]} parameters
   * @param {number | null} afterIteration  how many steps these weights are after; null = not known exactly
   * @param {boolean} [now]  draw at once (default: when they are exact), not at the next paced frame
   */
  setParameters(parameters, afterIteration, now = afterIteration !== null) {
    this.parameters = parameters;
    this.parametersAfter = afterIteration;
    this.frame.request({ now });
  }

  /** @param {number} step */
  select(step) {
    this.step = step;
    this.frame.request({ now: true });
  }

  clear() {
    this.trace = null;
    this.parameters = null;
    this.parametersAfter = -1;
    this.requestedFor = -1;
    this.frame.request();
  }

  draw() {
    const trace = this.trace;
    const root = this.root;
    this.layerLabel.hidden = !trace || trace.layers.length < 2;
    if (!trace || this.step < 0 || this.step >= trace.steps) {
      root.dataset.step = '';
      this.shownKey = null;
      this.title.textContent = this.t('equation.title.none');
      this.body.replaceChildren(el('p', 'rl-empty', this.t(trace ? 'equation.pickCell' : 'equation.empty')));
      this.note.textContent = '';
      return;
    }
    if (this.layerSelect.options.length !== trace.layers.length) {
      this.layerSelect.replaceChildren(...trace.layers.map((layer, index) => {
        const option = el('option', '', layerName(layer, trace, this.t));
        option.value = String(index);
        return option;
      }));
    }
    this.layerIndex = Math.min(this.layerIndex, trace.layers.length - 1);
    this.layerSelect.value = String(this.layerIndex);
    const layer = trace.layers[this.layerIndex];
    const t = this.step;
    root.dataset.step = String(t);
    root.dataset.iteration = String(trace.iteration);  // the trace's (a replayed one's, too)
    setText(this.title, trace.layers.length > 1
      ? this.t('equation.title.layer', { step: t + 1, layer: layerName(layer, trace, this.t), cell: cellTitle(layer.kind, this.t) })
      : this.t('equation.title', { step: t + 1, cell: cellTitle(layer.kind, this.t) }));

    if (!this.parameters) {
      root.dataset.exact = '';
      this.shownKey = null;
      this.body.replaceChildren(el('p', 'rl-empty', this.t('equation.reading')));
      this.note.textContent = '';
      this.askForParameters(trace.iteration);
      return;
    }
    const weights = layerParameters(this.parameters, layer, trace.layers.length === 1);
    let step;
    try {
      step = computeStep(layer, t, weights);
    } catch (error) {
      this.shownKey = null;
      this.body.replaceChildren(el('p', 'rl-error-inline', String(error instanceof Error ? error.message : error)));
      return;
    }
    const full = layer.hiddenSize <= FULL_LIMIT && layer.inputSize <= FULL_LIMIT;
    const xCaption = this.inputCaption(trace, layer, t);
    // computeStep threw if either weight matrix is missing.
    const lines = equationLines(step, /** @type {{weightIh: WeightCopy, weightHh: WeightCopy}} */ (weights), full, xCaption, this.t);
    // Same structure as shown: write the numbers into the nodes there (far less layout than new nodes).
    const key = `${layer.kind}|${layer.hiddenSize}|${layer.inputSize}|${full}|${xCaption}|${this.layerIndex}`;
    const fresh = lines.flatMap((line) => Array.from(line.querySelectorAll('.rl-num')));
    if (key === this.shownKey && this.shownNumbers.length === fresh.length) {
      fresh.forEach((node, k) => setText(this.shownNumbers[k], node.textContent ?? ''));
    } else {
      this.body.replaceChildren(...lines);
      this.shownKey = key;
      this.shownNumbers = fresh;
    }

    // The weights the trace was recorded with: a step's, from before its update; inspect()'s (a model that has
    // not stepped since configure, reset or load), the current ones.
    const usedAfter = trace.weightsAfter ?? trace.iteration - 1;
    const inspected = usedAfter === trace.iteration;
    const exact = this.parametersAfter !== null && this.parametersAfter === usedAfter;
    root.dataset.exact = String(exact);
    root.dataset.maxDifference = String(step.maxDifference);
    if (exact) {
      this.note.className = 'rl-eq-note rl-eq-exact';
      setText(this.note, this.t(inspected ? 'equation.exact.inspected' : 'equation.exact.step',
        { n: usedAfter, iteration: trace.iteration, diff: compact(step.maxDifference) }));
    } else {
      this.note.className = 'rl-eq-note';
      const which = this.parametersAfter === null ? this.t('equation.which.current')
        : this.t('equation.which.after', { n: this.parametersAfter });
      const recorded = inspected ? this.t('equation.recorded.inspected', { n: usedAfter })
        : this.t('equation.recorded.step', { iteration: trace.iteration });
      setText(this.note, this.t('equation.inexact', { which, recorded, diff: compact(step.maxDifference) }));
      this.askForParameters(trace.iteration);
    }
  }

  /** @param {number} iteration  the trace's */
  askForParameters(iteration) {
    if (this.requestedFor === iteration) return;
    this.requestedFor = iteration;
    this.root.dispatchEvent(new CustomEvent('parameters-needed', { detail: { iteration }, bubbles: true, composed: true }));
  }

  /** @param {Trace} trace @param {LayerTrace} layer @param {number} t @returns {string} */
  inputCaption(trace, layer, t) {
    const characters = layer === trace.layers[0] ? stepCharacters(this.prediction) : null;
    if (characters && t < characters.length) {
      // A character task: its input is the character's one-hot vector or its row of the learned embedding.
      const I = layer.inputSize;
      const row = layer.x.data.subarray(t * layer.batch * I, t * layer.batch * I + I);
      return this.t(isOneHot(row) ? 'equation.oneHot' : 'equation.embedding', { char: visibleChar(characters[t]) });
    }
    return layer === trace.layers[0] ? 'x_t' : this.t('equation.fromBelow');
  }

  dispose() {
    this.frame.dispose();
    this.root.replaceChildren();
  }
}

/** @param {LayerTrace['kind']} kind @param {Translate} t @returns {string} */
function cellTitle(kind, t) {
  const key = /** @type {const} */ ({ rnn_tanh: 'equation.cell.rnnTanh', rnn_relu: 'equation.cell.rnnRelu', lstm: 'equation.cell.lstm', gru: 'equation.cell.gru' })[kind];
  return key ? t(key) : kind;
}

// ---- rendering pieces -------------------------------------------------------------------------------

/**
 * Text with `_x` / `_{...}` subscripts, built as DOM (never parsed as HTML).
 * @param {string} text
 * @param {string} [className]
 * @returns {HTMLElement}
 */
function symbolic(text, className = 'rl-eq-sym') {
  const node = el(className === 'rl-eq-sym' || className === 'rl-eq-summary' ? 'div' : 'span', className);
  const pattern = /_(\{[^}]*\}|[A-Za-z0-9]+)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    node.append(text.slice(last, match.index), el('sub', '', match[1].startsWith('{') ? match[1].slice(1, -1) : match[1]));
    last = match.index + match[0].length;
  }
  node.append(text.slice(last));
  return node;
}

/** @param {Node} content @param {string} [caption] @returns {HTMLElement} */
function captioned(content, caption) {
  const figure = el('span', 'rl-term');
  figure.append(content);
  if (caption) figure.append(symbolic(caption, 'rl-term-caption'));
  return figure;
}

/**
 * A column vector in brackets; long ones keep their first and last entries around a '⋮'.
 * @param {ArrayLike<number>} values
 * @param {string} [caption]
 */
function vector(values, caption) {
  const node = el('span', 'rl-vec');
  const n = values.length;
  const shown = n <= VECTOR_LIMIT ? [...Array(n).keys()] : [...Array(8).keys(), -1, n - 2, n - 1];
  for (const index of shown) {
    node.append(el('span', index < 0 ? 'rl-num rl-ellipsis' : 'rl-num', index < 0 ? '⋮' : fixed(values[index], 2)));
  }
  return captioned(node, caption);
}

/**
 * Rows [row0, row0 + rows) of a row-major (?, cols) matrix, in brackets.
 * @param {ArrayLike<number>} W
 * @param {number} cols
 * @param {number} row0
 * @param {number} rows
 * @param {string} caption
 */
function matrix(W, cols, row0, rows, caption) {
  const node = el('span', 'rl-mat');
  node.style.gridTemplateColumns = `repeat(${cols}, auto)`;
  for (let r = 0; r < rows; ++r) {
    for (let c = 0; c < cols; ++c) node.append(el('span', 'rl-num', fixed(W[(row0 + r) * cols + c], 2)));
  }
  return captioned(node, caption);
}

const op = (/** @type {string} */ text) => symbolic(text, 'rl-op');

/** @param {...Node} parts */
function numericLine(...parts) {
  const line = el('div', 'rl-eq-num');
  line.append(...parts);
  return line;
}

/**
 * The affine part "W_i? x_t + b_i? + W_h? h_{t-1} + b_h?" of one gate, full or as products.
 * @param {CellStep} step
 * @param {{weightIh: {value: Float32Array}, weightHh: {value: Float32Array}}} weights
 * @param {boolean} full  write the matrices out
 * @param {string | null} gate  the gate's name; null for the RNN's single affine map
 * @param {number} k  the gate's block of rows
 * @param {string} xCaption
 * @param {boolean} [inner]  GRU's n gate: r_t scales the recurrent part
 * @returns {HTMLElement[]}
 */
function affineTerms(step, weights, full, gate, k, xCaption, inner = false) {
  const H = step.H;
  const I = step.I;
  // PyTorch's names: W_ih, W_hh for the RNN; W_ii, W_hi, ... (one block of weight_ih per gate) for LSTM / GRU.
  const suffix = gate ?? 'h';
  const ih = `W_{i${suffix}}`;
  const hh = `W_{h${suffix}}`;
  const source = gate ? ('gates' in step ? step.gates.find((g) => g.name === gate) : undefined) : ('wx' in step ? step : undefined);
  if (!source) throw new Error(`equation: a ${step.kind} step has no ${gate ?? 'single'} gate`);
  const inputPart = full
    ? [matrix(weights.weightIh.value, I, k * H, H, `${ih}`), vector(step.x, xCaption)]
    : [vector(source.wx, `${ih} x_t`)];
  const recurrentPart = full
    ? [matrix(weights.weightHh.value, H, k * H, H, `${hh}`), vector(step.hPrev, 'h_{t−1}')]
    : [vector(source.uh, `${hh} h_{t−1}`)];
  const bIh = vector(source.bIh, `b_{i${suffix}}`);
  const bHh = vector(source.bHh, `b_{h${suffix}}`);
  if (inner) {
    // GRU's n gate: W_in x + b_in + r ⊙ (W_hn h + b_hn)
    const r = 'gates' in step ? step.gates[0].value : [];
    return [...inputPart, op('+'), bIh, op('+'), vector(r, 'r_t'), op('⊙ ('), ...recurrentPart, op('+'), bHh, op(')')];
  }
  return [...inputPart, op('+'), bIh, op('+'), ...recurrentPart, op('+'), bHh];
}

/**
 * @param {CellStep} step
 * @param {{weightIh: WeightCopy, weightHh: WeightCopy}} weights
 * @param {boolean} full  write the matrices out
 * @param {string} xCaption
 * @param {Translate} t
 * @returns {HTMLElement[]}
 */
function equationLines(step, weights, full, xCaption, t) {
  const lines = [];
  if (step.kind === 'rnn_tanh' || step.kind === 'rnn_relu') {
    const f = step.kind === 'rnn_tanh' ? 'tanh' : 'relu';
    lines.push(symbolic(`h_t = ${f}(W_{ih} x_t + b_{ih} + W_{hh} h_{t−1} + b_{hh})`));
    lines.push(numericLine(op(`h_t = ${f}(`), ...affineTerms(step, weights, full, null, 0, xCaption), op(')')));
    lines.push(numericLine(op(`= ${f}(`), vector(step.pre, t('equation.preActivation')), op(') ='), vector(step.h, 'h_t')));
  } else if (step.kind === 'lstm') {
    step.gates.forEach((gate, k) => {
      const f = gate.name === 'g' ? 'tanh' : 'σ';
      lines.push(symbolic(`${gate.name}_t = ${f}(W_{i${gate.name}} x_t + b_{i${gate.name}} + W_{h${gate.name}} h_{t−1} + b_{h${gate.name}})`));
      lines.push(numericLine(op(`${gate.name}_t = ${f}(`), ...affineTerms(step, weights, full, gate.name, k, xCaption), op(') ='), vector(gate.value, `${gate.name}_t`)));
    });
    const [i, f, g, o] = step.gates;
    lines.push(symbolic('c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t'));
    lines.push(numericLine(op('c_t ='), vector(f.value, 'f_t'), op('⊙'), vector(step.cPrev, 'c_{t−1}'), op('+'),
      vector(i.value, 'i_t'), op('⊙'), vector(g.value, 'g_t'), op('='), vector(step.c, 'c_t')));
    lines.push(symbolic('h_t = o_t ⊙ tanh(c_t)'));
    lines.push(numericLine(op('h_t ='), vector(o.value, 'o_t'), op('⊙ tanh('), vector(step.c, 'c_t'), op(') ='), vector(step.h, 'h_t')));
  } else if (step.kind === 'gru') {
    const [r, z, n] = step.gates;
    for (const [gate, k] of /** @type {const} */ ([[r, 0], [z, 1]])) {
      lines.push(symbolic(`${gate.name}_t = σ(W_{i${gate.name}} x_t + b_{i${gate.name}} + W_{h${gate.name}} h_{t−1} + b_{h${gate.name}})`));
      lines.push(numericLine(op(`${gate.name}_t = σ(`), ...affineTerms(step, weights, full, gate.name, k, xCaption), op(') ='), vector(gate.value, `${gate.name}_t`)));
    }
    lines.push(symbolic('n_t = tanh(W_{in} x_t + b_{in} + r_t ⊙ (W_{hn} h_{t−1} + b_{hn}))'));
    lines.push(numericLine(op('n_t = tanh('), ...affineTerms(step, weights, full, 'n', 2, xCaption, true), op(') ='), vector(n.value, 'n_t')));
    lines.push(symbolic('h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}'));
    lines.push(numericLine(op('h_t = (1 −'), vector(z.value, 'z_t'), op(') ⊙'), vector(n.value, 'n_t'), op('+'),
      vector(z.value, 'z_t'), op('⊙'), vector(step.hPrev, 'h_{t−1}'), op('='), vector(step.h, 'h_t')));
  }
  if (!full) {
    lines.push(symbolic(t('equation.tooLarge', { ihShape: weights.weightIh.shape.join(' × '), hhShape: weights.weightHh.shape.join(' × ') }), 'rl-eq-summary'));
  }
  return lines;
}
