// GradientBars: one bar per time step, the size of the gradient flowing back through time to the hidden
// state, |dL/dh_t|, on a log scale so vanishing (bars shrinking towards the first step) and exploding
// gradients can be seen. With gradient clipping on, the bars also show what the update really uses: clipping
// scales every weight gradient by c = min(1, max_norm / ||g||), and since backward is linear that is the same
// as scaling every dL/dh_t by c; the clipped part is drawn solid, the unclipped height as an outline.
// When the trace carries the Jacobian norm ||dh_T/dh_t|| (how much the last state still depends on h_t; the
// remember task's lesson: a tanh RNN's falls to 1e-30 at t=1, a trained GRU's stays near 10), it is a second
// series on the same log axis: a line with a dot per step, one per layer, named in the legend and the table.
//
//   const bars = new GradientBars(root);
//   bars.update(snapshot);        // snapshot.trace (dhNorm per layer) and snapshot.gradNorm (NaN before a step)
//   bars.setClip(maxNorm);        // 0 = off
//   bars.setGradNorm(norm);       // the total gradient norm, for a snapshot that does not carry it
// Emits 'step-select' {step} when a bar is clicked.
import { FrameScheduler } from './frame.js';
import { PALETTE } from './colors.js';
import { compact } from './format.js';
import { el, sizeCanvas, observeWidth, setText } from './dom.js';
import { layerName } from './unrolled-cells.js';
import { translatorFor } from '../i18n/i18n.js';
import { DataTable } from './data-table.js';

/** @typedef {import('../api/rnnlab.js').Trace} Trace */
/** @typedef {import('../api/rnnlab.js').LayerTrace} LayerTrace */

/**
 * Whether backward recorded this layer's |dL/dh_t| (not before the first step).
 * @param {LayerTrace} layer
 * @returns {layer is LayerTrace & {dhNorm: Float32Array}}
 */
const hasGradient = (layer) => !!layer.dhNorm;

/**
 * Layer li's Jacobian norm per step, or null when the trace has none for it.
 * @param {LayerTrace} layer
 * @returns {Float64Array | null}
 */
const jacobianOf = (layer) => layer.jacobianNorm ?? null;

/**
 * The whole decades [lo, hi] (powers of ten) that hold every positive finite value: the bars (down to their
 * clipped height, `scale`) and the Jacobian norms; at least one decade; [-3, 0] when there is none.
 * @param {ArrayLike<number>[]} bars
 * @param {ArrayLike<number>[]} lines
 * @param {number} scale  the clipping factor the bars are drawn with (1 = none)
 * @returns {[number, number]}
 */
