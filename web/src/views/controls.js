// Controls: the settings form. Task (hello -> ohlol, your own sequences, sine wave, text, remember, classify, tag,
// digits), model (architecture, cell or the digits' model, hidden size, layers), optimizer (kind, learning rate,
// clipping), seed and the length of a training run.
// Real form elements with labels, so everything works from the keyboard.
//
//   const controls = new Controls(root);
//   controls.setConfig(config, {vocabularySize});  // show a full config (no events)
//   root.addEventListener('config-change', (e) => e.detail);
//     // {changes: Partial<Config>, preset?: 'seq'|'sine', valid: boolean}: apply `changes` on top of the current
//     // config, or on top of `preset` when the task changed; `valid` false = do not train (reason shown inline)
//   root.addEventListener('run-change', (e) => e.detail);   // {epochs, speed}
//   root.addEventListener('own-text', (e) => e.detail);     // {bytes, name}: the text task's own corpus, or
//                                                           // {error}: a file refused before it was read
//   controls.setCorpusStatus(text);                         // what the worker found in that text
//   controls.showFieldError(key, message);                  // an error from the worker, next to its field
import { linesToExamples, examplesToLines } from '../state/class-lines.js';
import { el } from './dom.js';
import { translatorFor } from '../i18n/i18n.js';
import { CorpusPicker } from './corpus-picker.js';
import { bundledCorpus, sizedForVocabulary } from '../state/corpora.js';
import { digitsModelSettings } from '../state/digits-data.js';

/** @typedef {import('../api/rnnlab.js').Config} Config */
/** @typedef {import('../api/rnnlab.js').Task} Task */
/**
 * A labelled form field: its row, the input, where its error shows (null: shown in the messages instead).
 * @template {HTMLElement} [I=HTMLElement]
 * @typedef {{row: HTMLElement, input: I, error: HTMLElement | null, label?: HTMLLabelElement, count?: HTMLElement}} Field
 */
/**
 * Radio buttons that look like a segmented control; `value` is the checked one.
 * @typedef {{node: HTMLDivElement, value: string, inputs: Map<string, HTMLInputElement>, set(value: string): void}} Segmented
 */
/** @typedef {{changes: Partial<Config>, preset?: Task, valid: boolean}} ConfigChange  a 'config-change' event's detail */

/** The digits models that read an image by rows (a recurrent layer: hidden size, layers, direction apply). */
const ROW_MODELS = ['rnn', 'lstm', 'gru'];

let instances = 0;

const EXAMPLE = { input: 'hello world', target: 'ello world!' };
const HELLO = { input: 'hello', target: 'ohlol' };
const MAX_TEXT = 1000;
/** The tasks the picker names by themselves (hello and own are two faces of seq). @type {readonly string[]} */
const TASK_MODES = ['sine', 'text', 'remember', 'classify', 'tag', 'digits'];

