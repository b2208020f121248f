// Playground: wires the views to the worker. The worker owns the model; this class keeps the page's side of
// the state (the confirmed config, the training run, the selected step), sends requests, and hands each
// snapshot to every view. Views never talk to the worker and never to each other: events go up to here.
import { defaultConfig, RnnlabError } from '../api/rnnlab.js';
import { readHash, writeHash, runDefaults, configFromHash, LONG_LINK } from '../state/hash-state.js';
import { WorkerConnection, WorkerRequestError } from './worker-client.js';
import { LossChart } from '../views/loss-chart.js';
import { TrainingLog } from '../views/training-log.js';
import { PREDICTION_VIEWS, predictionViewOf } from '../views/prediction-views.js';
import { UnrolledCells } from '../views/unrolled-cells.js';
import { GradientBars } from '../views/gradient-bars.js';
import { CellEquation } from '../views/cell-equation.js';
import { InsideNetwork } from '../views/inside-network.js';
import { Controls } from '../views/controls.js';
import { RunBar } from '../views/run-bar.js';
import { ModelIo, withIterationFromName } from '../views/model-io.js';
import { exportTorch } from '../api/torch-export.js';
import { MessageArea } from '../views/message-area.js';
import { ReplayBar } from '../views/replay-bar.js';
import { ReplayRing } from './replay-ring.js';
import { el } from '../views/dom.js';
import { translator, langOf } from '../i18n/i18n.js';
import { bundledCorpus, sizedForVocabulary, withCorpusSizes } from '../state/corpora.js';
import { digitsDataset, exportFiles } from '../state/digits-data.js';
import { digitsFromGzip } from '../api/idx.js';

/** @typedef {import('../i18n/i18n.js').MessageKey} MessageKey */

/** @typedef {import('../api/rnnlab.js').Config} Config */
/** @typedef {import('../api/rnnlab.js').Task} Task */
/** @typedef {import('../worker/protocol.js').SnapshotPayload} SnapshotPayload */
/** @typedef {import('../worker/protocol.js').PausedMessage} PausedMessage */
/** @typedef {import('../worker/protocol.js').ErrorMessage} ErrorMessage */
/** @typedef {import('../state/hash-state.js').RunSettings} RunSettings */
/** @typedef {import('../views/controls.js').ConfigChange} ConfigChange */
/**
 * @template {import('../worker/protocol.js').RequestType} R
 * @typedef {import('../worker/protocol.js').ReplyTo<R>} ReplyTo
 */

/**
 * The elements the views are drawn in. A missing one (the embeddable widget leaves out what its author did not
 * ask for) means no such view.
 * @typedef {object} PlaygroundRoots
 * @property {HTMLElement} [runBar]
 * @property {HTMLElement} [messages]
 * @property {HTMLElement} [task]  where the settings' task section goes, if not with the other settings
 * @property {HTMLElement} [controls]
 * @property {HTMLElement} [lossChart]
 * @property {HTMLElement} [log]
 * @property {HTMLElement} [cells]
 * @property {HTMLElement} [gradBars]
 * @property {HTMLElement} [equation]
 * @property {HTMLElement} [inside]  what the units track and what each prediction looked at (views/inside-network.js)
 * @property {HTMLElement} [modelIo]
 * @property {HTMLElement} [replay]  the scrubber over the snapshots kept while training
 * @property {HTMLElement} [version]
 * @property {Record<string, HTMLElement | undefined>} [predictions]  one element per prediction view
 *   (views/prediction-views.js), by its name, shown for the task that draws with it
 */

/**
 * @typedef {object} PlaygroundOptions
 * @property {() => Worker} createWorker
 * @property {string} [moduleBase]  the folder of the wasm modules, one per task family (../api/task-modules.js);
 *   default wasm/ beside the page
 * @property {boolean} [testHooks]  the worker honours `crash` (protocol.js), for the browser tests
 * @property {string} [corporaUrl]  the folder of the bundled corpora (default: corpora/ next to the page)
 * @property {string} [digitsUrl]  the folder of the digits task's image sets (default: digits/ next to the page)
 * @property {{get(): string, set(h: string): void}} [hash]  where the state is kept (default: location.hash)
 * @property {Partial<typeof LINK_WORDS>} [words]  catalog keys of the messages about where the settings came from
 * @property {import('../i18n/i18n.js').Lang} [lang]  the language of the messages (default: the document's)
 * @property {boolean} [markDocument]  default true: set data-ready and data-rnnlab-version on <html> (the page's
 *   tests wait for them; a widget leaves the host page alone)
 * @property {(snapshot: SnapshotPayload) => void} [onSnapshot]  called after the views got each snapshot
 * @property {(config: Config) => void} [onConfig]  called with each config the worker confirmed (compare mode
 *   trains its models on it)
 */

/**
 * Characters a task's vocabulary holds (the controls say what a single cell's size is), 0 for a task without.
 * @param {SnapshotPayload | null | undefined} snapshot
 */
const vocabularySize = (snapshot) => {
  const prediction = snapshot?.prediction;
  // Whatever the task: a prediction over characters carries its vocabulary (seq, text), another has none (sine).
  return prediction && 'vocabulary' in prediction && typeof prediction.vocabulary === 'string'
    ? Array.from(prediction.vocabulary).length : 0;
};
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What a failed request says: its message and the config key at fault (WorkerRequestError, RnnlabError).
 * @param {unknown} error
 * @returns {{message: string, key?: string}}
 */
function failure(error) {
  if (error instanceof Error) return { message: error.message, key: /** @type {{key?: string}} */ (error).key };
  return { message: String(error) };
}

/**
 * Listens for `type` on `root` (when there is one), handing the CustomEvent's detail to `handler`.
 * @template T
 * @param {HTMLElement | undefined} root
 * @param {string} type
 * @param {(detail: T) => void} handler
 */
function onDetail(root, type, handler) {
  root?.addEventListener(type, (event) => handler(/** @type {CustomEvent<T>} */ (event).detail));
}
const SAVE_INTERVAL_MS = 5000;
/**
 * The message key of where the data of an exported run comes from (shown under its download links).
 * @param {Config} config
 */
function dataSource(config) {
  if (config.task === 'digits') return config.data === 'fashion' ? 'export.source.fashion' : 'export.source.mnist';
  if (config.corpus === 'tinyshakespeare') return 'export.source.tinyshakespeare';
  if (config.corpus === 'tang5') return 'export.source.tang5';
  return config.corpus === 'tang300' ? 'export.source.tang300' : 'export.source.own';
}

