// <rnn-playground>: rnnlab as a custom element for tutorials. One element = one model in its own worker,
// drawn by the page's own views (web/src/views) and driven by the page's own controller (page/playground.js),
// inside a shadow root so that neither the host page's CSS nor the widget's leaks across.
//
//   <script type="module" src="widget/rnn-playground.js"></script>
//   <rnn-playground task="sine" cell="lstm" hidden="16" views="prediction loss" controls="train reset"></rnn-playground>
//
// Attributes: every key of the page's URL hash (task, input, target, cell, hidden, layers, lr, clip, seed,
// epochs, speed, ...; options.js), plus `views`, `controls` and `assets` (where the worker and .wasm are served
// from; by default next to this module). Changing a model attribute reconfigures the model; an invalid value
// is reported inside the widget and the previous model keeps working. docs/widget.md is the reference.
//
// With `compare="rnn lstm gru"` (2 or 3 models, as the page's `compare=` link key: a cell, or key:value;key:value)
// the widget is compare mode instead (page/compare.js): each model in its own worker on the same data and seed,
// the loss and held-out accuracy overlaid, the gradients through time stacked on one axis; the other attributes
// are the settings the models share.
//
// Events (bubbling, composed): 'snapshot' {iteration, loss, prediction, running} whenever the views get a new
// state; 'epoch' {iteration, loss, prediction?} once per training iteration; 'ready' once the network loaded.
// Methods: train(), pause(), reset(), step().
import { LitElement, html, nothing, unsafeCSS } from 'lit';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import tokensCss from '../style/tokens.css?inline';
import viewsCss from '../style/views.css?inline';
import widgetCss from './widget.css?inline';
import { Playground } from '../page/playground.js';
import { PREDICTION_VIEWS } from '../views/prediction-views.js';
import { bindShortcuts } from '../page/shortcuts.js';
import { readHash, runDefaults, configFromHash } from '../state/hash-state.js';
import { STATE_KEYS, VIEWS, DEFAULT_VIEWS, CONTROLS, DEFAULT_CONTROLS, stateHash, parseList } from './options.js';
import { assetUrls, createWorker } from './assets.js';
import { VisibilityPause } from './visibility.js';
import { translator, browserLang, resolveLang as parseLang, LANGS } from '../i18n/i18n.js';
import { CompareMode } from '../page/compare.js';
import { parseCompare } from '../state/compare-spec.js';

/** @typedef {import('../worker/protocol.js').SnapshotPayload} SnapshotPayload */

const STATE_ATTRIBUTES = new Set(STATE_KEYS.map((k) => k.attribute));
const RUN_BAR_CONTROLS = ['train', 'step', 'reset', 'readouts'];

/**
 * How the shared controller's messages name where the settings came from (catalog keys).
 * @type {{partTitle: import('../i18n/i18n.js').MessageKey, restApplied: import('../i18n/i18n.js').MessageKey, badTitle: import('../i18n/i18n.js').MessageKey}}
 */
const ATTRIBUTE_WORDS = {
  partTitle: 'widget.partTitle',
  restApplied: 'widget.restApplied',
  badTitle: 'widget.badTitle',
};

export class RnnPlayground extends LitElement {
  static properties = {
    views: { type: String },
    controls: { type: String },
    assets: { type: String },
  };

  static styles = [tokensCss, uplotCss, viewsCss, widgetCss].map((css) => unsafeCSS(css));

  /**
   * How long a widget taken out of the document keeps its worker and model (ms). Put back sooner (moved in the
   * DOM, re-mounted by a framework), it carries on where it was; later, it has freed its worker and starts afresh.
   */
  static DETACHED_MS = 60_000;

  // The model attributes are observed without becoming Lit properties: `hidden` (the hidden size) must not
  // replace HTMLElement's hidden property, and every one of them is read through the hash-state parser anyway.
  static get observedAttributes() {
    return [...super.observedAttributes, ...STATE_ATTRIBUTES, 'lang', 'compare'];
  }