export class Controls {
  /**
   * @param {HTMLElement} root
   * @param {{taskRoot?: HTMLElement}} options  taskRoot: where the task section goes, if not with the rest
   *   (the page puts it above the charts on a phone and the model settings below them)
   */
  constructor(root, { taskRoot } = {}) {
    this.root = root;
    this.taskRoot = taskRoot ?? root;
    const t = translatorFor(root);
    this.t = t;
    this.prefix = `rl${++instances}-`;
    /** @type {Config | null} */
    this.config = null;
    /** @type {string} 'hello', 'own' (typed texts), 'sine', 'text', 'remember', 'classify', 'tag' or 'digits' */
    this.mode = 'hello';
    /** @type {Map<string, Field>} config key -> its field */
    this.fields = new Map();
    /** @type {Map<string, HTMLInputElement>} config key -> its number input */
    this.numbers = new Map();
    this.vocabularySize = 0;
    this.textTimer = 0;
    this.textValid = true;
    root.classList.add('rl-controls');
    root.replaceChildren();
    if (this.taskRoot !== root) {
      this.taskRoot.classList.add('rl-controls');
      this.taskRoot.replaceChildren();  // its events are dispatched on root like all the others
    }
    // The form is built here, in the constructor, so that every element below is a field the type checker
    // knows is set.
    const task = this.section(t('controls.task'), this.taskRoot);
    this.taskGroup = this.segmented('task-mode', t('controls.task'), [
      ['hello', 'hello → ohlol'], ['own', t('controls.task.own')], ['sine', t('controls.task.sine')], ['text', t('controls.task.text')],
      ['remember', t('controls.task.remember')], ['classify', t('controls.task.classify')], ['tag', t('controls.task.tag')],
      ['digits', t('controls.task.digits')],
    ], () => this.onTaskMode());
    this.taskGroup.node.classList.add('rl-segmented-wrap');  // eight tasks: two rows where one is too narrow
    task.append(this.taskGroup.node);

    // Your own sequences.
    this.textBlock = el('div', 'rl-text-block');
    this.inputText = this.textField('input', t('controls.input'));
    this.targetText = this.textField('target', t('controls.target'));
    this.textError = el('p', 'rl-field-error');
    this.textError.id = this.id('text-error');
    this.textError.setAttribute('role', 'alert');
    this.textBlock.append(this.inputText.row, this.targetText.row, this.textError,
      el('p', 'rl-hint', t('controls.ownHint')));
    this.helloNote = el('p', 'rl-hint', t('controls.helloHint'));
    task.append(this.helloNote, this.textBlock);

    // Sine data.
    this.sineBlock = el('div', 'rl-field-grid');
    this.sineBlock.append(
      this.numberField('points', t('controls.points'), { min: 3, max: 4096, step: 1 }).row,
      this.numberField('span', t('controls.span'), { min: 0.1, max: 1000, step: 'any' }).row,
    );
    this.sineNote = el('p', 'rl-hint', t('controls.sineHint'));
    task.append(this.sineNote, this.sineBlock);

    // Real text (the text task): the corpus and the training windows.
    this.textTaskBlock = el('div', 'rl-text-task');
    this.corpusPicker = new CorpusPicker(el('div'), {
      onCorpus: (name) => this.emit({ corpus: /** @type {Config['corpus']} */ (name), ...sizedForVocabulary(bundledCorpus(name)?.symbols ?? 0) }),
      onOwnText: (detail) => this.root.dispatchEvent(new CustomEvent('own-text', { detail, bubbles: true, composed: true })),
      onRefused: (message) => this.root.dispatchEvent(new CustomEvent('own-text', { detail: { error: message }, bubbles: true, composed: true })),
      t,
    });
    this.fields.set('corpus', { row: this.corpusPicker.row, input: this.corpusPicker.select, error: this.corpusPicker.error });
    const windowGrid = el('div', 'rl-field-grid');
    windowGrid.append(
      this.numberField('seqLen', t('controls.seqLen'), { min: 1, max: 1024, step: 1, hint: t('controls.seqLenHint') }).row,
      this.numberField('batch', t('controls.batch'), { min: 1, max: 256, step: 1 }).row,
      this.numberField('embedding', t('controls.embedding'), { min: 0, max: 1024, step: 1, hint: t('controls.embeddingHint') }).row,
    );
    this.textTaskBlock.append(this.corpusPicker.root, windowGrid,
      el('p', 'rl-hint', t('controls.textHint')));
    task.append(this.textTaskBlock);

    // Remember (one answer at the end): the sequence, how far back the answer lies, how many symbols.
    this.rememberBlock = el('div', 'rl-field-grid');
    this.rememberBlock.append(
      this.numberField('length', t('controls.length'), { min: 2, max: 200, step: 1 }).row,
      this.numberField('distance', t('controls.distance'), { min: 0, max: 200, step: 1, hint: t('controls.distanceHint') }).row,
      this.numberField('symbols', t('controls.symbols'), { min: 2, max: 64, step: 1 }).row,
    );
    this.rememberNote = el('p', 'rl-hint', t('controls.rememberHint'));
    task.append(this.rememberNote, this.rememberBlock);

    // Classify (the bundled surnames) and tag (length and symbols as remember's; the bidirectional switch moves
    // here from "More" while the task is tag, since turning it on and off is the experiment).
    this.classifyNote = el('p', 'rl-hint', t('controls.classifyHint'));
    this.classifyBlock = this.classesEditor();
    this.tagNote = el('p', 'rl-hint', t('controls.tagHint'));
    this.tagBlock = el('div', 'rl-field-grid');
    task.append(this.classifyNote, this.classifyBlock, this.tagNote, this.tagBlock);
    // Digits: which images, and how many a step (the batch field moves here from the text task's windows).
    this.digitsBlock = el('div', 'rl-field-grid');
    this.dataField = this.selectField('data', t('controls.data'), [['mnist', t('controls.data.mnist')], ['fashion', t('controls.data.fashion')]]);
    this.dataField.row.classList.add('rl-field-wide');  // the set's name needs the width
    this.digitsBlock.append(this.dataField.row);
    this.digitsNote = el('p', 'rl-hint', t('controls.digitsHint'));
    this.dataSource = el('p', 'rl-hint rl-data-source');  // the picked set's authors and licence
    task.append(this.digitsNote, this.digitsBlock, this.dataSource);

    // Model.
    const model = this.section(t('controls.model'));
    this.archField = this.selectField('arch', t('controls.arch'), [
      ['cell', t('controls.arch.cell')], ['layer', t('controls.arch.layer')],
    ]);
    this.cellGroup = this.segmented('cell', t('controls.cell'), [['rnn', 'RNN'], ['lstm', 'LSTM'], ['gru', 'GRU']],
      () => this.emit({ cell: /** @type {Config['cell']} */ (this.cellGroup.value) }));
    this.fields.set('cell', { input: this.cellGroup.node, row: this.cellGroup.node, error: null });
    this.modelGroup = this.segmented('model', t('controls.model'), [['rnn', 'RNN'], ['lstm', 'LSTM'], ['gru', 'GRU'], ['mlp', 'MLP'], ['cnn', 'CNN']],
      () => {
        const model = /** @type {Config['model']} */ (this.modelGroup.value);
        this.emit({ model, ...digitsModelSettings(model) });  // each model with the settings the page tuned for it
      });
    this.fields.set('model', { input: this.modelGroup.node, row: this.modelGroup.node, error: null });
    const grid = el('div', 'rl-field-grid');
    this.hiddenField = this.numberField('hidden', t('controls.hidden'), { min: 1, max: 1024, step: 1 });
    this.layersField = this.numberField('layers', t('controls.layers'), { min: 1, max: 8, step: 1 });
    grid.append(this.hiddenField.row, this.layersField.row);
    this.cellHint = el('p', 'rl-hint');
    this.modelHint = el('p', 'rl-hint');
    model.append(this.archField.row, this.cellGroup.node, this.modelGroup.node, grid, this.cellHint, this.modelHint);

    // Optimizer.
    const optimizer = this.section(t('controls.optimizer'));
    this.optimGroup = this.segmented('optim', t('controls.optimizer'), [['adam', 'Adam'], ['sgd', 'SGD'], ['rmsprop', 'RMSprop']],
      () => this.emit({ optim: /** @type {Config['optim']} */ (this.optimGroup.value) }));
    this.fields.set('optim', { input: this.optimGroup.node, row: this.optimGroup.node, error: null });
    const optimGrid = el('div', 'rl-field-grid');
    optimGrid.append(
      this.numberField('lr', t('controls.lr'), { min: 0, step: 'any' }).row,
      this.numberField('clip', t('controls.clip'), { min: 0, step: 'any', hint: t('controls.clipHint') }).row,
      this.numberField('momentum', t('controls.momentum'), { min: 0, step: 'any' }).row,
      this.numberField('seed', t('controls.seed'), { min: 0, step: 1 }).row,
    );
    optimizer.append(this.optimGroup.node, optimGrid);

    // More.
    const more = el('details', 'rl-more');
    const summary = el('summary', '', t('controls.more'));
    const moreGrid = el('div', 'rl-field-grid');
    this.nonlinearityField = this.selectField('nonlinearity', t('controls.nonlinearity'), [['tanh', 'tanh'], ['relu', 'ReLU']]);
    this.bidirectionalField = this.checkField('bidirectional', t('controls.bidirectional'));
    moreGrid.append(
      this.nonlinearityField.row,
      this.numberField('dropout', t('controls.dropout'), { min: 0, max: 0.99, step: 'any' }).row,
      this.numberField('weightDecay', t('controls.weightDecay'), { min: 0, step: 'any' }).row,
      this.numberField('starts', t('controls.starts'), { min: 1, max: 1000, step: 1 }).row,
      this.numberField('valEvery', t('controls.valEvery'), { min: 1, max: 1000000, step: 1, hint: t('controls.valEveryHint') }).row,
      this.bidirectionalField.row,
    );
    this.moreGrid = moreGrid;
    more.append(summary, moreGrid);
    this.root.append(more);

    // Run.
    const run = this.section(t('controls.run'));
    const runGrid = el('div', 'rl-field-grid');
    this.epochsInput = el('input');
    this.epochsInput.type = 'number';
    this.epochsInput.min = '0';
    this.epochsInput.step = '1';
    this.epochsInput.inputMode = 'numeric';
    this.epochsInput.addEventListener('change', () => this.emitRun());
    this.epochsRow = this.row('epochs', t('controls.epochs'), this.epochsInput, t('controls.epochsHint'));
    this.speedSelect = el('select');
    for (const [value, text] of [['max', t('controls.speed.max')], ['20', t('controls.speed.perSecond', { n: 20 })], ['5', t('controls.speed.perSecond', { n: 5 })], ['1', t('controls.speed.perSecond', { n: 1 })]]) {
      const option = el('option', '', text);
      option.value = value;
      this.speedSelect.append(option);
    }
    this.speedSelect.addEventListener('change', () => this.emitRun());
    runGrid.append(this.epochsRow.row, this.row('speed', t('controls.speed'), this.speedSelect).row);
    run.append(runGrid);
  }

