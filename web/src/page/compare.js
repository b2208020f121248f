// CompareMode: two or three models trained side by side, each in its own worker, on the same task, data and seed
// (the shared config), each with the few keys its compare entry changes (state/compare-spec.js). The page and the
// widget both use it; it owns the workers and hands each model's snapshots to the compare views:
//
//   const compare = new CompareMode(root, { createWorker, moduleBase });
//   await compare.start(sharedConfig, entries);   // starts or reuses a worker per model, configures each
//   compare.action('train');                       // 'train' | 'pause' | 'toggle' | 'step' | 'reset'
//   await compare.setShared(config);               // the shared settings changed: every model starts over
//   compare.dispose();                             // ends the workers
//
// A task that counts epochs (its prediction has accuracyPerEpoch: the digits task, e.g. #task=digits&compare=lstm,mlp,cnn)
// shows its models as one table and one chart by epoch instead (compare-epochs.js: parameters, held-out accuracy
// and seconds per epoch); each worker then fetches the task's images itself before it is configured.
//
// Memory and the main thread stay bounded: the curves are CompareSeries (bounded per model), each worker sends at
// most SNAPSHOTS_PER_SECOND snapshots with a trace, and the views redraw at most four times a second.
import { WorkerConnection } from './worker-client.js';
import { ComparePanel } from '../views/compare-panel.js';
import { CompareChart } from '../views/compare-chart.js';
import { CompareGradients } from '../views/compare-gradients.js';
import { CompareEpochs } from '../views/compare-epochs.js';
import { epochsOf } from '../views/compare-series.js';
import { digitsDataset } from '../state/digits-data.js';
import { MessageArea } from '../views/message-area.js';
import { entryConfig, entryLabel, entryProblems, formatCompare, parseCompare } from '../state/compare-spec.js';
import { translatorFor } from '../i18n/i18n.js';

/** @typedef {import('../api/rnnlab.js').Config} Config */
/** @typedef {import('../state/compare-spec.js').CompareEntry} CompareEntry */
/** @typedef {import('../worker/protocol.js').SnapshotPayload} SnapshotPayload */

/** Snapshots per second from each worker: three workers, 12 a second in all, each with a trace. */
export const SNAPSHOTS_PER_SECOND = 4;

/**
 * @typedef {object} CompareOptions
 * @property {() => Worker} createWorker
 * @property {string} [moduleBase]  the folder of the wasm modules (the worker loads its task's family's)
 * @property {(path: string) => string} [digitsUrl]  where a file of the digits task's image sets is served
 * @property {boolean} [exit]  a "one model" button (the page)
 * @property {boolean} [sweep]  a root for the sweep (the page)
 * @property {() => number} [epochs]  steps per Train press (a task that counts epochs: epochs; 0: until paused);
 *   default 0
 * @property {(entries: CompareEntry[]) => void} [onEntries]  the reader applied a new list of models
 * @property {() => void} [onExit]
 * @property {() => unknown} [beforeTrain]  called before the models train (the page stops a running sweep, so
 *   no more than three workers train at once)
 */

/**
 * What a failed request says.
 * @param {unknown} error
 */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/**
 * One model: its worker, its config, where its run is.
 * @typedef {{connection: WorkerConnection, config: Config | null, running: boolean, iteration: number,
 *   stopped: boolean, lastSnapshot: SnapshotPayload | null, reason: string}} Run
 */

export class CompareMode {
  /**
   * @param {HTMLElement} root
   * @param {CompareOptions} options
   */
  constructor(root, options) {
    this.root = root;
    this.options = options;
    this.t = translatorFor(root);
    this.panel = new ComparePanel(root, { exit: options.exit, sweep: options.sweep });
    this.messages = new MessageArea(this.panel.messages);
    this.chart = new CompareChart(this.panel.chart);
    this.gradients = new CompareGradients(this.panel.gradients);
    this.epochs = new CompareEpochs(this.panel.epochs);
    /** @type {'steps' | 'epochs'} which views show: by update, or by epoch (the configured predictions say) */
    this.layout = 'steps';
    /** @type {Run[]} */
    this.runs = [];
    /** @type {CompareEntry[]} */
    this.entries = [];
    /** @type {Config | null} */
    this.shared = null;
    this.ready = false;
    this.generation = 0;  // which setup a late reply belongs to
    this.disposed = false;
    root.addEventListener('compare-action', (event) => this.action(/** @type {CustomEvent<{action: string}>} */ (event).detail.action));
    root.addEventListener('compare-models', (event) => this.applyText(/** @type {CustomEvent<{text: string}>} */ (event).detail.text));
    root.addEventListener('compare-exit', () => options.onExit?.());
  }

