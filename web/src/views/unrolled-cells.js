// UnrolledCells: the network unrolled in time, one cell per step. Each cell shows its input (a character or a
// value), per layer its hidden state h_t (and cell state c_t for LSTM) and its gate activations as small heat
// maps (units top to bottom), and the output: the distribution over characters, or the predicted value
// against the target. Clicking a cell (or Enter / arrow keys) selects the step; hovering a unit highlights
// that unit in every step.
//
//   const cells = new UnrolledCells(root);
//   cells.update(snapshot);                       // uses snapshot.trace and snapshot.prediction
//   root.addEventListener('step-select', (e) => e.detail.step);
//
// Events (bubbling, composed, so they leave a shadow root): 'step-select' {step}, 'unit-hover' {layer, unit}.
import { FrameScheduler } from './frame.js';
import { diverging, sequential, divergingPixel, sequentialPixel, PALETTE } from './colors.js';
import { fixed, visibleChar } from './format.js';
import { el, sizeCanvas, observeWidth, setText } from './dom.js';
import { translatorFor } from '../i18n/i18n.js';
import { DataTable } from './data-table.js';
import { stepCharacters, vocabularyOf } from './step-input.js';

/** @typedef {import('../i18n/i18n.js').Translate} Translate */

/** @typedef {import('../api/rnnlab.js').Trace} Trace */
/** @typedef {import('../api/rnnlab.js').LayerTrace} LayerTrace */
/** @typedef {import('../api/rnnlab.js').Prediction} Prediction */
/** @typedef {{name: string, data: Float32Array, signed: boolean, scale: number | 'max'}} Column  a heat map's column */
/**
 * One layer's heat map in a cell: `units` rows of `columns`, at (x, y), w x h pixels.
 * @typedef {{index: number, layer: LayerTrace, columns: Column[], units: number, x: number, y: number, w: number, h: number}} Block
 */
/**
 * Where a cell draws its output: a distribution over the vocabulary (seq) or a value against its target (sine).
 * @typedef {{kind: 'distribution', x: number, y: number, rows: number, row: number, labelWidth: number, barWidth: number, w: number, h: number}
 *   | {kind: 'value', x: number, y: number, w: number, h: number}} OutputArea
 */
/** @typedef {{s: number, labels: boolean, blocks: Block[], output: OutputArea, width: number, height: number}} CellGeometry */
/** @typedef {{step: number, button: HTMLButtonElement, input: HTMLSpanElement, canvas: HTMLCanvasElement}} Cell */
/** @typedef {{block: number, unit: number, column: number, step: number}} Hover  the square pointed at */

const MAX_CELLS = 96;   // a longer sequence is shown through a window the reader can move
const MAX_UNITS = 64;   // more units than this are summarised by the first MAX_UNITS
const GAP = 1;          // between squares
const BLOCK_GAP = 7;    // between layers
const HEADER = 12;      // column letters above the first block
const DRAW_BUDGET_MS = 8;  // per animation frame; a large network's cells are drawn over several frames
const SQUARES_AS_IMAGE = 96; // a block with more squares than this is drawn as an image, without gaps

/**
 * Which columns a layer's heat map has: h, c (LSTM), then its gates in the trace's order.
 * @param {LayerTrace} layer
 * @returns {Column[]}
 */
function layerColumns(layer) {
  /** @type {Column[]} */
  const columns = [{ name: 'h', data: layer.h.data, signed: true, scale: layer.kind === 'rnn_relu' ? 'max' : 1 }];
  if (layer.c) columns.push({ name: 'c', data: layer.c.data, signed: true, scale: 'max' });
  for (const gate of layer.gates) {
    const signed = gate.name === 'g' || gate.name === 'n';  // tanh candidates; the others are sigmoids
    columns.push({ name: gate.name, data: gate.data, signed, scale: 1 });
  }
  return columns;
}

/** @param {Float32Array} data @returns {number} the largest finite |value|, 1 when there is none */
function maxAbs(data) {
  let m = 0;
  for (let k = 0; k < data.length; ++k) {
    const v = Math.abs(data[k]);
    if (v > m && Number.isFinite(v)) m = v;
  }
  return m || 1;
}

/**
 * Geometry of one cell, shared by all cells of a trace. Pure: no DOM.
 * @param {Trace} trace
 * @param {{vocabularySize?: number, available?: number}} [options]  available: the row's width in CSS pixels
 * @returns {CellGeometry}
 */
