// TextSample: the text task's prediction view. The live sample (what the model writes now, streamed in a few
// characters at a time while it trains), the settings it is drawn with (temperature, prime, top-k), the validation
// loss in nats and bits per character with a button to measure it now, and for the Tang poem corpora the share
// of the sample's lines of the form 五字，五字。. Below, the last training window and the model's guess of each next
// character in it.
//
//   const view = new TextSample(root);
//   view.setConfig(config);     // which corpus: its default prime, whether to count poem lines
//   view.update(snapshot);      // snapshot.prediction: a TextPrediction
//   view.showSample(piece);     // a `sample` message of the worker (protocol.js)
//   root.addEventListener('sample-settings', (e) => e.detail);  // {prime, temperature, topK, length, poemLines}
//   root.addEventListener('validate-now', ...);
//
// Only the current sample is kept (a new one replaces it), so the view's memory does not grow with training.
import { el, setText } from './dom.js';
import { compact } from './format.js';
import { bundledCorpus } from '../state/corpora.js';

/** @typedef {import('../api/rnnlab.js').TextPrediction} TextPrediction */
/** @typedef {import('../api/rnnlab.js').Config} Config */
/** @typedef {import('../worker/protocol.js').SampleMessage} SampleMessage */

/** The user-visible strings, in one place. */
const WORDS = {
  sampleTitle: 'The model writes',
  waiting: 'Waiting for the first sample…',
  temperature: 'Temperature',
  temperatureHint: 'low: safe and repetitive; high: bold and wild',
  prime: 'Starts with',
  primeHint: 'characters of the corpus',
  topK: 'Top-k',
  topKHint: '0 = all characters',
  validation: (/** @type {number} */ nats, /** @type {number} */ bits) => `validation ${compact(nats)} nats · ${compact(bits)} bits per character`,
  noValidation: 'validation: not measured yet',
  validateNow: 'Measure now',
  poemLines: (/** @type {number} */ share) => `五字，五字。 lines: ${Math.round(share * 100)}% of the sample`,
  poemLinesNone: '五字，五字。 lines: the sample has no full line yet',
  window: 'Training window',
  predicted: 'Next-character guesses',
  sampleNumber: (/** @type {number} */ n, /** @type {number} */ seed) => `sample ${n} · seed ${seed}`,
};

/** The sample's length in characters (one call of the sampler; about 100 characters a second on the page). */
const SAMPLE_LENGTH = 240;
/** The settings wait this long after the last change (a slider dragged) before asking for a sample. */
const SETTLE_MS = 250;

export class TextSample {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    root.classList.add('rl-text-sample');
    root.replaceChildren();
    this.corpus = '';
    this.poems = false;
    this.announced = false;  // the settings went to the worker for the current model
    this.sampleNumber = 0;
    this.timer = 0;

    const head = el('div', 'rl-text-head');
    this.validation = el('span', 'rl-text-validation', WORDS.noValidation);
    this.validateButton = el('button', 'rl-button rl-button-small', WORDS.validateNow);
    this.validateButton.type = 'button';
    this.validateButton.addEventListener('click', () => this.emit('validate-now', {}));
    head.append(this.validation, this.validateButton);

    this.sampleLabel = el('p', 'rl-text-sample-label');
    this.sampleMeta = el('span', 'rl-text-sample-meta');
    this.sampleLabel.append(el('strong', '', WORDS.sampleTitle), ' ', this.sampleMeta);
    this.sample = el('div', 'rl-text-sample-body', WORDS.waiting);
    this.sample.setAttribute('aria-live', 'off');  // a stream of characters would flood a screen reader
    this.sample.tabIndex = 0;
    this.poemShare = el('p', 'rl-text-poems');
    this.poemShare.hidden = true;

    const settings = el('div', 'rl-text-settings');
    this.temperature = el('input');
    this.temperature.type = 'range';
    this.temperature.min = '0.05';
    this.temperature.max = '2';
    this.temperature.step = '0.05';
    this.temperature.value = '0.8';
    this.temperatureValue = el('output', 'rl-text-temperature-value', '0.8');
    this.temperature.addEventListener('input', () => {
      setText(this.temperatureValue, Number(this.temperature.value).toFixed(2));
      this.settingsChanged();
    });
    this.prime = el('input');
    this.prime.type = 'text';
    this.prime.maxLength = 200;
    this.prime.spellcheck = false;
    this.prime.autocomplete = 'off';
    this.prime.addEventListener('input', () => this.settingsChanged());
    this.topK = el('input');
    this.topK.type = 'number';
    this.topK.min = '0';
    this.topK.max = '8192';
    this.topK.step = '1';
    this.topK.value = '0';
    this.topK.inputMode = 'numeric';
    this.topK.addEventListener('change', () => this.settingsChanged());
    const temperatureRow = this.row('temperature', WORDS.temperature, this.temperature, WORDS.temperatureHint);
    temperatureRow.querySelector('label')?.append(' ', this.temperatureValue);
    settings.append(temperatureRow,
      this.row('prime', WORDS.prime, this.prime, WORDS.primeHint),
      this.row('topk', WORDS.topK, this.topK, WORDS.topKHint));