  constructor() {
    super();
    /** @type {string | null} */ this.views = null;
    /** @type {string | null} */ this.controls = null;
    /** @type {string | null} */ this.assets = null;
    /** @type {Playground | null} the controller of the current model (null before connecting) */
    this.playground = null;
    this.stateChanged = false;
    this.generation = 0;  // which start a late reply belongs to
    /** @type {Promise<void>} settles when the current controller has loaded the network (or failed to) */
    this.started = Promise.resolve();
    /** @type {string | null} the model attributes as they were when the element entered the document */
    this.connectHash = null;
    this.detachTimer = 0;
    /** @type {Promise<void> | null} the pause a detach started; a re-attach resumes after it */
    this.detachPause = null;
    this.resumeOnAttach = false;
    /** @type {import('../i18n/i18n.js').Lang | null} the language the shell was last rendered in */
    this.shownLang = null;
    this.langChanged = false;
    /** @type {CompareMode | null} compare mode's controller (the `compare` attribute) */
    this.compare = null;
    this.compareChanged = false;
  }

  /** Whether the widget is in compare mode (it has a `compare` attribute). */
  get comparing() {
    return this.hasAttribute('compare');
  }

  /**
   * The widget's language: its `lang` attribute (en, zh-CN; zh* reads as zh-CN), else the browser's.
   * @returns {import('../i18n/i18n.js').Lang}
   */
  get language() {
    return parseLang(this.getAttribute('lang')) ?? browserLang();
  }

  /** @param {string} name @param {string | null} before @param {string | null} after */
  attributeChangedCallback(name, before, after) {
    super.attributeChangedCallback(name, before, after);
    if (STATE_ATTRIBUTES.has(name) && before !== after) {
      this.stateChanged = true;
      this.requestUpdate();
    }
    if (name === 'compare' && before !== after) {
      this.compareChanged = true;
      this.requestUpdate();
    }
    // Another language: the views are built again in it (as for views and controls), with a new worker.
    if (name === 'lang' && before !== after && parseLang(after) !== this.shownLang) {
      this.langChanged = true;
      this.requestUpdate();
    }
  }

  connectedCallback() {
    super.connectedCallback();
    // A view's own way into compare mode (the digits task's "Compare LSTM, MLP and CNN"): the widget takes the
    // list as its `compare` attribute, as a host page would set it.
    this.addEventListener('compare-request', this.onCompareRequest);
    this.unbindShortcuts = bindShortcuts(this, (action) => (this.compare ? this.compare.action(action) : this.playground?.action(action)));
    this.visibility = new VisibilityPause(this, {
      isTraining: () => !!this.playground?.running || !!this.compare?.running,
      pause: () => (this.compare ? this.compare.pauseAll() : this.playground?.stop()),
      resume: () => (this.compare ? this.compare.train() : this.resume()),
    });
    clearTimeout(this.detachTimer);
    this.detachTimer = 0;
    if (this.playground) {
      // Back after a detach: the same worker, model, iteration and views (the shadow DOM stayed as it was);
      // a run the detach paused goes on once that pause is confirmed.
      if (this.resumeOnAttach) {
        const visibility = this.visibility;
        const playground = this.playground;
        (this.detachPause ?? Promise.resolve()).then(() => {
          if (this.playground === playground && this.visibility === visibility) visibility.whenShown(() => this.resume());
        });
      }
    } else {
      // The model starts from the attributes the element came in with; any set after this (a script that
      // appends the element, then sets attributes) is a change, applied to that model or refused keeping it.
      this.connectHash = this.stateHash();
    }
    this.resumeOnAttach = false;
    this.detachPause = null;
    this.requestUpdate();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.removeEventListener('compare-request', this.onCompareRequest);
    this.unbindShortcuts?.();
    this.visibility?.disconnect();
    if (this.compare) {
      // Compare mode pauses its models out of the document and frees its workers after DETACHED_MS.
      this.compare.pauseAll();
      clearTimeout(this.detachTimer);
      this.detachTimer = setTimeout(() => {
        this.detachTimer = 0;
        if (!this.isConnected) this.shutDown();
      }, /** @type {typeof RnnPlayground} */ (this.constructor).DETACHED_MS);
      return;
    }
    // Out of the document it stops training but keeps its worker for DETACHED_MS, so that moving the element
    // (remove, then insert elsewhere) keeps its state; after that the worker is freed.
    const playground = this.playground;
    if (!playground) return;
    this.resumeOnAttach = playground.running;
    this.detachPause = playground.running ? playground.stop() : null;
    clearTimeout(this.detachTimer);
    this.detachTimer = setTimeout(() => {
      this.detachTimer = 0;
      if (!this.isConnected) this.shutDown();
    }, /** @type {typeof RnnPlayground} */ (this.constructor).DETACHED_MS);
  }