export function decadesOf(bars, lines, scale) {
  let min = Infinity;
  let max = 0;
  for (const values of bars) {
    for (let i = 0; i < values.length; ++i) {
      const v = values[i];
      if (v > 0 && Number.isFinite(v)) {
        min = Math.min(min, v * scale);
        max = Math.max(max, v);
      }
    }
  }
  for (const values of lines) {
    for (let i = 0; i < values.length; ++i) {
      const v = values[i];
      if (v > 0 && Number.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
  }
  if (!(max > 0)) { min = 1e-3; max = 1; }
  let lo = Math.floor(Math.log10(min));
  let hi = Math.ceil(Math.log10(max));
  if (hi - lo < 1) { lo -= 1; }
  if (hi === lo) hi = lo + 1;
  return [lo, hi];
}

const HEIGHT = 120;
const PAD = { left: 44, right: 8, top: 8, bottom: 18 };

export class GradientBars {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    /** @type {Trace | null} */
    this.trace = null;
    this.gradNorm = NaN;
    this.clip = 0;
    this.selected = -1;
    this.hoverStep = -1;
    this.legendKey = '';  // the layers the legend names now
    /** @type {[number, number] | null} an axis shared with other bars (setSharedDecades) */
    this.sharedDecades = null;
    root.classList.add('rl-grad-bars');
    root.replaceChildren();
    this.caption = el('p', 'rl-grad-caption');
    this.canvas = el('canvas', 'rl-grad-canvas');
    this.canvas.setAttribute('role', 'img');
    this.legend = el('ul', 'rl-legend');
    this.readout = el('p', 'rl-grad-readout');
    this.empty = el('p', 'rl-empty', this.t('grad.empty'));
    root.append(this.caption, this.legend, this.canvas, this.readout, this.empty);
    // The bars as a table, on request: |dL/dh_t| per step, one column per layer.
    this.table = new DataTable(root, this.t('table.show'));
    this.table.set(() => {
      const layers = this.layersWithGradient();
      if (!this.trace || layers.length === 0) return null;
      const trace = this.trace;
      const B = layers[0].batch;
      const withJacobian = layers.filter((layer) => jacobianOf(layer));
      const rows = Array.from({ length: trace.steps }, (_, t) => [String(t + 1),
        ...layers.map((layer) => compact(layer.dhNorm[t * B])),
        ...withJacobian.map((layer) => compact(/** @type {Float64Array} */ (jacobianOf(layer))[t]))]);
      const name = (/** @type {LayerTrace} */ layer) => layerName(layer, trace, this.t);
      const columns = withJacobian.length === 0
        ? [this.t('grad.table.step'), ...layers.map(name)]
        // The legend's names: which series, and with more than one layer whose.
        : [this.t('grad.table.step'),
          ...layers.map((layer) => this.t(layers.length > 1 ? 'grad.legend.dh.layer' : 'grad.legend.dh', { layer: name(layer) })),
          ...withJacobian.map((layer) => this.t(layers.length > 1 ? 'grad.legend.jacobian.layer' : 'grad.legend.jacobian', { layer: name(layer) }))];
      return { caption: this.t(withJacobian.length ? 'grad.table.caption.jacobian' : 'grad.table.caption'), columns, rows };
    });
    this.canvas.addEventListener('mousemove', (event) => this.onMove(event));
    this.canvas.addEventListener('mouseleave', () => { this.hoverStep = -1; this.frame.request(); });
    this.canvas.addEventListener('click', (event) => {
      const step = this.stepAt(event);
      if (step >= 0) this.root.dispatchEvent(new CustomEvent('step-select', { detail: { step }, bubbles: true, composed: true }));
    });
    this.width = 0;
    this.resizeObserver = observeWidth(root, (width) => { this.width = width; this.frame.request(); });
    this.frame = new FrameScheduler(() => this.draw(), { minInterval: 100 });
    this.frame.request();
  }

  /** @param {{trace?: Trace | null, gradNorm?: number}} snapshot */
  update(snapshot) {
    if (!snapshot) return;
    if (snapshot.trace !== undefined) this.trace = snapshot.trace;
    if (typeof snapshot.gradNorm === 'number') this.gradNorm = snapshot.gradNorm;
    this.frame.request();
  }

  /** @param {number} clip  clip_grad_norm_'s max norm; 0 = off */
  setClip(clip) {
    this.clip = clip > 0 ? clip : 0;
    this.frame.request();
  }

  /** @param {number} norm */
  setGradNorm(norm) {
    this.gradNorm = norm;
    this.frame.request();
  }

  /** @param {number} step */
  select(step) {
    this.selected = step;
    this.frame.request({ now: true });
  }

  clear() {
    this.trace = null;
    this.gradNorm = NaN;
    this.frame.request();
  }

  /** The factor clipping applied to the last step's gradients (1 = none). */
  get clipScale() {
    if (!(this.clip > 0) || !Number.isFinite(this.gradNorm) || this.gradNorm <= this.clip) return 1;
    return this.clip / (this.gradNorm + 1e-6); // torch.nn.utils.clip_grad_norm_ divides by (norm + 1e-6)
  }

  /**
   * The decades [lo, hi] (powers of ten) the current trace's values need, or null before the first step: what
   * a stack of bars shares (setSharedDecades).
   * @returns {[number, number] | null}
   */
  decades() {
    const layers = this.layersWithGradient();
    if (!this.trace || layers.length === 0) return null;
    const T = this.trace.steps;
    const B = layers[0].batch;
    const series = layers.map((layer) => Float32Array.from({ length: T }, (_, t) => layer.dhNorm[t * B]));
    const jacobians = layers.map(jacobianOf).filter((v) => v !== null && v.length === T);
    return decadesOf(series, /** @type {Float64Array[]} */ (jacobians), this.clipScale);
  }

  /**
   * An axis to share with other bars (compare mode stacks one per model): the bars' own decades widen to hold it.
   * @param {[number, number] | null} decades  null: the bars' own range
   */
  setSharedDecades(decades) {
    const same = decades && this.sharedDecades && decades[0] === this.sharedDecades[0] && decades[1] === this.sharedDecades[1];
    if (same || (!decades && !this.sharedDecades)) return;
    this.sharedDecades = decades;
    this.frame.request();
  }

  /** @returns {(LayerTrace & {dhNorm: Float32Array})[]} */
  layersWithGradient() {
    return this.trace ? this.trace.layers.filter(hasGradient) : [];
  }

  /** @param {MouseEvent} event @returns {number} the step under the pointer, -1 for none */
  stepAt(event) {
    if (!this.trace) return -1;
    const rect = this.canvas.getBoundingClientRect();  // in an event handler, not while drawing
    const x = event.clientX - rect.left;
    const plotWidth = rect.width - PAD.left - PAD.right;
    const step = Math.floor(((x - PAD.left) / plotWidth) * this.trace.steps);
    return step >= 0 && step < this.trace.steps ? step : -1;
  }

  /** @param {MouseEvent} event */
  onMove(event) {
    const step = this.stepAt(event);
    if (step !== this.hoverStep) {
      this.hoverStep = step;
      this.frame.request();
    }
  }

  draw() {
    const layers = this.layersWithGradient();
    const has = layers.length > 0;
    this.empty.hidden = has;
    this.canvas.hidden = !has;
    this.legend.hidden = !has || layers.length < 2;
    const scale = this.clipScale;
    this.root.dataset.clipScale = String(scale);
    this.root.dataset.gradNorm = String(this.gradNorm);
    if (!has) {
      this.root.dataset.values = '';
      this.root.dataset.applied = '';
      this.caption.textContent = '';
      this.readout.textContent = '';
      this.table.refresh();
      return;
    }
    const trace = /** @type {Trace} */ (this.trace);  // there are layers with a gradient
    const T = trace.steps;
    const B = layers[0].batch;
    // Per layer, the norm at each step (batch 0).
    const series = layers.map((layer) => Float32Array.from({ length: T }, (_, t) => layer.dhNorm[t * B]));
    this.root.dataset.values = Array.from(series[0], (v) => v.toPrecision(6)).join(',');
    this.root.dataset.applied = Array.from(series[0], (v) => (v * scale).toPrecision(6)).join(',');
    // The Jacobian norms (Float64: a tanh RNN's go below float's smallest), per layer that has them.
    /** @type {{layer: LayerTrace, li: number, values: Float64Array}[]} */
    const jacobians = [];
    layers.forEach((layer, li) => {
      const values = jacobianOf(layer);
      if (values && values.length === T) jacobians.push({ layer, li, values });
    });
    this.root.dataset.jacobian = jacobians.length ? Array.from(jacobians[0].values, (v) => v.toPrecision(6)).join(',') : '';

    let [lo, hi] = decadesOf(series, jacobians.map(({ values }) => values), scale);
    // Stacked beside other models' bars (compare mode), the axis is the one they share, so heights compare.
    if (this.sharedDecades) {
      lo = Math.min(lo, this.sharedDecades[0]);
      hi = Math.max(hi, this.sharedDecades[1]);
    }
    // As many decades as the data spans: a vanishing gradient can fall 30 decades over 50 steps.
    this.root.dataset.decades = `${lo},${hi}`;  // the axis, as powers of ten

    const width = Math.max(240, this.width);
    const context = sizeCanvas(this.canvas, width, HEIGHT);
    context.clearRect(0, 0, width, HEIGHT);
    const plotWidth = width - PAD.left - PAD.right;
    const plotHeight = HEIGHT - PAD.top - PAD.bottom;
    const toY = (/** @type {number} */ v) => {
      const l = Math.log10(Math.max(v, 10 ** lo));
      return PAD.top + plotHeight * (1 - (l - lo) / (hi - lo));
    };
    // Decade grid lines.
    context.font = '10px system-ui, sans-serif';
    context.textAlign = 'right';
    context.textBaseline = 'middle';
    const every = Math.ceil((hi - lo) / 4);
    for (let e = hi; e >= lo; e -= every) {  // from the top, so the largest decade is always named
      const y = toY(10 ** e);
      context.strokeStyle = PALETTE.grid;
      context.lineWidth = 1;
      context.beginPath();
      context.moveTo(PAD.left, Math.round(y) + 0.5);
      context.lineTo(width - PAD.right, Math.round(y) + 0.5);
      context.stroke();
      context.fillStyle = PALETTE.muted;
      context.fillText(`1e${e}`.replace('-', '−'), PAD.left - 6, y);
    }
    // Bars: per step a slot, per layer a bar inside it.
    const slot = plotWidth / T;
    const barWidth = Math.max(1, Math.min(28, (slot * 0.8) / series.length));
    const base = PAD.top + plotHeight;
    for (let t = 0; t < T; ++t) {
      const x0 = PAD.left + t * slot + (slot - barWidth * series.length) / 2;
      if (t === this.selected || t === this.hoverStep) {
        context.fillStyle = t === this.selected ? 'rgba(45,111,124,0.12)' : 'rgba(0,0,0,0.05)';
        context.fillRect(PAD.left + t * slot, PAD.top, slot, plotHeight);
      }
      series.forEach((values, li) => {
        const v = values[t];
        const x = x0 + li * barWidth;
        const color = PALETTE.layers[li % PALETTE.layers.length];
        if (!Number.isFinite(v)) {
          context.fillStyle = PALETTE.wrong;
          context.fillRect(x, PAD.top, Math.max(1, barWidth - 1), plotHeight);
          return;
        }
        const applied = v * scale;
        context.fillStyle = color;
        const yApplied = toY(applied);
        context.fillRect(x, yApplied, Math.max(1, barWidth - (barWidth > 3 ? 1 : 0)), base - yApplied);
        if (scale < 1) {
          const yFull = toY(v);
          context.strokeStyle = color;
          context.lineWidth = 1;
          context.strokeRect(x + 0.5, yFull + 0.5, Math.max(1, barWidth - 2), yApplied - yFull);
        }
      });
    }
    // The Jacobian norms: a line through each step's centre, a dot per step (a value of 0 sits on the floor).
    jacobians.forEach(({ values, li }) => {
      const color = jacobians.length === 1 ? PALETTE.ink : PALETTE.layers[li % PALETTE.layers.length];
      const xs = Array.from(values, (_, t) => PAD.left + (t + 0.5) * slot);
      const ys = Array.from(values, (v) => toY(Number.isFinite(v) ? v : 10 ** hi));
      context.strokeStyle = '#ffffff';  // a halo, so the line reads over the bars
      context.lineWidth = 3.5;
      context.setLineDash([]);
      context.beginPath();
      xs.forEach((x, t) => (t === 0 ? context.moveTo(x, ys[t]) : context.lineTo(x, ys[t])));
      context.stroke();
      context.strokeStyle = color;
      context.lineWidth = 1.5;
      if (li > 0) context.setLineDash([4, 3]);
      context.beginPath();
      xs.forEach((x, t) => (t === 0 ? context.moveTo(x, ys[t]) : context.lineTo(x, ys[t])));
      context.stroke();
      context.setLineDash([]);
      const radius = Math.max(1.5, Math.min(3, slot / 4));
      context.fillStyle = color;
      xs.forEach((x, t) => {
        context.beginPath();
        context.arc(x, ys[t], radius, 0, 2 * Math.PI);
        context.fill();
      });
    });
    // Step axis: first and last.
    context.fillStyle = PALETTE.muted;
    context.textBaseline = 'alphabetic';
    context.textAlign = 'left';
    context.fillText('t=1', PAD.left, HEIGHT - 4);
    context.textAlign = 'right';
    context.fillText(`t=${T}`, width - PAD.right, HEIGHT - 4);
    context.textAlign = 'center';
    context.fillText(this.t('grad.axis'), PAD.left + plotWidth / 2, HEIGHT - 4);

    const many = layers.length > 1;
    const legendKey = layers.map((layer) => layerName(layer, trace, this.t)).join('|') + `|${jacobians.length}`;
    if (legendKey !== this.legendKey) {
      const bars = layers.map((layer, li) => {
        const item = el('li', 'rl-legend-bars');
        const swatch = el('span', 'rl-swatch rl-swatch-bar');
        swatch.style.background = PALETTE.layers[li % PALETTE.layers.length];
        const name = layerName(layer, trace, this.t);
        item.append(swatch, jacobians.length ? this.t(many ? 'grad.legend.dh.layer' : 'grad.legend.dh', { layer: name }) : name);
        return item;
      });
      const lines = jacobians.map(({ layer, li }) => {
        const item = el('li', 'rl-legend-jacobian');
        const swatch = el('span', li > 0 ? 'rl-swatch rl-swatch-line rl-swatch-dashed' : 'rl-swatch rl-swatch-line');
        const color = jacobians.length === 1 ? PALETTE.ink : PALETTE.layers[li % PALETTE.layers.length];
        if (li > 0) swatch.style.color = color;
        else swatch.style.background = color;
        item.append(swatch, this.t(many ? 'grad.legend.jacobian.layer' : 'grad.legend.jacobian', { layer: layerName(layer, trace, this.t) }));
        return item;
      });
      this.legend.replaceChildren(...bars, ...lines);
    }
    this.legendKey = legendKey;
    this.legend.hidden = !(many || jacobians.length > 0);

    setText(this.caption, this.t(jacobians.length ? 'grad.caption.jacobian' : trace.layers.length > 1 ? 'grad.caption.layers' : 'grad.caption'));
    this.canvas.setAttribute('aria-label', this.t('grad.ariaLabel', { first: compact(series[0][0]), last: compact(series[0][T - 1]), steps: T })
      + (jacobians.length ? this.t('grad.ariaLabel.jacobian', { first: compact(jacobians[0].values[0]), last: compact(jacobians[0].values[T - 1]), steps: T }) : ''));

    const parts = [];
    if (this.hoverStep >= 0) {
      const step = this.hoverStep;
      const values = series.map((values) => compact(values[step])).join(' / ');
      parts.push(jacobians.length
        ? this.t('grad.step.jacobian', { step: step + 1, values, jacobian: jacobians.map(({ values }) => compact(values[step])).join(' / ') })
        : this.t('grad.step', { step: step + 1, values }));
    }
    if (jacobians.length && T > 1) {
      const j = jacobians[0].values;
      parts.push(this.t('grad.jacobianFirst', { first: compact(j[0]), steps: T, last: compact(j[T - 1]) }));
    }
    const first = series[0][0];
    const last = series[0][T - 1];
    if (T > 1 && first > 0 && last > 0) {
      const ratio = first / last;
      if (ratio < 0.01) parts.push(this.t('grad.vanishing', { factor: compact(1 / ratio) }));
      else if (ratio > 100) parts.push(this.t('grad.exploding', { factor: compact(ratio) }));
    }
    if (this.clip > 0 && Number.isFinite(this.gradNorm)) {
      // The bars are the unclipped dL/dh_t of backward; clipping only rescales the weight gradients afterwards.
      parts.push(scale < 1
        ? this.t('grad.clipped', { clip: compact(this.clip), scale: compact(scale), norm: compact(this.gradNorm) })
        : this.t('grad.notClipped', { clip: compact(this.clip), norm: compact(this.gradNorm) }));
    } else if (this.clip > 0) {
      parts.push(this.t('grad.clipping', { clip: compact(this.clip) }));
    } else if (Number.isFinite(this.gradNorm)) {
      parts.push(this.t('grad.norm', { norm: compact(this.gradNorm) }));
    }
    setText(this.readout, parts.join(' · '));
    this.table.refresh();
  }

  dispose() {
    this.frame.dispose();
    this.resizeObserver.disconnect();
    this.root.replaceChildren();
  }
}