/** The name "Open in PyTorch" gives the user's own text, which the program opens beside it. */
const OWN_CORPUS_FILE = 'own-corpus.txt';

// Stands in for a view that has no root (the widget shows only the views its author lists): every method is a
// no-op, so the controller below never has to ask which views exist.
const ABSENT_VIEW = new Proxy({}, { get: (_, key) => (key === 'then' ? undefined : () => {}) });
/**
 * A view of class View on `root`, or the no-op stand-in when there is no root.
 * @template V, O
 * @param {new (root: HTMLElement, options?: O) => V} View
 * @param {HTMLElement | undefined} root
 * @param {O} [options]
 * @returns {V}  (the stand-in answers every method the view has)
 */
const viewOn = (View, root, options) => (root ? new View(root, options) : /** @type {V} */ (ABSENT_VIEW));

/**
 * How the messages about the state the page started from name it (the page: its link; a widget: its attributes),
 * as catalog keys.
 * @type {{partTitle: MessageKey, restApplied: MessageKey, badTitle: MessageKey}}
 */
const LINK_WORDS = {
  partTitle: 'link.partTitle',
  restApplied: 'link.restApplied',
  badTitle: 'link.badTitle',
};

/**
 * Snapshots a second the page asks for while training at full speed. 15 still look fluid and leave the main thread
 * half the work of 30. The digits task's page redraws its views at most 10 times a second and its held-out numbers
 * change once an epoch, while each frame of its long page (a hundred canvases) costs the main thread tens of
 * milliseconds on a core the worker needs: 6 a second there (docs/digits.md, the page's speed).
 * @param {string | undefined} task
 */
export function snapshotsPerSecond(task) {
  return task === 'digits' ? 6 : 15;
}

export class Playground {
  /**
   * @param {PlaygroundRoots} roots
   * @param {PlaygroundOptions} options
   */
  constructor(roots, options) {
    this.roots = roots;
    this.options = options;
    this.hash = options.hash ?? {
      get: () => location.hash,
      set: (h) => { if (location.hash !== h) history.replaceState(null, '', h || location.pathname + location.search); },
    };
    /** @type {Config | null} the config the worker confirmed */
    this.config = null;
    /** @type {Config | null} a change waiting for valid texts */
    this.proposed = null;
    /** @type {RunSettings} */
    this.run = { epochs: 15, speed: '5' };
    /** @type {import('../state/hash-state.js').PageSettings} the page's own settings in the hash (its language) */
    this.page = {};
    this.valid = true;
    this.ready = false;
    this.running = false;          // training, in the worker ('max') or paced from here
    this.pausing = false;          // a pause sent to the worker and not yet confirmed
    this.paced = false;
    this.runEnd = 0;
    this.iteration = 0;
    /** @type {SnapshotPayload | null} */
    this.lastSnapshot = null;
    // Replay: the snapshots kept while training (a stated budget, replay-ring.js) and the one the inspector, the
    // prediction and the equation show instead of the live one (null: live).
    this.replay = new ReplayRing();
    /** @type {SnapshotPayload | null} */
    this.replayShown = null;
    this.tracedWeights = false;  // the trace the equation shows came with the weights it ran with
    this.selectedStep = -1;
    this.parametersBusy = false;
    this.parametersAt = -Infinity;
    this.parametersTimer = 0;
    /** @type {[number, number][]} paced mode: [time, iteration] pairs for the iterations-per-second readout */
    this.rateWindow = [];
    /** @type {WorkerConnection | undefined} */
    this.workerClient = undefined;
    /** @type {string | undefined} the wasm build's, once loaded */
    this.version = undefined;
    /** @type {Record<Task, Config> | undefined} the worker's presets, once loaded */
    this.presets = undefined;
    // What a restart after a worker fault restores: the config and, once trained, the weights (state dict JSON),
    // saved when a run ends and every SAVE_INTERVAL_MS while training.
    /** @type {{config: Config, json: string | null, iteration: number} | null} */
    this.lastSaved = null;
    this.savedAt = 0;
    /** @type {Uint8Array | null} the user's own text (UTF-8) the text task trains on, for Open in PyTorch */
    this.ownCorpus = null;
    this.saving = false;

    this.t = translator(options.lang ?? langOf(document.documentElement));
    this.words = { ...LINK_WORDS, ...options.words };
    this.views = {
      runBar: viewOn(RunBar, roots.runBar),
      messages: viewOn(MessageArea, roots.messages),
      controls: viewOn(Controls, roots.controls, { taskRoot: roots.task }),
      lossChart: viewOn(LossChart, roots.lossChart),
      log: viewOn(TrainingLog, roots.log),
      cells: viewOn(UnrolledCells, roots.cells),
      gradBars: viewOn(GradientBars, roots.gradBars),
      equation: viewOn(CellEquation, roots.equation),
      inside: viewOn(InsideNetwork, roots.inside),
      modelIo: viewOn(ModelIo, roots.modelIo),
      replay: viewOn(ReplayBar, roots.replay),
    };
    /**
     * setConfig and showSample: the views that draw with the config (the text view's corpus) and the live sample;
     * setImages and showClassification: the digits view's held-out images and the answers to its classify events.
     * @type {Record<string, {update(snapshot: SnapshotPayload): void, clear(): void, setConfig?(config: Config): void,
     *   showSample?(piece: import('../worker/protocol.js').SampleMessage): void,
     *   setImages?(images: import('../worker/protocol.js').HeldOutImages | null): void,
     *   showClassification?(result: import('../worker/protocol.js').Classification, token: number): void,
     *   showClassificationError?(message: string, token: number): void}>}
     */
    this.predictionViews = Object.fromEntries(Object.entries(PREDICTION_VIEWS)
      .map(([name, { View }]) => [name, viewOn(View, roots.predictions?.[name])]));
    this.views.runBar.setState({ running: false, ready: false });
    this.views.runBar.setStatus('loading');
    this.listen();
  }

  get client() {
    return this.workerClient;
  }

  /** The worker's connection, for a request; before connect() the request fails like one the worker refused. */
  connection() {
    if (!this.workerClient) throw new WorkerRequestError('the training worker has not started');
    return this.workerClient;
  }