  /** The models' names, as the legends show them. */
  get labels() {
    return this.entries.map(entryLabel);
  }

  get running() {
    return this.runs.some((run) => run.running);
  }

  /** The sweep's root, when the panel has one. */
  get sweepRoot() {
    return this.panel.sweep;
  }

  /**
   * Starts (or restarts) the comparison: a worker per model (kept from before when there is one), each
   * configured with the shared config and its entry's keys. On error the message names the model.
   * @param {Config} shared
   * @param {CompareEntry[]} entries
   */
  async start(shared, entries) {
    this.shared = shared;
    this.entries = entries;
    const generation = ++this.generation;
    await this.pauseAll();
    this.ready = false;
    this.panel.setModels(this.labels, formatCompare(entries).replace(/,/g, ' '));
    this.panel.setState({ running: false, ready: false });
    this.panel.setStatus('loading');
    this.chart.setModels(this.labels);
    this.gradients.setModels(this.labels);
    this.epochs.setModels(this.labels);
    this.messages.clear();
    if (shared.task === 'text') {
      // The text task's corpus is handed to one worker; three copies of a corpus are not worth a comparison.
      this.messages.show(this.t('compare.noText'), { kind: 'error', topic: 'setup', title: this.t('compare.setupTitle') });
      this.panel.setStatus('');
      return;
    }
    const problems = entryProblems(shared.task, entries);
    if (problems.length > 0) {  // e.g. mlp on the remember task: nothing starts
      this.messages.show(problems.join('; '), { kind: 'error', topic: 'setup', title: this.t('compare.setupTitle') });
      this.panel.setStatus('');
      return;
    }
    while (this.runs.length > entries.length) /** @type {Run} */ (this.runs.pop()).connection.terminate();
    try {
      while (this.runs.length < entries.length) {
        const run = await this.connect(this.runs.length);
        if (generation !== this.generation) {  // a newer start took over meanwhile
          run.connection.terminate();
          return;
        }
        this.runs.push(run);
      }
    } catch (error) {
      if (generation !== this.generation) return;
      this.panel.setStatus('');
      this.messages.show(messageOf(error), { kind: 'error', topic: 'setup', title: this.t('request.init.title') });
      return;
    }
    const results = await Promise.allSettled(this.runs.map((run, k) => this.configureRun(run, k, generation)));
    if (generation !== this.generation) return;
    const failed = results.flatMap((result, k) => (result.status === 'rejected' ? [`${this.labels[k]}: ${messageOf(result.reason)}`] : []));
    if (failed.length > 0) {
      this.messages.show(failed.join('; '), { kind: 'error', topic: 'setup', title: this.t('compare.setupTitle') });
    }
    this.ready = failed.length === 0;
    this.panel.setStatus('');
    this.refresh();
    this.root.dataset.ready = String(this.ready);
  }

