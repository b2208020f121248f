// InsideNetwork: what the units of the model being trained track, and what each prediction looked at, on demand.
// The text is the task's own (the text task's validation part, seq's input) or one the reader types (up to 2,000
// characters); "Look inside" asks the worker (between training chunks) for the activations, the top-5 next
// characters, the units ranked by the text's features and the gates' saturation, all on the current weights.
// Then: the text coloured by a chosen unit (activation-text.js), the ranked units (unit-ranking.js: pressing one
// colours the text by it), the saliency of a chosen position over the text before it (saliency-strip.js: pick a
// position by clicking a character or pressing Enter on it) and the gate saturation (gate-saturation.js).
//
//   const view = new InsideNetwork(root);
//   view.setTask(task, model, data);    // what the task's model reads (INSPECTED_INPUT); digits' mlp, cnn: a note
//   view.setHeldOut(heldOut);           // digits: the held-out images (the digit looked at is one of them) ...
//   view.setDigit(pixels);              // ... or the one picked or drawn in the digits view
// A digit (the digits task's rnn, lstm and gru) is read row by row: inside-digit.js draws its activation over the
// rows and its pixel saliency; the ranking and the gate saturation are over the first 200 held-out digits.
//   root.addEventListener('inspect-request', (e) => e.detail);   // the worker's `inspect` request, without id
//   view.show(reply);                   // the `inspected` reply
//   view.showError(message);            // a refused request (the text has a character the model does not know)
import { el, setText } from './dom.js';
import { fixed } from './format.js';
import { ActivationText } from './activation-text.js';
import { GateSaturation } from './gate-saturation.js';
import { InsideDigit } from './inside-digit.js';
import { unitOverRows } from './digit-inside-math.js';
import { SaliencyStrip } from './saliency-strip.js';
import { UnitRanking, unitName } from './unit-ranking.js';
import { translatorFor } from '../i18n/i18n.js';

/** @typedef {import('../worker/protocol.js').Inspection} Inspection */

/** The longest text the inspector reads (the API's MAX_INSPECT_LENGTH). */
const MAX_CHARACTERS = 2000;

/**
 * What each task's model reads, for the inspector: characters (a text, typed or the task's own), a value per step
 * (numbers) or rows of pixels (a digit, 28 rows of 28). A task not listed gets a note instead of the views.
 * @type {Readonly<Record<string, 'chars' | 'values' | 'rows'>>}
 */
export const INSPECTED_INPUT = Object.freeze({
  text: 'chars', seq: 'chars', remember: 'chars', classify: 'chars', tag: 'chars', sine: 'values', digits: 'rows',
});

/** The digits task's models that read the image whole: no steps to look inside. */
const WHOLE_IMAGE_MODELS = Object.freeze(['mlp', 'cnn']);
const DIGIT_PIXELS = 784;

let views = 0;

export class InsideNetwork {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    const t = translatorFor(root);
    this.t = t;
    root.classList.add('rl-inside');
    root.replaceChildren();
    const n = ++views;
    /** @type {Inspection | null} */
    this.inspection = null;
    this.unit = { layer: 0, direction: 0, unit: 0, kind: 'h' };
    this.position = 0;
    /** @type {'chars' | 'values' | 'rows' | 'image' | null} what the current task's model reads ('image': whole) */
    this.input = null;
    /** @type {import('../worker/protocol.js').HeldOutImages | null} digits: the held-out images */
    this.heldOut = null;
    /** @type {Float32Array | null} digits: the digit picked or drawn in the digits view */
    this.panelDigit = null;