  listen() {
    const { roots } = this;
    onDetail(roots.runBar, 'run-action', (/** @type {{action: string}} */ d) => this.action(d.action));
    onDetail(roots.controls, 'config-change', (/** @type {ConfigChange} */ d) => this.onConfigChange(d));
    onDetail(roots.controls, 'validity', (/** @type {{valid: boolean}} */ d) => { this.valid = d.valid; this.refreshRunBar(); });
    onDetail(roots.controls, 'run-change', (/** @type {RunSettings} */ d) => this.onRunChange(d));
    for (const root of [roots.cells, roots.gradBars]) {
      onDetail(root, 'step-select', (/** @type {{step: number}} */ d) => this.selectStep(d.step));
    }
    roots.equation?.addEventListener('parameters-needed', () => this.fetchParameters());
    onDetail(roots.inside, 'inspect-request', (/** @type {Record<string, unknown>} */ d) => this.inspectInside(d));
    onDetail(roots.replay, 'replay-select', (/** @type {{index: number}} */ d) => this.showReplay(d.index));
    roots.modelIo?.addEventListener('model-save', () => this.save());
    roots.modelIo?.addEventListener('model-export-torch', () => this.exportTorch());
    onDetail(roots.modelIo, 'model-load', (/** @type {{text: string, name: string}} */ d) => this.load(d.text, d.name));
    onDetail(roots.controls, 'own-text', (/** @type {{bytes: ArrayBuffer, name: string} | {error: string}} */ d) =>
      ('error' in d ? this.showError(d.error, { key: 'corpus', request: 'corpus' }) : this.useOwnText(d)));
    for (const root of Object.values(roots.predictions ?? {})) {
      onDetail(root, 'sample-settings', (/** @type {Record<string, unknown>} */ d) => this.setSampling(d));
      onDetail(root, 'classify-text', (/** @type {{text: string}} */ d) => this.classifyText(d.text));
      root?.addEventListener('validate-now', () => this.validateNow());
      onDetail(root, 'digit-classify', (/** @type {{pixels: Float32Array, token: number}} */ d) => {
        this.views.inside.setDigit(d.pixels);
        this.classifyDigit(d.pixels, d.token);
      });
    }
  }

  // ---- start -------------------------------------------------------------------------------------

  async start() {
    const parsed = readHash(this.hash.get());
    if (parsed.errors.length > 0) {
      this.views.messages.show(`${parsed.errors.join('; ')}. ${this.t(this.words.restApplied)}`,
        { kind: 'warning', topic: 'hash', title: this.t(this.words.partTitle) });
    }
    let wanted = withCorpusSizes(configFromHash(parsed), parsed.config);
    this.run = { ...runDefaults(wanted), ...parsed.run };
    this.page = parsed.page;
    // Show the requested setup at once, before the worker has loaded.
    this.views.controls.setConfig(wanted);
    this.views.controls.setRun(this.run, wanted.task);
    this.showTask(wanted.task);

    try {
      await this.connect(wanted.task);
    } catch (error) {
      this.views.runBar.setStatus('');
      this.showError(failure(error).message, { title: this.t('request.init.title') });
      return;
    }
    try {
      await this.configure(wanted);
    } catch (error) {
      // The link asked for something the worker refused: start from the preset, and say so.
      const preset = this.preset(wanted.task);
      await this.configure(failure(error).key === 'seed' ? preset : { ...preset, seed: wanted.seed })
        .catch(() => this.configure(preset))
        // A task whose preset needs data the page does not give it (the text task's corpus): the hello seed.
        .catch(() => this.configure(this.preset('seq'))).catch(() => {});
      this.showError(this.t('link.presetInstead', { message: failure(error).message }), { key: failure(error).key, request: 'configure', title: this.t(this.words.badTitle) });
    }
    this.ready = true;
    if (this.views.runBar.statusText === 'loading') this.views.runBar.setStatus('');
    this.refreshRunBar();
    this.roots.runBar?.closest('[data-loading]')?.removeAttribute('data-loading');
    if (this.options.markDocument !== false) document.documentElement.dataset.ready = 'true';
  }

  /**
   * Starts a worker, wires its events and loads in it the wasm module that trains `task`.
   * @param {Task} task
   */
  async connect(task) {
    const worker = this.options.createWorker();
    const connection = new WorkerConnection(worker);
    this.workerClient = connection;
    // Events of a connection that has been replaced (after a restart) are ignored.
    /** @template T @param {(data: T) => void} handler @returns {(event: Event) => void} */
    const mine = (handler) => (event) => { if (this.workerClient === connection) handler(/** @type {MessageEvent<T>} */ (event).data); };
    connection.addEventListener('snapshot', mine((/** @type {SnapshotPayload} */ data) => this.onSnapshot(data)));
    connection.addEventListener('paused', mine((/** @type {PausedMessage} */ data) => this.onPaused(data)));
    connection.addEventListener('sample', mine((/** @type {import('../worker/protocol.js').SampleMessage} */ data) =>
      this.predictionViews[predictionViewOf(this.config?.task ?? 'seq')]?.showSample?.(data)));
    connection.addEventListener('error', mine((/** @type {ErrorMessage} */ data) => this.showError(data.message, { key: data.key, request: data.request })));
    connection.addEventListener('death', mine((/** @type {{message: string}} */ data) => this.onDeath(data.message)));
    /** @type {{moduleBase: string, task: Task, testHooks?: boolean}} */
    const init = { moduleBase: this.moduleBase(), task };
    if (this.options.testHooks) init.testHooks = true;
    const ready = await connection.request('init', init);
    this.version = ready.version;
    this.presets = ready.presets;
    if (this.roots.version) this.roots.version.textContent = ready.version;
    if (this.options.markDocument !== false) document.documentElement.dataset.rnnlabVersion = ready.version;
  }

  /** Applies the setup in the current hash (a link pasted or edited by hand, or the back button). */
  async restoreFromHash() {
    if (!this.ready) return;
    const hash = this.hash.get();
    if (this.config && hash === writeHash(this.config, this.run, this.page)) return;
    const parsed = readHash(hash);
    if (parsed.errors.length > 0) {
      this.views.messages.show(`${parsed.errors.join('; ')}. ${this.t(this.words.restApplied)}`,
        { kind: 'warning', topic: 'hash', title: this.t(this.words.partTitle) });
    } else {
      this.views.messages.clear('hash');
    }
    const wanted = withCorpusSizes(configFromHash(parsed), parsed.config);
    this.run = { ...runDefaults(wanted), ...parsed.run };
    this.page = parsed.page;
    this.views.controls.setRun(this.run, wanted.task);
    this.valid = true;
    await this.configure(wanted).catch(() => {});
    this.refreshRunBar();
  }