  get viewList() {
    return parseList('views', this.views, VIEWS, DEFAULT_VIEWS);
  }

  get controlList() {
    return parseList('controls', this.controls, CONTROLS, DEFAULT_CONTROLS);
  }

  render() {
    const lang = this.language;
    this.shownLang = lang;
    const t = translator(lang);
    if (this.comparing) {
      return html`<div class="widget" part="widget" lang=${lang}>
        <section class="panel compare wide"><h3 class="label">${t('widget.compare')}</h3><div class="compare-root"></div></section>
      </div>`;
    }
    const views = this.viewList.names;
    const controls = this.controlList.names;
    const bar = controls.some((c) => RUN_BAR_CONTROLS.includes(c));
    const barClass = ['bar', ...controls.filter((c) => RUN_BAR_CONTROLS.includes(c)).map((c) => `with-${c}`)].join(' ');
    /** @param {string} name @param {string} title @param {import('lit').TemplateResult} body @param {boolean} [wide] */
    const panel = (name, title, body, wide = false) => (views.includes(name)
      ? html`<section class="panel ${name}${wide ? ' wide' : ''}"><h3 class="label">${title}</h3>${body}</section>`
      : nothing);
    return html`<div class="widget" part="widget" lang=${lang}>
      ${bar ? html`<div class=${barClass}><div class="run-bar" data-loading></div></div>` : nothing}
      <div class="messages"></div>
      ${controls.includes('replay') ? html`<div class="replay"></div>` : nothing}
      <div class="panels">${VIEWS.map((name) => {
        if (name === 'prediction') {
          return panel(name, t('widget.prediction'), html`${Object.values(PREDICTION_VIEWS).map(({ element }) => html`<div class=${element} hidden></div>`)}`);
        }
        if (name === 'loss') return panel(name, t('widget.loss'), html`<div class="loss-chart"></div>`);
        if (name === 'cells') return panel(name, t('widget.cells'), html`<div class="cells"></div>`, true);
        if (name === 'gradients') return panel(name, t('widget.gradients'), html`<div class="grad-bars"></div>`, true);
        if (name === 'equation') return panel(name, t('widget.equation'), html`<div class="equation"></div>`, true);
        if (name === 'inside') return panel(name, t('widget.inside'), html`<div class="inside-root"></div>`, true);
        return panel(name, t('widget.log'), html`<div class="log"></div>`, true);
      })}</div>
      ${controls.includes('file') ? html`<div class="model-io"></div>` : nothing}
      ${controls.includes('settings') ? html`<details class="settings"><summary>${t('widget.settings')}</summary><div class="controls"></div></details>` : nothing}
    </div>`;
  }

  /** @param {import('lit').PropertyValues<this>} changed */
  updated(changed) {
    if (!this.isConnected) return;
    if (this.comparing) {
      if (!this.compare || this.compareChanged || this.stateChanged || this.langChanged || changed.has('assets')) {
        this.compareChanged = false;
        this.stateChanged = false;
        this.langChanged = false;
        this.startCompare();
      }
      return;
    }
    if (this.compareChanged) {  // compare mode left: the one model's views start afresh
      this.compareChanged = false;
      this.shutDown();
    }
    if (!this.playground || this.langChanged || changed.has('views') || changed.has('controls') || changed.has('assets')) {
      this.langChanged = false;
      const startHash = (!this.playground && this.connectHash) || this.stateHash();
      this.connectHash = null;
      this.stateChanged = false;
      this.startUp(startHash);
      // Attributes changed between entering the document and this first render: a change like any later one.
      if (startHash !== this.stateHash()) this.applyAttributes();
    } else if (this.stateChanged) {
      this.stateChanged = false;
      this.applyAttributes();
    }
  }

  /** The roots of the views this widget shows (the others are left out of the controller). */
  roots() {
    const find = (/** @type {string} */ selector) => /** @type {HTMLElement | undefined} */ (this.renderRoot.querySelector(selector) ?? undefined);
    return {
      runBar: find('.run-bar'), messages: find('.messages'), controls: find('.controls'),
      lossChart: find('.loss-chart'), log: find('.log'), cells: find('.cells'),
      predictions: Object.fromEntries(Object.entries(PREDICTION_VIEWS).map(([name, { element }]) => [name, find(`.${element}`)])),
      gradBars: find('.grad-bars'), equation: find('.equation'), modelIo: find('.model-io'), replay: find('.replay'),
      inside: find('.inside-root'),
    };
  }