  /** @param {number} k @returns {Promise<Run>} */
  async connect(k) {
    const connection = new WorkerConnection(this.options.createWorker());
    /** @type {Run} */
    const run = { connection, config: null, running: false, iteration: 0, stopped: false, lastSnapshot: null, reason: '' };
    /** @template T @param {(data: T) => void} handler @returns {(event: Event) => void} */
    const mine = (handler) => (event) => { if (this.runs[k] === run) handler(/** @type {MessageEvent<T>} */ (event).data); };
    connection.addEventListener('snapshot', mine((/** @type {SnapshotPayload} */ data) => this.onSnapshot(k, data)));
    connection.addEventListener('paused', mine((/** @type {import('../worker/protocol.js').PausedMessage} */ data) => {
      run.running = false;
      run.reason = data.reason;
      if (data.reason === 'stopped') this.messages.show(`${this.labels[k]}: ${data.message}`, { kind: 'warning', topic: `stopped-${k}`, title: this.t('stopped.title') });
      this.refresh();
    }));
    connection.addEventListener('error', mine((/** @type {import('../worker/protocol.js').ErrorMessage} */ data) =>
      this.messages.show(`${this.labels[k]}: ${data.message}`, { kind: 'error', topic: `error-${k}` })));
    connection.addEventListener('death', mine((/** @type {{message: string}} */ data) => {
      run.running = false;
      this.ready = false;
      this.messages.show(`${this.labels[k]}: ${data.message}`, { kind: 'error', topic: `death-${k}`, title: this.t('death.title') });
      this.refresh();
    }));
    /** @type {{moduleBase?: string}} */
    const init = {};
    if (this.options.moduleBase) init.moduleBase = this.options.moduleBase;
    try {
      await connection.request('init', init);
    } catch (error) {
      connection.terminate();
      throw error;
    }
    return run;
  }

  /** @param {Run} run @param {number} k @param {number} generation */
  async configureRun(run, k, generation) {
    const config = entryConfig(/** @type {Config} */ (this.shared), this.entries[k]);
    await this.loadImages(run, config);
    if (generation !== this.generation) return;
    const reply = await run.connection.request('configure', { config });
    if (generation !== this.generation) return;
    run.config = reply.config;
    run.iteration = 0;
    run.stopped = false;
    this.gradients.setClip(k, reply.config.clip);
    this.setLayout(epochsOf(reply.snapshot.prediction) ? 'epochs' : 'steps');
    this.onSnapshot(k, reply.snapshot);
    if (this.layout === 'epochs') {
      // The table's parameter count: every number the worker's model holds (weights and biases).
      const { parameters } = await run.connection.request('parameters');
      if (generation !== this.generation) return;
      this.epochs.setParameters(k, parameters.reduce((sum, p) => sum + p.value.length, 0));
    }
  }

  /**
   * The digits task's images, which each worker fetches for itself (the browser's cache serves the second and
   * third) and holds for its configures; nothing for another task.
   * @param {Run} run @param {Config} config
   */
  async loadImages(run, config) {
    const dataset = config.task === 'digits' ? digitsDataset(config.data) : undefined;
    const url = this.options.digitsUrl;
    if (!dataset || !url) return;  // a bad `data` or a missing url: configure names it
    await run.connection.request('digits', { name: config.data, imagesUrl: url(`${dataset.folder}${dataset.images}`),
      labelsUrl: url(`${dataset.folder}${dataset.labels}`) });
  }

  /** @param {'steps' | 'epochs'} layout */
  setLayout(layout) {
    if (layout === this.layout) return;
    this.layout = layout;
    this.panel.setLayout(layout);
  }

  /** @param {number} k @param {SnapshotPayload} snapshot */
  onSnapshot(k, snapshot) {
    const run = this.runs[k];
    if (!run) return;
    run.iteration = snapshot.iteration;
    run.lastSnapshot = snapshot;
    run.stopped = snapshot.stopped;
    this.root.dataset.iterations = this.runs.map((r) => r.iteration).join(',');
    this.chart.update(k, snapshot);
    this.gradients.update(k, snapshot);
    this.epochs.update(k, snapshot);
  }

  /**
   * Whether `shared` and `entries` are what the models already train (then a start would only lose their progress).
   * @param {Config} shared @param {CompareEntry[]} entries
   */
  isSetUp(shared, entries) {
    return this.ready && JSON.stringify(shared) === JSON.stringify(this.shared) && formatCompare(entries) === formatCompare(this.entries);
  }

  /** The shared settings changed (the page's settings form): every model starts over with them. @param {Config} config */
  async setShared(config) {
    if (this.entries.length === 0 || this.isSetUp(config, this.entries)) return;
    await this.start(config, this.entries);
  }

  /** The reader typed a list of models. @param {string} text */
  async applyText(text) {
    const { entries, errors } = parseCompare(text);
    if (errors.length > 0) {
      this.panel.markInvalid();
      this.messages.show(errors.join('; '), { kind: 'error', topic: 'models', title: this.t('compare.modelsTitle') });
      return;
    }
    this.messages.clear('models');
    this.options.onEntries?.(entries);
    if (this.shared) await this.start(this.shared, entries);
  }