  /** @param {string} name @returns {string} an id unique to this form */
  id(name) {
    return this.prefix + name;
  }

  /**
   * The field of config key `key` (every key the form shows has one).
   * @param {string} key
   * @returns {Field}
   */
  field(key) {
    const field = this.fields.get(key);
    if (!field) throw new Error(`controls: no field for ${key}`);
    return field;
  }

  // ---- building -------------------------------------------------------------------------------

  /** @param {string} title @param {HTMLElement} [parent] */
  section(title, parent = this.root) {
    const section = el('fieldset', 'rl-section');
    section.append(el('legend', '', title));
    parent.append(section);
    return section;
  }

  /**
   * @template {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} I
   * @param {string} key
   * @param {string} labelText
   * @param {I} input
   * @param {string} [hint]
   * @returns {Field<I> & {label: HTMLLabelElement, error: HTMLElement}}
   */
  row(key, labelText, input, hint) {
    const row = el('div', 'rl-field');
    input.id = this.id(key);
    const label = el('label', '', labelText);
    label.htmlFor = input.id;
    const error = el('p', 'rl-field-error');
    error.id = this.id(`${key}-error`);
    row.append(label, input);
    if (hint) {
      const hintNode = el('span', 'rl-hint', hint);
      hintNode.id = this.id(`${key}-hint`);
      input.setAttribute('aria-describedby', `${hintNode.id} ${error.id}`);
      row.append(hintNode);
    } else {
      input.setAttribute('aria-describedby', error.id);
    }
    row.append(error);
    return { row, input, error, label };
  }

