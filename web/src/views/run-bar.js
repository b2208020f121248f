// RunBar: Train / Pause, Step, Reset and the live readouts (iteration, loss, iterations per second).
// Real buttons; the page binds the keyboard shortcuts (space, s, r) to the same actions.
//
//   const bar = new RunBar(root);
//   root.addEventListener('run-action', (e) => e.detail.action);   // 'train' | 'pause' | 'step' | 'reset'
//   bar.setState({running, canTrain, busy});
//   bar.update(snapshot);
import { FrameScheduler } from './frame.js';
import { compact, rate } from './format.js';
import { el, setText } from './dom.js';

export class RunBar {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.running = false;
    /** @type {{iteration: number, loss: number} | null} */
    this.snapshot = null;
    this.perSecond = 0;
    /** @type {string | undefined} */
    this.statusText = undefined;
    root.classList.add('rl-run-bar');
    root.replaceChildren();
    const buttons = el('div', 'rl-run-buttons');
    this.trainButton = this.button('train', 'Train', 'rl-button rl-primary', 'Space');
    this.trainText = /** @type {HTMLElement} */ (this.trainButton.querySelector('.rl-button-text'));
    this.stepButton = this.button('step', 'Step', 'rl-button', 'S');
    this.resetButton = this.button('reset', 'Reset', 'rl-button', 'R');
    buttons.append(this.trainButton, this.stepButton, this.resetButton);
    const readouts = el('dl', 'rl-readouts');
    this.iteration = this.readout(readouts, 'iteration', 'Iteration');
    this.loss = this.readout(readouts, 'loss', 'Loss');
    this.rate = this.readout(readouts, 'rate', 'Speed');
    this.status = el('span', 'rl-status');
    this.status.setAttribute('role', 'status');
    root.append(buttons, readouts, this.status);
    this.frame = new FrameScheduler(() => this.draw(), { minInterval: 66 });
    this.frame.request();
  }

  /**
   * @param {'train' | 'step' | 'reset'} action
   * @param {string} text
   * @param {string} className
   * @param {string} key  the shortcut, as its kbd shows it
   */
  button(action, text, className, key) {
    const button = el('button', className);
    button.type = 'button';
    button.dataset.action = action;
    button.append(el('span', 'rl-button-text', text), el('kbd', '', key));
    button.setAttribute('aria-keyshortcuts', key === 'Space' ? ' ' : key.toLowerCase());
    button.addEventListener('click', () => {
      const act = action === 'train' && this.running ? 'pause' : action;
      this.root.dispatchEvent(new CustomEvent('run-action', { detail: { action: act }, bubbles: true, composed: true }));
    });
    return button;
  }

  /** @param {HTMLElement} list @param {string} name @param {string} label @returns {HTMLElement} its value */
  readout(list, name, label) {
    const wrap = el('div', `rl-readout rl-readout-${name}`);
    const value = el('dd', '', '–');
    wrap.append(el('dt', '', label), value);
    list.append(wrap);
    return value;
  }

  /** @param {{running?: boolean, canTrain?: boolean, ready?: boolean}} state */
  setState({ running = this.running, canTrain = true, ready = true } = {}) {
    this.running = running;
    setText(this.trainText, running ? 'Pause' : 'Train');
    this.trainButton.setAttribute('aria-pressed', String(running));
    this.trainButton.classList.toggle('rl-running', running);
    this.trainButton.disabled = !ready || (!running && !canTrain);
    this.stepButton.disabled = !ready || !canTrain;
    this.resetButton.disabled = !ready;
    this.root.dataset.running = String(running);
    this.frame.request();
  }

  /**
   * @param {{iteration: number, loss: number, iterationsPerSecond?: number, stopped?: boolean}} snapshot
   * @param {number} [perSecond]  the readout's speed (the page measures it when it paces the steps)
   */
  update(snapshot, perSecond = snapshot.iterationsPerSecond ?? 0) {
    this.snapshot = snapshot;
    this.perSecond = perSecond;
    this.frame.request();
  }

  /** @param {string} text */
  setStatus(text) {
    this.statusText = text;
    this.frame.request();
  }

  draw() {
    const s = this.snapshot;
    setText(this.iteration, s ? String(s.iteration) : '–');
    setText(this.loss, s && s.iteration > 0 ? compact(s.loss) : '–');
    setText(this.rate, this.running ? rate(this.perSecond) : '–');
    setText(this.status, this.statusText ?? '');
  }

  dispose() {
    this.frame.dispose();
    this.root.replaceChildren();
  }
}