  /** @param {string} name  'train', 'pause', 'toggle', 'step' or 'reset' */
  action(name) {
    if (!this.ready) return;
    if (name === 'train') this.train();
    else if (name === 'pause') this.pauseAll();
    else if (name === 'toggle') (this.running ? this.pauseAll() : this.train());
    else if (name === 'step') this.step();
    else if (name === 'reset') this.reset();
  }

  /**
   * The updates a Train press runs on model k: the run's steps, or on a task that counts epochs (the digits task,
   * whose run setting is epochs) that many passes over its training images (the prediction's stepsPerEpoch: a
   * model with another batch size takes another number of steps). Undefined: until paused.
   * @param {Run} run @param {number} epochs
   */
  iterationsOf(run, epochs) {
    if (epochs <= 0) return undefined;
    const perEpoch = /** @type {{stepsPerEpoch?: unknown} | undefined} */ (run.lastSnapshot?.prediction)?.stepsPerEpoch;
    return this.layout === 'epochs' && typeof perEpoch === 'number' && perEpoch > 0 ? epochs * perEpoch : epochs;
  }

  /** Every model trains the run's steps (the same number each, or the same epochs), in its own worker. */
  async train() {
    if (this.running || !this.ready) return;
    this.options.beforeTrain?.();
    const epochs = this.options.epochs?.() ?? 0;
    const runs = this.runs.filter((run) => !run.stopped);
    for (const run of runs) {
      run.running = true;
      run.reason = '';
    }
    this.refresh();
    await Promise.all(runs.map(async (run, k) => {
      try {
        // The epochs' views draw no trace: a worker that does not record one spends its time training.
        await run.connection.request('train', { iterations: this.iterationsOf(run, epochs), trace: this.layout !== 'epochs', maxSnapshotsPerSecond: SNAPSHOTS_PER_SECOND });
      } catch (error) {
        run.running = false;
        this.messages.show(`${this.labels[k]}: ${messageOf(error)}`, { kind: 'error', topic: `error-${k}`, title: this.t('request.train.title') });
        this.refresh();
      }
    }));
  }

  async pauseAll() {
    const running = this.runs.filter((run) => run.running && !run.connection.dead);
    for (const run of running) run.running = false;
    this.refresh();
    await Promise.all(running.map((run) => run.connection.request('pause').catch(() => {})));
    this.refresh();
  }

  async step() {
    await this.pauseAll();
    await Promise.all(this.runs.map((run, k) => run.connection.request('step', { n: 1, trace: true })
      .catch((error) => this.messages.show(`${this.labels[k]}: ${messageOf(error)}`, { kind: 'error', topic: `error-${k}`, title: this.t('request.step.title') }))));
    this.panel.setStatus('paused');
    this.refresh();
  }

  async reset() {
    await this.pauseAll();
    await Promise.all(this.runs.map(async (run, k) => {
      try {
        const reply = await run.connection.request('reset');
        this.chart.clear(k);
        this.gradients.clear(k);
        run.stopped = false;
        this.onSnapshot(k, reply.snapshot);
      } catch (error) {
        this.messages.show(`${this.labels[k]}: ${messageOf(error)}`, { kind: 'error', topic: `error-${k}`, title: this.t('request.reset.title') });
      }
    }));
    this.messages.clear();
    this.panel.setStatus('');
    this.refresh();
  }

  refresh() {
    const running = this.running;
    this.panel.setState({ running, ready: this.ready });
    if (running) this.panel.setStatus('training');
    else if (this.panel.root.dataset.status === 'training') {
      this.panel.setStatus(this.runs.every((run) => run.reason === 'done' || run.reason === 'stopped') ? 'done' : 'paused');
    }
    this.root.dataset.iterations = this.runs.map((run) => run.iteration).join(',');
  }

  dispose() {
    this.disposed = true;
    ++this.generation;
    const runs = this.runs;
    this.runs = [];  // first: an ended worker's 'death' is then no one's
    for (const run of runs) run.connection.terminate();
    this.chart.dispose();
    this.gradients.dispose();
    this.epochs.dispose();
    this.root.replaceChildren();
  }
}