    // The text: the task's own or the reader's.
    const source = el('div', 'rl-inside-source');
    this.sourceSelect = el('select');
    this.sourceSelect.id = `rl-inside-source-${n}`;
    this.sourceSelect.append(optionOf('task', t('inside.source.task')), optionOf('own', t('inside.source.own')));
    const sourceLabel = el('label', '', t('inside.source.label'));
    sourceLabel.htmlFor = this.sourceSelect.id;
    this.ownText = el('textarea', 'rl-inside-own');
    this.ownText.maxLength = MAX_CHARACTERS * 2;  // UTF-16 units; the API counts characters
    this.ownText.rows = 3;
    this.ownText.spellcheck = false;
    this.ownText.setAttribute('aria-label', t('inside.source.ownLabel'));
    this.ownText.hidden = true;
    this.sourceSelect.addEventListener('change', () => { this.ownText.hidden = this.sourceSelect.value !== 'own'; });
    // A digit: held-out number n, or the one picked or drawn in the digits view.
    this.digitSource = el('span', 'rl-inside-digit-source');
    this.digitSelect = el('select');
    this.digitSelect.id = `rl-inside-digit-source-${n}`;
    this.digitSelect.append(optionOf('heldOut', t('inside.digit.sourceHeldOut')), optionOf('panel', t('inside.digit.sourcePanel')));
    const digitSourceLabel = el('label', '', t('inside.digit.source'));
    digitSourceLabel.htmlFor = this.digitSelect.id;
    this.digitNumber = el('input');
    this.digitNumber.type = 'number';
    this.digitNumber.min = '1';
    this.digitNumber.value = '1';
    this.digitNumber.setAttribute('aria-label', t('inside.digit.number'));
    this.digitSelect.addEventListener('change', () => { this.digitNumber.hidden = this.digitSelect.value !== 'heldOut'; });
    this.digitSource.append(digitSourceLabel, this.digitSelect, this.digitNumber);
    this.digitSource.hidden = true;
    this.lookButton = el('button', 'rl-button', t('inside.look'));
    this.lookButton.type = 'button';
    // For a model of values the worker leaves out what is of characters (the next-character guesses, the ranking).
    this.lookButton.addEventListener('click', () => this.request({ activations: true, topk: 5, ranking: true, saturation: true }));
    this.status = el('p', 'rl-inside-status');
    this.status.setAttribute('aria-live', 'polite');
    this.textSource = el('span', 'rl-inside-text-source');
    this.textSource.append(sourceLabel, this.sourceSelect);
    source.append(this.textSource, this.digitSource, this.lookButton, this.ownText, this.status);

    // Which unit colours the text.
    const pick = el('div', 'rl-inside-unit');
    this.layerSelect = selectWith(pick, `rl-inside-layer-${n}`, t('inside.unit.layer'));
    this.kindSelect = selectWith(pick, `rl-inside-kind-${n}`, t('inside.unit.kind'));
    this.unitInput = el('input');
    this.unitInput.type = 'number';
    this.unitInput.min = '0';
    this.unitInput.value = '0';
    this.unitInput.id = `rl-inside-unit-${n}`;
    const unitLabel = el('label', '', t('inside.unit.unit'));
    unitLabel.htmlFor = this.unitInput.id;
    pick.append(unitLabel, this.unitInput);
    for (const control of [this.layerSelect, this.kindSelect, this.unitInput])
      control.addEventListener('change', () => this.pickFromControls());