  /**
   * The classify task's own classes, typed one a line ("name: example, example, ..."; state/class-lines.js), applied
   * as the `examples` key; the C++ checks them and names what is wrong next to the box. "The surnames" goes back to
   * the bundled set (the key empty).
   * @returns {HTMLElement}
   */
  classesEditor() {
    const t = this.t;
    const block = el('div', 'rl-classes');
    const box = el('textarea', 'rl-own-textarea rl-classes-text');
    box.rows = 5;
    box.spellcheck = false;
    box.placeholder = t('controls.classes.placeholder');
    const field = this.row('examples', t('controls.classes.label'), box, t('controls.classes.hint'));
    field.row.classList.add('rl-field-wide');
    this.fields.set('examples', field);
    this.classesText = box;
    const apply = el('button', 'rl-button', t('controls.classes.apply'));
    apply.type = 'button';
    apply.addEventListener('click', () => {
      const parsed = linesToExamples(box.value);
      if (!parsed.ok) {
        this.showFieldError('examples', t('controls.classes.lineError', { line: parsed.line }));
        return;
      }
      field.error.textContent = '';
      this.emit({ examples: parsed.json });
    });
    const bundled = el('button', 'rl-button', t('controls.classes.bundled'));
    bundled.type = 'button';
    bundled.addEventListener('click', () => {
      field.error.textContent = '';
      this.emit({ examples: '' });
    });
    const buttons = el('div', 'rl-classes-buttons');
    buttons.append(apply, bundled);
    block.append(field.row, buttons);
    return block;
  }