  /** @param {Task} task @returns {Config} */
  preset(task) {
    return { ...(this.presets?.[task] ?? defaultConfig(task)) };
  }

  // ---- config -----------------------------------------------------------------------------------

  /**
   * Sends a config; on success every view starts over; on error the message shows and nothing changes.
   * @param {Config} config
   * @returns {Promise<Config>} the config the worker confirmed
   */
  async configure(config) {
    await this.loadCorpus(config);  // the model keeps training until the corpus is there and checked
    await this.loadDigits(config);  // likewise the digits' images
    await this.stop();
    let reply;
    try {
      reply = await this.connection().request('configure', { config });
    } catch (error) {
      this.showError(failure(error).message, { key: failure(error).key, request: 'configure' });
      if (this.config) this.views.controls.setConfig(this.config);
      throw error;
    }
    this.views.messages.clear('configure');
    this.views.messages.clear('stopped');
    this.applyConfig(reply.config, reply.snapshot);
    this.lastSaved = { config: reply.config, json: null, iteration: 0 };  // the initial weights come from the seed
    return reply.config;
  }

  /** The folder of the wasm modules: the widget's, else wasm/ beside the page. */
  moduleBase() {
    return new URL(this.options.moduleBase ?? 'wasm/', document.baseURI).href;
  }

  /** Where a bundled corpus file is served: the widget's corporaUrl, else corpora/ beside the page. @param {string} file */
  corpusUrl(file) {
    return new URL(file, this.options.corporaUrl ?? new URL('corpora/', document.baseURI)).href;
  }

  /**
   * What "Open in PyTorch" needs besides the run. The text task's corpus: a bundled one is fetched again (the
   * browser's cache has it), the user's own is the copy the page kept of the text the model trains on; the program
   * opens it by its file name, and it is offered for download under that name (`files`). The digits task's images: the set's two gzip'd IDX files fetched again (cached too)
   * and decoded for the module, which checks and counts them; the program reads the same files from its own
   * folder, and they are offered for download under the names it opens (`files`).
   * @param {Config} config
   * @returns {Promise<{options: import('../api/torch-export.js').TorchExportOptions, files: {name: string, bytes: Uint8Array}[]}>}
   */
  async exportData(config) {
    if (config.task === 'digits') {
      const name = String(config.data);
      const dataset = digitsDataset(name);
      if (!dataset) throw new RnnlabError(`data: "${name}" is not a set the page has`, 'data');
      const [imagesGz, labelsGz] = await Promise.all([dataset.images, dataset.labels].map(async (file) => {
        const response = await fetch(this.digitsUrl(`${dataset.folder}${file}`));
        if (!response.ok) throw new RnnlabError(`data: fetching ${file} failed: HTTP ${response.status}`, 'data');
        return new Uint8Array(await response.arrayBuffer());
      }));
      const set = await digitsFromGzip(imagesGz, labelsGz, { images: dataset.images, labels: dataset.labels, set: name });
      const names = exportFiles(name, dataset);
      return { options: { digits: { images: set.pixels, labels: set.labels }, digitsFiles: names },
        files: [{ name: names.images, bytes: imagesGz }, { name: names.labels, bytes: labelsGz }] };
    }
    if (config.task !== 'text') return { options: {}, files: [] };
    if (config.corpus === 'own') {
      if (!this.ownCorpus) throw new RnnlabError(this.t('export.ownText'), 'corpus');
      const text = new TextDecoder('utf-8').decode(this.ownCorpus);  // the worker checked it is UTF-8
      return { options: { corpusText: text, corpusPath: OWN_CORPUS_FILE },
        files: [{ name: OWN_CORPUS_FILE, bytes: this.ownCorpus }] };
    }
    const bundled = bundledCorpus(config.corpus);
    if (!bundled) throw new RnnlabError(this.t('export.ownText'), 'corpus');
    const url = this.corpusUrl(bundled.file);
    const response = await fetch(url);
    if (!response.ok) throw new RnnlabError(`corpus: fetching ${bundled.file} failed: HTTP ${response.status}`, 'corpus');
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { options: { corpusText: new TextDecoder('utf-8').decode(bytes), corpusPath: bundled.file },
      files: [{ name: bundled.file, bytes }] };
  }

  /**
   * The text task's bundled corpus: the worker fetches it (only now that it is asked for) and holds it for the
   * configure that follows; one it already has is not fetched again. On error the message shows and it throws.
   * @param {Config} config
   */
  async loadCorpus(config) {
    const bundled = config.task === 'text' ? bundledCorpus(config.corpus) : undefined;
    if (!bundled) return;  // another task, or the user's own text (already handed over)
    const url = this.corpusUrl(bundled.file);
    try {
      await this.connection().request('corpus', { name: config.corpus, url, seqLen: config.seqLen });
    } catch (error) {
      this.showError(failure(error).message, { key: 'corpus', request: 'corpus' });
      throw error;
    }
  }

  /** Where a digits image set's file is served: the widget's digitsUrl, else digits/ beside the page. @param {string} path */
  digitsUrl(path) {
    return new URL(path, this.options.digitsUrl ?? new URL('digits/', document.baseURI)).href;
  }

  /**
   * The digits task's images: the worker fetches the set `config.data` names (only now that it is asked for; one
   * it holds is not fetched again) and sends back the held-out images, which the digits view shows. On error the
   * message shows and it throws.
   * @param {Config} config
   */
  async loadDigits(config) {
    if (config.task !== 'digits') return;
    const name = config.data;
    const dataset = digitsDataset(name);
    if (!dataset) return;  // the worker's configure names the bad value
    try {
      const reply = await this.connection().request('digits', {
        name, imagesUrl: this.digitsUrl(`${dataset.folder}${dataset.images}`), labelsUrl: this.digitsUrl(`${dataset.folder}${dataset.labels}`) });
      this.predictionViews.digits?.setImages?.(reply.heldOut);
      this.views.inside.setHeldOut(reply.heldOut);
      this.views.messages.clear('digits');
    } catch (error) {
      this.showError(failure(error).message, { key: 'data', request: 'digits' });
      throw error;
    }
  }