    this.windowLine = el('p', 'rl-text-window');
    this.predictedLine = el('p', 'rl-text-window rl-text-predicted');
    root.append(head, this.sampleLabel, this.sample, this.poemShare, settings, this.windowLine, this.predictedLine);
  }

  /**
   * @param {string} name @param {string} label @param {HTMLInputElement} input @param {string} hint
   * @returns {HTMLElement}
   */
  row(name, label, input, hint) {
    const row = el('div', `rl-field rl-text-${name}`);
    input.id = `rl-text-${name}-${Math.random().toString(36).slice(2, 8)}`;
    const labelNode = el('label', '', label);
    labelNode.htmlFor = input.id;
    row.append(labelNode, input, el('span', 'rl-hint', hint));
    return row;
  }

  /** The corpus decides the default prime and whether poem lines are counted. @param {Config} config */
  setConfig(config) {
    const corpus = config.task === 'text' ? config.corpus : '';
    if (corpus === this.corpus) return;
    this.corpus = corpus;
    const bundled = bundledCorpus(corpus);
    this.poems = bundled?.poems ?? false;
    this.prime.value = bundled?.prime ?? '';
    this.sample.lang = this.poems ? 'zh-Hans' : '';
    this.windowLine.lang = this.sample.lang;
    this.predictedLine.lang = this.sample.lang;
  }

  /** The settings as the worker's `sampling` request takes them. */
  settings() {
    return {
      prime: this.prime.value,
      temperature: Number(this.temperature.value),
      topK: Math.max(0, Math.floor(Number(this.topK.value) || 0)),
      length: SAMPLE_LENGTH,
      poemLines: this.poems,
    };
  }

  settingsChanged() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.emit('sample-settings', this.settings()), SETTLE_MS);
  }

  /** @param {string} type @param {object} detail */
  emit(type, detail) {
    this.root.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** @param {{prediction?: import('../api/rnnlab.js').Prediction}} snapshot */
  update(snapshot) {
    const p = snapshot?.prediction;
    if (!p || p.task !== 'text') return;
    if (!this.announced) {
      // A new model: the worker samples it with these settings from now on.
      this.announced = true;
      this.emit('sample-settings', this.settings());
    }
    setText(this.validation, Number.isFinite(p.valLoss) ? WORDS.validation(p.valLoss, p.valBitsPerChar) : WORDS.noValidation);
    this.root.dataset.valLoss = Number.isFinite(p.valLoss) ? String(p.valLoss) : '';
    this.root.dataset.vocabulary = p.vocabulary;
    setText(this.windowLine, p.window ? `${WORDS.window}: ${oneLine(p.window)}` : '');
    setText(this.predictedLine, p.predicted ? `${WORDS.predicted}: ${oneLine(p.predicted)}` : '');
  }

  /** A piece of the live sample. @param {SampleMessage} piece */
  showSample(piece) {
    if (piece.sample !== this.sampleNumber || piece.offset === 0) {
      this.sampleNumber = piece.sample;
      this.sample.replaceChildren();
      setText(this.sampleMeta, WORDS.sampleNumber(piece.sample, piece.seed));
    }
    this.sample.append(piece.text);
    if (piece.done) {
      this.sample.normalize();  // one text node, not 60
      this.root.dataset.sample = this.sample.textContent ?? '';
      this.root.dataset.sampleNumber = String(piece.sample);
      if (this.poems) {
        this.poemShare.hidden = false;
        const share = piece.lineShare ?? NaN;
        setText(this.poemShare, Number.isFinite(share) && hasLine(this.sample.textContent ?? '') ? WORDS.poemLines(share) : WORDS.poemLinesNone);
        this.root.dataset.lineShare = String(share);
      }
    }
    this.poemShare.hidden = !this.poems;
  }

  clear() {
    this.announced = false;
    this.sampleNumber = 0;
    this.sample.replaceChildren(WORDS.waiting);
    setText(this.sampleMeta, '');
    setText(this.validation, WORDS.noValidation);
    setText(this.windowLine, '');
    setText(this.predictedLine, '');
    this.poemShare.hidden = true;
    delete this.root.dataset.sample;
    delete this.root.dataset.valLoss;
  }

  dispose() {
    clearTimeout(this.timer);
    this.root.replaceChildren();
  }
}

/** A window's text on one line: newlines shown as ⏎. @param {string} text */
function oneLine(text) {
  return text.replace(/\n/g, '⏎');
}

/** Whether a text has a whole line (a '。' or a newline): the share of none would read as 0%. @param {string} text */
function hasLine(text) {
  return /[。\n]/.test(text);
}