  /**
   * @param {string} key
   * @param {string} labelText
   * @param {{min?: number, max?: number, step?: number | 'any', hint?: string}} [options]
   */
  numberField(key, labelText, { min, max, step, hint } = {}) {
    const input = el('input');
    input.type = 'number';
    if (min !== undefined) input.min = String(min);
    if (max !== undefined) input.max = String(max);
    input.step = String(step ?? 'any');
    input.inputMode = step === 1 ? 'numeric' : 'decimal';
    input.addEventListener('change', () => {
      const value = input.value.trim() === '' ? NaN : Number(input.value);
      if (!Number.isFinite(value)) {
        this.showFieldError(key, this.t('controls.enterNumber', { key }));
        return;
      }
      this.emit(/** @type {Partial<Config>} */ ({ [key]: value }));
    });
    const field = this.row(key, labelText, input, hint);
    this.fields.set(key, field);
    this.numbers.set(key, input);
    return field;
  }

  /** @param {string} key @param {string} labelText @param {[string, string][]} choices  [value, text] */
  selectField(key, labelText, choices) {
    const select = el('select');
    for (const [value, text] of choices) {
      const option = el('option', '', text);
      option.value = value;
      select.append(option);
    }
    select.addEventListener('change', () => this.onSelect(key, select.value));
    const field = this.row(key, labelText, select);
    this.fields.set(key, field);
    return field;
  }

  /** @param {string} key @param {string} labelText */
  checkField(key, labelText) {
    const input = el('input');
    input.type = 'checkbox';
    input.addEventListener('change', () => this.emit(/** @type {Partial<Config>} */ ({ [key]: input.checked })));
    const row = el('div', 'rl-field rl-field-check');
    input.id = this.id(key);
    const label = el('label', '', labelText);
    label.htmlFor = input.id;
    const error = el('p', 'rl-field-error');
    row.append(input, label, error);
    const field = { row, input, error, label };
    this.fields.set(key, field);
    return field;
  }

  /** @param {string} key @param {string} labelText @returns {Field<HTMLInputElement> & {count: HTMLElement}} */
  textField(key, labelText) {
    const input = el('input');
    input.type = 'text';
    input.maxLength = MAX_TEXT * 2;  // code points may take two UTF-16 units
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.setAttribute('autocapitalize', 'off');
    const count = el('span', 'rl-count');
    count.setAttribute('aria-live', 'polite');
    input.addEventListener('input', () => this.onText());
    const field = { ...this.row(key, labelText, input), count };
    field.label.append(' ', count);
    this.fields.set(key, field);
    return field;
  }