  /**
   * The digits view's drawing or picked digit through the current weights; the answer goes back to the view.
   * @param {Float32Array} pixels  (784)
   * @param {number} token  the view's, handed back with the answer
   */
  async classifyDigit(pixels, token) {
    const view = this.predictionViews.digits;
    if (!this.workerClient || this.client?.dead) return;
    try {
      const reply = /** @type {import('../worker/protocol.js').Classification} */ (
        await this.connection().request('classify', { pixels }, [pixels.buffer]));
      view?.showClassification?.(reply, token);
    } catch (error) {
      view?.showClassificationError?.(failure(error).message, token);
    }
  }

  /**
   * The user's own text: the worker decodes and checks it while the current model trains on; only a text that
   * passed every check replaces the model. Its bytes are handed to the worker, not copied.
   * @param {{bytes: ArrayBuffer, name: string}} text
   */
  async useOwnText({ bytes, name }) {
    if (!this.ready || !this.config) return;
    const base = this.config.task === 'text' ? this.config : { ...this.preset('text'), seed: this.config.seed };
    let info;
    const copy = new Uint8Array(bytes.slice(0));  // kept for Open in PyTorch once the text is the model's
    try {
      info = await this.connection().request('corpus', { name: 'own', bytes, seqLen: base.seqLen }, [bytes]);
    } catch (error) {
      this.views.controls.setCorpusStatus('');
      this.showError(failure(error).message, { key: 'corpus', request: 'corpus' });
      return;
    }
    this.views.messages.clear('corpus');
    this.views.controls.setCorpusStatus(this.t('corpus.ownStatus', { name, characters: info.characters.toLocaleString('en-US'), symbols: info.symbols.toLocaleString('en-US') }));
    const sized = sizedForVocabulary(info.symbols);
    // The window never grows past the length the text was checked for.
    const configured = await this.configure({ ...base, corpus: 'own', batch: sized.batch, seqLen: Math.min(sized.seqLen, base.seqLen) })
      .then(() => true, () => false);
    if (configured) this.ownCorpus = copy;  // at most one text of at most 10 MB
    this.refreshRunBar();
  }

  /**
   * The inside view's request: answered by the worker between training chunks, so training goes on meanwhile.
   * @param {Record<string, unknown>} fields
   */
  async inspectInside(fields) {
    if (!this.workerClient || this.client?.dead) return;
    try {
      this.views.inside.show(await this.connection().request('inspect', fields));
    } catch (error) {
      this.views.inside.showError(failure(error).message);
    }
  }

  /** The text view's sample settings, for the worker's live sample. @param {Record<string, unknown>} settings */
  async setSampling(settings) {
    if (!this.workerClient || this.client?.dead) return;
    try {
      await this.connection().request('sampling', { settings });
      this.views.messages.clear('sampling');
    } catch (error) {
      this.showError(failure(error).message, { request: 'sampling' });
    }
  }

  /** The classify view's typed string: its class probabilities under the current weights. @param {string} text */
  async classifyText(text) {
    const view = /** @type {{showClassified?(r: {text: string, probabilities: Float32Array} | null): void} | undefined} */ (
      this.predictionViews.classify);
    if (!this.workerClient || this.client?.dead || this.config?.task !== 'classify') {
      view?.showClassified?.(null);
      return;
    }
    try {
      const reply = /** @type {{text: string, probabilities: Float32Array}} */ (await this.connection().request('classify', { text }));
      this.views.messages.clear('classify');
      view?.showClassified?.({ text: reply.text, probabilities: reply.probabilities });
    } catch (error) {
      view?.showClassified?.(null);
      this.showError(failure(error).message, { request: 'classify' });
    }
  }

  /** Measures the validation loss now; the views get it with a fresh snapshot. */
  async validateNow() {
    if (!this.ready) return;
    try {
      await this.connection().request('validate');
      await this.connection().request('snapshot', { trace: false });
    } catch (error) {
      this.showError(failure(error).message, { request: 'validate' });
    }
  }

  /** @param {Config} config @param {SnapshotPayload} [snapshot] */
  applyConfig(config, snapshot) {
    const taskChanged = !this.config || this.config.task !== config.task;
    this.config = config;
    this.proposed = null;
    this.startOver();
    for (const view of Object.values(this.predictionViews)) view.setConfig?.(config);
    this.views.controls.setConfig(config, { vocabularySize: vocabularySize(snapshot) });
    this.views.gradBars.setClip(config.clip);
    if (taskChanged) this.showTask(config.task);
    else this.views.inside.setTask(config.task, config.model, config.data);  // the digits model or data may have changed
    this.writeHash();
    if (snapshot) this.onSnapshot(snapshot);
    this.options.onConfig?.(config);
  }

  /** Clears what belongs to the previous model: the loss curve, the log, the trace, the cached weights. */
  startOver() {
    const v = this.views;
    v.lossChart.clear();
    v.log.clear();
    for (const view of Object.values(this.predictionViews)) view.clear();
    v.cells.clear();
    v.gradBars.clear();
    v.equation.clear();
    this.replay.clear();
    this.replayShown = null;
    this.tracedWeights = false;
    v.replay.clear();
    this.iteration = 0;
    this.runEnd = 0;
    this.lastSnapshot = null;
    // A new model has no run behind it: "done" or "paused" from the previous one would be wrong.
    if (!this.running) v.runBar.setStatus('');
  }

  /** @param {string} task */
  showTask(task) {
    const shown = predictionViewOf(task);
    for (const [name, root] of Object.entries(this.roots.predictions ?? {})) if (root) root.hidden = name !== shown;
    this.views.inside.setTask(task, this.config?.task === task ? this.config.model : '', this.config?.data);
    this.views.lossChart.setLabel(this.t(PREDICTION_VIEWS[shown].lossLabel));
  }

  /** @param {ConfigChange} change */
  async onConfigChange({ changes, preset, valid }) {
    /** @type {Config} */
    const base = preset
      ? { ...this.preset(preset), seed: (this.proposed ?? this.config)?.seed ?? 0 }
      : { ...(this.proposed ?? this.config ?? this.preset('seq')) };
    /** @type {Config} */
    const next = { ...base, ...changes };
    // The run settings follow the kind of task (hello's 15 slow epochs, a typed pair, sine's 6000 iterations).
    const before = runDefaults(this.proposed ?? this.config ?? next);
    const after = runDefaults(next);
    if (preset || before.epochs !== after.epochs || before.speed !== after.speed) {
      this.run = { ...after };
      this.views.controls.setRun(this.run, next.task);
    }
    this.valid = valid;
    if (!valid) {
      this.proposed = next;
      await this.stop();
      this.refreshRunBar();
      return;
    }
    this.refreshRunBar();
    await this.configure(next).catch(() => {});
    this.refreshRunBar();
  }

