// ReplayBar: the scrubber over the snapshots kept while training (page/replay-ring.js). A range input, one position
// per kept snapshot and the last for "live"; the keyboard moves it as any slider (arrows one snapshot, Page Up /
// Page Down a tenth, Home the first, End live), and a Live button comes back to the training as it goes on.
//
//   const bar = new ReplayBar(root);
//   root.addEventListener('replay-select', (e) => e.detail.index);   // a kept snapshot's index, or -1 for live
//   bar.update(iterations, shown);   // the kept iterations (oldest first); the index shown, -1 = live
//   bar.setLive(iteration);          // the live iteration, for the live position's text
import { el, setText } from './dom.js';
import { translatorFor } from '../i18n/i18n.js';

export class ReplayBar {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    /** @type {number[]} */
    this.iterations = [];
    this.shown = -1;
    this.liveIteration = 0;
    root.classList.add('rl-replay');
    root.replaceChildren();
    const label = el('label', 'rl-replay-label');
    label.append(el('span', 'rl-replay-title', this.t('replay.label')));
    this.slider = el('input', 'rl-replay-slider');
    this.slider.type = 'range';
    this.slider.min = '0';
    this.slider.step = '1';
    this.slider.addEventListener('input', () => this.choose(Number(this.slider.value)));
    label.append(this.slider);
    this.readout = el('output', 'rl-replay-readout');
    this.readout.setAttribute('aria-live', 'polite');
    this.liveButton = el('button', 'rl-button rl-replay-live', this.t('replay.live'));
    this.liveButton.type = 'button';
    this.liveButton.addEventListener('click', () => this.choose(this.iterations.length));
    this.note = el('p', 'rl-replay-note');
    root.append(label, this.readout, this.liveButton, this.note);
    this.draw();
  }

  /**
   * @param {number[]} iterations  the kept snapshots' iterations, oldest first
   * @param {number} shown  the index shown, -1 = live
   */
  update(iterations, shown) {
    this.iterations = iterations;
    this.shown = shown;
    this.draw();
  }

  /** @param {number} iteration */
  setLive(iteration) {
    this.liveIteration = iteration;
    if (this.shown < 0) this.draw();
  }

  clear() {
    this.update([], -1);
  }

  /** @param {number} position  0 .. iterations.length (live) */
  choose(position) {
    const index = position >= this.iterations.length ? -1 : position;
    this.root.dispatchEvent(new CustomEvent('replay-select', { detail: { index }, bubbles: true, composed: true }));
  }

  draw() {
    const count = this.iterations.length;
    const position = this.shown < 0 ? count : this.shown;
    this.slider.max = String(count);
    this.slider.value = String(position);
    this.slider.disabled = count === 0;
    const text = this.shown < 0 ? this.t('replay.liveValue', { iteration: this.liveIteration })
      : this.t('replay.iteration', { iteration: this.iterations[this.shown] });
    this.slider.setAttribute('aria-valuetext', text);
    setText(this.readout, text);
    this.liveButton.disabled = this.shown < 0;
    this.root.dataset.live = String(this.shown < 0);
    this.root.dataset.iteration = String(this.shown < 0 ? this.liveIteration : this.iterations[this.shown]);
    this.root.dataset.kept = String(count);
    setText(this.note, count === 0 ? this.t('replay.empty')
      : this.t('replay.kept', { count, first: this.iterations[0], last: this.iterations[count - 1] }));
  }
}