export function cellGeometry(trace, { vocabularySize = 0, available = Infinity } = {}) {
  const T = trace.steps;
  // Room per cell if the row is to fit without scrolling (minus padding, border and gap): the squares and the
  // distributions shrink (down to a readable size) before the row has to scroll.
  const perCell = Number.isFinite(available) ? (available - (T - 1) * 6) / T - 16 : Infinity;
  const totalUnits = trace.layers.reduce((sum, l) => sum + Math.min(l.hiddenSize, MAX_UNITS), 0);
  const mostColumns = Math.max(...trace.layers.map((l) => layerColumns(l).length));
  let s = T <= 8 ? 18 : T <= 24 ? 12 : 8;
  s = Math.min(s, Math.floor(240 / totalUnits), Math.max(8, Math.floor((perCell + GAP) / mostColumns) - GAP));
  s = Math.max(3, s);
  const labels = s >= 8;
  let y = labels ? HEADER : 0;
  let width = 0;
  const blocks = trace.layers.map((layer, index) => {
    const columns = layerColumns(layer);
    const units = Math.min(layer.hiddenSize, MAX_UNITS);
    /** @type {Block} */
    const block = { index, layer, columns, units, x: 0, y, w: columns.length * (s + GAP) - GAP, h: units * (s + GAP) - GAP };
    y += block.h + BLOCK_GAP;
    width = Math.max(width, block.w);
    return block;
  });
  /** @type {OutputArea} */
  let output;
  // Class targets (a character task): the output distribution; a value target (sine): the value and its target.
  if (trace.target instanceof Int32Array) {
    const V = Math.min(vocabularySize || trace.output?.shape[1] || 0, MAX_UNITS);
    const row = Math.max(4, Math.min(s, 14));
    const barWidth = Math.max(20, Math.min(T <= 8 ? 60 : T <= 12 ? 40 : 26, Math.floor(perCell - 9)));
    output = { kind: 'distribution', x: 0, y, rows: V, row, labelWidth: row >= 8 ? 9 : 0, barWidth,
      w: (row >= 8 ? 9 : 0) + barWidth, h: V * (row + GAP) - GAP };
  } else {
    output = { kind: 'value', x: 0, y, w: Math.max(14, s + 6), h: 48 };
  }
  width = Math.max(width, output.w, 14);
  return { s, labels, blocks, output, width, height: y + output.h + 1 };
}

let instances = 0;

/**
 * The unit `delta` rows below (1) or above (-1) `at`, on into the next layer's block at a block's end; stays at
 * the first and the last unit.
 * @param {Block[]} blocks
 * @param {{block: number, unit: number}} at
 * @param {1 | -1} delta
 * @returns {{block: number, unit: number}}
 */
export function nextUnit(blocks, { block, unit }, delta) {
  let b = block;
  let u = unit + delta;
  if (u >= blocks[b].units) {
    if (b + 1 < blocks.length) { b += 1; u = 0; } else u = blocks[b].units - 1;
  } else if (u < 0) {
    if (b > 0) { b -= 1; u = blocks[b].units - 1; } else u = 0;
  }
  return { block: b, unit: u };
}

export class UnrolledCells {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    /** @type {Trace | null} */
    this.trace = null;
    /** @type {Prediction | null} */
    this.prediction = null;
    this.selected = -1;
    /** @type {Hover | null} */
    this.hover = null;
    this.windowStart = 0;
    this.structureKey = '';
    /** @type {Cell[]} */
    this.cells = [];
    /** @type {CellGeometry | null} the cells' geometry as last drawn */
    this.geometry = null;
    /** @type {{next: number, geometry: CellGeometry, scales: number[][], trace: Trace} | null} a drawing spread over frames */
    this.queue = null;
    this.continuation = 0;  // its next frame
    /** @type {HTMLCanvasElement | null} where a large block is put together, one pixel per square */
    this.scratch = null;
    /** @type {CanvasRenderingContext2D | null} */
    this.scratchContext = null;
    root.classList.add('rl-cells');
    root.replaceChildren();