  /** @param {RunSettings} run */
  onRunChange({ epochs, speed }) {
    const wasRunning = this.running;
    this.run = { epochs, speed };
    this.writeHash();
    if (wasRunning) this.stop().then(() => this.train());
  }

  writeHash() {
    if (!this.config) return;
    const hash = writeHash(this.config, this.run, this.page);
    this.hash.set(hash);
    // Only the page's own address is a link a person copies (a widget's hash is its attributes).
    if (this.options.hash) return;
    if (hash.length > LONG_LINK) {
      this.views.messages.show(this.t('link.long', { length: hash.length.toLocaleString('en-US'), limit: LONG_LINK.toLocaleString('en-US') }),
        { kind: 'info', topic: 'long-link' });
    } else {
      this.views.messages.clear('long-link');
    }
  }

  // ---- running ----------------------------------------------------------------------------------

  /** @param {string} name  'train', 'pause', 'toggle', 'step' or 'reset' */
  action(name) {
    if (!this.ready) return;
    if (name === 'train') this.train();
    else if (name === 'pause') this.stop();
    else if (name === 'toggle') (this.running ? this.stop() : this.train());
    else if (name === 'step') this.step();
    else if (name === 'reset') this.reset();
  }

  get canTrain() {
    return this.ready && this.valid && !!this.config && !this.client?.dead && !this.lastSnapshot?.stopped;
  }

  refreshRunBar() {
    this.views.runBar.setState({ running: this.running, canTrain: this.canTrain || this.running, ready: this.ready && !this.client?.dead });
  }

  /**
   * The iterations a run of `epochs` takes: one each, but for the digits task each epoch is a pass over its training
   * images (the prediction's stepsPerEpoch steps).
   * @param {number} epochs
   */
  runIterations(epochs) {
    const prediction = /** @type {{stepsPerEpoch?: number} | undefined} */ (this.lastSnapshot?.prediction);
    const digits = this.config?.task === 'digits';
    return digits && prediction?.stepsPerEpoch ? epochs * prediction.stepsPerEpoch : epochs;
  }

  /** @param {number} [iterations]  how many (0: until paused); default the run settings' epochs */
  async train(iterations = this.runIterations(this.run.epochs)) {
    if (this.running || !this.canTrain) return;
    this.showReplay(-1);  // training shows the network as it goes on
    const epochs = iterations;
    this.runEnd = epochs > 0 ? this.iteration + epochs : 0;
    this.running = true;
    this.refreshRunBar();
    this.views.runBar.setStatus('training');
    if (this.run.speed === 'max') {
      this.paced = false;
      try {
        await this.connection().request('train', { iterations: epochs > 0 ? epochs : undefined, trace: true,
          maxSnapshotsPerSecond: snapshotsPerSecond(this.config?.task) });
      } catch (error) {
        this.running = false;
        this.refreshRunBar();
        this.showError(failure(error).message, { request: 'train' });
      }
      return;
    }
    // Paced: one step at a time from here, so every epoch gets its own snapshot, log line and exact equation.
    this.paced = true;
    const interval = 1000 / Number(this.run.speed);
    this.rateWindow = [];
    while (this.running && this.paced && (this.runEnd === 0 || this.iteration < this.runEnd)) {
      const started = performance.now();
      try {
        await this.stepOnce();
      } catch (error) {
        this.showError(failure(error).message, { request: 'step' });
        break;
      }
      if (this.lastSnapshot?.stopped) break;
      const wait = interval - (performance.now() - started);
      if (wait > 0) await sleep(wait);
    }
    if (this.paced) this.finishRun(this.runEnd > 0 && this.iteration >= this.runEnd ? 'done' : 'pause');
  }

  /** @param {'pause' | 'done' | 'stopped'} reason */
  finishRun(reason) {
    const wasRunning = this.running;
    this.running = false;
    this.paced = false;
    this.refreshRunBar();
    this.views.runBar.update(this.lastSnapshot ?? { iteration: this.iteration, loss: NaN }, 0);
    this.views.runBar.setStatus(reason === 'stopped' ? 'stopped' : reason === 'done' ? 'done' : 'paused');
    if (wasRunning && this.selectedStep >= 0) this.fetchParameters();
    this.keepState();
  }

  /** Saves the model in the page, for a restart if the worker fails (one save at a time). */
  async keepState() {
    if (this.saving || !this.config || this.client?.dead) return;
    this.saving = true;
    this.savedAt = performance.now();
    try {
      const reply = await this.connection().request('save');
      this.lastSaved = { config: reply.config, json: reply.json, iteration: this.iteration };
    } catch {
      // The worker died meanwhile: the previous save stays, and onDeath says what happened.
    } finally {
      this.saving = false;
    }
  }

  /** Stops a run, paced or in the worker; resolves once the worker confirmed. */
  async stop() {
    if (!this.running) return;
    if (this.paced) {
      this.running = false;
      this.paced = false;
      this.finishRun('pause');
      return;
    }
    this.running = false;
    this.pausing = true;  // the button says Train at once; snapshots already on their way still arrive
    this.refreshRunBar();
    try {
      await this.connection().request('pause');
    } catch (error) {
      this.showError(failure(error).message, { request: 'pause' });
    }
    this.pausing = false;
    this.finishRun('pause');
  }

  /** No run going and none winding down: the iteration count stays where it is. */
  get settled() {
    return !this.running && !this.pausing;
  }

  /** @param {PausedMessage} message */
  onPaused(message) {
    if (message.replyTo != null && !this.running) return;
    if (this.paced) return;
    if (message.reason === 'stopped' && message.message) this.showStopped(message.message);
    this.finishRun(message.reason);
  }

  async step() {
    if (!this.canTrain) return;
    this.showReplay(-1);
    await this.stop();
    try {
      await this.stepOnce();
    } catch (error) {
      this.showError(failure(error).message, { request: 'step' });
    }
    this.views.runBar.setStatus('paused');
  }

  /**
   * Steps once. A snapshot brings the weights its trace ran with, but a large model's come without: for its
   * equation, the weights the next step will run with are fetched first (then its numbers add up exactly).
   */
  async stepOnce() {
    if (this.selectedStep >= 0 && !this.tracedWeights) await this.fetchParameters(true);
    await this.connection().request('step', { n: 1 });
  }