  /**
   * A new controller and worker (first connect, or views/controls/assets changed).
   * @param {string} startHash  the model attributes to start from, as stateHash() writes them
   */
  startUp(startHash = this.stateHash()) {
    this.shutDown();
    const generation = ++this.generation;
    const urls = assetUrls(this.assets, import.meta.url);
    const playground = new Playground(this.roots(), {
      createWorker: () => createWorker(urls.workerUrl),
      moduleBase: urls.moduleBase,
      corporaUrl: new URL('corpora/', urls.base).href,
      digitsUrl: new URL('digits/', urls.base).href,
      hash: { get: () => startHash, set: () => {} },
      words: ATTRIBUTE_WORDS,
      lang: this.shownLang ?? this.language,
      markDocument: false,
      onSnapshot: (snapshot) => { if (this.playground === playground) this.emitSnapshot(snapshot); },
    });
    this.playground = playground;
    const listErrors = [...this.viewList.errors, ...this.controlList.errors];
    const langAttribute = this.getAttribute('lang');
    if (langAttribute !== null && parseLang(langAttribute) === null) {
      listErrors.push(`lang: got "${langAttribute.slice(0, 40)}", expected one of ${LANGS.join(', ')}`);
    }
    if (listErrors.length > 0) {
      playground.views.messages.show(`${listErrors.join('; ')}.`, { kind: 'warning', topic: 'lists', title: playground.t('widget.partTitle') });
    }
    this.started = playground.start();
    this.started.then(() => {
      if (generation !== this.generation || !playground.ready) return;
      // An equation needs a step to write out: the first, until the reader picks another.
      if (this.viewList.names.includes('equation') && playground.selectedStep < 0) playground.selectStep(0);
      this.dispatchEvent(new CustomEvent('ready', { detail: { version: playground.version }, bubbles: true, composed: true }));
    });
  }

  /** @param {Event} event */
  onCompareRequest = (event) => {
    const text = /** @type {CustomEvent<{text: string}>} */ (event).detail?.text;
    if (typeof text === 'string' && text !== '') this.setAttribute('compare', text.replace(/,/g, ' '));
  };

  /** Compare mode (the `compare` attribute): the models it names, on the settings the other attributes give. */
  startCompare() {
    this.shutDown();
    const generation = ++this.generation;
    const root = /** @type {HTMLElement | null} */ (this.renderRoot.querySelector('.compare-root'));
    if (!root) return;
    const urls = assetUrls(this.assets, import.meta.url);
    const parsed = readHash(this.stateHash());
    const config = configFromHash(parsed);
    const run = { ...runDefaults(config), ...parsed.run };
    const compare = new CompareMode(root, {
      createWorker: () => createWorker(urls.workerUrl),
      moduleBase: urls.moduleBase,
      digitsUrl: (path) => new URL(path, new URL('digits/', urls.base)).href,
      epochs: () => run.epochs,
    });
    this.compare = compare;
    const { entries, errors } = parseCompare(this.getAttribute('compare') ?? '');
    const problems = [...errors, ...parsed.errors];
    if (entries.length === 0) {
      compare.messages.show(`${problems.join('; ')}.`, { kind: 'error', topic: 'attributes', title: compare.t('widget.notApplied') });
      this.started = Promise.resolve();
      return;
    }
    this.started = compare.start(config, entries).then(() => {
      if (problems.length > 0) {
        compare.messages.show(`${problems.join('; ')}. ${compare.t('widget.restApplied')}`, { kind: 'warning', topic: 'attributes', title: compare.t('widget.partTitle') });
      }
      if (generation !== this.generation || this.compare !== compare || !compare.ready) return;
      this.dispatchEvent(new CustomEvent('ready', { detail: { compare: compare.labels }, bubbles: true, composed: true }));
    });
  }

  shutDown() {
    if (this.compare) {
      const compare = this.compare;
      this.compare = null;
      ++this.generation;
      compare.dispose();
    }
    const playground = this.playground;
    if (!playground) return;
    this.playground = null;
    ++this.generation;
    playground.running = false;
    playground.paced = false;
    for (const view of Object.values(playground.views)) /** @type {{dispose?: () => void}} */ (view).dispose?.();
    playground.client?.terminate();
  }