    const activationRoot = el('div');
    const saliencyRoot = el('div');
    const rankingRoot = el('div');
    const gatesRoot = el('div');
    this.content = el('div', 'rl-inside-content');
    this.content.hidden = true;
    this.activationTitle = el('h3', 'subhead', t('inside.activation.title'));
    const digitRoot = el('div');
    this.digit = new InsideDigit(digitRoot, t);  // its two parts are placed below; the root only carries its events
    const rankingTitle = el('h3', 'subhead', t('inside.ranking.title'));
    const gatesTitle = el('h3', 'subhead', t('inside.gates.title'));
    this.content.append(
      this.activationTitle, pick, activationRoot, this.digit.activationRoot,
      el('h3', 'subhead', t('inside.saliency.title')), saliencyRoot, this.digit.saliencyRoot,
      rankingTitle, rankingRoot, gatesTitle, gatesRoot);
    /** What a model that reads an image whole (the digits task's mlp, cnn) has not: steps, units, gates. */
    this.ofSteps = [this.activationTitle, pick, rankingTitle, rankingRoot, gatesTitle, gatesRoot];
    this.unavailable = el('p', 'rl-muted', t('inside.unavailable'));
    this.activationRoot = activationRoot;
    this.saliencyRootText = saliencyRoot;
    this.unavailable.hidden = true;
    root.append(source, this.unavailable, this.content);
    this.activation = new ActivationText(activationRoot);
    this.saliency = new SaliencyStrip(saliencyRoot);
    this.ranking = new UnitRanking(rankingRoot);
    this.gates = new GateSaturation(gatesRoot);
    activationRoot.addEventListener('position-select', (event) =>
      this.request({ saliency: /** @type {CustomEvent<{position: number}>} */ (event).detail.position }));
    digitRoot.addEventListener('saliency-class', (event) =>
      this.request({ saliency: 28, klass: /** @type {CustomEvent<{klass: number}>} */ (event).detail.klass }));
    rankingRoot.addEventListener('unit-select', (event) =>
      this.pickUnit(/** @type {CustomEvent<{layer: number, direction: number, unit: number, kind: string}>} */ (event).detail));
  }

  /**
   * @param {string} task
   * @param {string} [model]  the digits task's model: mlp and cnn read the image whole (a note says what applies)
   * @param {string} [data]  the digits task's data set ('mnist', 'fashion'): the classes' names
   */
  setTask(task, model = '', data = 'mnist') {
    this.digit.setData(data);
    const whole = task === 'digits' && WHOLE_IMAGE_MODELS.includes(model);
    /** @type {'chars' | 'values' | 'rows' | 'image' | null} */
    const input = whole ? 'image' : Object.hasOwn(INSPECTED_INPUT, task) ? INSPECTED_INPUT[task] : null;
    const changed = input !== this.input;
    this.input = input;
    this.unavailable.hidden = input !== null && !whole;
    setText(this.unavailable, this.t(whole ? 'inside.digit.wholeImage' : 'inside.unavailable', { model }));
    this.lookButton.disabled = input === null;
    const digit = input === 'rows' || input === 'image';
    this.textSource.hidden = digit;
    this.digitSource.hidden = !digit;
    if (digit) this.ownText.hidden = true;
    else this.ownText.hidden = this.sourceSelect.value !== 'own';
    this.activationRoot.hidden = digit;
    this.saliencyRootText.hidden = digit;
    this.digit.activationRoot.hidden = input !== 'rows';
    this.digit.saliencyRoot.hidden = !digit;
    for (const part of this.ofSteps) part.hidden = whole;
    this.ownText.setAttribute('aria-label', this.t(input === 'values' ? 'inside.source.ownValuesLabel' : 'inside.source.ownLabel'));
    setText(this.activationTitle, this.t(input === 'values' ? 'inside.activation.titleValues'
      : input === 'rows' ? 'inside.activation.titleRows' : 'inside.activation.title'));
    if (changed || input === null) this.clear();
  }

  /** @param {import('./misclassified-grid.js').HeldOutImages | null} images  the digits task's held-out images */
  setHeldOut(images) {
    this.heldOut = images;
    this.digitNumber.max = String(Math.max(1, images?.labels.length ?? 1));
  }

  /**
   * The digit picked (the misclassified grid, the picker) or drawn in the digits view, 784 pixels in [0, 1]: a new
   * one becomes the digit Look inside reads (the view asks again for the same one while training: no change then).
   * @param {Float32Array} pixels
   */
  setDigit(pixels) {
    const same = this.panelDigit !== null && this.panelDigit.every((v, i) => v === pixels[i]);
    this.panelDigit = Float32Array.from(pixels);
    if (same) return;
    this.digitSelect.value = 'panel';
    this.digitNumber.hidden = true;
  }

  /** The digit to look at, or an error message. @returns {Float32Array | string} */
  chosenDigit() {
    if (this.digitSelect.value === 'panel') return this.panelDigit ?? this.t('inside.digit.noPanel');
    const images = this.heldOut;
    if (!images) return this.t('inside.digit.noImages');
    const n = Math.round(Number(this.digitNumber.value));
    if (!(n >= 1 && n <= images.labels.length)) return this.t('inside.digit.range', { size: String(images.labels.length) });
    return Float32Array.from(images.pixels.subarray((n - 1) * DIGIT_PIXELS, n * DIGIT_PIXELS), (v) => v / 255);
  }

  /** @param {{activations?: boolean, topk?: number, saliency?: number, klass?: number, ranking?: boolean, saturation?: boolean}} what */
  request(what) {
    /** @type {Record<string, unknown>} */
    const detail = { ...what };
    delete detail.klass;
    if (this.input === 'rows' || this.input === 'image') {
      if (what.saliency !== undefined) {
        if (!this.inspection?.pixels) return;
        detail.pixels = this.inspection.pixels;
        detail.class = what.klass ?? this.digit.klass;
      } else {
        const digit = this.chosenDigit();
        if (typeof digit === 'string') {
          this.showError(digit);
          return;
        }
        // The whole picture at once: the rows, the answer's saliency, the units over held-out digits.
        Object.assign(detail, { pixels: digit, saliency: 28, class: this.digit.klass });
      }
    } else if (what.saliency !== undefined) {
      if (!this.inspection) return;
      // The text (or values) on screen, not what the box holds now.
      if (this.inspection.values) detail.values = Array.from(this.inspection.values);
      else detail.text = this.inspection.text;
      this.position = what.saliency;
    } else if (this.sourceSelect.value === 'own' && this.input === 'values') {
      const words = this.ownText.value.split(/[\s,;]+/).filter((w) => w !== '');
      const values = words.map(Number);
      const bad = words.findIndex((w, i) => !Number.isFinite(values[i]));
      if (bad >= 0) {
        this.showError(this.t('inside.source.notNumber', { word: words[bad].slice(0, 20), position: String(bad + 1) }));
        return;
      }
      if (values.length < 1 || values.length > MAX_CHARACTERS) {
        this.showError(this.t('inside.source.lengthValues', { length: String(values.length), max: String(MAX_CHARACTERS) }));
        return;
      }
      detail.values = values;
    } else if (this.sourceSelect.value === 'own') {
      const text = this.ownText.value;
      const length = Array.from(text).length;
      if (length < 1 || length > MAX_CHARACTERS) {
        this.showError(this.t('inside.source.length', { length: String(length), max: String(MAX_CHARACTERS) }));
        return;
      }
      detail.text = text;
    }
    setText(this.status, this.t('inside.working'));
    this.root.dispatchEvent(new CustomEvent('inspect-request', { detail, bubbles: true }));
  }

  /** @param {Inspection} reply */
  show(reply) {
    setText(this.status, this.t(reply.rankedImages ? 'inside.digit.done' : 'inside.done', { iteration: String(reply.iteration), images: String(reply.rankedImages ?? 0) }));
    if (this.input === 'image' && reply.pixels) {  // the image read whole: its saliency alone
      this.inspection = reply;
      this.content.hidden = false;
    }
    if (reply.activations) {
      this.inspection = reply;
      this.content.hidden = false;
      const a = reply.activations;
      this.layerSelect.replaceChildren();
      for (let layer = 0; layer < a.layers; layer++)
        for (let d = 0; d < a.directions; d++)
          this.layerSelect.append(optionOf(`${layer}:${d}`, this.t(d ? 'inside.unit.layerReverse' : 'inside.unit.layerName', { layer: String(layer) })));
      this.kindSelect.replaceChildren(optionOf('h', 'h'));
      if (a.c) this.kindSelect.append(optionOf('c', 'c'));
      this.unitInput.max = String(a.hidden - 1);
      const keep = this.unit.layer < a.layers && this.unit.direction < a.directions && this.unit.unit < a.hidden && (this.unit.kind === 'h' || a.c);
      this.pickUnit(keep ? this.unit : { layer: 0, direction: 0, unit: 0, kind: 'h' });
      this.saliency.clear();
    }
    if (reply.pixels && reply.saliency?.pixels && this.inspection?.pixels) {
      const { norms, pixels, target } = reply.saliency;
      this.digit.showSaliency({ norms, pixels, target }, this.inspection.pixels);
    }
    if (reply.ranking) this.ranking.show(reply.ranking);
    else if (reply.activations && reply.values) this.ranking.notApplicable(this.t('inside.ranking.values'));
    if (reply.saturation) this.gates.show(reply.saturation);
    if (reply.saliency && this.inspection && !reply.pixels) {
      const top = this.inspection.topk;
      const chars = Array.from(this.inspection.text);
      const { position, target, norms } = reply.saliency;
      const steps = this.steps();
      const symbol = steps ? '' : position < chars.length ? chars[position] : top ? top.symbols[(position - 1) * top.k] : String(target);
      this.saliency.show({ text: this.inspection.text, position, norms, target: symbol, ...(steps ? { steps } : {}) });
    }
  }

  /** @param {string} message */
  showError(message) {
    setText(this.status, this.t('inside.error', { message }));
  }

  /** @param {{layer: number, direction: number, unit: number, kind: string}} unit */
  pickUnit(unit) {
    this.unit = { ...unit };
    this.layerSelect.value = `${unit.layer}:${unit.direction}`;
    this.kindSelect.value = unit.kind;
    this.unitInput.value = String(unit.unit);
    this.draw();
  }

  pickFromControls() {
    const [layer, direction] = this.layerSelect.value.split(':').map(Number);
    const max = Number(this.unitInput.max || 0);
    const unit = Math.max(0, Math.min(max, Math.floor(Number(this.unitInput.value) || 0)));
    this.unit = { layer, direction, unit, kind: this.kindSelect.value };
    this.unitInput.value = String(unit);
    this.draw();
  }

  /** Colours the text by the chosen unit. */
  draw() {
    const reply = this.inspection;
    const a = reply?.activations;
    if (!reply || !a) return;
    const values = unitOverRows(a, this.unit);
    if (reply.pixels) {
      this.digit.show({ pixels: reply.pixels, values, unit: unitName(this.t, this.unit), topk: reply.topk ?? null });
      return;
    }
    const steps = this.steps();
    this.activation.show({ text: reply.text, values, unit: unitName(this.t, this.unit), topk: reply.topk ?? null, ...(steps ? { steps } : {}) });
  }

  /** A model of values: each step's input as the views write it (two decimals); undefined for characters. */
  steps() {
    const values = this.inspection?.values;
    return values ? Array.from(values, (v) => fixed(v, 2)) : undefined;
  }

  clear() {
    this.inspection = null;
    this.content.hidden = true;
    this.activation.clear();
    this.digit.clear();
    this.saliency.clear();
    this.ranking.clear();
    this.gates.clear();
    setText(this.status, '');
  }

  dispose() {
    this.root.replaceChildren();
  }
}

/** @param {string} value @param {string} text @returns {HTMLOptionElement} */
function optionOf(value, text) {
  const option = el('option', '', text);
  option.value = value;
  return option;
}

/** A labelled select appended to `parent`. @param {HTMLElement} parent @param {string} id @param {string} label */
function selectWith(parent, id, label) {
  const select = el('select');
  select.id = id;
  const tag = el('label', '', label);
  tag.htmlFor = id;
  parent.append(tag, select);
  return select;
}