  async reset() {
    await this.stop();
    try {
      const reply = await this.connection().request('reset');
      this.views.messages.clear('stopped');
      this.applyConfig(reply.config, reply.snapshot);
      this.views.runBar.setStatus('');
    } catch (error) {
      this.showError(failure(error).message, { request: 'reset' });
    }
    this.refreshRunBar();
  }

  // ---- snapshots --------------------------------------------------------------------------------

  /** @param {SnapshotPayload} snapshot */
  onSnapshot(snapshot) {
    const v = this.views;
    const first = !this.lastSnapshot;
    this.lastSnapshot = snapshot;
    this.iteration = snapshot.iteration;
    let perSecond = snapshot.iterationsPerSecond ?? 0;
    if (this.paced) {
      const now = performance.now();
      this.rateWindow.push([now, snapshot.iteration]);
      while (this.rateWindow.length > 2 && now - this.rateWindow[0][0] > 2000) this.rateWindow.shift();
      const [t0, i0] = this.rateWindow[0];
      perSecond = now > t0 ? ((snapshot.iteration - i0) * 1000) / (now - t0) : 0;
    }
    v.runBar.update(snapshot, perSecond);
    v.lossChart.update(snapshot);
    this.replay.add(snapshot);
    // While a kept snapshot is replayed, the live ones go on into the chart, the log and the ring only.
    if (!this.replayShown) {
      if (snapshot.prediction) this.predictionViews[snapshot.prediction.view]?.update(snapshot);
      // Snapshots streaming from a run in the worker draw at the views' own pace.
      if (snapshot.trace !== undefined && (snapshot.trace || first)) this.showTrace(snapshot, !(this.running && !this.paced));
    }
    if (snapshot.iteration > 0 && (snapshot.losses?.length ?? 0) > 0) v.log.update(snapshot, this.runEnd);
    v.replay.setLive(snapshot.iteration);
    this.drawReplayBar();
    if (first && this.config && vocabularySize(snapshot) > 0) v.controls.setConfig(this.config, { vocabularySize: vocabularySize(snapshot) });
    if (snapshot.stopped) {
      this.showStopped(snapshot.message);
      if (this.paced) this.running = false;
    }
    if (this.running && snapshot.iteration > 0 && performance.now() - this.savedAt > SAVE_INTERVAL_MS) this.keepState();
    this.refreshRunBar();
    this.options.onSnapshot?.(snapshot);
  }

  /**
   * The inspector's views and the equation draw a snapshot's trace, with the weights it ran with when it has them
   * (then its equation adds up exactly).
   * @param {SnapshotPayload} snapshot
   * @param {boolean} [now]  the equation draws at once (a step, a replayed snapshot), not at its next frame
   */
  showTrace(snapshot, now = true) {
    const v = this.views;
    v.cells.update(snapshot);
    v.gradBars.update(snapshot);
    v.equation.update(snapshot);
    this.tracedWeights = Boolean(snapshot.trace && snapshot.weights);
    if (snapshot.trace && snapshot.weights) v.equation.setParameters(snapshot.weights, snapshot.trace.weightsAfter, now);
  }

  /**
   * Replay: shows the kept snapshot `index` (replay-ring.js) in the prediction, the inspector and the equation, or,
   * for -1, the live one again.
   * @param {number} index
   */
  showReplay(index) {
    if (index < 0 || index >= this.replay.length) {
      if (!this.replayShown) return;
      this.replayShown = null;
      const live = this.lastSnapshot;
      if (live?.prediction) this.predictionViews[live.prediction.view]?.update(live);
      // The newest trace: the live snapshot's, or the newest kept one (the live snapshot may have come without).
      const traced = live?.trace ? live : this.replay.length > 0 ? this.replay.at(this.replay.length - 1) : null;
      if (traced) this.showTrace(traced);
      if (!traced?.weights && this.selectedStep >= 0) this.fetchParameters();
    } else {
      const snapshot = this.replay.at(index);
      this.replayShown = snapshot;
      this.predictionViews[snapshot.prediction.view]?.update(snapshot);
      this.showTrace(snapshot);
    }
    this.drawReplayBar();
  }

  drawReplayBar() {
    this.views.replay.update(this.replay.iterations(), this.replayShown ? this.replay.nearest(this.replayShown.iteration) : -1);
  }

  /** @param {string} message */
  showStopped(message) {
    this.views.messages.show(this.t('stopped.text', { message }),
      { kind: 'warning', topic: 'stopped', title: this.t('stopped.title') });
    this.views.log.note(`${this.t('stopped.title')} ${message}`);
  }

  /** @param {number} step */
  selectStep(step) {
    this.selectedStep = step;
    this.views.cells.select(step);
    this.views.gradBars.select(step);
    this.views.equation.select(step);
    if (this.roots.equation) this.roots.equation.hidden = false;
  }

  /**
   * Reads the current weights for the equation view. `exactNext`: they are about to be used by the next step
   * (we are not training in the worker, so the iteration count is exact).
   */
  async fetchParameters(exactNext = false) {
    if (this.parametersBusy && !exactNext) return;
    // A trace that came with its weights needs no others; a replayed one without has none kept (the current
    // weights are not its).
    if (this.replayShown || this.tracedWeights) return;
    const inWorkerRun = this.running && !this.paced;
    // While the worker trains the weights move on anyway: twice a second is plenty for the equation.
    if (inWorkerRun && performance.now() - this.parametersAt < 500) {
      clearTimeout(this.parametersTimer);
      this.parametersTimer = setTimeout(() => this.fetchParameters(), 500);
      return;
    }
    this.parametersAt = performance.now();
    this.parametersBusy = true;
    try {
      const reply = await this.connection().request('parameters');
      if (this.tracedWeights || this.replayShown) return;  // a snapshot with its own weights came meanwhile
      this.views.equation.setParameters(reply.parameters, inWorkerRun ? null : this.iteration);
    } catch (error) {
      this.showError(failure(error).message, { request: 'parameters' });
    } finally {
      this.parametersBusy = false;
    }
  }

  // ---- keeping a model --------------------------------------------------------------------------

  async save() {
    if (!this.ready) return;
    try {
      const reply = await this.connection().request('save');
      const name = `rnnlab-${reply.config?.task ?? this.config?.task}-${reply.config?.cell ?? this.config?.cell}-iteration-${this.iteration}.json`;
      this.views.modelIo.download(reply.json, name);
      this.views.modelIo.setStatus(this.t('modelIo.saved', { name }));
    } catch (error) {
      this.showError(failure(error).message, { request: 'save' });
    }
  }

