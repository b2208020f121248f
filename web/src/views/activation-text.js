// ActivationText: a text with each character coloured by one unit's activation after reading it (blue negative,
// white 0, orange positive, scaled by the largest |value|), as in Karpathy's figures. Pointing at a character, or
// moving to it with the arrow keys once the text has focus, shows the unit's value there and the model's five most
// likely next characters with their probabilities (LSTMVis-style); Enter (or a click) picks it as the saliency
// position. Every character is set as text: a typed "<b>" shows as the three characters it is.
//
//   const view = new ActivationText(root);
//   view.show({text, values, unit, topk});   // values (T): the unit after each character; topk: Trainer#topk's
//   view.show({text: '', steps, values, unit, topk: null});  // a model of values: steps (T) the inputs as written
//   root.addEventListener('position-select', (e) => e.detail.position);  // 1 .. T: the prediction after it
import { el, setText } from './dom.js';
import { divergingText } from './colors.js';
import { fixed, visibleChar } from './format.js';
import { translatorFor } from '../i18n/i18n.js';

/** @typedef {import('../api/rnnlab.js').TopK} TopK */

let views = 0;

export class ActivationText {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    root.classList.add('rl-activation-text');
    root.replaceChildren();
    /** @type {string[]} */
    this.chars = [];
    /** @type {Float32Array} */
    this.values = new Float32Array(0);
    /** @type {TopK | null} */
    this.topk = null;
    this.unit = '';
    this.valued = false;  // the steps are a model's input values, not characters
    this.current = -1;
    /** @type {HTMLSpanElement[]} */
    this.spans = [];
    const id = `rl-activation-label-${++views}`;
    this.label = el('p', 'rl-activation-label', this.t('inside.activation.empty'));
    this.label.id = id;
    this.body = el('div', 'rl-activation-body');
    this.body.tabIndex = 0;
    this.body.setAttribute('role', 'group');
    this.body.setAttribute('aria-labelledby', id);
    this.body.setAttribute('aria-describedby', `${id}-readout`);
    this.readout = el('p', 'rl-activation-readout', this.t('inside.activation.hint'));
    this.readout.id = `${id}-readout`;
    this.readout.setAttribute('aria-live', 'polite');
    root.append(this.label, this.body, this.readout);
    // The pointer points by moving: 'pointerover' also fires when the text moves under a resting pointer (a
    // re-render after a training step), which took the cursor away from where the keyboard had put it.
    this.body.addEventListener('pointermove', (event) => {
      const i = indexOf(event.target);
      if (i >= 0 && i !== this.current) this.point(i);
    });
    this.body.addEventListener('click', (event) => {
      const i = indexOf(event.target);
      if (i >= 0) this.select(i);
    });
    this.body.addEventListener('keydown', (event) => this.onKey(event));
    this.body.addEventListener('focus', () => { if (this.current < 0 && this.chars.length > 0) this.point(0); });
  }

  /**
   * @param {{text: string, values: Float32Array, unit: string, topk: TopK | null, steps?: string[]}} data
   *   steps: for a model of values, each step's input as written (then text is not read)
   */
  show({ text, values, unit, topk, steps }) {
    this.valued = steps !== undefined;
    this.body.classList.toggle('rl-valued', this.valued);
    this.chars = steps ?? Array.from(text);
    this.values = values;
    this.topk = topk;
    this.unit = unit;
    let scale = 0;
    for (const v of values) scale = Math.max(scale, Math.abs(v));
    if (scale === 0) scale = 1;
    this.spans = this.chars.map((ch, i) => {
      const span = this.valued ? el('span', 'rl-activation-char rl-activation-value', ch)
        : el('span', 'rl-activation-char', ch === '\n' ? '\u21b5\n' : ch === ' ' ? ' ' : visibleChar(ch));
      span.dataset.index = String(i);
      const colour = divergingText(values[i], scale);  // blue, white, orange, and the text readable on it
      span.style.background = colour.background;
      if (colour.light) span.classList.add('rl-on-dark');
      return span;
    });
    this.body.replaceChildren(...this.spans);
    setText(this.label, this.t('inside.activation.label', { unit, scale: fixed(scale, 3) }));
    this.current = -1;
    setText(this.readout, this.t('inside.activation.hint'));
  }

  clear() {
    this.chars = [];
    this.spans = [];
    this.body.replaceChildren();
    setText(this.label, this.t('inside.activation.empty'));
    setText(this.readout, this.t('inside.activation.hint'));
  }

  /** Shows character i's value and next-character guesses. @param {number} i */
  point(i) {
    if (i < 0 || i >= this.chars.length) return;
    this.spans[this.current]?.classList.remove('rl-current');
    this.current = i;
    this.spans[i].classList.add('rl-current');
    const guesses = [];
    const top = this.topk;
    if (top && i < top.steps) {
      for (let j = 0; j < top.k; j++) {
        const p = top.probabilities[i * top.k + j];
        guesses.push(`${visibleChar(top.symbols[i * top.k + j])} ${fixed(p * 100, 1)}%`);
      }
    }
    if (this.valued) {
      setText(this.readout, this.t('inside.activation.readoutValue', {
        position: String(i + 1), input: this.chars[i], unit: this.unit, value: fixed(this.values[i], 3),
      }));
      return;
    }
    setText(this.readout, this.t('inside.activation.readout', {
      position: String(i + 1), char: visibleChar(this.chars[i]), unit: this.unit, value: fixed(this.values[i], 3),
      next: guesses.join(', '),
    }));
  }

  /** @param {number} i */
  select(i) {
    this.point(i);
    this.root.dispatchEvent(new CustomEvent('position-select', { detail: { position: i + 1 }, bubbles: true }));
  }

  /** @param {KeyboardEvent} event */
  onKey(event) {
    const n = this.chars.length;
    if (n === 0) return;
    const at = Math.max(0, this.current);
    const moves = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: n - 1, ArrowUp: at - 40, ArrowDown: at + 40 };
    if (Object.hasOwn(moves, event.key)) {
      event.preventDefault();
      this.point(Math.max(0, Math.min(n - 1, moves[/** @type {keyof typeof moves} */ (event.key)])));
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.select(at);
    }
  }

  dispose() {
    this.root.replaceChildren();
  }
}

/** @param {EventTarget | null} target @returns {number} the character index of a span, else -1 */
function indexOf(target) {
  const index = target instanceof HTMLElement ? target.dataset.index : undefined;
  return index === undefined ? -1 : Number(index);
}
