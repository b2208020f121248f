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
import { translatorFor } from '../i18n/i18n.js';

/** @typedef {import('../api/rnnlab.js').TextPrediction} TextPrediction */
/** @typedef {import('../api/rnnlab.js').Config} Config */
/** @typedef {import('../worker/protocol.js').SampleMessage} SampleMessage */

/** The sample's length in characters (one call of the sampler; about 100 characters a second on the page). */
const SAMPLE_LENGTH = 240;
/** The settings wait this long after the last change (a slider dragged) before asking for a sample. */
const SETTLE_MS = 250;

let views = 0;

export class TextSample {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    const t = translatorFor(root);
    this.t = t;
    root.classList.add('rl-text-sample');
    root.replaceChildren();
    this.corpus = '';
    this.poems = false;
    this.announced = false;  // the settings went to the worker for the current model
    this.sampleNumber = 0;
    this.timer = 0;

    const head = el('div', 'rl-text-head');
    this.validation = el('span', 'rl-text-validation', t('textSample.noValidation'));
    this.validateButton = el('button', 'rl-button rl-button-small', t('textSample.validateNow'));
    this.validateButton.type = 'button';
    this.validateButton.addEventListener('click', () => this.emit('validate-now', {}));
    head.append(this.validation, this.validateButton);

    this.sampleLabel = el('p', 'rl-text-sample-label');
    this.sampleMeta = el('span', 'rl-text-sample-meta');
    this.sampleLabel.append(el('strong', '', t('textSample.title')), ' ', this.sampleMeta);
    this.sampleLabel.id = `rl-text-sample-label-${++views}`;
    this.sample = el('div', 'rl-text-sample-body', t('textSample.waiting'));
    // A scrolling box a keyboard reaches (to scroll it), named by its label.
    this.sample.setAttribute('role', 'region');
    this.sample.setAttribute('aria-labelledby', this.sampleLabel.id);
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
    this.temperatureValue = el('output', 'rl-text-temperature-value', '0.80');
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
    const temperatureRow = this.row('temperature', t('textSample.temperature'), this.temperature, t('textSample.temperatureHint'));
    temperatureRow.querySelector('label')?.append(' ', this.temperatureValue);
    settings.append(temperatureRow,
      this.row('prime', t('textSample.prime'), this.prime, t('textSample.primeHint')),
      this.row('topk', t('textSample.topK'), this.topK, t('textSample.topKHint')));

    this.windowLine = labelled('rl-text-window', t('textSample.window'));
    this.predictedLine = labelled('rl-text-window rl-text-predicted', t('textSample.predicted'));
    root.append(head, this.sampleLabel, this.sample, this.poemShare, settings, this.windowLine.node, this.predictedLine.node);
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
    const hintNode = el('span', 'rl-hint', hint);
    hintNode.id = `${input.id}-hint`;
    input.setAttribute('aria-describedby', hintNode.id);
    row.append(labelNode, input, hintNode);
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
    // The model's text is in the corpus's language, whatever the page's (a screen reader reads it so, and the CJK
    // fonts apply to the poems); of a user's own text we do not know it.
    const lang = this.poems ? 'zh-Hans' : corpus === 'tinyshakespeare' ? 'en' : '';
    for (const node of [this.sample, this.windowLine.text, this.predictedLine.text]) {
      if (lang) node.lang = lang; else node.removeAttribute('lang');
    }
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
    setText(this.validation, Number.isFinite(p.valLoss)
      ? this.t('textSample.validation', { nats: compact(p.valLoss), bits: compact(p.valBitsPerChar) }) : this.t('textSample.noValidation'));
    this.root.dataset.valLoss = Number.isFinite(p.valLoss) ? String(p.valLoss) : '';
    this.root.dataset.vocabulary = p.vocabulary;
    this.windowLine.show(p.window ? oneLine(p.window) : '');
    this.predictedLine.show(p.predicted ? oneLine(p.predicted) : '');
  }

  /** A piece of the live sample. @param {SampleMessage} piece */
  showSample(piece) {
    if (piece.sample !== this.sampleNumber || piece.offset === 0) {
      this.sampleNumber = piece.sample;
      this.sample.replaceChildren();
      setText(this.sampleMeta, this.t('textSample.sampleNumber', { n: piece.sample, seed: piece.seed }));
    }
    this.sample.append(piece.text);
    if (piece.done) {
      this.sample.normalize();  // one text node, not 60
      this.root.dataset.sample = this.sample.textContent ?? '';
      this.root.dataset.sampleNumber = String(piece.sample);
      if (this.poems) {
        this.poemShare.hidden = false;
        const share = piece.lineShare ?? NaN;
        setText(this.poemShare, Number.isFinite(share) && hasLine(this.sample.textContent ?? '') 
          ? this.t('textSample.poemLines', { percent: Math.round(share * 100) }) : this.t('textSample.poemLinesNone'));
        this.root.dataset.lineShare = String(share);
      }
    }
    this.poemShare.hidden = !this.poems;
  }

  clear() {
    this.announced = false;
    this.sampleNumber = 0;
    this.sample.replaceChildren(this.t('textSample.waiting'));
    setText(this.sampleMeta, '');
    setText(this.validation, this.t('textSample.noValidation'));
    this.windowLine.show('');
    this.predictedLine.show('');
    this.poemShare.hidden = true;
    delete this.root.dataset.sample;
    delete this.root.dataset.valLoss;
  }

  dispose() {
    clearTimeout(this.timer);
    this.root.replaceChildren();
  }
}

/**
 * A line "label: text" whose text (the corpus's) is its own element, in the corpus's language; hidden while empty.
 * @param {string} className @param {string} label
 */
function labelled(className, label) {
  const node = el('p', className);
  const text = el('span', 'rl-text-data');
  node.append(el('span', 'rl-text-window-label', label), ' ', text);
  node.hidden = true;
  return {
    node,
    text,
    /** @param {string} value */
    show(value) {
      setText(text, value);
      node.hidden = value === '';
    },
  };
}

/** A window's text on one line: newlines shown as ⏎. @param {string} text */
function oneLine(text) {
  return text.replace(/\n/g, '⏎');
}

/** Whether a text has a whole line (a '。' or a newline): the share of none would read as 0%. @param {string} text */
function hasLine(text) {
  return /[。\n]/.test(text);
}
