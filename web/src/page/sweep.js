// SweepMode: held-out accuracy against the remember task's length T, for each model of the comparison. Every
// (T, model) is one run of a fixed number of steps from the same seed, remembering the first symbol (distance 0,
// so T is the distance to remember); at most SWEEP_WORKERS run at once, each in a worker of the pool, which
// takes the next run when one ends. The figure fills in as the runs train and exports as PNG and CSV.
//
//   const sweep = new SweepMode(root, { createWorker, moduleBase });
//   sweep.setup(sharedConfig, entries, { lengths, steps });   // the remember task only; other tasks hide it
//   await sweep.run();                                         // or the panel's Run button
//   sweep.stop();
import { WorkerConnection } from './worker-client.js';
import { SweepPanel } from '../views/sweep-panel.js';
import { MessageArea } from '../views/message-area.js';
import { entryConfig, entryLabel, parseSweepLengths, parseSweepSteps, SWEEP_DEFAULT_LENGTHS, SWEEP_DEFAULT_STEPS } from '../state/compare-spec.js';
import { sweepJobs, sweepCsv, SWEEP_WORKERS } from '../state/sweep-results.js';
import { accuracyOf } from '../views/compare-series.js';
import { translatorFor } from '../i18n/i18n.js';

/** @typedef {import('../api/rnnlab.js').Config} Config */
/** @typedef {import('../state/compare-spec.js').CompareEntry} CompareEntry */
/** @typedef {import('../worker/protocol.js').SnapshotPayload} SnapshotPayload */

/** Snapshots per second from each running worker: enough to see the points move. */
const SNAPSHOTS_PER_SECOND = 2;

/**
 * @typedef {object} SweepOptions
 * @property {() => Worker} createWorker
 * @property {string} [moduleBase]  the folder of the wasm modules (the worker loads its task's family's)
 * @property {(settings: {sweep: number[], sweepSteps: number}) => void} [onSettings]  a sweep started with these
 * @property {() => unknown} [beforeRun]  called before a sweep starts (compare mode pauses its own models)
 */

export class SweepMode {
  /** @param {HTMLElement} root @param {SweepOptions} options */
  constructor(root, options) {
    this.root = root;
    this.options = options;
    this.t = translatorFor(root);
    this.panel = new SweepPanel(root);
    this.messages = new MessageArea(this.panel.messages);
    /** @type {Config | null} */ this.shared = null;
    /** @type {CompareEntry[]} */ this.entries = [];
    /** @type {number[]} */ this.lengths = [...SWEEP_DEFAULT_LENGTHS];
    this.steps = SWEEP_DEFAULT_STEPS;
    /** @type {WorkerConnection[]} the pool, while a sweep runs */
    this.pool = [];
    this.running = false;
    this.generation = 0;
    root.addEventListener('sweep-run', (event) => {
      const { lengths, steps } = /** @type {CustomEvent<{lengths: string, steps: string}>} */ (event).detail;
      this.runFromFields(lengths, steps);
    });
    root.addEventListener('sweep-stop', () => this.stop());
    root.addEventListener('sweep-export', (event) => this.export(/** @type {CustomEvent<{format: string}>} */ (event).detail.format));
  }

  /**
   * @param {Config} shared @param {CompareEntry[]} entries
   * @param {{lengths?: number[], steps?: number}} settings  from the link; the defaults when left out
   */
  setup(shared, entries, { lengths, steps } = {}) {
    const changed = JSON.stringify([shared, entries]) !== JSON.stringify([this.shared, this.entries]);
    if (!changed && !lengths && !steps && this.shared) return;
    this.stop();
    this.shared = shared;
    this.entries = entries;
    if (lengths) this.lengths = lengths;
    if (steps) this.steps = steps;
    // The sweep varies the remember task's length: another task has none.
    this.root.hidden = shared.task !== 'remember';
    this.panel.setFields(this.lengths.join(' '), String(this.steps));
    this.reset();
  }

  /** @param {CompareEntry[]} entries */
  setEntries(entries) {
    if (this.shared) this.setup(this.shared, entries);
  }

  reset() {
    this.panel.setModels(this.entries.map(entryLabel), this.lengths, 1 / (this.shared?.symbols ?? 8), this.steps);
  }

  /** The Run button: the fields' texts, checked; a bad one is named with its limit and nothing starts. */
  async runFromFields(/** @type {string} */ lengthsText, /** @type {string} */ stepsText) {
    // Named as the link names them (sweep, sweepSteps), as every message about a setting is.
    const lengths = parseSweepLengths(lengthsText);
    const steps = parseSweepSteps(stepsText);
    const errors = [...lengths.errors, ...(steps.error ? [steps.error] : [])];
    if (errors.length > 0) {
      this.panel.markInvalid(true, lengths.errors.length > 0 && steps.error ? null : lengths.errors.length > 0 ? 'lengths' : 'steps');
      this.messages.show(errors.join('; '), { kind: 'error', topic: 'settings', title: this.t('sweep.badTitle') });
      return;
    }
    this.panel.markInvalid(false);
    this.messages.clear('settings');
    this.lengths = lengths.lengths;
    this.steps = /** @type {number} */ (steps.steps);
    this.panel.setFields(this.lengths.join(' '), String(this.steps));
    this.options.onSettings?.({ sweep: this.lengths, sweepSteps: this.steps });
    await this.run();
  }

