// ComparePanel: the frame of compare mode. The models field (the compare list, as a link writes it), the run
// buttons for all models at once, a status line, the message area, and the roots of the chart
// (compare-chart.js), the stacked gradients (compare-gradients.js) and, on the page, the sweep (sweep-panel.js);
// or, for a task that counts epochs (digits), of the epochs' table and chart (compare-epochs.js): setLayout.
// Plain DOM; events go up to the controller (page/compare.js):
//   'compare-action' {action: 'train' | 'pause' | 'step' | 'reset'}
//   'compare-models' {text}   the reader applied a new list of models
//   'compare-exit'            back to one model (the page only)
import { el, setText } from './dom.js';
import { translatorFor } from '../i18n/i18n.js';

let counter = 0;

export class ComparePanel {
  /**
   * @param {HTMLElement} root
   * @param {{exit?: boolean, sweep?: boolean, headingLevel?: 'h3' | 'h4'}} [options]  exit: a "one model" button;
   *   sweep: a root for the sweep
   */
  constructor(root, { exit = false, sweep = false, headingLevel = 'h3' } = {}) {
    this.root = root;
    this.t = translatorFor(root);
    const id = `rl-compare-${++counter}`;
    root.classList.add('rl-compare');
    root.replaceChildren();
    this.intro = el('p', 'rl-compare-intro');

    const form = el('form', 'rl-compare-form');
    form.noValidate = true;
    const label = el('label', 'rl-compare-label', this.t('compare.models'));
    label.htmlFor = `${id}-models`;
    this.input = el('input', 'rl-compare-models');
    this.input.id = `${id}-models`;
    this.input.type = 'text';
    this.input.spellcheck = false;
    this.input.autocomplete = 'off';
    const hint = el('span', 'rl-compare-hint', this.t('compare.models.hint'));
    hint.id = `${id}-hint`;
    this.input.setAttribute('aria-describedby', hint.id);
    const apply = el('button', 'rl-button', this.t('compare.apply'));
    apply.type = 'submit';
    form.append(label, this.input, apply, hint);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.emit('compare-models', { text: this.input.value });
    });

    const bar = el('div', 'rl-compare-bar');
    this.trainButton = this.button('train', this.t('runBar.train'), 'rl-button rl-primary');
    this.stepButton = this.button('step', this.t('runBar.step'), 'rl-button');
    this.resetButton = this.button('reset', this.t('runBar.reset'), 'rl-button');
    bar.append(this.trainButton, this.stepButton, this.resetButton);
    if (exit) {
      const back = el('button', 'rl-button rl-compare-exit', this.t('compare.exit'));
      back.type = 'button';
      back.addEventListener('click', () => this.emit('compare-exit', {}));
      bar.append(back);
    }
    this.status = el('span', 'rl-status');
    this.status.setAttribute('role', 'status');
    bar.append(this.status);

    this.messages = el('div', 'rl-compare-messages');
    const heading = (/** @type {import('../i18n/i18n.js').MessageKey} */ key) => el(headingLevel, 'rl-compare-heading', this.t(key));
    this.chart = el('div', 'rl-compare-chart-root');
    this.gradients = el('div', 'rl-compare-gradients-root');
    this.epochs = el('div', 'rl-compare-epochs-root');
    const chartHeading = heading('compare.chart.title');
    const gradientsHeading = heading('compare.grad.title');
    const epochsHeading = heading('compare.epochs.title');
    /** The parts each layout shows. */
    this.layouts = { steps: [chartHeading, this.chart, gradientsHeading, this.gradients], epochs: [epochsHeading, this.epochs] };
    root.append(this.intro, form, bar, this.messages, epochsHeading, this.epochs, chartHeading, this.chart,
      gradientsHeading, this.gradients);
    /** @type {HTMLElement | null} */
    this.sweep = null;
    if (sweep) {
      this.sweep = el('div', 'rl-sweep-root');
      root.append(this.sweep);
    }
    this.running = false;
    this.setState({ running: false, ready: false });
    this.setLayout('steps');
  }

  /**
   * Which views show: 'steps', the loss and accuracy by update and the gradients through time; 'epochs', the table
   * and chart by epoch (a task that counts epochs).
   * @param {'steps' | 'epochs'} layout
   */
  setLayout(layout) {
    for (const [name, parts] of Object.entries(this.layouts)) for (const part of parts) part.hidden = name !== layout;
    this.root.dataset.layout = layout;
  }

  /** @param {string} action @param {string} text @param {string} className */
  button(action, text, className) {
    const button = el('button', className, text);
    button.type = 'button';
    button.dataset.action = action;
    button.addEventListener('click', () => this.emit('compare-action', { action: action === 'train' && this.running ? 'pause' : action }));
    return button;
  }

  /** @param {string} type @param {object} detail */
  emit(type, detail) {
    this.root.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** @param {string[]} models  their names @param {string} text  the list as the field shows it */
  setModels(models, text) {
    setText(this.intro, this.t(models.length === 3 ? 'compare.intro.three' : 'compare.intro.two',
      { a: models[0], b: models[1], c: models[2] ?? '' }));
    this.input.value = text;
    this.input.removeAttribute('aria-invalid');
  }

  /** The field's list was refused: it stays as typed, marked. */
  markInvalid() {
    this.input.setAttribute('aria-invalid', 'true');
  }

  /** @param {{running: boolean, ready: boolean}} state */
  setState({ running, ready }) {
    this.running = running;
    setText(this.trainButton, this.t(running ? 'runBar.pause' : 'runBar.train'));
    this.trainButton.disabled = !ready;
    this.stepButton.disabled = !ready;
    this.resetButton.disabled = !ready;
    this.root.dataset.running = String(running);
  }

  /** @param {'' | 'loading' | 'training' | 'paused' | 'done' | 'stopped'} status */
  setStatus(status) {
    /** @type {Record<string, import('../i18n/i18n.js').MessageKey>} */
    const keys = { loading: 'runBar.status.loading', training: 'runBar.status.training', paused: 'runBar.status.paused', done: 'runBar.status.done', stopped: 'runBar.status.stopped' };
    setText(this.status, status ? this.t(keys[status]) : '');
    this.root.dataset.status = status;
  }
}
