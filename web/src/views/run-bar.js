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
import { translatorFor } from '../i18n/i18n.js';

/** @type {Record<'loading' | 'training' | 'paused' | 'done' | 'stopped', import('../i18n/i18n.js').MessageKey>} */
const STATUS_KEYS = {
  loading: 'runBar.status.loading', training: 'runBar.status.training', paused: 'runBar.status.paused', done: 'runBar.status.done', stopped: 'runBar.status.stopped',
};

export class RunBar {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.t = translatorFor(root);
    this.running = false;
    /** @type {{iteration: number, loss: number} | null} */
    this.snapshot = null;
    this.perSecond = 0;
    /** @type {'' | 'loading' | 'training' | 'paused' | 'done' | 'stopped' | undefined} */
    this.statusText = undefined;
    root.classList.add('rl-run-bar');
    root.replaceChildren();
    const buttons = el('div', 'rl-run-buttons');
    this.trainButton = this.button('train', this.t('runBar.train'), 'rl-button rl-primary', 'Space');
    this.trainText = /** @type {HTMLElement} */ (this.trainButton.querySelector('.rl-button-text'));
    this.stepButton = this.button('step', this.t('runBar.step'), 'rl-button', 'S');
    this.resetButton = this.button('reset', this.t('runBar.reset'), 'rl-button', 'R');
    buttons.append(this.trainButton, this.stepButton, this.resetButton);
    const readouts = el('dl', 'rl-readouts');
    this.iteration = this.readout(readouts, 'iteration', this.t('runBar.iteration'));
    this.loss = this.readout(readouts, 'loss', this.t('runBar.loss'));
    this.rate = this.readout(readouts, 'rate', this.t('runBar.speed'));
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
    button.append(el('span', 'rl-button-text', text), el('kbd', '', key === 'Space' ? this.t('keys.space') : key));
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
    setText(this.trainText, running ? this.t('runBar.pause') : this.t('runBar.train'));
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

  /** @param {'' | 'loading' | 'training' | 'paused' | 'done' | 'stopped'} text  the run's state, shown in the page's language */
  setStatus(text) {
    this.statusText = text;
    this.frame.request();
  }

  draw() {
    const s = this.snapshot;
    setText(this.iteration, s ? String(s.iteration) : '–');
    setText(this.loss, s && s.iteration > 0 ? compact(s.loss) : '–');
    setText(this.rate, this.running ? rate(this.perSecond) : '–');
    const status = this.statusText ?? '';
    this.status.dataset.status = status;
    setText(this.status, status === '' ? '' : this.t(STATUS_KEYS[status]));
  }

  dispose() {
    this.frame.dispose();
    this.root.replaceChildren();
  }
}