  /**
   * A group of radio buttons that looks like a segmented control.
   * @param {string} name
   * @param {string} legendText
   * @param {[string, string][]} choices  [value, text]
   * @param {() => void} onChange
   * @returns {Segmented}
   */
  segmented(name, legendText, choices, onChange) {
    const node = el('div', 'rl-segmented');
    node.setAttribute('role', 'radiogroup');
    node.setAttribute('aria-label', legendText);
    /** @type {Segmented} */
    const group = {
      node,
      value: choices[0][0],
      inputs: new Map(),
      set: (value) => {
        group.value = value;
        for (const [v, input] of group.inputs) input.checked = v === value;
      },
    };
    for (const [value, text] of choices) {
      const label = el('label', 'rl-segment');
      const input = el('input');
      input.type = 'radio';
      input.name = this.id(name);
      input.value = value;
      input.addEventListener('change', () => {
        if (!input.checked) return;
        group.value = value;
        onChange();
      });
      label.append(input, el('span', '', text));
      node.append(label);
      group.inputs.set(value, input);
    }
    return group;
  }

  // ---- reacting to the user ---------------------------------------------------------------------

  onTaskMode() {
    const mode = this.taskGroup.value;
    this.mode = mode;
    if (TASK_MODES.includes(mode)) {
      this.emit(mode === 'digits' ? digitsModelSettings('lstm') : {}, /** @type {Task} */ (mode));  // the preset's model, tuned
    } else if (mode === 'hello') {
      this.emit({ ...HELLO }, 'seq');
    } else {
      // Start from an example that differs from the preset, keeping the model settings of a text task.
      const fromText = this.config?.task === 'seq';
      this.inputText.input.value = EXAMPLE.input;
      this.targetText.input.value = EXAMPLE.target;
      this.updateTextState();
      this.emit({ ...EXAMPLE }, fromText ? undefined : 'seq');
    }
  }

  /** @param {string} key @param {string} value */
  onSelect(key, value) {
    if (key === 'arch') {
      // A single cell's hidden state is the logits: its size is the vocabulary's and it has one layer.
      this.emit(value === 'cell'
        ? { arch: 'cell', hidden: 0, layers: 1, bidirectional: false }
        : { arch: 'layer', hidden: Math.max(this.config?.hidden || 0, 16), layers: this.config?.layers || 1 });
      return;
    }
    this.emit(/** @type {Partial<Config>} */ ({ [key]: value }));
  }

  onText() {
    const valid = this.updateTextState();
    clearTimeout(this.textTimer);
    // Wait until typing pauses: every change rebuilds the model.
    this.textTimer = setTimeout(() => {
      const changes = { input: this.inputText.input.value, target: this.targetText.input.value };
      this.emit(changes, undefined, valid);
    }, 350);
    if (!valid) this.root.dispatchEvent(new CustomEvent('validity', { detail: { valid: false }, bubbles: true, composed: true }));
  }

  /** Lengths as you type; a mismatch or an empty box explained inline. Returns whether the texts can train. */
  updateTextState() {
    const input = Array.from(this.inputText.input.value);
    const target = Array.from(this.targetText.input.value);
    const t = this.t;
    const plural = (/** @type {number} */ n) => t(n === 1 ? 'controls.characters.one' : 'controls.characters', { n });
    this.inputText.count.textContent = t('controls.count', { characters: plural(input.length) });
    this.targetText.count.textContent = t('controls.count', { characters: plural(target.length) });
    let message = '';
    if (input.length === 0) message = t('controls.typeInput');
    else if (target.length === 0) message = t('controls.typeTarget');
    else if (input.length > MAX_TEXT || target.length > MAX_TEXT) message = t('controls.tooLong', { max: MAX_TEXT });
    else if (input.length !== target.length) {
      const diff = Math.abs(input.length - target.length);
      message = t(input.length > target.length ? 'controls.lengthsDiffer.add' : 'controls.lengthsDiffer.remove',
        { input: plural(input.length), target: plural(target.length), diff: plural(diff) });
    }
    this.textError.textContent = message;
    const invalid = message !== '';
    this.inputText.input.setAttribute('aria-invalid', String(invalid));
    this.targetText.input.setAttribute('aria-invalid', String(invalid));
    this.targetText.input.setAttribute('aria-describedby', this.textError.id);
    this.inputText.input.setAttribute('aria-describedby', this.textError.id);
    this.textValid = !invalid;
    return !invalid;
  }

