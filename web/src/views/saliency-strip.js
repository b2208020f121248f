// SaliencyStrip: how much the prediction after a chosen position depends on each earlier character, the norm of
// d log p(y) / d x_k (Trainer#saliency), as a heat strip over the preceding text: white for none, deep teal for
// the most (scaled by the largest). Pointing at a character, or moving with the arrow keys, reads its number out.
//
//   const strip = new SaliencyStrip(root);
//   strip.show({text, position, norms, target});   // target: the character predicted at `position`
//   strip.show({text: '', steps, position, norms, target: ''});  // a model of values: steps, the inputs as written
import { el, setText } from './dom.js';
import { sequential } from './colors.js';
import { compact, visibleChar } from './format.js';
import { translatorFor } from '../i18n/i18n.js';

let views = 0;

export class SaliencyStrip {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    root.classList.add('rl-saliency');
    root.replaceChildren();
    /** @type {string[]} */
    this.chars = [];
    /** @type {Float32Array} */
    this.norms = new Float32Array(0);
    this.current = -1;
    this.valued = false;  // the steps are a model's input values, not characters
    /** @type {HTMLSpanElement[]} */
    this.spans = [];
    const id = `rl-saliency-label-${++views}`;
    this.label = el('p', 'rl-saliency-label', this.t('inside.saliency.empty'));
    this.label.id = id;
    this.body = el('div', 'rl-saliency-body');
    this.body.tabIndex = 0;
    this.body.setAttribute('role', 'group');
    this.body.setAttribute('aria-labelledby', id);
    this.readout = el('p', 'rl-saliency-readout');
    this.readout.setAttribute('aria-live', 'polite');
    root.append(this.label, this.body, this.readout);
    this.body.addEventListener('pointermove', (event) => {  // moving, not 'pointerover' (activation-text.js)
      const index = event.target instanceof HTMLElement ? event.target.dataset.index : undefined;
      if (index !== undefined && Number(index) !== this.current) this.point(Number(index));
    });
    this.body.addEventListener('keydown', (event) => {
      const n = this.spans.length;
      if (n === 0) return;
      const at = Math.max(0, this.current);
      const next = event.key === 'ArrowLeft' ? at - 1 : event.key === 'ArrowRight' ? at + 1 : event.key === 'Home' ? 0
        : event.key === 'End' ? n - 1 : null;
      if (next === null) return;
      event.preventDefault();
      this.point(Math.max(0, Math.min(n - 1, next)));
    });
  }

  /** @param {{text: string, position: number, norms: Float32Array, target: string, steps?: string[]}} data */
  show({ text, position, norms, target, steps }) {
    this.valued = steps !== undefined;
    this.body.classList.toggle('rl-valued', this.valued);
    this.chars = (steps ?? Array.from(text)).slice(0, position);
    this.norms = norms;
    let top = 0;
    for (const v of norms) top = Math.max(top, v);
    this.spans = this.chars.map((ch, k) => {
      const span = this.valued ? el('span', 'rl-saliency-char rl-activation-value', ch)
        : el('span', 'rl-saliency-char', ch === '\n' ? '\u21b5\n' : visibleChar(ch));
      span.dataset.index = String(k);
      span.style.background = sequential(top > 0 ? norms[k] / top : 0);
      if (top > 0 && norms[k] / top > 0.55) span.classList.add('rl-on-dark');
      return span;
    });
    const predicted = el('span', 'rl-saliency-target', this.valued ? '\u2192' : visibleChar(target));
    this.body.replaceChildren(...this.spans, predicted);
    this.body.scrollTop = this.body.scrollHeight;  // the characters nearest the prediction are at the end
    setText(this.label, this.valued
      ? this.t('inside.saliency.labelValue', { position: String(position), top: compact(top) })
      : this.t('inside.saliency.label', { position: String(position), target: visibleChar(target), top: compact(top) }));
    this.current = -1;
    setText(this.readout, '');
  }

  clear() {
    this.spans = [];
    this.body.replaceChildren();
    setText(this.label, this.t('inside.saliency.empty'));
    setText(this.readout, '');
  }

  /** @param {number} k */
  point(k) {
    this.spans[this.current]?.classList.remove('rl-current');
    this.current = k;
    this.spans[k]?.classList.add('rl-current');
    setText(this.readout, this.valued
      ? this.t('inside.saliency.readoutValue', { position: String(k + 1), input: this.chars[k], value: compact(this.norms[k]) })
      : this.t('inside.saliency.readout', { position: String(k + 1), char: visibleChar(this.chars[k]), value: compact(this.norms[k]) }));
  }

  dispose() {
    this.root.replaceChildren();
  }
}