  stateHash() {
    return stateHash((attribute) => this.getAttribute(attribute));
  }

  /** A model attribute changed: reconfigure, or say why not and keep the model that runs. */
  async applyAttributes() {
    const playground = this.playground;
    if (!playground) return;
    // Still loading: start() read the attributes before the change; apply it once the first model is there.
    await this.started;
    if (this.playground !== playground || !playground.ready) return;
    const parsed = readHash(this.stateHash());
    const messages = playground.views.messages;
    if (parsed.errors.length > 0) {
      messages.show(playground.t('widget.unchanged', { message: parsed.errors.join('; ') }),
        { kind: 'error', topic: 'attributes', title: playground.t('widget.notApplied') });
      return;
    }
    messages.clear('attributes');
    messages.clear('hash');
    const config = configFromHash(parsed);
    const run = { ...runDefaults(config), ...parsed.run };
    try {
      await playground.configure(config);  // on error the worker keeps the old model
      playground.run = run;
    } catch (caught) {
      const error = /** @type {{key?: string, message?: string} | undefined} */ (caught);  // a WorkerRequestError
      // Say which attribute, in place of the controller's message about "that setting".
      const attribute = STATE_KEYS.find((k) => k.key === error?.key)?.attribute;
      const given = attribute ? `${attribute}="${String(this.getAttribute(attribute)).slice(0, 40)}": ` : '';
      messages.show(playground.t('widget.unchanged', { message: `${given}${error?.message ?? error}` }),
        { kind: 'error', topic: 'configure', title: playground.t('widget.notApplied') });
    }
    playground.refreshRunBar();
  }

  /** @param {SnapshotPayload} snapshot */
  emitSnapshot(snapshot) {
    const { iteration, loss, prediction, running } = snapshot;
    this.dispatchEvent(new CustomEvent('snapshot', {
      detail: { iteration, loss, prediction, running }, bubbles: true, composed: true,
    }));
    const losses = snapshot.losses ?? [];
    for (let k = 0; k < losses.length; ++k) {
      const at = snapshot.firstIteration + k;
      this.dispatchEvent(new CustomEvent('epoch', {
        detail: { iteration: at, loss: losses[k], prediction: at === iteration ? prediction : undefined },
        bubbles: true, composed: true,
      }));
    }
  }

  /** Back in view after a run was paused for leaving it: train for what was left of that run. */
  resume() {
    const playground = this.playground;
    if (!playground?.ready) return;
    const left = playground.runEnd > 0 ? playground.runEnd - playground.iteration : 0;
    if (playground.runEnd > 0 && left <= 0) return;
    playground.train(left);
  }

  // ---- for authors' scripts -----------------------------------------------------------------------

  /** Trains for the run's epochs (the `epochs` attribute; 0 = until paused). Out of view, it starts when shown. */
  async train() {
    if (this.compare) {
      const compare = this.compare;
      await this.started;
      if (this.visibility) this.visibility.whenShown(() => compare.action('train'));
      else compare.action('train');
      return;
    }
    const playground = this.playground;
    await this.started;
    if (!playground || this.playground !== playground) return;
    const train = () => { if (this.playground === playground) playground.action('train'); };
    if (this.visibility) this.visibility.whenShown(train);
    else train();
  }

  /** Pauses training; resolves once the worker has stopped. */
  async pause() {
    this.visibility?.forget();
    if (this.compare) await this.compare.pauseAll();
    await this.playground?.stop();
  }

  /** Back to iteration 0 and the seed's initial weights. */
  async reset() {
    this.visibility?.forget();
    if (this.compare) await this.compare.reset();
    await this.playground?.reset();
  }

  /** One training step. */
  async step() {
    await this.started;
    if (this.compare) await this.compare.step();
    await this.playground?.step();
  }

  /** The config the worker confirmed (null before). */
  get config() {
    return this.playground?.config ?? null;
  }

  get iteration() {
    return this.playground?.iteration ?? 0;
  }

  get loss() {
    return this.playground?.lastSnapshot?.loss ?? NaN;
  }

  get running() {
    return !!this.playground?.running || !!this.compare?.running;
  }

  get ready() {
    return !!this.playground?.ready || !!this.compare?.ready;
  }
}

if (!customElements.get('rnn-playground')) customElements.define('rnn-playground', RnnPlayground);