  /**
   * @param {Partial<Config>} changes
   * @param {Task} [preset]  the task changed: apply `changes` on top of its preset
   * @param {boolean} [valid]
   */
  emit(changes, preset = undefined, valid = this.mode !== 'own' || this.textValid !== false) {
    for (const field of this.fields.values()) if (field.error) field.error.textContent = '';
    /** @type {ConfigChange} */
    const detail = { changes, preset, valid };
    this.root.dispatchEvent(new CustomEvent('config-change', {
      detail, bubbles: true, composed: true,
    }));
  }

  emitRun() {
    const epochs = Math.max(0, Math.floor(Number(this.epochsInput.value) || 0));
    this.root.dispatchEvent(new CustomEvent('run-change', {
      detail: { epochs, speed: this.speedSelect.value }, bubbles: true, composed: true,
    }));
  }

  // ---- showing state ----------------------------------------------------------------------------

  /** Whether the current texts can train (false while the lengths differ). */
  get valid() {
    return this.mode !== 'own' || this.textValid !== false;
  }

  /** @param {Config} config a full config  @param {{vocabularySize?: number, mode?: string}} options */
  setConfig(config, { vocabularySize = this.vocabularySize, mode } = {}) {
    this.config = { ...config };
    this.vocabularySize = vocabularySize;
    if (mode) this.mode = mode;
    else if (TASK_MODES.includes(config.task)) this.mode = config.task;
    else if (TASK_MODES.includes(this.mode) || (this.mode === 'hello' && (config.input !== HELLO.input || config.target !== HELLO.target))) {
      this.mode = config.input === HELLO.input && config.target === HELLO.target ? 'hello' : 'own';
    }
    this.taskGroup.set(this.mode);
    const seq = config.task === 'seq';
    const own = this.mode === 'own';
    this.textBlock.hidden = !own;
    this.helloNote.hidden = this.mode !== 'hello';
    this.sineBlock.hidden = config.task !== 'sine';
    this.sineNote.hidden = config.task !== 'sine';
    this.textTaskBlock.hidden = config.task !== 'text';
    const tag = config.task === 'tag';
    this.rememberBlock.hidden = config.task !== 'remember' && !tag;
    this.rememberNote.hidden = config.task !== 'remember';
    this.field('distance').row.hidden = tag;
    this.classifyNote.hidden = config.task !== 'classify';
    this.classifyBlock.hidden = config.task !== 'classify';
    if (config.task === 'classify' && this.classesText && this.root.ownerDocument.activeElement !== this.classesText)
      this.classesText.value = examplesToLines(config.examples);
    this.tagNote.hidden = !tag;
    this.tagBlock.hidden = !tag;
    const bidirectionalHome = tag ? this.tagBlock : this.moreGrid;
    if (this.bidirectionalField.row.parentElement !== bidirectionalHome) bidirectionalHome.append(this.bidirectionalField.row);
    const isDigits = config.task === 'digits';
    this.digitsBlock.hidden = !isDigits;
    this.digitsNote.hidden = !isDigits;
    this.dataField.input.value = config.data;
    this.dataSource.hidden = !isDigits;
    this.dataSource.textContent = this.t(config.data === 'fashion' ? 'controls.data.source.fashion' : 'controls.data.source.mnist');
    // One batch field, shown with the task that reads it: the text task's windows or the digits' images.
    const batchRow = this.field('batch').row;
    if (isDigits && batchRow.parentElement !== this.digitsBlock) this.digitsBlock.append(batchRow);
    else if (!isDigits && batchRow.parentElement === this.digitsBlock) this.field('seqLen').row.after(batchRow);
    for (const key of /** @type {const} */ (['length', 'distance', 'symbols'])) this.setValue(key, config[key]);
    this.corpusPicker.set(config.corpus);
    for (const key of /** @type {const} */ (['seqLen', 'batch', 'embedding', 'valEvery'])) {
      this.setValue(key, config[key]);
      this.field(key).row.hidden = config.task !== 'text' && !(key === 'batch' && isDigits);
    }
    // Do not overwrite what the user is typing (the debounced config may lag behind a keystroke).
    const active = this.activeElement();
    if (active !== this.inputText.input) this.inputText.input.value = config.input;
    if (active !== this.targetText.input) this.targetText.input.value = config.target;
    this.updateTextState();

    this.setValue('points', config.points);
    this.setValue('span', config.span);
    this.setValue('starts', config.starts);
    this.field('starts').row.hidden = config.task !== 'sine';
    this.archField.row.hidden = !seq;
    this.archField.input.value = config.arch;
    this.cellGroup.set(config.cell);
    this.cellGroup.node.hidden = isDigits;
    this.modelGroup.node.hidden = !isDigits;
    const model = config.model;
    this.modelGroup.set(model);
    const byRows = !isDigits || ROW_MODELS.includes(model);  // hidden size, layers, direction: a recurrent layer's
    this.hiddenField.row.hidden = !byRows;
    this.layersField.row.hidden = !byRows;
    this.modelHint.hidden = byRows;
    this.modelHint.textContent = model === 'cnn' ? this.t('controls.modelHint.cnn') : this.t('controls.modelHint.mlp');
    const isCell = config.arch === 'cell' && !isDigits;
    this.hiddenField.input.disabled = isCell;
    this.layersField.input.disabled = isCell;
    this.hiddenField.input.value = isCell ? String(vocabularySize || '') : String(config.hidden);
    this.layersField.input.value = String(isCell ? 1 : config.layers);
    this.cellHint.textContent = isCell
      ? this.t(vocabularySize ? 'controls.cellHint.size' : 'controls.cellHint', { size: vocabularySize })
      : '';
    this.cellHint.hidden = !isCell;
    this.optimGroup.set(config.optim);
    this.setValue('lr', config.lr);
    this.setValue('clip', config.clip);
    this.setValue('momentum', config.momentum);
    this.field('momentum').row.hidden = config.optim === 'adam';
    this.setValue('seed', config.seed);
    this.nonlinearityField.input.value = config.nonlinearity;
    this.nonlinearityField.row.hidden = isDigits ? model !== 'rnn' : config.cell !== 'rnn';
    this.setValue('dropout', config.dropout);
    this.field('dropout').row.hidden = isCell || !byRows;
    this.setValue('weightDecay', config.weightDecay);
    this.bidirectionalField.input.checked = !!config.bidirectional;
    this.bidirectionalField.row.hidden = isDigits ? !byRows : !(seq || tag) || isCell;
    for (const field of this.fields.values()) if (field.error) field.error.textContent = '';
  }