  /**
   * "Open in PyTorch": the run so far as a Python program (web/src/api/torch-export.js): the page's config, the
   * initial weights drawn from its seed, and as many steps as trained (the task's default before the first).
   */
  async exportTorch() {
    if (!this.ready) return;
    try {
      const reply = await this.connection().request('save');
      // The export module sits beside the training modules (web/public/wasm/, or a widget's assets folder).
      const moduleUrl = new URL('rnnlab_export.mjs', this.moduleBase()).href;
      const data = await this.exportData(reply.config);
      const program = await exportTorch(reply.config, { model: reply.json, ...data.options }, { moduleUrl });
      const task = reply.config?.task ?? this.config?.task;
      const name = `rnnlab-${task}-train.py`;
      this.views.modelIo.download(program, name, 'text/x-python');
      const corpus = task === 'text' ? data.files[0]?.name : undefined;
      this.views.modelIo.setStatus(corpus ? this.t('export.savedText', { name, corpus })
        : data.files.length ? this.t('export.savedData', { name }) : this.t('export.saved', { name }));
      if (data.files.length) this.views.modelIo.offerFiles(data.files, this.t(dataSource(reply.config)));
    } catch (error) {
      this.showError(failure(error).message, { key: failure(error).key, request: 'export' });
    }
  }

  /** @param {string} text  the file's @param {string} name  the file's */
  async load(text, name) {
    if (!this.ready) return;
    await this.stop();
    try {
      // A file saved before the task object kept the iteration still has it in its name.
      const reply = await this.connection().request('load', { json: withIterationFromName(text, name) });
      this.views.messages.clear('load');
      this.applyConfig(reply.config, reply.snapshot);
      this.lastSaved = { config: reply.config, json: text, iteration: reply.snapshot.iteration };
      this.views.modelIo.setStatus(this.t('modelIo.loaded', { name }));
      // The file picker gave the focus back to "Load model…", where Space would open it again: hand the focus
      // to Train, so Space trains the loaded model as it would anywhere else.
      const focused = this.roots.modelIo?.getRootNode() instanceof ShadowRoot
        ? /** @type {ShadowRoot} */ (this.roots.modelIo.getRootNode()).activeElement : document.activeElement;
      if (focused && this.roots.modelIo?.contains(focused)) this.views.runBar.trainButton.focus();
    } catch (error) {
      this.views.modelIo.setStatus(this.t('modelIo.notLoaded', { name }));
      this.views.messages.show(this.t('modelIo.unchanged', { message: failure(error).message }),
        { kind: 'error', topic: 'load', title: this.t('modelIo.loadFailedTitle', { name }) });
    }
    this.refreshRunBar();
  }

  // ---- errors -----------------------------------------------------------------------------------

  /**
   * @param {string} message
   * @param {{key?: string, request?: string, title?: string}} [options]  key: the config key at fault (its field
   *   shows the message too); request: the request that failed (names the message's topic and title)
   */
  showError(message, { key, request, title } = {}) {
    // A request the dead worker could not answer: the worker-death message (onDeath) already says why and offers
    // Restart; a second box saying "The step failed: the training worker stopped" would repeat it.
    if (request && this.client?.dead) return;
    const topic = request ?? 'error';
    if (key) this.views.controls.showFieldError(key, message);
    this.views.messages.show(message, { kind: 'error', topic, title: title ?? (request ? requestTitle(request, this.t) : undefined) });
  }

  /** @param {string} message  why the worker stopped */
  onDeath(message) {
    this.running = false;
    this.paced = false;
    this.pausing = false;
    this.ready = false;
    this.refreshRunBar();
    this.views.runBar.setStatus('stopped');
    const saved = this.lastSaved;
    const restores = !saved ? this.t('death.reload')
      : saved.json ? this.t('death.restoresSaved', { iteration: saved.iteration })
        : this.t('death.restoresInitial');
    this.views.messages.show(`${message}. ${restores}`, { kind: 'error', topic: 'death', title: this.t('death.title') });
    if (!saved) return;
    const button = el('button', 'rl-button rl-restart', this.t('death.restart'));
    button.type = 'button';
    button.addEventListener('click', () => this.restart());
    this.views.messages.items.get('death')?.querySelector('.rl-message-body')?.append(' ', button);
  }

  /** After a worker fault: a new worker, the last saved config and weights. */
  async restart() {
    const saved = this.lastSaved;
    if (!saved || !this.client?.dead) return;
    this.views.messages.show(this.t('death.starting'), { kind: 'info', topic: 'death' });
    try {
      await this.connect(saved.config.task);
      await this.loadCorpus(saved.config);  // a new worker has no corpus (a user's own text is gone with the old one)
      await this.loadDigits(saved.config);  // nor images
      /** @type {ReplyTo<'configure'> | ReplyTo<'load'>} */
      let reply = await this.connection().request('configure', { config: saved.config });
      if (saved.json) reply = await this.connection().request('load', { json: saved.json });
      this.views.messages.clear('stopped');
      this.applyConfig(reply.config, reply.snapshot);
      this.lastSaved = saved;
      this.ready = true;
      this.views.messages.show(saved.json ? this.t('death.restartedSaved', { iteration: saved.iteration })
        : this.t('death.restartedInitial'), { kind: 'info', topic: 'death' });
      this.views.runBar.setStatus('');
    } catch (error) {
      this.views.messages.show(`${failure(error).message}. ${this.t('death.reload')}`,
        { kind: 'error', topic: 'death', title: this.t('death.restartFailed') });
    }
    this.refreshRunBar();
  }
}

/** @param {string} request @param {import('../i18n/i18n.js').Translate} t @returns {string} the message's title */
function requestTitle(request, t) {
  /** @type {Record<string, MessageKey>} */
  const titles = {
    configure: 'request.configure.title', train: 'request.train.title', step: 'request.step.title',
    reset: 'request.reset.title', save: 'request.save.title', load: 'request.load.title', export: 'request.export.title', parameters: 'request.parameters.title',
    internal: 'request.internal.title', init: 'request.init.title',
    corpus: 'request.corpus.title', sampling: 'request.sampling.title', validate: 'request.validate.title',
    classify: 'request.classify.title',
    digits: 'request.digits.title',
  };
  return Object.hasOwn(titles, request) ? t(titles[request]) : t('request.other.title', { request });
}

export { WorkerRequestError };