  /** Runs every (length, model) for `steps` steps, SWEEP_WORKERS at a time. */
  async run() {
    if (this.running || !this.shared || this.entries.length === 0) return;
    await this.options.beforeRun?.();
    const generation = ++this.generation;
    this.running = true;
    this.reset();
    this.messages.clear();
    this.panel.setRunning(true);
    const jobs = sweepJobs(this.lengths.length, this.entries.length);
    let next = 0;
    const worker = async () => {
      /** @type {WorkerConnection | null} */
      let connection = null;
      while (next < jobs.length && generation === this.generation) {
        const job = jobs[next++];
        try {
          if (!connection) {
            connection = new WorkerConnection(this.options.createWorker());
            this.pool.push(connection);
            /** @type {{moduleBase?: string}} */
            const init = {};
            if (this.options.moduleBase) init.moduleBase = this.options.moduleBase;
            await connection.request('init', init);
          }
          await this.runJob(connection, job.t, job.k, generation);
        } catch (error) {
          if (generation !== this.generation) return;
          this.panel.setCell(job.t, job.k, { state: 'failed' });
          const where = this.t('sweep.where', { model: entryLabel(this.entries[job.k]), length: this.lengths[job.t] });
          this.messages.show(`${where}: ${error instanceof Error ? error.message : String(error)}`, { kind: 'error', topic: `job-${job.t}-${job.k}` });
          if (connection?.dead) connection = null;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(SWEEP_WORKERS, jobs.length) }, worker));
    if (generation !== this.generation) return;
    this.endPool();
    this.running = false;
    this.panel.setRunning(false);
  }

  /**
   * One run: the shared config with the model's keys, length T, the first symbol; `steps` steps, the point moving
   * with each snapshot; at the end the Jacobian norm of the last state on the first.
   * @param {WorkerConnection} connection @param {number} t @param {number} k @param {number} generation
   */
  async runJob(connection, t, k, generation) {
    const config = { ...entryConfig(/** @type {Config} */ (this.shared), this.entries[k]), length: this.lengths[t], distance: 0 };
    await connection.request('configure', { config });
    if (generation !== this.generation) return;
    this.panel.setCell(t, k, { state: 'running' });
    /** @param {SnapshotPayload} snapshot */
    const show = (snapshot) => {
      const measured = accuracyOf(snapshot.prediction, snapshot.iteration);
      this.panel.setCell(t, k, { steps: snapshot.iteration, loss: snapshot.loss,
        ...(measured ? { accuracy: measured.accuracy, at: measured.at } : {}) });
    };
    const onSnapshot = (/** @type {Event} */ event) => { if (generation === this.generation) show(/** @type {MessageEvent<SnapshotPayload>} */ (event).data); };
    const listening = new AbortController();
    connection.addEventListener('snapshot', onSnapshot, { signal: listening.signal });
    try {
      const ended = new Promise((resolve, reject) => {
        connection.addEventListener('paused', (event) => resolve(/** @type {MessageEvent} */ (event).data), { signal: listening.signal });
        connection.addEventListener('death', (event) => reject(new Error(/** @type {MessageEvent<{message: string}>} */ (event).data.message)), { signal: listening.signal });
      });
      await connection.request('train', { iterations: this.steps, trace: false, maxSnapshotsPerSecond: SNAPSHOTS_PER_SECOND });
      const end = /** @type {{reason: string, message: string}} */ (await ended);
      if (generation !== this.generation) return;
      const last = await connection.request('snapshot', { trace: true });
      show(last);
      const jacobian = last.trace?.layers[0]?.jacobianNorm?.[0];
      this.panel.setCell(t, k, { state: end.reason === 'stopped' ? 'failed' : 'done', jacobianFirst: jacobian ?? NaN });
      if (end.reason === 'stopped') throw new Error(end.message);
    } finally {
      listening.abort();
    }
  }

  stop() {
    if (!this.running) return;
    ++this.generation;
    this.running = false;
    this.endPool();
    for (const row of this.panel.cells) for (const cell of row) if (cell.state === 'running') cell.state = 'waiting';
    this.panel.setRunning(false);
  }

  /** The pool's workers are ended when a sweep ends: the memory is the page's again. */
  endPool() {
    const pool = this.pool;
    this.pool = [];
    for (const connection of pool) connection.terminate();
  }

  /** @param {string} format  'png' or 'csv' */
  export(format) {
    const models = this.entries.map(entryLabel);
    const name = `rnnlab-sweep-${this.entries.map((e) => e.text.replace(/[^a-z0-9.]+/gi, '-')).join('-')}-${this.steps}-steps`;
    if (format === 'csv') {
      this.panel.download(new Blob([sweepCsv(this.lengths, models, this.panel.cells)], { type: 'text/csv' }), `${name}.csv`);
      return;
    }
    const figure = this.panel.figure(this.t('sweep.figure', { steps: this.steps, symbols: this.shared?.symbols ?? 8 }));
    figure?.toBlob((blob) => { if (blob) this.panel.download(blob, `${name}.png`); }, 'image/png');
  }

  dispose() {
    this.stop();
    this.panel.dispose();
  }
}