  /** What the worker found in the user's own text (or '' while there is none). @param {string} text */
  setCorpusStatus(text) {
    this.corpusPicker.setStatus(text);
    this.corpusPicker.clearError();
  }

  /** The number input of `key` shows `value`, unless the user is in it. @param {string} key @param {number} value */
  setValue(key, value) {
    const input = this.numbers.get(key);
    if (input && this.activeElement() !== input) input.value = String(value);
  }

  /** The focused element of the document or shadow root the form is in. */
  activeElement() {
    return /** @type {Document | ShadowRoot} */ (this.root.getRootNode()).activeElement;
  }

  /** @param {{epochs: number, speed: string}} run  @param {Task} [task] */
  setRun({ epochs, speed }, task = this.config?.task) {
    this.epochsInput.value = String(epochs);
    this.speedSelect.value = speed;
    // The seed's log counts epochs, and the digits task passes over its images; the other tasks count iterations.
    this.epochsRow.label.textContent = this.t(task === 'seq' || task === 'digits' ? 'controls.epochs' : 'controls.iterations');
  }

  /**
   * Shows an error next to the field of `key` (from the worker's error.key); false if there is no such field.
   * @param {string} key
   * @param {string} message
   */
  showFieldError(key, message) {
    const field = this.fields.get(key);
    if (!field || !field.error) return false;
    field.error.textContent = message;
    field.row.hidden = false;
    field.row.closest('details')?.setAttribute('open', '');
    return true;
  }
}