    this.legend = el('p', 'rl-cells-legend');
    this.windowBar = el('div', 'rl-cells-window');
    this.windowBar.hidden = true;
    this.windowLabel = el('label', '', `${this.t('cells.window')} `);
    this.windowInput = el('input');
    this.windowInput.type = 'range';
    this.windowInput.min = '0';
    this.windowInput.addEventListener('input', () => {
      this.windowStart = Number(this.windowInput.value);
      this.structureKey = '';
      this.frame.request();
    });
    this.windowText = el('span', 'rl-cells-window-text');
    this.windowLabel.append(this.windowInput);
    this.windowBar.append(this.windowLabel, this.windowText);
    this.row = el('div', 'rl-cells-row');
    this.row.setAttribute('role', 'group');
    this.row.setAttribute('aria-label', this.t('cells.rowLabel'));
    this.hoverInfo = el('p', 'rl-cells-hover');
    this.hoverInfo.setAttribute('aria-live', 'off');
    this.empty = el('p', 'rl-empty', this.t('cells.empty'));
    this.hoverInfo.id = `rl-cells-info-${++instances}`;
    root.append(this.legend, this.windowBar, this.row, this.hoverInfo, this.empty);
    // The heat maps' text alternative: the values of one step (the one pointed at, focused or selected) as a
    // table, on request; and a focused cell reads its values out in hoverInfo, unit by unit with the arrow keys.
    this.table = new DataTable(root, this.t('table.show'));
    this.table.set(() => this.stepTable());
    this.row.addEventListener('keydown', (event) => this.onKey(event));
    this.frame = new FrameScheduler(() => this.draw(), { minInterval: 100 });
    this.width = 0;
    this.resizeObserver = observeWidth(root, (width) => { this.width = width; this.frame.request(); });
    this.frame.request();
  }

  /** @param {{trace?: Trace | null, prediction?: Prediction}} snapshot */
  update(snapshot) {
    if (!snapshot) return;
    if (snapshot.prediction) this.prediction = snapshot.prediction;
    if (snapshot.trace !== undefined) this.trace = snapshot.trace;
    this.frame.request();
  }

  clear() {
    this.trace = null;
    this.frame.request();
  }

  /** Selects step t (0-based) without emitting an event (the page keeps views in sync). @param {number} step */
  select(step) {
    this.selected = step;
    if (this.trace && step >= 0 && (step < this.windowStart || step >= this.windowStart + MAX_CELLS)) {
      this.windowStart = Math.max(0, Math.min(step - 4, this.trace.steps - MAX_CELLS));
      this.structureKey = '';
    }
    this.frame.request({ now: true });
  }

  /** @param {number} step */
  emitSelect(step) {
    this.select(step);
    this.root.dispatchEvent(new CustomEvent('step-select', { detail: { step }, bubbles: true, composed: true }));
  }

  /** @param {KeyboardEvent} event */
  onKey(event) {
    if (!this.trace) return;
    const T = this.trace.steps;
    let next = null;
    if (event.key === 'ArrowRight') next = Math.min(T - 1, this.selected + 1);
    else if (event.key === 'ArrowLeft') next = Math.max(0, this.selected - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = T - 1;
    if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && this.hover && this.geometry) {
      event.preventDefault();
      this.setHover({ ...this.hover, ...nextUnit(this.geometry.blocks, this.hover, event.key === 'ArrowDown' ? 1 : -1) });
      return;
    }
    if (next === null) return;
    event.preventDefault();
    this.emitSelect(next);
    this.frame.flush();
    const cell = this.cells.find((c) => c.step === next);
    cell?.button.focus();
  }

  /** Input label of step t: the character (one-hot input) or the value. @param {number} t @returns {string} */
  inputLabel(t) {
    if (!this.trace) return '';
    const layer = this.trace.layers[0];
    const I = layer.inputSize;
    const row = layer.x.data.subarray(t * layer.batch * I, t * layer.batch * I + I);
    // A character task names its input characters (one-hot or embedded alike); another shows the value.
    const characters = stepCharacters(this.prediction);
    if (characters && t < characters.length) return visibleChar(characters[t]);
    return fixed(row[0], 2);
  }

  /** @param {Trace} trace */
  buildCells(trace) {
    const T = trace.steps;
    const end = Math.min(T, this.windowStart + MAX_CELLS);
    this.cells = [];
    const nodes = [];
    for (let t = this.windowStart; t < end; ++t) {
      const button = el('button', 'rl-cell');
      button.type = 'button';
      button.dataset.step = String(t);
      const label = el('span', 'rl-cell-step', `t=${t + 1}`);
      // Labelled now, not only by the next draw: a cell never shows an empty input.
      const input = el('span', `rl-cell-input${trace.task === 'sine' ? ' rl-cell-input-number' : ''}`, this.inputLabel(t));
      button.setAttribute('aria-label', this.t('cells.cellLabel', { step: t + 1, input: input.textContent ?? '' }));
      const canvas = el('canvas', 'rl-cell-canvas');
      canvas.setAttribute('aria-hidden', 'true');
      button.append(label, input, canvas);
      button.addEventListener('click', () => this.emitSelect(t));
      // Focus reads the cell's values out (the first unit; ↑ ↓ move between units), as pointing at it does.
      button.setAttribute('aria-describedby', this.hoverInfo.id);
      button.addEventListener('focus', () => {
        this.hoverInfo.setAttribute('aria-live', 'polite');
        if (this.hover?.step !== t) this.setHover({ block: this.hover?.block ?? 0, unit: this.hover?.unit ?? 0, column: 0, step: t });
      });
      button.addEventListener('blur', () => this.hoverInfo.setAttribute('aria-live', 'off'));
      // Pointer events: a mouse hovers, a finger touches (a tap on a square reads it too).
      canvas.addEventListener('pointermove', (event) => { if (this.geometry) this.onHover(event, canvas, this.geometry); });
      canvas.addEventListener('pointerdown', (event) => { if (this.geometry) this.onHover(event, canvas, this.geometry); });
      canvas.addEventListener('pointerleave', (event) => { if (event.pointerType === 'mouse') this.setHover(null); });
      this.cells.push({ step: t, button, input, canvas });
      nodes.push(button);
    }
    this.row.replaceChildren(...nodes);
  }

  /** @param {PointerEvent} event @param {HTMLCanvasElement} canvas @param {CellGeometry} geometry */
  onHover(event, canvas, geometry) {
    const rect = canvas.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    const { s } = geometry;
    for (const block of geometry.blocks) {
      if (y >= block.y && y < block.y + block.h + GAP && x >= block.x && x < block.x + block.w + GAP) {
        const unit = Math.floor((y - block.y) / (s + GAP));
        const column = Math.floor((x - block.x) / (s + GAP));
        this.setHover({ block: block.index, unit, column, step: Number(canvas.parentElement?.dataset.step) });
        return;
      }
    }
    this.setHover(null);
  }

  /** @param {Hover | null} hover */
  setHover(hover) {
    const same = hover && this.hover && hover.block === this.hover.block && hover.unit === this.hover.unit
      && hover.step === this.hover.step && hover.column === this.hover.column;
    if (same || (!hover && !this.hover)) return;
    const unitChanged = !hover || !this.hover || hover.block !== this.hover.block || hover.unit !== this.hover.unit;
    this.hover = hover;
    if (unitChanged) {
      this.root.dispatchEvent(new CustomEvent('unit-hover', {
        detail: hover ? { layer: hover.block, unit: hover.unit } : null, bubbles: true, composed: true }));
    }
    this.frame.request({ now: true });
  }

  draw() {
    const trace = this.trace;
    this.empty.hidden = !!trace;
    this.row.hidden = !trace;
    this.legend.hidden = !trace;
    if (!trace) {
      this.root.dataset.steps = '0';
      this.cells = [];
      this.row.replaceChildren();
      this.windowBar.hidden = true;
      this.hoverInfo.textContent = '';
      this.structureKey = '';
      return;
    }
    const T = trace.steps;
    this.root.dataset.steps = String(T);
    this.root.dataset.long = String(T > 12);  // a page may give a long row the whole width
    if (this.windowStart > Math.max(0, T - MAX_CELLS)) this.windowStart = Math.max(0, T - MAX_CELLS);
    const vocabularySize = vocabularyOf(this.prediction).length;
    const available = this.width || 800;
    const geometry = cellGeometry(trace, { vocabularySize, available });
    this.geometry = geometry;
    const key = [trace.task, T, this.windowStart, vocabularySize, geometry.width, geometry.height,
      ...trace.layers.map((l) => `${l.kind}:${l.hiddenSize}:${l.direction}`)].join('|');
    if (key !== this.structureKey) {
      this.structureKey = key;
      this.buildCells(trace);
      this.legend.replaceChildren(...legendParts(trace, this.t));
    }
    this.windowBar.hidden = T <= MAX_CELLS;
    if (T > MAX_CELLS) {
      this.windowInput.max = String(T - MAX_CELLS);
      this.windowInput.value = String(this.windowStart);
      this.windowText.textContent = this.t('cells.windowText', { first: this.windowStart + 1, last: Math.min(T, this.windowStart + MAX_CELLS), total: T });
    }

    const scales = geometry.blocks.map((block) => block.columns.map((c) => (c.scale === 'max' ? maxAbs(c.data) : 1)));
    cancelAnimationFrame(this.continuation);
    this.queue = { next: 0, geometry, scales, trace };
    this.drawSome();
    this.drawHoverInfo(geometry);
    this.table.refresh();
  }

  /** The values of the step pointed at, focused or selected (else the first), one row per unit. */
  stepTable() {
    const trace = this.trace;
    const geometry = this.geometry;
    if (!trace || !geometry) return null;
    const t = Math.min(trace.steps - 1, Math.max(0, this.hover?.step ?? (this.selected >= 0 ? this.selected : 0)));
    const many = geometry.blocks.length > 1;
    const columns = geometry.blocks.flatMap((block) => block.columns.map((c) => (many ? `${layerName(block.layer, trace, this.t)}: ${c.name}` : c.name)));
    const units = Math.max(...geometry.blocks.map((block) => block.units));
    const rows = Array.from({ length: units }, (_, j) => [String(j + 1), ...geometry.blocks.flatMap((block) => block.columns.map((c) => (j < block.units
      ? fixed(c.data[(t * block.layer.batch) * block.layer.hiddenSize + j], 3) : '')))]);
    return { caption: this.t('cells.table.caption', { step: t + 1, input: this.inputLabel(t) }), columns: [this.t('cells.table.unit'), ...columns], rows };
  }

  /** Draws cells until the frame's budget is spent, then goes on in the next frame. */
  drawSome() {
    const queue = this.queue;
    // A drawing spread over frames belongs to one trace: once the trace is replaced or cleared (a new model),
    // the rest of it is stale, and the draw the change requested starts over.
    if (!queue || queue.trace !== this.trace) return;
    const { geometry, scales, trace } = queue;
    const started = performance.now();
    while (queue.next < this.cells.length) {
      const cell = this.cells[queue.next++];
      const t = cell.step;
      const label = this.inputLabel(t);
      if (cell.input.textContent !== label) {
        cell.input.textContent = label;
        cell.button.setAttribute('aria-label', this.t('cells.cellLabel', { step: t + 1, input: label }));
      }
      const selected = t === this.selected;
      if (cell.button.classList.contains('rl-selected') !== selected) {
        cell.button.classList.toggle('rl-selected', selected);
        cell.button.setAttribute('aria-pressed', String(selected));
      }
      this.drawCell(trace, cell, t, geometry, scales);
      if (performance.now() - started > DRAW_BUDGET_MS && queue.next < this.cells.length) {
        this.continuation = requestAnimationFrame(() => this.drawSome());
        return;
      }
    }
  }

  /**
   * @param {Trace} trace
   * @param {Cell} cell
   * @param {number} t
   * @param {CellGeometry} geometry
   * @param {number[][]} scales  per block and column, what maps to the ends of the diverging scale
   */
  drawCell(trace, cell, t, geometry, scales) {
    const { s, blocks, output, width, height, labels } = geometry;
    const context = sizeCanvas(cell.canvas, width, height);
    context.clearRect(0, 0, width, height);
    context.font = '9px system-ui, sans-serif';
    context.textAlign = 'center';
    context.textBaseline = 'alphabetic';
    for (const block of blocks) {
      const { layer, columns, units } = block;
      const B = layer.batch;
      const H = layer.hiddenSize;
      columns.forEach((column, ci) => {
        const x = block.x + ci * (s + GAP);
        if (labels && block.index === 0) {
          context.fillStyle = PALETTE.muted;
          context.fillText(column.name, x + s / 2, HEADER - 3);
        }
        if (columns.length * units > SQUARES_AS_IMAGE) return;  // drawn below, as one image
        for (let j = 0; j < units; ++j) {
          const value = column.data[(t * B) * H + j];
          context.fillStyle = column.signed ? diverging(value, scales[block.index][ci]) : sequential(value);
          context.fillRect(x, block.y + j * (s + GAP), s, s);
        }
      });
      if (columns.length * units > SQUARES_AS_IMAGE) this.drawBlockImage(context, block, t, scales[block.index]);
      if (this.hover && this.hover.block === block.index && this.hover.unit < units) {
        context.strokeStyle = PALETTE.ink;
        context.lineWidth = 1.5;
        context.strokeRect(block.x - 1, block.y + this.hover.unit * (s + GAP) - 1, block.w + 2, s + 2);
      }
    }
    if (output.kind === 'distribution') this.drawDistribution(context, trace, t, output);
    else this.drawValue(context, trace, t, output, width);
  }

  /**
   * A large block as an image: one pixel per square, scaled up without smoothing (no gaps between squares).
   * @param {CanvasRenderingContext2D} context
   * @param {Block} block
   * @param {number} t
   * @param {number[]} scales  per column
   */
  drawBlockImage(context, block, t, scales) {
    const { layer, columns, units } = block;
    const cols = columns.length;
    if (!this.scratch || !this.scratchContext || this.scratch.width < cols || this.scratch.height < units) {
      this.scratch = el('canvas');
      this.scratch.width = Math.max(cols, 8);
      this.scratch.height = Math.max(units, MAX_UNITS);
      this.scratchContext = this.scratch.getContext('2d');
      if (!this.scratchContext) throw new Error('this browser has no 2D canvas');
    }
    const image = this.scratchContext.createImageData(cols, units);
    const pixels = new Uint32Array(image.data.buffer);
    const offset = t * layer.batch * layer.hiddenSize;
    columns.forEach((column, ci) => {
      for (let j = 0; j < units; ++j) {
        const value = column.data[offset + j];
        pixels[j * cols + ci] = column.signed ? divergingPixel(value, scales[ci]) : sequentialPixel(value);
      }
    });
    this.scratchContext.putImageData(image, 0, 0);
    context.imageSmoothingEnabled = false;
    context.drawImage(this.scratch, 0, 0, cols, units, block.x, block.y, block.w, block.h);
  }

  /**
   * @param {CanvasRenderingContext2D} context
   * @param {Trace} trace
   * @param {number} t
   * @param {Extract<OutputArea, {kind: 'distribution'}>} output
   */
  drawDistribution(context, trace, t, output) {
    if (!trace.output || !trace.target) return;
    const V = trace.output.shape[1];
    const probabilities = trace.output.data.subarray(t * V, t * V + V);
    const target = trace.target[t];
    let argmax = 0;
    for (let k = 1; k < V; ++k) if (probabilities[k] > probabilities[argmax]) argmax = k;
    const vocabulary = vocabularyOf(this.prediction);
    const classes = shownClasses(probabilities, target, output.rows);
    context.textAlign = 'left';
    context.textBaseline = 'middle';
    context.font = `${Math.min(11, output.row)}px ui-monospace, monospace`;
    for (let row = 0; row < classes.length; ++row) {
      const k = classes[row];
      const y = output.y + row * (output.row + GAP);
      if (output.labelWidth) {
        context.fillStyle = k === target ? PALETTE.ink : PALETTE.muted;
        context.fillText(visibleChar(vocabulary[k] ?? ''), output.x, y + output.row / 2 + 0.5);
      }
      const x = output.x + output.labelWidth;
      context.fillStyle = PALETTE.grid;
      context.fillRect(x, y, output.barWidth, output.row);
      context.fillStyle = k === argmax ? (argmax === target ? PALETTE.right : PALETTE.wrong) : '#9aa3ab';
      context.fillRect(x, y, Math.max(1, probabilities[k] * output.barWidth), output.row);
      if (k === target) {
        context.strokeStyle = PALETTE.ink;
        context.lineWidth = 1;
        context.strokeRect(x + 0.5, y + 0.5, output.barWidth - 1, output.row - 1);
      }
    }
  }

  /**
   * @param {CanvasRenderingContext2D} context
   * @param {Trace} trace
   * @param {number} t
   * @param {OutputArea} output
   * @param {number} width  the cell's
   */
  drawValue(context, trace, t, output, width) {
    // The trace's own outputs when it has them, else the prediction that came with the snapshot.
    const p = this.prediction?.task === 'sine' ? this.prediction : null;
    const predicted = trace.output ? trace.output.data[t] : p?.oneStep[t];
    const target = trace.target ? trace.target[t] : p?.truth[t];
    if (predicted === undefined || target === undefined) return;
    const toY = (/** @type {number} */ v) => output.y + output.h / 2 - (Math.max(-1.4, Math.min(1.4, v)) / 1.4) * (output.h / 2 - 3);
    const cx = width / 2;
    context.strokeStyle = PALETTE.grid;
    context.lineWidth = 1;
    context.beginPath();
    context.moveTo(cx, output.y);
    context.lineTo(cx, output.y + output.h);
    context.moveTo(cx - 4, toY(0));
    context.lineTo(cx + 4, toY(0));
    context.stroke();
    context.strokeStyle = PALETTE.truth;
    context.lineWidth = 1.5;
    context.beginPath();
    context.arc(cx, toY(target), 3.5, 0, 2 * Math.PI);
    context.stroke();
    context.fillStyle = PALETTE.oneStep;
    context.beginPath();
    context.arc(cx, toY(predicted), 2.5, 0, 2 * Math.PI);
    context.fill();
  }

  /** @param {CellGeometry} geometry */
  drawHoverInfo(geometry) {
    const hover = this.hover;
    if (!hover || !this.trace) {
      setText(this.hoverInfo, this.t('cells.hoverHint'));
      return;
    }
    const block = geometry.blocks[hover.block];
    if (!block || hover.unit >= block.units) return;
    const t = hover.step;
    const B = block.layer.batch;
    const H = block.layer.hiddenSize;
    const parts = block.columns.map((c) => `${c.name} = ${fixed(c.data[(t * B) * H + hover.unit], 3)}`);
    setText(this.hoverInfo, this.t('cells.hoverValues', { layer: layerName(block.layer, this.trace, this.t), unit: hover.unit + 1, step: t + 1, values: parts.join(', ') }));
    this.table.refresh();
  }

  dispose() {
    this.frame.dispose();
    cancelAnimationFrame(this.continuation);
    this.resizeObserver.disconnect();
    this.root.replaceChildren();
  }
}

/**
 * "layer 1", "layer 1 (reverse)" or, for a single layer, "the layer", in the language of `t`.
 * @param {{layer: number, direction: 'forward' | 'reverse'}} layer
 * @param {{layers: readonly unknown[]}} trace
 * @param {Translate} t
 * @returns {string}
 */
export function layerName(layer, trace, t) {
  const many = trace.layers.length > 1;
  if (!many) return t('layer.only');
  return t(layer.direction === 'reverse' ? 'layer.reverse' : 'layer.n', { n: layer.layer + 1 });
}

/** @param {Trace} trace @param {Translate} t @returns {(Node | string)[]} */
function legendParts(trace, t) {
  const kind = trace.layers[0].kind;
  /** @type {(Node | string)[]} */
  const parts = [el('span', 'rl-key rl-key-neg', t('cells.negative')), el('span', 'rl-key rl-key-pos', t('cells.positive'))];
  if (kind === 'lstm' || kind === 'gru') parts.push(el('span', 'rl-key rl-key-gate', t('cells.gate')));
  const columns = t(kind === 'lstm' ? 'cells.legend.lstm' : kind === 'gru' ? 'cells.legend.gru' : 'cells.legend.rnn');
  const classes = trace.output?.shape[1] ?? 0;
  const output = !(trace.target instanceof Int32Array) ? t('cells.legend.value')
    : classes > MAX_UNITS ? t('cells.legend.distribution.top', { shown: MAX_UNITS, classes })
    : t('cells.legend.distribution');
  let text = ` ${t('cells.legend', { columns, output })}`;
  // Chinese sentences follow each other without a space after their 。
  if (trace.layers.length > 1) text += `${/[。！？]$/.test(text) ? '' : ' '}${t('cells.legend.stacked')}`;
  parts.push(text);
  return parts;
}

/**
 * The classes a step's distribution shows: all of them in order when they fit in `rows`; else the `rows` most
 * likely, most likely first, the target always among them (in the last row if it is not one of the top ones).
 * @param {Float32Array} probabilities  (V)
 * @param {number} target
 * @param {number} rows
 * @returns {number[]}
 */
export function shownClasses(probabilities, target, rows) {
  const V = probabilities.length;
  if (V <= rows) return Array.from({ length: V }, (_, k) => k);
  const top = Array.from({ length: V }, (_, k) => k).sort((a, b) => probabilities[b] - probabilities[a] || a - b).slice(0, rows);
  if (target >= 0 && target < V && !top.includes(target)) top[rows - 1] = target;
  return top;
}
